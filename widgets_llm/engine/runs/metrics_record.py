"""The metrics record, ``metrics.json``: what the run's evaluation found.

It says what it is in ``"kind"``:

* ``"evaluation"``: one model's report (an ``EvaluationReport.to_dict()``), at the top, or
  under ``"test"`` with the training result under ``"training"`` (runs saved by
  :func:`widgets_llm.engine.pipeline.train`, e.g. the CLI);
* ``"comparison"``: a ``Comparison.to_dict()``, the tuned model's report under ``"tuned"``,
  the base model's under ``"base"``.

Files written before the kind was recorded have none: their kind is told from their shape
(:func:`metrics_kind`), so runs saved by earlier versions read the same.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ...errors import RunError
from .layout import METRICS_FILE

#: The kinds of metrics record.
METRICS_KINDS = ("evaluation", "comparison")


def metrics_as_dict(metrics: Any) -> dict[str, Any]:
    """Evaluation results as the JSON-ready record written to ``metrics.json`` (``None`` gives
    ``{}``).

    ``metrics`` is an ``EvaluationReport``, a ``Comparison`` or a dict (one of their
    ``to_dict()``, possibly with a ``"training"`` result, see the module's description). The
    record starts with its ``"kind"`` when it holds an evaluation; a dict with no evaluation
    (a training result only) is kept as it is.
    """
    if metrics is None:
        return {}
    kind = metrics_kind(metrics)
    if hasattr(metrics, "to_dict"):
        metrics = metrics.to_dict()
    if not isinstance(metrics, dict):
        raise TypeError(
            "metrics must be a dict, an EvaluationReport or a Comparison, "
            f"not {type(metrics).__name__}"
        )
    kind = kind or metrics_kind(metrics)
    if kind is None:
        return metrics
    return {"kind": kind, **{key: value for key, value in metrics.items() if key != "kind"}}


def metrics_kind(metrics: Any) -> str | None:
    """``"evaluation"``, ``"comparison"`` or ``None`` (nothing evaluated) for a metrics record,
    an ``EvaluationReport`` or a ``Comparison``.

    A record's ``"kind"`` when it has one; for records written before it was recorded, the
    kind its shape shows (a ``"tuned"`` report: a comparison; a report at the top or under
    ``"test"``: an evaluation).
    """
    if not isinstance(metrics, dict):
        from ..evaluation import Comparison, EvaluationReport

        if isinstance(metrics, Comparison):
            return "comparison"
        return "evaluation" if isinstance(metrics, EvaluationReport) else None
    if metrics.get("kind") in METRICS_KINDS:
        return metrics["kind"]
    if _is_report(metrics.get("tuned")):
        return "comparison"
    if _is_report(metrics.get("test")) or _is_report(metrics):
        return "evaluation"
    return None


def _is_report(value: Any) -> bool:
    return isinstance(value, dict) and "rougeL" in value


def tuned_report(metrics: dict[str, Any]) -> dict[str, Any] | None:
    """The tuned model's report inside a saved ``metrics.json``, whatever its kind.

    A comparison keeps it under ``"tuned"``; an evaluation is the report itself, or holds it
    under ``"test"`` (pipeline runs). ``None`` when the run was not evaluated.
    """
    kind = metrics_kind(metrics)
    if kind == "comparison":
        report = metrics.get("tuned")
    elif kind == "evaluation":
        report = metrics["test"] if "test" in metrics else metrics
    else:
        return None
    return report if _is_report(report) else None


def metrics_summary(
    metrics: dict[str, Any], training: dict[str, Any] | None = None
) -> dict[str, float | None]:
    """The main numbers of a saved ``metrics.json`` (report or comparison) and training result."""
    from ..scoring import ROUGE_KEYS

    summary: dict[str, float | None] = {}
    tuned = tuned_report(metrics)
    if tuned:
        summary.update({key: tuned.get(key) for key in ROUGE_KEYS})
        summary["perplexity"] = tuned.get("perplexity")
        lead = metrics.get("lead_baseline") or tuned.get("lead_baseline") or {}
        if "rougeL" in lead:
            summary["lead_rougeL"] = lead["rougeL"]
    base = metrics.get("base") if metrics_kind(metrics) == "comparison" else None
    if isinstance(base, dict) and "rougeL" in base:
        summary["base_rougeL"] = base["rougeL"]
    if training and training.get("perplexity") is not None:
        summary["validation_perplexity"] = training["perplexity"]
    return summary


def _load_metrics(path: Path) -> dict[str, Any]:
    """The record in a run folder's ``metrics.json`` (``{}`` when the run was not evaluated).

    Raises
    ------
    RunError
        A damaged file.
    """
    metrics_path = Path(path) / METRICS_FILE
    if not metrics_path.is_file():
        return {}
    try:
        data = json.loads(metrics_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RunError("runs.corrupt_info", file=METRICS_FILE, detail=type(exc).__name__) from exc
    return data if isinstance(data, dict) else {}
