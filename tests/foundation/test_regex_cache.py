"""Compiled patterns rebuilt from recorded code must be the patterns ``re`` compiles."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from jdlint import regex_cache
from jdlint.lint import lint_text

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p for p in (ROOT / "examples").glob("*") if p.suffix in {".md", ".txt"})

pytestmark = pytest.mark.skipif(not regex_cache._supported(), reason="this Python's re internals differ")


def _every_pattern_jdlint_compiles() -> list[tuple[str, int]]:
    texts = [p.read_text(encoding="utf-8") for p in EXAMPLES]
    for text in texts:
        lint_text(text)
    return [(key[1], key[2]) for key in list(re._cache) if len(key) == 3 and key[0] is str]  # type: ignore[attr-defined]


def test_rebuilt_patterns_behave_as_compiled_ones() -> None:
    sample = "\n".join(p.read_text(encoding="utf-8") for p in EXAMPLES)
    patterns = _every_pattern_jdlint_compiles()
    assert len(patterns) > 100
    for pattern, flags in patterns:
        compiled = re.compile(pattern, flags)
        rebuilt = regex_cache.rebuild(pattern, regex_cache.entry_for(pattern, flags))
        assert (rebuilt.pattern, rebuilt.flags, rebuilt.groups, rebuilt.groupindex) == (
            compiled.pattern, compiled.flags, compiled.groups, compiled.groupindex)
        assert [m.span() for m in rebuilt.finditer(sample)] == [m.span() for m in compiled.finditer(sample)], pattern


def _run(cache: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "JDLINT_CACHE_DIR": str(cache)}
    env.pop("JDLINT_NO_CACHE", None)
    return subprocess.run([sys.executable, "-m", "jdlint", *args], capture_output=True, text=True, env=env)


def test_second_run_is_served_from_the_recorded_code(tmp_path: Path) -> None:
    posting = str(EXAMPLES[0])
    first = _run(tmp_path, "check", "--format", "json", posting)
    recorded = list(tmp_path.glob("regex-*.pickle"))
    assert len(recorded) == 1
    code = ("import sys, re; from jdlint.regex_cache import prewarm; n = prewarm(); "
            "print(n, sum(1 for k in re._cache if k[0] is str))")
    env = {**os.environ, "JDLINT_CACHE_DIR": str(tmp_path)}
    warmed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    count = int(warmed.stdout.split()[0])
    assert count > 100
    second = _run(tmp_path, "check", "--format", "json", posting)
    assert json.loads(second.stdout) == json.loads(first.stdout)
    assert second.returncode == first.returncode


def test_a_damaged_record_is_ignored(tmp_path: Path) -> None:
    posting = str(EXAMPLES[0])
    first = _run(tmp_path, "check", "--format", "json", posting)
    for path in tmp_path.glob("regex-*.pickle"):
        path.write_bytes(b"not a pickle")
    second = _run(tmp_path, "check", "--format", "json", posting)
    assert second.stderr == "" and json.loads(second.stdout) == json.loads(first.stdout)


def test_no_cache_means_no_record(tmp_path: Path) -> None:
    env = {**os.environ, "JDLINT_CACHE_DIR": str(tmp_path), "JDLINT_NO_CACHE": "1"}
    subprocess.run([sys.executable, "-m", "jdlint", "check", "--format", "json", str(EXAMPLES[0])],
                   capture_output=True, env=env)
    assert not list(tmp_path.glob("regex-*"))


def test_importing_jdlint_does_not_touch_re() -> None:
    """Only the command line prewarms re's cache; the library leaves it as it is."""
    code = "import sys, jdlint; jdlint.lint_text('We pay $90k.'); print('jdlint.regex_cache' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_parallel_workers_record_what_they_compiled(tmp_path: Path) -> None:
    """Rule patterns compile on first use, in the workers of a parallel run: they must be
    recorded too, or every `-j auto` run would parse them again."""
    if not sys.platform.startswith("linux"):
        pytest.skip("workers are forked only on Linux")
    import pickle

    postings = tmp_path / "postings"
    postings.mkdir()
    for i in range(40):
        (postings / f"p{i}.md").write_text(EXAMPLES[0].read_text(encoding="utf-8"), encoding="utf-8")
    counts = {}
    for name, worker_hook in (("with", True), ("without", False)):
        cache = tmp_path / name
        code = ("import sys, jdlint.regex_cache as rc\n"
                + ("" if worker_hook else "rc.record_at_worker_exit = lambda: None\n")
                + "from jdlint.cli import main\nsys.argv = ['jdlint', 'check', '-j', '2', '-q', '--format', 'json', "
                + repr(str(postings)) + "]\nmain()\n")
        env = {**os.environ, "JDLINT_CACHE_DIR": str(cache)}
        env.pop("JDLINT_NO_CACHE", None)
        subprocess.run([sys.executable, "-c", code], capture_output=True, env=env)
        (table,) = cache.glob("regex-*.pickle")
        counts[name] = len(pickle.loads(table.read_bytes()))
    assert counts["with"] > counts["without"]


def test_patterns_have_the_same_text_in_every_process(tmp_path: Path) -> None:
    """Alternations built from sets must not follow the set's (hash-seeded) order: a pattern
    whose text changes from run to run is parsed again every run and piles up in the table."""
    import pickle

    sizes = []
    for seed in ("1", "2", "3"):
        env = {**os.environ, "JDLINT_CACHE_DIR": str(tmp_path), "PYTHONHASHSEED": seed}
        env.pop("JDLINT_NO_CACHE", None)
        subprocess.run([sys.executable, "-m", "jdlint", "check", "--format", "json", *map(str, EXAMPLES)],
                       capture_output=True, env=env)
        (table,) = tmp_path.glob("regex-*.pickle")
        sizes.append(len(pickle.loads(table.read_bytes())))
    assert sizes[1] == sizes[2], sizes


def test_every_recorded_pattern_is_warmed_even_past_res_cache_size(tmp_path: Path) -> None:
    """A run compiles more patterns than ``re`` caches by default (512): all of them must be
    served, not only the first few hundred."""
    import pickle

    table = {(f"x{i}y", 0): regex_cache.entry_for(f"x{i}y", 0) for i in range(900)}
    (tmp_path / "cache").mkdir()
    code = ("import pickle, re, sys; from jdlint import regex_cache; from jdlint.cache import cache_dir, key_for\n"
            "import _sre\n"
            "path = cache_dir() / f\"regex-{key_for(f'regex{sys.hexversion:x}{_sre.MAGIC}', [])}.pickle\"\n"
            "path.parent.mkdir(parents=True, exist_ok=True)\n"
            "path.write_bytes(sys.stdin.buffer.read())\n"
            "n = regex_cache.prewarm()\n"
            "from re import _compiler\n"
            "parsed = []\n"
            "_compiler.compile = lambda p, f=0: parsed.append(p)\n"
            "[re.compile(f'x{i}y') for i in range(900)]\n"
            "print(n, len(parsed))\n")
    env = {**os.environ, "JDLINT_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("JDLINT_NO_CACHE", None)
    out = subprocess.run([sys.executable, "-c", code], input=pickle.dumps(table), capture_output=True, env=env,
                         check=True)
    warmed, parsed = map(int, out.stdout.split())
    assert warmed == 900 and parsed == 0
