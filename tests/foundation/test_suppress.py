"""jdlint-disable comments in Markdown/HTML and plain text."""

import jdlint
from jdlint.config import Config

SEL = Config(select=["bias.gender-coded"])


def rules_lines(text: str, path: str = "a.md", **kw):
    cfg = Config(select=["bias.gender-coded", *kw.pop("extra", [])], **kw)
    return [(f.rule, f.line) for f in jdlint.lint_text(text, path=path, config=cfg).findings]


def test_disable_next_line():
    text = "<!-- jdlint-disable-next-line bias.gender-coded -->\nYou will lead.\nYou will lead.\n"
    assert rules_lines(text) == [("bias.gender-coded", 3)]


def test_disable_enable_block():
    text = ("You will lead.\n<!-- jdlint-disable bias -->\nYou will lead.\nYou will lead.\n"
            "<!-- jdlint-enable bias -->\nBe competitive.\n")
    assert [line for _, line in rules_lines(text)] == [1, 6]


def test_disable_all_rules_without_ids():
    text = "<!-- jdlint-disable -->\nYou will lead.\n"
    assert rules_lines(text) == []


def test_once_rules_report_first_unsuppressed_use():
    text = "<!-- jdlint-disable-next-line bias.gender-coded -->\nYou will lead.\nYou will lead.\nLead more.\n"
    assert rules_lines(text) == [("bias.gender-coded", 3)]


def test_disable_line_and_other_rule_untouched():
    text = "You will lead. <!-- jdlint-disable-line bias.age -->\n"
    assert rules_lines(text) == [("bias.gender-coded", 1)]


def test_plain_text_directive_lines():
    text = "# jdlint-disable-next-line bias.gender-coded\nYou will lead.\nYou will lead.\n"
    assert rules_lines(text, path="a.txt") == [("bias.gender-coded", 3)]


def test_directive_text_is_not_linted():
    text = "<!-- jdlint-disable-next-line bias.gender-coded leadership -->\nHello.\n"
    assert rules_lines(text) == []


def test_posting_level_findings_suppressed_by_block_disable():
    text = ("We want a competitive, dominant, decisive and ambitious leader who is assertive, independent and "
            "confident.\n<!-- jdlint-disable bias.gender-coded-balance -->\n")
    cfg = Config(select=["bias.gender-coded-balance"])
    assert jdlint.lint_text(text, path="a.md", config=cfg).findings == []


def test_unused_disables_reported():
    from jdlint.lint import Linter
    from jdlint.readers import read_source

    linter = Linter(SEL, report_unused_disables=True)
    doc = read_source("a.md", "<!-- jdlint-disable-next-line bias.gender-coded -->\nNothing coded here.\n")
    (f,) = linter.lint_document(doc).findings
    assert f.rule == "suppression.unused" and f.line == 1
