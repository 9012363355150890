"""Notebook 3's training steps in plain words.

- :func:`training_kind`: whether a model is trained from scratch (the offline model, built
  here with random weights) or fine-tuned (a pretrained model), read from the bundle itself.
- :func:`training_settings`: a profile's configuration with the lengths chosen in notebook 2
  (:func:`~widgets_llm.course.own_data.course_lengths`), saying which lengths it uses.
- :func:`start_from_base`: put the base weights back before a second experiment.
- :func:`compare_trainable`: how many parameters a full run and a LoRA run trained.
- :func:`offer_download`: in Colab, download a file before the session (and its files) ends.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from ..messages import t
from ._common import Message, _number
from .own_data import course_lengths


def _model_name(bundle: Any) -> str:
    source = bundle.source
    if source.kind == "offline":
        return t(f"models.offline.size.{source.name}")
    return str(source.name)


def from_scratch(bundle: Any) -> bool:
    """Whether training ``bundle`` starts from random weights (the offline model) rather than
    from a pretrained model (a Hub id or a folder with a pretrained model)."""
    return bundle.source.kind == "offline"


def training_kind(bundle: Any) -> Message:
    """Say plainly whether ``bundle`` will be trained from scratch or fine-tuned, and why."""
    key = "course.training.from_scratch" if from_scratch(bundle) else "course.training.fine_tune"
    return Message(t(key, name=_model_name(bundle)))


def training_settings(profile: str = "fast", **changes: Any):
    """The configuration of ``profile`` with the token lengths chosen in notebook 2.

    The lengths remembered by :func:`~widgets_llm.course.own_data.remember_lengths` replace the
    profile's; ``changes`` (``max_steps=40``, ``learning_rate=3e-3``...) win over both. It
    prints which lengths the training will use and where they come from.

    Returns
    -------
    TrainingConfig
    """
    from ..engine.config import PRESETS, preset

    remembered = course_lengths()
    lengths: dict[str, Any] = {}
    if remembered is not None:
        lengths = {"max_input_length": remembered[0], "max_target_length": remembered[1]}
    config = preset(profile, **{**lengths, **changes})
    typed = "max_input_length" in changes or "max_target_length" in changes
    if typed:
        origin = t("course.training.lengths.typed")
    elif remembered is not None:
        origin = t("course.training.lengths.notebook2")
    else:
        origin = t(
            "course.training.lengths.profile",
            profile=t(f"config.preset.{profile}") if profile in PRESETS else profile,
        )
    print(
        t(
            "course.training.lengths",
            input=_number(config.max_input_length, 0),
            target=_number(config.max_target_length, 0),
            origin=origin,
        )
    )
    return config


def start_from_base(bundle: Any) -> Message:
    """Give ``bundle`` its base weights back, in place, so that the next training starts there.

    A training changes the model it trains; a second experiment on the same bundle would go on
    from the first one's weights and mix both. The studio does this before every training.
    """
    from ..engine.training import restore_base_weights

    restored = restore_base_weights(bundle)
    key = "course.training.base_restored" if restored else "course.training.base_untouched"
    return Message(t(key, name=_model_name(bundle)))


def _share(part: int, whole: int) -> str:
    return _number(100 * part / whole if whole else 0.0, 1)


def compare_trainable(full: Any, lora: Any) -> Message:
    """How many parameters a full training and a LoRA training trained, side by side.

    Parameters
    ----------
    full, lora:
        The two runs' ``TrainingResult`` (``None`` when a run has not finished).
    """
    from ..engine.models import format_parameter_count

    if full is None or lora is None:
        return Message(t("course.result.running"))
    lines = []
    for key, result in (("course.training.full_line", full), ("course.training.lora_line", lora)):
        lines.append(
            t(
                key,
                trainable=format_parameter_count(result.trainable_parameters),
                total=format_parameter_count(result.total_parameters),
                share=_share(result.trainable_parameters, result.total_parameters),
            )
        )
    if 0 < lora.trainable_parameters < full.trainable_parameters:
        lines.append(
            t(
                "course.training.lora_fewer",
                times=_number(full.trainable_parameters / lora.trainable_parameters, 0),
            )
        )
    else:
        lines.append(t("course.training.lora_not_fewer"))
    return Message("\n".join(lines))


def offer_download(path: str | os.PathLike) -> Message:
    """In Google Colab, download ``path`` to the learner's computer; elsewhere, say where it is.

    Colab deletes every file of a session when it ends, so a run worth keeping must leave it.
    """
    file = Path(path)
    if not file.is_file():
        return Message(t("course.training.download_missing", path=os.fspath(path)))
    if "google.colab" not in sys.modules:
        return Message(t("course.training.download_local", path=file.resolve()))
    from google.colab import files  # type: ignore[import-not-found]

    files.download(str(file))
    return Message(t("course.training.download_colab", name=file.name))
