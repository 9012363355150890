"""TokenVisualizer: see a text as the model reads it, compare tokenizers, choose maximum lengths.

A thin view over :mod:`widgets_llm.engine.tokens`: ``token_pieces``/``piece_groups`` give the
coloured chips, ``compare_tokenizers`` the counts, ``english_only_tokenizer`` an offline
English-only tokenizer to compare with, and ``length_stats`` the histograms, whose sliders
only ask the measured :class:`~widgets_llm.engine.tokens.LengthStats` for the share that a
maximum would cut (no tokenizing again while the slider moves).
"""

from __future__ import annotations

import html
import math
import threading
from typing import Any, Callable, Mapping, Sequence

import bqplot as bq
import ipywidgets as widgets
import numpy as np
import traitlets

from ..engine import tokens
from ..engine.config import TrainingConfig
from ..engine.models import ModelBundle
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

#: The sentence shown before the user types anything: accents, ñ, ¿ ¡ make the point.
SAMPLE_TEXT = "El señor Rodríguez comió ñoquis en la montaña. ¿Quién pagó la cuenta? ¡Nadie!"
#: Chips drawn per tokenizer at most (a long text would make the page slow).
MAX_CHIPS = 600
#: Pastel backgrounds of ordinary chips, in turn, so that neighbours are told apart.
PASTELS = ("#fde2e4", "#dbeafe", "#dcfce7", "#fef3c7", "#ede9fe", "#cffafe")
SPECIAL_STYLE = "background:#f1f1f1;color:#555;border:1px dashed #555;font-style:italic"
UNKNOWN_STYLE = "background:#fecaca;color:#991b1b;border:2px solid #dc2626;font-weight:bold"
#: Bars drawn in a histogram at most.
HISTOGRAM_BINS = 30
#: Slider bounds come from the configuration's own limits (the panel accepts these values).
_INPUT_LIMIT = TrainingConfig.__dataclass_fields__["max_input_length"].metadata["high"]
_TARGET_LIMIT = TrainingConfig.__dataclass_fields__["max_target_length"].metadata["high"]
_FULL_WIDTH = {"description_width": "initial"}
#: bqplot 0.12 (Colab) needs ``orientation`` for a vertical axis; 0.13 removed it (``side`` says
#: it).
_VERTICAL = {"orientation": "vertical"} if "orientation" in bq.Axis.class_trait_names() else {}

_english_lock = threading.Lock()
_english_cache: list[Any] = []


def english_tokenizer() -> Any:
    """The engine's English-only tokenizer, built once per session (about half a second)."""
    with _english_lock:
        if not _english_cache:
            _english_cache.append(tokens.english_only_tokenizer())
        return _english_cache[0]


class TokenVisualizer(_Component):
    """See how tokenizers cut a text, and choose the maximum lengths from the data.

    Three parts:

    - **The text as tokens**: a text (typed, or an example of ``dataset`` chosen with a slider)
      drawn as coloured chips, one per token, with each token's id on hover. Special markers
      (end of text...) have a dashed border; unknown tokens are red, with a note saying which
      letters the model loses. Under each tokenizer: tokens, words, characters per token.
    - **Side by side**: every tokenizer of ``tokenizers`` (the ``bundle``'s first), plus, when
      the box is ticked, an English-only tokenizer built offline by the engine, so a learner
      sees why a tokenizer that knows Spanish matters.
    - **Lengths**: histograms of the token lengths of the data set's texts and summaries
      (measured in the background with the main tokenizer), a red line at the chosen maximum
      moved by a slider, and the share of texts that maximum would cut. «Usar estas
      longitudes» sets ``max_input_length``/``max_target_length`` and fires
      ``on_lengths_chosen``.

    Parameters
    ----------
    text:
        Initial text; a Spanish sample sentence by default (or the first example of
        ``dataset``).
    tokenizers:
        ``{name shown: tokenizer}`` to compare.
    bundle:
        A loaded model; its tokenizer comes first, named «Tu modelo».
    dataset:
        Prepared data (``engine.data.PreparedData``): examples to look at and lengths to measure.
    compare_english:
        Start with the English-only comparison ticked.
    max_input_length, max_target_length:
        Initial chosen maximums; the training configuration's defaults when ``None``.
    sample_size:
        Rows measured at most for the histograms (chosen at random; see ``length_stats``).
    synchronous:
        Measure lengths in the calling thread (tests, scripts) instead of a background thread.

    Attributes
    ----------
    text : str (trait, observable)
        The text shown as tokens; follows the text box, and setting it updates the box.
    tokenizers : dict (trait, observable)
        ``{name: tokenizer}`` shown side by side.
    bundle : ModelBundle or None (trait, observable)
        When set, its tokenizer is the main one: shown first and used to measure lengths.
    dataset : PreparedData or None (trait, observable)
        The data whose examples and lengths are shown.
    stats : LengthStats or None (trait, observable)
        The measured lengths; ``None`` until measured.
    status : Status (trait, observable)
        State of the length measure: ``"idle"``, ``"measuring"``, ``"ready"`` or ``"error"``
        (a :class:`~widgets_llm.widgets._common.Status`, equal to those strings).
    max_input_length, max_target_length : int (traits, observable)
        The chosen maximum lengths in tokens, set by «Usar estas longitudes» (a dashboard passes
        them to the HyperparameterPanel); setting them moves the sliders.
    summaries : dict
        ``{name: TokenSummary}`` of the text last shown.

    Methods
    -------
    refresh() draws the chips again; measure() measures the lengths again (in the background
    unless ``synchronous``); cancel() ignores the measure in flight; choose_lengths() does what
    «Usar estas longitudes» does; main_tokenizer() and comparison_tokenizers() say which
    tokenizers are used.

    Events
    ------
    on_lengths_chosen(callback, remove=False)
        ``callback(max_input_length, max_target_length)`` when «Usar estas longitudes» is pressed.

    Notes
    -----
    Lengths count the tokenizer's special tokens (end of text) but not a T5 prefix
    (``"summarize: "``) nor, for decoder-only models, the prompt around the text: add a few
    tokens of margin there.
    """

    text = traitlets.Unicode("").tag(sync=False)
    tokenizers = traitlets.Dict().tag(sync=False)
    bundle = traitlets.Instance(ModelBundle, allow_none=True).tag(sync=False)
    dataset = traitlets.Any(None, allow_none=True).tag(sync=False)
    stats = traitlets.Any(None, allow_none=True).tag(sync=False)
    max_input_length = traitlets.Int(TrainingConfig.max_input_length).tag(sync=False)
    max_target_length = traitlets.Int(TrainingConfig.max_target_length).tag(sync=False)

    EVENTS = ("lengths_chosen",)
    FAILED_STATUS_KEY = "tokviz.lengths.failed"

    def __init__(
        self,
        text: str | None = None,
        *,
        tokenizers: Mapping[str, Any] | None = None,
        bundle: ModelBundle | None = None,
        dataset: Any = None,
        compare_english: bool = True,
        max_input_length: int | None = None,
        max_target_length: int | None = None,
        sample_size: int = 2000,
        synchronous: bool = False,
        **kwargs: Any,
    ):
        # 1. Arguments
        if sample_size is not None and int(sample_size) < 1:
            raise ValueError("sample_size must be at least 1")
        super().__init__(synchronous=synchronous, **kwargs)
        self.sample_size = None if sample_size is None else int(sample_size)
        self.summaries: dict[str, tokens.TokenSummary] = {}
        self._syncing = False

        # 2. Children
        self._build_text_children(compare_english)
        self._build_length_children()

        # 3. Events
        self._text_area.observe(self._on_text_area_value, names="value")
        self._example_slider.observe(self._on_example_value, names="value")
        self._example_column.observe(self._on_example_value, names="value")
        self._english_checkbox.observe(self._on_english_checkbox_value, names="value")
        self._use_button.on_click(self._on_use_button_click)
        self._cancel_button.on_click(self._on_cancel_button_click)
        self.observe(self._on_text_change, names="text")
        self.observe(self._on_tokenizers_change, names=["tokenizers", "bundle"])
        self.observe(self._on_dataset_change, names="dataset")
        self.observe(self._on_chosen_length_change, names=["max_input_length", "max_target_length"])

        # 4. Layout
        children = [
            section_title(t("tokviz.title")),
            help_text(t("tokviz.intro")),
            self._text_area,
            self._example_box,
            self._english_checkbox,
            self._text_message,
            self._comparison,
            self._legend,
            help_text(t("tokviz.why_counts_differ")),
            section_title(t("tokviz.lengths.title")),
            help_text(t("tokviz.lengths.help")),
            widgets.HBox([self._status_line, self._cancel_button]),
            self._message,
            self._histograms,
            widgets.HBox([self._use_button, self._chosen_line]),
            DecimalCommas(),
        ]

        # 5. First render
        self._example_box.layout.display = "none"
        self._histograms.layout.display = "none"
        self._use_button.disabled = True
        self._cancel_button.layout.display = "none"

        self.children = children
        with self.hold_trait_notifications():
            if max_input_length is not None:
                self.max_input_length = int(max_input_length)
            if max_target_length is not None:
                self.max_target_length = int(max_target_length)
        self._show_chosen()
        self._syncing = True  # one render and one measure once every argument is in place
        try:
            self.tokenizers = dict(tokenizers or {})
            self.bundle = bundle
            self.dataset = dataset
            self.text = (
                text
                if text is not None
                else (self._example_text() if dataset is not None else SAMPLE_TEXT)
            )
        finally:
            self._syncing = False
        self.refresh()
        self.measure()

    # ------------------------------------------------------------------ children

    def _build_text_children(self, compare_english: bool) -> None:
        self._text_area = widgets.Textarea(
            placeholder=t("tokviz.text.placeholder"),
            description=t("tokviz.text.label"),
            continuous_update=False,  # tokenize when the user stops typing, not on every key
            style=_FULL_WIDTH,
            layout=widgets.Layout(width="100%", height="80px"),
        )
        self._example_slider = widgets.IntSlider(
            min=1,
            max=1,
            value=1,
            description=t("tokviz.example.label"),
            continuous_update=False,
            style=_FULL_WIDTH,
        )
        self._example_column = widgets.Dropdown(
            options=[(t("tokviz.example.text"), "text"), (t("tokviz.example.summary"), "summary")],
            value="text",
            description=t("tokviz.example.column"),
            style=_FULL_WIDTH,
            layout=widgets.Layout(width="auto"),
        )
        self._example_help = widgets.HTML()
        self._example_box = widgets.VBox(
            [self._example_help, widgets.HBox([self._example_slider, self._example_column])]
        )
        self._english_checkbox = widgets.Checkbox(
            value=bool(compare_english),
            description=t("tokviz.english.label"),
            indent=False,
            layout=widgets.Layout(width="auto"),
        )
        self._text_message = MessageArea()  # about the text part (the base's _message: the lengths)
        self._comparison = widgets.HTML()
        self._legend = widgets.HTML(legend_html())

    def _build_length_children(self) -> None:
        self._cancel_button = widgets.Button(
            description=t("widgets.cancel"), layout=widgets.Layout(width="auto")
        )
        self._input_histogram = LengthHistogram("text", "#4c78a8", _INPUT_LIMIT)
        self._target_histogram = LengthHistogram("summary", "#59a14f", _TARGET_LIMIT)
        self._histograms = widgets.HBox(
            [self._input_histogram.box, self._target_histogram.box],
            layout=widgets.Layout(width="100%", flex_flow="row wrap"),
        )
        self._use_button = widgets.Button(
            description=t("tokviz.use_lengths"),
            tooltip=t("tokviz.use_lengths.tooltip"),
            button_style="success",
            layout=widgets.Layout(width="auto"),
        )
        self._chosen_line = widgets.HTML()

    # ------------------------------------------------------------------ public API

    def on_lengths_chosen(self, callback: Callable[[int, int], Any], remove: bool = False) -> None:
        """Register ``callback(max_input_length, max_target_length)``, called by «Usar estas
        longitudes»."""
        self._register("lengths_chosen", callback, remove)

    def main_tokenizer(self) -> tuple[str, Any] | None:
        """``(name, tokenizer)`` used to measure lengths: the bundle's, else the first given."""
        shown = self._given_tokenizers()
        return next(iter(shown.items()), None)

    def comparison_tokenizers(self) -> dict[str, Any]:
        """``{name: tokenizer}`` shown side by side, in order (the English-only one last, when
        ticked)."""
        shown = self._given_tokenizers()
        if shown and self._english_checkbox.value:
            shown[t("tokviz.english.name")] = english_tokenizer()
        return shown

    def choose_lengths(self) -> None:
        """Take the sliders' maximums as the chosen lengths (as «Usar estas longitudes» does)."""
        self._on_use_button_click(None)

    def refresh(self) -> None:
        """Draw the text as tokens again with every tokenizer."""
        self._text_message.clear()
        self.summaries = {}
        try:
            shown = self.comparison_tokenizers()
        except Exception as error:  # building the English tokenizer failed: show the rest
            self._text_message.show_error(error)
            shown = self._given_tokenizers()
        if not shown:
            self._text_message.show(
                t("tokviz.no_tokenizer"), "warning", t("tokviz.no_tokenizer.suggestion")
            )
            self._comparison.value = ""
        elif not self.text.strip():
            self._comparison.value = _note_html(t("tokviz.text.empty"))
        else:
            self._comparison.value = self._comparison_html(shown)
        push_state(self._text_message)
        push_state(self._comparison)

    def measure(self) -> None:
        """Measure the token lengths of ``dataset`` with the main tokenizer (in the background)."""
        self.cancel_work(message_key=None, status=None)  # a newer measure replaces it
        self._message.clear()
        main = self.main_tokenizer()
        if self.dataset is None or main is None:
            self.stats = None
            self.status = Status.IDLE
            self._histograms.layout.display = "none"
            self._use_button.disabled = True
            self._status_line.value = ""
            if self.dataset is None:
                self._message.show(t("tokviz.lengths.no_data"), "info")
            else:
                self._message.show(
                    t("tokviz.no_tokenizer"), "warning", t("tokviz.no_tokenizer.suggestion")
                )
            self._push_lengths()
            return
        name, tokenizer = main
        dataset, sample_size = self.dataset, self.sample_size

        def work(should_stop: Callable[[], bool]) -> tokens.LengthStats:
            texts, summaries = dataset_columns(dataset)
            return tokens.length_stats(texts, summaries, tokenizer, sample_size=sample_size)

        self.run_in_background(
            work,
            lambda stats: self._show_stats(stats, name),
            status=Status.MEASURING,
            message=t("tokviz.lengths.measuring"),
        )

    def cancel(self) -> None:
        """Stop waiting for the length measure; its result is ignored."""
        self.cancel_work(status=Status.READY if self.stats is not None else Status.IDLE)

    # ------------------------------------------------------------------ handlers: the text

    def _on_text_area_value(self, change: dict) -> None:
        self.text = change["new"]

    def _on_text_change(self, change: dict) -> None:
        if self._text_area.value != change["new"]:
            self._text_area.value = change["new"]
        if not self._syncing:
            self.refresh()

    def _on_example_value(self, change: dict) -> None:
        if self.dataset is not None:
            self.text = self._example_text()

    def _on_english_checkbox_value(self, change: dict) -> None:
        self.refresh()

    def _on_tokenizers_change(self, change: dict) -> None:
        if not self._syncing:
            self.refresh()
            self.measure()

    def _on_dataset_change(self, change: dict) -> None:
        if self._syncing:
            self._show_examples()
            return
        self._syncing = True  # the first example's text and the new measure, drawn once each
        try:
            self._show_examples()
            if self.dataset is not None:
                self.text = self._example_text()
        finally:
            self._syncing = False
        self.refresh()
        self.measure()

    def _given_tokenizers(self) -> dict[str, Any]:
        shown: dict[str, Any] = {}
        if self.bundle is not None and self.bundle.tokenizer is not None:
            shown[t("tokviz.your_model")] = self.bundle.tokenizer
        for name, tokenizer in (self.tokenizers or {}).items():
            if tokenizer is None or any(tokenizer is other for other in shown.values()):
                continue
            shown[str(name)] = tokenizer
        return shown

    def _comparison_html(self, shown: Mapping[str, Any]) -> str:
        panels = []
        for name, tokenizer in shown.items():
            try:
                summary = tokens.compare_tokenizers(self.text, {name: tokenizer})[name]
                pieces = tokens.token_pieces(self.text, tokenizer)
            except Exception as error:  # one odd tokenizer must not hide the others
                panels.append(
                    _panel(
                        name,
                        _note_html(
                            t("tokviz.tokenizer_failed", detail=f"{type(error).__name__}: {error}")
                        ),
                    )
                )
                continue
            self.summaries[name] = summary
            panels.append(_panel(name, tokenizer_panel_html(self.text, pieces, summary)))
        note = difference_text(self.summaries)
        return (
            "<div style='display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start'>"
            + "".join(panels)
            + "</div>"
            + (_note_html(note) if note else "")
        )

    # ------------------------------------------------------------------ examples of the data set

    def _show_examples(self) -> None:
        count = _train_size(self.dataset)
        if count:
            self._example_slider.max = count  # counted from 1, as a person counts
            self._example_slider.value = 1
            self._example_help.value = _note_html(t("tokviz.example.help", count=count))
            self._example_box.layout.display = None
        else:
            self._example_box.layout.display = "none"
        push_state(self._example_box)

    def _example_text(self) -> str:
        if not _train_size(self.dataset):
            return self.text
        row = self.dataset.splits["train"][int(self._example_slider.value) - 1]
        value = row.get(self._example_column.value)
        return value if isinstance(value, str) else ""

    # ------------------------------------------------------------------ lengths

    def _show_stats(self, stats: tokens.LengthStats, name: str) -> None:
        # The sliders start at the suggested lengths; the chosen ones change only on «Usar».
        self._input_histogram.show(stats, stats.suggested_max_input_length)
        self._target_histogram.show(stats, stats.suggested_max_target_length)
        key = "tokviz.lengths.sampled" if stats.measured < stats.rows else "tokviz.lengths.measured"
        self._status_line.value = html.escape(
            t(key, name=name, measured=stats.measured, rows=stats.rows)
        )
        self._histograms.layout.display = None
        self._use_button.disabled = False
        self.stats = stats
        self.status = Status.READY
        self._push_lengths()

    def _fail(self, error: BaseException) -> None:
        """The measure failed: no lengths, the error under the status line."""
        self.stats = None
        super()._fail(error)

    def _render_busy(self, busy: bool) -> None:
        self._cancel_button.layout.display = None if busy else "none"
        # While measuring there is nothing new to choose; after a cancel, lengths measured
        # before are still shown and can still be used.
        self._use_button.disabled = busy or self.stats is None
        self._push_lengths()

    def _on_use_button_click(self, _button: Any) -> None:
        chosen_input = int(self._input_histogram.slider.value)
        chosen_target = int(self._target_histogram.slider.value)
        self._syncing = True  # the sliders already show these values
        try:
            with self.hold_trait_notifications():
                self.max_input_length = chosen_input
                self.max_target_length = chosen_target
        finally:
            self._syncing = False
        self._show_chosen()
        self._emit("lengths_chosen", chosen_input, chosen_target)

    def _on_chosen_length_change(self, change: dict) -> None:
        self._show_chosen()
        if self._syncing:
            return
        histogram = (
            self._input_histogram
            if change["name"] == "max_input_length"
            else self._target_histogram
        )
        histogram.set_maximum(int(change["new"]))

    def _show_chosen(self) -> None:
        self._chosen_line.value = _note_html(
            t("tokviz.lengths.chosen", input=self.max_input_length, target=self.max_target_length)
        )
        push_state(self._chosen_line)

    def _on_cancel_button_click(self, _button: Any) -> None:
        self.cancel()

    def _push_lengths(self) -> None:
        for child in (
            self._status_line,
            self._cancel_button,
            self._message,
            self._histograms,
            self._use_button,
        ):
            push_state(child)


class LengthHistogram:
    """One histogram of token lengths with its maximum line, slider and truncated share.

    Not a widget itself: it holds the children the :class:`TokenVisualizer` lays out
    (``box``), so texts and summaries share one implementation.

    Parameters
    ----------
    which: ``"text"`` or ``"summary"`` (as ``LengthStats.truncated_share`` takes it).
    color: the bars' colour.
    limit: largest maximum the slider offers.
    """

    def __init__(self, which: str, color: str, limit: int):
        self.which = which
        self.limit = int(limit)
        self.x_scale = bq.LinearScale(min=0.0, max=64.0)
        y_scale = self.y_scale = bq.LinearScale(min=0.0)
        line_scale = bq.LinearScale(min=0.0, max=1.0)  # the line spans the whole height
        self.bars = bq.Bars(
            x=np.zeros(0),
            y=np.zeros(0),
            scales={"x": self.x_scale, "y": y_scale},
            colors=[color],
            padding=0.05,
        )
        self.line = bq.Lines(
            x=np.array([32.0, 32.0]),
            y=np.array([0.0, 1.0]),
            scales={"x": self.x_scale, "y": line_scale},
            colors=["#d62728"],
            stroke_width=3,
        )
        title_key = (
            "tokviz.lengths.texts_title" if which == "text" else "tokviz.lengths.summaries_title"
        )
        self.figure = without_toolbar(
            bq.Figure(
                marks=[self.bars, self.line],
                axes=[
                    bq.Axis(
                        scale=self.x_scale, label=t("tokviz.lengths.axis_tokens"), tick_format="d"
                    ),
                    bq.Axis(
                        scale=y_scale,
                        side="left",
                        label=t("tokviz.lengths.axis_count"),
                        tick_format="d",
                        **_VERTICAL,
                    ),
                ],
                title=t(title_key),
                fig_margin={"top": 40, "bottom": 45, "left": 55, "right": 15},
                layout=widgets.Layout(width="100%", height="260px"),
            )
        )
        slider_key = (
            "tokviz.lengths.input_slider" if which == "text" else "tokviz.lengths.target_slider"
        )
        self.slider = widgets.IntSlider(
            min=tokens.LENGTH_MULTIPLE,
            max=64,
            step=tokens.LENGTH_MULTIPLE,
            value=32,
            description=t(slider_key),
            style=_FULL_WIDTH,
            layout=widgets.Layout(width="95%"),
        )
        self.share = widgets.HTML()
        self.percentiles = widgets.HTML()
        self.box = widgets.VBox(
            [self.figure, self.slider, self.share, self.percentiles],
            layout=widgets.Layout(flex="1 1 360px", min_width="300px"),
        )
        self.stats: tokens.LengthStats | None = None
        self.slider.observe(self._on_slider_value, names="value")

    def lengths(self, stats: tokens.LengthStats) -> list[int]:
        return stats.text_lengths if self.which == "text" else stats.summary_lengths

    def show(self, stats: tokens.LengthStats, suggested: int) -> None:
        """Draw the lengths of ``stats`` and put the slider at ``suggested``."""
        lengths = self.lengths(stats)
        centers, counts = histogram_bins(lengths)
        top = slider_top(lengths, suggested, self.limit)
        self.slider.max = max(top, self.slider.min)
        self.x_scale.max = float(self.slider.max)
        self.bars.x, self.bars.y = centers, counts
        # Room above the tallest bar: at the scale's very top its edge would be cut by the frame.
        self.y_scale.max = float(max(counts, default=0)) * 1.1 + 1
        self.box.layout.display = None if lengths else "none"
        percentiles = stats.text_percentiles if self.which == "text" else stats.summary_percentiles
        self.percentiles.value = _note_html(
            t(
                "tokviz.lengths.percentiles",
                median=_number(percentiles.get(50, 0.0), 0),
                p95=_number(percentiles.get(95, 0.0), 0),
                suggested=suggested,
            )
        )
        self.stats = stats
        self.set_maximum(suggested)

    def set_maximum(self, value: int) -> None:
        """Move the slider (and so the line) to ``value``, widening the slider if needed."""
        if value > self.slider.max:
            self.slider.max = value
            self.x_scale.max = float(value)
        if self.slider.value == value:
            self.draw_maximum()
        else:
            self.slider.value = value  # draws through the slider's observer

    def _on_slider_value(self, change: dict) -> None:
        self.draw_maximum()

    def draw_maximum(self) -> None:
        """Put the line at the slider's value and say the share of rows it cuts (no tokenizing:
        ``LengthStats.truncated_share`` counts the lengths already measured)."""
        maximum = int(self.slider.value)
        self.line.x = np.array([float(maximum), float(maximum)])
        if self.stats is None:
            self.share.value = ""
        else:
            share = self.stats.truncated_share(maximum, self.which)
            self.share.value = share_html(share, self.which, maximum)
        push_state(self.share)


# ---------------------------------------------------------------------- pure helpers


def dataset_columns(dataset: Any) -> tuple[list[str], list[str]]:
    """All texts and summaries of a ``PreparedData`` (every split: the maximum cuts them all)."""
    texts: list[str] = []
    summaries: list[str] = []
    for split in dataset.splits.values():
        texts.extend(split["text"])
        summaries.extend(split["summary"])
    return texts, summaries


def _train_size(dataset: Any) -> int:
    if dataset is None:
        return 0
    try:
        return len(dataset.splits["train"])
    except (AttributeError, KeyError, TypeError):
        return 0


def histogram_bins(
    lengths: Sequence[int], max_bins: int = HISTOGRAM_BINS
) -> tuple[np.ndarray, np.ndarray]:
    """``(bin centres, counts)`` of ``lengths`` in at most ``max_bins`` equal bins from 0.

    The counts add up to ``len(lengths)``.
    """
    if not len(lengths):
        return np.zeros(0), np.zeros(0, dtype=int)
    longest = int(max(lengths))
    width = max(1, math.ceil((longest + 1) / max_bins))
    edges = np.arange(0, longest + width + 1, width, dtype=float)
    counts, edges = np.histogram(np.asarray(lengths, dtype=float), bins=edges)
    return edges[:-1] + width / 2.0, counts.astype(int)


def slider_top(lengths: Sequence[int], suggested: int, limit: int) -> int:
    """Largest value the length slider offers: past the longest row and the suggestion, within
    ``limit``."""
    longest = int(max(lengths)) if len(lengths) else 0
    top = max(longest, suggested, 4 * tokens.LENGTH_MULTIPLE)
    top = int(math.ceil(top / tokens.LENGTH_MULTIPLE)) * tokens.LENGTH_MULTIPLE
    return max(min(top, limit), suggested)


def _number(value: float, digits: int) -> str:
    """A number as the user's language writes it (decimal comma in Spanish)."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if get_language() == "es" else text


def percent_text(share: float) -> str:
    """A share (0-1) as a percent: whole numbers, one decimal under 1 % so it never reads 0."""
    percent = share * 100.0
    return _number(percent, 1 if 0 < percent < 1 else 0)


def truncated_text(share: float, which: str, max_length: int) -> str:
    """The sentence under a histogram: «El 12 % de los textos se cortaría con un máximo de 256
    tokens.»"""
    kind = "text" if which == "text" else "summary"
    if share <= 0:
        return t(f"tokviz.truncated.none_{kind}", max=max_length)
    return t(f"tokviz.truncated.{kind}", percent=percent_text(share), max=max_length)


def share_html(share: float, which: str, max_length: int) -> str:
    color = "#1e6b34" if share <= 0 else ("#8a5300" if share <= 0.1 else "#b3261e")
    return (
        f"<div class='wllm-truncated' style='color:{color};font-weight:bold'>"
        f"{html.escape(truncated_text(share, which, max_length))}</div>"
    )


def _note_html(text: str) -> str:
    return f"<div style='color:#555;font-size:0.9em;margin:4px 0'>{html.escape(text)}</div>"


def _panel(name: str, body: str) -> str:
    return (
        "<div class='wllm-tokenizer' style='flex:1 1 320px;min-width:260px;"
        "border:1px solid #ddd;border-radius:6px;padding:6px 10px'>"
        f"<div style='font-weight:bold;margin-bottom:4px'>{html.escape(name)}</div>{body}</div>"
    )


def chip_title(group: tokens.PieceGroup) -> str:
    """The hover text of one chip: its id(s) and what it is."""
    ids = ", ".join(str(i) for i in group.ids)
    token = group.pieces[0].token
    if group.special:
        return t("tokviz.chip.title_special", ids=ids, token=token)
    if group.unknown:
        return t("tokviz.chip.title_unknown", ids=ids, text=group.text)
    if len(group.pieces) > 1:
        return t("tokviz.chip.title_partial", ids=ids, count=len(group.pieces))
    return t("tokviz.chip.title", ids=ids, token=token)


def chips_html(pieces: Sequence[tokens.TokenPiece], max_chips: int = MAX_CHIPS) -> str:
    """Tokens as coloured chips: escaped text, id in ``title``, special and unknown ones marked.

    Tokens sharing the bytes of one character form one chip (see ``engine.tokens.piece_groups``).
    """
    groups = tokens.piece_groups(pieces)
    chips = []
    color_index = 0
    for group in groups[:max_chips]:
        if group.special:
            kind, style = "special", SPECIAL_STYLE
        elif group.unknown:
            kind, style = "unknown", UNKNOWN_STYLE
        else:
            kind, style = "token", f"background:{PASTELS[color_index % len(PASTELS)]}"
            color_index += 1
        chips.append(
            f"<span class='wllm-chip wllm-{kind}' data-ids='{','.join(str(i) for i in group.ids)}' "
            f'title="{html.escape(chip_title(group), quote=True)}" '
            f"style='{style};display:inline-block;margin:2px 1px;padding:0 4px;"
            "border-radius:4px;white-space:pre'>"
            f"{html.escape(group.visible_text)}</span>"
        )
    body = "".join(chips)
    if len(groups) > max_chips:
        body += _note_html(t("tokviz.too_many_tokens", shown=max_chips, total=len(groups)))
    return f"<div class='wllm-chips' style='font-family:monospace;line-height:1.9'>{body}</div>"


def tokenizer_panel_html(
    text: str, pieces: Sequence[tokens.TokenPiece], summary: tokens.TokenSummary
) -> str:
    """Counts, chips and the unknown-letter note of one tokenizer on one text."""
    counts = t(
        "tokviz.counts",
        tokens=summary.count,
        words=len(text.split()),
        chars_per_token=_number(summary.chars_per_token, 1),
        tokens_per_word=_number(summary.tokens_per_word, 2),
    )
    specials = sum(1 for piece in pieces if piece.special)
    # both counts, said once: the text's tokens, and with the special markers (the model's input)
    if specials:
        counts += " · " + t(
            "tokviz.counts.with_specials", count=specials, total=summary.count + specials
        )
    lines = [f"<div class='wllm-counts'>{html.escape(counts)}</div>", chips_html(pieces)]
    if specials:
        lines.append(_note_html(t("tokviz.specials", count=specials)))
    if summary.unknown_count:
        letters = " ".join(f"«{ch}»" for ch in summary.unknown_characters) or "?"
        note = t("tokviz.unknown_note", count=summary.unknown_count, letters=letters)
        lines.append(
            "<div class='wllm-unknown-note' style='color:#991b1b;margin:4px 0'>"
            f"{html.escape(note)}</div>"
        )
    else:
        lines.append(_note_html(t("tokviz.no_unknown")))
    return "".join(lines)


def difference_text(summaries: Mapping[str, tokens.TokenSummary]) -> str:
    """One sentence comparing the tokenizers that need the most and the fewest tokens ("" if
    equal)."""
    counted = [(name, s.count) for name, s in summaries.items() if s.count]
    if len(counted) < 2:
        return ""
    fewer = min(counted, key=lambda item: item[1])
    more = max(counted, key=lambda item: item[1])
    if more[1] == fewer[1]:
        return ""
    return t(
        "tokviz.difference",
        more=more[0],
        fewer=fewer[0],
        extra=more[1] - fewer[1],
        ratio=_number(more[1] / fewer[1], 1),
    )


def legend_html() -> str:
    """What the chip styles mean."""
    chip = "display:inline-block;margin:0 4px;padding:0 4px;border-radius:4px;font-family:monospace"
    items = [
        (f"background:{PASTELS[0]}", "casa", t("tokviz.legend.normal")),
        (f"background:{PASTELS[1]}", "␣", t("tokviz.legend.space")),
        (SPECIAL_STYLE, "&lt;/s&gt;", t("tokviz.legend.special")),
        (UNKNOWN_STYLE, "ñ", t("tokviz.legend.unknown")),
    ]
    parts = "".join(
        f"<span style='margin-right:10px'><span style='{style};{chip}'>{sample}</span>"
        f"{html.escape(label)}</span>"
        for style, sample, label in items
    )
    return (
        "<div style='font-size:0.9em;color:#444;margin:4px 0'>"
        f"{html.escape(t('tokviz.legend'))} {parts}</div>"
    )
