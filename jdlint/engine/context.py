"""What a rule sees of one posting: the Document, its tokens, its facts, and the settings."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

from jdlint.document import Document
from jdlint.model import Facts
from jdlint.nlp import Tokens
from jdlint.prefilter import Scan, has, occurrences

if TYPE_CHECKING:
    from jdlint.config import Config

# Spans no term should ever match inside: URLs, e-mail addresses, domain-like words. The
# possessive quantifiers match what plain ones would (a word is never split before a "." or
# "@") without retrying every shorter prefix of every word.
_PROTECTED = Scan(
    r"(?:https?://|ftp://|www\.)[^\s<>\"')\]]++"
    r"|[\w.+-]++@[\w-]++(?:\.[\w-]++)+"
    r"|\b[\w-]++(?:\.[\w-]++)*\.(?:com|org|net|io|co|ai|dev|app|jobs|us|uk|de|ca|eu|gov|edu)(?:/[^\s<>\"')\]]*)?\b",
    re.IGNORECASE,
)


def protected_spans(text: str, folded: str) -> list[tuple[int, int]]:
    """Spans of :data:`_PROTECTED` in the text, sorted.

    No match holds whitespace, and every match holds one of the pattern's needles, so the
    pattern runs only on the whitespace-delimited chunks around the needles' occurrences (a
    URL or two per posting) instead of over the whole text; its matches there are the ones
    a pass over the whole text finds (``\b`` at a chunk's edge sees whitespace either way)."""
    needles = _PROTECTED.needles
    if needles is None:
        return [m.span() for m in _PROTECTED.finditer(text, folded)]
    chunks: set[tuple[int, int]] = set()
    for needle in needles[0]:
        if has(folded, needle):
            for at in occurrences(folded, needle):
                start, end = at, at + len(needle)
                while start and not text[start - 1].isspace():
                    start -= 1
                while end < len(text) and not text[end].isspace():
                    end += 1
                chunks.add((start, end))
    regex = _PROTECTED.regex
    return [m.span() for start, end in sorted(chunks) for m in regex.finditer(text, start, end)]


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

    @property
    def folded(self) -> str:
        return self.doc.folded

    @cached_property
    def protected(self) -> list[tuple[int, int]]:
        return protected_spans(self.doc.text, self.doc.folded)

    @cached_property
    def _protected_starts(self) -> list[int]:
        return [s for s, _ in self.protected]

    def is_protected(self, start: int, end: int) -> bool:
        """Whether the span overlaps a URL or e-mail address (spans are sorted and disjoint)."""
        i = bisect.bisect_left(self._protected_starts, end) - 1
        return i >= 0 and self.protected[i][1] > start

    @cached_property
    def allowed(self) -> set[str]:
        """Terms the user allows (config ``allow``), lower-cased."""
        return {a.lower() for a in (self.config.allow if self.config else [])}

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s for s, _ in self.tokens.sentences]

    def sentence_of(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        if i >= 0:
            s, e = self.tokens.sentences[i]
            if s <= offset < e:
                return s, e
        return offset, offset
