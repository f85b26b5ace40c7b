"""Batches: chunks that let workers finish together, and the collector left as it was found."""

from __future__ import annotations

import gc

import pytest

from jdlint import batch
from jdlint.batch import CHUNK, MIN_CHUNK, _guided_chunks, lint_paths
from jdlint.lint import Linter

POSTING = "# Engineer\n\nWe want a rockstar who can dominate. Pay: $90,000 per year. Remote (US).\n"


@pytest.mark.parametrize("n", [0, 1, 31, 32, 100, 1000, 1001])
@pytest.mark.parametrize("jobs", [2, 3, 8])
def test_guided_chunks_cover_every_target_in_order(n, jobs):
    chunks = list(_guided_chunks(list(range(n)), jobs))
    assert [t for chunk in chunks for t in chunk] == list(range(n))
    sizes = [len(c) for c in chunks]
    assert all(1 <= s <= CHUNK for s in sizes)
    assert sizes == sorted(sizes, reverse=True)  # shrinking toward the end
    assert all(s >= MIN_CHUNK for s in sizes[:-1])


def test_last_chunks_are_small():
    sizes = [len(c) for c in _guided_chunks(list(range(1000)), 2)]
    assert sizes[0] == CHUNK and sizes[-1] <= MIN_CHUNK


@pytest.mark.parametrize("jobs", [1, 2])
def test_collector_is_left_unfrozen(tmp_path, jobs):
    for i in range(2 * CHUNK + 3):
        (tmp_path / f"{i:02d}.md").write_text(POSTING, encoding="utf-8")
    linter = Linter()
    assert gc.get_freeze_count() == 0
    thresholds = gc.get_threshold()
    results = lint_paths(linter, [str(tmp_path)], jobs=jobs)
    assert len(results) == 2 * CHUNK + 3 and all(r.findings for r in results)
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == thresholds  # the run's young threshold is undone


def test_young_collections_are_rarer_during_a_run(tmp_path, monkeypatch):
    seen = []
    real = batch.lint_chunk

    def spy(*args, **kwargs):
        seen.append(gc.get_threshold()[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(batch, "lint_chunk", spy)
    for i in range(2 * CHUNK + 3):
        (tmp_path / f"{i:02d}.md").write_text(POSTING, encoding="utf-8")
    lint_paths(Linter(), [str(tmp_path)])
    assert seen[0] == gc.get_threshold()[0]  # the first chunk warms the caches, unfrozen
    assert seen[1:] == [batch.YOUNG_THRESHOLD] * (len(seen) - 1)


def test_a_heap_frozen_by_the_caller_stays_frozen(tmp_path):
    for i in range(CHUNK + 1):
        (tmp_path / f"{i:02d}.md").write_text(POSTING, encoding="utf-8")
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen
        lint_paths(Linter(), [str(tmp_path)])
        assert gc.get_freeze_count() > frozen // 2  # not unfrozen (a few frozen objects may be freed)
    finally:
        gc.unfreeze()
