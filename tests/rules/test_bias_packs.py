"""Every bias pack: metadata, its own examples, the allow list, and users' own packs."""

from __future__ import annotations

from itertools import pairwise

import pytest

import jdlint
from jdlint.config import Config
from jdlint.engine.packs import load_all, load_pack
from jdlint.errors import PackError

BIAS_RULES = [r for r in load_all() if r.id.startswith("bias.")]
BIAS_IDS = {r.id for r in BIAS_RULES}

EXPECTED = {
    "bias.gender-coded", "bias.gender-coded-balance",
    "bias.gendered-term", "bias.gendered-term.pronoun", "bias.gendered-term.pronoun-pair",
    "bias.age", "bias.age.coded", "bias.age.limit", "bias.age.experience-minimum",
    "bias.ability", "bias.ability.exclusion", "bias.ability.idiom",
    "bias.origin", "bias.origin.language",
    "bias.criminal-history", "bias.criminal-history.background-check",
    "bias.salary-history", "bias.jargon", "bias.family-status",
}


def hits(rule_id: str, text: str, path: str | None = None, **cfg) -> list:
    result = jdlint.lint_text(text, path=path, config=Config(select=[rule_id], **cfg))
    assert result.error is None, result.error
    return [f for f in result.findings if f.rule == rule_id]


def test_every_pack_is_present():
    assert BIAS_IDS >= EXPECTED


@pytest.mark.parametrize("rule", BIAS_RULES, ids=lambda r: r.id)
def test_metadata(rule):
    assert rule.category == "bias"
    assert rule.summary, "each rule needs a one-line summary for `jdlint rules`"
    assert len(rule.rationale) > 120
    assert rule.sources
    assert rule.examples_fail and rule.examples_pass
    if rule.kind == "terms" and rule.id != "bias.gender-coded":  # coded words carry a tag instead
        for term in rule.compiled.terms:
            assert term.suggestion, f"{rule.id}: {term.phrase.source!r} has no suggestion"
            if term.fix:  # a fix is one drop-in replacement, never a list of alternatives
                assert " / " not in term.suggestion and "(" not in term.suggestion, term.phrase.source
    if rule.kind == "regex":
        for pattern in rule.compiled.patterns:
            assert pattern.suggestion, f"{rule.id}: {pattern.regex.pattern[:40]!r} has no suggestion"


@pytest.mark.parametrize("rule", BIAS_RULES, ids=lambda r: r.id)
def test_own_examples(rule):
    for text in rule.examples_fail:
        found = hits(rule.id, text)
        assert found, f"{rule.id} should flag {text!r}"
        spans = sorted((f.start, f.end) for f in found if not f.posting_level)
        assert all(a[1] <= b[0] for a, b in pairwise(spans)), f"{rule.id}: overlapping findings in {text!r}"
    for text in rule.examples_pass:
        assert not hits(rule.id, text), f"{rule.id} should not flag {text!r}"


def test_severities_are_deliberate():
    by_id = {r.id: r for r in BIAS_RULES}
    info = {"bias.gender-coded", "bias.jargon", "bias.ability.idiom", "bias.age.coded",
            "bias.gendered-term.pronoun-pair", "bias.criminal-history.background-check",
            "bias.age.experience-minimum"}
    for rid in info:
        assert by_id[rid].severity == "info", rid
    for rid in EXPECTED - info:
        assert by_id[rid].severity == "warning", rid
    assert by_id["bias.age.experience-minimum"].enabled is False


def test_opt_in_rule_is_off_unless_named():
    text = "You have 10+ years of experience with Go."
    result = jdlint.lint_text(text, config=Config(select=["bias"]))
    assert not [f for f in result.findings if f.rule == "bias.age.experience-minimum"]
    assert hits("bias.age.experience-minimum", text)


@pytest.mark.parametrize("rule", [r for r in BIAS_RULES if r.kind in ("terms", "regex")], ids=lambda r: r.id)
def test_allow_list_silences_every_pack(rule):
    text = rule.examples_fail[0]
    found = hits(rule.id, text)
    assert found
    allowed = hits(rule.id, text, allow=[f.match for f in found])
    assert allowed == []


def test_fix_is_offered_only_for_safe_replacements():
    (f,) = hits("bias.gendered-term", "We are hiring a salesman.")
    assert f.fix == "salesperson"
    (g,) = hits("bias.gendered-term", "Hey guys, we're hiring!")
    assert g.fix is None


def test_everything_is_quiet_on_a_clean_posting():
    text = (
        "# Backend Engineer\n\n"
        "We build lead generation tools for small businesses. You will answer customer support "
        "tickets one week a quarter, own your responsibilities end to end and keep dependencies "
        "up to date.\n\n"
        "- Fluent English; must be authorized to work in the US (we do not sponsor visas).\n"
        "- What are your salary expectations? Tell us in your application.\n"
        "- Pay: $120,000-$140,000 a year.\n\n"
        "We are an equal opportunity employer and do not discriminate on the basis of age, sex, "
        "marital status, national origin or disability.\n"
    )
    result = jdlint.lint_text(text, path="posting.md", config=Config(select=["bias"]))
    loud = [f for f in result.findings if f.rule != "bias.gender-coded"]
    assert loud == []


# -- users' own packs ---------------------------------------------------------------------------

USER_PACK = """\
pack:
  name: our-house-style
rules:
  - id: house.bias.superlatives
    category: bias
    severity: info
    summary: House style for superlatives.
    message: "“{match}” is hype."
    rationale: We describe the work, not how amazing the candidate must be.
    sources: ["Our style guide"]
    kind: terms
    skip_negated: true
    terms:
      - {phrase: unicorn, suggestion: experienced engineer}
    examples:
      fail: ["We want a unicorn."]
      pass: ["We are not looking for a unicorn."]
"""


def test_user_pack_adds_a_bias_rule(tmp_path):
    pack = tmp_path / "house.yaml"
    pack.write_text(USER_PACK, encoding="utf-8")
    result = jdlint.lint_text("We want a unicorn engineer.",
                              config=Config(select=["house"], rule_packs=[str(pack)]))
    assert [f.rule for f in result.findings] == ["house.bias.superlatives"]
    assert result.findings[0].suggestion == "experienced engineer"


@pytest.mark.parametrize(("change", "key"), [
    (("severity: info", "severity: loud"), "house.bias.superlatives.severity"),
    (("kind: terms", "kind: term"), "house.bias.superlatives.kind"),
    (("skip_negated: true", "skip_negated: true\n    spelling: true"), "spelling"),
    (("    sources: [\"Our style guide\"]\n", ""), "house.bias.superlatives.sources"),
])
def test_malformed_user_pack_is_rejected_with_the_key(tmp_path, change, key):
    pack = tmp_path / "house.yaml"
    pack.write_text(USER_PACK.replace(*change), encoding="utf-8")
    with pytest.raises(PackError) as err:
        load_pack(pack)
    assert str(pack) in str(err.value)
    assert key in str(err.value)


def test_user_pack_cannot_redefine_a_builtin_id(tmp_path):
    pack = tmp_path / "house.yaml"
    pack.write_text(USER_PACK.replace("house.bias.superlatives", "bias.jargon"), encoding="utf-8")
    with pytest.raises(PackError, match="already defined"):
        load_all([pack])
