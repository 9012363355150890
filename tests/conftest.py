"""Fixtures shared by the browser tests: a Voilà server and a headless Chromium page.

Only tests marked ``@pytest.mark.browser`` use them; importing this file stays light (Playwright
and psutil load inside the fixtures) so the no-browser tests, and the ipywidgets 7 run of the
widget tests, do not pay for them.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
#: Screenshots and server logs of browser tests (git-ignored; CI can keep them as artifacts).
ARTIFACTS_DIR = REPO_ROOT / "test-artifacts"
#: The system Chromium (Debian's ``chromium`` package, installed by ``make browser``).
#: Playwright drives it directly and never downloads a browser of its own.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # tests run as root in containers, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
#: Tallest screenshot taken (Chromium cannot draw much taller surfaces).
MAX_SCREENSHOT_HEIGHT = 16000
#: Seconds to wait for Voilà's HTTP port to answer (its start imports Jupyter's server stack).
VOILA_START_TIMEOUT_S = 90
#: The same offline settings as ``make test``, so the served notebooks never reach the network.
OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "DISABLE_TELEMETRY": "1",
    "DO_NOT_TRACK": "1",
}


@pytest.fixture(autouse=True)
def _no_log_file_left_behind():
    """A Studio starts the package's log file in its runs folder; the next test starts clean."""
    yield
    from widgets_llm import logs

    logs.stop_log_file()


@pytest.fixture
def spanish():
    """Spanish for the test (the package's default), and again after it: a test may switch to
    English. A module uses it with ``pytestmark = pytest.mark.usefixtures("spanish")``."""
    from widgets_llm.messages import set_language

    set_language("es")
    yield
    set_language("es")


# ---------------------------------------------------------------- Spanish pairs for the CLI

#: Twenty-four Nicaraguan places: the pairs written from them differ in names and numbers, so a
#: model that copies one pair into another's summary is caught.
PLACES = [
    ("Los Pinos", "Ocotal"),
    ("El Roble", "Matagalpa"),
    ("La Ceiba", "Jinotega"),
    ("Santa Fe", "Estelí"),
    ("Río Claro", "Somoto"),
    ("Las Nubes", "Boaco"),
    ("El Mirador", "Juigalpa"),
    ("San Isidro", "Rivas"),
    ("La Esperanza", "Granada"),
    ("Monte Verde", "Masaya"),
    ("El Sauce", "León"),
    ("Los Ángeles", "Chinandega"),
    ("Buena Vista", "Diriamba"),
    ("La Unión", "Jinotepe"),
    ("El Progreso", "Nandaime"),
    ("San Juan", "Acoyapa"),
    ("Las Flores", "Camoapa"),
    ("El Carmen", "Teustepe"),
    ("Santa Rosa", "Tipitapa"),
    ("La Paz", "Ticuantepe"),
    ("Nueva Vida", "Nagarote"),
    ("El Ocote", "Telica"),
    ("Piedra Azul", "Wiwilí"),
    ("Agua Fría", "Quilalí"),
]


def pairs_about_places(text: str, summary: str) -> list[tuple[str, str]]:
    """One (text, summary) pair per place, from templates with ``{name}``, ``{town}``, ``{n}``
    (20 to 43) and ``{cost}`` (``n * 1000``)."""
    return [
        (
            text.format(name=name, town=town, n=n, cost=n * 1000),
            summary.format(name=name, town=town, n=n, cost=n * 1000),
        )
        for n, (name, town) in enumerate(PLACES, start=20)
    ]


# ---------------------------------------------------------------- widget trees (no browser)


def walk_widgets(root: Any):
    """``root`` and every widget under it (children of boxes, tabs and accordions), depth first."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        widget = stack.pop()
        if id(widget) in seen:
            continue
        seen.add(id(widget))
        yield widget
        children = getattr(widget, "children", None) or ()
        stack.extend(reversed(list(children)))


def _widget_label(widget: Any) -> str:
    """What a person reads on a control: its description, else its tooltip or placeholder."""
    for name in ("description", "tooltip", "placeholder"):
        text = getattr(widget, name, None)
        if isinstance(text, str) and text.strip("\u200b"):  # HTML's default placeholder is "\u200b"
            return text
    return ""


def find_all(root: Any, kind: type, label: str | None = None) -> list:
    """Widgets of ``kind`` under ``root`` whose label is ``label`` (all of that kind if None).

    For a control the label is what a person reads on it (``description``, else ``tooltip``
    or ``placeholder``); for an ``HTML``/``Label`` with no description, its text contains it.
    Hidden widgets count too: tests check what a click changes, also what it shows or hides.
    """
    import html as html_module

    found = []
    for widget in walk_widgets(root):
        if not isinstance(widget, kind):
            continue
        if label is None:
            found.append(widget)
            continue
        text = _widget_label(widget)
        if text == label:
            found.append(widget)
        elif not text and isinstance(getattr(widget, "value", None), str):
            plain = html_module.unescape(re.sub(r"<[^>]+>", " ", widget.value))
            if label in " ".join(plain.split()):
                found.append(widget)
    return found


def find(root: Any, kind: type, label: str | None = None):
    """The one widget of ``kind`` labelled ``label`` under ``root`` (see :func:`find_all`).

    Tests click what a person clicks, found by what it says, instead of reaching into a
    component's private attributes: a refactor that keeps the screen keeps the tests.
    """
    found = find_all(root, kind, label)
    if len(found) != 1:
        labels = sorted(
            {_widget_label(w) for w in walk_widgets(root) if isinstance(w, kind)} - {""}
        )
        raise AssertionError(
            f"expected one {kind.__name__} labelled {label!r}, found {len(found)}; "
            f"labels there: {labels}"
        )
    return found[0]


def wait_for(
    condition: Callable[[], Any], timeout: float = 20.0, interval: float = 0.02, what: str = ""
) -> Any:
    """Wait until ``condition()`` is true (returns its value) or fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what or condition}")
        time.sleep(interval)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def http_answers(url: str) -> bool:
    """True once a web server answers at ``url`` with any HTTP status (a 404 counts)."""
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


def log_tail(path: Path, lines: int = 40) -> str:
    if not path.exists():
        return "(no log)"
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def stop_process_tree(process: subprocess.Popen, grace_s: float = 10.0) -> None:
    """End ``process``, its process group and every descendant (Voilà starts each kernel in a
    session of its own, so killing the group alone would leave kernels running)."""
    import psutil

    try:
        descendants = psutil.Process(process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        descendants = []
    for sig, wait_s in ((signal.SIGTERM, grace_s), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(process.pid, sig)  # Voilà was started as the leader of a new group
        except ProcessLookupError:
            pass
        for child in descendants:
            try:
                child.send_signal(sig)
            except psutil.NoSuchProcess:
                pass
        _, alive = psutil.wait_procs(descendants, timeout=wait_s)
        try:
            process.wait(timeout=wait_s)
        except subprocess.TimeoutExpired:
            continue
        if not alive:
            return


@pytest.fixture
def voila_server(request) -> Callable[..., str]:
    """Start Voilà on a notebook or a folder; returns its base URL (``http://127.0.0.1:<port>``).

    Usage: ``url = voila_server("tests/pages/x.ipynb")``; for a folder the notebooks are at
    ``{url}/voila/render/<name>.ipynb``. Extra command-line options may follow the path, and
    ``env={...}`` overrides environment variables (``None`` removes one). The
    server runs the current interpreter's Voilà, offline, with ``cwd`` at the repository root;
    its log is written to ``test-artifacts/voila-<test name>.log``. Every server is stopped,
    with its kernels, when the test ends.
    """
    started: list[subprocess.Popen] = []
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    log_path = ARTIFACTS_DIR / f"voila-{_safe_name(request.node.name)}.log"
    log_path.write_bytes(b"")  # this test's servers only (each one appends)

    def start(
        notebook_path_or_dir: str | os.PathLike,
        *extra_args: str,
        env: dict[str, str | None] | None = None,
    ) -> str:
        target = Path(notebook_path_or_dir)
        if not target.is_absolute():
            target = REPO_ROOT / target
        if not target.exists():
            raise FileNotFoundError(target)
        port = free_port()
        # ``env`` overrides the offline settings (a value of None removes a variable): a test
        # with the local hub lets the kernel download from it.
        # The dashboards' template (no stylesheet from a CDN), found through JUPYTER_PATH as
        # ``make app`` finds it.
        from widgets_llm.dashboard_template import TEMPLATE_NAME, jupyter_path_with_template

        env = {
            **os.environ,
            **OFFLINE_ENV,
            "PYTHONPATH": os.pathsep.join(
                filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")])
            ),
            "JUPYTER_PATH": jupyter_path_with_template(os.environ.get("JUPYTER_PATH")),
            **(env or {}),
        }
        env = {name: value for name, value in env.items() if value is not None}
        command = [
            sys.executable,
            "-m",
            "voila",
            str(target),
            "--no-browser",
            f"--port={port}",
            "--Voila.ip=127.0.0.1",
            f"--template={TEMPLATE_NAME}",
            *extra_args,
        ]
        with open(log_path, "ab") as log:
            process = subprocess.Popen(
                command,
                cwd=REPO_ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        started.append(process)
        base_url = f"http://127.0.0.1:{port}"
        # A missing static file answers an error status without running any notebook
        # (GET / would run one).
        probe_url = f"{base_url}/voila/static/__wllm_probe__"
        deadline = time.monotonic() + VOILA_START_TIMEOUT_S
        while not http_answers(probe_url):
            if process.poll() is not None:
                pytest.fail(
                    f"Voilà exited with code {process.returncode} before answering:\n"
                    f"{log_tail(log_path)}"
                )
            if time.monotonic() > deadline:
                pytest.fail(
                    f"Voilà did not answer within {VOILA_START_TIMEOUT_S} s:\n{log_tail(log_path)}"
                )
            time.sleep(0.25)
        return base_url

    yield start
    for process in started:
        stop_process_tree(process)


@dataclass
class BrowserPage:
    """A Playwright page with what the browser reported while the test used it.

    Attributes
    ----------
    page : playwright.sync_api.Page
        The page to drive.
    console : list of dict
        Every console message: ``{"type", "text", "location"}`` (``type`` is ``"error"``,
        ``"warning"``, ``"log"``...).
    page_errors : list of str
        Uncaught JavaScript exceptions.
    requests : list of str
        The URL of every request the page made.
    """

    page: Any
    console: list[dict[str, Any]] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def foreign_requests(self, origin: str) -> list[str]:
        """Requests to any host other than ``origin`` (``http://127.0.0.1:<port>``): none
        allowed."""
        local = ("data:", "blob:", "about:")
        return [
            url
            for url in self.requests
            if not url.startswith(local) and not url.startswith(origin.rstrip("/") + "/")
        ]

    def console_errors(self) -> list[dict[str, Any]]:
        return [message for message in self.console if message["type"] == "error"]

    def screenshot(self, name: str) -> Path:
        """Save a screenshot of the whole content to ``test-artifacts/<name>.png``.

        Voilà's template scrolls inside a container, not the document, so Playwright's
        ``full_page`` alone would capture one screen: the viewport is stretched to the tallest
        scrolling content for the shot, then restored.
        """
        ARTIFACTS_DIR.mkdir(exist_ok=True)
        path = ARTIFACTS_DIR / f"{name}.png"
        viewport = self.page.viewport_size
        content_height = self.page.evaluate(
            "() => Math.max(...Array.from(document.querySelectorAll('*'), e => e.scrollHeight))"
        )
        height = max(viewport["height"], min(int(content_height) + 40, MAX_SCREENSHOT_HEIGHT))
        self.page.set_viewport_size({"width": viewport["width"], "height": height})
        try:
            self.page.screenshot(path=str(path), full_page=True)
        finally:
            self.page.set_viewport_size(viewport)
        return path


@pytest.fixture
def browser_page(request) -> BrowserPage:
    """A page of a headless system Chromium that records console messages and page errors.

    Fails (does not skip) when Chromium is missing: ``make test`` installs it. A full-page
    screenshot is saved to ``test-artifacts/<test name>-teardown.png`` at the end.
    """
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium is missing ({CHROMIUM}): browser tests need it. Install it with "
            "`make browser` (apt-get install -y chromium); `make test` does it for you."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="es-ES")
            session = BrowserPage(page)
            page.on(
                "console",
                lambda message: session.console.append(
                    {"type": message.type, "text": message.text, "location": message.location}
                ),
            )
            page.on("pageerror", lambda error: session.page_errors.append(str(error)))
            page.on("request", lambda request: session.requests.append(request.url))
            yield session
            try:
                session.screenshot(f"{_safe_name(request.node.name)}-teardown")
            except Exception as exc:  # a closed or crashed page must not hide the test's result
                print(f"teardown screenshot failed: {exc}", file=sys.stderr)
        finally:
            browser.close()


def _safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name)


# --------------------------------------------------------------------------- a local hub


@pytest.fixture
def local_hub(tmp_path, monkeypatch):
    """A :class:`widgets_llm.testing.local_hub.LocalHub` standing in for the Hugging Face Hub.

    ``HF_ENDPOINT`` points at it, ``HF_HOME``/``HF_HUB_CACHE`` at an empty folder of the test,
    and offline mode is off (``make test`` turns it on), both in the environment and in the
    values ``huggingface_hub`` fixed when it was imported. Sockets may only connect to
    127.0.0.1 during the test: anything that tried to reach the real Hub (or any other host)
    fails, and the test fails at teardown listing where it tried to go. Register models with
    ``local_hub.add_model(hub_id, folder)``.
    """
    import huggingface_hub.constants as hub_constants

    from widgets_llm.testing.local_hub import LocalHub

    home = tmp_path / "hf-home"
    outside: list[Any] = []
    _allow_loopback_only(monkeypatch, outside)
    with LocalHub() as hub:
        endpoint = hub.endpoint
        monkeypatch.setenv("HF_ENDPOINT", endpoint)
        monkeypatch.setenv("HF_HOME", str(home))
        monkeypatch.setenv("HF_HUB_CACHE", str(home / "hub"))
        for variable in (
            "HF_HUB_OFFLINE",
            "TRANSFORMERS_OFFLINE",
            "HUGGINGFACE_HUB_CACHE",
            "HF_TOKEN",
            "HTTPS_PROXY",
            "https_proxy",
            "HTTP_PROXY",
            "http_proxy",
            "ALL_PROXY",
            "all_proxy",
        ):
            monkeypatch.delenv(variable, raising=False)
        # huggingface_hub read these once, at import: code that relies on its defaults
        # (transformers does) must see the local hub too.
        monkeypatch.setattr(hub_constants, "HF_HUB_OFFLINE", False)
        monkeypatch.setattr(hub_constants, "ENDPOINT", endpoint)
        monkeypatch.setattr(
            hub_constants,
            "HUGGINGFACE_CO_URL_TEMPLATE",
            endpoint + "/{repo_id}/resolve/{revision}/{filename}",
        )
        monkeypatch.setattr(hub_constants, "HF_HUB_CACHE", str(home / "hub"))
        # Shared clients made earlier kept the endpoint of their day: huggingface_hub's default
        # HfApi, and transformers' (made on first use, so reset it to be made again).
        import huggingface_hub.hf_api

        monkeypatch.setattr(huggingface_hub.hf_api.api, "endpoint", endpoint)
        if "transformers.utils.hub" in sys.modules:
            monkeypatch.setattr(sys.modules["transformers.utils.hub"], "_hf_api", None)
        yield hub
    assert outside == [], f"a test with the local hub tried to reach other hosts: {outside}"


def _allow_loopback_only(monkeypatch, attempts: list) -> None:
    original_connect = socket.socket.connect
    original_getaddrinfo = socket.getaddrinfo
    loopback = ("127.0.0.1", "localhost", "::1")

    def connect(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and address[0] not in loopback:
            attempts.append(address)
            raise OSError(f"only 127.0.0.1 may be reached in this test, not {address!r}")
        return original_connect(sock, address)

    def getaddrinfo(host, *args, **kwargs):
        if host not in loopback and host is not None:
            attempts.append(host)
            raise socket.gaierror(f"only 127.0.0.1 may be reached in this test, not {host!r}")
        return original_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
