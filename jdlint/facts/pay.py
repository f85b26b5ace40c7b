"""Pay extraction: the figures and ranges a posting gives for the role's pay.

How a figure is found
    A linear scan finds every number with its currency marker ("$", "CA$", "€", "USD", "EUR",
    "dollars"...) and multiplier ("k", "million"). Two numbers joined by a dash, "to", "bis" or
    "between ... and" become one range; a multiplier or currency on either bound applies to
    both ("$60 - $100K" is 60,000-100,000; "60.000 - 75.000 €" is in euros).

Pay or not pay
    Postings are full of money that is not the role's pay: funding ("raised $40M"), revenue,
    budgets, stipends, signing bonuses, insurance cover. Figures in millions are never pay.
    Otherwise the nearest context word within the figure's clause decides: a pay word (salary,
    pay, compensation, base, wage, rate, range, OTE, earn...) makes it pay; a benefit, budget,
    bonus, revenue or funding word makes it something else. With no word either way, a range,
    a figure with a period ("/hr", "per month") or a salary-sized figure is pay, unless it sits
    in a section about benefits or perks. Numbers with no currency (100,000 users, 10+ years,
    dates, phone numbers) are never pay, except right after a pay label ("Salary: 45,000 -
    55,000 per annum") when they are a range or carry a period.

Which currency a bare "$" is
    "$" is USD unless the job is in another dollar country (CAD in Canada, AUD in Australia,
    NZD, SGD, HKD, MXN...). The places come from location extraction (``Location.country``);
    when it found none, from cheap text cues looked for only where postings name the job's
    place (a "Location:" line, the first lines, "based in ...", the figure's own line). A place
    named on the figure's own line wins ("Toronto: $90k-$110k"); otherwise the posting's places
    decide: none or US among them gives USD, else the first dollar country named. A currency
    code next to the figure ("$90,000 CAD", "(CAD)") is explicit. The result carries
    ``currency_inferred=True`` whenever it came from places rather than from the text.

Which period
    A period written after the figure ("/hr", "per annum", "brutto/Jahr", "monthly") or before
    it ("hourly rate", "annual salary") is stated. Otherwise it is inferred (``period_inferred``):
    a figure of 10,000 or more is annual, one of 150 or less is hourly (thresholds per currency,
    in the data file), anything between has no period.

The words and patterns are data (``rules/data/pay.yaml``); this module holds only the logic.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from jdlint.data import load_data
from jdlint.document import Document
from jdlint.model import Location, Pay
from jdlint.prefilter import fold, occurrences

# The package directory (what ``Path(jdlint.__file__).parent`` is), found without importing
# jdlint/__init__ so the extractor works while the package is being assembled.

# Context is read within this many characters of a figure, and never across a clause boundary.
_PRE_WINDOW = 60
_POST_WINDOW = 40
# Two numbers farther apart than this are never one range.
_MAX_GAP = 24
_SPACE = "[ \u00a0\u202f\u2009]"


@lru_cache(maxsize=1)
def pay_data() -> dict[str, Any]:
    """The pay word lists, loaded once: from the installed package, else from the repository."""
    return load_data("pay.yaml")


def _alternation(items: Iterable[str], *, literal: bool = True) -> str:
    """One regex alternation, longest first so "CA$" wins over "$" and "New Mexico" over "Mexico"
    (names of one length in alphabetical order: the same pattern text in every process, which
    the command line's store of compiled patterns is keyed by)."""
    parts = sorted({str(i) for i in items}, key=_longest_first)
    if literal:
        parts = [re.escape(p).replace(r"\ ", r"\s+") for p in parts]
    return "(?:" + "|".join(parts) + ")"


def _longest_first(item: str) -> tuple[int, str]:
    return -len(item), item


def _anchored(patterns: Iterable[str], suffix: str = "") -> re.Pattern[str]:
    return re.compile(_alternation(patterns, literal=False) + suffix, re.IGNORECASE)


def _names(items: Iterable[str]) -> re.Pattern[str]:
    r"""Case-sensitive whole names, longest first: the same matches as
    ``(?<!\w)(?:name|...)(?!\w)``, written so that every alternative opens with a letter.

    Names grouped by first character, each group behind that character, let sre skip in C to
    the characters a name can start with instead of testing the word boundary at every
    position (ten times faster on a posting). Names with different first characters never
    match at one position, and within a group the longest-first order is kept."""
    return re.compile(_grouped(items) + r"(?!\w)")


def _grouped(items: Iterable[str]) -> str:
    r"""``(?<!\w)`` + :func:`_alternation` of ``items``, each alternative opening with a literal
    character (see :func:`_names`)."""
    groups: dict[str, list[str]] = {}
    for name in sorted({str(i) for i in items}, key=_longest_first):
        groups.setdefault(name[0], []).append(re.escape(name[1:]).replace(r"\ ", r"\s+"))
    # (?<!\w.) after the first character is (?<!\w) before it.
    body = "|".join(re.escape(first) + r"(?<!\w.)(?:" + "|".join(rests) + ")" for first, rests in groups.items())
    return "(?:" + body + ")"


def _folded_words(items: Iterable[str]) -> re.Pattern[str]:
    r"""Whole words, for text folded with :func:`~jdlint.prefilter.fold`: lower-cased and
    matched case-sensitively, grouped by first letter (:func:`_names`). On the folded text
    (same offsets) it finds the spans that ``(?<!\w)`` + :func:`_alternation` + ``(?!\w)``,
    case-blind, finds on the text, several times faster: sre skips in C to a word's first
    letter instead of trying a long case-blind alternation at every position. fold
    lower-cases, and maps the few characters IGNORECASE matches to an ASCII letter ("K", the
    Kelvin sign) to that letter."""
    return _names(str(i).lower() for i in items)


@dataclass(frozen=True)
class _Patterns:
    """Everything compiled from the data file, built once per process."""

    atom: re.Pattern[str]
    atom_start: re.Pattern[str] | None
    atom_reach: int  # an atom_start match is a digit, or has one at most this far after it
    symbols: dict[str, str]
    words: dict[str, str]
    multipliers: dict[str, float]
    # Words that make a figure pay or not pay, for folded text (see _folded_words): a figure's
    # context is read folded.
    folded_pay_words: re.Pattern[str]
    folded_not_pay_words: re.Pattern[str]
    # A pay word that labels the figure after it ("Salary range (gross): "), for folded text;
    # as written first: (?<!\w)_alternation(_label_words(data))_PAY_LABEL_TAIL, case-blind.
    folded_pay_label: re.Pattern[str]
    code_near: re.Pattern[str]
    periods_after: dict[str, re.Pattern[str]]
    periods_before: dict[str, re.Pattern[str]]
    open_max: re.Pattern[str]
    open_min: re.Pattern[str]
    open_after: re.Pattern[str]
    extras_after_plus: re.Pattern[str]
    places: re.Pattern[str]
    place_country: dict[str, str]
    region: re.Pattern[str]
    region_country: dict[str, str]
    region_reach: int  # a region match's code ends within this many characters of its start
    stop: re.Pattern[str]  # a character no place name contains (see _stop_chars)
    up_to_last_stop: re.Pattern[str]


def _atom_regex(data: dict[str, Any]) -> re.Pattern[str]:
    """A money-or-number token: [currency] number [multiplier] [currency] [%].

    Every quantifier is bounded or runs over a class that cannot overlap its neighbour, and
    a number may only start where no digit precedes it, so the scan is linear in the input.
    """
    codes = _alternation(data["codes"])
    symbols = _alternation(data["symbols"])
    words = _alternation(data["words"])
    attached = [m for m in data["multipliers"] if len(m) == 1 and m.lower() != "k"]
    spaced = [m for m in data["multipliers"] if m not in attached]
    number = (
        # Indian grouping ("8,00,000", "1,20,00,000") before the thousands one, which would
        # read "8,00" as 8.00.
        rf"\d{{1,2}}(?:,\d{{2}})+,\d{{3}}(?![\d%])(?:\.\d{{1,2}}(?!\d))?"
        rf"|\d{{1,3}}(?:[,.'’]\d{{3}}(?![\d%]))+(?:[.,]\d{{1,2}}(?!\d))?"
        rf"|\d{{1,3}}(?:{_SPACE}\d{{3}}(?![\d%]))+(?:[.,]\d{{1,2}}(?!\d))?"
        r"|\d+(?:[.,]\d{1,2}(?!\d))?"
    )
    # Cheap first-character test, so the long currency alternations are tried only where a
    # currency or digit can start.
    first = "(?=" + _atom_first(data) + ")"
    starts = {m[0] for m in [*data["codes"], *data["symbols"]]}
    post_starts = starts | {c for w in data["words"] for c in (w[0].lower(), w[0].upper())}
    post_first = "(?=[" + "".join(re.escape(c) for c in sorted(post_starts)) + "])"
    return re.compile(
        rf"{first}(?:(?<![A-Za-z])(?P<pre>{codes}(?![A-Za-z])(?:{_SPACE}?{symbols})?|{symbols}){_SPACE}?)?"
        rf"(?<![\d.,])(?P<num>{number})"
        rf"(?:{_SPACE}?(?P<mult>(?i:{_alternation(spaced)}))(?![A-Za-z])"
        rf"|(?P<mult1>(?i:{_alternation(attached)}))(?![A-Za-z]))?"
        rf"(?:{_SPACE}?{post_first}(?P<post>{symbols}(?!{_SPACE}?\d)|{codes}(?![A-Za-z])|(?i:{words})(?![A-Za-z])))?"
        r"(?P<pct>\s?%)?"
    )


def _atom_first(data: dict[str, Any]) -> str:
    """The characters an atom can start with: a digit, or a currency code's or symbol's first."""
    starts = {m[0] for m in [*data["codes"], *data["symbols"]]}
    return "[0-9" + "".join(re.escape(c) for c in sorted(starts)) + "]"


def _atom_reach(data: dict[str, Any]) -> int:
    """How far past an atom's first character its number can start (a code, a space, a
    symbol, a space)."""
    return max(map(len, map(str, data["codes"]))) + max(map(len, map(str, data["symbols"]))) + 2


def _atom_start(data: dict[str, Any]) -> re.Pattern[str] | None:
    """Where an atom can start: one of its first characters, with a digit within reach.

    An atom's number comes at most ``reach`` characters after its start (a code, a space, a
    symbol, a space), so only those places need trying; this pattern opens with a character
    class, which sre finds in C, where the atom pattern opens with a lookahead and is tried at
    every position. None when a marker contains a space (the reach would be unbounded)."""
    markers = [str(m) for m in [*data["codes"], *data["symbols"]]]
    if any(ch.isspace() for m in markers for ch in m):
        return None
    reach = _atom_reach(data)
    return re.compile(_atom_first(data) + rf"(?:(?<=\d)|(?=[\s\S]{{0,{reach - 1}}}\d))")


def _label_words(data: dict[str, Any]) -> list[str]:
    """The pay words that can label a figure on their own (not "base", "rate", "range"...)."""
    return [w for w in data["pay_words"] if w.lower() not in {"base", "rate", "range", "band", "make"}]


# What may follow a pay word to make it the label of the figure after it ("Salary range (gross): ").
# Lower case, so the label's folded twin can use it as it is.
_PAY_LABEL_TAIL = r"(?:\s+(?:range|rate|band|scale))?[\s*_]*(?:\([^()\n]{0,20}\)[\s*_]*)?(?:(?:of|is|:|-|–)[\s*_]*)?$"


@lru_cache(maxsize=1)
def patterns() -> _Patterns:
    data = pay_data()
    strong = _label_words(data)
    place_country = {name: country for country, names in data["place_cues"].items() for name in names}
    region_country = {code: country for country, codes in data["region_codes"].items() for code in codes}
    return _Patterns(
        atom=_atom_regex(data),
        atom_start=_atom_start(data),
        atom_reach=_atom_reach(data),
        symbols=dict(data["symbols"]),
        words={k.lower(): v for k, v in data["words"].items()},
        multipliers={k.lower(): float(v) for k, v in data["multipliers"].items()},
        folded_pay_words=_folded_words(data["pay_words"]),
        folded_pay_label=re.compile(_grouped(w.lower() for w in strong) + _PAY_LABEL_TAIL),
        folded_not_pay_words=_folded_words(data["not_pay_words"]),
        code_near=re.compile(r"(?<![A-Za-z])" + _alternation(data["codes"]) + r"(?![A-Za-z])"),
        periods_after={p: _anchored(rx) for p, rx in data["periods_after"].items()},
        periods_before={p: _anchored(rx) for p, rx in data["periods_before"].items()},
        open_max=_anchored(data["open_before"]["max"], r"\s*:?\s*$"),
        open_min=_anchored(data["open_before"]["min"], r"\s*:?\s*$"),
        open_after=_anchored(data["open_after_min"]),
        extras_after_plus=re.compile(r"\+\s*" + _alternation(data["extras_after_plus"]) + r"(?!\w)", re.I),
        places=_names(place_country),
        place_country=place_country,
        # The comma is part of the match (a literal first character is found fast); group 1 is the code.
        region=re.compile(r",\s?(" + _alternation(region_country) + r")(?![\w])"),
        region_country=region_country,
        region_reach=2 + max(map(len, region_country)),
        stop=re.compile("[" + re.escape(_stop_chars(place_country)) + "]"),
        up_to_last_stop=re.compile("(?s:.*)[" + re.escape(_stop_chars(place_country)) + "]"),
    )


# ---------------------------------------------------------------------------------------------
# Numbers


@dataclass(slots=True)
class _Atom:
    start: int
    end: int
    value: float  # the written number, before the multiplier
    mult: float  # 1.0 when none was written
    currency: str | None  # an ISO code, "dollar" (place decides), or None

    @property
    def amount(self) -> float:
        return self.value * self.mult


_FRACTION = re.compile(r"[.,](\d{1,2})$")
# Precompiled: these run per figure, and re.sub(str, ...) pays a cache lookup on every call.
_NON_DIGITS = re.compile(r"\D")
_SPACES = re.compile(r"\s+")
_CODE = re.compile(r"[A-Z]{3}")
_AND = re.compile(r"\band\b", re.IGNORECASE)


def _number(text: str) -> float:
    """"120,000" -> 120000, "60.000" -> 60000, "13.50" and "13,50" -> 13.5, "90 000" -> 90000."""
    if text.isdigit():
        return float(text)
    fraction = _FRACTION.search(text)
    whole = text[: fraction.start()] if fraction else text
    digits = _NON_DIGITS.sub("", whole) or "0"
    return float(f"{digits}.{fraction.group(1)}") if fraction else float(digits)


def _currency_of(marker: str | None, pats: _Patterns) -> str | None:
    if not marker:
        return None
    marker = _SPACES.sub("", marker) if "$" in marker else marker
    if marker in pats.symbols:
        return pats.symbols[marker]
    code = _CODE.match(marker)
    if code:
        return code.group(0)
    return pats.words.get(_SPACES.sub(" ", marker.lower()))


def _atom_matches(text: str, pats: _Patterns) -> Iterator[re.Match[str]]:
    r"""``pats.atom.finditer(text)``, trying the pattern only where ``pats.atom_start`` says an
    atom can start (a few dozen places in a posting instead of every character).

    Every such place is a digit or lies at most ``pats.atom_reach`` characters before one, so
    the next place from ``pos`` on is searched for from just before the next digit: a posting
    has a few dozen digits, found with ``str.find``, and a regex pass over all of its text
    costs several times more. (Digits of other scripts are ``\d`` too; a text with any is
    searched whole.)"""
    if pats.atom_start is None:
        yield from pats.atom.finditer(text)
        return
    find, match = pats.atom_start.search, pats.atom.match
    digits = _ascii_digit_offsets(text)
    reach = pats.atom_reach
    i, pos = 0, 0
    while True:
        if digits is not None:
            i = bisect.bisect_left(digits, pos, i)
            if i == len(digits):
                return  # no digit from pos on: no atom_start match either
            candidate = find(text, max(pos, digits[i] - reach))
        else:
            candidate = find(text, pos)
        if candidate is None:
            return
        m = match(text, candidate.start())
        if m is None:
            pos = candidate.start() + 1
        else:
            yield m
            pos = m.end()  # atoms are never empty


_DIGITS = "0123456789"


def _ascii_digit_offsets(text: str) -> list[int] | None:
    r"""The offsets of the digits 0-9 in ``text``, ascending; None when the text also has a
    digit of another script (``\d`` matches those)."""
    if not text.isascii() and _other_digits(text):
        return None
    offsets = []
    for digit in _DIGITS:
        at = text.find(digit)
        while at >= 0:
            offsets.append(at)
            at = text.find(digit, at + 1)
    offsets.sort()
    return offsets


_ASCII_BYTES = bytes(range(128))


def _other_digits(text: str) -> bool:
    r"""Whether a non-ASCII character of ``text`` is a decimal digit (``\d``)."""
    others = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
    return any(ch.isdecimal() for ch in others.decode("utf-8", "surrogatepass"))


def _atoms(text: str, pats: _Patterns) -> list[_Atom]:
    """Every number in ``text`` that could be money; percentages and word-glued numbers dropped."""
    out = []
    for m in _atom_matches(text, pats):
        if m.group("pct"):
            continue
        start = m.start("num") if m.group("pre") is None else m.start()
        if m.group("pre") is None and start > 0 and (text[start - 1].isalpha() or text[start - 1] in "#/"):
            continue
        mult_text = m.group("mult") or m.group("mult1")
        mult = pats.multipliers.get(mult_text.lower(), 1.0) if mult_text else 1.0
        before, after = _currency_of(m.group("pre"), pats), _currency_of(m.group("post"), pats)
        currency = after if before in (None, "dollar") and after else before
        out.append(_Atom(start, m.end(), _number(m.group("num")), mult, currency))
    return out


# ---------------------------------------------------------------------------------------------
# Ranges

_CONNECTOR = re.compile(
    r"\s*(?:/\s?[A-Za-z]{1,6}\.?\s*|per\s+[A-Za-z]{2,6}\s*)?"
    r"(?:[-–—‒−~]|to|and|bis|à|up\s+to|through|thru)\s*",
    re.IGNORECASE,
)
_BETWEEN = re.compile(r"\b(?:between|zwischen|entre)\s*$", re.IGNORECASE)


@dataclass(slots=True)
class _Mention:
    """One figure or range as written: its atoms and the span of text they cover."""

    atoms: list[_Atom]
    start: int
    end: int

    @property
    def currency(self) -> str | None:
        """The most specific currency written on either bound ("$120k–$140k USD" is USD)."""
        written = [a.currency for a in self.atoms if a.currency]
        return next((c for c in written if c != "dollar"), written[0] if written else None)


def _joins(text: str, first: _Atom, second: _Atom) -> bool:
    """True if ``first`` and ``second`` are the two bounds of one range."""
    gap = text[first.end : second.start]
    if len(gap) > _MAX_GAP or "\n" in gap or not _CONNECTOR.fullmatch(gap):
        return False
    if _AND.search(gap) and not _BETWEEN.search(text[max(0, first.start - 12) : first.start]):
        return False
    return _same_currency(first.currency, second.currency)


def _same_currency(one: str | None, other: str | None) -> bool:
    """Whether two bounds can share a currency: a bare "$" goes with any dollar currency."""
    if one is None or other is None or one == other:
        return True
    dollars = pay_data()["dollar_countries"].values()
    return (one == "dollar" and other in dollars) or (other == "dollar" and one in dollars)


def _share_multiplier(low: _Atom, high: _Atom) -> None:
    """"$60 - $100K": a multiplier written on one bound only applies to both when that fits."""
    if high.mult > 1 and low.mult == 1 and low.value < 1000 and low.value * high.mult <= high.amount:
        low.mult = high.mult
    elif low.mult > 1 and high.mult == 1 and high.value < 1000 and high.value * low.mult >= low.amount:
        high.mult = low.mult


def _mentions(text: str, atoms: list[_Atom]) -> list[_Mention]:
    out: list[_Mention] = []
    i = 0
    while i < len(atoms):
        first = atoms[i]
        if i + 1 < len(atoms) and _joins(text, first, atoms[i + 1]):
            second = atoms[i + 1]
            _share_multiplier(first, second)
            if 0 < first.amount <= second.amount:
                out.append(_Mention([first, second], first.start, second.end))
                i += 2
                continue
        out.append(_Mention([first], first.start, first.end))
        i += 1
    return out


# ---------------------------------------------------------------------------------------------
# Context

_PRE_BOUNDARY = re.compile(r"[\n+•|;]|[.!?](?=\s)")
# Everything up to the last _PRE_BOUNDARY (a one-character match, so the last of finditer is
# the one at the greatest offset, which greedy backtracking finds first).
_UP_TO_LAST_PRE_BOUNDARY = re.compile(r"(?s:.*)(?:" + _PRE_BOUNDARY.pattern + ")")
_POST_BOUNDARY = re.compile(r"[\n+•|;,(]|[.!?](?=\s|$)|\b(?:plus|and|with|including|incl|or)\b", re.IGNORECASE)
_FILLER = re.compile(
    r"\+?[\s()\[\],*_]*(?:(?:(?i:gross|brutto|netto|net|base|salary|pay|before\s+tax|pre-?tax|total)|"
    r"[A-Z]{3})(?![A-Za-z])[\s()\[\],*_]*)?",
)


def _pre_context(text: str, start: int, floor: int) -> str:
    """The clause before a figure: back to the previous figure, line or sentence, 60 chars at most."""
    window = text[max(floor, start - _PRE_WINDOW) : start]
    last = _UP_TO_LAST_PRE_BOUNDARY.match(window)
    return window[last.end() :] if last else window


def _post_context(text: str, end: int, ceiling: int) -> str:
    """The clause after a figure: up to the next figure, comma, conjunction or line, 40 chars at most."""
    window = text[end : min(ceiling, end + _POST_WINDOW)]
    cut = _POST_BOUNDARY.search(window, 1 if window.startswith("+") else 0)  # "$100k+ ad spend"
    return window[: cut.start()] if cut else window


def _nearest(rx: re.Pattern[str], pre: str, post: str) -> int | None:
    """Distance in characters from the figure to the closest match of ``rx`` on either side."""
    best = None
    for m in rx.finditer(pre):
        best = len(pre) - m.end()
    after = rx.search(post)
    if after and (best is None or after.start() < best):
        best = after.start()
    return best


def _verdict(folded_pre: str, folded_post: str, pats: _Patterns) -> bool | None:
    """Pay (True), not pay (False) or undecided (None), by the nearest context word (read on
    the folded context: see :func:`_folded_words`)."""
    pos = _nearest(pats.folded_pay_words, folded_pre, folded_post)
    neg = _nearest(pats.folded_not_pay_words, folded_pre, folded_post)
    if neg is not None and (pos is None or neg <= pos):
        return False
    return True if pos is not None else None


def _section_says_not_pay(doc: Document | None, offset: int, pats: _Patterns) -> bool:
    """A figure under "Benefits" or "Perks" (and not "Compensation and benefits") is not pay."""
    section = doc.section_at(offset) if doc is not None else None
    if section is None:
        return False
    title = fold(section.title)
    return bool(pats.folded_not_pay_words.search(title)) and not pats.folded_pay_words.search(title)


# ---------------------------------------------------------------------------------------------
# Period and open ends


def _period_after(text: str, end: int, pats: _Patterns) -> tuple[str | None, int]:
    """A period written right after a figure (allowing "gross", "USD", brackets between)."""
    window = text[end : end + _POST_WINDOW]
    skip = _FILLER.match(window)
    offset = skip.end() if skip else 0
    for period, rx in pats.periods_after.items():
        m = rx.match(window, offset)
        if m:
            return period, end + m.end()
    return None, end


def _period_before(pre: str, pats: _Patterns) -> str | None:
    """A period word shortly before a figure ("hourly rate: $25", "annual salary of $95k")."""
    near = pre[-30:]
    best, best_end = None, -1
    for period, rx in pats.periods_before.items():
        for m in rx.finditer(near):
            if m.end() > best_end:
                best, best_end = period, m.end()
    return best


def _inferred_period(amount: float, currency: str | None) -> str | None:
    table = pay_data()["inference"]
    limits = table.get(currency or "", table["default"])
    if amount >= limits["year_min"]:
        return "year"
    if amount <= limits["hour_max"]:
        return "hour"
    return None


def _open_end(text: str, mention: _Mention, pre: str, period_end: int) -> tuple[str | None, int, int]:
    """("min" | "max" | None, start, end) for "up to $90k", "from £30,000", "$20+", "$20/hr and up"."""
    pats = patterns()
    for kind, rx in (("max", pats.open_max), ("min", pats.open_min)):
        marker = rx.search(pre)
        if marker:
            return kind, mention.start - (len(pre) - marker.start()), mention.end
    for end in dict.fromkeys((mention.end, period_end)):
        after = text[end : end + _POST_WINDOW]
        if after.startswith("+") and not pats.extras_after_plus.match(after):
            return "min", mention.start, end + 1
        words = pats.open_after.match(after, len(after) - len(after.lstrip(" \t")))
        if words:
            return "min", mention.start, end + words.end()
    return None, mention.start, mention.end


# ---------------------------------------------------------------------------------------------
# Places and currency


def _line_span(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end < 0 else end


def _line_near(text: str, start: int, end: int, reach: int = 150) -> tuple[int, int]:
    """The figure's line, but no more than ``reach`` characters either side (long lines stay cheap)."""
    low = max(0, start - reach)
    high = min(len(text), end + reach)
    line_start = text.rfind("\n", low, start) + 1 or low
    line_end = text.find("\n", end, high)
    return max(line_start, low), high if line_end < 0 else line_end


# A "Location:" line. Both patterns are tried only where a match can start, not at every
# position (a pattern opening with ^ or \b is otherwise tried at each one): the label at the
# text's start or after a line break (sre finds the "\n" prefix fast), the phrase where one of
# its first words occurs.
_LOCATION_LABEL = (
    r"[^\w\n]*(?:job\s+|work\s+|office\s+)?(?:locations?|based|office|where|city|country|region|standort|ort)\b"
)
_LOCATION_LINE_FIRST = re.compile(_LOCATION_LABEL, re.IGNORECASE)  # for .match at the text's start
_LOCATION_LINE = re.compile(r"\n" + _LOCATION_LABEL, re.IGNORECASE)  # a line start is after "\n"
_PLACE_PHRASE = re.compile(
    r"\b(?:based|located|situated|headquartered|offices?|remote|hybrid|on-site|onsite)\s+(?:in|within|from|at)\b",
    re.IGNORECASE,
)
_PLACE_PHRASE_HEADS = (  # what every _PLACE_PHRASE match starts with, lower-cased
    "based", "located", "situated", "headquartered", "office", "remote", "hybrid", "on-site", "onsite",
)


def _location_lines(text: str) -> Iterator[int]:
    """Where each "Location:" line starts: the matches of ``^label`` (MULTILINE), in order."""
    first = _LOCATION_LINE_FIRST.match(text)
    if first is not None:
        yield 0
    for m in _LOCATION_LINE.finditer(text, first.end() if first else 0):
        yield m.start() + 1


def _place_phrases(text: str, folded: str) -> Iterator[re.Match[str]]:
    """``_PLACE_PHRASE.finditer(text)``: every match starts with one of its heads, so it is
    tried only where one occurs (in ``folded``, :func:`~jdlint.prefilter.fold` of the text),
    left to right from the end of the last match."""
    if len(folded) != len(text):  # never expected: fold keeps offsets
        yield from _PLACE_PHRASE.finditer(text)
        return
    end = 0
    for at in sorted({at for head in _PLACE_PHRASE_HEADS for at in occurrences(folded, head)}):
        if at >= end and (m := _PLACE_PHRASE.match(text, at)) is not None:
            yield m
            end = m.end()


def _cue_spans(text: str, folded: str) -> Iterator[tuple[int, int]]:
    """Where postings name the job's place: Location: lines, the first lines, "based in ..."."""
    seen = 0
    pos = 0
    while seen < 3 and pos < len(text):
        start, end = _line_span(text, pos)
        line = text[start:end].strip()
        if line:
            seen += 1
            if len(line) <= 100 and line[-1] not in ".!?":
                yield start, end  # a title or header line, not a sentence of prose
        pos = end + 1
    for start in _location_lines(text):
        yield _line_span(text, start)
    for m in _place_phrases(text, folded):
        yield m.end(), min(len(text), m.end() + 60)


def _place_cues(text: str) -> list[tuple[int, str]]:
    """Every place name or region code in the text, as (offset, country), in one linear pass."""
    pats = patterns()
    found = [(m.start(), pats.place_country[_normal(m.group(0))]) for m in pats.places.finditer(text)]
    found += [(m.start(1), pats.region_country[m.group(1)]) for m in pats.region.finditer(text)]
    return sorted(found)


class _Cues:
    """The place cues of one text, read where they are needed: the figure's line, a
    "Location:" line, the first lines. A few hundred characters are scanned instead of the
    whole posting, with the same result: see :meth:`between`."""

    def __init__(self, text: str):
        self.text = text

    @cached_property
    def everywhere(self) -> list[tuple[int, str]]:
        return _place_cues(self.text)

    def between(self, start: int, end: int) -> list[tuple[int, str]]:
        """The cues at offsets ``start`` to ``end`` (excluded), as in :attr:`everywhere`.

        A place name never contains a stop character (see :func:`_stop_chars`), so a pass
        from just after one finds what the whole pass finds from there on, and one ending at
        a stop character ends no name early (nor changes its ``(?!\\w)``: it is no word
        character). Region codes (", TX") are a comma and two letters, so they are read from
        two characters before ``start``. With no stop character near, the whole pass is used."""
        text, pats = self.text, patterns()
        low = max(0, start - _STOP_REACH)
        before = pats.up_to_last_stop.match(text, low, start)
        after = pats.stop.search(text, end, end + _STOP_REACH)
        if (before is None and low > 0) or (after is None and end + _STOP_REACH < len(text)):
            return _cues_between(self.everywhere, start, end)
        scan_start = before.end() if before else 0
        scan_end = after.start() if after else len(text)
        found = [(m.start(), pats.place_country[_normal(m.group(0))])
                 for m in pats.places.finditer(text, scan_start, scan_end) if start <= m.start() < end]
        code_end = min(len(text), end + pats.region_reach)  # ends past every code starting before end
        found += [(m.start(1), pats.region_country[m.group(1)])
                  for m in pats.region.finditer(text, max(0, start - 2), code_end) if start <= m.start(1) < end]
        return sorted(found)


_STOP_REACH = 300  # how far from a region to look for a stop character


def _stop_chars(names: Iterable[str]) -> str:
    """Punctuation that is in no place name and is no word or space character: a name match
    can neither contain one nor be followed by one and change its ``(?!\\w)``."""
    used = {ch for name in names for ch in name}
    return "".join(ch for ch in ",;:()!?\"/|*#$%&+=<>[]{}’“”–—@~^\\" if ch not in used and not re.match(r"[\w\s]", ch))


def _cues_between(cues: list[tuple[int, str]], start: int, end: int) -> list[tuple[int, str]]:
    return cues[bisect.bisect_left(cues, (start, "")) : bisect.bisect_left(cues, (end, ""))]


def _normal(name: str) -> str:
    return _SPACES.sub(" ", name)


class _LastTextCountries:
    """The text countries of the text read last, (text, countries): the pay checks ask again
    about the posting whose facts were just extracted. One tuple, replaced whole, so threads
    never see half an update."""

    last: tuple[str | None, tuple[str, ...]] = (None, ())


def _text_countries(doc: Document, cues: _Cues) -> list[str]:
    text = doc.text
    last_text, countries = _LastTextCountries.last
    if last_text is not text:
        found: dict[int, str] = {}
        for start, end in _cue_spans(text, doc.folded):
            found.update(cues.between(start, end))
        countries = tuple(dict.fromkeys(country for _, country in sorted(found.items())))
        _LastTextCountries.last = (text, countries)
    return list(countries)


def text_places(doc: Document) -> list[str]:
    """Countries (ISO alpha-2) the posting's text places the job in, in order of first mention."""
    return _text_countries(doc, _Cues(doc.text))


def dollar_places(doc: Document, locations: list[Location] | None = None) -> list[str]:
    """The dollar countries among the posting's places (from locations, else text cues)."""
    return _places(doc, locations).dollar


class _Places:
    """What decides currencies for one document: its places, and where the text names them.

    Each part is worked out on first use: most postings take their countries from location
    extraction and have no bare "$" figure, so they never need the place names in their text."""

    def __init__(self, doc: Document, locations: list[Location] | None):
        self.doc = doc
        self.cues = _Cues(doc.text)
        self.from_locations = [(loc.start, loc.country) for loc in locations or [] if loc.country]

    @cached_property
    def all(self) -> list[str]:
        """Every country, in order of mention."""
        countries = [c for _, c in self.from_locations] or _text_countries(self.doc, self.cues)
        return list(dict.fromkeys(countries))

    @cached_property
    def dollar(self) -> list[str]:
        """The dollar countries, in order of mention."""
        dollars = pay_data()["dollar_countries"]
        return [c for c in self.all if c in dollars]

    def located(self, start: int, end: int) -> list[tuple[int, str]]:
        """(offset, country) of the places located (by location extraction or a place name in
        the text) at offsets ``start`` to ``end``."""
        return _cues_between(self._sorted_locations, start, end) + self.cues.between(start, end)

    @cached_property
    def _sorted_locations(self) -> list[tuple[int, str]]:
        return sorted(self.from_locations)


def _places(doc: Document, locations: list[Location] | None) -> _Places:
    return _Places(doc, locations)


def _dollar_currency(doc_text: str, mention: _Mention, places: _Places) -> str:
    """The currency a bare "$" stands for: the figure's own line first, then the posting's places."""
    dollars = pay_data()["dollar_countries"]
    if doc_text:
        start, end = _line_near(doc_text, mention.start, mention.end)
        on_line = {c for _, c in places.located(start, end) if c in dollars}
        if len(on_line) == 1:
            return dollars[on_line.pop()]
    if not places.dollar or "US" in places.dollar:
        return "USD"
    return dollars[places.dollar[0]]


def _resolve_currency(
    text: str, mention: _Mention, pre: str, post: str, places: _Places, pats: _Patterns
) -> tuple[str | None, bool]:
    """(currency, inferred) for a mention."""
    written = mention.currency
    if written and written != "dollar":
        return written, False
    dollars = pay_data()["dollar_countries"]
    near = pats.code_near.search(post) or pats.code_near.search(pre)
    if near and (written is None or near.group(0) in dollars.values()):
        return near.group(0), False
    if written == "dollar":
        return _dollar_currency(text, mention, places), True
    for country in places.all:
        currency = pay_data()["country_currency"].get(country) or dollars.get(country)
        if currency:
            return currency, True
    return None, False


# ---------------------------------------------------------------------------------------------
# From text to Pay


@dataclass(slots=True)
class _Scan:
    """One text to scan: the document's prose, or a front-matter value under a pay key."""

    text: str
    doc: Document | None
    places: _Places
    labelled: bool = False  # the whole text is a pay value (front matter), so every figure is pay


def _plausible(mention: _Mention, currency: str | None, period: str | None) -> bool:
    """Pay-sized: no zero, no millions ("raised $40M"), and not too little for its period
    ("$50/month for your phone" is a perk, not a wage)."""
    table = pay_data()["inference"]
    limits = table.get(currency or "", table["default"])
    cap = limits["year_min"] * 100
    floor = limits.get("period_min", {}).get(period, 0) if period else 0
    return all(floor <= a.amount < cap and a.amount > 0 and a.mult < 1_000_000 for a in mention.atoms)


@dataclass(slots=True)
class _Period:
    """The period of a mention: stated after or before the figure, or inferred from its size."""

    period: str | None
    written: str | None  # "after", "before" or None (inferred)
    end: int  # end of the period text when written after the figure


def _find_period(scan: _Scan, mention: _Mention, pre: str) -> _Period:
    """After the figure (or between a range's bounds, "$1,024/week - $1,247/week"), else before it."""
    pats = patterns()
    period, end = _period_after(scan.text, mention.end, pats)
    if period is None and len(mention.atoms) == 2:
        period, _ = _period_after(scan.text, mention.atoms[0].end, pats)
        end = mention.end
    if period is not None:
        return _Period(period, "after", end)
    before = _period_before(pre, pats)
    return _Period(before, "before" if before else None, mention.end)


def _labelled_number(scan: _Scan, mention: _Mention, folded_pre: str, period: _Period) -> bool:
    """A figure with no currency is pay only right after a pay label, as a range or with a period."""
    if not scan.labelled and not patterns().folded_pay_label.search(folded_pre):
        return False
    large = all(a.amount >= 1000 for a in mention.atoms)
    return (len(mention.atoms) == 2 and large) or period.written == "after"


def _is_pay(scan: _Scan, mention: _Mention, folded_pre: str, folded_post: str, period: _Period,
            open_end: bool) -> bool:
    """Whether a mention is the role's pay; see the module docstring for the reasoning.
    ``folded_pre`` and ``folded_post`` are the context folded (:func:`~jdlint.prefilter.fold`)."""
    pats = patterns()
    verdict = _verdict(folded_pre, folded_post, pats)
    if verdict is False:
        return False
    if mention.currency is None:
        return _labelled_number(scan, mention, folded_pre, period)
    if scan.labelled or verdict:
        return True
    salary_sized = mention.atoms[-1].amount >= pay_data()["inference"]["default"]["year_min"]
    if len(mention.atoms) == 1 and not salary_sized and period.period != "hour" and scan.doc is not None \
            and _section_says_not_pay(scan.doc, mention.start, pats):
        return False
    return len(mention.atoms) == 2 or period.written is not None or open_end or salary_sized


def _to_pay(scan: _Scan, mention: _Mention, floor: int, ceiling: int) -> Pay | None:
    pats = patterns()
    text = scan.text
    pre = _pre_context(text, mention.start, floor)
    folded_pre = fold(pre)
    if mention.currency is None and not scan.labelled and not pats.folded_pay_label.search(folded_pre):
        return None  # the common case of a plain number (a year, a count), settled cheaply
    post = _post_context(text, mention.end, ceiling)
    period = _find_period(scan, mention, pre)
    kind, start, end = None, mention.start, mention.end
    if len(mention.atoms) == 1:
        kind, start, end = _open_end(text, mention, pre, period.end)
    if not _is_pay(scan, mention, folded_pre, fold(post), period, kind is not None):
        return None
    doc_text = scan.doc.text if scan.doc else ""
    currency, currency_inferred = _resolve_currency(doc_text, mention, pre, post, scan.places, pats)
    value = period.period
    if period.written is None:
        value = _inferred_period(max(a.amount for a in mention.atoms), currency)
    if not _plausible(mention, currency, value):
        return None
    low, high = mention.atoms[0].amount, mention.atoms[-1].amount
    end = max(end, period.end)
    while end > start and text[end - 1].isspace():
        end -= 1
    return Pay(
        min=None if kind == "max" else low,
        max=None if kind == "min" else high,
        currency=currency,
        period=value,
        text=text[start:end],
        line=0,
        open_ended=kind is not None,
        period_inferred=period.written is None and value is not None,
        currency_inferred=currency_inferred,
        start=start,
        end=end,
    )


def _scan_pays(scan: _Scan) -> list[Pay]:
    pats = patterns()
    mentions = _mentions(scan.text, _atoms(scan.text, pats))
    out = []
    for i, mention in enumerate(mentions):
        floor = mentions[i - 1].end if i else 0
        ceiling = mentions[i + 1].start if i + 1 < len(mentions) else len(scan.text)
        pay = _to_pay(scan, mention, floor, ceiling)
        if pay is not None:
            out.append(pay)
    return out


# ---------------------------------------------------------------------------------------------
# Front matter and structured fields

_MIN_KEYS = ("min", "minimum", "minvalue", "min_value", "from", "low", "lower")
_MAX_KEYS = ("max", "maximum", "maxvalue", "max_value", "to", "high", "upper")
_VALUE_KEYS = ("value", "amount", "salary", "pay")
_CURRENCY_KEYS = ("currency", "currency_code", "currencycode")
_PERIOD_KEYS = ("period", "unit", "unittext", "unit_text", "per", "interval", "frequency")
_PERIOD_NAMES = {
    "hour": "hour", "hourly": "hour", "hr": "hour", "h": "hour",
    "day": "day", "daily": "day",
    "week": "week", "weekly": "week", "wk": "week",
    "month": "month", "monthly": "month", "mo": "month",
    "year": "year", "yearly": "year", "annual": "year", "annually": "year", "annum": "year", "yr": "year",
}  # fmt: skip


# A front-matter entry: its key line and the indented lines that continue it.
_FIELD_BLOCK = re.compile(r"[^\n]*(?:\n[ \t][^\n]*)*")


def _field_span(doc: Document, key: str) -> tuple[int, int, int]:
    """(line, start, end) of a front-matter key's entry in the source; offsets 0 when unknown."""
    line = (doc.meta.get("front_matter_lines") or {}).get(key)
    if not line or not doc.offsets.identity:
        return line or 1, 0, 0
    start = doc.lines.line_start(line)
    stop = doc.meta.get("front_matter_end") or len(doc.source)
    block = _FIELD_BLOCK.match(doc.source, start, stop)
    end = block.end() if block else start
    while end > start and doc.source[end - 1].isspace():
        end -= 1
    return line, start, end


def _lookup(mapping: dict[str, Any], keys: tuple[str, ...]) -> Any:
    lowered = {str(k).lower(): v for k, v in mapping.items()}
    return next((lowered[k] for k in keys if lowered.get(k) not in (None, "")), None)


def _amount(value: Any) -> tuple[float | None, str | None]:
    """A front-matter amount: 100000, "100k", "$100,000" -> (amount, currency marker or None)."""
    if isinstance(value, bool):
        return None, None
    if isinstance(value, int | float):
        return float(value), None
    atoms = _atoms(str(value), patterns())
    return (atoms[0].amount, atoms[0].currency) if atoms else (None, None)


def _pay_from_mapping(value: dict[str, Any], places: _Places) -> Pay | None:
    """A mapping like {min, max, currency, period} or schema.org MonetaryAmount."""
    inner = value.get("value")
    if isinstance(inner, dict):
        merged = {**value, **inner}
        merged.pop("value", None)
        if "value" in inner:
            merged["value"] = inner["value"]
        value = merged
    low, cur_low = _amount(_lookup(value, _MIN_KEYS))
    high, cur_high = _amount(_lookup(value, _MAX_KEYS))
    single, cur_single = _amount(_lookup(value, _VALUE_KEYS))
    if low is None and high is None:
        low = high = single
    if low is None and high is None:
        return None
    currency = _lookup(value, _CURRENCY_KEYS)
    currency = str(currency).upper() if currency else (cur_low or cur_high or cur_single)
    currency_inferred = False
    if currency in (None, "dollar"):
        dollars = pay_data()["dollar_countries"]
        mention = _Mention([], 0, 0)
        currency = _dollar_currency("", mention, places) if currency else None
        currency_inferred = currency is not None
        if currency is None and places.all:
            currency = pay_data()["country_currency"].get(places.all[0]) or dollars.get(places.all[0])
            currency_inferred = currency is not None
    period_text = _lookup(value, _PERIOD_KEYS)
    period = _PERIOD_NAMES.get(str(period_text).strip().lower().removeprefix("per ")) if period_text else None
    inferred = period is None
    if inferred:
        period = _inferred_period(max(x for x in (low, high) if x is not None), currency)
    return Pay(
        min=low,
        max=high,
        currency=currency,
        period=period,
        text="",
        line=0,
        open_ended=(low is None) != (high is None),
        period_inferred=inferred and period is not None,
        currency_inferred=currency_inferred,
    )


def _field_pays(doc: Document, places: _Places) -> list[Pay]:
    """Pay given in front matter or structured fields (``salary: "$100k-$120k"``, a mapping...)."""
    wanted = {k.lower() for k in pay_data()["field_keys"]}
    out: list[Pay] = []
    for key, value in doc.fields.items():
        if key.lower() not in wanted or value in (None, ""):
            continue
        line, start, end = _field_span(doc, key)
        source_text = doc.source[start:end] if end > start else f"{key}: {value}"
        source_text = " ".join(part.strip() for part in source_text.splitlines())
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = {"value": value}
        if isinstance(value, dict):
            pays = [p for p in [_pay_from_mapping(value, places)] if p]
        else:
            pays = _scan_pays(_Scan(str(value), None, places, labelled=True))
        for pay in pays:
            pay.text, pay.line, pay.start, pay.end = source_text, line, start, end
            out.append(pay)
    return out


def find_pay(doc: Document, locations: list[Location] | None = None) -> list[Pay]:
    """Every pay figure or range in the posting, front matter first, then in order of appearance."""
    places = _places(doc, locations)
    pays = _field_pays(doc, places)
    for pay in _scan_pays(_Scan(doc.text, doc, places)):
        pay.line = doc.line_of(pay.start)
        pays.append(pay)
    return pays
