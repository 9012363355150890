"""The training configuration: one dataclass that the panel edits, the CLI reads and runs save.

Every field carries its own plain-language help (``help_key`` in its metadata, a key of the
message catalog) and its bounds; :meth:`TrainingConfig.problems` explains each bad value and
what to choose instead. Presets give a beginner a sensible starting point.
"""

from __future__ import annotations

import json
import math
from dataclasses import MISSING, asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..messages import t

PRECISIONS = ("auto", "fp32", "bf16", "fp16")
#: ``warmup``: ``auto`` warms up the offline model only (see :mod:`.warmup`).
WARMUP_CHOICES = ("auto", "on", "off")


def _field(default, kind: str, *, low=None, high=None, choices=None, **kwargs):
    """A dataclass field that knows its help text, type and bounds."""
    metadata = {"kind": kind, "low": low, "high": high, "choices": choices}
    if isinstance(default, list):
        return field(default_factory=lambda: list(default), metadata=metadata)
    return field(default=default, metadata=metadata, **kwargs)


@dataclass
class TrainingConfig:
    """Settings of a training run. ``t(f"config.{name}.help")`` explains each field."""

    learning_rate: float = _field(5e-4, "number", low=1e-7, high=1e-2)
    num_epochs: float = _field(3.0, "number", low=0.01, high=100)
    max_steps: int = _field(0, "integer", low=0, high=1_000_000)
    batch_size: int = _field(8, "integer", low=1, high=512)
    gradient_accumulation_steps: int = _field(1, "integer", low=1, high=256)
    max_input_length: int = _field(256, "integer", low=8, high=8192)
    max_target_length: int = _field(64, "integer", low=4, high=2048)
    warmup_ratio: float = _field(0.05, "number", low=0.0, high=0.5)
    weight_decay: float = _field(0.01, "number", low=0.0, high=1.0)
    seed: int = _field(42, "integer", low=0, high=2**32 - 1)
    eval_every_steps: int = _field(0, "integer", low=0, high=1_000_000)
    log_every_steps: int = _field(5, "integer", low=1, high=100_000)
    use_lora: bool = _field(False, "boolean")
    lora_r: int = _field(8, "integer", low=1, high=512)
    lora_alpha: int = _field(16, "integer", low=1, high=2048)
    lora_dropout: float = _field(0.05, "number", low=0.0, high=0.9)
    lora_target_modules: list = _field([], "list")
    precision: str = _field("auto", "choice", choices=PRECISIONS)
    group_by_length: bool = _field(True, "boolean")
    warmup: str = _field("auto", "choice", choices=WARMUP_CHOICES)
    warmup_steps: int = _field(0, "integer", low=0, high=1_000_000)

    def __post_init__(self):
        problems = self.problems()
        if problems:
            name, key, params = problems[0]
            raise ConfigError(key, suggestion="config.invalid.suggestion", field=name, **params)

    # ------------------------------------------------------------------ checks
    def problems(self) -> list[tuple[str, str, dict[str, Any]]]:
        """Every bad value as ``(field name, message key, params)``; empty when all is well."""
        found = []
        for f in fields(self):
            problem = check_value(f.name, getattr(self, f.name))
            if problem:
                found.append((f.name, *problem))
        return found

    @classmethod
    def check(cls, values: dict[str, Any]) -> dict[str, str]:
        """Check ``values`` without building a config: ``{field: user message}`` for each problem.

        Values may be text from a form (``"0,001"``, ``"8"``, ``"sí"``): they are read as
        :meth:`from_dict` reads them before checking.
        """
        messages: dict[str, str] = {}
        for name, value in values.items():
            problem = check_value(name, coerce_value(name, value))
            if problem:
                messages[name] = t(problem[0], **problem[1])
        return messages

    # ------------------------------------------------------------------ presets and I/O
    def updated(self, **changes) -> "TrainingConfig":
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> "TrainingConfig":
        known = {f.name for f in fields(cls)}
        for name in values:
            if name not in known:
                raise ConfigError(
                    "config.unknown_field", name=name, fields=", ".join(sorted(known))
                )
        return cls(**{name: coerce_value(name, value) for name, value in values.items()})

    def save(self, path: str | Path) -> Path:
        """Write the configuration as YAML (``.yaml``/``.yml``) or JSON (any other suffix)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix.lower() in (".yaml", ".yml"):
            import yaml

            path.write_text(
                yaml.safe_dump(self.to_dict(), sort_keys=False, allow_unicode=True),
                encoding="utf-8",
            )
        else:
            path.write_text(
                json.dumps(self.to_dict(), indent=2, ensure_ascii=False), encoding="utf-8"
            )
        return path

    @classmethod
    def load(cls, path: str | Path) -> "TrainingConfig":
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
            if path.suffix.lower() in (".yaml", ".yml"):
                import yaml

                values = yaml.safe_load(text) or {}
            else:
                values = json.loads(text)
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            raise ConfigError("config.unreadable", path=str(path), detail=str(exc)) from exc
        except Exception as exc:  # yaml.YAMLError without importing yaml at module level
            raise ConfigError("config.unreadable", path=str(path), detail=str(exc)) from exc
        if not isinstance(values, dict):
            raise ConfigError("config.unreadable", path=str(path), detail=type(values).__name__)
        return cls.from_dict(values)


def field_info(name: str) -> dict[str, Any]:
    """Type, bounds, label and help of a field, for building a form."""
    f = next(f for f in fields(TrainingConfig) if f.name == name)
    return {
        "name": name,
        **f.metadata,
        "default": f.default_factory() if f.default is MISSING else f.default,  # type: ignore[misc]
        "label": t(f"config.{name}.label"),
        "help": t(f"config.{name}.help"),
    }


def field_names() -> list[str]:
    return [f.name for f in fields(TrainingConfig)]


def _metadata(name: str) -> dict[str, Any] | None:
    for f in fields(TrainingConfig):
        if f.name == name:
            return dict(f.metadata)
    return None


def coerce_value(name: str, value: Any) -> Any:
    """Turn text from a form or a file into the field's type where it is unambiguous."""
    meta = _metadata(name)
    if meta is None:
        return value
    kind = meta["kind"]
    if kind == "list" and isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, str):
        text = value.strip().replace(",", ".")
        try:
            if kind == "integer":
                number = float(text)
                return int(number) if number.is_integer() else number
            if kind == "number":
                return float(text)
        except (ValueError, OverflowError):
            return value
        if kind == "boolean" and text.lower() in ("true", "false", "sí", "si", "no", "yes"):
            return text.lower() in ("true", "sí", "si", "yes")
    if kind == "number" and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if kind == "integer" and isinstance(value, float) and value.is_integer():
        return int(value)  # "8.0" in a YAML file is still a batch of 8
    return value


def check_value(name: str, value: Any) -> tuple[str, dict[str, Any]] | None:
    """A problem with one field's value as ``(message key, params)``, or None."""
    meta = _metadata(name)
    if meta is None:
        return ("config.unknown_field", {"name": name, "fields": ", ".join(field_names())})
    label = t(f"config.{name}.label")
    kind = meta["kind"]
    base = {"label": label, "value": value}
    if kind == "boolean":
        return (
            None
            if isinstance(value, bool)
            else ("config.invalid.type", {**base, "expected": t("config.type.boolean")})
        )
    if kind == "choice":
        return (
            None
            if value in meta["choices"]
            else ("config.invalid.choice", {**base, "choices": ", ".join(meta["choices"])})
        )
    if kind == "list":
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        return None if ok else ("config.invalid.type", {**base, "expected": "a, b"})
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "integer" and not (is_number and float(value).is_integer()):
        return ("config.invalid.type", {**base, "expected": t("config.type.integer")})
    if kind == "number" and not (is_number and math.isfinite(value)):
        return ("config.invalid.type", {**base, "expected": t("config.type.number")})
    low, high = meta["low"], meta["high"]
    if low is not None and value < low:
        if low == 0:
            return ("config.invalid.non_negative", base)
        if low > 0 and value <= 0:
            return ("config.invalid.positive", base)
        return ("config.invalid.range", {**base, "low": low, "high": high})
    if high is not None and value > high:
        if name == "learning_rate":
            return ("config.invalid.learning_rate_high", base)
        return ("config.invalid.range", {**base, "low": low, "high": high})
    return None


#: Starting points for a beginner; each is a complete configuration.
PRESETS: dict[str, dict[str, Any]] = {
    "fast": {
        "num_epochs": 2.0,
        "batch_size": 8,
        "max_input_length": 128,
        "max_target_length": 48,
        "learning_rate": 1e-3,
        "log_every_steps": 2,
        "eval_every_steps": 0,
        "warmup_ratio": 0.05,
    },
    "balanced": {
        "num_epochs": 5.0,
        "batch_size": 8,
        "max_input_length": 256,
        "max_target_length": 64,
        "learning_rate": 5e-4,
        "log_every_steps": 5,
        "eval_every_steps": 0,
        "warmup_ratio": 0.05,
    },
    "quality": {
        "num_epochs": 10.0,
        "batch_size": 8,
        "max_input_length": 512,
        "max_target_length": 96,
        "learning_rate": 3e-4,
        "log_every_steps": 10,
        "eval_every_steps": 0,
        "warmup_ratio": 0.1,
    },
}


def preset(name: str, **overrides) -> TrainingConfig:
    """The configuration of preset ``name`` (``fast``, ``balanced``, ``quality``) with overrides."""
    if name not in PRESETS:
        raise ConfigError("config.unknown_preset", name=name, choices=", ".join(PRESETS))
    return TrainingConfig(**{**PRESETS[name], **overrides})
