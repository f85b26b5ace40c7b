"""Finding schema.org JobPosting objects in JSON-LD, and reading their loosely typed values.

JSON-LD on real careers pages comes in every shape the spec allows: a bare object, an array
of objects, an ``@graph``, a WebPage whose ``mainEntity`` is the posting, ``@type`` as a
string or a list, with or without the ``schema:`` / ``https://schema.org/`` prefix. Values are
just as loose (a Place or a list of Places, an address object or a string, a number or a
numeric string), so the helpers here normalise that once for the readers, the structured
facts and the schema checks.
"""

from __future__ import annotations

from typing import Any

_PREFIXES = ("http://schema.org/", "https://schema.org/", "schema:")
_MAX_DEPTH = 8


def type_names(obj: Any) -> set[str]:
    """The ``@type`` names of a JSON-LD node, without vocabulary prefixes."""
    if not isinstance(obj, dict):
        return set()
    names = set()
    for t in as_list(obj.get("@type")):
        if isinstance(t, str):
            for prefix in _PREFIXES:
                if t.startswith(prefix):
                    t = t[len(prefix) :]
                    break
            names.add(t)
    return names


def is_jobposting(obj: Any) -> bool:
    return "JobPosting" in type_names(obj)


def find_jobpostings(value: Any) -> list[dict[str, Any]]:
    """Every JobPosting node in a JSON-LD value, in document order (not inside one another)."""
    found: list[dict[str, Any]] = []

    def walk(node: Any, depth: int) -> None:
        if depth > _MAX_DEPTH:
            return
        if isinstance(node, list):
            for item in node:
                walk(item, depth + 1)
        elif isinstance(node, dict):
            if is_jobposting(node):
                found.append(node)
                return
            for key, item in node.items():
                if key != "@context" and isinstance(item, (dict, list)):
                    walk(item, depth + 1)

    walk(value, 0)
    return found


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def is_blank(value: Any) -> bool:
    """Missing for validation purposes: None, an empty/whitespace string, empty list or object."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, dict)):
        return not value or all(is_blank(v) for v in (value.values() if isinstance(value, dict) else value))
    return False


def name_of(value: Any) -> str | None:
    """A human-readable name for a value that may be a string or a Thing with ``name``."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        for key in ("name", "@id", "addressCountry"):
            v = value.get(key)
            if isinstance(v, str) and v.strip():
                return v.strip()
    return None


def location_types(posting: dict[str, Any]) -> set[str]:
    """``jobLocationType`` values, upper-cased (Google documents only ``TELECOMMUTE``)."""
    return {t.strip().upper() for t in as_list(posting.get("jobLocationType")) if isinstance(t, str)}


def is_telecommute(posting: dict[str, Any]) -> bool:
    return "TELECOMMUTE" in location_types(posting)


def address_parts(place: Any) -> dict[str, str]:
    """``{locality, region, country, postal, street, name}`` of a Place / PostalAddress / string."""
    out: dict[str, str] = {}
    if isinstance(place, str):
        if place.strip():
            out["name"] = place.strip()
        return out
    if not isinstance(place, dict):
        return out
    name = place.get("name")
    if isinstance(name, str) and name.strip():
        out["name"] = name.strip()
    address = place.get("address", place)
    if isinstance(address, list):
        address = address[0] if address else {}
    if isinstance(address, str):
        if address.strip():
            out.setdefault("name", address.strip())
        return out
    if not isinstance(address, dict):
        return out
    for key, part in (("addressLocality", "locality"), ("addressRegion", "region"),
                      ("addressCountry", "country"), ("postalCode", "postal"), ("streetAddress", "street")):
        v = address.get(key)
        text = name_of(v) if isinstance(v, dict) else v
        if isinstance(text, (str, int)) and str(text).strip():
            out[part] = str(text).strip()
    return out


def place_label(place: Any) -> str | None:
    """"Austin, TX, US" for an address; the Place's name or string otherwise."""
    parts = address_parts(place)
    label = ", ".join(parts[k] for k in ("locality", "region", "country") if k in parts)
    return label or parts.get("name")


def summary_fields(posting: dict[str, Any]) -> dict[str, Any]:
    """The few posting fields every reader exposes in ``doc.fields`` (title, location, url...)."""
    out: dict[str, Any] = {}
    title = posting.get("title")
    if isinstance(title, str) and title.strip():
        out["title"] = str(title).strip()
    places = [label for label in map(place_label, as_list(posting.get("jobLocation"))) if label]
    if places:
        out["location"] = "; ".join(places)
    elif is_telecommute(posting):
        regions = [n for n in map(name_of, as_list(posting.get("applicantLocationRequirements"))) if n]
        out["location"] = "Remote" + (f" ({', '.join(regions)})" if regions else "")
    org = posting.get("hiringOrganization")
    if name_of(org):
        out["company"] = name_of(org)
    for key, field in (("url", "url"), ("datePosted", "date_posted"), ("validThrough", "valid_through")):
        v = posting.get(key)
        if isinstance(v, str) and v.strip():
            out[field] = str(v).strip()
    return out
