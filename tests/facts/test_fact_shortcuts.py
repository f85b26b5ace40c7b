"""The shortcuts that make fact extraction cheap find exactly what the plain forms find.

Each test keeps the plain form (a pattern as first written, a function as it was before it
was made faster) and holds the shortcut to it on texts stitched from the pieces that make
the shortcut delicate: case variants, the characters IGNORECASE treats specially (Kelvin
sign, long s, dotted and dotless i), non-ASCII digits and spaces, glued words, long lines.
"""

from __future__ import annotations

import random
import re
from functools import lru_cache

from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.facts import eeo, location, pay, work_mode
from jdlint.facts.gazetteer import MIN_CITY_POPULATION, fold, gazetteer
from jdlint.prefilter import fold as fold_case
from jdlint.readers import read_source

_ODD = ["\u212a", "\u017f", "\u0130", "\u0131", "\u00a0", "é", "’", "\u0663", "١٢٣٤٥"]
_CASES = [str, str.upper, str.title, str.lower]


def _stitch(pieces: list[str], seed: int, count: int, most: int = 40) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_CASES)(rng.choice(pieces)) for _ in range(rng.randint(0, most))) for _ in range(count)]


def _spans(matches) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


def _windows(text: str, rng: random.Random) -> list[tuple[int, int]]:
    out = [(0, len(text))]
    for _ in range(3):
        start = rng.randint(0, len(text))
        out.append((start, rng.randint(start, len(text))))
    return out


# -- location: rewritten patterns ----------------------------------------------------------------

_OLD_WORD = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_][\w'’]{0,40}(?:-[^\W_][\w'’]{0,40}){0,4}")
_OLD_SEGMENT_SPLIT = re.compile(r"[ \t]+[-–—|·•/][ \t]+|[,;()\[\]|·•/]|[ \t]+(?:or|and|&)[ \t]+|[*_#]+")
_OLD_OFFICE_BEFORE = re.compile(r"\b(?:in|at|from|to|into)[ \t]+(?:our|the|your)[ \t]+")

_PATTERN_PIECES = [
    "U.S.", "u.s.a", "A.", "B", ".", "-", "--", "'", "’", "_", " ", "\t", "\n", "x", "Ab", "1", "a" * 45, "in",
    "into", "at", "from", "to", "our", "the", "your", "tin", " - ", " | ", " / ", " or ", " and ", " & ", "·", "•",
    "–", "—", ",", ";", "(", ")", "[", "]", "*", "#", "|", "/", "ord", *_ODD,
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PATTERN_PIECES), max_size=30).map("".join), st.data())
def test_rewritten_location_patterns_match_as_written_first(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    for new, old in ((location._WORD, _OLD_WORD), (location._SEGMENT_SPLIT, _OLD_SEGMENT_SPLIT),
                     (location._OFFICE_BEFORE_FOLDED, _OLD_OFFICE_BEFORE)):
        assert _spans(new.finditer(text, start, end)) == _spans(old.finditer(text, start, end)), (text, old)
    first = location._WORD.match(text, start, end)
    plain = _OLD_WORD.match(text, start, end)
    assert (first and first.span()) == (plain and plain.span())


_GAP_PIECES = [" ", "\t", "(", "[", "-", "–", "—", "|", "/", ",", ":", "x", "A", ")", "\n", ".", "\u00a0"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_GAP_PIECES), max_size=14).map("".join), st.data())
def test_gap_before_a_mode_word_is_the_patterns_match(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    m = location._REMOTE_BEFORE_GAP.search(text, start, end)
    assert location._gap_before(text, start, end) == (m.start() if m else None)


# -- location: the header --------------------------------------------------------------------------


def _header_lines_as_first_written(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    seen = 0
    for line in text.splitlines(keepends=True):
        body = line.strip()
        start, pos = pos, pos + len(line)
        if not body:
            continue
        seen += 1
        words = body.split()
        if len(body) > location._HEADER_MAX_CHARS or (len(words) >= 4 and body[-1] in ".!?") \
                or seen > location._HEADER_MAX_LINES:
            return out
        out.append((start, start + len(line.rstrip("\r\n"))))
    return out


def test_header_lines_read_from_the_start_are_those_of_the_whole_split():
    pieces = ["Senior Engineer", "Acme", "Remote (US)", "We build things.", "A b c d.", "x" * 120, " ", "\t",
              "\n", "\r\n", "\r", "\n\n", "\x0b", "\x1c", "\u2028", "\u0085", "\n" * 40, " " * 300]
    rng = random.Random(21)
    texts = _stitch(pieces, 21, 1500, most=60)
    # headers that end just before, at and after the stretch first read, cut inside a "\r\n"
    # and a tag line that looks like prose where the stretch cuts it ("One two three four.|")
    for size in range(location._HEADER_SCAN - 4, location._HEADER_SCAN + 4):
        for tail in ("\r\n", "\n", "Tag\n", "A long prose line that ends here.\n"):
            texts.append(" " * (size - 1) + "\r\n" + tail + "Title\n")
            texts.append("Title\n" + "\n" * (size - 7) + tail + "Remote\n" + rng.choice(pieces))
    for cut in range(location._HEADER_SCAN - 30, location._HEADER_SCAN + 5):
        line = "One two three four. five six\n"
        texts.append("Title\n" + "\n" * (cut - 6 - line.index(".") - 1) + line + "Remote (US)\n")
    for text in texts:
        assert location._header_lines(text) == _header_lines_as_first_written(text), repr(text[:80])


def _segment_city_as_first_written(text, start, end, gaz):
    toks = location._tokens(text, start, end, limit=gaz.max_words + 1)
    if toks and len(toks) <= gaz.max_words and location._run_length(text, toks, 0, gaz.max_words) == len(toks) \
            and not text[start:toks[0][0]].strip(" \t") and not text[toks[-1][1]:end].strip(" \t"):
        places = location._lookup_span(text, toks, location._SEGMENT_WANT, gaz)
        if places and places[0].kind == "city" and not location._negated(text, toks[0][0]):
            return location._Hit(toks[0][0], toks[-1][1], places, location._RANK_HEADER)
    return None


def test_segment_cities_found_with_the_key_test_first_are_all_of_them():
    pieces = ["New York", "New\u00a0York", "New  York", "Sao Paulo", "São Paulo", "St. Louis", "Saint-Denis",
              "Winston-Salem", "Lisbon", "Seattle", "Senior", "Engineer", " ", "\t", "-", ".", "'", "’", "Ab",
              "Los Angeles", "LOS ANGELES", "Rio de Janeiro", "Washington", "D.C.", "x" * 45, "Reading", *_ODD]
    gaz = gazetteer()
    for text in _stitch(pieces, 22, 3000, most=5):
        for start, end in [(0, len(text)), (min(1, len(text)), len(text))]:
            assert location._segment_city(text, start, end, gaz) == _segment_city_as_first_written(
                text, start, end, gaz), repr(text)


def test_squeezed_keys_are_folded_keys_without_spaces():
    rng = random.Random(23)
    alphabet = [chr(i) for i in range(128)] + _ODD
    for _ in range(20000):
        name = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert location._squeezed_key(name) == "".join(fold(name).split()), repr(name)
    gaz = gazetteer()
    expected = {"".join(key.split()) for key, records in gaz.cities.items() if int(records[0][2]) >= 50_000}
    expected |= {"".join(alias.split()) for alias in gaz.city_aliases  # "München", "Den Haag"
                 if gaz.city_by_key(alias, min_population=50_000)}
    assert gaz.squeezed_city_keys(50_000) == expected


# -- location: names ruled out by their first word -------------------------------------------------


def _longest_name_as_first_written(words, want, gaz):
    for k in range(len(words), 0, -1):
        places = location._lookup_words(words[:k], want, gaz)
        if places:
            return k, places
    return None


@lru_cache(maxsize=1)
def _name_texts() -> list[str]:
    gaz = gazetteer()
    surfaces = [*sorted(gaz.names)[::3], "Asia-Pacific", "U.S.", "U.S.A", "Côte d'Ivoire", "Hawai'i", "O'Brien",
                "New  Mexico", "Bosnia and Herzegovina", "Isle of Man", "the Hague"]
    pieces = [*surfaces, "Senior", "Engineer", "Remote", " ", " ", "\t", ", ", " - ", "-", "(", ")", "EuropeSpain",
              "x" * 45, "Ab", "AB", *_ODD]
    return _stitch(pieces, 24, 800, most=8)


def test_names_ruled_out_by_their_first_word_are_no_names():
    gaz = gazetteer()
    wants = [location._ANY_REGION, location._Want(), location._Want(ambiguous=True, global_words=True)]
    for text in _name_texts():
        for unglue in (False, True):
            toks = location._tokens(text, 0, len(text), unglue=unglue)
            for i in range(len(toks)):
                words = location._name_words(text, toks, i, gaz.max_words)
                for want in wants:
                    expected = _longest_name_as_first_written(words, want, gaz) if words else None
                    found = location._match_at(text, toks, i, want, gaz)
                    assert found == (None if expected is None else (i + expected[0], expected[1])), (text, i, want)


def _place_after_as_first_written(text, pos, want, gaz, *, check=True):
    if not text[pos : pos + 1].isupper():
        return None
    _, line_end = location._line_bounds(text, pos)
    spans = location._name_spans(text, pos, min(line_end, pos + 80), gaz.max_words)
    if not spans or spans[0][0] != pos:
        return None
    found = _longest_name_as_first_written([text[s:e] for s, e in spans], want, gaz)
    if found is None:
        return None
    end = spans[found[0] - 1][1]
    if check and not location._stands_alone(text, pos, end, gaz, check_before=False):
        return None
    return pos, end, found[1]


def test_places_after_a_comma_are_those_found_without_the_first_word_test():
    gaz = gazetteer()
    for text in _name_texts():
        for pos in range(len(text)):
            for want in (location._ANY_REGION, location._Want(cities=MIN_CITY_POPULATION)):
                assert location._place_after(text, pos, want, gaz) == _place_after_as_first_written(
                    text, pos, want, gaz), (text, pos)


def test_remote_mentions_in_a_value_read_on_the_folded_text():
    pieces = ["remote", "remotely", "Remote", "REMOTE", "work from home", "working  from anywhere", "WFH", "wfh",
              "telecommuting", "distributed team", "distributed\tteam", "x", " ", "_", *_ODD]
    for text in _stitch(pieces, 25, 2000, most=8):
        assert (location._MENTIONS_REMOTE_FOLDED.search(fold_case(text)) is not None) == bool(
            location._MENTIONS_REMOTE.search(text)), text


def test_city_answers_remembered_are_those_looked_up():
    gaz = gazetteer()
    for name in ["Denver", "denver", "Paris", "London", "Springfield", "Nowhere", "São Paulo", "March"]:
        for country, subdivision in [(None, None), ("US", None), ("US", "US-IL"), ("FR", None)]:
            expected = gaz.city_by_key(fold(name), country=country, subdivision=subdivision)
            assert gaz.city(name, country=country, subdivision=subdivision) == expected
            assert gaz.city(name, country=country, subdivision=subdivision) == expected  # remembered


# -- pay -----------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _context_texts() -> list[str]:
    data = pay.pay_data()
    pieces = [*data["pay_words"], *data["not_pay_words"][::4], " ", "  ", "\n", "\t", ":", " of", " is", "-", "–",
              "(", ")", "(gross)", "*", "_", "range", "rate", "band", "scale", "x", "1", "payment", "company",
              "retribución", "Vergütung", *_ODD]
    return _stitch(pieces, 26, 3000, most=8)


def _plain_words(items):
    """The context words' pattern as first written: whole words, case-blind, on the text."""
    return re.compile(r"(?<!\w)" + pay._alternation(items) + r"(?!\w)", re.IGNORECASE)


def test_context_words_read_on_the_folded_clause_are_the_case_blind_matches():
    pats = pay.patterns()
    label = re.compile(r"(?<!\w)" + pay._alternation(pay._label_words(pay.pay_data())) + pay._PAY_LABEL_TAIL,
                       re.IGNORECASE)  # as first written
    data = pay.pay_data()
    pairs = [(pats.folded_pay_words, _plain_words(data["pay_words"])),
             (pats.folded_not_pay_words, _plain_words(data["not_pay_words"])), (pats.folded_pay_label, label)]
    for text in _context_texts():
        folded = fold_case(text)
        for twin, plain in pairs:
            assert _spans(twin.finditer(folded)) == _spans(plain.finditer(text)), (text, plain.pattern[:40])


def test_atoms_found_from_the_digits_are_those_of_a_full_pass():
    pats = pay.patterns()
    pieces = ["$", "US$", "CA$", "CAD", "USD", "EUR", "€", "£", "zł", "Fr.", "k", "K", " ", "\u00a0", "\t", ",",
              ".", "-", "1", "12", "000", "120,000", "60.000", "A", "U", "x", "%", "Series", "2021", "\n",
              "١٢٣", "\u0663", "٣٠٠٠٠", "𝟗", "½", "²", "é", "’"]
    data = pay.pay_data()
    farthest = [f"x {code}{space}{symbol}{space}120,000 y" for code in data["codes"][:6] for symbol in data["symbols"]
                for space in ("", " ", "\u00a0")]  # a number as far from the atom's start as it can be
    for text in farthest + _stitch(pieces, 27, 3000, most=30):
        assert _spans(pay._atom_matches(text, pats)) == _spans(pats.atom.finditer(text)), text


# -- work mode -----------------------------------------------------------------------------------


def _marker_needles() -> list[str]:
    return sorted({n for m in work_mode.lexicon().markers for clause in m.pattern.clauses for n in clause})


@lru_cache(maxsize=1)
def _mode_sentences() -> list[str]:
    data = work_mode.lexicon()
    needles = [*_marker_needles(), *data.context_needles]
    pieces = [*needles[::2], "fully remote", "remote-first", "or remote", "is a remote role", "3 days a week",
              "in the office", "on-site", "#LI-Remote", "working from home", " ", "  ", "\t", ".", ",", "x", "-",
              "_", *_ODD]
    return _stitch(pieces, 28, 2000, most=12)


def test_needle_tree_finds_every_needle_present():
    needles = _marker_needles()
    tree = work_mode._NeedleTree(needles)
    for sentence in _mode_sentences():
        folded = fold_case(sentence)
        assert set(tree.present(folded)) == {n for n in needles if n in folded}, sentence


def test_markers_chosen_by_their_first_clause_are_those_whose_needles_are_there():
    lex = work_mode.lexicon()
    for sentence in _mode_sentences():
        folded = fold_case(sentence)
        present = {n for n in _marker_needles() if n in folded}
        expected = [i for i, m in enumerate(lex.markers) if m.pattern.possible(present)]
        chosen = [i for i in work_mode._possible_markers(folded, lex)
                  if work_mode._has_clauses(folded, lex.markers[i].pattern.clauses[1:])]
        assert chosen == expected, sentence


def test_marker_spans_found_on_the_folded_text_are_the_patterns_matches():
    lex = work_mode.lexicon()
    gated = [m.pattern for m in lex.markers] + list(lex.not_markers)
    rng = random.Random(29)
    for text in _mode_sentences():
        folded = fold_case(text)
        for start, end in _windows(text, rng):
            for g in gated:
                assert g.spans(text, folded, start, end) == _spans(g.rx.finditer(text, start, end)), (text, g)
        for _, g in (*lex.skips, (None, lex.weak)):
            assert g.search(text, folded) == bool(g.rx.search(text)), text


# -- equal opportunity ---------------------------------------------------------------------------


def test_statement_patterns_read_on_the_folded_sentence_match_as_on_the_sentence():
    lex = eeo.lexicon()
    patterns = [*lex.employer, *(c.rx for c in lex.contextual), lex.stance, lex.employment, lex.employment_strong,
                lex.program, lex.not_request, *(m.rx for m in lex.mentions),
                *(m.context for m in lex.mentions if m.context)]
    pieces = ["equal opportunity employer", "EOE", "without regard to", "regardless of", "race", "sex", "we do not",
              "discriminate", "hiring", "employment", "program", "participants", "accommodation", "let us know",
              "reasonable adjustments", "contact", " ", ",", ".", "x", "M/F/D", "m/w/d", *_ODD]
    for sentence in _stitch(pieces, 30, 2000, most=10):
        folded = fold_case(sentence)
        for rx in patterns:
            fast = rx.search(sentence, folded)
            plain = rx.scan.regex.search(sentence)
            assert (fast is None) == (plain is None), (sentence, rx.scan.pattern[:40])
            if fast is not None:
                assert fast.span() == plain.span()
            ends = [m.end() for m in rx.finditer(sentence, folded)]
            assert ends == [m.end() for m in rx.scan.regex.finditer(sentence)]


def test_postings_read_with_and_without_shortcuts_give_the_same_facts():
    """End to end: a posting whose folded text does not line up with its text takes the
    plain paths in every extractor that has them."""
    pieces = ["Senior Engineer – Denver, CO", "Remote (US)", "Location: Hybrid – Berlin", "Salary: $120k–$140k",
              "We are an equal opportunity employer.", "Please let us know if you need an accommodation.",
              "You will work from our Chicago office three days a week.", "EuropeSpainGeorgia", "\n", "\n\n", " ",
              "Pay 45,000 - 55,000 per annum", "based in Toronto, ON", "#LI-Remote", *_ODD]
    for text in _stitch(pieces, 31, 300, most=14):
        doc = read_source("x.md", text)
        fast = (work_mode.classify_work_mode(doc), eeo.find_eeo(doc))
        doc._folded = doc.folded + " "
        assert (work_mode.classify_work_mode(doc), eeo.find_eeo(doc)) == fast, text

