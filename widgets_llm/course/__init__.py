"""Helpers for the teaching notebooks in ``notebooks/``: set-up, tables and exercise checks.

The notebooks stay short (one or two calls per cell) and call everything as ``course.<name>``;
what a cell needs beyond the engine and the widgets lives in this package, one job per module:

- :mod:`.environment`: :func:`prepare_notebook` and :func:`check_environment`, the first cells
  of every notebook.
- :mod:`.hub`: :func:`try_load_model`, :func:`try_load_pairs` and
  :func:`show_pretrained_summary` reach the Hugging Face Hub and, without a connection, say so
  plainly instead of raising.
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
- :mod:`.answers`: :func:`as_number` and :func:`as_choice` read a learner's answer.
- :mod:`.exercises`: :func:`check_answer`, :func:`hint` and :func:`solution`. The solutions
  live there, not in the notebooks.
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
from .answers import NotUnderstood, as_choice, as_number
from .environment import (
    LIBRARIES,
    PROGRESS_BAR_VARIABLES,
    EnvironmentReport,
    _widget_problems,
    check_environment,
    connection_state,
    in_binder,
    in_colab,
    library_versions,
    prepare_notebook,
    quiet_progress_bars,
)
from .exercises import (
    EXERCISES,
    INTERVAL_EXAMPLES,
    MAX_TRUNCATED_SHARE,
    PERPLEXITY_LOSS,
    PLACEHOLDER_TEXTS,
    STEPS_BATCH_SIZE,
    Exercise,
    Verdict,
    _example_bundle,
    _example_data,
    _example_lengths,
    _length_facts,
    check_answer,
    exercise_ids,
    hint,
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
from .results import describe_result, explain_comparison
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
