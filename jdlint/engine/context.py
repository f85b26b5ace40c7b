"""What a rule sees of one posting: the Document, its tokens, its facts, and the settings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

from jdlint.document import Document
from jdlint.model import Facts
from jdlint.nlp import Tokens

if TYPE_CHECKING:
    from jdlint.config import Config

# Spans no term should ever match inside: URLs, e-mail addresses, domain-like words.
_PROTECTED = re.compile(
    r"(?:https?://|ftp://|www\.)[^\s<>\"')\]]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|co|ai|dev|app|jobs|us|uk|de|ca|eu|gov|edu)(?:/[^\s<>\"')\]]*)?\b",
    re.IGNORECASE,
)


@dataclass
class Posting:
    doc: Document
    tokens: Tokens
    facts: Facts = field(default_factory=Facts)
    config: Config | None = None
    as_of: date = field(default_factory=date.today)
    cache: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.doc.text

    @cached_property
    def lower(self) -> str:
        return self.doc.text.lower()

    @cached_property
    def protected(self) -> list[tuple[int, int]]:
        return [(m.start(), m.end()) for m in _PROTECTED.finditer(self.doc.text)]

    def is_protected(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.protected)

    @cached_property
    def allowed(self) -> set[str]:
        """Terms the user allows (config ``allow``), lower-cased."""
        return {a.lower() for a in (self.config.allow if self.config else [])}

    def sentence_of(self, offset: int) -> tuple[int, int]:
        for s, e in self.tokens.sentences:
            if s <= offset < e:
                return s, e
        return offset, offset
