"""Helpers for the teaching notebooks in ``notebooks/``: set-up, tables and exercise checks.

The notebooks stay short (one or two calls per cell) and call everything as ``course.<name>``;
what a cell needs beyond the engine and the widgets lives in this package, one job per module:

- :mod:`.environment`: :func:`prepare_notebook` and :func:`check_environment`, the first cells
  of every notebook.
- :mod:`.hub`: :func:`try_load_model`, :func:`try_load_pairs` and
  :func:`show_pretrained_summary` reach the Hugging Face Hub and, without a connection, say so
  plainly instead of raising.
- :mod:`.pretrained`: :func:`show_pretrained_classifier` and :func:`classify_text`, notebook 1's
  zero-shot classifier (a pretrained multilingual NLI model) that, without a connection, says
  so and shows an example written for the course.
- :mod:`.samples`: the example data and models the notebooks use, and :func:`messy_example`,
  a messy sample to clean.
- :mod:`.tables`: :func:`catalog_table`, :func:`nlp_tasks`, :func:`trainable_table`,
  :func:`input_table`, :func:`metrics_table` and :func:`report_table`, what a cell shows as
  a pandas table (Jupyter draws it) in the user's language.
- :mod:`.results`: :func:`describe_result` and :func:`explain_comparison`, a training and an
  evaluation in plain words.
- :mod:`.experiments`: :func:`train_variant`, :func:`describe_changes`,
  :func:`interval_by_size`, :func:`explain_verdict`, :func:`describe_sweep` and
  :func:`bench_table`, notebook 4's runs side by side and whether their differences are real.
- :mod:`.glossary`: :func:`show_glossary` and :func:`glossary_markdown`, the course's glossary
  (one definition per idea, from the message catalog), which the notebooks' «Glosario» cells
  show; ``python -m widgets_llm.course.glossary notebooks/*.ipynb`` regenerates those cells.
- :mod:`.own_data`: :func:`use_own_data`, :func:`use_example_data`, :func:`course_data`,
  :func:`remember_lengths` and :func:`course_lengths`: the learner's own data and the lengths
  chosen in notebook 2, remembered from one notebook to the next.
- :mod:`.training`: :func:`training_kind` (from scratch or fine-tuned),
  :func:`training_settings` (a profile with notebook 2's lengths), :func:`start_from_base`,
  :func:`compare_trainable` and :func:`offer_download`, notebook 3's steps in plain words.
- :mod:`.responsible`: notebook 5's checks: :func:`unsupported_details` (made-up names,
  numbers and places), :func:`practice_comparison`, :func:`invented_details_table`,
  :func:`rouge_blind_spots`, :func:`describe_data` (whose texts), :func:`explain_shared_words`
  and :func:`memorization_table` (copied training text), :func:`energy_estimate` and
  :func:`model_card_section`.
- :mod:`.answers`: :func:`as_number`, :func:`as_choice` and :func:`from_decimal_comma` read a
  learner's answer.
- :mod:`.exercises`: :func:`check_answer`, :func:`hint` and :func:`solution`, and
  :func:`show_overfitting_chart` (exercise ``03-sobreajuste``). The solutions live there, not
  in the notebooks.
- :mod:`._common`: :class:`Message` and :class:`Feedback` (texts that show well in Jupyter)
  and the number formatter.

Nothing here imports ipywidgets (``prepare_notebook`` reaches for Colab's widget manager only
inside Colab), and heavy libraries load only inside the functions that need them.
"""

from __future__ import annotations

# The standard-library and package names below were reachable as ``course.<name>`` when the
# course was one module (a test reads ``course.os.environ``): they stay reachable.
import functools
import html
import importlib.metadata
import math
import os
import platform
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from ..errors import as_user_error
from ..messages import get_language, t
from ._common import Feedback, Message
from .answers import NotUnderstood, as_choice, as_number, from_decimal_comma
from .environment import (
    LIBRARIES,
    PROGRESS_BAR_VARIABLES,
    EnvironmentReport,
    _widget_problems,
    answer_help,
    check_environment,
    connection_state,
    in_binder,
    in_colab,
    install_answer_help,
    library_versions,
    prepare_notebook,
    quiet_progress_bars,
)
from .exercises import (
    EXERCISES,
    INTERVAL_EXAMPLES,
    MAX_TRUNCATED_SHARE,
    OVERFITTING_BEST_EPOCH,
    PERPLEXITY_LOSS,
    PLACEHOLDER_TEXTS,
    ROUGE_BY_HAND_REFERENCE,
    ROUGE_BY_HAND_SUMMARY,
    STEPS_BATCH_SIZE,
    Exercise,
    OverfittingChart,
    Verdict,
    _example_bundle,
    _example_data,
    _example_lengths,
    _length_facts,
    check_answer,
    exercise_ids,
    hint,
    show_overfitting_chart,
    solution,
)
from .experiments import (
    EXPERIMENT_SETTINGS,
    bench_table,
    describe_changes,
    describe_sweep,
    experiment_config,
    explain_verdict,
    interval_by_size,
    train_variant,
)
from .hub import show_pretrained_summary, try_load_model, try_load_pairs
from .own_data import (
    RECOMMENDED_PAIRS,
    STATE_FILE,
    accepted_columns,
    course_data,
    course_lengths,
    describe_course_data,
    expected_format,
    remember_lengths,
    upload_in_colab,
    use_example_data,
    use_own_data,
    using_own_data,
)
from .pretrained import (
    PRETRAINED_CLASSIFIER,
    classify_text,
    show_pretrained_classifier,
)
from .responsible import (
    PRACTICE_SUMMARIES,
    describe_data,
    energy_estimate,
    explain_shared_words,
    invented_details_table,
    longest_shared_words,
    memorization_table,
    model_card_section,
    practice_comparison,
    practice_pairs,
    rouge_blind_spots,
    unsupported_details,
)
from .results import describe_result, explain_comparison
from .training import (
    compare_trainable,
    from_scratch,
    offer_download,
    start_from_base,
    training_kind,
    training_settings,
)
from .samples import (
    COURSE_MODEL,
    EXAMPLE,
    HUB_DATASET,
    HUB_MODEL,
    PRETRAINED_SUMMARIZER,
    messy_example,
)
from .tables import (
    MISSING,
    NLP_TASKS,
    catalog_table,
    input_table,
    metrics_table,
    nlp_tasks,
    pipeline_tasks,
    report_table,
    trainable_table,
)


def __getattr__(name: str) -> Any:
    # The glossary loads on first use, not here: ``python -m widgets_llm.course.glossary``
    # imports this package first, and runpy warns when the module it runs is already imported.
    if name in ("glossary_markdown", "show_glossary"):
        from . import glossary

        return getattr(glossary, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
