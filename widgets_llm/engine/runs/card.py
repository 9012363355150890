"""The model card, a run's ``README.md``: what the run is, in plain language."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from ...formatting import format_number, format_power_of_ten
from ...messages import t
from ..config import TrainingConfig
from ..models import format_parameter_count
from .data_info import data_section
from .metrics_record import metrics_kind, tuned_report


def model_card(
    info: dict[str, Any],
    config: TrainingConfig,
    metrics: dict[str, Any],
    run_dir: Path,
    lang: str | None = None,
) -> str:
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
        (
            f"## {t('runs.card.files', lang)}\n\n"
            f"{t('runs.card.files_text', lang, folder=run_dir.name)}"
        ),
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
    """The ``data`` section (as :func:`~.data_info.describe_data` writes it) in words."""
    data = data_section(data)
    if not data:
        return t("runs.card.no_data", lang)
    lines = []
    for key, value in data.items():
        if value is None or key == "fingerprint":  # for comparing runs, not for a reader
            continue
        label = t(f"runs.card.data.{key}", lang)
        if label == f"runs.card.data.{key}":
            label = key
        if key == "sizes" and isinstance(value, dict):
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
        rows.append(
            f"| {label if label != f'config.{name}.label' else name} (`{name}`) "
            f"| {shown if shown != '' else '—'} |"
        )
    return "\n".join(rows) + "\n\n" + t("runs.card.hyperparameters_note", lang)


def _card_training(training: dict[str, Any] | None, lang: str | None) -> str:
    if not training:
        return t("runs.card.no_results", lang)
    lines = [
        t(
            "runs.card.training_line",
            lang,
            steps=training.get("steps", "?"),
            epochs=_number(training.get("epoch"), 2, lang),
            duration=_duration(training.get("elapsed") or 0.0, lang),
            precision=training.get("precision", "?"),
            trainable=format_parameter_count(training.get("trainable_parameters") or 0),
            total=format_parameter_count(training.get("total_parameters") or 0),
        )
    ]
    if training.get("final_loss") is not None:
        lines.append(t("runs.card.final_loss", lang, loss=_number(training["final_loss"], 4, lang)))
    if training.get("eval_loss") is not None:
        lines.append(
            t(
                "runs.card.eval_loss",
                lang,
                loss=_number(training["eval_loss"], 4, lang),
                perplexity=_number(training.get("perplexity"), 2, lang),
            )
        )
    if training.get("status") == "stopped":
        lines.append(t("runs.card.status_stopped", lang))
    return "\n\n".join(lines)


def _card_results(metrics: dict[str, Any], lang: str | None) -> str:
    from ..scoring import ROUGE_KEYS

    tuned = tuned_report(metrics)
    if not tuned:
        return t("runs.card.no_results", lang)
    base = (
        metrics.get("base")
        if metrics_kind(metrics) == "comparison" and isinstance(metrics.get("base"), dict)
        else None
    )
    lead = metrics.get("lead_baseline") or tuned.get("lead_baseline") or {}
    columns = ([base] if base else []) + [tuned]
    header = (
        [t("runs.card.metric", lang)]
        + ([t("runs.card.base_model", lang)] if base else [])
        + [t("runs.card.tuned_model", lang), t("runs.card.lead", lang)]
    )
    rows = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for key in ROUGE_KEYS:
        cells = [_percent(report.get(key), lang) for report in columns] + [
            _percent(lead.get(key), lang)
        ]
        rows.append(f"| {key} | " + " | ".join(cells) + " |")
    rows.append(
        f"| {t('runs.card.perplexity', lang)} | "
        + " | ".join(_number(r.get("perplexity"), 2, lang) for r in columns)
        + " | — |"
    )
    rows.append(
        f"| {t('runs.card.mean_words', lang)} | "
        + " | ".join(_number(r.get("mean_generated_words"), 1, lang) for r in columns)
        + " | — |"
    )
    note = t("runs.card.results_note", lang, examples=tuned.get("num_examples", "?"))
    return "\n".join(rows) + "\n\n" + note


def _number(value: Any, digits: int, lang: str | None = None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, float) and math.isinf(value):
        return "∞"
    if abs(float(value)) >= 1e6:  # a random model's perplexity: digits would only be noise
        return format_power_of_ten(float(value), 2, lang)
    return format_number(float(value), digits, lang)  # a decimal comma in Spanish


def _duration(seconds: float, lang: str | None) -> str:
    if seconds < 90:
        return t("runs.card.seconds", lang, value=f"{seconds:.0f}")
    return t("runs.card.minutes", lang, value=format_number(seconds / 60, 1, lang))


def _percent(value: Any, lang: str | None = None) -> str:
    return "—" if value is None else format_number(100 * float(value), 1, lang)
