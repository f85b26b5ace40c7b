"""Pay extraction (placeholder until the facts issue lands)."""

from __future__ import annotations

from jdlint.document import Document
from jdlint.model import Location, Pay


def find_pay(doc: Document, locations: list[Location] | None = None) -> list[Pay]:
    return []
