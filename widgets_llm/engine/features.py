"""Turning (text, summary) pairs into model inputs.

Tokenization runs with fast tokenizers through batched ``datasets.map``; padding is left to
the data collator (dynamic: each batch is padded to its own longest example), and every
example records its ``length`` so the Trainer can group similar lengths without re-tokenizing.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .models import CAUSAL_SUMMARY_SEPARATOR, ModelBundle, causal_prompt

#: Label value ignored by the loss (prompt tokens and padding).
IGNORE_INDEX = -100


@dataclass(frozen=True)
class LengthLimits:
    """Maximum lengths in tokens: longer texts and summaries are truncated."""

    max_input_length: int = 256
    max_target_length: int = 64


def model_inputs(bundle: ModelBundle, texts: list[str]) -> list[str]:
    """The strings the model reads for ``texts`` (prefix for seq2seq, prompt for causal)."""
    if bundle.architecture == "causal":
        return [causal_prompt(text) for text in texts]
    return [bundle.prefix + text for text in texts]


def tokenize_batch(batch: dict[str, list[str]], bundle: ModelBundle, limits: LengthLimits) -> dict[str, Any]:
    """Tokenize one batch of pairs (the function given to ``datasets.map``)."""
    tokenizer = bundle.tokenizer
    sources = model_inputs(bundle, batch["text"])
    if bundle.architecture == "seq2seq":
        encoded = tokenizer(sources, max_length=limits.max_input_length, truncation=True)
        labels = tokenizer(text_target=batch["summary"], max_length=limits.max_target_length, truncation=True)
        encoded["labels"] = labels["input_ids"]
        encoded["length"] = [len(ids) for ids in encoded["input_ids"]]
        return encoded
    return _tokenize_causal(sources, batch["summary"], tokenizer, limits)


def _tokenize_causal(prompts: list[str], summaries: list[str], tokenizer, limits: LengthLimits) -> dict[str, Any]:
    # Prompt and summary are tokenized apart so that the loss can skip the prompt: the model
    # is taught to write the summary, not to copy the text.
    prompt_ids = tokenizer(prompts, add_special_tokens=False, max_length=limits.max_input_length, truncation=True)["input_ids"]
    summary_ids = tokenizer(
        [CAUSAL_SUMMARY_SEPARATOR + s for s in summaries],
        add_special_tokens=False,
        max_length=max(1, limits.max_target_length - 1),
        truncation=True,
    )["input_ids"]
    bos = [tokenizer.bos_token_id] if tokenizer.bos_token_id is not None and tokenizer.bos_token_id != tokenizer.eos_token_id else []
    eos = [tokenizer.eos_token_id]
    input_ids, labels = [], []
    for prompt, summary in zip(prompt_ids, summary_ids):
        prefix = bos + prompt
        target = summary + eos
        input_ids.append(prefix + target)
        labels.append([IGNORE_INDEX] * len(prefix) + target)
    return {
        "input_ids": input_ids,
        "attention_mask": [[1] * len(ids) for ids in input_ids],
        "labels": labels,
        "length": [len(ids) for ids in input_ids],
    }


def causal_generation_inputs(bundle: ModelBundle, texts: list[str], max_input_length: int) -> list[list[int]]:
    """Token ids of the prompts given to a decoder-only model at generation time."""
    tokenizer = bundle.tokenizer
    ids = tokenizer(model_inputs(bundle, texts), add_special_tokens=False, max_length=max_input_length, truncation=True)["input_ids"]
    bos = [tokenizer.bos_token_id] if tokenizer.bos_token_id is not None and tokenizer.bos_token_id != tokenizer.eos_token_id else []
    return [bos + row for row in ids]


def tokenize_splits(splits, bundle: ModelBundle, limits: LengthLimits, *, num_proc: int | None = None):
    """Tokenize every split of a ``DatasetDict`` with columns ``text`` and ``summary``."""
    return splits.map(
        tokenize_batch,
        batched=True,
        batch_size=1000,
        fn_kwargs={"bundle": bundle, "limits": limits},
        remove_columns=["text", "summary"],
        num_proc=num_proc,
        load_from_cache_file=False,
        desc=None,
    )


def data_collator(bundle: ModelBundle):
    """Pads each batch to its own longest example; labels are padded with the ignore index."""
    from transformers import DataCollatorForSeq2Seq

    model = bundle.model if bundle.architecture == "seq2seq" else None
    return DataCollatorForSeq2Seq(bundle.tokenizer, model=model, label_pad_token_id=IGNORE_INDEX, pad_to_multiple_of=None)
