"""Tests of widgets_llm.engine.scoring and the local evaluate metric rouge_es."""

from __future__ import annotations

import math
import socket
import unicodedata

import pytest

from widgets_llm.engine import scoring
from widgets_llm.engine.metrics import ROUGE_ES_PATH
from widgets_llm.engine.scoring import (
    ROUGE_KEYS,
    lead_baseline,
    mean_words,
    perplexity_from_loss,
    rouge,
    rouge_tokenize,
    shared_words,
    split_sentences,
)
from widgets_llm.errors import ConfigError, DataError

PREDICTIONS = [
    "El niño comió pan con su abuela en la cocina.",
    "La señora Muñoz llegó tarde. Nadie la esperaba.",
    "",
    "Mañana lloverá en el norte del país.",
]
REFERENCES = [
    "El niño comió pan en la cocina.",
    "La Sra. Muñoz llegó tarde a la reunión. Todos la esperaban.",
    "Un resumen que nadie generó.",
    "Lloverá mañana en el norte.",
]


# --------------------------------------------------------------------------------------
# Tokenizer
# --------------------------------------------------------------------------------------
def test_tokenizer_keeps_accents_and_enye():
    words = rouge_tokenize("El niño comió, ¿verdad? ¡Sí!")
    assert words == ["el", "niño", "comió", "verdad", "sí"]


def test_tokenizer_treats_decomposed_accents_as_the_same_word():
    decomposed = unicodedata.normalize("NFD", "El niño comió")
    assert decomposed != "El niño comió"
    assert rouge_tokenize(decomposed) == ["el", "niño", "comió"]


# --------------------------------------------------------------------------------------
# ROUGE
# --------------------------------------------------------------------------------------
def test_identical_spanish_strings_score_one():
    text = "El niño comió pan. La señora Muñoz llegó tarde."
    scores = rouge([text], [text])
    assert scores == {key: 1.0 for key in ROUGE_KEYS}


def test_accents_count_niño_is_not_nino():
    scores = rouge(["El niño comió"], ["el nino comio"], use_evaluate=False)
    # Only "el" is shared: precision 1/3, recall 1/3.
    assert scores["rouge1"] == pytest.approx(1 / 3)
    assert scores["rouge2"] == 0.0
    # rouge_score's own tokenizer would have seen "el ni o comi" on both sides.
    assert rouge(["El niño comió"], ["El niño comió"])["rouge1"] == 1.0


def test_case_and_punctuation_do_not_matter():
    scores = rouge(["¡El NIÑO comió!"], ["el niño comió"])
    assert scores["rouge1"] == 1.0 and scores["rougeL"] == 1.0


def test_known_values_of_one_pair():
    # Prediction 10 words, reference 7 words, all 7 reference words present in order.
    scores = rouge([PREDICTIONS[0]], [REFERENCES[0]], per_example=True)
    assert scores["rouge1"] == pytest.approx(2 * (7 / 10) * 1.0 / (7 / 10 + 1.0))
    # Bigrams: prediction 9, reference 6; shared: el niño, niño comió, comió pan, en la,
    # la cocina = 5.
    p, r = 5 / 9, 5 / 6
    assert scores["rouge2"] == pytest.approx(2 * p * r / (p + r))
    assert scores["rougeL"] == pytest.approx(scores["rouge1"])


def test_evaluate_path_equals_direct_path():
    via_evaluate = rouge(PREDICTIONS, REFERENCES, per_example=True, use_evaluate=True)
    direct = rouge(PREDICTIONS, REFERENCES, per_example=True, use_evaluate=False)
    assert via_evaluate == direct  # exactly the same floats, not just close
    assert 0.0 < direct["rouge1"] < 1.0


def test_evaluate_metric_aggregate_matches_package_mean():
    metric = scoring.load_rouge_metric()
    aggregated = metric.compute(predictions=PREDICTIONS, references=REFERENCES)
    expected = rouge(PREDICTIONS, REFERENCES, use_evaluate=False)
    assert aggregated == expected
    lists = metric.compute(predictions=PREDICTIONS, references=REFERENCES, use_aggregator=False)
    assert set(lists) == set(ROUGE_KEYS)
    assert all(len(values) == len(PREDICTIONS) for values in lists.values())


def test_metric_module_is_loaded_once():
    assert scoring.load_rouge_metric() is scoring.load_rouge_metric()


def test_per_example_lists_and_mean():
    scores = rouge(PREDICTIONS, REFERENCES, per_example=True)
    per_example = scores["per_example"]
    assert len(per_example) == len(PREDICTIONS)
    assert all(set(item) == set(ROUGE_KEYS) for item in per_example)
    for key in ROUGE_KEYS:
        assert all(0.0 <= item[key] <= 1.0 for item in per_example)
        assert scores[key] == pytest.approx(sum(item[key] for item in per_example) / 4)
    assert "per_example" not in rouge(PREDICTIONS, REFERENCES)


def test_empty_prediction_scores_zero_without_crashing():
    scores = rouge(["", "   ", "El niño"], ["El niño comió.", "Algo.", ""], per_example=True)
    for item in scores["per_example"]:
        assert item == {key: 0.0 for key in ROUGE_KEYS}
    assert rouge([""], [""]) == {key: 0.0 for key in ROUGE_KEYS}


def test_rouge_lsum_uses_sentences():
    # Same words, sentences in the other order: rougeL (one sequence) drops, rougeLsum
    # (sentence by sentence) stays at 1.
    prediction = "Llegó la lluvia al norte. El niño comió pan."
    reference = "El niño comió pan. Llegó la lluvia al norte."
    scores = rouge([prediction], [reference])
    assert scores["rouge1"] == 1.0
    assert scores["rougeL"] < 1.0
    assert scores["rougeLsum"] == 1.0


def test_fallback_when_evaluate_fails_gives_same_numbers(monkeypatch, caplog):
    expected = rouge(PREDICTIONS, REFERENCES, per_example=True, use_evaluate=False)

    def broken_load():
        raise ImportError("evaluate is broken")

    monkeypatch.setattr(scoring, "_load_rouge_metric_uncached", broken_load)
    monkeypatch.setattr(scoring, "_metric", None)
    monkeypatch.setattr(scoring, "_metric_error", None)
    with caplog.at_level("WARNING", logger="widgets_llm.engine.scoring"):
        assert rouge(PREDICTIONS, REFERENCES, per_example=True) == expected
    assert "evaluate is broken" in caplog.text
    with pytest.raises(ImportError):  # the failure is cached, not retried
        scoring.load_rouge_metric()


def test_rouge_input_errors():
    with pytest.raises(DataError) as info:
        rouge([], [])
    assert info.value.key == "scoring.no_examples"
    assert info.value.message("es") and info.value.suggestion("es")
    with pytest.raises(ValueError):
        rouge(["uno", "dos"], ["uno"])
    with pytest.raises(TypeError):
        rouge("uno", "uno")
    with pytest.raises(TypeError):
        rouge(["uno", None], ["uno", "dos"])


def test_evaluate_load_works_offline(monkeypatch):
    """evaluate.load of the local folder needs no network and no Hub."""
    import evaluate

    attempts = []

    def no_network(self, address, *args, **kwargs):
        attempts.append(address)
        raise OSError(f"network blocked in test: {address}")

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket.socket, "connect_ex", no_network)
    with pytest.raises(OSError):  # the block works
        socket.create_connection(("huggingface.co", 443), timeout=1)
    attempts.clear()

    metric = evaluate.load(ROUGE_ES_PATH, keep_in_memory=True)
    result = metric.compute(predictions=["El niño comió."], references=["el niño comió"])
    assert result["rouge1"] == 1.0

    monkeypatch.setattr(scoring, "_metric", None)
    monkeypatch.setattr(scoring, "_metric_error", None)
    assert scoring.load_rouge_metric() is not None
    assert rouge(["El niño comió."], ["el niño comió"])["rougeLsum"] == 1.0
    assert attempts == []


# --------------------------------------------------------------------------------------
# Shared words (for the summary diff viewer)
# --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "candidate",
    [
        "¡El niño comió pan, pan y más pan!",
        "  Espacios  al principio y al final.  ",
        "Línea uno.\nLínea dos…",
        "",
        "¿?",
        unicodedata.normalize("NFD", "El niño comió"),
    ],
)
def test_shared_words_spans_rebuild_the_candidate_exactly(candidate):
    spans = shared_words(candidate, "el niño comió pan")
    assert "".join(text for text, _ in spans) == candidate
    assert all(text for text, _ in spans)  # no empty spans


def test_shared_words_marks_the_right_words():
    spans = shared_words("¡El Niño comió pan, pan y más pan!", "el niño comió pan")
    marked = [text for text, shared in spans if shared]
    assert marked == ["El", "Niño", "comió", "pan"]  # "pan" once: the reference has it once
    assert ("y", False) in spans and ("más", False) in spans
    assert ("¡", False) in spans and (", ", False) in spans


def test_shared_words_unclipped_marks_every_occurrence():
    spans = shared_words("pan, pan y pan", "pan", clipped=False)
    assert [text for text, shared in spans if shared] == ["pan", "pan", "pan"]


def test_shared_words_accents_matter():
    spans = shared_words("El nino comio", "El niño comió")
    assert [text for text, shared in spans if shared] == ["El"]


def test_shared_word_count_is_rouge1_precision():
    candidate, reference = PREDICTIONS[1], REFERENCES[1]
    spans = shared_words(candidate, reference)
    n_shared = sum(shared for _, shared in spans)
    precision = n_shared / len(rouge_tokenize(candidate))
    recall = n_shared / len(rouge_tokenize(reference))
    expected_f1 = 2 * precision * recall / (precision + recall)
    assert rouge([candidate], [reference])["rouge1"] == pytest.approx(expected_f1)


# --------------------------------------------------------------------------------------
# Sentences and the lead baseline
# --------------------------------------------------------------------------------------
def test_split_sentences_spanish():
    text = (
        "El Sr. García y la Dra. López llegaron a las 3.5 horas. ¿Vienes? ¡Claro que sí! "
        "Compró pan, leche, etc. Luego volvió."
    )
    assert split_sentences(text) == [
        "El Sr. García y la Dra. López llegaron a las 3.5 horas.",
        "¿Vienes?",
        "¡Claro que sí!",
        "Compró pan, leche, etc.",
        "Luego volvió.",
    ]


SENTENCE_CASES = [
    (
        "Compró frutas, verduras, etc. y se fue. Volvió.",
        ["Compró frutas, verduras, etc. y se fue.", "Volvió."],
    ),
    (
        "J. R. R. Tolkien escribió libros. Ver pág. 12 del informe.",
        ["J. R. R. Tolkien escribió libros.", "Ver pág. 12 del informe."],
    ),
    (
        "¿Vienes? preguntó ella. Dijo: «Ya llegué.» Después se fue... Y no volvió… Nunca.",
        [
            "¿Vienes? preguntó ella.",
            "Dijo: «Ya llegué.»",
            "Después se fue...",
            "Y no volvió…",
            "Nunca.",
        ],
    ),
    (
        "Costó 1.000 euros. 200 personas vinieron.",
        ["Costó 1.000 euros.", "200 personas vinieron."],
    ),
    (
        "Habló con el Sr. Pérez (Dra. Ruiz) en la Av. Central. Luego comió.",
        ["Habló con el Sr. Pérez (Dra. Ruiz) en la Av. Central.", "Luego comió."],
    ),
    (
        "TITULAR SIN PUNTO\n\nPrimer párrafo partido\nen dos líneas. Fin",
        ["TITULAR SIN PUNTO", "Primer párrafo partido en dos líneas.", "Fin"],
    ),
    ("Sin puntuación final", ["Sin puntuación final"]),
    ("", []),
    ("  \n ", []),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCE_CASES)
def test_split_sentences_cases(text, expected):
    assert split_sentences(text) == expected


def test_lead_baseline_with_abbreviations():
    texts = [
        "La Dra. Fernández presentó el informe ayer. El Sr. Ruiz no estuvo de acuerdo. "
        "Habrá otra reunión.",
        "¿Qué pasó en Madrid? Llovió 3.5 litros por metro cuadrado, según la pág. 4.",
        "",
    ]
    assert lead_baseline(texts) == [
        "La Dra. Fernández presentó el informe ayer.",
        "¿Qué pasó en Madrid?",
        "",
    ]
    assert lead_baseline(texts, n_sentences=2)[0] == (
        "La Dra. Fernández presentó el informe ayer. El Sr. Ruiz no estuvo de acuerdo."
    )
    assert lead_baseline(texts, n_sentences=10)[1] == (
        "¿Qué pasó en Madrid? Llovió 3.5 litros por metro cuadrado, según la pág. 4."
    )


def test_lead_baseline_rejects_bad_sentence_count():
    with pytest.raises(ConfigError) as info:
        lead_baseline(["Hola."], n_sentences=0)
    assert "0" in info.value.message("es")
    with pytest.raises(TypeError):
        lead_baseline("Un solo texto.")


def test_lead_baseline_can_be_scored():
    texts = ["El niño comió pan. Luego durmió la siesta."]
    scores = rouge(lead_baseline(texts), ["El niño comió pan."])
    assert scores["rouge1"] == 1.0


# --------------------------------------------------------------------------------------
# Lengths and perplexity
# --------------------------------------------------------------------------------------
def test_mean_words():
    assert mean_words(["El niño comió.", "¡Hola!", ""]) == pytest.approx(4 / 3)
    assert mean_words([]) == 0.0


def test_perplexity_from_loss():
    assert perplexity_from_loss(0.0) == 1.0
    assert perplexity_from_loss(math.log(20.0)) == pytest.approx(20.0)
    assert perplexity_from_loss(1000.0) == math.inf  # math.exp would overflow
    assert perplexity_from_loss(float("inf")) == math.inf
    assert math.isnan(perplexity_from_loss(float("nan")))
    assert perplexity_from_loss(-float("inf")) == 0.0


def test_perplexity_accepts_tensors_and_numpy():
    np = pytest.importorskip("numpy")
    assert perplexity_from_loss(np.float32(2.0)) == pytest.approx(math.exp(2.0))
    torch = pytest.importorskip("torch")
    assert perplexity_from_loss(torch.tensor(1.5)) == pytest.approx(math.exp(1.5))


def test_scoring_import_is_light():
    """Importing scoring must not pull evaluate/datasets/rouge_score: they load on first use."""
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import sys, widgets_llm.engine.scoring, widgets_llm.engine.metrics; "
        "heavy = [m for m in ('evaluate', 'datasets', 'rouge_score', 'ipywidgets') "
        "if m in sys.modules]; print(heavy)"
    )
    repo_root = Path(__file__).resolve().parents[1]
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=repo_root
    )
    assert out.stdout.strip() == "[]"
