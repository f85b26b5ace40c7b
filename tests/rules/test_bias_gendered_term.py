"""bias.gendered-term (nouns and titles), .pronoun (lone he/she for the hire) and .pronoun-pair."""

from __future__ import annotations

import pytest

import jdlint
from jdlint.config import Config

TERM = "bias.gendered-term"
PRONOUN = "bias.gendered-term.pronoun"
PAIR = "bias.gendered-term.pronoun-pair"


def found(rule_id: str, text: str, path: str | None = None, **cfg) -> list:
    result = jdlint.lint_text(text, path=path, config=Config(select=[rule_id], **cfg))
    assert result.error is None, result.error
    return [f for f in result.findings if f.rule == rule_id]


@pytest.mark.parametrize(("text", "match", "fix"), [
    ("We need a salesman for the Denver territory.", "salesman", "salesperson"),
    ("Our salesmen travel weekly.", "salesmen", "salespeople"),
    ("You will assist the chairman.", "chairman", "chair"),
    ("The foreman signs off on each pour.", "foreman", "supervisor"),
    ("Plan manpower for the season.", "manpower", "staffing"),
    ("Log your man-hours daily.", "man-hours", "person-hours"),
    ("Complete all work in a workmanlike manner.", "workmanlike", "professional"),
    ("Our waitresses earn tips.", "waitresses", "servers"),
    ("Hey guys, we're hiring!", "guys", None),
])
def test_gendered_terms_and_fixes(text, match, fix):
    (f,) = found(TERM, text)
    assert f.match == match
    assert f.fix == fix
    assert f.severity == "warning"


@pytest.mark.parametrize("text", [
    "We need a salesperson for the Denver territory.",
    "We partner with Manpower Group for temp staff.",
    "Email chairman@example.com or see https://example.com/foreman.",
    "Our guide to human resources.",
    "Workmanship matters: we take craftsmanship seriously.",
    "Use the `salesman` table in the legacy schema.",
])
def test_gendered_term_near_misses(text):
    assert found(TERM, text, path="posting.md") == []


def test_quoted_title_is_not_flagged():
    assert found(TERM, "We retired the title “salesman” years ago.") == []


@pytest.mark.parametrize(("text", "match"), [
    ("The ideal candidate has five years of payroll experience and he will report to the CFO.", "he will"),
    ("The successful applicant should show that his experience covers B2B sales.", "his experience"),
    ("He will open the store on weekdays.", "He will"),
    ("- She will manage the reception desk.", "She will"),
    ("Great pay. His duties include stock counts.", "His duties"),
    ("The candidate knows our stack; he'll pair with the team.", None),
])
def test_lone_pronoun_for_the_hire(text, match):
    fs = found(PRONOUN, text)
    if match is None:  # a semicolon ends the clause: the antecedent is too far away to be sure
        assert fs == []
    else:
        assert [f.match for f in fs] == [match]


@pytest.mark.parametrize("text", [
    "The candidate will report to Priya, and she will onboard them.",
    "Our head chef, Marco, runs the kitchen; you will help him with prep.",
    "\"He was the best hire we ever made,\" says the candidate's manager.",
    "The candidate should know that he or she will be on call.",
    "The candidate will own the roadmap and they will report to the CTO.",
    "You will open the store on weekdays.",
    "The new hire will support the founder and his team.",
])
def test_pronoun_near_misses(text):
    assert found(PRONOUN, text) == [], text


@pytest.mark.parametrize(("text", "match", "suggestion"), [
    ("He or she will lead onboarding.", "He or she", "they"),
    ("Each engineer owns his/her services.", "his/her", "their"),
    ("We will train him or her.", "him or her", "them"),
    ("S/he reports to the CTO.", "S/he", "they"),
])
def test_pronoun_pairs_are_info(text, match, suggestion):
    (f,) = found(PAIR, text)
    assert (f.match, f.suggestion, f.severity) == (match, suggestion, "info")
