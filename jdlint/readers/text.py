"""Plain-text reader: the text is the source, apart from suppression comments."""

from __future__ import annotations

from jdlint.document import Document
from jdlint.readers.headings import sections_from_lines
from jdlint.suppress import mask_directives


def read(path: str, source: str) -> Document:
    text = mask_directives(source)
    return Document(path=path, source=source, text=text, format="text", sections=sections_from_lines(text))
