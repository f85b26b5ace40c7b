"""GitHub Actions annotations: one escaped workflow command per finding."""

from __future__ import annotations

from pathlib import Path

import pytest

from jdlint.model import Finding, Result
from jdlint.reports import Run, render
from jdlint.reports.github import escape_data, escape_property


def finding(**kw) -> Finding:
    defaults = dict(
        rule="bias.jargon",
        category="bias",
        severity="warning",
        message="“rockstar” is jargon.",
        line=3,
        column=11,
        end_line=3,
        end_column=19,
        match="rockstar",
    )
    defaults.update(kw)
    return Finding(**defaults)


def lines(tmp_path: Path, *findings: Finding, path: str | None = None, **kw) -> list[str]:
    path = path or str(tmp_path / "jobs" / "engineer.md")
    run = Run(results=[Result(path=path, findings=list(findings))], rules=[], version="1", root=tmp_path, **kw)
    return render("github", run).splitlines()


def test_escape_data():
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_data("a: b, c") == "a: b, c"


def test_escape_property():
    assert escape_property("jobs/a,b:c.md") == "jobs/a%2Cb%3Ac.md"
    assert escape_property("50%\n") == "50%25%0A"


def test_percent_escaped_first():
    """Escaping % after the others would turn %0A into %250A."""
    assert escape_data("\n") == "%0A"
    assert escape_property(",") == "%2C"


@pytest.mark.parametrize(("severity", "cmd"), [("error", "error"), ("warning", "warning"), ("info", "notice")])
def test_command_per_severity(tmp_path, severity, cmd):
    (line,) = lines(tmp_path, finding(severity=severity))
    assert line == (
        f"::{cmd} file=jobs/engineer.md,line=3,endLine=3,col=11,endColumn=18,title=bias.jargon::“rockstar” is jargon."
    )


def test_message_and_path_are_escaped(tmp_path):
    (line,) = lines(tmp_path, finding(message="Pay: 100%\nno range, really"), path=str(tmp_path / "a,b:c.md"))
    assert line.startswith("::warning file=a%2Cb%3Ac.md,")
    assert line.endswith("::Pay: 100%25%0Ano range, really")


def test_suggestion_appended(tmp_path):
    (line,) = lines(tmp_path, finding(suggestion="expert"))
    assert line.endswith("::“rockstar” is jargon. Consider “expert”.")


def test_multiline_finding_has_no_columns(tmp_path):
    (line,) = lines(tmp_path, finding(end_line=4, end_column=3))
    assert "line=3,endLine=4,title=" in line
    assert "col=" not in line and "endColumn=" not in line


def test_posting_level_finding_has_only_a_line(tmp_path):
    (line,) = lines(
        tmp_path,
        finding(
            rule="pay.missing",
            severity="error",
            message="No pay range.",
            line=1,
            column=1,
            end_line=1,
            end_column=1,
            posting_level=True,
        ),
    )
    assert line == "::error file=jobs/engineer.md,line=1,title=pay.missing::No pay range."


def test_input_errors_become_error_commands(tmp_path):
    out = lines(tmp_path, errors=["jobs/x.md: is not valid UTF-8"])
    assert out == ["::error title=jdlint::jobs/x.md: is not valid UTF-8"]


def test_no_findings_no_output(tmp_path):
    assert lines(tmp_path) == []


# ------------------------------------------------------------------ example workflows

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _workflow(name: str) -> dict:
    import yaml

    data = yaml.safe_load((EXAMPLES / "github" / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as True
    return data


def _steps(workflow: dict) -> list[dict]:
    (job,) = workflow["jobs"].values()
    return job["steps"]


def test_sarif_workflow():
    wf = _workflow("jdlint.yml")
    assert wf["permissions"] == {"contents": "read", "security-events": "write"}
    assert {"push", "pull_request"} <= set(wf["on"])
    steps = _steps(wf)
    lint = next(s for s in steps if "jdlint check" in s.get("run", ""))
    assert "--format sarif" in lint["run"] and "jobs/" in lint["run"]
    assert lint["continue-on-error"] is True
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert upload["uses"].endswith("@v3")
    assert upload["if"] == "always()"
    assert upload["with"]["sarif_file"] in lint["run"]
    # the job still fails when jdlint did, after the upload
    assert steps.index(upload) < len(steps) - 1
    assert lint["id"] in steps[-1]["if"] and "exit 1" in steps[-1]["run"]


def test_annotations_workflow():
    wf = _workflow("jdlint-annotations.yml")
    assert wf["permissions"] == {"contents": "read"}
    lint = next(s for s in _steps(wf) if "jdlint check" in s.get("run", ""))
    assert "--format github" in lint["run"] and "jobs/" in lint["run"]
    assert "continue-on-error" not in lint
