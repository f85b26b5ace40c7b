"""Finding the postings to lint: explicit files always, directories filtered by include/exclude."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from jdlint.config import Config


@dataclass(slots=True)
class Target:
    display: str  # the path as reported
    path: Path | None  # None for stdin
    problem: str | None = None  # why it cannot be linted (missing...)
    note: str | None = None  # not an error, e.g. an empty directory


def _excluded(rel: str, name: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(rel, p.rstrip("/") + "/*")
               for p in patterns)


def _walk(root: Path, shown: str, config: Config) -> Iterator[Target]:
    found = False
    for folder, dirs, names in os.walk(root):
        rel_folder = os.path.relpath(folder, root)
        dirs[:] = sorted(d for d in dirs
                         if not _excluded(os.path.normpath(os.path.join(rel_folder, d)), d, config.exclude))
        for name in sorted(names):
            rel = os.path.normpath(os.path.join(rel_folder, name))
            if not any(fnmatch.fnmatch(name, p) for p in config.include) or _excluded(rel, name, config.exclude):
                continue
            found = True
            yield Target(os.path.join(shown, rel) if shown != "." else rel, Path(folder) / name)
    if not found:
        yield Target(shown, None, note=f"{shown}: no postings found (looked for {' '.join(config.include)})")


def iter_targets(paths: list[str], config: Config) -> Iterator[Target]:
    for raw in paths:
        if raw == "-":
            yield Target("-", None)
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, raw.rstrip("/") or raw, config)
        elif path.exists():
            yield Target(raw, path)
        else:
            yield Target(raw, path, problem="no such file or directory")
