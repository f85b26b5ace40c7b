"""Skip regular expressions that cannot match: literal needles derived from each pattern.

Most of jdlint's ~300 patterns ("US citizens only", "must be under 40") match nowhere in a
given posting, yet a backtracking engine pays for a full pass over the text to learn that,
and patterns that open with an optional group or a ``\\b`` pay it at every word. A pattern
that cannot match without some literal text ("citizen", "under") is skipped with a
substring test on the lower-cased posting, which runs at memory speed.

The needles are read from the pattern's own parse tree (``re._parser``), so a rule author
writes an ordinary regex and never maintains a trigger list that could drift from it. The
derivation is conservative: every match of the pattern contains at least one needle, or the
pattern gets no needles and always runs (tests check this on every pattern jdlint ships).
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator
from typing import Any

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - older layouts
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

MIN_NEEDLE = 3  # shorter needles ("he", "of") are in nearly every posting and filter nothing

# Non-ASCII characters that ``re.IGNORECASE`` matches to an ASCII letter (found by trying
# every code point): folding them keeps the needle test a superset of what the regex matches.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold(text: str) -> str:
    """The text needles are looked for in: lower-cased, with IGNORECASE's odd ASCII matches folded."""
    return text.lower() if text.isascii() else text.translate(_FOLD).lower()


Needles = tuple[frozenset[str], ...]  # every clause must have one of its strings present
MAX_CLAUSES = 3
_REPEATS = tuple(getattr(_c, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(_c, name))
_ATOMIC = getattr(_c, "ATOMIC_GROUP", object())


def _strength(clause: frozenset[str]) -> tuple[int, int]:
    """How selective a clause is: longer shortest needle first, then fewer alternatives."""
    return min(map(len, clause)), -len(clause)


def _sequence(items: Any) -> list[frozenset[str]]:
    """Clauses of a concatenation: each run of literal characters, and each required part's."""
    clauses: list[frozenset[str]] = []
    run: list[str] = []

    def close_run() -> None:
        if len(run) >= MIN_NEEDLE:
            clauses.append(frozenset({"".join(run)}))
        run.clear()

    for op, av in items:
        if op is _c.LITERAL and av < 128:
            run.append(chr(av).lower())
            continue
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero-width: literal characters on either side stay adjacent in a match
        close_run()
        clauses.extend(_item(op, av))
    close_run()
    return clauses


def _item(op: Any, av: Any) -> list[frozenset[str]]:
    if op is _c.SUBPATTERN:
        return _sequence(av[-1])
    if op is _c.BRANCH:
        union: set[str] = set()
        for alternative in av[1]:
            clauses = _sequence(alternative)
            if not clauses:
                return []  # this alternative needs no literal text: the branch constrains nothing
            union |= max(clauses, key=_strength)
        return [frozenset(union)]
    if op in _REPEATS:
        low, _high, body = av
        return _sequence(body) if low >= 1 else []
    if op is _ATOMIC:
        return _sequence(av)
    return []


def needles_of(pattern: str, flags: int = 0) -> Needles | None:
    """Clauses of lower-cased strings: a match contains a string of every clause. None: always run."""
    try:
        tree = _sre_parse.parse(pattern, flags)
    except Exception:
        return None
    clauses = sorted(set(_sequence(list(tree))), key=_strength, reverse=True)[:MAX_CLAUSES]
    return tuple(clauses) or None


_GLOBAL_FLAGS = re.compile(r"\A(?:\(\?[aiLmsux]+\))+")


def top_level_alternatives(pattern: str, verbose: bool) -> list[str]:
    """``a|b|c`` split at its top-level bars (not inside groups, classes, escapes or, in verbose
    mode, comments); one element when there is no top-level alternation."""
    pieces: list[str] = []
    depth, start, i, n = 0, 0, 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i += 1
            if i < n and pattern[i] == "^":
                i += 1
            if i < n and pattern[i] == "]":
                i += 1
            while i < n and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif verbose and ch == "#":
            newline = pattern.find("\n", i)
            i = n if newline < 0 else newline
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            pieces.append(pattern[start:i])
            start = i + 1
        i += 1
    pieces.append(pattern[start:])
    return pieces


def _alternatives(pattern: str, flags: int) -> tuple[tuple[str, Needles | None], ...] | None:
    """The top-level alternatives with their own needles, when splitting can skip some.

    Only for patterns without groups: dropping alternatives that cannot match anywhere in a
    text leaves every match unchanged (same leftmost-first choice), but would renumber groups."""
    try:
        if re.compile(pattern, flags).groups:
            return None
    except re.error:
        return None
    body = _GLOBAL_FLAGS.sub("", pattern, count=1)
    pieces = top_level_alternatives(body, bool(flags & re.VERBOSE))
    if len(pieces) < 2:
        return None
    try:
        for piece in pieces:
            re.compile(piece, flags)
    except re.error:
        return None
    parts = tuple((piece, needles_of(piece, flags)) for piece in pieces)
    if all(needles is None for _, needles in parts) or len({needles for _, needles in parts}) == 1:
        return None
    return parts


class _Memo:
    """Needle presence for the text being linted: many patterns share needles ("only")."""

    state: tuple[str, dict[str, bool]] = ("", {})


def has(folded: str, needle: str) -> bool:
    state = _Memo.state
    if state[0] is not folded:
        state = _Memo.state = (folded, {})
    found = state[1].get(needle)
    if found is None:
        found = state[1][needle] = needle in folded
    return found


_UNSET: Any = object()
EVERY_SCAN: weakref.WeakSet[Scan] = weakref.WeakSet()  # for the tests that check every shipped pattern


def possible(needles: Needles | None, folded: str) -> bool:
    """False only when some clause has no needle in ``folded``: then nothing can match."""
    return needles is None or all(any(has(folded, n) for n in clause) for clause in needles)


class Scan:
    """A pattern and its needles; ``finditer``/``search`` take the folded text too.

    ``folded`` is :func:`fold` of the same text, computed once per posting by the caller
    (``Document.folded``); without it the pattern simply runs. A pattern that is a list of
    alternatives ("able to stand ..." | "constant lifting ..." | "on your feet") runs only the
    alternatives whose needles are present. The pattern is compiled on first use and pickles
    as its source, so a cached rule pack loads without compiling patterns a run never needs."""

    __slots__ = ("__weakref__", "_needles", "_parts", "_regex", "_subsets", "flags", "pattern")

    def __init__(self, pattern: re.Pattern[str] | str, flags: int = 0):
        if isinstance(pattern, re.Pattern):
            self.pattern, self.flags, self._regex = pattern.pattern, pattern.flags, pattern
        else:
            self.pattern, self.flags, self._regex = pattern, flags, None
        self._needles: Needles | None = _UNSET
        self._parts: tuple[tuple[str, Needles | None], ...] | None = _UNSET
        self._subsets: dict[tuple[int, ...], re.Pattern[str]] = {}
        EVERY_SCAN.add(self)

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            self._regex = re.compile(self.pattern, self.flags)
        return self._regex

    @property
    def needles(self) -> Needles | None:
        if self._needles is _UNSET:
            self._needles = needles_of(self.pattern, self.flags)
        return self._needles

    @property
    def parts(self) -> tuple[tuple[str, Needles | None], ...] | None:
        if self._parts is _UNSET:
            self._parts = _alternatives(self.pattern, self.flags)
        return self._parts

    def possible(self, folded: str | None) -> bool:
        """False only when no needle occurs in ``folded``, so the pattern cannot match."""
        return folded is None or possible(self.needles, folded)

    def regex_for(self, folded: str | None) -> re.Pattern[str] | None:
        """The pattern to run on this text: None when it cannot match, or only the alternatives
        that can."""
        if folded is None:
            return self.regex
        if not possible(self.needles, folded):
            return None
        parts = self.parts
        if parts is None:
            return self.regex
        keep = tuple(i for i, (_, needles) in enumerate(parts) if possible(needles, folded))
        if not keep:
            return None
        if len(keep) == len(parts):
            return self.regex
        regex = self._subsets.get(keep)
        if regex is None:
            joiner = "\n|" if self.flags & re.VERBOSE else "|"  # a verbose comment ends at the newline
            regex = self._subsets[keep] = re.compile(joiner.join(parts[i][0] for i in keep), self.flags)
        return regex

    def finditer(self, text: str, folded: str | None = None) -> Iterator[re.Match[str]]:
        regex = self.regex_for(folded)
        return regex.finditer(text) if regex is not None else iter(())

    def search(self, text: str, folded: str | None = None) -> re.Match[str] | None:
        regex = self.regex_for(folded)
        return regex.search(text) if regex is not None else None

    def __getstate__(self) -> tuple[str, int, Needles | None, Any]:
        return self.pattern, self.flags, self.needles, self.parts

    def __setstate__(self, state: tuple[str, int, Needles | None, Any]) -> None:
        self.pattern, self.flags, self._needles, self._parts = state
        self._regex = None
        self._subsets = {}
        EVERY_SCAN.add(self)

    def __repr__(self) -> str:
        clauses = " & ".join("|".join(sorted(c)) for c in self.needles or ())
        return f"Scan({self.pattern!r}, needles={clauses or None})"
