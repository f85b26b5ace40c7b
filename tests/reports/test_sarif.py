"""SARIF output: the shape GitHub code scanning ingests, and fingerprints that survive edits."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from jdlint.engine.rule import Rule
from jdlint.model import Finding, Result
from jdlint.reports import Run, render
from jdlint.reports.sarif import pascal_name, rule_name, title, to_json

POSTING = """# Senior Engineer

We want a rockstar who can lead.
Pay: $120,000-$150,000 per year.
"""


def make_rule(rule_id: str, severity: str = "warning", **kw) -> Rule:
    defaults = dict(
        category=rule_id.split(".")[0],
        severity=severity,
        message="“{match}” is jargon",
        rationale="Jargon puts off qualified applicants. It reads as an in-group signal.",
        sources=["Gaucher, Friesen & Kay (2011), https://doi.org/10.1037/a0022530"],
        kind="terms",
        data={},
        pack="rules/test.yaml",
        name="",
    )
    defaults.update(kw)
    return Rule(id=rule_id, **defaults)


def finding_at(source: str, needle: str, rule: str = "bias.jargon", nth: int = 0, **kw) -> Finding:
    """A finding on the ``nth`` occurrence of ``needle``, positioned like jdlint positions it."""
    starts = [m.start() for m in re.finditer(re.escape(needle), source)]
    start = starts[nth]
    end = start + len(needle)
    line = source.count("\n", 0, start) + 1
    col = start - (source.rfind("\n", 0, start) + 1) + 1
    defaults = dict(category=rule.split(".")[0], severity="warning", message=f"“{needle}” is jargon")
    defaults.update(kw)
    return Finding(
        rule=rule,
        line=line,
        column=col,
        end_line=line,
        end_column=col + len(needle),
        match=needle,
        start=start,
        end=end,
        **defaults,
    )


def sarif(run: Run) -> dict:
    return json.loads(render("sarif", run))


def one_run(tmp_path: Path, source: str = POSTING, findings=None, rules=None, **kw) -> Run:
    path = tmp_path / "jobs" / "engineer.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source, encoding="utf-8")
    findings = [finding_at(source, "rockstar")] if findings is None else findings
    rules = [make_rule("bias.jargon")] if rules is None else rules
    return Run(
        results=[Result(path=str(path), findings=findings)],
        rules=rules,
        version="1.2.3",
        exit_code=1 if findings else 0,
        root=tmp_path,
        **kw,
    )


def all_keys(obj) -> set[str]:
    if isinstance(obj, dict):
        return set(obj) | {k for v in obj.values() for k in all_keys(v)}
    if isinstance(obj, list):
        return {k for v in obj for k in all_keys(v)}
    return set()


# ------------------------------------------------------------------ log and tool


def test_log_header_and_single_run(tmp_path):
    log = sarif(one_run(tmp_path))
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "jdlint"
    assert driver["semanticVersion"] == "1.2.3"
    assert driver["informationUri"].startswith("https://")


def test_serialiser_writes_spec_names_only(tmp_path):
    keys = all_keys(sarif(one_run(tmp_path)))
    assert not {k for k in keys if "_" in k and not k.startswith("%")}, "snake_case leaked"
    # sarif-om defaults that say nothing are dropped
    assert "newlineSequences" not in keys and "language" not in keys and "rank" not in keys
    assert "security-severity" not in json.dumps(sarif(one_run(tmp_path)))


def test_serialiser_keeps_explicit_level_equal_to_default():
    import sarif_om as om

    assert to_json(om.Result(message=om.Message(text="x."), level="warning"))["level"] == "warning"
    assert "kind" not in to_json(om.Result(message=om.Message(text="x.")))


# ------------------------------------------------------------------ rules


def test_every_rule_that_ran_is_listed_with_index(tmp_path):
    rules = [make_rule("pay.missing", "error"), make_rule("bias.jargon"), make_rule("style.note", "info")]
    run_ = sarif(one_run(tmp_path, rules=rules))["runs"][0]
    listed = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in listed] == ["bias.jargon", "pay.missing", "style.note"]
    result = run_["results"][0]
    assert listed[result["ruleIndex"]]["id"] == result["ruleId"] == "bias.jargon"


@pytest.mark.parametrize(("severity", "level"), [("error", "error"), ("warning", "warning"), ("info", "note")])
def test_levels(tmp_path, severity, level):
    source = POSTING
    rules = [make_rule("bias.jargon", severity)]
    findings = [finding_at(source, "rockstar", severity=severity)]
    run_ = sarif(one_run(tmp_path, source, findings, rules))["runs"][0]
    assert run_["tool"]["driver"]["rules"][0]["defaultConfiguration"]["level"] == level
    assert run_["results"][0]["level"] == level


def test_rule_descriptor_fields(tmp_path):
    rule = make_rule(
        "pay.range-missing",
        "error",
        summary="No pay range is stated",
        jurisdictions=["US-CO", "US-NY"],
        effective_from=date(2021, 1, 1),
        examples_fail=["Competitive salary."],
        examples_pass=["$50,000–$60,000 a year."],
        precision="very-high",
        tags=["pay-transparency"],
    )
    desc = sarif(one_run(tmp_path, findings=[], rules=[rule]))["runs"][0]["tool"]["driver"]["rules"][0]
    assert desc["name"] == "PayRangeMissing"
    assert desc["shortDescription"]["text"] == "No pay range is stated"
    assert desc["fullDescription"]["text"].startswith("Jargon puts off qualified applicants.")
    for text in (desc["help"]["text"], desc["help"]["markdown"]):
        assert "Gaucher" in text and "Competitive salary" in text and "$50,000–$60,000" in text
        assert "US-CO" in text and "2021-01-01" in text
    assert "<https://doi.org/10.1037/a0022530>" in desc["help"]["markdown"]
    assert desc["properties"] == {"tags": ["pay", "US-CO", "US-NY", "pay-transparency"], "precision": "very-high"}


def test_rule_limits(tmp_path):
    rule = make_rule("x." + "very-long-" * 40, rationale="word " * 400, jurisdictions=[f"J{i}" for i in range(30)])
    desc = sarif(one_run(tmp_path, findings=[], rules=[rule]))["runs"][0]["tool"]["driver"]["rules"][0]
    assert len(desc["name"]) <= 255
    assert len(desc["fullDescription"]["text"]) <= 1024
    assert desc["fullDescription"]["text"].endswith("…")
    assert len(desc["properties"]["tags"]) == 20


def test_pascal_name():
    assert pascal_name("bias.gender-coded-balance") == "BiasGenderCodedBalance"
    assert pascal_name("pay.us_co.range") == "PayUsCoRange"


def test_pack_name_used_when_pascal_case():
    assert rule_name(make_rule("eeo.missing", name="EEOStatementMissing")) == "EEOStatementMissing"
    assert rule_name(make_rule("eeo.missing", name="EEO statement missing")) == "EeoMissing"


@pytest.mark.parametrize(
    ("kw", "expected"),
    [
        ({"summary": "No EEO statement.", "name": "EEOStatementMissing"}, "No EEO statement."),
        ({"name": "EEOStatementMissing"}, "EEO statement missing"),
        ({"name": "GenderCodedWord"}, "Gender coded word"),
    ],
)
def test_title(kw, expected):
    assert title(make_rule("eeo.missing", **kw)) == expected


def test_title_falls_back_to_message():
    rule = make_rule("bias.jargon", message="Jargon puts people off: “{match}”.")
    assert title(rule) == rule.short


# ------------------------------------------------------------------ results


def test_result_location_is_repo_relative(tmp_path):
    run_ = sarif(one_run(tmp_path))["runs"][0]
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"
    assert run_["columnKind"] == "unicodeCodePoints"
    loc = run_["results"][0]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "jobs/engineer.md", "uriBaseId": "%SRCROOT%"}
    assert loc["region"] == {"startLine": 3, "startColumn": 11, "endLine": 3, "endColumn": 19}


def test_relative_input_path_and_spaces(tmp_path, monkeypatch):
    posting = tmp_path / "jobs" / "a b.md"
    posting.parent.mkdir()
    posting.write_text(POSTING)
    monkeypatch.chdir(tmp_path / "jobs")
    run = Run(
        results=[Result(path="a b.md", findings=[finding_at(POSTING, "rockstar")])],
        rules=[make_rule("bias.jargon")],
        version="1",
        root=tmp_path,
    )
    uri = sarif(run)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri == {"uri": "jobs/a%20b.md", "uriBaseId": "%SRCROOT%"}


def test_file_outside_repository_gets_absolute_uri(tmp_path):
    outside = tmp_path / "elsewhere.md"
    outside.write_text(POSTING)
    repo = tmp_path / "repo"
    repo.mkdir()
    run = Run(
        results=[Result(path=str(outside), findings=[finding_at(POSTING, "rockstar")])],
        rules=[make_rule("bias.jargon")],
        version="1",
        root=repo,
    )
    loc = sarif(run)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc == {"uri": outside.resolve().as_uri()}


def test_stdin_posting_keeps_given_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run = Run(
        results=[Result(path="jobs/new.md", findings=[finding_at(POSTING, "rockstar")])],
        rules=[make_rule("bias.jargon")],
        version="1",
        root=tmp_path,
    )
    result = sarif(run)["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "jobs/new.md"
    assert result["partialFingerprints"]["primaryLocationLineHash"]


def test_message_is_a_sentence_with_suggestion(tmp_path):
    finding = finding_at(POSTING, "rockstar", suggestion="expert")
    result = sarif(one_run(tmp_path, findings=[finding]))["runs"][0]["results"][0]
    assert result["message"]["text"] == "“rockstar” is jargon. Consider “expert”."


def test_posting_level_finding_covers_line_one(tmp_path):
    finding = Finding("pay.missing", "pay", "error", "No pay range is stated.", 1, 1, 1, 1, posting_level=True)
    run_ = sarif(one_run(tmp_path, findings=[finding], rules=[make_rule("pay.missing", "error")]))["runs"][0]
    assert run_["results"][0]["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}


def test_fix_only_for_safe_replacements(tmp_path):
    fixed = finding_at(POSTING, "rockstar", fix="expert")
    unfixed = finding_at(POSTING, "lead", suggestion="guide")
    results = sarif(one_run(tmp_path, findings=[fixed, unfixed]))["runs"][0]["results"]
    assert "fixes" not in results[1]
    (fix,) = results[0]["fixes"]
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"]["uri"] == "jobs/engineer.md"
    (replacement,) = change["replacements"]
    assert replacement["deletedRegion"] == {"startLine": 3, "startColumn": 11, "endLine": 3, "endColumn": 19}
    assert replacement["insertedContent"] == {"text": "expert"}


def test_no_findings_still_lists_results_and_rules(tmp_path):
    run_ = sarif(one_run(tmp_path, findings=[]))["runs"][0]
    assert run_["results"] == []
    assert run_["tool"]["driver"]["rules"]
    assert run_["invocations"] == [{"executionSuccessful": True, "exitCode": 0}]


# ------------------------------------------------------------------ fingerprints


def _hashes(tmp_path: Path, source: str, needles: list[tuple[str, int]]) -> list[str]:
    findings = [finding_at(source, needle, nth=nth) for needle, nth in needles]
    results = sarif(one_run(tmp_path, source, findings))["runs"][0]["results"]
    return [r["partialFingerprints"]["primaryLocationLineHash"] for r in results]


def test_fingerprint_survives_lines_added_above(tmp_path):
    before = _hashes(tmp_path, POSTING, [("rockstar", 0)])
    edited = "Intro added later.\n\nAnother paragraph.\n" + POSTING
    after = _hashes(tmp_path, edited, [("rockstar", 0)])
    assert before == after


def test_fingerprint_changes_with_the_line_text(tmp_path):
    before = _hashes(tmp_path, POSTING, [("rockstar", 0)])
    after = _hashes(tmp_path, POSTING.replace("who can lead", "who ships"), [("rockstar", 0)])
    assert before != after


def test_identical_lines_get_distinct_fingerprints(tmp_path):
    source = "A rockstar.\nText.\nA rockstar.\n"
    first, second = _hashes(tmp_path, source, [("rockstar", 0), ("rockstar", 1)])
    assert first != second
    assert first.split(":")[0] == second.split(":")[0]
    # adding lines above both keeps both
    assert _hashes(tmp_path, "New.\n" + source, [("rockstar", 0), ("rockstar", 1)]) == [first, second]


def test_fingerprint_ignores_whitespace_reflow(tmp_path):
    before = _hashes(tmp_path, POSTING, [("rockstar", 0)])
    after = _hashes(tmp_path, POSTING.replace("We want a", "  We  want a"), [("rockstar", 0)])
    assert before == after


def test_fingerprint_of_posting_level_finding_ignores_the_title(tmp_path):
    def posting_hash(source: str) -> str:
        finding = Finding("pay.missing", "pay", "error", "No pay.", 1, 1, 1, 1, posting_level=True)
        run = one_run(tmp_path, source, [finding], [make_rule("pay.missing", "error")])
        return sarif(run)["runs"][0]["results"][0]["partialFingerprints"]["primaryLocationLineHash"]

    assert posting_hash("# Engineer\nText.\n") == posting_hash("# Staff Engineer\nText.\n")


def test_fingerprint_when_file_on_disk_differs(tmp_path):
    """A posting piped on stdin under a name whose file differs: hash the match, stay stable."""
    run = one_run(tmp_path)
    (tmp_path / "jobs" / "engineer.md").write_text("something else entirely\n")
    first = sarif(run)["runs"][0]["results"][0]["partialFingerprints"]["primaryLocationLineHash"]
    (tmp_path / "jobs" / "engineer.md").unlink()
    assert sarif(run)["runs"][0]["results"][0]["partialFingerprints"]["primaryLocationLineHash"] == first


# ------------------------------------------------------------------ invocation and category


def test_invocation_reports_input_errors(tmp_path):
    run = one_run(tmp_path, errors=["jobs/bad.md: is not valid UTF-8 (byte 0xff on line 1)"])
    run.exit_code = 2
    run.results.append(Result(path="jobs/gone.md", error="jobs/gone.md: no such file"))
    (inv,) = sarif(run)["runs"][0]["invocations"]
    assert inv["executionSuccessful"] is False
    assert inv["exitCode"] == 2
    notes = inv["toolExecutionNotifications"]
    assert [n["level"] for n in notes] == ["error", "error"]
    assert notes[0]["message"]["text"].endswith("line 1).")
    assert notes[1]["message"]["text"] == "jobs/gone.md: no such file."


@pytest.mark.parametrize(("category", "expected"), [("jdlint", "jdlint/"), ("postings/", "postings/")])
def test_automation_details_category(tmp_path, category, expected):
    run_ = sarif(one_run(tmp_path, options={"sarif_category": category}))["runs"][0]
    assert run_["automationDetails"] == {"id": expected}


def test_no_category_no_automation_details(tmp_path):
    assert "automationDetails" not in sarif(one_run(tmp_path))["runs"][0]


def test_output_is_deterministic(tmp_path):
    run = one_run(tmp_path)
    assert render("sarif", run) == render("sarif", run)


def test_fingerprint_uses_the_linted_source_over_the_file(tmp_path):
    """The source the linter kept (stdin, or a file changed since) is what gets hashed."""
    run = one_run(tmp_path)
    first = sarif(run)["runs"][0]["results"][0]["partialFingerprints"]["primaryLocationLineHash"]
    run.results[0].source = POSTING
    (tmp_path / "jobs" / "engineer.md").write_text("We want a rockstar who can lead.\n")  # moved line
    assert sarif(run)["runs"][0]["results"][0]["partialFingerprints"]["primaryLocationLineHash"] == first
    run.results[0].source = POSTING.replace("who can lead", "who ships")
    assert sarif(run)["runs"][0]["results"][0]["partialFingerprints"]["primaryLocationLineHash"] != first


def test_crlf_source_hashes_like_lf(tmp_path):
    lf = _hashes(tmp_path, POSTING, [("rockstar", 0)])
    assert _hashes(tmp_path, POSTING.replace("\n", "\r\n"), [("rockstar", 0)]) == lf


def test_findings_of_undeclared_rules_get_a_descriptor(tmp_path):
    """--report-unused-disables findings come from jdlint itself, not from a pack."""
    unused = finding_at(POSTING, "lead", rule="suppression.unused", message="This comment suppresses nothing.")
    run_ = sarif(one_run(tmp_path, findings=[unused, finding_at(POSTING, "rockstar")]))["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["bias.jargon", "suppression.unused"]
    assert rules[1]["shortDescription"]["text"] == "A jdlint-disable comment that suppresses nothing."
    assert "jdlint-disable-next-line suppression.unused" not in rules[1]["help"]["text"]
    assert {r["ruleId"]: r["ruleIndex"] for r in run_["results"]} == {"bias.jargon": 0, "suppression.unused": 1}
