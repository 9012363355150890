"""ExperimentBoard: saved runs side by side, whether a difference is real, and settings sweeps.

A thin view over :mod:`widgets_llm.engine.experiments` (the runs of a folder, what changed,
comparable groups, intervals, paired verdicts) and :mod:`widgets_llm.engine.sweeps` (a grid of
runs trained one after another). The engine decides; this only shows and asks.
"""

from __future__ import annotations

import html
import math
import threading
from datetime import datetime
from typing import Any, Callable

import bqplot as bq
import ipywidgets as widgets
import numpy as np
import traitlets

from ..engine import experiments as experiment_engine
from ..engine.config import TrainingConfig
from ..engine.estimate import format_duration
from ..engine.sweeps import MAX_GRID_SETTINGS, Sweep, plan_sweep, sweepable_settings
from ..errors import ExperimentError, WidgetsLLMError
from ..formatting import format_perplexity
from ..messages import get_language, t
from .decimal_commas import DecimalCommas
from ._common import (
    MessageArea,
    Status,
    _Component,
    help_text,
    push_state,
    section_title,
    without_toolbar,
)
from .summary_diff_viewer import example_scores_text, highlighted_html, shortened

#: Columns of the table, in order (``select`` is the tick box).
COLUMNS = ("select", "name", "model", "changed", "rougeL", "perplexity", "seconds", "status")
#: Columns the table can be sorted by (``created``: newest first, the default).
SORT_KEYS = ("created", "name", "model", "changed", "rougeL", "perplexity", "seconds", "status")
EXAMPLE_ORDERS = ("original", "b_better", "a_better")
SWEEP_STATUSES = ("ready", "running", "stopping", "finished", "stopped")
#: One color per selected run (curves, bars and legend agree).
PALETTE = ("#1f77b4", "#e6550d", "#2ca02c", "#6a3d9a", "#d62728", "#8c564b", "#e377c2", "#17becf")
_METRICS = ("rouge1", "rouge2", "rougeL", "rougeLsum")
_CELL = "padding:3px 6px;border-bottom:1px solid #eee"
_COLUMN_WIDTHS = (
    "60px minmax(140px,1.6fr) minmax(100px,1fr) minmax(140px,1.6fr) 150px 95px 80px 90px"
)


class ExperimentBoard(_Component):
    """The runs of a folder in one table; pick some to compare them; sweep settings.

    * A table of runs (``engine.experiments.load_experiments``): name, model, the settings
      that differ across the runs, ROUGE-L with its 95 % interval, perplexity, training time
      and status. The best run of each comparable group is marked, with the reason. Click a
      heading to sort; click it again to reverse.
    * Tick two or more runs: their training and validation loss curves in one chart, their
      test scores as bars with interval error bars, and their settings (differences only).
      With exactly two: the paired verdict, in words first and numbers second
      (``engine.experiments.compare_experiments``), and the same test texts side by side with
      both summaries and their scores.
    * Tick one run to rename or delete it (deleting asks for confirmation).
    * A sweep panel: up to three settings and their values, the number of runs, an estimate
      of the total time, start, stop, resume and live progress; the table fills in as the
      runs finish (``engine.sweeps.Sweep``).

    Parameters
    ----------
    runs_dir:
        The runs folder (the caller chooses it; sweeps are saved inside it).
    data:
        Prepared data (``engine.data.PreparedData``) the sweeps train on.
    config:
        The base configuration of sweeps (default ``TrainingConfig()``).
    model:
        The model sweeps train (``"offline"``, a hub id or a folder) unless ``model`` is one of
        the swept settings.
    synchronous:
        Do background work (sweeps, estimates) in the calling thread (tests, scripts).

    Attributes
    ----------
    runs_dir : str (trait, observable)
        The runs folder; changing it reloads the table.
    experiments : ExperimentSet or None (trait, observable)
        The runs listed.
    selected : list of str (trait, observable)
        Names of the ticked runs; setting it ticks them.
    sort_by : str (trait, observable)
        One of :data:`SORT_KEYS`.
    descending : bool (trait, observable)
        Sort order.
    comparison : RunComparison or None (trait, observable)
        The paired comparison of the two ticked runs (``None`` otherwise, or when they
        cannot be compared; :attr:`comparison_error` then says why).
    comparison_error : WidgetsLLMError or None
        Why the two ticked runs cannot be compared.
    data : PreparedData or None (trait, observable)
    config : TrainingConfig or None (trait, observable)
    model : str (trait, observable)
    grid : dict (trait, observable)
        The sweep's grid as the panel reads it: ``{setting: [values as text]}``.
    status : Status (trait, observable)
        ``idle``, ``estimating``, ``sweeping`` or ``stopping`` (a :class:`Status`; it equals
        its text, ``board.status == "idle"``).
    sweep : Sweep or None
        The last sweep started here.
    rows : list of str
        The run names in the order the table shows them.
    best : dict
        ``{name: reason}`` for the runs marked best.

    Events
    ------
    on_selection_change(callback, remove=False)
        ``callback(names)`` when the ticked runs change.
    on_run_finished(callback, remove=False)
        ``callback(event)`` with the ``SweepEvent`` each time a sweep's run finished or failed.
    on_sweep_finished(callback, remove=False)
        ``callback(sweep)`` when a sweep finished or stopped.
    on_run_renamed(callback, remove=False)
        ``callback(old_name, new_name)``.
    on_run_deleted(callback, remove=False)
        ``callback(name)``.
    """

    runs_dir = traitlets.Unicode("runs").tag(sync=False)
    experiments = traitlets.Any(None, allow_none=True).tag(sync=False)
    selected = traitlets.List(traitlets.Unicode()).tag(sync=False)
    sort_by = traitlets.Enum(SORT_KEYS, default_value="created").tag(sync=False)
    descending = traitlets.Bool(True).tag(sync=False)
    comparison = traitlets.Any(None, allow_none=True).tag(sync=False)
    data = traitlets.Any(None, allow_none=True).tag(sync=False)
    config = traitlets.Instance(TrainingConfig, allow_none=True).tag(sync=False)
    model = traitlets.Unicode("offline").tag(sync=False)
    grid = traitlets.Dict().tag(sync=False)

    EVENTS = ("selection_change", "run_finished", "sweep_finished", "run_renamed", "run_deleted")

    def __init__(
        self,
        runs_dir: str = "runs",
        *,
        data: Any = None,
        config: TrainingConfig | None = None,
        model: str = "offline",
        synchronous: bool = False,
        **kwargs: Any,
    ):
        # 1. Arguments
        if not isinstance(runs_dir, (str, bytes)) and not hasattr(runs_dir, "__fspath__"):
            raise TypeError(f"runs_dir must be a folder path, not {type(runs_dir).__name__}")
        super().__init__(synchronous=synchronous, **kwargs)
        self.sweep: Sweep | None = None
        self.comparison_error: WidgetsLLMError | None = None
        self.best: dict[str, str] = {}
        self.rows: list[str] = []
        self._checkboxes: dict[str, widgets.Checkbox] = {}
        self._syncing_checkboxes = False
        self._example_index = 0
        self._example_order = "original"
        self._sweep_thread: threading.Thread | None = None
        self._watched_sweep: Sweep | None = None
        self._lock = threading.RLock()

        # 2. Children
        self._build_table_children()
        self._build_comparison_children()
        self._build_sweep_children()

        # 3. Events
        self._refresh_button.on_click(self._on_refresh_button_click)
        for key, button in self._header_buttons.items():
            button.on_click(lambda _b, key=key: self._on_header_click(key))
        self._rename_button.on_click(self._on_rename_button_click)
        self._rename_confirm.on_click(self._on_rename_confirm_click)
        self._delete_button.on_click(self._on_delete_button_click)
        self._delete_confirm.on_click(self._on_delete_confirm_click)
        for cancel in (self._rename_cancel, self._delete_cancel):
            cancel.on_click(self._on_cancel_click)
        self._previous_button.on_click(lambda _b: self._show_example(self._example_index - 1))
        self._next_button.on_click(lambda _b: self._show_example(self._example_index + 1))
        self._order_dropdown.observe(self._on_order_dropdown_value, names="value")
        for dropdown, values in self._grid_rows:
            dropdown.observe(self._on_grid_input, names="value")
            values.observe(self._on_grid_input, names="value")
        self._estimate_button.on_click(self._on_estimate_button_click)
        self._start_button.on_click(self._on_start_button_click)
        self._stop_button.on_click(self._on_stop_button_click)
        self._resume_button.on_click(self._on_resume_button_click)
        self.observe(self._on_runs_dir_change, names="runs_dir")
        self.observe(self._on_experiments_change, names="experiments")
        self.observe(self._on_selected_change, names="selected")
        self.observe(self._on_sort_change, names=["sort_by", "descending"])

        # 4. Layout
        children = [
            section_title(t("board.title")),
            help_text(t("board.intro")),
            widgets.HBox(
                [self._folder_label, self._refresh_button],
                layout=widgets.Layout(align_items="center"),
            ),
            self._message,
            self._table_box,
            self._selection_box,
            self._comparison_box,
            self._sweep_box,
            DecimalCommas(),
        ]

        # 5. First render
        self.children = children
        self.data, self.config, self.model = data, config, model
        self._set_sweep_buttons("ready")
        self.runs_dir = str(runs_dir)
        if self.experiments is None:  # the runs_dir default did not change: load it now
            self.refresh()
        self._update_grid()

    # ------------------------------------------------------------------ children

    def _build_table_children(self) -> None:
        self._folder_label = widgets.HTML()
        self._refresh_button = widgets.Button(
            description=t("board.refresh"), layout=widgets.Layout(width="auto")
        )
        self._header_buttons = {
            key: widgets.Button(
                description=t(f"board.column.{key}"),
                tooltip=t("board.sort.help"),
                layout=widgets.Layout(width="auto"),
            )
            for key in COLUMNS
            if key != "select"
        }
        self._table = widgets.GridBox(
            layout=widgets.Layout(grid_template_columns=_COLUMN_WIDTHS, width="100%")
        )
        self._empty = widgets.HTML()
        self._best_line = widgets.HTML()
        self._table_box = widgets.VBox(
            [
                self._empty,
                self._table,
                self._best_line,
                help_text(t("board.interval_note")),
            ]
        )
        self._selection_note = widgets.HTML()
        self._rename_button = widgets.Button(
            description=t("board.rename"), layout=widgets.Layout(width="auto")
        )
        self._delete_button = widgets.Button(
            description=t("board.delete"),
            button_style="danger",
            layout=widgets.Layout(width="auto"),
        )
        self._rename_text = widgets.Text(
            description=t("board.rename.new_name"), style={"description_width": "initial"}
        )
        self._rename_confirm = widgets.Button(
            description=t("board.rename.confirm"),
            button_style="primary",
            layout=widgets.Layout(width="auto"),
        )
        self._rename_cancel = widgets.Button(
            description=t("board.cancel"), layout=widgets.Layout(width="auto")
        )
        self._rename_row = widgets.HBox(
            [self._rename_text, self._rename_confirm, self._rename_cancel]
        )
        self._delete_question = widgets.HTML()
        self._delete_confirm = widgets.Button(
            description=t("board.delete.confirm"),
            button_style="danger",
            layout=widgets.Layout(width="auto"),
        )
        self._delete_cancel = widgets.Button(
            description=t("board.cancel"), layout=widgets.Layout(width="auto")
        )
        self._delete_row = widgets.HBox(
            [self._delete_question, self._delete_confirm, self._delete_cancel]
        )
        self._single_actions = widgets.HBox([self._rename_button, self._delete_button])
        for box in (self._rename_row, self._delete_row):
            box.layout.display = "none"
        self._selection_box = widgets.VBox(
            [self._selection_note, self._single_actions, self._rename_row, self._delete_row]
        )

    def _build_comparison_children(self) -> None:
        self._verdict = widgets.HTML()
        self._loss_scales = {"x": bq.LinearScale(), "y": bq.LinearScale()}
        self._loss_figure = without_toolbar(
            bq.Figure(
                marks=[],
                axes=[
                    bq.Axis(
                        scale=self._loss_scales["x"], label=t("board.axis.step"), tick_format="d"
                    ),
                    bq.Axis(
                        scale=self._loss_scales["y"],
                        orientation="vertical",
                        side="left",
                        label=t("board.axis.loss"),
                        tick_format=".2f",
                        label_offset="45px",
                    ),
                ],
                title=t("board.curves.title"),
                legend_location="top-right",
                animation_duration=0,
                fig_margin={"top": 50, "bottom": 50, "left": 65, "right": 20},
                layout=widgets.Layout(width="100%", height="320px"),
            )
        )
        self._curves_note = widgets.HTML()
        self._bar_scales = {"x": bq.LinearScale(), "y": bq.LinearScale(min=0.0)}
        self._bar_x_axis = bq.Axis(
            scale=self._bar_scales["x"], tick_values=np.zeros(0), tick_format=""
        )
        self._bar_figure = without_toolbar(
            bq.Figure(
                marks=[],
                axes=[
                    self._bar_x_axis,
                    bq.Axis(
                        scale=self._bar_scales["y"],
                        orientation="vertical",
                        side="left",
                        label=t("board.axis.score"),
                        tick_format=".0f",
                        label_offset="40px",
                    ),
                ],
                title=t("board.bars.title"),
                legend_location="top-right",
                animation_duration=0,
                fig_margin={"top": 50, "bottom": 40, "left": 60, "right": 20},
                layout=widgets.Layout(width="100%", height="300px"),
            )
        )
        self._settings_diff = widgets.HTML()
        self._order_dropdown = widgets.Dropdown(
            options=[(t(f"board.examples.order.{order}"), order) for order in EXAMPLE_ORDERS],
            value="original",
            description=t("board.examples.order"),
            style={"description_width": "initial"},
            layout=widgets.Layout(width="auto"),
        )
        self._previous_button = widgets.Button(
            description=t("board.examples.previous"), layout=widgets.Layout(width="auto")
        )
        self._next_button = widgets.Button(
            description=t("board.examples.next"), layout=widgets.Layout(width="auto")
        )
        self._example_label = widgets.Label()
        self._example_html = widgets.HTML()
        self._examples_box = widgets.VBox(
            [
                section_title(t("board.examples.title")),
                widgets.HBox(
                    [
                        self._previous_button,
                        self._example_label,
                        self._next_button,
                        self._order_dropdown,
                    ],
                    layout=widgets.Layout(align_items="center", flex_flow="row wrap"),
                ),
                self._example_html,
            ]
        )
        self._comparison_box = widgets.VBox(
            [
                section_title(t("board.compare.title")),
                self._verdict,
                self._loss_figure,
                self._curves_note,
                self._bar_figure,
                section_title(t("board.diff.title")),
                self._settings_diff,
                self._examples_box,
            ]
        )

    def _build_sweep_children(self) -> None:
        options = [(t("board.sweep.no_setting"), "")] + [
            (name, name) for name in sweepable_settings()
        ]
        self._grid_rows: list[tuple[widgets.Dropdown, widgets.Text]] = []
        rows = []
        for n in range(MAX_GRID_SETTINGS):
            dropdown = widgets.Dropdown(
                options=options,
                value="",
                description=t("board.sweep.setting", n=n + 1),
                style={"description_width": "initial"},
                layout=widgets.Layout(width="300px"),
            )
            values = widgets.Text(
                placeholder=t("board.sweep.values.placeholder"),
                description=t("board.sweep.values"),
                style={"description_width": "initial"},
                layout=widgets.Layout(width="340px"),
            )
            self._grid_rows.append((dropdown, values))
            rows.append(widgets.HBox([dropdown, values]))
        self._sweep_folder = widgets.Text(
            value=default_sweep_name(),
            description=t("board.sweep.folder"),
            style={"description_width": "initial"},
            layout=widgets.Layout(width="400px"),
        )
        self._sweep_count = widgets.HTML()
        self._estimate_button = widgets.Button(
            description=t("board.sweep.estimate"), layout=widgets.Layout(width="auto")
        )
        self._start_button = widgets.Button(
            description=t("board.sweep.start"),
            button_style="success",
            layout=widgets.Layout(width="auto"),
        )
        self._stop_button = widgets.Button(
            description=t("board.sweep.stop"),
            button_style="warning",
            layout=widgets.Layout(width="auto"),
        )
        self._resume_button = widgets.Button(
            description=t("board.sweep.resume"), layout=widgets.Layout(width="auto")
        )
        self._sweep_progress = widgets.FloatProgress(
            value=0.0, min=0.0, max=1.0, layout=widgets.Layout(width="100%")
        )
        self._sweep_line = self._status_line  # what the sweep is doing: the board's status line
        self._sweep_message = MessageArea()
        self._sweep_box = widgets.VBox(
            [
                section_title(t("board.sweep.title")),
                help_text(t("board.sweep.intro")),
                *rows,
                help_text(t("board.sweep.values.help")),
                self._sweep_folder,
                self._sweep_count,
                widgets.HBox(
                    [
                        self._estimate_button,
                        self._start_button,
                        self._stop_button,
                        self._resume_button,
                    ]
                ),
                self._sweep_progress,
                self._sweep_line,
                self._sweep_message,
            ]
        )

    # ------------------------------------------------------------------ public API

    def on_selection_change(
        self, callback: Callable[[list[str]], Any], remove: bool = False
    ) -> None:
        """Register ``callback(names)``, called when the ticked runs change."""
        self._register("selection_change", callback, remove)

    def on_run_finished(self, callback: Callable[[Any], Any], remove: bool = False) -> None:
        """Register ``callback(event)``, called when a sweep's run finished or failed."""
        self._register("run_finished", callback, remove)

    def on_sweep_finished(self, callback: Callable[[Sweep], Any], remove: bool = False) -> None:
        """Register ``callback(sweep)``, called when a sweep finished or stopped."""
        self._register("sweep_finished", callback, remove)

    def on_run_renamed(self, callback: Callable[[str, str], Any], remove: bool = False) -> None:
        """Register ``callback(old_name, new_name)``."""
        self._register("run_renamed", callback, remove)

    def on_run_deleted(self, callback: Callable[[str], Any], remove: bool = False) -> None:
        """Register ``callback(name)``."""
        self._register("run_deleted", callback, remove)

    def refresh(self) -> None:
        """Read the runs folder again (a missing folder is simply an empty table)."""
        from pathlib import Path

        folder = Path(self.runs_dir)
        try:
            loaded = (
                experiment_engine.load_experiments(folder)
                if folder.is_dir()
                else experiment_engine.ExperimentSet(folder, [])
            )
        except WidgetsLLMError as error:
            self._message.show_error(error)
            push_state(self._message)
            return
        with self._lock:
            self.experiments = loaded

    def select(self, names: list[str]) -> None:
        """Tick exactly ``names`` (as clicking their boxes does)."""
        self.selected = list(names)

    def sort(self, key: str, descending: bool | None = None) -> None:
        """Sort the table by ``key`` (one of :data:`SORT_KEYS`)."""
        if key not in SORT_KEYS:
            raise ValueError(f"key must be one of {SORT_KEYS}, not {key!r}")
        with self.hold_trait_notifications():
            self.sort_by = key
            if descending is not None:
                self.descending = descending

    def set_grid(self, grid: dict[str, list[Any]]) -> None:
        """Fill the sweep panel: ``{setting: [values]}`` (up to three settings)."""
        items = list(grid.items())
        if len(items) > MAX_GRID_SETTINGS:
            raise ValueError(f"at most {MAX_GRID_SETTINGS} settings")
        for n, (dropdown, values) in enumerate(self._grid_rows):
            if n < len(items):
                name, vals = items[n]
                dropdown.value = name
                values.value = "; ".join(_value_text(v) for v in vals)
            else:
                dropdown.value = ""
                values.value = ""
        self._update_grid()

    def start_sweep(self, resume: bool = False) -> None:
        """Start the sweep the panel describes (as «Empezar barrido» does)."""
        if resume:
            self._on_resume_button_click(None)
        else:
            self._on_start_button_click(None)

    def stop_sweep(self, now: bool = True) -> None:
        """Stop the sweep: within the current run (``now``) or after it."""
        sweep = self.sweep
        if sweep is None or sweep.status not in ("running", "stopping"):
            return
        sweep.stop(now=now)
        # Set here, not through _show_status: called from an on_run_finished listener (itself
        # delivered on the kernel's thread) it must not run the sweep's later updates first.
        self.status = Status.STOPPING
        self._sweep_line.value = html.escape(t("board.sweep.stopping"))
        push_state(self._sweep_line)

    def join(self, timeout: float | None = None) -> None:
        """Wait for background work (a sweep, an estimate) to end, then show what it left to
        show."""
        if self._sweep_thread is not None:
            self._sweep_thread.join(timeout)
        super().join(timeout)  # the estimate, then the updates waiting for the kernel's thread

    # ------------------------------------------------------------------ the table

    def _on_refresh_button_click(self, _button: Any) -> None:
        self._message.clear()
        self.refresh()

    def _on_runs_dir_change(self, change: dict) -> None:
        self._folder_label.value = html.escape(t("board.folder", folder=change["new"]))
        self.selected = []
        self.refresh()

    def _on_experiments_change(self, change: dict) -> None:
        experiments = change["new"]
        names = set(experiments.names()) if experiments is not None else set()
        kept = [name for name in self.selected if name in names]
        try:
            self.best = experiments.best() if experiments is not None else {}
        except Exception:  # a damaged run must never hide the table
            self.best = {}
        if kept != list(self.selected):
            self.selected = kept  # re-renders the comparison too
        else:
            self._render_comparison()
        self._render_table()

    def _on_header_click(self, key: str) -> None:
        if self.sort_by == key:
            self.descending = not self.descending
        else:
            self.sort(key, descending=key in ("created", "rougeL"))

    def _on_sort_change(self, change: dict) -> None:
        self._render_table()

    def _sorted_experiments(self) -> list[experiment_engine.Experiment]:
        experiments = list(self.experiments or [])
        if self.sort_by == "created":
            # The engine lists newest first (runs still to come last).
            return experiments if self.descending else experiments[::-1]
        changed = self.experiments.changed() if self.experiments is not None else {}

        def value(experiment: experiment_engine.Experiment):
            if self.sort_by == "name":
                return experiment.name.lower()
            if self.sort_by == "model":
                return experiment.model.lower()
            if self.sort_by == "status":
                return t(f"experiments.status.{experiment.status}")
            if self.sort_by == "changed":
                return _settings_text(changed.get(experiment.name, {}))
            number = (
                experiment.metrics.get(self.sort_by)
                if self.sort_by != "seconds"
                else experiment.seconds
            )
            return number if isinstance(number, (int, float)) and math.isfinite(number) else None

        present = [e for e in experiments if value(e) is not None]
        missing = [e for e in experiments if value(e) is None]
        return (
            sorted(present, key=value, reverse=self.descending) + missing
        )  # unknown values always last

    def _render_table(self) -> None:
        experiments = self.experiments
        self._folder_label.value = html.escape(t("board.folder", folder=self.runs_dir))
        if experiments is None or not len(experiments):
            self.rows = []
            self._empty.value = _note(t("board.empty"))
            self._table.children = ()
            self._best_line.value = ""
            for child in (self._empty, self._table, self._best_line, self._folder_label):
                push_state(child)
            return
        self._empty.value = ""
        ordered = self._sorted_experiments()
        self.rows = [e.name for e in ordered]
        changed = experiments.changed()
        for key, button in self._header_buttons.items():
            arrow = (" ↓" if self.descending else " ↑") if key == self.sort_by else ""
            button.description = t(f"board.column.{key}") + arrow
        cells: list[widgets.Widget] = [
            widgets.HTML(f"<b>{html.escape(t('board.column.select'))}</b>")
        ]
        cells += [self._header_buttons[key] for key in COLUMNS[1:]]
        old_boxes, self._checkboxes = self._checkboxes, {}
        for box in old_boxes.values():
            box.unobserve_all()
        for experiment in ordered:
            box = widgets.Checkbox(
                value=experiment.name in self.selected,
                indent=False,
                layout=widgets.Layout(width="40px"),
            )
            box.observe(
                lambda change, name=experiment.name: self._on_checkbox_value(name, change),
                names="value",
            )
            self._checkboxes[experiment.name] = box
            cells.append(box)
            cells += [
                widgets.HTML(_cell_html(text))
                for text in self._row_cells(experiment, changed.get(experiment.name, {}))
            ]
        self._table.children = tuple(cells)
        self._best_line.value = "".join(
            "<div class='wllm-best' style='color:#1e6b34;margin:4px 0'>"
            f"{html.escape(t('board.best', name=name, reason=reason))}</div>"
            for name, reason in self.best.items()
        )
        for child in (self._empty, self._table, self._best_line, self._folder_label):
            push_state(child)

    def _row_cells(
        self, experiment: experiment_engine.Experiment, changed: dict[str, Any]
    ) -> list[str]:
        name = html.escape(experiment.name)
        if experiment.name in self.best:
            name += (
                f" <span class='wllm-best-badge' title='{html.escape(self.best[experiment.name])}' "
                "style='background:#e6f4ea;color:#1e6b34;border-radius:3px;padding:0 4px;"
                "font-size:0.85em'>"
                f"{html.escape(t('board.best_badge'))}</span>"
            )
        status = html.escape(t(f"experiments.status.{experiment.status}"))
        if experiment.error:
            status = (
                f"<span title='{html.escape(experiment.error_text())}' style='color:#b3261e'>"
                f"{status}</span>"
            )
        return [
            name,
            html.escape(experiment.model),
            html.escape(_settings_text(changed) or t("board.same_settings")),
            html.escape(rouge_with_interval(experiment)),
            html.escape(format_perplexity(experiment.metrics.get("perplexity"))),
            html.escape(
                format_duration(experiment.seconds)
                if isinstance(experiment.seconds, (int, float))
                else "—"
            ),
            status,
        ]

    def _on_checkbox_value(self, name: str, change: dict) -> None:
        if self._syncing_checkboxes:
            return
        chosen = [n for n in self.selected if n != name]
        if change["new"]:
            chosen.append(name)
        self.selected = chosen

    # ------------------------------------------------------------------ selection and comparison

    def _on_selected_change(self, change: dict) -> None:
        self._syncing_checkboxes = True
        try:
            for name, box in self._checkboxes.items():
                box.value = name in change["new"]
        finally:
            self._syncing_checkboxes = False
        self._hide_confirmations()
        self._render_comparison()
        self._emit("selection_change", list(change["new"]))

    def _chosen(self) -> list[experiment_engine.Experiment]:
        if self.experiments is None:
            return []
        names = set(self.experiments.names())
        return [self.experiments.get(name) for name in self.selected if name in names]

    def _render_comparison(self) -> None:
        chosen = self._chosen()
        count = len(chosen)
        key = (
            "board.selection.none"
            if count == 0
            else "board.selection.one"
            if count == 1
            else "board.selection.many"
        )
        self._selection_note.value = _note(t(key, count=count))
        self._single_actions.layout.display = None if count == 1 else "none"
        self._comparison_box.layout.display = None if count >= 2 else "none"
        self.comparison_error = None
        comparison = None
        if count == 2:
            try:
                comparison = experiment_engine.compare_experiments(chosen[0], chosen[1])
            except WidgetsLLMError as error:
                self.comparison_error = error
        self._example_index = 0
        self.comparison = comparison
        if count >= 2:
            self._render_verdict(chosen)
            self._render_curves(chosen)
            self._render_bars(chosen)
            self._render_settings_diff(chosen)
            self._render_example()
        for child in (self._selection_note, self._single_actions, self._comparison_box):
            push_state(child)

    def _render_verdict(self, chosen: list[experiment_engine.Experiment]) -> None:
        if len(chosen) != 2:
            self._verdict.value = _note(t("board.selection.many", count=len(chosen)))
        elif self.comparison is not None:
            verdict = self.comparison.verdict()
            colors = ("#e6f4ea", "#1e6b34") if verdict.kind == "better" else ("#fff4e5", "#8a5300")
            self._verdict.value = (
                f"<div class='wllm-verdict' data-verdict='{verdict.kind}' role='status' "
                f"style='background:{colors[0]};"
                f"color:{colors[1]};padding:6px 10px;border-radius:4px;margin:6px 0'>"
                f"<div style='font-weight:bold'>{html.escape(verdict.words)}</div>"
                "<div class='wllm-verdict-numbers' style='font-size:0.9em;margin-top:3px'>"
                f"{html.escape(verdict.numbers)}</div></div>"
            )
        else:
            error = self.comparison_error
            text = error.message() if error else ""
            suggestion = error.suggestion() if error else ""
            self._verdict.value = (
                "<div class='wllm-verdict' data-verdict='refused' role='status' "
                "style='background:#fff4e5;color:#8a5300;"
                f"padding:6px 10px;border-radius:4px;margin:6px 0'>{html.escape(text)}"
                + (f"<br>{html.escape(suggestion)}" if suggestion else "")
                + "</div>"
            )
        push_state(self._verdict)

    def _render_curves(self, chosen: list[experiment_engine.Experiment]) -> None:
        marks = []
        for position, experiment in enumerate(chosen):
            color = PALETTE[position % len(PALETTE)]
            curves = experiment.loss_curves()
            for curve, style, marker, label_key in (
                ("train", "solid", None, "board.curves.train"),
                ("validation", "dashed", "circle", "board.curves.validation"),
            ):
                steps, losses = curves[curve]
                if not steps:
                    continue
                marks.append(
                    bq.Lines(
                        x=np.asarray(steps, dtype=float),
                        y=np.asarray(losses, dtype=float),
                        scales=self._loss_scales,
                        colors=[color],
                        labels=[t(label_key, name=experiment.name)],
                        display_legend=True,
                        line_style=style,
                        marker=marker,
                        stroke_width=2,
                    )
                )
        self._loss_figure.marks = marks
        self._curves_note.value = "" if marks else _note(t("board.curves.none"))
        for child in (self._loss_figure, self._curves_note):
            push_state(child)

    def _render_bars(self, chosen: list[experiment_engine.Experiment]) -> None:
        """Grouped bars (one group per ROUGE score, one bar per run) drawn as filled outlines,
        with the 95 % interval as an error bar on each: positions are computed here, so bars
        and error bars always line up (in bqplot 0.12 and 0.13 alike)."""
        runs = len(chosen)
        gap = 1
        width = 0.8
        marks = []
        for position, experiment in enumerate(chosen):
            color = PALETTE[position % len(PALETTE)]
            outline_x, outline_y, error_x, error_y = [], [], [], []
            for group, key in enumerate(_METRICS):
                value = experiment.metrics.get(key)
                center = group * (runs + gap) + position
                height = (
                    100 * float(value)
                    if isinstance(value, (int, float)) and math.isfinite(value)
                    else 0.0
                )
                left, right = center - width / 2, center + width / 2
                outline_x += [left, left, right, right]
                outline_y += [0.0, height, height, 0.0]
                interval = experiment.interval(key)
                if interval is not None:
                    error_x.append([center, center])
                    error_y.append([100 * interval.low, 100 * interval.high])
            outline_x.append(outline_x[0])
            outline_y.append(0.0)
            marks.append(
                bq.Lines(
                    x=np.asarray(outline_x),
                    y=np.asarray(outline_y),
                    scales=self._bar_scales,
                    colors=[color],
                    fill="inside",
                    fill_colors=[color],
                    fill_opacities=[0.75],
                    labels=[experiment.name],
                    display_legend=True,
                )
            )
            if error_x:
                marks.append(
                    bq.Lines(
                        x=np.asarray(error_x),
                        y=np.asarray(error_y),
                        scales=self._bar_scales,
                        colors=["#222222"],
                        stroke_width=2,
                        display_legend=False,
                    )
                )
        tops = [y for mark in marks for y in np.asarray(mark.y, dtype=float).ravel()]
        # A fixed floor of 0 and some room above: bars of 0 (untrained runs) still show an axis.
        self._bar_scales["y"].max = max(10.0, 1.15 * max(tops, default=0.0))
        centers = [group * (runs + gap) + (runs - 1) / 2 for group in range(len(_METRICS))]
        self._bar_scales["x"].min = -1.0
        self._bar_scales["x"].max = (len(_METRICS) - 1) * (runs + gap) + runs
        self._bar_x_axis.tick_values = np.asarray(centers, dtype=float)
        self._bar_x_axis.tick_labels = {
            _tick_key(c): experiment_engine.METRIC_LABELS[key] for c, key in zip(centers, _METRICS)
        }
        self._bar_figure.marks = marks
        push_state(self._bar_figure)

    def _render_settings_diff(self, chosen: list[experiment_engine.Experiment]) -> None:
        differing = experiment_engine.changed_settings(chosen)
        if not differing:
            self._settings_diff.value = _note(t("board.diff.none"))
        else:
            head = "".join(
                f"<th style='{_CELL};text-align:left'>{html.escape(h)}</th>"
                for h in [t("board.diff.setting")] + [e.name for e in chosen]
            )
            body = "".join(
                f"<tr data-setting='{html.escape(name)}'>"
                f"<th style='{_CELL};text-align:left'>{html.escape(name)}</th>"
                + "".join(f"<td style='{_CELL}'>{html.escape(_value_text(v))}</td>" for v in values)
                + "</tr>"
                for name, values in differing.items()
            )
            self._settings_diff.value = (
                "<div style='overflow-x:auto'>"
                "<table class='wllm-settings-diff' style='border-collapse:collapse'>"
                f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
            )
        push_state(self._settings_diff)

    # ------------------------------------------------------------------ the examples of two runs

    @property
    def paired_examples(self) -> list[experiment_engine.PairedExample]:
        """The two ticked runs' test examples, in the «Ordenar» order (``[]`` without a
        comparison)."""
        if self.comparison is None:
            return []
        examples = list(self.comparison.examples)
        if self._example_order == "b_better":
            return sorted(examples, key=lambda e: -e.difference())
        if self._example_order == "a_better":
            return sorted(examples, key=lambda e: e.difference())
        return examples

    def _on_order_dropdown_value(self, change: dict) -> None:
        self._example_order = change["new"]
        self._show_example(0)

    def _show_example(self, index: int) -> None:
        examples = self.paired_examples
        self._example_index = max(0, min(index, len(examples) - 1)) if examples else 0
        self._render_example()

    def _render_example(self) -> None:
        examples = self.paired_examples
        self._examples_box.layout.display = None if self.comparison is not None else "none"
        if not examples:
            self._example_label.value = ""
            self._example_html.value = (
                _note(t("board.examples.none")) if self.comparison is not None else ""
            )
        else:
            example = examples[self._example_index]
            comparison = self.comparison
            self._example_label.value = t(
                "board.examples.position", n=self._example_index + 1, total=len(examples)
            )
            text, _cut = shortened(example.text, 500)
            difference = experiment_engine.points(example.difference())
            blocks = [
                _block(t("board.examples.text"), html.escape(text), "wllm-text"),
                _block(
                    t("board.examples.reference"), html.escape(example.reference), "wllm-reference"
                ),
            ]
            sides = []
            for name, summary, scores, css in (
                (comparison.name_a, example.summary_a, example.rouge_a, "wllm-a"),
                (comparison.name_b, example.summary_b, example.rouge_b, "wllm-b"),
            ):
                scores_html = (
                    "<div class='wllm-scores' style='color:#555;font-size:0.9em'>"
                    f"{html.escape(example_scores_text(scores))}</div>"
                )
                highlighted = highlighted_html(summary, example.reference)
                sides.append(
                    "<div style='flex:1;min-width:240px'>"
                    f"{_block(name, highlighted, css, scores_html)}</div>"
                )
            blocks.append(
                "<div class='wllm-side-by-side' style='display:flex;gap:10px;flex-wrap:wrap'>"
                f"{''.join(sides)}</div>"
            )
            blocks.append(
                _note(
                    t(
                        "board.examples.difference",
                        difference=difference,
                        a=comparison.name_a,
                        b=comparison.name_b,
                    )
                )
            )
            self._example_html.value = "".join(blocks)
        self._previous_button.disabled = self._example_index <= 0
        self._next_button.disabled = self._example_index >= len(examples) - 1
        for child in (
            self._examples_box,
            self._example_label,
            self._example_html,
            self._previous_button,
            self._next_button,
        ):
            push_state(child)

    # ------------------------------------------------------------------ rename and delete

    def _single(self) -> experiment_engine.Experiment | None:
        chosen = self._chosen()
        if len(chosen) != 1:
            self._message.show_error(ExperimentError("board.one_needed"))
            push_state(self._message)
            return None
        return chosen[0]

    def _on_rename_button_click(self, _button: Any) -> None:
        experiment = self._single()
        if experiment is None:
            return
        self._delete_row.layout.display = "none"
        self._rename_text.value = experiment.path.name
        self._rename_row.layout.display = None
        for child in (self._delete_row, self._rename_row):
            push_state(child)

    def _on_rename_confirm_click(self, _button: Any) -> None:
        experiment = self._single()
        if experiment is None:
            return
        try:
            new_path = experiment_engine.rename_experiment(
                self.experiments, experiment.name, self._rename_text.value
            )
        except WidgetsLLMError as error:
            self._message.show_error(error)
            push_state(self._message)
            return
        old = experiment.name
        new = old[: len(old) - len(experiment.path.name)] + new_path.name
        self._hide_confirmations()
        self.selected = []
        self.refresh()
        self.selected = (
            [new] if new in (self.experiments.names() if self.experiments else []) else []
        )
        self._message.show(t("board.renamed", old=old, new=new), "success")
        push_state(self._message)
        self._emit("run_renamed", old, new)

    def _on_delete_button_click(self, _button: Any) -> None:
        experiment = self._single()
        if experiment is None:
            return
        self._rename_row.layout.display = "none"
        self._delete_question.value = (
            f"<b>{html.escape(t('board.delete.question', name=experiment.name))}</b>"
        )
        self._delete_row.layout.display = None
        for child in (self._rename_row, self._delete_question, self._delete_row):
            push_state(child)

    def _on_delete_confirm_click(self, _button: Any) -> None:
        experiment = self._single()
        if experiment is None:
            return
        try:
            experiment_engine.delete_experiment(self.experiments, experiment.name)
        except WidgetsLLMError as error:
            self._message.show_error(error)
            push_state(self._message)
            return
        self._hide_confirmations()
        self.selected = []
        self.refresh()
        self._message.show(t("board.deleted", name=experiment.name), "success")
        push_state(self._message)
        self._emit("run_deleted", experiment.name)

    def _on_cancel_click(self, _button: Any) -> None:
        self._hide_confirmations()

    def _hide_confirmations(self) -> None:
        for box in (self._rename_row, self._delete_row):
            box.layout.display = "none"
            push_state(box)

    # ------------------------------------------------------------------ sweeps

    def _grid_from_panel(self) -> dict[str, list[str]]:
        grid: dict[str, list[str]] = {}
        for dropdown, values in self._grid_rows:
            if dropdown.value:
                parts = [part.strip() for part in values.value.split(";")]
                grid.setdefault(dropdown.value, [])
                grid[dropdown.value] += [part for part in parts if part]
        return grid

    def _on_grid_input(self, change: dict) -> None:
        self._update_grid()

    def _update_grid(self) -> None:
        self.grid = self._grid_from_panel()
        self._sweep_message.clear()
        try:
            plan = self._plan() if self.grid else None
        except WidgetsLLMError as error:
            plan = None
            self._sweep_message.show_error(error)
        if plan is None:
            self._sweep_count.value = _note(t("board.sweep.count_none")) if not self.grid else ""
        else:
            self._sweep_count.value = _note(t("board.sweep.count", runs=len(plan)))
        for child in (self._sweep_count, self._sweep_message):
            push_state(child)

    def _plan(self):
        grid = {name: values for name, values in self.grid.items()}
        return plan_sweep(self.config or TrainingConfig(), grid, model=self.model or "offline")

    def _new_sweep(self) -> Sweep:
        from pathlib import Path

        if self.data is None:
            raise ExperimentError("board.sweep.no_data")
        plan = self._plan()
        name = (self._sweep_folder.value or "").strip() or default_sweep_name()
        if not experiment_engine.RUN_NAME_PATTERN.fullmatch(name):
            raise ExperimentError("experiments.bad_name", name=name)
        return Sweep(self.data, plan, Path(self.runs_dir) / name)

    def _on_estimate_button_click(self, _button: Any) -> None:
        self._sweep_message.clear()
        try:
            sweep = self._new_sweep()
        except WidgetsLLMError as error:
            self._sweep_message.show_error(error)
            push_state(self._sweep_message)
            return
        self._sweep_count.value = _note(t("board.sweep.estimating"))
        push_state(self._sweep_count)

        def estimated() -> None:
            if self.status is Status.ESTIMATING:  # not a sweep started meanwhile
                self.status = Status.IDLE

        def done(estimate) -> None:
            estimated()
            self._sweep_count.value = _note(estimate.describe())
            if estimate.problems:
                self._sweep_message.show_warnings(estimate.problems)
            for child in (self._sweep_count, self._sweep_message):
                push_state(child)

        def failed(error: BaseException) -> None:
            estimated()
            self._update_grid()  # the count of runs again (it clears the message area: first)
            self._sweep_message.show_error(error)
            push_state(self._sweep_message)

        self.sweep = sweep  # its loaded models are reused when it starts
        self.run_in_background(
            lambda _stop: sweep.estimate(), done, status=Status.ESTIMATING, on_error=failed
        )

    def _on_start_button_click(self, _button: Any) -> None:
        if self.status in (Status.SWEEPING, Status.STOPPING):
            return
        self._sweep_message.clear()
        try:
            sweep = self.sweep
            fresh = self._new_sweep()
            if (
                sweep is None
                or sweep.output_dir != fresh.output_dir
                or sweep.plan.to_dict() != fresh.plan.to_dict()
                or sweep.status != "ready"
            ):
                sweep = fresh
            sweep.check_can_start(resume=False)
        except WidgetsLLMError as error:
            self._sweep_message.show_error(error)
            push_state(self._sweep_message)
            return
        self._run_sweep(sweep, resume=False)

    def _on_resume_button_click(self, _button: Any) -> None:
        sweep = self.sweep
        if sweep is None or self.status in (Status.SWEEPING, Status.STOPPING):
            return
        self._sweep_message.clear()
        try:
            sweep.check_can_start(resume=True)
        except WidgetsLLMError as error:
            self._sweep_message.show_error(error)
            push_state(self._sweep_message)
            return
        self._run_sweep(sweep, resume=True)

    def _on_stop_button_click(self, _button: Any) -> None:
        self.stop_sweep(now=True)

    def _run_sweep(self, sweep: Sweep, resume: bool) -> None:
        self.sweep = sweep
        self.status = Status.SWEEPING
        self._set_sweep_buttons("running")
        if sweep is not self._watched_sweep:  # once per sweep: resuming must not double every event
            # Events come from the sweep's (and its trainings') threads: shown on the kernel's.
            sweep.subscribe(lambda event: self._in_kernel(self._on_sweep_event, event))
            self._watched_sweep = sweep

        def work() -> None:
            try:
                sweep.run(resume=resume)
            except Exception as error:  # shown inside; the board never stays busy
                self._in_kernel(self._show_sweep_error, error)
            finally:
                self._in_kernel(self._sweep_ended, sweep)

        if self.synchronous:
            work()
        else:

            def in_thread() -> None:
                import os

                import torch

                torch.set_num_threads(max(1, os.cpu_count() or 1))  # per thread
                work()

            self._sweep_thread = threading.Thread(
                target=in_thread, name="widgets-llm-board-sweep", daemon=True
            )
            self._sweep_thread.start()

    def _show_sweep_error(self, error: BaseException) -> None:
        self._sweep_message.show_error(error)
        push_state(self._sweep_message)

    def _on_sweep_event(self, event: Any) -> None:
        """Show one event of the sweep (on the kernel's thread)."""
        if event.kind in ("run_started", "run_progress", "run_evaluating"):
            line = t(
                "board.sweep.running", n=(event.index or 0) + 1, total=event.total, name=event.name
            )
            training = event.training
            if event.kind == "run_progress" and training is not None and training.max_steps:
                line += t("board.sweep.step", step=training.step, max_steps=training.max_steps)
            elif event.kind == "run_evaluating":
                line += t("board.sweep.evaluating")
            if self.status is not Status.STOPPING:
                self._sweep_line.value = html.escape(line)
            self._sweep_progress.value = float(event.progress)
            for child in (self._sweep_line, self._sweep_progress):
                push_state(child)
        elif event.kind in ("run_finished", "run_failed", "run_skipped"):
            self._sweep_progress.value = float(event.progress)
            push_state(self._sweep_progress)
            if event.kind == "run_failed" and event.error is not None:
                self._sweep_message.show(
                    t("board.sweep.run_failed", name=event.name, error=event.error.one_line()),
                    "warning",
                )
                push_state(self._sweep_message)
            self.refresh()  # the table fills in as runs finish
            if event.kind != "run_skipped":
                self._emit("run_finished", event)

    def _sweep_ended(self, sweep: Sweep) -> None:
        results = sweep.results
        finished = sum(1 for r in results if r.status in ("finished", "skipped"))
        failed = sum(1 for r in results if r.status == "failed")
        if sweep.status == "stopped":
            self._sweep_line.value = html.escape(t("board.sweep.stopped"))
        else:
            self._sweep_line.value = html.escape(
                t("board.sweep.finished", finished=finished, failed=failed)
            )
            self._sweep_progress.value = 1.0
            self._sweep_folder.value = (
                default_sweep_name()
            )  # the next sweep gets a folder of its own
        self.status = Status.IDLE
        self._set_sweep_buttons(sweep.status)
        self.refresh()
        for child in (self._sweep_line, self._sweep_progress, self._sweep_folder):
            push_state(child)
        self._emit("sweep_finished", sweep)

    def _set_sweep_buttons(self, sweep_status: str) -> None:
        running = sweep_status in ("running", "stopping")
        self._start_button.disabled = running
        self._estimate_button.disabled = running or self.busy
        self._stop_button.disabled = not running
        self._resume_button.layout.display = None if sweep_status == "stopped" else "none"
        for child in (
            self._start_button,
            self._estimate_button,
            self._stop_button,
            self._resume_button,
        ):
            push_state(child)

    def _render_busy(self, busy: bool) -> None:
        """While an estimate runs its button waits (so does it while a sweep runs)."""
        self._estimate_button.disabled = busy or self.status in (Status.SWEEPING, Status.STOPPING)
        push_state(self._estimate_button)


# ---------------------------------------------------------------------- pure rendering helpers


def default_sweep_name(now: datetime | None = None) -> str:
    """A sweep folder's name from the date and time: ``barrido-20261130-143012``."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return f"{'barrido' if get_language() == 'es' else 'sweep'}-{stamp}"


def rouge_with_interval(experiment: experiment_engine.Experiment) -> str:
    """«12,8 (8,8–16,8)»: ROUGE-L in points with its 95 % interval; «—» when not evaluated."""
    return experiment_engine.score_with_interval(experiment)


def _settings_text(changed: dict[str, Any]) -> str:
    return ", ".join(f"{name}={_value_text(value)}" for name, value in changed.items())


def _value_text(value: Any) -> str:
    if isinstance(value, bool):
        return t("runs.card.yes" if value else "runs.card.no")
    if isinstance(value, float):
        text = f"{value:g}"
        return text.replace(".", ",") if get_language() == "es" else text
    if value is None:
        return "—"
    return str(value)


def _tick_key(value: float) -> str:
    """A tick value as JavaScript writes a number (``2`` not ``2.0``): bqplot looks labels up by
    it."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _note(text: str) -> str:
    return f"<div class='wllm-note' style='color:#555;padding:4px 0'>{html.escape(text)}</div>"


def _cell_html(body: str) -> str:
    return f"<div style='{_CELL}'>{body}</div>"


def _block(title: str, body: str, css_class: str, extra: str = "") -> str:
    return (
        f"<div class='wllm-diff-block {css_class}' "
        "style='margin:6px 0;padding:4px 8px;border-left:3px solid #ccd'>"
        f"<div style='font-weight:bold'>{html.escape(title)}</div>"
        "<div class='wllm-body' style='line-height:1.5;white-space:pre-wrap'>"
        f"{body}</div>{extra}</div>"
    )


__all__ = ["ExperimentBoard", "default_sweep_name", "rouge_with_interval"]
