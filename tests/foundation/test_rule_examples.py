"""Every rule's own `examples`: each fail example triggers it, no pass example does."""

import pytest

import jdlint
from jdlint.config import Config
from jdlint.engine.packs import load_all

RULES = load_all()
FAIL = [(r.id, ex) for r in RULES for ex in r.examples_fail]
PASS = [(r.id, ex) for r in RULES for ex in r.examples_pass]


BY_ID = {r.id: r for r in RULES}


def _rules_hit(rule_id: str, text: str) -> list[str]:
    fmt = BY_ID[rule_id].examples_format
    result = jdlint.lint_text(text, config=Config(select=[rule_id]), input_format=fmt)
    assert result.error is None, result.error
    return [f.rule for f in result.findings if f.rule == rule_id]


def test_every_rule_has_examples_and_metadata():
    for rule in RULES:
        assert rule.examples_fail, f"{rule.id} has no fail example"
        assert rule.examples_pass, f"{rule.id} has no pass example"
        assert rule.sources and rule.rationale and rule.message


@pytest.mark.parametrize("rule_id, text", FAIL, ids=[f"{r}-fail{i}" for i, (r, _) in enumerate(FAIL)])
def test_fail_examples_trigger(rule_id, text):
    assert _rules_hit(rule_id, text), f"{rule_id} did not fire on: {text!r}"


@pytest.mark.parametrize("rule_id, text", PASS, ids=[f"{r}-pass{i}" for i, (r, _) in enumerate(PASS)])
def test_pass_examples_stay_quiet(rule_id, text):
    assert not _rules_hit(rule_id, text), f"{rule_id} fired on: {text!r}"
