"""A small stand-in for the Hugging Face Hub on 127.0.0.1, for tests and demonstrations.

It serves model folders under their real hub ids with the part of the Hub's HTTP API that
``huggingface_hub`` (``hf_hub_download``, ``model_info``, ``list_repo_tree``) and
``transformers``' ``from_pretrained`` use, so the real download path runs with no connection:

- ``GET /api/models/{id}`` and ``GET /api/models/{id}/revision/{revision}``: the repository's
  information (``sha``, ``gated``, ``siblings``...).
- ``GET /api/models/{id}/tree/{revision}[/{path}]?recursive=...``: the file listing, with sizes
  and LFS information as the Hub gives them.
- ``HEAD`` and ``GET /{id}/resolve/{revision}/{path}``: a file, with the headers the client
  reads (``X-Repo-Commit``, ``ETag``, ``X-Linked-Etag``, ``X-Linked-Size``, ``Content-Length``)
  and HTTP ranges (``206 Partial Content``) to resume an interrupted download.

Errors are answered as the Hub answers them, with its ``X-Error-Code`` header: an id that is
not registered gets ``RepoNotFound`` (the Hub says the same for a private repository when
the request has no token), a gated id ``GatedRepo`` for every file but its README, an unknown
revision ``RevisionNotFound`` and a missing file ``EntryNotFound``.

Knobs for tests: :attr:`LocalHub.throttle_bytes_s` slows file transfers down so that progress
can be watched; :meth:`LocalHub.cut_connection` drops the connection once a file has been sent
up to a given byte (every time, until :meth:`LocalHub.clear_cuts`), as a connection lost in
the middle of a download; :attr:`LocalHub.requests` records every request (method, path,
``Range`` header, status, bytes sent).

Usage::

    with LocalHub() as hub:
        hub.add_model("flax-community/spanish-t5-small", folder)
        os.environ["HF_ENDPOINT"] = hub.endpoint
        ...

Only the standard library is used (``http.server``); the server listens on 127.0.0.1 only, on
a free port chosen by the system, in a background thread.
"""

from __future__ import annotations

import hashlib
import json
import re
import socket
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator
from urllib.parse import parse_qs, unquote, urlsplit

#: Files the Hub stores with Git LFS (their ETag is the SHA-256 of the content).
LFS_SUFFIXES = (
    ".safetensors",
    ".bin",
    ".model",
    ".msgpack",
    ".h5",
    ".onnx",
    ".ot",
    ".pt",
    ".pth",
    ".gguf",
)
#: Larger files go to LFS whatever their name (the Hub's limit for plain Git files).
LFS_MIN_SIZE = 10 * 1024 * 1024
#: Files of a gated repository that anyone may download (the Hub shows the model card).
GATED_PUBLIC_FILES = ("README.md", ".gitattributes")
#: Bytes written at a time; small enough for throttling and cuts to be precise.
SEND_CHUNK = 16 * 1024


@dataclass(frozen=True)
class RequestRecord:
    """One request the server answered."""

    method: str
    path: str
    range: str | None
    status: int
    bytes_sent: int = 0
    error_code: str | None = None  # the X-Error-Code answered, as the Hub names its errors

    @property
    def is_file_transfer(self) -> bool:
        return self.method == "GET" and "/resolve/" in self.path


@dataclass(frozen=True)
class ServedFile:
    path: str
    source: Path
    size: int
    git_oid: str
    sha256: str
    is_lfs: bool

    @property
    def etag(self) -> str:
        # The Hub's rule: an LFS file is named by its SHA-256, a Git file by its blob id.
        return self.sha256 if self.is_lfs else self.git_oid


@dataclass(frozen=True)
class ServedModel:
    model_id: str
    files: dict[str, ServedFile]
    sha: str
    gated: bool


def _git_blob_oid(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def _describe_folder(model_id: str, folder: Path, gated: bool) -> ServedModel:
    files: dict[str, ServedFile] = {}
    for source in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = source.relative_to(folder).as_posix()
        if relative.startswith(".cache/") or "/.git/" in f"/{relative}":
            continue
        data = source.read_bytes()
        is_lfs = relative.endswith(LFS_SUFFIXES) or len(data) >= LFS_MIN_SIZE
        files[relative] = ServedFile(
            relative,
            source,
            len(data),
            _git_blob_oid(data),
            hashlib.sha256(data).hexdigest(),
            is_lfs,
        )
    if not files:
        raise ValueError(f"{folder} holds no files to serve")
    listing = "\n".join(f"{f.path} {f.etag}" for f in files.values())
    # A commit id that changes whenever a file does, as a real commit would.
    sha = hashlib.sha1(f"{model_id}\n{listing}".encode()).hexdigest()
    return ServedModel(model_id, files, sha, gated)


class LocalHub:
    """A local Hugging Face Hub serving registered model folders; a context manager.

    Parameters
    ----------
    throttle_bytes_s:
        Upper bound on the transfer rate of each file response (``None``: as fast as possible).

    Attributes
    ----------
    endpoint : str
        ``http://127.0.0.1:<port>``: the value for ``HF_ENDPOINT``.
    throttle_bytes_s : float or None
        Can be changed at any time; applies to responses that start afterwards.
    """

    def __init__(self, *, throttle_bytes_s: float | None = None):
        self.throttle_bytes_s = throttle_bytes_s
        self._models: dict[str, ServedModel] = {}
        self._cuts: dict[tuple[str, str], int] = {}
        self._log: list[RequestRecord] = []
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._active = 0  # requests being answered
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> "LocalHub":
        if self._server is not None:
            return self
        handler = type("_BoundHandler", (_HubRequestHandler,), {"hub": self})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="local-hub",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> "LocalHub":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError(
                "the local hub is not running (call start() or use it as a context manager)"
            )
        return self._server.server_address[1]

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # ------------------------------------------------------------------ content

    def add_model(self, model_id: str, folder: str | Path, *, gated: bool = False) -> ServedModel:
        """Serve the files of ``folder`` as the repository ``model_id`` (read when called).

        ``gated=True`` answers as the Hub does for a gated model whose conditions the user has
        not accepted: its information and file list are visible, its files are refused.
        """
        model = _describe_folder(model_id, Path(folder), gated)
        with self._lock:
            self._models[model_id] = model
        return model

    def remove_model(self, model_id: str) -> None:
        with self._lock:
            self._models.pop(model_id, None)

    def model(self, model_id: str) -> ServedModel:
        return self._models[model_id]

    def total_size(self, model_id: str, paths: list[str] | None = None) -> int:
        files = self._models[model_id].files
        return sum(files[p].size for p in (paths if paths is not None else files))

    # ------------------------------------------------------------------ failures

    def cut_connection(self, model_id: str, filename: str, after_bytes: int) -> None:
        """Drop the connection whenever ``filename`` has been sent up to byte ``after_bytes``.

        Every response for that file stops there (a resumed request starting at or after that
        byte gets its headers and then nothing) until :meth:`clear_cuts` is called.
        """
        with self._lock:
            self._cuts[(model_id, filename)] = int(after_bytes)

    def clear_cuts(self) -> None:
        with self._lock:
            self._cuts.clear()

    def _cut_for(self, model_id: str, filename: str) -> int | None:
        with self._lock:
            return self._cuts.get((model_id, filename))

    # ------------------------------------------------------------------ request log

    @property
    def requests(self) -> list[RequestRecord]:
        with self._lock:
            return list(self._log)

    def clear_log(self) -> None:
        """Forget the requests so far, once every one is answered and recorded: a request is
        recorded after its answer is sent, so a client may have moved on before it is logged."""
        self.wait_idle()
        with self._lock:
            self._log.clear()

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Wait until no request is being answered (a response the client abandoned may still
        be finishing on the server); True if that happened within ``timeout`` seconds."""
        with self._idle:
            return self._idle.wait_for(lambda: self._active == 0, timeout)

    def file_gets(
        self, model_id: str | None = None, filename: str | None = None
    ) -> list[RequestRecord]:
        """The ``GET`` requests of files (``/resolve/``), optionally of one model or one file."""
        found = []
        for record in self.requests:
            if not record.is_file_transfer:
                continue
            parsed = _parse_resolve(urlsplit(record.path).path)
            if parsed is None:
                continue
            repo, _, path = parsed
            if model_id is not None and repo != model_id:
                continue
            if filename is not None and path != filename:
                continue
            found.append(record)
        return found

    def _begin_request(self) -> None:
        with self._lock:
            self._active += 1

    def _record(self, record: RequestRecord) -> None:
        with self._lock:
            self._log.append(record)
            self._active -= 1
            self._idle.notify_all()

    def _find(self, repo_path: str) -> tuple[ServedModel | None, str]:
        """The registered model whose id starts ``repo_path``, and what follows it."""
        with self._lock:
            models = dict(self._models)
        for model_id in sorted(models, key=len, reverse=True):
            if repo_path == model_id or repo_path.startswith(model_id + "/"):
                return models[model_id], repo_path[len(model_id) :].lstrip("/")
        return None, repo_path


def _parse_resolve(path: str) -> tuple[str, str, str] | None:
    match = re.match(r"^/(?P<repo>.+?)/resolve/(?P<revision>[^/]+)/(?P<file>.+)$", path)
    if match is None:
        return None
    return unquote(match["repo"]), unquote(match["revision"]), unquote(match["file"])


class _HubRequestHandler(BaseHTTPRequestHandler):
    hub: LocalHub  # set on the subclass made by LocalHub.start
    protocol_version = "HTTP/1.1"  # keep-alive, as the Hub's clients expect
    server_version = "widgets-llm-local-hub"

    def log_message(self, format, *args):  # quiet: tests read hub.requests instead
        pass

    # ------------------------------------------------------------------ dispatch

    def do_HEAD(self):
        self._dispatch(head=True)

    def do_GET(self):
        self._dispatch(head=False)

    def _dispatch(self, head: bool) -> None:
        self._status = 0
        self._sent = 0
        self._error_code: str | None = None
        self.hub._begin_request()
        try:
            url = urlsplit(self.path)
            path = url.path
            if path.startswith("/api/models/"):
                self._api(path[len("/api/models/") :], parse_qs(url.query), head)
            elif "/resolve/" in path:
                self._resolve(path, head)
            else:
                self._error(404, None, "Not Found")
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        finally:
            self.hub._record(
                RequestRecord(
                    self.command,
                    self.path,
                    self.headers.get("Range"),
                    self._status,
                    self._sent,
                    self._error_code,
                )
            )

    # ------------------------------------------------------------------ answers

    def _send_headers(self, status: int, headers: dict[str, str]) -> None:
        self._status = status
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()

    def _error(
        self, status: int, code: str | None, message: str, commit: str | None = None
    ) -> None:
        body = json.dumps({"error": message}).encode()
        headers = {
            "Content-Type": "application/json",
            "Content-Length": str(len(body)),
            "X-Error-Message": message,
        }
        if code:
            headers["X-Error-Code"] = code
            self._error_code = code
        if commit:
            headers["X-Repo-Commit"] = commit
        self._send_headers(status, headers)
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, data, head: bool) -> None:
        body = json.dumps(data).encode()
        self._send_headers(
            200, {"Content-Type": "application/json", "Content-Length": str(len(body))}
        )
        if not head:
            self.wfile.write(body)

    def _repo_not_found(self) -> None:
        # What the Hub answers without a token, for a missing repository and a private one alike.
        self._error(401, "RepoNotFound", "Repository not found")

    def _check_revision(self, model: ServedModel, revision: str) -> bool:
        if revision in ("main", model.sha):
            return True
        self._error(404, "RevisionNotFound", f"Invalid rev id: {revision}")
        return False

    # /api/models/{id}[/revision/{rev}] and /api/models/{id}/tree/{rev}[/{path}]
    def _api(self, rest: str, query: dict[str, list[str]], head: bool) -> None:
        model, tail = self.hub._find(unquote(rest))
        if model is None:
            self._repo_not_found()
            return
        if tail == "" or tail.startswith("revision/"):
            revision = tail[len("revision/") :] if tail else "main"
            if self._check_revision(model, unquote(revision)):
                self._json(self._info(model, blobs="blobs" in query), head)
            return
        match = re.match(r"^tree/(?P<revision>[^/]+)(?:/(?P<folder>.*))?$", tail)
        if match is None:
            self._error(404, None, "Not Found")
            return
        if not self._check_revision(model, unquote(match["revision"])):
            return
        folder = unquote(match["folder"] or "").strip("/")
        recursive = (query.get("recursive") or ["false"])[0].lower() in ("1", "true")
        entries = self._tree(model, folder, recursive)
        if entries is None:
            self._error(
                404, "EntryNotFound", f'{folder} does not exist on "main"', commit=model.sha
            )
            return
        self._json(entries, head)

    def _info(self, model: ServedModel, blobs: bool) -> dict:
        siblings = []
        for served in model.files.values():
            sibling: dict = {"rfilename": served.path}
            if blobs:
                sibling.update(size=served.size, blobId=served.git_oid)
                if served.is_lfs:
                    sibling["lfs"] = {
                        "sha256": served.sha256,
                        "size": served.size,
                        "pointerSize": 134,
                    }
            siblings.append(sibling)
        author = model.model_id.split("/")[0] if "/" in model.model_id else None
        return {
            "_id": model.sha[:24],
            "id": model.model_id,
            "modelId": model.model_id,
            "author": author,
            "sha": model.sha,
            "lastModified": "2026-01-01T00:00:00.000Z",
            "createdAt": "2026-01-01T00:00:00.000Z",
            "private": False,
            "gated": "manual" if model.gated else False,
            "disabled": False,
            "downloads": 0,
            "likes": 0,
            "library_name": "transformers",
            "tags": ["transformers"],
            "siblings": siblings,
        }

    @staticmethod
    def _tree(model: ServedModel, folder: str, recursive: bool) -> list[dict] | None:
        prefix = f"{folder}/" if folder else ""
        below = [f for f in model.files.values() if f.path.startswith(prefix)]
        if folder and not below:
            return None
        entries: list[dict] = []
        folders: set[str] = set()
        for served in below:
            relative = served.path[len(prefix) :]
            parts = relative.split("/")
            # Folders on the way, as the Hub lists them (recursive listings include them too).
            for depth in range(1, len(parts)):
                if not recursive and depth > 1:
                    break
                folders.add(prefix + "/".join(parts[:depth]))
            if not recursive and len(parts) > 1:
                continue
            entry = {
                "type": "file",
                "oid": served.git_oid,
                "size": served.size,
                "path": served.path,
            }
            if served.is_lfs:
                entry["lfs"] = {"oid": served.sha256, "size": served.size, "pointerSize": 134}
            entries.append(entry)
        for name in sorted(folders):
            entries.append(
                {
                    "type": "directory",
                    "oid": hashlib.sha1(name.encode()).hexdigest(),
                    "size": 0,
                    "path": name,
                }
            )
        return entries

    # /{id}/resolve/{rev}/{path}
    def _resolve(self, path: str, head: bool) -> None:
        parsed = _parse_resolve(path)
        if parsed is None:
            self._error(404, None, "Not Found")
            return
        repo_and_more, revision, filename = parsed
        model, _ = self.hub._find(repo_and_more)
        if model is None or repo_and_more != model.model_id:
            self._repo_not_found()
            return
        if not self._check_revision(model, revision):
            return
        served = model.files.get(filename)
        if served is None:
            self._error(404, "EntryNotFound", "Entry not found", commit=model.sha)
            return
        if model.gated and filename not in GATED_PUBLIC_FILES:
            self._error(
                401,
                "GatedRepo",
                f"Access to model {model.model_id} is restricted. You must have access to it "
                "and be authenticated to access it. Please log in.",
                commit=model.sha,
            )
            return
        headers = {
            "Content-Type": "application/octet-stream",
            "Accept-Ranges": "bytes",
            "X-Repo-Commit": model.sha,
            "ETag": f'"{served.etag}"',
        }
        if served.is_lfs:
            headers["X-Linked-Etag"] = f'"{served.sha256}"'
            headers["X-Linked-Size"] = str(served.size)
        start, end = 0, served.size - 1
        status = 200
        wanted = self.headers.get("Range")
        if wanted and not head:
            byte_range = _parse_range(wanted, served.size)
            if byte_range is None:
                self._send_headers(
                    416,
                    {
                        "Content-Range": f"bytes */{served.size}",
                        "Content-Length": "0",
                        "X-Repo-Commit": model.sha,
                    },
                )
                return
            start, end = byte_range
            status = 206
            headers["Content-Range"] = f"bytes {start}-{end}/{served.size}"
        headers["Content-Length"] = str(end - start + 1 if served.size else 0)
        self._send_headers(status, headers)
        if head:
            return
        self._send_file(model, served, start, end)

    def _send_file(self, model: ServedModel, served: ServedFile, start: int, end: int) -> None:
        cut = self.hub._cut_for(model.model_id, served.path)
        stop = end + 1 if cut is None else min(end + 1, max(cut, start))
        throttle = self.hub.throttle_bytes_s
        began = time.monotonic()
        for chunk in _read_chunks(served.source, start, stop):
            self.wfile.write(chunk)
            self._sent += len(chunk)
            if throttle:
                # Sleep until the bytes sent so far fit the allowed rate.
                delay = self._sent / throttle - (time.monotonic() - began)
                if delay > 0:
                    time.sleep(delay)
        if stop <= end:  # the cut: drop the connection in the middle of the body
            self.wfile.flush()
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def _parse_range(header: str, size: int) -> tuple[int, int] | None:
    match = re.fullmatch(r"\s*bytes=(\d*)-(\d*)\s*", header)
    if match is None or (not match[1] and not match[2]):
        return None
    if not match[1]:  # suffix range: the last N bytes
        length = int(match[2])
        return (max(size - length, 0), size - 1) if length and size else None
    start = int(match[1])
    end = min(int(match[2]), size - 1) if match[2] else size - 1
    if start >= size or end < start:
        return None
    return start, end


def _read_chunks(source: Path, start: int, stop: int) -> Iterator[bytes]:
    with open(source, "rb") as handle:
        handle.seek(start)
        remaining = stop - start
        while remaining > 0:
            chunk = handle.read(min(SEND_CHUNK, remaining))
            if not chunk:
                return
            remaining -= len(chunk)
            yield chunk
