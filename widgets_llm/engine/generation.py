"""Writing summaries with a model, with adjustable generation settings."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any, Callable

from .lease import hold_model
from .features import (
    LengthLimits,
    causal_generation_inputs,
    causal_prompt_parts,
    fitted_limits,
    model_inputs,
    readable_texts,
)
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
    copy_from_input: how closely the summary must follow the text's own words.
        0: freely (any token of the vocabulary). 1: only tokens that occur in the text (and
        the end token). n >= 2: moreover every n tokens written in a row occur in that order
        in one sentence of the text, and the summary starts where a sentence of the text
        starts and ends where one ends: it is made of stretches of the text's sentences,
        joined where they share n - 1 tokens. A model trained from random weights on a few
        hundred texts knows too little Spanish to write freely; held to the text's phrases
        it copies and selects, as an extractive summarizer does. The offline model uses it
        by default (see :func:`settings_for`); pretrained models, which can paraphrase, do not.
    """

    max_new_tokens: int = 64
    num_beams: int = 1
    do_sample: bool = False
    temperature: float = 1.0
    no_repeat_ngram_size: int = 3
    repetition_penalty: float = 1.2
    max_input_length: int = 256
    seed: int = 0
    copy_from_input: int = 0

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, values: object) -> "GenerationSettings":
        """Settings from :meth:`to_dict`'s output; unknown keys are ignored, missing ones take
        their defaults (and anything that is not a dict gives the defaults)."""
        if not isinstance(values, dict):
            return cls()
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in values.items() if k in known})


#: ``copy_from_input`` of the offline model: stretches of the text may join only where they
#: share 11 tokens, which in practice means the summary is whole sentences of the text, chosen
#: by the model (measured against shorter joins: see benchmarks/README.md).
OFFLINE_COPY_FROM_INPUT = 12
#: A copied sentence ends where the text's sentence ends; the token limit of the offline
#: model's summaries only guards against a runaway, it must not cut a long sentence short.
OFFLINE_MIN_NEW_TOKENS = 128


def settings_for(bundle: ModelBundle | None, config: Any = None, **values) -> GenerationSettings:
    """The default generation settings of ``bundle``: the one place they are built.

    The offline model copies sentences of its input; other models (and ``bundle=None``) write
    freely.

    Parameters
    ----------
    bundle:
        The model that will write (``None``: no particular model).
    config:
        A :class:`~.config.TrainingConfig`: summaries as long as the model was trained to
        write (``max_new_tokens`` = its ``max_target_length``) from texts cut as in training
        (its ``max_input_length``).
    values:
        Override any field (``max_new_tokens``, ``max_input_length``...); for the offline model
        ``max_new_tokens`` is at least :data:`OFFLINE_MIN_NEW_TOKENS`.
    """
    if config is not None:
        values = {
            "max_new_tokens": config.max_target_length,
            "max_input_length": config.max_input_length,
            **values,
        }
    if bundle is None or bundle.source.kind != "offline":
        return GenerationSettings(**{"copy_from_input": 0, **values})
    settings = GenerationSettings(**{"copy_from_input": OFFLINE_COPY_FROM_INPUT, **values})
    if settings.copy_from_input:
        settings.max_new_tokens = max(settings.max_new_tokens, OFFLINE_MIN_NEW_TOKENS)
    return settings


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
    settings = settings or GenerationSettings()
    texts = [text if isinstance(text, str) else "" for text in texts]
    outputs: list[str] = [""] * len(texts)
    if not texts:
        return outputs
    # The model is used by nothing else meanwhile (a training would have dropout switched off
    # under it); a model busy training says so at once (lease.ModelBusy).
    with hold_model(bundle, "generation"):
        return _generate_held(
            bundle, texts, settings, outputs, batch_size, on_progress, should_stop
        )


def _generate_held(
    bundle: ModelBundle,
    texts: list[str],
    settings: GenerationSettings,
    outputs: list[str],
    batch_size: int,
    on_progress: Callable[[int, int], None] | None,
    should_stop: Callable[[], bool] | None,
) -> list[str]:
    import torch

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
    if settings.copy_from_input:
        options["copy_from_input"] = int(settings.copy_from_input)
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
                    decoded = _generate_seq2seq(
                        bundle, batch_texts, limits.max_input_length, options, device
                    )
                else:
                    decoded = _generate_causal(
                        bundle, batch_texts, limits.max_input_length, options, device
                    )
            if should_stop is not None and should_stop():
                break  # this batch was cut short: its summaries are incomplete, leave them empty
            for i, summary in zip(index, decoded):
                summary = " ".join(summary.split())  # one line: no stray breaks or double spaces
                if settings.copy_from_input >= 2:
                    summary = _without_cut_word(summary, texts[i])
                outputs[i] = summary
            if on_progress is not None:
                on_progress(min(start + batch_size, len(texts)), len(texts))
    return outputs


def _without_cut_word(summary: str, text: str) -> str:
    """``summary`` without a last word cut short by the token limit ("encarg" for "encargado").

    A summary that copies its text is made of the text's words; a last word that is not one
    of them was cut when the summary reached ``max_new_tokens``.
    """
    words = summary.split()
    text_words = set(text.split())
    text_words |= {word.rstrip(_CLOSING_PUNCTUATION) for word in text_words}
    if len(words) > 1 and words[-1] not in text_words:
        return " ".join(words[:-1])
    return summary


_CLOSING_PUNCTUATION = ".,;:!?…»\"')]”’"


def _stop_when_asked(should_stop: Callable[[], bool]):
    import torch
    from transformers import StoppingCriteria, StoppingCriteriaList

    class StopWhenAsked(StoppingCriteria):
        def __call__(self, input_ids, scores, **kwargs):
            return torch.full(
                (input_ids.shape[0],),
                bool(should_stop()),
                dtype=torch.bool,
                device=input_ids.device,
            )

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


class InputPhrasesOnly:
    """A ``LogitsProcessor`` that makes each summary copy its own text (``copy_from_input``).

    With ``n == 1`` a summary may use only the tokens of its text (and the end token). With
    ``n >= 2`` every ``n`` tokens written in a row must occur in that order in one sentence
    of the text; the first token must start a sentence of the text, and the end token may
    come only where a sentence of the text ends. Every other token gets a score of minus
    infinity, so greedy search, beam search and sampling all choose among what the text
    allows. Rows of a beam search (``batch × beams``) map to their text by integer division.

    Parameters
    ----------
    texts: for each text, ``(token ids, indices of the tokens that start a sentence)``.
    n: the ``copy_from_input`` setting (1 or more).
    eos_id: the end token.
    prompt_length: tokens before the first written one in each row of ``input_ids`` (the
        decoder's start token, or a decoder-only model's prompt).
    """

    def __init__(
        self, texts: list[tuple[list[int], list[int]]], n: int, eos_id: int, prompt_length: int
    ):
        self.n = max(1, int(n))
        self.eos_id = eos_id
        self.prompt_length = prompt_length
        self.tables = [self._table(ids, starts) for ids, starts in texts]

    def _table(self, ids: list[int], starts: list[int]):
        if self.n == 1 or not ids:
            return set(ids) | {self.eos_id}, None
        bounds = sorted({0, *(s for s in starts if 0 <= s < len(ids))}) + [len(ids)]
        sentences = [ids[a:b] + [self.eos_id] for a, b in zip(bounds, bounds[1:]) if a < b]
        first = {sentence[0] for sentence in sentences}
        follow: dict[tuple[int, ...], set[int]] = {}
        for sentence in sentences:
            for j in range(1, len(sentence)):
                for k in range(1, min(self.n - 1, j) + 1):
                    follow.setdefault(tuple(sentence[j - k : j]), set()).add(sentence[j])
        return first, follow

    def allowed(self, row_table, written: list[int]) -> set[int]:
        first, follow = row_table
        if follow is None:
            return first
        if not written:
            return first
        if self.eos_id in written:
            return {self.eos_id}  # a finished row: only padding follows
        for k in range(min(self.n - 1, len(written)), 0, -1):
            found = follow.get(tuple(written[-k:]))
            if found:
                return found
        return {self.eos_id}

    def __call__(self, input_ids, scores):
        import torch

        rows_per_text = max(1, scores.shape[0] // max(1, len(self.tables)))
        rows, columns = [], []
        vocab_size = scores.shape[-1]
        for row in range(scores.shape[0]):
            table = self.tables[min(row // rows_per_text, len(self.tables) - 1)]
            written = input_ids[row, self.prompt_length :].tolist()
            for token in self.allowed(table, written):
                if 0 <= token < vocab_size:
                    rows.append(row)
                    columns.append(token)
        mask = torch.full_like(scores, float("-inf"))
        mask[
            torch.tensor(rows, device=scores.device), torch.tensor(columns, device=scores.device)
        ] = 0.0
        return scores + mask


def _sentence_start_chars(text: str) -> list[int]:
    """Where each sentence of ``text`` starts, in characters."""
    from .scoring import split_sentences

    starts, position = [], 0
    for sentence in split_sentences(text):
        # split_sentences joins a sentence's words with single spaces: in a one-line text (see
        # features.readable_texts) the whole sentence is found as it is, never a word of it
        # that also occurs earlier ("La" inside the sentence before).
        found = text.find(sentence, position)
        if found < 0:  # a text with other spacing: its first word, after the previous sentence
            found = text.find(sentence.split()[0], position)
        if found >= 0:
            starts.append(found)
            position = found + max(1, len(sentence) if text.startswith(sentence, found) else 1)
    return starts


def _text_tokens(bundle: ModelBundle, texts: list[str]) -> list[tuple[list[int], list[int]]]:
    """For each text, the ids of its tokens as the model reads them, and where its sentences start.

    The text is tokenized inside the string the model reads (prefix or prompt around it), so a
    word gets the same tokens as in the model's input; only the tokens of the text itself are
    kept. Tokenizers without character offsets (slow ones) give one sentence per text.
    """
    tokenizer = bundle.tokenizer
    texts = readable_texts(bundle, texts)
    before, after = (
        causal_prompt_parts(bundle) if bundle.architecture == "causal" else (bundle.prefix, "")
    )
    fast = bool(getattr(tokenizer, "is_fast", False))
    encoded = tokenizer(
        [before + text + after for text in texts],
        add_special_tokens=False,
        return_offsets_mapping=fast,
    )
    result = []
    for i, text in enumerate(texts):
        ids = list(encoded["input_ids"][i])
        if not fast:
            result.append((ids, [0]))
            continue
        low, high = len(before), len(before) + len(text)
        offsets = encoded["offset_mapping"][i]
        kept = [j for j, (a, b) in enumerate(offsets) if b > low and a < high]
        token_ids = [ids[j] for j in kept]
        starts = []
        for char in _sentence_start_chars(text):
            position = next((k for k, j in enumerate(kept) if offsets[j][1] > low + char), None)
            if position is not None:
                starts.append(position)
        result.append((token_ids, starts or [0]))
    return result


def _readable_part(
    ids: list[int], starts: list[int], max_input_length: int
) -> tuple[list[int], list[int]]:
    """The part of a text the model reads, for copying: whole sentences within its input limit.

    What the model cannot read, it cannot copy; a sentence cut by the limit is left out too
    (a summary copying it would end where the cut is), unless it is the only one.
    """
    if len(ids) <= max_input_length:
        return ids, starts
    last_start = max((s for s in starts if s <= max_input_length), default=0)
    keep = last_start if last_start > 0 else max_input_length
    return ids[:keep], [s for s in starts if s < keep]


def _with_input_restriction(
    options: dict,
    bundle: ModelBundle,
    texts: list[str],
    max_input_length: int,
    input_ids,
    attention_mask,
    *,
    prompt_length: int,
) -> dict:
    """``options`` for ``generate``, with :class:`InputPhrasesOnly` when ``copy_from_input``
    asks."""
    options = dict(options)
    n = options.pop("copy_from_input", 0)
    if not n:
        return options
    from transformers import LogitsProcessorList

    eos = options.get("eos_token_id")
    eos_id = eos[0] if isinstance(eos, list) else eos
    rows = [
        _readable_part(ids, starts, max_input_length) for ids, starts in _text_tokens(bundle, texts)
    ]
    options["logits_processor"] = LogitsProcessorList(
        [InputPhrasesOnly(rows, n, eos_id, prompt_length)]
    )
    return options


def _generate_seq2seq(
    bundle: ModelBundle, texts: list[str], max_input_length: int, options: dict, device
) -> list[str]:
    tokenizer = bundle.tokenizer
    encoded = tokenizer(
        model_inputs(bundle, texts),
        max_length=max_input_length,
        truncation=True,
        padding=True,
        return_tensors="pt",
    )
    encoded.pop("token_type_ids", None)  # some tokenizers add it; encoder-decoder models refuse it
    options = _with_input_restriction(
        options,
        bundle,
        texts,
        max_input_length,
        encoded["input_ids"],
        encoded["attention_mask"],
        prompt_length=1,
    )
    generated = bundle.model.generate(**encoded.to(device), **options)
    return tokenizer.batch_decode(generated, skip_special_tokens=True)


def _generate_causal(
    bundle: ModelBundle, texts: list[str], max_input_length: int, options: dict, device
) -> list[str]:
    import torch

    tokenizer = bundle.tokenizer
    rows = causal_generation_inputs(bundle, texts, max_input_length)
    width = max(len(r) for r in rows)
    pad = options["pad_token_id"] if options["pad_token_id"] is not None else 0
    # Decoder-only models continue the prompt: pad on the left so every prompt ends at the edge.
    input_ids = torch.tensor([[pad] * (width - len(r)) + r for r in rows], device=device)
    attention = torch.tensor([[0] * (width - len(r)) + [1] * len(r) for r in rows], device=device)
    options = _with_input_restriction(
        options, bundle, texts, max_input_length, input_ids, attention, prompt_length=width
    )
    generated = bundle.model.generate(input_ids=input_ids, attention_mask=attention, **options)
    return tokenizer.batch_decode(generated[:, width:], skip_special_tokens=True)


def summarize(bundle: ModelBundle, text: str, settings: GenerationSettings | None = None) -> str:
    """One summary of one text."""
    return generate_summaries(bundle, [text], settings)[0]
