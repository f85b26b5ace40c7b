"""Shared test helpers: run the CLI in-process and build configs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
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
