"""Equal-opportunity statement detection: does the posting say the employer does not discriminate?

The EEOC's sample wording, the VEVRAA / Section 503 taglines ("EOE including disability/vet"),
the UK EHRC's "equal opportunities employer" and Germany's AGG all take many shapes, so the
phrase lists live in ``rules/data/eeo.yaml`` and this module only decides, sentence by
sentence, whether one of them is a statement about EMPLOYMENT. That matters because the same
words describe other things: "free to all teenagers regardless of race" is about a program's
participants, "we value diversity" and "(m/w/d)" are not non-discrimination statements at all.

Besides the statement itself, the result records which protected characteristics it names
and whether the posting says how to ask for a disability accommodation, since those are the
two parts of the EEOC/JAN best-practice statement that postings most often leave out.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jdlint.data import load_data
from jdlint.document import Document
from jdlint.model import Statement
from jdlint.prefilter import Scan, analysis

#: How far past the statement's sentence (within its paragraph) to look for the characteristics.
CHARACTERISTICS_REACH = 600
#: How far past a "regardless of" / "without regard to" the first characteristic must start.
LIST_REACH = 120
#: How far past an accommodation sentence (within its paragraph) to look for a contact.
CONTACT_REACH = 400

# Sentence ends: . ! ? then space or a glued capital, but not in "U.S." and not before a
# lower-case word ("Inc. is"); or a line break that does not merely wrap a sentence.
# Written as (?<!...)(?<!...)[.!?]++(...)|\r?\n with the lookbehinds moved after the first
# mark (they test the same characters), one alternative per mark: a pattern whose every
# alternative opens with a literal character is found with sre's fast first-character
# search instead of being tried at every position (eight times faster on a posting).
_AFTER_MARK = r"(?<![\s.(][A-Za-z].)(?<![.!?].)[.!?]*+(?:[ \t]+(?![a-z])|(?=[A-Z\"“(])|(?=\r?\n))"
_BOUNDARY = re.compile("|".join(re.escape(mark) + _AFTER_MARK for mark in ".!?") + r"|\r\n|\n")
_WRAP_BEFORE = re.compile(r"[a-z,;]")
_WRAP_AFTER = re.compile(r"[ \t]*[a-z(]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\r?\n")
# List bullets and emphasis marks that open a line are not part of the sentence.
_LEAD = re.compile(r"[-*•·▪>#_]+[-*•·▪>#_ \t]*")

_EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,5}|\bmailto:", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\w/.-])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)|\d{2,4})(?:[\s.-]\d{2,4}){1,4}(?![\w/-])")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}")
_LINK = re.compile(
    r"https?://|\bwww\.|\]\(|\bhref\s*="
    r"|\b[\w-]{1,63}(?:\.[\w-]{1,63}){0,4}\.(?:com|org|net|io|co|gov|edu|jobs|careers|uk|de|ca|eu|au)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Pattern:
    """A pattern and its needles (:mod:`jdlint.prefilter`). A sentence that lacks one string of
    every clause cannot match, and substring tests on the folded sentence say so faster than
    the pattern would: most candidate sentences ("we support you") match none of them."""

    scan: Scan
    clauses: tuple[frozenset[str], ...]  # the scan's needles, read once

    def possible(self, folded: str | None) -> bool:
        """False when ``folded`` (the sentence, folded) lacks the needles; None: unknown."""
        if folded is None:
            return True
        contains = folded.__contains__
        return all(any(map(contains, clause)) for clause in self.clauses)

    def _regex(self, sentence: str, folded: str | None) -> tuple[re.Pattern[str], str]:
        """The pattern and the text to run it on: the case-sensitive twin (:attr:`Scan.lowered`)
        on the folded sentence where there is one, which finds the same spans faster."""
        lowered = self.scan.lowered
        if lowered is not None and folded is not None:
            return lowered, folded
        return self.scan.regex, sentence

    def search(self, sentence: str, folded: str | None) -> re.Match[str] | None:
        """A match in the sentence (or, equally placed, in its folded twin), or None."""
        if not self.possible(folded):
            return None
        regex, haystack = self._regex(sentence, folded)
        return regex.search(haystack)

    def finditer(self, sentence: str, folded: str | None) -> Iterator[re.Match[str]]:
        """The matches in the sentence (or in its folded twin: read their offsets only)."""
        if not self.possible(folded):
            return iter(())
        regex, haystack = self._regex(sentence, folded)
        return regex.finditer(haystack)


@dataclass(frozen=True, slots=True)
class _Contextual:
    rx: _Pattern
    needs_characteristic: bool


@dataclass(frozen=True, slots=True)
class _Mention:
    rx: _Pattern
    context: _Pattern | None


@dataclass(frozen=True, slots=True)
class _Lexicon:
    keywords: tuple[str, ...]  # a sentence without any of these holds no statement or clause
    employer: tuple[_Pattern, ...]
    contextual: tuple[_Contextual, ...]
    stance: _Pattern
    employment: _Pattern
    employment_strong: _Pattern
    program: _Pattern
    characteristics: re.Pattern[str]
    characteristic_heads: tuple[str, ...] | None  # every characteristics match starts with one
    canonical: dict[str, str]  # group name -> canonical name
    mentions: tuple[_Mention, ...]
    not_request: _Pattern


def _rx(pattern: str, case_sensitive: bool = False) -> _Pattern:
    scan = Scan(pattern, 0 if case_sensitive else re.IGNORECASE)
    return _Pattern(scan, scan.needles or ())


def _characteristics_rx(table: dict[str, list[str]]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One alternation over every phrase, longest first, so "gender identity" beats "gender";
    each phrase is a named group, mapped to its canonical name."""
    phrases = sorted(((p, name) for name, ps in table.items() for p in ps), key=lambda x: -len(x[0]))
    groups = "|".join(f"(?P<c{i}>{p})" for i, (p, _) in enumerate(phrases))
    return re.compile(rf"\b(?:{groups})\b", re.IGNORECASE), {f"c{i}": name for i, (_, name) in enumerate(phrases)}


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    """Load and compile ``eeo.yaml`` once per process."""
    data = load_data("eeo.yaml")
    chars, canonical = _characteristics_rx(data["characteristics"])
    acc = data["accommodation"]
    return _Lexicon(
        keywords=tuple(k.lower() for k in data["keywords"]),
        employer=tuple(_rx(e["pattern"], e.get("case_sensitive", False)) for e in data["employer"]),
        contextual=tuple(_Contextual(_rx(c["pattern"]), bool(c.get("needs_characteristic")))
                         for c in data["contextual"]),
        stance=_rx(data["stance"]),
        employment=_rx(data["employment"]),
        employment_strong=_rx(data["employment_strong"]),
        program=_rx(data["program"]),
        characteristics=chars,
        characteristic_heads=analysis(chars.pattern, chars.flags)[1],  # from the disk cache: a parse is 3-4 ms
        canonical=canonical,
        mentions=tuple(_Mention(_rx(m["mention"]), _rx(m["context"]) if m.get("context") else None)
                       for m in acc["mentions"]),
        not_request=_rx(acc["not_request"]),
    )


# -- segmentation ----------------------------------------------------------------------------


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    lead = _LEAD.match(text, start, end)
    if lead:
        start = lead.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def _is_wrap(text: str, newline: int, after: int) -> bool:
    """A line break inside a hard-wrapped sentence ("without regard to race,\\ncolor, ...")."""
    before = text[newline - 1] if newline > 0 else ""
    return bool(before and _WRAP_BEFORE.match(before) and _WRAP_AFTER.match(text, after))


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """Sentence spans of the whole text; line breaks end sentences unless they only wrap one."""
    return _sentences(text, 0, len(text))


def _sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence spans of ``text[start:end]``, a paragraph (see :func:`_paragraphs`) or the whole
    text. Boundaries are found in the whole text (lookarounds see past the paragraph)."""
    pos = start
    for m in _BOUNDARY.finditer(text, start):
        if m.start() >= end:
            break
        if m.group().strip() == "" and _is_wrap(text, m.start(), m.end()):
            continue
        span = _trim(text, pos, m.start() + (1 if m.group()[0] in ".!?" else 0))
        if span:
            yield span
        pos = m.end()
    span = _trim(text, pos, end)
    if span:
        yield span


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the text between paragraph breaks (a blank line).

    Sentences never span a break: its first line break ends a sentence and its last one starts
    the next (neither can be a wrap, the other side is blank), so :func:`sentences` of the
    whole text are the sentences of each paragraph in turn. ``end`` is where the break's first
    line break starts ("\r\n" included)."""
    pos = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        end = m.start() - 1 if m.start() > 0 and text[m.start() - 1] == "\r" else m.start()
        yield pos, max(pos, end)
        pos = m.end()
    yield pos, len(text)


def _paragraph_end(text: str, offset: int) -> int:
    m = _PARAGRAPH_BREAK.search(text, offset)
    return m.start() if m else len(text)


# -- the statement ---------------------------------------------------------------------------


def _may_matter(sentence: str, lex: _Lexicon) -> bool:
    """Quick filter: most sentences contain no keyword at all, so skip the patterns there."""
    lowered = sentence.lower()
    return any(map(lowered.__contains__, lex.keywords))


# ``folded`` below is the sentence folded (:func:`~jdlint.prefilter.fold`), for the needle
# tests, or None to run every pattern.


def _about_employment(sentence: str, folded: str | None, lex: _Lexicon) -> bool:
    """True for a sentence about hiring, not about a program's participants or customers."""
    if not lex.employment.search(sentence, folded):
        return False
    return not lex.program.search(sentence, folded) or bool(lex.employment_strong.search(sentence, folded))


def _contextual_match(sentence: str, folded: str | None, lex: _Lexicon) -> bool:
    """A non-discrimination phrase in a sentence about employment ("without regard to" must
    also be followed by a protected characteristic, or it is "regardless of experience")."""
    if not _about_employment(sentence, folded, lex):
        return False
    for c in lex.contextual:
        for m in c.rx.finditer(sentence, folded):
            if not c.needs_characteristic or lex.characteristics.search(sentence, m.end(), m.end() + LIST_REACH):
                return True
    return False


def _strength(sentence: str, folded: str | None, lex: _Lexicon) -> int:
    """2: names an equal-opportunity employer; 1: a non-discrimination statement about hiring."""
    if any(rx.search(sentence, folded) for rx in lex.employer):
        return 2
    if _contextual_match(sentence, folded, lex):
        return 1
    if lex.stance.search(sentence, folded) and not lex.program.search(sentence, folded):
        return 1
    return 0


def protected_characteristics(text: str, start: int = 0, end: int | None = None,
                               folded: str | None = None) -> list[str]:
    """Canonical names of the protected characteristics named in ``text[start:end]``, in order.

    With ``folded`` (:func:`~jdlint.prefilter.fold` of ``text``) the long alternation is tried
    only where a phrase's head occurs, not at every word (ten times faster)."""
    lex = lexicon()
    end = len(text) if end is None else end
    names: list[str] = []
    for m in _characteristic_matches(text, folded, start, end, lex):
        name = lex.canonical[m.lastgroup or ""]
        if name not in names:
            names.append(name)
    return names


def _characteristic_matches(text: str, folded: str | None, start: int, end: int,
                            lex: _Lexicon) -> Iterator[re.Match[str]]:
    """``lex.characteristics.finditer(text, start, end)``: every match starts (after its \\b)
    with a head, so trying the head offsets left to right from the last match's end finds
    the same matches."""
    rx, heads = lex.characteristics, lex.characteristic_heads
    if folded is None or heads is None or len(folded) != len(text):
        yield from rx.finditer(text, start, end)
        return
    last = start
    for at in sorted({at for head in heads for at in _occurrences(folded, head, start, end)}):
        if at >= last and (m := rx.match(text, at, end)) is not None:
            yield m
            last = m.end()


# -- the accommodation clause ----------------------------------------------------------------


def _contact(doc: Document, start: int, end: int) -> str | None:
    """"email", "phone" or "link" if the SOURCE of the span gives one (link targets and some
    addresses are blanked out of the text, so the source is what to read)."""
    s, e = doc.source_span(start, end)
    source = doc.source[s:e]
    if _EMAIL.search(source):
        return "email"
    for m in _PHONE.finditer(source):
        digits = sum(ch.isdigit() for ch in m.group())
        if digits >= 7 and not _DATE.fullmatch(m.group().strip()):
            return "phone"
    if _LINK.search(source):
        return "link"
    return None


def _is_mention(sentence: str, folded: str | None, lex: _Lexicon) -> bool:
    return any(m.rx.search(sentence, folded) and (m.context is None or m.context.search(sentence, folded))
               for m in lex.mentions)


def _accommodation(doc: Document, spans: list[tuple[int, int]], candidates: list[int],
                   lex: _Lexicon) -> dict[str, Any] | None:
    """The first accommodation clause with a contact, else the first without one, else None.

    ``candidates`` are the indexes of the sentences worth testing; the contact may also be in
    one of the next two sentences of the same paragraph ("... let us know. Email jobs@x.org").
    """
    text, folded = doc.text, _folded(doc)
    first = None
    for i in candidates:
        s, e = spans[i]
        sentence = text[s:e]
        folded_sentence = folded[s:e] if folded is not None else None
        if not _is_mention(sentence, folded_sentence, lex):
            continue
        own = _contact(doc, s, e)
        if lex.not_request.search(sentence, folded_sentence) and own is None:
            continue
        reach = min(_paragraph_end(text, e), e + CONTACT_REACH)
        nearby = [sp for sp in spans[i + 1 : i + 3] if sp[0] < reach]
        contact = own or (_contact(doc, e, nearby[-1][1]) if nearby else None)
        found = {"text": sentence, "line": doc.line_of(s), "contact": contact}
        if contact:
            return found
        first = first or found
    return first


def _candidate_sentences(doc: Document, lex: _Lexicon) -> tuple[list[tuple[int, int]], list[int]]:
    """Sentence spans worth reading and the indexes of those that pass :func:`_may_matter`.

    Only paragraphs holding a keyword are split into sentences: most of a posting has none.
    The spans are whole paragraphs' sentences, so a candidate's next sentences in its
    paragraph (where :func:`_accommodation` looks for a contact) are the next spans."""
    text, folded = doc.text, _folded(doc)
    if folded is None:
        spans = list(sentences(text))
        return spans, [i for i, (s, e) in enumerate(spans) if _may_matter(text[s:e], lex)]
    # A keyword in a sentence is one in the folded text (fold only adds ASCII letters), so
    # only the sentences holding a keyword's occurrence are tested (to confirm) by _may_matter.
    hits = sorted((at, at + len(k)) for k in lex.keywords for at in _occurrences(folded, k))
    if not hits:
        return [], []
    starts = [at for at, _ in hits]
    wanted = []
    for s, e in _paragraphs(text):
        if s > starts[-1]:
            break  # no keyword further on
        if _any_between(starts, s, e):
            wanted.append((s, e))
    spans = [span for s, e in wanted for span in _sentences(text, s, e)]
    return spans, [i for i, (s, e) in enumerate(spans)
                   if _holds_hit(hits, starts, s, e) and _may_matter(text[s:e], lex)]


def _holds_hit(hits: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether one of ``hits`` ((start, end), sorted; ``starts`` their starts) lies within."""
    for i in range(bisect_left(starts, start), len(hits)):
        at, stop = hits[i]
        if at >= end:
            return False
        if stop <= end:
            return True
    return False


def _folded(doc: Document) -> str | None:
    """The document's folded text, or None in the never expected case that folding changed
    its length (offsets into it would not be offsets into the text): then nothing is skipped."""
    folded = doc.folded
    return folded if len(folded) == len(doc.text) else None


def _occurrences(text: str, needle: str, start: int = 0, end: int | None = None) -> Iterator[int]:
    """Offsets of ``needle`` in ``text[start:end]`` (overlapping ones too)."""
    at = text.find(needle, start, end)
    while at >= 0:
        yield at
        at = text.find(needle, at + 1, end)


def _any_between(sorted_offsets: list[int], start: int, end: int) -> bool:
    i = bisect_left(sorted_offsets, start)
    return i < len(sorted_offsets) and sorted_offsets[i] < end


def find_eeo(doc: Document) -> Statement | None:
    """The posting's equal-opportunity statement (its strongest, earliest sentence), or None.

    ``details`` holds ``protected_characteristics`` (named anywhere in the statement's
    paragraph) and ``accommodation`` (``{"text", "line", "contact"}`` or None), where
    ``contact`` is "email", "phone", "link" or None when the clause gives no way to ask.
    """
    lex = lexicon()
    text, folded = doc.text, _folded(doc)
    spans, candidates = _candidate_sentences(doc, lex)
    found = []
    for i in candidates:
        s, e = spans[i]
        strength = _strength(text[s:e], folded[s:e] if folded is not None else None, lex)
        if strength:
            found.append((strength, s, e))
    if not found:
        return None
    _, start, end = max(found, key=lambda f: (f[0], -f[1]))
    characteristics: list[str] = []
    for _, s, e in found:
        reach = min(_paragraph_end(text, e), e + CHARACTERISTICS_REACH)
        for name in protected_characteristics(text, s, reach, folded):
            if name not in characteristics:
                characteristics.append(name)
    details = {
        "protected_characteristics": characteristics,
        "accommodation": _accommodation(doc, spans, candidates, lex),
    }
    return Statement(text[start:end], doc.line_of(start), start, end, details)
