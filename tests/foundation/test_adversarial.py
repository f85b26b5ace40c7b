"""Adversarial inputs: long runs of digits, spaces and punctuation go through the whole linter.

These assert on input size, never on wall time: with a regular expression that backtracks
catastrophically, 50,000 characters of these patterns would not finish at all.
"""

import pytest

import jdlint

SIZE = 50_000
PATTERNS = {
    "digits": "1" * SIZE,
    "digits-and-commas": "1,0" * (SIZE // 3),
    "money-runs": "$1-" * (SIZE // 3),
    "spaces": "a" + " " * SIZE + "b",
    "tabs-newlines": "\t\n" * (SIZE // 2),
    "punctuation": ".,;:!?-–—()[]" * (SIZE // 13),
    "backticks": "`a" * (SIZE // 2),
    "asterisks": "*" * SIZE,
    "hashes": "#" * SIZE,
    "html-ish": "<a " * (SIZE // 3),
    "comment-openers": "<!--" * (SIZE // 4),
    "words-no-space": "remote" * (SIZE // 6),
    "capitals": "A" * SIZE,
    "repeated-phrase": "equal opportunity employer regardless of " * (SIZE // 40),
}


@pytest.mark.parametrize("name", sorted(PATTERNS))
@pytest.mark.parametrize("path", ["x.txt", "x.md"])
def test_adversarial_input_finishes(name, path):
    text = PATTERNS[name]
    assert len(text) >= SIZE - 20
    result = jdlint.lint_text(text, path=path)
    assert result.error is None, result.error
    assert all(f.line >= 1 for f in result.findings)
