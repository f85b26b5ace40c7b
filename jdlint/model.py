"""The typed results jdlint hands to users: findings, facts and per-file results.

These dataclasses mirror the JSON report field for field (``to_dict`` produces exactly the
report's shape), so the Python API and the JSON output can never drift apart.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from operator import attrgetter
from typing import Any, Literal, TypeVar

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
#: Higher number = more severe; used by --fail-on and sorting.
SEVERITY_RANK: dict[str, int] = {"info": 1, "warning": 2, "error": 3}

WorkMode = Literal["remote", "hybrid", "onsite"]
PERIODS: tuple[str, ...] = ("hour", "day", "week", "month", "year")

_T = TypeVar("_T")


def _pickled_by_position(cls: type[_T]) -> type[_T]:
    """Pickle instances as the class and its field values, rebuilt by calling the class.

    Results travel from worker processes back to the parent; the default pickling of a
    slotted dataclass goes through copyreg's Python helpers and a name -> value dict per
    object, about four times slower to load and twice the bytes."""
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    assert all(f.init and not f.kw_only for f in fields(cls)) and len(names) > 1  # type: ignore[arg-type]
    values = attrgetter(*names)

    def __reduce__(self: Any) -> tuple[Any, tuple[Any, ...]]:
        if type(self) is not cls:  # a subclass: its own fields, whatever they are
            return type(self), tuple(getattr(self, f.name) for f in fields(self))
        return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[assignment,method-assign]
    return cls


@_pickled_by_position
@dataclass(slots=True)
class Finding:
    """One problem found in one posting, positioned in the ORIGINAL file (1-based, code points)."""

    rule: str
    category: str
    severity: str
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    match: str = ""
    suggestion: str | None = None
    # Offsets into the original source; not part of the JSON report but used by --fix and SARIF.
    start: int = field(default=0, repr=False, compare=False)
    end: int = field(default=0, repr=False, compare=False)
    # True for findings about the posting as a whole ("no pay range"), placed on line 1.
    posting_level: bool = field(default=False, repr=False, compare=False)
    # A single safe replacement for the matched source text (used by --fix and SARIF fixes).
    fix: str | None = field(default=None, repr=False, compare=False)
    # Findings sharing a once_key are reported at their first unsuppressed place only.
    once_key: str | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "match": self.match,
            "suggestion": self.suggestion,
        }

    def sort_key(self) -> tuple[int, int, str]:
        return (self.line, self.column, self.rule)


@_pickled_by_position
@dataclass(slots=True)
class Pay:
    """A pay figure or range as the posting states it.

    ``min``/``max`` are equal for a single figure; one of them is None for an open-ended
    range ("up to $90k" has only ``max``). ``start``/``end`` are offsets in the plain text.
    """

    min: float | None
    max: float | None
    currency: str | None
    period: str | None
    text: str
    line: int
    open_ended: bool = False
    period_inferred: bool = False
    currency_inferred: bool = False
    start: int = field(default=0, repr=False, compare=False)
    end: int = field(default=0, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "min": self.min,
            "max": self.max,
            "currency": self.currency,
            "period": self.period,
            "text": self.text,
            "line": self.line,
            "open_ended": self.open_ended,
            "period_inferred": self.period_inferred,
            "currency_inferred": self.currency_inferred,
        }


@_pickled_by_position
@dataclass(slots=True)
class Location:
    """A place the posting names as where the job is (or where remote applicants may be)."""

    text: str
    line: int
    country: str | None = None  # ISO 3166-1 alpha-2
    subdivision: str | None = None  # ISO 3166-2, e.g. "US-CO"
    city: str | None = None
    remote_region: bool = False  # True for "Remote (US)", "Anywhere in Europe", ...
    start: int = field(default=0, repr=False, compare=False)
    end: int = field(default=0, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "line": self.line,
            "country": self.country,
            "subdivision": self.subdivision,
            "city": self.city,
            "remote_region": self.remote_region,
        }


@_pickled_by_position
@dataclass(slots=True)
class Statement:
    """A located piece of text that establishes a fact (an EEO statement, a work-mode marker)."""

    text: str
    line: int
    start: int = field(default=0, repr=False, compare=False)
    end: int = field(default=0, repr=False, compare=False)
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "line": self.line}
        out.update(self.details)
        return out


@_pickled_by_position
@dataclass(slots=True)
class Jurisdiction:
    """A jurisdiction whose rules were applied, and why."""

    id: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "reason": self.reason}


@_pickled_by_position
@dataclass(slots=True)
class Facts:
    """What jdlint extracted from a posting, for job boards and for the fact-based rules."""

    pay: Pay | None = None
    pay_ranges: list[Pay] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    work_mode: str | None = None
    work_mode_markers: list[Statement] = field(default_factory=list)
    eeo: Statement | None = None
    jurisdictions: list[Jurisdiction] = field(default_factory=list)
    gender_coding: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "pay": self.pay.to_dict() if self.pay else None,
            "pay_ranges": [p.to_dict() for p in self.pay_ranges],
            "locations": [loc.to_dict() for loc in self.locations],
            "work_mode": self.work_mode,
            "work_mode_markers": [m.to_dict() for m in self.work_mode_markers],
            "eeo": self.eeo.to_dict() if self.eeo else None,
            "jurisdictions": [j.to_dict() for j in self.jurisdictions],
            "gender_coding": dict(self.gender_coding),
        }
        out.update(self.extra)
        return out


@_pickled_by_position
@dataclass(slots=True)
class Result:
    """Everything jdlint found in one posting."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    facts: Facts = field(default_factory=Facts)
    # Suppression comments that suppressed nothing (only filled with --report-unused-disables).
    unused_disables: list[Finding] = field(default_factory=list)
    # Set when the file could not be read; findings and facts are then empty.
    error: str | None = None
    # Free-form information about how the input was read (e.g. {"input": "greenhouse"}).
    meta: dict[str, Any] = field(default_factory=dict)
    # The original source, kept for the text report's excerpts and for --fix.
    source: str | None = field(default=None, repr=False, compare=False)
    # The reader that read it ("text", "markdown", "html"...), for --fix.
    input_format: str | None = field(default=None, repr=False, compare=False)

    @property
    def file(self) -> str:
        """The file the positions point into (a JSON Lines record's ``path`` is ``file#id``)."""
        return str(self.meta.get("file") or self.path)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "path": self.path,
            "facts": self.facts.to_dict(),
            "findings": [f.to_dict() for f in self.findings],
        }
        if self.meta:
            out["meta"] = dict(self.meta)
        return out


def as_plain(obj: Any) -> Any:
    """dataclasses.asdict wrapper kept for callers that want every field, internal ones included."""
    return asdict(obj)
