"""Checks shared by every "the posting should state X" rule that reads one extracted fact."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from jdlint.engine.checks import check
from jdlint.engine.rule import Hit


@check("fact.missing")
def fact_missing(posting: Any, rule: Any) -> Iterator[Hit]:
    """One posting-level finding when ``params.fact`` (a Facts field, e.g. ``eeo``) is empty."""
    fact = (rule.data.get("params") or {}).get("fact")
    if not fact or not hasattr(posting.facts, fact):
        raise ValueError(f"{rule.id}: params.fact must name a fact (eeo, work_mode, pay, locations...)")
    if getattr(posting.facts, fact) in (None, [], {}):
        yield Hit(0, 0, posting_level=True)
