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
from jdlint.model import Facts, Pay


def record_pay(doc: Document) -> list[Pay]:
    """The pay a JSON record gives in its own fields (schema.org ``baseSalary``, Greenhouse
    ``pay_input_ranges``, Lever ``salaryRange``) when its text states none.

    A record is what a job board displays, pay field included, so a JobPosting whose
    description leaves the pay to ``baseSalary`` does give it. An HTML page is different: its
    JSON-LD is read by search engines, not by the applicant on the page, and pay laws are met
    by the text, so a page's markup does not stand in for pay its text lacks (the schema rules
    compare the two)."""
    if doc.format == "html" or not ("jobposting" in doc.fields or "record" in doc.fields):
        return []
    from jdlint.facts.structured import structured_facts

    return list(structured_facts(doc).get("pay", ()))


def extract_facts(doc: Document) -> Facts:
    locations = find_locations(doc)
    pays = find_pay(doc, locations) or record_pay(doc)
    mode, markers = classify_work_mode(doc)
    return Facts(
        pay=pays[0] if pays else None,
        pay_ranges=pays,
        locations=locations,
        work_mode=mode,
        work_mode_markers=markers,
        eeo=find_eeo(doc),
    )
