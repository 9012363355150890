"""The command line, run as a user would: real files, real training on a tiny model."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest

from widgets_llm import cli

SPANISH_PAIRS = [
    (
        f"La cooperativa {name} de {town} inauguró este lunes un centro de acopio de café. "
        f"Según su presidenta, el nuevo local permitirá a {n} familias vender la cosecha sin intermediarios "
        f"y recibir un precio justo. La obra costó {n * 1000} pesos y se financió con aportes de los socios.",
        f"La cooperativa {name} abrió un centro de acopio de café para que {n} familias vendan sin intermediarios.",
    )
    for n, (name, town) in enumerate(
        [("Los Pinos", "Ocotal"), ("El Roble", "Matagalpa"), ("La Ceiba", "Jinotega"), ("Santa Fe", "Estelí"),
         ("Río Claro", "Somoto"), ("Las Nubes", "Boaco"), ("El Mirador", "Juigalpa"), ("San Isidro", "Rivas"),
         ("La Esperanza", "Granada"), ("Monte Verde", "Masaya"), ("El Sauce", "León"), ("Los Ángeles", "Chinandega"),
         ("Buena Vista", "Diriamba"), ("La Unión", "Jinotepe"), ("El Progreso", "Nandaime"), ("San Juan", "Acoyapa"),
         ("Las Flores", "Camoapa"), ("El Carmen", "Teustepe"), ("Santa Rosa", "Tipitapa"), ("La Paz", "Ticuantepe"),
         ("Nueva Vida", "Nagarote"), ("El Ocote", "Telica"), ("Piedra Azul", "Wiwilí"), ("Agua Fría", "Quilalí")],
        start=20,
    )
]


@pytest.fixture(scope="module")
def data_file(tmp_path_factory):
    import pandas as pd

    path = tmp_path_factory.mktemp("cli") / "cooperativas.csv"
    pd.DataFrame(SPANISH_PAIRS, columns=["noticia", "resumen"]).to_csv(path, index=False, sep=";")
    return path


@pytest.fixture(scope="module")
def trained_run(data_file, tmp_path_factory):
    output = tmp_path_factory.mktemp("cli-run") / "run"
    code = cli.main(["train", "--data", str(data_file), "--model", "offline-t5-mini", "--preset", "fast",
                     "--epochs", "6", "--seed", "3", "--output", str(output)])
    assert code == 0
    return output


def run_json(capsys, argv):
    assert cli.main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_data_json_reports_what_training_uses(data_file, capsys):
    before = hashlib.sha256(data_file.read_bytes()).hexdigest()
    report = run_json(capsys, ["data", str(data_file), "--json"])
    assert report["rows_in"] == len(SPANISH_PAIRS)
    assert report["rows_kept"] == len(SPANISH_PAIRS)
    assert report["text_column"] == "noticia"
    assert report["summary_column"] == "resumen"
    assert hashlib.sha256(data_file.read_bytes()).hexdigest() == before


def test_data_human_output_is_spanish(data_file, capsys):
    assert cli.main(["data", str(data_file)]) == 0
    out = capsys.readouterr().out
    assert "Columna de texto: «noticia»" in out
    assert "Filas leídas: 24" in out


def test_train_writes_a_run_folder(trained_run):
    assert (trained_run / "run.json").is_file()
    assert (trained_run / "config.yaml").is_file()
    assert (trained_run / "README.md").read_text(encoding="utf-8").strip()
    metrics = json.loads((trained_run / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["training"]["status"] == "finished"


def test_evaluate_json_has_the_promised_keys(trained_run, data_file, capsys):
    report = run_json(capsys, ["evaluate", str(trained_run), "--data", str(data_file), "--json"])
    for key in ("rouge1", "rouge2", "rougeL", "rougeLsum"):
        assert 0.0 <= report[key] <= 1.0
        assert 0.0 <= report["lead_baseline"][key] <= 1.0
    assert report["num_examples"] == len(SPANISH_PAIRS)
    assert report["perplexity"] > 1.0


def test_compare_json_shows_base_tuned_and_lead(trained_run, data_file, capsys):
    report = run_json(capsys, ["compare", str(trained_run), "--data", str(data_file), "--json"])
    for side in ("base", "tuned", "lead_baseline"):
        assert set(report[side]) >= {"rouge1", "rouge2", "rougeL", "rougeLsum"}
    assert len(report["examples"]) == len(SPANISH_PAIRS)
    first = report["examples"][0]
    assert {"text", "reference", "base", "tuned"} <= set(first)
    # The tuned model learned the task: it beats the untrained base model it started from.
    assert report["tuned"]["rougeL"] > report["base"]["rougeL"]


def test_summarize_prints_one_summary_per_text(trained_run, tmp_path, capsys):
    texts = tmp_path / "nuevos.txt"
    texts.write_text(SPANISH_PAIRS[0][0] + "\n\n" + SPANISH_PAIRS[1][0], encoding="utf-8")
    assert cli.main(["summarize", str(trained_run), "--file", str(texts)]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.strip()]
    assert len(lines) == 2
    assert cli.main(["summarize", str(trained_run), "--text", SPANISH_PAIRS[2][0]]) == 0
    assert capsys.readouterr().out.strip()


@pytest.mark.parametrize(
    "argv_tail, spanish, english",
    [
        (["data", "/no/existe.csv"], "No encuentro el archivo", "cannot be found"),
        (["evaluate", "/no/existe", "--data", "ejemplo_es"], "", ""),
    ],
)
def test_errors_are_one_clear_line_without_traceback(argv_tail, spanish, english, capsys):
    assert cli.main(argv_tail) != 0
    err = capsys.readouterr().err.strip()
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1
    assert spanish in err
    assert cli.main(argv_tail + ["--lang", "en"]) != 0
    err_en = capsys.readouterr().err.strip()
    assert english in err_en and err_en != err


def test_bad_file_exit_status_from_a_real_process(tmp_path):
    bad = tmp_path / "binario.csv"
    bad.write_bytes(bytes(range(256)) * 4)
    before = bad.read_bytes()
    proc = subprocess.run([sys.executable, "-m", "widgets_llm.cli", "data", str(bad)], capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip()
    assert bad.read_bytes() == before


def test_debug_shows_the_traceback(capsys):
    with pytest.raises(Exception):
        cli.main(["data", "/no/existe.csv", "--debug"])
