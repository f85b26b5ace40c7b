"""EEO statement detection: its common forms, what it is not, its characteristics and the
accommodation clause."""

from __future__ import annotations

import random
import re

import pytest

from jdlint.data import load_data
from jdlint.facts.eeo import (
    _characteristic_matches,
    _is_wrap,
    _paragraphs,
    _sentences,
    _trim,
    find_eeo,
    lexicon,
    protected_characteristics,
    sentences,
)
from jdlint.prefilter import fold
from jdlint.readers import read_source

HEAD = "Senior Engineer\n\nWe build accounting software. You will design APIs and mentor two engineers.\n\n"


def eeo(text: str, path: str = "posting.txt"):
    return find_eeo(read_source(path, HEAD + text))


# -- the forms that count ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "We are an Equal Opportunity Employer.",
        "Acme is an equal opportunities employer.",
        "EOE",
        "Acme is an EEO employer.",
        "Acme is an Equal Opportunity/Affirmative Action Employer.",
        "Acme is proud to be an equal opportunity workplace and an affirmative action employer.",
        "Equal opportunities: we welcome applications from all sections of the community.",
        "Applicants will not be discriminated against on the basis of age or disability.",
        "Equal Opportunity Employer - Disability and Veterans",
        "All qualified applicants will receive consideration for employment without regard to race, color, "
        "religion, sex, sexual orientation, gender identity, or national origin.",
        "Acme does not discriminate on the basis of race, religion, age or disability in its hiring.",
        "We welcome applications from everyone regardless of age, disability, race, religion or belief.",
        "Acme is committed to equal employment opportunity.",
        "As an employer we actively promote equal opportunities at every level.",
        "We stand against discrimination in all its forms.",
        "We do not tolerate discrimination or harassment of any kind.",
        "Wir freuen uns über Bewerbungen unabhängig von Geschlecht, Nationalität, Religion und Alter.",
        "Wir handeln nach den Grundsätzen des AGG.",
        "Applicants are considered without regard to\nrace, color, religion, sex, or national origin.",
    ],
)
def test_statement_forms(text):
    assert eeo(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Senior Engineer (m/w/d)",
        "Backend Developer (m/f/d) in Hamburg",
        "We encourage everyone to apply.",
        "We value diversity.",
        "We are committed to diversity, equity and inclusion in everything we do.",
        "We celebrate diversity and are committed to an inclusive environment for all employees.",
        "All qualified applicants are highly encouraged to apply.",
        "We welcome candidates regardless of experience level.",
        # non-discrimination about a program's participants or customers, not employment
        "Our club is free and open to all teenagers regardless of race, gender or economic background.",
        "The clinic serves all patients without regard to race, religion or ability to pay.",
        "We believe every child deserves an equal opportunity to learn.",
        "Acme is an E-Verify employer.",
        # discrimination as a topic, not a statement
        "Our software helps HR teams detect discrimination in pay.",
    ],
)
def test_not_statements(text):
    assert eeo(text) is None


def test_statement_position_and_text():
    doc_text = HEAD + "Benefits: dental.\n\nAcme is an equal opportunity employer. We love dogs.\n"
    statement = find_eeo(read_source("x.txt", doc_text))
    assert statement.text == "Acme is an equal opportunity employer."
    assert statement.line == 7
    assert doc_text[statement.start:statement.end] == statement.text


def test_abbreviation_does_not_cut_the_sentence():
    statement = eeo("Acme, Inc. is an equal opportunity employer.")
    assert statement.text == "Acme, Inc. is an equal opportunity employer."


def test_employer_form_is_preferred_over_a_weaker_one():
    statement = eeo("We do not tolerate discrimination. Acme is an EEO employer.")
    assert statement.text == "Acme is an EEO employer."


def test_bullet_is_not_part_of_the_statement():
    assert eeo("- We are an equal opportunity employer.").text == "We are an equal opportunity employer."


# -- protected characteristics -----------------------------------------------------------------


def test_characteristics_in_the_next_sentence_of_the_paragraph():
    statement = eeo("Acme is an Equal Opportunity Employer. All qualified applicants receive consideration "
                    "without regard to race, color, religion, national origin, sex, age, veteran status, "
                    "sexual orientation or disability.")
    assert statement.details["protected_characteristics"] == [
        "race", "color", "religion", "national origin", "sex", "age", "veteran status",
        "sexual orientation", "disability"]


def test_longer_names_win_over_their_prefixes():
    names = protected_characteristics("sex, gender identity or expression, genetic information, "
                                      "pregnancy, marital status")
    assert names == ["sex", "gender identity", "genetic information", "pregnancy", "marital status"]


def test_characteristics_stop_at_the_paragraph():
    statement = eeo("We are an equal opportunity employer.\n\nBenefits include disability insurance.")
    assert statement.details["protected_characteristics"] == []


def test_german_characteristics():
    names = protected_characteristics("unabhängig von Geschlecht, Nationalität, ethnischer und sozialer "
                                      "Herkunft, Religion, Behinderung, Alter sowie sexueller Identität")
    assert names == ["sex", "national origin", "race", "religion", "disability", "age", "sexual orientation"]


def test_bare_statement_has_no_characteristics():
    assert eeo("We are an EOE.").details["protected_characteristics"] == []


# -- accommodation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, contact",
    [
        ("EOE. If you need a reasonable accommodation to apply, e-mail access@example.com.", "email"),
        ("EOE. Applicants with a disability who need assistance can call (555) 010-4477.", "phone"),
        ("EOE. To request an accommodation in the hiring process, visit https://example.com/access.", "link"),
        ("EOE. For individuals with disabilities who would like to request accommodation, please let us know.",
         None),
        ("EOE. Need an accommodation during your interview? Let us know. Write to jobs@example.org.", "email"),
    ],
)
def test_accommodation_contact(text, contact):
    clause = eeo(text).details["accommodation"]
    assert clause is not None
    assert clause["contact"] == contact


def test_markdown_link_target_is_read_from_the_source():
    clause = eeo("EOE. Request a reasonable accommodation [here](https://example.com/a).", "x.md")
    assert clause.details["accommodation"]["contact"] == "link"


@pytest.mark.parametrize(
    "text",
    [
        "EOE. Must lift 50 lbs with or without reasonable accommodation.",
        "EOE. Accommodation is provided for the first month after relocation.",
        "EOE. We accommodate flexible schedules.",
    ],
)
def test_not_an_accommodation_clause(text):
    assert eeo(text).details["accommodation"] is None


# -- segmentation and robustness ---------------------------------------------------------------


def test_wrapped_lines_stay_one_sentence():
    text = "All applicants are considered without regard to\nrace or religion.\nNext line."
    assert [text[s:e] for s, e in sentences(text)] == [
        "All applicants are considered without regard to\nrace or religion.", "Next line."]


@pytest.mark.parametrize("chunk", ["a", ".", "\n", "race, ", "without regard to ", "accommodation ", "a@", "1-",
                                   "equal opportunity employer "])
def test_long_repetitive_input_completes(chunk):
    text = chunk * (100_000 // len(chunk))
    statement = find_eeo(read_source("x.txt", text))
    assert statement is None or 0 <= statement.start <= statement.end <= len(text)


def test_every_pattern_matches_its_example_and_passes_the_keyword_filter():
    data = load_data("eeo.yaml")
    keywords = [k.lower() for k in data["keywords"]]
    entries = data["employer"] + data["contextual"]
    for entry in entries:
        flags = 0 if entry.get("case_sensitive") else re.IGNORECASE
        assert re.search(entry["pattern"], entry["example"], flags), entry
        assert any(k in entry["example"].lower() for k in keywords), entry
    for mention in data["accommodation"]["mentions"]:
        assert re.search(mention["mention"], mention["example"], re.IGNORECASE), mention
        assert any(k in mention["example"].lower() for k in keywords), mention


def test_lexicon_is_cached():
    assert lexicon() is lexicon()


# -- the fast paths find what the plain ones find --------------------------------------------------


def stitched_texts() -> list[str]:
    """Texts stitched from what makes sentence and paragraph splitting delicate."""
    pieces = ["Equal opportunity employer", "We do not discriminate", " race", ", color", " age", "U.S.", "Inc. is",
              ".", "!", "?", "...", " ", "\t", "\n", "\r\n", "\n\n", "\n \n", "\r\n\r\n", "- ", "* ", "(", "A", "a",
              "gender identity", "veterans", "colour", "Behinderung", "support", "accommodation", "regard"]
    rng = random.Random(11)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 60))) for _ in range(1500)]


def plain_sentences(text: str) -> list[tuple[int, int]]:
    """The sentence splitter as first written: the lookbehinds before the mark, one whole pass."""
    boundary = re.compile(r"(?<![\s.(][A-Za-z])(?<![.!?])[.!?]++(?:[ \t]+(?![a-z])|(?=[A-Z\"“(])|(?=\r?\n))|\r?\n")
    out, pos = [], 0
    for m in boundary.finditer(text):
        if m.group().strip() == "" and _is_wrap(text, m.start(), m.end()):
            continue
        span = _trim(text, pos, m.start() + (1 if m.group()[0] in ".!?" else 0))
        if span:
            out.append(span)
        pos = m.end()
    span = _trim(text, pos, len(text))
    return [*out, span] if span else out


def test_sentences_are_those_of_the_plain_splitter_and_of_each_paragraph():
    for text in stitched_texts():
        expected = plain_sentences(text)
        assert list(sentences(text)) == expected, text
        assert [s for start, end in _paragraphs(text) for s in _sentences(text, start, end)] == expected, text


def test_characteristics_found_at_heads_are_those_of_the_whole_pattern():
    for text in stitched_texts():
        assert protected_characteristics(text, folded=fold(text)) == protected_characteristics(text), text
        spans = [m.span() for m in _characteristic_matches(text, fold(text), 0, len(text), lexicon())]
        assert spans == [m.span() for m in lexicon().characteristics.finditer(text)], text


def test_keyword_paragraphs_and_needles_skip_nothing():
    """With a folded text that does not line up with the text, every sentence and every
    pattern is read: the statement found must be the same as with the shortcuts."""
    for text in stitched_texts()[:600]:
        doc = read_source("x.txt", HEAD + text)
        fast = find_eeo(doc)
        doc._folded = doc.folded + " "  # unusable: the plain path
        assert find_eeo(doc) == fast, text
