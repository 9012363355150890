"""The warm-up: Spanish sentences, self-supervised examples, the plan, the two-stage run,
copying decoding, repetition measures, extra plain texts and the CLI flags.

Models are "mini" offline models trained for a handful of steps on a few dozen short texts:
each run takes seconds.
"""

from __future__ import annotations

import json
import threading
import zipfile
from types import SimpleNamespace

import pytest

import widgets_llm  # noqa: F401  (first: its quiet defaults for the Hugging Face libraries)

torch = pytest.importorskip("torch")
datasets = pytest.importorskip("datasets")

from widgets_llm import cli  # noqa: E402
from widgets_llm.engine.config import TrainingConfig  # noqa: E402
from widgets_llm.engine.evaluation import compare_models  # noqa: E402
from widgets_llm.engine.generation import (  # noqa: E402
    GenerationSettings,
    InputPhrasesOnly,
    generate_summaries,
    settings_for,
)  # noqa: E402
from widgets_llm.engine.models import build_offline_model, train_tokenizer  # noqa: E402
from widgets_llm.engine.scoring import distinct_bigram_share, longest_repeat, repetition_measures  # noqa: E402
from widgets_llm.engine.training import TrainingRun  # noqa: E402
from widgets_llm.engine.warmup import (  # noqa: E402
    EXAMPLE_KINDS,
    generate_examples,
    load_plain_texts,
    plan_warmup,
    principal_sentence_index,
    text_sentences,
    warmup_examples,
)
from widgets_llm.errors import DataError, TrainingError  # noqa: E402

NEWS = [
    "El Sr. Pérez y la Dra. Gómez viajaron a EE. UU. el martes para firmar el acuerdo. "
    "¿Llegaron a tiempo? ¡Sí, con una hora de sobra! Pagaron 3.5 millones de pesos por el equipo, "
    "según el informe. «Volveremos pronto con más noticias», dijo la doctora al salir.",
    "La cooperativa de Ocotal inauguró un centro de acopio de café este lunes. "
    "El nuevo local permitirá a cuarenta familias vender la cosecha sin intermediarios. "
    "La obra costó doce mil pesos y se financió con aportes de los socios. "
    "Los socios del centro de acopio esperan vender más café el próximo año.",
    "La biblioteca del barrio San Telmo abrió una sala de lectura para niños y niñas. "
    "Cada sábado habrá cuentos leídos en voz alta por vecinos voluntarios. "
    "La sala tiene libros en español y en guaraní, donados por las familias del barrio.",
]


def _texts(count: int) -> list[str]:
    towns = ["Ocotal", "Matagalpa", "Jinotega", "Estelí", "Somoto", "Boaco", "Juigalpa", "Rivas"]
    texts = []
    for i in range(count):
        town = towns[i % len(towns)]
        texts.append(
            f"La escuela de {town} celebró su feria de ciencias el viernes {i + 2} de mayo. "
            f"Los alumnos de sexto grado mostraron un filtro de agua hecho con arena y carbón. "
            f"La directora dijo que la feria de {town} volverá a hacerse el año próximo. "
            f"Las familias llevaron comida y música para todos los visitantes."
        )
    return texts


def _pairs(count: int):
    texts = _texts(count)
    summaries = [text.split(". ")[0] + "." for text in texts]
    return texts, summaries


@pytest.fixture(scope="module")
def tokenizer():
    texts, summaries = _pairs(40)
    return train_tokenizer(texts + summaries + NEWS, 600)


@pytest.fixture
def make_bundle(tokenizer):
    def make(seed: int = 0):
        return build_offline_model([], "seq2seq", "mini", seed=seed, tokenizer=tokenizer)

    return make


@pytest.fixture(scope="module")
def splits():
    texts, summaries = _pairs(40)
    return datasets.DatasetDict(
        train=datasets.Dataset.from_dict({"text": texts[:32], "summary": summaries[:32]}),
        validation=datasets.Dataset.from_dict({"text": texts[32:], "summary": summaries[32:]}),
    )


def quick_config(**changes) -> TrainingConfig:
    values = dict(
        max_steps=8,
        batch_size=4,
        learning_rate=3e-3,
        log_every_steps=1,
        max_input_length=96,
        max_target_length=40,
    )
    return TrainingConfig(**{**values, **changes})


# --------------------------------------------------------------------------- sentences


def test_spanish_sentences_split_at_the_right_places():
    assert text_sentences(NEWS[0]) == [
        "El Sr. Pérez y la Dra. Gómez viajaron a EE. UU. el martes para firmar el acuerdo.",
        "¿Llegaron a tiempo?",
        "¡Sí, con una hora de sobra!",
        "Pagaron 3.5 millones de pesos por el equipo, según el informe.",
        "«Volveremos pronto con más noticias», dijo la doctora al salir.",
    ]
    assert text_sentences("Trajeron mesas, sillas, etc. Luego llegó la banda.") == [
        "Trajeron mesas, sillas, etc.",
        "Luego llegó la banda.",
    ]
    assert text_sentences("Dijo: «Ya llegué.» Y se fue.") == ["Dijo: «Ya llegué.»", "Y se fue."]


# --------------------------------------------------------------------------- examples


def test_every_target_is_a_real_sentence_of_its_text():
    pool = generate_examples(NEWS, seed=1)
    sentences = {s for text in NEWS for s in text_sentences(text)}
    pairs = {
        f"{a} {b}" for text in NEWS for a, b in zip(text_sentences(text), text_sentences(text)[1:])
    }
    assert all(pool[kind] for kind in EXAMPLE_KINDS)
    for kind in EXAMPLE_KINDS:
        for example in pool[kind]:
            assert example.kind == kind
            assert example.summary in sentences or (
                kind in ("copy", "denoise") and example.summary in pairs
            )
            assert len(example.summary.split()) >= 5  # "¿Llegaron a tiempo?" is never a target
    for example in pool["copy"]:
        assert example.text == example.summary
    for example in pool["lead"]:
        assert example.text.startswith(example.summary) and example.text != example.summary
    for example in pool["denoise"]:
        kept, full = example.text.split(), example.summary.split()
        assert len(kept) < len(full) and kept[0] == full[0]
        position = 0
        for word in kept:  # the input is the target with words deleted, in order
            position = full.index(word, position) + 1
    kept = [e for e in pool["principal"] if e.summary in e.text]
    removed = [e for e in pool["principal"] if e.summary not in e.text]
    assert kept and removed  # both kinds: find-and-copy and write-from-context


def test_principal_sentence_shares_most_words_with_the_rest():
    window = text_sentences(NEWS[1])
    # The last sentence repeats "socios", "centro de acopio", "vender", "café".
    assert principal_sentence_index(window) == 3
    assert principal_sentence_index(["Hola.", "Muy bien.", "Sí."]) == 0


def test_examples_are_reproducible():
    assert generate_examples(NEWS, seed=4) == generate_examples(NEWS, seed=4)


# --------------------------------------------------------------------------- the plan


def test_plan_depends_on_model_choice_and_data():
    texts = _texts(30)
    config = TrainingConfig()
    plan = plan_warmup(texts, config, model_kind="offline", model_size="pequeno")
    assert plan.enabled and plan.reason == "warmup.reason.offline"
    assert plan.steps >= 20 and 0 < plan.copy_first_steps < plan.steps
    assert sum(plan.examples.values()) == plan.steps * config.batch_size
    assert plan.texts == 30 and plan.sentences == 120
    assert "30" in plan.describe("es") and "pasos" in plan.describe("es")
    json.dumps(plan.to_dict())
    assert plan_warmup(texts, config, model_kind="hub").reason == "warmup.reason.pretrained"
    assert not plan_warmup(texts, config.updated(warmup="off")).enabled
    assert plan_warmup(texts, config.updated(warmup="on"), model_kind="hub").enabled
    assert plan_warmup(texts, config.updated(warmup_steps=7)).steps == 7
    # A fixed max_steps bounds the whole run: the warm-up takes at most half.
    assert plan_warmup(texts, config.updated(max_steps=10)).steps == 5
    short = plan_warmup(["Hola.", "Sí, claro."], config)
    assert not short.enabled and short.reason == "warmup.reason.no_sentences"
    more = plan_warmup(_texts(60), config, model_kind="offline", model_size="pequeno")
    assert more.steps > plan.steps  # more texts, longer warm-up
    assert (
        plan_warmup(_texts(60), config, model_size="mini").steps <= 150
    )  # "mini" is for a quick first try


def test_schedule_copies_first_then_mixes_every_kind():
    texts = _texts(20) + NEWS
    config = TrainingConfig(batch_size=4)
    plan = plan_warmup(texts, config, model_size="mini")
    examples = warmup_examples(texts, plan, seed=3, config=config)
    assert len(examples) == plan.steps * 4
    first = examples[: plan.copy_first_steps * 4]
    assert {e.kind for e in first} == {"copy", "shuffle", "denoise"}
    sentences = {
        tuple(sorted(sentence.split())) for text in texts for sentence in text_sentences(text)
    }
    shuffled = [e for e in examples if e.kind == "shuffle"]
    # A shuffled sentence is copied as it is: the same words, in the order given.
    assert shuffled and all(
        e.text == e.summary and tuple(sorted(e.text.split())) in sentences for e in shuffled
    )
    assert {e.kind for e in examples[len(first) :]} == set(EXAMPLE_KINDS)
    assert examples == warmup_examples(texts, plan, seed=3, config=config)  # resumable: same order


# --------------------------------------------------------------------------- repetition


def test_repetition_measures_on_known_strings():
    assert longest_repeat("de de de infanci infanci limpio") == 3
    assert longest_repeat("El niño comió pan.") == 1
    assert longest_repeat("") == 0
    assert longest_repeat("Sí, sí. SÍ") == 3  # as ROUGE compares words: case and punctuation aside
    assert distinct_bigram_share(["a b c", "a b d"]) == pytest.approx(3 / 4)
    assert distinct_bigram_share(["hola", ""]) == 0.0
    same = ["el mercado abrió sus puertas"] * 4
    assert distinct_bigram_share(same) == pytest.approx(0.25)
    measures = repetition_measures(["de de de casa", "La casa es azul.", "uno dos"])
    assert measures == {
        "longest_repeat": 3.0,
        "share_with_triple_repeat": pytest.approx(1 / 3),
        "distinct_bigrams": pytest.approx(6 / 7),
    }  # (de, de) twice


# --------------------------------------------------------------------------- copying decoding


def test_phrase_table_allows_only_continuations_of_the_text():
    eos = 1
    # Two sentences: [5 6 7 8] and [9 6 7 10]; they share the pair (6, 7).
    processor = InputPhrasesOnly(
        [([5, 6, 7, 8, 9, 6, 7, 10], [0, 4])], n=3, eos_id=eos, prompt_length=1
    )
    table = processor.tables[0]
    assert processor.allowed(table, []) == {5, 9}  # a summary starts where a sentence starts
    assert processor.allowed(table, [5]) == {6}
    assert processor.allowed(table, [5, 6]) == {7}
    assert processor.allowed(table, [5, 6, 7]) == {8, 10}  # (6, 7) continues either sentence
    assert processor.allowed(table, [9, 6, 7, 8]) == {
        eos
    }  # the end token only where a sentence ends
    tokens_only = InputPhrasesOnly([([5, 6, 7], [0])], n=1, eos_id=eos, prompt_length=1)
    assert tokens_only.allowed(tokens_only.tables[0], [7, 7]) == {5, 6, 7, eos}
    scores = torch.zeros((2, 12))
    masked = processor(torch.tensor([[0, 5], [0, 9]]), scores)
    assert torch.isfinite(masked[0]).nonzero().flatten().tolist() == [6]
    assert torch.isfinite(masked[1]).nonzero().flatten().tolist() == [6]


def test_copying_summaries_are_stretches_of_their_own_text(make_bundle):
    bundle = make_bundle()  # untrained: only the rule makes it copy
    texts = [NEWS[1], NEWS[2]]
    free = generate_summaries(bundle, texts, GenerationSettings(max_new_tokens=30))
    copied = generate_summaries(
        bundle, texts, GenerationSettings(max_new_tokens=40, copy_from_input=4, num_beams=2)
    )
    tokenizer = bundle.tokenizer
    for text, summary in zip(texts, copied):
        ids = tokenizer(text, add_special_tokens=False)["input_ids"]
        written = tokenizer(summary, add_special_tokens=False)["input_ids"]
        grams = {tuple(ids[i : i + 4]) for i in range(len(ids) - 3)}
        assert summary and all(tuple(written[i : i + 4]) in grams for i in range(len(written) - 3))
        assert any(summary.startswith(sentence.split()[0]) for sentence in text_sentences(text))
    for text, summary in zip(
        texts,
        generate_summaries(bundle, texts, GenerationSettings(max_new_tokens=20, copy_from_input=1)),
    ):
        allowed = set(tokenizer(text)["input_ids"])
        assert set(tokenizer(summary, add_special_tokens=False)["input_ids"]) <= allowed
    assert free != copied
    assert settings_for(bundle).copy_from_input > 1
    assert settings_for(SimpleNamespace(source=SimpleNamespace(kind="hub"))).copy_from_input == 0


# --------------------------------------------------------------------------- the two-stage run


def test_two_stage_run_marks_stages_stops_and_resumes(make_bundle, splits, tmp_path):
    bundle = make_bundle()
    config = quick_config()
    run = TrainingRun(bundle, splits, config, tmp_path, extra_texts=NEWS)
    plan = run.warmup_plan()
    assert plan.enabled and plan.steps == 4 and plan.texts == 32 + len(NEWS)
    at_step_two, release = threading.Event(), threading.Event()

    def hold_at_step_two(event):
        if event.kind == "step" and event.step == 2 and not release.is_set():
            at_step_two.set()
            release.wait(60)

    run.subscribe(hold_at_step_two)
    run.start()
    try:
        assert at_step_two.wait(60)
        assert run.stage == "warmup"
        run.stop()
    finally:
        release.set()
    result = run.join(60)
    assert result.status == "stopped" and result.steps == 2 and result.warmup_steps == 2
    assert run.history[-1].stage == "warmup"
    assert run.last_warmup_checkpoint().name == "checkpoint-2" and run.last_checkpoint() is None
    assert run.can_resume()

    resumed_from = len(run.history)
    result = run.run(resume=True)
    assert result.status == "finished", result.error
    events = run.history[resumed_from:]
    assert [e.kind for e in events].count("started") == 1
    steps = [(e.stage, e.step, e.stage_step) for e in events if e.kind == "step"]
    assert steps == [
        ("warmup", 3, 3),
        ("warmup", 4, 4),
        ("finetune", 5, 1),
        ("finetune", 6, 2),
        ("finetune", 7, 3),
        ("finetune", 8, 4),
    ]
    assert all(e.max_steps == 8 and e.warmup_steps == 4 for e in events)
    assert result.steps == 8 and result.max_steps == 8 and result.warmup_steps == 4
    assert {h["stage"] for h in result.log_history} == {"warmup", "finetune"}
    assert "warmup_state" in bundle.extra and "initial_state" in bundle.extra
    assert not all(
        torch.equal(bundle.extra["warmup_state"][k], v)
        for k, v in bundle.model.state_dict().items()
    )

    comparison = compare_models(
        None,
        bundle,
        list(splits["validation"]["text"])[:3],
        list(splits["validation"]["summary"])[:3],
        settings=GenerationSettings(max_new_tokens=12),
    )
    assert comparison.warmup is not None
    assert set(comparison.stage_gains()) == {"warmup", "finetune"}
    data = comparison.to_dict()
    assert set(data["warmup"]["repetition"]) == {
        "longest_repeat",
        "share_with_triple_repeat",
        "distinct_bigrams",
    }


def test_new_run_resumes_fine_tuning_after_a_finished_warm_up(make_bundle, splits, tmp_path):
    config = quick_config()
    first = TrainingRun(make_bundle(), splits, config, tmp_path)
    first.subscribe(lambda e: first.stop() if e.kind == "step" and e.step == 6 else None)
    assert first.run().status == "stopped"
    assert first.warmup_finished() and first.last_checkpoint().name == "checkpoint-2"
    warmed = first.bundle.extra["warmup_state"]

    second = TrainingRun(make_bundle(), splits, config, tmp_path)
    result = second.run(resume=True)
    assert result.status == "finished" and result.steps == 8
    assert [(e.stage, e.step) for e in second.history if e.kind == "step"] == [
        ("finetune", 7),
        ("finetune", 8),
    ]
    assert all(torch.equal(second.bundle.extra["warmup_state"][k], v) for k, v in warmed.items())


def test_stopped_between_stages_fine_tunes_from_the_warmed_up_weights(
    make_bundle, splits, tmp_path
):
    config = quick_config(max_steps=6)
    first = TrainingRun(make_bundle(), splits, config, tmp_path)
    first.subscribe(lambda e: first.stop() if e.kind == "step" and e.step == 3 else None)
    assert first.run().status == "stopped" and first.warmup_finished()  # the warm-up's last step
    second = TrainingRun(make_bundle(), splits, config, tmp_path)
    result = second.run(resume=True)
    assert result.status == "finished"
    assert [(e.stage, e.step) for e in second.history if e.kind == "step"] == [
        ("finetune", 4),
        ("finetune", 5),
        ("finetune", 6),
    ]


def test_warmup_off_is_a_plain_fine_tuning(make_bundle, splits, tmp_path):
    run = TrainingRun(make_bundle(), splits, quick_config(max_steps=3, warmup="off"), tmp_path)
    result = run.run()
    assert result.status == "finished" and result.warmup_steps == 0 and result.warmup is None
    assert {e.stage for e in run.history} == {"finetune"} and [
        e.step for e in run.history if e.kind == "step"
    ] == [1, 2, 3]
    assert "warmup_state" not in run.bundle.extra
    with pytest.raises(TrainingError):
        TrainingRun(make_bundle(), splits, quick_config(), tmp_path / "empty").run(resume=True)


def test_old_configuration_without_warmup_fields_still_loads():
    old = {
        k: v for k, v in TrainingConfig().to_dict().items() if k not in ("warmup", "warmup_steps")
    }
    assert "warmup_ratio" in old  # the scheduler's warm-up, an older and different setting
    config = TrainingConfig.from_dict(old)
    assert config.warmup == "auto" and config.warmup_steps == 0


# --------------------------------------------------------------------------- plain texts


def _docx(path, paragraphs):
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
        f'wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>'
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", xml)


def test_plain_texts_from_txt_csv_docx_and_folders(tmp_path):
    folder = tmp_path / "textos"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Primer texto, línea uno.\nSigue aquí.\n\n\nSegundo texto.\n", encoding="utf-8"
    )
    (folder / "b.csv").write_text(
        "id;cuerpo;autor\n1;Un texto largo de la tabla sobre el río;Ana\n"
        "2;Otro texto de la tabla;Luis\n",
        encoding="utf-8",
    )
    _docx(folder / "c.docx", ["Un párrafo del documento.", "Otro párrafo más."])
    (folder / "notas.bin").write_bytes(b"\x00\x01")  # not a text file: left alone in a folder
    assert load_plain_texts(folder / "a.txt") == [
        "Primer texto, línea uno. Sigue aquí.",
        "Segundo texto.",
    ]
    assert load_plain_texts(folder / "b.csv") == [
        "Un texto largo de la tabla sobre el río",
        "Otro texto de la tabla",
    ]
    assert load_plain_texts(folder / "b.csv", column="autor") == ["Ana", "Luis"]
    assert load_plain_texts(folder / "c.docx") == ["Un párrafo del documento. Otro párrafo más."]
    assert len(load_plain_texts(folder)) == 5


def test_plain_texts_from_uploads_are_read_in_memory(tmp_path):
    docx = tmp_path / "d.docx"
    _docx(docx, ["Un párrafo subido.", "Y otro más."])
    uploads = [
        ("a.txt", "Texto uno. Sigue.\n\nTexto dos.".encode("utf-8")),
        {
            "name": "c.csv",
            "content": memoryview("cuerpo\nUna fila de la tabla con texto\n".encode("utf-8")),
        },
        ("d.docx", docx.read_bytes()),
    ]
    assert load_plain_texts(uploads) == [
        "Texto uno. Sigue.",
        "Texto dos.",
        "Una fila de la tabla con texto",
        "Un párrafo subido. Y otro más.",
    ]
    assert load_plain_texts(("a.txt", "Solo uno.".encode("latin-1"))) == ["Solo uno."]
    with pytest.raises(DataError) as caught:
        load_plain_texts([("vacio.txt", b"\n \n")])
    assert caught.value.key == "warmup.texts.empty"


@pytest.mark.parametrize(
    "setup, key",
    [
        (lambda p: p / "no_existe.txt", "warmup.texts.not_found"),
        (lambda p: (p / "x.odt").write_bytes(b"x") and p / "x.odt", "warmup.texts.unsupported"),
        (
            lambda p: (p / "v.txt").write_text("\n\n  \n", encoding="utf-8") and p / "v.txt",
            "warmup.texts.empty",
        ),
        (
            lambda p: (
                (p / "t.csv").write_text("a;b\nuno dos;tres\n", encoding="utf-8") and p / "t.csv"
            ),
            "warmup.texts.no_column",
        ),
        (
            lambda p: (p / "roto.docx").write_bytes(b"no es un zip") and p / "roto.docx",
            "warmup.texts.unreadable",
        ),
    ],
)
def test_plain_text_errors_say_what_to_do(tmp_path, setup, key):
    path = setup(tmp_path)
    with pytest.raises(DataError) as raised:
        load_plain_texts(path, column="cuerpo" if key == "warmup.texts.no_column" else None)
    assert raised.value.key == key
    assert raised.value.suggestion("es") and raised.value.message("en") != raised.value.message(
        "es"
    )


def test_pdf_without_pypdf_says_how_to_read_it(tmp_path, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_pypdf(name, *args, **kwargs):
        if name == "pypdf":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pypdf)
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(DataError) as raised:
        load_plain_texts(tmp_path / "a.pdf")
    assert raised.value.key == "warmup.texts.needs_pypdf" and "pypdf" in raised.value.suggestion(
        "es"
    )


# --------------------------------------------------------------------------- command line


@pytest.fixture(scope="module")
def cli_data(tmp_path_factory):
    import pandas as pd

    folder = tmp_path_factory.mktemp("cli-warmup")
    texts, summaries = _pairs(30)
    pd.DataFrame({"texto": texts, "resumen": summaries}).to_csv(folder / "pares.csv", index=False)
    (folder / "extra.txt").write_text("\n\n".join(NEWS), encoding="utf-8")
    return folder


def test_cli_train_with_warmup_and_extra_texts(cli_data, tmp_path, capsys):
    output = tmp_path / "run"
    code = cli.main(
        [
            "train",
            "--data",
            str(cli_data / "pares.csv"),
            "--model",
            "offline-t5-mini",
            "--preset",
            "fast",
            "--max-steps",
            "6",
            "--warmup",
            "on",
            "--extra-texts",
            str(cli_data / "extra.txt"),
            "--output",
            str(output),
            "--json",
        ]
    )
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "Textos adicionales para el calentamiento: 3" in captured.err
    assert "Calentamiento activado" in captured.err and "prepara" in captured.err
    assert "[calentamiento]" in captured.err and "[entrenamiento con tus pares]" in captured.err
    report = json.loads(captured.out)
    assert report["warmup"]["enabled"] and report["warmup"]["steps"] == 3
    assert report["warmup"]["texts"] == len(_pairs(30)[0]) - 6 + len(NEWS)  # training split + extra
    assert report["training"]["warmup_steps"] == 3 and report["training"]["steps"] == 6
    saved = json.loads((output / "run.json").read_text(encoding="utf-8"))
    assert saved["generation"]["copy_from_input"] > 1  # the offline model copies from its text


def test_cli_train_without_warmup(cli_data, tmp_path, capsys):
    code = cli.main(
        [
            "train",
            "--data",
            str(cli_data / "pares.csv"),
            "--model",
            "offline-t5-mini",
            "--max-steps",
            "2",
            "--warmup",
            "off",
            "--output",
            str(tmp_path / "run"),
            "--json",
        ]
    )
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "Sin calentamiento" in captured.err and "[calentamiento]" not in captured.err
    assert json.loads(captured.out)["training"]["warmup_steps"] == 0


def test_cli_rejects_unknown_warmup_and_missing_texts(cli_data, tmp_path, capsys):
    with pytest.raises(SystemExit) as raised:
        cli.main(
            [
                "train",
                "--data",
                str(cli_data / "pares.csv"),
                "--warmup",
                "siempre",
                "--output",
                str(tmp_path),
            ]
        )
    assert raised.value.code == 2
    code = cli.main(
        [
            "train",
            "--data",
            str(cli_data / "pares.csv"),
            "--model",
            "offline-t5-mini",
            "--extra-texts",
            str(tmp_path / "falta.txt"),
            "--output",
            str(tmp_path / "run"),
        ]
    )
    assert code == 2 and "falta.txt" in capsys.readouterr().err
