"""Readers: plain text, Markdown (front matter, code, URLs, comments, headings), decoding."""

import pytest

from jdlint.errors import InputError
from jdlint.readers import decode_bytes, format_for, read_source


def test_format_by_extension():
    assert format_for("a.md") == "markdown"
    assert format_for("a.MARKDOWN") == "markdown"
    assert format_for("a.txt") == "text"
    assert format_for("notes.rst") == "text"  # anything else that decodes is plain text


def test_markdown_masks_code_urls_and_comments_keeping_offsets():
    src = (
        "Intro `rockstar` text [our guide](https://x.example/rockstar) <!-- rockstar -->\n"
        "```\nrockstar = True\n```\n"
        "Plain rockstar here.\n"
    )
    doc = read_source("a.md", src)
    assert len(doc.text) == len(src)
    assert doc.text.count("rockstar") == 1
    assert doc.text.index("rockstar") == src.index("Plain rockstar") + len("Plain ")


def test_front_matter_fields_and_lines():
    src = "---\ntitle: Engineer\nsalary: $100k\nlocation: [Denver, CO]\n---\nBody text\n"
    doc = read_source("a.md", src)
    assert doc.fields["title"] == "Engineer"
    assert doc.meta["front_matter_lines"]["salary"] == 3
    assert "Engineer" not in doc.text  # front matter is data, not prose
    assert doc.text.endswith("Body text\n")


@pytest.mark.parametrize("src, problem", [
    ("---\ntitle: [unclosed\n---\nBody\n", "broken YAML front matter"),
    ("---\ntitle: x\nBody without a closing line\n", "never closed"),
    ("---\n- a\n- b\n---\nBody\n", "must be a YAML mapping"),
])
def test_broken_front_matter(src, problem):
    with pytest.raises(InputError, match=problem):
        read_source("bad.md", src)


def test_markdown_headings_and_sections():
    src = "# Role\n\nText\n\n## Benefits\n\nHealth\n\n**Equal opportunity**\n\nWe are an EOE.\n"
    doc = read_source("a.md", src)
    titles = [s.title for s in doc.sections]
    assert titles == ["Role", "Benefits", "Equal opportunity"]
    assert doc.has_section("benefit")
    assert not doc.has_section("salary")


def test_plain_text_heading_heuristic():
    doc = read_source("a.txt", "Senior Engineer\n\nWHAT YOU WILL DO\nBuild things.\n\nBenefits:\nHealth insurance.\n")
    titles = [s.title for s in doc.sections]
    assert "WHAT YOU WILL DO" in titles and "Benefits" in titles


def test_decode_strips_bom():
    assert decode_bytes("a.txt", "\ufeffhello".encode()) == "hello"


@pytest.mark.parametrize("raw, problem", [
    (b"\xff\xfeh\x00i\x00", "UTF-16"),
    (b"hello \xe9 world", "not valid UTF-8"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
])
def test_decode_errors_name_the_problem(raw, problem):
    with pytest.raises(InputError, match=problem) as err:
        decode_bytes("posting.txt", raw)
    assert str(err.value).startswith("posting.txt: ")
