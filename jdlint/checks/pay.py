"""Pay checks: is there a figure, is it a real range, and can an applicant read it?

All of them read ``posting.facts.pay_ranges`` from :mod:`jdlint.facts.pay`; the phrases they
look for (vague stand-ins for a figure, equity-only pay) are data in ``rules/data/pay.yaml``.
Findings are placed on the figure or phrase they are about, so a suppression comment or a
reviewer can point at it; pay given only in front matter is reported on that entry.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from jdlint.engine.checks import check
from jdlint.engine.rule import Hit
from jdlint.facts.pay import dollar_places, pay_data
from jdlint.model import Pay
from jdlint.prefilter import Scan

# A negation shortly before a phrase: "this is not an unpaid internship", "no equity-only offers".
_NEGATED = re.compile(r"\b(?:not|no|never|isn['’]t|aren['’]t|without)\b[^.!?\n]{0,20}$", re.IGNORECASE)
_BARE_DOLLAR = re.compile(r"(?<![A-Za-z$])\$")


def _literal_first(pattern: str) -> str:
    """``\\bD...`` written as ``D(?<!\\w.)...``: the same matches (a boundary before a word
    character is a non-word character before it), but a pattern that opens with a literal
    character is found with sre's fast prefix search instead of being tried at every position
    (about 30 times faster on a posting). Only for case-sensitive patterns: under IGNORECASE
    a letter is no prefix."""
    m = re.match(r"\\b([A-Za-z0-9])(?![?*+{])", pattern)
    return pattern if m is None else f"{m.group(1)}(?<!\\w.){pattern[m.end():]}"


@lru_cache(maxsize=1)
def _vague() -> tuple[Scan, ...]:
    data = pay_data()
    return tuple(Scan(p, re.IGNORECASE) for p in data["vague"]) + tuple(
        Scan(_literal_first(p)) for p in data["vague_exact"]
    )


@lru_cache(maxsize=1)
def _equity_only() -> tuple[Scan, ...]:
    return tuple(Scan(p, re.IGNORECASE) for p in pay_data()["equity_only"])


def _pays(posting: Any) -> list[Pay]:
    facts = posting.facts
    return list(facts.pay_ranges) or ([facts.pay] if facts.pay is not None else [])


def _hit(posting: Any, pay: Pay, **args: Any) -> Hit:
    """A Hit on the figure; posting-level when the figure is not in the linted text (front matter)."""
    text = posting.doc.text
    on_text = 0 <= pay.start < pay.end <= len(text) and text[pay.start : pay.end] == pay.text
    if on_text:
        return Hit(pay.start, pay.end, args={"match": pay.text, **args})
    return Hit(0, 0, posting_level=True, args={"match": pay.text, **args})


def _phrases(posting: Any, patterns: tuple[Scan, ...]) -> list[tuple[int, int]]:
    """Non-overlapping, non-negated matches of ``patterns``, in order; the longest wins a tie.

    A pattern runs only when its needles are in the posting (most run on none), and only
    where one of its first words occurs (:class:`jdlint.prefilter.Scan`)."""
    text, folded = posting.doc.text, posting.folded
    found = sorted(
        ((m.start(), m.end()) for scan in patterns for m in scan.finditer(text, folded)),
        key=lambda span: (span[0], -span[1]),
    )
    spans: list[tuple[int, int]] = []
    for start, end in found:
        if spans and start < spans[-1][1]:
            continue
        if not _NEGATED.search(text[max(0, start - 30) : start]):
            spans.append((start, end))
    return spans


def _one_per_line(text: str, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """The first span of each line: "Competitive salary, DOE" is one finding, not two."""
    line_end = -1
    for start, end in spans:
        if start > line_end:
            found = text.find("\n", start)
            line_end = len(text) if found < 0 else found
            yield start, end


@check("pay.missing")
def pay_missing(posting: Any, rule: Any) -> Iterator[Hit]:
    if not _pays(posting):
        yield Hit(0, 0, posting_level=True)


@check("pay.vague")
def pay_vague(posting: Any, rule: Any) -> Iterator[Hit]:
    """A stand-in for a figure ("competitive salary", "DOE"); silent once any figure is given."""
    if _pays(posting):
        return
    for start, end in _one_per_line(posting.doc.text, _phrases(posting, _vague())):
        yield Hit(start, end)


@check("pay.open-ended")
def pay_open_ended(posting: Any, rule: Any) -> Iterator[Hit]:
    """Each open-ended figure, unless the posting also gives a closed range or a fixed figure."""
    pays = _pays(posting)
    if any(not p.open_ended for p in pays):
        return
    for pay in pays:
        yield _hit(posting, pay)


@check("pay.period-missing")
def pay_period_missing(posting: Any, rule: Any) -> Iterator[Hit]:
    for pay in _pays(posting):
        if pay.period is None:
            yield _hit(posting, pay)


@check("pay.currency-ambiguous")
def pay_currency_ambiguous(posting: Any, rule: Any) -> Iterator[Hit]:
    """The first bare "$" figure of a posting whose places span several dollar countries.

    The figure is looked for first: working out the places can take a pass over the text."""
    pay = next((p for p in _pays(posting) if p.currency_inferred and _BARE_DOLLAR.search(p.text)), None)
    if pay is None:
        return
    places = dollar_places(posting.doc, posting.facts.locations)
    if len(places) >= 2:
        yield _hit(posting, pay, places=", ".join(places), currency=pay.currency or "")


@check("pay.equity-only")
def pay_equity_only(posting: Any, rule: Any) -> Iterator[Hit]:
    """Pay entirely in equity, or none ("unpaid internship"), when no cash figure is given."""
    if _pays(posting):
        return
    for start, end in _phrases(posting, _equity_only()):
        yield Hit(start, end)
