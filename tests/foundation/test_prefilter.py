"""The needle prefilter must never change what a pattern finds: it may only skip work."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint import prefilter
from jdlint.engine.packs import load_all
from jdlint.prefilter import Scan, fold, heads_of, lowered_source, needles_of, top_level_alternatives

ROOT = Path(__file__).resolve().parents[2]


def spans(scan: Scan, text: str) -> list[tuple[int, int]]:
    found = [m.span() for m in scan.finditer(text, fold(text))]
    assert scan.spans(text, fold(text)) == found  # the case-sensitive twin on folded text agrees
    return found


def plain(scan: Scan, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in scan.regex.finditer(text)]


@pytest.mark.parametrize(("pattern", "flags", "expected"), [
    (r"\bcitizens?\s+only\b", re.I, {frozenset({"citizen"}), frozenset({"only"})}),
    (r"(?:foo|barbaz)\s+qux", 0, {frozenset({"foo", "barbaz"}), frozenset({"qux"})}),
    (r"(?:foo|\d+)\s+qux", 0, {frozenset({"qux"})}),  # an alternative without literals constrains nothing
    (r"(?:alpha)?beta", 0, {frozenset({"beta"})}),  # optional parts are not required
    (r"(?:gamma)+", 0, {frozenset({"gamma"})}),  # a repeat of at least one is
    (r"ab\bcd", 0, {frozenset({"abcd"})}),  # zero-width items keep neighbours adjacent
    (r"Upper CASE", 0, {frozenset({"upper case"})}),
    (r"\w+\.(?:com|io)\b", 0, {frozenset({".com", ".io"})}),  # a run through a choice of literals
    (r"[\w.]+@\w+", 0, {frozenset({"@"})}),  # a rare character is a needle on its own
    (r"he|she", re.I, None),  # needles shorter than three letters filter nothing
    (r"[a-z]+", 0, None),
])
def test_needles(pattern: str, flags: int, expected: set[frozenset[str]] | None) -> None:
    got = needles_of(pattern, flags)
    assert (set(got) if got else None) == expected


def test_skips_only_when_no_needle_is_present() -> None:
    scan = Scan(r"\bcitizens?\s+only\b", re.I)
    assert scan.possible(fold("US CITIZENS ONLY"))
    assert not scan.possible(fold("Authorized to work in the US"))
    assert not scan.possible(fold("citizens of the world"))  # "only" is required too


def test_folding_covers_what_ignorecase_matches() -> None:
    """re.IGNORECASE matches the Kelvin sign to k, long s to s, dotted and dotless I to i."""
    for odd, ascii_letter in [("\u212a", "k"), ("\u017f", "s"), ("\u0130", "i"), ("\u0131", "i")]:
        text = f"wor{odd} visa"
        scan = Scan(f"wor{ascii_letter} visa", re.I)
        assert plain(scan, text), odd
        assert spans(scan, text) == plain(scan, text), odd


@pytest.mark.parametrize(("pattern", "verbose", "pieces"), [
    ("a|b", False, ["a", "b"]),
    ("(a|b)|c", False, ["(a|b)", "c"]),
    (r"[|]|\||x", False, ["[|]", r"\|", "x"]),
    (r"[]|]x|y", False, ["[]|]x", "y"]),
    ("a # a|b comment\n|c", True, ["a # a|b comment\n", "c"]),
    ("abc", False, ["abc"]),
])
def test_top_level_alternatives(pattern: str, verbose: bool, pieces: list[str]) -> None:
    assert top_level_alternatives(pattern, verbose) == pieces


@pytest.mark.parametrize(("pattern", "lowered"), [
    (r"\bCitizens?\s+ONLY\b", r"\bcitizens?\s+only\b"),
    (r"\S+\W\B\D", r"\S+\W\B\D"),  # escapes keep their case
    (r"(?P<Name>US)-(?P=Name)", r"(?P<Name>us)-(?P=Name)"),  # group names too
    (r"[A-Z][^A-Z]", r"[a-z][^a-z]"),
    (r"(?ix)Foo  # A Comment", r"(?x)foo  # A Comment"),  # inline (?i) dropped, comments kept
    (r"[A-z]", None),  # a range across cases
    (r"\x4A", None),  # a letter spelled by code
    (r"(?-i:Foo)", None),  # scoped case sensitivity
    ("caf\u00e9", None),  # non-ASCII
])
def test_lowered_source(pattern: str, lowered: str | None) -> None:
    assert lowered_source(pattern) == lowered


def test_alternatives_run_only_when_their_needles_are_present() -> None:
    scan = Scan(r"\bable\s+to\s+lift\b|\bon\s+your\s+feet\b|\b20/20\s+vision\b", re.I)
    text = "You will be ON YOUR FEET all day, and you must be able to lift boxes."
    assert scan.parts is not None
    assert spans(scan, text) == plain(scan, text)
    assert scan.regex_for(fold("on your feet")).pattern == r"\bon\s+your\s+feet\b"
    assert scan.regex_for(fold("nothing here")) is None


def test_patterns_with_groups_are_never_split() -> None:
    """Dropping alternatives would renumber groups that callers read."""
    assert Scan(r"(foo)\s+bar|baz\s+(qux)").parts is None


def test_scans_pickle_as_source() -> None:
    import pickle

    scan = Scan(r"\bgreen\s+card\s+only\b|\bcitizens\s+only\b", re.I)
    copy = pickle.loads(pickle.dumps(scan))
    assert copy._regex is None  # compiled on first use, not on load
    text = "Green Card only, or citizens only."
    assert spans(copy, text) == plain(scan, text)


_LIST_SHIPPED = """
import json, sys
from pathlib import Path
from jdlint import lint_text, prefilter
from jdlint.engine.packs import load_all
load_all([])
for path in sorted(Path(sys.argv[1]).glob("*")):
    if path.is_file() and path.suffix in {".md", ".txt", ".html", ".json"}:
        lint_text(path.read_text(encoding="utf-8"), path=str(path))
print(json.dumps(sorted({(s.pattern, s.flags) for s in prefilter.EVERY_SCAN})))
"""


@lru_cache(maxsize=1)
def shipped_scans() -> list[Scan]:
    """Every Scan jdlint builds: rule packs, and the fact extractors' and checks' patterns once
    the examples have gone through them. Listed by a fresh process: in this one, EVERY_SCAN
    also holds the scans earlier tests made (a full run had three times as many). A Scan is
    its pattern and flags, so the copies behave as the shipped ones."""
    listed = subprocess.run([sys.executable, "-c", _LIST_SHIPPED, str(ROOT / "examples")], capture_output=True,
                            text=True, check=True)
    return [Scan(pattern, flags) for pattern, flags in json.loads(listed.stdout)]


def example_texts() -> list[str]:
    texts = []
    for rule in load_all([]):
        texts += [*rule.examples_fail, *rule.examples_pass]
    for path in sorted((ROOT / "examples").glob("*")):
        if path.is_file() and path.suffix in {".md", ".txt", ".html", ".json", ".jsonl"}:
            texts.append(path.read_text(encoding="utf-8"))
    # Case variants, and IGNORECASE's odd letters, so folding is exercised on every example.
    texts += [t.upper() for t in texts] + [t.replace("k", "\u212a").replace("s", "\u017f") for t in texts]
    return texts


def test_every_shipped_pattern_finds_the_same_matches_with_and_without_needles() -> None:
    scans = shipped_scans()
    assert len(scans) > 50
    # Text by text, every pattern: the needle memo holds one text, so alternating texts would
    # index each long text again for every pattern.
    for text in example_texts():
        folded = fold(text)
        for scan in scans:
            found = [m.span() for m in scan.finditer(text, folded)]
            assert scan.spans(text, folded) == found
            assert found == plain(scan, text), (scan.pattern[:80], text[:80])


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_random_texts_built_from_needles(data: st.DataObject) -> None:
    """Texts stitched from needles, case changes and separators: the skip never hides a match."""
    scans = [s for s in shipped_scans() if s.needles]
    scan = data.draw(st.sampled_from(scans))
    words = sorted({n for clause in scan.needles or () for n in clause})
    separators = st.sampled_from([" ", "\n", ".", "-", "/", "5", "ok"])
    pieces = data.draw(st.lists(st.one_of(st.sampled_from(words), separators), max_size=12))
    text = "".join(p.upper() if data.draw(st.booleans()) else p for p in pieces)
    assert spans(scan, text) == plain(scan, text)


def test_compiled_subsets_are_bounded_and_reused() -> None:
    words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet"]
    scan = Scan("|".join(rf"\b{w}\s+\d+" for w in words), re.I)
    for i in range(len(words)):
        for j in range(i + 1, len(words)):
            text = f"{words[i].upper()} 1, {words[j]} 22 and {words[i]} x"
            assert spans(scan, text) == plain(scan, text)
    assert len(scan._subsets) <= prefilter.MAX_SUBSETS


@pytest.mark.parametrize(("pattern", "heads"), [
    (r"\b(?:current|previous)\s+salary", ("current", "previous")),
    (r"(?<![\w.])(?:must\s+)?able\s+to", ("able", "must")),  # an optional opening adds what follows
    (r"\bDOE\b", ("doe",)),
    (r"(?:on|at)\s+site", None),  # heads shorter than three letters are everywhere
    (r"\w+ing", None),
])
def test_heads(pattern: str, heads: tuple[str, ...] | None) -> None:
    assert heads_of(pattern, re.I) == heads


def test_matching_at_heads_finds_what_a_full_pass_finds() -> None:
    scan = Scan(r"\b(?:must\s+)?have\s+to\s+\w+", re.I)
    text = "You must have to lift. Have to sit. MUST HAVE TO stand; behave to have to walk."
    assert scan.heads == ("have", "must")
    assert spans(scan, text) == plain(scan, text)
