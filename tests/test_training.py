"""Tests of widgets_llm.engine.training and widgets_llm.engine.estimate.

Every run uses the "mini" offline models (a few hundred thousand parameters) and a few dozen
synthetic Spanish pairs, so each trains in a second or two. Runs that several tests inspect are
module-scoped fixtures: they train once.
"""

from __future__ import annotations

import math
import threading
from types import SimpleNamespace

import pytest

torch = pytest.importorskip("torch")
datasets = pytest.importorskip("datasets")

from widgets_llm.engine.config import TrainingConfig  # noqa: E402
from widgets_llm.engine.estimate import (  # noqa: E402
    TrainingEstimate,
    count_training_steps,
    estimate_training,
    format_duration,
)
from widgets_llm.engine.hardware import Hardware, cpu_has_native_bf16  # noqa: E402
from widgets_llm.engine.models import build_offline_model, train_tokenizer  # noqa: E402
from widgets_llm.engine.training import (  # noqa: E402
    TrainingEvent,
    TrainingListener,
    TrainingRun,
    restore_base_weights,
)  # noqa: E402
from widgets_llm.errors import TrainingError  # noqa: E402

TEAMS = ["Montaña Verde", "Río Claro", "San Andrés", "La Piñata", "El Molino", "Peñalba"]
GAMES = ["ajedrez", "fútbol", "baloncesto", "voleibol"]


def _pairs(count: int) -> tuple[list[str], list[str]]:
    texts, summaries = [], []
    for i in range(count):
        team, game = TEAMS[i % len(TEAMS)], GAMES[i % len(GAMES)]
        texts.append(
            f"El equipo de la escuela {team} ganó el torneo de {game} después de {i % 9 + 2} "
            f"rondas muy reñidas; la directora felicitó a los alumnos en la ceremonia del viernes."
        )
        summaries.append(f"La escuela {team} ganó el torneo de {game}.")
    return texts, summaries


def _splits(train_size: int = 48, validation_size: int = 12):
    texts, summaries = _pairs(train_size + validation_size)
    return datasets.DatasetDict(
        train=datasets.Dataset.from_dict(
            {"text": texts[:train_size], "summary": summaries[:train_size]}
        ),
        validation=datasets.Dataset.from_dict(
            {"text": texts[train_size:], "summary": summaries[train_size:]}
        ),
    )


@pytest.fixture(scope="module")
def splits():
    return _splits()


@pytest.fixture(scope="module")
def train_only(splits):
    """The same pairs without a validation split: runs that need no evaluation are quicker."""
    return datasets.DatasetDict(train=splits["train"])


@pytest.fixture(scope="module")
def tokenizers():
    texts, summaries = _pairs(60)
    return {
        "seq2seq": train_tokenizer(texts + summaries, 2000),
        "causal": train_tokenizer(texts + summaries, 2000, add_bos=True),
    }


@pytest.fixture
def make_bundle(tokenizers):
    """A fresh mini model (same seed, same weights) with a shared tokenizer."""

    def make(architecture: str = "seq2seq", seed: int = 0):
        return build_offline_model(
            [], architecture, "mini", seed=seed, tokenizer=tokenizers[architecture]
        )

    return make


def quick_config(**changes) -> TrainingConfig:
    # The fine-tuning mechanics alone: the warm-up stage has its own tests (test_warmup.py).
    values = dict(
        num_epochs=3,
        batch_size=8,
        learning_rate=3e-3,
        log_every_steps=2,
        max_input_length=64,
        max_target_length=24,
        warmup="off",
    )
    return TrainingConfig(**{**values, **changes})


class RecordingListener(TrainingListener):
    def __init__(self):
        self.calls: list[tuple[str, str]] = []

    def on_start(self, event):
        self.calls.append(("on_start", event.kind))

    def on_step(self, event):
        self.calls.append(("on_step", event.kind))

    def on_log(self, event):
        self.calls.append(("on_log", event.kind))

    def on_evaluate(self, event):
        self.calls.append(("on_evaluate", event.kind))

    def on_end(self, event):
        self.calls.append(("on_end", event.kind))


@pytest.fixture(scope="module", params=["seq2seq", "causal"])
def finished(request, tokenizers, splits, tmp_path_factory):
    """A complete run of each architecture, watched by several kinds of subscriber."""
    architecture = request.param
    bundle = build_offline_model(
        [], architecture, "mini", seed=0, tokenizer=tokenizers[architecture]
    )
    config = quick_config()
    run = TrainingRun(bundle, splits, config, tmp_path_factory.mktemp(f"run_{architecture}"))
    first, second, broken_calls = [], [], []

    def broken(event):
        broken_calls.append(event.kind)
        raise RuntimeError("a broken display")

    listener = RecordingListener()
    run.subscribe(first.append)
    run.subscribe(broken)
    run.subscribe(second.append)
    run.subscribe(listener)
    result = run.run()
    return SimpleNamespace(
        architecture=architecture,
        bundle=bundle,
        config=config,
        run=run,
        result=result,
        events=first,
        second=second,
        broken_calls=broken_calls,
        listener=listener,
    )


# --------------------------------------------------------------------------- complete runs


def test_run_finishes_and_learns(finished):
    result = finished.result
    assert result.status == "finished", result.error
    assert result.error is None
    logged = [e.loss for e in finished.events if e.kind == "log"]
    evaluated = [e.eval_loss for e in finished.events if e.kind == "evaluation"]
    assert len(logged) >= 3 and logged[-1] < logged[0]
    assert len(evaluated) >= 2 and evaluated[-1] < evaluated[0]
    assert result.final_loss == pytest.approx(logged[-1])
    assert result.eval_loss == pytest.approx(evaluated[-1])
    assert result.perplexity == pytest.approx(math.exp(evaluated[-1]))
    assert result.trainable_parameters == result.total_parameters > 0
    assert result.to_dict()["status"] == "finished"


def test_run_events_come_in_order(finished):
    events = finished.events
    kinds = [e.kind for e in events]
    assert kinds[0] == "started"
    assert kinds[-1] == "finished" and kinds.count("finished") == 1
    assert not {"failed", "stopped"} & set(kinds)
    log_steps = [e.step for e in events if e.kind == "log"]
    assert log_steps == sorted(set(log_steps))
    step_numbers = [e.step for e in events if e.kind == "step"]
    assert step_numbers == list(range(1, finished.result.steps + 1))
    for event in events:
        if event.kind == "evaluation":
            assert event.perplexity == pytest.approx(math.exp(event.eval_loss))
    last_step = [e for e in events if e.kind == "step"][-1]
    assert last_step.progress == pytest.approx(1.0)
    assert events[-1].progress == pytest.approx(1.0)
    assert events[-1].step == events[-1].max_steps == finished.result.max_steps


def test_step_events_carry_eta_and_speed(finished):
    steps = [e for e in finished.events if e.kind == "step"]
    assert all(e.eta is not None and e.eta >= 0 for e in steps)
    assert all(e.tokens_per_second is not None and e.tokens_per_second > 0 for e in steps)
    assert steps[-1].eta == pytest.approx(0.0)
    assert all(0 < e.progress <= 1 for e in steps)
    assert [e.elapsed for e in steps] == sorted(e.elapsed for e in steps)


def test_every_subscriber_gets_every_event(finished):
    assert finished.second == finished.events == finished.run.history
    # The subscriber that raises was called for every event and did not break the run.
    assert finished.broken_calls == [e.kind for e in finished.events]


def test_listener_methods_are_called(finished):
    calls = finished.listener.calls
    kinds = [e.kind for e in finished.events]
    assert calls[0] == ("on_start", "started")
    assert calls[-1] == ("on_end", "finished")
    assert [c for c in calls if c[0] == "on_end"] == [("on_end", "finished")]
    assert sum(1 for c in calls if c[0] == "on_step") == kinds.count("step")
    assert sum(1 for c in calls if c[0] == "on_log") == kinds.count("log")
    assert sum(1 for c in calls if c[0] == "on_evaluate") == kinds.count("evaluation")


def test_unsubscribe_stops_events():
    run = TrainingRun(None, None, TrainingConfig(), "unused")
    received: list[TrainingEvent] = []
    unsubscribe = run.subscribe(received.append)
    run._emit(TrainingEvent(kind="step", step=1))
    unsubscribe()
    run._emit(TrainingEvent(kind="step", step=2))
    assert [e.step for e in received] == [1]


def test_no_telemetry(finished):
    args = finished.run.trainer.args
    assert args.report_to in ("none", [], ["none"])
    callbacks = {type(c).__name__ for c in finished.run.trainer.callback_handler.callbacks}
    assert callbacks <= {"DefaultFlowCallback", "_EventBridge"}


def test_precision_on_this_machine(finished):
    expected = "bf16" if cpu_has_native_bf16() else "fp32"
    assert finished.result.precision == finished.run.precision == expected
    assert finished.run.trainer.args.bf16 == (expected == "bf16")


def test_model_is_left_plain_and_in_eval_mode(finished):
    model = finished.bundle.model
    assert not model.training
    # accelerate's autocast wrapper is removed: later generations run as the base model's.
    assert "forward" not in model.__dict__ and "_original_forward" not in model.__dict__


def test_estimate_steps_match_the_run(finished, splits):
    estimate = estimate_training(finished.bundle, splits, finished.config)
    assert estimate.total_steps == finished.result.steps == finished.result.max_steps
    assert estimate.evaluations == sum(1 for e in finished.events if e.kind == "evaluation")


# --------------------------------------------------------------------------- LoRA


def test_lora_trains_only_the_adapter(make_bundle, splits, tmp_path):
    bundle = make_bundle("seq2seq")
    config = quick_config(
        use_lora=True, learning_rate=1e-2, num_epochs=4, lora_r=8, lora_dropout=0.0
    )
    result = TrainingRun(bundle, splits, config, tmp_path).run()
    assert result.status == "finished", result.error
    assert 0 < result.trainable_parameters < result.total_parameters
    trainable = [name for name, p in bundle.model.named_parameters() if p.requires_grad]
    assert trainable and all("lora_" in name for name in trainable)
    assert "forward" not in bundle.model.__dict__  # the precision wrapper is gone here too
    losses = [h["loss"] for h in result.log_history if "loss" in h]
    assert losses[-1] < losses[0]


@pytest.mark.parametrize("use_lora", [False, True])
def test_a_second_run_starts_from_the_base_weights(make_bundle, train_only, tmp_path, use_lora):
    """restore_base_weights undoes a run in place: a second run never goes on from the tuned
    model."""
    bundle = make_bundle("seq2seq")
    base = {k: v.clone() for k, v in bundle.model.state_dict().items()}
    assert restore_base_weights(bundle) is False  # never trained: nothing to undo
    config = quick_config(use_lora=use_lora, max_steps=4, learning_rate=1e-2)
    first = TrainingRun(bundle, train_only, config, tmp_path / "a").run()
    assert first.status == "finished", first.error
    assert restore_base_weights(bundle) is True
    assert not hasattr(bundle.model, "peft_config")  # a LoRA adapter is removed, not merged
    assert all(v.equal(base[k]) for k, v in bundle.model.state_dict().items())
    second = TrainingRun(bundle, train_only, config, tmp_path / "b").run()
    assert second.status == "finished", second.error
    # Same data, settings and starting weights: the same losses as the first run (going on from
    # the tuned weights would start near its last loss, far lower).
    losses = [[h["loss"] for h in r.log_history if "loss" in h] for r in (first, second)]
    assert losses[0] == pytest.approx(losses[1], rel=1e-2)  # bf16 on CPU: not bit for bit


# --------------------------------------------------------------------------- thread, stop, resume


def test_background_run_stops_and_resumes(make_bundle, train_only, tmp_path):
    bundle = make_bundle("seq2seq")
    config = quick_config(max_steps=10, log_every_steps=1)
    run = TrainingRun(bundle, train_only, config, tmp_path)
    at_step_three, release = threading.Event(), threading.Event()

    def hold_at_step_three(event):
        # Training waits here, so the main thread acts while the run is surely going.
        if event.kind == "step" and event.step == 3 and not release.is_set():
            at_step_three.set()
            release.wait(60)

    run.subscribe(hold_at_step_three)
    assert run.start() is run  # returns at once
    try:
        assert at_step_three.wait(60)
        assert run.status == "running" and run.is_alive
        with pytest.raises(TrainingError) as raised:
            run.start()
        assert raised.value.key == "training.already_running"
        with pytest.raises(TrainingError):
            run.run()
        run.stop()
        assert run.status == "stopping"
    finally:
        release.set()
    result = run.join(60)
    assert result is not None and result.status == "stopped" == run.status
    assert result.steps == 3 < config.max_steps
    assert run.history[-1].kind == "stopped"
    checkpoint = run.last_checkpoint()
    assert checkpoint is not None and checkpoint.name == "checkpoint-3"

    resumed_from = len(run.history)
    run.start(resume=True)
    result = run.join(60)
    assert result.status == "finished", result.error
    assert result.steps == config.max_steps
    new_events = run.history[resumed_from:]
    assert new_events[0].kind == "started" and new_events[0].step == 3
    assert [e.step for e in new_events if e.kind == "step"] == list(range(4, config.max_steps + 1))
    assert new_events[-1].kind == "finished"
    assert estimate_training(bundle, train_only, config).total_steps == config.max_steps


def test_new_run_resumes_from_a_folder(make_bundle, train_only, tmp_path):
    config = quick_config(max_steps=4, log_every_steps=1)
    first = TrainingRun(make_bundle("seq2seq"), train_only, config, tmp_path)
    first.subscribe(lambda e: first.stop() if e.kind == "step" and e.step == 2 else None)
    assert first.run().status == "stopped"
    second = TrainingRun(make_bundle("seq2seq"), train_only, config, tmp_path)
    result = second.run(resume=True)
    assert result.status == "finished" and result.steps == 4
    assert [e.step for e in second.history if e.kind == "step"] == [3, 4]


def test_resume_without_checkpoint_is_refused(make_bundle, splits, tmp_path):
    run = TrainingRun(make_bundle("seq2seq"), splits, quick_config(max_steps=2), tmp_path / "empty")
    for start in (lambda: run.run(resume=True), lambda: run.start(resume=True)):
        with pytest.raises(TrainingError) as raised:
            start()
        assert raised.value.key == "training.no_checkpoint"
        assert raised.value.message("es") and raised.value.suggestion("es")
    assert run.status == "ready" and not run.history


def test_no_training_examples_fail_clearly(make_bundle, tmp_path):
    empty = datasets.DatasetDict(train=datasets.Dataset.from_dict({"text": [], "summary": []}))
    result = TrainingRun(make_bundle("seq2seq"), empty, quick_config(), tmp_path).run()
    assert result.status == "failed" and result.error.key == "training.no_train_data"


# --------------------------------------------------------------------------- failures


def test_nan_loss_fails_with_an_explanation(make_bundle, train_only, tmp_path, monkeypatch):
    bundle = make_bundle("seq2seq")
    original = bundle.model.forward

    def nan_forward(*args, **kwargs):
        output = original(*args, **kwargs)
        output.loss = output.loss * float("nan")
        return output

    monkeypatch.setattr(bundle.model, "forward", nan_forward)
    run = TrainingRun(
        bundle,
        train_only,
        quick_config(max_steps=5, log_every_steps=1, learning_rate=1e-3),
        tmp_path,
    )
    result = run.run()
    assert result.status == "failed" == run.status
    assert result.error.key == "training.nan_loss"
    assert result.steps < 5  # it stopped at once instead of training on
    assert "NaN" in result.error.message("es")
    assert "tasa de aprendizaje" in result.error.suggestion("es")
    assert "0.0001" in result.error.suggestion("es")  # a tenth of the learning rate used
    assert run.history[-1].kind == "failed" and run.history[-1].error is result.error


def test_out_of_memory_fails_and_can_start_again(make_bundle, train_only, tmp_path, monkeypatch):
    bundle = make_bundle("seq2seq")
    calls = []

    def out_of_memory(*args, **kwargs):
        calls.append(1)
        raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")

    monkeypatch.setattr(bundle.model, "forward", out_of_memory)
    config = quick_config(max_steps=3, log_every_steps=1)
    run = TrainingRun(bundle, train_only, config, tmp_path)
    result = run.run()
    assert calls and result.status == "failed" == run.status
    assert result.error.key == "training.out_of_memory"
    suggestion = result.error.suggestion("es")
    assert "lote más pequeño" in suggestion and str(config.batch_size // 2) in suggestion
    assert "smaller batch" in result.error.suggestion("en")
    assert run.history[-1].kind == "failed"

    monkeypatch.undo()
    result = run.start().join(60)
    assert result.status == "finished", result.error
    assert result.steps == 3


def test_other_errors_become_user_errors(make_bundle, train_only, tmp_path, monkeypatch):
    bundle = make_bundle("causal")

    def broken(*args, **kwargs):
        raise ValueError("shapes do not match")

    monkeypatch.setattr(bundle.model, "forward", broken)
    result = TrainingRun(bundle, train_only, quick_config(max_steps=2), tmp_path).run()
    assert result.status == "failed"
    assert result.error.key == "training.failed"
    assert "shapes do not match" in result.error.message("es")


# --------------------------------------------------------------------------- estimate


def test_estimate_gives_positive_numbers(make_bundle, splits):
    estimate = estimate_training(make_bundle("seq2seq"), splits, quick_config())
    assert isinstance(estimate, TrainingEstimate)
    assert estimate.total_steps == 18  # 48 examples / 8 per batch × 3 epochs
    assert estimate.seconds_per_step > 0
    assert estimate.total_seconds >= estimate.total_steps * estimate.seconds_per_step
    assert 0 < estimate.peak_memory_gb < 1
    assert estimate.available_memory_gb > estimate.peak_memory_gb
    assert estimate.fits and estimate.warning_key is None and estimate.warnings() == []
    assert estimate.precision == ("bf16" if cpu_has_native_bf16() else "fp32")
    assert estimate.trainable_parameters == estimate.total_parameters > 0
    message = estimate.message("es")
    assert message.startswith("Tiempo estimado") and "18 pasos" in message
    assert estimate.message("en").startswith("Estimated time")
    assert estimate.to_dict()["warning"] is None


def test_estimate_does_not_change_the_model_or_the_run(make_bundle, train_only, tmp_path):
    config = quick_config(max_steps=2, log_every_steps=1)
    plain = TrainingRun(make_bundle("seq2seq"), train_only, config, tmp_path / "plain").run()

    bundle = make_bundle("seq2seq")
    bundle.model.eval()
    before = {k: v.clone() for k, v in bundle.model.state_dict().items()}
    estimate_training(bundle, train_only, config)
    estimate_training(bundle, train_only, config.updated(use_lora=True))
    after = bundle.model.state_dict()
    assert all(torch.equal(before[k], after[k]) for k in before)
    assert all(p.grad is None for p in bundle.model.parameters())
    assert all(not m.training for m in bundle.model.modules())  # eval mode restored
    assert not bundle.extra.get("lora") and "lora" not in type(bundle.model).__module__
    estimated = TrainingRun(bundle, train_only, config, tmp_path / "estimated").run()

    first_loss = [h["loss"] for h in plain.log_history if "loss" in h][0]
    assert [h["loss"] for h in estimated.log_history if "loss" in h][0] == pytest.approx(
        first_loss, rel=1e-5
    )


def test_estimate_with_lora_counts_the_adapter(make_bundle, splits):
    bundle = make_bundle("causal")
    full = estimate_training(bundle, splits, quick_config())
    lora = estimate_training(bundle, splits, quick_config(use_lora=True))
    assert 0 < lora.trainable_parameters < full.trainable_parameters
    assert lora.total_parameters > full.total_parameters  # the adapter adds parameters
    assert lora.peak_memory_gb < full.peak_memory_gb
    assert all(p.requires_grad for p in bundle.model.parameters())


def test_estimate_too_big_warns(make_bundle, splits):
    tiny_machine = Hardware("cpu", "fake", cpu_bf16=False, gpu_bf16=False, memory_gb=0.0001)
    estimate = estimate_training(
        make_bundle("seq2seq"), splits, quick_config(), hardware=tiny_machine
    )
    assert estimate.precision == "fp32"
    assert not estimate.fits
    assert estimate.warning_key == "training.estimate.too_big"
    message = estimate.message("es")
    assert "Necesitaría unos" in message and "LoRA" in message
    assert "more than available" in estimate.message("en")


def test_estimate_samples_stand_for_every_batch_without_bias():
    """Batches with a long tail of costly ones (as «Calidad»'s long texts): one batch drawn from
    each share of the sorted batches gives the mean batch's cost, where the middle batch of each
    third fell well short of it."""
    from widgets_llm.engine.estimate import SAMPLED_BATCHES, _sample

    batches = [[i] for i in range(600)]

    def cost(batch):  # the costliest tenth of the batches holds three fifths of the total
        return 1.015 ** batch[0]

    true_mean = sum(cost(b) for b in batches) / len(batches)
    first = _sample(batches, cost, SAMPLED_BATCHES, seed=42)
    assert first == _sample(batches, cost, SAMPLED_BATCHES, seed=42)  # two estimates, same batches
    assert len(first) == SAMPLED_BATCHES and sum(share for _, share in first) == pytest.approx(1)
    # One batch from each share of the sorted batches.
    bounds = [k * 600 // SAMPLED_BATCHES for k in range(SAMPLED_BATCHES + 1)]
    assert all(bounds[k] <= b[0] < bounds[k + 1] for k, (b, _) in enumerate(first))
    estimates = [
        sum(share * cost(b) for b, share in _sample(batches, cost, SAMPLED_BATCHES, seed))
        for seed in range(300)
    ]
    assert sum(estimates) / len(estimates) == pytest.approx(true_mean, rel=0.02)
    assert all(abs(e / true_mean - 1) < 0.1 for e in estimates)
    thirds_middles = sum(cost([100 + 200 * k]) for k in range(3)) / 3
    assert thirds_middles < 0.8 * true_mean  # what the estimate used to time
    assert _sample(batches[:5], cost, SAMPLED_BATCHES, seed=1) == [([i], 0.2) for i in range(5)]


def test_estimate_samples_fewer_batches_of_a_slow_model():
    from widgets_llm.engine.estimate import (
        MEASURE_BUDGET_SECONDS,
        SAMPLED_BATCHES,
        _sample_plan,
    )

    assert _sample_plan(1, 2, 0.1) == (SAMPLED_BATCHES, 1)
    assert _sample_plan(3, 1, 0.1) == (SAMPLED_BATCHES, 3)
    # 2 stages × 32 batches × 3 passes × 0.5 s is over the budget: one pass each, 30 batches.
    assert MEASURE_BUDGET_SECONDS == 30 and _sample_plan(3, 2, 0.5) == (30, 1)
    assert _sample_plan(1, 2, 60.0) == (1, 1)


def test_estimate_message_writes_numbers_as_its_reader_does():
    estimate = TrainingEstimate(
        total_steps=40,
        seconds_per_step=0.24,
        total_seconds=95.0,
        peak_memory_gb=1.5,
        available_memory_gb=1.0,
        fits=False,
        precision="fp32",
    )
    spanish, english = estimate.message("es"), estimate.message("en")
    assert "0,24 s por paso" in spanish and "1,5 GB" in spanish and "1,0 GB" in spanish
    assert "0.24 s per step" in english and "1.5 GB" in english


def test_estimate_needs_training_examples(make_bundle):
    empty = datasets.DatasetDict(train=datasets.Dataset.from_dict({"text": [], "summary": []}))
    with pytest.raises(TrainingError) as raised:
        estimate_training(make_bundle("seq2seq"), empty, quick_config())
    assert raised.value.key == "training.no_train_data"


def test_estimate_steps_with_accumulation_match_the_run(make_bundle, splits, tmp_path):
    # 48 examples, batches of 8: 6 batches, 2 updates per epoch with accumulation 4 (the last
    # one short), 1.5 epochs -> 3 steps; evaluated at the end of the first epoch and at the end.
    config = quick_config(gradient_accumulation_steps=4, num_epochs=1.5)
    bundle = make_bundle("causal")
    estimate = estimate_training(bundle, splits, config)
    run = TrainingRun(bundle, splits, config, tmp_path)
    result = run.run()
    assert result.status == "finished", result.error
    assert estimate.total_steps == result.steps == 3
    assert estimate.evaluations == sum(1 for e in run.history if e.kind == "evaluation") == 2


def _with_test(splits):
    """The pairs with a test split too: what the studio evaluates after training."""
    texts, summaries = _pairs(72)
    test = datasets.Dataset.from_dict({"text": texts[60:], "summary": summaries[60:]})
    return datasets.DatasetDict(train=splits["train"], validation=splits["validation"], test=test)


def test_estimate_covers_every_part_of_the_wait(make_bundle, splits):
    bundle = make_bundle("seq2seq")
    estimate = estimate_training(bundle, _with_test(splits), quick_config())
    parts = estimate.parts
    assert list(parts) == ["warmup", "training", "evaluations", "final_evaluation", "saving"]
    assert parts["warmup"] == 0  # no warm-up in this configuration
    measured = ("training", "evaluations", "final_evaluation", "saving")
    assert all(parts[name] > 0 for name in measured)
    assert estimate.total_seconds == pytest.approx(sum(parts.values()))
    assert estimate.final_examples == 12 and estimate.evaluations == 3
    # The training part also has tokenizing and checkpoints.
    assert estimate.total_steps * estimate.seconds_per_step < parts["training"]
    message = estimate.message("es")
    for words in (
        "18 pasos",
        "entrenamiento",
        "evaluaciones durante el entrenamiento",
        "comparación final",
        "12 textos de prueba",
        "guardado",
    ):
        assert words in message
    assert "final comparison" in estimate.message("en")
    assert estimate.to_dict()["parts"] == parts
    assert estimate.measured_seconds > 0

    only_training = estimate_training(
        bundle, _with_test(splits), quick_config(), after_training=False
    )
    assert only_training.final_evaluation_seconds == only_training.save_seconds == 0
    assert only_training.final_examples == 0
    assert "comparación final" not in only_training.message("es")


def test_estimate_includes_the_warm_up_stage(make_bundle, tmp_path):
    # Texts of several sentences: the warm-up makes its examples from them.
    texts, summaries = _pairs(60)
    more = "Los padres aplaudieron desde las gradas del gimnasio. El premio fue una copa de plata."
    texts = [f"{text} {more}" for text in texts]
    splits = datasets.DatasetDict(
        train=datasets.Dataset.from_dict({"text": texts[:48], "summary": summaries[:48]}),
        test=datasets.Dataset.from_dict({"text": texts[48:], "summary": summaries[48:]}),
    )
    config = quick_config(warmup="on", warmup_steps=4, max_input_length=128, max_target_length=64)
    bundle = make_bundle("seq2seq")
    estimate = estimate_training(bundle, splits, config)
    run = TrainingRun(bundle, splits, config, tmp_path)
    assert estimate.warmup_steps == run.warmup_steps == 4
    assert estimate.total_steps == 4 + run.finetune_steps()  # with the replayed warm-up examples
    assert estimate.warmup_seconds > 0 and estimate.parts["warmup"] == estimate.warmup_seconds
    assert estimate.warmup["seconds_per_step"] > 0
    assert "calentamiento" in estimate.message("es") and "(4 pasos)" in estimate.message("es")


def test_estimate_reports_progress_and_stops_when_asked(make_bundle, splits):
    from widgets_llm.engine.estimate import EstimateStopped

    reports, threads = [], set()

    def progress(done, total, what):
        reports.append((done, total, what))
        threads.add(threading.current_thread().name)

    estimate_training(
        make_bundle("seq2seq"), _with_test(splits), quick_config(), on_progress=progress
    )
    assert reports[0] == (0, 0, "preparation")  # the examples are made before anything is timed
    dones = [done for done, _, _ in reports]
    assert dones == sorted(dones) and all(done <= total for done, total, _ in reports)
    assert reports[-1][0] == reports[-1][1] > 5
    parts = [what for i, (_, _, what) in enumerate(reports) if i == 0 or what != reports[i - 1][2]]
    assert parts == ["preparation", "training", "evaluations", "final_evaluation", "saving"]
    assert "widgets-llm-estimate" in threads  # timed in a thread set up as the training's

    bundle = make_bundle("seq2seq")
    bundle.model.eval()
    before = {k: v.clone() for k, v in bundle.model.state_dict().items()}
    asked = []

    def stop_after_a_few_steps():
        asked.append(True)
        return len(asked) > 4

    with pytest.raises(EstimateStopped):
        estimate_training(
            bundle, _with_test(splits), quick_config(), should_stop=stop_after_a_few_steps
        )
    assert len(asked) == 5  # it stopped at the first check that said so
    assert all(torch.equal(before[k], v) for k, v in bundle.model.state_dict().items())
    assert all(not m.training for m in bundle.model.modules())
    assert all(p.grad is None for p in bundle.model.parameters())
    assert not bundle.lease.busy  # the model is free for a training


@pytest.mark.parametrize(
    "examples, changes, steps",
    [
        (48, {}, 18),
        (50, {"num_epochs": 2.0}, 14),
        (50, {"num_epochs": 0.5}, 4),
        (50, {"gradient_accumulation_steps": 3, "num_epochs": 1.0}, 3),
        (3, {"num_epochs": 2.0, "gradient_accumulation_steps": 4}, 2),
        (50, {"max_steps": 7}, 7),
    ],
)
def test_count_training_steps(examples, changes, steps):
    assert count_training_steps(examples, quick_config(**changes)) == steps


@pytest.mark.parametrize(
    "seconds, spanish, english",
    [
        (0.4, "menos de 1 s", "under 1 s"),
        (45, "45 s", "45 s"),
        (200, "3 min 20 s", "3 min 20 s"),
        (180, "3 min", "3 min"),
        (3599.7, "1 h", "1 h"),
        (7500, "2 h 5 min", "2 h 5 min"),
        (86400 + 3 * 3600, "1 día 3 h", "1 day 3 h"),
        (2 * 86400, "2 días", "2 days"),
        (None, "desconocido", "unknown"),
        (float("inf"), "desconocido", "unknown"),
    ],
)
def test_format_duration(seconds, spanish, english):
    assert format_duration(seconds, "es") == spanish
    assert format_duration(seconds, "en") == english


def test_a_failing_listener_leaves_a_trace_and_training_goes_on(
    make_bundle, train_only, tmp_path, caplog
):
    import logging

    run = TrainingRun(make_bundle("seq2seq"), train_only, quick_config(max_steps=2), tmp_path)
    run.subscribe(lambda event: 1 / 0)  # a broken display
    with caplog.at_level(logging.ERROR, logger="widgets_llm.engine.training"):
        result = run.run()
    assert result.status == "finished", result.error
    logged = [r for r in caplog.records if "training listener" in r.getMessage()]
    assert logged and logged[0].exc_info and logged[0].exc_info[0] is ZeroDivisionError
