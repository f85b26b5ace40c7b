"""The one spaCy tokenizer of the process, and the token view rules read.

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
from itertools import pairwise
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


class EnglishTokenizer:
    """spaCy's blank English tokenizer, built as ``English()`` builds it, whose special cases
    are added as the texts it is given need them. Call it like the tokenizer.

    ``English()`` spends 0.1-0.2 s adding its 1,347 special cases ("don't", "a.m.", ":)") one
    by one, a sixth of a one-posting run, and a run meets a few dozen of them. A special case
    can change the tokens of a text only where its string occurs: as a whole chunk, as what is
    left of a chunk after affixes are split off, or as consecutive tokens that spell it out
    for the special-case matcher, which reads tokens across a single space ("( :)" holds the
    pattern of "(:"). So before each text, the cases whose strings occur in it, or in it with
    its spaces taken out, are added (found by Aho-Corasick passes), and the tokens are those of
    the tokenizer with every case; a test compares it with ``spacy.blank("en")`` on each one."""

    def __init__(self) -> None:
        English = _import_spacy_english()
        from spacy.tokenizer import Tokenizer
        from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex
        from spacy.vocab import create_vocab

        defaults = English.Defaults
        #: every special case of English, added to the tokenizer or not
        self.rules: dict[str, Any] = dict(defaults.tokenizer_exceptions)
        self.tokenizer = Tokenizer(
            create_vocab(English.lang, defaults),
            rules={},
            prefix_search=compile_prefix_regex(defaults.prefixes).search,
            suffix_search=compile_suffix_regex(defaults.suffixes).search,
            infix_finditer=compile_infix_regex(defaults.infixes).finditer,
            token_match=defaults.token_match,
            url_match=defaults.url_match,
        )
        self.added: set[str] = set()
        self._automaton: Any = None

    def __call__(self, text: str) -> Any:
        self.prepare(text)
        return self.tokenizer(text)

    def prepare(self, text: str) -> None:
        """Add the special cases whose strings occur in ``text``."""
        automaton = self._automaton
        if automaton is None:
            import ahocorasick

            automaton = self._automaton = ahocorasick.Automaton()
            for string in self.rules:
                automaton.add_word(string, string)
            automaton.make_automaton()
        added = self.added
        new = {string for _, string in automaton.iter(text) if string not in added}
        if " " in text:
            new.update(string for _, string in automaton.iter(text.replace(" ", "")) if string not in added)
        for string in sorted(new):  # the order English() adds them in
            self.tokenizer.add_special_case(string, self.rules[string])
        added |= new


@lru_cache(maxsize=1)
def english() -> EnglishTokenizer:
    """The tokenizer of the process (jdlint runs no pipeline components)."""
    return EnglishTokenizer()


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
    fraction of the time the lemmatizer component takes to initialize, and from the disk
    cache (keyed by the file's size and time) in a sixth of the time its JSON takes."""
    from pathlib import Path

    from jdlint.cache import cached

    spec = importlib.util.find_spec("spacy_lookups_data")
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        for name, opener in (("en_lemma_lookup.json.gz", gzip.open), ("en_lemma_lookup.json", open)):
            path = os.path.join(folder, "data", name)
            if os.path.exists(path):

                def read(path: str = path, opener: Any = opener) -> dict[str, str]:
                    with opener(path, "rb") as fh:
                        return dict(json.loads(fh.read()))

                return cached("lemmas", [Path(path)], read, by_stat=True)
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
    _import_spacy_english()  # spaCy without its CLI: importing a submodule first would import it
    from spacy.pipeline.sentencizer import Sentencizer

    return frozenset(Sentencizer.default_punct_chars)


def _lowered(text: str) -> str:
    """The text lower-cased with the same offsets ("İ" lowers to two characters: one here)."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(ch.lower()[:1] for ch in text)
    return lowered


def _tokens(doc: Any, text: str, tokenized: str) -> Tokens:
    """Plain lists from one spaCy Doc of the whole text (``tokenized`` is the text spaCy saw,
    see :func:`_breakable`): the way for texts the chunk memo cannot serve."""
    starts: list[int] = []
    ends: list[int] = []
    lower: list[str] = []
    lemma: list[str] = []
    sentence_starts: list[int] = [0]
    _read_doc(doc, tokenized, _lowered(text), 0, starts, ends, lower, lemma, sentence_starts, False)
    return _finish(text, starts, ends, lower, lemma, sentence_starts)


def _read_doc(doc: Any, source: str, lowered: str, offset: int, starts: list[int], ends: list[int],
              lower: list[str], lemma: list[str], sentence_starts: list[int], seen_final: bool) -> bool:
    """Append the tokens of ``doc`` (spaCy's Doc of ``source``, which sits at ``offset`` in the
    text; ``lowered`` is the text's lowering of it) to the lists; returns the sentence state.

    Read as arrays, to avoid building a Token object per word. Sentence breaks follow spaCy's
    Sentencizer: a sentence starts at the first token after a sentence-final punctuation
    token that is neither punctuation nor sentence-final itself; whitespace tokens count
    there but are left out of the lists."""
    from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH

    finals = _punct_chars()
    lemmas = _LEMMAS
    for idx, length, space, punct in doc.to_array([IDX, LENGTH, IS_SPACE, IS_PUNCT]).tolist():
        end = idx + length
        if source[idx:end] in finals:
            seen_final = True
        elif seen_final and not punct:
            if offset + idx:
                sentence_starts.append(offset + idx)
            seen_final = False
        if not space:
            low = lowered[idx:end]
            starts.append(offset + idx)
            ends.append(offset + end)
            lower.append(low)
            lemma.append(lemmas[low])
    return seen_final


def _finish(text: str, starts: list[int], ends: list[int], lower: list[str], lemma: list[str],
            sentence_starts: list[int]) -> Tokens:
    bounds = [*sentence_starts[1:], len(text)]
    return Tokens(starts, ends, lower, lemma, list(zip(sentence_starts, bounds, strict=True)))


_CHUNK = re.compile(r"\S+")  # \S is exactly "not str.isspace()", the split spaCy makes
_MEMO_LIMIT = 100_000

# One token of a memoised chunk: (start, end) relative to the chunk, is-punctuation,
# is-sentence-final punctuation, lower-cased form and lemma. A chunk that is one word (no
# punctuation) has no pieces: the chunk is its token.
_Piece = tuple[int, int, bool, bool, str, str]


@dataclass(slots=True)
class _Chunk:
    """spaCy's tokens of one whitespace-delimited chunk, and what its edges could join with.

    ``first``/``last`` hold what the chunk's first/last token could have been before spaCy's
    special-case matcher ran, where that could be one half of a pair the matcher joins
    across a space (see :class:`_Specials`); None when nothing could."""

    pieces: tuple[_Piece, ...]
    first: frozenset[str] | None
    last: frozenset[str] | None
    lower: str
    lemma: str


class _ChunkMemo(dict):
    """Chunk text -> :class:`_Chunk`, kept for the process (postings share most words).

    Texts are tokenized after :func:`_learn` has seen their new chunks in one batch; a chunk
    missing all the same (the memo was cleared to stay small) is learned on its own."""

    def __missing__(self, chunk: str) -> _Chunk:
        _learn({chunk})
        return self[chunk]


_CHUNKS = _ChunkMemo()


@dataclass(frozen=True)
class _Specials:
    """What spaCy's special-case matcher could do across a single space.

    After splitting affixes, spaCy's tokenizer runs a phrase matcher on the whole Doc for
    the special cases that contain affixes ("a.m.", ":)", "'s"), matching the tokens those
    strings split into without special cases. No pattern holds whitespace, so a match can
    cross from one chunk to the next only where one space separates them (that space is no
    token), and only where the last token of one chunk and the first of the next are
    consecutive tokens of a pattern. Such a match never applies (its text holds a space),
    but it can shadow a match inside a chunk ("( :)," keeps ":" and ")" apart), so a text
    with such a boundary is tokenized whole, the way spaCy does it.

    The matcher sees tokens before its own merges: where a chunk starts (ends) with a
    pattern's string, its first (last) token may have been that pattern's first (last)."""

    pairs: frozenset[tuple[str, str]]
    lefts: frozenset[str]
    rights: frozenset[str]
    # first character -> ((length, {pattern string of that length: its first token}), ...);
    # the same by last character for last tokens. Most chunks start with a character no
    # pattern starts with, and are done with one dict miss.
    heads: dict[str, tuple[tuple[int, dict[str, str]], ...]]
    tails: dict[str, tuple[tuple[int, dict[str, str]], ...]]

    def edges(self, chunk: str, first: str, last: str) -> tuple[frozenset[str] | None, frozenset[str] | None]:
        firsts, lasts = {first}, {last}
        size = len(chunk)
        for length, table in self.heads.get(chunk[0], ()):
            if length <= size and (token := table.get(chunk[:length])) is not None:
                firsts.add(token)
        for length, table in self.tails.get(chunk[-1], ()):
            if length <= size and (token := table.get(chunk[-length:])) is not None:
                lasts.add(token)
        return frozenset(firsts & self.rights) or None, frozenset(lasts & self.lefts) or None

    def joinable(self, before: _Chunk, after: _Chunk) -> bool:
        if before.last is None or after.first is None:
            return False
        return any((a, b) in self.pairs for a in before.last for b in after.first)


@lru_cache(maxsize=1)
def _rule_strings() -> frozenset[str]:
    """The strings spaCy's tokenizer splits by a special-case rule."""
    return frozenset(english().rules)


@lru_cache(maxsize=1)
def _specials() -> _Specials:
    """Built from spaCy's English rules, once per spaCy version (kept in the disk cache)."""
    from spacy import about

    from jdlint.cache import cached

    return cached("specials" + "".join(ch for ch in about.__version__ if ch.isalnum()), [], _build_specials)


def _build_specials() -> _Specials:
    from spacy.tokenizer import Tokenizer

    tok = english().tokenizer
    plain = Tokenizer(tok.vocab, rules={}, prefix_search=tok.prefix_search, suffix_search=tok.suffix_search,
                      infix_finditer=tok.infix_finditer, token_match=tok.token_match, url_match=tok.url_match,
                      faster_heuristics=tok.faster_heuristics)
    pairs: set[tuple[str, str]] = set()
    heads: dict[str, dict[int, dict[str, str]]] = {}
    tails: dict[str, dict[int, dict[str, str]]] = {}
    for string in english().rules:
        # The test spaCy's add_special_case applies before giving the matcher a pattern.
        if not (not tok.faster_heuristics or tok.find_prefix(string) or tok.find_infix(string)
                or tok.find_suffix(string) or " " in string):
            continue
        orths = [t.text for t in plain(string)]
        if len(orths) > 1:
            pairs.update(pairwise(orths))
            heads.setdefault(string[0], {}).setdefault(len(string), {})[string] = orths[0]
            tails.setdefault(string[-1], {}).setdefault(len(string), {})[string] = orths[-1]
    return _Specials(frozenset(pairs), frozenset(a for a, _ in pairs), frozenset(b for _, b in pairs),
                     {ch: tuple(sorted(by_length.items())) for ch, by_length in sorted(heads.items())},
                     {ch: tuple(sorted(by_length.items())) for ch, by_length in sorted(tails.items())})


def _chunks_of(doc: Any, chunks: list[str], finals: frozenset[str]) -> list[_Chunk]:
    """Memo entries for ``chunks``, which ``doc`` holds in order, joined by single spaces."""
    from spacy.attrs import IDX, IS_PUNCT, LENGTH

    specials = _specials()
    tokens = doc.to_array([IDX, LENGTH, IS_PUNCT]).tolist()
    out, t, pos = [], 0, 0
    lemmas = _LEMMAS
    for chunk in chunks:
        end = pos + len(chunk)
        lowered = _lowered(chunk)  # the text's lowering: case never looks past whitespace
        pieces = []
        while t < len(tokens) and tokens[t][0] < end:
            idx, length, punct = tokens[t]
            rel = idx - pos
            low = lowered[rel:rel + length]
            pieces.append((rel, rel + length, bool(punct), chunk[rel:rel + length] in finals, low, lemmas[low]))
            t += 1
        first, last = specials.edges(chunk, chunk[: pieces[0][1]], chunk[pieces[-1][0]:])
        word = len(pieces) == 1 and not pieces[0][2] and not pieces[0][3]
        out.append(_Chunk(() if word else tuple(pieces), first, last, lowered, lemmas[lowered]))
        pos = end + 1
    return out


def _learn(chunks: set[str]) -> None:
    """Tokenize chunks not yet memoised: all in one spaCy call, joined by single spaces.

    A chunk of ASCII letters only is one token unless it is a special case ("Cannot"): none
    of English's prefix, suffix, infix or URL patterns can match inside it (it has no
    punctuation, digit or symbol), so spaCy is not asked (a test checks every such word of
    the lemma table). A chunk next to a boundary the special-case matcher could cross (see
    :class:`_Specials`) is tokenized again on its own."""
    if not chunks:
        return
    if len(_CHUNKS) + len(chunks) > _MEMO_LIMIT:
        _CHUNKS.clear()
    finals = _punct_chars()
    specials = _specials()
    tokenizer = english()
    rules = _rule_strings()
    lemmas = _LEMMAS
    order = []
    for chunk in chunks:
        if chunk.isascii() and chunk.isalpha() and chunk not in rules:
            low = chunk.lower()
            _CHUNKS[chunk] = _Chunk((), *specials.edges(chunk, chunk, chunk), low, lemmas[low])
        else:
            order.append(chunk)
    if not order:
        return
    order.sort()
    learned = _chunks_of(tokenizer(" ".join(order)), order, finals)
    alone = set()
    for i in range(1, len(order)):
        if specials.joinable(learned[i - 1], learned[i]):
            alone.update((i - 1, i))
    for i in alone:
        learned[i] = _chunks_of(tokenizer(order[i]), [order[i]], finals)[0]
    _CHUNKS.update(zip(order, learned, strict=True))


def _tokens_from_chunks(text: str) -> Tokens | None:
    """Tokens built from memoised chunks: the same as spaCy's Doc of the text gives.

    spaCy splits a text at whitespace and tokenizes each chunk on its own; its own cache of
    chunks stops filling after the first special case of a text and at 10,000 entries, so
    on postings it re-splits most chunks every time. Whitespace is a token except one space
    after a chunk (that is the previous token's trailing space).

    Where a special case could join two chunks across a space (see :class:`_Specials`), the
    run of chunks joined by single spaces around them is given to spaCy as one Doc: any other
    gap holds a whitespace token, which no special case spans. Returns None, and the caller
    asks spaCy for the whole text, when a chunk is too long to be a word (see
    :func:`_breakable`) or when lower-casing changes the text's length ("İ"; then the
    lower-cased forms come from the whole text)."""
    if len(text.lower()) != len(text):
        return None
    words = text.split()  # str.isspace(), the split spaCy makes
    if words and max(map(len, words)) >= _LONG_WORD:
        return None
    memo = _CHUNKS
    missing = {w for w in words if w not in memo}
    if missing:
        _learn(missing)
    specials = _specials()
    starts: list[int] = []
    ends: list[int] = []
    lower: list[str] = []
    lemma: list[str] = []
    sentence_starts: list[int] = [0]
    add_start, add_end, add_lower, add_lemma = starts.append, ends.append, lower.append, lemma.append
    find = text.find
    seen_final = False
    prev_end = 0
    prev: _Chunk | None = None
    # Where the current run of chunks joined by single spaces began: its first word, its
    # offset, and the lists' lengths and sentence state then, to redo it as one spaCy Doc.
    run = (0, 0, 0, 1, False)
    i, count = 0, len(words)
    while i < count:
        word = words[i]
        chunk = memo[word]
        start = find(word, prev_end)
        end = start + len(word)
        if start > prev_end:
            if start == prev_end + 1 and prev is not None and text[prev_end] == " ":
                if chunk.first is not None and specials.joinable(prev, chunk):
                    i, prev_end, seen_final = _redo_run(text, words, run, starts, ends, lower, lemma,
                                                        sentence_starts)
                    prev = memo[words[i - 1]]
                    continue
            else:
                # A whitespace token: all of the gap, or all but a space that ends the last chunk.
                if seen_final:
                    idx = prev_end + 1 if prev is not None and text[prev_end] == " " else prev_end
                    if idx:
                        sentence_starts.append(idx)
                    seen_final = False
                run = (i, start, len(starts), len(sentence_starts), seen_final)
        prev_end, prev = end, chunk
        i += 1
        if not chunk.pieces:
            if seen_final:
                sentence_starts.append(start)
                seen_final = False
            add_start(start)
            add_end(end)
            add_lower(chunk.lower)
            add_lemma(chunk.lemma)
            continue
        for rel_start, rel_end, punct, final, low, lem in chunk.pieces:
            idx = start + rel_start
            if final:
                seen_final = True
            elif seen_final and not punct:
                if idx:
                    sentence_starts.append(idx)
                seen_final = False
            add_start(idx)
            add_end(start + rel_end)
            add_lower(low)
            add_lemma(lem)
    if seen_final and prev_end < len(text):
        idx = prev_end + 1 if prev is not None and text[prev_end] == " " else prev_end
        if 0 < idx < len(text):
            sentence_starts.append(idx)
    return _finish(text, starts, ends, lower, lemma, sentence_starts)


def _redo_run(text: str, words: list[str], run: tuple[int, int, int, int, bool], starts: list[int],
              ends: list[int], lower: list[str], lemma: list[str],
              sentence_starts: list[int]) -> tuple[int, int, bool]:
    """Replace the tokens of the current run of single-space-joined chunks with spaCy's Doc of
    the whole run; returns the next word's index, the run's end and the sentence state."""
    first_word, run_start, n_tokens, n_sentences, seen_final = run
    del starts[n_tokens:], ends[n_tokens:], lower[n_tokens:], lemma[n_tokens:], sentence_starts[n_sentences:]
    i, end = first_word, run_start
    while i < len(words):
        start = text.find(words[i], end)
        if i > first_word and not (start == end + 1 and text[end] == " "):
            break
        end = start + len(words[i])
        i += 1
    piece = text[run_start:end]
    seen_final = _read_doc(english()(piece), piece, _lowered(piece), run_start, starts, ends, lower,
                           lemma, sentence_starts, seen_final)
    return i, end, seen_final


_LONG_WORD = 200
_LONG_RUN = re.compile(rf"\S{{{_LONG_WORD},}}")


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
    return next(tokenize_many([text]))


def tokenize_many(texts: Iterable[str]) -> Iterator[Tokens]:
    """Tokens of each text, in order: spaCy's tokenizer decides every token, once per
    distinct chunk of the process (see :func:`_tokens_from_chunks`)."""
    for text in texts:
        tokens = _tokens_from_chunks(text)
        if tokens is None:
            tokenized = _breakable(text)
            tokens = _tokens(english()(tokenized), text, tokenized)
        yield tokens
