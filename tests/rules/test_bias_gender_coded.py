"""bias.gender-coded (one info per coded word) and bias.gender-coded-balance (posting-level)."""

from __future__ import annotations

import pytest

import jdlint
from jdlint.config import Config

WORD = "bias.gender-coded"
BALANCE = "bias.gender-coded-balance"


def coded(text: str, path: str | None = None, **cfg) -> list[str]:
    result = jdlint.lint_text(text, path=path, config=Config(select=[WORD], **cfg))
    assert result.error is None, result.error
    return [f.match.lower() for f in result.findings if f.rule == WORD]


@pytest.mark.parametrize("text", [
    "You will lead the payments team.",
    "You have experience leading distributed teams.",
    "She leads our design reviews.",
    "You led a migration to Postgres.",
    "A natural leader who mentors others.",
])
def test_lead_is_matched_in_all_its_forms(text):
    assert coded(text), text


def test_every_coded_word_is_info_and_names_its_side():
    result = jdlint.lint_text("You are ambitious and supportive.", config=Config(select=[WORD]))
    by_match = {f.match: f for f in result.findings}
    assert by_match["ambitious"].severity == "info"
    assert "masculine-coded" in by_match["ambitious"].message
    assert "feminine-coded" in by_match["supportive"].message


@pytest.mark.parametrize("text", [
    "You will own lead generation and shorten our lead times.",
    "Qualify inbound sales leads from the website.",
    "Answer customer support tickets and triage each support ticket by priority.",
    "Responsibilities: keep dependencies up to date.",
    "Publish reports to SharePoint for the finance team.",
    "Join the analytics team that builds our dashboards.",
    "We offer a competitive salary and competitive parental leave.",
    "We are hiring a Tech Lead and a Lead Software Engineer.",
    "You will report to the Operations Lead.",
    "Our growth led to three new teams.",
    "You will be responsible for the release calendar.",
    "A solid understanding of SQL is required.",
    "We welcome qualified individuals with disabilities.",
    "Experience with Objective-C and event driven systems.",
    "A stable internet connection is required.",
])
def test_context_exceptions_are_quiet(text):
    assert coded(text) == [], text


def test_the_issue_example_counts_nothing():
    # gender-decoder counts "lead", "support" and "responsib" here; a careful reader counts nothing
    text = "You will run lead generation, handle customer support and take on new responsibilities."
    result = jdlint.lint_text(text, config=Config(select=["bias"]))
    assert result.facts.gender_coding["masculine"] == 0
    assert result.facts.gender_coding["feminine"] == 0
    assert [f for f in result.findings if f.rule.startswith("bias.gender-coded")] == []


def test_never_inside_urls_emails_code_or_longer_words():
    text = (
        "See https://example.com/leadership/ambitious-competitors or write to leader@example.com.\n"
        "Run `competitive --lead` locally.\n\n"
        "```\nleader = elect(ambitious=True)\n```\n\n"
        "Avoid misleading metrics and unsupported claims.\n"
    )
    assert coded(text, path="posting.md") == []


def test_allow_list():
    text = "You will lead the team and champion accessibility."
    assert coded(text) == ["lead", "champion"]
    assert coded(text, allow=["champion"]) == ["lead"]


STRONG = (
    "We want an ambitious, competitive and decisive engineer. You are assertive, independent and "
    "self-reliant, you lead from the front, and you dominate every challenge."
)


def test_balance_warns_on_a_strongly_masculine_posting():
    result = jdlint.lint_text(STRONG, config=Config(select=["bias"]))
    (f,) = [f for f in result.findings if f.rule == BALANCE]
    assert f.severity == "warning"
    coding = result.facts.gender_coding
    assert coding["balance"] == "strongly masculine-coded"
    assert coding["masculine"] >= 8 and coding["feminine"] == 0
    assert str(coding["masculine"]) in f.message
    assert "ambitious" in f.message and "decisive" in f.message
    assert (f.line, f.column) == (1, 1)


def test_balance_is_quiet_when_balanced_or_mildly_masculine():
    mild = "You are ambitious and analytical, and you lead code reviews."
    balanced = STRONG + " You are supportive, collaborative, kind, warm, honest, committed, loyal and polite."
    for text in (mild, balanced):
        result = jdlint.lint_text(text, config=Config(select=["bias"]))
        assert not [f for f in result.findings if f.rule == BALANCE], text


def test_balance_respects_the_same_exceptions():
    text = (
        "Tech Lead wanted. Own lead generation, lead times, customer support tickets, dependencies, "
        "responsibilities, analytics and competitive salary reviews. Report to the Product Lead."
    )
    result = jdlint.lint_text(text, config=Config(select=["bias"]))
    assert result.facts.gender_coding["score"] == 0
    assert not [f for f in result.findings if f.rule == BALANCE]
