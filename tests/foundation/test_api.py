"""The Python API returns typed objects with the same names as the JSON report."""

from dataclasses import fields

import jdlint
from jdlint.model import Facts, Finding, Result


def test_lint_text_returns_result():
    result = jdlint.lint_text("You will lead a dominant, competitive team.", config={"select": ["bias"]})
    assert isinstance(result, Result) and isinstance(result.facts, Facts)
    assert all(isinstance(f, Finding) for f in result.findings)
    f = result.findings[0]
    for name in ("rule", "category", "severity", "message", "line", "column", "end_line", "end_column",
                 "match", "suggestion"):
        assert hasattr(f, name)
    assert result.facts.gender_coding["masculine"] >= 3


def test_facts_fields_match_report():
    names = {f.name for f in fields(Facts)}
    assert {"pay", "locations", "work_mode", "eeo", "jurisdictions", "gender_coding"} <= names
    assert set(Facts().to_dict()) >= {"pay", "locations", "work_mode", "eeo", "jurisdictions", "gender_coding"}


def test_lint_paths(tmp_path):
    (tmp_path / "a.md").write_text("You will lead.\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Hello.\n")
    (tmp_path / "skip.py").write_text("lead = 1\n")
    results = jdlint.lint_paths([tmp_path], config={"select": ["bias.gender-coded"]})
    assert sorted(r.path.rsplit("/", 1)[-1] for r in results) == ["a.md", "b.txt"]


def test_lint_text_path_picks_reader():
    text = "Use `leadership` in code.\n"
    assert jdlint.lint_text(text, path="a.md", config={"select": ["bias.gender-coded"]}).findings == []


def test_bad_config_dict_raises_config_error():
    import pytest

    from jdlint.errors import ConfigError

    with pytest.raises(ConfigError):
        jdlint.lint_text("x", config={"bogus": 1})
