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
