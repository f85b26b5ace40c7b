"""Markdown reader: YAML front matter as fields, code/URLs/comments kept out of the lint.

The text rules see is the source with everything that is not prose (front matter, fenced
and inline code, link destinations, HTML comments and tags) blanked to spaces. Blanking
rather than deleting keeps every offset identical to the source, so positions need no map
and a phrase can never be glued together across a removed code span.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from jdlint.data import load_yaml
from jdlint.document import Document
from jdlint.errors import InputError
from jdlint.readers.headings import sections_from_lines

_FRONT_OPEN = re.compile(r"\A---[ \t]*\r?\n")
_FRONT_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.MULTILINE)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_LINK_DEST = re.compile(r"(?<=\])\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\)")
_AUTOLINK = re.compile(r"<(?:https?|mailto|ftp):[^>\s]*>", re.IGNORECASE)
_REF_DEF = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S+.*$", re.MULTILINE)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$", re.MULTILINE)
_SETEXT = re.compile(r"^(?P<title> {0,3}\S.*)\r?\n {0,3}(?P<rule>=+|-+)[ \t]*$", re.MULTILINE)
_BOLD_LINE = re.compile(r"^[ \t]*(?:\*\*|__)(?P<title>[^*_\n]{1,80}?):?(?:\*\*|__):?[ \t]*$", re.MULTILINE)
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")


_NOT_EOL = re.compile(r"[^\r\n]+")
# Where the heading patterns can match: from a line break, the lines they may match (headings
# stay on their lines, so no match ever starts elsewhere).
_UNDERLINE = re.compile(r"\n {0,3}(?:=+|-+)[ \t]*$", re.MULTILINE)  # a setext underline; its title is above
_ATX_LEAD = re.compile(r"\n {0,3}#")
_BOLD_LEAD = re.compile(r"\n[ \t]*(?:\*\*|__)")

#: Masking passes over the text, in order, each with a string that every match contains (a
#: posting without it skips the pass: most have no code, comments or link destinations) and,
#: for patterns that begin with a lookbehind, which the regex engine tries at every position,
#: a pattern finding where matches can start, and how far into it.
_PASSES: tuple[tuple[re.Pattern[str], str, re.Pattern[str] | None, int], ...] = (
    (_COMMENT, "<!--", None, 0),
    (_INLINE_CODE, "`", re.compile("`"), 0),
    (_LINK_DEST, "](", re.compile(r"\]\("), 1),
    (_AUTOLINK, "<", None, 0),
    (_REF_DEF, "]:", None, 0),
    (_HTML_TAG, "<", None, 0),
)


def _blanked(text: str) -> str:
    """``text`` with every character but line breaks turned into a space."""
    if "\n" not in text and "\r" not in text:
        return " " * len(text)
    return _NOT_EOL.sub(lambda m: " " * len(m.group()), text)


def _blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """Blank sorted spans of ``text`` (overlapping ones included) by slicing, not per character."""
    parts = []
    pos = 0
    for start, end in spans:
        start = max(start, pos)
        if end <= start:
            continue
        parts.append(text[pos:start])
        parts.append(_blanked(text[start:end]))
        pos = end
    if not parts:
        return text
    parts.append(text[pos:])
    return "".join(parts)


def _front_matter(path: str, source: str) -> tuple[dict[str, Any], int, dict[str, int]]:
    """Parse leading YAML front matter; returns (fields, end offset, key -> line)."""
    opening = _FRONT_OPEN.match(source)
    if not opening:
        return {}, 0, {}
    closing = _FRONT_CLOSE.search(source, opening.end())
    if not closing:
        raise InputError(path, "front matter opened with '---' on line 1 is never closed with '---'")
    body = source[opening.end() : closing.start()]
    try:
        data = load_yaml(body)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" on line {mark.line + 2}" if mark is not None else ""
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise InputError(path, f"broken YAML front matter{where}: {problem}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(path, "front matter must be a YAML mapping (key: value lines)")
    lines: dict[str, int] = {}
    for n, line in enumerate(body.splitlines(), start=2):
        m = re.match(r"^([A-Za-z_][\w-]*)\s*:", line)
        if m and m.group(1) not in lines:
            lines[m.group(1)] = n
    return {str(k): v for k, v in data.items()}, closing.end(), lines


def _fences(source: str) -> list[tuple[int, int]]:
    """Spans of fenced code blocks; one never closed runs to the end."""
    spans: list[tuple[int, int]] = []
    if "```" not in source and "~~~" not in source:
        return spans
    pos = 0
    fence: str | None = None
    start = 0
    for line in source.splitlines(keepends=True):
        m = _FENCE.match(line)
        if fence is None and m:
            fence, start = m.group(1), pos
        elif fence is not None and m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) \
                and not line[m.end():].strip():
            spans.append((start, pos + len(line)))
            fence = None
        pos += len(line)
    if fence is not None:
        spans.append((start, pos))
    return spans


def mask(source: str, skip_to: int = 0) -> str:
    """The source with front matter, code, comments, link destinations and tags blanked. Each
    pass reads what the earlier ones left, so a backtick inside a comment starts no code span."""
    masked = _blank_spans(source, [(0, skip_to), *_fences(source)])
    for rx, needle, lead, shift in _PASSES:
        if needle in masked:
            found = rx.finditer(masked) if lead is None else _finditer(rx, lead, masked, shift)
            masked = _blank_spans(masked, [m.span() for m in found])
    return masked


def _finditer(rx: re.Pattern[str], lead: re.Pattern[str], text: str, shift: int,
              at_start: bool = False) -> list[re.Match[str]]:
    """What ``rx.finditer(text)`` finds, when every match of ``rx`` starts ``shift`` characters
    into a match of ``lead`` (or, with ``at_start``, at the start of the text): only there is
    ``rx`` tried, rather than at every position of the posting."""
    found = []
    pos = 0
    if at_start and (m := rx.match(text)):
        found.append(m)
        pos = m.end()
    for candidate in lead.finditer(text):
        start = candidate.start() + shift
        if start >= pos and (m := rx.match(text, start)):
            found.append(m)
            pos = m.end()
    return found


def _setext(text: str) -> list[re.Match[str]]:
    """What ``_SETEXT.finditer(text)`` finds, trying only the lines above a possible underline
    instead of matching every line of the posting."""
    found = []
    pos = 0
    for under in _UNDERLINE.finditer(text):
        start = text.rfind("\n", 0, under.start()) + 1
        if start < pos:
            continue
        m = _SETEXT.match(text, start)
        if m:
            found.append(m)
            pos = m.end()
    return found


def _headings(text: str) -> list[tuple[int, int, str, int]]:
    heads: list[tuple[int, int, str, int]] = []
    for m in _finditer(_ATX, _ATX_LEAD, text, 1, at_start=True):
        heads.append((m.start(), m.end(), m.group(2).strip(), len(m.group(1))))
    for m in _setext(text):
        title = m.group("title")
        if _LIST_ITEM.match(title) or _ATX.match(title):
            continue
        heads.append((m.start(), m.end(), title.strip(), 1 if m.group("rule")[0] == "=" else 2))
    for m in _finditer(_BOLD_LINE, _BOLD_LEAD, text, 1, at_start=True):
        heads.append((m.start(), m.end(), m.group("title").strip(), 4))
    return heads


def read(path: str, source: str) -> Document:
    fields, body_start, key_lines = _front_matter(path, source)
    text = mask(source, body_start)
    heads = _headings(text)
    meta: dict[str, Any] = {}
    if fields:
        meta["front_matter_lines"] = key_lines
        meta["front_matter_end"] = body_start
    return Document(
        path=path,
        source=source,
        text=text,
        format="markdown",
        fields=fields,
        sections=sections_from_lines(text, heads),
        meta=meta,
    )
