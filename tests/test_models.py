"""Tests of widgets_llm.engine.models: offline models, tokenizers, loading, the catalog."""

from __future__ import annotations

import inspect
import json
import math
import re
import socket
import unicodedata

import pytest

from widgets_llm.engine import models
from widgets_llm.engine.features import model_inputs
from widgets_llm.engine.generation import GenerationSettings, generate_summaries
from widgets_llm.engine.models import (
    CATALOG,
    OFFLINE_SIZES,
    ModelBundle,
    build_offline_model,
    expected_prefix,
    hub_reachable,
    load_model,
    parse_model_choice,
    train_tokenizer,
    unknown_spanish_letters,
)
from widgets_llm.errors import ModelError
from widgets_llm.messages import catalog

TEXTS = [
    "El niño comió una manzana en la montaña con su abuela.",
    "¿Dónde está el señor Rodríguez? ¡Aquí, en la canción!",
    "La señora Núñez llegó tarde a la reunión del ayuntamiento.",
    "Los pingüinos de la Antártida caminan sobre el hielo.",
    "El público aplaudió la película española durante diez minutos.",
    "Mañana lloverá en el norte del país y hará frío.",
] * 5

SPANISH_SENTENCE = (
    "¿Cómo está el señor Núñez? ¡Qué pingüino tan pequeño! Ángel, Érica, Íñigo, Óscar y Úrsula."
)


@pytest.fixture(scope="module")
def seq2seq_bundle() -> ModelBundle:
    return build_offline_model(TEXTS, "seq2seq", "mini", seed=0)


@pytest.fixture(scope="module")
def causal_bundle() -> ModelBundle:
    return build_offline_model(TEXTS, "causal", "mini", seed=0)


@pytest.fixture(scope="module")
def ascii_tokenizer():
    """A tokenizer trained on texts without accents, ñ, ¿ or ¡, and nothing else in its alphabet."""
    from tokenizers import Tokenizer, decoders, models as tk_models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    ascii_texts = [
        unicodedata.normalize("NFKD", t).encode("ascii", "ignore").decode() for t in TEXTS
    ]
    backend = Tokenizer(tk_models.BPE(unk_token="<unk>"))
    backend.pre_tokenizer = pre_tokenizers.Metaspace()
    backend.decoder = decoders.Metaspace()
    backend.train_from_iterator(
        ascii_texts,
        trainer=trainers.BpeTrainer(vocab_size=200, special_tokens=["<pad>", "</s>", "<unk>"]),
    )
    return PreTrainedTokenizerFast(
        tokenizer_object=backend, unk_token="<unk>", eos_token="</s>", pad_token="<pad>"
    )


class NoNetwork:
    """Records (and refuses) every attempt to open a network connection."""

    def __init__(self, monkeypatch):
        self.attempts: list = []
        original_connect = socket.socket.connect

        def connect(sock, address):
            if sock.family in (socket.AF_INET, socket.AF_INET6):
                self.attempts.append(address)
                raise OSError("network disabled in tests")
            return original_connect(sock, address)

        monkeypatch.setattr(socket.socket, "connect", connect)
        monkeypatch.setattr(socket, "getaddrinfo", self._lookup)

    def _lookup(self, host, *args, **kwargs):
        self.attempts.append(host)
        raise socket.gaierror("network disabled in tests")


# --------------------------------------------------------------------------- offline models


def test_offline_seq2seq_model_builds(seq2seq_bundle):
    import torch
    from transformers import T5ForConditionalGeneration

    bundle = seq2seq_bundle
    assert isinstance(bundle.model, T5ForConditionalGeneration)
    assert bundle.architecture == "seq2seq" and bundle.prefix == ""
    assert bundle.source.to_dict() == {"kind": "offline", "name": "mini", "architecture": "seq2seq"}
    assert bundle.model.config.vocab_size == len(bundle.tokenizer)
    assert bundle.model.config.d_model == OFFLINE_SIZES["mini"]["d_model"]
    assert bundle.num_parameters() > bundle.num_parameters(trainable_only=True) * 0  # counted
    batch = bundle.tokenizer(["El niño comió."], return_tensors="pt")
    labels = bundle.tokenizer(text_target=["Comió."], return_tensors="pt")["input_ids"]
    with torch.no_grad():
        loss = bundle.model(**batch, labels=labels).loss
    assert math.isfinite(loss.item())
    assert "mini" in bundle.label("es") and "parámetros" in bundle.label("es")


def test_offline_causal_model_builds(causal_bundle):
    from transformers import GPT2LMHeadModel

    bundle = causal_bundle
    assert isinstance(bundle.model, GPT2LMHeadModel)
    assert bundle.architecture == "causal"
    assert bundle.source.kind == "offline"
    tokenizer = bundle.tokenizer
    assert tokenizer.bos_token == "<s>" and tokenizer.bos_token_id != tokenizer.eos_token_id
    assert bundle.model.generation_config.pad_token_id == tokenizer.pad_token_id
    assert bundle.model.generation_config.eos_token_id == tokenizer.eos_token_id


def test_same_seed_gives_same_weights():
    first = build_offline_model(TEXTS, "seq2seq", "mini", seed=7)
    second = build_offline_model(TEXTS, "seq2seq", "mini", seed=7, tokenizer=first.tokenizer)
    a, b = first.model.state_dict(), second.model.state_dict()
    assert all((a[k] == b[k]).all() for k in a)


def test_offline_model_errors():
    with pytest.raises(ModelError) as error:
        build_offline_model(TEXTS, "seq2seq", "enorme")
    assert error.value.key == "models.unknown_offline_size" and "mini" in error.value.suggestion(
        "es"
    )
    with pytest.raises(ModelError) as error:
        build_offline_model(["", "   "], "seq2seq", "mini")
    assert error.value.key == "models.needs_texts"
    with pytest.raises(ModelError) as error:
        load_model("offline-gigante", texts=TEXTS)
    assert error.value.key == "models.unknown_offline_size"


@pytest.mark.parametrize("fixture", ["seq2seq_bundle", "causal_bundle"])
def test_spanish_survives_tokenize_decode(fixture, request):
    tokenizer = request.getfixturevalue(fixture).tokenizer
    ids = tokenizer(SPANISH_SENTENCE)["input_ids"]
    assert tokenizer.unk_token_id not in ids
    assert tokenizer.decode(ids, skip_special_tokens=True) == SPANISH_SENTENCE
    # Decomposed letters (n + combining tilde) come back composed: one "ñ".
    decomposed = unicodedata.normalize("NFD", "El niño")
    assert (
        tokenizer.decode(tokenizer(decomposed)["input_ids"], skip_special_tokens=True) == "El niño"
    )


def test_unknown_spanish_letters(seq2seq_bundle, causal_bundle, ascii_tokenizer):
    assert unknown_spanish_letters(seq2seq_bundle.tokenizer) == []
    assert unknown_spanish_letters(causal_bundle.tokenizer) == []
    missing = unknown_spanish_letters(ascii_tokenizer)
    assert {"ñ", "¿", "¡", "á", "Ñ"} <= set(missing)


def test_offline_tokenizer_knows_spanish_letters_absent_from_texts():
    tokenizer = train_tokenizer(["hola mundo que tal"] * 4, 100)
    assert unknown_spanish_letters(tokenizer) == []
    assert tokenizer.unk_token_id not in tokenizer("Texto: hola\nResumen:")["input_ids"]


# --------------------------------------------------------------------------- choices


@pytest.mark.parametrize(
    "choice, expected",
    [
        ("offline", ("offline", "pequeno", "seq2seq")),
        ("offline-t5", ("offline", "pequeno", "seq2seq")),
        ("offline-gpt2", ("offline", "pequeno", "causal")),
        ("offline-gpt2-mini", ("offline", "mini", "causal")),
        ("offline-causal-mediano", ("offline", "mediano", "causal")),
        ("offline-mini", ("offline", "mini", "seq2seq")),
        ("  Offline-GPT2-Mini ", ("offline", "mini", "causal")),
        ("offline-seq2seq", ("offline", "pequeno", "seq2seq")),
        ("google/flan-t5-small", ("hub", "google/flan-t5-small", "")),
        ("offline_models/my-model", ("hub", "offline_models/my-model", "")),
    ],
)
def test_parse_model_choice(choice, expected):
    assert parse_model_choice(choice) == expected


def test_parse_model_choice_folder(tmp_path):
    folder = tmp_path / "mi modelo"
    folder.mkdir()
    assert parse_model_choice(str(folder)) == ("local", str(folder.resolve()), "")
    # A folder whose name starts with "offline" is still a folder.
    other = tmp_path / "offline_run"
    other.mkdir()
    assert parse_model_choice(str(other))[0] == "local"


@pytest.mark.parametrize("choice", ["", "   ", None])
def test_parse_model_choice_empty(choice):
    with pytest.raises(ModelError) as error:
        parse_model_choice(choice)
    assert error.value.key == "models.empty_choice"


# --------------------------------------------------------------------------- hub


def test_unreachable_hub_model_fails_at_once(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    network = NoNetwork(monkeypatch)
    with pytest.raises(ModelError) as error:
        load_model("some-org/nonexistent-model")
    assert error.value.key == "models.no_connection"
    assert "some-org/nonexistent-model" in error.value.message("es")
    assert "offline" in error.value.suggestion("es")
    assert network.attempts == []  # no connection tried: nothing to wait for


def test_no_connection_without_offline_flag_goes_to_the_cache(monkeypatch):
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    probes = []
    monkeypatch.setattr(models, "hub_reachable", lambda *a, **k: probes.append(1) or False)
    network = NoNetwork(monkeypatch)
    with pytest.raises(ModelError) as error:
        load_model("some-org/nonexistent-model")
    assert error.value.key == "models.no_connection"
    assert probes == [1] and network.attempts == []


def test_hub_reachable_probe():
    # A port nobody listens on: refused at once.
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        closed_port = free.getsockname()[1]
    assert hub_reachable(1.0, host="127.0.0.1", port=closed_port) is False
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        assert hub_reachable(1.0, host="127.0.0.1", port=server.getsockname()[1]) is True


@pytest.mark.parametrize(
    "value, offline",
    [("1", True), ("true", True), ("ON", True), ("0", False), ("false", False), ("", False)],
)
def test_offline_flag(monkeypatch, value, offline):
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    monkeypatch.setenv("HF_HUB_OFFLINE", value)
    assert models._offline_mode() is offline


# --------------------------------------------------------------------------- folders


def _greedy(bundle, texts):
    return generate_summaries(
        bundle, texts, GenerationSettings(max_new_tokens=8, no_repeat_ngram_size=0)
    )


@pytest.mark.parametrize("fixture", ["seq2seq_bundle", "causal_bundle"])
def test_local_folder_round_trip(fixture, request, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    bundle = request.getfixturevalue(fixture)
    bundle.model.save_pretrained(tmp_path)
    bundle.tokenizer.save_pretrained(tmp_path)
    loaded = load_model(str(tmp_path))
    assert type(loaded.model) is type(bundle.model)
    assert loaded.architecture == bundle.architecture
    assert loaded.source.to_dict() == {
        "kind": "local",
        "name": str(tmp_path.resolve()),
        "architecture": bundle.architecture,
    }
    assert loaded.prefix == ""
    texts = [TEXTS[0], TEXTS[1] + " " + TEXTS[2]]
    assert loaded.tokenizer(texts)["input_ids"] == bundle.tokenizer(texts)["input_ids"]
    assert _greedy(loaded, texts) == _greedy(bundle, texts)


def test_folder_without_config_is_not_a_model(tmp_path):
    (tmp_path / "notas.txt").write_text("hola", encoding="utf-8")
    with pytest.raises(ModelError) as error:
        load_model(str(tmp_path))
    assert error.value.key == "models.folder_not_a_model"
    assert str(tmp_path.resolve()) in error.value.message("es")
    assert (tmp_path / "notas.txt").read_text(encoding="utf-8") == "hola"  # untouched


def test_folder_with_only_a_config_is_incomplete(tmp_path, monkeypatch, seq2seq_bundle):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    seq2seq_bundle.model.config.save_pretrained(tmp_path)
    with pytest.raises(ModelError) as error:
        load_model(str(tmp_path))
    assert error.value.key == "models.folder_incomplete"


def test_folder_needing_remote_code_is_refused(tmp_path):
    config = {
        "model_type": "modelo_propio",
        "auto_map": {
            "AutoConfig": "configuration.Config",
            "AutoModelForCausalLM": "modeling.Model",
        },
    }
    (tmp_path / "config.json").write_text(json.dumps(config), encoding="utf-8")
    (tmp_path / "configuration.py").write_text(
        "raise SystemExit('remote code ran')\n", encoding="utf-8"
    )
    with pytest.raises(ModelError) as error:
        load_model(str(tmp_path))
    assert error.value.key == "models.remote_code_refused"


def test_folder_of_unknown_type(tmp_path):
    (tmp_path / "config.json").write_text(
        json.dumps({"model_type": "tipo_inventado"}), encoding="utf-8"
    )
    with pytest.raises(ModelError) as error:
        load_model(str(tmp_path))
    assert error.value.key == "models.unknown_model_type"


def test_trust_remote_code_is_never_enabled(tmp_path, monkeypatch, seq2seq_bundle):
    import transformers

    source = inspect.getsource(models)
    assert not re.search(r"trust_remote_code[\"']?\s*[:=]\s*True", source)
    assert re.search(r"[\"']trust_remote_code[\"']\s*:\s*False", source)

    seen: list[dict] = []
    for name in ("AutoConfig", "AutoTokenizer", "AutoModelForSeq2SeqLM", "AutoModelForCausalLM"):
        cls = getattr(transformers, name)
        original = cls.from_pretrained

        def spy(*args, _original=original, **kwargs):
            seen.append(kwargs)
            return _original(*args, **kwargs)

        monkeypatch.setattr(cls, "from_pretrained", spy)
    seq2seq_bundle.model.save_pretrained(tmp_path)
    seq2seq_bundle.tokenizer.save_pretrained(tmp_path)
    load_model(str(tmp_path))
    ours = [kwargs for kwargs in seen if set(kwargs) == {"trust_remote_code", "local_files_only"}]
    assert len(ours) == 3  # config, tokenizer, model
    assert all(kwargs["trust_remote_code"] is False for kwargs in ours)
    assert not any(kwargs.get("trust_remote_code") for kwargs in seen)  # nor inside transformers


# --------------------------------------------------------------------------- prefix


def test_expected_prefix():
    from transformers import GPT2Config, T5Config

    t5_with = T5Config(
        task_specific_params={
            "summarization": {"prefix": "summarize: "},
            "translation_en_to_de": {"prefix": "translate: "},
        }
    )
    assert expected_prefix(t5_with) == "summarize: "
    assert expected_prefix(T5Config()) == ""
    assert (
        expected_prefix(
            T5Config(task_specific_params={"translation_en_to_de": {"prefix": "translate: "}})
        )
        == ""
    )
    assert expected_prefix(GPT2Config()) == ""


def test_seq2seq_folder_with_summarize_prefix(tmp_path, monkeypatch, seq2seq_bundle):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    seq2seq_bundle.model.save_pretrained(tmp_path)
    seq2seq_bundle.tokenizer.save_pretrained(tmp_path)
    config_path = tmp_path / "config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    config["task_specific_params"] = {"summarization": {"prefix": "summarize: ", "max_length": 200}}
    config_path.write_text(json.dumps(config), encoding="utf-8")
    loaded = load_model(str(tmp_path))
    assert loaded.prefix == "summarize: "
    assert model_inputs(loaded, ["El niño comió."]) == ["summarize: El niño comió."]
    assert seq2seq_bundle.prefix == ""  # the offline model expects none


# --------------------------------------------------------------------------- catalog


def test_every_catalog_entry_has_a_note_in_both_languages():
    messages = catalog()
    for entry in CATALOG:
        assert entry.note.startswith("models.catalog."), entry
        texts = messages.get(entry.note)
        assert texts is not None, entry.note
        assert texts["es"].strip() and texts["en"].strip()
        assert texts["es"] != texts["en"]


def test_catalog_entries_are_consistent():
    ids = [entry.model_id for entry in CATALOG]
    assert len(ids) == len(set(ids))
    assert CATALOG[0].model_id == "flax-community/spanish-t5-small"  # the Spanish CPU default
    for entry in CATALOG:
        assert entry.architecture in ("seq2seq", "causal")
        assert re.fullmatch(r"[\w.-]+/[\w.-]+", entry.model_id)
        assert 0 < entry.memory_gb(lora=True) < entry.memory_gb()
        assert models.catalog_entry(entry.model_id) is entry
    assert models.catalog_entry("no/existe") is None
    english_only = [e for e in CATALOG if not e.spanish]
    assert {e.model_id for e in english_only} == {
        "google/flan-t5-small",
        "HuggingFaceTB/SmolLM2-135M-Instruct",
    }


def test_memory_estimate_and_parameter_format():
    # Known only by its parameter count: the cost formula on a guessed T5-like shape, which
    # counts at least the fp32 weights, gradients and Adam moments (16 bytes a parameter).
    assert models.estimate_training_memory_gb(60.5e6) > 60.5e6 * 16 / 2**30
    assert models.estimate_training_memory_gb(
        60.5e6, lora=True
    ) < models.estimate_training_memory_gb(60.5e6)
    assert models.format_parameter_count(60.5e6, "en") == "60.5 M"
    assert (
        models.format_parameter_count(60.5e6, "es") == "60,5 M"
    )  # a decimal comma for a Spanish reader
    assert models.format_parameter_count(1.5e9, "en") == "1.5 B"
    assert models.format_parameter_count(2_000) == "2 k"


def test_default_lora_targets(seq2seq_bundle, causal_bundle):
    assert models.default_lora_targets(seq2seq_bundle.model) == ["q", "v"]
    assert models.default_lora_targets(causal_bundle.model) == ["c_attn"]
