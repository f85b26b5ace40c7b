"""HTML reader: careers pages, and the HTML inside JSON postings, read the way a browser shows them.

Why the stdlib tokenizer. Every finding must map back to the line and column of its words in
the HTML source, and the DOM-building parsers drop that: selectolax (lexbor) exposes no source
positions at all, lxml keeps an element's line but no column and nothing for text nodes,
html5lib keeps none. ``html.parser.HTMLParser`` reports ``getpos()`` for every token, reads
broken markup instead of rejecting it (unclosed tags, stray ``<``, junk after ``</html>``), is
maintained with CPython and adds no dependency. A linter needs little of the tree: a small
open-element stack, with the implied end tags browsers apply (``p``, ``li``, ``dt``/``dd``,
table rows and cells, ``head``), decides what is visible, where blocks break and which text
is a heading. A text token's raw span is [its start, the next token's start), so character
references are decoded here, one by one, each mapped onto its exact source span.

What the text holds: visible text only (not ``head``, ``script``, ``style``, ``template``,
``noscript``..., nor elements that are ``hidden``, ``aria-hidden="true"`` or ``display:none``),
whitespace collapsed as a browser collapses it (except in ``pre``), and line breaks between
blocks, list items, cells and at ``<br>``, so sentences from two blocks never run together;
list items start with "• " as a browser shows them (and so the heading heuristics never take
a one-word item for a heading).
``h1``-``h6`` and short all-bold lines (``<p><strong>Benefits</strong></p>``) are headings.
JSON-LD blocks are not text: they are parsed for the schema.org JobPosting.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from jdlint.document import Document, TextBuilder
from jdlint.readers.headings import looks_like_heading, sections_from_lines
from jdlint.readers.json_positions import Sink, View, ViewBuilder

# Elements whose contents a reader never sees.
_HIDDEN_TAGS = frozenset(
    "head title script style template noscript svg math iframe object canvas select textarea "
    "audio video datalist".split()
)
_VOID = frozenset("area base br col embed hr img input keygen link meta param source track wbr".split())
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
# Blocks set off by a blank line; blocks on a line of their own.
_PARA = frozenset(
    "p h1 h2 h3 h4 h5 h6 ul ol dl table blockquote pre section article header footer main aside nav "
    "figure form fieldset address details hgroup menu hr".split()
)
_LINE = frozenset(
    "div li dt dd tr td th caption figcaption summary legend center dialog option listing".split()
)
_CLOSES_P = _PARA | frozenset("div li dt dd dialog figcaption center listing".split())
_P_SCOPE_STOP = frozenset("table td th caption button html template object marquee applet".split())
# A start tag closes an open element of the first set, unless one of the second set is nearer.
_IMPLIED_END: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "li": (frozenset({"li"}), frozenset({"ul", "ol", "menu", "table"})),
    "dt": (frozenset({"dt", "dd"}), frozenset({"dl", "table"})),
    "dd": (frozenset({"dt", "dd"}), frozenset({"dl", "table"})),
    "td": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "th": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "tr": (frozenset({"tr"}), frozenset({"table"})),
    "option": (frozenset({"option"}), frozenset({"select", "datalist"})),
}
_SCOPE_LIMIT = 256  # how deep an implied end tag looks for the element it closes
_HEAD_CONTENT = frozenset("title meta link style script base noscript template".split())
_BOLD = frozenset("b strong".split())
_PRE = frozenset("pre listing".split())
_HIDING_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_PIECES = re.compile(
    r"(?P<ws>[ \t\n\r\f]+)"
    r"|(?P<ref>&(?:#[xX][0-9a-fA-F]+;?|#[0-9]+;?|[A-Za-z][A-Za-z0-9]*;?))"
    r"|(?P<drop>[\u00ad\u200b])"
)
_CHARREF = re.compile(r"&(?:#[xX][0-9a-fA-F]+;?|#[0-9]+;?|[A-Za-z][A-Za-z0-9]*;?)")
_KNOWN_TAG = (r"(?:p|div|br|span|ul|ol|li|h[1-6]|b|strong|i|em|u|a|table|tr|td|th|section|article|"
              r"blockquote|pre|hr|img|dl|dt|dd|header|footer|font|small|sup|sub|code)")
_RAW_TAG = re.compile(rf"</?{_KNOWN_TAG}(?:\s[^<>]*)?/?>", re.IGNORECASE)
_ESCAPED_TAG = re.compile(rf"&lt;/?{_KNOWN_TAG}(?:\s|/?&gt;)", re.IGNORECASE)


@dataclass
class Extracted:
    """What :func:`extract` found besides the text it wrote."""

    headings: list[tuple[int, int, int]] = field(default_factory=list)  # (start, end, level), sink offsets
    bold_lines: list[tuple[int, int]] = field(default_factory=list)  # candidate headings, sink offsets
    jsonld: list[tuple[int, int]] = field(default_factory=list)  # ld+json script contents, view offsets
    title: str | None = None  # the page's <title>


class _Open:
    __slots__ = ("capture", "hides", "level", "tag")

    def __init__(self, tag: str, hides: bool):
        self.tag = tag
        self.hides = hides
        self.level = _HEADINGS.get(tag, 0)
        self.capture: int | None = None  # start of raw content kept (ld+json, title)


class _Extractor(HTMLParser):
    def __init__(self, view: View, out: Sink, jsonld: bool):
        super().__init__(convert_charrefs=True)
        self.view = view
        self.out = out
        self.found = Extracted()
        self._jsonld = jsonld
        self._line_starts = [0]
        self._line_starts.extend(m.end() for m in re.finditer("\n", view.text))
        self._stack: list[_Open] = []
        self._open: Counter[str] = Counter()  # open elements by tag
        self._hidden = self._pre = self._bold = self._li = 0
        self._pending: int | None = None  # start of a text token not yet written
        self._in_comment = False  # inside a comment never closed: nothing after it is text
        self._want = 0  # line breaks wanted before the next text
        self._space: tuple[int, int] | None = None  # collapsed whitespace waiting for a next word
        self._any = False  # any text written yet
        self._trailing_nl = 0
        self._line_text = False
        self._line_start = 0
        self._line_bold = False
        self._line_plain = False  # line is in a list item, a heading or pre: not a bold heading
        self._heading: list[Any] | None = None  # [level, start or None]
        self._bullet = False  # a list item began: its first line gets a "• " marker

    # -- positions -------------------------------------------------------------------------
    def _pos(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def _flush(self, end: int) -> None:
        start, self._pending = self._pending, None
        if start is None or end <= start:
            return
        raw = self.view.text[start:end]
        if self._stack and self._stack[-1].tag == "head" and raw.strip():
            self._pop_to(len(self._stack) - 1, start)  # text in <head> starts the body, as in browsers
        if self.view.text.startswith("<!--", start):  # an unterminated comment runs to the end
            self._in_comment = True
        if self._hidden or self._in_comment:
            return
        self._text(start, end)

    # -- writing ---------------------------------------------------------------------------
    def _text(self, start: int, end: int) -> None:
        view = self.view
        i = start
        for m in _PIECES.finditer(view.text, start, end):
            if m.start() > i:
                self._write(i, m.start())
            kind = m.lastgroup
            if kind == "ws":
                self._whitespace(m.start(), m.end())
            elif kind == "ref":
                decoded = html.unescape(m.group())
                if decoded == m.group():
                    self._write(m.start(), m.end())
                else:
                    decoded = decoded.replace("\u00a0", " ").replace("\u00ad", "").replace("\u200b", "")
                    if not decoded:
                        pass
                    elif not decoded.strip():
                        self._whitespace(m.start(), m.end(), decoded)
                    else:
                        self._before_text(m.start())
                        self.out.emit(decoded, view.to_file(m.start()), view.to_file_end(m.end()))
            i = m.end()
        if end > i:
            self._write(i, end)

    def _write(self, start: int, end: int) -> None:
        self._before_text(start)
        self.view.write(self.out, start, end)

    def _whitespace(self, start: int, end: int, decoded: str | None = None) -> None:
        if self._pre:
            if not self._any or self._want:
                return
            text = decoded if decoded is not None else self.view.text[start:end]
            if "\n" in text:
                self._end_line()
                self._trailing_nl = text.count("\n")
                self._line_plain = True
            if decoded is None:
                self.view.write(self.out, start, end)
            else:
                self.out.emit(decoded, self.view.to_file(start), self.view.to_file_end(end))
            return
        if self._any and not self._want and self._space is None and self._line_text:
            self._space = (start, end)

    def _before_text(self, pos: int) -> None:
        view, out = self.view, self.out
        if self._any and self._want:
            self._end_line()
            n = self._want - self._trailing_nl
            if n > 0:
                out.gap("\n" * n, view.to_file(pos))
        elif self._space is not None:
            a, b = self._space
            if b - a == 1 and view.text[a] == " ":
                view.write(out, a, b)
            else:
                out.emit(" ", view.to_file(a), view.to_file_end(b))
        self._want = 0
        self._space = None
        self._trailing_nl = 0
        if not self._line_text:
            if self._bullet and self._li:
                out.gap("• ", view.to_file(pos))
            self._bullet = False
            self._line_text = True
            self._line_start = len(out)
            self._line_bold = self._bold > 0
            self._line_plain = bool(self._li or self._pre or self._heading)
        elif not self._bold:
            self._line_bold = False
        if self._heading is not None and self._heading[1] is None:
            self._heading[1] = len(out)
        self._any = True

    def _end_line(self) -> None:
        if self._line_text and self._line_bold and not self._line_plain:
            self.found.bold_lines.append((self._line_start, len(self.out)))
        self._line_text = False

    def _break(self, n: int) -> None:
        self._want = max(self._want, n)
        self._space = None

    # -- tree ------------------------------------------------------------------------------
    def _push(self, entry: _Open) -> None:
        self._stack.append(entry)
        self._open[entry.tag] += 1
        self._hidden += entry.hides
        self._pre += entry.tag in _PRE
        self._bold += entry.tag in _BOLD
        self._li += entry.tag == "li"

    def _pop_to(self, index: int, pos: int) -> None:
        while len(self._stack) > index:
            entry = self._stack.pop()
            self._open[entry.tag] -= 1
            self._hidden -= entry.hides
            self._pre -= entry.tag in _PRE
            self._bold -= entry.tag in _BOLD
            self._li -= entry.tag == "li"
            self._closed(entry, pos, visible=not self._hidden and not entry.hides)

    def _closed(self, entry: _Open, pos: int, visible: bool) -> None:
        if entry.capture is not None:
            if entry.tag == "script":
                self.found.jsonld.append((entry.capture, pos))
            elif entry.tag == "title" and self.found.title is None:
                title = " ".join(html.unescape(self.view.text[entry.capture : pos]).split())
                self.found.title = title or None
        if entry.level and self._heading is not None:
            level, start = self._heading
            if start is not None:
                self.found.headings.append((start, len(self.out), level))
            self._heading = None
        if visible:
            if entry.tag in _PARA:
                self._break(2)
            elif entry.tag in _LINE:
                self._break(1)

    def _find(self, tags: frozenset[str], stop: frozenset[str]) -> int | None:
        """Index of the nearest open element in ``tags``, unless one in ``stop`` is nearer.

        Open-element counts skip the walk when none is open, and the walk is capped, so
        thousands of nested tags cannot make reading quadratic.
        """
        if not any(self._open[t] for t in tags):
            return None
        for i in range(len(self._stack) - 1, max(len(self._stack) - _SCOPE_LIMIT, 0) - 1, -1):
            tag = self._stack[i].tag
            if tag in tags:
                return i
            if tag in stop:
                return None
        return None

    def _close_implied(self, tag: str, pos: int) -> None:
        """The end tags HTML lets authors leave out, closed the way browsers close them."""
        stack = self._stack
        if stack and stack[-1].tag == "head" and tag not in _HEAD_CONTENT:
            self._pop_to(len(stack) - 1, pos)
        if tag in _CLOSES_P:
            i = self._find(frozenset({"p"}), _P_SCOPE_STOP)
            if i is not None:
                self._pop_to(i, pos)
        if tag in _IMPLIED_END:
            i = self._find(*_IMPLIED_END[tag])
            if i is not None:
                self._pop_to(i, pos)
        if tag in _HEADINGS and stack and stack[-1].level:
            self._pop_to(len(stack) - 1, pos)

    @staticmethod
    def _hides(attrs: list[tuple[str, str | None]]) -> bool:
        for name, value in attrs:
            if name == "hidden":
                return True
            if name == "aria-hidden" and (value or "").strip().lower() == "true":
                return True
            if name == "style" and value and _HIDING_STYLE.search(value):
                return True
        return False

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], pos: int) -> None:
        if tag in ("html", "body"):
            if tag == "body":
                i = self._find(frozenset({"head"}), frozenset())
                if i is not None:
                    self._pop_to(i, pos)
            return
        self._close_implied(tag, pos)
        if tag in _VOID:
            if not self._hidden:
                if tag == "br":
                    self._want = min(self._want + 1, 2)
                    self._space = None
                elif tag == "hr":
                    self._break(2)
            return
        entry = _Open(tag, tag in _HIDDEN_TAGS or self._hides(attrs))
        raw_tag = self.get_starttag_text() or ""
        if tag == "script" and self._jsonld:
            kind = next((v for k, v in attrs if k == "type"), None) or ""
            if "ld+json" in kind.lower():
                entry.capture = pos + len(raw_tag)
        elif tag == "title" and not self._stack_has("svg"):
            entry.capture = pos + len(raw_tag)
        self._push(entry)
        if self._hidden:
            return
        if tag in _PARA:
            self._break(2)
        elif tag in _LINE:
            self._break(1)
        if entry.level:
            self._heading = [entry.level, None]
        if tag == "li":
            self._bullet = True

    def _stack_has(self, tag: str) -> bool:
        return self._open[tag] > 0

    # -- HTMLParser callbacks ----------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pos = self._pos()
        self._flush(pos)
        self._start(tag, attrs, pos)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # Browsers ignore the "/" of <div/>: only void elements (and foreign content, which
        # is hidden here anyway) are really self-closing.
        pos = self._pos()
        self._flush(pos)
        self._start(tag, attrs, pos)
        foreign = tag in ("svg", "math") or self._stack_has("svg") or self._stack_has("math")
        if foreign and tag not in _VOID and self._stack and self._stack[-1].tag == tag:
            self._pop_to(len(self._stack) - 1, pos)

    def handle_endtag(self, tag: str) -> None:
        pos = self._pos()
        self._flush(pos)
        if tag in ("html", "body"):
            return  # browsers keep reading after </body>
        if tag == "br":  # </br> is read as <br>
            self._start("br", [], pos)
            return
        if self._open[tag]:
            for i in range(len(self._stack) - 1, -1, -1):
                if self._stack[i].tag == tag:
                    self._pop_to(i, pos)
                    return
        if tag == "p" and not self._hidden:  # a stray </p> makes an empty paragraph
            self._break(2)

    def handle_data(self, data: str) -> None:
        pos = self._pos()
        self._flush(pos)
        self._pending = pos

    def handle_comment(self, data: str) -> None:
        self._flush(self._pos())

    def handle_decl(self, decl: str) -> None:
        self._flush(self._pos())

    def handle_pi(self, data: str) -> None:
        self._flush(self._pos())

    def unknown_decl(self, data: str) -> None:
        self._flush(self._pos())

    def finish(self) -> Extracted:
        self.close()
        self._flush(len(self.view.text))
        self._pop_to(0, len(self.view.text))
        self._end_line()
        return self.found


def extract(view: View, out: Sink, *, jsonld: bool = False) -> Extracted:
    """Write the visible text of the HTML ``view`` into ``out``; return headings and JSON-LD spans."""
    parser = _Extractor(view, out, jsonld)
    parser.feed(view.text)
    return parser.finish()


def unescape_view(view: View) -> View:
    """Decode character references (``&lt;p&gt;`` -> ``<p>``), keeping each one's file span."""
    out = ViewBuilder()
    i = 0
    for m in _CHARREF.finditer(view.text):
        decoded = html.unescape(m.group())
        if decoded == m.group():
            continue
        view.write(out, i, m.start())
        out.emit(decoded, view.to_file(m.start()), view.to_file_end(m.end()))
        i = m.end()
    view.write(out, i, len(view.text))
    return out.build()


def looks_like_html(text: str) -> bool:
    return _RAW_TAG.search(text) is not None


def looks_escaped(text: str) -> bool:
    """HTML escaped once more, as in Greenhouse's ``content`` (``&lt;p&gt;...``)."""
    return _ESCAPED_TAG.search(text) is not None and _RAW_TAG.search(text) is None


def write_markup(view: View, out: Sink) -> Extracted:
    """Write a string that may be HTML, escaped HTML or plain text (a JSON field) into ``out``.

    Plain text keeps its line breaks (they are its structure); character references in it are
    still decoded, since ATS exports often escape ``&`` even in "plain" fields.
    """
    if "<" not in view.text and "&" not in view.text:
        view.write(out, 0, len(view.text))
        return Extracted()
    if looks_escaped(view.text):
        view = unescape_view(view)
    if looks_like_html(view.text):
        return extract(view, out)
    if _CHARREF.search(view.text):
        view = unescape_view(view)
    view.write(out, 0, len(view.text))
    return Extracted()


def heading_tuples(text: str, found: list[Extracted]) -> list[tuple[int, int, str, int]]:
    """``(start, body_start, title, level)`` for :func:`sections_from_lines`, from extractions."""
    heads = []
    seen = set()
    for ex in found:
        for start, end, level in ex.headings:
            title = text[start:end].strip()
            if title:
                heads.append((start, end, title.rstrip(":").strip(), level))
                seen.add(start)
        for start, end in ex.bold_lines:
            title = text[start:end].strip()
            if start not in seen and looks_like_heading(title, True):
                heads.append((start, end, title.rstrip(":").strip(), 4))
    return heads


def _few_words(text: str) -> bool:
    """A page whose body is an app shell ("Loading…", a menu) rather than the posting."""
    return len(text.split()) < 30


def read(path: str, source: str) -> Document:
    from jdlint.readers.json_posting import posting_from_jsonld, text_from_parts

    out = TextBuilder()
    page = extract(View.of_source(source), out, jsonld=True)
    text, offsets = out.build()
    heads = heading_tuples(text, [page])
    meta: dict[str, Any] = {"input": "html", "report": {"input": "html"}}
    fields: dict[str, Any] = {}
    found = posting_from_jsonld(source, page.jsonld, meta)
    if found is not None:
        posting, parts, posting_fields = found
        fields.update(posting_fields)
        description = posting.get("description")
        if _few_words(text) and isinstance(description, str) and len(description.split()) > len(text.split()):
            text, offsets, heads = text_from_parts(source, parts)
            meta["text_from"] = "jsonld"
    if "title" not in fields:
        first_h1 = next((title for _, _, title, level in heads if level == 1), None)
        if first_h1 or page.title:
            fields["title"] = first_h1 or page.title
    if page.title:
        fields.setdefault("page_title", page.title)
    return Document(
        path=path,
        source=source,
        text=text,
        offsets=offsets,
        format="html",
        fields=fields,
        sections=sections_from_lines(text, heads),
        meta=meta,
    )
