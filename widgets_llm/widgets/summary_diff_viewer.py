"""SummaryDiffViewer: the base model and the fine-tuned one, side by side, example by example.

A thin view over :mod:`widgets_llm.engine.evaluation`: the engine's
:class:`~widgets_llm.engine.evaluation.Comparison` is shown as a table of mean scores with a
verdict in plain words, a short explanation of what ROUGE does and does not measure, and one
example at a time with the words each summary shares with the reference highlighted (the
engine's :func:`~widgets_llm.engine.scoring.shared_words` decides which). «Comparar» runs
the engine's :func:`~widgets_llm.engine.evaluation.compare_models` in the background.
"""

from __future__ import annotations

import html
import math
import threading
from typing import Any, Callable, Iterable

import ipywidgets as widgets
import traitlets

from ..engine import evaluation, scoring
from ..engine.evaluation import Comparison, ComparisonExample, EvaluationStopped
from ..engine.generation import GenerationSettings
from ..engine.models import ModelBundle
from ..errors import DataError, ModelError
from ..formatting import format_number
from ..messages import t
from ._common import Status, _Component, help_text, push_state, section_title

#: The orders of the «Ordenar» menu, in the order they are offered.
ORDER_CHOICES = ("original", "most_improved", "worst_tuned", "best_tuned", "least_improved")
#: Per-example scores shown under each summary.
EXAMPLE_ROUGE_KEYS = ("rouge1", "rouge2", "rougeL")
#: The score the verdict and the per-example improvement are about (the engine's choice).
VERDICT_KEY = "rougeL"
#: Characters of a text shown before «Ver más».
DEFAULT_TEXT_LIMIT = 400

_MARK_STYLE = "background:#fff0a8;color:inherit;padding:0 1px;border-radius:2px"
_CELL = "border:1px solid #ddd;padding:3px 8px;text-align:left"
_BETTER = "background:#e6f4ea"
_WORSE = "background:#fdecea"


class SummaryDiffViewer(_Component):
    """The base model and the fine-tuned model compared: scores, verdict and examples.

    Shows ``comparison`` (the engine's :class:`~widgets_llm.engine.evaluation.Comparison`):

    * a table of mean ROUGE-1/2/L/Lsum (in percent) for the base model, the fine-tuned model
      and the lead baseline (the text's first sentence), with perplexity and mean summary
      length, and a verdict in plain words: does the fine-tuned model beat the base model
      and the first sentence (on ROUGE-L)?
    * a short explanation of what ROUGE measures and what it misses;
    * one example at a time (Anterior/Siguiente, «Ejemplo 3 de 14», an «Ordenar» menu): the
      text (shortened, with «Ver más»), the reference summary and the summaries of the base
      model, the fine-tuned model and the first sentence, with the words each shares with the
      reference highlighted (``<mark class="wllm-shared">``) and their ROUGE in percent.

    With ``tuned`` (and the examples: ``texts``/``references`` or a ``dataset``) a
    «Comparar» button runs :func:`engine.evaluation.compare_models` in the background,
    with a progress bar and a «Cancelar» button, and then sets ``comparison``. The base model
    is ``base`` when given, else :func:`engine.evaluation.load_base_bundle` of ``tuned``.

    Parameters
    ----------
    comparison:
        A comparison to show right away.
    tuned, base, dataset, texts, references, generation, order:
        Initial values of the traits below.
    text_limit:
        Characters of a text shown before «Ver más».
    batch_size:
        Examples per batch when comparing (smaller: finer progress and quicker cancel).
    synchronous:
        Compare in the calling thread (tests, scripts) instead of a background thread.

    Attributes
    ----------
    comparison : Comparison or None (trait, observable)
        What is shown; ``None`` shows a friendly "nothing to compare yet".
    tuned : ModelBundle or None (trait, observable)
        The fine-tuned model «Comparar» uses; the «Comparar» row shows only when it is set.
    base : ModelBundle or None (trait, observable)
        The model before fine-tuning; ``None`` (the default) gets it from ``tuned`` with
        ``load_base_bundle``.
    dataset : PreparedData or None (trait, observable)
        Prepared data; its test split (its validation split when the test split is empty)
        gives the examples when ``texts`` is None.
    texts, references : list of str or None (traits, observable)
        The examples to compare on, paired by position; take precedence over ``dataset``.
    generation : GenerationSettings or None (trait, observable)
        How both models write summaries (default ``GenerationSettings()``). Its
        ``max_input_length`` and ``max_new_tokens`` are also the token limits of the
        perplexity.
    order : str (trait, observable)
        One of :data:`ORDER_CHOICES`; follows the «Ordenar» menu, and setting it updates it.
    index : int (trait, observable)
        Position (from 0) of the shown example in the current order.
    status : str (trait, observable)
        ``"idle"``, ``"comparing"``, ``"done"``, ``"cancelled"`` or ``"error"``.
    current_example : ComparisonExample or None
        The example shown now.

    Events
    ------
    on_comparison_ready(callback, remove=False)
        ``callback(comparison)`` after «Comparar» finished.
    """

    comparison = traitlets.Instance(Comparison, allow_none=True).tag(sync=False)
    tuned = traitlets.Instance(ModelBundle, allow_none=True).tag(sync=False)
    base = traitlets.Instance(ModelBundle, allow_none=True).tag(sync=False)
    dataset = traitlets.Any(None, allow_none=True).tag(sync=False)
    texts = traitlets.Any(None, allow_none=True).tag(sync=False)
    references = traitlets.Any(None, allow_none=True).tag(sync=False)
    generation = traitlets.Instance(GenerationSettings, allow_none=True).tag(sync=False)
    order = traitlets.Enum(ORDER_CHOICES, default_value="original").tag(sync=False)
    index = traitlets.Int(0).tag(sync=False)

    EVENTS = ("comparison_ready",)
    FAILED_STATUS_KEY = "diff.status.failed"

    def __init__(
        self,
        comparison: Comparison | None = None,
        *,
        tuned: ModelBundle | None = None,
        base: ModelBundle | None = None,
        dataset: Any = None,
        texts: Iterable[str] | None = None,
        references: Iterable[str] | None = None,
        generation: GenerationSettings | None = None,
        order: str = "original",
        text_limit: int = DEFAULT_TEXT_LIMIT,
        batch_size: int = 16,
        synchronous: bool = False,
        **kwargs: Any,
    ):
        # 1. Arguments
        super().__init__(synchronous=synchronous, **kwargs)
        if order not in ORDER_CHOICES:
            raise ValueError(f"order must be one of {ORDER_CHOICES}, not {order!r}")
        if isinstance(text_limit, bool) or not isinstance(text_limit, int) or text_limit < 20:
            raise ValueError(
                f"text_limit must be a whole number of at least 20 characters, not {text_limit!r}"
            )
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            raise ValueError(f"batch_size must be a positive whole number, not {batch_size!r}")
        self.text_limit = text_limit
        self.batch_size = batch_size
        self._examples: list[ComparisonExample] = []
        self._full_text = False
        # «Cancelar» asks the comparison under way to stop at its next batch: it then ends
        # (without half results) and says so; a new comparison gets a new request.
        self._stop_requested = threading.Event()

        # 2. Children
        self._build_run_children()
        self._build_result_children()

        # 3. Events
        self._compare_button.on_click(self._on_compare_button_click)
        self._cancel_button.on_click(self._on_cancel_button_click)
        self._previous_button.on_click(self._on_previous_button_click)
        self._next_button.on_click(self._on_next_button_click)
        self._more_button.on_click(self._on_more_button_click)
        self._order_dropdown.observe(self._on_order_dropdown_value, names="value")
        self.observe(self._on_comparison_change, names="comparison")
        self.observe(self._on_order_change, names="order")
        self.observe(self._on_index_change, names="index")
        self.observe(self._on_inputs_change, names=["tuned", "dataset", "texts", "references"])

        # 4. Layout
        children = [
            section_title(t("diff.title")),
            help_text(t("diff.intro")),
            self._run_box,
            self._message,
            self._empty,
            self._results_box,
        ]

        # 5. First render
        self._render_busy(False)
        self.children = children
        self.tuned, self.base, self.dataset, self.generation = tuned, base, dataset, generation
        self.texts = list(texts) if texts is not None else None
        self.references = list(references) if references is not None else None
        self.order = order
        self._render_run_row()
        self.comparison = comparison
        if comparison is None:  # no change event: render the friendly "nothing yet"
            self._render_comparison()

    # ------------------------------------------------------------------ children

    def _build_run_children(self) -> None:
        self._compare_button = widgets.Button(
            description=t("diff.compare"),
            tooltip=t("diff.compare.tooltip"),
            button_style="success",
            layout=widgets.Layout(width="auto"),
        )
        self._cancel_button = widgets.Button(
            description=t("widgets.cancel"), layout=widgets.Layout(width="auto")
        )
        self._progress = widgets.IntProgress(
            value=0, min=0, max=1, layout=widgets.Layout(width="260px")
        )
        self._source_line = widgets.HTML()
        self._run_box = widgets.VBox(
            [
                self._source_line,
                widgets.HBox([self._compare_button, self._cancel_button, self._progress]),
                self._status_line,
            ]
        )

    def _build_result_children(self) -> None:
        self._empty = widgets.HTML()
        self._aggregate = widgets.HTML()
        self._verdict = widgets.HTML()
        self._explanation = widgets.HTML(explanation_html())
        self._order_dropdown = widgets.Dropdown(
            options=[(t(f"diff.order.{order}"), order) for order in ORDER_CHOICES],
            value="original",
            description=t("diff.order"),
            style={"description_width": "initial"},
            layout=widgets.Layout(width="auto"),
        )
        self._previous_button = widgets.Button(
            description=t("diff.previous"), layout=widgets.Layout(width="auto")
        )
        self._next_button = widgets.Button(
            description=t("diff.next"), layout=widgets.Layout(width="auto")
        )
        self._index_label = widgets.Label()
        self._text = widgets.HTML()
        self._more_button = widgets.Button(
            description=t("diff.more"), layout=widgets.Layout(width="auto")
        )
        self._summaries = widgets.HTML()
        navigation = widgets.HBox(
            [self._previous_button, self._index_label, self._next_button, self._order_dropdown],
            layout=widgets.Layout(align_items="center", flex_flow="row wrap"),
        )
        self._examples_box = widgets.VBox(
            [
                navigation,
                help_text(t("diff.legend")),
                self._text,
                self._more_button,
                self._summaries,
            ]
        )
        self._results_box = widgets.VBox(
            [
                section_title(t("diff.summary.title")),
                self._aggregate,
                self._verdict,
                self._explanation,
                section_title(t("diff.examples.title")),
                self._examples_box,
            ]
        )

    # ------------------------------------------------------------------ public API

    def on_comparison_ready(
        self, callback: Callable[[Comparison], Any], remove: bool = False
    ) -> None:
        """Register ``callback(comparison)``, called each time «Comparar» has finished."""
        self._register("comparison_ready", callback, remove)

    def compare(self) -> None:
        """Compare the base and the fine-tuned model (as «Comparar» does)."""
        self._on_compare_button_click(None)

    def cancel(self) -> None:
        """Stop the comparison in progress; it ends at the next batch, with no half results."""
        if self.status != Status.COMPARING:
            return
        self._stop_requested.set()
        self._cancel_button.disabled = True
        self._status_line.value = html.escape(t("diff.status.cancelling"))
        for child in (self._cancel_button, self._status_line):
            push_state(child)

    @property
    def current_example(self) -> ComparisonExample | None:
        """The example shown now (``None`` when there is none)."""
        if not self._examples:
            return None
        return self._examples[min(self.index, len(self._examples) - 1)]

    @property
    def examples(self) -> list[ComparisonExample]:
        """The comparison's examples in the current order."""
        return list(self._examples)

    def example_texts(self) -> tuple[list[str], list[str], str]:
        """The examples «Comparar» uses: ``(texts, references, source message key)``.

        ``texts``/``references`` when set; else the dataset's test split, or its validation
        split when the test split is empty; else nothing.
        """
        if self.texts is not None:
            references = list(self.references) if self.references is not None else []
            return list(self.texts), references, "diff.source.texts"
        splits = getattr(self.dataset, "splits", None)
        if splits is not None:
            for name in ("test", "validation"):
                if name in splits and len(splits[name]) > 0:
                    return (
                        list(splits[name]["text"]),
                        list(splits[name]["summary"]),
                        f"diff.source.{name}",
                    )
        return [], [], "diff.source.none"

    # ------------------------------------------------------------------ handlers: what is shown

    def _on_comparison_change(self, change: dict) -> None:
        self._render_comparison()

    def _on_order_dropdown_value(self, change: dict) -> None:
        self.order = change["new"]

    def _on_order_change(self, change: dict) -> None:
        self._order_dropdown.value = change["new"]
        self._sort_examples()
        self._show_example(0)

    def _on_index_change(self, change: dict) -> None:
        self._full_text = False
        self._render_example()

    def _on_previous_button_click(self, _button: Any) -> None:
        self._show_example(self.index - 1)

    def _on_next_button_click(self, _button: Any) -> None:
        self._show_example(self.index + 1)

    def _on_more_button_click(self, _button: Any) -> None:
        self._full_text = not self._full_text
        self._render_text()

    @traitlets.validate("index")
    def _valid_index(self, proposal: dict) -> int:
        return max(0, min(int(proposal["value"]), max(len(self._examples) - 1, 0)))

    def _show_example(self, index: int) -> None:
        """Go to ``index`` (clamped) and render it, even when the index did not change."""
        previous = self.index
        self.index = index
        if self.index == previous:
            self._full_text = False
            self._render_example()

    def _sort_examples(self) -> None:
        examples = self.comparison.examples if self.comparison is not None else []
        self._examples = evaluation.sort_examples(examples, self.order)

    def _render_comparison(self) -> None:
        comparison = self.comparison
        self._sort_examples()
        if comparison is None:
            self._empty.value = _note_html(t("diff.empty"))
            self._empty.layout.display = None
            self._results_box.layout.display = "none"
        else:
            self._empty.value = ""
            self._empty.layout.display = "none"
            self._results_box.layout.display = None
            self._aggregate.value = aggregate_table_html(comparison)
            self._verdict.value = verdict_html(comparison)
        for child in (self._empty, self._results_box, self._aggregate, self._verdict):
            push_state(child)
        self._show_example(0)

    def _render_example(self) -> None:
        total = len(self._examples)
        example = self.current_example
        self._examples_box.layout.display = None if self.comparison is not None else "none"
        if example is None:
            self._index_label.value = ""
            self._summaries.value = (
                _note_html(t("diff.no_examples_in_comparison"))
                if self.comparison is not None
                else ""
            )
        else:
            self._index_label.value = t("diff.index", position=self.index + 1, total=total)
            self._summaries.value = summaries_html(example)
        self._previous_button.disabled = example is None or self.index <= 0
        self._next_button.disabled = example is None or self.index >= total - 1
        for child in (
            self._examples_box,
            self._index_label,
            self._summaries,
            self._previous_button,
            self._next_button,
        ):
            push_state(child)
        self._render_text()

    def _render_text(self) -> None:
        example = self.current_example
        if example is None:
            self._text.value = ""
            self._more_button.layout.display = "none"
        else:
            shown, is_cut = shortened(example.text, self.text_limit)
            long_text = is_cut or self._full_text
            body = example.text if self._full_text else shown
            self._text.value = _block_html(t("diff.example.text"), html.escape(body), "wllm-text")
            self._more_button.description = t("diff.less") if self._full_text else t("diff.more")
            self._more_button.layout.display = None if long_text else "none"
        for child in (self._text, self._more_button):
            push_state(child)

    # ------------------------------------------------------------------ running the comparison

    def _on_inputs_change(self, change: dict) -> None:
        self._render_run_row()

    def _render_run_row(self) -> None:
        self._run_box.layout.display = None if self.tuned is not None else "none"
        texts, _references, key = self.example_texts()
        self._source_line.value = _note_html(t(key, count=len(texts)))
        for child in (self._run_box, self._source_line):
            push_state(child)

    def _on_compare_button_click(self, _button: Any) -> None:
        if self.status == Status.COMPARING:
            return
        self._message.clear()
        tuned = self.tuned
        texts, references, _key = self.example_texts()
        if tuned is None:
            self._fail(ModelError("diff.no_tuned"))
            return
        if not texts:
            self._fail(DataError("diff.no_examples"))
            return
        base = self.base
        settings = self.generation or GenerationSettings()
        batch_size = self.batch_size
        stop_requested = threading.Event()
        self._stop_requested = stop_requested

        def work(superseded: Callable[[], bool]) -> Comparison:
            def should_stop() -> bool:
                return stop_requested.is_set() or superseded()

            def report(done: int, total: int) -> None:
                if not superseded():  # a dropped request's progress is no longer shown
                    self._in_kernel(self._show_progress, done, total)

            if should_stop():
                raise EvaluationStopped(0, 4 * len(texts))
            base_bundle = base if base is not None else evaluation.load_base_bundle(tuned)
            return evaluation.compare_models(
                base_bundle,
                tuned,
                texts,
                references,
                settings=settings,
                max_input_length=settings.max_input_length,
                max_target_length=settings.max_new_tokens,
                batch_size=batch_size,
                on_progress=report,
                should_stop=should_stop,
            )

        self._progress.value, self._progress.max = 0, 4 * len(texts)
        self.run_in_background(
            work,
            self._show_comparison,
            status=Status.COMPARING,
            message=t("diff.status.loading_base"),
            on_error=self._comparison_failed,
        )

    def _show_comparison(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self._show_status(t("diff.status.done", count=len(comparison.examples)), Status.DONE)
        self._emit("comparison_ready", comparison)

    def _comparison_failed(self, error: BaseException) -> None:
        if isinstance(error, EvaluationStopped):
            self._message.show(t("diff.cancelled"), "info")
            push_state(self._message)
            self._show_status(t("widgets.cancelled"), Status.CANCELLED)
        else:
            self._fail(error)

    def _show_progress(self, done: int, total: int) -> None:
        with self._progress.hold_sync():
            self._progress.max = max(total, 1)
            self._progress.value = min(done, total)
        if not self._stop_requested.is_set():
            self._status_line.value = html.escape(
                t("diff.status.comparing", done=done, total=total)
            )
        for child in (self._progress, self._status_line):
            push_state(child)

    def _on_cancel_button_click(self, _button: Any) -> None:
        self.cancel()

    def _render_busy(self, busy: bool) -> None:
        self._compare_button.disabled = busy
        self._cancel_button.disabled = not busy
        self._cancel_button.layout.display = None if busy else "none"
        self._progress.layout.display = None if busy else "none"
        for child in (self._compare_button, self._cancel_button, self._progress):
            push_state(child)


# ---------------------------------------------------------------------- pure rendering helpers


def percent(value: float | None) -> str:
    """A score (fraction 0-1) as a percent with one decimal: ``0.345`` → «34,5 %» (Spanish); «—»
    when missing."""
    if not _is_number(value):
        return t("diff.missing")
    return t("diff.percent", value=format_number(100 * value, 1))


def points(difference: float | None, signed: bool = True) -> str:
    """A difference of two scores in percentage points: ``0.052`` → «+5,2 puntos» (Spanish)."""
    if not _is_number(difference):
        return t("diff.missing")
    value = _signed(100 * difference, 1) if signed else format_number(100 * abs(difference), 1)
    return t("diff.points", value=value)


def _signed(value: float, digits: int) -> str:
    """``value`` with its sign always shown: «+3,0», «-799,75» (a decimal comma in Spanish)."""
    text = format_number(value, digits)
    return text if text.startswith("-") else "+" + text


def _number(value: float | None, digits: int) -> str:
    return format_number(value, digits) if _is_number(value) else t("diff.missing")


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def shortened(text: str, limit: int) -> tuple[str, bool]:
    """``text`` cut at a word boundary near ``limit`` characters, with «…»; and whether it was
    cut."""
    if len(text) <= limit:
        return text, False
    cut = text[:limit]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "…", True


def highlighted_html(candidate: str, reference: str) -> str:
    """``candidate`` as escaped HTML with the words it shares with ``reference`` in ``<mark>``.

    Which words are shared is the engine's decision (:func:`engine.scoring.shared_words`,
    counted as ROUGE-1 counts them); this only escapes and wraps them.
    """
    if not candidate.strip():
        return f"<i style='color:#777'>{html.escape(t('diff.example.empty_summary'))}</i>"
    parts = []
    for span, shared in scoring.shared_words(candidate, reference):
        escaped = html.escape(span)
        parts.append(
            f"<mark class='wllm-shared' style='{_MARK_STYLE}'>{escaped}</mark>"
            if shared
            else escaped
        )
    return "".join(parts)


def example_scores_text(scores: dict[str, float]) -> str:
    """«ROUGE-1 45.0 % · ROUGE-2 20.0 % · ROUGE-L 40.0 %» for one summary."""
    return t("diff.example.scores", **{key: percent(scores.get(key)) for key in EXAMPLE_ROUGE_KEYS})


def improvement_text(example: ComparisonExample) -> str:
    """The example's improvement (tuned minus base ROUGE-L) in plain words."""
    improvement = example.improvement
    if not _is_number(improvement) or round(100 * improvement, 1) == 0:
        return t("diff.example.unchanged")
    key = "diff.example.improved" if improvement > 0 else "diff.example.worsened"
    return t(key, points=points(improvement, signed=False))


def summaries_html(example: ComparisonExample) -> str:
    """The reference and the three summaries of one example, shared words highlighted, with
    scores."""
    reference = html.escape(example.reference)
    blocks = [_block_html(t("diff.example.reference"), reference, "wllm-reference")]
    rows = (
        ("base", example.base, example.base_rouge, ""),
        ("tuned", example.tuned, example.tuned_rouge, improvement_text(example)),
        ("lead", example.lead, example.lead_rouge, ""),
    )
    for name, summary, scores, note in rows:
        extra = ""
        if scores:
            extra += (
                "<div class='wllm-scores' style='color:#555;font-size:0.9em'>"
                f"{html.escape(example_scores_text(scores))}</div>"
            )
        if note:
            extra += (
                f"<div class='wllm-improvement' style='font-size:0.9em'>{html.escape(note)}</div>"
            )
        blocks.append(
            _block_html(
                t(f"diff.example.{name}"),
                highlighted_html(summary, example.reference),
                f"wllm-{name}",
                extra,
            )
        )
    return "".join(blocks)


def _block_html(title: str, body: str, css_class: str, extra: str = "") -> str:
    return (
        f"<div class='wllm-diff-block {css_class}' "
        "style='margin:6px 0;padding:4px 8px;border-left:3px solid #ccd'>"
        f"<div style='font-weight:bold'>{html.escape(title)}</div>"
        "<div class='wllm-body' style='line-height:1.5;white-space:pre-wrap'>"
        f"{body}</div>{extra}</div>"
    )


def _note_html(text: str) -> str:
    return f"<div class='wllm-note' style='color:#555;padding:4px 0'>{html.escape(text)}</div>"


def _cell(text: str, style: str = "", tag: str = "td") -> str:
    return f"<{tag} style='{_CELL}{';' + style if style else ''}'>{html.escape(text)}</{tag}>"


def _comparison_style(
    tuned: float | None, base: float | None, higher_is_better: bool = True
) -> str:
    if not (_is_number(tuned) and _is_number(base)) or tuned == base:
        return ""
    return _BETTER if (tuned > base) == higher_is_better else _WORSE


def aggregate_table_html(comparison: Comparison) -> str:
    """Mean scores of the base model, the tuned model and the first sentence, as an escaped table.

    ROUGE in percent; the tuned model's cell is green where it beats the base model, red where
    it does worse (the «Cambio» column says the same in numbers).
    """
    base, tuned, lead = comparison.base, comparison.tuned, comparison.lead_baseline
    columns = ("measure", "base", "tuned", "lead", "change")
    head = "".join(_cell(t(f"diff.column.{name}"), tag="th") for name in columns)
    rows = []
    for key in scoring.ROUGE_KEYS:
        base_value, tuned_value = base.rouge.get(key), tuned.rouge.get(key)
        difference = (
            tuned_value - base_value if _is_number(base_value) and _is_number(tuned_value) else None
        )
        rows.append(
            (
                key,
                [
                    t(f"diff.row.{key}"),
                    percent(base_value),
                    percent(tuned_value),
                    percent(lead.get(key)),
                    points(difference),
                ],
                _comparison_style(tuned_value, base_value),
            )
        )
    base_ppl, tuned_ppl = base.perplexity, tuned.perplexity
    ppl_change = (
        _signed(tuned_ppl - base_ppl, 2)
        if _is_number(base_ppl) and _is_number(tuned_ppl)
        else t("diff.missing")
    )
    rows.append(
        (
            "perplexity",
            [
                t("diff.row.perplexity"),
                _number(base_ppl, 2),
                _number(tuned_ppl, 2),
                t("diff.missing"),
                ppl_change,
            ],
            _comparison_style(tuned_ppl, base_ppl, higher_is_better=False),
        )
    )
    lead_words = scoring.mean_words(tuned.lead_predictions) if tuned.lead_predictions else None
    base_words, tuned_words = base.mean_generated_words, tuned.mean_generated_words
    words_change = (
        _signed(tuned_words - base_words, 1)
        if _is_number(base_words) and _is_number(tuned_words)
        else t("diff.missing")
    )
    rows.append(
        (
            "words",
            [
                t("diff.row.words"),
                _number(base_words, 1),
                _number(tuned_words, 1),
                _number(lead_words, 1),
                words_change,
            ],
            "",
        )
    )
    # Does the model write sentences, or loop on a few words (the same ones for every text)?
    lead_repetition = (
        scoring.repetition_measures(tuned.lead_predictions) if tuned.lead_predictions else {}
    )
    base_repeat, tuned_repeat = (
        base.repetition.get("longest_repeat"),
        tuned.repetition.get("longest_repeat"),
    )
    repeat_change = (
        _signed(tuned_repeat - base_repeat, 0)
        if _is_number(base_repeat) and _is_number(tuned_repeat)
        else t("diff.missing")
    )
    rows.append(
        (
            "longest_repeat",
            [
                t("diff.row.longest_repeat"),
                _number(base_repeat, 0),
                _number(tuned_repeat, 0),
                _number(lead_repetition.get("longest_repeat"), 0),
                repeat_change,
            ],
            _comparison_style(tuned_repeat, base_repeat, higher_is_better=False),
        )
    )
    base_distinct, tuned_distinct = (
        base.repetition.get("distinct_bigrams"),
        tuned.repetition.get("distinct_bigrams"),
    )
    distinct_change = (
        points(tuned_distinct - base_distinct)
        if _is_number(base_distinct) and _is_number(tuned_distinct)
        else t("diff.missing")
    )
    rows.append(
        (
            "distinct_bigrams",
            [
                t("diff.row.distinct_bigrams"),
                percent(base_distinct),
                percent(tuned_distinct),
                percent(lead_repetition.get("distinct_bigrams")),
                distinct_change,
            ],
            _comparison_style(tuned_distinct, base_distinct),
        )
    )
    body = "".join(
        f"<tr data-row='{name}'>"
        + "".join(
            _cell(value, tuned_style if i == 2 else "", tag="th" if i == 0 else "td")
            for i, value in enumerate(values)
        )
        + "</tr>"
        for name, values, tuned_style in rows
    )
    count = _note_html(
        t("diff.examples_count", count=len(comparison.examples) or base.num_examples)
    )
    return (
        "<div style='overflow-x:auto'>"
        "<table class='wllm-aggregate' style='border-collapse:collapse;font-size:0.95em'>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>{count}"
    )


def verdict_key(comparison: Comparison) -> str:
    """``"both"``, ``"base_only"``, ``"lead_only"`` or ``"neither"``: whom the tuned model beats on
    ROUGE-L.

    "Beats" means a strictly higher mean score (a tie does not count).
    """
    tuned = comparison.tuned.rouge[VERDICT_KEY]
    beats_base = comparison.gains()[VERDICT_KEY] > 0
    beats_lead = tuned > comparison.lead_baseline[VERDICT_KEY]
    if beats_base and beats_lead:
        return "both"
    if beats_base:
        return "base_only"
    if beats_lead:
        return "lead_only"
    return "neither"


def verdict_text(comparison: Comparison) -> str:
    """Whether the tuned model beats the base model and the first sentence, in plain words with the
    numbers."""
    text = t(
        f"diff.verdict.{verdict_key(comparison)}",
        tuned=percent(comparison.tuned.rouge[VERDICT_KEY]),
        base=percent(comparison.base.rouge[VERDICT_KEY]),
        lead=percent(comparison.lead_baseline[VERDICT_KEY]),
    )
    base_ppl, tuned_ppl = comparison.base.perplexity, comparison.tuned.perplexity
    if _is_number(base_ppl) and _is_number(tuned_ppl) and base_ppl != tuned_ppl:
        key = (
            "diff.verdict.perplexity_down" if tuned_ppl < base_ppl else "diff.verdict.perplexity_up"
        )
        text += " " + t(key, base=_number(base_ppl, 2), tuned=_number(tuned_ppl, 2))
    stages = stage_verdict_text(comparison)
    if stages:
        text += " " + stages
    return text


def stage_verdict_key(comparison: Comparison) -> str | None:
    """Which stage of a two-stage run helped ROUGE-L: ``"both"``, ``"warmup"``, ``"finetune"``
    or ``"neither"``; ``None`` for a run without warm-up."""
    gains = comparison.stage_gains(VERDICT_KEY) if hasattr(comparison, "stage_gains") else None
    if gains is None:
        return None
    warm, tune = gains["warmup"] > 0, gains["finetune"] > 0
    return "both" if warm and tune else "warmup" if warm else "finetune" if tune else "neither"


def stage_verdict_text(comparison: Comparison) -> str:
    """What each stage did to ROUGE-L, in plain words with the numbers ("" without warm-up)."""
    key = stage_verdict_key(comparison)
    if key is None:
        return ""
    return t(
        f"diff.verdict.stages.{key}",
        base=percent(comparison.base.rouge[VERDICT_KEY]),
        warmup=percent(comparison.warmup.rouge[VERDICT_KEY]),
        tuned=percent(comparison.tuned.rouge[VERDICT_KEY]),
    )


def verdict_html(comparison: Comparison) -> str:
    key = verdict_key(comparison)
    background, color = ("#e6f4ea", "#1e6b34") if key == "both" else ("#fff4e5", "#8a5300")
    return (
        f"<div class='wllm-verdict' data-verdict='{key}' role='status' "
        f"style='background:{background};color:{color};"
        "padding:6px 10px;border-radius:4px;margin:6px 0'>"
        f"{html.escape(verdict_text(comparison))}</div>"
    )


def explanation_html() -> str:
    """What ROUGE measures and what it misses, in plain words."""
    paragraphs = "".join(
        f"<p style='margin:4px 0'>{html.escape(t(key))}</p>"
        for key in (
            "diff.explain.measures",
            "diff.explain.misses",
            "diff.explain.lead",
            "diff.explain.perplexity",
        )
    )
    return (
        "<div class='wllm-explanation' "
        "style='background:#f6f7f9;padding:6px 10px;border-radius:4px;"
        f"color:#333;font-size:0.92em'><b>{html.escape(t('diff.explain.title'))}</b>{paragraphs}</div>"
    )


__all__ = [
    "SummaryDiffViewer",
    "ORDER_CHOICES",
    "aggregate_table_html",
    "explanation_html",
    "highlighted_html",
    "percent",
    "points",
    "shortened",
    "summaries_html",
    "verdict_key",
    "verdict_text",
    "stage_verdict_key",
    "stage_verdict_text",
]
