"""Downloading a model from the Hugging Face Hub that a person can watch, stop and resume.

``from_pretrained`` downloads silently (library progress bars are off in this project) and, in
``huggingface_hub`` 2.x, throws away a half-downloaded file when the transfer fails. Here the
engine downloads a model itself, file by file, before loading it from the local cache:

- the file list comes from the Hub first (:func:`files_to_download`), so the total size is
  known before the first byte: only what ``from_pretrained`` needs (configuration, tokenizer,
  chat templates and one format of weights, safetensors preferred);
- progress (:class:`DownloadProgress`: bytes, percent, speed, time left) is reported a few
  times a second to ``on_progress``; ``should_stop`` cancels between two chunks;
- the bytes of each file go to ``blobs/<etag>.incomplete`` in the Hub cache, which stays when a
  download is cancelled or the connection drops: the next try asks only for the rest (an HTTP
  range), then ``hf_hub_download`` puts the finished file in the cache the usual way;
- every failure becomes a :class:`~widgets_llm.errors.ModelError` that names its cause (a name
  that does not exist or is private, a gated model, no connection, a connection lost midway...).

``huggingface_hub`` reads ``HF_ENDPOINT``, ``HF_HUB_CACHE`` and the offline flag once, when it is
imported; :func:`hub_settings` reads them when called, and every call here passes ``endpoint=``
and ``cache_dir=`` explicitly, so a notebook or a test that changes them later is obeyed.
"""

from __future__ import annotations

import contextlib
import contextvars
import errno
import json
import os
import re
import threading
import time
from collections import deque
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterator

from ..errors import ModelError
from ..formatting import format_bytes, format_percent
from ..messages import t

DEFAULT_ENDPOINT = "https://huggingface.co"
#: Seconds between two progress reports (about four a second), plus one at the end.
REPORT_INTERVAL_S = 0.25
#: Seconds of recent transfer the speed is averaged over.
SPEED_WINDOW_S = 3.0
#: Times a file transfer is resumed within one call after the connection drops, as long as
#: each try brought new bytes (a brief outage recovers by itself; a dead line does not loop).
RESUMES_PER_FILE = 3
#: Seconds without a byte before a transfer counts as lost.
READ_TIMEOUT_S = 20.0

ProgressCallback = Callable[["DownloadProgress"], None]


# --------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class HubSettings:
    """Where models come from and where they are kept, as the environment says right now.

    Attributes
    ----------
    endpoint: the Hub's address (``HF_ENDPOINT``, else ``https://huggingface.co``).
    cache_dir: the Hub cache (``HF_HUB_CACHE``, else ``HF_HOME/hub``, else
        ``~/.cache/huggingface/hub``), as ``huggingface_hub`` computes it.
    offline: whether ``HF_HUB_OFFLINE`` or ``TRANSFORMERS_OFFLINE`` asks for no network.
    """

    endpoint: str
    cache_dir: Path
    offline: bool


def _is_true(value: str | None) -> bool:
    return (value or "").strip().upper() in ("1", "ON", "YES", "TRUE")


def hub_settings() -> HubSettings:
    """The endpoint, cache folder and offline flag, read from ``os.environ`` at call time."""
    env = os.environ
    endpoint = (env.get("HF_ENDPOINT") or DEFAULT_ENDPOINT).rstrip("/")
    cache = env.get("HF_HUB_CACHE") or env.get("HUGGINGFACE_HUB_CACHE")
    if not cache:
        home = env.get("HF_HOME") or os.path.join(
            env.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"),
            "huggingface",
        )
        cache = os.path.join(home, "hub")
    cache_dir = Path(os.path.expandvars(cache)).expanduser()
    offline = _is_true(env.get("HF_HUB_OFFLINE")) or _is_true(env.get("TRANSFORMERS_OFFLINE"))
    return HubSettings(endpoint, cache_dir, offline)


# --------------------------------------------------------------------------- progress


@dataclass
class DownloadProgress:
    """Where a model download stands.

    Attributes
    ----------
    model_id: the hub id being downloaded.
    done_bytes: bytes of the needed files on this computer (including those already there).
    total_bytes: bytes of every needed file, known from the file list before the first byte.
    files_done, files_total: files complete out of those needed.
    current_file: the file being transferred ("" between files).
    elapsed_s: seconds since the download started.
    speed_bytes_s: transfer speed over the last few seconds (0 before the first bytes).
    eta_s: seconds left at that speed (``None`` while unknown).
    finished: whether every file is in the cache.
    cached_bytes: bytes that were already on this computer when the download started (whole
        files in the cache, or the part of a file kept from an interrupted download).
    """

    model_id: str
    done_bytes: int = 0
    total_bytes: int = 0
    files_done: int = 0
    files_total: int = 0
    current_file: str = ""
    elapsed_s: float = 0.0
    speed_bytes_s: float = 0.0
    eta_s: float | None = None
    finished: bool = False
    cached_bytes: int = 0

    @property
    def percent(self) -> float:
        """0 to 100; 100 once finished (even for a model with no bytes to fetch)."""
        if self.total_bytes <= 0:
            return 100.0 if self.finished else 0.0
        return min(100.0, 100.0 * self.done_bytes / self.total_bytes)

    @property
    def downloaded_bytes(self) -> int:
        """Bytes transferred by this download (not counting what was already here)."""
        return max(self.done_bytes - self.cached_bytes, 0)

    @property
    def from_cache(self) -> bool:
        """Finished without transferring anything: the model was already on this computer."""
        return self.finished and self.downloaded_bytes == 0

    def describe(self, lang: str | None = None) -> str:
        """One line for a person, e.g. «Descargando org/modelo: 45 % (120,5 MB de 265,0 MB) ·
        3,2 MB/s · quedan 26 s» (Spanish by default; ``lang="en"`` for English)."""
        from .estimate import format_duration

        total = format_bytes(self.total_bytes, lang)
        if self.from_cache:
            return t("download.progress.cached", lang, name=self.model_id, total=total)
        if self.finished:
            return t(
                "download.progress.done",
                lang,
                name=self.model_id,
                total=total,
                elapsed=format_duration(self.elapsed_s, lang),
            )
        # Whole percents, rounded down: never "100 %" before the last byte.
        percent = format_percent(int(self.percent) / 100, 0, lang)
        parts = [
            t(
                "download.progress",
                lang,
                name=self.model_id,
                percent=percent,
                done=format_bytes(self.done_bytes, lang),
                total=total,
            )
        ]
        if self.speed_bytes_s > 0:
            parts.append(f"{format_bytes(self.speed_bytes_s, lang)}/s")
        if self.eta_s is not None:
            parts.append(t("download.progress.eta", lang, eta=format_duration(self.eta_s, lang)))
        return " · ".join(parts)


_listener: contextvars.ContextVar[ProgressCallback | None] = contextvars.ContextVar(
    "download_listener", default=None
)


@contextlib.contextmanager
def reporting_downloads_to(on_progress: ProgressCallback | None) -> Iterator[None]:
    """Send the progress of every download started inside the block (in this thread) to
    ``on_progress``, when the call that downloads was given none: the CLI uses it to show
    downloads that happen deep inside the engine (loading a run's base model...)."""
    token = _listener.set(on_progress)
    try:
        yield
    finally:
        _listener.reset(token)


class DownloadCancelled(Exception):
    """Raised from inside a transfer when ``should_stop()`` says so (becomes a ModelError)."""


class _Tracker:
    """Adds up bytes into a :class:`DownloadProgress` and reports it at a bounded rate."""

    def __init__(
        self,
        model_id: str,
        on_progress: ProgressCallback | None,
        should_stop: Callable[[], bool] | None,
    ):
        self.progress = DownloadProgress(model_id)
        self.on_progress = on_progress
        self.should_stop = should_stop
        self.started = time.monotonic()
        self.transferred = 0  # bytes received in this call (for the speed and the error)
        self._samples: deque[tuple[float, int]] = deque()
        self._last_report = -1.0
        self._lock = threading.Lock()

    def check_stop(self) -> None:
        if self.should_stop is not None and self.should_stop():
            raise DownloadCancelled()

    def begin(self, total: int, files_total: int, files_done: int, cached: int) -> None:
        p = self.progress
        p.total_bytes, p.files_total, p.files_done = total, files_total, files_done
        p.done_bytes = p.cached_bytes = cached
        if files_done < files_total:  # a model already here says so once, when finished
            self.report(force=True)

    def start_file(self, path: str) -> None:
        self.progress.current_file = path

    def already_here(self, n: int) -> None:
        """Bytes of the current file kept from an earlier, interrupted download."""
        self.progress.done_bytes += n
        self.progress.cached_bytes += n

    def end_file(self, expected_done: int) -> None:
        p = self.progress
        p.files_done += 1
        p.current_file = ""
        p.done_bytes = expected_done  # exact, whatever the transfer reported
        self.report()

    def update(self, n: int) -> None:
        with self._lock:
            self.progress.done_bytes += n
            self.transferred += n
            now = time.monotonic()
            self._samples.append((now, self.transferred))
            while len(self._samples) > 2 and now - self._samples[0][0] > SPEED_WINDOW_S:
                self._samples.popleft()
        self.report()
        self.check_stop()

    def _refresh(self) -> None:
        p = self.progress
        now = time.monotonic()
        p.elapsed_s = now - self.started
        if len(self._samples) >= 2:
            (t0, b0), (t1, b1) = self._samples[0], self._samples[-1]
            # Idle time since the last bytes counts too: a stalled download slows down.
            span = max(now, t1) - t0
            p.speed_bytes_s = (b1 - b0) / span if span > 0 else 0.0
        remaining = max(p.total_bytes - p.done_bytes, 0)
        p.eta_s = (
            remaining / p.speed_bytes_s if p.speed_bytes_s > 0 else (0.0 if p.finished else None)
        )

    def report(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last_report < REPORT_INTERVAL_S:
            return
        self._last_report = now
        self._refresh()
        if self.on_progress is not None:
            self.on_progress(replace(self.progress))

    def finish(self) -> DownloadProgress:
        self.progress.finished = True
        self.progress.current_file = ""
        self.progress.done_bytes = self.progress.total_bytes
        self.report(force=True)
        return replace(self.progress)

    def tqdm_class(self) -> type:
        """A ``tqdm``-like class for ``huggingface_hub`` (``tqdm_class=``) feeding this tracker."""
        tracker = self

        class _DownloadBar:
            def __init__(self, *args, **kwargs):
                self.n = kwargs.get("initial", 0) or 0
                self.total = kwargs.get("total")

            def update(self, n: int = 1) -> None:
                self.n += n
                tracker.update(n)

            def __enter__(self):
                return self

            def __exit__(self, *exc) -> None:
                return None

            def close(self) -> None:
                pass

            def __getattr__(
                self, name
            ):  # set_description, refresh, update_transfer...: nothing to show
                return lambda *args, **kwargs: None

        return _DownloadBar


# --------------------------------------------------------------------------- which files

#: Weight formats ``from_pretrained`` reads with PyTorch, best first: (single file, index, shard
#: pattern).
_WEIGHT_FORMATS = (
    (
        "model.safetensors",
        "model.safetensors.index.json",
        re.compile(r"^model-\d+-of-\d+\.safetensors$"),
    ),
    (
        "pytorch_model.bin",
        "pytorch_model.bin.index.json",
        re.compile(r"^pytorch_model-\d+-of-\d+\.bin$"),
    ),
)
#: Chat templates kept in their own folder (transformers 5 lists them).
_TEMPLATE_FOLDER = "additional_chat_templates/"
#: Top-level files never needed: other frameworks' weights, code (never run), media, archives.
_SKIPPED = re.compile(
    r"(\.(h5|msgpack|onnx|onnx_data|ot|gguf|tflite|mlmodel|pb|pt|pth|ckpt|npz|npy|bin|safetensors|py|"
    r"png|jpe?g|gif|svg|webp|pdf|zip|tar|gz|tgz|xml)$)|(^\.git)|(^openvino)|(\.index\.json$)",
    re.IGNORECASE,
)


def select_files(sizes: dict[str, int]) -> list[tuple[str, int]]:
    """The files of a repository that ``from_pretrained`` needs for a model and its tokenizer.

    Every top-level configuration, tokenizer and template file (``*.json``, ``*.txt``,
    ``*.model``, ``*.jinja``, ``README.md``...), the chat templates folder, and ONE weight format:
    ``model.safetensors`` (or its index and shards), else ``pytorch_model.bin`` (or its index and
    shards). TensorFlow, Flax, ONNX, Rust, OpenVINO and GGUF weights, code, images and other
    folders are left out. Small files come first and the weights last, so that a download cut
    short never leaves weights without their configuration.
    """
    small = []
    for path, size in sizes.items():
        if "/" in path:
            if (
                path.startswith(_TEMPLATE_FOLDER)
                and path.endswith(".jinja")
                and path.count("/") == 1
            ):
                small.append((path, size))
            continue
        if not _SKIPPED.search(path):
            small.append((path, size))
    weights: list[tuple[str, int]] = []
    for single, index, shard in _WEIGHT_FORMATS:
        if single in sizes:
            weights = [(single, sizes[single])]
            break
        if index in sizes:
            shards = sorted((p, s) for p, s in sizes.items() if shard.match(p))
            if shards:
                weights = [(index, sizes[index])] + shards
                break
    return sorted(small) + weights


def _is_weight_file(path: str) -> bool:
    return any(
        path in (single, index) or shard.match(path) for single, index, shard in _WEIGHT_FORMATS
    )


def _repo_folder(model_id: str) -> str:
    # The cache's documented layout: models--<org>--<name>.
    return "models--" + model_id.replace("/", "--")


def _is_commit(revision: str) -> bool:
    return re.fullmatch(r"[0-9a-f]{40}", revision or "") is not None


def _snapshot(cache_dir: Path, model_id: str, revision: str) -> Path | None:
    """The cache folder of ``revision`` of ``model_id`` (``None`` when the cache has no record)."""
    storage = cache_dir / _repo_folder(model_id)
    if _is_commit(revision):
        commit = revision
    else:
        ref = storage / "refs" / revision
        if not ref.is_file():
            return None
        commit = ref.read_text().strip()
    folder = storage / "snapshots" / commit
    return folder if folder.is_dir() else None


_TOKENIZER_FILES = (
    "tokenizer.json",
    "tokenizer_config.json",
    "spiece.model",
    "tokenizer.model",
    "sentencepiece.bpe.model",
    "vocab.json",
    "vocab.txt",
)


def _weights_complete(folder: Path) -> bool:
    for single, index, _ in _WEIGHT_FORMATS:
        if (folder / single).is_file():
            return True
        if (folder / index).is_file():
            try:
                shards = set(
                    json.loads((folder / index).read_text(encoding="utf-8"))["weight_map"].values()
                )
            except (OSError, ValueError, KeyError, TypeError):
                return False
            return bool(shards) and all((folder / shard).is_file() for shard in shards)
    return False


def is_downloaded(model_id: str, revision: str = "main") -> bool:
    """Whether ``model_id`` is complete in the local Hub cache: configuration, a tokenizer and
    every weight file. Reads only the disk (no network)."""
    folder = _snapshot(hub_settings().cache_dir, model_id, revision)
    if folder is None or not (folder / "config.json").is_file():
        return False
    return any((folder / name).is_file() for name in _TOKENIZER_FILES) and _weights_complete(folder)


@dataclass(frozen=True)
class _Listing:
    sha: str  # the commit the revision points to
    files: list[tuple[str, int]]  # what to download, in order
    etags: dict[str, str]  # path -> name of its blob in the cache


def _listing(model_id: str, revision: str, settings: HubSettings) -> _Listing:
    from huggingface_hub import HfApi
    from huggingface_hub.hf_api import RepoFile

    api = HfApi(endpoint=settings.endpoint)
    sha = api.model_info(model_id, revision=revision).sha or revision
    entries = [
        e
        for e in api.list_repo_tree(model_id, revision=sha, recursive=True)
        if isinstance(e, RepoFile)
    ]
    sizes = {entry.path: int(entry.size or 0) for entry in entries}
    # The Hub names a file by its SHA-256 when it is in LFS, else by its Git blob id.
    etags = {
        entry.path: (entry.lfs.sha256 if entry.lfs is not None else entry.blob_id)
        for entry in entries
    }
    return _Listing(sha, select_files(sizes), etags)


def files_to_download(model_id: str, revision: str = "main") -> list[tuple[str, int]]:
    """``[(path, size in bytes), ...]``: what :func:`download_model` fetches (asks the Hub).

    Raises :class:`ModelError` as :func:`download_model` does.
    """
    settings = hub_settings()
    try:
        return _listing(model_id, revision, settings).files
    except Exception as exc:
        error = _as_model_error(exc, model_id, revision, settings, None)
        if error is None:
            raise
        raise error from exc


# --------------------------------------------------------------------------- downloading


def download_model(
    model_id: str,
    *,
    revision: str = "main",
    on_progress: ProgressCallback | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Path:
    """Download what ``from_pretrained`` needs of ``model_id`` into the Hub cache; returns the
    snapshot folder (``.../snapshots/<commit>``).

    Files already in the cache are not downloaded again (the model "is already on this
    computer"); a file left half-way by a cancelled or cut download continues from where it
    stopped. ``on_progress`` receives a :class:`DownloadProgress` at most about four times a
    second, and once more when finished (without it, the listener of
    :func:`reporting_downloads_to` if any). ``should_stop()`` is checked between chunks.

    Without a connection (or in offline mode) a model already complete in the cache is used as
    it is.

    Raises
    ------
    ModelError
        ``download.cancelled``, ``download.repo_not_found`` (does not exist, or private without
        a token), ``download.gated``, ``download.no_connection``, ``download.connection_lost``,
        ``download.offline_mode``, ``download.revision_not_found``, ``download.invalid_name``,
        ``download.hub_error``, ``download.disk_full`` or ``download.no_weights`` (the
        repository has no weights PyTorch can read).
    """
    settings = hub_settings()
    tracker = _Tracker(model_id, on_progress or _listener.get(), should_stop)
    if settings.offline:
        if is_downloaded(model_id, revision):
            return _from_cache(model_id, revision, settings, tracker)
        raise ModelError("download.offline_mode", name=model_id)
    try:
        tracker.check_stop()
        listing = _listing(model_id, revision, settings)
        if not any(_is_weight_file(path) for path, _ in listing.files):
            raise ModelError("download.no_weights", name=model_id)
        storage = settings.cache_dir / _repo_folder(model_id)
        snapshot = storage / "snapshots" / listing.sha
        cached = [(p, s) for p, s in listing.files if (snapshot / p).is_file()]
        # Parts kept from an interrupted download count as done from the start.
        kept = {
            p: _partial_size(storage, listing.etags.get(p))
            for p, _ in listing.files
            if (p, _) not in cached
        }
        total = sum(s for _, s in listing.files)
        done = sum(s for _, s in cached)
        tracker.begin(total, len(listing.files), len(cached), done + sum(kept.values()))
        for path, size in listing.files:
            if (snapshot / path).is_file():
                continue
            tracker.check_stop()
            tracker.start_file(path)
            _fetch_file(model_id, path, listing.sha, settings, storage, tracker, kept.get(path, 0))
            done += size
            tracker.end_file(done)
        if not _is_commit(revision):
            _write_ref(storage, revision, listing.sha)
        tracker.finish()
        return snapshot
    except ModelError:
        raise
    except Exception as exc:
        error = _as_model_error(exc, model_id, revision, settings, tracker)
        if error is None:  # not a download problem: let it show as it is
            raise
        if error.key == "download.no_connection" and is_downloaded(model_id, revision):
            return _from_cache(model_id, revision, settings, tracker)
        raise error from exc


def _from_cache(model_id: str, revision: str, settings: HubSettings, tracker: _Tracker) -> Path:
    folder = _snapshot(settings.cache_dir, model_id, revision)
    assert folder is not None
    files = [p for p in folder.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    tracker.begin(size, len(files), len(files), size)
    tracker.finish()
    return folder


def _write_ref(storage: Path, revision: str, sha: str) -> None:
    # refs/<branch> holds the commit the branch points to: what offline loading reads.
    ref = storage / "refs" / revision
    if not ref.is_file() or ref.read_text().strip() != sha:
        ref.parent.mkdir(parents=True, exist_ok=True)
        ref.write_text(sha)


def _partial_size(storage: Path, etag: str | None) -> int:
    if not etag:
        return 0
    partial = storage / "blobs" / f"{etag}.incomplete"
    return partial.stat().st_size if partial.is_file() else 0


def _fetch_file(
    model_id: str,
    path: str,
    sha: str,
    settings: HubSettings,
    storage: Path,
    tracker: _Tracker,
    counted: int,
) -> None:
    """Put one file in the cache; ``counted`` bytes of it were already reported as done."""
    from huggingface_hub import get_hf_file_metadata, hf_hub_download, hf_hub_url

    url = hf_hub_url(model_id, path, revision=sha, endpoint=settings.endpoint)
    metadata = get_hf_file_metadata(url, endpoint=settings.endpoint)
    if metadata.etag and metadata.size is not None:
        blob = storage / "blobs" / metadata.etag
        if not blob.is_file():
            _download_blob(metadata.location, url, blob, metadata.size, storage, tracker, counted)
    # The file is in blobs/ now: hf_hub_download only links it into the snapshot (and, if the
    # Hub gave no size, downloads it itself, still reporting through the tracker).
    hf_hub_download(
        model_id,
        path,
        revision=sha,
        cache_dir=str(settings.cache_dir),
        endpoint=settings.endpoint,
        tqdm_class=tracker.tqdm_class(),
    )


def _transport_errors() -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = []
    for module_name in ("httpx2", "httpx"):
        try:
            module = __import__(module_name)
        except ImportError:
            continue
        errors.append(module.TransportError)
    return tuple(errors)


@contextlib.contextmanager
def _partial_lock(storage: Path, etag: str, tracker: _Tracker) -> Iterator[None]:
    """One writer per partial file, across threads and processes; waiting stays cancellable."""
    from filelock import FileLock, Timeout

    lock_path = storage.parent / ".locks" / storage.name / f"{etag}.partial.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(lock_path))
    while True:
        try:
            lock.acquire(timeout=0.5)
            break
        except Timeout:
            tracker.check_stop()
    try:
        yield
    finally:
        lock.release()


def _download_blob(
    location: str, url: str, blob: Path, size: int, storage: Path, tracker: _Tracker, counted: int
) -> None:
    """Transfer one file into ``blobs/<etag>.incomplete``, resuming what is there, then rename
    it."""
    from urllib.parse import urlsplit

    from huggingface_hub.utils import build_hf_headers, get_session, hf_raise_for_status

    partial = blob.with_name(blob.name + ".incomplete")
    blob.parent.mkdir(parents=True, exist_ok=True)
    transport_errors = _transport_errors()
    with _partial_lock(storage, blob.name, tracker):
        if blob.is_file():  # finished by another thread or process meanwhile
            return
        have = partial.stat().st_size if partial.is_file() else 0
        if have > size:
            partial.unlink()
            have = 0
        tracker.already_here(have - counted)
        resumes = 0
        while have < size:
            headers = build_hf_headers()
            headers["Accept-Encoding"] = "identity"  # sizes and ranges count raw bytes
            if urlsplit(location).netloc != urlsplit(url).netloc:
                headers.pop("authorization", None)  # a signed CDN address must not get the token
            if have:
                headers["Range"] = f"bytes={have}-"
            received = 0
            try:
                with get_session().stream(
                    "GET",
                    location,
                    headers=headers,
                    follow_redirects=True,
                    timeout=READ_TIMEOUT_S,
                ) as response:
                    hf_raise_for_status(response)
                    if have and response.status_code != 206:  # the range was ignored: start over
                        tracker.update(-have)
                        have = 0
                    with open(partial, "ab" if have else "wb") as out:
                        for chunk in response.iter_bytes():
                            out.write(chunk)
                            have += len(chunk)
                            received += len(chunk)
                            tracker.update(len(chunk))
            except transport_errors:
                if received == 0 or resumes >= RESUMES_PER_FILE:
                    raise
                resumes += 1
                time.sleep(0.5)
        if have != size:
            raise OSError(f"{blob.name}: received {have} bytes, expected {size}")
        os.replace(partial, blob)


# --------------------------------------------------------------------------- errors


def _as_model_error(
    exc: BaseException,
    model_id: str,
    revision: str,
    settings: HubSettings,
    tracker: _Tracker | None,
) -> ModelError | None:
    """The user's error for what ``huggingface_hub`` or the connection raised (``None`` for
    anything else)."""
    from huggingface_hub.errors import (
        GatedRepoError,
        HfHubHTTPError,
        HFValidationError,
        LocalEntryNotFoundError,
        OfflineModeIsEnabled,
        RepositoryNotFoundError,
        RevisionNotFoundError,
    )

    progress = tracker.progress if tracker is not None else DownloadProgress(model_id)
    sizes = {"done": format_bytes(progress.done_bytes), "total": format_bytes(progress.total_bytes)}
    if isinstance(exc, DownloadCancelled):
        return ModelError("download.cancelled", name=model_id, **sizes)
    if isinstance(exc, GatedRepoError):  # before its parent class, RepositoryNotFoundError
        return ModelError("download.gated", name=model_id, url=f"{settings.endpoint}/{model_id}")
    if isinstance(exc, RepositoryNotFoundError):
        return ModelError("download.repo_not_found", name=model_id)
    if isinstance(exc, RevisionNotFoundError):
        return ModelError("download.revision_not_found", name=model_id, revision=revision)
    if isinstance(exc, HFValidationError):
        return ModelError("download.invalid_name", name=model_id)
    if isinstance(exc, OfflineModeIsEnabled):  # the library was imported in offline mode
        return ModelError("download.offline_mode", name=model_id)
    if isinstance(exc, (LocalEntryNotFoundError, *_transport_errors())):
        started = tracker is not None and (tracker.transferred > 0 or progress.cached_bytes > 0)
        if started:
            return ModelError("download.connection_lost", name=model_id, **sizes)
        return ModelError("download.no_connection", name=model_id, endpoint=settings.endpoint)
    if isinstance(exc, HfHubHTTPError) and exc.response is not None:
        return ModelError("download.hub_error", name=model_id, status=exc.response.status_code)
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return ModelError(
            "download.disk_full",
            name=model_id,
            total=sizes["total"],
            folder=str(settings.cache_dir),
        )
    return None
