"""The wheel ships the rule packs: build it, install it into a fresh venv, list the rules.

The fresh venv gets the wheel itself (no editable checkout on its path) and borrows the
already-installed third-party dependencies through a .pth line, so the test needs no network.
"""

import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_contains_and_serves_rule_packs(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)],
                   check=True, capture_output=True)
    (wheel,) = dist.glob("jdlint-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    packs = sorted(p.name for p in (ROOT / "rules").glob("*.yaml"))
    assert packs, "no rule packs in rules/"
    for name in packs:
        assert f"jdlint/_rules/{name}" in names

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps", "--quiet",
                    str(wheel)], check=True, capture_output=True)
    site = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    (Path(site) / "_deps_from_dev_env.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    where = subprocess.run([str(py), "-c", "import jdlint; print(jdlint.__file__)"], cwd=tmp_path,
                           check=True, capture_output=True, text=True).stdout.strip()
    assert where.startswith(str(env_dir)), f"imported jdlint from {where}, not the wheel"
    out = subprocess.run([str(env_dir / "bin" / "jdlint"), "rules"], cwd=tmp_path,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "bias.gender-coded-balance" in out.stdout
