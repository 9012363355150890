"""How long the studio takes to appear, against a bare Voilà notebook, in headless Chromium.

One Voilà server serves a temporary folder with two notebooks: ``estudio.ipynb`` (a copy of
``dashboards/estudio.ipynb``: ``Studio(data_dir="data")``) and ``vacio.ipynb``, a bare notebook
whose only code cell prints a word and imports nothing. Each page load starts a fresh kernel
(as a visitor's would). The pages are loaded alternately, so that drifts in machine speed hit
both alike, and each load is timed from the navigation until the first widgets of the studio
are drawn (``.wllm-studio`` visible), or until the bare notebook's printed word is visible.

The ratio of the medians (studio / bare) is the cost of the studio over Voilà's own start:
the target is below 3, which needs the heavy libraries (torch, transformers, datasets) to
load only when a step needs them.

Usage: python benchmarks/dashboard_load.py [--repeats N] [--json results.json]
Needs Voilà and Playwright in the environment and a system Chromium (``make browser``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
BARE_WORD = "listo"
TIMEOUT_MS = 180_000


def bare_notebook(path: Path) -> None:
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    notebook = new_notebook(
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        }
    )
    notebook.cells = [new_markdown_cell("# Vacío"), new_code_cell(f"print({BARE_WORD!r})")]
    nbformat.write(notebook, path)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_voila(folder: Path, port: int, log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    command = [
        sys.executable,
        "-m",
        "voila",
        str(folder),
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        f"--Voila.config_file_paths={folder}",
        # Kernels of pages already measured go away quickly, so they do not pile up.
        "--MappingKernelManager.cull_idle_timeout=20",
        "--MappingKernelManager.cull_interval=10",
        "--MappingKernelManager.cull_connected=True",
    ]
    process = subprocess.Popen(
        command,
        cwd=folder,
        env=env,
        stdout=open(log, "wb"),
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/voila/static/__probe__", timeout=2)
            break
        except urllib.error.HTTPError:
            break
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(f"Voilà exited: {log.read_text(errors='replace')[-2000:]}")
            time.sleep(0.25)
    return process


def stop(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def time_page(browser, url: str, ready) -> float:
    """Seconds from navigation until ``ready(page)`` returns (in a fresh browser context)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        started = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        ready(page)
        return time.perf_counter() - started
    finally:
        context.close()


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(
            next(
                line
                for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")
            ).split()[1]
        )
        memory = f"{kib / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    chromium = subprocess.run(
        [CHROMIUM, "--version"], capture_output=True, text=True
    ).stdout.strip()
    import voila

    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": memory,
        "python": platform.python_version(),
        "voila": voila.__version__,
        "chromium": chromium,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="loads of each page (default 5)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="wllm-dashboard-load-"))
    shutil.copy(ROOT / "dashboards" / "estudio.ipynb", folder / "estudio.ipynb")
    shutil.copy(ROOT / "dashboards" / "voila.json", folder / "voila.json")
    (folder / "data").mkdir()
    shutil.copy(ROOT / "widgets_llm" / "data" / "ejemplo_es" / "ejemplo_es.jsonl", folder / "data")
    bare_notebook(folder / "vacio.ipynb")
    port = free_port()
    server = start_voila(folder, port, folder / "voila.log")
    base = f"http://127.0.0.1:{port}/voila/render"
    pages = {
        "bare": (
            f"{base}/vacio.ipynb",
            lambda page: page.get_by_text(BARE_WORD, exact=True).first.wait_for(
                state="visible", timeout=TIMEOUT_MS
            ),
        ),
        "studio": (
            f"{base}/estudio.ipynb",
            lambda page: page.locator(".wllm-studio").first.wait_for(
                state="visible", timeout=TIMEOUT_MS
            ),
        ),
    }
    times: dict[str, list[float]] = {name: [] for name in pages}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
            )
            # One unmeasured load of each: the first start of a kernel reads Python's files
            # from disk.
            for url, ready in pages.values():
                time_page(browser, url, ready)
            for repeat in range(args.repeats):
                order = ("bare", "studio") if repeat % 2 == 0 else ("studio", "bare")
                for name in order:
                    url, ready = pages[name]
                    seconds = time_page(browser, url, ready)
                    times[name].append(seconds)
                    print(f"{name:6s} load {repeat + 1}: {seconds:.2f} s", flush=True)
                    time.sleep(1.0)
            browser.close()
    finally:
        stop(server)
        shutil.rmtree(folder, ignore_errors=True)

    medians = {name: statistics.median(values) for name, values in times.items()}
    ratio = medians["studio"] / medians["bare"]
    info = machine()
    print()
    print("| page | median (s) | min (s) | max (s) | loads |")
    print("|---|---|---|---|---|")
    for name, values in times.items():
        print(
            f"| {name} | {medians[name]:.2f} | {min(values):.2f} | {max(values):.2f} "
            f"| {len(values)} |"
        )
    print()
    print(f"studio / bare (medians): {ratio:.2f}  (target < 3)")
    print("machine: " + ", ".join(f"{key} {value}" for key, value in info.items()))
    if args.json:
        args.json.write_text(
            json.dumps(
                {"times": times, "medians": medians, "ratio": ratio, "machine": info}, indent=2
            )
        )
    return 0 if ratio < 3 else 1


if __name__ == "__main__":
    sys.exit(main())
