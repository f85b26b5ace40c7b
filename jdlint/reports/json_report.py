"""``--format json``: one JSON object, the shape the scoring tools and job boards read."""

from __future__ import annotations

import json
from collections import Counter

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
