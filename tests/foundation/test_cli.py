"""The CLI end to end: exit codes, formats, bad input, stdin, output files."""

import json
import os
from pathlib import Path

import pytest

MASCULINE = ("We want a competitive, dominant, decisive and ambitious leader who is assertive, "
             "independent, self-reliant and confident.\n")
CLEAN = "We are a small bakery hiring a baker to bake bread and pastries each morning.\n"


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_exit_1_on_strongly_masculine_posting(cli, tmp_path):
    write(tmp_path / "job.md", MASCULINE)
    res = cli("check", "--select", "bias", "job.md")
    assert res.exit_code == 1
    assert "bias.gender-coded-balance" in res.output
    assert res.output.strip().splitlines()[-1].startswith("Found ")


def test_exit_0_on_clean_posting(cli, tmp_path):
    write(tmp_path / "job.md", CLEAN)
    res = cli("check", "--select", "bias", "job.md")
    assert res.exit_code == 0, res.output
    assert "No problems found in 1 file." in res.output


def test_fail_on_levels(cli, tmp_path):
    write(tmp_path / "job.md", "You will lead the team.\n")  # one info finding
    assert cli("check", "--select", "bias", "job.md").exit_code == 0
    assert cli("check", "--select", "bias", "--fail-on", "info", "job.md").exit_code == 1
    write(tmp_path / "bad.md", MASCULINE)
    assert cli("check", "--select", "bias", "--fail-on", "never", "bad.md").exit_code == 0
    assert cli("check", "--select", "bias", "--fail-on", "error", "bad.md").exit_code == 0
    assert cli("check", "--select", "bias", "--exit-zero", "bad.md").exit_code == 0


def test_json_report_shape(cli, tmp_path):
    write(tmp_path / "job.md", MASCULINE)
    res = cli("check", "--format", "json", "job.md")
    data = json.loads(res.output)
    assert set(data) >= {"tool", "files", "summary"}
    assert data["tool"]["name"] == "jdlint"
    (entry,) = data["files"]
    assert entry["path"] == "job.md"
    facts = entry["facts"]
    for key in ("pay", "locations", "work_mode", "eeo", "jurisdictions", "gender_coding"):
        assert key in facts
    assert facts["gender_coding"]["masculine"] >= 8
    finding = entry["findings"][0]
    assert set(finding) == {"rule", "category", "severity", "message", "line", "column", "end_line",
                            "end_column", "match", "suggestion"}
    assert data["summary"]["files"] == 1
    assert set(data["summary"]["by_severity"]) == {"error", "warning", "info"}
    assert data["summary"]["findings"] == len(entry["findings"])


def test_findings_sorted_by_path_line_column(cli, tmp_path):
    write(tmp_path / "b.md", "You will lead.\nAnd lead again, leading.\n")
    write(tmp_path / "a.md", "Lead, lead.\n")
    data = json.loads(cli("check", "--format", "json", "--select", "bias.gender-coded", ".").output)
    assert [f["path"] for f in data["files"]] == ["a.md", "b.md"]
    for entry in data["files"]:
        keys = [(f["line"], f["column"]) for f in entry["findings"]]
        assert keys == sorted(keys)


def test_stdin_with_filename(cli):
    res = cli("check", "--select", "bias", "--stdin-filename", "jobs/x.md", "-", input=MASCULINE)
    assert res.exit_code == 1
    assert "jobs/x.md:1:1:" in res.output


def test_output_file_written(cli, tmp_path):
    write(tmp_path / "job.md", CLEAN)
    res = cli("check", "--format", "json", "--output", "report.json", "job.md")
    assert res.output == ""
    assert json.loads((tmp_path / "report.json").read_text())["summary"]["files"] == 1


def test_statistics(cli, tmp_path):
    write(tmp_path / "job.md", MASCULINE)
    res = cli("check", "--statistics", "--quiet", "--select", "bias", "job.md")
    assert any(line.split()[1:2] == ["bias.gender-coded"] for line in res.output.splitlines() if line.strip())


def test_no_color_by_default_when_not_a_tty(cli, tmp_path):
    write(tmp_path / "job.md", MASCULINE)
    assert "\x1b[" not in cli("check", "job.md").output
    assert "\x1b[" in cli("check", "--color", "job.md").output


# -- bad input: one line naming the file, exit 2, the other files still linted ---------------

@pytest.mark.parametrize("name, content, problem", [
    ("binary.txt", b"\x00\x01\x02\x03" * 10, "binary"),
    ("latin1.txt", "Caf\xe9 job".encode("latin-1"), "not valid UTF-8"),
    ("utf16.txt", "hello".encode("utf-16"), "UTF-16"),
    ("broken.md", "---\ntitle: [x\n---\nBody\n", "front matter"),
])
def test_bad_files_exit_2_and_others_still_reported(cli, tmp_path, name, content, problem):
    write(tmp_path / name, content)
    write(tmp_path / "good.md", MASCULINE)
    res = cli("check", "--format", "json", name, "good.md")
    assert res.exit_code == 2
    err_lines = [line for line in res.stderr.splitlines() if line]
    assert len(err_lines) == 1 and name in err_lines[0] and problem in err_lines[0]
    assert "Traceback" not in res.output + res.stderr
    data = json.loads(res.stdout)
    assert [f["path"] for f in data["files"]] == ["good.md"]
    assert data["errors"][0]["path"] == name


def test_missing_path(cli):
    res = cli("check", "nope.md")
    assert res.exit_code == 2
    assert "nope.md: no such file or directory" in res.stderr


def test_directory_with_no_postings_is_a_note_not_an_error(cli, tmp_path):
    (tmp_path / "empty").mkdir()
    res = cli("check", "empty")
    assert res.exit_code == 0
    assert "no postings found" in res.stderr


def test_empty_file_is_linted(cli, tmp_path):
    write(tmp_path / "empty.md", "")
    res = cli("check", "--format", "json", "empty.md")
    assert res.exit_code in (0, 1)
    assert json.loads(res.stdout)["files"][0]["path"] == "empty.md"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files without permission")
def test_unreadable_file(cli, tmp_path):
    p = write(tmp_path / "secret.md", CLEAN)
    p.chmod(0)
    res = cli("check", "secret.md")
    assert res.exit_code == 2 and "permission denied" in res.stderr


def test_unreadable_file_via_directory_path(cli, tmp_path):
    """Reading a path that cannot be read as a file gives one line, not a traceback (works as root)."""
    from jdlint.errors import InputError
    from jdlint.lint import read_path

    (tmp_path / "d.md").mkdir()
    with pytest.raises(InputError, match="is a directory"):
        read_path("d.md", tmp_path / "d.md")


def test_large_file_works(cli, tmp_path):
    para = "We build tools for bakers and florists; you will write clear, tested code with your team.\n"
    write(tmp_path / "big.txt", para * (5_000_000 // len(para)))
    res = cli("check", "--format", "json", "--select", "bias", "big.txt")
    assert res.exit_code in (0, 1)
    assert json.loads(res.stdout)["summary"]["files"] == 1


def test_broken_config(cli, tmp_path):
    write(tmp_path / ".jdlint.yaml", "select: [bias\n")
    write(tmp_path / "job.md", CLEAN)
    res = cli("check", "job.md")
    assert res.exit_code == 2
    assert ".jdlint.yaml" in res.stderr and "not valid YAML" in res.stderr


@pytest.mark.parametrize("content, key", [
    ("colour: red\n", "colour"),
    ("select: 3\n", "select"),
    ("fail_on: sometimes\n", "fail_on"),
    ("severity: {bias.age: fatal}\n", "severity.bias.age"),
])
def test_config_errors_name_the_key(cli, tmp_path, content, key):
    write(tmp_path / ".jdlint.yaml", content)
    write(tmp_path / "job.md", CLEAN)
    res = cli("check", "job.md")
    assert res.exit_code == 2
    assert f"'{key}'" in res.stderr and len(res.stderr.strip().splitlines()) == 1


def test_unknown_format_is_usage_error(cli):
    assert cli("check", "--format", "xml", ".").exit_code == 2


# -- other commands ---------------------------------------------------------------------------

def test_rules_lists_packs(cli):
    res = cli("rules")
    assert res.exit_code == 0
    assert "bias.gender-coded" in res.output and "bias.gender-coded-balance" in res.output
    data = json.loads(cli("rules", "--format", "json").output)
    assert {r["id"] for r in data} >= {"bias.gender-coded", "bias.gender-coded-balance"}


def test_explain(cli):
    res = cli("explain", "bias.gender-coded-balance")
    assert res.exit_code == 0
    assert "Gaucher" in res.output and "Sources:" in res.output and "Flagged:" in res.output
    res = cli("explain", "bias.nope")
    assert res.exit_code == 2 and "unknown rule" in res.stderr


def test_init_writes_once(cli, tmp_path):
    assert cli("init").exit_code == 0
    import yaml

    assert isinstance(yaml.safe_load((tmp_path / ".jdlint.yaml").read_text()), dict)
    res = cli("init")
    assert res.exit_code == 2 and "already exists" in res.stderr


def test_version(cli):
    import jdlint

    res = cli("--version")
    assert res.exit_code == 0 and jdlint.__version__ in res.output


def test_jobs_keep_output_order(cli, tmp_path):
    for i in range(40):
        write(tmp_path / "jobs" / f"{i:02d}.md", MASCULINE if i % 3 == 0 else CLEAN)
    one = json.loads(cli("check", "--format", "json", "--select", "bias", "jobs").stdout)
    two = json.loads(cli("check", "--format", "json", "--select", "bias", "-j", "2", "jobs").stdout)
    assert one == two
    assert [f["path"] for f in two["files"]] == sorted(f["path"] for f in two["files"])


def test_jobs_rejects_nonsense(cli, tmp_path):
    write(tmp_path / "a.md", CLEAN)
    res = cli("check", "-j", "lots", "a.md")
    assert res.exit_code == 2 and "--jobs" in res.output + res.stderr


def test_long_lines_are_shown_as_a_window(cli, tmp_path):
    write(tmp_path / "job.txt", "x " * 200 + "You will lead the team. " + "y " * 200 + "\n")
    res = cli("check", "--select", "bias.gender-coded", "job.txt")
    excerpt = next(line for line in res.stdout.splitlines() if line.startswith("1 |"))
    assert "lead" in excerpt and len(excerpt) < 140 and "…" in excerpt
    marker = res.stdout.splitlines()[res.stdout.splitlines().index(excerpt) + 1]
    assert excerpt[marker.index("^")] == "l"


def test_streamed_json_equals_rendered_json(tmp_path):
    import io

    import jdlint
    from jdlint.reports import Run
    from jdlint.reports.json_report import render
    from jdlint.reports.json_report import write as write_json

    results = [jdlint.lint_text(MASCULINE, path="a.md"), jdlint.lint_text(CLEAN, path="b.md")]
    for run in (Run(results=results, rules=[], version="1"), Run(results=[], rules=[], version="1")):
        out = io.StringIO()
        write_json(run, out)
        assert json.loads(out.getvalue()) == json.loads(render(run))
