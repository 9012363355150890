"""ModelPicker: choose the starting model (catalog, hub id, folder or offline) and load it.

A thin view over :mod:`widgets_llm.engine.models`: the engine's catalog is shown as a table,
the engine's ``load_model`` does the loading, and its errors are shown as they come, with a
one-click way to the offline model when the hub cannot be reached.
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Any, Callable, Iterable

import ipywidgets as widgets
import traitlets

from ..engine import download, models
from ..engine.catalog_cost import measured_cost
from ..errors import ModelError, as_user_error
from ..formatting import format_gigabytes, format_seconds
from ..messages import t
from ._common import (
    BackgroundTask,
    MessageArea,
    Status,
    _Component,
    help_text,
    push_state,
    section_title,
)

TAB_CATALOG, TAB_HUB, TAB_LOCAL, TAB_OFFLINE = range(4)
_TAB_KEYS = ("catalog", "hub", "local", "offline")
_OFFLINE_ARCHITECTURE_PARTS = {"seq2seq": "t5", "causal": "gpt2"}
_FULL_WIDTH = {"description_width": "initial"}
#: Errors after which the offline model is offered in one click (and recommended).
_NO_CONNECTION_KEYS = (
    "models.no_connection",
    "download.no_connection",
    "download.offline_mode",
    "download.connection_lost",
)


def offline_choice(architecture: str, size: str) -> str:
    """The ``load_model`` choice for the offline model, e.g. ``"offline-t5-mini"``."""
    return f"offline-{_OFFLINE_ARCHITECTURE_PARTS[architecture]}-{size}"


class ModelPicker(_Component):
    """Choose a model to fine-tune and load it.

    Four ways to choose (one tab each): a model of the engine's catalog (shown as a table with
    its size, memory needed to train with and without LoRA, languages, Spanish support,
    licence and a note), any hub id, a local folder with a saved model, or the offline model
    (built here, no internet: sequence-to-sequence or generative, in one of the engine's
    sizes). «Cargar modelo» loads it in the background with ``engine.models.load_model``.

    A hub model is downloaded with its progress on screen (bytes, percent, speed, time left)
    and can be cancelled; a model already in the local cache loads with no download, and the
    picker says so as soon as it is chosen. A recommendation for this computer (offline model,
    smallest Spanish model on a CPU, larger ones on a GPU) comes with the measured time per
    step and memory of the catalog's models.

    When the hub cannot be reached, the error says so plainly and a «Usar el modelo sin
    conexión» button loads the offline model in one click. A warning appears when the loaded
    tokenizer cannot write some Spanish letters.

    Parameters
    ----------
    choice:
        Initial choice (a catalog or hub id, a folder, or ``"offline-t5-mini"``-style text).
        Defaults to the offline model of the engine's default size.
    texts:
        Texts the offline model learns its vocabulary from (see ``texts`` below).
    dataset:
        Prepared data (``engine.data.PreparedData``) whose training texts and summaries the
        offline model learns its vocabulary from, when ``texts`` is not given.
    models_dir:
        Folder where the folder browser starts. Defaults to the current folder.
    synchronous:
        Load in the calling thread (tests, scripts) instead of a background thread.
    seed:
        Seed of the offline model's initial weights.

    Attributes
    ----------
    choice : str (trait, observable)
        What ``load_model`` will be given; follows the tabs, and setting it updates them.
    bundle : ModelBundle or None (trait, observable)
        The loaded model and tokenizer; ``None`` until a model was loaded.
    texts : list of str or None (trait, observable)
        Vocabulary texts for the offline model (e.g. the dashboard sets train texts +
        summaries). Takes precedence over ``dataset``.
    dataset : PreparedData or None (trait, observable)
        Prepared data; its train split gives the offline model's texts when ``texts`` is None.
    status : str (trait, observable)
        ``"idle"``, ``"loading"``, ``"loaded"`` or ``"error"``.
    download : DownloadProgress or None (trait, observable)
        The latest progress of the download under way (``None`` when nothing is downloading).
    recommendation : Recommendation or None (trait, observable)
        The model recommended for this computer, once the hardware is known.
    spanish_warning : list of str
        Spanish letters the loaded tokenizer cannot write (empty when all are fine).

    Events
    ------
    on_model_loaded(callback, remove=False)
        ``callback(bundle)`` after a model was loaded.
    """

    choice = traitlets.Unicode("").tag(sync=False)
    bundle = traitlets.Instance(models.ModelBundle, allow_none=True).tag(sync=False)
    texts = traitlets.Any(None, allow_none=True).tag(sync=False)
    dataset = traitlets.Any(None, allow_none=True).tag(sync=False)
    download = traitlets.Any(None, allow_none=True).tag(sync=False)
    recommendation = traitlets.Any(None, allow_none=True).tag(sync=False)

    EVENTS = ("model_loaded",)
    FAILED_STATUS_KEY = "picker.status.failed"

    def __init__(
        self,
        choice: str | None = None,
        *,
        texts: Iterable[str] | None = None,
        dataset: Any = None,
        models_dir: str | os.PathLike | None = None,
        synchronous: bool = False,
        seed: int = 0,
        **kwargs: Any,
    ):
        # 1. Arguments
        super().__init__(synchronous=synchronous, **kwargs)
        start_folder = (
            Path(models_dir if models_dir is not None else os.getcwd()).expanduser().resolve()
        )
        if not start_folder.is_dir():
            start_folder = Path.cwd()
        self.models_dir = start_folder
        self.seed = int(seed)
        self.spanish_warning: list[str] = []
        self._syncing = False
        # Whether the hub answers is known only from offline settings or a failed download:
        # the picker never probes the network on its own.
        self._online: bool | None = False if download.hub_settings().offline else None
        self._hardware = None

        # 2. Children
        self._build_catalog_children()
        self._build_other_children()
        self._build_action_children()

        # 3. Events
        for control in (
            self._catalog_choice,
            self._hub_id,
            self._local_path,
            self._offline_architecture,
            self._offline_size,
        ):
            control.observe(self._on_control_value, names="value")
        self._tabs.observe(self._on_tabs_selected_index, names="selected_index")
        self._local_chooser.register_callback(self._on_local_chooser_selected)
        self._load_button.on_click(self._on_load_button_click)
        self._fallback_button.on_click(self._on_fallback_button_click)
        self._cancel_button.on_click(self._on_cancel_button_click)
        self._use_recommendation_button.on_click(self._on_use_recommendation_button_click)
        self.observe(self._on_choice_change, names="choice")
        self.observe(self._on_texts_change, names=["texts", "dataset"])

        # 4. Layout
        children = [
            section_title(t("picker.title")),
            help_text(t("picker.intro")),
            self._recommendation_box,
            self._tabs,
            self._availability,
            widgets.HBox([self._load_button, self._fallback_button, self._cancel_button]),
            self._progress_row,
            self._status_line,
            self._message,
            self._warnings,
        ]

        # 5. First render
        self._render_busy(False)
        self._fallback_button.layout.display = "none"
        self._progress_row.layout.display = "none"
        self._recommendation_box.layout.display = "none"

        self.children = children
        self.texts = list(texts) if texts is not None else None
        self.dataset = dataset
        self._render_offline_hint()
        if choice:
            self.choice = choice
        else:
            self._tabs.selected_index = TAB_OFFLINE
            self.choice = self._choice_from_controls()
        self._render_availability()
        # The hardware check imports torch (a second or two): off the kernel's thread.
        BackgroundTask(
            lambda should_stop: models_hardware(),
            lambda hardware: self._in_kernel(self._show_hardware, hardware),
            lambda error: None,
            synchronous=synchronous,
        )

    # ------------------------------------------------------------------ children

    def _build_catalog_children(self) -> None:
        self._catalog_choice = widgets.Dropdown(
            options=[
                (
                    t(
                        "picker.catalog.option",
                        model=entry.model_id,
                        params=models.format_parameter_count(entry.params_millions * 1e6),
                        languages=entry.languages,
                    ),
                    entry.model_id,
                )
                for entry in models.CATALOG
            ],
            description=t("picker.catalog.choose"),
            style=_FULL_WIDTH,
            layout=widgets.Layout(width="auto"),
        )
        self._catalog_table = widgets.HTML()
        self._catalog_panel = widgets.VBox(
            [help_text(t("picker.catalog.help")), self._catalog_table, self._catalog_choice]
        )

    def _build_other_children(self) -> None:
        self._hub_id = widgets.Text(
            description=t("picker.hub.label"),
            placeholder=t("picker.hub.placeholder"),
            style=_FULL_WIDTH,
            layout=widgets.Layout(width="460px"),
        )
        hub_panel = widgets.VBox([help_text(t("picker.hub.help")), self._hub_id])

        self._local_path = widgets.Text(
            description=t("picker.local.label"),
            placeholder=t("picker.local.placeholder"),
            style=_FULL_WIDTH,
            layout=widgets.Layout(width="460px"),
        )
        from ipyfilechooser import FileChooser  # a widget-only dependency, loaded with the widget

        self._local_chooser = FileChooser(
            path=str(self.models_dir),
            show_only_dirs=True,
            select_desc=t("picker.local.select"),
            change_desc=t("picker.local.change"),
            dir_icon="/",  # no emoji: it may render as a box offline
            dir_icon_append=True,
            layout=widgets.Layout(width="auto"),
        )
        local_panel = widgets.VBox(
            [help_text(t("picker.local.help")), self._local_path, self._local_chooser]
        )

        self._offline_architecture = widgets.Dropdown(
            options=[(t(f"models.kind.{kind}"), kind) for kind in _OFFLINE_ARCHITECTURE_PARTS],
            value="seq2seq",
            description=t("picker.offline.architecture"),
            style=_FULL_WIDTH,
        )
        self._offline_size = widgets.Dropdown(
            options=[(_offline_size_label(name), name) for name in models.OFFLINE_SIZES],
            value=models.DEFAULT_OFFLINE_SIZE,
            description=t("picker.offline.size"),
            style=_FULL_WIDTH,
            layout=widgets.Layout(width="auto"),
        )
        self._offline_hint = widgets.HTML()
        offline_panel = widgets.VBox(
            [
                help_text(t("models.offline.description")),
                self._offline_architecture,
                self._offline_size,
                self._offline_hint,
            ]
        )
        self._tabs = widgets.Tab(
            children=[self._catalog_panel, hub_panel, local_panel, offline_panel]
        )
        for index, key in enumerate(_TAB_KEYS):
            self._tabs.set_title(index, t(f"picker.tab.{key}"))
        self._catalog_table.value = catalog_html(self._catalog_choice.value)

    def _build_action_children(self) -> None:
        self._load_button = widgets.Button(
            description=t("picker.load"),
            tooltip=t("picker.load.tooltip"),
            button_style="success",
            layout=widgets.Layout(width="auto"),
        )
        self._fallback_button = widgets.Button(
            description=t("picker.fallback"),
            button_style="primary",
            layout=widgets.Layout(width="auto"),
        )
        self._cancel_button = widgets.Button(
            description=t("widgets.cancel"), layout=widgets.Layout(width="auto")
        )
        self._progress_bar = widgets.FloatProgress(
            value=0.0, min=0.0, max=100.0, layout=widgets.Layout(width="260px")
        )
        self._progress_text = widgets.HTML()
        self._progress_row = widgets.HBox(
            [self._progress_bar, self._progress_text], layout=widgets.Layout(align_items="center")
        )
        self._availability = widgets.HTML()
        self._recommendation_text = widgets.HTML()
        self._use_recommendation_button = widgets.Button(
            description=t("recommend.use"),
            layout=widgets.Layout(width="auto", align_self="flex-start"),
        )
        self._recommendation_box = widgets.VBox(
            [self._recommendation_text, self._use_recommendation_button],
            layout=widgets.Layout(border="1px solid #c6dafc", padding="4px 8px", margin="4px 0"),
        )
        self._warnings = MessageArea()

    # ------------------------------------------------------------------ public API

    def on_model_loaded(
        self, callback: Callable[[models.ModelBundle], Any], remove: bool = False
    ) -> None:
        """Register ``callback(bundle)``, called each time a model has been loaded."""
        self._register("model_loaded", callback, remove)

    def load(self) -> None:
        """Load the current ``choice`` (as «Cargar modelo» does)."""
        self._on_load_button_click(None)

    def cancel(self) -> None:
        """Stop loading: a download under way stops at its next chunk (and resumes later)."""
        self.cancel_work(status=Status.LOADED if self.bundle is not None else Status.IDLE)
        self._hide_download()

    def training_texts(self) -> list[str]:
        """Texts for the offline model's vocabulary: ``texts``, else the train split's texts and
        summaries."""
        if self.texts is not None:
            return [text for text in self.texts if isinstance(text, str)]
        if self.dataset is not None:
            train = self.dataset.splits["train"]
            return list(train["text"]) + list(train["summary"])
        return []

    # ------------------------------------------------------------------ handlers: the choice

    def _on_control_value(self, change: dict) -> None:
        if change["owner"] is self._catalog_choice:
            self._catalog_table.value = catalog_html(self._catalog_choice.value)
            push_state(self._catalog_table)
        if not self._syncing:
            self._update_choice_from_controls()

    def _on_tabs_selected_index(self, change: dict) -> None:
        if not self._syncing:
            self._update_choice_from_controls()

    def _on_local_chooser_selected(self, chooser: Any) -> None:
        folder = getattr(chooser, "selected_path", None)
        if folder:
            self._local_path.value = folder  # updates the choice through the text's observer

    def _choice_from_controls(self) -> str:
        tab = self._tabs.selected_index
        if tab == TAB_CATALOG:
            return self._catalog_choice.value or ""
        if tab == TAB_HUB:
            return self._hub_id.value.strip()
        if tab == TAB_LOCAL:
            return self._local_path.value.strip()
        return offline_choice(self._offline_architecture.value, self._offline_size.value)

    def _update_choice_from_controls(self) -> None:
        self._syncing = True
        try:
            self.choice = self._choice_from_controls()
        finally:
            self._syncing = False

    def _on_choice_change(self, change: dict) -> None:
        if not self._syncing:
            self._show_choice(change["new"])
        self._render_availability()

    def _render_availability(self) -> None:
        """Say whether the chosen hub model is already on this computer or will be downloaded."""
        text = ""
        choice = self.choice.strip()
        if choice:
            kind, name, _ = models.parse_model_choice(choice)
            if kind == "hub":
                text = t(
                    "picker.available.cached"
                    if download.is_downloaded(name)
                    else "picker.available.download"
                )
        self._availability.value = (
            f"<div style='color:#555;font-size:0.9em'>{html.escape(text)}</div>" if text else ""
        )
        push_state(self._availability)

    # ------------------------------------------------------------------ recommendation

    def _show_hardware(self, hardware: Any) -> None:
        self._hardware = hardware
        self._render_recommendation()

    def _render_recommendation(self) -> None:
        if self._hardware is None:
            return
        from ..engine.recommend import recommend_model

        advice = recommend_model(self._hardware, online=self._online)
        self.recommendation = advice
        entry = advice.entry
        name = advice.choice if entry is not None else t("picker.tab.offline")
        if advice.use_lora:
            name = f"{name} ({t('recommend.with_lora')})"
        params = dict(advice.params)
        if "memory" in params:
            params["memory"] = format_gigabytes(params["memory"]).replace(" GB", "")
        lines = [
            f"<b>{html.escape(t('recommend.title'))}: {html.escape(name)}</b>",
            html.escape(t(advice.reason, **params)),
        ]
        cost = measured_cost(advice.choice)
        if cost is not None:
            step, memory = cost.step_seconds(advice.use_lora), cost.peak_gb(advice.use_lora)
            lines.append(
                html.escape(
                    t("recommend.cost", step=format_seconds(step), memory=format_gigabytes(memory))
                )
            )
        if advice.alternatives:
            labels = [
                a if models.catalog_entry(a) else t("picker.tab.offline")
                for a in advice.alternatives
            ]
            lines.append(html.escape(t("recommend.alternatives", choices=", ".join(labels))))
        self._recommendation_text.value = "<br>".join(lines)
        self._recommendation_box.layout.display = None
        for child in (self._recommendation_text, self._recommendation_box):
            push_state(child)

    def _on_use_recommendation_button_click(self, _button: Any) -> None:
        if self.recommendation is not None:
            self.choice = self.recommendation.choice

    def _show_choice(self, choice: str) -> None:
        """Put a choice set from code into the tabs."""
        self._syncing = True
        try:
            text = choice.strip()
            kind, name, architecture = models.parse_model_choice(text) if text else ("hub", "", "")
            if kind == "offline":
                self._tabs.selected_index = TAB_OFFLINE
                self._offline_architecture.value = architecture
                if name in models.OFFLINE_SIZES:
                    self._offline_size.value = name
            elif kind == "local":
                self._tabs.selected_index = TAB_LOCAL
                self._local_path.value = text
            elif models.catalog_entry(name) is not None:
                self._tabs.selected_index = TAB_CATALOG
                self._catalog_choice.value = name
            else:
                self._tabs.selected_index = TAB_HUB
                self._hub_id.value = text
        finally:
            self._syncing = False

    def _on_texts_change(self, change: dict) -> None:
        self._render_offline_hint()

    def _render_offline_hint(self) -> None:
        count = len(self.training_texts())
        text = t("picker.offline.texts", count=count) if count else t("picker.offline.no_texts")
        self._offline_hint.value = (
            f"<div style='color:#555;font-size:0.9em'>{html.escape(text)}</div>"
        )
        push_state(self._offline_hint)

    # ------------------------------------------------------------------ loading

    def _on_load_button_click(self, _button: Any) -> None:
        self._message.clear()
        self._warnings.clear()
        self._fallback_button.layout.display = "none"
        choice = self.choice.strip()
        if not choice:
            self._show_error(ModelError("picker.empty_choice"))
            return
        is_offline = choice.startswith("offline")
        texts = self.training_texts() if is_offline else None
        seed = self.seed

        def work(should_stop: Callable[[], bool]) -> tuple[models.ModelBundle, list[str]]:
            def report(progress: Any) -> None:
                if not should_stop():  # a cancelled load's progress is no longer shown
                    self._in_kernel(self._show_download, progress)

            bundle = models.load_model(
                choice, texts=texts, seed=seed, on_progress=report, should_stop=should_stop
            )
            return bundle, models.unknown_spanish_letters(bundle.tokenizer)

        self._start(work, choice)

    def _on_fallback_button_click(self, _button: Any) -> None:
        self._tabs.selected_index = TAB_OFFLINE  # the choice follows the tab
        self.load()

    def _show_download(self, progress: Any) -> None:
        """Show a download's progress (a few times a second, on the kernel's thread)."""
        self.download = progress
        self._progress_bar.value = float(progress.percent)
        self._progress_text.value = (
            f"<span style='font-size:0.9em'>{html.escape(progress.describe())}</span>"
        )
        self._progress_row.layout.display = None
        for child in (self._progress_bar, self._progress_text, self._progress_row):
            push_state(child)

    def _hide_download(self) -> None:
        self.download = None
        self._progress_row.layout.display = "none"
        push_state(self._progress_row)

    def _start(self, work: Callable, choice: str) -> None:
        self.run_in_background(
            work,
            lambda result: self._show_loaded(*result),
            status=Status.LOADING,
            message=t("picker.status.loading", choice=choice),
        )

    def _show_loaded(self, bundle: models.ModelBundle, missing_letters: list[str]) -> None:
        self._hide_download()
        self._render_availability()
        self.spanish_warning = list(missing_letters)
        # The offline model's label already gives its size; others show it here.
        key = (
            "picker.status.loaded_offline"
            if bundle.source.kind == "offline"
            else "picker.status.loaded"
        )
        lines = [
            t(
                key,
                label=bundle.label(),
                kind=t(f"models.kind.{bundle.architecture}"),
                params=models.format_parameter_count(bundle.num_parameters()),
            )
        ]
        entry = models.catalog_entry(bundle.source.name) if bundle.source.kind == "hub" else None
        if entry is not None:  # the catalog's card of the model: what it is, its licence
            lines.append(
                t(
                    "picker.card",
                    note=_note(entry.note),
                    license=entry.license,
                    languages=entry.languages,
                )
            )
        if bundle.prefix:
            lines.append(t("picker.prefix", prefix=bundle.prefix))
        self._status_line.value = "<br>".join(html.escape(line) for line in lines)
        if missing_letters:
            self._warnings.show_warnings(
                [t("models.no_spanish", letters=" ".join(missing_letters))]
            )
        self.bundle = bundle
        self.status = Status.LOADED
        for child in (self._status_line, self._warnings):
            push_state(child)
        self._emit("model_loaded", bundle)

    def _fail(self, error: BaseException) -> None:
        self._hide_download()
        super()._fail(error)
        if getattr(as_user_error(error), "key", "") in _NO_CONNECTION_KEYS:
            self._fallback_button.layout.display = None
            push_state(self._fallback_button)
            self._online = False  # the recommendation turns to the offline model
            self._render_recommendation()

    def _render_busy(self, busy: bool) -> None:
        self._cancel_button.layout.display = None if busy else "none"
        self._load_button.disabled = busy
        self._fallback_button.disabled = busy
        for child in (self._cancel_button, self._load_button, self._fallback_button):
            push_state(child)

    def _on_cancel_button_click(self, _button: Any) -> None:
        self.cancel()


# ---------------------------------------------------------------------- pure rendering helpers


def models_hardware():
    from ..engine.hardware import detect_hardware

    return detect_hardware()


def _offline_size_label(name: str) -> str:
    label = t(f"picker.offline.size.{name}")
    return name if label == f"picker.offline.size.{name}" else label


def _note(key: str) -> str:
    """The catalog note's text, or nothing while the catalog lacks that message."""
    text = t(key)
    return "" if text == key else text


def catalog_html(selected: str | None = None) -> str:
    """The engine's catalog as an escaped HTML table; the selected model's row highlighted."""
    cell = "border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top"
    headers = (
        "model",
        "kind",
        "params",
        "memory_full",
        "memory_lora",
        "step",
        "languages",
        "spanish",
        "license",
        "note",
    )
    head = "".join(
        f"<th style='{cell}'>{html.escape(t(f'picker.column.{key}'))}</th>" for key in headers
    )
    rows = []
    for entry in models.CATALOG:
        cost = measured_cost(entry.model_id)
        step = (
            t(
                "picker.step",
                full=format_seconds(cost.step_seconds(False)),
                lora=format_seconds(cost.step_seconds(True)),
            )
            if cost is not None
            else "—"
        )
        values = (
            entry.model_id,
            t(f"models.kind.{entry.architecture}"),
            models.format_parameter_count(entry.params_millions * 1e6),
            format_gigabytes(entry.memory_gb(lora=False)),
            format_gigabytes(entry.memory_gb(lora=True)),
            step,
            entry.languages,
            t("picker.yes") if entry.spanish else t("picker.no"),
            entry.license,
            # What the model is for, then whether it fits in Binder (from its measured peak).
            " ".join(part for part in (_note(entry.note), entry.binder_advice()) if part),
        )
        background = ";background:#e8f0fe" if entry.model_id == selected else ""
        cells = "".join(
            f"<td style='{cell}{background}'>{html.escape(str(value))}</td>" for value in values
        )
        rows.append(f"<tr data-model='{html.escape(entry.model_id, quote=True)}'>{cells}</tr>")
    return (
        "<div style='overflow-x:auto'><table style='border-collapse:collapse;font-size:0.9em'>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )
