"""URLs and e-mail addresses found chunk by chunk must be those one pass over the text finds."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.engine.context import _PROTECTED, protected_spans
from jdlint.prefilter import fold

ROOT = Path(__file__).resolve().parents[2]


def _whole_pass(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _PROTECTED.regex.finditer(text)]


def test_same_spans_on_every_example() -> None:
    for path in sorted((ROOT / "examples").rglob("*")):
        if path.is_file() and path.suffix in {".md", ".txt", ".html", ".json"}:
            text = path.read_text(encoding="utf-8")
            assert protected_spans(text, fold(text)) == _whole_pass(text), path


def test_same_spans_on_hand_made_cases() -> None:
    for text in ["Apply at https://jobs.example.com/123 or jobs@example.org.",
                 "See www.example.io, example.co.uk/x and HTTP://X.DE", "a@b.c+x@d.e", "x.com.", ".com",
                 "mail:a@b.org\u2028next.org\xa0more.net", "(see acme.com)", "no links here."]:
        assert protected_spans(text, fold(text)) == _whole_pass(text), text


_PIECES = ["https://", "http://", "ftp://", "www.", "example", "jobs", ".com", ".org", ".co", ".uk", "@", ".",
           "/", "a", "Acme", "-", "+", "(", ")", '"', "'", "<", ">", "İ", "\u017f"]
_GAPS = ["", "", "", " ", "\n", "\xa0", "\t", ". "]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(_GAPS)), max_size=20))
def test_same_spans_on_generated_texts(parts: list[tuple[str, str]]) -> None:
    text = "".join(piece + gap for piece, gap in parts)
    assert protected_spans(text, fold(text)) == _whole_pass(text)
