"""One process against two on this machine: training speed, wall time, gradient exchange.

Both sides are what a person types, run as separate processes, with the same data (the
bundled ``ejemplo_es``), offline model, seed, steps and batch per step:

* **one**: ``widgets-llm train --batch-size 2B`` (one process, every core: 2 threads here);
* **one, 1 thread**: the same with ``OMP_NUM_THREADS=1`` (the speed of one core);
* **two**: ``widgets-llm train --batch-size B --processes 2`` (torchrun underneath, gloo, each
  process with its share of the cores: 1 thread each here).

Warm-up off, fp32, random batches and no evaluation during training, so that the training
steps are the same work on both sides. For each run: the wall time of the whole command
(start, imports, data, model, training, test evaluation, saving), the Trainer's own training
steps per second, and the last training loss (a check that both trained alike). The sides
alternate (one, two, two, one...) so that changes in the machine's speed hit both alike, and
the one-minute load average is recorded before each run (``--wait-quiet LOAD`` waits, up to
10 minutes, until it is under LOAD). Several threads of one process wait for each other at
every operation, so on a machine busy with other work the one-process side suffers far more
than the one-thread sides: compare runs made at a similar load.

The gradient exchange: this script, started by torchrun in 2 processes (``--exchange``),
averages a float32 tensor as large as a model's gradients across them, as DDP does after each
backward pass (``all_reduce``), and reports the median time per exchange, for the offline
sizes and for a model of spanish-t5-small's size (60 M parameters).

Usage: python benchmarks/distributed.py [--size pequeno] [--batch 4] [--steps 30]
       [--repeats 2] [--json results.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
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
#: A model of spanish-t5-small's size, for the exchange only (it is not trained here).
T5_SMALL_PARAMETERS = 60_000_000


def _env() -> dict[str, str]:
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return {**os.environ, **OFFLINE, "PYTHONPATH": path}


def wait_quiet(limit: float | None, longest_s: float = 600) -> None:
    began = time.monotonic()
    while limit and os.getloadavg()[0] >= limit and time.monotonic() - began < longest_s:
        time.sleep(10)


def train_once(processes: int, threads: int, batch: int, args, folder: Path) -> dict:
    """One ``widgets-llm train`` run; what it took and what its log says."""
    output = folder / f"run_{processes}_{time.monotonic_ns()}"
    command = [
        sys.executable,
        "-m",
        "widgets_llm",
        "train",
        "--data",
        "ejemplo_es",
        "--model",
        f"offline-t5-{args.size}",
        "--preset",
        "fast",
        "--warmup",
        "off",
        "--max-steps",
        str(args.steps),
        "--batch-size",
        str(batch),
        "--seed",
        "7",
        "--precision",
        "fp32",
        "--no-group-by-length",
        "--log-every-steps",
        "5",
        "--eval-every-steps",
        str(10 * args.steps),
        "--output",
        str(output),
    ]
    if processes > 1:
        command += ["--processes", str(processes)]
    wait_quiet(args.wait_quiet)
    load = os.getloadavg()[0]
    env = {**_env(), "OMP_NUM_THREADS": str(threads)}
    began = time.perf_counter()
    done = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    log = [json.loads(line) for line in (output / "training_log.jsonl").read_text().splitlines()]
    summary = next(entry for entry in log if "train_steps_per_second" in entry)
    losses = [entry["loss"] for entry in log if "loss" in entry]
    info = json.loads((output / "run.json").read_text(encoding="utf-8"))["training"]
    return {
        "processes": processes,
        "threads": threads,
        "batch_per_process": batch,
        "wall_s": wall,
        "train_runtime_s": summary["train_runtime"],
        "steps_per_s": args.steps / summary["train_runtime"],
        "last_loss": losses[-1],
        "load_before": load,
        "steps": info["steps"],
        "processes_recorded": info["processes"],
    }


def exchange_sizes() -> dict[str, int]:
    """Trainable parameters of each offline size, and of a spanish-t5-small-sized model."""
    from widgets_llm.engine.data import load_pairs
    from widgets_llm.engine.models import OFFLINE_SIZES
    from widgets_llm.engine.pipeline import vocabulary_texts
    from widgets_llm.engine.models import build_offline_model

    texts = vocabulary_texts(load_pairs("ejemplo_es"))
    sizes = {
        f"offline-t5-{size}": build_offline_model(texts, size=size).num_parameters()
        for size in OFFLINE_SIZES
    }
    sizes["60 M (spanish-t5-small)"] = T5_SMALL_PARAMETERS
    return sizes


def exchange_worker(sizes: dict[str, int], repeats: int, output: Path) -> None:
    """In each of 2 processes (torchrun): time the all-reduce of gradient-sized tensors."""
    import torch
    import torch.distributed as dist

    dist.init_process_group("gloo")
    results = {}
    for name, count in sizes.items():
        tensor = torch.ones(count, dtype=torch.float32)
        for _ in range(3):  # the first exchanges set up the connections
            dist.all_reduce(tensor)
        times = []
        for _ in range(repeats):
            dist.barrier()
            began = time.perf_counter()
            dist.all_reduce(tensor)
            tensor /= dist.get_world_size()  # DDP averages
            times.append(time.perf_counter() - began)
        results[name] = {
            "parameters": count,
            "median_ms": 1000 * statistics.median(times),
            "min_ms": 1000 * min(times),
            "max_ms": 1000 * max(times),
        }
    if dist.get_rank() == 0:
        output.write_text(json.dumps(results), encoding="utf-8")
    dist.destroy_process_group()


def measure_exchange(repeats: int, folder: Path) -> dict:
    sizes = exchange_sizes()
    output = folder / "exchange.json"
    command = [
        sys.executable,
        "-m",
        "torch.distributed.run",
        "--standalone",
        "--nproc_per_node",
        "2",
        str(Path(__file__).resolve()),
        "--exchange",
        json.dumps(sizes),
        "--repeats",
        str(repeats),
        "--exchange-output",
        str(output),
    ]
    env = {**_env(), "OMP_NUM_THREADS": "1", "LOGLEVEL": "ERROR"}
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"the exchange measure failed:\n{done.stderr[-3000:]}")
    return json.loads(output.read_text(encoding="utf-8"))


def machine() -> dict:
    import torch

    return {
        "cores": os.cpu_count(),
        "cpu": platform.processor() or platform.machine(),
        "python": platform.python_version(),
        "torch": torch.__version__,
        "threads_one_process": torch.get_num_threads(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="pequeno", help="offline model size to train")
    parser.add_argument("--batch", type=int, default=4, help="batch of each of the 2 processes")
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--repeats", type=int, default=2, help="runs of each side; exchanges")
    parser.add_argument("--json", help="write every number here")
    parser.add_argument(
        "--wait-quiet",
        type=float,
        metavar="LOAD",
        help="before each run, wait until the 1-minute load is under LOAD",
    )
    parser.add_argument("--exchange", help=argparse.SUPPRESS)
    parser.add_argument("--exchange-output", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.exchange:  # one of the 2 processes of the exchange measure
        output = Path(args.exchange_output)
        exchange_worker(json.loads(args.exchange), max(args.repeats, 20), output)
        return

    with tempfile.TemporaryDirectory(prefix="wllm-distributed-") as tmp:
        folder = Path(tmp)
        runs = []
        cores = os.cpu_count() or 1
        sides = {
            "1 process": (1, cores),
            "1 process, 1 thread": (1, 1),
            "2 processes": (2, max(1, cores // 2)),
        }
        for repeat in range(args.repeats):
            order = list(sides) if repeat % 2 == 0 else list(reversed(sides))
            for name in order:
                processes, threads = sides[name]
                batch = args.batch * (2 if processes == 1 else 1)  # the same batch per step
                runs.append({"side": name, **train_once(processes, threads, batch, args, folder)})
                print(json.dumps(runs[-1]), file=sys.stderr, flush=True)
        exchange = measure_exchange(max(args.repeats, 20), folder)
    report = {
        "machine": machine(),
        "settings": vars(args),
        "runs": runs,
        "exchange": exchange,
        "sides": {},
    }
    for name in sides:
        side = [run for run in runs if run["side"] == name]
        report["sides"][name] = {
            "wall_s": statistics.median(r["wall_s"] for r in side),
            "steps_per_s": statistics.median(r["steps_per_s"] for r in side),
            "last_loss": statistics.median(r["last_loss"] for r in side),
            "load_before": statistics.median(r["load_before"] for r in side),
        }
    one, two = report["sides"]["1 process"], report["sides"]["2 processes"]
    step_ms = 1000 / two["steps_per_s"]
    trained = exchange[f"offline-t5-{args.size}"]["median_ms"]
    print(f"machine: {report['machine']}")
    print(f"offline-t5-{args.size}, {args.steps} steps, {2 * args.batch} examples per step")
    print("side                  wall (s)  steps/s  last loss  load before")
    for name, side in report["sides"].items():
        print(
            f"{name:<21} {side['wall_s']:8.1f} {side['steps_per_s']:8.2f} "
            f"{side['last_loss']:9.4f} {side['load_before']:11.1f}"
        )
    print(
        f"2 / 1: wall {two['wall_s'] / one['wall_s']:.2f}, "
        f"steps/s {two['steps_per_s'] / one['steps_per_s']:.2f}"
    )
    print("gradient exchange (all_reduce, gloo, 2 processes): median ms")
    for name, numbers in exchange.items():
        print(f"  {name:<28} {numbers['parameters']:>11,} params  {numbers['median_ms']:8.2f} ms")
    print(
        f"exchange / step for the trained model: {trained:.2f} / {step_ms:.1f} ms "
        f"= {trained / step_ms:.1%}"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
