"""Work-mode checks: does the posting say whether the job is remote, hybrid or on-site, and
does it say so consistently?

Both read ``posting.facts`` (see :mod:`jdlint.facts.work_mode`), so the rules agree with the
``work_mode`` the JSON report gives job boards.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from jdlint.engine.checks import check
from jdlint.engine.rule import Hit
from jdlint.facts.work_mode import find_conflict
from jdlint.model import Statement

#: How modes read in messages.
MODE_NAMES = {"remote": "remote", "hybrid": "hybrid", "onsite": "on-site"}


@check("work-mode.conflict")
def work_mode_conflict(posting: Any, rule: Any) -> Iterator[Hit]:
    """One finding per posting, on the second of the first two markers that disagree."""
    pair = find_conflict(posting.facts.work_mode_markers)
    if pair is None:
        return
    first, second = pair
    args = {
        "first": _quote(first),
        "first_mode": MODE_NAMES[first.details["mode"]],
        "first_line": first.line,
        "second": _quote(second),
        "second_mode": MODE_NAMES[second.details["mode"]],
        "second_line": second.line,
    }
    if _in_text(posting, second):
        yield Hit(second.start, second.end, args=args)
    else:
        yield Hit(0, 0, args=args, posting_level=True)


def _quote(marker: Statement) -> str:
    return " ".join(marker.text.split())


def _in_text(posting: Any, marker: Statement) -> bool:
    """Front-matter markers are not in the linted text (it is blanked there)."""
    return marker.end > marker.start and posting.doc.text[marker.start:marker.end] == marker.text
