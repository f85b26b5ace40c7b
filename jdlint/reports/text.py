"""``--format text``: ruff-style lines, the source line with the match marked, a summary."""

from __future__ import annotations

from collections import Counter

import click

from jdlint.model import SEVERITIES, Finding, Result
from jdlint.reports import Run

_COLORS = {"error": "red", "warning": "yellow", "info": "blue"}
MAX_EXCERPT = 120  # longest source line shown whole
CONTEXT = 40  # characters kept either side of the match on a longer line


_split: tuple[str, list[str]] = ("", [])  # the last source split into lines, and its lines


def _lines(source: str) -> list[str]:
    """The source's lines, split once per file rather than once per finding (the findings of
    one file are formatted one after another)."""
    global _split
    if _split[0] is not source:
        _split = (source, source.splitlines())
    return _split[1]


def _excerpt(source: str, f: Finding, color: bool) -> list[str]:
    lines = _lines(source)
    if not 1 <= f.line <= len(lines) or f.posting_level:
        return []
    text = lines[f.line - 1].replace("\t", " ")
    width = len(str(f.line))
    start = f.column - 1
    end = f.end_column - 1 if f.end_line == f.line else len(text)
    if len(text) > MAX_EXCERPT:  # a long line (minified HTML, a JSON string): show a window
        end = min(end, start + MAX_EXCERPT - 2 * CONTEXT)
        lo, hi = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
        head, tail = ("…" if lo > 0 else ""), ("…" if hi < len(text) else "")
        text = head + text[lo:hi] + tail
        start, end = start - lo + len(head), end - lo + len(head)
    marker = " " * start + "^" * max(1, end - start)
    gutter = " " * width + " |"
    marker = click.style(marker, fg=_COLORS[f.severity], bold=True) if color else marker
    return [gutter, f"{f.line} | {text}", f"{gutter} {marker}"]


def format_finding(result: Result, f: Finding, color: bool, show_source: bool = True) -> list[str]:
    sev = click.style(f.severity, fg=_COLORS[f.severity], bold=True) if color else f.severity
    rule = click.style(f.rule, bold=True) if color else f.rule
    where = click.style(f"{result.path}:{f.line}:{f.column}:", bold=True) if color else \
        f"{result.path}:{f.line}:{f.column}:"
    out = [f"{where} {sev} {rule} {f.message}"]
    if show_source and result.source is not None:
        out.extend(_excerpt(result.source, f, color))
    return out


def summary(run: Run) -> str:
    linted = [r for r in run.results if r.error is None]
    counts = Counter(f.severity for r in linted for f in r.findings)
    total = sum(counts.values())
    with_findings = sum(1 for r in linted if r.findings)
    files = f"{len(linted)} file" + ("" if len(linted) == 1 else "s")
    if not total:
        line = f"No problems found in {files}."
    else:
        parts = [f"{counts[s]} {s}{'' if counts[s] == 1 or s == 'info' else 's'}" for s in SEVERITIES if counts[s]]
        line = f"Found {total} problem{'s' if total != 1 else ''} ({', '.join(parts)}) in {with_findings} of {files}."
    if run.errors:
        line += f" {len(run.errors)} file{'s' if len(run.errors) != 1 else ''} could not be read."
    return line


def statistics(run: Run) -> list[str]:
    counts = Counter((f.rule, f.severity) for r in run.results for f in r.findings)
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0]))
    width = max((len(str(n)) for _, n in rows), default=1)
    rid_width = max((len(rule) for (rule, _), _ in rows), default=1)
    return [f"{n:>{width}}  {rule:<{rid_width}}  {sev}" for (rule, sev), n in rows]


def render(run: Run) -> str:
    color = bool(run.options.get("color"))
    quiet = bool(run.options.get("quiet"))
    lines: list[str] = []
    for result in run.results:
        if result.error is not None:
            continue
        for f in result.findings:
            lines.extend(format_finding(result, f, color, show_source=not quiet))
            if not quiet:
                lines.append("")
    if run.options.get("statistics"):
        lines.extend(statistics(run))
        lines.append("")
    if run.options.get("summary", True) and (not quiet or lines):
        lines.append(summary(run))
    return "\n".join(lines) + ("\n" if lines else "")
