"""Loading rule packs: YAML files of rules, validated strictly at load time.

A malformed pack is rejected before any posting is linted, with a message naming the file
and the key, because a silently skipped rule is worse than a loud error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from jdlint.cache import cached
from jdlint.data import load_yaml, rules_dir
from jdlint.engine.kinds import KINDS, kind_module
from jdlint.engine.rule import Rule
from jdlint.engine.validate import expect, expect_list, reject_unknown
from jdlint.errors import PackError
from jdlint.model import SEVERITIES

COMMON_KEYS = {
    "id", "name", "summary", "category", "severity", "message", "rationale", "sources", "effective",
    "jurisdictions", "enabled", "precision", "tags", "kind", "examples", "superseded_by",
}
REQUIRED = ("id", "category", "severity", "message", "rationale", "sources", "kind")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)*$")
_PRECISIONS = {"very-high", "high", "medium", "low"}


def builtin_pack_dir() -> Path:
    """Packs ship inside the wheel as ``jdlint/_rules``; a source checkout has ``rules/``."""
    return rules_dir()


def builtin_pack_files() -> list[Path]:
    return sorted(builtin_pack_dir().glob("*.yaml"))


def _date(value: Any, key: str, pack: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise PackError(pack, key, f"must be a date like 2025-01-31, not {value!r}") from None


def parse_rule(raw: Any, pack: str, index: int) -> Rule:
    if not isinstance(raw, dict):
        raise PackError(pack, f"rules[{index}]", "must be a mapping")
    rid = raw.get("id")
    where = str(rid) if isinstance(rid, str) else f"rules[{index}]"
    for key in REQUIRED:
        if raw.get(key) in (None, ""):
            raise PackError(pack, f"{where}.{key}", "is required")
    if not _ID.match(rid):
        raise PackError(pack, f"{where}.id", "must be dotted lower-case words like 'bias.age'")
    kind = raw["kind"]
    if kind not in KINDS:
        raise PackError(pack, f"{where}.kind", f"unknown kind {kind!r} (known: {', '.join(sorted(KINDS))})")
    module = kind_module(kind)
    reject_unknown(raw, COMMON_KEYS | module.KEYS, where, pack)
    severity = raw["severity"]
    if severity not in SEVERITIES:
        raise PackError(pack, f"{where}.severity", f"must be one of {', '.join(SEVERITIES)}, not {severity!r}")
    for key in ("category", "message", "rationale"):
        expect(raw[key], str, f"{where}.{key}", pack)
    sources = raw["sources"]
    if isinstance(sources, str):
        sources = [sources]
    expect_list(sources, f"{where}.sources", pack, required=True)
    effective = raw.get("effective") or {}
    expect(effective, dict, f"{where}.effective", pack)
    reject_unknown(effective, {"from", "until"}, f"{where}.effective", pack)
    examples = raw.get("examples") or {}
    expect(examples, dict, f"{where}.examples", pack)
    reject_unknown(examples, {"fail", "pass", "format"}, f"{where}.examples", pack)
    precision = raw.get("precision", "high")
    if precision not in _PRECISIONS:
        raise PackError(pack, f"{where}.precision", f"must be one of {', '.join(sorted(_PRECISIONS))}")
    superseded_by = [str(s) for s in expect_list(raw.get("superseded_by"), f"{where}.superseded_by", pack)]
    for other in superseded_by:
        if not _ID.match(other) or other == rid:
            raise PackError(pack, f"{where}.superseded_by", f"must list other rules' ids, not {other!r}")
    rule = Rule(
        id=rid,
        category=raw["category"],
        severity=severity,
        message=raw["message"].strip(),
        rationale=" ".join(raw["rationale"].split()),
        sources=[str(s) for s in sources],
        kind=kind,
        data={k: v for k, v in raw.items() if k in module.KEYS},
        pack=pack,
        name=str(raw.get("name") or ""),
        summary=" ".join(str(raw.get("summary") or "").split()),
        enabled=bool(raw.get("enabled", True)),
        effective_from=_date(effective.get("from"), f"{where}.effective.from", pack),
        effective_until=_date(effective.get("until"), f"{where}.effective.until", pack),
        jurisdictions=[str(j) for j in expect_list(raw.get("jurisdictions"), f"{where}.jurisdictions", pack)],
        examples_fail=list(expect_list(examples.get("fail"), f"{where}.examples.fail", pack)),
        examples_pass=list(expect_list(examples.get("pass"), f"{where}.examples.pass", pack)),
        examples_format=expect(examples.get("format"), str, f"{where}.examples.format", pack),
        precision=precision,
        tags=[str(t) for t in expect_list(raw.get("tags"), f"{where}.tags", pack)],
        superseded_by=superseded_by,
    )
    rule.compiled = module.compile(rule, pack)
    return rule


def load_pack(path: Path) -> list[Rule]:
    pack = str(path)
    try:
        raw = load_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PackError(pack, "file", "rule pack not found") from None
    except (OSError, UnicodeDecodeError) as err:
        raise PackError(pack, "file", f"cannot read rule pack: {err}") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "yaml"
        raise PackError(pack, where, f"not valid YAML: {getattr(err, 'problem', None) or err}") from None
    if not isinstance(raw, dict) or "rules" not in raw:
        raise PackError(pack, "rules", "a rule pack is a mapping with a 'rules:' list")
    reject_unknown(raw, {"pack", "rules"}, "(top level)", pack)
    rules = expect_list(raw["rules"], "rules", pack, item=dict, required=True)
    return [parse_rule(r, pack, i) for i, r in enumerate(rules)]


def load_packs(paths: Iterable[Path]) -> list[Rule]:
    rules: dict[str, Rule] = {}
    for path in paths:
        for rule in load_pack(path):
            if rule.id in rules:
                raise PackError(str(path), f"{rule.id}.id",
                                f"rule id already defined in {rules[rule.id].pack}")
            rules[rule.id] = rule
    for rule in rules.values():
        unknown = [other for other in rule.superseded_by if other not in rules]
        if unknown:  # a typo would silently keep both findings
            raise PackError(rule.pack, f"{rule.id}.superseded_by", f"unknown rule {unknown[0]!r}")
    return sorted(rules.values(), key=lambda r: r.id)


@lru_cache(maxsize=8)
def _cached(paths: tuple[str, ...], stamps: tuple[float, ...]) -> tuple[Rule, ...]:
    files = [Path(p) for p in paths]
    if not all(f.is_file() for f in files):  # let load_packs report the missing pack
        return tuple(load_packs(files))
    return cached("packs", files, lambda: tuple(load_packs(files)))


def load_all(extra: Iterable[str | Path] = ()) -> list[Rule]:
    """Built-in packs plus the user's, compiled once per process (keyed by file and mtime) and
    cached on disk between processes (keyed by file contents), which halves a cold start."""
    files = [*builtin_pack_files(), *(Path(p) for p in extra)]
    stamps = tuple(f.stat().st_mtime if f.exists() else 0.0 for f in files)
    return list(_cached(tuple(str(f) for f in files), stamps))
