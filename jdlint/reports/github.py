"""GitHub Actions workflow commands (``--format github``): findings as inline annotations.

Each finding becomes one ``::error``/``::warning``/``::notice`` line; the Actions runner turns
them into annotations on the pull request's changed files and on the run summary, with no
upload step and no extra permission. Escaping follows the runner's workflow-command parser
(actions/toolkit ``command.ts``): a property value that contained ``,`` or ``:`` would
otherwise end early, and a raw newline would end the command.
"""

from __future__ import annotations

from jdlint.model import Finding, Result
from jdlint.reports import Run
from jdlint.reports.fingerprint import relative_path

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape the message part (after ``::``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as data, plus the ``:`` and ``,`` that delimit properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict[str, object], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {props}::{escape_data(message)}" if props else f"::{name}::{escape_data(message)}"


def _position(finding: Finding) -> dict[str, object]:
    """Line and column properties.

    GitHub rejects ``col``/``endColumn`` on an annotation spanning several lines, and reads
    ``endColumn`` as the last column covered (inclusive) while jdlint's is exclusive.
    Posting-level findings get only their line: underlining line 1 would suggest the title
    is the problem.
    """
    props: dict[str, object] = {"line": finding.line}
    if finding.posting_level:
        return props
    props["endLine"] = finding.end_line
    if finding.line == finding.end_line:
        props["col"] = finding.column
        props["endColumn"] = max(finding.column, finding.end_column - 1)
    return props


def _message(finding: Finding) -> str:
    text = finding.message
    if finding.suggestion and finding.suggestion not in text:
        text += f" Consider “{finding.suggestion}”."
    return text


def annotation(finding: Finding, path: str) -> str:
    """One finding as a workflow command, titled with the rule id so it can be looked up."""
    props: dict[str, object] = {"file": path, **_position(finding), "title": finding.rule}
    return command(COMMANDS.get(finding.severity, "warning"), props, _message(finding))


def _display_path(result: Result, run: Run) -> str:
    """Annotations attach to files by repository-relative path; other paths are passed as given."""
    return relative_path(result.file, run.root) or result.file


def _error_lines(run: Run) -> list[str]:
    errors = list(run.errors)
    errors += [r.error for r in run.results if r.error and r.error not in errors]
    return [command("error", {"title": "jdlint"}, e) for e in errors]


def render(run: Run) -> str:
    lines = _error_lines(run)
    for result in run.results:
        path = _display_path(result, run)
        lines += [annotation(f, path) for f in sorted(result.findings, key=Finding.sort_key)]
    return "".join(line + "\n" for line in lines)
