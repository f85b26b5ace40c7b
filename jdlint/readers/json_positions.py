"""Decoding JSON while remembering where every string came from.

A finding in a JSON posting must point at the line and column of the file where the words
are, inside the string literal, so the escapes a JSON string may hold (``\\n``, ``\\u00e9``,
``\\"``, surrogate pairs) have to be mapped back to their source spans. The stdlib ``json``
module reports no positions, but its pure-Python scanner takes its string, object and array
parsers from the decoder object: we plug in ones that tag every string, object and array
with its offset, and otherwise reuse stdlib's grammar, its error messages and its
C-accelerated string decoding. No second JSON parser to trust, and no dependency.

A :class:`View` is a decoded string plus where each piece of it sits in the file. Views
compose: the HTML inside a JSON string, itself HTML-escaped (Greenhouse), is a view of a view
of the file, and whatever is finally written into the Document's ``TextBuilder`` carries
file offsets, so ``OffsetMap`` needs no knowledge of the layers in between.
"""

from __future__ import annotations

import bisect
import json
from json.decoder import JSONArray, JSONObject, scanstring
from json.scanner import py_make_scanner
from typing import Any, Protocol


class LocatedStr(str):
    """A decoded JSON string; ``start``/``end`` are the offsets of its contents (inside the quotes)."""

    __slots__ = ("end", "start")


class LocatedDict(dict):
    """A JSON object; ``start`` is the offset of its ``{``."""

    __slots__ = ("start",)


class LocatedList(list):
    """A JSON array; ``start`` is the offset of its ``[``."""

    __slots__ = ("start",)


def _parse_string(s: str, end: int, strict: bool) -> tuple[LocatedStr, int]:
    value, after = scanstring(s, end, strict)
    out = LocatedStr(value)
    out.start = end
    out.end = after - 1
    return out, after


def _parse_object(s_and_end: tuple[str, int], strict: bool, scan_once: Any, object_hook: Any,
                  object_pairs_hook: Any, memo: Any = None) -> tuple[LocatedDict, int]:
    start = s_and_end[1] - 1
    obj, end = JSONObject(s_and_end, strict, scan_once, None, LocatedDict, memo)
    obj.start = start
    return obj, end


def _parse_array(s_and_end: tuple[str, int], scan_once: Any) -> tuple[LocatedList, int]:
    start = s_and_end[1] - 1
    values, end = JSONArray(s_and_end, scan_once)
    out = LocatedList(values)
    out.start = start
    return out, end


class _LocatingDecoder(json.JSONDecoder):
    def __init__(self) -> None:
        # Raw control characters inside strings are invalid JSON but harmless and common in
        # hand-edited files; reading them beats rejecting the posting.
        super().__init__(strict=False)
        self.parse_string = _parse_string
        self.parse_object = _parse_object
        self.parse_array = _parse_array
        self.scan_once = py_make_scanner(self)


class JSONError(ValueError):
    """Invalid JSON: ``msg`` plus the 1-based ``line``/``column`` in the decoded text."""

    def __init__(self, msg: str, line: int, column: int):
        self.msg = msg
        self.line = line
        self.column = column
        super().__init__(f"{msg} (line {line}, column {column})")


def _error(source: str, msg: str, pos: int) -> JSONError:
    err = json.JSONDecodeError(msg, source, pos)
    return JSONError(msg, err.lineno, err.colno)


_DECODER: _LocatingDecoder | None = None


def raw_decode(source: str, start: int = 0) -> tuple[Any, int]:
    """Decode one JSON value at ``start`` (after whitespace); return it and its end offset.

    One decoder serves every call, as the json module's own does: a decoder per call left its
    scanner's reference cycle behind for every JSON Lines record, garbage only the cyclic
    collector frees."""
    global _DECODER
    decoder = _DECODER
    if decoder is None:
        decoder = _DECODER = _LocatingDecoder()
    idx = start
    while idx < len(source) and source[idx] in " \t\r\n":
        idx += 1
    try:
        return decoder.raw_decode(source, idx)
    except json.JSONDecodeError as err:
        raise JSONError(err.msg, err.lineno, err.colno) from None
    except RecursionError:
        raise _error(source, "nested too deeply", idx) from None


def loads(source: str) -> Any:
    """Decode a whole JSON text with located strings, objects and arrays; raises JSONError."""
    value, end = raw_decode(source)
    rest = len(source) - len(source[end:].lstrip(" \t\r\n"))
    if rest < len(source):
        raise _error(source, "Extra data", rest)
    return value


def plain(value: Any) -> Any:
    """The same JSON value with plain ``str``/``dict``/``list`` (safe to dump as YAML, to pickle...)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def pointers(value: Any, prefix: str = "") -> dict[str, int]:
    """JSON Pointer (RFC 6901) -> source offset, for every located value under ``value``."""
    out: dict[str, int] = {}
    stack = [(prefix, value)]
    while stack:
        ptr, val = stack.pop()
        start = getattr(val, "start", None)
        if start is not None:
            out[ptr] = start
        if isinstance(val, dict):
            for k, v in val.items():
                stack.append((f"{ptr}/{str(k).replace('~', '~0').replace('/', '~1')}", v))
        elif isinstance(val, list):
            stack.extend((f"{ptr}/{i}", v) for i, v in enumerate(val))
    return out


class Sink(Protocol):
    """What text is written into: ``TextBuilder`` or :class:`ViewBuilder` (file offsets)."""

    def emit(self, text: str, src_start: int, src_end: int) -> None: ...

    def gap(self, text: str, src_pos: int) -> None: ...

    def __len__(self) -> int: ...


class View:
    """A string plus, for each piece of it, the span of the FILE it stands for.

    Segments are ``(start, length, file_start, file_length)``; equal lengths map character by
    character (verbatim text), unequal ones map as a whole (an escape, an entity).
    """

    __slots__ = ("_segs", "_starts", "text")

    def __init__(self, text: str, segments: list[tuple[int, int, int, int]]):
        self.text = text
        self._segs = segments
        self._starts = [s[0] for s in segments]

    @classmethod
    def of_source(cls, source: str, start: int = 0, end: int | None = None) -> View:
        end = len(source) if end is None else end
        return cls(source[start:end], [(0, end - start, start, end - start)] if end > start else [])

    def _seg(self, pos: int) -> int:
        return max(bisect.bisect_right(self._starts, pos) - 1, 0)

    def to_file(self, pos: int) -> int:
        """File offset of the character at ``pos`` (a span's start)."""
        if not self._segs:
            return 0
        t, tl, f, fl = self._segs[self._seg(pos)]
        delta = pos - t
        if tl == fl:
            return f + min(max(delta, 0), fl)
        return f if delta < tl else f + fl

    def to_file_end(self, pos: int) -> int:
        """File offset just after the character before ``pos`` (a span's end)."""
        if not self._segs:
            return 0
        if pos <= 0:
            return self.to_file(0)
        t, tl, f, fl = self._segs[self._seg(pos - 1)]
        return f + min(pos - t, fl) if tl == fl else f + fl

    def write(self, out: Sink, start: int, end: int) -> None:
        """Write ``text[start:end]`` into ``out``, each piece tagged with its file span."""
        if end <= start or not self._segs:
            return
        i = self._seg(start)
        while i < len(self._segs) and self._segs[i][0] < end:
            t, tl, f, fl = self._segs[i]
            a, b = max(start, t), min(end, t + tl)
            if a < b:
                if tl == fl:
                    out.emit(self.text[a:b], f + a - t, f + b - t)
                else:
                    out.emit(self.text[a:b], f, f + fl)
            i += 1


class ViewBuilder:
    """Builds a :class:`View` (the intermediate layers); same writing interface as TextBuilder."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._segs: list[tuple[int, int, int, int]] = []
        self._len = 0

    def __len__(self) -> int:
        return self._len

    def emit(self, text: str, src_start: int, src_end: int) -> None:
        if text:
            self._add(text, src_start, src_end - src_start)

    def gap(self, text: str, src_pos: int) -> None:
        if text:
            self._add(text, src_pos, 0)

    def _add(self, text: str, src_start: int, src_len: int) -> None:
        self._parts.append(text)
        self._segs.append((self._len, len(text), src_start, src_len))
        self._len += len(text)

    def build(self) -> View:
        return View("".join(self._parts), self._segs)


_SIMPLE_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def _hex4(source: str, at: int) -> int | None:
    digits = source[at : at + 4]
    if len(digits) == 4 and all(c in "0123456789abcdefABCDEF" for c in digits):
        return int(digits, 16)
    return None


def string_view(source: str, value: LocatedStr) -> View:
    """The decoded contents of a located JSON string, mapped back to ``source``.

    Verbatim runs map character by character; each escape maps onto its whole source
    spelling (``\\u00e9`` is six source characters for one decoded one).
    """
    i, end = value.start, value.end
    if source.find("\\", i, end) < 0:
        return View.of_source(source, i, end)
    out = ViewBuilder()
    while i < end:
        j = source.find("\\", i, end)
        if j < 0:
            j = end
        if j > i:
            out.emit(source[i:j], i, j)
        if j >= end:
            break
        kind = source[j + 1]
        k = j + 2
        if kind == "u":
            code = _hex4(source, j + 2)
            k = j + 6
            if code is None:  # cannot happen after scanstring validated it; be safe anyway
                out.emit(source[j:k], j, k)
                i = k
                continue
            char = chr(code)
            if 0xD800 <= code <= 0xDBFF and source.startswith("\\u", k):
                low = _hex4(source, k + 2)
                if low is not None and 0xDC00 <= low <= 0xDFFF:
                    char = chr(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))
                    k += 6
        else:
            char = _SIMPLE_ESCAPES.get(kind, kind)
        out.emit(char, j, k)
        i = k
    return out.build()
