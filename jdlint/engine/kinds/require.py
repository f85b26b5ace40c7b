"""``kind: require`` — the posting must contain one of these patterns."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from jdlint.engine.rule import Hit, Rule
from jdlint.engine.validate import compile_regex, expect_list

KEYS = {"any_of", "ignorecase"}


def compile(rule: Rule, pack: str) -> list[re.Pattern[str]]:
    flags = re.IGNORECASE if rule.data.get("ignorecase", True) else 0
    pats = expect_list(rule.data.get("any_of"), f"{rule.id}.any_of", pack, required=True)
    return [compile_regex(p, f"{rule.id}.any_of", pack, flags) for p in pats]


def run(rule: Rule, posting: Any) -> Iterator[Hit]:
    if not any(rx.search(posting.text) for rx in rule.compiled):
        yield Hit(0, 0, posting_level=True)
