"""Choosing which rules run, running them on a posting, and turning Hits into Findings."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from jdlint.config import Config
from jdlint.engine.kinds import kind_module
from jdlint.engine.rule import Hit, Rule
from jdlint.model import Finding


def matches_any(rule_id: str, patterns: Iterable[str]) -> bool:
    """Prefix match on dotted ids: ``bias`` matches ``bias.age`` but not ``biased.x``."""
    return any(rule_id == p or rule_id.startswith(p + ".") or p == "ALL" for p in patterns)


def select_rules(rules: list[Rule], config: Config) -> list[Rule]:
    """Rules to run: ``select`` narrows (default: every enabled rule), ``ignore`` removes.

    Opt-in rules (``enabled: false``) run only when a ``select`` entry names them more
    precisely than their category, so ``select: [bias]`` never turns on an opt-in bias rule.
    """
    chosen = []
    for rule in rules:
        if config.select is not None and not matches_any(rule.id, config.select):
            continue
        if not rule.enabled and not any(
            "." in p and (rule.id == p or rule.id.startswith(p + ".")) for p in config.select or ()
        ):
            continue
        if matches_any(rule.id, config.ignore):
            continue
        chosen.append(rule)
    return chosen


def severity_for(rule: Rule, config: Config) -> str:
    best = None
    for pattern, sev in config.severity.items():
        if (rule.id == pattern or rule.id.startswith(pattern + ".")) and (best is None or len(pattern) > len(best[0])):
            best = (pattern, sev)
    return best[1] if best else rule.severity


class _Args(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def to_finding(rule: Rule, hit: Hit, posting: Any, severity: str) -> Finding:
    doc = posting.doc
    text = doc.text
    args = _Args(hit.args)
    args.setdefault("match", text[hit.start : hit.end])
    args.setdefault("suggestion", hit.suggestion or "")
    template = hit.message or rule.message
    try:
        message = template.format_map(args)
    except (ValueError, IndexError, AttributeError):
        message = template
    if hit.suggestion and "{suggestion}" not in template:
        message = f"{message.rstrip()} Suggestion: {hit.suggestion}."
    if hit.posting_level:
        first_line_end = doc.source.find("\n")
        first_line = doc.source[: first_line_end if first_line_end >= 0 else len(doc.source)].rstrip("\r")
        s, e = 0, len(first_line)
        line = doc.lines.position(0)[0]  # 1, or a JSONL record's own line
        col, end_line, end_col = 1, line, len(first_line) + 1
        match = ""
    else:
        s, e = doc.source_span(hit.start, hit.end)
        line, col, end_line, end_col = doc.position(hit.start, hit.end)
        match = text[hit.start : hit.end]
    return Finding(
        rule=rule.id,
        category=rule.category,
        severity=hit.severity or severity,
        message=message,
        line=line,
        column=col,
        end_line=end_line,
        end_column=end_col,
        match=match,
        suggestion=hit.suggestion,
        start=s,
        end=e,
        posting_level=hit.posting_level,
        fix=hit.fix,
        once_key=f"{rule.id}\0{hit.once_key}" if hit.once_key else None,
    )


def applies(rule: Rule, posting: Any) -> bool:
    """A rule with ``jurisdictions`` runs only where one of them applies to the posting."""
    if not rule.jurisdictions:
        return True
    here = posting.cache.get("jurisdiction ids")
    if here is None:
        here = posting.cache["jurisdiction ids"] = {j.id for j in posting.facts.jurisdictions}
    return any(j in here for j in rule.jurisdictions)


def run_rule(rule: Rule, posting: Any, config: Config, as_of: date) -> list[Finding]:
    """Run one rule; a law not yet in force is reported as info, naming its start date."""
    if rule.effective_until and as_of >= rule.effective_until:
        return []
    if not applies(rule, posting):
        return []
    upcoming = rule.effective_from is not None and as_of < rule.effective_from
    severity = "info" if upcoming else severity_for(rule, config)
    out = []
    for hit in kind_module(rule.kind).run(rule, posting):
        finding = to_finding(rule, hit, posting, severity)
        if upcoming:
            finding.message = f"{finding.message} (in force from {rule.effective_from.isoformat()})"
            finding.severity = "info"
        out.append(finding)
    return out
