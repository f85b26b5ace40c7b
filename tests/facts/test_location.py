"""Location extraction: the forms a posting uses to say where the job is, and the lookalikes."""

from __future__ import annotations

import itertools
import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.facts import location
from jdlint.facts.gazetteer import fold, gazetteer
from jdlint.facts.location import find_locations
from jdlint.prefilter import fold as fold_case
from jdlint.readers import read_source


def locate(text: str, path: str = "posting.md"):
    return find_locations(read_source(path, text))


def summary(text: str, path: str = "posting.md"):
    return [(loc.text, loc.country, loc.subdivision, loc.city, loc.remote_region) for loc in locate(text, path)]


# -- forms that name the place of work --------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Location: Denver, CO", ("Denver, CO", "US", "US-CO", "Denver", False)),
        ("We are hiring in Denver, CO.", ("Denver, CO", "US", "US-CO", "Denver", False)),
        ("The role is based in Austin, Texas.", ("Austin, Texas", "US", "US-TX", "Austin", False)),
        ("Toronto, ON", ("Toronto, ON", "CA", "CA-ON", "Toronto", False)),
        ("Vancouver, BC", ("Vancouver, BC", "CA", "CA-BC", "Vancouver", False)),
        ("This position is located in Paris, France.", ("Paris, France", "FR", None, "Paris", False)),
        ("Mail to 500 Pine Street, Boulder, CO 80302", ("Boulder, CO 80302", "US", "US-CO", "Boulder", False)),
        ("Address: 1200 Elm Road Austin TX 78704", ("Austin TX 78704", "US", "US-TX", "Austin", False)),
        ("Location: Fox Hollow Township, NJ", ("Fox Hollow Township, NJ", "US", "US-NJ", "Fox Hollow Township",
                                              False)),
        ("**Location:** Burlington, Vermont", ("Burlington, Vermont", "US", "US-VT", "Burlington", False)),
        ("# Backend Engineer (Berlin, Deutschland)", ("Berlin, Deutschland", "DE", None, "Berlin", False)),
        ("Relocation to Munich is provided.", ("Munich", "DE", None, "Munich", False)),
        ("Hybrid: three days a week in our Chicago office.", ("Chicago", "US", "US-IL", "Chicago", False)),
        ("Washington, DC", ("Washington, DC", "US", "US-DC", "Washington", False)),
    ],
)
def test_city_and_region_forms(text, expected):
    assert summary(text) == [expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("# Backend Engineer\nRemote (US)", ("US", "US", None, None, True)),
        ("# Backend Engineer\nRemote – EMEA", ("EMEA", None, None, None, True)),
        ("# Backend Engineer\nRemote, Canada", ("Canada", "CA", None, None, True)),
        ("Remote (DE)", ("DE", "DE", None, None, True)),
        ("Remote (NY)", ("NY", "US", "US-NY", None, True)),  # a state's code
        ("# Backend Engineer\nRemote [BC]", ("BC", "CA", "CA-BC", None, True)),  # a province's
        ("Remote (CA)", ("CA", "CA", None, None, True)),  # Canada or California: the country, unless...
        ("This job is fully remote. You can live anywhere in Europe.", ("Europe", None, None, None, True)),
        ("Work remotely from anywhere in US time zones.", ("US time zones", "US", None, None, True)),
        ("Remote within UTC+1 to UTC+3.", ("UTC+1 to UTC+3", None, None, None, True)),
        ("Fintech - remote work within Germany", ("Germany", "DE", None, None, True)),
        ("Das ist innerhalb von Deutschland remote möglich.", ("Deutschland", "DE", None, None, True)),
        ("US-based candidates only.", ("US", "US", None, None, True)),
        ("Remote (Worldwide)", ("Worldwide", None, None, None, True)),
    ],
)
def test_remote_regions(text, expected):
    assert summary(text) == [expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("We're hiring a barista in Seattle!", ("Seattle", "US", "US-WA", "Seattle", False)),
        ("# Barista (Onsite - Austin)", ("Austin", "US", "US-TX", "Austin", False)),
        ("# Platform Engineer - Lisbon", ("Lisbon", "PT", None, "Lisbon", False)),
        ("Hybrid - Leeds", ("Leeds", "GB", "GB-ENG", "Leeds", False)),
        ("Manchester (Hybrid)", ("Manchester", "GB", "GB-ENG", "Manchester", False)),
        ("Ohio residents only.", ("Ohio", "US", "US-OH", None, True)),
        ("You must live within 30 miles of Detroit.", ("Detroit", "US", "US-MI", "Detroit", False)),
        ("**Location**\n\nHybrid, two days a week in Leeds", ("Leeds", "GB", "GB-ENG", "Leeds", False)),
        ("Location:\n\nBoston", ("Boston", "US", "US-MA", "Boston", False)),
        ("Perk: a great location in Boston, near the subway.", ("Boston", "US", "US-MA", "Boston", False)),
        ("We are a remote team. Be online 10am - 2pm EST (core hours).", ("EST", "US", None, None, True)),
        ("Locations: NYC, Remote", ("NYC", "US", "US-NY", "New York", False)),
    ],
)
def test_more_forms(text, expected):
    assert summary(text) == [expected]


def test_open_to_candidates_in_a_list_of_countries():
    assert summary("Open to candidates in the US and Canada.") == [
        ("US", "US", None, None, True), ("Canada", "CA", None, None, True)
    ]


def test_list_after_a_cue_is_followed():
    got = summary("We hire people who are based in Eastern Canada, Europe or the UK.")
    assert [g[0] for g in got] == ["Eastern Canada", "Europe", "UK"]
    assert all(g[4] for g in got)


def test_us_states_and_codes_in_city_patterns():
    got = summary("Portland, OR; Portland, ME; Tulsa, OK; Dover, DE; Indianapolis, IN")
    assert [g[2] for g in got] == ["US-OR", "US-ME", "US-OK", "US-DE", "US-IN"]


def test_location_field_with_a_street_address_only():
    assert summary("Title: Barista\nLocation: 42 Harbor Row\n") == [("42 Harbor Row", None, None, None, False)]


def test_location_field_state_name():
    assert summary("Location: Idaho\n\nWe teach music.") == [("Idaho", "US", "US-ID", None, False)]


def test_header_tag_line_and_title():
    assert summary("# Data Engineer – Canada\n\nYou will build pipelines for our analysts.") == [
        ("Canada", "CA", None, None, False)
    ]


def test_glued_tag_row_is_split():
    got = summary("Platform Engineer\n\nPortugalGreeceGeorgiaFull-timeSenior\n\nYou will run our platform.")
    assert [(g[0], g[1]) for g in got] == [("Portugal", "PT"), ("Greece", "GR"), ("Georgia", "GE")]


def test_front_matter_string_and_line():
    text = "---\ntitle: Engineer\nlocation: Toronto, ON\n---\nBody text here.\n"
    (loc,) = locate(text)
    assert (loc.text, loc.country, loc.subdivision, loc.city, loc.line) == ("Toronto, ON", "CA", "CA-ON",
                                                                          "Toronto", 3)
    assert text[loc.start:loc.end] == "Toronto, ON"


def test_front_matter_list():
    got = summary("---\nlocation: [Berlin, Remote (Germany)]\n---\nBody.\n")
    assert got == [("Berlin", "DE", None, "Berlin", False), ("Germany", "DE", None, None, True)]


def test_front_matter_comes_first_and_is_not_repeated():
    text = "---\nlocation: Leeds, UK\n---\n# Analyst\n\nThe job is based in Leeds, UK. You may visit Madrid.\n"
    assert [(loc.text, loc.line) for loc in locate(text)] == [("Leeds, UK", 2)]


@pytest.mark.parametrize(
    "other, expected",
    [
        ("Our office: San Francisco, CA (hybrid for the Bay Area team).", ("CA", "US", "US-CA", None, True)),
        ("Our office: Vancouver, BC (hybrid for the local team).", ("CA", "CA", None, None, True)),
        ("We build tools for teams.", ("CA", "CA", None, None, True)),
    ],
)
def test_a_code_that_is_a_country_and_a_state_follows_the_other_places(other, expected):
    """ "Remote (CA)": California in a posting with places in the US, else Canada."""
    assert summary(f"# Engineer\nRemote (CA)\n\n{other}\n")[0] == expected


def test_global_word_counts_only_for_remote_postings():
    assert summary("Location: Worldwide\n\nWe are a remote-first team.") == [
        ("Worldwide", None, None, None, True)
    ]
    assert summary("Location: Worldwide\n\nWe ship parcels to 50 countries.") == []


def test_line_and_offsets():
    text = "# Engineer\n\nSome intro.\n\nLocation: Leeds, UK\n"
    (loc,) = locate(text)
    assert loc.line == 5 and text[loc.start:loc.end] == "Leeds, UK"


def test_ordered_by_position_and_deduplicated():
    text = "Location: Denver, CO\n\nYou will work in Denver, CO with a team in our Denver, CO office."
    assert [loc.text for loc in locate(text)] == ["Denver, CO"]
    text = "The job is based in Leeds. You may relocate to Madrid."
    assert [loc.city for loc in locate(text)] == ["Leeds", "Madrid"]


# -- Georgia: a country and a US state -----------------------------------------------------------


def test_georgia_resolved_by_city():
    assert summary("Atlanta, Georgia")[0][1:3] == ("US", "US-GA")
    assert summary("Tbilisi, Georgia")[0][1:3] == ("GE", None)


def test_georgia_resolved_by_neighbours():
    assert [g[1] for g in summary("# Analyst\nLocations: Armenia, Georgia, Azerbaijan\n")] == ["AM", "GE", "AZ"]
    assert [g[2] for g in summary("# Analyst\nLocations: Alabama, Georgia, Florida\n")] == ["US-AL", "US-GA",
                                                                                          "US-FL"]


# -- lookalikes that are not places --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Reading code is a big part of this job. Reading, writing and reviewing.",
        "You will work in mobile apps. You will work in Mobile development.",
        "Nice to have: Kubernetes and Terraform.",
        "Wear your team Jersey on Fridays; every hire gets a Jersey.",
        "Experience with Phoenix and Elixir. You will work in Phoenix LiveView. You will work in Phoenix.",
        "Experience in Java. You will work in Java.",
        "Victoria's Secret alumni welcome.",
        "Austin will be your manager. Report to Austin Smith.",
        "We value Independence. Take a Chance. Normal business hours. Our Mission is simple.",
        "Start date: March 2025. Starting in August, you will work in June and July sprints.",
        "Log IN to apply. Java OR Python. Tell ME more. OK to apply. Our DE&I program.",
        "Sales, PR and Marketing, Inc.",
        "BONUS: FOCUS on Business. USB keys. Bonus paid in US dollars? No.",
        "# WHY JOIN US?\nWORK FOR US\nABOUT US",
        "Location: Remote",
        "This is a remote role.",
        "Headquartered in Denver, CO, we serve customers nationwide.",
        "Our HQ is in Berlin.",
        "We have offices in London and Berlin.",
        "Offices in London and Berlin",
        "Our offices are located in Stockholm, London, New York and Sydney.",
        "We have customers in 40 countries, including Germany, France and Spain.",
        "Founded in London, UK, we build payment tools.",
        "Acme partners with Texas Instruments and Georgia Tech.",
        "Read The Washington Post. Canada Goose jackets. Bank of America.",
        "We're a Berlin-based startup.",
        "Join us at our London HQ.",
        "This position is located in the General Services Administration.",
        "Our shifts run 9am-5pm EST.",
        "Location:\nThis role will be 100% remote.",
        "We have locations in 40 countries.",
        "Experience working in Germany is a plus.",
        "Our agency is headquartered near Richmond, VA, with more offices in Durham, NC, Boulder, CO, "
        "Chattanooga, TN, Knoxville, TN, Asheville, NC, Savannah, GA, and Charleston, SC.",
        "# Elixir Developer (Phoenix)",
        "Company: Boston Dynamics",
        "We use hybrid cloud on Azure. Hybrid Mobile App Developer.",
        "Intro paragraph that is long enough to end the header of this posting, as prose does here.\n\n"
        "California residents: see our privacy notice.",
        "You'll travel to our Austin office once a quarter.",
    ],
)
def test_not_a_place_of_work(text):
    assert summary(text) == []


def test_remote_alone_is_not_a_place():
    assert locate("Location: Remote\n\nThis is a fully remote role.") == []


def test_us_inside_words_is_not_the_us():
    assert locate("Our FOCUS is on BONUS programs, USB tooling and the STATUS page.") == []


# -- robustness ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "A" * 100_000,
        "Aa" * 50_000,
        ", A" * 33_000,
        "based in " * 11_000,
        "Remote (" * 12_000,
        "Location: " + "x" * 100_000,
        "Denver, " * 12_500,
        "UTC+1 " * 16_000,
        ("Location: " + "Berlin " * 50 + "\n") * 250,
        "in our " * 14_000,
        "-based candidates " * 5_000,
        "US time\n" * 12_000,  # a place on every line
    ],
)
def test_large_repetitive_input_is_linear(text):
    # Every pattern is bounded; these inputs would take minutes if one backtracked over the text.
    assert len(text) >= 90_000
    locs = locate(text, "posting.txt")
    assert isinstance(locs, list)


def test_plain_text_reader_too():
    assert summary("Location: Leeds, UK", "posting.txt") == [("Leeds, UK", "GB", "GB-ENG", "Leeds", False)]


# -- gazetteer ---------------------------------------------------------------------------------


def test_gazetteer_is_built_once():
    assert gazetteer() is gazetteer()


def test_fold_ignores_case_accents_and_periods():
    assert fold("Zürich") == fold("ZURICH") == "zurich"
    assert fold("U.S.") == "us"
    assert fold("Austin's") != fold("Austin")


def test_gazetteer_lookups():
    gaz = gazetteer()
    assert {p.country for p in gaz.lookup("Georgia")} == {"GE", "US"}
    assert gaz.lookup("Deutschland")[0].country == "DE"
    assert gaz.city("Pittsburgh").subdivision == "US-PA"
    assert gaz.city("Toronto").subdivision == "CA-ON"
    assert gaz.city("Burlington", subdivision="US-VT").country == "US"
    assert gaz.city("March") is None  # a month, never a place


# -- fast paths: patterns tried only where they can match find what a full pass finds ----------

_PIECES = [
    # the words the patterns are made of, and phrases they match
    "live", "living", "reside", "residents", "resident", "domiciled", "anywhere", "must", "should", "need",
    "have", "to", "be", "who", "you", "are", "is", "'re", "’re", "currently", "located", "based", "candidates",
    "applicants", "people", "time", "time-zone", "timezones", "zone", "open", "only", "anyone", "situated",
    "relocate", "relocation", "move", "in-person", "in", "person", "personal", "on-site", "onsite", "on", "site",
    "website", "in-office", "office", "offices", "location", "commute", "commutable", "distance", "job", "role",
    "position", "opening", "vacancy", "opportunity", "hiring", "engineers", "join", "us", "our", "the", "team",
    "work", "working", "works", "network", "from", "out", "of", "within", "at", "across", "around", "remote",
    "remotely", "fully", "100", "%", "part", "hybrid", "office-based", "wfh", "telecommuting", "distributed",
    "home", "welcome", "may", "apply", "preferred", "-based", "studio", "hub", "warehouse", "into", "your",
    "you are based in", "who're living in", "must be in", "need to be located in", "people residing in",
    "time zones in", "open to candidates from", "open only to residents of", "based out of", "in  person at",
    "on\tsite in", "office is located in", "commutable distance to", "job is based in", "hiring engineers in",
    "join the team in", "working out of", "fully remote", "100 % remote", "part-remote", "work from home",
    "distributed team", "-based engineers", " residents only", " applicants are welcome", "Location:",
    "**Work location:**", " - City: ", "Country：", "duty station:", "in our Chicago office", "at the London studio",
    "US time zones", "Pacific Standard Time", "Central European time", "North American hours", "U.S. time",
    "UTC+1 to UTC+3", "GMT-5", "PST", "CEST", "EST", "Austin, TX", "Austin TX 78705", ", NY 10001", "Berlin",
    "Chicago", "Canada", "Europe", "TX 78705", "Workplace:", "\tbased engineers", "working from anywhere",
    "Candidates\tlocated in", "Round Rock   TX 78664", "HQ’d in", "headquartered in", "our offices are located in",
    "customers in", "experience in",
    # separators and characters that test word boundaries and case folding
    " ", " ", " ", "  ", "   ", "\t", "\n", "-", ",", ".", "(", ")", ":", "’", "é", "_", "1", "x", "\u212a", "\u017f",
    "\u0130", "\u0131", "—", "\u00a0", "١٢٣٤٥",
]
_CASES = [str, str.upper, str.title, str.capitalize]
_posting_texts = st.lists(
    st.tuples(st.sampled_from(_PIECES), st.sampled_from(_CASES)).map(lambda pc: pc[1](pc[0])), max_size=40,
).map("".join)


def _spans(matches, *groups):
    return [(m.span(), *(m.group(g) is not None for g in groups)) for m in matches]


@settings(max_examples=300, deadline=None)
@given(_posting_texts)
def test_fast_paths_match_full_passes(text):
    _assert_fast_paths_match_full_passes(text)


def test_fast_paths_match_full_passes_on_many_mixtures():
    rng = random.Random(7)
    for _ in range(3000):
        pieces = (rng.choice(_CASES)(rng.choice(_PIECES)) for _ in range(rng.randint(1, 40)))
        _assert_fast_paths_match_full_passes("".join(pieces))


def _assert_fast_paths_match_full_passes(text):
    folded = fold_case(text)
    cue = _spans(location._CUE.finditer(text), "who", "weak")
    assert _spans(location._cue_matches(text, folded), "who", "weak") == cue
    assert _spans(location._mode_matches(text, folded), "remote") == _spans(location._MODE.finditer(text), "remote")
    assert location._mentions_remote(text, folded) == bool(location._MENTIONS_REMOTE.search(text))
    assert _spans(location._based_who_matches(text, folded)) == _spans(location._BASED_WHO.finditer(text))
    assert _spans(location._comma_cap_matches(text)) == _spans(location._COMMA_CAP.finditer(text))
    assert _spans(location._field_matches(folded)) == _spans(location._FIELD.finditer(text))
    offset = re.compile(r"\b" + location._TZ_OFFSET.pattern)
    assert _spans(location._offset_matches(text, folded)) == _spans(offset.finditer(text))
    zones = location._zone_finders(gazetteer())
    band = re.compile(r"(?<![\w.])" + zones.band.pattern)
    assert _spans(location._band_matches(text, folded, zones)) == _spans(band.finditer(text))
    abbreviation = re.compile(r"\b" + zones.abbreviation.pattern)
    assert _spans(location._abbreviation_matches(text, folded, zones)) == _spans(abbreviation.finditer(text))
    if re.search(r"\d{5}", text):
        assert location._may_have_five_digits(text)
    for word in itertools.islice(re.finditer(r"\w+", text), 12):
        for clause_only in (False, True):
            expected = _negated_on_raw_text(text, word.start(), clause_only)
            assert location._negated(text, word.start(), clause_only=clause_only) == expected


def _negated_on_raw_text(text, pos, clause_only):
    """location._negated as it was before it read folded text with case-sensitive patterns."""
    negation = re.compile(location._NEGATION_FOLDED.pattern, re.IGNORECASE)
    window = text[max(0, pos - location._NEGATION_WINDOW) : pos]
    window = window[max(window.rfind(c) for c in ".!?;\n") + 1 :]
    if clause_only:
        return negation.search(window[window.rfind(",") + 1 :]) is not None
    events = [(m.start(), False) for m in negation.finditer(window)]
    events += [(m.start(), True) for m in location._CUE.finditer(window)]
    if not events:
        return False
    last, is_cue = max(events)
    return not is_cue or negation.search(window[window.rfind(",", 0, last) + 1 : last]) is not None


@settings(max_examples=200, deadline=None)
@given(_posting_texts)
def test_office_lines_hold_every_office_hit(text):
    """Only lines with an office word are searched for "in our X office": none is missed."""
    gaz = gazetteer()
    want = location._Want(cities=location.MIN_CITY_POPULATION, ambiguous=True)
    expected = []
    for m in re.finditer(r"(?i)\b(?:in|at|from|to|into)[ \t]+(?:our|the|your)[ \t]+", text):
        found = location._place_after(text, m.end(), want, gaz, check=False)
        if not found or not location._OFFICE_AFTER.match(text, found[1]):
            continue
        if not location._negated(text, m.start(), clause_only=True):
            expected.append(found[:2])
    assert [(h.start, h.end) for h in location._office_hits(text, fold_case(text), gaz)] == expected


def test_glued_tag_rows_split_as_before():
    text = "EuropeCyprusSpainGeorgia · remoteFirst · ABCdef · Zürich-Basel · x"
    spans = [m.span() for m in location._WORD.finditer(text)]
    expected = []
    for s, e in spans:
        cuts = [s] + [s + m.start() for m in location._GLUE.finditer(text[s:e]) if m.start()] + [e]
        expected.extend(itertools.pairwise(cuts))
    assert location._tokens(text, 0, len(text), unglue=True) == expected


def test_five_digits_in_other_scripts_count_too():
    assert location._may_have_five_digits("Austin TX 78705")
    assert location._may_have_five_digits("ZIP ١٢٣٤٥")
    assert not location._may_have_five_digits("$120,000–$150,000 “12” 1234")
