"""The one spaCy pipeline of the process, and the token view rules read.

spaCy's blank English tokenizer + the lookup lemma table of spacy-lookups-data: no
statistical model, nothing downloaded, ever. The lemmatizer component is not run: it
lemmatizes case-sensitively ("Leading" stays "Leading"), so jdlint looks up lower-cased forms
in its table instead. Built on first use and reused; texts are tokenized in batches.
Rules never touch spaCy objects: they get a :class:`Tokens` (plain lists of offsets,
lower-cased forms, lemmas and sentences), which is cheap to keep, easy to test, and can cross
process boundaries.

Sentences are split by spaCy's rule-based Sentencizer algorithm, run here on the token arrays
while the other lists are built: the component itself reads every token as a Python object
and cost a third as much as tokenizing.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import os
import re
import sys
import types
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jdlint.errors import JdlintError


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
    """spaCy's blank English: its tokenizer, built once (jdlint runs no pipeline components)."""
    English = _import_spacy_english()
    nlp = English()
    nlp.max_length = 50_000_000
    return nlp


def _import_spacy_english() -> Any:
    """``spacy.lang.en.English``, importing spaCy without its command-line interface.

    ``import spacy`` spends a quarter of a second importing ``spacy.cli`` (typer, weasel,
    download helpers) only to export ``spacy.info``. jdlint never calls it, and every
    pre-commit run pays the import, so while spaCy loads, ``spacy.cli.info`` is a stand-in
    whose ``info`` imports the real module when called; the stand-in is removed at once, so
    any later ``import spacy.cli`` gets the real package."""
    if "spacy" not in sys.modules and "spacy.cli.info" not in sys.modules:
        stand_in = types.ModuleType("spacy.cli.info")

        def info(*args: Any, **kwargs: Any) -> Any:
            from spacy.cli.info import info as real

            return real(*args, **kwargs)

        stand_in.info = info  # type: ignore[attr-defined]
        sys.modules["spacy.cli.info"] = stand_in
        try:
            import spacy  # noqa: F401
        finally:
            if sys.modules.get("spacy.cli.info") is stand_in:
                del sys.modules["spacy.cli.info"]
    from spacy.lang.en import English

    return English


@lru_cache(maxsize=1)
def lemma_table() -> dict[str, str]:
    """English lemma lookup table of spacy-lookups-data (the one spaCy's lookup lemmatizer
    reads), as a plain dict: read straight from the package's data file, it loads in a
    fraction of the time the lemmatizer component takes to initialize."""
    spec = importlib.util.find_spec("spacy_lookups_data")
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        for name, opener in (("en_lemma_lookup.json.gz", gzip.open), ("en_lemma_lookup.json", open)):
            path = os.path.join(folder, "data", name)
            if os.path.exists(path):
                with opener(path, "rb") as fh:
                    return dict(json.loads(fh.read()))
    raise JdlintError("spacy-lookups-data is not installed (pip install spacy-lookups-data)")


class _Lemmas(dict):
    """Lower-cased word -> lemma, memoised per process (the table is case-sensitive)."""

    def __missing__(self, word: str) -> str:
        if len(self) > 500_000:
            self.clear()
        lemma = self[word] = lemma_table().get(word, word)
        return lemma


_LEMMAS = _Lemmas()


def lemma_of(word: str) -> str:
    """Lemma of a lower-cased word (the lookup table is case-sensitive; postings are not)."""
    return _LEMMAS[word]


@lru_cache(maxsize=1)
def _punct_chars() -> frozenset[str]:
    from spacy.pipeline.sentencizer import Sentencizer

    return frozenset(Sentencizer.default_punct_chars)


def _tokens(doc: Any, text: str, tokenized: str) -> Tokens:
    """Plain lists from a spaCy Doc, read as arrays to avoid building a Token object per word.

    ``tokenized`` is the text spaCy saw (see :func:`_breakable`); sentence breaks follow
    spaCy's Sentencizer: a sentence starts at the first token after a sentence-final
    punctuation token that is neither punctuation nor sentence-final itself."""
    from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH

    starts: list[int] = []
    ends: list[int] = []
    lower: list[str] = []
    sentence_starts: list[int] = [0]
    add_start, add_end, add_lower = starts.append, ends.append, lower.append
    finals = _punct_chars()
    lowered = text.lower()
    if len(lowered) != len(text):  # "İ" lowers to two characters: lower token by token
        lowered = "".join(ch.lower()[:1] for ch in text)
    seen_final = False
    if tokenized is text:
        tokenized = lowered  # final punctuation has no case; one slice serves both
    for idx, length, space, punct in doc.to_array([IDX, LENGTH, IS_SPACE, IS_PUNCT]).tolist():
        end = idx + length
        if tokenized[idx:end] in finals:
            seen_final = True
        elif seen_final and not punct:
            if idx:
                sentence_starts.append(idx)
            seen_final = False
        if not space:
            add_start(idx)
            add_end(end)
            add_lower(lowered[idx:end])
    lemmas = _LEMMAS
    lemma = [lemmas[w] for w in lower]
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


def tokenize(text: str) -> Tokens:
    safe = _breakable(text)
    return _tokens(pipeline().tokenizer(safe), text, safe)


def tokenize_many(texts: Iterable[str], batch_size: int = 32) -> Iterator[Tokens]:
    tokenizer = pipeline().tokenizer
    pending = list(texts) if not isinstance(texts, list) else texts
    safe = [_breakable(t) for t in pending]
    for text, tokenized, doc in zip(pending, safe, tokenizer.pipe(safe, batch_size=batch_size), strict=True):
        yield _tokens(doc, text, tokenized)
