"""What a run folder holds: the names of its files and folders, its format version, and the
JSON writing every file of it goes through."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

#: Version of the folder layout; :func:`~.loading.load_run` refuses newer ones.
FORMAT_VERSION = 1

RUN_INFO_FILE = "run.json"
CONFIG_FILE = "config.yaml"
METRICS_FILE = "metrics.json"
TRAINING_LOG_FILE = "training_log.jsonl"
CARD_FILE = "README.md"
#: One line per test example: text, reference, the model's summary and its scores (see
#: :func:`~.examples.example_rows`); experiments compare runs example by example with it.
EXAMPLES_FILE = "test_examples.jsonl"
MODEL_DIR = "model"
ADAPTER_DIR = "adapter"
TOKENIZER_DIR = "tokenizer"
BASE_MODEL_DIR = "base_model"
ADAPTER_BASE_DIR = "adapter_base"
CHECKPOINTS_DIR = "checkpoints"

#: Folders a save writes (and replaces when saving again into the same run).
_SAVED_FOLDERS = (MODEL_DIR, ADAPTER_DIR, TOKENIZER_DIR, BASE_MODEL_DIR, ADAPTER_BASE_DIR)
_SAVED_FILES = (
    RUN_INFO_FILE,
    CONFIG_FILE,
    METRICS_FILE,
    TRAINING_LOG_FILE,
    CARD_FILE,
    EXAMPLES_FILE,
)

#: How the tuned model is stored.
MODEL_FORMATS = ("full", "lora", "lora_merged")


def _json_safe(value: Any) -> Any:
    """JSON has no NaN or infinity: a diverged perplexity is written as null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if hasattr(value, "item") and callable(value.item):  # numpy / torch scalars
        return _json_safe(value.item())
    return value


def _write_json(path: Path, data: Any) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(
        json.dumps(_json_safe(data), indent=2, ensure_ascii=False, default=str), encoding="utf-8"
    )
    temporary.replace(path)


def _write_training_log(path: Path, log_history: list[dict[str, Any]]) -> None:
    """One JSON object per line (the training log, the test examples)."""
    lines = [
        json.dumps(_json_safe(entry), ensure_ascii=False, default=str) for entry in log_history
    ]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
