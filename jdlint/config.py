"""Configuration: ``.jdlint.yaml``, ``[tool.jdlint]`` in pyproject.toml, or ``--config``.

Every key is declared once in ``SCHEMA`` with its type and help text; loading rejects unknown
keys and wrong types with a one-line message naming the key, and ``jdlint init`` writes its
starter file from the same table, so the docs can never list a key the loader ignores.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from jdlint.data import load_yaml
from jdlint.errors import ConfigError
from jdlint.model import SEVERITIES

CONFIG_NAMES = (".jdlint.yaml", ".jdlint.yml")
DEFAULT_INCLUDE = ["*.md", "*.markdown", "*.txt", "*.html", "*.htm", "*.json"]
DEFAULT_EXCLUDE = [".git", ".venv", "venv", "node_modules", "__pycache__", ".tox", "build", "dist"]
FAIL_ON = ("error", "warning", "info", "never")

#: key -> (python type, help). "list" means a list of strings.
SCHEMA: dict[str, tuple[str, str]] = {
    "select": ("list", "Only run these rules (ids or prefixes such as `bias` or `pay.missing`)."),
    "ignore": ("list", "Never run these rules (ids or prefixes)."),
    "severity": ("map", "Per-rule severity overrides, e.g. `bias.jargon: warning`."),
    "fail_on": ("str", "Lowest severity that makes `jdlint check` exit 1: error, warning, info or never."),
    "jurisdictions": ("list", "Jurisdictions whose rules always apply, e.g. [US-CO, CA-ON]."),
    "employer_size": ("int", "Number of employees; packs whose threshold is above it are skipped."),
    "as_of": ("date", "Apply the laws in force on this date (default: today)."),
    "rule_packs": ("list", "Extra YAML rule packs of your own (paths relative to this file)."),
    "allow": ("list", "Terms never flagged, whatever the rule (e.g. a product name)."),
    "include": ("list", "Glob patterns of files to lint inside directories."),
    "exclude": ("list", "Glob patterns of files or directories to skip."),
}


@dataclass
class Config:
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str = "warning"
    jurisdictions: list[str] = field(default_factory=list)
    employer_size: int | None = None
    as_of: date | None = None
    rule_packs: list[str] = field(default_factory=list)
    allow: list[str] = field(default_factory=list)
    include: list[str] = field(default_factory=lambda: list(DEFAULT_INCLUDE))
    exclude: list[str] = field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    path: Path | None = None  # the file it came from, if any

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str = "configuration", base: Path | None = None) -> Config:
        if not isinstance(data, dict):
            raise ConfigError(f"{source}: must be a mapping of keys to values")
        values: dict[str, Any] = {}
        for key, value in data.items():
            norm = str(key).replace("-", "_")
            if norm not in SCHEMA:
                raise ConfigError(f"{source}: unknown key '{key}' (known: {', '.join(SCHEMA)})")
            values[norm] = _check(norm, value, source)
        if "rule_packs" in values and base is not None:
            values["rule_packs"] = [str((base / p).resolve()) for p in values["rule_packs"]]
        cfg = cls(**values)
        if "exclude" in values:
            cfg.exclude = [*DEFAULT_EXCLUDE, *values["exclude"]]
        return cfg

    def merged(self, **overrides: Any) -> Config:
        """A copy with command-line values laid over the file's (None means 'not given')."""
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        for key, value in overrides.items():
            if value is None or value == () or value == []:
                continue
            data[key] = list(value) if isinstance(value, tuple) else value
        return Config(**data)


def _check(key: str, value: Any, source: str) -> Any:
    kind = SCHEMA[key][0]
    if kind == "list":
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{source}: key '{key}' must be a list of strings")
        return list(value)
    if kind == "map":
        if not isinstance(value, dict):
            raise ConfigError(f"{source}: key '{key}' must be a mapping of rule id to severity")
        for rule, sev in value.items():
            if sev not in SEVERITIES:
                raise ConfigError(f"{source}: key '{key}.{rule}' must be one of {', '.join(SEVERITIES)}")
        return {str(k): str(v) for k, v in value.items()}
    if kind == "int":
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ConfigError(f"{source}: key '{key}' must be a whole number")
        return value
    if kind == "date":
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise ConfigError(f"{source}: key '{key}' must be a date like 2026-01-31") from None
    if key == "fail_on" and value not in FAIL_ON:
        raise ConfigError(f"{source}: key 'fail_on' must be one of {', '.join(FAIL_ON)}")
    if not isinstance(value, str):
        raise ConfigError(f"{source}: key '{key}' must be a string")
    return value


def load_file(path: Path) -> Config:
    shown = str(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{shown}: configuration file not found") from None
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{shown}: cannot read configuration: {err}") from None
    if path.name == "pyproject.toml":
        try:
            data = tomllib.loads(raw).get("tool", {}).get("jdlint", {})
        except tomllib.TOMLDecodeError as err:
            raise ConfigError(f"{shown}: not valid TOML: {err}") from None
        source = f"{shown} [tool.jdlint]"
    else:
        try:
            data = load_yaml(raw)
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            where = f" (line {mark.line + 1})" if mark is not None else ""
            raise ConfigError(f"{shown}: not valid YAML{where}: {getattr(err, 'problem', None) or err}") from None
        source = shown
        if data is None:
            data = {}
    cfg = Config.from_dict(data, source, base=path.parent)
    cfg.path = path
    return cfg


def discover(start: Path | None = None) -> Config:
    """The nearest ``.jdlint.yaml`` or ``pyproject.toml`` with ``[tool.jdlint]``, upward from start."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return load_file(candidate)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                has_section = "jdlint" in tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {})
            except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError):
                has_section = False
            if has_section:
                return load_file(pyproject)
    return Config()


def starter_file() -> str:
    """The commented ``.jdlint.yaml`` that ``jdlint init`` writes."""
    lines = [
        "# jdlint configuration — https://github.com/jdlint/jdlint#configuration",
        "# Every key is optional; delete what you don't need.",
        "",
    ]
    examples = {
        "select": "# select: [pay, location, work-mode, eeo, bias]",
        "ignore": "ignore: []",
        "severity": "severity: {}\n#   bias.jargon: warning",
        "fail_on": "fail_on: warning",
        "jurisdictions": "jurisdictions: []",
        "employer_size": "# employer_size: 50",
        "as_of": "# as_of: 2026-01-01",
        "rule_packs": "rule_packs: []\n#   - jdlint-rules/our-house-style.yaml",
        "allow": "allow: []",
        "include": "include: " + yaml.safe_dump(DEFAULT_INCLUDE, default_flow_style=True).strip(),
        "exclude": "exclude: []",
    }
    for key, (_, help_text) in SCHEMA.items():
        lines.append(f"# {help_text}")
        lines.append(examples[key])
        lines.append("")
    return "\n".join(lines)
