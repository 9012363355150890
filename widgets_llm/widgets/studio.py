"""Studio: the whole job as guided steps, for people who do not write code.

The code-free dashboard (``dashboards/estudio.ipynb``) is just ``Studio(data_dir="data")``.
The Studio holds no engine logic: each step is one of the package's components
(:class:`DatasetUploader`, :class:`TokenVisualizer`, :class:`ModelPicker`,
:class:`HyperparameterPanel`, :class:`TrainingChart`, :class:`SummaryDiffViewer`,
:class:`GenerationPlayground`, :class:`RunManager`), and the Studio only carries the state from
one to the next by wiring their traits and events::

    data ─ dataset ─▶ tokens (examples, lengths), model (vocabulary), hyperparameters (estimate)
    tokens ─ chosen lengths ─▶ configuration
    model ─ bundle ─▶ tokens (its tokenizer), hyperparameters (estimate), training
    hyperparameters ─ config ─▶ training
    training ─ finished ─▶ evaluation (tuned model), playground, run manager (what to save)
    evaluation ─ comparison ─▶ run manager (metrics)

Steps are built the first time they are opened, so the page appears quickly and each module
(and its heavy libraries) loads only when needed. The Studio keeps the state itself (traits
``dataset``, ``bundle``, ``config``, ``result``...) and gives it to a step when it is built.
Going back and changing a step clearly resets what depended on it: new data discards the
model, the training and the comparison; a new model discards the training and the comparison.
"""

from __future__ import annotations

import html
import logging
import os
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

import ipywidgets as widgets
import traitlets

from ..engine.config import TrainingConfig, preset
from ..errors import DataError, TrainingError
from ..logs import start_log_file
from ..messages import t
from ._common import (
    LatestTask,
    MessageArea,
    Status,
    _Component,
    enable_colab_widgets,
    help_text,
    push_state,
)

logger = logging.getLogger(__name__)

#: The steps, in order (keys of :attr:`Studio.completed` and of :meth:`Studio.component`).
STEPS = ("data", "tokens", "model", "config", "training", "evaluation", "experiments", "save")
#: Sub-folder of ``runs_dir`` where a training keeps its checkpoints while it runs (saved runs
#: live beside it; a folder without ``run.json`` is never listed as a run).
CHECKPOINTS_FOLDER = ".checkpoints"
#: Sub-folder of ``runs_dir`` where every finished training is saved on its own, evaluated on
#: the test split, for the «Experimentos» step's board.
EXPERIMENTS_FOLDER = "experimentos"
#: Statuses of a training result that leave a model that learned something.
_TRAINED_STATUSES = ("finished", "stopped")

#: Tabs as wide as their titles (ipywidgets cuts long titles at a fixed width): ipywidgets 8
#: (Lumino ``lm-``) and 7 (PhosphorJS ``p-``) class names.
_TAB_STYLE = (
    "<style>"
    ".wllm-studio .lm-TabBar-tab, .wllm-studio .p-TabBar-tab "
    "{flex: 0 1 auto !important; max-width: none !important;}"
    "</style>"
)
#: The progress summary is a status list, not buttons: flat cells with a coloured edge (no
#: rounded pill that invites a click), in a fixed grid so that the row never wraps differently
#: from one step to the next and the navigation below it stays in place.
_STYLE_DONE = "background:#e6f4ea;color:#1e6b34;border-left:4px solid #34a853"
_STYLE_CURRENT = "background:#e8f0fe;color:#1a4d8f;border-left:4px solid #1a4d8f;font-weight:bold"
_STYLE_PENDING = "background:#f5f5f5;color:#555;border-left:4px solid #ccc"


class Studio(_Component):
    """Fine-tune a summarizer on your own texts in seven guided steps, without code.

    Steps (one tab each, with «Anterior»/«Siguiente» buttons and a progress summary):
    **Datos** (:class:`DatasetUploader`), **Tokens** (:class:`TokenVisualizer`), **Modelo**
    (:class:`ModelPicker`), **Hiperparámetros** (:class:`HyperparameterPanel`),
    **Entrenamiento** (:class:`TrainingChart` over the engine's ``TrainingRun``),
    **Evaluación y comparación** (:class:`SummaryDiffViewer`) and **Guardar y usar**
    (:class:`RunManager` and :class:`GenerationPlayground`). Each step starts with a short
    text saying what to do, and a note when something from an earlier step is missing.

    Parameters
    ----------
    data_dir:
        The only folder whose files the data step's file chooser shows (created when missing;
        files in it are only read).
    runs_dir:
        Folder where trainings are saved (and where a training keeps its checkpoints, in
        ``runs_dir/.checkpoints/``).
    config:
        Starting training configuration (default: the ``balanced`` preset).
    example:
        Bundled example offered by the data step.
    auto_estimate:
        Let the hyperparameters step estimate time and memory by itself after each change
        (the estimate runs a few training steps; ``False`` leaves it to its button).
    synchronous:
        Run every component's work (reading, loading, estimating, comparing, saving) in the
        calling thread, for tests and scripts. Training always runs in its own thread
        (``TrainingRun.start``); wait for it with ``studio.run.join()``.

    Attributes
    ----------
    dataset : PreparedData or None (trait, observable)
        The prepared data of the data step.
    bundle : ModelBundle or None (trait, observable)
        The model loaded in the model step (trained in place by the training step).
    config : TrainingConfig (trait, observable)
        The training configuration (hyperparameters step, and the lengths chosen in the
        tokens step).
    run : TrainingRun or None (trait, observable)
        The latest training run.
    result : TrainingResult or None (trait, observable)
        The latest training's result.
    comparison : Comparison or None (trait, observable)
        The latest base-vs-tuned comparison.
    saved_path : Path or None (trait, observable)
        The folder of the latest saved run.
    experiment_paths : list of Path (trait, observable)
        The run folders saved on their own in ``runs_dir/experimentos`` after each training of
        this session (the «Experimentos» step's board lists them with any earlier ones).
    step : int (trait, observable)
        Index (from 0) of the step shown; setting it opens that step.
    status : Status (trait, observable)
        The Studio's own work: ``saving`` while the latest training is evaluated and saved for
        the «Experimentos» step, then ``saved`` (or ``error``); ``idle`` otherwise. Each step's
        component has its own ``status``.
    completed : dict
        ``{step: bool}`` — which steps are done.

    Methods
    -------
    go_to(step), next_step(), previous_step(), component(step), join(timeout)
    """

    dataset = traitlets.Any(None, allow_none=True).tag(sync=False)
    #: Plain texts without summaries for the warm-up (the data step's optional second upload).
    extra_texts = traitlets.List().tag(sync=False)
    bundle = traitlets.Any(None, allow_none=True).tag(sync=False)
    config = traitlets.Instance(TrainingConfig).tag(sync=False)
    run = traitlets.Any(None, allow_none=True).tag(sync=False)
    result = traitlets.Any(None, allow_none=True).tag(sync=False)
    comparison = traitlets.Any(None, allow_none=True).tag(sync=False)
    saved_path = traitlets.Any(None, allow_none=True).tag(sync=False)
    experiment_paths = traitlets.List().tag(sync=False)
    step = traitlets.Int(0).tag(sync=False)

    def __init__(
        self,
        data_dir: str | os.PathLike = "data",
        runs_dir: str | os.PathLike = "runs",
        *,
        config: TrainingConfig | None = None,
        example: str = "ejemplo_es",
        auto_estimate: bool = True,
        synchronous: bool = False,
        **kwargs: Any,
    ):
        # 1. Arguments
        if config is not None and not isinstance(config, TrainingConfig):
            raise TypeError(f"config must be a TrainingConfig, not {type(config).__name__}")
        folder = Path(data_dir).expanduser()
        try:
            folder.mkdir(parents=True, exist_ok=True)  # an empty folder to put files in
        except OSError as error:
            raise DataError(
                "studio.data_dir_problem", path=str(folder), detail=str(error)
            ) from error
        super().__init__(synchronous=synchronous, **kwargs)
        self.data_dir = folder.resolve()
        self.runs_dir = Path(runs_dir).expanduser()
        # What goes wrong unexpectedly is written, with its details, to a file in the runs
        # folder that a person can attach to a bug report (the error message names it).
        try:
            self.log_path: Path | None = start_log_file(self.runs_dir)
        except OSError:  # a folder that cannot be written: the studio works without a log
            self.log_path = None
        self.example = example
        self.auto_estimate = bool(auto_estimate)
        self._components: dict[str, widgets.Widget] = {}
        self._visited: set[str] = set()
        self._english_tokenizer: Any = None
        # The example tokenizer is built on the side (saving the latest training, the Studio's
        # other background work, goes through run_in_background).
        self._english_work = LatestTask(lambda: None, deliver=self._kernel.call)
        self._english_preparing = False
        self._model_choice: str | None = None  # remembered when the model step is rebuilt
        self._chosen_lengths: tuple[int, int] | None = (
            None  # from the data, in «Tokens»: presets keep them
        )
        self._reset_note = ""
        enable_colab_widgets()

        # 2. Children
        self._style = widgets.HTML(_TAB_STYLE)
        self._intro = help_text(studio_text("studio.intro"))
        self._progress = widgets.HTML()
        self._notes = {key: MessageArea() for key in STEPS}
        # Before training: what the offline model can do, and the warm-up the run will do.
        self._plan_note = MessageArea()
        # After training: the run being saved for the «Experimentos» step, then where it went.
        self._experiment_note = MessageArea()
        self._plan_cache: tuple[Any, Any] | None = None
        self._bodies = {key: widgets.VBox() for key in STEPS}
        self._step_boxes = [
            widgets.VBox(
                [_step_help(studio_text(f"studio.help.{key}")), self._notes[key], self._bodies[key]]
            )
            for key in STEPS
        ]
        self._tabs = widgets.Tab(children=self._step_boxes)
        for index, key in enumerate(STEPS):
            self._tabs.set_title(
                index,
                studio_text(
                    "studio.step.numbered", number=index + 1, name=studio_text(f"studio.step.{key}")
                ),
            )
        self._navigations = [self._build_navigation() for _ in range(2)]

        # 3. Events
        self._tabs.observe(self._on_tabs_selected_index, names="selected_index")
        for previous_button, next_button, _position, _row in self._navigations:
            previous_button.on_click(self._on_previous_button_click)
            next_button.on_click(self._on_next_button_click)
        self.observe(self._on_step_change, names="step")
        self.observe(self._on_dataset_change, names="dataset")
        self.observe(self._on_extra_texts_change, names="extra_texts")
        self.observe(self._on_bundle_change, names="bundle")
        self.observe(self._on_config_change, names="config")
        self.observe(self._on_result_change, names="result")
        self.observe(self._on_comparison_change, names="comparison")
        self.observe(self._on_saved_path_change, names="saved_path")

        # 4. Layout
        children = [
            self._style,
            self._intro,
            self._progress,
            self._navigations[0][3],
            self._message,
            self._tabs,
            self._navigations[1][3],
        ]

        # 5. First render
        self.children = children
        self.add_class("wllm-studio")
        self.config = config if config is not None else preset("balanced")
        self._tabs.selected_index = 0
        self._open_step(0)

    # ------------------------------------------------------------------ children

    def _build_navigation(
        self,
    ) -> tuple[widgets.Button, widgets.Button, widgets.HTML, widgets.HBox]:
        previous_button = widgets.Button(
            description=studio_text("studio.nav.previous"), layout=widgets.Layout(width="auto")
        )
        next_button = widgets.Button(
            description=studio_text("studio.nav.next"),
            button_style="primary",
            layout=widgets.Layout(width="auto"),
        )
        position = widgets.HTML(layout=widgets.Layout(margin="0 12px"))
        row = widgets.HBox(
            [previous_button, position, next_button],
            layout=widgets.Layout(align_items="center", margin="6px 0"),
        )
        return previous_button, next_button, position, row

    # ------------------------------------------------------------------ public API

    @property
    def completed(self) -> dict[str, bool]:
        """Which steps are done: ``{step: bool}`` in order."""
        trained = _trained(self.result)
        return {
            "data": self.dataset is not None,
            "tokens": self.dataset is not None and "tokens" in self._visited,
            "model": self.bundle is not None,
            "config": self.bundle is not None and ("config" in self._visited or trained),
            "training": trained,
            "evaluation": self.comparison is not None,
            "experiments": bool(self.experiment_paths),
            "save": self.saved_path is not None,
        }

    @property
    def experiments_dir(self) -> Path:
        """Where every finished training is saved on its own (``runs_dir/experimentos``)."""
        return self.runs_dir / EXPERIMENTS_FOLDER

    def saving_experiment(self) -> bool:
        """Whether the latest training is still being evaluated and saved for the board."""
        # A cancelled save no longer counts as busy, but its thread may still use the model.
        return self.busy or self._work.running

    def join(self, timeout: float | None = None) -> None:
        """Wait for the Studio's own background work (the example tokenizer, saving the latest
        training for the board), then show its result. A training: ``studio.run.join()``."""
        self._english_work.join(timeout)
        super().join(timeout)

    def go_to(self, step: str | int) -> widgets.Widget:
        """Open a step (by key, e.g. ``"model"``, or index); returns its component."""
        index = STEPS.index(step) if isinstance(step, str) else int(step)
        if not 0 <= index < len(STEPS):
            raise ValueError(f"step must be one of {STEPS} or 0..{len(STEPS) - 1}, not {step!r}")
        self.step = index
        return self.component(STEPS[index])

    def next_step(self) -> None:
        """Open the next step (as «Siguiente» does)."""
        if self.step < len(STEPS) - 1:
            self.step += 1

    def previous_step(self) -> None:
        """Open the previous step (as «Anterior» does)."""
        if self.step > 0:
            self.step -= 1

    def component(self, step: str) -> widgets.Widget:
        """The component of a step (``"data"``, ..., ``"save"``), built now if it was not yet.

        Two steps hold two components: in the first, ``"data"`` is its :class:`DatasetUploader`
        and ``"extra_texts"`` its :class:`PlainTextsUploader`; in the last, ``"save"`` is its
        :class:`RunManager`, ``"playground"`` its :class:`GenerationPlayground` and
        ``"recipe_export"`` its :class:`RecipeExport` («Repetir fuera del estudio»).
        """
        key = {"playground": "save", "recipe_export": "save", "extra_texts": "data"}.get(step, step)
        if key not in STEPS:
            raise ValueError(
                f"step must be one of {STEPS}, 'extra_texts', 'playground' or 'recipe_export', "
                f"not {step!r}"
            )
        if key not in self._components:
            self._build_step(key)
        return self._components[step]

    # ------------------------------------------------------------------ navigation

    def _on_tabs_selected_index(self, change: dict) -> None:
        if change["new"] is not None and change["new"] != self.step:
            self.step = change["new"]

    def _on_previous_button_click(self, _button: Any) -> None:
        self.previous_step()

    def _on_next_button_click(self, _button: Any) -> None:
        self.next_step()

    def _on_step_change(self, change: dict) -> None:
        index = change["new"]
        if not 0 <= index < len(STEPS):
            self.step = change["old"]
            return
        if self._tabs.selected_index != index:
            self._tabs.selected_index = index
        self._message.clear()  # notes about the step left behind
        push_state(self._message)
        self._open_step(index)
        self._show_chart_only_in_its_step()

    def _show_chart_only_in_its_step(self) -> None:
        """The training chart draws its figures only while its step is shown.

        A browser on the same computer redraws every figure it is sent, and that time comes
        out of training (issue 14): in another step, only the chart's progress line is kept
        up to date, and the figures catch up when the person comes back.
        """
        chart = self._components.get("training")
        if chart is not None:
            chart.visible = STEPS[self.step] == "training"

    def _open_step(self, index: int) -> None:
        key = STEPS[index]
        if key not in self._components:
            self._build_step(key)
        if key in ("tokens", "config") and self.dataset is not None:
            self._visited.add(key)
        self._render()

    # ------------------------------------------------------------------ building the steps

    def _build_step(self, key: str) -> None:
        builder: Callable[[], list[widgets.Widget]] = getattr(self, f"_build_{key}_step")
        self._bodies[key].children = tuple(builder())
        push_state(self._bodies[key])

    def _build_data_step(self) -> list[widgets.Widget]:
        from .dataset_uploader import DatasetUploader

        uploader = DatasetUploader(
            self.data_dir, synchronous=self.synchronous, example=self.example
        )
        uploader.observe(self._kernel_side(self._on_uploader_dataset), names="dataset")
        self._components["data"] = uploader
        from .plain_texts_uploader import PlainTextsUploader

        extra = PlainTextsUploader(synchronous=self.synchronous)
        extra.on_texts_loaded(self._kernel_side(self._on_extra_texts_loaded))
        self._components["extra_texts"] = extra
        return [uploader, extra]

    def _build_tokens_step(self) -> list[widgets.Widget]:
        from .token_visualizer import TokenVisualizer

        visualizer = TokenVisualizer(
            tokenizers=self._fallback_tokenizers(),
            bundle=self.bundle,
            dataset=self.dataset,
            max_input_length=self.config.max_input_length,
            max_target_length=self.config.max_target_length,
            synchronous=self.synchronous,
        )
        visualizer.on_lengths_chosen(self._kernel_side(self._on_lengths_chosen))
        self._components["tokens"] = visualizer
        # The example tokenizer may have arrived from its thread while the visualizer was being
        # built, too late for the constructor and too early to find the component registered.
        if (
            self.bundle is None
            and not visualizer.tokenizers
            and self._english_tokenizer is not None
        ):
            visualizer.tokenizers = self._fallback_tokenizers()
        return [visualizer]

    def _build_model_step(self) -> list[widgets.Widget]:
        from .model_picker import ModelPicker

        # Its folder browser starts where saved trainings are (a model folder of one can be loaded).
        models_dir = self.runs_dir if self.runs_dir.is_dir() else self.data_dir
        picker = ModelPicker(
            self._model_choice,
            dataset=self.dataset,
            models_dir=models_dir,
            synchronous=self.synchronous,
            seed=self.config.seed,
        )
        picker.on_model_loaded(self._kernel_side(self._on_model_loaded))
        picker.observe(self._kernel_side(self._on_picker_choice), names="choice")
        self._components["model"] = picker
        self._share_vocabulary_texts()
        return [picker]

    def _build_config_step(self) -> list[widgets.Widget]:
        from .hyperparameter_panel import HyperparameterPanel

        panel = HyperparameterPanel(
            self.config,
            bundle=self.bundle,
            data=self.dataset,
            auto_estimate=self.auto_estimate,
            synchronous=self.synchronous,
        )
        panel.disabled = self._training_now()
        panel.extra_texts = list(self.extra_texts)
        panel.chosen_lengths = self._chosen_lengths
        panel.on_config_changed(self._kernel_side(self._on_panel_config_changed))
        panel.observe(
            self._kernel_side(self._on_panel_estimate), names="estimate"
        )  # the warm-up's measured time
        # «Repetir fuera del estudio» in the panel offers the same recipe as the last step.
        panel.make_recipe = self.recipe
        panel.recipe_export.folder = str(self.recipe_folder())
        panel.render_recipe()
        self._components["config"] = panel
        return [panel]

    def _build_training_step(self) -> list[widgets.Widget]:
        from .training_chart import TrainingChart

        chart = TrainingChart(make_run=self._make_run)
        # The chart reports from the training thread: the Studio's updates run on the kernel's.
        chart.observe(self._kernel_side(self._on_chart_status), names="status")
        chart.on_training_finished(self._kernel_side(self._on_training_finished))
        if self.run is not None:
            chart.attach(self.run)  # a run started before this step was rebuilt
        self._components["training"] = chart
        chart.visible = STEPS[self.step] == "training"
        self._render_plan()
        return [self._plan_note, chart, self._experiment_note]

    def _build_evaluation_step(self) -> list[widgets.Widget]:
        from .summary_diff_viewer import SummaryDiffViewer

        viewer = SummaryDiffViewer(
            self.comparison,
            tuned=self.bundle if _trained(self.result) else None,
            dataset=self.dataset,
            generation=self._generation_settings(),
            synchronous=self.synchronous,
        )
        viewer.on_comparison_ready(self._kernel_side(self._on_comparison_ready))
        self._components["evaluation"] = viewer
        return [viewer]

    def _build_experiments_step(self) -> list[widgets.Widget]:
        from .experiment_board import ExperimentBoard

        self.experiments_dir.mkdir(parents=True, exist_ok=True)
        board = ExperimentBoard(
            str(self.experiments_dir),
            data=self.dataset,
            config=self.config,
            model=self._model_choice or "offline",
            synchronous=self.synchronous,
        )
        variant_button = widgets.Button(
            description=studio_text("studio.experiments.variant"),
            button_style="primary",
            tooltip=studio_text("studio.experiments.variant.tooltip"),
            layout=widgets.Layout(width="auto", align_self="flex-start"),
        )
        variant_button.on_click(self._on_variant_button_click)
        board.add_class("wllm-studio-experiments")
        self._components["experiments"] = board
        self._variant_button = variant_button
        if self.experiment_paths:
            board.select([Path(self.experiment_paths[-1]).name])
        return [self._experiment_note, variant_button, board]

    def _build_save_step(self) -> list[widgets.Widget]:
        from .generation_playground import GenerationPlayground
        from .run_manager import RunManager

        trained = _trained(self.result)
        manager = RunManager(
            str(self.runs_dir),
            bundle=self.bundle if trained else None,
            config=self._trained_config() if trained else None,
            result=self.result if trained else None,
            metrics=self.comparison,
            data_info=self._data_info(),
            generation=self._generation_settings(),
            synchronous=self.synchronous,
        )
        manager.on_run_saved(self._kernel_side(self._on_run_saved))
        manager.on_run_loaded(self._kernel_side(self._on_run_loaded))
        playground = GenerationPlayground(
            self.bundle if trained else None,
            dataset=self.dataset,
            settings=self._generation_settings(),
            synchronous=self.synchronous,
        )
        from .recipe_export import RecipeExport

        export = RecipeExport(
            self.recipe(), folder=self.recipe_folder(), synchronous=self.synchronous
        )
        self._components["save"] = manager
        self._components["playground"] = playground
        self._components["recipe_export"] = export
        return [manager, playground, export]

    def _kernel_side(self, handler: Callable[..., Any]) -> Callable[..., None]:
        """``handler`` as a listener of a step's component: it runs on the kernel's thread,
        whichever thread the component (or a training) reports from."""
        return lambda *args: self._in_kernel(handler, *args)

    def _discard(self, *keys: str) -> None:
        """Forget the components of these steps: they are built again, fresh, when opened."""
        for key in keys:
            component = self._components.pop(key, None)
            if key == "save":
                self._components.pop("playground", None)
                self._components.pop("recipe_export", None)
            if component is None:
                continue
            if key == "training" and hasattr(component, "detach"):
                component.detach()
            self._bodies[key].children = ()
            push_state(self._bodies[key])
            if STEPS[self.step] == key:  # the step on screen: rebuild it at once
                self._build_step(key)

    # ------------------------------------------------------------------ wiring: data

    def _on_uploader_dataset(self, change: dict) -> None:
        self.dataset = change["new"]

    def _on_extra_texts_loaded(self, texts: list[str]) -> None:
        self.extra_texts = list(texts)

    def _on_extra_texts_change(self, _change: dict) -> None:
        self._share_vocabulary_texts()
        panel = self._components.get("config")
        if panel is not None:
            panel.extra_texts = list(self.extra_texts)
        if self.bundle is not None and self.bundle.source.kind == "offline" and self.extra_texts:
            # Its vocabulary was learned without them; the warm-up uses them anyway.
            self._message.show(studio_text("studio.extra_texts.reload_model"), "info")
            push_state(self._message)
        self._render_plan()
        self._render_recipe_export()

    def _share_vocabulary_texts(self) -> None:
        """The model picker builds the offline model's vocabulary from the pairs and the extra
        texts."""
        picker = self._components.get("model")
        if picker is None:
            return
        if self.extra_texts and self.dataset is not None:
            from ..engine.pipeline import vocabulary_texts

            picker.texts = vocabulary_texts(self.dataset, self.extra_texts)
        else:
            picker.texts = None

    def _on_dataset_change(self, change: dict) -> None:
        dataset = change["new"]
        self._visited.discard("tokens")  # the new texts have not been looked at yet
        had_downstream = self.bundle is not None or self.result is not None
        self._cancel_experiment_save()
        self.experiment_paths = []  # they stay saved; the progress counts the runs on this data
        self._chosen_lengths = None  # chosen for the old texts
        panel = self._components.get("config")
        if panel is not None:
            panel.chosen_lengths = None
        if self.bundle is not None or self.run is not None:
            # The offline model's vocabulary, the training and the comparison were made for the
            # old data: start them again.
            self._stop_training()
            self.bundle = None
            self.run = self.result = self.comparison = self.saved_path = None
            self._discard("model", "training", "evaluation", "save")
        if had_downstream:
            self._message.show(studio_text("studio.reset.new_data"), "info")
            push_state(self._message)
        for key, trait in (
            ("tokens", "dataset"),
            ("model", "dataset"),
            ("config", "data"),
            ("evaluation", "dataset"),
            ("playground", "dataset"),
            ("experiments", "data"),
        ):
            component = self._components.get(key)
            if component is not None:
                setattr(component, trait, dataset)
        self._share_vocabulary_texts()
        manager = self._components.get("save")
        if manager is not None:
            manager.data_info = self._data_info()
        if dataset is not None and self.bundle is None:
            self._prepare_english_tokenizer()
        self._render()

    # ------------------------------------------------------------------ wiring: tokens

    def _fallback_tokenizers(self) -> dict[str, Any]:
        """Before a model is loaded, the tokens step shows an English-only tokenizer."""
        if self.bundle is None and self._english_tokenizer is not None:
            return {t("tokviz.english.name"): self._english_tokenizer}
        return {}

    def _prepare_english_tokenizer(self) -> None:
        """Build the English-only example tokenizer in the background (it loads transformers)."""
        if self._english_tokenizer is not None or self._english_preparing:
            return

        def work(_should_stop: Callable[[], bool]) -> Any:
            from .token_visualizer import english_tokenizer

            return english_tokenizer()

        def done(tokenizer: Any) -> None:
            self._english_preparing = False
            self._english_tokenizer = tokenizer
            visualizer = self._components.get("tokens")
            if visualizer is not None and self.bundle is None:
                visualizer.tokenizers = self._fallback_tokenizers()
            self._render_notes()

        def failed(_error: BaseException) -> None:
            self._english_preparing = False  # only an example: the step works without it
            self._render_notes()

        self._english_preparing = True
        self._english_work.start(work, done, failed, synchronous=self.synchronous)

    def _on_lengths_chosen(self, max_input_length: int, max_target_length: int) -> None:
        self._chosen_lengths = (int(max_input_length), int(max_target_length))
        panel = self._components.get("config")
        if panel is not None:
            panel.chosen_lengths = self._chosen_lengths  # a preset keeps them
        self.config = self.config.updated(
            max_input_length=int(max_input_length), max_target_length=int(max_target_length)
        )

    # ------------------------------------------------------------------ wiring: model

    def _on_picker_choice(self, change: dict) -> None:
        self._model_choice = change["new"] or None
        board = self._components.get("experiments")
        if board is not None and self._model_choice:
            board.model = self._model_choice

    def _on_model_loaded(self, bundle: Any) -> None:
        self.bundle = bundle

    def _on_bundle_change(self, change: dict) -> None:
        old, bundle = change["old"], change["new"]
        self._cancel_experiment_save()
        if self.run is not None or self.result is not None:
            # The training and the comparison belonged to the previous model.
            self._stop_training()
            self.run = self.result = self.comparison = self.saved_path = None
            self._discard("training", "evaluation", "save")
            if old is not None and bundle is not None:
                self._message.show(studio_text("studio.reset.new_model"), "info")
                push_state(self._message)
        visualizer = self._components.get("tokens")
        if visualizer is not None:
            with visualizer.hold_trait_notifications():
                visualizer.tokenizers = self._fallback_tokenizers()
                visualizer.bundle = bundle
        panel = self._components.get("config")
        if panel is not None:
            panel.bundle = bundle
        self._render()

    # ------------------------------------------------------------------ wiring: configuration

    def _on_panel_config_changed(self, config: TrainingConfig) -> None:
        self.config = config

    def _on_panel_estimate(self, _change: dict) -> None:
        self._render_plan()

    def _on_config_change(self, change: dict) -> None:
        config: TrainingConfig = change["new"]
        panel = self._components.get("config")
        if panel is not None and panel.config != config:
            panel.config = config
        board = self._components.get("experiments")
        if board is not None:
            board.config = config  # the base configuration of its sweeps
        visualizer = self._components.get("tokens")
        if visualizer is not None:
            with visualizer.hold_trait_notifications():
                visualizer.max_input_length = config.max_input_length
                visualizer.max_target_length = config.max_target_length
        self._render_plan()
        self._render_recipe_export()

    # ------------------------------------------------------------------ wiring: training

    def _make_run(self) -> Any:
        """The TrainingChart's Start: a new engine ``TrainingRun`` with the current state."""
        if self.dataset is None:
            raise TrainingError("studio.no_data", **button_labels())
        if self.bundle is None:
            raise TrainingError("studio.no_model", **button_labels())
        if self.saving_experiment():
            # Its summaries are being written with the model this training would change.
            raise TrainingError("studio.experiments.still_saving", **button_labels())
        from ..engine.training import TrainingRun, restore_base_weights

        # Work still using the model (a comparison, a summary, an estimate being measured) stops;
        # the run waits for it to let go (engine/lease.py): the model has one owner at a time.
        for key in ("config", "evaluation", "playground"):
            component = self._components.get(key)
            if component is not None:
                component.cancel()
        # Every training starts from the base model, never from the one the last training tuned
        # (that one is saved in Experimentos).
        restore_base_weights(self.bundle)
        self._show_experiment_note("", "info")  # the last training's note: this one is new
        output_dir = (
            self.runs_dir / CHECKPOINTS_FOLDER / datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        )
        run = TrainingRun(
            self.bundle,
            self.dataset.splits,
            self.config,
            output_dir,
            extra_texts=list(self.extra_texts),
        )
        self.run = run
        return run

    def _on_chart_status(self, change: dict) -> None:
        training = change["new"] in ("running", "stopping")
        # The configuration cannot change (nor be estimated, which runs the model) mid-training.
        self._lock_config(training)
        if change["new"] == "running" and self.result is not None:
            # The model is changing: the previous result, comparison and playground no longer
            # describe it (nothing may generate with it while it trains).
            self.result = None
        self._render_notes()

    def _on_training_finished(self, result: Any) -> None:
        self.result = result
        logger.info(
            "training ended: %s after %s steps",
            getattr(result, "status", "?"),
            getattr(result, "steps", "?"),
        )
        if _trained(result):
            self._message.show(studio_text("studio.training.finished"), "success")
            push_state(self._message)
            self._save_experiment(result)

    # ------------------------------------------------------------------ wiring: experiments

    def _save_experiment(self, result: Any) -> None:
        """Evaluate the finished training on the test split and save it in ``experiments_dir``."""
        from ..engine.pipeline import evaluate_and_save

        dataset, bundle, config = self.dataset, self.bundle, self._trained_config()
        folder = self.experiments_dir / _experiment_name(bundle)
        self._show_experiment_note(
            studio_text("studio.experiments.saving", count=len(dataset.splits["test"])), "info"
        )

        recipe = self.recipe(output=folder)

        def work(should_stop: Callable[[], bool]) -> Any:
            return evaluate_and_save(
                dataset, bundle, config, folder, result, should_stop=should_stop, recipe=recipe
            )

        def done(path: Any) -> None:
            if path is None:
                self.status = Status.IDLE
                return
            self.status = Status.SAVED
            self.experiment_paths = [*self.experiment_paths, Path(path)]
            self._show_experiment_note(
                studio_text("studio.experiments.saved", name=Path(path).name), "success"
            )
            board = self._components.get("experiments")
            if board is not None:
                board.refresh()
                board.select([Path(path).name])
            self._render()

        def failed(error: BaseException) -> None:
            from ..engine.evaluation import EvaluationStopped

            if isinstance(error, EvaluationStopped):  # the data or the model changed meanwhile
                self.status = Status.IDLE
                self._show_experiment_note("", "info")
                return
            self.status = Status.ERROR
            self._experiment_note.show_error(error)
            push_state(self._experiment_note)

        self.run_in_background(work, done, status=Status.SAVING, on_error=failed)

    def _cancel_experiment_save(self) -> None:
        """The data or the model changed: the save under way stops (its late result is dropped)."""
        if self.busy:
            self.cancel_work(message_key=None, status=Status.IDLE)
            self._show_experiment_note("", "info")

    def _show_experiment_note(self, text: str, kind: str) -> None:
        if text:
            self._experiment_note.show(text, kind)
        else:
            self._experiment_note.clear()
        push_state(self._experiment_note)

    def _on_variant_button_click(self, _button: Any) -> None:
        self.train_another_variant()

    def train_another_variant(self) -> None:
        """Back to the hyperparameters, keeping the data and the base model (as «Entrenar otra
        variante» does): the model gets its base weights back, the next training starts from
        them."""
        if self._training_now() or self.saving_experiment():
            self._message.show(studio_text("studio.experiments.wait"), "info")
            push_state(self._message)
            return
        if self.bundle is None:
            self._message.show(studio_text("studio.needs.model"), "info")
            push_state(self._message)
            return
        from ..engine.training import restore_base_weights

        restore_base_weights(self.bundle)
        self.result = None  # the tuned model is gone from memory (it is saved in Experimentos)
        self.go_to("config")
        self._message.show(studio_text("studio.experiments.variant_ready"), "info")
        push_state(self._message)

    def _on_result_change(self, change: dict) -> None:
        result = change["new"]
        trained = _trained(result)
        # A comparison or a saved run were made for the model as it was before.
        self.comparison = None
        self.saved_path = None
        tuned = self.bundle if trained else None
        viewer = self._components.get("evaluation")
        if viewer is not None:
            with viewer.hold_trait_notifications():
                viewer.generation = self._generation_settings()
                viewer.comparison = None
                viewer.tuned = tuned
        manager = self._components.get("save")
        if manager is not None:
            with manager.hold_trait_notifications():
                manager.bundle = tuned
                manager.config = self._trained_config() if trained else None
                manager.result = result if trained else None
                manager.metrics = None
                manager.data_info = self._data_info()
                manager.generation = self._generation_settings()
        playground = self._components.get("playground")
        if playground is not None:
            with playground.hold_trait_notifications():
                playground.settings = self._generation_settings()
                playground.base = None
                playground.tuned = tuned
        self._render()

    def _lock_config(self, locked: bool) -> None:
        panel = self._components.get("config")
        if panel is not None:
            panel.disabled = locked

    def _training_now(self) -> bool:
        return self.run is not None and getattr(self.run, "status", "") in ("running", "stopping")

    def _stop_training(self) -> None:
        if self._training_now():
            self.run.stop()
            self._lock_config(False)

    def _trained_config(self) -> TrainingConfig:
        run_config = getattr(self.run, "config", None)
        return run_config if isinstance(run_config, TrainingConfig) else self.config

    def recipe_folder(self) -> Path:
        """Where the Studio's recipe is meant to live: the folder holding both the data folder and
        the runs folder (the current folder, usually), so that its paths stay inside it."""
        return Path(os.path.commonpath([self.data_dir, self.runs_dir.expanduser().absolute()]))

    def recipe(self, output: str | os.PathLike | None = None) -> Any:
        """The :class:`~widgets_llm.engine.recipe.Recipe` of the training the Studio holds (the
        one trained, else the next one), or None before the data: the data as prepared, the
        model, the configuration, the generation settings and ``output`` (default:
        ``runs_dir/repetir``)."""
        if self.dataset is None:
            return None
        from ..engine.recipe import Recipe

        picker = self._components.get("model")
        extra = self._components.get("extra_texts")
        trained = _trained(self.result)
        return Recipe.from_run(
            self.dataset,
            self.bundle if self.bundle is not None else (self._model_choice or "offline"),
            self._trained_config() if trained else self.config,
            generation=self._generation_settings() if self.bundle is not None else None,
            output=output if output is not None else self.runs_dir.expanduser() / "repetir",
            # Uploaded files: only their names are known (the recipe flags them as missing).
            extra_texts=list(getattr(extra, "names", ()) or ()) if self.extra_texts else (),
            model_seed=getattr(picker, "seed", None) if self.bundle is not None else None,
        )

    def _generation_settings(self) -> Any:
        """How summaries are written: the lengths the model was (or will be) trained with."""
        from ..engine.generation import settings_for

        config = self._trained_config() if _trained(self.result) else self.config
        # The offline model writes by copying from the text (engine.generation.settings_for).
        return settings_for(self.bundle, config)

    def _data_info(self) -> dict | None:
        if self.dataset is None:
            return None
        from ..engine.runs import describe_data

        return describe_data(self.dataset)

    # --------------------------------------------------------------- wiring: evaluation and saving

    def _on_comparison_ready(self, comparison: Any) -> None:
        self.comparison = comparison

    def _on_comparison_change(self, change: dict) -> None:
        manager = self._components.get("save")
        if manager is not None:
            manager.metrics = change["new"]
        self._render()

    def _on_run_saved(self, path: Any) -> None:
        # The run manager saved the recipe it could make from the run; the Studio knows more
        # (where the data file is, how it was cleaned and split, the extra texts).
        recipe = self.recipe(output=path)
        if recipe is not None:
            from ..engine.recipe import RECIPE_FILE

            recipe.to_yaml(Path(path) / RECIPE_FILE)
        self.saved_path = Path(path)

    def _on_saved_path_change(self, change: dict) -> None:
        self._render()

    def _on_run_loaded(self, saved: Any) -> None:
        """A saved run opened in the last step: try it in the playground."""
        from ..engine.evaluation import load_base_bundle

        try:
            base = load_base_bundle(saved)
        except (
            Exception
        ):  # e.g. a hub base with no internet: the playground shows the tuned one only
            base = None
        playground = self._components.get("playground")
        if playground is not None:
            with playground.hold_trait_notifications():
                playground.settings = saved.generation_settings()
                playground.base = base
                playground.tuned = saved.bundle

    # ------------------------------------------------------------------ rendering

    def _render(self) -> None:
        self._render_progress()
        self._render_navigation()
        self._render_notes()
        self._render_plan()
        self._render_recipe_export()

    def _render_recipe_export(self) -> None:
        """«Repetir fuera del estudio» offers the recipe of what the Studio holds now."""
        export = self._components.get("recipe_export")
        if export is not None:
            recipe = self.recipe()
            if recipe != export.recipe:
                export.recipe = recipe

    def warmup_plan(self) -> Any:
        """The warm-up the next training will do (``None`` without data or model).

        Made by the engine from the data, the model and the configuration, as the run will make
        it; kept until one of them changes.
        """
        if self.dataset is None or self.bundle is None:
            return None
        config = self.config
        key = (
            id(self.dataset),
            id(self.bundle),
            config.warmup,
            config.warmup_steps,
            config.batch_size,
            config.gradient_accumulation_steps,
            config.max_steps,
            config.max_input_length,
            config.max_target_length,
            config.seed,
            config.learning_rate,
            id(self.extra_texts),
        )
        if self._plan_cache is None or self._plan_cache[0] != key:
            from ..engine.pipeline import warmup_plan

            self._plan_cache = (
                key,
                warmup_plan(self.dataset, self.bundle, config, self.extra_texts),
            )
        return self._plan_cache[1]

    def _render_plan(self) -> None:
        """Before training: what the offline model can and cannot do, and the warm-up it will do."""
        area = self._plan_note
        plan = self.warmup_plan() if not _trained(self.result) or self._training_now() else None
        if plan is None:
            area.clear()
            push_state(area)
            return
        parts = []
        if self.bundle.source.kind == "offline":
            parts.append(t("warmup.offline_limits"))
        parts.append(plan.describe())
        panel = self._components.get("config")
        estimate = getattr(panel, "estimate", None) if panel is not None else None
        if (
            plan.enabled
            and estimate is not None
            and getattr(estimate, "warmup_steps", 0) == plan.steps
        ):
            from ..engine.estimate import format_duration

            parts.append(t("warmup.plan.time", time=format_duration(estimate.warmup_seconds)))
        elif plan.enabled:
            parts.append(studio_text("studio.training.warmup_time_unknown"))
        area.show(" ".join(parts), "info")
        push_state(area)

    def _render_progress(self) -> None:
        completed = self.completed
        chips = []
        for index, key in enumerate(STEPS):
            if index == self.step:
                style, state = _STYLE_CURRENT, studio_text("studio.progress.current")
            elif completed[key]:
                style, state = _STYLE_DONE, studio_text("studio.progress.done")
            else:
                style, state = _STYLE_PENDING, studio_text("studio.progress.pending")
            done_class = " wllm-step-done" if completed[key] else ""
            chips.append(
                f"<span class='wllm-step wllm-step-{key}{done_class}' "
                f"style='{style};padding:3px 8px;"
                f"display:block;font-size:0.9em;cursor:default;white-space:nowrap;overflow:hidden;text-overflow:ellipsis'>"
                f"{index + 1}. {html.escape(t(f'studio.step.{key}'))} — {html.escape(state)}</span>"
            )
        title = studio_text("studio.progress.title", done=sum(completed.values()), total=len(STEPS))
        self._progress.value = (
            f"<div class='wllm-progress'><b>{html.escape(title)}</b>"
            "<div style='margin-top:4px;display:grid;"
            f"grid-template-columns:repeat(4,minmax(0,1fr));gap:4px'>{''.join(chips)}</div></div>"
        )
        push_state(self._progress)

    def _render_navigation(self) -> None:
        key = STEPS[self.step]
        text = studio_text(
            "studio.nav.position",
            number=self.step + 1,
            total=len(STEPS),
            name=studio_text(f"studio.step.{key}"),
        )
        for previous_button, next_button, position, _row in self._navigations:
            previous_button.disabled = self.step == 0
            next_button.disabled = self.step == len(STEPS) - 1
            position.value = f"<b>{html.escape(text)}</b>"
            for child in (previous_button, next_button, position):
                push_state(child)

    def _render_notes(self) -> None:
        """Under each step's help: what is missing from an earlier step, if anything."""
        trained = _trained(self.result)
        notes: dict[str, tuple[str, str] | None] = {key: None for key in STEPS}
        if self.dataset is None:
            for key in ("tokens", "model", "training", "evaluation"):
                notes[key] = (
                    studio_text("studio.needs.data")
                    if key != "model"
                    else studio_text("studio.model.offline_needs_data"),
                    "info",
                )
        elif self.bundle is None:
            ready = self._english_tokenizer is not None or not self._english_preparing
            notes["tokens"] = (
                studio_text("studio.tokens.english_first" if ready else "studio.tokens.preparing"),
                "info",
            )
            for key in ("config", "training"):
                notes[key] = (studio_text("studio.needs.model"), "info")
        elif _trained(self.result) and not self._training_now():
            notes["training"] = (studio_text("studio.training.retrain"), "info")
        if not trained and notes["evaluation"] is None:
            notes["evaluation"] = (studio_text("studio.needs.training"), "info")
        if not trained:
            notes["save"] = (studio_text("studio.needs.training"), "info")
        if not trained and not self.experiment_paths:
            notes["experiments"] = (studio_text("studio.experiments.needs_training"), "info")
        if notes["training"] is None and self._training_now():
            notes["training"] = (
                studio_text("studio.training.output", folder=str(self.run.output_dir)),
                "info",
            )
        for key, note in notes.items():
            area = self._notes[key]
            if note is None:
                area.clear()
            else:
                area.show(*note)
            push_state(area)


def button_labels() -> dict[str, str]:
    """The labels of the components' buttons that the Studio's texts name, in the current
    language."""
    return {
        "next": t("studio.nav.next"),
        "prepare": t("uploader.prepare"),
        "use_lengths": t("tokviz.use_lengths"),
        "load": t("picker.load"),
        "start": t("chart.start"),
        "compare": t("diff.compare"),
        "fast": t("config.preset.fast"),
        "balanced": t("config.preset.balanced"),
        "variant": t("studio.experiments.variant"),
    }


def studio_text(key: str, **params: Any) -> str:
    """A Studio text, naming the buttons as the components label them."""
    return t(key, **{**button_labels(), **params})


def _experiment_name(bundle: Any) -> str:
    """A run folder name that sorts by time and says the model:
    ``20261130-0912-offline-t5-mini``."""
    source = getattr(bundle, "source", None)
    label = str(getattr(source, "name", "") or "modelo").rstrip("/").split("/")[-1]
    if getattr(source, "kind", "") == "offline":
        label = f"offline-{label}" if not label.startswith("offline") else label
    label = "".join(c if c.isalnum() or c in "-_." else "-" for c in label)[:40]
    return f"{datetime.now():%Y%m%d-%H%M%S}-{label}"


def _trained(result: Any) -> bool:
    """Whether a training result left a model that learned something."""
    return (
        result is not None
        and getattr(result, "status", None) in _TRAINED_STATUSES
        and getattr(result, "steps", 0) > 0
    )


def _step_help(text: str) -> widgets.HTML:
    return widgets.HTML(
        "<div class='wllm-step-help' "
        "style='background:#f3f8ff;border-left:4px solid #1a4d8f;padding:8px 12px;"
        f"margin:6px 0;line-height:1.4'>{html.escape(text)}</div>"
    )
