"""Helpers for the teaching notebooks in ``notebooks/``: set-up, tables and exercise checks.

The notebooks stay short (one or two calls per cell); what a cell needs beyond the engine and
the widgets lives here:

- :func:`prepare_notebook` and :func:`check_environment`: the first cells of every notebook.
- :func:`catalog_table`, :func:`nlp_tasks`, :func:`trainable_table`, :func:`input_table`,
  :func:`metrics_table` and :func:`explain_comparison`: what a cell shows, as pandas tables
  (Jupyter draws them as tables) or plain sentences, in the user's language.
- :func:`report_table`, :func:`messy_example` and :func:`describe_result`: the cleaning
  report, a messy sample to clean, and a finished training in plain words.
- :func:`try_load_model` and :func:`try_load_pairs`: reach the Hugging Face Hub and, without a
  connection, say so plainly instead of raising.
- :func:`train_variant`, :func:`describe_changes`, :func:`interval_by_size`,
  :func:`explain_verdict`, :func:`describe_sweep` and :func:`bench_table`: notebook 4's runs
  side by side, and whether their differences are real.
- :func:`check_answer`, :func:`hint` and :func:`solution`: the exercises. Their solutions live
  here, not in the notebooks.

Nothing here imports ipywidgets (``prepare_notebook`` reaches for Colab's widget manager only
inside Colab), and heavy libraries load only inside the functions that need them.
"""
from __future__ import annotations

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

from .errors import as_user_error
from .messages import get_language, t

#: The bundled example and the offline model every notebook uses (they work with no connection).
EXAMPLE = "ejemplo_es"
COURSE_MODEL = "offline-t5-mini"
#: A real Spanish model the notebooks mention: the same code loads it with a connection.
HUB_MODEL = "flax-community/spanish-t5-small"
#: A Spanish summarization data set on the Hub (dialogues and their summaries, CC BY-NC-ND 4.0).
HUB_DATASET = "tadeodonegana/samsum-es"
#: The catalog's model that already summarizes Spanish (mT5 tuned on MLSUM news): what a
#: pretrained summarizer does, before learning to tune one.
PRETRAINED_SUMMARIZER = "LeoCordoba/mt5-small-mlsum"

#: Libraries the notebooks need (distribution names, looked up without importing them).
LIBRARIES: tuple[str, ...] = (
    "torch",
    "transformers",
    "datasets",
    "tokenizers",
    "peft",
    "evaluate",
    "accelerate",
    "huggingface_hub",
    "rouge_score",
    "ipywidgets",
    "bqplot",
    "ipyfilechooser",
)

#: A learner who has not answered yet leaves ``...`` (or ``None``, or one of these texts).
PLACEHOLDER_TEXTS = ("", "...", "…")


# ---------------------------------------------------------------------- text that shows well


class Message(str):
    """A text that Jupyter shows as plain text (no quotes) when it is a cell's last value."""

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))


class Feedback(Message):
    """The answer to an exercise: the feedback text, plus whether the answer was right.

    Attributes
    ----------
    correct : bool or None
        True for a right answer, False for a wrong one, None when no answer was written yet.
    exercise : str
        The exercise's id (``"02-longitud"``).
    """

    correct: bool | None
    exercise: str

    def __new__(cls, text: str, correct: bool | None, exercise: str) -> "Feedback":
        feedback = super().__new__(cls, text)
        feedback.correct = correct
        feedback.exercise = exercise
        return feedback

    def _repr_html_(self) -> str:
        # Colour helps, but the words («¡Correcto!», «Todavía no») carry the meaning.
        background, color = ("#e6f4ea", "#1e6b34") if self.correct else ("#fff4e5", "#8a5300")
        return (
            f"<div class='wllm-feedback' style='background:{background};color:{color};"
            f"padding:6px 10px;border-radius:4px'>{html.escape(str(self))}</div>"
        )


def _number(value: float, digits: int = 1, lang: str | None = None) -> str:
    """A number as the user's language writes it (decimal comma in Spanish)."""
    text = f"{value:,.{digits}f}"
    if (lang or get_language()) == "es":
        text = text.replace(",", " ").replace(".", ",")
    return text


# ---------------------------------------------------------------------- set-up


def in_colab() -> bool:
    """True inside Google Colab."""
    return "google.colab" in sys.modules


def in_binder() -> bool:
    """True inside a Binder session (mybinder.org sets ``BINDER_*`` variables)."""
    return any(name.startswith("BINDER_") for name in os.environ)


#: Environment variables that switch off the libraries' text progress bars (read at import).
PROGRESS_BAR_VARIABLES = ("HF_HUB_DISABLE_PROGRESS_BARS", "HF_DATASETS_DISABLE_PROGRESS_BARS")


def quiet_progress_bars() -> None:
    """Hide the libraries' own progress bars («Map», «Loading weights»...) in the notebooks.

    The course's widgets show progress in plain words; the bars only add noise for a beginner.
    A variable the user already set is respected.
    """
    for variable in PROGRESS_BAR_VARIABLES:
        os.environ.setdefault(variable, "1")
    # Libraries imported before this call read the variables already: tell them directly.
    if "datasets" in sys.modules and os.environ["HF_DATASETS_DISABLE_PROGRESS_BARS"] == "1":
        sys.modules["datasets"].disable_progress_bars()
    if "transformers" in sys.modules and os.environ["HF_HUB_DISABLE_PROGRESS_BARS"] == "1":
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()


def prepare_notebook() -> Message:
    """Get the notebook ready: quiet progress bars and, in Google Colab, draw widgets.

    In Colab, the custom widget manager is enabled so that charts (bqplot) show. Installing
    what Colab lacks is done by the notebook's first cell (``%pip install``), before this
    package can be imported.
    """
    quiet_progress_bars()
    if not in_colab():
        return Message(t("course.prepare.elsewhere"))
    from .widgets._common import enable_colab_widgets  # only in Colab, where widgets are wanted

    enable_colab_widgets()
    return Message(t("course.prepare.colab"))


def library_versions(names: Sequence[str] = LIBRARIES) -> dict[str, str | None]:
    """``{library: installed version}`` (``None`` when missing), without importing any of them."""
    versions: dict[str, str | None] = {}
    for name in names:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def _hub_switched_off() -> bool:
    return any(
        os.environ.get(variable, "").strip().upper() in ("1", "ON", "YES", "TRUE")
        for variable in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")
    )


def connection_state(check: bool = True, timeout: float = 2.0) -> str:
    """``"offline_mode"`` (switched off on purpose), ``"online"``, ``"offline"`` or ``"unchecked"``."""
    if _hub_switched_off():
        return "offline_mode"
    if not check:
        return "unchecked"
    from .engine.models import hub_reachable

    return "online" if hub_reachable(timeout) else "offline"


@dataclass
class EnvironmentReport:
    """What the notebook runs on: place, Python, libraries, connection and processor.

    Attributes
    ----------
    place : str
        ``"colab"``, ``"binder"`` or ``"local"``.
    python : str
        Python's version.
    libraries : dict
        ``{library: version or None when missing}``.
    widgets_llm : str
        This package's version.
    connection : str
        See :func:`connection_state`.
    device : str
        ``"cuda"``, ``"mps"``, ``"cpu"`` or ``"unknown"``.
    device_name : str
        The GPU's or CPU's name.
    memory_gb : float or None
        GPU memory (with a GPU) or free system memory (on CPU).
    """

    place: str
    python: str
    libraries: dict[str, str | None]
    widgets_llm: str
    connection: str
    device: str
    device_name: str = ""
    memory_gb: float | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def missing(self) -> list[str]:
        """Libraries that are not installed."""
        return [name for name, version in self.libraries.items() if version is None]

    @property
    def ready(self) -> bool:
        """Whether everything the course needs is in place."""
        return not self.missing and not self.problems

    def text(self, lang: str | None = None) -> str:
        """The report as a few plain lines in the user's language."""
        lines = [
            t("course.env.title", lang),
            t("course.env.place", lang, place=t(f"course.env.place.{self.place}", lang)),
            t("course.env.python", lang, version=self.python),
            t("course.env.libraries", lang),
        ]
        lines += [
            t("course.env.library", lang, name=name, version=version or t("course.env.library_missing", lang))
            for name, version in [*self.libraries.items(), ("widgets_llm", self.widgets_llm)]
        ]
        lines.append(t("course.env.connection", lang, state=t(f"course.env.connection.{self.connection}", lang)))
        memory = (
            f"{_number(self.memory_gb, 1, lang)} GB" if self.memory_gb is not None else t("course.env.memory_unknown", lang)
        )
        lines.append(t(f"course.env.device.{self.device}", lang, name=self.device_name, memory=memory))
        lines += self.problems
        if self.missing:
            names = " ".join(self.missing)
            lines.append(t("course.env.missing", lang, names=", ".join(self.missing)))
            lines.append(t("course.env.missing.suggestion", lang, names=names))
        elif not self.problems:
            lines.append(t("course.env.ready", lang))
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text()

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self.text())


def _widget_problems(versions: dict[str, str | None]) -> list[str]:
    """bqplot 0.13 draws nothing under ipywidgets 7 (Google Colab's version)."""
    widgets_version, bqplot_version = versions.get("ipywidgets"), versions.get("bqplot")
    if not widgets_version or not bqplot_version:
        return []
    major = _leading_ints(widgets_version)
    bqplot_parts = _leading_ints(bqplot_version)
    if major[:1] == (7,) and bqplot_parts[:2] >= (0, 13):
        return [
            t("course.env.bqplot_too_new", bqplot=bqplot_version, ipywidgets=widgets_version),
            t("course.env.bqplot_too_new.suggestion"),
        ]
    return []


def _leading_ints(version: str) -> tuple[int, ...]:
    parts = []
    for part in version.split("."):
        digits = re.match(r"\d+", part)
        if not digits:
            break
        parts.append(int(digits.group()))
    return tuple(parts)


def check_environment(check_connection: bool = True, timeout: float = 2.0) -> EnvironmentReport:
    """Report library versions, the connection to the Hub and the processor (GPU or CPU).

    Parameters
    ----------
    check_connection:
        Try to reach the Hugging Face Hub (for at most ``timeout`` seconds). Skipped when
        ``HF_HUB_OFFLINE=1`` says there is no connection on purpose.
    timeout:
        Seconds to wait for the Hub.

    Returns
    -------
    EnvironmentReport
        Shown as a few plain lines when it is a cell's last value.
    """
    from . import __version__

    versions = library_versions()
    device, name, memory = "unknown", "", None
    if versions.get("torch"):
        from .engine.hardware import detect_hardware

        hardware = detect_hardware()
        device, name, memory = hardware.device, hardware.name, hardware.memory_gb
    place = "colab" if in_colab() else "binder" if in_binder() else "local"
    return EnvironmentReport(
        place=place,
        python=platform.python_version(),
        libraries=versions,
        widgets_llm=__version__,
        connection=connection_state(check_connection, timeout),
        device=device,
        device_name=name,
        memory_gb=memory,
        problems=_widget_problems(versions),
    )


# ---------------------------------------------------------------------- reaching the Hub


def _explain_failure(error: BaseException) -> None:
    user_error = as_user_error(error)
    print(t("course.hub.failed", message=user_error.message()))
    suggestion = user_error.suggestion()
    if suggestion:
        print(t("course.hub.what_to_do", suggestion=suggestion))
    print(t("course.hub.no_problem"))


def try_load_model(name: str = HUB_MODEL):
    """Load a model from the Hub (or a folder); without a connection, say why and return ``None``.

    Returns
    -------
    ModelBundle or None
    """
    from .engine.models import format_parameter_count, load_model

    try:
        bundle = load_model(name)
    except Exception as error:  # shown as a plain message: the notebook goes on
        _explain_failure(error)
        return None
    print(t("course.hub.loaded_model", name=name, params=format_parameter_count(bundle.num_parameters())))
    return bundle


def _print_download(progress) -> None:
    """One line that rewrites itself as a download advances (a notebook honours ``\\r``)."""
    print("\r" + progress.describe(), end="\n" if progress.finished else "", flush=True)


def show_pretrained_summary(text: str | None = None, model_id: str = PRETRAINED_SUMMARIZER):
    """Summarize ``text`` with a pretrained Spanish summarizer from the catalog.

    With a connection the model is downloaded (its progress is printed) or taken from the
    local cache, and its summary printed. Without one, it says so and shows the task as text:
    the example's text and the summary a person wrote for it (not the model's output, which
    cannot be produced here).

    Returns
    -------
    str or None
        The model's summary, or ``None`` without a connection.
    """
    from .engine.data import load_pairs
    from .engine.generation import summarize
    from .engine.models import load_model

    if text is None:
        example = load_pairs(EXAMPLE).splits["test"]
        text, reference = example["text"][0], example["summary"][0]
    else:
        reference = None
    try:
        bundle = load_model(model_id, on_progress=_print_download)
    except Exception as error:  # shown as a plain message: the notebook goes on
        _explain_failure(error)
        print()
        print(t("course.pretrained.offline_example", model=model_id))
        print(t("course.pretrained.text", text=text))
        if reference is not None:
            print(t("course.pretrained.reference", summary=reference))
        return None
    summary = summarize(bundle, text)
    print(t("course.pretrained.text", text=text))
    print(t("course.pretrained.summary", model=model_id, summary=summary))
    if reference is not None:
        print(t("course.pretrained.reference", summary=reference))
    return summary


def try_load_pairs(source: str = HUB_DATASET):
    """Load (text, summary) pairs from the Hub; without a connection, say why and return ``None``.

    Returns
    -------
    PreparedData or None
    """
    from .engine.data import load_pairs

    try:
        prepared = load_pairs(source)
    except Exception as error:  # shown as a plain message: the notebook goes on
        _explain_failure(error)
        return None
    print(t("course.hub.loaded_data", name=source, splits=prepared.split_summary()))
    return prepared


# ---------------------------------------------------------------------- tables


def _frame(rows: list[dict[str, Any]]):
    import pandas as pd

    return pd.DataFrame(rows)


def _yes_no(value: bool, lang: str | None = None) -> str:
    return t("course.yes" if value else "course.no", lang)


def catalog_table(lang: str | None = None):
    """The engine's catalog of models for beginners, as a table in the user's language."""
    from .engine.models import CATALOG, format_parameter_count

    return _frame(
        [
            {
                t("course.table.model", lang): entry.model_id,
                t("course.table.kind", lang): t(f"models.kind.{entry.architecture}", lang),
                t("course.table.parameters", lang): format_parameter_count(entry.params_millions * 1e6),
                t("course.table.languages", lang): entry.languages,
                t("course.table.spanish", lang): _yes_no(entry.spanish, lang),
                t("course.table.license", lang): entry.license,
                t("course.table.memory_full", lang): round(entry.memory_gb(lora=False), 1),
                t("course.table.memory_lora", lang): round(entry.memory_gb(lora=True), 1),
                t("course.table.binder", lang): entry.binder_advice(lang),
                t("course.table.note", lang): t(entry.note, lang),
            }
            for entry in CATALOG
        ]
    )


#: The main NLP tasks: (message key, name in ``transformers.pipeline``, a Spanish model to try).
NLP_TASKS: tuple[tuple[str, str, str], ...] = (
    ("classification", "text-classification", "pysentimiento/robertuito-sentiment-analysis"),
    ("ner", "token-classification", "mrm8488/bert-spanish-cased-finetuned-ner"),
    ("translation", "translation", "Helsinki-NLP/opus-mt-en-es"),
    ("question_answering", "question-answering", "mrm8488/distill-bert-base-spanish-wwm-cased-finetuned-spa-squad2-es"),
    ("generation", "text-generation", "Qwen/Qwen2.5-0.5B-Instruct"),
    ("summarization", "summarization", "LeoCordoba/mt5-small-mlsum"),
)


def pipeline_tasks() -> set[str]:
    """The task names the installed ``transformers.pipeline`` accepts."""
    from transformers.pipelines import SUPPORTED_TASKS

    return set(SUPPORTED_TASKS)


def nlp_tasks(lang: str | None = None):
    """The main NLP tasks, what each does, an example, and whether ``pipeline()`` offers it here.

    transformers 5 removed the ``summarization``, ``translation`` and ``question-answering``
    pipelines (a chat model with ``text-generation`` does them now); the last column says
    what the installed version does.
    """
    available = pipeline_tasks()
    return _frame(
        [
            {
                t("course.table.task", lang): t(f"course.task.{key}", lang),
                t("course.table.what", lang): t(f"course.task.{key}.what", lang),
                t("course.table.example", lang): t(f"course.task.{key}.example", lang),
                t("course.table.pipeline", lang): task,
                t("course.table.available", lang): (
                    t("course.yes", lang) if task in available else t("course.task.available_no", lang)
                ),
                t("course.table.example_model", lang): model,
            }
            for key, task, model in NLP_TASKS
        ]
    )


def trainable_table(bundle, config=None, lang: str | None = None):
    """Parameters trained by full fine-tuning and by LoRA, side by side (the model is not changed).

    Parameters
    ----------
    bundle:
        The model (``ModelBundle``).
    config:
        A ``TrainingConfig`` whose LoRA settings (rank, target layers) are used; LoRA's
        defaults when ``None``.
    """
    from .engine.config import TrainingConfig
    from .engine.estimate import lora_parameter_count

    config = config or TrainingConfig(use_lora=True)
    total = bundle.num_parameters()
    lora = lora_parameter_count(bundle.model, config)
    rows = [
        (t("course.way.full", lang), total, total),
        (t("course.way.lora", lang, r=config.lora_r), lora, total + lora),
    ]
    return _frame(
        [
            {
                t("course.table.way", lang): way,
                t("course.table.trainable", lang): trained,
                t("course.table.total", lang): model_total,
                t("course.table.share", lang): f"{_number(100 * trained / model_total, 2, lang)} %",
            }
            for way, trained, model_total in rows
        ]
    )


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def input_table(tokenizer, texts: Sequence[str], max_length: int = 16, lang: str | None = None):
    """What the model receives for ``texts`` cut at ``max_length`` tokens and padded to one length.

    One row per text: its tokens, those kept, those cut, the padding added so every row of
    the batch has the same length, and the numbers (token ids) the model receives.
    """
    texts = list(texts)
    full_lengths = [len(ids) for ids in tokenizer(texts)["input_ids"]]
    batch = tokenizer(texts, max_length=max_length, truncation=True, padding=True)
    rows = []
    for text, length, ids, mask in zip(texts, full_lengths, batch["input_ids"], batch["attention_mask"]):
        kept = int(sum(mask))
        rows.append(
            {
                t("course.table.text", lang): _shorten(text),
                t("course.table.tokens", lang): length,
                t("course.table.kept", lang): kept,
                t("course.table.cut", lang): max(0, length - kept),
                t("course.table.padding", lang): len(ids) - kept,
                t("course.table.ids", lang): " ".join(str(i) for i in ids),
            }
        )
    return _frame(rows)


def _report_row(
    label: str, rouge: dict[str, float], perplexity: float | None, words: float | None, lang: str | None
) -> dict[str, Any]:
    return {
        t("course.table.row", lang): label,
        "ROUGE-1": round(100 * rouge["rouge1"], 1),
        "ROUGE-2": round(100 * rouge["rouge2"], 1),
        "ROUGE-L": round(100 * rouge["rougeL"], 1),
        t("course.table.perplexity", lang): MISSING if perplexity is None else round(float(perplexity), 1),
        t("course.table.words", lang): MISSING if words is None else round(float(words), 1),
    }


#: Shown in a table cell that has no value (the lead baseline has no perplexity).
MISSING = "—"


def metrics_table(result, lang: str | None = None):
    """ROUGE (0-100), perplexity and summary length of an evaluation, with the lead baseline.

    ``result`` is an ``EvaluationReport`` (one model) or a ``Comparison`` (base and tuned).
    """
    from .engine.scoring import mean_words

    if hasattr(result, "base") and hasattr(result, "tuned"):
        reports = [(t("course.row.base", lang), result.base), (t("course.row.tuned", lang), result.tuned)]
        last = result.tuned
    else:
        reports = [(t("course.row.tuned", lang), result)]
        last = result
    rows = [_report_row(label, r.rouge, r.perplexity, r.mean_generated_words, lang) for label, r in reports]
    lead_words = mean_words(last.lead_predictions) if last.lead_predictions else None
    rows.append(_report_row(t("course.row.lead", lang), last.lead_baseline, None, lead_words, lang))
    return _frame(rows)


def explain_comparison(comparison, lang: str | None = None) -> Message:
    """Base vs tuned in plain words: the ROUGE-L gain, the lead baseline and the perplexity."""
    base = 100 * comparison.base.rouge["rougeL"]
    tuned = 100 * comparison.tuned.rouge["rougeL"]
    lead = 100 * comparison.lead_baseline["rougeL"]
    key = "course.compare.better" if tuned >= base else "course.compare.worse"
    lines = [
        t(
            key,
            lang,
            gain=_number(abs(tuned - base), 1, lang),
            base=_number(base, 1, lang),
            tuned=_number(tuned, 1, lang),
        ),
        t(
            "course.compare.lead_beaten" if tuned > lead else "course.compare.lead_not_beaten",
            lang,
            lead=_number(lead, 1, lang),
        ),
        t(
            "course.compare.perplexity",
            lang,
            base=_number(comparison.base.perplexity, 1, lang),
            tuned=_number(comparison.tuned.perplexity, 1, lang),
        ),
    ]
    return Message("\n".join(lines))


def report_table(report, lang: str | None = None):
    """A cleaning report (``PreparedData.report``) as a table: reason and rows, non-zero only."""
    rows = report.table(lang) or [(t("course.report.nothing", lang), 0)]
    reason_header, rows_header = t("course.table.reason", lang), t("course.table.rows", lang)
    return _frame([{reason_header: reason, rows_header: count} for reason, count in rows])


def messy_example() -> tuple[list[str], list[str]]:
    """A dozen made-up (text, summary) pairs with typical problems, to watch cleaning at work.

    It holds HTML tags, repeated pairs, empty cells, texts too short to summarize and extra
    spaces; ``engine.pairs_from_lists(*messy_example())`` cleans it and reports each fix.
    """
    library = "El ayuntamiento de Valparaíso inauguró ayer una biblioteca pública con más de diez mil libros y una sala para niños."
    library_summary = "Valparaíso inauguró una biblioteca pública."
    pairs = [
        (f"<p>{library}</p>", library_summary),
        (library, library_summary),
        (library, library_summary),
        ("", "Resumen sin texto."),
        ("Llovió.", "Un resumen mucho más largo que el propio texto, que no debería quedarse."),
        (
            "La cooperativa de cafeteros de Caldas exportó este año un veinte por ciento más que el anterior gracias a los nuevos compradores de Asia.",
            "Los cafeteros de Caldas exportaron un 20 % más.",
        ),
        (
            "El equipo femenino de fútbol de Rosario ganó el torneo regional tras vencer por dos goles a uno en una final muy disputada.",
            "Rosario ganó el torneo regional femenino.",
        ),
        (
            "Un grupo de estudiantes de Oaxaca creó una aplicación que traduce frases del español al zapoteco y la presentó en una feria de ciencia.",
            "Estudiantes de Oaxaca crearon un traductor al zapoteco.",
        ),
        (
            "El museo de Cuenca   abrirá los domingos    por la tarde a partir de marzo, con entrada gratuita para mayores de sesenta y cinco años.",
            "El museo de Cuenca abrirá los domingos por la tarde.",
        ),
        (
            "La biblioteca municipal de Ponce prestará tabletas a los vecinos que no tengan computadora en casa durante todo el verano.",
            "Ponce prestará tabletas a quien no tenga computadora.",
        ),
        (
            "El mercado central de Montevideo cambiará su horario: abrirá una hora antes para que los trabajadores puedan comprar temprano.",
            "",
        ),
        ("Corto.", "Texto demasiado corto con un resumen más largo."),
    ]
    return [text for text, _ in pairs], [summary for _, summary in pairs]


def _maybe(value: float | None, digits: int, lang: str | None) -> str:
    if value is None or not math.isfinite(value):
        return t("course.value_missing", lang)
    return _number(value, digits, lang)


def describe_result(result, lang: str | None = None) -> Message:
    """A finished ``TrainingResult`` in plain words: how it ended, its losses and parameters.

    ``None`` (the run has not finished yet) says to wait for it.
    """
    from .engine.estimate import format_duration
    from .engine.models import format_parameter_count

    if result is None:
        return Message(t("course.result.running", lang))
    params = {"steps": result.steps, "max_steps": result.max_steps, "elapsed": format_duration(result.elapsed, lang)}
    if result.status == "failed":
        error = result.error.one_line(lang) if result.error is not None else t("course.value_missing", lang)
        return Message(t("course.result.failed", lang, error=error))
    lines = [
        t("course.result.stopped" if result.status == "stopped" else "course.result.finished", lang, **params),
        t(
            "course.result.loss",
            lang,
            loss=_maybe(result.final_loss, 3, lang),
            eval_loss=_maybe(result.eval_loss, 3, lang),
            perplexity=_maybe(result.perplexity, 1, lang),
        ),
        t(
            "course.result.parameters",
            lang,
            trainable=format_parameter_count(result.trainable_parameters),
            total=format_parameter_count(result.total_parameters),
            precision=result.precision,
        ),
    ]
    return Message("\n".join(lines))


# ---------------------------------------------------------------------- reading answers


def _plain(text: str) -> str:
    """Lower case, no accents, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())


_MULTIPLIERS = {
    "": 1.0,
    **dict.fromkeys(("k", "mil", "miles"), 1e3),
    **dict.fromkeys(("m", "millon", "millones", "million", "millions"), 1e6),
}
_UNIT_WORDS = re.compile(r"\b(parametros?|parameters?|fichas?|tokens?|pasos?|steps?|aprox\w*|unos|unas|about)\b|[~≈]")


def _parse_decimal(text: str, thousands: bool) -> float | None:
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        other = "." if decimal == "," else ","
        text = text.replace(other, "").replace(decimal, ".")
    elif "," in text or "." in text:
        mark = "," if "," in text else "."
        grouped = re.fullmatch(rf"\d{{1,3}}(\{mark}\d{{3}})+", text)
        if grouped and thousands:
            text = text.replace(mark, "")
        elif text.count(mark) == 1:
            text = text.replace(mark, ".")
        else:
            return None
    try:
        return float(text)
    except ValueError:
        return None


def as_number(value: Any, *, thousands: bool = True) -> float | None:
    """A learner's numeric answer as a float, or ``None`` when it is not a number.

    Accepts numbers and texts such as ``"424000"``, ``"424.000"`` (Spanish thousands),
    ``"7,39"`` (decimal comma), ``"424 mil"``, ``"424k"`` or ``"0,42 millones"``. With
    ``thousands=False`` a single ``.`` or ``,`` is always a decimal mark (``"7.389"`` is 7.389).
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    if not isinstance(value, str):
        try:
            number = float(value)  # numpy numbers and the like
        except (TypeError, ValueError):
            return None
        return number if math.isfinite(number) else None
    text = _UNIT_WORDS.sub(" ", _plain(value)).strip()
    match = re.fullmatch(r"([-+]?\d[\d.,\s_]*?)\s*([a-z]*)", text)
    if not match or match.group(2) not in _MULTIPLIERS:
        return None
    number = _parse_decimal(re.sub(r"[\s_]", "", match.group(1)), thousands)
    return None if number is None else number * _MULTIPLIERS[match.group(2)]


def as_choice(value: Any, letters: str) -> str | None:
    """The option letter of an answer such as ``"b"``, ``"B)"``, ``"(b)"`` or ``"opción b"``."""
    if not isinstance(value, str):
        return None
    match = re.fullmatch(r"\W*(?:opcion\s+)?([a-z])\W*", _plain(value))
    return match.group(1) if match and match.group(1) in letters else None


# ---------------------------------------------------------------------- experiments (notebook 4)

#: Notebook 4 trains many small runs: the mini model, a few steps, no warm-up (seconds each).
EXPERIMENT_SETTINGS: dict[str, Any] = {
    "max_steps": 10, "learning_rate": 1e-3, "batch_size": 8, "max_input_length": 128, "max_target_length": 32,
    "warmup": "off", "log_every_steps": 1, "eval_every_steps": 5,
}


def experiment_config(**changes: Any):
    """The base configuration of notebook 4's runs, with ``changes`` (``learning_rate=3e-3``...)."""
    from .engine.config import TrainingConfig

    return TrainingConfig(**{**EXPERIMENT_SETTINGS, **changes})


def train_variant(data, folder: str, model: str = COURSE_MODEL, **changes: Any) -> Message:
    """Train one run of notebook 4 from the base weights and save it in ``folder``.

    The run keeps its test examples and scores (for the experiments board); the answer says
    its ROUGE-L with the 95 % interval.
    """
    from .engine.experiments import read_experiment, score_with_interval
    from .engine.pipeline import train

    trained = train(data, model, experiment_config(**changes), folder)
    if trained.result.error is not None:
        return Message(trained.result.error.one_line())
    experiment = read_experiment(trained.path)
    return Message(t("course.exp.trained", name=experiment.name, score=score_with_interval(experiment, lang=None),
                     count=experiment.metrics.get("num_examples", 0)))


def describe_changes(runs_dir: str, names: Sequence[str], lang: str | None = None) -> Message:
    """What changed between some runs of ``runs_dir`` (only the settings that differ), and their ROUGE-L."""
    from .engine.experiments import load_experiments, points

    experiments = load_experiments(runs_dir)
    differing = experiments.changed_settings(names)
    if not differing:
        text = t("course.exp.nothing_changed", lang)
    else:
        parts = [f"{name} ({' → '.join(_setting(v, lang) for v in values)})" for name, values in differing.items()]
        text = t("course.exp.changed", lang, settings="; ".join(parts))
    scores = ", ".join(
        f"«{e.name}» {points(e.metrics.get('rougeL'), lang, signed=False)}" for e in experiments.select(names)
    )
    return Message(text + "\n" + t("course.exp.scores", lang, scores=scores))


def _setting(value: Any, lang: str | None) -> str:
    if isinstance(value, float):
        text = f"{value:g}"
        return text.replace(".", ",") if (lang or get_language()) == "es" else text
    return str(value)


def interval_by_size(run_dir: str, sizes: Sequence[int] = (5, 14, 50, 200), seed: int = 0, lang: str | None = None):
    """How the 95 % interval of a run's ROUGE-L narrows as the test set grows, as a table.

    Up to the run's real number of test examples the first ``n`` real scores are used; beyond,
    test sets are simulated by drawing scores like the real ones (seeded), as if there were
    more examples of the same kind.
    """
    import numpy as np

    from .engine.experiments import points, read_experiment
    from .engine.stats import bootstrap_interval

    scores = read_experiment(run_dir).example_scores() or []
    real = len(scores)
    rng = np.random.default_rng(seed)
    rows = []
    for n in sizes:
        if n <= real:
            sample, kind = scores[:n], t("course.exp.real", lang)
        else:
            sample, kind = list(rng.choice(scores, size=n, replace=True)), t("course.exp.simulated", lang)
        interval = bootstrap_interval(sample, seed=seed)
        rows.append({
            t("course.exp.examples", lang): n,
            t("course.exp.kind", lang): kind,
            t("course.exp.interval", lang): f"{points(interval.low, lang, signed=False)} – {points(interval.high, lang, signed=False)}",
            t("course.exp.width", lang): points(interval.width, lang, signed=False),
        })
    return _frame(rows)


def explain_verdict(comparison, lang: str | None = None) -> Message:
    """A paired comparison's verdict: the words first, then the numbers."""
    verdict = comparison.verdict(lang)
    return Message(f"{verdict.words}\n{verdict.numbers}")


def describe_sweep(sweep, lang: str | None = None) -> Message:
    """A finished sweep in one or two sentences: how many runs ended well, and which scored best."""
    from .engine.experiments import points

    results = sweep.results
    finished = [r for r in results if r.status in ("finished", "skipped")]
    failed = [r for r in results if r.status == "failed"]
    text = t("course.exp.sweep", lang, runs=len(results), finished=len(finished), failed=len(failed))
    scored = [r for r in finished if r.metrics.get("rougeL") is not None]
    if scored:
        best = max(scored, key=lambda r: r.metrics["rougeL"])
        text += " " + t("course.exp.sweep_best", lang, name=best.spec.name, score=points(best.metrics["rougeL"], lang, signed=False))
    return Message(text)


def bench_table(run_dirs: Sequence[str], texts: Sequence[str], references: Sequence[str] | None = None, lang: str | None = None):
    """A "mini banco de pruebas": each text summarized by each run, side by side (with ROUGE-L
    against ``references`` when the learner wrote them)."""
    from pathlib import Path

    from .engine.experiments import points
    from .engine.pipeline import summarize_with_run
    from .engine.scoring import rouge

    texts = [text for text in texts if isinstance(text, str) and text.strip()]
    columns = {}
    for run_dir in run_dirs:
        summaries = summarize_with_run(run_dir, list(texts))
        name = Path(run_dir).name
        columns[name] = summaries
        if references:
            scores = rouge(summaries, list(references)[: len(summaries)], per_example=True)["per_example"]
            columns[f"{name} · ROUGE-L"] = [points(score["rougeL"], lang, signed=False) for score in scores]
    rows = []
    for i, text in enumerate(texts):
        row = {t("course.exp.text", lang): _shorten(text, 80)}
        row.update({name: values[i] for name, values in columns.items()})
        rows.append(row)
    return _frame(rows)


# ---------------------------------------------------------------------- exercises


@dataclass(frozen=True)
class Verdict:
    """What a checker decided: right or not, and the catalog key (with values) that says why."""

    correct: bool
    key: str
    params: dict[str, Any] = field(default_factory=dict)


class NotUnderstood(Exception):
    """The answer has the wrong form (text where a number was expected...): say how to write it."""

    def __init__(self, key: str, **params: Any):
        super().__init__(key)
        self.key, self.params = key, params


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
    from .engine.data import load_pairs

    return load_pairs(EXAMPLE)


@functools.lru_cache(maxsize=1)
def _example_bundle():
    """The offline model the notebooks build from the example (same data, same seed: same model)."""
    from .engine.pipeline import prepare_model

    return prepare_model(_example_data(), COURSE_MODEL)


@functools.lru_cache(maxsize=1)
def _example_lengths():
    from .engine.tokens import length_stats

    texts: list[str] = []
    summaries: list[str] = []
    for split in _example_data().splits.values():
        texts += list(split["text"])
        summaries += list(split["summary"])
    return length_stats(texts, summaries, _example_bundle().tokenizer, sample_size=None)


def _choice_checker(exercise_id: str, right: str, letters: str = "abcd") -> Callable[[Any], Verdict]:
    def check(answer: Any) -> Verdict:
        letter = as_choice(answer, letters)
        if letter is None:
            raise NotUnderstood("course.answer.not_a_choice", choices=", ".join(f'"{x}"' for x in letters))
        if letter == right:
            return Verdict(True, f"course.ex.{exercise_id}.correct")
        return Verdict(False, f"course.ex.{exercise_id}.{letter}")

    return check


def _number_or_explain(answer: Any, *, thousands: bool = True) -> float:
    number = as_number(answer, thousands=thousands)
    if number is None:
        raise NotUnderstood("course.answer.not_a_number", value=str(answer))
    return number


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
    low = next(v for v in range(1, longest + 1) if stats.truncated_share(v, "text") <= MAX_TRUNCATED_SHARE)
    multiple = 8
    high = max(2 * low, int(math.ceil(longest / multiple)) * multiple)
    return {"low": low, "high": high, "longest": longest, "suggested": stats.suggested_max_input_length}


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
    from .engine.config import TrainingConfig
    from .engine.estimate import count_training_steps

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
        Exercise("04-ejemplos", _check_examples, lambda: {"count": INTERVAL_EXAMPLES, "answer": 4 * INTERVAL_EXAMPLES}),
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
        return Feedback(t("course.answer.not_yet", detail=t(problem.key, **problem.params)), False, exercise_id)
    detail = t(verdict.key, **verdict.params)
    key = "course.answer.correct" if verdict.correct else "course.answer.not_yet"
    return Feedback(t(key, detail=detail), verdict.correct, exercise_id)


def hint(exercise_id: str) -> Message:
    """A hint for an exercise, without giving the answer away."""
    exercise = EXERCISES.get(exercise_id)
    if exercise is None:
        return _unknown(exercise_id)
    return Message(t("course.hint.label", hint=t(f"course.ex.{exercise_id}.hint", **exercise.facts())))


def solution(exercise_id: str) -> Message:
    """The answer to an exercise (for when a learner is stuck)."""
    exercise = EXERCISES.get(exercise_id)
    if exercise is None:
        return _unknown(exercise_id)
    return Message(t("course.solution.label", solution=t(f"course.ex.{exercise_id}.solution", **exercise.facts())))


def exercise_ids(notebook: int | None = None) -> list[str]:
    """Every exercise id, or those of one notebook (``1`` to ``4``)."""
    return [key for key in EXERCISES if notebook is None or key.startswith(f"{notebook:02d}-")]
