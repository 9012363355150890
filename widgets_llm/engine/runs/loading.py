"""Loading a saved run: the tuned model (identical generations), its base model, its facts."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import ConfigError, RunError
from ..config import TrainingConfig
from ..generation import GenerationSettings
from ..models import ModelBundle, ModelSource, load_pretrained
from .info import _source_of, read_run_info
from .layout import (
    ADAPTER_DIR,
    BASE_MODEL_DIR,
    CONFIG_FILE,
    MODEL_DIR,
    TOKENIZER_DIR,
    TRAINING_LOG_FILE,
)
from .metrics_record import _load_metrics


@dataclass
class SavedRun:
    """A run folder, loaded.

    Attributes
    ----------
    path:
        The run folder.
    bundle:
        The fine-tuned model, ready to generate: the full model, the merged model, or the
        base model with its LoRA adapter.
    config:
        The training configuration (``None`` if ``config.yaml`` is missing).
    info:
        The contents of ``run.json``.
    metrics:
        The contents of ``metrics.json`` (``{}`` when the run was not evaluated; see
        :mod:`.metrics_record` for its ``kind``).
    """

    path: Path
    bundle: ModelBundle
    config: TrainingConfig | None
    info: dict[str, Any]
    metrics: dict[str, Any] = field(default_factory=dict)

    @property
    def source(self) -> ModelSource:
        """Where the base model came from."""
        return _source_of(self.info)

    @property
    def model_format(self) -> str:
        """``full``, ``lora`` or ``lora_merged``."""
        return self.info.get("model_format", "full")

    @property
    def generation(self) -> GenerationSettings:
        """The generation settings saved with the run (defaults when none were)."""
        return GenerationSettings.from_dict(self.info.get("generation"))

    def generation_settings(self) -> GenerationSettings:
        """The generation settings saved with the run (same as :attr:`generation`)."""
        return self.generation

    def training_log(self) -> list[dict[str, Any]]:
        """The Trainer's log, one dict per entry (``[]`` when there is none)."""
        path = self.path / TRAINING_LOG_FILE
        if not path.is_file():
            return []
        return [
            json.loads(line)
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]

    def load_base(self) -> ModelBundle:
        """The base model the run started from (a new bundle, independent of :attr:`bundle`).

        Offline models come from ``base_model/`` (their initial weights); hub and folder
        models are loaded again from their source.

        Raises
        ------
        RunError
            An offline run saved without its initial weights.
        ModelError
            A hub model that cannot be downloaded now, or a source folder that is gone.
        """
        source = self.source
        if source.kind == "offline":
            folder = self.path / (self.info.get("base_weights") or BASE_MODEL_DIR)
            if not (folder / "config.json").is_file():
                raise RunError("runs.missing_base", folder=folder.name)
            model = _load_model_folder(folder, source.architecture)
            tokenizer = _load_tokenizer(self.path)
            return ModelBundle(
                model, tokenizer, source.architecture, source, self.info.get("prefix", ""), {}
            )
        return load_pretrained(source.name, kind=source.kind)


def load_run(run_dir: str | os.PathLike) -> SavedRun:
    """Load a saved run: the fine-tuned model (greedy generations identical to the saved one),
    its configuration, facts and metrics.

    Raises
    ------
    RunError
        A missing folder, a folder that is not a run, a damaged ``run.json`` or
        ``config.yaml``, or missing or unreadable model files.
    ModelError
        A LoRA run on a hub model whose base cannot be downloaded now.
    """
    path = Path(run_dir)
    info = read_run_info(path)
    source = _source_of(info)
    tokenizer = _load_tokenizer(path)
    model, initial_state = _load_tuned_model(path, info, source)
    model.eval()
    extra: dict[str, Any] = {"run_dir": str(path)}
    if info["model_format"] == "lora":
        extra["lora"] = True
    if initial_state is not None:
        # Training this bundle further must still compare against the true initial weights.
        extra["initial_state"] = initial_state
    bundle = ModelBundle(
        model, tokenizer, info["architecture"], source, info.get("prefix", ""), extra
    )
    return SavedRun(
        path=path, bundle=bundle, config=_load_config(path), info=info, metrics=_load_metrics(path)
    )


def _load_tuned_model(
    path: Path, info: dict[str, Any], source: ModelSource
) -> tuple[Any, dict | None]:
    architecture = info["architecture"]
    initial_state = None
    base_folder = path / (info.get("base_weights") or BASE_MODEL_DIR)
    if source.kind == "offline" and (base_folder / "config.json").is_file():
        initial_model = _load_model_folder(base_folder, architecture)
        initial_state = {k: v.detach().clone() for k, v in initial_model.state_dict().items()}
    if info["model_format"] != "lora":
        return _load_model_folder(_required(path, MODEL_DIR), architecture), initial_state
    adapter = _required(path, ADAPTER_DIR, "adapter_config.json")
    base_model = _adapter_base(path, info, source)
    try:
        from peft import PeftModel

        # is_trainable: the adapter can be trained further on this bundle.
        model = PeftModel.from_pretrained(base_model, str(adapter), is_trainable=True)
    except (OSError, ValueError, KeyError, RuntimeError) as exc:
        raise RunError(
            "runs.unreadable_model", path=str(adapter), detail=f"{type(exc).__name__}: {exc}"
        ) from exc
    return model, initial_state


def _adapter_base(path: Path, info: dict[str, Any], source: ModelSource) -> Any:
    where = info.get("adapter_base") or ("source" if source.kind != "offline" else BASE_MODEL_DIR)
    if where == "source":
        return load_pretrained(source.name, kind=source.kind).model
    return _load_model_folder(_required(path, where), info["architecture"])


def _required(path: Path, folder: str, marker: str = "config.json") -> Path:
    target = path / folder
    if not (target / marker).is_file():
        raise RunError("runs.missing_model", path=str(path), folder=folder)
    return target


def _load_model_folder(folder: Path, architecture: str) -> Any:
    from transformers import AutoModelForCausalLM, AutoModelForSeq2SeqLM

    model_class = AutoModelForSeq2SeqLM if architecture == "seq2seq" else AutoModelForCausalLM
    try:
        model = model_class.from_pretrained(
            str(folder), local_files_only=True, trust_remote_code=False
        )
    except (OSError, ValueError, KeyError, RuntimeError) as exc:
        raise RunError(
            "runs.unreadable_model", path=str(folder), detail=f"{type(exc).__name__}: {exc}"
        ) from exc
    except Exception as exc:  # safetensors raises its own error type for damaged files
        raise RunError(
            "runs.unreadable_model", path=str(folder), detail=f"{type(exc).__name__}: {exc}"
        ) from exc
    model.eval()
    return model


def _load_tokenizer(path: Path) -> Any:
    from transformers import AutoTokenizer

    folder = path / TOKENIZER_DIR
    if not folder.is_dir():
        raise RunError("runs.missing_model", path=str(path), folder=TOKENIZER_DIR)
    try:
        tokenizer = AutoTokenizer.from_pretrained(
            str(folder), local_files_only=True, trust_remote_code=False
        )
    except Exception as exc:  # any damage to the tokenizer files
        raise RunError(
            "runs.unreadable_model", path=str(folder), detail=f"{type(exc).__name__}: {exc}"
        ) from exc
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    return tokenizer


def _load_config(path: Path) -> TrainingConfig | None:
    config_path = path / CONFIG_FILE
    if not config_path.is_file():
        return None
    try:
        return TrainingConfig.load(config_path)
    except ConfigError as exc:
        raise RunError("runs.corrupt_info", file=CONFIG_FILE, detail=exc.message("en")) from exc
