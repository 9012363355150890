"""A live chart of a training run: losses, perplexity, learning rate, progress, Start and Stop.

The chart is one more subscriber of :class:`~widgets_llm.engine.training.TrainingRun` (as the
notebook progress bar is one more ``TrainerCallback`` in transformers): the run trains in its
own thread and knows nothing of display. The subscriber does almost nothing per event (it
appends to buffers); drawing happens on the kernel's thread, and only as often as a person can
use it. That matters more than the kernel's own work: a browser on the same computer redraws
every figure it is sent, and on a two-core machine each redraw takes time from training
(measured in ``benchmarks/watch_cost.py``). So:

- the text progress line (step, time left) is the cheap, always-on signal, at most once a
  second; the figures are redrawn at most every ``redraw_interval`` seconds, by default chosen
  from the computer's cores and the run's expected length (:func:`auto_redraw_interval`);
- only the lines that changed are sent, each thinned to ``max_points`` points;
- while the chart cannot be seen (``visible = False``: the studio sets it when its tab is not
  the one shown) the figures are not drawn at all, and are brought up to date when it is shown.
"""

from __future__ import annotations

import html
import math
import os
import threading
import time
from typing import Any, Callable, Sequence

import bqplot as bq
import ipywidgets as widgets
import numpy as np
import traitlets

from ..errors import TrainingError
from ..messages import get_language, t
from .decimal_commas import DecimalCommas
from ._common import Status, _Component, help_text, push_state, section_title, without_toolbar

#: The plotted lines, by name (the keys of :attr:`TrainingChart.history`).
LINES = ("train_loss", "eval_loss", "perplexity", "learning_rate")
TERMINAL_KINDS = ("finished", "stopped", "failed")
STATUSES = ("ready", "running", "stopping", "finished", "stopped", "failed")
#: ``redraw_interval`` that asks for :func:`auto_redraw_interval`.
AUTO = "auto"
#: Seconds between two updates of the progress line (cheap: one line of text and a bar).
PROGRESS_INTERVAL = 1.0
#: Redraws a whole run gets at most, however long it is (a person reads a trend, not each step).
MOST_REDRAWS_PER_RUN = 120
#: Points kept per line when drawing; longer histories are thinned evenly (last point kept).
DEFAULT_MAX_POINTS = 500

_COLORS = {
    "train_loss": "#1f77b4",
    "eval_loss": "#e6550d",
    "perplexity": "#6a3d9a",
    "learning_rate": "#2ca02c",
}


def _fit_single_value(scale, values: Sequence[float]) -> None:
    """A figure whose line has one value (one evaluation so far) gets a range around it: the
    automatic range of a single value is empty, and its axis showed no number at all."""
    distinct = set(float(v) for v in values)
    if len(distinct) == 1:
        value = distinct.pop()
        pad = abs(value) * 0.05 or 1.0
        wanted = (value - pad, value + pad)
    else:
        wanted = (None, None)
    if (scale.min, scale.max) != wanted:
        with scale.hold_sync():
            scale.min, scale.max = wanted
        push_state(scale)


def _legend_html(entries: list[tuple[str, str, bool]]) -> str:
    """The key of the loss figure, as a line under it: ``(line, label, has_markers)``."""
    items = []
    for name, label, markers in entries:
        color = _COLORS[name]
        dot = f"<circle cx='13' cy='5' r='3.5' fill='{color}'/>" if markers else ""
        items.append(
            "<span style='margin-right:18px;white-space:nowrap'>"
            "<svg width='26' height='10' style='vertical-align:middle;margin-right:6px'>"
            f"<line x1='0' y1='5' x2='26' y2='5' stroke='{color}' stroke-width='2'/>{dot}</svg>"
            f"{html.escape(label)}</span>"
        )
    return f"<div class='wllm-chart-legend' style='margin:-6px 0 6px 65px'>{''.join(items)}</div>"


def downsample(
    xs: Sequence[float], ys: Sequence[float], max_points: int
) -> tuple[np.ndarray, np.ndarray]:
    """At most ``max_points`` evenly spaced points of a line, always keeping the first and last.

    Thinning by index (not by value) keeps the shape of a loss curve and costs
    ``O(max_points)`` however long the history is.
    """
    count = len(xs)
    if count <= max_points:
        return np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    indices = np.linspace(0, count - 1, max_points).round().astype(int)
    return (
        np.fromiter((xs[i] for i in indices), dtype=float, count=len(indices)),
        np.fromiter((ys[i] for i in indices), dtype=float, count=len(indices)),
    )


def auto_redraw_interval(cores: int | None = None, expected_seconds: float | None = None) -> float:
    """Seconds between two redraws of the figures that watching costs training almost nothing.

    On a computer with few cores the browser that draws competes with training for them: two
    cores get a redraw every 3 s (still visibly live), four every 1.5 s, more every second.
    A long run is redrawn at most :data:`MOST_REDRAWS_PER_RUN` times.
    """
    cores = cores if cores is not None else (os.cpu_count() or 1)
    interval = 3.0 if cores <= 2 else 1.5 if cores <= 4 else 1.0
    if expected_seconds is not None and math.isfinite(expected_seconds) and expected_seconds > 0:
        interval = max(interval, expected_seconds / MOST_REDRAWS_PER_RUN)
    return interval


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def step_ticks(max_steps: int, most: int = 8) -> list[int]:
    """Whole-step ticks from 0 to ``max_steps``: at most ``most`` + 1, on a round step (1, 2, 5,
    10...)."""
    if max_steps <= 0:
        return [0]
    step = 1
    while max_steps / step > most:
        for factor in (2, 5, 10):  # 1, 2, 5, 10, 20, 50, ...: round numbers a person reads easily
            if max_steps / (step * factor) <= most or factor == 10:
                step *= factor
                break
    return list(range(0, max_steps + 1, step))


def _format_number(value: float | None, digits: int = 3) -> str:
    if value is None:
        return t("chart.value_missing")
    if not math.isfinite(value):
        return "∞"
    from ..formatting import format_number

    return format_number(value, digits)  # a decimal comma for a Spanish reader


def _format_count(value: float) -> str:
    text = f"{round(value):,}"
    return text.replace(",", " ") if get_language() == "es" else text


def _format_duration(seconds: float | None) -> str:
    from ..engine.estimate import format_duration

    return format_duration(seconds)


class TrainingChart(_Component):
    """Watch a training run live, and start or stop it.

    Parameters
    ----------
    make_run:
        Called by the Start button to create a new ``TrainingRun`` (for instance from the
        dashboard's current model, data and configuration). A ``WidgetsLLMError`` it raises
        (no data loaded...) is shown in the component. Without it, Start (re)starts the
        attached run.
    max_points:
        Points kept per line when drawing (longer runs are thinned evenly).
    redraw_interval:
        Seconds between two redraws of the figures at most, or ``"auto"`` (the default: from the
        computer's cores and the run's expected length, see :func:`auto_redraw_interval`).
        The first and the final event always redraw, and so do the first moment each line can
        be seen (two training losses, one validation point); ``0`` redraws on every event.
    synchronous:
        Draw in the thread that sends the events (tests, scripts) instead of the kernel's.

    Attributes
    ----------
    run : TrainingRun or None (trait)
        The run being watched.
    status : Status (trait)
        ``ready``, ``running``, ``stopping``, ``finished``, ``stopped`` or ``failed``.
    visible : bool (trait)
        Whether a person can see the figures; while False they are not drawn (the progress
        line still is), and they catch up when it becomes True.
    history : dict
        ``{line: {"x": [...], "y": [...]}}`` as plotted, for ``train_loss``, ``eval_loss``,
        ``perplexity`` and ``learning_rate``.
    overhead_seconds : float
        Time spent handling events and drawing (in the training thread and the kernel's).
    redraw_count : int
        How many times the figures were drawn.
    progress_count : int
        How many times the progress line was updated.
    stage_boundary : int or None
        For a run with a warm-up stage, the step where the warm-up ends and fine-tuning
        begins (drawn as a dashed vertical line on the loss chart); ``None`` otherwise.
    stage : str or None
        The stage of the latest event (``warmup`` or ``finetune``), ``None`` before any.

    Events
    ------
    on_training_started(callback):
        ``callback(run)`` when the run reports it started training.
    on_training_finished(callback):
        ``callback(result)`` with the ``TrainingResult`` when the run finished, stopped or failed.
    """

    run = traitlets.Any(None, allow_none=True).tag(sync=False)
    visible = traitlets.Bool(True).tag(sync=False)

    EVENTS = ("training_started", "training_finished")

    def __init__(
        self,
        make_run: Callable[[], Any] | None = None,
        *,
        max_points: int = DEFAULT_MAX_POINTS,
        redraw_interval: float | str = AUTO,
        synchronous: bool = False,
        **kwargs,
    ):
        # ---- validate arguments
        if make_run is not None and not callable(make_run):
            raise TypeError("make_run must be a function that returns a TrainingRun")
        if max_points < 2:
            raise ValueError("max_points must be at least 2")
        if redraw_interval != AUTO and float(redraw_interval) < 0:
            raise ValueError("redraw_interval must be >= 0 or 'auto'")
        super().__init__(synchronous=synchronous, **kwargs)
        self.status = Status.READY
        self._make_run = make_run
        self._max_points = int(max_points)
        self._auto_interval = redraw_interval == AUTO
        self._redraw_interval = (
            auto_redraw_interval() if self._auto_interval else float(redraw_interval)
        )
        self._lock = threading.RLock()
        self._unsubscribe: Callable[[], None] | None = None
        self._replayed: set[int] = set()
        self._overhead = 0.0
        self._redraws = 0
        self._progress_updates = 0
        self._last_draw = -math.inf
        self._last_progress = -math.inf
        self._flush_pending = False
        self._reset_buffers()

        # ---- build children
        self._title = section_title(t("chart.title"))
        self._start_button = widgets.Button(
            description=t("chart.start"), tooltip=t("chart.start.help"), button_style="success"
        )
        self._stop_button = widgets.Button(
            description=t("chart.stop"), tooltip=t("chart.stop.help"), button_style="warning"
        )
        self._status_text = widgets.HTML()
        self._progress = widgets.IntProgress(
            value=0, min=0, max=1, layout=widgets.Layout(width="100%")
        )
        self._progress_text = widgets.HTML()
        self._marks: dict[str, bq.Lines] = {}
        self._loss_figure = self._build_loss_figure()
        self._legend = widgets.HTML(
            _legend_html(
                [
                    ("train_loss", t("chart.line.train_loss"), False),
                    ("eval_loss", t("chart.line.eval_loss"), True),
                ]
            )
        )
        self._perplexity_figure = self._build_small_figure(
            "perplexity", "chart.perplexity.title", "chart.axis.perplexity", ".1f"
        )
        self._learning_rate_figure = self._build_small_figure(
            "learning_rate", "chart.learning_rate.title", "chart.axis.learning_rate", ".2~g"
        )
        self._explanation = help_text(t("chart.explanation") + " " + t("chart.explanation.stages"))

        # ---- wire events
        self._start_button.on_click(self._on_start_button_click)
        self._stop_button.on_click(self._on_stop_button_click)
        self.observe(self._on_status_change, names="status")
        self.observe(self._on_visible_change, names="visible")

        # ---- lay out
        children = [
            self._title,
            widgets.HBox([self._start_button, self._stop_button]),
            self._status_text,
            self._progress,
            self._progress_text,
            self._message,
            self._loss_figure,
            self._legend,
            widgets.HBox([self._perplexity_figure, self._learning_rate_figure]),
            self._explanation,
            DecimalCommas(),
        ]

        # ---- first render
        self._render_status(self.status)
        self.children = children

    # ------------------------------------------------------------------ building
    def _build_line(
        self, name: str, label: str, x_scale, y_scale, marker: str | None = None
    ) -> bq.Lines:
        line = bq.Lines(
            x=np.zeros(0),
            y=np.zeros(0),
            scales={"x": x_scale, "y": y_scale},
            colors=[_COLORS[name]],
            labels=[label],
            # the key is drawn under the figure (_legend_html): inside it, bqplot's box covered
            # the validation line wherever the losses happened to be
            display_legend=False,
            marker=marker,
            stroke_width=2,
        )
        self._marks[name] = line
        return line

    def _build_loss_figure(self) -> bq.Figure:
        x_scale, y_scale = bq.LinearScale(), bq.LinearScale()
        # Where the warm-up ends and fine-tuning begins: a dashed vertical line, drawn only for
        # runs with a warm-up (see _draw_stage_boundary).
        self._boundary = bq.Lines(
            x=np.zeros(0),
            y=np.zeros(0),
            scales={"x": x_scale, "y": y_scale},
            colors=["#777777"],
            line_style="dashed",
            stroke_width=1.5,
            labels=[t("chart.line.stage_boundary")],
            display_legend=False,
        )
        self._boundary_label = bq.Label(
            x=np.zeros(0),
            y=np.zeros(0),
            scales={"x": x_scale, "y": y_scale},
            text=[],
            colors=["#555555"],
            default_size=12,
            x_offset=6,
            y_offset=4,
        )
        marks = [
            self._build_line("train_loss", t("chart.line.train_loss"), x_scale, y_scale),
            # evaluations are few (one per epoch by default): markers make single points visible
            self._build_line(
                "eval_loss", t("chart.line.eval_loss"), x_scale, y_scale, marker="circle"
            ),
            self._boundary,
            self._boundary_label,
        ]
        axes = [
            self._step_axis(x_scale),
            # Few ticks: on a narrow range many would round to the same label ("8.21 8.21 8.20").
            bq.Axis(
                scale=y_scale,
                orientation="vertical",
                side="left",
                label=t("chart.axis.loss"),
                tick_format=".2f",
                label_offset="45px",
                num_ticks=5,
            ),
        ]
        return without_toolbar(
            bq.Figure(
                marks=marks,
                axes=axes,
                title=t("chart.losses.title"),
                animation_duration=0,
                fig_margin={"top": 50, "bottom": 50, "left": 65, "right": 20},
                layout=widgets.Layout(width="100%", height="330px"),
            )
        )

    def _step_axis(self, x_scale) -> bq.Axis:
        """The steps axis; it spans the whole run with whole-number ticks once the run's length is
        known."""
        axis = bq.Axis(scale=x_scale, label=t("chart.axis.step"), tick_format="d")
        self._step_axes = [*getattr(self, "_step_axes", []), axis]
        return axis

    def _fit_step_axes(self, max_steps: int) -> None:
        """From 0 to the run's last step, ticks on whole steps (never "0 0 0 1 1" on a short
        run)."""
        if max_steps <= 0 or max_steps == getattr(self, "_step_domain", None):
            return
        self._step_domain = max_steps
        ticks = step_ticks(max_steps)
        for axis in getattr(self, "_step_axes", []):
            with axis.scale.hold_sync():
                axis.scale.min, axis.scale.max = 0.0, float(max_steps)
            axis.tick_values = np.array(ticks, dtype=float)
            push_state(axis.scale)
            push_state(axis)

    def _build_small_figure(
        self, name: str, title_key: str, axis_key: str, tick_format: str
    ) -> bq.Figure:
        x_scale, y_scale = bq.LinearScale(), bq.LinearScale()
        line = self._build_line(
            name, t(axis_key), x_scale, y_scale, marker="circle" if name == "perplexity" else None
        )
        axes = [
            self._step_axis(x_scale),
            bq.Axis(
                scale=y_scale,
                orientation="vertical",
                side="left",
                label=t(axis_key),
                tick_format=tick_format,
                label_offset="50px",
                num_ticks=5,
            ),
        ]
        return without_toolbar(
            bq.Figure(
                marks=[line],
                axes=axes,
                title=t(title_key),
                animation_duration=0,
                fig_margin={"top": 45, "bottom": 50, "left": 70, "right": 15},
                layout=widgets.Layout(width="50%", height="260px"),
            )
        )

    # ------------------------------------------------------------------ public API
    def on_training_started(self, callback: Callable[[Any], None], remove: bool = False) -> None:
        """Call ``callback(run)`` when a run starts training."""
        self._register("training_started", callback, remove)

    def on_training_finished(self, callback: Callable[[Any], None], remove: bool = False) -> None:
        """Call ``callback(result)`` when a run finished, stopped or failed."""
        self._register("training_finished", callback, remove)

    def attach(self, run) -> None:
        """Watch ``run`` (replacing the run watched before); events it already emitted are drawn."""
        self.detach()
        with self._lock:
            self._reset_buffers()
            self.run = run
            self._unsubscribe = run.subscribe(lambda event, run=run: self._handle(event, run))
            # Events emitted before subscribing are drawn now; any of them that reaches the
            # subscriber too (emitted while subscribing) is recognised and skipped.
            snapshot = list(run.history)
            self._replayed = {id(event) for event in snapshot}
            for event in snapshot:
                self._buffer(event)
            self._draw(figures=True)
        self._message.clear()
        self.status = run.status
        final = snapshot[-1] if snapshot and snapshot[-1].kind in TERMINAL_KINDS else None
        if final is not None:
            self._show_outcome(final, getattr(run, "result", None))

    def _start_over(self) -> None:
        with self._lock:
            self._reset_buffers()
            self._replayed = {id(event) for event in self.run.history}
            self._draw(figures=True)
        self._message.clear()

    def detach(self) -> None:
        """Stop watching the current run (it keeps training)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def start(self) -> None:
        """What the Start button does: create the run with ``make_run`` (or reuse it) and start
        it."""
        self._message.clear()
        if self.run is not None and self.run.status in ("running", "stopping"):
            self._message.show_error(TrainingError("training.already_running"))
            return
        if self._make_run is None and self.run is None:
            self._message.show_error(TrainingError("chart.no_run"))
            return
        previous_status = self.status
        try:
            run = self._make_run() if self._make_run is not None else self.run
            if run is self.run and self._unsubscribe is not None:
                self._start_over()  # the same run trains again: draw only its new events
            else:
                self.attach(run)
            self.status = Status.RUNNING
            run.start()
        except Exception as exc:  # make_run: no data, no model...; start: already running
            self.status = previous_status if previous_status != "running" else Status.READY
            self._show_error(exc)

    def stop(self) -> None:
        """What the Stop button does: ask the run to stop at the end of the current step."""
        if self.run is None or self.status != "running":
            return
        self.status = Status.STOPPING
        self.run.stop()

    def handle_event(self, event) -> None:
        """Take one ``TrainingEvent`` of the watched run (the run's subscriber calls this)."""
        self._handle(event, self.run)

    @property
    def history(self) -> dict[str, dict[str, list[float]]]:
        """The plotted lines: ``{line: {"x": [...], "y": [...]}}``."""
        return {
            name: {"x": [float(v) for v in mark.x], "y": [float(v) for v in mark.y]}
            for name, mark in self._marks.items()
        }

    @property
    def overhead_seconds(self) -> float:
        """Seconds spent handling events (buffering and drawing), all in the training thread."""
        return self._overhead

    @property
    def redraw_count(self) -> int:
        return self._redraws

    @property
    def progress_count(self) -> int:
        return self._progress_updates

    @property
    def redraw_interval(self) -> float:
        """Seconds between two redraws of the figures at most (chosen now, when automatic)."""
        return self._redraw_interval

    @property
    def stage_boundary(self) -> int | None:
        return self._warmup_steps or None

    @property
    def stage(self) -> str | None:
        return getattr(self._latest, "stage", None) if self._latest is not None else None

    @property
    def progress_text(self) -> str:
        """The progress line as plain text."""
        return _plain(self._progress_text.value)

    @property
    def status_text(self) -> str:
        return _plain(self._status_text.value)

    @property
    def message_text(self) -> str:
        return self._message.text

    # ------------------------------------------------------------------ events of the run
    def _handle(self, event, run) -> None:
        """One event, in the training thread: buffer it, and ask the kernel to draw when due."""
        began = time.perf_counter()
        try:
            if run is not self.run:
                return  # a run this chart no longer watches
            with self._lock:
                if self._replayed and id(event) in self._replayed:
                    return
                self._buffer(event)
                if self._auto_interval and _is_number(getattr(event, "eta", None)):
                    self._redraw_interval = auto_redraw_interval(
                        expected_seconds=_expected_seconds(event)
                    )
                landmark = (
                    event.kind in TERMINAL_KINDS
                    or event.kind == "started"
                    # the first moment the training line can be seen (two points): a fast run
                    # would otherwise show nothing between the first event and the last
                    or (event.kind == "log" and len(self._xs["train_loss"]) == 2)
                    or (event.kind == "evaluation" and len(self._xs["eval_loss"]) == 1)
                )
                due = landmark or began - self._last_progress >= min(
                    PROGRESS_INTERVAL, self._redraw_interval
                )
                if not due or (self._flush_pending and not landmark):
                    return
                self._flush_pending = True
            self._in_kernel(self._flush, landmark)
            if event.kind == "started":
                self._in_kernel(self._on_run_started, run)
            elif event.kind in TERMINAL_KINDS:
                self._in_kernel(self._on_run_ended, event, run)
        finally:
            self._overhead += time.perf_counter() - began

    def _flush(self, landmark: bool = False) -> None:
        """On the kernel's thread: the progress line, and the figures when they are due."""
        began = time.perf_counter()
        try:
            with self._lock:
                self._flush_pending = False
                figures = landmark or began - self._last_draw >= self._redraw_interval
                self._draw(figures=figures)
        finally:
            self._overhead += time.perf_counter() - began

    def _on_run_started(self, run) -> None:
        if run is not self.run:
            return
        if self.status != "stopping":
            self.status = Status.RUNNING
        self._emit("training_started", run)

    def _on_run_ended(self, event, run) -> None:
        if run is not self.run:
            return
        result = getattr(run, "result", None)
        self.status = event.kind
        self._show_outcome(event, result)
        self._emit("training_finished", result)

    def _reset_buffers(self) -> None:
        self._xs: dict[str, list[float]] = {name: [] for name in LINES}
        self._ys: dict[str, list[float]] = {name: [] for name in LINES}
        self._dirty: set[str] = set(LINES)
        self._latest = None
        self._replayed = set()
        self._warmup_steps = 0

    def _append(self, name: str, x: float, y: Any) -> None:
        if _is_number(y):  # inf/NaN cannot be drawn; a NaN loss ends the run with a message
            self._xs[name].append(x)
            self._ys[name].append(float(y))
            self._dirty.add(name)

    def _buffer(self, event) -> None:
        """Almost nothing per event: remember where the run is and keep the new values."""
        self._latest = event
        warmup_steps = getattr(event, "warmup_steps", 0) or 0
        if warmup_steps != self._warmup_steps:
            self._warmup_steps = warmup_steps
            self._dirty.add("train_loss")  # the boundary is redrawn with the loss lines
        if event.kind == "log":
            self._append("train_loss", event.step, event.loss)
            self._append("learning_rate", event.step, event.learning_rate)
        elif event.kind == "evaluation":
            self._append("eval_loss", event.step, event.eval_loss)
            self._append("perplexity", event.step, event.perplexity)

    # ------------------------------------------------------------------ drawing
    def _on_visible_change(self, change: dict[str, Any]) -> None:
        if change["new"]:  # shown again: bring the figures up to date at once
            with self._lock:
                self._draw(figures=True)

    def _draw(self, figures: bool = True) -> None:
        """Put the buffered values on the progress line and, when ``figures``, on the lines.

        Called under the lock. The figures are skipped while the chart cannot be seen; what
        they miss stays buffered (``_dirty``) and is drawn when it is shown.
        """
        self._render_progress(self._latest)
        self._progress_updates += 1
        self._last_progress = time.perf_counter()
        if not figures or not self.visible:
            return
        for name in self._dirty:
            mark = self._marks[name]
            xs, ys = downsample(self._xs[name], self._ys[name], self._max_points)
            with mark.hold_sync():
                mark.x, mark.y = xs, ys
            push_state(mark)
            if name in ("perplexity", "learning_rate"):  # each alone on its figure
                _fit_single_value(mark.scales["y"], ys)
        if "train_loss" in self._dirty or "eval_loss" in self._dirty:
            self._draw_stage_boundary()
        self._dirty = set()
        if self._latest is not None:
            self._fit_step_axes(int(getattr(self._latest, "max_steps", 0) or 0))
        self._redraws += 1
        self._last_draw = time.perf_counter()

    def _draw_stage_boundary(self) -> None:
        """The dashed line at the end of the warm-up, as tall as the losses drawn so far."""
        boundary = self._warmup_steps
        losses = self._ys["train_loss"] + self._ys["eval_loss"]
        with self._boundary.hold_sync(), self._boundary_label.hold_sync():
            if boundary and losses:
                low, high = min(losses), max(losses)
                self._boundary.x, self._boundary.y = (
                    np.array([boundary, boundary], dtype=float),
                    np.array([low, high]),
                )
                self._boundary_label.x, self._boundary_label.y = (
                    np.array([float(boundary)]),
                    np.array([high]),
                )
                self._boundary_label.text = [t("chart.stage.finetune_begins")]
            else:
                self._boundary.x, self._boundary.y = np.zeros(0), np.zeros(0)
                self._boundary_label.x, self._boundary_label.y = np.zeros(0), np.zeros(0)
                self._boundary_label.text = []
        push_state(self._boundary)
        push_state(self._boundary_label)

    def _render_progress(self, event) -> None:
        if event is None:
            self._progress.value = 0
            self._progress_text.value = ""
        elif event.max_steps <= 0:
            self._progress_text.value = _paragraph(t("chart.progress.waiting"))
        else:
            with self._progress.hold_sync():
                self._progress.max = event.max_steps
                self._progress.value = min(event.step, event.max_steps)
            speed = (
                t("chart.progress.speed", tokens=_format_count(event.tokens_per_second))
                if _is_number(event.tokens_per_second)
                else t("chart.progress.speed_unknown")
            )
            eta = 0.0 if event.kind in TERMINAL_KINDS else event.eta
            line = t(
                "chart.progress.line",
                step=event.step,
                max_steps=event.max_steps,
                epoch=_format_number(event.epoch, 1),
                elapsed=_format_duration(event.elapsed),
                eta=_format_duration(eta),
                speed=speed,
            )
            if getattr(event, "warmup_steps", 0):  # two stages: say which one, and where in it
                stage = getattr(event, "stage", "finetune")
                line = (
                    t(
                        f"chart.progress.stage.{stage}",
                        step=getattr(event, "stage_step", 0),
                        steps=getattr(event, "stage_max_steps", 0),
                    )
                    + " · "
                    + line
                )
            self._progress_text.value = _paragraph(line)
        push_state(self._progress)
        push_state(self._progress_text)

    def _show_outcome(self, event, result) -> None:
        if event.kind == "failed":
            error = event.error or (result.error if result is not None else None)
            self._show_error(
                error if error is not None else TrainingError("training.failed", detail="?")
            )
        elif result is not None:
            summary = t(
                "chart.result",
                elapsed=_format_duration(result.elapsed),
                steps=result.steps,
                loss=_format_number(result.final_loss),
                eval_loss=_format_number(result.eval_loss),
                perplexity=_format_number(result.perplexity, 1),
            )
            self._message.show(summary, "success" if event.kind == "finished" else "info")
        push_state(self._message)

    # ------------------------------------------------------------------ controls
    def _on_start_button_click(self, _button: widgets.Button) -> None:
        self.start()

    def _on_stop_button_click(self, _button: widgets.Button) -> None:
        self.stop()

    def _on_status_change(self, change: dict[str, Any]) -> None:
        self._render_status(change["new"])

    def _render_status(self, status: str) -> None:
        busy = status in ("running", "stopping")
        self._start_button.disabled = busy
        self._stop_button.disabled = status != "running"
        level = {"failed": "#b3261e", "finished": "#1e6b34"}.get(status, "#333")
        text = html.escape(t(f"chart.status.{status}")) if status in STATUSES else ""
        self._status_text.value = f"<div style='color:{level};font-weight:bold'>{text}</div>"
        push_state(self._status_text)
        push_state(self._start_button)
        push_state(self._stop_button)


def _expected_seconds(event) -> float | None:
    """How long the run should take, from the estimate its first event carries (None: unknown)."""
    eta, elapsed = getattr(event, "eta", None), getattr(event, "elapsed", None) or 0.0
    return eta + elapsed if _is_number(eta) else None


def _paragraph(text: str) -> str:
    return f"<div style='color:#333'>{html.escape(text)}</div>"


def _plain(markup: str) -> str:
    import re

    return html.unescape(re.sub(r"<[^>]+>", " ", markup)).strip()
