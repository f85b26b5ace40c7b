"""Where the job is: places a posting names as its place of work, not every place it mentions.

A posting names many places that are not where the job is: the company's headquarters,
its office list, customers "in 40 countries", a newspaper ("The Washington Post"), a
framework ("Phoenix"), a verb ("Reading"). Pay-transparency rules hang off the answer, so
precision matters more than recall, and a place counts only in a context that says "this
is where the work is":

* a location field: front matter ``location:``, a "Location: ..." line (German "Standort:",
  French "Lieu :" and the like too);
* a self-evident pattern: "Denver, CO", "Austin TX 78705", "Burlington, Vermont", "Hamburg,
  Deutschland" (unless introduced by "headquartered in", "founded in", "offices in"...);
* a cue before it: "based in", "relocate to", "live in", "anywhere in", "work from"...;
* the word remote next to it: "Remote (US)", "Remote – EMEA", "Germany (remote)";
* a time-zone band: "US time zones", "UTC-1 to UTC+3";
* the header of the posting (title and tag lines above the first paragraph), for names that
  cannot be anything else: countries, states, regions ("Senior Engineer – Canada").

Names come from :mod:`jdlint.facts.gazetteer`. A pattern is tried only where it can match: at
the words its matches start with, found with ``str.find`` on the lower-cased text, since a
full regex pass over a posting costs far more; name lookups are remembered across postings.
No pattern backtracks over more than a bounded stretch of text.
"""

from __future__ import annotations

import bisect
import itertools
import re
import string
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, ClassVar, NamedTuple

from jdlint.document import Document
from jdlint.facts.gazetteer import MIN_CITY_POPULATION, Gazetteer, Place, fold, gazetteer
from jdlint.model import Location
from jdlint.prefilter import fold as fold_case
from jdlint.prefilter import lowered_source
from jdlint.prefilter import matches_at as _matches_at
from jdlint.prefilter import occurrences as _occurrences

# -- evidence strength: which of two overlapping findings wins ---------------------------------
_RANK_HEADER = 1
_RANK_CUE = 2
_RANK_PATTERN = 3
_RANK_FIELD = 3
_RANK_FRONT_MATTER = 4

#: Cities mentioned after a weak cue ("work in X") must be at least this large.
_WEAK_CUE_POPULATION = 100_000
#: How far a cue's negation ("our offices are located in") may stand before it.
_NEGATION_WINDOW = 300
#: Non-empty lines at the top that may form the header (title, company, tag lines).
_HEADER_MAX_LINES = 10
_HEADER_MAX_CHARS = 100
_HEADER_SCAN = 1_500  # characters read for the header before splitting the whole text into lines
#: Longer "Location:" values are prose; only cues and patterns are trusted inside them.
_FIELD_VALUE_SHORT = 80


# -- trying a pattern only where it can match ----------------------------------------------------
#
# A pattern that opens with ``\b`` or with a choice of words gets no help from sre's prefix
# search: it is attempted at every character, ~0.05 ms per posting for a small pattern and
# ~0.5 ms for the cue pattern. Every match of such a pattern starts with one of a few words,
# though. ``str.find`` on the folded text (``Document.folded``: lower-cased, same offsets)
# finds those at memory speed, and the pattern is attempted there only. Words a posting lacks
# are not even searched for: one pass lists the posting's words (runs of the letters a-z).


@dataclass(frozen=True, slots=True)
class _Start:
    """Matches of a pattern may start where ``text`` occurs in the folded posting, provided
    the posting has, for each group in ``needs``, one of its words (whole words, runs of a-z:
    the words the match starts with, and later words it must contain)."""

    text: str
    needs: tuple[tuple[str, ...], ...]


def _whole_words(*words: str) -> tuple[_Start, ...]:
    """Starts that are whole words of their own."""
    return tuple(_Start(w, ((w,),)) for w in words)


class _Starts:
    """All the starts of one pattern, indexed by the words of their first group, so a posting
    is checked against them with one set intersection instead of a test per start."""

    def __init__(self, *starts: _Start):
        self.always = frozenset(start.text for start in starts if not start.needs)
        direct: dict[str, list[str]] = {}  # word -> the texts it allows on its own
        guarded: dict[str, list[tuple[str, tuple[frozenset[str], ...]]]] = {}  # ... with later groups
        for start in starts:
            if start.needs:
                later = tuple(frozenset(group) for group in start.needs[1:])
                for word in start.needs[0]:
                    if later:
                        guarded.setdefault(word, []).append((start.text, later))
                    else:
                        direct.setdefault(word, []).append(start.text)
        self.direct = {word: tuple(texts) for word, texts in direct.items()}
        self.guarded = {word: tuple(entries) for word, entries in guarded.items()}
        self.first_words = frozenset(direct) | frozenset(guarded)
        _asks_about({word for start in starts for group in start.needs for word in group})

    def texts(self, folded: str) -> set[str]:
        """The start texts the posting's words allow."""
        words = _seen(folded).words
        texts = set(self.always)
        for word in self.first_words.intersection(words):
            texts.update(self.direct.get(word, ()))
            for text, later in self.guarded.get(word, ()):
                if all(not words.isdisjoint(group) for group in later):
                    texts.add(text)
        return texts

    def offsets(self, folded: str) -> Iterator[int]:
        """Where the allowed start texts occur (unordered, maybe repeated)."""
        for text in self.texts(folded):
            yield from _occurrences(folded, text)

    def positions(self, folded: str) -> list[int]:
        """Ascending offsets where a match may start."""
        found: set[int] = set()
        for text in self.texts(folded):
            found.update(_occurrences(folded, text))
        return sorted(found)


# UTF-8 bytes: a-z stay, everything else (other characters, each byte of a non-ASCII one) is a space.
_LETTER_BYTES = bytes(i if 97 <= i <= 122 else 32 for i in range(256))


def _letter_runs(folded: str, vocabulary: frozenset[str]) -> frozenset[str]:
    """The runs of a-z in the text that are in ``vocabulary``. A match that starts after
    ``\\b`` with a word ("based") followed by a non-letter starts a run equal to that word."""
    letters = folded.encode("utf-8", "surrogatepass").translate(_LETTER_BYTES).decode("ascii")
    return vocabulary.intersection(letters.split())


class _Vocabulary:
    """Every word the finders ask about a text's words (see :func:`_asks_about`): a text's
    words are kept only if they are among these, which saves building a set of all of them.
    (version, words): one tuple, replaced whole, so threads never see half an update."""

    current: tuple[int, frozenset[str]] = (0, frozenset())


def _asks_about(words: Iterable[str]) -> None:
    """Declare words a finder will look up in ``_seen(folded).words``: a word not declared
    would never be found there."""
    version, known = _Vocabulary.current
    grown = known.union(words)
    if len(grown) != len(known):
        _Vocabulary.current = (version + 1, grown)


class _Seen:
    """What the finders learned about one folded text: its words (those asked about)."""

    __slots__ = ("text", "version", "words")

    def __init__(self, folded: str):
        self.text = folded
        self.version, vocabulary = _Vocabulary.current
        self.words = _letter_runs(folded, vocabulary)


class _Reading:
    """The last two texts read (a posting and a front-matter value take turns), most recent
    first; one tuple, replaced whole, so threads never see half an update."""

    recent: tuple[_Seen, _Seen] = (_Seen(""), _Seen(""))


def _seen(folded: str) -> _Seen:
    latest, earlier = _Reading.recent
    version = _Vocabulary.current[0]
    if latest.text is folded and latest.version == version:
        return latest
    seen = earlier if earlier.text is folded and earlier.version == version else _Seen(folded)
    _Reading.recent = (seen, latest)
    return seen


def _matches_guarded(regex: re.Pattern[str], text: str, guard: Callable[[str, int], bool],
                     start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
    """``finditer`` of a pattern that opens with a test of the character before the match
    (``\\b``, a lookbehind), that test being ``guard`` here: without it in front, sre can skip
    ahead to the pattern's possible first characters. Matches must not be empty."""
    end = len(text) if end is None else end
    pos = start
    while (m := regex.search(text, pos, end)) is not None:
        if guard(text, m.start()):
            yield m
            pos = m.end()
        else:
            pos = m.start() + 1


def _after_non_word(text: str, pos: int) -> bool:
    """``\\b`` before a word character."""
    return pos == 0 or not (text[pos - 1].isalnum() or text[pos - 1] == "_")


def _after_non_word_or_dot(text: str, pos: int) -> bool:
    """``(?<![\\w.])``."""
    return _after_non_word(text, pos) and text[pos - 1 : pos] != "."


def _lines_with(folded: str, positions: Iterable[int]) -> list[tuple[int, int]]:
    """The lines (start, end without the newline) holding these offsets, in order, once each."""
    lines: list[tuple[int, int]] = []
    last_end = -1
    for pos in sorted(positions):
        if pos <= last_end:
            continue
        start = folded.rfind("\n", 0, pos) + 1
        end = folded.find("\n", pos)
        last_end = len(folded) if end < 0 else end
        lines.append((start, last_end))
    return lines


# A word: "U.S." or a run of word characters (with inner dashes). Written as one first
# character, then the rest of either form, which is r"(?:[A-Za-z]\.){2,}|[^\W_][\w'’]{0,40}(?:-...)"
# tried in that order: opening with a character class lets sre skip to the next word in C.
_WORD = re.compile(r"[^\W_](?:(?<=[A-Za-z])\.(?:[A-Za-z]\.)+|[\w'’]{0,40}(?:-[^\W_][\w'’]{0,40}){0,4})")
_GLUE = re.compile(r"(?<=[a-z])(?=[A-Z])")
_CONNECTORS = frozenset({"of", "and", "the", "de", "del", "da", "do", "du", "la", "le", "am", "im",
                         "an", "der", "upon", "on", "sur", "en", "y", "&"})
_STREET = frozenset(fold(w) for w in (
    "St", "Street", "Rd", "Road", "Ave", "Avenue", "Blvd", "Boulevard", "Lane", "Ln", "Dr", "Drive",
    "Way", "Hwy", "Highway", "Pkwy", "Parkway", "Ct", "Court", "Pl", "Place", "Sq", "Square",
    "Suite", "Ste", "Floor", "Fl", "Building", "Bldg", "Plaza", "Center", "Centre"))
# Capitalised words that may stand next to a place without making it part of a longer name.
_NEIGHBOURS_OK = frozenset(fold(w) for w in (
    "Only", "Area", "Metro", "Region", "Office", "Offices", "Remote", "Remotely", "Hybrid", "Onsite",
    "On-site", "Or", "And", "Time", "Timezone", "Timezones", "Preferred", "Based", "Candidates",
    "Residents", "Applicants", "Citizens", "Required", "Eligible", "Location", "Locations", "Wide",
    "The", "In", "From", "Within", "Across", "Throughout", "Located", "Greater", "Downtown",
    "Eastern", "Western", "Northern", "Southern", "Central", "North", "South", "East", "West",
    "Anywhere", "Near", "Around", "To", "At", "Work", "Working", "Fully", "Part", "Full", "Hub",
    "Zone", "Zones", "Hours", "Standard", "Metropolitan", "Bay"))

# "Location: ...", "**Work location:** ...", "Location(s): ..." at a line start or after " - ";
# German "Standort:", "Arbeitsort:", "Einsatzort:", "Dienstort:" (Austria), "Ort:" and French
# "Lieu :", "Lieu de travail :" too, which French typography sets with a no-break space before
# the colon. "Ort" and "Lieu" are words of prose as well ("vor Ort", "in lieu of"): only as the
# whole label, at the start of a line and before the colon, do they name a field.
_FIELD_SOURCE = (
    r"(?:^|(?<=[ \t][-–—|•·][ \t]))[ \t>*_#|-]{0,8}(?:\*\*|__)?[ \t]*"
    r"(?:(?:job|work|office|primary|position|role|preferred|hiring|candidate|applicant)[ \t]+)?"
    r"(?:locations?|location\(s\)|based[ \t]+in|place[ \t]+of[ \t]+work|workplace|duty[ \t]+station"
    r"|city|country|region"
    r"|standorte?|arbeitsorte?|einsatzorte?|dienstorte?|ort|lieu(?:[ \t]+de[ \t]+travail)?)"
    r"[ \t\u00a0\u202f]*(?:\*\*|__)?[ \t]*[:：][ \t\u00a0\u202f]*(?:\*\*|__)?[ \t]*"
)
_FIELD = re.compile(_FIELD_SOURCE, re.I | re.M)
_FIELD_FOLDED = re.compile(_FIELD_SOURCE, re.M)
# Every field has a colon and one of these words on its line.
_FIELD_WORDS = _Starts(
    _Start("location", (("location", "locations"),)),
    _Start("place", (("place", "workplace"),)),
    *_whole_words("based", "duty", "city", "country", "region", "ort", "lieu"),
    *(_Start(w, ((w, w + "e"),)) for w in ("standort", "arbeitsort", "einsatzort", "dienstort")),
)
_FIELD_VALUE_END = re.compile(r"(?<=[a-z)\]])(?=[A-Z][a-z]+:)")
_NOT_A_PLACE = re.compile(
    r"(?i)\b(?:remote(?:ly)?|hybrid|on-?site|in[- ]office|office|flexible|tb[ad]|n/?a|none|various"
    r"|multiple|negotiable|anywhere|worldwide|global(?:ly)?|home|wfh|virtual|distributed|telecommut\w*"
    r"|see below|to be (?:determined|confirmed)|any|unknown|confidential"
    r"|homeoffice|mobiles[ \t]+arbeiten|vor[ \t]+ort|flexibel|nach[ \t]+vereinbarung|t[ée]l[ée]travail"
    r"|[àa][ \t]+distance)\b"
)
_ADDRESS = re.compile(r"^\d{1,6}[A-Za-z]?[ \t]+\S")

# Cues: the words that say the place after them is where the work (or the worker) is.
# Group "who": the place is where applicants must be (a remote region).
_CUE_SOURCE = (
    r"\b(?:"
    r"(?P<who>(?:live|living|reside|residing|resident|residents|domiciled)[ \t]+(?:in|within|of)"
    r"|anywhere[ \t]+(?:in|within|across)"
    r"|(?:must|should|need[ \t]+to|have[ \t]+to)[ \t]+be[ \t]+(?:located|based|living|residing)?[ \t]*in"
    r"|(?:who|you)[ \t]+(?:are|is|'re|’re)[ \t]+(?:currently[ \t]+)?(?:located|based|living|residing)[ \t]+in"
    r"|(?:candidates|applicants|people)[ \t]+(?:located|based|living|residing)[ \t]+in"
    r"|time[- ]?zones?[ \t]+(?:in|of|within|across|covering|around)"
    r"|open[ \t]+(?:only[ \t]+)?to[ \t]+(?:candidates|applicants|people|residents|anyone|everyone)[ \t]+"
    r"(?:in|from|of|(?:based|located|living)[ \t]+in))"
    r"|(?P<strong>based[ \t]+(?:in|out[ \t]+of|at)|located[ \t]+(?:in|at)|situated[ \t]+in"
    r"|relocat(?:e|ing|ion)[ \t]+to|move[ \t]+to"
    r"|(?:in-person|in[ \t]+person|on-?site|on[ \t]+site|in-office)[ \t]+(?:in|at)"
    r"|(?:office|location)[ \t]+(?:is[ \t]+)?(?:located[ \t]+)?(?:in|at)"
    r"|commut(?:e|able|ing)[ \t]+(?:distance[ \t]+)?(?:to|of|from)"
    r"|(?:job|role|position|opening|vacancy|opportunity)[ \t]+(?:is[ \t]+)?(?:located[ \t]+|based[ \t]+)?in"
    r"|hiring(?:[ \t]+(?!in\b)[A-Za-z'’-]{1,30}){0,4}[ \t]+in"
    r"|join[ \t]+(?:us|our[ \t]+team|the[ \t]+team)[ \t]+in)"
    r"|(?P<weak>work(?:ing|s)?[ \t]+(?:from|in|out[ \t]+of|within))"
    r")\b"
)
_CUE = re.compile(_CUE_SOURCE, re.I)
_CUE_FOLDED = re.compile(_CUE_SOURCE)
_PARTICIPLES = ("located", "based", "living", "residing")  # "you are based in", "people living in"
# The words every cue starts with ("in person" and "on site": found by "in ", "on ").
_CUE_STARTS = _Starts(
    _Start("liv", (("live", "living"),)),
    _Start("resid", (("reside", "residing", "resident", "residents"),)),
    *_whole_words("domiciled", "anywhere", "must", "should", "need", "have", "based", "located", "situated",
                  "move", "office", "location", "job", "role", "position", "vacancy", "opportunity", "hiring",
                  "join", "onsite"),
    *(_Start(w, ((w,), _PARTICIPLES)) for w in ("who", "you", "candidates", "applicants", "people")),
    _Start("time", (("time", "timezone", "timezones"), ("zone", "zones", "timezone", "timezones"))),
    _Start("open", (("open", "opening"),)),
    _Start("relocat", (("relocate", "relocating", "relocation"),)),
    _Start("commut", (("commute", "commutable", "commuting"),)),
    _Start("work", (("work", "working", "works"),)),
    *(_Start(w, (("person",),)) for w in ("in-person", "in ", "in\t")),
    *(_Start(w, (("site",),)) for w in ("on-site", "on ", "on\t")),
    _Start("in-office", (("office",),)),
)
_CUE_GAP = re.compile(
    r"[ \t]*(?:[*_\"“(]{1,3}[ \t]*)?"
    r"(?:(?:a[ \t]+)?\d{1,3}[ \t]*(?:miles?|mi|km|kilomet(?:er|re)s?|minutes?|mins?)[ \t]+"
    r"(?:radius[ \t]+)?(?:of|from)[ \t]+)?"
    r"(?:(?:the|our|beautiful|sunny|vibrant|central|downtown)[ \t]+)?"
    r"(?:(?:[A-Z][\w'’-]{0,30}[ \t]+)?(?:heart|center|centre|city|area|region|outskirts|suburbs?"
    r"|neighbou?rhood|district|county|state|province|part|town|village)[ \t]+of[ \t]+(?:the[ \t]+)?)?"
)
# Words before a cue that make the place someone else's: HQ, office lists, customers...
_NEGATION_SOURCE = (
    r"\b(?:headquarter\w*|hq|hq['’]d|head[ \t]+office|founded|offices|customers?|clients?|users"
    r"|partners|investors|subsidiar\w*|branches|sales[ \t]+teams?|teams|members|students|born"
    r"|grew[ \t]+up|studied|graduated|universit\w*|conferences?|events?|trips?|stores|restaurants"
    r"|countries|expan\w*|markets?|listed|hubs|sites|campuses|facilities|experience|familiarity|knowledge"
    r"|background|travel\w*|visit\w*|offsites?|retreats?)\b"
)
_NEGATION_FOLDED = re.compile(_NEGATION_SOURCE)
_LIST_SEP = re.compile(
    r"[ \t]*(?:,[ \t]*(?:(?:and|or|&)[ \t]+)?|[ \t]+(?:and|or|&)[ \t]+|[ \t]*[/|·•;][ \t]*)"
    r"(?:the[ \t]+|The[ \t]+)?"
)

# A work-mode word next to a place: "Remote (US)", "Hybrid - London", "Berlin (on-site)".
_MODE = re.compile(
    r"(?i)\b(?:(?P<remote>(?:fully[ \t]+|100[ \t]?%[ \t]+|part[- ])?remote(?:ly)?)"
    r"|hybrid|on-?site|on[ \t]site|in-office|in-person|office-based)\b"
)
_REMOTE_WORDS = ("remote", "remotely")
_MODE_STARTS = _Starts(
    _Start("fully", (("fully",), _REMOTE_WORDS)),
    _Start("100", (_REMOTE_WORDS,)),
    _Start("part", (("part",), _REMOTE_WORDS)),
    _Start("remote", (_REMOTE_WORDS,)),
    *_whole_words("hybrid", "onsite"),
    *(_Start(w, (("site",),)) for w in ("on-site", "on site", "on\tsite")),
    _Start("in-office", (("office",),)),
    _Start("in-person", (("person",),)),
    _Start("office-based", (("office",), ("based",))),
)
_REMOTE_AFTER = re.compile(
    r"(?i)[ \t]*(?:\(|\[|[-–—:|/,][ \t]*"
    r"|[ \t]+(?:(?:work|working|role|position|job|only|ok|friendly|opportunity|first|employees?|team"
    r"|candidates|applicants|hires?|talent|workers|engineers|people)[ \t]+)?"
    r"(?:in|from|within|across|throughout|anywhere[ \t]+in|based[ \t]+in"
    r"|for[ \t]+(?:candidates|applicants|people)[ \t]+(?:in|from|based[ \t]+in)))"
    r"[ \t]*(?:the[ \t]+)?"
)
# "in our Chicago office", "at the London studio": a place named as the office you work in.
# r"\b(?:in|at|from|to|into)[ \t]+(?:our|the|your)[ \t]+", each word behind its first letter
# (with the \b after it) so that sre skips in C to the letters a match can start with.
_OFFICE_BEFORE_FOLDED = re.compile(
    r"(?:i(?<!\w.)(?:n|nto)|a(?<!\w.)t|f(?<!\w.)rom|t(?<!\w.)o)[ \t]+(?:our|the|your)[ \t]+")
_OFFICE_AFTER = re.compile(
    r"(?i)[ \t]+(?:office|studio|hub|campus|site|branch|store|clinic|plant|warehouse)\b(?!s)")
_OFFICE_WORDS = _Starts(*_whole_words(
    "office", "studio", "hub", "campus", "site", "branch", "store", "clinic", "plant", "warehouse"))
# "US-based candidates", "EU-based applicants": where the applicants must be.
# "Ohio residents only", "UK applicants welcome" -- but not "California residents: see our
# privacy notice", which every US posting carries.
_BASED_WHO = re.compile(
    r"(?:-|[ \t])based[ \t]+(?:candidates|applicants|people|individuals|hires?|talent|employees|engineers"
    r"|developers|professionals|contractors|freelancers|team[ \t]+members|roles?|positions?)\b"
    r"|(?<![ \t])[ \t]+(?:residents?|applicants|candidates)[ \t]+(?:only|preferred|welcome|encouraged|are[ \t]+"
    r"(?:eligible|welcome|encouraged|preferred)|may[ \t]+apply|can[ \t]+apply|must)\b",
    re.IGNORECASE,
)
_REMOTE_BEFORE_GAP = re.compile(r"(?:[ \t]*[(\[][ \t]*|[ \t]*[-–—|/,:][ \t]*|[ \t]+)\Z")
_MENTIONS_REMOTE = re.compile(
    r"(?i)\bremote(?:ly)?\b|\bwork(?:ing)?[ \t]+from[ \t]+(?:home|anywhere)\b|\bWFH\b|\btelecommut"
    r"|\bdistributed[ \t]+team"
)
_MENTIONS_REMOTE_STARTS = _Starts(
    _Start("remote", (_REMOTE_WORDS,)),
    _Start("work", (("work", "working"), ("from",), ("home", "anywhere"))),
    *_whole_words("wfh", "distributed"),
    _Start("telecommut", ()),  # any word that begins so
)

# "City, ST", "City ST 12345", "City, Country": a comma (or the space before a state and ZIP).
# The capital after the comma may be a Latin-1 one: "Wien, Österreich", "Paris, Île-de-France".
_COMMA_CAP = re.compile(r",[ \t]{0,3}(?=[A-ZÀ-ÖØ-Þ])|[ \t]{1,3}(?=[A-Z]{2}[ \t]{1,3}\d{5}\b)")
# Where _COMMA_CAP can start: these have a first character sre searches for quickly.
_COMMA_BEFORE_CAPITAL = re.compile(r",(?=[ \t]{0,3}[A-ZÀ-ÖØ-Þ])")
_CODE_AND_ZIP = re.compile(r"[A-Z]{2}[ \t]{1,3}\d{5}\b")
_CODE = re.compile(r"([A-Z]{2})(?![\w'’])")
_POSTCODE = re.compile(r"[ \t]{1,3}(?:\d{5}(?:-\d{4})?|[A-Z]\d[A-Z][ \t]?\d[A-Z]\d)\b")

# Time-zone patterns open after a non-word character; _matches_guarded checks that (a leading
# \b or lookbehind would keep sre from searching for the first letter).
_TZ_OFFSET = re.compile(
    r"(?:UTC|GMT)[ \t]?[+\-−±][ \t]?\d{1,2}(?:[:.][0-5]\d)?"
    r"(?:[ \t]*(?:to|-|–|and|through)[ \t]*(?:(?:UTC|GMT)[ \t]?)?[+\-−±][ \t]?\d{1,2}(?:[:.][0-5]\d)?)?"
)
_TZ_NEAR = re.compile(r"(?i)overlap|time[- ]?zones?|timezones?")
# Near a time of day ("10am - 3pm EST") a zone is a band only in a posting that says it is remote.
_TZ_CLOCK = re.compile(r"(?i)\d[ \t]*(?:am|pm|a\.m\.|p\.m\.)|\d:[0-5]\d|hours")
_TZ_AFTER_ABBR = re.compile(
    r"(?i)[ \t]*\(?(?:core[ \t]+|business[ \t]+|working[ \t]+|office[ \t]+)?(?:time[- ]?zones?|timezones?|hours)"
    r"|[ \t]*\(?[+\-±][ \t]?\d"
)


class _Want(NamedTuple):
    """Which kinds of name a context accepts: the stronger the context, the more it takes.
    (A tuple: it is part of the key of every remembered lookup, and hashes in C.)"""

    cities: int | None = None  # minimum population, None = no cities
    ambiguous: bool = False
    global_words: bool = False


_ANY_REGION = _Want(ambiguous=True)  # countries, subdivisions, regions, even those that are also words


@dataclass(slots=True)
class _Hit:
    """A place found in the text, before overlaps are resolved."""

    start: int
    end: int
    places: list[Place]
    rank: int
    remote: bool = False
    text: str | None = None  # set when the text is not doc.text[start:end] (front matter)
    line: int | None = None
    # Of several meanings, the first when the posting's other places do not tell (see _choose)
    first_by_default: bool = False


# -- each pattern's matches, found where they can start (see "trying a pattern only where ...") --


# These run as case-sensitive twins on the folded text (same offsets, same spans and groups),
# which sre matches several times faster than a case-blind alternation: read only the spans
# and which groups matched of what they return.


def _cue_matches(text: str, folded: str) -> Iterator[re.Match[str]]:
    return _matches_at(_CUE_FOLDED, folded, _CUE_STARTS.positions(folded))


def _mode_matches(text: str, folded: str) -> Iterator[re.Match[str]]:
    return _matches_at(_MODE_FOLDED, folded, _MODE_STARTS.positions(folded))


def _mentions_remote(text: str, folded: str) -> bool:
    return any(_matches_at(_MENTIONS_REMOTE_FOLDED, folded, _MENTIONS_REMOTE_STARTS.positions(folded)))


def _based_who_matches(text: str, folded: str) -> Iterator[re.Match[str]]:
    return _matches_at(_BASED_WHO_FOLDED, folded, _based_who_starts(folded))


def _folded_twin(regex: re.Pattern[str]) -> re.Pattern[str]:
    """The case-sensitive twin of a case-blind pattern, for folded text (see
    :func:`jdlint.prefilter.lowered_source`)."""
    source = lowered_source(regex.pattern, bool(regex.flags & re.VERBOSE))
    if source is None:
        raise ValueError(f"no folded twin for {regex.pattern!r}")
    return re.compile(source, regex.flags & ~re.IGNORECASE)


_MODE_FOLDED = _folded_twin(_MODE)
_MENTIONS_REMOTE_FOLDED = _folded_twin(_MENTIONS_REMOTE)
_BASED_WHO_FOLDED = _folded_twin(_BASED_WHO)


def _based_who_starts(folded: str) -> list[int]:
    """Where _BASED_WHO can match: the dash or space before "based", the start of the spaces
    before "residents", "applicants", "candidates"."""
    starts = [i - 1 for i in _BASED.offsets(folded) if folded[i - 1 : i] in ("-", " ", "\t")]
    for i in _BASED_WHO_WORDS.offsets(folded):
        j = i
        while j > 0 and folded[j - 1] in " \t":
            j -= 1
        if j < i:
            starts.append(j)
    return sorted(set(starts))


_BASED = _Starts(*_whole_words("based"))
_BASED_WHO_WORDS = _Starts(_Start("resident", (("resident", "residents"),)), *_whole_words("applicants", "candidates"))


def _comma_cap_matches(text: str) -> Iterator[re.Match[str]]:
    """_COMMA_CAP's matches: at a comma before a capital, or just before "ST 12345"."""
    starts = [m.start() for m in _COMMA_BEFORE_CAPITAL.finditer(text)]
    if _may_have_five_digits(text):
        for m in _CODE_AND_ZIP.finditer(text):
            starts.extend(range(max(0, m.start() - 3), m.start()))
    return _matches_at(_COMMA_CAP, text, sorted(set(starts)))


def _field_matches(folded: str) -> Iterator[re.Match[str]]:
    """_FIELD's matches (on the folded text): only a line with a colon and a field word can hold one."""
    for line_start, line_end in _lines_with(folded, _FIELD_WORDS.offsets(folded)):
        if folded.find(":", line_start, line_end) >= 0 or folded.find("：", line_start, line_end) >= 0:
            yield from _FIELD_FOLDED.finditer(folded, line_start, line_end)


def _office_before_matches(folded: str) -> Iterator[re.Match[str]]:
    """_OFFICE_BEFORE_FOLDED's matches on the lines where _OFFICE_AFTER can follow a place:
    lines with an office word after a space."""
    words = (i for i in _OFFICE_WORDS.offsets(folded) if folded[i - 1 : i] in (" ", "\t"))
    for line_start, line_end in _lines_with(folded, words):
        yield from _OFFICE_BEFORE_FOLDED.finditer(folded, line_start, line_end)


def _offset_matches(text: str, folded: str) -> Iterator[re.Match[str]]:
    """"UTC+1 to UTC+3": only in a posting with the word UTC or GMT."""
    if _seen(folded).words.isdisjoint(_TZ_OFFSET_WORDS):
        return iter(())
    return _matches_guarded(_TZ_OFFSET, text, _after_non_word)


_TZ_OFFSET_WORDS = frozenset({"utc", "gmt"})
_asks_about(_TZ_OFFSET_WORDS)


# -- tokens and name lookup ------------------------------------------------------------------


def _tokens(text: str, start: int, end: int, *, unglue: bool = False,
            limit: int | None = None) -> list[tuple[int, int]]:
    """Word spans in ``text[start:end]`` (the first ``limit`` only); ``unglue`` splits
    "EuropeSpainGeorgia" into words."""
    matches = _WORD.finditer(text, start, end)
    spans = [m.span() for m in (matches if limit is None else itertools.islice(matches, limit))]
    if not unglue:
        return spans
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if text[s + 1 : e].islower():  # no capital after the first letter: nothing to cut
            out.append((s, e))
            continue
        cuts = [s] + [s + m.start() for m in _GLUE.finditer(text[s:e]) if m.start()] + [e]
        out.extend(itertools.pairwise(cuts))
    return out


def _joinable(text: str, a_end: int, b_start: int) -> bool:
    """Two words belong to one name only if separated by a few spaces (or glued)."""
    gap = text[a_end:b_start]
    return not gap or (len(gap) <= 3 and gap.strip(" \t\u00a0") == "")


def _capitalised(words: list[str]) -> bool:
    first = words[0]
    if not first[:1].isupper():
        return False
    return all(w[:1].isupper() or w.lower() in _CONNECTORS for w in words[1:])


def _is_code_surface(surface: str) -> bool:
    letters = [c for c in surface if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _allowed(place: Place, key: str, surface: str, want: _Want, gaz: Gazetteer) -> bool:
    if key in gaz.bare_codes and not _is_code_surface(surface):
        return False
    if place.kind == "global" and not want.global_words:
        return False
    return want.ambiguous or key not in gaz.ambiguous


def _match_at(text: str, toks: list[tuple[int, int]], i: int, want: _Want,
              gaz: Gazetteer) -> tuple[int, list[Place]] | None:
    """Longest place name starting at token ``i``: (index of the token after it, meanings)."""
    s, e = toks[i]
    if not text[s].isupper():
        return None  # the common case, decided before any list is built (see _name_words)
    if want.cities is None and not _may_start_name(text[s:e], gaz):
        return None  # "Senior", "Engineer": no name starts so
    found = _longest_name(_name_words(text, toks, i, gaz.max_words), want, gaz)
    return None if found is None else (i + found[0], found[1])


def _longest_name(words: list[str], want: _Want, gaz: Gazetteer) -> tuple[int, list[Place]] | None:
    """The longest leading run of ``words`` that names a place: (how many words, meanings)."""
    if want.cities is None and not _may_start_name(words[0], gaz):
        return None
    for k in range(len(words), 0, -1):
        places = _lookup_words(words[:k], want, gaz)
        if places:
            return k, places
    return None


def _name_words(text: str, toks: list[tuple[int, int]], i: int, limit: int) -> list[str]:
    """The words from token ``i`` on that could make up one name: joined by spaces only, the
    first capitalised, the rest capitalised or connectors (_lookup_words refuses any longer
    span, so most tokens of prose are dismissed here without a lookup)."""
    s, e = toks[i]
    word = text[s:e]
    if not word[:1].isupper():
        return []
    words = [word]
    limit = min(len(toks) - i, limit)
    while len(words) < limit:
        s, e = toks[i + len(words)]
        if not _joinable(text, toks[i + len(words) - 1][1], s):
            break
        word = text[s:e]
        if not (word[:1].isupper() or word.lower() in _CONNECTORS):
            break
        words.append(word)
    return words


def _name_spans(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """The spans of _name_words for the words of ``text[start:end]``, tokenized only as far
    as a name can reach."""
    spans: list[tuple[int, int]] = []
    for m in _WORD.finditer(text, start, end):
        s, e = m.span()
        if not spans:
            if not text[s].isupper():
                break
        elif not _joinable(text, spans[-1][1], s) or not (text[s].isupper() or text[s:e].lower() in _CONNECTORS):
            break
        spans.append((s, e))
        if len(spans) == limit:
            break
    return spans


def _run_length(text: str, toks: list[tuple[int, int]], i: int, limit: int) -> int:
    """How many tokens from ``i`` on could form one name (joined by spaces only)."""
    run = 1
    limit = min(len(toks) - i, limit)
    while run < limit and _joinable(text, toks[i + run - 1][1], toks[i + run][0]):
        run += 1
    return run


def _lookup_span(text: str, span: list[tuple[int, int]], want: _Want, gaz: Gazetteer) -> list[Place] | None:
    """The meanings of exactly these words as one place name, if the context accepts them."""
    return _lookup_words([text[s:e] for s, e in span], want, gaz)


class _Lookups:
    """Answers of _lookup_words, which postings ask again and again ("Senior", "Remote",
    "Berlin"): keyed by the words and the want's fields (no _Want object is kept), for one
    gazetteer, and forgotten wholesale when there are too many. Likewise the answers of
    _may_start_name, by word."""

    gaz: Gazetteer | None = None
    answers: ClassVar[dict[tuple[Any, ...], tuple[Place, ...] | None]] = {}
    starts: ClassVar[dict[str, bool]] = {}
    first_words: frozenset[str] = frozenset()
    limit = 20_000


def _lookups_for(gaz: Gazetteer) -> type[_Lookups]:
    """_Lookups, emptied first when they were for another gazetteer."""
    if _Lookups.gaz is not gaz:
        _forget_lookups()
        _Lookups.first_words = frozenset(key.split(" ", 1)[0] for key in gaz.names)
        _Lookups.gaz = gaz
    return _Lookups


def _forget_lookups() -> None:
    _Lookups.answers.clear()
    _Lookups.starts.clear()


def _may_start_name(word: str, gaz: Gazetteer) -> bool:
    """False when no name of ``gaz.names`` (countries, subdivisions, regions: no cities) can
    start with this word, so neither it nor a run of words after it is one.

    A name's key is :func:`fold` of its words (_WORD tokens) joined by spaces. On ASCII words
    fold works word by word (it drops periods and apostrophes, makes dashes spaces and
    lower-cases), so the key of a run starting with the word starts with the first part of
    the word's own key, which must then be the first word of some name. Other words are never
    ruled out here."""
    lookups = _Lookups if _Lookups.gaz is gaz else _lookups_for(gaz)
    found = lookups.starts.get(word)
    if found is None:
        if len(lookups.starts) >= lookups.limit:
            _forget_lookups()
        found = lookups.starts[word] = not word.isascii() or fold(word).split(" ", 1)[0] in lookups.first_words
    return found


def _lookup_words(words: list[str], want: _Want, gaz: Gazetteer) -> list[Place] | None:
    """The meanings of exactly these words (no spaces inside) as one place name, if the
    context accepts them; remembered across postings."""
    answers = (_Lookups if _Lookups.gaz is gaz else _lookups_for(gaz)).answers
    key = (" ".join(words), *want)
    found = answers.get(key, _UNKNOWN)
    if found is _UNKNOWN:
        if len(answers) >= _Lookups.limit:
            _forget_lookups()
        found = answers[key] = _look_up(words, key[0], want, gaz)
    return list(found) if found else None


_UNKNOWN: Any = object()


def _look_up(words: list[str], surface: str, want: _Want, gaz: Gazetteer) -> tuple[Place, ...] | None:
    if not _capitalised(words) or words[-1].lower() in _CONNECTORS:
        return None
    key = fold(surface)
    if key in gaz.never:
        return None
    places = tuple(p for p in gaz.names.get(key, ()) if _allowed(p, key, surface, want, gaz))
    if places:
        return places
    if want.cities is not None and (want.ambiguous or key not in gaz.ambiguous) \
            and not _is_code_surface(surface):
        city = gaz.city_by_key(key, min_population=want.cities)
        if city is not None:
            return (city,)
    return None


def _line_bounds(text: str, pos: int, reach: int = 240) -> tuple[int, int]:
    """The line around ``pos``, clipped to ``reach`` characters each way (a place never
    spans more, and an unbroken 100 kB line must not make every lookup scan all of it)."""
    lo = max(0, pos - reach)
    start = max(text.rfind("\n", lo, pos) + 1, lo)
    end = text.find("\n", pos, pos + reach)
    return start, min(len(text), pos + reach) if end < 0 else end


def _word_before(text: str, start: int) -> str | None:
    """The word just before ``start`` if only spaces separate them (same line)."""
    i = start
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    if i == start or i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "'’."):
        return None
    j = i
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] in "'’.-"):
        j -= 1
    return text[j:i]


_NEXT_WORD = re.compile(r"[ \t]{1,2}([^\W_][\w'’.-]{0,30})")


def _word_after(text: str, end: int) -> str | None:
    m = _NEXT_WORD.match(text, end)
    return m.group(1) if m else None


def _stands_alone(text: str, start: int, end: int, gaz: Gazetteer, *, check_before: bool = True) -> bool:
    """False when the place is part of a longer proper name ("Texas Instruments", "Fairmont
    Austin", "Bank of America") rather than a place in its own right."""
    after = _word_after(text, end)
    if after and after[:1].isupper() and not _neighbour_ok(after, gaz) \
            and not (len(after) <= 3 and after.isupper()):  # "Austin TX", "Berlin DE"
        return False
    if not check_before:
        return True
    before = _word_before(text, start)
    if before and before[:1].isupper() and not _neighbour_ok(before, gaz):
        return False
    if before and before.lower() == "of":
        earlier = _word_before(text, start - len(before) - 1)
        if earlier and earlier[:1].isupper():
            return False
    return True


def _neighbour_ok(word: str, gaz: Gazetteer) -> bool:
    key = fold(word)
    return key in _NEIGHBOURS_OK or key in gaz.names


def _negated(text: str, pos: int, *, clause_only: bool = False) -> bool:
    """True if the place at ``pos`` belongs to someone else: "HQ is in", "our offices are
    located in", "customers in", "hubs around the world — London, ...".

    A cue is negated by a negation earlier in its clause (up to a comma). A place found by its
    shape ("London, New York") inherits the state of the last cue or negation in its sentence,
    so the rest of an office list stays negated; ``clause_only`` checks just the clause.
    """
    window_start = max(0, pos - _NEGATION_WINDOW)
    # Only the sentence counts: cut at its start first, then fold that (the case-sensitive
    # twins run faster on it; fold leaves ".!?;\n" where they are).
    window_start = max(window_start, max(text.rfind(c, window_start, pos) for c in ".!?;\n") + 1)
    window = fold_case(text[window_start:pos])
    if clause_only:
        return _NEGATION_FOLDED.search(window[window.rfind(",") + 1 :]) is not None
    events = [(m.start(), False) for m in _NEGATION_FOLDED.finditer(window)]
    events += [(m.start(), True) for m in _CUE_FOLDED.finditer(window)]
    if not events:
        return False
    last, is_cue = max(events)
    if not is_cue:
        return True
    clause = window[window.rfind(",", 0, last) + 1 : last]
    return _NEGATION_FOLDED.search(clause) is not None


# -- the finders: each yields _Hit ------------------------------------------------------------


def _place_after(text: str, pos: int, want: _Want, gaz: Gazetteer, *,
                 check: bool = True) -> tuple[int, int, list[Place]] | None:
    """A place starting at ``pos`` (same line); ``check``: it must stand alone."""
    if not text[pos : pos + 1].isupper():
        return None  # every name starts with a capital (_name_words)
    _, line_end = _line_bounds(text, pos)
    end = min(line_end, pos + 80)
    if want.cities is None:  # most capitals after a comma start no name: settle it before tokenizing
        first = _WORD.match(text, pos, end)
        if first is None or not _may_start_name(first.group(), gaz):
            return None
    spans = _name_spans(text, pos, end, gaz.max_words)
    if not spans or spans[0][0] != pos:
        return None
    found = _longest_name([text[s:e] for s, e in spans], want, gaz)
    if found is None:
        return None
    end = spans[found[0] - 1][1]
    if check and not _stands_alone(text, pos, end, gaz, check_before=False):
        return None
    return pos, end, found[1]


def _list_after(text: str, end: int, want: _Want, gaz: Gazetteer) -> Iterator[tuple[int, int, list[Place]]]:
    """Places continuing a list after one already found: "in Canada, Europe or the UK"."""
    for _ in range(12):
        sep = _LIST_SEP.match(text, end)
        if not sep or sep.end() == end:
            return
        found = _place_after(text, sep.end(), want, gaz)
        if found is None:
            return
        yield found
        end = found[1]


def _cue_hits(text: str, folded: str, gaz: Gazetteer) -> Iterator[_Hit]:
    for cue in _cue_matches(text, folded):
        if _negated(text, cue.start(), clause_only=True):
            continue
        weak = cue.group("weak") is not None
        who = cue.group("who") is not None
        want = _Want(cities=_WEAK_CUE_POPULATION if weak else MIN_CITY_POPULATION,
                     ambiguous=not weak, global_words=who)
        gap = _CUE_GAP.match(text, cue.end())
        pos = gap.end() if gap else cue.end()
        found = _place_after(text, pos, want, gaz)
        if found is None:
            continue
        yield _Hit(found[0], found[1], found[2], _RANK_CUE, remote=who)
        for more in _list_after(text, found[1], _Want(cities=want.cities, ambiguous=True,
                                                       global_words=who), gaz):
            yield _Hit(more[0], more[1], more[2], _RANK_CUE, remote=who)


def _mode_hits(text: str, folded: str, gaz: Gazetteer) -> Iterator[_Hit]:
    """Places next to a work-mode word; next to "remote" they are where a remote worker may be."""
    for rm in _mode_matches(text, folded):
        remote = rm.group("remote") is not None
        # A name right next to a work-mode word is a place even if it is also a word or a
        # first name ("Onsite - Austin"); the mode word itself needs a separator or "in".
        want = _Want(cities=MIN_CITY_POPULATION, ambiguous=True, global_words=remote)
        after = _REMOTE_AFTER.match(text, rm.end())
        if after and after.end() > rm.end():
            code = _bracketed_code(text, after, gaz, remote)
            if code:
                yield code
                continue
            found = _place_after(text, after.end(), want, gaz)
            if found:
                yield _Hit(found[0], found[1], found[2], _RANK_CUE, remote=remote)
                for more in _list_after(text, found[1], want, gaz):
                    yield _Hit(more[0], more[1], more[2], _RANK_CUE, remote=remote)
        before = _place_before(text, rm.start(), want, gaz)
        if before:
            yield _Hit(before[0], before[1], before[2], _RANK_CUE, remote=remote)


def _office_hits(text: str, folded: str, gaz: Gazetteer) -> Iterator[_Hit]:
    """"in our Chicago office", "at the London studio"."""
    want = _Want(cities=MIN_CITY_POPULATION, ambiguous=True)
    for m in _office_before_matches(folded):
        found = _place_after(text, m.end(), want, gaz, check=False)
        if found and _OFFICE_AFTER.match(text, found[1]) and not _negated(text, m.start(), clause_only=True):
            yield _Hit(found[0], found[1], found[2], _RANK_CUE)


def _based_hits(text: str, folded: str, gaz: Gazetteer) -> Iterator[_Hit]:
    want = _Want(cities=MIN_CITY_POPULATION)
    for m in _based_who_matches(text, folded):
        found = _place_ending_at(text, m.start(), m.start(), want, gaz)
        if found:
            yield _Hit(found[0], found[1], found[2], _RANK_CUE, remote=True)


def _bracketed_code(text: str, after: re.Match[str], gaz: Gazetteer, remote: bool) -> _Hit | None:
    """ "Remote (DE)", "Remote [US]", "Remote (NY)": an ISO country code, or a US state's or
    Canadian province's, in brackets after remote. A code that is both ("CA": Canada or
    California, "CO": Colombia or Colorado) follows the posting's other places, and is the
    country when they say nothing."""
    if not after.group().rstrip().endswith(("(", "[")):
        return None
    code = _CODE.match(text, after.end())
    if not code or text[code.end():code.end() + 1] not in (")", "]"):
        return None
    country = gaz.country_by_code.get(code.group(1))
    places = [*([country] if country else []),
              *(p for p in gaz.state_codes.get(code.group(1), ()) if p.kind == "subdivision")]
    if not places:
        return None
    return _Hit(code.start(), code.end(), places, _RANK_CUE, remote=remote, first_by_default=True)


def _place_before(text: str, pos: int, want: _Want, gaz: Gazetteer) -> tuple[int, int, list[Place]] | None:
    """A place ending just before ``pos`` with only a separator between: "Germany (remote)"."""
    line_start, _ = _line_bounds(text, pos)
    gap_start = _gap_before(text, max(line_start, pos - 60), pos)
    if gap_start is None:
        return None
    return _place_ending_at(text, gap_start, pos, want, gaz)


_GAP_SEPARATORS = "([-–—|/,:"


def _gap_before(text: str, start: int, end: int) -> int | None:
    """Where ``_REMOTE_BEFORE_GAP.search(text, start, end)`` matches: the earliest offset from
    which only spaces and tabs, with at most one separator among them, lead to ``end`` (and
    at least one such character). Read backwards from ``end`` instead of trying the pattern
    at each offset from ``start`` on."""
    at = end
    while at > start and text[at - 1] in " \t":
        at -= 1
    if at > start and text[at - 1] in _GAP_SEPARATORS:
        at -= 1
        while at > start and text[at - 1] in " \t":
            at -= 1
        return at
    return at if at < end else None


def _place_ending_at(text: str, end: int, anchor: int, want: _Want,
                     gaz: Gazetteer) -> tuple[int, int, list[Place]] | None:
    """A place whose last word ends exactly at ``end`` (on the line of ``anchor``)."""
    line_start, _ = _line_bounds(text, anchor)
    toks = _tokens(text, max(line_start, end - 48), end)
    if not toks or toks[-1][1] != end or not text[toks[-1][0]].isupper():
        return None  # a name's first and last words are capitalised (_look_up)
    for i in range(max(0, len(toks) - gaz.max_words), len(toks)):
        if not text[toks[i][0]].isupper() or _run_length(text, toks, i, gaz.max_words) < len(toks) - i:
            continue
        places = _lookup_span(text, toks[i:], want, gaz)
        if places:
            start = toks[i][0]
            before = _word_before(text, start)
            if before and before[:1].isupper() and not _neighbour_ok(before, gaz):
                return None
            return start, end, places
    return None


def _city_region_hits(text: str, gaz: Gazetteer) -> Iterator[_Hit]:
    """"Denver, CO", "Austin TX 78705", "Burlington, Vermont", "Hamburg, Deutschland"."""
    for m in _comma_cap_matches(text):
        hit = _city_region_at(text, m.start(), m.end(), gaz)
        if hit is not None:
            yield hit


# UTF-8 bytes: ASCII digits -> "0", anything else -> " "; and the bytes of ASCII characters.
_DIGIT_BYTES = bytes(48 if 48 <= i <= 57 else 32 for i in range(256))
_ASCII_BYTES = bytes(range(128))


def _may_have_five_digits(text: str) -> bool:
    r"""False when no five ``\d`` stand in a row (most postings): a ZIP code needs them, and a
    regex pass for them costs ten times these byte translations. Digits of other scripts
    (``\d`` matches them too) are rare: any of them anywhere answers True."""
    raw = text.encode("utf-8", "surrogatepass")
    if b"00000" in raw.translate(_DIGIT_BYTES):
        return True
    others = raw.translate(None, _ASCII_BYTES)
    return any(c.isdecimal() for c in others.decode("utf-8", "surrogatepass"))


def _city_run(text: str, sep: int) -> list[tuple[int, int]]:
    """The capitalised words ending right before ``sep``: the city part of "City, ST"."""
    line_start, _ = _line_bounds(text, sep)
    toks = _tokens(text, max(line_start, sep - 48), sep)
    if not toks or toks[-1][1] != sep:
        return []
    run = [toks[-1]]
    for tok in reversed(toks[:-1]):
        word = text[tok[0]:tok[1]]
        if not _joinable(text, tok[1], run[0][0]) or len(run) >= 4:
            break
        if not (word[:1].isupper() or word.lower() in _CONNECTORS):
            break
        run.insert(0, tok)
    while run and not text[run[0][0]].isupper():
        run.pop(0)
    return run


def _city_region_at(text: str, sep: int, region_start: int, gaz: Gazetteer) -> _Hit | None:
    region = _region_at(text, region_start, gaz)  # first: most capitals after a comma are no region
    if region is None:
        return None
    run = _city_run(text, sep)
    if not run:
        return None
    region_end, places, is_code, postcode = region
    city_words = [text[s:e] for s, e in run]
    joined = " ".join(city_words)
    if fold(joined) in gaz.bare_codes or (len(joined) <= 3 and joined.isupper()):
        return None  # "Austin, US TX": the code is not a city
    if not is_code and gaz.lookup(joined):
        return None  # "Spain, Georgia": a list of regions, not a city in one
    for i in range(len(run)):
        surface = " ".join(city_words[i:])
        for place in places:
            city = gaz.city(surface, country=place.country, subdivision=_sub_filter(place))
            if city is not None:
                if _negated(text, run[i][0]):
                    return None
                sub = place.subdivision or city.subdivision
                return _Hit(run[i][0], region_end, [Place("city", city.name, place.country, sub, city.name)],
                            _RANK_PATTERN)
    return _unvalidated_city(text, run, region_end, places, is_code, postcode, gaz)


def _sub_filter(place: Place) -> str | None:
    return place.subdivision if place.kind == "subdivision" else None


def _unvalidated_city(text: str, run: list[tuple[int, int]], region_end: int, places: list[Place],
                      is_code: bool, postcode: bool, gaz: Gazetteer) -> _Hit | None:
    """A "City, ST" whose city is too small for the gazetteer ("Jackson Township, NJ")."""
    subs = [p for p in places if p.kind == "subdivision"]
    if not subs:
        return None
    code = text[run[-1][1]:region_end].strip(" ,\t")[:2]
    if is_code and code in gaz.risky_codes and not postcode:
        return None
    words = _strip_street([text[s:e] for s, e in run])
    if not words or any(fold(w) in gaz.never for w in words):
        return None
    first = run[len(run) - len(words)]
    if not is_code:
        # "Shelburne, Vermont" yes; "Acme Widget Corp, Texas" or "London, New York" (a known
        # city elsewhere, so a list of cities) no.
        before = _word_before(text, first[0])
        if len(words) > 3 or (before and not before[:1].islower()) or gaz.city(" ".join(words)):
            return None
    if _negated(text, first[0]):
        return None
    sub = subs[0]
    city = " ".join(words)
    return _Hit(first[0], region_end, [Place("city", city, sub.country, sub.subdivision, city)], _RANK_PATTERN)


def _strip_street(words: list[str]) -> list[str]:
    """Drop a street address before the city: "Burnet Road Austin" -> "Austin"."""
    for i in range(len(words) - 1, -1, -1):
        if fold(words[i]) in _STREET:
            return words[i + 1 :]
    return [w for w in words if not any(c.isdigit() for c in w)]


def _region_at(text: str, pos: int, gaz: Gazetteer) -> tuple[int, list[Place], bool, bool] | None:
    """What follows "City,": a state/province/country code or name.

    Returns (end, meanings, is_code, has_postcode).
    """
    code = _CODE.match(text, pos)
    if code:
        places = list(gaz.state_codes.get(code.group(1), ()))
        country = gaz.country_by_code.get(code.group(1))
        if country is not None and country not in places:
            places.append(country)
        if places:
            end = code.end()
            post = _POSTCODE.match(text, end)
            return (post.end() if post else end), places, True, post is not None
    found = _place_after(text, pos, _ANY_REGION, gaz)
    if found is None:
        return None
    places = [p for p in found[2] if p.kind == "country" or (p.kind == "subdivision" and not p.city)]
    if not places:
        return None
    post = _POSTCODE.match(text, found[1])
    return (post.end() if post else found[1]), places, False, post is not None


# -- fields, header, time zones, front matter --------------------------------------------------


def _field_hits(text: str, folded: str, gaz: Gazetteer, remote_doc: bool) -> Iterator[_Hit]:
    for m in _field_matches(folded):
        start = m.end()
        _, value_line_end = _line_bounds(text, start)
        if not text[start:value_line_end].strip(" \t*_"):
            start, value_line_end = _next_line(text, value_line_end)  # "Location:" with the value below it
        end = min(value_line_end, start + 200)
        cut = _FIELD_VALUE_END.search(text, start, end)
        if cut:
            end = cut.start()
        value = text[start:end].rstrip(" \t*_")
        yield from _value_hits(text, start, start + len(value), gaz, remote_doc)


def _next_line(text: str, pos: int) -> tuple[int, int]:
    """The next non-blank line after ``pos`` (within a couple of blank lines)."""
    m = _NEXT_LINE.match(text, pos)
    if not m:
        return pos, pos
    return m.start(1), m.end(1)


_NEXT_LINE = re.compile(r"(?:[ \t]*\r?\n){1,3}[ \t]*([^\n]{1,200})")


def _value_hits(text: str, start: int, end: int, gaz: Gazetteer, remote_doc: bool) -> Iterator[_Hit]:
    """Places in a location field's value; a short value with no known place (a street
    address, a school) is still the place the posting gives."""
    value = text[start:end]
    if not value.strip():
        return
    short = len(value) <= _FIELD_VALUE_SHORT
    remote_value = _MENTIONS_REMOTE_FOLDED.search(fold_case(value)) is not None
    want = _Want(cities=MIN_CITY_POPULATION if short else None, ambiguous=short,
                 global_words=remote_doc or remote_value)
    toks = _tokens(text, start, end)
    found_any = False
    i = 0
    while i < len(toks):
        found = _match_at(text, toks, i, want, gaz)
        if found is None:
            i += 1
            continue
        places = found[1]
        remote = remote_value or all(p.kind in ("region", "global") for p in places)
        yield _Hit(toks[i][0], toks[found[0] - 1][1], places, _RANK_FIELD, remote=remote)
        found_any = True
        i = found[0]
    if not found_any and short and _looks_like_place(value):
        lead = len(value) - len(value.lstrip())
        yield _Hit(start + lead, end, [], _RANK_HEADER)


def _looks_like_place(value: str) -> bool:
    value = value.strip(" \t*_")
    if not value or _NOT_A_PLACE.search(value) or len(value.split()) > 8:
        return False
    return bool(_ADDRESS.match(value)) or value[0].isupper()


def _header_lines(text: str) -> list[tuple[int, int]]:
    """The title and tag lines above the first paragraph of prose.

    The header is read from the first ``_HEADER_SCAN`` characters, which hold it in nearly
    every posting, rather than from a split of the whole text into lines; the whole text is
    split only when the header reaches the last (maybe cut) line of that stretch."""
    if len(text) > _HEADER_SCAN:
        lines = text[:_HEADER_SCAN].splitlines(keepends=True)
        lines.pop()  # maybe cut short
        found, complete = _header_spans(lines)
        if complete:
            return found
    return _header_spans(text.splitlines(keepends=True))[0]


def _header_spans(lines: list[str]) -> tuple[list[tuple[int, int]], bool]:
    """The (start, end) of the header lines among these first lines of the text, and whether
    the header ended among them."""
    found: list[tuple[int, int]] = []
    pos = 0
    seen = 0
    for line in lines:
        body = line.strip()
        start, pos = pos, pos + len(line)
        if not body:
            continue
        seen += 1
        if len(body) > _HEADER_MAX_CHARS or (body[-1] in ".!?" and len(body.split()) >= 4) or seen > _HEADER_MAX_LINES:
            return found, True
        found.append((start, start + len(line.rstrip("\r\n"))))
    return found, False


def _header_hits(text: str, gaz: Gazetteer) -> Iterator[_Hit]:
    """Countries, states and regions named on their own in the header ("Engineer – Canada").

    Tag rows scraped without separators ("EuropeCyprusSpainGeorgia") are split into words;
    such glued names count only when the row holds two or more of them. Names that are also
    words (Georgia, Jersey) count only next to another place on the same line.
    """
    want = _ANY_REGION
    for start, end in _header_lines(text):
        toks = _tokens(text, start, end, unglue=True)
        hits: list[_Hit] = []
        glued = 0
        i = 0
        while i < len(toks):
            found = _match_at(text, toks, i, want, gaz)
            if found is None:
                i += 1
                continue
            s, e = toks[i][0], toks[found[0] - 1][1]
            is_glued = not _word_boundary(text, s) or not _word_boundary(text, e)
            if (is_glued or _stands_alone(text, s, e, gaz)) and not _negated(text, s):
                hits.append(_Hit(s, e, found[1], _RANK_HEADER))
                glued += is_glued
            i = found[0]
        plain = [h for h in hits if not _any_ambiguous(text, h, gaz)]
        if glued and len(hits) < 2:
            continue
        if plain or len(hits) >= 2:
            yield from hits
        yield from _segment_cities(text, start, end, gaz)


def _segment_cities(text: str, start: int, end: int, gaz: Gazetteer) -> Iterator[_Hit]:
    """A city that makes up a whole segment of a header line: "Barista – Seattle",
    "Engineer (Lisbon)", "Denver or Remote". Lines of other fields ("Company: ...") do not count."""
    if text.find(":", start, end) >= 0 and _OTHER_FIELD.match(text, start, end) \
            and not _FIELD.match(text, start, end):
        return
    pos = start
    for sep in itertools.chain(_SEGMENT_SPLIT.finditer(text, start, end), [None]):
        seg_end = sep.start() if sep else end
        if _starts_capitalised(text, pos, seg_end):  # else no name: it starts with a capital
            hit = _segment_city(text, pos, seg_end, gaz)
            if hit is not None:
                yield hit
        if sep is None:
            break
        pos = sep.end()


def _segment_city(text: str, start: int, end: int, gaz: Gazetteer) -> _Hit | None:
    """A city that is all of ``text[start:end]`` but for spaces."""
    if _squeezed_key(text[start:end]) not in gaz.squeezed_city_keys(_SEGMENT_CITY_POPULATION):
        return None  # most segments ("Senior Engineer") are no city: settled before tokenizing
    toks = _tokens(text, start, end, limit=gaz.max_words + 1)
    if toks and len(toks) <= gaz.max_words and _run_length(text, toks, 0, gaz.max_words) == len(toks) \
            and not text[start:toks[0][0]].strip(" \t") and not text[toks[-1][1]:end].strip(" \t"):
        places = _lookup_span(text, toks, _SEGMENT_WANT, gaz)
        if places and places[0].kind == "city" and not _negated(text, toks[0][0]):
            return _Hit(toks[0][0], toks[-1][1], places, _RANK_HEADER)
    return None


# What fold drops or makes a space in ASCII text, and ASCII whitespace (as str.split() sees it).
_SQUEEZE_ASCII = str.maketrans("", "", ".'`-" + " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f")


def _squeezed_key(name: str) -> str:
    """:func:`fold` of ``name`` without its spaces, the form of
    :meth:`~jdlint.facts.gazetteer.Gazetteer.squeezed_city_keys`; for ASCII text, fold is
    lower-casing and dropping periods, apostrophes and dashes (which become spaces)."""
    if name.isascii():
        return name.translate(_SQUEEZE_ASCII).lower()
    return "".join(fold(name).split())


def _starts_capitalised(text: str, start: int, end: int) -> bool:
    """The first character of ``text[start:end]`` after spaces and tabs is a capital."""
    while start < end and text[start] in " \t":
        start += 1
    return start < end and text[start].isupper()


_OTHER_FIELD = re.compile(r"[ \t>*_#-]*[A-Za-z][\w ]{0,30}(?:\*\*|__)?[ \t]*:")
# r"[ \t]+[-–—|·•/][ \t]+|[,;()\[\]|·•/]|[ \t]+(?:or|and|&)[ \t]+|[*_#]+" written to open with one
# character class (what follows depends on which character it was), which sre skips to in C.
_SEGMENT_SPLIT = re.compile(
    r"[ \t,;()\[\]|·•/*_#](?:(?<=[ \t])[ \t]*(?:[-–—|·•/]|or|and|&)[ \t]+|(?<=[,;()\[\]|·•/])|(?<=[*_#])[*_#]*)")
_SEGMENT_CITY_POPULATION = 50_000
_SEGMENT_WANT = _Want(cities=_SEGMENT_CITY_POPULATION)


def _section_hits(doc: Document, gaz: Gazetteer, remote_doc: bool) -> Iterator[_Hit]:
    """A "Location" heading whose first line is short is a location field on two lines."""
    text = doc.text
    for sec in doc.sections:
        if not _LOCATION_HEADING.match(sec.title.strip(" \t*_#:")):
            continue
        for line in text[sec.body_start:min(sec.end, sec.body_start + 400)].splitlines():
            if line.strip():
                start = text.index(line, sec.body_start)
                if len(line.strip()) <= _FIELD_VALUE_SHORT:
                    yield from _value_hits(text, start, start + len(line.rstrip()), gaz, remote_doc)
                break


_LOCATION_HEADING = re.compile(
    r"(?i)(?:(?:job[ \t]+|work[ \t]+|office[ \t]+)?locations?(?:\(s\))?"
    r"|standorte?|arbeitsorte?|einsatzorte?|dienstorte?|lieu[ \t]+de[ \t]+travail)\Z")


def _word_boundary(text: str, pos: int) -> bool:
    return pos <= 0 or pos >= len(text) or not (text[pos - 1].isalnum() and text[pos].isalnum())


def _any_ambiguous(text: str, hit: _Hit, gaz: Gazetteer) -> bool:
    return fold(text[hit.start:hit.end]) in gaz.ambiguous


def _time_zone_hits(text: str, folded: str, gaz: Gazetteer, remote_doc: bool) -> Iterator[_Hit]:
    zones = _zone_finders(gaz)
    for m in _offset_matches(text, folded):
        yield _Hit(m.start(), m.end(), [Place("region", "time zone")], _RANK_CUE, remote=True)
    for m in _band_matches(text, folded, zones):
        country = gaz.tz_bands.get(m.group(1))
        yield _Hit(m.start(), m.end(), [Place("region", "time zone", country=country)], _RANK_CUE, remote=True)
    for m in _abbreviation_matches(text, folded, zones):
        before = max(0, m.start() - 30)
        near = _TZ_NEAR.search(text, before, m.start()) or (remote_doc and _TZ_CLOCK.search(text, before, m.start()))
        if near or _TZ_AFTER_ABBR.match(text, m.end()):
            country = gaz.tz_abbreviations.get(m.group(1))
            yield _Hit(m.start(), m.end(), [Place("region", "time zone", country=country)], _RANK_CUE,
                       remote=True)


def _band_matches(text: str, folded: str, zones: _ZoneFinders) -> Iterator[re.Match[str]]:
    """"US time zones", "Central European Time": on the lines with a time word."""
    for line_start, line_end in _lines_with(folded, zones.band_words.offsets(folded)):
        yield from _matches_guarded(zones.band, text, _after_non_word_or_dot, line_start, line_end)


def _abbreviation_matches(text: str, folded: str, zones: _ZoneFinders) -> Iterator[re.Match[str]]:
    """"PST", "CET": only in a posting with one of them as a word."""
    if zones.abbreviation_words is not None and _seen(folded).words.isdisjoint(zones.abbreviation_words):
        return iter(())
    return _matches_guarded(zones.abbreviation, text, _after_non_word)


@dataclass(frozen=True, slots=True)
class _ZoneFinders:
    """The gazetteer's time-zone names as patterns, with the words (runs of a-z) a posting
    must have for them to match at all."""

    band: re.Pattern[str]  # run with _matches_guarded(_after_non_word_or_dot)
    band_words: _Starts  # the "time" or "hours" of a band, in a posting with a band name's first word
    abbreviation: re.Pattern[str]  # run with _matches_guarded(_after_non_word)
    abbreviation_words: frozenset[str] | None  # None: some name does not start with a-z


@lru_cache(maxsize=2)
def _zone_finders(gaz: Gazetteer) -> _ZoneFinders:
    bands = sorted(gaz.tz_bands, key=len, reverse=True)
    abbreviations = sorted(gaz.tz_abbreviations, key=len, reverse=True)
    band_first_words = {_first_letter_run(name) for name in bands}
    band_needs = (band_first_words,) if "" not in band_first_words else ()
    abbreviation_words = frozenset(_first_letter_run(name) for name in abbreviations)
    _asks_about(abbreviation_words)
    return _ZoneFinders(
        band=re.compile(
            rf"({'|'.join(map(re.escape, bands))})[ \t]+(?i:(?:standard[ \t]+)?(?:time[- ]?zones?|timezones?|time"
            rf"|hours|business[ \t]+hours|working[ \t]+hours))\b"
        ),
        band_words=_Starts(_Start("time", (("time", "timezone", "timezones"), *band_needs)),
                           _Start("hours", (("hours",), *band_needs))),
        abbreviation=re.compile(rf"({'|'.join(map(re.escape, abbreviations))})\b"),
        abbreviation_words=abbreviation_words if "" not in abbreviation_words else None,
    )


def _first_letter_run(name: str) -> str:
    """The word a name starts with, as _letter_runs lists it: "U.S." -> "u" ("" if none)."""
    lowered = name.lower()
    return lowered[: len(lowered) - len(lowered.lstrip(string.ascii_lowercase))]


def _front_matter_hits(doc: Document, gaz: Gazetteer, remote_doc: bool) -> Iterator[_Hit]:
    """``location:`` in front matter (a string or a list), positioned on its line."""
    for key in ("location", "locations", "job_location", "jobLocation"):
        value = doc.fields.get(key)
        if value is None:
            continue
        line = (doc.meta.get("front_matter_lines") or {}).get(key) or 1
        for item in _strings(value):
            yield from _front_matter_item(doc, gaz, remote_doc, item, line)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        parts = [str(v) for k, v in value.items() if isinstance(v, (str, int)) and k != "@type"]
        if parts:
            yield ", ".join(parts)
    elif isinstance(value, Iterable):
        for item in value:
            yield from _strings(item)


def _front_matter_item(doc: Document, gaz: Gazetteer, remote_doc: bool, item: str, line: int) -> Iterator[_Hit]:
    """One front-matter value, read like a location field; its hits carry their own text and
    line because front matter is blanked out of ``doc.text``."""
    item = item.strip()
    if not item:
        return
    base = _source_offset(doc, item, line)
    hits = list(_value_hits(item, 0, len(item), gaz, remote_doc))
    hits.extend(_city_region_hits(item, gaz))
    hits.extend(_mode_hits(item, fold_case(item), gaz))
    for h in _resolve_overlaps(hits):
        start, end = (base + h.start, base + h.end) if base is not None else (0, 0)
        yield _Hit(start, end, h.places, _RANK_FRONT_MATTER, remote=h.remote, text=item[h.start:h.end], line=line)


def _source_offset(doc: Document, item: str, line: int) -> int | None:
    """Where ``item`` starts on its front-matter line, when text offsets equal source offsets
    (Markdown); None otherwise, and the finding then has the line but no span."""
    if not doc.offsets.identity or line > doc.lines.line_count():
        return None
    line_start = doc.lines.line_start(line)
    line_end = doc.source.find("\n", line_start)
    idx = doc.source.find(item, line_start, None if line_end < 0 else line_end)
    return idx if idx >= 0 else line_start


# -- putting it together ------------------------------------------------------------------------


def _resolve_overlaps(hits: list[_Hit]) -> list[_Hit]:
    """Of overlapping hits keep the strongest, then the longest; order by position.

    Kept spans never overlap, so each new hit is checked against its neighbours in a sorted
    list (bisect) rather than against every kept hit.
    """
    ordered = sorted(hits, key=lambda h: (-h.rank, -(h.end - h.start), h.start))
    starts: list[int] = []
    spans: list[_Hit] = []
    placed: list[_Hit] = []  # hits carrying their own text (front matter) never clash
    for hit in ordered:
        if hit.text is not None:
            placed.append(hit)
            continue
        i = bisect.bisect_left(starts, hit.end)
        clash = [k for k in spans[max(0, i - 2) : i + 1] if hit.start < k.end and k.start < hit.end]
        if clash:
            for k in clash:
                if (k.start, k.end) == (hit.start, hit.end):
                    k.remote = k.remote or hit.remote
            continue
        starts.insert(i, hit.start)
        spans.insert(i, hit)
    return sorted(placed + spans, key=lambda h: (h.start, h.text is None))


def _choose(hit: _Hit, context: list[Place]) -> Place | None:
    """One meaning for a name that has several ("Georgia": the country or the US state)."""
    places = hit.places
    if not places:
        return None
    if len(places) == 1:
        return places[0]
    countries = {p.country for p in places}
    if len(countries) == 1:
        return max(places, key=lambda p: (p.city is not None, p.kind == "subdivision"))
    us = any(p.country == "US" for p in context)
    abroad = any(p.country not in (None, "US") for p in context)
    if abroad and not us:
        return next((p for p in places if p.country != "US"), places[0])
    if hit.first_by_default and not us:
        return places[0]
    return next((p for p in places if p.country == "US"), places[0])


class _Context:
    """Unambiguous places to judge an ambiguous one by: its own line first, else the posting."""

    def __init__(self, text: str, kept: list[_Hit]):
        self.everywhere = [h.places[0] for h in kept if len(h.places) == 1]
        self.line_at = _line_numbers(text, [h.start for h in kept])
        self.by_line: dict[int, list[Place]] = {}
        for h in kept:
            if len(h.places) == 1 and h.places[0].country:
                self.by_line.setdefault(self.line_at[h.start], []).append(h.places[0])

    def around(self, hit: _Hit) -> list[Place]:
        if len(hit.places) < 2:
            return []
        return self.by_line.get(self.line_at[hit.start]) or self.everywhere


def _line_numbers(text: str, positions: list[int]) -> dict[int, int]:
    """For each position (ascending), the newlines up to and including it: counted between
    consecutive positions, so a posting with few places needs no index of all its lines."""
    numbers: dict[int, int] = {}
    newlines, counted_to = 0, 0
    for pos in positions:
        newlines += text.count("\n", counted_to, pos + 1)
        counted_to = max(counted_to, pos + 1)
        numbers[pos] = newlines
    return numbers


def _dedupe_key(loc: Location, place: Place | None) -> tuple[Any, ...]:
    if place is None or (place.kind == "region" and place.name == "time zone"):
        return ("text", fold(loc.text))
    return (place.kind if place.kind in ("global", "region") else "geo", loc.country, loc.subdivision,
            loc.city, fold(loc.text) if place.kind == "region" else "")


def find_locations(doc: Document) -> list[Location]:
    """Places the posting names as where the job is, in order of position, without repeats."""
    text, folded = doc.text, doc.folded
    gaz = gazetteer()
    remote_doc = _mentions_remote(text, folded)
    hits: list[_Hit] = []
    hits.extend(_front_matter_hits(doc, gaz, remote_doc))
    hits.extend(_field_hits(text, folded, gaz, remote_doc))
    hits.extend(_section_hits(doc, gaz, remote_doc))
    hits.extend(_city_region_hits(text, gaz))
    hits.extend(_cue_hits(text, folded, gaz))
    hits.extend(_mode_hits(text, folded, gaz))
    hits.extend(_office_hits(text, folded, gaz))
    hits.extend(_based_hits(text, folded, gaz))
    hits.extend(_header_hits(text, gaz))
    hits.extend(_time_zone_hits(text, folded, gaz, remote_doc))
    kept = _resolve_overlaps(hits)
    out: list[Location] = []
    seen: dict[tuple[Any, ...], Location] = {}
    context = _Context(doc.text, kept)
    for hit in kept:
        place = _choose(hit, context.around(hit))
        loc = _to_location(doc, hit, place)
        key = _dedupe_key(loc, place)
        if key in seen:
            seen[key].remote_region = seen[key].remote_region or loc.remote_region
            continue
        seen[key] = loc
        out.append(loc)
    return out


def _to_location(doc: Document, hit: _Hit, place: Place | None) -> Location:
    text = hit.text if hit.text is not None else doc.text[hit.start:hit.end]
    line = hit.line if hit.line is not None else doc.line_of(hit.start)
    if place is None:
        return Location(text=text, line=line, start=hit.start, end=hit.end)
    remote = (hit.remote and place.city is None) or place.kind in ("region", "global")
    return Location(
        text=text,
        line=line,
        country=place.country,
        subdivision=place.subdivision,
        city=place.city,
        remote_region=remote,
        start=hit.start,
        end=hit.end,
    )
