"""JSON Lines batches: one Document per line, positions in the JSONL file, errors per line, streaming."""

import io
import json
import tracemalloc
from pathlib import Path

from jdlint.document import Document
from jdlint.errors import InputError
from jdlint.readers.jsonl import iter_records

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "postings.jsonl"


def _lines(*records) -> bytes:
    return b"".join((r if isinstance(r, str) else json.dumps(r)).encode() + b"\n" for r in records)


def _where(doc: Document, word: str) -> tuple[int, int, int]:
    start = doc.text.index(word)
    line, col, end_line, end_col = doc.position(start, start + len(word))
    assert end_line == line
    return line, col, end_col


def test_positions_point_at_the_record_line_of_the_file():
    raw = _lines({"id": "a", "description": "First posting."}, "", {"id": "b", "title": "Chef",
                 "description": "<p>Cook at our caf\u00e9 &amp; grill.</p>"})
    docs = list(iter_records(io.BytesIO(raw), "batch.jsonl"))
    assert [d.path for d in docs] == ["batch.jsonl#a", "batch.jsonl#b"]
    assert [d.meta["line"] for d in docs] == [1, 3]
    file_lines = raw.decode().splitlines()
    for word in ("Cook", "café", "&", "grill", "Chef"):
        line, col, end_col = _where(docs[1], word)
        assert line == 3
        spelled = file_lines[line - 1][col - 1 : end_col - 1]
        assert spelled == {"café": "caf\\u00e9", "&": "&amp;"}.get(word, word)
    assert _where(docs[0], "posting")[0] == 1


def test_malformed_lines_are_reported_and_the_batch_goes_on():
    raw = _lines({"id": 1, "text": "ok one"}, '{"id": 2, "text": }', "[1, 2]", '"just a string"',
                 {"id": 5, "salary": 10}, {"id": 6, "text": "ok six"})
    raw += b'{"id": 7, "text": "bad \xff byte"}\n' + _lines({"id": 8, "text": "ok eight"})
    out = list(iter_records(io.BytesIO(raw), "b.jsonl"))
    kinds = [type(x).__name__ for x in out]
    assert kinds == ["Document", "InputError", "InputError", "InputError", "InputError", "Document",
                     "InputError", "Document"]
    errors = [str(x) for x in out if isinstance(x, InputError)]
    assert errors[0] == "b.jsonl:2: is not valid JSON: Expecting value (column 19)"
    assert errors[1] == "b.jsonl:3: is not a JSON object (found an array)"
    assert errors[2] == "b.jsonl:4: is not a JSON object (found a string)"
    assert errors[3].startswith("b.jsonl:5: has no posting text")
    assert errors[4].startswith("b.jsonl:7: is not valid UTF-8 (byte 0xff")
    assert [d.path for d in out if isinstance(d, Document)] == ["b.jsonl#1", "b.jsonl#6", "b.jsonl#8"]


def test_text_streams_bom_crlf_and_ids():
    text = "\ufeff" + json.dumps({"meta": {"req": "R-9"}, "body": "Drive the van."}) + "\r\n" + \
        json.dumps({"body": "No id here."}) + "\r\n"
    docs = list(iter_records(io.StringIO(text, newline=""), "t.jsonl", id_field="meta.req"))
    assert [d.path for d in docs] == ["t.jsonl#R-9", "t.jsonl#line2"]
    assert docs[0].text == "Drive the van." and docs[1].text == "No id here."
    assert _where(docs[1], "here") == (2, 17, 21)
    assert docs[0].meta["record_id"] == "R-9" and "record_id" not in docs[1].meta


def test_text_field_override_and_shapes():
    raw = _lines({"id": 1, "summary": "short", "full": "The long posting text."},
                 {"id": 2, "@type": "JobPosting", "title": "Baker", "description": "Bake."},
                 {"id": 3, "summary": "no full text"})
    out = list(iter_records(io.BytesIO(raw), "s.jsonl", text_field="full"))
    assert out[0].text == "The long posting text."
    assert str(out[2]).startswith("s.jsonl:3: has no field 'full'")
    plain = list(iter_records(io.BytesIO(raw), "s.jsonl"))
    assert plain[1].meta["input"] == "schema.org" and plain[1].fields["jobposting"]["title"] == "Baker"


def test_example_batch_reads():
    with EXAMPLE.open("rb") as f:
        docs = list(iter_records(f, "examples/postings.jsonl"))
    assert all(isinstance(d, Document) for d in docs)
    assert [d.meta["line"] for d in docs] == [1, 2, 3, 4, 5]
    assert docs[1].path == "examples/postings.jsonl#req-1002"
    assert _where(docs[1], "rockstar")[0] == 2


def test_lint_documents_end_to_end():
    from jdlint.config import Config
    from jdlint.lint import Linter

    raw = _lines({"id": 1, "text": "A calm team."}, {"id": 2, "text": "We want an aggressive,\nambitious closer."})
    docs = [d for d in iter_records(io.BytesIO(raw), "e.jsonl") if isinstance(d, Document)]
    results = list(Linter(Config(select=["bias"])).lint_documents(docs))
    assert [r.path for r in results] == ["e.jsonl#1", "e.jsonl#2"]
    findings = [f for f in results[1].findings if f.match]
    assert {f.match.lower() for f in findings} >= {"aggressive", "ambitious"}
    line2 = raw.decode().splitlines()[1]
    for f in findings:
        assert f.line == 2
        assert line2[f.column - 1 : f.end_column - 1].lower() == f.match.lower()


# -- streaming ---------------------------------------------------------------------------------


def _record(i: int) -> str:
    if i % 10 == 0:
        return json.dumps({"id": i, "title": "Chef", "description": f"<p>Cook at caf\u00e9 {i} &amp; grill.</p>"})
    return json.dumps({"id": f"job-{i}", "title": "Porter", "description": f"Posting {i}.\nCarry bags."})


def _consume(records, n: int) -> None:
    for _ in range(n):
        item = next(records)
        assert isinstance(item, Document)


def test_100k_lines_stream_in_constant_memory(tmp_path):
    """A 100,000-line batch is read with memory that does not grow with the number of records.

    tracemalloc slows allocation several-fold, so rather than tracing two whole runs (10k and
    100k lines) it traces two 10,000-record windows of the same 100k-line run: the first and
    the last. Memory that grew with the records would show twice: as allocations still alive
    at the end of a window, and as a higher peak in the last window than in the first.
    """
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for i in range(100_000):
            f.write(_record(i) + "\n")
    with path.open("rb") as f:
        records = iter_records(f, str(path))
        _consume(records, 2_000)  # warm up: imports, regex and lexicon caches, interned strings
        assert f.tell() < 1_000_000  # streaming: the file is not read whole

        tracemalloc.start()
        _consume(records, 10_000)
        retained_first, peak_first = tracemalloc.get_traced_memory()
        tracemalloc.stop()

        _consume(records, 100_000 - 2_000 - 20_000)

        tracemalloc.start()
        _consume(records, 10_000)
        retained_last, peak_last = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert next(records, None) is None

    assert retained_first < 64_000 and retained_last < 64_000, (retained_first, retained_last)
    assert peak_last < peak_first * 1.5 + 64_000, (peak_first, peak_last)
    assert peak_last < 2_000_000
