"""schema.* rules: required JobPosting properties, a valid baseSalary, markup that agrees with the text.

The rules' fail/pass examples are JSON documents (plain-text examples cannot carry markup), so
they live here rather than in rules/schema.yaml until the example runner reads JSON.
"""

import json
from datetime import date
from pathlib import Path

import pytest

from jdlint.config import Config
from jdlint.engine.context import Posting
from jdlint.engine.packs import load_pack
from jdlint.engine.runner import run_rule
from jdlint.model import Facts, Location
from jdlint.nlp import Tokens
from jdlint.readers.html import read as read_html
from jdlint.readers.json_posting import read as read_json

ROOT = Path(__file__).resolve().parents[2]
RULES = {r.id: r for r in load_pack(ROOT / "rules" / "schema.yaml")}


def posting(**props) -> str:
    """A complete, valid JobPosting with ``props`` changed (None removes a property)."""
    base = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": "Baker",
        "datePosted": "2025-03-01",
        "description": "<p>Bake bread at our Leeds bakery. Salary: £28,000–£31,000 per year.</p>",
        "hiringOrganization": {"@type": "Organization", "name": "Crumb & Co"},
        "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": "Leeds",
                                                      "addressCountry": "GB"}},
        "baseSalary": {"@type": "MonetaryAmount", "currency": "GBP",
                       "value": {"@type": "QuantitativeValue", "minValue": 28000, "maxValue": 31000,
                                 "unitText": "YEAR"}},
    }
    for key, value in props.items():
        if value is None:
            base.pop(key, None)
        else:
            base[key] = value
    return json.dumps(base, indent=2, ensure_ascii=False)


def salary(**value) -> dict:
    out = {"@type": "MonetaryAmount", "currency": value.pop("currency", "USD"),
           "value": {"@type": "QuantitativeValue", **value}}
    if out["currency"] is None:
        del out["currency"]
    return out


REMOTE_TEXT = "<p>This is a fully remote role for people living in the UK.</p>"
HYBRID_TEXT = "<p>This is a hybrid role: three days a week in our Leeds office.</p>"
UK = [{"@type": "Country", "name": "United Kingdom"}]

# The rules' own JSON examples live in rules/schema.yaml (examples.format: json); here they run
# through run_rule directly, on a fixed date.
EXAMPLES = {rid: {"fail": r.examples_fail, "pass": r.examples_pass} for rid, r in RULES.items()}


def findings(rule_id: str, source: str, path: str = "p.json"):
    doc = read_html(path, source) if path.endswith(".html") else read_json(path, source)
    post = Posting(doc=doc, tokens=Tokens([], [], [], [], []), facts=Facts())
    return run_rule(RULES[rule_id], post, Config(), date(2025, 6, 1))


CASES = [(rid, kind, i, src) for rid, ex in EXAMPLES.items() for kind in ("fail", "pass")
         for i, src in enumerate(ex[kind])]


@pytest.mark.parametrize("rule_id, kind, i, src", CASES, ids=[f"{r}-{k}{i}" for r, k, i, _ in CASES])
def test_examples(rule_id, kind, i, src):
    found = findings(rule_id, src)
    if kind == "fail":
        assert found, f"{rule_id} did not fire on fail example {i}"
    else:
        assert not found, f"{rule_id} fired on pass example {i}: {[f.message for f in found]}"


def test_rule_metadata():
    assert set(RULES) == set(EXAMPLES)
    for rule in RULES.values():
        assert rule.kind == "check" and rule.category == "schema"
        assert any("developers.google.com/search/docs/appearance/structured-data" in s for s in rule.sources)
        assert len(rule.rationale) > 200


def test_required_missing_names_each_property():
    found = findings("schema.required-missing", posting(datePosted=None, title=" ", hiringOrganization={}))
    assert sorted(f.message for f in found) == [
        f"The schema.org JobPosting has no {p}, which Google requires to show the job in search."
        for p in ("datePosted", "hiringOrganization", "title")]
    assert all(f.line == 1 and f.posting_level for f in found)
    (remote,) = findings("schema.required-missing", posting(jobLocation=None, jobLocationType=["TELECOMMUTE"]))
    assert "neither jobLocation nor applicantLocationRequirements" in remote.message


def test_salary_problems_are_explained_with_the_line():
    src = posting(baseSalary=salary(currency="usd", minValue=60000, maxValue="50,000", unitText="Yearly"))
    messages = [f.message for f in findings("schema.salary-invalid", src)]
    line = next(i for i, text in enumerate(src.splitlines(), 1) if '"baseSalary"' in text)
    assert all(m.startswith(f"The JobPosting's baseSalary (line {line}) is invalid: ") for m in messages)
    text = " ".join(messages)
    assert "currency 'usd' is not an ISO 4217 code" in text
    assert "unitText 'Yearly' is not one of HOUR, DAY, WEEK, MONTH, YEAR" in text
    assert "maxValue '50,000' is not a plain number" in text
    assert "minValue 60000 is greater than maxValue '50,000'" in text


def test_remote_mismatch_points_at_the_words_in_the_text():
    src = posting(jobLocationType="TELECOMMUTE", applicantLocationRequirements=UK, description=HYBRID_TEXT)
    (f,) = findings("schema.remote-mismatch", src)
    assert f.match == "hybrid"
    assert src.splitlines()[f.line - 1][f.column - 1 : f.end_column - 1] == "hybrid"
    assert "TELECOMMUTE" in f.message and "says the job is hybrid" in f.message
    src = posting(description=REMOTE_TEXT)
    (g,) = findings("schema.remote-mismatch", src)
    assert "no jobLocationType TELECOMMUTE" in g.message
    assert src.splitlines()[g.line - 1][g.column - 1 : g.end_column - 1] == g.match


def test_remote_mismatch_ignores_structured_fields_when_reading_the_text():
    # fields["location"] says "Remote (United Kingdom)"; only the TEXT decides the text's mode.
    src = posting(jobLocation=None, jobLocationType="TELECOMMUTE", applicantLocationRequirements=UK,
                  description="<p>Bake bread.</p>")
    assert not findings("schema.remote-mismatch", src)


def test_text_mismatch_pay_points_at_the_stated_range():
    src = posting(description="<p>Bake bread. Salary: £24,000&ndash;£26,000 per year.</p>")
    (f,) = findings("schema.text-mismatch", src)
    assert f.match.startswith("£24,000")
    assert src.splitlines()[f.line - 1][f.column - 1 :].startswith("£24,000&ndash;£26,000")
    assert "baseSalary GBP 28,000–31,000 per year" in f.message


def test_text_mismatch_location_by_country(monkeypatch):
    from jdlint.facts import location

    src = posting(description="<p>Bake bread in Toronto.</p>")

    def fake(doc):
        start = doc.text.find("Toronto")
        return [Location(text="Toronto", line=1, country="CA", city="Toronto", start=start, end=start + 7)]

    monkeypatch.setattr(location, "find_locations", fake)
    (f,) = findings("schema.text-mismatch", src)
    assert f.match == "Toronto" and "jobLocation Leeds, GB" in f.message
    monkeypatch.setattr(location, "find_locations", lambda doc: [
        Location(text="Leeds", line=1, country="GB", start=0, end=5)])
    assert not findings("schema.text-mismatch", src)


def test_rules_read_json_ld_in_html_pages():
    page = (ROOT / "examples" / "careers-page.html").read_text(encoding="utf-8")
    assert not findings("schema.required-missing", page, "careers-page.html")
    assert not findings("schema.salary-invalid", page, "careers-page.html")
    assert not findings("schema.text-mismatch", page, "careers-page.html")
    broken = page.replace('"unitText": "YEAR"', '"unitText": "ANNUAL"').replace('"datePosted": "2025-03-03",', "")
    assert [f.rule for f in findings("schema.salary-invalid", broken, "p.html")] == ["schema.salary-invalid"]
    assert [f.message for f in findings("schema.required-missing", broken, "p.html")] == [
        "The schema.org JobPosting has no datePosted, which Google requires to show the job in search."]


def test_schema_rules_stay_quiet_without_a_jobposting():
    for path, src in (("g.json", json.dumps({"title": "Baker", "description": "We are fully remote."})),
                      ("p.html", "<p>This is a fully remote role. Salary $50,000 per year.</p>")):
        for rule_id in RULES:
            assert not findings(rule_id, src, path)


def test_end_to_end_through_lint_text(monkeypatch):
    import jdlint
    from jdlint import readers

    monkeypatch.setitem(readers.FORMATS, "json", "jdlint.readers.json_posting:read")
    monkeypatch.setitem(readers.EXTENSIONS, ".json", "json")
    src = posting(datePosted=None, baseSalary=salary(value=30, unitText="hourly"))
    result = jdlint.lint_text(src, path="job.json", config=Config(select=["schema"]))
    assert result.error is None, result.error
    # 30 "hourly" (not a valid unit, so no period) is not the £28,000–£31,000 a year the text states.
    assert sorted(f.rule for f in result.findings) == [
        "schema.required-missing", "schema.salary-invalid", "schema.text-mismatch"]


def test_text_mismatch_location_with_the_real_extractor():
    src = posting(description="<p>Bake bread at our Toronto, Ontario bakery. Salary: £28,000–£31,000 per year.</p>")
    (f,) = findings("schema.text-mismatch", src)
    assert f.match.startswith("Toronto")
    assert src.splitlines()[f.line - 1][f.column - 1 :].startswith("Toronto")
    assert not findings("schema.text-mismatch", posting(description="<p>Bake bread in Leeds, UK.</p>"))
