"""The rule engine: pack validation, the terms/regex/require kinds, selection, overrides."""

from pathlib import Path

import pytest

import jdlint
from jdlint.config import Config
from jdlint.engine.packs import load_pack
from jdlint.errors import PackError

PACK_HEAD = """
rules:
  - id: house.terms
    category: house
    severity: warning
    message: "Avoid “{match}”."
    rationale: Test rule.
    sources: [test]
"""


def write_pack(tmp_path: Path, body: str, head: str = PACK_HEAD) -> Path:
    path = tmp_path / "pack.yaml"
    path.write_text(head + body, encoding="utf-8")
    return path


def lint(text: str, pack: Path, **cfg) -> list:
    config = Config(rule_packs=[str(pack)], select=cfg.pop("select", ["house"]), **cfg)
    return jdlint.lint_text(text, config=config).findings


@pytest.mark.parametrize("body, key, problem", [
    ("    kind: nonsense\n", "house.terms.kind", "unknown kind"),
    ("    kind: regex\n    patterns: ['(unclosed']\n", "house.terms.patterns", "bad regular expression"),
    ("    kind: terms\n", "house.terms.terms", "is required"),
    ("    kind: terms\n    terms: [x]\n    colour: red\n", "house.terms.colour", "unknown key"),
    ("    kind: terms\n    terms: [x]\n    superseded_by: house.other\n", "house.terms.superseded_by", "list"),
    ("    kind: terms\n    terms: [x]\n    superseded_by: [House Other]\n", "house.terms.superseded_by", "ids"),
    ("    kind: terms\n    terms: [x]\n    superseded_by: [house.terms]\n", "house.terms.superseded_by", "other"),
])
def test_malformed_packs_name_file_and_key(tmp_path, body, key, problem):
    path = write_pack(tmp_path, body)
    with pytest.raises(PackError) as err:
        load_pack(path)
    assert str(path) in str(err.value) and key in str(err.value) and problem in str(err.value)


def test_missing_required_field(tmp_path):
    path = write_pack(tmp_path, "    kind: terms\n    terms: [x]\n",
                      head="rules:\n  - id: house.x\n    category: house\n    severity: warning\n")
    with pytest.raises(PackError, match=r"house\.x\.message: is required"):
        load_pack(path)


def test_bad_severity(tmp_path):
    path = write_pack(tmp_path, "    kind: terms\n    terms: [x]\n", head=PACK_HEAD.replace("warning", "fatal"))
    with pytest.raises(PackError, match="severity"):
        load_pack(path)


@pytest.fixture
def terms_pack(tmp_path):
    return write_pack(tmp_path, """    kind: terms
    terms:
      - phrase: rockstar
        suggestion: expert
        fix: true
      - phrase: lead*
      - phrase: work hard, play hard
    exceptions: [lead generation]
    skip_negated: true
""")


@pytest.mark.parametrize("text, expected", [
    ("We want a rockstar.", ["rockstar"]),
    ("We want a Rockstar.", ["Rockstar"]),
    ("Our rockstars ship.", ["rockstars"]),  # lemma
    ("We work hard, play hard.", ["work hard, play hard"]),
    ("You will be leading the team.", ["leading"]),
    ("You will own lead generation.", []),  # exception phrase
    ("See https://example.com/rockstar for details.", []),  # URL
    ("Mail rockstar@example.com today.", []),  # e-mail
    ("We hired rockstarsdev as a vendor.", []),  # inside a longer word
    ("There is no need to be a rockstar.", []),  # negated
])
def test_terms_matching(terms_pack, text, expected):
    assert [f.match for f in lint(text, terms_pack)] == expected


def test_terms_never_match_in_markdown_code(terms_pack):
    text = "Run `rockstar --help` or see:\n\n```\nrockstar\n```\n"
    config = Config(rule_packs=[str(terms_pack)], select=["house"])
    assert jdlint.lint_text(text, path="a.md", config=config).findings == []


def test_finding_fields_and_suggestion(terms_pack):
    (f,) = lint("Hi rockstar", terms_pack)
    assert (f.line, f.column, f.end_line, f.end_column) == (1, 4, 1, 12)
    assert f.suggestion == "expert" and f.fix == "expert"
    assert f.severity == "warning" and f.category == "house"


def test_allow_list(terms_pack):
    assert lint("We want a rockstar.", terms_pack, allow=["rockstar"]) == []


def test_severity_override_and_ignore(terms_pack):
    (f,) = lint("a rockstar", terms_pack, severity={"house": "error"})
    assert f.severity == "error"
    assert lint("a rockstar", terms_pack, ignore=["house.terms"]) == []


def test_regex_and_require_kinds(tmp_path):
    path = tmp_path / "pack.yaml"
    path.write_text("""
rules:
  - id: house.years
    category: house
    severity: warning
    message: "Cap on experience: {match}"
    rationale: r
    sources: [s]
    kind: regex
    patterns:
      - pattern: 'no more than \\d+ years'
    unless_posting_matches: ['internship']
  - id: house.eeo
    category: house
    severity: info
    message: No EEO statement.
    rationale: r
    sources: [s]
    kind: require
    any_of: ['equal opportunity']
""", encoding="utf-8")
    found = lint("Title\nNo more than 5 years of experience.", path)
    assert [(f.rule, f.line) for f in found] == [("house.eeo", 1), ("house.years", 2)]
    assert lint("Internship: no more than 5 years. Equal opportunity employer.", path) == []


def test_opt_in_rules_need_explicit_select(tmp_path):
    path = write_pack(tmp_path, "    kind: terms\n    terms: [guru]\n    enabled: false\n")
    assert lint("a guru", path, select=["house"]) == []
    assert [f.rule for f in lint("a guru", path, select=["house.terms"])] == ["house.terms"]


def test_effective_dates_downgrade_future_laws(tmp_path):
    from datetime import date

    path = write_pack(tmp_path, "    kind: terms\n    terms: [guru]\n    effective: {from: 2027-09-26}\n")
    (f,) = lint("a guru", path, as_of=date(2026, 1, 1))
    assert f.severity == "info" and "2027-09-26" in f.message
    (f,) = lint("a guru", path, as_of=date(2028, 1, 1))
    assert f.severity == "warning"


def test_specific_rule_supersedes_parent_on_same_span():
    from jdlint.lint import drop_superseded
    from jdlint.model import Finding

    def f(rule, start=0, end=0, posting_level=True):
        return Finding(rule, "pay", "warning", "m", 1, 1, 1, 1, start=start, end=end, posting_level=posting_level)

    kept = drop_superseded([f("pay.missing"), f("pay.missing.us-co"), f("pay.vague", 5, 9, False)])
    assert [x.rule for x in kept] == ["pay.missing.us-co", "pay.vague"]
    assert [x.rule for x in drop_superseded([f("pay.missing")])] == ["pay.missing"]


TWO_RULES = """
rules:
  - id: house.vague
    category: house
    severity: warning
    message: "“{match}” says nothing."
    rationale: Test rule.
    sources: [test]
    kind: terms
    terms: [great pay]
  - id: house.word
    category: house
    severity: warning
    message: "Avoid “{match}”."
    rationale: Test rule.
    sources: [test]
    superseded_by: [house.vague]
    kind: terms
    terms: [pay]
"""


def test_superseded_by_silences_a_rule_where_a_named_rule_fires(tmp_path):
    pack = write_pack(tmp_path, TWO_RULES, head="")
    assert [f.rule for f in lint("Great pay, and more pay.", pack)] == ["house.vague"]
    assert [f.rule for f in lint("More pay.", pack)] == ["house.word"]  # nothing to yield to
    # The named rule turned off: nothing says it more precisely, so the rule speaks.
    assert [f.rule for f in lint("Great pay.", pack, ignore=["house.vague"])] == ["house.word"]


def test_superseded_by_must_name_known_rules(tmp_path):
    from jdlint.engine.packs import load_packs

    path = write_pack(tmp_path, TWO_RULES.replace("[house.vague]", "[house.vauge]"), head="")
    with pytest.raises(PackError, match=r"house\.word\.superseded_by: unknown rule 'house\.vauge'"):
        load_packs([path])
