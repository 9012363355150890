"""Writing summaries with a model, with adjustable generation settings."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Callable

from .features import causal_generation_inputs, model_inputs
from .models import ModelBundle


@dataclass
class GenerationSettings:
    """How summaries are written.

    Attributes
    ----------
    max_new_tokens: longest summary, in tokens.
    num_beams: beams searched (1 = greedy; 4 gives steadier summaries, slower).
    do_sample: pick words at random by their probability instead of the most likely one.
    temperature: with sampling, above 1 more varied, below 1 more conservative.
    no_repeat_ngram_size: forbid repeating any group of this many tokens (0 = allowed).
    max_input_length: texts longer than this many tokens are cut.
    seed: fixes randomness when sampling.
    """

    max_new_tokens: int = 64
    num_beams: int = 1
    do_sample: bool = False
    temperature: float = 1.0
    no_repeat_ngram_size: int = 3
    max_input_length: int = 256
    seed: int = 0

    def to_dict(self) -> dict:
        return asdict(self)


def generate_summaries(
    bundle: ModelBundle,
    texts: list[str],
    settings: GenerationSettings | None = None,
    *,
    batch_size: int = 16,
    on_progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> list[str]:
    """Summaries of ``texts`` written by ``bundle``'s model, in order.

    ``on_progress(done, total)`` is called after each batch; ``should_stop()`` returning True
    ends early (the summaries not written are returned as empty strings).
    """
    import torch

    settings = settings or GenerationSettings()
    model = bundle.model
    model.eval()  # dropout off: the same text always gives the same summary
    device = next(model.parameters()).device
    tokenizer = bundle.tokenizer
    outputs: list[str] = [""] * len(texts)
    options = dict(
        max_new_tokens=settings.max_new_tokens,
        num_beams=settings.num_beams,
        do_sample=settings.do_sample,
        no_repeat_ngram_size=settings.no_repeat_ngram_size or 0,
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.eos_token_id,
    )
    if settings.do_sample:
        options["temperature"] = max(1e-3, settings.temperature)
        torch.manual_seed(settings.seed)
    # Sort by length so each batch pads little; results go back in the caller's order.
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    for start in range(0, len(order), batch_size):
        if should_stop is not None and should_stop():
            break
        index = order[start : start + batch_size]
        batch_texts = [texts[i] for i in index]
        with torch.inference_mode():
            if bundle.architecture == "seq2seq":
                encoded = tokenizer(
                    model_inputs(bundle, batch_texts),
                    max_length=settings.max_input_length,
                    truncation=True,
                    padding=True,
                    return_tensors="pt",
                ).to(device)
                generated = model.generate(**encoded, **options)
                decoded = tokenizer.batch_decode(generated, skip_special_tokens=True)
            else:
                decoded = _generate_causal(bundle, batch_texts, settings, options, device)
        for i, summary in zip(index, decoded):
            outputs[i] = summary.strip()
        if on_progress is not None:
            on_progress(min(start + batch_size, len(texts)), len(texts))
    return outputs


def _generate_causal(bundle: ModelBundle, texts: list[str], settings: GenerationSettings, options: dict, device) -> list[str]:
    import torch

    tokenizer = bundle.tokenizer
    rows = causal_generation_inputs(bundle, texts, settings.max_input_length)
    width = max(len(r) for r in rows)
    pad = tokenizer.pad_token_id
    # Decoder-only models continue the prompt: pad on the left so every prompt ends at the edge.
    input_ids = torch.tensor([[pad] * (width - len(r)) + r for r in rows], device=device)
    attention = torch.tensor([[0] * (width - len(r)) + [1] * len(r) for r in rows], device=device)
    generated = bundle.model.generate(input_ids=input_ids, attention_mask=attention, **options)
    return tokenizer.batch_decode(generated[:, width:], skip_special_tokens=True)


def summarize(bundle: ModelBundle, text: str, settings: GenerationSettings | None = None) -> str:
    """One summary of one text."""
    return generate_summaries(bundle, [text], settings)[0]
