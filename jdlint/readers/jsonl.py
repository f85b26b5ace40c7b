"""JSON Lines batches: one posting per line, read as a stream.

Job boards and ATS exports hand over postings by the hundred thousand as JSONL. Records are
read one line at a time and each becomes its own Document, so memory stays constant whatever
the file size and the linter can start on the first record before the last is read. A record's
``source`` is its own line, and a line index shifted to the record's line number makes every
position point into the JSONL file (line = the record's line, columns within it). A malformed
line yields an :class:`~jdlint.errors.InputError` for that line and the batch goes on: one bad
record must not hide a hundred thousand good ones.

Each record may be any shape :mod:`.json_posting` reads (schema.org, Greenhouse, Lever, or a
generic object whose text is in ``text_field``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from jdlint.document import Document, LineIndex
from jdlint.errors import InputError
from jdlint.readers.json_positions import JSONError, loads
from jdlint.readers.json_posting import _get, from_value


class RecordLines(LineIndex):
    """Line/column of a record's offsets, numbered as lines of the whole JSONL file."""

    __slots__ = ("_before",)

    def __init__(self, source: str, first_line: int):
        super().__init__(source)
        self._before = first_line - 1

    def position(self, offset: int) -> tuple[int, int]:
        line, col = super().position(offset)
        return line + self._before, col

    def line_count(self) -> int:
        return super().line_count() + self._before

    def line_start(self, line: int) -> int:
        return super().line_start(max(line - self._before, 1))


def _record_id(data: dict[str, Any], id_field: str) -> str | None:
    value = _get(data, id_field)
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    text = str(value).strip()
    return text or None


def record(path: str, lineno: int, line: str, id_field: str = "id",
           text_field: str | None = None) -> Document | InputError:
    """One JSONL line (without its line break) as a Document, or the InputError saying why not."""
    where = f"{path}:{lineno}"
    try:
        data = loads(line)
    except JSONError as err:
        return InputError(where, f"is not valid JSON: {err.msg} (column {err.column})")
    if not isinstance(data, dict):
        found = "an array" if isinstance(data, list) else "a string" if isinstance(data, str) else "a scalar"
        return InputError(where, f"is not a JSON object (found {found})")
    rid = _record_id(data, id_field)
    display = f"{path}#{rid}" if rid is not None else f"{path}#line{lineno}"
    try:
        doc = from_value(display, line, data, text_field=text_field, fmt="jsonl")
    except InputError as err:
        return InputError(where, err.problem)
    doc._lines = RecordLines(line, lineno)
    doc.meta["line"] = lineno
    if rid is not None:
        doc.meta["record_id"] = rid
    return doc


def iter_records(stream: Iterable[bytes] | Iterable[str], path: str, id_field: str = "id",
                 text_field: str | None = None) -> Iterator[Document | InputError]:
    """Documents (or per-line InputErrors) for each non-blank line of a binary or text stream."""
    for lineno, raw in enumerate(stream, start=1):
        if isinstance(raw, bytes):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                yield InputError(f"{path}:{lineno}", f"is not valid UTF-8 (byte 0x{raw[err.start]:02x} at byte "
                                                     f"{err.start + 1} of the line)")
                continue
        else:
            line = raw
        if lineno == 1 and line.startswith("\ufeff"):
            line = line[1:]
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        yield record(path, lineno, line, id_field, text_field)
