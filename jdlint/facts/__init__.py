"""Fact extraction: what a posting says about pay, place, work mode and equal opportunity.

Each extractor is a module with one job and a pure function over the Document, so it can be
tested on strings. Order matters only where one fact informs another: locations first
(a "$" in a Toronto job is CAD), then pay, work mode and the EEO statement.
"""

from __future__ import annotations

from jdlint.document import Document
from jdlint.facts.eeo import find_eeo
from jdlint.facts.location import find_locations
from jdlint.facts.pay import find_pay
from jdlint.facts.work_mode import classify_work_mode
from jdlint.model import Facts


def extract_facts(doc: Document) -> Facts:
    locations = find_locations(doc)
    pays = find_pay(doc, locations)
    mode, markers = classify_work_mode(doc)
    return Facts(
        pay=pays[0] if pays else None,
        pay_ranges=pays,
        locations=locations,
        work_mode=mode,
        work_mode_markers=markers,
        eeo=find_eeo(doc),
    )
