"""``kind: terms`` — words and phrases matched on tokens, with context exceptions.

Matching on tokens rather than raw text is what keeps jdlint quiet where prefix-matching
tools are noisy: a term never matches inside a longer word, a URL, an e-mail address or a
code span; "leading" and "led" match "lead" through the lemma; and a term inside one of the
rule's exception phrases ("lead generation", "customer support") is a different sense and
is dropped.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import compress, count, filterfalse
from typing import Any

from jdlint.engine.kinds.regex import fix_of, suggestion_of
from jdlint.engine.rule import Hit, Rule
from jdlint.engine.validate import expect, expect_list, reject_unknown
from jdlint.errors import PackError
from jdlint.nlp import lemma_of

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
        text = self.text
        if self.prefix:
            return lower.startswith(text) or (use_lemma and lemma.startswith(text))
        if lower == text:
            return True
        # The lookup table misses many job-ad words ("rockstars", "ninjas"): accept plain plurals.
        return use_lemma and (lemma == self.lemma or lower == text + "s" or lower == text + "es")


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
    # unless_followed_by phrases whose first word matches a word form, per (lower, lemma):
    # "lead*" has fifty of them and "lead" is common, but few words can begin any of them.
    followers_by_word: dict[tuple[str, str], tuple[Phrase, ...]] = field(
        default_factory=dict, repr=False, compare=False)


# Per-process memos grow with the vocabulary of the postings seen; past this many entries
# they start again rather than grow without bound in a long-running worker.
_MEMO_LIMIT = 200_000


@dataclass(eq=False)  # compared and hashed by identity: the process vocabulary holds them weakly
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
    longest_exception: int = 0  # in words: how far back an exception covering a term can start
    # Every first-word form and the shortest-prefix head of every prefix term: a word none of
    # whose forms is in here cannot start a term, which rules out most words with four lookups.
    heads: frozenset[str] = frozenset()
    shortest_prefix: int = 0
    # Memos by word form (lower-cased, lemma) or pair of them, valid in any process.
    cand_cache: dict[tuple[str, str], tuple[int, ...]] = field(default_factory=dict)
    term_pairs: dict[tuple[str, str, str, str], tuple[int, ...]] = field(default_factory=dict)
    exception_cache: dict[tuple[str, str], tuple[Phrase, ...]] = field(default_factory=dict)
    exception_pairs: dict[tuple[str, str, str, str], tuple[Phrase, ...]] = field(default_factory=dict)


class _Vocabulary:
    """Every lower-cased form the process has met, and which of them may start a term of each
    term rule in use, and of any: as itself or through its lemma, which is its entry in the
    lemma table (see :mod:`jdlint.nlp`), so the form alone tells.

    A posting then finds the tokens that matter to some term rule with one scan in C, and each
    rule its own with one set intersection: Python work is spent on the few tokens that may
    start a term, and on words the process has not met before. Every rule has classified every
    known word; a lock keeps that true when threads lint at the same time."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.known: set[str] = set()
        self.rules: weakref.WeakKeyDictionary[Compiled, set[str]] = weakref.WeakKeyDictionary()
        self.starts: set[str] = set()  # words that may start a term of some rule
        self.version = 0  # bumped when ``starts`` grows: postings then look for their tokens again
        # The heads (see ``Compiled.heads``) of every rule met, and their prefix lengths: most new
        # words have none of them, and are then known to start no term without asking each rule.
        self.heads: set[str] = set()
        self.head_lengths: tuple[int, ...] = ()

    def meet(self, lower: list[str]) -> None:
        """Add a posting's lower-cased forms. One scan in C, without the lock, finds those the
        process has not met (often none, and never many): a word joins ``known`` only once
        every rule has classified it."""
        new = set(filterfalse(self.known.__contains__, lower))
        if new:
            self.add_words(new)

    def add_words(self, words: set[str]) -> None:
        with self.lock:
            new = words.difference(self.known)
            if new:
                heads, lengths = self.heads, self.head_lengths
                forms = [(w, lemma) for w, lemma in _with_lemmas(new) if _has_head(w, heads, lengths)
                         or (lemma != w and _has_head(lemma, heads, lengths))]
                if forms:
                    for comp, start_words in list(self.rules.items()):
                        self._classify(comp, start_words, forms)
                self.known |= new

    def start_words(self, comp: Compiled) -> set[str]:
        """The known words that may start one of the rule's terms, as themselves or through
        their lemma (the set grows in place as the vocabulary does)."""
        found = self.rules.get(comp)
        if found is None:
            with self.lock:
                found = self.rules.get(comp)
                if found is None:  # published once complete: other threads read it unlocked
                    self.heads |= comp.heads
                    if comp.shortest_prefix and comp.shortest_prefix not in self.head_lengths:
                        self.head_lengths = tuple(sorted({*self.head_lengths, comp.shortest_prefix}))
                    found = set()
                    self._classify(comp, found, _with_lemmas(self.known))
                    self.rules[comp] = found
        return found

    def _classify(self, comp: Compiled, start_words: set[str], forms: list[tuple[str, str]]) -> None:
        found = {w for w, lemma in forms if _may_start(comp, w) or (lemma != w and _may_start(comp, lemma))}
        if found:
            start_words |= found
            if not found <= self.starts:
                self.starts |= found
                self.version += 1


def _with_lemmas(words: set[str]) -> list[tuple[str, str]]:
    return list(zip(words, map(lemma_of, words), strict=True))


_vocabulary = _Vocabulary()


def parse_phrase(text: str, where: str, pack: str) -> Phrase:
    """Split a phrase the way spaCy tokenizes postings, keeping ``*`` prefix markers."""
    from jdlint.nlp import english, lemma_of

    if not isinstance(text, str) or not text.strip():
        raise PackError(pack, where, "must be a non-empty phrase")
    tokenizer = english()
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
    shortest_prefix = min((len(p) for p in by_prefix), default=0)
    return Compiled(
        terms=terms,
        by_word=by_word,
        by_prefix=by_prefix,
        prefix_lengths=sorted({len(p) for p in by_prefix}),
        exceptions=exceptions,
        exception_index=exception_index,
        exception_prefixed=[ph for ph in exceptions if ph.words[0].prefix],
        exception_prefix_heads=frozenset(ph.words[0].text[:3] for ph in exceptions if ph.words[0].prefix),
        longest_exception=max((len(ph.words) for ph in exceptions), default=0),
        heads=frozenset(by_word) | {p[:shortest_prefix] for p in by_prefix},
        shortest_prefix=shortest_prefix,
        skip_negated=bool(data.get("skip_negated", False)),
        skip_quoted=bool(data.get("skip_quoted", False)),
        once=bool(data.get("once", False)),
    )


def prepare(compiled: Iterable[Compiled]) -> None:
    """Introduce a run's term rules to the vocabulary before its first posting. A rule met
    mid-posting adds start words, and the posting then looks for its candidate tokens again:
    once per term rule on the first posting, which a 1 MB posting paid at ~20 ms a time."""
    for comp in compiled:
        _vocabulary.start_words(comp)


def _hot_tokens(posting: Any, vocabulary: _Vocabulary) -> dict[str, list[int]]:
    """Where the posting's tokens that may start a term of some rule are, by lower-cased form.
    The posting's words are added to the vocabulary first, once, so every rule's words that
    may start a term are known before it looks; found again only if the vocabulary's start
    words grew since."""
    cached = posting.cache.get("terms.hot")
    if cached is not None and cached[0] is vocabulary and cached[1] == vocabulary.version:
        return cached[2]
    lower = posting.tokens.lower
    if cached is None or cached[0] is not vocabulary:
        vocabulary.meet(lower)
    version = vocabulary.version  # before the scan: a scan with newer start words is only redone
    hot: dict[str, list[int]] = {}
    for i in compress(count(), map(vocabulary.starts.__contains__, lower)):
        hot.setdefault(lower[i], []).append(i)
    posting.cache["terms.hot"] = (vocabulary, version, hot)
    return hot


def _match_at(phrase: Phrase, tokens: Any, i: int, use_lemma: bool) -> int:
    """Index just past the match of ``phrase`` starting at token ``i``, or -1."""
    words = phrase.words
    end = i + len(words)
    if end > len(tokens.lower):
        return -1
    lower, lemma = tokens.lower, tokens.lemma
    for k, word in enumerate(words):
        if not word.matches(lower[i + k], lemma[i + k], use_lemma):
            return -1
    return end


def _exception_firsts(comp: Compiled, low: str, lem: str) -> tuple[Phrase, ...]:
    """Exception phrases that may start at this token; memoised per word form.

    Exceptions are looked up by their first word's text and lemma (and prefixed ones by the
    token's own prefix), which is narrower than ``Word.matches``: a plural the lemma table
    does not know does not start an exception. Those found here and not matching the first
    word are left out, as ``_match_at`` would reject them anyway."""
    key = (low, lem)
    found = comp.exception_cache.get(key)
    if found is not None:
        return found
    firsts, prefixed = comp.exception_index, comp.exception_prefixed
    cands = list(firsts.get(low, ()))
    if lem != low and lem in firsts:
        cands += firsts[lem]
    if prefixed and low[:3] in comp.exception_prefix_heads:
        cands += [ph for ph in prefixed if low.startswith(ph.words[0].text)]
    if len(comp.exception_cache) > _MEMO_LIMIT:
        comp.exception_cache.clear()
    found = comp.exception_cache[key] = tuple(ph for ph in cands if ph.words[0].matches(low, lem, True))
    return found


def _exceptions_from(comp: Compiled, tokens: Any, s: int, firsts: tuple[Phrase, ...]) -> tuple[Phrase, ...]:
    """Of ``firsts``, the exception phrases starting at token ``s``, those whose second word
    matches token ``s + 1`` too (and the one-word phrases), memoised per pair of word forms.
    Many exceptions share a first word ("competitive salary", "competitive pay"... forty of
    them), so the second word is what rules most of them out."""
    lower, lemma = tokens.lower, tokens.lemma
    if s + 1 == len(lower):
        return tuple(ph for ph in firsts if len(ph.words) == 1)
    key = (lower[s], lemma[s], lower[s + 1], lemma[s + 1])
    found = comp.exception_pairs.get(key)
    if found is None:
        if len(comp.exception_pairs) > _MEMO_LIMIT:
            comp.exception_pairs.clear()
        found = comp.exception_pairs[key] = tuple(
            ph for ph in firsts if len(ph.words) == 1 or ph.words[1].matches(key[2], key[3], True))
    return found


def _in_exception(comp: Compiled, tokens: Any, i: int, end: int) -> bool:
    """Whether an exception phrase covers tokens ``i`` to ``end``: one starting at or before
    the term and reaching its end. Only the few tokens such a phrase could start at are
    tried, and only for terms that matched, instead of finding every exception in the posting."""
    lower, lemma = tokens.lower, tokens.lemma
    firsts_of = comp.exception_cache
    for s in range(max(0, end - comp.longest_exception), i + 1):
        firsts = firsts_of.get((lower[s], lemma[s]))
        if firsts is None:
            firsts = _exception_firsts(comp, lower[s], lemma[s])
        if firsts:
            for ph in _exceptions_from(comp, tokens, s, firsts):  # whose first two words match
                size = len(ph.words)
                if size >= end - s and (size <= 2 or _match_at(ph, tokens, s, True) > 0):
                    return True
    return False


def _may_start(comp: Compiled, word: str) -> bool:
    """Whether a token whose lower-cased form or lemma is ``word`` may start one of the terms.

    The terms a lemma may start are among those its own lower-cased form would (see
    ``_candidates``), so one test serves both."""
    k = comp.shortest_prefix
    return _has_head(word, comp.heads, (k,) if k else ()) and bool(_candidates(comp, word, word))


def _has_head(word: str, heads: frozenset[str] | set[str], prefix_lengths: tuple[int, ...]) -> bool:
    """Whether the word, its singular by plain plural rules, or its prefix of one of the
    lengths is in ``heads``: a cheap test most words fail, before ``_candidates``."""
    if word in heads or (word[-1:] == "s" and (word[:-1] in heads or word[:-2] in heads)):
        return True
    for k in prefix_lengths:  # noqa: SIM110 (twice as fast as any() of a generator, per new word and rule)
        if word[:k] in heads:
            return True
    return False


def _candidates(comp: Compiled, low: str, lem: str) -> tuple[int, ...]:
    """Terms whose first word may match this word (a superset: ``_terms_from`` decides)."""
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
    return tuple(sorted(set(cands)))


def _starts(comp: Compiled, posting: Any) -> list[tuple[int, tuple[int, ...]]]:
    """(token, terms whose first two words match there) for every token where one of the
    rule's terms may start, in token order. The vocabulary already knows which words may, so a
    rule that has none in the posting (most rules, most postings) costs one set intersection."""
    global _vocabulary
    vocabulary = _vocabulary
    if len(vocabulary.known) > _MEMO_LIMIT:
        vocabulary = _vocabulary = _Vocabulary()
    start_words = vocabulary.start_words(comp)  # classifies the known words if the rule is new
    hot = _hot_tokens(posting, vocabulary)
    hits = start_words.intersection(hot)
    if not hits:
        return []
    tokens = posting.tokens
    lower, lemma = tokens.lower, tokens.lemma
    last = len(lower) - 1
    pairs = comp.term_pairs
    if len(pairs) > _MEMO_LIMIT:
        pairs.clear()
    starts = []
    positions = hot[next(iter(hits))] if len(hits) == 1 else sorted({i for word in hits for i in hot[word]})
    for i in positions:
        if i == last:
            found = _terms_at_end(comp, lower[i], lemma[i])
        else:
            key = (lower[i], lemma[i], lower[i + 1], lemma[i + 1])
            found = pairs.get(key)
            if found is None:
                found = pairs[key] = _terms_from(comp, key)
        if found:
            starts.append((i, found))
    return starts


def _candidate_terms(comp: Compiled, low: str, lem: str) -> tuple[int, ...]:
    memo = comp.cand_cache
    cands = memo.get((low, lem))
    if cands is None:
        if len(memo) > _MEMO_LIMIT:
            memo.clear()
        cands = memo[(low, lem)] = _candidates(comp, low, lem)
    return cands


def _terms_from(comp: Compiled, pair: tuple[str, str, str, str]) -> tuple[int, ...]:
    """The terms whose first two words (one-word terms: the first) match a pair of (lower,
    lemma) words, memoised per pair by the caller: "as" may start "as a first language", but
    "as well" starts no term at all."""
    terms = comp.terms
    return tuple(idx for idx in _candidate_terms(comp, pair[0], pair[1]) if _starts_with(terms[idx], pair))


def _terms_at_end(comp: Compiled, low: str, lem: str) -> tuple[int, ...]:
    """The one-word terms matching the posting's last token."""
    terms = comp.terms
    return tuple(idx for idx in _candidate_terms(comp, low, lem) if len(terms[idx].phrase.words) == 1
                 and terms[idx].phrase.words[0].matches(low, lem, terms[idx].lemma))


def _starts_with(term: Term, pair: tuple[str, str, str, str]) -> bool:
    """Whether the term's first two words (or only word) match a pair of (lower, lemma) words."""
    words = term.phrase.words
    return words[0].matches(pair[0], pair[1], term.lemma) and (
        len(words) == 1 or words[1].matches(pair[2], pair[3], term.lemma))


def _followers(term: Term, low: str, lem: str) -> tuple[Phrase, ...]:
    key = (low, lem)
    found = term.followers_by_word.get(key)
    if found is None:
        if len(term.followers_by_word) > _MEMO_LIMIT:
            term.followers_by_word.clear()
        found = term.followers_by_word[key] = tuple(
            ph for ph in term.unless_followed_by if ph.words[0].matches(low, lem, True))
    return found


def _context_blocks(term: Term, tokens: Any, i: int, end: int) -> bool:
    if term.unless_followed_by and end < len(tokens.lower):
        for ph in _followers(term, tokens.lower[end], tokens.lemma[end]):
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
    starts = _starts(comp, posting)
    if not starts:
        return
    tokens = posting.tokens
    text = posting.text
    terms = comp.terms
    allowed = posting.allowed
    covered_until = -1
    for i, found in starts:
        if i < covered_until:
            continue
        best: tuple[Term, int] | None = None
        for idx in found:
            term = terms[idx]
            size = len(term.phrase.words)  # the first two words are known to match
            end = i + size if size <= 2 else _match_at(term.phrase, tokens, i, term.lemma)
            if end > 0 and (best is None or end > best[1]):
                best = (term, end)
        if best is None:
            continue
        term, end = best
        start_off, end_off = tokens.starts[i], tokens.ends[end - 1]
        if term.case_sensitive and text[start_off:end_off].lower() != text[start_off:end_off] \
                and text[start_off:end_off] != term.phrase.source:
            continue
        if comp.exceptions and _in_exception(comp, tokens, i, end):
            continue
        if _context_blocks(term, tokens, i, end) or posting.is_protected(start_off, end_off):
            continue
        if comp.skip_quoted and _quoted(tokens, i, end):
            continue
        if comp.skip_negated and _negated(tokens, i, posting.sentence_of(start_off)[0]):
            continue
        if allowed and (text[start_off:end_off].lower() in allowed or term.phrase.source.lower() in allowed):
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
