"""Pay extraction: the forms postings use for pay, and the money that is not pay."""

from __future__ import annotations

import random
import re
from functools import lru_cache
from pathlib import Path

import pytest

from jdlint.engine.packs import load_all
from jdlint.facts.pay import (
    _LOCATION_LABEL,
    _PLACE_PHRASE,
    _alternation,
    _atom_matches,
    _Cues,
    _cues_between,
    _location_lines,
    _place_cues,
    _place_phrases,
    dollar_places,
    find_pay,
    patterns,
    text_places,
)
from jdlint.model import Location
from jdlint.prefilter import fold
from jdlint.readers import read_source

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def pays(text: str, path: str = "posting.md", locations: list[Location] | None = None):
    return find_pay(read_source(path, text), locations)


def first(text: str, **kw):
    found = pays(text, **kw)
    assert found, f"no pay found in {text!r}"
    p = found[0]
    return (p.min, p.max, p.currency, p.period)


# -- the forms real postings use ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Salary: $120,000 – $150,000", (120_000, 150_000, "USD", "year")),
        ("Base pay $120k-$150k", (120_000, 150_000, "USD", "year")),
        ("This role pays between $60 - $100K.", (60_000, 100_000, "USD", "year")),
        ("Compensation: USD 120,000 to 150,000", (120_000, 150_000, "USD", "year")),
        ("Salary: £45,000 - £55,000 per annum", (45_000, 55_000, "GBP", "year")),
        ("Gehalt: €60.000–75.000 brutto/Jahr", (60_000, 75_000, "EUR", "year")),
        ("Gehalt: 60.000 € - 75.000 €", (60_000, 75_000, "EUR", "year")),
        ("Pay: $25–$32/hr", (25, 32, "USD", "hour")),
        ("Stipend-free role paying $5,000 per month", (5_000, 5_000, "USD", "month")),
        ("Salary: CA$90,000", (90_000, 90_000, "CAD", "year")),
        ("Salary: 90 000 CAD", (90_000, 90_000, "CAD", "year")),
        ("OTE $200k", (200_000, 200_000, "USD", "year")),
        ("Salary: $150K + equity", (150_000, 150_000, "USD", "year")),
        ("Pay is between $100,000 and $120,000 a year.", (100_000, 120_000, "USD", "year")),
        ("Pay: $1,024/week - $1,247/week", (1_024, 1_247, "USD", "week")),
        ("**Salary Range: $16.00 - $17.00 Hourly**", (16, 17, "USD", "hour")),
        ("Compensation: $13.50/hour + grat", (13.5, 13.5, "USD", "hour")),
        ("Compensation: $2.13 + tips", (2.13, 2.13, "USD", "hour")),
        ("Compensation: $12-15 depending on experience", (12, 15, "USD", "hour")),
        ("* 💰 $60,000–100,000 + 0–1.0% equity", (60_000, 100_000, "USD", "year")),
        ("1. $99,000-$135,000+", (99_000, 135_000, "USD", "year")),
        ("Salary: $120,000–$140,000 USD per year", (120_000, 140_000, "USD", "year")),
        ("Salary: 50k-60k EUR", (50_000, 60_000, "EUR", "year")),
        ("Salary: EUR 50-60k", (50_000, 60_000, "EUR", "year")),
        ("Salary: CHF 120'000", (120_000, 120_000, "CHF", "year")),
        ("Salary: 120.000 - 140.000 EUR p.a.", (120_000, 140_000, "EUR", "year")),
        ("€3.000 brutto im Monat", (3_000, 3_000, "EUR", "month")),
        ("Salary: £40k pa", (40_000, 40_000, "GBP", "year")),
        ("Day rate: £500", (500, 500, "GBP", "day")),
        ("Hourly rate: $25", (25, 25, "USD", "hour")),
        ("Annual salary of $95k", (95_000, 95_000, "USD", "year")),
        ("Compensation: $10-15k per month", (10_000, 15_000, "USD", "month")),
        ("Pay: ¥1,200/hour", (1_200, 1_200, "JPY", "hour")),
        ("Salary: 45,000 - 55,000 per annum", (45_000, 55_000, None, "year")),
        # Indian postings: lakhs and crores, "LPA" (lakhs per annum), the 2-digit grouping, "Rs."
        ("Salary: ₹12-18 LPA", (1_200_000, 1_800_000, "INR", "year")),
        ("CTC: INR 12 - 18 lakhs per annum", (1_200_000, 1_800_000, "INR", "year")),
        ("Salary: ₹8,00,000 - ₹12,00,000 per annum", (800_000, 1_200_000, "INR", "year")),
        ("Salary: Rs. 6-9 Lakhs", (600_000, 900_000, "INR", "year")),
    ],
)
def test_forms(text, expected):
    assert first(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Pay: up to $90k", (None, 90_000, "USD", "year")),
        ("Salary from £30,000", (30_000, None, "GBP", "year")),
        ("Starting at $22/hour", (22, None, "USD", "hour")),
        ("We pay $20 per hour and up.", (20, None, "USD", "hour")),
        ("Salary: $80k+", (80_000, None, "USD", "year")),
        ("Salary: $99,000+ per year", (99_000, None, "USD", "year")),
    ],
)
def test_open_ended(text, expected):
    (pay,) = pays(text)
    assert (pay.min, pay.max, pay.currency, pay.period) == expected
    assert pay.open_ended


def test_open_ended_text_includes_the_marker():
    (pay,) = pays("Salary: up to $90,000 per year.")
    assert pay.text == "up to $90,000 per year"


def test_a_range_with_a_plus_is_still_closed():
    (pay,) = pays("Compensation: $99,000-$135,000+")
    assert not pay.open_ended and (pay.min, pay.max) == (99_000, 135_000)


def test_plus_extras_are_not_an_open_end():
    for text in ("Salary: $100k+ equity", "Salary: $150K + equity", "Pay: $10.50/hr + DOE"):
        (pay,) = pays(text)
        assert not pay.open_ended, text


# -- money that is not pay --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "We make $2B in revenue.",
        "We raised $40M in our Series B.",
        "401(k) match up to 4%",
        "A $1,000 learning budget every year.",
        "A $500 home-office stipend.",
        "$2,000 signing bonus!",
        "Area Supervisor $1 000 sign on bonus",
        "10+ years of experience required.",
        "Our app has 100,000 users.",
        "You get 0.1% equity.",
        "Call us at (555) 123-4567 or +1 555 123 4567.",
        "Start date: 2025-01-01, or January 2026 at the latest.",
        "We are a Series B company founded in 2014.",
        "$0 deductibles, $0 co-pays.",
        "$800 per month toward the cost of health insurance",
        "Computer hardware stipend of $2K",
        "The trip ran with a budget of $400K.",
        "A summer project that distributed $50k in hardware.",
        "Hack Club has received $2.8 million in philanthropy.",
        "$50,000 Term Life Insurance",
        "Ebury received a £350 million investment (Turnover £50m+).",
        "Up to $5,000 in relocation assistance.",
        "Up to $1,000 per year for conferences.",
        "We pay $50/month for your phone bill.",
        "A pension plan and a 25€/monthly company debit card.",
        "Our plans start at $9/month.",
        "Salary band 3-4",
        "Incentive program: 10% annually based on base salary, paid in 4 quarters.",
        "Rate: 2-3 per week",
        "GS Grade Level: 15",
        "Our app serves 1,20,000 users across India.",  # Indian grouping, but no money
        "Mrs. Rao manages 12 lakh accounts.",
    ],
)
def test_not_pay(text):
    assert pays(text) == []


def test_benefits_section_figure_is_not_pay_but_a_range_there_is():
    text = "## Benefits\n\n- $1,500 per year\n- $60,000–$80,000 base\n"
    assert [(p.min, p.max) for p in pays(text)] == [(60_000, 80_000)]


def test_bonus_after_the_pay_is_dropped():
    text = "Compensation: $50K - $55K based on experience + $1,000 sign on bonus + 10% bonus"
    assert [(p.min, p.max) for p in pays(text)] == [(50_000, 55_000)]


# -- currency of a bare "$" ------------------------------------------------------------------


def test_dollar_is_usd_by_default_and_marked_inferred():
    (pay,) = pays("Salary: $90,000")
    assert pay.currency == "USD" and pay.currency_inferred


def test_explicit_currency_is_not_inferred():
    for text in ("Salary: CA$90,000", "Salary: $90,000 CAD", "Salary: €90.000", "Salary (CAD): $90,000"):
        (pay,) = pays(text)
        assert not pay.currency_inferred, text
        assert pay.currency in ("CAD", "EUR"), text


def test_dollar_follows_locations():
    loc = [Location(text="Toronto, ON", line=1, country="CA", start=10, end=21)]
    (pay,) = pays("Salary: $90,000 per year", locations=loc)
    assert pay.currency == "CAD" and pay.currency_inferred


@pytest.mark.parametrize(
    "text, currency",
    [
        ("Based in Toronto, ON. Salary: $90,000–$110,000.", "CAD"),
        ("Location: Sydney, Australia\n\nSalary: $120k - $140k", "AUD"),
        ("Location: Auckland\n\nSalary: $120k - $140k", "NZD"),
        ("# Engineer (Singapore)\n\nSalary: $120k - $140k", "SGD"),
        ("Location: Albuquerque, New Mexico\n\nSalary: $120k - $140k", "USD"),
        ("Location: Toronto, ON or Seattle, WA\n\nSalary: $120k - $140k", "USD"),
    ],
)
def test_dollar_follows_text_cues_without_locations(text, currency):
    assert first(text)[2] == currency


def test_place_on_the_figure_line_decides_per_range():
    found = pays("Toronto: $90k–$110k\nSeattle: $120k–$140k\n")
    assert [p.currency for p in found] == ["CAD", "USD"]


def test_place_cues_outside_location_contexts_are_ignored():
    text = "We sell to customers in Canada and Australia.\n\nSalary: $120,000 - $140,000"
    assert first(text)[2] == "USD"
    assert text_places(read_source("x.md", "Job\n\nWe sell in Canada.\n\nMore\n\nText")) == []


def test_dollar_places():
    doc = read_source("x.md", "Location: Toronto, ON or Seattle, WA\n")
    assert dollar_places(doc) == ["CA", "US"]
    assert dollar_places(doc, [Location(text="Seattle", line=1, country="US")]) == ["US"]


def test_currency_without_a_symbol_follows_the_country():
    assert first("Location: London, UK\n\nSalary: 45,000 - 55,000 per annum") == (45_000, 55_000, "GBP", "year")


# -- period ----------------------------------------------------------------------------------


def test_period_inferred_for_large_and_small_figures():
    (big,) = pays("Salary: $95,000")
    (small,) = pays("Compensation: $10 - $14 DOE")
    assert (big.period, big.period_inferred) == ("year", True)
    assert (small.period, small.period_inferred) == ("hour", True)


def test_period_stated_is_not_inferred():
    (pay,) = pays("£45,000 - £55,000 per annum")
    assert pay.period == "year" and not pay.period_inferred


def test_middle_band_has_no_period():
    (pay,) = pays("The salary is $4,500.")
    assert pay.period is None and not pay.period_inferred


def test_glued_period_words_fall_back_to_inference():
    (pay,) = pays("Type: PermanentSalary: €70,000 - €85,000 Per AnnumDo you want to join?")
    assert (pay.min, pay.max, pay.currency, pay.period) == (70_000, 85_000, "EUR", "year")


# -- several ranges, positions ---------------------------------------------------------------


def test_several_ranges_in_order():
    text = "Salary by level:\n- L3: $100,000 - $120,000\n- L4: $130,000 - $150,000\n"
    found = pays(text)
    assert [(p.min, p.max) for p in found] == [(100_000, 120_000), (130_000, 150_000)]
    assert [p.line for p in found] == [2, 3]


def test_offsets_and_text_point_at_the_figure():
    text = "# Engineer\n\nCompensation range: $60K – $80k, depending on experience.\n"
    doc = read_source("x.md", text)
    (pay,) = find_pay(doc)
    assert doc.text[pay.start : pay.end] == pay.text == "$60K – $80k"
    assert pay.line == 3


# -- front matter ----------------------------------------------------------------------------


def test_front_matter_string():
    text = '---\ntitle: Engineer\nsalary: "$100k-$120k"\n---\n\nWe build things.\n'
    (pay,) = pays(text)
    assert (pay.min, pay.max, pay.currency, pay.period, pay.line) == (100_000, 120_000, "USD", "year", 3)


def test_front_matter_mapping():
    text = "---\ncompensation:\n  min: 100000\n  max: 120000\n  currency: cad\n  period: yearly\n---\n\nBody\n"
    (pay,) = pays(text)
    assert (pay.min, pay.max, pay.currency, pay.period) == (100_000, 120_000, "CAD", "year")
    assert not pay.period_inferred and not pay.currency_inferred and pay.line == 2
    assert pay.text.startswith("compensation:")


def test_front_matter_number_and_schema_org_amount():
    assert first("---\npay: 25\n---\nBody\n") == (25, 25, None, "hour")
    text = (
        "---\nbaseSalary:\n  currency: USD\n  value:\n"
        "    minValue: 50\n    maxValue: 60\n    unitText: HOUR\n---\nx\n"
    )
    assert first(text) == (50, 60, "USD", "hour")


def test_front_matter_comes_before_body():
    text = '---\npay: "$20/hr"\n---\n\nLater we say $25–$30 per hour.\n'
    assert [(p.min, p.line) for p in pays(text)] == [(20, 2), (25, 5)]


# -- robustness --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "piece", ["1", " ", ",.-+%\n", "1 ", "1,", "$1-", "CA$", "1 000 ", "€1.000,", "Location: Toronto\n", "salary: 1-"],
)
def test_large_pathological_input(piece):
    """100,000 characters of digits, spaces or punctuation: the scan is linear, so this is quick."""
    text = (piece * (100_000 // len(piece) + 1))[:100_000]
    assert len(text) == 100_000
    found = pays(text, path="big.txt")
    assert all(p.min is None or p.min > 0 for p in found)


def test_empty_text():
    assert pays("") == []


# -- the fast scans find what the plain patterns find ------------------------------------------
#
# Several patterns are written (or run) differently from their plain form for speed; these
# tests hold them to the plain form's matches on the shipped examples and on texts stitched
# from the pieces that make the rewrites delicate.


@lru_cache(maxsize=1)
def sample_texts() -> list[str]:
    texts = [t for rule in load_all([]) for t in (*rule.examples_fail, *rule.examples_pass)]
    texts += [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*")) if p.suffix in (".md", ".txt")]
    pieces = [*patterns().place_country, ", TX", ",CA", ", ON", " ", "  ", "\n", "\t", ".", ",", "(", ")", ":",
              "-", "x", "1", "é", "’", "_", "$", "US$", "CAD", " k", "000", ".5", "%", "Location: ", "based in ",
              "On-site in "]
    rng = random.Random(7)
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 80))) for _ in range(400)]
    return texts + [t.upper() for t in texts[:50]]


def test_place_name_pattern_matches_like_the_plain_alternation():
    plain = re.compile(r"(?<!\w)" + _alternation(patterns().place_country) + r"(?!\w)")
    for text in sample_texts():
        assert [m.span() for m in patterns().places.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_place_cues_read_in_a_span_are_those_of_the_whole_text():
    rng = random.Random(3)
    for text in sample_texts():
        cues = _Cues(text)
        for _ in range(4):
            start = rng.randint(0, len(text))
            end = rng.randint(start, min(len(text), start + rng.choice([5, 60, 400])))
            assert cues.between(start, end) == _cues_between(_place_cues(text), start, end)


def test_atom_scan_finds_what_finditer_finds():
    for text in sample_texts():
        assert [m.span() for m in _atom_matches(text, patterns())] == [m.span() for m in patterns().atom.finditer(text)]


def test_location_lines_and_place_phrases_are_the_plain_patterns_matches():
    line = re.compile(_LOCATION_LABEL, re.IGNORECASE | re.MULTILINE)
    phrase = re.compile(_PLACE_PHRASE.pattern.replace("on-site|onsite", "on-?site"), re.IGNORECASE)
    for text in sample_texts():
        assert list(_location_lines(text)) == [m.start() for m in re.finditer("^" + line.pattern, text, line.flags)]
        assert [m.span() for m in _place_phrases(text, fold(text))] == [m.span() for m in phrase.finditer(text)]
