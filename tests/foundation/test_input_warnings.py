"""What a reader skipped (a broken JSON-LD block, postings after the first) reaches the user:
on stderr, in the JSON report's ``meta`` and as SARIF tool notifications; never in the findings."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from jdlint.cli import main

TWO_POSTINGS = json.dumps([
    {"@type": "JobPosting", "title": "Nurse", "description": "Care for patients in Denver, CO."},
    {"@type": "JobPosting", "title": "Driver", "description": "Drive a van."},
])
BROKEN_JSONLD = ('<html><head><script type="application/ld+json">{"@type": "JobPosting", "title": </script>'
                 "</head><body><h1>Barista</h1><p>Make coffee in Austin, TX.</p></body></html>")
CLEAN = "# Barista\n\nMake coffee in Austin, TX.\n"


def _postings(tmp_path: Path) -> Path:
    (tmp_path / "two.json").write_text(TWO_POSTINGS, encoding="utf-8")
    (tmp_path / "page.html").write_text(BROKEN_JSONLD, encoding="utf-8")
    (tmp_path / "clean.md").write_text(CLEAN, encoding="utf-8")
    return tmp_path


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.stdout, result.stderr


def test_warnings_go_to_stderr_one_line_each(tmp_path: Path) -> None:
    code, _, err = _run(str(_postings(tmp_path)))
    lines = [line for line in err.splitlines() if "warning:" in line]
    assert len(lines) == 2
    assert any(line.startswith(f"jdlint: warning: {tmp_path / 'two.json'}: holds 2 postings") for line in lines)
    assert any(f"{tmp_path / 'page.html'}: JSON-LD block is not valid JSON" in line for line in lines)
    assert code in (0, 1)  # a warning is not an input error


def test_quiet_hides_them(tmp_path: Path) -> None:
    _, _, err = _run("-q", str(_postings(tmp_path)))
    assert "warning:" not in err


def test_json_report_carries_them_in_meta(tmp_path: Path) -> None:
    _, out, _ = _run("--format", "json", str(_postings(tmp_path)))
    by_name = {Path(f["path"]).name: f for f in json.loads(out)["files"]}
    assert by_name["two.json"]["meta"]["warnings"][0].startswith("holds 2 postings")
    assert "not valid JSON" in by_name["page.html"]["meta"]["warnings"][0]
    assert "warnings" not in by_name["clean.md"].get("meta", {})


def test_sarif_reports_them_as_tool_notifications(tmp_path: Path) -> None:
    _, out, _ = _run("--format", "sarif", str(_postings(tmp_path)))
    invocation = json.loads(out)["runs"][0]["invocations"][0]
    notes = invocation["toolExecutionNotifications"]
    assert [n["level"] for n in notes] == ["warning", "warning"]
    assert invocation["executionSuccessful"] is True


def test_parallel_workers_keep_them(tmp_path: Path) -> None:
    postings = _postings(tmp_path)
    for i in range(40):
        (postings / f"more-{i}.md").write_text(CLEAN, encoding="utf-8")
    _, out, _ = _run("-j", "2", "--format", "json", str(postings))
    by_name = {Path(f["path"]).name: f for f in json.loads(out)["files"]}
    assert by_name["two.json"]["meta"]["warnings"]
