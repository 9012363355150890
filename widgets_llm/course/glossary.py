"""The course's glossary: one definition per idea, shown in the notebooks and checked in texts.

The terms and their definitions live in the message catalog
(:mod:`widgets_llm.messages.glossary`); this module renders them and keeps the notebooks'
«Glosario» cells in step with them:

- :func:`glossary_terms`: every term id, in the glossary's order.
- :func:`glossary_markdown`: a «## Glosario» heading and one bullet per term.
- :func:`show_glossary`: the same, as a text a notebook cell shows.
- :func:`find_forbidden`: the words of a text that break the course's vocabulary rules.

Each notebook has one markdown cell tagged ``glosario`` whose metadata ``glossary_terms`` lists
its term ids; ``python -m widgets_llm.course.glossary notebooks/*.ipynb`` rewrites those cells
from the catalog, and ``--check`` only says which ones differ (exit status 1), for the tests.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Sequence

from ..messages import t
from ..messages.glossary import FORBIDDEN_SYNONYMS, TERM_IDS
from ._common import MarkdownMessage

GLOSSARY_TAG = "glosario"
TERMS_METADATA = "glossary_terms"
# The notebooks are written in Spanish, so their glossary cells are too, whatever the language
# of the process that regenerates them.
NOTEBOOK_LANGUAGE = "es"

_FORBIDDEN = [
    (re.compile(pattern, re.IGNORECASE), preferred, why)
    for pattern, preferred, why in FORBIDDEN_SYNONYMS
]


def glossary_terms() -> list[str]:
    """Every term id of the glossary (``"token"``, ``"modelo_de_lenguaje"``, ...), in order."""
    return list(TERM_IDS)


def _check_terms(terms: Sequence[str]) -> None:
    known = set(TERM_IDS)
    for term in terms:
        if term not in known:
            raise KeyError(
                t("glossary.unknown_term", term=term, available=", ".join(TERM_IDS))
            )


def glossary_markdown(terms: Sequence[str], lang: str | None = None) -> str:
    """A «## Glosario» heading and one bullet ``- **term**: definition`` per term id, in the
    order given. ``lang`` defaults to the current language; an unknown id raises ``KeyError``
    naming the available ones."""
    terms = list(terms)
    _check_terms(terms)
    lines = [f"## {t('glossary.title', lang)}", ""]
    for term in terms:
        name = t(f"glossary.{term}.term", lang)
        definition = t(f"glossary.{term}.definition", lang)
        lines.append(f"- **{name}**: {definition}")
    return "\n".join(lines)


def show_glossary(*terms: str) -> MarkdownMessage:
    """The glossary of ``terms`` (every term when none is given), ready to show in a cell."""
    return MarkdownMessage(glossary_markdown(terms or TERM_IDS))


def find_forbidden(text: str) -> list[tuple[str, str]]:
    """Each word of ``text`` that breaks the vocabulary rules, as ``(what was written, the
    preferred word)``, in the order they appear. An empty list means the text follows them."""
    found: list[tuple[int, str, str]] = []
    for pattern, preferred, _why in _FORBIDDEN:
        for match in pattern.finditer(text):
            found.append((match.start(), match.group(0), preferred))
    return [(written, preferred) for _start, written, preferred in sorted(found)]


def _glossary_cells(notebook) -> list:
    return [
        cell
        for cell in notebook.cells
        if cell.cell_type == "markdown" and GLOSSARY_TAG in cell.get("metadata", {}).get("tags", [])
    ]


def sync_notebook(path: str, check: bool = False) -> list[str]:
    """Bring the «Glosario» cells of the notebook at ``path`` in step with the catalog.

    Returns the problems found (empty when the notebook is in step). Without ``check`` the
    differing cells are rewritten and the notebook saved (only when something changed, so an
    up-to-date notebook keeps its bytes); with ``check`` nothing is written, and a differing
    cell is a problem. Only the glossary cells' text changes: every other cell, output and
    metadata is written back as read.
    """
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    cells = _glossary_cells(notebook)
    problems: list[str] = []
    if len(cells) != 1:
        problems.append(
            f"{path}: {len(cells)} markdown cells tagged {GLOSSARY_TAG!r} (exactly one expected)"
        )
    changed = False
    for cell in cells:
        terms = cell.metadata.get(TERMS_METADATA)
        if not isinstance(terms, list) or not terms:
            problems.append(f"{path}: a {GLOSSARY_TAG!r} cell has no {TERMS_METADATA!r} list")
            continue
        try:
            expected = glossary_markdown(terms, NOTEBOOK_LANGUAGE)
        except KeyError as error:
            problems.append(f"{path}: {error.args[0]}")
            continue
        if cell.source != expected:
            if check:
                problems.append(f"{path}: the {GLOSSARY_TAG!r} cell differs from the glossary")
            else:
                cell.source = expected
                changed = True
    if changed:
        nbformat.write(notebook, path)
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m widgets_llm.course.glossary",
        description="Rewrite (or, with --check, compare) the notebooks' glossary cells from "
        "the message catalog.",
    )
    parser.add_argument("notebooks", nargs="+", help="the .ipynb files")
    parser.add_argument(
        "--check", action="store_true", help="only compare; exit with 1 if a cell differs"
    )
    options = parser.parse_args(argv)
    problems: list[str] = []
    for path in options.notebooks:
        problems.extend(sync_notebook(path, check=options.check))
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(f"glossary cells up to date in {len(options.notebooks)} notebook(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
