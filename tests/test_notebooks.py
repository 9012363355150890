"""The teaching notebooks: committed clean and short, and each one runs top to bottom offline.

Each notebook is executed once (module-scoped) in a copy inside a temporary folder, so the
``runs/`` folder notebook 3 writes never lands in the repository. The kernel is started with
a kernel spec written here that names this interpreter, so it runs in the same environment
as the tests whatever kernel specs the machine has (a user-level ``python3`` spec pointing to
another Python cannot take over).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import time
from pathlib import Path

import nbformat
import pytest

from widgets_llm import course
from widgets_llm.messages import t

REPO_ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
NOTEBOOKS = (
    "01_hugging_face_y_librerias.ipynb",
    "02_datasets_y_tokenizacion.ipynb",
    "03_entrenamiento_y_evaluacion.ipynb",
    "04_experimentos.ipynb",
)
#: Longest code cell: the logic lives in the package, cells only call it.
MAX_CODE_LINES = 6
#: Placeholder organisation/repository of the Colab and Binder badges (see notebooks/README.md).
REPOSITORY = "widgets-llm/widgets_llm"
OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "WIDGETS_LLM_LANG": "es",
}
#: Appended to each executed copy: which Python the kernel ran and where.
PROBE_SOURCE = (
    "import json, os, sys\n"
    "print('WLLM-PROBE ' + json.dumps("
    "{'executable': sys.executable, 'prefix': sys.prefix, 'cwd': os.getcwd()}))"
)


def read(name: str) -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOKS_DIR / name, as_version=4)


def code_cells(notebook) -> list:
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def cells_tagged(notebook, tag: str) -> list:
    return [cell for cell in notebook.cells if tag in cell.get("metadata", {}).get("tags", [])]


def output_text(cell) -> str:
    """Everything a cell printed or showed, as plain text."""
    parts = []
    for output in cell.get("outputs", []):
        if output.output_type == "stream":
            parts.append(output.text)
        elif output.output_type in ("execute_result", "display_data"):
            parts.append(output.get("data", {}).get("text/plain", ""))
        elif output.output_type == "error":
            parts.append(f"{output.ename}: {output.evalue}")
    return "\n".join(parts)


def tagged_output(notebook, tag: str) -> str:
    cells = cells_tagged(notebook, tag)
    assert cells, f"no cell tagged {tag!r}"
    return "\n".join(output_text(cell) for cell in cells)


# ---------------------------------------------------------------------- the committed files


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_committed_notebooks_have_no_outputs(name):
    notebook = read(name)
    nbformat.validate(notebook)
    for cell in code_cells(notebook):
        assert cell.outputs == [], f"{name}: a code cell was committed with outputs:\n{cell.source}"
        assert cell.execution_count is None, (
            f"{name}: a code cell was committed with an execution count"
        )
    assert notebook.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_code_cells_are_short_and_follow_an_explanation(name):
    notebook = read(name)
    for cell in code_cells(notebook):
        lines = [line for line in cell.source.splitlines() if line.strip()]
        assert 1 <= len(lines) <= MAX_CODE_LINES, (
            f"{name}: a code cell has {len(lines)} lines:\n{cell.source}"
        )
    # An explanation comes before every step: never more than two code cells in a row, and the
    # notebook opens with markdown.
    assert notebook.cells[0].cell_type == "markdown"
    run = 0
    for cell in notebook.cells:
        run = run + 1 if cell.cell_type == "code" else 0
        assert run <= 2, f"{name}: three code cells in a row without an explanation"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebooks_open_with_colab_and_binder_badges(name):
    first = read(name).cells[0].source
    colab = f"https://colab.research.google.com/github/{REPOSITORY}/blob/main/notebooks/{name}"
    binder = f"https://mybinder.org/v2/gh/{REPOSITORY}/main?urlpath=lab/tree/notebooks/{name}"
    assert f"]({colab})" in first
    assert f"]({binder})" in first
    assert "colab-badge.svg" in first and "badge_logo.svg" in first


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_first_code_cell_installs_only_in_colab(name):
    first_code = code_cells(read(name))[0].source
    assert 'if "google.colab" in sys.modules' in first_code
    assert '"bqplot<0.13"' in first_code  # keeps Colab's ipywidgets 7
    assert all(line.startswith(("import", "if", "    ")) for line in first_code.splitlines())
    second_code = code_cells(read(name))[1].source
    assert "course.prepare_notebook()" in second_code


@pytest.mark.parametrize("number,name", list(enumerate(NOTEBOOKS, start=1)))
def test_exercises_and_glossary(number, name):
    notebook = read(name)
    sources = "\n".join(cell.source for cell in code_cells(notebook))
    used = re.findall(r'check_answer\("([^"]+)", respuesta\)', sources)
    assert used == course.exercise_ids(number), (
        "each exercise of the notebook is asked once, in order"
    )
    for cell in cells_tagged(notebook, "ejercicio"):
        assert cell.source.startswith(
            "respuesta = ..."
        )  # a placeholder: the notebook runs top to bottom
    glossary = [
        cell.source
        for cell in notebook.cells
        if cell.cell_type == "markdown" and "## Glosario" in cell.source
    ]
    assert len(glossary) == 1
    rows = [line for line in glossary[0].splitlines() if line.startswith("| **")]
    assert len(rows) >= 10, "the glossary explains the terms the notebook introduces"


def test_readme_lists_the_notebooks_and_the_repository_placeholder():
    readme = (NOTEBOOKS_DIR / "README.md").read_text(encoding="utf-8")
    for name in NOTEBOOKS:
        assert name in readme
    assert REPOSITORY in readme


# ---------------------------------------------------------------------- running them

_executed: dict[str, tuple[nbformat.NotebookNode, Path, float]] = {}
_STARTED = time.time()


def _kernel_manager(spec_dir: Path):
    """A kernel manager whose only kernel spec runs this very interpreter."""
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


def execute(name: str, tmp_path_factory) -> tuple[nbformat.NotebookNode, Path, float]:
    """Run a copy of notebook ``name`` in a temporary folder once; later calls reuse the result."""
    if name in _executed:
        return _executed[name]
    from nbclient import NotebookClient

    workdir = tmp_path_factory.mktemp(name.split("_")[0])
    shutil.copy(NOTEBOOKS_DIR / name, workdir / name)
    notebook = nbformat.read(workdir / name, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(PROBE_SOURCE, metadata={"tags": ["probe"]}))
    env = {
        **os.environ,
        **OFFLINE_ENV,
        # The package is importable from the copy's folder even without `pip install -e .`.
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")])),
    }
    kernel_manager = _kernel_manager(workdir / "kernels")
    client = NotebookClient(
        notebook,
        km=kernel_manager,
        timeout=600,
        resources={"metadata": {"path": str(workdir)}},
        allow_errors=True,  # every error is reported below, with its cell
    )
    began = time.perf_counter()
    try:
        client.execute(env=env)
    finally:
        # nbclient leaves a kernel it was given running: stop it here.
        if kernel_manager.has_kernel:
            kernel_manager.shutdown_kernel(now=True)
    elapsed = time.perf_counter() - began
    print(f"\n{name}: executed in {elapsed:.1f} s")
    _executed[name] = (notebook, workdir, elapsed)
    return _executed[name]


def assert_ran_cleanly(notebook, name: str) -> None:
    errors = []
    for cell in code_cells(notebook):
        for output in cell.outputs:
            if output.output_type == "error":
                errors.append(f"{cell.source}\n→ {output.ename}: {output.evalue}")
            elif (
                output.output_type == "stream"
                and "Traceback (most recent call last)" in output.text
            ):
                errors.append(f"{cell.source}\n→ traceback printed:\n{output.text[-1500:]}")
    assert not errors, f"{name}: cells failed:\n\n" + "\n\n".join(errors)
    for cell in code_cells(notebook):
        assert cell.execution_count is not None, f"{name}: a cell did not run:\n{cell.source}"
    probe = json.loads(tagged_output(notebook, "probe").split("WLLM-PROBE ", 1)[1])
    assert Path(probe["executable"]).resolve() == Path(sys.executable).resolve()
    assert Path(probe["prefix"]).resolve() == Path(sys.prefix).resolve()


def assert_exercises_waited(notebook) -> None:
    placeholder = t("course.answer.placeholder", "es")
    for cell in cells_tagged(notebook, "ejercicio"):
        assert placeholder in output_text(cell), (
            "an unanswered exercise says «todavía no», not an error"
        )


@pytest.mark.slow
def test_notebook_01_runs_offline(tmp_path_factory):
    name = NOTEBOOKS[0]
    notebook, _, _ = execute(name, tmp_path_factory)
    assert_ran_cleanly(notebook, name)
    assert_exercises_waited(notebook)
    environment = tagged_output(notebook, "entorno")
    assert "Tu entorno de trabajo" in environment and "transformers:" in environment
    assert "HF_HUB_OFFLINE=1" in environment
    assert "«mini»" in tagged_output(notebook, "modelo")
    hub = tagged_output(notebook, "hub")
    assert "No se pudo" in hub and "No pasa nada" in hub  # offline: a clear message, no error
    assert re.search(r"'.+'", tagged_output(notebook, "generate"))  # model.generate wrote text
    assert "generated_text" in tagged_output(notebook, "pipeline")  # a real transformers pipeline
    assert re.search(r"'.+'", tagged_output(notebook, "resumen"))
    tasks = tagged_output(notebook, "tareas")
    assert "summarization" in tasks and "text-classification" in tasks


@pytest.mark.slow
def test_notebook_02_runs_offline(tmp_path_factory):
    name = NOTEBOOKS[1]
    notebook, _, _ = execute(name, tmp_path_factory)
    assert_ran_cleanly(notebook, name)
    assert_exercises_waited(notebook)
    splits = tagged_output(notebook, "splits")
    assert "DatasetDict" in splits and all(
        part in splits for part in ("train", "validation", "test")
    )
    assert "Hub" in tagged_output(notebook, "hub")
    cleaning = tagged_output(notebook, "limpieza")
    assert "Par repetido" in cleaning and "Vacío" in cleaning
    inputs = tagged_output(notebook, "entradas")
    assert "Relleno añadido" in inputs and "Fichas cortadas" in inputs
    lengths = tagged_output(notebook, "longitudes")
    suggested = re.findall(r"sugerida para los textos: (\d+)", lengths)
    assert suggested and int(suggested[0]) > 0


@pytest.mark.slow
def test_notebook_03_trains_evaluates_and_saves_offline(tmp_path_factory):
    name = NOTEBOOKS[2]
    notebook, workdir, _ = execute(name, tmp_path_factory)
    assert_ran_cleanly(notebook, name)
    assert_exercises_waited(notebook)
    assert "LoRA" in tagged_output(notebook, "parametros")
    result = tagged_output(notebook, "resultado")
    assert re.search(r"Entrenamiento terminado: 40 pasos", result), result
    assert "Pérdida en validación" in result
    assert "ROUGE-L" in tagged_output(notebook, "evaluacion")
    comparison = tagged_output(notebook, "comparacion")
    assert re.search(r"ROUGE-L frente al modelo base \(\d+,\d → \d+,\d\)", comparison), comparison
    assert re.search(
        r"Perplejidad en la prueba: [\d  ]+,\d antes y [\d  ]+,\d después", comparison
    ), comparison
    table = tagged_output(notebook, "tabla-comparacion")
    assert "Modelo base" in table and "Modelo afinado" in table and "primera oración" in table
    assert "run.json" in tagged_output(notebook, "guardar")
    assert "curso.zip" in tagged_output(notebook, "exportar")
    # The run was written in the temporary copy's folder, never in the repository.
    run_dir = workdir / "runs" / "curso"
    assert (run_dir / "run.json").is_file() and (run_dir / "model").is_dir()
    assert (workdir / "runs" / "curso.zip").is_file()
    in_repository = NOTEBOOKS_DIR / "runs" / "curso" / "run.json"
    assert not in_repository.exists() or in_repository.stat().st_mtime < _STARTED


@pytest.mark.slow
def test_notebook_04_compares_runs_honestly_offline(tmp_path_factory):
    name = NOTEBOOKS[3]
    notebook, workdir, _ = execute(name, tmp_path_factory)
    assert_ran_cleanly(notebook, name)
    assert_exercises_waited(notebook)
    assert re.search(
        r"Guardada «base»: ROUGE-L \d+,\d \(\d+,\d–\d+,\d\) en 14 ejemplos",
        tagged_output(notebook, "base"),
    )
    assert "Solo cambió: learning_rate (0,001 → 0,003)" in tagged_output(notebook, "cambio")
    assert "Solo cambió: seed (42 → 7)" in tagged_output(notebook, "semilla-cambio")
    widths = [
        float(w.replace(",", "."))
        for w in re.findall(r"(\d+,\d)\s*$", tagged_output(notebook, "intervalos"), re.M)
    ]
    assert len(widths) == 4 and widths[-1] < widths[1] < widths[0], tagged_output(
        notebook, "intervalos"
    )
    assert "Barrido de 4 ejecuciones: 4 terminadas, 0 fallidas" in tagged_output(
        notebook, "barrido"
    )
    verdict = tagged_output(notebook, "veredicto")
    assert (
        re.search(r"casualidad|es mejor que|misma nota", verdict)
        and "ejemplos de prueba" in verdict
    ), verdict
    bench = tagged_output(notebook, "banco")
    assert "base" in bench and "tasa-alta" in bench and "ROUGE-L" in bench
    # Every run is an ordinary run folder in the temporary copy's runs/experimentos.
    runs = workdir / "runs" / "experimentos"
    for run in ("base", "tasa-alta", "base-semilla-7"):
        assert (runs / run / "run.json").is_file() and (
            runs / run / "test_examples.jsonl"
        ).is_file()
    sweeps = [folder for folder in runs.iterdir() if (folder / "sweep.json").is_file()]
    assert (
        len(sweeps) == 1
        and len([f for f in sweeps[0].iterdir() if (f / "run.json").is_file()]) == 4
    )
