"""Sweeps: one base configuration trained over a grid of up to three settings, run after run.

    plan = plan_sweep(
        preset("fast"),
        {"learning_rate": [1e-3, 5e-4], "max_steps": [10, 20]},
        model="offline-t5-mini",
    )
    sweep = Sweep(data, plan, "runs/barrido")
    print(sweep.estimate().describe())  # 4 runs, about ... in total
    sweep.start()                       # background thread; sweep.stop() / sweep.start(resume=True)

Every run is an ordinary run folder inside the sweep folder (``runs/barrido/<run>``), trained
on the same split with the same seed (unless the seed is one of the swept settings), so the
runs can be compared (:mod:`.experiments`). A sweep saves work a set of separate runs repeats:

* each model is loaded (or, for the offline model, built) once; every run starts from a copy
  of its **initial** weights, never from a model another run tuned;
* runs with the same tokenizer and lengths share one tokenization of the data.

A run that fails is recorded with its error (``failed.json`` in its folder) and the sweep goes
on. :meth:`Sweep.stop` stops within the current run (its checkpoint is kept) or, with
``now=False``, after it; :meth:`Sweep.start` with ``resume=True`` skips the runs that finished
and continues a stopped one from its checkpoint. The sweep's plan and the state of every run
live in ``sweep.json``.
"""

from __future__ import annotations

import copy
import itertools
import json
import logging
import os
import shutil
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Literal

from ..errors import ConfigError, ExperimentError, WidgetsLLMError, as_user_error
from ..messages import t
from .config import TrainingConfig, check_value, coerce_value, field_info, field_names
from .experiments import (
    FAILED_FILE,
    MODEL_SETTING,
    SWEEP_FILE,
    read_sweep_record,
    write_sweep_record,
)
from .runs import RUN_INFO_FILE, data_fingerprint

logger = logging.getLogger(__name__)

#: At most this many settings in a grid.
MAX_GRID_SETTINGS = 3
#: At most this many runs in one sweep (a bigger grid is almost always a mistake on a laptop).
MAX_SWEEP_RUNS = 64
#: Settings a grid cannot vary (lists of names; "what changes nothing").
UNSWEPT_SETTINGS = ("lora_target_modules", "log_every_steps")
SWEEP_FORMAT_VERSION = 1

SweepEventKind = Literal[
    "started",
    "run_started",
    "run_progress",
    "run_evaluating",
    "run_finished",
    "run_failed",
    "run_skipped",
    "run_stopped",
    "finished",
    "stopped",
]


# --------------------------------------------------------------------------- the grid


def sweepable_settings() -> list[str]:
    """The settings a grid may vary: ``model`` and the training configuration's fields."""
    return [MODEL_SETTING] + [name for name in field_names() if name not in UNSWEPT_SETTINGS]


def parse_grid(grid: Any) -> dict[str, list[Any]]:
    """Check a grid and give its values their types.

    Parameters
    ----------
    grid:
        ``{setting: [values]}`` or a list of ``"SETTING=V1,V2"`` texts (as the command line
        takes them; decimals with a point). Values may be text (``"0.001"``, ``"sí"``).

    Returns
    -------
    dict
        ``{setting: [typed values]}`` in the given order, repeated values dropped.

    Raises
    ------
    ConfigError
        An unknown setting, a bad value (with the reason), a setting given twice, a setting
        without values, more than :data:`MAX_GRID_SETTINGS` settings, or no setting at all.
    """
    items = _grid_items(grid)
    if not items:
        raise ConfigError("sweeps.grid.empty")
    if len(items) > MAX_GRID_SETTINGS:
        raise ConfigError("sweeps.grid.too_many", count=len(items), maximum=MAX_GRID_SETTINGS)
    allowed = sweepable_settings()
    parsed: dict[str, list[Any]] = {}
    for name, values in items:
        if name not in allowed:
            raise ConfigError("sweeps.grid.unknown_setting", name=name, settings=", ".join(allowed))
        if name in parsed:
            raise ConfigError("sweeps.grid.repeated", name=name)
        values = [v.strip() if isinstance(v, str) else v for v in values]
        values = [v for v in values if v != ""]
        if not values:
            raise ConfigError("sweeps.grid.no_values", name=name)
        typed = []
        for value in values:
            typed_value = _typed_value(name, value)
            if typed_value not in typed:
                typed.append(typed_value)
        parsed[name] = typed
    return parsed


def _grid_items(grid: Any) -> list[tuple[str, list[Any]]]:
    if isinstance(grid, dict):
        return [
            (str(name).strip(), list(values) if isinstance(values, (list, tuple)) else [values])
            for name, values in grid.items()
        ]
    items = []
    for text in grid or []:
        if not isinstance(text, str) or "=" not in text:
            raise ConfigError("sweeps.grid.syntax", text=str(text))
        name, _, values = text.partition("=")
        items.append((name.strip(), values.split(",")))
    return items


def _typed_value(name: str, value: Any) -> Any:
    if name == MODEL_SETTING:
        from .models import parse_model_choice

        if not isinstance(value, str) or not value.strip():
            raise ConfigError(
                "sweeps.grid.bad_value", name=name, value=value, reason=t("models.empty_choice")
            )
        parse_model_choice(value)
        return value.strip()
    if isinstance(value, str) and field_info(name)["kind"] in ("number", "integer"):
        value = value.strip()  # "1e-3" and "0.001" both become 0.001
    typed = coerce_value(name, value)
    problem = check_value(name, typed)
    if problem:
        raise ConfigError(
            "sweeps.grid.bad_value", name=name, value=value, reason=t(problem[0], **problem[1])
        )
    return typed


@dataclass
class SweepRunSpec:
    """One run of a sweep: its folder name, the grid's values for it, its configuration and
    model."""

    index: int
    name: str
    settings: dict[str, Any]
    config: TrainingConfig
    model: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "name": self.name,
            "settings": dict(self.settings),
            "model": self.model,
        }


@dataclass
class SweepPlan:
    """Every run of a sweep, known before anything starts (see :func:`plan_sweep`)."""

    base: TrainingConfig
    model: str
    grid: dict[str, list[Any]]
    runs: list[SweepRunSpec]

    def __len__(self) -> int:
        return len(self.runs)

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "base_config": self.base.to_dict(),
            "grid": {k: list(v) for k, v in self.grid.items()},
        }


def plan_sweep(base: TrainingConfig, grid: Any, model: str = "offline") -> SweepPlan:
    """The runs of ``base`` over every combination of ``grid`` (see :func:`parse_grid`).

    Each run's configuration is built and checked here: a bad grid raises before anything
    starts. Run names say the grid's values (``learning_rate=0.001_max_steps=10``).

    Raises
    ------
    ConfigError
        A bad grid, a combination that makes an invalid configuration, or more than
        :data:`MAX_SWEEP_RUNS` runs.
    """
    parsed = parse_grid(grid)
    names = list(parsed)
    combinations = list(itertools.product(*(parsed[name] for name in names)))
    if len(combinations) > MAX_SWEEP_RUNS:
        raise ConfigError(
            "sweeps.grid.too_many_runs", count=len(combinations), maximum=MAX_SWEEP_RUNS
        )
    runs = []
    used: set[str] = set()
    for index, values in enumerate(combinations):
        settings = dict(zip(names, values))
        changes = {k: v for k, v in settings.items() if k != MODEL_SETTING}
        config = TrainingConfig(**{**base.to_dict(), **changes})
        name = run_name(settings)
        if name in used:  # two values that look alike in a folder name ("a/b" and "a-b")
            name = f"{name}_{index + 1}"
        used.add(name)
        runs.append(
            SweepRunSpec(index, name, settings, config, str(settings.get(MODEL_SETTING, model)))
        )
    return SweepPlan(base, model, parsed, runs)


def run_name(settings: dict[str, Any]) -> str:
    """A folder name that says a run's values: ``learning_rate=0.001_max_steps=10``."""
    parts = []
    for name, value in settings.items():
        shown = (
            ("si" if value else "no")
            if isinstance(value, bool)
            else (f"{value:g}" if isinstance(value, float) else str(value))
        )
        parts.append(f"{name}={shown}")
    text = "_".join(parts)
    return "".join(ch if ch.isalnum() or ch in "._=-" else "-" for ch in text)[:120] or "run"


# --------------------------------------------------------------------------- events


@dataclass(frozen=True)
class SweepEvent:
    """Something that happened in a sweep. Fields a kind does not carry are ``None``.

    Attributes
    ----------
    kind:
        ``started``, ``run_started``, ``run_progress`` (training), ``run_evaluating`` (the
        test split), ``run_finished``, ``run_failed``, ``run_skipped`` (finished before, on
        resume), ``run_stopped``, then ``finished`` or ``stopped`` (the whole sweep).
    index, total:
        The run's position (from 0) and the number of runs.
    name, settings:
        The run's folder name and the grid's values for it.
    progress:
        Fraction of the whole sweep done (runs done plus the current run's share).
    run_progress:
        Fraction of the current run done.
    training:
        The :class:`~.training.TrainingEvent` behind a ``run_progress`` event.
    path:
        The run folder (``run_finished``).
    error:
        The error (``run_failed``).
    metrics:
        The run's test metrics (``run_finished``).
    elapsed:
        Seconds since the sweep started.
    """

    kind: SweepEventKind
    index: int | None = None
    total: int = 0
    name: str | None = None
    settings: dict[str, Any] | None = None
    progress: float = 0.0
    run_progress: float | None = None
    training: Any = None
    path: Path | None = None
    error: WidgetsLLMError | None = None
    metrics: dict[str, Any] | None = None
    elapsed: float = 0.0


@dataclass
class SweepRunResult:
    """How one run of a sweep ended: ``finished``, ``failed``, ``stopped``, ``skipped`` or
    ``pending``."""

    spec: SweepRunSpec
    status: str = "pending"
    path: Path | None = None
    error: WidgetsLLMError | None = None
    seconds: float | None = None
    metrics: dict[str, Any] = field(default_factory=dict)


@dataclass
class SweepEstimate:
    """How long a sweep should take, before it starts.

    Attributes
    ----------
    runs:
        Number of runs.
    seconds_per_run:
        Estimated training seconds of each run, in order (``None`` for a run whose model cannot
        be loaded).
    total_seconds:
        Their sum (the evaluation of each run's test split adds a little).
    problems:
        Why some runs could not be estimated (one line each).
    """

    runs: int
    seconds_per_run: list[float | None]
    total_seconds: float
    problems: list[str] = field(default_factory=list)

    def describe(self, lang: str | None = None) -> str:
        """«4 entrenamientos, unos 2 min en total.»"""
        from .estimate import format_duration

        return t(
            "sweeps.estimate",
            lang,
            runs=self.runs,
            duration=format_duration(self.total_seconds, lang),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "runs": self.runs,
            "seconds_per_run": list(self.seconds_per_run),
            "total_seconds": self.total_seconds,
        }


# --------------------------------------------------------------------------- the sweep


class Sweep:
    """A sweep over ``plan`` on ``data``, saved in ``output_dir`` (one run folder per run).

    Use :meth:`start` to run it in a background thread (notebooks, dashboards) or :meth:`run`
    in the calling thread (CLI, scripts); subscribe before starting to see every event.

    Parameters
    ----------
    data:
        The ``PreparedData``: every run trains on its train split, watches its validation split
        and is tested on its test split.
    plan:
        From :func:`plan_sweep`.
    output_dir:
        The sweep folder.
    extra_texts:
        Plain texts for the warm-up, as :func:`pipeline.train` takes them.
    evaluate_test:
        Evaluate each run on the test split (needed to compare runs).

    Attributes
    ----------
    status:
        ``ready``, ``running``, ``stopping``, ``finished`` or ``stopped``.
    results:
        One :class:`SweepRunResult` per run, in the plan's order.
    history:
        Every event so far.
    current:
        The :class:`~.training.TrainingRun` training now (``None`` between runs).
    """

    def __init__(
        self,
        data: Any,
        plan: SweepPlan,
        output_dir: str | os.PathLike,
        *,
        extra_texts: list[str] | None = None,
        evaluate_test: bool = True,
    ):
        self.data = data
        self.plan = plan
        self.output_dir = Path(output_dir)
        self.extra_texts = list(extra_texts or [])
        self.evaluate_test = evaluate_test
        self.status = "ready"
        self.results = [SweepRunResult(spec) for spec in plan.runs]
        self.history: list[SweepEvent] = []
        self.current = None
        self.fingerprint = data_fingerprint(data)
        self._listeners: list[Callable[[SweepEvent], None]] = []
        self._stop_now = threading.Event()
        self._stop_after = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._bases: dict[tuple, Any] = {}
        self._base_errors: dict[tuple, WidgetsLLMError] = {}
        self._tokenizers: dict[tuple, Any] = {}
        self._tokenized: dict[tuple, Any] = {}
        self._warmup_datasets: dict[tuple, Any] = {}
        self._started = time.perf_counter()
        self._index = 0
        #: How many models were loaded, and how many tokenizations made (for tests and benchmarks).
        self.models_loaded = 0
        self.tokenizations = 0

    # ------------------------------------------------------------------ subscribers
    def subscribe(self, listener: Callable[[SweepEvent], None]) -> Callable[[], None]:
        """Receive every event from now on; returns a function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _emit(self, kind: SweepEventKind, spec: SweepRunSpec | None = None, **values: Any) -> None:
        total = len(self.plan.runs)
        done = sum(1 for r in self.results if r.status in ("finished", "failed", "skipped"))
        run_progress = values.get("run_progress")
        progress = (
            min(1.0, (done + (run_progress or 0.0 if kind == "run_progress" else 0.0)) / total)
            if total
            else 1.0
        )
        event = SweepEvent(
            kind=kind,
            index=spec.index if spec else None,
            total=total,
            name=spec.name if spec else None,
            settings=dict(spec.settings) if spec else None,
            progress=progress,
            elapsed=time.perf_counter() - self._started,
            **values,
        )
        self.history.append(event)
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:  # a broken display must never break the sweep, but leaves a trace
                logger.exception(
                    "sweep listener %r failed", getattr(listener, "__qualname__", listener)
                )

    # ------------------------------------------------------------------ before starting
    def estimate(self, measure_steps: int = 1) -> SweepEstimate:
        """The number of runs and the estimated total training time (the models are loaded
        now, once, and reused by the sweep).

        Runs whose step time depends on the same things (model, batch, lengths, LoRA,
        precision, warm-up) are timed once; the others scale by their number of steps.
        """
        from .estimate import count_training_steps, estimate_training

        timed: dict[tuple, Any] = {}
        seconds: list[float | None] = []
        problems: list[str] = []
        train_size = len(self.data.splits["train"])
        for spec in self.plan.runs:
            try:
                base = self._base(spec)
            except WidgetsLLMError as exc:
                seconds.append(None)
                line = f"{spec.name}: {exc.one_line()}"
                if line not in problems:
                    problems.append(line)
                continue
            key = (
                self._model_key(spec)[:3],
                *_timing_key(spec.config),
            )  # the seed changes weights, not speed
            if key not in timed:
                timed[key] = estimate_training(
                    base,
                    self.data.splits,
                    spec.config,
                    measure_steps=measure_steps,
                    **self._extra(),
                )
            reference = timed[key]
            steps = count_training_steps(train_size, spec.config) + reference.warmup_steps
            reference_steps = max(1, reference.total_steps)
            seconds.append(reference.total_seconds * steps / reference_steps)
        total = sum(s for s in seconds if s is not None)
        return SweepEstimate(len(self.plan.runs), seconds, total, problems)

    # ------------------------------------------------------------------ control
    def start(self, resume: bool = False) -> "Sweep":
        """Run the sweep in a background thread; returns at once.

        Raises
        ------
        ExperimentError
            Already running; the folder holds another sweep or something else; or it holds
            this sweep and ``resume`` was not asked.
        """
        with self._lock:
            self.check_can_start(resume)
            self.status = "running"
            self._thread = threading.Thread(
                target=self._run_in_thread, args=(resume,), name="widgets-llm-sweep", daemon=True
            )
            self._thread.start()
        return self

    def run(self, resume: bool = False) -> list[SweepRunResult]:
        """Run the sweep in the calling thread; returns the results (also of failed runs)."""
        with self._lock:
            self.check_can_start(resume)
            self.status = "running"
        self._run(resume)
        return self.results

    def stop(self, now: bool = True) -> None:
        """Stop the sweep: ``now`` within the current run (at the end of its current step, its
        checkpoint kept; :meth:`start` with ``resume=True`` continues it), otherwise once the
        current run finished."""
        if self.status == "running":
            self.status = "stopping"
        self._stop_after.set()
        if now:
            self._stop_now.set()
            current = self.current
            if current is not None:
                current.stop()

    def join(self, timeout: float | None = None) -> list[SweepRunResult]:
        if self._thread is not None:
            self._thread.join(timeout)
        return self.results

    @property
    def is_alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def check_can_start(self, resume: bool = False) -> None:
        """Raise now what :meth:`start` would raise (a busy or different folder), before any model
        loads.

        Raises
        ------
        ExperimentError
            As :meth:`start`.
        """
        if self.status in ("running", "stopping"):
            raise ExperimentError("sweeps.already_running")
        folder = self.output_dir
        if folder.is_dir() and (folder / RUN_INFO_FILE).is_file():
            raise ExperimentError("sweeps.folder_in_use", path=str(folder))
        record = read_sweep_record(folder) if (folder / SWEEP_FILE).is_file() else None
        if record is None:
            if folder.is_dir() and any(folder.iterdir()):
                raise ExperimentError("sweeps.folder_in_use", path=str(folder))
            return
        if not self._same_plan(record):
            raise ExperimentError("sweeps.different_plan", path=str(folder))
        if not resume:
            raise ExperimentError("sweeps.exists", path=str(folder))

    def _same_plan(self, record: dict[str, Any]) -> bool:
        mine = json.loads(json.dumps(self.plan.to_dict(), default=str))
        theirs = {k: record.get(k) for k in ("model", "base_config", "grid")}
        same_data = (record.get("data") or {}).get("fingerprint", {}).get(
            "all"
        ) == self.fingerprint.get("all")
        return mine == theirs and same_data

    # ------------------------------------------------------------------ the work
    def _run_in_thread(self, resume: bool) -> None:
        import torch

        # set_num_threads is per thread: without it a new thread may use a single core.
        torch.set_num_threads(max(1, os.cpu_count() or 1))
        self._run(resume)

    def _run(self, resume: bool) -> None:
        self._started = time.perf_counter()
        self._stop_now.clear()
        self._stop_after.clear()
        previous = read_sweep_record(self.output_dir) if resume else None
        earlier = {run.get("name"): run for run in (previous or {}).get("runs", [])}
        for result in self.results:
            result.status, result.error, result.path = "pending", None, None
        self._write_record("running")
        self._emit("started")
        try:
            for spec, result in zip(self.plan.runs, self.results):
                if self._stop_after.is_set():
                    break
                self._index = spec.index
                if (earlier.get(spec.name) or {}).get("status") == "deleted":
                    result.status = "skipped"
                    continue
                if resume and _finished_run(self.output_dir / spec.name):
                    result.status, result.path = "skipped", self.output_dir / spec.name
                    self._emit("run_skipped", spec, path=result.path)
                    continue
                was_stopped = resume and (earlier.get(spec.name) or {}).get("status") == "stopped"
                self._run_one(spec, result, continue_from_checkpoint=was_stopped)
                self._write_record("running")
                if result.status == "stopped":
                    break
        finally:
            self.current = None
            stopped = self._stop_after.is_set() and any(
                r.status in ("pending", "stopped") for r in self.results
            )
            self.status = "stopped" if stopped else "finished"
            self._write_record(self.status)
            self._emit(self.status)

    def _run_one(
        self, spec: SweepRunSpec, result: SweepRunResult, continue_from_checkpoint: bool
    ) -> None:
        from .evaluation import EvaluationStopped
        from .pipeline import evaluate_and_save
        from .training import TrainingRun

        folder = self.output_dir / spec.name
        started = time.perf_counter()
        result.status = "running"
        self._write_record("running")
        self._emit("run_started", spec)
        (folder / FAILED_FILE).unlink(missing_ok=True)
        try:
            bundle = self._fresh_bundle(spec)
            run = TrainingRun(bundle, self.data.splits, spec.config, folder, **self._extra())
            self._share_tokenization(spec, run)
            run.subscribe(
                lambda event: self._emit(
                    "run_progress", spec, run_progress=event.progress, training=event
                )
            )
            resume_run = continue_from_checkpoint and run.can_resume()
            if not resume_run:
                shutil.rmtree(
                    folder / "checkpoints", ignore_errors=True
                )  # an old attempt must not count
            self.current = run
            if self._stop_now.is_set():
                raise _Stopped()
            training = run.run(resume=resume_run)
            self.current = None
            self._keep_tokenization(spec, run)
            if training.status == "failed":
                raise training.error or ExperimentError("sweeps.run_failed", name=spec.name)
            if training.status == "stopped":
                raise _Stopped()
            self._emit("run_evaluating", spec)
            path = evaluate_and_save(
                self.data,
                bundle,
                spec.config,
                folder,
                training,
                evaluate_test=self.evaluate_test,
                should_stop=self._stop_now.is_set,
            )
        except (_Stopped, EvaluationStopped):
            self.current = None
            result.status, result.seconds = "stopped", time.perf_counter() - started
            self._emit("run_stopped", spec)
            return
        except KeyboardInterrupt:  # Ctrl+C in a terminal: the sweep stops and can be resumed
            self.current = None
            self._stop_after.set()
            result.status, result.seconds = "stopped", time.perf_counter() - started
            raise
        except Exception as exc:  # every failure is recorded and the sweep goes on
            self.current = None
            if not isinstance(
                exc, WidgetsLLMError
            ):  # not foreseen: its traceback, for a bug report
                logger.exception("sweep run %s failed", spec.name)
            error = as_user_error(exc)
            result.status, result.error, result.seconds = (
                "failed",
                error,
                time.perf_counter() - started,
            )
            self._write_failure(folder, spec, error, result.seconds)
            result.path = folder
            self._emit("run_failed", spec, error=error, path=folder)
            return
        result.status, result.path, result.seconds = "finished", path, time.perf_counter() - started
        result.metrics = _test_metrics(path)
        self._emit("run_finished", spec, path=path, metrics=dict(result.metrics))

    # ------------------------------------------------------------------ models and tokens
    def _extra(self) -> dict[str, Any]:
        """``extra_texts=...`` for the engine's calls, only when there are some (they feed the
        warm-up)."""
        return {"extra_texts": self.extra_texts} if self.extra_texts else {}

    def _model_key(self, spec: SweepRunSpec) -> tuple:
        from .models import parse_model_choice

        kind, name, architecture = parse_model_choice(spec.model)
        # An offline model's weights depend on the seed; a pretrained model's do not.
        return (kind, name, architecture, spec.config.seed if kind == "offline" else None)

    def _base(self, spec: SweepRunSpec):
        """The untouched base model of ``spec`` (loaded once, never trained)."""
        from .models import build_offline_model, load_model
        from .pipeline import vocabulary_texts

        key = self._model_key(spec)
        if key in self._base_errors:
            raise self._base_errors[key]
        if key not in self._bases:
            kind, name, architecture, seed = key
            try:
                if kind == "offline":
                    # One tokenizer per offline model size: the same for every seed, so the
                    # tokenized data can be shared across seeds too.
                    texts = vocabulary_texts(
                        self.data, *([self.extra_texts] if self.extra_texts else [])
                    )
                    tokenizer = self._tokenizers.get((name, architecture))
                    bundle = build_offline_model(
                        texts, architecture, name, seed=seed, tokenizer=tokenizer
                    )
                    self._tokenizers[(name, architecture)] = bundle.tokenizer
                else:
                    bundle = load_model(spec.model)
            except Exception as exc:
                error = as_user_error(exc)
                self._base_errors[key] = error
                raise error from exc
            bundle.model.eval()
            self._bases[key] = bundle
            self.models_loaded += 1
        return self._bases[key]

    def _fresh_bundle(self, spec: SweepRunSpec):
        """A copy of the base model with its initial weights: no run continues another's."""
        from .models import ModelBundle

        base = self._base(spec)
        model = copy.deepcopy(base.model)
        return ModelBundle(model, base.tokenizer, base.architecture, base.source, base.prefix, {})

    def _tokens_key(self, spec: SweepRunSpec) -> tuple:
        base = self._base(spec)
        return (
            id(base.tokenizer),
            base.architecture,
            base.prefix,
            spec.config.max_input_length,
            spec.config.max_target_length,
        )

    def _share_tokenization(self, spec: SweepRunSpec, run: Any) -> None:
        # TrainingRun tokenizes once per run and keeps the result; a sweep hands it the
        # tokenization an earlier run with the same tokenizer and lengths made.
        tokenized = self._tokenized.get(self._tokens_key(spec))
        if tokenized is not None and hasattr(run, "_tokenized"):
            run._tokenized = tokenized
        else:
            self.tokenizations += 1
        warmup_key = self._warmup_key(spec, run)
        if (
            warmup_key is not None
            and warmup_key in self._warmup_datasets
            and hasattr(run, "_warmup_dataset")
        ):
            run._warmup_dataset = self._warmup_datasets[warmup_key]

    def _keep_tokenization(self, spec: SweepRunSpec, run: Any) -> None:
        tokenized = getattr(run, "_tokenized", None)
        if tokenized is not None:
            self._tokenized.setdefault(self._tokens_key(spec), tokenized)
        warmup_key = self._warmup_key(spec, run)
        dataset = getattr(run, "_warmup_dataset", None)
        if warmup_key is not None and dataset is not None:
            self._warmup_datasets.setdefault(warmup_key, dataset)

    def _warmup_key(self, spec: SweepRunSpec, run: Any) -> tuple | None:
        if not hasattr(run, "warmup_plan"):
            return None
        try:
            plan = run.warmup_plan()
        except Exception:  # the run itself will report a real problem
            logger.debug("no warm-up plan for %s", spec.name, exc_info=True)
            return None
        if not getattr(plan, "enabled", False):
            return None
        plan_text = json.dumps(plan.to_dict(), sort_keys=True, default=str)
        config = spec.config
        return (*self._tokens_key(spec), config.seed, config.batch_size, plan_text)

    # ------------------------------------------------------------------ records
    def _write_record(self, status: str) -> None:
        record = {
            "format_version": SWEEP_FORMAT_VERSION,
            "created": datetime.now().astimezone().isoformat(timespec="seconds"),
            "status": status,
            **json.loads(json.dumps(self.plan.to_dict(), default=str)),
            "data": {
                "fingerprint": self.fingerprint,
                "sizes": {k: len(v) for k, v in self.data.splits.items()},
            },
            "runs": [
                {
                    "name": r.spec.name,
                    "settings": r.spec.settings,
                    "model": r.spec.model,
                    "status": "finished" if r.status == "skipped" else r.status,
                    "error": {lang: r.error.one_line(lang) for lang in ("es", "en")}
                    if r.error
                    else None,
                    "seconds": r.seconds,
                }
                for r in self.results
            ],
        }
        previous = read_sweep_record(self.output_dir)
        if previous:
            record["created"] = previous.get("created", record["created"])
            deleted = {
                run.get("name")
                for run in previous.get("runs", [])
                if run.get("status") == "deleted"
            }
            for run in record["runs"]:
                if run["name"] in deleted and run["status"] in ("pending", "finished"):
                    run["status"] = "deleted"
        write_sweep_record(self.output_dir, record)

    def _write_failure(
        self, folder: Path, spec: SweepRunSpec, error: WidgetsLLMError, seconds: float
    ) -> None:
        from .runs import _write_json

        folder.mkdir(parents=True, exist_ok=True)
        _write_json(
            folder / FAILED_FILE,
            {
                "status": "failed",
                "created": datetime.now().astimezone().isoformat(timespec="seconds"),
                "model": spec.model,
                "settings": spec.settings,
                "config": spec.config.to_dict(),
                "error": {lang: error.one_line(lang) for lang in ("es", "en")},
                "error_key": error.key,
                "seconds": seconds,
            },
        )


class _Stopped(Exception):
    """The sweep was asked to stop within this run."""


def _timing_key(config: TrainingConfig) -> tuple:
    """What the time of one training step depends on."""
    return (
        config.batch_size,
        config.gradient_accumulation_steps,
        config.max_input_length,
        config.max_target_length,
        config.use_lora,
        config.lora_r,
        config.precision,
        config.warmup,
        config.warmup_steps,
    )


def _finished_run(folder: Path) -> bool:
    if not (folder / RUN_INFO_FILE).is_file():
        return False
    try:
        info = json.loads((folder / RUN_INFO_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return ((info.get("training") or {}).get("status") or "finished") == "finished"


def _test_metrics(path: Path | None) -> dict[str, Any]:
    if path is None:
        return {}
    from .experiments import read_experiment

    return dict(read_experiment(path).metrics)


__all__ = [
    "MAX_GRID_SETTINGS",
    "Sweep",
    "SweepEstimate",
    "SweepEvent",
    "SweepPlan",
    "SweepRunResult",
    "SweepRunSpec",
    "parse_grid",
    "plan_sweep",
    "run_name",
    "sweepable_settings",
]
