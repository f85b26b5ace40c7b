"""Configuration discovery and validation."""

from pathlib import Path

import pytest

from jdlint.config import Config, discover, load_file, starter_file
from jdlint.errors import ConfigError


def test_discover_walks_upward(tmp_path):
    (tmp_path / ".jdlint.yaml").write_text("ignore: [bias.gender-coded]\n")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    cfg = discover(deep)
    assert cfg.ignore == ["bias.gender-coded"]
    assert cfg.path == tmp_path / ".jdlint.yaml"


def test_pyproject_tool_section(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.jdlint]\nselect = ["bias"]\nfail-on = "error"\n')
    cfg = discover(tmp_path)
    assert cfg.select == ["bias"] and cfg.fail_on == "error"


def test_pyproject_without_section_is_skipped(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert discover(tmp_path).select is None


def test_rule_packs_resolved_relative_to_config(tmp_path):
    (tmp_path / ".jdlint.yaml").write_text("rule_packs: [house/pack.yaml]\n")
    cfg = load_file(tmp_path / ".jdlint.yaml")
    assert cfg.rule_packs == [str((tmp_path / "house/pack.yaml").resolve())]


def test_defaults():
    cfg = Config()
    assert cfg.fail_on == "warning" and cfg.select is None
    assert "*.md" in cfg.include and "*.json" in cfg.include


@pytest.mark.parametrize("data, key", [
    ({"nope": 1}, "nope"),
    ({"allow": [1, 2]}, "allow"),
    ({"employer_size": "big"}, "employer_size"),
    ({"as_of": "yesterday"}, "as_of"),
])
def test_validation_names_key(data, key):
    with pytest.raises(ConfigError, match=f"'{key}'"):
        Config.from_dict(data, "cfg.yaml")


def test_starter_file_is_valid_config(tmp_path):
    import yaml

    data = yaml.safe_load(starter_file())
    Config.from_dict(data, "starter")


def test_merged_overrides_only_given_values():
    cfg = Config(ignore=["a"], fail_on="error").merged(select=["bias"], fail_on=None)
    assert cfg.select == ["bias"] and cfg.fail_on == "error" and cfg.ignore == ["a"]


def test_missing_config_file():
    with pytest.raises(ConfigError, match="not found"):
        load_file(Path("/nonexistent/.jdlint.yaml"))
