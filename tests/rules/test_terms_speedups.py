"""The term matcher's per-posting shortcuts change nothing it finds.

Each part is checked against a plain version of what it replaced, on every shipped example,
the input fixtures and generated texts crowded with terms and exception phrases:

- the process vocabulary holds lower-cased forms only and reads a token's lemma as its form's
  entry in the lemma table, which must hold for every token jdlint makes;
- new words are classified only by the rules whose heads they have (a test on the union of
  every rule's heads), which must leave every rule's start words as asking each rule would;
- one scan of the lower-cased forms must find the tokens the former two scans (forms and
  lemmas) found;
- ``_starts`` gives, at each token, exactly the terms whose first two words match there;
- ``_in_exception`` takes a phrase of at most two words on its pair memos without matching it
  again, and must agree with trying every exception phrase everywhere;
- the gender-coding facts count what the plain matcher finds.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_terms_index import FILLER, FRAGMENTS, RULES, phrases_of, posting_for, reference

from jdlint.engine.context import Posting
from jdlint.engine.kinds import terms
from jdlint.facts.gender_coding import gender_coding
from jdlint.nlp import lemma_of
from jdlint.readers import read_source

ROOT = Path(__file__).resolve().parents[2]
GENDER = next(r for r in RULES if r.id == "bias.gender-coded")
WITH_EXCEPTIONS = [r for r in RULES if r.compiled.exceptions]


def _inputs() -> list[tuple[str, str]]:
    paths = [p for p in (ROOT / "examples").iterdir() if p.suffix in {".md", ".txt", ".html", ".json"}]
    paths += list((ROOT / "tests" / "fixtures" / "inputs").iterdir())
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(paths)]


INPUTS = _inputs()


def _posting(name: str, text: str) -> Posting:
    return posting_for(read_source(name, text).text)


@pytest.fixture
def fresh_vocabulary(monkeypatch):
    vocabulary = terms._Vocabulary()
    monkeypatch.setattr(terms, "_vocabulary", vocabulary)
    return vocabulary


# -- plain versions of what the shortcuts replaced ----------------------------------------------

def plain_may_start(comp: terms.Compiled, word: str) -> bool:
    """The former classification of one word (a form or a lemma): every rule asked, no heads."""
    return bool(terms._candidates(comp, word, word))


def plain_hot_positions(posting: Posting, comps: list[terms.Compiled]) -> list[int]:
    """The former scans: tokens whose lower-cased form or lemma may start a term of a rule."""
    tokens = posting.tokens
    return [i for i, (low, lem) in enumerate(zip(tokens.lower, tokens.lemma, strict=True))
            if any(plain_may_start(comp, low) or plain_may_start(comp, lem) for comp in comps)]


def plain_starts(comp: terms.Compiled, posting: Posting) -> list[tuple[int, tuple[int, ...]]]:
    """Every token with the terms whose first two words (one-word terms: the first) match there."""
    lower, lemma = posting.tokens.lower, posting.tokens.lemma
    found = []
    for i in range(len(lower)):
        matching = []
        for idx, term in enumerate(comp.terms):
            words = term.phrase.words
            if len(words) > 1 and i + 1 == len(lower):
                continue
            if words[0].matches(lower[i], lemma[i], term.lemma) and (
                    len(words) == 1 or words[1].matches(lower[i + 1], lemma[i + 1], term.lemma)):
                matching.append(idx)
        if matching:
            found.append((i, tuple(matching)))
    return found


def plain_exception_spans(comp: terms.Compiled, posting: Posting) -> list[tuple[int, int]]:
    """Every exception phrase matched anywhere, started the narrow way exceptions are looked up."""
    tokens = posting.tokens
    heads = {ph.words[0].text[:3] for ph in comp.exceptions if ph.words[0].prefix}
    spans = []
    for s in range(len(tokens.lower)):
        low, lem = tokens.lower[s], tokens.lemma[s]
        for ph in comp.exceptions:
            first = ph.words[0]
            if first.prefix:
                starts_here = low[:3] in heads and low.startswith(first.text)
            else:
                starts_here = bool({low, lem} & {first.text, first.lemma}) and first.matches(low, lem, True)
            if starts_here and terms._match_at(ph, tokens, s, True) > 0:
                spans.append((s, s + len(ph.words)))
    return spans


def plain_gender_coding(posting: Posting) -> tuple[list[str], list[str]]:
    by_source = {t.phrase.source: t for t in GENDER.compiled.terms}
    masculine, feminine = [], []
    for source, start, end in reference(GENDER.compiled, posting):
        word = posting.text[start:end].lower()
        tag = by_source[source].tag
        if tag == "masculine":
            masculine.append(word)
        elif tag == "feminine":
            feminine.append(word)
    return masculine, feminine


# -- the checks, one posting at a time --------------------------------------------------------

def check_lemmas_are_table_entries(posting: Posting) -> None:
    tokens = posting.tokens
    assert tokens.lemma == [lemma_of(low) for low in tokens.lower]


def check_hot_tokens(posting: Posting) -> None:
    comps = [rule.compiled for rule in RULES]
    for comp in comps:
        terms._vocabulary.start_words(comp)
    hot = terms._hot_tokens(posting, terms._vocabulary)
    assert sorted(i for positions in hot.values() for i in positions) == plain_hot_positions(posting, comps)


def check_starts(posting: Posting) -> None:
    for rule in RULES:
        assert terms._starts(rule.compiled, posting) == plain_starts(rule.compiled, posting), rule.id


def check_in_exception(posting: Posting) -> None:
    n = len(posting.tokens.lower)
    for rule in WITH_EXCEPTIONS:
        comp = rule.compiled
        spans = plain_exception_spans(comp, posting)
        for i in range(n):
            for end in range(i + 1, min(n, i + 3) + 1):
                expected = any(s <= i and e >= end for s, e in spans)
                assert terms._in_exception(comp, posting.tokens, i, end) == expected, (rule.id, i, end)


def check_gender_coding(posting: Posting) -> None:
    masculine, feminine = plain_gender_coding(posting)
    coding = gender_coding(posting, GENDER)
    assert (coding["masculine"], coding["feminine"]) == (len(masculine), len(feminine))
    assert coding["score"] == len(feminine) - len(masculine)
    assert (coding["masculine_words"], coding["feminine_words"]) == (sorted(set(masculine)), sorted(set(feminine)))


CHECKS = [check_lemmas_are_table_entries, check_hot_tokens, check_starts, check_in_exception, check_gender_coding]


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("name, text", INPUTS, ids=[name for name, _ in INPUTS])
def test_shipped_inputs(fresh_vocabulary, name, text, check):
    check(_posting(name, text))


def _partials() -> list[str]:
    """The phrases cut short by a word or more: "in support" of "in support of", followed by
    anything, starts an exception whose first two words match and whose third does not."""
    out: set[str] = set()
    for rule in RULES:
        for ph in phrases_of(rule.compiled):
            words = ph.source.rstrip("*").split()
            out.update(" ".join(words[:k]) for k in range(1, len(words)))
    return sorted(out)


PIECES = FRAGMENTS + _partials() + FILLER
texts = st.lists(st.sampled_from(PIECES), min_size=1, max_size=30).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_generated_texts(text):
    posting = posting_for(text)
    for check in CHECKS:
        check(posting)


# -- the vocabulary ---------------------------------------------------------------------------

def _plain_start_words(comp: terms.Compiled, words: set[str]) -> set[str]:
    return {w for w in words if plain_may_start(comp, w) or plain_may_start(comp, lemma_of(w))}


def test_start_words_are_what_asking_every_rule_gives(fresh_vocabulary):
    """Rules met before and after the words, words met in several postings: the heads test
    that spares most new words the rules' own tests leaves out none that may start a term."""
    early, late = RULES[: len(RULES) // 2], RULES[len(RULES) // 2:]
    for rule in early:
        fresh_vocabulary.start_words(rule.compiled)
    for _, text in INPUTS[: len(INPUTS) // 2]:
        fresh_vocabulary.meet(_posting("p.md", text).tokens.lower)
    for rule in late:
        fresh_vocabulary.start_words(rule.compiled)
    for _, text in INPUTS[len(INPUTS) // 2:]:
        fresh_vocabulary.meet(_posting("p.md", text).tokens.lower)
    fresh_vocabulary.meet("Leading leaders led; rockstars, ninjas and analysts analysed it".lower().split())
    known = fresh_vocabulary.known
    for rule in RULES:
        assert fresh_vocabulary.start_words(rule.compiled) == _plain_start_words(rule.compiled, known), rule.id
    assert fresh_vocabulary.starts == set().union(*(_plain_start_words(r.compiled, known) for r in RULES))


def test_a_posting_met_again_after_the_vocabulary_started_again(monkeypatch):
    posting = posting_for("A natural leader, competitive and ambitious; a native English speaker.")
    before = [terms._starts(rule.compiled, posting) for rule in RULES]
    monkeypatch.setattr(terms, "_vocabulary", terms._Vocabulary())
    assert [terms._starts(rule.compiled, posting) for rule in RULES] == before
    assert {"natural", "leader", "native"} <= terms._vocabulary.known


def _near_misses() -> list[str]:
    """Every phrase of three words or more with one of its words from the third on replaced:
    its first two words match, so only matching the rest tells it from the real phrase."""
    out: set[str] = set()
    for rule in RULES:
        comp = rule.compiled
        for ph in [t.phrase for t in comp.terms] + comp.exceptions:
            words = [w.text for w in ph.words]
            for k in range(2, len(words)):
                out.add(" ".join([*words[:k], "zzz", *words[k + 1:]]) + " support lead")
    return sorted(out)


@pytest.mark.parametrize("text", _near_misses())
def test_phrases_that_fail_past_their_second_word(text):
    posting = posting_for(text)
    check_starts(posting)
    check_in_exception(posting)
