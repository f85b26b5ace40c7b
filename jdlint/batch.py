"""Linting many targets, in one process or several, always yielding results in input order.

Parallel runs fork workers after the parent has built the Linter (compiled packs, spaCy
pipeline), so every worker starts warm through copy-on-write instead of paying the
pipeline's start-up cost again; where fork is unavailable, each worker builds its own once.
Work goes out in chunks of files so each worker can batch its postings through ``nlp.pipe``.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

from jdlint.errors import InputError
from jdlint.files import Target, iter_targets
from jdlint.lint import Linter, read_path
from jdlint.model import Result

CHUNK = 16
MIN_CHUNK = 2
_WORKER: Linter | None = None
_WORKER_OPTS: dict[str, Any] = {}


def resolve_jobs(jobs: str | int | None) -> int:
    if jobs in (None, "", 1, "1"):
        return 1
    if jobs == "auto" or jobs == 0 or jobs == "0":
        return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))
    try:
        n = int(jobs)
    except (TypeError, ValueError):
        raise ValueError(f"--jobs must be a number or 'auto', not {jobs!r}") from None
    if n < 1:
        raise ValueError("--jobs must be at least 1")
    return n


def _read(target: Target, input_format: str | None, text_field: str | None = None) -> Any:
    try:
        return read_path(target.display, target.path, input_format, text_field=text_field)
    except InputError as err:
        return Result(path=target.display, error=str(err))


def lint_chunk(linter: Linter, targets: list[Target], input_format: str | None, keep_source: bool,
               text_field: str | None = None) -> list[Result]:
    items = [_read(t, input_format, text_field) for t in targets]
    docs = [d for d in items if not isinstance(d, Result)]
    linted = iter(linter.lint_documents(docs))
    out = []
    for item in items:
        result = item if isinstance(item, Result) else next(linted)
        if not keep_source:
            result.source = None
        out.append(result)
    return out


def _init_worker(config: Any, report_unused: bool, opts: dict[str, Any]) -> None:
    global _WORKER, _WORKER_OPTS
    from jdlint.regex_cache import record_at_worker_exit

    record_at_worker_exit()
    if _WORKER is None:
        _WORKER = Linter(config, report_unused_disables=report_unused)
    _WORKER_OPTS = opts


def _work(targets: list[Target]) -> list[Result]:
    assert _WORKER is not None
    return lint_chunk(_WORKER, targets, _WORKER_OPTS.get("input_format"), _WORKER_OPTS.get("keep_source", True),
                      _WORKER_OPTS.get("text_field"))


def _chunks(targets: Iterable[Target], size: int) -> Iterator[list[Target]]:
    chunk: list[Target] = []
    for t in targets:
        chunk.append(t)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _guided_chunks(targets: list[Target], jobs: int) -> Iterator[list[Target]]:
    """Chunks of at most CHUNK files that shrink as the work runs out (a quarter of each
    worker's share of what is left, down to MIN_CHUNK), so the workers finish together
    instead of one linting a last full chunk while the others wait."""
    start = 0
    while start < len(targets):
        size = max(MIN_CHUNK, min(CHUNK, (len(targets) - start) // (jobs * 4)))
        yield targets[start : start + size]
        start += size


#: Young-generation threshold while a run lints: a posting makes and drops thousands of
#: containers, and at the default (700) the collector ran some 270 times per 1,000 postings,
#: ~2% of the run, to find the few cycles a posting leaves; at this size it runs a tenth as
#: often for half the total time, and holds at most some megabytes of garbage longer.
YOUNG_THRESHOLD = 20_000


@contextmanager
def _heap_frozen() -> Iterator[None]:
    """Keep what exists now (rule packs, the spaCy pipeline, warmed caches) out of the garbage
    collector's full passes until the run ends: they live for the whole run, yet each pass
    walked all of them, and in forked workers walking them also copied the pages they sit on.
    Young collections run less often meanwhile (see YOUNG_THRESHOLD). A heap someone else
    froze, and their thresholds, are left as they are."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], YOUNG_THRESHOLD), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def lint_targets(linter: Linter, targets: list[Target], *, jobs: int = 1, input_format: str | None = None,
                 keep_source: bool = True, on_result: Callable[[Result], None] | None = None,
                 text_field: str | None = None) -> Iterator[Result]:
    """Lint file targets (no stdin, no notes, no problems) and yield results in input order."""
    if jobs <= 1 or len(targets) < 2 * CHUNK:
        with ExitStack() as stack:
            for n, chunk in enumerate(_chunks(targets, CHUNK)):
                if n == 1:  # the first chunk loaded the pipeline and warmed the caches
                    stack.enter_context(_heap_frozen())
                for result in lint_chunk(linter, chunk, input_format, keep_source, text_field):
                    if on_result:
                        on_result(result)
                    yield result
        return

    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _WORKER
    opts = {"input_format": input_format, "keep_source": keep_source, "text_field": text_field}
    use_fork = sys.platform.startswith("linux")
    if use_fork:
        # Build the tokenizer once in the parent; forked workers inherit it.
        from jdlint.nlp import english

        english()
        _WORKER = linter
        ctx = multiprocessing.get_context("fork")
    else:
        ctx = multiprocessing.get_context("spawn")
    with _heap_frozen(), ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init_worker,
                                             initargs=(linter.config, linter.report_unused_disables, opts)) as pool:
        for chunk_results in pool.map(_work, _guided_chunks(targets, jobs)):
            for result in chunk_results:
                if on_result:
                    on_result(result)
                yield result
    if use_fork:
        _WORKER = None


StdinReader = Callable[[], tuple[str, bytes, "str | None"]]


def lint_paths(linter: Linter, targets: list[Target] | list[str], *, jobs: int = 1, input_format: str | None = None,
               keep_source: bool = True, stdin: StdinReader | None = None,
               on_note: Callable[[str], None] | None = None,
               on_result: Callable[[Result], None] | None = None, text_field: str | None = None) -> list[Result]:
    """Lint paths or targets: unreadable ones become Results with ``error``; order is kept."""
    from jdlint.readers import read_bytes

    if targets and isinstance(targets[0], str):
        targets = list(iter_targets(targets, linter.config))  # type: ignore[arg-type]
    results: list[Result | None] = [None] * len(targets)
    files: list[int] = []
    for i, target in enumerate(targets):
        assert isinstance(target, Target)
        if target.note:
            if on_note:
                on_note(target.note)
        elif target.problem:
            results[i] = Result(path=target.display, error=f"{target.display}: {target.problem}")
        elif target.display == "-":
            shown, raw, fmt = stdin() if stdin else ("-", sys.stdin.buffer.read(), input_format or "text")
            try:
                results[i] = linter.lint_document(read_bytes(shown, raw, fmt, text_field=text_field))
            except InputError as err:
                results[i] = Result(path=shown, error=str(err))
            if not keep_source and results[i] is not None:
                results[i].source = None
        else:
            files.append(i)
    file_targets = [targets[i] for i in files]
    linted = lint_targets(linter, file_targets, jobs=jobs, input_format=input_format,  # type: ignore[arg-type]
                          keep_source=keep_source, on_result=on_result, text_field=text_field)
    for i, result in zip(files, linted, strict=True):
        results[i] = result
    return [r for r in results if r is not None]
