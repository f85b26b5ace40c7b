"""JSON postings: shape detection, text from escaped (HTML) strings with exact positions, facts."""

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.errors import InputError
from jdlint.facts.structured import parse_place, structured_facts
from jdlint.readers.json_positions import JSONError, loads, plain, string_view
from jdlint.readers.json_posting import read, read_posting

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "inputs"
EXAMPLES = ROOT / "examples"


def source_at(doc, word: str) -> str:
    """The source text from where the first ``word`` of doc.text maps to."""
    start = doc.text.index(word)
    s, _ = doc.source_span(start, start + len(word))
    return doc.source[s:]


def span_of(doc, word: str) -> str:
    start = doc.text.index(word)
    s, e = doc.source_span(start, start + len(word))
    return doc.source[s:e]


# -- the located JSON scanner ------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.text(), st.booleans())
def test_every_decoded_character_maps_to_its_own_source_spelling(text, ascii_only):
    src = '{"k": [1, ' + json.dumps(text, ensure_ascii=ascii_only) + "]}"
    value = loads(src)["k"][1]
    view = string_view(src, value)
    assert view.text == text == value
    for i, char in enumerate(text):
        spelled = src[view.to_file(i) : view.to_file_end(i + 1)]
        assert json.loads(f'"{spelled}"') == char


def test_located_values_know_their_offsets_and_plain_drops_them():
    src = '{"a": {"b": ["x", "y\\n"]}}'
    data = loads(src)
    assert data["a"].start == src.index('{"b"')
    assert data["a"]["b"].start == src.index("[")
    assert src[data["a"]["b"][1].start : data["a"]["b"][1].end] == "y\\n"
    clean = plain(data)
    assert type(clean["a"]["b"][0]) is str and type(clean["a"]) is dict
    import yaml

    assert yaml.safe_dump(clean)  # safe to dump: no str/dict subclasses left


@pytest.mark.parametrize("src, msg, line, col", [
    ('{"a": 1,\n  "b" 2}', "Expecting ':' delimiter", 2, 7),
    ("[1, 2", "Expecting ',' delimiter", 1, 6),
    ("", "Expecting value", 1, 1),
    ('{"a": 1} {"b": 2}', "Extra data", 1, 10),
])
def test_json_errors_name_line_and_column(src, msg, line, col):
    with pytest.raises(JSONError) as err:
        loads(src)
    assert (err.value.msg, err.value.line, err.value.column) == (msg, line, col)


def test_broken_json_file_is_an_input_error():
    with pytest.raises(InputError) as err:
        read("bad.json", '{"title": "Cook",\n "description": "x",\n}')
    assert str(err.value) == ("bad.json: is not valid JSON: Expecting property name enclosed in double "
                              "quotes (line 3, column 1)")


def test_deeply_nested_json_is_an_error_not_a_crash():
    with pytest.raises(InputError) as err:
        read("deep.json", "[" * 5000 + "]" * 5000)
    assert "nested too deeply" in str(err.value)


# -- schema.org --------------------------------------------------------------------------------


def test_schema_org_graph_text_fields_and_positions():
    source = (FIXTURES / "schema-graph.json").read_text(encoding="utf-8")
    doc = read("schema-graph.json", source)
    assert doc.meta["input"] == "schema.org" and doc.meta["report"] == {"input": "schema.org"}
    assert doc.format == "json"
    assert doc.text == ("Marine Electrician\n\nThe role\n\nInstall and repair wiring on tugs & barges — the "
                        '"heavy" work of our café-sized yard.\n\nBring your own 🔧 tools.')
    assert [(s.title, s.level) for s in doc.sections] == [("The role", 2)]
    assert doc.fields["title"] == "Marine Electrician"
    assert doc.fields["company"] == "Harbor Yards"
    assert doc.fields["jobposting"]["datePosted"] == "2025-01-20"
    # Escapes and entities map onto their source spelling...
    assert span_of(doc, "café") == "caf\\u00e9"
    assert span_of(doc, "—") == "\\u2014"
    assert span_of(doc, "&") == "&amp;"
    assert span_of(doc, '"heavy"') == '\\"heavy\\"'
    assert span_of(doc, "🔧") == "\\ud83d\\udd27"
    # ...and every plain word onto itself, on the description's line.
    desc_line = next(i for i, line in enumerate(source.splitlines(), 1) if '"description"' in line)
    for m in re.finditer(r"[A-Za-z]{3,}", doc.text):
        s, e = doc.source_span(m.start(), m.end())
        assert source[s:e] == m.group()
        if m.start() > len("Marine Electrician"):
            assert doc.position(m.start(), m.end())[0] == desc_line


@pytest.mark.parametrize("wrap", [
    lambda p: p,
    lambda p: [p],
    lambda p: {"@context": "https://schema.org", "@graph": [{"@type": "Organization"}, p]},
    lambda p: {"@type": "WebPage", "mainEntity": p},
])
def test_schema_org_shapes(wrap):
    posting = {"@type": "JobPosting", "title": "Baker", "description": "Bake bread at dawn."}
    doc = read("p.json", json.dumps(wrap(posting)))
    assert doc.meta["input"] == "schema.org"
    assert doc.text == "Baker\n\nBake bread at dawn."


def test_plain_text_description_keeps_its_lines():
    posting = {"@type": "JobPosting", "title": "Baker", "description": "Duties:\nBake bread.\n\nPerks:\nFree loaf."}
    doc = read("p.json", json.dumps(posting))
    assert doc.text == "Baker\n\nDuties:\nBake bread.\n\nPerks:\nFree loaf."
    assert doc.has_section("perks")


def test_several_postings_read_the_first_and_warn():
    postings = [{"@type": "JobPosting", "title": t, "description": f"{t} text"} for t in ("One", "Two")]
    doc = read("p.json", json.dumps(postings))
    assert doc.text == "One\n\nOne text"
    assert doc.meta["postings_in_file"] == 2
    assert "only the first" in doc.meta["warnings"][0]


# -- ATS shapes --------------------------------------------------------------------------------


def test_greenhouse_double_escaped_html():
    source = (EXAMPLES / "greenhouse-job.json").read_text(encoding="utf-8")
    doc = read("greenhouse-job.json", source)
    assert doc.meta["input"] == "greenhouse"
    assert "&lt;" not in doc.text and "<p>" not in doc.text and "&amp;" not in doc.text
    assert "get the most out of Brightwater — by phone" in doc.text
    assert span_of(doc, "—") == "&amp;mdash;"  # &mdash; escaped once more by Greenhouse
    assert span_of(doc, "’") == "&amp;rsquo;"
    assert source_at(doc, "help-centre").startswith("help-centre articles")
    assert [s.title for s in doc.sections] == ["About the role", "What you’ll do", "What we’re looking for"]
    assert doc.fields["location"] == "Remote - Canada"
    assert doc.fields["url"].startswith("https://boards.greenhouse.example/")
    facts = structured_facts(doc)
    assert facts["work_mode"] == "remote"
    (loc,) = facts["locations"]
    assert (loc.country, loc.remote_region) == ("CA", True)
    (pay,) = facts["pay"]
    assert (pay.min, pay.max, pay.currency) == (58000, 66000, "CAD")
    assert "min_cents" in "\n".join(source.splitlines()[pay.line - 1 : pay.line + 1])


def test_greenhouse_listing_reads_first_job():
    jobs = {"jobs": [{"title": "A", "content": "&lt;p&gt;First&lt;/p&gt;", "absolute_url": "u"},
                     {"title": "B", "content": "x", "absolute_url": "v"}], "meta": {"total": 2}}
    doc = read("board.json", json.dumps(jobs))
    assert doc.meta["input"] == "greenhouse" and doc.text == "A\n\nFirst"


def test_lever_posting_lists_become_sections():
    source = (EXAMPLES / "lever-posting.json").read_text(encoding="utf-8")
    doc = read("lever-posting.json", source)
    assert doc.meta["input"] == "lever"
    assert doc.text.startswith("Warehouse Team Lead (Nights)\n\nKeep our night shift safe")
    assert "10 p.m.–6 a.m." in doc.text
    assert [(s.title, s.level) for s in doc.sections] == [("What you will do", 3), ("What you bring", 3)]
    assert "• Plan the night's work" in doc.text
    assert source_at(doc, "Plan the").startswith("Plan the night's work")
    assert doc.fields["location"] == "Columbus, OH"
    facts = structured_facts(doc)
    assert facts["work_mode"] == "onsite"
    (pay,) = facts["pay"]
    assert (pay.min, pay.max, pay.currency, pay.period) == (24.5, 28, "USD", "hour")
    assert facts["locations"][0].subdivision == "US-OH"


def test_lever_plain_fallback_and_workplace_types():
    posting = {"text": "Nurse", "descriptionPlain": "Care for patients.\n", "lists": [],
               "categories": {"location": "Remote - US"}, "workplaceType": "remote", "hostedUrl": "h"}
    doc = read("l.json", json.dumps(posting))
    assert doc.text == "Nurse\n\nCare for patients.\n"
    assert structured_facts(doc)["work_mode"] == "remote"
    posting["workplaceType"] = "hybrid"
    assert structured_facts(read("l.json", json.dumps(posting)))["work_mode"] == "hybrid"


@pytest.mark.parametrize("key", ["description", "text", "content", "body"])
def test_generic_objects(key):
    doc = read("g.json", json.dumps({"title": "Porter", key: "Carry bags.", "location": "Leeds, UK"}))
    assert doc.meta["input"] == "generic"
    assert doc.text == "Porter\n\nCarry bags."
    assert doc.fields["location"] == "Leeds, UK"


def test_text_field_override_with_dotted_path():
    data = {"title": "Porter", "description": "short", "posting": {"fullText": "Carry bags, \u00e9t\u00e9."}}
    src = json.dumps(data)
    doc = read_posting("g.json", src, text_field="posting.fullText")
    assert doc.text == "Porter\n\nCarry bags, été."
    assert span_of(doc, "été") == "\\u00e9t\\u00e9"
    with pytest.raises(InputError, match="has no field 'nope'"):
        read_posting("g.json", src, text_field="nope")
    with pytest.raises(InputError, match="non-string field 'posting'"):
        read_posting("g.json", src, text_field="posting")


def test_object_without_text_is_an_input_error():
    with pytest.raises(InputError, match="has no posting text"):
        read("g.json", '{"id": 3, "salary": 5}')


# -- structured facts --------------------------------------------------------------------------


def _facts(posting: dict) -> dict:
    posting = {"@type": "JobPosting", "title": "T", "description": "D", **posting}
    return structured_facts(read("p.json", json.dumps(posting, indent=1)))


@pytest.mark.parametrize("salary, expected", [
    ({"currency": "USD", "value": {"value": 40, "unitText": "HOUR"}}, (40, 40, "USD", "hour", False)),
    ({"currency": "EUR", "value": {"minValue": 50000, "maxValue": 60000, "unitText": "YEAR"}},
     (50000, 60000, "EUR", "year", False)),
    ({"currency": "GBP", "minValue": "2,500", "maxValue": "3000.50", "value": {"unitText": "MONTH"}},
     (2500, 3000.5, "GBP", "month", False)),
    ({"currency": "usd", "value": {"minValue": 20, "unitText": "day"}}, (20, None, "USD", "day", True)),
    ({"currency": "USD", "value": 1200, "unitText": "WEEK"}, (1200, 1200, "USD", "week", False)),
    (95000, (95000, 95000, None, None, False)),
])
def test_base_salary_shapes(salary, expected):
    (pay,) = _facts({"baseSalary": salary})["pay"]
    assert (pay.min, pay.max, pay.currency, pay.period, pay.open_ended) == expected
    assert pay.text.startswith("baseSalary:")
    if isinstance(salary, dict):  # a bare number has no position of its own: the posting's line
        assert pay.line > 1


def test_job_locations_remote_requirements_and_telecommute():
    facts = _facts({
        "jobLocationType": "TELECOMMUTE",
        "jobLocation": {"@type": "Place", "address": {"addressLocality": "Toronto", "addressRegion": "ON",
                                                      "addressCountry": "CA"}},
        "applicantLocationRequirements": [{"@type": "Country", "name": "USA"}, {"@type": "State", "name": "Ontario"}],
    })
    assert facts["work_mode"] == "remote"
    office, usa, ontario = facts["locations"]
    assert (office.city, office.subdivision, office.country, office.remote_region) == ("Toronto", "CA-ON", "CA", False)
    assert (usa.country, usa.remote_region) == ("US", True)
    assert (ontario.subdivision, ontario.country, ontario.remote_region) == ("CA-ON", "CA", True)


def test_no_structured_data_no_facts():
    assert structured_facts(read("g.json", '{"description": "Just text."}')) == {}


@pytest.mark.parametrize("text, expected", [
    ("Austin, TX", ("Austin", "US-TX", "US", False)),
    ("Remote - Canada", (None, None, "CA", True)),
    ("London, United Kingdom", ("London", None, "GB", False)),
    ("Pier 4, Baltimore, MD", ("Baltimore", "US-MD", "US", False)),
    ("Remote (US)", (None, None, "US", True)),
    ("Remote - DE", (None, None, "DE", True)),
    ("Hybrid - New York, NY", ("New York", "US-NY", "US", False)),
    ("Washington, DC", ("Washington", "US-DC", "US", False)),
    ("Atlanta, Georgia", ("Atlanta", "US-GA", "US", False)),
    ("Tbilisi, Georgia", ("Tbilisi", None, "GE", False)),
    ("Leeds, England", ("Leeds", "GB-ENG", "GB", False)),
    ("Vancouver, BC", ("Vancouver", "CA-BC", "CA", False)),
])
def test_parse_place(text, expected):
    loc = parse_place(text)
    assert (loc.city, loc.subdivision, loc.country, loc.remote_region) == expected


def test_lint_text_end_to_end_positions(monkeypatch):
    import jdlint
    from jdlint import readers
    from jdlint.config import Config

    monkeypatch.setitem(readers.FORMATS, "json", "jdlint.readers.json_posting:read")
    monkeypatch.setitem(readers.EXTENSIONS, ".json", "json")
    posting = {"title": "Closer", "description": "<p>We want an <b>aggressive</b>,\nambitious caf\u00e9 "
                                                  "&amp; a \"competitive\" spirit.</p>"}
    src = json.dumps(posting, indent=2)
    result = jdlint.lint_text(src, path="job.json", config=Config(select=["bias"]))
    assert result.error is None, result.error
    assert {f.match.lower() for f in result.findings} >= {"aggressive", "ambitious", "competitive"}
    lines = src.splitlines()
    for f in result.findings:
        assert lines[f.line - 1][f.column - 1 : f.end_column - 1].lower() == f.match.lower(), f
