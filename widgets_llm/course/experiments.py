"""Notebook 4's runs: train variants, see what changed, and whether their differences are real."""

from __future__ import annotations

from typing import Any, Sequence

from ..messages import get_language, t
from ._common import Message, _frame, _shorten
from .samples import COURSE_MODEL


#: Notebook 4 trains many small runs: the mini model, a few steps, no warm-up (seconds each).
EXPERIMENT_SETTINGS: dict[str, Any] = {
    "max_steps": 10,
    "learning_rate": 1e-3,
    "batch_size": 8,
    "max_input_length": 128,
    "max_target_length": 32,
    "warmup": "off",
    "log_every_steps": 1,
    "eval_every_steps": 5,
}


def experiment_config(**changes: Any):
    """The base configuration of notebook 4's runs, with ``changes`` (``learning_rate=3e-3``...)."""
    from ..engine.config import TrainingConfig

    return TrainingConfig(**{**EXPERIMENT_SETTINGS, **changes})


def train_variant(data, folder: str, model: str = COURSE_MODEL, **changes: Any) -> Message:
    """Train one run of notebook 4 from the base weights and save it in ``folder``.

    The run keeps its test examples and scores (for the experiments board); the answer says
    its ROUGE-L with the 95 % interval.
    """
    from ..engine.experiments import read_experiment, score_with_interval
    from ..engine.pipeline import train

    trained = train(data, model, experiment_config(**changes), folder)
    if trained.result.error is not None:
        return Message(trained.result.error.one_line())
    experiment = read_experiment(trained.path)
    return Message(
        t(
            "course.exp.trained",
            name=experiment.name,
            score=score_with_interval(experiment, lang=None),
            count=experiment.metrics.get("num_examples", 0),
        )
    )


def describe_changes(runs_dir: str, names: Sequence[str], lang: str | None = None) -> Message:
    """What changed between some runs of ``runs_dir`` (only the settings that differ), and their
    ROUGE-L."""
    from ..engine.experiments import load_experiments, points

    experiments = load_experiments(runs_dir)
    differing = experiments.changed_settings(names)
    if not differing:
        text = t("course.exp.nothing_changed", lang)
    else:
        parts = [
            f"{name} ({' → '.join(_setting(v, lang) for v in values)})"
            for name, values in differing.items()
        ]
        text = t("course.exp.changed", lang, settings="; ".join(parts))
    scores = ", ".join(
        f"«{e.name}» {points(e.metrics.get('rougeL'), lang, signed=False)}"
        for e in experiments.select(names)
    )
    return Message(text + "\n" + t("course.exp.scores", lang, scores=scores))


def _setting(value: Any, lang: str | None) -> str:
    if isinstance(value, float):
        text = f"{value:g}"
        return text.replace(".", ",") if (lang or get_language()) == "es" else text
    return str(value)


def interval_by_size(
    run_dir: str, sizes: Sequence[int] = (5, 14, 50, 200), seed: int = 0, lang: str | None = None
):
    """How the 95 % interval of a run's ROUGE-L narrows as the test set grows, as a table.

    Up to the run's real number of test examples the first ``n`` real scores are used; beyond,
    test sets are simulated by drawing scores like the real ones (seeded), as if there were
    more examples of the same kind.
    """
    import numpy as np

    from ..engine.experiments import points, read_experiment
    from ..engine.stats import bootstrap_interval

    scores = read_experiment(run_dir).example_scores() or []
    real = len(scores)
    rng = np.random.default_rng(seed)
    rows = []
    for n in sizes:
        if n <= real:
            sample, kind = scores[:n], t("course.exp.real", lang)
        else:
            sample, kind = (
                list(rng.choice(scores, size=n, replace=True)),
                t("course.exp.simulated", lang),
            )
        interval = bootstrap_interval(sample, seed=seed)
        rows.append(
            {
                t("course.exp.examples", lang): n,
                t("course.exp.kind", lang): kind,
                t("course.exp.interval", lang): (
                    f"{points(interval.low, lang, signed=False)} – "
                    f"{points(interval.high, lang, signed=False)}"
                ),
                t("course.exp.width", lang): points(interval.width, lang, signed=False),
            }
        )
    return _frame(rows)


def explain_verdict(comparison, lang: str | None = None) -> Message:
    """A paired comparison's verdict: the words first, then the numbers."""
    verdict = comparison.verdict(lang)
    return Message(f"{verdict.words}\n{verdict.numbers}")


def describe_sweep(sweep, lang: str | None = None) -> Message:
    """A finished sweep in one or two sentences: how many runs ended well, and which scored best."""
    from ..engine.experiments import points

    results = sweep.results
    finished = [r for r in results if r.status in ("finished", "skipped")]
    failed = [r for r in results if r.status == "failed"]
    text = t(
        "course.exp.sweep", lang, runs=len(results), finished=len(finished), failed=len(failed)
    )
    scored = [r for r in finished if r.metrics.get("rougeL") is not None]
    if scored:
        best = max(scored, key=lambda r: r.metrics["rougeL"])
        text += " " + t(
            "course.exp.sweep_best",
            lang,
            name=best.spec.name,
            score=points(best.metrics["rougeL"], lang, signed=False),
        )
    return Message(text)


def bench_table(
    run_dirs: Sequence[str],
    texts: Sequence[str],
    references: Sequence[str] | None = None,
    lang: str | None = None,
):
    """A "mini banco de pruebas": each text summarized by each run, side by side (with ROUGE-L
    against ``references`` when the learner wrote them)."""
    from pathlib import Path

    from ..engine.experiments import points
    from ..engine.pipeline import summarize_with_run
    from ..engine.scoring import rouge

    texts = [text for text in texts if isinstance(text, str) and text.strip()]
    columns = {}
    for run_dir in run_dirs:
        summaries = summarize_with_run(run_dir, list(texts))
        name = Path(run_dir).name
        columns[name] = summaries
        if references:
            scores = rouge(summaries, list(references)[: len(summaries)], per_example=True)[
                "per_example"
            ]
            columns[f"{name} · ROUGE-L"] = [
                points(score["rougeL"], lang, signed=False) for score in scores
            ]
    rows = []
    for i, text in enumerate(texts):
        row = {t("course.exp.text", lang): _shorten(text, 80)}
        row.update({name: values[i] for name, values in columns.items()})
        rows.append(row)
    return _frame(rows)
