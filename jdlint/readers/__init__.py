"""Readers turn a file's bytes into a :class:`~jdlint.document.Document`.

One module per input format, all with the same interface: a function
``read(path: str, source: str) -> Document`` taking the display path and the decoded
source text. The registry below maps file extensions and ``--input-format`` names to
those functions; modules are imported only when a file of their kind is read, so a run
over Markdown never loads an HTML parser.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import PurePath
from typing import Any

from jdlint.document import Document
from jdlint.readers.decode import decode_bytes

ReadFunction = Callable[..., Document]

#: format name -> "module:function"
FORMATS: dict[str, str] = {
    "text": "jdlint.readers.text:read",
    "markdown": "jdlint.readers.markdown:read",
    "html": "jdlint.readers.html:read",
    "json": "jdlint.readers.json_posting:read",
    "jsonl": "jdlint.readers.jsonl:iter_records",  # a stream of postings, not one Document
}

#: file extension -> format name; anything else that decodes as text is read as plain text.
EXTENSIONS: dict[str, str] = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdx": "markdown",
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonld": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}


def register(name: str, target: str, extensions: tuple[str, ...] = ()) -> None:
    """Add a reader (used by the HTML/JSON readers and by plugins)."""
    FORMATS[name] = target
    for ext in extensions:
        EXTENSIONS[ext.lower()] = name


def format_for(path: str, input_format: str | None = None) -> str:
    if input_format and input_format != "auto":
        return input_format
    return EXTENSIONS.get(PurePath(path).suffix.lower(), "text")


def reader(name: str) -> ReadFunction:
    try:
        target = FORMATS[name]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise ValueError(f"unknown input format {name!r} (known: {known})") from None
    module, func = target.split(":")
    return getattr(importlib.import_module(module), func)


def read_source(path: str, source: str, input_format: str | None = None, **options: Any) -> Document:
    """Read already-decoded text (the Python API and stdin use this).

    ``options`` go to readers that take them (``text_field`` for JSON); None values are dropped.
    """
    options = {k: v for k, v in options.items() if v is not None}
    fmt = format_for(path, input_format)
    if fmt == "jsonl":
        raise ValueError("JSON Lines files hold many postings; read them with jdlint.readers.jsonl.iter_records")
    if options and fmt == "json":
        return reader(fmt)(path, source, **options)
    return reader(fmt)(path, source)


def read_bytes(path: str, raw: bytes, input_format: str | None = None, **options: Any) -> Document:
    return read_source(path, decode_bytes(path, raw), input_format, **options)


__all__ = ["EXTENSIONS", "FORMATS", "decode_bytes", "format_for", "read_bytes", "read_source", "register"]
