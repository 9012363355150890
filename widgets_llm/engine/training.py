"""Training runs: Hugging Face ``Trainer`` in a background thread that emits events.

The loop knows nothing of display. A run emits :class:`TrainingEvent` objects to any number of
subscribers (a live chart, a CLI progress line, a test); :meth:`TrainingRun.stop` is the only way
back in, and it stops cleanly at the end of the current step, keeping the last checkpoint.

A run may have two stages, each a ``Trainer`` of its own: a *warm-up* on self-supervised
examples made from plain texts (see :mod:`.warmup`; on by default for the offline model), then
the *fine-tuning* on the text/summary pairs. Events count steps across both stages and say
which stage they belong to; stop and resume work in either stage.
"""

from __future__ import annotations

import logging
import math
import os
import threading
import time
import warnings
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Literal

from . import distributed
from .lease import hold_model
from ..errors import TrainingError, WidgetsLLMError, as_user_error
from .config import TrainingConfig
from .features import LengthLimits, data_collator, tokenize_splits
from .hardware import choose_precision, detect_hardware
from .models import ModelBundle, default_lora_targets

logger = logging.getLogger(__name__)

EventKind = Literal["started", "step", "log", "evaluation", "finished", "stopped", "failed"]
Status = Literal["ready", "running", "stopping", "finished", "stopped", "failed"]
Stage = Literal["warmup", "finetune"]
STAGES: tuple[str, ...] = ("warmup", "finetune")


@dataclass(frozen=True)
class TrainingEvent:
    """Something that happened in a run. Fields a kind does not carry are ``None``.

    Attributes
    ----------
    kind: ``started``, ``step``, ``log`` (training loss), ``evaluation`` (validation loss and
        perplexity), ``finished``, ``stopped`` or ``failed``.
    step, max_steps, epoch: where the run is.
    loss: training loss (``log``).
    eval_loss, perplexity: validation loss and exp(validation loss) (``evaluation``).
    learning_rate: current learning rate (``log``).
    progress: fraction done, 0 to 1.
    elapsed, eta: seconds since the start and estimated seconds left.
    tokens_per_second: input tokens (not padding) processed per second.
    error: the user-facing error (``failed``).
    stage: ``warmup`` or ``finetune``: the stage the event belongs to. ``step`` and
        ``max_steps`` count both stages together (fine-tuning step 1 follows the last warm-up
        step), so a chart draws one line with the stage boundary at ``warmup_steps``.
    stage_step, stage_max_steps: the step within the stage, and the steps the stage has.
    warmup_steps: warm-up steps of the run (0 when it has no warm-up).
    """

    kind: EventKind
    step: int = 0
    max_steps: int = 0
    epoch: float = 0.0
    loss: float | None = None
    eval_loss: float | None = None
    perplexity: float | None = None
    learning_rate: float | None = None
    progress: float = 0.0
    elapsed: float = 0.0
    eta: float | None = None
    tokens_per_second: float | None = None
    error: WidgetsLLMError | None = None
    stage: Stage = "finetune"
    stage_step: int = 0
    stage_max_steps: int = 0
    warmup_steps: int = 0


class TrainingListener:
    """Base class for subscribers: override the ``on_*`` methods you need (all no-ops here).

    A plain callable ``f(event)`` can subscribe too; it receives every event.
    """

    def on_start(self, event: TrainingEvent) -> None: ...
    def on_step(self, event: TrainingEvent) -> None: ...
    def on_log(self, event: TrainingEvent) -> None: ...
    def on_evaluate(self, event: TrainingEvent) -> None: ...
    def on_end(self, event: TrainingEvent) -> None:
        """Called once when the run finished, stopped or failed (see ``event.kind``)."""

    def __call__(self, event: TrainingEvent) -> None:
        handler = {
            "started": self.on_start,
            "step": self.on_step,
            "log": self.on_log,
            "evaluation": self.on_evaluate,
        }.get(event.kind, self.on_end)
        handler(event)


@dataclass
class TrainingResult:
    """What a run produced: final numbers and the whole log."""

    status: Status
    steps: int
    max_steps: int
    epoch: float
    elapsed: float
    final_loss: float | None
    eval_loss: float | None
    perplexity: float | None
    precision: str
    trainable_parameters: int
    total_parameters: int
    log_history: list[dict[str, Any]] = field(default_factory=list)
    error: WidgetsLLMError | None = None
    warmup_steps: int = 0
    warmup: dict[str, Any] | None = None
    #: Processes that trained together (data parallelism, see :mod:`.distributed`).
    processes: int = 1

    def to_dict(self) -> dict[str, Any]:
        data = {k: v for k, v in self.__dict__.items() if k != "error"}
        data["error"] = self.error.one_line() if self.error else None
        return data


def safe_perplexity(loss: float | None) -> float | None:
    if loss is None or math.isnan(loss):
        return None
    return math.exp(loss) if loss < 700 else float("inf")


def apply_lora(bundle: ModelBundle, config: TrainingConfig) -> None:
    """Wrap the bundle's model with a LoRA adapter (once); only the adapter will train."""
    from peft import LoraConfig, PeftModel, TaskType, get_peft_model

    if isinstance(bundle.model, PeftModel):
        return
    targets = list(config.lora_target_modules) or default_lora_targets(bundle.model)
    lora = LoraConfig(
        task_type=TaskType.SEQ_2_SEQ_LM if bundle.architecture == "seq2seq" else TaskType.CAUSAL_LM,
        r=config.lora_r,
        lora_alpha=config.lora_alpha,
        lora_dropout=config.lora_dropout,
        target_modules=targets,
        fan_in_fan_out=getattr(bundle.model.config, "model_type", "") == "gpt2",
    )
    with warnings.catch_warnings():
        # peft reads model.is_gradient_checkpointing, which transformers 5 deprecates with a
        # FutureWarning a learner cannot act on (it showed in the course's LoRA cell).
        warnings.filterwarnings("ignore", message=".*is_gradient_checkpointing.*")
        bundle.model = get_peft_model(bundle.model, lora)
    bundle.extra["lora"] = True


def keep_initial_weights(bundle: ModelBundle) -> None:
    """Remember an offline model's initial weights: they are its base model on a later day."""
    if bundle.source.kind == "offline" and "initial_state" not in bundle.extra:
        bundle.extra["initial_state"] = {
            k: v.detach().clone() for k, v in bundle.model.state_dict().items()
        }


def restore_base_weights(bundle: ModelBundle) -> bool:
    """Put the base model back into ``bundle``, in place, so that the next run starts from it.

    A run trains its bundle's model in place; a second run on the same bundle would go on from
    the tuned weights. This undoes that: an offline model gets its initial weights back
    (``bundle.extra["initial_state"]``), a LoRA model loses its adapter (the frozen base
    weights remain), and a pretrained model fine-tuned in full is loaded again from its source
    (its folder or the download cache). The bundle object stays the same, so whatever shows it
    keeps working. Returns whether anything was trained before (False: nothing to undo).
    """
    with hold_model(bundle, "restore"):
        return _restore_held(bundle)


def _restore_held(bundle: ModelBundle) -> bool:
    bundle.extra.pop("warmup_state", None)
    if not bundle.extra.pop("trained", False):
        return False
    from .evaluation import is_lora_bundle

    if is_lora_bundle(bundle):
        # unload() removes the LoRA layers without merging them: the frozen base remains.
        bundle.model = bundle.model.unload()
    elif bundle.source.kind == "offline":
        initial = bundle.extra.get("initial_state")
        if initial is not None:
            bundle.model.load_state_dict(initial)
    else:
        from .models import load_pretrained

        bundle.model = load_pretrained(bundle.source.name, kind=bundle.source.kind).model
    bundle.model.eval()
    return True


class _LengthDroppingCollator:
    """Pads a batch after dropping the ``length`` column kept for length grouping."""

    def __init__(self, inner):
        self.inner = inner

    def __call__(self, features):
        return self.inner([{k: v for k, v in f.items() if k != "length"} for f in features])


class TrainingRun:
    """A training run of ``bundle`` on ``splits`` (a ``DatasetDict`` with ``text``/``summary``).

    Use :meth:`start` to train in a background thread (notebooks, dashboards) or :meth:`run`
    to train in the calling thread (CLI, scripts). Subscribe before starting to see every event.

    With a warm-up (``config.warmup``: ``auto`` warms up the offline model, ``on`` any model,
    ``off`` none) the run first trains on examples made from the training texts and
    ``extra_texts`` (:meth:`warmup_plan` says how many and how long), then fine-tunes on the
    pairs. Each stage has its own ``Trainer`` and checkpoints (the warm-up's in
    ``checkpoints/warmup``); :meth:`stop` and ``resume`` work in either.

    Attributes
    ----------
    status: ``ready``, ``running``, ``stopping``, ``finished``, ``stopped`` or ``failed``.
    stage: the stage running or last run: ``warmup`` or ``finetune``.
    history: every event emitted so far.
    result: the :class:`TrainingResult` once the run ended.
    trainer: the ``transformers`` Trainer of the latest stage started (``None`` before), to
        inspect its arguments; do not drive it directly.
    extra_texts: plain texts (no summaries) added to the training texts for the warm-up.
    """

    def __init__(
        self,
        bundle: ModelBundle,
        splits,
        config: TrainingConfig,
        output_dir: str | Path,
        *,
        extra_texts: list[str] | None = None,
    ):
        self.bundle = bundle
        self.splits = splits
        self.config = config
        self.output_dir = Path(output_dir)
        self.extra_texts = [
            text for text in (extra_texts or []) if isinstance(text, str) and text.strip()
        ]
        self.status: Status = "ready"
        self.stage: Stage = "finetune"
        self.history: list[TrainingEvent] = []
        self.result: TrainingResult | None = None
        self.precision = "fp32"
        self._listeners: list[Callable[[TrainingEvent], None]] = []
        self._stop_requested = threading.Event()
        self._thread: threading.Thread | None = None
        self._tokenized = None
        self._warmup_plan = None
        self._warmup_dataset = None
        self._rehearsal_dataset = None
        self._lock = threading.Lock()
        self.trainer = None
        # Where the current start began (a resumed run starts past 0): for eta and tokens/s.
        self._start_step = 0
        self._tokens_done = self._stage_start_tokens = 0
        self._begun = False
        self._clock_start = time.perf_counter()

    # ------------------------------------------------------------------ subscribers
    def subscribe(self, listener: Callable[[TrainingEvent], None]) -> Callable[[], None]:
        """Receive every event from now on; returns a function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _emit(self, event: TrainingEvent) -> None:
        self.history.append(event)
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:  # a broken display must never break training, but leaves a trace
                logger.exception("training listener %r failed on a %s event", listener, event.kind)

    # ------------------------------------------------------------------ the warm-up
    def warmup_texts(self) -> list[str]:
        """The plain texts of the warm-up: the training texts, then the extra texts."""
        train = self.splits["train"] if "train" in self.splits else None
        texts = list(train["text"]) if train is not None and "text" in train.column_names else []
        return texts + self.extra_texts

    def warmup_plan(self):
        """The :class:`~.warmup.WarmupPlan` of this run (made once; ``enabled`` False without
        one)."""
        if self._warmup_plan is None:
            from .warmup import plan_warmup

            train = self.splits["train"] if "train" in self.splits else []
            self._warmup_plan = plan_warmup(
                self.warmup_texts(),
                self._config_per_step(),
                model_kind=self.bundle.source.kind,
                model_size=self.bundle.source.name
                if self.bundle.source.kind == "offline"
                else None,
                pairs=len(train),
            )
        return self._warmup_plan

    @property
    def warmup_steps(self) -> int:
        """Steps of the warm-up stage (0 without one)."""
        plan = self.warmup_plan()
        return plan.steps if plan.enabled else 0

    def finetune_steps(self) -> int:
        """Steps of the fine-tuning stage, as its ``Trainer`` will count them."""
        from .estimate import count_training_steps

        train = self.splits["train"] if "train" in self.splits else []
        plan = self.warmup_plan()
        replayed = plan.rehearsal if plan.enabled else 0
        per_step = self._config_per_step(self._finetune_config())
        return count_training_steps(len(train) + replayed, per_step)

    def _config_per_step(self, config: TrainingConfig | None = None) -> TrainingConfig:
        """``config`` with the batch of one step of all the processes together.

        ``batch_size`` is each process's; with N processes a step learns from N batches, and
        the steps a run counts (and the warm-up's examples per step) follow that.
        """
        config = config or self.config
        processes = distributed.world_size()
        if processes == 1:
            return config
        return replace(config, batch_size=config.batch_size * processes)

    def _finetune_config(self) -> TrainingConfig:
        # max_steps bounds the whole run: the warm-up's share comes out of it.
        if self.config.max_steps > 0 and self.warmup_steps:
            return replace(self.config, max_steps=max(1, self.config.max_steps - self.warmup_steps))
        return self.config

    def warmup_dataset(self):
        """The warm-up's examples, tokenized, in training order (computed once)."""
        if self._warmup_dataset is None:
            from .warmup import warmup_training_examples

            examples = warmup_training_examples(
                self.warmup_texts(), self.warmup_plan(), self.bundle, self.config
            )
            self._warmup_dataset = tokenize_examples(examples, self.bundle, self.config)
        return self._warmup_dataset

    def finetune_dataset(self):
        """The fine-tuning's examples, tokenized: the training pairs, and after a warm-up the
        warm-up examples it replays (``plan.rehearsal`` of them; see :mod:`.warmup`)."""
        train = self.tokenized()["train"]
        plan = self.warmup_plan()
        if not plan.enabled or plan.rehearsal <= 0:
            return train
        if self._rehearsal_dataset is None:
            from .warmup import rehearsal_examples

            examples = rehearsal_examples(self.warmup_texts(), plan, self.bundle, self.config)
            self._rehearsal_dataset = (
                tokenize_examples(examples, self.bundle, self.config) if examples else None
            )
        if self._rehearsal_dataset is None:
            return train
        from datasets import concatenate_datasets

        return concatenate_datasets([train, self._rehearsal_dataset.cast(train.features)])

    @property
    def warmup_dir(self) -> Path:
        return self.checkpoint_dir / "warmup"

    def _warmup_done_marker(self) -> Path:
        return self.warmup_dir / "done.json"

    def _warmup_weights_path(self) -> Path:
        return self.warmup_dir / "weights.pt"

    def warmup_finished(self) -> bool:
        """Whether this run's warm-up ran to its end (in this folder)."""
        return self._warmup_done_marker().is_file() and self._warmup_weights_path().is_file()

    # ------------------------------------------------------------------ control
    @property
    def checkpoint_dir(self) -> Path:
        return self.output_dir / "checkpoints"

    def last_checkpoint(self) -> Path | None:
        """The fine-tuning stage's latest checkpoint (``None`` before it saved one)."""
        return _latest_checkpoint(self.checkpoint_dir)

    def last_warmup_checkpoint(self) -> Path | None:
        """The warm-up stage's latest checkpoint (``None`` before it saved one)."""
        return _latest_checkpoint(self.warmup_dir)

    def can_resume(self) -> bool:
        """Whether a checkpoint of either stage was saved in ``output_dir``."""
        return (
            self.last_checkpoint() is not None
            or self.last_warmup_checkpoint() is not None
            or self.warmup_finished()
        )

    def start(self, resume: bool = False) -> "TrainingRun":
        """Train in a background thread; returns at once.

        Raises
        ------
        TrainingError
            ``training.already_running`` while a run is going; ``training.no_checkpoint`` when
            ``resume`` is asked and no checkpoint was saved in ``output_dir``.
        """
        with self._lock:
            self._check_can_start(resume)
            self.status = "running"
            self._stop_requested.clear()
            self._thread = threading.Thread(
                target=self._run_safely,
                args=(resume, True),
                name="widgets-llm-training",
                daemon=True,
            )
            self._thread.start()
        return self

    def run(self, resume: bool = False) -> TrainingResult:
        """Train in the calling thread; returns the result (also for failed runs).

        Raises the same :class:`TrainingError` as :meth:`start` before training begins.
        """
        with self._lock:
            self._check_can_start(resume)
            self.status = "running"
            self._stop_requested.clear()
        self._run_safely(resume, False)
        assert self.result is not None
        return self.result

    def _check_can_start(self, resume: bool) -> None:
        # Raised at once, before any thread starts: the caller can show it and nothing changed.
        if self.status in ("running", "stopping"):
            raise TrainingError("training.already_running")
        if resume and not self.can_resume():
            raise TrainingError("training.no_checkpoint")

    def stop(self) -> None:
        """Ask the run to stop at the end of the current step; the checkpoint is kept.

        The status moves under the run's lock, as the run's own end does: a stop that races the
        last step leaves the run "stopped" or "finished", never "stopping" for ever.
        """
        with self._lock:
            if self.status == "running":
                self.status = "stopping"
            self._stop_requested.set()

    def join(self, timeout: float | None = None) -> TrainingResult | None:
        if self._thread is not None:
            self._thread.join(timeout)
        return self.result

    @property
    def is_alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # ------------------------------------------------------------------ the work
    def _run_safely(self, resume: bool, in_thread: bool) -> None:
        if in_thread:
            import torch

            # set_num_threads is per thread: without it a new thread may use a single core.
            torch.set_num_threads(max(1, os.cpu_count() or 1))
        started = self._clock_start = time.perf_counter()
        self._start_step = 0
        self._tokens_done = self._stage_start_tokens = 0
        self._begun = False
        self._warmup_log: list[dict[str, Any]] = []
        self.stage = "finetune"
        self._trainer_now = None
        final: TrainingEvent | None = None
        try:
            # The model is this run's alone until it ends (see lease.py): nothing else may use it.
            with hold_model(self.bundle, "training"):
                final = self._train(resume, started)
        except BaseException as exc:  # every failure leaves a consistent, restartable run
            from .lease import ModelBusy

            # A busy model was never touched: leave it as the other work has it.
            final = self._finish(
                self._trainer_now,
                "failed",
                started,
                self._user_error(exc),
                touch_model=not isinstance(exc, ModelBusy),
            )
            if isinstance(exc, KeyboardInterrupt):
                self._emit(final)
                raise
        # Announced once the lease is free: a listener may start other work on the model.
        self._emit(final)

    def _train(self, resume: bool, started: float) -> "TrainingEvent":
        """Both stages and the final evaluation; returns the final event (to emit)."""
        if resume and not self.can_resume():
            raise TrainingError("training.no_checkpoint")
        if self.warmup_steps:
            if "train" in self.splits and len(self.splits["train"]):
                self.tokenized()  # before the warm-up changes the model that datasets fingerprints
            if not resume and distributed.is_main_process():
                _remove_folder(self.warmup_dir)  # a new run: an old warm-up must not count
            distributed.barrier()  # no process looks at the folder before it is cleared
            if not self.warmup_finished():
                trainer = self._trainer_now = self._run_stage(
                    "warmup", self.last_warmup_checkpoint() if resume else None
                )
                if trainer.state.global_step >= self.warmup_steps:
                    self._save_warmup(trainer)  # done, even if a stop came at its last step
                if self._stop_requested.is_set():
                    return self._finish(trainer, "stopped", started, None)
            elif self.last_checkpoint() is None:
                self._load_warmup()  # resumed between the stages: fine-tuning starts from it
            else:
                self._remember_warmup_state(self._load_warmup_state())
        trainer = self._trainer_now = self._run_stage(
            "finetune", self.last_checkpoint() if resume else None
        )
        self._final_evaluation(trainer)
        status: Status = "stopped" if self._stop_requested.is_set() else "finished"
        return self._finish(trainer, status, started, None)

    def _run_stage(self, stage: Stage, checkpoint: Path | None):
        self.stage = stage
        trainer = self._build_trainer(stage)
        trainer.train(resume_from_checkpoint=str(checkpoint) if checkpoint else None)
        # The next stage's Trainer would wrap the model's forward in autocast once more.
        _remove_precision_wrapper(self.bundle.model)
        failure = self._nan_failure
        if failure is not None:
            raise failure
        if stage == "warmup":
            self._warmup_log = [{**entry, "stage": "warmup"} for entry in trainer.state.log_history]
            self._tokens_done += (
                getattr(trainer.state, "num_input_tokens_seen", 0) or 0
            ) - self._stage_start_tokens
        return trainer

    def _save_warmup(self, trainer) -> None:
        """Keep the warmed-up weights: fine-tuning starts from them, also after a restart."""
        state = _plain_state(self.bundle.model)
        self._write_warmup(state, trainer.state.global_step)
        distributed.barrier()  # a resume in any process finds the file complete
        self._remember_warmup_state(state)

    @distributed.main_process_only  # the other processes hold the same weights: one file
    def _write_warmup(self, state: dict[str, Any], steps: int) -> None:
        import json

        import torch

        self.warmup_dir.mkdir(parents=True, exist_ok=True)
        torch.save(state, self._warmup_weights_path())
        done = {"steps": steps, "plan": self.warmup_plan().to_dict()}
        self._warmup_done_marker().write_text(
            json.dumps(done, ensure_ascii=False, default=str), encoding="utf-8"
        )

    def _load_warmup_state(self) -> dict[str, Any]:
        import torch

        return torch.load(self._warmup_weights_path(), map_location="cpu", weights_only=True)

    def _load_warmup(self) -> None:
        state = self._load_warmup_state()
        keep_initial_weights(self.bundle)  # before they are replaced: the base model of later days
        if self.config.use_lora:
            apply_lora(self.bundle, self.config)  # the saved weights include the adapter's
        self.bundle.model.load_state_dict(state)
        self._remember_warmup_state(state)

    def _remember_warmup_state(self, state: dict[str, Any]) -> None:
        # The model after the warm-up only: evaluation compares it with the base and the tuned.
        self.bundle.extra["warmup_state"] = {k: v.detach().clone() for k, v in state.items()}

    def _user_error(self, exc: BaseException) -> WidgetsLLMError:
        import torch

        if isinstance(exc, WidgetsLLMError):
            return exc
        text = str(exc).lower()
        if isinstance(exc, (MemoryError, torch.OutOfMemoryError)) or "out of memory" in text:
            return TrainingError(
                "training.out_of_memory",
                batch=max(1, self.config.batch_size // 2),
                length=max(8, self.config.max_input_length // 2),
            )
        if distributed.partner_failed(exc):  # its own error is the one to read
            logger.info("training stopped: another process failed (%s)", exc)
            return TrainingError("distributed.partner_failed", processes=distributed.world_size())
        logger.error(
            "training run failed", exc_info=exc
        )  # not foreseen: its traceback, for a bug report
        return (
            as_user_error(exc)
            if not isinstance(exc, Exception)
            else TrainingError("training.failed", detail=f"{type(exc).__name__}: {exc}")
        )

    def tokenized(self):
        """The splits turned into model inputs (computed once per run)."""
        if self._tokenized is None:
            limits = LengthLimits(self.config.max_input_length, self.config.max_target_length)
            self._tokenized = tokenize_splits(self.splits, self.bundle, limits)
        return self._tokenized

    def _build_trainer(self, stage: Stage = "finetune"):
        from transformers import (
            Seq2SeqTrainer,
            Seq2SeqTrainingArguments,
            Trainer,
            TrainingArguments,
        )

        if "train" not in self.splits or len(self.splits["train"]) == 0:
            raise TrainingError("training.no_train_data")
        keep_initial_weights(self.bundle)
        self.bundle.extra["trained"] = True  # from here on, restore_base_weights has work to do
        if self.config.use_lora:
            from transformers import set_seed

            set_seed(self.config.seed)  # the adapter's random start: the same seed, the same run
            apply_lora(self.bundle, self.config)
        hardware = detect_hardware()
        model_type = getattr(getattr(self.bundle.model, "config", None), "model_type", "")
        # Every process by the same rules; fp32 everywhere if their devices disagree.
        chosen = choose_precision(self.config.precision, model_type, hardware)
        self.precision = distributed.common_precision(chosen)
        if stage == "warmup":
            plan = self.warmup_plan()
            cfg = replace(
                self.config,
                learning_rate=plan.learning_rate,
                max_steps=plan.steps,
                eval_every_steps=0,
            )
            train_dataset, eval_dataset = self.warmup_dataset(), None
            output_dir = self.warmup_dir
        else:
            cfg = self._finetune_config()
            tokenized = self.tokenized()
            has_eval = "validation" in tokenized and len(tokenized["validation"]) > 0
            train_dataset = self.finetune_dataset()
            eval_dataset = tokenized["validation"] if has_eval else None
            output_dir = self.checkpoint_dir
        eval_strategy = (
            "no" if eval_dataset is None else ("steps" if cfg.eval_every_steps else "epoch")
        )
        if stage == "warmup":
            # The examples are already in curriculum order, grouped by length (warmup.py).
            sampling = "sequential"
            save_strategy, save_steps = "steps", WARMUP_SAVE_EVERY_STEPS
        else:
            sampling = "group_by_length" if cfg.group_by_length else "random"
            save_strategy, save_steps = (
                ("steps" if cfg.eval_every_steps else "epoch"),
                (cfg.eval_every_steps or 500),
            )
        args_class = (
            Seq2SeqTrainingArguments if self.bundle.architecture == "seq2seq" else TrainingArguments
        )
        args = args_class(
            output_dir=str(output_dir),
            per_device_train_batch_size=cfg.batch_size,
            per_device_eval_batch_size=cfg.batch_size,
            gradient_accumulation_steps=cfg.gradient_accumulation_steps,
            learning_rate=cfg.learning_rate,
            num_train_epochs=cfg.num_epochs if stage == "finetune" else 1.0,
            max_steps=cfg.max_steps if cfg.max_steps > 0 else -1,
            warmup_steps=cfg.warmup_ratio,
            weight_decay=cfg.weight_decay,
            seed=cfg.seed,
            logging_steps=cfg.log_every_steps,
            logging_nan_inf_filter=False,  # a NaN must be seen, to stop and explain
            eval_strategy=eval_strategy,
            eval_steps=cfg.eval_every_steps or None,
            save_strategy=save_strategy,
            save_steps=save_steps,
            save_total_limit=1,
            report_to="none",
            disable_tqdm=True,
            use_cpu=hardware.device == "cpu",
            bf16=self.precision == "bf16",
            fp16=self.precision == "fp16",
            train_sampling_strategy=sampling,
            length_column_name="length",
            remove_unused_columns=False,
            include_num_input_tokens_seen="non_padding",
            dataloader_num_workers=0,
            # With several processes: language models use every weight they train, so DDP
            # need not look for unused ones after each backward pass (a cost every step).
            ddp_find_unused_parameters=False,
        )
        # `accelerate launch --mixed_precision fp16` leaves its choice in the environment, where
        # the arguments read it when bf16/fp16 are off: the engine's choice prevails (never
        # fp16 for a T5 model).
        args.mixed_precision = {"bf16": "bf16", "fp16": "fp16"}.get(self.precision, "no")
        trainer_class = Seq2SeqTrainer if self.bundle.architecture == "seq2seq" else Trainer
        trainer = trainer_class(
            model=self.bundle.model,
            args=args,
            train_dataset=train_dataset,
            eval_dataset=eval_dataset,
            data_collator=_LengthDroppingCollator(data_collator(self.bundle)),
            processing_class=self.bundle.tokenizer,
            callbacks=[_EventBridge(self, stage)],
        )
        from transformers import PrinterCallback

        trainer.remove_callback(PrinterCallback)  # events replace its prints
        if _loss_ignores_item_count(self.bundle.model):
            # Else the Trainer scales the loss for a count the model never divides by: the
            # gradients come out N times too large with N processes, and as many times as
            # batches accumulated (gradient_accumulation_steps).
            trainer.model_accepts_loss_kwargs = False
        self._nan_failure = None
        self._last_eval_step = -1
        self.trainer = trainer
        return trainer

    def _final_evaluation(self, trainer) -> None:
        # Perplexity of the model as it ends, unless the last step was just evaluated.
        if trainer.eval_dataset is not None and self._last_eval_step != trainer.state.global_step:
            trainer.evaluate()

    def _finish(
        self,
        trainer,
        status: Status,
        started: float,
        error: WidgetsLLMError | None,
        *,
        touch_model: bool = True,
    ) -> "TrainingEvent":
        """Record the result and the final status; returns the final event (the caller emits it)."""
        state = trainer.state if trainer is not None else None
        stage_history = list(state.log_history) if state is not None else []
        if self.stage == "finetune":
            history = list(getattr(self, "_warmup_log", [])) + [
                {**entry, "stage": "finetune"} for entry in stage_history
            ]
        else:
            history = [{**entry, "stage": "warmup"} for entry in stage_history]
        losses = [h["loss"] for h in history if "loss" in h and h["stage"] == self.stage]
        evals = [h["eval_loss"] for h in history if "eval_loss" in h]
        total = self.bundle.num_parameters()
        offset = self._step_offset()
        plan = self.warmup_plan() if self.warmup_steps else None
        self.result = TrainingResult(
            status=status,
            steps=offset + (state.global_step if state else 0),
            max_steps=self._total_steps(state),
            epoch=float(state.epoch or 0.0) if state else 0.0,
            elapsed=time.perf_counter() - started,
            final_loss=losses[-1] if losses else None,
            eval_loss=evals[-1] if evals else None,
            perplexity=safe_perplexity(evals[-1]) if evals else None,
            precision=self.precision,
            trainable_parameters=self.bundle.num_parameters(trainable_only=True),
            total_parameters=total,
            log_history=history,
            error=error,
            warmup_steps=self.warmup_steps
            if self.stage == "finetune"
            else (state.global_step if state else 0),
            warmup=plan.to_dict() if plan is not None else None,
            processes=distributed.world_size(),
        )
        if touch_model and self.bundle.model is not None:
            _remove_precision_wrapper(self.bundle.model)
            self.bundle.model.eval()  # dropout off: generations must be reproducible
        with self._lock:  # after this no stop can leave the run "stopping" (see stop)
            self.status = status
        return self._event(status, state, error=error)

    def _step_offset(self) -> int:
        """Steps before the current stage's first: the warm-up's, during fine-tuning."""
        return self.warmup_steps if self.stage == "finetune" else 0

    def _total_steps(self, state) -> int:
        if self.stage == "finetune" and state is not None and state.max_steps:
            return self.warmup_steps + state.max_steps
        if self.warmup_steps:
            return self.warmup_steps + self.finetune_steps()
        return state.max_steps if state is not None else 0

    def _event(self, kind: EventKind, state, **values) -> TrainingEvent:
        stage_step = state.global_step if state else 0
        stage_max = state.max_steps if state else 0
        offset = self._step_offset()
        step = offset + stage_step
        max_steps = self._total_steps(state)
        elapsed = time.perf_counter() - getattr(self, "_clock_start", time.perf_counter())
        progress = min(1.0, step / max_steps) if max_steps else 0.0
        done = step - self._start_step  # steps of this start only: a resumed run began past 0
        eta = elapsed / done * max(0, max_steps - step) if done > 0 else None
        seen = (
            (getattr(state, "num_input_tokens_seen", 0) or 0) - self._stage_start_tokens
            if state
            else 0
        )
        tokens = self._tokens_done + seen
        return TrainingEvent(
            kind=kind,
            step=step,
            max_steps=max_steps,
            epoch=float(state.epoch or 0.0) if state else 0.0,
            progress=progress,
            elapsed=elapsed,
            eta=eta,
            tokens_per_second=tokens / elapsed if elapsed > 0 and tokens else None,
            stage=self.stage,
            stage_step=stage_step,
            stage_max_steps=stage_max,
            warmup_steps=self.warmup_steps,
            **values,
        )


#: Warm-up checkpoints are written this often (and when the run is stopped).
WARMUP_SAVE_EVERY_STEPS = 500


def tokenize_examples(examples, bundle: ModelBundle, config: TrainingConfig):
    """Warm-up examples (objects with ``text`` and ``summary``) as a tokenized ``Dataset``, in
    order."""
    from datasets import Dataset, DatasetDict

    dataset = Dataset.from_dict(
        {"text": [e.text for e in examples], "summary": [e.summary for e in examples]}
    )
    limits = LengthLimits(config.max_input_length, config.max_target_length)
    return tokenize_splits(DatasetDict(train=dataset), bundle, limits)["train"]


def _latest_checkpoint(folder: Path) -> Path | None:
    from transformers.trainer_utils import get_last_checkpoint

    if not folder.is_dir():
        return None
    found = get_last_checkpoint(str(folder))
    return Path(found) if found else None


def _remove_folder(folder: Path) -> None:
    import shutil

    if folder.is_dir():
        shutil.rmtree(folder, ignore_errors=True)


def _plain_state(model) -> dict[str, Any]:
    """The model's weights as plain CPU tensors (a LoRA model's adapter included)."""
    return {k: v.detach().to("cpu").clone() for k, v in model.state_dict().items()}


def _loss_ignores_item_count(model) -> bool:
    """Whether ``model``'s loss ignores the ``num_items_in_batch`` the Trainer passes it.

    The Trainer passes it to every model whose ``forward`` takes ``**kwargs`` and then trusts
    the loss to be a sum over the tokens divided by it (over all processes and accumulated
    batches). Models that compute it with ``self.loss_function`` do so (GPT-2, Qwen); T5's
    ``forward`` takes ``**kwargs`` too but returns a plain mean. Unsure (no source): True,
    the Trainer's older behaviour, right for every model.
    """
    import inspect

    base = model.get_base_model() if hasattr(model, "get_base_model") else model  # LoRA
    try:
        source = inspect.getsource(type(base).forward)
    except (OSError, TypeError):
        return True
    return "loss_function" not in source and "num_items_in_batch" not in source


def _remove_precision_wrapper(model) -> None:
    """Undo accelerate's mixed-precision wrapper of ``model.forward``.

    For bf16/fp16 runs accelerate replaces the model's ``forward`` by one that runs under
    autocast, and leaves it there after training: later generations and evaluations would
    run in bf16 (unlike the base model's), and every new run would wrap it once more.
    """
    original = model.__dict__.pop("_original_forward", None)
    if original is None:
        return
    is_class_method = getattr(original, "__self__", None) is model and getattr(
        original, "__func__", None
    ) is getattr(type(model), "forward", None)
    if is_class_method:
        model.__dict__.pop("forward", None)
    else:  # someone had set their own forward on the instance: give it back
        model.forward = original


def _make_bridge_base():
    from transformers import TrainerCallback

    return TrainerCallback


class _EventBridge(_make_bridge_base()):
    """Turns the Trainer's callbacks into :class:`TrainingEvent` objects for subscribers."""

    def __init__(self, run: TrainingRun, stage: Stage = "finetune"):
        self.run = run
        self.stage = stage

    def on_train_begin(self, args, state, control, **kwargs):
        # The state is already restored from a checkpoint here when resuming.
        self.run._stage_start_tokens = getattr(state, "num_input_tokens_seen", 0) or 0
        if not self.run._begun:  # one "started" per start, whatever the stage it starts in
            self.run._begun = True
            self.run._clock_start = time.perf_counter()
            self.run._start_step = self.run._step_offset() + state.global_step
            self.run._emit(self.run._event("started", state))

    def on_step_end(self, args, state, control, **kwargs):
        self.run._emit(self.run._event("step", state))
        # A stop asked in any process stops them all at this same step (one checkpoint).
        if distributed.any_process(self.run._stop_requested.is_set()):
            self.run._stop_requested.set()
            control.should_training_stop = True
            control.should_save = True  # keep the last checkpoint so the run can resume
        return control

    def on_log(self, args, state, control, logs=None, **kwargs):
        logs = logs or {}
        if "loss" in logs:
            loss = float(logs["loss"])
            self.run._emit(
                self.run._event("log", state, loss=loss, learning_rate=logs.get("learning_rate"))
            )
            if math.isnan(loss) or math.isinf(loss):
                self.run._nan_failure = TrainingError(
                    "training.nan_loss",
                    step=self.run._step_offset() + state.global_step,
                    learning_rate=f"{args.learning_rate / 10:g}",
                )
                control.should_training_stop = True
        if "eval_loss" in logs:
            eval_loss = float(logs["eval_loss"])
            self.run._last_eval_step = state.global_step
            self.run._emit(
                self.run._event(
                    "evaluation", state, eval_loss=eval_loss, perplexity=safe_perplexity(eval_loss)
                )
            )
        return control
