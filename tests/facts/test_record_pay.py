"""Pay a JSON record gives in its own fields counts as the posting's pay; an HTML page's markup does not."""

from __future__ import annotations

import json

import jdlint
from jdlint.config import Config

JOBPOSTING = {
    "@context": "https://schema.org",
    "@type": "JobPosting",
    "title": "Pipe Fitter",
    "datePosted": "2026-09-01",
    "description": "<p>Fit and weld pipework on our shipyard in Baltimore, MD.</p>",
    "hiringOrganization": {"@type": "Organization", "name": "Dockside Works"},
    "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": "Baltimore",
                                                  "addressRegion": "MD", "addressCountry": "US"}},
    "baseSalary": {"@type": "MonetaryAmount", "currency": "USD",
                   "value": {"@type": "QuantitativeValue", "minValue": 29, "maxValue": 35, "unitText": "HOUR"}},
}


def lint(source: str, path: str, **config):
    result = jdlint.lint_text(source, path=path, config=Config(**config))
    assert result.error is None, result.error
    return result


def test_base_salary_of_a_record_is_the_pay():
    result = lint(json.dumps(JOBPOSTING, indent=2), "job.json")
    pay = result.facts.pay
    assert (pay.min, pay.max, pay.currency, pay.period) == (29, 35, "USD", "hour")
    assert pay.line > 1 and pay.text.startswith("baseSalary")  # where the value sits in the file
    assert not [f.rule for f in result.findings if f.rule.startswith("pay.missing")]


def test_a_record_without_pay_still_lacks_it():
    record = {k: v for k, v in JOBPOSTING.items() if k != "baseSalary"}
    result = lint(json.dumps(record, indent=2), "job.json")
    assert result.facts.pay is None
    assert "pay.missing.us-md" in {f.rule for f in result.findings}


def test_the_text_wins_over_the_record():
    """Pay rules point at what applicants read; the schema rules compare the two."""
    record = dict(JOBPOSTING, description="<p>Fit pipework in Baltimore, MD. Pay: $30 to $36 per hour.</p>")
    pay = lint(json.dumps(record, indent=2), "job.json").facts.pay
    assert (pay.min, pay.max) == (30, 36) and pay.text.startswith("$30")


def test_lever_salary_range_counts():
    record = {"text": "Courier", "descriptionPlain": "Deliver parcels around Leeds.",
              "categories": {"location": "Leeds, UK"}, "workplaceType": "on-site",
              "salaryRange": {"currency": "GBP", "interval": "per-year-salary", "min": 24000, "max": 27000},
              "hostedUrl": "https://jobs.lever.co/example/1"}
    pay = lint(json.dumps(record), "lever.json").facts.pay
    assert (pay.min, pay.max, pay.currency, pay.period) == (24000, 27000, "GBP", "year")


def test_json_ld_on_an_html_page_does_not_stand_in_for_visible_pay():
    page = (f'<html><head><script type="application/ld+json">{json.dumps(JOBPOSTING)}</script></head>'
            "<body><h1>Pipe Fitter</h1><p>Fit and weld pipework on our shipyard in Baltimore, MD.</p></body></html>")
    result = lint(page, "job.html")
    assert result.facts.pay is None
    assert "pay.missing.us-md" in {f.rule for f in result.findings}
