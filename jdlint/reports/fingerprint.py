"""Stable identities for findings across runs: repository-relative paths and line hashes.

Code scanning matches the alerts of a new upload to the alerts it already has by rule id,
path and ``partialFingerprints.primaryLocationLineHash``. If the hash moved whenever a line
was added above a finding, every edit of a posting would close its alerts and open copies
of them. So the hash covers what the finding IS (the rule, the matched words, the text of
the line they are on) and never WHERE the line is; identical lines are told apart by an
occurrence counter, as GitHub's own fingerprinting does.

Kept apart from ``sarif.py`` so the GitHub annotations format can share the path logic
without importing sarif-om.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from jdlint.model import Finding

_SPACE = re.compile(r"\s+")
#: Stands in for the line of posting-level findings, which are placed on line 1 but are about
#: the posting as a whole: editing the title must not change their identity.
_POSTING = "\x00posting"


def normalise(line: str) -> str:
    """Collapse whitespace so re-indenting or re-wrapping spaces does not create new alerts."""
    return _SPACE.sub(" ", line).strip()


def source_lines(source: str) -> list[str]:
    """Split like ``LineIndex``: lines end at ``\\n``, a trailing ``\\r`` belongs to its line."""
    return source.split("\n")


def consistent(lines: Sequence[str], findings: Sequence[Finding]) -> bool:
    """Whether ``lines`` really are the text the findings were found in.

    The source is read again from disk, which may not be what was linted (a posting piped on
    stdin under the name of a file that differs on disk). Hashing unrelated lines would still
    be deterministic but meaningless, so every single-line match must appear on its line.
    """
    for f in findings:
        if f.posting_level or not f.match or f.line != f.end_line:
            continue
        if (
            not 1 <= f.line <= len(lines)
            or normalise(f.match).casefold() not in normalise(lines[f.line - 1]).casefold()
        ):
            return False
    return True


def _line_key(finding: Finding, lines: Sequence[str] | None) -> str:
    """What identifies the finding's line: its normalised text, or the match when unknown."""
    if finding.posting_level:
        return _POSTING
    if lines is not None and 1 <= finding.line <= len(lines):
        return normalise(lines[finding.line - 1])
    return normalise(finding.match)


def line_hashes(findings: Sequence[Finding], lines: Sequence[str] | None) -> list[str]:
    """``primaryLocationLineHash`` for each finding of one file, in the order given.

    ``lines`` is the file's source split into lines, or None when the file cannot be read
    again (stdin); the hash then falls back to the matched text, which is just as stable
    but cannot tell two identical matches on different lines from a moved line.
    The value is ``<hex digest>:<occurrence>``, the shape GitHub uses for its own hashes.
    """
    seen: dict[str, int] = {}
    out: list[str] = []
    for finding in findings:
        key = "\x1f".join((finding.rule, _line_key(finding, lines), normalise(finding.match)))
        seen[key] = seen.get(key, 0) + 1
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
        out.append(f"{digest}:{seen[key]}")
    return out


def _relative_to(path: str, root: str) -> str | None:
    try:
        rel = os.path.relpath(path, root)
    except ValueError:  # another drive on Windows
        return None
    return None if rel == ".." or rel.startswith(".." + os.sep) else rel


def relative_path(path: str, root: Path) -> str | None:
    """``path`` (as reported, relative to the working directory) relative to ``root``, POSIX style.

    Returns None when the file lies outside the repository: GitHub can only show files of
    the repository, and a ``../`` path would be rejected rather than ignored. Symlinked
    roots (``/tmp`` -> ``/private/tmp``) are tried both literally and resolved.
    """
    if path in ("-", "<stdin>"):
        return None
    literal = _relative_to(os.path.abspath(path), os.path.abspath(root))
    if literal is None:
        literal = _relative_to(os.path.realpath(path), os.path.realpath(root))
    if literal is None:
        return None
    return PurePosixPath(*Path(literal).parts).as_posix()
