"""``jdlint spark-check INPUT OUTPUT``: a one-off Spark job that lints a table of postings.

Reads Parquet or JSON Lines (or a folder of posting files) through Spark, adds jdlint's columns
with :func:`jdlint.spark.lint_dataframe` and writes Parquet or JSON Lines. Runs wherever a
SparkSession can be had: ``spark-submit`` on YARN/Kubernetes, a Databricks job, or on its own
(a local Spark, ``local[*]`` unless ``--master`` says otherwise).

Under ``spark-submit`` the main file must be a script; this module is one
(``spark-submit .../jdlint/spark_cli.py INPUT OUTPUT``), or use a two-line driver that calls
:func:`spark_check`.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

import click

from jdlint.errors import JdlintError

JSON_SUFFIXES = (".json", ".jsonl", ".ndjson")


def _fail(message: str) -> None:
    click.echo(f"jdlint: error: {message}", err=True)


def _guarded(func: Callable[..., Any]) -> Callable[..., Any]:
    """jdlint's own errors and a missing PySpark become one line and exit code 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (JdlintError, ValueError) as err:
            _fail(str(err))
            sys.exit(2)
        except KeyboardInterrupt:
            sys.exit(130)
        except Exception as err:
            if type(err).__name__ != "AnalysisException":  # a missing input path, an unknown column...
                raise
            _fail(str(err).strip().splitlines()[0])
            sys.exit(2)

    return wrapper


def _split(values: tuple[str, ...]) -> list[str] | None:
    if not values:
        return None
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def format_for(uri: str, given: str) -> str:
    """``auto`` -> ``json`` for .json/.jsonl/.ndjson, else ``parquet``."""
    if given != "auto":
        return given
    return "json" if PurePosixPath(uri.rstrip("/")).suffix.lower() in JSON_SUFFIXES else "parquet"


def _include_regex(patterns: list[str]) -> str:
    """The configuration's include globs as one Java regex over a file's base name."""
    import fnmatch

    return "|".join(fnmatch.translate(p) for p in patterns) or ".*"


def _session(master: str | None) -> tuple[Any, bool]:
    """A SparkSession, and whether it is ours to stop.

    Under spark-submit, a Databricks job or a notebook the platform owns the session (and stops it);
    run on its own, spark-check starts a local JVM and stops it when done.
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise ValueError('spark-check needs PySpark, pandas and PyArrow: pip install "jdlint[spark]"') from None
    active = SparkSession.getActiveSession()
    # spark-submit (and a hosted platform's driver) hands us a running JVM; the platform stops it.
    hosted = "PYSPARK_GATEWAY_PORT" in os.environ or "DATABRICKS_RUNTIME_VERSION" in os.environ
    if active is not None or hosted:
        return active or SparkSession.builder.appName("jdlint spark-check").getOrCreate(), False
    # We start the JVM, so the Python workers should run this Python (the one jdlint is installed in).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("jdlint spark-check")
    if master:
        builder = builder.master(master)
    return builder.getOrCreate(), True


@click.command("spark-check")
@click.argument("input_path", metavar="INPUT")
@click.argument("output_path", metavar="OUTPUT")
@click.option("--input-format", type=click.Choice(("auto", "parquet", "json", "files")), default="auto",
              show_default=True,
              help="parquet, json (JSON Lines) or files (posting files read like `jdlint check`); "
                   "auto: json for .json/.jsonl/.ndjson, else parquet.")
@click.option("--output-format", type=click.Choice(("auto", "parquet", "json")), default="auto", show_default=True,
              help="auto: json for .json/.jsonl/.ndjson, else parquet.")
@click.option("--text-col", default="description", show_default=True, metavar="COL", help="Column holding the posting.")
@click.option("--id-col", metavar="COL", help="Column naming the posting in error messages.")
@click.option("--path-col", metavar="COL",
              help="Column with each posting's path or URL; its extension picks the reader.")
@click.option("--drop-text", is_flag=True, help="Leave the posting text out of the output.")
@click.option("--mode", type=click.Choice(("errorifexists", "overwrite", "append", "ignore")),
              default="errorifexists", show_default=True, help="What to do when OUTPUT exists (Spark save mode).")
@click.option("--partitions", type=click.IntRange(min=1), metavar="N",
              help="Repartition the input into N partitions first.")
@click.option("--select", multiple=True, help="Only these rules (ids or prefixes, comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these rules (ids or prefixes, comma-separated).")
@click.option("--jurisdiction", "jurisdictions", multiple=True, help="Apply this jurisdiction's rules (repeatable).")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Apply the laws in force on this date (default: today, on the driver).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this configuration file.")
@click.option("--master", metavar="URL",
              help="Spark master when not run by spark-submit or inside a Spark session (default: local[*]).")
@click.option("--quiet", "-q", is_flag=True, help="No summary on standard error.")
@_guarded
def spark_check(input_path: str, output_path: str, input_format: str, output_format: str, text_col: str,
                id_col: str | None, path_col: str | None, drop_text: bool, mode: str, partitions: int | None,
                select: tuple[str, ...], ignore: tuple[str, ...], jurisdictions: tuple[str, ...], as_of: Any,
                config_path: str | None, master: str | None, quiet: bool) -> None:
    """Lint a table of postings on Apache Spark: read INPUT, write it with jdlint's columns to OUTPUT.

    Adds pay_min, pay_max, pay_currency, pay_period, work_mode, locations, jurisdictions, eeo,
    findings and error to every row. Exits 0 once OUTPUT is written, whatever the findings.
    """
    from jdlint.config import discover, load_file

    config = load_file(Path(config_path)) if config_path else discover()
    ignored = _split(ignore) or []
    config = config.merged(
        select=_split(select),
        ignore=[*config.ignore, *ignored] if ignored else None,
        jurisdictions=list(jurisdictions) or None,
        as_of=as_of.date() if as_of else None,
    )
    in_fmt = format_for(input_path, input_format)
    out_fmt = format_for(output_path, output_format)

    spark, ours = _session(master)
    try:
        from pyspark.sql import functions as F

        from jdlint.spark import RESULT_COLUMNS, lint_dataframe

        if in_fmt == "files":
            df = (spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(input_path)
                  .where(F.regexp_extract("path", r"[^/]*$", 0).rlike(_include_regex(config.include))))
            text_col, path_col, drop_text = "content", "path", True
        elif in_fmt == "json":
            df = spark.read.json(input_path)
        else:
            df = spark.read.parquet(input_path)
        if partitions:
            df = df.repartition(partitions)
        out = lint_dataframe(df, text_col=text_col, id_col=id_col, path_col=path_col, config=config)
        if drop_text:
            out = out.drop(text_col)
        writer = out.write.mode(mode)
        (writer.json if out_fmt == "json" else writer.parquet)(output_path)
        if not quiet:
            _summary(spark, output_path, out_fmt, mode, RESULT_COLUMNS)
    finally:
        if ours:
            spark.stop()


def _summary(spark: Any, output_path: str, out_fmt: str, mode: str, columns: dict[str, str]) -> None:
    """Count what was written (read back: the linting is not run a second time)."""
    if mode == "append":
        click.echo(f"jdlint: appended to {output_path}", err=True)
        return
    from pyspark.sql import functions as F

    schema = f"findings {columns['findings']}, error string"
    reader = spark.read.schema(schema)
    written = reader.json(output_path) if out_fmt == "json" else reader.parquet(output_path)

    def severity(name: str) -> Any:
        return F.sum(F.expr(f"size(filter(coalesce(findings, array()), f -> f.severity = '{name}'))"))

    row = written.agg(
        F.count(F.lit(1)).alias("postings"),
        F.sum(F.when(F.size(F.coalesce("findings", F.array())) > 0, 1).otherwise(0)).alias("with_findings"),
        F.count("error").alias("errors"),
        severity("error").alias("error"), severity("warning").alias("warning"), severity("info").alias("info"),
    ).first()
    counts = {k: int(v or 0) for k, v in row.asDict().items()}
    findings = counts["error"] + counts["warning"] + counts["info"]
    click.echo(f"jdlint: {counts['postings']} postings linted, {findings} findings "
               f"({counts['error']} error, {counts['warning']} warning, {counts['info']} info) "
               f"in {counts['with_findings']} postings; {counts['errors']} could not be read -> {output_path}",
               err=True)


if __name__ == "__main__":  # spark-submit .../jdlint/spark_cli.py INPUT OUTPUT [OPTIONS]
    spark_check()
