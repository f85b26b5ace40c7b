"""``kind: check`` — a Python function (registered in jdlint/checks/) that reasons over facts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from jdlint.engine import checks
from jdlint.engine.rule import Hit, Rule
from jdlint.engine.validate import expect
from jdlint.errors import PackError

KEYS = {"check", "params"}


def compile(rule: Rule, pack: str) -> Any:
    name = expect(rule.data.get("check"), str, f"{rule.id}.check", pack, required=True)
    func = checks.get(name)
    if func is None:
        known = ", ".join(checks.names())
        raise PackError(pack, f"{rule.id}.check", f"no Python check named {name!r} (known: {known})")
    params = rule.data.get("params") or {}
    expect(params, dict, f"{rule.id}.params", pack)
    return func


def run(rule: Rule, posting: Any) -> Iterator[Hit]:
    """The check's own iterator: wrapping it in a generator of this module's cost a frame per
    hit and per rule, on rules that mostly find nothing."""
    return iter(rule.compiled(posting, rule))
