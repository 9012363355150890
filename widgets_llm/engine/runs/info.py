"""``run.json``, the facts of a run: built when it is saved, checked when it is read. A folder
with a valid ``run.json`` is a run."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from ...errors import RunError
from ..config import TrainingConfig
from ..generation import GenerationSettings, settings_for
from ..models import ModelBundle, ModelSource, is_lora_bundle
from .data_info import data_section
from .layout import FORMAT_VERSION, MODEL_FORMATS, RUN_INFO_FILE


def _run_info(
    bundle: ModelBundle,
    config: TrainingConfig,
    result: Any,
    data_info: dict | None,
    generation: GenerationSettings | None,
) -> dict[str, Any]:
    """``run.json`` of a run being saved, but for what the saved weights add
    (``model_format``...)."""
    from ... import __version__

    training = None
    if result is not None:
        training = {k: v for k, v in result.to_dict().items() if k != "log_history"}
    return {
        "format_version": FORMAT_VERSION,
        "created": datetime.now().astimezone().isoformat(timespec="seconds"),
        "widgets_llm_version": __version__,
        "architecture": bundle.architecture,
        "prefix": bundle.prefix,
        "base_model": bundle.source.to_dict(),
        "parameters": bundle.num_parameters(),
        "lora": bool(config.use_lora) or is_lora_bundle(bundle),
        "precision": getattr(result, "precision", None),
        "generation": (generation or settings_for(bundle, config)).to_dict(),
        "data": data_section(data_info),
        "training": training,
    }


def read_run_info(run_dir: str | os.PathLike) -> dict[str, Any]:
    """The checked contents of a run folder's ``run.json``.

    Its ``data`` section comes as :func:`~.data_info.describe_data` writes it, also for runs
    saved with older key names.

    Raises
    ------
    RunError
        A missing folder, a folder that is not a run, a damaged ``run.json``, or a run
        saved by a newer version.
    """
    path = Path(run_dir)
    if not path.is_dir():
        raise RunError("runs.missing_folder", path=str(path))
    info_path = path / RUN_INFO_FILE
    if not info_path.is_file():
        raise RunError("runs.not_a_run", path=str(path))
    try:
        info = json.loads(info_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RunError("runs.corrupt_info", file=RUN_INFO_FILE, detail=type(exc).__name__) from exc
    problem = _info_problem(info)
    if problem:
        raise RunError("runs.corrupt_info", file=RUN_INFO_FILE, detail=problem)
    if info["format_version"] > FORMAT_VERSION:
        raise RunError("runs.newer_format", found=info["format_version"], supported=FORMAT_VERSION)
    if "data" in info:
        info["data"] = data_section(info["data"])
    return info


def _info_problem(info: Any) -> str | None:
    if not isinstance(info, dict):
        return "not an object"
    for key in ("format_version", "architecture", "base_model", "model_format"):
        if key not in info:
            return f"no {key}"
    if not isinstance(info["format_version"], int):
        return "format_version"
    if info["architecture"] not in ("seq2seq", "causal"):
        return "architecture"
    if info["model_format"] not in MODEL_FORMATS:
        return "model_format"
    source = info["base_model"]
    if not isinstance(source, dict) or not {"kind", "name"} <= source.keys():
        return "base_model"
    return None


def _source_of(info: dict[str, Any]) -> ModelSource:
    source = info["base_model"]
    return ModelSource(
        source["kind"], source["name"], source.get("architecture") or info["architecture"]
    )
