"""The posting-level gender-coding balance warning (reads facts.gender_coding)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from jdlint.engine.checks import check
from jdlint.engine.rule import Hit


@check("bias.gender-coded-balance")
def gender_balance(posting: Any, rule: Any) -> Iterator[Hit]:
    coding = posting.facts.gender_coding
    threshold = int((rule.data.get("params") or {}).get("threshold", 3))
    if not coding or coding["score"] >= -threshold:
        return
    yield Hit(0, 0, posting_level=True, args={
        "balance": "strongly masculine-coded",
        "masculine": coding["masculine"],
        "feminine": coding["feminine"],
        "masculine_words": ", ".join(coding["masculine_words"]) or "none",
        "feminine_words": ", ".join(coding["feminine_words"]) or "none",
    })
