"""A small on-disk cache for work that depends only on shipped or user files (compiled packs).

Keys hash jdlint's version and the bytes of every input file, so an edited pack or an
upgrade can never be served stale. The cache lives in ``$JDLINT_CACHE_DIR`` or the user cache
folder (``$XDG_CACHE_HOME/jdlint``, default ``~/.cache/jdlint``); ``JDLINT_NO_CACHE=1`` turns it
off. Any failure to read or write it is ignored: the cache only ever saves time.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from jdlint.version import __version__

T = TypeVar("T")
_ENTRY = re.compile(r"[0-9a-f]{32}\.pickle")


def cache_dir() -> Path | None:
    if os.environ.get("JDLINT_NO_CACHE"):
        return None
    explicit = os.environ.get("JDLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home directory (some containers, Spark executors)
            return None
    return Path(base) / "jdlint"


@lru_cache(maxsize=1)
def _code_stamp() -> str:
    """Size and modification time of jdlint's own modules: cached objects are pickles of
    jdlint's classes, so a changed class (a development checkout, a reinstall of the same
    version) must not be served an old layout. (``os.scandir``: a millisecond, not pathlib's 15.)"""

    def walk(folder: str) -> Iterator[str]:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir() and entry.name != "__pycache__":
                    yield from walk(entry.path)
                elif entry.name.endswith(".py"):
                    st = entry.stat()
                    yield f"{entry.path}:{st.st_size}:{st.st_mtime_ns}"

    return hashlib.sha256("\n".join(sorted(walk(os.path.dirname(os.path.abspath(__file__))))).encode()).hexdigest()


def key_for(kind: str, files: Iterable[Path], by_stat: bool = False) -> str:
    """Hash of the version, jdlint's code, and the files' bytes (or, for large installed data
    files that never change in place, their path, size and modification time)."""
    digest = hashlib.sha256(f"{kind}\0{__version__}\0{_code_stamp()}".encode())
    for path in files:
        digest.update(str(path).encode() + b"\0")
        try:
            if by_stat:
                st = path.stat()
                digest.update(f"{st.st_size}:{st.st_mtime_ns}".encode())
            else:
                digest.update(path.read_bytes())
        except OSError:
            digest.update(b"<missing>")
    return digest.hexdigest()[:32]


def cached(kind: str, files: Iterable[Path], build: Callable[[], T], by_stat: bool = False) -> T:
    """``build()``'s result, from the cache when the files are unchanged."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{kind}-{key_for(kind, list(files), by_stat)}.pickle"
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except Exception:  # missing, truncated or from another Python: rebuild
        pass
    value = build()
    store(path, value)
    prune(path)
    return value


def prune(keep: Path, max_age: float = 86_400.0, max_entries: int = 8) -> None:
    """Remove the day-old entries of ``keep``'s kind (``packs-*.pickle``) when a new one is
    made: they were made for other pack contents or another jdlint and would pile up with
    every upgrade. Younger ones may belong to another project or version in use right now,
    but no more than ``max_entries`` of them are kept: a development checkout makes a new
    entry of every kind with each edit of jdlint's code."""
    kind = keep.name.rsplit("-", 1)[0]  # keys are hex: the kind is all before the last dash
    now = time.time()
    with contextlib.suppress(OSError):
        others = []
        for old in keep.parent.glob(f"{kind}-*.pickle"):
            if old == keep or not _ENTRY.fullmatch(old.name[len(kind) + 1 :]):
                continue  # another kind whose name starts like this one ("city-keys" for "city")
            age = now - old.stat().st_mtime
            if age > max_age:
                old.unlink(missing_ok=True)
            else:
                others.append((age, old))
        for _, old in sorted(others)[max_entries - 1 :]:
            old.unlink(missing_ok=True)


def load(path: Path) -> Any:
    """The value stored at ``path``, or None when it is missing, truncated or unreadable."""
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except Exception:
        return None


def store(path: Path, value: Any) -> None:
    """Write ``value`` atomically (a temporary file renamed over the old one); errors are ignored."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except Exception:
        with contextlib.suppress(Exception):
            Path(tmp).unlink(missing_ok=True)  # type: ignore[possibly-undefined]
