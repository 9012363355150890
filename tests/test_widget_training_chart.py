"""TrainingChart: synthetic events, throttling, thinning, and a real tiny run started and
stopped."""

from __future__ import annotations

import time

import pytest

from widgets_llm.engine.training import TrainingEvent
from widgets_llm.errors import DataError, TrainingError
from widgets_llm.messages import set_language, t
from widgets_llm.widgets.training_chart import (
    MOST_REDRAWS_PER_RUN,
    TrainingChart,
    auto_redraw_interval,
    downsample,
    step_ticks,
)


# --------------------------------------------------------------------------- helpers


class FakeRun:
    """Stands in for TrainingRun where a real one is not needed: records subscribe/start/stop."""

    def __init__(self, history=(), status="ready", result=None):
        self.history = list(history)
        self.status = status
        self.result = result
        self.listeners = []
        self.started = 0
        self.stopped = 0

    def subscribe(self, listener):
        self.listeners.append(listener)
        return lambda: self.listeners.remove(listener)

    def emit(self, event):
        self.history.append(event)
        for listener in list(self.listeners):
            listener(event)

    def start(self):
        self.started += 1
        self.status = "running"
        return self

    def stop(self):
        self.stopped += 1
        self.status = "stopping"


def step(n, max_steps=100, **values):
    return TrainingEvent(
        "step",
        step=n,
        max_steps=max_steps,
        epoch=n / 10,
        progress=n / max_steps,
        elapsed=n * 0.5,
        eta=(max_steps - n) * 0.5,
        tokens_per_second=1234.0,
        **values,
    )


def log(n, loss, lr=1e-3, max_steps=100):
    return TrainingEvent(
        "log", step=n, max_steps=max_steps, loss=loss, learning_rate=lr, elapsed=n * 0.5
    )


def evaluation(n, eval_loss, max_steps=100):
    import math

    return TrainingEvent(
        "evaluation",
        step=n,
        max_steps=max_steps,
        eval_loss=eval_loss,
        perplexity=math.exp(eval_loss),
    )


# --------------------------------------------------------------------------- synthetic events


def test_two_stages_are_marked_on_the_chart_and_in_the_progress_line():
    chart = TrainingChart(redraw_interval=0)
    stage = dict(warmup_steps=40, max_steps=60)
    chart.handle_event(TrainingEvent("started", stage="warmup", **stage))
    chart.handle_event(TrainingEvent("log", step=20, loss=6.0, stage="warmup", **stage))
    chart.handle_event(
        TrainingEvent("step", step=20, stage="warmup", stage_step=20, stage_max_steps=40, **stage)
    )
    assert chart.stage == "warmup" and chart.stage_boundary == 40
    assert chart.progress_text.startswith(t("chart.progress.stage.warmup", step=20, steps=40))
    chart.handle_event(TrainingEvent("log", step=50, loss=4.0, stage="finetune", **stage))
    chart.handle_event(
        TrainingEvent("step", step=50, stage="finetune", stage_step=10, stage_max_steps=20, **stage)
    )
    assert chart.stage == "finetune"
    assert chart.progress_text.startswith(t("chart.progress.stage.finetune", step=10, steps=20))
    assert list(chart._boundary.x) == [40.0, 40.0] and list(chart._boundary.y) == [4.0, 6.0]
    assert chart.history["train_loss"] == {
        "x": [20.0, 50.0],
        "y": [6.0, 4.0],
    }  # one line across stages


def test_a_run_without_warmup_draws_no_stage_boundary():
    chart = TrainingChart(redraw_interval=0)
    chart.handle_event(TrainingEvent("started", max_steps=10))
    chart.handle_event(log(5, 2.0, max_steps=10))
    chart.handle_event(step(5, max_steps=10))
    assert chart.stage_boundary is None and len(chart._boundary.x) == 0
    assert not chart.progress_text.startswith(
        t("chart.progress.stage.finetune", step=0, steps=0)[:8]
    )


def test_the_steps_axis_spans_the_run_with_whole_step_ticks():
    """A short run's axis never reads "0 0 0 1 1 1": it goes from 0 to the last step, on whole
    steps."""
    chart = TrainingChart(redraw_interval=0)
    chart.handle_event(TrainingEvent("started", max_steps=6))
    axes = chart._step_axes
    assert len(axes) == 3  # losses, perplexity, learning rate
    for axis in axes:
        assert (axis.scale.min, axis.scale.max) == (0.0, 6.0)
        assert list(axis.tick_values) == [0, 1, 2, 3, 4, 5, 6]
    chart.handle_event(step(1, max_steps=40))  # another length (a resumed or new run): refitted
    assert axes[0].scale.max == 40.0 and list(axes[0].tick_values) == [
        0,
        5,
        10,
        15,
        20,
        25,
        30,
        35,
        40,
    ]
    assert step_ticks(1830) == [0, 500, 1000, 1500] and step_ticks(9) == [0, 2, 4, 6, 8]
    # The value axes: few ticks (a narrow loss range would repeat labels), plain decimals for the
    # learning rate (0.00045, not 4.5e-4).
    figures = (chart._loss_figure, chart._perplexity_figure, chart._learning_rate_figure)
    value_axes = [
        axis for figure in figures for axis in figure.axes if axis.orientation == "vertical"
    ]
    assert len(value_axes) == 3 and all(axis.num_ticks == 5 for axis in value_axes)
    assert "e" not in chart._learning_rate_figure.axes[1].tick_format
    # No pan/zoom/save toolbar floating over the titles.
    assert not any(getattr(figure, "display_toolbar", False) for figure in figures)


def test_events_become_lines_progress_and_texts():
    chart = TrainingChart(redraw_interval=0)
    chart.handle_event(TrainingEvent("started", max_steps=100))
    assert chart.status == "running"
    assert chart.status_text == t("chart.status.running")
    for n, loss in [(10, 3.0), (20, 2.5), (30, 2.0)]:
        chart.handle_event(step(n))
        chart.handle_event(log(n, loss, lr=n * 1e-5))
    chart.handle_event(evaluation(30, 2.2))
    chart.handle_event(step(40))

    history = chart.history
    assert history["train_loss"] == {"x": [10.0, 20.0, 30.0], "y": [3.0, 2.5, 2.0]}
    assert history["learning_rate"]["y"] == pytest.approx([1e-4, 2e-4, 3e-4])
    assert history["eval_loss"] == {"x": [30.0], "y": [2.2]}
    assert history["perplexity"]["y"] == pytest.approx([9.025], rel=1e-3)
    assert chart._progress.value == 40 and chart._progress.max == 100
    text = chart.progress_text
    assert "Paso 40 de 100" in text
    assert "20 s" in text  # elapsed 40 × 0.5 s
    assert "30 s" in text  # eta 60 × 0.5 s
    assert (
        "1 234 tokens (trozos de palabra) por segundo" in text
    )  # the jargon explained where it appears


def test_finished_event_shows_summary_fires_callback_and_resets_buttons():
    run = FakeRun()
    chart = TrainingChart(redraw_interval=0)
    chart.attach(run)
    results = []
    chart.on_training_finished(results.append)
    run.emit(TrainingEvent("started", max_steps=10))
    assert chart._start_button.disabled and not chart._stop_button.disabled
    run.result = type(
        "Result",
        (),
        {
            "elapsed": 65.0,
            "steps": 10,
            "final_loss": 1.5,
            "eval_loss": 1.75,
            "perplexity": 5.75,
            "error": None,
        },
    )()
    run.emit(TrainingEvent("finished", step=10, max_steps=10))
    assert chart.status == "finished"
    assert results == [run.result]
    assert (
        "1 min 5 s" in chart.message_text
        and "1,500" in chart.message_text
        and "5,8" in chart.message_text
    )
    assert not chart._start_button.disabled and chart._stop_button.disabled
    assert chart._progress.value == 10


def test_failed_event_shows_message_and_suggestion_without_traceback():
    chart = TrainingChart(redraw_interval=0)
    finished = []
    chart.on_training_finished(finished.append)
    error = TrainingError("training.nan_loss", step=3, learning_rate="5e-05")
    chart.handle_event(TrainingEvent("started", max_steps=10))
    chart.handle_event(TrainingEvent("failed", step=3, max_steps=10, error=error))
    assert chart.status == "failed"
    assert error.message() in chart.message_text
    assert error.suggestion() in chart.message_text
    assert "Traceback" not in chart._message.value
    assert finished == [None]  # no run attached: no result to pass on


def test_a_burst_of_events_causes_few_redraws_and_the_final_event_flushes():
    chart = TrainingChart(redraw_interval=60)
    chart.handle_event(TrainingEvent("started", max_steps=1000))
    drawn_after_start = chart.redraw_count
    for n in range(1, 1001):
        chart.handle_event(step(n, max_steps=1000))
        if n % 5 == 0:
            chart.handle_event(log(n, 5.0 - n / 1000, max_steps=1000))
    # one redraw when the training line first has two points, the rest buffered
    assert chart.redraw_count == drawn_after_start + 1
    assert chart.history["train_loss"]["x"] == [5, 10]
    chart.handle_event(TrainingEvent("finished", step=1000, max_steps=1000))
    assert chart.redraw_count == drawn_after_start + 2
    assert len(chart.history["train_loss"]["x"]) == 200
    assert chart._progress.value == 1000
    assert chart.overhead_seconds > 0


def test_a_run_faster_than_the_interval_still_shows_its_line_before_the_end():
    """A fast computer can finish a short run inside one redraw interval: the line appears
    as soon as it has two points and the first validation dot as soon as it exists."""
    chart = TrainingChart(redraw_interval=3600)
    chart.handle_event(TrainingEvent("started", max_steps=30))
    chart.handle_event(log(1, 3.0, max_steps=30))
    assert chart.history["train_loss"]["x"] == []  # one point: nothing a person could see
    chart.handle_event(log(2, 2.9, max_steps=30))
    assert chart.history["train_loss"]["y"] == [3.0, 2.9]
    chart.handle_event(log(3, 2.8, max_steps=30))
    chart.handle_event(evaluation(3, 2.7, max_steps=30))
    assert chart.history["eval_loss"]["y"] == [2.7]
    chart.handle_event(evaluation(6, 2.6, max_steps=30))
    assert chart.history["eval_loss"]["y"] == [2.7]  # after that, the interval rules again


def test_the_automatic_redraw_interval_follows_the_cores_and_the_runs_length():
    assert auto_redraw_interval(cores=2) == 3.0  # a browser on two cores competes with training
    assert auto_redraw_interval(cores=4) == 1.5
    assert auto_redraw_interval(cores=16) == 1.0
    hour = 3600.0
    assert auto_redraw_interval(cores=16, expected_seconds=hour) == pytest.approx(
        hour / MOST_REDRAWS_PER_RUN
    )
    assert (
        auto_redraw_interval(cores=2, expected_seconds=60) == 3.0
    )  # a short run: still every few seconds
    chart = TrainingChart()
    assert chart.redraw_interval == auto_redraw_interval()
    chart.handle_event(step(10, max_steps=100_000))  # 50 000 s expected: redraws thinned out
    assert chart.redraw_interval == pytest.approx(auto_redraw_interval(expected_seconds=50_000.0))


def test_the_progress_line_stays_live_between_redraws_of_the_figures(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(time, "perf_counter", lambda: clock[0])
    chart = TrainingChart(redraw_interval=5)
    chart.handle_event(TrainingEvent("started", max_steps=100))
    redraws, progress = chart.redraw_count, chart.progress_count
    for n in range(1, 5):  # one event a second for four seconds
        clock[0] += 1.0
        chart.handle_event(log(n, 3.0 - n / 10))
        chart.handle_event(step(n))
    # the figures wait for their interval (once the line is visible, at two points)...
    assert chart.redraw_count == redraws + 1
    assert chart.progress_count >= progress + 4  # ...the progress line does not
    assert "4" in chart.progress_text and chart.history["train_loss"]["x"] == [1, 2]
    clock[0] += 3.0  # five seconds after the line's first redraw
    chart.handle_event(step(5))
    assert chart.redraw_count == redraws + 2
    assert chart.history["train_loss"]["x"] == [1, 2, 3, 4]


def test_a_hidden_chart_draws_only_the_progress_line_and_catches_up_when_shown():
    chart = TrainingChart(redraw_interval=0)
    chart.visible = False
    chart.handle_event(TrainingEvent("started", max_steps=20))
    drawn = chart.redraw_count
    for n in range(1, 11):
        chart.handle_event(log(n, 3.0 - n / 10, max_steps=20))
        chart.handle_event(step(n, max_steps=20))
    chart.handle_event(evaluation(10, 2.5, max_steps=20))
    assert chart.redraw_count == drawn  # nothing sent to the figures while nobody can see them
    assert chart.history["train_loss"]["x"] == []
    assert "10" in chart.progress_text and chart._progress.value == 10
    chart.visible = True
    assert chart.redraw_count == drawn + 1
    assert chart.history["train_loss"]["x"] == list(range(1, 11))
    assert chart.history["eval_loss"]["y"] == [2.5]


def test_on_the_kernels_loop_the_training_threads_events_are_drawn_on_the_loop():
    """As in Jupyter and Voilà: the run trains in its thread, the chart changes on the kernel's."""
    import asyncio
    import threading

    outcome = {}

    async def kernel():
        run = FakeRun()
        chart = TrainingChart(redraw_interval=0)
        chart.attach(run)
        drawn_on, finished_on = set(), []
        original_draw = chart._draw

        def recording_draw(*args, **kwargs):
            drawn_on.add(threading.current_thread().name)
            return original_draw(*args, **kwargs)

        chart._draw = recording_draw
        chart.on_training_finished(
            lambda result: finished_on.append(threading.current_thread().name)
        )

        def train():
            run.emit(TrainingEvent("started", max_steps=3))
            for n in range(1, 4):
                run.emit(log(n, 2.0 - n / 10, max_steps=3))
            run.status = "finished"
            run.emit(TrainingEvent("finished", step=3, max_steps=3))

        trainer = threading.Thread(target=train, name="training")
        trainer.start()
        while trainer.is_alive() or chart.status != "finished":
            await asyncio.sleep(0.01)
        outcome.update(
            loop=threading.current_thread().name,
            drawn_on=drawn_on,
            finished_on=finished_on,
            xs=chart.history["train_loss"]["x"],
        )

    asyncio.run(kernel())
    assert outcome["drawn_on"] == {outcome["loop"]}
    assert outcome["finished_on"] == [outcome["loop"]]
    assert outcome["xs"] == [1, 2, 3]


def test_ten_thousand_log_events_are_thinned_keeping_the_last_point():
    chart = TrainingChart(max_points=500, redraw_interval=60)
    chart.handle_event(TrainingEvent("started", max_steps=10_000))
    for n in range(1, 10_001):
        chart.handle_event(log(n, 10.0 / n, max_steps=10_000))
    chart.handle_event(TrainingEvent("finished", step=10_000, max_steps=10_000))
    line = chart.history["train_loss"]
    assert len(line["x"]) <= 500
    assert line["x"][0] == 1 and line["x"][-1] == 10_000
    assert line["y"][-1] == pytest.approx(10.0 / 10_000)
    assert line["x"] == sorted(line["x"])


def test_downsample_keeps_short_lines_and_thins_long_ones_evenly():
    xs, ys = downsample([1, 2, 3], [4, 5, 6], 10)
    assert list(xs) == [1, 2, 3] and list(ys) == [4, 5, 6]
    xs, ys = downsample(list(range(1001)), list(range(1001)), 11)
    assert list(xs) == [0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]


def test_non_finite_values_are_not_drawn():
    chart = TrainingChart(redraw_interval=0)
    chart.handle_event(log(1, 2.0))
    chart.handle_event(log(2, float("nan")))
    chart.handle_event(evaluation(2, 8.0))
    chart.handle_event(
        TrainingEvent("evaluation", step=3, eval_loss=900.0, perplexity=float("inf"))
    )
    assert chart.history["train_loss"]["x"] == [1.0]
    assert chart.history["eval_loss"]["x"] == [2.0, 3.0]
    assert 3.0 not in chart.history["perplexity"]["x"]


def test_attach_replays_events_already_emitted_and_ignores_the_old_run():
    old = FakeRun()
    chart = TrainingChart(redraw_interval=0)
    chart.attach(old)
    running = FakeRun(
        history=[
            TrainingEvent("started", max_steps=20),
            log(2, 4.0, max_steps=20),
            step(2, max_steps=20),
        ],
        status="running",
    )
    chart.attach(running)
    assert chart.run is running and chart.status == "running"
    assert chart.history["train_loss"]["x"] == [2.0]
    assert old.listeners == []  # detached
    old.emit(log(3, 1.0))
    running.emit(log(4, 3.5, max_steps=20))
    assert chart.history["train_loss"]["x"] == [2.0, 4.0]


def test_stop_button_asks_the_run_to_stop():
    run = FakeRun()
    chart = TrainingChart(make_run=lambda: run, redraw_interval=0)
    chart._start_button.click()
    assert run.started == 1 and chart.status == "running"
    chart._stop_button.click()
    assert run.stopped == 1 and chart.status == "stopping"
    assert chart._stop_button.disabled
    run.emit(TrainingEvent("stopped", step=3, max_steps=10))
    assert chart.status == "stopped"


def test_make_run_raising_shows_the_message_and_stays_usable():
    def make_run():
        raise DataError("data.no_rows")

    chart = TrainingChart(make_run=make_run)
    chart._start_button.click()
    error = DataError("data.no_rows")
    assert error.message() in chart.message_text
    assert error.suggestion() in chart.message_text
    assert "Traceback" not in chart._message.value
    assert chart.status == "ready" and chart.run is None
    assert not chart._start_button.disabled


def test_start_without_anything_to_train_explains_what_to_do():
    chart = TrainingChart()
    chart._start_button.click()
    assert t("chart.no_run") in chart.message_text
    assert chart.status == "ready"


def test_english_labels():
    set_language("en")
    try:
        chart = TrainingChart()
        assert chart._start_button.description == "Train"
        assert chart.status_text == "Ready to train."
        assert chart._loss_figure.axes[0].label == "Step"
    finally:
        set_language("es")


# --------------------------------------------------------------------------- the real engine


@pytest.fixture(scope="module")
def tiny_training():
    import datasets

    from widgets_llm.engine.models import build_offline_model

    texts = [
        f"El equipo {i} de la escuela de Montaña Verde ganó el torneo de ajedrez "
        f"después de {i} rondas muy reñidas contra sus rivales."
        for i in range(48)
    ]
    summaries = [f"El equipo {i} ganó el torneo de ajedrez." for i in range(48)]
    splits = datasets.DatasetDict(
        train=datasets.Dataset.from_dict({"text": texts[:40], "summary": summaries[:40]}),
        validation=datasets.Dataset.from_dict({"text": texts[40:], "summary": summaries[40:]}),
    )
    bundle = build_offline_model(texts + summaries, "seq2seq", "mini")
    return bundle, splits


def _make_run_factory(tiny_training, output_dir, **config_values):
    from widgets_llm.engine.config import TrainingConfig
    from widgets_llm.engine.training import TrainingRun

    bundle, splits = tiny_training
    config = TrainingConfig(
        **{
            "batch_size": 8,
            "learning_rate": 3e-3,
            "log_every_steps": 1,
            "max_input_length": 64,
            "max_target_length": 16,
            **config_values,
        }
    )
    return lambda: TrainingRun(bundle, splits, config, output_dir)


def test_real_run_started_with_the_button(tiny_training, tmp_path):
    chart = TrainingChart(
        make_run=_make_run_factory(tiny_training, tmp_path, num_epochs=2), redraw_interval=0.25
    )
    started, finished = [], []
    chart.on_training_started(started.append)
    chart.on_training_finished(finished.append)
    chart._start_button.click()
    assert chart.status in ("running", "finished")
    result = chart.run.join(timeout=120)
    assert result is not None and result.status == "finished"
    assert chart.status == "finished"
    assert started == [chart.run]
    assert finished == [result]
    history = chart.history
    assert len(history["train_loss"]["x"]) == result.steps  # logged every step
    assert history["train_loss"]["x"][-1] == result.steps
    assert len(history["eval_loss"]["x"]) >= 1 and len(history["perplexity"]["y"]) >= 1
    assert len(history["learning_rate"]["y"]) == result.steps
    assert chart._progress.value == result.steps == chart._progress.max
    assert f"Paso {result.steps} de {result.steps}" in chart.progress_text
    assert "por segundo" in chart.progress_text
    assert t("chart.status.finished") in chart.status_text
    assert chart.overhead_seconds < result.elapsed


def test_stop_button_ends_a_long_real_run_as_stopped(tiny_training, tmp_path):
    chart = TrainingChart(
        make_run=_make_run_factory(tiny_training, tmp_path, max_steps=5000), redraw_interval=0.25
    )
    chart._start_button.click()
    deadline = time.monotonic() + 60
    while (
        not any(e.kind == "step" for e in list(chart.run.history)) and time.monotonic() < deadline
    ):
        time.sleep(0.05)
    chart._stop_button.click()
    result = chart.run.join(timeout=60)
    assert result is not None and result.status == "stopped"
    assert 0 < result.steps < 5000
    assert chart.status == "stopped"
    assert t("chart.status.stopped") in chart.status_text


def test_restarting_the_same_run_draws_only_its_new_events():
    run = FakeRun()
    chart = TrainingChart(redraw_interval=0)
    chart.attach(run)
    run.emit(log(1, 4.0))
    run.emit(TrainingEvent("finished", step=1, max_steps=1))
    run.status = "finished"
    chart._start_button.click()
    assert run.started == 1 and chart.status == "running"
    assert chart.history["train_loss"]["x"] == []
    run.emit(log(2, 3.0))
    assert chart.history["train_loss"]["x"] == [2.0]


def test_the_key_of_the_losses_sits_under_the_figure_not_over_its_lines():
    """bqplot's legend box is drawn inside the plot and covered the validation line."""
    chart = TrainingChart()
    assert not any(mark.display_legend for mark in chart._loss_figure.marks)
    index = list(chart.children).index(chart._loss_figure)
    legend = chart.children[index + 1]
    assert legend is chart._legend
    for name, key in (
        ("train_loss", "chart.line.train_loss"),
        ("eval_loss", "chart.line.eval_loss"),
    ):
        assert t(key) in legend.value
        assert chart._marks[name].colors[0] in legend.value
    assert legend.value.count("<circle") == 1  # validation points are drawn as dots


def test_a_single_evaluation_gets_an_axis_with_numbers():
    """One perplexity so far: its figure's range is set around it (an empty automatic range
    drew an axis without a single number)."""
    chart = TrainingChart(redraw_interval=0)
    chart.handle_event(TrainingEvent("started", max_steps=20))
    chart.handle_event(evaluation(10, 2.5, max_steps=20))
    scale = chart._marks["perplexity"].scales["y"]
    perplexity = chart.history["perplexity"]["y"][0]
    assert scale.min < perplexity < scale.max
    chart.handle_event(evaluation(20, 2.0, max_steps=20))
    assert scale.min is None and scale.max is None  # two values: the automatic range again
