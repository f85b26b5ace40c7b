"""Inferring applicable jurisdictions (placeholder until the jurisdiction issue lands)."""

from __future__ import annotations

from typing import Any

from jdlint.document import Document
from jdlint.model import Facts, Jurisdiction


def infer_jurisdictions(doc: Document, facts: Facts, config: Any = None) -> list[Jurisdiction]:
    explicit = list(getattr(config, "jurisdictions", None) or [])
    return [Jurisdiction(j, "configured") for j in explicit]
