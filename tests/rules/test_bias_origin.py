"""bias.origin (citizenship, immigration status, national origin) and bias.origin.language."""

from __future__ import annotations

import pytest

import jdlint
from jdlint.config import Config


def hits(rule_id: str, text: str, path: str | None = None, **cfg) -> list[str]:
    result = jdlint.lint_text(text, path=path, config=Config(select=[rule_id], **cfg))
    assert result.error is None, result.error
    return [f.match for f in result.findings if f.rule == rule_id]


@pytest.mark.parametrize(("text", "match"), [
    ("US citizens only.", "US citizens only"),
    ("Open to U.S. citizens only; no exceptions.", "U.S. citizens only"),
    ("Only U.S. Citizens or Green Card Holders.", "Only U.S. Citizens or Green Card Holders"),
    ("Green card holders only.", "Green card holders only"),
    ("USC/GC only, no C2C.", "USC/GC only"),
    ("H-1B only.", "H-1B only"),
    ("Must have a U.S. passport.", "Must have a U.S. passport"),
    ("U.S. citizenship required.", "U.S. citizenship required"),
    ("You must be a US citizen.", "must be a US citizen"),
    ("Canadian experience required.", "Canadian experience"),
    ("Support agents must speak with no accent.", "no accent"),
])
def test_origin_restrictions(text, match):
    assert hits("bias.origin", text) == [match]


@pytest.mark.parametrize("text", [
    "Must be authorized to work in the US.",
    "We do not sponsor visas, now or in the future.",
    "Applicants must be legally authorized to work in Canada without sponsorship.",
    "U.S. citizenship is required to obtain the security clearance for this role.",
    "Must be a US citizen: this position is funded by a government contract subject to ITAR.",
    "You need a valid passport to travel to client sites.",
    "Knowledge of Canadian tax law is a plus.",
    "Our platform helps cities engage their citizens.",
    "We build cloud native tools in React Native.",
])
def test_origin_near_misses(text):
    assert hits("bias.origin", text) == []


def test_origin_is_a_warning_with_a_lawful_alternative():
    result = jdlint.lint_text("US citizens only.", config=Config(select=["bias.origin"]))
    (f,) = result.findings
    assert f.severity == "warning"
    assert "authorized to work" in (f.suggestion or "")


@pytest.mark.parametrize(("text", "match"), [
    ("Native English speaker required.", "Native English"),
    ("You are a native speaker of Dutch.", "native speaker"),
    ("German mother tongue.", "mother tongue"),
    ("You speak English as a first language.", "as a first language"),
])
def test_native_language(text, match):
    assert hits("bias.origin.language", text) == [match]


@pytest.mark.parametrize("text", [
    "Fluent English (C1) and native-level Spanish.",
    "You don't need to be a native speaker.",
    "Native speaker not required; fluency is.",
    "Experience with React Native and native Android.",
    "See https://example.com/native-english-speaker-jobs.",
])
def test_native_language_near_misses(text):
    assert hits("bias.origin.language", text) == []


def test_markdown_code_is_ignored():
    text = "Run `US citizens only` as a test string.\n\n```\nnative_speaker = True\n```\n"
    assert hits("bias.origin", text, path="posting.md") == []
    assert hits("bias.origin.language", text, path="posting.md") == []
