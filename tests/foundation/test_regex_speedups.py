"""The per-posting shortcuts of the regex and check kinds give what the code before them gave:
``Scan.spans`` settling absent patterns first, ``kind: check`` handing back the check's own
iterator, and ``run_rule`` building a rule's step only where the rule applies."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_prefilter import shipped_scans

from jdlint.config import Config
from jdlint.engine import runner
from jdlint.engine.packs import load_all
from jdlint.lint import Linter
from jdlint.nlp import tokenize
from jdlint.prefilter import Scan, fold
from jdlint.readers import read_source

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ("examples", "tests/fixtures/inputs")
SUFFIXES = (".md", ".txt", ".html", ".json")


def reference_spans(scan: Scan, text: str, folded: str | None = None, group: int | str = 0) -> list[tuple[int, int]]:
    """``Scan.spans`` as it was: the pattern chosen first, its needles read inside ``regex_for``."""
    if folded is not None and len(folded) == len(text) and scan.lowered_pattern is not None:
        regex, haystack = scan.regex_for(folded, lowered=True), folded
    else:
        regex, haystack = scan.regex_for(folded), text
    return [] if regex is None else [m.span(group) for m in scan._run(regex, haystack, folded)]


def reference_run_rule(rule, posting, config, as_of):
    """``run_rule`` as it was: the step built for every rule, then asked whether it applies."""
    step = runner._step(rule, config, as_of)
    out = []
    if step is not None and runner.applies(rule, posting):
        step.run(posting, out)
    return out


def reference_check_run(rule, posting):
    yield from rule.compiled(posting, rule)


@lru_cache(maxsize=1)
def texts() -> list[str]:
    found = [p.read_text(encoding="utf-8") for folder in FOLDERS for p in sorted((ROOT / folder).rglob("*"))
             if p.is_file() and p.suffix in SUFFIXES]
    for rule in load_all([]):
        found += [*rule.examples_fail, *rule.examples_pass]
    return found + [t.upper() for t in found]


def _groups(scan: Scan) -> list[int | str]:
    return [0, *range(1, scan.regex.groups + 1), *scan.regex.groupindex]


def test_spans_match_the_reference_on_every_shipped_pattern_and_text() -> None:
    scans = shipped_scans()
    assert len(scans) > 50
    for text in texts():
        folded = fold(text)
        for scan in scans:
            for group in _groups(scan):
                expected = reference_spans(scan, text, folded, group)
                assert scan.spans(text, folded, group) == expected, (scan.pattern[:80], group, text[:60])
            assert scan.spans(text) == reference_spans(scan, text)  # no folded text: the pattern runs


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_spans_match_the_reference_on_texts_built_from_needles(data: st.DataObject) -> None:
    scan = data.draw(st.sampled_from([s for s in shipped_scans() if s.needles]))
    words = sorted({n for clause in scan.needles or () for n in clause} | set(scan.heads or ()))
    separators = st.sampled_from([" ", "\n", ". ", "-", "/", "5", "ok", "\u212a", "\u0130"])
    pieces = data.draw(st.lists(st.one_of(st.sampled_from(words), separators), max_size=12))
    text = "".join(p.upper() if data.draw(st.booleans()) else p for p in pieces)
    folded = fold(text)
    for group in _groups(scan):
        assert scan.spans(text, folded, group) == reference_spans(scan, text, folded, group)


def _posting(linter, doc):
    return linter.posting(doc, tokenize(doc.text))


DOCS = [read_source(str(p.relative_to(ROOT)), p.read_text(encoding="utf-8"))
        for folder in FOLDERS for p in sorted((ROOT / folder).rglob("*")) if p.suffix in SUFFIXES]


@pytest.mark.parametrize("config", [
    Config(),
    Config(as_of=date(2020, 1, 1)),
    Config(as_of=date(2035, 1, 1)),
    Config(jurisdictions=["US-CO", "US-NY", "EU", "AT", "DE"], severity={"law": "error"}),
], ids=["today", "2020", "2035", "places"])
def test_run_rule_and_check_kind_match_the_reference(config: Config) -> None:
    assert DOCS
    linter = Linter(config)
    check_rules = [r for r in linter.all_rules if r.kind == "check"]
    assert len(check_rules) > 30
    for doc in DOCS:
        posting = _posting(linter, doc)
        for rule in linter.all_rules:
            expected = reference_run_rule(rule, posting, linter.config, linter.as_of)
            assert runner.run_rule(rule, posting, linter.config, linter.as_of) == expected, (rule.id, doc.path)
        for rule in check_rules:
            expected_hits = list(reference_check_run(rule, posting))
            assert list(runner.kind_module("check").run(rule, posting)) == expected_hits, (rule.id, doc.path)
