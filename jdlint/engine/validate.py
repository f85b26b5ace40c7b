"""Small validators that turn malformed pack data into PackErrors naming the file and key."""

from __future__ import annotations

import re
from typing import Any

from jdlint.errors import PackError


def expect(value: Any, typ: type | tuple[type, ...], key: str, pack: str, required: bool = False) -> Any:
    if value is None:
        if required:
            raise PackError(pack, key, "is required")
        return None
    if not isinstance(value, typ) or (typ is int and isinstance(value, bool)):
        names = typ.__name__ if isinstance(typ, type) else " or ".join(t.__name__ for t in typ)
        raise PackError(pack, key, f"must be {_article(names)}, not {type(value).__name__}")
    return value


def expect_list(value: Any, key: str, pack: str, item: type | tuple[type, ...] = str,
                required: bool = False) -> list[Any]:
    if value is None:
        if required:
            raise PackError(pack, key, "is required")
        return []
    if isinstance(value, (str, dict)) or not isinstance(value, list):
        raise PackError(pack, key, "must be a list")
    for i, v in enumerate(value):
        expect(v, item, f"{key}[{i}]", pack, required=True)
    return value


def reject_unknown(data: dict[str, Any], known: set[str], where: str, pack: str) -> None:
    for key in data:
        if key not in known:
            raise PackError(pack, f"{where}.{key}", f"unknown key (known: {', '.join(sorted(known))})")


def compile_regex(pattern: Any, key: str, pack: str, flags: int = 0) -> re.Pattern[str]:
    expect(pattern, str, key, pack, required=True)
    try:
        return re.compile(pattern, flags)
    except re.error as err:
        raise PackError(pack, key, f"bad regular expression {pattern!r}: {err}") from None


def _article(name: str) -> str:
    return ("an " if name[0] in "aeiou" else "a ") + name
