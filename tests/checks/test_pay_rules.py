"""The pay rules end to end: missing, vague, open-ended, period, currency, equity-only."""

from __future__ import annotations

import re

import pytest

import jdlint
from jdlint.checks.law import _scans
from jdlint.checks.pay import _equity_only, _literal_first, _vague
from jdlint.config import Config
from jdlint.engine.packs import load_all
from jdlint.prefilter import fold

IDS = ("pay.missing", "pay.vague", "pay.open-ended", "pay.period-missing", "pay.currency-ambiguous", "pay.equity-only")


def findings(rule_id: str, text: str, path: str | None = None):
    result = jdlint.lint_text(text, path=path, config=Config(select=[rule_id]))
    assert result.error is None, result.error
    return [f for f in result.findings if f.rule == rule_id]


def test_rule_metadata():
    rules = {r.id: r for r in load_all() if r.id in IDS}
    assert set(rules) == set(IDS)
    for rule in rules.values():
        assert rule.category == "pay" and rule.kind == "check"
        assert rule.sources and rule.rationale and rule.message
        assert rule.examples_fail and rule.examples_pass
    assert rules["pay.currency-ambiguous"].severity == "info"
    assert any("joblint" in s and "54" in s for s in rules["pay.equity-only"].sources)


# -- pay.missing -------------------------------------------------------------------------------


def test_missing_yields_to_vague_which_points_at_the_phrase():
    """One problem, one finding: "Competitive salary, DOE" is where the figure should be."""
    text = "# Line cook\n\nCompetitive salary, DOE.\n"
    result = jdlint.lint_text(text, config=Config(select=["pay"]))
    assert [(f.rule, f.line) for f in result.findings] == [("pay.vague", 3)]
    assert [f.rule for f in jdlint.lint_text(text, config=Config(select=["pay"], ignore=["pay.vague"])).findings] \
        == ["pay.missing"]


def test_a_law_still_names_itself_beside_vague_pay():
    text = "# Line cook\n\nLocation: Denver, CO\n\nCompetitive salary.\n"
    rules = {f.rule for f in jdlint.lint_text(text, config=Config(select=["pay"])).findings}
    assert {"pay.vague", "pay.missing.us-co"} <= rules and "pay.missing" not in rules


def test_missing_is_posting_level():
    (f,) = findings("pay.missing", "# Line cook\n\nGreat team, fun kitchen.\n")
    assert f.line == 1 and f.severity == "warning"


@pytest.mark.parametrize(
    "text",
    [
        "Salary: $90,000 - $110,000",
        "Pay: up to $25/hr",
        "---\nsalary: \"$100k-$120k\"\n---\n\nWe build things.\n",
    ],
)
def test_missing_quiet_when_pay_given(text):
    assert findings("pay.missing", text) == []


def test_money_that_is_not_pay_does_not_count():
    text = "We raised $40M. Perks: $2,000 signing bonus, $1,000 learning budget, $500 home-office stipend."
    assert len(findings("pay.missing", text)) == 1


# -- pay.vague ---------------------------------------------------------------------------------


def test_vague_points_at_the_phrase():
    text = "# Tech Lead\n\n**Compensation:** Competitive salary, commensurate with experience.\n"
    (f,) = findings("pay.vague", text)
    assert f.match == "Competitive salary" and f.line == 3
    assert "Competitive salary" in f.message


@pytest.mark.parametrize(
    "text, match",
    [
        ("PAY: Commensurate with experience", "Commensurate with experience"),
        ("The compensation varies on past experience.", "varies on past experience"),
        ("Salary: DOE", "DOE"),
        ("We offer competitive wages and benefits.", "competitive wages and benefits"),
        ("Salary negotiable.", "Salary negotiable"),
    ],
)
def test_vague_phrases(text, match):
    assert [f.match for f in findings("pay.vague", text)] == [match]


@pytest.mark.parametrize(
    "text",
    [
        "We offer a competitive salary of $100,000–$120,000.",
        "Compensation: $10 - $14 DOE",
        "Pay: $50K - $55K based on experience",
        "John Doe is the hiring manager.",
        "We are a competitive team.",
        "We do not pay market rate, we pay above it: $150,000.",
    ],
)
def test_vague_quiet(text):
    assert findings("pay.vague", text) == []


# -- pay.open-ended ----------------------------------------------------------------------------


def test_open_ended_message_quotes_the_figure():
    (f,) = findings("pay.open-ended", "Salary: up to $90k.")
    assert f.match == "up to $90k"
    assert "“up to $90k”" in f.message


def test_open_ended_quiet_next_to_a_closed_range():
    assert findings("pay.open-ended", "Pay: $20–$24/hr; leads earn up to $30/hr.") == []


def test_open_ended_in_front_matter_is_posting_level():
    (f,) = findings("pay.open-ended", "---\nsalary: up to $90k\n---\n\nBody text.\n")
    assert "up to $90k" in f.message


# -- pay.period-missing ------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["Pay: $4,500.", "Salary: €2.500 – €3.000", "Compensation: $1,500"])
def test_period_missing(text):
    assert len(findings("pay.period-missing", text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Salary: $95,000.",
        "Pay: $4,500 per month.",
        "Compensation: $12-15 DOE",
        "Weekly pay: $1,200",
        "No figures here.",
    ],
)
def test_period_not_missing(text):
    assert findings("pay.period-missing", text) == []


# -- pay.currency-ambiguous --------------------------------------------------------------------


def test_currency_ambiguous_names_the_places():
    text = "Location: Toronto, ON or Seattle, WA\n\nSalary: $120,000–$140,000 per year.\n"
    (f,) = findings("pay.currency-ambiguous", text)
    assert f.severity == "info"
    assert "CA" in f.message and "US" in f.message and "USD" in f.message


@pytest.mark.parametrize(
    "text",
    [
        "Location: Toronto, ON or Seattle, WA\n\nSalary: $120,000–$140,000 USD per year.\n",
        "Location: Toronto, ON\n\nSalary: $120,000–$140,000 per year.\n",
        "Salary: $120,000–$140,000 per year.\n",
        "Location: Toronto, ON or London, UK\n\nSalary: $120,000–$140,000 per year.\n",
    ],
)
def test_currency_not_ambiguous(text):
    assert findings("pay.currency-ambiguous", text) == []


# -- pay.equity-only ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, match",
    [
        ("Compensation: equity-only for now.", "equity-only"),
        ("This position is unpaid.", "This position is unpaid"),
        ("Compensation is solely in equity until we raise.", "Compensation is solely in equity"),
        ("There is no salary; you will receive shares.", "no salary"),
        ("Join as a co-founder in exchange for equity.", "in exchange for equity"),
    ],
)
def test_equity_only(text, match):
    assert [f.match for f in findings("pay.equity-only", text)] == [match]


@pytest.mark.parametrize(
    "text",
    [
        "Salary: $120,000 plus equity.",
        "This is not an equity-only role.",
        "Unpaid leave and unpaid time off are available.",
        "We ask no salary history questions.",
        "Equity: 0.1% – 0.5%, on top of the salary below. Salary: $140k–$160k.",
    ],
)
def test_equity_only_quiet(text):
    assert findings("pay.equity-only", text) == []


# -- the fast scans find what the plain patterns find ----------------------------------------------


def _texts() -> list[str]:
    texts = [t for rule in load_all() for t in (*rule.examples_fail, *rule.examples_pass)]
    return texts + [t.upper() for t in texts] + [t.replace("s", "\u017f").replace("k", "\u212a") for t in texts]


def test_phrase_and_law_patterns_tried_at_their_heads_find_every_match():
    """Scan.finditer tries a pattern only where one of its first words occurs."""
    scans = list(_vague()) + list(_equity_only())
    for rule in load_all():
        if rule.kind == "check" and rule.data["check"].startswith("law."):
            for key in ("patterns", "any_of", "also_any_of", "all_of", "figure_any_of", "overpay_any_of"):
                scans += _scans(rule.data.get("params", {}).get(key))
    assert sum(s.heads is not None for s in scans) > 20
    for text in _texts():
        folded = fold(text)
        for scan in scans:
            assert [m.span() for m in scan.finditer(text, folded)] == [m.span() for m in scan.regex.finditer(text)]


@pytest.mark.parametrize(("pattern", "written"), [
    (r"\bD\.?O\.?E\.?(?![\w.])", r"D(?<!\w.)\.?O\.?E\.?(?![\w.])"),
    (r"\bD?x", r"\bD?x"),  # an optional first letter is no prefix: left alone
    (r"(?:a|b)", r"(?:a|b)"),
])
def test_literal_first(pattern, written):
    assert _literal_first(pattern) == written
    for text in ["DOE", "Jane Doe, DOE.", "xD.O.E.", "D.O.E..", "aDOE", "_DOE", "D.OE", "Dx x", *_texts()[:50]]:
        assert [m.span() for m in re.finditer(written, text)] == [m.span() for m in re.finditer(pattern, text)]
