"""The term matcher's indexes and memos change nothing it finds.

``reference`` below is the matcher written plainly: every term and every exception phrase is
tried at every token. The real matcher (``terms._find``) looks only at the tokens the process
vocabulary says may start a term, checks exceptions only around terms that matched, and
memoises by word form across postings; it must give exactly the reference's matches on every
term rule's own examples, on the example postings, on generated texts crowded with terms and
exception phrases, and whatever state its per-process memos are in.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jdlint.config import Config
from jdlint.engine.context import Posting
from jdlint.engine.kinds import terms
from jdlint.engine.packs import load_all
from jdlint.nlp import tokenize
from jdlint.readers import read_source

ROOT = Path(__file__).resolve().parents[2]
RULES = [r for r in load_all() if r.kind == "terms"]
BY_ID = {r.id: r for r in RULES}


# -- the plain reference ---------------------------------------------------------------------

def _word_matches(word: terms.Word, lower: str, lemma: str, use_lemma: bool) -> bool:
    if word.prefix:
        return lower.startswith(word.text) or (use_lemma and lemma.startswith(word.text))
    if lower == word.text:
        return True
    return use_lemma and (lemma == word.lemma or (lower[:-1] == word.text and lower[-1] == "s")
                          or (lower[:-2] == word.text and lower.endswith("es")))


def _match(phrase: terms.Phrase, tokens, i: int, use_lemma: bool) -> int:
    end = i + len(phrase.words)
    if i < 0 or end > len(tokens.lower):
        return -1
    ok = all(_word_matches(w, tokens.lower[i + k], tokens.lemma[i + k], use_lemma)
             for k, w in enumerate(phrase.words))
    return end if ok else -1


def _may_start_exception(comp: terms.Compiled, phrase: terms.Phrase, lower: str, lemma: str) -> bool:
    """Exceptions are looked up by their first word's text and lemma, prefixed ones by the
    token's first three letters and then its prefix (narrower than ``_word_matches``)."""
    first = phrase.words[0]
    if first.prefix:
        heads = {ph.words[0].text[:3] for ph in comp.exceptions if ph.words[0].prefix}
        return lower[:3] in heads and lower.startswith(first.text)
    return bool({lower, lemma} & {first.text, first.lemma})


def reference(comp: terms.Compiled, posting: Posting) -> list[tuple[str, int, int]]:
    tokens, text = posting.tokens, posting.text
    n = len(tokens.lower)
    exceptions = [(s, end) for s in range(n) for ph in comp.exceptions
                  if _may_start_exception(comp, ph, tokens.lower[s], tokens.lemma[s])
                  and (end := _match(ph, tokens, s, True)) > 0]
    found, covered_until = [], -1
    for i in range(n):
        if i < covered_until:
            continue
        best = None
        for term in comp.terms:
            end = _match(term.phrase, tokens, i, term.lemma)
            if end > 0 and (best is None or end > best[1]):
                best = (term, end)
        if best is None:
            continue
        term, end = best
        start_off, end_off = tokens.starts[i], tokens.ends[end - 1]
        span = text[start_off:end_off]
        if term.case_sensitive and span.lower() != span and span != term.phrase.source:
            continue
        if any(s <= i and e >= end for s, e in exceptions):
            continue
        if any(_match(ph, tokens, end, True) > 0 for ph in term.unless_followed_by):
            continue
        if any(_match(ph, tokens, i - len(ph.words), True) == i for ph in term.unless_preceded_by):
            continue
        if posting.is_protected(start_off, end_off):
            continue
        if comp.skip_quoted and terms._quoted(tokens, i, end):
            continue
        if comp.skip_negated and terms._negated(tokens, i, posting.sentence_of(start_off)[0]):
            continue
        if span.lower() in posting.allowed or term.phrase.source.lower() in posting.allowed:
            continue
        covered_until = end
        found.append((term.phrase.source, start_off, end_off))
    return found


# -- helpers ---------------------------------------------------------------------------------

def posting_for(text: str, path: str = "posting.txt", config: Config | None = None) -> Posting:
    doc = read_source(path, text)
    return Posting(doc=doc, tokens=tokenize(doc.text), config=config or Config())


def matched(comp: terms.Compiled, posting: Posting) -> list[tuple[str, int, int]]:
    """The real matcher, past the per-posting cache of ``terms.find``."""
    return [(term.phrase.source, start, end) for term, start, end in terms._find(comp, posting)]


def assert_same(text: str, rules=RULES, **kw) -> None:
    posting = posting_for(text, **kw)
    for rule in rules:
        assert matched(rule.compiled, posting) == reference(rule.compiled, posting), (rule.id, text)


# -- the rules' own examples and the example postings -----------------------------------------

EXAMPLES = sorted({(r.id, ex) for r in RULES for ex in r.examples_fail + r.examples_pass})


@pytest.mark.parametrize("rule_id, text", EXAMPLES, ids=[f"{r}-{i}" for i, (r, _) in enumerate(EXAMPLES)])
def test_rule_examples_match_the_reference(rule_id, text):
    # every term rule reads every example: a word one rule's example uses may be another's term
    assert_same(text)
    assert BY_ID[rule_id].compiled in terms._vocabulary.rules  # it took part in the process vocabulary


@pytest.mark.parametrize("path", sorted(p for p in (ROOT / "examples").iterdir()
                                        if p.suffix in {".md", ".txt", ".html"}), ids=lambda p: p.name)
def test_example_postings_match_the_reference(path):
    assert_same(path.read_text(encoding="utf-8"), path=path.name)


def test_allowed_terms_match_the_reference():
    assert_same("A rockstar ninja who will lead and leads, competitive and ambitious.",
                config=Config(allow=["ninja", "lead*", "Ambitious"]))


# -- generated texts crowded with terms, exceptions and context phrases -------------------------

def phrases_of(comp) -> list:
    """Every phrase of a term rule: its terms, exceptions and context phrases."""
    phrases = [t.phrase for t in comp.terms] + comp.exceptions
    return phrases + [ph for t in comp.terms for ph in t.unless_followed_by + t.unless_preceded_by]


def _fragments() -> list[str]:
    suffixes = ["", "s", "es", "ing", "ed", "ive", "er", "ship"]
    out: set[str] = set()
    for rule in RULES:
        for ph in phrases_of(rule.compiled):
            source = ph.source
            if source.endswith("*"):
                out.update(source[:-1] + s for s in suffixes)
            else:
                out.update({source, source + "s", source.title(), source.upper()})
    return sorted(out)


FRAGMENTS = _fragments()
FILLER = ["the", "a", "an", "and", "we", "you", "our", "team", "data", "of", "for", "to", "is", "not",
          "no", "never", "without", "don't", "as", "well", "first", "native", "work", "new", "-", ",",
          ".", "\n\n", '"', "“", "”", "(", ")", "example.com", "https://lead.example.org/x", "a@b.io"]

texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.sampled_from(FILLER)), min_size=1, max_size=30) \
    .flatmap(lambda parts: st.tuples(st.just(parts), st.lists(st.sampled_from([" ", " ", " ", "", "-"]),
                                                              min_size=len(parts), max_size=len(parts)))) \
    .map(lambda pair: "".join(p + sep for p, sep in zip(*pair, strict=True)))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_generated_texts_match_the_reference(text):
    assert_same(text)


# -- whatever state the per-process memos are in -----------------------------------------------

SAMPLE = ("We offer a competitive salary. You will lead our team lead and leading engineers, led by "
          "a Tech Lead; customer support is not a supportive trait. Native English speaker, English "
          "as a first language. Analytics and analytical skills, competitive, ambitious rockstar.")


def test_a_rule_compiled_after_its_words_were_met():
    rule = BY_ID["bias.gender-coded"]
    posting = posting_for(SAMPLE)
    before = matched(rule.compiled, posting)
    fresh = terms.compile(rule, rule.pack)  # new to the vocabulary, which already knows every word
    assert matched(fresh, posting) == before == reference(fresh, posting)
    assert matched(fresh, posting_for(SAMPLE.upper())) == reference(fresh, posting_for(SAMPLE.upper()))


def test_a_pickled_rule_in_another_process(monkeypatch):
    rule = BY_ID["bias.gender-coded"]
    matched(rule.compiled, posting_for(SAMPLE))
    copy = pickle.loads(pickle.dumps(rule.compiled))
    monkeypatch.setattr(terms, "_vocabulary", terms._Vocabulary())  # what a new process starts with
    posting = posting_for(SAMPLE)
    assert matched(copy, posting) == reference(copy, posting)


def test_memos_that_start_again(monkeypatch):
    monkeypatch.setattr(terms, "_MEMO_LIMIT", 5)
    for text in [SAMPLE, SAMPLE.lower(), "Lead generation and lead times; a natural leader.", SAMPLE]:
        assert_same(text)


def test_threads_linting_at_once(monkeypatch):
    """Rules new to a fresh vocabulary, met by several threads at once, miss no word."""
    from concurrent.futures import ThreadPoolExecutor

    monkeypatch.setattr(terms, "_vocabulary", terms._Vocabulary())
    fresh = [terms.compile(rule, rule.pack) for rule in RULES]
    texts = [SAMPLE, SAMPLE.upper(), *(ex for rule in RULES for ex in rule.examples_fail)]
    postings = [posting_for(text) for text in texts]

    def lint(posting: Posting) -> list[list[tuple[str, int, int]]]:
        return [matched(comp, posting) for comp in fresh]

    with ThreadPoolExecutor(max_workers=4) as pool:
        found = list(pool.map(lint, postings))
    assert found == [[reference(comp, posting) for comp in fresh] for posting in postings]
