"""``--format json``: one JSON object, the shape the scoring tools and job boards read."""

from __future__ import annotations

import json
from collections import Counter
from typing import IO

from jdlint.model import SEVERITIES
from jdlint.reports import Run


def report_dict(run: Run) -> dict:
    linted = [r for r in run.results if r.error is None]
    counts = Counter(f.severity for r in linted for f in r.findings)
    return {
        "tool": {"name": "jdlint", "version": run.version},
        "files": [r.to_dict() for r in linted],
        "errors": [{"path": r.path, "message": r.error} for r in run.results if r.error is not None],
        "summary": {
            "files": len(linted),
            "findings": sum(counts.values()),
            "by_severity": {sev: counts.get(sev, 0) for sev in SEVERITIES},
        },
    }


def render(run: Run) -> str:
    return json.dumps(report_dict(run), ensure_ascii=False, indent=2) + "\n"


def write(run: Run, out: IO[str]) -> None:
    """The same document as :func:`render`, written entry by entry so a run over ten thousand
    postings never builds one giant string (or dict) in memory."""
    linted = [r for r in run.results if r.error is None]
    counts = Counter(f.severity for r in linted for f in r.findings)
    head = json.dumps({"tool": {"name": "jdlint", "version": run.version}}, ensure_ascii=False, indent=2)
    out.write(head[:-2] + ',\n  "files": [')
    for i, result in enumerate(linted):
        entry = json.dumps(result.to_dict(), ensure_ascii=False, indent=2).replace("\n", "\n    ")
        out.write(("," if i else "") + "\n    " + entry)
    out.write("\n  ]" if linted else "]")
    errors = [{"path": r.path, "message": r.error} for r in run.results if r.error is not None]
    tail = {
        "errors": errors,
        "summary": {
            "files": len(linted),
            "findings": sum(counts.values()),
            "by_severity": {sev: counts.get(sev, 0) for sev in SEVERITIES},
        },
    }
    body = json.dumps(tail, ensure_ascii=False, indent=2)
    out.write(",\n" + body[2:] + "\n")
