"""``kind: terms`` — words and phrases matched on tokens, with context exceptions.

Matching on tokens rather than raw text is what keeps jdlint quiet where prefix-matching
tools are noisy: a term never matches inside a longer word, a URL, an e-mail address or a
code span; "leading" and "led" match "lead" through the lemma; and a term inside one of the
rule's exception phrases ("lead generation", "customer support") is a different sense and
is dropped.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from jdlint.engine.kinds.regex import fix_of, suggestion_of
from jdlint.engine.rule import Hit, Rule
from jdlint.engine.validate import expect, expect_list, reject_unknown
from jdlint.errors import PackError

KEYS = {"terms", "exceptions", "skip_negated", "skip_quoted", "lemma", "once"}
_ENTRY_KEYS = {
    "phrase", "suggestion", "suggestions", "message", "fix", "tag",
    "unless_followed_by", "unless_preceded_by", "lemma", "case_sensitive",
}
_NEGATORS = {"no", "not", "never", "without", "n't", "nor", "neither", "don't", "dont", "needn't"}
_QUOTES = {'"', "'", "“", "”", "‘", "’", "«", "»", "`"}


@dataclass(slots=True)
class Word:
    text: str  # lower-cased
    lemma: str
    prefix: bool  # the pattern ended in "*"

    def matches(self, lower: str, lemma: str, use_lemma: bool) -> bool:
        if self.prefix:
            return lower.startswith(self.text) or (use_lemma and lemma.startswith(self.text))
        if lower == self.text:
            return True
        # The lookup table misses many job-ad words ("rockstars", "ninjas"): accept plain plurals.
        return use_lemma and (lemma == self.lemma or (lower[:-1] == self.text and lower[-1] == "s")
                              or (lower[:-2] == self.text and lower.endswith("es")))


@dataclass(slots=True)
class Phrase:
    words: list[Word]
    source: str


@dataclass(slots=True)
class Term:
    phrase: Phrase
    suggestion: str | None = None
    message: str | None = None
    fix: str | None = None
    tag: str | None = None
    lemma: bool = True
    case_sensitive: bool = False
    unless_followed_by: list[Phrase] = field(default_factory=list)
    unless_preceded_by: list[Phrase] = field(default_factory=list)


@dataclass(slots=True)
class Compiled:
    terms: list[Term]
    by_word: dict[str, list[int]]  # first word (exact or lemma) -> term indexes
    by_prefix: dict[str, list[int]]  # first-word prefix -> term indexes
    prefix_lengths: list[int]
    exceptions: list[Phrase]
    exception_index: dict[str, list[Phrase]]  # first word (text and lemma) -> exception phrases
    exception_prefixed: list[Phrase]
    skip_negated: bool
    skip_quoted: bool
    once: bool
    exception_prefix_heads: frozenset[str] = frozenset()  # first 3 letters of prefixed exceptions
    vocab: frozenset[str] = frozenset()  # words a term can start with
    exception_vocab: frozenset[str] = frozenset()  # words an exception can start with
    cand_cache: dict[tuple[str, ...], tuple[Any, ...]] = field(default_factory=dict)  # per word form


def parse_phrase(text: str, where: str, pack: str) -> Phrase:
    """Split a phrase the way spaCy tokenizes postings, keeping ``*`` prefix markers."""
    from jdlint.nlp import lemma_of, pipeline

    if not isinstance(text, str) or not text.strip():
        raise PackError(pack, where, "must be a non-empty phrase")
    tokenizer = pipeline().tokenizer
    words: list[Word] = []
    for chunk in text.lower().split():
        prefix = chunk.endswith("*")
        chunk = chunk.rstrip("*")
        if not chunk:
            raise PackError(pack, where, f"bad phrase {text!r}: '*' must end a word")
        pieces = [t.text for t in tokenizer(chunk)]
        for i, piece in enumerate(pieces):
            last = i == len(pieces) - 1
            words.append(Word(piece, lemma_of(piece), prefix and last))
    return Phrase(words, text)


def _phrases(value: Any, where: str, pack: str) -> list[Phrase]:
    return [parse_phrase(p, where, pack) for p in expect_list(value, where, pack)]


def compile(rule: Rule, pack: str) -> Compiled:
    data = rule.data
    use_lemma = bool(data.get("lemma", True))
    entries = expect_list(data.get("terms"), f"{rule.id}.terms", pack, item=(str, dict), required=True)
    terms: list[Term] = []
    for i, entry in enumerate(entries):
        where = f"{rule.id}.terms[{i}]"
        if isinstance(entry, str):
            entry = {"phrase": entry}
        reject_unknown(entry, _ENTRY_KEYS, where, pack)
        phrase = parse_phrase(expect(entry.get("phrase"), str, f"{where}.phrase", pack, required=True),
                              f"{where}.phrase", pack)
        terms.append(Term(
            phrase=phrase,
            suggestion=suggestion_of(entry, where, pack),
            message=expect(entry.get("message"), str, f"{where}.message", pack),
            fix=fix_of(entry),
            tag=expect(entry.get("tag"), str, f"{where}.tag", pack),
            lemma=bool(entry.get("lemma", use_lemma)),
            case_sensitive=bool(entry.get("case_sensitive", False)),
            unless_followed_by=_phrases(entry.get("unless_followed_by"), f"{where}.unless_followed_by", pack),
            unless_preceded_by=_phrases(entry.get("unless_preceded_by"), f"{where}.unless_preceded_by", pack),
        ))
    by_word: dict[str, list[int]] = {}
    by_prefix: dict[str, list[int]] = {}
    for idx, term in enumerate(terms):
        first = term.phrase.words[0]
        if first.prefix:
            by_prefix.setdefault(first.text, []).append(idx)
        else:
            by_word.setdefault(first.text, []).append(idx)
            if term.lemma and first.lemma != first.text:
                by_word.setdefault(first.lemma, []).append(idx)
    exceptions = _phrases(data.get("exceptions"), f"{rule.id}.exceptions", pack)
    exception_index: dict[str, list[Phrase]] = {}
    for ph in exceptions:
        w = ph.words[0]
        if not w.prefix:
            exception_index.setdefault(w.text, []).append(ph)
            if w.lemma != w.text:
                exception_index.setdefault(w.lemma, []).append(ph)
    return Compiled(
        terms=terms,
        by_word=by_word,
        by_prefix=by_prefix,
        prefix_lengths=sorted({len(p) for p in by_prefix}),
        exceptions=exceptions,
        exception_index=exception_index,
        exception_prefixed=[ph for ph in exceptions if ph.words[0].prefix],
        exception_prefix_heads=frozenset(ph.words[0].text[:3] for ph in exceptions if ph.words[0].prefix),
        vocab=frozenset(by_word),
        exception_vocab=frozenset(exception_index),
        skip_negated=bool(data.get("skip_negated", False)),
        skip_quoted=bool(data.get("skip_quoted", False)),
        once=bool(data.get("once", False)),
    )


class _Words:
    """A posting's distinct (lower-cased, lemma) words, indexed by every form a term's first
    word may match: the word, its lemma, the word less a plural "s"/"es", and (sorted) for
    prefix terms. A rule then finds its candidate words with one set intersection instead of
    a dictionary lookup per word, and most rules find none."""

    def __init__(self, index: dict[tuple[str, str], list[int]]):
        by_form: dict[str, set[tuple[str, str]]] = {}

        def add(form: str, key: tuple[str, str]) -> None:
            found = by_form.get(form)
            if found is None:
                by_form[form] = {key}
            else:
                found.add(key)

        for key in index:
            low, lem = key
            add(low, key)
            if lem != low:
                add(lem, key)
            if low[-1:] == "s":
                add(low[:-1], key)
                if low[-2:-1] == "e":
                    add(low[:-2], key)
        self.by_form = by_form
        self.sorted_forms = sorted(by_form)

    def keys_for(self, vocab: frozenset[str], prefixes: Iterable[str]) -> set[tuple[str, str]]:
        """Words one of whose forms is in ``vocab`` or starts with one of ``prefixes``."""
        by_form = self.by_form
        keys: set[tuple[str, str]] = set()
        for form in by_form.keys() & vocab:
            keys |= by_form[form]
        forms = self.sorted_forms
        for prefix in prefixes:
            i = bisect.bisect_left(forms, prefix)
            while i < len(forms) and forms[i].startswith(prefix):
                keys |= by_form[forms[i]]
                i += 1
        return keys


def _words(posting: Any) -> _Words:
    words = posting.cache.get("terms.words")
    if words is None:
        words = posting.cache["terms.words"] = _Words(posting.token_index)
    return words


def _match_at(phrase: Phrase, tokens: Any, i: int, use_lemma: bool) -> int:
    """Index just past the match of ``phrase`` starting at token ``i``, or -1."""
    n = len(tokens.lower)
    for k, word in enumerate(phrase.words):
        j = i + k
        if j >= n or not word.matches(tokens.lower[j], tokens.lemma[j], use_lemma):
            return -1
    return i + len(phrase.words)


def _exception_firsts(comp: Compiled, low: str, lem: str) -> tuple[Phrase, ...]:
    """Exception phrases whose first word may match this token; memoised per word form."""
    key = ("exc", low, lem)
    found = comp.cand_cache.get(key)
    if found is not None:
        return found
    firsts, prefixed = comp.exception_index, comp.exception_prefixed
    cands = list(firsts.get(low, ()))
    if lem != low and lem in firsts:
        cands += firsts[lem]
    if prefixed and low[:3] in comp.exception_prefix_heads:
        cands += [ph for ph in prefixed if low.startswith(ph.words[0].text)]
    found = comp.cand_cache[key] = tuple(cands)
    return found


def _exception_reach(comp: Compiled, posting: Any) -> list[tuple[int, int]]:
    """(start token, furthest token covered so far) for each token where an exception phrase
    starts, in token order: a term ending at or before that reach is inside an exception."""
    if not comp.exceptions:
        return []
    tokens, index = posting.tokens, posting.token_index
    ends: dict[int, int] = {}
    prefixes = [ph.words[0].text for ph in comp.exception_prefixed]
    for key in _words(posting).keys_for(comp.exception_vocab, prefixes):
        cands = _exception_firsts(comp, *key)
        if not cands:
            continue
        for i in index[key]:
            for ph in cands:
                end = _match_at(ph, tokens, i, True)
                if end > ends.get(i, 0):
                    ends[i] = end
    reach, out = -1, []
    for i in sorted(ends):
        reach = max(reach, ends[i])
        out.append((i, reach))
    return out


def _candidates(comp: Compiled, low: str, lem: str) -> tuple[int, ...]:
    """Terms whose first word may match this token; memoised per word form across postings."""
    key = (low, lem)
    found = comp.cand_cache.get(key)
    if found is not None:
        return found
    cands = list(comp.by_word.get(low, ()))
    if lem != low:
        cands += comp.by_word.get(lem, ())
    if low.endswith("s"):
        cands += comp.by_word.get(low[:-1], ())
        if low.endswith("es"):
            cands += comp.by_word.get(low[:-2], ())
    for k in comp.prefix_lengths:
        if len(low) >= k:
            cands += comp.by_prefix.get(low[:k], ())
        if lem != low and len(lem) >= k:
            cands += comp.by_prefix.get(lem[:k], ())
    found = tuple(sorted(set(cands)))
    if len(comp.cand_cache) > 200_000:
        comp.cand_cache.clear()
    comp.cand_cache[key] = found
    return found


def _context_blocks(term: Term, tokens: Any, i: int, end: int) -> bool:
    for ph in term.unless_followed_by:
        if _match_at(ph, tokens, end, True) > 0:
            return True
    for ph in term.unless_preceded_by:
        start = i - len(ph.words)
        if start >= 0 and _match_at(ph, tokens, start, True) == i:
            return True
    return False


def _negated(tokens: Any, i: int, sentence_start: int) -> bool:
    """A negator shortly before, in the same sentence ("no need to be a rockstar or a ninja")."""
    lo = max(0, i - 9)
    return any(tokens.lower[j] in _NEGATORS and tokens.starts[j] >= sentence_start for j in range(lo, i))


def _quoted(tokens: Any, i: int, end: int) -> bool:
    return i > 0 and end < len(tokens.lower) and tokens.lower[i - 1] in _QUOTES and tokens.lower[end] in _QUOTES


def find(comp: Compiled, posting: Any) -> list[tuple[Term, int, int]]:
    """(term, start offset, end offset) of every match, the longest match at a token winning.

    Cached per posting, because the gender-coding facts and the rule read the same matches."""
    key = ("terms.find", id(comp))
    cached = posting.cache.get(key)
    if cached is None:
        cached = posting.cache[key] = list(_find(comp, posting))
    return cached


def _find(comp: Compiled, posting: Any) -> Iterator[tuple[Term, int, int]]:
    tokens = posting.tokens
    text = posting.text
    index = posting.token_index
    cache = comp.cand_cache
    starts: list[tuple[int, tuple[int, ...]]] = []  # tokens where some term may start
    for key in _words(posting).keys_for(comp.vocab, comp.by_prefix):
        cands = cache.get(key)
        if cands is None:
            cands = _candidates(comp, *key)
        if cands:
            starts.extend((i, cands) for i in index[key])
    if not starts:
        return
    starts.sort()
    exceptions = _exception_reach(comp, posting)
    exception_starts = [s for s, _ in exceptions]
    covered_until = -1
    for i, cands in starts:
        if i < covered_until:
            continue
        best: tuple[Term, int] | None = None
        for idx in cands:
            term = comp.terms[idx]
            end = _match_at(term.phrase, tokens, i, term.lemma)
            if end > 0 and (best is None or end > best[1]):
                best = (term, end)
        if best is None:
            continue
        term, end = best
        start_off, end_off = tokens.starts[i], tokens.ends[end - 1]
        if term.case_sensitive and text[start_off:end_off].lower() != text[start_off:end_off] \
                and text[start_off:end_off] != term.phrase.source:
            continue
        k = bisect.bisect_right(exception_starts, i) - 1
        if k >= 0 and end <= exceptions[k][1]:
            continue
        if _context_blocks(term, tokens, i, end) or posting.is_protected(start_off, end_off):
            continue
        if comp.skip_quoted and _quoted(tokens, i, end):
            continue
        if comp.skip_negated and _negated(tokens, i, posting.sentence_of(start_off)[0]):
            continue
        matched = text[start_off:end_off].lower()
        if matched in posting.allowed or term.phrase.source.lower() in posting.allowed:
            continue
        covered_until = end
        yield term, start_off, end_off


def run(rule: Rule, posting: Any) -> Iterator[Hit]:
    """Hits for every match; with ``once: true`` they carry the term as ``once_key`` so only the
    first unsuppressed use of each term is reported (an advisory word used ten times is one finding)."""
    once = rule.compiled.once
    for term, start, end in find(rule.compiled, posting):
        args = {"match": posting.text[start:end]}
        if term.tag:
            args["tag"] = term.tag
        yield Hit(start, end, args=args, suggestion=term.suggestion, message=term.message, fix=term.fix,
                  once_key=term.phrase.source if once else None)
