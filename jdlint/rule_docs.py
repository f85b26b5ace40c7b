"""Rule documentation, generated from the rules' own metadata.

``jdlint rules``, ``jdlint explain``, the README rule table and SARIF ``help`` all come from
here, so an explanation cannot drift from the rule it explains (the ruff habit).
"""

from __future__ import annotations

import json
import textwrap

from jdlint.engine.rule import Rule


def _when(rule: Rule) -> str:
    parts = []
    if rule.effective_from:
        parts.append(f"from {rule.effective_from.isoformat()}")
    if rule.effective_until:
        parts.append(f"until {rule.effective_until.isoformat()}")
    return ", ".join(parts)


def rules_table(rules: list[Rule]) -> str:
    rows = [(r.id, r.category, r.severity, ",".join(r.jurisdictions) or "-",
             r.short + ("" if r.enabled else " [opt-in]")) for r in rules]
    head = ("RULE", "CATEGORY", "SEVERITY", "WHERE", "MESSAGE")
    widths = [max([len(h), *(len(row[i]) for row in rows)]) for i, h in enumerate(head[:4])]
    lines = ["  ".join(h.ljust(widths[i]) if i < 4 else h for i, h in enumerate(head))]
    for row in rows:
        lines.append("  ".join(c.ljust(widths[i]) if i < 4 else c for i, c in enumerate(row)))
    lines.append(f"\n{len(rules)} rules. `jdlint explain RULE` shows the rationale, sources and examples.")
    return "\n".join(lines)


def rule_dict(rule: Rule) -> dict:
    return {
        "id": rule.id,
        "name": rule.name,
        "category": rule.category,
        "severity": rule.severity,
        "enabled": rule.enabled,
        "message": rule.message,
        "rationale": rule.rationale,
        "sources": rule.sources,
        "jurisdictions": rule.jurisdictions,
        "effective_from": rule.effective_from.isoformat() if rule.effective_from else None,
        "effective_until": rule.effective_until.isoformat() if rule.effective_until else None,
        "kind": rule.kind,
        "pack": rule.pack,
        "examples": {"fail": rule.examples_fail, "pass": rule.examples_pass},
        "superseded_by": rule.superseded_by,
    }


def rules_json(rules: list[Rule]) -> str:
    return json.dumps([rule_dict(r) for r in rules], ensure_ascii=False, indent=2)


def rules_markdown(rules: list[Rule]) -> str:
    lines = ["| Rule | Category | Severity | Where | In force | What it flags |", "|---|---|---|---|---|---|"]
    for r in rules:
        what = r.short.replace("|", "\\|") + ("" if r.enabled else " *(opt-in)*")
        lines.append(f"| `{r.id}` | {r.category} | {r.severity} | {', '.join(r.jurisdictions) or '—'} "
                     f"| {_when(r) or '—'} | {what} |")
    return "\n".join(lines)


def explain_text(rule: Rule) -> str:
    def wrap(s: str, indent: str = "  ") -> str:
        return textwrap.fill(s, 96, initial_indent=indent, subsequent_indent=" " * len(indent))

    out = [f"{rule.id}" + (f" ({rule.name})" if rule.name else ""), ""]
    out.append(f"  category:  {rule.category}")
    opt_in = "" if rule.enabled else f"  (opt-in: enable with --select {rule.id})"
    out.append(f"  severity:  {rule.severity}{opt_in}")
    if rule.jurisdictions:
        out.append(f"  applies:   {', '.join(rule.jurisdictions)}")
    if _when(rule):
        out.append(f"  in force:  {_when(rule)}")
    if rule.superseded_by:
        out.append(f"  yields to: {', '.join(rule.superseded_by)} (silent where one fires: it says it more precisely)")
    out += ["", "Message:", wrap(rule.message), "", "Why:", wrap(rule.rationale), "", "Sources:"]
    out += [wrap(s, "  - ") for s in rule.sources]
    if rule.examples_fail:
        out += ["", "Flagged:"] + [wrap(e, "  ✗ ") for e in rule.examples_fail]
    if rule.examples_pass:
        out += ["", "Not flagged:"] + [wrap(e, "  ✓ ") for e in rule.examples_pass]
    return "\n".join(out)
