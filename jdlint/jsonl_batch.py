"""JSON Lines batches end to end: records stream in, results stream out, memory stays flat.

A job board's daily feed is one JSONL file of many thousands of postings. Records are read
one line at a time, linted in small batches (``nlp.pipe``), optionally by worker processes
with a bounded number of batches in flight, and each result is written as soon as it is
ready and then dropped. A malformed line becomes an error result for that line and the
batch carries on.
"""

from __future__ import annotations

import json
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from jdlint.errors import InputError
from jdlint.lint import Linter
from jdlint.model import Result

BATCH = 32
_WORKER: Linter | None = None


def is_jsonl(path: str, input_format: str | None) -> bool:
    return input_format == "jsonl" or (input_format in (None, "auto") and path.lower().endswith((".jsonl", ".ndjson")))


def _lint_lines(linter: Linter, path: str, lines: list[tuple[int, str]], id_field: str,
                text_field: str | None) -> list[Result]:
    from jdlint.readers.jsonl import record

    items = [record(path, n, line, id_field, text_field) for n, line in lines]
    docs = [d for d in items if not isinstance(d, InputError)]
    linted = iter(linter.lint_documents(docs, batch_size=BATCH))
    out = []
    for (lineno, _), item in zip(lines, items, strict=True):
        if isinstance(item, InputError):
            result = Result(path=item.path, error=str(item))
            result.meta = {"id": None, "line": lineno, "file": path}
        else:
            result = next(linted)
            result.meta = {**result.meta, "id": item.meta.get("record_id"), "line": lineno, "file": path}
            result.source = None
        out.append(result)
    return out


def _lines(stream: Iterable[bytes], path: str) -> Iterator[tuple[int, str] | Result]:
    for lineno, raw in enumerate(stream, start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            where = f"{path}:{lineno}"
            result = Result(path=where, error=f"{where}: is not valid UTF-8 (byte 0x{raw[err.start]:02x})")
            result.meta = {"id": None, "line": lineno, "file": path}
            yield result
            continue
        if lineno == 1 and line.startswith("\ufeff"):
            line = line[1:]
        line = line.rstrip("\r\n")
        if line.strip():
            yield lineno, line


def _chunks(items: Iterable[tuple[int, str] | Result], size: int) -> Iterator[list[tuple[int, str] | Result]]:
    chunk: list[tuple[int, str] | Result] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _work(args: tuple[str, list[tuple[int, str]], str, str | None]) -> list[Result]:
    assert _WORKER is not None
    return _lint_lines(_WORKER, *args)


def _init(config: Any) -> None:
    global _WORKER
    if _WORKER is None:
        _WORKER = Linter(config)


def lint_jsonl(linter: Linter, stream: Iterable[bytes], path: str, *, id_field: str = "id",
               text_field: str | None = None, jobs: int = 1) -> Iterator[Result]:
    """Results for every record of a JSONL stream, in file order."""

    def resolve(chunk: list[tuple[int, str] | Result], fn: Callable[..., list[Result]]) -> list[Result]:
        good = [c for c in chunk if not isinstance(c, Result)]
        linted = iter(fn((path, good, id_field, text_field)) if good else ())
        return [c if isinstance(c, Result) else next(linted) for c in chunk]

    chunks = _chunks(_lines(stream, path), BATCH)
    if jobs <= 1:
        for chunk in chunks:
            yield from resolve(chunk, lambda a: _lint_lines(linter, *a))
        return

    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _WORKER
    fork = sys.platform.startswith("linux")
    if fork:
        from jdlint.nlp import english

        english()
        _WORKER = linter
    ctx = multiprocessing.get_context("fork" if fork else "spawn")
    window: deque[tuple[list[tuple[int, str] | Result], Any]] = deque()
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init, initargs=(linter.config,)) as pool:
        for chunk in chunks:
            good = [c for c in chunk if not isinstance(c, Result)]
            window.append((chunk, pool.submit(_work, (path, good, id_field, text_field)) if good else None))
            if len(window) >= jobs * 4:  # bounded: memory does not grow with the file
                yield from _settle(*window.popleft())
        while window:
            yield from _settle(*window.popleft())


def _settle(chunk: list[tuple[int, str] | Result], future: Any) -> list[Result]:
    linted = iter(future.result() if future is not None else ())
    return [c if isinstance(c, Result) else next(linted) for c in chunk]


def record_dict(result: Result) -> dict[str, Any]:
    """One JSON Lines output object: the record's id and line, then facts and findings."""
    out: dict[str, Any] = {"id": result.meta.get("id"), "line": result.meta.get("line"), "path": result.path}
    if result.error is not None:
        out["error"] = result.error
        return out
    body = result.to_dict()
    body.pop("path", None)
    body.pop("meta", None)
    out.update(body)
    return out


def write_json_line(out: IO[str], result: Result) -> None:
    out.write(json.dumps(record_dict(result), ensure_ascii=False) + "\n")
