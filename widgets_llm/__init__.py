"""widgets_llm: fine-tune a small language model on your own texts, privately, and see whether it
got better.

``import widgets_llm`` is light: the engine (torch, transformers) and the widgets (ipywidgets,
bqplot) load on first use, so a dashboard appears quickly.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

from ._environment import apply_defaults as _apply_environment_defaults  # noqa: E402

_apply_environment_defaults()  # before any Hugging Face library is imported

from .errors import WidgetsLLMError  # noqa: E402  (light: no heavy imports)
from .messages import get_language, set_language, t  # noqa: E402

#: Public widget classes, each in its own module of ``widgets_llm.widgets``.
_WIDGETS = {
    "DatasetUploader": "dataset_uploader",
    "PlainTextsUploader": "plain_texts_uploader",
    "TokenVisualizer": "token_visualizer",
    "HyperparameterPanel": "hyperparameter_panel",
    "TrainingChart": "training_chart",
    "SummaryDiffViewer": "summary_diff_viewer",
    "ModelPicker": "model_picker",
    "GenerationPlayground": "generation_playground",
    "RunManager": "run_manager",
    "ExperimentBoard": "experiment_board",
    # The code-free dashboards, composed from the components above.
    "Studio": "studio",
    "SummarizerApp": "summarizer_app",
}

__all__ = ["WidgetsLLMError", "get_language", "set_language", "t", "engine", *_WIDGETS]


def __getattr__(name: str):
    if name in _WIDGETS:
        module = importlib.import_module(f".widgets.{_WIDGETS[name]}", __name__)
        return getattr(module, name)
    if name == "engine":
        return importlib.import_module(".engine", __name__)
    raise AttributeError(f"module 'widgets_llm' has no attribute {name!r}")
