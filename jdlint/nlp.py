"""The one spaCy pipeline of the process, and the token view rules read.

``spacy.blank("en")`` + sentencizer + lookup lemmatizer: no statistical model, nothing
downloaded, ever. The pipeline is built on first use and reused; documents go through
``nlp.pipe`` in batches. Rules never touch spaCy objects: they get a :class:`Tokens`
(plain lists of offsets, lower-cased forms and lemmas), which is cheap to keep, easy to
test, and can cross process boundaries.
"""

from __future__ import annotations

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


def lemma_of(word: str) -> str:
    """Lemma of a lower-cased word (the lookup table is case-sensitive; postings are not)."""
    table = _lemma_table()
    return table.get(word, word)


def _tokens(doc: Any) -> Tokens:
    table = _lemma_table()
    starts, ends, lower, lemma = [], [], [], []
    for tok in doc:
        if tok.is_space:
            continue
        low = tok.lower_
        starts.append(tok.idx)
        ends.append(tok.idx + len(tok))
        lower.append(low)
        lemma.append(table.get(low, low))
    sentences = [(s.start_char, s.end_char) for s in doc.sents]
    return Tokens(starts, ends, lower, lemma, sentences)


def tokenize(text: str) -> Tokens:
    return _tokens(pipeline()(text))


def tokenize_many(texts: Iterable[str], batch_size: int = 32) -> Iterator[Tokens]:
    for doc in pipeline().pipe(texts, batch_size=batch_size):
        yield _tokens(doc)
