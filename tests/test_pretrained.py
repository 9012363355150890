"""Notebook 1's pretrained zero-shot classifier (widgets_llm/course/pretrained.py) and diagrams.

Nothing here reaches the real Hugging Face Hub. The classifier runs on a tiny random-weight
NLI model (a sequence classification model whose classes are entailment, neutral and
contradiction, as in the real checkpoint) saved in a temporary folder: loaded from that folder,
or served under the real model's name by the local test hub (the ``local_hub`` fixture, where
only 127.0.0.1 can be reached). Random weights say nothing about topics, so these tests check
the plumbing (every label scored, scores adding up to 1, progress, messages), not the answers.
"""

from __future__ import annotations

import base64
import re
import socket
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import nbformat
import pytest

from widgets_llm import course
from widgets_llm.course import pretrained
from widgets_llm.course.glossary import find_forbidden
from widgets_llm.errors import ModelError, WidgetsLLMError
from widgets_llm.formatting import format_percent
from widgets_llm.messages import get_language, set_language, t

REPO_ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = REPO_ROOT / "notebooks" / "01_hugging_face_y_librerias.ipynb"
IMAGES = REPO_ROOT / "notebooks" / "img"
MODEL_ID = pretrained.PRETRAINED_CLASSIFIER
NLI_CLASSES = {0: "entailment", 1: "neutral", 2: "contradiction"}
TEXT = "El equipo femenino de fútbol de Rosario ganó el torneo regional tras una final disputada."
TEXTS = [
    TEXT,
    "La cooperativa abrió un centro de acopio de café en Matagalpa.",
    "El museo de Cuenca abrirá los domingos con entrada gratuita.",
    "Un grupo de estudiantes de Oaxaca creó una aplicación que traduce al zapoteco.",
    "Este texto trata de economía. Este texto trata de deportes. Este texto trata de cultura.",
] * 5
#: A percentage as a Spanish reader sees it: decimal comma, a (non-breaking) space, then «%».
SPANISH_PERCENT = r"\d{1,3},\d\s%"


@pytest.fixture(scope="module")
def nli_folder(tmp_path_factory) -> Path:
    """A tiny XLM-RoBERTa sequence classifier with NLI classes, saved as a model folder."""
    import torch
    from transformers import XLMRobertaConfig, XLMRobertaForSequenceClassification

    from widgets_llm.engine.models import train_tokenizer

    tokenizer = train_tokenizer(TEXTS + [pretrained.example_text("es")], vocab_size=400)
    torch.manual_seed(0)
    config = XLMRobertaConfig(
        vocab_size=len(tokenizer),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=4,
        intermediate_size=64,
        max_position_embeddings=258,
        type_vocab_size=1,
        pad_token_id=tokenizer.pad_token_id,
        id2label=NLI_CLASSES,
        label2id={name: index for index, name in NLI_CLASSES.items()},
    )
    model = XLMRobertaForSequenceClassification(config).eval()
    folder = tmp_path_factory.mktemp("nli") / "nli-diminuto"
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


@pytest.fixture
def no_network(monkeypatch):
    """A local folder needs no network: offline mode on, and a socket to anywhere fails."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")

    def refuse(sock, address):
        raise OSError(f"this test may not open connections ({address!r})")

    monkeypatch.setattr(socket.socket, "connect", refuse)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def message_prefix(key: str, **params) -> str:
    """A message up to its first value left as ``None`` (sizes and times vary between runs)."""
    marker = "\x00"
    values = {name: marker if value is None else value for name, value in params.items()}
    prefix = t(key, "es", **values).split(marker)[0]
    assert len(prefix) > len(MODEL_ID), prefix
    return prefix


# --------------------------------------------------------------------------- the scores


def test_every_label_gets_a_score_and_they_add_up_to_one(nli_folder, no_network):
    labels = ["economía", "deportes", "cultura", "salud"]
    scores = course.classify_text(TEXT, labels, str(nli_folder))
    assert sorted(scores) == sorted(labels)
    assert sum(scores.values()) == pytest.approx(1.0, abs=1e-4)
    assert all(0.0 <= score <= 1.0 for score in scores.values())
    assert list(scores.values()) == sorted(scores.values(), reverse=True)  # most likely first


def test_labels_can_be_one_comma_separated_text_and_repeats_count_once(nli_folder, no_network):
    scores = course.classify_text(TEXT, " positivo, negativo ,positivo,, ", str(nli_folder))
    assert sorted(scores) == ["negativo", "positivo"]
    assert sum(scores.values()) == pytest.approx(1.0, abs=1e-4)


def test_the_hypothesis_changes_what_the_model_reads(nli_folder, no_network):
    labels = ["economía", "deportes", "cultura"]
    default = course.classify_text(TEXT, labels, str(nli_folder))
    other = course.classify_text(
        TEXT, labels, str(nli_folder), hypothesis="Se habla de {} en este museo de Cuenca."
    )
    assert default != other


@pytest.mark.parametrize(
    "text,labels,key",
    [
        ("", ["a", "b"], "course.classifier.no_text"),
        ("   ", ["a", "b"], "course.classifier.no_text"),
        (TEXT, ["solo una"], "course.classifier.no_labels"),
        (TEXT, "uno, uno", "course.classifier.no_labels"),
        (TEXT, [], "course.classifier.no_labels"),
    ],
)
def test_a_missing_text_or_label_is_named_before_any_model_loads(text, labels, key, monkeypatch):
    def must_not_load(*args, **kwargs):
        raise AssertionError("no model should load for an input that cannot be classified")

    monkeypatch.setattr(pretrained, "classifier_folder", must_not_load)
    with pytest.raises(WidgetsLLMError) as error:
        course.classify_text(text, labels, MODEL_ID)
    assert error.value.key == key
    assert error.value.suggestion("es")


def test_a_folder_that_is_not_a_model_is_named(tmp_path):
    with pytest.raises(ModelError) as error:
        pretrained.classifier_folder(str(tmp_path))
    assert error.value.key == "models.folder_not_a_model"


# --------------------------------------------------------------------------- the notebook cell


def test_the_cell_prints_each_label_as_a_percentage_with_a_decimal_comma(
    nli_folder, no_network, spanish, capsys
):
    labels = ["positivo", "negativo", "neutro"]
    scores = course.show_pretrained_classifier("Me encantó la película.", labels, str(nli_folder))
    out = capsys.readouterr().out
    assert scores is not None and sorted(scores) == sorted(labels)
    assert "Me encantó la película." in out
    for label, score in scores.items():
        line = t("course.classifier.score_line", label=label, percent=format_percent(score, 1))
        assert line in out.splitlines()
        assert re.fullmatch(rf"  {label}: {SPANISH_PERCENT}", line)
    assert t("course.classifier.how_to_read") in out
    assert t("course.classifier.illustrative") not in out  # a real output is not called an example


def test_a_bad_input_gets_advice_about_the_input_not_about_connections(no_network, capsys):
    assert course.show_pretrained_classifier("Un texto.", ["una sola"]) is None
    out = capsys.readouterr().out
    assert t("course.classifier.no_labels") in out
    assert t("course.classifier.no_labels.suggestion") in out
    assert t("course.hub.no_problem") not in out
    assert t("course.classifier.illustrative") not in out


def test_the_default_model_downloads_once_with_visible_progress(
    local_hub, nli_folder, spanish, capsys
):
    local_hub.add_model(MODEL_ID, nli_folder)
    scores = course.show_pretrained_classifier()
    out = capsys.readouterr().out
    assert scores is not None
    assert sorted(scores) == sorted(pretrained.example_labels())
    assert sum(scores.values()) == pytest.approx(1.0, abs=1e-4)
    assert message_prefix("download.progress.done", name=MODEL_ID, total=None, elapsed=None) in out
    assert "\r" in out  # the progress line rewrites itself
    assert pretrained.example_text() in out
    assert t("course.classifier.scores", model=MODEL_ID) in out
    assert local_hub.file_gets(MODEL_ID, "model.safetensors")
    assert course.PRETRAINED_CLASSIFIER == MODEL_ID

    local_hub.clear_log()
    again = course.show_pretrained_classifier()
    out = capsys.readouterr().out
    assert again == pytest.approx(scores)
    assert message_prefix("download.progress.cached", name=MODEL_ID, total=None) in out
    assert local_hub.file_gets(MODEL_ID) == []  # nothing downloaded the second time


def assert_illustrative_example(out: str, lang: str = "es") -> None:
    assert t("course.classifier.illustrative", lang) in out
    assert pretrained.example_text(lang) in out
    for label, score in pretrained.illustrative_scores(lang).items():
        percent = format_percent(score, 1, lang)
        assert t("course.classifier.score_line", lang, label=label, percent=percent) in out
    # Never presented as what a model computed.
    assert t("course.classifier.scores", lang, model=MODEL_ID) not in out


def test_offline_it_says_so_and_shows_an_example_written_for_the_course(
    local_hub, monkeypatch, spanish, capsys
):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    assert course.show_pretrained_classifier() is None
    out = capsys.readouterr().out
    reason = ModelError("download.offline_mode", name=MODEL_ID)
    assert t("course.hub.failed", message=reason.message()) in out
    assert t("course.hub.no_problem") in out
    assert t("course.classifier.offline", model=MODEL_ID) in out
    assert "Ejemplo ilustrativo (escrito para el curso, no generado en esta computadora)" in out
    assert_illustrative_example(out)
    assert re.search(rf"economía: {SPANISH_PERCENT}", out)
    assert local_hub.requests == []  # offline mode asks the Hub nothing


def test_without_a_connection_it_says_so_and_the_learners_text_is_not_passed_off(
    local_hub, monkeypatch, spanish, capsys
):
    endpoint = f"http://127.0.0.1:{closed_port()}"  # nothing answers there
    monkeypatch.setenv("HF_ENDPOINT", endpoint)
    assert course.show_pretrained_classifier("Mi propio texto.", ["a", "b"]) is None
    out = capsys.readouterr().out
    reason = ModelError("download.no_connection", name=MODEL_ID, endpoint=endpoint)
    assert t("course.hub.failed", message=reason.message()) in out
    assert t("course.classifier.offline", model=MODEL_ID) in out
    assert t("course.classifier.your_text_offline") in out
    assert_illustrative_example(out)


def test_another_failure_is_not_called_a_missing_connection(monkeypatch, spanish, capsys):
    def broken(*args, **kwargs):
        raise ModelError("download.gated", name=MODEL_ID, url="https://example.invalid")

    monkeypatch.setattr(pretrained, "classifier_folder", broken)
    assert course.show_pretrained_classifier() is None
    out = capsys.readouterr().out
    assert t("course.classifier.not_run", model=MODEL_ID) in out
    assert t("course.classifier.offline", model=MODEL_ID) not in out
    assert_illustrative_example(out)


def test_the_example_speaks_english_too(local_hub, monkeypatch, capsys):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    before = get_language()
    set_language("en")
    try:
        assert course.show_pretrained_classifier() is None
    finally:
        set_language(before)
    out = capsys.readouterr().out
    assert "Illustrative example (written for the course, not generated on this computer)" in out
    assert_illustrative_example(out, "en")
    assert re.search(r"economy: \d{1,3}\.\d%", out)  # a decimal point in English


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_illustrative_scores_fit_the_example(lang):
    labels = pretrained.example_labels(lang)
    assert len(labels) == len(pretrained.ILLUSTRATIVE_SCORES) >= 3
    assert sum(pretrained.ILLUSTRATIVE_SCORES) == pytest.approx(1.0)
    scores = pretrained.illustrative_scores(lang)
    assert max(scores, key=scores.get) == labels[0]  # the example is about the economy
    assert "{}" in t("course.classifier.hypothesis", lang)


# --------------------------------------------------------------------------- the diagrams


def diagrams() -> list[Path]:
    return sorted(IMAGES.glob("*.svg"))


def test_there_are_two_or_three_diagrams():
    assert 2 <= len(diagrams()) <= 3


@pytest.mark.parametrize("path", diagrams(), ids=lambda path: path.name)
def test_a_diagram_is_self_contained_readable_spanish(path):
    svg = path.read_text(encoding="utf-8")
    root = ElementTree.fromstring(svg)
    namespace = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{namespace}svg"
    assert len(root.get("viewBox", "").split()) == 4
    # Nothing fetched from elsewhere: no links, images, external fonts or stylesheets.
    outside = r"https?://|@import|@font-face|xlink:href|<image|<script"
    assert not re.search(outside, svg.replace('xmlns="http://www.w3.org/2000/svg"', ""))
    assert root.find(f"{namespace}title") is not None
    texts = [
        "".join(element.itertext()).strip() for element in root.iter(f"{namespace}text")
    ]
    assert len(texts) >= 8
    assert all(float(e.get("font-size", "16")) >= 13 for e in root.iter(f"{namespace}text"))
    for text in texts + ["".join(root.find(f"{namespace}desc").itertext())]:
        assert find_forbidden(text) == [], text


def test_the_notebook_shows_each_diagram_as_an_attachment_equal_to_its_file():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    shown: set[str] = set()
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        for name in re.findall(r"!\[[^\]]+\]\(attachment:([^)]+)\)", cell.source):
            attachment = cell.get("attachments", {}).get(name, {})
            assert "image/svg+xml" in attachment, f"{name} is not attached to its cell"
            data = base64.b64decode(attachment["image/svg+xml"])
            assert data == (IMAGES / name).read_bytes(), f"{name} differs from notebooks/img/{name}"
            shown.add(name)
    assert shown == {path.name for path in diagrams()}


def test_the_notebook_names_the_classifier_it_runs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    markdown = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    assert MODEL_ID in markdown
    assert course.PRETRAINED_SUMMARIZER in markdown
