"""Saved runs: one folder holds everything a fine-tuned model needs on a later day.

A run folder looks like this::

    mi_entrenamiento/
        run.json             facts: format, date, base model, architecture, generation settings...
        config.yaml          the TrainingConfig (repeat the training with it)
        metrics.json         evaluation results (EvaluationReport or Comparison as JSON)
        training_log.jsonl   one line per entry of the Trainer's log
        README.md            a model card in plain language
        model/               the fine-tuned model (save_pretrained, with its tokenizer)
        adapter/             LoRA runs: the adapter only (the base comes from base_model/ or its source)
        tokenizer/           the tokenizer
        base_model/          offline models: the INITIAL weights, so base-vs-tuned works later
        adapter_base/        rare: the frozen base of a LoRA adapter, when it is not base_model/
        checkpoints/         left by TrainingRun (kept unless asked to remove)

``run.json`` is written last: a folder with it is a complete run. :func:`load_run` gives the
tuned model back (identical generations), :meth:`SavedRun.load_base` the base model;
:func:`export_run_zip` and :func:`import_run_zip` move runs between computers;
:func:`list_runs` feeds a run manager.
"""
from __future__ import annotations

import copy
import json
import math
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from .lease import hold_model
from ..errors import ConfigError, RunError
from ..messages import t
from .config import TrainingConfig
from .generation import GenerationSettings
from .models import ModelBundle, ModelSource, format_parameter_count, load_pretrained

#: Version of the folder layout; :func:`load_run` refuses newer ones.
FORMAT_VERSION = 1

RUN_INFO_FILE = "run.json"
CONFIG_FILE = "config.yaml"
METRICS_FILE = "metrics.json"
TRAINING_LOG_FILE = "training_log.jsonl"
CARD_FILE = "README.md"
#: One line per test example: text, reference, the model's summary and its scores (see
#: :func:`example_rows`); experiments compare runs example by example with it.
EXAMPLES_FILE = "test_examples.jsonl"
MODEL_DIR = "model"
ADAPTER_DIR = "adapter"
TOKENIZER_DIR = "tokenizer"
BASE_MODEL_DIR = "base_model"
ADAPTER_BASE_DIR = "adapter_base"
CHECKPOINTS_DIR = "checkpoints"

#: Folders a save writes (and replaces when saving again into the same run).
_SAVED_FOLDERS = (MODEL_DIR, ADAPTER_DIR, TOKENIZER_DIR, BASE_MODEL_DIR, ADAPTER_BASE_DIR)
_SAVED_FILES = (RUN_INFO_FILE, CONFIG_FILE, METRICS_FILE, TRAINING_LOG_FILE, CARD_FILE, EXAMPLES_FILE)

#: How the tuned model is stored.
MODEL_FORMATS = ("full", "lora", "lora_merged")


# --------------------------------------------------------------------------- save

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
        (written as ``metrics.json`` and summarized in the model card).
    data_info:
        What the data was (see :func:`describe_data`, which includes the split's
        fingerprint); never the texts themselves.
    examples:
        The test examples with the model's summaries and scores (see :func:`example_rows`),
        written as ``test_examples.jsonl``. By default they come from ``metrics`` when it is a
        ``Comparison`` (the tuned model's side); otherwise none are written.
    merge_lora:
        For LoRA bundles, also write the adapter merged into the base model in ``model/``
        (a standalone model any ``from_pretrained`` can load).
    generation:
        The generation settings to use with this model.
    remove_checkpoints:
        Delete ``checkpoints/`` once the model is saved (saves disk space; the run can then
        no longer be resumed).
    lang:
        Language of the model card (default: the current language).

    Returns
    -------
    Path
        The run folder.

    Raises
    ------
    RunError
        No model, or a folder that holds files that are not a run.
    """
    if bundle is None or getattr(bundle, "model", None) is None:
        raise RunError("runs.nothing_to_save")
    run_dir = Path(run_dir)
    _prepare_folder(run_dir)
    info = _run_info(bundle, config, result, data_info, generation)
    with hold_model(bundle, "saving"):  # not while a run changes the weights being written
        info.update(_save_weights(run_dir, bundle, merge_lora))
    config.save(run_dir / CONFIG_FILE)
    metrics_data = metrics_as_dict(metrics)
    _write_json(run_dir / METRICS_FILE, metrics_data)
    _write_examples(run_dir / EXAMPLES_FILE, examples if examples is not None else examples_from_metrics(metrics))
    _write_training_log(run_dir / TRAINING_LOG_FILE, getattr(result, "log_history", None) or [])
    (run_dir / CARD_FILE).write_text(model_card(info, config, metrics_data, run_dir, lang), encoding="utf-8")
    if remove_checkpoints:
        shutil.rmtree(run_dir / CHECKPOINTS_DIR, ignore_errors=True)
    # Written last: a folder with run.json holds a complete run.
    _write_json(run_dir / RUN_INFO_FILE, info)
    return run_dir


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


def _run_info(bundle: ModelBundle, config: TrainingConfig, result: Any, data_info: dict | None, generation: GenerationSettings | None) -> dict[str, Any]:
    from .. import __version__

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
        "lora": bool(config.use_lora) or _is_lora(bundle),
        "precision": getattr(result, "precision", None),
        "generation": (generation or GenerationSettings(max_input_length=config.max_input_length)).to_dict(),
        "data": data_info or None,
        "training": training,
    }


def _is_lora(bundle: ModelBundle) -> bool:
    return hasattr(bundle.model, "peft_config") and hasattr(bundle.model, "disable_adapter")


def _save_weights(run_dir: Path, bundle: ModelBundle, merge_lora: bool) -> dict[str, Any]:
    """Write model/, adapter/, tokenizer/ and base_model/; return what run.json records of them."""
    from .evaluation import model_with_weights

    tokenizer = bundle.tokenizer
    tokenizer.save_pretrained(run_dir / TOKENIZER_DIR)
    lora = _is_lora(bundle)
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
        base = model_with_weights(bundle.model, initial) if initial is not None else (frozen or bundle.model)
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
    return state_a.keys() == state_b.keys() and all(torch.equal(state_a[k], state_b[k]) for k in state_a)


def metrics_as_dict(metrics: Any) -> dict[str, Any]:
    """Evaluation results as a JSON-ready dict (``None`` gives ``{}``)."""
    if metrics is None:
        return {}
    if hasattr(metrics, "to_dict"):
        metrics = metrics.to_dict()
    if not isinstance(metrics, dict):
        raise TypeError(f"metrics must be a dict, an EvaluationReport or a Comparison, not {type(metrics).__name__}")
    return metrics


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
    temporary.write_text(json.dumps(_json_safe(data), indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    temporary.replace(path)


def _write_training_log(path: Path, log_history: list[dict[str, Any]]) -> None:
    lines = [json.dumps(_json_safe(entry), ensure_ascii=False, default=str) for entry in log_history]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def example_rows(texts: list[str], references: list[str], report: Any) -> list[dict[str, Any]]:
    """One row per test example, for ``save_run(examples=...)``.

    Parameters
    ----------
    texts, references:
        The test texts and their reference summaries, in the order they were evaluated.
    report:
        The :class:`~.evaluation.EvaluationReport` of the model on them.

    Returns
    -------
    list of dict
        ``text``, ``reference``, ``summary`` (the model's), ``rouge`` (its four ROUGE scores),
        ``lead`` and ``lead_rouge`` (the first-sentence baseline), in order.
    """
    lead_predictions = list(getattr(report, "lead_predictions", []) or [])
    lead_scores = list(getattr(report, "lead_per_example", []) or [])
    rows = []
    for i, (text, reference) in enumerate(zip(texts, references)):
        row = {"text": text, "reference": reference, "summary": report.predictions[i], "rouge": dict(report.per_example[i])}
        if i < len(lead_predictions) and i < len(lead_scores):
            row["lead"], row["lead_rouge"] = lead_predictions[i], dict(lead_scores[i])
        rows.append(row)
    return rows


def examples_from_metrics(metrics: Any) -> list[dict[str, Any]] | None:
    """The test examples a ``Comparison`` holds (the tuned model's side); ``None`` for anything else."""
    examples = getattr(metrics, "examples", None)
    if not examples or not hasattr(examples[0], "tuned_rouge"):
        return None
    return [
        {"text": e.text, "reference": e.reference, "summary": e.tuned, "rouge": dict(e.tuned_rouge),
         "lead": e.lead, "lead_rouge": dict(e.lead_rouge), "base": e.base, "base_rouge": dict(e.base_rouge)}
        for e in examples
    ]


def _write_examples(path: Path, rows: list[dict[str, Any]] | None) -> None:
    if not rows:
        path.unlink(missing_ok=True)  # saving again without examples: old ones would mislead
        return
    _write_training_log(path, rows)


def read_examples(run_dir: str | os.PathLike) -> list[dict[str, Any]]:
    """The rows of a run's ``test_examples.jsonl`` (``[]`` for runs saved without them).

    Raises
    ------
    RunError
        A damaged file.
    """
    path = Path(run_dir) / EXAMPLES_FILE
    if not path.is_file():
        return []
    try:
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, ValueError) as exc:
        raise RunError("runs.corrupt_info", file=EXAMPLES_FILE, detail=type(exc).__name__) from exc


def data_fingerprint(data: Any) -> dict[str, str]:
    """Short fingerprints of each split's pairs (and of all of them): same pairs in the same
    order, same fingerprint. Runs record it so that runs on different data are never compared
    as if they were tested on the same examples. No text can be recovered from it.

    Parameters
    ----------
    data:
        A ``PreparedData``, a ``DatasetDict`` or a dict of splits with ``text``/``summary``.

    Returns
    -------
    dict
        ``{"train": ..., "validation": ..., "test": ..., "all": ...}`` (16 hexadecimal digits
        each; only the splits present, plus ``all``).
    """
    import hashlib

    splits = getattr(data, "splits", data)
    prints: dict[str, str] = {}
    for name in ("train", "validation", "test"):
        if name in splits:
            prints[name] = texts_fingerprint(list(splits[name]["text"]), list(splits[name]["summary"]))
    prints["all"] = hashlib.sha256("|".join(f"{k}:{v}" for k, v in prints.items()).encode()).hexdigest()[:16]
    return prints


def texts_fingerprint(texts: list[str], references: list[str]) -> str:
    """The fingerprint of some (text, summary) pairs, in order (see :func:`data_fingerprint`)."""
    import hashlib

    digest = hashlib.sha256()
    for text, reference in zip(texts, references):
        digest.update(json.dumps([text, reference], ensure_ascii=False).encode("utf-8"))
        digest.update(b"\n")
    digest.update(str(len(texts)).encode())
    return digest.hexdigest()[:16]


def describe_data(data: Any, *, source: str | None = None) -> dict[str, Any]:
    """What a run was trained on, for ``save_run(data_info=...)``: sizes and lengths, no texts.

    Parameters
    ----------
    data:
        A ``PreparedData`` (from :func:`widgets_llm.engine.data.load_pairs`) or a
        ``DatasetDict`` (or dict of splits) with ``text`` and ``summary`` columns.
    source:
        File or example name, when ``data`` does not know it.

    Returns
    -------
    dict
        ``source``, ``text_column``, ``summary_column``, ``sizes`` (pairs per split),
        ``mean_text_words`` and ``mean_summary_words`` (of the training split), and
        ``fingerprint`` (:func:`data_fingerprint`).
    """
    from .scoring import mean_words

    splits = getattr(data, "splits", data)
    table = getattr(data, "table", None)
    info: dict[str, Any] = {
        "source": source or getattr(table, "source_name", None),
        "text_column": getattr(data, "text_column", None),
        "summary_column": getattr(data, "summary_column", None),
        "sizes": {name: len(split) for name, split in splits.items()},
        "fingerprint": data_fingerprint(splits),
    }
    train = splits["train"] if "train" in splits else None
    if train is not None and len(train):
        info["mean_text_words"] = round(mean_words(list(train["text"])), 1)
        info["mean_summary_words"] = round(mean_words(list(train["summary"])), 1)
    return {key: value for key, value in info.items() if value is not None}


# --------------------------------------------------------------------------- model card

def model_card(info: dict[str, Any], config: TrainingConfig, metrics: dict[str, Any], run_dir: Path, lang: str | None = None) -> str:
    """The run's ``README.md``: data, hyperparameters, results, limits, privacy (plain language)."""
    sections = [
        f"# {t('runs.card.title', lang)}",
        _card_intro(info, lang),
        f"## {t('runs.card.data', lang)}\n\n{_card_data(info.get('data'), lang)}",
        f"## {t('runs.card.hyperparameters', lang)}\n\n{_card_config(config, lang)}",
        f"## {t('runs.card.training', lang)}\n\n{_card_training(info.get('training'), lang)}",
        f"## {t('runs.card.results', lang)}\n\n{_card_results(metrics, lang)}",
        f"## {t('runs.card.use', lang)}\n\n{t('runs.card.use_text', lang)}",
        f"## {t('runs.card.privacy', lang)}\n\n{t('runs.card.privacy_text', lang)}",
        f"## {t('runs.card.files', lang)}\n\n{t('runs.card.files_text', lang, folder=run_dir.name)}",
        f"_{t('runs.card.generated', lang, version=info.get('widgets_llm_version', '?'))}_",
    ]
    return "\n\n".join(sections) + "\n"


def _card_intro(info: dict[str, Any], lang: str | None) -> str:
    source = info["base_model"]
    if source["kind"] == "offline":
        base = t("runs.card.offline_base", lang, size=source["name"])
    else:
        base = t("runs.card.named_base", lang, name=source["name"])
    text = t(
        "runs.card.intro",
        lang,
        date=str(info["created"])[:10],
        base=base,
        architecture=t(f"models.kind.{info['architecture']}", lang),
    )
    if info.get("model_format") == "lora":
        text += "\n\n" + t("runs.card.lora", lang)
    elif info.get("model_format") == "lora_merged":
        text += "\n\n" + t("runs.card.lora_merged", lang)
    return text


def _card_data(data: dict[str, Any] | None, lang: str | None) -> str:
    if not data:
        return t("runs.card.no_data", lang)
    lines = []
    for key, value in data.items():
        if value is None or key == "fingerprint":  # for comparing runs, not for a reader
            continue
        label = t(f"runs.card.data.{key}", lang)
        if label == f"runs.card.data.{key}":
            label = key
        if key in ("sizes", "splits") and isinstance(value, dict):
            label = t("runs.card.data.sizes", lang)
            sizes = {"train": 0, "validation": 0, "test": 0, **value}
            value = t("runs.card.data.sizes_value", lang, **sizes)
        lines.append(f"- **{label}**: {value}")
    return "\n".join(lines)


def _card_config(config: TrainingConfig, lang: str | None) -> str:
    rows = [f"| {t('runs.card.setting', lang)} | {t('runs.card.value', lang)} |", "|---|---|"]
    for name, value in config.to_dict().items():
        if name.startswith("lora_") and not config.use_lora:
            continue
        label = t(f"config.{name}.label", lang)
        if isinstance(value, bool):
            shown = t("runs.card.yes" if value else "runs.card.no", lang)
        elif isinstance(value, list):
            shown = ", ".join(map(str, value))
        else:
            shown = value
        rows.append(f"| {label if label != f'config.{name}.label' else name} (`{name}`) | {shown if shown != '' else '—'} |")
    return "\n".join(rows) + "\n\n" + t("runs.card.hyperparameters_note", lang)


def _card_training(training: dict[str, Any] | None, lang: str | None) -> str:
    if not training:
        return t("runs.card.no_results", lang)
    lines = [
        t(
            "runs.card.training_line",
            lang,
            steps=training.get("steps", "?"),
            epochs=_number(training.get("epoch"), 2),
            duration=_duration(training.get("elapsed") or 0.0, lang),
            precision=training.get("precision", "?"),
            trainable=format_parameter_count(training.get("trainable_parameters") or 0),
            total=format_parameter_count(training.get("total_parameters") or 0),
        )
    ]
    if training.get("final_loss") is not None:
        lines.append(t("runs.card.final_loss", lang, loss=_number(training["final_loss"], 4)))
    if training.get("eval_loss") is not None:
        lines.append(t("runs.card.eval_loss", lang, loss=_number(training["eval_loss"], 4), perplexity=_number(training.get("perplexity"), 2)))
    if training.get("status") == "stopped":
        lines.append(t("runs.card.status_stopped", lang))
    return "\n\n".join(lines)


def _card_results(metrics: dict[str, Any], lang: str | None) -> str:
    from .scoring import ROUGE_KEYS

    tuned = tuned_report(metrics)
    if not tuned:
        return t("runs.card.no_results", lang)
    base = metrics.get("base") if isinstance(metrics.get("base"), dict) else None
    lead = metrics.get("lead_baseline") or tuned.get("lead_baseline") or {}
    columns = ([base] if base else []) + [tuned]
    header = [t("runs.card.metric", lang)] + ([t("runs.card.base_model", lang)] if base else []) + [t("runs.card.tuned_model", lang), t("runs.card.lead", lang)]
    rows = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for key in ROUGE_KEYS:
        cells = [_percent(report.get(key)) for report in columns] + [_percent(lead.get(key))]
        rows.append(f"| {key} | " + " | ".join(cells) + " |")
    rows.append(f"| {t('runs.card.perplexity', lang)} | " + " | ".join(_number(r.get("perplexity"), 2) for r in columns) + " | — |")
    rows.append(f"| {t('runs.card.mean_words', lang)} | " + " | ".join(_number(r.get("mean_generated_words"), 1) for r in columns) + " | — |")
    note = t("runs.card.results_note", lang, examples=tuned.get("num_examples", "?"))
    return "\n".join(rows) + "\n\n" + note


def _number(value: Any, digits: int) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, float) and math.isinf(value):
        return "∞"
    if abs(float(value)) >= 1e6:  # a random model's perplexity: digits would only be noise
        return f"{float(value):.2e}"
    return f"{float(value):.{digits}f}"


def _duration(seconds: float, lang: str | None) -> str:
    if seconds < 90:
        return t("runs.card.seconds", lang, value=f"{seconds:.0f}")
    return t("runs.card.minutes", lang, value=f"{seconds / 60:.1f}")


def _percent(value: Any) -> str:
    return "—" if value is None else f"{100 * float(value):.1f}"


# --------------------------------------------------------------------------- load

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
        The contents of ``metrics.json`` (``{}`` when the run was not evaluated).
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
        return _generation_settings(self.info.get("generation"))

    def generation_settings(self) -> GenerationSettings:
        """The generation settings saved with the run (same as :attr:`generation`)."""
        return self.generation

    def training_log(self) -> list[dict[str, Any]]:
        """The Trainer's log, one dict per entry (``[]`` when there is none)."""
        path = self.path / TRAINING_LOG_FILE
        if not path.is_file():
            return []
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]

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
            return ModelBundle(model, tokenizer, source.architecture, source, self.info.get("prefix", ""), {})
        return load_pretrained(source.name, kind=source.kind)


def read_run_info(run_dir: str | os.PathLike) -> dict[str, Any]:
    """The checked contents of a run folder's ``run.json``.

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
    bundle = ModelBundle(model, tokenizer, info["architecture"], source, info.get("prefix", ""), extra)
    return SavedRun(path=path, bundle=bundle, config=_load_config(path), info=info, metrics=_load_metrics(path))


def _source_of(info: dict[str, Any]) -> ModelSource:
    source = info["base_model"]
    return ModelSource(source["kind"], source["name"], source.get("architecture") or info["architecture"])


def _load_tuned_model(path: Path, info: dict[str, Any], source: ModelSource) -> tuple[Any, dict | None]:
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
        raise RunError("runs.unreadable_model", path=str(adapter), detail=f"{type(exc).__name__}: {exc}") from exc
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
        model = model_class.from_pretrained(str(folder), local_files_only=True, trust_remote_code=False)
    except (OSError, ValueError, KeyError, RuntimeError) as exc:
        raise RunError("runs.unreadable_model", path=str(folder), detail=f"{type(exc).__name__}: {exc}") from exc
    except Exception as exc:  # safetensors raises its own error type for damaged files
        raise RunError("runs.unreadable_model", path=str(folder), detail=f"{type(exc).__name__}: {exc}") from exc
    model.eval()
    return model


def _load_tokenizer(path: Path) -> Any:
    from transformers import AutoTokenizer

    folder = path / TOKENIZER_DIR
    if not folder.is_dir():
        raise RunError("runs.missing_model", path=str(path), folder=TOKENIZER_DIR)
    try:
        tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True, trust_remote_code=False)
    except Exception as exc:  # any damage to the tokenizer files
        raise RunError("runs.unreadable_model", path=str(folder), detail=f"{type(exc).__name__}: {exc}") from exc
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


def _load_metrics(path: Path) -> dict[str, Any]:
    metrics_path = path / METRICS_FILE
    if not metrics_path.is_file():
        return {}
    try:
        data = json.loads(metrics_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RunError("runs.corrupt_info", file=METRICS_FILE, detail=type(exc).__name__) from exc
    return data if isinstance(data, dict) else {}


def _generation_settings(values: Any) -> GenerationSettings:
    from dataclasses import fields

    if not isinstance(values, dict):
        return GenerationSettings()
    known = {f.name for f in fields(GenerationSettings)}
    return GenerationSettings(**{k: v for k, v in values.items() if k in known})


# --------------------------------------------------------------------------- zip

def export_run_zip(run_dir: str | os.PathLike, zip_path: str | os.PathLike | None = None, *, include_checkpoints: bool = False) -> Path:
    """Pack a run folder into one ``.zip`` file, to copy it to another computer.

    Parameters
    ----------
    run_dir:
        The run folder.
    zip_path:
        Where to write the zip; default ``<run_dir>.zip`` beside the folder. Entries are
        stored under the run folder's name, so unzipping by hand gives the folder back.
    include_checkpoints:
        Also pack ``checkpoints/`` (only needed to resume training; often large).

    Returns
    -------
    Path
        The zip file.

    Raises
    ------
    RunError
        ``run_dir`` is not a run.
    """
    run_dir = Path(run_dir).resolve()
    read_run_info(run_dir)
    target = Path(zip_path) if zip_path is not None else run_dir.with_name(run_dir.name + ".zip")
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary_name = tempfile.mkstemp(prefix=".exporting-", suffix=".zip", dir=target.parent)
    os.close(handle)
    temporary = Path(temporary_name)
    try:
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for file in _run_files(run_dir, include_checkpoints):
                if file.resolve() in (target, temporary.resolve()):
                    continue
                archive.write(file, f"{run_dir.name}/{file.relative_to(run_dir).as_posix()}")
        temporary.replace(target)  # a half-written zip never takes the final name
    finally:
        temporary.unlink(missing_ok=True)
    return target


def _run_files(run_dir: Path, include_checkpoints: bool) -> list[Path]:
    files = []
    for folder, subfolders, names in os.walk(run_dir, followlinks=False):
        relative = Path(folder).relative_to(run_dir)
        if not include_checkpoints and relative == Path("."):
            subfolders[:] = [name for name in subfolders if name != CHECKPOINTS_DIR]
        subfolders.sort()
        for name in sorted(names):
            file = Path(folder) / name
            if file.is_file() and not file.is_symlink():
                files.append(file)
    return files


def import_run_zip(zip_path: str | os.PathLike, dest_dir: str | os.PathLike) -> Path:
    """Unpack a run exported with :func:`export_run_zip` into ``dest_dir``; return the run folder.

    Every entry is checked before anything is written: absolute paths, ``..``, drive
    letters, backslashes and links are refused. The run is extracted into a temporary
    folder inside ``dest_dir`` and moved into place only when complete. An existing folder
    is never overwritten.

    Raises
    ------
    RunError
        A missing or damaged zip, a zip with no run, an unsafe entry, or a destination
        folder that already exists.
    """
    zip_path, dest_dir = Path(zip_path), Path(dest_dir)
    if not zip_path.is_file():
        raise RunError("runs.missing_zip", path=str(zip_path))
    try:
        archive = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise RunError("runs.not_a_zip", path=str(zip_path)) from exc
    with archive:
        members = archive.infolist()
        for member in members:
            _check_member(member)
        root = _run_root(members, zip_path)
        target = dest_dir / (root or zip_path.stem)
        if target.exists():
            raise RunError("runs.import_exists", path=str(target))
        dest_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".importing-", dir=dest_dir))
        try:
            prefix = f"{root}/" if root else ""
            for member in members:
                if member.filename.startswith(prefix) and not member.is_dir():
                    _extract(archive, member, staging / member.filename[len(prefix):])
            read_run_info(staging)
            staging.replace(target)
        except zipfile.BadZipFile as exc:
            raise RunError("runs.not_a_zip", path=str(zip_path)) from exc
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return target


def _check_member(member: zipfile.ZipInfo) -> None:
    name = member.filename
    path = PurePosixPath(name)
    is_link = (member.external_attr >> 16) & 0o170000 == 0o120000
    if (
        not name
        or "\\" in name
        or "\x00" in name
        or path.is_absolute()
        or ".." in path.parts
        or (len(name) > 1 and name[1] == ":")
        or is_link
    ):
        raise RunError("runs.unsafe_zip", entry=name)


def _run_root(members: list[zipfile.ZipInfo], zip_path: Path) -> str:
    """The folder inside the zip that holds run.json ("" when it lies at the top)."""
    candidates = [PurePosixPath(m.filename) for m in members if PurePosixPath(m.filename).name == RUN_INFO_FILE]
    candidates = [c for c in candidates if len(c.parts) <= 2]
    if not candidates:
        raise RunError("runs.zip_not_a_run", path=str(zip_path))
    shallowest = min(candidates, key=lambda c: len(c.parts))
    return shallowest.parts[0] if len(shallowest.parts) == 2 else ""


def _extract(archive: zipfile.ZipFile, member: zipfile.ZipInfo, destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    with archive.open(member) as source, open(destination, "wb") as target:
        shutil.copyfileobj(source, target, length=1 << 20)


# --------------------------------------------------------------------------- listing

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
    summaries = [_summary(folder) for folder in sorted(parent.iterdir()) if folder.is_dir() and (folder / RUN_INFO_FILE).is_file()]
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


def metrics_summary(metrics: dict[str, Any], training: dict[str, Any] | None = None) -> dict[str, float | None]:
    """The main numbers of a saved ``metrics.json`` (report or comparison) and training result."""
    from .scoring import ROUGE_KEYS

    summary: dict[str, float | None] = {}
    tuned = tuned_report(metrics)
    if tuned:
        summary.update({key: tuned.get(key) for key in ROUGE_KEYS})
        summary["perplexity"] = tuned.get("perplexity")
        lead = metrics.get("lead_baseline") or tuned.get("lead_baseline") or {}
        if "rougeL" in lead:
            summary["lead_rougeL"] = lead["rougeL"]
    base = metrics.get("base")
    if isinstance(base, dict) and "rougeL" in base:
        summary["base_rougeL"] = base["rougeL"]
    if training and training.get("perplexity") is not None:
        summary["validation_perplexity"] = training["perplexity"]
    return summary


def tuned_report(metrics: dict[str, Any]) -> dict[str, Any] | None:
    """The tuned model's report inside a saved ``metrics.json``, whatever its shape.

    A ``Comparison`` keeps it under ``"tuned"``; a pipeline run under ``"test"``; an
    ``EvaluationReport`` is the report itself. ``None`` when the run was not evaluated.
    """
    for candidate in (metrics.get("tuned"), metrics.get("test"), metrics):
        if isinstance(candidate, dict) and "rougeL" in candidate:
            return candidate
    return None


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
