"""The jurisdiction model, loaded from ``rules/data/jurisdictions.yaml``.

Each jurisdiction says how a place in the posting is matched to it, what it covers (employer
size, remote jobs) and what its main posting law asks for. Inference
(:mod:`jdlint.jurisdictions.infer`) and the law checks (:mod:`jdlint.checks.law`) both read it,
so a new place is a data change, not a code change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from jdlint.data import data_dir, load_data
from jdlint.facts.gazetteer import fold

REMOTE_VALUES = ("covers", "no", "conditional")


@dataclass(frozen=True, slots=True)
class Spec:
    """One jurisdiction as the data file declares it."""

    id: str
    name: str
    country: str | None
    parent: str | None
    subdivision: str | None = None
    match_country: str | None = None
    countries: frozenset[str] = frozenset()
    cities: frozenset[str] = frozenset()  # folded names
    regions: frozenset[str] = frozenset()  # folded names
    min_employees: int = 1
    remote: str = "no"
    remote_note: str = ""
    law: str = ""
    effective: date | None = None
    covers: str = ""
    posting: dict[str, Any] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    unverified: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Model:
    specs: dict[str, Spec]
    aliases: dict[str, str]
    eu_members: frozenset[str]

    def get(self, jid: str) -> Spec | None:
        return self.specs.get(self.normalize(jid))

    def normalize(self, jid: str) -> str:
        """Upper-cased id with aliases resolved: ``us-co`` -> ``US-CO``, ``GB`` -> ``UK``."""
        key = jid.strip().upper()
        return self.aliases.get(key, key)

    def ancestors(self, jid: str) -> list[str]:
        """Parents of a jurisdiction, nearest first (``US-NY-NYC`` -> ``US-NY``, ``US``)."""
        out: list[str] = []
        spec = self.get(jid)
        while spec is not None and spec.parent and spec.parent not in out:
            out.append(spec.parent)
            spec = self.specs.get(spec.parent)
        return out


def data_path() -> Path:
    return data_dir() / "jurisdictions.yaml"


def _date(value: Any, where: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{where}: not a date: {value!r}") from None


def _spec(jid: str, raw: dict[str, Any], eu: frozenset[str]) -> Spec:
    match = raw.get("match") or {}
    countries = match.get("countries") or []
    if countries == "eu_members":
        countries = sorted(eu)
    remote = str(raw.get("remote", "no"))
    if remote not in REMOTE_VALUES:
        raise ValueError(f"jurisdictions.yaml {jid}.remote: must be one of {', '.join(REMOTE_VALUES)}")
    return Spec(
        id=jid,
        name=str(raw["name"]),
        country=raw.get("country"),
        parent=raw.get("parent"),
        subdivision=match.get("subdivision"),
        match_country=match.get("country"),
        countries=frozenset(countries),
        cities=frozenset(fold(c) for c in match.get("cities") or ()),
        regions=frozenset(fold(r) for r in match.get("regions") or ()),
        min_employees=int(raw.get("min_employees", 1)),
        remote=remote,
        remote_note=str(raw.get("remote_note", "")),
        law=str(raw.get("law", "")),
        effective=_date(raw.get("effective"), f"{jid}.effective"),
        covers=str(raw.get("covers", "")),
        posting=dict(raw.get("posting") or {}),
        sources=tuple(raw.get("sources") or ()),
        unverified=tuple(raw.get("unverified") or ()),
    )


@lru_cache(maxsize=1)
def model() -> Model:
    """The jurisdiction model, loaded once per process."""
    raw = load_data(data_path().name)
    eu = frozenset(raw.get("eu_members") or ())
    specs = {str(jid): _spec(str(jid), body, eu) for jid, body in (raw.get("jurisdictions") or {}).items()}
    aliases = {str(k).upper(): str(v) for k, v in (raw.get("aliases") or {}).items()}
    return Model(specs=specs, aliases=aliases, eu_members=eu)
