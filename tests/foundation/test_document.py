"""Positions: offsets map back to 1-based line/column (code points) of the ORIGINAL file."""

from hypothesis import given
from hypothesis import strategies as st

from jdlint.document import Document, LineIndex, OffsetMap, TextBuilder


def test_line_index_lf_and_crlf():
    idx = LineIndex("ab\r\ncd\nef")
    assert idx.position(0) == (1, 1)
    assert idx.position(2) == (1, 3)  # the \r belongs to line 1
    assert idx.position(4) == (2, 1)
    assert idx.position(7) == (3, 1)


def test_columns_count_code_points_tabs_emoji_combining():
    source = "\t🎯 cafe\u0301 rockstar"
    idx = LineIndex(source)
    col = idx.position(source.index("rockstar"))[1]
    # tab, emoji, space, c a f e + combining accent, space -> 'rockstar' is the 10th code point
    assert col == 10


def test_identity_document_positions():
    doc = Document(path="x.txt", source="one\ntwo three\n", text="one\ntwo three\n")
    start = doc.text.index("three")
    assert doc.position(start, start + 5) == (2, 5, 2, 10)


def test_text_builder_maps_decoded_entities_back():
    source = "<p>AT&amp;T rocks</p>"
    b = TextBuilder()
    b.copy(source, 3, 5)  # "AT"
    b.emit("&", 5, 10)  # "&amp;"
    b.copy(source, 10, 17)  # "T rocks"
    b.gap("\n", 21)
    text, offsets = b.build()
    assert text == "AT&T rocks\n"
    start = text.index("rocks")
    assert source[offsets.to_source(start) : offsets.to_source_end(start + 5)] == "rocks"
    amp = text.index("&")
    assert source[offsets.to_source(amp) : offsets.to_source_end(amp + 1)] == "&amp;"


def test_offset_map_identity():
    m = OffsetMap.identity_map()
    assert m.to_source(7) == 7 and m.to_source_end(9) == 9


@given(st.lists(st.tuples(st.text(min_size=1, max_size=5), st.booleans()), max_size=30))
def test_builder_spans_stay_inside_source(pieces):
    source = ""
    b = TextBuilder()
    for piece, decoded in pieces:
        start = len(source)
        source += piece
        if decoded:
            b.emit("x", start, len(source))
        else:
            b.copy(source, start, len(source))
    text, offsets = b.build()
    for i in range(len(text) + 1):
        assert 0 <= offsets.to_source(i) <= len(source)
        assert 0 <= offsets.to_source_end(i) <= len(source)
