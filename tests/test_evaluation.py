"""Tests of widgets_llm.engine.evaluation: ROUGE, perplexity, lead baseline, base vs tuned."""

from __future__ import annotations

import json
import math

import pytest

from widgets_llm.engine.evaluation import (
    Comparison,
    EvaluationStopped,
    base_model_of,
    compare_models,
    evaluate_model,
    is_lora_bundle,
    load_base_bundle,
    reference_loss,
    sort_examples,
)
from widgets_llm.engine.features import LengthLimits, data_collator, tokenize_batch
from widgets_llm.engine.generation import GenerationSettings, generate_summaries
from widgets_llm.engine.models import ModelBundle, ModelSource
from widgets_llm.engine.scoring import ROUGE_KEYS, lead_baseline, rouge
from widgets_llm.errors import DataError, ModelError

REPORT_KEYS = {
    "rouge1",
    "rouge2",
    "rougeL",
    "rougeLsum",
    "perplexity",
    "mean_generated_words",
    "num_examples",
    "lead_baseline",
    "repetition",
}
EXAMPLE_KEYS = {
    "text",
    "reference",
    "base",
    "tuned",
    "lead",
    "base_rouge",
    "tuned_rouge",
    "improvement",
}
SHORT = GenerationSettings(max_new_tokens=20)

TEXTS = [
    f"El equipo {i} de la escuela de Montaña Verde ganó el torneo de ajedrez después de {i} rondas "
    f"muy reñidas contra sus rivales. Hubo una fiesta en la plaza."
    for i in range(60)
]
SUMMARIES = [f"El equipo {i} ganó el torneo de ajedrez." for i in range(60)]
EVAL_TEXTS, EVAL_SUMMARIES = TEXTS[50:], SUMMARIES[50:]


def train_mini(tmp_dir, architecture: str, lora: bool = False) -> dict:
    """A "mini" offline model trained for a few steps; with its generations and weights before
    training."""
    import datasets

    from widgets_llm.engine.config import TrainingConfig
    from widgets_llm.engine.models import build_offline_model
    from widgets_llm.engine.training import TrainingRun

    splits = datasets.DatasetDict(
        train=datasets.Dataset.from_dict({"text": TEXTS[:50], "summary": SUMMARIES[:50]}),
        validation=datasets.Dataset.from_dict({"text": EVAL_TEXTS, "summary": EVAL_SUMMARIES}),
    )
    bundle = build_offline_model(TEXTS + SUMMARIES, architecture, "mini", seed=1)
    before = generate_summaries(bundle, EVAL_TEXTS[:4], SHORT)
    initial = {k: v.detach().clone() for k, v in bundle.model.state_dict().items()}
    config = TrainingConfig(
        num_epochs=2 if lora else 4,
        batch_size=8,
        learning_rate=1e-2 if lora else 3e-3,
        log_every_steps=2,
        use_lora=lora,
        warmup="off",  # fine-tuning alone: the warm-up stage is tested in test_warmup.py
    )
    result = TrainingRun(bundle, splits, config, tmp_dir).run()
    assert result.status == "finished", result.error
    return {
        "bundle": bundle,
        "config": config,
        "result": result,
        "before": before,
        "initial": initial,
        "dir": tmp_dir,
    }


@pytest.fixture(scope="module")
def seq2seq(tmp_path_factory):
    return train_mini(tmp_path_factory.mktemp("seq2seq"), "seq2seq")


@pytest.fixture(scope="module")
def causal(tmp_path_factory):
    return train_mini(tmp_path_factory.mktemp("causal"), "causal")


@pytest.fixture(scope="module")
def seq2seq_lora(tmp_path_factory):
    return train_mini(tmp_path_factory.mktemp("seq2seq_lora"), "seq2seq", lora=True)


@pytest.fixture(scope="module")
def seq2seq_report(seq2seq):
    return evaluate_model(seq2seq["bundle"], EVAL_TEXTS, EVAL_SUMMARIES, settings=SHORT)


def _weights_equal(state_a, state_b) -> bool:
    import torch

    return state_a.keys() == state_b.keys() and all(
        torch.equal(state_a[k], state_b[k]) for k in state_a
    )


# --------------------------------------------------------------------------- evaluate_model


def test_report_numbers_are_in_range_and_to_dict_has_exact_keys(seq2seq_report):
    report = seq2seq_report
    data = report.to_dict()
    assert set(data) == REPORT_KEYS
    assert set(data["lead_baseline"]) == set(ROUGE_KEYS)
    for key in ROUGE_KEYS:
        assert 0.0 <= data[key] <= 1.0
        assert 0.0 <= data["lead_baseline"][key] <= 1.0
    assert math.isfinite(data["perplexity"]) and data["perplexity"] >= 1.0
    assert data["num_examples"] == len(EVAL_TEXTS)
    assert data["mean_generated_words"] > 0
    assert len(report.predictions) == len(report.per_example) == len(EVAL_TEXTS)
    assert set(report.per_example[0]) == set(ROUGE_KEYS)
    from widgets_llm.engine.scoring import repetition_measures

    assert data["repetition"] == repetition_measures(report.predictions)
    json.dumps(data)  # JSON-ready: plain floats and ints


def test_trained_model_learned_the_task(seq2seq_report):
    # The training data is very regular: a few steps are enough to write the reference well.
    assert seq2seq_report.rouge["rougeL"] > 0.5
    assert seq2seq_report.perplexity < 20


def test_lead_baseline_is_the_first_sentence_scored_with_spanish_rouge(seq2seq_report):
    leads = lead_baseline(EVAL_TEXTS, 1)
    expected = rouge(leads, EVAL_SUMMARIES)
    assert seq2seq_report.lead_predictions == leads
    assert leads[0].endswith("rivales.")  # the second sentence is not in it
    for key in ROUGE_KEYS:
        assert seq2seq_report.lead_baseline[key] == pytest.approx(expected[key])


def test_rouge_and_words_match_the_predictions(seq2seq_report):
    expected = rouge(seq2seq_report.predictions, EVAL_SUMMARIES)
    for key in ROUGE_KEYS:
        assert seq2seq_report.rouge[key] == pytest.approx(expected[key])
    words = sum(len(p.split()) for p in seq2seq_report.predictions) / len(EVAL_TEXTS)
    assert seq2seq_report.mean_generated_words == pytest.approx(words, abs=1.0)


@pytest.mark.parametrize("fixture", ["seq2seq", "causal"])
def test_perplexity_is_the_token_mean_of_the_training_loss(fixture, request):
    """One batch: the model's own loss (HF averages over the label tokens) gives the same number."""
    import torch

    bundle = request.getfixturevalue(fixture)["bundle"]
    limits = LengthLimits(256, 64)
    encoded = tokenize_batch({"text": EVAL_TEXTS, "summary": EVAL_SUMMARIES}, bundle, limits)
    rows = [
        {k: encoded[k][i] for k in encoded.keys() if k != "length"} for i in range(len(EVAL_TEXTS))
    ]
    batch = data_collator(bundle)(rows)
    with torch.inference_mode():
        model_loss = float(bundle.model(**batch).loss)
    assert reference_loss(
        bundle, EVAL_TEXTS, EVAL_SUMMARIES, limits, batch_size=64
    ) == pytest.approx(model_loss, rel=1e-4)
    # Every token weighs the same whatever the batches: small batches give the same mean.
    assert reference_loss(
        bundle, EVAL_TEXTS, EVAL_SUMMARIES, limits, batch_size=3
    ) == pytest.approx(model_loss, rel=1e-4)


def test_causal_perplexity_counts_only_summary_tokens(causal):
    bundle = causal["bundle"]
    texts, summaries = EVAL_TEXTS[:3], EVAL_SUMMARIES[:3]
    loss = reference_loss(bundle, texts, summaries)
    # A different text changes the loss only through the context; a summary the model never
    # saw is much more surprising than the one it was trained to write.
    odd = reference_loss(bundle, texts, ["Llueve mucho en Sevilla."] * 3)
    assert odd > loss
    report = evaluate_model(bundle, EVAL_TEXTS, EVAL_SUMMARIES, settings=SHORT)
    assert set(report.to_dict()) == REPORT_KEYS
    assert report.perplexity == pytest.approx(math.exp(report.loss))
    assert report.rouge["rougeL"] > report.lead_baseline["rougeL"] * 0.5


def test_progress_counts_both_phases_and_ends_at_total(seq2seq):
    calls = []
    evaluate_model(
        seq2seq["bundle"],
        EVAL_TEXTS,
        EVAL_SUMMARIES,
        settings=SHORT,
        batch_size=4,
        on_progress=lambda d, t: calls.append((d, t)),
    )
    total = 2 * len(EVAL_TEXTS)
    assert calls[-1] == (total, total)
    assert all(t == total for _, t in calls)
    done = [d for d, _ in calls]
    assert done == sorted(done) and len(done) >= 4


def test_should_stop_raises_evaluation_stopped(seq2seq):
    calls = []

    def stop_after_first_batch() -> bool:
        return len(calls) >= 1

    with pytest.raises(EvaluationStopped) as info:
        evaluate_model(
            seq2seq["bundle"],
            EVAL_TEXTS,
            EVAL_SUMMARIES,
            settings=SHORT,
            batch_size=4,
            on_progress=lambda d, t: calls.append(d),
            should_stop=stop_after_first_batch,
        )
    assert info.value.done == 4 and info.value.total == 20
    assert "detuvo" in info.value.message("es")


def test_bad_inputs_raise_data_errors(seq2seq):
    with pytest.raises(DataError) as info:
        evaluate_model(seq2seq["bundle"], EVAL_TEXTS, EVAL_SUMMARIES[:3])
    assert info.value.key == "evaluation.length_mismatch"
    with pytest.raises(DataError):
        evaluate_model(seq2seq["bundle"], [], [])


# --------------------------------------------------------------------------- compare_models


@pytest.fixture(scope="module")
def comparison(seq2seq):
    return compare_models(None, seq2seq["bundle"], EVAL_TEXTS, EVAL_SUMMARIES, settings=SHORT)


def test_comparison_to_dict_has_exact_shape(comparison):
    data = comparison.to_dict()
    assert set(data) == {"base", "tuned", "lead_baseline", "examples", "warmup"}
    assert data["warmup"] is None  # this run had no warm-up stage
    assert set(data["base"]) == set(data["tuned"]) == REPORT_KEYS
    assert set(data["lead_baseline"]) == set(ROUGE_KEYS)
    assert len(data["examples"]) == len(EVAL_TEXTS)
    for example in data["examples"]:
        assert set(example) == EXAMPLE_KEYS
        assert set(example["base_rouge"]) == set(example["tuned_rouge"]) == set(ROUGE_KEYS)
    json.dumps(data)


def test_comparison_examples_are_in_order_with_improvements(comparison):
    for i, example in enumerate(comparison.examples):
        assert example.text == EVAL_TEXTS[i]
        assert example.reference == EVAL_SUMMARIES[i]
        assert example.tuned == comparison.tuned.predictions[i]
        assert example.base == comparison.base.predictions[i]
        assert example.lead == lead_baseline([EVAL_TEXTS[i]])[0]
        assert example.improvement == pytest.approx(
            example.tuned_rouge["rougeL"] - example.base_rouge["rougeL"]
        )


def test_tuned_beats_random_base_and_writes_different_summaries(comparison, seq2seq):
    assert comparison.tuned.rouge["rougeL"] > comparison.base.rouge["rougeL"]
    assert comparison.gains()["rouge1"] > 0
    assert comparison.tuned.perplexity < comparison.base.perplexity
    assert comparison.tuned.predictions != comparison.base.predictions
    # The base is the model before training: same summaries as it wrote then.
    assert comparison.base.predictions[:4] == seq2seq["before"]


def test_comparison_sorts_examples(comparison):
    improved = comparison.most_improved()
    assert [e.improvement for e in improved] == sorted(
        (e.improvement for e in comparison.examples), reverse=True
    )
    worst = comparison.worst_tuned(3)
    assert len(worst) == 3
    assert [e.tuned_rouge["rougeL"] for e in worst] == sorted(
        e.tuned_rouge["rougeL"] for e in comparison.examples
    )[:3]
    assert sort_examples(comparison.examples, "original") == comparison.examples
    with pytest.raises(ValueError):
        sort_examples(comparison.examples, "alphabetical")


def test_compare_with_explicit_base_bundle_and_progress(seq2seq):
    base = load_base_bundle(seq2seq["bundle"])
    calls = []
    result = compare_models(
        base,
        seq2seq["bundle"],
        EVAL_TEXTS[:4],
        EVAL_SUMMARIES[:4],
        settings=SHORT,
        on_progress=lambda d, t: calls.append((d, t)),
    )
    assert isinstance(result, Comparison)
    assert calls[-1] == (16, 16)
    assert result.base.predictions == seq2seq["before"]


# --------------------------------------------------------------------------- the base model


def test_load_base_bundle_of_offline_model_has_initial_weights_and_leaves_tuned_alone(seq2seq):
    bundle = seq2seq["bundle"]
    tuned_before = {k: v.detach().clone() for k, v in bundle.model.state_dict().items()}
    base = load_base_bundle(bundle)
    assert base.model is not bundle.model
    assert _weights_equal(base.model.state_dict(), seq2seq["initial"])
    assert _weights_equal(bundle.model.state_dict(), tuned_before)
    assert not _weights_equal(bundle.model.state_dict(), seq2seq["initial"])
    assert generate_summaries(base, EVAL_TEXTS[:4], SHORT) == seq2seq["before"]


def test_base_model_of_lora_switches_the_adapter_off_without_copying(seq2seq_lora):
    bundle = seq2seq_lora["bundle"]
    assert is_lora_bundle(bundle)
    tuned = generate_summaries(bundle, EVAL_TEXTS[:4], SHORT)
    with base_model_of(bundle) as base:
        assert base.model is bundle.model
        inside = generate_summaries(base, EVAL_TEXTS[:4], SHORT)
    assert inside == seq2seq_lora["before"]
    assert generate_summaries(bundle, EVAL_TEXTS[:4], SHORT) == tuned  # adapter back on
    copy = load_base_bundle(bundle)
    assert not is_lora_bundle(copy) and is_lora_bundle(bundle)
    assert _weights_equal(copy.model.state_dict(), seq2seq_lora["initial"])


def test_compare_lora_bundle_recovers_base(seq2seq_lora):
    result = compare_models(
        None, seq2seq_lora["bundle"], EVAL_TEXTS[:4], EVAL_SUMMARIES[:4], settings=SHORT
    )
    assert result.base.predictions == seq2seq_lora["before"]
    assert is_lora_bundle(seq2seq_lora["bundle"])


def test_base_of_hub_model_that_cannot_be_loaded_is_a_model_error(seq2seq, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    bundle = seq2seq["bundle"]
    hub = ModelBundle(
        bundle.model,
        bundle.tokenizer,
        "seq2seq",
        ModelSource("hub", "no-existe/modelo-inventado", "seq2seq"),
    )
    with pytest.raises(ModelError):
        load_base_bundle(hub)


def test_evaluation_messages_exist_in_both_languages():
    from widgets_llm.messages import evaluation, runs

    for module in (evaluation, runs):
        for key, texts in module.MESSAGES.items():
            assert texts.get("es") and texts.get("en"), key
