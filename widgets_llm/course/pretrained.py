"""Notebook 1's pretrained classifier: what a model nobody tuned on your texts already does.

The course's first reference is text classification with a pretrained model. Here it is
*zero-shot* classification: a model trained for natural language inference (NLI: does a
premise entail, contradict or say nothing about a hypothesis?) reads the text as the premise
and, for each candidate label, the hypothesis "Este texto trata de <label>."; the label whose
hypothesis is most entailed wins. No training on the learner's labels is needed, so any list
of topics (or "positivo"/"negativo") works.

- :func:`show_pretrained_classifier`: the notebook cell. With a connection it downloads the
  model (the progress shows on one line), classifies and prints each label's score as a
  percentage. Without one it says so plainly (as :mod:`.hub` does) and prints an example that
  is labelled as written for the course, never as a model's output.
- :func:`classify_text`: the scores themselves, ``{label: score}`` adding up to 1.
- :func:`classifier_folder`: where the model is read from (a local folder, or the Hub cache
  after downloading).

Heavy libraries (transformers, torch) load only inside the functions that use them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Sequence

from ..errors import ModelError, WidgetsLLMError, as_user_error
from ..formatting import format_percent
from ..messages import t
from .hub import _explain_failure, _print_download

#: The zero-shot classifier of notebook 1. Why this one: it is an NLI model fine-tuned on XNLI,
#: whose premise/hypothesis pairs include Spanish, so it classifies Spanish text without a
#: translation step; it is small (about 107 M parameters, 6 layers of width 384, distilled
#: from XLM-RoBERTa-large: roughly 450 MB to download, and quick on a CPU), where the
#: better known multilingual NLI checkpoints (mDeBERTa-v3-base, XLM-RoBERTa-large) are two
#: to five times larger; it ships a ``tokenizer.json``, so it loads without the sentencepiece
#: library; and it is MIT-licensed. Its ``config.json`` names the classes entailment (0),
#: neutral (1) and contradiction (2), which transformers' zero-shot pipeline looks for.
PRETRAINED_CLASSIFIER = "MoritzLaurer/multilingual-MiniLMv2-L6-mnli-xnli"

#: Scores of the illustrative example shown without a connection, in the order of the
#: catalog's ``course.classifier.example_labels``. They were WRITTEN FOR THE COURSE to show
#: what the output looks like (most of the weight on the obvious topic, a little on a related
#: one): no model produced them, and the cell says so.
ILLUSTRATIVE_SCORES = (0.861, 0.012, 0.034, 0.021, 0.072)

#: Failures that mean "no connection to the Hub" (the cell says so in those words); any other
#: failure (a missing library, a gated model...) is named by its own message.
_CONNECTION_ERRORS = frozenset(
    {
        "download.no_connection",
        "download.offline_mode",
        "download.connection_lost",
        "models.no_connection",
    }
)

# One pipeline kept between calls, so that classifying a second text does not read the
# weights from disk again; a different model replaces it (a notebook needs one at a time).
_PIPELINE: dict[str, Any] = {}


def example_text(lang: str | None = None) -> str:
    """The text the cell classifies when the learner gives none."""
    return t("course.classifier.example_text", lang)


def example_labels(lang: str | None = None) -> list[str]:
    """The candidate topics of the example, in the order of :data:`ILLUSTRATIVE_SCORES`."""
    return _clean_labels(t("course.classifier.example_labels", lang))


def _clean_labels(labels: str | Sequence[str]) -> list[str]:
    """Labels as a list without blanks or repeats; a string is read as comma-separated (the
    zero-shot pipeline reads it the same way)."""
    if isinstance(labels, str):
        labels = labels.split(",")
    clean: list[str] = []
    for label in labels:
        label = " ".join(str(label).split())
        if label and label not in clean:
            clean.append(label)
    return clean


def classifier_folder(
    model_id: str = PRETRAINED_CLASSIFIER,
    *,
    on_progress: Callable[[Any], None] | None = None,
) -> Path:
    """The folder to load ``model_id`` from.

    A folder on this computer is used as it is. A Hub id is downloaded into the Hub cache by
    the engine (:func:`~widgets_llm.engine.download.download_model`: ``on_progress`` receives
    its :class:`~widgets_llm.engine.download.DownloadProgress`; a model already there is not
    downloaded again), and its snapshot folder returned.

    Raises
    ------
    ModelError
        The folder has no ``config.json``; there is no connection (or offline mode is on) and
        the model is not in the cache; or any download failure the engine names.
    """
    from ..engine import download
    from ..engine.models import hub_reachable

    folder = Path(model_id).expanduser()
    if folder.is_dir():
        if not (folder / "config.json").is_file():
            raise ModelError("models.folder_not_a_model", path=str(folder))
        return folder
    settings = download.hub_settings()
    if not settings.offline and not hub_reachable():
        # A quick probe first, as load_pretrained does: with a dead connection the Hub client
        # would otherwise wait and retry for a long while before failing.
        snapshot = download._snapshot(settings.cache_dir, model_id, "main")
        if snapshot is None or not download.is_downloaded(model_id):
            raise ModelError("download.no_connection", name=model_id, endpoint=settings.endpoint)
        return snapshot
    return download.download_model(model_id, on_progress=on_progress)


def _zero_shot_pipeline(folder: Path):
    key = str(folder.resolve())
    if key not in _PIPELINE:
        from transformers import pipeline

        _PIPELINE.clear()
        # Never run code downloaded with a model: only the architectures transformers ships.
        _PIPELINE[key] = pipeline(
            "zero-shot-classification", model=key, tokenizer=key, trust_remote_code=False
        )
    return _PIPELINE[key]


def classify_text(
    text: str,
    labels: str | Sequence[str],
    model: str = PRETRAINED_CLASSIFIER,
    *,
    hypothesis: str | None = None,
    on_progress: Callable[[Any], None] | None = None,
) -> dict[str, float]:
    """Zero-shot classification of ``text`` among ``labels`` with an NLI model.

    Parameters
    ----------
    text:
        The text to classify (any language the model knows).
    labels:
        At least two candidate labels (a list, or one comma-separated string).
    model:
        A Hub id (downloaded with progress to ``on_progress``) or a local folder of a sequence
        classification model whose ``config.id2label`` names an entailment class.
    hypothesis:
        The sentence checked for each label, with ``{}`` where the label goes; by default the
        catalog's «Este texto trata de {}.» in the user's language.

    Returns
    -------
    dict
        ``{label: score}`` from the most to the least likely label; the scores add up to 1
        (one label per text: the model shares its confidence among the labels given).

    Raises
    ------
    WidgetsLLMError
        Empty text or fewer than two labels (``course.classifier.no_text`` / ``no_labels``).
    ModelError
        The model cannot be reached or loaded (see :func:`classifier_folder`).
    """
    if not isinstance(text, str) or not text.strip():
        raise WidgetsLLMError("course.classifier.no_text")
    clean = _clean_labels(labels)
    if len(clean) < 2:
        raise WidgetsLLMError("course.classifier.no_labels")
    folder = classifier_folder(model, on_progress=on_progress)
    classifier = _zero_shot_pipeline(folder)
    result = classifier(
        text,
        candidate_labels=clean,
        hypothesis_template=hypothesis or t("course.classifier.hypothesis"),
        multi_label=False,
    )
    return {label: float(score) for label, score in zip(result["labels"], result["scores"])}


def format_scores(scores: dict[str, float], lang: str | None = None) -> str:
    """One line per label, the most likely first, as a percentage with the language's decimal
    mark («  economía: 86,1 %»)."""
    ordered = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    return "\n".join(
        t(
            "course.classifier.score_line",
            lang,
            label=label,
            percent=format_percent(score, 1, lang),
        )
        for label, score in ordered
    )


def illustrative_scores(lang: str | None = None) -> dict[str, float]:
    """The offline example's scores (written for the course), by label."""
    return dict(zip(example_labels(lang), ILLUSTRATIVE_SCORES))


def show_pretrained_classifier(
    text: str | None = None,
    labels: str | Sequence[str] | None = None,
    model_id: str = PRETRAINED_CLASSIFIER,
) -> dict[str, float] | None:
    """Classify ``text`` among ``labels`` with a pretrained zero-shot classifier and print the
    scores as percentages.

    Without ``text`` and ``labels``, the course's example (a news text about a coffee
    cooperative, and five topics). With a connection the model is downloaded once (about
    450 MB; the progress is printed on one line) or read from the cache. Without one, it says
    why plainly and prints the example's text with scores labelled «Ejemplo ilustrativo
    (escrito para el curso, no generado en esta computadora)»: they show what the output looks
    like, and no model computed them.

    Returns
    -------
    dict or None
        ``{label: score}`` (adding up to 1), or ``None`` when the model could not run.
    """
    own_text = text is not None
    text = example_text() if text is None else text
    labels = example_labels() if labels is None else labels
    try:
        scores = classify_text(text, labels, model_id, on_progress=_print_download)
    except WidgetsLLMError as error:
        if error.key in ("course.classifier.no_text", "course.classifier.no_labels"):
            # The learner's input, not the model: say what to write, nothing about connections.
            print(error.message())
            print(t("course.hub.what_to_do", suggestion=error.suggestion()))
            return None
        _show_offline(error, model_id, own_text)
        return None
    except Exception as error:  # shown as a plain message: the notebook goes on
        _show_offline(error, model_id, own_text)
        return None
    print(t("course.classifier.text", text=text))
    print(t("course.classifier.scores", model=model_id))
    print(format_scores(scores))
    print()
    print(t("course.classifier.how_to_read"))
    return scores


def _show_offline(error: BaseException, model_id: str, own_text: bool) -> None:
    user_error = as_user_error(error)
    _explain_failure(user_error)
    print()
    offline = user_error.key in _CONNECTION_ERRORS
    key = "course.classifier.offline" if offline else "course.classifier.not_run"
    print(t(key, model=model_id))
    if own_text:
        print(t("course.classifier.your_text_offline"))
    print()
    print(t("course.classifier.illustrative"))
    print(t("course.classifier.text", text=example_text()))
    print(t("course.classifier.example_scores"))
    print(format_scores(illustrative_scores()))
