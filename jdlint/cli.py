"""The ``jdlint`` command line. Only wires options to the library; no linting logic lives here.

Exit codes: 0 no finding at or above ``--fail-on``; 1 there is one; 2 usage, configuration
or input error (other files are still linted and reported).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from jdlint.errors import JdlintError
from jdlint.version import __version__

FORMATS = ("text", "json", "sarif", "github")
INPUT_FORMATS = ("auto", "text", "markdown", "html", "json", "jsonl")


def _fail(message: str) -> None:
    click.echo(f"jdlint: error: {message}", err=True)


def _split(values: tuple[str, ...]) -> list[str] | None:
    if not values:
        return None
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _guard(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn jdlint's own errors into one line and exit code 2, never a traceback."""
    import functools

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except JdlintError as err:
            _fail(str(err))
            sys.exit(2)
        except KeyboardInterrupt:
            sys.exit(130)
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(1)

    return wrapper


def write_atomically(path: Path, content: str = "", writer: Callable[[Any], None] | None = None) -> None:
    """Write via a temporary file in the same folder and rename, so readers never see half a file."""
    import tempfile

    path = path.resolve()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            if writer is not None:
                writer(fh)
            else:
                fh.write(content)
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", "-V", prog_name="jdlint", message="%(prog)s %(version)s")
def main() -> None:
    """jdlint — lint job postings for pay transparency, location, work mode, EEO and inclusive wording."""
    from jdlint.regex_cache import prewarm

    prewarm()


def entry() -> None:
    """The ``jdlint`` command (and ``python -m jdlint``): :func:`main`, then an exit that skips
    tearing the interpreter down.

    Freeing spaCy's vocabulary, the rule packs and every module one object at a time takes
    0.13 s after a one-posting pre-commit run, a sixth of it, and 0.2 s after a large one;
    the operating system frees a process's memory at once. Exit handlers still run and the
    output is flushed first, so nothing written is lost. Tests call :func:`main`, which exits
    the usual way."""
    import atexit

    try:
        main()
        code: Any = 0
    except SystemExit as done:
        code = done.code
    if isinstance(code, str):  # sys.exit("message"): printed, status 1, as Python does
        print(code, file=sys.stderr)
        code = 1
    elif code is None:
        code = 0
    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    if run_exit_handlers is None:  # another Python: leave the usual way
        sys.exit(code)
    run_exit_handlers()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (jdlint ... | head) or a closed stream
            code = code or 1
    os._exit(code if isinstance(code, int) else 1)


def _load_config(config_path: str | None) -> Any:
    from jdlint.config import discover, load_file

    return load_file(Path(config_path)) if config_path else discover()


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write the report to FILE.")
@click.option("--select", multiple=True, help="Only these rules (ids or prefixes, comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these rules (ids or prefixes, comma-separated).")
@click.option("--fail-on", type=click.Choice(("error", "warning", "info", "never")), default=None,
              help="Lowest severity that makes the run fail (default: warning).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings are reported (still 2 on errors).")
@click.option("--jurisdiction", "jurisdictions", multiple=True, help="Apply this jurisdiction's rules (repeatable).")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Apply the laws in force on this date (default: today).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this configuration file.")
@click.option("--color/--no-color", default=None,
              help="Colour the text report (default: on a terminal; off with NO_COLOR).")
@click.option("--quiet", "-q", is_flag=True, help="Only findings, no source excerpts or progress.")
@click.option("--statistics", is_flag=True, help="Show how many times each rule fired.")
@click.option("--stdin-filename", help="Path to report (and pick the reader by) when reading '-'.")
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), default="auto", show_default=True,
              help="How to read the inputs (default: by file extension).")
@click.option("--report-unused-disables", is_flag=True, help="Report jdlint-disable comments that suppress nothing.")
@click.option("--sarif-category", help="SARIF runAutomationDetails id (distinguishes several uploads per commit).")
@click.option("--id-field", default="id", show_default=True, help="JSON Lines: the field that identifies a record.")
@click.option("--text-field", help="JSON/JSON Lines: the field holding the posting's text (dotted paths allowed).")
@click.option("--fix", is_flag=True, help="Apply safe replacements to plain-text and Markdown files (atomically).")
@click.option("--jobs", "-j", default="1", show_default=True, metavar="N|auto",
              help="Lint with N worker processes ('auto': one per CPU). Output order never changes.")
@_guard
def check(paths: tuple[str, ...], fmt: str, output: str | None, select: tuple[str, ...], ignore: tuple[str, ...],
          fail_on: str | None, exit_zero: bool, jurisdictions: tuple[str, ...], as_of: Any, config_path: str | None,
          color: bool | None, quiet: bool, statistics: bool, stdin_filename: str | None, input_format: str,
          report_unused_disables: bool, sarif_category: str | None, jobs: str, fix: bool, id_field: str,
          text_field: str | None) -> None:
    """Lint postings: files, directories (recursed) or '-' for standard input."""
    from jdlint.lint import Linter
    from jdlint.model import SEVERITY_RANK
    from jdlint.reports import Run, render

    config = _load_config(config_path)
    ignored = _split(ignore) or []
    config = config.merged(
        select=_split(select),
        ignore=[*config.ignore, *ignored] if ignored else None,
        fail_on=fail_on,
        jurisdictions=list(jurisdictions) or None,
        as_of=as_of.date() if as_of else None,
    )
    linter = Linter(config, report_unused_disables=report_unused_disables)
    fmt_in = None if input_format == "auto" else input_format
    from jdlint.jsonl_batch import is_jsonl

    jsonl = [p for p in paths if is_jsonl(p, fmt_in) or (p == "-" and fmt_in == "jsonl")]
    if jsonl:
        if len(jsonl) != len(paths):
            raise click.UsageError("JSON Lines inputs cannot be mixed with other files in one run")
        if fix:
            raise click.UsageError("--fix does not rewrite JSON Lines files")
        sys.exit(_check_jsonl(linter, list(paths), fmt, output, jobs, id_field, text_field, quiet, color,
                              exit_zero, sarif_category))
    # Sources are kept (and sent back by workers) only for what reads them: --fix, SARIF
    # snippets and the text report's excerpts, which --quiet leaves out.
    keep_source = fix or fmt == "sarif" or (fmt == "text" and not quiet)
    results = _lint_all(linter, list(paths) or ["."], fmt_in, jobs, stdin_filename, quiet,
                        keep_source=keep_source, text_field=text_field)
    if fix:
        from jdlint.fix import fix_result
        from jdlint.readers import read_source

        fixed = 0
        for i, r in enumerate(results):
            n = fix_result(r)
            if n:  # re-lint so the remaining findings' positions match the rewritten file
                fixed += n
                results[i] = linter.lint_document(read_source(r.path, r.source, r.input_format))
        if fixed and not quiet:
            click.echo(f"jdlint: fixed {fixed} problem{'s' if fixed != 1 else ''}", err=True)
    errors: list[str] = []
    for r in results:
        if r.error is not None:
            errors.append(r.error)
            _fail(r.error)
        elif not quiet:
            for warning in r.meta.get("warnings", ()):
                click.echo(f"jdlint: warning: {r.path}: {warning}", err=True)

    threshold = config.fail_on
    failing = threshold != "never" and any(
        SEVERITY_RANK[f.severity] >= SEVERITY_RANK[threshold] for r in results for f in r.findings
    )
    code = 2 if errors else (1 if failing and not exit_zero else 0)
    auto_color = output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    use_color = color if color is not None else auto_color
    run = Run(results=results, rules=linter.rules, version=__version__, exit_code=code, root=_repo_root(),
              errors=errors, options={"color": use_color and fmt == "text", "quiet": quiet,
                                      "statistics": statistics, "sarif_category": sarif_category})
    if fmt == "json":  # streamed: large runs never hold the whole report as one string
        from jdlint.reports.json_report import write

        if output:
            write_atomically(Path(output), writer=lambda fh: write(run, fh))
        else:
            write(run, sys.stdout)
            sys.stdout.flush()
        sys.exit(code)
    text = render(fmt, run)
    if output:
        write_atomically(Path(output), text)
    else:
        click.echo(text, nl=False, color=bool(run.options["color"]))
    sys.exit(code)


def _repo_root() -> Path:
    """The repository root (for SARIF paths): the nearest folder with .git, else the current one."""
    here = Path.cwd().resolve()
    return next((p for p in (here, *here.parents) if (p / ".git").exists()), here)


def _show_progress(quiet: bool, total: int) -> bool:
    """A progress bar only for people: a terminal on stderr, not CI, not --quiet, many files."""
    return not quiet and total >= 20 and sys.stderr.isatty() and not os.environ.get("CI")


def _lint_all(linter: Any, paths: list[str], fmt_in: str | None, jobs: str, stdin_filename: str | None,
              quiet: bool, keep_source: bool, text_field: str | None = None) -> list[Any]:
    from jdlint.batch import lint_paths, resolve_jobs

    try:
        n_jobs = resolve_jobs(jobs)
    except ValueError as err:
        raise click.BadParameter(str(err), param_hint="--jobs") from None

    def note(message: str) -> None:
        if not quiet:
            click.echo(f"jdlint: {message}", err=True)

    def stdin() -> tuple[str, bytes, str | None]:
        return stdin_filename or "-", sys.stdin.buffer.read(), fmt_in or (None if stdin_filename else "text")

    common = {"jobs": n_jobs, "input_format": fmt_in, "keep_source": keep_source, "stdin": stdin, "on_note": note,
              "text_field": text_field}
    from jdlint.files import iter_targets

    targets = list(iter_targets(paths, linter.config))
    if _show_progress(quiet, len(targets)):
        with click.progressbar(length=len(targets), label="Linting", file=sys.stderr) as bar:
            return lint_paths(linter, targets, on_result=lambda _r: bar.update(1), **common)
    return lint_paths(linter, targets, **common)


def _check_jsonl(linter: Any, paths: list[str], fmt: str, output: str | None, jobs: str, id_field: str,
                 text_field: str | None, quiet: bool, color: bool | None, exit_zero: bool,
                 sarif_category: str | None) -> int:
    """Stream JSON Lines: each record's result is written as soon as it is ready, then dropped.

    ``--format json`` writes JSON Lines (one object per record, with its id and line); text and
    github write as they go and end with a summary; SARIF needs the whole run, so it is collected.
    """
    import io
    from collections import Counter

    from jdlint.batch import resolve_jobs
    from jdlint.jsonl_batch import lint_jsonl, write_json_line
    from jdlint.model import SEVERITY_RANK
    from jdlint.reports import Run, render

    try:
        n_jobs = resolve_jobs(jobs)
    except ValueError as err:
        raise click.BadParameter(str(err), param_hint="--jobs") from None
    out = io.StringIO() if output else sys.stdout
    use_color = bool(color) and fmt == "text" and not output
    counts: Counter[str] = Counter()
    errors = records = 0
    kept: list[Any] = []
    threshold = linter.config.fail_on
    for path in paths:
        if path != "-" and not Path(path).is_file():
            _fail(f"{path}: no such file")
            errors += 1
            continue
        handle = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115 - closed below
        try:
            for result in lint_jsonl(linter, handle, path, id_field=id_field, text_field=text_field, jobs=n_jobs):
                records += 1
                if result.error is not None:
                    errors += 1
                    _fail(result.error)
                counts.update(f.severity for f in result.findings)
                if fmt == "json":
                    write_json_line(out, result)
                elif fmt == "sarif":
                    kept.append(result)
                elif result.error is None and result.findings:
                    one = Run(results=[result], rules=linter.rules, version=__version__,
                              options={"color": use_color, "quiet": quiet, "summary": False})
                    out.write(render(fmt, one))
        finally:
            if path != "-":
                handle.close()
    failing = threshold != "never" and any(SEVERITY_RANK[s] >= SEVERITY_RANK[threshold] for s in counts)
    code = 2 if errors else (1 if failing and not exit_zero else 0)
    if fmt == "sarif":
        out.write(render(fmt, Run(results=kept, rules=linter.rules, version=__version__, exit_code=code,
                                  root=_repo_root(), options={"sarif_category": sarif_category})))
    elif fmt == "text" and not quiet:
        total = sum(counts.values())
        out.write(f"{records} records, {total} problem{'s' if total != 1 else ''}"
                  + "".join(f", {counts[s]} {s}" for s in ("error", "warning", "info") if counts[s])
                  + (f"; {errors} record{'s' if errors != 1 else ''} could not be read" if errors else "") + ".\n")
    if output:
        write_atomically(Path(output), out.getvalue())  # type: ignore[union-attr]
    return code


def _register_spark() -> None:
    from jdlint.spark_cli import spark_check

    main.add_command(spark_check)


_register_spark()


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(("text", "json", "markdown")), default="text", show_default=True)
@click.option("--all", "show_all", is_flag=True, help="Include opt-in rules that are off by default.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Also list the packs this config adds.")
@_guard
def rules_cmd(fmt: str, show_all: bool, config_path: str | None) -> None:
    """List every rule: id, category, severity, jurisdictions and a one-line message."""
    from jdlint.engine.packs import load_all
    from jdlint.rule_docs import rules_json, rules_markdown, rules_table

    config = _load_config(config_path)
    rules = [r for r in load_all(config.rule_packs) if show_all or r.enabled or fmt != "text"]
    if fmt == "json":
        click.echo(rules_json(rules))
    elif fmt == "markdown":
        click.echo(rules_markdown(rules))
    else:
        click.echo(rules_table(rules))


@main.command()
@click.argument("rule_id")
@_guard
def explain(rule_id: str) -> None:
    """Show a rule's rationale, sources, dates and examples."""
    from jdlint.engine.packs import load_all
    from jdlint.rule_docs import explain_text

    rules = {r.id: r for r in load_all(_load_config(None).rule_packs)}
    rule = rules.get(rule_id)
    if rule is None:
        close = [r for r in rules if r.startswith(rule_id)]
        hint = f" (did you mean {', '.join(close[:5])}?)" if close else " (see `jdlint rules`)"
        _fail(f"unknown rule {rule_id!r}{hint}")
        sys.exit(2)
    click.echo(explain_text(rule))


@main.command()
@click.option("--path", "target", type=click.Path(dir_okay=False), default=".jdlint.yaml", show_default=True)
@_guard
def init(target: str) -> None:
    """Write a commented starter .jdlint.yaml (never overwrites)."""
    from jdlint.config import starter_file

    path = Path(target)
    if path.exists():
        _fail(f"{target}: already exists; not overwriting it")
        sys.exit(2)
    try:
        with path.open("x", encoding="utf-8") as fh:
            fh.write(starter_file())
    except OSError as err:
        _fail(f"{target}: cannot write ({err.strerror or err})")
        sys.exit(2)
    click.echo(f"Wrote {target}.")
