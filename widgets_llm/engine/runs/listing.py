"""The runs of a folder, one line each, for a run manager."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ...errors import RunError
from .info import read_run_info
from .layout import RUN_INFO_FILE
from .metrics_record import _load_metrics, metrics_summary


@dataclass
class RunSummary:
    """One line of a run manager.

    Attributes
    ----------
    path, name:
        The run folder and its name.
    created:
        When it was saved (ISO 8601), ``None`` if unknown.
    base_model:
        The base model's source (``ModelSource.to_dict()``), ``{}`` if unknown.
    architecture, model_format:
        ``seq2seq``/``causal`` and ``full``/``lora``/``lora_merged``.
    metrics:
        The main numbers that were saved: ``rouge1``, ``rouge2``, ``rougeL``, ``rougeLsum``,
        ``perplexity``, ``lead_rougeL`` (and ``base_rougeL`` after a comparison;
        ``validation_perplexity`` from training) — only those known.
    problem:
        Why the run cannot be opened, in the user's language (``None`` when it can).
    """

    path: Path
    name: str
    created: str | None = None
    base_model: dict[str, Any] = field(default_factory=dict)
    architecture: str | None = None
    model_format: str | None = None
    metrics: dict[str, float | None] = field(default_factory=dict)
    problem: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "path": str(self.path)}


def list_runs(parent_dir: str | os.PathLike) -> list[RunSummary]:
    """The runs saved in the folders of ``parent_dir``, newest first.

    Folders without ``run.json`` are skipped; runs that cannot be read are listed with
    their ``problem``, so the user can see and remove them.

    Raises
    ------
    RunError
        ``parent_dir`` does not exist.
    """
    parent = Path(parent_dir)
    if not parent.is_dir():
        raise RunError("runs.missing_folder", path=str(parent))
    summaries = [
        _summary(folder)
        for folder in sorted(parent.iterdir())
        if folder.is_dir() and (folder / RUN_INFO_FILE).is_file()
    ]
    return sorted(summaries, key=_created_key, reverse=True)


def _summary(folder: Path) -> RunSummary:
    try:
        info = read_run_info(folder)
        metrics = _load_metrics(folder)
    except RunError as exc:
        return RunSummary(path=folder, name=folder.name, problem=exc.one_line())
    return RunSummary(
        path=folder,
        name=folder.name,
        created=info.get("created"),
        base_model=dict(info["base_model"]),
        architecture=info["architecture"],
        model_format=info["model_format"],
        metrics=metrics_summary(metrics, info.get("training")),
    )


def _created_key(summary: RunSummary) -> float:
    if summary.created:
        try:
            return datetime.fromisoformat(summary.created).timestamp()
        except ValueError:
            pass
    try:
        return summary.path.stat().st_mtime
    except OSError:
        return 0.0
