"""The code-free dashboards: committed clean, and each runs top to bottom in a real kernel.

nbclient executes ``dashboards/estudio.ipynb`` and ``dashboards/resumir.ipynb`` in a copy of
the folder (so the ``data/`` and ``runs/`` folders they use are created in a temporary place),
offline, with this interpreter's kernel, and checks that the last cell shows a widget and that
no cell produced an error.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import nbformat
import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
DASHBOARDS = REPO_ROOT / "dashboards"
NOTEBOOKS = ("estudio.ipynb", "resumir.ipynb")
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
}

pytestmark = pytest.mark.timeout(300)


#: Appended to each executed copy: which Python the kernel ran.
PROBE_SOURCE = "import sys\nprint('WLLM-PROBE ' + sys.executable)"


def _this_python_kernel_manager(spec_dir: Path):
    """A kernel manager whose only kernel spec runs this very interpreter (as
    tests/test_notebooks.py does), so a user-level ``python3`` spec pointing to another Python
    cannot take over."""
    from jupyter_client import KernelManager
    from jupyter_client.kernelspec import KernelSpecManager

    kernel_dir = spec_dir / "wllm-test-python"
    kernel_dir.mkdir(parents=True, exist_ok=True)
    (kernel_dir / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "widgets_llm tests",
                "language": "python",
            }
        )
    )
    specs = KernelSpecManager(kernel_dirs=[str(spec_dir)], ensure_native_kernel=False)
    return KernelManager(kernel_name="wllm-test-python", kernel_spec_manager=specs)


def execute_notebook(path: Path, workdir: Path) -> nbformat.NotebookNode:
    """Run every cell of ``path`` (plus a probe cell) with ``workdir`` as the kernel's folder."""
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(PROBE_SOURCE))
    env = {
        **os.environ,
        **OFFLINE_ENV,
        # The kernel imports this checkout, even without `pip install -e .`.
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")])),
    }
    kernel_manager = _this_python_kernel_manager(workdir.parent / "kernels")
    client = NotebookClient(
        notebook, km=kernel_manager, timeout=240, resources={"metadata": {"path": str(workdir)}}
    )
    try:
        client.execute(env=env)
    finally:
        if kernel_manager.has_kernel:  # nbclient leaves a kernel it was given running
            kernel_manager.shutdown_kernel(now=True)
    return notebook


def _problems(notebook: nbformat.NotebookNode) -> list[str]:
    found = []
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                found.append(f"cell {index}: {output.get('ename')}: {output.get('evalue')}")
            text = output.get("text", "") if output.get("output_type") == "stream" else ""
            if "Traceback" in text or "Error" in text.split("\n")[0]:
                found.append(f"cell {index}: {text[:300]}")
    return found


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_dashboard_is_committed_minimal_and_without_outputs(name):
    notebook = nbformat.read(DASHBOARDS / name, as_version=4)
    kinds = [cell.cell_type for cell in notebook.cells]
    assert kinds == ["markdown", "code"], kinds
    assert notebook.cells[0].source.startswith("# ")
    code = notebook.cells[1]
    assert code.outputs == [] and code.execution_count is None
    assert "import widgets_llm" in code.source or "from widgets_llm import" in code.source
    assert len(code.source.splitlines()) <= 4  # the dashboard is the package's widget, not code


def test_voila_configuration_hides_code_and_errors_and_culls_idle_kernels():
    config = json.loads((DASHBOARDS / "voila.json").read_text(encoding="utf-8"))
    assert config["VoilaConfiguration"]["strip_sources"] is True
    assert config["VoilaConfiguration"]["show_tracebacks"] is False
    culling = config["MappingKernelManager"]
    assert culling["cull_idle_timeout"] > 0 and culling["cull_interval"] > 0


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_dashboard_runs_top_to_bottom(name, tmp_path):
    workdir = tmp_path / "dashboards"
    workdir.mkdir()
    shutil.copy(DASHBOARDS / name, workdir / name)

    notebook = execute_notebook(workdir / name, workdir)

    probe = notebook.cells.pop()
    assert f"WLLM-PROBE {sys.executable}" in "".join(
        output.get("text", "") for output in probe.outputs
    )
    assert _problems(notebook) == []
    last = notebook.cells[-1]
    shown = [
        output
        for output in last.outputs
        if output.get("output_type") in ("execute_result", "display_data")
    ]
    assert shown and WIDGET_MIME in shown[-1]["data"], last.outputs
    if name == "estudio.ipynb":
        assert (workdir / "data").is_dir()  # the file chooser's folder, created beside the notebook
