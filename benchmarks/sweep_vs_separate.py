"""A sweep of four runs against four separate ``widgets-llm train`` calls doing the same work.

Both sides are what a person would type in a terminal, run as separate processes:

* **separate**: four ``widgets-llm train --config run_i.yaml`` calls, one per combination of
  the grid (each writes its own configuration file with the grid's values);
* **sweep**: one ``widgets-llm sweep --grid learning_rate=... --grid max_steps=...`` call
  (which also estimates the total time before it starts, as it always does).

Same data (the bundled ``ejemplo_es``), model, base configuration, seed and grid. The order of
the two sides alternates between repetitions so that drifts in machine speed hit both alike.
The last line is the sweep's wall time over the separate calls' (median of the per-repetition
ratios; target < 0.9). It also checks that both sides trained the same models: the largest
difference in test ROUGE-L between a sweep run and its separate twin.

Usage: python benchmarks/sweep_vs_separate.py [--model offline] [--rates 0.001,0.003]
       [--steps 20,40] [--repeats 2]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OFFLINE = {
    "HF_HUB_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
}
#: The base configuration of every run (warm-up off: the comparison is about the sweep itself).
BASE = {
    "batch_size": 8,
    "max_input_length": 128,
    "max_target_length": 32,
    "warmup": "off",
    "log_every_steps": 5,
    "eval_every_steps": 0,
    "seed": 42,
}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cli(*args: str, cwd: Path) -> tuple[float, float]:
    """Run ``widgets-llm ARGS`` in a new process; its wall time and CPU time in seconds.

    On a machine shared with other work the wall time drifts with their load; the CPU time
    (user + system of the process) drifts less, so both are reported.
    """
    env = {
        **os.environ,
        **OFFLINE,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    began, cpu = time.perf_counter(), _children_cpu()
    done = subprocess.run(
        [sys.executable, "-m", "widgets_llm.cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed, cpu = time.perf_counter() - began, _children_cpu() - cpu
    if done.returncode != 0:
        raise SystemExit(f"widgets-llm {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return elapsed, cpu


def separate(folder: Path, model: str, grid: list[dict]) -> tuple[float, float]:
    from widgets_llm.engine.config import TrainingConfig

    wall = cpu = 0.0
    for index, values in enumerate(grid):
        config = TrainingConfig(**{**BASE, **values}).save(folder / f"run_{index}.yaml")
        run_wall, run_cpu = cli(
            "train",
            "--data",
            "ejemplo_es",
            "--model",
            model,
            "--config",
            str(config),
            "--output",
            str(folder / f"run_{index}"),
            cwd=folder,
        )
        wall, cpu = wall + run_wall, cpu + run_cpu
    return wall, cpu


def sweep(folder: Path, model: str, rates: list[float], steps: list[int]) -> tuple[float, float]:
    from widgets_llm.engine.config import TrainingConfig

    config = TrainingConfig(**BASE).save(folder / "base.yaml")
    return cli(
        "sweep",
        "--data",
        "ejemplo_es",
        "--model",
        model,
        "--config",
        str(config),
        "--grid",
        "learning_rate=" + ",".join(map(str, rates)),
        "--grid",
        "max_steps=" + ",".join(map(str, steps)),
        "--output",
        str(folder / "barrido"),
        cwd=folder,
    )


def rouge_l(run_dir: Path) -> float:
    report = json.loads((run_dir / "metrics.json").read_text())["test"]
    return float(report["rougeL"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="offline")
    parser.add_argument("--rates", default="0.001,0.003")
    parser.add_argument("--steps", default="20,40")
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()
    rates = [float(v) for v in args.rates.split(",")]
    steps = [int(v) for v in args.steps.split(",")]
    grid = [{"learning_rate": r, "max_steps": s} for r, s in itertools.product(rates, steps)]
    load_before = os.getloadavg()
    rows = []
    for repeat in range(args.repeats):
        with tempfile.TemporaryDirectory(prefix="wllm-sweep-bench-") as temporary:
            base = Path(temporary)
            (base / "separate").mkdir()
            (base / "sweep").mkdir()
            order = ("separate", "sweep") if repeat % 2 == 0 else ("sweep", "separate")
            times, cpus = {}, {}
            for side in order:
                if side == "separate":
                    times[side], cpus[side] = separate(base / "separate", args.model, grid)
                else:
                    times[side], cpus[side] = sweep(base / "sweep", args.model, rates, steps)
            from widgets_llm.engine.sweeps import run_name

            largest = max(
                abs(
                    rouge_l(base / "separate" / f"run_{i}")
                    - rouge_l(base / "sweep" / "barrido" / run_name(values))
                )
                for i, values in enumerate(grid)
            )
            rows.append(
                {
                    **times,
                    **{f"{side}_cpu": value for side, value in cpus.items()},
                    "ratio": times["sweep"] / times["separate"],
                    "cpu_ratio": cpus["sweep"] / cpus["separate"],
                    "rougeL_difference": largest,
                    "load": os.getloadavg()[0],
                }
            )
            print(
                f"repeat {repeat + 1}: "
                f"separate {times['separate']:.1f} s ({cpus['separate']:.1f} s CPU), "
                f"sweep {times['sweep']:.1f} s ({cpus['sweep']:.1f} s CPU), "
                f"wall ratio {rows[-1]['ratio']:.3f}, "
                f"CPU ratio {rows[-1]['cpu_ratio']:.3f}, largest ROUGE-L difference {largest:.4f}, "
                f"load {rows[-1]['load']:.2f}",
                flush=True,
            )
    load_after = os.getloadavg()
    print()
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; "
        f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f}"
    )
    print(
        f"model {args.model}, grid learning_rate={rates} x max_steps={steps} "
        f"({len(grid)} runs), {args.repeats} repeats"
    )
    print("| side | wall median (s) | wall min (s) | wall max (s) | CPU median (s) |")
    print("|---|---|---|---|---|")
    for side in ("separate", "sweep"):
        values = [row[side] for row in rows]
        cpu = statistics.median(row[f"{side}_cpu"] for row in rows)
        print(
            f"| {side} | {statistics.median(values):.1f} | {min(values):.1f} "
            f"| {max(values):.1f} | {cpu:.1f} |"
        )
    print(
        f"largest test ROUGE-L difference between twins: "
        f"{max(row['rougeL_difference'] for row in rows):.4f}"
    )
    print(
        f"sweep / separate CPU time (median of ratios): "
        f"{statistics.median(row['cpu_ratio'] for row in rows):.3f}"
    )
    print(
        f"sweep / separate wall time (median of ratios): "
        f"{statistics.median(row['ratio'] for row in rows):.3f} (target < 0.9)"
    )


if __name__ == "__main__":
    main()
