"""Decoding a posting's bytes: UTF-8 with or without BOM, and nothing else.

Guessing encodings silently shifts columns and mangles words; a clear error that names
the file and the problem is kinder than a wrong report.
"""

from __future__ import annotations

import codecs

from jdlint.errors import InputError

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)


def decode_bytes(path: str, raw: bytes) -> str:
    if raw.startswith(_UTF32_BOMS):
        raise InputError(path, "is UTF-32 encoded; jdlint reads UTF-8 (re-save the file as UTF-8)")
    if raw.startswith(_UTF16_BOMS):
        raise InputError(path, "is UTF-16 encoded; jdlint reads UTF-8 (re-save the file as UTF-8)")
    if b"\x00" in raw[:8192]:
        raise InputError(path, "looks like a binary file (it contains NUL bytes), not a job posting")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        raise InputError(
            path,
            f"is not valid UTF-8 (byte 0x{raw[err.start]:02x} on line {line}); "
            "jdlint reads UTF-8 only (re-save the file as UTF-8)",
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text
