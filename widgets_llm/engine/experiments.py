"""Experiments: saved runs side by side, what changed between them, and whether a difference is
real.

A *runs folder* holds run folders (see :mod:`.runs`), and sweep folders (see :mod:`.sweeps`)
whose runs are run folders too. :func:`load_experiments` reads them all into an
:class:`ExperimentSet`:

* one :class:`Experiment` per run: its model, every setting, the fingerprint of the data it was
  trained and tested on, status, time, trainable parameters, test metrics and, from
  ``test_examples.jsonl``, the score of every test example;
* :meth:`ExperimentSet.changed_settings`: the settings that differ across a selection, and
  only those;
* :meth:`ExperimentSet.groups`: runs tested on the same test split form a group; only runs of
  one group can be compared (:class:`~widgets_llm.errors.ExperimentError` otherwise, in plain
  words);
* :meth:`Experiment.interval`: a 95 % bootstrap interval of a run's ROUGE (:mod:`.stats`);
* :func:`compare_experiments` / :func:`compare_runs`: two runs on the same test examples, with
  the difference, its interval, a p-value and a verdict in plain Spanish or English.

The engine never imports a user interface; the ``ExperimentBoard`` widget and the
``widgets-llm experiments`` / ``compare-runs`` commands are views over this module.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..errors import ExperimentError, RunError
from ..formatting import format_number
from ..messages import get_language, t
from . import stats
from .runs import (
    CONFIG_FILE,
    RUN_INFO_FILE,
    TRAINING_LOG_FILE,
    metrics_summary,
    read_examples,
    read_run_info,
    texts_fingerprint,
    tuned_report,
)
from .scoring import ROUGE_KEYS

#: A sweep folder holds this file: the plan and the state of each of its runs.
SWEEP_FILE = "sweep.json"
#: A run that failed leaves this file in its folder: the error and the settings it had.
FAILED_FILE = "failed.json"
#: The setting that names the model (the others are :class:`~.config.TrainingConfig` fields).
MODEL_SETTING = "model"
#: Settings that change nothing in the results: never listed as "what changed".
UNCOMPARED_SETTINGS = ("log_every_steps",)
#: The score verdicts, intervals and the best run are about.
MAIN_METRIC = "rougeL"
#: Statuses of an experiment.
STATUSES = ("finished", "stopped", "failed", "pending", "running", "saved", "unreadable")
METRIC_LABELS = {
    "rouge1": "ROUGE-1",
    "rouge2": "ROUGE-2",
    "rougeL": "ROUGE-L",
    "rougeLsum": "ROUGE-Lsum",
}


# --------------------------------------------------------------------------- one run


@dataclass
class Experiment:
    """One run of a runs folder, as a line of the experiments table.

    Attributes
    ----------
    name:
        The run's name: its folder's path relative to the runs folder (``sweep/run`` for the
        runs of a sweep).
    path:
        The run folder.
    status:
        ``finished``, ``stopped`` (training stopped early, then saved), ``saved`` (saved
        without a training result), ``failed``, ``pending`` / ``running`` (a sweep's run not
        done yet) or ``unreadable`` (a damaged folder; see ``error``).
    model:
        The base model as it is chosen (``offline-t5-mini``, a hub id, a folder).
    settings:
        Every setting: the training configuration's fields and ``model``.
    data_fingerprint:
        Fingerprints of the data's splits (``train``, ``validation``, ``test``, ``all``); ``{}``
        for runs saved before they were recorded.
    created:
        When it was saved (ISO 8601).
    seconds:
        Training time.
    trainable_parameters, total_parameters:
        Of the trained model.
    metrics:
        On the test split: ``rouge1``, ``rouge2``, ``rougeL``, ``rougeLsum`` (fractions 0-1),
        ``perplexity``, ``lead_rougeL`` (and the other lead keys), ``mean_words``,
        ``num_examples``; only those known.
    error:
        Why it failed or cannot be read, as ``{"es": ..., "en": ...}`` (``None`` otherwise).
    sweep:
        The sweep folder's name, for a sweep's run.
    """

    name: str
    path: Path
    status: str
    model: str = ""
    settings: dict[str, Any] = field(default_factory=dict)
    data_fingerprint: dict[str, str] = field(default_factory=dict)
    created: str | None = None
    seconds: float | None = None
    trainable_parameters: int | None = None
    total_parameters: int | None = None
    metrics: dict[str, Any] = field(default_factory=dict)
    error: dict[str, str] | None = None
    sweep: str | None = None
    _examples: list[dict[str, Any]] | None = field(default=None, repr=False, compare=False)

    @property
    def test_fingerprint(self) -> str | None:
        """The fingerprint of the test examples the run was scored on (``None`` when unknown).

        It comes from the kept test examples themselves when they hold their texts (a run
        evaluated on part of its test split is then not mistaken for one evaluated on all of
        it), else from the data fingerprint recorded at saving.
        """
        rows = self.examples()
        if rows and all("text" in row and "reference" in row for row in rows):
            return texts_fingerprint(
                [row["text"] for row in rows], [row["reference"] for row in rows]
            )
        return self.data_fingerprint.get("test") or None

    @property
    def evaluated(self) -> bool:
        """Whether the run has test metrics."""
        return self.metrics.get(MAIN_METRIC) is not None

    def error_text(self, lang: str | None = None) -> str:
        """The error in ``lang`` (``""`` when none)."""
        if not self.error:
            return ""
        return (
            self.error.get(lang or get_language())
            or self.error.get("en")
            or next(iter(self.error.values()), "")
        )

    def examples(self) -> list[dict[str, Any]]:
        """The test examples with this run's summary and scores (read once; ``[]`` when none)."""
        if self._examples is None:
            try:
                self._examples = read_examples(self.path) if self.path.is_dir() else []
            except RunError:
                self._examples = []
        return self._examples

    def example_scores(self, key: str = MAIN_METRIC) -> list[float] | None:
        """The score ``key`` of each test example, in order (``None`` when they were not kept)."""
        rows = self.examples()
        if not rows:
            return None
        return [float(row.get("rouge", {}).get(key, 0.0)) for row in rows]

    def interval(
        self,
        key: str = MAIN_METRIC,
        *,
        resamples: int = stats.DEFAULT_RESAMPLES,
        seed: int = stats.DEFAULT_SEED,
    ) -> stats.Interval | None:
        """A 95 % bootstrap interval of the run's mean ``key`` (``None`` without per-example
        scores)."""
        scores = self.example_scores(key)
        if not scores:
            return None
        return stats.bootstrap_interval(scores, resamples=resamples, seed=seed)

    def training_log(self) -> list[dict[str, Any]]:
        """The Trainer's log (``[]`` when there is none)."""
        path = self.path / TRAINING_LOG_FILE
        if not path.is_file():
            return []
        entries = []
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                entries.append(json.loads(line))
            except ValueError:
                continue
        return entries

    def loss_curves(self) -> dict[str, tuple[list[float], list[float]]]:
        """``{"train": (steps, losses), "validation": (steps, losses)}`` from the training log.

        Steps count both stages of a run with a warm-up, as the training chart does.
        """
        log = self.training_log()
        warmup_steps = max(
            (int(e.get("step", 0)) for e in log if e.get("stage") == "warmup"), default=0
        )
        curves: dict[str, tuple[list[float], list[float]]] = {
            "train": ([], []),
            "validation": ([], []),
        }
        for entry in log:
            offset = warmup_steps if entry.get("stage") == "finetune" else 0
            step = float(entry.get("step", 0)) + offset
            for key, curve in (("loss", "train"), ("eval_loss", "validation")):
                value = entry.get(key)
                if isinstance(value, (int, float)) and math.isfinite(value):
                    curves[curve][0].append(step)
                    curves[curve][1].append(float(value))
        return curves

    def to_dict(self, changed: dict[str, Any] | None = None) -> dict[str, Any]:
        """One run of ``widgets-llm experiments --json``."""
        interval = self.interval()
        data = {
            "name": self.name,
            "path": str(self.path),
            "model": self.model,
            "status": self.status,
            "changed": dict(changed or {}),
            "data_fingerprint": self.data_fingerprint.get("all"),
            **{key: self.metrics.get(key) for key in ROUGE_KEYS},
            "rougeL_ci": interval.to_list() if interval else None,
            "perplexity": _finite_or_none(self.metrics.get("perplexity")),
            "num_examples": self.metrics.get("num_examples"),
            "seconds": self.seconds,
        }
        if self.error:
            data["error"] = self.error_text()
        return data


def _finite_or_none(value: Any) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return None


def model_choice(source: dict[str, Any], architecture: str | None = None) -> str:
    """The model as a person chooses it (``offline-t5-mini``, a hub id, a folder) from a run's
    recorded ``base_model``."""
    kind, name = source.get("kind"), source.get("name", "")
    if kind == "offline":
        family = "gpt2" if (source.get("architecture") or architecture) == "causal" else "t5"
        return f"offline-{family}-{name}"
    return str(name)


def read_experiment(
    path: str | os.PathLike, name: str | None = None, *, sweep: str | None = None
) -> Experiment:
    """One run folder as an :class:`Experiment` (a damaged one is ``unreadable``, with its error).

    A folder with ``failed.json`` (a sweep's run that failed) is a ``failed`` experiment.
    """
    path = Path(path)
    name = name or path.name
    if not (path / RUN_INFO_FILE).is_file() and (path / FAILED_FILE).is_file():
        return _failed_experiment(path, name, sweep)
    try:
        info = read_run_info(path)
        metrics = _read_json(path / "metrics.json") or {}
        config = _read_config(path)
    except RunError as exc:
        return Experiment(name, path, "unreadable", error=_both_languages(exc), sweep=sweep)
    training = info.get("training") or {}
    model = model_choice(info["base_model"], info.get("architecture"))
    settings = {MODEL_SETTING: model, **config}
    data = info.get("data") or {}
    return Experiment(
        name=name,
        path=path,
        status=training.get("status") or "saved",
        model=model,
        settings=settings,
        data_fingerprint=dict(data.get("fingerprint") or {}),
        created=info.get("created"),
        seconds=training.get("elapsed"),
        trainable_parameters=training.get("trainable_parameters"),
        total_parameters=training.get("total_parameters") or info.get("parameters"),
        metrics=_test_metrics(metrics, training),
        sweep=sweep,
    )


def _read_json(path: Path) -> Any:
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RunError("runs.corrupt_info", file=path.name, detail=type(exc).__name__) from exc


def _read_config(path: Path) -> dict[str, Any]:
    from .config import TrainingConfig

    if not (path / CONFIG_FILE).is_file():
        return {}
    try:
        return TrainingConfig.load(path / CONFIG_FILE).to_dict()
    except Exception as exc:  # a config written by another version: the run still lists
        raise RunError("runs.corrupt_info", file=CONFIG_FILE, detail=type(exc).__name__) from exc


def _test_metrics(metrics: dict[str, Any], training: dict[str, Any]) -> dict[str, Any]:
    summary = {
        key: value for key, value in metrics_summary(metrics, training).items() if value is not None
    }
    report = tuned_report(metrics) or {}
    lead = metrics.get("lead_baseline") or report.get("lead_baseline") or {}
    for key in ROUGE_KEYS:
        if key in lead:
            summary[f"lead_{key}"] = lead[key]
    if report.get("mean_generated_words") is not None:
        summary["mean_words"] = report["mean_generated_words"]
    if report.get("num_examples") is not None:
        summary["num_examples"] = report["num_examples"]
    return summary


def _both_languages(error: Any) -> dict[str, str]:
    return {lang: error.one_line(lang) for lang in ("es", "en")}


def _failed_experiment(path: Path, name: str, sweep: str | None) -> Experiment:
    try:
        record = _read_json(path / FAILED_FILE) or {}
    except RunError as exc:
        return Experiment(name, path, "unreadable", error=_both_languages(exc), sweep=sweep)
    settings = dict(record.get("config") or {})
    model = record.get("model", "")
    return Experiment(
        name=name,
        path=path,
        status="failed",
        model=model,
        settings={MODEL_SETTING: model, **settings},
        error=record.get("error") or None,
        created=record.get("created"),
        seconds=record.get("seconds"),
        sweep=sweep,
    )


# --------------------------------------------------------------------------- a runs folder


class ExperimentSet:
    """The runs of a runs folder, newest first (see :func:`load_experiments`).

    Attributes
    ----------
    runs_dir:
        The runs folder.
    experiments:
        One :class:`Experiment` per run.
    """

    def __init__(self, runs_dir: Path, experiments: list[Experiment]):
        self.runs_dir = runs_dir
        self.experiments = experiments

    def __len__(self) -> int:
        return len(self.experiments)

    def __iter__(self):
        return iter(self.experiments)

    def names(self) -> list[str]:
        return [e.name for e in self.experiments]

    def get(self, name: str) -> Experiment:
        """The experiment called ``name``.

        Raises
        ------
        ExperimentError
            No run has that name.
        """
        for experiment in self.experiments:
            if experiment.name == name:
                return experiment
        raise ExperimentError(
            "experiments.unknown_run", name=name, names=", ".join(self.names()) or "—"
        )

    def select(self, names: Iterable[str] | None = None) -> list[Experiment]:
        """The experiments named, in the order named (all, in the set's order, when ``names`` is
        ``None``)."""
        if names is None:
            return list(self.experiments)
        return [self.get(name) for name in dict.fromkeys(names)]

    def changed_settings(self, names: Iterable[str] | None = None) -> dict[str, list[Any]]:
        """The settings whose values differ across the selection: ``{setting: [value per run]}``.

        Only settings that differ are listed (a setting a run does not record counts as a
        different value). Settings that change nothing in the results (:data:`UNCOMPARED_SETTINGS`)
        are left out. With fewer than two runs nothing differs.
        """
        return changed_settings(self.select(names))

    def changed(self, names: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
        """``{run name: {setting: value}}`` for the settings that differ across the selection."""
        selection = self.select(names)
        differing = changed_settings(selection)
        return {e.name: {key: e.settings.get(key) for key in differing} for e in selection}

    def groups(self, names: Iterable[str] | None = None) -> list[list[str]]:
        """Runs that can be compared: evaluated runs tested on the same test split, together.

        Runs without a recorded test fingerprint stay alone. Groups come in the set's order.
        """
        groups: dict[str, list[str]] = {}
        for experiment in self.select(names):
            if not experiment.evaluated:
                continue
            key = experiment.test_fingerprint or f"unknown:{experiment.name}"
            groups.setdefault(key, []).append(experiment.name)
        return list(groups.values())

    def best(
        self, names: Iterable[str] | None = None, key: str = MAIN_METRIC, lang: str | None = None
    ) -> dict[str, str]:
        """The best run of each comparable group with two or more runs, and why: ``{name: reason}``
        (none for a group whose top score is tied).

        The best run has the highest mean ``key`` on the test split; the reason says by how
        much it beats the runner-up and whether that could be chance (:func:`compare_experiments`).
        """
        chosen: dict[str, str] = {}
        for group in self.groups(names):
            members = [self.get(name) for name in group]
            if len(members) < 2:
                continue
            ranked = sorted(members, key=lambda e: -float(e.metrics.get(key) or 0.0))
            first, second = ranked[0], ranked[1]
            if float(first.metrics.get(key) or 0.0) <= float(second.metrics.get(key) or 0.0):
                continue  # a tie at the top: no run is best
            chosen[first.name] = best_reason(first, second, len(members), key, lang)
        return chosen

    def compare(
        self, name_a: str, name_b: str, key: str = MAIN_METRIC, **options: Any
    ) -> "RunComparison":
        """Compare two runs of the set on their shared test split (see
        :func:`compare_experiments`)."""
        return compare_experiments(self.get(name_a), self.get(name_b), key=key, **options)

    def to_dict(self) -> dict[str, Any]:
        """``widgets-llm experiments --json``: ``{"runs": [...], "groups": [[names...]]}``."""
        changed = self.changed()
        return {
            "runs": [e.to_dict(changed.get(e.name)) for e in self.experiments],
            "groups": self.groups(),
        }


def changed_settings(experiments: Sequence[Experiment]) -> dict[str, list[Any]]:
    """The settings whose values differ across ``experiments`` (see
    :meth:`ExperimentSet.changed_settings`)."""
    if len(experiments) < 2:
        return {}
    keys: list[str] = []
    for experiment in experiments:
        keys += [k for k in experiment.settings if k not in keys and k not in UNCOMPARED_SETTINGS]
    differing = {}
    missing = object()
    for key in keys:
        values = [e.settings.get(key, missing) for e in experiments]
        if any(_setting_key(v) != _setting_key(values[0]) for v in values[1:]):
            differing[key] = [None if v is missing else v for v in values]
    return differing


def _setting_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def load_experiments(runs_dir: str | os.PathLike) -> ExperimentSet:
    """Every run in ``runs_dir``, newest first.

    Run folders directly inside ``runs_dir`` are read, and so are the runs of sweep folders
    (folders with ``sweep.json``, their runs named ``sweep/run``). ``runs_dir`` may itself be a
    sweep folder. A sweep's runs that have not finished are listed as ``pending``,
    ``running``, ``stopped`` or ``failed`` (with the error).

    Raises
    ------
    RunError
        ``runs_dir`` does not exist.
    """
    root = Path(runs_dir)
    if not root.is_dir():
        raise RunError("runs.missing_folder", path=str(root))
    experiments: list[Experiment] = []
    listed: set[str] = set()
    if (root / SWEEP_FILE).is_file():
        experiments += _sweep_experiments(root, prefix="", sweep=root.name)
        listed = {str(run.get("name")) for run in (read_sweep_record(root) or {}).get("runs", [])}
    for folder in sorted(root.iterdir()):
        if not folder.is_dir() or folder.name in listed:
            continue
        if (folder / RUN_INFO_FILE).is_file() or (folder / FAILED_FILE).is_file():
            experiments.append(read_experiment(folder, folder.name))
        elif (folder / SWEEP_FILE).is_file():
            experiments += _sweep_experiments(folder, prefix=folder.name + "/", sweep=folder.name)
    experiments.sort(key=_newest_first)
    return ExperimentSet(root, experiments)


def _newest_first(experiment: Experiment) -> tuple[int, float, str]:
    from datetime import datetime

    stamp = 0.0
    if experiment.created:
        try:
            stamp = datetime.fromisoformat(experiment.created).timestamp()
        except ValueError:
            stamp = 0.0
    # Runs still to come go last, in the sweep's order.
    waiting = experiment.status in ("pending", "running") and not experiment.created
    return (1 if waiting else 0, -stamp, experiment.name)


def read_sweep_record(folder: Path) -> dict[str, Any] | None:
    """The contents of a sweep folder's ``sweep.json`` (``None`` when it has none or it is
    damaged)."""
    try:
        record = _read_json(folder / SWEEP_FILE)
    except RunError:
        return None
    return record if isinstance(record, dict) else None


def _sweep_experiments(folder: Path, prefix: str, sweep: str) -> list[Experiment]:
    record = read_sweep_record(folder) or {}
    found = []
    for position, run in enumerate(record.get("runs", [])):
        run_name = str(run.get("name", ""))
        run_dir = folder / run_name
        if not run_name or run.get("status") == "deleted":
            continue
        if (run_dir / RUN_INFO_FILE).is_file() or (run_dir / FAILED_FILE).is_file():
            found.append(read_experiment(run_dir, prefix + run_name, sweep=sweep))
            continue
        status = (
            run.get("status")
            if run.get("status") in ("pending", "running", "stopped")
            else "pending"
        )
        model = run.get("model") or record.get("model", "")
        settings = {
            MODEL_SETTING: model,
            **(record.get("base_config") or {}),
            **(run.get("settings") or {}),
        }
        settings[MODEL_SETTING] = settings.get(MODEL_SETTING) or model
        found.append(
            Experiment(
                prefix + run_name,
                run_dir,
                status,
                model=str(settings[MODEL_SETTING]),
                settings=settings,
                sweep=sweep,
            )
        )
    return found


# --------------------------------------------------------------------------- the best run


def best_reason(
    best: Experiment,
    runner_up: Experiment,
    count: int,
    key: str = MAIN_METRIC,
    lang: str | None = None,
) -> str:
    """Why ``best`` is marked best among ``count`` comparable runs, in plain words."""
    metric = METRIC_LABELS.get(key, key)
    text = t(
        "experiments.best.reason",
        lang,
        metric=metric,
        score=points(best.metrics.get(key), lang, signed=False),
        count=count,
    )
    try:
        comparison = compare_experiments(runner_up, best, key=key)
    except ExperimentError:
        return text
    test = comparison.test
    p_value = format_p_value(test.p_value, lang)
    if test.significant:
        return text + " " + t("experiments.best.sure", lang, other=runner_up.name, p=p_value)
    return (
        text
        + " "
        + t(
            "experiments.best.unsure",
            lang,
            other=runner_up.name,
            p=p_value,
            count=test.num_examples,
        )
    )


# --------------------------------------------------------------------------- comparing two runs


@dataclass
class PairedExample:
    """One test example with the summaries and scores of two runs."""

    text: str
    reference: str
    summary_a: str
    summary_b: str
    rouge_a: dict[str, float]
    rouge_b: dict[str, float]

    def difference(self, key: str = MAIN_METRIC) -> float:
        """``b`` minus ``a`` on this example."""
        return float(self.rouge_b.get(key, 0.0)) - float(self.rouge_a.get(key, 0.0))


@dataclass
class Verdict:
    """A comparison's verdict: ``words`` first (plain language), then ``numbers``.

    ``kind`` is ``"better"`` (one run is better beyond chance; ``winner`` names it),
    ``"chance"`` (the difference may be chance) or ``"identical"`` (the same score on every
    example).
    """

    kind: str
    words: str
    numbers: str
    winner: str | None = None

    def __str__(self) -> str:
        return f"{self.words} {self.numbers}"


@dataclass
class RunComparison:
    """Two runs scored on the same test examples (``b`` minus ``a``).

    Attributes
    ----------
    name_a, name_b:
        The runs' names.
    a, b:
        Their mean scores (the four ROUGE keys, fractions 0-1) on the examples.
    difference:
        ``b`` minus ``a`` for each ROUGE key.
    key:
        The score the test is about (``rougeL``).
    test:
        The paired test (:class:`~.stats.PairedTest`) on ``key``.
    examples:
        The examples, in order, with both summaries and scores.
    """

    name_a: str
    name_b: str
    a: dict[str, float]
    b: dict[str, float]
    difference: dict[str, float]
    key: str
    test: stats.PairedTest
    examples: list[PairedExample] = field(default_factory=list)

    @property
    def num_examples(self) -> int:
        return self.test.num_examples

    def verdict(self, lang: str | None = None) -> Verdict:
        """The verdict in plain words, then the numbers, in ``lang``."""
        return verdict(self.test, self.name_a, self.name_b, self.key, lang)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """``widgets-llm compare-runs --json``."""
        return {
            "a": dict(self.a),
            "b": dict(self.b),
            "difference": dict(self.difference),
            "ci": {self.key: [float(self.test.low), float(self.test.high)]},
            "p_value": float(self.test.p_value),
            "num_examples": self.num_examples,
            "verdict": str(self.verdict(lang)),
        }


def compare_experiments(
    a: Experiment,
    b: Experiment,
    *,
    key: str = MAIN_METRIC,
    resamples: int = stats.DEFAULT_RESAMPLES,
    seed: int = stats.DEFAULT_SEED,
) -> RunComparison:
    """Compare two saved runs on the test examples they share (``b`` minus ``a``).

    Raises
    ------
    ExperimentError
        A run that was not evaluated or kept no per-example scores; runs whose test data is
        unknown (saved before fingerprints) or different (the comparison would be meaningless).
    """
    for run in (a, b):
        if not run.evaluated or not run.examples():
            raise ExperimentError("experiments.not_evaluated", name=run.name)
    for run in (a, b):
        if not run.test_fingerprint:
            raise ExperimentError("experiments.unknown_test_data", name=run.name)
    rows_a, rows_b = a.examples(), b.examples()
    same_texts = all(
        (ra.get("text"), ra.get("reference")) == (rb.get("text"), rb.get("reference"))
        for ra, rb in zip(rows_a, rows_b)
    )
    if a.test_fingerprint != b.test_fingerprint or len(rows_a) != len(rows_b) or not same_texts:
        raise ExperimentError(
            "experiments.different_test_data",
            a=a.name,
            b=b.name,
            count_a=len(rows_a),
            count_b=len(rows_b),
        )
    examples = [
        PairedExample(
            ra.get("text", ""),
            ra.get("reference", ""),
            ra.get("summary", ""),
            rb.get("summary", ""),
            dict(ra.get("rouge", {})),
            dict(rb.get("rouge", {})),
        )
        for ra, rb in zip(rows_a, rows_b)
    ]
    return paired_comparison(a.name, b.name, examples, key=key, resamples=resamples, seed=seed)


def paired_comparison(
    name_a: str,
    name_b: str,
    examples: list[PairedExample],
    *,
    key: str = MAIN_METRIC,
    resamples: int = stats.DEFAULT_RESAMPLES,
    seed: int = stats.DEFAULT_SEED,
) -> RunComparison:
    """A :class:`RunComparison` from examples scored by both runs."""
    if not examples:
        raise ExperimentError("experiments.not_evaluated", name=name_a)
    means_a = {
        k: sum(float(e.rouge_a.get(k, 0.0)) for e in examples) / len(examples) for k in ROUGE_KEYS
    }
    means_b = {
        k: sum(float(e.rouge_b.get(k, 0.0)) for e in examples) / len(examples) for k in ROUGE_KEYS
    }
    test = stats.paired_test(
        [float(e.rouge_a.get(key, 0.0)) for e in examples],
        [float(e.rouge_b.get(key, 0.0)) for e in examples],
        resamples=resamples,
        seed=seed,
    )
    difference = {k: means_b[k] - means_a[k] for k in ROUGE_KEYS}
    return RunComparison(name_a, name_b, means_a, means_b, difference, key, test, examples)


def compare_runs(
    run_a: str | os.PathLike,
    run_b: str | os.PathLike,
    *,
    data: Any = None,
    text_column: str | None = None,
    summary_column: str | None = None,
    key: str = MAIN_METRIC,
    seed: int = stats.DEFAULT_SEED,
) -> RunComparison:
    """Compare two run folders: on the test split they share, or on every pair of ``data``.

    Parameters
    ----------
    run_a, run_b:
        Run folders.
    data:
        ``None``: use the per-example scores saved with the runs (same test split needed).
        A file, example name, ``PreparedData`` or ``Dataset``: evaluate both runs on all its
        pairs now (the runs' models write new summaries).

    Raises
    ------
    ExperimentError, RunError, DataError
        As :func:`compare_experiments`, or a run or file that cannot be read.
    """
    path_a, path_b = Path(run_a), Path(run_b)
    if data is None:
        a, b = read_experiment(path_a), read_experiment(path_b)
        for run in (a, b):
            if run.status == "unreadable":
                read_run_info(run.path)  # raises the run's own error
        if a.name == b.name:
            a.name, b.name = str(path_a), str(path_b)
        return compare_experiments(a, b, key=key, seed=seed)
    from .pipeline import evaluate_run, pairs_from_source

    texts, references = pairs_from_source(data, text_column, summary_column)
    report_a = evaluate_run(path_a, data, text_column=text_column, summary_column=summary_column)
    report_b = evaluate_run(path_b, data, text_column=text_column, summary_column=summary_column)
    examples = [
        PairedExample(
            text,
            reference,
            report_a.predictions[i],
            report_b.predictions[i],
            dict(report_a.per_example[i]),
            dict(report_b.per_example[i]),
        )
        for i, (text, reference) in enumerate(zip(texts, references))
    ]
    name_a, name_b = (
        (path_a.name, path_b.name) if path_a.name != path_b.name else (str(path_a), str(path_b))
    )
    return paired_comparison(name_a, name_b, examples, key=key, seed=seed)


# --------------------------------------------------------------------------- words and numbers


def points(value: float | None, lang: str | None = None, *, signed: bool = True) -> str:
    """A score or a difference (fraction 0-1) in points of 100, one decimal: «+3,1» / «23,4»."""
    if value is None or not isinstance(value, (int, float)) or not math.isfinite(value):
        return "—"
    number = 100 * float(value)
    if round(number, 1) == 0:
        number = 0.0
    text = format_number(abs(number) if signed else number, 1, lang)
    if not signed:
        return text
    return ("+" if number >= 0 else "−") + text


def format_p_value(p_value: float, lang: str | None = None) -> str:
    """A p-value as a person reads it: «0,03», «< 0,001», «1»."""
    if p_value < 0.001:
        return "< " + format_number(0.001, 3, lang)
    if p_value >= 0.995:
        return "1"
    return format_number(p_value, 3 if p_value < 0.01 else 2, lang)


def score_with_interval(
    experiment: Experiment, key: str = MAIN_METRIC, lang: str | None = None
) -> str:
    """«12,8 (8,8–16,8)»: a run's score in points with its 95 % interval; «—» when not evaluated."""
    value = experiment.metrics.get(key)
    if value is None:
        return "—"
    text = points(value, lang, signed=False)
    interval = experiment.interval(key)
    if interval is not None:
        text += (
            f" ({points(interval.low, lang, signed=False)}"
            f"–{points(interval.high, lang, signed=False)})"
        )
    return text


def interval_text(low: float, high: float, lang: str | None = None, *, signed: bool = True) -> str:
    """«+1,2 a +5,0» / «+1.2 to +5.0»."""
    return t(
        "experiments.interval",
        lang,
        low=points(low, lang, signed=signed),
        high=points(high, lang, signed=signed),
    )


def verdict(
    test: stats.PairedTest,
    name_a: str,
    name_b: str,
    key: str = MAIN_METRIC,
    lang: str | None = None,
) -> Verdict:
    """The verdict of a paired test in plain words (``b`` minus ``a``), then its numbers.

    * one run better beyond chance: «B es mejor que A (diferencia +3,1 ROUGE-L, intervalo +1,2
      a +5,0)»;
    * otherwise: «Con 13 ejemplos de prueba esta diferencia puede ser casualidad: usa más
      ejemplos de prueba o repite con otra semilla.»;
    * the same score on every example: says so.
    """
    metric = METRIC_LABELS.get(key, key)
    numbers = t(
        "experiments.verdict.numbers",
        lang,
        a=name_a,
        b=name_b,
        difference=points(test.difference, lang),
        metric=metric,
        interval=interval_text(test.low, test.high, lang),
        p=format_p_value(test.p_value, lang),
        count=test.num_examples,
    )
    if test.identical:
        return Verdict(
            "identical",
            t("experiments.verdict.identical", lang, a=name_a, b=name_b, count=test.num_examples),
            numbers,
        )
    if test.significant:
        b_wins = test.difference > 0
        winner, loser = (name_b, name_a) if b_wins else (name_a, name_b)
        sign = 1 if b_wins else -1
        low, high = sorted((sign * test.low, sign * test.high))
        words = t(
            "experiments.verdict.better",
            lang,
            winner=winner,
            loser=loser,
            difference=points(sign * test.difference, lang),
            metric=metric,
            interval=interval_text(low, high, lang),
        )
        return Verdict("better", words, numbers, winner=winner)
    return Verdict(
        "chance", t("experiments.verdict.chance", lang, count=test.num_examples), numbers
    )


def interval_by_size(
    scores: Sequence[float], sizes: Sequence[int], *, seed: int = stats.DEFAULT_SEED
) -> list[stats.Interval]:
    """The bootstrap interval of the first ``n`` scores for each ``n`` in ``sizes``: how the
    interval shrinks as the test set grows (for teaching)."""
    return [
        stats.bootstrap_interval(list(scores)[:n], seed=seed) for n in sizes if 0 < n <= len(scores)
    ]


# --------------------------------------------------------------------------- rename and delete

#: A run name: letters (any alphabet), digits, "-", "_", "." and "="; it becomes a folder name.
RUN_NAME_PATTERN = re.compile(r"[\w.=-]+")


def rename_experiment(experiment_set: ExperimentSet, name: str, new_name: str) -> Path:
    """Rename a run's folder (inside its sweep folder for a sweep's run); returns the new path.

    Raises
    ------
    ExperimentError
        An unknown run, a bad name, or a name already taken.
    """
    experiment = experiment_set.get(name)
    new_name = (new_name or "").strip()
    if (
        not new_name
        or len(new_name) > 100
        or not RUN_NAME_PATTERN.fullmatch(new_name)
        or new_name.startswith(".")
    ):
        raise ExperimentError("experiments.bad_name", name=new_name)
    target = experiment.path.with_name(new_name)
    if target.exists():
        raise ExperimentError("experiments.name_taken", name=new_name)
    if experiment.path.exists():
        experiment.path.rename(target)
    else:
        target.mkdir(parents=True)
    _rename_in_sweep(experiment.path.parent, experiment.path.name, new_name)
    return target


def delete_experiment(experiment_set: ExperimentSet, name: str) -> None:
    """Delete a run's folder (and its line in its sweep's record).

    Only folders that are runs (``run.json`` or ``failed.json``) or a sweep's runs are removed.

    Raises
    ------
    ExperimentError
        An unknown run.
    RunError
        The folder is not a run.
    """
    experiment = experiment_set.get(name)
    path = experiment.path
    parent = path.parent
    in_sweep = (parent / SWEEP_FILE).is_file()
    if path.exists():
        if not ((path / RUN_INFO_FILE).is_file() or (path / FAILED_FILE).is_file() or in_sweep):
            raise RunError("runs.not_a_run", path=str(path))
        shutil.rmtree(path)
    if in_sweep:
        _remove_from_sweep(parent, path.name)


def _rename_in_sweep(folder: Path, old: str, new: str) -> None:
    record = read_sweep_record(folder)
    if not record:
        return
    for run in record.get("runs", []):
        if run.get("name") == old:
            run["name"] = new
    write_sweep_record(folder, record)


def _remove_from_sweep(folder: Path, name: str) -> None:
    record = read_sweep_record(folder)
    if not record:
        return
    for run in record.get("runs", []):
        if run.get("name") == name:
            run["status"] = "deleted"
    write_sweep_record(folder, record)


def write_sweep_record(folder: Path, record: dict[str, Any]) -> None:
    """Write a sweep's ``sweep.json`` (atomically: a reader never sees half a file)."""
    from .runs import _write_json

    folder.mkdir(parents=True, exist_ok=True)
    _write_json(folder / SWEEP_FILE, record)
