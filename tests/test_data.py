"""Tests of the data step: reading every format, choosing columns, cleaning and splitting.

Every loading test also checks that the user's file is byte-for-byte unchanged afterwards.
"""

from __future__ import annotations

import hashlib
import io
import json
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from widgets_llm.engine import data
from widgets_llm.engine.data import (
    CleaningOptions,
    SplitOptions,
    clean_pairs,
    detect_columns,
    load_pairs,
    pairs_from_lists,
    read_table,
    split_pairs,
)
from widgets_llm.errors import ConfigError, DataError
from widgets_llm.messages import catalog

N_PAIRS = 40


# ---------------------------------------------------------------- helpers


def make_frame(n: int = N_PAIRS) -> pd.DataFrame:
    """Spanish pairs with accents, commas and semicolons inside the texts."""
    return pd.DataFrame(
        {
            "id": list(range(n)),
            "texto": [
                f"El ayuntamiento de Córdoba aprobó el plan número {i}, que incluye mejoras en "
                f"parques, calles y bibliotecas; los vecinos, según el alcalde, lo pedían. "
                f"El niño y la señora del pingüino están contentos."
                for i in range(n)
            ],
            "resumen": [f"Córdoba aprueba el plan {i} de mejoras." for i in range(n)],
        }
    )


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_unchanged(path: Path, **kwargs) -> data.PreparedData:
    """load_pairs, asserting that the file's bytes did not change."""
    before = sha256(path)
    prepared = load_pairs(path, **kwargs)
    assert sha256(path) == before
    return prepared


def assert_error(excinfo: pytest.ExceptionInfo, key: str) -> DataError:
    """The error has the key, and a non-empty Spanish message and suggestion from the catalog."""
    error = excinfo.value
    assert error.key == key
    assert key in catalog(), f"{key} missing from the catalog"
    message = error.message("es")
    assert message and message != key
    assert error.suggestion("es")
    return error


def all_texts(prepared: data.PreparedData) -> list[str]:
    return [row["text"] for split in prepared.splits.values() for row in split]


def write_bytes(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


# ---------------------------------------------------------------- formats


def _write_csv(frame, path):
    frame.to_csv(path, index=False)


def _write_tsv(frame, path):
    frame.to_csv(path, index=False, sep="\t")


def _write_json_records(frame, path):
    path.write_text(
        json.dumps(frame.to_dict(orient="records"), ensure_ascii=False), encoding="utf-8"
    )


def _write_json_data_key(frame, path):
    path.write_text(json.dumps({"data": frame.to_dict(orient="records")}), encoding="utf-8")


def _write_json_columns(frame, path):
    path.write_text(json.dumps(frame.to_dict(orient="list"), ensure_ascii=False), encoding="utf-8")


def _write_json_pandas_default(frame, path):
    frame.to_json(path, force_ascii=False)  # {"col": {"0": ..., "1": ...}}


def _write_jsonl(frame, path):
    frame.to_json(path, orient="records", lines=True, force_ascii=False)


def _write_parquet(frame, path):
    frame.to_parquet(path, index=False)


def _write_xlsx(frame, path):
    frame.to_excel(path, index=False)


@pytest.mark.parametrize(
    "name, writer, fmt",
    [
        ("datos.csv", _write_csv, "csv"),
        ("datos.tsv", _write_tsv, "tsv"),
        ("datos.json", _write_json_records, "json"),
        ("datos_data.json", _write_json_data_key, "json"),
        ("datos_columnas.json", _write_json_columns, "json"),
        ("datos_pandas.json", _write_json_pandas_default, "json"),
        ("datos.jsonl", _write_jsonl, "jsonl"),
        ("datos.parquet", _write_parquet, "parquet"),
        ("datos.xlsx", _write_xlsx, "xlsx"),
    ],
)
def test_every_format_loads_and_leaves_the_file_unchanged(tmp_path, name, writer, fmt):
    frame = make_frame()
    path = tmp_path / name
    writer(frame, path)

    prepared = load_unchanged(path)

    assert prepared.table.format == fmt
    assert prepared.table.rows_read == N_PAIRS
    assert prepared.table.columns == ["id", "texto", "resumen"]
    assert (prepared.text_column, prepared.summary_column) == ("texto", "resumen")
    assert sum(prepared.sizes.values()) == N_PAIRS
    assert sorted(all_texts(prepared)) == sorted(frame["texto"])
    for split in prepared.splits.values():
        assert split.column_names == ["text", "summary"]
    assert list(prepared.preview.columns) == ["id", "texto", "resumen"]
    assert len(prepared.preview) == data.PREVIEW_ROWS


def test_json_lines_saved_as_json_still_load(tmp_path):
    path = tmp_path / "lineas.json"
    _write_jsonl(make_frame(), path)
    prepared = load_unchanged(path)
    assert prepared.table.rows_read == N_PAIRS


def test_upload_bytes_tuple_and_mapping(tmp_path):
    buffer = io.BytesIO()
    make_frame().to_excel(buffer, index=False)
    content = buffer.getvalue()

    from_tuple = load_pairs(("subido.xlsx", content))
    from_memoryview = load_pairs(("carpeta/subido.xlsx", memoryview(content)))
    from_mapping = read_table(
        {"name": "subido.xlsx", "type": "", "size": len(content), "content": memoryview(content)}
    )

    assert from_tuple.table.source_name == "subido.xlsx"
    assert from_tuple.table.name == "subido.xlsx"
    assert from_tuple.table.size_bytes == len(content)
    assert from_tuple.table.path is None
    assert from_memoryview.table.source_name == "subido.xlsx"
    assert from_tuple.sizes == from_memoryview.sizes
    assert from_mapping.info.rows_read == N_PAIRS


def test_upload_csv_bytes():
    content = make_frame().to_csv(index=False).encode("utf-8")
    prepared = load_pairs(("datos.csv", content))
    assert prepared.table.encoding == "utf-8"
    assert prepared.table.delimiter == ","
    assert prepared.text_column == "texto"


def test_upload_of_wrong_type_is_refused():
    with pytest.raises(DataError) as excinfo:
        read_table(("datos.csv", "texto como str"))
    assert_error(excinfo, "data.upload_invalid")
    with pytest.raises(DataError) as excinfo:
        read_table(12345)
    assert_error(excinfo, "data.upload_invalid")


# ---------------------------------------------------------------- encodings and delimiters


def test_utf8_with_bom(tmp_path):
    content = b"\xef\xbb\xbf" + make_frame().to_csv(index=False).encode("utf-8")
    path = write_bytes(tmp_path, "con_bom.csv", content)
    prepared = load_unchanged(path)
    assert prepared.table.encoding == "utf-8-sig"
    assert prepared.table.columns[0] == "id"  # not "\ufeffid"
    assert "niño" in all_texts(prepared)[0]


def test_latin1_accents_decoded(tmp_path):
    frame = make_frame()
    content = frame.to_csv(index=False, sep=";").encode("latin-1")
    with pytest.raises(UnicodeDecodeError):
        content.decode("utf-8")
    path = write_bytes(tmp_path, "latin1.csv", content)

    prepared = load_unchanged(path)

    assert prepared.table.encoding in ("cp1252", "latin_1", "iso8859_15")
    texts = all_texts(prepared)
    assert sorted(texts) == sorted(frame["texto"])
    assert all("niño" in text and "Córdoba" in text and "pingüino" in text for text in texts)


def test_short_latin1_text_prefers_western_encoding():
    # charset-normalizer ties cp1250 and cp1252 on short text; cp1250 would give «nińo».
    text, encoding = data.decode_text(
        "texto;resumen\nEl niño comió en España;Niño\n".encode("latin-1")
    )
    assert "niño" in text and "España" in text
    assert encoding in ("cp1252", "latin_1", "iso8859_15")


def test_semicolon_delimited_csv(tmp_path):
    frame = make_frame()
    path = tmp_path / "punto_y_coma.csv"
    frame.to_csv(path, index=False, sep=";")
    prepared = load_unchanged(path)
    assert prepared.table.delimiter == ";"
    assert prepared.table.columns == ["id", "texto", "resumen"]
    assert sorted(all_texts(prepared)) == sorted(frame["texto"])


def test_semicolon_file_with_unquoted_commas_is_detected(tmp_path):
    # Commas everywhere in the texts (unquoted) and a header column with a comma inside:
    # splitting on commas would give ragged rows; semicolons give a clean table.
    lines = ["texto largo, completo;resumen"]
    for i in range(30):
        lines.append(
            f"Hoy, día {i}, llovió mucho, muchísimo, en Madrid, Sevilla y Bilbao;Llovió, día {i}"
        )
    path = write_bytes(tmp_path, "comas.csv", "\n".join(lines).encode("utf-8"))

    prepared = load_unchanged(path)

    assert prepared.table.delimiter == ";"
    assert prepared.table.columns == ["texto largo, completo", "resumen"]
    assert prepared.text_column == "texto largo, completo"
    assert all(text.startswith("Hoy, día") for text in all_texts(prepared))


def test_semicolon_file_that_fools_csv_sniffer(tmp_path):
    # Quoted words followed by commas make csv.Sniffer alone answer ",".
    lines = ["texto;resumen"]
    lines += [f'El ministro dijo, "basta", y luego, "ya", el día {i};Dijo basta' for i in range(30)]
    path = write_bytes(tmp_path, "comillas.csv", "\n".join(lines).encode("utf-8"))
    prepared = load_unchanged(path)
    assert prepared.table.delimiter == ";"
    assert all('"basta", y luego' in text for text in all_texts(prepared))


def test_utf16_tab_file_as_excel_exports_it(tmp_path):
    content = make_frame().to_csv(index=False, sep="\t").encode("utf-16")
    path = write_bytes(tmp_path, "unicode.csv", content)
    prepared = load_unchanged(path)
    assert prepared.table.encoding == "utf-16"
    assert prepared.table.delimiter == "\t"
    assert "niño" in all_texts(prepared)[0]


def test_tab_delimited_file_named_csv(tmp_path):
    path = tmp_path / "tabs.csv"
    make_frame().to_csv(path, index=False, sep="\t")
    prepared = load_unchanged(path)
    assert prepared.table.delimiter == "\t"


def test_single_column_file_gives_a_clear_message(tmp_path):
    lines = ["texto y resumen"] + [
        f"Una frase cualquiera número {i} sin separadores" for i in range(10)
    ]
    path = write_bytes(tmp_path, "una_columna.csv", "\n".join(lines).encode("utf-8"))
    with pytest.raises(DataError) as excinfo:
        load_unchanged(path)
    error = assert_error(excinfo, "data.too_few_text_columns")
    assert "texto y resumen" in error.message("es")
    assert "separador" in error.suggestion("es")


def test_malformed_lines_are_skipped_with_a_warning(tmp_path):
    lines = ["texto,resumen"]
    lines += [f"Texto número {i} con bastantes palabras dentro,Resumen {i}" for i in range(10)]
    lines.insert(4, "uno,dos,tres,cuatro")
    path = write_bytes(tmp_path, "roto.csv", "\n".join(lines).encode("utf-8"))
    raw = read_table(path)
    assert raw.info.skipped_lines == 1
    assert len(raw.frame) == 10
    assert any("línea 5" in warning for warning in raw.warnings)  # 1-based, header included


# ---------------------------------------------------------------- refusals


def test_empty_file(tmp_path):
    for name, content in (("vacio.csv", b""), ("blancos.csv", b"  \n\n "), ("vacio.jsonl", b"\n")):
        path = write_bytes(tmp_path, name, content)
        with pytest.raises(DataError) as excinfo:
            load_unchanged(path)
        assert_error(excinfo, "data.empty_file")


def test_header_without_rows(tmp_path):
    path = write_bytes(tmp_path, "solo_encabezado.csv", b"texto,resumen\n")
    with pytest.raises(DataError) as excinfo:
        load_unchanged(path)
    error = assert_error(excinfo, "data.no_rows")
    assert "texto, resumen" in error.message("es")


def test_binary_file_named_csv(tmp_path):
    content = bytes(range(256)) * 40
    path = write_bytes(tmp_path, "binario.csv", content)
    with pytest.raises(DataError) as excinfo:
        load_unchanged(path)
    assert_error(excinfo, "data.binary_content")
    assert sha256(path) == hashlib.sha256(content).hexdigest()


def test_excel_workbook_renamed_csv_suggests_xlsx(tmp_path):
    buffer = io.BytesIO()
    make_frame().to_excel(buffer, index=False)
    path = write_bytes(tmp_path, "en_realidad_excel.csv", buffer.getvalue())
    with pytest.raises(DataError) as excinfo:
        load_unchanged(path)
    error = assert_error(excinfo, "data.binary_content")
    assert ".xlsx" in error.suggestion("es")


def test_damaged_parquet_and_xlsx(tmp_path):
    for name in ("roto.parquet", "roto.xlsx"):
        path = write_bytes(tmp_path, name, b"esto no es un archivo binario valido")
        with pytest.raises(DataError) as excinfo:
            load_unchanged(path)
        assert_error(excinfo, "data.unreadable")


def test_invalid_json_and_jsonl(tmp_path):
    path = write_bytes(tmp_path, "roto.json", b'[{"texto": "hola", "resumen": }]')
    with pytest.raises(DataError) as excinfo:
        load_unchanged(path)
    assert_error(excinfo, "data.json_invalid")

    path = write_bytes(tmp_path, "escalar.json", b'"solo una cadena"')
    with pytest.raises(DataError) as excinfo:
        load_unchanged(path)
    assert_error(excinfo, "data.json_structure")

    path = write_bytes(tmp_path, "roto.jsonl", b'{"texto": "a", "resumen": "b"}\n{roto\n')
    with pytest.raises(DataError) as excinfo:
        load_unchanged(path)
    assert excinfo.value.params["line"] == 2
    assert_error(excinfo, "data.jsonl_invalid_line")


def test_unknown_extension_lists_supported_formats(tmp_path):
    path = write_bytes(tmp_path, "notas.docx", b"PK\x03\x04 algo")
    with pytest.raises(DataError) as excinfo:
        load_unchanged(path)
    error = assert_error(excinfo, "data.unsupported_format")
    assert ".docx" in error.message("es")
    for extension in (".csv", ".tsv", ".json", ".jsonl", ".parquet", ".xlsx"):
        assert extension in error.suggestion("es")


def test_file_over_the_size_limit_parameter(tmp_path):
    path = tmp_path / "datos.csv"
    make_frame().to_csv(path, index=False)
    with pytest.raises(DataError) as excinfo:
        load_unchanged(path, max_bytes=1000)
    error = assert_error(excinfo, "data.file_too_large")
    assert "MB" in error.message("es")
    assert "Divide" in error.suggestion("es") and "muestra" in error.suggestion("es")

    content = path.read_bytes()
    with pytest.raises(DataError) as excinfo:
        load_pairs(("datos.csv", content), max_bytes=len(content) - 1)
    assert_error(excinfo, "data.file_too_large")
    assert load_pairs(("datos.csv", content), max_bytes=len(content)).table.rows_read == N_PAIRS


def test_real_file_over_50_mb_is_refused(tmp_path):
    path = tmp_path / "enorme.csv"
    row = "Un texto bastante largo para llenar el archivo rápidamente,Un resumen\n"
    block = (row * (1024 * 1024 // len(row) + 1)).encode("utf-8")
    with path.open("wb") as handle:
        handle.write(b"texto,resumen\n")
        for _ in range(data.MAX_BYTES // len(block) + 2):
            handle.write(block)
    assert path.stat().st_size > data.MAX_BYTES == 50 * 1024 * 1024

    with pytest.raises(DataError) as excinfo:
        load_unchanged(path)
    error = assert_error(excinfo, "data.file_too_large")
    assert "50 MB" in error.message("es")


def test_nonexistent_path(tmp_path):
    missing = tmp_path / "no_existe.csv"
    with pytest.raises(DataError) as excinfo:
        load_pairs(missing)
    error = assert_error(excinfo, "data.file_not_found")
    assert "no_existe.csv" in error.message("es")
    with pytest.raises(DataError) as excinfo:
        load_pairs(str(missing))
    assert_error(excinfo, "data.file_not_found")
    with pytest.raises(DataError) as excinfo:
        load_pairs("datos_que_no_estan.xlsx")
    assert_error(excinfo, "data.file_not_found")


def test_directory_is_not_a_file(tmp_path):
    with pytest.raises(DataError) as excinfo:
        load_pairs(tmp_path)
    assert_error(excinfo, "data.path_is_directory")


def test_hub_id_offline_gives_a_clear_error(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(DataError) as excinfo:
        load_pairs("alguien/noticias-resumidas")
    error = assert_error(excinfo, "data.hub_offline")
    assert "internet" in error.message("es")
    assert "ejemplo_es" in error.suggestion("es")


def test_hub_connection_error_is_reported_as_offline(monkeypatch):
    import datasets

    def no_network(*args, **kwargs):
        raise ConnectionError("Couldn't reach 'x/y' on the Hub (LocalEntryNotFoundError)")

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("HF_DATASETS_OFFLINE", raising=False)
    monkeypatch.setattr(datasets, "load_dataset", no_network)
    with pytest.raises(DataError) as excinfo:
        load_pairs("x/y")
    assert_error(excinfo, "data.hub_offline")


def test_hub_dataset_splits_are_merged(monkeypatch):
    import datasets

    frame = make_frame(12)
    fake = datasets.DatasetDict(
        train=datasets.Dataset.from_pandas(frame.iloc[:8], preserve_index=False),
        test=datasets.Dataset.from_pandas(frame.iloc[8:], preserve_index=False),
    )
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("HF_DATASETS_OFFLINE", raising=False)
    monkeypatch.setattr(datasets, "load_dataset", lambda name: fake)
    prepared = load_pairs("org/datos")
    assert prepared.table.format == "hub"
    assert prepared.table.rows_read == 12
    assert sum(prepared.sizes.values()) == 12


def test_hub_ids_and_paths_are_told_apart():
    assert data.looks_like_hub_id("org/nombre-de-datos")
    assert data.looks_like_hub_id("org/datos.v2")
    assert not data.looks_like_hub_id("carpeta/datos.csv")
    assert not data.looks_like_hub_id("carpeta/datos.txt")
    assert not data.looks_like_hub_id("/absoluta/ruta")
    assert not data.looks_like_hub_id("datos")
    assert not data.looks_like_hub_id("a/b/c")


# ---------------------------------------------------------------- examples


def test_example_name_loads_the_bundled_file(tmp_path, monkeypatch):
    frame = make_frame(20)
    frame = frame.assign(genero="noticia", pais="España")[
        ["id", "genero", "pais", "texto", "resumen"]
    ]
    path = tmp_path / "ejemplo_es.jsonl"
    _write_jsonl(frame, path)
    monkeypatch.setitem(data.EXAMPLES, "ejemplo_es", path)

    assert data.example_path() == path
    prepared = load_unchanged(path)  # the file itself
    by_name = load_pairs("ejemplo_es")

    assert by_name.table.source_name == "ejemplo_es"
    assert (by_name.text_column, by_name.summary_column) == ("texto", "resumen")
    assert by_name.sizes == prepared.sizes
    assert sha256(path) == hashlib.sha256(path.read_bytes()).hexdigest()


def test_examples_point_inside_the_package():
    assert data.EXAMPLES["ejemplo_es"].name == "ejemplo_es.jsonl"
    assert data.EXAMPLES["ejemplo_es"].parent.name == "ejemplo_es"


def test_unknown_example_name():
    with pytest.raises(DataError) as excinfo:
        data.example_path("no_hay")
    error = assert_error(excinfo, "data.example_unknown")
    assert "ejemplo_es" in error.suggestion("es")


# ---------------------------------------------------------------- columns


@pytest.mark.parametrize(
    "text, summary",
    [
        ("texto", "resumen"),
        ("Texto", "Resumen"),
        ("document", "summary"),
        ("article", "highlights"),
        ("dialogue", "summary"),
        ("Artículo", "SÍNTESIS"),
        ("noticia", "sumario"),
        ("contenido", "abstract"),
        ("source", "target"),
        ("input", "output"),
        ("cuerpo", "tldr"),
        ("texto_noticia", "resumen_experto"),
    ],
)
def test_columns_detected_by_name(text, summary):
    base = make_frame(5)
    # Put the summary first and make it long, so that only the names can decide.
    frame = pd.DataFrame(
        {summary: base["texto"], "id": base["id"], text: base["resumen"], "otra": "x"}
    )
    choice = detect_columns(frame)
    assert (choice.text, choice.summary) == (text, summary)
    assert choice.reason == "data.columns.reason.name"
    assert choice.describe("es")


def test_columns_detected_by_length():
    base = make_frame(10)
    frame = pd.DataFrame(
        {"a": base["resumen"], "b": base["texto"], "c": ["x"] * 10, "n": base["id"], "f": 1.5}
    )
    choice = detect_columns(frame)
    assert (choice.text, choice.summary) == ("b", "a")
    assert choice.reason == "data.columns.reason.length"
    assert choice.by_length


def test_length_detection_gives_a_warning(tmp_path):
    base = make_frame(20)
    path = tmp_path / "sin_nombres.csv"
    pd.DataFrame({"col1": base["resumen"], "col2": base["texto"]}).to_csv(path, index=False)
    prepared = load_unchanged(path)
    assert (prepared.text_column, prepared.summary_column) == ("col2", "col1")
    assert any("longitud" in warning for warning in prepared.warnings)


def test_summary_found_by_name_text_by_length():
    base = make_frame(5)
    frame = pd.DataFrame({"x": base["texto"], "resumen": base["resumen"], "y": ["corto"] * 5})
    choice = detect_columns(frame)
    assert (choice.text, choice.summary) == ("x", "resumen")
    assert choice.reason == "data.columns.reason.mixed"


def test_override_one_column_and_detect_the_other():
    base = make_frame(5)
    frame = pd.DataFrame({"mi_texto": base["texto"], "resumen": base["resumen"], "notas": "nota"})
    choice = detect_columns(frame, text_column="mi_texto")
    assert (choice.text, choice.summary) == ("mi_texto", "resumen")
    assert choice.text_by == "user"


def test_override_naming_a_missing_column_lists_the_columns(tmp_path):
    path = tmp_path / "datos.csv"
    make_frame().to_csv(path, index=False)
    with pytest.raises(DataError) as excinfo:
        load_unchanged(path, text_column="cuerpo")
    error = assert_error(excinfo, "data.column_missing")
    assert "cuerpo" in error.message("es")
    assert "id, texto, resumen" in error.message("es")
    with pytest.raises(DataError) as excinfo:
        load_unchanged(path, summary_column="Resumen")
    assert_error(excinfo, "data.column_missing")


def test_numeric_columns_are_never_chosen(tmp_path):
    base = make_frame(10)
    frame = pd.DataFrame(
        {
            "puntuacion": [123456789.5] * 10,  # numerically "longest" if it were text
            "codigo": ["1234567890123"] * 10,  # numbers written as text
            "texto": base["texto"],
            "resumen": base["resumen"],
        }
    )
    assert data.text_columns(frame) == ["texto", "resumen"]
    choice = detect_columns(frame)
    assert (choice.text, choice.summary) == ("texto", "resumen")

    path = tmp_path / "numeros.csv"
    frame.to_csv(path, index=False)
    with pytest.raises(DataError) as excinfo:
        load_unchanged(path, text_column="puntuacion")
    error = assert_error(excinfo, "data.column_numeric")
    assert "texto, resumen" in error.suggestion("es")
    with pytest.raises(DataError) as excinfo:
        load_unchanged(path, summary_column="codigo")
    assert_error(excinfo, "data.column_numeric")


def test_fewer_than_two_text_columns():
    frame = pd.DataFrame({"id": [1, 2, 3], "texto": ["uno dos tres"] * 3, "valor": [0.1, 0.2, 0.3]})
    with pytest.raises(DataError) as excinfo:
        detect_columns(frame)
    error = assert_error(excinfo, "data.too_few_text_columns")
    assert "id, texto, valor" in error.message("es")


def test_same_column_twice_and_ambiguous_columns():
    frame = pd.DataFrame({"a": ["uno dos tres"] * 3, "b": ["cuatro cinco seis"] * 3})
    with pytest.raises(DataError) as excinfo:
        detect_columns(frame, text_column="a", summary_column="a")
    assert_error(excinfo, "data.same_column")
    same_length = pd.DataFrame({"a": ["uno dos"] * 3, "b": ["tres cu"] * 3})
    with pytest.raises(DataError) as excinfo:
        detect_columns(same_length)
    assert_error(excinfo, "data.columns_ambiguous")


# ---------------------------------------------------------------- cleaning


def clean(texts, summaries, **options):
    frame = pd.DataFrame({"text": texts, "summary": summaries})
    return clean_pairs(frame, "text", "summary", CleaningOptions(**options))


LONG = "Un texto de ejemplo con palabras suficientes para no ser corto y tener sentido."


def test_clean_returns_new_frame_and_leaves_input_alone():
    frame = pd.DataFrame(
        {
            "id": [1, 2],
            "cuerpo": ["<b>Hola</b> " + LONG, LONG + " dos"],
            "sintesis": ["Hola.", "Dos."],
        }
    )
    before = frame.copy(deep=True)
    pairs, report = clean_pairs(frame, "cuerpo", "sintesis")
    pd.testing.assert_frame_equal(frame, before)
    assert list(pairs.columns) == ["text", "summary"]
    assert pairs is not frame
    assert pairs["text"][0].startswith("Hola ")
    assert report.rows_in == 2 and report.rows_kept == 2


def test_twenty_thousand_word_text_is_truncated_with_a_warning():
    huge = " ".join(f"palabra{i}" for i in range(20_000))
    pairs, report = clean([huge, LONG], ["Un resumen corto.", "Otro resumen."])
    assert len(pairs) == 2
    assert len(pairs["text"][0].split()) == CleaningOptions().max_text_words
    assert pairs["text"][0].endswith(f"palabra{CleaningOptions().max_text_words - 1}")
    assert report.flagged["too_long_truncated"] == 1
    assert any("recortaron" in warning for warning in report.warnings)

    pairs, report = clean([huge, LONG], ["Un resumen corto.", "Otro resumen."], on_too_long="drop")
    assert len(pairs) == 1 and report.counts["too_long"] == 1


def test_emoji_and_right_to_left_text_survive():
    texts = [
        "¡Qué alegría! 🎉👍🏽 La familia 👨‍👩‍👧 celebró el cumpleaños 🇪🇸 con una gran fiesta.",
        "مرحبا بالعالم، هذا نص عربي طويل بما فيه الكفاية للاختبار",
        "שלום עולם, זהו טקסט בעברית לבדיקה של הניקוי",
        "Texto mixto \u200fمرحبا\u200f con marcas de dirección y emoji 😀 incluidos aquí.",
    ]
    summaries = ["Fiesta 🎉", "مرحبا", "שלום", "Mixto 😀"]
    pairs, report = clean(texts, summaries)
    assert pairs["text"].tolist() == texts
    assert pairs["summary"].tolist() == summaries
    assert report.rows_kept == 4


def test_html_tags_and_entities_are_stripped():
    pairs, report = clean(
        [
            "<p>Hola <b>mundo</b> entero</p><p>Adiós &amp; gracias &eacute;xito</p>",
            "<div>El <a href='x'>enlace</a> y el código &lt;b&gt; escapado quedan</div>"
            "<script>var x=1;</script>",
            "Sin etiquetas: 3 < 5 y 7 > 2 son ciertas siempre.",
        ],
        ["<i>Saludo</i>", "Enlace", "Comparaciones"],
    )
    assert pairs["text"][0] == "Hola mundo entero\nAdiós & gracias éxito"
    assert pairs["summary"][0] == "Saludo"
    assert pairs["text"][1] == "El enlace y el código <b> escapado quedan"
    assert pairs["text"][2] == "Sin etiquetas: 3 < 5 y 7 > 2 son ciertas siempre."
    assert report.flagged["html_stripped"] == 2


def test_whitespace_collapsed_keeping_one_line_break_between_paragraphs():
    pairs, _ = clean(
        ["  Primer   párrafo\tcon\u00a0espacios.\r\n\r\n\n  Segundo párrafo aquí.  "],
        ["Dos párrafos."],
    )
    assert pairs["text"][0] == "Primer párrafo con espacios.\nSegundo párrafo aquí."


def test_nfc_normalization():
    decomposed = "El nin\u0303o come\u0301 pan con su familia."
    assert "ñ" not in decomposed
    pairs, _ = clean([decomposed], ["Nin\u0303o."])
    assert pairs["text"][0] == "El niño comé pan con su familia."
    assert pairs["summary"][0] == "Niño."
    assert unicodedata.is_normalized("NFC", pairs["text"][0])


def test_missing_empty_and_short_rows_are_dropped_and_counted():
    pairs, report = clean(
        [LONG, None, "<p></p>", "Dos palabras", LONG + " bis", "   "],
        ["Bien.", "Sin texto.", "Vacío.", "Corto.", None, "Nada."],
    )
    assert pairs["text"].tolist() == [LONG]
    assert report.counts["missing"] == 2
    assert report.counts["empty"] == 2
    assert report.counts["too_short"] == 1
    assert sum(report.counts.values()) == report.rows_in - report.rows_kept == 5


def test_duplicates_dropped_and_counted():
    pairs, report = clean(
        [LONG, LONG, "  " + LONG + "  ", LONG, "Otro texto distinto con más palabras."],
        ["Resumen.", "Resumen.", "Resumen.", "Otro resumen.", "Distinto."],
    )
    assert len(pairs) == 3
    assert report.counts["duplicate"] == 2
    assert report.flagged["duplicate_text"] == 2  # same text, two different summaries
    assert any("repetidos" in warning for warning in report.warnings)


def test_summary_not_shorter_dropped_by_default_or_flagged():
    texts = [LONG, "Texto breve de tres.", LONG + " tres"]
    summaries = ["Corto.", "Un resumen que es más largo que su texto original.", "Otro."]
    pairs, report = clean(texts, summaries)
    assert len(pairs) == 2
    assert report.counts["summary_not_shorter"] == 1

    pairs, report = clean(texts, summaries, on_summary_not_shorter="flag")
    assert len(pairs) == 3
    assert report.counts["summary_not_shorter"] == 0
    assert report.flagged["summary_not_shorter"] == 1
    assert any("revisarlas" in warning for warning in report.warnings)


def test_swapped_columns_are_pointed_out(tmp_path):
    base = make_frame(10)
    path = tmp_path / "al_reves.csv"
    pd.DataFrame({"texto": base["resumen"], "resumen": base["texto"]}).to_csv(path, index=False)
    with pytest.raises(DataError) as excinfo:
        load_unchanged(path)  # every pair dropped: summary longer than text
    error = assert_error(excinfo, "data.columns_swapped")
    assert "«texto»" in error.suggestion("es")
    swapped = load_unchanged(path, text_column="resumen", summary_column="texto")
    assert swapped.report.rows_kept == 10
    prepared = load_unchanged(path, cleaning=CleaningOptions(on_summary_not_shorter="flag"))
    assert prepared.report.columns_maybe_swapped
    assert any("al revés" in warning and "«texto»" in warning for warning in prepared.warnings)


def test_cleaning_report_renders_in_both_languages():
    _, report = clean([LONG, LONG], ["Uno.", "Uno."])
    assert report.render_warnings("es") != report.render_warnings("en")
    assert "1" in report.summary("es") and report.summary("en")
    assert report.table("es") == [("Par repetido", 1)]


def test_invalid_cleaning_options():
    with pytest.raises(ConfigError):
        CleaningOptions(on_too_long="cortar")
    with pytest.raises(ConfigError):
        CleaningOptions(min_text_words=-1)
    with pytest.raises(ConfigError):
        CleaningOptions(max_text_words=2, min_text_words=5)


def test_non_string_values_in_text_columns_are_kept_as_text():
    frame = pd.DataFrame({"text": [LONG, LONG + " 2"], "summary": ["Uno.", 2024]})
    pairs, _ = clean_pairs(frame)
    assert pairs["summary"].tolist() == ["Uno.", "2024"]


# ---------------------------------------------------------------- splitting


def pairs_frame(n: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "text": [f"Texto número {i} con varias palabras." for i in range(n)],
            "summary": [f"Resumen {i}." for i in range(n)],
        }
    )


def test_split_is_deterministic_with_a_seed():
    frame = pairs_frame(100)
    first, _ = split_pairs(frame, SplitOptions(seed=7))
    second, _ = split_pairs(frame, SplitOptions(seed=7))
    other, _ = split_pairs(frame, SplitOptions(seed=8))
    assert {k: list(v["text"]) for k, v in first.items()} == {
        k: list(v["text"]) for k, v in second.items()
    }
    assert list(first["test"]["text"]) != list(other["test"]["text"])
    assert {k: len(v) for k, v in first.items()} == {"train": 80, "validation": 10, "test": 10}
    every = [text for split in first.values() for text in split["text"]]
    assert sorted(every) == sorted(frame["text"])  # each pair in exactly one split


def test_split_fractions_and_features():
    splits, warnings = split_pairs(
        pairs_frame(200), SplitOptions(validation_fraction=0.2, test_fraction=0.05)
    )
    assert {k: len(v) for k, v in splits.items()} == {"train": 150, "validation": 40, "test": 10}
    assert warnings == []
    for split in splits.values():
        assert split.column_names == ["text", "summary"]
        assert split.features["text"].dtype == "string"


def test_few_pairs_still_get_validation_and_test_with_warnings():
    splits, warnings = split_pairs(pairs_frame(5))
    assert {k: len(v) for k, v in splits.items()} == {"train": 3, "validation": 1, "test": 1}
    assert len(warnings) == 2
    assert "3 pares para entrenar" in warnings[0]
    assert "1 pares para la prueba" in warnings[1]

    splits, _ = split_pairs(pairs_frame(3))
    assert {k: len(v) for k, v in splits.items()} == {"train": 1, "validation": 1, "test": 1}


def test_zero_test_fraction_warns_there_is_no_test():
    splits, warnings = split_pairs(pairs_frame(100), SplitOptions(test_fraction=0))
    assert len(splits["test"]) == 0
    assert splits["test"].column_names == ["text", "summary"]
    assert any("No hay pares de prueba" in warning for warning in warnings)


def test_too_few_pairs_is_refused():
    with pytest.raises(DataError) as excinfo:
        split_pairs(pairs_frame(2))
    error = assert_error(excinfo, "data.too_few_pairs")
    assert error.params == {"count": 2, "minimum": data.MIN_PAIRS}
    with pytest.raises(DataError) as excinfo:
        pairs_from_lists(
            ["Un texto de varias palabras aquí.", "Un texto de varias palabras aquí."], ["a", "a"]
        )
    assert_error(excinfo, "data.too_few_pairs")


def test_same_text_stays_in_one_split():
    frame = pairs_frame(30)
    repeated = pd.DataFrame(
        {"text": [frame["text"][0]] * 3, "summary": ["Otro a.", "Otro b.", "Otro c."]}
    )
    splits, _ = split_pairs(pd.concat([frame, repeated], ignore_index=True))
    holders = [name for name, split in splits.items() if frame["text"][0] in list(split["text"])]
    assert len(holders) == 1


def test_invalid_split_options():
    with pytest.raises(ConfigError):
        SplitOptions(validation_fraction=0.6, test_fraction=0.5)
    with pytest.raises(ConfigError):
        SplitOptions(test_fraction=-0.1)


# ---------------------------------------------------------------- lists and the catalog


def test_pairs_from_lists():
    texts = [f"Texto número {i} con varias palabras." for i in range(60)]
    prepared = pairs_from_lists(
        texts, [f"Resumen {i}." for i in range(60)], split=SplitOptions(seed=1)
    )
    assert prepared.table.format == "lists"
    assert prepared.sizes == {"train": 48, "validation": 6, "test": 6}
    assert prepared.report.rows_kept == 60
    assert any("prueba" in warning for warning in prepared.warnings)  # 6 < 10 test pairs
    assert prepared.split_summary("es").startswith("48 pares")
    with pytest.raises(DataError) as excinfo:
        pairs_from_lists(["a"], [])
    assert_error(excinfo, "data.lists_length_mismatch")


def test_every_data_message_has_spanish_and_english():
    from widgets_llm.messages import data as data_messages

    for key, texts in data_messages.MESSAGES.items():
        assert key.startswith("data.")
        assert texts.get("es") and texts.get("en"), key


def test_engine_data_does_not_import_widgets():
    import subprocess
    import sys

    code = "import sys, widgets_llm.engine.data; print('ipywidgets' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=Path(data.__file__).resolve().parents[2],
        check=True,
    )
    assert result.stdout.strip() == "False"


def test_a_small_test_split_says_what_to_do():
    from widgets_llm.engine.data import RECOMMENDED_TEST_PAIRS, _split_warnings

    [note] = _split_warnings(train=500, test=RECOMMENDED_TEST_PAIRS - 1)
    assert (
        "poco fiables" in note and "Qué hacer" in note and "«División»" in note
    )  # advice, not only a worry
