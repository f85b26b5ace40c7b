"""A rule as loaded from a YAML pack: metadata shared by every kind, plus the kind's data.

The metadata is the single source of ``jdlint rules``, ``jdlint explain``, the README rule
table and SARIF ``help``, so an explanation can never drift from the rule it explains.
"""

from __future__ import annotations

import re
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
    fix: str | None = None  # a single safe replacement for the span
    once_key: str | None = None  # report only the first unsuppressed hit with this key (terms `once:`)


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
    summary: str = ""  # one line for listings; derived from the message when absent
    enabled: bool = True  # False: opt-in, runs only when selected
    effective_from: date | None = None
    effective_until: date | None = None
    jurisdictions: list[str] = field(default_factory=list)
    examples_fail: list[str] = field(default_factory=list)
    examples_pass: list[str] = field(default_factory=list)
    examples_format: str | None = None  # reader for the examples (default: plain text)
    precision: str = "high"
    tags: list[str] = field(default_factory=list)
    # Rules that say the same more precisely: this rule's findings are dropped from a posting
    # where one of them fired (pay.missing where pay.vague points at "competitive salary").
    superseded_by: list[str] = field(default_factory=list)
    compiled: Any = None  # the kind's compiled form (patterns, term index...)

    @property
    def short(self) -> str:
        """One-line description for listings: the message without template fields."""
        if self.summary:
            return self.summary
        text = re.sub(r"\s*\(?“?\{[a-z_]+\}”?\)?", " …", self.message).strip()
        first = re.split(r"(?<=[.;])\s", text)[0]
        return first if len(first) <= 100 else first[:99] + "…"

    def in_force(self, on: date) -> bool:
        if self.effective_from and on < self.effective_from:
            return False
        return not (self.effective_until and on >= self.effective_until)
