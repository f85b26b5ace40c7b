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
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jdlint.data import load_data
from jdlint.document import Document
from jdlint.model import Statement

#: How far past the statement's sentence (within its paragraph) to look for the characteristics.
CHARACTERISTICS_REACH = 600
#: How far past a "regardless of" / "without regard to" the first characteristic must start.
LIST_REACH = 120
#: How far past an accommodation sentence (within its paragraph) to look for a contact.
CONTACT_REACH = 400

# Sentence ends: . ! ? then space or a glued capital, but not in "U.S." and not before a
# lower-case word ("Inc. is"); or a line break that does not merely wrap a sentence.
_BOUNDARY = re.compile(r"(?<![\s.(][A-Za-z])(?<![.!?])[.!?]++(?:[ \t]+(?![a-z])|(?=[A-Z\"“(])|(?=\r?\n))|\r?\n")
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
class _Contextual:
    rx: re.Pattern[str]
    needs_characteristic: bool


@dataclass(frozen=True, slots=True)
class _Mention:
    rx: re.Pattern[str]
    context: re.Pattern[str] | None


@dataclass(frozen=True, slots=True)
class _Lexicon:
    keywords: tuple[str, ...]  # a sentence without any of these holds no statement or clause
    employer: tuple[re.Pattern[str], ...]
    contextual: tuple[_Contextual, ...]
    stance: re.Pattern[str]
    employment: re.Pattern[str]
    employment_strong: re.Pattern[str]
    program: re.Pattern[str]
    characteristics: re.Pattern[str]
    canonical: dict[str, str]  # group name -> canonical name
    mentions: tuple[_Mention, ...]
    not_request: re.Pattern[str]


def _rx(pattern: str, case_sensitive: bool = False) -> re.Pattern[str]:
    return re.compile(pattern, 0 if case_sensitive else re.IGNORECASE)


def _characteristics_rx(table: dict[str, list[str]]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One alternation over every phrase, longest first, so "gender identity" beats "gender";
    each phrase is a named group, mapped to its canonical name."""
    phrases = sorted(((p, name) for name, ps in table.items() for p in ps), key=lambda x: -len(x[0]))
    groups = "|".join(f"(?P<c{i}>{p})" for i, (p, _) in enumerate(phrases))
    return _rx(rf"\b(?:{groups})\b"), {f"c{i}": name for i, (_, name) in enumerate(phrases)}


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
    pos = 0
    for m in _BOUNDARY.finditer(text):
        if m.group().strip() == "" and _is_wrap(text, m.start(), m.end()):
            continue
        span = _trim(text, pos, m.start() + (1 if m.group()[0] in ".!?" else 0))
        if span:
            yield span
        pos = m.end()
    span = _trim(text, pos, len(text))
    if span:
        yield span


def _paragraph_end(text: str, offset: int) -> int:
    m = _PARAGRAPH_BREAK.search(text, offset)
    return m.start() if m else len(text)


# -- the statement ---------------------------------------------------------------------------


def _may_matter(sentence: str, lex: _Lexicon) -> bool:
    """Quick filter: most sentences contain no keyword at all, so skip the patterns there."""
    lowered = sentence.lower()
    return any(k in lowered for k in lex.keywords)


def _about_employment(sentence: str, lex: _Lexicon) -> bool:
    """True for a sentence about hiring, not about a program's participants or customers."""
    if not lex.employment.search(sentence):
        return False
    return not lex.program.search(sentence) or bool(lex.employment_strong.search(sentence))


def _contextual_match(sentence: str, lex: _Lexicon) -> bool:
    """A non-discrimination phrase in a sentence about employment ("without regard to" must
    also be followed by a protected characteristic, or it is "regardless of experience")."""
    if not _about_employment(sentence, lex):
        return False
    for c in lex.contextual:
        for m in c.rx.finditer(sentence):
            if not c.needs_characteristic or lex.characteristics.search(sentence, m.end(), m.end() + LIST_REACH):
                return True
    return False


def _strength(sentence: str, lex: _Lexicon) -> int:
    """2: names an equal-opportunity employer; 1: a non-discrimination statement about hiring."""
    if any(rx.search(sentence) for rx in lex.employer):
        return 2
    if _contextual_match(sentence, lex):
        return 1
    if lex.stance.search(sentence) and not lex.program.search(sentence):
        return 1
    return 0


def protected_characteristics(text: str, start: int = 0, end: int | None = None) -> list[str]:
    """Canonical names of the protected characteristics named in ``text[start:end]``, in order."""
    lex = lexicon()
    names: list[str] = []
    for m in lex.characteristics.finditer(text, start, len(text) if end is None else end):
        name = lex.canonical[m.lastgroup or ""]
        if name not in names:
            names.append(name)
    return names


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


def _is_mention(sentence: str, lex: _Lexicon) -> bool:
    return any(m.rx.search(sentence) and (m.context is None or m.context.search(sentence))
               for m in lex.mentions)


def _accommodation(doc: Document, spans: list[tuple[int, int]], candidates: list[int],
                   lex: _Lexicon) -> dict[str, Any] | None:
    """The first accommodation clause with a contact, else the first without one, else None.

    ``candidates`` are the indexes of the sentences worth testing; the contact may also be in
    one of the next two sentences of the same paragraph ("... let us know. Email jobs@x.org").
    """
    text = doc.text
    first = None
    for i in candidates:
        s, e = spans[i]
        sentence = text[s:e]
        if not _is_mention(sentence, lex):
            continue
        own = _contact(doc, s, e)
        if lex.not_request.search(sentence) and own is None:
            continue
        reach = min(_paragraph_end(text, e), e + CONTACT_REACH)
        nearby = [sp for sp in spans[i + 1 : i + 3] if sp[0] < reach]
        contact = own or (_contact(doc, e, nearby[-1][1]) if nearby else None)
        found = {"text": sentence, "line": doc.line_of(s), "contact": contact}
        if contact:
            return found
        first = first or found
    return first


def find_eeo(doc: Document) -> Statement | None:
    """The posting's equal-opportunity statement (its strongest, earliest sentence), or None.

    ``details`` holds ``protected_characteristics`` (named anywhere in the statement's
    paragraph) and ``accommodation`` (``{"text", "line", "contact"}`` or None), where
    ``contact`` is "email", "phone", "link" or None when the clause gives no way to ask.
    """
    lex = lexicon()
    text = doc.text
    spans = list(sentences(text))
    candidates = [i for i, (s, e) in enumerate(spans) if _may_matter(text[s:e], lex)]
    found = []
    for i in candidates:
        s, e = spans[i]
        strength = _strength(text[s:e], lex)
        if strength:
            found.append((strength, s, e))
    if not found:
        return None
    _, start, end = max(found, key=lambda f: (f[0], -f[1]))
    characteristics: list[str] = []
    for _, s, e in found:
        reach = min(_paragraph_end(text, e), e + CHARACTERISTICS_REACH)
        for name in protected_characteristics(text, s, reach):
            if name not in characteristics:
                characteristics.append(name)
    details = {
        "protected_characteristics": characteristics,
        "accommodation": _accommodation(doc, spans, candidates, lex),
    }
    return Statement(text[start:end], doc.line_of(start), start, end, details)
