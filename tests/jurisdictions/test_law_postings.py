"""End to end: realistic postings for every jurisdiction, through place and pay extraction.

Each jurisdiction has a posting that breaks one of its laws and a posting that satisfies all
of them (every law-* rule stays quiet). Dates are fixed so the results do not change as laws
come into force.
"""

from __future__ import annotations

from datetime import date

import pytest

import jdlint
from jdlint.config import Config
from jdlint.engine.packs import load_all

LAW_RULES = {r.id: r for r in load_all() if "/law-" in r.pack.replace("\\", "/")}
AS_OF = date(2028, 1, 1)  # every law in the packs is in force


def lint(text: str, **config):
    config.setdefault("as_of", AS_OF)
    result = jdlint.lint_text(text, config=Config(**config))
    assert result.error is None, result.error
    return result


def law_findings(result):
    return [f for f in result.findings if f.rule in LAW_RULES]


BENEFITS = "Benefits: medical, dental and vision insurance, a 401(k) with 4% match, and 15 days of paid time off."

# (jurisdiction, rule expected to fire, failing posting, passing posting)
CASES = [
    ("US-CO", "pay.missing.us-co",
     "Line Cook\nLocation: Denver, CO\nPrep and cook for a busy brunch service. Competitive pay.\n" + BENEFITS
     + "\nApply by March 31, 2028.",
     "Line Cook\nLocation: Denver, CO\nPrep and cook for a busy brunch service.\nPay: $19–$23 per hour plus tips.\n"
     + BENEFITS + "\nApply by March 31, 2028."),
    ("US-CO", "pay.benefits-missing.us-co",
     "Line Cook\nLocation: Denver, CO\nPay: $19–$23 per hour plus tips. Competitive benefits.\n"
     "Apply by March 31, 2028.",
     None),
    ("US-CO", "pay.deadline-missing.us-co",
     "Line Cook\nLocation: Denver, CO\nPay: $19–$23 per hour plus tips.\n" + BENEFITS,
     None),
    ("US-NY-NYC", "pay.open-ended.us-ny-nyc",
     "Senior Paralegal\nLocation: New York, NY\nSupport our litigation team.\nBase salary: $85,000 and up.",
     "Senior Paralegal\nLocation: New York, NY\nSupport our litigation team.\nBase salary: $85,000–$98,000 per year."),
    ("US-NY", "pay.missing.us-ny",
     "Warehouse Supervisor\nLocation: Rochester, NY\nLead the night shift team of twelve.",
     "Warehouse Supervisor\nLocation: Rochester, NY\nLead the night shift team of twelve.\nPay: $26–$31 per hour."),
    ("US-CA", "pay.missing.us-ca",
     "Product Designer\nLocation: Los Angeles, CA\nDesign our mobile app with the product team.",
     "Product Designer\nLocation: Los Angeles, CA\nDesign our mobile app.\nSalary: $130,000–$160,000 per year."),
    ("US-WA", "pay.open-ended.us-wa",
     "Delivery Driver\nLocation: Seattle, WA\nPay: $24 per hour and up.\n" + BENEFITS,
     "Delivery Driver\nLocation: Seattle, WA\nPay: $24–$28 per hour.\n" + BENEFITS),
    ("US-IL", "pay.benefits-missing.us-il",
     "Software Engineer\nLocation: Chicago, IL\nSalary: $120,000–$145,000 per year. Great perks.",
     "Software Engineer\nLocation: Chicago, IL\nSalary: $120,000–$145,000 per year.\n" + BENEFITS),
    ("US-MD", "pay.missing.us-md",
     "Lab Technician\nLocation: Baltimore, MD\nRun assays.\n" + BENEFITS,
     "Lab Technician\nLocation: Baltimore, MD\nRun assays.\nPay: $24–$29 per hour.\n" + BENEFITS),
    ("US-MN", "pay.history-question.us-mn",
     "Registered Nurse\nLocation: Minneapolis, MN\nPay: $44–$56 per hour.\n" + BENEFITS
     + "\nPlease tell us your current salary.",
     "Registered Nurse\nLocation: Minneapolis, MN\nPay: $44–$56 per hour.\n" + BENEFITS
     + "\nPlease tell us your salary expectations."),
    ("US-NJ", "pay.benefits-missing.us-nj",
     "Pharmacy Technician\nLocation: Newark, NJ\nPay: $20–$24 per hour. Excellent benefits.",
     "Pharmacy Technician\nLocation: Newark, NJ\nPay: $20–$24 per hour.\n" + BENEFITS),
    ("US-VT", "pay.missing.us-vt",
     "Ski Technician\nLocation: Burlington, VT\nTune skis for our rental fleet.",
     "Ski Technician\nLocation: Burlington, VT\nTune skis for our rental fleet.\nPay: $19–$23 per hour."),
    ("US-MA", "pay.missing.us-ma",
     "Research Coordinator\nLocation: Boston, MA\nCoordinate our clinical studies.",
     "Research Coordinator\nLocation: Boston, MA\nCoordinate our clinical studies.\nSalary: $58,000–$66,000 per year."),
    ("US-HI", "pay.missing.us-hi",
     "Front Desk Agent\nLocation: Honolulu, HI\nWelcome guests at our hotel.",
     "Front Desk Agent\nLocation: Honolulu, HI\nWelcome guests at our hotel.\nPay: $21–$24 per hour."),
    ("US-DC", "pay.history-question.us-dc",
     "Policy Associate\nLocation: Washington, DC\nSalary: $62,000–$70,000 per year.\nInclude your salary history.",
     "Policy Associate\nLocation: Washington, DC\nSalary: $62,000–$70,000 per year.\nInclude a writing sample."),
    ("US-DE", "pay.missing.us-de",
     "Bank Teller\nLocation: Wilmington, DE\nHelp customers with deposits.\n" + BENEFITS,
     "Bank Teller\nLocation: Wilmington, DE\nHelp customers with deposits.\nPay: $19–$22 per hour.\n" + BENEFITS),
    ("US-NJ-JERSEY-CITY", "pay.missing.us-nj-jersey-city",
     "Leasing Agent\nLocation: Jersey City, NJ\nShow apartments.\n" + BENEFITS,
     "Leasing Agent\nLocation: Jersey City, NJ\nShow apartments.\nSalary: $52,000–$58,000 per year.\n" + BENEFITS),
    ("US-NY-ITHACA", "pay.missing.us-ny-ithaca",
     "Library Assistant\nLocation: Ithaca, NY\nHelp patrons find books.",
     "Library Assistant\nLocation: Ithaca, NY\nHelp patrons find books.\nPay: $18–$20 per hour."),
    ("US-NY-WESTCHESTER", "pay.missing.us-ny-westchester",
     "Dental Hygienist\nLocation: White Plains, NY\nFriendly family practice.",
     "Dental Hygienist\nLocation: White Plains, NY\nFriendly family practice.\nPay: $48–$55 per hour."),
    ("US-OH-CLEVELAND", "pay.missing.us-oh-cleveland",
     "Machinist\nLocation: Cleveland, OH\nRun CNC mills on first shift.",
     "Machinist\nLocation: Cleveland, OH\nRun CNC mills on first shift.\nPay: $25–$31 per hour."),
    ("US-OH-COLUMBUS", "pay.history-question.us-oh-columbus",
     "Claims Adjuster\nLocation: Columbus, OH\nSalary: $58,000–$68,000 per year.\nSend your resume and pay history.",
     "Claims Adjuster\nLocation: Columbus, OH\nSalary: $58,000–$68,000 per year.\nSend your resume."),
    ("CA-BC", "pay.open-ended.ca-bc",
     "Forklift Operator\nLocation: Vancouver, BC\nPay: $24 per hour and up.",
     "Forklift Operator\nLocation: Vancouver, BC\nPay: $24–$28 per hour."),
    ("CA-ON", "pay.range-too-wide.ca-on",
     "Project Manager\nLocation: Toronto, ON\nSalary: $60,000–$140,000 per year.\n"
     "This posting is for an existing vacancy. We do not use AI to screen applicants.",
     "Project Manager\nLocation: Toronto, ON\nSalary: $85,000–$120,000 per year.\n"
     "This posting is for an existing vacancy. We do not use AI to screen applicants."),
    ("CA-ON", "bias.canadian-experience.ca-on",
     "Project Manager\nLocation: Ottawa, ON\nSalary: $85,000–$120,000 per year.\n"
     "Requirements: 5 years of Canadian work experience.\n"
     "This posting is for an existing vacancy. We do not use AI to screen applicants.",
     None),
    ("CA-ON", "vacancy.status-missing.ca-on",
     "Project Manager\nLocation: Toronto, ON\nSalary: $85,000–$120,000 per year.\n"
     "We do not use AI to screen applicants.",
     None),
    ("CA-ON", "ai.disclosure-missing.ca-on",
     "Project Manager\nLocation: Toronto, ON\nSalary: $85,000–$120,000 per year.\n"
     "This posting is for an existing vacancy.",
     None),
    ("CA-PE", "pay.missing.ca-pe",
     "Fish Plant Worker\nLocation: Charlottetown, PE\nSeasonal work processing lobster.",
     "Fish Plant Worker\nLocation: Charlottetown, PE\nSeasonal work processing lobster.\nPay: $17–$19 per hour."),
    ("CA-QC", "lang.french-missing.ca-qc",
     "Customer Service Agent\nLocation: Québec City, QC\nAnswer customer calls and emails for our travel agency.",
     "Agent du service à la clientèle\nLieu : Québec, QC\nVous répondez aux appels et aux courriels de nos "
     "clients pour notre agence de voyages. Nous offrons une équipe accueillante."),
    ("EU", "pay.missing.eu",
     "Data Engineer\nLocation: Lisbon, Portugal\nBuild and run our data pipelines on AWS.",
     "Data Engineer\nLocation: Lisbon, Portugal\nBuild and run our data pipelines.\nSalary: €42,000–€52,000 per year."),
    ("PL", "pay.missing.pl",
     "Backend Developer\nLocation: Warsaw, Poland\nBuild APIs for our logistics platform.",
     "Backend Developer\nLocation: Warsaw, Poland\nBuild APIs.\nSalary: 18 000–24 000 PLN gross per month."),
    ("AT", "pay.minimum-missing.at",
     "Sachbearbeiter (m/w/d) Buchhaltung\nDienstort: Wien, Österreich\nSie übernehmen die laufende Buchhaltung.",
     "Sachbearbeiter (m/w/d) Buchhaltung\nDienstort: Wien, Österreich\nSie übernehmen die laufende Buchhaltung. "
     "Für diese Position gilt ein KV-Mindestgehalt von €2.450 brutto pro Monat; Bereitschaft zur Überzahlung "
     "je nach Qualifikation."),
    ("DE", "title.gender-marker.de",
     "Einkäufer\nStandort: Köln, Deutschland\nWir suchen einen Einkäufer für unser Team. Sie verhandeln mit "
     "Lieferanten. Gehalt: 48.000–56.000 € brutto im Jahr.",
     "Einkäufer (m/w/d)\nStandort: Köln, Deutschland\nWir suchen Verstärkung für unser Team. Sie verhandeln mit "
     "Lieferanten. Gehalt: 48.000–56.000 € brutto im Jahr."),
    ("UK", "bias.equality-act.uk",
     "Sales Assistant\nLocation: Manchester, UK\nWe want a young and dynamic person for our shop floor.",
     "Sales Assistant\nLocation: Manchester, UK\nWe want a friendly, reliable person for our shop floor."),
]


@pytest.mark.parametrize("jid, rule_id, text", [(j, r, f) for j, r, f, _ in CASES],
                         ids=[f"{j}-{r}" for j, r, _, _ in CASES])
def test_failing_posting(jid, rule_id, text):
    result = lint(text)
    assert jid in {j.id for j in result.facts.jurisdictions}, result.facts.to_dict()["locations"]
    hits = [f for f in result.findings if f.rule == rule_id]
    assert hits, [f.rule for f in law_findings(result)]
    assert all(f.severity != "info" for f in hits) or LAW_RULES[rule_id].severity == "info"


@pytest.mark.parametrize("jid, text", [(j, p) for j, _, _, p in CASES if p],
                         ids=[j for j, _, _, p in CASES if p])
def test_passing_posting(jid, text):
    result = lint(text)
    assert jid in {j.id for j in result.facts.jurisdictions}, result.facts.to_dict()["locations"]
    assert [(f.rule, f.message) for f in law_findings(result)] == []


def test_every_listed_jurisdiction_has_a_case():
    listed = {"US-CO", "US-NY-NYC", "US-NY", "US-CA", "US-WA", "US-IL", "US-MD", "US-MN", "US-NJ", "US-VT",
              "US-MA", "US-HI", "US-DC", "US-DE", "US-NJ-JERSEY-CITY", "US-NY-ITHACA", "US-NY-WESTCHESTER",
              "US-OH-CLEVELAND", "US-OH-COLUMBUS", "CA-BC", "CA-ON", "CA-PE", "CA-QC", "EU", "PL", "AT", "DE", "UK"}
    assert listed <= {j for j, _, _, p in CASES if p}


# -- inference through extraction -------------------------------------------------------------


def test_denver_posting_gets_us_co_with_the_line():
    result = lint("Barista\nLocation: Denver, CO\nPay: $18–$22 per hour.")
    reasons = {j.id: j.reason for j in result.facts.jurisdictions}
    assert reasons["US-CO"] == "job located in Denver, CO (line 2)"
    assert result.to_dict()["facts"]["jurisdictions"][0] == {"id": "US-CO", "reason": reasons["US-CO"]}


def test_toronto_posting_gets_ca_on():
    result = lint("Payroll Specialist\nThe role is based in our Toronto office.\nSalary: $68,000–$78,000.")
    assert "CA-ON" in {j.id for j in result.facts.jurisdictions}


def test_fully_remote_us_posting_gets_the_remote_laws_with_reasons():
    text = ("Staff Accountant\nThis is a fully remote role open to candidates anywhere in the US.\n"
            "Close the books each month.")
    result = lint(text)
    reasons = {j.id: j.reason for j in result.facts.jurisdictions}
    assert {"US-CO", "US-CA", "US-WA", "US-DE", "US-NY-WESTCHESTER"} <= set(reasons)
    assert "US-NY" not in reasons and "US-IL" not in reasons
    [co] = [f for f in result.findings if f.rule == "pay.missing.us-co"]
    assert "remote role open to applicants in" in co.message
    assert "Colorado's law covers remote jobs that could be done from Colorado" in co.message


def test_remote_us_posting_with_everything_passes():
    text = ("Staff Accountant\nThis is a fully remote role open to candidates anywhere in the US.\n"
            "Salary: $70,000–$82,000 per year.\n" + BENEFITS + "\nApplications accepted on a rolling basis.")
    assert law_findings(lint(text)) == []


def test_configured_jurisdiction_applies_without_a_place():
    result = lint("Barista\nMake great coffee.", jurisdictions=["US-CO"])
    [f] = [f for f in result.findings if f.rule == "pay.missing.us-co"]
    assert "(configured)" in f.message


def test_employer_size_skips_laws_above_it():
    text = "Product Designer\nLocation: San Diego, CA\nDesign our app."
    assert [f for f in lint(text).findings if f.rule == "pay.missing.us-ca"]
    assert not [f for f in lint(text, employer_size=12).findings if f.rule == "pay.missing.us-ca"]


# -- dates ---------------------------------------------------------------------------------------

CO_NO_DEADLINE = "Barista\nLocation: Denver, CO\nPay: $18–$22 per hour.\n" + BENEFITS


def test_colorado_deadline_rule_does_not_fire_as_of_2023_06_01():
    before = lint(CO_NO_DEADLINE, as_of=date(2023, 6, 1))
    assert not [f for f in before.findings if f.rule == "pay.deadline-missing.us-co"]
    after = lint(CO_NO_DEADLINE, as_of=date(2024, 1, 1))
    assert [f.severity for f in after.findings if f.rule == "pay.deadline-missing.us-co"] == ["warning"]


def test_colorado_pay_rule_applies_as_of_2023_06_01():
    result = lint("Barista\nLocation: Denver, CO\nGreat coffee.", as_of=date(2023, 6, 1))
    assert [f.severity for f in result.findings if f.rule == "pay.missing.us-co"] == ["error"]


def test_delaware_is_info_before_2027_09_26():
    text = "Bank Teller\nLocation: Wilmington, DE\nHelp customers with deposits."
    [early] = [f for f in lint(text, as_of=date(2026, 11, 1)).findings if f.rule == "pay.missing.us-de"]
    assert early.severity == "info" and "(in force from 2027-09-26)" in early.message
    [late] = [f for f in lint(text, as_of=date(2027, 9, 26)).findings if f.rule == "pay.missing.us-de"]
    assert late.severity == "error"


def test_columbus_pay_rule_is_info_until_enforcement_but_its_history_ban_is_in_force():
    text = "Claims Adjuster\nLocation: Columbus, OH\nSend your resume and salary history."
    found = {f.rule: f.severity for f in lint(text, as_of=date(2026, 6, 1)).findings}
    assert found["pay.missing.us-oh-columbus"] == "info"
    assert found["pay.history-question.us-oh-columbus"] == "warning"


def test_ontario_rules_are_info_in_2025():
    text = "Project Manager\nLocation: Toronto, ON\nManage our office move."
    found = {f.rule: f.severity for f in lint(text, as_of=date(2025, 6, 1)).findings if f.rule in LAW_RULES}
    assert found == {"pay.missing.ca-on": "info", "ai.disclosure-missing.ca-on": "info",
                     "vacancy.status-missing.ca-on": "info"}


def test_poland_in_force_before_the_eu_deadline():
    text = "Backend Developer\nLocation: Warsaw, Poland\nBuild APIs."
    found = {f.rule: f.severity for f in lint(text, as_of=date(2026, 1, 15)).findings if f.rule in LAW_RULES}
    assert found == {"pay.missing.pl": "warning"}
    lisbon = "Data Engineer\nLocation: Lisbon, Portugal\nBuild pipelines."
    found = {f.rule: f.severity for f in lint(lisbon, as_of=date(2026, 1, 15)).findings if f.rule in LAW_RULES}
    assert found == {"pay.missing.eu": "info"}


def test_nyc_posting_reports_the_city_rule_not_the_state_rule():
    result = lint("Senior Paralegal\nLocation: Brooklyn, NY\nSupport our litigation team.")
    rules = {f.rule for f in law_findings(result)}
    assert rules == {"pay.missing.us-ny-nyc"}


# -- CLI -----------------------------------------------------------------------------------------


def test_cli_as_of_and_jurisdiction(cli, tmp_path):
    (tmp_path / "job.txt").write_text(CO_NO_DEADLINE, encoding="utf-8")
    old = cli("check", "--select", "pay", "--as-of", "2023-06-01", "job.txt")
    assert "pay.deadline-missing.us-co" not in old.output
    new = cli("check", "--select", "pay", "--as-of", "2024-06-01", "job.txt")
    assert "pay.deadline-missing.us-co" in new.output and new.exit_code == 1
    (tmp_path / "plain.txt").write_text("Barista\nMake great coffee.\n", encoding="utf-8")
    configured = cli("check", "--select", "pay.missing", "--jurisdiction", "US-CO", "--as-of", "2026-01-01",
                     "plain.txt")
    assert "pay.missing.us-co" in configured.output


@pytest.mark.parametrize("rule_id", ["pay.deadline-missing.us-co", "pay.missing.us-de", "title.gender-marker.de",
                                     "pay.range-too-wide.ca-on"])
def test_cli_explain_shows_law_date_coverage_and_source(cli, rule_id):
    res = cli("explain", rule_id)
    assert res.exit_code == 0, res.output
    rule = LAW_RULES[rule_id]
    assert f"applies:   {', '.join(rule.jurisdictions)}" in res.output
    assert f"in force:  from {rule.effective_from.isoformat()}" in res.output
    assert "Sources:" in res.output and rule.sources[0][:40] in res.output.replace("\n    ", " ")
