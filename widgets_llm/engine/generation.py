"""Writing summaries with a model, with adjustable generation settings."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Callable

from .features import LengthLimits, causal_generation_inputs, fitted_limits, model_inputs
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
    repetition_penalty: above 1, words already written become less likely (1 = no penalty).
    max_input_length: texts longer than this many tokens are cut.
    seed: fixes randomness when sampling.
    """

    max_new_tokens: int = 64
    num_beams: int = 1
    do_sample: bool = False
    temperature: float = 1.0
    no_repeat_ngram_size: int = 3
    repetition_penalty: float = 1.2
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
    texts = [text if isinstance(text, str) else "" for text in texts]
    outputs: list[str] = [""] * len(texts)
    if not texts:
        return outputs
    model = bundle.model
    model.eval()  # dropout off: the same text always gives the same summary
    device = next(model.parameters()).device
    limits = fitted_limits(bundle, LengthLimits(settings.max_input_length, settings.max_new_tokens))
    options = dict(
        max_new_tokens=limits.max_target_length,
        num_beams=max(1, settings.num_beams),
        do_sample=settings.do_sample,
        no_repeat_ngram_size=settings.no_repeat_ngram_size or 0,
        repetition_penalty=settings.repetition_penalty or 1.0,
        pad_token_id=_pad_id(bundle),
        eos_token_id=_eos_ids(bundle),
    )
    if settings.do_sample:
        options["temperature"] = max(1e-3, settings.temperature)
    if should_stop is not None:
        # Checked at every generated token, so a cancel stops a long summary too, not only
        # between batches.
        options["stopping_criteria"] = _stop_when_asked(should_stop)
    # Sort by length so each batch pads little; results go back in the caller's order.
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    # Sampling draws from its own copy of the random state: the seed gives the same summaries
    # every time without changing the randomness of anything else (training, shuffling).
    devices = [device] if device.type == "cuda" else []
    with torch.random.fork_rng(devices=devices, enabled=settings.do_sample):
        if settings.do_sample:
            torch.manual_seed(settings.seed)
        for start in range(0, len(order), batch_size):
            if should_stop is not None and should_stop():
                break
            index = order[start : start + batch_size]
            batch_texts = [texts[i] for i in index]
            with torch.inference_mode():
                if bundle.architecture == "seq2seq":
                    decoded = _generate_seq2seq(bundle, batch_texts, limits.max_input_length, options, device)
                else:
                    decoded = _generate_causal(bundle, batch_texts, limits.max_input_length, options, device)
            if should_stop is not None and should_stop():
                break  # this batch was cut short: its summaries are incomplete, leave them empty
            for i, summary in zip(index, decoded):
                outputs[i] = " ".join(summary.split())  # one line: no stray breaks or double spaces
            if on_progress is not None:
                on_progress(min(start + batch_size, len(texts)), len(texts))
    return outputs


def _stop_when_asked(should_stop: Callable[[], bool]):
    import torch
    from transformers import StoppingCriteria, StoppingCriteriaList

    class StopWhenAsked(StoppingCriteria):
        def __call__(self, input_ids, scores, **kwargs):
            return torch.full((input_ids.shape[0],), bool(should_stop()), dtype=torch.bool, device=input_ids.device)

    return StoppingCriteriaList([StopWhenAsked()])


def _pad_id(bundle: ModelBundle) -> int | None:
    pad = bundle.tokenizer.pad_token_id
    if pad is None:
        pad = getattr(bundle.model.generation_config, "pad_token_id", None)
    return pad


def _as_list(value) -> list:
    return value if isinstance(value, list) else ([] if value is None else [value])


def _eos_ids(bundle: ModelBundle) -> int | list[int] | None:
    # The tokenizer's end token (what fine-tuning teaches) and any the checkpoint declares
    # (chat models stop at "<|im_end|>" as well as "<|endoftext|>").
    declared = _as_list(getattr(bundle.model.generation_config, "eos_token_id", None))
    ids = [bundle.tokenizer.eos_token_id] + declared
    unique = [i for n, i in enumerate(ids) if i is not None and i not in ids[:n]]
    if not unique:
        return None
    return unique[0] if len(unique) == 1 else unique


def _generate_seq2seq(bundle: ModelBundle, texts: list[str], max_input_length: int, options: dict, device) -> list[str]:
    tokenizer = bundle.tokenizer
    encoded = tokenizer(
        model_inputs(bundle, texts),
        max_length=max_input_length,
        truncation=True,
        padding=True,
        return_tensors="pt",
    )
    encoded.pop("token_type_ids", None)  # some tokenizers add it; encoder-decoder models refuse it
    generated = bundle.model.generate(**encoded.to(device), **options)
    return tokenizer.batch_decode(generated, skip_special_tokens=True)


def _generate_causal(bundle: ModelBundle, texts: list[str], max_input_length: int, options: dict, device) -> list[str]:
    import torch

    tokenizer = bundle.tokenizer
    rows = causal_generation_inputs(bundle, texts, max_input_length)
    width = max(len(r) for r in rows)
    pad = options["pad_token_id"] if options["pad_token_id"] is not None else 0
    # Decoder-only models continue the prompt: pad on the left so every prompt ends at the edge.
    input_ids = torch.tensor([[pad] * (width - len(r)) + r for r in rows], device=device)
    attention = torch.tensor([[0] * (width - len(r)) + [1] * len(r) for r in rows], device=device)
    generated = bundle.model.generate(input_ids=input_ids, attention_mask=attention, **options)
    return tokenizer.batch_decode(generated[:, width:], skip_special_tokens=True)


def summarize(bundle: ModelBundle, text: str, settings: GenerationSettings | None = None) -> str:
    """One summary of one text."""
    return generate_summaries(bundle, [text], settings)[0]
