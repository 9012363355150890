"""How long a training will take, from «Entrenar» until it is saved, and how much memory it needs.

The time is *measured*, not guessed, for every part of what a person waits for, as the studio
(and the CLI, and a sweep) runs it:

``warmup``
    The warm-up stage, when there is one: building and tokenizing its examples, its steps
    (timed on batches of its own examples) and its checkpoints.
``training``
    The fine-tuning stage: tokenizing the pairs, its steps and its checkpoints. A step is
    timed as the Trainer will make it: forward and backward passes under the run's precision
    on real batches, one optimizer update, and the Trainer's own overhead. The Trainer groups
    examples of similar length, so batches differ in cost: the batches of a few epochs are laid
    out as the Trainer lays them out, sorted by cost and cut into equal shares, and one batch
    drawn at random from each share is timed, standing for its share (a stratified sample: its
    weighted mean is the mean batch's cost without bias, however long the tail of long batches).
``evaluations``
    The evaluations on the validation split during training (forward passes, timed).
``final_evaluation``
    What runs once training ended (:func:`pipeline.evaluate_and_save`): the summaries of the
    test split, written and scored, and the perplexity. One batch of summaries is generated and
    timed, once cut short and once whole, which gives the cost of starting a batch and of each
    token written; a trained model writes about as many tokens as the reference summaries
    have.
``saving``
    Saving the run (model, base model, tokenizer, metrics): the model's files are written to a
    temporary folder and timed.

Estimates are stable: the first passes after a model is loaded pay one-off costs (memory
allocation, kernel selection, the first generation's set-up), so every measurement starts with
untimed passes (one of the costliest sampled batch of each stage, which grows the memory a pass
needs as a run's first long batch does); the sampled batches are drawn with the run's seed, so
two estimates of the same run time the same batches; the passes run in a new thread set
up as the training thread is (its thread count), since the same pass can take several times
longer in another thread (a script's main thread); an estimate that a newer one supersedes
stops (``should_stop``) instead of competing for the processor with it.

The memory is computed from the model's sizes and the longest examples with the formula of
:mod:`.cost`, the one checked against the catalog's measured models (see
:func:`estimate_peak_memory_gb`). Nothing here changes the model: no optimizer steps, gradients
are cleared, train/eval modes and the random number generators are restored, so a run after
an estimate is the same as a run without one.
"""

from __future__ import annotations

import contextlib
import copy
import math
import os
import time
from dataclasses import asdict, dataclass, replace
from typing import Any, Callable

from ..errors import WidgetsLLMError
from ..formatting import format_gigabytes, format_number
from ..messages import t
from .lease import ModelLease, hold_model
from .config import TrainingConfig
from .cost import ADAM_BYTES, ModelSizes, memory_parts
from .features import LengthLimits, data_collator, tokenize_splits
from .hardware import Hardware, choose_precision, detect_hardware
from .models import ModelBundle, default_lora_targets

#: Below this size a LoRA estimate applies the adapter to a copy of the model (exact cost);
#: above it, copying would double the memory, so the cost is approximated (see
#: :func:`_lora_approximation`).
LORA_COPY_LIMIT = 300_000_000

#: The parts of the time, in the order a person waits for them (keys of
#: :attr:`TrainingEstimate.parts`, and the ``what`` of ``on_progress`` while each is measured;
#: before measuring, ``what`` is ``"preparation"``: the examples are being made).
PARTS = ("warmup", "training", "evaluations", "final_evaluation", "saving")

#: Batches timed per training stage: one drawn from each of this many equal shares of its
#: batches sorted by cost. Timing a few chosen batches instead (the middle one of the short,
#: middle and long third, each timed several times) came out at 0.7 of the real time on
#: «Calidad», whose long batches cost far more than their third's middle one; the order in
#: which batches are timed, and timing a batch again, changed nothing (see benchmarks/README.md).
SAMPLED_BATCHES = 32
#: Batches of the validation split timed, drawn the same way.
VALIDATION_SAMPLED = 8
#: Untimed passes before the first timed one: the first passes after loading a model pay
#: one-off costs (allocations, kernel selection) that the run pays once, not at every step.
UNTIMED_PASSES = 2
#: Epochs of batches laid out as the Trainer lays them out, to know their lengths.
SIMULATED_EPOCHS = 3
#: When timing every sampled batch would take longer than this, fewer are sampled.
MEASURE_BUDGET_SECONDS = 30.0
#: What the Trainer adds to every step besides forward, backward and the optimizer update
#: (fetching and padding the batch, the scheduler, callbacks, counting tokens).
STEP_OVERHEAD_SECONDS = 0.01
#: Building a stage's Trainer (arguments, accelerate, the data loader), once per stage.
TRAINER_SETUP_SECONDS = 0.5
#: What an evaluation adds besides its forward passes (the loader, gathering, logging).
EVALUATION_OVERHEAD_SECONDS = 0.05
#: Examples per batch when the test split is summarized and scored after training
#: (the default of :func:`evaluation.evaluate_model`, which ``evaluate_and_save`` uses).
FINAL_EVALUATION_BATCH = 16
#: Tokens generated in the cut-short generation (the cost of starting a batch).
SHORT_GENERATION_TOKENS = 2
#: Models whose weights are at most this big are written in full to time saving; bigger ones
#: write a sample and the time is scaled to their size.
FULL_SAVE_LIMIT_BYTES = 256 * 2**20
#: A checkpoint writes, besides the model folder, the optimizer's state, the scheduler, the
#: random generators and the Trainer's state; a saved run also its metrics, examples and card.
CHECKPOINT_FIXED_SECONDS = 0.05
RUN_SAVE_FIXED_SECONDS = 0.05
#: Writing speed assumed when it cannot be measured.
SAVE_BYTES_PER_SECOND = 200e6

GB = 2**30

ProgressCallback = Callable[[int, int, str], None]
StopCallback = Callable[[], bool]


class EstimateStopped(WidgetsLLMError):
    """The estimate was stopped by ``should_stop()`` (a newer one replaced it)."""

    def __init__(self) -> None:
        super().__init__("training.estimate.stopped")


@dataclass
class TrainingEstimate:
    """What a run will cost, known before it starts: the time from «Entrenar» until the run is
    saved, part by part, and the peak memory.

    Attributes
    ----------
    total_steps: optimizer steps the run will make (what the Trainer computes), both stages.
    seconds_per_step: mean seconds of one fine-tuning step (forward + backward of every
        accumulated batch, the optimizer update and the Trainer's overhead).
    total_seconds: the whole wait: the sum of :attr:`parts`.
    peak_memory_gb: estimated peak memory of training, in GiB.
    available_memory_gb: memory the run can use (free memory plus what the model already
        holds on the CPU), in GiB; ``None`` when unknown.
    fits: whether the peak is within the available memory (``True`` when unknown).
    precision: ``"fp32"``, ``"bf16"`` or ``"fp16"``, as the run will use.
    trainable_parameters, total_parameters: parameter counts during the run (LoRA included).
    evaluations: how many times the validation split will be evaluated.
    warmup_steps, warmup_seconds: the warm-up stage's part of ``total_steps`` and
        ``total_seconds`` (0 without a warm-up): its examples, steps and checkpoints.
    warmup: the warm-up plan (:meth:`warmup.WarmupPlan.to_dict`, with its time), or ``None``.
    training_seconds: the fine-tuning stage: tokenizing, its steps and its checkpoints.
    evaluation_seconds: all the evaluations on the validation split during training.
    final_evaluation_seconds: after training, the test split's summaries, scores and perplexity
        (0 without a test split, or with ``after_training=False``).
    final_examples: test examples summarized after training.
    save_seconds: saving the run (0 with ``after_training=False``).
    measured_seconds: how long the estimate itself took.
    """

    total_steps: int
    seconds_per_step: float
    total_seconds: float
    peak_memory_gb: float
    available_memory_gb: float | None
    fits: bool
    precision: str
    trainable_parameters: int = 0
    total_parameters: int = 0
    evaluations: int = 0
    warmup_steps: int = 0
    warmup_seconds: float = 0.0
    warmup: dict[str, Any] | None = None
    training_seconds: float = 0.0
    evaluation_seconds: float = 0.0
    final_evaluation_seconds: float = 0.0
    final_examples: int = 0
    save_seconds: float = 0.0
    measured_seconds: float = 0.0

    @property
    def parts(self) -> dict[str, float]:
        """Seconds of each part of the wait, in order (see :data:`PARTS`); they add up to the
        total."""
        return {
            "warmup": self.warmup_seconds,
            "training": self.training_seconds,
            "evaluations": self.evaluation_seconds,
            "final_evaluation": self.final_evaluation_seconds,
            "saving": self.save_seconds,
        }

    @property
    def warning_key(self) -> str | None:
        """Catalog key of the warning to show (``"training.estimate.too_big"``), or ``None``."""
        return None if self.fits else "training.estimate.too_big"

    def warnings(self, lang: str | None = None) -> list[str]:
        """The warnings as user texts (each with what to do)."""
        if self.warning_key is None:
            return []
        params = {
            "memory": format_memory(self.peak_memory_gb, lang),
            "available": format_memory(self.available_memory_gb, lang),
        }
        return [
            f"{t(self.warning_key, lang, **params)} {t(self.warning_key + '.suggestion', lang)}"
        ]

    def parts_text(self, lang: str | None = None) -> str:
        """What the time includes, part by part: ``"entrenamiento 1 min 50 s (…), …"``."""
        texts = []
        if self.warmup_steps:
            texts.append(
                t(
                    "training.estimate.part.warmup",
                    lang,
                    time=format_duration(self.warmup_seconds, lang),
                    steps=self.warmup_steps,
                )
            )
        texts.append(
            t(
                "training.estimate.part.training",
                lang,
                time=format_duration(self.training_seconds, lang),
                steps=self.total_steps - self.warmup_steps,
                seconds_per_step=self.seconds_per_step,
            )
        )
        if self.evaluations:
            texts.append(
                t(
                    "training.estimate.part.evaluations",
                    lang,
                    time=format_duration(self.evaluation_seconds, lang),
                    count=self.evaluations,
                )
            )
        if self.final_examples:
            texts.append(
                t(
                    "training.estimate.part.final_evaluation",
                    lang,
                    time=format_duration(self.final_evaluation_seconds, lang),
                    count=self.final_examples,
                )
            )
        if self.save_seconds:
            texts.append(
                t(
                    "training.estimate.part.saving",
                    lang,
                    time=format_duration(self.save_seconds, lang),
                )
            )
        return "; ".join(texts)

    def message(self, lang: str | None = None) -> str:
        """One paragraph for the user: the whole time, what it includes, memory and, if it does
        not fit, a warning."""
        text = t(
            "training.estimate",
            lang,
            time=format_duration(self.total_seconds, lang),
            steps=self.total_steps,
            seconds_per_step=format_number(self.seconds_per_step, 2, lang),
            memory=format_memory(self.peak_memory_gb, lang),
        )
        text += " " + t("training.estimate.parts", lang, parts=self.parts_text(lang))
        return " ".join([text, *self.warnings(lang)])

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "parts": self.parts, "warning": self.warning_key}


# --------------------------------------------------------------------------- formatting


def format_duration(seconds: float | None, lang: str | None = None) -> str:
    """A duration for people: ``"45 s"``, ``"3 min 20 s"``, ``"2 h 5 min"``, ``"1 día 3 h"``."""
    if seconds is None or not math.isfinite(seconds) or seconds < 0:
        return t("training.duration.unknown", lang)
    if seconds < 1:
        return t("training.duration.under_second", lang)
    if seconds < 3600:
        whole = int(round(seconds))
        minutes, secs = divmod(whole, 60)
        if minutes == 0:
            return f"{secs} s"
        if minutes == 60:
            return "1 h"
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    whole_minutes = int(round(seconds / 60))
    hours, minutes = divmod(whole_minutes, 60)
    if hours < 24:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    days, hours = divmod(int(round(seconds / 3600)), 24)
    day_text = t("training.duration.day" if days == 1 else "training.duration.days", lang, n=days)
    return f"{day_text} {hours} h" if hours else day_text


def format_memory(gb: float | None, lang: str | None = None) -> str:
    """Memory for people: ``"350 MB"``, or ``"1,2 GB"`` in Spanish and ``"1.2 GB"`` in English
    (GiB and MiB, as operating systems show)."""
    if gb is None or not math.isfinite(gb):
        return "?"
    if gb < 1:
        return f"{max(1, round(gb * 1024))} MB"
    return format_gigabytes(gb, lang)


# --------------------------------------------------------------------------- steps


def count_training_steps(num_examples: int, config: TrainingConfig) -> int:
    """Optimizer steps of a run, computed as ``transformers.Trainer`` does.

    Batches per epoch are ``ceil(examples / batch_size)`` (the last batch is kept); an update
    happens every ``gradient_accumulation_steps`` batches and at the end of each epoch;
    ``max_steps`` > 0 overrides the epochs, otherwise ``ceil(epochs × updates per epoch)``.
    """
    batches = math.ceil(num_examples / config.batch_size)
    updates_per_epoch = max(math.ceil(batches / config.gradient_accumulation_steps), 1)
    if config.max_steps > 0:
        return int(config.max_steps)
    return math.ceil(config.num_epochs * updates_per_epoch)


def count_evaluations(total_steps: int, updates_per_epoch: int, config: TrainingConfig) -> int:
    """Evaluations a run makes: every ``eval_every_steps`` (or each epoch), plus a final one."""
    every = config.eval_every_steps or updates_per_epoch
    scheduled = total_steps // every
    return scheduled + (0 if total_steps % every == 0 else 1)


# --------------------------------------------------------------------------- memory


def estimate_peak_memory_gb(
    model,
    *,
    trainable_parameters: int,
    total_parameters: int,
    batch_size: int,
    input_length: int,
    target_length: int,
    precision: str,
) -> float:
    """Estimated peak memory that training adds to the running process, in GiB.

    The formula of :mod:`.cost` (weights, gradients and Adam's moments of the trainable
    parameters, 16-bit copies of the weights under autocast, activations, logits), without the
    memory the libraries already take in the running kernel. ``total_parameters`` includes a
    LoRA adapter when there is one (``trainable_parameters < total_parameters``). Lengths are
    the longest in the data, so it is an upper estimate.
    """
    sizes = ModelSizes.from_model(model)
    lora = trainable_parameters < total_parameters
    return memory_parts(
        sizes,
        lora=lora,
        batch_size=batch_size,
        input_length=input_length,
        target_length=target_length,
        precision=precision,
        trainable_parameters=trainable_parameters,
        include_runtime=False,
    ).total_gb


def lora_parameter_count(model, config: TrainingConfig) -> int:
    """Parameters a LoRA adapter adds: ``r × (inputs + outputs)`` per targeted weight matrix."""
    targets = list(config.lora_target_modules) or default_lora_targets(model)
    count = 0
    for name, module in model.named_modules():
        weight = getattr(module, "weight", None)
        if weight is None or weight.dim() != 2:
            continue
        if any(name == target or name.endswith("." + target) for target in targets):
            count += config.lora_r * (weight.shape[0] + weight.shape[1])
    return count


# --------------------------------------------------------------------------- measuring


def _parameter_counts(model) -> tuple[int, int]:
    parameters = list(model.parameters())
    return sum(p.numel() for p in parameters if p.requires_grad), sum(p.numel() for p in parameters)


def _is_peft(model) -> bool:
    try:
        from peft import PeftModel
    except ImportError:  # pragma: no cover - peft is a dependency
        return False
    return isinstance(model, PeftModel)


def _tokenized(bundle: ModelBundle, split, config: TrainingConfig):
    """``split`` as model inputs, as the run tokenizes it (unchanged when already tokenized)."""
    if "input_ids" in split.column_names:  # already tokenized (e.g. ``TrainingRun.tokenized()``)
        return split
    from datasets import DatasetDict

    limits = LengthLimits(config.max_input_length, config.max_target_length)
    return tokenize_splits(DatasetDict(split=split), bundle, limits)["split"]


def _tokenized_train(bundle: ModelBundle, splits, config: TrainingConfig):
    return _tokenized(bundle, splits["train"], config)


def _target_lengths(bundle: ModelBundle, dataset) -> list[int]:
    """Tokens each example's target adds to a batch (its labels; a causal model's are its input)."""
    if bundle.architecture != "seq2seq":
        return [0] * len(dataset)
    return [len(labels) for labels in dataset["labels"]]


def _collate(bundle: ModelBundle, dataset, indices: list[int]) -> dict[str, Any]:
    features = [{k: v for k, v in dataset[i].items() if k != "length"} for i in indices]
    return data_collator(bundle)(features)


def _median_batch(bundle: ModelBundle, train, batch_size: int) -> dict[str, Any]:
    """A padded batch of the examples whose lengths are closest to the median length."""
    lengths = list(train["length"])
    median = sorted(lengths)[len(lengths) // 2]
    closest = sorted(range(len(lengths)), key=lambda i: (abs(lengths[i] - median), i))[:batch_size]
    return _collate(bundle, train, closest)


def _length_grouped_order(lengths: list[int], batch_size: int, generator) -> list[int]:
    """One epoch's order under the Trainer's ``group_by_length`` (``get_length_grouped_indices``):
    a random permutation cut into mega-batches, each sorted by length, longest first."""
    import torch

    multiple = min(len(lengths) // (batch_size * 4), 50) or 1
    indices = torch.randperm(len(lengths), generator=generator).tolist()
    size = multiple * batch_size
    megabatches = [
        sorted(indices[i : i + size], key=lambda j: lengths[j], reverse=True)
        for i in range(0, len(indices), size)
    ]
    return [i for megabatch in megabatches for i in megabatch]


def _finetune_batches(
    lengths: list[int], batch_size: int, grouped: bool, seed: int
) -> list[list[int]]:
    """The batches of a few epochs, laid out as the Trainer lays them out."""
    import torch

    generator = torch.Generator().manual_seed(int(seed))
    batches: list[list[int]] = []
    for _ in range(SIMULATED_EPOCHS):
        order = (
            _length_grouped_order(lengths, batch_size, generator)
            if grouped
            else torch.randperm(len(lengths), generator=generator).tolist()
        )
        batches.extend(order[i : i + batch_size] for i in range(0, len(order), batch_size))
    return batches


def _sample(
    batches: list[list[int]], cost: Callable[[list[int]], float], count: int, seed: int
) -> list[tuple[list[int], float]]:
    """``count`` batches standing for all: the batches sorted by cost are cut into ``count``
    equal shares and one batch is drawn at random (with ``seed``) from each, with the share of
    the batches it stands for."""
    import random

    draw = random.Random(int(seed))
    ordered = sorted(batches, key=cost)
    count = max(1, min(count, len(ordered)))
    chosen = []
    for share in range(count):
        low, high = share * len(ordered) // count, (share + 1) * len(ordered) // count
        if high > low:
            chosen.append((ordered[draw.randrange(low, high)], (high - low) / len(ordered)))
    return chosen


def _autocast(precision: str, device: str):
    import torch

    if precision == "bf16" and device in ("cpu", "cuda"):
        return torch.autocast(device, dtype=torch.bfloat16)
    if precision == "fp16" and device == "cuda":
        return torch.autocast("cuda", dtype=torch.float16)
    return contextlib.nullcontext()


def _synchronize(device: str) -> None:
    import torch

    if device == "cuda":
        torch.cuda.synchronize()


def _on_device(batch: dict[str, Any], device: str) -> dict[str, Any]:
    return {k: v.to(device) if hasattr(v, "to") else v for k, v in batch.items()}


def _typical(times: list[float]) -> float:
    """What a pass costs on average, from a few timed ones: the mean without the slowest.

    A run's time is the sum of its steps, so the mean is what to estimate; the median of three
    passes moved by ±30 % from one estimate to the next on two cores, where a pass now and then
    stalls while the other thread's work is scheduled. Dropping the slowest keeps one long stall
    from dominating a handful of passes (the run's own stalls are in the warm-up allowance).
    """
    if len(times) >= 4:
        times = sorted(times)[:-1]
    return sum(times) / len(times)


def _median(times: list[float]) -> float:
    ordered = sorted(times)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


class _Meter:
    """Counts the measuring steps for ``on_progress`` and checks ``should_stop`` between them."""

    def __init__(
        self, total: int, on_progress: ProgressCallback | None, should_stop: StopCallback | None
    ):
        self.done, self.total = 0, total
        self.on_progress, self.should_stop = on_progress, should_stop
        self.what = "preparation"

    def check(self) -> None:
        if self.should_stop is not None and self.should_stop():
            raise EstimateStopped()

    def start(self, what: str) -> None:
        """A new part is measured: say so (before its first step ends)."""
        self.what = what
        self.check()
        self._report()

    def tick(self) -> None:
        self.done = min(self.done + 1, self.total)
        self._report()
        self.check()

    def _report(self) -> None:
        if self.on_progress is not None:
            self.on_progress(self.done, self.total, self.what)


def _time_passes(
    model,
    batch: dict[str, Any],
    precision: str,
    device: str,
    passes: int,
    meter: _Meter,
    *,
    untimed: int,
    backward: bool = True,
) -> float:
    """Seconds of one pass over ``batch`` under the run's precision: forward and backward, as a
    training step makes it, or with ``backward=False`` forward only without gradients, as an
    evaluation. The mean of ``passes`` (without the slowest of four or more, see
    :func:`_typical`) after ``untimed`` ones, which pay one-off costs (allocations, kernels)."""
    import torch

    batch = _on_device(batch, device)
    times: list[float] = []
    for index in range(untimed + passes):
        _synchronize(device)
        started = time.perf_counter()
        if backward:
            with _autocast(precision, device):
                loss = model(**batch).loss
            loss.backward()
            del loss
        else:
            with torch.no_grad(), _autocast(precision, device):
                model(**batch)
        _synchronize(device)
        if index >= untimed:
            times.append(time.perf_counter() - started)
        if backward:
            model.zero_grad(set_to_none=True)
        meter.tick()
    return _typical(times) if times else 0.0


def _measure_optimizer_step(model, trainable: int, device: str) -> float:
    """Seconds of one optimizer update of ``trainable`` parameters, with gradient clipping.

    The model's own optimizer is never built: stand-in tensors (as many as the model's
    trainable tensors, two million values at most in all) get AdamW steps and the time is
    scaled to the real count (the update is linear in size).
    """
    import torch

    if trainable <= 0:
        return 0.0
    tensors = [p.numel() for p in model.parameters() if p.requires_grad] or [trainable]
    size = min(trainable, 2_000_000)
    shapes = [max(1, n * size // trainable) for n in tensors]
    stand_ins = [torch.zeros(n, device=device, requires_grad=True) for n in shapes]
    for tensor in stand_ins:
        tensor.grad = torch.ones_like(tensor)
    optimizer = torch.optim.AdamW(stand_ins, lr=1e-3)
    optimizer.step()  # warm-up: creates the moments
    times = []
    for _ in range(3):
        _synchronize(device)
        started = time.perf_counter()
        torch.nn.utils.clip_grad_norm_(stand_ins, 1.0)
        optimizer.step()
        _synchronize(device)
        times.append(time.perf_counter() - started)
    return _median(times) * trainable / sum(shapes)


@contextlib.contextmanager
def _untouched(model, device: str):
    """Restore modes, gradient flags, device, thread count and random generators after measuring."""
    import torch

    modes = {module: module.training for module in model.modules()}
    flags = {parameter: parameter.requires_grad for parameter in model.parameters()}
    first = next(model.parameters(), None)
    original_device = first.device if first is not None else torch.device("cpu")
    threads = torch.get_num_threads()
    cuda_devices = list(range(torch.cuda.device_count())) if torch.cuda.is_available() else []
    try:
        # The thread count of the training thread (TrainingRun sets it there).
        torch.set_num_threads(_training_threads())
        with torch.random.fork_rng(devices=cuda_devices):
            model.to(device)
            yield
    finally:
        model.zero_grad(set_to_none=True)
        model.to(original_device)
        for parameter, flag in flags.items():
            parameter.requires_grad_(flag)
        for module, mode in modes.items():
            module.training = mode
        torch.set_num_threads(threads)


def _training_threads() -> int:
    """The thread count a training thread uses (see ``TrainingRun._run_safely``)."""
    return max(1, os.cpu_count() or 1)


@contextlib.contextmanager
def _lora_approximation(model):
    """Large models with LoRA: freeze every weight and let gradients flow from the embeddings.

    This is LoRA's backward pass without the (small) adapter matrices: gradients of the
    activations through every layer, no gradients of the frozen weights.
    """
    for parameter in model.parameters():
        parameter.requires_grad_(False)
    had_hook = hasattr(model, "_require_grads_hook")
    if not had_hook:
        model.enable_input_require_grads()
    try:
        yield
    finally:
        if not had_hook and hasattr(model, "_require_grads_hook"):
            model.disable_input_require_grads()


def _measuring_model(bundle: ModelBundle, config: TrainingConfig):
    """The model to time and the context that prepares it, as the run will train it.

    With LoRA on a model that has none yet: a deep copy with the adapter when the model is
    small (exact cost), else the frozen-weights approximation of :func:`_lora_approximation`.
    """
    model = bundle.model
    if not config.use_lora or _is_peft(model):
        return model, contextlib.nullcontext(), None
    if sum(p.numel() for p in model.parameters()) < LORA_COPY_LIMIT:
        from .training import apply_lora

        scratch = replace(bundle, model=copy.deepcopy(model), extra={})
        apply_lora(scratch, config)
        return scratch.model, contextlib.nullcontext(), None
    return model, _lora_approximation(model), lora_parameter_count(model, config)


def _available_memory_gb(hardware: Hardware, model) -> float | None:
    if hardware.memory_gb is None:
        return None
    available = hardware.memory_gb
    first = next(model.parameters(), None)
    if hardware.device == "cpu" and first is not None and first.device.type == "cpu":
        # The weights already loaded are part of the peak: count them as usable.
        available += sum(p.numel() * p.element_size() for p in model.parameters()) / GB
    return available


def _measuring_device(hardware: Hardware) -> str:
    import torch

    if hardware.device == "cuda" and torch.cuda.is_available():
        return "cuda"
    if (
        hardware.device == "mps"
        and getattr(torch.backends, "mps", None) is not None
        and torch.backends.mps.is_available()
    ):
        return "mps"
    return "cpu"


# -------------------------------------------------------------------------- what the estimate times


@dataclass
class _Stage:
    """A training stage to time: its sampled batches (collated) and the shares they stand for."""

    name: str
    steps: int
    micro_batches: float
    batches: list[tuple[dict[str, Any], float]]


@dataclass
class _Saving:
    """Measured costs of writing: a model folder (weights and tokenizer) and raw bytes."""

    tokenizer_seconds: float
    model_seconds: float
    bytes_per_second: float

    @property
    def folder_seconds(self) -> float:
        return self.tokenizer_seconds + self.model_seconds

    def checkpoint_seconds(self, trainable: int) -> float:
        return (
            self.folder_seconds
            + ADAM_BYTES * trainable / self.bytes_per_second
            + CHECKPOINT_FIXED_SECONDS
        )


def _finetune_stage(
    bundle: ModelBundle,
    train,
    rehearsal,
    config: TrainingConfig,
    total_steps: int,
    updates_per_epoch: int,
    batches_per_epoch: int,
    count: int,
) -> _Stage:
    """The fine-tuning's sampled batches: of the pairs and the replayed warm-up examples."""
    from datasets import concatenate_datasets

    data = (
        train
        if rehearsal is None
        else concatenate_datasets([train, rehearsal.cast(train.features)])
    )
    lengths = list(data["length"])
    targets = _target_lengths(bundle, data)
    batches = _finetune_batches(
        lengths, config.batch_size, bool(config.group_by_length), config.seed
    )

    def cost(batch: list[int]) -> float:
        return len(batch) * (max(lengths[i] for i in batch) + max(targets[i] for i in batch))

    chosen = [
        (_collate(bundle, data, batch), share)
        for batch, share in _sample(batches, cost, count, config.seed)
    ]
    micro = total_steps * batches_per_epoch / updates_per_epoch
    return _Stage("training", total_steps, micro, chosen)


def _warmup_stage(
    bundle: ModelBundle, examples: list, config: TrainingConfig, steps: int, count: int
) -> _Stage:
    """The warm-up's sampled batches: its examples come in order, a batch at a time."""
    from .training import tokenize_examples

    size = config.batch_size
    batches = [list(range(i, min(i + size, len(examples)))) for i in range(0, len(examples), size)]

    def cost(
        batch: list[int],
    ) -> float:  # characters stand for tokens here: nothing is tokenized yet
        return len(batch) * (
            max(len(examples[i].text) for i in batch) + max(len(examples[i].summary) for i in batch)
        )

    chosen = []
    for batch, share in _sample(batches, cost, count, config.seed):
        tokenized = tokenize_examples([examples[i] for i in batch], bundle, config)
        chosen.append((_collate(bundle, tokenized, list(range(len(tokenized)))), share))
    return _Stage("warmup", steps, steps * config.gradient_accumulation_steps, chosen)


def _time_stage(
    stage: _Stage, model, precision: str, device: str, passes: int, meter: _Meter
) -> float:
    """Seconds of forward + backward of the stage's mean batch (its sampled batches, weighted).

    First one untimed pass of the costliest sampled batch: the memory a pass needs grows to
    that batch's once, as in a run, which pays it at its first long batch and reuses it for
    thousands of steps. Without it the first estimate after loading a model came out 10–25 %
    above the next ones (on «Calidad»: 465 s, then 358 s and 379 s; with it 411, 403, 410 s).
    A batch of a new shape costs no more the first time it is seen than the next (also
    measured there), so each sampled batch is then timed ``passes`` times from the first."""
    meter.start(stage.name)
    costliest = stage.batches[-1][0]  # the batches are in order of cost
    _time_passes(model, costliest, precision, device, 0, meter, untimed=1)
    return sum(
        share * _time_passes(model, batch, precision, device, passes, meter, untimed=0)
        for batch, share in stage.batches
    )


def _validation_batches(
    bundle: ModelBundle, validation, config: TrainingConfig
) -> tuple[list[tuple[dict[str, Any], float]], int]:
    """Sampled batches of the validation split (see :func:`_sample`), and how many it has."""
    size = config.batch_size
    lengths = list(validation["length"])
    targets = _target_lengths(bundle, validation)
    batches = [list(range(i, min(i + size, len(lengths)))) for i in range(0, len(lengths), size)]

    def cost(batch: list[int]) -> float:
        return len(batch) * (max(lengths[i] for i in batch) + max(targets[i] for i in batch))

    return [
        (_collate(bundle, validation, batch), share)
        for batch, share in _sample(batches, cost, VALIDATION_SAMPLED, config.seed)
    ], len(batches)


def _measure_saving(bundle: ModelBundle, model) -> _Saving:
    """Write the tokenizer and the model's weights (or a sample of them) to a temporary folder."""
    import tempfile

    import torch

    weight_bytes = sum(p.numel() * p.element_size() for p in model.parameters())
    with tempfile.TemporaryDirectory(prefix="widgets-llm-estimate-") as folder:
        started = time.perf_counter()
        bundle.tokenizer.save_pretrained(os.path.join(folder, "tokenizer"))
        tokenizer_seconds = time.perf_counter() - started
        sample = min(weight_bytes, 64 * 2**20) // 4
        started = time.perf_counter()
        torch.save(torch.zeros(max(1, sample)), os.path.join(folder, "sample.pt"))
        elapsed = time.perf_counter() - started
        bytes_per_second = (
            max(1e6, 4 * max(1, sample) / elapsed) if elapsed > 0 else SAVE_BYTES_PER_SECOND
        )
        if weight_bytes <= FULL_SAVE_LIMIT_BYTES and hasattr(model, "save_pretrained"):
            started = time.perf_counter()
            model.save_pretrained(os.path.join(folder, "model"))
            model_seconds = time.perf_counter() - started
        else:
            model_seconds = weight_bytes / bytes_per_second
    return _Saving(tokenizer_seconds, model_seconds, bytes_per_second)


def _reference_tokens(bundle: ModelBundle, summaries: list[str]) -> list[int]:
    """Tokens of each reference summary, and the end token: what a trained model writes."""
    ids = bundle.tokenizer(list(summaries), add_special_tokens=False)["input_ids"]
    return [len(row) + 1 for row in ids]


def _measure_final_evaluation(
    bundle: ModelBundle,
    test,
    config: TrainingConfig,
    device: str,
    pass_seconds: float,
    meter: _Meter,
) -> float:
    """Seconds of :func:`evaluation.evaluate_model` on the test split, as ``evaluate_and_save``
    runs it.

    One batch (in generation's order, shortest texts first) is summarized twice, cut short after
    :data:`SHORT_GENERATION_TOKENS` tokens and whole: the difference gives the cost of each token
    written, the rest the cost of starting a batch. Each batch of the test split then costs its
    start plus a token per token of its longest reference summary (a trained model writes about
    as much as it was trained to), within the generation's token limit. Then the scores and the
    perplexity of one batch, scaled.
    """
    from .evaluation import reference_loss
    from .generation import generate_summaries, settings_for
    from .scoring import lead_baseline, rouge

    meter.start("final_evaluation")
    texts, references = list(test["text"]), list(test["summary"])
    settings = settings_for(bundle, config)
    # In generate_summaries' order: shortest texts first.
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    batches = [
        order[i : i + FINAL_EVALUATION_BATCH] for i in range(0, len(order), FINAL_EVALUATION_BATCH)
    ]
    sample = batches[len(batches) // 2]
    if pass_seconds > 1.0:  # a big model: a few texts are enough to time (and take long enough)
        sample = sample[:4]
    sample_texts = [texts[i] for i in sample]
    short = replace(settings, max_new_tokens=SHORT_GENERATION_TOKENS)
    # The first generation sets up what the next ones reuse: not timed.
    generate_summaries(bundle, sample_texts[:1], short)
    meter.tick()
    started = time.perf_counter()
    generate_summaries(bundle, sample_texts, short)
    _synchronize(device)
    short_seconds = time.perf_counter() - started
    meter.tick()
    started = time.perf_counter()
    written = generate_summaries(bundle, sample_texts, settings)
    _synchronize(device)
    whole_seconds = time.perf_counter() - started
    meter.tick()
    written_tokens = max(_reference_tokens(bundle, [w or "." for w in written]))
    steps = max(written_tokens - SHORT_GENERATION_TOKENS, 1)
    per_token = (
        max(whole_seconds - short_seconds, 0.0) / steps
        if written_tokens > 2 * SHORT_GENERATION_TOKENS
        else whole_seconds / max(written_tokens, 1)
    )
    start = max(short_seconds - SHORT_GENERATION_TOKENS * per_token, 0.0)
    limit = _generation_limit(bundle, settings)
    wanted = _reference_tokens(bundle, references)
    generation = 0.0
    for batch in batches:  # a batch's cost grows with its rows (a sample may have fewer)
        tokens = min(limit, max(wanted[i] for i in batch))
        generation += len(batch) / len(sample) * (start + per_token * tokens)

    # Scores (the model's summaries and the lead baseline's) and the perplexity, one batch timed.
    sample_references = [references[i] for i in sample]
    rouge(written, sample_references, per_example=True)  # loads the metric (the run does too)
    started = time.perf_counter()
    rouge(written, sample_references, per_example=True)
    rouge(lead_baseline(sample_texts), sample_references, per_example=True)
    scoring = (time.perf_counter() - started) * len(texts) / len(sample)
    limits = LengthLimits(config.max_input_length, config.max_target_length)
    for _ in range(2):  # once untimed, once timed
        started = time.perf_counter()
        reference_loss(bundle, sample_texts, sample_references, limits, batch_size=len(sample))
    _synchronize(device)
    perplexity = (time.perf_counter() - started) * len(texts) / len(sample)
    meter.tick()
    return generation + scoring + perplexity


def _generation_limit(bundle: ModelBundle, settings) -> int:
    from .features import fitted_limits

    return fitted_limits(
        bundle, LengthLimits(settings.max_input_length, settings.max_new_tokens)
    ).max_target_length


def _sample_plan(passes: int, stages: int, pass_seconds: float) -> tuple[int, int]:
    """``(batches sampled per stage, passes of each)`` that keep the timing within
    :data:`MEASURE_BUDGET_SECONDS`: a slow model gets one pass per batch, then fewer batches."""
    if stages * SAMPLED_BATCHES * passes * pass_seconds > MEASURE_BUDGET_SECONDS:
        passes = 1
    fitting = int(MEASURE_BUDGET_SECONDS // max(stages * passes * pass_seconds, 1e-9))
    return max(1, min(SAMPLED_BATCHES, fitting)), passes


def _in_training_thread(function: Callable[[], Any]) -> Any:
    """``function()`` run in a new thread set up as a training thread (its thread count), as
    :meth:`TrainingRun.start` trains: the speed of a thread's parallel work depends on the
    thread (each has its own pool of workers), so the passes are timed where the run will make
    them, whichever thread asks for the estimate."""
    import threading

    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            import torch

            torch.set_num_threads(_training_threads())
            outcome["result"] = function()
        except BaseException as error:  # raised again in the caller's thread
            outcome["error"] = error

    thread = threading.Thread(target=run, name="widgets-llm-estimate", daemon=True)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def _measure(
    bundle: ModelBundle,
    measuring: ModelBundle,
    model,
    lora_count: int | None,
    config: TrainingConfig,
    precision: str,
    device: str,
    passes: int,
    meter: _Meter,
    *,
    train,
    rehearsal,
    warmup_examples: list,
    warmup_steps: int,
    validation,
    test,
    finetune_steps: int,
    updates_per_epoch: int,
    batches_per_epoch: int,
) -> dict[str, Any]:
    """Every timing of the estimate, on ``model`` prepared as the run will train it."""
    model.train()
    stages = 2 if warmup_steps else 1
    meter.total = (
        UNTIMED_PASSES
        + 1
        + stages * (1 + SAMPLED_BATCHES * passes)
        + (1 + VALIDATION_SAMPLED * passes if validation is not None else 0)
        + (4 if test is not None else 0)
        + 1
    )
    meter.start("training")
    first = _median_batch(bundle, train, config.batch_size)
    pass_seconds = _time_passes(model, first, precision, device, 1, meter, untimed=UNTIMED_PASSES)
    count, passes = _sample_plan(passes, stages, pass_seconds)
    finetune = _finetune_stage(
        bundle,
        train,
        rehearsal,
        config,
        finetune_steps,
        updates_per_epoch,
        batches_per_epoch,
        count,
    )
    warmup = None
    if warmup_steps:
        warmup = (
            _warmup_stage(bundle, warmup_examples, config, warmup_steps, count)
            if warmup_examples
            else replace(
                finetune,
                name="warmup",
                steps=warmup_steps,
                micro_batches=warmup_steps * config.gradient_accumulation_steps,
            )
        )
    val_batches, val_count = (
        _validation_batches(bundle, _tokenized(bundle, validation, config), config)
        if validation is not None
        else ([], 0)
    )
    meter.total = (
        meter.done
        + sum(1 + len(s.batches) * passes for s in (finetune, warmup) if s is not None)
        + (1 + len(val_batches) * passes if val_batches else 0)
        + (4 if test is not None else 0)
        + 1
    )

    warmup_batch_seconds = (
        _time_stage(warmup, model, precision, device, passes, meter) if warmup is not None else 0.0
    )
    batch_seconds = _time_stage(finetune, model, precision, device, passes, meter)
    trainable, total = _parameter_counts(model)
    if lora_count is not None:  # approximation on the base model: add the adapter
        trainable, total = lora_count, total + lora_count
    optimizer_seconds = _measure_optimizer_step(model, trainable, device)
    evaluation_pass = 0.0
    if val_batches:
        meter.start("evaluations")
        model.eval()
        # The first pass without gradients pays its own one-off costs: not timed.
        evaluation_pass = sum(
            share
            * _time_passes(
                model, batch, precision, device, passes, meter, untimed=int(k == 0), backward=False
            )
            for k, (batch, share) in enumerate(val_batches)
        )
        model.train()
    final_seconds = (
        _measure_final_evaluation(measuring, test, config, device, pass_seconds, meter)
        if test is not None
        else 0.0
    )
    meter.start("saving")
    saving = _measure_saving(bundle, bundle.model if lora_count is not None else model)
    meter.tick()
    return {
        "finetune": finetune,
        "warmup": warmup,
        "saving": saving,
        "batch_seconds": batch_seconds,
        "warmup_batch_seconds": warmup_batch_seconds,
        "optimizer_seconds": optimizer_seconds,
        "evaluation_pass": evaluation_pass,
        "val_count": val_count,
        "final_seconds": final_seconds,
        "trainable": trainable,
        "total": total,
        "model": model,
        "lora_count": lora_count,
    }


# --------------------------------------------------------------------------- the estimate


def estimate_training(
    bundle: ModelBundle,
    splits,
    config: TrainingConfig,
    *,
    measure_steps: int = 1,
    hardware: Hardware | None = None,
    extra_texts: list[str] | None = None,
    after_training: bool = True,
    on_progress: ProgressCallback | None = None,
    should_stop: StopCallback | None = None,
) -> TrainingEstimate:
    """Estimate the time and memory of training ``bundle`` on ``splits`` with ``config``.

    The time is the whole wait after «Entrenar», part by part (see the module docstring):
    the warm-up (when the run has one), the fine-tuning, the evaluations during training and,
    with ``after_training``, what :func:`pipeline.evaluate_and_save` does once training ended
    (the studio runs it after every training, a sweep after every run): the test split's
    summaries and scores, and saving the run.

    Parameters
    ----------
    bundle:
        The model to train; it is not changed (see the module docstring).
    splits:
        A ``DatasetDict`` with a ``train`` split (columns ``text``/``summary``, or already
        tokenized) and optionally ``validation`` and ``test``.
    config:
        The run's settings.
    measure_steps:
        Timed passes of each sampled batch (see :data:`SAMPLED_BATCHES`); their mean (without
        the slowest of four or more) is used. On a slow model fewer passes and batches are
        timed (see :data:`MEASURE_BUDGET_SECONDS`).
    hardware:
        The machine (default: :func:`detect_hardware`); tests pass a fake one.
    extra_texts:
        Plain texts added to the warm-up, as the run will get them.
    after_training:
        Include the evaluation on the test split and saving the run (default).
    on_progress:
        Called as ``on_progress(done, total, what)`` while measuring: ``done`` of ``total``
        measuring steps, ``what`` the part being measured (one of :data:`PARTS`). ``total``
        may shrink once the first passes show a slow model.
    should_stop:
        Polled between measuring steps; returning True stops with :class:`EstimateStopped`.

    Returns
    -------
    TrainingEstimate
    """
    from ..errors import TrainingError

    began = time.perf_counter()
    if "train" not in splits or len(splits["train"]) == 0:
        raise TrainingError("training.no_train_data")
    hardware = hardware or detect_hardware()
    model_type = getattr(getattr(bundle.model, "config", None), "model_type", "")
    precision = choose_precision(config.precision, model_type, hardware)
    device = _measuring_device(hardware)
    passes = max(1, int(measure_steps))
    meter = _Meter(0, on_progress, should_stop)
    meter.start("preparation")  # no step counted yet: the examples are being made

    # What the run prepares before its steps, done here too (and timed): the warm-up's examples,
    # the tokenized pairs, the replayed warm-up examples.
    started = time.perf_counter()
    plan, warmup_examples = _warmup_plan_and_examples(bundle, splits, config, extra_texts)
    warmup_steps = plan.steps if plan is not None and plan.enabled else 0
    warmup_preparation = time.perf_counter() - started
    meter.check()
    if warmup_steps and config.max_steps > 0:  # max_steps bounds both stages together
        config = replace(config, max_steps=max(1, config.max_steps - warmup_steps))
    started = time.perf_counter()
    train = _tokenized_train(bundle, splits, config)
    tokenizing = time.perf_counter() - started
    validation = (
        splits["validation"] if "validation" in splits and len(splits["validation"]) else None
    )
    test = splits["test"] if after_training and "test" in splits and len(splits["test"]) else None
    if test is not None and "text" not in test.column_names:
        test = None  # already tokenized: the texts to summarize are gone
    # The run tokenizes every split at once.
    others = sum(len(splits[name]) for name in splits if name != "train")
    training_preparation = (
        tokenizing * (len(train) + others) / len(train)
        if "text" in splits["train"].column_names
        else 0.0
    )
    started = time.perf_counter()
    rehearsal = _rehearsal(bundle, splits, plan, config, extra_texts) if warmup_steps else None
    training_preparation += time.perf_counter() - started
    meter.check()

    replayed = len(rehearsal) if rehearsal is not None else 0
    batches_per_epoch = math.ceil((len(train) + replayed) / config.batch_size)
    updates_per_epoch = max(math.ceil(batches_per_epoch / config.gradient_accumulation_steps), 1)
    finetune_steps = count_training_steps(len(train) + replayed, config)
    evaluations = (
        count_evaluations(finetune_steps, updates_per_epoch, config)
        if validation is not None
        else 0
    )
    # Checkpoints follow the evaluation schedule.
    saves = count_evaluations(finetune_steps, updates_per_epoch, config)

    def measure() -> dict[str, Any]:
        # Measuring runs the model: not while a run trains it (it moves it, switches its modes).
        with hold_model(bundle, "estimate"):
            model, preparation, lora_count = _measuring_model(bundle, config)
            measuring = bundle if model is bundle.model else replace(bundle, model=model)
            with _untouched(model, device), preparation:
                return _measure(
                    bundle,
                    measuring,
                    model,
                    lora_count,
                    config,
                    precision,
                    device,
                    passes,
                    meter,
                    train=train,
                    rehearsal=rehearsal,
                    warmup_examples=warmup_examples,
                    warmup_steps=warmup_steps,
                    validation=validation,
                    test=test,
                    finetune_steps=finetune_steps,
                    updates_per_epoch=updates_per_epoch,
                    batches_per_epoch=batches_per_epoch,
                )

    # A caller that holds the model's lease already (it is re-entrant, per thread) measures here.
    lease = getattr(bundle, "lease", None)
    held = isinstance(lease, ModelLease) and lease.held_by_me()
    measured = measure() if held else _in_training_thread(measure)
    finetune, warmup, saving = measured["finetune"], measured["warmup"], measured["saving"]
    batch_seconds, warmup_batch_seconds = (
        measured["batch_seconds"],
        measured["warmup_batch_seconds"],
    )
    optimizer_seconds, evaluation_pass, val_count = (
        measured["optimizer_seconds"],
        measured["evaluation_pass"],
        measured["val_count"],
    )
    final_seconds, trainable, total = (
        measured["final_seconds"],
        measured["trainable"],
        measured["total"],
    )
    model, lora_count = measured["model"], measured["lora_count"]

    step_overhead = optimizer_seconds + STEP_OVERHEAD_SECONDS
    seconds_per_step = (
        batch_seconds * finetune.micro_batches / max(finetune_steps, 1) + step_overhead
    )
    checkpoint = saving.checkpoint_seconds(trainable)
    training_seconds = (
        training_preparation
        + TRAINER_SETUP_SECONDS
        + finetune_steps * seconds_per_step
        + saves * checkpoint
    )
    evaluation_seconds = evaluations * (val_count * evaluation_pass + EVALUATION_OVERHEAD_SECONDS)
    save_seconds = 0.0
    if after_training:
        # The offline model's base weights are saved too.
        folders = 2 if bundle.source.kind == "offline" else 1
        save_seconds = (
            saving.tokenizer_seconds + folders * saving.folder_seconds + RUN_SAVE_FIXED_SECONDS
        )
    warmup_seconds = 0.0
    warmup_info = None
    if warmup is not None:
        from .training import WARMUP_SAVE_EVERY_STEPS

        warmup_step_seconds = (
            warmup_batch_seconds * warmup.micro_batches / warmup_steps + step_overhead
        )
        warmup_tokenizing = (
            _tokenizing_seconds(bundle, warmup_examples, config) if warmup_examples else 0.0
        )
        warmup_seconds = (
            warmup_preparation
            + warmup_tokenizing
            + TRAINER_SETUP_SECONDS
            + warmup_steps * warmup_step_seconds
            + (warmup_steps // WARMUP_SAVE_EVERY_STEPS) * checkpoint
            + saving.model_seconds
        )
        plan.seconds_per_step = warmup_step_seconds
        warmup_info = plan.to_dict()

    input_length = (
        max(train["length"])
        if bundle.architecture == "seq2seq"
        else max(sum(1 for label in labels if label == -100) for labels in train["labels"])
    )
    target_length = (
        max(len(labels) for labels in train["labels"])
        if bundle.architecture == "seq2seq"
        else max(sum(1 for label in labels if label != -100) for labels in train["labels"])
    )
    peak = estimate_peak_memory_gb(
        model if lora_count is None else bundle.model,
        trainable_parameters=trainable,
        total_parameters=total,
        batch_size=config.batch_size,
        input_length=input_length,
        target_length=target_length,
        precision=precision,
    )
    available = _available_memory_gb(hardware, bundle.model)
    parts = (warmup_seconds, training_seconds, evaluation_seconds, final_seconds, save_seconds)
    return TrainingEstimate(
        total_steps=finetune_steps + warmup_steps,
        seconds_per_step=seconds_per_step,
        total_seconds=sum(parts),
        peak_memory_gb=peak,
        available_memory_gb=available,
        fits=available is None or peak <= available,
        precision=precision,
        trainable_parameters=trainable,
        total_parameters=total,
        evaluations=evaluations,
        warmup_steps=warmup_steps,
        warmup_seconds=warmup_seconds,
        warmup=warmup_info,
        training_seconds=training_seconds,
        evaluation_seconds=evaluation_seconds,
        final_evaluation_seconds=final_seconds,
        final_examples=len(test) if test is not None else 0,
        save_seconds=save_seconds,
        measured_seconds=time.perf_counter() - began,
    )


def _warmup_plan_and_examples(
    bundle: ModelBundle, splits, config: TrainingConfig, extra_texts: list[str] | None
):
    """The run's warm-up plan and its examples in training order (``(None, [])`` without texts)."""
    from .warmup import plan_warmup, warmup_training_examples

    train = splits["train"]
    if (
        "text" not in train.column_names
    ):  # already tokenized: the texts are gone, no warm-up to time
        return None, []
    texts = _warmup_texts(splits, extra_texts)
    kind = bundle.source.kind
    plan = plan_warmup(
        texts,
        config,
        model_kind=kind,
        model_size=bundle.source.name if kind == "offline" else None,
        pairs=len(train),
    )
    if not plan.enabled:
        return plan, []
    return plan, warmup_training_examples(texts, plan, bundle, config)


def _warmup_texts(splits, extra_texts: list[str] | None) -> list[str]:
    """The texts of the warm-up, as :meth:`TrainingRun.warmup_texts` gives them."""
    return list(splits["train"]["text"]) + [
        text for text in (extra_texts or []) if isinstance(text, str) and text.strip()
    ]


def _rehearsal(
    bundle: ModelBundle, splits, plan, config: TrainingConfig, extra_texts: list[str] | None
):
    """The warm-up examples the fine-tuning replays, tokenized (``None`` for none)."""
    from .training import tokenize_examples
    from .warmup import rehearsal_examples

    if plan is None or not plan.enabled or plan.rehearsal <= 0:
        return None
    examples = rehearsal_examples(_warmup_texts(splits, extra_texts), plan, bundle, config)
    return tokenize_examples(examples, bundle, config) if examples else None


def _tokenizing_seconds(bundle: ModelBundle, examples: list, config: TrainingConfig) -> float:
    """Seconds the run takes to tokenize ``examples`` (a sample is tokenized and timed)."""
    from .training import tokenize_examples

    sample = examples[:: max(1, len(examples) // 256)]
    started = time.perf_counter()
    tokenize_examples(sample, bundle, config)
    return (time.perf_counter() - started) * len(examples) / max(1, len(sample))
