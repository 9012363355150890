"""GenerationPlayground: base and tuned summaries side by side, settings inputs, cancel,
messages."""

from __future__ import annotations

import html
import threading

import ipywidgets as widgets
import pytest
from conftest import find

from widgets_llm import set_language
from widgets_llm.engine import data, evaluation
from widgets_llm.engine.config import TrainingConfig
from widgets_llm.engine.generation import GenerationSettings, generate_summaries
from widgets_llm.engine.models import ModelBundle, build_offline_model
from widgets_llm.engine.training import TrainingRun
from widgets_llm.errors import ModelError
from widgets_llm.messages import t
from widgets_llm.widgets import generation_playground as playground_module
from widgets_llm.widgets.generation_playground import NO_EXAMPLE, GenerationPlayground

TEXTS = [
    f"El equipo {i} de la escuela de Montaña Verde ganó el torneo de ajedrez después de {i} rondas "
    f"muy reñidas contra sus rivales."
    for i in range(40)
]
SUMMARIES = [f"El equipo {i} ganó el torneo de ajedrez." for i in range(40)]
TEXT = TEXTS[7]


@pytest.fixture(scope="module")
def prepared():
    return data.pairs_from_lists(
        TEXTS, SUMMARIES, split=data.SplitOptions(validation_fraction=0.1, test_fraction=0.15)
    )


@pytest.fixture(scope="module")
def tuned(prepared, tmp_path_factory):
    """A mini offline model trained a few steps with the engine's TrainingRun."""
    bundle = build_offline_model(TEXTS + SUMMARIES, "seq2seq", "mini")
    config = TrainingConfig(
        max_steps=6, batch_size=8, learning_rate=3e-3, log_every_steps=3, eval_every_steps=0
    )
    result = TrainingRun(
        bundle, prepared.splits, config, tmp_path_factory.mktemp("entrenamiento")
    ).run()
    assert result.status == "finished"
    return bundle


@pytest.fixture
def counted_base_loads(monkeypatch):
    """Counts the widget's calls to the engine's load_base_bundle (the real one still runs)."""
    calls = []

    def counting(bundle):
        calls.append(bundle)
        return evaluation.load_base_bundle(bundle)

    monkeypatch.setattr(playground_module, "load_base_bundle", counting)
    return calls


def button(playground: GenerationPlayground, key: str) -> widgets.Button:
    """The playground's button labelled ``t(key)``, found as a person finds it."""
    return find(playground, widgets.Button, t(key))


def text_box(playground: GenerationPlayground) -> widgets.Textarea:
    return find(playground, widgets.Textarea, t("playground.text.label"))


def example_menu(playground: GenerationPlayground) -> widgets.Dropdown:
    return find(playground, widgets.Dropdown, t("playground.example.label"))


_INPUT_KINDS = {
    "int": widgets.BoundedIntText,
    "float": widgets.BoundedFloatText,
    "bool": widgets.Checkbox,
}


def setting_inputs(playground: GenerationPlayground) -> dict[str, widgets.Widget]:
    """The settings' inputs by their field name, each found by its label."""
    return {
        name: find(playground, _INPUT_KINDS[kind], t(f"playground.{name}.label"))
        for name, kind, *_ in playground_module.SETTING_INPUTS
    }


def _summary_in_panel(panel_html: str) -> str:
    body = panel_html.split("class='wllm-summary'")[1].split(">", 1)[1].split("</div>")[0]
    return html.unescape(body.replace("<span style='color:#777'>", "").replace("</span>", ""))


def _shown(summary: str) -> str:
    """What a panel shows for a summary (a note when the model wrote nothing)."""
    return summary if summary.strip() else t("playground.panel.blank")


# ---------------------------------------------------------------- the real engine path


def test_base_and_tuned_summaries_side_by_side(tuned, counted_base_loads):
    playground = GenerationPlayground(tuned, synchronous=True)
    ready = []
    playground.on_summaries_ready(ready.append)
    text_box(playground).value = TEXT
    button(playground, "playground.generate").click()

    summaries = playground.summaries
    assert set(summaries) == {"base", "tuned"}
    assert summaries["base"] != summaries["tuned"]  # training changed what the model writes
    assert summaries["tuned"] == generate_summaries(tuned, [TEXT], playground.settings)[0]
    with evaluation.base_model_of(tuned) as base:
        assert summaries["base"] == generate_summaries(base, [TEXT], playground.settings)[0]
    assert ready == [summaries]
    assert playground.status == "done" and playground._message.text == ""

    # Two panels with clear titles, each showing its own summary.
    assert (
        "Modelo base" in playground._base_panel.value
        and t("playground.panel.tuned") in playground._tuned_panel.value
    )
    assert _summary_in_panel(playground._base_panel.value) == _shown(summaries["base"])
    assert _summary_in_panel(playground._tuned_panel.value) == _shown(summaries["tuned"])
    assert (
        button(playground, "widgets.cancel").layout.display == "none"
        and not button(playground, "playground.generate").disabled
    )

    # The base model was obtained once, from the tuned one, and is kept for the next click.
    button(playground, "playground.generate").click()
    assert len(counted_base_loads) == 1 and counted_base_loads[0] is tuned
    assert playground.base is None  # the caller's trait is left as it was

    # A new tuned model gets its own base.
    playground.tuned = ModelBundle(
        tuned.model,
        tuned.tokenizer,
        tuned.architecture,
        tuned.source,
        tuned.prefix,
        dict(tuned.extra, copia=True),
    )
    assert playground.summaries == {}
    button(playground, "playground.generate").click()
    assert len(counted_base_loads) == 2


def test_given_base_is_used_without_loading_one(tuned, counted_base_loads):
    base = evaluation.load_base_bundle(tuned)
    playground = GenerationPlayground(tuned, base=base, synchronous=True, text=TEXT)
    playground.summarize()
    assert counted_base_loads == []
    assert playground.summaries["base"] == generate_summaries(base, [TEXT], playground.settings)[0]


def test_without_a_base_model_only_the_tuned_summary_and_a_note(tuned, monkeypatch):
    def no_base(bundle):
        raise ModelError("models.no_connection", name="alguien/modelo")

    monkeypatch.setattr(playground_module, "load_base_bundle", no_base)
    playground = GenerationPlayground(tuned, synchronous=True)
    playground.summarize(TEXT)

    assert set(playground.summaries) == {"tuned"}
    assert (
        playground.summaries["tuned"] == generate_summaries(tuned, [TEXT], playground.settings)[0]
    )
    assert playground.status == "done"
    assert playground._base_panel.layout.display == "none"
    assert playground._tuned_panel.layout.display is None
    assert "solo ves el resumen del modelo entrenado" in playground._note.text
    assert (
        ModelError("models.no_connection", name="alguien/modelo").message()
        in playground.base_problem
    )
    assert playground._message.text == ""  # a note, not an error


# ---------------------------------------------------------------- settings


def test_settings_inputs_build_the_settings_trait(tuned, monkeypatch):
    playground = GenerationPlayground(tuned, synchronous=True)
    seen = []
    playground.observe(lambda change: seen.append(change["new"]), names="settings")
    inputs = setting_inputs(playground)

    assert inputs["temperature"].disabled  # sampling is off by default
    inputs["max_new_tokens"].value = 12
    inputs["num_beams"].value = 3
    inputs["no_repeat_ngram_size"].value = 2
    inputs["repetition_penalty"].value = 1.5
    inputs["do_sample"].value = True
    assert not inputs["temperature"].disabled
    inputs["temperature"].value = 0.7

    settings = playground.settings
    assert isinstance(settings, GenerationSettings)
    assert (settings.max_new_tokens, settings.num_beams, settings.no_repeat_ngram_size) == (
        12,
        3,
        2,
    )
    assert settings.repetition_penalty == pytest.approx(
        1.5
    ) and settings.temperature == pytest.approx(0.7)
    assert settings.do_sample is True
    assert (
        settings.max_input_length == GenerationSettings().max_input_length
    )  # fields without an input are kept
    assert len(seen) == 6 and seen[-1] is settings

    inputs["do_sample"].value = False
    assert inputs["temperature"].disabled and playground.settings.do_sample is False

    # Settings set from code show in the inputs.
    playground.settings = GenerationSettings(
        max_new_tokens=20, num_beams=2, do_sample=True, temperature=1.3
    )
    assert inputs["max_new_tokens"].value == 20 and inputs["num_beams"].value == 2
    assert inputs["do_sample"].value is True and not inputs["temperature"].disabled
    assert inputs["temperature"].value == pytest.approx(1.3)
    assert playground.settings == GenerationSettings(
        max_new_tokens=20, num_beams=2, do_sample=True, temperature=1.3
    )

    # The summaries are written with the settings of the inputs.
    used = []
    chosen = playground.settings

    def fake_generate(bundle, texts, settings, **kwargs):
        used.append(settings)
        return ["un resumen"]

    monkeypatch.setattr(playground_module, "generate_summaries", fake_generate)
    playground.base = tuned
    playground.summarize(TEXT)
    assert used == [chosen, chosen]
    assert playground.summaries == {"base": "un resumen", "tuned": "un resumen"}


def test_every_setting_input_has_a_plain_help_text(tuned):
    playground = GenerationPlayground(tuned)
    rows = [box.children for box in playground._settings_box.children if hasattr(box, "children")]
    inputs = setting_inputs(playground)
    for name, *_ in playground_module.SETTING_INPUTS:
        control, help_html = next(row for row in rows if row[0] is inputs[name])
        assert html.escape(t(f"playground.{name}.help")) in help_html.value
        assert control.description == t(f"playground.{name}.label")


# ---------------------------------------------------------------- cancel, messages, errors


def test_cancel_stops_the_generation_and_ignores_its_result(tuned, monkeypatch):
    started, release, calls = threading.Event(), threading.Event(), []

    def slow_generate(bundle, texts, settings, should_stop=None, **kwargs):
        calls.append(bundle)
        started.set()
        release.wait(10)
        return ["resumen tardío"]

    monkeypatch.setattr(playground_module, "generate_summaries", slow_generate)
    playground = GenerationPlayground(tuned, base=tuned, text=TEXT)  # background thread
    ready = []
    playground.on_summaries_ready(ready.append)
    button(playground, "playground.generate").click()
    assert started.wait(10)
    assert playground.status == "working" and button(playground, "playground.generate").disabled
    assert button(playground, "widgets.cancel").layout.display is None

    button(playground, "widgets.cancel").click()
    assert (
        playground.status == "cancelled" and not button(playground, "playground.generate").disabled
    )
    assert button(playground, "widgets.cancel").layout.display == "none"
    assert t("widgets.cancelled") in playground._status_line.value
    release.set()
    playground.join(10)

    assert len(calls) == 1  # the tuned summary was never started
    assert playground.summaries == {} and ready == []
    assert playground.status == "cancelled"


def test_messages_for_no_model_no_tokenizer_and_empty_text(tuned):
    playground = GenerationPlayground(synchronous=True, text=TEXT)
    button(playground, "playground.generate").click()
    assert t("playground.no_model") in playground._message.text
    assert playground.summaries == {}

    playground.tuned = ModelBundle(tuned.model, None, tuned.architecture, tuned.source)
    button(playground, "playground.generate").click()
    assert t("playground.no_tokenizer") in playground._message.text

    playground.tuned = tuned
    text_box(playground).value = "   \n "
    button(playground, "playground.generate").click()
    assert t("playground.empty_text") in playground._message.text
    assert t("playground.empty_text.suggestion") in playground._message.text
    assert playground.summaries == {} and playground.status == "idle"


def test_engine_errors_are_shown_and_the_component_stays_usable(tuned, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("se rompió")

    monkeypatch.setattr(playground_module, "generate_summaries", broken)
    playground = GenerationPlayground(tuned, base=tuned, synchronous=True, text=TEXT)
    button(playground, "playground.generate").click()
    assert playground.status == "error"
    assert "se rompió" in playground._message.text and "Traceback" not in playground._message.value
    assert not button(playground, "playground.generate").disabled

    monkeypatch.setattr(
        playground_module, "generate_summaries", lambda bundle, texts, settings, **kw: ["bien"]
    )
    button(playground, "playground.generate").click()
    assert playground.status == "done" and playground._message.text == ""
    assert playground.summaries == {"base": "bien", "tuned": "bien"}


# ----------------------------------------------------------- examples from the test split, language


def test_test_split_examples_fill_the_text_and_show_the_reference(tuned, prepared):
    playground = GenerationPlayground(tuned, synchronous=True)
    assert playground._example_box.layout.display == "none"  # no data: no list

    playground.dataset = prepared
    test = prepared.splits["test"]
    options = example_menu(playground).options
    assert playground._example_box.layout.display is None
    assert [value for _, value in options] == [NO_EXAMPLE, *range(len(test))]
    assert options[1][0].startswith("1. ") and options[1][0][3:13] == test["text"][0][:10]

    example_menu(playground).value = 1
    assert text_box(playground).value == test["text"][1]
    assert html.escape(test["summary"][1]) in playground._reference.value

    text_box(playground).value = "Un texto mío, distinto."
    assert example_menu(playground).value == NO_EXAMPLE and playground._reference.value == ""


def test_english_titles():
    set_language("en")
    try:
        playground = GenerationPlayground()
        assert (
            "Base model" in playground._base_panel.value
            and "Fine-tuned model" in playground._tuned_panel.value
        )
        assert find(playground, widgets.Button, "Summarize").description == "Summarize"
    finally:
        set_language("es")
