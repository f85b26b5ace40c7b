"""``--fix``: apply the single safe replacements some rules offer, atomically.

Only findings whose rule marks its suggestion as a drop-in replacement carry ``fix``; only
plain-text and Markdown files are rewritten (their text offsets are the source's, so the
replacement lands exactly on what was matched; HTML and JSON would need re-escaping).
Each file is written through a temporary file and a rename, so a crash never leaves half a
posting behind.
"""

from __future__ import annotations

from pathlib import Path

from jdlint.model import Finding, Result

FIXABLE_FORMATS = {"text", "markdown"}


def match_case(template: str, replacement: str) -> str:
    if len(template) > 1 and template.isupper():
        return replacement.upper()
    if template[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def apply_fixes(source: str, findings: list[Finding]) -> tuple[str, list[Finding]]:
    """Return the fixed source and the findings that were fixed (non-overlapping, last first)."""
    chosen: list[Finding] = []
    last_start = len(source) + 1
    for f in sorted((f for f in findings if f.fix is not None and f.end > f.start),
                    key=lambda f: (f.start, f.end), reverse=True):
        if f.end <= last_start and source[f.start : f.end] == f.match:
            chosen.append(f)
            last_start = f.start
    for f in chosen:
        source = source[: f.start] + match_case(f.match, f.fix or "") + source[f.end :]
    return source, chosen


def fix_result(result: Result, write: bool = True) -> int:
    """Fix one linted file in place; returns how many findings were fixed."""
    if result.error or result.source is None or result.input_format not in FIXABLE_FORMATS or result.path == "-":
        return 0
    fixed_source, fixed = apply_fixes(result.source, result.findings)
    if not fixed:
        return 0
    if write:
        from jdlint.cli import write_atomically

        write_atomically(Path(result.path), fixed_source)
    done = {id(f) for f in fixed}
    result.findings = [f for f in result.findings if id(f) not in done]
    result.source = fixed_source
    return len(fixed)
