"""The ``jdlint`` command exits without tearing the interpreter down: what it prints, its exit
status and its exit handlers must be what a normal exit gives."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from jdlint.cli import main

ROOT = Path(__file__).resolve().parents[2]
POSTING = ROOT / "examples" / sorted(p.name for p in (ROOT / "examples").glob("*.md"))[0]


def _command(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "jdlint", *args], capture_output=True, text=True, **kwargs)


def test_same_report_and_status_as_main() -> None:
    done = _command("check", "--format", "json", str(POSTING))
    expected = CliRunner().invoke(main, ["check", "--format", "json", str(POSTING)])
    assert done.returncode == expected.exit_code == 1
    assert json.loads(done.stdout) == json.loads(expected.stdout)
    assert done.stderr == ""


def test_usage_and_input_errors_keep_their_status() -> None:
    usage = _command("check", "--no-such-option")
    assert usage.returncode == 2 and "No such option" in usage.stderr
    missing = _command("check", str(ROOT / "no-such-posting.md"))
    assert missing.returncode == 2 and "jdlint: error:" in missing.stderr
    assert _command("--version").stdout.startswith("jdlint ")


def test_exit_handlers_run_and_output_is_flushed() -> None:
    code = ("import atexit, sys\nfrom jdlint.cli import entry\n"
            "atexit.register(lambda: print('handler ran'))\n"
            "sys.argv = ['jdlint', 'check', '--format', 'json', " + repr(str(POSTING)) + "]\nentry()\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 1
    report, _, tail = done.stdout.rpartition("}")
    assert json.loads(report + "}")["files"] and tail.strip() == "handler ran"


def test_a_reader_that_stops_early_gets_no_traceback() -> None:
    proc = subprocess.Popen([sys.executable, "-m", "jdlint", "check", str(ROOT / "examples")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait() in (0, 1)
    assert "Traceback" not in err
