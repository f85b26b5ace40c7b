"""`jdlint check` on JSON Lines: streamed records, one output object per record, bad lines skipped."""

import json

RECORDS = [
    {"id": "r1", "description": "We need a rockstar ninja. Competitive salary."},
    "this line is not JSON",
    {"id": 2, "description": "Barista in Denver, CO, on-site. Pay: $18-$22 per hour."},
    {"id": "r3", "description": "Remote (US). Pay: $90,000 - $110,000 per year. We are an equal opportunity employer."},
]


def jsonl(tmp_path, records=RECORDS, name="feed.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n")
    return path


def test_json_lines_out_one_object_per_record(cli, tmp_path):
    jsonl(tmp_path)
    res = cli("check", "--format", "json", "feed.jsonl", "--text-field", "description")
    lines = [json.loads(line) for line in res.stdout.splitlines()]
    assert [(o["id"], o["line"]) for o in lines] == [("r1", 1), (None, 2), ("2", 3), ("r3", 4)]
    assert "error" in lines[1] and "line" not in lines[1]["error"].split(":")[0]
    assert {"facts", "findings"} <= set(lines[0])
    assert any(f["rule"] == "bias.jargon" for f in lines[0]["findings"])
    assert lines[2]["facts"]["pay"]["currency"] == "USD"
    assert all(f["line"] == 3 for f in lines[2]["findings"])  # positions point at the record's line
    assert res.exit_code == 2  # a malformed line is an input error, but the batch went on
    assert "feed.jsonl:2" in res.stderr


def test_jsonl_from_stdin_and_parallel_same_output(cli, tmp_path):
    path = jsonl(tmp_path, [RECORDS[0], RECORDS[2], RECORDS[3]] * 30)
    one = cli("check", "--format", "json", "feed.jsonl").stdout
    two = cli("check", "--format", "json", "-j", "2", "feed.jsonl").stdout
    piped = cli("check", "--format", "json", "--input-format", "jsonl", "-", input=path.read_bytes()).stdout
    assert one == two
    assert [json.loads(x)["id"] for x in piped.splitlines()] == [json.loads(x)["id"] for x in one.splitlines()]


def test_jsonl_text_report_and_summary(cli, tmp_path):
    jsonl(tmp_path, [RECORDS[0]])
    res = cli("check", "feed.jsonl")
    assert "feed.jsonl#r1:1:" in res.stdout
    assert res.stdout.strip().splitlines()[-1].startswith("1 records,")
    assert res.exit_code == 1


def test_jsonl_cannot_mix_with_files(cli, tmp_path):
    jsonl(tmp_path)
    (tmp_path / "a.md").write_text("hi\n")
    res = cli("check", "feed.jsonl", "a.md")
    assert res.exit_code == 2 and "cannot be mixed" in res.output + res.stderr
