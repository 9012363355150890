"""One owner for the model: the lease, and a training run that other work cannot disturb.

The central check (issue 9): the same run, same seed, once left alone and once while another
thread keeps asking the same model for summaries, logs exactly the same losses; the requests
are refused with a message saying the model is training. Before the lease, generation switched
dropout off in the middle of the run and the losses changed.
"""

from __future__ import annotations

import threading
import time

import pytest

import widgets_llm  # noqa: F401  (first: its quiet defaults for the Hugging Face libraries)

pytest.importorskip("torch")

from widgets_llm.engine.config import TrainingConfig  # noqa: E402
from widgets_llm.engine.estimate import estimate_training  # noqa: E402
from widgets_llm.engine.evaluation import load_base_bundle  # noqa: E402
from widgets_llm.engine.generation import generate_summaries  # noqa: E402
from widgets_llm.engine.lease import ModelBusy, ModelLease  # noqa: E402
from widgets_llm.engine.models import build_offline_model, train_tokenizer  # noqa: E402
from widgets_llm.engine.training import TrainingRun  # noqa: E402
from widgets_llm.messages import t  # noqa: E402

TEXTS = [
    f"La cooperativa {i} de Cochabamba vendió su cosecha de papa en la feria del sábado y repartió "
    f"las ganancias entre las familias del valle."
    for i in range(24)
]
SUMMARIES = [f"La cooperativa {i} vendió su cosecha en la feria." for i in range(24)]


@pytest.fixture(scope="module")
def tokenizer():
    return train_tokenizer(TEXTS + SUMMARIES, vocab_size=400)


@pytest.fixture(scope="module")
def splits():
    import datasets

    return datasets.DatasetDict(
        train=datasets.Dataset.from_dict({"text": TEXTS[:20], "summary": SUMMARIES[:20]}),
        validation=datasets.Dataset.from_dict({"text": TEXTS[20:], "summary": SUMMARIES[20:]}),
    )


def _bundle(tokenizer):
    return build_offline_model([], "seq2seq", "mini", seed=7, tokenizer=tokenizer)


def _config(**changes):
    values = dict(
        max_steps=12,
        batch_size=4,
        learning_rate=3e-3,
        log_every_steps=2,
        max_input_length=48,
        max_target_length=16,
        warmup="off",
        seed=7,
    )
    return TrainingConfig(**{**values, **changes})


# --------------------------------------------------------------------------- the lease itself


def test_the_holding_thread_may_take_it_again_others_wait_then_hear_why():
    lease = ModelLease()
    with lease.hold("training"):
        with lease.hold("evaluation"):  # the same thread: at once
            assert lease.holder == "training" and lease.held_by_me()
        caught: list[BaseException] = []

        def other():
            try:
                with lease.hold("generation", wait=0.05):
                    pass
            except ModelBusy as error:
                caught.append(error)

        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
    assert not lease.busy and lease.holder is None
    [error] = caught
    assert (error.holder, error.wanted) == ("training", "generation")
    assert error.message("es") == t(
        "lease.busy",
        "es",
        holder=t("lease.purpose.training", "es"),
        wanted=t("lease.action.generation", "es"),
    )
    assert "entrenando" in error.message("es") and "escribir resúmenes" in error.message("es")
    assert error.suggestion("es")  # says what to do


def test_short_work_is_waited_for_and_only_training_is_refused_at_once(monkeypatch):
    import widgets_llm.engine.lease as lease_module

    monkeypatch.setattr(lease_module, "QUEUE_SECONDS", 5.0)
    lease = ModelLease()
    holding, done = threading.Event(), []

    def evaluating():
        with lease.hold("evaluation"):
            holding.set()
            time.sleep(0.3)

    thread = threading.Thread(target=evaluating)
    thread.start()
    holding.wait(5)
    with lease.hold("generation", wait=0.01):  # behind a short job: in line, not refused
        done.append("generation")
    thread.join()
    assert done == ["generation"]


def test_a_waiting_thread_gets_the_model_once_it_is_free():
    lease = ModelLease()
    order: list[str] = []
    holding = threading.Event()

    def first():
        with lease.hold("estimate"):
            holding.set()
            time.sleep(0.2)
            order.append("estimate done")

    thread = threading.Thread(target=first)
    thread.start()
    holding.wait(5)
    with lease.hold("training", wait=5):  # training waits for a short job instead of failing
        order.append("training")
    thread.join()
    assert order == ["estimate done", "training"]


# --------------------------------------------------------------------------- work on a busy model


def _losses(result):
    return [h["loss"] for h in result.log_history if "loss" in h]


def test_a_run_is_identical_whether_or_not_others_ask_for_the_model(
    tokenizer, splits, tmp_path, monkeypatch
):
    import widgets_llm.engine.lease as lease_module

    for purpose in ("generation", "estimate", "copy"):  # ask often: refused at once
        monkeypatch.setitem(lease_module.WAIT_SECONDS, purpose, 0.01)
    config = _config(max_steps=30)
    alone = TrainingRun(_bundle(tokenizer), splits, config, tmp_path / "solo").run()
    assert alone.status == "finished", alone.error

    bundle = _bundle(tokenizer)
    run = TrainingRun(bundle, splits, config, tmp_path / "acosado")
    refused: list[ModelBusy] = []
    served: list[list[str]] = []
    started = threading.Event()
    run.subscribe(lambda event: started.set() if event.kind == "step" else None)
    run.start()
    started.wait(60)
    while run.is_alive:  # someone keeps asking the model for a summary while it trains
        try:
            served.append(generate_summaries(bundle, TEXTS[:1]))
        except ModelBusy as error:
            refused.append(error)
        for work in (
            lambda: estimate_training(bundle, splits, config),
            lambda: load_base_bundle(bundle),
        ):
            try:
                work()
            except ModelBusy as error:
                refused.append(error)
    result = run.join()
    assert result.status == "finished", result.error
    assert refused, f"no request was refused ({len(served)} served)"
    assert {error.holder for error in refused} == {"training"}
    assert {error.wanted for error in refused} >= {"generation", "estimate", "copy"}
    assert _losses(result) == pytest.approx(_losses(alone), rel=1e-6)
    # Once the run is over the model is free again.
    assert generate_summaries(bundle, TEXTS[:1])[0].strip()


def test_training_started_while_the_model_is_busy_fails_cleanly(
    tokenizer, splits, tmp_path, monkeypatch
):
    import widgets_llm.engine.lease as lease_module

    monkeypatch.setitem(lease_module.WAIT_SECONDS, "training", 0.05)
    monkeypatch.setattr(lease_module, "QUEUE_SECONDS", 0.05)  # a generation that never ends
    bundle = _bundle(tokenizer)
    before = {k: v.clone() for k, v in bundle.model.state_dict().items()}
    holding, release = threading.Event(), threading.Event()

    def someone_generating():
        with bundle.lease.hold("generation"):
            holding.set()
            release.wait(10)

    thread = threading.Thread(target=someone_generating)
    thread.start()
    holding.wait(5)
    try:
        result = TrainingRun(bundle, splits, _config(), tmp_path).run()
    finally:
        release.set()
        thread.join()
    assert result.status == "failed" and isinstance(result.error, ModelBusy)
    assert result.error.holder == "generation" and result.error.wanted == "training"
    assert all(v.equal(before[k]) for k, v in bundle.model.state_dict().items())  # untouched


# -------------------------------------------------------------------------- status moves atomically


@pytest.mark.parametrize("order", ["stop_then_end", "end_then_stop"])
def test_a_stop_racing_the_end_never_leaves_the_run_stopping(tokenizer, splits, tmp_path, order):
    """Both interleavings of a stop and the run's own end, driven one after the other."""
    run = TrainingRun(_bundle(tokenizer), splits, _config(max_steps=2), tmp_path)
    run.status = "running"  # as start() leaves it
    if order == "stop_then_end":
        run.stop()
        assert run.status == "stopping"
        run._finish(None, "stopped", time.perf_counter(), None)
        assert run.status == "stopped"
    else:
        run._finish(None, "finished", time.perf_counter(), None)
        run.stop()  # too late: the run is over and stays so
        assert run.status == "finished"


def test_stops_sent_throughout_the_last_steps_end_the_run(tokenizer, splits, tmp_path):
    run = TrainingRun(_bundle(tokenizer), splits, _config(max_steps=4), tmp_path)

    def on_event(event):
        if event.kind == "step" and event.step >= event.max_steps - 1:
            threading.Thread(target=run.stop).start()

    run.subscribe(on_event)
    run.start()
    while run.is_alive:
        run.stop() if run.history and run.history[-1].step >= 3 else None
        time.sleep(0.001)
    result = run.join()
    assert run.status in ("stopped", "finished") and result.status == run.status
