"""Which jurisdictions' posting laws apply to a posting, and why.

Three sources, in this order:

* configuration (``jurisdictions:`` in ``.jdlint.yaml`` or ``--jurisdiction``): always applied,
  with their parents ("US-NY-NYC" brings "US-NY" and "US"); an entry written ``-US-CA`` removes
  a jurisdiction whatever else says it applies;
* places of work found in the posting (``facts.locations``): a job in "Denver, CO" gets
  ``US-CO`` (and ``US``), one in Brooklyn gets ``US-NY-NYC`` and ``US-NY``, one in Warsaw gets
  ``PL`` and ``EU``;
* remote roles: a role open to applicants in a whole country gets every jurisdiction of that
  country whose law covers remote jobs that could be done from there (``remote: covers`` in
  ``rules/data/jurisdictions.yaml``), with the law's own note as the reason; a role open to
  one state ("Remote (Colorado)") gets that state like a place of work.

``employer_size`` in the configuration drops every jurisdiction whose smallest covered
employer is larger (``min_employees``), configured ones included: the law does not reach an
employer that size. Ids not in the data file (a team's own packs) pass through untouched.
"""

from __future__ import annotations

import re
from typing import Any

from jdlint.document import Document
from jdlint.facts.gazetteer import fold
from jdlint.jurisdictions.data import Model, Spec, model
from jdlint.model import Facts, Jurisdiction, Location


def infer_jurisdictions(doc: Document, facts: Facts, config: Any = None) -> list[Jurisdiction]:
    """The jurisdictions whose rules apply to this posting, each with the reason it applies."""
    data = model()
    found: dict[str, str] = {}
    direct: set[str] = set()  # ids matched in their own right (their reason beats a child's)
    excluded: set[str] = set()

    def add(jid: str, reason: str, *, with_parents: bool = True) -> None:
        if jid not in direct:
            found[jid] = reason
            direct.add(jid)
        if with_parents:
            for parent in data.ancestors(jid):
                found.setdefault(parent, reason)

    for entry in getattr(config, "jurisdictions", None) or ():
        entry = entry.strip()
        if entry.startswith("-"):
            excluded.add(data.normalize(entry[1:]))
            continue
        jid = data.normalize(entry)
        found[jid] = "configured"
        direct.add(jid)
        for parent in data.ancestors(jid):
            found.setdefault(parent, f"configured ({jid} is in {parent})")

    remote_role = facts.work_mode == "remote"
    named = {loc.country for loc in facts.locations if loc.country and not _is_time_zone(loc)}
    for loc in facts.locations:
        # "Remote (Canada) ... core hours 10-3 ET": the time zone says when, not where.
        if _is_time_zone(loc) and named and loc.country not in named:
            continue
        # Most specific first, so a Brooklyn job lists US-NY-NYC, then US-NY, then US.
        matches = sorted(_matches(loc, remote_role, data), key=lambda m: -len(data.ancestors(m[0])))
        for jid, reason, with_parents in matches:
            add(jid, reason, with_parents=with_parents)

    size = getattr(config, "employer_size", None)
    out = []
    for jid, reason in found.items():
        if jid in excluded:
            continue
        spec = data.specs.get(jid)
        if size is not None and spec is not None and size < spec.min_employees:
            continue
        out.append(Jurisdiction(jid, reason))
    return out


_TIME_ZONE = re.compile(r"^(?:[A-Z]{1,4}T|UTC|GMT)(?:\s?[+-]\s?\d{1,2}(?::?\d\d)?)?$|\btime\s?zones?\b",
                        re.IGNORECASE)


def _is_time_zone(loc: Location) -> bool:
    """A location that is only a time zone or time-zone band ("ET", "UTC-5", "US time zones")."""
    return not loc.city and not loc.subdivision and bool(_TIME_ZONE.search(loc.text.strip()))


def _where(loc: Location) -> str:
    return f"{loc.text} (line {loc.line})"


def _matches(loc: Location, remote_role: bool, data: Model) -> list[tuple[str, str, bool]]:
    """(jurisdiction id, reason, add parents?) for one place found in the posting."""
    region = loc.remote_region or (remote_role and not loc.city and not loc.subdivision)
    if not region:
        return [(spec.id, reason, True) for spec, reason in _place_of_work(loc, data)]
    out: list[tuple[str, str, bool]] = []
    open_to = f"remote role open to applicants in {_where(loc)}"
    if loc.subdivision:
        # "Remote (Colorado)": the work will be done in that state.
        for spec in data.specs.values():
            if spec.subdivision == loc.subdivision and not spec.cities:
                out.append((spec.id, open_to, True))
        return out
    if loc.country:
        for spec in data.specs.values():
            if spec.match_country == loc.country:
                out.append((spec.id, open_to, True))
            elif loc.country in spec.countries:
                out.append((spec.id, f"{open_to}, an EU member state", True))
            elif spec.country == loc.country and spec.remote == "covers" and spec.match_country is None:
                out.append((spec.id, f"{open_to}: {spec.remote_note}", False))
        return out
    key = fold(loc.text)
    for spec in data.specs.values():
        if key in spec.regions:
            out.append((spec.id, f"{open_to}: {spec.remote_note}", False))
    return out


def _place_of_work(loc: Location, data: Model) -> list[tuple[Spec, str]]:
    here = f"job located in {_where(loc)}"
    names = {fold(n) for n in (loc.city, loc.text.split(",")[0]) if n}
    out: list[tuple[Spec, str]] = []
    for spec in data.specs.values():
        if spec.cities:
            if loc.subdivision == spec.subdivision and names & spec.cities:
                out.append((spec, here))
        elif spec.subdivision:
            if loc.subdivision == spec.subdivision:
                out.append((spec, here))
        elif spec.match_country:
            if loc.country == spec.match_country:
                out.append((spec, here))
        elif loc.country and loc.country in spec.countries:
            out.append((spec, f"{here}, an EU member state"))
    return out
