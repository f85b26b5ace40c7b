"""The compiled-pack cache is keyed by file contents: an edited pack is never served stale."""

from jdlint import cache
from jdlint.engine import packs

PACK = """
rules:
  - id: house.word
    category: house
    severity: warning
    message: "Avoid {match}."
    rationale: r
    sources: [s]
    kind: terms
    terms: [{word}]
"""


def test_cache_roundtrip_and_invalidation(tmp_path, monkeypatch):
    monkeypatch.setenv("JDLINT_CACHE_DIR", str(tmp_path / "cache"))
    pack = tmp_path / "pack.yaml"
    pack.write_text(PACK.replace("{word}", "guru"))
    first = packs.load_packs([pack])
    cached = cache.cached("t", [pack], lambda: packs.load_packs([pack]))
    again = cache.cached("t", [pack], lambda: (_ for _ in ()).throw(AssertionError("rebuilt")))
    assert [r.id for r in cached] == [r.id for r in again] == [r.id for r in first]
    pack.write_text(PACK.replace("{word}", "ninja"))
    rebuilt = cache.cached("t", [pack], lambda: packs.load_packs([pack]))
    assert rebuilt[0].compiled.terms[0].phrase.source == "ninja"


def test_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("JDLINT_NO_CACHE", "1")
    calls = []
    cache.cached("t", [], lambda: calls.append(1))
    cache.cached("t", [], lambda: calls.append(1))
    assert len(calls) == 2


def test_unwritable_cache_is_ignored(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("JDLINT_CACHE_DIR", str(blocker / "sub"))
    assert cache.cached("t", [], lambda: 42) == 42


def test_new_entries_prune_day_old_ones_of_their_kind(tmp_path, monkeypatch):
    import os
    import time

    monkeypatch.setenv("JDLINT_CACHE_DIR", str(tmp_path))
    old = tmp_path / f"thing-{'0' * 32}.pickle"
    recent = tmp_path / f"thing-{'1' * 32}.pickle"
    other = tmp_path / f"other-{'2' * 32}.pickle"
    for path in (old, recent, other):
        path.write_bytes(b"x")
    two_days_ago = time.time() - 2 * 86_400
    os.utime(old, (two_days_ago, two_days_ago))
    os.utime(other, (two_days_ago, two_days_ago))
    source = tmp_path / "source.txt"
    source.write_text("a")
    assert cache.cached("thing", [source], lambda: 42) == 42
    assert not old.exists() and recent.exists() and other.exists()


def test_shipped_data_from_the_cache_is_what_the_yaml_says(tmp_path, monkeypatch):
    from jdlint import data

    monkeypatch.setenv("JDLINT_CACHE_DIR", str(tmp_path / "cache"))
    for path in sorted(data.data_dir().glob("*.yaml")):
        expected = data.load_yaml(path.read_text(encoding="utf-8"))
        for _ in range(2):  # built, then read back from the cache
            data.load_data.cache_clear()
            assert data.load_data(path.name) == expected, path.name
    assert len(list((tmp_path / "cache").glob("yaml_*.pickle"))) == len(list(data.data_dir().glob("*.yaml")))
    data.load_data.cache_clear()


def test_prune_keeps_a_few_young_entries_of_a_kind_and_no_other_kind(tmp_path):
    import os
    import time

    now = time.time()
    young = []
    for i in range(12):
        path = tmp_path / f"city-{i:032x}.pickle"
        path.write_bytes(b"x")
        os.utime(path, (now - 60 * (i + 1), now - 60 * (i + 1)))  # i = 0 is the newest
        young.append(path)
    longer_kind = tmp_path / f"city-keys-50000-{'a' * 32}.pickle"
    longer_kind.write_bytes(b"x")
    os.utime(longer_kind, (now - 3 * 86_400, now - 3 * 86_400))
    keep = tmp_path / f"city-{'f' * 32}.pickle"
    keep.write_bytes(b"x")
    cache.prune(keep)
    assert keep.exists() and longer_kind.exists()
    assert [p.exists() for p in young] == [True] * 7 + [False] * 5
