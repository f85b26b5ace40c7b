"""jdlint's SARIF passes Microsoft's SARIF Multitool with GitHub's ingestion rules.

The validator (shared/tools/validate-sarif.sh) installs @microsoft/sarif-multitool from npm on
first use, so these tests are slow the first time and skip where npm or the script is absent.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from jdlint.engine.rule import Rule
from jdlint.model import Finding, Result
from jdlint.reports import Run, render

REPO = Path(__file__).resolve().parents[2]
VALIDATOR = REPO.parent / "shared" / "tools" / "validate-sarif.sh"

pytestmark = pytest.mark.slow


def _require_validator() -> None:
    if not VALIDATOR.exists():
        pytest.skip(f"SARIF validator script not found at {VALIDATOR}")
    if not (shutil.which("npx") and shutil.which("npm")):
        pytest.skip("npm/npx not installed: the SARIF Multitool validator is an npm package")


def validate(path: Path) -> tuple[int, int, str]:
    """Run the validator; return (errors, warnings, output)."""
    proc = subprocess.run(["bash", str(VALIDATOR), str(path)], capture_output=True, text=True, timeout=900)
    out = proc.stdout + proc.stderr
    if proc.returncode == 2:
        pytest.skip(f"SARIF validator could not run: {out.strip()[-300:]}")
    m = re.search(r": (\d+) errors, (\d+) warnings", out)
    assert m, out
    return int(m.group(1)), int(m.group(2)), out


def _rule(rule_id: str, severity: str, **kw) -> Rule:
    base = dict(
        category=rule_id.split(".")[0],
        severity=severity,
        message="“{match}” needs a look",
        rationale="Why it matters, in two sentences. Applicants read it this way.",
        sources=["29 CFR 1625.4 — EEOC, help-wanted notices", "https://example.org/guidance"],
        kind="terms",
        data={},
        pack="rules/x.yaml",
    )
    base.update(kw)
    return Rule(id=rule_id, **base)


def sample_run(root: Path) -> Run:
    """Every kind of result the renderer produces: spans, posting-level, fixes, unicode, errors."""
    source = "# Rockstar 🚀 engineer\n\nWe want a rockstar ninja, aged 25-35.\nSalary: competitive\n"
    path = root / "jobs" / "senior engineer.md"
    path.parent.mkdir(parents=True)
    path.write_text(source, encoding="utf-8")
    findings = [
        Finding("pay.missing", "pay", "error", "No pay range is stated", 1, 1, 1, 1, posting_level=True),
        Finding(
            "bias.jargon",
            "bias",
            "warning",
            "“rockstar” is jargon",
            3,
            11,
            3,
            19,
            match="rockstar",
            suggestion="expert",
            start=34,
            end=42,
            fix="expert",
        ),
        Finding("bias.jargon", "bias", "warning", "“Rockstar” is jargon", 1, 3, 1, 11, match="Rockstar"),
        Finding("bias.age", "bias", "error", "“aged 25-35” states an age range", 3, 27, 3, 37, match="aged 25-35"),
        Finding("style.vague-pay", "style", "info", "“competitive” says nothing", 4, 9, 4, 20, match="competitive"),
        # from --report-unused-disables: a rule no pack declares
        Finding(
            "suppression.unused",
            "suppression",
            "warning",
            "This comment suppresses nothing; remove it",
            2,
            1,
            2,
            1,
            match="",
        ),
    ]
    rules = [
        _rule("bias.age", "error", jurisdictions=["US"], examples_fail=["aged 25-35"], examples_pass=["25 years"]),
        _rule("bias.jargon", "warning", name="Tech-bro jargon", tags=["wording"]),
        _rule(
            "pay.missing",
            "error",
            jurisdictions=["US-CO", "US-NY"],
            effective_from=date(2021, 1, 1),
            precision="very-high",
        ),
        _rule("style.vague-pay", "info", precision="medium"),
        _rule("style.unused", "info"),
    ]
    return Run(
        results=[Result(path=str(path), findings=findings), Result(path=str(root / "jobs" / "ok.md"))],
        rules=rules,
        version="0.1.0",
        exit_code=1,
        root=root,
        options={"sarif_category": "jdlint"},
    )


def test_hand_built_run_validates(tmp_path):
    _require_validator()
    out = tmp_path / "out.sarif"
    out.write_text(render("sarif", sample_run(tmp_path / "repo")), encoding="utf-8")
    errors, warnings, text = validate(out)
    assert (errors, warnings) == (0, 0), text


def test_run_with_input_errors_validates(tmp_path):
    _require_validator()
    run = sample_run(tmp_path / "repo")
    run.errors = ["jobs/bad.md: is not valid UTF-8 (byte 0xff on line 2)"]
    run.exit_code = 2
    out = tmp_path / "errors.sarif"
    out.write_text(render("sarif", run), encoding="utf-8")
    errors, warnings, text = validate(out)
    assert (errors, warnings) == (0, 0), text


def test_cli_output_for_examples_validates(tmp_path, monkeypatch):
    """Real output of ``jdlint check --format sarif examples/`` once the CLI exists."""
    _require_validator()
    try:
        from click.testing import CliRunner

        from jdlint.cli import main
    except ImportError as err:
        pytest.skip(f"jdlint CLI not available yet: {err}")
    monkeypatch.chdir(REPO)  # URIs relative to the repository root, as in a workflow
    result = CliRunner().invoke(main, ["check", "--format", "sarif", "examples"])
    if result.exit_code not in (0, 1):
        pytest.skip(f"jdlint check --format sarif examples/ exited {result.exit_code}: {result.output[-300:]}")
    out = tmp_path / "examples.sarif"
    out.write_text(result.stdout, encoding="utf-8")
    errors, warnings, text = validate(out)
    assert (errors, warnings) == (0, 0), text
