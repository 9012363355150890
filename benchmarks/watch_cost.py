"""What watching training costs: the studio in Chromium, live chart in view, against the CLI.

The same training is done two ways, alternately (studio, CLI, studio, CLI...), ``--pairs``
times:

- **studio**: Voilà serves a copy of ``dashboards/estudio.ipynb`` (``Studio(data_dir="data",
  runs_dir="runs")``) from a temporary folder; headless Chromium (the system one, driven by
  Playwright, in a 1280×900 window) opens the page in a fresh kernel, as a person: «Ejemplo
  incluido» → «Usar el ejemplo incluido», the «Modelo» tab → the offline model at its default
  size → «Cargar modelo», the «Hiperparámetros» tab → «Equilibrado» (and ``--max-steps`` when
  given; then it waits for the panel's own time estimate to end, which holds the model), the
  «Entrenamiento» tab, the loss chart scrolled into view, «Entrenar», and it watches until
  «Entrenamiento terminado.»;
- **CLI**: ``widgets-llm train --data ejemplo_es --model offline --preset balanced --seed S
  --output DIR`` (plus ``--max-steps``), in a process of its own.

**Training time** is the engine's own clock for both: ``TrainingResult.elapsed``, the
``training.elapsed`` of the run folder's ``run.json`` (from the start of the run to its end:
warm-up, fine-tuning and the final validation loss; not loading data or model, not the test
evaluation nor the saving that follow). The CLI writes its run folder at ``--output``; the
studio saves every finished training on its own under ``runs/experimentos/<time>-<model>/``
(its ``runs_dir`` is ``runs`` relative to the notebook's folder, where Voilà starts the
kernel), and the script reads the new folder there. Before comparing, it checks that both
runs trained the same thing: the same ``config.yaml``, base model, data fingerprint, steps and
warm-up steps (it stops with an error otherwise); it also says whether their logged losses
are identical.

The ratio of each pair is studio / CLI training time; the result is the median of those
ratios, with their minimum and maximum. Target: ≤ 1.03.

**Chart liveness.** The browser's kernel websocket is followed (Playwright's
``page.on("websocket")`` and ``framereceived``): every comm ``update`` carrying bqplot arrays
(``x``/``y`` in its ``buffer_paths``) is a figure update, and a burst of them (all the lines of
one redraw arrive together) counts as one **figure redraw**; updates of the chart's
``IntProgress`` are the **progress updates**. Reported per run: redraws, progress updates, the
longest gap between two redraws while training ran (target: a redraw every few seconds, ≤ 5 s)
and, as a check that the chart was really on screen and drawn, how many times the browser
changed the drawn loss line (a MutationObserver on the SVG paths) and whether the loss figure
was inside the window. A redraw is sent only when there is something new to draw: a loss
point every ``log_every_steps`` steps (5 in «Equilibrado»), so on a slow or busy machine the
gaps are those of the logged points, not of the chart's own limit on redraws.

**CPU beside the kernel** while training ran (``psutil``): Chromium's processes, the Voilà
server, and this script with Playwright's driver; and Chromium's CPU over a few seconds of the
same page idle, for reference. The end of the training is read from the websocket (the
status text's update), never by searching the page's text: doing that four times a second
cost Chromium about 20 % of a core on the studio's page, far more than the chart.

Usage: python benchmarks/watch_cost.py [--pairs N] [--max-steps N] [--json results.json]
Needs Voilà and Playwright in the environment (``.venv``) and a system Chromium
(``make browser``). A pair with the default settings (the offline model's full warm-up) takes
about 12 min on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from dashboard_load import CHROMIUM, free_port  # noqa: E402
from dashboard_load import machine as base_machine  # noqa: E402

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
#: A normal desktop window.
VIEWPORT = {"width": 1280, "height": 900}
OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "DISABLE_TELEMETRY": "1",
    "DO_NOT_TRACK": "1",
}
EXAMPLE = ROOT / "widgets_llm" / "data" / "ejemplo_es" / "ejemplo_es.jsonl"
#: The engine's name of the studio's «Equilibrado» preset (the studio's starting configuration).
PRESET = "balanced"
TARGET_RATIO = 1.03
#: Longest pause between two figure redraws for the chart to look live.
TARGET_GAP_S = 5.0
#: Seconds of a quiet page, before «Entrenar», over which the browser's idle CPU is measured.
IDLE_SAMPLE_S = 5
#: Figure updates closer than this belong to one redraw (a redraw sends its lines at once).
BURST_S = 0.5
PAGE_TIMEOUT_MS = 180_000
WORK_TIMEOUT_MS = 300_000
#: A whole training (the default one takes about 5 min on 2 cores; more on a busy machine).
TRAINING_TIMEOUT_S = 3600
#: The studio evaluates the finished training on the test split before saving it.
SAVE_TIMEOUT_S = 900
#: What must be the same in the two run folders of a pair.
SAME_IN_BOTH = (
    "config",
    "base_model",
    "data_fingerprint",
    "data_sizes",
    "steps",
    "max_steps",
    "warmup_steps",
    "precision",
)


# ----------------------------------------------------------------------------- kernel messages


def _text_message(message: dict[str, Any]) -> dict[str, Any]:
    msg_type = message.get("msg_type") or message.get("header", {}).get("msg_type")
    return {"msg_type": msg_type, "content": message.get("content") or {}}


def decode_frame(payload: str | bytes) -> dict[str, Any] | None:
    """A kernel websocket frame as ``{"msg_type", "content"}`` (None if it is not one).

    Text frames are JSON messages. Binary frames are either jupyter_server's
    ``v1.kernel.websocket.jupyter.org`` protocol (a little-endian uint64 count of offsets, the
    offsets, then channel, header, parent header, metadata, content, buffers) or the older
    binary form of a message with buffers (a big-endian uint32 count, offsets, the JSON message
    and the buffers).
    """
    try:
        if isinstance(payload, str):
            return _text_message(json.loads(payload))
        data = bytes(payload)
        if len(data) < 8:
            return None
        count = struct.unpack_from("<Q", data, 0)[0]
        if 6 <= count <= 4096 and len(data) >= 8 * (count + 1):
            offsets = list(struct.unpack_from(f"<{count}Q", data, 8))
            parts = [data[offsets[i] : offsets[i + 1]] for i in range(len(offsets) - 1)]
            header = json.loads(parts[1])
            return {"msg_type": header.get("msg_type"), "content": json.loads(parts[4])}
        count = struct.unpack_from(">I", data, 0)[0]
        offsets = list(struct.unpack_from(f">{count}I", data, 4))
        end = offsets[1] if count > 1 else len(data)
        return _text_message(json.loads(data[offsets[0] : end]))
    except (ValueError, struct.error, IndexError, UnicodeDecodeError):
        return None


@dataclass
class CommWatch:
    """Timestamps (``time.time()``) of the figure and progress updates the browser receives."""

    models: dict[str, str] = field(default_factory=dict)  # comm id → widget model name
    figure_updates: list[float] = field(default_factory=list)
    figure_comms: set[str] = field(default_factory=set)
    progress_updates: list[float] = field(default_factory=list)
    frames: int = 0
    undecoded: int = 0
    #: Texts that end a run (in a widget's new ``value``) → outcome; :attr:`outcome` is the
    #: first seen after :attr:`armed_at`: the end is read from the messages, not searched for
    #: in the page (a text search of the studio's page, several times a second, costs the
    #: browser more than the chart does).
    endings: dict[str, str] = field(default_factory=dict)
    armed_at: float = float("inf")
    outcome: tuple[float, str] | None = None

    def attach(self, page) -> None:
        def on_websocket(ws) -> None:
            if "/channels" in ws.url:  # the kernel's websocket
                ws.on("framereceived", self.on_frame)

        page.on("websocket", on_websocket)

    def on_frame(self, payload: str | bytes) -> None:
        now = time.time()
        self.frames += 1
        message = decode_frame(payload)
        if message is None:
            self.undecoded += 1
            return
        content = message["content"]
        data = content.get("data") if isinstance(content, dict) else None
        if not isinstance(data, dict):
            return
        comm_id = content.get("comm_id", "")
        state = data.get("state") if isinstance(data.get("state"), dict) else {}
        if state.get("_model_name"):
            self.models[comm_id] = state["_model_name"]
        if message["msg_type"] != "comm_msg" or data.get("method") != "update":
            return
        paths = data.get("buffer_paths") or []
        if any(path and path[0] in ("x", "y") for path in paths):
            self.figure_updates.append(now)
            self.figure_comms.add(comm_id)
            return
        value = state.get("value")
        if isinstance(value, str) and self.outcome is None and now >= self.armed_at:
            for text, outcome in self.endings.items():
                if text in value:
                    self.outcome = (now, outcome)
        model = self.models.get(comm_id)
        if model is None:  # not seen opening: judge by the update alone
            number = isinstance(value, int) and not isinstance(value, bool)
            model = "IntProgressModel" if number and set(state) <= {"value", "max", "min"} else ""
        if model == "IntProgressModel" and "value" in state:
            self.progress_updates.append(now)


def bursts(times: list[float], gap: float = BURST_S) -> list[float]:
    """The start of each burst of timestamps (a new burst after ``gap`` seconds of quiet)."""
    starts: list[float] = []
    last = None
    for moment in sorted(times):
        if last is None or moment - last > gap:
            starts.append(moment)
        last = moment
    return starts


def longest_gap(times: list[float]) -> float | None:
    return max((b - a for a, b in zip(times, times[1:])), default=None)


def rounded(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


_LOSS_FIGURE_JS = """[...document.querySelectorAll('.wllm-studio .bqplot')]
        .find(e => e.getBoundingClientRect().width > 0)"""
#: In the page: remember when the drawn loss line changes (bqplot draws only what is on screen).
OBSERVE_DRAWS_JS = """() => {
    window.__wllmDraws = [];
    const observer = new MutationObserver((mutations) => {
        if (mutations.some(m => m.target.matches && m.target.matches('path.line')))
            window.__wllmDraws.push(performance.timeOrigin + performance.now());
    });
    observer.observe(document.querySelector('.wllm-studio'),
                     {subtree: true, attributes: true, attributeFilter: ['d']});
}"""
#: In the page: where the loss figure (the first visible bqplot of the training step) lies.
CHART_BOX_JS = (
    """() => {
    const figure = %s;
    if (!figure) return null;
    const r = figure.getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, left: r.left, right: r.right,
            width: window.innerWidth, height: window.innerHeight};
}"""
    % _LOSS_FIGURE_JS
)
SCROLL_TO_CHART_JS = (
    """() => {
    const figure = %s;
    if (figure) figure.scrollIntoView({block: 'center'});
    return !!figure;
}"""
    % _LOSS_FIGURE_JS
)


# ----------------------------------------------------------------------------- processes


def offline_env() -> dict[str, str]:
    from widgets_llm.dashboard_template import jupyter_path_with_template

    python_path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return {
        **os.environ,
        **OFFLINE_ENV,
        "PYTHONPATH": python_path,
        "JUPYTER_PATH": jupyter_path_with_template(os.environ.get("JUPYTER_PATH")),
    }


def start_voila(folder: Path, port: int, log: Path) -> subprocess.Popen:
    """Voilà on ``folder`` as ``make app`` runs it (the package's template, offline)."""
    from widgets_llm.dashboard_template import TEMPLATE_NAME

    command = [
        sys.executable,
        "-m",
        "voila",
        str(folder),
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        f"--template={TEMPLATE_NAME}",
        f"--Voila.config_file_paths={folder}",
    ]
    process = subprocess.Popen(
        command,
        cwd=folder,
        env=offline_env(),
        stdout=open(log, "wb"),
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/voila/static/__probe__", timeout=2)
            return process
        except urllib.error.HTTPError:
            return process
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                tail = log.read_text(errors="replace")[-2000:]
                raise RuntimeError(f"Voilà did not start: {tail}")
            time.sleep(0.25)


def end_kernels(server: subprocess.Popen) -> int:
    """End the kernels this Voilà started (each in a session of its own); returns how many.

    Leaving a page, Voilà 0.5 asks the server to shut its kernel down without the XSRF token and
    is refused, and the kernel would wait, idle, to be culled: it is ended here so that it holds
    no memory during the next run.
    """
    import psutil

    try:
        kernels = psutil.Process(server.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return 0
    for kernel in kernels:
        try:
            kernel.terminate()
        except psutil.NoSuchProcess:
            pass
    _, alive = psutil.wait_procs(kernels, timeout=15)
    for kernel in alive:
        try:
            kernel.kill()
        except psutil.NoSuchProcess:
            pass
    return len(kernels)


def stop_server(server: subprocess.Popen) -> None:
    import signal

    end_kernels(server)
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(server.pid, sig)
            server.wait(timeout=20)
            return
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            continue


def _own_processes(name_part: str) -> list:
    """This process's descendants whose name contains ``name_part``."""
    import psutil

    found = []
    for process in psutil.Process().children(recursive=True):
        try:
            if name_part in process.name().lower():
                found.append(process)
        except psutil.NoSuchProcess:
            pass
    return found


def browser_processes() -> list:
    """Chromium's processes (Playwright's driver starts them under this one)."""
    return _own_processes("chrom")


def driver_processes() -> list:
    """This process and Playwright's driver (node), which forwards it the browser's events."""
    import psutil

    return [psutil.Process(), *_own_processes("node")]


def cpu_seconds(processes: list) -> dict[int, float]:
    """User + system CPU seconds of each process, by pid (those that ended are left out)."""
    import psutil

    seconds = {}
    for process in processes:
        try:
            times = process.cpu_times()
            seconds[process.pid] = times.user + times.system
        except psutil.NoSuchProcess:
            pass
    return seconds


def kernel_seconds(server: subprocess.Popen) -> tuple[dict[int, float], dict[int, float]]:
    """CPU seconds of the kernels this Voilà runs, by pid, and of their live threads, by id.

    A thread that ended (the training's own, when it is over) is no longer listed; its time
    stays in its process's.
    """
    import psutil

    try:
        kernels = psutil.Process(server.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return {}, {}
    threads: dict[int, float] = {}
    for kernel in kernels:
        try:
            for thread in kernel.threads():
                threads[thread.id] = thread.user_time + thread.system_time
        except psutil.NoSuchProcess:
            pass
    return cpu_seconds(kernels), threads


def cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds used between two :func:`cpu_seconds` readings (a new process counts whole)."""
    return sum(value - before.get(pid, 0.0) for pid, value in after.items())


def wait_for_quiet(limit: float | None, patience: float = 600) -> float:
    """Wait (at most ``patience`` seconds) until the 1-minute load average is under ``limit``."""
    started = time.perf_counter()
    while limit is not None and os.getloadavg()[0] >= limit:
        if time.perf_counter() - started >= patience:
            break
        time.sleep(15)
    return round(time.perf_counter() - started, 1)


# ----------------------------------------------------------------------------- the two sides


def read_run(folder: Path) -> dict[str, Any]:
    """What a run folder says about its training, and what must match between the two sides."""
    import yaml

    info = json.loads((folder / "run.json").read_text(encoding="utf-8"))
    training = info.get("training") or {}
    data = info.get("data") or {}
    return {
        "run_dir": str(folder),
        "status": training.get("status"),
        "elapsed": training.get("elapsed"),
        "steps": training.get("steps"),
        "max_steps": training.get("max_steps"),
        "warmup_steps": training.get("warmup_steps"),
        "precision": training.get("precision"),
        "base_model": info.get("base_model"),
        "data_fingerprint": data.get("fingerprint"),
        "data_sizes": data.get("sizes"),
        "config": yaml.safe_load((folder / "config.yaml").read_text(encoding="utf-8")),
    }


def logged_losses(run_dir: str) -> list[tuple[Any, Any, Any]]:
    """``(stage, step, loss)`` of every logged training loss of a run (training_log.jsonl)."""
    path = Path(run_dir) / "training_log.jsonl"
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    entries = [json.loads(line) for line in lines if line.strip()]
    return [(e.get("stage"), e.get("step"), e.get("loss")) for e in entries if "loss" in e]


def run_cli(folder: Path, index: int, seed: int, max_steps: int | None) -> dict[str, Any]:
    """``widgets-llm train`` on the same settings, in its own process; its run folder's numbers."""
    output = folder / "cli" / f"run-{index:02d}"
    script = Path(sys.executable).with_name("widgets-llm")
    command = (
        [str(script)]
        if script.exists()
        else [
            sys.executable,
            "-c",
            "import sys; from widgets_llm.cli import main; sys.exit(main())",
        ]
    )
    command += [
        "train",
        "--data",
        "ejemplo_es",
        "--model",
        "offline",
        "--preset",
        PRESET,
        "--seed",
        str(seed),
        "--output",
        str(output),
    ]
    if max_steps:
        command += ["--max-steps", str(max_steps)]
    log = folder / f"cli-{index:02d}.log"
    load = os.getloadavg()[0]
    started = time.perf_counter()
    with open(log, "wb") as handle:
        finished = subprocess.run(
            command,
            cwd=folder,
            env=offline_env(),
            stdout=handle,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            timeout=TRAINING_TIMEOUT_S,
        )
    wall = time.perf_counter() - started
    if finished.returncode != 0:
        tail = log.read_text(errors="replace")[-3000:]
        raise RuntimeError(f"the CLI failed ({finished.returncode}):\n{tail}")
    if (output / "run.json").is_file():
        run_dir = output
    else:
        found = sorted(output.glob("*/run.json"))
        if not found:
            raise RuntimeError(f"the CLI saved no run.json under {output}")
        run_dir = found[-1].parent
    return {
        **read_run(run_dir),
        "process_wall_s": round(wall, 2),
        "load_average_at_start": round(load, 2),
    }


class StudioSession:
    """One visit to the studio page in a fresh browser context (and so a fresh kernel)."""

    def __init__(self, browser, base_url: str, server: subprocess.Popen):
        from widgets_llm.messages import t
        from widgets_llm.widgets.studio import studio_text

        self.t, self.studio_text = t, studio_text
        self.context = browser.new_context(viewport=VIEWPORT, locale="es-ES")
        self.page = self.context.new_page()
        self.watch = CommWatch()
        self.watch.attach(self.page)
        self.base_url = base_url
        self.server = server
        self.errors: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def close(self) -> None:
        self.context.close()

    # What a person does: click what is visible, wait for what they read.
    def click(self, text: str) -> None:
        self.page.locator("button:visible", has_text=text).first.click()

    def tab(self, title: str) -> None:
        tabs = ".lm-TabBar-tab:visible, .p-TabBar-tab:visible"
        self.page.locator(tabs, has_text=title).first.click()

    def step_tab(self, number: int, key: str) -> None:
        name = self.studio_text(f"studio.step.{key}")
        self.tab(self.studio_text("studio.step.numbered", number=number, name=name))

    def sees(self, text: str, timeout: float = WORK_TIMEOUT_MS) -> None:
        found = self.page.get_by_text(text, exact=False).locator("visible=true").first
        found.wait_for(state="visible", timeout=timeout)

    def shows(self, text: str) -> bool:
        return self.page.get_by_text(text, exact=False).locator("visible=true").count() > 0

    def prepare(self, max_steps: int | None) -> None:
        """Data, model and preset, as a person sets them; returns once the estimate ended."""
        t, page = self.t, self.page
        page.goto(
            f"{self.base_url}/voila/render/estudio.ipynb",
            wait_until="domcontentloaded",
            timeout=PAGE_TIMEOUT_MS,
        )
        page.locator(".wllm-studio").wait_for(state="visible", timeout=PAGE_TIMEOUT_MS)
        # 1. Datos: the bundled example.
        self.tab(t("uploader.tab.example"))
        self.click(t("uploader.example.button"))
        self.sees(t("uploader.status.ready"))
        # 3. Modelo: the offline model at its default size (the picker opens on it).
        self.step_tab(3, "model")
        self.tab(t("picker.tab.offline"))
        self.click(t("picker.load"))
        self.sees(t("picker.status.loaded_offline", label="", kind="")[:12])
        # 4. Hiperparámetros: «Equilibrado».
        self.step_tab(4, "config")
        self.click(t(f"config.preset.{PRESET}"))
        if max_steps:
            from widgets_llm.engine.config import field_info

            label = field_info("max_steps")["label"]
            box = page.locator(".widget-text:visible", has_text=label).locator("input")
            box.fill(str(max_steps))
            box.press("Enter")
        self.wait_for_estimate()

    def wait_for_estimate(self) -> None:
        """The panel measures a few steps after each change (holding the model): let it end."""
        running = self.t("hyperparams.estimate.running")
        done = self.t("training.estimate", time="", steps=0, seconds_per_step=0, memory="")[:15]
        # It starts after a quiet second: wait (a while, on a busy machine) to see it running.
        started = time.monotonic()
        while time.monotonic() - started < 20 and not self.shows(running):
            self.page.wait_for_timeout(200)
        deadline = time.monotonic() + WORK_TIMEOUT_MS / 1000
        while time.monotonic() < deadline:
            if not self.shows(running) and self.shows(done):
                return
            self.page.wait_for_timeout(250)
        raise RuntimeError("the hyperparameters' estimate did not end")

    def train(self) -> dict[str, Any]:
        """«Entrenamiento», the chart in view, «Entrenar»; watch until the end."""
        import psutil

        t, page = self.t, self.page
        self.step_tab(5, "training")
        chart = page.locator(".wllm-studio .bqplot").locator("visible=true").first
        chart.wait_for(state="visible", timeout=WORK_TIMEOUT_MS)
        page.evaluate(SCROLL_TO_CHART_JS)
        page.wait_for_timeout(500)
        page.evaluate(OBSERVE_DRAWS_JS)
        # The browser's own activity with the page open and nothing happening, for reference.
        idle_before = cpu_seconds(browser_processes())
        page.wait_for_timeout(IDLE_SAMPLE_S * 1000)
        idle_cpu = cpu_used(idle_before, cpu_seconds(browser_processes())) / IDLE_SAMPLE_S
        server = [psutil.Process(self.server.pid)]
        browser_before, server_before = cpu_seconds(browser_processes()), cpu_seconds(server)
        driver_before = cpu_seconds(driver_processes())
        kernel_before, threads_before = kernel_seconds(self.server)
        self.watch.endings = {
            t("chart.status.finished"): "finished",
            t("chart.status.failed"): "failed",
            t("chart.status.stopped")[:20]: "stopped",
        }
        clicked = self.watch.armed_at = time.time()
        self.click(t("chart.start"))
        page.evaluate(SCROLL_TO_CHART_JS)  # messages above the chart may have moved it
        box = None
        deadline = time.monotonic() + TRAINING_TIMEOUT_S
        while self.watch.outcome is None:
            page.wait_for_timeout(250)  # a timer of Playwright's driver: nothing runs in the page
            if box is None and time.time() - clicked > 5:
                box = page.evaluate(CHART_BOX_JS)
            if time.monotonic() > deadline:
                raise RuntimeError("the studio's training did not finish in time")
        finished, outcome = self.watch.outcome
        browser_cpu = cpu_used(browser_before, cpu_seconds(browser_processes()))
        server_cpu = cpu_used(server_before, cpu_seconds(server))
        driver_cpu = cpu_used(driver_before, cpu_seconds(driver_processes()))
        kernel_after, threads_after = kernel_seconds(self.server)
        # The kernel's threads already there at the click (its loop, which draws, its messaging,
        # and any earlier work's), busiest first: what the kernel did beside training.
        threads = sorted(
            (
                value - threads_before[tid]
                for tid, value in threads_after.items()
                if tid in threads_before
            ),
            reverse=True,
        )
        if outcome != "finished":
            shown = page.inner_text(".wllm-studio")[-1500:]
            raise RuntimeError(f"the studio's training did not finish ({outcome}): {shown}")
        self.sees(t("chart.status.finished"))  # and the page shows it
        page.wait_for_timeout(1500)  # the final redraw
        box = box or page.evaluate(CHART_BOX_JS)
        draws = [d / 1000 for d in page.evaluate("() => window.__wllmDraws || []")]
        end = finished + 1.5
        figure = [m for m in self.watch.figure_updates if clicked <= m <= end]
        redraws = bursts(figure)
        progress = [m for m in self.watch.progress_updates if clicked <= m <= end]
        drawn = bursts([d for d in draws if clicked <= d <= end], gap=0.25)
        in_view = (
            bool(box)
            and 0 <= box["top"]
            and box["bottom"] <= box["height"]
            and 0 <= box["left"]
            and box["right"] <= box["width"]
        )
        return {
            "figure_redraws": len(redraws),
            "figure_updates": len(figure),
            "figure_marks_updated": len(self.watch.figure_comms),
            "progress_updates": len(progress),
            "longest_redraw_gap_s": rounded(longest_gap(redraws)),
            "longest_progress_gap_s": rounded(longest_gap(progress)),
            "first_redraw_after_click_s": rounded(redraws[0] - clicked) if redraws else None,
            "browser_line_draws": len(drawn),
            "longest_browser_draw_gap_s": rounded(longest_gap(drawn)),
            "chart_in_view": in_view,
            "chart_box": box,
            "watched_s": round(finished - clicked, 2),
            # CPU used while training ran, beside the kernel: what watching takes from training.
            "browser_cpu_s": round(browser_cpu, 2),
            "voila_server_cpu_s": round(server_cpu, 2),
            "benchmark_driver_cpu_s": round(driver_cpu, 2),
            "browser_idle_cpu_per_s": round(idle_cpu, 3),
            "kernel_cpu_s": round(cpu_used(kernel_before, kernel_after), 2),
            "kernel_other_threads_cpu_s": [round(v, 2) for v in threads if v >= 0.05],
            "websocket_frames": self.watch.frames,
            "undecoded_frames": self.watch.undecoded,
            "page_errors": list(self.errors),
        }


def run_studio(
    browser, base_url: str, folder: Path, server: subprocess.Popen, max_steps: int | None
) -> dict[str, Any]:
    """One training in the studio, watched; its numbers, read from the run it saved."""
    experiments = folder / "runs" / "experimentos"
    before = {p.parent for p in experiments.glob("*/run.json")}
    session = StudioSession(browser, base_url, server)
    try:
        session.prepare(max_steps)
        load = os.getloadavg()[0]
        watched = session.train()
        # The studio evaluates the training on the test split, then saves it: wait for run.json.
        deadline = time.monotonic() + SAVE_TIMEOUT_S
        while True:
            new = sorted({p.parent for p in experiments.glob("*/run.json")} - before)
            if new:
                break
            if time.monotonic() > deadline:
                raise RuntimeError(f"the studio saved no run under {experiments}")
            session.page.wait_for_timeout(500)
    finally:
        session.close()
        end_kernels(server)
    return {**read_run(new[-1]), **watched, "load_average_at_start": round(load, 2)}


def check_same_training(studio: dict[str, Any], cli: dict[str, Any]) -> None:
    """Both sides trained the same model on the same data with the same settings and steps."""
    for side in (studio, cli):
        if side["status"] != "finished":
            raise AssertionError(f"a run did not finish: {side['run_dir']} ({side['status']})")
    for key in SAME_IN_BOTH:
        if studio[key] != cli[key]:
            raise AssertionError(f"studio and CLI differ in {key}: {studio[key]!r} / {cli[key]!r}")


# ----------------------------------------------------------------------------- report


def machine() -> dict[str, str]:
    info = base_machine()
    for package in ("torch", "transformers", "ipywidgets", "bqplot", "playwright"):
        try:
            info[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            pass
    threads = subprocess.run(
        [sys.executable, "-c", "import torch; print(torch.get_num_threads())"],
        capture_output=True,
        text=True,
        env=offline_env(),
    ).stdout.strip()
    info["torch threads (CLI)"] = threads
    first = {key: info.pop(key) for key in ("cpu", "cores", "memory")}
    return {**first, **info}


def fmt(value: Any, digits: int = 2) -> str:
    if value is None:
        return "–"
    return f"{value:.{digits}f}" if isinstance(value, float) else str(value)


TABLE_HEADER = (
    "| pair | studio (s) | CLI (s) | studio / CLI | steps (warm-up) | redraws "
    "| longest redraw gap (s) | progress updates | longest progress gap (s) | drawn in page "
    "| chart in view | browser CPU (s) | Voilà server CPU (s) | load at start (studio / CLI) |"
)


def table_row(index: int, pair: dict[str, Any]) -> str:
    s, c = pair["studio"], pair["cli"]
    cells = [
        index,
        f"{s['elapsed']:.2f}",
        f"{c['elapsed']:.2f}",
        f"{pair['ratio']:.3f}",
        f"{s['steps']} ({s['warmup_steps']})",
        s["figure_redraws"],
        fmt(s["longest_redraw_gap_s"]),
        s["progress_updates"],
        fmt(s["longest_progress_gap_s"]),
        s["browser_line_draws"],
        "yes" if s["chart_in_view"] else "NO",
        f"{s['browser_cpu_s']:.1f}",
        f"{s['voila_server_cpu_s']:.1f}",
        f"{s['load_average_at_start']:.1f} / {c['load_average_at_start']:.1f}",
    ]
    return "| " + " | ".join(str(cell) for cell in cells) + " |"


def report(pairs: list[dict[str, Any]], info: dict[str, str]) -> dict[str, Any]:
    """Print the table and the summary lines; return the summary."""
    ratios = [pair["ratio"] for pair in pairs]
    median = statistics.median(ratios)
    gaps = [p["studio"]["longest_redraw_gap_s"] for p in pairs]
    worst_gap = max((gap for gap in gaps if gap is not None), default=None)
    in_view = all(p["studio"]["chart_in_view"] for p in pairs)
    redraws = statistics.median(p["studio"]["figure_redraws"] for p in pairs)
    browser = statistics.median(
        p["studio"]["browser_cpu_s"] / p["studio"]["elapsed"] for p in pairs
    )
    idle = statistics.median(p["studio"]["browser_idle_cpu_per_s"] for p in pairs)
    print()
    print(TABLE_HEADER)
    print("|---" * TABLE_HEADER.count(" | ") + "|---|")
    for index, pair in enumerate(pairs, 1):
        print(table_row(index, pair))
    print()
    print(
        f"studio / CLI training time (median of {len(ratios)} pair ratios): {median:.3f}  "
        f"(min {min(ratios):.3f}, max {max(ratios):.3f}; target ≤ {TARGET_RATIO})"
    )
    print(
        f"chart: {redraws:.0f} redraws per run (median), longest gap between redraws "
        f"{fmt(worst_gap)} s (target ≤ {TARGET_GAP_S:.0f} s), "
        f"in view: {'yes' if in_view else 'NO'}"
    )
    print(
        f"browser CPU while training: {100 * browser:.1f} % of one core (median; "
        f"the same page idle: {100 * idle:.1f} %)"
    )
    print("machine: " + ", ".join(f"{key} {value}" for key, value in info.items()))
    return {
        "ratios": ratios,
        "median_ratio": median,
        "min_ratio": min(ratios),
        "max_ratio": max(ratios),
        "target_ratio": TARGET_RATIO,
        "longest_redraw_gap_s": worst_gap,
        "target_gap_s": TARGET_GAP_S,
        "chart_in_view": in_view,
        "median_redraws": redraws,
        "browser_cpu_share": browser,
        "browser_idle_cpu_share": idle,
        "met": median <= TARGET_RATIO,
        "live": worst_gap is not None and worst_gap <= TARGET_GAP_S and in_view,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=5, help="studio/CLI pairs (default 5)")
    parser.add_argument(
        "--max-steps",
        type=int,
        default=None,
        help="stop each training after N steps in all (warm-up included): a quick smoke run",
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument(
        "--wait-quiet",
        type=float,
        metavar="LOAD",
        help="before each run, wait (up to 10 min) until the 1-minute load average is under LOAD",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the temporary folder (runs, logs) and print its path",
    )
    args = parser.parse_args(argv)
    if args.pairs < 1:
        parser.error("--pairs must be at least 1")
    if not Path(CHROMIUM).exists():
        parser.error(f"Chromium is missing ({CHROMIUM}): `make browser` installs it")

    from playwright.sync_api import sync_playwright

    from widgets_llm.engine.config import preset

    seed = preset(PRESET).seed
    folder = Path(tempfile.mkdtemp(prefix="wllm-watch-cost-"))
    shutil.copy(ROOT / "dashboards" / "estudio.ipynb", folder / "estudio.ipynb")
    shutil.copy(ROOT / "dashboards" / "voila.json", folder / "voila.json")
    (folder / "data").mkdir()
    shutil.copy(EXAMPLE, folder / "data" / EXAMPLE.name)
    info = machine()
    settings = {
        "data": "ejemplo_es",
        "model": "offline (default size)",
        "preset": PRESET,
        "seed": seed,
        "max_steps": args.max_steps or "preset (epochs)",
        "warmup": "default (auto)",
    }
    print("settings: " + ", ".join(f"{k} {v}" for k, v in settings.items()), flush=True)
    pairs: list[dict[str, Any]] = []
    port = free_port()
    server = start_voila(folder, port, folder / "voila.log")
    keep = args.keep
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
            )
            try:
                for index in range(1, args.pairs + 1):
                    waited = wait_for_quiet(args.wait_quiet)
                    studio = run_studio(
                        browser, f"http://127.0.0.1:{port}", folder, server, args.max_steps
                    )
                    print(
                        f"pair {index} studio: {studio['elapsed']:.2f} s training, "
                        f"{studio['steps']} steps ({studio['warmup_steps']} warm-up), "
                        f"{studio['figure_redraws']} redraws, longest gap "
                        f"{fmt(studio['longest_redraw_gap_s'])} s, "
                        f"{studio['progress_updates']} progress updates, "
                        f"browser CPU {studio['browser_cpu_s']:.1f} s",
                        flush=True,
                    )
                    time.sleep(2)
                    waited += wait_for_quiet(args.wait_quiet)
                    cli = run_cli(folder, index, seed, args.max_steps)
                    print(
                        f"pair {index} CLI:    {cli['elapsed']:.2f} s training, "
                        f"{cli['steps']} steps ({cli['warmup_steps']} warm-up)",
                        flush=True,
                    )
                    check_same_training(studio, cli)
                    ratio = studio["elapsed"] / cli["elapsed"]
                    # Not required, but a plain sign that both did the same work.
                    losses = logged_losses(studio["run_dir"])
                    same = bool(losses) and losses == logged_losses(cli["run_dir"])
                    print(
                        f"pair {index} ratio studio / CLI: {ratio:.3f} "
                        f"(same logged losses: {'yes' if same else 'no'})",
                        flush=True,
                    )
                    pairs.append(
                        {
                            "studio": studio,
                            "cli": cli,
                            "ratio": ratio,
                            "same_logged_losses": same,
                            "waited_for_quiet_s": waited,
                        }
                    )
                    time.sleep(2)
            except BaseException:
                keep = True  # its logs and runs say what went wrong
                raise
            finally:
                browser.close()
    finally:
        stop_server(server)
        if keep:
            print(f"kept: {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)

    summary = report(pairs, info)
    if args.json:
        args.json.write_text(
            json.dumps(
                {"settings": settings, "pairs": pairs, **summary, "machine": info},
                indent=2,
                ensure_ascii=False,
                default=str,
            )
        )
    return 0 if summary["met"] and summary["live"] else 1


if __name__ == "__main__":
    sys.exit(main())
