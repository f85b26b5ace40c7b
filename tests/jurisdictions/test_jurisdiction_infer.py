"""Which jurisdictions apply: inference from hand-built facts, configuration, employer size."""

from __future__ import annotations

import pytest

from jdlint.config import Config
from jdlint.document import Document
from jdlint.jurisdictions.data import model
from jdlint.jurisdictions.infer import infer_jurisdictions
from jdlint.model import Facts, Location

DOC = Document(path="<t>", source="", text="")


def loc(text, country=None, subdivision=None, city=None, remote=False, line=3):
    return Location(text=text, line=line, country=country, subdivision=subdivision, city=city, remote_region=remote)


def infer(*locations, mode=None, **config):
    facts = Facts(locations=list(locations), work_mode=mode)
    return {j.id: j.reason for j in infer_jurisdictions(DOC, facts, Config(**config))}


def test_city_in_colorado_gets_us_co_with_the_place_as_reason():
    got = infer(loc("Denver, CO", "US", "US-CO", "Denver"))
    assert got == {"US-CO": "job located in Denver, CO (line 3)", "US": "job located in Denver, CO (line 3)"}


def test_most_specific_jurisdiction_is_listed_first():
    facts = Facts(locations=[loc("Brooklyn, NY", "US", "US-NY", "Brooklyn")])
    ids = [j.id for j in infer_jurisdictions(DOC, facts, Config())]
    assert ids == ["US-NY-NYC", "US-NY", "US"]


@pytest.mark.parametrize("city", ["New York", "Manhattan", "Brooklyn", "Queens", "Bronx", "Staten Island"])
def test_nyc_boroughs_get_the_city_and_the_state(city):
    got = infer(loc(f"{city}, NY", "US", "US-NY", city))
    assert {"US-NY-NYC", "US-NY", "US"} <= set(got)


def test_new_york_state_outside_the_city():
    got = infer(loc("Buffalo, NY", "US", "US-NY", "Buffalo"))
    assert set(got) == {"US-NY", "US"}


@pytest.mark.parametrize("city, subdivision, jid", [
    ("Ithaca", "US-NY", "US-NY-ITHACA"),
    ("White Plains", "US-NY", "US-NY-WESTCHESTER"),
    ("Yonkers", "US-NY", "US-NY-WESTCHESTER"),
    ("Jersey City", "US-NJ", "US-NJ-JERSEY-CITY"),
    ("Cleveland", "US-OH", "US-OH-CLEVELAND"),
    ("Columbus", "US-OH", "US-OH-COLUMBUS"),
])
def test_cities_and_counties(city, subdivision, jid):
    got = infer(loc(f"{city}, {subdivision[-2:]}", "US", subdivision, city))
    assert jid in got
    parent = model().get(jid).parent
    assert parent in got


def test_a_city_of_the_same_name_in_another_state_is_not_matched():
    got = infer(loc("Columbus, GA", "US", "US-GA", "Columbus"))
    assert got == {"US": "job located in Columbus, GA (line 3)"}
    assert "US-NY-ITHACA" not in infer(loc("Ithaca, MI", "US", "US-MI", "Ithaca"))


def test_westchester_county_named_as_the_place():
    got = infer(loc("Westchester County, NY", "US", "US-NY", "Westchester County"))
    assert "US-NY-WESTCHESTER" in got


@pytest.mark.parametrize("text, subdivision, city, jid", [
    ("Toronto, ON", "CA-ON", "Toronto", "CA-ON"),
    ("Vancouver, BC", "CA-BC", "Vancouver", "CA-BC"),
    ("Charlottetown, PE", "CA-PE", "Charlottetown", "CA-PE"),
    ("Montréal, QC", "CA-QC", "Montréal", "CA-QC"),
])
def test_canadian_provinces(text, subdivision, city, jid):
    assert set(infer(loc(text, "CA", subdivision, city))) == {jid}


@pytest.mark.parametrize("country, jid", [("PL", "PL"), ("AT", "AT"), ("DE", "DE")])
def test_eu_member_states_get_the_state_and_the_eu(country, jid):
    got = infer(loc("Somewhere", country, None, None))
    assert set(got) == {jid, "EU"}
    assert got["EU"].endswith("an EU member state")


def test_eu_member_without_its_own_pack_gets_the_eu_only():
    got = infer(loc("Lisbon, Portugal", "PT", None, "Lisbon"))
    assert got == {"EU": "job located in Lisbon, Portugal (line 3), an EU member state"}


def test_uk_is_matched_from_gb():
    assert set(infer(loc("London, UK", "GB", "GB-ENG", "London"))) == {"UK"}


def test_non_eu_european_country_gets_nothing():
    assert infer(loc("Zürich, Switzerland", "CH", None, "Zürich")) == {}


# -- remote roles --------------------------------------------------------------------------


def test_remote_us_role_gets_every_us_law_that_covers_remote_work():
    got = infer(loc("US", "US", remote=True, line=1), mode="remote")
    covering = {s.id for s in model().specs.values() if s.country == "US" and s.remote == "covers" and s.id != "US"}
    assert covering == {"US-CO", "US-CA", "US-WA", "US-DE", "US-NY-WESTCHESTER"}
    assert set(got) == covering | {"US"}
    assert got["US-CO"] == ("remote role open to applicants in US (line 1): "
                            "Colorado's law covers remote jobs that could be done from Colorado")
    # Laws limited to jobs done in the place, or reporting to it, are not inferred.
    for jid in ("US-NY", "US-NY-NYC", "US-IL", "US-MD", "US-NJ", "US-MA", "US-VT", "US-HI"):
        assert jid not in got


def test_remote_us_role_does_not_bring_parents_of_remote_covering_laws():
    got = infer(loc("US", "US", remote=True), mode="remote")
    assert "US-NY-WESTCHESTER" in got and "US-NY" not in got


def test_country_named_without_remote_marker_counts_as_remote_region_in_a_remote_role():
    # "Location: United States" in a posting that says it is fully remote.
    got = infer(loc("United States", "US"), mode="remote")
    assert "US-CO" in got and "US-CA" in got


def test_country_only_location_of_an_onsite_role_gets_only_the_country():
    assert set(infer(loc("United States", "US"), mode="onsite")) == {"US"}


def test_remote_role_open_to_one_state_gets_that_state():
    got = infer(loc("Colorado", "US", "US-CO", remote=True), mode="remote")
    assert set(got) == {"US-CO", "US"}
    assert got["US-CO"] == "remote role open to applicants in Colorado (line 3)"


def test_remote_canada_role_gets_british_columbia_only():
    got = infer(loc("Canada", "CA", remote=True), mode="remote")
    assert set(got) == {"CA-BC"}
    assert "BC residents" in got["CA-BC"]


def test_remote_europe_role_gets_the_eu():
    got = infer(loc("Europe", None, remote=True), mode="remote")
    assert set(got) == {"EU"}
    assert got["EU"].startswith("remote role open to applicants in Europe (line 3)")


def test_remote_role_in_an_eu_country_gets_the_country_and_the_eu():
    got = infer(loc("Germany", "DE", remote=True), mode="remote")
    assert set(got) == {"DE", "EU"}


def test_remote_and_an_office_city_both_count():
    got = infer(loc("Denver, CO", "US", "US-CO", "Denver"), loc("US", "US", remote=True), mode="remote")
    assert got["US-CO"] == "job located in Denver, CO (line 3)"
    assert "US-CA" in got


# -- configuration -------------------------------------------------------------------------


def test_configured_jurisdictions_always_apply_with_their_parents():
    got = infer(jurisdictions=["us-ny-nyc"])
    assert got == {"US-NY-NYC": "configured", "US-NY": "configured (US-NY-NYC is in US-NY)",
                   "US": "configured (US-NY-NYC is in US)"}


def test_configured_and_inferred_are_combined():
    got = infer(loc("Toronto, ON", "CA", "CA-ON", "Toronto"), jurisdictions=["US-CO"])
    assert set(got) == {"US-CO", "US", "CA-ON"}
    assert got["US-CO"] == "configured"


def test_aliases_and_unknown_ids():
    assert "UK" in infer(jurisdictions=["gb"])
    assert "US-NY-NYC" in infer(jurisdictions=["NYC"])
    assert infer(jurisdictions=["X-OUR-OWN"]) == {"X-OUR-OWN": "configured"}


def test_minus_entry_removes_a_jurisdiction():
    got = infer(loc("US", "US", remote=True), mode="remote", jurisdictions=["-US-CA", "-us-de"])
    assert "US-CA" not in got and "US-DE" not in got and "US-CO" in got


def test_employer_size_skips_jurisdictions_above_it():
    remote = loc("US", "US", remote=True)
    got = infer(remote, mode="remote", employer_size=10)
    assert "US-CO" in got  # all employers
    assert "US-CA" not in got and "US-WA" not in got  # 15+
    assert "US-DE" not in got  # 26+
    assert "US-NY-WESTCHESTER" in got  # 4+
    assert "CA-ON" not in infer(loc("Toronto, ON", "CA", "CA-ON", "Toronto"), employer_size=24)
    assert "CA-ON" in infer(loc("Toronto, ON", "CA", "CA-ON", "Toronto"), employer_size=25)


def test_employer_size_applies_to_configured_jurisdictions_too():
    assert infer(jurisdictions=["US-HI"], employer_size=20) == {"US": "configured (US-HI is in US)"}


def test_no_places_and_no_config_means_no_jurisdictions():
    assert infer() == {}
    assert infer(mode="remote") == {}


def test_time_zone_does_not_add_a_country_to_a_remote_role_limited_to_another():
    import jdlint

    text = ("Data Engineer (Remote - Canada)\n\nSalary: CA$130,000-CA$150,000 per year.\n"
            "Work from anywhere in Canada. Core hours 10am-3pm ET.\n")
    ids = [j.id for j in jdlint.lint_text(text).facts.jurisdictions]
    assert "CA-BC" in ids
    assert not any(j.startswith("US") for j in ids)
