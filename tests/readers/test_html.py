"""HTML reader: visible text only, block structure, headings, entities, JSON-LD, exact positions."""

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.readers.html import read

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "careers-page.html"
FIXTURES = ROOT / "tests" / "fixtures" / "inputs"


def at(doc, word: str, nth: int = 0) -> tuple[int, int, str]:
    """(line, column, source text from there) of the nth occurrence of ``word`` in doc.text."""
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(word, start + 1)
    line, col, _, _ = doc.position(start, start + len(word))
    src_line = doc.source.splitlines()[line - 1]
    return line, col, src_line[col - 1 :]


def test_every_word_maps_back_to_itself_in_the_source():
    source = EXAMPLE.read_text(encoding="utf-8")
    doc = read(str(EXAMPLE), source)
    words = list(re.finditer(r"[A-Za-z][A-Za-z0-9]{2,}", doc.text))
    assert len(words) > 150
    for m in words:
        s, e = doc.source_span(m.start(), m.end())
        assert source[s:e] == m.group(), (m.group(), s, e)
        line, col, _, end_col = doc.position(m.start(), m.end())
        assert source.splitlines()[line - 1][col - 1 : end_col - 1] == m.group()


def test_only_visible_text_is_read():
    src = """<html><head><title>Page title</title><meta name="x" content="metaword">
<style>.a { color: stylered }</style><script>var scriptword = 1;</script></head>
<body><template><p>templateword</p></template><noscript>noscriptword</noscript>
<div hidden><p>hiddenword</p></div><span aria-hidden="true">ariaword</span>
<p style="color: red; display : none">styleword</p><p style="visibility:hidden">visword</p>
<svg><title>svgword</title></svg><select><option>optionword</option></select>
<p>Visible <span aria-hidden="false">shown</span> text.</p></body></html>"""
    doc = read("a.html", src)
    assert doc.text == "Visible shown text."
    assert doc.fields["page_title"] == "Page title"


def test_blocks_break_lines_and_inline_elements_do_not():
    src = ("<div>First block</div><div>Second<br>line</div><p>Para <b>bo</b>ld and <a href='#'>link</a>.</p>"
           "<ul><li>One</li><li>Two</ul><table><tr><td>Cell A<td>Cell B</table>")
    doc = read("a.html", src)
    assert doc.text == "First block\nSecond\nline\n\nPara bold and link.\n\n• One\n• Two\n\nCell A\nCell B"


def test_whitespace_collapses_except_in_pre():
    src = "<p>  Senior\n      Data\tEngineer  </p><pre>keep   this\n  indented</pre>"
    doc = read("a.html", src)
    assert doc.text == "Senior Data Engineer\n\nkeep   this\n  indented"


def test_character_references_are_decoded_and_mapped_to_the_entity():
    src = "<p>R&amp;D &#8211; caf&eacute; &#x2014; it&rsquo;s&nbsp;fine AT&T</p>"
    doc = read("a.html", src)
    assert doc.text == "R&D – café — it’s fine AT&T"
    assert at(doc, "&")[2].startswith("&amp;")
    assert at(doc, "–")[2].startswith("&#8211;")
    assert at(doc, "—")[2].startswith("&#x2014;")
    start = doc.text.index("café")
    s, e = doc.source_span(start, start + 4)
    assert src[s:e] == "caf&eacute;"
    assert at(doc, "fine")[1] == src.index("fine") + 1


def test_soft_hyphens_and_zero_width_spaces_disappear():
    doc = read("a.html", "<p>engi&shy;neer and pro\u200bgrammer</p>")
    assert doc.text == "engineer and programmer"


def test_headings_become_sections_with_levels():
    src = ("<h1>Data Engineer</h1><p>Intro.</p><h2>What you'll do</h2><ul><li>Build</li></ul>"
           "<p><strong>Benefits:</strong></p><p>Health cover.</p><h2>About us</h2><p>We.</p>")
    doc = read("a.html", src)
    assert [(s.title, s.level) for s in doc.sections] == [
        ("Data Engineer", 1), ("What you'll do", 2), ("Benefits", 4), ("About us", 2)]
    benefits = doc.sections[2]
    assert doc.text[benefits.body_start : benefits.end].strip() == "Health cover."
    assert doc.has_section("benefit")
    assert doc.fields["title"] == "Data Engineer"


def test_bold_list_items_and_bold_sentences_are_not_headings():
    src = "<ul><li><b>Python</b></li></ul><p><strong>We are an equal opportunity employer.</strong></p>"
    doc = read("a.html", src)
    assert not [s for s in doc.sections if s.level == 4]


@pytest.mark.parametrize("src, expected", [
    ("<p>Unclosed paragraph<p>Next one", "Unclosed paragraph\n\nNext one"),
    ("<ul><li>a<li>b</ul>After", "• a\n• b\n\nAfter"),
    ("<div>Stray</span> end tag</div></div></p>", "Stray end tag"),
    ("<p>1 < 2 and 3 > 2</p>", "1 < 2 and 3 > 2"),
    ("<p>Broken <b>bold never closed<p>still read", "Broken bold never closed\n\nstill read"),
    ("Text before any tag<p>then a para", "Text before any tag\n\nthen a para"),
    ("<html><body><p>Body</p></body></html><p>After html</p>", "Body\n\nAfter html"),
    ("<p>Cut off at the end <b", "Cut off at the end <b"),
    ("<head><title>T</title>Text in head starts the body", "Text in head starts the body"),
    ("<div/>Self-closing div<br/>line", "Self-closing div\nline"),
    ("<p>Comment <!-- hidden words --> gone</p>", "Comment gone"),
    ("<p>Never closed comment <!-- rest of page", "Never closed comment"),
])
def test_broken_html_is_read_as_browsers_read_it(src, expected):
    assert read("a.html", src).text == expected


def test_crlf_positions():
    src = "<html>\r\n<body>\r\n<p>First line</p>\r\n<p>We need a rockstar.</p>\r\n</body></html>\r\n"
    doc = read("a.html", src)
    line, col, rest = at(doc, "rockstar")
    assert (line, col) == (4, 14)
    assert rest.startswith("rockstar")


def test_json_ld_gives_the_jobposting_but_is_not_linted_as_text():
    source = EXAMPLE.read_text(encoding="utf-8")
    doc = read(str(EXAMPLE), source)
    jp = doc.fields["jobposting"]
    assert jp["title"] == "Site Reliability Engineer"
    assert jp["baseSalary"]["value"]["unitText"] == "YEAR"
    assert doc.meta["input"] == "html"
    assert "routing platform" not in doc.text  # the JSON-LD description is data here
    assert "analyticsQueue" not in doc.text and "apply-banner" not in doc.text
    assert "Applications are closed" not in doc.text and "cookies" not in doc.text
    assert doc.fields["location"] == "Portland, OR, US"
    # The structured values know their source lines.
    pointer_line = doc.lines.position(doc.meta["json_pointers"]["/baseSalary"])[0]
    assert source.splitlines()[pointer_line - 1].strip().startswith('"baseSalary"')


def test_page_without_body_text_lints_the_json_ld_description_with_composed_positions():
    source = (FIXTURES / "spa-shell.html").read_text(encoding="utf-8")
    doc = read("spa-shell.html", source)
    assert doc.meta["text_from"] == "jsonld"
    assert doc.text.startswith("Pastry Chef\n\n")
    # "café" is written as caf\u00e9 inside the JSON string; the finding covers the escape.
    start = doc.text.index("café")
    s, e = doc.source_span(start, start + 4)
    assert source[s:e] == "caf\\u00e9"
    # "&amp;" is an HTML entity inside the JSON string.
    assert at(doc, "&")[2].startswith("&amp;")
    # A word after a \n escape and a \" escape still lands on itself.
    for word in ("laminated", "croissant", "Pay", "dough"):
        assert at(doc, word)[2].startswith(word)
    assert [s.title for s in doc.sections] == ["What you will do"]


def test_broken_json_ld_is_a_warning_not_an_error():
    src = ('<script type="application/ld+json">{"@type": "JobPosting", "title": }</script>'
           "<p>The visible posting text is still read here.</p>")
    doc = read("a.html", src)
    assert "jobposting" not in doc.fields
    assert doc.text == "The visible posting text is still read here."
    assert "not valid JSON" in doc.meta["warnings"][0]


def test_graph_and_arrays_of_json_ld():
    src = ('<script type="application/ld+json">[{"@type": "WebSite", "name": "x"}, '
           '{"@graph": [{"@type": ["Thing", "schema:JobPosting"], "title": "Baker"}]}]</script><p>Text</p>')
    doc = read("a.html", src)
    assert doc.fields["jobposting"]["title"] == "Baker"
    assert doc.fields["title"] == "Baker"


def test_lint_text_end_to_end_positions(monkeypatch):
    import jdlint
    from jdlint import readers
    from jdlint.config import Config

    monkeypatch.setitem(readers.FORMATS, "html", "jdlint.readers.html:read")
    monkeypatch.setitem(readers.EXTENSIONS, ".html", "html")
    src = ("<html><body>\n<h1>Sales lead</h1>\n<p>We want an <b>aggressive</b>,\n"
           "   ambitious&nbsp;closer &amp; a <i>competitive</i> spirit.</p>\n</body></html>\n")
    result = jdlint.lint_text(src, path="job.html", config=Config(select=["bias"]))
    assert result.error is None, result.error
    assert result.findings, "expected gender-coded words to be found"
    lines = src.splitlines()
    for f in result.findings:
        assert lines[f.line - 1][f.column - 1 : f.end_column - 1].lower() == f.match.lower(), f


_PIECES = ["<p>", "</p>", "<div hidden>", "</div>", "<li>", "<ul>", "</ul>", "<br>", "<b>", "</b>", "<h2>",
           "</h2>", "<!--", "-->", "<script>", "</script>", "&amp;", "&#8211;", "&nbsp;", "&bogus;", "<", ">",
           "&", " ", "\n", "\r\n", "word", "é", "<pre>", "</pre>", "<td>", "<tr>", "<table>", "<a href='x'>",
           "<head>", "<title>", "<style>", "</style>", "<![CDATA[x]]>", "<?php ?>", "<!DOCTYPE html>"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_any_tag_soup_reads_and_maps_inside_the_source(pieces):
    src = "".join(pieces)
    doc = read("soup.html", src)
    for i, char in enumerate(doc.text):
        s, e = doc.source_span(i, i + 1)
        assert 0 <= s <= e <= len(src)
        if char.isalpha() and e - s == 1:
            assert src[s] == char
