"""The token view: jdlint's own lemma table and sentence splitting must match spaCy's."""

from __future__ import annotations

import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint import nlp
from jdlint.nlp import Tokens, lemma_table, tokenize


def test_lemma_table_is_the_lookup_lemmatizers_table() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    ours = lemma_table()
    assert len(ours) == len(table)
    assert all(table.get(word) == lemma for word, lemma in ours.items())


def test_sentences_follow_spacys_sentencizer() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    texts = [
        "We build tools. You will lead a team! Ready?  Apply now.",
        "Wow!!! Great... \n\nNext line. \"Quoted.\" Then more",
        "", " ", ". . . a", "\n. a", "Ends with a stop.",
    ]
    for text in texts:
        expected = [s.start_char for s in nlp(text).sents] or [0]
        assert [start for start, _ in tokenize(text).sentences] == expected, text


def test_spacy_cli_stays_importable_after_jdlint_skips_it() -> None:
    """jdlint imports spaCy without spacy.cli; spacy.info and spacy.cli must still work."""
    code = (
        "from jdlint.nlp import tokenize; tokenize('We build tools. Apply now :)')\n"
        "import sys; assert 'spacy.cli' not in sys.modules\n"
        "import spacy, spacy.cli\n"
        "assert callable(spacy.cli.info) and callable(spacy.info)\n"
        "assert 'spaCy version' in str(spacy.info(markdown=True, silent=True))\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# -- tokens from memoised chunks must be spaCy's tokens of the whole text ---------------------

@lru_cache(maxsize=1)
def _spacy_english():
    """The reference tokenizer: ``spacy.blank("en")``'s, all special cases loaded up front."""
    return spacy.blank("en").tokenizer


def _whole_text(text: str) -> Tokens:
    """The reference: one spaCy Doc of the whole text, read the way jdlint always read it."""
    tokenized = nlp._breakable(text)
    return nlp._tokens(_spacy_english()(tokenized), text, tokenized)


def _spans(doc) -> list[tuple[int, int, str]]:
    return [(t.idx, len(t), t.text) for t in doc]


def test_special_cases_added_as_texts_need_them_tokenize_as_spacy_does() -> None:
    """Every special case of English, met by a tokenizer that has only the cases its earlier
    texts needed, in every setting a case applies in: the whole chunk, inside affixes,
    next to other chunks."""
    ours, reference = nlp.EnglishTokenizer(), _spacy_english()
    assert not ours.added
    for string in sorted(ours.rules, key=lambda r: (len(r), r)):
        spaced = " ".join(string)  # the special-case matcher reads tokens across single spaces
        for text in (string, f"({string})", f'"{string}",', f"a {string} b", f"x{string}y", f"{string}{string}",
                     spaced, f"a {spaced}, b"):
            assert _spans(ours(text)) == _spans(reference(text)), text
    assert len(ours.added) == len(ours.rules)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([*sorted(spacy.blank("en").tokenizer.rules), "a", "b.", "(", ")", ":", "'"]),
                max_size=8), st.sampled_from(["", " ", "  ", "\n"]))
def test_a_fresh_tokenizer_matches_spacy_on_special_cases_side_by_side(pieces: list[str], gap: str) -> None:
    text = gap.join(pieces)
    assert _spans(nlp.EnglishTokenizer()(text)) == _spans(_spacy_english()(text))


_PIECES = [
    "a", "word", "Lead", "It", "'s", "don't", "Inc", ".", ",", ":", ")", "(", "'", '"', "-", "!", "?",
    ":)", "(:", "=)", "a.m.", "e.g.", "U.S.", "10a.m.", "Calif.", "http://example.com/x", "jobs@x.org",
    "$90k", "--", "...", "8", "İ", "Σ", "\u00a0", "\u2028",
]
_GAPS = ["", "", " ", " ", "  ", "\n", "\n\n", "\t", " \n"]


def test_chunk_tokens_match_whole_text_on_every_shipped_text() -> None:
    root = Path(__file__).resolve().parents[2]
    suffixes = {".md", ".txt", ".html", ".json"}
    texts = [p.read_text(encoding="utf-8") for folder in ("examples", "tests/fixtures")
             for p in sorted((root / folder).rglob("*")) if p.is_file() and p.suffix in suffixes]
    assert texts
    for text in texts:
        assert tokenize(text) == _whole_text(text)


def test_special_case_across_a_space_is_tokenized_as_spacy_does() -> None:
    # spaCy's special-case matcher pairs "(" with ":" across the space and so keeps ":)," apart.
    for text in ["( :),", "b's( :),8(_", "a( =)!'", "Remote ( :)", ":) ( :)",
                 "We hire. Really ( :), truly! Next line.\nAnd ( :) again. Done ( :)"]:
        assert tokenize(text) == _whole_text(text), text


def test_texts_the_chunks_cannot_serve_go_to_spacy_whole() -> None:
    for text in ["x" * 250 + " tail.", "İstanbul office. Apply", "ΟΔΟΣ. Next"]:
        assert tokenize(text) == _whole_text(text)


def test_memo_cleared_midway_still_gives_the_same_tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nlp, "_MEMO_LIMIT", 5)
    monkeypatch.setattr(nlp, "_CHUNKS", nlp._ChunkMemo())
    text = "We build tools. You will lead a team of 8 (e.g. designers)! Apply: jobs@x.org :) Thanks."
    assert tokenize(text) == _whole_text(text)
    assert list(nlp.tokenize_many([text, text + " More."])) == [_whole_text(text), _whole_text(text + " More.")]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(_GAPS)), max_size=25))
def test_chunk_tokens_match_whole_text(parts: list[tuple[str, str]]) -> None:
    text = "".join(piece + gap for piece, gap in parts)
    assert tokenize(text) == _whole_text(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_chunk_tokens_match_whole_text_on_any_text(text: str) -> None:
    assert tokenize(text) == _whole_text(text)


def test_a_chunk_of_ascii_letters_is_one_token_unless_a_special_case() -> None:
    """jdlint does not ask spaCy about such chunks (see nlp._learn): check every such word
    of the lemma table, capitalised and in capitals too."""
    tokenizer = _spacy_english()
    rules = set(tokenizer.rules)
    words = [w for w in lemma_table() if w.isascii() and w.isalpha()]
    words += [w.capitalize() for w in words] + [w.upper() for w in words[::7]]
    words = [w for w in words if w not in rules]
    for i in range(0, len(words), 5000):
        batch = words[i:i + 5000]
        assert [t.text for t in tokenizer(" ".join(batch))] == batch
    assert [t.text for t in tokenizer("Cannot")] == ["Can", "not"]  # a special case: asked
    assert tokenize("Cannot") == _whole_text("Cannot")
