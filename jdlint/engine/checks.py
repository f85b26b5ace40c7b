"""Registry of Python checks: the ``check`` kind's hook for rules that reason over facts.

A check is a function ``(posting, rule) -> Iterable[Hit]`` registered under a name; a YAML
rule of ``kind: check`` names it with ``check: NAME`` and may pass parameters in
``params:``. Check modules live in :mod:`jdlint.checks` and are imported on first use.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from typing import Any

from jdlint.engine.rule import Hit

CheckFunction = Callable[[Any, Any], Iterable[Hit]]
_CHECKS: dict[str, CheckFunction] = {}
_loaded = False


def check(name: str) -> Callable[[CheckFunction], CheckFunction]:
    def register(func: CheckFunction) -> CheckFunction:
        _CHECKS[name] = func
        return func

    return register


def _load_all() -> None:
    global _loaded
    if _loaded:
        return
    import jdlint.checks as package

    for info in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"jdlint.checks.{info.name}")
    _loaded = True


def get(name: str) -> CheckFunction | None:
    _load_all()
    return _CHECKS.get(name)


def names() -> list[str]:
    _load_all()
    return sorted(_CHECKS)
