"""bias.criminal-history, bias.salary-history, bias.family-status and bias.jargon."""

from __future__ import annotations

import pytest

import jdlint
from jdlint.config import Config


def hits(rule_id: str, text: str, path: str | None = None, **cfg) -> list[str]:
    result = jdlint.lint_text(text, path=path, config=Config(select=[rule_id], **cfg))
    assert result.error is None, result.error
    return [f.match for f in result.findings if f.rule == rule_id]


# -- criminal history -----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "match"), [
    ("No felons.", "No felons"),
    ("No felonies or misdemeanors in the last 7 years.", "No felonies"),
    ("Must have a clean record.", "clean record"),
    ("A clean criminal record is required.", "clean criminal record"),
    ("Felons need not apply.", "Felons need not apply"),
])
def test_criminal_history_exclusions(text, match):
    assert hits("bias.criminal-history", text) == [match]


@pytest.mark.parametrize("text", [
    "Drivers must have a clean driving record.",
    "Keep clean records of all cash counts.",
    "We consider qualified applicants with arrest and conviction records in line with the Fair Chance Act.",
])
def test_criminal_history_near_misses(text):
    assert hits("bias.criminal-history", text) == []


def test_background_check_is_info_and_knows_the_offer_stage():
    result = jdlint.lint_text("Background check required.",
                              config=Config(select=["bias.criminal-history.background-check"]))
    assert [(f.match, f.severity) for f in result.findings] == [("Background check required", "info")]
    after_offer = "Any offer is contingent on a background check, so a background check is required."
    assert hits("bias.criminal-history.background-check", after_offer) == []


# -- salary history -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "match"), [
    ("Please state your current salary.", "current salary"),
    ("Send your CV with current and expected salary.", "current and expected salary"),
    ("Include your salary history with your application.", "salary history"),
    ("What is your previous base salary?", "previous base salary"),
])
def test_salary_history(text, match):
    assert hits("bias.salary-history", text) == [match]


@pytest.mark.parametrize("text", [
    "What are your salary expectations?",
    "Please tell us your desired salary.",
    "The current salary range for this role is $70,000 to $85,000.",
    "We do not ask about current or previous salary.",
    "Colorado's salary history ban applies to this role.",
])
def test_salary_history_near_misses(text):
    assert hits("bias.salary-history", text) == []


# -- family status --------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "match"), [
    ("Ideal for someone with no family commitments.", "no family commitments"),
    ("Applicants should be unattached.", "unattached"),
    ("Candidates must not have children.", "must not have children"),
    ("Must be single and willing to relocate.", "Must be single"),
])
def test_family_status(text, match):
    assert hits("bias.family-status", text) == [match]


@pytest.mark.parametrize("text", [
    "We do not discriminate on the basis of marital status, familial status or pregnancy.",
    "The role involves overnight travel twice a month.",
    "Generous parental leave for parents of young children.",
    "Clean up unattached volumes in AWS.",
])
def test_family_status_near_misses(text):
    assert hits("bias.family-status", text) == []


# -- jargon ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "match"), [
    ("We need a Python ninja.", "ninja"),
    ("Be our marketing guru!", "guru"),
    ("Calling all rockstars.", "rockstars"),
    ("Our chef is a culinary rock star.", "rock star"),
    ("Work hard, play hard.", "Work hard, play hard"),
    ("We value culture fit.", "culture fit"),
    ("Beer Fridays and a ping-pong table.", "Beer Fridays"),
    ("You'll hit the ground running.", "hit the ground running"),
    ("In a startup you wear many hats.", "wear many hats"),
    ("We're crushing it this quarter.", "crushing it"),
    ("No bros allowed? Bro, please.", "Bro"),
    ("A fast-paced environment.", "fast-paced"),
])
def test_jargon(text, match):
    assert match in hits("bias.jargon", text)


def test_jargon_is_info():
    result = jdlint.lint_text("We need a Python ninja.", config=Config(select=["bias.jargon"]))
    assert {f.severity for f in result.findings} == {"info"}


@pytest.mark.parametrize("text", [
    "You don't need to be a ninja: we teach you.",
    "No rockstars here, just a kind team.",
    "We never ask anyone to be a “hero”.",
    "We brew award-winning beer in our taproom.",
    "Enjoy the beer garden after your shift.",
    "Build the onboarding wizard and the hero image for the homepage.",
    "Our build uses CMake and Ninja.",
    "Read https://example.com/ninja-rockstar-guru first.",
    "Email guru@example.com with questions.",
    "Configure `ninja` in the toolchain.",
])
def test_jargon_near_misses(text):
    assert hits("bias.jargon", text, path="posting.md") == []


def test_jargon_allow_list():
    assert hits("bias.jargon", "We need a Python ninja and a guru.", allow=["ninja"]) == ["guru"]
