"""The learner's own data in the course (course/own_data.py) and notebook 3's training helpers
(course/training.py): chosen in one notebook, found again in the next, never modified."""

from __future__ import annotations

import importlib
import json
import sys
import types
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from widgets_llm import course
from widgets_llm.course import own_data
from widgets_llm.course import training as course_training
from widgets_llm.engine.data import (
    MIN_PAIRS,
    RECOMMENDED_TEST_PAIRS,
    RECOMMENDED_TRAIN_PAIRS,
    detect_columns,
    load_pairs,
    pairs_from_lists,
)
from widgets_llm.messages import t

PLACES = ["Ponce", "Cuenca", "Rosario", "Oaxaca", "Caldas", "Valparaíso", "Montevideo", "Cusco"]


def _pairs(count: int) -> list[tuple[str, str]]:
    pairs = []
    for i in range(count):
        place = PLACES[i % len(PLACES)]
        text = (
            f"La biblioteca número {i} de {place} abrirá una sala nueva para niños con libros, "
            f"juegos y talleres de lectura todos los sábados del año, según anunció su directora."
        )
        pairs.append((text, f"{place} abre la sala infantil número {i}."))
    return pairs


def _write_csv(path: Path, count: int = 20) -> bytes:
    lines = ["texto,resumen"] + [f'"{text}","{summary}"' for text, summary in _pairs(count)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path.read_bytes()


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A fresh notebook folder and a fresh kernel (nothing of an earlier test in memory)."""
    monkeypatch.chdir(tmp_path)
    _new_kernel()
    yield tmp_path
    _new_kernel()


def _new_kernel():
    """What a new notebook's kernel has: the module's in-memory state from scratch."""
    importlib.reload(own_data)


def _state(folder: Path) -> dict:
    return json.loads((folder / own_data.STATE_FILE).read_text(encoding="utf-8"))


# ---------------------------------------------------------------- choosing a file


def test_a_csv_is_read_remembered_and_never_modified(folder):
    original = _write_csv(folder / "mis_pares.csv")
    message = own_data.use_own_data("mis_pares.csv")
    assert "mis_pares.csv" in message and "«texto»" in message and "«resumen»" in message
    assert t("course.own_data.remembered", file=own_data.STATE_FILE) in message
    data = own_data.course_data()
    assert sum(data.sizes.values()) == 20
    assert data.text_column == "texto" and data.summary_column == "resumen"
    assert own_data.using_own_data()
    state = _state(folder)
    assert state["source"] == str((folder / "mis_pares.csv").resolve())
    assert state["name"] == "mis_pares.csv"
    # Where the file is, never a copy of the learner's texts.
    stored = json.dumps(state, ensure_ascii=False)
    assert not any(text in stored or summary in stored for text, summary in _pairs(20))
    assert (folder / "mis_pares.csv").read_bytes() == original


def test_the_choice_survives_a_new_kernel(folder):
    _write_csv(folder / "mis_pares.csv", count=16)
    own_data.use_own_data(folder / "mis_pares.csv")
    own_data.remember_lengths(200, 40)
    _new_kernel()  # notebook 3: another kernel, the same folder
    assert own_data.using_own_data()
    assert sum(own_data.course_data().sizes.values()) == 16
    assert own_data.course_lengths() == (200, 40)
    described = own_data.describe_course_data()
    assert t("course.own_data.using_own", name="mis_pares.csv") in described
    assert "200" in described and "40" in described


def test_the_same_columns_and_options_are_used_again(folder):
    frame_lines = ["id,cuerpo,titular"] + [
        f'{i},"{text}","{summary}"' for i, (text, summary) in enumerate(_pairs(12))
    ]
    (folder / "notas.csv").write_text("\n".join(frame_lines) + "\n", encoding="utf-8")
    from widgets_llm.engine.data import SplitOptions

    prepared = load_pairs(
        folder / "notas.csv",
        text_column="cuerpo",
        summary_column="titular",
        split=SplitOptions(seed=7),
    )
    own_data.use_own_data(prepared)
    assert _state(folder)["split"]["seed"] == 7
    _new_kernel()
    again = own_data.course_data()
    assert (again.text_column, again.summary_column) == ("cuerpo", "titular")
    assert again.split_options.seed == 7
    assert again.splits["test"]["text"] == prepared.splits["test"]["text"]


def test_a_missing_file_is_explained_and_the_example_stays(folder):
    message = own_data.use_own_data("no_existe.csv")
    assert message.startswith(t("course.own_data.missing", path="no_existe.csv", folder=folder))
    assert t("course.own_data.still_example", name=course.EXAMPLE) in message
    assert not (folder / own_data.STATE_FILE).exists()
    assert not own_data.using_own_data()
    assert own_data.course_data().table.source_name == course.EXAMPLE


def test_a_missing_file_keeps_the_earlier_choice(folder):
    _write_csv(folder / "mis_pares.csv")
    own_data.use_own_data("mis_pares.csv")
    message = own_data.use_own_data("mal_escrito.csv")
    assert t("course.own_data.still_own", name="mis_pares.csv") in message
    assert own_data.using_own_data()


def test_a_moved_file_falls_back_to_the_example_with_a_message(folder, capsys):
    _write_csv(folder / "mis_pares.csv")
    own_data.use_own_data("mis_pares.csv")
    (folder / "mis_pares.csv").unlink()
    _new_kernel()
    assert not own_data.using_own_data()
    data = own_data.course_data()
    assert data.table.source_name == course.EXAMPLE
    printed = capsys.readouterr().out
    assert "mis_pares.csv" in printed
    assert t("course.own_data.still_example", name=course.EXAMPLE) in printed
    assert "Traceback" not in printed
    described = own_data.describe_course_data()
    assert t("course.own_data.using_example", name=course.EXAMPLE) in described


def test_a_file_moved_along_with_the_notebooks_is_found_by_name(folder, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("antes")
    _write_csv(elsewhere / "mis_pares.csv", count=14)
    own_data.use_own_data(elsewhere / "mis_pares.csv")
    (elsewhere / "mis_pares.csv").rename(folder / "mis_pares.csv")
    _new_kernel()
    assert own_data.using_own_data()
    assert sum(own_data.course_data().sizes.values()) == 14


def test_an_unreadable_file_is_explained_and_nothing_changes(folder):
    (folder / "una_columna.csv").write_text("texto\nuno\ndos\ntres\n", encoding="utf-8")
    message = own_data.use_own_data("una_columna.csv")
    assert message.startswith(t("course.own_data.unreadable", name="una_columna.csv", problem=""))
    assert "Traceback" not in message
    assert not (folder / own_data.STATE_FILE).exists()
    assert not own_data.using_own_data()


def test_a_wrong_value_and_none_are_explained(folder):
    wrong = own_data.use_own_data(42)
    assert wrong == t("course.own_data.not_a_file", kind="int")
    nothing = own_data.use_own_data(None)  # the uploader before «Preparar datos»
    assert nothing.startswith(t("course.own_data.nothing_prepared"))
    assert not (folder / own_data.STATE_FILE).exists()


def test_a_broken_state_file_means_the_example(folder):
    (folder / own_data.STATE_FILE).write_text("{ esto no es JSON", encoding="utf-8")
    assert not own_data.using_own_data()
    assert own_data.course_lengths() is None
    assert own_data.course_data().table.source_name == course.EXAMPLE


def test_back_to_the_example(folder):
    _write_csv(folder / "mis_pares.csv")
    own_data.use_own_data("mis_pares.csv")
    own_data.remember_lengths(180, 30)
    message = own_data.use_example_data()
    assert t("course.own_data.example", name=course.EXAMPLE) in message
    assert t("course.own_data.lengths_forgotten") in message  # measured on other data
    assert not own_data.using_own_data()
    assert own_data.course_lengths() is None
    assert _state(folder)["source"] is None
    # The example given as prepared data is the same as asking for the example.
    own_data.use_own_data("mis_pares.csv")
    own_data.use_own_data(load_pairs(course.EXAMPLE))
    assert not own_data.using_own_data()


# ---------------------------------------------------------------- data without a file


def test_uploaded_data_is_used_here_but_not_found_by_the_next_notebook(folder, capsys):
    texts, summaries = zip(*_pairs(10))
    uploaded = pairs_from_lists(texts, summaries, source_name="subido.csv")
    message = own_data.use_own_data(uploaded)
    assert t("course.own_data.upload_not_kept") in message
    assert own_data.using_own_data()
    assert own_data.course_data() is uploaded
    _new_kernel()
    assert not own_data.using_own_data()
    assert own_data.course_data().table.source_name == course.EXAMPLE
    assert t("course.own_data.upload_gone", name="subido.csv") in capsys.readouterr().out


def test_upload_in_colab(folder, monkeypatch):
    assert own_data.upload_in_colab() == t("course.own_data.not_colab")
    content = _write_csv(folder / "elegido.csv")
    (folder / "elegido.csv").unlink()  # Colab's upload writes it (the fake below does too)
    calls = []

    def upload():
        calls.append("upload")
        (folder / "elegido.csv").write_bytes(content)
        return {"elegido.csv": content}

    colab = types.ModuleType("google.colab")
    colab.files = SimpleNamespace(upload=upload)
    google = types.ModuleType("google")
    google.colab = colab
    monkeypatch.setitem(sys.modules, "google", google)
    monkeypatch.setitem(sys.modules, "google.colab", colab)
    message = own_data.upload_in_colab()
    assert calls == ["upload"]
    assert "elegido.csv" in message and own_data.using_own_data()
    assert (folder / "elegido.csv").read_bytes() == content
    colab.files = SimpleNamespace(upload=lambda: {})
    assert own_data.upload_in_colab() == t("course.own_data.nothing_uploaded")


# ---------------------------------------------------------------- lengths


def test_lengths_are_remembered_for_the_next_notebook(folder):
    assert own_data.course_lengths() is None
    message = own_data.remember_lengths(np.int64(187), 41.0)  # as length_stats may give them
    assert "187" in message and "41" in message
    assert own_data.course_lengths() == (187, 41)
    assert _state(folder)["max_input_length"] == 187
    _new_kernel()
    assert own_data.course_lengths() == (187, 41)


@pytest.mark.parametrize("wrong", ["256", 0, -3, 12.5, True, None])
def test_wrong_lengths_are_refused_with_a_message(folder, wrong):
    own_data.remember_lengths(100, 20)
    message = own_data.remember_lengths(wrong, 20)
    assert message == t("course.own_data.bad_lengths", input=wrong, target=20)
    assert own_data.course_lengths() == (100, 20)


def test_new_data_forgets_lengths_measured_on_other_data(folder):
    _write_csv(folder / "a.csv")
    _write_csv(folder / "b.csv")
    own_data.use_own_data("a.csv")
    own_data.remember_lengths(150, 30)
    again = own_data.use_own_data("a.csv")  # the same file: its lengths still hold
    assert t("course.own_data.lengths_forgotten") not in again
    assert own_data.course_lengths() == (150, 30)
    other = own_data.use_own_data("b.csv")
    assert t("course.own_data.lengths_forgotten") in other
    assert own_data.course_lengths() is None


def test_training_settings_use_the_remembered_lengths(folder, capsys):
    config = course_training.training_settings("fast", max_steps=5)
    assert (config.max_input_length, config.max_target_length) == (128, 48)  # the profile's
    assert t("config.preset.fast") in capsys.readouterr().out
    own_data.remember_lengths(190, 36)
    config = course_training.training_settings("fast", max_steps=5)
    assert (config.max_input_length, config.max_target_length) == (190, 36)
    assert config.max_steps == 5
    printed = capsys.readouterr().out
    assert "190" in printed and t("course.training.lengths.notebook2") in printed
    typed = course_training.training_settings("fast", max_input_length=64)
    assert (typed.max_input_length, typed.max_target_length) == (64, 36)
    assert t("course.training.lengths.typed") in capsys.readouterr().out


# ---------------------------------------------------------------- the expected format


def test_the_expected_format_is_what_the_engine_detects():
    table = own_data.expected_format()
    assert list(table.columns) == ["texto", "resumen"] and len(table) == 2
    choice = detect_columns(table)
    assert (choice.text, choice.summary) == ("texto", "resumen")
    described = own_data.accepted_columns()
    for number in (MIN_PAIRS, RECOMMENDED_TRAIN_PAIRS, RECOMMENDED_TEST_PAIRS):
        assert str(number) in described
    assert "resumen" in described and "summary" in described
    # The recommendation avoids the engine's warnings with the default split (80/10/10).
    assert own_data.RECOMMENDED_PAIRS * 0.8 >= RECOMMENDED_TRAIN_PAIRS
    assert own_data.RECOMMENDED_PAIRS * 0.1 >= RECOMMENDED_TEST_PAIRS


# ---------------------------------------------------------------- notebook 3's helpers


def _bundle(kind: str, name: str):
    return SimpleNamespace(source=SimpleNamespace(kind=kind, name=name))


def test_training_kind_says_from_scratch_or_fine_tuned():
    offline = course_training.training_kind(_bundle("offline", "mini"))
    assert offline == t("course.training.from_scratch", name=t("models.offline.size.mini"))
    assert course_training.from_scratch(_bundle("offline", "mini"))
    for kind in ("hub", "local"):
        tuned = course_training.training_kind(_bundle(kind, "flax-community/spanish-t5-small"))
        assert tuned == t("course.training.fine_tune", name="flax-community/spanish-t5-small")
        assert not course_training.from_scratch(_bundle(kind, "x"))


def _result(trainable: int, total: int):
    return SimpleNamespace(trainable_parameters=trainable, total_parameters=total)


def test_compare_trainable():
    text = course_training.compare_trainable(_result(400_000, 400_000), _result(8_000, 408_000))
    assert t("course.training.lora_fewer", times="50") in text
    same = course_training.compare_trainable(_result(400_000, 400_000), _result(400_000, 400_000))
    assert t("course.training.lora_not_fewer") in same
    assert course_training.compare_trainable(None, _result(1, 2)) == t("course.result.running")


def test_offer_download(tmp_path, monkeypatch):
    missing = course_training.offer_download(tmp_path / "nada.zip")
    assert missing == t("course.training.download_missing", path=str(tmp_path / "nada.zip"))
    archive = tmp_path / "curso.zip"
    archive.write_bytes(b"PK")
    monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    assert course_training.offer_download(archive) == t(
        "course.training.download_local", path=archive.resolve()
    )
    downloaded = []
    colab = types.ModuleType("google.colab")
    colab.files = SimpleNamespace(download=downloaded.append)
    monkeypatch.setitem(sys.modules, "google.colab", colab)
    google = types.ModuleType("google")
    google.colab = colab
    monkeypatch.setitem(sys.modules, "google", google)
    message = course_training.offer_download(archive)
    assert downloaded == [str(archive)]
    assert message == t("course.training.download_colab", name="curso.zip")
