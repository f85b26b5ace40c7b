"""SARIF 2.1.0 output, shaped for GitHub code scanning (``--format sarif``).

The log is built from sarif-om's classes so every property has the spec's meaning, then
serialised by :func:`to_json`, which walks the attrs fields and writes the JSON names the
classes carry in their metadata (sarif-om has no serialiser of its own).

Choices GitHub's ingestion dictates (see docs/integrations.md):

* every rule that ran is listed, findings or not, so alerts of a rule that stops matching
  are closed rather than orphaned;
* URIs are relative to the repository root with ``uriBaseId: %SRCROOT%``, because GitHub
  shows only files of the repository;
* ``partialFingerprints.primaryLocationLineHash`` never depends on the line number
  (see :mod:`jdlint.reports.fingerprint`);
* no ``security-severity``: that would turn wording advice into security alerts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import attr
import sarif_om as om

from jdlint.engine.rule import Rule
from jdlint.model import Finding, Result
from jdlint.reports import Run
from jdlint.reports.fingerprint import consistent, line_hashes, relative_path, source_lines

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/jdlint/jdlint"
SRCROOT = "%SRCROOT%"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}

# GitHub's documented limits for rule metadata.
MAX_NAME = 255
MAX_FULL_DESCRIPTION = 1024
MAX_TAGS = 20

#: sarif-om defaults that differ from what a reader assumes when the property is absent, so
#: they are written even when equal to the default. A result's absent ``level`` means "the
#: rule's default level", not sarif-om's "warning".
_ALWAYS_WRITE = frozenset({"level"})
#: Properties written first, so a person reading the file sees what an object is before its
#: details (attrs keeps declaration order, which puts ``$schema`` last).
_FIRST = ("$schema", "version", "id", "name", "ruleId", "ruleIndex", "level", "message", "tool")


# --------------------------------------------------------------------------- serialising


def to_json(obj: Any) -> Any:
    """Plain JSON data for a sarif-om object tree, with the spec's property names.

    None values and values equal to sarif-om's defaults are dropped: the defaults are the
    spec's defaults, so writing them only makes the file bigger. Dicts (open property
    bags, ``originalUriBaseIds``) and lists are walked as they are.
    """
    if attr.has(type(obj)):
        out: dict[str, Any] = {}
        for fld in attr.fields(type(obj)):
            value = getattr(obj, fld.name)
            if value is None or (_is_default(fld, value) and fld.name not in _ALWAYS_WRITE):
                continue
            out[fld.metadata["schema_property_name"]] = to_json(value)
        return _ordered(out)
    if isinstance(obj, dict):
        return {key: to_json(value) for key, value in obj.items() if value is not None}
    if isinstance(obj, list | tuple):
        return [to_json(value) for value in obj]
    return obj


def _ordered(obj: dict[str, Any]) -> dict[str, Any]:
    first = {key: obj[key] for key in _FIRST if key in obj}
    return first | {key: value for key, value in obj.items() if key not in first}


def _is_default(fld: attr.Attribute, value: Any) -> bool:
    default = fld.default
    if default is attr.NOTHING:
        return False
    if isinstance(default, attr.Factory):
        default = default.factory()
    return bool(value == default)


# --------------------------------------------------------------------------- text helpers


def _sentence(text: str) -> str:
    """End a message with a period: GitHub shows the first sentence, SARIF2001 asks for it."""
    text = " ".join(text.split())
    if not text:
        return text
    return text if text[-1] in ".!?…" or text.endswith((".”", '."', ".)")) else text + "."


def _truncate(text: str, limit: int) -> str:
    """Cut at a word boundary and mark the cut, so long rationales still fit GitHub's limits."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"


_IDENTIFIER = re.compile(r"[A-Z][A-Za-z0-9]*")
_WORDS = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")


def pascal_name(rule_id: str) -> str:
    """A stable PascalCase name from the id (``bias.gender-coded`` -> ``BiasGenderCoded``).

    SARIF's ``name`` is meant to be an identifier-like friendly name; deriving it from the id
    keeps it unique and unchanged when a rule's wording is edited.
    """
    words = re.split(r"[^0-9A-Za-z]+", rule_id)
    return "".join(w[:1].upper() + w[1:] for w in words if w)[:MAX_NAME] or "Rule"


def rule_name(rule: Rule) -> str:
    """The pack's PascalCase ``name`` when it has one, else one derived from the id."""
    if rule.name and _IDENTIFIER.fullmatch(rule.name) and len(rule.name) <= MAX_NAME:
        return rule.name
    return pascal_name(rule.id)


def title(rule: Rule) -> str:
    """A readable one-line title (``shortDescription``, the alert's heading on GitHub).

    The pack's ``summary`` when it has one. Otherwise a PascalCase ``name`` is split into
    words (``EEOStatementMissing`` -> ``EEO statement missing``), which reads better as a
    heading than the message template jdlint falls back to last.
    """
    if rule.summary:
        return rule.summary
    if rule.name and _IDENTIFIER.fullmatch(rule.name):
        words = _WORDS.findall(rule.name)
        words = [words[0], *(w if w.isupper() and len(w) > 1 else w.lower() for w in words[1:])]
        return " ".join(words)
    return rule.short


# --------------------------------------------------------------------------- rules


def _help_text(rule: Rule) -> str:
    parts = [rule.rationale.strip()]
    if rule.sources:
        parts.append("Sources:\n" + "\n".join(f"- {s}" for s in rule.sources))
    if rule.jurisdictions:
        parts.append("Applies in: " + ", ".join(rule.jurisdictions))
    if rule.effective_from:
        parts.append(f"In force from {rule.effective_from.isoformat()}.")
    if rule.examples_fail:
        parts.append("Flagged:\n" + "\n".join(f"- {e}" for e in rule.examples_fail))
    if rule.examples_pass:
        parts.append("Not flagged:\n" + "\n".join(f"- {e}" for e in rule.examples_pass))
    if rule.kind != "builtin":
        parts.append(f"Silence one occurrence with: jdlint-disable-next-line {rule.id}")
    return "\n\n".join(p for p in parts if p)


_URL = re.compile(r"https?://[^\s<>]+[^\s<>.,;:)\]]")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def _md_escape(text: str) -> str:
    """Escape the Markdown that would change how a rationale or an example renders.

    URLs in sources become autolinks instead, since escaping would break them.
    """
    out, pos = [], 0
    for m in _URL.finditer(text):
        out.append(_MD_SPECIAL.sub(r"\\\1", text[pos : m.start()]))
        out.append(f"<{m.group()}>")
        pos = m.end()
    out.append(_MD_SPECIAL.sub(r"\\\1", text[pos:]))
    return "".join(out)


def _help_markdown(rule: Rule) -> str:
    # The rationale is authored Markdown (`threshold`); examples and sources are literal text.
    parts = [f"**{_md_escape(title(rule))}**", rule.rationale.strip()]
    if rule.sources:
        parts.append("#### Sources\n" + "\n".join(f"- {_md_escape(s)}" for s in rule.sources))
    facts = []
    if rule.jurisdictions:
        facts.append("Applies in: " + ", ".join(f"`{j}`" for j in rule.jurisdictions))
    if rule.effective_from:
        facts.append(f"In force from {rule.effective_from.isoformat()}")
    if facts:
        parts.append("\n".join(f"- {f}" for f in facts))
    if rule.examples_fail:
        parts.append("#### Flagged\n" + "\n".join(f"- {_md_escape(e)}" for e in rule.examples_fail))
    if rule.examples_pass:
        parts.append("#### Not flagged\n" + "\n".join(f"- {_md_escape(e)}" for e in rule.examples_pass))
    if rule.kind != "builtin":
        parts.append(
            "#### Silencing\nAdd `<!-- jdlint-disable-next-line "
            f"{rule.id} -->` above the line, or turn the rule off in `.jdlint.yaml`."
        )
    return "\n\n".join(p for p in parts if p)


def _tags(rule: Rule) -> list[str]:
    tags: list[str] = []
    for tag in (rule.category, *rule.jurisdictions, *rule.tags):
        if tag and tag not in tags:
            tags.append(tag)
    return tags[:MAX_TAGS]


def descriptor(rule: Rule) -> om.ReportingDescriptor:
    """``tool.driver.rules[]`` entry: what GitHub shows in the alert's rule panel."""
    short = title(rule)
    return om.ReportingDescriptor(
        id=rule.id,
        name=rule_name(rule),
        short_description=om.MultiformatMessageString(text=short),
        full_description=om.MultiformatMessageString(
            text=_truncate(_sentence(rule.rationale) or _sentence(short), MAX_FULL_DESCRIPTION)
        ),
        help=om.MultiformatMessageString(text=_help_text(rule), markdown=_help_markdown(rule)),
        default_configuration=om.ReportingConfiguration(level=LEVELS.get(rule.severity, "warning")),
        # sarif-om's PropertyBag models only ``tags``; the spec's property bag is open, so a
        # dict carries ``precision`` too.
        properties={"tags": _tags(rule), "precision": rule.precision},
    )


#: Findings jdlint reports about itself rather than from a rule pack (--report-unused-disables).
_BUILTIN_SUMMARIES = {"suppression.unused": "A jdlint-disable comment that suppresses nothing."}


def builtin_rule(finding: Finding) -> Rule:
    """A rule for a finding no pack declared, so its result still has a descriptor to point at.

    GitHub shows an alert's rule panel from ``tool.driver.rules``; a result whose rule is
    missing there gets an empty panel.
    """
    summary = _BUILTIN_SUMMARIES.get(finding.rule, f"Reported by jdlint ({finding.category}).")
    return Rule(
        id=finding.rule,
        category=finding.category,
        severity=finding.severity,
        message=finding.message,
        rationale=summary,
        sources=[],
        kind="builtin",
        data={},
        pack="",
        summary=summary,
    )


def all_rules(run: Run) -> list[Rule]:
    """The rules that ran plus built-in ones that produced findings, in id order."""
    rules = {rule.id: rule for rule in run.rules}
    for result in run.results:
        for finding in result.findings:
            if finding.rule not in rules:
                rules[finding.rule] = builtin_rule(finding)
    return sorted(rules.values(), key=lambda r: r.id)


# --------------------------------------------------------------------------- locations


def artifact_location(path: str, root: Path) -> om.ArtifactLocation:
    """Repository-relative URI under %SRCROOT% when possible, else the path as given.

    A file outside the repository gets an absolute ``file://`` URI; a posting read from
    stdin keeps the name it was given (``--stdin-filename``), relative as written.
    """
    rel = relative_path(path, root)
    if rel is not None:
        return om.ArtifactLocation(uri=quote(rel, safe="/"), uri_base_id=SRCROOT)
    candidate = Path(path)
    if candidate.is_absolute() or candidate.exists():
        return om.ArtifactLocation(uri=candidate.resolve().as_uri())
    return om.ArtifactLocation(uri=quote(path.replace("\\", "/"), safe="/"))


def region(finding: Finding) -> om.Region:
    """The finding's span; a posting-level finding covers its whole first line."""
    if finding.posting_level:
        return om.Region(start_line=finding.line)
    return om.Region(
        start_line=finding.line,
        start_column=finding.column,
        end_line=finding.end_line,
        end_column=max(finding.end_column, finding.column),
    )


def _fixes(finding: Finding, location: om.ArtifactLocation) -> list[om.Fix] | None:
    if finding.fix is None or finding.posting_level:
        return None
    change = om.ArtifactChange(
        artifact_location=location,
        replacements=[
            om.Replacement(
                deleted_region=region(finding),
                inserted_content=om.ArtifactContent(text=finding.fix),
            )
        ],
    )
    description = f"Replace “{finding.match}” with “{finding.fix}”."
    return [om.Fix(artifact_changes=[change], description=om.Message(text=description))]


# --------------------------------------------------------------------------- results


def _message(finding: Finding) -> str:
    """The alert's text: the rule's message, plus the suggestion if the message lacks it."""
    text = _sentence(finding.message)
    if finding.suggestion and finding.suggestion not in text:
        text += f" Consider “{finding.suggestion}”."
    return text


def _lines(result: Result, findings: list[Finding]) -> list[str] | None:
    """The posting's source lines for fingerprints, or None to fall back to the matched text.

    The linter keeps the source on the Result; when it did not (a hand-built Result), the file
    is read again, and used only if the findings are really on its lines.
    """
    if result.source is not None:
        return source_lines(result.source)
    from jdlint.readers.decode import decode_bytes

    try:
        lines = source_lines(decode_bytes(result.file, Path(result.file).read_bytes()))
    except Exception:  # unreadable, gone, stdin, not UTF-8: fall back to the matched text
        return None
    return lines if consistent(lines, findings) else None


def file_results(result: Result, root: Path, rule_index: dict[str, int]) -> Iterator[om.Result]:
    findings = sorted(result.findings, key=Finding.sort_key)
    if not findings:
        return
    hashes = line_hashes(findings, _lines(result, findings))
    location = artifact_location(result.file, root)
    for finding, line_hash in zip(findings, hashes, strict=True):
        yield om.Result(
            message=om.Message(text=_message(finding)),
            rule_id=finding.rule,
            rule_index=rule_index.get(finding.rule, -1),
            level=LEVELS.get(finding.severity, "warning"),
            locations=[
                om.Location(physical_location=om.PhysicalLocation(artifact_location=location, region=region(finding)))
            ],
            partial_fingerprints={"primaryLocationLineHash": line_hash},
            fixes=_fixes(finding, location),
        )


# --------------------------------------------------------------------------- the run


def _input_errors(run: Run) -> list[str]:
    """Input errors of the run and of individual files, each once."""
    errors = list(run.errors)
    for result in run.results:
        if result.error and result.error not in errors:
            errors.append(result.error)
    return errors


def invocation(run: Run) -> om.Invocation:
    """Whether jdlint ran to the end: exit codes 0 (clean) and 1 (findings) are successes."""
    errors = _input_errors(run)
    notifications = [om.Notification(message=om.Message(text=_sentence(e)), level="error") for e in errors]
    notifications += [om.Notification(message=om.Message(text=_sentence(f"{r.path}: {w}")), level="warning")
                      for r in run.results for w in r.meta.get("warnings", ())]
    return om.Invocation(
        execution_successful=run.exit_code in (0, 1) and not errors,
        exit_code=run.exit_code,
        tool_execution_notifications=notifications or None,
    )


def automation_details(run: Run) -> om.RunAutomationDetails | None:
    """``--sarif-category`` as GitHub's category: an id ending in ``/`` names the category."""
    category = (run.options.get("sarif_category") or "").strip()
    if not category:
        return None
    return om.RunAutomationDetails(id=category if category.endswith("/") else category + "/")


def root_uri(root: Path) -> str:
    return Path(root).resolve().as_uri().rstrip("/") + "/"


def build(run: Run) -> om.SarifLog:
    """The whole log: one run, every rule that ran, one result per finding."""
    rules = all_rules(run)
    rule_index = {rule.id: i for i, rule in enumerate(rules)}
    results = [sarif_result for result in run.results for sarif_result in file_results(result, run.root, rule_index)]
    driver = om.ToolComponent(
        name="jdlint",
        semantic_version=run.version,
        information_uri=INFORMATION_URI,
        rules=[descriptor(rule) for rule in rules],
    )
    sarif_run = om.Run(
        tool=om.Tool(driver=driver),
        results=results,
        invocations=[invocation(run)],
        original_uri_base_ids={SRCROOT: om.ArtifactLocation(uri=root_uri(run.root))},
        column_kind="unicodeCodePoints",
        automation_details=automation_details(run),
    )
    return om.SarifLog(runs=[sarif_run], version="2.1.0", schema_uri=SCHEMA_URI)


def render(run: Run) -> str:
    return json.dumps(to_json(build(run)), indent=2, ensure_ascii=False) + "\n"
