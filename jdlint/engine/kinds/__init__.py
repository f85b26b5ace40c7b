"""Check kinds: the few pieces of Python that every YAML rule is an instance of.

Each kind module has ``KEYS`` (the rule keys it owns), ``compile(rule, pack_path)`` which
validates the rule's data and returns a compiled form (raising PackError naming the key),
and ``run(rule, posting)`` yielding Hits.
"""

from __future__ import annotations

import importlib
from functools import cache
from types import ModuleType

KINDS: dict[str, str] = {
    "terms": "jdlint.engine.kinds.terms",
    "regex": "jdlint.engine.kinds.regex",
    "require": "jdlint.engine.kinds.require",
    "check": "jdlint.engine.kinds.check",
}


@cache
def kind_module(name: str) -> ModuleType:
    """Imported on first use and remembered: ``run_rule`` asks once per rule per posting."""
    return importlib.import_module(KINDS[name])
