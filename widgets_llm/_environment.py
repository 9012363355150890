"""Process settings for the Hugging Face libraries, applied before they are imported.

- No telemetry: nothing about the user's work leaves the machine.
- No library progress bars or info logs: the engine reports progress through its own events,
  and a dashboard must not fill with "Map: 100%" bars or red log lines.

Each is a default: a variable the user set themselves wins.
"""

from __future__ import annotations

import os

DEFAULTS = {
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "DISABLE_TELEMETRY": "1",
    "DO_NOT_TRACK": "1",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "HF_DATASETS_DISABLE_PROGRESS_BARS": "1",
    "TRANSFORMERS_VERBOSITY": "error",
    # tokenizers' own threads fight the training thread for 2 cores
    "TOKENIZERS_PARALLELISM": "false",
}


def apply_defaults() -> None:
    for name, value in DEFAULTS.items():
        os.environ.setdefault(name, value)
