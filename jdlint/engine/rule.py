"""A rule as loaded from a YAML pack: metadata shared by every kind, plus the kind's data.

The metadata is the single source of ``jdlint rules``, ``jdlint explain``, the README rule
table and SARIF ``help``, so an explanation can never drift from the rule it explains.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(slots=True)
class Hit:
    """What a check kind reports before it becomes a Finding: a span of the plain text.

    ``args`` fill the rule's message template (``{match}`` is always available);
    ``posting_level`` marks findings about the whole posting (placed on line 1).
    """

    start: int
    end: int
    args: dict[str, Any] = field(default_factory=dict)
    suggestion: str | None = None
    message: str | None = None  # overrides the rule's message template
    posting_level: bool = False
    severity: str | None = None  # overrides the rule's severity (e.g. info before a law takes effect)


@dataclass(slots=True)
class Rule:
    id: str
    category: str
    severity: str
    message: str
    rationale: str
    sources: list[str]
    kind: str
    data: dict[str, Any]
    pack: str  # path of the YAML file that declared it
    name: str = ""
    enabled: bool = True  # False: opt-in, runs only when selected
    effective_from: date | None = None
    effective_until: date | None = None
    jurisdictions: list[str] = field(default_factory=list)
    examples_fail: list[str] = field(default_factory=list)
    examples_pass: list[str] = field(default_factory=list)
    precision: str = "high"
    tags: list[str] = field(default_factory=list)
    compiled: Any = None  # the kind's compiled form (patterns, term index...)

    @property
    def short(self) -> str:
        """One-line description for listings: the message without template fields."""
        text = self.name or self.message
        return text.replace("{match}", "…").split("{")[0].strip().rstrip(":,") or self.id

    def in_force(self, on: date) -> bool:
        if self.effective_from and on < self.effective_from:
            return False
        return not (self.effective_until and on >= self.effective_until)
