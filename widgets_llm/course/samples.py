"""The data and models the notebooks use, by name, and a messy sample to watch cleaning at work."""

from __future__ import annotations

import functools


#: The bundled example and the offline model every notebook uses (they work with no connection).
EXAMPLE = "ejemplo_es"
COURSE_MODEL = "offline-t5-mini"
#: A real Spanish model the notebooks mention: the same code loads it with a connection.
HUB_MODEL = "flax-community/spanish-t5-small"
#: A Spanish summarization data set on the Hub (dialogues and their summaries, CC BY-NC-ND 4.0).
HUB_DATASET = "tadeodonegana/samsum-es"
#: The catalog's model that already summarizes Spanish (mT5 tuned on MLSUM news): what a
#: pretrained summarizer does, before learning to tune one.
PRETRAINED_SUMMARIZER = "LeoCordoba/mt5-small-mlsum"


@functools.lru_cache(maxsize=1)
def example_data():
    """The bundled example, read once per kernel: the exercises and the course's data choice
    ask for it again and again.

    Returns
    -------
    PreparedData
    """
    from ..engine.data import load_pairs

    return load_pairs(EXAMPLE)


def messy_example() -> tuple[list[str], list[str]]:
    """A dozen made-up (text, summary) pairs with typical problems, to watch cleaning at work.

    It holds HTML tags, repeated pairs, empty cells, texts too short to summarize and extra
    spaces; ``engine.pairs_from_lists(*messy_example())`` cleans it and reports each fix.
    """
    library = (
        "El ayuntamiento de Valparaíso inauguró ayer una biblioteca pública con más de diez mil "
        "libros y una sala para niños."
    )
    library_summary = "Valparaíso inauguró una biblioteca pública."
    pairs = [
        (f"<p>{library}</p>", library_summary),
        (library, library_summary),
        (library, library_summary),
        ("", "Resumen sin texto."),
        ("Llovió.", "Un resumen mucho más largo que el propio texto, que no debería quedarse."),
        (
            "La cooperativa de cafeteros de Caldas exportó este año un veinte por ciento más que "
            "el anterior gracias a los nuevos compradores de Asia.",
            "Los cafeteros de Caldas exportaron un 20 % más.",
        ),
        (
            "El equipo femenino de fútbol de Rosario ganó el torneo regional tras vencer por dos "
            "goles a uno en una final muy disputada.",
            "Rosario ganó el torneo regional femenino.",
        ),
        (
            "Un grupo de estudiantes de Oaxaca creó una aplicación que traduce frases del español "
            "al zapoteco y la presentó en una feria de ciencia.",
            "Estudiantes de Oaxaca crearon un traductor al zapoteco.",
        ),
        (
            "El museo de Cuenca   abrirá los domingos    por la tarde a partir de marzo, "
            "con entrada gratuita para mayores de sesenta y cinco años.",
            "El museo de Cuenca abrirá los domingos por la tarde.",
        ),
        (
            "La biblioteca municipal de Ponce prestará tabletas a los vecinos que no tengan "
            "computadora en casa durante todo el verano.",
            "Ponce prestará tabletas a quien no tenga computadora.",
        ),
        (
            "El mercado central de Montevideo cambiará su horario: abrirá una hora antes para que "
            "los trabajadores puedan comprar temprano.",
            "",
        ),
        ("Corto.", "Texto demasiado corto con un resumen más largo."),
    ]
    return [text for text, _ in pairs], [summary for _, summary in pairs]
