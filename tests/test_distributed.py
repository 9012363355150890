"""Training on several processes: real processes on this CPU (gloo), as a person starts them.

The slow tests start ``python -m widgets_llm train --processes 2`` (torchrun's launcher) on the
offline model with a few steps; the quick ones check the helpers without any process group.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import pairs_about_places

from widgets_llm import cli
from widgets_llm.engine import distributed
from widgets_llm.messages import t

PAIRS = pairs_about_places(
    "El mercado {name} de {town} abrió este sábado un puesto de frutas y verduras de la zona. "
    "Según su administradora, el puesto permitirá a {n} productores vender sin intermediarios "
    "y cobrar un precio justo. La obra costó {cost} pesos y la pagaron los socios.",
    "El mercado {name} abrió un puesto para que {n} productores vendan sin intermediarios.",
)
OFFLINE_ENV = {"HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
#: The same run in both: 12 steps (a warm-up, then fine-tuning), every loss logged, fp32 (bf16
#: would add its own rounding to the comparison), random batches (length grouping makes its
#: groups from each process's batch size, so it would order the examples differently).
RUN = [
    "--model",
    "offline-t5-mini",
    "--preset",
    "fast",
    "--max-steps",
    "12",
    "--seed",
    "3",
    "--precision",
    "fp32",
    "--no-group-by-length",
    "--log-every-steps",
    "1",
]
#: 2 processes × batch 4 against 1 process × batch 8. What still differs: each process draws
#: its dropout masks from its own random stream, and each averages the loss over its own
#: tokens before the gradients are averaged. Measured on this data: last validation losses
#: 0.4 % apart, training losses 0.05 apart on average (0.7 % and 0.08 on test_cli's data).
#: A wrong batch per step (2 processes × 8 against 1 × 8) gives 3.1 % and 0.18: the
#: tolerances sit between the two, at two to three times what noise gives.
EVAL_LOSS_TOLERANCE = 0.015  # relative
TRAIN_LOSS_TOLERANCE = 0.11  # mean absolute difference, in nats


@pytest.fixture(scope="module")
def data_file(tmp_path_factory) -> Path:
    import pandas as pd

    path = tmp_path_factory.mktemp("distributed") / "mercados.csv"
    pd.DataFrame(PAIRS, columns=["noticia", "resumen"]).to_csv(path, index=False, sep=";")
    return path


def widgets_llm(*args: str, timeout: float = 240) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "widgets_llm", *args]
    env = {**os.environ, **OFFLINE_ENV, "WIDGETS_LLM_LANG": "es"}
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env)


def logged(run_dir: Path, key: str) -> list[float]:
    lines = (run_dir / "training_log.jsonl").read_text(encoding="utf-8").splitlines()
    return [entry[key] for entry in map(json.loads, lines) if key in entry]


def progress_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "paso " in line and "/" in line]


# ------------------------------------------------------------------ two real processes


@pytest.mark.slow
def test_two_processes_train_like_one_with_the_same_batch_per_step(data_file, tmp_path):
    from widgets_llm.engine.hardware import choose_precision

    two = tmp_path / "dos_procesos"
    started = time.perf_counter()
    proc = widgets_llm(
        "train",
        "--data",
        str(data_file),
        *RUN,
        "--batch-size",
        "4",
        "--output",
        str(two),
        "--processes",
        "2",
    )
    seconds = time.perf_counter() - started
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr

    # Printed once, by the main process: each progress line, the start, the end.
    lines = progress_lines(proc.stderr)
    assert len(lines) >= 12 and len(lines) == len(set(lines)), proc.stderr
    assert proc.stderr.count("2 procesos entrenan juntos (gloo)") == 1
    assert "cada paso aprende de 8 ejemplos" in proc.stderr
    assert proc.stderr.count(t("cli.train.saved", path="").strip()) == 1

    # The run folder, complete, written by the main process (run.json comes last).
    for name in (
        "run.json",
        "config.yaml",
        "metrics.json",
        "README.md",
        "training_log.jsonl",
        "test_examples.jsonl",
        "model",
        "tokenizer",
        "base_model",
    ):
        assert (two / name).exists(), name
    info = json.loads((two / "run.json").read_text(encoding="utf-8"))
    assert info["training"]["processes"] == 2
    assert info["training"]["status"] == "finished"
    assert info["training"]["steps"] == info["training"]["max_steps"] == 12
    assert info["training"]["warmup"]["batch_size"] == 8  # the warm-up counts 2 × 4 a step
    metrics = json.loads((two / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["test"]["num_examples"] > 0  # the test evaluation ran (once, in the main)
    checkpoint = next((two / "checkpoints").glob("checkpoint-*"))
    rng_states = {p.name for p in checkpoint.glob("rng_state_*.pth")}
    assert rng_states == {"rng_state_0.pth", "rng_state_1.pth"}  # both trained, one folder

    # The loss falls.
    losses, evals = logged(two, "loss"), logged(two, "eval_loss")
    assert len(losses) == 12
    assert losses[-1] < losses[0] - 1.0
    assert evals[-1] < losses[0] - 1.0

    # One process with batch 8 learns the same (see the tolerances above).
    one = tmp_path / "un_proceso"
    assert (
        cli.main(
            ["train", "--data", str(data_file), *RUN, "--batch-size", "8", "--output", str(one)]
        )
        == 0
    )
    one_losses, one_evals = logged(one, "loss"), logged(one, "eval_loss")
    assert len(one_losses) == len(losses) and len(one_evals) == len(evals)
    mean_gap = sum(abs(a - b) for a, b in zip(losses, one_losses)) / len(losses)
    assert mean_gap <= TRAIN_LOSS_TOLERANCE, (losses, one_losses)
    assert abs(evals[-1] - one_evals[-1]) / one_evals[-1] <= EVAL_LOSS_TOLERANCE, (evals, one_evals)

    # Precision by the engine's rules, in both (fp32 was asked; the T5 rule never gives fp16).
    one_info = json.loads((one / "run.json").read_text(encoding="utf-8"))
    assert info["training"]["precision"] == one_info["training"]["precision"] == "fp32"
    assert choose_precision("fp16", "t5") == "fp32"
    print(
        f"2 processes: {seconds:.1f} s from command to exit; training losses {mean_gap:.3f} "
        f"apart on average, last validation loss {evals[-1]:.4f} against {one_evals[-1]:.4f}"
    )


@pytest.mark.slow
def test_a_stopped_run_of_two_processes_resumes_from_its_checkpoint(data_file, tmp_path):
    output = tmp_path / "parado"
    run = [
        "train",
        "--data",
        str(data_file),
        "--model",
        "offline-t5-mini",
        "--preset",
        "fast",
        "--warmup",
        "off",
        "--max-steps",
        "40",
        "--batch-size",
        "4",
        "--log-every-steps",
        "1",
        "--output",
        str(output),
        "--processes",
        "2",
    ]
    env = {**os.environ, **OFFLINE_ENV, "WIDGETS_LLM_LANG": "es"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "widgets_llm", *run], stderr=subprocess.PIPE, text=True, env=env
    )
    seen: list[str] = []
    try:
        for line in proc.stderr:
            seen.append(line)
            if line.startswith("paso 2/40 · pérdida"):  # training is on: Ctrl+C, as a person
                proc.send_signal(signal.SIGINT)
                break
        seen.extend(proc.stderr)
        code = proc.wait(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    stderr = "".join(seen)
    assert code == cli.EXIT_INTERRUPTED, stderr
    assert "Traceback" not in stderr
    assert stderr.count(t("cli.train.stopping")) == 1
    info = json.loads((output / "run.json").read_text(encoding="utf-8"))["training"]
    assert info["status"] == "stopped" and info["processes"] == 2
    stopped_at = info["steps"]
    assert 2 <= stopped_at < 40
    assert (output / "checkpoints" / f"checkpoint-{stopped_at}").is_dir()

    resumed = widgets_llm(*run, "--resume")
    assert resumed.returncode == 0, resumed.stderr
    info = json.loads((output / "run.json").read_text(encoding="utf-8"))["training"]
    assert info["status"] == "finished" and info["steps"] == 40
    steps = [
        int(line.split("/")[0].split()[-1])
        for line in progress_lines(resumed.stderr)
        if "pérdida de validación" not in line
    ]
    assert steps and steps[0] == stopped_at + 1  # it went on; it did not start again


@pytest.mark.slow
def test_every_process_starts_from_the_main_model(tmp_path):
    """Rank 1 builds its offline model from other texts (another vocabulary, other weights):
    the check finds it and gives it the main's; a second check finds them equal."""
    script = tmp_path / "check.py"
    script.write_text(
        textwrap.dedent(f"""
        import json, sys
        from widgets_llm.engine import distributed
        from widgets_llm.engine.models import build_offline_model
        distributed.init_process_group()
        texts = {[text for text, _ in PAIRS]!r}
        if distributed.rank() == 1:
            texts = texts[:5] + ["Otra cosa muy distinta, con palabras raras: zigzag, ñandú."] * 9
        bundle = build_offline_model(texts, size="mini", seed=distributed.rank())
        bundle, first = distributed.same_model_everywhere(bundle, seed=3)
        bundle, second = distributed.same_model_everywhere(bundle, seed=3)
        print(json.dumps({{
            "rank": distributed.rank(), "first": first.__dict__, "second": second.__dict__,
            "vocabulary": distributed.vocabulary_fingerprint(bundle.tokenizer),
            "weights": distributed.weights_fingerprint(bundle.model),
        }}), file=open(sys.argv[1] + f"/{{distributed.rank()}}.json", "w"))
        distributed.teardown(ended_normally=True)
    """),
        encoding="utf-8",
    )
    env = {**os.environ, **OFFLINE_ENV, "OMP_NUM_THREADS": "1", "LOGLEVEL": "CRITICAL"}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "torch.distributed.run",
            "--standalone",
            "--nproc_per_node",
            "2",
            str(script),
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    reports = [json.loads((tmp_path / f"{rank}.json").read_text()) for rank in (0, 1)]
    for report in reports:
        assert report["first"] == {
            "processes": 2,
            "same_vocabulary": False,
            "same_weights": False,
            "fixed": True,
        }
        assert report["second"]["fixed"] is False and report["second"]["same_weights"] is True
    assert reports[0]["vocabulary"] == reports[1]["vocabulary"]
    assert reports[0]["weights"] == reports[1]["weights"]


# ------------------------------------------------------------------ the helpers, one process


def test_one_process_is_the_main_one_of_one(monkeypatch):
    for name in ("RANK", "WORLD_SIZE", "LOCAL_RANK"):
        monkeypatch.delenv(name, raising=False)
    assert distributed.world_size() == 1 and distributed.is_main_process()
    assert not distributed.launched() and not distributed.init_process_group()
    assert distributed.any_process(True) and not distributed.any_process(False)
    assert distributed.common_precision("bf16") == "bf16"
    assert distributed.gather_ints([4, 5]) == [[4, 5]]
    distributed.barrier()  # returns at once
    assert distributed.main_process_only(lambda: "escrito")() == "escrito"


def test_a_helper_process_neither_prints_nor_writes(monkeypatch, capsys):
    monkeypatch.setenv("RANK", "1")
    monkeypatch.setenv("WORLD_SIZE", "2")
    assert not distributed.is_main_process()
    assert distributed.main_process_only(lambda: "escrito")() is None
    with distributed.quiet_unless_main():
        print("no debe verse")
        print("tampoco", file=sys.stderr)
    with distributed.quiet_unless_main(enabled=False):  # --debug: everything shows
        print("con --debug sí")
    out, err = capsys.readouterr()
    assert out == "con --debug sí\n" and err == ""


def test_save_run_writes_nothing_outside_the_main_process(monkeypatch, tmp_path):
    from widgets_llm.engine.config import preset
    from widgets_llm.engine.models import build_offline_model
    from widgets_llm.engine.runs import save_run

    bundle = build_offline_model([text for text, _ in PAIRS], size="mini")
    monkeypatch.setenv("RANK", "1")
    assert save_run(tmp_path / "run", bundle, config=preset("fast")) == tmp_path / "run"
    assert not (tmp_path / "run").exists()


def test_the_model_check_is_free_with_one_process():
    from widgets_llm.engine.models import build_offline_model

    bundle = build_offline_model([text for text, _ in PAIRS], size="mini", seed=1)
    same, check = distributed.same_model_everywhere(bundle)
    assert same is bundle and check == distributed.ModelCheck(1, True, True, False)
    other = build_offline_model([text for text, _ in PAIRS], size="mini", seed=2)
    vocabulary, weights = distributed.vocabulary_fingerprint, distributed.weights_fingerprint
    assert vocabulary(bundle.tokenizer) == vocabulary(other.tokenizer)  # learned from the texts
    assert weights(bundle.model) != weights(other.model)  # drawn from the seed


def test_the_launch_command_is_torchrun_with_the_same_arguments():
    argv = ["train", "--data", "a.csv", "--processes", "2", "--output", "x", "--processes=3"]
    command = distributed.without_option(argv, "--processes")
    assert command == ["train", "--data", "a.csv", "--output", "x"]
    assert distributed.launcher_arguments(2, command) == [
        "--standalone",
        "--nproc_per_node",
        "2",
        "-m",
        "widgets_llm",
        *command,
    ]
    assert distributed.threads_per_process(2) == max(1, (os.cpu_count() or 1) // 2)


def test_processes_must_be_at_least_one(capsys):
    with pytest.raises(SystemExit) as stopped:
        cli.main(["train", "--data", "a.csv", "--output", "x", "--processes", "0"])
    assert stopped.value.code == cli.EXIT_USER_ERROR
    assert t("cli.option.processes_invalid") in capsys.readouterr().err


def _failure(exitcode: int, message: str, timestamp: int):
    return SimpleNamespace(exitcode=exitcode, message=message, timestamp=timestamp)


def _failed(failures: dict):
    first = min(failures, key=lambda rank: failures[rank].timestamp)
    return SimpleNamespace(failures=failures, get_first_failure=lambda: (first, failures[first]))


def test_a_launch_ends_with_the_status_of_the_process_that_failed_by_itself():
    same = "No encuentro el archivo."
    # Both failed alike: the main's status, nothing more to say (the main said it).
    both = {0: _failure(2, same, 5), 1: _failure(-15, same, 5)}
    result = distributed._failure_result(_failed(both))
    assert result == distributed.LaunchResult(2)
    # A helper failed first and torchrun ended the main with SIGTERM: the helper's status and
    # its message, which the main never saw.
    result = distributed._failure_result(
        _failed({1: _failure(2, "Sin memoria.", 4), 0: _failure(-15, "Signal 15 (SIGTERM)", 5)})
    )
    assert result == distributed.LaunchResult(2, "Sin memoria.", 1)
    # Only signals: as a shell reports them.
    result = distributed._failure_result(_failed({0: _failure(-2, "", 5)}))
    assert result.exit_code == 130


def test_a_signal_stops_the_run_and_a_second_ctrl_c_interrupts():
    calls: list[str] = []
    before = signal.getsignal(signal.SIGINT)
    with distributed.stop_on_signals(lambda: calls.append("stop"), lambda: calls.append("said")):
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(0.05)
        assert calls == ["stop", "said"]
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.5)
    assert signal.getsignal(signal.SIGINT) is before


def test_record_error_leaves_the_line_for_torchrun(monkeypatch, tmp_path):
    path = tmp_path / "error.json"
    monkeypatch.setenv("TORCHELASTIC_ERROR_FILE", str(path))
    distributed.record_error("Algo falló. Haz esto.")
    assert json.loads(path.read_text(encoding="utf-8"))["message"] == "Algo falló. Haz esto."


def test_only_losses_that_ignore_the_item_count_are_left_unscaled():
    """T5 returns a mean although its forward takes **kwargs: the Trainer must not scale its
    loss by the processes (it did: losses and perplexities reported N times too large)."""
    from transformers import GPT2Config, GPT2LMHeadModel, T5Config, T5ForConditionalGeneration

    from widgets_llm.engine.training import _loss_ignores_item_count

    t5 = T5ForConditionalGeneration(
        T5Config(vocab_size=32, d_model=8, d_ff=8, num_layers=1, num_heads=1, d_kv=8)
    )
    gpt2 = GPT2LMHeadModel(GPT2Config(vocab_size=32, n_embd=8, n_layer=1, n_head=1))
    assert _loss_ignores_item_count(t5)
    assert not _loss_ignores_item_count(gpt2)
