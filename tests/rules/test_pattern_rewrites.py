"""Patterns rewritten for speed find exactly what the patterns they replace found.

Each rewrite keeps its old pattern here as written before. On the rule's own examples, the
example postings, case variants of both and texts that hypothesis builds from the pattern's
words, the old pattern's ``finditer`` spans (of the group the engine reports, with the flags the
engine uses) must equal the spans of the pattern(s) that replace it, taken together and in
order. When one entry became two, their spans must also never overlap and the two entries say
the same thing, so the engine reports the same findings.

The regex engine runs a top-level ``a|b|c`` one alternative at a time and merges what they find
(:func:`jdlint.engine.kinds.regex.merged`); that must give ``finditer``'s matches too.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

try:  # Python 3.11+
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - older layouts
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

from jdlint.engine.kinds.regex import Pattern, alternatives_of, merged
from jdlint.engine.packs import load_all
from jdlint.engine.rule import Rule
from jdlint.prefilter import Scan, fold

ROOT = Path(__file__).resolve().parents[2]

# (rule id, the old pattern, the group the engine reports, the entries that replace it)
REWRITES: list[tuple[str, str, int, tuple[int, ...]]] = [
    ("bias.ability.exclusion",
     r"\b(?:free\s+(?:of|from)\s+(?:any\s+)?(?:disabilit(?:y|ies)|medical\s+conditions|physical\s+limitations)|no\s+disabled\s+(?:applicants|candidates|people))\b",
     0, (3,)),
    ("bias.age.limit",
     r"\b(?:no|not)\s+more\s+than\s+\d+\s*\+?\s*(?:years?|yrs?)(?:\s+of)?(?:\s+(?:professional|relevant|work|industry|prior))?\s+(?:experience|exp)\b",
     0, (0,)),
    ("bias.age.limit",
     r"\b(?:max(?:imum)?\.?|at\s+most)\s+(?:of\s+)?\d+\s*(?:years?|yrs?)(?:\s+of)?(?:\s+(?:professional|relevant|work|industry|prior))?\s+(?:experience|exp)\b",
     0, (1,)),
    ("bias.age.limit",
     r"\b\d+\s*(?:years?|yrs?)(?:\s+of)?(?:\s+(?:professional|relevant|work|industry|prior))?\s+(?:experience|exp)\s+(?:max(?:imum)?\b|at\s+most\b|or\s+(?:less|fewer)\b)",
     0, (2,)),
    ("bias.age.limit",
     r"\b(?:under|below|younger\s+than|no\s+older\s+than|not\s+older\s+than|not\s+over)\s+(?:the\s+age\s+of\s+(?:2[2-9]|[3-9]\d)\b|(?:2[2-9]|[3-9]\d)\s*(?:years?\s+old|years?\s+of\s+age|y\.?o\.?\b))",
     0, (6,)),
    ("bias.criminal-history",
     r"\bno\s+(?:convicted\s+)?(?:felons|felonies|felony\s+(?:convictions?|records?)|ex[-\s]?(?:offenders|cons|convicts)|criminal\s+(?:records?|history|histories|convictions?|backgrounds?)|convictions)\b",
     0, (0,)),
    ("bias.family-status",
     r"\b(?:no|without|free\s+(?:of|from))\s+(?:family|familial|childcare|child-care|caregiving|care-giving|domestic|personal)\s+(?:commitments|obligations|responsibilities|ties|constraints)\b",
     0, (0,)),
    ("bias.gendered-term.pronoun",
     r"(?m)(?:^[ \t]*(?:[-*•+][ \t]+|\d+[.)][ \t]+)?|(?<=[.!?][ \t]))((?:he|she)\s+(?:will|shall|must|should|is\s+(?:expected|required|responsible)|has\s+to|needs\s+to|'ll|’ll)\b|(?:his|her)\s+(?:main\s+|primary\s+|key\s+|daily\s+|core\s+)?(?:duties|responsibilities|tasks|candidate|candidacy)\b)",  # noqa: E501
     1, (1, 2)),
    ("bias.gendered-term.pronoun-pair",
     r"\b(?:he\s+or\s+she|she\s+or\s+he|he\s*/\s*she|she\s*/\s*he)\b|\bs/he\b|\(s\)he\b",
     0, (0,)),
    ("bias.gendered-term.pronoun-pair",
     r"\b(?:his\s+or\s+her|her\s+or\s+his|his\s*/\s*her|her\s*/\s*his)\b",
     0, (1,)),
    ("bias.gendered-term.pronoun-pair",
     r"\b(?:him\s+or\s+her|her\s+or\s+him|him\s*/\s*her|her\s*/\s*him)\b",
     0, (2,)),
    ("bias.origin",
     r"\bH-?1-?Bs?\s+(?:visa\s+)?(?:holders?\s+|candidates\s+)?only\b|\bonly\s+H-?1-?Bs?\b",
     0, (5,)),
    ("bias.origin",
     r"\b(?:USC|GC)(?:\s*(?:/|,|\bor\b|\band\b|&)\s*(?:USC|GC|GC[-\s]?EAD))*\s+only\b",
     0, (6,)),
]
IDS = [f"{rule_id}[{','.join(map(str, new))}]" for rule_id, _, _, new in REWRITES]

# Sentences each rewrite must agree on beyond the rule's own examples: matches, near misses
# ("casino felons" has no word "no") and neighbours that overlap.
SAMPLES: dict[tuple[str, int], list[str]] = {
    ("bias.ability.exclusion", 3): [
        "Candidates must be free of any disability.", "No disabled applicants; free from medical conditions.",
        "Casino disabled people, carefree of physical limitations, freefrom disabilities.",
    ],
    ("bias.age.limit", 0): [
        "No more than 5 years of experience.", "NOT MORE THAN 3+ yrs relevant exp.",
        "casino more than 5 years experience",
        "Piano not more than 2 years of prior experience; knot more than 4 years experience.",
    ],
    ("bias.age.limit", 1): [
        "Max 3 years experience.", "Maximum. of 4 yrs of work exp", "at most 2 years of professional experience",
        "what most 5 years experience; flat  most 6 yrs exp; max. 7 years industry experience",
    ],
    ("bias.age.limit", 2): [
        "3 years experience max", "5 yrs of relevant exp at most",
        "2 years experience or less, 10 years of experience or fewer",
        "A35 years experience max; 3 4 years experience maximum; x5 yrs exp at most",
    ],
    ("bias.age.limit", 6): [
        "under 30 years old", "below the age of 35", "younger than 40 y.o.", "no older than 45 years of age",
        "not older than 50", "Not over 35 years old", "piano older than 30 years old", "cannot over 30 yo",
        "not over the age of 40, under 22yo, below 99 y.o",
    ],
    ("bias.criminal-history", 0): [
        "No felons.", "no convicted felons", "No ex-cons, no ex cons, no excons", "No criminal records",
        "casino felons", "No felony records; no convictions; piano criminal history",
    ],
    ("bias.family-status", 0): [
        "no family commitments", "Without childcare obligations", "free from personal ties",
        "free of care-giving constraints",
        "piano family ties", "carefree of family ties",
    ],
    ("bias.gendered-term.pronoun", 1): [
        "He will manage the store.",
        "- He will open.\n• She must close.\n1. His duties include\n  2) her main duties are",
        "We grew. She is expected to lead! He has to travel? His key tasks: none.", "He 'll go. She ’ll stay.",
        "He\nwill go.\nShe\n is responsible", "the chef said he will", "Their duties.  He will",
        "5. He will go", "  12. his duties", "3.  She will", "1) He will", "12.5. He will", "\nHe will",
    ],
    ("bias.gendered-term.pronoun-pair", 0): [
        "he or she", "She/he will", "s/he", "(s)he", "the/she", "she or he or she / he", "he/she/he",
    ],
    ("bias.gendered-term.pronoun-pair", 1): [
        "his or her", "her / his", "His/Her", "this/her", "other or his", "her or his or her",
    ],
    ("bias.gendered-term.pronoun-pair", 2): [
        "him or her", "her/him", "Him / her", "whim or her", "her or him or her",
    ],
    ("bias.origin", 5): [
        "H-1B only", "H1B visa holders only", "only H1Bs", "Only H-1-B", "bH1B only", "only H1B only H1B",
        "H1B only H1B",
    ],
    ("bias.origin", 6): [
        "USC only", "USC/GC only", "GC or USC only", "USC, GC, GC EAD only", "abc gc only", "USC & GC-EAD only",
    ],
}


@lru_cache(maxsize=1)
def rules() -> dict[str, Rule]:
    return {r.id: r for r in load_all([])}


def flags_of(rule: Rule) -> int:
    """The flags ``kinds.regex.compile`` gives a rule's patterns."""
    return re.IGNORECASE if rule.data.get("ignorecase", True) else 0


def old_spans(old: str, group: int, rule: Rule, text: str) -> list[tuple[int, int]]:
    return [m.span(group) for m in re.compile(old, flags_of(rule)).finditer(text)]


def new_spans(rule: Rule, indexes: tuple[int, ...], text: str) -> list[tuple[int, int]]:
    """The replacing entries' spans together, in order, checked against the engine's own path
    (prefilter, case-folded twin, alternatives run one by one) on the way."""
    found = []
    for i in indexes:
        pattern: Pattern = rule.compiled.patterns[i]
        plain = [m.span(pattern.group) for m in pattern.regex.regex.finditer(text)]
        assert pattern.spans(text, fold(text)) == plain, (rule.id, i, text)
        found += plain
    return sorted(found)


def variants(text: str) -> list[str]:
    return [text, text.upper(), text.lower(), text.title(), text.swapcase()]


@lru_cache(maxsize=1)
def example_postings() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*"))
            if p.is_file() and p.suffix in {".md", ".txt"}]


def test_replacements_are_where_the_table_says() -> None:
    """Each replacing entry differs from the old pattern and, when one became two, the two say
    the same thing (suggestion, message, fix, group), so a finding reads the same."""
    for rule_id, old, group, indexes in REWRITES:
        rule = rules()[rule_id]
        entries = [rule.compiled.patterns[i] for i in indexes]
        assert all(e.regex.pattern != old for e in entries), (rule_id, indexes)
        assert all(e.group == group for e in entries)
        assert len({(e.suggestion, e.message, e.fix) for e in entries}) == 1, (rule_id, indexes)


@pytest.mark.parametrize(("rule_id", "old", "group", "indexes"), REWRITES, ids=IDS)
def test_same_spans_on_examples(rule_id: str, old: str, group: int, indexes: tuple[int, ...]) -> None:
    rule = rules()[rule_id]
    texts = [*SAMPLES[(rule_id, indexes[0])], *rule.examples_fail, *rule.examples_pass, *example_postings()]
    hits = 0
    for text in (v for t in texts for v in variants(t)):
        want = old_spans(old, group, rule, text)
        assert new_spans(rule, indexes, text) == want, (rule_id, text[:200])
        hits += bool(want)
    assert hits >= 5, f"{rule_id}: too few examples exercise the rewrite"


def words_of(pattern: str) -> list[str]:
    """The literal words of a pattern ("no", "older", "s/he"), its escapes taken out."""
    text = re.sub(r"\\[a-zA-Z]", " ", pattern)
    return sorted(set(re.findall(r"[A-Za-z0-9]+(?:['’/-][A-Za-z0-9]+)*", text)))


PIECES = ["5", "30", "35", "18", "1995", "2023", "10+", "'ll", "’ll", "(s)he", "s/he", "H-1B", "H1B", "ex-cons",
          "child-care", "y.o.", "max.", "•", "-", "*", "+", "1.", "2)", "&", ",", "/", ":", "\"", "Paul"]
SEPARATORS = [" ", " ", " ", "  ", "\n", "\n  ", "\t", ". ", "! ", "? ", ", ", "/", " / ", "-", ""]


@pytest.mark.parametrize(("rule_id", "old", "group", "indexes"), REWRITES, ids=IDS)
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_same_spans_on_texts_built_from_the_words(rule_id: str, old: str, group: int, indexes: tuple[int, ...],
                                                  data: st.DataObject) -> None:
    rule = rules()[rule_id]
    words = words_of(old) + PIECES
    tokens = data.draw(st.lists(st.sampled_from(words), min_size=1, max_size=14))
    text = ""
    for token in tokens:
        case = data.draw(st.sampled_from([str, str, str.upper, str.title]))
        text += case(token) + data.draw(st.sampled_from(SEPARATORS))
    assert new_spans(rule, indexes, text) == old_spans(old, group, rule, text)


# -- alternatives run one by one -------------------------------------------------------------------


def plain(pattern: str, text: str, flags: int = re.IGNORECASE) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(pattern, text, flags)]


@pytest.mark.parametrize(("alternatives", "text"), [
    # the first alternative's match hides the start of the second's, which has another match
    # starting inside its own first one: found by searching again
    ((r"\baaa\s+bbb\b", r"\bb\w*(?:\s+\w+){2}"), "aaa bbb ccc bdd eee fff"),
    # both match at the same offset: the earlier alternative wins, whatever its length
    ((r"\bab\w*", r"\ba\w*\s+\w+"), "xx abc def abc"),
    ((r"\ba\w*\s+\w+", r"\bab\w*"), "xx abc def abc"),
    # one alternative only, then none
    ((r"\bfoo\b", r"\bqux\b"), "foo foo bar"),
    ((r"\bfoo\b", r"\bqux\b"), "nothing here"),
    # "Frequent lifting, must be able to lift 50 lbs": an earlier alternative inside a later one
    ((r"\bmust\s+lift\s+\d+\s*lbs\b", r"\bfrequent\s+lifting[^.]{0,40}?\d+\s*lbs\b"),
     "Frequent lifting, must lift 50 lbs. Must lift 20 lbs."),
])
def test_merged_alternatives_find_what_the_whole_pattern_finds(alternatives: tuple[str, ...], text: str) -> None:
    scans = tuple(Scan(a, re.IGNORECASE) for a in alternatives)
    assert merged(scans, text, fold(text)) == plain("|".join(alternatives), text)


def test_patterns_run_whole_when_splitting_cannot_help_or_would_change_matches() -> None:
    def split(pattern: str, group: int = 0) -> tuple[Scan, ...] | None:
        return alternatives_of(Scan(pattern, re.IGNORECASE), group)

    assert split(r"\bno\s+felons\b|\bfelony[-\s]free\b") is not None
    assert split(r"\bcurrent\s+salary\b|\bprior\s+salary\b") is None  # the whole has start words
    assert split(r"\bno\s+x\b|\bat\s+y\b") is None  # no alternative has start words
    assert split(r"\bno\s+(felons)\b|\bfelony[-\s]free\b") is None  # a group: numbering would change
    assert split(r"\bno\s+felons\b|\bfelony[-\s]free\b", group=1) is None
    assert split(r"\bno\s+felons\b|\bfelony\b|\s*") is None  # an alternative that matches nothing
    assert split(r"\bno\s+felons\b") is None  # not a list of alternatives
    verbose = split("(?x) \\bno \\s+ felons  # no felons\n | \\bfelony [-\\s] free")
    assert verbose is not None and len(verbose) == 2


@lru_cache(maxsize=1)
def split_patterns() -> list[tuple[str, Pattern]]:
    return [(f"{r.id}[{i}]", p) for r in load_all([]) if r.kind == "regex"
            for i, p in enumerate(r.compiled.patterns) if p.alternatives is not None]


def test_shipped_split_patterns_find_what_the_whole_pattern_finds() -> None:
    assert len(split_patterns()) >= 5
    texts = [t for r in load_all([]) for t in (*r.examples_fail, *r.examples_pass)] + example_postings()
    for name, pattern in split_patterns():
        for text in (v for t in texts for v in variants(t)):
            whole = [m.span() for m in pattern.regex.regex.finditer(text)]
            assert pattern.spans(text, fold(text)) == whole, (name, text[:200])


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_split_patterns_on_texts_built_from_their_words(data: st.DataObject) -> None:
    name, pattern = data.draw(st.sampled_from(split_patterns()))
    words = words_of(pattern.regex.pattern) + PIECES
    tokens = data.draw(st.lists(st.sampled_from(words), min_size=1, max_size=16))
    text = "".join(t + data.draw(st.sampled_from(SEPARATORS)) for t in tokens)
    whole = [m.span() for m in pattern.regex.regex.finditer(text)]
    assert pattern.spans(text, fold(text)) == whole, name


def test_rewritten_patterns_keep_their_fast_paths() -> None:
    """What the rewrites are for: start words the prefilter can use, alternatives run one by one
    and patterns that open with literal text (searched for at C speed)."""
    pair = rules()["bias.gendered-term.pronoun-pair"].compiled.patterns
    assert pair[1].regex.heads == ("her", "his")
    assert pair[2].regex.heads == ("her", "him")
    for rule_id, index in [("bias.ability", 0), ("bias.ability.exclusion", 3), ("bias.age.limit", 1),
                           ("bias.age.limit", 6), ("bias.family-status", 0), ("bias.gendered-term.pronoun-pair", 0),
                           ("bias.origin", 5), ("bias.origin", 6)]:
        assert rules()[rule_id].compiled.patterns[index].alternatives is not None, (rule_id, index)
    for rule_id, index in [("bias.age.limit", 0), ("bias.age.limit", 2), ("bias.criminal-history", 0),
                           ("bias.gendered-term.pronoun", 1)]:
        scan = rules()[rule_id].compiled.patterns[index].regex
        assert opens_with_text(list(sre_parse.parse(scan.pattern, scan.flags))), (rule_id, index)


def opens_with_text(items: list) -> bool:
    """Whether every match opens with a given character (or one of a class), not with \\b or ^:
    what lets Python's regex search skip to the places where the pattern can start."""
    op, av = items[0]
    if op is sre_constants.SUBPATTERN:
        return opens_with_text(list(av[-1]))
    if op is sre_constants.BRANCH:
        return all(opens_with_text(list(alternative)) for alternative in av[1])
    return op in (sre_constants.LITERAL, sre_constants.IN)
