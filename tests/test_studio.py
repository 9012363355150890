"""Studio and SummarizerApp: the whole job clicked through as a person would, without a browser.

The long test walks every step with the real engine (bundled example, offline "mini" model, the
fast preset cut to a few steps), saves the run, and summarizes a new text with it in the
SummarizerApp. The other tests check navigation, the wiring between steps, resets when an
earlier step changes, and the SummarizerApp's inputs and CSV file.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import re
import subprocess
import sys

import ipywidgets as widgets
import pytest

from conftest import find, find_all
from widgets_llm.engine.config import PRESETS, TrainingConfig, field_info
from widgets_llm.messages import set_language, t
from widgets_llm.widgets.studio import STEPS, Studio, studio_text
from widgets_llm.widgets.summarizer_app import SummarizerApp, results_csv, split_texts

pytestmark = pytest.mark.timeout(300)

SPANISH_TEXT = (
    "La biblioteca municipal de Valparaíso abrió una sala nueva para niños. "
    "El señor Muñoz, su director, explicó que habrá talleres de lectura cada sábado."
)


def _pairs_csv(count: int = 24, topic: str = "huerto") -> bytes:
    """A small CSV of texts and summaries (different words for each ``topic``)."""
    rows = ["texto,resumen"]
    for i in range(count):
        rows.append(
            f'"El {topic} número {i} de la escuela creció mucho este año gracias al trabajo de los '
            f'estudiantes, que lo cuidaron cada mañana con paciencia y mucha alegría.",'
            f'"El {topic} {i} creció gracias a los estudiantes."'
        )
    return ("\n".join(rows) + "\n").encode("utf-8")


@pytest.fixture
def studio(tmp_path):
    return Studio(
        data_dir=tmp_path / "data",
        runs_dir=tmp_path / "runs",
        auto_estimate=False,
        synchronous=True,
    )


def nav_rows(studio: Studio) -> list[widgets.HBox]:
    """The navigation rows above and below the steps («Anterior», position, «Siguiente»)."""
    return [child for child in studio.children if isinstance(child, widgets.HBox)]


def nav_button(studio: Studio, key: str, row: int = 0) -> widgets.Button:
    """«Anterior» (``previous``) or «Siguiente» (``next``) of the top (0) or bottom (1) row."""
    return find(nav_rows(studio)[row], widgets.Button, studio_text(f"studio.nav.{key}"))


def step_tabs(studio: Studio) -> widgets.Tab:
    """The Studio's tabs, one per step."""
    return next(child for child in studio.children if isinstance(child, widgets.Tab))


def open_tab(tabs: widgets.Tab, title: str) -> None:
    """Click the tab titled ``title``."""
    tabs.selected_index = [tabs.get_title(i) for i in range(len(tabs.children))].index(title)


def button(root, key: str) -> widgets.Button:
    """The one button under ``root`` labelled with the text of message ``key``."""
    return find(root, widgets.Button, t(key))


def _chip_states(studio: Studio) -> dict[str, bool]:
    """Which steps the progress summary marks as done (what a person reads)."""
    html = studio._progress.value
    return {key: f"wllm-step-{key} wllm-step-done" in html for key in STEPS}


# -------------------------------------------------------------------------- building and navigating


def test_starts_on_the_data_step_with_only_that_step_built(studio, tmp_path):
    assert (tmp_path / "data").is_dir()  # created so the file chooser has a folder to show
    assert studio.step == 0 and step_tabs(studio).selected_index == 0
    assert list(studio._components) == [
        "data",
        "extra_texts",
    ]  # the pairs, and optional plain texts
    uploader = studio.component("data")
    assert uploader.data_dir == (tmp_path / "data").resolve()
    assert studio.completed == {key: False for key in STEPS}
    assert studio_text("studio.progress.title", done=0, total=8) in studio._progress.value
    titles = [step_tabs(studio).get_title(i) for i in range(len(STEPS))]
    assert (
        titles[0] == "1. Datos"
        and titles[6] == "7. Experimentos"
        and titles[-1] == "8. Guardar y usar"
    )
    assert "Evaluación y comparación" in titles[5]
    # Every step says what to do.
    assert all(
        studio_text(f"studio.help.{key}").split(":")[0][:20] in box.children[0].value
        for key, box in zip(STEPS, studio._step_boxes)
    )


def test_next_and_previous_move_through_the_steps(studio):
    previous_button, next_button = nav_button(studio, "previous"), nav_button(studio, "next")
    position = find(nav_rows(studio)[0], widgets.HTML)
    assert previous_button.disabled and not next_button.disabled
    next_button.click()
    assert studio.step == 1 and step_tabs(studio).selected_index == 1
    assert "tokens" in studio._components  # built when first opened
    assert "Paso 2 de 8: Tokens" in position.value
    nav_button(studio, "next", row=1).click()  # the bottom row works too
    assert studio.step == 2
    previous_button.click()
    assert studio.step == 1
    step_tabs(studio).selected_index = 7  # clicking a tab
    assert studio.step == 7 and next_button.disabled and nav_button(studio, "next", row=1).disabled
    assert set(studio._components) >= {"save", "playground"}
    with pytest.raises(ValueError):
        studio.go_to("nowhere")


def test_training_without_data_says_what_to_do(studio):
    chart = studio.go_to("training")
    button(chart, "chart.start").click()
    assert studio_text("studio.no_data") in chart.message_text
    assert studio.run is None and chart.status == "ready"
    assert studio_text("studio.needs.data") in studio._notes["training"].text


def test_english_when_chosen_before_building(tmp_path):
    set_language("en")
    try:
        studio = Studio(data_dir=tmp_path / "data", runs_dir=tmp_path / "runs", synchronous=True)
        assert step_tabs(studio).get_title(0) == "1. Data"
        assert nav_button(studio, "next").description == "Next"
        assert "Your progress" in studio._progress.value
    finally:
        set_language("es")


def test_the_studio_itself_loads_no_heavy_library(tmp_path):
    code = (
        "import sys; from widgets_llm import Studio; "
        f"Studio(data_dir={str(tmp_path / 'data')!r}); "
        "print(' '.join(m for m in ('torch', 'transformers', 'datasets', 'bqplot') "
        "if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        cwd=tmp_path,
    ).stdout
    assert loaded.strip() == ""


def test_what_a_step_reports_from_another_thread_reaches_the_studio_on_the_kernels_thread(tmp_path):
    """A component (or a training) may report from its own thread: the Studio's wiring waits for
    the kernel's thread (here: the running event loop), and ``join`` waits and then shows it."""
    import asyncio
    import threading

    from widgets_llm.engine.data import pairs_from_lists

    dataset = pairs_from_lists(
        [
            f"El huerto número {i} de la escuela creció mucho este año gracias a los estudiantes."
            for i in range(24)
        ],
        [f"El huerto {i} creció." for i in range(24)],
    )

    async def in_the_kernel():
        studio = Studio(data_dir=tmp_path / "data", runs_dir=tmp_path / "runs", auto_estimate=False)
        kernel = threading.get_ident()
        seen = []
        studio.observe(lambda change: seen.append(threading.get_ident()), names="dataset")
        worker = threading.Thread(
            target=setattr, args=(studio.component("data"), "dataset", dataset)
        )
        worker.start()
        worker.join()
        assert studio.dataset is None and seen == []  # the loop is busy with this cell
        studio.join(timeout=60)
        assert studio.dataset is dataset and seen == [kernel] and studio.completed["data"]
        studio.join(timeout=120)  # the example tokenizer the tokens step shows before a model
        assert studio_text("studio.tokens.english_first") in studio._notes["tokens"].text

    asyncio.run(in_the_kernel())


# --------------------------------------------------------------------------- the whole job


def test_the_whole_job_then_summarize_with_the_saved_run(studio, tmp_path):
    # 1. Datos: the bundled example in one click.
    uploader = studio.component("data")
    button(uploader, "uploader.example.button").click()
    assert uploader.status == "ready" and studio.dataset is uploader.dataset
    assert studio.completed["data"] and _chip_states(studio)["data"]

    # 2. Tokens: before a model, an English-only tokenizer shows how words are cut.
    nav_button(studio, "next").click()
    visualizer = studio.component("tokens")
    assert studio.step == 1 and visualizer.dataset is studio.dataset
    assert list(visualizer.comparison_tokenizers()) == [t("tokviz.english.name")]
    assert studio_text("studio.tokens.english_first") in studio._notes["tokens"].text
    assert studio.completed["tokens"]

    # 3. Modelo: the offline model, mini size; its vocabulary comes from the data.
    nav_button(studio, "next").click()
    picker = studio.component("model")
    assert picker.dataset is studio.dataset
    open_tab(find_all(picker, widgets.Tab)[0], t("picker.tab.offline"))
    find(picker, widgets.Dropdown, t("picker.offline.size")).value = "mini"
    assert picker.choice == "offline-t5-mini"
    button(picker, "picker.load").click()
    assert picker.status == "loaded" and studio.bundle is picker.bundle
    # The tokens step now measures with the model's own tokenizer.
    assert visualizer.bundle is studio.bundle
    assert list(visualizer.comparison_tokenizers())[0] == t("tokviz.your_model")
    visualizer.choose_lengths()
    assert (studio.config.max_input_length, studio.config.max_target_length) == (
        visualizer.max_input_length,
        visualizer.max_target_length,
    )

    # 4. Hiperparámetros: the fast preset, with few steps.
    nav_button(studio, "next").click()
    panel = studio.component("config")
    assert panel.bundle is studio.bundle and panel.data is studio.dataset
    button(panel, "config.preset.fast").click()
    assert studio.config.learning_rate == PRESETS["fast"]["learning_rate"]
    find(panel, widgets.IntText, field_info("max_steps")["label"]).value = 6
    assert studio.config.max_steps == 6 and panel.config == studio.config
    locks: list[bool] = []
    panel.observe(lambda change: locks.append(change["new"]), names="disabled")

    # 5. Entrenamiento: start, wait, and the panel was locked meanwhile.
    nav_button(studio, "next").click()
    chart = studio.component("training")
    button(chart, "chart.start").click()
    assert studio.run is not None and chart.run is studio.run
    assert str(studio.run.output_dir).startswith(str(tmp_path / "runs" / ".checkpoints"))
    result = studio.run.join(timeout=240)
    assert result is not None and result.status == "finished" and result.steps == 6
    assert studio.result is result and chart.status == "finished"
    assert locks[0] is True and locks[-1] is False and not panel.disabled
    assert len(chart.history["train_loss"]["y"]) >= 2  # the chart grew
    assert (
        studio.completed["training"]
        and studio_text("studio.training.retrain") in studio._notes["training"].text
    )
    # Saved on its own for the experiments board, evaluated on the test split.
    assert len(studio.experiment_paths) == 1 and studio.completed["experiments"]
    first_run = studio.experiment_paths[0]
    assert (
        first_run.parent == tmp_path / "runs" / "experimentos"
        and (first_run / "run.json").is_file()
    )
    assert (first_run / "test_examples.jsonl").is_file()
    assert (
        studio_text("studio.experiments.saved", name=first_run.name) in studio._experiment_note.text
    )

    # 6. Evaluación y comparación: base and tuned side by side on the test split.
    nav_button(studio, "next").click()
    viewer = studio.component("evaluation")
    assert viewer.tuned is studio.bundle and viewer.dataset is studio.dataset
    # The run's lengths; the offline model writes by copying from the text, with room for a whole
    # sentence.
    assert viewer.generation.max_input_length == studio.config.max_input_length
    assert viewer.generation.copy_from_input > 0
    assert viewer.generation.max_new_tokens >= studio.config.max_target_length
    button(viewer, "diff.compare").click()
    assert viewer.status == "done" and studio.comparison is viewer.comparison
    example = viewer.current_example
    assert example.base is not None and example.tuned is not None
    assert len(studio.comparison.examples) == len(studio.dataset.splits["test"])

    # 7. Experimentos: the run is on the board; another variant starts from the base weights.
    nav_button(studio, "next").click()
    board = studio.component("experiments")
    assert board.rows == [first_run.name] and board.selected == [first_run.name]
    base_state = {k: v.clone() for k, v in studio.bundle.extra["initial_state"].items()}
    tuned_weight = next(iter(studio.bundle.model.state_dict().values())).clone()
    assert not tuned_weight.equal(next(iter(base_state.values())))
    find(studio, widgets.Button, studio_text("studio.experiments.variant")).click()
    assert (
        studio.step == STEPS.index("config") and studio.result is None and studio.comparison is None
    )
    assert all(
        v.equal(base_state[k]) for k, v in studio.bundle.model.state_dict().items()
    )  # back to the base
    assert studio_text("studio.experiments.variant_ready") in studio._message.text
    find(panel, widgets.FloatText, field_info("learning_rate")["label"]).value = 0.003
    assert studio.config.learning_rate == 0.003
    studio.go_to("training")
    button(chart, "chart.start").click()
    second = studio.run.join(timeout=240)
    assert second.status == "finished" and len(studio.experiment_paths) == 2
    board = studio.go_to("experiments")
    assert set(board.rows) == {path.name for path in studio.experiment_paths}
    board.select([path.name for path in studio.experiment_paths])
    assert board.comparison is not None  # same test split: the paired verdict is there
    assert "learning_rate" in board.experiments.changed_settings(board.selected)
    studio.go_to("evaluation")
    viewer = studio.component("evaluation")
    button(viewer, "diff.compare").click()
    assert viewer.status == "done" and studio.comparison is viewer.comparison
    result = second

    # 8. Guardar y usar: the run manager has everything to save; save it.
    nav_button(studio, "next").click()
    nav_button(studio, "next").click()
    manager = studio.component("save")
    playground = studio.component("playground")
    assert manager.bundle is studio.bundle and manager.result is result
    assert manager.metrics is studio.comparison and manager.config.max_steps == 6
    assert manager.data_info["sizes"]["train"] == len(studio.dataset.splits["train"])
    assert playground.tuned is studio.bundle
    find(manager, widgets.Text, t("runmanager.name.label")).value = "mi_primer_modelo"
    button(manager, "runmanager.save").click()
    saved = tmp_path / "runs" / "mi_primer_modelo"
    assert manager.status == "saved" and studio.saved_path == saved
    assert (saved / "run.json").is_file()
    metrics = json.loads((saved / "metrics.json").read_text(encoding="utf-8"))
    assert "base" in metrics and "tuned" in metrics
    assert all(studio.completed.values()) and all(_chip_states(studio).values())
    assert studio_text("studio.progress.title", done=8, total=8) in studio._progress.value

    # The SummarizerApp finds the saved run, loads it and summarizes a new text.
    app = SummarizerApp(runs_dir=tmp_path / "runs", synchronous=True)
    assert [
        value for _label, value in find(app, widgets.Dropdown, t("summarizer.run.list")).options
    ] == [str(saved)]
    button(app, "summarizer.run.load").click()
    assert app.status == "ready" and app.saved_run is not None
    find(app, widgets.Textarea, t("summarizer.paste.placeholder")).value = (
        SPANISH_TEXT + "\n\n" + "Segundo texto: llovió toda la noche en Quito y el río creció."
    )
    assert len(app.texts) == 2
    button(app, "summarizer.summarize").click()
    assert app.status == "done" and len(app.summaries) == 2
    assert all(isinstance(summary, str) for summary in app.summaries)
    assert app.summaries[0].strip()  # the model wrote something
    content = app.csv_text()
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff"))))
    assert rows[0] == ["text", "summary"]
    assert rows[1] == [SPANISH_TEXT, app.summaries[0]]
    link = re.search(r"href='data:text/csv;charset=utf-8;base64,([^']+)'", app.download_html).group(
        1
    )
    assert base64.b64decode(link).decode("utf-8") == content
    assert "Valparaíso" in app._results_table.value

    # Back to Datos: new data discards the model, the training and the comparison.
    studio.go_to("data")
    uploader.load(("otros.csv", _pairs_csv(topic="jardín")), prepare=True)
    assert studio.dataset is uploader.dataset and studio.dataset.table.source_name == "otros.csv"
    assert studio.bundle is None and studio.run is None and studio.result is None
    assert studio.comparison is None and studio.saved_path is None
    assert studio.completed == {"data": True, **{key: False for key in STEPS[1:]}}
    assert studio_text("studio.reset.new_data") in studio._message.text
    assert saved.is_dir()  # what was saved stays saved


def test_an_unexpected_failure_is_logged_in_the_runs_folder_and_the_message_says_where(
    studio, tmp_path, monkeypatch
):
    from widgets_llm import logs
    from widgets_llm.engine import models

    log_path = (tmp_path / "runs" / logs.LOG_FILE_NAME).resolve()
    assert studio.log_path == log_path and logs.log_file() == log_path

    def broken_load(*args, **kwargs):
        raise RuntimeError("the disk is on fire")

    monkeypatch.setattr(models, "load_model", broken_load)
    studio.step = STEPS.index("model")
    picker = studio.component("model")
    find(picker, widgets.Button, t("picker.load")).click()
    assert picker.status == "error"
    shown = picker._message.text
    assert "the disk is on fire" in shown and str(log_path) in shown and "Traceback" not in shown
    logged = log_path.read_text(encoding="utf-8")
    assert "Traceback" in logged and "RuntimeError: the disk is on fire" in logged


def test_the_training_chart_draws_its_figures_only_while_its_step_is_shown(studio):
    studio.step = STEPS.index("training")
    chart = studio.component("training")
    assert chart.visible is True
    studio.next_step()
    assert chart.visible is False  # elsewhere only its progress line is kept up to date
    studio.step = STEPS.index("training")
    assert chart.visible is True


def test_new_data_and_new_model_reach_every_built_step(studio):
    uploader = studio.component("data")
    uploader.load(("pares.csv", _pairs_csv()), prepare=True)
    first = studio.dataset
    visualizer, panel = studio.go_to("tokens"), studio.go_to("config")
    picker = studio.go_to("model")
    picker.choice = "offline-t5-mini"
    button(picker, "picker.load").click()
    first_bundle = studio.bundle
    assert (
        first_bundle is not None
        and panel.bundle is first_bundle
        and visualizer.bundle is first_bundle
    )

    # Another model: the same data, a new bundle everywhere.
    button(picker, "picker.load").click()
    assert studio.bundle is not first_bundle and panel.bundle is studio.bundle

    # Reading another file resets the model at once (before it is even prepared).
    studio.go_to("data")
    uploader.load(("otros.csv", _pairs_csv(topic="jardín")))
    assert studio.dataset is None and studio.bundle is None
    assert visualizer.bundle is None and panel.bundle is None
    uploader.prepare()
    assert studio.dataset is not None and studio.dataset is not first
    assert visualizer.dataset is studio.dataset and panel.data is studio.dataset
    new_picker = studio.go_to("model")
    assert new_picker is not picker  # a fresh model step...
    assert (
        new_picker.choice == "offline-t5-mini" and new_picker.bundle is None
    )  # ...remembering the choice
    assert new_picker.dataset is studio.dataset


def test_extra_texts_reach_the_model_the_warm_up_and_the_run(studio):
    """The data step's second upload: plain texts feed the offline vocabulary, the plan and the
    run."""
    studio.component("data").load(("pares.csv", _pairs_csv()), prepare=True)
    extra = studio.component("extra_texts")
    more = "\n\n".join(
        f"La cooperativa número {i} del valle vendió su cosecha de quinua en la feria. "
        f"Los socios repartieron las ganancias entre las familias."
        for i in range(6)
    )
    picker = studio.go_to("model")
    picker.choice = "offline-t5-mini"
    button(picker, "picker.load").click()
    plan_before = studio.warmup_plan()
    assert plan_before.enabled and plan_before.texts == len(studio.dataset.splits["train"])

    value = (
        {
            "name": "mas.txt",
            "type": "text/plain",
            "size": len(more),
            "last_modified": 0,
            "content": memoryview(more.encode("utf-8")),
        },
    )
    extra._on_upload_value(
        {"name": "value", "new": value, "owner": extra._upload}
    )  # as a browser upload arrives
    assert extra.status == "loaded" and len(extra.texts) == 6
    assert studio.extra_texts == extra.texts
    assert "6 textos" in extra._status_line.value and "mas.txt" in extra._status_line.value
    # The model was loaded before: its vocabulary lacks them, and the person is told so.
    assert studio_text("studio.extra_texts.reload_model") in studio._message.text
    plan = studio.warmup_plan()
    assert plan.texts == plan_before.texts + 6 and plan.total_examples > 0
    assert (
        picker.training_texts()[-6:] == extra.texts
    )  # a reloaded offline model learns their words
    panel = studio.go_to("config")
    assert panel.extra_texts == extra.texts
    run = studio._make_run()
    assert run.extra_texts == extra.texts and run.warmup_plan().texts == plan.texts

    button(extra, "plaintexts.remove").click()
    assert studio.extra_texts == [] and extra.texts == [] and picker.texts is None
    assert studio.warmup_plan().texts == plan_before.texts


def test_a_new_training_stops_the_estimate_and_the_comparison_using_the_model(studio, monkeypatch):
    """Training needs the model to itself: an estimate being measured is cancelled, not awaited."""
    studio.component("data").load(("pares.csv", _pairs_csv()), prepare=True)
    picker = studio.go_to("model")
    picker.choice = "offline-t5-mini"
    button(picker, "picker.load").click()
    cancelled = []
    for key in ("config", "evaluation"):
        component = studio.go_to(key)
        monkeypatch.setattr(component, "cancel", lambda key=key: cancelled.append(key))
    studio._make_run()
    assert cancelled == ["config", "evaluation"]


def test_extra_texts_that_cannot_be_read_say_why_and_change_nothing(studio):
    extra = studio.component("extra_texts")
    extra.load([("notas.odt", b"PK\x03\x04")])
    assert extra.status == "error" and studio.extra_texts == []
    assert t("warmup.texts.unsupported", path="notas.odt", suffix=".odt") in extra._message.text


def test_lengths_and_presets_meet_in_one_configuration(studio):
    button(studio.component("data"), "uploader.example.button").click()
    visualizer = studio.go_to("tokens")
    assert visualizer.stats is not None  # lengths measured with the example tokenizer
    visualizer.max_input_length, visualizer.max_target_length = 200, 40
    visualizer.choose_lengths()
    assert (studio.config.max_input_length, studio.config.max_target_length) == (
        visualizer.max_input_length,
        visualizer.max_target_length,
    )
    panel = studio.go_to("config")
    assert panel.config.max_input_length == visualizer.max_input_length
    button(panel, "config.preset.quality").click()
    # The preset sets how much to train, but the lengths chosen from the data stay, and the person
    # is told.
    assert studio.config.learning_rate == PRESETS["quality"]["learning_rate"]
    assert (studio.config.max_input_length, studio.config.max_target_length) == (200, 40)
    assert visualizer.max_input_length == 200
    assert t("hyperparams.preset_kept_lengths", input=200, target=40) in panel._preset_message.text
    # New data: lengths chosen for the old texts no longer hold; a preset sets its own again.
    studio.component("data").load(("pares.csv", _pairs_csv()), prepare=True)
    panel = studio.go_to("config")
    button(panel, "config.preset.fast").click()
    assert studio.config.max_input_length == PRESETS["fast"]["max_input_length"]


# --------------------------------------------------------------------------- SummarizerApp


def _control(app: SummarizerApp, kind: type, key: str):
    """The control of ``app`` a person reads as ``t(key)``."""
    return find(app, kind, t(key))


@pytest.fixture(scope="module")
def saved_run_dir(tmp_path_factory):
    """A run folder with an untrained offline mini model (saving needs no training)."""
    from widgets_llm.engine.models import build_offline_model
    from widgets_llm.engine.runs import save_run

    runs = tmp_path_factory.mktemp("runs")
    texts = [
        f"El huerto número {i} de la escuela creció mucho este año con los estudiantes."
        for i in range(20)
    ]
    bundle = build_offline_model(texts, "seq2seq", "mini")
    save_run(
        runs / "prueba", bundle, config=TrainingConfig(max_input_length=64, max_target_length=16)
    )
    return runs


def test_split_texts_and_csv_helpers():
    assert split_texts("Uno\ncon dos líneas.\n\n  \n\nDos.\r\n\r\nTres") == [
        "Uno con dos líneas.",
        "Dos.",
        "Tres",
    ]
    assert split_texts("\ufeff\n\n") == []
    content = results_csv(["Año, «niño»", 'dice "hola"'], ["ñandú", ""])
    assert content.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(content[1:]))) == [
        ["text", "summary"],
        ["Año, «niño»", "ñandú"],
        ['dice "hola"', ""],
    ]
    assert content.encode("utf-8").startswith(b"\xef\xbb\xbf")


def test_summarizer_reads_txt_and_tables(tmp_path):
    app = SummarizerApp(runs_dir=tmp_path / "nada", synchronous=True)
    assert (
        _control(app, widgets.Dropdown, "summarizer.run.list").options == ()
        and "nada" in app._runs_note.value
    )
    app.load_file(
        "textos.txt",
        "Primer texto\nsigue aquí.\n\nSegundo texto con tilde: canción.\n".encode("cp1252"),
    )
    assert app.texts == ["Primer texto sigue aquí.", "Segundo texto con tilde: canción."]
    assert app.source == "file" and app._input_tabs.selected_index == 1
    table = (
        "id,noticia,titular\n"
        "1,Texto largo de la noticia uno sobre el río.,Río\n"
        "2,Otra noticia larga sobre la montaña.,Montaña\n"
    )
    app.load_file("noticias.csv", table.encode("utf-8"))
    assert app.texts == [
        "Texto largo de la noticia uno sobre el río.",
        "Otra noticia larga sobre la montaña.",
    ]
    _control(
        app, widgets.Dropdown, "summarizer.file.column"
    ).value = "titular"  # the person may pick another column
    assert app.texts == ["Río", "Montaña"]
    app.load_file(
        "solo.jsonl", '{"contenido": "Un texto."}\n{"contenido": "Otro texto."}\n'.encode("utf-8")
    )
    assert app.texts == ["Un texto.", "Otro texto."]
    app.load_file("numeros.csv", b"a,b\n1,2\n")
    assert (
        app.texts == []
        and t("summarizer.file.no_text_column", name="numeros.csv") in app._text_message.text
    )
    _control(app, widgets.Textarea, "summarizer.paste.placeholder").value = "Pegado."
    app._input_tabs.selected_index = 0
    assert app.texts == ["Pegado."] and app.source == "paste"
    app._input_tabs.selected_index = 1
    assert app.texts == []  # the last file had no texts


def test_summarizer_explains_what_is_missing_and_stays_usable(tmp_path, saved_run_dir):
    app = SummarizerApp(runs_dir=saved_run_dir, synchronous=True)
    _control(app, widgets.Button, "summarizer.summarize").click()
    assert t("summarizer.no_model") in app._message.text and app.status == "empty"
    app.load_run(tmp_path / "no_existe")
    assert app.status == "error" and app._run_message.text
    assert "Traceback" not in app._run_message.value
    _control(app, widgets.Dropdown, "summarizer.run.list").value = str(saved_run_dir / "prueba")
    _control(app, widgets.Button, "summarizer.run.load").click()
    assert app.status == "ready"
    _control(app, widgets.Button, "summarizer.summarize").click()
    assert t("summarizer.no_texts") in app._message.text


def test_summarizer_progress_and_cancel(saved_run_dir, monkeypatch):
    import widgets_llm.engine.generation as generation

    app = SummarizerApp(
        runs_dir=saved_run_dir, run=saved_run_dir / "prueba", batch_size=2, synchronous=True
    )
    assert app.status == "ready" and app.saved_run.path == saved_run_dir / "prueba"
    seen: list[tuple[int, int]] = []

    def fake_generate(
        bundle, texts, settings=None, *, batch_size=16, on_progress=None, should_stop=None
    ):
        assert bundle is app.saved_run.bundle and batch_size == 2
        outputs = [""] * len(texts)
        for start in range(0, len(texts), batch_size):
            if should_stop():
                break
            for i in range(start, min(start + batch_size, len(texts))):
                outputs[i] = f"resumen {i}"
            on_progress(min(start + batch_size, len(texts)), len(texts))
            seen.append((app._progress.value, app._progress.max))
            if start == 0:
                app.cancel()  # as «Cancelar» does, after the first batch
        return outputs

    monkeypatch.setattr(generation, "generate_summaries", fake_generate)
    app.set_texts([f"Texto {i}." for i in range(5)])
    _control(app, widgets.Button, "summarizer.summarize").click()
    assert seen == [(2, 5)]
    assert app.status == "cancelled"
    assert app.summaries == ["resumen 0", "resumen 1", "", "", ""]
    assert t("summarizer.cancelled", done=2, total=5) in app._progress_text.value
    assert t("summarizer.empty_summary") in app._results_table.value
    rows = list(csv.reader(io.StringIO(app.csv_text()[1:])))
    assert len(rows) == 6 and rows[3] == ["Texto 2.", ""]
