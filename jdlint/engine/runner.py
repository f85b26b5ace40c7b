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


def _first_line(posting: Any) -> tuple[int, int]:
    """(line number, length) of the source's first line, where posting-level findings sit;
    worked out once per posting, not once per finding."""
    found = posting.cache.get("runner.first line")
    if found is None:
        source = posting.doc.source
        first_line_end = source.find("\n")
        first_line = source[: first_line_end if first_line_end >= 0 else len(source)].rstrip("\r")
        found = posting.cache["runner.first line"] = (posting.doc.lines.position(0)[0], len(first_line))
    return found


def to_finding(rule: Rule, hit: Hit, posting: Any, severity: str) -> Finding:
    doc = posting.doc
    text = doc.text
    template = hit.message or rule.message
    if "{" in template or "}" in template:
        args = _Args(hit.args)
        args.setdefault("match", text[hit.start : hit.end])
        args.setdefault("suggestion", hit.suggestion or "")
        try:
            message = template.format_map(args)
        except (ValueError, IndexError, AttributeError):
            message = template
    else:  # nothing to fill in: format_map would return the template unchanged
        message = template
    if hit.suggestion and "{suggestion}" not in template:
        message = f"{message.rstrip()} Suggestion: {hit.suggestion}."
    if hit.posting_level:
        line, length = _first_line(posting)
        s, e = 0, length
        col, end_line, end_col = 1, line, length + 1  # line is 1, or a JSONL record's own line
        match = ""
    else:
        s, e = doc.source_span(hit.start, hit.end)
        lines = doc.lines
        line, col = lines.position(s)
        end_line, end_col = lines.position(e)
        match = text[hit.start : hit.end]
    # Positional, in field order: with fifteen fields, keywords made building a Finding three
    # times slower (tests/foundation/test_rule_plan.py checks every field).
    return Finding(rule.id, rule.category, hit.severity or severity, message, line, col, end_line, end_col, match,
                   hit.suggestion, s, e, hit.posting_level, hit.fix,
                   f"{rule.id}\0{hit.once_key}" if hit.once_key else None)


def applies(rule: Rule, posting: Any) -> bool:
    """A rule with ``jurisdictions`` runs only where one of them applies to the posting."""
    if not rule.jurisdictions:
        return True
    here = posting.cache.get("jurisdiction ids")
    if here is None:
        here = posting.cache["jurisdiction ids"] = {j.id for j in posting.facts.jurisdictions}
    return any(j in here for j in rule.jurisdictions)


class _Step:
    """One rule with everything about it that does not depend on the posting: its kind's
    module, its severity under the configuration, and whether its law is yet in force."""

    __slots__ = ("in_force_from", "jurisdictions", "kind", "rule", "severity")

    def __init__(self, rule: Rule, config: Config, as_of: date):
        self.rule = rule
        self.kind = kind_module(rule.kind)
        upcoming = rule.effective_from is not None and as_of < rule.effective_from
        self.in_force_from = rule.effective_from.isoformat() if upcoming else None  # type: ignore[union-attr]
        self.severity = "info" if upcoming else severity_for(rule, config)
        self.jurisdictions = rule.jurisdictions

    def run(self, posting: Any, out: list[Finding]) -> None:
        rule, severity, in_force_from = self.rule, self.severity, self.in_force_from
        for hit in self.kind.run(rule, posting):
            finding = to_finding(rule, hit, posting, severity)
            if in_force_from is not None:
                finding.message = f"{finding.message} (in force from {in_force_from})"
                finding.severity = "info"
            out.append(finding)


def _step(rule: Rule, config: Config, as_of: date) -> _Step | None:
    if rule.effective_until and as_of >= rule.effective_until:
        return None
    return _Step(rule, config, as_of)


def run_rule(rule: Rule, posting: Any, config: Config, as_of: date) -> list[Finding]:
    """Run one rule; a law not yet in force is reported as info, naming its start date."""
    out: list[Finding] = []
    if rule.effective_until and as_of >= rule.effective_until:
        return out
    if applies(rule, posting):  # most jurisdiction rules do not: their step is never built
        _Step(rule, config, as_of).run(posting, out)
    return out


class RulePlan:
    """The selected rules, prepared once per run so that each posting pays only for the rules
    that apply to it: dates, severities and kinds are settled up front, and the rules for
    each set of jurisdictions are listed the first time a posting has that set."""

    def __init__(self, rules: list[Rule], config: Config, as_of: date):
        self.steps = [step for rule in rules if (step := _step(rule, config, as_of)) is not None]
        self._everywhere = [s for s in self.steps if not s.jurisdictions]
        self._by_place: dict[frozenset[str], list[_Step]] = {}

    def steps_for(self, jurisdiction_ids: frozenset[str]) -> list[_Step]:
        """The steps that run where these jurisdictions apply, in the order the rules were given."""
        if not jurisdiction_ids:
            return self._everywhere
        found = self._by_place.get(jurisdiction_ids)
        if found is None:
            if len(self._by_place) >= 1024:
                self._by_place.clear()
            found = self._by_place[jurisdiction_ids] = [
                s for s in self.steps if not s.jurisdictions or any(j in jurisdiction_ids for j in s.jurisdictions)
            ]
        return found

    def run(self, posting: Any) -> list[Finding]:
        """Every applicable rule's findings, in rule order (what ``run_rule`` over each gives)."""
        here = frozenset(j.id for j in posting.facts.jurisdictions)
        posting.cache["jurisdiction ids"] = here
        out: list[Finding] = []
        for step in self.steps_for(here):
            step.run(posting, out)
        return out
