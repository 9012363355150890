"""The engine against a plain Hugging Face ``Seq2SeqTrainer`` script on the same work.

Same model configuration, same SciTLDR pairs (from ../shared/data/scitldr), same
hyperparameters and number of steps, in one process, alternating engine and plain runs so that
drifts in machine speed hit both alike. It reports:

1. the speed a user gains: the engine at its own defaults (bf16 autocast on CPUs that have it,
   length-grouped batches) against the plain script at Hugging Face's defaults (fp32, random
   batches);
2. the preprocessing ratio: the engine's tokenization against a plain batched ``datasets.map``;
3. the cost of watching: the engine with the live TrainingChart subscribed against without
   (when the widgets are installed);
4. last line, the cost of wrapping: engine/plain wall ratio at identical settings (target <= 1.03).

Usage: python benchmarks/engine_vs_plain.py [--steps N] [--repeats N] [--quick]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SCITLDR = ROOT.parent / "shared" / "data" / "scitldr" / "train.jsonl"

MAX_INPUT, MAX_TARGET, BATCH = 256, 64, 8
MODEL_DIMS = dict(d_model=128, d_kv=32, d_ff=512, num_layers=3, num_decoder_layers=3, num_heads=4)
HYPER = dict(learning_rate=5e-4, warmup_ratio=0.05, weight_decay=0.01, log_every_steps=5, seed=42)


def load_pairs(limit: int) -> tuple[list[str], list[str]]:
    texts, summaries = [], []
    with SCITLDR.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            texts.append(" ".join(s.strip() for s in row["source"]))
            summaries.append(row["target"][0].strip())
            if len(texts) >= limit:
                break
    return texts, summaries


def new_model(tokenizer):
    import torch
    from transformers import T5Config, T5ForConditionalGeneration

    torch.manual_seed(0)
    config = T5Config(
        vocab_size=len(tokenizer),
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.pad_token_id,
        feed_forward_proj="gated-gelu",
        tie_word_embeddings=True,
        **MODEL_DIMS,
    )
    return T5ForConditionalGeneration(config)


# ----------------------------------------------------------------------------- the plain script


def plain_preprocess(tokenizer, texts, summaries):
    from datasets import Dataset

    def preprocess(batch):
        inputs = tokenizer(batch["text"], max_length=MAX_INPUT, truncation=True)
        inputs["labels"] = tokenizer(
            text_target=batch["summary"], max_length=MAX_TARGET, truncation=True
        )["input_ids"]
        return inputs

    dataset = Dataset.from_dict({"text": texts, "summary": summaries})
    return dataset.map(
        preprocess, batched=True, remove_columns=["text", "summary"], load_from_cache_file=False
    )


def plain_run(tokenizer, texts, summaries, steps, *, bf16=False, group=False, **hyper):
    """What a user would write following the Hugging Face summarization example."""
    from transformers import (
        DataCollatorForSeq2Seq,
        PrinterCallback,
        Seq2SeqTrainer,
        Seq2SeqTrainingArguments,
    )

    model = new_model(tokenizer)
    start = time.perf_counter()
    train = plain_preprocess(tokenizer, texts, summaries)
    with tempfile.TemporaryDirectory() as out:
        args = Seq2SeqTrainingArguments(
            output_dir=out,
            per_device_train_batch_size=BATCH,
            max_steps=steps,
            # Hugging Face's default save strategy writes a checkpoint when training ends, as the
            # engine does (so a stopped run can resume): both sides do that work.
            report_to="none",
            use_cpu=True,
            disable_tqdm=True,
            bf16=bf16,
            train_sampling_strategy="group_by_length" if group else "random",
            **hyper,
        )
        trainer = Seq2SeqTrainer(
            model=model,
            args=args,
            train_dataset=train,
            data_collator=DataCollatorForSeq2Seq(tokenizer, model=model),
            processing_class=tokenizer,
        )
        # The engine shows progress through its own events instead of printing every log line;
        # the plain script prints nothing either, so both do the same work.
        trainer.remove_callback(PrinterCallback)
        trainer.train()
    return time.perf_counter() - start


# ----------------------------------------------------------------------------- the engine


def engine_run(tokenizer, texts, summaries, steps, *, precision="auto", group=True, subscribe=None):
    from datasets import Dataset, DatasetDict

    from widgets_llm.engine.config import TrainingConfig
    from widgets_llm.engine.models import ModelBundle, ModelSource
    from widgets_llm.engine.training import TrainingRun

    bundle = ModelBundle(
        new_model(tokenizer), tokenizer, "seq2seq", ModelSource("local", "benchmark", "seq2seq")
    )
    splits = DatasetDict(train=Dataset.from_dict({"text": texts, "summary": summaries}))
    config = TrainingConfig(
        max_steps=steps,
        batch_size=BATCH,
        max_input_length=MAX_INPUT,
        max_target_length=MAX_TARGET,
        precision=precision,
        group_by_length=group,
        **HYPER,
    )
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        run = TrainingRun(bundle, splits, config, out)
        if subscribe is not None:
            subscribe(run)
        result = run.run()
        elapsed = time.perf_counter() - start
    if result.status != "finished":
        raise RuntimeError(f"engine run ended as {result.status}: {result.error}")
    return elapsed


def hf_hyper():
    """The engine's hyperparameters in TrainingArguments' names, for identical settings."""
    return dict(
        learning_rate=HYPER["learning_rate"],
        warmup_steps=HYPER["warmup_ratio"],
        weight_decay=HYPER["weight_decay"],
        logging_steps=HYPER["log_every_steps"],
        seed=HYPER["seed"],
    )


def median_ratio(pairs):
    return statistics.median(a / b for a, b in pairs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=24)
    parser.add_argument("--repeats", type=int, default=9)
    parser.add_argument("--pairs", type=int, default=400)
    parser.add_argument(
        "--quick", action="store_true", help="tiny run to check that the script works"
    )
    args = parser.parse_args()
    if args.quick:
        args.steps, args.repeats, args.pairs = 4, 1, 64
    if not SCITLDR.is_file():
        print(f"SciTLDR not found at {SCITLDR}: nothing to measure (skipped).")
        return

    import torch
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    import datasets

    datasets.disable_progress_bars()
    from widgets_llm.engine.features import LengthLimits, tokenize_splits
    from widgets_llm.engine.hardware import choose_precision, detect_hardware
    from widgets_llm.engine.models import ModelBundle, ModelSource, train_tokenizer

    texts, summaries = load_pairs(args.pairs)
    tokenizer = train_tokenizer(texts + summaries, 8000)
    hardware = detect_hardware()
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"torch {torch.__version__}, "
        f"threads {torch.get_num_threads()}, native CPU bf16: {hardware.cpu_bf16}"
    )
    print(
        f"work: {len(texts)} SciTLDR pairs, T5 {MODEL_DIMS}, vocab {len(tokenizer)}, "
        f"{sum(p.numel() for p in new_model(tokenizer).parameters()) / 1e6:.1f} M parameters, "
        f"batch {BATCH}, lengths {MAX_INPUT}/{MAX_TARGET}, {args.steps} steps, "
        f"{args.repeats} repeats"
    )
    print(f"engine default precision here: {choose_precision('auto', 't5', hardware)}")

    # Warm-up: first runs pay one-off costs (imports, allocator) that belong to neither side.
    engine_run(tokenizer, texts, summaries, 2, precision="fp32", group=False)
    plain_run(tokenizer, texts, summaries, 2, **hf_hyper())

    # 2. preprocessing
    from datasets import Dataset, DatasetDict

    bundle = ModelBundle(None, tokenizer, "seq2seq", ModelSource("local", "benchmark", "seq2seq"))
    splits = DatasetDict(train=Dataset.from_dict({"text": texts, "summary": summaries}))
    prep = []
    for _ in range(max(3, args.repeats)):
        start = time.perf_counter()
        tokenize_splits(splits, bundle, LengthLimits(MAX_INPUT, MAX_TARGET))
        engine_time = time.perf_counter() - start
        start = time.perf_counter()
        plain_preprocess(tokenizer, texts, summaries)
        prep.append((engine_time, time.perf_counter() - start))
    print(
        f"preprocessing: engine {statistics.median(p[0] for p in prep):.3f} s, plain map "
        f"{statistics.median(p[1] for p in prep):.3f} s, ratio {median_ratio(prep):.3f}"
    )

    identical, defaults, watched = [], [], []
    chart_factory = _chart_factory()
    for repeat in range(args.repeats):
        # The cost of wrapping is the headline: measure it every repeat, alternating which side
        # goes first; the user-facing comparisons are steadier and need fewer repeats.
        order = ("engine", "plain") if repeat % 2 == 0 else ("plain", "engine")
        times = {}
        for side in order:
            gc.collect()  # garbage of the previous run must not be collected inside this one
            if side == "engine":
                times["engine"] = engine_run(
                    tokenizer, texts, summaries, args.steps, precision="fp32", group=False
                )
            else:
                times["plain"] = plain_run(tokenizer, texts, summaries, args.steps, **hf_hyper())
        identical.append((times["engine"], times["plain"]))
        line = (
            f"repeat {repeat + 1}: identical settings engine {times['engine']:.2f} s "
            f"/ plain {times['plain']:.2f} s"
        )
        if repeat % 3 == 0:
            gc.collect()
            engine_default = engine_run(tokenizer, texts, summaries, args.steps)
            gc.collect()
            plain_default = plain_run(tokenizer, texts, summaries, args.steps)
            defaults.append((engine_default, plain_default))
            line += f"; defaults engine {engine_default:.2f} s / plain {plain_default:.2f} s"
            if chart_factory is not None:
                gc.collect()
                watched_time = engine_run(
                    tokenizer, texts, summaries, args.steps, subscribe=chart_factory
                )
                watched.append((watched_time, engine_default))
                line += f"; engine defaults watched by the live chart {watched_time:.2f} s"
        print(line, flush=True)

    speedup = 1 / median_ratio(defaults)
    print(
        f"engine defaults vs plain HF defaults: "
        f"engine {statistics.median(d[0] for d in defaults):.2f} s, "
        f"plain {statistics.median(d[1] for d in defaults):.2f} s, speed-up x{speedup:.2f}"
    )
    if watched:
        print(
            f"live chart overhead: watched/unwatched wall ratio {median_ratio(watched):.3f} "
            f"(target <= 1.02)"
        )
    else:
        print("live chart overhead: widgets not installed, not measured")
    print(f"engine/plain wall ratio at identical settings: {median_ratio(identical):.3f}")


def _chart_factory():
    """Subscribe a live TrainingChart to a run, as the dashboard does (None without widgets)."""
    try:
        from widgets_llm.widgets.training_chart import TrainingChart
    except Exception:
        return None

    def subscribe(run):
        chart = TrainingChart()
        chart.attach(run)
        return chart

    return subscribe


if __name__ == "__main__":
    main()
