"""The notebooks' helper module: environment report, tables, Hub fallbacks and exercise checks."""

from __future__ import annotations

import math
import subprocess
import sys
import types

import pytest
from IPython.lib.pretty import pretty

from widgets_llm import course
from widgets_llm.course import (
    EXERCISES,
    EnvironmentReport,
    Feedback,
    as_choice,
    as_number,
    check_answer,
    exercise_ids,
    hint,
    solution,
)
from widgets_llm.messages import SUPPORTED_LANGUAGES, catalog, set_language, t


pytestmark = pytest.mark.usefixtures("spanish")


# ---------------------------------------------------------------------- reading answers


@pytest.mark.parametrize(
    "value,expected",
    [
        (424, 424.0),
        (7.39, 7.39),
        ("424000", 424000.0),
        ("424.000", 424000.0),  # Spanish thousands
        ("424,000", 424000.0),
        ("7,39", 7.39),  # decimal comma
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("424 mil", 424000.0),
        ("424k", 424000.0),
        ("0,42 millones", 420000.0),
        ("unos 424 mil parámetros", 424000.0),
        ("  128  ", 128.0),
        ("doce", None),
        ("", None),
        (True, None),
        (float("nan"), None),
        ([1], None),
    ],
)
def test_as_number_reads_how_people_write_numbers(value, expected):
    number = as_number(value)
    assert number == pytest.approx(expected) if expected is not None else number is None


def test_as_number_without_thousands_reads_a_lone_mark_as_decimal():
    assert as_number("7.389", thousands=False) == pytest.approx(7.389)
    assert as_number("7,389", thousands=False) == pytest.approx(7.389)
    assert as_number("7.389") == 7389.0


@pytest.mark.parametrize(
    "value,expected",
    [
        ("b", "b"),
        ("B)", "b"),
        ("(c)", "c"),
        (" opción d ", "d"),
        ("Opción A.", "a"),
        ("e", None),
        ("bc", None),
        (2, None),
    ],
)
def test_as_choice(value, expected):
    assert as_choice(value, "abcd") == expected


# ---------------------------------------------------------------------- feedback


@pytest.mark.parametrize("placeholder", [..., None, "", "...", "  …  "])
def test_an_unanswered_exercise_says_not_yet_gently(placeholder):
    for exercise_id in EXERCISES:
        feedback = check_answer(exercise_id, placeholder)
        assert (
            isinstance(feedback, Feedback)
            and isinstance(feedback, str)
            and feedback.correct is None
        )
        assert feedback == t("course.answer.placeholder")
        assert "Todavía no" in feedback


def test_an_unknown_exercise_lists_the_real_ones():
    feedback = check_answer("09-nada", 3)
    assert feedback.correct is None
    assert "09-nada" in feedback and "02-longitud" in feedback
    assert "09-nada" in hint("09-nada") and "09-nada" in solution("09-nada")


def test_feedback_shows_as_plain_text_and_escaped_html():
    feedback = check_answer("01-biblioteca", "<b>transformers</b>")
    assert pretty(feedback) == str(feedback)  # no quotes around it in a notebook
    assert "<b>" not in feedback._repr_html_()
    assert "Todavía no" in feedback._repr_html_()


CASES = [
    # (exercise, answer, correct, words the feedback must contain)
    ("01-biblioteca", "datasets", True, "«datasets»"),
    ("01-biblioteca", "la biblioteca Datasets", True, "«datasets»"),
    ("01-biblioteca", "dataset", False, "plural"),
    ("01-biblioteca", "transformers", False, "modelos"),
    ("01-biblioteca", "evaluate", False, "ROUGE"),
    ("01-biblioteca", "pandas", False, "tabla de bibliotecas"),
    ("01-biblioteca", 42, False, "entre comillas"),
    ("01-tarea", "c", True, "resumir"),
    ("01-tarea", "a", False, "etiqueta"),
    ("01-tarea", "d", False, "idioma"),
    ("01-tarea", "z", False, '"a", "b", "c", "d"'),
    ("02-fin", "b", True, "final"),
    ("02-fin", "d", False, "<unk>"),
    ("01-biblioteca", "datasets y transformers", False, "elige una sola"),
    ("01-biblioteca", "tokenizers o datasets", False, "«tokenizers», «datasets»"),
    ("03-lora", "b", True, "congela"),
    ("03-lora", "a", False, "no acorta"),
    ("03-lora", "c", False, "congelar capas"),
    ("03-lora", "d", False, "no achica"),
    ("03-rouge", "b", True, "primera oración"),
    ("03-rouge", "a", False, "vara mínima"),
    ("03-rouge", "c", False, "engañarse"),
    ("03-rouge", "d", False, "le falta entrenamiento"),
    ("03-temperatura", "c", True, "temperatura baja"),
    ("03-temperatura", "a", False, "no cuántas"),
    ("03-temperatura", "b", False, "no toca el entrenamiento"),
    ("03-temperatura", "d", False, "la exactitud suele bajar"),
    ("03-sobreajuste", 4, True, "época 4"),
    ("03-sobreajuste", "4", True, "época 4"),
    ("03-sobreajuste", 5, False, "una época antes"),
    ("03-sobreajuste", 10, False, "línea roja"),
    ("03-sobreajuste", 2, False, "sigue bajando"),
    ("03-sobreajuste", 8, False, "varias épocas subiendo"),
    ("03-sobreajuste", 11, False, "del 1 al 10"),
    ("03-sobreajuste", 4.5, False, "del 1 al 10"),
    ("03-rouge-a-mano", 0.667, True, "66,7 sobre 100"),
    ("03-rouge-a-mano", 0.67, True, "66,7 sobre 100"),
    ("03-rouge-a-mano", 66.7, True, "lo mismo que calcula el motor"),
    ("03-rouge-a-mano", "0,667", True, "se equivoca de día"),
    ("03-rouge-a-mano", "67", True, "F = 2 × P × R / (P + R) = 0,667"),
    ("03-rouge-a-mano", 4, False, "primer paso"),
    ("03-rouge-a-mano", 0.8, False, "Esa es la precisión"),
    ("03-rouge-a-mano", 80, False, "Esa es la precisión"),
    ("03-rouge-a-mano", 0.571, False, "Esa es la exhaustividad"),
    ("03-rouge-a-mano", 0.686, False, "promedio"),
    ("03-rouge-a-mano", 0.66, False, "redondeo"),
    ("03-rouge-a-mano", 0.3, False, "Cuenta las palabras en común (4)"),
    ("05-dato-inventado", 4, True, "«veinte cupos»"),
    ("05-dato-inventado", 2, False, "En el resumen 2"),
    ("05-dato-inventado", 6, False, "del 1 al 5"),
    ("05-memoria", "c", True, "datos personales"),
    ("05-memoria", "a", False, "Sí importa"),
    ("05-memoria", "b", False, "no guarda los textos como archivos"),
    ("05-memoria", "d", False, "sobreajuste"),
    ("05-cuando-no", "b", True, "revisa antes de enviarlo"),
    ("05-cuando-no", "a", False, "paciente"),
    ("05-cuando-no", "c", False, "Decidir sobre personas"),
    ("05-cuando-no", "d", False, "cláusula"),
    ("03-perplejidad", 7.39, True, "7,39"),
    ("03-perplejidad", "7,389", True, "7,39"),
    ("03-perplejidad", 2, False, "pérdida"),
    ("03-perplejidad", 4, False, "cuadrado"),
    ("03-perplejidad", 9, False, "math.exp"),
    ("03-perplejidad", "mucho", False, "Escribe un número"),
]


@pytest.mark.parametrize("exercise_id,answer,correct,words", CASES)
def test_answers_get_right_or_wrong_with_a_reason(exercise_id, answer, correct, words):
    feedback = check_answer(exercise_id, answer)
    assert feedback.correct is correct
    assert feedback.exercise == exercise_id
    assert feedback.startswith("¡Correcto!" if correct else "Todavía no.")
    assert words in feedback


def test_answers_checked_against_the_example_data():
    data = course._example_data()
    train = data.sizes["train"]
    assert check_answer("02-pares", train).correct
    assert check_answer("02-pares", str(train)).correct
    total = check_answer("02-pares", sum(data.sizes.values()))
    assert not total.correct and "total" in total
    other = check_answer("02-pares", data.sizes["test"])
    assert not other.correct and "otra parte" in other

    steps = math.ceil(train / course.STEPS_BATCH_SIZE)
    assert check_answer("03-pasos", steps).correct
    assert "último lote" in check_answer("03-pasos", steps - 1)
    assert "medio paso" in check_answer("03-pasos", train / course.STEPS_BATCH_SIZE)
    assert "número de pares" in check_answer("03-pasos", train)


def test_parameter_count_is_the_course_models():
    count = course._example_bundle().num_parameters()
    assert check_answer("01-parametros", count).correct
    assert check_answer("01-parametros", f"{round(count / 1000)} mil").correct
    in_thousands = check_answer("01-parametros", round(count / 1000))
    assert in_thousands.correct and "miles" in in_thousands
    assert "Es más" in check_answer("01-parametros", count // 10)
    assert "Es menos" in check_answer("01-parametros", count * 10)


def test_maximum_length_must_cut_little_and_waste_little():
    facts = course._length_facts()
    stats = course._example_lengths()
    low, high = facts["low"], facts["high"]
    assert (
        stats.truncated_share(low, "text")
        <= course.MAX_TRUNCATED_SHARE
        < stats.truncated_share(low - 1, "text")
    )
    assert check_answer("02-longitud", low).correct
    assert check_answer("02-longitud", high).correct
    assert check_answer("02-longitud", facts["suggested"]).correct
    too_short = check_answer("02-longitud", low - 1)
    assert not too_short.correct and "se cortaría" in too_short
    too_long = check_answer("02-longitud", high + 1)
    assert not too_long.correct and "más de lo necesario" in too_long
    assert "mayor que cero" in check_answer("02-longitud", 0)
    assert "mayor que cero" in check_answer("02-longitud", 100.5)
    assert str(low) in solution("02-longitud") and str(high) in solution("02-longitud")


def test_every_exercise_has_a_hint_a_solution_and_both_languages():
    keys = catalog()
    for exercise_id in EXERCISES:
        for suffix in ("correct", "hint", "solution"):
            key = f"course.ex.{exercise_id}.{suffix}"
            assert key in keys, key
        assert hint(exercise_id).startswith("Pista: ")
        assert solution(exercise_id).startswith("Solución: ")
        assert "{" not in hint(exercise_id) + solution(exercise_id)  # every value filled in
    for key, texts in keys.items():
        if key.startswith("course."):
            assert all(texts.get(lang) for lang in SUPPORTED_LANGUAGES), key


def test_feedback_follows_the_language():
    set_language("en")
    assert check_answer("01-tarea", "c").startswith("Correct!")
    assert check_answer("01-tarea", ...) == t("course.answer.placeholder", "en")


def test_exercise_ids_by_notebook_in_order():
    assert exercise_ids(1) == ["01-biblioteca", "01-parametros", "01-tarea"]
    assert exercise_ids(2) == ["02-pares", "02-fin", "02-longitud"]
    assert exercise_ids(3) == [
        "03-lora",
        "03-pasos",
        "03-sobreajuste",
        "03-perplejidad",
        "03-rouge",
        "03-rouge-a-mano",
        "03-temperatura",
    ]
    assert exercise_ids(5) == ["05-dato-inventado", "05-memoria", "05-cuando-no"]
    assert exercise_ids() == list(EXERCISES)


# ---------------------------------------------------------------------- answers typed the
# Spanish way: a decimal comma, no quotes


@pytest.mark.parametrize(
    "value,expected",
    [((7, 39), 7.39), ((0, 5), 0.5), ((-2, 5), -2.5), ((7, 0), 7.0), ((7, 39, 1), None),
     ((7, -3), None), ((7.0, 39), None), ((True, 3), None), ("7,39", None), (7.39, None)],
)
def test_from_decimal_comma_reads_the_tuple_python_made(value, expected):
    assert course.from_decimal_comma(value) == expected


def test_a_decimal_comma_answer_is_read_as_meant_and_explained():
    # `respuesta = 7,39` in a cell is the tuple (7, 39).
    feedback = check_answer("03-perplejidad", (7, 39))
    assert feedback.correct is True and feedback.startswith("¡Correcto!")
    assert "Escribiste 7,39" in feedback and "7.39" in feedback and "punto" in feedback
    wrong = check_answer("03-perplejidad", (2, 0))
    assert wrong.correct is False and "pérdida" in wrong and "Escribiste 2,0" in wrong
    # The same number typed as a text needs no note: "7,39" is already a number as people
    # write it.
    text = check_answer("03-perplejidad", "7,39")
    assert text.correct is True and "Escribiste" not in text
    # A tuple where a letter is expected is not a number in disguise to a choice question.
    assert "Escribe solo la letra" in check_answer("03-lora", (7, 39))
    set_language("en")
    assert "You wrote 7,39" in check_answer("03-perplejidad", (7, 39))


@pytest.fixture
def ipython(tmp_path, monkeypatch):
    """A real IPython shell (no history file), the one a notebook's kernel runs."""
    interactiveshell = pytest.importorskip("IPython.core.interactiveshell")
    from traitlets.config import Config

    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    config = Config()
    config.HistoryManager.enabled = False
    shell = interactiveshell.InteractiveShell.instance(config=config)
    yield shell
    interactiveshell.InteractiveShell.clear_instance()


def test_prepare_notebook_registers_the_answer_help_in_ipython(ipython, monkeypatch):
    for variable in course.PROGRESS_BAR_VARIABLES:
        monkeypatch.setenv(variable, "1")  # prepare_notebook sets them: undone after the test
    assert ipython.custom_exceptions == ()
    course.prepare_notebook()
    assert ipython.custom_exceptions == (NameError,)


def test_an_answer_without_quotes_gets_a_kind_note_instead_of_a_traceback(ipython, capsys):
    course.install_answer_help(ipython)
    result = ipython.run_cell(
        'from widgets_llm import course\nrespuesta = b\ncourse.check_answer("03-lora", respuesta)'
    )
    printed = capsys.readouterr()
    assert isinstance(result.error_in_exec, NameError)
    assert printed.out.strip() == t("course.answer.without_quotes", name="b")
    assert 'respuesta = "b"' in printed.out and "Traceback" not in printed.out + printed.err

    # A name an earlier cell creates: the cells ran out of order, quotes would not help.
    ipython.run_cell('respuesta = "b"\ndel course\ncourse.check_answer("03-lora", respuesta)')
    assert capsys.readouterr().out.strip() == t("course.answer.run_cells_first", name="course")

    # Any other cell keeps Python's own error, traceback included.
    result = ipython.run_cell("valor = nombre_que_no_existe + 1")
    printed = capsys.readouterr()
    shown = printed.out + printed.err
    assert isinstance(result.error_in_exec, NameError)
    assert "NameError" in shown and "nombre_que_no_existe" in shown
    assert t("course.answer.without_quotes", name="nombre_que_no_existe") not in shown
    result = ipython.run_cell("1 / 0")
    assert "ZeroDivisionError" in "".join(capsys.readouterr())


def test_the_answer_help_works_without_a_source_in_linecache(ipython, capsys):
    # Called as IPython calls it, with a traceback whose frames are not a cell's: the help
    # falls back on the history's last input.
    ipython.user_ns["_ih"] = ["", 'respuesta = si\ncourse.check_answer("05-memoria", respuesta)']
    try:
        raise NameError("name 'si' is not defined")
    except NameError as error:
        course.answer_help(ipython, NameError, error, None)
    assert capsys.readouterr().out.strip() == t("course.answer.without_quotes", name="si")


# ---------------------------------------------------------------------- the learner's data


def test_data_exercises_say_they_use_the_example(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no remembered choice here: the course's example
    note = t("course.data_note.example", name=course.EXAMPLE)
    for exercise_id in ("01-parametros", "02-pares", "02-longitud", "03-pasos", "04-ejemplos"):
        assert hint(exercise_id).endswith(note) and solution(exercise_id).endswith(note)
    assert note not in solution("03-perplejidad")


def _own_csv(path, count=30):
    rows = ["texto,resumen"]
    for i in range(count):
        rows.append(
            f'"La cooperativa número {i} de Matagalpa vendió su cosecha de café a un precio '
            f'justo y repartirá las ganancias entre las familias socias la próxima semana.",'
            f'"La cooperativa {i} vendió su café a precio justo."'
        )
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def test_data_exercises_follow_the_learners_own_data(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    _own_csv(tmp_path / "mis_pares.csv")
    course.use_own_data("mis_pares.csv")
    try:
        own = course.course_data()
        train = own.sizes["train"]
        assert train != course._example_data().sizes["train"]
        assert check_answer("02-pares", train).correct
        assert check_answer("03-pasos", math.ceil(train / course.STEPS_BATCH_SIZE)).correct
        note = t("course.data_note.own", name="mis_pares.csv")
        assert solution("02-pares").endswith(note) and str(train) in solution("02-pares")
        # The parameter count is the course's mini model, built from the example: it says so.
        assert solution("01-parametros").endswith(
            t("course.data_note.example", name=course.EXAMPLE)
        )
    finally:
        course.use_example_data()
    assert check_answer("02-pares", course._example_data().sizes["train"]).correct


# ---------------------------------------------------------------------- the new exercises


def test_rouge_by_hand_is_the_engines_rouge_1():
    from collections import Counter

    from widgets_llm.engine.scoring import rouge, rouge_tokenize

    summary = rouge_tokenize(course.ROUGE_BY_HAND_SUMMARY)
    reference = rouge_tokenize(course.ROUGE_BY_HAND_REFERENCE)
    shared = sum((Counter(summary) & Counter(reference)).values())
    by_hand = 2 * shared / (len(summary) + len(reference))
    engine = rouge([course.ROUGE_BY_HAND_SUMMARY], [course.ROUGE_BY_HAND_REFERENCE])["rouge1"]
    assert engine == pytest.approx(by_hand)
    assert check_answer("03-rouge-a-mano", round(engine, 3)).correct
    assert check_answer("03-rouge-a-mano", round(100 * engine, 1)).correct
    assert f"{shared} palabras en común" in solution("03-rouge-a-mano")


def test_overfitting_chart_draws_both_curves_inline():
    chart = course.show_overfitting_chart()
    svg = chart._repr_svg_()
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count("<polyline") == 2
    assert "http://" not in svg.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in svg
    for key in (
        "course.overfitting.title",
        "course.overfitting.train",
        "course.overfitting.validation",
        "course.overfitting.x_axis",
    ):
        assert t(key) in svg and t(key, "en") in course.show_overfitting_chart("en")._repr_svg_()
    # The curves are the textbook shape: training keeps falling, validation turns up once.
    validation = list(chart.validation)
    best = course.OVERFITTING_BEST_EPOCH
    assert all(a > b for a, b in zip(chart.train, chart.train[1:]))
    assert validation[best - 1] == min(validation)
    assert all(a > b for a, b in zip(validation[:best], validation[1:best]))
    assert all(a < b for a, b in zip(validation[best - 1 :], validation[best:]))
    assert check_answer("03-sobreajuste", best).correct
    assert pretty(chart).startswith(t("course.overfitting.title"))
    assert "2,10" in pretty(chart)


def test_invented_detail_exercise_uses_the_practice_summaries():
    from widgets_llm.course.responsible import practice_pairs, unsupported_details

    flagged = [
        number
        for number, (text, summary) in enumerate(practice_pairs(), start=1)
        if unsupported_details(text, summary)
    ]
    assert flagged == [4]  # exactly one practice summary invents a detail
    assert "«veinte cupos»" in solution("05-dato-inventado")


# ---------------------------------------------------------------------- environment


def test_environment_report_offline_mode(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    report = course.check_environment()
    assert report.connection == "offline_mode"
    assert report.device in ("cpu", "cuda", "mps")
    assert report.libraries["transformers"] is not None and report.ready
    text = pretty(report)
    assert text.startswith("Tu entorno de trabajo")
    assert "HF_HUB_OFFLINE=1" in text and "Todo listo" in text
    assert f"  - transformers: {report.libraries['transformers']}" in text


def test_connection_is_probed_only_when_asked(monkeypatch):
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    assert course.connection_state(check=False) == "unchecked"
    from widgets_llm.engine import models

    monkeypatch.setattr(models, "hub_reachable", lambda timeout: False)
    assert course.connection_state() == "offline"
    monkeypatch.setattr(models, "hub_reachable", lambda timeout: True)
    assert course.connection_state() == "online"


def _report(**changes) -> EnvironmentReport:
    values = dict(
        place="local",
        python="3.11.0",
        libraries={"torch": "2.13.0", "peft": "0.21.0"},
        widgets_llm="0.1.0",
        connection="online",
        device="cuda",
        device_name="Tesla T4",
        memory_gb=14.7,
    )
    values.update(changes)
    return EnvironmentReport(**values)


def test_environment_report_says_what_is_missing_and_how_to_install_it():
    report = _report(libraries={"torch": "2.13.0", "peft": None, "evaluate": None})
    assert report.missing == ["peft", "evaluate"] and not report.ready
    text = report.text()
    assert "peft: falta" in text
    assert "Faltan estas bibliotecas: peft, evaluate." in text
    assert "pip install peft evaluate" in text
    assert "Todo listo" not in text
    assert "GPU «Tesla T4» (14,7 GB)" in text
    assert "yes (you can download" in report.text("en")


def test_environment_places(monkeypatch):
    for name in [n for n in list(sys.modules) if n == "google.colab"]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.delenv("BINDER_LAUNCH_HOST", raising=False)
    assert not course.in_colab()
    monkeypatch.setenv("BINDER_LAUNCH_HOST", "https://mybinder.org/")
    assert course.in_binder()
    assert "Binder" in _report(place="binder").text()
    assert "Google Colab" in _report(place="colab").text()


@pytest.mark.parametrize(
    "ipywidgets,bqplot,problem",
    [
        ("7.7.1", "0.13.1", True),
        ("7.7.1", "0.12.45", False),
        ("8.1.9", "0.13.1", False),
        (None, "0.13.1", False),
    ],
)
def test_bqplot_too_new_for_colab_widgets_is_reported(ipywidgets, bqplot, problem):
    problems = course._widget_problems({"ipywidgets": ipywidgets, "bqplot": bqplot})
    assert bool(problems) is problem
    if problem:
        report = _report(problems=problems)
        assert not report.ready and '"bqplot<0.13"' in report.text()


def test_prepare_notebook_outside_colab_quiets_progress_bars(monkeypatch):
    monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    for variable in course.PROGRESS_BAR_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    message = course.prepare_notebook()
    assert message == t("course.prepare.elsewhere")
    assert all(course.os.environ[variable] == "1" for variable in course.PROGRESS_BAR_VARIABLES)


def test_prepare_notebook_in_colab_enables_the_widget_manager(monkeypatch):
    calls = []
    google = types.ModuleType("google")
    colab = types.ModuleType("google.colab")
    colab.output = types.SimpleNamespace(
        enable_custom_widget_manager=lambda: calls.append("enabled")
    )
    google.colab = colab
    monkeypatch.setitem(sys.modules, "google", google)
    monkeypatch.setitem(sys.modules, "google.colab", colab)
    monkeypatch.setenv("HF_HUB_DISABLE_PROGRESS_BARS", "0")  # a choice the user made stays
    message = course.prepare_notebook()
    assert calls == ["enabled"]
    assert "Colab" in message
    assert course.os.environ["HF_HUB_DISABLE_PROGRESS_BARS"] == "0"


def test_importing_the_course_module_is_light():
    code = "import widgets_llm.course, sys; print(' '.join(sorted(sys.modules)))"
    modules = set(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
        ).stdout.split()
    )
    for heavy in ("torch", "transformers", "datasets", "ipywidgets", "bqplot"):
        assert heavy not in modules


# ---------------------------------------------------------------------- Hub fallbacks


def test_hub_model_offline_returns_none_with_a_clear_message(monkeypatch, capsys):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    assert course.try_load_model("flax-community/spanish-t5-small") is None
    printed = capsys.readouterr().out
    assert printed.startswith("No se pudo: ")
    assert "Qué hacer: " in printed and "No pasa nada" in printed
    assert "Traceback" not in printed


def test_pretrained_summary_offline_shows_the_task_and_says_whose_summary_it_is(
    monkeypatch, capsys
):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    assert course.show_pretrained_summary() is None
    printed = capsys.readouterr().out
    assert printed.startswith("No se pudo: ") and "Traceback" not in printed
    assert course.PRETRAINED_SUMMARIZER in printed
    assert "Texto:" in printed and "Resumen escrito por una persona:" in printed
    assert "Resumen escrito por el modelo" not in printed  # nothing is passed off as the model's


def test_pretrained_summary_downloads_with_progress_and_summarizes(local_hub, tmp_path, capsys):
    from widgets_llm.testing.replicas import build_replica

    model_id = course.PRETRAINED_SUMMARIZER
    local_hub.add_model(model_id, build_replica(model_id, tmp_path / "replica"))
    summary = course.show_pretrained_summary(
        "La cooperativa de Matagalpa inauguró un vivero de café."
    )
    printed = capsys.readouterr().out
    assert isinstance(summary, str)
    assert f"Resumen escrito por el modelo «{model_id}»" in printed and summary in printed
    assert f"{model_id} descargado" in printed  # the download's last progress line
    assert local_hub.file_gets(model_id)


def test_hub_data_offline_returns_none_and_local_data_loads(monkeypatch, capsys):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    assert course.try_load_pairs("tadeodonegana/samsum-es") is None
    assert "No pasa nada" in capsys.readouterr().out
    prepared = course.try_load_pairs("ejemplo_es")
    assert prepared is not None and prepared.sizes["train"] > 0
    assert "Datos «ejemplo_es» cargados." in capsys.readouterr().out


# ---------------------------------------------------------------------- tables and sentences


def test_catalog_table_lists_the_engine_catalog():
    from widgets_llm.engine.models import CATALOG

    table = course.catalog_table()
    assert list(table["Modelo"]) == [entry.model_id for entry in CATALOG]
    assert set(table["¿Español?"]) <= {"sí", "no"}
    assert (table["Memoria con LoRA (GB)"] <= table["Memoria para afinar todo (GB)"]).all()


def test_nlp_tasks_say_what_the_installed_transformers_offers(monkeypatch):
    monkeypatch.setattr(course, "pipeline_tasks", lambda: {"text-generation", "summarization"})
    table = course.nlp_tasks()
    available = dict(zip(table["Nombre en pipeline()"], table["¿pipeline() en tu transformers?"]))
    assert available["summarization"] == "sí" and available["text-generation"] == "sí"
    assert available["translation"].startswith("no")
    assert len(table) == 6


def test_trainable_table_compares_full_and_lora_without_changing_the_model():
    from widgets_llm.engine.config import TrainingConfig

    bundle = course._example_bundle()
    total = bundle.num_parameters()
    table = course.trainable_table(bundle, TrainingConfig(use_lora=True, lora_r=4))
    trained = list(table["Parámetros que se entrenan"])
    assert trained[0] == total and 0 < trained[1] < total
    assert table[t("course.table.way", "es")][1] == "LoRA (rango r = 4)"
    assert table["Porcentaje que se entrena"][0] == "100,00 %"
    assert bundle.num_parameters() == total and not hasattr(bundle.model, "peft_config")


def test_input_table_shows_cutting_and_padding():
    tokenizer = course._example_bundle().tokenizer
    texts = ["Hola.", "La biblioteca de Ponce presta tabletas a los vecinos todo el verano."]
    table = course.input_table(tokenizer, texts, max_length=8)
    full = [len(tokenizer(text)["input_ids"]) for text in texts]
    assert list(table[t("course.table.tokens", "es")]) == full
    assert list(table[t("course.table.kept", "es")]) == [min(n, 8) for n in full]
    assert list(table[t("course.table.cut", "es")]) == [max(0, n - 8) for n in full]
    assert table["Relleno añadido"][0] == 8 - full[0] and table["Relleno añadido"][1] == 0
    ids = table["Números que recibe el modelo"][0].split()
    assert len(ids) == 8 and ids[-1] == str(tokenizer.pad_token_id)


def _evaluation(rouge_l: float, perplexity: float):
    from widgets_llm.engine.evaluation import EvaluationReport

    rouge = {
        "rouge1": rouge_l + 0.05,
        "rouge2": rouge_l / 2,
        "rougeL": rouge_l,
        "rougeLsum": rouge_l,
    }
    return EvaluationReport(
        rouge=rouge,
        perplexity=perplexity,
        loss=math.log(perplexity),
        mean_generated_words=12.0,
        num_examples=2,
        predictions=["a", "b"],
        per_example=[rouge, rouge],
        lead_baseline={"rouge1": 0.3, "rouge2": 0.1, "rougeL": 0.2, "rougeLsum": 0.2},
        lead_predictions=["una dos tres", "cuatro cinco"],
    )


def test_metrics_table_and_explanation_of_a_comparison():
    from widgets_llm.engine.evaluation import Comparison

    comparison = Comparison(
        base=_evaluation(0.05, 900.0),
        tuned=_evaluation(0.25, 40.0),
        lead_baseline={"rouge1": 0.3, "rouge2": 0.1, "rougeL": 0.2, "rougeLsum": 0.2},
        examples=[],
    )
    table = course.metrics_table(comparison)
    assert list(table["Qué se mide"]) == [
        "Modelo base (antes de entrenar)",
        "Modelo entrenado",
        "Línea de base: primera oración",
    ]
    assert list(table["ROUGE-L"]) == [5.0, 25.0, 20.0]
    assert list(table["Perplejidad"]) == [900.0, 40.0, course.MISSING]
    assert table["Palabras por resumen"][2] == 2.5
    text = course.explain_comparison(comparison)
    assert "ganó 20,0 puntos de ROUGE-L frente al modelo base (5,0 → 25,0)" in text
    assert "supera a la línea de base" in text and "(20,0)" in text
    assert "900,0 antes y 40,0 después" in text

    worse = Comparison(
        base=_evaluation(0.25, 40.0),
        tuned=_evaluation(0.1, 50.0),
        lead_baseline=comparison.lead_baseline,
        examples=[],
    )
    text = course.explain_comparison(worse)
    assert "perdió 15,0 puntos" in text and "Todavía no supera" in text
    single = course.metrics_table(_evaluation(0.25, 40.0))
    assert list(single["Qué se mide"]) == ["Modelo entrenado", "Línea de base: primera oración"]


def _result(status: str, **changes):
    from widgets_llm.engine.training import TrainingResult

    values = dict(
        status=status,
        steps=40,
        max_steps=40,
        epoch=3.0,
        elapsed=16.2,
        final_loss=7.33,
        eval_loss=7.25,
        perplexity=1414.8,
        precision="fp32",
        trainable_parameters=423936,
        total_parameters=423936,
    )
    values.update(changes)
    return TrainingResult(**values)


def test_describe_result_in_plain_words():
    from widgets_llm.errors import TrainingError

    finished = course.describe_result(_result("finished"))
    assert finished.startswith("Entrenamiento terminado: 40 pasos en 16 s.")
    assert "7,330" in finished and "7,250" in finished and "1414,8" in finished
    assert "424 k de 424 k parámetros" in finished
    stopped = course.describe_result(_result("stopped", steps=12, eval_loss=None, perplexity=None))
    assert "detenido a mano tras 12 de 40 pasos" in stopped and "sin dato" in stopped
    failed = course.describe_result(
        _result("failed", error=TrainingError("training.out_of_memory"))
    )
    assert failed.startswith("El entrenamiento falló: ") and "memoria" in failed
    assert "todavía no terminó" in course.describe_result(None)


def test_messy_example_is_cleaned_with_a_report():
    from widgets_llm.engine.data import pairs_from_lists

    texts, summaries = course.messy_example()
    assert len(texts) == len(summaries) == 12
    prepared = pairs_from_lists(texts, summaries)
    report = prepared.report
    assert report.rows_in == 12 and 3 <= report.rows_kept < 12
    table = course.report_table(report)
    assert dict(zip(table["Motivo"], table["Filas"])) == dict(report.table())
    assert sum(report.counts.values()) == report.rows_dropped
    assert (
        report.counts["duplicate"] >= 1
        and report.counts["empty"] >= 1
        and report.flagged["html_stripped"] >= 1
    )
