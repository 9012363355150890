"""Recipes: one recipe.yaml repeats a training from the studio, a notebook or a terminal.

The long test trains three times with the same recipe and seed (the studio clicked through,
``run_recipe`` as a notebook calls it, ``widgets-llm train --config``) and finds the same
losses and metrics. The others check relative paths (a moved project still trains), the paths
flagged when a recipe is written, the one-line refusals of unknown keys and bad values, the
command-line options that override a recipe, and the recipe.yaml of every saved run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from conftest import find

from widgets_llm import cli
from widgets_llm.engine.config import TrainingConfig
from widgets_llm.engine.data import CleaningOptions, SplitOptions, example_path, load_pairs
from widgets_llm.engine.generation import GenerationSettings
from widgets_llm.engine.recipe import (
    RECIPE_FILE,
    DataRecipe,
    ModelRecipe,
    Recipe,
    read_config_or_recipe,
    run_recipe,
)
from widgets_llm.errors import ConfigError
from widgets_llm.messages import set_language, t

pytestmark = pytest.mark.timeout(600)

#: A training of a few steps on the mini offline model: seconds on a laptop's CPU.
TINY = TrainingConfig(
    max_steps=4,
    batch_size=4,
    max_input_length=64,
    max_target_length=24,
    learning_rate=1e-3,
    warmup="off",
    log_every_steps=1,
    seed=5,
)
OFFLINE_ENV = {"HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}


def write_pairs(path: Path, count: int = 30) -> Path:
    """The first ``count`` pairs of the bundled Spanish example, as a JSON Lines file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = example_path("ejemplo_es").read_text(encoding="utf-8").splitlines()[:count]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def tiny_recipe(data_path: str, output: str = "runs/receta", **training) -> Recipe:
    return Recipe(
        data=DataRecipe(path=data_path),
        model=ModelRecipe("offline-t5-mini"),
        training=TINY.updated(**training),
        output=output,
    )


def losses(run_dir: Path) -> list[float]:
    lines = (run_dir / "training_log.jsonl").read_text(encoding="utf-8").splitlines()
    return [entry["loss"] for entry in map(json.loads, lines) if "loss" in entry]


def metrics_of(run_dir: Path) -> dict:
    """The test split's metrics of a saved run."""
    return json.loads((run_dir / "metrics.json").read_text(encoding="utf-8"))["test"]


# --------------------------------------------------------------------------- one recipe, three ways


def test_the_studio_a_notebook_and_the_terminal_train_the_same_run_from_one_recipe(
    tmp_path, monkeypatch
):
    import ipywidgets as widgets

    from widgets_llm.widgets.studio import Studio

    project = tmp_path / "proyecto"
    data_file = write_pairs(project / "data" / "noticias.jsonl")
    monkeypatch.chdir(tmp_path)

    # 1. The studio, clicked through: the data file, the mini offline model, a short training.
    studio = Studio(
        data_dir=project / "data",
        runs_dir=project / "runs",
        config=TINY,
        auto_estimate=False,
        synchronous=True,
    )
    uploader = studio.component("data")
    uploader.load(str(data_file), prepare=True)
    assert uploader.status == "ready" and studio.dataset is not None
    studio.go_to("model")
    picker = studio.component("model")
    picker.choice = "offline-t5-mini"
    find(picker, widgets.Button, t("picker.load")).click()
    assert studio.bundle is not None
    # The hyperparameter panel offers the same recipe as the last step will.
    panel_export = studio.component("config").recipe_export
    assert panel_export.recipe == studio.recipe() and Path(panel_export.folder) == project
    studio.go_to("training")
    find(studio.component("training"), widgets.Button, t("chart.start")).click()
    result = studio.run.join(timeout=300)
    assert result.status == "finished" and result.steps == TINY.max_steps
    [studio_run] = studio.experiment_paths
    assert (studio_run / RECIPE_FILE).is_file()

    # «Guardar y usar» offers the recipe: saved next to the data and runs folders.
    studio.go_to("save")
    export = studio.component("recipe_export")
    assert Path(export.folder) == project and export.warnings == []
    find(export, widgets.Button, t("recipe_export.save")).click()
    recipe_path = project / RECIPE_FILE
    assert recipe_path.read_text(encoding="utf-8") == export.text
    written = yaml.safe_load(export.text)
    assert written["data"]["path"] == "data/noticias.jsonl" and written["output"] == "runs/repetir"
    assert written["model"] == {
        "choice": "offline-t5-mini",
        "size": "mini",
        "architecture": "seq2seq",
        "vocabulary": "data",
    }
    assert written["training"] == TINY.to_dict()

    # «Guardar» of the run manager: the saved run keeps the studio's whole recipe.
    manager = studio.component("save")
    find(manager, widgets.Text, t("runmanager.name.label")).value = "guardado"
    find(manager, widgets.Button, t("runmanager.save")).click()
    saved = Recipe.from_yaml(project / "runs" / "guardado" / RECIPE_FILE)
    assert saved.data_source() == str(data_file)
    assert saved.data.cleaning == studio.dataset.cleaning_options
    assert saved.training == TINY and saved.output_dir() == project / "runs" / "guardado"

    # 2. A notebook: the same recipe file, another output folder.
    notebook = run_recipe(replace(Recipe.from_yaml(recipe_path), output=str(tmp_path / "cuaderno")))
    assert notebook.result.status == "finished" and notebook.path == tmp_path / "cuaderno"

    # 3. A terminal: widgets-llm train --config recipe.yaml, the output given as an option.
    assert (
        cli.main(["train", "--config", str(recipe_path), "--output", str(tmp_path / "terminal")])
        == 0
    )

    runs = [studio_run, tmp_path / "cuaderno", tmp_path / "terminal"]
    assert len(losses(studio_run)) >= TINY.max_steps
    for run_dir in runs[1:]:
        assert losses(run_dir) == losses(studio_run), run_dir
        assert metrics_of(run_dir) == metrics_of(studio_run), run_dir
    # Every run keeps the recipe that made it: same data, model and settings; its own folder.
    for run_dir in runs:
        kept = Recipe.from_yaml(run_dir / RECIPE_FILE)
        assert kept.data_source() == str(data_file) and kept.model.choice == "offline-t5-mini"
        assert kept.training == TINY and kept.output_dir() == run_dir
        assert (kept.data.text_column, kept.data.summary_column) == ("texto", "resumen")


def test_a_moved_project_still_trains_from_its_recipe(tmp_path):
    project = tmp_path / "proyecto"
    write_pairs(project / "datos" / "noticias.jsonl")
    recipe = tiny_recipe(
        str(project / "datos" / "noticias.jsonl"),
        output=str(project / "runs" / "movida"),
        max_steps=2,
    )
    assert (
        recipe.to_yaml(project / RECIPE_FILE) == []
    )  # everything inside the project: nothing flagged
    text = (project / RECIPE_FILE).read_text(encoding="utf-8")
    assert (
        "path: datos/noticias.jsonl" in text
        and "output: runs/movida" in text
        and str(tmp_path) not in text
    )

    moved = tmp_path / "otro_sitio" / "copia"
    moved.parent.mkdir()
    shutil.move(str(project), str(moved))
    elsewhere = tmp_path / "otra_carpeta"
    elsewhere.mkdir()
    proc = subprocess.run(
        [sys.executable, "-m", "widgets_llm", "train", "--config", str(moved / RECIPE_FILE)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=elsewhere,
        env={**os.environ, **OFFLINE_ENV},
    )
    assert proc.returncode == 0, proc.stderr
    assert (moved / "runs" / "movida" / "run.json").is_file()
    assert not (
        elsewhere / "runs"
    ).exists()  # the recipe's paths start from its folder, not from here


def test_python_m_widgets_llm_is_the_command_line():
    proc = subprocess.run(
        [sys.executable, "-m", "widgets_llm", "--help"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **OFFLINE_ENV, "WIDGETS_LLM_LANG": "es"},
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("uso: widgets-llm") and "train" in proc.stdout


# --------------------------------------------------------------------------- paths


def test_paths_are_relative_to_the_recipe_and_the_ones_that_will_not_exist_elsewhere_are_flagged(
    tmp_path,
):
    project = tmp_path / "proyecto"
    inside = write_pairs(project / "datos" / "dentro.jsonl")
    outside = write_pairs(tmp_path / "fuera" / "fuera.jsonl")
    extra = project / "textos.txt"
    extra.write_text("Un texto sin resumen para el calentamiento.\n", encoding="utf-8")

    recipe = Recipe.from_run(
        str(inside), "offline-t5-mini", TINY, output=project / "runs" / "x", extra_texts=[extra]
    )
    assert recipe.to_yaml(project / RECIPE_FILE) == []
    values = yaml.safe_load((project / RECIPE_FILE).read_text(encoding="utf-8"))
    assert values["data"]["path"] == "datos/dentro.jsonl" and values["data"]["extra_texts"] == [
        "textos.txt"
    ]

    set_language("es")
    flags = replace(recipe, data=replace(recipe.data, path=str(outside))).to_yaml(
        project / "fuera.yaml"
    )
    assert flags == [t("recipe.flag.outside", setting="data.path", path="../fuera/fuera.jsonl")]
    text = (project / "fuera.yaml").read_text(encoding="utf-8")
    assert (
        "# Aviso: data.path: «../fuera/fuera.jsonl» está fuera de la carpeta de la receta" in text
    )
    assert Recipe.from_yaml(project / "fuera.yaml").data_source() == str(
        outside
    )  # still works here

    # An uploaded file: only its name is known, and it is not there.
    uploaded = replace(recipe, data=replace(recipe.data, path="subido.csv"), base_dir=project)
    assert uploaded.to_yaml(project / "subido.yaml") == [
        t("recipe.flag.missing", setting="data.path", path="subido.csv")
    ]
    set_language("en")
    try:
        assert (
            "outside the recipe's folder"
            in replace(recipe, data=replace(recipe.data, path=str(outside))).yaml_text(project)[1][
                0
            ]
        )
    finally:
        set_language("es")

    # Examples and Hub ids are names, not paths: nothing to flag.
    named = replace(recipe, data=replace(recipe.data, path="ejemplo_es", extra_texts=[]))
    assert named.to_yaml(project / "ejemplo.yaml") == []
    assert (
        yaml.safe_load((project / "ejemplo.yaml").read_text(encoding="utf-8"))["data"]["path"]
        == "ejemplo_es"
    )


@pytest.mark.skipif(not os.access("/dev/shm", os.W_OK), reason="needs a folder outside /tmp's tree")
def test_a_path_sharing_nothing_but_the_root_is_kept_absolute_and_flagged(tmp_path):
    import tempfile

    with tempfile.TemporaryDirectory(dir="/dev/shm") as other:
        data_file = write_pairs(Path(other) / "lejos.jsonl")
        recipe = tiny_recipe(str(data_file), output=str(Path(other) / "runs"))
        flags = recipe.to_yaml(tmp_path / RECIPE_FILE)
        assert flags == [
            t("recipe.flag.absolute", setting="data.path", path=str(data_file)),
            t("recipe.flag.output", path=str(Path(other) / "runs")),
        ]
        assert Recipe.from_yaml(tmp_path / RECIPE_FILE).data.path == str(data_file)


# --------------------------------------------------------------------------- refusals

BAD_RECIPES = [
    # (where, how the recipe is spoiled, Spanish words, English words)
    (
        "training.learning_rate",
        lambda v: v["training"].update(learning_rate=5),
        "demasiado alta",
        "too high",
    ),
    (
        "training.batch_size",
        lambda v: v["training"].update(batch_size=0),
        "mayor que 0",
        "greater than 0",
    ),
    (
        "training.lerning_rate",
        lambda v: v["training"].update(lerning_rate=0.001),
        "clave desconocida",
        "unknown key",
    ),
    (
        "training.precision",
        lambda v: v["training"].update(precision="fp8"),
        "auto, fp32, bf16, fp16",
        "auto, fp32",
    ),
    ("optimizer", lambda v: v.update(optimizer="adam"), "clave desconocida", "unknown key"),
    ("data.path", lambda v: v["data"].pop("path"), "falta", "missing"),
    (
        "data.cleaning.on_too_long",
        lambda v: v["data"]["cleaning"].update(on_too_long="cut"),
        "truncate",
        "truncate",
    ),
    (
        "data.cleaning.strip_html",
        lambda v: v["data"]["cleaning"].update(strip_html="quizá"),
        "sí o no",
        "yes or no",
    ),
    (
        "data.split",
        lambda v: v["data"]["split"].update(test_fraction=1.5),
        "entre 0 y 1",
        "between 0 and 1",
    ),
    ("model.size", lambda v: v["model"].update(size="mediano"), "no coincide", "does not match"),
    (
        "model.vocabulary",
        lambda v: v["model"].update(vocabulary="hub"),
        "sale de los datos",
        "comes from the data",
    ),
    (
        "generation.num_beams",
        lambda v: v["generation"].update(num_beams=0),
        "mayor que 0",
        "greater than 0",
    ),
]


@pytest.mark.parametrize(
    "where, spoil, spanish, english", BAD_RECIPES, ids=[case[0] for case in BAD_RECIPES]
)
def test_a_bad_recipe_is_one_line_naming_the_key_exit_2_and_nothing_starts(
    where, spoil, spanish, english, tmp_path, capsys, monkeypatch
):
    data_file = write_pairs(tmp_path / "datos.jsonl")
    recipe = tiny_recipe(str(data_file), output=str(tmp_path / "salida"))
    recipe = replace(recipe, generation=GenerationSettings())
    values, _flags = recipe.to_dict(tmp_path)
    spoil(values)
    path = tmp_path / "mala.yaml"
    path.write_text(yaml.safe_dump(values, allow_unicode=True), encoding="utf-8")

    def must_not_run(*args, **kwargs):
        raise AssertionError("the data was read despite a bad recipe")

    monkeypatch.setattr(Recipe, "load_data", must_not_run)
    for lang, words in (("es", spanish), ("en", english)):
        assert cli.main(["train", "--config", str(path), "--lang", lang]) == cli.EXIT_USER_ERROR
        captured = capsys.readouterr()
        err = captured.err.strip()
        assert len(err.splitlines()) == 1 and "Traceback" not in err, err
        assert err.startswith(f"{where}: ") and words in err, err
        assert "mala.yaml" in err and not captured.out
    with pytest.raises(ConfigError) as raised:
        Recipe.from_yaml(path)
    assert raised.value.params["where"] == where
    assert not (tmp_path / "salida").exists()


def test_a_recipe_that_is_not_yaml_says_so_in_one_line(tmp_path, capsys):
    path = tmp_path / "receta.yaml"
    path.write_text("data: [sin cerrar\n", encoding="utf-8")
    assert cli.main(["train", "--config", str(path)]) == cli.EXIT_USER_ERROR
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith(f"No se pudo leer la receta «{path}»")


def test_train_without_a_recipe_still_needs_data_and_output(capsys, tmp_path):
    assert cli.main(["train", "--data", "ejemplo_es"]) == cli.EXIT_USER_ERROR
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith("Falta --output")


# --------------------------------------------------------------------------- the command line


def _train_args(*options: str):
    set_language("es")
    return cli.build_parser().parse_args(["train", *options])


def test_command_line_options_override_the_recipe(tmp_path, monkeypatch):
    project = tmp_path / "proyecto"
    write_pairs(project / "datos.jsonl")
    other = write_pairs(tmp_path / "otros.jsonl", count=12)
    recipe = tiny_recipe(str(project / "datos.jsonl"), output=str(project / "runs" / "r"))
    recipe.data.cleaning = CleaningOptions(min_text_words=4)
    recipe.data.split = SplitOptions(test_fraction=0.2, seed=9)
    recipe.to_yaml(project / RECIPE_FILE)
    monkeypatch.chdir(tmp_path)

    unchanged = cli._recipe_from(_train_args("--config", str(project / RECIPE_FILE)))
    assert unchanged.training == TINY and unchanged.output_dir() == project / "runs" / "r"
    assert unchanged.data_source() == str(project / "datos.jsonl")

    changed = cli._recipe_from(
        _train_args(
            "--config",
            str(project / RECIPE_FILE),
            "--seed",
            "11",
            "--learning-rate",
            "0,002",
            "--no-group-by-length",
            "--data",
            "otros.jsonl",
            "--text-column",
            "titulo",
            "--model",
            "offline-gpt2-mini",
            "--output",
            "aqui",
        )
    )
    assert changed.training == TINY.updated(seed=11, learning_rate=0.002, group_by_length=False)
    assert changed.data_source() == str(
        other
    )  # relative to where the command runs, not to the recipe
    assert changed.output_dir() == tmp_path / "aqui"
    assert changed.model.choice == "offline-gpt2-mini" and changed.data.text_column == "titulo"
    # What the options do not name stays as the recipe says.
    assert (
        changed.data.cleaning == CleaningOptions(min_text_words=4) and changed.data.split.seed == 9
    )
    assert (
        changed.model_seed() == 11
    )  # the offline model's first weights follow the training's seed


def test_a_configuration_file_still_works_with_config(tmp_path):
    path = TrainingConfig(batch_size=4, seed=11).save(tmp_path / "config.yaml")
    assert isinstance(read_config_or_recipe(path), TrainingConfig)
    recipe = cli._recipe_from(
        _train_args("--config", str(path), "--data", "ejemplo_es", "--output", "x", "--seed", "12")
    )
    assert (recipe.training.batch_size, recipe.training.seed) == (4, 12)
    assert recipe.data.path == "ejemplo_es" and recipe.model.choice == "offline"
    assert cli._config_from(_train_args("--config", str(path))) == TrainingConfig(
        batch_size=4, seed=11
    )


# --------------------------------------------------------------------------- saved runs


@pytest.fixture(scope="module")
def mini_bundle():
    from widgets_llm.engine.models import build_offline_model

    prepared = load_pairs("ejemplo_es")
    train = prepared.splits["train"]
    return prepared, build_offline_model(
        list(train["text"]) + list(train["summary"]), "seq2seq", "mini", seed=1
    )


def test_save_run_without_a_recipe_writes_the_one_it_can_make(mini_bundle, tmp_path):
    from widgets_llm.engine.runs import describe_data, load_run, save_run

    prepared, bundle = mini_bundle
    path = save_run(tmp_path / "run", bundle, config=TINY, data_info=describe_data(prepared))
    recipe = Recipe.from_yaml(path / RECIPE_FILE)
    assert recipe.data.path == "ejemplo_es" and recipe.model.choice == "offline-t5-mini"
    assert recipe.training == TINY and recipe.output_dir() == path
    assert recipe.generation == load_run(path).generation
    assert Recipe.from_saved_run(path) == recipe


def test_runs_saved_before_recipes_still_load_and_give_their_recipe(mini_bundle, tmp_path):
    from widgets_llm.engine.runs import describe_data, load_run, save_run

    prepared, bundle = mini_bundle
    path = save_run(tmp_path / "antigua", bundle, config=TINY, data_info=describe_data(prepared))
    (path / RECIPE_FILE).unlink()  # as every run saved before recipes
    assert load_run(path).config == TINY
    recipe = Recipe.from_saved_run(path)
    assert recipe.data.path == "ejemplo_es" and recipe.data.text_column == prepared.text_column
    assert (
        recipe.model.choice == "offline-t5-mini"
        and recipe.training == TINY
        and recipe.output_dir() == path
    )


def test_a_recipe_from_prepared_data_repeats_its_cleaning_and_split(tmp_path):
    data_file = write_pairs(tmp_path / "datos.jsonl")
    prepared = load_pairs(
        str(data_file),
        cleaning=CleaningOptions(min_text_words=5),
        split=SplitOptions(validation_fraction=0.2, test_fraction=0.2, seed=3),
    )
    recipe = Recipe.from_run(prepared, "offline-t5-mini", TINY, output=tmp_path / "r")
    recipe.to_yaml(tmp_path / RECIPE_FILE)
    again = Recipe.from_yaml(tmp_path / RECIPE_FILE).load_data()
    assert again.sizes == prepared.sizes
    for name in ("train", "validation", "test"):
        assert list(again.splits[name]["text"]) == list(prepared.splits[name]["text"])
