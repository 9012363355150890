"""How long a training run will take and how much memory it needs, before it starts.

The time is *measured*, not guessed: a few forward and backward passes on a real batch of
median-length examples, under the precision the run will use. The memory is computed from the
model's sizes and the longest examples with the formula of :mod:`.cost`, the one checked
against the catalog's measured models (see :func:`estimate_peak_memory_gb`). Nothing here
changes the model: no optimizer steps, gradients are cleared, train/eval modes and the random
number generators are restored, so a run after an estimate is the same as a run without one.
"""
from __future__ import annotations

import contextlib
import copy
import math
import os
import time
from dataclasses import asdict, dataclass, replace
from typing import Any

from .lease import hold_model
from ..messages import t
from .config import TrainingConfig
from .cost import ADAM_BYTES, WEIGHT_BYTES, ModelSizes, memory_parts
from .features import LengthLimits, data_collator, tokenize_splits
from .hardware import Hardware, choose_precision, detect_hardware
from .models import ModelBundle, default_lora_targets

#: Below this size a LoRA estimate applies the adapter to a copy of the model (exact cost);
#: above it, copying would double the memory, so the cost is approximated (see
#: :func:`_lora_approximation`).
LORA_COPY_LIMIT = 300_000_000

#: Forward-only passes (evaluation) cost about a third of forward + backward.
FORWARD_SHARE = 1 / 3
#: What the Trainer adds to every step besides the model (batch padding, gradient clipping,
#: scheduler, callbacks), seen at about 10 ms on a 2-core CPU; it matters for tiny models only.
STEP_OVERHEAD_SECONDS = 0.01
#: Writing a checkpoint (weights, Adam moments, state): a fixed cost plus bytes at disk speed.
SAVE_FIXED_SECONDS = 0.1
SAVE_BYTES_PER_SECOND = 200e6

GB = 2**30


@dataclass
class TrainingEstimate:
    """What a run will cost, known before it starts.

    Attributes
    ----------
    total_steps: optimizer steps the run will make (what the Trainer computes).
    seconds_per_step: measured seconds of one optimizer step (forward + backward of every
        accumulated batch, plus the optimizer update) plus the Trainer's small overhead.
    total_seconds: steps × seconds per step, plus the evaluations on the validation split and
        the checkpoints written.
    peak_memory_gb: estimated peak memory of training, in GiB.
    available_memory_gb: memory the run can use (free memory plus what the model already
        holds on the CPU), in GiB; ``None`` when unknown.
    fits: whether the peak is within the available memory (``True`` when unknown).
    precision: ``"fp32"``, ``"bf16"`` or ``"fp16"``, as the run will use.
    trainable_parameters, total_parameters: parameter counts during the run (LoRA included).
    evaluations: how many times the validation split will be evaluated.
    warmup_steps, warmup_seconds: the warm-up stage's part of ``total_steps`` and
        ``total_seconds`` (0 without a warm-up); its steps are timed on warm-up examples.
    warmup: the warm-up plan (:meth:`warmup.WarmupPlan.to_dict`, with its time), or ``None``.
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

    @property
    def warning_key(self) -> str | None:
        """Catalog key of the warning to show (``"training.estimate.too_big"``), or ``None``."""
        return None if self.fits else "training.estimate.too_big"

    def warnings(self, lang: str | None = None) -> list[str]:
        """The warnings as user texts (each with what to do)."""
        if self.warning_key is None:
            return []
        params = {"memory": format_memory(self.peak_memory_gb), "available": format_memory(self.available_memory_gb)}
        return [f"{t(self.warning_key, lang, **params)} {t(self.warning_key + '.suggestion', lang)}"]

    def message(self, lang: str | None = None) -> str:
        """One paragraph for the user: time, steps, memory and, if it does not fit, a warning."""
        text = t(
            "training.estimate",
            lang,
            time=format_duration(self.total_seconds, lang),
            steps=self.total_steps,
            seconds_per_step=self.seconds_per_step,
            memory=format_memory(self.peak_memory_gb),
        )
        if self.warmup_steps:
            text += " " + t(
                "training.estimate.warmup",
                lang,
                time=format_duration(self.warmup_seconds, lang),
                steps=self.warmup_steps,
                finetune_time=format_duration(self.total_seconds - self.warmup_seconds, lang),
                finetune_steps=self.total_steps - self.warmup_steps,
            )
        return " ".join([text, *self.warnings(lang)])

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "warning": self.warning_key}


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


def format_memory(gb: float | None) -> str:
    """Memory for people: ``"350 MB"`` or ``"1.2 GB"`` (GiB and MiB, as operating systems show)."""
    if gb is None or not math.isfinite(gb):
        return "?"
    if gb < 1:
        return f"{max(1, round(gb * 1024))} MB"
    return f"{gb:.1f} GB"


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


def _tokenized_train(bundle: ModelBundle, splits, config: TrainingConfig):
    train = splits["train"]
    if "input_ids" in train.column_names:  # already tokenized (e.g. ``TrainingRun.tokenized()``)
        return train
    from datasets import DatasetDict

    limits = LengthLimits(config.max_input_length, config.max_target_length)
    return tokenize_splits(DatasetDict(train=train), bundle, limits)["train"]


def _median_batch(bundle: ModelBundle, train, batch_size: int) -> dict[str, Any]:
    """A padded batch of the examples whose lengths are closest to the median length."""
    lengths = list(train["length"])
    median = sorted(lengths)[len(lengths) // 2]
    closest = sorted(range(len(lengths)), key=lambda i: (abs(lengths[i] - median), i))[:batch_size]
    features = [{k: v for k, v in train[i].items() if k != "length"} for i in closest]
    return data_collator(bundle)(features)


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


def _measure_forward_backward(model, batch: dict[str, Any], precision: str, device: str, steps: int) -> float:
    """Seconds of one forward + backward pass (median of ``steps`` after one warm-up pass)."""
    import torch

    batch = {k: v.to(device) if hasattr(v, "to") else v for k, v in batch.items()}
    times: list[float] = []
    for index in range(steps + 1):
        _synchronize(device)
        started = time.perf_counter()
        with _autocast(precision, device):
            loss = model(**batch).loss
        loss.backward()
        _synchronize(device)
        if index:  # the first pass pays one-off costs (kernel selection, allocations)
            times.append(time.perf_counter() - started)
        model.zero_grad(set_to_none=True)
        del loss
    times.sort()
    return times[(len(times) - 1) // 2]  # the median (the lower one of an even count)


def _measure_optimizer_step(trainable: int, device: str) -> float:
    """Seconds of one AdamW update of ``trainable`` parameters, timed on a stand-in tensor.

    The model's own optimizer is never built: a tensor of up to two million values gets two
    AdamW steps and the time is scaled to the real count (the update is linear in size).
    """
    import torch

    if trainable <= 0:
        return 0.0
    size = min(trainable, 2_000_000)
    stand_in = torch.zeros(size, device=device, requires_grad=True)
    stand_in.grad = torch.ones(size, device=device)
    optimizer = torch.optim.AdamW([stand_in], lr=1e-3)
    optimizer.step()  # warm-up: creates the moments
    _synchronize(device)
    started = time.perf_counter()
    optimizer.step()
    _synchronize(device)
    return (time.perf_counter() - started) * trainable / size


@contextlib.contextmanager
def _untouched(model, device: str):
    """Restore modes, gradients flags, device and random generators after measuring."""
    import torch

    modes = {module: module.training for module in model.modules()}
    flags = {parameter: parameter.requires_grad for parameter in model.parameters()}
    first = next(model.parameters(), None)
    original_device = first.device if first is not None else torch.device("cpu")
    threads = torch.get_num_threads()
    cuda_devices = list(range(torch.cuda.device_count())) if torch.cuda.is_available() else []
    try:
        # Same thread count as the training thread (TrainingRun sets it there).
        torch.set_num_threads(max(1, os.cpu_count() or 1))
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
    if hardware.device == "mps" and getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
        return "mps"
    return "cpu"


# --------------------------------------------------------------------------- the estimate

def estimate_training(
    bundle: ModelBundle,
    splits,
    config: TrainingConfig,
    *,
    measure_steps: int = 2,
    hardware: Hardware | None = None,
    extra_texts: list[str] | None = None,
) -> TrainingEstimate:
    """Estimate the time and memory of training ``bundle`` on ``splits`` with ``config``.

    With a warm-up (see :func:`warmup.plan_warmup`) the estimate covers both stages: the
    warm-up's steps are timed on a batch of its own examples, which are shorter than the pairs.

    Parameters
    ----------
    bundle:
        The model to train; it is not changed (see the module docstring).
    splits:
        A ``DatasetDict`` with a ``train`` split (columns ``text``/``summary``, or already
        tokenized) and optionally ``validation``.
    config:
        The run's settings.
    measure_steps:
        Timed forward + backward passes (after one warm-up pass); the median is used.
    hardware:
        The machine (default: :func:`detect_hardware`); tests pass a fake one.
    extra_texts:
        Plain texts added to the warm-up, as the run will get them.

    Returns
    -------
    TrainingEstimate
    """
    from ..errors import TrainingError

    if "train" not in splits or len(splits["train"]) == 0:
        raise TrainingError("training.no_train_data")
    hardware = hardware or detect_hardware()
    model_type = getattr(getattr(bundle.model, "config", None), "model_type", "")
    precision = choose_precision(config.precision, model_type, hardware)
    device = _measuring_device(hardware)

    plan, warmup_batch = _warmup_plan_and_batch(bundle, splits, config, extra_texts)
    warmup_steps = plan.steps if plan is not None and plan.enabled else 0
    if warmup_steps and config.max_steps > 0:  # max_steps bounds both stages together
        config = replace(config, max_steps=max(1, config.max_steps - warmup_steps))
    train = _tokenized_train(bundle, splits, config)
    replayed = plan.rehearsal if warmup_steps else 0  # warm-up examples replayed in fine-tuning
    batches_per_epoch = math.ceil((len(train) + replayed) / config.batch_size)
    updates_per_epoch = max(math.ceil(batches_per_epoch / config.gradient_accumulation_steps), 1)
    total_steps = count_training_steps(len(train) + replayed, config)
    validation = splits["validation"] if "validation" in splits else None
    validation_size = len(validation) if validation is not None else 0
    evaluations = count_evaluations(total_steps, updates_per_epoch, config) if validation_size else 0

    batch = _median_batch(bundle, train, config.batch_size)
    # Measuring runs the model: not while a run trains it (it would move it and switch its modes).
    with hold_model(bundle, "estimate"):
        model, preparation, lora_count = _measuring_model(bundle, config)
        with _untouched(model, device), preparation:
            model.train()
            batch_seconds = _measure_forward_backward(model, batch, precision, device, max(1, measure_steps))
            warmup_batch_seconds = (
                _measure_forward_backward(model, warmup_batch, precision, device, max(1, measure_steps)) if warmup_steps else 0.0
            )
            trainable, total = _parameter_counts(model)
            if lora_count is not None:  # approximation on the base model: add the adapter
                trainable, total = lora_count, total + lora_count
            optimizer_seconds = _measure_optimizer_step(trainable, device)

    seconds_per_step = batch_seconds * config.gradient_accumulation_steps + optimizer_seconds + STEP_OVERHEAD_SECONDS
    evaluation_seconds = math.ceil(validation_size / config.batch_size) * batch_seconds * FORWARD_SHARE
    # Checkpoints follow the evaluation schedule (each epoch, or every eval_every_steps).
    saves = count_evaluations(total_steps, updates_per_epoch, config)
    save_seconds = SAVE_FIXED_SECONDS + (WEIGHT_BYTES * total + ADAM_BYTES * trainable) / SAVE_BYTES_PER_SECOND
    total_seconds = total_steps * seconds_per_step + evaluations * evaluation_seconds + saves * save_seconds
    warmup_seconds = 0.0
    warmup_info = None
    if warmup_steps:
        from .training import WARMUP_SAVE_EVERY_STEPS

        warmup_step_seconds = warmup_batch_seconds * config.gradient_accumulation_steps + optimizer_seconds + STEP_OVERHEAD_SECONDS
        warmup_seconds = warmup_steps * warmup_step_seconds + (warmup_steps // WARMUP_SAVE_EVERY_STEPS + 1) * save_seconds
        plan.seconds_per_step = warmup_step_seconds
        warmup_info = plan.to_dict()
    total_seconds += warmup_seconds
    total_steps += warmup_steps

    input_length = max(train["length"]) if bundle.architecture == "seq2seq" else max(
        sum(1 for label in labels if label == -100) for labels in train["labels"]
    )
    target_length = max(len(labels) for labels in train["labels"]) if bundle.architecture == "seq2seq" else max(
        sum(1 for label in labels if label != -100) for labels in train["labels"]
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
    return TrainingEstimate(
        total_steps=total_steps,
        seconds_per_step=seconds_per_step,
        total_seconds=total_seconds,
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
    )


def _warmup_plan_and_batch(bundle: ModelBundle, splits, config: TrainingConfig, extra_texts: list[str] | None):
    """The run's warm-up plan and a median-length batch of its examples (``(None, None)`` without texts)."""
    from .warmup import plan_warmup, warmup_training_examples

    train = splits["train"]
    if "text" not in train.column_names:  # already tokenized: the texts are gone, no warm-up to time
        return None, None
    texts = list(train["text"]) + [text for text in (extra_texts or []) if isinstance(text, str) and text.strip()]
    kind = bundle.source.kind
    plan = plan_warmup(texts, config, model_kind=kind, model_size=bundle.source.name if kind == "offline" else None,
                       pairs=len(train))
    if not plan.enabled:
        return plan, None
    from .training import tokenize_examples

    examples = warmup_training_examples(texts, plan, bundle, config)
    if not examples:
        return plan, None
    # A sample of the schedule is enough to find the median length (the schedule is long).
    sample = examples[:: max(1, len(examples) // 256)]
    tokenized = tokenize_examples(sample, bundle, config)
    return plan, _median_batch(bundle, tokenized, config.batch_size)
