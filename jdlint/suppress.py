"""Inline suppressions: ``jdlint-disable`` comments that silence findings by rule and line.

Forms (rule ids or prefixes separated by commas or spaces; none means every rule):

* ``<!-- jdlint-disable RULE -->`` ... ``<!-- jdlint-enable RULE -->`` — a block;
* ``<!-- jdlint-disable-next-line RULE -->`` — the following line;
* ``<!-- jdlint-disable-line RULE -->`` — the comment's own line.

In plain text, where HTML comments would be visible, the same directive may stand alone on a
line, optionally after ``#``, ``//`` or ``;`` (``# jdlint-disable-next-line bias.jargon``).

Findings about the posting as a whole (no pay range, no EEO statement) sit on line 1, so a
block ``jdlint-disable RULE`` anywhere in the file suppresses them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jdlint.document import LineIndex
from jdlint.model import Finding

_KINDS = "disable-next-line|disable-line|disable|enable"
_HTML_DIRECTIVE = re.compile(rf"<!--[ \t]*jdlint-({_KINDS})\b([^>\n]*?)[ \t]*-->")
_LINE_DIRECTIVE = re.compile(rf"^[ \t]*(?:#|//|;|%)?[ \t]*jdlint-({_KINDS})\b([ \t]+[\w., \t-]*)?[ \t]*$",
                             re.MULTILINE)


@dataclass
class Directive:
    kind: str
    rules: tuple[str, ...]  # empty = all rules
    line: int
    column: int
    end_column: int
    start: int
    end: int
    used: bool = field(default=False)

    def covers(self, rule: str) -> bool:
        return not self.rules or any(rule == r or rule.startswith(r + ".") for r in self.rules)


def _rules(arg: str | None) -> tuple[str, ...]:
    return tuple(r for r in re.split(r"[\s,]+", (arg or "").strip()) if r)


def find_directives(source: str, index: LineIndex | None = None) -> list[Directive]:
    if "jdlint-" not in source:
        return []
    index = index or LineIndex(source)
    found: dict[int, Directive] = {}
    for rx in (_HTML_DIRECTIVE, _LINE_DIRECTIVE):
        for m in rx.finditer(source):
            if m.start() in found:
                continue
            line, col = index.position(m.start())
            _, end_col = index.position(m.end())
            found[m.start()] = Directive(m.group(1), _rules(m.group(2)), line, col, end_col, m.start(), m.end())
    return sorted(found.values(), key=lambda d: d.start)


def mask_directives(source: str) -> str:
    """Blank out directive comments so the comment text itself is never linted."""
    if "jdlint-" not in source:
        return source
    chars = list(source)
    for d in find_directives(source):
        for i in range(d.start, d.end):
            if chars[i] not in "\r\n":
                chars[i] = " "
    return "".join(chars)


def _suppressed_by(finding: Finding, directives: list[Directive]) -> Directive | None:
    """The directive that silences ``finding``, if any (the last one that applies wins)."""
    active: dict[int, Directive] = {}
    hit: Directive | None = None
    for d in directives:
        if not d.covers(finding.rule):
            continue
        if (d.kind == "disable-line" and d.line == finding.line) or \
                (d.kind == "disable-next-line" and d.line + 1 == finding.line):
            hit = d
        elif d.kind == "disable":
            if finding.posting_level or d.line <= finding.line:
                active[id(d)] = d
        elif d.kind == "enable" and d.line <= finding.line and not finding.posting_level:
            active = {k: v for k, v in active.items() if not _enable_lifts(d, v)}
    if hit is None and active:
        hit = list(active.values())[-1]
    return hit


def _enable_lifts(enable: Directive, disable: Directive) -> bool:
    if not enable.rules:
        return True
    if not disable.rules:
        return False
    return any(r == e or r.startswith(e + ".") for r in disable.rules for e in enable.rules)


def apply(findings: list[Finding], source: str,
          index: LineIndex | None = None) -> tuple[list[Finding], list[Directive]]:
    """Drop suppressed findings; return the kept ones and the directives that matched nothing.

    ``index`` numbers the source's lines (a JSONL record's lines are the file's, not 1..n)."""
    directives = find_directives(source, index)
    if not directives:
        return findings, []
    kept = []
    for f in findings:
        d = _suppressed_by(f, directives)
        if d is None:
            kept.append(f)
        else:
            d.used = True
    unused = [d for d in directives if not d.used and d.kind != "enable"]
    return kept, unused


def unused_findings(unused: list[Directive]) -> list[Finding]:
    return [
        Finding(
            rule="suppression.unused",
            category="suppression",
            severity="warning",
            message=f"This jdlint-{d.kind} comment suppresses nothing"
            + (f" ({', '.join(d.rules)})" if d.rules else "")
            + "; remove it.",
            line=d.line,
            column=d.column,
            end_line=d.line,
            end_column=d.end_column,
            match=f"jdlint-{d.kind}",
            start=d.start,
            end=d.end,
        )
        for d in unused
    ]
