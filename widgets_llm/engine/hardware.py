"""What the machine can do: device and numeric precision.

bf16 keeps fp32's range with half the bits, so it trains like fp32 in practice and runs about
1.5x faster on CPUs with native bf16 (AVX512-BF16 or AMX) and on recent GPUs. fp16 has a small
range: T5-family models overflow in it and their loss becomes NaN, so they never get fp16.
"""

from __future__ import annotations

import functools
import platform
from dataclasses import dataclass
from pathlib import Path

T5_FAMILY = ("t5", "mt5", "umt5", "longt5", "switch_transformers")


@dataclass(frozen=True)
class Hardware:
    device: str  # "cuda", "mps" or "cpu"
    name: str
    cpu_bf16: bool
    gpu_bf16: bool
    memory_gb: float | None


@functools.lru_cache(maxsize=1)
def cpu_has_native_bf16() -> bool:
    """True on CPUs with AVX512-BF16 or AMX (Linux reads /proc/cpuinfo)."""
    try:
        flags = Path("/proc/cpuinfo").read_text(errors="ignore")
    except OSError:
        return False
    return any(flag in flags.split() for flag in ("avx512_bf16", "amx_bf16"))


def detect_hardware() -> Hardware:
    import torch

    if torch.cuda.is_available():
        props = torch.cuda.get_device_properties(0)
        return Hardware(
            "cuda",
            props.name,
            cpu_has_native_bf16(),
            torch.cuda.is_bf16_supported(),
            props.total_memory / 2**30,
        )
    if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
        return Hardware("mps", "Apple GPU", False, False, None)
    return Hardware(
        "cpu",
        platform.processor() or platform.machine(),
        cpu_has_native_bf16(),
        False,
        _system_memory_gb(),
    )


def _system_memory_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) / 2**20
    except OSError:
        pass
    return None


def choose_precision(requested: str, model_type: str, hardware: Hardware | None = None) -> str:
    """The precision a run will use: ``"fp32"``, ``"bf16"`` or ``"fp16"``.

    ``"auto"`` picks bf16 where the hardware runs it natively, else fp16 on a GPU without bf16
    (but never for T5-family models), else fp32. An explicit fp16 request for a T5-family model
    becomes fp32, and bf16 where the hardware lacks it becomes fp32.
    """
    hardware = hardware or detect_hardware()
    t5_family = model_type in T5_FAMILY
    bf16_ok = (
        hardware.gpu_bf16
        if hardware.device == "cuda"
        else (hardware.device == "cpu" and hardware.cpu_bf16)
    )
    if requested == "fp32":
        return "fp32"
    if requested == "bf16":
        return "bf16" if bf16_ok else "fp32"
    if requested == "fp16":
        return "fp16" if hardware.device == "cuda" and not t5_family else "fp32"
    # auto
    if bf16_ok:
        return "bf16"
    if hardware.device == "cuda" and not t5_family:
        return "fp16"
    return "fp32"
