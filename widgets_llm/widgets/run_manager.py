"""RunManager: save the current run, list and open saved runs, move them as .zip files.

A thin view over :mod:`widgets_llm.engine.runs`: ``save_run`` writes a run folder,
``list_runs`` lists them (damaged ones with their problem), ``load_run`` opens one,
``export_run_zip`` and ``import_run_zip`` pack and unpack them.
"""

from __future__ import annotations

import base64
import html
import re
import shutil
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

import ipywidgets as widgets
import traitlets

from ..engine import runs
from ..engine.config import TrainingConfig
from ..engine.evaluation import is_lora_bundle
from ..engine.generation import GenerationSettings
from ..engine.models import ModelBundle
from ..errors import ConfigError, DataError, ModelError, RunError
from ..messages import t
from ._common import (
    IPYWIDGETS_MAJOR,
    Status,
    _Component,
    help_text,
    push_state,
    section_title,
    uploaded_files,
)

#: A run name: letters (any alphabet), digits, "-" and "_"; it becomes a folder name.
RUN_NAME_PATTERN = re.compile(r"[\w-]+")
MAX_RUN_NAME_LENGTH = 80
#: Zip files up to this size are offered as a download link (a base64 data URL in the page);
#: larger ones would make the page too heavy, so only their place on the server is shown.
DOWNLOAD_LINK_LIMIT_BYTES = 50 * 1024 * 1024

_STYLE = {"description_width": "initial"}
#: Numbers of a run's metrics shown in its details, in this order.
_DETAIL_METRICS = (
    "rougeL",
    "rouge1",
    "base_rougeL",
    "lead_rougeL",
    "perplexity",
    "validation_perplexity",
)


def is_valid_run_name(name: str) -> bool:
    """Whether ``name`` can be a run folder's name: letters, digits, ``-`` and ``_`` only."""
    return len(name) <= MAX_RUN_NAME_LENGTH and RUN_NAME_PATTERN.fullmatch(name) is not None


def default_run_name(now: datetime | None = None) -> str:
    """A name from the date and time, e.g. ``entrenamiento-20261105-143012``."""
    return t("runmanager.default_name", stamp=(now or datetime.now()).strftime("%Y%m%d-%H%M%S"))


class RunManager(_Component):
    """Save, list, open, export and import fine-tuning runs.

    * «Guardar» saves ``bundle`` (with ``config``, ``result``, ``metrics``, ``data_info``)
      as ``runs_dir/<name>`` with ``engine.runs.save_run``. The name is checked (letters,
      digits, ``-`` and ``_``) and defaults to the date and time. An existing run is never
      replaced silently: «Reemplazar el que ya existe» must be ticked first. LoRA models
      offer «Fusionar LoRA» (also save the merged model).
    * The list shows the runs of ``runs_dir`` (``engine.runs.list_runs``, newest first)
      with the chosen one's details: date, starting model, results, or why a damaged one
      cannot be opened. «Cargar» opens it (``engine.runs.load_run``) into ``loaded``.
    * «Exportar zip» packs the chosen run (``engine.runs.export_run_zip``, beside its
      folder) and offers it for download (a link up to ``download_limit_bytes``; above
      that, its place on the server). «Importar zip» unpacks an uploaded zip into
      ``runs_dir`` (``engine.runs.import_run_zip``).

    Saving, loading, exporting and importing run in the background.

    Parameters
    ----------
    runs_dir:
        Folder where runs live (created on the first save).
    bundle, config, result, metrics, data_info, generation:
        What «Guardar» saves (see the attributes); usually set later by the dashboard.
    synchronous:
        Work in the calling thread (tests, scripts) instead of a background thread.
    download_limit_bytes:
        Largest zip offered as a download link.

    Attributes
    ----------
    runs_dir : str (trait, observable)
        Folder where runs live; changing it refreshes the list.
    bundle : ModelBundle or None (trait, observable)
        The fine-tuned model to save.
    config : TrainingConfig or None (trait, observable)
        Its training configuration (needed to save).
    result : TrainingResult or None (trait)
        The training result (its numbers and log are saved).
    metrics : EvaluationReport, Comparison, dict or None (trait)
        Evaluation results to save.
    data_info : dict or None (trait)
        What the data was, e.g. ``engine.runs.describe_data(prepared)`` (never the texts).
    generation : GenerationSettings or None (trait)
        Generation settings to save with the run.
    loaded : SavedRun or None (trait, observable)
        The run opened last with «Cargar».
    runs : list of RunSummary (trait, observable)
        The runs listed, newest first.
    status : str (trait, observable)
        ``"idle"``, ``"saving"``, ``"loading"``, ``"exporting"``, ``"importing"``,
        ``"saved"``, ``"loaded"``, ``"exported"``, ``"imported"``, ``"cancelled"`` or ``"error"``.
    last_zip : Path or None
        The zip written by the last export.

    Events
    ------
    on_run_saved(callback, remove=False)
        ``callback(path)`` after a run was saved (``path``: the run folder).
    on_run_loaded(callback, remove=False)
        ``callback(saved_run)`` after a run was opened.
    """

    runs_dir = traitlets.Unicode("runs").tag(sync=False)
    bundle = traitlets.Instance(ModelBundle, allow_none=True).tag(sync=False)
    config = traitlets.Instance(TrainingConfig, allow_none=True).tag(sync=False)
    result = traitlets.Any(None, allow_none=True).tag(sync=False)
    metrics = traitlets.Any(None, allow_none=True).tag(sync=False)
    data_info = traitlets.Any(None, allow_none=True).tag(sync=False)
    generation = traitlets.Instance(GenerationSettings, allow_none=True).tag(sync=False)
    loaded = traitlets.Instance(runs.SavedRun, allow_none=True).tag(sync=False)
    runs = traitlets.List().tag(sync=False)

    EVENTS = ("run_saved", "run_loaded")
    FAILED_STATUS_KEY = "runmanager.status.failed"

    def __init__(
        self,
        runs_dir: str = "runs",
        *,
        bundle: ModelBundle | None = None,
        config: TrainingConfig | None = None,
        result: Any = None,
        metrics: Any = None,
        data_info: dict | None = None,
        generation: GenerationSettings | None = None,
        synchronous: bool = False,
        download_limit_bytes: int = DOWNLOAD_LINK_LIMIT_BYTES,
        **kwargs: Any,
    ):
        # 1. Arguments
        super().__init__(synchronous=synchronous, **kwargs)
        if data_info is not None and not isinstance(data_info, dict):
            raise TypeError(
                "data_info must be a dict (see engine.runs.describe_data), "
                f"not {type(data_info).__name__}"
            )
        self.download_limit_bytes = int(download_limit_bytes)
        self.last_zip: Path | None = None
        self._cancellable = False  # whether the work under way offers «Cancelar» (opening a run)

        # 2. Children
        self._build_save_children()
        self._build_list_children()
        self._build_zip_children()
        # What an action did is shown right under the part of the form it came from (saving,
        # opening, zip), not at the bottom, out of sight.
        self._feedback = widgets.VBox([self._status_line, self._message])
        self._feedback_boxes = {
            "save": self._save_box,
            "list": self._list_box,
            "zip": self._zip_box,
        }

        # 3. Events
        self._name.observe(self._on_name_value, names="value")
        self._save_button.on_click(self._on_save_button_click)
        self._runs_choice.observe(self._on_runs_choice_value, names="value")
        self._refresh_button.on_click(self._on_refresh_button_click)
        self._load_button.on_click(self._on_load_button_click)
        self._cancel_button.on_click(self._on_cancel_button_click)
        self._export_button.on_click(self._on_export_button_click)
        self._upload.observe(self._on_upload_value, names="value")
        self.observe(self._on_runs_dir_change, names="runs_dir")
        self.observe(self._on_bundle_change, names="bundle")

        # 4. Layout
        children = [
            section_title(t("runmanager.title")),
            help_text(t("runmanager.intro")),
            self._folder_line,
            self._save_box,
            self._list_box,
            self._zip_box,
        ]

        # 5. First render
        self._place_feedback("save")
        self._render_busy(False)
        self.children = children
        self.bundle, self.config, self.result = bundle, config, result
        self.metrics, self.data_info, self.generation = metrics, data_info, generation
        self._render_merge_option()
        if str(runs_dir) != self.runs_dir:
            self.runs_dir = str(runs_dir)  # its observer lists the runs
        else:
            self._on_runs_dir_change(None)

    # ------------------------------------------------------------------ children

    def _build_save_children(self) -> None:
        self._name = widgets.Text(
            value=default_run_name(),
            placeholder=t("runmanager.name.placeholder"),
            description=t("runmanager.name.label"),
            style=_STYLE,
            layout=widgets.Layout(width="420px"),
        )
        self._merge_lora = widgets.Checkbox(
            value=False, description=t("runmanager.merge_lora"), indent=False
        )
        self._merge_box = widgets.VBox(
            [self._merge_lora, help_text(t("runmanager.merge_lora.help"))]
        )
        self._replace = widgets.Checkbox(
            value=False, description=t("runmanager.replace"), indent=False
        )
        self._save_button = widgets.Button(
            description=t("runmanager.save"),
            tooltip=t("runmanager.save.tooltip"),
            button_style="success",
            layout=widgets.Layout(width="auto"),
        )
        self._save_box = widgets.VBox(
            [
                section_title(t("runmanager.save.title")),
                self._name,
                help_text(t("runmanager.name.help")),
                self._merge_box,
                self._replace,
                self._save_button,
            ]
        )

    def _build_list_children(self) -> None:
        self._folder_line = widgets.HTML()
        self._runs_choice = widgets.Dropdown(
            options=[],
            value=None,
            description=t("runmanager.list.label"),
            style=_STYLE,
            layout=widgets.Layout(
                width="auto", min_width="360px"
            ),  # readable even while the list is empty
        )
        self._refresh_button = widgets.Button(
            description=t("runmanager.refresh"), layout=widgets.Layout(width="auto")
        )
        self._details = widgets.HTML()
        self._load_button = widgets.Button(
            description=t("runmanager.load"),
            tooltip=t("runmanager.load.tooltip"),
            button_style="primary",
            layout=widgets.Layout(width="auto"),
        )
        self._cancel_button = widgets.Button(
            description=t("widgets.cancel"), layout=widgets.Layout(width="auto")
        )
        self._list_box = widgets.VBox(
            [
                section_title(t("runmanager.list.title")),
                widgets.HBox([self._runs_choice, self._refresh_button]),
                self._details,
                widgets.HBox([self._load_button, self._cancel_button]),
            ]
        )

    def _build_zip_children(self) -> None:
        self._export_button = widgets.Button(
            description=t("runmanager.export"),
            tooltip=t("runmanager.export.tooltip"),
            layout=widgets.Layout(width="auto"),
        )
        self._download = widgets.HTML()
        self._upload = widgets.FileUpload(
            accept=".zip", multiple=False, description=t("runmanager.import")
        )
        self._zip_box = widgets.VBox(
            [
                section_title(t("runmanager.zip.title")),
                self._export_button,
                self._download,
                help_text(t("runmanager.import.help")),
                self._upload,
            ]
        )

    # ------------------------------------------------------------------ public API

    def on_run_saved(self, callback: Callable[[Path], Any], remove: bool = False) -> None:
        """Register ``callback(path)``, called after a run was saved."""
        self._register("run_saved", callback, remove)

    def on_run_loaded(self, callback: Callable[[runs.SavedRun], Any], remove: bool = False) -> None:
        """Register ``callback(saved_run)``, called after a run was opened."""
        self._register("run_loaded", callback, remove)

    def refresh(self, select: str | Path | None = None) -> None:
        """List the runs of ``runs_dir`` again; choose ``select`` (a run folder) when given."""
        try:
            listed = runs.list_runs(self._runs_path())
        except RunError:  # no folder yet: nothing saved yet
            listed = []
        except Exception as error:  # an unreadable folder: say so, keep the component usable
            listed = []
            self._show_error(error)
        previous = self._runs_choice.value
        wanted = str(select) if select is not None else previous
        self.runs = listed
        options = [(_option_label(summary), str(summary.path)) for summary in listed]
        values = [value for _, value in options]
        self._runs_choice.options = options
        self._runs_choice.value = wanted if wanted in values else (values[0] if values else None)
        self._render_details()
        push_state(self._runs_choice)

    def save(self) -> None:
        """Save the current run (as «Guardar» does)."""
        self._on_save_button_click(None)

    def load(self, run: str | Path | None = None) -> None:
        """Open the chosen run, or ``run`` (a folder of the list), as «Cargar» does."""
        if run is not None:
            self.refresh(select=run)
            if self._runs_choice.value != str(run):
                self._show_error(RunError("runmanager.nothing_selected"))
                return
        self._on_load_button_click(None)

    def export(self) -> None:
        """Pack the chosen run into a zip and offer it for download (as «Exportar zip» does)."""
        self._on_export_button_click(None)

    def import_zip(self, file_name: str, content: bytes) -> None:
        """Unpack a zip given as bytes into ``runs_dir`` (as «Importar zip» does)."""
        self._import(file_name, bytes(content))

    def cancel(self) -> None:
        """Stop waiting for the run being opened; its result is ignored."""
        self.cancel_work()

    def _runs_path(self) -> Path:
        return Path(self.runs_dir).expanduser()

    def selected(self) -> runs.RunSummary | None:
        """The run chosen in the list."""
        value = self._runs_choice.value
        return next((summary for summary in self.runs if str(summary.path) == value), None)

    # --------------------------------------------------------------- handlers: folder, model, list

    def _on_runs_dir_change(self, change: dict | None) -> None:
        folder = self._runs_path()
        shown = folder.resolve() if folder.exists() else folder
        self._folder_line.value = help_text(t("runmanager.folder", folder=str(shown))).value
        push_state(self._folder_line)
        self.refresh()

    def _on_bundle_change(self, change: dict) -> None:
        self._render_merge_option()

    def _render_merge_option(self) -> None:
        lora = self.bundle is not None and is_lora_bundle(self.bundle)
        self._merge_box.layout.display = None if lora else "none"
        if not lora:
            self._merge_lora.value = False
        push_state(self._merge_box)

    def _on_runs_choice_value(self, change: dict) -> None:
        self._render_details()

    def _render_details(self) -> None:
        summary = self.selected()
        self._details.value = (
            details_html(summary)
            if summary is not None
            else help_text(t("runmanager.list.empty")).value
        )
        usable = summary is not None and summary.problem is None
        if not self.busy:
            self._load_button.disabled = not usable
            self._export_button.disabled = not usable
        for child in (self._details, self._load_button, self._export_button):
            push_state(child)

    def _on_refresh_button_click(self, _button: Any) -> None:
        self._message.clear()
        self.refresh()

    # ------------------------------------------------------------------ saving

    def _on_name_value(self, change: dict) -> None:
        # A confirmation to replace is for one name only.
        self._replace.value = False
        self._replace.layout.display = "none"
        push_state(self._replace)

    def _place_feedback(self, where: str) -> None:
        """Put the status line and the message under the ``save``, ``list`` or ``zip`` part."""
        for name, box in self._feedback_boxes.items():
            children = [child for child in box.children if child is not self._feedback]
            if name == where:
                children.append(self._feedback)
            if tuple(children) != tuple(box.children):
                box.children = tuple(children)
                push_state(box)

    def _on_save_button_click(self, _button: Any) -> None:
        self._place_feedback("save")
        self._message.clear()
        name = self._name.value.strip()
        problem = self._save_problem(name)
        if problem is not None:
            self._show_error(problem)
            return
        target = self._runs_path() / name
        if (target / runs.RUN_INFO_FILE).is_file() and not self._replace.value:
            self._replace.layout.display = None
            self._message.show(t("runmanager.exists", name=name), "warning")
            for child in (self._replace, self._message):
                push_state(child)
            return
        bundle, config, result = self.bundle, self.config, self.result
        metrics, data_info, generation = self.metrics, self.data_info, self.generation
        merge = bool(self._merge_lora.value) and is_lora_bundle(bundle)

        def work(should_stop: Callable[[], bool]) -> Path:
            return runs.save_run(
                target,
                bundle,
                config=config,
                result=result,
                metrics=metrics,
                data_info=data_info,
                merge_lora=merge,
                generation=generation,
            )

        def done(path: Path) -> None:
            self._replace.value = False
            self._replace.layout.display = "none"
            push_state(self._replace)
            self.refresh(select=path)
            self._show_status(t("runmanager.status.saved", path=str(path)), Status.SAVED)
            self._emit("run_saved", path)

        self._start(Status.SAVING, t("runmanager.status.saving", name=name), work, done)

    def _save_problem(self, name: str) -> Exception | None:
        if not name:
            return ConfigError("runmanager.empty_name")
        if not is_valid_run_name(name):
            return ConfigError("runmanager.invalid_name", name=name)
        if self.bundle is None or getattr(self.bundle, "model", None) is None:
            return ModelError("runmanager.no_model")
        if self.config is None:
            return ConfigError("runmanager.no_config")
        return None

    # ------------------------------------------------------------------ loading

    def _chosen_usable_run(self) -> runs.RunSummary | None:
        """The chosen run, or None after showing why it cannot be used."""
        summary = self.selected()
        if summary is None:
            self._show_error(RunError("runmanager.nothing_selected"))
            return None
        if summary.problem:
            self._show_error(RunError("runmanager.damaged", problem=summary.problem))
            return None
        return summary

    def _on_load_button_click(self, _button: Any) -> None:
        self._place_feedback("list")
        self._message.clear()
        summary = self._chosen_usable_run()
        if summary is None:
            return
        path = summary.path

        def work(should_stop: Callable[[], bool]) -> runs.SavedRun:
            return runs.load_run(path)

        def done(saved: runs.SavedRun) -> None:
            self.loaded = saved
            self._show_status(t("runmanager.status.loaded", name=summary.name), Status.LOADED)
            self._emit("run_loaded", saved)

        self._start(
            Status.LOADING,
            t("runmanager.status.loading", name=summary.name),
            work,
            done,
            cancellable=True,
        )

    # ------------------------------------------------------------------ zip files

    def _on_export_button_click(self, _button: Any) -> None:
        self._place_feedback("zip")
        self._message.clear()
        summary = self._chosen_usable_run()
        if summary is None:
            return
        path, limit = summary.path, self.download_limit_bytes

        def work(should_stop: Callable[[], bool]) -> tuple[Path, str]:
            zip_path = runs.export_run_zip(path)
            return zip_path, download_html(zip_path, limit)

        def done(result: tuple[Path, str]) -> None:
            self.last_zip, self._download.value = result
            push_state(self._download)
            self._show_status("", Status.EXPORTED)

        self._download.value = ""
        self._start(
            Status.EXPORTING, t("runmanager.status.exporting", name=summary.name), work, done
        )

    def _on_upload_value(self, change: dict) -> None:
        files = uploaded_files(change.get("new"))
        if not files:
            return
        self._place_feedback("zip")
        self._message.clear()
        name, content = files[0]
        self._import(name, content)
        self._clear_upload()

    def _import(self, file_name: str, content: bytes) -> None:
        file_name = Path(file_name.replace("\\", "/")).name or "run.zip"
        if not file_name.lower().endswith(".zip"):
            self._show_error(DataError("runmanager.not_a_zip_name", file=file_name))
            return
        runs_dir = self._runs_path()

        def work(should_stop: Callable[[], bool]) -> Path:
            runs_dir.mkdir(parents=True, exist_ok=True)
            # The upload is kept in a hidden folder inside runs_dir (the caller's folder) only
            # while it is unpacked.
            staging = Path(tempfile.mkdtemp(prefix=".upload-", dir=runs_dir))
            zip_path = staging / file_name
            try:
                zip_path.write_bytes(content)
                return runs.import_run_zip(zip_path, runs_dir)
            except RunError as error:
                if error.params.get("path") == str(zip_path):
                    # Name the file the user uploaded, not the hidden copy being unpacked.
                    raise RunError(
                        error.key, error.suggestion_key, **{**error.params, "path": file_name}
                    ) from error
                raise
            finally:
                shutil.rmtree(staging, ignore_errors=True)

        def done(path: Path) -> None:
            self.refresh(select=path)
            self._show_status(t("runmanager.status.imported", name=path.name), Status.IMPORTED)

        self._start(Status.IMPORTING, t("runmanager.status.importing", file=file_name), work, done)

    def _clear_upload(self) -> None:
        """Forget the uploaded file, so that uploading the same file again is noticed."""
        try:
            if IPYWIDGETS_MAJOR >= 8:
                self._upload.value = ()
            else:
                self._upload.set_trait("value", {})
        except Exception:  # clearing is a convenience; a failure must not hide the import
            pass

    # ------------------------------------------------------------------ background work

    def _start(
        self,
        status: Status,
        message: str,
        work: Callable,
        done: Callable,
        cancellable: bool = False,
    ) -> None:
        self._cancellable = cancellable
        self.run_in_background(work, done, status=status, message=message)

    def _fail(self, error: BaseException) -> None:
        super()._fail(error)
        self.refresh()  # a failed save or import may have left a (damaged) folder: show it

    def _render_busy(self, busy: bool) -> None:
        self._cancel_button.layout.display = None if busy and self._cancellable else "none"
        for button in (self._save_button, self._refresh_button, self._upload):
            button.disabled = busy
        if busy:
            self._load_button.disabled = self._export_button.disabled = True
        else:
            summary = self.selected()
            usable = summary is not None and summary.problem is None
            self._load_button.disabled = self._export_button.disabled = not usable
        for child in (
            self._cancel_button,
            self._save_button,
            self._refresh_button,
            self._upload,
            self._load_button,
            self._export_button,
        ):
            push_state(child)

    def _on_cancel_button_click(self, _button: Any) -> None:
        self.cancel()


# ---------------------------------------------------------------------- pure rendering helpers


def _format_date(created: str | None) -> str:
    if not created:
        return t("runmanager.details.unknown")
    try:
        return datetime.fromisoformat(created).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return created


def _option_label(summary: runs.RunSummary) -> str:
    if summary.problem:
        return t("runmanager.list.option_damaged", name=summary.name)
    return t("runmanager.list.option", name=summary.name, date=_format_date(summary.created))


def _base_model_text(source: dict[str, Any]) -> str:
    if not source:
        return t("runmanager.details.unknown")
    if source.get("kind") == "offline":
        size = source.get("name", "?")
        return t(
            "runmanager.base.offline",
            size=t(f"models.offline.size.{size}")
            if size in ("mini", "pequeno", "mediano")
            else size,
        )
    return str(source.get("name", "?"))


def _metric_value(key: str, value: float) -> str:
    from ..formatting import format_number, format_percent, format_power_of_ten

    if "perplexity" in key:
        return format_power_of_ten(value, 2) if abs(value) >= 1e6 else format_number(value, 2)
    return format_percent(value, 1)  # ROUGE is saved as a fraction 0-1


def metrics_text(metrics: dict[str, float | None]) -> str:
    """A run's main numbers in one line, e.g. ``ROUGE-L 34.5 %, perplejidad 12.30``."""
    parts = [
        t(f"runmanager.metric.{key}", value=_metric_value(key, float(metrics[key])))
        for key in _DETAIL_METRICS
        if isinstance(metrics.get(key), (int, float))
    ]
    return ", ".join(parts) if parts else t("runmanager.details.no_metrics")


def details_html(summary: runs.RunSummary) -> str:
    """The details panel of one listed run (escaped HTML); a damaged run shows its problem."""
    cell = "padding:2px 8px 2px 0;vertical-align:top"
    if summary.problem:
        rows = [
            ("folder", str(summary.path)),
            ("problem", summary.problem),
        ]
        style = "background:#fdecea;color:#b3261e"
    else:
        rows = [
            ("date", _format_date(summary.created)),
            ("base", _base_model_text(summary.base_model)),
            (
                "kind",
                t(f"models.kind.{summary.architecture}")
                if summary.architecture
                else t("runmanager.details.unknown"),
            ),
            (
                "format",
                t(f"runmanager.format.{summary.model_format}")
                if summary.model_format
                else t("runmanager.details.unknown"),
            ),
            ("metrics", metrics_text(summary.metrics)),
            ("folder", str(summary.path)),
        ]
        style = "background:#f6f8fa"
    body = "".join(
        f"<tr data-field='{key}'><th style='{cell};text-align:left'>"
        f"{html.escape(t(f'runmanager.details.{key}'))}</th>"
        f"<td style='{cell}'>{html.escape(value)}</td></tr>"
        for key, value in rows
    )
    return (
        f"<div class='wllm-run-details' style='{style};"
        "padding:6px 10px;border-radius:4px;margin:4px 0'>"
        f"<b>{html.escape(summary.name)}</b>"
        f"<table style='border-collapse:collapse;font-size:0.9em'>{body}</table></div>"
    )


def _size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return t("runmanager.size.mb", value=f"{size / (1024 * 1024):.1f}")
    return t("runmanager.size.kb", value=f"{max(1, round(size / 1024))}")


def download_html(zip_path: str | Path, limit_bytes: int = DOWNLOAD_LINK_LIMIT_BYTES) -> str:
    """A download link for a zip (a base64 data URL), or where it lies on the server when it is too
    big."""
    zip_path = Path(zip_path)
    size = zip_path.stat().st_size
    location = html.escape(str(zip_path.resolve()))
    if size > limit_bytes:
        text = html.escape(
            t("runmanager.download.too_big", size=_size_text(size), path="{path}")
        ).replace("{path}", f"<code>{location}</code>")
        return (
            "<div class='wllm-message wllm-warning' "
            "style='background:#fff4e5;color:#8a5300;padding:6px 10px;border-radius:4px'>"
            f"{text}</div>"
        )
    encoded = base64.b64encode(zip_path.read_bytes()).decode("ascii")
    label = html.escape(t("runmanager.download", file=zip_path.name, size=_size_text(size)))
    note = html.escape(t("runmanager.download.ready", path="{path}")).replace(
        "{path}", f"<code>{location}</code>"
    )
    return (
        f"<div><a download='{html.escape(zip_path.name, quote=True)}' "
        f"href='data:application/zip;base64,{encoded}' "
        "style='display:inline-block;padding:4px 10px;background:#1a4d8f;color:white;"
        "border-radius:4px;text-decoration:none'>"
        f"{label}</a><div style='color:#555;font-size:0.9em;margin-top:4px'>{note}</div></div>"
    )
