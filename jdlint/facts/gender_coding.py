"""The posting's gender-coding balance (Gaucher et al. 2011, scored as gender-decoder does).

Computed from the ``bias.gender-coded`` rule's own term list, so the words counted here are
exactly the words that rule flags, with the same context exceptions.
"""

from __future__ import annotations

from typing import Any

from jdlint.engine.kinds.terms import find


def gender_coding(posting: Any, rule: Any, strong: int = 3) -> dict[str, Any]:
    masculine: list[str] = []
    feminine: list[str] = []
    for term, start, end in find(rule.compiled, posting):
        word = posting.text[start:end].lower()
        if term.tag == "masculine":
            masculine.append(word)
        elif term.tag == "feminine":
            feminine.append(word)
    score = len(feminine) - len(masculine)
    if score == 0:
        balance = "neutral"
    elif score > strong:
        balance = "strongly feminine-coded"
    elif score > 0:
        balance = "feminine-coded"
    elif score < -strong:
        balance = "strongly masculine-coded"
    else:
        balance = "masculine-coded"
    return {
        "masculine": len(masculine),
        "feminine": len(feminine),
        "score": score,
        "balance": balance,
        "masculine_words": sorted(set(masculine)),
        "feminine_words": sorted(set(feminine)),
    }
