"""SummaryDiffViewer: scores, verdict, highlighted shared words, navigation, sorting, «Comparar»."""

from __future__ import annotations

import html
import re

import ipywidgets as widgets
import pytest
from conftest import find

from widgets_llm import set_language
from widgets_llm.engine import data, evaluation
from widgets_llm.engine.evaluation import (
    Comparison,
    ComparisonExample,
    EvaluationReport,
    sort_examples,
)
from widgets_llm.engine.generation import GenerationSettings
from widgets_llm.engine.scoring import mean_words, shared_words
from widgets_llm.errors import ModelError
from widgets_llm.messages import catalog, t
from widgets_llm.widgets.summary_diff_viewer import (
    ORDER_CHOICES,
    SummaryDiffViewer,
    highlighted_html,
    shortened,
    verdict_key,
)

# ---------------------------------------------------------------- a comparison built by hand

LONG_TEXT = (
    "La asociación de vecinos del barrio organizó una jornada de limpieza del río. " * 12
).strip()
REFERENCES = [
    "El equipo ganó el torneo de ajedrez.",
    "La biblioteca abrió una sala para niños.",
    "Los vecinos limpiaron el río.",
    "El mercado <b>cierra</b> los lunes.",
]
TEXTS = [
    "El equipo de la escuela ganó el torneo de ajedrez tras cinco rondas. Hubo fiesta.",
    "La biblioteca del barrio abrió una sala para niños. Tiene cuentos y talleres.",
    LONG_TEXT,
    "Aviso <script>alert('hola')</script>: el mercado cierra los lunes. "
    "Abre el resto de la semana.",
]
BASE = ["ajedrez ajedrez ajedrez", "sala sala", "", "el el mercado"]
TUNED = [
    "El equipo ganó la copa de ajedrez.",
    "La biblioteca abrió una sala.",
    "Los vecinos limpiaron.",
    "El mercado <b>cierra</b> hoy.",
]
LEAD = [
    "El equipo de la escuela ganó el torneo de ajedrez tras cinco rondas.",
    "La biblioteca del barrio abrió una sala para niños.",
    "La asociación de vecinos del barrio organizó una jornada de limpieza del río.",
    "Aviso <script>alert('hola')</script>: el mercado cierra los lunes.",
]
# rougeL per example: base, tuned. Improvements: +0.40, +0.10, +0.70, -0.20.
BASE_L = [0.20, 0.50, 0.00, 0.60]
TUNED_L = [0.60, 0.60, 0.70, 0.40]
LEAD_L = [0.55, 0.50, 0.30, 0.45]


def scores(
    rouge_l: float, rouge1: float | None = None, rouge2: float | None = None
) -> dict[str, float]:
    rouge1 = rouge_l + 0.05 if rouge1 is None else rouge1
    rouge2 = rouge_l / 2 if rouge2 is None else rouge2
    return {"rouge1": rouge1, "rouge2": rouge2, "rougeL": rouge_l, "rougeLsum": rouge_l}


def report(
    mean: dict[str, float],
    predictions: list[str],
    per_example: list[float],
    perplexity: float,
    words: float,
    lead_mean: dict[str, float],
) -> EvaluationReport:
    return EvaluationReport(
        rouge=mean,
        perplexity=perplexity,
        loss=0.0,
        mean_generated_words=words,
        num_examples=len(predictions),
        predictions=predictions,
        per_example=[scores(value) for value in per_example],
        lead_baseline=lead_mean,
        lead_predictions=list(LEAD),
        lead_per_example=[scores(value) for value in LEAD_L],
    )


def make_comparison(
    base_l: float = 0.10,
    tuned_l: float = 0.40,
    lead_l: float = 0.30,
    base_ppl: float = 812.25,
    tuned_ppl: float = 12.5,
) -> Comparison:
    base_mean = {"rouge1": 0.152, "rouge2": 0.031, "rougeL": base_l, "rougeLsum": 0.118}
    tuned_mean = {"rouge1": 0.456, "rouge2": 0.234, "rougeL": tuned_l, "rougeLsum": 0.412}
    lead_mean = {"rouge1": 0.333, "rouge2": 0.111, "rougeL": lead_l, "rougeLsum": 0.298}
    base_report = report(base_mean, BASE, BASE_L, base_ppl, 2.5, lead_mean)
    tuned_report = report(tuned_mean, TUNED, TUNED_L, tuned_ppl, 5.5, lead_mean)
    examples = [
        ComparisonExample(
            text=TEXTS[i],
            reference=REFERENCES[i],
            base=BASE[i],
            tuned=TUNED[i],
            lead=LEAD[i],
            base_rouge=scores(BASE_L[i]),
            tuned_rouge=scores(TUNED_L[i]),
            improvement=TUNED_L[i] - BASE_L[i],
            lead_rouge=scores(LEAD_L[i]),
        )
        for i in range(len(TEXTS))
    ]
    return Comparison(
        base=base_report, tuned=tuned_report, lead_baseline=lead_mean, examples=examples
    )


@pytest.fixture
def viewer():
    return SummaryDiffViewer(make_comparison(), synchronous=True)


def button(viewer: SummaryDiffViewer, key: str) -> widgets.Button:
    """The viewer's button labelled ``t(key)``, found as a person finds it."""
    return find(viewer, widgets.Button, t(key))


def order_menu(viewer: SummaryDiffViewer) -> widgets.Dropdown:
    return find(viewer, widgets.Dropdown, t("diff.order"))


def block(viewer: SummaryDiffViewer, name: str) -> str:
    """The HTML of one summary block of the shown example (reference, base, tuned, lead)."""
    return viewer._summaries.value.split(f"wllm-{name}'")[1].split("wllm-diff-block")[0]


def marked_words(fragment: str) -> list[str]:
    return re.findall(r"<mark class='wllm-shared'[^>]*>(.*?)</mark>", fragment)


def body_of(fragment: str) -> str:
    return fragment.split("class='wllm-body'")[1].split(">", 1)[1].split("</div>")[0]


def visible_text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


# ---------------------------------------------------------------- nothing to compare yet


def test_without_comparison_a_friendly_text_and_nothing_else():
    viewer = SummaryDiffViewer()
    assert viewer.comparison is None and viewer.current_example is None
    assert t("diff.empty") in html.unescape(viewer._empty.value)
    assert viewer._empty.layout.display is None
    assert viewer._results_box.layout.display == "none"
    assert viewer._run_box.layout.display == "none"  # no tuned model: nothing to run


def test_setting_and_clearing_the_comparison_updates_the_view():
    viewer = SummaryDiffViewer()
    viewer.comparison = make_comparison()
    assert viewer._results_box.layout.display is None and viewer._empty.layout.display == "none"
    assert viewer._index_label.value == "Ejemplo 1 de 4"
    viewer.comparison = None
    assert viewer._results_box.layout.display == "none"
    assert t("diff.empty") in html.unescape(viewer._empty.value)


# ---------------------------------------------------------------- highlighted shared words


def test_highlight_wraps_exactly_the_words_the_engine_says_are_shared(viewer):
    tuned = block(viewer, "tuned")
    assert marked_words(tuned) == ["El", "equipo", "ganó", "de", "ajedrez"]
    expected = [span for span, shared in shared_words(TUNED[0], REFERENCES[0]) if shared]
    assert marked_words(tuned) == expected
    # Nothing else is marked and the text is intact once the marks are removed.
    assert visible_text(body_of(tuned)) == TUNED[0]
    assert "</mark> la copa <mark" in body_of(tuned)  # the words it does not share stay plain
    # Base and lead get highlighted too; the reference itself is not.
    assert marked_words(block(viewer, "base")) == [
        s for s, shared in shared_words(BASE[0], REFERENCES[0]) if shared
    ]
    assert marked_words(block(viewer, "lead")) == [
        s for s, shared in shared_words(LEAD[0], REFERENCES[0]) if shared
    ]
    assert marked_words(block(viewer, "reference")) == []


def test_highlight_counts_repeated_words_as_rouge_does():
    # "ajedrez" appears once in the reference: only its first copy is shared.
    fragment = highlighted_html("ajedrez ajedrez ajedrez", REFERENCES[0])
    assert marked_words(fragment) == ["ajedrez"]
    assert visible_text(fragment) == "ajedrez ajedrez ajedrez"


def test_html_in_texts_and_summaries_is_escaped(viewer):
    button(viewer, "diff.next").click()
    button(viewer, "diff.next").click()
    button(viewer, "diff.next").click()
    assert viewer.current_example.reference == REFERENCES[3]
    shown = viewer._text.value + viewer._summaries.value
    assert "<script>" not in shown and "<b>" not in shown
    assert "&lt;script&gt;alert(&#x27;hola&#x27;)&lt;/script&gt;" in viewer._text.value
    assert "El mercado &lt;b&gt;cierra&lt;/b&gt; los lunes." in block(viewer, "reference")
    tuned = block(viewer, "tuned")
    assert marked_words(tuned) == ["El", "mercado", "b", "cierra", "b"]
    assert visible_text(body_of(tuned)) == TUNED[3]


def test_an_empty_summary_says_so(viewer):
    viewer.index = 2
    assert t("diff.example.empty_summary") in block(viewer, "base")


# ---------------------------------------------------------------- per-example scores


def test_each_summary_shows_its_rouge_in_percent_and_the_improvement(viewer):
    assert "ROUGE-1 25,0 % · ROUGE-2 10,0 % · ROUGE-L 20,0 %" in html.unescape(
        block(viewer, "base")
    )
    assert "ROUGE-1 65,0 % · ROUGE-2 30,0 % · ROUGE-L 60,0 %" in html.unescape(
        block(viewer, "tuned")
    )
    assert "ROUGE-L 55,0 %" in html.unescape(block(viewer, "lead"))
    assert t("diff.example.improved", points="40,0 puntos") in html.unescape(block(viewer, "tuned"))
    viewer.index = 3
    assert t("diff.example.worsened", points="20,0 puntos") in html.unescape(block(viewer, "tuned"))


# ---------------------------------------------------------------- navigation, sorting, «Ver más»


def test_previous_and_next_change_the_shown_example(viewer):
    assert viewer._index_label.value == "Ejemplo 1 de 4"
    assert html.escape(REFERENCES[0]) in block(viewer, "reference")
    assert button(viewer, "diff.previous").disabled and not button(viewer, "diff.next").disabled

    button(viewer, "diff.next").click()
    assert viewer.index == 1 and viewer._index_label.value == "Ejemplo 2 de 4"
    assert html.escape(REFERENCES[1]) in block(viewer, "reference")
    assert not button(viewer, "diff.previous").disabled

    for _ in range(5):  # past the end it stays on the last one
        button(viewer, "diff.next").click()
    assert viewer._index_label.value == "Ejemplo 4 de 4" and button(viewer, "diff.next").disabled
    assert viewer.current_example.reference == REFERENCES[3]

    button(viewer, "diff.previous").click()
    assert viewer._index_label.value == "Ejemplo 3 de 4"
    assert html.escape(REFERENCES[2]) in block(viewer, "reference")


@pytest.mark.parametrize("order", ORDER_CHOICES)
def test_sorting_follows_the_engine_order(viewer, order):
    order_menu(viewer).value = order
    expected = sort_examples(viewer.comparison.examples, order)
    assert viewer.order == order
    assert [e.reference for e in viewer.examples] == [e.reference for e in expected]
    assert viewer._index_label.value == "Ejemplo 1 de 4"
    assert html.escape(expected[0].reference) in block(viewer, "reference")


def test_sorting_changes_the_shown_example(viewer):
    button(viewer, "diff.next").click()
    order_menu(viewer).value = "most_improved"  # +0.70 first: the river
    assert viewer._index_label.value == "Ejemplo 1 de 4"
    assert viewer.current_example.reference == REFERENCES[2]
    button(viewer, "diff.next").click()  # then +0.40
    assert viewer.current_example.reference == REFERENCES[0]

    order_menu(viewer).value = "least_improved"  # the regression first
    assert viewer.current_example.reference == REFERENCES[3]
    viewer.order = "worst_tuned"  # from code: the menu follows
    assert order_menu(viewer).value == "worst_tuned"
    assert viewer.current_example.reference == REFERENCES[3]  # tuned rougeL 0.40
    order_menu(viewer).value = "best_tuned"
    assert viewer.current_example.reference == REFERENCES[2]  # tuned rougeL 0.70


def test_long_text_is_shortened_with_ver_mas(viewer):
    more = button(viewer, "diff.more")
    assert more.layout.display == "none"  # a short text: nothing to expand
    viewer.index = 2
    short, cut = shortened(LONG_TEXT, viewer.text_limit)
    assert cut and short.endswith("…") and len(short) <= viewer.text_limit + 1
    assert more.layout.display is None and more.description == "Ver más"
    assert (
        html.escape(short) in viewer._text.value
        and html.escape(LONG_TEXT) not in viewer._text.value
    )

    more.click()
    assert html.escape(LONG_TEXT) in viewer._text.value and more.description == "Ver menos"
    more.click()
    assert html.escape(LONG_TEXT) not in viewer._text.value and more.description == "Ver más"

    more.click()
    button(viewer, "diff.previous").click()  # another example starts shortened again
    button(viewer, "diff.next").click()
    assert html.escape(LONG_TEXT) not in viewer._text.value


# ---------------------------------------------------------------- aggregate table and verdict


def row(viewer: SummaryDiffViewer, name: str) -> list[str]:
    fragment = viewer._aggregate.value.split(f"<tr data-row='{name}'>")[1].split("</tr>")[0]
    return [html.unescape(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", fragment)]


def test_aggregate_table_shows_the_numbers_in_percent(viewer):
    assert row(viewer, "rouge1") == [
        t("diff.row.rouge1"),
        "15,2 %",
        "45,6 %",
        "33,3 %",
        "+30,4 puntos",
    ]
    assert row(viewer, "rouge2") == [
        t("diff.row.rouge2"),
        "3,1 %",
        "23,4 %",
        "11,1 %",
        "+20,3 puntos",
    ]
    assert row(viewer, "rougeL") == [
        t("diff.row.rougeL"),
        "10,0 %",
        "40,0 %",
        "30,0 %",
        "+30,0 puntos",
    ]
    assert row(viewer, "rougeLsum") == [
        t("diff.row.rougeLsum"),
        "11,8 %",
        "41,2 %",
        "29,8 %",
        "+29,4 puntos",
    ]
    assert row(viewer, "perplexity") == [
        t("diff.row.perplexity"),
        "812,25",
        "12,50",
        "—",
        "-799,75",
    ]
    assert row(viewer, "words") == [
        t("diff.row.words"),
        "2,5",
        "5,5",
        f"{mean_words(LEAD):.1f}".replace(".", ","),
        "+3,0",
    ]
    assert "4 ejemplos" in viewer._aggregate.value
    # The tuned column is marked better where it beats the base model (lower perplexity is better).
    tuned_cell = viewer._aggregate.value.split("<tr data-row='perplexity'>")[1].split("<td")[2]
    assert "background:#e6f4ea" in tuned_cell


def test_verdict_when_tuned_beats_base_and_lead(viewer):
    comparison = viewer.comparison
    assert verdict_key(comparison) == "both"
    verdict = html.unescape(viewer._verdict.value)
    assert "data-verdict='both'" in viewer._verdict.value
    assert "El modelo entrenado supera al modelo base y a la primera oración" in verdict
    assert "40,0 %" in verdict and "10,0 %" in verdict and "30,0 %" in verdict
    assert "La perplejidad bajó de 812,25 a 12,50" in verdict


@pytest.mark.parametrize(
    "base_l, tuned_l, lead_l, key, phrase",
    [
        (
            0.10,
            0.25,
            0.30,
            "base_only",
            "supera al modelo base, pero todavía no a la primera oración",
        ),
        (0.35, 0.32, 0.30, "lead_only", "supera a la primera oración, pero no al modelo base"),
        (0.20, 0.15, 0.30, "neither", "no supera al modelo base ni a la primera oración"),
        (
            0.20,
            0.20,
            0.20,
            "neither",
            "no supera al modelo base ni a la primera oración",
        ),  # a tie is not a win
    ],
)
def test_verdict_is_honest_when_tuned_does_not_beat_both(base_l, tuned_l, lead_l, key, phrase):
    viewer = SummaryDiffViewer(
        make_comparison(base_l, tuned_l, lead_l, base_ppl=10.0, tuned_ppl=11.0)
    )
    verdict = html.unescape(viewer._verdict.value)
    assert f"data-verdict='{key}'" in viewer._verdict.value
    assert phrase in verdict
    assert "El modelo entrenado supera al modelo base y a la primera oración" not in verdict
    assert (
        f"{100 * tuned_l:.1f} %".replace(".", ",") in verdict
        and f"{100 * base_l:.1f} %".replace(".", ",") in verdict
        and f"{100 * lead_l:.1f} %".replace(".", ",") in verdict
    )
    assert "La perplejidad subió de 10,00 a 11,00" in verdict
    tuned_cell = viewer._aggregate.value.split("<tr data-row='perplexity'>")[1].split("<td")[2]
    assert "background:#fdecea" in tuned_cell


def test_explanation_says_what_rouge_measures_and_misses(viewer):
    explanation = html.unescape(viewer._explanation.value)
    assert (
        "palabras" in explanation
        and "parejas de palabras" in explanation
        and "secuencia más larga" in explanation
    )
    assert (
        "significado" in explanation
        and "cambiado" in explanation
        and "lee los ejemplos" in explanation
    )


def test_english_texts():
    set_language("en")
    try:
        viewer = SummaryDiffViewer(make_comparison())
        assert viewer._index_label.value == "Example 1 of 4"
        assert "The fine-tuned model beats the base model and the first sentence" in html.unescape(
            viewer._verdict.value
        )
        assert "40.0%" in viewer._aggregate.value and "+30.0 points" in viewer._aggregate.value
        assert "paraphrases" in viewer._explanation.value
        assert order_menu(viewer).options[0] == ("Original order", "original")
    finally:
        set_language("es")


def test_every_message_has_spanish_and_english():
    keys = [key for key in catalog() if key.startswith("diff.")]
    assert len(keys) > 40
    for key in keys:
        assert catalog()[key].get("es") and catalog()[key].get("en"), key


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError):
        SummaryDiffViewer(order="al revés")
    with pytest.raises(ValueError):
        SummaryDiffViewer(text_limit=0)


# ---------------------------------------------------------------- «Comparar»: the real engine path

TRAIN_TEXTS = [
    f"El equipo {i} de la escuela de Montaña Verde ganó el torneo de ajedrez después de {i} rondas "
    f"muy reñidas contra sus rivales. Hubo una fiesta en la plaza."
    for i in range(60)
]
TRAIN_SUMMARIES = [f"El equipo {i} ganó el torneo de ajedrez." for i in range(60)]
EVAL_TEXTS, EVAL_SUMMARIES = TRAIN_TEXTS[50:54], TRAIN_SUMMARIES[50:54]
SHORT = GenerationSettings(max_new_tokens=14, max_input_length=64)


@pytest.fixture(scope="module")
def tuned_mini(tmp_path_factory):
    """A "mini" offline model trained for a few steps with the engine's TrainingRun."""
    import datasets

    from widgets_llm.engine.config import TrainingConfig
    from widgets_llm.engine.models import build_offline_model
    from widgets_llm.engine.training import TrainingRun

    splits = datasets.DatasetDict(
        train=datasets.Dataset.from_dict(
            {"text": TRAIN_TEXTS[:50], "summary": TRAIN_SUMMARIES[:50]}
        ),
        validation=datasets.Dataset.from_dict({"text": EVAL_TEXTS, "summary": EVAL_SUMMARIES}),
    )
    bundle = build_offline_model(TRAIN_TEXTS + TRAIN_SUMMARIES, "seq2seq", "mini", seed=1)
    config = TrainingConfig(
        max_steps=10,
        batch_size=8,
        learning_rate=3e-3,
        log_every_steps=5,
        max_input_length=64,
        max_target_length=16,
    )
    result = TrainingRun(bundle, splits, config, tmp_path_factory.mktemp("run")).run()
    assert result.status == "finished", result.error
    return bundle


def test_comparar_runs_the_engine_and_fires_on_comparison_ready(tuned_mini, monkeypatch):
    base_loads = []
    real_load_base = evaluation.load_base_bundle

    def spy_load_base(bundle):
        base_loads.append(bundle)
        return real_load_base(bundle)

    monkeypatch.setattr(evaluation, "load_base_bundle", spy_load_base)
    viewer = SummaryDiffViewer(
        tuned=tuned_mini,
        texts=EVAL_TEXTS,
        references=EVAL_SUMMARIES,
        generation=SHORT,
        batch_size=2,
        synchronous=True,
    )
    ready = []
    viewer.on_comparison_ready(ready.append)
    assert viewer._run_box.layout.display is None
    assert t("diff.source.texts", count=4) in html.unescape(viewer._source_line.value)

    button(viewer, "diff.compare").click()

    assert viewer.status == "done", viewer._message.text
    assert base_loads == [tuned_mini]
    comparison = viewer.comparison
    assert isinstance(comparison, Comparison) and ready == [comparison]
    assert [e.reference for e in comparison.examples] == EVAL_SUMMARIES
    # The mini run warmed up first: base, warmed-up and tuned model, each writing and scoring 4
    # texts.
    assert viewer.comparison.warmup is not None
    assert viewer._progress.value == viewer._progress.max == 24
    assert viewer._index_label.value == "Ejemplo 1 de 4"
    # The trained model writes different summaries than its own initial weights.
    assert [e.base for e in comparison.examples] != [e.tuned for e in comparison.examples]
    # The shown highlights are the engine's shared words of the real summaries.
    example = viewer.current_example
    assert marked_words(block(viewer, "tuned")) == [
        html.escape(s) for s, shared in shared_words(example.tuned, example.reference) if shared
    ]
    assert (
        visible_text(body_of(block(viewer, "tuned"))) == example.tuned or not example.tuned.strip()
    )
    # The table holds the engine's numbers in percent.
    assert (
        f"{100 * comparison.tuned.rouge['rougeL']:.1f} %".replace(".", ",")
        in row(viewer, "rougeL")[2]
    )
    assert (
        f"{100 * comparison.base.rouge['rouge1']:.1f} %".replace(".", ",")
        in row(viewer, "rouge1")[1]
    )
    assert f"data-verdict='{verdict_key(comparison)}'" in viewer._verdict.value
    assert (
        button(viewer, "diff.compare").disabled is False
        and button(viewer, "widgets.cancel").layout.display == "none"
    )


def test_cancel_stops_with_a_friendly_message(tuned_mini):
    viewer = SummaryDiffViewer(
        tuned=tuned_mini,
        texts=EVAL_TEXTS,
        references=EVAL_SUMMARIES,
        generation=SHORT,
        batch_size=1,
        synchronous=True,
    )
    ready = []
    viewer.on_comparison_ready(ready.append)

    def cancel_after_first_step(change):
        if (
            change["new"] >= 1
            and viewer.status == "comparing"
            and not button(viewer, "widgets.cancel").disabled
        ):
            button(viewer, "widgets.cancel").click()

    viewer._progress.observe(cancel_after_first_step, names="value")
    button(viewer, "diff.compare").click()

    assert viewer.status == "cancelled"
    assert viewer.comparison is None and ready == []
    assert t("diff.cancelled") in viewer._message.text
    assert "Traceback" not in viewer._message.value
    assert viewer._progress.value < 16
    assert not button(viewer, "diff.compare").disabled  # usable again
    assert t("diff.empty") in html.unescape(viewer._empty.value)


# --------------------------------------------------- «Comparar»: inputs and errors (engine stubbed)


def prepared_data():
    texts = [
        f"La biblioteca del barrio {i} abrió una sala de lectura con cuentos y talleres para niños "
        f"y mayores."
        for i in range(40)
    ]
    summaries = [f"La biblioteca {i} abrió una sala de lectura." for i in range(40)]
    return data.pairs_from_lists(texts, summaries)


def test_comparar_uses_the_dataset_test_split_and_the_base_from_the_engine(monkeypatch, tuned_mini):
    prepared = prepared_data()
    test = prepared.splits["test"]
    calls = {}
    base_bundle = object()

    def fake_load_base(bundle):
        calls["load_base"] = bundle
        return base_bundle

    def fake_compare(base, tuned, texts, references, **kwargs):
        calls.update(base=base, tuned=tuned, texts=texts, references=references, **kwargs)
        kwargs["on_progress"](4 * len(texts), 4 * len(texts))
        return make_comparison()

    monkeypatch.setattr(evaluation, "load_base_bundle", fake_load_base)
    monkeypatch.setattr(evaluation, "compare_models", fake_compare)
    viewer = SummaryDiffViewer(
        tuned=tuned_mini, dataset=prepared, generation=SHORT, synchronous=True
    )
    assert t("diff.source.test", count=len(test)) in html.unescape(viewer._source_line.value)
    ready = []
    viewer.on_comparison_ready(ready.append)

    viewer.compare()

    assert (
        calls["load_base"] is tuned_mini
        and calls["base"] is base_bundle
        and calls["tuned"] is tuned_mini
    )
    assert calls["texts"] == list(test["text"]) and calls["references"] == list(test["summary"])
    assert (
        calls["settings"] is SHORT
        and calls["max_input_length"] == 64
        and calls["max_target_length"] == 14
    )
    assert viewer.status == "done" and ready == [viewer.comparison]


def test_comparar_in_the_background(monkeypatch, tuned_mini):
    monkeypatch.setattr(evaluation, "load_base_bundle", lambda bundle: bundle)
    monkeypatch.setattr(evaluation, "compare_models", lambda *args, **kwargs: make_comparison())
    viewer = SummaryDiffViewer(tuned=tuned_mini, texts=EVAL_TEXTS, references=EVAL_SUMMARIES)
    ready = []
    viewer.on_comparison_ready(ready.append)
    viewer.compare()
    viewer.join(timeout=30)
    assert viewer.status == "done" and len(ready) == 1 and viewer.comparison is ready[0]


def test_comparar_without_model_or_examples_explains_what_is_missing(tuned_mini):
    viewer = SummaryDiffViewer(synchronous=True)
    viewer.compare()
    assert viewer.status == "error" and t("diff.no_tuned") in viewer._message.text
    assert t("diff.no_tuned.suggestion") in viewer._message.text

    viewer.tuned = tuned_mini
    assert viewer._run_box.layout.display is None
    assert t("diff.source.none") in html.unescape(viewer._source_line.value)
    button(viewer, "diff.compare").click()
    assert viewer.status == "error" and t("diff.no_examples") in viewer._message.text


def test_engine_errors_are_shown_and_the_viewer_stays_usable(monkeypatch, tuned_mini):
    monkeypatch.setattr(
        evaluation,
        "load_base_bundle",
        lambda bundle: (_ for _ in ()).throw(ModelError("evaluation.base_unavailable", name="x")),
    )
    viewer = SummaryDiffViewer(
        make_comparison(),
        tuned=tuned_mini,
        texts=EVAL_TEXTS,
        references=EVAL_SUMMARIES,
        synchronous=True,
    )
    viewer.compare()
    assert viewer.status == "error"
    assert t("evaluation.base_unavailable", name="x") in viewer._message.text
    assert "Traceback" not in viewer._message.value
    assert (
        viewer.comparison is not None and not button(viewer, "diff.compare").disabled
    )  # the old comparison stays

    monkeypatch.setattr(evaluation, "load_base_bundle", lambda bundle: bundle)
    monkeypatch.setattr(
        evaluation, "compare_models", lambda *args, **kwargs: make_comparison(0.3, 0.2, 0.1)
    )
    viewer.compare()
    assert viewer.status == "done" and viewer._message.value == ""
    assert verdict_key(viewer.comparison) == "lead_only"


def test_mismatched_texts_and_references_are_a_friendly_error(tuned_mini):
    viewer = SummaryDiffViewer(
        tuned=tuned_mini, texts=EVAL_TEXTS, references=EVAL_SUMMARIES[:2], synchronous=True
    )
    viewer.compare()
    assert viewer.status == "error"
    assert t("evaluation.length_mismatch", texts=4, references=2) in viewer._message.text
