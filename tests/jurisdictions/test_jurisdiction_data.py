"""The jurisdiction model, the law packs and docs/jurisdictions.md agree with one another."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jdlint.checks.law import _regexes
from jdlint.engine.packs import load_all
from jdlint.jurisdictions.data import REMOTE_VALUES, model

ROOT = Path(__file__).resolve().parents[2]
DATA = model()
LAW_RULES = [r for r in load_all() if "/law-" in r.pack.replace("\\", "/")]
BY_ID = {r.id: r for r in LAW_RULES}

# posting requirement in rules/data/jurisdictions.yaml -> the rule id prefix that checks it
REQUIREMENT_RULES = {
    "benefits": "pay.benefits-missing",
    "open_ended_forbidden": "pay.open-ended",
    "no_pay_history": "pay.history-question",
    "deadline": "pay.deadline-missing",
    "ai_disclosure": "ai.disclosure-missing",
    "vacancy_status": "vacancy.status-missing",
    "no_canadian_experience": "bias.canadian-experience",
    "max_spread": "pay.range-too-wide",
    "language": "lang.french-missing",
    "title_marker": "title.gender-marker",
    "eeo_tagline": "eeo.vevraa-tagline",
    "no_discriminatory_wording": "bias.equality-act",
}


def suffix(jid: str) -> str:
    return jid.lower()


@pytest.mark.parametrize("rule", LAW_RULES, ids=[r.id for r in LAW_RULES])
def test_every_law_rule_names_one_known_jurisdiction_and_a_date(rule):
    assert len(rule.jurisdictions) == 1
    [jid] = rule.jurisdictions
    assert jid in DATA.specs, f"{rule.id}: {jid} is not in rules/data/jurisdictions.yaml"
    assert rule.id.endswith("." + suffix(jid)), "rule ids end with their jurisdiction"
    assert rule.effective_from is not None, "the README table needs effective dates"
    assert rule.kind == "check" and rule.data["check"].startswith("law.")
    assert rule.sources and rule.rationale and rule.examples_fail and rule.examples_pass


@pytest.mark.parametrize("rule", LAW_RULES, ids=[r.id for r in LAW_RULES])
def test_rule_params_are_valid(rule):
    params = rule.data.get("params") or {}
    for key in ("any_of", "also_any_of", "all_of", "patterns", "unless_sentence_matches", "markers", "gendered",
                "figure_any_of", "overpay_any_of"):
        _regexes(params.get(key))  # compiles
    for other in params.get("defer_to") or ():
        assert other in DATA.specs and other not in rule.jurisdictions
    [jid] = rule.jurisdictions
    assert int(params.get("min_employees") or 0) >= 0
    if params.get("min_employees"):
        assert params["min_employees"] > DATA.specs[jid].min_employees, "only thresholds above the jurisdiction's"
    if rule.data["check"] == "law.pay-range":
        assert params.get("test", "missing") in ("missing", "open-ended", "spread")


@pytest.mark.parametrize("jid", sorted(DATA.specs))
def test_every_jurisdiction_is_well_formed_and_has_rules(jid):
    spec = DATA.specs[jid]
    assert spec.remote in REMOTE_VALUES
    assert spec.parent is None or spec.parent in DATA.specs
    assert spec.min_employees >= 1
    assert spec.law and spec.covers and spec.sources and spec.effective
    assert spec.remote_note
    assert spec.subdivision or spec.match_country or spec.countries or spec.cities, "must be matchable"
    assert any(jid in r.jurisdictions for r in LAW_RULES)


@pytest.mark.parametrize("jid", sorted(DATA.specs))
def test_posting_requirements_have_rules(jid):
    spec = DATA.specs[jid]
    ids = {r.id for r in LAW_RULES if jid in r.jurisdictions}
    for key, prefix in REQUIREMENT_RULES.items():
        if spec.posting.get(key):
            assert f"{prefix}.{suffix(jid)}" in ids, f"{jid}: posting.{key} has no {prefix} rule"
    pay = spec.posting.get("pay")
    if pay in ("range", "range-or-figure"):
        rule = BY_ID[f"pay.missing.{suffix(jid)}"]
        # The pay rule's date is the law's date (Columbus: the enforcement date).
        assert rule.effective_from == spec.effective
    if pay == "minimum":
        assert f"pay.minimum-missing.{suffix(jid)}" in ids
    deadline = spec.posting.get("deadline")
    if deadline:
        assert BY_ID[f"pay.deadline-missing.{suffix(jid)}"].effective_from == deadline


def test_remote_covering_laws_match_the_research_notes():
    covers = {s.id for s in DATA.specs.values() if s.remote == "covers"}
    assert {"US-CO", "US-CA", "US-WA", "US-NY-WESTCHESTER", "CA-BC", "US-DE"} <= covers
    for not_inferable in ("US-NY", "US-IL", "US-VT"):
        assert DATA.specs[not_inferable].remote == "conditional"


def test_eu_members_map_to_the_eu():
    assert DATA.eu_members >= {"PL", "AT", "DE", "FR", "PT", "NL"}
    assert "GB" not in DATA.eu_members and "CH" not in DATA.eu_members
    for jid in ("PL", "AT", "DE"):
        assert DATA.specs[jid].parent == "EU"


def test_docs_cover_every_jurisdiction_and_rule():
    doc = (ROOT / "docs" / "jurisdictions.md").read_text(encoding="utf-8")
    for jid in DATA.specs:
        assert f"`{jid}`" in doc, f"docs/jurisdictions.md does not mention {jid}"
    for rule in LAW_RULES:
        assert f"`{rule.id}`" in doc, f"docs/jurisdictions.md does not mention {rule.id}"
        assert rule.effective_from.isoformat() in doc


def test_docs_dates_match_the_data():
    doc = (ROOT / "docs" / "jurisdictions.md").read_text(encoding="utf-8")
    rows = {m.group(1): m.group(0) for m in re.finditer(r"^\| `([A-Z][A-Z-]*)` .*$", doc, re.MULTILINE)}
    for jid, spec in DATA.specs.items():
        assert jid in rows, f"no table row for {jid}"
        assert spec.effective.isoformat() in rows[jid], f"{jid}: the table row does not show {spec.effective}"
