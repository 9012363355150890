"""DatasetUploader: every way in, column choice, cleaning report, errors, and the user's files
untouched."""

from __future__ import annotations

import csv
import html
import io
import threading
from types import SimpleNamespace

import ipywidgets as widgets
import pytest

from conftest import find, wait_for
from widgets_llm import set_language
from widgets_llm.engine import data
from widgets_llm.messages import catalog, t
from widgets_llm.widgets.dataset_uploader import DatasetUploader, preview_html, shorten

LONG_CELL_WORD = "palabra"


def pairs_csv(
    rows: int = 20, duplicates: int = 0, html_rows: int = 0, not_shorter: int = 0
) -> bytes:
    """CSV bytes with columns id, articulo (text), resumen (summary) and comentario (a shorter
    text)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "articulo", "resumen", "comentario"])
    for i in range(rows):
        text = (
            f"En el pueblo número {i} la cosecha de café creció mucho este año gracias a las "
            f"lluvias de primavera, y los vecinos celebraron una fiesta con música y comida "
            f"típica en la plaza."
        )
        summary = f"La cosecha {i} de café creció por las lluvias."
        if i < html_rows:
            text = f"<p>{text}</p> <b>más</b>"
        if i < not_shorter:
            summary = text + " Y además mucho más texto añadido al final del resumen."
        writer.writerow([i, text, summary, f"Comentario breve sobre el pueblo {i} y su café."])
    # Exact repeats of the last (clean) pair.
    last = rows - 1
    for i in range(duplicates):
        writer.writerow(
            [
                rows + i,
                f"En el pueblo número {last} la cosecha de café creció mucho este año gracias a "
                f"las lluvias de primavera, y los vecinos celebraron una fiesta con música y "
                f"comida típica en la plaza.",
                f"La cosecha {last} de café creció por las lluvias.",
                "Comentario repetido.",
            ]
        )
    return buffer.getvalue().encode("utf-8")


def button(widget: DatasetUploader, key: str) -> widgets.Button:
    """The button a person reads as ``t(key)``."""
    return find(widget, widgets.Button, t(key))


def column(widget: DatasetUploader, key: str) -> widgets.Dropdown:
    """The column dropdown labelled ``t("uploader.columns.<key>")`` (``text`` or ``summary``)."""
    return find(widget, widgets.Dropdown, t(f"uploader.columns.{key}"))


@pytest.fixture
def uploader(tmp_path):
    return DatasetUploader(data_dir=tmp_path, synchronous=True)


def upload_v8(widget: DatasetUploader, name: str, content: bytes) -> None:
    """Feed the upload handler a value shaped as ipywidgets 8 gives it."""
    value = (
        {
            "name": name,
            "type": "text/csv",
            "size": len(content),
            "last_modified": 0,
            "content": memoryview(content),
        },
    )
    widget._on_upload_value({"name": "value", "new": value, "owner": widget._upload})


def upload_v7(widget: DatasetUploader, name: str, content: bytes) -> None:
    """Feed the upload handler a value shaped as ipywidgets 7 gives it."""
    value = {
        name: {
            "metadata": {"name": name, "type": "text/csv", "size": len(content)},
            "content": content,
        }
    }
    widget._on_upload_value({"name": "value", "new": value, "owner": widget._upload})


# ---------------------------------------------------------------- ways in


def test_upload_in_ipywidgets8_shape_reads_and_preselects_columns(uploader):
    content = pairs_csv(12)
    upload_v8(uploader, "pares.csv", content)

    assert uploader.status == "read"
    assert uploader.table is not None and len(uploader.table.frame) == 12
    assert (column(uploader, "text").value, column(uploader, "summary").value) == (
        "articulo",
        "resumen",
    )
    assert set(column(uploader, "text").options) >= {
        ("articulo", "articulo"),
        ("comentario", "comentario"),
    }
    expected_reason = t("data.columns.reason.name", text="articulo", summary="resumen")
    assert html.escape(expected_reason) in uploader._column_reason.value
    assert "12 filas" in uploader._status_line.value
    assert uploader.dataset is None  # nothing prepared yet
    assert uploader._message.text == ""


def test_upload_in_ipywidgets7_shape_then_prepare(uploader):
    loaded = []
    uploader.on_dataset_loaded(loaded.append)
    upload_v7(uploader, "pares.csv", pairs_csv(20))
    assert uploader.status == "read"

    button(uploader, "uploader.prepare").click()

    assert uploader.status == "ready"
    assert isinstance(uploader.dataset, data.PreparedData)
    assert loaded == [uploader.dataset]
    assert uploader.dataset.sizes == {"train": 16, "validation": 2, "test": 2}
    assert uploader.dataset.text_column == "articulo"


def test_example_button_reads_and_prepares_in_one_click(uploader):
    loaded, seen = [], []
    uploader.on_dataset_loaded(loaded.append)
    uploader.observe(lambda change: seen.append(change["new"]), names="dataset")

    button(uploader, "uploader.example.button").click()

    prepared = uploader.dataset
    assert isinstance(prepared, data.PreparedData)
    assert loaded == [prepared] and seen[-1] is prepared
    kept = prepared.report.rows_kept
    assert kept == 135
    train, validation, test = data.split_sizes(kept, data.SplitOptions())
    assert prepared.sizes == {"train": train, "validation": validation, "test": test}
    assert sum(prepared.sizes.values()) == kept
    assert prepared.split_summary() in uploader._report.value
    # What was read stays readable next to «ready» (it is not replaced at once).
    assert (
        "135 filas" in uploader._status_line.value
        and t("uploader.status.ready") in uploader._status_line.value
    )
    assert "texto" in uploader._preview.value and "resumen" in uploader._preview.value


def test_file_chooser_selection_reads_a_server_file_and_leaves_it_unchanged(tmp_path):
    folder = tmp_path / "datos"
    folder.mkdir()
    file_path = folder / "mis_pares.csv"
    content = pairs_csv(15, duplicates=2, html_rows=2)
    file_path.write_bytes(content)
    before = (
        file_path.read_bytes(),
        file_path.stat().st_mtime_ns,
        sorted(p.name for p in folder.iterdir()),
    )
    widget = DatasetUploader(data_dir=folder, synchronous=True)
    loaded = []
    widget.on_dataset_loaded(loaded.append)

    widget._chooser.reset(path=str(folder), filename="mis_pares.csv")
    widget._chooser._select.click()  # opens the dialog
    widget._chooser._select.click()  # applies the selection and calls back
    assert widget.status == "read", widget._message.text
    assert widget.table.info.path == str(file_path)

    button(widget, "uploader.prepare").click()

    assert len(loaded) == 1 and widget.dataset.report.rows_in == 17
    after = (
        file_path.read_bytes(),
        file_path.stat().st_mtime_ns,
        sorted(p.name for p in folder.iterdir()),
    )
    assert after == before


def test_file_chooser_only_offers_supported_extensions_inside_the_folder(uploader, tmp_path):
    assert uploader._chooser.sandbox_path == str(tmp_path.resolve())
    assert set(uploader._chooser.filter_pattern) >= {
        "*.csv",
        "*.tsv",
        "*.json",
        "*.jsonl",
        "*.parquet",
        "*.xlsx",
    }
    for extension in (".csv", ".tsv", ".json", ".jsonl", ".parquet", ".xlsx"):
        assert extension in uploader._upload.accept


def test_a_file_outside_the_folder_is_refused(uploader, tmp_path_factory):
    outside = tmp_path_factory.mktemp("fuera") / "otro.csv"
    outside.write_bytes(pairs_csv(5))

    uploader._on_chooser_selected(SimpleNamespace(selected=str(outside)))

    assert uploader.table is None
    assert (
        t("uploader.server.outside", path=str(outside), folder=str(uploader.data_dir))
        in uploader._message.text
    )


def test_hub_id_offline_shows_the_engines_message(uploader, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    find(uploader, widgets.Text, t("uploader.hub.label")).value = "alguien/noticias-resumidas"
    button(uploader, "uploader.hub.button").click()

    assert uploader.status == "error"
    assert t("data.hub_offline", name="alguien/noticias-resumidas") in uploader._message.text
    assert (
        t("data.hub_offline.suggestion", name="alguien/noticias-resumidas")
        in uploader._message.text
    )

    find(uploader, widgets.Text, t("uploader.hub.label")).value = "  "
    button(uploader, "uploader.hub.button").click()
    assert t("uploader.hub.empty") in uploader._message.text


# ---------------------------------------------------------------- preview and columns


def test_preview_is_escaped_and_long_cells_are_shortened(uploader):
    long_text = " ".join([LONG_CELL_WORD] * 100)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["texto", "resumen"])
    writer.writerow([f"<script>alert(1)</script> {long_text}", "Un resumen corto."])
    for i in range(4):
        writer.writerow(
            [f"Texto largo número {i} con bastantes palabras para ser un texto.", f"Resumen {i}."]
        )
    upload_v8(uploader, "html.csv", buffer.getvalue().encode())

    preview = uploader._preview.value
    assert "<script>" not in preview and "&lt;script&gt;" in preview
    assert long_text not in preview and "…" in preview
    assert shorten("a " * 200).endswith("…") and len(shorten("a " * 200)) <= 120
    assert "Se muestran 5 de 5 filas" in preview


def test_column_override_through_the_dropdown_is_used(uploader):
    upload_v8(uploader, "pares.csv", pairs_csv(20))
    column(uploader, "summary").value = "comentario"

    assert (
        html.escape(t("data.columns.reason.user", text="articulo", summary="comentario"))
        in uploader._column_reason.value
    )
    assert not button(uploader, "uploader.prepare").disabled
    button(uploader, "uploader.prepare").click()

    prepared = uploader.dataset
    assert prepared.summary_column == "comentario"
    assert all(
        summary.startswith("Comentario breve") for summary in prepared.splits["train"]["summary"]
    )


def test_choosing_the_same_column_twice_is_explained_and_blocks_preparing(uploader):
    upload_v8(uploader, "pares.csv", pairs_csv(10))
    column(uploader, "summary").value = "articulo"

    assert t("data.same_column", column="articulo") in uploader._message.text
    assert button(uploader, "uploader.prepare").disabled
    column(uploader, "summary").value = "resumen"  # fixed: usable again
    assert uploader._message.text == "" and not button(uploader, "uploader.prepare").disabled


# ---------------------------------------------------------------- cleaning and split


def test_cleaning_report_and_split_options_are_shown_and_used(uploader):
    content = pairs_csv(30, duplicates=3, html_rows=4, not_shorter=2)
    upload_v8(uploader, "sucio.csv", content)
    find(uploader, widgets.BoundedFloatText, t("uploader.split.validation")).value = 0.2
    find(uploader, widgets.BoundedFloatText, t("uploader.split.test")).value = 0.2
    find(uploader, widgets.IntText, t("uploader.split.seed")).value = 7

    button(uploader, "uploader.prepare").click()

    prepared = uploader.dataset
    expected = data.load_pairs(("sucio.csv", content), split=data.SplitOptions(0.2, 0.2, 7))
    assert prepared.sizes == expected.sizes
    assert list(prepared.splits["test"]["text"]) == list(expected.splits["test"]["text"])
    report = prepared.report
    assert (report.rows_in, report.counts["duplicate"], report.counts["summary_not_shorter"]) == (
        33,
        3,
        2,
    )
    assert report.flagged["html_stripped"] == 4
    shown = uploader._report.value
    assert report.summary() in shown
    for reason, count in (("duplicate", 3), ("summary_not_shorter", 2), ("html_stripped", 4)):
        assert (
            f"{t(f'data.reason.{reason}')}</td>"
            f"<td style='border:1px solid #ddd;padding:2px 8px;text-align:left'>{count}<" in shown
        )
    assert prepared.split_summary() in shown
    assert any(w in uploader._warnings.text for w in report.warnings)


def test_cleaning_inputs_map_to_the_engine_options(uploader):
    upload_v8(uploader, "pares.csv", pairs_csv(20, duplicates=2))
    find(uploader, widgets.Checkbox, t("uploader.cleaning.drop_duplicates")).value = False
    find(
        uploader, widgets.BoundedIntText, t("uploader.cleaning.max_text_words")
    ).value = 0  # «no limit»
    find(uploader, widgets.Dropdown, t("uploader.cleaning.on_summary_not_shorter")).value = "flag"

    button(uploader, "uploader.prepare").click()

    options = uploader.dataset.report.options
    assert options.drop_duplicates is False and options.max_text_words is None
    assert options.on_summary_not_shorter == "flag"
    assert (
        uploader.dataset.report.counts["duplicate"] == 0 and uploader.dataset.report.rows_kept == 22
    )


def test_invalid_options_are_explained_without_an_exception(uploader):
    upload_v8(uploader, "pares.csv", pairs_csv(10))
    find(uploader, widgets.BoundedIntText, t("uploader.cleaning.min_text_words")).value = 50
    find(uploader, widgets.BoundedIntText, t("uploader.cleaning.max_text_words")).value = 5

    button(uploader, "uploader.prepare").click()

    assert uploader.dataset is None
    assert "max_text_words" in uploader._message.text
    assert uploader._message.value.count("wllm-error") == 1


def test_too_few_pairs_after_cleaning_is_explained(uploader):
    upload_v8(uploader, "pares.csv", pairs_csv(2))
    button(uploader, "uploader.prepare").click()

    assert uploader.dataset is None and uploader.status == "error"
    assert t("data.too_few_pairs", count=2, minimum=data.MIN_PAIRS) in uploader._message.text


# ---------------------------------------------------------------- bad files


@pytest.mark.parametrize(
    "name, content, key, params",
    [
        (
            "binario.csv",
            b"PK\x03\x04\x00\x01\x02" + bytes(range(256)) * 4,
            "data.binary_content",
            {"format": "CSV"},
        ),
        (
            "imagen.csv",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00" + bytes(200),
            "data.binary_content",
            {"format": "CSV"},
        ),
        ("vacio.csv", b"", "data.empty_file", {}),
        ("solo_espacios.csv", b"   \n \n", "data.empty_file", {}),
    ],
)
def test_bad_files_show_a_spanish_message_and_the_widget_stays_usable(
    uploader, name, content, key, params
):
    upload_v8(uploader, name, content)

    assert uploader.status == "error" and uploader.table is None
    assert t(key, "es", name=name, **params) in uploader._message.text
    assert "Qué hacer" in uploader._message.text  # the suggestion is shown too
    button(uploader, "uploader.example.button").click()  # still usable
    assert uploader.status == "ready" and uploader.dataset is not None
    assert uploader._message.text == ""


def test_bad_server_file_is_left_as_it_was(tmp_path):
    bad = tmp_path / "roto.csv"
    bad.write_bytes(b"\x00\x01\x02\x03" * 100)
    before = bad.read_bytes()
    widget = DatasetUploader(data_dir=tmp_path, synchronous=True)
    widget._on_chooser_selected(SimpleNamespace(selected=str(bad)))

    assert t("data.binary_content", name="roto.csv", format="CSV") in widget._message.text
    assert bad.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["roto.csv"]


def test_a_table_without_two_text_columns_is_shown_but_cannot_be_prepared(uploader):
    upload_v8(
        uploader,
        "numeros.csv",
        b"texto,valor\nUn texto de prueba con palabras,1\nOtro texto de prueba,2\n",
    )

    assert (
        uploader.status == "read" and len(uploader.table.frame) == 2
    )  # the preview is still shown
    assert "Un texto de prueba" in uploader._preview.value
    assert t("data.too_few_text_columns", count=1, columns="texto, valor") in uploader._message.text
    assert button(uploader, "uploader.prepare").disabled


def test_prepare_before_reading_explains_what_to_do(uploader):
    uploader.prepare()
    assert t("uploader.nothing_read") in uploader._message.text


# ---------------------------------------------------------------- background work


def test_background_mode_reads_and_prepares_off_the_calling_thread(tmp_path):
    widget = DatasetUploader(data_dir=tmp_path)
    threads = []
    widget.on_dataset_loaded(lambda prepared: threads.append(threading.current_thread()))

    button(widget, "uploader.example.button").click()
    wait_for(lambda: widget.status in ("ready", "error"))

    assert widget.status == "ready", widget._message.text
    assert threads and threads[0] is not threading.main_thread()
    assert button(widget, "widgets.cancel").layout.display == "none"


def test_cancel_ignores_the_late_result(tmp_path, monkeypatch):
    release = threading.Event()
    real_read = data.read_table

    def slow_read(source, *args, **kwargs):
        release.wait(10)
        return real_read(source, *args, **kwargs)

    monkeypatch.setattr(data, "read_table", slow_read)
    widget = DatasetUploader(data_dir=tmp_path)
    upload_v8(widget, "pares.csv", pairs_csv(10))
    assert widget.status == "reading" and button(widget, "widgets.cancel").layout.display is None

    button(widget, "widgets.cancel").click()
    release.set()
    widget.join(10)

    assert widget.table is None and widget.status == "empty"
    assert t("widgets.cancelled") in widget._status_line.value


# ---------------------------------------------------------------- language and catalog


def test_english_labels_when_the_language_is_english(tmp_path):
    set_language("en")
    try:
        widget = DatasetUploader(data_dir=tmp_path, synchronous=True)
        assert find(widget, widgets.Button, "Use the bundled example")  # exactly one, in English
        assert find(widget, widgets.Button, "Prepare data")
    finally:
        set_language("es")
    assert find(DatasetUploader(data_dir=tmp_path), widgets.Button, "Usar el ejemplo incluido")


def test_every_uploader_message_has_spanish_and_english():
    keys = [key for key in catalog() if key.startswith("uploader.")]
    assert len(keys) > 30
    for key in keys:
        assert catalog()[key].get("es") and catalog()[key].get("en"), key


def test_missing_data_dir_is_refused(tmp_path):
    from widgets_llm.errors import DataError

    with pytest.raises(DataError) as info:
        DatasetUploader(data_dir=tmp_path / "no_existe")
    assert info.value.key == "uploader.data_dir_missing"


def test_preview_html_highlights_the_chosen_columns():
    import pandas as pd

    frame = pd.DataFrame({"a": ["x"], "b": ["y"]})
    rendered = preview_html(frame, 5, {"b"})
    assert rendered.count("background:#e8f0fe") == 2  # header and cell of column b
