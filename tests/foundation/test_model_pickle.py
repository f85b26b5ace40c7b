"""Results survive pickling (worker processes send them back) with every field, internal ones too."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import jdlint
from jdlint.model import Facts, Finding, Jurisdiction, Location, Pay, Result, Statement

POSTING = """# Senior Engineer

Denver, CO (hybrid, 2 days a week in the office). Pay: $120,000 - $150,000 per year.
We want a rockstar ninja who can dominate. We are an equal opportunity employer.
"""


def _fields(obj):
    if dataclasses.is_dataclass(obj):
        return (type(obj).__name__, *(_fields(getattr(obj, f.name)) for f in dataclasses.fields(obj)))
    if isinstance(obj, list):
        return [_fields(o) for o in obj]
    if isinstance(obj, dict):
        return {k: _fields(v) for k, v in obj.items()}
    return obj


def test_results_round_trip_with_every_field():
    result = jdlint.lint_text(POSTING, path="job.md")
    assert result.findings and result.facts.pay and result.facts.locations and result.source
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        again = pickle.loads(pickle.dumps(result, protocol=protocol))
        assert _fields(again) == _fields(result)
        assert again.source == result.source and again.input_format == result.input_format
    assert _fields(copy.deepcopy(result)) == _fields(result)


def test_every_model_class_round_trips():
    pay = Pay(1.0, 2.0, "USD", "year", "$1-2", 3, open_ended=True, start=4, end=9)
    objects = [
        Finding("r", "c", "error", "m", 1, 2, 3, 4, "x", "s", 5, 6, True, "fix", "r\0k"),
        pay,
        Location("Denver", 2, "US", "US-CO", "Denver", True, 7, 8),
        Statement("EOE", 4, 1, 2, {"kind": "eeo"}),
        Jurisdiction("US-CO", "named"),
        Facts(pay=pay, pay_ranges=[pay], work_mode="hybrid", extra={"a": 1}),
        Result("p", unused_disables=[], error="e", meta={"m": 1}, source="src", input_format="text"),
    ]
    for obj in objects:
        again = pickle.loads(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))
        assert type(again) is type(obj) and _fields(again) == _fields(obj)


def test_a_subclass_keeps_its_class_and_fields():
    @dataclasses.dataclass
    class Tagged(Jurisdiction):
        tag: str = ""

    globals()["Tagged"] = Tagged  # pickle finds classes by name
    Tagged.__qualname__ = "Tagged"
    again = pickle.loads(pickle.dumps(Tagged("EU", "named", "t")))
    assert type(again) is Tagged and (again.id, again.reason, again.tag) == ("EU", "named", "t")
