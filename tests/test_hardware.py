"""Tests of widgets_llm.engine.hardware: device detection and the choice of precision."""

from __future__ import annotations

from pathlib import Path

import pytest

from widgets_llm.engine.hardware import (
    T5_FAMILY,
    Hardware,
    choose_precision,
    cpu_has_native_bf16,
    detect_hardware,
)

CPU_BF16 = Hardware("cpu", "fake cpu with bf16", cpu_bf16=True, gpu_bf16=False, memory_gb=16.0)
CPU_PLAIN = Hardware("cpu", "fake old cpu", cpu_bf16=False, gpu_bf16=False, memory_gb=8.0)
GPU_BF16 = Hardware("cuda", "fake A100", cpu_bf16=False, gpu_bf16=True, memory_gb=40.0)
GPU_T4 = Hardware("cuda", "fake T4", cpu_bf16=True, gpu_bf16=False, memory_gb=15.0)
MPS = Hardware("mps", "Apple GPU", cpu_bf16=False, gpu_bf16=False, memory_gb=None)


@pytest.mark.parametrize(
    "requested, model_type, hardware, expected",
    [
        # auto: bf16 where it is native, else fp16 on a GPU (not for T5), else fp32
        ("auto", "t5", CPU_BF16, "bf16"),
        ("auto", "gpt2", CPU_BF16, "bf16"),
        ("auto", "t5", CPU_PLAIN, "fp32"),
        ("auto", "gpt2", CPU_PLAIN, "fp32"),
        ("auto", "t5", GPU_BF16, "bf16"),
        ("auto", "qwen2", GPU_BF16, "bf16"),
        ("auto", "gpt2", GPU_T4, "fp16"),
        ("auto", "bart", GPU_T4, "fp16"),
        ("auto", "t5", GPU_T4, "fp32"),
        ("auto", "mt5", GPU_T4, "fp32"),
        ("auto", "gpt2", MPS, "fp32"),
        # explicit requests
        ("fp32", "gpt2", GPU_BF16, "fp32"),
        ("fp32", "t5", CPU_BF16, "fp32"),
        ("bf16", "t5", CPU_BF16, "bf16"),
        ("bf16", "gpt2", CPU_PLAIN, "fp32"),  # no native bf16: fall back to fp32
        ("bf16", "gpt2", GPU_T4, "fp32"),  # the T4's CPU bf16 does not count on the GPU
        ("bf16", "gpt2", GPU_BF16, "bf16"),
        ("bf16", "gpt2", MPS, "fp32"),
        ("fp16", "gpt2", GPU_T4, "fp16"),
        ("fp16", "gpt2", GPU_BF16, "fp16"),
        ("fp16", "gpt2", CPU_BF16, "fp32"),  # fp16 training is for GPUs only
        ("fp16", "gpt2", MPS, "fp32"),
    ],
)
def test_choose_precision_table(requested, model_type, hardware, expected):
    assert choose_precision(requested, model_type, hardware) == expected


@pytest.mark.parametrize("model_type", T5_FAMILY)
@pytest.mark.parametrize("requested", ["auto", "fp16", "bf16", "fp32"])
@pytest.mark.parametrize("hardware", [CPU_BF16, CPU_PLAIN, GPU_BF16, GPU_T4, MPS])
def test_t5_family_never_gets_fp16(model_type, requested, hardware):
    assert choose_precision(requested, model_type, hardware) != "fp16"


def test_detect_hardware_on_this_machine():
    hardware = detect_hardware()
    assert hardware.device in ("cpu", "cuda", "mps")
    assert isinstance(hardware.name, str) and hardware.name
    if hardware.memory_gb is not None:
        assert hardware.memory_gb > 0
    if hardware.device == "cpu":
        assert hardware.gpu_bf16 is False
        assert hardware.cpu_bf16 == cpu_has_native_bf16()


def _cpu_flags() -> set[str]:
    try:
        return set(Path("/proc/cpuinfo").read_text(errors="ignore").split())
    except OSError:
        return set()


def test_cpu_bf16_detection_matches_cpuinfo():
    assert cpu_has_native_bf16() == bool(_cpu_flags() & {"avx512_bf16", "amx_bf16"})


@pytest.mark.skipif(
    not (_cpu_flags() & {"avx512_bf16", "amx_bf16"}), reason="this CPU has no native bf16"
)
def test_auto_picks_bf16_on_a_cpu_with_native_bf16():
    hardware = detect_hardware()
    if hardware.device != "cpu":
        pytest.skip("a GPU is present")
    assert choose_precision("auto", "t5", hardware) == "bf16"
    assert choose_precision("auto", "t5") == "bf16"  # detects the hardware itself
    assert choose_precision("auto", "gpt2", hardware) == "bf16"
