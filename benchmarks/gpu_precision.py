"""Check the engine's precision paths on whatever device this machine has (a GPU when there is one).

For each offline architecture (T5 and GPT-2, and the catalog replicas of a Llama and an mT5
model when ``widgets_llm.testing.replicas`` is available) and each requested precision
(auto, bf16, fp16, fp32), train a few steps on the bundled example through the engine's own
``TrainingRun`` and record: the precision the engine chose, the losses (finite? falling?), the
dtype of the weights after training (they must stay fp32: mixed precision only changes the
arithmetic), a generated summary, and the engine's estimate for the same run.

The engine's rules it checks: bf16 where the hardware runs it; fp16 only on a GPU and never for
the T5 family (T5 overflows in fp16 and its loss becomes NaN); an explicit fp16 request for T5
becomes fp32.

    python benchmarks/gpu_precision.py --steps 30 --json results.json
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from widgets_llm import engine  # noqa: E402
from widgets_llm.engine.generation import GenerationSettings, generate_summaries  # noqa: E402

PRECISIONS = ("auto", "bf16", "fp16", "fp32")


def model_choices(data, workdir: Path) -> dict[str, str]:
    choices = {"offline-t5": "offline-t5-pequeno", "offline-gpt2": "offline-gpt2-pequeno"}
    try:  # catalog replicas: a Llama (decoder-only, chat template) and an mT5
        from widgets_llm.testing.replicas import build_replica

        for model_id in ("HuggingFaceTB/SmolLM2-135M-Instruct", "google/mt5-small"):
            choices[model_id] = str(build_replica(model_id, workdir / model_id.replace("/", "--")))
    except Exception as error:  # the replicas module is optional here
        print(f"(replicas not available: {error})")
    return choices


def check(choice: str, requested: str, data, steps: int, workdir: Path) -> dict:
    import torch

    bundle = engine.prepare_model(data, choice, seed=0)
    config = engine.preset(
        "fast", max_steps=steps, precision=requested, log_every_steps=5, eval_every_steps=0
    )
    estimate = engine.estimate_training(bundle, data.splits, config)
    started = time.perf_counter()
    run = engine.TrainingRun(
        bundle, data.splits, config, workdir / f"run-{abs(hash((choice, requested)))}"
    )
    result = run.run()
    seconds = time.perf_counter() - started
    losses = [entry["loss"] for entry in result.log_history if "loss" in entry]
    dtypes = sorted({str(p.dtype) for p in bundle.model.parameters()})
    summary = generate_summaries(
        bundle, [data.splits["test"]["text"][0]], GenerationSettings(max_new_tokens=24)
    )[0]
    return {
        "model": choice if not Path(choice).exists() else Path(choice).name,
        "model_type": bundle.model.config.model_type,
        "requested": requested,
        "chosen": result.precision,
        "status": result.status,
        "error": result.error.one_line("en") if result.error else None,
        "losses": [round(x, 4) for x in losses],
        "finite": all(math.isfinite(x) for x in losses) and bool(losses),
        "fell": bool(losses) and losses[-1] < losses[0],
        "weight_dtypes": dtypes,
        "device": str(next(bundle.model.parameters()).device),
        "seconds": round(seconds, 2),
        "estimate_seconds_per_step": round(estimate.seconds_per_step, 4),
        "measured_seconds_per_step": round(seconds / max(result.steps, 1), 4),
        "estimate_peak_gb": round(estimate.peak_memory_gb, 3),
        "cuda_peak_gb": round(torch.cuda.max_memory_allocated() / 2**30, 3)
        if torch.cuda.is_available()
        else None,
        "summary": summary,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--json", help="write the results to this file")
    args = parser.parse_args()

    import torch
    import transformers

    hardware = engine.detect_hardware()
    header = {
        "device": hardware.device,
        "name": hardware.name,
        "gpu_bf16": hardware.gpu_bf16,
        "cpu_bf16": hardware.cpu_bf16,
        "torch": torch.__version__,
        "transformers": transformers.__version__,
    }
    print(json.dumps(header))
    data = engine.load_pairs("ejemplo_es")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        for name, choice in model_choices(data, workdir).items():
            for requested in PRECISIONS:
                try:
                    row = check(choice, requested, data, args.steps, workdir)
                except Exception as error:  # record and go on: one failure must not hide the rest
                    row = {
                        "model": name,
                        "requested": requested,
                        "exception": f"{type(error).__name__}: {error}",
                    }
                row["model"] = name
                results.append(row)
                print(
                    json.dumps({k: v for k, v in row.items() if k != "losses"}, ensure_ascii=False)
                )
    if args.json:
        Path(args.json).write_text(
            json.dumps({"machine": header, "results": results}, indent=1, ensure_ascii=False)
        )
    problems = [
        r
        for r in results
        if "exception" in r or not r.get("finite") or r.get("weight_dtypes") != ["torch.float32"]
    ]
    t5_fp16 = [
        r for r in results if r.get("model_type") in ("t5", "mt5") and r.get("chosen") == "fp16"
    ]
    print(
        f"{len(results)} runs, {len(problems)} with problems, "
        f"{len(t5_fp16)} T5-family runs in fp16 (must be 0)"
    )
    return 1 if problems or t5_fp16 else 0


if __name__ == "__main__":
    sys.exit(main())
