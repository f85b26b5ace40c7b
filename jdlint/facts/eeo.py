"""Equal-opportunity statement detection (placeholder until the facts issue lands)."""

from __future__ import annotations

from jdlint.document import Document
from jdlint.model import Statement


def find_eeo(doc: Document) -> Statement | None:
    return None
