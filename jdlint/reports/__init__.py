"""Output formats: one module per format, each with ``render(run: Run) -> str``.

A :class:`Run` carries everything any format needs (results, the rules that ran, the exit
code, where the repository root is), so adding a format never touches the linting code.
Modules are imported on demand: ``--format text`` never loads sarif-om.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jdlint.engine.rule import Rule
from jdlint.model import Result

FORMATS: dict[str, str] = {
    "text": "jdlint.reports.text:render",
    "json": "jdlint.reports.json_report:render",
    "sarif": "jdlint.reports.sarif:render",
    "github": "jdlint.reports.github:render",
}


@dataclass
class Run:
    results: list[Result]
    rules: list[Rule]  # every rule that ran, in id order
    version: str
    exit_code: int = 0
    root: Path = field(default_factory=Path.cwd)  # paths in SARIF are made relative to this
    errors: list[str] = field(default_factory=list)  # one-line input errors
    options: dict[str, Any] = field(default_factory=dict)  # color, statistics, sarif_category, ...


def render(fmt: str, run: Run) -> str:
    try:
        target = FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}") from None
    module, func = target.split(":")
    return getattr(importlib.import_module(module), func)(run)
