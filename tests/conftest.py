"""Shared test helpers: run the CLI in-process and build configs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache(tmp_path_factory):
    """Tests never read or write the user's ~/.cache/jdlint."""
    import os

    os.environ["JDLINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("jdlint-cache"))
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture
def cli(tmp_path, monkeypatch):
    """Invoke ``jdlint`` in-process from an empty temporary directory (no stray config)."""
    from jdlint.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    runner = CliRunner()

    def run(*args: str, input: str | bytes | None = None):
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)

    return run
