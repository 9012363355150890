"""ModelPicker: catalog shown, offline/hub/folder choices loaded through the engine, offline
fallback."""

from __future__ import annotations

import html
import threading
import time

import pytest

from widgets_llm import set_language
from widgets_llm.engine import data, download, models
from widgets_llm.formatting import format_gigabytes, format_seconds
from widgets_llm.messages import catalog, t
from widgets_llm.widgets.model_picker import (
    ModelPicker,
    TAB_CATALOG,
    TAB_HUB,
    TAB_LOCAL,
    TAB_OFFLINE,
    catalog_html,
)

TEXTS = [
    f"La biblioteca del barrio {i} abrió una sala de lectura para niños con cuentos en español, "
    f"talleres de pintura los sábados y un club de ajedrez que reúne a los vecinos por la tarde."
    for i in range(30)
]
SUMMARIES = [f"La biblioteca {i} abrió una sala infantil con talleres." for i in range(30)]


@pytest.fixture
def picker():
    widget = ModelPicker(synchronous=True, texts=TEXTS + SUMMARIES)
    widget._offline_size.value = "mini"  # tiny: builds in a second
    return widget


@pytest.fixture(scope="module")
def saved_mini_model(tmp_path_factory):
    """A mini offline model saved as a folder, as save_pretrained writes it."""
    folder = tmp_path_factory.mktemp("modelo_mini")
    bundle = models.build_offline_model(TEXTS + SUMMARIES, "seq2seq", "mini")
    bundle.model.save_pretrained(folder)
    bundle.tokenizer.save_pretrained(folder)
    return folder


# ---------------------------------------------------------------- catalog


def test_catalog_rows_are_rendered_with_size_memory_and_languages(picker):
    table = picker._catalog_table.value
    assert table.count("<tr data-model=") == len(models.CATALOG)
    for entry in models.CATALOG:
        assert html.escape(entry.model_id) in table
        assert html.escape(entry.languages) in table
        assert format_gigabytes(entry.memory_gb(lora=False)) in table
        assert format_gigabytes(entry.memory_gb(lora=True)) in table
        cost = entry.cost()
        assert cost is not None, f"{entry.model_id} has no measured cost"
        assert (
            format_seconds(cost.step_seconds(False)) in table
            and format_seconds(cost.step_seconds(True)) in table
        )
        assert models.format_parameter_count(entry.params_millions * 1e6) in table
        if t(entry.note) != entry.note:  # the note, once the catalog has its text
            assert html.escape(t(entry.note)) in table
    assert "<td" in table and t("picker.yes") in table and t("picker.no") in table
    assert [value for _, value in picker._catalog_choice.options] == [
        e.model_id for e in models.CATALOG
    ]


def test_choosing_from_the_catalog_sets_the_choice_and_highlights_the_row(picker):
    picker._tabs.selected_index = TAB_CATALOG
    picker._catalog_choice.value = "google/flan-t5-small"

    assert picker.choice == "google/flan-t5-small"
    row = picker._catalog_table.value.split("data-model='google/flan-t5-small'>")[1].split("</tr>")[
        0
    ]
    assert "background:#e8f0fe" in row
    assert catalog_html("x").count("background:#e8f0fe") == 0


# --------------------------------------------------------- the choice follows the controls and back


def test_choice_follows_the_tabs_and_setting_it_updates_them(picker):
    assert picker._tabs.selected_index == TAB_OFFLINE and picker.choice == "offline-t5-mini"
    picker._offline_architecture.value = "causal"
    assert picker.choice == "offline-gpt2-mini"

    picker._tabs.selected_index = TAB_HUB
    picker._hub_id.value = "  alguien/mi-modelo "
    assert picker.choice == "alguien/mi-modelo"

    picker.choice = "offline-t5-mediano"
    assert picker._tabs.selected_index == TAB_OFFLINE
    assert (picker._offline_architecture.value, picker._offline_size.value) == (
        "seq2seq",
        "mediano",
    )
    picker.choice = "Qwen/Qwen2.5-0.5B-Instruct"
    assert (
        picker._tabs.selected_index == TAB_CATALOG
        and picker._catalog_choice.value == "Qwen/Qwen2.5-0.5B-Instruct"
    )
    picker.choice = "otra/cosa"
    assert picker._tabs.selected_index == TAB_HUB and picker._hub_id.value == "otra/cosa"


def test_offline_sizes_come_from_the_engine(picker):
    assert [value for _, value in picker._offline_size.options] == list(models.OFFLINE_SIZES)
    assert t("models.offline.description") in picker._tabs.children[TAB_OFFLINE].children[0].value


# ---------------------------------------------------------------- loading


def test_offline_load_with_texts_fires_on_model_loaded_with_a_bundle(picker):
    loaded, observed = [], []
    picker.on_model_loaded(loaded.append)
    picker.observe(lambda change: observed.append(change["new"]), names="bundle")

    picker._load_button.click()

    bundle = picker.bundle
    assert isinstance(bundle, models.ModelBundle)
    assert loaded == [bundle] and observed == [bundle]
    assert (bundle.source.kind, bundle.source.name, bundle.architecture) == (
        "offline",
        "mini",
        "seq2seq",
    )
    assert picker.status == "loaded" and picker._message.text == ""
    assert picker.spanish_warning == [] and picker._warnings.text == ""
    assert bundle.label() in html.unescape(picker._status_line.value)
    # The vocabulary was learned from the given texts: their words are whole pieces.
    assert bundle.tokenizer.unk_token_id not in bundle.tokenizer("biblioteca ajedrez").input_ids


def test_offline_texts_come_from_the_dataset_train_split(monkeypatch):
    prepared = data.pairs_from_lists(TEXTS, SUMMARIES)
    calls = []

    def fake_load_model(choice, *, texts=None, seed=0, **kwargs):
        calls.append((choice, list(texts), seed))
        return models.build_offline_model(TEXTS, "causal", "mini")

    monkeypatch.setattr(models, "load_model", fake_load_model)
    widget = ModelPicker(choice="offline-gpt2-mini", dataset=prepared, synchronous=True, seed=3)
    train = prepared.splits["train"]
    assert widget.training_texts() == list(train["text"]) + list(train["summary"])
    assert str(len(widget.training_texts())) in widget._offline_hint.value

    widget.load()

    assert calls == [("offline-gpt2-mini", list(train["text"]) + list(train["summary"]), 3)]
    widget.texts = ["solo este texto"]  # explicit texts win over the dataset
    assert widget.training_texts() == ["solo este texto"]


def test_offline_model_without_texts_is_explained(monkeypatch):
    widget = ModelPicker(choice="offline-t5-mini", synchronous=True)
    assert t("picker.offline.no_texts") in html.unescape(widget._offline_hint.value)

    widget._load_button.click()

    assert widget.bundle is None and widget.status == "error"
    assert t("models.needs_texts") in widget._message.text
    assert t("models.needs_texts.suggestion") in widget._message.text


def test_hub_id_offline_shows_no_connection_then_the_fallback_loads_the_offline_model(
    picker, monkeypatch
):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    loaded = []
    picker.on_model_loaded(loaded.append)
    picker.choice = "nadie/modelo-resumidor-inexistente"
    assert picker._fallback_button.layout.display == "none"

    picker._load_button.click()

    assert picker.status == "error" and picker.bundle is None and loaded == []
    assert (
        t("models.no_connection", name="nadie/modelo-resumidor-inexistente") in picker._message.text
    )
    assert picker._fallback_button.layout.display is None  # offered
    assert picker._fallback_button.description == "Usar el modelo sin conexión"

    picker._fallback_button.click()

    assert picker.choice == "offline-t5-mini" and picker._tabs.selected_index == TAB_OFFLINE
    assert loaded == [picker.bundle] and picker.bundle.source.kind == "offline"
    assert picker._message.text == "" and picker._fallback_button.layout.display == "none"


def test_local_folder_load_of_a_saved_mini_model(picker, saved_mini_model):
    loaded = []
    picker.on_model_loaded(loaded.append)
    picker._tabs.selected_index = TAB_LOCAL
    picker._local_path.value = str(saved_mini_model)
    assert picker.choice == str(saved_mini_model)

    picker._load_button.click()

    assert picker.status == "loaded", picker._message.text
    bundle = picker.bundle
    assert loaded == [bundle]
    assert (bundle.source.kind, bundle.architecture) == ("local", "seq2seq")
    assert bundle.source.name == str(saved_mini_model.resolve())


def test_local_folder_chosen_with_the_folder_browser(picker, saved_mini_model):
    picker._tabs.selected_index = TAB_LOCAL
    picker._local_chooser.reset(path=str(saved_mini_model))
    picker._local_chooser._select.click()  # opens the dialog
    picker._local_chooser._select.click()  # applies the selection and calls back

    assert picker._local_path.value == str(saved_mini_model)
    assert picker.choice == str(saved_mini_model)


def test_a_folder_without_a_model_is_explained(picker, tmp_path):
    picker.choice = str(tmp_path)
    picker._load_button.click()
    assert t("models.folder_not_a_model", path=str(tmp_path.resolve())) in picker._message.text
    assert picker._fallback_button.layout.display == "none"  # not a connection problem


def test_tokenizer_without_spanish_letters_shows_a_warning(picker, monkeypatch):
    monkeypatch.setattr(models, "unknown_spanish_letters", lambda tokenizer: ["ñ", "¿"])
    picker._load_button.click()

    assert picker.bundle is not None and picker.spanish_warning == ["ñ", "¿"]
    assert t("models.no_spanish", letters="ñ ¿") in picker._warnings.text


def test_empty_hub_choice_is_explained(picker):
    picker._tabs.selected_index = TAB_HUB
    picker._hub_id.value = ""
    picker._load_button.click()
    assert t("picker.empty_choice") in picker._message.text


# ---------------------------------------------------------------- background work


def wait_for(condition, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.02)


def test_background_load_and_cancel(monkeypatch):
    release = threading.Event()
    built = models.build_offline_model(TEXTS, "seq2seq", "mini")

    def slow_load(choice, **kwargs):
        release.wait(10)
        return built

    monkeypatch.setattr(models, "load_model", slow_load)
    widget = ModelPicker(choice="offline-t5-mini", texts=TEXTS)
    threads = []
    widget.on_model_loaded(lambda bundle: threads.append(threading.current_thread()))

    widget._load_button.click()
    assert widget.status == "loading" and widget._load_button.disabled
    widget._cancel_button.click()
    first = widget._work
    release.set()
    first.join(10)
    assert widget.bundle is None and widget.status == "idle" and threads == []

    widget._load_button.click()  # not blocked any more
    wait_for(lambda: widget.status == "loaded")
    assert widget.bundle is built and threads and threads[0] is not threading.main_thread()


# ---------------------------------------------------------------- language and catalog


def test_english_labels_when_the_language_is_english():
    set_language("en")
    try:
        widget = ModelPicker()
        assert widget._load_button.description == "Load model"
        assert widget._fallback_button.description == "Use the offline model"
    finally:
        set_language("es")


def test_every_picker_message_has_spanish_and_english():
    keys = [key for key in catalog() if key.startswith("picker.")]
    assert len(keys) > 25
    for key in keys:
        assert catalog()[key].get("es") and catalog()[key].get("en"), key


# ------------------------------------------------------ hub models: download, cache, recommendation

HUB_MODEL = "flax-community/spanish-t5-small"


@pytest.fixture
def served_replica(local_hub, tmp_path):
    """The catalog's smallest Spanish model, as a tiny replica served by the local hub."""
    from widgets_llm.testing.replicas import build_replica

    local_hub.add_model(HUB_MODEL, build_replica(HUB_MODEL, tmp_path / "replica"))
    return local_hub


def _weight_gets(hub):
    return [r for r in hub.file_gets(HUB_MODEL) if r.path.endswith((".bin", ".safetensors"))]


def test_a_hub_model_downloads_with_progress_then_loads_from_this_computer(served_replica):
    hub = served_replica
    picker = ModelPicker(HUB_MODEL, synchronous=True)
    assert t("picker.available.download") in picker._availability.value
    seen = []
    picker.observe(lambda change: seen.append(change["new"]), names="download")
    picker.load()

    assert picker.status == "loaded" and picker.bundle is not None
    progress = [p for p in seen if p is not None]
    assert progress, "no download progress was shown"
    done = [p.done_bytes for p in progress]
    assert done == sorted(done) and progress[-1].percent == pytest.approx(100)
    assert progress[-1].total_bytes == sum(
        size for _, size in download.files_to_download(HUB_MODEL)
    )
    assert "Descargando" in progress[0].describe("es") or "descargado" in progress[0].describe("es")
    assert (
        picker.download is None and picker._progress_row.layout.display == "none"
    )  # hidden once loaded
    assert t("picker.available.cached") in picker._availability.value
    assert (
        html.escape(t(models.catalog_entry(HUB_MODEL).note)) in picker._status_line.value
    )  # its card
    assert len(_weight_gets(hub)) == 1

    # The second time: nothing is downloaded, and the picker said so before loading.
    hub.clear_log()
    again = ModelPicker(HUB_MODEL, synchronous=True)
    assert t("picker.available.cached") in again._availability.value
    again.load()
    assert again.status == "loaded" and _weight_gets(hub) == []


def test_cancel_stops_the_download_and_a_new_load_resumes_it(served_replica):
    hub = served_replica
    hub.throttle_bytes_s = 400_000
    picker = ModelPicker(HUB_MODEL)
    picker.load()
    weights = [
        size
        for path, size in download.files_to_download(HUB_MODEL)
        if path.endswith((".bin", ".safetensors"))
    ]
    before_weights = sum(size for _, size in download.files_to_download(HUB_MODEL)) - sum(weights)

    def in_the_weights() -> bool:  # the weights come last: stop once part of them is here
        progress = picker.download
        return progress is not None and progress.done_bytes > before_weights + 30_000

    deadline = time.monotonic() + 60
    while not in_the_weights() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert picker.download is not None and picker._progress_row.layout.display is None
    assert 0 < picker.download.percent < 100
    picker.cancel()
    assert picker.status == "idle" and picker._progress_row.layout.display == "none"
    picker._work.join(30)  # the download stops at its next chunk instead of running on
    assert hub.wait_idle()
    assert not download.is_downloaded(HUB_MODEL)

    hub.throttle_bytes_s = None
    hub.clear_log()
    picker.synchronous = True
    picker.load()
    assert picker.status == "loaded"
    (resumed,) = _weight_gets(hub)
    assert resumed.range and not resumed.range.startswith("bytes=0-")


def test_recommendation_follows_the_machine_and_the_connection(served_replica, monkeypatch):
    picker = ModelPicker(synchronous=True, texts=TEXTS)
    advice = picker.recommendation
    assert advice is not None and advice.choice == HUB_MODEL  # a CPU, connection not ruled out
    assert picker._recommendation_box.layout.display is None
    assert HUB_MODEL in picker._recommendation_text.value
    from widgets_llm.engine.catalog_cost import measured_cost

    cost = measured_cost(HUB_MODEL)
    assert cost is not None
    text = html.unescape(picker._recommendation_text.value)
    assert (
        format_seconds(cost.step_seconds(False)) in text
        and format_gigabytes(cost.peak_gb(False)) in text
    )
    picker._use_recommendation_button.click()
    assert picker.choice == HUB_MODEL and picker._tabs.selected_index == TAB_CATALOG

    # The hub stops answering: the load says so, offers the offline model and recommends it.
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")
    picker.choice = "nadie/modelo-que-no-esta"
    picker.load()
    assert picker.status == "error"
    assert picker._fallback_button.layout.display is None
    assert picker.recommendation.choice.startswith("offline")
    picker._use_recommendation_button.click()
    assert picker._tabs.selected_index == TAB_OFFLINE


def test_offline_mode_recommends_the_offline_model_at_once(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    picker = ModelPicker(synchronous=True, texts=TEXTS)
    assert picker.recommendation.choice.startswith("offline")
    assert t("recommend.reason.offline") in html.unescape(picker._recommendation_text.value)
