"""HyperparameterPanel: presets, inputs, inline checks, LoRA section, save/load, estimate."""

from __future__ import annotations

import threading
import time

import ipywidgets as widgets
import pytest
from conftest import find, wait_for

import widgets_llm.engine.estimate as estimate_module
from widgets_llm.engine.config import PRESETS, TrainingConfig, field_info, field_names, preset
from widgets_llm.messages import set_language, t
from widgets_llm.widgets.hyperparameter_panel import HyperparameterPanel

#: The input a person sees for each kind of setting.
_CONTROLS = {
    "integer": widgets.IntText,
    "number": widgets.FloatText,
    "boolean": widgets.Checkbox,
    "choice": widgets.Dropdown,
    "list": widgets.Text,
}


def field(panel, name):
    """The input of setting ``name``, found by the label a person reads on it."""
    info = field_info(name)
    return find(panel, _CONTROLS[info["kind"]], info["label"])


def button(panel, key):
    """The button labelled with message ``key``."""
    return find(panel, widgets.Button, t(key))


def preset_button(panel, name):
    return button(panel, f"config.preset.{name}")


def path_box(panel):
    return find(panel, widgets.Text, t("hyperparams.file.path"))


def lora_inputs(panel):
    return {name: field(panel, name) for name in field_names() if name.startswith("lora_")}


# --------------------------------------------------------------------------- presets and inputs


def test_starts_on_the_balanced_preset_with_one_input_per_field():
    panel = HyperparameterPanel()
    assert panel.config == preset("balanced")
    assert set(panel._inputs) == set(TrainingConfig().to_dict())
    assert all(field(panel, name) is panel._inputs[name] for name in TrainingConfig().to_dict())
    assert field(panel, "batch_size").value == 8
    assert field(panel, "precision").value == "auto"
    assert preset_button(panel, "balanced").button_style == "info"
    assert preset_button(panel, "fast").tooltip == t("config.preset.fast.help")


def test_field_help_comes_from_the_catalog():
    panel = HyperparameterPanel()
    box = panel._field_boxes["learning_rate"]
    assert box.children[0].description == t("config.learning_rate.label")
    assert t("config.learning_rate.help").split(".")[0] in box.children[1].value


def test_preset_click_changes_config_and_inputs_and_fires_the_event():
    panel = HyperparameterPanel()
    changes = []
    panel.on_config_changed(changes.append)
    preset_button(panel, "fast").click()
    for key, value in PRESETS["fast"].items():
        assert getattr(panel.config, key) == value
    assert field(panel, "num_epochs").value == PRESETS["fast"]["num_epochs"]
    assert changes == [panel.config]
    assert preset_button(panel, "fast").button_style == "info"
    assert preset_button(panel, "balanced").button_style == ""


def test_presets_keep_the_lora_choice():
    panel = HyperparameterPanel()
    field(panel, "use_lora").value = True
    field(panel, "lora_r").value = 4
    preset_button(panel, "quality").click()
    assert panel.config.use_lora is True and panel.config.lora_r == 4
    assert panel.config.num_epochs == PRESETS["quality"]["num_epochs"]


def test_editing_an_input_updates_config_and_fires_on_config_changed():
    panel = HyperparameterPanel()
    changes = []
    panel.on_config_changed(changes.append)
    field(panel, "batch_size").value = 4
    field(panel, "learning_rate").value = 0.001
    field(panel, "precision").value = "fp32"
    field(panel, "lora_target_modules").value = "q, v"
    assert panel.config.batch_size == 4
    assert panel.config.learning_rate == 0.001
    assert panel.config.precision == "fp32"
    assert panel.config.lora_target_modules == ["q", "v"]
    assert len(changes) == 4 and changes[-1] is panel.config
    assert preset_button(panel, "balanced").button_style == ""  # edited away from the preset


def test_invalid_value_shows_inline_message_and_leaves_config_unchanged():
    panel = HyperparameterPanel()
    before = panel.config
    changes = []
    panel.on_config_changed(changes.append)
    field(panel, "batch_size").value = 0
    assert panel.config is before and changes == []
    assert "mayor que 0" in panel._field_messages["batch_size"].text
    assert panel.invalid_fields == {"batch_size": 0}
    assert t("hyperparams.invalid_pending") in panel._status.text

    field(panel, "learning_rate").value = 0.5
    assert panel.config.learning_rate == before.learning_rate
    assert "demasiado alta" in panel._field_messages["learning_rate"].text

    field(panel, "batch_size").value = 16  # fixing it clears its message only
    assert panel.config.batch_size == 16
    assert panel._field_messages["batch_size"].text == ""
    assert field(panel, "learning_rate").value == 0.5  # the other invalid value stays visible
    assert "demasiado alta" in panel._field_messages["learning_rate"].text
    assert set(panel.invalid_fields) == {"learning_rate"}


def test_use_lora_toggles_the_lora_inputs():
    panel = HyperparameterPanel()
    assert all(control.disabled for control in lora_inputs(panel).values())
    assert not field(panel, "use_lora").disabled
    field(panel, "use_lora").value = True
    assert panel.config.use_lora is True
    assert not any(control.disabled for control in lora_inputs(panel).values())
    field(panel, "use_lora").value = False
    assert all(control.disabled for control in lora_inputs(panel).values())


def test_setting_config_from_outside_updates_every_input_and_clears_messages():
    panel = HyperparameterPanel()
    field(panel, "batch_size").value = -3
    other = TrainingConfig(
        batch_size=2,
        num_epochs=7.0,
        use_lora=True,
        lora_target_modules=["c_attn"],
        precision="fp32",
    )
    changes = []
    panel.on_config_changed(changes.append)
    panel.config = other
    assert changes == [other]
    assert field(panel, "batch_size").value == 2
    assert field(panel, "num_epochs").value == 7.0
    assert field(panel, "use_lora").value is True
    assert field(panel, "lora_target_modules").value == "c_attn"
    assert field(panel, "precision").value == "fp32"
    assert not field(panel, "lora_r").disabled
    assert panel.invalid_fields == {} and panel._field_messages["batch_size"].text == ""
    assert panel.config is other  # rendering did not echo back a new config


def test_rejects_a_config_of_the_wrong_type():
    with pytest.raises(TypeError):
        HyperparameterPanel(config={"batch_size": 4})


# --------------------------------------------------------------------------- save and load


@pytest.mark.parametrize("name", ["ajustes.yaml", "ajustes.json"])
def test_save_then_load_round_trip_with_the_buttons(tmp_path, name):
    panel = HyperparameterPanel()
    field(panel, "batch_size").value = 4
    field(panel, "use_lora").value = True
    field(panel, "lora_target_modules").value = "q,v"
    saved = panel.config
    path = tmp_path / "carpeta" / name
    path_box(panel).value = str(path)
    button(panel, "hyperparams.file.save").click()
    assert path.is_file()
    assert "guardados" in panel._file_message.text

    other = HyperparameterPanel()
    path_box(other).value = str(path)
    button(other, "hyperparams.file.load").click()
    assert other.config == saved
    assert field(other, "batch_size").value == 4
    assert field(other, "lora_target_modules").value == "q, v"
    assert "cargados" in other._file_message.text


def test_loading_a_corrupt_file_shows_the_error_and_keeps_config(tmp_path):
    corrupt = tmp_path / "roto.yaml"
    corrupt.write_text("batch_size: [1, 2\n  : :\n", encoding="utf-8")
    panel = HyperparameterPanel()
    before = panel.config
    path_box(panel).value = str(corrupt)
    button(panel, "hyperparams.file.load").click()
    assert panel.config is before
    assert "No se pudo leer la configuración" in panel._file_message.text
    assert t("config.unreadable.suggestion") in panel._file_message.text
    assert "Traceback" not in panel._file_message.value


def test_loading_a_file_with_a_bad_value_or_no_file_explains(tmp_path):
    bad = tmp_path / "malo.json"
    bad.write_text('{"batch_size": 0}', encoding="utf-8")
    panel = HyperparameterPanel()
    path_box(panel).value = str(bad)
    button(panel, "hyperparams.file.load").click()
    assert "mayor que 0" in panel._file_message.text
    path_box(panel).value = str(tmp_path / "no_existe.yaml")
    button(panel, "hyperparams.file.load").click()
    assert "No existe el archivo" in panel._file_message.text
    path_box(panel).value = ""
    button(panel, "hyperparams.file.save").click()
    assert t("hyperparams.file.no_path") in panel._file_message.text


def test_saving_where_it_cannot_write_shows_the_error(tmp_path):
    blocker = tmp_path / "un_archivo"
    blocker.write_text("x", encoding="utf-8")
    panel = HyperparameterPanel()
    path_box(panel).value = str(
        blocker / "ajustes.yaml"
    )  # a file stands where the folder should be
    button(panel, "hyperparams.file.save").click()
    assert "No se pudieron guardar" in panel._file_message.text


# --------------------------------------------------------------------------- estimate


class FakeEstimate:
    def __init__(self, label, fits=True):
        self.label, self.fits = label, fits

    def message(self, lang=None):
        return f"estimación {self.label}"


def test_estimate_button_without_model_or_data_says_what_is_needed():
    panel = HyperparameterPanel(synchronous=True)
    button(panel, "hyperparams.estimate.button").click()
    assert t("hyperparams.estimate.needs_inputs") in panel._message.text
    assert panel.estimate is None


def test_estimate_refreshes_after_a_quiet_moment_not_on_every_change(monkeypatch):
    calls = []
    done = threading.Event()

    def fake_estimate(bundle, splits, config, **_options):
        calls.append(config)
        done.set()
        return FakeEstimate(len(calls))

    monkeypatch.setattr(estimate_module, "estimate_training", fake_estimate)
    panel = HyperparameterPanel(estimate_delay=0.5)
    panel.bundle = object()
    panel.data = type("Prepared", (), {"splits": {"train": [1]}})()
    for size in (2, 3, 4, 5, 6):
        field(panel, "batch_size").value = size
    assert done.wait(10)
    time.sleep(0.3)  # give a (wrong) second refresh the chance to show up
    assert len(calls) == 1
    assert calls[0].batch_size == 6
    wait_for(lambda: panel.estimate is not None, 5)
    assert panel._message.text == "estimación 1"


def test_latest_estimate_request_wins(monkeypatch):
    release_first = threading.Event()
    second_done = threading.Event()
    results = iter([FakeEstimate("antigua"), FakeEstimate("nueva")])
    threads = {}

    def fake_estimate(bundle, splits, config, **_options):
        estimate = next(results)
        threads[estimate.label] = threading.current_thread()
        if estimate.label == "antigua":
            release_first.wait(10)
        else:
            second_done.set()
        return estimate

    monkeypatch.setattr(estimate_module, "estimate_training", fake_estimate)
    panel = HyperparameterPanel(auto_estimate=False)
    panel.bundle, panel.data = object(), {"train": [1]}
    button(panel, "hyperparams.estimate.button").click()
    wait_for(lambda: "antigua" in threads, 10)
    assert panel.status == "estimating"
    button(panel, "hyperparams.estimate.button").click()
    assert second_done.wait(10)
    panel.join(10)
    assert panel.estimate.label == "nueva" and panel.status == "ready"
    release_first.set()
    threads["antigua"].join(10)  # the older estimate ends after the newer one: dropped
    assert not threads["antigua"].is_alive()
    assert panel.estimate.label == "nueva"
    assert panel._message.text == "estimación nueva"


def test_estimate_shows_its_progress_while_it_measures(monkeypatch):
    reported, release = threading.Event(), threading.Event()
    captured = {}

    def fake_estimate(bundle, splits, config, *, on_progress, should_stop, **_options):
        captured["on_progress"] = on_progress
        on_progress(0, 0, "preparation")
        on_progress(2, 5, "training")
        reported.set()
        release.wait(10)
        return FakeEstimate("lista")

    monkeypatch.setattr(estimate_module, "estimate_training", fake_estimate)
    panel = HyperparameterPanel(auto_estimate=False)
    panel.bundle, panel.data = object(), {"train": [1]}
    button(panel, "hyperparams.estimate.button").click()
    assert reported.wait(10)
    wait_for(lambda: "paso 2 de 5" in panel._message.text, 5)
    assert t("hyperparams.estimate.part.training") in panel._message.text
    assert panel.status == "estimating"
    release.set()
    panel.join(10)
    assert panel._message.text == "estimación lista" and panel.status == "ready"
    captured["on_progress"](3, 5, "training")  # a report arriving after the result changes nothing
    assert panel._message.text == "estimación lista"


def test_a_newer_estimate_stops_the_older_one(monkeypatch):
    from widgets_llm.engine.estimate import EstimateStopped

    first_started, first_stopped = threading.Event(), threading.Event()
    calls = []

    def fake_estimate(bundle, splits, config, *, on_progress, should_stop, **_options):
        calls.append(config)
        if len(calls) > 1:
            return FakeEstimate("nueva")
        first_started.set()
        deadline = time.monotonic() + 10
        while not should_stop():  # the engine checks it between its measuring steps
            if time.monotonic() > deadline:
                return FakeEstimate("antigua")
            time.sleep(0.01)
        on_progress(1, 5, "training")  # a stopped estimate's report is not shown
        first_stopped.set()
        raise EstimateStopped()

    monkeypatch.setattr(estimate_module, "estimate_training", fake_estimate)
    panel = HyperparameterPanel(auto_estimate=False)
    panel.bundle, panel.data = object(), {"train": [1]}
    button(panel, "hyperparams.estimate.button").click()
    assert first_started.wait(10)
    button(panel, "hyperparams.estimate.button").click()
    panel.join(10)
    assert first_stopped.wait(10)  # it did not go on measuring beside the new one
    time.sleep(0.2)
    assert panel.estimate.label == "nueva" and panel.status == "ready"
    assert panel._message.text == "estimación nueva"


def test_cancel_stops_the_estimate_being_measured(monkeypatch):
    started, stopped = threading.Event(), threading.Event()

    def fake_estimate(bundle, splits, config, *, on_progress, should_stop, **_options):
        started.set()
        deadline = time.monotonic() + 10
        while not should_stop() and time.monotonic() < deadline:
            time.sleep(0.01)
        stopped.set()
        return FakeEstimate("tarde")

    monkeypatch.setattr(estimate_module, "estimate_training", fake_estimate)
    panel = HyperparameterPanel(auto_estimate=False)
    panel.bundle, panel.data = object(), {"train": [1]}
    button(panel, "hyperparams.estimate.button").click()
    assert started.wait(10)
    panel.cancel()  # e.g. the studio's «Entrenar»: the training needs the model now
    assert stopped.wait(2)
    time.sleep(0.2)
    assert not panel.busy and panel.status == "idle"
    assert panel.estimate is None and panel._message.text == ""


def test_estimate_takes_prepared_data_or_splits(monkeypatch):
    seen = []
    monkeypatch.setattr(
        estimate_module,
        "estimate_training",
        lambda b, splits, c, **o: seen.append(splits) or FakeEstimate("x"),
    )
    splits = {"train": [1, 2]}
    panel = HyperparameterPanel(
        synchronous=True, bundle=object(), data=type("Prepared", (), {"splits": splits})()
    )
    panel.data = splits
    assert seen == [splits, splits]


def test_estimate_error_is_shown(monkeypatch):
    from widgets_llm.errors import TrainingError

    def failing(bundle, splits, config, **_options):
        raise TrainingError("training.no_train_data")

    monkeypatch.setattr(estimate_module, "estimate_training", failing)
    panel = HyperparameterPanel(synchronous=True, bundle=object(), data={"train": []})
    assert t("training.no_train_data") in panel._message.text
    assert panel.estimate is None and panel.status == "error"


@pytest.fixture(scope="module")
def mini_bundle_and_data():
    from widgets_llm.engine.data import pairs_from_lists
    from widgets_llm.engine.models import build_offline_model

    texts = [
        f"La biblioteca del barrio {i} abrió una sala nueva con {i} ordenadores "
        "para que los vecinos "
        "estudien y lean por las tardes."
        for i in range(40)
    ]
    summaries = [f"La biblioteca {i} abrió una sala con ordenadores." for i in range(40)]
    data = pairs_from_lists(texts, summaries)
    bundle = build_offline_model(texts + summaries, "seq2seq", "mini")
    return bundle, data


def test_estimate_with_the_real_engine_shows_a_time(mini_bundle_and_data):
    from widgets_llm.engine.estimate import TrainingEstimate, format_duration

    bundle, data = mini_bundle_and_data
    config = preset("fast", max_input_length=64, max_target_length=16)
    panel = HyperparameterPanel(config, synchronous=True)
    panel.bundle = bundle
    panel.data = data  # a PreparedData: both set, so the estimate refreshes by itself
    assert isinstance(panel.estimate, TrainingEstimate)
    text = panel._message.text
    assert format_duration(panel.estimate.total_seconds) in text
    assert str(panel.estimate.total_steps) in text
    # What the time includes: every part of the wait after «Entrenar».
    for part in ("entrenamiento", "evaluaciones", "comparación final", "guardado"):
        assert part in text

    steps_for_two_epochs = panel.estimate.total_steps
    field(panel, "num_epochs").value = 4.0  # a change refreshes it
    assert panel.estimate.total_steps == 2 * steps_for_two_epochs
    assert format_duration(panel.estimate.total_seconds) in panel._message.text


def test_english_labels():
    set_language("en")
    try:
        panel = HyperparameterPanel()
        assert find(panel, widgets.Button, "Fast").tooltip == t("config.preset.fast.help")
        assert field(panel, "batch_size").description == "Batch size"
        assert find(panel, widgets.Button, "Save") is not None
    finally:
        set_language("es")


def test_disabled_locks_inputs_and_estimates(monkeypatch):
    calls = []
    monkeypatch.setattr(
        estimate_module,
        "estimate_training",
        lambda b, s, c, **o: calls.append(c) or FakeEstimate("x"),
    )
    panel = HyperparameterPanel(synchronous=True)
    panel.disabled = True
    assert all(control.disabled for control in panel._inputs.values())
    assert preset_button(panel, "fast").disabled and button(panel, "hyperparams.file.load").disabled
    panel.bundle, panel.data = object(), {"train": [1]}
    panel.request_estimate()
    assert calls == []
    panel.disabled = False  # unlocking refreshes the estimate that was held back
    assert len(calls) == 1
    assert not field(panel, "batch_size").disabled
    assert field(panel, "lora_r").disabled  # LoRA is still off
