"""Training runs: Hugging Face ``Trainer`` in a background thread that emits events.

The loop knows nothing of display. A run emits :class:`TrainingEvent` objects to any number of
subscribers (a live chart, a CLI progress line, a test); :meth:`TrainingRun.stop` is the only way
back in, and it stops cleanly at the end of the current step, keeping the last checkpoint.
"""
from __future__ import annotations

import math
import os
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Literal

from ..errors import TrainingError, WidgetsLLMError, as_user_error
from .config import TrainingConfig
from .features import LengthLimits, data_collator, tokenize_splits
from .hardware import choose_precision, detect_hardware
from .models import ModelBundle, default_lora_targets

EventKind = Literal["started", "step", "log", "evaluation", "finished", "stopped", "failed"]
Status = Literal["ready", "running", "stopping", "finished", "stopped", "failed"]


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
    bundle.model = get_peft_model(bundle.model, lora)
    bundle.extra["lora"] = True


def keep_initial_weights(bundle: ModelBundle) -> None:
    """Remember an offline model's initial weights: they are its base model on a later day."""
    if bundle.source.kind == "offline" and "initial_state" not in bundle.extra:
        bundle.extra["initial_state"] = {k: v.detach().clone() for k, v in bundle.model.state_dict().items()}


class _LengthDroppingCollator:
    """Pads a batch after dropping the ``length`` column kept for length grouping."""

    def __init__(self, inner):
        self.inner = inner

    def __call__(self, features):
        return self.inner([{k: v for k, v in f.items() if k != "length"} for f in features])


class TrainingRun:
    """A fine-tuning run of ``bundle`` on ``splits`` (a ``DatasetDict`` with ``text``/``summary``).

    Use :meth:`start` to train in a background thread (notebooks, dashboards) or :meth:`run`
    to train in the calling thread (CLI, scripts). Subscribe before starting to see every event.

    Attributes
    ----------
    status: ``ready``, ``running``, ``stopping``, ``finished``, ``stopped`` or ``failed``.
    history: every event emitted so far.
    result: the :class:`TrainingResult` once the run ended.
    trainer: the ``transformers`` Trainer of the latest start (``None`` before), to inspect
        its arguments; do not drive it directly.
    """

    def __init__(self, bundle: ModelBundle, splits, config: TrainingConfig, output_dir: str | Path):
        self.bundle = bundle
        self.splits = splits
        self.config = config
        self.output_dir = Path(output_dir)
        self.status: Status = "ready"
        self.history: list[TrainingEvent] = []
        self.result: TrainingResult | None = None
        self.precision = "fp32"
        self._listeners: list[Callable[[TrainingEvent], None]] = []
        self._stop_requested = threading.Event()
        self._thread: threading.Thread | None = None
        self._tokenized = None
        self._lock = threading.Lock()
        self.trainer = None
        # Where the current start began (a resumed run starts past 0): for eta and tokens/s.
        self._start_step = 0
        self._start_tokens = 0

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
            except Exception:  # a broken display must never break training
                pass

    # ------------------------------------------------------------------ control
    @property
    def checkpoint_dir(self) -> Path:
        return self.output_dir / "checkpoints"

    def last_checkpoint(self) -> Path | None:
        from transformers.trainer_utils import get_last_checkpoint

        if not self.checkpoint_dir.is_dir():
            return None
        found = get_last_checkpoint(str(self.checkpoint_dir))
        return Path(found) if found else None

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
            self._thread = threading.Thread(target=self._run_safely, args=(resume, True), name="widgets-llm-training", daemon=True)
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
        if resume and self.last_checkpoint() is None:
            raise TrainingError("training.no_checkpoint")

    def stop(self) -> None:
        """Ask the run to stop at the end of the current step; the checkpoint is kept."""
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
        started = time.perf_counter()
        trainer = None
        self._start_step = self._start_tokens = 0
        try:
            checkpoint = None
            if resume:
                checkpoint = self.last_checkpoint()
                if checkpoint is None:
                    raise TrainingError("training.no_checkpoint")
            trainer = self._build_trainer()
            trainer.train(resume_from_checkpoint=str(checkpoint) if checkpoint else None)
            failure = self._nan_failure
            if failure is not None:
                raise failure
            self._final_evaluation(trainer)
            status: Status = "stopped" if self._stop_requested.is_set() else "finished"
            self._finish(trainer, status, started, None)
        except BaseException as exc:  # every failure leaves a consistent, restartable run
            self._finish(trainer, "failed", started, self._user_error(exc))
            if isinstance(exc, KeyboardInterrupt):
                raise

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
        return as_user_error(exc) if not isinstance(exc, Exception) else TrainingError("training.failed", detail=f"{type(exc).__name__}: {exc}")

    def tokenized(self):
        """The splits turned into model inputs (computed once per run)."""
        if self._tokenized is None:
            limits = LengthLimits(self.config.max_input_length, self.config.max_target_length)
            self._tokenized = tokenize_splits(self.splits, self.bundle, limits)
        return self._tokenized

    def _build_trainer(self):
        from transformers import Seq2SeqTrainer, Seq2SeqTrainingArguments, Trainer, TrainingArguments

        cfg = self.config
        if "train" not in self.splits or len(self.splits["train"]) == 0:
            raise TrainingError("training.no_train_data")
        keep_initial_weights(self.bundle)
        if cfg.use_lora:
            apply_lora(self.bundle, cfg)
        hardware = detect_hardware()
        model_type = getattr(getattr(self.bundle.model, "config", None), "model_type", "")
        self.precision = choose_precision(cfg.precision, model_type, hardware)
        tokenized = self.tokenized()
        has_eval = "validation" in tokenized and len(tokenized["validation"]) > 0
        eval_strategy = "no" if not has_eval else ("steps" if cfg.eval_every_steps else "epoch")
        args_class = Seq2SeqTrainingArguments if self.bundle.architecture == "seq2seq" else TrainingArguments
        args = args_class(
            output_dir=str(self.checkpoint_dir),
            per_device_train_batch_size=cfg.batch_size,
            per_device_eval_batch_size=cfg.batch_size,
            gradient_accumulation_steps=cfg.gradient_accumulation_steps,
            learning_rate=cfg.learning_rate,
            num_train_epochs=cfg.num_epochs,
            max_steps=cfg.max_steps if cfg.max_steps > 0 else -1,
            warmup_steps=cfg.warmup_ratio,
            weight_decay=cfg.weight_decay,
            seed=cfg.seed,
            logging_steps=cfg.log_every_steps,
            logging_nan_inf_filter=False,  # a NaN must be seen, to stop and explain
            eval_strategy=eval_strategy,
            eval_steps=cfg.eval_every_steps or None,
            save_strategy="steps" if cfg.eval_every_steps else "epoch",
            save_steps=cfg.eval_every_steps or 500,
            save_total_limit=1,
            report_to="none",
            disable_tqdm=True,
            use_cpu=hardware.device == "cpu",
            bf16=self.precision == "bf16",
            fp16=self.precision == "fp16",
            train_sampling_strategy="group_by_length" if cfg.group_by_length else "random",
            length_column_name="length",
            remove_unused_columns=False,
            include_num_input_tokens_seen="non_padding",
            dataloader_num_workers=0,
        )
        trainer_class = Seq2SeqTrainer if self.bundle.architecture == "seq2seq" else Trainer
        trainer = trainer_class(
            model=self.bundle.model,
            args=args,
            train_dataset=tokenized["train"],
            eval_dataset=tokenized["validation"] if has_eval else None,
            data_collator=_LengthDroppingCollator(data_collator(self.bundle)),
            processing_class=self.bundle.tokenizer,
            callbacks=[_EventBridge(self)],
        )
        from transformers import PrinterCallback

        trainer.remove_callback(PrinterCallback)  # events replace its prints
        self._nan_failure = None
        self._last_eval_step = -1
        self._clock_start = time.perf_counter()
        self.trainer = trainer
        return trainer

    def _final_evaluation(self, trainer) -> None:
        # Perplexity of the model as it ends, unless the last step was just evaluated.
        if trainer.eval_dataset is not None and self._last_eval_step != trainer.state.global_step:
            trainer.evaluate()

    def _finish(self, trainer, status: Status, started: float, error: WidgetsLLMError | None) -> None:
        state = trainer.state if trainer is not None else None
        history = list(state.log_history) if state is not None else []
        losses = [h["loss"] for h in history if "loss" in h]
        evals = [h["eval_loss"] for h in history if "eval_loss" in h]
        total = self.bundle.num_parameters()
        self.result = TrainingResult(
            status=status,
            steps=state.global_step if state else 0,
            max_steps=state.max_steps if state else 0,
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
        )
        if self.bundle.model is not None:
            _remove_precision_wrapper(self.bundle.model)
            self.bundle.model.eval()  # dropout off: generations must be reproducible
        self.status = status
        self._emit(self._event(status, state, error=error))

    def _event(self, kind: EventKind, state, **values) -> TrainingEvent:
        step = state.global_step if state else 0
        max_steps = state.max_steps if state else 0
        elapsed = time.perf_counter() - getattr(self, "_clock_start", time.perf_counter())
        progress = min(1.0, step / max_steps) if max_steps else 0.0
        done = step - self._start_step  # steps of this start only: a resumed run began past 0
        eta = elapsed / done * max(0, max_steps - step) if done > 0 else None
        tokens = (getattr(state, "num_input_tokens_seen", 0) or 0) - self._start_tokens if state else 0
        return TrainingEvent(
            kind=kind,
            step=step,
            max_steps=max_steps,
            epoch=float(state.epoch or 0.0) if state else 0.0,
            progress=progress,
            elapsed=elapsed,
            eta=eta,
            tokens_per_second=tokens / elapsed if elapsed > 0 and tokens else None,
            **values,
        )


def _remove_precision_wrapper(model) -> None:
    """Undo accelerate's mixed-precision wrapper of ``model.forward``.

    For bf16/fp16 runs accelerate replaces the model's ``forward`` by one that runs under
    autocast, and leaves it there after training: later generations and evaluations would
    run in bf16 (unlike the base model's), and every new run would wrap it once more.
    """
    original = model.__dict__.pop("_original_forward", None)
    if original is None:
        return
    is_class_method = getattr(original, "__self__", None) is model and getattr(original, "__func__", None) is getattr(type(model), "forward", None)
    if is_class_method:
        model.__dict__.pop("forward", None)
    else:  # someone had set their own forward on the instance: give it back
        model.forward = original


def _make_bridge_base():
    from transformers import TrainerCallback

    return TrainerCallback


class _EventBridge(_make_bridge_base()):
    """Turns the Trainer's callbacks into :class:`TrainingEvent` objects for subscribers."""

    def __init__(self, run: TrainingRun):
        self.run = run

    def on_train_begin(self, args, state, control, **kwargs):
        self.run._clock_start = time.perf_counter()
        # The state is already restored from a checkpoint here when resuming.
        self.run._start_step = state.global_step
        self.run._start_tokens = getattr(state, "num_input_tokens_seen", 0) or 0
        self.run._emit(self.run._event("started", state))

    def on_step_end(self, args, state, control, **kwargs):
        self.run._emit(self.run._event("step", state))
        if self.run._stop_requested.is_set():
            control.should_training_stop = True
            control.should_save = True  # keep the last checkpoint so the run can resume
        return control

    def on_log(self, args, state, control, logs=None, **kwargs):
        logs = logs or {}
        if "loss" in logs:
            loss = float(logs["loss"])
            self.run._emit(self.run._event("log", state, loss=loss, learning_rate=logs.get("learning_rate")))
            if math.isnan(loss) or math.isinf(loss):
                self.run._nan_failure = TrainingError(
                    "training.nan_loss", step=state.global_step, learning_rate=f"{args.learning_rate / 10:g}"
                )
                control.should_training_stop = True
        if "eval_loss" in logs:
            eval_loss = float(logs["eval_loss"])
            self.run._last_eval_step = state.global_step
            self.run._emit(self.run._event("evaluation", state, eval_loss=eval_loss, perplexity=safe_perplexity(eval_loss)))
        return control
