"""The notebooks' exercises: each one's checker, and :func:`check_answer`, :func:`hint` and
:func:`solution`.

Their solutions live here, not in the notebooks. Facts about the bundled example (its pairs,
the offline model's parameters, token lengths) are computed the first time an exercise asks.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from ..messages import t
from ._common import Feedback, Message, _number
from .answers import NotUnderstood, _number_or_explain, _plain, as_choice
from .samples import COURSE_MODEL, EXAMPLE


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
    """

    id: str
    check: Callable[[Any], Verdict]
    facts: Callable[[], dict[str, Any]] = dict


@functools.lru_cache(maxsize=1)
def _example_data():
    from ..engine.data import load_pairs

    return load_pairs(EXAMPLE)


@functools.lru_cache(maxsize=1)
def _example_bundle():
    """The offline model the notebooks build from the example (same data, same seed: same model)."""
    from ..engine.pipeline import prepare_model

    return prepare_model(_example_data(), COURSE_MODEL)


@functools.lru_cache(maxsize=1)
def _example_lengths():
    from ..engine.tokens import length_stats

    texts: list[str] = []
    summaries: list[str] = []
    for split in _example_data().splits.values():
        texts += list(split["text"])
        summaries += list(split["summary"])
    return length_stats(texts, summaries, _example_bundle().tokenizer, sample_size=None)


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
    if "datasets" in words:
        return Verdict(True, "course.ex.01-biblioteca.correct")
    if "dataset" in words:
        return Verdict(False, "course.ex.01-biblioteca.singular")
    for word in words:
        if word in _LIBRARY_WORDS:
            return Verdict(False, f"course.ex.01-biblioteca.{_LIBRARY_WORDS[word]}")
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
    sizes = _example_data().sizes
    return {"count": sizes["train"], "sizes": sizes}


def _check_pairs(answer: Any) -> Verdict:
    number = _number_or_explain(answer)
    facts = _pairs_facts()
    sizes = facts.pop("sizes")
    if number == facts["count"]:
        return Verdict(True, "course.ex.02-pares.correct", facts)
    if number == sum(sizes.values()) or number == _example_data().report.rows_in:
        return Verdict(False, "course.ex.02-pares.total", facts)
    if number in (sizes.get("validation"), sizes.get("test")):
        return Verdict(False, "course.ex.02-pares.other_split", facts)
    return Verdict(False, "course.ex.02-pares.wrong", facts)


#: Largest share of texts a good maximum input length may cut.
MAX_TRUNCATED_SHARE = 0.05


def _length_facts() -> dict[str, Any]:
    stats = _example_lengths()
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
    share = _example_lengths().truncated_share(value, "text")
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

    pairs = _example_data().sizes["train"]
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


#: Every exercise, in the order the notebooks ask them.
EXERCISES: dict[str, Exercise] = {
    exercise.id: exercise
    for exercise in (
        Exercise("01-biblioteca", _check_library),
        Exercise("01-parametros", _check_parameters, _parameter_facts),
        Exercise("01-tarea", _choice_checker("01-tarea", "c")),
        Exercise("02-pares", _check_pairs, lambda: {"count": _example_data().sizes["train"]}),
        Exercise("02-fin", _choice_checker("02-fin", "b")),
        Exercise("02-longitud", _check_length, _length_facts),
        Exercise("03-lora", _choice_checker("03-lora", "b")),
        Exercise("03-pasos", _check_steps, _steps_facts),
        Exercise("03-perplejidad", _check_perplexity),
        Exercise("03-rouge", _choice_checker("03-rouge", "b")),
        Exercise("04-una-cosa", _choice_checker("04-una-cosa", "b")),
        Exercise("04-semilla", _choice_checker("04-semilla", "c")),
        Exercise(
            "04-ejemplos",
            _check_examples,
            lambda: {"count": INTERVAL_EXAMPLES, "answer": 4 * INTERVAL_EXAMPLES},
        ),
        Exercise("04-casualidad", _choice_checker("04-casualidad", "d")),
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
    try:
        verdict = exercise.check(value)
    except NotUnderstood as problem:
        return Feedback(
            t("course.answer.not_yet", detail=t(problem.key, **problem.params)), False, exercise_id
        )
    detail = t(verdict.key, **verdict.params)
    key = "course.answer.correct" if verdict.correct else "course.answer.not_yet"
    return Feedback(t(key, detail=detail), verdict.correct, exercise_id)


def hint(exercise_id: str) -> Message:
    """A hint for an exercise, without giving the answer away."""
    exercise = EXERCISES.get(exercise_id)
    if exercise is None:
        return _unknown(exercise_id)
    return Message(
        t("course.hint.label", hint=t(f"course.ex.{exercise_id}.hint", **exercise.facts()))
    )


def solution(exercise_id: str) -> Message:
    """The answer to an exercise (for when a learner is stuck)."""
    exercise = EXERCISES.get(exercise_id)
    if exercise is None:
        return _unknown(exercise_id)
    return Message(
        t(
            "course.solution.label",
            solution=t(f"course.ex.{exercise_id}.solution", **exercise.facts()),
        )
    )


def exercise_ids(notebook: int | None = None) -> list[str]:
    """Every exercise id, or those of one notebook (``1`` to ``4``)."""
    return [key for key in EXERCISES if notebook is None or key.startswith(f"{notebook:02d}-")]
