"""Checks for the jurisdiction packs (``rules/law-*.yaml``).

A handful of generic checks, each parameterised from YAML, so a jurisdiction is data: the pay
rules of Colorado, New York City and Ontario are one ``law.pay-range`` check with different
``params``. Every check reads which of the rule's jurisdictions applies (``facts.jurisdictions``)
and passes ``{jurisdiction}``, ``{reason}`` and ``{law}`` to the message.

Parameters every check understands:

``preview``
    Default true: before the rule's ``effective.from`` date the runner reports findings as info
    "(in force from DATE)". ``preview: false`` keeps the rule silent until then instead; used for
    changes to a law already in force (Colorado's application deadline, 2024-01-01), where a
    preview would only be noise.
``min_employees``
    The rule's own employer-size threshold when it is above its jurisdiction's
    (``min_employees`` in ``rules/data/jurisdictions.yaml``); with config ``employer_size``
    below it the rule is silent.
``defer_to``
    Jurisdiction ids whose own rule reports the same problem more specifically (New York
    State defers to New York City, the EU to Poland): when one of them applies to the posting
    and its law is in force, this rule is silent, so one missing pay range is one finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache
from typing import Any

from jdlint.engine.checks import check
from jdlint.engine.rule import Hit
from jdlint.jurisdictions.data import model
from jdlint.model import Pay
from jdlint.prefilter import Scan

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
#: Periods a figure is multiplied by to compare it with an annual spread limit.
_ANNUAL = {"year": 1, "month": 12}


# -- shared helpers ----------------------------------------------------------------------------


def _params(rule: Any) -> dict[str, Any]:
    return rule.data.get("params") or {}


@lru_cache(maxsize=512)
def _compiled(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE | re.MULTILINE) for p in patterns)


def _sources(value: Any) -> tuple[str, ...]:
    """The pattern strings of a YAML list (strings or ``{pattern: ...}`` mappings)."""
    if not value:
        return ()
    items = [value] if isinstance(value, str) else value
    return tuple(i["pattern"] if isinstance(i, dict) else str(i) for i in items)


def _regexes(value: Any) -> tuple[re.Pattern[str], ...]:
    """Compile a YAML list of patterns (strings or ``{pattern: ...}`` mappings)."""
    return _compiled(_sources(value)) if value else ()


@lru_cache(maxsize=512)
def _scans_of(patterns: tuple[str, ...]) -> tuple[Scan, ...]:
    return tuple(Scan(rx) for rx in _compiled(patterns))


def _scans(value: Any) -> tuple[Scan, ...]:
    """The patterns of a YAML list as :class:`~jdlint.prefilter.Scan`: a pattern whose words
    are nowhere in the posting is skipped with a substring test instead of a pass over it.
    Built once per list (cached), as the prefilter tests require."""
    return _scans_of(_sources(value)) if value else ()


def _search_any(scans: Iterable[Scan], posting: Any) -> bool:
    """Whether any of ``scans`` matches the posting's text."""
    text, folded = posting.doc.text, posting.folded
    return any(next(scan.finditer(text, folded), None) is not None for scan in scans)


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def context(posting: Any, rule: Any) -> dict[str, Any] | None:
    """Message arguments for this rule on this posting, or None when it must stay silent."""
    params = _params(rule)
    here = {j.id: j.reason for j in posting.facts.jurisdictions}
    jid = next((j for j in rule.jurisdictions if j in here), None)
    if rule.jurisdictions and jid is None:
        return None
    as_of = posting.as_of
    if params.get("preview", True) is False and rule.effective_from and as_of < rule.effective_from:
        return None
    size = getattr(posting.config, "employer_size", None)
    if size is not None and size < int(params.get("min_employees") or 0):
        return None
    data = model()
    for other in params.get("defer_to") or ():
        if other in here:
            spec = data.get(other)
            if spec is None or spec.effective is None or spec.effective <= as_of:
                return None
    spec = data.get(jid) if jid else None
    return {
        "jurisdiction": spec.name if spec else (jid or ""),
        "reason": here.get(jid, "") if jid else "",
        "law": spec.law if spec else "",
    }


def _hit_at(posting: Any, start: int, end: int, text: str | None, args: dict[str, Any], **kw: Any) -> Hit:
    """A Hit on ``start..end`` if that span holds ``text`` in the linted text, else posting-level."""
    doc_text = posting.doc.text
    if 0 <= start < end <= len(doc_text) and (text is None or doc_text[start:end] == text):
        return Hit(start, end, args=args, **kw)
    return Hit(0, 0, posting_level=True, args=args, **kw)


def _pays(posting: Any) -> list[Pay]:
    facts = posting.facts
    return list(facts.pay_ranges) or ([facts.pay] if facts.pay is not None else [])


def _closed(pay: Pay) -> bool:
    return pay.min is not None and pay.max is not None and not pay.open_ended


def _single(pay: Pay) -> bool:
    return _closed(pay) and pay.min == pay.max


def _money(value: float, currency: str | None) -> str:
    symbol = {"USD": "$", "CAD": "$", "EUR": "€", "GBP": "£"}.get(currency or "", "")
    return f"{symbol}{value:,.0f}" if symbol else f"{value:,.0f} {currency or ''}".strip()


def _pay_args(args: dict[str, Any], pay: Pay) -> dict[str, Any]:
    return {**args, "pay": pay.text}


# -- pay ranges --------------------------------------------------------------------------------


@check("law.pay-range")
def pay_range(posting: Any, rule: Any) -> Iterator[Hit]:
    """Pay disclosure. ``test`` picks what is checked:

    ``missing`` (default): the posting states no pay at all; with ``single_figure_ok: false``
    (or a date from which a single figure is enough) a posting whose only pay is one figure
    fails too, with ``single_message``.
    ``open-ended``: the only pay is open-ended ("$20 per hour and up", "up to $90,000").
    ``spread``: a range wider than ``max_spread`` a year, unless its top exceeds
    ``spread_exempt_above`` (Ontario: $50,000 and $200,000); yearly and monthly pay only.
    """
    args = context(posting, rule)
    if args is None:
        return
    params = _params(rule)
    pays = _pays(posting)
    test = params.get("test", "missing")
    if test == "missing":
        if not pays:
            yield Hit(0, 0, posting_level=True, args=args)
            return
        ok = params.get("single_figure_ok", True)
        if not isinstance(ok, bool):
            ok = posting.as_of >= _as_date(ok)
        if not ok and all(_single(p) for p in pays):
            first = pays[0]
            yield _hit_at(posting, first.start, first.end, first.text, _pay_args(args, first),
                          message=params.get("single_message"))
    elif test == "open-ended":
        if any(_closed(p) for p in pays):
            return
        for pay in pays:
            yield _hit_at(posting, pay.start, pay.end, pay.text, _pay_args(args, pay))
    elif test == "spread":
        limit = float(params["max_spread"])
        exempt = float(params.get("spread_exempt_above") or float("inf"))
        for pay in pays:
            if not _closed(pay):
                continue
            period = pay.period or ("year" if (pay.max or 0) >= 10_000 else None)
            factor = _ANNUAL.get(period or "")
            if factor is None:
                continue
            low, high = pay.min * factor, pay.max * factor
            if high > exempt or high - low <= limit:
                continue
            yield _hit_at(posting, pay.start, pay.end, pay.text,
                          {**_pay_args(args, pay), "spread": _money(high - low, pay.currency)})
    else:
        raise ValueError(f"{rule.id}: unknown law.pay-range test {test!r}")


@check("law.pay-minimum")
def pay_minimum(posting: Any, rule: Any) -> Iterator[Hit]:
    """Austria: the minimum pay (collective agreement or law) and whether more may be paid.

    No pay figure at all is the rule's finding. A figure with neither a range nor a word on
    paying more (``overpay_any_of``) gets ``overpay_message`` as info: the law asks for the
    willingness to pay more only where it exists.
    """
    args = context(posting, rule)
    if args is None:
        return
    params = _params(rule)
    pays = _pays(posting)
    if not pays and not _search_any(_scans(params.get("figure_any_of")), posting):
        yield Hit(0, 0, posting_level=True, args=args)
        return
    if any(_closed(p) and p.max > p.min for p in pays):
        return
    if _search_any(_scans(params.get("overpay_any_of")), posting):
        return
    if params.get("overpay_message"):
        first = pays[0] if pays else None
        if first is not None:
            yield _hit_at(posting, first.start, first.end, first.text, _pay_args(args, first),
                          message=params["overpay_message"], severity="info")
        else:
            yield Hit(0, 0, posting_level=True, args=args, message=params["overpay_message"], severity="info")


# -- text the posting must or must not contain ----------------------------------------------------


@check("law.require")
def require(posting: Any, rule: Any) -> Iterator[Hit]:
    """The posting must match one of ``any_of`` (or of ``also_any_of``, a jurisdiction's extra
    forms), and every pattern of ``all_of``; else one posting-level finding."""
    args = context(posting, rule)
    if args is None:
        return
    params = _params(rule)
    patterns = _scans(params.get("any_of")) + _scans(params.get("also_any_of"))
    found_one = not patterns or _search_any(patterns, posting)
    if not found_one or not all(_search_any((scan,), posting) for scan in _scans(params.get("all_of"))):
        yield Hit(0, 0, posting_level=True, args=args)


@check("law.forbid")
def forbid(posting: Any, rule: Any) -> Iterator[Hit]:
    """Flag every match of ``patterns`` (``{pattern, suggestion}`` or strings), except in a
    sentence matching ``unless_sentence_matches`` ("we will not ask about your current salary")."""
    args = context(posting, rule)
    if args is None:
        return
    params = _params(rule)
    text, folded = posting.doc.text, posting.folded
    unless = _regexes(params.get("unless_sentence_matches"))
    entries = params.get("patterns") or []
    seen: list[tuple[int, int]] = []
    for entry, scan in zip(entries, _scans(entries), strict=True):
        suggestion = entry.get("suggestion") if isinstance(entry, dict) else None
        for start, end in scan.spans(text, folded):  # offsets only: the faster case-folded pass
            if end <= start or posting.is_protected(start, end):
                continue
            if any(s < end and start < e for s, e in seen):
                continue
            if unless:
                s, e = posting.sentence_of(start)
                sentence = text[s:e] if e > s else text[max(0, start - 200) : end + 200]
                if any(u.search(sentence) for u in unless):
                    continue
            seen.append((start, end))
            yield Hit(start, end, args={**args, "match": text[start:end]}, suggestion=suggestion)


# -- language ----------------------------------------------------------------------------------


def language_share(text: str, words: Iterable[str]) -> tuple[int, float]:
    """How many words of ``text`` are in ``words`` (lower-cased), and their share of all words."""
    return _share(list(map(str.lower, _WORD.findall(text))), words)


def _share(lowered: list[str], words: Iterable[str]) -> tuple[int, float]:
    vocab = {w.lower() for w in words}
    hits = sum(map(vocab.__contains__, lowered))  # no Python-level loop per word
    return hits, (hits / len(lowered) if lowered else 0.0)


def _lowered_words(posting: Any) -> list[str]:
    """The posting's words, lower-cased: found once per posting, as several rules read them."""
    words = posting.cache.get(_WORDS_KEY)
    if words is None:
        words = posting.cache[_WORDS_KEY] = list(map(str.lower, _WORD.findall(posting.doc.text)))
    return words


_WORDS_KEY = "jdlint.checks.law.words"


def _in_language(posting: Any, params: dict[str, Any]) -> bool:
    hits, share = _share(_lowered_words(posting), params.get("words") or ())
    return hits >= int(params.get("min_words", 5)) and share >= float(params.get("min_share", 0.05))


@check("law.language")
def language(posting: Any, rule: Any) -> Iterator[Hit]:
    """The posting must be written (at least in part) in a language, judged by its common words:
    at least ``min_words`` of ``words`` making at least ``min_share`` of all words."""
    args = context(posting, rule)
    if args is None:
        return
    if not _in_language(posting, _params(rule)):
        yield Hit(0, 0, posting_level=True, args=args)


# -- job titles --------------------------------------------------------------------------------

_TITLE_JUNK = re.compile(r"^[\s#>*_|-]+|[\s*_|]+$")


def job_title(posting: Any) -> tuple[int, int, str] | None:
    """The job title: the ``title`` field if the posting has one, else its first non-empty line.

    Returns (start, end, title); start == end when the title is not in the linted text.
    """
    doc = posting.doc
    text = doc.text
    field = doc.fields.get("title") if isinstance(doc.fields, dict) else None
    if isinstance(field, str) and field.strip():
        title = field.strip()
        pos = text.find(title, 0, 4000)
        return (pos, pos + len(title), title) if pos >= 0 else (0, 0, title)
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = _TITLE_JUNK.sub("", line)
        if stripped.strip():
            start = pos + line.index(stripped)
            return start, start + len(stripped), stripped
        pos += len(line)
    return None


@check("law.title-marker")
def title_marker(posting: Any, rule: Any) -> Iterator[Hit]:
    """A gendered job title with no gender marker or neutral form, in a posting written in the
    language of ``words`` (German: "Einkäufer" fails, "Einkäufer (m/w/d)", "Einkäufer*in" and
    "Leitung Einkauf" pass). ``markers`` are the accepted forms; ``gendered`` matches a noun
    that reads as one sex; ``not_gendered`` lists words it matches that are not role nouns.
    The title is read before the language is judged: the title is short, the posting long."""
    args = context(posting, rule)
    if args is None:
        return
    params = _params(rule)
    found = job_title(posting)
    if found is None:
        return
    start, end, title = found
    if any(rx.search(title) for rx in _regexes(params.get("markers"))):
        return
    skip = {w.lower() for w in params.get("not_gendered") or ()}
    gendered = [m.group() for rx in _regexes(params.get("gendered")) for m in rx.finditer(title)
                if m.group().lower() not in skip]
    if not gendered or not _in_language(posting, params):
        return
    hit_args = {**args, "title": title, "word": gendered[0]}
    if end > start:
        yield Hit(start, end, args=hit_args, suggestion=params.get("suggestion"))
    else:
        yield Hit(0, 0, posting_level=True, args=hit_args, suggestion=params.get("suggestion"))
