"""Compiled regular expressions kept between command-line runs.

A run compiles about 400 regular expressions (spaCy's tokenizer rules, the rule packs, the fact
extractors) and Python's ``re`` spends a quarter of a second parsing them, as much as a
third of importing spaCy, on every pre-commit call. Python keeps no compiled patterns on disk,
so jdlint keeps the code sre compiles each pattern to, keyed by this exact Python (its version
and sre's magic number): at start-up each pattern is rebuilt from its code with
``_sre.compile`` (microseconds) and put into ``re``'s own cache, so every later
``re.compile`` of that pattern, in jdlint or in spaCy, returns it without parsing. The code
is the one this Python's compiler produced, so matching cannot differ; a Python whose ``re``
internals look different simply gets no cache. Only the command line does this; ``import
jdlint`` leaves ``re`` alone.

At exit, patterns that ``re``'s cache holds and the table lacks are compiled the slow way
once more to record their code (once per jdlint or Python upgrade).
"""

from __future__ import annotations

import atexit
import re
import sys
from typing import Any

try:
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - another Python implementation
    _sre = None  # type: ignore[assignment]

Entry = tuple[int, list[int], int, dict[str, int], tuple[Any, ...]]

_LIMIT = 2000  # entries kept: rule packs a user adds grow it, but never without bound


class _State:
    table: dict[tuple[str, int], Entry] | None = None
    path: Any = None


def _supported() -> bool:
    return (_sre is not None and isinstance(getattr(re, "_cache", None), dict)
            and hasattr(_parser, "parse") and hasattr(_compiler, "_code"))


def entry_for(pattern: str, flags: int) -> Entry:
    """What ``re._compiler.compile`` hands ``_sre.compile`` for this pattern."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[Any] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return flags | parsed.state.flags, [int(op) for op in code], parsed.state.groups - 1, groupindex, tuple(indexgroup)


def rebuild(pattern: str, entry: Entry) -> re.Pattern[str]:
    return _sre.compile(pattern, *entry)


def prewarm() -> int:
    """Put every recorded pattern into ``re``'s cache; returns how many. Never raises."""
    try:
        if not _supported():
            return 0
        from jdlint.cache import cache_dir, key_for, load

        folder = cache_dir()
        if folder is None:
            return 0
        _State.path = folder / f"regex-{key_for(f'regex{sys.hexversion:x}{_sre.MAGIC}', [])}.pickle"
        table = load(_State.path)
        _State.table = table if isinstance(table, dict) else {}
        cache: dict[Any, Any] = re._cache  # type: ignore[attr-defined]
        # A run compiles more patterns than re's cache holds (512): with the default size,
        # the recorded patterns that did not fit, and those pushed out first-in first-out by
        # new ones, were parsed again on every run. Room for the whole table, and as much again.
        limit = getattr(re, "_MAXCACHE", None)
        if isinstance(limit, int):
            re._MAXCACHE = max(limit, len(cache) + 2 * len(_State.table))  # type: ignore[attr-defined]
        warmed = 0
        for (pattern, flags), entry in _State.table.items():
            cache[(str, pattern, flags)] = rebuild(pattern, entry)
            warmed += 1
        atexit.register(_record)
        return warmed
    except Exception:
        _State.table = None
        return 0


def _record() -> None:
    """Add the code of patterns compiled this run and not yet in the table."""
    table = _State.table
    if table is None or _State.path is None:
        return
    try:
        new = {}
        for key in list(re._cache):  # type: ignore[attr-defined]
            if len(key) == 3 and key[0] is str and (key[1], key[2]) not in table and not key[2] & re.DEBUG:
                new[(key[1], key[2])] = entry_for(key[1], key[2])
        if not new:
            return
        from jdlint.cache import load, prune, store

        # Forked workers record too (see :func:`record_at_worker_exit`): keep what they wrote.
        on_disk = load(_State.path)
        merged = {**(on_disk if isinstance(on_disk, dict) else {}), **table, **new}
        if len(merged) > _LIMIT:
            merged = dict(list(merged.items())[-_LIMIT:])
        store(_State.path, merged)
        prune(_State.path)
    except Exception:
        return


def record_at_worker_exit() -> None:
    """In a worker forked from a prewarmed command line: record, when it exits, the patterns
    it compiled (rule patterns compile on first use, in the workers, in a parallel run).
    Worker processes skip ``atexit``, so this uses multiprocessing's own exit hook."""
    if _State.table is None:
        return
    try:
        from multiprocessing import util

        util.Finalize(None, _record, exitpriority=10)
    except Exception:
        return
