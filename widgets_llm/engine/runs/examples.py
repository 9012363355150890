"""The test examples of a run (``test_examples.jsonl``): each test text, its reference, the
model's summary and their scores, so that runs can be compared example by example."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from ...errors import RunError
from .layout import EXAMPLES_FILE, _write_training_log


def example_rows(texts: list[str], references: list[str], report: Any) -> list[dict[str, Any]]:
    """One row per test example, for ``save_run(examples=...)``.

    Parameters
    ----------
    texts, references:
        The test texts and their reference summaries, in the order they were evaluated.
    report:
        The :class:`~widgets_llm.engine.evaluation.EvaluationReport` of the model on them.

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
        row = {
            "text": text,
            "reference": reference,
            "summary": report.predictions[i],
            "rouge": dict(report.per_example[i]),
        }
        if i < len(lead_predictions) and i < len(lead_scores):
            row["lead"], row["lead_rouge"] = lead_predictions[i], dict(lead_scores[i])
        rows.append(row)
    return rows


def examples_from_metrics(metrics: Any) -> list[dict[str, Any]] | None:
    """The test examples a ``Comparison`` holds (the tuned model's side); ``None`` for anything
    else (a report, a dict: their examples are not kept whole)."""
    from .metrics_record import metrics_kind

    if isinstance(metrics, dict) or metrics_kind(metrics) != "comparison" or not metrics.examples:
        return None
    return [
        {
            "text": e.text,
            "reference": e.reference,
            "summary": e.tuned,
            "rouge": dict(e.tuned_rouge),
            "lead": e.lead,
            "lead_rouge": dict(e.lead_rouge),
            "base": e.base,
            "base_rouge": dict(e.base_rouge),
        }
        for e in metrics.examples
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
        return [
            json.loads(line)
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
    except (OSError, ValueError) as exc:
        raise RunError("runs.corrupt_info", file=EXAMPLES_FILE, detail=type(exc).__name__) from exc
