"""Notebook 5's helpers (course/responsible.py): made-up details, what ROUGE misses, whose texts,
memorization, energy and the model card, each checked on real texts and real run files."""

from __future__ import annotations

import json

import pytest

from widgets_llm import course
from widgets_llm.course import responsible
from widgets_llm.messages import t


pytestmark = pytest.mark.usefixtures("spanish")


# ---------------------------------------------------------------------- made-up details

TEXT = (
    "El Centro Comunitario de Ela Nguema, en Malabo, abre la inscripción para un curso gratuito "
    "de informática para jóvenes de 16 a 25 años. El curso durará diez semanas. Hay cuarenta "
    "plazas y la inscripción cierra el día 15."
)


@pytest.mark.parametrize(
    "summary,details",
    [
        # Everything in the summary is in the text (numbers as digits or words, names, places).
        ("Un centro de Malabo ofrece un curso de diez semanas para jóvenes de 16 a 25 años.", []),
        ("En Malabo hay 40 plazas para un curso de 10 semanas.", []),
        ("El Centro Comunitario de Ela Nguema abre un curso gratuito.", []),
        # A number the text does not have, as digits or as a word, with the word after it.
        ("Un centro de Malabo ofrece cincuenta plazas.", ["cincuenta plazas"]),
        ("El curso dura 12 semanas.", ["12 semanas"]),
        ("La inscripción cierra el día 16.", []),  # 16 is in the text (the ages)
        # A place or a name the text does not have.
        ("Un centro de Bata ofrece un curso gratuito.", ["Bata"]),
        ("Un centro de Malabo, dirigido por Ana Obiang, ofrece un curso.", ["Ana Obiang"]),
        ("El Centro Comunitario de Bata abre un curso.", ["Centro Comunitario de Bata"]),
        # A sentence's first word alone is not taken for a name.
        ("Jóvenes de Malabo podrán estudiar informática.", []),
    ],
)
def test_unsupported_details_finds_names_numbers_and_places_the_text_lacks(summary, details):
    assert responsible.unsupported_details(TEXT, summary) == details


def test_unsupported_details_ignores_case_accents_and_repeats():
    text = "La feria de Martín Pérez abre en Cayey con 1.200 puestos."
    assert responsible.unsupported_details(text, "Martin Perez abre una feria en CAYEY.") == []
    assert responsible.unsupported_details(text, "Hay 1200 puestos en Cayey.") == []
    assert responsible.unsupported_details(text, "Hay 300 puestos, sí, 300 puestos.") == [
        "300 puestos"
    ]


def test_practice_comparison_shows_in_the_diff_viewer_with_one_invented_detail():
    from widgets_llm import SummaryDiffViewer

    comparison = course.practice_comparison()
    assert len(comparison.examples) == len(responsible.PRACTICE_SUMMARIES) == 5
    pairs = responsible.practice_pairs()
    for example, (text, summary) in zip(comparison.examples, pairs):
        assert (example.text, example.tuned) == (text, summary)
        assert example.reference and example.lead and example.text.startswith(example.lead[:20])
        assert 0 < example.tuned_rouge["rouge1"] <= 1
    flagged = [
        number
        for number, example in enumerate(comparison.examples, start=1)
        if responsible.unsupported_details(example.text, example.tuned)
    ]
    assert flagged == [4]
    viewer = SummaryDiffViewer(comparison)
    assert viewer.comparison is comparison and len(viewer.examples) == 5
    table = course.invented_details_table(comparison)
    column = t("course.resp.column.details")
    assert list(table[column]) == [t("course.resp.details.none")] * 3 + [
        "veinte cupos",
        t("course.resp.details.none"),
    ]


def _write_examples(run_dir, rows):
    run_dir.mkdir(parents=True, exist_ok=True)
    with open(run_dir / "test_examples.jsonl", "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def test_invented_details_table_reads_a_runs_test_summaries(tmp_path):
    _write_examples(
        tmp_path / "run",
        [
            {"text": TEXT, "reference": "-", "summary": "Malabo abre un curso de diez semanas."},
            {"text": TEXT, "reference": "-", "summary": "Bata abre un curso de diez semanas."},
        ],
    )
    table = course.invented_details_table(tmp_path / "run")
    assert list(table[t("course.resp.column.example")]) == [1, 2]
    # "Bata" starts its sentence: alone, it is not taken for a name (a known limit).
    assert list(table[t("course.resp.column.details")]) == [t("course.resp.details.none")] * 2


# ---------------------------------------------------------------------- what ROUGE misses


def test_rouge_blind_spots_are_scored_by_the_engine():
    from widgets_llm.engine.scoring import rouge

    table = course.rouge_blind_spots()
    assert len(table) == len(responsible.ROUGE_BLIND_SPOTS)
    for row, (reference, summary, true) in zip(
        table.to_dict("records"), responsible.ROUGE_BLIND_SPOTS
    ):
        scores = rouge([summary], [reference])
        assert row["ROUGE-1"] == f"{100 * scores['rouge1']:.1f}".replace(".", ",")
        assert row[t("course.resp.column.true")] == (t("course.yes") if true else t("course.no"))
    # The point of the table: the false summaries score far above the true one.
    ones = [float(v.replace(",", ".")) for v in table["ROUGE-1"]]
    truth = [true for _, _, true in responsible.ROUGE_BLIND_SPOTS]
    assert min(s for s, ok in zip(ones, truth) if not ok) > 2 * max(
        s for s, ok in zip(ones, truth) if ok
    )


# ---------------------------------------------------------------------- whose texts


def test_describe_data_counts_the_examples_countries_and_genres(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no remembered choice: the course's example
    text = course.describe_data()
    assert text.startswith(t("course.resp.data.example", name=course.EXAMPLE))
    assert "Pares texto-resumen: 135." in text
    assert "Columna «pais»: 21 valores distintos" in text
    assert "Columna «genero»: 16 valores distintos" in text
    assert "«id»" not in text  # an identifier: nothing to count
    assert text.endswith(t("course.resp.data.questions"))


def test_describe_data_without_source_columns_asks_to_note_them(tmp_path, monkeypatch):
    from widgets_llm.engine.data import load_pairs

    monkeypatch.chdir(tmp_path)
    rows = ["texto,resumen"] + [
        f'"El barrio {i} de Rosario estrenó una plaza con juegos, árboles y bancos nuevos para '
        f'todas las familias del vecindario.","El barrio {i} tiene plaza nueva."'
        for i in range(20)
    ]
    (tmp_path / "mios.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    text = course.describe_data(load_pairs(tmp_path / "mios.csv"))
    assert text.startswith(t("course.resp.data.own", name="mios.csv"))
    assert "Pares texto-resumen: 20." in text
    assert t("course.resp.data.no_columns") in text


# ---------------------------------------------------------------------- memorization


def test_longest_shared_words():
    text = "La paciente Marta Gómez, de 54 años, vive en Lima."
    other = "Según el informe, la paciente Marta Gómez vive en Quito."
    assert course.longest_shared_words(text, other) == ["la", "paciente", "marta", "gómez"]
    assert course.longest_shared_words("uno dos", "tres cuatro") == []
    assert course.explain_shared_words(text, other).startswith("4 palabras seguidas en común")


def test_memorization_table_flags_long_copies_from_training_texts_only(tmp_path):
    from widgets_llm.engine.data import pairs_from_lists

    private = (
        "La señora Rosa Quispe vive en el jirón Los Pinos 245 de Arequipa y cobra su pensión "
        "cada mes en la agencia del centro."
    )
    training = [private] + [
        f"El colegio {i} de Cusco inauguró una biblioteca con cientos de libros donados por las "
        f"familias del barrio durante el año."
        for i in range(11)
    ]
    data = pairs_from_lists(training, [f"Resumen corto número {i}." for i in range(12)])
    train_texts = list(data.splits["train"]["text"])
    leaked_source = next(text for text in train_texts if "colegio" in text)
    own_text = "El mercado de Puno abrió sus puertas con puestos de artesanía y comida típica."
    _write_examples(
        tmp_path / "run",
        [
            # Ten words of a training text that are not in the text being summarized: check.
            {"text": own_text, "summary": " ".join(leaked_source.split()[:10])},
            # A long copy of its own text: expected from a model that copies sentences.
            {"text": own_text, "summary": own_text},
            # Nothing long in common with anything.
            {"text": own_text, "summary": "Abrió un mercado."},
        ],
    )
    table = course.memorization_table(tmp_path / "run", data)
    verdicts = list(table[t("course.resp.column.verdict")])
    shared = list(table[t("course.resp.column.shared")])
    assert verdicts[0] == t("course.resp.memory.check") and shared[0] == 10
    assert verdicts[2] == t("course.resp.memory.short")
    # The second summary shares few words with the training texts (it copies its own text).
    assert verdicts[1] in (t("course.resp.memory.short"), t("course.resp.memory.own_text"))


# ---------------------------------------------------------------------- energy and the card


def _run_json(run_dir, training):
    from widgets_llm.engine.runs.layout import FORMAT_VERSION

    run_dir.mkdir(parents=True, exist_ok=True)
    info = {
        "format_version": FORMAT_VERSION,
        "architecture": "seq2seq",
        "base_model": {"kind": "offline", "name": "offline-t5-mini"},
        "model_format": "full",
        "training": training,
    }
    (run_dir / "run.json").write_text(json.dumps(info), encoding="utf-8")


def test_energy_estimate_uses_the_runs_own_time(tmp_path):
    _run_json(tmp_path / "run", {"elapsed": 36.0, "steps": 10})
    text = course.energy_estimate(tmp_path / "run", device="cpu")
    # 36 s at 15-65 W: 0,15 to 0,65 Wh.
    assert text.startswith("El entrenamiento duró 36,0 s en una computadora sin GPU (CPU)")
    assert "unos 0,150 a 0,650 Wh" in text
    assert "bombilla LED de 10 W encendida 3,9 minutos" in text
    assert "1287 MWh" in text and "Patterson" in text
    assert text.endswith(t("course.resp.energy.honest"))
    gpu = course.energy_estimate(seconds=36.0, device="cuda")
    assert "entre 70 y 400 W" in gpu and "unos 0,700 a 4,0 Wh" in gpu
    assert "Training took 36.0 s" in course.energy_estimate(seconds=36.0, device="cpu", lang="en")


def test_energy_estimate_without_a_time_says_how_to_give_one(tmp_path):
    _run_json(tmp_path / "run", None)
    assert course.energy_estimate(tmp_path / "run", device="cpu") == t(
        "course.resp.energy.no_time"
    )


def test_model_card_section_reads_the_engines_card(tmp_path):
    from widgets_llm.engine.config import TrainingConfig
    from widgets_llm.engine.runs.card import model_card

    run_dir = tmp_path / "run"
    run_dir.mkdir()
    info = {
        "base_model": {"kind": "offline", "name": "mini"},
        "architecture": "seq2seq",
        "created": "2026-11-30T10:00:00+00:00",
        "widgets_llm_version": "x",
    }
    (run_dir / "README.md").write_text(
        model_card(info, TrainingConfig(), {}, run_dir, "es"), encoding="utf-8"
    )
    section = course.model_card_section(run_dir)
    assert section.startswith(f"## {t('runs.card.use', 'es')}\n\n")
    assert section.strip().endswith(t("runs.card.use_text", "es").strip())
    assert t("runs.card.privacy", "es") not in section  # only that section
    assert section._repr_markdown_() == str(section)
    privacy = course.model_card_section(run_dir, t("runs.card.privacy", "es"))
    assert t("runs.card.privacy_text", "es") in privacy
    assert course.model_card_section(tmp_path / "nada") == t(
        "course.resp.card.missing", path=str(tmp_path / "nada" / "README.md")
    )
    assert course.model_card_section(run_dir, "No existe") == t(
        "course.resp.card.no_section", title="No existe"
    )


def test_every_notebook_5_message_has_both_languages():
    from widgets_llm.messages import catalog
    from widgets_llm.messages.course_responsible import MESSAGES

    for key, texts in MESSAGES.items():
        assert texts.get("es") and texts.get("en"), key
        assert key in catalog()
