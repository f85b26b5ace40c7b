"""``kind: regex`` — regular expressions over the posting's text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from jdlint.engine.rule import Hit, Rule
from jdlint.engine.validate import compile_regex, expect, expect_list, reject_unknown
from jdlint.prefilter import Scan, top_level_alternatives

try:  # Python 3.11+
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - older layouts
    import sre_parse as _sre_parse  # type: ignore[no-redef]

KEYS = {"patterns", "ignorecase", "unless_posting_matches", "unless_sentence_matches"}
_ENTRY_KEYS = {"pattern", "suggestion", "suggestions", "message", "group", "fix"}


@dataclass
class Pattern:
    regex: Scan
    suggestion: str | None
    message: str | None
    group: int | str
    fix: str | None
    alternatives: tuple[Scan, ...] | None = None  # the top-level alternatives, run one by one

    def spans(self, text: str, folded: str | None) -> list[tuple[int, int]]:
        """Spans of every match (of ``group``): what ``finditer`` over the whole pattern gives."""
        if self.alternatives is None:
            return self.regex.spans(text, folded, self.group)
        return merged(self.alternatives, text, folded)


_GLOBAL_FLAGS = re.compile(r"\A(?:\(\?[aiLmsux]+\))+")  # an opening "(?x)" applies to every alternative


def alternatives_of(scan: Scan, group: int | str) -> tuple[Scan, ...] | None:
    """The top-level alternatives of ``a|b|c``, each a pattern of its own, when running them one
    by one is cheaper than running the whole.

    That is when the whole pattern has no start words (``Scan.heads``), because one alternative
    opens with a short word ("no", "at") or none, while another has them: on its own, each
    alternative is skipped when its needles are absent, tried only where its start words are, or
    searched for its opening literal text ("no(?<=\\bno)") at C speed, where the whole would try
    every alternative at every character. None (run the whole pattern) for a pattern that is
    not a list of alternatives, has groups (their numbers would change), or has an alternative
    that can match the empty string (:func:`merged` relies on there being none)."""
    if group != 0 or scan.heads is not None or scan.regex.groups:
        return None
    flags = scan.regex.flags  # with those set inside the pattern: "(?x)" is dropped from its text
    sources = top_level_alternatives(_GLOBAL_FLAGS.sub("", scan.pattern, count=1), bool(flags & re.VERBOSE))
    if len(sources) < 2:
        return None
    try:
        if any(_sre_parse.parse(source, flags).getwidth()[0] == 0 for source in sources):
            return None
    except Exception:
        return None
    alternatives = tuple(Scan(source, flags) for source in sources)
    return alternatives if any(alt.heads is not None for alt in alternatives) else None


_NONE = (1 << 62, 1 << 62)  # "no match at or after here": sorts after every real span


def merged(alternatives: tuple[Scan, ...], text: str, folded: str | None) -> list[tuple[int, int]]:
    """``finditer`` spans of ``a|b|c``, from the spans each alternative finds on its own.

    ``finditer`` takes the leftmost offset where some alternative matches and, at that offset,
    the first alternative that does; it goes on from the end of that match (no alternative
    matches the empty string). An alternative's own non-overlapping matches give its leftmost
    match at or after an offset, unless one of them runs past the offset: a match starting
    inside it was never looked for, so that alternative is searched again from the offset (this
    needs matches of two alternatives that overlap, which is rare)."""
    streams = [alt.spans(text, folded) for alt in alternatives]
    live = [j for j, found in enumerate(streams) if found]
    if len(live) <= 1:
        return streams[live[0]] if live else []
    out: list[tuple[int, int]] = []
    pos = 0
    first = dict.fromkeys(live, 0)  # index in its stream of the first span starting at or after pos
    ahead: dict[int, tuple[int, int]] = {}  # its leftmost match at or after some earlier pos
    while True:
        best = _NONE
        for j in live:
            span = ahead.get(j)
            if span is None or span[0] < pos:
                stream, i = streams[j], first[j]
                while i < len(stream) and stream[i][0] < pos:
                    i += 1
                first[j] = i
                if i and stream[i - 1][1] > pos:
                    m = alternatives[j].regex.search(text, pos)
                    span = m.span() if m else _NONE
                else:
                    span = stream[i] if i < len(stream) else _NONE
                ahead[j] = span
            if span[0] < best[0]:  # on a tie the earlier alternative wins, as in the whole pattern
                best = span
        if best is _NONE:
            return out
        out.append(best)
        pos = best[1]


@dataclass
class Compiled:
    patterns: list[Pattern]
    unless_posting: list[Scan]
    unless_sentence: list[Scan]


def suggestion_of(entry: dict[str, Any], where: str, pack: str) -> str | None:
    """All suggestions as shown to the user ("expert / specialist")."""
    if "suggestions" in entry:
        sugg = expect_list(entry["suggestions"], f"{where}.suggestions", pack)
        return " / ".join(sugg) if sugg else None
    if "suggestion" in entry and entry["suggestion"] is not None:
        return str(expect(entry["suggestion"], str, f"{where}.suggestion", pack))
    return None


def fix_of(entry: dict[str, Any]) -> str | None:
    """The replacement --fix applies: the first suggestion, and only when marked safe."""
    if not entry.get("fix"):
        return None
    if entry.get("suggestions"):
        return str(entry["suggestions"][0])
    return None if entry.get("suggestion") is None else str(entry["suggestion"])


def compile(rule: Rule, pack: str) -> Compiled:
    data = rule.data
    flags = re.IGNORECASE if data.get("ignorecase", True) else 0
    entries = expect_list(data.get("patterns"), f"{rule.id}.patterns", pack, item=(str, dict), required=True)
    patterns = []
    for i, entry in enumerate(entries):
        where = f"{rule.id}.patterns[{i}]"
        if isinstance(entry, str):
            entry = {"pattern": entry}
        reject_unknown(entry, _ENTRY_KEYS, where, pack)
        rx = compile_regex(entry.get("pattern"), f"{where}.pattern", pack, flags)
        group = entry.get("group", 0)
        scan = Scan(rx)
        patterns.append(Pattern(scan, suggestion_of(entry, where, pack), entry.get("message"), group,
                                fix_of(entry), alternatives_of(scan, group)))
    unless_posting = [
        Scan(compile_regex(p, f"{rule.id}.unless_posting_matches", pack, flags))
        for p in expect_list(data.get("unless_posting_matches", []), f"{rule.id}.unless_posting_matches", pack)
    ]
    unless_sentence = [
        Scan(compile_regex(p, f"{rule.id}.unless_sentence_matches", pack, flags))
        for p in expect_list(data.get("unless_sentence_matches", []), f"{rule.id}.unless_sentence_matches", pack)
    ]
    return Compiled(patterns, unless_posting, unless_sentence)


def run(rule: Rule, posting: Any) -> Iterator[Hit]:
    comp: Compiled = rule.compiled
    text, folded = posting.text, posting.folded
    taken: list[tuple[int, int]] = []  # spans already reported by this rule's earlier patterns
    unless_checked = not comp.unless_posting
    for pat in comp.patterns:
        for start, end in pat.spans(text, folded):
            if start < 0 or end <= start or posting.is_protected(start, end):
                continue
            if any(s < end and start < e for s, e in taken):
                continue
            if not unless_checked:  # read only once something matched: most postings never get here
                if any(rx.search(text, folded) for rx in comp.unless_posting):
                    return
                unless_checked = True
            matched = text[start:end]
            if matched.lower() in posting.allowed:
                continue
            if comp.unless_sentence:
                s, e = posting.sentence_of(start)
                sentence = text[s:e] if e > s else text[max(0, start - 200) : end + 200]
                if any(rx.search(sentence) for rx in comp.unless_sentence):
                    continue
            taken.append((start, end))
            yield Hit(start, end, args={"match": matched}, suggestion=pat.suggestion, message=pat.message,
                      fix=pat.fix)
