"""The notebooks' exercises: each one's checker, and :func:`check_answer`, :func:`hint` and
:func:`solution`.

Their solutions live here, not in the notebooks. Facts about the data (its pairs, token
lengths) are computed the first time an exercise asks, on the learner's own data when they
switched to it (:mod:`.own_data`), else on the bundled example; the hint and the solution say
which. :func:`show_overfitting_chart` draws the example curves of exercise ``03-sobreajuste``.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from ..messages import t
from ._common import Feedback, Message, _number
from .answers import NotUnderstood, _number_or_explain, _plain, as_choice, from_decimal_comma
from .samples import COURSE_MODEL, EXAMPLE
from .samples import example_data as _example_data


#: A learner who has not answered yet leaves ``...`` (or ``None``, or one of these texts).
PLACEHOLDER_TEXTS = ("", "...", "…")


@dataclass(frozen=True)
class Verdict:
    """What a checker decided: right or not, and the catalog key (with values) that says why."""

    correct: bool
    key: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Exercise:
    """One exercise of a notebook.

    Attributes
    ----------
    id : str
        ``"<notebook>-<name>"``, e.g. ``"02-longitud"``.
    check : callable
        ``check(answer) -> Verdict``; raises :class:`NotUnderstood` for a badly written answer.
    facts : callable
        ``facts() -> dict`` of values the hint and solution texts need (computed when asked).
    data : str or None
        ``"course"``: the exercise is about the data in use (the learner's own, or the
        example); ``"example"``: always about the course's example. The hint and the solution
        then say which data their numbers come from. ``None``: no data involved.
    """

    id: str
    check: Callable[[Any], Verdict]
    facts: Callable[[], dict[str, Any]] = dict
    data: str | None = None



@functools.lru_cache(maxsize=1)
def _example_bundle():
    """The offline model the notebooks build from the example (same data, same seed: same model)."""
    from ..engine.pipeline import prepare_model

    return prepare_model(_example_data(), COURSE_MODEL)


def _lengths_of(data, tokenizer):
    from ..engine.tokens import length_stats

    texts: list[str] = []
    summaries: list[str] = []
    for split in data.splits.values():
        texts += list(split["text"])
        summaries += list(split["summary"])
    return length_stats(texts, summaries, tokenizer, sample_size=None)


@functools.lru_cache(maxsize=1)
def _example_lengths():
    return _lengths_of(_example_data(), _example_bundle().tokenizer)


def _own_data():
    """The learner's data when they switched to it (notebook 2 or 3), else ``None``."""
    from .own_data import course_data, using_own_data

    return course_data() if using_own_data() else None


# The learner's data and its token lengths (measured with the tokenizer the offline model
# learns from that data), for the last data seen: building the tokenizer takes seconds, and the
# same data is asked about again and again.
_own_cache: dict[str, Any] = {"data": None, "lengths": None}


def _data_in_use():
    """The data the data exercises are about: the learner's own, or the example."""
    own = _own_data()
    return own if own is not None else _example_data()


def _lengths_in_use():
    own = _own_data()
    if own is None:
        return _example_lengths()
    if _own_cache["data"] is not own:
        from ..engine.pipeline import prepare_model

        bundle = prepare_model(own, COURSE_MODEL)
        _own_cache.update(data=own, lengths=_lengths_of(own, bundle.tokenizer))
    return _own_cache["lengths"]


def _data_note(kind: str | None) -> str:
    """Which data an exercise's numbers come from, for its hint and solution."""
    if kind is None:
        return ""
    own = _own_data() if kind == "course" else None
    if own is None:
        return t("course.data_note.example", name=EXAMPLE)
    return t("course.data_note.own", name=getattr(own.table, "source_name", "") or "")


def _choice_checker(
    exercise_id: str, right: str, letters: str = "abcd"
) -> Callable[[Any], Verdict]:
    def check(answer: Any) -> Verdict:
        letter = as_choice(answer, letters)
        if letter is None:
            raise NotUnderstood(
                "course.answer.not_a_choice", choices=", ".join(f'"{x}"' for x in letters)
            )
        if letter == right:
            return Verdict(True, f"course.ex.{exercise_id}.correct")
        return Verdict(False, f"course.ex.{exercise_id}.{letter}")

    return check


_LIBRARY_WORDS = {
    "transformers": "transformers",
    "tokenizers": "tokenizers",
    "tokenizer": "tokenizers",
    "peft": "peft",
    "evaluate": "evaluate",
    "hub": "hub",
    "huggingface_hub": "hub",
}


def _check_library(answer: Any) -> Verdict:
    if not isinstance(answer, str):
        raise NotUnderstood("course.answer.not_text")
    words = re.findall(r"[a-z_]+", _plain(answer))
    named = list(dict.fromkeys(
        "datasets" if word in ("datasets", "dataset") else _LIBRARY_WORDS[word]
        for word in words
        if word in _LIBRARY_WORDS or word in ("datasets", "dataset")
    ))
    if len(named) > 1:
        # The question asks for one library: naming several, one of them right, is a guess.
        return Verdict(
            False, "course.ex.01-biblioteca.several", {"names": ", ".join(f"«{n}»" for n in named)}
        )
    if "datasets" in words:
        return Verdict(True, "course.ex.01-biblioteca.correct")
    if "dataset" in words:
        return Verdict(False, "course.ex.01-biblioteca.singular")
    if named:
        return Verdict(False, f"course.ex.01-biblioteca.{named[0]}")
    return Verdict(False, "course.ex.01-biblioteca.other")


def _parameter_facts() -> dict[str, Any]:
    return {"count": _number(_example_bundle().num_parameters(), 0)}


def _check_parameters(answer: Any) -> Verdict:
    number = _number_or_explain(answer)
    count = _example_bundle().num_parameters()
    facts = _parameter_facts()
    if abs(number - count) <= 0.05 * count:
        return Verdict(True, "course.ex.01-parametros.correct", facts)
    if abs(number * 1000 - count) <= 0.05 * count:
        return Verdict(True, "course.ex.01-parametros.thousands", facts)
    key = "too_low" if number < count else "too_high"
    return Verdict(False, f"course.ex.01-parametros.{key}", facts)


def _pairs_facts() -> dict[str, Any]:
    data = _data_in_use()
    return {"count": data.sizes["train"], "sizes": data.sizes, "rows_in": data.report.rows_in}


def _check_pairs(answer: Any) -> Verdict:
    number = _number_or_explain(answer)
    facts = _pairs_facts()
    sizes, rows_in = facts.pop("sizes"), facts.pop("rows_in")
    if number == facts["count"]:
        return Verdict(True, "course.ex.02-pares.correct", facts)
    if number == sum(sizes.values()) or number == rows_in:
        return Verdict(False, "course.ex.02-pares.total", facts)
    if number in (sizes.get("validation"), sizes.get("test")):
        return Verdict(False, "course.ex.02-pares.other_split", facts)
    return Verdict(False, "course.ex.02-pares.wrong", facts)


#: Largest share of texts a good maximum input length may cut.
MAX_TRUNCATED_SHARE = 0.05


def _length_facts() -> dict[str, Any]:
    stats = _lengths_in_use()
    lengths = sorted(stats.text_lengths)
    longest = lengths[-1]
    low = next(
        v for v in range(1, longest + 1) if stats.truncated_share(v, "text") <= MAX_TRUNCATED_SHARE
    )
    multiple = 8
    high = max(2 * low, int(math.ceil(longest / multiple)) * multiple)
    return {
        "low": low,
        "high": high,
        "longest": longest,
        "suggested": stats.suggested_max_input_length,
    }


def _check_length(answer: Any) -> Verdict:
    number = _number_or_explain(answer)
    if number <= 0 or not float(number).is_integer():
        return Verdict(False, "course.ex.02-longitud.not_positive")
    value = int(number)
    facts = _length_facts()
    share = _lengths_in_use().truncated_share(value, "text")
    params = {**facts, "value": value, "percent": _number(100 * share, 1)}
    if share > MAX_TRUNCATED_SHARE:
        return Verdict(False, "course.ex.02-longitud.too_short", params)
    if value > facts["high"]:
        return Verdict(False, "course.ex.02-longitud.too_long", params)
    return Verdict(True, "course.ex.02-longitud.correct", params)


#: The settings of the steps exercise: one epoch in batches of 8.
STEPS_BATCH_SIZE = 8


def _steps_facts() -> dict[str, Any]:
    from ..engine.config import TrainingConfig
    from ..engine.estimate import count_training_steps

    pairs = _data_in_use().sizes["train"]
    config = TrainingConfig(batch_size=STEPS_BATCH_SIZE, num_epochs=1.0)
    return {
        "count": count_training_steps(pairs, config),
        "pairs": pairs,
        "batch": STEPS_BATCH_SIZE,
        "exact": _number(pairs / STEPS_BATCH_SIZE, 2),
    }


def _check_steps(answer: Any) -> Verdict:
    number = _number_or_explain(answer, thousands=False)
    facts = _steps_facts()
    count = facts["count"]
    if number == count:
        return Verdict(True, "course.ex.03-pasos.correct", facts)
    if number == count - 1:
        return Verdict(False, "course.ex.03-pasos.rounded_down", facts)
    if not float(number).is_integer() and count - 1 < number < count:
        return Verdict(False, "course.ex.03-pasos.fraction", facts)
    if number == facts["pairs"]:
        return Verdict(False, "course.ex.03-pasos.pairs", facts)
    return Verdict(False, "course.ex.03-pasos.wrong", facts)


#: The loss of the perplexity exercise.
PERPLEXITY_LOSS = 2.0


def _check_perplexity(answer: Any) -> Verdict:
    number = _number_or_explain(answer, thousands=False)
    expected = math.exp(PERPLEXITY_LOSS)
    if abs(number - expected) <= 0.05:
        return Verdict(True, "course.ex.03-perplejidad.correct")
    if number == PERPLEXITY_LOSS:
        return Verdict(False, "course.ex.03-perplejidad.loss")
    if number == PERPLEXITY_LOSS**2:
        return Verdict(False, "course.ex.03-perplejidad.square")
    return Verdict(False, "course.ex.03-perplejidad.wrong")


#: The test examples of the interval exercise (the example data's test split).
INTERVAL_EXAMPLES = 14


def _check_examples(answer: Any) -> Verdict:
    # The interval's width shrinks with the square root of the number of examples: half as
    # wide needs four times as many.
    number = _number_or_explain(answer)
    facts = {"count": INTERVAL_EXAMPLES, "answer": 4 * INTERVAL_EXAMPLES}
    if 0.9 * 4 * INTERVAL_EXAMPLES <= number <= 1.1 * 4 * INTERVAL_EXAMPLES:
        return Verdict(True, "course.ex.04-ejemplos.correct", facts)
    if 0.9 * 2 * INTERVAL_EXAMPLES <= number <= 1.1 * 2 * INTERVAL_EXAMPLES:
        return Verdict(False, "course.ex.04-ejemplos.doubled", facts)
    if number < INTERVAL_EXAMPLES:
        return Verdict(False, "course.ex.04-ejemplos.fewer", facts)
    return Verdict(False, "course.ex.04-ejemplos.wrong", facts)


# ---------------------------------------------------------------- 03-sobreajuste

#: The example curves of exercise 03-sobreajuste (made up for it): per epoch, the training loss
#: keeps falling while the validation loss is lowest at :data:`OVERFITTING_BEST_EPOCH` and then
#: climbs, the textbook shape of over-fitting.
OVERFITTING_TRAIN_LOSS = (2.9, 2.3, 1.9, 1.6, 1.35, 1.15, 0.98, 0.84, 0.72, 0.62)
OVERFITTING_VALIDATION_LOSS = (3.0, 2.5, 2.2, 2.1, 2.15, 2.28, 2.45, 2.63, 2.82, 3.0)
OVERFITTING_BEST_EPOCH = 1 + OVERFITTING_VALIDATION_LOSS.index(min(OVERFITTING_VALIDATION_LOSS))


class OverfittingChart:
    """The two loss curves of exercise ``03-sobreajuste`` as an inline SVG drawing.

    Jupyter shows it through ``_repr_svg_`` (no widgets, nothing fetched from the internet, so
    it also shows in Colab, on GitHub and in an exported notebook); a console prints its
    numbers instead.
    """

    WIDTH, HEIGHT = 560, 320
    LEFT, RIGHT, TOP, BOTTOM = 60, 20, 40, 50
    TRAIN_COLOR, VALIDATION_COLOR = "#1f77b4", "#d62728"

    def __init__(self, lang: str | None = None):
        self.lang = lang
        self.train = OVERFITTING_TRAIN_LOSS
        self.validation = OVERFITTING_VALIDATION_LOSS

    def _point(self, epoch: int, loss: float, top: float) -> tuple[float, float]:
        plot_w = self.WIDTH - self.LEFT - self.RIGHT
        plot_h = self.HEIGHT - self.TOP - self.BOTTOM
        x = self.LEFT + (epoch - 1) / (len(self.train) - 1) * plot_w
        y = self.TOP + (1 - loss / top) * plot_h
        return round(x, 1), round(y, 1)

    def _repr_svg_(self) -> str:
        import html

        lang = self.lang
        top = math.ceil(max(self.train + self.validation))
        epochs = range(1, len(self.train) + 1)
        parts = [
            f"<svg xmlns='http://www.w3.org/2000/svg' width='{self.WIDTH}' "
            f"height='{self.HEIGHT}' viewBox='0 0 {self.WIDTH} {self.HEIGHT}' role='img' "
            f"aria-label='{html.escape(t('course.overfitting.title', lang), quote=True)}' "
            "style='font-family:sans-serif;font-size:12px;background:#fff'>",
            f"<text x='{self.WIDTH / 2}' y='20' text-anchor='middle' font-weight='bold'>"
            f"{html.escape(t('course.overfitting.title', lang))}</text>",
        ]
        bottom = self.HEIGHT - self.BOTTOM
        for value in range(0, top + 1):
            _, y = self._point(1, value, top)
            parts.append(
                f"<line x1='{self.LEFT}' y1='{y}' x2='{self.WIDTH - self.RIGHT}' y2='{y}' "
                "stroke='#eee'/>"
                f"<text x='{self.LEFT - 8}' y='{y + 4}' text-anchor='end'>{value}</text>"
            )
        for epoch in epochs:
            x, _ = self._point(epoch, 0, top)
            parts.append(
                f"<text x='{x}' y='{bottom + 18}' text-anchor='middle'>{epoch}</text>"
            )
        parts.append(
            f"<line x1='{self.LEFT}' y1='{bottom}' x2='{self.WIDTH - self.RIGHT}' "
            f"y2='{bottom}' stroke='#333'/>"
            f"<line x1='{self.LEFT}' y1='{self.TOP}' x2='{self.LEFT}' y2='{bottom}' "
            "stroke='#333'/>"
            f"<text x='{self.WIDTH / 2}' y='{self.HEIGHT - 10}' text-anchor='middle'>"
            f"{html.escape(t('course.overfitting.x_axis', lang))}</text>"
            f"<text x='16' y='{self.HEIGHT / 2}' text-anchor='middle' "
            f"transform='rotate(-90 16 {self.HEIGHT / 2})'>"
            f"{html.escape(t('course.overfitting.y_axis', lang))}</text>"
        )
        series = (
            (self.train, self.TRAIN_COLOR, "course.overfitting.train", ""),
            (self.validation, self.VALIDATION_COLOR, "course.overfitting.validation", "6 4"),
        )
        for row, (values, color, key, dash) in enumerate(series):
            points = " ".join(
                f"{x},{y}" for x, y in (self._point(e, v, top) for e, v in zip(epochs, values))
            )
            dashes = f" stroke-dasharray='{dash}'" if dash else ""
            parts.append(
                f"<polyline points='{points}' fill='none' stroke='{color}' "
                f"stroke-width='2.5'{dashes}/>"
            )
            # Bottom left: the curves are high there (early epochs), so the legend hides none.
            legend_y = bottom - 40 + 18 * row
            legend_x = self.LEFT + 12
            parts.append(
                f"<line x1='{legend_x}' y1='{legend_y}' x2='{legend_x + 24}' y2='{legend_y}' "
                f"stroke='{color}' stroke-width='2.5'{dashes}/>"
                f"<text x='{legend_x + 30}' y='{legend_y + 4}'>{html.escape(t(key, lang))}</text>"
            )
        parts.append("</svg>")
        return "".join(parts)

    def text(self) -> str:
        """The chart's numbers in plain words (for a console, a screen reader or a test)."""
        lang = self.lang
        lines = [t("course.overfitting.title", lang)]
        for key, values in (
            ("course.overfitting.train", self.train),
            ("course.overfitting.validation", self.validation),
        ):
            numbers = ", ".join(_number(v, 2, lang) for v in values)
            lines.append(f"{t(key, lang)}: {numbers}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.text()

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self.text())


def show_overfitting_chart(lang: str | None = None) -> OverfittingChart:
    """The example training and validation loss curves of exercise ``03-sobreajuste``.

    The curves are made up for the exercise (the chart says so): from which epoch does the
    model over-fit?
    """
    return OverfittingChart(lang)


def _check_overfitting(answer: Any) -> Verdict:
    number = _number_or_explain(answer, thousands=False)
    best = OVERFITTING_BEST_EPOCH
    last = len(OVERFITTING_VALIDATION_LOSS)
    facts = {"best": best, "last": last}
    if not float(number).is_integer() or not 1 <= number <= last:
        return Verdict(False, "course.ex.03-sobreajuste.out_of_range", facts)
    epoch = int(number)
    if epoch == best:
        return Verdict(True, "course.ex.03-sobreajuste.correct", facts)
    if epoch == best + 1:
        return Verdict(False, "course.ex.03-sobreajuste.one_late", facts)
    if epoch == last:
        return Verdict(False, "course.ex.03-sobreajuste.training_lowest", facts)
    key = "early" if epoch < best else "late"
    return Verdict(False, f"course.ex.03-sobreajuste.{key}", facts)


# ---------------------------------------------------------------- 03-rouge-a-mano

#: The pair of exercise 03-rouge-a-mano: ROUGE-1 by hand on two short sentences.
ROUGE_BY_HAND_REFERENCE = "La feria de ciencias es el viernes."
ROUGE_BY_HAND_SUMMARY = "La feria es el sábado."


@functools.lru_cache(maxsize=1)
def _rouge_by_hand_facts() -> dict[str, Any]:
    """The pair's counts and the engine's own ROUGE-1 (so the answer is the engine's number)."""
    from collections import Counter

    from ..engine.scoring import rouge_tokenize, score_rouge_pairs

    summary = rouge_tokenize(ROUGE_BY_HAND_SUMMARY)
    reference = rouge_tokenize(ROUGE_BY_HAND_REFERENCE)
    shared = sum((Counter(summary) & Counter(reference)).values())
    f1 = score_rouge_pairs([ROUGE_BY_HAND_SUMMARY], [ROUGE_BY_HAND_REFERENCE], ["rouge1"])[0]
    precision, recall = shared / len(summary), shared / len(reference)
    return {
        "shared": shared,
        "summary_words": len(summary),
        "reference_words": len(reference),
        "precision": precision,
        "recall": recall,
        "f1": f1["rouge1"],
        "shown_precision": _number(precision, 3),
        "shown_recall": _number(recall, 3),
        "shown_f1": _number(f1["rouge1"], 3),
        "shown_percent": _number(100 * f1["rouge1"], 1),
        "reference": ROUGE_BY_HAND_REFERENCE,
        "summary": ROUGE_BY_HAND_SUMMARY,
    }


#: How far from the engine's ROUGE-1 an answer may be: rounding to two decimals (0,67 for
#: 0,667), but not so far that the plain average of precision and recall passes.
ROUGE_BY_HAND_TOLERANCE = 0.005


def _check_rouge_by_hand(answer: Any) -> Verdict:
    number = _number_or_explain(answer, thousands=False)
    facts = _rouge_by_hand_facts()
    params = {k: v for k, v in facts.items() if k.startswith(("shown_", "shared", "summary_w"))}
    params.update(reference_words=facts["reference_words"])
    if number == facts["shared"]:
        return Verdict(False, "course.ex.03-rouge-a-mano.count", params)
    # A fraction (0,667) or a percentage (66,7): read both on the 0-1 scale.
    value = number / 100 if number > 1 else number

    def near(target: float, tolerance: float = ROUGE_BY_HAND_TOLERANCE) -> bool:
        return abs(value - target) <= tolerance

    if near(facts["f1"]):
        return Verdict(True, "course.ex.03-rouge-a-mano.correct", params)
    if near(facts["precision"]):
        return Verdict(False, "course.ex.03-rouge-a-mano.precision", params)
    if near(facts["recall"]):
        return Verdict(False, "course.ex.03-rouge-a-mano.recall", params)
    if near((facts["precision"] + facts["recall"]) / 2):
        return Verdict(False, "course.ex.03-rouge-a-mano.average", params)
    if near(facts["f1"], 0.02):
        return Verdict(False, "course.ex.03-rouge-a-mano.rounding", params)
    return Verdict(False, "course.ex.03-rouge-a-mano.wrong", params)


# ---------------------------------------------------------------- 05-dato-inventado


def _invented_facts() -> dict[str, Any]:
    from .responsible import PRACTICE_SUMMARIES, practice_pairs, unsupported_details

    pairs = practice_pairs()
    found = [
        (number, unsupported_details(text, summary))
        for number, (text, summary) in enumerate(pairs, start=1)
    ]
    invented = [(number, details) for number, details in found if details]
    number, details = invented[0]
    return {
        "number": number,
        "count": len(PRACTICE_SUMMARIES),
        "details": ", ".join(f"«{detail}»" for detail in details),
    }


def _check_invented(answer: Any) -> Verdict:
    number = _number_or_explain(answer, thousands=False)
    facts = _invented_facts()
    if not float(number).is_integer() or not 1 <= number <= facts["count"]:
        return Verdict(False, "course.ex.05-dato-inventado.out_of_range", facts)
    if int(number) == facts["number"]:
        return Verdict(True, "course.ex.05-dato-inventado.correct", facts)
    return Verdict(False, "course.ex.05-dato-inventado.supported", {**facts, "chosen": int(number)})


#: Every exercise, in the order the notebooks ask them.
EXERCISES: dict[str, Exercise] = {
    exercise.id: exercise
    for exercise in (
        Exercise("01-biblioteca", _check_library),
        Exercise("01-parametros", _check_parameters, _parameter_facts, data="example"),
        Exercise("01-tarea", _choice_checker("01-tarea", "c")),
        Exercise(
            "02-pares",
            _check_pairs,
            lambda: {"count": _data_in_use().sizes["train"]},
            data="course",
        ),
        Exercise("02-fin", _choice_checker("02-fin", "b")),
        Exercise("02-longitud", _check_length, _length_facts, data="course"),
        Exercise("03-lora", _choice_checker("03-lora", "b")),
        Exercise("03-pasos", _check_steps, _steps_facts, data="course"),
        Exercise(
            "03-sobreajuste",
            _check_overfitting,
            lambda: {"best": OVERFITTING_BEST_EPOCH, "last": len(OVERFITTING_VALIDATION_LOSS)},
        ),
        Exercise("03-perplejidad", _check_perplexity),
        Exercise("03-rouge", _choice_checker("03-rouge", "b")),
        Exercise("03-rouge-a-mano", _check_rouge_by_hand, _rouge_by_hand_facts),
        Exercise("03-temperatura", _choice_checker("03-temperatura", "c")),
        Exercise("04-una-cosa", _choice_checker("04-una-cosa", "b")),
        Exercise("04-semilla", _choice_checker("04-semilla", "c")),
        Exercise(
            "04-ejemplos",
            _check_examples,
            lambda: {"count": INTERVAL_EXAMPLES, "answer": 4 * INTERVAL_EXAMPLES},
            data="example",  # notebook 4 always compares runs on the example's 14 test pairs
        ),
        Exercise("04-casualidad", _choice_checker("04-casualidad", "d")),
        Exercise("05-dato-inventado", _check_invented, _invented_facts),
        Exercise("05-memoria", _choice_checker("05-memoria", "c")),
        Exercise("05-cuando-no", _choice_checker("05-cuando-no", "b")),
    )
}


def _unknown(exercise_id: str) -> Feedback:
    text = t("course.answer.unknown_exercise", exercise=exercise_id, exercises=", ".join(EXERCISES))
    return Feedback(text, None, exercise_id)


def _is_placeholder(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip() in PLACEHOLDER_TEXTS
    return value is Ellipsis or value is None


def check_answer(exercise_id: str, value: Any) -> Feedback:
    """Say, in the user's language, whether ``value`` answers exercise ``exercise_id``, and why.

    Never raises for a learner's answer: no answer yet (``...``), an answer written the wrong
    way or an unknown exercise each get a gentle message instead.

    Parameters
    ----------
    exercise_id:
        The exercise, as the notebook names it (``"02-longitud"``).
    value:
        The learner's answer.

    Returns
    -------
    Feedback
        The feedback text (a ``str``); ``.correct`` is True, False, or None when there was
        no answer yet.
    """
    exercise = EXERCISES.get(exercise_id)
    if exercise is None:
        return _unknown(exercise_id)
    if _is_placeholder(value):
        return Feedback(t("course.answer.placeholder"), None, exercise_id)
    note = ""
    comma_number = from_decimal_comma(value)
    if comma_number is not None:
        # `respuesta = 7,39` is the tuple (7, 39) in Python: read it as the 7.39 the learner
        # meant, and say so kindly, so the next answer uses a point.
        whole, decimals = value
        note = " " + t(
            "course.answer.decimal_comma",
            written=f"{whole},{decimals}",
            point=f"{whole}.{decimals}",
        )
        value = comma_number
    try:
        verdict = exercise.check(value)
    except NotUnderstood as problem:
        return Feedback(
            t("course.answer.not_yet", detail=t(problem.key, **problem.params)) + note,
            False,
            exercise_id,
        )
    detail = t(verdict.key, **verdict.params)
    key = "course.answer.correct" if verdict.correct else "course.answer.not_yet"
    return Feedback(t(key, detail=detail) + note, verdict.correct, exercise_id)


def _with_data_note(text: str, exercise: Exercise) -> str:
    note = _data_note(exercise.data)
    return f"{text} {note}" if note else text


def hint(exercise_id: str) -> Message:
    """A hint for an exercise, without giving the answer away."""
    exercise = EXERCISES.get(exercise_id)
    if exercise is None:
        return _unknown(exercise_id)
    text = t(f"course.ex.{exercise_id}.hint", **exercise.facts())
    return Message(t("course.hint.label", hint=_with_data_note(text, exercise)))


def solution(exercise_id: str) -> Message:
    """The answer to an exercise (for when a learner is stuck)."""
    exercise = EXERCISES.get(exercise_id)
    if exercise is None:
        return _unknown(exercise_id)
    text = t(f"course.ex.{exercise_id}.solution", **exercise.facts())
    return Message(t("course.solution.label", solution=_with_data_note(text, exercise)))


def exercise_ids(notebook: int | None = None) -> list[str]:
    """Every exercise id, or those of one notebook (``1`` to ``5``)."""
    return [key for key in EXERCISES if notebook is None or key.startswith(f"{notebook:02d}-")]
