"""What the offline model writes, with and without the warm-up, on texts it never saw.

The bundled example (``ejemplo_es``), split by the engine's own seeded split: the model trains
on the training pairs (and the warm-up on the training texts) and is scored on the test pairs,
which no stage ever reads. Default settings throughout, as ``widgets-llm train --data
ejemplo_es --model offline`` uses them (the "balanced" preset, the offline model's default size
and its default decoding). Rows:

- **base**: the offline model before any training (random weights), with the same decoding;
- **warm-up only**: after the warm-up stage, before fine-tuning;
- **warm-up + fine-tune**: the default two-stage run;
- **fine-tune only**: the same run with ``warmup="off"``;
- **lead**: the first sentence of each text.

Each row gives ROUGE-1/2/L (Spanish-aware, as the engine scores), the repetition measures
(longest run of one word, share of summaries with a word three times in a row, distinct word
pairs over all word pairs) and the mean length; then a few summaries of each model. With
``--free`` the trained models are also scored with free decoding (``copy_from_input=0``), to
show what copying from the text adds. Targets (issue 8): ROUGE-L of warm-up + fine-tune at
least the lead's, no word three times in a row, distinct word pairs at least 80 %, and at most
10 minutes of training on 2 cores.

Usage: python benchmarks/offline_quality.py [--size pequeno] [--split test] [--free] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import widgets_llm  # noqa: E402,F401  (quiet defaults for the Hugging Face libraries first)
from widgets_llm.engine.config import preset  # noqa: E402
from widgets_llm.engine.data import load_pairs  # noqa: E402
from widgets_llm.engine.evaluation import EvaluationReport, evaluate_model, load_warmup_bundle  # noqa: E402
from widgets_llm.engine.generation import settings_for  # noqa: E402
from widgets_llm.engine.models import build_offline_model  # noqa: E402
from widgets_llm.engine.pipeline import vocabulary_texts  # noqa: E402
from widgets_llm.engine.scoring import lead_baseline, repetition_measures, rouge  # noqa: E402
from widgets_llm.engine.training import TrainingRun  # noqa: E402

TRAINING_LIMIT_SECONDS = 600


def row(
    name: str, scores: dict, repetition: dict, words: float, seconds: float | None = None
) -> dict:
    return {
        "model": name,
        "rouge1": scores["rouge1"],
        "rouge2": scores["rouge2"],
        "rougeL": scores["rougeL"],
        **repetition,
        "mean_words": words,
        "training_seconds": seconds,
    }


def report_row(name: str, report: EvaluationReport, seconds: float | None = None) -> dict:
    return row(name, report.rouge, report.repetition, report.mean_generated_words, seconds)


def print_table(rows: list[dict]) -> None:
    print(
        f"{'modelo':<30} {'R-1':>6} {'R-2':>6} {'R-L':>6} {'rep.máx':>7} {'≥3 seg.':>7} "
        f"{'bigr.dist':>9} {'palabras':>8} {'entren.':>8}"
    )
    for r in rows:
        seconds = f"{r['training_seconds']:.0f} s" if r["training_seconds"] is not None else ""
        print(
            f"{r['model']:<30} {r['rouge1']:6.3f} {r['rouge2']:6.3f} {r['rougeL']:6.3f} "
            f"{r['longest_repeat']:7.0f} {r['share_with_triple_repeat']:7.2f} "
            f"{r['distinct_bigrams']:9.2f} {r['mean_words']:8.1f} {seconds:>8}"
        )


def train_run(data, config, size: str, output: Path) -> tuple[TrainingRun, float]:
    bundle = build_offline_model(vocabulary_texts(data), "seq2seq", size, seed=config.seed)
    run = TrainingRun(bundle, data.splits, config, output)
    result = run.run()
    if result.error is not None:
        raise result.error
    return run, result.elapsed


def stage_seconds(run: TrainingRun) -> dict[str, float]:
    """Seconds of each stage, from the step events' clock."""
    steps = [e for e in run.history if e.kind == "step"]
    warm = [e.elapsed for e in steps if e.stage == "warmup"]
    tune = [e.elapsed for e in steps if e.stage == "finetune"]
    return {
        "warmup": max(warm, default=0.0),
        "finetune": (max(tune, default=0.0) - max(warm, default=0.0)) if tune else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--size", default="pequeno", help="offline model size (default: the engine's default)"
    )
    parser.add_argument(
        "--split", default="test", choices=("test", "validation"), help="held-out pairs to score"
    )
    parser.add_argument(
        "--free", action="store_true", help="also score the trained models with free decoding"
    )
    parser.add_argument(
        "--warmup-steps",
        type=int,
        default=0,
        help="override the planned warm-up steps (0: the plan's)",
    )
    parser.add_argument("--examples", type=int, default=3, help="summaries printed per model")
    parser.add_argument(
        "--quick", action="store_true", help="mini model, a few steps: checks that the script runs"
    )
    parser.add_argument("--json", help="also write the rows to this file")
    parser.add_argument(
        "--keep",
        help="keep the trained models in this folder "
        "(run folders with their checkpoints, and the models)",
    )
    args = parser.parse_args()

    import torch

    data = load_pairs("ejemplo_es")
    config = preset("balanced", warmup_steps=args.warmup_steps)
    size = args.size
    if args.quick:
        size, config = (
            "mini",
            config.updated(max_steps=8, max_input_length=96, max_target_length=32),
        )
    held_out = data.splits[args.split]
    texts, references = list(held_out["text"]), list(held_out["summary"])
    print(
        f"# {platform.processor() or platform.machine()}, {os.cpu_count()} núcleos, "
        f"torch {torch.__version__}, hilos {torch.get_num_threads()}; datos: {data.sizes} "
        f"(se puntúa «{args.split}»: {len(texts)} pares)"
    )

    lengths = dict(
        max_input_length=config.max_input_length, max_target_length=config.max_target_length
    )
    rows: list[dict] = []
    samples: dict[str, list[str]] = {}
    lead = lead_baseline(texts)
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.keep or temporary
        started = time.perf_counter()
        run, _ = train_run(data, config, size, Path(folder) / "dos_etapas")
        wall = time.perf_counter() - started
        plan = run.warmup_plan()
        seconds = stage_seconds(run)
        print(
            f"# plan: {plan.steps} pasos de calentamiento ({plan.examples}), "
            f"luego {run.finetune_steps()} de afinado; "
            f"entrenamiento {wall:.0f} s (calentamiento {seconds['warmup']:.0f} s, "
            f"afinado {seconds['finetune']:.0f} s)"
        )
        tuned = run.bundle
        if args.keep:
            tuned.model.save_pretrained(Path(folder) / "modelo_dos_etapas")
            tuned.tokenizer.save_pretrained(Path(folder) / "modelo_dos_etapas")
        settings = settings_for(tuned, config)
        print(f"# decodificación: {settings.to_dict()}")

        base = build_offline_model(vocabulary_texts(data), "seq2seq", size, seed=config.seed)
        base_report = evaluate_model(base, texts, references, settings=settings, **lengths)
        rows.append(report_row("base (sin entrenar)", base_report))
        samples["base"] = base_report.predictions

        warmed = load_warmup_bundle(tuned)
        if warmed is not None:
            warm_report = evaluate_model(warmed, texts, references, settings=settings, **lengths)
            rows.append(report_row("solo calentamiento", warm_report, seconds["warmup"]))
            samples["solo calentamiento"] = warm_report.predictions
        tuned_report = evaluate_model(tuned, texts, references, settings=settings, **lengths)
        rows.append(report_row("calentamiento + afinado", tuned_report, wall))
        samples["calentamiento + afinado"] = tuned_report.predictions

        only, only_seconds = train_run(
            data, config.updated(warmup="off"), size, Path(folder) / "solo_afinado"
        )
        if args.keep:
            only.bundle.model.save_pretrained(Path(folder) / "modelo_solo_afinado")
        only_report = evaluate_model(only.bundle, texts, references, settings=settings, **lengths)
        rows.append(report_row("solo afinado", only_report, only_seconds))
        samples["solo afinado"] = only_report.predictions

        if args.free:
            free = settings_for(None, config)
            for name, bundle in (
                ("calentamiento + afinado, libre", tuned),
                ("solo afinado, libre", only.bundle),
            ):
                report = evaluate_model(bundle, texts, references, settings=free, **lengths)
                rows.append(report_row(name, report))
                samples[name] = report.predictions

    lead_scores = rouge(lead, references)
    rows.append(
        row(
            "primera oración (lead)",
            lead_scores,
            repetition_measures(lead),
            sum(len(x.split()) for x in lead) / len(lead),
        )
    )
    print()
    print_table(rows)
    best = next(r for r in rows if r["model"] == "calentamiento + afinado")
    lead_row = rows[-1]
    print()
    print(
        f"objetivo R-L ≥ lead: {best['rougeL']:.3f} vs {lead_row['rougeL']:.3f} -> "
        f"{'sí' if best['rougeL'] >= lead_row['rougeL'] else 'no'}"
    )
    print(
        f"objetivo sin palabra 3 veces seguidas: máx. {best['longest_repeat']:.0f} -> "
        f"{'sí' if best['longest_repeat'] < 3 else 'no'}"
    )
    print(
        f"objetivo bigramas distintos ≥ 80 %: {100 * best['distinct_bigrams']:.0f} % -> "
        f"{'sí' if best['distinct_bigrams'] >= 0.8 else 'no'}"
    )
    print(
        f"objetivo ≤ 10 min de entrenamiento: {wall:.0f} s -> "
        f"{'sí' if wall <= TRAINING_LIMIT_SECONDS else 'no'}"
    )
    for i in range(min(args.examples, len(texts))):
        print()
        print(f"--- texto {i + 1}: {texts[i][:160]}…")
        print(f"    referencia: {references[i]}")
        print(f"    lead:       {lead[i]}")
        for name, predictions in samples.items():
            print(f"    {name}: {predictions[i]}")
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {"rows": rows, "samples": samples, "wall_seconds": wall},
                ensure_ascii=False,
                indent=2,
            ),
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
