"""The warm-up: teaching a model to read and copy Spanish from plain texts, before fine-tuning.

A model trained from random weights on a few dozen text/summary pairs cannot learn the
language *and* the task: it ends up writing one memorised string for every text. The texts
themselves, without summaries, are data for learning both: sliding windows of sentences give
thousands of self-supervised examples whose targets are real sentences of the text
(PEGASUS's gap-sentence generation, lead-sentence prediction, BART-style denoising). The
examples come in a *copy-first curriculum*: first the model copies short spans exactly (it
learns to read the encoder), then it selects and reconstructs sentences.

Kinds of example (:data:`EXAMPLE_KINDS`):

``copy``
    A sentence (or two short ones) in, the same words out.
``shuffle``
    The words of a sentence in a random order in, the same sequence out. A new order is drawn
    every time, so the model cannot learn the answers by heart: the only way to get them
    right is to read the input and copy it. Without these, a small model memorises the
    hundred texts' sentences (its warm-up loss falls) and still cannot copy a new text.
``denoise``
    A sentence with a few spans of words deleted in, the whole sentence out.
``lead``
    A window of several sentences in, its first sentence out (what the lead baseline does).
    Half of the windows are consecutive sentences of one text; the other half are sentences
    drawn at random from all the texts, a new draw every time (again: nothing to memorise).
``principal``
    A window in, its *principal* sentence out: the one that shares most words with the rest
    of the window. Half of the time it stays in the input (the model learns to find and copy
    it), half of the time it is removed (the model learns to write it from its context).

:func:`plan_warmup` chooses how many examples of each kind and how many steps from the size of
the data, and says so in a :class:`WarmupPlan` a person can read; :func:`warmup_examples`
builds the ordered examples the run trains on; :func:`load_plain_texts` reads further plain
texts (no summaries needed) from a .txt file, a table column, a folder or a .docx file.

Standard library only at import time: the module is cheap to import.
"""

from __future__ import annotations

import math
import random
import re
import zipfile
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from ..errors import DataError
from ..messages import t
from .config import WARMUP_CHOICES
from .scoring import rouge_tokenize, split_sentences

__all__ = [
    "EXAMPLE_KINDS",
    "WARMUP_CHOICES",
    "WarmupExample",
    "WarmupPlan",
    "text_sentences",
    "generate_examples",
    "principal_sentence_index",
    "plan_warmup",
    "warmup_examples",
    "warmup_enabled",
    "load_plain_texts",
    "split_sentences",
]

#: The kinds of warm-up example, in curriculum order.
EXAMPLE_KINDS = ("copy", "shuffle", "denoise", "lead", "principal")
#: The kinds of the copy-first phase.
COPY_KINDS = ("copy", "shuffle", "denoise")

#: Share of each kind after the copy-first phase (renormalised over the kinds the texts allow).
MIX = {"copy": 0.1, "shuffle": 0.2, "denoise": 0.15, "lead": 0.35, "principal": 0.2}
#: Share of the lead examples whose window is made of sentences drawn at random from all texts.
MIXED_LEAD_SHARE = 0.5
#: Share of the warm-up steps spent on exact copies and denoising only, before any selection.
COPY_FIRST_SHARE = 0.2
#: Chance that a principal sentence stays in its window (the model must find and copy it).
PRINCIPAL_KEPT = 0.5
#: Share of words a denoising example loses, in spans of one to three words.
DENOISE_DROP = 0.2
#: Sentences shorter than this (in words) are never a target: "Fin." teaches nothing.
MIN_TARGET_WORDS = 5
#: Window sizes, in sentences, for lead and principal examples.
WINDOW_SIZES = (2, 3, 4, 6, 9)
#: Passes over the distinct examples the data allows, when choosing the number of steps.
PASSES = 2.0
#: Fewest warm-up steps worth running when it is on (below this the model learns nothing).
MIN_STEPS = 20
#: Most warm-up steps by offline model size: for the default size about seven minutes of
#: warm-up on a 2-core CPU (measured: see benchmarks/README.md); "mini" is for a first try in
#: seconds, so its warm-up stays short. Other models use the default.
MAX_STEPS_BY_SIZE = {"mini": 150, "pequeno": 2400, "mediano": 1200}
MAX_STEPS_DEFAULT = 2000
#: Learning rate of the warm-up of a model trained from random weights; a pretrained model
#: warms up at its run's own learning rate.
OFFLINE_LEARNING_RATE = 2e-3
#: With ``max_steps`` set (a short, fixed run), the warm-up takes at most this share of it.
SHARE_OF_FIXED_STEPS = 0.5
#: Warm-up examples replayed during fine-tuning, per training pair (lead and principal kinds):
#: a few dozen abstractive summaries otherwise make the small model forget how to choose the
#: sentence to copy (rehearsal, as in continual learning).
REHEARSAL_PER_PAIR = 1.0
#: Kinds replayed during fine-tuning.
REHEARSAL_KINDS = ("lead", "principal")


# --------------------------------------------------------------------------- examples


@dataclass(frozen=True)
class WarmupExample:
    """One self-supervised example: ``text`` is what the model reads, ``summary`` what it writes.

    ``summary`` is always one or two real sentences of the source text, word for word.
    """

    kind: str
    text: str
    summary: str


def text_sentences(text: str) -> list[str]:
    """The sentences of a text (Spanish-aware: abbreviations, numbers, ¿…? and ¡…!, quotes)."""
    return split_sentences(text or "")


def _words(text: str) -> int:
    return len(text.split())


def principal_sentence_index(sentences: Sequence[str]) -> int:
    """Index of the sentence that shares most words with the rest (PEGASUS's "principal" one).

    Each sentence is scored by the unigram F1 between its words and the words of all the
    other sentences (ROUGE-1 against the rest, "independent, original" in PEGASUS); ties go to
    the earlier sentence. Sentences too short to be a target are never chosen, unless all are.
    """
    bags = [Counter(rouge_tokenize(s)) for s in sentences]
    total = sum(bags, Counter())
    best, best_score = 0, -1.0
    for i, bag in enumerate(bags):
        if sum(bag.values()) < MIN_TARGET_WORDS and any(
            sum(b.values()) >= MIN_TARGET_WORDS for b in bags
        ):
            continue
        rest = total - bag
        overlap = sum((bag & rest).values())
        size, rest_size = sum(bag.values()), sum(rest.values())
        score = 0.0 if not overlap else 2 * overlap / (size + rest_size)
        if score > best_score:
            best, best_score = i, score
    return best


def _denoised(sentence: str, rng: random.Random) -> str:
    """``sentence`` with spans of one to three words deleted (about :data:`DENOISE_DROP` of
    them)."""
    words = sentence.split()
    kept: list[str] = []
    i = 0
    while i < len(words):
        if i > 0 and rng.random() < DENOISE_DROP / 2:
            i += rng.randint(1, 3)  # a deleted span; the first word always stays
            continue
        kept.append(words[i])
        i += 1
    if len(kept) == len(words) and len(words) > 2:  # nothing deleted: delete one word
        del kept[rng.randrange(1, len(kept))]
    return " ".join(kept)


def generate_examples(
    texts: Iterable[str],
    *,
    max_input_words: int = 170,
    max_target_words: int = 40,
    seed: int = 0,
) -> dict[str, list[WarmupExample]]:
    """Every distinct warm-up example ``texts`` allow, by kind.

    Parameters
    ----------
    texts:
        Plain texts (the training texts and any extra ones); summaries are not needed.
    max_input_words, max_target_words:
        Longest input and target, in words (windows grow while they fit).
    seed:
        Fixes the deletions of the denoising examples and the kept/removed choice of the
        principal examples.

    Returns
    -------
    dict
        ``{kind: [WarmupExample, ...]}`` for every kind of :data:`EXAMPLE_KINDS` (a list may be
        empty: texts of one sentence give no lead or principal examples).
    """
    rng = random.Random(seed)
    pool: dict[str, list[WarmupExample]] = {kind: [] for kind in EXAMPLE_KINDS}
    seen: set[tuple[str, str, str]] = set()

    def add(kind: str, source: str, target: str) -> None:
        key = (kind, source, target)
        if key not in seen:
            seen.add(key)
            pool[kind].append(WarmupExample(kind, source, target))

    for text in texts:
        if not isinstance(text, str):
            continue
        sentences = [s for s in text_sentences(text) if _words(s) <= max_input_words]
        targets = [MIN_TARGET_WORDS <= _words(s) <= max_target_words for s in sentences]
        for i, sentence in enumerate(sentences):
            if not targets[i]:
                continue
            add("copy", sentence, sentence)
            add("shuffle", sentence, sentence)  # a template: its words are shuffled when drawn
            add("denoise", _denoised(sentence, rng), sentence)
            if (
                i + 1 < len(sentences)
                and _words(sentence) + _words(sentences[i + 1]) <= max_target_words
            ):
                pair = f"{sentence} {sentences[i + 1]}"
                add("copy", pair, pair)
                add("denoise", _denoised(pair, rng), pair)
        for start in range(len(sentences)):
            for size in WINDOW_SIZES:
                window = sentences[start : start + size]
                if len(window) < size or sum(_words(s) for s in window) > max_input_words:
                    break
                if targets[start]:
                    add("lead", " ".join(window), window[0])
                if len(window) >= 3:
                    p = principal_sentence_index(window)
                    if targets[start + p]:
                        if rng.random() < PRINCIPAL_KEPT:
                            source = " ".join(window)
                        else:
                            source = " ".join(window[:p] + window[p + 1 :])
                        add("principal", source, window[p])
    return pool


# --------------------------------------------------------------------------- the plan


@dataclass
class WarmupPlan:
    """What the warm-up will do, chosen by the engine from the data; shown to the person.

    Attributes
    ----------
    enabled: whether the run warms up before fine-tuning.
    reason: catalog key saying why it is on or off.
    texts, sentences: plain texts and sentences the examples come from.
    available: distinct examples the texts allow, by kind.
    examples: examples the warm-up trains on, by kind (some are seen more than once).
    steps: warm-up steps (optimizer updates).
    copy_first_steps: the first steps, which train on copies and denoising only.
    batch_size, learning_rate: of the warm-up.
    seconds_per_step: measured cost of one step, when known
        (see :func:`estimate.estimate_training`).
    rehearsal: warm-up examples mixed into the fine-tuning data (0 for none).
    """

    enabled: bool
    reason: str
    texts: int = 0
    sentences: int = 0
    available: dict[str, int] = field(default_factory=dict)
    examples: dict[str, int] = field(default_factory=dict)
    steps: int = 0
    copy_first_steps: int = 0
    batch_size: int = 8
    learning_rate: float = OFFLINE_LEARNING_RATE
    seconds_per_step: float | None = None
    rehearsal: int = 0

    @property
    def estimated_seconds(self) -> float | None:
        """Seconds the warm-up should take (``None`` until a step was measured)."""
        if not self.enabled or self.seconds_per_step is None:
            return None if self.enabled else 0.0
        return self.steps * self.seconds_per_step

    @property
    def total_examples(self) -> int:
        return sum(self.examples.values())

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "estimated_seconds": self.estimated_seconds}

    def describe(self, lang: str | None = None) -> str:
        """A paragraph for the person: what the warm-up does, with how many examples and how
        long."""
        from .estimate import format_duration

        if not self.enabled:
            return t(self.reason, lang)
        kinds = ", ".join(
            t(
                "warmup.plan.kind_count",
                lang,
                count=self.examples.get(kind, 0),
                kind=t(f"warmup.kind.{kind}", lang),
            )
            for kind in EXAMPLE_KINDS
            if self.examples.get(kind)
        )
        parts = [
            t(self.reason, lang),
            t(
                "warmup.plan.summary",
                lang,
                texts=self.texts,
                sentences=self.sentences,
                examples=self.total_examples,
                kinds=kinds,
                steps=self.steps,
                copy_first=self.copy_first_steps,
            ),
        ]
        if self.rehearsal:
            parts.append(t("warmup.plan.rehearsal", lang, count=self.rehearsal))
        if self.estimated_seconds is not None:
            parts.append(
                t("warmup.plan.time", lang, time=format_duration(self.estimated_seconds, lang))
            )
        return " ".join(parts)


def warmup_enabled(choice: str, model_kind: str) -> bool:
    """Whether a run with ``TrainingConfig.warmup == choice`` warms up a model of ``model_kind``.

    ``auto`` warms up the offline model (trained from random weights, it needs it) and no
    pretrained model (it already writes the language).
    """
    if choice == "on":
        return True
    if choice == "off":
        return False
    return model_kind == "offline"


def plan_warmup(
    texts: Sequence[str],
    config: Any,
    *,
    model_kind: str = "offline",
    model_size: str | None = None,
    finetune_steps: int | None = None,
    seconds_per_step: float | None = None,
    pool: dict[str, list[WarmupExample]] | None = None,
    pairs: int = 0,
) -> WarmupPlan:
    """Choose the warm-up for ``texts`` and a run's ``config`` (a :class:`TrainingConfig`).

    Parameters
    ----------
    texts:
        The plain texts of the warm-up (training texts and any extra ones).
    config:
        The run's settings: ``warmup`` (``auto``/``on``/``off``), ``warmup_steps`` (0: chosen
        here), ``batch_size``, ``learning_rate``, ``max_steps``, ``seed`` and the lengths.
    model_kind, model_size:
        ``"offline"``, ``"hub"`` or ``"local"``, and the offline size (for the step cap).
    finetune_steps:
        Unused unless ``config.max_steps`` is set: then the warm-up takes at most
        :data:`SHARE_OF_FIXED_STEPS` of those steps, so the whole run stays within them.
    seconds_per_step:
        Measured cost of a warm-up step, for the time estimate.
    pool:
        Examples already generated from ``texts`` (:func:`generate_examples`), to save time.
    pairs:
        Training pairs of the fine-tuning: :data:`REHEARSAL_PER_PAIR` warm-up examples per pair
        are replayed during it.

    Returns
    -------
    WarmupPlan
        ``enabled`` is False when the choice or the model says no, or the texts are too short
        to make examples (``reason`` says which).
    """
    choice = getattr(config, "warmup", "auto")
    batch = max(1, int(config.batch_size) * int(getattr(config, "gradient_accumulation_steps", 1)))
    pretrained = model_kind != "offline"
    learning_rate = float(config.learning_rate) if pretrained else OFFLINE_LEARNING_RATE
    base = dict(batch_size=batch, learning_rate=learning_rate, seconds_per_step=seconds_per_step)
    if not warmup_enabled(choice, model_kind):
        reason = "warmup.reason.off" if choice == "off" else "warmup.reason.pretrained"
        return WarmupPlan(False, reason, **base)
    texts = [text for text in texts if isinstance(text, str) and text.strip()]
    if pool is None:
        pool = generate_examples(texts, **_word_limits(config), seed=int(config.seed))
    available = {kind: len(pool[kind]) for kind in EXAMPLE_KINDS}
    sentences = sum(len(text_sentences(text)) for text in texts)
    if available["copy"] == 0:
        return WarmupPlan(
            False,
            "warmup.reason.no_sentences",
            texts=len(texts),
            sentences=sentences,
            available=available,
            **base,
        )

    requested = int(getattr(config, "warmup_steps", 0) or 0)
    if requested > 0:
        steps = requested
    else:
        cap = MAX_STEPS_BY_SIZE.get(model_size or "", MAX_STEPS_DEFAULT)
        steps = min(cap, max(MIN_STEPS, math.ceil(PASSES * sum(available.values()) / batch)))
    if int(getattr(config, "max_steps", 0) or 0) > 0:
        steps = min(steps, int(config.max_steps * SHARE_OF_FIXED_STEPS))
    if steps <= 0:
        return WarmupPlan(
            False,
            "warmup.reason.too_few_steps",
            texts=len(texts),
            sentences=sentences,
            available=available,
            **base,
        )
    copy_first = max(1, round(steps * COPY_FIRST_SHARE)) if steps > 1 else 0
    examples = _counts(available, steps, copy_first, batch)
    reason = "warmup.reason.offline" if choice == "auto" else "warmup.reason.on"
    replayable = sum(available[kind] for kind in REHEARSAL_KINDS)
    rehearsal = min(replayable, round(pairs * REHEARSAL_PER_PAIR))
    return WarmupPlan(
        True,
        reason,
        texts=len(texts),
        sentences=sentences,
        available=available,
        examples=examples,
        steps=steps,
        copy_first_steps=copy_first,
        rehearsal=rehearsal,
        **base,
    )


def _word_limits(config: Any) -> dict[str, int]:
    # Spanish runs at about 1.4 to 1.6 tokens per word with the offline tokenizer; examples
    # that still come out too long are left out once tokenized (see warmup_examples).
    return {
        "max_input_words": max(8, int(config.max_input_length / 1.6)),
        "max_target_words": max(4, int(config.max_target_length / 1.6)),
    }


def _phase_mix(available: dict[str, int], kinds: Iterable[str]) -> dict[str, float]:
    weights = {kind: MIX[kind] for kind in kinds if available.get(kind)}
    total = sum(weights.values())
    return {kind: weight / total for kind, weight in weights.items()} if total else {}


def _counts(available: dict[str, int], steps: int, copy_first: int, batch: int) -> dict[str, int]:
    counts = dict.fromkeys(EXAMPLE_KINDS, 0)
    for kinds, n_steps in ((COPY_KINDS, copy_first), (EXAMPLE_KINDS, steps - copy_first)):
        mix = _phase_mix(available, kinds)
        for kind, count in _split_count(n_steps * batch, mix).items():
            counts[kind] += count
    return counts


def _split_count(total: int, mix: dict[str, float]) -> dict[str, int]:
    """``total`` split by the shares of ``mix`` (largest remainders), summing exactly to
    ``total``."""
    if not mix:
        return {}
    raw = {kind: total * share for kind, share in mix.items()}
    counts = {kind: int(value) for kind, value in raw.items()}
    for kind in sorted(raw, key=lambda k: raw[k] - counts[k], reverse=True)[
        : total - sum(counts.values())
    ]:
        counts[kind] += 1
    return counts


# --------------------------------------------------------------------------- the schedule


def warmup_examples(
    texts: Sequence[str],
    plan: WarmupPlan,
    *,
    seed: int = 0,
    fits: Callable[[list[WarmupExample]], list[bool]] | None = None,
    pool: dict[str, list[WarmupExample]] | None = None,
    config: Any = None,
) -> list[WarmupExample]:
    """The examples the warm-up trains on, in order: ``plan.steps × plan.batch_size`` of them.

    The first ``plan.copy_first_steps`` batches are copies and denoising only (copy first);
    the rest mix every kind by :data:`MIX`. Each kind's distinct examples are drawn in a
    shuffled order and drawn again once all were used; ``shuffle`` examples and half of the
    ``lead`` ones are made anew at each draw (see the module docstring). Within blocks of 16
    batches the examples are sorted by length, so a batch pads little (as length grouping does),
    and the blocks' batches are shuffled.

    Parameters
    ----------
    texts, plan:
        The plain texts and the plan made for them.
    seed:
        Fixes the order: the same texts, plan and seed give the same examples (so a stopped
        warm-up resumes exactly where it was).
    fits:
        Optional check of examples (e.g. "the tokenized input and target fit the lengths"):
        examples it rejects are left out.
    pool, config:
        Examples already generated, or the config to generate them with.
    """
    if not plan.enabled or plan.steps <= 0:
        return []
    if pool is None:
        limits = _word_limits(config) if config is not None else {}
        pool = generate_examples(texts, **limits, seed=seed)
    if fits is not None:
        pool = {
            kind: [e for e, ok in zip(examples, fits(examples)) if ok]
            for kind, examples in pool.items()
        }
    available = {kind: len(pool[kind]) for kind in EXAMPLE_KINDS}
    rng = random.Random(seed)
    draws = {kind: _Draw(pool[kind], rng) for kind in EXAMPLE_KINDS}
    draws["shuffle"] = _ShuffleDraw(pool["shuffle"], rng)
    sentences = [e.summary for e in pool["copy"] if e.text == e.summary and " " in e.summary]
    words = _word_limits(config) if config is not None else {}
    draws["lead"] = _MixedLeadDraw(pool["lead"], sentences, rng, words.get("max_input_words", 170))
    batch = plan.batch_size
    ordered: list[WarmupExample] = []
    for kinds, n_steps in (
        (COPY_KINDS, plan.copy_first_steps),
        (EXAMPLE_KINDS, plan.steps - plan.copy_first_steps),
    ):
        mix = _phase_mix(available, kinds)
        if not mix:
            continue
        chosen: list[WarmupExample] = []
        for kind, count in _split_count(n_steps * batch, mix).items():
            chosen.extend(draws[kind].take(count))
        rng.shuffle(chosen)
        ordered.extend(_length_grouped(chosen, batch, rng))
    return ordered


class _Draw:
    """Draws a kind's examples in shuffled order, reshuffling once all were drawn."""

    def __init__(self, examples: list[WarmupExample], rng: random.Random):
        self.examples = list(examples)
        self.rng = rng
        self.queue: list[WarmupExample] = []

    def take(self, count: int) -> list[WarmupExample]:
        taken: list[WarmupExample] = []
        while len(taken) < count and self.examples:
            if not self.queue:
                self.queue = list(self.examples)
                self.rng.shuffle(self.queue)
            taken.append(self.queue.pop())
        return taken


class _ShuffleDraw(_Draw):
    """Draws sentences and shuffles their words anew each time: the answer cannot be memorised."""

    def take(self, count: int) -> list[WarmupExample]:
        shuffled = []
        for template in super().take(count):
            words = template.summary.split()
            self.rng.shuffle(words)
            sequence = " ".join(words)
            shuffled.append(WarmupExample("shuffle", sequence, sequence))
        return shuffled


class _MixedLeadDraw(_Draw):
    """Lead examples: half real windows, half windows of sentences drawn at random each time."""

    def __init__(
        self,
        examples: list[WarmupExample],
        sentences: list[str],
        rng: random.Random,
        max_words: int,
    ):
        super().__init__(examples, rng)
        self.sentences = sentences
        self.max_words = max_words

    def take(self, count: int) -> list[WarmupExample]:
        mixed = round(count * MIXED_LEAD_SHARE) if len(self.sentences) >= 2 and self.examples else 0
        taken = super().take(count - mixed)
        for _ in range(mixed):
            window: list[str] = []
            size = self.rng.choice(WINDOW_SIZES)
            while len(window) < size:
                sentence = self.rng.choice(self.sentences)
                if window and sum(_words(s) for s in window) + _words(sentence) > self.max_words:
                    break
                window.append(sentence)
            if len(window) >= 2:
                taken.append(WarmupExample("lead", " ".join(window), window[0]))
        return taken


def _length_grouped(
    examples: list[WarmupExample], batch: int, rng: random.Random, block_batches: int = 16
) -> list[WarmupExample]:
    grouped: list[WarmupExample] = []
    block = batch * block_batches
    for start in range(0, len(examples), block):
        chunk = sorted(examples[start : start + block], key=lambda e: len(e.text) + len(e.summary))
        batches = [chunk[i : i + batch] for i in range(0, len(chunk), batch)]
        rng.shuffle(batches)
        for b in batches:
            grouped.extend(b)
    return grouped


# --------------------------------------------------------------------------- plain texts

#: File types :func:`load_plain_texts` reads as plain text.
PLAIN_TEXT_SUFFIXES = (".txt", ".md")
TABLE_SUFFIXES = (".csv", ".tsv", ".json", ".jsonl", ".parquet", ".xlsx")
DOCUMENT_SUFFIXES = (".docx", ".pdf")
#: Folders are read this deep at most, and files this large at most.
MAX_PLAIN_TEXT_BYTES = 50 * 1024 * 1024


def load_plain_texts(source: Any, *, column: str | None = None) -> list[str]:
    """Plain texts (no summaries) for the warm-up and the offline tokenizer.

    Parameters
    ----------
    source:
        A path, or ``(file_name, bytes)`` as an upload delivers it (a list of those for several
        uploaded files). A path may be:

        - a ``.txt`` or ``.md`` file: texts separated by blank lines (one text per block);
        - a table (``.csv``, ``.tsv``, ``.json``, ``.jsonl``, ``.parquet``, ``.xlsx``): one text
          per row of ``column`` (by default the text column with the longest values);
        - a ``.docx`` file: its paragraphs, as one text (read with the standard library);
        - a ``.pdf`` file: its text, as one text, when the optional ``pypdf`` package is
          installed;
        - a folder: every such file directly inside it, in name order.
    column:
        The table column to read.

    Returns
    -------
    list of str
        The texts, each on one line, empty ones left out. The files are only read.

    Raises
    ------
    DataError
        ``warmup.texts.not_found``, ``warmup.texts.unsupported``, ``warmup.texts.no_column``,
        ``warmup.texts.unreadable``, ``warmup.texts.needs_pypdf`` or ``warmup.texts.empty``,
        each saying what to do.
    """
    if isinstance(source, list):
        texts = [text for item in source for text in _read_plain_file(*_upload(item), column)]
        if not texts:
            raise DataError(
                "warmup.texts.empty", path=", ".join(_upload(item)[0] for item in source) or "—"
            )
        return texts
    if isinstance(source, tuple):
        name, content = _upload(source)
        texts = _read_plain_file(name, content, column)
        if not texts:
            raise DataError("warmup.texts.empty", path=name)
        return texts
    path = Path(source).expanduser()
    if not path.exists():
        raise DataError("warmup.texts.not_found", path=str(path))
    if path.is_dir():
        files = sorted(
            p
            for p in path.iterdir()
            if p.is_file()
            and p.suffix.lower() in PLAIN_TEXT_SUFFIXES + DOCUMENT_SUFFIXES + TABLE_SUFFIXES
        )
        texts = [
            text
            for file in files
            for text in _read_plain_file(str(file), _file_bytes(file), column)
        ]
    else:
        texts = _read_plain_file(str(path), _file_bytes(path), column)
    if not texts:
        raise DataError("warmup.texts.empty", path=str(path))
    return texts


def _upload(item: Any) -> tuple[str, bytes]:
    """``(name, bytes)`` from an upload: a pair, or a mapping with ``name`` and ``content``."""
    if isinstance(item, dict):
        item = (item.get("name", ""), item.get("content", b""))
    if not isinstance(item, tuple) or len(item) != 2:
        raise DataError("data.upload_invalid", kind=type(item).__name__)
    name, content = item
    return str(name), bytes(content)


def _file_bytes(path: Path) -> bytes:
    if path.stat().st_size > MAX_PLAIN_TEXT_BYTES:
        raise DataError(
            "warmup.texts.too_large", path=str(path), megabytes=MAX_PLAIN_TEXT_BYTES // 2**20
        )
    return path.read_bytes()


def _read_plain_file(name: str, content: bytes, column: str | None) -> list[str]:
    from .texts import split_texts

    suffix = Path(name).suffix.lower()
    if len(content) > MAX_PLAIN_TEXT_BYTES:
        raise DataError(
            "warmup.texts.too_large", path=name, megabytes=MAX_PLAIN_TEXT_BYTES // 2**20
        )
    if suffix in PLAIN_TEXT_SUFFIXES:
        from .data_io import decode_text

        text, _ = decode_text(content)
        return split_texts(text)
    if suffix in TABLE_SUFFIXES:
        return _table_texts(name, content, column)
    if suffix == ".docx":
        return _docx_texts(name, content)
    if suffix == ".pdf":
        return _pdf_texts(name, content)
    raise DataError("warmup.texts.unsupported", path=name, suffix=suffix or "—")


def _table_texts(name: str, content: bytes, column: str | None) -> list[str]:
    from .data import _mean_lengths, read_table, text_columns
    from .texts import column_texts

    frame = read_table((Path(name).name, content)).frame
    textual = text_columns(frame)
    if column is not None:
        if column not in frame.columns:
            raise DataError(
                "warmup.texts.no_column",
                path=name,
                column=column,
                columns=", ".join(map(str, frame.columns)),
            )
        chosen = column
    else:
        if not textual:
            raise DataError(
                "warmup.texts.no_text_column", path=name, columns=", ".join(map(str, frame.columns))
            )
        lengths = _mean_lengths(frame, textual)
        chosen = max(textual, key=lambda c: lengths[c])
    return column_texts(frame, chosen)


_WORD_NAMESPACE = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_texts(name: str, content: bytes) -> list[str]:
    # A .docx file is a zip of XML; the text is in word/document.xml, one <w:p> per paragraph.
    import io
    from xml.etree import ElementTree

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            root = ElementTree.fromstring(archive.read("word/document.xml"))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError) as exc:
        raise DataError("warmup.texts.unreadable", path=name, detail=type(exc).__name__) from exc
    paragraphs = []
    for paragraph in root.iter(f"{_WORD_NAMESPACE}p"):
        pieces = [
            node.text or ""
            for node in paragraph.iter()
            if node.tag in (f"{_WORD_NAMESPACE}t", f"{_WORD_NAMESPACE}tab")
        ]
        line = " ".join("".join(pieces).split())
        if line:
            paragraphs.append(line)
    return [" ".join(paragraphs)] if paragraphs else []


def _pdf_texts(name: str, content: bytes) -> list[str]:
    import io

    try:
        from pypdf import PdfReader  # optional: the project does not depend on it
    except ImportError:
        raise DataError("warmup.texts.needs_pypdf", path=name) from None
    try:
        pages = [page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages]
    except Exception as exc:  # pypdf raises many types for broken files
        raise DataError("warmup.texts.unreadable", path=name, detail=type(exc).__name__) from exc
    text = " ".join(" ".join(pages).split())
    # PDF lines end with hyphenated words cut in two ("recupera- ción"): join them.
    text = re.sub(r"(\w)- (\w)", r"\1\2", text)
    return [text] if text else []


def _fits_run(bundle: Any, config: Any) -> Callable[[list[WarmupExample]], list[bool]]:
    """A check of examples: does each input and target fit the run's lengths once tokenized?

    Examples whose input or target would be cut by ``config.max_input_length`` or
    ``config.max_target_length`` tokens fail it: a cut target is not a sentence.
    """
    from .features import LengthLimits, fitted_limits, model_inputs

    limits = fitted_limits(bundle, LengthLimits(config.max_input_length, config.max_target_length))
    tokenizer = bundle.tokenizer

    def fits(examples: list[WarmupExample]) -> list[bool]:
        if not examples:
            return []
        sources = tokenizer(model_inputs(bundle, [e.text for e in examples]))["input_ids"]
        targets = tokenizer([e.summary for e in examples])["input_ids"]
        return [
            len(a) <= limits.max_input_length and len(b) <= limits.max_target_length
            for a, b in zip(sources, targets)
        ]

    return fits


def warmup_training_examples(
    texts: Sequence[str], plan: WarmupPlan, bundle: Any, config: Any
) -> list[WarmupExample]:
    """The warm-up's examples for ``bundle``, in training order, each fitting the run's lengths
    (see :func:`_fits_run`)."""
    return warmup_examples(
        texts, plan, seed=int(config.seed), fits=_fits_run(bundle, config), config=config
    )


def rehearsal_examples(
    texts: Sequence[str], plan: WarmupPlan, bundle: Any, config: Any
) -> list[WarmupExample]:
    """The ``plan.rehearsal`` warm-up examples replayed during fine-tuning (lead and principal).

    Drawn with their own seed from the examples that fit the run's lengths, the same every time.
    """
    if not plan.enabled or plan.rehearsal <= 0:
        return []
    pool = generate_examples(texts, **_word_limits(config), seed=int(config.seed))
    candidates = [e for kind in REHEARSAL_KINDS for e in pool[kind]]
    fitting = [e for e, ok in zip(candidates, _fits_run(bundle, config)(candidates)) if ok]
    rng = random.Random(int(config.seed) + 1)
    rng.shuffle(fitting)
    return fitting[: plan.rehearsal]
