"""The Markdown reader's masking and heading search match the straightforward versions they
replaced (one regex pass over every position, blanking character by character)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.readers import markdown as md

ROOT = Path(__file__).resolve().parents[2]


def _reference_mask(source: str, skip_to: int = 0) -> str:
    chars = list(source)

    def blank(start: int, end: int) -> None:
        for i in range(start, end):
            if chars[i] not in "\r\n":
                chars[i] = " "

    blank(0, skip_to)
    pos, fence, start = 0, None, 0
    for line in source.splitlines(keepends=True):
        m = md._FENCE.match(line)
        if fence is None and m:
            fence, start = m.group(1), pos
        elif fence is not None and m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) \
                and not line[m.end():].strip():
            blank(start, pos + len(line))
            fence = None
        pos += len(line)
    if fence is not None:
        blank(start, pos)
    masked = "".join(chars)
    for rx in (md._COMMENT, md._INLINE_CODE, md._LINK_DEST, md._AUTOLINK, md._REF_DEF, md._HTML_TAG):
        for m in rx.finditer(masked):
            blank(m.start(), m.end())
        masked = "".join(chars)
    return masked


def _reference_headings(text: str) -> list[tuple[int, int, str, int]]:
    heads = [(m.start(), m.end(), m.group(2).strip(), len(m.group(1))) for m in md._ATX.finditer(text)]
    for m in md._SETEXT.finditer(text):
        title = m.group("title")
        if md._LIST_ITEM.match(title) or md._ATX.match(title):
            continue
        heads.append((m.start(), m.end(), title.strip(), 1 if m.group("rule")[0] == "=" else 2))
    heads.extend((m.start(), m.end(), m.group("title").strip(), 4) for m in md._BOLD_LINE.finditer(text))
    return heads


# Pieces that start, end or break every construct the reader knows.
PIECES = ["`", "``", "```", "~~~", "<!--", "-->", "<", ">", "](", "[x]: http://a", "(", ")", "[", "]", ":",
          "\n", "\r\n", "\r", " ", "   ", "\t", "#", "## ", "==", "---", "-", "=", "**", "__", "*", "_",
          "Title", "a", "b:", "<b>", "</i>", "<https://x.y>", "é", "\u2028", "\x0c", '"', "'", "1.", "- "]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.integers(min_value=0, max_value=200))
def test_mask_and_headings_match_the_reference(pieces, skip):
    source = "".join(pieces)
    skip = min(skip, len(source))
    masked = md.mask(source, skip)
    assert masked == _reference_mask(source, skip)
    assert md._headings(masked) == _reference_headings(masked)
    assert md._headings(source) == _reference_headings(source)


def test_shipped_postings_mask_as_before():
    sources = [p.read_text(encoding="utf-8") for folder in ("examples", "tests/fixtures/inputs")
               for p in sorted((ROOT / folder).rglob("*")) if p.suffix in (".md", ".txt")]
    assert sources
    for source in sources:
        masked = md.mask(source)
        assert masked == _reference_mask(source)
        assert md._headings(masked) == _reference_headings(masked)


def test_lookbehind_passes_start_where_matches_can():
    src = "``a`` and ```b``` [x](http://e.com/a_(b)) `c` ](d)"
    masked = md.mask(src)
    assert masked == _reference_mask(src)
    assert masked.split() == ["and", "[x]", "]"]
