"""ExperimentBoard without a browser: tick, click, sort, rename, delete, sweep; then assert the state."""
from __future__ import annotations

import json
from datetime import datetime, timedelta

import numpy as np
import pytest

from widgets_llm import set_language
from widgets_llm.engine.config import TrainingConfig
from widgets_llm.engine.data import pairs_from_lists
from widgets_llm.engine.experiments import SWEEP_FILE
from widgets_llm.widgets.experiment_board import ExperimentBoard, perplexity_text

KEYS = ("rouge1", "rouge2", "rougeL", "rougeLsum")
TEST_TEXTS = [f"El mercado de {n} abrió un puesto de frutas. Los vecinos compraron mangos y piñas." for n in range(40)]
REFERENCES = [f"El mercado de {n} abrió un puesto de frutas." for n in range(40)]


def fake_run(parent, name, *, learning_rate=0.001, seed=42, scores, test_print="prueba-1", texts=None, minutes_ago=0):
    """A run folder as save_run writes it, without the model (the board never loads one)."""
    folder = parent / name
    folder.mkdir(parents=True)
    texts = texts or TEST_TEXTS[: len(scores)]
    created = (datetime(2026, 11, 30, 12, 0) - timedelta(minutes=minutes_ago)).astimezone().isoformat(timespec="seconds")
    mean = float(np.mean(scores))
    training = {"status": "finished", "elapsed": 30.0 + minutes_ago, "trainable_parameters": 1000, "total_parameters": 1000}
    (folder / "run.json").write_text(json.dumps({
        "format_version": 1, "created": created, "architecture": "seq2seq", "model_format": "full", "parameters": 1000,
        "base_model": {"kind": "offline", "name": "mini", "architecture": "seq2seq"},
        "data": {"fingerprint": {"train": "tr", "validation": "va", "test": test_print, "all": test_print + "-todo"}},
        "training": training,
    }))
    TrainingConfig(learning_rate=learning_rate, seed=seed).save(folder / "config.yaml")
    report = {**{key: mean for key in KEYS}, "perplexity": 25.0 + seed, "mean_generated_words": 9.0, "num_examples": len(scores),
              "lead_baseline": {key: 0.2 for key in KEYS}}
    (folder / "metrics.json").write_text(json.dumps({"training": training, "test": report}))
    rows = [{"text": text, "reference": REFERENCES[i], "summary": f"Resumen {i} de {name}", "rouge": {key: s for key in KEYS}}
            for i, (text, s) in enumerate(zip(texts, scores))]
    (folder / "test_examples.jsonl").write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows))
    log = [{"loss": 3.0 - step * 0.2 * (1 + learning_rate * 100), "step": step, "stage": "finetune"} for step in range(1, 6)]
    log.append({"eval_loss": 2.5, "step": 5, "stage": "finetune"})
    (folder / "training_log.jsonl").write_text("".join(json.dumps(entry) + "\n" for entry in log))
    return folder


@pytest.fixture
def runs(tmp_path):
    """Three comparable runs (one clearly better) and one tested on other data."""
    rng = np.random.default_rng(0)
    base = rng.uniform(0.15, 0.35, 40)
    parent = tmp_path / "runs"
    fake_run(parent, "tasa-baja", learning_rate=0.0005, scores=base, minutes_ago=30)
    fake_run(parent, "tasa-alta", learning_rate=0.002, scores=base + 0.1, minutes_ago=20)
    fake_run(parent, "otra-semilla", learning_rate=0.0005, seed=7, scores=base + rng.normal(0, 0.01, 40), minutes_ago=10)
    fake_run(parent, "otros-datos", learning_rate=0.0005, scores=base[:10], test_print="prueba-2",
             texts=[f"Otro texto {n}" for n in range(10)], minutes_ago=5)
    return parent


@pytest.fixture(autouse=True)
def spanish():
    set_language("es")
    yield
    set_language("es")


def plain(value: str) -> str:
    import html as html_module
    import re

    return html_module.unescape(re.sub(r"<[^>]+>", "", value))


def column(board, index):
    """The text of one column of the table (after the header row)."""
    import html as html_module
    import re

    width = 8
    cells = board._table.children[width:]
    return [html_module.unescape(re.sub(r"<[^>]+>", "", cells[i].value)) for i in range(index, len(cells), width)]


def test_table_lists_runs_with_what_changed_interval_and_best(runs):
    board = ExperimentBoard(str(runs))
    assert board.rows == ["otros-datos", "otra-semilla", "tasa-alta", "tasa-baja"]  # newest first
    names = column(board, 1)
    changed = dict(zip([n.split(" ")[0] for n in names], column(board, 3)))
    assert changed["tasa-alta"] == "learning_rate=0,002, seed=42"
    assert changed["otra-semilla"] == "learning_rate=0,0005, seed=7"
    rouge = dict(zip([n.split(" ")[0] for n in names], column(board, 4)))
    assert rouge["tasa-alta"].startswith("35,") and "(" in rouge["tasa-alta"] and "–" in rouge["tasa-alta"]
    assert set(board.best) == {"tasa-alta"} and "no parece casualidad" in board.best["tasa-alta"]
    assert "mejor" in names[board.rows.index("tasa-alta")]
    assert "Mejor ejecución: «tasa-alta»" in board._best_line.value
    assert board._comparison_box.layout.display == "none"


def test_headers_sort_the_table_and_a_second_click_reverses(runs):
    board = ExperimentBoard(str(runs))
    board._header_buttons["rougeL"].click()
    assert board.sort_by == "rougeL" and board.descending
    assert board.rows[0] == "tasa-alta"
    board._header_buttons["rougeL"].click()
    assert not board.descending and board.rows[-1] == "tasa-alta"
    board._header_buttons["name"].click()
    assert board.rows == sorted(board.rows)
    assert board._header_buttons["name"].description.endswith("↑")


def test_two_ticked_runs_show_curves_bars_diff_examples_and_the_verdict(runs):
    board = ExperimentBoard(str(runs))
    seen = []
    board.on_selection_change(seen.append)
    board._checkboxes["tasa-baja"].value = True
    board._checkboxes["tasa-alta"].value = True
    assert board.selected == ["tasa-baja", "tasa-alta"] and seen[-1] == ["tasa-baja", "tasa-alta"]
    assert board._comparison_box.layout.display is None
    comparison = board.comparison
    assert comparison.test.significant and comparison.test.winner == "b"
    verdict = board._verdict.value
    assert verdict.index("«tasa-alta» es mejor que «tasa-baja»") < verdict.index("menos")  # words, then numbers
    assert "+10,0 ROUGE-L" in verdict
    labels = [mark.labels[0] for mark in board._loss_figure.marks]
    assert labels == ["tasa-baja (entrenamiento)", "tasa-baja (validación)", "tasa-alta (entrenamiento)", "tasa-alta (validación)"]
    bars = [mark for mark in board._bar_figure.marks if mark.display_legend]
    errors = [mark for mark in board._bar_figure.marks if not mark.display_legend]
    assert [mark.labels[0] for mark in bars] == ["tasa-baja", "tasa-alta"] and len(errors) == 2
    assert np.asarray(errors[1].y).shape == (4, 2)  # one interval per ROUGE score
    assert set(board._bar_x_axis.tick_labels.values()) == {"ROUGE-1", "ROUGE-2", "ROUGE-L", "ROUGE-Lsum"}
    assert "data-setting='learning_rate'" in board._settings_diff.value and "seed" not in board._settings_diff.value
    assert board._example_label.value == "Ejemplo 1 de 40"
    assert "Resumen 0 de tasa-baja" in plain(board._example_html.value) and "Resumen 0 de tasa-alta" in plain(board._example_html.value)
    board._next_button.click()
    assert board._example_label.value == "Ejemplo 2 de 40" and "Resumen 1 de tasa-alta" in plain(board._example_html.value)
    board._order_dropdown.value = "b_better"
    assert board._example_label.value == "Ejemplo 1 de 40"


def test_runs_on_other_test_data_are_refused_with_an_explanation(runs):
    board = ExperimentBoard(str(runs))
    board.select(["tasa-baja", "otros-datos"])
    assert board.comparison is None
    assert board.comparison_error.key == "experiments.different_test_data"
    assert "data-verdict='refused'" in board._verdict.value and "ejemplos de prueba distintos" in board._verdict.value
    assert board._examples_box.layout.display == "none"
    board.select(["tasa-baja", "tasa-alta", "otra-semilla"])
    assert board.comparison is None and "marca exactamente dos" in board._verdict.value
    assert len([m for m in board._bar_figure.marks if m.display_legend]) == 3


def test_rename_and_delete_ask_first(runs):
    board = ExperimentBoard(str(runs))
    renamed, deleted = [], []
    board.on_run_renamed(lambda old, new: renamed.append((old, new)))
    board.on_run_deleted(deleted.append)
    board.select(["tasa-baja"])
    assert board._single_actions.layout.display is None
    board._rename_button.click()
    board._rename_text.value = "con espacios"
    board._rename_confirm.click()
    assert "no sirve como nombre" in board._message.text and (runs / "tasa-baja").is_dir()
    board._rename_text.value = "tasa-0005"
    board._rename_confirm.click()
    assert renamed == [("tasa-baja", "tasa-0005")] and (runs / "tasa-0005").is_dir()
    assert board.selected == ["tasa-0005"] and "tasa-0005" in board.rows
    board._delete_button.click()
    assert "No se puede deshacer" in board._delete_question.value and (runs / "tasa-0005").is_dir()
    board._delete_cancel.click()
    assert (runs / "tasa-0005").is_dir() and board._delete_row.layout.display == "none"
    board._delete_button.click()
    board._delete_confirm.click()
    assert not (runs / "tasa-0005").exists() and deleted == ["tasa-0005"] and "tasa-0005" not in board.rows


def test_english_board():
    set_language("en")
    board = ExperimentBoard("/nonexistent/runs")
    assert board._header_buttons["rougeL"].description.startswith("ROUGE-L (interval)")
    assert "no saved runs" in board._empty.value
    assert board.rows == []
    assert perplexity_text(31234.0) == "3.1·10^4"
    set_language("es")
    assert perplexity_text(31234.0) == "3,1·10^4" and perplexity_text(12.345) == "12,35"


def test_sweep_panel_counts_runs_and_explains_bad_values(tmp_path):
    board = ExperimentBoard(str(tmp_path / "runs"), config=TrainingConfig(max_steps=1), model="offline-t5-mini")
    assert "Elige al menos un ajuste" in board._sweep_count.value
    board.set_grid({"learning_rate": ["0,001", "0,0005"], "seed": [1, 2]})
    assert board.grid == {"learning_rate": ["0,001", "0,0005"], "seed": ["1", "2"]}
    assert "4 ejecuciones" in board._sweep_count.value
    board._grid_rows[1][1].value = "1; dos"
    assert "«dos» no sirve para «seed»" in board._sweep_message.text
    board._grid_rows[1][1].value = "1; 2; 3"
    assert "6 ejecuciones" in board._sweep_count.value and board._sweep_message.text == ""
    board._start_button.click()  # no data: the error shows inside, nothing starts
    assert "necesita datos" in board._sweep_message.text and board.sweep is None and board.status == "idle"


def test_a_sweep_fills_the_table_stops_between_runs_and_resumes(tmp_path):
    texts = [f"La feria del libro de {n} reunió a {n + 10} editoriales. Hubo lecturas para niños." for n in range(30)]
    summaries = [f"La feria del libro de {n} reunió editoriales." for n in range(30)]
    data = pairs_from_lists(texts, summaries)
    config = TrainingConfig(max_steps=1, batch_size=8, max_input_length=32, max_target_length=8, warmup="off", precision="fp32")
    board = ExperimentBoard(str(tmp_path / "runs"), data=data, config=config, model="offline-t5-mini", synchronous=True)
    board.set_grid({"learning_rate": [0.003, 0.001]})
    board._sweep_folder.value = "barrido"
    finished_runs, ended = [], []
    board.on_run_finished(lambda event: (finished_runs.append(event.name), board.stop_sweep(now=False)))
    board.on_sweep_finished(ended.append)
    board._start_button.click()
    assert ended and board.sweep.status == "stopped" and board.status == "idle"
    assert finished_runs == ["learning_rate=0.003"]
    assert board.rows == ["barrido/learning_rate=0.003", "barrido/learning_rate=0.001"]
    assert column(board, 7) == ["terminada", "en espera"]
    assert "Reanudar" in board._sweep_line.value and board._resume_button.layout.display is None
    board.on_run_finished(lambda event: finished_runs.append(event.name))
    board._resume_button.click()
    assert board.sweep.status == "finished" and finished_runs[-1] == "learning_rate=0.001"
    assert sorted(column(board, 7)) == ["terminada", "terminada"]
    assert [r.status for r in board.sweep.results] == ["skipped", "finished"]  # the finished run was not repeated
    record = json.loads((tmp_path / "runs" / "barrido" / SWEEP_FILE).read_text())
    assert [run["status"] for run in record["runs"]] == ["finished", "finished"]
    assert board._sweep_progress.value == 1.0
