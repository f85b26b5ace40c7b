"""The JSON report's encoder writes exactly what ``json.dumps(..., indent=2)`` writes."""

from __future__ import annotations

import io
import json
import math
from enum import IntEnum

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.reports.json_report import dumps_indented


def _reference(o, pad="\n"):
    return json.dumps(o, ensure_ascii=False, indent=2).replace("\n", pad)


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                    st.text())
keys = st.one_of(st.text(), st.integers(), st.floats(allow_nan=False), st.booleans(), st.none())
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=5),
                                                       st.tuples(inner, inner),
                                                       st.dictionaries(keys, inner, max_size=5)), max_leaves=30)


@settings(max_examples=500, deadline=None)
@given(values, st.sampled_from(["\n", "\n    ", "\n\t"]))
def test_same_text_as_json_dumps(value, pad):
    assert dumps_indented(value, pad) == _reference(value, pad)


class Level(IntEnum):
    LOW = 1


class Name(str):
    pass


@pytest.mark.parametrize("value", [
    {}, [], {"a": {}}, {"a": []}, [[]], {"a": [1, "é\n\u2028", None, True, 1.5]},
    {"x": math.inf, "y": -math.inf, "z": math.nan, 1.0: 2, None: 3, False: 4},
    {"level": Level.LOW, "name": Name("n"), Name("k"): (1, 2)},
    {"masculine_words": ["lead", "driven"], "score": -2, "balance": "masculine-coded"},
])
def test_edge_values(value):
    assert dumps_indented(value) == _reference(value)
    assert dumps_indented(value, "\n    ") == _reference(value, "\n    ")


def test_what_json_rejects_is_still_rejected():
    with pytest.raises(TypeError):
        dumps_indented({"a": {1, 2}})
    with pytest.raises(TypeError):
        dumps_indented({(1, 2): 3})
    loop: list = []
    loop.append(loop)
    with pytest.raises(ValueError):
        dumps_indented({"a": loop})


def test_streamed_report_is_the_rendered_report():
    import jdlint
    from jdlint.reports import Run
    from jdlint.reports.json_report import render, write

    results = [jdlint.lint_text("You will dominate as a rockstar ninja.\n", path="a.md"),
               jdlint.lint_text("We pay $90,000 per year. Remote (US).\n", path="b.txt")]
    for run in (Run(results=results, rules=[], version="1"), Run(results=[], rules=[], version="1")):
        out = io.StringIO()
        write(run, out)
        assert out.getvalue() == render(run)
        assert out.getvalue() == json.dumps(json.loads(out.getvalue()), ensure_ascii=False, indent=2) + "\n"
