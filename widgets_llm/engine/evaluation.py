"""Evaluation: how good a model's summaries are, and whether fine-tuning made them better.

Three numbers answer "did it learn?":

* **ROUGE** (rouge1, rouge2, rougeL, rougeLsum): the words the generated summaries share
  with the reference summaries, as fractions between 0 and 1;
* **perplexity**: how surprised the model is by the reference summaries when it reads the
  texts (``exp`` of the mean loss per summary token; lower is better). It is computed with
  exactly the inputs training used (:func:`features.tokenize_batch` and
  :func:`features.data_collator`). Every summary token weighs the same; the Trainer's
  validation loss instead averages batch means, so the two differ slightly when the last
  batch is smaller than the others;
* the **lead baseline**: the ROUGE of simply copying each text's first sentence. A model
  that does not beat it has not learned to summarize yet.

:func:`evaluate_model` scores one model; :func:`compare_models` scores the base model and
the fine-tuned one on the same examples, side by side. :func:`base_model_of` and
:func:`load_base_bundle` get the base model back from a fine-tuned bundle (LoRA adapters are
switched off, offline models get their initial weights back, hub and folder models are
loaded again).

Every evaluation reports progress with ``on_progress(done, total)`` and can be stopped with
``should_stop()``; a stopped evaluation raises :class:`EvaluationStopped` (there are no
half-finished reports).
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from .lease import hold_model
from ..errors import DataError, WidgetsLLMError
from .features import LengthLimits, data_collator, tokenize_batch
from .generation import GenerationSettings, generate_summaries, settings_for
from .models import (
    ModelBundle,
    is_lora_bundle,
    load_pretrained,
)  # is_lora_bundle: also imported from here
from .scoring import (
    REPETITION_KEYS,
    ROUGE_KEYS,
    lead_baseline,
    mean_words,
    perplexity_from_loss,
    repetition_measures,
    rouge,
)

ProgressCallback = Callable[[int, int], None]
StopCallback = Callable[[], bool]


class EvaluationStopped(WidgetsLLMError):
    """The evaluation was stopped by ``should_stop()`` before it finished."""

    def __init__(self, done: int, total: int):
        super().__init__("evaluation.stopped", done=done, total=total)
        self.done = done
        self.total = total


# --------------------------------------------------------------------------- results


@dataclass
class EvaluationReport:
    """Scores of one model on a set of (text, reference summary) pairs.

    Attributes
    ----------
    rouge:
        Mean ``rouge1``, ``rouge2``, ``rougeL``, ``rougeLsum`` F-measures (fractions 0-1).
    perplexity:
        ``exp`` of the mean loss per reference-summary token, with teacher forcing (lower is
        better; ``inf``/``nan`` for a diverged model).
    loss:
        That mean loss, in nats per token.
    mean_generated_words:
        Mean length of the generated summaries, in words.
    num_examples:
        Number of pairs scored.
    predictions:
        The generated summaries, in the order of the texts.
    per_example:
        ROUGE of each generated summary (dicts with the four ROUGE keys), in order.
    lead_baseline:
        Mean ROUGE of the lead baseline (first sentences of each text).
    lead_predictions, lead_per_example:
        The lead baseline's summaries and their ROUGE, in order.
    settings:
        The generation settings used.
    repetition:
        How repetitive the generated summaries are (:func:`scoring.repetition_measures`):
        ``longest_repeat`` (longest run of one word repeated back to back),
        ``share_with_triple_repeat`` (fraction of summaries with a word three times in a row)
        and ``distinct_bigrams`` (distinct word pairs over all word pairs, all summaries
        together). Real, text-specific sentences have ``longest_repeat`` below 3 and
        ``distinct_bigrams`` near 1.
    """

    rouge: dict[str, float]
    perplexity: float
    loss: float
    mean_generated_words: float
    num_examples: int
    predictions: list[str]
    per_example: list[dict[str, float]]
    lead_baseline: dict[str, float]
    lead_predictions: list[str] = field(default_factory=list)
    lead_per_example: list[dict[str, float]] = field(default_factory=list)
    settings: GenerationSettings = field(default_factory=GenerationSettings)
    repetition: dict[str, float] = field(default_factory=dict)

    def __post_init__(self):
        if not self.repetition:
            self.repetition = repetition_measures(self.predictions)

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready numbers (ROUGE as fractions 0-1).

        Returns
        -------
        dict
            Exactly ``rouge1``, ``rouge2``, ``rougeL``, ``rougeLsum``, ``perplexity``,
            ``mean_generated_words``, ``num_examples``, ``lead_baseline`` (a dict with the
            four ROUGE keys) and ``repetition`` (a dict with :data:`scoring.REPETITION_KEYS`).
        """
        data: dict[str, Any] = {key: float(self.rouge[key]) for key in ROUGE_KEYS}
        data["perplexity"] = float(self.perplexity)
        data["mean_generated_words"] = float(self.mean_generated_words)
        data["num_examples"] = int(self.num_examples)
        data["lead_baseline"] = {key: float(self.lead_baseline[key]) for key in ROUGE_KEYS}
        data["repetition"] = {key: float(self.repetition[key]) for key in REPETITION_KEYS}
        return data

    def writes_sentences(self) -> bool:
        """Whether the summaries look like real sentences: no word three times in a row in
        any of them, and at least 80 % of their word pairs distinct."""
        return self.repetition["longest_repeat"] < 3 and self.repetition["distinct_bigrams"] >= 0.8

    def beats_lead(self, key: str = "rougeL") -> bool:
        """Whether the model's summaries score better than copying the first sentences."""
        return self.rouge[key] > self.lead_baseline[key]


@dataclass
class ComparisonExample:
    """One text with the summaries of the base model, the tuned model and the lead baseline.

    Attributes
    ----------
    text, reference:
        The source text and its reference summary.
    base, tuned, lead:
        Summaries by the base model, the tuned model and the lead baseline.
    base_rouge, tuned_rouge, lead_rouge:
        Their ROUGE against the reference (the four ROUGE keys, fractions 0-1).
    improvement:
        ``tuned_rouge["rougeL"] - base_rouge["rougeL"]`` (positive: fine-tuning helped here).
    """

    text: str
    reference: str
    base: str
    tuned: str
    lead: str
    base_rouge: dict[str, float]
    tuned_rouge: dict[str, float]
    improvement: float
    lead_rouge: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Exactly ``text``, ``reference``, ``base``, ``tuned``, ``lead``, ``base_rouge``,
        ``tuned_rouge`` and ``improvement``."""
        return {
            "text": self.text,
            "reference": self.reference,
            "base": self.base,
            "tuned": self.tuned,
            "lead": self.lead,
            "base_rouge": {key: float(self.base_rouge[key]) for key in ROUGE_KEYS},
            "tuned_rouge": {key: float(self.tuned_rouge[key]) for key in ROUGE_KEYS},
            "improvement": float(self.improvement),
        }


@dataclass
class Comparison:
    """The base model and the fine-tuned model scored on the same examples.

    Attributes
    ----------
    base, tuned:
        The two :class:`EvaluationReport` objects.
    lead_baseline:
        Mean ROUGE of the lead baseline (the same for both).
    examples:
        One :class:`ComparisonExample` per text, in the order of the texts.
    warmup:
        The model after the warm-up stage only (before fine-tuning), when the run had a
        warm-up; ``None`` otherwise. With it, :meth:`stage_gains` says which stage helped.
    """

    base: EvaluationReport
    tuned: EvaluationReport
    lead_baseline: dict[str, float]
    examples: list[ComparisonExample]
    warmup: EvaluationReport | None = None

    def to_dict(self) -> dict[str, Any]:
        """Exactly ``base``, ``tuned`` (see :meth:`EvaluationReport.to_dict`),
        ``lead_baseline`` (the four ROUGE keys), ``examples`` (in order) and ``warmup`` (a
        report like ``base``, or ``None`` for a run without warm-up)."""
        return {
            "base": self.base.to_dict(),
            "tuned": self.tuned.to_dict(),
            "lead_baseline": {key: float(self.lead_baseline[key]) for key in ROUGE_KEYS},
            "examples": [example.to_dict() for example in self.examples],
            "warmup": self.warmup.to_dict() if self.warmup is not None else None,
        }

    def gains(self) -> dict[str, float]:
        """Tuned minus base for each ROUGE key (positive: training helped)."""
        return {key: self.tuned.rouge[key] - self.base.rouge[key] for key in ROUGE_KEYS}

    def stage_gains(self, key: str = "rougeL") -> dict[str, float] | None:
        """What each stage added to ``key``:
        ``{"warmup": warm-up − base, "finetune": tuned − warm-up}``.

        ``None`` when the run had no warm-up (then :meth:`gains` is the fine-tuning's gain).
        """
        if self.warmup is None:
            return None
        return {
            "warmup": self.warmup.rouge[key] - self.base.rouge[key],
            "finetune": self.tuned.rouge[key] - self.warmup.rouge[key],
        }

    def most_improved(self, n: int | None = None) -> list[ComparisonExample]:
        """Examples sorted by largest improvement first (the first ``n``, or all)."""
        return sort_examples(self.examples, "most_improved")[:n]

    def worst_tuned(self, n: int | None = None) -> list[ComparisonExample]:
        """Examples where the tuned model scored lowest first (the first ``n``, or all)."""
        return sort_examples(self.examples, "worst_tuned")[:n]


#: Orders :func:`sort_examples` knows.
EXAMPLE_ORDERS = ("most_improved", "least_improved", "worst_tuned", "best_tuned", "original")


def sort_examples(
    examples: Sequence[ComparisonExample], order: str = "most_improved"
) -> list[ComparisonExample]:
    """Examples in a viewer's order.

    Parameters
    ----------
    examples:
        Comparison examples.
    order:
        ``most_improved`` (largest improvement first), ``least_improved`` (worst
        regressions first), ``worst_tuned`` (lowest tuned rougeL first), ``best_tuned``
        or ``original``. Ties keep the original order.

    Returns
    -------
    list of ComparisonExample
    """
    keys: dict[str, Callable[[ComparisonExample], float]] = {
        "most_improved": lambda e: -e.improvement,
        "least_improved": lambda e: e.improvement,
        "worst_tuned": lambda e: e.tuned_rouge["rougeL"],
        "best_tuned": lambda e: -e.tuned_rouge["rougeL"],
    }
    if order == "original":
        return list(examples)
    if order not in keys:
        raise ValueError(f"order must be one of {EXAMPLE_ORDERS}, not {order!r}")
    return sorted(examples, key=keys[order])


# --------------------------------------------------------------------------- progress


class _Progress:
    """One ``done/total`` count across several phases (generation, perplexity, two models)."""

    def __init__(
        self, total: int, on_progress: ProgressCallback | None, should_stop: StopCallback | None
    ):
        self.total = total
        self.done = 0
        self.on_progress = on_progress
        self.should_stop = should_stop

    def phase(self) -> "_Phase":
        return _Phase(self, self.done)

    def check_stop(self) -> None:
        if self.should_stop is not None and self.should_stop():
            raise EvaluationStopped(self.done, self.total)

    def report(self, done: int) -> None:
        self.done = done
        if self.on_progress is not None:
            self.on_progress(done, self.total)


class _Phase:
    """Callbacks for one phase, offset by the work done before it."""

    def __init__(self, progress: _Progress, offset: int):
        self.progress = progress
        self.offset = offset
        self.stopped = False

    def on_progress(self, done: int, total: int) -> None:
        self.progress.report(self.offset + done)

    def should_stop(self) -> bool:
        should_stop = self.progress.should_stop
        self.stopped = self.stopped or bool(should_stop is not None and should_stop())
        return self.stopped


# --------------------------------------------------------------------------- evaluation


def evaluate_model(
    bundle: ModelBundle,
    texts: Sequence[str],
    references: Sequence[str],
    *,
    settings: GenerationSettings | None = None,
    max_input_length: int = 256,
    max_target_length: int = 64,
    lead_sentences: int = 1,
    batch_size: int = 16,
    on_progress: ProgressCallback | None = None,
    should_stop: StopCallback | None = None,
) -> EvaluationReport:
    """Score ``bundle``'s summaries of ``texts`` against ``references``.

    Parameters
    ----------
    bundle:
        The model to evaluate (any architecture, with or without a LoRA adapter).
    texts, references:
        Source texts and their reference summaries, paired by position (for example the
        ``text`` and ``summary`` columns of the validation split).
    settings:
        How summaries are written; default greedy, with ``max_input_length`` as the input
        limit.
    max_input_length, max_target_length:
        Token limits for the perplexity, as in training (use the run's configuration).
    lead_sentences:
        Sentences in the lead baseline.
    batch_size:
        Examples per batch, for generation and for the perplexity.
    on_progress:
        Called as ``on_progress(done, total)``; ``total`` is twice the number of examples
        (writing the summaries, then the perplexity).
    should_stop:
        Polled between batches; returning True stops with :class:`EvaluationStopped`.

    Returns
    -------
    EvaluationReport

    Raises
    ------
    DataError
        No examples, or texts and references that do not pair up.
    EvaluationStopped
        ``should_stop()`` returned True.
    """
    texts, references = _checked_pairs(texts, references)
    progress = _Progress(2 * len(texts), on_progress, should_stop)
    lead = _lead_scores(texts, references, lead_sentences)
    limits = LengthLimits(max_input_length, max_target_length)
    settings = settings or settings_for(bundle, max_input_length=max_input_length)
    return _evaluate(bundle, texts, references, settings, limits, lead, batch_size, progress)


def compare_models(
    base: ModelBundle | None,
    tuned: ModelBundle,
    texts: Sequence[str],
    references: Sequence[str],
    *,
    settings: GenerationSettings | None = None,
    max_input_length: int = 256,
    max_target_length: int = 64,
    lead_sentences: int = 1,
    batch_size: int = 16,
    on_progress: ProgressCallback | None = None,
    should_stop: StopCallback | None = None,
    with_warmup: bool = True,
) -> Comparison:
    """Score the base model and the fine-tuned model on the same examples, side by side.

    Parameters
    ----------
    base:
        The model before fine-tuning, or ``None`` to get it from ``tuned`` with
        :func:`base_model_of` (a LoRA adapter is switched off; an offline model gets its
        initial weights back in a copy; a hub or folder model is loaded again).
    tuned:
        The fine-tuned model. It is never changed.
    texts, references, settings, max_input_length, max_target_length, lead_sentences, batch_size:
        As in :func:`evaluate_model`; both models use the same settings.
    on_progress:
        ``on_progress(done, total)`` over all the models (``total`` is twice the number of
        examples for each model: base, tuned and, with a warm-up, the warmed-up model).
    should_stop:
        Polled between batches; returning True stops with :class:`EvaluationStopped`.
    with_warmup:
        When ``tuned`` had a warm-up stage in this session (its weights after the warm-up
        are kept in ``tuned.extra["warmup_state"]``), also score the model as it was after
        the warm-up, to tell which stage helped (:meth:`Comparison.stage_gains`).

    Returns
    -------
    Comparison
        The reports, the lead baseline and one example per text, in order.
    """
    texts, references = _checked_pairs(texts, references)
    lead = _lead_scores(texts, references, lead_sentences)
    limits = LengthLimits(max_input_length, max_target_length)
    # The tuned model, its base and its warm-up copy: one owner while they are scored.
    with hold_model(tuned, "evaluation"):
        warmed = load_warmup_bundle(tuned) if with_warmup else None
        models = 3 if warmed is not None else 2
        progress = _Progress(2 * models * len(texts), on_progress, should_stop)
        settings = settings or settings_for(tuned, max_input_length=max_input_length)
        args = (texts, references, settings, limits, lead, batch_size, progress)
        if base is None:
            with base_model_of(tuned) as recovered:
                base_report = _evaluate(recovered, *args)
        else:
            base_report = _evaluate(base, *args)
        warmup_report = _evaluate(warmed, *args) if warmed is not None else None
        tuned_report = _evaluate(tuned, *args)
    comparison = _comparison(texts, references, base_report, tuned_report)
    comparison.warmup = warmup_report
    return comparison


def _comparison(
    texts: list[str], references: list[str], base: EvaluationReport, tuned: EvaluationReport
) -> Comparison:
    examples = [
        ComparisonExample(
            text=text,
            reference=reference,
            base=base.predictions[i],
            tuned=tuned.predictions[i],
            lead=tuned.lead_predictions[i],
            base_rouge=base.per_example[i],
            tuned_rouge=tuned.per_example[i],
            improvement=tuned.per_example[i]["rougeL"] - base.per_example[i]["rougeL"],
            lead_rouge=tuned.lead_per_example[i],
        )
        for i, (text, reference) in enumerate(zip(texts, references))
    ]
    return Comparison(
        base=base, tuned=tuned, lead_baseline=dict(tuned.lead_baseline), examples=examples
    )


def _checked_pairs(texts: Sequence[str], references: Sequence[str]) -> tuple[list[str], list[str]]:
    if isinstance(texts, str) or isinstance(references, str):
        raise TypeError("texts and references must be lists of strings, not single strings")
    texts, references = list(texts), list(references)
    if len(texts) != len(references):
        raise DataError("evaluation.length_mismatch", texts=len(texts), references=len(references))
    if not texts:
        raise DataError("scoring.no_examples")
    return texts, references


@dataclass
class _LeadScores:
    predictions: list[str]
    mean: dict[str, float]
    per_example: list[dict[str, float]]


def _lead_scores(texts: list[str], references: list[str], n_sentences: int) -> _LeadScores:
    predictions = lead_baseline(texts, n_sentences)
    scores = rouge(predictions, references, per_example=True)
    per_example = scores.pop("per_example")
    return _LeadScores(predictions, scores, per_example)


def _evaluate(
    bundle: ModelBundle,
    texts: list[str],
    references: list[str],
    settings: GenerationSettings,
    limits: LengthLimits,
    lead: _LeadScores,
    batch_size: int,
    progress: _Progress,
) -> EvaluationReport:
    with hold_model(bundle, "evaluation"):
        predictions = _generate(bundle, texts, settings, batch_size, progress)
        loss = _reference_loss(bundle, texts, references, limits, batch_size, progress)
    scores = rouge(predictions, references, per_example=True)
    per_example = scores.pop("per_example")
    return EvaluationReport(
        rouge=scores,
        perplexity=perplexity_from_loss(loss),
        loss=loss,
        mean_generated_words=mean_words(predictions),
        num_examples=len(texts),
        predictions=predictions,
        per_example=per_example,
        lead_baseline=dict(lead.mean),
        lead_predictions=list(lead.predictions),
        lead_per_example=list(lead.per_example),
        settings=settings,
    )


def _generate(
    bundle: ModelBundle,
    texts: list[str],
    settings: GenerationSettings,
    batch_size: int,
    progress: _Progress,
) -> list[str]:
    progress.check_stop()
    phase = progress.phase()
    predictions = generate_summaries(
        bundle,
        texts,
        settings,
        batch_size=batch_size,
        on_progress=phase.on_progress,
        should_stop=phase.should_stop,
    )
    if phase.stopped:
        raise EvaluationStopped(progress.done, progress.total)
    return predictions


def reference_loss(
    bundle: ModelBundle,
    texts: Sequence[str],
    references: Sequence[str],
    limits: LengthLimits | None = None,
    *,
    batch_size: int = 16,
    on_progress: ProgressCallback | None = None,
    should_stop: StopCallback | None = None,
) -> float:
    """Mean loss per reference-summary token, with teacher forcing (``exp`` of it is the
    perplexity).

    The pairs are turned into inputs exactly as in training (:func:`features.tokenize_batch`
    and :func:`features.data_collator`); for decoder-only models only the summary tokens
    (and the end token) count, never the prompt. Every token weighs the same, whatever batch
    it falls in.

    Parameters
    ----------
    bundle:
        The model.
    texts, references:
        Source texts and reference summaries, paired by position.
    limits:
        Token limits (default 256 for texts, 64 for summaries).
    batch_size:
        Examples per forward pass.
    on_progress, should_stop:
        As in :func:`evaluate_model` (``total`` is the number of examples).

    Returns
    -------
    float
        The mean loss in nats per token (``nan`` when no token counts).
    """
    texts, references = _checked_pairs(texts, references)
    progress = _Progress(len(texts), on_progress, should_stop)
    return _reference_loss(
        bundle, texts, references, limits or LengthLimits(), batch_size, progress
    )


def _reference_loss(
    bundle: ModelBundle,
    texts: list[str],
    references: list[str],
    limits: LengthLimits,
    batch_size: int,
    progress: _Progress,
) -> float:
    import torch

    offset = progress.done
    rows = _training_rows(bundle, texts, references, limits)
    # Similar lengths together: less padding, same sum.
    order = sorted(range(len(rows)), key=lambda i: len(rows[i]["input_ids"]))
    collate = data_collator(bundle)
    model = bundle.model
    model.eval()  # dropout off: the same model always gets the same perplexity
    device = next(model.parameters()).device
    total_loss, total_tokens = 0.0, 0
    for start in range(0, len(order), batch_size):
        progress.check_stop()
        batch = collate([rows[i] for i in order[start : start + batch_size]])
        batch = {name: value.to(device) for name, value in batch.items()}
        with torch.inference_mode():
            logits = model(**batch).logits
        summed, counted = _summed_token_loss(logits, batch["labels"], bundle.architecture)
        total_loss += summed
        total_tokens += counted
        progress.report(offset + min(start + batch_size, len(order)))
    return total_loss / total_tokens if total_tokens else math.nan


def _training_rows(
    bundle: ModelBundle, texts: list[str], references: list[str], limits: LengthLimits
) -> list[dict[str, Any]]:
    encoded = tokenize_batch({"text": texts, "summary": references}, bundle, limits)
    # Training drops "length" (kept only to group batches); every other column goes in.
    names = [name for name in encoded.keys() if name != "length"]
    return [{name: encoded[name][i] for name in names} for i in range(len(texts))]


def _summed_token_loss(logits, labels, architecture: str) -> tuple[float, int]:
    import torch.nn.functional as F

    from .features import IGNORE_INDEX

    if architecture == "causal":
        # Token t is predicted from the tokens before it.
        logits, labels = logits[:, :-1, :], labels[:, 1:]
    summed = F.cross_entropy(
        logits.float().reshape(-1, logits.shape[-1]),
        labels.reshape(-1),
        ignore_index=IGNORE_INDEX,
        reduction="sum",
    )
    return float(summed), int((labels != IGNORE_INDEX).sum())


# --------------------------------------------------------------------------- the base model


@contextmanager
def base_model_of(bundle: ModelBundle) -> Iterator[ModelBundle]:
    """The base model of a fine-tuned bundle, for the length of a ``with`` block.

    * LoRA: the same model with its adapter switched off inside the block (nothing is
      copied); do not use ``bundle`` for anything else inside the block.
    * Offline model trained here: a copy of the model with its initial weights
      (``bundle.extra["initial_state"]``); the tuned model is untouched.
    * Hub or folder model: loaded again with :func:`models.load_pretrained`.

    Examples
    --------
    >>> with base_model_of(tuned) as base:          # doctest: +SKIP
    ...     before = generate_summaries(base, texts)
    >>> after = generate_summaries(tuned, texts)    # doctest: +SKIP

    Raises
    ------
    ModelError
        A hub model that cannot be downloaded or a folder that is gone.
    """
    if is_lora_bundle(bundle):
        # The same model with its adapter off: it shares the tuned bundle's lease, held meanwhile.
        with hold_model(bundle, "evaluation"), bundle.model.disable_adapter():
            yield ModelBundle(
                bundle.model,
                bundle.tokenizer,
                bundle.architecture,
                bundle.source,
                bundle.prefix,
                {"base_of": "lora"},
                bundle.lease,
            )
        return
    yield load_base_bundle(bundle)


def load_base_bundle(source: Any) -> ModelBundle:
    """A separate bundle with the base model of a fine-tuned bundle or of a saved run.

    Parameters
    ----------
    source:
        A :class:`ModelBundle`, or a saved run (anything with ``load_base()``, such as
        :class:`widgets_llm.engine.runs.SavedRun`).

    Returns
    -------
    ModelBundle
        A new model, never the tuned one: for LoRA a copy without the adapter, for offline
        models a copy with the initial weights, for hub or folder models a fresh load. The
        tokenizer is shared (training never changes it).

    Raises
    ------
    ModelError
        A hub model that cannot be downloaded or a folder that is gone.
    """
    if hasattr(source, "load_base") and not isinstance(source, ModelBundle):
        return source.load_base()
    bundle: ModelBundle = source
    if is_lora_bundle(bundle):
        with hold_model(bundle, "copy"):  # not while a run changes the weights being copied
            # unload() removes the LoRA layers without merging them: the frozen base remains.
            model = copy.deepcopy(bundle.model).unload()
        model.eval()
        return _sibling(bundle, model)
    if bundle.source.kind == "offline":
        initial = bundle.extra.get("initial_state")
        with hold_model(bundle, "copy"):
            model = (
                model_with_weights(bundle.model, initial)
                if initial is not None
                else copy.deepcopy(bundle.model)
            )
        return _sibling(bundle, model)
    return load_pretrained(bundle.source.name, kind=bundle.source.kind)


def load_warmup_bundle(bundle: ModelBundle) -> ModelBundle | None:
    """A separate bundle with ``bundle``'s model as it was after its warm-up stage.

    ``None`` when the model had no warm-up in this session (the weights after a warm-up are
    kept in ``bundle.extra["warmup_state"]`` by :class:`training.TrainingRun`). ``bundle`` is
    untouched; a LoRA model keeps its adapter, as it was after the warm-up.
    """
    state = bundle.extra.get("warmup_state")
    if state is None:
        return None
    with hold_model(bundle, "copy"):
        model = copy.deepcopy(bundle.model)
    model.load_state_dict(state)
    model.eval()
    return _sibling(bundle, model)


def model_with_weights(model: Any, state: dict[str, Any]) -> Any:
    """A copy of ``model`` (without any adapter) holding the weights ``state``; ``model`` is
    untouched."""
    duplicate = copy.deepcopy(model)
    if hasattr(duplicate, "peft_config") and hasattr(duplicate, "unload"):
        duplicate = duplicate.unload()
    duplicate.load_state_dict(state)
    duplicate.eval()
    return duplicate


def _sibling(bundle: ModelBundle, model: Any) -> ModelBundle:
    return ModelBundle(
        model, bundle.tokenizer, bundle.architecture, bundle.source, bundle.prefix, {}
    )
