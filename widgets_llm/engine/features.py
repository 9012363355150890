"""Turning (text, summary) pairs into model inputs.

Tokenization runs with fast tokenizers through batched ``datasets.map``; padding is left to
the data collator (dynamic: each batch is padded to its own longest example), and every
example records its ``length`` so the Trainer can group similar lengths without re-tokenizing.

Seq2seq models read ``prefix + text`` and learn the summary tokens. Decoder-only models read a
prompt (``"Texto: {text}\nResumen:"``, or the model's own chat template when it has one) and
learn only the summary tokens after it: the prompt's labels are :data:`IGNORE_INDEX`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from .models import CAUSAL_PROMPT_TEMPLATE, CAUSAL_SUMMARY_SEPARATOR, ModelBundle

logger = logging.getLogger(__name__)

#: Label value ignored by the loss (prompt tokens and padding).
IGNORE_INDEX = -100
#: The fewest tokens of the person's text a decoder-only prompt must keep: below this the
#: model would be trained on its instructions alone.
MIN_TEXT_TOKENS = 16


@dataclass(frozen=True)
class LengthLimits:
    """Maximum lengths in tokens: longer texts and summaries are truncated."""

    max_input_length: int = 256
    max_target_length: int = 64


#: What a chat model is asked before the text (decoder-only models with a chat template).
CHAT_INSTRUCTION = "Resume el siguiente texto.\n\n"
_TEXT_SLOT = "\u0000TEXTO\u0000"


def causal_prompt_parts(bundle: ModelBundle) -> tuple[str, str]:
    """The words around the text in a decoder-only prompt: ``before + text + after``.

    Models whose tokenizer has a chat template (instruction-tuned models such as Qwen or
    SmolLM2) get the text as a user message and write the summary as the assistant's answer,
    the format they were trained on. Other decoder-only models (GPT-2, the offline model) get
    the plain template ``"Texto: {text}\\nResumen:"``.
    """
    tokenizer = bundle.tokenizer
    if getattr(tokenizer, "chat_template", None):
        try:
            rendered = tokenizer.apply_chat_template(
                [{"role": "user", "content": CHAT_INSTRUCTION + _TEXT_SLOT}],
                tokenize=False,
                add_generation_prompt=True,
                enable_thinking=False,  # Qwen3: answer directly, no reasoning block
            )
        except Exception:  # a template that wants other roles or fields: use the plain one
            logger.info(
                "the chat template cannot render the instruction; using the plain prompt",
                exc_info=True,
            )
            rendered = ""
        if isinstance(rendered, str) and rendered.count(_TEXT_SLOT) == 1:
            before, after = rendered.split(_TEXT_SLOT)
            return before, after
    before, after = CAUSAL_PROMPT_TEMPLATE.split("{text}")
    return before, after


def _summary_separator(bundle: ModelBundle) -> str:
    # "Resumen:" wants a space before the summary; a chat answer starts right after its header.
    plain = tuple(CAUSAL_PROMPT_TEMPLATE.split("{text}"))
    return CAUSAL_SUMMARY_SEPARATOR if causal_prompt_parts(bundle) == plain else ""


def fitted_limits(bundle: ModelBundle, limits: LengthLimits) -> LengthLimits:
    """``limits`` reduced to what the model can read at all.

    Models with a table of learned positions (GPT-2, BART: 1024 tokens) fail on longer
    sequences; a decoder-only model reads prompt and summary as one sequence, so both must fit
    together. T5 has no such table and keeps the limits as they are.
    """
    config = getattr(bundle.model, "config", None)
    positions = getattr(config, "max_position_embeddings", None) or getattr(
        config, "n_positions", None
    )
    if not isinstance(positions, int) or positions <= 0:
        return limits
    if bundle.architecture == "causal":
        target = max(1, min(limits.max_target_length, positions // 2))
        return LengthLimits(max(1, min(limits.max_input_length, positions - target)), target)
    return LengthLimits(
        min(limits.max_input_length, positions), min(limits.max_target_length, positions)
    )


def _bos_ids(tokenizer, prompt_start: str) -> list[int]:
    bos_id = tokenizer.bos_token_id
    if bos_id is None or bos_id == tokenizer.eos_token_id:
        return []
    if tokenizer.bos_token and prompt_start.startswith(tokenizer.bos_token):
        return []  # the chat template already writes it
    return [bos_id]


def readable_texts(bundle: ModelBundle, texts: list[str]) -> list[str]:
    """``texts`` as the model reads them: the offline model reads each text as one line.

    Its tokenizer splits words at spaces only, so a line break would glue the end of one
    sentence to the start of the next (".\nDeben" as one piece); the warm-up's sentences have
    no line breaks either. Pretrained models read the text as it is.
    """
    if bundle.source.kind != "offline":
        return list(texts)
    return [" ".join(text.split()) for text in texts]


def model_inputs(bundle: ModelBundle, texts: list[str]) -> list[str]:
    """The strings the model reads for ``texts`` (prefix for seq2seq, prompt for causal)."""
    texts = readable_texts(bundle, texts)
    if bundle.architecture == "causal":
        before, after = causal_prompt_parts(bundle)
        return [before + text + after for text in texts]
    return [bundle.prefix + text for text in texts]


def tokenize_batch(
    batch: dict[str, list[str]], bundle: ModelBundle, limits: LengthLimits
) -> dict[str, Any]:
    """Tokenize one batch of pairs (the function given to ``datasets.map``)."""
    tokenizer = bundle.tokenizer
    limits = fitted_limits(bundle, limits)
    if bundle.architecture == "seq2seq":
        sources = model_inputs(bundle, batch["text"])
        encoded = tokenizer(sources, max_length=limits.max_input_length, truncation=True)
        labels = tokenizer(
            text_target=batch["summary"], max_length=limits.max_target_length, truncation=True
        )
        encoded["labels"] = labels["input_ids"]
        encoded["length"] = [len(ids) for ids in encoded["input_ids"]]
        return encoded
    return _tokenize_causal(bundle, batch["text"], batch["summary"], limits)


def _tokenize_causal(
    bundle: ModelBundle, texts: list[str], summaries: list[str], limits: LengthLimits
) -> dict[str, Any]:
    # Prompt and summary are tokenized apart so that the loss can skip the prompt: the model
    # is taught to write the summary, not to copy the text.
    tokenizer = bundle.tokenizer
    prompt_ids = causal_generation_inputs(bundle, texts, limits.max_input_length)
    separator = _summary_separator(bundle)
    summary_ids = tokenizer(
        [separator + s for s in summaries],
        add_special_tokens=False,
        max_length=max(1, limits.max_target_length - 1),
        truncation=True,
    )["input_ids"]
    eos = [tokenizer.eos_token_id]
    input_ids, labels = [], []
    for prompt, summary in zip(prompt_ids, summary_ids):
        target = list(summary) + eos
        input_ids.append(prompt + target)
        labels.append([IGNORE_INDEX] * len(prompt) + target)
    return {
        "input_ids": input_ids,
        "attention_mask": [[1] * len(ids) for ids in input_ids],
        "labels": labels,
        "length": [len(ids) for ids in input_ids],
    }


def causal_generation_inputs(
    bundle: ModelBundle, texts: list[str], max_input_length: int
) -> list[list[int]]:
    """Token ids of the prompts a decoder-only model reads (for training and for generation).

    A prompt longer than ``max_input_length`` tokens loses the end of its *text*, never the
    words after it ("Resumen:" or the chat template's answer header): without them the model
    would go on writing the text instead of its summary.
    """
    tokenizer = bundle.tokenizer
    texts = readable_texts(bundle, texts)
    before, after = causal_prompt_parts(bundle)
    bos = _bos_ids(tokenizer, before)
    budget = max(1, max_input_length - len(bos))
    template = len(tokenizer(before + after, add_special_tokens=False)["input_ids"])
    if budget - template < MIN_TEXT_TOKENS:
        # A chat template longer than the limit would be cut into, and the text dropped.
        from ..errors import ConfigError

        raise ConfigError(
            "config.prompt_leaves_no_text",
            limit=max_input_length,
            template=template + len(bos),
            needed=template + len(bos) + 4 * MIN_TEXT_TOKENS,
        )
    rows = [
        list(r)
        for r in tokenizer([before + text + after for text in texts], add_special_tokens=False)[
            "input_ids"
        ]
    ]
    too_long = [i for i, row in enumerate(rows) if len(row) > budget]
    if too_long:
        shortened = _shorten_prompts([texts[i] for i in too_long], before, after, tokenizer, budget)
        for i, row in zip(too_long, shortened):
            rows[i] = row
    return [bos + row for row in rows]


def _shorten_prompts(
    texts: list[str], before: str, after: str, tokenizer, budget: int
) -> list[list[int]]:
    """Prompts of at most ``budget`` tokens, cutting the end of each text.

    The text is cut at a token boundary (from the tokenizer's character offsets) and the
    whole prompt tokenized again, so that a cut prompt is tokenized exactly like a short one.
    """
    after_ids = list(tokenizer(after, add_special_tokens=False)["input_ids"]) if after else []
    keep = [budget - len(after_ids)] * len(texts)  # tokens of before + text to keep
    rows: list[list[int]] = [[] for _ in texts]
    pending = list(range(len(texts)))
    for _ in range(4):  # retokenizing at the cut can add a token or two: try again shorter
        if not pending or not getattr(tokenizer, "is_fast", False):
            break
        heads = tokenizer(
            [before + texts[i] for i in pending],
            add_special_tokens=False,
            return_offsets_mapping=True,
        )
        cut_texts = []
        for j, i in enumerate(pending):
            offsets = heads["offset_mapping"][j]
            n = max(0, min(keep[i], len(offsets)))
            cut_char = offsets[n - 1][1] if n else 0
            cut_texts.append(texts[i][: max(0, cut_char - len(before))])
        retokenized = tokenizer([before + c + after for c in cut_texts], add_special_tokens=False)[
            "input_ids"
        ]
        still = []
        for j, i in enumerate(pending):
            rows[i] = list(retokenized[j])
            if len(rows[i]) > budget:
                keep[i] -= len(rows[i]) - budget
                still.append(i)
        pending = still
    for i in pending:  # slow tokenizer, or a prompt template longer than the budget
        head_ids = list(tokenizer(before + texts[i], add_special_tokens=False)["input_ids"])
        rows[i] = (head_ids[: max(0, budget - len(after_ids))] + after_ids)[-budget:]
    return rows


def tokenize_splits(
    splits, bundle: ModelBundle, limits: LengthLimits, *, num_proc: int | None = None
):
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
    return DataCollatorForSeq2Seq(
        bundle.tokenizer, model=model, label_pad_token_id=IGNORE_INDEX, pad_to_multiple_of=None
    )
