"""GenerationPlayground: summarize one text with the base and the fine-tuned model, side by side.

A thin view over :mod:`widgets_llm.engine.generation` (``generate_summaries`` writes the
summaries, ``GenerationSettings`` holds how) and
:func:`widgets_llm.engine.evaluation.load_base_bundle`
(gets the model as it was before training, once per tuned model).
"""

from __future__ import annotations

import dataclasses
import html
import threading
from typing import Any, Callable

import ipywidgets as widgets
import traitlets

from ..engine.evaluation import load_base_bundle
from ..engine.generation import GenerationSettings, generate_summaries
from ..engine.models import ModelBundle
from ..errors import DataError, ModelError, RunError, as_user_error
from ..messages import t
from ._common import MessageArea, Status, _Component, help_text, push_state, section_title

#: The settings shown as inputs: (field of GenerationSettings, kind, lowest, highest, step).
SETTING_INPUTS = (
    ("max_new_tokens", "int", 1, 1024, 1),
    ("num_beams", "int", 1, 16, 1),
    ("do_sample", "bool", None, None, None),
    ("temperature", "float", 0.05, 5.0, 0.05),
    ("no_repeat_ngram_size", "int", 0, 20, 1),
    ("repetition_penalty", "float", 1.0, 3.0, 0.05),
)
#: Characters of a test text shown in the examples list.
EXAMPLE_PREVIEW_CHARS = 70
#: At most this many test examples are offered (a long list helps nobody).
MAX_EXAMPLES = 500
#: Where no example is chosen in the examples list.
NO_EXAMPLE = -1

_STYLE = {"description_width": "initial"}
_WHICH = ("base", "tuned")


class GenerationPlayground(_Component):
    """Write the summary of one text with the base model and the fine-tuned model, side by side.

    Paste a text (or pick one of the test split of ``dataset``), adjust how summaries are
    written (length, beams, sampling and temperature, no-repeat size, repetition penalty; each
    with a plain-language help) and press «Resumir». The summaries appear in two panels,
    «Modelo base» and «Modelo afinado». Generation runs in the background and can be
    cancelled.

    The base model is ``base`` when given; otherwise it is obtained from ``tuned`` with
    ``engine.evaluation.load_base_bundle`` the first time it is needed (in the background)
    and kept for later clicks. When no base model can be had (e.g. a hub model with no
    internet), only the tuned summary is shown, with a friendly note.

    Parameters
    ----------
    tuned:
        The fine-tuned model (``ModelBundle``); usually set later by the dashboard.
    base:
        The model before fine-tuning, when the caller has it.
    dataset:
        Prepared data (``engine.data.PreparedData``) whose test split offers example texts.
    settings:
        Starting generation settings (default: ``GenerationSettings()``).
    text:
        Starting text.
    synchronous:
        Generate in the calling thread (tests, scripts) instead of a background thread.

    Attributes
    ----------
    tuned : ModelBundle or None (trait, observable)
        The fine-tuned model.
    base : ModelBundle or None (trait, observable)
        The base model; ``None`` means "get it from ``tuned`` when needed".
    dataset : PreparedData or None (trait, observable)
        Data whose test split (the validation split when there is no test split) gives the
        examples list.
    settings : GenerationSettings (trait, observable)
        How summaries are written; follows the inputs, and setting it updates them.
    summaries : dict (trait, observable)
        The last summaries: ``{"base": str, "tuned": str}``; ``"base"`` is missing when no
        base model could be had. ``{}`` until the first summary.
    status : str (trait, observable)
        ``"idle"``, ``"working"``, ``"done"``, ``"cancelled"`` or ``"error"``.
    base_problem : str or None
        Why the base model could not be had (in the user's language), ``None`` otherwise.

    Events
    ------
    on_summaries_ready(callback, remove=False)
        ``callback(summaries)`` each time new summaries are ready.
    """

    tuned = traitlets.Instance(ModelBundle, allow_none=True).tag(sync=False)
    base = traitlets.Instance(ModelBundle, allow_none=True).tag(sync=False)
    dataset = traitlets.Any(None, allow_none=True).tag(sync=False)
    settings = traitlets.Instance(GenerationSettings).tag(sync=False)
    summaries = traitlets.Dict().tag(sync=False)

    EVENTS = ("summaries_ready",)
    FAILED_STATUS_KEY = "playground.status.failed"

    def __init__(
        self,
        tuned: ModelBundle | None = None,
        *,
        base: ModelBundle | None = None,
        dataset: Any = None,
        settings: GenerationSettings | None = None,
        text: str = "",
        synchronous: bool = False,
        **kwargs: Any,
    ):
        # 1. Arguments
        super().__init__(synchronous=synchronous, **kwargs)
        if settings is not None and not isinstance(settings, GenerationSettings):
            raise TypeError(f"settings must be a GenerationSettings, not {type(settings).__name__}")
        start_settings = settings or GenerationSettings()
        self.base_problem: str | None = None
        self._syncing = False
        self._examples: list[tuple[str, str]] = []
        # (tuned bundle, its base bundle or None, the problem or None): one base per tuned model.
        self._base_cache: tuple[ModelBundle, ModelBundle | None, str | None] | None = None
        # One generation at a time on a model, even when a cancelled one is still finishing.
        self._model_lock = threading.Lock()

        # 2. Children
        self._build_text_children(text)
        self._build_setting_children(start_settings)
        self._build_result_children()

        # 3. Events
        self._text.observe(self._on_text_value, names="value")
        self._example_choice.observe(self._on_example_choice_value, names="value")
        for control in self._inputs.values():
            control.observe(self._on_setting_input_value, names="value")
        self._generate_button.on_click(self._on_generate_button_click)
        self._cancel_button.on_click(self._on_cancel_button_click)
        self.observe(self._on_settings_change, names="settings")
        self.observe(self._on_models_change, names=["tuned", "base"])
        self.observe(self._on_dataset_change, names="dataset")

        # 4. Layout
        children = [
            section_title(t("playground.title")),
            help_text(t("playground.intro")),
            self._example_box,
            self._text,
            self._reference,
            self._settings_box,
            widgets.HBox([self._generate_button, self._cancel_button, self._progress]),
            self._status_line,
            self._message,
            self._note,
            self._panels,
        ]

        # 5. First render
        self._render_busy(False)
        self._render_panels({})
        self.children = children
        self.settings = start_settings  # its observer puts it into the inputs
        self.base = base
        self.tuned = tuned
        self.dataset = dataset
        self._render_examples()

    # ------------------------------------------------------------------ children

    def _build_text_children(self, text: str) -> None:
        self._text = widgets.Textarea(
            value=text,
            placeholder=t("playground.text.placeholder"),
            description=t("playground.text.label"),
            style=_STYLE,
            layout=widgets.Layout(width="100%", height="140px"),
        )
        self._example_choice = widgets.Dropdown(
            options=[(t("playground.example.none"), NO_EXAMPLE)],
            value=NO_EXAMPLE,
            description=t("playground.example.label"),
            style=_STYLE,
            layout=widgets.Layout(width="100%"),
        )
        self._example_box = widgets.VBox(
            [self._example_choice, help_text(t("playground.example.help"))]
        )
        self._reference = widgets.HTML()

    def _build_setting_children(self, settings: GenerationSettings) -> None:
        self._inputs: dict[str, widgets.Widget] = {}
        rows = [section_title(t("playground.settings.title"))]
        for name, kind, low, high, step in SETTING_INPUTS:
            common = dict(description=t(f"playground.{name}.label"), style=_STYLE)
            value = getattr(settings, name)
            if kind == "bool":
                control = widgets.Checkbox(value=bool(value), indent=False, **common)
            elif kind == "int":
                control = widgets.BoundedIntText(
                    value=_clamp(int(value), low, high),
                    min=low,
                    max=high,
                    step=step,
                    continuous_update=False,
                    layout=widgets.Layout(width="320px"),
                    **common,
                )
            else:
                control = widgets.BoundedFloatText(
                    value=_clamp(float(value), low, high),
                    min=low,
                    max=high,
                    step=step,
                    continuous_update=False,
                    layout=widgets.Layout(width="320px"),
                    **common,
                )
            self._inputs[name] = control
            rows.append(
                widgets.VBox(
                    [control, help_text(t(f"playground.{name}.help"))],
                    layout=widgets.Layout(margin="0 0 6px 0"),
                )
            )
        self._settings_box = widgets.VBox(rows)

    def _build_result_children(self) -> None:
        self._generate_button = widgets.Button(
            description=t("playground.generate"),
            tooltip=t("playground.generate.tooltip"),
            button_style="success",
            layout=widgets.Layout(width="auto"),
        )
        self._cancel_button = widgets.Button(
            description=t("widgets.cancel"), layout=widgets.Layout(width="auto")
        )
        self._progress = widgets.IntProgress(
            value=0, min=0, max=2, layout=widgets.Layout(width="200px")
        )
        self._note = MessageArea()
        panel_layout = dict(flex="1 1 0%", min_width="240px", margin="4px")
        self._base_panel = widgets.HTML(layout=widgets.Layout(**panel_layout))
        self._tuned_panel = widgets.HTML(layout=widgets.Layout(**panel_layout))
        self._panels = widgets.HBox(
            [self._base_panel, self._tuned_panel],
            layout=widgets.Layout(flex_flow="row wrap", width="100%"),
        )

    # ------------------------------------------------------------------ public API

    def on_summaries_ready(self, callback: Callable[[dict], Any], remove: bool = False) -> None:
        """Register ``callback(summaries)``, called each time new summaries are ready."""
        self._register("summaries_ready", callback, remove)

    def summarize(self, text: str | None = None) -> None:
        """Summarize ``text`` (default: the text in the box), as «Resumir» does."""
        if text is not None:
            self._text.value = text
        self._on_generate_button_click(None)

    def cancel(self) -> None:
        """Stop the summaries being written; what they give is ignored."""
        self.cancel_work()

    @property
    def text(self) -> str:
        """The text in the box."""
        return self._text.value

    # ------------------------------------------------------------------ handlers: the text

    def _on_example_choice_value(self, change: dict) -> None:
        if self._syncing:
            return
        index = change["new"]
        if index is None or index == NO_EXAMPLE or index >= len(self._examples):
            self._reference.value = ""
            return
        text, summary = self._examples[index]
        self._syncing = True
        try:
            self._text.value = text
        finally:
            self._syncing = False
        self._reference.value = _reference_html(summary)
        push_state(self._reference)

    def _on_text_value(self, change: dict) -> None:
        if self._syncing:
            return
        index = self._example_choice.value
        if (
            index not in (None, NO_EXAMPLE)
            and index < len(self._examples)
            and change["new"] != self._examples[index][0]
        ):
            # The text was edited: it is no longer the example, and its reference no longer applies.
            self._syncing = True
            try:
                self._example_choice.value = NO_EXAMPLE
            finally:
                self._syncing = False
            self._reference.value = ""

    def _on_dataset_change(self, change: dict) -> None:
        self._render_examples()

    def _render_examples(self) -> None:
        self._examples = _examples_of(self.dataset)
        options = [(t("playground.example.none"), NO_EXAMPLE)] + [
            (t("playground.example.option", number=i + 1, preview=_preview(text)), i)
            for i, (text, _) in enumerate(self._examples)
        ]
        self._syncing = True
        try:
            self._example_choice.options = options
            self._example_choice.value = NO_EXAMPLE
        finally:
            self._syncing = False
        self._reference.value = ""
        self._example_box.layout.display = None if self._examples else "none"
        for child in (self._example_choice, self._example_box, self._reference):
            push_state(child)

    # ------------------------------------------------------------------ handlers: the settings

    def _on_setting_input_value(self, change: dict) -> None:
        if change["owner"] is self._inputs["do_sample"]:
            self._inputs["temperature"].disabled = not change["new"]
            push_state(self._inputs["temperature"])
        if self._syncing:
            return
        values = {name: control.value for name, control in self._inputs.items()}
        self._syncing = True
        try:
            self.settings = dataclasses.replace(self.settings, **values)
        finally:
            self._syncing = False

    def _on_settings_change(self, change: dict) -> None:
        if not self._syncing:
            self._show_settings(change["new"])

    def _show_settings(self, settings: GenerationSettings) -> None:
        """Put settings set from code into the inputs."""
        self._syncing = True
        try:
            for name, control in self._inputs.items():
                value = getattr(settings, name)
                control.value = (
                    bool(value)
                    if isinstance(control, widgets.Checkbox)
                    else _clamp(value, control.min, control.max)
                )
        finally:
            self._syncing = False
        self._inputs["temperature"].disabled = not settings.do_sample
        for control in self._inputs.values():
            push_state(control)

    # ------------------------------------------------------------------ handlers: the models

    def _on_models_change(self, change: dict) -> None:
        if change["name"] == "tuned":
            self._base_cache = None  # a new tuned model has another base
        if self.status == Status.WORKING:
            self.cancel()
        self.base_problem = None
        self._note.clear()
        self._message.clear()
        self.summaries = {}
        self._render_panels({})
        for child in (self._note, self._message):
            push_state(child)

    # ------------------------------------------------------------------ generating

    def _on_generate_button_click(self, _button: Any) -> None:
        self._message.clear()
        tuned, text = self.tuned, self._text.value.strip()
        problem = None
        if tuned is None or getattr(tuned, "model", None) is None:
            problem = ModelError("playground.no_model")
        elif getattr(tuned, "tokenizer", None) is None:
            problem = ModelError("playground.no_tokenizer")
        elif not text:
            problem = DataError("playground.empty_text")
        if problem is not None:
            self._show_error(problem)
            return
        settings = self.settings
        base = self.base

        def work(should_stop: Callable[[], bool]) -> tuple[dict, str | None] | None:
            return self._write_summaries(tuned, base, text, settings, should_stop)

        def done(result: tuple[dict, str | None] | None) -> None:
            if result is not None:  # None: stopped before both summaries were written
                self._show_summaries(*result)

        self._note.clear()
        self._progress.value = 0
        self.run_in_background(work, done, status=Status.WORKING)

    def _write_summaries(
        self,
        tuned: ModelBundle,
        base: ModelBundle | None,
        text: str,
        settings: GenerationSettings,
        should_stop: Callable[[], bool],
    ) -> tuple[dict, str | None] | None:
        """Runs in the worker: the base (got once), then both summaries. ``None`` when stopped."""
        base_problem = None
        if base is None:
            base, base_problem = self._base_of(tuned, should_stop)
        if should_stop():
            return None
        summaries: dict[str, str] = {}
        jobs = ([("base", base)] if base is not None else []) + [("tuned", tuned)]
        self._report(should_stop, self._show_progress, 0, len(jobs))
        for done_jobs, (which, bundle) in enumerate(jobs):
            self._report(
                should_stop,
                self._show_step,
                t("playground.status.generating", which=t(f"playground.which.{which}")),
            )
            with self._model_lock:
                if should_stop():
                    return None
                written = generate_summaries(bundle, [text], settings, should_stop=should_stop)
            if should_stop():
                return None
            summaries[which] = written[0]
            self._report(should_stop, self._show_progress, done_jobs + 1, len(jobs))
        return summaries, base_problem

    def _base_of(
        self, tuned: ModelBundle, should_stop: Callable[[], bool]
    ) -> tuple[ModelBundle | None, str | None]:
        """The base model of ``tuned`` (loaded once and kept), or why there is none."""
        cache = self._base_cache
        if cache is not None and cache[0] is tuned:
            return cache[1], cache[2]
        self._report(should_stop, self._show_step, t("playground.status.loading_base"))
        with self._model_lock:  # copying the model while another thread generates with it is unsafe
            try:
                base, problem = load_base_bundle(tuned), None
            except (ModelError, RunError) as error:
                base, problem = None, as_user_error(error).message()
        if self.tuned is tuned:  # the model may have changed meanwhile: keep only what fits
            self._base_cache = (tuned, base, problem)
        return base, problem

    def _report(
        self, should_stop: Callable[[], bool], update: Callable[..., None], *args: Any
    ) -> None:
        """From the worker: ``update(*args)`` on the kernel's thread, unless the request was
        superseded or cancelled by then (only the current one may update the page)."""

        def show() -> None:
            if not should_stop():
                update(*args)

        self._in_kernel(show)

    def _show_step(self, text: str) -> None:
        self._status_line.value = html.escape(text)
        push_state(self._status_line)

    def _show_progress(self, value: int, total: int) -> None:
        self._progress.max = max(1, total)
        self._progress.value = value
        push_state(self._progress)

    def _show_summaries(self, summaries: dict[str, str], base_problem: str | None) -> None:
        self.base_problem = base_problem
        if base_problem:
            self._note.show(t("playground.no_base", reason=base_problem), "info")
        else:
            self._note.clear()
        self._render_panels(summaries, base_missing=base_problem is not None)
        self._status_line.value = html.escape(t("playground.status.done"))
        self.summaries = dict(summaries)
        self.status = Status.DONE
        for child in (self._note, self._status_line):
            push_state(child)
        self._emit("summaries_ready", dict(summaries))

    def _render_panels(self, summaries: dict[str, str], base_missing: bool = False) -> None:
        self._base_panel.value = _panel_html("base", summaries.get("base"))
        self._tuned_panel.value = _panel_html("tuned", summaries.get("tuned"))
        self._base_panel.layout.display = "none" if base_missing else None
        for child in (self._base_panel, self._tuned_panel):
            push_state(child)

    def _render_busy(self, busy: bool) -> None:
        self._cancel_button.layout.display = None if busy else "none"
        self._progress.layout.display = None if busy else "none"
        self._generate_button.disabled = busy
        for child in (self._cancel_button, self._progress, self._generate_button):
            push_state(child)

    def _on_cancel_button_click(self, _button: Any) -> None:
        self.cancel()


# ---------------------------------------------------------------------- pure helpers


def _clamp(value: Any, low: Any, high: Any) -> Any:
    return min(max(value, low), high)


def _examples_of(dataset: Any) -> list[tuple[str, str]]:
    """(text, summary) pairs of the test split (else the validation split) of prepared data."""
    splits = getattr(dataset, "splits", dataset)
    if splits is None:
        return []
    for name in ("test", "validation"):
        try:
            split = splits[name]
        except (KeyError, TypeError, IndexError):
            continue
        if len(split):
            count = min(len(split), MAX_EXAMPLES)
            texts = list(split["text"])[:count]
            summaries = (
                list(split["summary"])[:count] if "summary" in split.column_names else [""] * count
            )
            return [
                (str(text), str(summary or ""))
                for text, summary in zip(texts, summaries)
                if isinstance(text, str) and text.strip()
            ]
    return []


def _preview(text: str) -> str:
    line = " ".join(text.split())
    return (
        line
        if len(line) <= EXAMPLE_PREVIEW_CHARS
        else line[: EXAMPLE_PREVIEW_CHARS - 1].rstrip() + "…"
    )


def _reference_html(summary: str) -> str:
    if not summary:
        return ""
    return (
        "<div style='color:#555;font-size:0.9em;margin:2px 0 6px 0'>"
        f"<b>{html.escape(t('playground.reference'))}:</b> {html.escape(summary)}</div>"
    )


def _panel_html(which: str, summary: str | None) -> str:
    """One result panel: a clear title, what it is, and the summary (escaped)."""
    if summary is None:
        body = f"<span style='color:#777'>{html.escape(t('playground.panel.empty'))}</span>"
    elif not summary.strip():
        body = f"<span style='color:#777'>{html.escape(t('playground.panel.blank'))}</span>"
    else:
        body = html.escape(summary)
    border = "#1a4d8f" if which == "tuned" else "#888"
    return (
        f"<div class='wllm-panel wllm-{which}' data-which='{which}' "
        f"style='border:1px solid {border};border-radius:6px;padding:8px 10px;height:100%;"
        "box-sizing:border-box'>"
        "<div style='font-weight:bold;font-size:1.05em'>"
        f"{html.escape(t(f'playground.panel.{which}'))}</div>"
        "<div style='color:#555;font-size:0.85em;margin-bottom:6px'>"
        f"{html.escape(t(f'playground.panel.{which}.help'))}</div>"
        f"<div class='wllm-summary' style='white-space:pre-wrap;line-height:1.4'>{body}</div></div>"
    )
