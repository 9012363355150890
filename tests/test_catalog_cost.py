"""The catalog's cost figures: measured for every model, used by the catalog, and the formula
that covers other models checked against a real training run's memory.

No timing is asserted here (speed lives in benchmarks/catalog_cost.py).
"""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from widgets_llm.engine import catalog_cost, cost
from widgets_llm.engine.models import CATALOG, catalog_entry

REPO_ROOT = Path(__file__).resolve().parent.parent
OFFLINE_ENV = {"HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}


# --------------------------------------------------------------------------- measured table


def test_every_catalog_entry_has_a_measured_cost():
    for entry in CATALOG:
        measured = entry.cost()
        assert measured is not None, (
            f"{entry.model_id} was never measured: run benchmarks/catalog_cost.py"
        )
        assert measured.model_id == entry.model_id
        # The measured model is the real one: same size as the catalog says (within 2 %).
        assert measured.parameters == pytest.approx(entry.params_millions * 1e6, rel=0.02)
        assert 0 < measured.peak_gb_lora < measured.peak_gb_full
        assert 0 < measured.peak_gb_generate < measured.peak_gb_lora
        assert measured.step_seconds_full > 0 and measured.step_seconds_lora > 0
        assert measured.generation_seconds > 0
        assert measured.precision in ("bf16", "fp32")
    assert set(catalog_cost.MEASURED) == {entry.model_id for entry in CATALOG}


def test_catalog_memory_is_the_measured_peak():
    for entry in CATALOG:
        measured = entry.cost()
        assert entry.memory_gb() == measured.peak_gb_full
        assert entry.memory_gb(lora=True) == measured.peak_gb_lora


def test_catalog_memory_follows_the_table(monkeypatch):
    entry = catalog_entry("flax-community/spanish-t5-small")
    fake = catalog_cost.CatalogCost(entry.model_id, 60_000_000, 1.0, 0.5, 7.5, 3.25, 0.2, 1.0)
    monkeypatch.setitem(catalog_cost.MEASURED, entry.model_id, fake)
    assert entry.memory_gb() == 7.5
    assert entry.memory_gb(lora=True) == 3.25


def test_an_entry_never_measured_falls_back_to_the_formula(monkeypatch):
    entry = catalog_entry("flax-community/spanish-t5-small")
    monkeypatch.delitem(catalog_cost.MEASURED, entry.model_id)
    assert entry.cost() is None
    assert 0 < entry.memory_gb(lora=True) < entry.memory_gb()
    assert "estimado" in entry.binder_advice("es")


# --------------------------------------------------------------------------- Binder advice


@pytest.mark.parametrize(
    ("full", "lora", "fit"),
    [(1.5, 1.0, "full"), (2.5, 1.5, "lora"), (4.0, 2.5, "none")],
)
def test_binder_advice_comes_from_the_measured_peak(monkeypatch, full, lora, fit):
    entry = catalog_entry("vgaraujov/bart-base-spanish")
    fake = catalog_cost.CatalogCost(entry.model_id, 139_000_000, 1.0, 0.5, full, lora, 0.2, 0.9)
    monkeypatch.setitem(catalog_cost.MEASURED, entry.model_id, fake)
    assert entry.binder_fit() == fit
    spanish, english = entry.binder_advice("es"), entry.binder_advice("en")
    assert "Binder" in spanish and "Binder" in english
    # The measured numbers, with a decimal comma in Spanish and a point in English.
    assert f"{lora:.1f} GB".replace(".", ",") in spanish and "medido" in spanish
    assert f"{lora:.1f} GB" in english and "measured" in english


def test_binder_advice_of_the_real_table_matches_its_numbers():
    usable = catalog_cost.BINDER_MEMORY_GB - catalog_cost.BINDER_RESERVED_GB
    for entry in CATALOG:
        measured = entry.cost()
        expected = (
            "full"
            if measured.peak_gb_full <= usable
            else "lora"
            if measured.peak_gb_lora <= usable
            else "none"
        )
        assert entry.binder_fit() == expected == measured.binder_fit()


def test_catalog_tables_show_the_binder_advice():
    from widgets_llm import course
    from widgets_llm.widgets.model_picker import catalog_html

    html_table = catalog_html()
    spanish = course.catalog_table("es")
    for entry, advice in zip(CATALOG, spanish["¿Cabe en Binder?"]):
        assert advice == entry.binder_advice("es")
        assert html.escape(entry.binder_advice()) in html_table


# --------------------------------------------------------------------------- the formula

#: Trains a small model a few steps through the engine (TrainingRun, the "fast" preset, the
#: engine's default precision) and prints its memory: the process's resident memory once every
#: library is imported, and its peak. It exits before the run's end (no checkpoint is written).
_MEASURE = r"""
import json, os, random, sys, tempfile
from pathlib import Path

def resident(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024

import datasets, peft, torch, transformers
from transformers import Seq2SeqTrainer, Trainer
from tokenizers import Tokenizer, models as token_models, pre_tokenizers, processors
from widgets_llm.engine import generation, training
from widgets_llm.engine.config import preset
from widgets_llm.engine.cost import ModelSizes
from widgets_llm.engine.models import ModelBundle, ModelSource

architecture, lora, steps = sys.argv[1], sys.argv[2] == "lora", int(sys.argv[3])
vocab = 16000
baseline = resident("VmRSS")
words = {f"w{i}": i for i in range(3, vocab)}
words.update({"<pad>": 0, "</s>": 1, "<unk>": 2})
raw = Tokenizer(token_models.WordLevel(words, unk_token="<unk>"))
raw.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
if architecture == "seq2seq":
    raw.post_processor = processors.TemplateProcessing(
        single="$A </s>", special_tokens=[("</s>", 1)])
tokenizer = transformers.PreTrainedTokenizerFast(
    tokenizer_object=raw, pad_token="<pad>", eos_token="</s>", unk_token="<unk>")
torch.manual_seed(0)
if architecture == "seq2seq":
    model = transformers.T5ForConditionalGeneration(transformers.T5Config(
        vocab_size=vocab, d_model=256, d_kv=64, d_ff=1024, num_layers=4, num_heads=4,
        feed_forward_proj="gated-gelu",
        pad_token_id=0, eos_token_id=1, decoder_start_token_id=0))
else:
    model = transformers.GPT2LMHeadModel(transformers.GPT2Config(
        vocab_size=vocab, n_embd=256, n_layer=6, n_head=4, n_positions=512,
        pad_token_id=0, eos_token_id=1, bos_token_id=1))
bundle = ModelBundle(model, tokenizer, architecture, ModelSource("local", "small", architecture))
sizes = ModelSizes.from_model(model)
rng = random.Random(0)
def text(n):
    return " ".join(f"w{rng.randrange(3, vocab)}" for _ in range(n))
count = 8 * (steps + 4)
splits = datasets.DatasetDict(train=datasets.Dataset.from_dict(
    {"text": [text(300) for _ in range(count)], "summary": [text(100) for _ in range(count)]}))
run = training.TrainingRun(
    bundle, splits, preset("fast", use_lora=lora, max_steps=steps + 2), tempfile.mkdtemp())
lengths = run.tokenized()["train"]
def on_event(event):
    if event.kind == "step" and event.step == steps:
        print("RESULT " + json.dumps({
            "baseline": baseline, "peak": resident("VmHWM"), "precision": run.precision,
            "trainable": bundle.num_parameters(trainable_only=True),
            "sizes": sizes.__dict__}), flush=True)
        os._exit(0)
run.subscribe(on_event)
outcome = run.run()
raise SystemExit(f"the run ended early: {outcome.status} {outcome.error}")
"""


def _measure(architecture: str, mode: str, steps: int = 2) -> dict:
    env = {**os.environ, **OFFLINE_ENV, "PYTHONPATH": str(REPO_ROOT)}
    finished = subprocess.run(
        [sys.executable, "-c", _MEASURE, architecture, mode, str(steps)],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO_ROOT,
        timeout=600,
    )
    lines = [line for line in finished.stdout.splitlines() if line.startswith("RESULT ")]
    assert lines, finished.stderr[-3000:]
    return json.loads(lines[-1][len("RESULT ") :])


@pytest.mark.parametrize(("architecture", "mode"), [("seq2seq", "full"), ("causal", "lora")])
def test_memory_formula_matches_a_measured_training_run(architecture, mode):
    """Peak memory of a real training run (a 13.5 M T5 trained in full; a GPT-2 with LoRA,
    whose logits over 176 positions dominate) against the formula, within 25 %.

    Both sides leave out the libraries' own memory: the run is measured from the moment every
    library is imported, and the formula is asked without its runtime share.
    """
    measured = _measure(architecture, mode)
    sizes = cost.ModelSizes(**measured["sizes"])
    predicted = cost.training_memory_gb(
        sizes,
        lora=mode == "lora",
        batch_size=8,
        input_length=128,
        target_length=48,
        precision=measured["precision"],
        trainable_parameters=measured["trainable"],
        include_runtime=False,
    )
    training_gb = (measured["peak"] - measured["baseline"]) / cost.GB
    assert predicted == pytest.approx(training_gb, rel=0.25), (predicted, training_gb)


def test_formula_parts_follow_the_sizes():
    sizes = cost.ModelSizes(
        parameters=60_000_000,
        matmul_parameters=60_000_000,
        output_parameters=16_000_000,
        encoder_matmul_parameters=20_000_000,
        hidden=512,
        ffn=2048,
        encoder_layers=6,
        decoder_layers=6,
        vocab=32_000,
        heads=8,
        dropout=True,
    )
    lengths = dict(batch_size=8, input_length=128, target_length=48)
    full = cost.memory_parts(sizes, lora=False, precision="bf16", **lengths)
    lora = cost.memory_parts(sizes, lora=True, precision="bf16", **lengths)
    fp32 = cost.memory_parts(sizes, lora=False, precision="fp32", **lengths)
    assert (
        full.adam == cost.ADAM_BYTES * 60_000_000
        and full.gradients == cost.GRADIENT_BYTES * 60_000_000
    )
    assert lora.adam < full.adam / 100
    assert fp32.half_copies == 0 < full.half_copies
    assert fp32.activations == 2 * full.activations
    assert lora.total < full.total
    # Twice the batch: twice the activations and logits, the same weights.
    double = cost.memory_parts(sizes, lora=False, precision="bf16", **{**lengths, "batch_size": 16})
    assert double.activations == 2 * full.activations and double.logits == 2 * full.logits
    assert double.weights == full.weights
    # A bigger vocabulary costs logits only.
    wide = cost.memory_parts(
        cost.ModelSizes(**{**sizes.__dict__, "vocab": 64_000}),
        lora=False,
        precision="bf16",
        **lengths,
    )
    assert wide.logits == 2 * full.logits and wide.activations == full.activations
    assert full.total_gb == cost.training_memory_gb(sizes, lora=False, precision="bf16", **lengths)
    assert cost.training_memory_gb(
        sizes, lora=False, precision="bf16", include_runtime=False, **lengths
    ) == pytest.approx(full.total_gb - cost.RUNTIME_GB)


def test_step_time_formula_grows_with_the_work():
    sizes = cost.ModelSizes(
        parameters=60_000_000,
        matmul_parameters=60_000_000,
        output_parameters=16_000_000,
        encoder_matmul_parameters=20_000_000,
        hidden=512,
        ffn=2048,
        encoder_layers=6,
        decoder_layers=6,
        vocab=32_000,
        heads=8,
        dropout=True,
    )
    lengths = dict(batch_size=8, input_length=128, target_length=48)
    full = cost.step_seconds(sizes, lora=False, **lengths)
    assert cost.step_seconds(sizes, lora=True, **lengths) < full
    assert cost.step_seconds(sizes, lora=False, **{**lengths, "batch_size": 16}) == pytest.approx(
        2 * full
    )
