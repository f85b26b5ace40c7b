"""A run's term rules meet the vocabulary before its first posting, so a posting finds its
candidate tokens once, not once per term rule (what a 1 MB posting paid for)."""

from __future__ import annotations

from jdlint.engine.kinds import terms
from jdlint.lint import Linter
from jdlint.readers import read_source

POSTING = ("# Rockstar ninja wanted\n\nWe want a young, energetic digital native who is a strong leader. "
           "He will support our customers. Competitive salary.\n")


def test_one_scan_for_candidate_tokens_per_posting(monkeypatch) -> None:
    linter = Linter()
    scans = []
    real = terms._hot_tokens

    def counting(posting, vocabulary):
        cached = posting.cache.get("terms.hot")
        if not (cached is not None and cached[0] is vocabulary and cached[1] == vocabulary.version):
            scans.append(1)
        return real(posting, vocabulary)

    monkeypatch.setattr(terms, "_hot_tokens", counting)
    result = linter.lint_document(read_source("new-words.md", POSTING + "Zyxwv qwertz frobnicators.\n", None))
    assert {"bias.jargon", "bias.age"} <= {f.rule.split(".")[0] + "." + f.rule.split(".")[1] for f in result.findings}
    assert len(scans) == 1
