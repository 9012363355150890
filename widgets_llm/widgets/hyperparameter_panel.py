"""A form over :class:`~widgets_llm.engine.config.TrainingConfig`: presets, help, checks, estimate.

The form is generated from the engine's field descriptions (``field_info``), so a new field of
the configuration gets an input, its help text and its checks without touching this file.
"""

from __future__ import annotations

import html
import threading
from typing import Any, Callable

import ipywidgets as widgets
import traitlets

from ..engine.config import PRESETS, TrainingConfig, coerce_value, field_info, field_names, preset
from ..errors import ConfigError, WidgetsLLMError
from ..messages import t
from ._common import MessageArea, Status, _Component, help_text, push_state, section_title

#: Fields shown first, in this order; every other non-LoRA field goes to "advanced options".
MAIN_FIELDS = (
    "learning_rate",
    "num_epochs",
    "max_steps",
    "batch_size",
    "max_input_length",
    "max_target_length",
)
#: The switch of the LoRA section; the fields it enables start with ``LORA_PREFIX``.
LORA_SWITCH = "use_lora"
LORA_PREFIX = "lora_"
#: What a preset leaves alone: how to train (LoRA, precision, warm-up or not), not how much.
KEPT_BY_PRESETS = (
    "use_lora",
    "lora_r",
    "lora_alpha",
    "lora_dropout",
    "lora_target_modules",
    "precision",
    "warmup",
)
#: Seconds of quiet after the last change before the estimate refreshes by itself.
DEFAULT_ESTIMATE_DELAY = 1.0

_INPUT_LAYOUT = {"width": "420px"}
_STYLE = {"description_width": "initial"}


def _splits_of(data: Any):
    """The ``DatasetDict`` of ``data``: a ``PreparedData`` (``.splits``) or the splits
    themselves."""
    return getattr(data, "splits", data)


class HyperparameterPanel(_Component):
    """Edit the training configuration with presets, plain-language help and a time estimate.

    Parameters
    ----------
    config:
        Starting configuration (default: the ``balanced`` preset).
    bundle, data:
        The model (``ModelBundle``) and the data (``PreparedData`` or ``DatasetDict``) to
        estimate time and memory for; usually set later by the dashboard.
    auto_estimate:
        Refresh the estimate by itself after changes, once a model and data are set.
    estimate_delay:
        Seconds of quiet after the last change before that refresh (so typing does not
        start one estimate per keystroke).
    synchronous:
        Run the estimate in the calling thread, at once (tests and scripts).

    Attributes
    ----------
    config : TrainingConfig (trait)
        The current, always valid, configuration. An invalid value typed in an input is
        shown next to it and never replaces ``config``. Setting it updates every input.
    bundle, data : Any (traits)
        See Parameters.
    estimate : TrainingEstimate or None (trait)
        The last estimate shown: the whole wait after «Entrenar» (warm-up, training, the
        evaluations, the final comparison on the test split and saving), each part named in
        the message.
    status : Status (trait, observable)
        ``"estimating"`` while an estimate is measured (the message says which part and
        which step: «midiendo los pasos de entrenamiento: paso 3 de 20»), then ``"ready"``
        (or ``"error"``). A newer request stops the one being measured.
    auto_estimate : bool (trait)
        See Parameters; can be switched at any time.
    disabled : bool (trait)
        Locks the inputs, presets, loading and the estimate, for instance while a run trains
        (an estimate measures passes of the same model, which must not happen mid-training).

    recipe_export : RecipeExport
        «Repetir fuera del estudio» (folded at the bottom): the recipe of this configuration
        with ``data`` (a ``PreparedData``) and ``bundle``, and the commands that repeat it.
        ``make_recipe`` (a function returning the recipe) replaces the panel's own recipe,
        for instance with a dashboard's that knows more (the extra texts' files).

    Events
    ------
    on_config_changed(callback):
        ``callback(config)`` whenever ``config`` changes (inputs, presets, loading, or code).
    """

    config = traitlets.Instance(TrainingConfig).tag(sync=False)
    bundle = traitlets.Any(None, allow_none=True).tag(sync=False)
    data = traitlets.Any(None, allow_none=True).tag(sync=False)
    #: Plain texts without summaries added for the warm-up: they change its length, so the estimate.
    extra_texts = traitlets.List().tag(sync=False)
    #: Input and summary lengths chosen from the data (the token visualizer's «Usar estas
    #: longitudes»): presets keep them instead of replacing them without a word. ``None``: none.
    chosen_lengths = traitlets.Tuple(allow_none=True, default_value=None).tag(sync=False)
    estimate = traitlets.Any(None, allow_none=True).tag(sync=False)
    auto_estimate = traitlets.Bool(True).tag(sync=False)
    disabled = traitlets.Bool(False).tag(sync=False)

    EVENTS = ("config_changed",)

    def __init__(
        self,
        config: TrainingConfig | None = None,
        *,
        bundle: Any = None,
        data: Any = None,
        auto_estimate: bool = True,
        estimate_delay: float = DEFAULT_ESTIMATE_DELAY,
        synchronous: bool = False,
        **kwargs,
    ):
        # ---- validate arguments
        if config is not None and not isinstance(config, TrainingConfig):
            raise TypeError(f"config must be a TrainingConfig, not {type(config).__name__}")
        if estimate_delay < 0:
            raise ValueError("estimate_delay must be >= 0")
        super().__init__(synchronous=synchronous, **kwargs)
        self._estimate_delay = estimate_delay
        self._invalid: dict[str, Any] = {}
        self._rendering = False  # inputs are being set from ``config``: ignore their events
        self._editing = False  # ``config`` is being set from one input: leave the others alone
        self._estimate_lock = threading.Lock()
        self._estimate_timer: threading.Timer | None = None  # waits for a quiet moment
        self._estimate_request = (
            0  # the latest estimate's number: older ones' progress is not shown
        )

        # ---- build children
        self._title = section_title(t("hyperparams.title"))
        self._intro = help_text(t("hyperparams.intro"))
        self._preset_buttons = {name: self._build_preset_button(name) for name in PRESETS}
        self._preset_help = widgets.HTML(self._presets_help_html())
        self._preset_message = MessageArea()
        self._inputs: dict[str, widgets.Widget] = {}
        self._field_messages: dict[str, MessageArea] = {}
        self._field_boxes: dict[str, widgets.VBox] = {
            name: self._build_field(name) for name in field_names()
        }
        self._lora_note = help_text(t("hyperparams.lora_off_note"))
        self._status = MessageArea()
        self._estimate_button = widgets.Button(
            description=t("hyperparams.estimate.button"),
            tooltip=t("hyperparams.estimate.button_help"),
        )
        # The base's ``_message`` shows the estimate (or its error); no status line is shown.
        self._path = widgets.Text(
            description=t("hyperparams.file.path"),
            placeholder=t("hyperparams.file.placeholder"),
            continuous_update=False,
            style=_STYLE,
            layout=widgets.Layout(width="420px"),
        )
        self._save_button = widgets.Button(description=t("hyperparams.file.save"))
        self._load_button = widgets.Button(description=t("hyperparams.file.load"))
        self._file_message = MessageArea()
        from .recipe_export import RecipeExport

        self.make_recipe: Callable[[], Any] | None = None
        self.recipe_export = RecipeExport(synchronous=synchronous)
        self._repeat = widgets.Accordion(children=[self.recipe_export])
        self._repeat.set_title(0, t("recipe_export.title"))
        self._repeat.selected_index = None

        # ---- wire events
        for name, button in self._preset_buttons.items():
            button.on_click(lambda _button, name=name: self._on_preset_click(name))
        for name, control in self._inputs.items():
            control.observe(
                lambda change, name=name: self._on_input_change(name, change["new"]), names="value"
            )
        self._estimate_button.on_click(self._on_estimate_button_click)
        self._save_button.on_click(self._on_save_button_click)
        self._load_button.on_click(self._on_load_button_click)
        self.observe(self._on_config_change, names="config")
        self.observe(self._on_inputs_for_estimate_change, names=["bundle", "data", "extra_texts"])
        self.observe(self._on_disabled_change, names="disabled")
        recipe_inputs = ["config", "bundle", "data", "extra_texts"]
        self.observe(self._on_recipe_inputs_change, names=recipe_inputs)

        # ---- lay out
        children = self._layout()

        # ---- first render
        self.children = children
        self.auto_estimate = auto_estimate
        self.config = config if config is not None else preset("balanced")
        self._render_config(self.config)
        if bundle is not None:
            self.bundle = bundle
        if data is not None:
            self.data = data

    # ------------------------------------------------------------------ building
    def _build_preset_button(self, name: str) -> widgets.Button:
        return widgets.Button(
            description=t(f"config.preset.{name}"), tooltip=t(f"config.preset.{name}.help")
        )

    def _presets_help_html(self) -> str:
        items = "".join(
            f"<li><b>{html.escape(t(f'config.preset.{name}'))}</b>: "
            f"{html.escape(t(f'config.preset.{name}.help'))}</li>"
            for name in PRESETS
        )
        return f"<ul style='margin:2px 0;color:#555;font-size:0.9em'>{items}</ul>"

    def _build_input(self, info: dict[str, Any]) -> widgets.Widget:
        """The input that fits a field's kind, labelled with the field's plain-language label."""
        common = {
            "description": info["label"],
            "style": _STYLE,
            "layout": widgets.Layout(**_INPUT_LAYOUT),
        }
        kind = info["kind"]
        if kind == "integer":
            return widgets.IntText(value=int(info["default"]), continuous_update=False, **common)
        if kind == "number":
            return widgets.FloatText(
                value=float(info["default"]), continuous_update=False, **common
            )
        if kind == "boolean":
            return widgets.Checkbox(value=bool(info["default"]), indent=False, **common)
        if kind == "choice":
            return widgets.Dropdown(
                options=[(str(c), c) for c in info["choices"]], value=info["default"], **common
            )
        # "list" and anything unknown: text, comma-separated
        return widgets.Text(
            value=", ".join(info["default"])
            if isinstance(info["default"], list)
            else str(info["default"] or ""),
            placeholder=t("hyperparams.list_placeholder"),
            continuous_update=False,
            **common,
        )

    def _build_field(self, name: str) -> widgets.VBox:
        """One setting: its input, the help below it and a place for its validation message."""
        info = field_info(name)
        control = self._build_input(info)
        self._inputs[name] = control
        self._field_messages[name] = MessageArea()
        return widgets.VBox(
            [control, help_text(info["help"]), self._field_messages[name]],
            layout=widgets.Layout(margin="0 0 8px 0"),
        )

    def _layout(self) -> list[widgets.Widget]:
        lora_names = [n for n in field_names() if n.startswith(LORA_PREFIX)]
        main_names = [n for n in MAIN_FIELDS if n in self._field_boxes]
        advanced_names = [
            n
            for n in field_names()
            if n not in main_names and n not in lora_names and n != LORA_SWITCH
        ]
        lora_box = widgets.VBox(
            [
                section_title(t("hyperparams.section.lora")),
                self._field_boxes[LORA_SWITCH],
                self._lora_note,
            ]
            + [self._field_boxes[n] for n in lora_names],
            layout=widgets.Layout(border="1px solid #cfd8dc", padding="4px 10px", margin="6px 0"),
        )
        self._advanced = widgets.Accordion(
            children=[widgets.VBox([self._field_boxes[n] for n in advanced_names])]
        )
        self._advanced.set_title(0, t("hyperparams.section.advanced"))
        self._advanced.selected_index = None
        presets_row = widgets.HBox(list(self._preset_buttons.values()))
        file_row = widgets.HBox([self._path, self._save_button, self._load_button])
        return [
            self._title,
            self._intro,
            widgets.HTML(f"<b>{html.escape(t('hyperparams.presets'))}</b>"),
            presets_row,
            self._preset_help,
            self._preset_message,
            section_title(t("hyperparams.section.main")),
            *[self._field_boxes[n] for n in main_names],
            lora_box,
            self._advanced,
            self._status,
            section_title(t("hyperparams.estimate.title")),
            widgets.HBox([self._estimate_button]),
            self._message,
            section_title(t("hyperparams.file.title")),
            file_row,
            help_text(t("hyperparams.file.help")),
            self._file_message,
            self._repeat,
        ]

    # ------------------------------------------------------------------ public API
    def on_config_changed(
        self, callback: Callable[[TrainingConfig], None], remove: bool = False
    ) -> None:
        """Call ``callback(config)`` whenever the configuration changes."""
        self._register("config_changed", callback, remove)

    def apply_preset(self, name: str) -> TrainingConfig:
        """Switch to preset ``name`` (``fast``, ``balanced``, ``quality``), keeping LoRA,
        precision and warm-up."""
        kept = {key: getattr(self.config, key) for key in KEPT_BY_PRESETS}
        if self.chosen_lengths:
            kept["max_input_length"], kept["max_target_length"] = (
                int(x) for x in self.chosen_lengths
            )
        self.config = preset(name, **kept)
        return self.config

    def request_estimate(self) -> None:
        """Estimate time and memory now, in the background (latest request wins)."""
        self._cancel_pending_estimate()
        self._start_estimate()

    def cancel(self) -> None:
        """Stop the estimate being measured, and one waiting for a quiet moment (a training about
        to start needs the model): it stops at its next measuring step and its result is dropped."""
        self._cancel_pending_estimate()
        if self.busy:
            self.cancel_work(message_key=None, status=Status.IDLE)
            self._message.clear()
            push_state(self._message)

    @property
    def invalid_fields(self) -> dict[str, Any]:
        """Inputs holding a value that was not accepted: ``{field: value typed}``."""
        return dict(self._invalid)

    # ------------------------------------------------------------------ rendering
    def _render_config(self, config: TrainingConfig) -> None:
        """Show ``config`` in every input and clear the validation messages."""
        self._rendering = True
        try:
            for name, control in self._inputs.items():
                value = getattr(config, name)
                if isinstance(control, widgets.Text):
                    value = ", ".join(value) if isinstance(value, list) else str(value)
                if control.value != value:
                    control.value = value
            for message in self._field_messages.values():
                message.clear()
            self._invalid.clear()
            self._status.clear()
        finally:
            self._rendering = False
        self._render_lora_state(bool(config.use_lora))
        self._render_preset_highlight(config)

    def _render_lora_state(self, use_lora: bool) -> None:
        for name, control in self._inputs.items():
            if name.startswith(LORA_PREFIX):
                control.disabled = self.disabled or not use_lora
        self._lora_note.layout.display = "none" if use_lora else None

    def _render_preset_highlight(self, config: TrainingConfig) -> None:
        """Mark the preset whose settings the configuration has (none once edited away)."""
        for name, button in self._preset_buttons.items():
            matches = all(getattr(config, key) == value for key, value in PRESETS[name].items())
            button.button_style = "info" if matches else ""

    def _render_invalid_summary(self) -> None:
        if self._invalid:
            self._status.show(t("hyperparams.invalid_pending"), "warning")
        else:
            self._status.clear()

    # ------------------------------------------------------------------ event handlers
    def _on_preset_click(self, name: str) -> None:
        try:
            self.apply_preset(name)
        except WidgetsLLMError as error:
            self._preset_message.show_error(error)
            return
        self._render_config(self.config)  # also when the preset equals the current config
        text = t("hyperparams.preset_applied", name=t(f"config.preset.{name}"))
        if self.chosen_lengths:
            text += " " + t(
                "hyperparams.preset_kept_lengths",
                input=self.config.max_input_length,
                target=self.config.max_target_length,
            )
        self._preset_message.show(text, "info")

    def _on_input_change(self, name: str, raw_value: Any) -> None:
        if self._rendering:
            return
        if name == LORA_SWITCH and isinstance(raw_value, bool):
            self._render_lora_state(raw_value)
        value = coerce_value(name, raw_value)
        problem = TrainingConfig.check({name: value}).get(name)
        new_config = None
        if problem is None:
            try:
                new_config = self.config.updated(**{name: value})
            except ConfigError as error:
                problem = error.message()
        if problem is not None:
            self._invalid[name] = raw_value
            self._field_messages[name].show(problem, "error")
            self._render_invalid_summary()
            return
        self._invalid.pop(name, None)
        self._field_messages[name].clear()
        self._render_invalid_summary()
        self._editing = True
        try:
            self.config = new_config
        finally:
            self._editing = False

    def _on_config_change(self, change: dict[str, Any]) -> None:
        config: TrainingConfig = change["new"]
        if self._editing:
            self._render_preset_highlight(config)
        else:
            self._render_config(config)
        self._emit("config_changed", config)
        self._schedule_estimate()

    def _on_disabled_change(self, change: dict[str, Any]) -> None:
        locked = bool(change["new"])
        for name, control in self._inputs.items():
            if not name.startswith(LORA_PREFIX):
                control.disabled = locked
        self._render_lora_state(bool(self._inputs[LORA_SWITCH].value))
        for button in [*self._preset_buttons.values(), self._estimate_button, self._load_button]:
            button.disabled = locked
        if locked:
            self._cancel_pending_estimate()
        else:
            self._schedule_estimate()

    def _on_inputs_for_estimate_change(self, change: dict[str, Any]) -> None:
        self._schedule_estimate()

    def _on_recipe_inputs_change(self, _change: dict[str, Any]) -> None:
        self.render_recipe()

    def render_recipe(self) -> None:
        """Offer the recipe of what the panel holds now in «Repetir fuera del estudio»."""
        recipe = self.make_recipe() if self.make_recipe is not None else self._own_recipe()
        if recipe != self.recipe_export.recipe:
            self.recipe_export.recipe = recipe

    def _own_recipe(self) -> Any:
        from ..engine.data import PreparedData
        from ..engine.recipe import Recipe

        if not isinstance(self.data, PreparedData):  # splits alone do not say where the data is
            return None
        model = self.bundle if self.bundle is not None else "offline"
        return Recipe.from_run(self.data, model, self.config, output="runs/repetir")

    def _on_estimate_button_click(self, _button: widgets.Button) -> None:
        self.request_estimate()

    def _on_save_button_click(self, _button: widgets.Button) -> None:
        path = self._path.value.strip()
        if not path:
            self._file_message.show_error(ConfigError("hyperparams.file.no_path"))
            return
        try:
            saved = self.config.save(path)
        except WidgetsLLMError as error:
            self._file_message.show_error(error)
            return
        except Exception as exc:  # disk full, no permission, a folder in the way...
            self._file_message.show_error(
                ConfigError("hyperparams.file.save_failed", path=path, detail=str(exc))
            )
            return
        self._file_message.show(t("hyperparams.file.saved", path=str(saved)), "success")

    def _on_load_button_click(self, _button: widgets.Button) -> None:
        from pathlib import Path

        path = self._path.value.strip()
        if not path:
            self._file_message.show_error(ConfigError("hyperparams.file.no_path"))
            return
        if not Path(path).is_file():
            self._file_message.show_error(ConfigError("hyperparams.file.not_found", path=path))
            return
        try:
            loaded = TrainingConfig.load(path)
        except Exception as exc:  # ConfigError with what is wrong; anything else shown the same way
            self._file_message.show_error(exc)
            return
        self.config = loaded
        self._render_config(loaded)  # also clears invalid inputs when the file equals the config
        self._file_message.show(t("hyperparams.file.loaded", path=path), "success")

    # ------------------------------------------------------------------ estimate
    def _can_estimate(self) -> bool:
        return self.bundle is not None and self.data is not None

    def _schedule_estimate(self) -> None:
        """Refresh the estimate after a quiet moment; a newer change postpones it."""
        if not self.auto_estimate or self.disabled or not self._can_estimate():
            return
        if self.synchronous or self._estimate_delay == 0:
            self.request_estimate()
            return
        with self._estimate_lock:
            if self._estimate_timer is not None:
                self._estimate_timer.cancel()
            # The timer's thread only asks: the estimate starts on the kernel's thread.
            self._estimate_timer = threading.Timer(
                self._estimate_delay, self._in_kernel, args=(self._start_estimate,)
            )
            self._estimate_timer.daemon = True
            self._estimate_timer.start()

    def _cancel_pending_estimate(self) -> None:
        with self._estimate_lock:
            if self._estimate_timer is not None:
                self._estimate_timer.cancel()
                self._estimate_timer = None

    def _start_estimate(self) -> None:
        if self.disabled:
            return
        if not self._can_estimate():
            self._message.show(
                t("hyperparams.estimate.needs_inputs"),
                "info",
                t("hyperparams.estimate.needs_inputs.suggestion"),
            )
            push_state(self._message)
            return
        bundle, splits, config, extra_texts = (
            self.bundle,
            _splits_of(self.data),
            self.config,
            list(self.extra_texts),
        )
        self._message.show(t("hyperparams.estimate.running"), "info")
        push_state(self._message)
        self._estimate_request += 1
        request = self._estimate_request

        def progress(done: int, total: int, what: str) -> None:
            # From the measuring thread: shown on the kernel's thread, unless a newer request came.
            self._in_kernel(self._show_estimate_progress, request, done, total, what)

        def work(should_stop):
            from ..engine.estimate import estimate_training

            # Holds the model's lease while it measures (engine/lease.py); synchronous, it is
            # released before this method returns, so a training started next finds it free.
            # A newer request stops this one (should_stop): two would share the processor and
            # both measure it slower than the training will be.
            options = {"on_progress": progress, "should_stop": should_stop}
            if extra_texts:
                options["extra_texts"] = extra_texts
            return estimate_training(bundle, splits, config, **options)

        # A newer request supersedes this one: a late result of an older estimate is dropped.
        self.run_in_background(work, self._show_estimate, status=Status.ESTIMATING)

    def _show_estimate_progress(self, request: int, done: int, total: int, what: str) -> None:
        """«Calculando la estimación… midiendo los pasos de entrenamiento: paso 3 de 20.»"""
        if request != self._estimate_request or self.status != Status.ESTIMATING:
            return  # a late report of an estimate that was replaced, or that already ended
        if total <= 0:
            text = t("hyperparams.estimate.preparing")
        else:
            part = t(f"hyperparams.estimate.part.{what}")
            text = t("hyperparams.estimate.progress", done=done, total=total, part=part)
        self._message.show(text, "info")
        push_state(self._message)

    def _show_estimate(self, estimate) -> None:
        self.estimate = estimate
        self._message.show(estimate.message(), "info" if estimate.fits else "warning")
        push_state(self._message)
        self.status = Status.READY

    def _fail(self, error: BaseException) -> None:
        """The estimate failed: none is shown, its error is."""
        self.estimate = None
        super()._fail(error)
