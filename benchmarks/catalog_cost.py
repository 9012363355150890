"""The true cost of each catalog model on this CPU, measured at full size.

For every entry of ``widgets_llm.engine.models.CATALOG`` this script builds the model's
full-size architecture from its real configuration (the values below, copied from each
checkpoint's ``config.json``) with random weights, so nothing is downloaded, and measures with
the engine's defaults and the "fast" preset's lengths (batch 8, input 128 tokens, summary 48):

- seconds per training step, full fine-tuning and LoRA (the engine's default rank and targets),
  driven through the engine's real path: ``TrainingRun`` (the Hugging Face ``Trainer`` with the
  engine's arguments, precision chosen by ``choose_precision``), median of a few steps after
  warm-up steps;
- peak memory of the process (peak resident set size, ``VmHWM``) for each of those, and for
  generation: every model and mode runs in a fresh subprocess, so numbers do not mix;
- seconds to write one summary of 48 new tokens with the engine's ``generate_summaries`` and
  its default settings (greedy, ``no_repeat_ngram_size=3``, ``repetition_penalty=1.2``).

Tokens: a word-level tokenizer with the model's real vocabulary size and special-token ids
(``w0 w1 ...``: one word, one token), so every text is exactly as long as the limits allow:
seq2seq models read 128 tokens and learn 48; decoder-only models read a 128-token chat prompt
and learn a 48-token answer (176 tokens in all), as the engine builds them.

Models that share one architecture (the three mT5-small checkpoints) are measured once.

Usage::

    python benchmarks/catalog_cost.py                 # every entry (about 25 min on 2 cores)
    python benchmarks/catalog_cost.py --quick         # two small entries, one measured step
    python benchmarks/catalog_cost.py --only google/flan-t5-small
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("HF_DATASETS_DISABLE_PROGRESS_BARS", "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BATCH, MAX_INPUT, MAX_TARGET = 8, 128, 48  # the "fast" preset (checked against PRESETS below)
NEW_TOKENS = 48

# ---------------------------------------------------------------------------- architectures
# Each value is copied from the checkpoint's config.json (or from a fine-tune of it whose
# config.json names it in "_name_or_path"); "source" says where it was read.
T5_SPECIALS = {"<pad>": 0, "</s>": 1, "<unk>": 2}
ARCHITECTURES: dict[str, dict] = {
    "t5-small-relu": {
        "class": "T5ForConditionalGeneration",
        "config": dict(
            d_model=512,
            d_kv=64,
            d_ff=2048,
            num_layers=6,
            num_decoder_layers=6,
            num_heads=8,
            feed_forward_proj="relu",
            vocab_size=32000,
            tie_word_embeddings=True,
            relative_attention_num_buckets=32,
            dropout_rate=0.1,
            pad_token_id=0,
            eos_token_id=1,
            decoder_start_token_id=0,
        ),
        "specials": T5_SPECIALS,
        "source": "somosnlp-hackathon-2022/es_text_neutralizer/config.json (fine-tuned from "
        "flax-community/spanish-t5-small: t5-small sizes, relu); vocabulary 32 000 as the Flax "
        "T5 example trains it (the 242 MB weights file is 60.5 M fp32 parameters)",
    },
    "bart-base-50264": {
        "class": "BartForConditionalGeneration",
        "config": dict(
            d_model=768,
            encoder_layers=6,
            decoder_layers=6,
            encoder_attention_heads=12,
            decoder_attention_heads=12,
            encoder_ffn_dim=3072,
            decoder_ffn_dim=3072,
            activation_function="gelu",
            max_position_embeddings=1024,
            vocab_size=50264,
            scale_embedding=False,
            dropout=0.1,
            attention_dropout=0.1,
            activation_dropout=0.1,
            bos_token_id=0,
            pad_token_id=1,
            eos_token_id=2,
            decoder_start_token_id=2,
            forced_eos_token_id=2,
            forced_bos_token_id=0,
        ),
        "specials": {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3},
        "source": "vgaraujov/bart-base-spanish/config.json",
    },
    "t5-v1_1-base-32128": {
        "class": "T5ForConditionalGeneration",
        "config": dict(
            d_model=768,
            d_kv=64,
            d_ff=2048,
            num_layers=12,
            num_decoder_layers=12,
            num_heads=12,
            feed_forward_proj="gated-gelu",
            vocab_size=32128,
            tie_word_embeddings=False,
            relative_attention_num_buckets=32,
            dropout_rate=0.1,
            pad_token_id=0,
            eos_token_id=1,
            decoder_start_token_id=0,
        ),
        "specials": T5_SPECIALS,
        "source": "vgaraujov/t5-base-spanish/config.json",
    },
    "mt5-small": {
        "class": "MT5ForConditionalGeneration",
        "config": dict(
            d_model=512,
            d_kv=64,
            d_ff=1024,
            num_layers=8,
            num_decoder_layers=8,
            num_heads=6,
            feed_forward_proj="gated-gelu",
            vocab_size=250112,
            tie_word_embeddings=False,
            relative_attention_num_buckets=32,
            dropout_rate=0.1,
            pad_token_id=0,
            eos_token_id=1,
            decoder_start_token_id=0,
        ),
        "specials": T5_SPECIALS,
        "source": "google/mt5-small/config.json; LeoCordoba/mt5-small-mlsum and "
        "huggingface-course/mt5-small-finetuned-amazon-en-es are fine-tunes with the same sizes",
    },
    "flan-t5-small": {
        "class": "T5ForConditionalGeneration",
        "config": dict(
            d_model=512,
            d_kv=64,
            d_ff=1024,
            num_layers=8,
            num_decoder_layers=8,
            num_heads=6,
            feed_forward_proj="gated-gelu",
            vocab_size=32128,
            tie_word_embeddings=False,
            relative_attention_num_buckets=32,
            dropout_rate=0.1,
            pad_token_id=0,
            eos_token_id=1,
            decoder_start_token_id=0,
        ),
        "specials": T5_SPECIALS,
        "source": "google/flan-t5-small config.json (as recorded by fine-tunes; "
        "its weights file is 307 867 048 bytes = 77.0 M fp32 parameters)",
    },
    "smollm2-135m": {
        "class": "LlamaForCausalLM",
        "config": dict(
            hidden_size=576,
            intermediate_size=1536,
            num_hidden_layers=30,
            num_attention_heads=9,
            num_key_value_heads=3,
            head_dim=64,
            hidden_act="silu",
            max_position_embeddings=8192,
            rms_norm_eps=1e-5,
            rope_theta=100000.0,
            tie_word_embeddings=True,
            vocab_size=49152,
            attention_bias=False,
            mlp_bias=False,
            bos_token_id=1,
            eos_token_id=2,
            pad_token_id=2,
        ),
        "specials": {"<|endoftext|>": 0, "<|im_start|>": 1, "<|im_end|>": 2},
        "chat": True,
        "source": "HuggingFaceTB/SmolLM2-135M-Instruct config.json (as recorded by fine-tunes)",
    },
    "qwen2.5-0.5b": {
        "class": "Qwen2ForCausalLM",
        "config": dict(
            hidden_size=896,
            intermediate_size=4864,
            num_hidden_layers=24,
            num_attention_heads=14,
            num_key_value_heads=2,
            hidden_act="silu",
            max_position_embeddings=32768,
            rms_norm_eps=1e-6,
            rope_theta=1000000.0,
            tie_word_embeddings=True,
            vocab_size=151936,
            use_sliding_window=False,
            bos_token_id=151643,
            eos_token_id=151645,
            pad_token_id=151643,
        ),
        "specials": {"<|endoftext|>": 151643, "<|im_start|>": 151644, "<|im_end|>": 151645},
        "chat": True,
        "source": "Qwen/Qwen2.5-0.5B-Instruct config.json (as recorded by copies and fine-tunes)",
    },
}

#: Catalog model -> the architecture it has.
MODEL_ARCHITECTURE = {
    "flax-community/spanish-t5-small": "t5-small-relu",
    "vgaraujov/bart-base-spanish": "bart-base-50264",
    "vgaraujov/t5-base-spanish": "t5-v1_1-base-32128",
    "LeoCordoba/mt5-small-mlsum": "mt5-small",
    "google/mt5-small": "mt5-small",
    "huggingface-course/mt5-small-finetuned-amazon-en-es": "mt5-small",
    "google/flan-t5-small": "flan-t5-small",
    "HuggingFaceTB/SmolLM2-135M-Instruct": "smollm2-135m",
    "Qwen/Qwen2.5-0.5B-Instruct": "qwen2.5-0.5b",
}
QUICK_MODELS = ("flax-community/spanish-t5-small", "HuggingFaceTB/SmolLM2-135M-Instruct")

# A ChatML-like template: the engine then builds chat prompts, as for the real instruct models.
CHAT_TEMPLATE = (
    "{% for message in messages %}"
    "<|im_start|> {{ message['role'] }} {{ message['content'] }} <|im_end|> "
    "{% endfor %}{% if add_generation_prompt %}<|im_start|> assistant {% endif %}"
)


# ---------------------------------------------------------------------------- helpers


def rss_gb(field: str = "VmRSS") -> float:
    """This process's resident memory (``VmRSS``) or its peak so far (``VmHWM``), in GiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 2**20
    return float("nan")


def machine_info() -> dict:
    import torch
    import transformers

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    from widgets_llm.engine.hardware import cpu_has_native_bf16

    return {
        "date": date.today().isoformat(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": memory,
        "cpu_bf16": cpu_has_native_bf16(),
        "python": platform.python_version(),
        "torch": torch.__version__,
        "transformers": transformers.__version__,
        "torch_threads": torch.get_num_threads(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def build_tokenizer(architecture: dict):
    """A word-level fast tokenizer with the model's vocabulary size and special-token ids."""
    from tokenizers import Tokenizer, models, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast

    vocab_size = architecture["config"]["vocab_size"]
    specials = architecture["specials"]
    vocab = {f"w{i}": i for i in range(vocab_size)}
    for token, index in specials.items():
        del vocab[f"w{index}"]
        vocab[token] = index
    unk = "<unk>" if "<unk>" in specials else "<|endoftext|>"
    tokenizer = Tokenizer(models.WordLevel(vocab, unk_token=unk))
    tokenizer.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    tokenizer.add_special_tokens(list(specials))
    kind = architecture["class"]
    if kind.startswith(("T5", "MT5")):
        tokenizer.post_processor = processors.TemplateProcessing(
            single="$A </s>", special_tokens=[("</s>", 1)]
        )
        names = dict(pad_token="<pad>", eos_token="</s>", unk_token="<unk>")
    elif kind.startswith("Bart"):
        tokenizer.post_processor = processors.TemplateProcessing(
            single="<s> $A </s>", special_tokens=[("<s>", 0), ("</s>", 2)]
        )
        names = dict(bos_token="<s>", pad_token="<pad>", eos_token="</s>", unk_token="<unk>")
    elif kind.startswith("Llama"):  # SmolLM2-Instruct: bos <|im_start|>, eos and pad <|im_end|>
        names = dict(
            bos_token="<|im_start|>", eos_token="<|im_end|>", pad_token="<|im_end|>", unk_token=unk
        )
    else:  # Qwen2.5-Instruct: no bos, eos <|im_end|>, pad <|endoftext|>
        names = dict(eos_token="<|im_end|>", pad_token="<|endoftext|>", unk_token=unk)
    fast = PreTrainedTokenizerFast(tokenizer_object=tokenizer, **names)
    if architecture.get("chat"):
        fast.chat_template = CHAT_TEMPLATE
    return fast


def build_model(architecture: dict):
    import torch
    import transformers

    torch.manual_seed(0)
    model = getattr(transformers, architecture["class"])(build_config(architecture))
    if architecture["config"].get("tie_word_embeddings") is False:
        # transformers 5 builds every T5-family model with its output layer tied to the input
        # embeddings, whatever the configuration says; from_pretrained unties them when the
        # checkpoint holds both (as mT5, T5 v1.1 and Flan-T5 checkpoints do). Do the same.
        output = model.get_output_embeddings()
        output.weight = torch.nn.Parameter(torch.randn_like(output.weight) * 0.05)
    return model


def build_bundle(model_id: str):
    from widgets_llm.engine.models import (
        ModelBundle,
        ModelSource,
        _set_generation_defaults,
        expected_prefix,
    )

    architecture = ARCHITECTURES[MODEL_ARCHITECTURE[model_id]]
    tokenizer = build_tokenizer(architecture)
    model = build_model(architecture)
    kind = "seq2seq" if model.config.is_encoder_decoder else "causal"
    _set_generation_defaults(model, tokenizer)
    return ModelBundle(
        model, tokenizer, kind, ModelSource("hub", model_id, kind), expected_prefix(model.config)
    )


def random_words(rng: random.Random, count: int, vocab_size: int, skip: set[int]) -> str:
    words = []
    while len(words) < count:
        index = rng.randrange(vocab_size)
        if index not in skip:
            words.append(f"w{index}")
    return " ".join(words)


def example_pairs(model_id: str, count: int) -> tuple[list[str], list[str]]:
    """Texts longer than 128 tokens and summaries longer than 48: every batch is full length."""
    architecture = ARCHITECTURES[MODEL_ARCHITECTURE[model_id]]
    vocab = architecture["config"]["vocab_size"]
    skip = set(architecture["specials"].values())
    rng = random.Random(0)
    texts = [random_words(rng, 2 * MAX_INPUT, vocab, skip) for _ in range(count)]
    summaries = [random_words(rng, 2 * MAX_TARGET, vocab, skip) for _ in range(count)]
    return texts, summaries


def torch_threads() -> int:
    import torch

    return torch.get_num_threads()


def parameter_counts(model) -> dict:
    params = list(model.parameters())
    unique = {id(p): p for p in params}.values()  # tied weights count once
    return {
        "parameters": sum(p.numel() for p in unique),
        "trainable": sum(p.numel() for p in unique if p.requires_grad),
    }


# ---------------------------------------------------------------------------- workers


def measure_training(model_id: str, lora: bool, warmup: int, steps: int) -> None:
    """Train through ``TrainingRun`` and print the result as JSON; exits before any checkpoint."""
    from datasets import Dataset, DatasetDict

    from widgets_llm.engine.config import PRESETS, preset
    from widgets_llm.engine.training import TrainingRun

    fast = PRESETS["fast"]
    assert (fast["batch_size"], fast["max_input_length"], fast["max_target_length"]) == (
        BATCH,
        MAX_INPUT,
        MAX_TARGET,
    )
    rss_imports = rss_gb()
    started = time.perf_counter()
    bundle = build_bundle(model_id)
    build_seconds = time.perf_counter() - started
    rss_model = rss_gb()
    counts = parameter_counts(bundle.model)
    total_steps = warmup + steps
    texts, summaries = example_pairs(model_id, BATCH * (total_steps + 2))
    splits = DatasetDict(train=Dataset.from_dict({"text": texts, "summary": summaries}))
    # More steps than measured: the run never reaches its end, so no checkpoint is written.
    config = preset("fast", use_lora=lora, max_steps=total_steps + 2)
    output = Path(tempfile.mkdtemp(prefix="catalog_cost_"))
    run = TrainingRun(bundle, splits, config, output)
    marks: list[float] = []
    load_start = os.getloadavg()[0]

    cpu_marks: list[float] = []

    def on_event(event) -> None:
        if event.kind in ("started", "step"):
            marks.append(time.perf_counter())
            cpu_marks.append(time.process_time())
            if event.kind == "step" and len(marks) == total_steps + 1:
                finish()

    def finish() -> None:
        step_times = [b - a for a, b in zip(marks, marks[1:])]
        cpu_times = [b - a for a, b in zip(cpu_marks, cpu_marks[1:])]
        measured = step_times[warmup:]
        batch_tokens = run.tokenized()["train"]["length"][:BATCH]
        result = {
            "model_id": model_id,
            "mode": "lora" if lora else "full",
            "precision": run.precision,
            "lora_targets": list(config.lora_target_modules) or None,
            "lora_r": config.lora_r,
            **counts,
            "trainable_during_run": bundle.num_parameters(trainable_only=True),
            "parameters_during_run": parameter_counts(bundle.model)["parameters"],
            "sequence_lengths": sorted(set(batch_tokens)),
            "build_seconds": round(build_seconds, 2),
            "step_seconds": round(statistics.median(measured), 3),
            "step_seconds_min": round(min(measured), 3),
            "step_seconds_all": [round(t, 3) for t in step_times],
            # CPU seconds of the whole process per step (all threads): less sensitive than the
            # wall clock to other programs sharing the cores.
            "step_cpu_seconds": round(statistics.median(cpu_times[warmup:]), 3),
            "threads": torch_threads(),
            "warmup_steps": warmup,
            "rss_after_imports_gb": round(rss_imports, 3),
            "rss_after_model_gb": round(rss_model, 3),
            "peak_gb": round(rss_gb("VmHWM"), 3),
            "load_average": [round(load_start, 2), round(os.getloadavg()[0], 2)],
        }
        print("RESULT " + json.dumps(result), flush=True)
        os._exit(
            0
        )  # skip the end of the run (a checkpoint of optimizer state is not what we measure)

    run.subscribe(on_event)
    outcome = run.run()
    raise SystemExit(f"the run ended before the measured steps: {outcome.status} {outcome.error}")


def measure_generation(model_id: str, repeats: int) -> None:
    import torch

    from widgets_llm.engine.generation import GenerationSettings, generate_summaries

    rss_imports = rss_gb()
    bundle = build_bundle(model_id)
    rss_model = rss_gb()
    model = bundle.model
    # Random weights could write the end token at any step: make its score 0 (others are random,
    # their maximum is far above 0) so that every summary has exactly 48 new tokens.
    end_ids = {model.generation_config.eos_token_id, bundle.tokenizer.eos_token_id} - {None}
    with torch.no_grad():
        output = model.get_output_embeddings().weight
        for index in end_ids:
            output[index] = 0
    new_tokens: list[int] = []
    original_generate = model.generate

    def counting_generate(*args, **kwargs):
        generated = original_generate(*args, **kwargs)
        width = kwargs["input_ids"].shape[1] if not model.config.is_encoder_decoder else 1
        new_tokens.append(int(generated.shape[1] - width))
        return generated

    model.generate = counting_generate
    settings = GenerationSettings(max_new_tokens=NEW_TOKENS, max_input_length=MAX_INPUT)
    texts, _ = example_pairs(model_id, repeats + 1)
    load_start = os.getloadavg()[0]
    times, cpu_times = [], []
    for index, text in enumerate(texts):
        started, cpu_started = time.perf_counter(), time.process_time()
        generate_summaries(bundle, [text], settings)
        if index:  # the first summary pays one-off costs
            times.append(time.perf_counter() - started)
            cpu_times.append(time.process_time() - cpu_started)
    result = {
        "model_id": model_id,
        "mode": "generate",
        **parameter_counts(model),
        "new_tokens": new_tokens[1:],
        "settings": settings.to_dict(),
        "seconds": round(statistics.median(times), 3),
        "seconds_min": round(min(times), 3),
        "seconds_all": [round(t, 3) for t in times],
        "cpu_seconds": round(statistics.median(cpu_times), 3),
        "threads": torch_threads(),
        "rss_after_imports_gb": round(rss_imports, 3),
        "rss_after_model_gb": round(rss_model, 3),
        "peak_gb": round(rss_gb("VmHWM"), 3),
        "load_average": [round(load_start, 2), round(os.getloadavg()[0], 2)],
    }
    print("RESULT " + json.dumps(result), flush=True)


def import_engine() -> None:
    """Everything a training run imports, loaded before the baseline memory is read."""
    import datasets  # noqa: F401
    import peft  # noqa: F401
    import torch  # noqa: F401
    import transformers  # noqa: F401
    from transformers import Seq2SeqTrainer, Trainer  # noqa: F401

    from widgets_llm.engine import generation, training  # noqa: F401


# ---------------------------------------------------------------------------- driver


def wait_for_quiet(limit: float, patience: float) -> float:
    """Wait (at most ``patience`` seconds) until the 1-minute load average is under ``limit``."""
    started = time.perf_counter()
    while os.getloadavg()[0] >= limit and time.perf_counter() - started < patience:
        time.sleep(15)
    return round(time.perf_counter() - started, 1)


def run_worker(
    model_id: str, mode: str, warmup: int, steps: int, repeats: int, timeout: float
) -> dict:
    command = [
        sys.executable,
        __file__,
        "--worker",
        mode,
        "--only",
        model_id,
        "--warmup",
        str(warmup),
        "--steps",
        str(steps),
        "--repeats",
        str(repeats),
    ]
    started = time.perf_counter()
    try:
        finished = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, cwd=ROOT
        )
    except subprocess.TimeoutExpired:
        return {"model_id": model_id, "mode": mode, "error": f"timed out after {timeout:.0f} s"}
    wall = time.perf_counter() - started
    for line in reversed(finished.stdout.splitlines()):
        if line.startswith("RESULT "):
            result = json.loads(line[len("RESULT ") :])
            result["process_seconds"] = round(wall, 1)
            return result
    tail = (finished.stderr or finished.stdout).strip().splitlines()[-5:]
    return {
        "model_id": model_id,
        "mode": mode,
        "error": f"exit {finished.returncode}: " + " | ".join(tail),
    }


def plan(model_ids: list[str], quick: bool) -> list[tuple[str, int, int]]:
    """(model id, warm-up steps, measured steps) for one model of each architecture."""
    chosen, seen = [], set()
    for model_id in model_ids:
        architecture = MODEL_ARCHITECTURE[model_id]
        if architecture in seen:
            continue
        seen.add(architecture)
        if quick:
            chosen.append((model_id, 1, 1))
        else:  # big models: fewer steps (each takes tens of seconds on 2 cores)
            big = architecture in ("qwen2.5-0.5b", "mt5-small", "t5-v1_1-base-32128")
            chosen.append((model_id, 2, 3 if big else 5))
    return chosen


def model_sizes(model_id: str):
    """The formula's sizes of a catalog model, from its architecture built without memory."""
    import torch

    from widgets_llm.engine.cost import ModelSizes

    with torch.device("meta"):
        model = build_model(ARCHITECTURES[MODEL_ARCHITECTURE[model_id]])
    return ModelSizes.from_model(model)


def fit(path: str) -> None:
    """Least-squares constants of the memory formula for a results file (relative errors).

    Known parts (runtime, training overhead, weights, Adam, 16-bit copies) are taken off each
    measured peak; the rest is fitted as ``share·(a·hidden + b·ffn + c·hidden·dropout) +
    d·logits`` (see widgets_llm/engine/cost.py), with the LoRA share searched on a grid.
    """
    import numpy as np

    from widgets_llm.engine import cost

    report = json.loads(Path(path).read_text(encoding="utf-8"))
    rows, targets, weights, lora_flags = [], [], [], []
    for result in report["results"]:
        if result["mode"] == "generate" or "error" in result:
            continue
        sizes = model_sizes(result["model_id"])
        lora = result["mode"] == "lora"
        parts = cost.memory_parts(
            sizes,
            lora=lora,
            batch_size=BATCH,
            input_length=MAX_INPUT,
            target_length=MAX_TARGET,
            precision=result["precision"],
            trainable_parameters=result["trainable_during_run"],
        )
        known = parts.runtime + parts.overhead + parts.weights + parts.adam + parts.half_copies
        hidden_units, ffn_units = cost.activation_units(sizes, BATCH, MAX_INPUT, MAX_TARGET)
        scale = 1 if result["precision"] in ("bf16", "fp16") else 2
        rows.append(
            (
                scale * hidden_units,
                scale * ffn_units,
                scale * hidden_units * sizes.dropout,
                parts.logits / cost.LOGIT_BYTES,
            )
        )
        targets.append(result["peak_gb"] * cost.GB - known)
        weights.append(1 / (result["peak_gb"] * cost.GB))
        lora_flags.append(lora)
    best = None
    w, y = np.array(weights), np.array(targets)
    for share in np.arange(0.5, 1.01, 0.05):
        matrix = np.array(
            [
                [
                    h * (share if flag else 1),
                    f * (share if flag else 1),
                    d * (share if flag else 1),
                    v,
                ]
                for (h, f, d, v), flag in zip(rows, lora_flags)
            ]
        )
        solution, *_ = np.linalg.lstsq(matrix * w[:, None], y * w, rcond=None)
        worst = float(np.max(np.abs((matrix @ solution - y) * w)))
        if best is None or worst < best[0]:
            best = (worst, share, solution)
    worst, share, (a, b, c, d) = best
    print(
        f"ACTIVATION_HIDDEN_BYTES {a:.1f}, ACTIVATION_FFN_BYTES {b:.1f}, "
        f"DROPOUT_HIDDEN_BYTES {c:.1f}, LOGIT_BYTES {d:.1f}, "
        f"LORA_ACTIVATION_SHARE {share:.2f}; largest relative error {worst:.1%}"
    )


def compare(path: str) -> None:
    """Print the package's formula next to the measurements of a results file."""
    from widgets_llm.engine import cost

    report = json.loads(Path(path).read_text(encoding="utf-8"))
    print(
        "| model | mode | peak measured (GiB) | formula (GiB) | formula/measured "
        "| step measured (s) | formula (s) | formula/measured |"
    )
    print("|---|---|---|---|---|---|---|---|")
    worst_memory = worst_time = 0.0
    for result in report["results"]:
        if result["mode"] == "generate" or "error" in result:
            continue
        sizes = model_sizes(result["model_id"])
        lora = result["mode"] == "lora"
        lengths = dict(batch_size=BATCH, input_length=MAX_INPUT, target_length=MAX_TARGET)
        memory = cost.training_memory_gb(
            sizes,
            lora=lora,
            precision=result["precision"],
            trainable_parameters=result["trainable_during_run"],
            **lengths,
        )
        seconds = cost.step_seconds(sizes, lora=lora, **lengths)
        measured_seconds = result.get("quiet_step_seconds", result["step_seconds"])
        memory_ratio, time_ratio = memory / result["peak_gb"], seconds / measured_seconds
        worst_memory = max(worst_memory, abs(memory_ratio - 1))
        worst_time = max(worst_time, abs(time_ratio - 1))
        print(
            f"| {result['model_id']} | {result['mode']} | {result['peak_gb']:.2f} "
            f"| {memory:.2f} | {memory_ratio:.2f} "
            f"| {measured_seconds:.2f} | {seconds:.2f} | {time_ratio:.2f} |"
        )
    print(f"\nlargest difference: memory {worst_memory:.0%}, time {worst_time:.0%}")


def build_config(architecture: dict):
    import transformers

    model_class = getattr(transformers, architecture["class"])
    return model_class.config_class(**architecture["config"])


def print_table(results: list[dict]) -> None:
    rows = {}
    for r in results:
        rows.setdefault(r["model_id"], {})[r["mode"]] = r
    print(
        "\n| model | params (M) | vocab | step full (s) | step LoRA (s) "
        "| peak full (GiB) | peak LoRA (GiB) "
        "| summary (s) | peak generate (GiB) |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for model_id, modes in rows.items():
        full, lora, gen = modes.get("full", {}), modes.get("lora", {}), modes.get("generate", {})
        any_ = full or lora or gen
        vocab = ARCHITECTURES[MODEL_ARCHITECTURE[model_id]]["config"]["vocab_size"]
        print(
            f"| {model_id} | {any_.get('parameters', 0) / 1e6:.1f} | {vocab} "
            f"| {full.get('step_seconds', full.get('error'))} "
            f"| {lora.get('step_seconds', lora.get('error'))} "
            f"| {full.get('peak_gb')} | {lora.get('peak_gb')} "
            f"| {gen.get('seconds', gen.get('error'))} | {gen.get('peak_gb')} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="two small entries, one measured step")
    parser.add_argument("--only", action="append", help="a catalog model id (repeatable)")
    parser.add_argument("--modes", default="full,lora,generate")
    parser.add_argument("--output", default=str(ROOT / "benchmarks" / "catalog_cost_results.json"))
    parser.add_argument(
        "--timeout", type=float, default=1800.0, help="seconds for one model and mode"
    )
    parser.add_argument(
        "--wait-quiet",
        type=float,
        metavar="LOAD",
        help="before each measurement, wait until the 1-minute load average is under LOAD",
    )
    parser.add_argument(
        "--patience", type=float, default=1200.0, help="seconds to wait for a quiet machine"
    )
    parser.add_argument(
        "--fit", metavar="RESULTS", help="fit the memory formula's constants to a results file"
    )
    parser.add_argument(
        "--compare", metavar="RESULTS", help="print the formula against a results file"
    )
    parser.add_argument("--worker", choices=("full", "lora", "generate"), help=argparse.SUPPRESS)
    parser.add_argument("--warmup", type=int, default=2, help=argparse.SUPPRESS)
    parser.add_argument("--steps", type=int, default=3, help=argparse.SUPPRESS)
    parser.add_argument("--repeats", type=int, default=3, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.fit:
        fit(args.fit)
        return
    if args.compare:
        compare(args.compare)
        return
    if args.worker:
        import_engine()
        model_id = args.only[0]
        if args.worker == "generate":
            measure_generation(model_id, args.repeats)
        else:
            measure_training(model_id, args.worker == "lora", args.warmup, args.steps)
        return

    from widgets_llm.engine.models import CATALOG

    catalog_ids = [entry.model_id for entry in CATALOG]
    missing = [m for m in catalog_ids if m not in MODEL_ARCHITECTURE]
    if missing:
        raise SystemExit(f"no architecture written here for: {', '.join(missing)}")
    model_ids = args.only or (list(QUICK_MODELS) if args.quick else catalog_ids)
    modes = args.modes.split(",")
    machine = machine_info()
    command = " ".join(["python", "benchmarks/catalog_cost.py", *sys.argv[1:]])
    print(json.dumps(machine), flush=True)
    results = []
    started = time.perf_counter()
    for model_id, warmup, steps in plan(model_ids, args.quick):
        for mode in modes:
            waited = wait_for_quiet(args.wait_quiet, args.patience) if args.wait_quiet else 0.0
            result = run_worker(model_id, mode, warmup, steps, 1 if args.quick else 5, args.timeout)
            if waited:
                result["waited_for_quiet_seconds"] = waited
            sharing = [
                m
                for m in model_ids
                if MODEL_ARCHITECTURE[m] == MODEL_ARCHITECTURE[model_id] and m != model_id
            ]
            if sharing:
                result["same_architecture"] = sharing
            results.append(result)
            print(json.dumps(result), flush=True)
    machine["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    machine["total_seconds"] = round(time.perf_counter() - started, 1)
    report = {
        "command": command,
        "machine": machine,
        "batch": BATCH,
        "max_input_length": MAX_INPUT,
        "max_target_length": MAX_TARGET,
        "new_tokens": NEW_TOKENS,
        "architectures": {
            k: {"class": v["class"], "config": v["config"], "source": v["source"]}
            for k, v in ARCHITECTURES.items()
        },
        "model_architecture": MODEL_ARCHITECTURE,
        "results": results,
    }
    if not args.quick:
        Path(args.output).write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
        print(f"written: {args.output}")
    print_table(results)
    print(
        f"\ntotal: {machine['total_seconds']} s; "
        f"load average {machine['load_average_at_start']} -> "
        f"{machine['load_average_at_end']}"
    )


if __name__ == "__main__":
    main()
