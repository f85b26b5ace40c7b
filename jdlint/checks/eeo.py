"""Equal-opportunity checks: is there a statement, does it name what it protects, and does the
posting tell applicants how to ask for a disability accommodation?

All three read ``posting.facts.eeo`` (see :mod:`jdlint.facts.eeo`). The two refinements run
only when a statement exists: without one, ``eeo.missing`` already asks for it, and the
statement it points to (the EEOC sample) carries both the list and the accommodation clause,
so one gap gives one finding.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from jdlint.engine.checks import check
from jdlint.engine.rule import Hit

NO_CONTACT = ("“{match}” mentions accommodations but gives no e-mail address, phone number or link "
              "to ask for one.")


@check("eeo.no-protected-characteristics")
def eeo_no_characteristics(posting: Any, rule: Any) -> Iterator[Hit]:
    eeo = posting.facts.eeo
    if eeo is not None and not eeo.details.get("protected_characteristics"):
        yield Hit(eeo.start, eeo.end)


@check("eeo.no-accommodation")
def eeo_no_accommodation(posting: Any, rule: Any) -> Iterator[Hit]:
    """On the accommodation sentence when it gives no contact, else on the EEO statement."""
    eeo = posting.facts.eeo
    if eeo is None:
        return
    clause = eeo.details.get("accommodation")
    if clause is None:
        yield Hit(eeo.start, eeo.end)
    elif clause.get("contact") is None:
        start = posting.doc.text.find(clause["text"])
        if start >= 0:
            yield Hit(start, start + len(clause["text"]), message=NO_CONTACT)
        else:
            yield Hit(eeo.start, eeo.end, message=NO_CONTACT.replace("“{match}”", "The accommodation clause"))
