"""Saving a run: the model's weights and every file about its training, into one folder."""

from __future__ import annotations

import copy
import logging
import os
import shutil
from pathlib import Path
from typing import Any

from ...errors import RunError
from ..config import TrainingConfig
from ..distributed import is_main_process
from ..generation import GenerationSettings
from ..lease import hold_model
from ..models import ModelBundle, is_lora_bundle
from .card import model_card
from .examples import _write_examples, examples_from_metrics
from .info import _run_info
from .layout import (
    ADAPTER_BASE_DIR,
    ADAPTER_DIR,
    BASE_MODEL_DIR,
    CARD_FILE,
    CHECKPOINTS_DIR,
    CONFIG_FILE,
    EXAMPLES_FILE,
    METRICS_FILE,
    MODEL_DIR,
    RUN_INFO_FILE,
    TOKENIZER_DIR,
    TRAINING_LOG_FILE,
    _SAVED_FOLDERS,
    _write_json,
    _write_training_log,
)
from .metrics_record import metrics_as_dict

logger = logging.getLogger(__name__)


def save_run(
    run_dir: str | os.PathLike,
    bundle: ModelBundle,
    *,
    config: TrainingConfig,
    result: Any = None,
    metrics: Any = None,
    data_info: dict[str, Any] | None = None,
    examples: list[dict[str, Any]] | None = None,
    merge_lora: bool = False,
    generation: GenerationSettings | None = None,
    remove_checkpoints: bool = False,
    lang: str | None = None,
    recipe: Any = None,
) -> Path:
    """Save a fine-tuned model and everything about its training in ``run_dir``.

    Parameters
    ----------
    run_dir:
        The run folder. It may be new, empty, hold only the ``checkpoints/`` of the
        :class:`TrainingRun` that used it as ``output_dir``, or be a run saved before (its
        model is replaced). A folder with other files is refused.
    bundle:
        The fine-tuned model. It is not changed (a LoRA bundle stays a LoRA bundle).
    config:
        The training configuration (written as ``config.yaml``).
    result:
        The :class:`TrainingResult` (numbers into ``run.json``, its log into
        ``training_log.jsonl``).
    metrics:
        Evaluation results: an ``EvaluationReport``, a ``Comparison`` or their ``to_dict()``
        (written as ``metrics.json`` with its ``kind``, see :mod:`.metrics_record`, and
        summarized in the model card).
    data_info:
        What the data was: :func:`describe_data`'s dict (which includes the split's
        fingerprint); never the texts themselves.
    examples:
        The test examples with the model's summaries and scores (see :func:`example_rows`),
        written as ``test_examples.jsonl``. By default they come from ``metrics`` when it is a
        ``Comparison`` (the tuned model's side); otherwise none are written.
    merge_lora:
        For LoRA bundles, also write the adapter merged into the base model in ``model/``
        (a standalone model any ``from_pretrained`` can load).
    generation:
        The generation settings to use with this model (default:
        :func:`~widgets_llm.engine.generation.settings_for` the bundle and ``config``).
    remove_checkpoints:
        Delete ``checkpoints/`` once the model is saved (saves disk space; the run can then
        no longer be resumed).
    lang:
        Language of the model card (default: the current language).
    recipe:
        The :class:`~widgets_llm.engine.recipe.Recipe` that made the run, written as
        ``recipe.yaml`` (its output: this folder; its paths relative to it). Without one, the
        recipe made from ``bundle``, ``config``, ``data_info`` and ``generation`` (the data's
        cleaning and split then take their defaults).

    Returns
    -------
    Path
        The run folder. With several processes (:mod:`..distributed`) only the main one
        writes it; the others return at once.

    Raises
    ------
    RunError
        No model, or a folder that holds files that are not a run.
    """
    if bundle is None or getattr(bundle, "model", None) is None:
        raise RunError("runs.nothing_to_save")
    run_dir = Path(run_dir)
    if not is_main_process():  # several processes trained it: the main one writes it, once
        return run_dir
    _prepare_folder(run_dir)
    info = _run_info(bundle, config, result, data_info, generation)
    with hold_model(bundle, "saving"):  # not while a run changes the weights being written
        info.update(_save_weights(run_dir, bundle, merge_lora))
    config.save(run_dir / CONFIG_FILE)
    _write_recipe(run_dir, recipe, bundle, config, data_info, generation)
    metrics_data = metrics_as_dict(metrics)
    _write_json(run_dir / METRICS_FILE, metrics_data)
    _write_examples(
        run_dir / EXAMPLES_FILE,
        examples if examples is not None else examples_from_metrics(metrics),
    )
    _write_training_log(run_dir / TRAINING_LOG_FILE, getattr(result, "log_history", None) or [])
    (run_dir / CARD_FILE).write_text(
        model_card(info, config, metrics_data, run_dir, lang), encoding="utf-8"
    )
    if remove_checkpoints:
        shutil.rmtree(run_dir / CHECKPOINTS_DIR, ignore_errors=True)
    # Written last: a folder with run.json holds a complete run.
    _write_json(run_dir / RUN_INFO_FILE, info)
    return run_dir


def _write_recipe(
    run_dir: Path,
    recipe: Any,
    bundle: ModelBundle,
    config: TrainingConfig,
    data_info: dict[str, Any] | None,
    generation: GenerationSettings | None,
) -> None:
    """``recipe.yaml``: how to make this run again; paths that will not exist on another
    computer are flagged in it (and in the log)."""
    from dataclasses import replace

    from ..generation import settings_for
    from ..recipe import RECIPE_FILE, Recipe

    if recipe is None:
        recipe = Recipe.from_run(None, bundle, config, data_info=data_info, generation=generation)
    generation = recipe.generation or generation or settings_for(bundle, config)
    saved = replace(recipe, training=config, generation=generation, output=str(run_dir.absolute()))
    for warning in saved.to_yaml(run_dir / RECIPE_FILE):
        logger.info("recipe of %s: %s", run_dir, warning)


def _prepare_folder(run_dir: Path) -> None:
    """Make ``run_dir`` ready: create it, or clear a previous save, never touching other files."""
    if run_dir.exists() and not run_dir.is_dir():
        raise RunError("runs.folder_in_use", path=str(run_dir))
    if run_dir.is_dir():
        is_run = (run_dir / RUN_INFO_FILE).is_file()
        others = [p.name for p in run_dir.iterdir() if p.name != CHECKPOINTS_DIR]
        if others and not is_run:
            raise RunError("runs.folder_in_use", path=str(run_dir))
        if is_run:  # saving again: the old model must not mix with the new one
            (run_dir / RUN_INFO_FILE).unlink()
            for name in _SAVED_FOLDERS:
                shutil.rmtree(run_dir / name, ignore_errors=True)
    run_dir.mkdir(parents=True, exist_ok=True)


def _save_weights(run_dir: Path, bundle: ModelBundle, merge_lora: bool) -> dict[str, Any]:
    """Write model/, adapter/, tokenizer/ and base_model/; return what run.json records of them."""
    from ..evaluation import model_with_weights

    tokenizer = bundle.tokenizer
    tokenizer.save_pretrained(run_dir / TOKENIZER_DIR)
    lora = is_lora_bundle(bundle)
    written: dict[str, Any] = {"model_format": "full", "base_weights": None, "adapter_base": None}
    if lora:
        bundle.model.save_pretrained(run_dir / ADAPTER_DIR)
        written["model_format"] = "lora"
        if merge_lora:
            # On a copy: the caller's bundle keeps its adapter (and can keep training).
            merged = copy.deepcopy(bundle.model).merge_and_unload()
            _save_model_folder(run_dir / MODEL_DIR, merged, tokenizer)
            written["model_format"] = "lora_merged"
    else:
        _save_model_folder(run_dir / MODEL_DIR, bundle.model, tokenizer)

    if bundle.source.kind == "offline":
        initial = bundle.extra.get("initial_state")
        frozen = copy.deepcopy(bundle.model).unload() if lora else None
        base = (
            model_with_weights(bundle.model, initial)
            if initial is not None
            else (frozen or bundle.model)
        )
        _save_model_folder(run_dir / BASE_MODEL_DIR, base, tokenizer)
        written["base_weights"] = BASE_MODEL_DIR
        if lora:
            written["adapter_base"] = BASE_MODEL_DIR
            if frozen is not base and not _same_weights(frozen, base):
                # The adapter was trained on top of other weights than the initial ones
                # (a model fully tuned first): keep those too, or the adapter is useless.
                _save_model_folder(run_dir / ADAPTER_BASE_DIR, frozen, tokenizer)
                written["adapter_base"] = ADAPTER_BASE_DIR
    elif lora:
        written["adapter_base"] = "source"
    return written


def _save_model_folder(folder: Path, model: Any, tokenizer: Any) -> None:
    """``save_pretrained`` of model and tokenizer: a folder any ``from_pretrained`` can load."""
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)


def _same_weights(model_a: Any, model_b: Any) -> bool:
    import torch

    state_a, state_b = model_a.state_dict(), model_b.state_dict()
    return state_a.keys() == state_b.keys() and all(
        torch.equal(state_a[k], state_b[k]) for k in state_a
    )
