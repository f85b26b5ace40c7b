"""The README's generated rule tables match the packs, and its set-up commands match .ci/run."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_readme_rule_tables_up_to_date():
    res = subprocess.run([sys.executable, str(ROOT / "scripts" / "update_readme.py"), "--check"],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_cmd = next(line for line in readme.splitlines()
                    if line.startswith("python3 -m venv .venv") and "pytest" in line)
    # .ci/run adds -q to pip; otherwise the same command
    assert test_cmd.replace("pip install -e", "pip install -q -e") in ci
