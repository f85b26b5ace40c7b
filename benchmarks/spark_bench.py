"""Throughput of jdlint on Spark (local[2]) against the plain CLI (`jdlint check -j auto`).

    python benchmarks/spark_bench.py              # 2,000 postings
    python benchmarks/spark_bench.py -n 500 --master 'local[4]' --partitions 8

Builds N postings from examples/*.md and examples/*.txt (each repeated with a varied title line
and pay figure, so no two are identical), writes them as files for the CLI and keeps them as rows
(text + file name, so both pick the same reader) for Spark, then reports postings per second:

* CLI: `python -m jdlint check -j auto --format json` over the files, wall clock of the whole
  process (start-up, spaCy load, reading, linting, writing the report);
* Spark, first run: `lint_dataframe(...)` forced with an aggregate over the findings column,
  Python worker start-up and pipeline build included; the session is already up and the input
  rows are cached in the JVM, so neither is counted;
* Spark, warm: the same again, with the workers and their Linters already built.

Both sides' finding totals are printed too; they must be equal (the same postings, the same
results). Needs `pip install "jdlint[spark]"` and Java.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROLES = ["Engineer", "Analyst", "Designer", "Manager", "Nurse", "Driver", "Chef", "Teacher"]


def source_postings() -> list[tuple[str, str]]:
    """(suffix, text) of every example posting in Markdown or plain text."""
    found = [(p.suffix, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "examples").glob("*"))
             if p.suffix in (".md", ".txt") and p.is_file()]
    if not found:
        sys.exit("spark_bench: no postings in examples/")
    return found


def _vary(text: str, i: int, rng: random.Random) -> str:
    """A small variation: a numbered title line, and the first pay figure nudged."""
    title = f"Posting {i}: {rng.choice(ROLES)}"
    if text.startswith("---\n"):  # keep YAML front matter first
        end = text.index("\n---\n", 4) + 5
        text = text[:end] + f"\n# {title}\n" + text[end:]
    else:
        text = f"{title}\n\n{text}"
    return re.sub(r"\$(\d{2,3}),000", lambda m: f"${int(m.group(1)) + i % 7},000", text, count=1)


def build_corpus(n: int, folder: Path) -> list[tuple[int, str, str]]:
    """N postings written to FOLDER; returns (id, text, file name) rows."""
    rng = random.Random(42)
    sources = source_postings()
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for i in range(n):
        suffix, text = sources[i % len(sources)]
        text = _vary(text, i, rng)
        name = f"posting-{i:06d}{suffix}"
        (folder / name).write_text(text, encoding="utf-8")
        rows.append((i, text, name))
    return rows


def run_cli(folder: Path, work: Path) -> tuple[float, int]:
    config = work / "empty.yaml"
    config.write_text("{}\n", encoding="utf-8")
    report = work / "report.json"
    cmd = [sys.executable, "-m", "jdlint", "check", "-j", "auto", "--format", "json", "-o", str(report),
           "--exit-zero", "--config", str(config), str(folder)]
    start = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=work)
    seconds = time.perf_counter() - start
    data = json.loads(report.read_text(encoding="utf-8"))
    return seconds, sum(len(f["findings"]) for f in data["files"])


def run_spark(rows: list[tuple[int, str, str]], master: str, partitions: int,
              runs: int) -> tuple[float, list[float], int]:
    """(session start-up seconds, seconds of each run, total findings)."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    from jdlint.spark import lint_dataframe

    start = time.perf_counter()
    spark = (SparkSession.builder.master(master).appName("jdlint spark_bench")
             .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
             .config("spark.sql.shuffle.partitions", str(partitions)).getOrCreate())
    startup = time.perf_counter() - start
    spark.sparkContext.setLogLevel("ERROR")
    try:
        df = spark.createDataFrame(rows, "id long, description string, path string").repartition(partitions).cache()
        df.count()  # materialize the input in the JVM: not part of the measurement
        times, total = [], -1
        for _ in range(runs):
            linted = lint_dataframe(df, path_col="path")
            start = time.perf_counter()
            # An aggregate over `findings` forces every posting through the UDF (a bare count()
            # would let Spark prune the unused columns and skip linting altogether).
            total = linted.agg(F.sum(F.size("findings"))).first()[0]
            times.append(time.perf_counter() - start)
        return startup, times, int(total or 0)
    finally:
        spark.stop()


def _java_version() -> str:
    try:
        out = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr
    except OSError:
        return "none"
    return out.splitlines()[0] if out else "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=2000, help="number of postings (default 2000)")
    parser.add_argument("--master", default="local[2]", help="Spark master (default local[2])")
    parser.add_argument("--partitions", type=int, default=4, help="input partitions (default 4)")
    parser.add_argument("--runs", type=int, default=2, help="Spark runs: the first is cold (default 2)")
    args = parser.parse_args()

    import pyspark

    with tempfile.TemporaryDirectory(prefix="jdlint-spark-bench-") as tmp:
        work = Path(tmp)
        rows = build_corpus(args.n, work / "postings")
        cli_s, cli_findings = run_cli(work / "postings", work)
        startup, spark_s, spark_findings = run_spark(rows, args.master, args.partitions, max(1, args.runs))

    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = " ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    print(f"jdlint Spark benchmark, {date.today().isoformat()}: {args.n} postings")
    print(f"machine: {platform.platform()}, {cpus} CPUs, load average {load}; Python {platform.python_version()}, "
          f"PySpark {pyspark.__version__}, {_java_version()}")
    print()
    print("| Run | Seconds | Postings/s | vs CLI |")
    print("|---|---:|---:|---:|")
    cli_rate = args.n / cli_s
    print(f"| `jdlint check -j auto --format json` | {cli_s:.1f} | {cli_rate:.0f} | 1.00 |")
    for i, seconds in enumerate(spark_s):
        label = "cold (worker start-up included)" if i == 0 else "warm"
        rate = args.n / seconds
        print(f"| `lint_dataframe` on {args.master}, {label} | {seconds:.1f} | {rate:.0f} | {rate / cli_rate:.2f} |")
    print(f"| Spark session start-up (JVM; not counted above) | {startup:.1f} | | |")
    print()
    same = "equal" if cli_findings == spark_findings else "DIFFERENT"
    print(f"findings: CLI {cli_findings}, Spark {spark_findings} ({same})")
    if cli_findings != spark_findings:
        sys.exit(1)


if __name__ == "__main__":
    main()
