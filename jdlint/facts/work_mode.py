"""Work-mode classification (placeholder until the facts issue lands)."""

from __future__ import annotations

from jdlint.document import Document
from jdlint.model import Statement


def classify_work_mode(doc: Document) -> tuple[str | None, list[Statement]]:
    return None, []
