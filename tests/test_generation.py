"""Tests of widgets_llm.engine.features (model inputs) and widgets_llm.engine.generation."""

from __future__ import annotations

import copy

import pytest

from widgets_llm.engine.features import (
    IGNORE_INDEX,
    MIN_TEXT_TOKENS,
    LengthLimits,
    causal_generation_inputs,
    causal_prompt_parts,
    data_collator,
    fitted_limits,
    model_inputs,
    tokenize_splits,
)
from widgets_llm.engine.generation import GenerationSettings, generate_summaries, summarize
from widgets_llm.engine.models import ModelBundle, build_offline_model

TEXTS = [
    "El equipo de la escuela de Montaña Verde ganó el torneo de ajedrez después de siete rondas "
    "muy reñidas.",
    "La señora Núñez abrió una panadería en el centro del pueblo y ahora vende pan de maíz cada "
    "mañana.",
    "¿Quién dijo que los pingüinos no pueden vivir en el zoológico? Este año nacieron tres crías.",
    "Llovió durante toda la noche y el río creció tanto que cortaron la carretera del norte.",
    "El ayuntamiento plantó cien árboles nuevos en el parque para dar sombra a los niños.",
    "Una niña de doce años ganó el concurso nacional de ciencia con un filtro de agua casero.",
]
SUMMARIES = [
    "Montaña Verde ganó el torneo de ajedrez.",
    "La señora Núñez abrió una panadería.",
    "Nacieron tres pingüinos en el zoológico.",
    "La lluvia cortó la carretera del norte.",
    "Plantaron cien árboles en el parque.",
    "Una niña ganó el concurso de ciencia.",
]
LONG_TEXT = " ".join(TEXTS * 8)

FAST = GenerationSettings(max_new_tokens=6, no_repeat_ngram_size=0)


@pytest.fixture(scope="module")
def seq2seq_bundle() -> ModelBundle:
    return build_offline_model(TEXTS + SUMMARIES, "seq2seq", "mini", seed=0)


@pytest.fixture(scope="module")
def causal_bundle() -> ModelBundle:
    return build_offline_model(TEXTS + SUMMARIES, "causal", "mini", seed=0)


@pytest.fixture(scope="module")
def chat_bundle(causal_bundle) -> ModelBundle:
    """The causal model with a chat template on its tokenizer, as instruction-tuned models have."""
    tokenizer = copy.deepcopy(causal_bundle.tokenizer)
    tokenizer.chat_template = (
        "{% for m in messages %}{{ m['role'] }}: {{ m['content'] }}\n{% endfor %}"
        "{% if add_generation_prompt %}assistant:{% endif %}"
    )
    return ModelBundle(causal_bundle.model, tokenizer, "causal", causal_bundle.source)


@pytest.fixture(scope="module")
def splits():
    import datasets

    return datasets.DatasetDict(
        train=datasets.Dataset.from_dict({"text": TEXTS[:4], "summary": SUMMARIES[:4]}),
        validation=datasets.Dataset.from_dict({"text": TEXTS[4:], "summary": SUMMARIES[4:]}),
    )


# --------------------------------------------------------------------------- features


def test_seq2seq_tokenize_splits_gives_labels(seq2seq_bundle, splits):
    tokenized = tokenize_splits(splits, seq2seq_bundle, LengthLimits(128, 32))
    assert set(tokenized) == {"train", "validation"}
    assert tokenized["train"].num_rows == 4 and tokenized["validation"].num_rows == 2
    assert set(tokenized["train"].column_names) == {
        "input_ids",
        "attention_mask",
        "labels",
        "length",
    }
    tokenizer = seq2seq_bundle.tokenizer
    for row, text, summary in zip(tokenized["train"], TEXTS, SUMMARIES):
        assert row["input_ids"] == tokenizer(text)["input_ids"]
        assert row["labels"] == tokenizer(text_target=summary)["input_ids"]
        assert row["labels"][-1] == tokenizer.eos_token_id
        assert row["length"] == len(row["input_ids"])
        assert tokenizer.decode(row["labels"], skip_special_tokens=True) == summary
    assert len(splits["train"].column_names) == 2  # the caller's data is left as it was


def test_causal_labels_ignore_the_prompt_exactly(causal_bundle, splits):
    limits = LengthLimits(128, 32)
    tokenized = tokenize_splits(splits, causal_bundle, limits)
    tokenizer = causal_bundle.tokenizer
    for row, text, summary in zip(tokenized["train"], TEXTS, SUMMARIES):
        prompt = causal_generation_inputs(causal_bundle, [text], limits.max_input_length)[0]
        ids, labels = row["input_ids"], row["labels"]
        assert ids[: len(prompt)] == prompt
        assert prompt[0] == tokenizer.bos_token_id
        assert labels[: len(prompt)] == [IGNORE_INDEX] * len(prompt)
        assert labels[len(prompt) :] == ids[len(prompt) :]
        assert IGNORE_INDEX not in labels[len(prompt) :]
        assert labels[-1] == tokenizer.eos_token_id
        assert len(ids) == len(labels) == len(row["attention_mask"]) == row["length"]
        assert tokenizer.decode(labels[len(prompt) :], skip_special_tokens=True).strip() == summary
        assert tokenizer.decode(prompt, skip_special_tokens=True) == f"Texto: {text}\nResumen:"


def test_seq2seq_truncation_respects_max_lengths(seq2seq_bundle):
    import datasets

    data = datasets.DatasetDict(
        train=datasets.Dataset.from_dict(
            {"text": [LONG_TEXT, "Hola."], "summary": [LONG_TEXT, "Sí."]}
        )
    )
    tokenized = tokenize_splits(data, seq2seq_bundle, LengthLimits(32, 8))["train"]
    long_row, short_row = tokenized[0], tokenized[1]
    assert len(long_row["input_ids"]) == 32 and len(long_row["labels"]) == 8
    assert (
        long_row["input_ids"][-1] == long_row["labels"][-1] == seq2seq_bundle.tokenizer.eos_token_id
    )
    assert len(short_row["input_ids"]) < 32


def test_causal_truncation_keeps_the_end_of_the_prompt(causal_bundle):
    import datasets

    limits = LengthLimits(40, 8)
    data = datasets.DatasetDict(
        train=datasets.Dataset.from_dict(
            {"text": [LONG_TEXT, "Hola."], "summary": [LONG_TEXT, "Sí."]}
        )
    )
    rows = tokenize_splits(data, causal_bundle, limits)["train"]
    tokenizer = causal_bundle.tokenizer
    for row in rows:
        prompt_length = row["labels"].count(IGNORE_INDEX)
        assert prompt_length <= limits.max_input_length
        assert len(row["input_ids"]) - prompt_length <= limits.max_target_length
        prompt = tokenizer.decode(row["input_ids"][:prompt_length], skip_special_tokens=True)
        assert prompt.startswith("Texto: ") and prompt.endswith(
            "\nResumen:"
        )  # "Resumen:" never cut
    long_prompt = tokenizer.decode(
        rows[0]["input_ids"][: rows[0]["labels"].count(IGNORE_INDEX)], skip_special_tokens=True
    )
    assert (
        long_prompt[len("Texto: ") :].replace("\nResumen:", "") in LONG_TEXT
    )  # the text's beginning kept
    # A short prompt is tokenized exactly as when nothing is cut.
    short = causal_generation_inputs(causal_bundle, ["Hola."], 1000)[0]
    assert len(short) < limits.max_input_length
    assert rows[1]["input_ids"][: len(short)] == short


@pytest.mark.parametrize(
    "room_for_text", [MIN_TEXT_TOKENS, MIN_TEXT_TOKENS + 7, 3 * MIN_TEXT_TOKENS]
)
def test_causal_prompts_fit_any_budget_that_leaves_room_for_the_text(causal_bundle, room_for_text):
    before, after = causal_prompt_parts(causal_bundle)
    template = (
        len(causal_bundle.tokenizer(before + after, add_special_tokens=False)["input_ids"]) + 1
    )  # + BOS
    max_input_length = template + room_for_text
    rows = causal_generation_inputs(causal_bundle, [LONG_TEXT, TEXTS[2], ""], max_input_length)
    assert all(len(row) <= max_input_length for row in rows)
    tail = causal_bundle.tokenizer.decode(rows[0], skip_special_tokens=True)
    assert tail.endswith("Resumen:")
    assert LONG_TEXT.split()[0] in tail  # the text's start is kept, only its end is cut


@pytest.mark.parametrize("room_for_text", [-4, 0, MIN_TEXT_TOKENS - 1])
def test_a_budget_without_room_for_the_text_is_refused(causal_bundle, room_for_text):
    from widgets_llm.errors import ConfigError

    before, after = causal_prompt_parts(causal_bundle)
    template = (
        len(causal_bundle.tokenizer(before + after, add_special_tokens=False)["input_ids"]) + 1
    )
    with pytest.raises(ConfigError) as caught:
        causal_generation_inputs(causal_bundle, [LONG_TEXT], template + room_for_text)
    assert caught.value.key == "config.prompt_leaves_no_text"


def test_chat_template_prompts(chat_bundle, causal_bundle):
    before, after = causal_prompt_parts(chat_bundle)
    assert before.startswith("user: ") and "Resume" in before
    assert after == "\nassistant:"
    assert causal_prompt_parts(causal_bundle) == ("Texto: ", "\nResumen:")
    assert model_inputs(chat_bundle, ["Hola."]) == [before + "Hola." + after]

    tokenizer = chat_bundle.tokenizer
    batch = {"text": [TEXTS[0], LONG_TEXT], "summary": [SUMMARIES[0], SUMMARIES[0]]}
    from widgets_llm.engine.features import tokenize_batch

    encoded = tokenize_batch(batch, chat_bundle, LengthLimits(64, 16))
    for ids, labels in zip(encoded["input_ids"], encoded["labels"]):
        prompt_length = labels.count(IGNORE_INDEX)
        assert prompt_length <= 64
        assert tokenizer.decode(ids[:prompt_length], skip_special_tokens=True).endswith(
            "assistant:"
        )
        # The answer starts right after the header (no extra space) and ends the turn.
        assert tokenizer.decode(labels[prompt_length:], skip_special_tokens=True) == SUMMARIES[0]
        assert labels[-1] == tokenizer.eos_token_id


def test_fitted_limits(seq2seq_bundle, causal_bundle):
    # GPT-2 has 1024 positions for prompt and summary together; T5 has no position table.
    assert fitted_limits(causal_bundle, LengthLimits(2000, 64)) == LengthLimits(960, 64)
    assert fitted_limits(causal_bundle, LengthLimits(256, 64)) == LengthLimits(256, 64)
    assert fitted_limits(seq2seq_bundle, LengthLimits(4000, 300)) == LengthLimits(4000, 300)


def test_data_collator_pads_labels_with_ignore_index(seq2seq_bundle, causal_bundle, splits):
    for bundle in (seq2seq_bundle, causal_bundle):
        rows = tokenize_splits(splits, bundle, LengthLimits(64, 16))["train"].remove_columns(
            "length"
        )
        batch = data_collator(bundle)([rows[0], rows[1]])
        width = batch["labels"].shape[1]
        assert batch["labels"].shape[0] == 2
        for i in range(2):
            assert (batch["labels"][i, len(rows[i]["labels"]) :] == IGNORE_INDEX).all()
            assert batch["labels"][i, : len(rows[i]["labels"])].tolist() == rows[i]["labels"]
        assert width == max(len(rows[0]["labels"]), len(rows[1]["labels"]))


# --------------------------------------------------------------------------- generation


def test_summaries_come_back_in_the_callers_order(seq2seq_bundle):
    texts = [TEXTS[0], "Corto.", LONG_TEXT[:400], TEXTS[3]]  # lengths in no particular order
    one_by_one = [summarize(seq2seq_bundle, text, FAST) for text in texts]
    assert generate_summaries(seq2seq_bundle, texts, FAST, batch_size=1) == one_by_one
    together = generate_summaries(seq2seq_bundle, texts, FAST, batch_size=16)
    assert len(together) == len(texts) and all(isinstance(s, str) for s in together)
    # Reversing the input reverses the output: each summary stays with its text.
    assert generate_summaries(seq2seq_bundle, texts[::-1], FAST, batch_size=16) == together[::-1]


def test_greedy_is_deterministic(seq2seq_bundle, causal_bundle):
    for bundle in (seq2seq_bundle, causal_bundle):
        first = generate_summaries(bundle, TEXTS[:3], FAST)
        assert generate_summaries(bundle, TEXTS[:3], FAST) == first
        assert len(first) == 3


def test_causal_generation_order(causal_bundle):
    texts = [TEXTS[2], "Hola.", TEXTS[0]]
    one_by_one = [summarize(causal_bundle, text, FAST) for text in texts]
    assert generate_summaries(causal_bundle, texts, FAST, batch_size=1) == one_by_one
    together = generate_summaries(causal_bundle, texts, FAST)
    assert generate_summaries(causal_bundle, texts[::-1], FAST) == together[::-1]


def test_beams_and_sampling_run(seq2seq_bundle, causal_bundle):
    import torch

    beams = GenerationSettings(max_new_tokens=6, num_beams=3)
    sampling = GenerationSettings(max_new_tokens=6, do_sample=True, temperature=0.7, seed=5)
    for bundle in (seq2seq_bundle, causal_bundle):
        assert len(generate_summaries(bundle, TEXTS[:2], beams)) == 2
        state = torch.random.get_rng_state()
        sampled = generate_summaries(bundle, TEXTS[:2], sampling)
        assert torch.equal(torch.random.get_rng_state(), state)  # others' randomness untouched
        assert generate_summaries(bundle, TEXTS[:2], sampling) == sampled  # the seed fixes it
        assert len(sampled) == 2 and all(isinstance(s, str) for s in sampled)


def test_on_progress_reports_each_batch(seq2seq_bundle):
    progress = []
    generate_summaries(
        seq2seq_bundle,
        TEXTS[:5],
        FAST,
        batch_size=2,
        on_progress=lambda done, total: progress.append((done, total)),
    )
    assert progress == [(2, 5), (4, 5), (5, 5)]


def test_should_stop_ends_early(seq2seq_bundle):
    progress = []
    asked = []

    def should_stop():
        asked.append(1)
        return len(progress) >= 1

    summaries = generate_summaries(
        seq2seq_bundle,
        TEXTS,
        FAST,
        batch_size=2,
        on_progress=lambda d, t: progress.append(d),
        should_stop=should_stop,
    )
    assert progress == [2]  # one batch written, then stopped
    assert len(asked) >= 2  # asked between batches (and at every generated token)
    assert len(summaries) == len(TEXTS)
    written = generate_summaries(seq2seq_bundle, TEXTS, FAST, batch_size=2)
    order = sorted(range(len(TEXTS)), key=lambda i: len(TEXTS[i]))
    not_written = order[2:]
    assert all(summaries[i] == "" for i in not_written)
    assert all(summaries[i] == written[i] for i in order[:2])


def test_empty_and_odd_inputs(seq2seq_bundle, causal_bundle):
    assert generate_summaries(seq2seq_bundle, [], FAST) == []
    for bundle in (seq2seq_bundle, causal_bundle):
        result = generate_summaries(bundle, ["", None, "Hola."], FAST)
        assert len(result) == 3 and all(isinstance(s, str) for s in result)


def test_settings_to_dict():
    assert GenerationSettings(num_beams=4).to_dict()["num_beams"] == 4


def test_cancel_stops_a_long_summary_mid_generation():
    """A cancel is checked at every token, so even one long summary stops quickly."""
    import threading
    import time

    from widgets_llm.engine.generation import GenerationSettings, generate_summaries
    from widgets_llm.engine.models import build_offline_model

    bundle = build_offline_model(
        ["hola mundo esto es una prueba de texto largo"] * 20, "seq2seq", "mini"
    )
    asked = threading.Event()
    threading.Timer(0.2, asked.set).start()
    settings = GenerationSettings(
        max_new_tokens=5000, num_beams=2, no_repeat_ngram_size=0, repetition_penalty=1.0
    )
    started = time.perf_counter()
    summaries = generate_summaries(bundle, ["hola mundo " * 50], settings, should_stop=asked.is_set)
    assert summaries == [""]  # cut short: nothing half-written is returned
    assert generate_summaries(
        bundle, ["hola mundo"], GenerationSettings(max_new_tokens=4), should_stop=lambda: False
    )[0]
    assert (
        time.perf_counter() - started < 60
    )  # generous; 5000 tokens with beams would take far longer
