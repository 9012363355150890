"""The measured cost of each catalog model: fine-tuning it and writing summaries on a CPU.

Every number here was measured by ``benchmarks/catalog_cost.py`` on the full-size architecture
of each model (its real configuration, random weights), through the engine's own training path
with its defaults (bf16 autocast on a CPU that has it) and the "fast" preset's lengths: batches
of 8, texts of 128 tokens, summaries of 48. ``benchmarks/README.md`` has the machine, the
command, the load the machine was under, and how the formula of :mod:`.cost` compares.

Memory is the peak resident memory of the whole process that trains (Python and the libraries
included), so it answers "does it fit in this much memory?" directly.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Where and when the numbers below were measured.
MEASURED_ON = "AMD EPYC (2 cores, AVX512-BF16), 24 GiB, torch 2.13.0+cpu, transformers 5.24"
MEASURED_DATE = "2026-11-30"
#: What was measured (the "fast" preset; LoRA with the engine's defaults).
MEASURED_SETTINGS = (
    "batch 8, 128 input tokens, 48 summary tokens (decoder-only models: 176 in all), "
    "bf16 autocast; LoRA rank 8 on the engine's default targets; "
    "summaries of 48 new tokens, greedy, one at a time"
)

#: Memory a Binder session gives (mybinder.org: 2 GB), and what its Jupyter server and the
#: notebook's own widgets take from it before training starts.
BINDER_MEMORY_GB = 2.0
BINDER_RESERVED_GB = 0.2


@dataclass(frozen=True)
class CatalogCost:
    """What one catalog model costs, measured.

    Attributes
    ----------
    model_id: hub id.
    parameters: parameters of the model that was measured (the real one's count).
    step_seconds_full, step_seconds_lora: seconds per training step, full fine-tuning / LoRA.
    peak_gb_full, peak_gb_lora: peak memory of the training process, GiB.
    generation_seconds: seconds to write one summary of 48 tokens.
    peak_gb_generate: peak memory of a process that only writes summaries, GiB.
    precision: the precision training used (``"bf16"`` on the reference CPU).
    measured_on, measured_date: the machine and the day.
    """

    model_id: str
    parameters: int
    step_seconds_full: float
    step_seconds_lora: float
    peak_gb_full: float
    peak_gb_lora: float
    generation_seconds: float
    peak_gb_generate: float
    precision: str = "bf16"
    measured_on: str = MEASURED_ON
    measured_date: str = MEASURED_DATE

    def peak_gb(self, lora: bool = False) -> float:
        return self.peak_gb_lora if lora else self.peak_gb_full

    def step_seconds(self, lora: bool = False) -> float:
        return self.step_seconds_lora if lora else self.step_seconds_full

    def fits(self, memory_gb: float, lora: bool = False) -> bool:
        """Whether training fits in ``memory_gb`` GiB of memory."""
        return self.peak_gb(lora) <= memory_gb

    def binder_fit(self) -> str:
        """See :func:`binder_fit`."""
        return binder_fit(self.peak_gb_full, self.peak_gb_lora)


def binder_fit(full_gb: float, lora_gb: float) -> str:
    """Where fine-tuning fits in a Binder session, from its peak memory (GiB) full and with LoRA.

    ``"full"``: fine-tuning the whole model fits; ``"lora"``: only with LoRA; ``"none"``: not
    even with LoRA. Binder's memory less what its server and the notebook hold already counts.
    """
    usable = BINDER_MEMORY_GB - BINDER_RESERVED_GB
    if full_gb <= usable:
        return "full"
    return "lora" if lora_gb <= usable else "none"


def _cost(
    model_id, parameters, step_full, step_lora, peak_full, peak_lora, generation, peak_generate
):
    return CatalogCost(
        model_id, parameters, step_full, step_lora, peak_full, peak_lora, generation, peak_generate
    )


#: model id -> measured cost (benchmarks/catalog_cost_results.json). The three mT5-small
#: checkpoints share one architecture and were measured once. Columns: parameters, seconds per
#: step full / LoRA, peak GiB full / LoRA, seconds per summary, peak GiB writing summaries.
MEASURED: dict[str, CatalogCost] = {
    cost.model_id: cost
    for cost in (
        _cost(
            "flax-community/spanish-t5-small", 60441088, 1.311, 1.001, 1.956, 1.462, 0.943, 0.853
        ),
        _cost("vgaraujov/bart-base-spanish", 139419648, 2.785, 1.851, 3.376, 2.174, 1.601, 1.254),
        _cost("vgaraujov/t5-base-spanish", 247577856, 4.841, 3.309, 5.926, 3.722, 2.576, 1.553),
        _cost("LeoCordoba/mt5-small-mlsum", 300176768, 4.512, 2.42, 6.106, 3.889, 3.14, 2.572),
        _cost("google/mt5-small", 300176768, 4.512, 2.42, 6.106, 3.889, 3.14, 2.572),
        _cost(
            "huggingface-course/mt5-small-finetuned-amazon-en-es",
            300176768,
            4.512,
            2.42,
            6.106,
            3.889,
            3.14,
            2.572,
        ),
        _cost("google/flan-t5-small", 76961152, 1.417, 1.24, 2.381, 1.663, 1.061, 0.852),
        _cost(
            "HuggingFaceTB/SmolLM2-135M-Instruct",
            134515008,
            7.743,
            4.059,
            4.595,
            3.459,
            3.154,
            1.055,
        ),
        _cost("Qwen/Qwen2.5-0.5B-Instruct", 494032768, 22.378, 14.173, 11.968, 7.891, 7.898, 2.821),
    )
}


def measured_cost(model_id: str) -> CatalogCost | None:
    """The measured cost of a catalog model, or ``None`` for a model that was not measured."""
    return MEASURED.get(model_id)
