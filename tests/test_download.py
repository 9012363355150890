"""Downloading hub models a person can watch, stop and resume, against a local hub.

Every test here talks to :class:`widgets_llm.testing.local_hub.LocalHub` on 127.0.0.1 (the
``local_hub`` fixture): nothing reaches the real Hugging Face Hub.
"""

from __future__ import annotations

import re
import socket

import pytest

from widgets_llm.engine import download, models
from widgets_llm.engine.download import (
    DownloadProgress,
    download_model,
    files_to_download,
    is_downloaded,
    select_files,
)
from widgets_llm.errors import ModelError
from widgets_llm.formatting import format_bytes
from widgets_llm.messages import get_language, set_language

MODEL_ID = "prueba-org/t5-diminuto"
WEIGHTS = "model.safetensors"
SPANISH = (
    "El niño comió una manzana en la plaza del pueblo y la cooperativa abrió su centro de acopio."
)
TEXTS = [
    "El niño comió una manzana en la plaza del pueblo.",
    "La cooperativa abrió un centro de acopio de café en Matagalpa.",
    "El ayuntamiento inauguró una biblioteca con más de tres mil libros.",
    "Según la presidenta, las familias venderán la cosecha sin intermediarios.",
] * 10


@pytest.fixture(scope="module")
def served_bundle():
    """A tiny T5 (offline model, size "mini"): the model and tokenizer the hub will serve."""
    bundle = models.build_offline_model(TEXTS, size="mini", seed=5)
    bundle.model.eval()
    return bundle


@pytest.fixture(scope="module")
def model_folder(served_bundle, tmp_path_factory):
    folder = tmp_path_factory.mktemp("served") / "t5-diminuto"
    served_bundle.model.save_pretrained(folder)
    served_bundle.tokenizer.save_pretrained(folder)
    return folder


@pytest.fixture
def hub(local_hub, model_folder):
    local_hub.add_model(MODEL_ID, model_folder)
    return local_hub


def weight_gets(hub):
    return hub.file_gets(MODEL_ID, WEIGHTS)


def partial_files(hub_cache):
    return list(hub_cache.rglob("*.incomplete"))


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def assert_same_model(loaded, served):
    import torch

    expected = served.model.state_dict()
    got = loaded.model.state_dict()
    assert set(got) == set(expected)
    for name, tensor in expected.items():
        assert torch.equal(got[name], tensor), name
    assert loaded.tokenizer(SPANISH).input_ids == served.tokenizer(SPANISH).input_ids


# --------------------------------------------------------------------------- which files


def test_select_files_keeps_what_from_pretrained_needs_and_one_weight_format():
    listing = {
        "config.json": 700,
        "generation_config.json": 200,
        "tokenizer.json": 2_000_000,
        "tokenizer_config.json": 2_000,
        "special_tokens_map.json": 300,
        "spiece.model": 800_000,
        "chat_template.jinja": 900,
        "additional_chat_templates/rag.jinja": 400,
        "README.md": 5_000,
        ".gitattributes": 1_500,
        "model.safetensors": 240_000_000,
        "pytorch_model.bin": 240_000_000,
        "tf_model.h5": 240_000_000,
        "flax_model.msgpack": 240_000_000,
        "rust_model.ot": 240_000_000,
        "onnx/encoder_model.onnx": 100_000_000,
        "training_args.bin": 4_000,
        "modeling_custom.py": 3_000,
        "model.gguf": 100_000_000,
        "openvino_model.xml": 1_000,
        "openvino_model.bin": 240_000_000,
    }
    chosen = select_files(listing)
    assert [path for path, _ in chosen] == [
        "README.md",
        "additional_chat_templates/rag.jinja",
        "chat_template.jinja",
        "config.json",
        "generation_config.json",
        "special_tokens_map.json",
        "spiece.model",
        "tokenizer.json",
        "tokenizer_config.json",
        "model.safetensors",
    ]
    assert dict(chosen)["model.safetensors"] == 240_000_000

    sharded = {
        "config.json": 1,
        "model.safetensors.index.json": 2,
        "model-00001-of-00002.safetensors": 3,
        "model-00002-of-00002.safetensors": 4,
        "pytorch_model.bin": 5,
        "tokenizer.json": 6,
    }
    assert [p for p, _ in select_files(sharded)][-3:] == [
        "model.safetensors.index.json",
        "model-00001-of-00002.safetensors",
        "model-00002-of-00002.safetensors",
    ]
    assert "pytorch_model.bin" not in dict(select_files(sharded))

    only_bin = {
        "config.json": 1,
        "pytorch_model.bin": 5,
        "vocab.json": 2,
        "merges.txt": 3,
        "tf_model.h5": 9,
    }
    assert [p for p, _ in select_files(only_bin)] == [
        "config.json",
        "merges.txt",
        "vocab.json",
        "pytorch_model.bin",
    ]


def test_files_to_download_asks_the_hub(hub, model_folder):
    files = files_to_download(MODEL_ID)
    assert dict(files) == {p.name: p.stat().st_size for p in model_folder.iterdir()}
    assert files[-1][0] == WEIGHTS  # weights last
    assert weight_gets(hub) == []  # listing transfers no file


def test_hub_settings_are_read_when_called(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9/")
    monkeypatch.delenv("HF_HUB_CACHE", raising=False)
    monkeypatch.delenv("HUGGINGFACE_HUB_CACHE", raising=False)
    monkeypatch.setenv("HF_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    settings = download.hub_settings()
    assert settings.endpoint == "http://127.0.0.1:9"
    assert settings.cache_dir == tmp_path / "home" / "hub"
    assert settings.offline is True
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "0")
    monkeypatch.setenv("HF_HUB_OFFLINE", "0")
    assert download.hub_settings().cache_dir == tmp_path / "cache"
    assert download.hub_settings().offline is False


# --------------------------------------------------------------------------- progress


def test_download_reports_progress_up_to_the_total(hub):
    hub.throttle_bytes_s = 2_000_000  # about 0.6 s: several reports
    total = hub.total_size(MODEL_ID)
    events: list[DownloadProgress] = []
    folder = download_model(MODEL_ID, on_progress=events.append)

    assert (folder / WEIGHTS).is_file() and (folder / "config.json").is_file()
    assert len(events) >= 3
    assert {e.total_bytes for e in events} == {total}  # known before the first byte
    done = [e.done_bytes for e in events]
    assert done == sorted(done) and done[-1] == total
    assert events[0].percent < 50
    final = events[-1]
    assert final.finished and final.percent == 100 and final.files_done == final.files_total == 5
    assert not any(e.finished for e in events[:-1])
    assert final.downloaded_bytes == total and not final.from_cache

    total_text = format_bytes(total, "es")
    assert re.fullmatch(r"1,\d MB", total_text)  # a decimal comma
    middle = next(e for e in events if 0 < e.percent < 100 and e.speed_bytes_s > 0)
    text = middle.describe()
    assert text.startswith(f"Descargando {MODEL_ID}: ")
    pattern = (
        rf"\d+\s% \(\d+(,\d)? (B|kB|MB) de {total_text}\) · \d+,\d (kB|MB)/s · "
        rf"quedan (\d+ s|menos de 1 s)"
    )
    assert re.fullmatch(f"Descargando {MODEL_ID}: {pattern}", text), text
    english = middle.describe("en")
    assert (
        english.startswith(f"Downloading {MODEL_ID}: ")
        and f"of {total_text.replace(',', '.')}" in english
    )
    assert "," not in english.split(":")[1]
    assert re.fullmatch(
        f"{MODEL_ID} descargado: {total_text} en (\\d+ s|menos de 1 s)\\.", final.describe()
    )
    assert is_downloaded(MODEL_ID)


def test_second_load_downloads_nothing_and_loads_the_served_weights(hub, served_bundle):
    first = models.load_model(MODEL_ID)
    assert_same_model(first, served_bundle)
    assert first.source.kind == "hub" and first.source.name == MODEL_ID
    assert len(weight_gets(hub)) == 1
    # Only the listed files were asked for: from_pretrained itself went to the hub for nothing.
    assert hub.wait_idle()  # every answer recorded
    assert [r for r in hub.requests if r.status >= 400] == []
    assert is_downloaded(MODEL_ID)

    hub.clear_log()
    events: list[DownloadProgress] = []
    again = models.load_model(MODEL_ID, on_progress=events.append)
    assert hub.file_gets() == []  # no file transferred, weights or otherwise
    assert not any(r.method == "HEAD" for r in hub.requests)
    assert len(events) == 1 and events[0].from_cache
    total_text = format_bytes(hub.total_size(MODEL_ID), "es")
    assert (
        events[0].describe()
        == f"{MODEL_ID} ya está en esta computadora ({total_text}): no hace falta descargarlo."
    )
    assert_same_model(again, served_bundle)


def test_cancel_halfway_then_retry_resumes(hub, served_bundle):
    hub.throttle_bytes_s = 1_000_000
    total = hub.total_size(MODEL_ID)
    stop = []

    def on_progress(progress):
        if progress.current_file == WEIGHTS and progress.downloaded_bytes > 100_000:
            stop.append(progress.done_bytes)

    with pytest.raises(ModelError) as error:
        models.load_model(MODEL_ID, on_progress=on_progress, should_stop=lambda: bool(stop))
    assert error.value.key == "download.cancelled"
    assert "sigue donde se quedó" in error.value.suggestion("es")
    assert not is_downloaded(MODEL_ID)
    (partial,) = partial_files(download.hub_settings().cache_dir)
    kept = partial.stat().st_size
    assert 0 < kept < hub.total_size(MODEL_ID, [WEIGHTS])

    assert hub.wait_idle()  # the abandoned response ends on the server's side too
    hub.clear_log()
    hub.throttle_bytes_s = None
    events: list[DownloadProgress] = []
    loaded = models.load_model(MODEL_ID, on_progress=events.append)
    (resumed,) = weight_gets(hub)
    assert resumed.range == f"bytes={kept}-" and resumed.status == 206
    assert resumed.bytes_sent == hub.total_size(MODEL_ID, [WEIGHTS]) - kept
    assert events[0].done_bytes >= kept  # the kept part counts as done from the start
    assert events[-1].finished and events[-1].done_bytes == total
    assert partial_files(download.hub_settings().cache_dir) == []
    assert is_downloaded(MODEL_ID)
    assert_same_model(loaded, served_bundle)


def test_connection_cut_halfway_says_so_and_retry_resumes(hub, served_bundle):
    cut_at = hub.total_size(MODEL_ID, [WEIGHTS]) // 2
    hub.cut_connection(MODEL_ID, WEIGHTS, cut_at)
    with pytest.raises(ModelError) as error:
        download_model(MODEL_ID)
    assert error.value.key == "download.connection_lost"
    assert "Se cortó la conexión" in error.value.message("es")
    assert "sigue donde se quedó" in error.value.suggestion("es")
    assert "continues where it stopped" in error.value.suggestion("en")
    assert [r.bytes_sent for r in weight_gets(hub)][0] == cut_at
    assert not is_downloaded(MODEL_ID)

    hub.clear_cuts()
    assert hub.wait_idle()
    hub.clear_log()
    loaded = models.load_model(MODEL_ID)
    (resumed,) = weight_gets(hub)
    assert resumed.range == f"bytes={cut_at}-" and resumed.status == 206
    assert is_downloaded(MODEL_ID)
    assert_same_model(loaded, served_bundle)


# --------------------------------------------------------------------------- errors


def test_a_name_that_does_not_exist(hub):
    with pytest.raises(ModelError) as error:
        models.load_model("prueba-org/no-existe")
    assert error.value.key == "download.repo_not_found"
    message = error.value.message("es")
    assert "no existe" in message and "privado" in message
    assert "inicia sesión" in error.value.suggestion("es")
    # The hub records a request after answering it: the client may have raised before that.
    assert hub.wait_idle()
    assert hub.requests[-1].error_code == "RepoNotFound"


def test_a_gated_model(hub, model_folder):
    hub.add_model("prueba-org/restringido", model_folder, gated=True)
    with pytest.raises(ModelError) as error:
        models.load_model("prueba-org/restringido")
    assert error.value.key == "download.gated"
    assert f"{hub.endpoint}/prueba-org/restringido" in error.value.suggestion("es")
    assert "acepta las condiciones" in error.value.suggestion("es")
    assert hub.file_gets() == []


def test_a_model_without_pytorch_weights(hub, tmp_path):
    folder = tmp_path / "solo-tf"
    folder.mkdir()
    (folder / "config.json").write_text('{"model_type": "t5"}', encoding="utf-8")
    (folder / "tf_model.h5").write_bytes(b"\0" * 1000)
    hub.add_model("prueba-org/solo-tensorflow", folder)
    with pytest.raises(ModelError) as error:
        models.load_model("prueba-org/solo-tensorflow")
    assert error.value.key == "download.no_weights"
    assert hub.file_gets() == []


def test_no_connection(hub, monkeypatch):
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{closed_port()}")
    with pytest.raises(ModelError) as direct:
        download_model(MODEL_ID)
    assert direct.value.key == "download.no_connection"
    assert "offline" in direct.value.suggestion("es")
    # Loading finds no hub at once and looks in the cache only: nothing there.
    with pytest.raises(ModelError) as loading:
        models.load_model(MODEL_ID)
    assert loading.value.key == "models.no_connection"
    assert hub.requests == []


def test_offline_mode_is_named(hub, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelError) as error:
        download_model(MODEL_ID)
    assert error.value.key == "download.offline_mode"
    assert "HF_HUB_OFFLINE" in error.value.message("es")
    assert hub.requests == []


def test_a_downloaded_model_loads_without_connection(hub, served_bundle, monkeypatch):
    download_model(MODEL_ID)
    hub.clear_log()
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{closed_port()}")
    assert_same_model(models.load_model(MODEL_ID), served_bundle)
    events: list[DownloadProgress] = []
    download_model(MODEL_ID, on_progress=events.append)  # no hub: the cached copy is used
    assert [e.from_cache for e in events] == [True]
    assert hub.requests == []


# --------------------------------------------------------------------------- the hub's API


def test_transformers_downloads_from_the_local_hub_by_itself(hub, served_bundle):
    """The server answers what from_pretrained asks when it downloads on its own."""
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    cache = str(download.hub_settings().cache_dir)
    tokenizer = AutoTokenizer.from_pretrained(MODEL_ID, cache_dir=cache)
    model = AutoModelForSeq2SeqLM.from_pretrained(MODEL_ID, cache_dir=cache)
    assert tokenizer(SPANISH).input_ids == served_bundle.tokenizer(SPANISH).input_ids
    assert model.num_parameters() == served_bundle.model.num_parameters()
    assert hub.wait_idle()  # every answer recorded
    unanswered = [r for r in hub.requests if r.status >= 400 and r.error_code != "EntryNotFound"]
    assert unanswered == []
    assert any("/tree/" in r.path for r in hub.requests)  # chat templates folder listing


def test_a_catalog_replica_downloads_and_loads(local_hub, tmp_path):
    """google/mt5-small as the Hub ships it: PyTorch weights only and a SentencePiece vocabulary."""
    replicas = pytest.importorskip("widgets_llm.testing.replicas")
    from transformers import AutoModelForSeq2SeqLM

    folder = replicas.build_replica("google/mt5-small", tmp_path / "mt5-small")
    local_hub.add_model("google/mt5-small", folder)
    loaded = models.load_model("google/mt5-small")
    assert loaded.source.to_dict() == {
        "kind": "hub",
        "name": "google/mt5-small",
        "architecture": "seq2seq",
    }
    assert loaded.model.config.model_type == "mt5"
    fetched = {record.path.rsplit("/", 1)[-1] for record in local_hub.file_gets("google/mt5-small")}
    assert fetched == {path.name for path in folder.iterdir()}
    assert is_downloaded("google/mt5-small")
    served = AutoModelForSeq2SeqLM.from_pretrained(folder)
    assert_same_model(loaded, type("Served", (), {"model": served, "tokenizer": loaded.tokenizer}))


# --------------------------------------------------------------------------- the command line


def test_cli_train_shows_the_download_on_stderr(hub, tmp_path, capsys):
    import pandas as pd

    from widgets_llm import cli

    data = tmp_path / "noticias.csv"
    texts = [
        f"{text} Fue la noticia número {n} de la semana en la región."
        for n, text in enumerate(TEXTS[:4] * 3)
    ]
    pd.DataFrame({"texto": texts, "resumen": [" ".join(t.split()[:5]) for t in texts]}).to_csv(
        data, index=False
    )
    hub.throttle_bytes_s = 1_000_000  # a bit over a second: progress reported several times
    code = cli.main(
        [
            "train",
            "--data",
            str(data),
            "--model",
            MODEL_ID,
            "--preset",
            "fast",
            "--max-steps",
            "1",
            "--output",
            str(tmp_path / "run"),
        ]
    )
    err = capsys.readouterr().err
    assert code == 0, err
    lines = [
        line
        for line in err.splitlines()
        if MODEL_ID in line and "%" in line or "descargado" in line
    ]
    # Not a terminal: the first report, at most one line every two seconds, and the last.
    assert lines[0].startswith(f"Descargando {MODEL_ID}: 0\u00a0% (")
    assert lines[-1].startswith(f"{MODEL_ID} descargado: ")
    assert 2 <= len(lines) <= 3
    assert "\r" not in err


def test_cli_download_errors_are_one_line_in_the_chosen_language(hub, tmp_path, capsys):
    from widgets_llm import cli

    argv = [
        "train",
        "--data",
        "ejemplo_es",
        "--model",
        "prueba-org/no-existe",
        "--output",
        str(tmp_path / "run"),
    ]
    language = get_language()
    try:
        assert cli.main(argv + ["--lang", "en"]) == cli.EXIT_USER_ERROR
    finally:
        set_language(language)  # --lang changes it for the whole process
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith(
        "The Hugging Face Hub has no public model called 'prueba-org/no-existe'"
    )
    assert "Traceback" not in "\n".join(err)


def test_cli_progress_on_a_terminal_is_one_line_rewritten():
    import io

    from widgets_llm.cli import _DownloadPrinter

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    screen = Terminal()
    printer = _DownloadPrinter(screen)
    for done in (0, 600_000, 1_200_000):
        printer(DownloadProgress(MODEL_ID, done_bytes=done, total_bytes=1_200_000, files_total=5))
    assert "\n" not in screen.getvalue() and screen.getvalue().count("\r") == 3
    printer(
        DownloadProgress(
            MODEL_ID, done_bytes=1_200_000, total_bytes=1_200_000, finished=True, elapsed_s=3
        )
    )
    text = screen.getvalue()
    assert text.endswith(
        f"\r{MODEL_ID} descargado: 1,2 MB en 3 s.           \n"
    )  # padded over the longer line
    printer.end_line()  # nothing left open: no blank line
    assert screen.getvalue() == text
