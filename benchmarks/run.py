"""jdlint's speed and memory, measured side by side with alex on the same postings.

    python benchmarks/run.py                  # 1,000 postings, the numbers for RESULTS.md
    python benchmarks/run.py -n 200 --corpus ../shared/corpus --no-alex

Builds a corpus of N postings from examples/ (and any folder given with --corpus) by
repeating them with small variations, then measures, each in fresh processes:

* throughput: `jdlint check -j auto` over all N files (and `-j 1`), alex over the same files;
* single-process throughput against spaCy's blank English tokenizer alone on the same N texts
  (five alternating rounds; the ratio is the median of the rounds' ratios);
* cold start: one posting, fresh process, against `python -c "import spacy"` (five
  alternating rounds, median ratio);
* scaling: one 1 MB posting (the sources joined until 1 MB), against the 3 s target;
* peak RSS: linting --memory-postings postings (default 10,000) in one run.

alex runs through `npx alex` when npm is available (installed on first use into
~/.cache/jdlint-bench). Results print as a Markdown table ready for RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
JDLINT = [PY, "-m", "jdlint"]
# Rounds of jdlint -j 1 against the tokenizer alone: the machine's speed drifts between rounds
# by up to a third, and with three rounds one slow round could move the median.
ROUNDS = 5
ALEX_HOME = Path.home() / ".cache" / "jdlint-bench"


def source_postings(folders: list[Path]) -> list[str]:
    texts = []
    for folder in folders:
        for path in sorted(folder.glob("*")):
            if path.suffix in {".md", ".txt"} and path.is_file():
                texts.append(path.read_text(encoding="utf-8"))
    if not texts:
        sys.exit("benchmark: no postings found")
    return texts


def build_corpus(texts: list[str], n: int, out: Path) -> list[Path]:
    """N files: the sources in turn, each with a varied title line so no two are identical."""
    rng = random.Random(42)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        text = texts[i % len(texts)]
        title = f"# Posting {i}: {rng.choice(['Engineer', 'Analyst', 'Designer', 'Manager', 'Nurse', 'Driver'])}\n\n"
        path = out / f"posting-{i:05d}.md"
        path.write_text(title + text, encoding="utf-8")
        paths.append(path)
    return paths


def build_big_posting(texts: list[str], size: int, path: Path) -> Path:
    """One posting of ``size`` characters: the sources joined, in turn, as one long document."""
    parts, total, i = [], 0, 0
    while total < size:
        part = texts[i % len(texts)]
        parts.append(part)
        total += len(part) + 2
        i += 1
    path.write_text("\n\n".join(parts)[:size], encoding="utf-8")
    return path


def child_env() -> dict[str, str]:
    """The environment every measured command runs in: CI set (no progress bar), and Python
    allowed to keep bytecode, as an installed jdlint (and spaCy) has it: pip compiles it at
    install time, so a PYTHONDONTWRITEBYTECODE=1 shell would otherwise time a source compile."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["CI"] = "1"
    return env


def timed(cmd: list[str], cwd: Path | None = None) -> tuple[float, int, int]:
    """(seconds, peak RSS in MB of the child tree, exit code) of one fresh-process run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=child_env())
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode not in (0, 1):
        sys.exit(f"benchmark: {' '.join(cmd[:4])}... failed ({proc.returncode}): {proc.stderr.decode()[-500:]}")
    return elapsed, max(after, before) // 1024, proc.returncode


def peak_rss(cmd: list[str], cwd: Path | None = None) -> float:
    """Peak RSS (MB) of one command, read with /usr/bin/time (children included)."""
    if not Path("/usr/bin/time").exists():
        return float("nan")
    proc = subprocess.run(["/usr/bin/time", "-v", *cmd], cwd=cwd, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, env=child_env())
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    return int(m.group(1)) / 1024 if m else float("nan")


def best_of(n: int, cmd: list[str], cwd: Path | None = None) -> float:
    return min(timed(cmd, cwd)[0] for _ in range(n))


def alternating(rounds: int, *measures: Callable[[], float]) -> list[list[float]]:
    """Each measure taken ``rounds`` times, in turn (a b a b ...), one list per measure.

    On a shared machine the speed of the whole machine drifts by a third within minutes; a
    ratio of two measures taken minutes apart measures the drift as much as the programs.
    Taken in alternation, each round's pair saw the same machine."""
    out: list[list[float]] = [[] for _ in measures]
    for _ in range(rounds):
        for values, measure in zip(out, measures, strict=True):
            values.append(measure())
    return out


def alex_command() -> list[str] | None:
    if not shutil.which("npm"):
        return None
    alex = ALEX_HOME / "node_modules" / ".bin" / "alex"
    if not alex.exists():
        ALEX_HOME.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(ALEX_HOME), "--no-audit", "--no-fund", "alex@11"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return [str(alex)] if alex.exists() else None


def spacy_tokenizer_rate(paths: list[Path]) -> float:
    code = (
        "import sys, time, spacy\n"
        "texts = [open(p, encoding='utf-8').read() for p in sys.argv[1:]]\n"
        "nlp = spacy.blank('en')\n"
        "t = time.perf_counter()\n"
        "for doc in nlp.pipe(texts, batch_size=32): pass\n"
        "print(len(texts) / (time.perf_counter() - t))\n"
    )
    out = subprocess.run([PY, "-c", code, *map(str, paths)], capture_output=True, text=True, check=True,
                         env=child_env())
    return float(out.stdout.strip())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=1000, help="postings for the throughput runs (default 1000)")
    ap.add_argument("--memory-postings", type=int, default=10_000, help="postings for the peak-RSS run")
    ap.add_argument("--corpus", type=Path, action="append", default=[], help="extra folder of postings")
    ap.add_argument("--no-alex", action="store_true", help="skip alex even when npm is available")
    args = ap.parse_args()

    texts = source_postings([ROOT / "examples", *args.corpus])
    words = sum(len(t.split()) for t in texts) / len(texts)
    with tempfile.TemporaryDirectory(prefix="jdlint-bench-") as tmp:
        tmp_path = Path(tmp)
        paths = build_corpus(texts, args.n, tmp_path / "corpus")
        rows: list[tuple[str, str]] = []

        # Warm the OS cache and any compiled-pack cache once.
        timed([*JDLINT, "check", "--format", "json", str(paths[0])])

        t_auto = best_of(2, [*JDLINT, "check", "-j", "auto", "--format", "json", str(tmp_path / "corpus")])
        one_cmd = [*JDLINT, "check", "-j", "1", "--format", "json", str(tmp_path / "corpus")]
        cold_cmd = [*JDLINT, "check", "--format", "json", str(paths[0])]
        # jdlint -j 1, the tokenizer alone and a one-posting run, in alternation (see alternating).
        ones, tok_rates, colds = alternating(
            ROUNDS, lambda: timed(one_cmd)[0], lambda: spacy_tokenizer_rate(paths),
            lambda: min(timed(cold_cmd)[0] for _ in range(2)))
        t_one, tok_rate, cold = min(ones), max(tok_rates), min(colds)
        jd_rate, jd_rate_1 = args.n / t_auto, args.n / t_one
        # Per round: how many times the tokenizer's time jdlint -j 1 takes, with its start-up,
        # and per posting ((N postings - 1 posting) / (N - 1), both fresh runs).
        slowers = [one * rate / args.n for one, rate in zip(ones, tok_rates, strict=True)]
        slower = median(slowers)
        per_posting = median((one - c) / (args.n - 1) * rate
                             for one, c, rate in zip(ones, colds, tok_rates, strict=True))
        big = build_big_posting(texts, 1_000_000, tmp_path / "big.md")
        t_big = best_of(2, [*JDLINT, "check", "--format", "json", str(big)])
        colds_2, spacy_imports = alternating(5, lambda: timed(cold_cmd)[0],
                                             lambda: timed([PY, "-c", "import spacy"])[0])
        cold, import_spacy = min(cold, *colds_2), min(spacy_imports)
        cold_ratio = median(c / i for c, i in zip(colds_2, spacy_imports, strict=True))

        mem_paths = build_corpus(texts, args.memory_postings, tmp_path / "memory")
        rss = peak_rss([*JDLINT, "check", "-j", "1", "--format", "json", "-q", str(tmp_path / "memory")])
        rss_auto = peak_rss([*JDLINT, "check", "-j", "auto", "--format", "json", "-q", str(tmp_path / "memory")])
        del mem_paths

        alex = None if args.no_alex else alex_command()
        alex_rate = alex_cold = None
        if alex:
            alex_rate = args.n / best_of(1, [*alex, "--quiet", *map(str, paths)], cwd=tmp_path)
            alex_cold = best_of(3, [*alex, "--quiet", str(paths[0])], cwd=tmp_path)

        rows.append(("machine", f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"))
        rows.append(("date", date.today().isoformat()))
        rows.append(("postings", f"{args.n} (from {len(texts)} sources, ~{words:.0f} words each)"))
        rows.append(("jdlint -j auto", f"{jd_rate:.0f} postings/s ({t_auto:.1f} s)"))
        rows.append(("jdlint -j 1", f"{jd_rate_1:.0f} postings/s ({t_one:.1f} s)"))
        rows.append(("spaCy blank tokenizer alone", f"{tok_rate:.0f} postings/s (rounds: "
                                                    f"{', '.join(f'{r:.0f}' for r in tok_rates)}; jdlint -j 1 rounds: "
                                                    f"{', '.join(f'{o:.1f} s' for o in ones)})"))
        rows.append(("jdlint -j 1 vs the tokenizer", f"{slower:.2f}× its time with start-up (rounds: "
                                                     f"{', '.join(f'{r:.2f}' for r in slowers)}), {per_posting:.2f}× "
                                                     "per posting without (medians of the rounds' ratios)"))
        rows.append(("cold start, one posting", f"{cold:.2f} s (python -c 'import spacy': {import_spacy:.2f} s; "
                                               f"ratio {cold_ratio:.2f}, median of 5 alternating rounds)"))
        rows.append(("1 MB posting", f"{t_big:.2f} s start-up included "
                                     f"({t_big - cold:.2f} s after start-up; target < 3 s)"))
        rows.append((f"peak RSS, {args.memory_postings} postings", f"{rss:.0f} MB (-j 1), {rss_auto:.0f} MB (-j auto)"))
        if alex_rate:
            rows.append(("alex", f"{alex_rate:.1f} postings/s; cold start {alex_cold:.2f} s"))
            rows.append(("jdlint -j auto / alex", f"{jd_rate / alex_rate:.1f}×"))
        else:
            rows.append(("alex", "not measured (npm unavailable or --no-alex)"))

    print("| Measure | Result |\n|---|---|")
    for k, v in rows:
        print(f"| {k} | {v} |")


if __name__ == "__main__":
    main()
