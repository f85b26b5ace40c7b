"""Data shipped with the rule packs (``rules/data/*.yaml``), found and parsed once per process.

The wheel carries ``rules/`` as ``jdlint/_rules``; a source checkout reads ``rules/`` itself.
YAML goes through libyaml's C loader when PyYAML has it — parsing the packs with the
pure-Python loader was the largest part of jdlint's start-up.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from jdlint.cache import cached

PACKAGE = Path(__file__).resolve().parent
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def rules_dir() -> Path:
    shipped = PACKAGE / "_rules"
    return shipped if shipped.is_dir() else PACKAGE.parent / "rules"


def data_dir() -> Path:
    return rules_dir() / "data"


def load_yaml(source: Any) -> Any:
    """``yaml.safe_load`` semantics, C speed when available."""
    return yaml.load(source, Loader=_LOADER)


@cache
def load_data(name: str) -> Any:
    """Parse ``rules/data/NAME`` once; raises FileNotFoundError naming where it looked.

    The parsed data is kept in jdlint's disk cache (keyed by the file's bytes): even libyaml
    spends ~20 ms on the pay, EEO, work-mode and jurisdiction tables every run, a pickle 0.5."""
    path = data_dir() / name
    if not path.is_file():
        raise FileNotFoundError(f"{name} not found in {data_dir()}")
    return cached(f"yaml_{path.stem}", [path], lambda: load_yaml(path.read_text(encoding="utf-8")))
