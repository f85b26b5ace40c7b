"""Checks of a posting's schema.org JobPosting: is it complete, valid, and true to the text?

Google for Jobs reads the JobPosting markup, not the prose, so a page whose markup says
TELECOMMUTE while the text says "hybrid", or whose baseSalary disagrees with the range in
the text, misleads applicants and is against Google's structured-data policy. These checks
fire only when the document carries a JobPosting (HTML JSON-LD or a schema.org ``.json``).

The text side is read with the text extractors themselves, on the Document with its
``fields`` emptied, not from ``posting.facts``: the merged facts take structured values the
text lacks (``baseSalary`` of a JSON record, fields such as ``location``), and comparing the
markup with itself finds nothing.
Findings about markup that is not in the linted text are posting-level (line 1) and name
the line of the offending property in their message.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any

from jdlint.engine.checks import check
from jdlint.engine.rule import Hit
from jdlint.facts.structured import UNITS, jobposting_locations, jobposting_pay, line_of, number, salaries
from jdlint.model import Location, Pay
from jdlint.readers.jsonld import is_blank, is_telecommute

REQUIRED = ("datePosted", "description", "hiringOrganization", "jobLocation", "title")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_PER_YEAR = {"hour": 2080, "day": 260, "week": 52, "month": 12, "year": 1}


def _jobposting(posting: Any) -> dict[str, Any] | None:
    value = posting.doc.fields.get("jobposting")
    return value if isinstance(value, dict) else None


def _where(posting: Any, pointer: str) -> str:
    line = line_of(posting.doc, pointer)
    return f" (line {line})" if line > 1 else ""


def _text_facts(posting: Any) -> dict[str, Any]:
    """Pay, places and work mode as the TEXT states them, computed once per posting."""
    cached = posting.cache.get("schema.text_facts")
    if cached is None:
        from jdlint.facts import location, pay, work_mode

        text_only = dataclasses.replace(posting.doc, fields={})
        locations = location.find_locations(text_only)
        mode, markers = work_mode.classify_work_mode(text_only)
        cached = {"locations": locations, "pay": pay.find_pay(text_only, locations),
                  "work_mode": mode, "markers": markers}
        posting.cache["schema.text_facts"] = cached
    return cached


@check("schema.required-missing")
def required_missing(posting: Any, rule: Any) -> Iterator[Hit]:
    jp = _jobposting(posting)
    if jp is None:
        return
    for prop in REQUIRED:
        if not is_blank(jp.get(prop)):
            continue
        if prop == "jobLocation" and is_telecommute(jp):
            if is_blank(jp.get("applicantLocationRequirements")):
                yield Hit(0, 0, posting_level=True, args={"property": "applicantLocationRequirements"},
                          message="The JobPosting is marked TELECOMMUTE but has neither jobLocation nor "
                                  "applicantLocationRequirements; Google requires one of them to know where "
                                  "applicants may live.")
            continue
        yield Hit(0, 0, posting_level=True, args={"property": prop})


def _salary_problems(sal: Any) -> Iterator[str]:
    if isinstance(sal.raw, (int, float, str)) and not isinstance(sal.raw, bool):
        yield "it is a bare value; give a MonetaryAmount with currency and a QuantitativeValue"
        return
    if not isinstance(sal.raw, dict):
        yield "it is not a MonetaryAmount object"
        return
    if is_blank(sal.currency):
        yield "it has no currency (an ISO 4217 code such as USD)"
    elif not isinstance(sal.currency, str) or not _CURRENCY.match(sal.currency.strip()):
        yield f"currency {sal.currency!r} is not an ISO 4217 code such as USD"
    if is_blank(sal.unit):
        yield "it has no unitText (HOUR, DAY, WEEK, MONTH or YEAR)"
    elif sal.unit not in UNITS:
        yield f"unitText {sal.unit!r} is not one of HOUR, DAY, WEEK, MONTH, YEAR (they are case-sensitive)"
    values = {"value": sal.value, "minValue": sal.min, "maxValue": sal.max}
    if all(is_blank(v) for v in values.values()):
        yield "it has no value, minValue or maxValue"
        return
    for key, raw in values.items():
        if is_blank(raw):
            continue
        n = number(raw)
        if n is None or (isinstance(raw, str) and not re.fullmatch(r"\s*\d+(?:\.\d+)?\s*", raw)):
            yield f"{key} {raw!r} is not a plain number"
        elif n <= 0:
            yield f"{key} {raw!r} is not a positive amount"
    lo, hi = number(sal.min), number(sal.max)
    if lo is not None and hi is not None and lo > hi:
        yield f"minValue {sal.min!r} is greater than maxValue {sal.max!r}"


@check("schema.salary-invalid")
def salary_invalid(posting: Any, rule: Any) -> Iterator[Hit]:
    jp = _jobposting(posting)
    if jp is None:
        return
    for sal in salaries(jp):
        where = _where(posting, sal.pointer)
        for problem in _salary_problems(sal):
            yield Hit(0, 0, posting_level=True, args={"problem": problem, "where": where})


def _marker_for(markers: list[Any], mode: str) -> Any:
    for m in markers:
        details = getattr(m, "details", None) or {}
        if details.get("mode") == mode or details.get("work_mode") == mode:
            return m
    return markers[0] if markers else None


def _hit_at(span_owner: Any, **kwargs: Any) -> Hit:
    if span_owner is not None and getattr(span_owner, "end", 0) > getattr(span_owner, "start", 0):
        return Hit(span_owner.start, span_owner.end, **kwargs)
    return Hit(0, 0, posting_level=True, **kwargs)


@check("schema.remote-mismatch")
def remote_mismatch(posting: Any, rule: Any) -> Iterator[Hit]:
    jp = _jobposting(posting)
    if jp is None:
        return
    facts = _text_facts(posting)
    mode = facts["work_mode"]
    where = _where(posting, "/jobLocationType")
    if is_telecommute(jp) and mode in ("hybrid", "onsite"):
        said = "hybrid" if mode == "hybrid" else "on-site"
        yield _hit_at(_marker_for(facts["markers"], mode), args={"text_mode": said, "where": where})
    elif not is_telecommute(jp) and mode == "remote":
        yield _hit_at(_marker_for(facts["markers"], mode), args={"text_mode": "remote", "where": where},
                      message="The text says the job is remote, but the JobPosting has no jobLocationType "
                              "TELECOMMUTE, so job search shows it as on-site.")


def _range(p: Pay) -> tuple[float, float] | None:
    lo = p.min if p.min is not None else p.max
    hi = p.max if p.max is not None else p.min
    return None if lo is None or hi is None else (lo, hi)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 0.01 * max(abs(a), abs(b)) + 0.5


def pay_agrees(a: Pay, b: Pay) -> bool:
    """Same currency and period (when both say), and the same range within 1%.

    A single figure agrees with a range that contains it; figures for different periods are
    compared per year (2080 hours, 260 days, 52 weeks, 12 months).
    """
    if a.currency and b.currency and a.currency != b.currency:
        return False
    ra, rb = _range(a), _range(b)
    if ra is None or rb is None:
        return True
    if a.period and b.period and a.period != b.period:
        fa, fb = _PER_YEAR.get(a.period), _PER_YEAR.get(b.period)
        if fa is None or fb is None:
            return True
        ra, rb = (ra[0] * fa, ra[1] * fa), (rb[0] * fb, rb[1] * fb)
    if _close(ra[0], rb[0]) and _close(ra[1], rb[1]):
        return True
    for single, other in ((ra, rb), (rb, ra)):
        if _close(single[0], single[1]) and other[0] - 0.5 <= single[0] <= other[1] + 0.5:
            return True
    return False


def _describe(p: Pay) -> str:
    lo, hi = p.min, p.max
    def f(x: float | None) -> str:
        return "?" if x is None else (f"{x:,.0f}" if x == int(x) else f"{x:,.2f}")
    amount = f(lo) if lo == hi else f"{f(lo)}–{f(hi)}"
    return " ".join(x for x in ((p.currency or ""), amount, (f"per {p.period}" if p.period else "")) if x)


def _countries(locations: list[Location]) -> set[str]:
    return {loc.country for loc in locations if loc.country and not loc.remote_region}


@check("schema.text-mismatch")
def text_mismatch(posting: Any, rule: Any) -> Iterator[Hit]:
    jp = _jobposting(posting)
    if jp is None:
        return
    facts = _text_facts(posting)
    structured = jobposting_pay(posting.doc, jp)
    stated = [p for p in facts["pay"] if p.end > p.start]
    if structured and stated and not any(pay_agrees(s, t) for s in structured for t in stated):
        s, t = structured[0], stated[0]
        yield Hit(t.start, t.end, args={"what": "pay", "structured": f"baseSalary {_describe(s)}",
                                        "stated": t.text or _describe(t), "where": f" (line {s.line})"})
    places = jobposting_locations(posting.doc, jp)
    ours, theirs = _countries(places), _countries(facts["locations"])
    if ours and theirs and not ours & theirs:
        first = next(loc for loc in facts["locations"] if loc.country in theirs)
        place = next(p for p in places if p.country in ours)
        yield _hit_at(first, args={"what": "location", "structured": f"jobLocation {place.text}",
                                   "stated": first.text, "where": f" (line {place.line})"})
