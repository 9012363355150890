"""A training or an evaluation in plain words (notebook 3): what happened, and what the numbers
mean."""

from __future__ import annotations

import math

from ..messages import t
from ._common import Message, _number


def _maybe(value: float | None, digits: int, lang: str | None) -> str:
    if value is None or not math.isfinite(value):
        return t("course.value_missing", lang)
    return _number(value, digits, lang)


def describe_result(result, lang: str | None = None) -> Message:
    """A finished ``TrainingResult`` in plain words: how it ended, its losses and parameters.

    ``None`` (the run has not finished yet) says to wait for it.
    """
    from ..engine.estimate import format_duration
    from ..engine.models import format_parameter_count

    if result is None:
        return Message(t("course.result.running", lang))
    params = {
        "steps": result.steps,
        "max_steps": result.max_steps,
        "elapsed": format_duration(result.elapsed, lang),
    }
    if result.status == "failed":
        error = (
            result.error.one_line(lang)
            if result.error is not None
            else t("course.value_missing", lang)
        )
        return Message(t("course.result.failed", lang, error=error))
    lines = [
        t(
            "course.result.stopped" if result.status == "stopped" else "course.result.finished",
            lang,
            **params,
        ),
        t(
            "course.result.loss",
            lang,
            loss=_maybe(result.final_loss, 3, lang),
            eval_loss=_maybe(result.eval_loss, 3, lang),
            perplexity=_maybe(result.perplexity, 1, lang),
        ),
        t(
            "course.result.parameters",
            lang,
            trainable=format_parameter_count(result.trainable_parameters),
            total=format_parameter_count(result.total_parameters),
            precision=result.precision,
        ),
    ]
    return Message("\n".join(lines))


def explain_comparison(comparison, lang: str | None = None) -> Message:
    """Base vs tuned in plain words: the ROUGE-L gain, the lead baseline and the perplexity."""
    base = 100 * comparison.base.rouge["rougeL"]
    tuned = 100 * comparison.tuned.rouge["rougeL"]
    lead = 100 * comparison.lead_baseline["rougeL"]
    key = "course.compare.better" if tuned >= base else "course.compare.worse"
    lines = [
        t(
            key,
            lang,
            gain=_number(abs(tuned - base), 1, lang),
            base=_number(base, 1, lang),
            tuned=_number(tuned, 1, lang),
        ),
        t(
            "course.compare.lead_beaten" if tuned > lead else "course.compare.lead_not_beaten",
            lang,
            lead=_number(lead, 1, lang),
        ),
        t(
            "course.compare.perplexity",
            lang,
            base=_number(comparison.base.perplexity, 1, lang),
            tuned=_number(comparison.tuned.perplexity, 1, lang),
        ),
    ]
    return Message("\n".join(lines))
