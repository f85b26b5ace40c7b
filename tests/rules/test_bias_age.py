"""bias.age, bias.age.coded, bias.age.limit and the opt-in bias.age.experience-minimum."""

from __future__ import annotations

import pytest

import jdlint
from jdlint.config import Config


def hits(rule_id: str, text: str, path: str | None = None, **cfg) -> list[str]:
    result = jdlint.lint_text(text, path=path, config=Config(select=[rule_id], **cfg))
    assert result.error is None, result.error
    return [f.match for f in result.findings if f.rule == rule_id]


@pytest.mark.parametrize(("text", "match"), [
    ("Join a young and dynamic team of designers.", "young and dynamic"),
    ("We are a young, international team based in Lisbon.", "young"),
    ("Perfect for a recent college graduate.", "recent college graduate"),
    ("Recent grads welcome!", "Recent grads"),
    ("Are you a digital native?", "digital native"),
    ("We want fresh blood on the board.", "fresh blood"),
    ("Our ideal candidate is post-grad and up on every trend.", "post-grad"),
    ("You're fresh out of college and eager to learn.", "fresh out of college"),
])
def test_age_preference(text, match):
    assert hits("bias.age", text) == [match]


def test_age_finding_shape():
    result = jdlint.lint_text("Line one.\nWe want a young team.\n", config=Config(select=["bias.age"]))
    (f,) = result.findings
    assert (f.line, f.column, f.end_column) == (2, 11, 16)
    assert f.severity == "warning"
    assert f.suggestion and "skills" in f.suggestion
    assert "younger applicants" in f.message


@pytest.mark.parametrize("text", [
    "Our nonprofit teaches young people to build apps.",
    "You will mentor young learners in after-school clubs.",
    "Help young women enter engineering.",
    "We are a young company in a mature market.",
    "You don't need to be a recent graduate to apply.",
    "A post-graduate degree in economics is preferred.",
    "A post grad degree is a plus.",
    "Visit https://example.com/young-and-dynamic-teams.",
    "The role is entry-level; no experience required.",
    "Words like “young” put older applicants off.",
])
def test_age_preference_near_misses(text):
    assert hits("bias.age", text) == []


def test_age_inside_code_span_in_markdown():
    assert hits("bias.age", "Set the flag `--young` to enable it.\n", path="posting.md") == []


def test_energetic_is_info():
    result = jdlint.lint_text("We want an energetic QA engineer.", config=Config(select=["bias.age.coded"]))
    (f,) = result.findings
    assert f.severity == "info" and f.match == "energetic"


@pytest.mark.parametrize(("text", "match"), [
    ("Applicants should have no more than 5 years of experience.", "no more than 5 years of experience"),
    ("Maximum 3 years of relevant experience.", "Maximum 3 years of relevant experience"),
    ("2 years experience max.", "2 years experience max"),
    ("Candidates aged 25-35 preferred.", "aged 25-35"),
    ("Only applicants born after 1995.", "born after 1995"),
    ("Open to students who graduated in 2024 or later.", "graduated in 2024"),
    ("We hire 2025/2026 graduates only.", "2025/2026 graduates"),
    ("Please include your graduation year on your CV.", "include your graduation year"),
    ("Must be under 35 years old.", "under 35 years old"),
])
def test_age_limits(text, match):
    assert hits("bias.age.limit", text) == [match]


@pytest.mark.parametrize("text", [
    "You must be at least 18 years old.",
    "Bartenders must be 21 or older.",
    "Teen programs for ages 13-18.",
    "Applicants under the age of 18 need a work permit.",
    "You have 5+ years of experience in Go.",
    "We will never ask for your date of birth or graduation year.",
    "Respond to 95% of tickets in under 30 minutes.",
    "Contract length: maximum 2 years, renewable.",
])
def test_age_limit_near_misses(text):
    assert hits("bias.age.limit", text) == []


def test_experience_minimum_is_opt_in():
    text = "You bring 10+ years of professional experience."
    assert hits("bias", text) == []  # selecting the category does not turn on opt-in rules
    assert hits("bias.age.experience-minimum", text) == ["10+ years of professional experience"]
    assert hits("bias.age.experience-minimum", "At least 3 years of experience with React.") == [
        "At least 3 years of experience"]
