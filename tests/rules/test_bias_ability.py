"""bias.ability (physical requirements without accommodation), .exclusion and .idiom."""

from __future__ import annotations

import pytest

import jdlint
from jdlint.config import Config

RULE = "bias.ability"


def hits(rule_id: str, text: str, path: str | None = None, **cfg) -> list[str]:
    result = jdlint.lint_text(text, path=path, config=Config(select=[rule_id], **cfg))
    assert result.error is None, result.error
    return [f.match for f in result.findings if f.rule == rule_id]


WAREHOUSE = """\
# Warehouse Associate

## Requirements
- Must be able to lift up to 50 lbs repeatedly.
- Able to stand and walk for an entire shift.
- Frequent bending, kneeling and reaching.
- Ability to push and pull carts weighing 200 lbs.
- You will spend most of the shift on your feet.
- Must be able to see and hear alarms on the floor.
"""


def test_physical_requirements_are_flagged_one_finding_each():
    found = hits(RULE, WAREHOUSE, path="posting.md")
    assert found == [
        "Must be able to lift up to 50 lbs",
        "Able to stand and walk for an entire shift",
        "Frequent bending, kneeling and reaching",
        "push and pull carts weighing 200 lbs",
        "spend most of the shift on your feet",
        "Must be able to see and hear",
    ]


@pytest.mark.parametrize("statement", [
    "All requirements can be met with or without reasonable accommodation.",
    "Reasonable accommodations may be made to enable individuals with disabilities to perform the essential functions.",
    "We provide reasonable accommodation to qualified applicants; email jobs@example.com.",
    "UK applicants: the duties can be done with or without reasonable adjustments.",
])
def test_one_accommodation_statement_clears_the_rule(statement):
    assert hits(RULE, WAREHOUSE + "\n" + statement + "\n", path="posting.md") == []


def test_the_finding_says_what_to_add():
    result = jdlint.lint_text("Ability to lift 40 lbs.", config=Config(select=[RULE]))
    (f,) = result.findings
    assert f.severity == "warning"
    assert "reasonable accommodation" in f.message
    assert "with or without reasonable accommodation" in (f.suggestion or "")


@pytest.mark.parametrize("text", [
    "Ability to stand out in a crowded market.",
    "You will stand up new services on Kubernetes.",
    "Able to walk stakeholders through trade-offs.",
    "Able to sit with customers and understand their needs.",
    "Required to sit an exam within six months.",
    "Ability to carry out root-cause analysis.",
    "Able to lift the team when deadlines are tight.",
    "You can see the big picture and hear feedback.",
    "We do the heavy lifting on infrastructure.",
    "You think on your feet in client meetings.",
    "Push code to production daily.",
    "Our app reads 50 lbs or 22 kg out loud.",
])
def test_near_misses(text):
    assert hits(RULE, text) == [], text


def test_allow_list():
    assert hits(RULE, "Ability to lift 40 lbs.", allow=["ability to lift 40 lbs"]) == []


@pytest.mark.parametrize("text", [
    "Looking for able-bodied warehouse staff.",
    "Sorry, the studio is not suitable for wheelchair users.",
    "Applicants must not have any medical conditions.",
])
def test_explicit_exclusions_are_not_cleared_by_accommodation(text):
    with_statement = text + " We provide reasonable accommodations on request."
    assert hits("bias.ability.exclusion", with_statement)


@pytest.mark.parametrize(("text", "match"), [
    ("Our growth has been crazy.", "crazy"),
    ("Do a quick sanity check of the numbers.", "sanity check"),
    ("That ad was tone-deaf.", "tone-deaf"),
    ("Complaints fell on deaf ears at my last job.", "fell on deaf ears"),
    ("We ship insanely fast.", "insanely"),
])
def test_idioms_are_info(text, match):
    result = jdlint.lint_text(text, config=Config(select=["bias.ability.idiom"]))
    assert [(f.match, f.severity) for f in result.findings] == [(match, "info")]


@pytest.mark.parametrize("text", [
    "Our product serves deaf and blind users.",
    "Read https://example.com/crazy-fast-builds.",
    "Call it a “sanity check” if you must; we say smoke test.",
    "Run `crazy-lint` in CI.",
])
def test_idiom_near_misses(text):
    assert hits("bias.ability.idiom", text, path="posting.md") == []
