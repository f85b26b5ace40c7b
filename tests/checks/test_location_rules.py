"""The location rules end to end: location.missing and location.remote-region-missing."""

from __future__ import annotations

import pytest

import jdlint
from jdlint.config import Config
from jdlint.engine.packs import load_all

MISSING = "location.missing"
REMOTE = "location.remote-region-missing"


def findings(rule_id: str, text: str, path: str | None = None):
    result = jdlint.lint_text(text, path=path, config=Config(select=[rule_id]))
    assert result.error is None, result.error
    return [f for f in result.findings if f.rule == rule_id]


def test_rule_metadata():
    rules = {r.id: r for r in load_all() if r.category == "location"}
    assert set(rules) >= {MISSING, REMOTE}
    for rid in (MISSING, REMOTE):
        rule = rules[rid]
        assert rule.severity == "warning"
        assert rule.kind == "check"
        assert any("Google" in s for s in rule.sources)
        assert rule.examples_fail and rule.examples_pass


# -- location.missing -----------------------------------------------------------------------------


def test_missing_is_posting_level():
    (f,) = findings(MISSING, "We are hiring a barista. Great coffee, friendly team.\n")
    assert (f.line, f.column) == (1, 1)
    assert "where the job is" in f.message


@pytest.mark.parametrize(
    "text",
    [
        "Our headquarters are in Denver, CO. We also have offices in London and Berlin.",
        "Customers in 40 countries use our app. Reading and writing code daily.",
        "Nice to have: Phoenix, Java and mobile experience. Austin will onboard you.",
    ],
)
def test_missing_fires_when_places_are_not_the_job(text):
    assert findings(MISSING, text)


@pytest.mark.parametrize(
    "text, path",
    [
        ("Location: Denver, CO\n\nYou will roast coffee.", None),
        ("---\ntitle: Roaster\nlocation: Leeds, UK\n---\nYou will roast coffee.\n", "job.md"),
        ("You will roast coffee at our Portland, OR plant.", None),
        ("The job is based in Madrid.", None),
    ],
)
def test_missing_is_quiet_when_the_place_is_named(text, path):
    assert not findings(MISSING, text, path)


def test_missing_leaves_fully_remote_roles_to_the_remote_rule():
    text = "This is a fully remote role. You will write our docs."
    assert not findings(MISSING, text)
    assert findings(REMOTE, text)


# -- location.remote-region-missing -----------------------------------------------------------------


def test_remote_region_missing_points_at_the_remote_marker():
    text = "# Technical Writer\n\nThis is a fully remote role. You will write our docs.\n"
    (f,) = findings(REMOTE, text)
    assert f.line == 3
    assert "remote" in f.match.lower()


@pytest.mark.parametrize(
    "text",
    [
        "This is a fully remote role. Our headquarters are in Denver, CO.",
        "This is a fully remote role. We have offices in London and Berlin.",
    ],
)
def test_remote_region_missing_ignores_hq_and_office_lists(text):
    assert findings(REMOTE, text)


@pytest.mark.parametrize(
    "text",
    [
        "Remote (US). This is a fully remote role.",
        "This is a fully remote role open to candidates anywhere in Europe.",
        "This is a fully remote role; you must work in US time zones.",
        "This is a fully remote role within UTC-1 to UTC+3.",
        "Location: Worldwide\n\nThis is a fully remote role.",
        "This is a fully remote role. You must be based in Canada.",
        "This is an on-site role in our warehouse.",
        "We are hiring a barista.",
    ],
)
def test_remote_region_missing_is_quiet(text):
    assert not findings(REMOTE, text)
