"""Reaching the Hugging Face Hub from a notebook: without a connection, say so plainly instead of
raising."""

from __future__ import annotations

from ..errors import as_user_error
from ..messages import t
from .samples import HUB_DATASET, HUB_MODEL, PRETRAINED_SUMMARIZER, example_data


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
    from ..engine.models import format_parameter_count, load_model

    try:
        bundle = load_model(name)
    except Exception as error:  # shown as a plain message: the notebook goes on
        _explain_failure(error)
        return None
    print(
        t(
            "course.hub.loaded_model",
            name=name,
            params=format_parameter_count(bundle.num_parameters()),
        )
    )
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
    from ..engine.generation import summarize
    from ..engine.models import load_model

    if text is None:
        example = example_data().splits["test"]
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
    from ..engine.data import load_pairs

    try:
        prepared = load_pairs(source)
    except Exception as error:  # shown as a plain message: the notebook goes on
        _explain_failure(error)
        return None
    print(t("course.hub.loaded_data", name=source, splits=prepared.split_summary()))
    return prepared
