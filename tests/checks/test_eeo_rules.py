"""The EEO rules end to end: eeo.missing, eeo.no-protected-characteristics, eeo.no-accommodation."""

from __future__ import annotations

import pytest

import jdlint
from jdlint.config import Config
from jdlint.engine.packs import load_all

MISSING = "eeo.missing"
NO_LIST = "eeo.no-protected-characteristics"
NO_ACCOMMODATION = "eeo.no-accommodation"

FULL = ("Acme is an equal opportunity employer and does not discriminate on the basis of race, color, "
        "religion, sex, national origin, age or disability. If you need a reasonable accommodation to "
        "apply, e-mail access@example.com.")


def findings(rule_id: str, text: str, path: str | None = None):
    result = jdlint.lint_text(text, path=path, config=Config(select=[rule_id]))
    assert result.error is None, result.error
    return [f for f in result.findings if f.rule == rule_id]


def test_rule_metadata():
    rules = {r.id: r for r in load_all() if r.category == "eeo"}
    assert set(rules) >= {MISSING, NO_LIST, NO_ACCOMMODATION}
    assert rules[MISSING].severity == "warning"
    assert rules[NO_LIST].severity == "info"
    assert rules[NO_ACCOMMODATION].severity == "info"
    assert any("60-300.5" in s for s in rules[MISSING].sources)
    assert any("60-741.5" in s for s in rules[MISSING].sources)
    for rule in (rules[MISSING], rules[NO_LIST], rules[NO_ACCOMMODATION]):
        assert rule.kind == "check"
        assert rule.examples_fail and rule.examples_pass


def test_a_full_statement_passes_every_rule():
    for rule_id in (MISSING, NO_LIST, NO_ACCOMMODATION):
        assert not findings(rule_id, FULL), rule_id


# -- eeo.missing ------------------------------------------------------------------------------


def test_missing_is_posting_level():
    (f,) = findings(MISSING, "Senior Baker (m/w/d)\n\nWe value diversity and encourage everyone to apply.\n")
    assert (f.line, f.column) == (1, 1)
    assert f.severity == "warning"


def test_program_non_discrimination_is_not_an_eeo_statement():
    text = "Our club is free for all teenagers regardless of race, gender or income.\nYou will run sessions."
    assert findings(MISSING, text)


# -- eeo.no-protected-characteristics -------------------------------------------------------


def test_bare_statement_gets_info_on_the_statement():
    text = "You will bake bread.\n\nWe are an EOE.\n"
    (f,) = findings(NO_LIST, text)
    assert f.severity == "info"
    assert f.line == 3
    assert f.match == "We are an EOE."


def test_no_list_rule_is_silent_without_a_statement():
    assert not findings(NO_LIST, "You will bake bread.")


# -- eeo.no-accommodation ---------------------------------------------------------------------


def test_no_accommodation_points_at_the_statement():
    (f,) = findings(NO_ACCOMMODATION, "You will bake bread.\n\nWe are an equal opportunity employer.\n")
    assert f.line == 3
    assert f.severity == "info"
    assert "accommodation" in f.message


def test_clause_without_contact_is_flagged_where_it_is():
    text = ("We are an equal opportunity employer.\n\n"
            "If you need an accommodation during the application process, please let us know.\n")
    (f,) = findings(NO_ACCOMMODATION, text)
    assert f.line == 3
    assert f.match.startswith("If you need an accommodation")
    assert "no e-mail address, phone number or link" in f.message


@pytest.mark.parametrize(
    "text",
    [
        "EOE. Applicants with a disability who need assistance can call 555-010-4477.",
        "EOE. Reasonable adjustments: see example.com/adjustments",
        "EOE.\n\nNeed an accommodation to interview? Let us know. Write to jobs@example.org.",
    ],
)
def test_clause_with_contact_passes(text):
    assert not findings(NO_ACCOMMODATION, text)


def test_no_accommodation_is_silent_without_a_statement():
    """eeo.missing already covers a posting with no statement: one gap, one finding."""
    assert not findings(NO_ACCOMMODATION, "You will bake bread.")
