"""jdlint on Apache Spark: lint a DataFrame of postings on the cluster's executors.

    >>> from jdlint.spark import lint_dataframe              # doctest: +SKIP
    >>> out = lint_dataframe(spark.read.parquet("s3://lake/postings/"), text_col="description")

``lint_dataframe`` adds typed columns (pay, work mode, locations, jurisdictions, EEO, findings,
error) to the input DataFrame. The work runs in a pandas UDF (Arrow batches, a few thousand
postings at a time): only the text, path and id columns travel to Python, every other column
stays in the JVM. Each Python worker process builds jdlint's :class:`~jdlint.lint.Linter`
(compiled rule packs, spaCy pipeline) once, on its first batch, and keeps it in a module-level
cache; Spark reuses Python workers across tasks (``spark.python.worker.reuse``, on by default),
so the start-up cost is paid once per worker, never per row or per task.

The configuration travels to the workers inside the UDF's closure as a plain dict, with the
contents of any custom rule packs, so nothing has to be copied to the executors' disks; the
built-in packs ship inside the jdlint wheel and spaCy needs no model download. ``as_of``
defaults to the driver's date when the job is defined, so every executor applies the same laws.

Results are those of :func:`jdlint.lint_text` on the same posting and path, and of
``jdlint check`` on the same files. Importing this module does not import pyspark; calling
:func:`lint_dataframe` does (install with ``pip install "jdlint[spark]"``).
"""

import hashlib
import os
import tempfile
import warnings
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jdlint.config import SCHEMA, Config

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

    from jdlint.lint import Linter
    from jdlint.model import Result

#: Fields of one entry of the ``findings`` column, in order (as in the JSON report).
FINDING_FIELDS: tuple[str, ...] = (
    "rule", "category", "severity", "message", "line", "column", "end_line", "end_column", "match",
)
_FINDING_TYPES = {"line": "int", "column": "int", "end_line": "int", "end_column": "int"}

#: The columns ``lint_dataframe`` adds, with their Spark SQL types.
RESULT_COLUMNS: dict[str, str] = {
    "pay_min": "double",
    "pay_max": "double",
    "pay_currency": "string",
    "pay_period": "string",
    "work_mode": "string",
    "locations": "array<string>",
    "jurisdictions": "array<string>",
    "eeo": "boolean",
    "findings": "array<struct<" + ", ".join(f"`{name}`: {_FINDING_TYPES.get(name, 'string')}"
                                            for name in FINDING_FIELDS) + ">>",
    "error": "string",
}

#: The added columns as one DDL schema string (``StructType.fromDDL`` / ``spark.read.schema``).
RESULT_DDL = ", ".join(f"`{name}` {kind}" for name, kind in RESULT_COLUMNS.items())

_STRUCT_DDL = "struct<" + ", ".join(f"`{name}`: {kind}" for name, kind in RESULT_COLUMNS.items()) + ">"
_TMP_COL = "__jdlint_result"
# Keys of the configuration that matter for linting (include/exclude only pick files).
_LINT_KEYS = tuple(k for k in SCHEMA if k not in ("include", "exclude"))


# -- driver side --------------------------------------------------------------------------

def worker_payload(config: Config | dict[str, Any] | None = None) -> dict[str, Any]:
    """The configuration as the workers receive it: plain data, custom packs inlined.

    Validates the configuration and compiles the packs once on the driver so a bad
    configuration fails the call (``ConfigError``/``PackError``), not a task on an executor.
    """
    from jdlint.lint import Linter

    cfg = _as_config(config)
    Linter(cfg)  # fail fast on bad packs, on the driver
    data: dict[str, Any] = {}
    for key in _LINT_KEYS:
        value = getattr(cfg, key)
        if value is None or value == [] or value == {}:
            continue
        data[key] = value.isoformat() if isinstance(value, date) else value
    data.setdefault("as_of", date.today().isoformat())
    packs = [(Path(p).name, Path(p).read_text(encoding="utf-8")) for p in data.pop("rule_packs", [])]
    return {"config": data, "packs": packs}


def _as_config(config: Config | dict[str, Any] | None) -> Config:
    if config is None:
        return Config()
    if isinstance(config, Config):
        return config
    return Config.from_dict(dict(config), "config argument")


def lint_dataframe(df: "DataFrame", text_col: str = "description", id_col: str | None = None,
                   path_col: str | None = None, *, config: Config | dict[str, Any] | None = None,
                   input_format: str | None = None) -> "DataFrame":
    """The input DataFrame plus jdlint's columns (see ``RESULT_COLUMNS``), one row per posting.

    - ``text_col``: the posting, a string column (or binary: raw file bytes, decoded as
      ``jdlint check`` decodes files, e.g. ``spark.read.format("binaryFile")``'s ``content``).
    - ``path_col``: the posting's path or URL; its extension picks the reader (``.md``,
      ``.html``, ``.json``...) as for ``jdlint.lint_text(text, path=...)``. Without it (or
      where it is null) postings are read as plain text.
    - ``id_col``: names the posting in ``error`` messages when there is no path.
    - ``config``: a :class:`jdlint.Config` or a dict of configuration keys (as in
      ``.jdlint.yaml``); ``input_format`` forces a reader (``text``, ``markdown``, ``html``...).

    A null posting gets null facts and no findings; a posting that cannot be read (invalid
    UTF-8, a malformed JSON posting) gets null facts, no findings and the reason in ``error``.
    The input must not already have columns of those names.
    """
    import pandas as pd
    from pyspark.sql import functions as F
    from pyspark.sql.types import BinaryType, StringType

    for label, name in (("text_col", text_col), ("id_col", id_col), ("path_col", path_col)):
        if name is not None and name not in df.columns:
            raise ValueError(f"{label}: no column {name!r} in the DataFrame (columns: {', '.join(df.columns)})")
    clash = [c for c in df.columns if c in RESULT_COLUMNS or c == _TMP_COL]
    if clash:
        raise ValueError(f"the DataFrame already has column(s) {', '.join(clash)}; "
                         "drop or rename them before linting")
    if input_format is not None:
        from jdlint.readers import reader

        reader(input_format)  # an unknown format is a ValueError here, not in every task
    payload = worker_payload(config)
    payload["input_format"] = input_format

    text_type = df.schema[text_col].dataType
    if isinstance(text_type, StringType | BinaryType):
        text = F.col(_quoted(text_col))
    else:
        warnings.warn(f"jdlint: column {text_col!r} is {text_type.simpleString()}, not string or binary; "
                      "its postings get null facts and no findings", stacklevel=2)
        text = F.lit(None).cast("string")
    path = F.col(_quoted(path_col)).cast("string") if path_col else F.lit(None).cast("string")
    ident = F.col(_quoted(id_col)).cast("string") if id_col else F.lit(None).cast("string")

    def lint_batch(texts: pd.Series, paths: pd.Series, ids: pd.Series) -> pd.DataFrame:
        rows = lint_rows(_worker_linter(payload), texts.tolist(), paths.tolist(), ids.tolist(),
                         payload.get("input_format"))
        return pd.DataFrame(rows, columns=list(RESULT_COLUMNS))

    udf = F.pandas_udf(lint_batch, _STRUCT_DDL)
    original = [F.col(_quoted(c)) for c in df.columns]
    linted = df.select(*original, udf(text, path, ident).alias(_TMP_COL))
    return linted.select(*original, *(F.col(f"{_TMP_COL}.`{name}`").alias(name) for name in RESULT_COLUMNS))


def _quoted(name: str) -> str:
    """A column name as Spark reads it literally (dots and spaces included)."""
    return "`" + name.replace("`", "``") + "`"


# -- worker side --------------------------------------------------------------------------

#: This process's Linters by configuration key: built on a worker's first batch, then reused.
_LINTERS: "dict[str, Linter]" = {}
#: How many times this process built a Linter, per configuration key (the tests read it).
LINTER_BUILDS: dict[str, int] = {}


def payload_key(payload: dict[str, Any]) -> str:
    return repr((payload["config"], payload["packs"]))


def _worker_linter(payload: dict[str, Any]) -> "Linter":
    """This process's Linter for ``payload``, built on first use and then reused."""
    key = payload_key(payload)
    linter = _LINTERS.get(key)
    if linter is None:
        from jdlint.lint import Linter

        data = dict(payload["config"])
        if payload["packs"]:  # custom packs travel as text; written once per machine, under a stable name
            data["rule_packs"] = _write_packs(payload["packs"])
        linter = Linter(Config.from_dict(data, "jdlint.spark configuration"))
        if len(_LINTERS) >= 4:  # a notebook trying configurations; the spaCy pipeline is shared anyway
            _LINTERS.clear()
        _LINTERS[key] = linter
        LINTER_BUILDS[key] = LINTER_BUILDS.get(key, 0) + 1
    return linter


def _write_packs(packs: list[tuple[str, str]]) -> list[str]:
    """The shipped packs as files in a folder named by their contents (so caches keyed by path hold)."""
    digest = hashlib.sha256(repr(packs).encode("utf-8")).hexdigest()[:16]
    folder = Path(tempfile.gettempdir()) / f"jdlint-packs-{digest}"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, (name, content) in enumerate(packs):
        target = folder / f"{i:02d}-{name}"
        if not target.is_file() or target.read_text(encoding="utf-8") != content:
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(content)
            os.replace(tmp, target)  # atomic: other workers on this machine never see half a pack
        paths.append(str(target))
    return paths


def _empty_row(error: str | None = None) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(RESULT_COLUMNS)
    row["findings"] = []
    row["error"] = error
    return row


def result_row(result: "Result") -> dict[str, Any]:
    """One jdlint Result as a row of ``RESULT_COLUMNS`` (plain Python values)."""
    if result.error is not None:
        return _empty_row(result.error)
    facts = result.facts
    pay = facts.pay
    return {
        "pay_min": float(pay.min) if pay is not None and pay.min is not None else None,
        "pay_max": float(pay.max) if pay is not None and pay.max is not None else None,
        "pay_currency": pay.currency if pay is not None else None,
        "pay_period": pay.period if pay is not None else None,
        "work_mode": facts.work_mode,
        "locations": [loc.text for loc in facts.locations],
        "jurisdictions": [j.id for j in facts.jurisdictions],
        "eeo": facts.eeo is not None,
        "findings": [{name: getattr(f, name) for name in FINDING_FIELDS} for f in result.findings],
        "error": None,
    }


def _present(value: Any) -> bool:
    return isinstance(value, str) and value != ""


def lint_rows(linter: "Linter", texts: Iterable[Any], paths: Iterable[Any], ids: Iterable[Any],
              input_format: str | None = None) -> list[dict[str, Any]]:
    """Lint one batch of postings (the body of the UDF, usable without Spark)."""
    from jdlint.errors import InputError
    from jdlint.readers import read_bytes, read_source

    rows: list[dict[str, Any] | None] = []
    docs = []
    slots: list[int] = []
    for text, path, ident in zip(texts, paths, ids, strict=True):
        has_path = _present(path)
        display = path if has_path else (str(ident) if _present(ident) else "<text>")
        fmt = input_format or (None if has_path else "text")
        try:
            if isinstance(text, str):
                doc = read_source(display, text, fmt)
            elif isinstance(text, bytes | bytearray | memoryview):
                doc = read_bytes(display, bytes(text), fmt)
            else:  # null (None, NaN, pd.NA) or not a posting at all
                rows.append(_empty_row())
                continue
        except InputError as err:
            rows.append(_empty_row(str(err)))
            continue
        except Exception as err:  # a reader bug: report it on this posting, keep the job going
            rows.append(_empty_row(f"{display}: internal error while reading ({type(err).__name__}: {err}); "
                                   "please report it"))
            continue
        slots.append(len(rows))
        rows.append(None)
        docs.append(doc)
    for slot, result in zip(slots, linter.lint_documents(docs), strict=True):
        rows[slot] = result_row(result)
    return [row if row is not None else _empty_row() for row in rows]
