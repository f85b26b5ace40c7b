"""Work-mode classification: explicit markers, their other senses, position and the tie-breaks."""

from __future__ import annotations

import random
import re

import pytest

from jdlint.data import load_data
from jdlint.facts.work_mode import _SENTENCE_END, _text_markers, classify_work_mode, find_conflict, lexicon
from jdlint.readers import read_source

# Enough neutral prose that the line under test is past the header zone (the first six lines).
PROSE = "\n\n".join([
    "Senior Engineer",
    "Acme Ledger Ltd",
    "We build accounting software for small firms.",
    "You will design APIs, review code and mentor two engineers.",
    "We value clear writing and careful testing.",
    "Our stack is Python and Postgres.",
    "You will join a team of six.",
])


def mode(text: str, path: str = "posting.txt") -> str | None:
    return classify_work_mode(read_source(path, text))[0]


def body_mode(line: str) -> str | None:
    """The mode when ``line`` stands in the body, after the header zone."""
    return mode(f"{PROSE}\n\n{line}\n")


def markers(text: str, path: str = "posting.txt"):
    return classify_work_mode(read_source(path, text))[1]


# -- explicit markers in body prose -----------------------------------------------------------


@pytest.mark.parametrize(
    "line, expected",
    [
        ("This position is fully remote.", "remote"),
        ("We are a remote-first company.", "remote"),
        ("The job is 100% remote.", "remote"),
        ("You can work from home every day.", "remote"),
        ("WFH is fine for this job.", "remote"),
        ("This is a telecommute position.", "remote"),
        ("You can work from anywhere in Canada.", "remote"),
        ("This is a remote role.", "remote"),
        ("We are a fully remote team spread over nine countries.", "remote"),
        ("This is a hybrid role.", "hybrid"),
        ("You will be in the office 3 days a week.", "hybrid"),
        ("We meet at the office once or twice per week.", "hybrid"),
        ("A mix of remote and office days.", "hybrid"),
        ("Part-remote, Munich.", "hybrid"),
        ("This role is onsite in Austin.", "onsite"),
        ("This is an in-person role.", "onsite"),
        ("This is an office-based position.", "onsite"),
        ("You will work on-site at our Tulsa plant.", "onsite"),
        ("The role is based at our Leeds office.", "onsite"),
        ("This role is not remote.", "onsite"),
        ("This role is remote-eligible.", "remote"),
        ("This is a home-based role.", "remote"),
        ("#LI-Remote", "remote"),
        ("#LI-Hybrid", "hybrid"),
        ("#LI-Onsite", "onsite"),
    ],
)
def test_body_markers(line, expected):
    assert body_mode(line) == expected


# -- other senses of the same words -----------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "We build remote sensing software for farms.",
        "Our product does remote monitoring of pumps.",
        "Experience with remote-controlled drones is a plus.",
        "You will support remote patient care programs.",
        "We make collaboration tools for remote teams.",
        "We work with remote customers in Alaska.",
        "You will travel to remote sites to inspect turbines.",
        "Perks: a work-from-home stipend and a WFH equipment budget.",
        "Free on-site gym and on-site parking.",
        "Our hybrid cloud platform runs in three regions.",
        "We're global and have remote teams.",
        "The taproom serves beer for onsite consumption.",
        "Fully remote roles are clearly marked as such in their descriptions.",
        "Applicants must live within commuting distance of Denver.",
        "Location: Worldwide",
        "Remote work allowance of $500 a year.",
        "You will provide home-based care to patients.",
    ],
)
def test_lookalikes_are_not_markers(line):
    assert body_mode(line) is None
    assert mode(line) is None  # not in a header line either


def test_benefit_lines_do_not_make_an_onsite_job_remote():
    text = "This is an on-site role at our plant.\n\nPerks: work-from-home stipend, WFH equipment budget."
    assert body_mode(text) == "onsite"


def test_unmarked_posting_is_none_even_when_plainly_onsite():
    assert mode("Line Cook\n\nLocation: 1005 W. 34th St, Austin TX\n\nFast-paced kitchen, 6 shifts.") is None


# -- headers, fields and front matter ---------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Backend Engineer\nLocation: Remote\n\nYou will build APIs.", "remote"),
        ("Backend Engineer\nRemote (US)\n\nYou will build APIs.", "remote"),
        ("Backend Engineer\nHybrid — London\n\nYou will build APIs.", "hybrid"),
        ("Backend Engineer\nOn-site\n\nYou will build APIs.", "onsite"),
        ("# Backend Engineer (Remote)\n\nYou will build APIs.", "remote"),
        ("Backend Engineer\n**Workplace type:** Hybrid\n\nYou will build APIs.", "hybrid"),
        ("Backend Engineer\nJob Type: Full-time, Remote\n\nYou will build APIs.", "remote"),
        ("Backend Engineer\nRemote | Flexible hours | Series B\n\nYou will build APIs.", "remote"),
        # scraped tag rows glue words together
        ("Backend Engineer\nEuropeSpainHybridSenior\n\nYou will build APIs.", "hybrid"),
    ],
)
def test_header_lines(text, expected):
    assert mode(text) == expected


def test_field_line_counts_deep_in_the_body():
    assert body_mode("Location: Remote") == "remote"
    assert body_mode("Work Location: In person") == "onsite"
    assert body_mode("Work Location: Hybrid remote in Austin, TX 78701") == "hybrid"
    assert body_mode("**Location:** Austin, TX (on-site)") == "onsite"


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Remote: No", "onsite"),
        ("Remote: Yes", "remote"),
        ("**Remote:** yes", "remote"),
        ("Remote work: not possible", "onsite"),
        ("Remote work is not available for this position.", "onsite"),
    ],
)
def test_a_field_labelled_with_a_mode_reads_its_value(line, expected):
    assert body_mode(line) == expected


def test_weekday_home_working_is_hybrid():
    assert body_mode("The role is based at our Leeds office; you can work from home on Fridays.") == "hybrid"


def test_short_tag_line_counts_in_the_body():
    assert body_mode("Remote (US)") == "remote"


@pytest.mark.parametrize(
    "front, expected",
    [
        ("remote: true", "remote"),
        ("work_mode: hybrid", "hybrid"),
        ("workplace: On-site", "onsite"),
        ("location: Remote (EU)", "remote"),
        ("location: Denver, CO or remote", "remote"),
        ("jobLocationType: TELECOMMUTE", "remote"),
        ("location: Denver, CO", None),
        ("remote: false", None),
    ],
)
def test_front_matter(front, expected):
    assert mode(f"---\ntitle: Engineer\n{front}\n---\nYou will build APIs.\n", "job.md") == expected


def test_front_matter_marker_has_its_line():
    (marker,) = markers("---\ntitle: Engineer\nwork_mode: hybrid\n---\nYou will build APIs.\n", "job.md")
    assert marker.line == 3
    assert marker.details == {"mode": "hybrid", "weight": 3, "where": "front matter"}


def test_front_matter_beats_body():
    text = "---\nwork_mode: remote\n---\n" + PROSE + "\n\nWe have an in-person office downtown.\n"
    assert mode(text, "job.md") == "remote"


def test_header_beats_a_weaker_body_marker():
    text = "Engineer\nHybrid (Leeds)\n\n" + PROSE + "\n\nYou will work remotely with the design team.\n"
    assert mode(text) == "hybrid"


# -- combinations ----------------------------------------------------------------------------


def test_remote_as_an_explicit_alternative_is_remote():
    text = "Location: Burlington, Vermont or remote\n\n" + PROSE + "\n\nThis is an in-person role.\n"
    assert mode(text) == "remote"
    assert find_conflict(markers(text)) is None


def test_temporary_remote_start_keeps_an_in_person_role_onsite():
    line = "This is an in-person role, though you can temporarily start remotely during the move."
    assert body_mode(line) == "onsite"
    assert body_mode("This is an in-person role. Remote work until the office reopens.") == "onsite"


def test_remote_and_office_words_in_a_hybrid_sentence_belong_to_it():
    text = "- Hybrid approach (office + remote, depending on the team)"
    ms = markers(text)
    assert {m.details["mode"] for m in ms} == {"hybrid"}


def test_hedged_marker_is_weak():
    (marker,) = markers(PROSE + "\n\nWe have a strong preference for someone in-person.")
    assert marker.details["mode"] == "onsite"
    assert marker.details["weight"] == 1


# -- markers as statements -------------------------------------------------------------------


def test_marker_statement_position_and_text():
    text = PROSE + "\n\nThis job is 100% remote.\n"
    (marker,) = markers(text)
    assert marker.text == "100% remote"
    assert text[marker.start:marker.end] == "100% remote"
    assert marker.line == text[:marker.start].count("\n") + 1
    assert marker.details == {"mode": "remote", "weight": 3, "where": "body"}


def test_markdown_emphasis_does_not_hide_a_marker():
    assert mode(PROSE + "\n\n- **_Comfortable with remote work_**. Our team works remotely.\n", "x.md") == "remote"


# -- conflicts ---------------------------------------------------------------------------------


def test_conflict_between_remote_and_office_days():
    text = "This role is fully remote.\n\nYou must be in the office three days a week.\n"
    first, second = find_conflict(markers(text))
    assert (first.details["mode"], first.line) == ("remote", 1)
    assert (second.details["mode"], second.line) == ("hybrid", 3)


def test_weak_markers_do_not_conflict():
    text = "This role is fully remote.\n\nFlexibility to work from home when you need it.\n"
    assert find_conflict(markers(text)) is None


def test_consistent_markers_do_not_conflict():
    text = "Remote (US)\n\nThis is a remote role.\nYou will work remotely with the team.\n"
    assert find_conflict(markers(text)) is None


# -- robustness -----------------------------------------------------------------------------


@pytest.mark.parametrize("chunk", ["a", ".", "remote ", "fully ", "1 ", "on-site ", "or ", "_", "\n", "x."])
def test_long_repetitive_input_completes(chunk):
    text = chunk * (100_000 // len(chunk))
    found, ms = classify_work_mode(read_source("x.txt", text))
    assert found in (None, "remote", "hybrid", "onsite")
    assert all(0 <= m.start <= m.end <= len(text) for m in ms)


def test_empty_input():
    assert classify_work_mode(read_source("x.txt", "")) == (None, [])


# -- the phrase data ---------------------------------------------------------------------------


def test_every_marker_matches_its_example_and_passes_the_keyword_filter():
    data = load_data("work_mode.yaml")
    keywords = [k.lower() for k in data["keywords"]]
    for entry in data["markers"]:
        example = entry["example"]
        assert re.search(entry["pattern"], example, re.IGNORECASE), entry
        assert any(k in example.lower() for k in keywords), f"no keyword in {example!r}"
        assert entry["mode"] in ("remote", "hybrid", "onsite")
        assert entry["weight"] in (1, 2, 3)


def test_lexicon_is_cached():
    assert lexicon() is lexicon()


# -- the fast paths find what the plain ones find --------------------------------------------------


def stitched_texts() -> list[str]:
    pieces = ["This role is fully remote", "hybrid", "on-site", "In office", "Remote (US)", "Location: Hybrid",
              "work from home", "3 days a week", "remote teams", "temporarily", "prefer", "WFH", "#LI-Remote",
              "Remote: No", " ", "\n", "\r\n", "\n\n", ".", ". ", "U.S.", "_", "Acme", "nearby", "office",
              "Denver or remote", "SITE", "\u0130", "\u212a"]
    rng = random.Random(5)
    return [PROSE] + ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 40))) for _ in range(600)]


def test_sentence_end_is_the_lookbehind_first_pattern():
    plain = re.compile(r"(?<![\s.(][A-Za-z])(?<![.!?])[.!?]++(?:\s+(?![a-z])|(?=[A-Z\"“(]))")
    for text in stitched_texts():
        for start in range(min(len(text), 4)):
            assert ([m.span() for m in _SENTENCE_END.finditer(text, start, len(text) - 1)]
                    == [m.span() for m in plain.finditer(text, start, len(text) - 1)])


def test_keyword_lines_and_needles_skip_nothing():
    """With a folded text that does not line up with the text, every line and every pattern
    is read: the markers found must be the same as with the shortcuts."""
    for text in stitched_texts():
        doc = read_source("x.txt", text)
        fast = _text_markers(doc, lexicon())
        doc._folded = doc.folded + " "  # unusable: the plain path
        assert _text_markers(doc, lexicon()) == fast, text
