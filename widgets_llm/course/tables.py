"""What a notebook cell shows as a table (pandas; Jupyter draws it), in the user's language.

The model catalog, the NLP tasks, trainable parameters (full vs LoRA), what the model
receives for some texts, evaluation metrics and a cleaning report.
"""

from __future__ import annotations

from typing import Any, Sequence

from ..messages import t
from ._common import _frame, _number, _shorten


def _yes_no(value: bool, lang: str | None = None) -> str:
    return t("course.yes" if value else "course.no", lang)


def catalog_table(lang: str | None = None):
    """The engine's catalog of models for beginners, as a table in the user's language."""
    from ..engine.models import CATALOG, format_parameter_count

    return _frame(
        [
            {
                t("course.table.model", lang): entry.model_id,
                t("course.table.kind", lang): t(f"models.kind.{entry.architecture}", lang),
                t("course.table.parameters", lang): format_parameter_count(
                    entry.params_millions * 1e6
                ),
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
    (
        "question_answering",
        "question-answering",
        "mrm8488/distill-bert-base-spanish-wwm-cased-finetuned-spa-squad2-es",
    ),
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
    # Looked up on the package, so that replacing ``course.pipeline_tasks`` (a test does) counts.
    from . import pipeline_tasks as installed_tasks

    available = installed_tasks()
    return _frame(
        [
            {
                t("course.table.task", lang): t(f"course.task.{key}", lang),
                t("course.table.what", lang): t(f"course.task.{key}.what", lang),
                t("course.table.example", lang): t(f"course.task.{key}.example", lang),
                t("course.table.pipeline", lang): task,
                t("course.table.available", lang): (
                    t("course.yes", lang)
                    if task in available
                    else t("course.task.available_no", lang)
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
    from ..engine.config import TrainingConfig
    from ..engine.estimate import lora_parameter_count

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


def input_table(tokenizer, texts: Sequence[str], max_length: int = 16, lang: str | None = None):
    """What the model receives for ``texts`` cut at ``max_length`` tokens and padded to one length.

    One row per text: its tokens, those kept, those cut, the padding added so every row of
    the batch has the same length, and the numbers (token ids) the model receives.
    """
    texts = list(texts)
    full_lengths = [len(ids) for ids in tokenizer(texts)["input_ids"]]
    batch = tokenizer(texts, max_length=max_length, truncation=True, padding=True)
    rows = []
    for text, length, ids, mask in zip(
        texts, full_lengths, batch["input_ids"], batch["attention_mask"]
    ):
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
    label: str,
    rouge: dict[str, float],
    perplexity: float | None,
    words: float | None,
    lang: str | None,
) -> dict[str, Any]:
    return {
        t("course.table.row", lang): label,
        "ROUGE-1": round(100 * rouge["rouge1"], 1),
        "ROUGE-2": round(100 * rouge["rouge2"], 1),
        "ROUGE-L": round(100 * rouge["rougeL"], 1),
        t("course.table.perplexity", lang): MISSING
        if perplexity is None
        else round(float(perplexity), 1),
        t("course.table.words", lang): MISSING if words is None else round(float(words), 1),
    }


#: Shown in a table cell that has no value (the lead baseline has no perplexity).
MISSING = "—"


def metrics_table(result, lang: str | None = None):
    """ROUGE (0-100), perplexity and summary length of an evaluation, with the lead baseline.

    ``result`` is an ``EvaluationReport`` (one model) or a ``Comparison`` (base and tuned).
    """
    from ..engine.scoring import mean_words

    if hasattr(result, "base") and hasattr(result, "tuned"):
        reports = [
            (t("course.row.base", lang), result.base),
            (t("course.row.tuned", lang), result.tuned),
        ]
        last = result.tuned
    else:
        reports = [(t("course.row.tuned", lang), result)]
        last = result
    rows = [
        _report_row(label, r.rouge, r.perplexity, r.mean_generated_words, lang)
        for label, r in reports
    ]
    lead_words = mean_words(last.lead_predictions) if last.lead_predictions else None
    rows.append(_report_row(t("course.row.lead", lang), last.lead_baseline, None, lead_words, lang))
    return _frame(rows)


def report_table(report, lang: str | None = None):
    """A cleaning report (``PreparedData.report``) as a table: reason and rows, non-zero only."""
    rows = report.table(lang) or [(t("course.report.nothing", lang), 0)]
    reason_header, rows_header = t("course.table.reason", lang), t("course.table.rows", lang)
    return _frame([{reason_header: reason, rows_header: count} for reason, count in rows])
