"""The needle memos a text starts with (one Aho-Corasick pass over every needle asked about so
far) must say exactly what ``needle in text`` and a ``str.find`` loop say, and linting must not
change with them."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint import lint_text, prefilter
from jdlint.prefilter import fold

ROOT = Path(__file__).resolve().parents[2]
TEXTS = sorted(p for folder in ("examples", "tests/fixtures/inputs") for p in (ROOT / folder).glob("*")
               if p.suffix in {".md", ".txt", ".html", ".json"})


def _known_needles() -> list[str]:
    for path in TEXTS:
        lint_text(path.read_text(encoding="utf-8"))
    prefilter._index(" " * prefilter._INDEXED_LENGTH)  # needles asked about for the first time join now
    known = sorted(prefilter._Needles.index[0])
    assert len(known) > 200
    return known


NEEDLES = _known_needles()


def _exact(text: str) -> None:
    folded = fold(text)
    memo, offsets = _indexed(folded)  # every needle known by now: NEEDLES, and what earlier tests added
    assert set(NEEDLES) <= set(memo)
    wrong = [n for n in memo if memo[n] != (n in folded)]
    assert not wrong, wrong[:10]
    assert set(offsets) == {n for n, present in memo.items() if present}
    wrong = [n for n in offsets if offsets[n] != reference_occurrences(folded, n)]
    assert not wrong, wrong[:10]


def _indexed(folded: str) -> tuple[dict[str, bool], dict[str, list[int]]]:
    """``_index`` of a text of any length (short ones are normally asked about needle by needle)."""
    shortest = prefilter._INDEXED_LENGTH
    prefilter._INDEXED_LENGTH = 0
    try:
        return prefilter._index(folded)
    finally:
        prefilter._INDEXED_LENGTH = shortest


def reference_occurrences(folded: str, needle: str) -> list[int]:
    """``prefilter.occurrences`` before the automaton filled it in."""
    offsets, at = [], folded.find(needle)
    while at >= 0:
        offsets.append(at)
        at = folded.find(needle, at + 1)
    return offsets


def test_every_shipped_text() -> None:
    for path in TEXTS:
        text = path.read_text(encoding="utf-8")
        _exact(text)
        _exact(text.upper())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(NEEDLES), st.text(alphabet=" \n-.'’İıſKé€$0", max_size=3)),
                max_size=40))
def test_texts_made_of_needles_and_edges(pieces: list[str]) -> None:
    _exact("".join(pieces))


def test_a_needle_asked_about_first_is_tested_then_indexed() -> None:
    needle = "zqxjv-never-a-needle"
    text = f"we say {needle} once"
    assert prefilter.has(fold(text), needle) is True
    assert needle in prefilter._Needles.new or needle in prefilter._Needles.index[0]
    other = fold("a posting without it")
    assert _indexed(other)[0][needle] is False
    assert needle in prefilter._Needles.index[0]


def test_linting_is_the_same_without_the_index(monkeypatch) -> None:
    texts = [p.read_text(encoding="utf-8") for p in TEXTS]
    with_index = [[f.to_dict() for f in lint_text(t).findings] for t in texts]
    monkeypatch.setattr(prefilter, "_index", lambda folded: ({}, {}))
    without = [[f.to_dict() for f in lint_text(t).findings] for t in texts]
    assert with_index == without


def test_occurrences_of_needles_known_absent_and_unknown() -> None:
    folded = fold("Only the only one; only.")
    assert prefilter.occurrences(folded, "only") == reference_occurrences(folded, "only") == [0, 9, 19]
    assert prefilter.occurrences(folded, "nly t") == [1]  # not a needle: found with str.find
    absent = next(n for n in NEEDLES if n not in folded)
    assert prefilter.occurrences(folded, absent) == []


def test_short_texts_are_asked_needle_by_needle_and_do_not_rebuild_the_automaton() -> None:
    automaton = prefilter._Needles.index
    short = fold("Remote only. Equity only.")
    assert prefilter._index(short) == ({}, {})
    assert prefilter.has(short, "remote only") is True and prefilter.has(short, "hybrid") is False
    assert prefilter.occurrences(short, "only") == reference_occurrences(short, "only")
    prefilter._index(" " * prefilter._INDEXED_LENGTH)  # needles it already knew: no new automaton
    assert prefilter._Needles.index is automaton or not {"remote only", "hybrid", "only"} <= automaton[0]
