"""The runner's per-run plan finds what running every rule on every posting found, and the
pipeline's shortcuts (superseded findings, sorting) keep the results and their order."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.config import Config
from jdlint.engine.kinds import kind_module
from jdlint.engine.runner import applies, severity_for
from jdlint.lint import Linter, drop_superseded
from jdlint.model import Finding
from jdlint.nlp import tokenize
from jdlint.readers import read_source

ROOT = Path(__file__).resolve().parents[2]
FIELDS = [f.name for f in dataclasses.fields(Finding)]


class _Args(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _reference_finding(rule, hit, posting, severity):
    """``to_finding`` as it was before the plan: every step spelled out."""
    doc = posting.doc
    text = doc.text
    args = _Args(hit.args)
    args.setdefault("match", text[hit.start : hit.end])
    args.setdefault("suggestion", hit.suggestion or "")
    template = hit.message or rule.message
    try:
        message = template.format_map(args)
    except (ValueError, IndexError, AttributeError):
        message = template
    if hit.suggestion and "{suggestion}" not in template:
        message = f"{message.rstrip()} Suggestion: {hit.suggestion}."
    if hit.posting_level:
        first_line_end = doc.source.find("\n")
        first_line = doc.source[: first_line_end if first_line_end >= 0 else len(doc.source)].rstrip("\r")
        s, e = 0, len(first_line)
        line = doc.lines.position(0)[0]
        col, end_line, end_col = 1, line, len(first_line) + 1
        match = ""
    else:
        s, e = doc.source_span(hit.start, hit.end)
        line, col, end_line, end_col = doc.position(hit.start, hit.end)
        match = text[hit.start : hit.end]
    return Finding(rule=rule.id, category=rule.category, severity=hit.severity or severity, message=message,
                   line=line, column=col, end_line=end_line, end_column=end_col, match=match,
                   suggestion=hit.suggestion, start=s, end=e, posting_level=hit.posting_level, fix=hit.fix,
                   once_key=f"{rule.id}\0{hit.once_key}" if hit.once_key else None)


def _reference_run(rules, posting, config, as_of):
    out = []
    for rule in rules:
        if rule.effective_until and as_of >= rule.effective_until:
            continue
        if not applies(rule, posting):
            continue
        upcoming = rule.effective_from is not None and as_of < rule.effective_from
        severity = "info" if upcoming else severity_for(rule, config)
        for hit in kind_module(rule.kind).run(rule, posting):
            finding = _reference_finding(rule, hit, posting, severity)
            if upcoming:
                finding.message = f"{finding.message} (in force from {rule.effective_from.isoformat()})"
                finding.severity = "info"
            out.append(finding)
    return out


def _posting(linter, doc):
    return linter.posting(doc, tokenize(doc.text))


def _all_fields(findings):
    return [tuple(getattr(f, name) for name in FIELDS) for f in findings]


DOCS = [read_source(str(p.relative_to(ROOT)), p.read_text(encoding="utf-8"))
        for folder in ("examples", "tests/fixtures/inputs")
        for p in sorted((ROOT / folder).rglob("*")) if p.suffix in (".md", ".txt", ".html", ".json")]


@pytest.mark.parametrize("config", [
    Config(),
    Config(as_of=date(2020, 1, 1)),  # laws not yet in force: info, with their start date
    Config(as_of=date(2035, 1, 1)),
    Config(jurisdictions=["US-CO", "US-NY", "EU"], severity={"bias": "error", "bias.jargon": "info"}),
], ids=["today", "2020", "2035", "overrides"])
def test_plan_finds_what_every_rule_finds(config):
    assert DOCS
    linter = Linter(config)
    for doc in DOCS:
        posting = _posting(linter, doc)
        expected = _all_fields(_reference_run(linter.rules, posting, linter.config, linter.as_of))
        posting = _posting(linter, doc)
        assert _all_fields(linter.plan.run(posting)) == expected, doc.path


def _reference_drop(findings):
    spans: dict = {}
    for f in findings:
        spans.setdefault((f.start, f.end, f.posting_level), set()).add(f.rule)
    return [f for f in findings
            if not any(other.startswith(f.rule + ".") for other in spans[(f.start, f.end, f.posting_level)])]


rule_ids = st.sampled_from(["pay", "pay.missing", "pay.missing.us-co", "pay.missing.us", "pay.range", "bias",
                            "bias.x", "pay.missing-x", "a.b.c.d", "a.b", "a"])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(rule_ids, st.integers(0, 3), st.integers(0, 3), st.booleans()), max_size=12))
def test_drop_superseded_matches_the_reference(rows):
    findings = [Finding(rule=r, category="c", severity="warning", message="m", line=1, column=1, end_line=1,
                        end_column=1, start=s, end=s + n, posting_level=p) for r, s, n, p in rows]
    assert [id(f) for f in drop_superseded(findings)] == [id(f) for f in _reference_drop(findings)]
