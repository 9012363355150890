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
    "05_uso_responsable.ipynb",
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
    assert " anywidget " in first_code  # the charts' decimal commas (--no-deps below)
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
    # A table row ("| **term** |") or, as the catalog's glossary writes it, a bullet.
    rows = [line for line in glossary[0].splitlines() if line.startswith(("| **", "- **"))]
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
    # The two pretrained models, offline: each cell says why it cannot run them, then shows an
    # example that says who wrote it (a person; the course), never passed off as model output.
    no_problem = t("course.hub.no_problem", "es")
    summarizer = tagged_output(notebook, "resumidor")
    assert "No se pudo" in summarizer and no_problem in summarizer
    summarizer_id = course.PRETRAINED_SUMMARIZER
    assert t("course.pretrained.offline_example", "es", model=summarizer_id) in summarizer
    assert t("course.pretrained.reference", "es", summary="").strip() in summarizer
    classifier = tagged_output(notebook, "clasificador")
    assert "No se pudo" in classifier and no_problem in classifier
    assert t("course.classifier.offline", "es", model=course.PRETRAINED_CLASSIFIER) in classifier
    assert "Ejemplo ilustrativo (escrito para el curso, no generado en esta computadora)" in (
        classifier
    )
    assert re.search(r"economía: \d+,\d\s%", classifier)  # a decimal comma
    assert re.search(r"'.+'", tagged_output(notebook, "generate"))  # model.generate wrote text
    assert "generated_text" in tagged_output(notebook, "pipeline")  # a real transformers pipeline
    assert re.search(r"'.+'", tagged_output(notebook, "resumen"))
    tasks = tagged_output(notebook, "tareas")
    assert "summarization" in tasks and "text-classification" in tasks


@pytest.mark.slow
def test_notebook_02_runs_offline(tmp_path_factory):
    name = NOTEBOOKS[1]
    notebook, workdir, _ = execute(name, tmp_path_factory)
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
    assert "Relleno añadido" in inputs and t("course.table.cut", "es") in inputs
    lengths = tagged_output(notebook, "longitudes")
    suggested = re.findall(r"sugerida para los textos: (\d+)", lengths)
    assert suggested and int(suggested[0]) > 0
    # The learner's own data: the expected format, how to upload it, and the course's choice.
    file_format = tagged_output(notebook, "formato")
    assert "texto" in file_format and "resumen" in file_format
    assert "resumen" in tagged_output(notebook, "columnas")
    assert t("course.own_data.not_colab", "es") in tagged_output(notebook, "subir")
    assert t("course.own_data.nothing_prepared", "es") in tagged_output(notebook, "cargador")
    chosen = tagged_output(notebook, "datos-del-curso")
    assert t("course.own_data.using_example", "es", name=course.EXAMPLE) in chosen
    # The lengths chosen here are noted (in the notebook's folder) for notebook 3.
    noted = tagged_output(notebook, "recordar-longitudes")
    assert course.STATE_FILE in noted and suggested[0] in noted
    state = json.loads((workdir / course.STATE_FILE).read_text(encoding="utf-8"))
    assert state["max_input_length"] == int(suggested[0]) and state["source"] is None
    in_repository = NOTEBOOKS_DIR / course.STATE_FILE
    assert not in_repository.exists() or in_repository.stat().st_mtime < _STARTED


@pytest.mark.slow
def test_notebook_03_trains_evaluates_and_saves_offline(tmp_path_factory):
    name = NOTEBOOKS[2]
    notebook, workdir, _ = execute(name, tmp_path_factory)
    assert_ran_cleanly(notebook, name)
    assert_exercises_waited(notebook)
    assert "LoRA" in tagged_output(notebook, "parametros")
    # Which data and lengths it trains with (no notebook 2 in this folder: the example and the
    # profile's lengths), and that the offline model is trained from scratch, not fine-tuned.
    chosen = tagged_output(notebook, "datos-del-curso")
    assert t("course.own_data.using_example", "es", name=course.EXAMPLE) in chosen
    assert t("course.own_data.no_lengths", "es") in chosen
    assert t("course.training.from_scratch", "es", name="mini") in tagged_output(notebook, "modelo")
    settings = tagged_output(notebook, "ajustes")
    assert "textos de hasta 128 tokens" in settings
    assert t("course.training.lengths.profile", "es", profile="Rápido") in settings
    assert t("course.overfitting.validation", "es") in tagged_output(notebook, "sobreajuste")
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
    assert "Modelo base" in table and t("course.row.tuned", "es") in table
    assert "primera oración" in table
    assert "run.json" in tagged_output(notebook, "guardar")
    assert "curso.zip" in tagged_output(notebook, "exportar")
    # The run was written in the temporary copy's folder, never in the repository.
    run_dir = workdir / "runs" / "curso"
    assert (run_dir / "run.json").is_file() and (run_dir / "model").is_dir()
    assert (workdir / "runs" / "curso.zip").is_file()
    assert t("course.training.download_local", "es", path="§").split("§")[0] in tagged_output(
        notebook, "descargar"
    )
    # The second experiment starts again from the base weights and trains with LoRA for real.
    assert t("course.training.base_restored", "es", name="mini") in tagged_output(notebook, "base")
    lora = tagged_output(notebook, "lora")
    assert re.search(r"Entrenamiento terminado: 10 pasos", lora), lora
    trained = tagged_output(notebook, "lora-comparacion")
    fewer = t("course.training.lora_fewer", "es", times="§").split("§")[0]
    assert fewer in trained, trained  # said only when LoRA trained fewer parameters than full
    in_repository = NOTEBOOKS_DIR / "runs" / "curso" / "run.json"
    assert not in_repository.exists() or in_repository.stat().st_mtime < _STARTED


@pytest.mark.slow
def test_notebook_04_compares_runs_honestly_offline(tmp_path_factory):
    name = NOTEBOOKS[3]
    notebook, workdir, _ = execute(name, tmp_path_factory)
    assert_ran_cleanly(notebook, name)
    assert_exercises_waited(notebook)
    assert re.search(
        r"Guardado «base»: ROUGE-L \d+,\d \(\d+,\d–\d+,\d\) en 14 ejemplos",
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
    assert "Barrido de 4 entrenamientos: 4 terminados, 0 fallidos" in tagged_output(
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


# ---------------------------------------------------------------- notebooks 4 and 5: the frame

FRAMED = ("04_experimentos.ipynb", "05_uso_responsable.ipynb")


@pytest.mark.parametrize("name", FRAMED)
def test_self_study_frame_troubleshooting_and_generated_glossary(name):
    from widgets_llm.course.glossary import glossary_markdown

    notebook = read(name)
    markdown = [cell for cell in notebook.cells if cell.cell_type == "markdown"]
    frame = notebook.cells[1]
    assert frame.cell_type == "markdown" and frame.source.startswith("## Antes de empezar")
    for words in ("Tiempo", "Requisitos", "🟢", "🔵", "🐢", "estudio", "make app", "Voilà"):
        assert words in frame.source, words
    assert any("🟢 *obligatoria*" in cell.source for cell in markdown[2:])
    # «Si algo sale mal» comes right before the glossary, and covers the usual troubles.
    glossary = cells_tagged(notebook, "glosario")
    assert len(glossary) == 1 and glossary[0].cell_type == "markdown"
    position = notebook.cells.index(glossary[0])
    trouble = notebook.cells[position - 1].source
    assert trouble.startswith("## Si algo sale mal")
    for words in (
        "fuera de orden",
        "Reiniciar sesión",
        "Entorno de ejecución → Cambiar tipo de entorno de ejecución",
        "Memoria agotada",
        "Colab borra los archivos",
        "make app",
    ):
        assert words in trouble, words
    # The glossary cell is the catalog's, for the terms its metadata lists.
    terms = glossary[0].metadata["glossary_terms"]
    assert glossary[0].source == glossary_markdown(terms, "es")
    # Every «Cómo responder» box explains quotes and the decimal point.
    boxes = [cell.source for cell in markdown if "**Cómo responder:**" in cell.source]
    assert len(boxes) == len(cells_tagged(notebook, "ejercicio"))
    for box in boxes:
        assert "**entre comillas**" in box and "**punto** decimal" in box


def test_notebook_05_names_the_viewer_rows_as_the_viewer_does():
    # The practice summaries sit in the viewer's tuned-model row: the notebook names that row
    # with the viewer's own label, so a renamed label cannot leave the notebook pointing nowhere.
    notebook = read(NOTEBOOKS[4])
    text = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    for key in ("diff.example.tuned", "diff.example.lead", "diff.next", "diff.more"):
        assert t(key, "es").split(" (")[0] in text, key


@pytest.mark.slow
def test_notebook_05_reviews_a_model_responsibly_offline(tmp_path_factory):
    name = NOTEBOOKS[4]
    notebook, workdir, elapsed = execute(name, tmp_path_factory)
    assert_ran_cleanly(notebook, name)
    assert_exercises_waited(notebook)
    trained = tagged_output(notebook, "entrenar")
    assert "«responsable»" in trained and "ROUGE-L" in trained, trained
    assert "SummaryDiffViewer" in tagged_output(notebook, "visor")
    details = tagged_output(notebook, "detalles")
    assert t("course.resp.column.details", "es") in details, details
    blind = tagged_output(notebook, "rouge")
    assert "90,0" in blind and "94,1" in blind, blind  # wrong summaries, high ROUGE
    bias = tagged_output(notebook, "sesgo")
    assert "Pares texto-resumen: 135." in bias and "Columna «pais»: 21 valores distintos" in bias
    assert "13 palabras seguidas en común" in tagged_output(notebook, "compartidas")
    memory = tagged_output(notebook, "memoria")
    assert t("course.resp.column.shared", "es") in memory, memory
    energy = tagged_output(notebook, "energia")
    assert energy.startswith("El entrenamiento duró") and "Wh" in energy, energy
    card = tagged_output(notebook, "ficha")
    assert t("runs.card.use", "es") in card, card
    assert t("runs.card.use_text", "es").splitlines()[0] in card, card
    # The reviewed run is an ordinary run folder, with its card, in the temporary copy.
    run = workdir / "runs" / "responsable"
    assert (run / "run.json").is_file() and (run / "README.md").is_file()
    assert (run / "test_examples.jsonl").is_file()
    assert elapsed < 180, f"{name} took {elapsed:.0f} s: keep it under three minutes"
