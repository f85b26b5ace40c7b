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

import atexit
import re
import weakref
from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - older layouts
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

MIN_NEEDLE = 3  # shorter needles ("he", "of") are in nearly every posting and filter nothing

# Non-ASCII characters that ``re.IGNORECASE`` matches to an ASCII letter (found by trying
# every code point): folding them keeps the needle test a superset of what the regex matches.
_ODD = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
_FOLD = str.maketrans(_ODD)


def fold(text: str) -> str:
    """The text needles are looked for in: lower-cased, with IGNORECASE's odd ASCII matches folded.

    ``str.translate`` is slow on non-ASCII text (most postings have a curly quote or a dash),
    so it runs only when one of the four odd letters is there; the result has the text's length."""
    if not text.isascii() and any(ch in text for ch in _ODD):
        text = text.translate(_FOLD)
    return text.lower()


Needles = tuple[frozenset[str], ...]  # every clause must have one of its strings present
MAX_CLAUSES = 3
MAX_SUBSETS = 8  # compiled alternative subsets per pattern; beyond, reuse a superset or the whole
_REPEATS = tuple(getattr(_c, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(_c, name))
_ATOMIC = getattr(_c, "ATOMIC_GROUP", object())


_RARE = frozenset("@$%#&+=_|~^<>*\\")  # characters rare enough in prose to be a needle alone
MAX_SPELLINGS = 64


def _weight(needle: str) -> int:
    return len(needle) + (MIN_NEEDLE if any(ch in _RARE for ch in needle) else 0)


def _strength(clause: frozenset[str]) -> tuple[int, int]:
    """How selective a clause is: longer shortest needle first, then fewer alternatives."""
    return min(map(_weight, clause)), -len(clause)


def _usable(clause: frozenset[str]) -> bool:
    return bool(clause) and min(map(_weight, clause)) >= MIN_NEEDLE


def _spellings(op: Any, av: Any) -> list[str] | None:
    """The strings a part can match when it is a choice of plain literals ("com|org|io"), else None."""
    if op is _c.SUBPATTERN:
        body = list(av[-1])
        return _spellings(*body[0]) if len(body) == 1 else _literal(body)
    if op is _c.BRANCH:
        out: list[str] = []
        for alternative in av[1]:
            text = _literal(list(alternative))
            if text is None:
                return None
            out.append(text)
        return out
    if op is _c.IN and all(o is _c.LITERAL and a < 128 for o, a in av):
        return [chr(a).lower() for _, a in av]
    return None


def _literal(items: list[Any]) -> str | None:
    if all(op is _c.LITERAL and av < 128 for op, av in items):
        return "".join(chr(av).lower() for _, av in items)
    return None


def _sequence(items: Any) -> list[frozenset[str]]:
    """Clauses of a concatenation: each run of literal text (with its spellings when it passes
    through a choice of literals: ".com|.org"), and each required part's clauses."""
    clauses: list[frozenset[str]] = []
    run: set[str] = {""}

    def close_run() -> None:
        nonlocal run
        clause = frozenset(run)
        if _usable(clause):
            clauses.append(clause)
        run = {""}

    for op, av in items:
        if op is _c.LITERAL and av < 128:
            run = {s + chr(av).lower() for s in run}
            continue
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero-width: literal characters on either side stay adjacent in a match
        spellings = _spellings(op, av)
        if spellings is not None and len(run) * len(spellings) <= MAX_SPELLINGS:
            run = {s + t for s in run for t in spellings}
            continue
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
        return [frozenset(union)]  # usable: every part of the union is
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
        if _sre_parse.parse(pattern, flags).state.groups > 1:  # group 0 is the match itself
            return None
    except Exception:
        return None
    body = _GLOBAL_FLAGS.sub("", pattern, count=1)
    pieces = top_level_alternatives(body, bool(flags & re.VERBOSE))
    if len(pieces) < 2:
        return None
    parts = tuple((piece, needles_of(piece, flags)) for piece in pieces)
    if all(needles is None for _, needles in parts) or len({needles for _, needles in parts}) == 1:
        return None
    return parts


class _Memo:
    """Needle presence and offsets for the text being linted: many patterns share needles
    ("only"). One tuple each, replaced whole, so threads never see half an update."""

    state: tuple[str, dict[str, bool], dict[str, list[int]]] = ("", {}, {})


class _Needles:
    """Every needle asked about in this process, and an Aho-Corasick automaton over them.

    A posting is asked about some 200 of ~700 needles, and each ``needle in text`` scans the
    whole text: 0.45 ms per posting. The automaton finds every needle present in one pass
    (0.08 ms), and a new text's memo starts out knowing all of them. Needles asked about for
    the first time (patterns compile on first use) are tested with ``in`` and join the
    automaton when the next text starts."""

    index: ClassVar[tuple[frozenset[str], Any]] = (frozenset(), None)
    new: ClassVar[set[str]] = set()


_INDEXED_LENGTH = 1000  # shorter texts are asked about needle by needle, as they come


def _index(folded: str) -> tuple[dict[str, bool], dict[str, list[int]]]:
    """A new text's needle memos: whether each needle of the automaton is present, and the
    offsets of those present (ascending, overlapping ones too, as :func:`occurrences` finds)."""
    if len(folded) < _INDEXED_LENGTH:  # a rule example, a field: a few short scans cost less
        return {}, {}
    known, automaton = _Needles.index
    if _Needles.new:
        if not _Needles.new <= known:
            known, automaton = _Needles.index = _automaton(known | _Needles.new)
        _Needles.new = set()
    memo = dict.fromkeys(known, False)
    offsets: dict[str, list[int]] = {}
    if automaton is not None:
        for end, (needle, back) in automaton.iter(folded):
            found = offsets.get(needle)
            if found is None:
                offsets[needle] = [end - back]
                memo[needle] = True
            else:
                found.append(end - back)
    return memo, offsets


def _automaton(needles: frozenset[str]) -> tuple[frozenset[str], Any]:
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for needle in needles:
        automaton.add_word(needle, (needle, len(needle) - 1))
    automaton.make_automaton()
    return needles, automaton


def _new_text(folded: str) -> tuple[str, dict[str, bool], dict[str, list[int]]]:
    state = _Memo.state = (folded, *_index(folded))
    return state


def has(folded: str, needle: str) -> bool:
    state = _Memo.state
    memo = (state if state[0] is folded else _new_text(folded))[1]
    found = memo.get(needle)
    if found is None:
        found = memo[needle] = needle in folded
        if needle:
            _Needles.new.add(needle)
    return found


Analysis = tuple[Any, Any, Any, Any]  # needles, heads, parts, source of the case-folded twin


class _Analyses:
    """Needles, heads and parts of every pattern analysed, kept on disk between runs.

    Reading a pattern's parse tree three ways costs more than compiling it; a one-file
    pre-commit run would pay that for every pattern it touches. The table is keyed by
    jdlint's version and code (:func:`jdlint.cache.key_for`) and written once at exit when
    something new was analysed."""

    table: dict[tuple[str, int], Analysis] | None = None
    path: Any = None
    dirty = False


def analysis(pattern: str, flags: int) -> Analysis:
    table = _Analyses.table
    if table is None:
        table = _Analyses.table = _load_analyses()
    found = table.get((pattern, flags))
    if found is None:
        parts = _alternatives(pattern, flags)
        found = table[(pattern, flags)] = (needles_of(pattern, flags), heads_of(pattern, flags), parts,
                                           _twin_source(pattern, flags, parts))
        if not _Analyses.dirty and _Analyses.path is not None:
            _Analyses.dirty = True
            atexit.register(_save_analyses)
    return found


def _load_analyses() -> dict[tuple[str, int], Analysis]:
    from jdlint.cache import cache_dir, key_for, load

    folder = cache_dir()
    if folder is None:
        return {}
    _Analyses.path = folder / f"patterns-{key_for('patterns', [])}.pickle"
    table = load(_Analyses.path)
    return table if isinstance(table, dict) else {}


def _save_analyses() -> None:
    from jdlint.cache import prune, store

    if _Analyses.table is not None and _Analyses.path is not None:
        store(_Analyses.path, dict(_Analyses.table))
        prune(_Analyses.path)


def _twin_source(pattern: str, flags: int, parts: tuple[tuple[str, Needles | None], ...] | None) -> str | None:
    """:func:`lowered_source` of an IGNORECASE pattern whose alternatives all have one too."""
    if not flags & re.IGNORECASE:
        return None
    verbose = bool(flags & re.VERBOSE)
    source = lowered_source(pattern, verbose)
    if source is None or (parts is not None and any(lowered_source(src, verbose) is None for src, _ in parts)):
        return None
    return source


_UNSET: Any = object()
EVERY_SCAN: weakref.WeakSet[Scan] = weakref.WeakSet()  # for the tests that check every shipped pattern


def lowered_source(pattern: str, verbose: bool = False) -> str | None:
    """The pattern rewritten to run case-sensitively on :func:`fold`-ed text, or None.

    ``re.IGNORECASE`` turns off sre's first-character search and costs about 2.5 times a
    case-sensitive pass. On folded text (same length, same offsets) a lower-cased pattern finds
    the same spans: literal letters are lowered, while escapes (``\\S``, ``\\W``), group
    headers and names stay as written. Patterns this cannot rewrite exactly (non-ASCII, scoped
    case flags, a class range such as ``A-z`` that crosses cases) keep IGNORECASE."""
    if not pattern.isascii() or "(?-" in pattern:
        return None
    flags = _GLOBAL_FLAGS.match(pattern)
    head = ""
    if flags:  # inline (?i) would turn IGNORECASE back on
        letters = "".join(re.findall(r"[a-zA-Z]", flags.group())).replace("i", "")
        head = f"(?{letters})" if letters else ""
        verbose = verbose or "x" in flags.group()
        pattern = pattern[flags.end():]
    out: list[str] = [head]
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            if pattern[i + 1 : i + 2] in _CODE_ESCAPES:
                return None  # "\\x4A" is "J": lowering the escape would not lower the letter
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if ch == "#" and verbose:
            end = pattern.find("\n", i)
            end = n if end < 0 else end
            out.append(pattern[i:end])
            i = end
            continue
        if ch == "(" and pattern.startswith("(?", i):
            end = _group_header_end(pattern, i)
            out.append(pattern[i:end])
            i = end
            continue
        if ch == "[":
            end = _class_end(pattern, i)
            body = pattern[i:end]
            if re.search(r"(?:[A-Z]-[^A-Z\\\]]|[^A-Z\\]-[A-Z])", body):
                return None  # a range crossing cases means something else once lowered
            if re.search(r"\\[xuUN0-7]", body):
                return None
            out.append(_lower_outside_escapes(body))
            i = end
            continue
        out.append(ch.lower())
        i += 1
    return "".join(out)


_CODE_ESCAPES = frozenset("xuUN0")  # escapes that spell a character by code or name


def _group_header_end(pattern: str, i: int) -> int:
    """Index just past a group's header: "(?:", "(?P<name>", "(?i)", "(?P=name)", "(?#...)"."""
    j = i + 2
    if pattern.startswith(("P=", "#"), j):
        return pattern.index(")", j) + 1
    if pattern.startswith("P<", j):
        return pattern.index(">", j) + 1
    while j < len(pattern) and pattern[j] not in ":)=!<>":
        j += 1
    if pattern.startswith(("<=", "<!"), j):
        return j + 2
    return j + 1


def _class_end(pattern: str, i: int) -> int:
    j = i + 1
    if j < len(pattern) and pattern[j] == "^":
        j += 1
    if j < len(pattern) and pattern[j] == "]":
        j += 1
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1


def _lower_outside_escapes(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\":
            out.append(text[i : i + 2])
            i += 2
        else:
            out.append(text[i].lower())
            i += 1
    return "".join(out)


# -- where a pattern can start ---------------------------------------------------------------------
#
# Needles say whether a pattern can match anywhere. "history" and "salary" are in many postings,
# and then a pattern that opens with \b, a lookbehind or a choice of words is still attempted at
# every character (sre's fast search only helps a pattern that opens with literal text). Its
# heads say where it can match: every match starts with one of them ("current", "previous"), so
# it is attempted only where a head occurs in the folded text, found with str.find.

MIN_HEAD = 3  # shorter heads ("on", "a") occur everywhere: the pattern then runs as usual
MAX_STARTS = 40  # more places than this (or one per 64 characters): one pass is cheaper
_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)


def _first_strings(items: list[Any]) -> set[str] | None:
    r"""Lower-cased strings one of which every match of the parsed ``items`` starts with (after
    zero-width tests such as \b), or None when there is no such set."""
    i = 0
    while i < len(items) and items[i][0] in _ZERO_WIDTH:
        i += 1
    if i == len(items):
        return None
    op, av = items[i]
    if op is _c.LITERAL:
        run = ""
        while i < len(items) and items[i][0] is _c.LITERAL and items[i][1] < 128:
            run += chr(items[i][1]).lower()
            i += 1
        return {run} if run else None
    if op is _c.IN:
        return {chr(a).lower() for _, a in av} if all(o is _c.LITERAL and a < 128 for o, a in av) else None
    if op is _c.BRANCH:
        out: set[str] = set()
        for alternative in av[1]:
            first = _first_strings(list(alternative))
            if first is None:
                return None
            out |= first
        return out
    if op is _c.SUBPATTERN:
        return _first_strings(list(av[-1]))
    if op in _REPEATS:
        body = _first_strings(list(av[2]))
        if av[0] >= 1 or body is None:
            return body
        rest = _first_strings(items[i + 1 :])  # optional: the match starts with it or with what follows
        return None if rest is None else body | rest
    return None


def heads_of(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """The folded strings every match of ``pattern`` starts with, or None when they are
    unknown or too short to help."""
    try:
        found = _first_strings(list(_sre_parse.parse(pattern, flags)))
    except Exception:
        return None
    if not found or min(map(len, found)) < MIN_HEAD:
        return None
    # "gender" occurs wherever "gender identity" does: look for the shortest only.
    return tuple(sorted(h for h in found if not any(h != o and h.startswith(o) for o in found)))


def occurrences(folded: str, needle: str) -> list[int]:
    """Every offset of ``needle`` in ``folded``, ascending; memoised for the text being linted."""
    state = _Memo.state
    if state[0] is not folded:
        state = _new_text(folded)
    offsets = state[2].get(needle)
    if offsets is None:
        offsets = state[2][needle] = []
        if state[1].get(needle) is False:  # the automaton knows it is absent
            return offsets
        at = folded.find(needle)
        while at >= 0:
            offsets.append(at)
            at = folded.find(needle, at + 1)
    return offsets


def _starts(folded: str, heads: tuple[str, ...]) -> list[int] | None:
    """Sorted offsets where one of ``heads`` occurs; None when there are so many that one pass
    of the pattern is cheaper (an attempt costs about what scanning 64 characters does)."""
    limit = max(MAX_STARTS, len(folded) // 64)
    found: set[int] = set()
    for head in heads:
        if has(folded, head):
            found.update(occurrences(folded, head))
            if len(found) > limit:
                return None
    return sorted(found)


def matches_at(regex: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """``regex.finditer(text)`` for a pattern whose matches are never empty and all start at one
    of ``starts`` (ascending): attempted there only, skipping starts inside the previous match,
    as finditer does, so the matches are the same."""
    end = 0
    for at in starts:
        if at >= end:
            m = regex.match(text, at)
            if m is not None:
                end = m.end()
                yield m


def possible(needles: Needles | None, folded: str) -> bool:
    """False only when some clause has no needle in ``folded``: then nothing can match.

    :func:`has` written out: every Scan asks this of every posting, some 300 needles each time."""
    if needles is None:
        return True
    state = _Memo.state
    memo = (state if state[0] is folded else _new_text(folded))[1]
    for clause in needles:
        for needle in clause:
            found = memo.get(needle)
            if found is None:
                found = memo[needle] = needle in folded
                if needle:
                    _Needles.new.add(needle)
            if found:
                break
        else:
            return False
    return True


class Scan:
    """A pattern and its needles; ``finditer``/``search`` take the folded text too.

    ``folded`` is :func:`fold` of the same text, computed once per posting by the caller
    (``Document.folded``); without it the pattern simply runs. A pattern that is a list of
    alternatives ("able to stand ..." | "constant lifting ..." | "on your feet") runs only the
    alternatives whose needles are present. The pattern is compiled on first use and pickles
    as its source, so a cached rule pack loads without compiling patterns a run never needs."""

    __slots__ = ("__weakref__", "_heads", "_lowered", "_lowered_regex", "_needles", "_parts", "_regex", "_subsets",
                 "flags", "pattern")

    def __init__(self, pattern: re.Pattern[str] | str, flags: int = 0):
        if isinstance(pattern, re.Pattern):
            self.pattern, self.flags, self._regex = pattern.pattern, pattern.flags, pattern
        else:
            self.pattern, self.flags, self._regex = pattern, flags, None
        self._needles: Needles | None = _UNSET
        self._parts: tuple[tuple[str, Needles | None], ...] | None = _UNSET
        self._subsets: dict[tuple[tuple[int, ...], bool], re.Pattern[str]] = {}
        self._lowered: str | None = _UNSET
        self._lowered_regex: re.Pattern[str] | None = None
        self._heads: tuple[str, ...] | None = _UNSET
        EVERY_SCAN.add(self)

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            self._regex = re.compile(self.pattern, self.flags)
        return self._regex

    def _analyse(self) -> None:
        self._needles, self._heads, self._parts, self._lowered = analysis(self.pattern, self.flags)

    @property
    def needles(self) -> Needles | None:
        if self._needles is _UNSET:
            self._analyse()
        return self._needles

    @property
    def heads(self) -> tuple[str, ...] | None:
        if self._heads is _UNSET:
            self._analyse()
        return self._heads

    @property
    def parts(self) -> tuple[tuple[str, Needles | None], ...] | None:
        if self._parts is _UNSET:
            self._analyse()
        return self._parts

    def possible(self, folded: str | None) -> bool:
        """False only when no needle occurs in ``folded``, so the pattern cannot match."""
        return folded is None or possible(self.needles, folded)

    @property
    def lowered_pattern(self) -> str | None:
        """The source of the case-sensitive twin of an IGNORECASE pattern, for folded text (see
        :func:`lowered_source`); None when there is none."""
        if self._lowered is _UNSET:
            self._analyse()
        return self._lowered

    @property
    def lowered(self) -> re.Pattern[str] | None:
        """The twin, compiled on first use (a run may only ever need a subset of it)."""
        if self._lowered_regex is None and self.lowered_pattern is not None:
            self._lowered_regex = re.compile(self.lowered_pattern, self.flags & ~re.IGNORECASE)
        return self._lowered_regex

    def regex_for(self, folded: str | None, lowered: bool = False) -> re.Pattern[str] | None:
        """The pattern to run on this text: None when it cannot match, or only the alternatives
        that can; ``lowered``: the case-sensitive twin, to run on ``folded`` itself."""
        if folded is None:
            return self.lowered if lowered else self.regex
        if not possible(self.needles, folded):
            return None
        parts = self.parts
        if parts is None:
            return self.lowered if lowered else self.regex
        keep = tuple(i for i, (_, needles) in enumerate(parts) if possible(needles, folded))
        if not keep:
            return None
        if len(keep) == len(parts):
            return self.lowered if lowered else self.regex
        regex = self._subsets.get((keep, lowered))
        if regex is None and len(self._subsets) >= MAX_SUBSETS:
            return self._superset(keep, lowered) or (self.lowered if lowered else self.regex)
        if regex is None:
            joiner = "\n|" if self.flags & re.VERBOSE else "|"  # a verbose comment ends at the newline
            pieces = [parts[i][0] for i in keep]
            if lowered:
                verbose = bool(self.flags & re.VERBOSE)
                lowered_pieces = [lowered_source(piece, verbose) or "" for piece in pieces]
                regex = re.compile(joiner.join(lowered_pieces), self.flags & ~re.IGNORECASE)
            else:
                regex = re.compile(joiner.join(pieces), self.flags)
            self._subsets[(keep, lowered)] = regex
        return regex

    def _superset(self, keep: tuple[int, ...], lowered: bool) -> re.Pattern[str] | None:
        """The smallest compiled subset that includes ``keep``: the extra alternatives cannot
        match this text, so the matches are the same, and no new pattern is compiled."""
        wanted = set(keep)
        best: tuple[int, re.Pattern[str]] | None = None
        for (parts, was_lowered), regex in self._subsets.items():
            if was_lowered == lowered and wanted.issubset(parts) and (best is None or len(parts) < best[0]):
                best = (len(parts), regex)
        return best[1] if best else None

    def _run(self, regex: re.Pattern[str], haystack: str, folded: str | None) -> Iterator[re.Match[str]]:
        heads = self.heads
        starts = _starts(folded, heads) if heads and folded is not None and len(folded) == len(haystack) else None
        return regex.finditer(haystack) if starts is None else matches_at(regex, haystack, starts)

    def finditer(self, text: str, folded: str | None = None) -> Iterator[re.Match[str]]:
        regex = self.regex_for(folded)
        return iter(()) if regex is None else self._run(regex, text, folded)

    def search(self, text: str, folded: str | None = None) -> re.Match[str] | None:
        return next(self.finditer(text, folded), None)

    def spans(self, text: str, folded: str | None = None, group: int | str = 0) -> list[tuple[int, int]]:
        """Spans of every match (of ``group``), found on the folded text when that is faster.

        For callers that read offsets only: match objects would show the folded text. Most
        patterns are absent from most postings: that is settled before anything else is read."""
        if folded is not None and not possible(self.needles, folded):
            return []
        if folded is not None and len(folded) == len(text) and self.lowered_pattern is not None:
            regex, haystack = self.regex_for(folded, lowered=True), folded
        else:
            regex, haystack = self.regex_for(folded), text
        return [] if regex is None else [m.span(group) for m in self._run(regex, haystack, folded)]

    def __getstate__(self) -> tuple[str, int, Needles | None, Any, tuple[str, ...] | None]:
        return self.pattern, self.flags, self.needles, self.parts, self.heads

    def __setstate__(self, state: tuple[str, int, Needles | None, Any, tuple[str, ...] | None]) -> None:
        self.pattern, self.flags, self._needles, self._parts, self._heads = state
        self._regex = None
        self._subsets = {}
        self._lowered = _UNSET
        self._lowered_regex = None
        EVERY_SCAN.add(self)

    def __repr__(self) -> str:
        clauses = " & ".join("|".join(sorted(c)) for c in self.needles or ())
        return f"Scan({self.pattern!r}, needles={clauses or None})"
