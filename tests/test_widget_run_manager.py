"""RunManager: save, list, load, export and import runs through the engine; names, overwrite,
damage."""

from __future__ import annotations

import base64
import html
import json
import re
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import datasets
import ipywidgets as widgets
import pytest
from conftest import find

from widgets_llm import set_language
from widgets_llm.engine import runs
from widgets_llm.engine.config import TrainingConfig
from widgets_llm.engine.generation import generate_summaries
from widgets_llm.engine.models import ModelBundle, build_offline_model
from widgets_llm.engine.training import TrainingRun, apply_lora
from widgets_llm.errors import RunError
from widgets_llm.messages import t
from widgets_llm.widgets._common import IPYWIDGETS_MAJOR
from widgets_llm.widgets.run_manager import (
    RunManager,
    default_run_name,
    details_html,
    download_html,
    is_valid_run_name,
)

TEXTS = [
    f"La biblioteca del barrio {i} abrió una sala de lectura para niños con cuentos, talleres de "
    f"pintura y ajedrez por la tarde."
    for i in range(24)
]
SUMMARIES = [f"La biblioteca {i} abrió una sala infantil." for i in range(24)]


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """A mini offline model trained a few steps with TrainingRun: (bundle, config, result)."""
    bundle = build_offline_model(TEXTS + SUMMARIES, "seq2seq", "mini")
    splits = datasets.DatasetDict(
        train=datasets.Dataset.from_dict({"text": TEXTS[:20], "summary": SUMMARIES[:20]}),
        validation=datasets.Dataset.from_dict({"text": TEXTS[20:], "summary": SUMMARIES[20:]}),
    )
    config = TrainingConfig(max_steps=4, batch_size=8, learning_rate=3e-3, log_every_steps=2)
    result = TrainingRun(bundle, splits, config, tmp_path_factory.mktemp("salida")).run()
    assert result.status == "finished"
    return bundle, config, result


@pytest.fixture
def manager(trained, tmp_path):
    bundle, config, result = trained
    data_info = {"source": "prueba.csv", "sizes": {"train": 20, "validation": 4, "test": 0}}
    metrics = {
        "rouge1": 0.4,
        "rouge2": 0.2,
        "rougeL": 0.35,
        "rougeLsum": 0.35,
        "perplexity": 12.3,
        "lead_baseline": {"rouge1": 0.3, "rouge2": 0.1, "rougeL": 0.25, "rougeLsum": 0.25},
    }
    return RunManager(
        str(tmp_path / "runs"),
        bundle=bundle,
        config=config,
        result=result,
        metrics=metrics,
        data_info=data_info,
        synchronous=True,
    )


def button(manager: RunManager, key: str) -> widgets.Button:
    """The manager's button labelled ``t(key)``, found as a person finds it."""
    return find(manager, widgets.Button, t(key))


def name_box(manager: RunManager) -> widgets.Text:
    return find(manager, widgets.Text, t("runmanager.name.label"))


def runs_menu(manager: RunManager) -> widgets.Dropdown:
    return find(manager, widgets.Dropdown, t("runmanager.list.label"))


def checkbox(manager: RunManager, key: str) -> widgets.Checkbox:
    return find(manager, widgets.Checkbox, t(key))


def save_as(manager: RunManager, name: str) -> None:
    name_box(manager).value = name
    button(manager, "runmanager.save").click()


def upload(manager: RunManager, name: str, content: bytes, shape: int) -> None:
    """Feed the upload a value shaped as ipywidgets ``shape`` (7 or 8) gives it."""
    if shape == 8:
        value = (
            {
                "name": name,
                "type": "application/zip",
                "size": len(content),
                "content": memoryview(content),
                "last_modified": datetime.now(timezone.utc),
            },
        )
    else:
        value = {
            name: {
                "metadata": {"name": name, "type": "application/zip", "size": len(content)},
                "content": content,
            }
        }
    upload_button = find(manager, widgets.FileUpload, t("runmanager.import"))
    if shape == IPYWIDGETS_MAJOR:
        upload_button.set_trait("value", value)  # the real path: the widget's own observer
    else:
        manager._on_upload_value({"name": "value", "new": value, "owner": upload_button})


# ---------------------------------------------------------------- saving and listing (real engine)


def test_save_writes_a_run_that_appears_in_the_list(manager, tmp_path):
    saved = []
    manager.on_run_saved(saved.append)
    save_as(manager, "mi_prueba-1")

    folder = tmp_path / "runs" / "mi_prueba-1"
    assert (folder / "run.json").is_file() and (folder / "model" / "config.json").is_file()
    assert saved == [folder] and manager.status == "saved"
    assert manager._message.text == ""
    # The confirmation is right under the «Guardar» button, not at the bottom of the form.
    assert manager._save_box.children[-1] is manager._feedback
    assert t("runmanager.status.saved", path="")[:10] in manager._status_line.value
    info = json.loads((folder / "run.json").read_text(encoding="utf-8"))
    assert info["data"]["source"] == "prueba.csv" and info["training"]["steps"] == 4
    assert json.loads((folder / "metrics.json").read_text(encoding="utf-8"))["rougeL"] == 0.35

    assert [summary.name for summary in manager.runs] == ["mi_prueba-1"]
    assert runs_menu(manager).value == str(folder)
    label = runs_menu(manager).options[0][0]
    assert label.startswith("mi_prueba-1 (") and datetime.now().strftime("%Y-%m-%d") in label
    details = html.unescape(manager._details.value)
    assert datetime.now().strftime("%Y-%m-%d") in details
    assert "modelo sin conexión «mini»" in details
    assert (
        "ROUGE-L 35,0\u00a0%" in details and "perplejidad 12,30" in details
    )  # decimal commas in Spanish
    assert "ROUGE-L de copiar la primera oración 25,0\u00a0%" in details
    assert (
        not button(manager, "runmanager.load").disabled
        and not button(manager, "runmanager.export").disabled
    )


def test_load_fires_on_run_loaded_with_the_same_model(manager, trained):
    bundle = trained[0]
    save_as(manager, "para_cargar")
    loaded = []
    manager.on_run_loaded(loaded.append)
    button(manager, "runmanager.load").click()

    assert len(loaded) == 1 and isinstance(loaded[0], runs.SavedRun)
    assert manager.loaded is loaded[0] and manager.status == "loaded"
    assert loaded[0].path.name == "para_cargar"
    assert generate_summaries(loaded[0].bundle, TEXTS[20:23]) == generate_summaries(
        bundle, TEXTS[20:23]
    )
    assert t("runmanager.status.loaded", name="para_cargar") in html.unescape(
        manager._status_line.value
    )


def test_load_in_the_background(manager):
    save_as(manager, "en_segundo_plano")
    manager.synchronous = False
    loaded = []
    manager.on_run_loaded(loaded.append)
    manager.load()
    manager.join(60)
    assert [saved.path.name for saved in loaded] == ["en_segundo_plano"]
    assert manager.status == "loaded" and not button(manager, "runmanager.load").disabled
    assert button(manager, "widgets.cancel").layout.display == "none"


def test_default_name_comes_from_the_date_and_names_are_checked():
    assert re.fullmatch(r"entrenamiento-\d{8}-\d{6}", default_run_name())
    assert default_run_name(datetime(2026, 3, 4, 5, 6, 7)) == "entrenamiento-20260304-050607"
    for good in ("resumenes", "año_2-b", "A1"):
        assert is_valid_run_name(good)
    for bad in ("", "con espacio", "../fuera", "a/b", "punto.zip", ".oculto", "x" * 81):
        assert not is_valid_run_name(bad)


def test_invalid_or_empty_name_shows_a_message_and_saves_nothing(manager, tmp_path):
    saved = []
    manager.on_run_saved(saved.append)
    save_as(manager, "mi entrenamiento/../x")
    assert t("runmanager.invalid_name", name="mi entrenamiento/../x") in manager._message.text
    assert t("runmanager.invalid_name.suggestion") in manager._message.text
    save_as(manager, "   ")
    assert t("runmanager.empty_name") in manager._message.text
    assert saved == [] and not (tmp_path / "runs").exists()


def test_missing_model_or_config_is_explained(trained, tmp_path):
    manager = RunManager(str(tmp_path / "runs"), synchronous=True)
    button(manager, "runmanager.save").click()
    assert t("runmanager.no_model") in manager._message.text
    manager.bundle = trained[0]
    button(manager, "runmanager.save").click()
    assert t("runmanager.no_config") in manager._message.text
    assert not (tmp_path / "runs").exists()


def test_saving_an_existing_name_asks_before_replacing(manager, tmp_path):
    saved = []
    manager.on_run_saved(saved.append)
    save_as(manager, "repetido")
    info_file = tmp_path / "runs" / "repetido" / "run.json"
    first = info_file.read_text(encoding="utf-8")
    assert checkbox(manager, "runmanager.replace").layout.display == "none"

    manager.metrics = {"rougeL": 0.5, "rouge1": 0.5, "rouge2": 0.5, "rougeLsum": 0.5}
    button(manager, "runmanager.save").click()  # same name: nothing is written, a question is asked
    assert len(saved) == 1 and info_file.read_text(encoding="utf-8") == first
    assert t("runmanager.exists", name="repetido") in manager._message.text
    assert (
        checkbox(manager, "runmanager.replace").layout.display is None
        and checkbox(manager, "runmanager.replace").value is False
    )
    button(
        manager, "runmanager.save"
    ).click()  # a second click without ticking still does not replace
    assert len(saved) == 1

    checkbox(manager, "runmanager.replace").value = True
    button(manager, "runmanager.save").click()
    assert len(saved) == 2 and manager.status == "saved"
    assert (
        json.loads((info_file.parent / "metrics.json").read_text(encoding="utf-8"))["rougeL"] == 0.5
    )
    assert (
        checkbox(manager, "runmanager.replace").value is False
        and checkbox(manager, "runmanager.replace").layout.display == "none"
    )
    assert [summary.name for summary in manager.runs] == ["repetido"]

    # Ticking is for one name only: changing the name clears it.
    checkbox(manager, "runmanager.replace").value = True
    name_box(manager).value = "otro"
    assert checkbox(manager, "runmanager.replace").value is False


# ---------------------------------------------------------------- damaged runs, errors


def test_damaged_run_is_listed_with_its_problem(manager, tmp_path):
    save_as(manager, "sano")
    broken = tmp_path / "runs" / "roto"
    broken.mkdir()
    (broken / "run.json").write_text("{esto no es json", encoding="utf-8")
    button(manager, "runmanager.refresh").click()

    names = {summary.name: summary for summary in manager.runs}
    assert set(names) == {"sano", "roto"} and names["roto"].problem
    labels = dict((value, label) for label, value in runs_menu(manager).options)
    assert labels[str(broken)] == "roto (dañado)"

    runs_menu(manager).value = str(broken)
    assert html.escape(names["roto"].problem) in manager._details.value
    assert t("runmanager.details.problem") in manager._details.value
    assert (
        button(manager, "runmanager.load").disabled
        and button(manager, "runmanager.export").disabled
    )
    manager.load()
    assert t("runmanager.damaged", problem=names["roto"].problem) in manager._message.text
    assert manager.loaded is None

    runs_menu(manager).value = str(tmp_path / "runs" / "sano")
    assert not button(manager, "runmanager.load").disabled


def test_engine_errors_are_shown_and_the_component_stays_usable(manager, monkeypatch, tmp_path):
    def failing_save(*args, **kwargs):
        raise RunError("runs.folder_in_use", path="/algún/sitio")

    original = runs.save_run
    monkeypatch.setattr(runs, "save_run", failing_save)
    save_as(manager, "falla")
    assert manager.status == "error"
    assert RunError("runs.folder_in_use", path="/algún/sitio").message() in manager._message.text
    assert not button(manager, "runmanager.save").disabled

    monkeypatch.setattr(runs, "save_run", original)
    save_as(manager, "funciona")
    assert manager.status == "saved" and manager._message.text == ""


def test_lora_bundles_offer_merging(trained, tmp_path, monkeypatch):
    bundle, config, result = trained
    manager = RunManager(str(tmp_path / "runs"), bundle=bundle, config=config, synchronous=True)
    assert manager._merge_box.layout.display == "none"

    lora = ModelBundle(
        build_offline_model(TEXTS, "seq2seq", "mini").model,
        bundle.tokenizer,
        "seq2seq",
        bundle.source,
    )
    apply_lora(lora, config.updated(use_lora=True))
    calls = []
    monkeypatch.setattr(
        runs, "save_run", lambda path, bundle, **kwargs: calls.append(kwargs) or Path(path)
    )
    manager.bundle = lora
    assert manager._merge_box.layout.display is None
    checkbox(manager, "runmanager.merge_lora").value = True
    save_as(manager, "con_lora")
    assert calls[-1]["merge_lora"] is True and calls[-1]["config"] is config

    manager.bundle = bundle
    assert (
        manager._merge_box.layout.display == "none"
        and checkbox(manager, "runmanager.merge_lora").value is False
    )


# ---------------------------------------------------------------- zip files


def test_export_creates_a_zip_and_a_download_link(manager, tmp_path):
    save_as(manager, "para_llevar")
    button(manager, "runmanager.export").click()

    zip_path = tmp_path / "runs" / "para_llevar.zip"
    assert manager.status == "exported" and manager.last_zip == zip_path.resolve()
    # What the export said moved under the zip part, where the person clicked.
    assert manager._zip_box.children[-1] is manager._feedback
    assert manager._feedback not in manager._save_box.children
    with zipfile.ZipFile(zip_path) as archive:
        assert "para_llevar/run.json" in archive.namelist()
    link = manager._download.value
    assert "<a download='para_llevar.zip'" in link and "href='data:application/zip;base64," in link
    encoded = link.split("base64,")[1].split("'")[0]
    assert base64.b64decode(encoded) == zip_path.read_bytes()
    assert html.escape(str(zip_path.resolve())) in link

    # Too big for a link: the place on the server instead.
    big = download_html(zip_path, limit_bytes=10)
    assert "base64" not in big and html.escape(str(zip_path.resolve())) in big
    assert "demasiado" in big


@pytest.mark.parametrize("shape", [8, 7])
def test_import_an_uploaded_zip(manager, tmp_path, shape):
    save_as(manager, "viajero")
    zip_path = runs.export_run_zip(
        tmp_path / "runs" / "viajero", tmp_path / "fuera" / "viajero.zip"
    )
    content = zip_path.read_bytes()

    other = RunManager(str(tmp_path / "otro_ordenador"), synchronous=True)
    upload(other, "viajero.zip", content, shape)

    imported = tmp_path / "otro_ordenador" / "viajero"
    assert other.status == "imported" and other._message.text == ""
    assert (imported / "run.json").is_file()
    assert [summary.name for summary in other.runs] == ["viajero"]
    assert runs_menu(other).value == str(imported)
    assert sorted(p.name for p in (tmp_path / "otro_ordenador").iterdir()) == [
        "viajero"
    ]  # no upload left behind

    # Importing it again never overwrites: the engine's refusal is shown.
    upload(other, "viajero.zip", content, shape)
    assert other.status == "error"
    assert RunError("runs.import_exists", path=str(imported)).message() in other._message.text


def test_import_refuses_files_that_are_not_zips(tmp_path):
    manager = RunManager(str(tmp_path / "runs"), synchronous=True)
    upload(manager, "notas.txt", b"hola", IPYWIDGETS_MAJOR)
    assert t("runmanager.not_a_zip_name", file="notas.txt") in manager._message.text
    upload(manager, "falso.zip", b"esto no es un zip", IPYWIDGETS_MAJOR)
    assert RunError("runs.not_a_zip", path="falso.zip").message() in manager._message.text
    assert manager.runs == [] and manager.status == "error"


# ---------------------------------------------------------------- folder, details, language


def test_changing_the_folder_refreshes_the_list(manager, tmp_path):
    save_as(manager, "primero")
    assert len(manager.runs) == 1
    manager.runs_dir = str(tmp_path / "vacia")
    assert manager.runs == [] and runs_menu(manager).value is None
    assert t("runmanager.list.empty") in manager._details.value
    assert (
        button(manager, "runmanager.load").disabled
        and button(manager, "runmanager.export").disabled
    )
    manager.runs_dir = str(tmp_path / "runs")
    assert [summary.name for summary in manager.runs] == ["primero"]


def test_details_of_a_run_without_metrics(tmp_path):
    summary = runs.RunSummary(
        path=tmp_path / "x",
        name="x",
        created="2026-01-02T03:04:05+00:00",
        base_model={"kind": "hub", "name": "alguien/modelo"},
        architecture="seq2seq",
        model_format="lora",
    )
    text = html.unescape(details_html(summary))
    assert "2026-01-02 03:04" in text and "alguien/modelo" in text
    assert t("runmanager.details.no_metrics") in text and t("runmanager.format.lora") in text


def test_english_labels(tmp_path):
    set_language("en")
    try:
        manager = RunManager(str(tmp_path / "runs"))
        assert find(manager, widgets.Button, "Save").description == "Save"
        assert find(manager, widgets.Text, "Name").value.startswith("run-")
        assert find(manager, widgets.Button, "Refresh list").description == "Refresh list"
    finally:
        set_language("es")
