"""Facts from structured data: what a posting tells search engines and job boards, not its prose.

Sources: a schema.org JobPosting (``baseSalary``, ``jobLocation``,
``applicantLocationRequirements``, ``jobLocationType``), a Greenhouse job (``location.name``,
``pay_input_ranges``) or a Lever posting (``categories.location``, ``workplaceType``,
``salaryRange``), as the readers leave them in ``doc.fields``.

:func:`structured_facts` returns them apart from the text facts, so the merge in
:mod:`jdlint.facts` decides precedence (structured pay and work mode win, locations are
unioned) and the schema rules can still compare the two. Each fact's ``line`` is where the
value sits in the file (readers record JSON Pointer -> offset in ``doc.meta["json_pointers"]``);
text offsets stay 0 because the value is not in the linted text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from jdlint.document import Document
from jdlint.model import Location, Pay
from jdlint.readers.jsonld import address_parts, as_list, is_telecommute, name_of, place_label

UNITS = {"HOUR": "hour", "DAY": "day", "WEEK": "week", "MONTH": "month", "YEAR": "year"}

_REMOTE = re.compile(r"\b(?:remote|anywhere|distributed|work from home|wfh)\b", re.IGNORECASE)
_HYBRID = re.compile(r"\bhybrid\b", re.IGNORECASE)
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _gazetteer() -> Any:
    from jdlint.facts.gazetteer import gazetteer

    return gazetteer()


def country_code(value: Any) -> str | None:
    """ISO alpha-2 for a country name or code ("USA", "United Kingdom", "DE"); None when unknown.

    Names come from the same gazetteer the text's locations use, so a country compares equal
    whichever side (markup or text) named it.
    """
    name = name_of(value)
    if not name:
        return None
    gaz = _gazetteer()
    key = name.strip()
    if len(key) == 2 and key.upper() in gaz.country_by_code:
        return key.upper()
    places = gaz.lookup(key)
    for place in places:
        if place.kind == "country":
            return place.country
    for place in places:
        if place.kind == "subdivision":  # "England", "Scotland"
            return place.country
    return None


def subdivision_code(region: Any, country: str | None) -> str | None:
    """ISO 3166-2 for a region given by code ("CO", "US-CO") or name ("Ontario")."""
    name = name_of(region)
    if not name:
        return None
    gaz = _gazetteer()
    key = name.strip()
    if key.upper() in gaz.subdivision_by_code:
        return key.upper()
    candidates = gaz.state_codes.get(key.upper(), []) if len(key) == 2 else gaz.lookup(key)
    for place in candidates:
        if place.kind == "subdivision" and (country is None or place.country == country):
            return place.subdivision
    return None


def parse_place(text: str) -> Location:
    """A free-text ATS location ("Austin, TX", "Remote - Canada", "London, UK") as a Location.

    A two-letter code after a city is a state or province ("Portland, OR"); standing alone it
    is a country first ("Remote - DE" is Germany).
    """
    gaz = _gazetteer()
    loc = Location(text=text.strip(), line=1, remote_region=bool(_REMOTE.search(text)))
    rest: list[str] = []
    named_sub = None  # the piece that set the subdivision by name ("New York" in "New York, NY")
    for piece in (p.strip() for p in re.split(r"[,/()|;]|\s[-–—]\s", text)):
        bare = re.sub(r"^(?:remote|hybrid)\s+", "", piece, flags=re.IGNORECASE)
        low = bare.lower()
        if not bare or _REMOTE.fullmatch(low) or _HYBRID.fullmatch(low) or low in ("on-site", "onsite", "office"):
            continue
        if len(bare) == 2 and bare.isalpha() and bare.isupper():
            states = [p for p in gaz.state_codes.get(bare, []) if loc.country in (None, p.country)]
            country = bare if bare in gaz.country_by_code else country_code(bare)
            if states and named_sub:
                rest.append(named_sub)  # "New York, NY", "Washington, DC": the name was the city
                loc.subdivision = states[0].subdivision
                named_sub = None
            elif states and (rest or not country) and loc.subdivision is None:
                loc.subdivision = states[0].subdivision
            elif country and loc.country is None:
                loc.country = country
            else:
                rest.append(piece)
            continue
        places = gaz.lookup(bare)
        country = next((p for p in places if p.kind == "country"), None)
        sub = next((p for p in places if p.kind == "subdivision" and loc.country in (None, p.country)), None)
        if sub and country and rest and loc.subdivision is None and (
                gaz.city(rest[-1], subdivision=sub.subdivision) or not gaz.city(rest[-1], country=country.country)):
            loc.subdivision = sub.subdivision  # "Atlanta, Georgia" is the state; "Tbilisi, Georgia" not
        elif country and loc.country is None:
            loc.country = country.country
        elif sub and loc.subdivision is None:
            loc.subdivision = sub.subdivision
            named_sub = piece
        else:
            rest.append(piece)
    if loc.subdivision and loc.country is None:
        loc.country = loc.subdivision.split("-")[0]
    if rest and not loc.remote_region:
        loc.city = rest[-1]  # the piece next to the region: "Pier 4, Baltimore, MD" -> Baltimore
    return loc


def number(value: Any) -> float | None:
    """A JSON number or a numeric string ("120,000", "$45.50"); None otherwise."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        cleaned = value.replace(",", "").replace("_", "").strip()
        m = _NUMBER.search(cleaned)
        if m and not re.search(r"[A-Za-z]{2,}", cleaned):
            return float(m.group())
    return None


@dataclass
class Salary:
    """One baseSalary entry as written (raw values, for validation) with its JSON Pointer."""

    pointer: str
    currency: Any = None
    unit: Any = None
    value: Any = None
    min: Any = None
    max: Any = None
    raw: Any = None


def salaries(posting: dict[str, Any]) -> list[Salary]:
    """The ``baseSalary`` entries of a JobPosting (a MonetaryAmount, a list, or a bare number)."""
    out = []
    base = posting.get("baseSalary")
    entries = base if isinstance(base, list) else [base]
    for i, entry in enumerate(entries):
        if entry is None:
            continue
        pointer = "/baseSalary" + (f"/{i}" if isinstance(base, list) else "")
        sal = Salary(pointer=pointer, raw=entry)
        if not isinstance(entry, dict):
            sal.value = entry
            out.append(sal)
            continue
        sal.currency = entry.get("currency")
        sal.unit = entry.get("unitText")
        sal.min, sal.max = entry.get("minValue"), entry.get("maxValue")
        value = entry.get("value")
        if isinstance(value, dict):
            sal.unit = value.get("unitText", sal.unit)
            sal.value = value.get("value")
            sal.min = value.get("minValue", sal.min)
            sal.max = value.get("maxValue", sal.max)
        else:
            sal.value = value
        out.append(sal)
    return out


def _fmt(x: float | None) -> str:
    if x is None:
        return "?"
    return f"{x:,.0f}" if x == int(x) else f"{x:,.2f}"


def line_of(doc: Document, pointer: str) -> int:
    """Line of the value at ``pointer`` (or its nearest located parent); 1 when unknown."""
    offsets = doc.meta.get("json_pointers") or {}
    ptr = pointer
    while True:
        if ptr in offsets:
            return doc.lines.position(offsets[ptr])[0]
        if not ptr:
            return 1
        ptr = ptr.rsplit("/", 1)[0]


def _pay(lo: float | None, hi: float | None, currency: Any, period: str | None, text: str, line: int) -> Pay:
    if lo is not None and hi is not None and lo > hi:
        lo, hi = hi, lo
    cur = currency.strip().upper() if isinstance(currency, str) and currency.strip() else None
    return Pay(min=lo, max=hi, currency=cur, period=period, text=text, line=line,
               open_ended=(lo is None) != (hi is None))


def jobposting_pay(doc: Document, posting: dict[str, Any]) -> list[Pay]:
    pays = []
    for sal in salaries(posting):
        lo, hi, value = number(sal.min), number(sal.max), number(sal.value)
        if lo is None and hi is None:
            lo = hi = value
        if lo is None and hi is None:
            continue
        period = UNITS.get(sal.unit.strip().upper()) if isinstance(sal.unit, str) else None
        amount = _fmt(lo) if lo == hi else f"{_fmt(lo)}–{_fmt(hi)}"
        text = f"baseSalary: {amount}" + (f" {sal.currency}" if isinstance(sal.currency, str) else "") \
            + (f" per {sal.unit}" if isinstance(sal.unit, str) else "")
        pays.append(_pay(lo, hi, sal.currency, period, text, line_of(doc, sal.pointer)))
    return pays


def _place_location(doc: Document, place: Any, pointer: str, remote_region: bool) -> Location | None:
    label = place_label(place) if not remote_region else name_of(place)
    if not label:
        return None
    line = line_of(doc, pointer)
    parts = address_parts(place)
    if remote_region:
        kind = place.get("@type") if isinstance(place, dict) else None
        loc = parse_place(label)
        loc.line, loc.remote_region = line, True
        if kind == "Country" or (country_code(label) and not loc.subdivision):
            loc.country = country_code(label) or loc.country
        return loc
    if not parts.keys() & {"locality", "region", "country"}:
        loc = parse_place(label)
        loc.line = line
        return loc
    country = country_code(parts.get("country"))
    sub = subdivision_code(parts.get("region"), country)
    if sub and country is None:
        country = sub[:2]
    return Location(text=label, line=line, country=country, subdivision=sub, city=parts.get("locality"))


def jobposting_locations(doc: Document, posting: dict[str, Any]) -> list[Location]:
    locations = []
    for key, remote in (("jobLocation", False), ("applicantLocationRequirements", True)):
        value = posting.get(key)
        items = value if isinstance(value, list) else [value]
        for i, place in enumerate(items):
            pointer = f"/{key}" + (f"/{i}" if isinstance(value, list) else "")
            loc = _place_location(doc, place, pointer, remote)
            if loc is not None:
                locations.append(loc)
    return locations


def _mode_from_label(text: Any) -> str | None:
    if not isinstance(text, str):
        return None
    if _HYBRID.search(text):
        return "hybrid"
    if _REMOTE.search(text):
        return "remote"
    return None


def _greenhouse(doc: Document, record: dict[str, Any], out: dict[str, Any]) -> None:
    location = record.get("location")
    name = location.get("name") if isinstance(location, dict) else None
    if isinstance(name, str) and name.strip():
        loc = parse_place(name)
        loc.line = line_of(doc, "/location/name")
        out["locations"] = [loc]
        mode = _mode_from_label(name)
        if mode:
            out["work_mode"] = mode
    pays = []
    for i, rng in enumerate(as_list(record.get("pay_input_ranges"))):
        if not isinstance(rng, dict):
            continue
        lo, hi = number(rng.get("min_cents")), number(rng.get("max_cents"))
        lo = lo / 100 if lo is not None else None
        hi = hi / 100 if hi is not None else None
        if lo is None and hi is None:
            continue
        cur = rng.get("currency_type")
        text = f"pay_input_ranges: {_fmt(lo)}–{_fmt(hi)}" + (f" {cur}" if isinstance(cur, str) else "")
        pays.append(_pay(lo, hi, cur, None, text, line_of(doc, f"/pay_input_ranges/{i}")))
    if pays:
        out["pay"] = pays


_LEVER_MODES = {"remote": "remote", "hybrid": "hybrid", "on-site": "onsite", "onsite": "onsite",
                "on_site": "onsite", "in-office": "onsite"}


def _lever(doc: Document, record: dict[str, Any], out: dict[str, Any]) -> None:
    categories = record.get("categories") if isinstance(record.get("categories"), dict) else {}
    names = [categories.get("location"), *as_list(categories.get("allLocations"))]
    locations, seen = [], set()
    for name in names:
        if isinstance(name, str) and name.strip() and name.strip() not in seen:
            seen.add(name.strip())
            loc = parse_place(name)
            loc.line = line_of(doc, "/categories/location")
            if loc.country is None and isinstance(record.get("country"), str) and not loc.remote_region:
                loc.country = country_code(record["country"])
            locations.append(loc)
    if locations:
        out["locations"] = locations
    workplace = record.get("workplaceType")
    mode = _LEVER_MODES.get(workplace.strip().lower()) if isinstance(workplace, str) else None
    mode = mode or _mode_from_label(categories.get("location"))
    if mode:
        out["work_mode"] = mode
    rng = record.get("salaryRange")
    if isinstance(rng, dict):
        lo, hi = number(rng.get("min")), number(rng.get("max"))
        interval = str(rng.get("interval") or "").lower()
        period = next((p for p in ("hour", "day", "week", "month", "year") if p in interval), None)
        if lo is not None or hi is not None:
            cur = rng.get("currency")
            text = f"salaryRange: {_fmt(lo)}–{_fmt(hi)}" + (f" {cur}" if isinstance(cur, str) else "") \
                + (f" {interval}" if interval else "")
            out["pay"] = [_pay(lo, hi, cur, period, text, line_of(doc, "/salaryRange"))]


def structured_facts(doc: Document) -> dict[str, Any]:
    """``{"pay": [Pay], "locations": [Location], "work_mode": str}``, keys only when known."""
    out: dict[str, Any] = {}
    posting = doc.fields.get("jobposting")
    if isinstance(posting, dict):
        pays = jobposting_pay(doc, posting)
        if pays:
            out["pay"] = pays
        locations = jobposting_locations(doc, posting)
        if locations:
            out["locations"] = locations
        if is_telecommute(posting):
            out["work_mode"] = "remote"
        return out
    record = doc.fields.get("record")
    if isinstance(record, dict):
        if doc.meta.get("input") == "greenhouse":
            _greenhouse(doc, record, out)
        elif doc.meta.get("input") == "lever":
            _lever(doc, record, out)
    return out
