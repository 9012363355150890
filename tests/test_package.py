"""Package-wide promises: layers, light imports, one message catalog in two languages."""

from __future__ import annotations

import subprocess
import sys

from widgets_llm.messages import SUPPORTED_LANGUAGES, catalog, set_language, t


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    ).stdout
    return set(out.split())


def test_engine_never_imports_a_user_interface():
    modules = _modules_after(
        "import widgets_llm.engine as e\n"
        "from widgets_llm.engine import data, tokens, models, features, config, hardware, "
        "training, estimate, generation, scoring, evaluation, runs, pipeline"
    )
    for ui in ("ipywidgets", "IPython", "bqplot", "ipyfilechooser"):
        assert ui not in modules, f"the engine imported {ui}"


def test_importing_the_package_is_light():
    # A dashboard appears quickly only if `import widgets_llm` loads no heavy library.
    modules = _modules_after("import widgets_llm")
    for heavy in ("torch", "transformers", "datasets", "ipywidgets", "bqplot"):
        assert heavy not in modules, f"`import widgets_llm` loaded {heavy}"


def test_every_message_has_spanish_and_english():
    missing = [
        key
        for key, texts in catalog().items()
        if any(not texts.get(lang) for lang in SUPPORTED_LANGUAGES)
    ]
    assert missing == []


def test_language_switch_changes_messages():
    try:
        set_language("en")
        english = t("training.out_of_memory")
        set_language("es")
        spanish = t("training.out_of_memory")
    finally:
        set_language("es")
    assert english != spanish
    assert "memoria" in spanish


def test_widgets_are_exported_from_the_package():
    import widgets_llm

    for name in widgets_llm._WIDGETS:
        widget_class = getattr(widgets_llm, name)
        assert widget_class.__name__ == name
