"""Work-mode classification: is the job remote, hybrid or on-site, and where does it say so?

Pay-transparency laws reach remote jobs that "could be filled" from their state, and job
boards file postings by mode, so the mode must come from what the posting states, never
from a guess ("a restaurant is on-site"). "Remote" has many other senses (remote sensing,
remote customers, a remote-work stipend), so a marker is a phrase listed in
``rules/data/work_mode.yaml``, found inside one sentence, weighted by how plainly it states
the arrangement and by where it stands: front matter and header lines ("Remote (US)",
"Location: Hybrid") beat body prose. Remote or on-site words in the same sentence as a
hybrid marker describe the hybrid split ("office + remote") and are folded into it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Any

from jdlint.data import load_data
from jdlint.document import Document
from jdlint.model import Statement
from jdlint.prefilter import Scan, fold

MODES: tuple[str, ...] = ("remote", "hybrid", "onsite")
#: Markers of at least this weight state a mode firmly enough to contradict another one.
FIRM_WEIGHT = 2
#: Non-empty lines at the top of a posting that count as its header (title, company, tags).
HEADER_LINES = 6
#: A longer line at the top is a first paragraph of prose, not a header.
HEADER_CHARS = 150
#: A line this short with no full stop is a tag line wherever it stands ("Remote (US)").
TAG_LINE_CHARS = 60
#: Extra weight for where a marker stands: a header line or "Location:" field, or front matter.
HEADER_BONUS = 1
FRONT_MATTER_BONUS = 2

# A sentence ends at . ! ? followed by space, or glued to a capital ("location.Relocation",
# common in scraped text) -- but not in abbreviations such as "U.S." or "Inc. is". The
# lookbehinds come after the first mark (they test the same characters as before it), so the
# pattern opens with a character class that sre finds in C instead of trying every position.
_SENTENCE_END = re.compile(r"[.!?](?<![\s.(][A-Za-z].)(?<![.!?].)[.!?]*+(?:\s+(?![a-z])|(?=[A-Z\"“(]))")
# A mode word glued between other words in scraped tag rows ("United KingdomHybridLead").
_GLUED = re.compile(r"(?<=[a-z])(Remote|Hybrid|On-?site)(?=[A-Z]|\b)")
# A field whose LABEL is a mode ("Remote: Yes") states that mode only when the value says yes.
_YES = re.compile(r"[\s*_]*(?:yes|true|ja|oui|s[ií]|100\s?%)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Gated:
    """A pattern and its needles (:mod:`jdlint.prefilter`): every match holds one string of
    each clause, so a sentence whose ``present`` needles miss a clause is skipped without
    running the pattern (most sentences that pass the keyword filter match few patterns)."""

    scan: Scan
    clauses: tuple[frozenset[str], ...]

    @property
    def rx(self) -> re.Pattern[str]:
        return self.scan.regex

    def possible(self, present: set[str]) -> bool:
        """False when the needles found in a sentence (``present``) rule a match out."""
        return all(not present.isdisjoint(clause) for clause in self.clauses)

    def spans(self, text: str, folded: str | None, start: int, end: int) -> list[tuple[int, int]]:
        """Spans of the matches in ``text[start:end]``, as ``finditer`` finds them.

        With ``folded`` (the text folded, same offsets) the case-sensitive twin runs on it
        (:attr:`Scan.lowered`), and a pattern whose matches all start with one of its heads
        (:attr:`Scan.heads`) is tried only where one occurs in the span: a pattern opening
        with ``\\b`` is otherwise tried at every character of the sentence."""
        if folded is None:
            return [m.span() for m in self.scan.regex.finditer(text, start, end)]
        lowered = self.scan.lowered
        regex, haystack = (self.scan.regex, text) if lowered is None else (lowered, folded)
        heads = self.scan.heads
        if heads is None:
            return [m.span() for m in regex.finditer(haystack, start, end)]
        starts = []
        for head in heads:
            at = folded.find(head, start, end)
            while at >= 0:
                starts.append(at)
                at = folded.find(head, at + 1, end)
        if not starts:
            return []  # the common case: none of its heads is in the sentence
        if len(heads) > 1:
            starts = sorted(set(starts))
        return [m.span() for m in _matches_until(regex, haystack, starts, end)]

    def search(self, sentence: str, folded_sentence: str | None) -> bool:
        """Whether the pattern matches in ``sentence`` (or its folded twin, when given)."""
        lowered = self.scan.lowered if folded_sentence is not None else None
        if lowered is not None:
            return lowered.search(folded_sentence) is not None
        return self.scan.regex.search(sentence) is not None


def _matches_until(regex: re.Pattern[str], text: str, starts: Iterable[int], end: int) -> Iterator[re.Match[str]]:
    """:func:`jdlint.prefilter.matches_at` within ``text[:end]``: the matches ``finditer``
    finds up to ``end`` when all of them start at one of ``starts`` (ascending)."""
    last = 0
    for at in starts:
        if at >= last:
            m = regex.match(text, at, end)
            if m is not None:
                last = m.end()
                yield m


def _gated(pattern: str) -> _Gated:
    scan = Scan(pattern, re.IGNORECASE)
    return _Gated(scan, scan.needles or ())


class _NeedleTree:
    """Needles looked for in a sentence, shortest first: one that holds another ("remote-first"
    holds "remote") is looked for only where that one occurs, as it cannot occur elsewhere."""

    def __init__(self, needles: Iterable[str]):
        ordered = sorted(set(needles), key=lambda n: (len(n), n))
        roots: list[str] = []
        children: dict[str, list[str]] = {}
        for needle in ordered:
            inner = [other for other in ordered if len(other) < len(needle) and other in needle]
            if inner:
                children.setdefault(max(inner, key=len), []).append(needle)
            else:
                roots.append(needle)
        self.roots = tuple(roots)
        self.children = {needle: tuple(more) for needle, more in children.items()}

    def present(self, folded_sentence: str) -> list[str]:
        """The needles that occur in ``folded_sentence``."""
        found = list(filter(folded_sentence.__contains__, self.roots))
        children = self.children
        for needle in found:  # grows as children are found, so grandchildren are tried too
            if needle in children:
                found.extend(filter(folded_sentence.__contains__, children[needle]))
        return found


def _needles(patterns: list[_Gated]) -> tuple[str, ...]:
    return tuple(sorted({n for g in patterns for clause in g.clauses for n in clause}))


@dataclass(frozen=True, slots=True)
class _Marker:
    mode: str
    weight: int
    pattern: _Gated
    alternative: bool = False
    needs: re.Pattern[str] | None = None


def _marker(entry: dict[str, Any]) -> _Marker:
    return _Marker(
        mode=entry["mode"],
        weight=int(entry["weight"]),
        pattern=_gated(entry["pattern"]),
        alternative=bool(entry.get("alternative", False)),
        needs=_rx(entry["needs"]) if entry.get("needs") else None,
    )


@dataclass(frozen=True, slots=True)
class _Lexicon:
    markers: tuple[_Marker, ...]
    # The needles of the patterns read only once a sentence has a marker (not_markers, skips,
    # weak): each looked for once in such a sentence.
    context_needles: tuple[str, ...]
    # Which markers a sentence may hold, by the needles of each marker's first clause (its
    # most selective): a sentence is tested for these needles only, and the markers they
    # name check their other clauses (most sentences name a few of the markers).
    first_needles: _NeedleTree
    by_first_needle: dict[str, frozenset[int]]
    unclaused: frozenset[int]  # markers without needles: always tried
    keywords: tuple[str, ...]  # a sentence without any of these has no marker
    header_words: dict[str, re.Pattern[str]]
    not_markers: tuple[_Gated, ...]
    skips: tuple[tuple[frozenset[str], _Gated], ...]
    weak: _Gated
    field_line: re.Pattern[str]
    field_keys: frozenset[str]
    boolean_keys: dict[str, str]


@dataclass(slots=True)
class _Found:
    """One marker in the text, before it becomes a Statement."""

    mode: str
    weight: int
    bonus: int
    start: int
    end: int
    sentence: tuple[int, int]
    where: str
    alternative: bool = False
    text: str | None = None  # set for front-matter markers, whose text is not in doc.text
    line: int | None = None


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    """Load and compile ``work_mode.yaml`` once per process."""
    data = load_data("work_mode.yaml")
    markers = tuple(_marker(m) for m in data["markers"])
    not_markers = tuple(_gated(p) for p in data["not_markers"])
    skips = tuple((frozenset(s["modes"]), _gated(s["pattern"])) for s in data["skip_sentences"])
    weak = _gated(data["weak_sentences"])
    labels = data["field_labels"]
    by_first_needle: dict[str, set[int]] = {}
    for i, marker in enumerate(markers):
        for clause in marker.pattern.clauses[:1]:
            for needle in clause:
                by_first_needle.setdefault(needle, set()).add(i)
    return _Lexicon(
        markers=markers,
        context_needles=_needles([*not_markers, *(g for _, g in skips), weak]),
        first_needles=_NeedleTree(by_first_needle),
        by_first_needle={needle: frozenset(ids) for needle, ids in by_first_needle.items()},
        unclaused=frozenset(i for i, m in enumerate(markers) if not m.pattern.clauses),
        keywords=tuple(k.lower() for k in data["keywords"]),
        header_words={mode: _rx(f"(?:{p})(?={data['header_follow']})")
                      for mode, p in data["header_words"].items()},
        not_markers=not_markers,
        skips=skips,
        weak=weak,
        field_line=_rx(rf"[\s*_#>|-]*(?:{labels})[\s*_]*:"),  # used with .match(text, pos)
        field_keys=frozenset(data["field_keys"]),
        boolean_keys=dict(data["boolean_keys"]),
    )


# -- segmentation ----------------------------------------------------------------------------


def sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]`` (one line), trimmed of surrounding blanks."""
    pos = start
    for m in _SENTENCE_END.finditer(text, start, end):
        yield from _trimmed(text, pos, m.start() + 1)
        pos = m.end()
    yield from _trimmed(text, pos, end)


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


# -- markers in the text ---------------------------------------------------------------------


def _present(folded_sentence: str | None, needles: tuple[str, ...]) -> set[str]:
    """Those of ``needles`` that occur in a folded sentence (all of them when it is None)."""
    if folded_sentence is None:
        return set(needles)
    return set(filter(folded_sentence.__contains__, needles))


def _candidates(text: str, folded: str | None, span: tuple[int, int], header_end: int, label_end: int,
                tag_line: bool, lex: _Lexicon) -> list[_Found]:
    """Every marker match in one sentence, before overlaps and exclusions are resolved.

    Matches starting before ``header_end`` stand in a header line and get the header bonus.
    Bare mode words ("Remote", "Hybrid") count only there or in a short tag line, and not in
    a field's label ("Remote: No") unless its value says yes. ``folded`` is the text folded
    (same offsets) or None: with it, a marker runs only when the sentence has its needles
    (most sentences have those of few markers), and as its case-sensitive twin.
    """
    start, end = span
    markers = lex.markers
    folded_sentence = None if folded is None else folded[start:end]
    found = []
    for i in _possible_markers(folded_sentence, lex):
        marker = markers[i]
        rest = marker.pattern.clauses[1:]
        if rest and folded_sentence is not None and not _has_clauses(folded_sentence, rest):
            continue  # the first clause is there (_possible_markers), another is not
        if marker.needs is not None and not marker.needs.search(text[start:end]):
            continue
        for m_start, m_end in marker.pattern.spans(text, folded, start, end):
            found.append(_found(marker.mode, marker.weight, m_start, m_end, span, header_end, marker.alternative))
    bare_end = end if tag_line else min(end, header_end)
    if start >= bare_end:
        return found
    label_yes = label_end > start and bool(_YES.match(text, label_end, end))
    for mode, rx in lex.header_words.items():
        for m in rx.finditer(text, start, bare_end):
            if m.start() >= label_end or label_yes:
                found.append(_found(mode, 3, m.start(), m.end(), span, header_end))
    for m in _GLUED.finditer(text, start, bare_end):
        mode = "onsite" if m.group(1).lower().startswith("on") else m.group(1).lower()
        found.append(_found(mode, 3, m.start(1), m.end(1), span, header_end))
    return found


def _has_clauses(folded_sentence: str, clauses: tuple[frozenset[str], ...]) -> bool:
    """Whether the sentence holds a needle of each clause."""
    contains = folded_sentence.__contains__
    return all(any(map(contains, clause)) for clause in clauses)


def _possible_markers(folded_sentence: str | None, lex: _Lexicon) -> Iterable[int]:
    """Indexes (ascending) of the markers whose first clause has a needle in the sentence:
    the others cannot match. All of them when the folded sentence is unknown (None)."""
    if folded_sentence is None:
        return range(len(lex.markers))
    ids = set(lex.unclaused)
    for needle in lex.first_needles.present(folded_sentence):
        ids |= lex.by_first_needle[needle]
    return sorted(ids)


def _found(mode: str, weight: int, start: int, end: int, span: tuple[int, int], header_end: int,
           alternative: bool = False) -> _Found:
    header = start < header_end
    return _Found(mode, weight, HEADER_BONUS if header else 0, start, end, span,
                  "header" if header else "body", alternative)


def _excluded_spans(text: str, folded: str | None, present: set[str], span: tuple[int, int],
                    lex: _Lexicon) -> list[tuple[int, int]]:
    return [found for g in lex.not_markers if g.possible(present) for found in g.spans(text, folded, *span)]


def _resolve(found: list[_Found], excluded: list[tuple[int, int]]) -> list[_Found]:
    """Drop markers inside another sense of the word; of overlapping ones keep the longest,
    which is the most specific ("flexibility on working from home" over "working from home")."""
    outside = _outside(found, excluded)
    kept: list[_Found] = []
    for cluster in _clusters(outside):
        chosen: list[_Found] = []
        for f in sorted(cluster, key=lambda f: (-(f.end - f.start), -f.weight, f.start)):
            if not any(c.start < f.end and f.start < c.end for c in chosen):
                chosen.append(f)
        kept.extend(chosen)
    return kept


def _outside(found: list[_Found], excluded: list[tuple[int, int]]) -> list[_Found]:
    """Markers overlapping no excluded span, in O(n log n) (a long input can have thousands)."""
    if not excluded:
        return found
    excluded.sort()
    starts = [s for s, _ in excluded]
    reach = list(accumulate((e for _, e in excluded), max))  # furthest end among spans so far
    out = []
    for f in found:
        i = bisect_left(starts, f.end)  # spans starting before the marker ends
        if i == 0 or reach[i - 1] <= f.start:
            out.append(f)
    return out


def _clusters(found: list[_Found]) -> Iterator[list[_Found]]:
    """Groups of markers that overlap one another (most markers are a group of one)."""
    cluster: list[_Found] = []
    end = -1
    for f in sorted(found, key=lambda f: f.start):
        if cluster and f.start >= end:
            yield cluster
            cluster = []
        cluster.append(f)
        end = max(end, f.end) if len(cluster) > 1 else f.end
    if cluster:
        yield cluster


def _adjust(found: list[_Found], sentence: str, folded_sentence: str | None, present: set[str],
            lex: _Lexicon) -> list[_Found]:
    """Apply the sentence's context: skip other roles and temporary arrangements, weaken hedges."""
    skipped = set()
    for modes, g in lex.skips:
        if g.possible(present) and g.search(sentence, folded_sentence):
            skipped |= modes
    weak = lex.weak.possible(present) and lex.weak.search(sentence, folded_sentence)
    out = []
    for f in found:
        if f.mode in skipped:
            continue
        if weak:
            f.weight = max(1, f.weight - 1)
        out.append(f)
    return out


def _absorb_hybrid(found: list[_Found]) -> list[_Found]:
    """Remote/on-site words in a sentence that states a hybrid split belong to that split."""
    hybrid = {f.sentence for f in found if f.mode == "hybrid"}
    return [f for f in found if f.mode == "hybrid" or f.alternative or f.sentence not in hybrid]


def _may_have_marker(text: str, span: tuple[int, int], lex: _Lexicon) -> bool:
    """Quick filter: most sentences contain no keyword at all, so skip the patterns there."""
    sentence = text[span[0]:span[1]].lower()
    return any(map(sentence.__contains__, lex.keywords))


def _text_markers(doc: Document, lex: _Lexicon) -> list[_Found]:
    # Markdown emphasis underscores ("_remote work_") would defeat \b; same length, same offsets.
    text = doc.text.replace("_", " ")
    folded = doc.folded.replace("_", " ")
    lines = text.splitlines(keepends=True)
    starts = [0, *accumulate(map(len, lines))]
    if len(folded) != len(text):  # never expected: fold keeps offsets; run every pattern then
        folded, wanted = None, range(len(lines))
    else:
        wanted = _keyword_lines(folded, starts, lex)
    header = _header_lines(lines)
    found: list[_Found] = []
    for i in wanted:
        start = starts[i]
        end = start + len(lines[i].rstrip("\r\n"))
        if start == end or text[start:end].isspace():
            continue
        short_top = i in header and end - start <= HEADER_CHARS
        label = lex.field_line.match(text, start, end)
        header_end = end if short_top or label else start
        label_end = label.end() if label else start
        line = text[start:end].rstrip()
        tag_line = len(line.strip()) <= TAG_LINE_CHARS and not line.endswith(".")
        for span in sentences(text, start, end):
            if not _may_have_marker(text, span, lex):
                continue
            candidates = _candidates(text, folded, span, header_end, label_end, tag_line, lex)
            if not candidates:
                continue
            folded_sentence = folded[span[0]:span[1]] if folded is not None else None
            present = _present(folded_sentence, lex.context_needles)  # all the context patterns need
            kept = _resolve(candidates, _excluded_spans(text, folded, present, span, lex))
            found.extend(_adjust(kept, text[span[0]:span[1]], folded_sentence, present, lex))
    return _absorb_hybrid(found)


def _keyword_lines(folded: str, starts: list[int], lex: _Lexicon) -> list[int]:
    """Indexes of the lines that hold a keyword, in order: only their sentences can pass
    :func:`_may_have_marker`, so the other lines are never split into sentences.

    ``starts`` are the line starts (and the text's end); a keyword never spans lines."""
    found: set[int] = set()
    for keyword in lex.keywords:
        at = folded.find(keyword)
        while at >= 0:
            line = bisect_right(starts, at) - 1
            found.add(line)
            at = folded.find(keyword, starts[line + 1])  # the line is in: go on from the next one
    return sorted(found)


def _header_lines(lines: list[str]) -> set[int]:
    """Indexes of the first ``HEADER_LINES`` non-blank lines (the header zone)."""
    header: set[int] = set()
    for i, line in enumerate(lines):
        if len(header) == HEADER_LINES:
            break
        content = line.rstrip("\r\n")
        if content and not content.isspace():
            header.add(i)
    return header


# -- markers in front matter -----------------------------------------------------------------


def _field_text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "; ".join(value)
    return None


def _field_mode(key: str, value: Any, lex: _Lexicon) -> tuple[str, bool] | None:
    """The mode a front-matter field states, and whether remote is offered as an alternative."""
    if isinstance(value, bool):
        mode = lex.boolean_keys.get(key)
        return (mode, False) if value and mode else None
    text = _field_text(value)
    if not text:
        return None
    span = (0, len(text))
    folded: str | None = fold(text)
    present = _present(folded, lex.context_needles)
    if len(folded) != len(text):  # never expected: fold keeps offsets; run every pattern then
        folded = None
    candidates = _candidates(text, folded, span, len(text), 0, True, lex)
    kept = _resolve(candidates, _excluded_spans(text, folded, present, span, lex))
    if not kept:
        return None
    best = max(kept, key=lambda f: (f.alternative, f.mode == "hybrid", f.weight))
    return best.mode, best.alternative


def _field_span(doc: Document, key: str) -> tuple[int, int, int]:
    """(start, end, line) of a front-matter key's line; offsets are only known for Markdown."""
    line = (doc.meta.get("front_matter_lines") or {}).get(key)
    if not line or not doc.offsets.identity or line > doc.lines.line_count():
        return 0, 0, 1
    start = doc.lines.line_start(line)
    end = doc.source.find("\n", start)
    end = len(doc.source) if end < 0 else end
    return start, end, line


def _field_markers(doc: Document, lex: _Lexicon) -> list[_Found]:
    found = []
    for key, value in doc.fields.items():
        norm = re.sub(r"[-_\s]", "", str(key).lower())
        if norm not in lex.field_keys:
            continue
        result = _field_mode(norm, value, lex)
        if result is None:
            continue
        mode, alternative = result
        start, end, line = _field_span(doc, key)
        found.append(_Found(mode, 3, FRONT_MATTER_BONUS, start, end, (start, end), "front matter",
                            alternative, text=f"{key}: {value}", line=line))
    return found


# -- the decision ----------------------------------------------------------------------------


def _decide(found: list[_Found]) -> str | None:
    """Remote if offered as an alternative; else the mode of the strongest marker."""
    if not found:
        return None
    if any(f.alternative for f in found):
        return "remote"
    best: dict[str, tuple[int, int, int]] = {}
    for order, f in enumerate(found):
        score = f.weight + f.bonus
        top, total, first = best.get(f.mode, (0, 0, order))
        best[f.mode] = (max(top, score), total + score, min(first, order))
    return max(best, key=lambda m: (best[m][0], best[m][1], -best[m][2]))


def _statement(doc: Document, f: _Found) -> Statement:
    details: dict[str, Any] = {"mode": f.mode, "weight": f.weight, "where": f.where}
    if f.alternative:
        details["alternative"] = True
    if f.text is not None:
        return Statement(f.text, f.line or 1, f.start, f.end, details)
    return Statement(doc.text[f.start:f.end], doc.line_of(f.start), f.start, f.end, details)


def classify_work_mode(doc: Document) -> tuple[str | None, list[Statement]]:
    """The posting's work mode ("remote" | "hybrid" | "onsite" | None) and the markers found.

    None means the posting does not say, even when the job is plainly on-site (a restaurant):
    the linter's job is to ask for the mode to be stated, not to guess it.
    """
    lex = lexicon()
    found = _field_markers(doc, lex) + sorted(_text_markers(doc, lex), key=lambda f: f.start)
    return _decide(found), [_statement(doc, f) for f in found]


def find_conflict(markers: list[Statement]) -> tuple[Statement, Statement] | None:
    """The first pair of firm markers that state different modes, or None.

    "First" means the second marker is the earliest one that contradicts something before it;
    it is paired with the earliest marker it contradicts. Remote offered as an alternative
    ("Denver or remote") does not contradict an on-site marker: the posting offers both.
    """
    alternative = any(m.details.get("alternative") for m in markers)
    first_of: dict[str, Statement] = {}
    for marker in markers:
        if marker.details.get("weight", 0) < FIRM_WEIGHT:
            continue
        mode = marker.details["mode"]
        earlier = [m for other, m in first_of.items()
                   if other != mode and not (alternative and {other, mode} == {"remote", "onsite"})]
        if earlier:
            return min(earlier, key=markers.index), marker
        first_of.setdefault(mode, marker)
    return None
