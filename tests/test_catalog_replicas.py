"""Every catalog model, proven on a tiny random-weight replica with the real checkpoint's files.

Nothing here reaches the hub: :mod:`widgets_llm.testing.replicas` builds each replica offline
(same model class, tokenizer class, special tokens, chat template and files on disk as the real
checkpoint), and each one walks the whole path through the engine's public API and the CLI:
load from its folder, Spanish letters, full and LoRA training, generation, evaluation, base vs
tuned, save, reload with identical generations, and summaries from the command line.
"""

from __future__ import annotations

import json
import math
import sys

import pytest

torch = pytest.importorskip("torch")

from widgets_llm import cli  # noqa: E402
from widgets_llm.engine.config import preset  # noqa: E402
from widgets_llm.engine.data import SplitOptions, pairs_from_lists  # noqa: E402
from widgets_llm.engine.features import (  # noqa: E402
    IGNORE_INDEX,
    LengthLimits,
    causal_generation_inputs,
    causal_prompt_parts,
    tokenize_batch,
)
from widgets_llm.engine.generation import GenerationSettings, generate_summaries  # noqa: E402
from widgets_llm.engine.models import (  # noqa: E402
    CATALOG,
    default_lora_targets,
    load_model,
    unknown_spanish_letters,
)  # noqa: E402
from widgets_llm.engine.pipeline import compare_run, evaluate_run, train  # noqa: E402
from widgets_llm.engine.runs import load_run  # noqa: E402
from widgets_llm.errors import ModelError  # noqa: E402
from widgets_llm.testing.replicas import REPLICA_SPECS, build_all_replicas  # noqa: E402

CATALOG_IDS = [entry.model_id for entry in CATALOG]
CAUSAL_IDS = [entry.model_id for entry in CATALOG if entry.architecture == "causal"]

#: Short Spanish pairs, so that a few training steps and every generation stay quick.
PAIRS = [
    (
        "El mercado de San Martín volvió a abrir el domingo después de ocho meses de obras en el "
        "techo y el drenaje.",
        "Reabrió el mercado de San Martín.",
    ),
    (
        "La señora Núñez ganó el concurso de cocina de Peñalba con un mole que preparó junto a su "
        "nieto.",
        "La señora Núñez ganó el concurso de cocina.",
    ),
    (
        "¿Lloverá mañana? "
        "El servicio meteorológico anunció tormentas en el norte y frío en la montaña.",
        "Anuncian tormentas en el norte.",
    ),
    (
        "Los pingüinos del zoológico de Córdoba recibieron una piscina nueva, más fría y más "
        "profunda.",
        "Los pingüinos del zoológico estrenan piscina.",
    ),
    (
        "El equipo de fútbol de la escuela Río Claro ganó el torneo regional tras una final muy "
        "reñida.",
        "La escuela Río Claro ganó el torneo.",
    ),
    (
        "La biblioteca pública amplió su horario: "
        "abrirá los sábados y prestará computadoras a los vecinos.",
        "La biblioteca abrirá también los sábados.",
    ),
    (
        "¡Qué sorpresa! El ayuntamiento plantó doscientos árboles en la avenida principal durante "
        "el fin de semana.",
        "El ayuntamiento plantó doscientos árboles.",
    ),
    (
        "Los campesinos de Ocotal vendieron su café sin intermediarios gracias a un nuevo centro "
        "de acopio.",
        "Ocotal abrió un centro de acopio de café.",
    ),
    (
        "El hospital de Jinotega inauguró una sala de maternidad con doce camas y dos quirófanos.",
        "El hospital de Jinotega abrió una sala de maternidad.",
    ),
    (
        "La orquesta juvenil dio un concierto gratuito en la plaza y reunió a más de mil personas.",
        "Mil personas escucharon a la orquesta juvenil.",
    ),
]
NEW_TEXT = "La cooperativa El Roble de Matagalpa inauguró un vivero de café para cuarenta familias."
SPANISH_SENTENCE = (
    "¿Cómo está el señor Núñez? ¡Qué pingüino tan pequeño! Ángel, Érica, Íñigo, Óscar y Úrsula."
)

#: Short lengths: the whole path runs on every replica in a few seconds.
#: Room for a chat template: a replica's small vocabulary spells Qwen's English system message
#: in many more tokens than the real one does.
MAX_INPUT = 160
GENERATION = GenerationSettings(max_new_tokens=8, max_input_length=MAX_INPUT)


def _config(**changes):
    values = {
        "max_steps": 2,
        "batch_size": 4,
        "max_input_length": MAX_INPUT,
        "max_target_length": 12,
        "log_every_steps": 1,
        "seed": 7,
    }
    return preset("fast", **{**values, **changes})


@pytest.fixture(scope="module", autouse=True)
def one_thread():
    """Replicas are tiny: one thread is several times faster than two, most of all on a
    shared CI machine where a second thread waits for a busy core at every operation."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture(scope="module")
def replicas(tmp_path_factory):
    return build_all_replicas(tmp_path_factory.mktemp("replicas"))


@pytest.fixture(scope="module")
def data():
    texts, summaries = zip(*PAIRS)
    return pairs_from_lists(
        texts, summaries, split=SplitOptions(validation_fraction=0.2, test_fraction=0.2, seed=0)
    )


def _folder(replicas, model_id):
    assert model_id in REPLICA_SPECS, (
        f"{model_id} is in the catalog but has no replica in widgets_llm.testing.replicas"
    )
    return replicas[model_id]


def _catalog_entry(model_id):
    return next(entry for entry in CATALOG if entry.model_id == model_id)


# --------------------------------------------------------------------------- the replicas


@pytest.mark.parametrize("model_id", CATALOG_IDS)
def test_replica_is_the_checkpoint_in_small(replicas, model_id):
    import transformers

    folder = _folder(replicas, model_id)
    spec = REPLICA_SPECS[model_id]
    entry = _catalog_entry(model_id)
    assert sorted(p.name for p in folder.iterdir()) == sorted(spec.files)
    assert ("tokenizer.json" in spec.files) == (
        spec.tokenizer_kind not in ("sentencepiece", "bpe_files")
    )
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    assert config["model_type"] == spec.model_type
    assert config["architectures"] == [spec.model_class]
    tokenizer_config = json.loads((folder / "tokenizer_config.json").read_text(encoding="utf-8"))
    assert (
        tokenizer_config.get("tokenizer_class", config.get("tokenizer_class"))
        == spec.tokenizer_class
    )

    bundle = load_model(str(folder))
    assert type(bundle.model).__name__ == spec.model_class
    assert bundle.architecture == entry.architecture
    assert bundle.source.kind == "local"
    # transformers 5 reads a few hub tokenizer classes through its generic backend
    assert (
        isinstance(bundle.tokenizer, getattr(transformers, spec.tokenizer_class))
        or type(bundle.tokenizer).__name__ == "TokenizersBackend"
    )
    assert (
        sum(p.numel() for p in bundle.model.parameters()) < 500_000
    )  # a replica, not the real size
    if spec.tokenizer_config.get("chat_template"):
        assert bundle.tokenizer.chat_template == spec.tokenizer_config["chat_template"]
    task_prefix = (
        (spec.config.get("task_specific_params") or {}).get("summarization", {}).get("prefix", "")
    )
    assert bundle.prefix == task_prefix


@pytest.mark.parametrize("model_id", CATALOG_IDS)
def test_spanish_letters_survive_where_the_catalog_says_so(replicas, model_id):
    folder = _folder(replicas, model_id)
    spec = REPLICA_SPECS[model_id]
    entry = _catalog_entry(model_id)
    tokenizer = load_model(str(folder)).tokenizer
    lost = unknown_spanish_letters(tokenizer)
    if entry.spanish:
        assert lost == []
        ids = tokenizer(SPANISH_SENTENCE, add_special_tokens=False).input_ids
        assert tokenizer.decode(ids, skip_special_tokens=True).strip() == SPANISH_SENTENCE
    # The replica loses exactly what its real tokenizer loses (Flan-T5: í, ñ, ¿...).
    assert (lost == []) == spec.keeps_spanish_letters


def test_every_catalog_entry_has_a_replica_and_every_replica_an_entry():
    assert sorted(REPLICA_SPECS) == sorted(CATALOG_IDS)


def test_replicas_are_deterministic(tmp_path):
    from widgets_llm.testing.replicas import build_replica

    for model_id in ("google/mt5-small", "Qwen/Qwen2.5-0.5B-Instruct"):
        first = build_replica(model_id, tmp_path / "a")
        contents = {p.name: p.read_bytes() for p in first.iterdir()}
        second = build_replica(model_id, tmp_path / "b")
        assert {p.name: p.read_bytes() for p in second.iterdir()} == contents


# --------------------------------------------------------------------------- the whole path


def _lora_layers(model) -> set[str]:
    from peft.tuners.lora import LoraLayer

    return {
        name.rsplit(".", 1)[-1]
        for name, module in model.named_modules()
        if isinstance(module, LoraLayer)
    }


@pytest.mark.parametrize("model_id", CATALOG_IDS)
def test_full_fine_tuning_path(replicas, data, tmp_path, capsys, model_id):
    folder = _folder(replicas, model_id)
    bundle = load_model(str(folder))
    base_generations = generate_summaries(bundle, [NEW_TEXT], GENERATION)
    before = {k: v.detach().clone() for k, v in bundle.model.state_dict().items()}

    trained = train(data, bundle, _config(), tmp_path / "run")
    assert trained.result.status == "finished", trained.result.error
    assert trained.result.steps == 2
    assert trained.result.final_loss is not None and math.isfinite(trained.result.final_loss)
    assert trained.result.trainable_parameters == trained.result.total_parameters
    after = bundle.model.state_dict()
    assert any(not torch.equal(before[k], after[k]) for k in before), "training changed no weight"
    if (
        bundle.architecture == "causal"
    ):  # what the Trainer was fed: chat prompts, loss on the answer
        example = trained.run.tokenized()["train"][0]
        prompt_length = example["labels"].index(
            next(v for v in example["labels"] if v != IGNORE_INDEX)
        )
        assert bundle.tokenizer.decode(example["input_ids"][:prompt_length]).endswith(
            "<|im_start|>assistant\n"
        )
        assert all(v != IGNORE_INDEX for v in example["labels"][prompt_length:])

    # Generation, evaluation (written into the run) and the saved run.
    tuned_generations = generate_summaries(
        bundle, [NEW_TEXT] + [p[0] for p in PAIRS[:3]], GENERATION
    )
    assert len(tuned_generations) == 4 and all(isinstance(s, str) for s in tuned_generations)
    assert any(s.strip() for s in tuned_generations + base_generations), (
        "the model wrote nothing at all"
    )
    metrics = json.loads((trained.path / "metrics.json").read_text(encoding="utf-8"))
    assert {"rouge1", "rougeL", "perplexity"} <= set(metrics["test"])
    assert metrics["test"]["num_examples"] == len(data.splits["test"])

    saved = load_run(trained.path)
    assert saved.info["base_model"] == {
        "kind": "local",
        "name": str(folder),
        "architecture": bundle.architecture,
    }
    assert (
        generate_summaries(saved.bundle, [NEW_TEXT] + [p[0] for p in PAIRS[:3]], GENERATION)
        == tuned_generations
    )

    test_texts = list(data.splits["test"]["text"])
    report = evaluate_run(trained.path, data.splits["test"], settings=GENERATION)
    assert report.num_examples == len(test_texts)
    assert report.predictions == generate_summaries(saved.bundle, test_texts, GENERATION)
    comparison = compare_run(trained.path, data.splits["test"], settings=GENERATION)
    # Base vs tuned: the base is the replica folder as it was, the tuned model the saved run.
    assert [e.base for e in comparison.examples] == generate_summaries(
        load_model(str(folder)), test_texts, GENERATION
    )
    assert [e.tuned for e in comparison.examples] == report.predictions

    # Summaries from the command line, in this process: the same as the reloaded run's.
    capsys.readouterr()
    assert cli.main(["summarize", str(trained.path), "--text", NEW_TEXT]) == 0
    printed = capsys.readouterr().out.rstrip("\n")
    assert printed == generate_summaries(saved.bundle, [NEW_TEXT], saved.generation_settings())[0]


@pytest.mark.parametrize("model_id", CATALOG_IDS)
def test_lora_fine_tuning_path(replicas, data, tmp_path, model_id):
    folder = _folder(replicas, model_id)
    bundle = load_model(str(folder))
    targets = default_lora_targets(bundle.model)
    trained = train(
        data,
        bundle,
        _config(use_lora=True, learning_rate=5e-3),
        tmp_path / "run",
        evaluate_test=False,
    )
    assert trained.result.status == "finished", trained.result.error
    # The engine's default targets exist in this architecture, and peft wrapped them.
    assert _lora_layers(bundle.model) == set(targets)
    assert 0 < trained.result.trainable_parameters < trained.result.total_parameters

    texts = [NEW_TEXT, PAIRS[0][0]]
    tuned = generate_summaries(bundle, texts, GENERATION)
    saved = load_run(trained.path)
    assert saved.model_format == "lora"
    assert _lora_layers(saved.bundle.model) == set(targets)
    assert generate_summaries(saved.bundle, texts, GENERATION) == tuned


# --------------------------------------------------------------------------- chat models


class _RecordingGenerate:
    """Wraps ``model.generate`` to keep the prompts it was given."""

    def __init__(self, model):
        self.model = model
        self.original = model.generate
        self.prompts: list[list[int]] = []

    def __call__(self, *args, **kwargs):
        ids, mask = kwargs["input_ids"], kwargs["attention_mask"]
        self.prompts += [row[m.bool()].tolist() for row, m in zip(ids, mask)]
        return self.original(*args, **kwargs)


@pytest.mark.parametrize("model_id", CAUSAL_IDS)
def test_chat_models_use_their_template_and_learn_the_answer_only(replicas, monkeypatch, model_id):
    bundle = load_model(str(_folder(replicas, model_id)))
    tokenizer = bundle.tokenizer
    assert tokenizer.chat_template, "the catalog's decoder-only models are chat models"
    before, after = causal_prompt_parts(bundle)
    assert "<|im_start|>user\n" in before and "<|im_start|>system\n" in before
    assert after.endswith("<|im_start|>assistant\n")
    assert before.startswith(
        tokenizer.apply_chat_template([{"role": "user", "content": "x"}], tokenize=False)[:20]
    )

    text, summary = PAIRS[1]
    prompt = causal_generation_inputs(bundle, [text], MAX_INPUT)[0]
    row = tokenize_batch(
        {"text": [text], "summary": [summary]}, bundle, LengthLimits(MAX_INPUT, 32)
    )
    input_ids, labels = row["input_ids"][0], row["labels"][0]
    assert input_ids[: len(prompt)] == prompt
    assert labels[: len(prompt)] == [IGNORE_INDEX] * len(prompt)  # no loss on the prompt
    answer = labels[len(prompt) :]
    assert answer == input_ids[len(prompt) :] and IGNORE_INDEX not in answer
    assert (
        answer[-1] == tokenizer.eos_token_id and tokenizer.eos_token == "<|im_end|>"
    )  # ends the turn
    assert tokenizer.decode(answer[:-1]).strip() == summary

    # Generation reads the same templated prompt.
    recorder = _RecordingGenerate(bundle.model)
    monkeypatch.setattr(bundle.model, "generate", recorder)
    generate_summaries(bundle, [text], GENERATION)
    assert recorder.prompts == [prompt]
    rendered = tokenizer.decode(recorder.prompts[0])
    assert text in rendered and rendered.endswith("<|im_start|>assistant\n")


@pytest.mark.parametrize("model_id", CAUSAL_IDS)
def test_an_input_limit_shorter_than_the_chat_template_is_refused_plainly(replicas, model_id):
    from widgets_llm.errors import ConfigError
    from widgets_llm.messages import t

    bundle = load_model(str(_folder(replicas, model_id)))
    text, _ = PAIRS[1]
    with pytest.raises(ConfigError) as caught:
        causal_generation_inputs(bundle, [text], 24)  # fewer tokens than the template itself
    error = caught.value
    assert error.key == "config.prompt_leaves_no_text"
    assert error.params["needed"] > 24 and str(error.params["needed"]) in error.suggestion("es")
    assert "{" not in error.one_line("es") and error.message("es") != t(
        "config.prompt_leaves_no_text", "en"
    )
    # At the suggested length the text is read again.
    prompt = causal_generation_inputs(bundle, [text], error.params["needed"])[0]
    assert text.split()[0] in bundle.tokenizer.decode(prompt)


# --------------------------------------------------------------------------- missing libraries


@pytest.mark.parametrize("library", ["sentencepiece", "protobuf"])
def test_missing_sentencepiece_library_is_named(replicas, monkeypatch, library):
    """A SentencePiece-only checkpoint on an install without sentencepiece or protobuf.

    transformers would say "tiktoken is required"; the engine's message must name the real
    library and how to install it, not claim the model cannot summarize.
    """
    from transformers.utils import import_utils

    module = {"sentencepiece": "sentencepiece", "protobuf": "google.protobuf"}[library]
    monkeypatch.setitem(sys.modules, module, None)  # import fails, find_spec finds nothing
    caches = (import_utils.is_sentencepiece_available, import_utils.is_protobuf_available)
    for check in caches:
        check.cache_clear()
    try:
        with pytest.raises(ModelError) as raised:
            load_model(str(replicas["google/mt5-small"]))
        # A checkpoint with tokenizer.json needs neither library.
        assert (
            load_model(
                str(replicas["huggingface-course/mt5-small-finetuned-amazon-en-es"])
            ).tokenizer
            is not None
        )
    finally:
        monkeypatch.undo()
        for check in caches:
            check.cache_clear()
    error = raised.value
    assert error.key == "models.tokenizer_library_missing"
    for lang in ("es", "en"):
        line = error.one_line(lang)
        assert library in line and f"pip install {library}" in line
        assert "tiktoken" not in line
    assert "no sirve para resumir" not in error.one_line("es")
    assert "cannot summarize" not in error.one_line("en")
