"""The pre-commit hook, installed by pre-commit itself from this checkout.

pre-commit builds the hook's virtualenv from a git repository at a commit, exactly as users
get it, so the tests snapshot the working tree (tracked and untracked, minus ignored; new
files not yet added to git included) into a throwaway repository and point a project's
config at it. Each install takes about half a minute, so one test does it, once.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"

MASCULINE = """\
# Sales Ninja

We want an aggressive, competitive and dominant closer: ambitious, assertive, decisive,
fearless and fiercely independent. You will lead from the front, fight for every deal,
battle rivals and defend our territory. Only self-reliant, driven champions need apply.
"""

CLEAN = """\
# Payroll Specialist

**Location:** Denver, Colorado (hybrid: three days a week in our office)
**Pay:** $62,000–$70,000 per year, plus health insurance and 20 days of paid leave

You will run payroll for our 400 staff, answer questions from colleagues and keep
our records accurate and up to date.

## What you bring

- Two years of payroll experience, or equivalent training
- Care for detail and for the people you help

We are an equal opportunity employer. All qualified applicants will receive consideration
for employment without regard to race, color, religion, sex, sexual orientation, gender
identity, national origin, disability or veteran status.
"""

# Only the bias rules, so the outcome does not depend on which other rule packs exist.
JDLINT_CONFIG = "select: [bias]\n"


def _env(home: Path) -> dict[str, str]:
    """No GIT_* from an outer hook, and a private pre-commit store (never ~/.cache)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        PRE_COMMIT_HOME=str(home),
        PRE_COMMIT_COLOR="never",
        GIT_AUTHOR_NAME="jdlint tests",
        GIT_AUTHOR_EMAIL="tests@example.invalid",
        GIT_COMMITTER_NAME="jdlint tests",
        GIT_COMMITTER_EMAIL="tests@example.invalid",
    )
    return env


def _git(cwd: Path, *args: str, env: dict[str, str] | None = None) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def _commit_all(cwd: Path, env: dict[str, str]) -> str:
    _git(cwd, "add", "-A", env=env)
    _git(cwd, "commit", "-q", "--no-verify", "-m", "snapshot", env=env)
    return _git(cwd, "rev-parse", "HEAD", env=env).strip()


def test_hook_manifest():
    """The manifest as pre-commit reads it: valid, and typed for the formats jdlint reads."""
    manifest = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = manifest
    assert hook["id"] == "jdlint"
    assert hook["entry"] == "jdlint check"
    assert hook["language"] == "python"
    assert hook["require_serial"] is False
    assert {"markdown", "plain-text", "html", "json"} <= set(hook["types_or"])
    clientlib = pytest.importorskip("pre_commit.clientlib")
    clientlib.load_manifest(str(REPO / ".pre-commit-hooks.yaml"))  # raises on unknown types or keys
    identify = pytest.importorskip("identify.identify")
    for name in ("job.md", "job.markdown", "job.mdx", "job.txt", "job.html", "job.htm", "job.json"):
        assert set(hook["types_or"]) & identify.tags_from_filename(name), name


def test_example_pre_commit_config():
    config = yaml.safe_load((REPO / "examples" / "pre-commit-config.yaml").read_text(encoding="utf-8"))
    (repo,) = config["repos"]
    assert repo["repo"].startswith("https://") and repo["rev"]
    (hook,) = repo["hooks"]
    assert hook == {"id": "jdlint", "files": "^jobs/"}
    clientlib = pytest.importorskip("pre_commit.clientlib")
    clientlib.load_config(str(REPO / "examples" / "pre-commit-config.yaml"))


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict[str, str]:
    if not PRE_COMMIT.exists():
        pytest.skip(f"pre-commit is not installed next to {sys.executable}")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    return _env(tmp_path_factory.mktemp("pre-commit-home"))


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory, env) -> tuple[Path, str]:
    """This checkout's working tree committed to a throwaway repository: (path, commit)."""
    try:
        listed = _git(REPO, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    except subprocess.CalledProcessError:
        pytest.skip(f"{REPO} is not a git checkout; pre-commit installs hooks from git repositories")
    snap = tmp_path_factory.mktemp("hook-repo")
    for name in filter(None, listed.split("\0")):
        src = REPO / name
        if src.is_file():
            (snap / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, snap / name)
    _git(snap, "init", "-q", env=env)
    return snap, _commit_all(snap, env)


def _project(path: Path, env: dict[str, str], files: dict[str, str]) -> Path:
    path.mkdir()
    _git(path, "init", "-q", env=env)
    for name, text in {".jdlint.yaml": JDLINT_CONFIG, **files}.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text(text, encoding="utf-8")
    _commit_all(path, env)
    return path


def _pre_commit(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(PRE_COMMIT), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


@pytest.mark.slow
def test_example_config_runs_on_jobs_only(tmp_path, env, hook_repo):
    """examples/pre-commit-config.yaml as a user would copy it, pointed at this checkout."""
    config = yaml.safe_load((REPO / "examples" / "pre-commit-config.yaml").read_text(encoding="utf-8"))
    config["repos"][0].update(repo=str(hook_repo[0]), rev=hook_repo[1])
    files = {
        ".pre-commit-config.yaml": yaml.safe_dump(config),
        "jobs/payroll.md": CLEAN,
        "jobs/sales.md": MASCULINE,
        "README.md": MASCULINE,  # outside jobs/: must not be linted
    }
    project = _project(tmp_path / "project", env, files)

    failing = _pre_commit(project, env, "run", "--all-files")
    out = failing.stdout + failing.stderr
    assert failing.returncode == 1, out
    assert "jobs/sales.md:1:1: warning bias.gender-coded-balance" in out
    assert "jobs/payroll.md:" not in out
    assert "README.md" not in out

    (project / "jobs" / "sales.md").unlink()
    _commit_all(project, env)
    passing = _pre_commit(project, env, "run", "--all-files")
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "Passed" in passing.stdout
