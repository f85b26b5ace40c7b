"""The token view: jdlint's own lemma table and sentence splitting must match spaCy's."""

from __future__ import annotations

import subprocess
import sys

import spacy

from jdlint.nlp import lemma_table, tokenize


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
        "from jdlint.nlp import pipeline; pipeline()\n"
        "import sys; assert 'spacy.cli' not in sys.modules\n"
        "import spacy, spacy.cli\n"
        "assert callable(spacy.cli.info) and callable(spacy.info)\n"
        "assert 'spaCy version' in str(spacy.info(markdown=True, silent=True))\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
