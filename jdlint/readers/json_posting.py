"""JSON postings: schema.org JobPosting, Greenhouse or Lever job JSON, or any object with a text field.

The shape is detected from the data, because users save whatever their ATS or CMS gives them:

* ``schema.org`` — a JobPosting object, an array of them, or an ``@graph`` (see :mod:`.jsonld`);
* ``greenhouse`` — a job-board API job: ``content`` is HTML escaped once more (``&lt;p&gt;``),
  ``location.name``, ``absolute_url`` (a ``{"jobs": [...]}`` listing reads its first job);
* ``lever`` — a postings API posting: ``text`` is the title, ``description``/``descriptionPlain``,
  ``lists[]`` of ``{text, content}`` sections, ``additional``, ``categories.location``,
  ``workplaceType``;
* ``generic`` — any object with a ``description``/``text``/``content``/``body`` field, or the
  field named by ``text_field`` (``--text-field``; dotted paths reach nested objects).

The text linted is the title, then the description (and Lever's sections), each string written
through :mod:`.json_positions` views, so a finding inside an escaped, HTML-bearing string still
points at the file's line and column. Structured values go to ``doc.fields`` for the facts and
the schema rules; ``doc.meta["input"]`` says which shape was read.
"""

from __future__ import annotations

from typing import Any

from jdlint.document import Document, OffsetMap, TextBuilder
from jdlint.errors import InputError
from jdlint.readers.headings import sections_from_lines
from jdlint.readers.html import Extracted, heading_tuples, write_markup
from jdlint.readers.json_positions import JSONError, LocatedStr, loads, plain, pointers, raw_decode, string_view
from jdlint.readers.jsonld import find_jobpostings, summary_fields

_TEXT_FIELDS = ("description", "text", "content", "body", "job_description", "jobDescription")
_TITLE_FIELDS = ("title", "job_title", "jobTitle", "name")

#: (kind, value): kind is "title", "heading" (a section title) or "body".
Part = tuple[str, Any]


def text_from_parts(source: str, parts: list[Part]) -> tuple[str, OffsetMap, list[tuple[int, int, str, int]]]:
    """The Document text for these located strings: pieces separated by blank lines."""
    out = TextBuilder()
    found: list[Extracted] = []
    section_heads: list[tuple[int, int]] = []
    for kind, value in parts:
        if not isinstance(value, LocatedStr) or not value.strip():
            continue
        if len(out):
            out.gap("\n\n", value.start)
        start = len(out)
        found.append(write_markup(string_view(source, value), out))
        if kind == "heading" and len(out) > start:
            section_heads.append((start, len(out)))
    text, offsets = out.build()
    heads = heading_tuples(text, found)
    heads.extend((s, e, text[s:e].strip().rstrip(":"), 3) for s, e in section_heads if text[s:e].strip())
    return text, offsets, heads


def _get(obj: Any, dotted: str) -> Any:
    for key in dotted.split("."):
        if not isinstance(obj, dict) or key not in obj:
            return None
        obj = obj[key]
    return obj


def _first(obj: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


def _is_greenhouse(obj: dict[str, Any]) -> bool:
    return isinstance(obj.get("content"), str) and (
        "absolute_url" in obj or "internal_job_id" in obj or "requisition_id" in obj
        or isinstance(obj.get("location"), dict)
    )


def _is_lever(obj: dict[str, Any]) -> bool:
    return ("descriptionPlain" in obj or "hostedUrl" in obj or "additionalPlain" in obj
            or ("lists" in obj and isinstance(obj.get("categories"), dict)))


def detect(data: Any, source: str | None = None) -> tuple[str, dict[str, Any], int]:
    """(shape, the posting object, how many postings the value holds).

    ``source`` (the JSON text) lets the JobPosting search be skipped when the word is absent.
    """
    postings = find_jobpostings(data) if source is None or "JobPosting" in source else []
    if postings:
        return "schema.org", postings[0], len(postings)
    candidates = data if isinstance(data, list) else [data]
    if isinstance(data, dict) and isinstance(data.get("jobs"), list):
        candidates = data["jobs"]
    objects = [c for c in candidates if isinstance(c, dict)]
    if not objects:
        return "generic", {}, 0
    obj = objects[0]
    if _is_greenhouse(obj):
        return "greenhouse", obj, len(objects)
    if _is_lever(obj):
        return "lever", obj, len(objects)
    return "generic", obj, len(objects)


def _parts(shape: str, obj: dict[str, Any]) -> list[Part]:
    if shape == "schema.org":
        return [("title", obj.get("title")), ("body", obj.get("description"))]
    if shape == "greenhouse":
        return [("title", obj.get("title")), ("body", obj.get("content"))]
    if shape == "lever":
        parts: list[Part] = [("title", obj.get("text"))]
        parts.append(("body", _first(obj, ("description", "descriptionPlain", "opening", "openingPlain"))))
        if not obj.get("description") and not obj.get("descriptionPlain"):
            parts.append(("body", _first(obj, ("descriptionBody", "descriptionBodyPlain"))))
        for item in obj.get("lists") or []:
            if isinstance(item, dict):
                parts.append(("heading", item.get("text")))
                parts.append(("body", item.get("content")))
        parts.append(("body", _first(obj, ("additional", "additionalPlain"))))
        return parts
    return [("title", _first(obj, _TITLE_FIELDS)), ("body", _first(obj, _TEXT_FIELDS))]


def _ats_fields(shape: str, obj: dict[str, Any]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    title = obj.get("text") if shape == "lever" else _first(obj, _TITLE_FIELDS)
    if isinstance(title, str) and title.strip():
        fields["title"] = str(title).strip()
    location = obj.get("location")
    if shape == "lever" and isinstance(obj.get("categories"), dict):
        location = obj["categories"].get("location")
    if isinstance(location, dict):
        location = location.get("name")
    if isinstance(location, str) and location.strip():
        fields["location"] = str(location).strip()
    url = _first(obj, ("absolute_url", "hostedUrl", "url", "applyUrl"))
    if url:
        fields["url"] = str(url)
    if shape == "lever" and isinstance(obj.get("workplaceType"), str):
        fields["workplace_type"] = str(obj["workplaceType"])
    if shape != "generic":  # the structured facts read these; a generic record has none
        fields["record"] = plain(obj)
    return fields


def from_value(path: str, source: str, data: Any, *, text_field: str | None = None,
               fmt: str = "json") -> Document:
    """A Document for an already decoded (located) JSON value whose strings lie in ``source``."""
    shape, obj, count = detect(data, source)
    parts = _parts(shape, obj)
    if text_field:
        value = _get(obj, text_field)
        if not isinstance(value, str):
            what = "has no" if value is None else "has a non-string"
            raise InputError(path, f"{what} field {text_field!r} (named by --text-field)")
        parts = [p for p in parts if p[0] == "title"] + [("body", value)]
    has_body = any(kind == "body" and isinstance(v, str) and v.strip() for kind, v in parts)
    if not has_body and shape == "generic":
        raise InputError(path, "has no posting text: expected a schema.org JobPosting, a Greenhouse or "
                               "Lever job, or an object with a description, text, content or body field "
                               "(--text-field names another)")
    text, offsets, heads = text_from_parts(source, parts)
    if shape == "schema.org":
        fields = summary_fields(obj)
        fields["jobposting"] = plain(obj)
    else:
        fields = _ats_fields(shape, obj)
    meta: dict[str, Any] = {"input": shape, "report": {"input": shape}}
    if shape != "generic":
        meta["json_pointers"] = pointers(obj)
    if count > 1:
        meta["postings_in_file"] = count
        meta["warnings"] = [f"holds {count} postings; only the first is linted (JSON Lines input "
                            "lints one posting per line)"]
    return Document(path=path, source=source, text=text, offsets=offsets, format=fmt, fields=fields,
                    sections=sections_from_lines(text, heads), meta=meta)


def posting_from_jsonld(source: str, spans: list[tuple[int, int]],
                        meta: dict[str, Any]) -> tuple[dict[str, Any], list[Part], dict[str, Any]] | None:
    """The first JobPosting in a page's ``application/ld+json`` blocks (source spans).

    A broken block is skipped with a warning in ``meta``: search engines ignore it too, and
    the page's visible text is still worth linting.
    """
    postings: list[dict[str, Any]] = []
    for start, end in spans:
        if not source[start:end].strip():
            continue
        try:
            value, stop = raw_decode(source, start)
        except JSONError as err:
            meta.setdefault("warnings", []).append(f"JSON-LD block is not valid JSON: {err}")
            continue
        if stop > end or source[stop:end].strip(" \t\r\n;"):
            meta.setdefault("warnings", []).append("JSON-LD block holds more than one JSON value; read the first")
            if stop > end:
                continue
        postings.extend(find_jobpostings(value))
    if not postings:
        return None
    posting = postings[0]
    meta["json_pointers"] = pointers(posting)
    if len(postings) > 1:
        meta["postings_in_file"] = len(postings)
    fields = summary_fields(posting)
    fields["jobposting"] = plain(posting)
    return posting, [("title", posting.get("title")), ("body", posting.get("description"))], fields


def read_posting(path: str, source: str, *, text_field: str | None = None) -> Document:
    """Read a ``.json`` posting; ``text_field`` is the ``--text-field`` override."""
    try:
        data = loads(source)
    except JSONError as err:
        raise InputError(path, f"is not valid JSON: {err.msg} (line {err.line}, column {err.column})") from None
    return from_value(path, source, data, text_field=text_field)


def read(path: str, source: str, *, text_field: str | None = None) -> Document:
    return read_posting(path, source, text_field=text_field)
