"""ExperimentBoard without a browser: tick, click, sort, rename, delete, sweep; then assert the
state."""

from __future__ import annotations

import json
import threading
from datetime import datetime, timedelta

import ipywidgets as widgets
import numpy as np
import pytest
from conftest import find, find_all, wait_for

from widgets_llm import set_language
from widgets_llm.engine.config import TrainingConfig
from widgets_llm.engine.data import pairs_from_lists
from widgets_llm.engine.experiments import SWEEP_FILE
from widgets_llm.engine.sweeps import Sweep, SweepEstimate
from widgets_llm.errors import ExperimentError
from widgets_llm.messages import t
from widgets_llm.formatting import format_perplexity
from widgets_llm.widgets.experiment_board import ExperimentBoard

KEYS = ("rouge1", "rouge2", "rougeL", "rougeLsum")
TEST_TEXTS = [
    f"El mercado de {n} abrió un puesto de frutas. Los vecinos compraron mangos y piñas."
    for n in range(40)
]
REFERENCES = [f"El mercado de {n} abrió un puesto de frutas." for n in range(40)]


def fake_run(
    parent,
    name,
    *,
    learning_rate=0.001,
    seed=42,
    scores,
    test_print="prueba-1",
    texts=None,
    minutes_ago=0,
):
    """A run folder as save_run writes it, without the model (the board never loads one)."""
    folder = parent / name
    folder.mkdir(parents=True)
    texts = texts or TEST_TEXTS[: len(scores)]
    created = (
        (datetime(2026, 11, 30, 12, 0) - timedelta(minutes=minutes_ago))
        .astimezone()
        .isoformat(timespec="seconds")
    )
    mean = float(np.mean(scores))
    training = {
        "status": "finished",
        "elapsed": 30.0 + minutes_ago,
        "trainable_parameters": 1000,
        "total_parameters": 1000,
    }
    (folder / "run.json").write_text(
        json.dumps(
            {
                "format_version": 1,
                "created": created,
                "architecture": "seq2seq",
                "model_format": "full",
                "parameters": 1000,
                "base_model": {"kind": "offline", "name": "mini", "architecture": "seq2seq"},
                "data": {
                    "fingerprint": {
                        "train": "tr",
                        "validation": "va",
                        "test": test_print,
                        "all": test_print + "-todo",
                    }
                },
                "training": training,
            }
        )
    )
    TrainingConfig(learning_rate=learning_rate, seed=seed).save(folder / "config.yaml")
    report = {
        **{key: mean for key in KEYS},
        "perplexity": 25.0 + seed,
        "mean_generated_words": 9.0,
        "num_examples": len(scores),
        "lead_baseline": {key: 0.2 for key in KEYS},
    }
    (folder / "metrics.json").write_text(json.dumps({"training": training, "test": report}))
    rows = [
        {
            "text": text,
            "reference": REFERENCES[i],
            "summary": f"Resumen {i} de {name}",
            "rouge": {key: s for key in KEYS},
        }
        for i, (text, s) in enumerate(zip(texts, scores))
    ]
    (folder / "test_examples.jsonl").write_text(
        "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    )
    log = [
        {"loss": 3.0 - step * 0.2 * (1 + learning_rate * 100), "step": step, "stage": "finetune"}
        for step in range(1, 6)
    ]
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
    fake_run(
        parent,
        "otra-semilla",
        learning_rate=0.0005,
        seed=7,
        scores=base + rng.normal(0, 0.01, 40),
        minutes_ago=10,
    )
    fake_run(
        parent,
        "otros-datos",
        learning_rate=0.0005,
        scores=base[:10],
        test_print="prueba-2",
        texts=[f"Otro texto {n}" for n in range(10)],
        minutes_ago=5,
    )
    return parent


pytestmark = pytest.mark.usefixtures("spanish")


def plain(value: str) -> str:
    import html as html_module
    import re

    return html_module.unescape(re.sub(r"<[^>]+>", "", value))


def header(board, key):
    """The heading button of a column, as a person reads it (with or without its sort arrow)."""
    label = t(f"board.column.{key}")
    found = [b for b in find_all(board, widgets.Button) if b.description.rstrip(" ↑↓") == label]
    assert len(found) == 1, label
    return found[0]


def shown(root, kind, label):
    """The one widget of ``kind`` labelled ``label`` that is on screen (no hidden box around it)."""
    hidden = set()
    stack = [(root, False)]
    while stack:
        widget, inside_hidden = stack.pop()
        inside_hidden = (
            inside_hidden or getattr(getattr(widget, "layout", None), "display", None) == "none"
        )
        if inside_hidden:
            hidden.add(id(widget))
        stack.extend((child, inside_hidden) for child in getattr(widget, "children", None) or ())
    found = [w for w in find_all(root, kind, label) if id(w) not in hidden]
    assert len(found) == 1, (label, len(found))
    return found[0]


def column(board, index):
    """The text of one column of the table (after the header row)."""
    import html as html_module
    import re

    width = 8
    cells = board._table.children[width:]
    return [
        html_module.unescape(re.sub(r"<[^>]+>", "", cells[i].value))
        for i in range(index, len(cells), width)
    ]


def test_table_lists_runs_with_what_changed_interval_and_best(runs):
    board = ExperimentBoard(str(runs))
    assert board.rows == ["otros-datos", "otra-semilla", "tasa-alta", "tasa-baja"]  # newest first
    names = column(board, 1)
    changed = dict(zip([n.split(" ")[0] for n in names], column(board, 3)))
    assert changed["tasa-alta"] == "learning_rate=0,002, seed=42"
    assert changed["otra-semilla"] == "learning_rate=0,0005, seed=7"
    rouge = dict(zip([n.split(" ")[0] for n in names], column(board, 4)))
    assert (
        rouge["tasa-alta"].startswith("35,")
        and "(" in rouge["tasa-alta"]
        and "–" in rouge["tasa-alta"]
    )
    assert set(board.best) == {"tasa-alta"} and "no parece casualidad" in board.best["tasa-alta"]
    assert "mejor" in names[board.rows.index("tasa-alta")]
    assert "Mejor entrenamiento: «tasa-alta»" in board._best_line.value
    assert board._comparison_box.layout.display == "none"


def test_headers_sort_the_table_and_a_second_click_reverses(runs):
    board = ExperimentBoard(str(runs))
    header(board, "rougeL").click()
    assert board.sort_by == "rougeL" and board.descending
    assert board.rows[0] == "tasa-alta"
    header(board, "rougeL").click()
    assert not board.descending and board.rows[-1] == "tasa-alta"
    header(board, "name").click()
    assert board.rows == sorted(board.rows)
    assert header(board, "name").description.endswith("↑")


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
    assert verdict.index("«tasa-alta» es mejor que «tasa-baja»") < verdict.index(
        "menos"
    )  # words, then numbers
    assert "+10,0 ROUGE-L" in verdict
    labels = [mark.labels[0] for mark in board._loss_figure.marks]
    assert labels == [
        "tasa-baja (entrenamiento)",
        "tasa-baja (validación)",
        "tasa-alta (entrenamiento)",
        "tasa-alta (validación)",
    ]
    bars = [mark for mark in board._bar_figure.marks if mark.display_legend]
    errors = [mark for mark in board._bar_figure.marks if not mark.display_legend]
    assert [mark.labels[0] for mark in bars] == ["tasa-baja", "tasa-alta"] and len(errors) == 2
    assert np.asarray(errors[1].y).shape == (4, 2)  # one interval per ROUGE score
    assert set(board._bar_x_axis.tick_labels.values()) == {
        "ROUGE-1",
        "ROUGE-2",
        "ROUGE-L",
        "ROUGE-Lsum",
    }
    assert (
        "data-setting='learning_rate'" in board._settings_diff.value
        and "seed" not in board._settings_diff.value
    )
    assert board._example_label.value == "Ejemplo 1 de 40"
    assert "Resumen 0 de tasa-baja" in plain(
        board._example_html.value
    ) and "Resumen 0 de tasa-alta" in plain(board._example_html.value)
    find(board, widgets.Button, "Siguiente").click()
    assert board._example_label.value == "Ejemplo 2 de 40" and "Resumen 1 de tasa-alta" in plain(
        board._example_html.value
    )
    find(board, widgets.Dropdown, "Ordenar").value = "b_better"
    assert board._example_label.value == "Ejemplo 1 de 40"


def test_runs_on_other_test_data_are_refused_with_an_explanation(runs):
    board = ExperimentBoard(str(runs))
    board.select(["tasa-baja", "otros-datos"])
    assert board.comparison is None
    assert board.comparison_error.key == "experiments.different_test_data"
    assert (
        "data-verdict='refused'" in board._verdict.value
        and "ejemplos de prueba distintos" in board._verdict.value
    )
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
    find(board, widgets.Button, "Renombrar").click()
    new_name = shown(board, widgets.Text, "Nuevo nombre")
    new_name.value = "con espacios"
    shown(board, widgets.Button, "Confirmar nombre").click()
    assert "no sirve como nombre" in board._message.text and (runs / "tasa-baja").is_dir()
    new_name.value = "tasa-0005"
    shown(board, widgets.Button, "Confirmar nombre").click()
    assert renamed == [("tasa-baja", "tasa-0005")] and (runs / "tasa-0005").is_dir()
    assert board.selected == ["tasa-0005"] and "tasa-0005" in board.rows
    shown(board, widgets.Button, "Borrar").click()
    assert "No se puede deshacer" in board._delete_question.value and (runs / "tasa-0005").is_dir()
    shown(
        board, widgets.Button, "Cancelar"
    ).click()  # the delete question's, the only one on screen
    assert (runs / "tasa-0005").is_dir() and board._delete_row.layout.display == "none"
    shown(board, widgets.Button, "Borrar").click()
    shown(board, widgets.Button, "Sí, borrar").click()
    assert (
        not (runs / "tasa-0005").exists()
        and deleted == ["tasa-0005"]
        and "tasa-0005" not in board.rows
    )


def test_english_board():
    set_language("en")
    board = ExperimentBoard("/nonexistent/runs")
    assert board._header_buttons["rougeL"].description.startswith("ROUGE-L (interval)")
    assert "no saved runs" in board._empty.value
    assert board.rows == []
    assert format_perplexity(31234.0) == "3.1·10^4"
    set_language("es")
    assert format_perplexity(31234.0) == "3,1·10^4" and format_perplexity(12.345) == "12,35"


def test_sweep_panel_counts_runs_and_explains_bad_values(tmp_path):
    board = ExperimentBoard(
        str(tmp_path / "runs"), config=TrainingConfig(max_steps=1), model="offline-t5-mini"
    )
    assert "Elige al menos un ajuste" in board._sweep_count.value
    board.set_grid({"learning_rate": ["0,001", "0,0005"], "seed": [1, 2]})
    assert board.grid == {"learning_rate": ["0,001", "0,0005"], "seed": ["1", "2"]}
    assert "4 entrenamientos" in board._sweep_count.value
    second_values = find_all(board, widgets.Text, "Valores")[1]  # the second setting's values
    second_values.value = "1; dos"
    assert "«dos» no sirve para «seed»" in board._sweep_message.text
    second_values.value = "1; 2; 3"
    assert "6 entrenamientos" in board._sweep_count.value and board._sweep_message.text == ""
    find(
        board, widgets.Button, "Empezar barrido"
    ).click()  # no data: the error shows inside, nothing starts
    assert (
        "necesita datos" in board._sweep_message.text
        and board.sweep is None
        and board.status == "idle"
    )


def test_a_sweep_fills_the_table_stops_between_runs_and_resumes(tmp_path):
    texts = [
        f"La feria del libro de {n} reunió a {n + 10} editoriales. Hubo lecturas para niños."
        for n in range(30)
    ]
    summaries = [f"La feria del libro de {n} reunió editoriales." for n in range(30)]
    data = pairs_from_lists(texts, summaries)
    config = TrainingConfig(
        max_steps=1,
        batch_size=8,
        max_input_length=32,
        max_target_length=8,
        warmup="off",
        precision="fp32",
    )
    board = ExperimentBoard(
        str(tmp_path / "runs"), data=data, config=config, model="offline-t5-mini", synchronous=True
    )
    board.set_grid({"learning_rate": [0.003, 0.001]})
    find(board, widgets.Text, "Carpeta del barrido").value = "barrido"
    finished_runs, ended = [], []
    board.on_run_finished(
        lambda event: (finished_runs.append(event.name), board.stop_sweep(now=False))
    )
    board.on_sweep_finished(ended.append)
    find(board, widgets.Button, "Empezar barrido").click()
    assert ended and board.sweep.status == "stopped" and board.status == "idle"
    assert finished_runs == ["learning_rate=0.003"]
    assert board.rows == ["barrido/learning_rate=0.003", "barrido/learning_rate=0.001"]
    assert column(board, 7) == ["terminado", "en espera"]
    resume = find(board, widgets.Button, "Reanudar")
    assert "Reanudar" in board._sweep_line.value and resume.layout.display is None
    board.on_run_finished(lambda event: finished_runs.append(event.name))
    resume.click()
    assert board.sweep.status == "finished" and finished_runs[-1] == "learning_rate=0.001"
    assert sorted(column(board, 7)) == ["terminado", "terminado"]
    assert [r.status for r in board.sweep.results] == [
        "skipped",
        "finished",
    ]  # the finished run was not repeated
    record = json.loads((tmp_path / "runs" / "barrido" / SWEEP_FILE).read_text())
    assert [run["status"] for run in record["runs"]] == ["finished", "finished"]
    assert board._sweep_progress.value == 1.0


def _small_data():
    texts = [
        f"La feria del libro de {n} reunió a {n + 10} editoriales. Hubo lecturas para niños."
        for n in range(30)
    ]
    return pairs_from_lists(
        texts, [f"La feria del libro de {n} reunió editoriales." for n in range(30)]
    )


def test_the_estimate_shows_its_total_and_its_problems(tmp_path, monkeypatch):
    board = ExperimentBoard(
        str(tmp_path / "runs"),
        data=_small_data(),
        config=TrainingConfig(max_steps=1),
        model="offline-t5-mini",
        synchronous=True,
    )
    board.set_grid({"learning_rate": [0.003, 0.001]})
    estimate_button = find(board, widgets.Button, "Estimar tiempo")
    seen = []
    board.observe(lambda change: seen.append(str(change["new"])), names="status")

    def fake_estimate(sweep, measure_steps=1):
        assert estimate_button.disabled and board.busy  # one estimate at a time
        return SweepEstimate(2, [3.0, None], 3.0, ["learning_rate=0.001: no cabe"])

    monkeypatch.setattr(Sweep, "estimate", fake_estimate)
    estimate_button.click()
    assert seen == ["estimating", "idle"] and not board.busy and not estimate_button.disabled
    assert SweepEstimate(2, [3.0, None], 3.0, []).describe() in plain(board._sweep_count.value)
    assert "no cabe" in board._sweep_message.text
    assert (
        board.sweep is not None and board.sweep.output_dir.parent == tmp_path / "runs"
    )  # reused by «Empezar»

    def failing_estimate(sweep, measure_steps=1):
        raise ExperimentError("board.sweep.no_data")

    monkeypatch.setattr(Sweep, "estimate", failing_estimate)
    estimate_button.click()
    assert board.status == "idle" and not estimate_button.disabled
    assert (
        "necesita datos" in board._sweep_message.text
        and "2 entrenamientos" in board._sweep_count.value
    )


def test_a_sweep_in_its_own_thread_reaches_the_widgets_on_the_kernels_thread(tmp_path, monkeypatch):
    """In a notebook the sweep and its trainings run in other threads: what they report waits for
    the kernel's thread (here: the running event loop), and ``join`` waits and then shows it."""
    import asyncio

    sweep_threads = []

    def quick_run(sweep, spec, result, continue_from_checkpoint):  # a run without training
        sweep_threads.append(threading.get_ident())
        sweep._emit("run_started", spec)
        result.status, result.path, result.seconds = "finished", sweep.output_dir / spec.name, 0.1
        sweep._emit("run_finished", spec, path=result.path, metrics={})

    monkeypatch.setattr(Sweep, "_run_one", quick_run)

    async def in_the_kernel():
        board = ExperimentBoard(
            str(tmp_path / "runs"),
            data=_small_data(),
            config=TrainingConfig(max_steps=1),
            model="offline-t5-mini",
        )  # built on a running loop: updates wait for it
        board.set_grid({"learning_rate": [0.003, 0.001]})
        kernel = threading.get_ident()
        seen = []
        board.on_run_finished(lambda event: seen.append(("run", event.name, threading.get_ident())))
        board.on_sweep_finished(
            lambda sweep: seen.append(("sweep", sweep.status, threading.get_ident()))
        )
        find(board, widgets.Button, "Empezar barrido").click()
        assert (
            board.status == "sweeping" and find(board, widgets.Button, "Detener").disabled is False
        )
        wait_for(lambda: board.sweep.status == "finished", timeout=60)
        # The loop is busy with this cell: nothing reached the widgets from the sweep's thread.
        assert seen == [] and board.status == "sweeping" and board._sweep_progress.value == 0.0
        board.join(timeout=60)
        assert sweep_threads and kernel not in sweep_threads
        assert seen == [
            ("run", "learning_rate=0.003", kernel),
            ("run", "learning_rate=0.001", kernel),
            ("sweep", "finished", kernel),
        ]
        assert board.status == "idle" and board._sweep_progress.value == 1.0
        assert find(board, widgets.Button, "Empezar barrido").disabled is False
        assert plain(board._sweep_line.value) == t("board.sweep.finished", finished=2, failed=0)

    asyncio.run(in_the_kernel())
