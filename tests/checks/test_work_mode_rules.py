"""The work-mode rules end to end: work-mode.missing and work-mode.conflict."""

from __future__ import annotations

import pytest

import jdlint
from jdlint.config import Config
from jdlint.engine.packs import load_all

MISSING = "work-mode.missing"
CONFLICT = "work-mode.conflict"


def findings(rule_id: str, text: str, path: str | None = None):
    result = jdlint.lint_text(text, path=path, config=Config(select=[rule_id]))
    assert result.error is None, result.error
    return [f for f in result.findings if f.rule == rule_id]


def test_rule_metadata():
    rules = {r.id: r for r in load_all() if r.category == "work-mode"}
    assert set(rules) >= {MISSING, CONFLICT}
    for rule in (rules[MISSING], rules[CONFLICT]):
        assert rule.severity == "warning"
        assert rule.kind == "check"
        assert any("Google" in s for s in rule.sources)
        assert rule.examples_fail and rule.examples_pass


# -- work-mode.missing ------------------------------------------------------------------------


def test_missing_is_posting_level():
    (f,) = findings(MISSING, "We are hiring a barista. Great coffee, friendly team.\n")
    assert (f.line, f.column) == (1, 1)
    assert f.severity == "warning"
    assert "remote, hybrid or on-site" in f.message


@pytest.mark.parametrize(
    "text",
    [
        "Our platform does remote monitoring of wind turbines.\nYou will write firmware.",
        "Perks: a work-from-home stipend, on-site parking and a gym.",
        "We build tools for remote teams. Fully remote roles are clearly marked as such.",
    ],
)
def test_missing_fires_on_lookalikes(text):
    assert findings(MISSING, text)


@pytest.mark.parametrize(
    "text, path",
    [
        ("Location: Remote (US)\n\nYou will build APIs.", None),
        ("This is a hybrid role: three days a week in our Leeds office.", None),
        ("---\ntitle: Roaster\nwork_mode: on-site\n---\nYou will roast coffee.\n", "job.md"),
    ],
)
def test_missing_quiet_when_stated(text, path):
    assert not findings(MISSING, text, path)


# -- work-mode.conflict -----------------------------------------------------------------------


def test_conflict_cites_both_places_and_hits_the_second():
    text = "Backend Engineer\n\nThis role is fully remote.\n\nYou must be in the office three days a week.\n"
    (f,) = findings(CONFLICT, text)
    assert f.line == 5
    assert f.match == "three days a week"
    assert "line 5" in f.message and "line 3" in f.message
    assert "“role is fully remote” on line 3" in f.message
    assert "hybrid" in f.message and "remote" in f.message
    assert f.severity == "warning"


def test_conflict_with_front_matter_names_its_line():
    text = "---\ntitle: Engineer\nwork_mode: remote\n---\nThis is an on-site position at our plant.\n"
    (f,) = findings(CONFLICT, text, "job.md")
    assert f.line == 5
    assert "line 3" in f.message
    assert "on-site" in f.message


def test_one_finding_per_posting():
    text = "Remote\n\nThis is an on-site role.\n\nThis is an in-person position.\n\nOn-site only.\n"
    assert len(findings(CONFLICT, text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Location: Burlington, VT or remote\n\nThis is an in-person role.",
        "This is an in-person role, though you may start remotely until the office reopens.",
        "- Hybrid approach (office + remote, depending on team)",
        "This role is fully remote.\n\nWe have a strong preference for people in-person at times.",
        "This role is fully remote. Our customers run on-site clinics.",
    ],
)
def test_no_conflict(text):
    assert not findings(CONFLICT, text)
