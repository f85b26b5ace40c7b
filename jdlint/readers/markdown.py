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


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] not in "\r\n":
            chars[i] = " "


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


def _mask_fences(source: str, chars: list[str]) -> None:
    pos = 0
    fence: str | None = None
    start = 0
    for line in source.splitlines(keepends=True):
        m = _FENCE.match(line)
        if fence is None and m:
            fence, start = m.group(1), pos
        elif fence is not None and m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) \
                and not line[m.end():].strip():
            _blank(chars, start, pos + len(line))
            fence = None
        pos += len(line)
    if fence is not None:
        _blank(chars, start, pos)


def mask(source: str, skip_to: int = 0) -> str:
    chars = list(source)
    _blank(chars, 0, skip_to)
    _mask_fences(source, chars)
    masked = "".join(chars)
    for rx in (_COMMENT, _INLINE_CODE, _LINK_DEST, _AUTOLINK, _REF_DEF, _HTML_TAG):
        for m in rx.finditer(masked):
            _blank(chars, m.start(), m.end())
        masked = "".join(chars)
    return masked


def _headings(text: str) -> list[tuple[int, int, str, int]]:
    heads: list[tuple[int, int, str, int]] = []
    for m in _ATX.finditer(text):
        heads.append((m.start(), m.end(), m.group(2).strip(), len(m.group(1))))
    for m in _SETEXT.finditer(text):
        title = m.group("title")
        if _LIST_ITEM.match(title) or _ATX.match(title):
            continue
        heads.append((m.start(), m.end(), title.strip(), 1 if m.group("rule")[0] == "=" else 2))
    for m in _BOLD_LINE.finditer(text):
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
