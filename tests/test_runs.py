"""Tests of widgets_llm.engine.runs: save, load, base model, zip export/import, listing."""

from __future__ import annotations

import json
import stat
import zipfile

import pytest

from widgets_llm.engine.evaluation import (
    compare_models,
    evaluate_model,
    is_lora_bundle,
    load_base_bundle,
)
from widgets_llm.engine.generation import GenerationSettings, generate_summaries
from widgets_llm.engine.runs import (
    SavedRun,
    describe_data,
    export_run_zip,
    import_run_zip,
    list_runs,
    load_run,
    read_run_info,
    save_run,
)
from widgets_llm.errors import ModelError, RunError

SHORT = GenerationSettings(max_new_tokens=20)
TEXTS = [
    f"La biblioteca {i} del barrio de Peñalba abrió una sala de lectura nueva después de {i} meses "
    f"de obras. Los vecinos celebraron la noticia."
    for i in range(60)
]
SUMMARIES = [f"La biblioteca {i} abrió una sala nueva." for i in range(60)]
EVAL_TEXTS, EVAL_SUMMARIES = TEXTS[50:], SUMMARIES[50:]
SAMPLE = EVAL_TEXTS[:4]


def _splits():
    import datasets

    return datasets.DatasetDict(
        train=datasets.Dataset.from_dict({"text": TEXTS[:50], "summary": SUMMARIES[:50]}),
        validation=datasets.Dataset.from_dict({"text": EVAL_TEXTS, "summary": EVAL_SUMMARIES}),
    )


def train_mini(run_dir, architecture: str, lora: bool = False) -> dict:
    """A "mini" offline model trained a few steps in ``run_dir`` (its checkpoints land there)."""
    from widgets_llm.engine.config import TrainingConfig
    from widgets_llm.engine.models import build_offline_model
    from widgets_llm.engine.training import TrainingRun

    bundle = build_offline_model(TEXTS + SUMMARIES, architecture, "mini", seed=2)
    before = generate_summaries(bundle, SAMPLE, SHORT)
    initial = {k: v.detach().clone() for k, v in bundle.model.state_dict().items()}
    config = TrainingConfig(
        num_epochs=2 if lora else 3,
        batch_size=8,
        learning_rate=1e-2 if lora else 3e-3,
        log_every_steps=2,
        use_lora=lora,
    )
    result = TrainingRun(bundle, _splits(), config, run_dir).run()
    assert result.status == "finished", result.error
    return {
        "bundle": bundle,
        "config": config,
        "result": result,
        "before": before,
        "initial": initial,
        "dir": run_dir,
    }


@pytest.fixture(scope="module")
def seq2seq(tmp_path_factory):
    return train_mini(tmp_path_factory.mktemp("runs") / "t5_completo", "seq2seq")


@pytest.fixture(scope="module")
def causal(tmp_path_factory):
    return train_mini(tmp_path_factory.mktemp("runs") / "gpt2_completo", "causal")


@pytest.fixture(scope="module")
def seq2seq_lora(tmp_path_factory):
    return train_mini(tmp_path_factory.mktemp("runs") / "t5_lora", "seq2seq", lora=True)


@pytest.fixture(scope="module")
def causal_lora(tmp_path_factory):
    return train_mini(tmp_path_factory.mktemp("runs") / "gpt2_lora", "causal", lora=True)


@pytest.fixture(scope="module")
def saved_seq2seq(seq2seq):
    """The seq2seq run saved in its own training folder, with a comparison as metrics."""
    comparison = compare_models(None, seq2seq["bundle"], EVAL_TEXTS, EVAL_SUMMARIES, settings=SHORT)
    path = save_run(
        seq2seq["dir"],
        seq2seq["bundle"],
        config=seq2seq["config"],
        result=seq2seq["result"],
        metrics=comparison,
        data_info=describe_data(_splits(), source="bibliotecas.csv"),
        generation=SHORT,
        lang="es",
    )
    return path, comparison


def _weights_equal(state_a, state_b) -> bool:
    import torch

    return state_a.keys() == state_b.keys() and all(
        torch.equal(state_a[k], state_b[k]) for k in state_a
    )


# --------------------------------------------------------------------------- save and load


def test_saved_run_has_every_file(saved_seq2seq, seq2seq):
    path, _ = saved_seq2seq
    for name in (
        "model/config.json",
        "model/tokenizer.json",
        "tokenizer/tokenizer.json",
        "base_model/config.json",
        "config.yaml",
        "run.json",
        "metrics.json",
        "training_log.jsonl",
        "README.md",
    ):
        assert (path / name).is_file(), name
    assert not (path / "adapter").exists()
    assert (path / "checkpoints").is_dir()  # left by the TrainingRun, kept by default
    info = json.loads((path / "run.json").read_text(encoding="utf-8"))
    assert info["format_version"] == 1
    assert info["architecture"] == "seq2seq" and info["model_format"] == "full"
    assert info["base_model"] == {"kind": "offline", "name": "mini", "architecture": "seq2seq"}
    assert info["base_weights"] == "base_model"
    assert info["generation"]["max_new_tokens"] == 20
    assert info["data"]["sizes"] == {"train": 50, "validation": 10}
    assert info["data"]["source"] == "bibliotecas.csv"
    assert info["precision"] == seq2seq["result"].precision
    assert (
        info["training"]["steps"] == seq2seq["result"].steps
        and "log_history" not in info["training"]
    )
    assert "widgets_llm_version" in info and info["created"]
    log_lines = (path / "training_log.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(log_lines) == len(seq2seq["result"].log_history)
    assert all(isinstance(json.loads(line), dict) for line in log_lines)


def test_model_card_is_spanish_with_results_and_privacy(saved_seq2seq):
    path, comparison = saved_seq2seq
    card = (path / "README.md").read_text(encoding="utf-8")
    assert "Privacidad" in card and "sin enviar los datos" in card
    assert "Hiperparámetros" in card and "learning_rate" in card
    assert "Línea base" in card and "Perplejidad" in card
    # a Spanish card: decimal commas
    assert f"{100 * comparison.tuned.rouge['rougeL']:.1f}".replace(".", ",") in card
    assert f"{100 * comparison.lead_baseline['rougeL']:.1f}".replace(".", ",") in card
    assert "bibliotecas.csv" in card and "50 de entrenamiento" in card


def test_model_card_says_the_training_time_as_its_reader_writes_numbers():
    from widgets_llm.engine.runs.card import _card_training

    training = {"steps": 40, "epoch": 2.0, "elapsed": 93.0, "precision": "bf16"}
    assert "1,6 minutos" in _card_training(training, "es")
    assert "1.6 minutes" in _card_training(training, "en")
    assert "45 segundos" in _card_training({**training, "elapsed": 45.2}, "es")


def test_load_full_seq2seq_gives_identical_generations(saved_seq2seq, seq2seq):
    path, comparison = saved_seq2seq
    run = load_run(path)
    assert isinstance(run, SavedRun)
    assert run.config == seq2seq["config"]
    assert run.metrics == {"kind": "comparison", **json.loads(json.dumps(comparison.to_dict()))}
    assert run.generation == SHORT
    assert run.bundle.architecture == "seq2seq" and run.bundle.source.kind == "offline"
    assert not run.bundle.model.training
    texts = EVAL_TEXTS
    assert generate_summaries(run.bundle, texts, SHORT) == generate_summaries(
        seq2seq["bundle"], texts, SHORT
    )
    assert len(run.training_log()) == len(seq2seq["result"].log_history)


def test_load_full_causal_gives_identical_generations(causal, tmp_path):
    path = save_run(
        tmp_path / "gpt2", causal["bundle"], config=causal["config"], result=causal["result"]
    )
    run = load_run(path)
    assert run.bundle.architecture == "causal"
    assert run.metrics == {}
    assert generate_summaries(run.bundle, EVAL_TEXTS, SHORT) == generate_summaries(
        causal["bundle"], EVAL_TEXTS, SHORT
    )
    assert generate_summaries(
        run.bundle, EVAL_TEXTS[:3], GenerationSettings(max_new_tokens=12, num_beams=3)
    ) == generate_summaries(
        causal["bundle"], EVAL_TEXTS[:3], GenerationSettings(max_new_tokens=12, num_beams=3)
    )


@pytest.mark.parametrize("fixture", ["seq2seq_lora", "causal_lora"])
def test_lora_adapter_save_and_load_identical(fixture, request, tmp_path):
    trained = request.getfixturevalue(fixture)
    bundle = trained["bundle"]
    path = save_run(tmp_path / "lora", bundle, config=trained["config"], result=trained["result"])
    assert (path / "adapter" / "adapter_config.json").is_file()
    assert not (path / "model").exists()
    assert (path / "base_model" / "config.json").is_file()
    assert read_run_info(path)["model_format"] == "lora"
    run = load_run(path)
    assert is_lora_bundle(run.bundle)
    assert generate_summaries(run.bundle, EVAL_TEXTS, SHORT) == generate_summaries(
        bundle, EVAL_TEXTS, SHORT
    )
    # The base under the adapter is the initial model: switching the adapter off gives the old
    # summaries.
    assert generate_summaries(load_base_bundle(run.bundle), SAMPLE, SHORT) == trained["before"]


@pytest.mark.parametrize("fixture", ["seq2seq_lora", "causal_lora"])
def test_lora_merged_save_and_load_identical(fixture, request, tmp_path):
    trained = request.getfixturevalue(fixture)
    bundle = trained["bundle"]
    expected = generate_summaries(bundle, EVAL_TEXTS, SHORT)
    path = save_run(tmp_path / "merged", bundle, config=trained["config"], merge_lora=True)
    assert is_lora_bundle(bundle)  # the caller's bundle keeps its adapter
    assert generate_summaries(bundle, EVAL_TEXTS, SHORT) == expected
    assert (path / "model" / "config.json").is_file() and (path / "adapter").is_dir()
    run = load_run(path)
    assert run.model_format == "lora_merged"
    assert not is_lora_bundle(run.bundle)
    assert generate_summaries(run.bundle, EVAL_TEXTS, SHORT) == expected


def test_base_of_saved_offline_run_is_the_initial_model(saved_seq2seq, seq2seq):
    run = load_run(saved_seq2seq[0])
    base = run.load_base()
    assert _weights_equal(base.model.state_dict(), seq2seq["initial"])
    assert generate_summaries(base, SAMPLE, SHORT) == seq2seq["before"]
    # The loaded bundle remembers its initial weights too (for comparing after more training).
    assert _weights_equal(run.bundle.extra["initial_state"], seq2seq["initial"])
    assert generate_summaries(load_base_bundle(run), SAMPLE, SHORT) == seq2seq["before"]
    comparison = compare_models(None, run.bundle, SAMPLE, EVAL_SUMMARIES[:4], settings=SHORT)
    assert comparison.base.predictions == seq2seq["before"]


def test_saved_metrics_can_be_a_report(seq2seq, tmp_path):
    report = evaluate_model(seq2seq["bundle"], EVAL_TEXTS[:4], EVAL_SUMMARIES[:4], settings=SHORT)
    path = save_run(tmp_path / "r", seq2seq["bundle"], config=seq2seq["config"], metrics=report)
    assert json.loads((path / "metrics.json").read_text(encoding="utf-8")) == {
        "kind": "evaluation",
        **json.loads(json.dumps(report.to_dict())),
    }
    assert (
        "Modelo base"
        not in (path / "README.md")
        .read_text(encoding="utf-8")
        .split("## Resultados")[1]
        .split("##")[0]
    )


def test_remove_checkpoints_option(causal, tmp_path):
    run_dir = tmp_path / "con_checkpoints"
    (run_dir / "checkpoints" / "checkpoint-1").mkdir(parents=True)
    (run_dir / "checkpoints" / "checkpoint-1" / "x.bin").write_bytes(b"1")
    save_run(run_dir, causal["bundle"], config=causal["config"])
    assert (run_dir / "checkpoints" / "checkpoint-1" / "x.bin").is_file()
    save_run(run_dir, causal["bundle"], config=causal["config"], remove_checkpoints=True)
    assert not (run_dir / "checkpoints").exists()
    assert load_run(run_dir).bundle.architecture == "causal"


def test_saving_again_replaces_the_previous_model(seq2seq_lora, seq2seq, tmp_path):
    run_dir = tmp_path / "otra_vez"
    save_run(run_dir, seq2seq_lora["bundle"], config=seq2seq_lora["config"])
    assert (run_dir / "adapter").is_dir()
    save_run(run_dir, seq2seq["bundle"], config=seq2seq["config"])
    assert not (run_dir / "adapter").exists()
    assert load_run(run_dir).model_format == "full"


def test_save_refuses_a_folder_with_other_files(seq2seq, tmp_path):
    folder = tmp_path / "mis_documentos"
    folder.mkdir()
    (folder / "notas.txt").write_text("no tocar", encoding="utf-8")
    with pytest.raises(RunError) as info:
        save_run(folder, seq2seq["bundle"], config=seq2seq["config"])
    assert info.value.key == "runs.folder_in_use"
    assert sorted(p.name for p in folder.iterdir()) == ["notas.txt"]
    assert (folder / "notas.txt").read_text(encoding="utf-8") == "no tocar"


# --------------------------------------------------------------------------- errors


def test_load_errors_are_clear(saved_seq2seq, tmp_path):
    with pytest.raises(RunError) as info:
        load_run(tmp_path / "no_existe")
    assert info.value.key == "runs.missing_folder"

    empty = tmp_path / "vacia"
    empty.mkdir()
    with pytest.raises(RunError) as info:
        load_run(empty)
    assert info.value.key == "runs.not_a_run" and "run.json" in info.value.message("es")

    broken = tmp_path / "rota"
    broken.mkdir()
    (broken / "run.json").write_text("{esto no es json", encoding="utf-8")
    with pytest.raises(RunError) as info:
        load_run(broken)
    assert info.value.key == "runs.corrupt_info"
    (broken / "run.json").write_text('["una lista"]', encoding="utf-8")
    with pytest.raises(RunError) as info:
        load_run(broken)
    assert info.value.key == "runs.corrupt_info"

    info_data = json.loads((saved_seq2seq[0] / "run.json").read_text(encoding="utf-8"))
    no_model = tmp_path / "sin_modelo"
    no_model.mkdir()
    (no_model / "run.json").write_text(json.dumps(info_data), encoding="utf-8")
    import shutil

    shutil.copytree(saved_seq2seq[0] / "tokenizer", no_model / "tokenizer")
    with pytest.raises(RunError) as info:
        load_run(no_model)
    assert info.value.key == "runs.missing_model"
    assert info.value.params["folder"] == "model"

    newer = tmp_path / "futura"
    newer.mkdir()
    (newer / "run.json").write_text(
        json.dumps({**info_data, "format_version": 99}), encoding="utf-8"
    )
    with pytest.raises(RunError) as info:
        load_run(newer)
    assert info.value.key == "runs.newer_format"


def test_damaged_weights_are_a_run_error(saved_seq2seq, tmp_path):
    import shutil

    copy = tmp_path / "danada"
    shutil.copytree(saved_seq2seq[0], copy, ignore=shutil.ignore_patterns("checkpoints"))
    (copy / "model" / "model.safetensors").write_bytes(b"basura")
    with pytest.raises(RunError) as info:
        load_run(copy)
    assert info.value.key == "runs.unreadable_model"


def test_base_of_unreachable_hub_model_is_a_model_error(saved_seq2seq, tmp_path, monkeypatch):
    import shutil

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    copy = tmp_path / "de_hub"
    shutil.copytree(
        saved_seq2seq[0], copy, ignore=shutil.ignore_patterns("checkpoints", "base_model")
    )
    info = json.loads((copy / "run.json").read_text(encoding="utf-8"))
    info["base_model"] = {
        "kind": "hub",
        "name": "no-existe/modelo-inventado",
        "architecture": "seq2seq",
    }
    info["base_weights"] = None
    (copy / "run.json").write_text(json.dumps(info), encoding="utf-8")
    run = load_run(copy)  # the tuned model itself needs nothing from the hub
    assert generate_summaries(run.bundle, SAMPLE, SHORT)
    with pytest.raises(ModelError):
        run.load_base()


def test_offline_run_without_base_weights_says_so(saved_seq2seq, tmp_path):
    import shutil

    copy = tmp_path / "sin_base"
    shutil.copytree(
        saved_seq2seq[0], copy, ignore=shutil.ignore_patterns("checkpoints", "base_model")
    )
    run = load_run(copy)
    with pytest.raises(RunError) as info:
        run.load_base()
    assert info.value.key == "runs.missing_base"


# --------------------------------------------------------------------------- zip


def test_zip_round_trip(saved_seq2seq, seq2seq, tmp_path):
    path = saved_seq2seq[0]
    zip_path = export_run_zip(path, tmp_path / "exportado.zip")
    with zipfile.ZipFile(zip_path) as archive:
        names = archive.namelist()
    assert f"{path.name}/run.json" in names and f"{path.name}/model/config.json" in names
    assert not any("/checkpoints/" in n for n in names)
    imported = import_run_zip(zip_path, tmp_path / "otro_ordenador")
    assert imported == tmp_path / "otro_ordenador" / path.name
    run = load_run(imported)
    assert generate_summaries(run.bundle, EVAL_TEXTS, SHORT) == generate_summaries(
        seq2seq["bundle"], EVAL_TEXTS, SHORT
    )
    assert generate_summaries(run.load_base(), SAMPLE, SHORT) == seq2seq["before"]
    assert not [p for p in (tmp_path / "otro_ordenador").iterdir() if p.name.startswith(".")]
    with pytest.raises(RunError) as info:  # never overwrites
        import_run_zip(zip_path, tmp_path / "otro_ordenador")
    assert info.value.key == "runs.import_exists"


def test_zip_default_name_and_checkpoints(causal, tmp_path):
    run_dir = tmp_path / "mi_run"
    (run_dir / "checkpoints" / "checkpoint-2").mkdir(parents=True)
    (run_dir / "checkpoints" / "checkpoint-2" / "state.json").write_text("{}", encoding="utf-8")
    save_run(run_dir, causal["bundle"], config=causal["config"])
    default = export_run_zip(run_dir)
    assert default == (tmp_path / "mi_run.zip").resolve()
    with zipfile.ZipFile(default) as archive:
        assert not any("checkpoints" in n for n in archive.namelist())
    full = export_run_zip(run_dir, tmp_path / "completo.zip", include_checkpoints=True)
    with zipfile.ZipFile(full) as archive:
        assert "mi_run/checkpoints/checkpoint-2/state.json" in archive.namelist()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".exporting")]


@pytest.mark.parametrize(
    "bad_name",
    ["../fuera.txt", "/etc/malo.txt", "run/../../fuera.txt", "C:/malo.txt", "run\\..\\malo.txt"],
)
def test_import_refuses_unsafe_entries(bad_name, tmp_path):
    zip_path = tmp_path / "malo.zip"
    with zipfile.ZipFile(zip_path, "w") as archive:
        archive.writestr("run/run.json", "{}")
        archive.writestr(bad_name, "x")
    dest = tmp_path / "destino"
    with pytest.raises(RunError) as info:
        import_run_zip(zip_path, dest)
    assert info.value.key == "runs.unsafe_zip"
    assert not dest.exists()
    assert not (tmp_path / "fuera.txt").exists()


def test_import_refuses_links_and_non_runs(tmp_path):
    link_zip = tmp_path / "enlace.zip"
    with zipfile.ZipFile(link_zip, "w") as archive:
        archive.writestr("run/run.json", "{}")
        link = zipfile.ZipInfo("run/enlace")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    with pytest.raises(RunError) as info:
        import_run_zip(link_zip, tmp_path / "d1")
    assert info.value.key == "runs.unsafe_zip"

    not_run = tmp_path / "fotos.zip"
    with zipfile.ZipFile(not_run, "w") as archive:
        archive.writestr("fotos/playa.jpg", "x")
    with pytest.raises(RunError) as info:
        import_run_zip(not_run, tmp_path / "d2")
    assert info.value.key == "runs.zip_not_a_run"

    not_zip = tmp_path / "falso.zip"
    not_zip.write_text("hola", encoding="utf-8")
    with pytest.raises(RunError) as info:
        import_run_zip(not_zip, tmp_path / "d3")
    assert info.value.key == "runs.not_a_zip"

    broken_run = tmp_path / "roto.zip"
    with zipfile.ZipFile(broken_run, "w") as archive:
        archive.writestr("roto/run.json", "{mal")
    with pytest.raises(RunError) as info:
        import_run_zip(broken_run, tmp_path / "d4")
    assert info.value.key == "runs.corrupt_info"
    assert not (tmp_path / "d4" / "roto").exists()
    assert not [p for p in (tmp_path / "d4").iterdir()]  # staging cleaned up

    with pytest.raises(RunError) as info:
        import_run_zip(tmp_path / "no_existe.zip", tmp_path / "d5")
    assert info.value.key == "runs.missing_zip"


# --------------------------------------------------------------------------- listing


def test_list_runs_newest_first_with_metrics_and_problems(seq2seq, causal, tmp_path):
    parent = tmp_path / "runs"
    report = evaluate_model(causal["bundle"], EVAL_TEXTS[:4], EVAL_SUMMARIES[:4], settings=SHORT)
    save_run(
        parent / "primero", seq2seq["bundle"], config=seq2seq["config"], result=seq2seq["result"]
    )
    save_run(parent / "segundo", causal["bundle"], config=causal["config"], metrics=report)
    # Make the order unambiguous whatever the clock resolution.
    first_info = json.loads((parent / "primero" / "run.json").read_text(encoding="utf-8"))
    first_info["created"] = "2020-01-01T10:00:00+00:00"
    (parent / "primero" / "run.json").write_text(json.dumps(first_info), encoding="utf-8")
    (parent / "roto").mkdir()
    (parent / "roto" / "run.json").write_text("{", encoding="utf-8")
    (parent / "otra_carpeta").mkdir()
    (parent / "archivo.txt").write_text("x", encoding="utf-8")

    runs = list_runs(parent)
    names = [r.name for r in runs]
    assert set(names) == {"primero", "segundo", "roto"}
    good = [r for r in runs if r.problem is None]
    assert [r.name for r in good] == ["segundo", "primero"]
    second = good[0]
    assert second.architecture == "causal" and second.model_format == "full"
    assert second.base_model["kind"] == "offline"
    assert second.metrics["rougeL"] == pytest.approx(report.rouge["rougeL"])
    assert second.metrics["lead_rougeL"] == pytest.approx(report.lead_baseline["rougeL"])
    assert "validation_perplexity" in good[1].metrics and "rougeL" not in good[1].metrics
    broken = next(r for r in runs if r.name == "roto")
    assert broken.problem and "run.json" in broken.problem
    json.dumps([r.to_dict() for r in runs])
    with pytest.raises(RunError):
        list_runs(tmp_path / "no_existe")


def test_describe_data_has_sizes_and_lengths_but_no_texts():
    info = describe_data(_splits(), source="datos.csv")
    assert info["sizes"] == {"train": 50, "validation": 10}
    assert info["source"] == "datos.csv"
    assert info["mean_summary_words"] < info["mean_text_words"]
    assert "Peñalba" not in json.dumps(info, ensure_ascii=False)


def test_lora_on_top_of_changed_weights_keeps_its_own_base(tmp_path):
    """A LoRA adapter added after the weights changed (e.g. full tuning first) needs those
    weights."""
    import torch

    from widgets_llm.engine.config import TrainingConfig
    from widgets_llm.engine.models import build_offline_model
    from widgets_llm.engine.training import apply_lora, keep_initial_weights

    bundle = build_offline_model(TEXTS + SUMMARIES, "seq2seq", "mini", seed=3)
    keep_initial_weights(bundle)
    initial_summaries = generate_summaries(bundle, SAMPLE, SHORT)
    with torch.no_grad():  # stands in for a first, full fine-tuning
        bundle.model.lm_head.weight.mul_(-1.5)
    config = TrainingConfig(use_lora=True)
    apply_lora(bundle, config)
    expected = generate_summaries(bundle, SAMPLE, SHORT)
    assert expected != initial_summaries
    path = save_run(tmp_path / "encima", bundle, config=config)
    assert read_run_info(path)["adapter_base"] == "adapter_base"
    run = load_run(path)
    assert generate_summaries(run.bundle, SAMPLE, SHORT) == expected
    assert generate_summaries(run.load_base(), SAMPLE, SHORT) == initial_summaries


def test_metrics_with_the_test_report_under_a_key_are_understood(causal, tmp_path):
    report = evaluate_model(causal["bundle"], EVAL_TEXTS[:4], EVAL_SUMMARIES[:4], settings=SHORT)
    metrics = {"training": {"steps": 3}, "test": report.to_dict()}
    data = {
        "source": None,
        "format": "csv",
        "rows_in": 70,
        "rows_kept": 60,
        "splits": {"train": 50, "validation": 5, "test": 5},
    }
    path = save_run(
        tmp_path / "p" / "run",
        causal["bundle"],
        config=causal["config"],
        metrics=metrics,
        data_info=data,
        lang="es",
    )
    card = (path / "README.md").read_text(encoding="utf-8")
    assert f"{100 * report.rouge['rougeL']:.1f}".replace(".", ",") in card
    assert "Filas leídas**: 70" in card and "5 de prueba" in card and "None" not in card
    summary = list_runs(tmp_path / "p")[0]
    assert summary.metrics["rougeL"] == pytest.approx(report.rouge["rougeL"])
    assert load_run(path).generation_settings() == load_run(path).generation


# -------------------------------------------------------------------- one definition of a saved run

#: The ``data`` section as the CLI wrote it before describe_data was its only builder.
OLD_CLI_DATA = {
    "source": "noticias.csv",
    "format": "csv",
    "text_column": "noticia",
    "summary_column": "resumen",
    "rows_in": 70,
    "rows_kept": 60,
    "splits": {"train": 50, "validation": 5, "test": 5},
    "fingerprint": {"train": "a" * 16, "all": "b" * 16},
}
#: ... and as the studio and the run manager wrote it (describe_data's keys then).
OLD_STUDIO_DATA = {
    "source": "noticias.csv",
    "text_column": "noticia",
    "summary_column": "resumen",
    "sizes": {"train": 50, "validation": 5, "test": 5},
    "fingerprint": {"train": "a" * 16, "all": "b" * 16},
    "mean_text_words": 30.5,
    "mean_summary_words": 7.0,
}


def test_describe_data_of_prepared_data_has_what_both_writers_had():
    from widgets_llm.engine.data import load_pairs

    prepared = load_pairs("ejemplo_es")
    info = describe_data(prepared)
    assert info["source"] == prepared.table.source_name and info["format"] == prepared.table.format
    assert (
        info["text_column"] == prepared.text_column
        and info["summary_column"] == prepared.summary_column
    )
    assert (
        info["rows_in"] == prepared.report.rows_in
        and info["rows_kept"] == prepared.report.rows_kept
    )
    assert info["sizes"] == prepared.sizes and "splits" not in info
    assert info["mean_text_words"] > info["mean_summary_words"] > 0
    assert (
        info["fingerprint"]["all"]
        and describe_data(prepared, source="otro.csv")["source"] == "otro.csv"
    )


def test_the_cli_and_the_studio_write_the_same_data_section(monkeypatch):
    """pipeline.train (the CLI's path) hands describe_data's dict to save_run, as the studio
    does."""
    from types import SimpleNamespace

    from widgets_llm.engine import pipeline, runs
    from widgets_llm.engine.config import TrainingConfig
    from widgets_llm.engine.data import load_pairs

    prepared = load_pairs("ejemplo_es")
    saved = {}
    monkeypatch.setattr(
        runs, "save_run", lambda output_dir, bundle, **kwargs: saved.update(kwargs) or output_dir
    )
    bundle = SimpleNamespace(source=SimpleNamespace(kind="hub"))
    result = SimpleNamespace(status="finished", to_dict=lambda: {"status": "finished"})
    pipeline.evaluate_and_save(prepared, bundle, TrainingConfig(), "x", result, evaluate_test=False)
    assert saved["data_info"] == describe_data(prepared)


@pytest.mark.parametrize("old_data", [OLD_CLI_DATA, OLD_STUDIO_DATA], ids=["cli", "studio"])
def test_runs_saved_with_the_old_data_keys_still_load(old_data, causal, tmp_path):
    path = save_run(
        tmp_path / "runs" / "antigua",
        causal["bundle"],
        config=causal["config"],
        data_info=describe_data(_splits()),
    )
    info = json.loads((path / "run.json").read_text(encoding="utf-8"))
    info["data"] = old_data
    (path / "run.json").write_text(json.dumps(info), encoding="utf-8")

    data = read_run_info(path)["data"]
    assert data["sizes"] == {"train": 50, "validation": 5, "test": 5} and "splits" not in data
    assert data["source"] == "noticias.csv" and data["fingerprint"]["all"] == "b" * 16
    assert load_run(path).info["data"] == data
    assert list_runs(tmp_path / "runs")[0].problem is None
    from widgets_llm.engine.experiments import load_experiments

    assert load_experiments(tmp_path / "runs").get("antigua").data_fingerprint["all"] == "b" * 16


def test_old_data_keys_given_to_save_run_are_written_with_the_current_names(causal, tmp_path):
    path = save_run(
        tmp_path / "r", causal["bundle"], config=causal["config"], data_info=OLD_CLI_DATA, lang="es"
    )
    data = json.loads((path / "run.json").read_text(encoding="utf-8"))["data"]
    assert data["sizes"] == OLD_CLI_DATA["splits"] and "splits" not in data
    assert "5 de prueba" in (path / "README.md").read_text(encoding="utf-8")


def test_metrics_record_says_its_kind(causal, tmp_path):
    from widgets_llm.engine.runs import metrics_as_dict

    comparison = compare_models(
        None, causal["bundle"], EVAL_TEXTS[:3], EVAL_SUMMARIES[:3], settings=SHORT
    )
    report = comparison.tuned
    saved = save_run(tmp_path / "c", causal["bundle"], config=causal["config"], metrics=comparison)
    assert json.loads((saved / "metrics.json").read_text(encoding="utf-8"))["kind"] == "comparison"
    assert metrics_as_dict(report)["kind"] == "evaluation"
    assert metrics_as_dict(report.to_dict())["kind"] == "evaluation"
    assert metrics_as_dict(comparison.to_dict())["kind"] == "comparison"
    assert (
        metrics_as_dict({"training": {"steps": 3}, "test": report.to_dict()})["kind"]
        == "evaluation"
    )
    assert "kind" not in metrics_as_dict({"training": {"steps": 3}})  # nothing was evaluated
    assert metrics_as_dict(None) == {}


def test_metrics_with_and_without_a_kind_read_the_same(causal, tmp_path):
    """Runs saved before the kind was recorded: their kind is told from their shape."""
    from widgets_llm.engine.runs import metrics_summary, tuned_report
    from widgets_llm.engine.runs.metrics_record import metrics_kind

    comparison = compare_models(
        None, causal["bundle"], EVAL_TEXTS[:3], EVAL_SUMMARIES[:3], settings=SHORT
    )
    report = comparison.tuned.to_dict()
    records = {
        "comparison": json.loads(json.dumps(comparison.to_dict())),
        "evaluation": json.loads(json.dumps(report)),
        "pipeline": {
            "training": {"steps": 3, "perplexity": 9.0},
            "test": json.loads(json.dumps(report)),
        },
    }
    for name, old in records.items():
        kind = "comparison" if name == "comparison" else "evaluation"
        new = {"kind": kind, **old}
        assert metrics_kind(old) == metrics_kind(new) == kind
        assert (
            tuned_report(old)["rougeL"]
            == tuned_report(new)["rougeL"]
            == pytest.approx(report["rougeL"])
        )
        assert metrics_summary(old, {"perplexity": 9.0}) == metrics_summary(
            new, {"perplexity": 9.0}
        )
        path = save_run(
            tmp_path / name / "run", causal["bundle"], config=causal["config"], metrics=new
        )
        summary_new = list_runs(tmp_path / name)[0].metrics
        (path / "metrics.json").write_text(
            json.dumps(old), encoding="utf-8"
        )  # as an older version wrote it
        assert list_runs(tmp_path / name)[0].metrics == summary_new
        assert summary_new["rougeL"] == pytest.approx(report["rougeL"])
        assert ("base_rougeL" in summary_new) == (kind == "comparison")
        assert load_run(path).metrics == old
    # The kind decides, not the shape: an evaluation that happens to hold a "tuned" key is still
    # one.
    odd = {"kind": "evaluation", **report, "tuned": {"rougeL": 0.99}}
    assert tuned_report(odd)["rougeL"] == pytest.approx(report["rougeL"])
    assert metrics_kind({"training": {}}) is None and tuned_report({"training": {}}) is None


def test_runs_saved_without_generation_settings_get_the_engine_defaults(causal, tmp_path):
    from widgets_llm.engine.generation import settings_for

    path = save_run(tmp_path / "g", causal["bundle"], config=causal["config"])
    assert load_run(path).generation == settings_for(causal["bundle"], causal["config"])
    assert load_run(path).generation.max_new_tokens >= causal["config"].max_target_length
