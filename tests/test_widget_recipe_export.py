"""RecipeExport («Repetir fuera del estudio»): the recipe to download or save, the paths it
flags, and the commands that repeat the training, each with its sentence."""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path

import ipywidgets as widgets
import pytest
import yaml
from conftest import find, find_all

from widgets_llm.engine.config import TrainingConfig
from widgets_llm.engine.recipe import RECIPE_FILE, DataRecipe, ModelRecipe, Recipe
from widgets_llm.messages import set_language, t
from widgets_llm.widgets.recipe_export import RecipeExport

CONFIG = TrainingConfig(max_steps=4, batch_size=4, seed=7)


@pytest.fixture
def project(tmp_path) -> Path:
    (tmp_path / "datos").mkdir()
    (tmp_path / "datos" / "noticias.csv").write_text(
        "texto,resumen\nUn texto largo de prueba.,Un resumen.\n", encoding="utf-8"
    )
    return tmp_path


@pytest.fixture
def recipe(project) -> Recipe:
    return Recipe(
        data=DataRecipe(path=str(project / "datos" / "noticias.csv"), text_column="texto"),
        model=ModelRecipe("offline-t5-mini"),
        training=CONFIG,
        output=str(project / "runs" / "repetir"),
    )


def downloaded(export: RecipeExport) -> str:
    """The text behind the download link, as the browser would save it."""
    link = find(export, widgets.HTML, t("recipe_export.download", file=RECIPE_FILE))
    encoded = re.search(r"href='data:text/yaml;charset=utf-8;base64,([^']+)'", link.value).group(1)
    return base64.b64decode(encoded).decode("utf-8")


def test_the_download_link_is_the_recipe_with_paths_from_its_folder(recipe, project):
    export = RecipeExport(recipe, folder=project, processes=2, synchronous=True)
    text = downloaded(export)
    assert text == export.text and export.status == "ready"
    values = yaml.safe_load(text)
    assert values["data"]["path"] == "datos/noticias.csv" and values["output"] == "runs/repetir"
    assert values["training"] == CONFIG.to_dict() and values["model"]["choice"] == "offline-t5-mini"
    # Read back from where it is meant to live, it is the same recipe.
    again = Recipe.from_dict(values, base_dir=project)
    assert again.data_source() == recipe.data_source() and again.output_dir() == recipe.output_dir()
    assert (again.training, again.model, again.data.text_column) == (
        recipe.training,
        recipe.model,
        "texto",
    )
    assert (
        export.warnings == []
        and str(project)
        in find(export, widgets.HTML, t("recipe_export.download", file=RECIPE_FILE)).value
    )


def test_the_commands_to_copy_each_with_its_sentence(recipe, project):
    export = RecipeExport(recipe, folder=project, processes=4, synchronous=True)
    assert [command for _sentence, command in export.commands] == [
        "widgets-llm train --config recipe.yaml",
        "torchrun --nproc_per_node 4 -m widgets_llm train --config recipe.yaml",
        "accelerate launch --num_processes 4 -m widgets_llm train --config recipe.yaml",
    ]
    shown = find(export, widgets.HTML, t("recipe_export.commands.title"))
    plain = html.unescape(shown.value)
    for key in ("single", "torchrun", "accelerate"):
        assert t(f"recipe_export.command.{key}") in plain
    for _sentence, command in export.commands:
        assert command in plain
    assert t("recipe_export.processes_unknown") not in plain


def test_without_a_gpu_count_the_commands_say_n_and_what_to_put(recipe, project, monkeypatch):
    import widgets_llm.widgets.recipe_export as module

    monkeypatch.setattr(module, "visible_gpus", lambda: None)
    export = RecipeExport(recipe, folder=project, synchronous=True)
    assert (
        export.commands[1][1]
        == "torchrun --nproc_per_node N -m widgets_llm train --config recipe.yaml"
    )
    assert t("recipe_export.processes_unknown") in html.unescape(
        find(export, widgets.HTML, t("recipe_export.commands.title")).value
    )


def test_paths_that_will_not_exist_elsewhere_are_shown(recipe, project, tmp_path_factory):
    outside = tmp_path_factory.mktemp("fuera") / "datos.csv"
    outside.write_text("texto,resumen\n", encoding="utf-8")
    recipe.data.path = str(outside)
    export = RecipeExport(recipe, folder=project, processes=1, synchronous=True)
    assert len(export.warnings) == 1 and export.warnings[0].startswith("data.path: «../")
    # Shown as a warning (and inside the recipe, folded, as a comment).
    shown = find_all(export, widgets.HTML, export.warnings[0][:40])
    assert [w for w in shown if "wllm-warning" in w.value]
    assert "# Aviso: data.path:" in downloaded(export)


def test_save_writes_the_recipe_into_its_folder_and_says_where(recipe, project):
    export = RecipeExport(recipe, folder=project, processes=1, synchronous=True)
    saved = []
    export.on_recipe_saved(saved.append)
    find(export, widgets.Button, t("recipe_export.save")).click()
    path = project / RECIPE_FILE
    assert saved == [path] and export.status == "saved"
    assert path.read_text(encoding="utf-8") == export.text
    assert Recipe.from_yaml(path).data_source() == recipe.data_source()
    assert t("recipe_export.saved", path=str(path)) in export._status_line.value


def test_no_recipe_yet_says_what_to_do_then_a_recipe_shows(recipe, project):
    export = RecipeExport(None, folder=project, processes=1, synchronous=True)
    assert export.status == "empty" and export.text == ""
    assert find(export, widgets.HTML, t("recipe_export.empty")).layout.display != "none"
    assert export.save() is None and not (project / RECIPE_FILE).exists()
    export.recipe = recipe
    assert export.status == "ready" and downloaded(export) == export.text
    assert find(export, widgets.HTML, t("recipe_export.empty")).layout.display == "none"
    changed = Recipe(
        data=recipe.data, model=recipe.model, training=CONFIG.updated(seed=8), output=recipe.output
    )
    export.recipe = changed
    assert yaml.safe_load(downloaded(export))["training"]["seed"] == 8


def test_english_when_chosen(recipe, project):
    set_language("en")
    try:
        export = RecipeExport(recipe, folder=project, processes=2, synchronous=True)
        assert find(export, widgets.Button, "Save the recipe on the server")
        assert export.commands[0][0].startswith("One process")
        assert "Repeat outside the studio" in export.children[0].value
    finally:
        set_language("es")


def test_the_hyperparameter_panel_offers_the_recipe_of_its_configuration(project):
    from widgets_llm.engine.data import load_pairs
    from widgets_llm.widgets.hyperparameter_panel import HyperparameterPanel

    rows = ["texto,resumen"] + [
        f"El huerto número {i} de la escuela creció mucho gracias al trabajo de los estudiantes."
        f",El huerto {i} creció."
        for i in range(12)
    ]
    data_file = project / "datos" / "huertos.csv"
    data_file.write_text("\n".join(rows) + "\n", encoding="utf-8")
    panel = HyperparameterPanel(CONFIG, auto_estimate=False, synchronous=True)
    export = panel.recipe_export
    assert export.recipe is None  # no data yet
    panel.data = load_pairs(str(data_file))
    assert export.recipe.training == CONFIG and export.recipe.data_source() == str(data_file)
    assert export.recipe.model.choice == "offline"
    panel.config = CONFIG.updated(learning_rate=0.002)
    assert yaml.safe_load(export.text)["training"]["learning_rate"] == 0.002
    assert export in list(panel.children[-1].children)  # folded at the bottom of the panel
