"""jdlint on Spark (``jdlint.spark.lint_dataframe`` and ``jdlint spark-check``) on a local[2] session.

Every Spark result is compared with ``jdlint.lint_text`` (or ``jdlint check --format json``) on the
same posting, generically, so the tests keep holding while rules and facts grow. Skipped only when
there is no Java to run Spark on.
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import jdlint

FIELDS = ("rule", "category", "severity", "message", "line", "column", "end_line", "end_column", "match")
FACT_COLUMNS = ("pay_min", "pay_max", "pay_currency", "pay_period", "work_mode", "locations", "jurisdictions", "eeo")

needs_java = pytest.mark.skipif(shutil.which("java") is None,
                                reason="Spark needs a Java runtime (java on PATH, 17+) and none was found")

# Invented postings, one per reader and situation.
ANALYST = """Data Analyst, Customer Insights

Location: Portland, OR (hybrid, three days a week in the office)
Pay: $72,000 - $88,000 per year

You will turn survey and support-ticket data into short reports that product teams act on.
You know SQL and one of Python or R, and you explain numbers to people who do not love them.

We are an equal opportunity employer. We do not discriminate on the basis of race, color,
religion, sex, sexual orientation, gender identity, national origin, age, disability or veteran
status. For an accommodation while applying, write to hiring-help@example.org.
"""

SUPPORT_MD = """---
title: Support Engineer (Remote, Canada)
---

# Support Engineer

**Where:** Remote within Canada (we meet in Toronto, ON twice a year)
**Pay:** CA$68,000 – CA$79,000 per year

## What you will do

- Answer customer questions by email and chat, and reproduce their bugs.
- Write help-centre articles with the documentation team.

We welcome applicants of every background and provide accommodations on request.
"""

ROCKSTAR = """Sales Hero Wanted!!

We are a young, aggressive crew hunting for a rockstar closer and digital native who
dominates the phones. Must be a recent graduate with boundless energy. Competitive pay, DOE.
"""

NURSE_HTML = """<!doctype html>
<html><head><title>Night Nurse</title></head>
<body>
<h1>Registered Nurse, Nights</h1>
<p>On-site at our clinic in Worcester, MA. Pay: $46 to $58 per hour.</p>
<p>We are an equal opportunity employer and consider all applicants without regard to race,
color, religion, sex, national origin, age or disability.</p>
</body></html>
"""

BERLIN = """Backend-Entwickler (m/w/d) / Backend Developer

Berlin, Germany. Hybrid. Up to EUR 70,000 per year.
Join a small team building booking software for dentists.
"""

BROKEN_JSON = '{"title": "Cook", "description": '

POSTINGS: list[tuple[str, str | None, str | None]] = [  # (id, text, path)
    ("analyst", ANALYST, None),
    ("support", SUPPORT_MD, "jobs/support-engineer.md"),
    ("rockstar", ROCKSTAR, None),
    ("nurse", NURSE_HTML, "careers/nurse.html"),
    ("berlin", BERLIN, "berlin.txt"),
    ("empty", "", None),
    ("broken", BROKEN_JSON, "feeds/cook.json"),
    ("null", None, None),
    ("analyst-md", ANALYST, "analyst.md"),
]


def finding_tuples(findings) -> list[tuple]:
    return [tuple(f[name] if isinstance(f, dict) else getattr(f, name) for name in FIELDS) for f in findings or []]


def expected_from_result(result: jdlint.Result) -> dict:
    """What the Spark columns must hold for one jdlint Result (written independently of jdlint.spark)."""
    if result.error is not None:
        return {**dict.fromkeys(FACT_COLUMNS), "findings": [], "error": result.error}
    pay = result.facts.pay
    return {
        "pay_min": None if pay is None or pay.min is None else float(pay.min),
        "pay_max": None if pay is None or pay.max is None else float(pay.max),
        "pay_currency": pay.currency if pay else None,
        "pay_period": pay.period if pay else None,
        "work_mode": result.facts.work_mode,
        "locations": [loc.text for loc in result.facts.locations],
        "jurisdictions": [j.id for j in result.facts.jurisdictions],
        "eeo": result.facts.eeo is not None,
        "findings": finding_tuples(result.findings),
        "error": None,
    }


def expected_row(text: str | None, path: str | None = None, config=None) -> dict:
    if text is None:
        return {**dict.fromkeys(FACT_COLUMNS), "findings": [], "error": None}
    return expected_from_result(jdlint.lint_text(text, path=path, config=config))


def actual_row(row) -> dict:
    data = row.asDict(recursive=True)
    out = {name: data[name] for name in (*FACT_COLUMNS, "error")}
    out["findings"] = finding_tuples(data["findings"])
    return out


@pytest.fixture(scope="module")
def spark():
    if shutil.which("java") is None:
        pytest.skip("Spark needs a Java runtime (java on PATH, 17+) and none was found")
    from pyspark.sql import SparkSession

    # Local mode starts its Python workers with $PYSPARK_PYTHON: make it this interpreter (the venv's).
    patch = pytest.MonkeyPatch()
    patch.setenv("PYSPARK_PYTHON", sys.executable)
    session = (SparkSession.builder.master("local[2]").appName("jdlint-tests")
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", "2")
               .config("spark.default.parallelism", "2")
               .config("spark.driver.memory", "1g")
               # small Arrow batches: several batches per task, so the linter's reuse is exercised
               .config("spark.sql.execution.arrow.maxRecordsPerBatch", "2")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
    patch.undo()


@pytest.fixture(scope="module")
def postings_df(spark):
    return spark.createDataFrame(POSTINGS, "id string, description string, path string")


@pytest.fixture(scope="module")
def linted(postings_df):
    from jdlint.spark import lint_dataframe

    return lint_dataframe(postings_df, path_col="path").collect()


# -- without Spark --------------------------------------------------------------------------

def test_import_jdlint_does_not_import_pyspark():
    code = ("import sys, jdlint, jdlint.spark, jdlint.spark_cli; "
            "print('pyspark' in sys.modules, 'pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_lint_rows_handles_null_and_non_string_values():
    from jdlint.lint import Linter
    from jdlint.spark import lint_rows

    values = [None, math.nan, 42, ["a list"], "We need a rockstar.", b"We need a rockstar.", b"\xff\xfe\x00bad"]
    rows = lint_rows(Linter(), values, [None] * len(values), [None, None, None, None, None, None, "posting-7"])
    for row in rows[:4]:
        assert row == {**dict.fromkeys(FACT_COLUMNS), "findings": [], "error": None}
    assert finding_tuples(rows[4]["findings"]) == expected_row("We need a rockstar.")["findings"]
    assert rows[5] == rows[4]  # bytes are decoded like a file
    assert rows[6]["error"].startswith("posting-7: ") and rows[6]["findings"] == []


# -- lint_dataframe -------------------------------------------------------------------------

@needs_java
def test_output_schema_is_input_plus_typed_columns(postings_df):
    from jdlint.spark import RESULT_COLUMNS, lint_dataframe

    out = lint_dataframe(postings_df, path_col="path")
    assert out.columns == ["id", "description", "path", *RESULT_COLUMNS]
    types = {f.name: f.dataType.simpleString() for f in out.schema.fields}
    assert types["pay_min"] == types["pay_max"] == "double"
    assert types["locations"] == types["jurisdictions"] == "array<string>"
    assert types["eeo"] == "boolean"
    assert types["findings"] == ("array<struct<rule:string,category:string,severity:string,message:string,"
                                 "line:int,column:int,end_line:int,end_column:int,match:string>>")
    assert types["error"] == "string"


@needs_java
def test_each_row_equals_lint_text(linted):
    assert [row["id"] for row in linted] == [p[0] for p in POSTINGS]  # rows and their order kept
    for (ident, text, path), row in zip(POSTINGS, linted, strict=True):
        assert row["description"] == text and row["path"] == path
        assert actual_row(row) == expected_row(text, path), ident
    by_id = {row["id"]: row for row in linted}
    assert by_id["analyst"]["findings"] != by_id["rockstar"]["findings"]  # not trivially all-equal
    assert by_id["rockstar"]["findings"], "the invented biased posting should have findings"


@needs_java
def test_null_posting_gets_null_facts_and_no_findings(linted):
    row = {r["id"]: r for r in linted}["null"]
    assert all(row[c] is None for c in (*FACT_COLUMNS, "error"))
    assert row["findings"] == []


@needs_java
def test_configuration_and_custom_packs_reach_the_workers(postings_df, tmp_path):
    from jdlint.spark import lint_dataframe

    pack = tmp_path / "house.yaml"
    pack.write_text("""rules:
  - id: house.crew
    category: house
    severity: warning
    message: "Say “team”, not “{match}”."
    rationale: House style.
    sources: ["House style guide"]
    kind: terms
    terms:
      - phrase: crew
""", encoding="utf-8")
    config = {"select": ["bias", "house"], "rule_packs": [str(pack)], "as_of": "2026-01-15"}
    rows = lint_dataframe(postings_df, path_col="path", config=config).collect()
    seen = set()
    for (ident, text, path), row in zip(POSTINGS, rows, strict=True):
        assert actual_row(row) == expected_row(text, path, config=config), ident
        seen.update(f["rule"] for f in row["findings"])
    assert "house.crew" in seen
    assert all(rule.startswith(("bias", "house")) for rule in seen)


@needs_java
def test_linter_is_built_once_per_worker_process(spark, postings_df):
    import pandas as pd

    from jdlint.spark import lint_dataframe, payload_key, worker_payload

    config = {"ignore": ["bias.jargon"]}
    many = postings_df.unionByName(postings_df).unionByName(postings_df).repartition(4)
    for _ in range(2):  # two jobs, 8 tasks, many Arrow batches of 2 rows
        assert len(lint_dataframe(many, path_col="path", config=config).collect()) == 3 * len(POSTINGS)
    key = payload_key(worker_payload(config))

    def probe(batches):
        import os

        import jdlint.nlp
        import jdlint.spark

        for _ in batches:
            pass
        yield pd.DataFrame({"pid": [os.getpid()], "builds": [jdlint.spark.LINTER_BUILDS.get(key, 0)],
                            "pipelines": [jdlint.nlp.english.cache_info().misses]})

    stats = spark.range(0, 8, 1, 8).mapInPandas(probe, "pid long, builds long, pipelines long").collect()
    assert all(s["builds"] <= 1 and s["pipelines"] <= 1 for s in stats), stats
    assert any(s["builds"] == 1 for s in stats), stats  # the probe ran in workers that had linted


@needs_java
def test_bad_arguments_fail_on_the_driver(postings_df):
    from jdlint.errors import ConfigError
    from jdlint.spark import lint_dataframe

    with pytest.raises(ValueError, match="text_col: no column 'body'"):
        lint_dataframe(postings_df, text_col="body")
    with pytest.raises(ValueError, match="already has column"):
        lint_dataframe(postings_df.withColumnRenamed("path", "findings"))
    with pytest.raises(ConfigError, match="unknown key"):
        lint_dataframe(postings_df, config={"selekt": ["bias"]})
    with pytest.raises(ValueError, match="unknown input format"):
        lint_dataframe(postings_df, input_format="docx")


@needs_java
def test_column_names_with_dots_and_spaces(spark):
    from jdlint.spark import lint_dataframe

    df = spark.createDataFrame([(1, ROCKSTAR), (2, ANALYST)], "`job id` int, `posting.text` string")
    rows = lint_dataframe(df, text_col="posting.text", id_col="job id").collect()
    assert [r["job id"] for r in rows] == [1, 2]
    for row, text in zip(rows, (ROCKSTAR, ANALYST), strict=True):
        assert actual_row(row) == expected_row(text)


@needs_java
def test_non_string_text_column_gives_null_facts(spark):
    from jdlint.spark import lint_dataframe

    df = spark.createDataFrame([(1, 7), (2, None)], "id int, description int")
    with pytest.warns(UserWarning, match="not string or binary"):
        rows = lint_dataframe(df, id_col="id").collect()
    assert [(r["findings"], r["eeo"], r["error"]) for r in rows] == [([], None, None)] * 2


def _write_files(folder: Path) -> None:
    folder.mkdir()
    (folder / "analyst.txt").write_text(ANALYST, encoding="utf-8")
    (folder / "support.md").write_text(SUPPORT_MD, encoding="utf-8")
    (folder / "rockstar.md").write_text(ROCKSTAR, encoding="utf-8")
    (folder / "nurse.html").write_text(NURSE_HTML, encoding="utf-8")
    (folder / "latin1.txt").write_bytes("Caf\xe9 cook wanted in Montr\xe9al.".encode("latin-1"))


def _cli_report(folder: Path, tmp_path: Path) -> dict:
    from jdlint.cli import main

    empty = tmp_path / "empty.yaml"
    empty.write_text("{}\n", encoding="utf-8")
    report = tmp_path / "report.json"
    CliRunner().invoke(main, ["check", str(folder), "--format", "json", "-o", str(report), "--config", str(empty),
                              "--exit-zero"], catch_exceptions=False)
    return json.loads(report.read_text(encoding="utf-8"))


def _expected_from_report(entry: dict) -> dict:
    facts, pay = entry["facts"], entry["facts"]["pay"]
    return {
        "pay_min": None if pay is None or pay["min"] is None else float(pay["min"]),
        "pay_max": None if pay is None or pay["max"] is None else float(pay["max"]),
        "pay_currency": pay["currency"] if pay else None,
        "pay_period": pay["period"] if pay else None,
        "work_mode": facts["work_mode"],
        "locations": [loc["text"] for loc in facts["locations"]],
        "jurisdictions": [j["id"] for j in facts["jurisdictions"]],
        "eeo": facts["eeo"] is not None,
        "findings": finding_tuples(entry["findings"]),
        "error": None,
    }


@needs_java
def test_posting_files_give_what_jdlint_check_reports(spark, tmp_path):
    from jdlint.spark import lint_dataframe

    folder = tmp_path / "postings"
    _write_files(folder)
    files = spark.read.format("binaryFile").load(str(folder))
    rows = {Path(r["path"]).name: r for r in lint_dataframe(files, text_col="content", path_col="path").collect()}
    report = _cli_report(folder, tmp_path)
    assert len(report["files"]) == 4 and len(report["errors"]) == 1
    for entry in report["files"]:
        assert actual_row(rows[Path(entry["path"]).name]) == _expected_from_report(entry), entry["path"]
    bad = rows["latin1.txt"]
    assert bad["findings"] == [] and all(bad[c] is None for c in FACT_COLUMNS)
    # Same reason as the CLI's error line; only the way the path is written differs.
    assert bad["error"].split(": ", 1)[1] == report["errors"][0]["message"].split(": ", 1)[1]


# -- jdlint spark-check -----------------------------------------------------------------------

@needs_java
def test_spark_check_json_to_parquet(spark, tmp_path):
    from jdlint.spark_cli import spark_check

    source = tmp_path / "postings.jsonl"
    source.write_text("".join(json.dumps({"job_id": i, "body": text, "url": path}) + "\n"
                              for i, text, path in POSTINGS), encoding="utf-8")
    out = tmp_path / "linted.parquet"
    (tmp_path / "cfg.yaml").write_text("{}\n", encoding="utf-8")
    result = CliRunner().invoke(spark_check, [str(source), str(out), "--text-col", "body", "--path-col", "url",
                                              "--id-col", "job_id", "--select", "bias,pay",
                                              "--config", str(tmp_path / "cfg.yaml")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert f"{len(POSTINGS)} postings linted" in result.stderr
    rows = {r["job_id"]: r for r in spark.read.parquet(str(out)).collect()}
    assert len(rows) == len(POSTINGS)
    for ident, text, path in POSTINGS:
        assert actual_row(rows[ident]) == expected_row(text, path, config={"select": ["bias", "pay"]}), ident


@needs_java
def test_spark_check_posting_files_to_json(spark, tmp_path):
    from jdlint.spark_cli import spark_check

    folder = tmp_path / "postings"
    _write_files(folder)
    (folder / "notes.bin").write_bytes(b"\x00\x01")  # not in `include`: skipped like `jdlint check` does
    out = tmp_path / "linted.json"
    runner = CliRunner()
    args = [str(folder), str(out), "--input-format", "files", "--config", str(tmp_path / "cfg.yaml")]
    (tmp_path / "cfg.yaml").write_text("{}\n", encoding="utf-8")
    result = runner.invoke(spark_check, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "5 postings linted" in result.stderr and "1 could not be read" in result.stderr
    again = runner.invoke(spark_check, args, catch_exceptions=False)  # OUTPUT exists: Spark's error, one line
    assert again.exit_code == 2 and again.stderr.startswith("jdlint: error: ") and "Traceback" not in again.stderr
    from jdlint.spark import RESULT_DDL

    written = spark.read.schema(f"path string, {RESULT_DDL}").json(str(out)).collect()
    rows = {Path(r["path"]).name: r for r in written}
    assert "content" not in spark.read.json(str(out)).columns
    report = _cli_report(folder, tmp_path)
    for entry in report["files"]:
        assert actual_row(rows[Path(entry["path"]).name]) == _expected_from_report(entry), entry["path"]
