"""The law checks on hand-built facts: no dependence on place or pay extraction."""

from __future__ import annotations

from datetime import date

import pytest

from jdlint.checks.law import job_title, language_share
from jdlint.config import Config
from jdlint.engine.context import Posting
from jdlint.engine.packs import load_all
from jdlint.engine.runner import run_rule
from jdlint.jurisdictions.infer import infer_jurisdictions
from jdlint.model import Facts, Jurisdiction, Location, Pay
from jdlint.nlp import tokenize
from jdlint.readers import read_source

RULES = {r.id: r for r in load_all()}
TODAY = date(2026, 11, 1)


def pay(text: str, within: str, lo, hi, *, period="year", currency="USD", open_ended=False) -> Pay:
    start = within.index(text)
    return Pay(lo, hi, currency, period, text, 1, open_ended=open_ended, start=start, end=start + len(text))


def posting(text: str, *, pays=(), places=(), jurisdictions=None, as_of=TODAY, mode=None, **config) -> Posting:
    cfg = Config(**config)
    doc = read_source("<t>", text, "text")
    facts = Facts(pay=pays[0] if pays else None, pay_ranges=list(pays), locations=list(places), work_mode=mode)
    if jurisdictions is None:
        facts.jurisdictions = infer_jurisdictions(doc, facts, cfg)
    else:
        facts.jurisdictions = [Jurisdiction(j, "configured") for j in jurisdictions]
    return Posting(doc=doc, tokens=tokenize(doc.text), facts=facts, config=cfg, as_of=as_of)


def run(rule_id: str, p: Posting):
    return run_rule(RULES[rule_id], p, p.config, p.as_of)


DENVER = Location("Denver, CO", 2, "US", "US-CO", "Denver")
NYC = Location("New York, NY", 2, "US", "US-NY", "New York")
BUFFALO = Location("Buffalo, NY", 2, "US", "US-NY", "Buffalo")
TORONTO = Location("Toronto, ON", 2, "CA", "CA-ON", "Toronto")
SEATTLE = Location("Seattle, WA", 2, "US", "US-WA", "Seattle")
WILMINGTON = Location("Wilmington, DE", 2, "US", "US-DE", "Wilmington")
WARSAW = Location("Warsaw, Poland", 2, "PL", None, "Warsaw")
VIENNA = Location("Wien, Österreich", 2, "AT", None, "Wien")
LISBON = Location("Lisbon, Portugal", 2, "PT", None, "Lisbon")


# -- law.pay-range: missing ----------------------------------------------------------------


def test_pay_missing_fires_with_the_reason_and_is_posting_level():
    p = posting("Barista\nLocation: Denver, CO\nGreat coffee.", places=[DENVER])
    [f] = run("pay.missing.us-co", p)
    assert f.severity == "error" and f.line == 1 and f.match == ""
    assert "(job located in Denver, CO (line 2))" in f.message


def test_pay_present_passes():
    text = "Barista\nLocation: Denver, CO\nPay: $18–$22 per hour."
    p = posting(text, places=[DENVER], pays=[pay("$18–$22 per hour", text, 18, 22, period="hour")])
    assert run("pay.missing.us-co", p) == []


def test_rule_does_not_run_where_its_jurisdiction_does_not_apply():
    p = posting("Barista\nLocation: Toronto, ON", places=[TORONTO])
    assert run("pay.missing.us-co", p) == []


def test_configured_jurisdiction_reason():
    p = posting("Barista. Great coffee.", jurisdictions=["US-CO"])
    [f] = run("pay.missing.us-co", p)
    assert "(configured)" in f.message


def test_washington_single_figure_before_and_after_2025_07_27():
    text = "Barista\nLocation: Seattle, WA\nPay: $25 per hour."
    figure = pay("$25 per hour", text, 25, 25, period="hour")
    before = run("pay.missing.us-wa", posting(text, places=[SEATTLE], pays=[figure], as_of=date(2024, 6, 1)))
    assert [f.match for f in before] == ["$25 per hour"]
    assert "until 2025-07-27" in before[0].message
    assert run("pay.missing.us-wa", posting(text, places=[SEATTLE], pays=[figure], as_of=date(2025, 8, 1))) == []


def test_state_rule_defers_to_the_city_rule():
    p = posting("Paralegal\nLocation: New York, NY", places=[NYC])
    assert [f.rule for f in run("pay.missing.us-ny-nyc", p)] == ["pay.missing.us-ny-nyc"]
    assert run("pay.missing.us-ny", p) == []
    upstate = posting("Paralegal\nLocation: Buffalo, NY", places=[BUFFALO])
    assert [f.rule for f in run("pay.missing.us-ny", upstate)] == ["pay.missing.us-ny"]


def test_eu_rule_defers_to_poland_and_austria_but_not_to_a_law_not_yet_in_force():
    assert run("pay.missing.eu", posting("Developer\nLocation: Warsaw, Poland", places=[WARSAW])) == []
    assert run("pay.missing.eu", posting("Entwickler\nWien, Österreich", places=[VIENNA])) == []
    # Before Poland's law (2025-12-24) the EU rule is not deferred: it previews as info.
    early = run("pay.missing.eu", posting("Developer\nLocation: Warsaw, Poland", places=[WARSAW],
                                          as_of=date(2025, 6, 1)))
    assert [f.severity for f in early] == ["info"]
    assert [f.severity for f in run("pay.missing.eu", posting("Dev\nLisbon, Portugal", places=[LISBON]))] \
        == ["warning"]


def test_rule_level_employer_threshold():
    minneapolis = Location("Minneapolis, MN", 2, "US", "US-MN", "Minneapolis")
    text = "Nurse\nLocation: Minneapolis, MN\nWhat was your previous compensation?"
    small = posting(text, places=[minneapolis], employer_size=20)
    assert run("pay.missing.us-mn", small) == []  # 30+ employees
    assert run("pay.history-question.us-mn", small)  # all employers
    assert run("pay.missing.us-mn", posting(text, places=[minneapolis], employer_size=30))


# -- law.pay-range: open-ended and spread ----------------------------------------------------


def test_open_ended_flags_the_figure():
    text = "Account Executive\nLocation: New York, NY\nBase salary: $90,000 and up."
    p = posting(text, places=[NYC], pays=[pay("$90,000 and up", text, 90000, None, open_ended=True)])
    [f] = run("pay.open-ended.us-ny-nyc", p)
    assert f.match == "$90,000 and up" and f.line == 3


def test_open_ended_passes_when_a_closed_range_is_also_given():
    text = "Location: New York, NY\nBase: $90,000–$100,000; up to $120,000 for senior hires."
    p = posting(text, places=[NYC], pays=[pay("$90,000–$100,000", text, 90000, 100000),
                                          pay("up to $120,000", text, None, 120000, open_ended=True)])
    assert run("pay.open-ended.us-ny-nyc", p) == []


@pytest.mark.parametrize("lo, hi, period, fires", [
    (85_000, 120_000, "year", False),
    (60_000, 140_000, "year", True),
    (60_000, 110_000, "year", False),   # exactly $50,000
    (180_000, 260_000, "year", False),  # top over $200,000
    (5_000, 10_000, "month", True),     # $60,000 a year
    (20, 60, "hour", False),            # hourly ranges are not checked
])
def test_ontario_spread(lo, hi, period, fires):
    text = "Location: Toronto, ON\nPay: RANGE"
    p = posting(text, places=[TORONTO], pays=[pay("RANGE", text, lo, hi, period=period, currency="CAD")])
    found = run("pay.range-too-wide.ca-on", p)
    assert bool(found) is fires
    if fires:
        assert found[0].match == "RANGE"


def test_ontario_spread_message_names_the_spread():
    text = "Location: Toronto, ON\nSalary: $60,000–$140,000 per year"
    p = posting(text, places=[TORONTO], pays=[pay("$60,000–$140,000 per year", text, 60000, 140000, currency="CAD")])
    [f] = run("pay.range-too-wide.ca-on", p)
    assert "spans $80,000 a year" in f.message


# -- dates -----------------------------------------------------------------------------------


def test_colorado_deadline_silent_before_2024_and_a_warning_after():
    text = "Barista\nLocation: Denver, CO\nPay: $18–$22 per hour."
    assert run("pay.deadline-missing.us-co", posting(text, places=[DENVER], as_of=date(2023, 6, 1))) == []
    [f] = run("pay.deadline-missing.us-co", posting(text, places=[DENVER], as_of=date(2024, 6, 1)))
    assert f.severity == "warning"


@pytest.mark.parametrize("deadline", ["Apply by 31 Mar 2026.", "Apply by March 31, 2026.",
                                      "Applications accepted on a rolling basis.",
                                      "Application deadline: 2026-03-31.",
                                      "Applications will be accepted until April 15."])
def test_colorado_deadline_forms(deadline):
    text = f"Barista\nLocation: Denver, CO\n{deadline}"
    assert run("pay.deadline-missing.us-co", posting(text, places=[DENVER])) == []


def test_apply_by_email_is_not_a_deadline():
    text = "Barista\nLocation: Denver, CO\nApply by email to jobs@example.com."
    assert run("pay.deadline-missing.us-co", posting(text, places=[DENVER]))


def test_delaware_is_info_before_2027_09_26_and_an_error_after():
    text = "Teller\nLocation: Wilmington, DE"
    [early] = run("pay.missing.us-de", posting(text, places=[WILMINGTON], as_of=date(2027, 9, 25)))
    assert early.severity == "info" and early.message.endswith("(in force from 2027-09-26)")
    [late] = run("pay.missing.us-de", posting(text, places=[WILMINGTON], as_of=date(2027, 9, 26)))
    assert late.severity == "error" and "in force from" not in late.message


# -- law.require / law.forbid ------------------------------------------------------------------


@pytest.mark.parametrize("benefits, fires", [
    ("Competitive benefits.", True),
    ("A comprehensive benefits package.", True),
    ("Medical, dental and vision insurance.", False),
    ("401(k) with 4% match.", False),
    ("15 days of paid time off.", False),
    ("This position is not eligible for benefits.", False),
])
def test_benefit_descriptions(benefits, fires):
    text = f"Cook\nLocation: Denver, CO\n{benefits}"
    assert bool(run("pay.benefits-missing.us-co", posting(text, places=[DENVER]))) is fires


def test_illinois_accepts_a_benefits_link_and_colorado_does_not():
    chicago = Location("Chicago, IL", 2, "US", "US-IL", "Chicago")
    text = "Engineer\nLocation: Chicago, IL\nSee our benefits at https://example.com/benefits"
    assert run("pay.benefits-missing.us-il", posting(text, places=[chicago])) == []
    text_co = "Engineer\nLocation: Denver, CO\nSee our benefits at https://example.com/benefits"
    assert run("pay.benefits-missing.us-co", posting(text_co, places=[DENVER]))


@pytest.mark.parametrize("sentence, fires", [
    ("Please state your current salary.", True),
    ("Include your salary history.", True),
    ("How much do you currently earn?", True),
    ("What are your salary expectations?", False),
    ("We will not ask about your current salary.", False),
    ("The current salary range is $50,000–$60,000.", False),
])
def test_pay_history_questions(sentence, fires):
    text = f"Cook\nLocation: Denver, CO\n{sentence}"
    found = run("pay.history-question.us-co", posting(text, places=[DENVER]))
    assert bool(found) is fires
    if fires:
        assert found[0].line == 3 and found[0].suggestion


@pytest.mark.parametrize("sentence, fires", [
    ("Bitte nennen Sie Ihr aktuelles Gehalt.", True),
    ("Bitte nennen Sie Ihre Gehaltsvorstellung.", False),
    ("Wir fragen nicht nach Ihrem bisherigen Gehalt.", False),
    ("Indiquez votre salaire actuel.", True),
    ("Podaj swoje obecne wynagrodzenie.", True),
])
def test_eu_pay_history_in_other_languages(sentence, fires):
    text = f"Job\nLisbon, Portugal\n{sentence}"
    assert bool(run("pay.history-question.eu", posting(text, places=[LISBON]))) is fires


@pytest.mark.parametrize("sentence, rule, fires", [
    ("We use AI to screen applications.", "ai.disclosure-missing.ca-on", False),
    ("We do not use artificial intelligence in our hiring process.", "ai.disclosure-missing.ca-on", False),
    ("You will build AI features.", "ai.disclosure-missing.ca-on", True),
    ("This posting is for an existing vacancy.", "vacancy.status-missing.ca-on", False),
    ("This is not an existing vacancy; we are building a talent pool.", "vacancy.status-missing.ca-on", False),
    ("We grow fast and offer great future opportunities.", "vacancy.status-missing.ca-on", True),
    ("Must have Canadian experience.", "bias.canadian-experience.ca-on", True),
    ("2 years of work experience in Canada required.", "bias.canadian-experience.ca-on", True),
    ("Knowledge of Canadian GAAP.", "bias.canadian-experience.ca-on", False),
])
def test_ontario_text_rules(sentence, rule, fires):
    text = f"Analyst\nLocation: Toronto, ON\n{sentence}"
    assert bool(run(rule, posting(text, places=[TORONTO]))) is fires


def test_ontario_rules_are_info_before_2026():
    text = "Analyst\nLocation: Toronto, ON\nRequires Canadian experience."
    found = run("bias.canadian-experience.ca-on", posting(text, places=[TORONTO], as_of=date(2025, 6, 1)))
    assert [f.severity for f in found] == ["info"]
    assert found[0].message.endswith("(in force from 2026-01-01)")


def test_federal_contractor_rules_are_opt_in():
    assert not RULES["eeo.vevraa-tagline.us"].enabled
    assert not RULES["eeo.eo11246-clause.us"].enabled


def test_vevraa_tagline_needs_both_disability_and_veterans():
    austin = Location("Austin, TX", 2, "US", "US-TX", "Austin")
    only_vets = "Clerk\nLocation: Austin, TX\nWe welcome veterans."
    assert run("eeo.vevraa-tagline.us", posting(only_vets, places=[austin]))
    both = "Clerk\nLocation: Austin, TX\nEOE including disability and vet."
    assert run("eeo.vevraa-tagline.us", posting(both, places=[austin])) == []


# -- Austria, Germany, Quebec ------------------------------------------------------------------


def test_austria_minimum_pay_missing_and_overpay_info():
    base = "Sachbearbeiter (m/w/d)\nDienstort: Wien, Österreich\n"
    assert [f.severity for f in run("pay.minimum-missing.at", posting(base + "Wir freuen uns.", places=[VIENNA]))] \
        == ["error"]
    text = base + "KV-Mindestgehalt €2.450 brutto pro Monat."
    figure = pay("€2.450 brutto pro Monat", text, 2450, 2450, period="month", currency="EUR")
    [info] = run("pay.minimum-missing.at", posting(text, places=[VIENNA], pays=[figure]))
    assert info.severity == "info" and "Überzahlung" in info.message
    text2 = text + " Überzahlung je nach Qualifikation möglich."
    figure2 = pay("€2.450 brutto pro Monat", text2, 2450, 2450, period="month", currency="EUR")
    assert run("pay.minimum-missing.at", posting(text2, places=[VIENNA], pays=[figure2])) == []


def test_austria_figure_found_by_pattern_when_pay_extraction_finds_none():
    text = "Sachbearbeiter (m/w/d)\nWien, Österreich\nMindestgehalt: 2.450 € brutto; Überzahlung möglich."
    assert run("pay.minimum-missing.at", posting(text, places=[VIENNA])) == []


GERMAN_BODY = ("\nStandort: Hamburg, Deutschland\nWir suchen ab sofort Verstärkung für unser Team. "
               "Sie verhandeln mit Lieferanten und betreuen unsere Bestellungen.")
HAMBURG = Location("Hamburg, Deutschland", 2, "DE", None, "Hamburg")


@pytest.mark.parametrize("title, fires", [
    ("Einkäufer", True),
    ("Einkäufer gesucht", True),
    ("Sekretärin", True),
    ("Senior Software Developer", True),
    ("Einkäufer (m/w/d)", False),
    ("Einkäufer (w/m/d)", False),
    ("Einkäufer m/w/d", False),
    ("Senior Developer (all genders)", False),
    ("Einkäufer*in", False),
    ("Einkäufer:in", False),
    ("EinkäuferIn", False),
    ("Einkäufer/-in", False),
    ("Kauffrau/Kaufmann für Büromanagement", False),
    ("Leitung Einkauf", False),
    ("Pflegefachkraft", False),
])
def test_german_title_marker(title, fires):
    found = run("title.gender-marker.de", posting(title + GERMAN_BODY, places=[HAMBURG]))
    assert bool(found) is fires
    if fires:
        assert found[0].match == title and found[0].line == 1


def test_german_title_rule_skips_english_postings():
    text = "Backend Engineer\nLocation: Berlin, Germany\nWe are hiring an engineer to build our payments API."
    berlin = Location("Berlin, Germany", 2, "DE", None, "Berlin")
    assert run("title.gender-marker.de", posting(text, places=[berlin])) == []


def test_job_title_prefers_the_title_field_and_skips_markdown():
    doc = read_source("job.md", "# Einkäufer\n\nText.", "markdown")
    p = Posting(doc=doc, tokens=tokenize(doc.text))
    start, end, title = job_title(p)
    assert title == "Einkäufer" and doc.text[start:end] == "Einkäufer"


def test_quebec_french():
    montreal = Location("Montréal, QC", 2, "CA", "CA-QC", "Montréal")
    english = "Developer\nLocation: Montréal, QC\nWe are hiring a developer to build our booking platform."
    [f] = run("lang.french-missing.ca-qc", posting(english, places=[montreal]))
    assert f.severity == "info"
    bilingual = english + ("\n\nDéveloppeur\nNous recherchons un développeur pour faire évoluer notre plateforme "
                           "de réservation avec notre équipe.")
    assert run("lang.french-missing.ca-qc", posting(bilingual, places=[montreal])) == []


def test_language_share():
    hits, share = language_share("Nous recherchons un développeur pour notre équipe", ["nous", "pour", "notre"])
    assert hits == 3 and share == pytest.approx(3 / 7)
    assert language_share("", ["le"]) == (0, 0.0)
