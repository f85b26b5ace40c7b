"""Location checks: does the posting say where the job is, and where a remote worker may be?

Both read ``posting.facts``: the places from :mod:`jdlint.facts.location` and the work mode
from :mod:`jdlint.facts.work_mode`. A fully remote role is judged only by the second check,
so one silent remote posting gets one finding, not two.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from jdlint.engine.checks import check
from jdlint.engine.rule import Hit
from jdlint.model import Location

_REMOTE_WORD = re.compile(r"(?i)\bremote(?:ly)?\b")


def _says_where_remote(loc: Location) -> bool:
    """A place that bounds where a remote worker may be: a region, country, state or time zone."""
    return loc.remote_region or bool(loc.country or loc.subdivision)


@check("location.missing")
def location_missing(posting: Any, rule: Any) -> Iterator[Hit]:
    if posting.facts.locations or posting.facts.work_mode == "remote":
        return
    yield Hit(0, 0, posting_level=True)


@check("location.remote-region-missing")
def remote_region_missing(posting: Any, rule: Any) -> Iterator[Hit]:
    if posting.facts.work_mode != "remote":
        return
    if any(_says_where_remote(loc) for loc in posting.facts.locations):
        return
    start, end = _remote_marker(posting)
    if end > start:
        yield Hit(start, end)
    else:
        yield Hit(0, 0, posting_level=True)


def _remote_marker(posting: Any) -> tuple[int, int]:
    """Where the posting says it is remote: the first remote work-mode marker in the text,
    else the first word "remote"; (0, 0) when neither is in the linted text."""
    text = posting.doc.text
    for marker in posting.facts.work_mode_markers:
        if marker.details.get("mode") != "remote" or marker.end <= marker.start:
            continue
        if text[marker.start:marker.end].strip() and text[marker.start:marker.end] == marker.text:
            return marker.start, marker.end
    m = _REMOTE_WORD.search(text)
    return (m.start(), m.end()) if m else (0, 0)
