"""Training on several processes at once (data parallelism), through the Trainer's own support.

``torchrun --nproc_per_node N -m widgets_llm train ...`` (or ``accelerate launch``, or
``widgets-llm train --processes N``) starts N copies of the same command, each with ``RANK``,
``LOCAL_RANK`` and ``WORLD_SIZE`` in its environment. The Hugging Face ``Trainer`` reads them:
it wraps the model in ``DistributedDataParallel``, gives each process its share of every
batch and averages the gradients after each backward pass (gloo on CPUs, NCCL on GPUs). There
is no engine of our own here; this module holds what the rest of the package needs around it:

* who this process is: :func:`is_main_process`, :func:`rank`, :func:`world_size`,
  :func:`launched`;
* the process group: :func:`init_process_group` (before the ``Trainer``, which then reuses it:
  the model check below needs it earlier) and :func:`teardown`;
* :func:`barrier`, :func:`any_process` (a stop asked in one process stops all at the same
  step), :func:`common_precision`, :func:`main_process_only` and :func:`quiet_unless_main`
  (only the main process writes files and prints);
* :func:`same_model_everywhere`: every process starts from the main's model (the offline
  model's vocabulary is learned from the data, its weights drawn from the seed), checked with
  fingerprints and fixed by sending the main's when they differ;
* :func:`stop_on_signals`: SIGINT or SIGTERM stops a run at the end of its step, keeping the
  checkpoint (torchrun forwards the signal it gets to every process);
* :func:`launch`: ``widgets-llm train --processes N``, torchrun's own launcher.

Outside a launch every function answers as for one process (rank 0 of 1) and does nothing,
so the engine calls them unconditionally.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import os
import signal
import sys
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Sequence, TypeVar

from ..errors import TrainingError

logger = logging.getLogger(__name__)

F = TypeVar("F", bound=Callable[..., Any])

#: Seconds ``--processes`` gives its processes to end after forwarding a stop signal before it
#: kills them: a stop has this long to finish the step and write the checkpoint (torchrun's
#: own default is 30; ``torchrun --shutdown-timeout`` changes it).
LAUNCHER_SHUTDOWN_TIMEOUT_S = 60


# --------------------------------------------------------------------------- who am I


def _dist():
    """``torch.distributed`` when it is usable and a process group exists, else ``None``."""
    if "torch" not in sys.modules:  # nothing started one: avoid importing torch for nothing
        return None
    import torch.distributed as dist

    return dist if dist.is_available() and dist.is_initialized() else None


def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


def world_size() -> int:
    """How many processes train together (1 outside a launch)."""
    dist = _dist()
    return dist.get_world_size() if dist is not None else max(1, _env_int("WORLD_SIZE", 1))


def rank() -> int:
    """This process's number, 0 to ``world_size() - 1`` (0 outside a launch)."""
    dist = _dist()
    return dist.get_rank() if dist is not None else _env_int("RANK", 0)


def local_rank() -> int:
    """This process's number on its machine (picks its GPU)."""
    return _env_int("LOCAL_RANK", 0)


def is_main_process() -> bool:
    """Whether this process writes files and prints (rank 0; always true outside a launch)."""
    return rank() == 0


def is_distributed() -> bool:
    return world_size() > 1


def launched() -> bool:
    """Whether torchrun (or accelerate launch) started this process as one of several."""
    return "LOCAL_RANK" in os.environ and _env_int("WORLD_SIZE", 1) > 1


def backend_name() -> str:
    """``nccl`` with GPUs, ``gloo`` on CPUs (what the Trainer would choose)."""
    import torch

    return "nccl" if torch.cuda.is_available() else "gloo"


# --------------------------------------------------------------------------- the process group


def init_process_group() -> bool:
    """Join the other processes of a launch (nothing outside one). Returns whether it joined.

    The ``Trainer`` (accelerate) finds the group made and uses it, with the same backend it
    would have chosen. On GPUs each process first takes the GPU of its ``LOCAL_RANK``.
    """
    if not launched():
        return False
    import torch
    import torch.distributed as dist

    if dist.is_initialized():
        return False
    options: dict[str, Any] = {}
    backend = backend_name()
    if backend == "nccl":
        device = torch.device("cuda", local_rank() % torch.cuda.device_count())
        torch.cuda.set_device(device)
        options["device_id"] = device
    dist.init_process_group(backend=backend, **options)
    logger.info("process %d of %d joined (%s)", rank() + 1, world_size(), backend)
    return True


def teardown(*, ended_normally: bool = False) -> None:
    """Leave the process group (every process, at its end).

    ``ended_normally``: this process finished its work, so it first waits for the others to
    finish theirs. A process that destroyed its gloo group and exited while another was still
    tearing down its own was aborted now and then on its way out ("terminate called without
    an active exception", after a run whose work was all done). After an error there is no
    wait: the others may never get there (torchrun stops them when one process fails).
    """
    dist = _dist()
    if dist is None:
        return
    if ended_normally:
        try:
            barrier()
        except Exception as error:  # another process failed meanwhile: leave anyway
            logger.info("leaving without the other processes: %s", error)
    try:
        from accelerate.state import PartialState

        PartialState._reset_state()  # it points at the group destroyed below
    except Exception:  # accelerate never started: nothing to reset
        pass
    dist.destroy_process_group()


def barrier() -> None:
    """Wait until every process gets here (nothing with a single process)."""
    dist = _dist()
    if dist is not None and dist.get_world_size() > 1:
        if dist.get_backend() == "nccl":
            dist.barrier(device_ids=[local_rank() % _cuda_count()])
        else:
            dist.barrier()


def _cuda_count() -> int:
    import torch

    return max(1, torch.cuda.device_count())


def _collective_device():
    """Where small tensors for collectives live: the GPU with NCCL, the CPU with gloo."""
    import torch

    dist = _dist()
    if dist is not None and "nccl" in str(dist.get_backend()):
        return torch.device("cuda", torch.cuda.current_device())
    return torch.device("cpu")


def any_process(flag: bool) -> bool:
    """True when ``flag`` is true in any process (every process must call it, in step)."""
    dist = _dist()
    if dist is None or dist.get_world_size() == 1:
        return bool(flag)
    import torch

    value = torch.tensor([1 if flag else 0], dtype=torch.int32, device=_collective_device())
    dist.all_reduce(value, op=dist.ReduceOp.MAX)
    return bool(value.item())


def gather_ints(values: Sequence[int]) -> list[list[int]]:
    """Every process's ``values`` (the same length everywhere), in rank order."""
    dist = _dist()
    if dist is None or dist.get_world_size() == 1:
        return [list(values)]
    import torch

    local = torch.tensor(list(values), dtype=torch.int64, device=_collective_device())
    gathered = [torch.zeros_like(local) for _ in range(dist.get_world_size())]
    dist.all_gather(gathered, local)
    return [tensor.tolist() for tensor in gathered]


def broadcast_bytes(data: bytes | None) -> bytes:
    """The main process's ``data``, in every process (the others pass ``None``)."""
    dist = _dist()
    if dist is None or dist.get_world_size() == 1:
        return data or b""
    import torch

    device = _collective_device()
    size = torch.tensor([len(data or b"")], dtype=torch.int64, device=device)
    dist.broadcast(size, src=0)
    if is_main_process():
        buffer = torch.frombuffer(bytearray(data or b""), dtype=torch.uint8).to(device)
    else:
        buffer = torch.empty(int(size.item()), dtype=torch.uint8, device=device)
    dist.broadcast(buffer, src=0)
    return bytes(buffer.cpu().numpy().tobytes())


#: What gloo and NCCL say when the process at the other end of a collective is gone.
_PARTNER_GONE = ("closed by peer", "reset by peer", "communicator was aborted", "broken pipe")


def partner_failed(exc: BaseException) -> bool:
    """Whether ``exc`` only says that another process of the run ended (by its own error)."""
    if _dist() is None or world_size() == 1:
        return False
    import torch.distributed as dist

    text = str(exc).lower()
    distributed_error = isinstance(exc, getattr(dist, "DistError", ()))
    return distributed_error or any(words in text for words in _PARTNER_GONE)


PRECISION_ORDER = ("fp32", "bf16", "fp16")


def common_precision(precision: str) -> str:
    """The precision every process can use: the same everywhere, fp32 when they disagree.

    Each process chooses by the engine's rules (:func:`hardware.choose_precision`) for its own
    device; machines with different GPUs could choose differently, and bf16 in one process
    with fp32 in another would average gradients of different precisions.
    """
    code = PRECISION_ORDER.index(precision) if precision in PRECISION_ORDER else 0
    codes = {values[0] for values in gather_ints([code])}
    return precision if len(codes) == 1 else "fp32"


# --------------------------------------------------------------------------- main only


def main_process_only(function: F) -> F:
    """Run ``function`` in the main process only; elsewhere the call returns ``None``."""

    @functools.wraps(function)
    def guarded(*args, **kwargs):
        if not is_main_process():
            return None
        return function(*args, **kwargs)

    return guarded  # type: ignore[return-value]


@contextlib.contextmanager
def quiet_unless_main(enabled: bool = True) -> Iterator[None]:
    """Outside the main process, what Python prints goes nowhere (progress, messages, errors).

    N processes would otherwise print every line N times. Only Python's ``sys.stdout`` and
    ``sys.stderr`` are silenced: a crash of the interpreter itself still shows.
    """
    if not enabled or is_main_process():
        yield
        return
    sink = open(os.devnull, "w", encoding="utf-8")
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        try:
            yield
        finally:
            sink.close()


def record_error(line: str) -> None:
    """Leave this process's error for torchrun, which shows it in its report (when launched).

    torchrun names a file per process in ``TORCHELASTIC_ERROR_FILE``; its report (and
    :func:`launch`) reads the message from there instead of asking for a traceback.
    """
    path = os.environ.get("TORCHELASTIC_ERROR_FILE")
    if not path:
        return
    with contextlib.suppress(OSError):
        with open(path, "w", encoding="utf-8") as file:
            json.dump({"message": line, "timestamp": int(time.time())}, file, ensure_ascii=False)


# --------------------------------------------------------------------------- the same model


@dataclass(frozen=True)
class ModelCheck:
    """How the processes' models compared before training.

    ``same_vocabulary`` and ``same_weights``: as each process built them; ``fixed``: whether
    the main's had to be sent to the others. After :func:`same_model_everywhere` they are the
    same in every process in any case.
    """

    processes: int
    same_vocabulary: bool
    same_weights: bool
    fixed: bool


def _digest(chunks: Iterator[bytes]) -> int:
    sha = hashlib.sha256()
    for chunk in chunks:
        sha.update(chunk)
    return int.from_bytes(sha.digest()[:8], "big", signed=True)  # fits an int64 tensor


def vocabulary_fingerprint(tokenizer) -> int:
    vocabulary = sorted(tokenizer.get_vocab().items())
    return _digest(iter([json.dumps(vocabulary, ensure_ascii=False).encode("utf-8")]))


def weights_fingerprint(model) -> int:
    """A fingerprint of every tensor of ``model`` (names, shapes, dtypes and bytes)."""

    import torch

    def chunks():
        for name, tensor in model.state_dict().items():
            flat = tensor.detach().to("cpu").contiguous().reshape(-1)
            yield f"{name}:{tuple(tensor.shape)}:{tensor.dtype}".encode()
            yield flat.view(torch.uint8).numpy().tobytes()

    return _digest(chunks())


def _fingerprints(bundle) -> list[list[int]]:
    fingerprints = [vocabulary_fingerprint(bundle.tokenizer), weights_fingerprint(bundle.model)]
    return gather_ints(fingerprints)


def same_model_everywhere(bundle, *, seed: int = 0):
    """Make every process hold the main's model; returns ``(bundle, ModelCheck)``.

    Every process builds its model as the main does (same data, same seed), so they should
    already agree; this checks it. A different vocabulary (an offline model whose tokenizer
    came out otherwise) is replaced by the main's, the model rebuilt on it; different weights
    are overwritten by the main's. A model that still differs raises ``TrainingError``.
    """
    processes = world_size()
    if processes == 1:
        return bundle, ModelCheck(1, True, True, False)
    first = _fingerprints(bundle)
    same_vocabulary = len({values[0] for values in first}) == 1
    same_weights = len({tuple(values) for values in first}) == 1
    if not same_vocabulary:
        bundle = _use_main_vocabulary(bundle, seed)
    if not same_weights or not same_vocabulary:
        _use_main_weights(bundle.model)
    fixed = not (same_vocabulary and same_weights)
    check = ModelCheck(processes, same_vocabulary, same_weights, fixed)
    if check.fixed and len({tuple(values) for values in _fingerprints(bundle)}) != 1:
        raise TrainingError("distributed.different_models", processes=processes)
    logger.info("model check across %d processes: %s", processes, check)
    return bundle, check


def _use_main_vocabulary(bundle, seed: int):
    """The main's tokenizer in every process, and the offline model rebuilt on it."""
    payload = None
    if is_main_process():
        payload = bundle.tokenizer.backend_tokenizer.to_str().encode("utf-8")
    text = broadcast_bytes(payload).decode("utf-8")
    if is_main_process():
        return bundle
    if bundle.source.kind != "offline":  # a downloaded model's vocabulary is in its files
        raise TrainingError("distributed.different_models", processes=world_size())
    from tokenizers import Tokenizer
    from transformers import PreTrainedTokenizerFast

    from .models import build_offline_model

    special = {k: v for k, v in bundle.tokenizer.special_tokens_map.items() if isinstance(v, str)}
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=Tokenizer.from_str(text), **special)
    return build_offline_model(
        [], bundle.architecture, bundle.source.name, seed=seed, tokenizer=tokenizer
    )


def _use_main_weights(model) -> None:
    import torch

    dist = _dist()
    device = _collective_device()
    with torch.no_grad():
        for tensor in model.state_dict().values():
            moved = tensor.detach().to(device)  # the tensor itself when already there
            dist.broadcast(moved, src=0)
            if moved.data_ptr() != tensor.data_ptr():
                tensor.copy_(moved.to(tensor.device))


# --------------------------------------------------------------------------- stopping


@contextlib.contextmanager
def stop_on_signals(
    stop: Callable[[], None], on_stop: Callable[[], None] | None = None
) -> Iterator[None]:
    """While inside, SIGINT and SIGTERM call ``stop`` (the run ends at the end of its step).

    A second SIGINT interrupts at once, as Ctrl+C does without this (the last checkpoint is
    kept in any case). ``on_stop`` runs at the first signal (to say what happens). Outside the
    main thread signals cannot be caught, and nothing changes.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    asked = threading.Event()

    def handle(signum, frame):
        if asked.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        first = not asked.is_set()
        asked.set()
        stop()
        if first and on_stop is not None:
            on_stop()

    for sig in previous:
        signal.signal(sig, handle)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


# --------------------------------------------------------------------------- launching


@dataclass(frozen=True)
class LaunchResult:
    """How a launch ended: the exit status, and the line to show when a helper process
    failed first (the main process has printed its own error already)."""

    exit_code: int
    other_failure: str | None = None
    failed_rank: int | None = None


def launcher_arguments(processes: int, command: Sequence[str]) -> list[str]:
    """torchrun's arguments that start ``python -m widgets_llm <command>`` in ``processes``."""
    return ["--standalone", "--nproc_per_node", str(processes), "-m", "widgets_llm", *command]


def without_option(argv: Sequence[str], option: str) -> list[str]:
    """``argv`` without ``option`` and its value (``--option N`` or ``--option=N``)."""
    kept: list[str] = []
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg == option:
            skip = True
            continue
        if arg.startswith(option + "="):
            continue
        kept.append(arg)
    return kept


def threads_per_process(processes: int) -> int:
    """CPU threads for each of ``processes`` on this machine: the cores shared out."""
    return max(1, (os.cpu_count() or 1) // max(1, processes))


def launch(processes: int, command: Sequence[str], *, debug: bool = False) -> LaunchResult:
    """Run ``python -m widgets_llm <command>`` in ``processes`` processes on this machine.

    It is ``python -m torch.distributed.run --standalone --nproc_per_node N -m widgets_llm
    ...`` (torchrun), run by torchrun's own code in this process rather than in a child one:
    this way its failure report (a traceback) and its warnings give way to the main process's
    one line. Each process gets its share of the CPU threads (``OMP_NUM_THREADS``) unless
    they are set already. Ctrl+C (SIGINT) or SIGTERM reach every process, which stop at the end
    of their step (see :func:`stop_on_signals`).
    """
    os.environ.setdefault("OMP_NUM_THREADS", str(threads_per_process(processes)))
    if not debug:
        # torchrun's loggers take their level from LOGLEVEL when they are made (some only
        # during the launch); the processes inherit it, and none of our code reads it.
        os.environ.setdefault("LOGLEVEL", "CRITICAL")
    from torch.distributed.elastic.multiprocessing import SignalException
    from torch.distributed.elastic.multiprocessing.errors import ChildFailedError
    from torch.distributed.run import parse_args
    from torch.distributed.run import run as torchrun

    if not debug:
        _quiet_launcher_logs()
    args = parse_args(launcher_arguments(processes, command))
    args.shutdown_timeout = LAUNCHER_SHUTDOWN_TIMEOUT_S
    try:
        torchrun(args)
    except ChildFailedError as failed:
        return _failure_result(failed)
    except SignalException as stopped:
        return LaunchResult(128 + int(stopped.sigval))
    return LaunchResult(0)


def _quiet_launcher_logs() -> None:
    for name in list(logging.root.manager.loggerDict):
        if name.startswith("torch.distributed"):
            logging.getLogger(name).setLevel(logging.CRITICAL)


def _failure_result(failed) -> LaunchResult:
    failures = failed.failures
    main = failures.get(0)
    first_rank, first = failed.get_first_failure()
    # The status of the process that failed by itself: torchrun ends the others with SIGTERM
    # once one failed (the main one too, when a helper failed first).
    ordered = [f.exitcode for f in (main, first, *failures.values()) if f is not None]
    code = next((c for c in ordered if c > 0), None)
    if code is None:
        code = 128 - ordered[0]  # killed by a signal: as a shell says it
    message = first.message if isinstance(first.message, str) else ""
    if first_rank != 0 and (main is None or message != main.message):
        return LaunchResult(code, message or None, first_rank)
    return LaunchResult(code)
