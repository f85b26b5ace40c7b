"""The one spaCy pipeline of the process, and the token view rules read.

``spacy.blank("en")`` + sentencizer + lookup lemmatizer: no statistical model, nothing
downloaded, ever. The pipeline is built on first use and reused; documents go through
``nlp.pipe`` in batches. Rules never touch spaCy objects: they get a :class:`Tokens`
(plain lists of offsets, lower-cased forms and lemmas), which is cheap to keep, easy to
test, and can cross process boundaries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any


@dataclass(slots=True)
class Tokens:
    """Tokens of one text: parallel lists, sorted by offset; whitespace tokens left out."""

    starts: list[int]
    ends: list[int]
    lower: list[str]
    lemma: list[str]
    sentences: list[tuple[int, int]]

    def __len__(self) -> int:
        return len(self.starts)


@lru_cache(maxsize=1)
def pipeline() -> Any:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    nlp.max_length = 50_000_000
    return nlp


@lru_cache(maxsize=1)
def _lemma_table() -> Any:
    return pipeline().get_pipe("lemmatizer").lookups.get_table("lemma_lookup")


class _Lemmas(dict):
    """Lower-cased word -> lemma from the lemmatizer's lookup table, memoised per process."""

    def __missing__(self, word: str) -> str:
        if len(self) > 500_000:
            self.clear()
        lemma = self[word] = _lemma_table().get(word, word)
        return lemma


_LEMMAS = _Lemmas()


def lemma_of(word: str) -> str:
    """Lemma of a lower-cased word (the lookup table is case-sensitive; postings are not)."""
    return _LEMMAS[word]


def _tokens(doc: Any, text: str) -> Tokens:
    """Plain lists from a spaCy Doc, read as arrays to avoid building a Token object per word."""
    from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START

    starts: list[int] = []
    ends: list[int] = []
    lower: list[str] = []
    sentence_starts: list[int] = []
    for idx, length, space, sent_start in doc.to_array([IDX, LENGTH, IS_SPACE, SENT_START]).tolist():
        if sent_start == 1:
            sentence_starts.append(idx)
        if space:
            continue
        starts.append(idx)
        ends.append(idx + length)
        lower.append(text[idx : idx + length].lower())
    lemmas = _LEMMAS
    lemma = [lemmas[w] for w in lower]
    if not sentence_starts or sentence_starts[0] != 0:
        sentence_starts.insert(0, 0)
    bounds = [*sentence_starts[1:], len(text)]
    sentences = list(zip(sentence_starts, bounds, strict=True))
    return Tokens(starts, ends, lower, lemma, sentences)


_LONG_RUN = re.compile(r"\S{200,}")


def _breakable(text: str) -> str:
    """The text spaCy is given: runs of 200+ non-space characters get a space every 100.

    spaCy's tokenizer strips prefixes and suffixes from a whitespace-delimited chunk one at a
    time, rescanning the chunk each time, so one 50,000-character run of digits or punctuation
    takes minutes. No real word is that long; breaking the run keeps every offset (same length)
    and linear time."""
    if len(text) < 200 or not _LONG_RUN.search(text):
        return text

    def cut(m: re.Match[str]) -> str:
        run = m.group()
        return "".join(run[i : i + 99] + " " for i in range(0, len(run), 100))[: len(run)]

    return _LONG_RUN.sub(cut, text)


# The lemmatizer component lemmatizes case-sensitively ("Leading" stays "Leading"); jdlint looks
# up lower-cased forms in that component's own lookup table instead, so running the component
# too would do the same work twice.
_SKIP = ("lemmatizer",)


def tokenize(text: str) -> Tokens:
    nlp = pipeline()
    with nlp.select_pipes(disable=list(_SKIP)):
        return _tokens(nlp(_breakable(text)), text)


def tokenize_many(texts: Iterable[str], batch_size: int = 32) -> Iterator[Tokens]:
    nlp = pipeline()
    pending = list(texts) if not isinstance(texts, list) else texts
    safe = [_breakable(t) for t in pending]
    for text, doc in zip(pending, nlp.pipe(safe, batch_size=batch_size, disable=list(_SKIP)), strict=True):
        yield _tokens(doc, text)
