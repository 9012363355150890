"""Which model to start with, for the machine a person has and whether the Hub can be reached.

The rules are few and said plainly to the person:

- No connection (or offline mode chosen): the offline model, built here from their own texts.
- A computer without a graphics card (or an Apple GPU): the smallest Spanish
  sequence-to-sequence model of the catalog, whose training fits on a laptop.
- A graphics card: the best Spanish summarizer of the catalog whose full fine-tuning fits in
  its memory, with a decoder-only model tuned with LoRA as the alternative when it fits too.

Nothing here probes the network: whether the Hub answers is known from the offline settings
or from a download that already failed, so a recommendation never sends a request.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .hardware import Hardware
from .models import DEFAULT_OFFLINE_SIZE, CatalogEntry, catalog_entry

#: The offline model a person without a connection starts with.
OFFLINE_RECOMMENDATION = f"offline-t5-{DEFAULT_OFFLINE_SIZE}"
#: On a CPU: the smallest Spanish sequence-to-sequence model of the catalog.
CPU_RECOMMENDATION = "flax-community/spanish-t5-small"
#: On a GPU, best first: a Spanish summarizer already, then larger Spanish models.
GPU_PREFERENCE = (
    "LeoCordoba/mt5-small-mlsum",
    "vgaraujov/bart-base-spanish",
    "vgaraujov/t5-base-spanish",
    CPU_RECOMMENDATION,
)
#: The decoder-only alternative on a GPU, tuned with LoRA.
GPU_LORA_ALTERNATIVE = "Qwen/Qwen2.5-0.5B-Instruct"
#: Share of the GPU's memory a run may plan to use (the rest: CUDA context, fragmentation).
GPU_MEMORY_MARGIN = 0.8


@dataclass(frozen=True)
class Recommendation:
    """A starting model and why.

    Attributes
    ----------
    choice: what ``load_model`` takes (a hub id or ``"offline-t5-pequeno"``-style text).
    reason: catalog key of the plain-language reason (``recommend.reason.*``).
    use_lora: whether the recommendation is to tune it with LoRA.
    alternatives: other sensible choices, best first (hub ids or offline choices).
    params: values for the reason's message.
    """

    choice: str
    reason: str
    use_lora: bool = False
    alternatives: tuple[str, ...] = ()
    params: dict = field(default_factory=dict)

    @property
    def entry(self) -> CatalogEntry | None:
        return catalog_entry(self.choice)


def _fits(entry: CatalogEntry, memory_gb: float | None, lora: bool) -> bool:
    if memory_gb is None:
        return False
    return entry.memory_gb(lora=lora) <= memory_gb * GPU_MEMORY_MARGIN


def recommend_model(hardware: Hardware, *, online: bool | None = None) -> Recommendation:
    """The model to start with on ``hardware``.

    ``online`` is False when the Hub is known to be out of reach (offline mode, or a download
    that failed for want of a connection); ``None`` (unknown) and True recommend a hub model.
    """
    if online is False:
        return Recommendation(OFFLINE_RECOMMENDATION, "recommend.reason.offline", alternatives=())
    if hardware.device == "cuda":
        memory = hardware.memory_gb
        for model_id in GPU_PREFERENCE:
            entry = catalog_entry(model_id)
            if entry is not None and _fits(entry, memory, lora=False):
                alternatives = [OFFLINE_RECOMMENDATION]
                lora_entry = catalog_entry(GPU_LORA_ALTERNATIVE)
                if lora_entry is not None and _fits(lora_entry, memory, lora=True):
                    alternatives.insert(0, GPU_LORA_ALTERNATIVE)
                return Recommendation(
                    model_id,
                    "recommend.reason.gpu",
                    alternatives=tuple(alternatives),
                    params={"gpu": hardware.name, "memory": memory or 0.0},
                )
        # A small card: the smallest Spanish model, with LoRA.
        return Recommendation(
            CPU_RECOMMENDATION,
            "recommend.reason.small_gpu",
            use_lora=True,
            alternatives=(OFFLINE_RECOMMENDATION,),
            params={"gpu": hardware.name, "memory": memory or 0.0},
        )
    return Recommendation(
        CPU_RECOMMENDATION,
        "recommend.reason.cpu",
        alternatives=(OFFLINE_RECOMMENDATION,),
    )
