"""Is the time estimate right? Estimate vs the real wait, part by part, for each preset.

For each preset, on the bundled example (``ejemplo_es``) with the offline model the model step
loads by default, this does what a person does in the studio:

1. load the model (``pipeline.prepare_model``, as the model step's ``load_model`` does);
2. estimate twice in a row (``estimate_training``, in a background thread as the
   hyperparameters step runs it): the two must agree within 10 %;
3. train (``TrainingRun.start``, its own thread, as the training step starts it);
4. evaluate on the test split and save the run into ``experimentos`` (``pipeline.evaluate_and_save``
   in a background thread, as the studio does after every training).

It reports, for each part (warm-up, training, evaluations during training, final comparison,
saving) and in total, both estimates, the real time, the ratio estimate / real and whether the
total is within 25 %.

The real parts are told apart from the run's own events: the warm-up ends with its last step,
the evaluations are the Trainer's ``eval_runtime``, the rest of the run is the training; the
final comparison ends when ``evaluate_and_save`` reports its last progress step, the rest of it
is saving.

Usage::

    python benchmarks/estimate_accuracy.py                      # fast, balanced, quality
    python benchmarks/estimate_accuracy.py --presets fast --max-steps 40   # a quick smoke test
    python benchmarks/estimate_accuracy.py --data mis_pares.csv --presets quality   # other pairs
    python benchmarks/estimate_accuracy.py --json results.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

#: The model the studio's model step loads by default (offline T5, default size).
DEFAULT_MODEL = "offline-t5-pequeno"
#: Two estimates in a row must agree within STABILITY, each within TOLERANCE of the real time.
STABILITY = 0.10
TOLERANCE = 0.25
PARTS = ("warmup", "training", "evaluations", "final_evaluation", "saving")


def in_background(function: Callable[[], Any]) -> Any:
    """``function()`` in a new thread, as a widget's background work runs (and its result)."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["result"] = function()
        except BaseException as error:  # noqa: BLE001 - raised again below
            outcome["error"] = error

    thread = threading.Thread(target=run, name="benchmark-background")
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def estimate_once(bundle, data, config) -> dict[str, Any]:
    from widgets_llm.engine.estimate import estimate_training

    progress: list[tuple[int, int, str]] = []
    started = time.perf_counter()
    estimate = in_background(
        lambda: estimate_training(
            bundle, data.splits, config, on_progress=lambda d, t, w: progress.append((d, t, w))
        )
    )
    return {
        "seconds": estimate.total_seconds,
        "parts": dict(estimate.parts),
        "steps": estimate.total_steps,
        "warmup_steps": estimate.warmup_steps,
        "seconds_per_step": estimate.seconds_per_step,
        "measured_in": time.perf_counter() - started,
        "progress_reports": len(progress),
        "message": estimate.message("es"),
    }


def run_for_real(bundle, data, config, runs_dir: Path) -> dict[str, Any]:
    """Train, then evaluate and save, as the studio does; the seconds of each part."""
    from widgets_llm.engine.pipeline import evaluate_and_save
    from widgets_llm.engine.training import TrainingRun, restore_base_weights

    restore_base_weights(bundle)  # as the studio's «Entrenar»: from the base model
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    run = TrainingRun(bundle, data.splits, config, runs_dir / ".checkpoints" / stamp)
    marks: dict[str, float] = {}
    started = time.perf_counter()

    def listen(event) -> None:
        if event.kind == "step" and event.stage == "warmup":
            marks["warmup_end"] = time.perf_counter()

    run.subscribe(listen)
    run.start()
    result = run.join()
    trained = time.perf_counter()
    if result.status != "finished":
        raise RuntimeError(f"the training ended {result.status}: {result.error}")
    evaluations = sum(
        entry.get("eval_runtime", 0.0)
        for entry in result.log_history
        if entry.get("stage") == "finetune"
    )
    warmup = marks["warmup_end"] - started if "warmup_end" in marks else 0.0

    reports: list[tuple[float, int, int]] = []
    folder = runs_dir / "experimentos" / f"{stamp}-{bundle.source.name}"
    evaluation_started = time.perf_counter()
    in_background(
        lambda: evaluate_and_save(
            data,
            bundle,
            config,
            folder,
            result,
            on_progress=lambda done, total: reports.append((time.perf_counter(), done, total)),
        )
    )
    ended = time.perf_counter()
    evaluated = reports[-1][0] if reports else evaluation_started
    parts = {
        "warmup": warmup,
        "training": (trained - started) - warmup - evaluations,
        "evaluations": evaluations,
        "final_evaluation": evaluated - evaluation_started,
        "saving": ended - evaluated,
    }
    return {"seconds": ended - started, "parts": parts, "steps": result.steps}


def ratio(estimate: float, actual: float) -> float | None:
    return estimate / actual if actual > 0 else None


def measure_preset(name: str, data, model: str, runs_dir: Path, max_steps: int) -> dict[str, Any]:
    from widgets_llm.engine.config import preset
    from widgets_llm.engine.pipeline import prepare_model

    config = preset(name, **({"max_steps": max_steps} if max_steps else {}))
    bundle = prepare_model(data, model, seed=config.seed)
    first = estimate_once(bundle, data, config)
    second = estimate_once(bundle, data, config)
    actual = run_for_real(bundle, data, config, runs_dir)
    row = {
        "preset": name,
        "config": {
            key: getattr(config, key)
            for key in (
                "num_epochs",
                "max_steps",
                "batch_size",
                "max_input_length",
                "max_target_length",
            )
        },
        "first": first,
        "second": second,
        "actual": actual,
        "ratio_first": ratio(first["seconds"], actual["seconds"]),
        "ratio_second": ratio(second["seconds"], actual["seconds"]),
        "stability": abs(second["seconds"] - first["seconds"]) / first["seconds"]
        if first["seconds"]
        else None,
    }
    row["within_tolerance"] = all(
        r is not None and abs(r - 1) <= TOLERANCE for r in (row["ratio_first"], row["ratio_second"])
    )
    row["stable"] = row["stability"] is not None and row["stability"] <= STABILITY
    return row


def duration(seconds: float) -> str:
    return f"{seconds:7.1f}"


def print_row(row: dict[str, Any]) -> None:
    first, second, actual = row["first"], row["second"], row["actual"]
    print(f"\n== {row['preset']} ({row['config']}; {actual['steps']} pasos) ==")
    print(f"{'parte':18s} {'estim. 1':>9s} {'estim. 2':>9s} {'real':>9s} {'est.2/real':>11s}")
    for part in PARTS:
        estimated, again, real = first["parts"][part], second["parts"][part], actual["parts"][part]
        share = ratio(again, real)
        print(
            f"{part:18s} {duration(estimated):>9s} {duration(again):>9s} {duration(real):>9s} "
            f"{(f'{share:.2f}' if share is not None else '—'):>11s}"
        )
    print(
        f"{'total':18s} {duration(first['seconds']):>9s} {duration(second['seconds']):>9s} "
        f"{duration(actual['seconds']):>9s} "
        f"{row['ratio_second']:>11.2f}"
    )
    print(
        f"estimación 1 / real = {row['ratio_first']:.2f}; "
        f"estimación 2 / real = {row['ratio_second']:.2f}; "
        f"dentro del 25 %: {'sí' if row['within_tolerance'] else 'NO'}"
    )
    print(
        f"diferencia entre las dos estimaciones: {100 * row['stability']:.1f} % "
        f"({'estable' if row['stable'] else 'NO estable'}, objetivo ≤ {100 * STABILITY:.0f} %); "
        f"cada estimación tardó {first['measured_in']:.1f} s y {second['measured_in']:.1f} s"
    )
    print(f"mensaje: {second['message']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--presets", default="fast,balanced,quality", help="comma-separated preset names"
    )
    parser.add_argument(
        "--model",
        default=DEFAULT_MODEL,
        help="the model choice (default: the studio's default offline model)",
    )
    parser.add_argument(
        "--max-steps",
        type=int,
        default=0,
        help="bound each run's steps (a quick smoke test); 0: the preset's epochs",
    )
    parser.add_argument(
        "--runs-dir", default=None, help="where the runs are saved (default: a temporary folder)"
    )
    parser.add_argument(
        "--data",
        default="ejemplo_es",
        help="the pairs: a file the studio reads (CSV, JSON Lines...) or a bundled example "
        "(default: ejemplo_es)",
    )
    parser.add_argument("--json", default=None, help="also write the results to this JSON file")
    args = parser.parse_args(argv)

    from widgets_llm.engine.config import PRESETS
    from widgets_llm.engine.data import load_pairs

    names = [name.strip() for name in args.presets.split(",") if name.strip()]
    unknown = [name for name in names if name not in PRESETS]
    if unknown:
        parser.error(f"unknown presets {unknown}; choose among {list(PRESETS)}")
    data = load_pairs(args.data)
    machine = {
        "cpu": platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "load_average_at_start": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
        "data": {"source": args.data, **data.sizes},
        "model": args.model,
    }
    print(f"máquina: {machine}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="estimate-accuracy-") as scratch:
        runs_dir = Path(args.runs_dir) if args.runs_dir else Path(scratch)
        for name in names:
            row = measure_preset(name, data, args.model, runs_dir, args.max_steps)
            print_row(row)
            rows.append(row)
    machine["load_average_at_end"] = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    print(
        f"\ncarga media de la máquina: {machine['load_average_at_start']} al empezar, "
        f"{machine['load_average_at_end']} al terminar"
    )
    if args.json:
        Path(args.json).write_text(
            json.dumps({"machine": machine, "presets": rows}, indent=2, ensure_ascii=False),
            encoding="utf-8",
        )
    return 0 if all(row["within_tolerance"] and row["stable"] for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
