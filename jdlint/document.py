"""The Document: a posting as rules see it, and the way back to the original file.

Every reader (plain text, Markdown, HTML, JSON...) turns a file into a Document holding
the original ``source``, the plain ``text`` the rules read, and an :class:`OffsetMap` from
text offsets back to source offsets. Rules only ever work on ``text``; positions are mapped
to 1-based line/column of the ORIGINAL file at the very end, so a finding in an HTML
entity or a JSON-escaped string still points where the user can see it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from jdlint.prefilter import fold


class OffsetMap:
    """Maps offsets in the plain text to offsets in the source.

    Built from segments ``(text_start, text_len, src_start, src_len)``. Where the two lengths
    are equal the segment is copied verbatim and maps character by character; otherwise the
    text was transformed (an HTML entity decoded, a JSON escape, an inserted line break) and
    the whole segment maps onto its whole source span.
    """

    __slots__ = ("_lens", "_src_lens", "_src_starts", "_starts", "identity")

    def __init__(self, segments: Iterable[tuple[int, int, int, int]] | None = None):
        self._starts: list[int] = []
        self._lens: list[int] = []
        self._src_starts: list[int] = []
        self._src_lens: list[int] = []
        self.identity = segments is None
        for seg in segments or ():
            self._append(*seg)

    def _append(self, text_start: int, text_len: int, src_start: int, src_len: int) -> None:
        self._starts.append(text_start)
        self._lens.append(text_len)
        self._src_starts.append(src_start)
        self._src_lens.append(src_len)

    @classmethod
    def identity_map(cls) -> OffsetMap:
        return cls(None)

    def _segment(self, pos: int) -> int:
        i = bisect.bisect_right(self._starts, pos) - 1
        return max(i, 0)

    def to_source(self, pos: int) -> int:
        """Source offset of the character at text offset ``pos`` (a span's start)."""
        if self.identity or not self._starts:
            return pos
        i = self._segment(pos)
        start, length = self._starts[i], self._lens[i]
        src_start, src_len = self._src_starts[i], self._src_lens[i]
        delta = pos - start
        if length == src_len:
            return src_start + min(max(delta, 0), src_len)
        return src_start if delta < length else src_start + src_len

    def to_source_end(self, pos: int) -> int:
        """Source offset just after the character before text offset ``pos`` (a span's end)."""
        if self.identity or not self._starts:
            return pos
        if pos <= 0:
            return self.to_source(0)
        i = self._segment(pos - 1)
        start, length = self._starts[i], self._lens[i]
        src_start, src_len = self._src_starts[i], self._src_lens[i]
        if length == src_len:
            return src_start + min(pos - start, src_len)
        return src_start + src_len


class TextBuilder:
    """Assembles a Document's text from pieces of the source, recording the offset map.

    Readers call :meth:`copy` for source text kept as is, :meth:`emit` for text that stands
    for a source span but differs from it (decoded entities, escapes), and :meth:`gap` for
    separators that exist only in the text (a line break between two HTML blocks).
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._segments: list[tuple[int, int, int, int]] = []
        self._len = 0

    def __len__(self) -> int:
        return self._len

    def copy(self, source: str, start: int, end: int) -> None:
        if end <= start:
            return
        self._add(source[start:end], start, end - start)

    def emit(self, text: str, src_start: int, src_end: int) -> None:
        if not text:
            return
        self._add(text, src_start, src_end - src_start)

    def gap(self, text: str, src_pos: int) -> None:
        if text:
            self._add(text, src_pos, 0)

    def endswith(self, suffix: str) -> bool:
        tail = "".join(self._parts[-3:])
        return tail.endswith(suffix)

    def _add(self, text: str, src_start: int, src_len: int) -> None:
        self._parts.append(text)
        self._segments.append((self._len, len(text), src_start, src_len))
        self._len += len(text)

    def build(self) -> tuple[str, OffsetMap]:
        return "".join(self._parts), OffsetMap(self._segments)


class LineIndex:
    """1-based line and column (in Unicode code points) of source offsets.

    Lines end at ``\\n``; a ``\\r`` before it belongs to the line it ends, so CRLF files get
    the same line numbers editors show. Tabs, emoji and combining marks each count as one
    column because columns are code points.
    """

    __slots__ = ("_length", "_starts")

    def __init__(self, source: str):
        self._starts = [0]
        self._starts.extend(m.end() for m in re.finditer("\n", source))
        self._length = len(source)

    def position(self, offset: int) -> tuple[int, int]:
        offset = min(max(offset, 0), self._length)
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def line_count(self) -> int:
        return len(self._starts)

    def line_start(self, line: int) -> int:
        return self._starts[line - 1]


@dataclass(slots=True)
class Section:
    """A heading and the text under it, in text offsets (``body_start``..``end``)."""

    title: str
    level: int
    start: int
    body_start: int
    end: int


@dataclass
class Document:
    """One posting, read and ready to lint.

    ``format`` names the reader that produced it (``text``, ``markdown``, ``html``, ``json``...).
    ``fields`` holds structured data the posting carries besides its prose: YAML front matter,
    schema.org JobPosting properties, ATS JSON fields. Rules and fact extractors may read it.
    """

    path: str
    source: str
    text: str
    offsets: OffsetMap = field(default_factory=OffsetMap.identity_map)
    format: str = "text"
    fields: dict[str, Any] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    _lines: LineIndex | None = field(default=None, repr=False)
    _folded: str | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def folded(self) -> str:
        """The text lower-cased for needle tests (:mod:`jdlint.prefilter`), computed once."""
        if self._folded is None:
            self._folded = fold(self.text)
        return self._folded

    @property
    def lines(self) -> LineIndex:
        if self._lines is None:
            self._lines = LineIndex(self.source)
        return self._lines

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets of the text span ``start``..``end``."""
        s = self.offsets.to_source(start)
        e = self.offsets.to_source_end(end) if end > start else s
        return s, max(e, s)

    def position(self, start: int, end: int) -> tuple[int, int, int, int]:
        """(line, column, end_line, end_column) in the original file; end_column is exclusive."""
        s, e = self.source_span(start, end)
        line, col = self.lines.position(s)
        end_line, end_col = self.lines.position(e)
        return line, col, end_line, end_col

    def line_of(self, start: int) -> int:
        return self.lines.position(self.offsets.to_source(start))[0]

    def section_at(self, offset: int) -> Section | None:
        found = None
        for sec in self.sections:
            if sec.start <= offset < sec.end and (found is None or sec.level >= found.level):
                found = sec
        return found

    def has_section(self, pattern: str) -> bool:
        """True if a heading matches the regular expression ``pattern`` (case-insensitive)."""
        rx = re.compile(pattern, re.IGNORECASE)
        return any(rx.search(sec.title) for sec in self.sections)
