"""``kind: regex`` — regular expressions over the posting's text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from jdlint.engine.rule import Hit, Rule
from jdlint.engine.validate import compile_regex, expect, expect_list, reject_unknown
from jdlint.prefilter import Scan

KEYS = {"patterns", "ignorecase", "unless_posting_matches", "unless_sentence_matches"}
_ENTRY_KEYS = {"pattern", "suggestion", "suggestions", "message", "group", "fix"}


@dataclass
class Pattern:
    regex: Scan
    suggestion: str | None
    message: str | None
    group: int | str
    fix: str | None


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
        patterns.append(Pattern(Scan(rx), suggestion_of(entry, where, pack), entry.get("message"), group,
                                fix_of(entry)))
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
        for start, end in pat.regex.spans(text, folded, pat.group):
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
