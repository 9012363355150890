"""One vocabulary and one glossary for every text a learner reads.

The rules (``FORBIDDEN_SYNONYMS`` in ``widgets_llm/messages/glossary.py``) say which word the
course uses for each idea (token, perfil, entrenamiento, computadora, ...); these tests look for
the words it does not use in the message catalog, the notebooks, the dashboards and the Spanish
docs, check that the glossary is complete in both languages, that each notebook's «Glosario»
cell is the one the glossary generates, and that the widgets explain an idea with the
glossary's own definition.
"""

from __future__ import annotations

import html
import importlib
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import walk_widgets

from widgets_llm import messages
from widgets_llm.course import glossary
from widgets_llm.course._common import Message
from widgets_llm.course.glossary import (
    GLOSSARY_TAG,
    TERMS_METADATA,
    find_forbidden,
    glossary_markdown,
    glossary_terms,
    show_glossary,
)
from widgets_llm.messages import SUPPORTED_LANGUAGES, catalog, t
from widgets_llm.messages.glossary import FORBIDDEN_SYNONYMS

REPO_ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((REPO_ROOT / "notebooks").glob("*.ipynb"))
DASHBOARDS = sorted((REPO_ROOT / "dashboards").glob("*.ipynb"))
SPANISH_DOCS = [
    REPO_ROOT / "notebooks" / "README.md",
    *sorted((REPO_ROOT / "docs" / "es").glob("*.md")),
]
#: The project README is Spanish up to its English section.
ENGLISH_SECTION = "\n# widgets_llm (English)"
#: The ideas the course names; each must have its entry (the glossary may have more).
REQUIRED_TERMS = (
    "token", "tokenizador", "modelo_de_lenguaje", "preentrenamiento", "afinado",
    "entrenamiento_desde_cero", "codificador", "decodificador", "codificador_decodificador",
    "modelo_de_instrucciones", "prompt", "conjunto_de_datos", "entrenamiento", "validacion",
    "prueba", "paso", "epoca", "lote", "tasa_de_aprendizaje", "perdida", "perplejidad", "rouge",
    "lora", "sobreajuste", "temperatura", "semilla", "ficha_del_modelo", "perfil", "hub",
    "parametros", "clasificacion", "resumen",
)


def _relative(path: Path) -> str:
    return str(path.relative_to(REPO_ROOT))


def _problems(where: str, text: str) -> list[str]:
    return [
        f"{where}: «{written}» (use «{preferred}») in: {text.strip()[:160]!r}"
        for written, preferred in find_forbidden(text)
    ]


def _document_problems(name: str, text: str) -> list[str]:
    # Paragraph by paragraph, so a phrase cut by a line break («la ficha del\nmodelo») is read
    # whole; a problem names the paragraph's first line.
    found, line = [], 1
    for paragraph in re.split(r"(\n\s*\n)", text):
        found += _problems(f"{name}:{line}", paragraph)
        line += paragraph.count("\n")
    return found


def _notebook_problems(path: Path) -> list[str]:
    notebook = nbformat.read(path, as_version=4)
    found = []
    for number, cell in enumerate(notebook.cells):
        if cell.cell_type in ("markdown", "code"):
            found += _problems(f"{_relative(path)} cell {number} ({cell.cell_type})", cell.source)
    return found


# ---------------------------------------------------------------- (a) the message catalog


def test_no_spanish_message_uses_a_forbidden_word():
    found = []
    for info in pkgutil.iter_modules(messages.__path__):
        module = importlib.import_module(f"{messages.__name__}.{info.name}")
        for key, texts in getattr(module, "MESSAGES", {}).items():
            found += _problems(f"{info.name}.py {key}", texts.get("es", ""))
    assert not found, "\n".join(found)


# ---------------------------------------------------------------- (b) notebooks and docs


@pytest.mark.parametrize("path", NOTEBOOKS + DASHBOARDS, ids=lambda p: _relative(p))
def test_no_notebook_cell_uses_a_forbidden_word(path):
    found = _notebook_problems(path)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("path", SPANISH_DOCS, ids=lambda p: _relative(p))
def test_no_spanish_document_uses_a_forbidden_word(path):
    found = _document_problems(_relative(path), path.read_text(encoding="utf-8"))
    assert not found, "\n".join(found)


def test_the_readme_spanish_part_uses_no_forbidden_word():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert ENGLISH_SECTION in readme
    found = _document_problems("README.md", readme.split(ENGLISH_SECTION)[0])
    assert not found, "\n".join(found)


def test_the_checked_notebooks_and_documents_exist():
    # A glob that silently matched nothing would make the two tests above pass vacuously.
    assert len(NOTEBOOKS) >= 4 and DASHBOARDS and len(SPANISH_DOCS) >= 2
    assert all(path.exists() for path in SPANISH_DOCS)


# ---------------------------------------------------------------- (c) the glossary itself


def test_every_glossary_term_has_a_name_and_a_definition_in_both_languages():
    terms = glossary_terms()
    assert set(REQUIRED_TERMS) <= set(terms), set(REQUIRED_TERMS) - set(terms)
    assert len(terms) == len(set(terms))
    entries = catalog()
    for term in terms:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", term), term
        for part in ("term", "definition"):
            texts = entries.get(f"glossary.{term}.{part}")
            assert texts is not None, f"glossary.{term}.{part} is missing"
            for language in SUPPORTED_LANGUAGES:
                text = texts.get(language, "")
                assert text.strip(), f"glossary.{term}.{part} has no {language!r} text"
                # t() formats every text: a brace would break it (or a message composed from it).
                assert "{" not in text and "}" not in text, f"glossary.{term}.{part}"
    # No orphan: every glossary key belongs to a term (or is the heading / the error).
    known = {f"glossary.{term}.{part}" for term in terms for part in ("term", "definition")}
    extra = {k for k in entries if k.startswith("glossary.")} - known
    assert extra == {"glossary.title", "glossary.unknown_term"}


def test_glossary_markdown_lists_the_terms_in_the_given_order():
    text = glossary_markdown(["lote", "token"], "es")
    assert text.splitlines()[:2] == ["## Glosario", ""]
    assert text.splitlines()[2:] == [
        f"- **lote**: {t('glossary.lote.definition', 'es')}",
        f"- **token**: {t('glossary.token.definition', 'es')}",
    ]
    assert glossary_markdown(["perdida"], "en").startswith("## Glossary\n\n- **loss**: ")
    with pytest.raises(KeyError, match="no_existe"):
        glossary_markdown(["token", "no_existe"], "es")


def test_show_glossary_is_a_course_message_drawn_as_markdown():
    shown = show_glossary("token", "epoca")
    assert isinstance(shown, Message)
    assert shown._repr_markdown_() == str(shown) == glossary_markdown(["token", "epoca"])
    everything = show_glossary()
    assert everything.count("\n- **") == len(glossary_terms())


# ---------------------------------------------------------------- (d) the notebooks' glossary cells


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_each_notebook_has_one_glossary_cell_made_from_the_glossary(path):
    notebook = nbformat.read(path, as_version=4)
    cells = [cell for cell in notebook.cells if GLOSSARY_TAG in cell.metadata.get("tags", [])]
    assert len(cells) == 1, f"{path.name}: {len(cells)} cells tagged {GLOSSARY_TAG!r}"
    cell = cells[0]
    assert cell.cell_type == "markdown" and cell.source.startswith("## Glosario")
    terms = cell.metadata.get(TERMS_METADATA)
    assert isinstance(terms, list) and terms, f"{path.name}: no {TERMS_METADATA!r}"
    unknown = [term for term in terms if term not in glossary_terms()]
    assert not unknown, f"{path.name}: terms not in the glossary: {unknown}"
    assert cell.source == glossary_markdown(terms, "es"), (
        f"{path.name}: run python -m widgets_llm.course.glossary notebooks/{path.name}"
    )
    assert glossary.sync_notebook(str(path), check=True) == []


def _notebook_with_a_glossary(path: Path, source: str, terms: list[str]) -> None:
    notebook = nbformat.v4.new_notebook()
    code = nbformat.v4.new_code_cell("print('hola')", metadata={"tags": ["resultado"]})
    code.outputs = [nbformat.v4.new_output("stream", name="stdout", text="hola\n")]
    code.execution_count = 3
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Título"),
        code,
        nbformat.v4.new_markdown_cell(
            source, metadata={"tags": [GLOSSARY_TAG], TERMS_METADATA: terms}
        ),
    ]
    nbformat.write(notebook, path)


def _command(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "widgets_llm.course.glossary", *args],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=120,
    )


def test_the_command_checks_and_rewrites_only_the_glossary_cells(tmp_path):
    stale, fresh = tmp_path / "stale.ipynb", tmp_path / "fresh.ipynb"
    _notebook_with_a_glossary(stale, "## Glosario\n\n- **token**: una ficha", ["token", "lote"])
    _notebook_with_a_glossary(fresh, glossary_markdown(["perdida"], "es"), ["perdida"])
    fresh_bytes = fresh.read_bytes()
    before = nbformat.read(stale, as_version=4)

    checked = _command(str(stale), str(fresh), "--check")
    assert checked.returncode == 1 and "stale.ipynb" in checked.stderr
    assert "fresh.ipynb" not in checked.stderr
    assert nbformat.read(stale, as_version=4) == before  # --check writes nothing

    rewritten = _command(str(stale), str(fresh))
    assert rewritten.returncode == 0, rewritten.stderr
    after = nbformat.read(stale, as_version=4)
    assert after.cells[2].source == glossary_markdown(["token", "lote"], "es")
    assert after.cells[:2] == before.cells[:2]  # outputs and other cells untouched
    assert after.cells[2].metadata == before.cells[2].metadata
    assert fresh.read_bytes() == fresh_bytes  # an up-to-date notebook is not rewritten
    assert _command(str(stale), str(fresh), "--check").returncode == 0


def test_the_command_reports_unknown_terms_and_missing_cells(tmp_path):
    unknown, missing = tmp_path / "unknown.ipynb", tmp_path / "missing.ipynb"
    _notebook_with_a_glossary(unknown, "## Glosario", ["token", "palabra_inventada"])
    nbformat.write(nbformat.v4.new_notebook(), missing)
    result = _command(str(unknown), str(missing), "--check")
    assert result.returncode == 1
    assert "palabra_inventada" in result.stderr
    assert "missing.ipynb: 0 markdown cells" in result.stderr


# ---------------------------------------------------------------- (e) widgets use the glossary


def _shown_text(root) -> str:
    import ipywidgets as widgets

    return html.unescape(
        "\n".join(w.value for w in walk_widgets(root) if isinstance(w, widgets.HTML))
    )


def _definition(term: str) -> str:
    # A definition shown after its term («Token: un trozo…») starts in lower case.
    return t(f"glossary.{term}.definition")[1:]


def test_the_token_visualizer_explains_tokens_with_the_glossary():
    from widgets_llm.widgets.token_visualizer import TokenVisualizer

    shown = _shown_text(TokenVisualizer(compare_english=False, synchronous=True))
    assert _definition("token") in shown


@pytest.mark.parametrize(
    "field, term",
    [
        ("learning_rate", "tasa_de_aprendizaje"),
        ("num_epochs", "epoca"),
        ("batch_size", "lote"),
        ("use_lora", "lora"),
        ("seed", "semilla"),
    ],
)
def test_the_hyperparameter_panel_explains_settings_with_the_glossary(field, term):
    from widgets_llm.widgets.hyperparameter_panel import HyperparameterPanel

    panel = HyperparameterPanel()
    assert t(f"glossary.{term}.definition") in _shown_text(panel._field_boxes[field])


def test_the_training_chart_and_the_diff_viewer_explain_with_the_glossary():
    from widgets_llm.widgets.summary_diff_viewer import explanation_html
    from widgets_llm.widgets.training_chart import TrainingChart

    chart = _shown_text(TrainingChart(redraw_interval=0))
    assert _definition("perdida") in chart and _definition("perplejidad") in chart
    viewer = html.unescape(explanation_html())
    assert _definition("rouge") in viewer and _definition("perplejidad") in viewer


# ---------------------------------------------------------------- (f) the rules themselves

#: One text per rule that breaks it, and the word the rule prefers.
BROKEN = [
    ("El texto se corta en fichas.", "fichas"),
    ("Cada ficha tiene su número.", "ficha"),
    ("Las palabras raras se parten en piezas.", "piezas"),
    ("Elige un preajuste.", "preajuste"),
    ("La ejecución terminó.", "ejecución"),
    ("Compara dos ejecuciones.", "ejecuciones"),
    ("Tu ordenador no tiene GPU.", "ordenador"),
    ("Pulsa Mayús + Intro para ejecutar la celda.", "+ Intro"),
    ("Luego pulsa Intro.", "pulsa Intro"),
    ("¡Enhorabuena! Terminaste.", "Enhorabuena"),
    ("Sube el fichero.", "fichero"),
    ("Pincha en el botón.", "Pincha"),
    ("Coge el primer ejemplo.", "Coge"),
    ("Ábrelo en el móvil.", "móvil"),
    ("Si vosotros queréis…", "vosotros"),
    ("Podéis probar otra semilla.", "Podéis"),
    ("Tenéis los datos.", "Tenéis"),
    ("Habéis terminado.", "Habéis"),
]
ALLOWED = [
    "Lee la ficha del modelo antes de usarlo.",
    "Las fichas de los modelos dicen su licencia.",
    "Entorno de ejecución → Cambiar tipo de entorno de ejecución",
    "Reinicia el entorno de ejecución.",
    "Los tokens, el perfil «Rápido» y un entrenamiento en tu computadora.",
    "Mayús + Enter ejecuta la celda; la introducción explica el resto.",
    "course.show(tokviz.intro)",
    "Recoge los resultados; la media móvil suaviza la curva.",
    "¡Felicitaciones! Ustedes pueden tomar el archivo desde el celular y hacer clic.",
]


@pytest.mark.parametrize("text, written", BROKEN)
def test_find_forbidden_catches_each_rule(text, written):
    assert [found for found, _ in find_forbidden(text)] == [written]


def test_every_rule_has_a_broken_example_and_a_preferred_word():
    caught = {preferred for text, _ in BROKEN for _, preferred in find_forbidden(text)}
    assert caught == {preferred for _, preferred, _ in FORBIDDEN_SYNONYMS}
    assert all(pattern and preferred and why for pattern, preferred, why in FORBIDDEN_SYNONYMS)


@pytest.mark.parametrize("text", ALLOWED)
def test_find_forbidden_lets_the_course_words_through(text):
    assert find_forbidden(text) == []
