"""Experiments: intervals and paired tests with known answers, sweeps on the offline mini model,
what changed, comparable groups, and the experiments/compare-runs/sweep commands."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from widgets_llm import cli
from widgets_llm.engine import stats
from widgets_llm.engine.config import TrainingConfig
from widgets_llm.engine.data import pairs_from_lists
from widgets_llm.engine.experiments import (
    FAILED_FILE,
    SWEEP_FILE,
    Experiment,
    changed_settings,
    compare_experiments,
    compare_runs,
    delete_experiment,
    load_experiments,
    read_experiment,
    rename_experiment,
    verdict,
)
from widgets_llm.engine.sweeps import Sweep, parse_grid, plan_sweep
from widgets_llm.errors import ConfigError, ExperimentError

TOWNS = [
    "Ocotal",
    "Matagalpa",
    "Jinotega",
    "Estelí",
    "Somoto",
    "Boaco",
    "Juigalpa",
    "Rivas",
    "Granada",
    "Masaya",
    "León",
    "Chinandega",
    "Diriamba",
    "Jinotepe",
    "Nandaime",
    "Acoyapa",
    "Camoapa",
    "Teustepe",
    "Tipitapa",
    "Nagarote",
    "Telica",
    "Wiwilí",
    "Quilalí",
    "Sébaco",
    "Darío",
    "Terrabona",
    "Muy Muy",
    "Matiguás",
    "Río Blanco",
    "Siuna",
]
TEXTS = [
    f"La biblioteca municipal de {town} abrió una sala de lectura para niños. "
    f"Tiene {n + 3} estanterías nuevas y talleres los sábados. "
    f"Los vecinos llevaron libros donados."
    for n, town in enumerate(TOWNS)
]
SUMMARIES = [f"La biblioteca de {town} abrió una sala infantil." for town in TOWNS]
#: Tiny, quick runs: a few steps, short texts, fp32 (no bf16 start-up cost on a CPU).
BASE = TrainingConfig(
    max_steps=2,
    batch_size=8,
    max_input_length=48,
    max_target_length=12,
    warmup="off",
    log_every_steps=1,
    precision="fp32",
    learning_rate=3e-3,
)


@pytest.fixture(scope="module")
def data():
    return pairs_from_lists(TEXTS, SUMMARIES, source_name="bibliotecas")


@pytest.fixture(scope="module")
def data_file(tmp_path_factory):
    import pandas as pd

    path = tmp_path_factory.mktemp("datos") / "bibliotecas.csv"
    pd.DataFrame({"texto": TEXTS, "resumen": SUMMARIES}).to_csv(path, index=False)
    return path


# ---------------------------------------------------------------- statistics: known answers


def test_identical_runs_show_no_difference_and_p_one():
    scores = np.random.default_rng(3).uniform(0.1, 0.6, 20)
    test = stats.paired_test(scores, scores)
    assert test.difference == 0 and test.low == 0 and test.high == 0
    assert test.p_value == pytest.approx(1.0)
    assert test.identical and not test.significant and test.winner is None


def test_clearly_better_run_is_found_with_a_small_p():
    rng = np.random.default_rng(4)
    a = rng.uniform(0.1, 0.4, 30)
    b = a + 0.08 + rng.normal(0, 0.02, 30)
    test = stats.paired_test(a, b)
    assert test.difference == pytest.approx(float(np.mean(b - a)))
    assert 0 < test.low < test.difference < test.high
    assert test.p_value < 0.001 and test.significant and test.winner == "b"
    assert stats.paired_test(b, a).winner == "a"  # the sign follows the order


def test_exact_permutation_p_value_of_a_tiny_case():
    # Three examples, each +0.1: of the 8 sign patterns only "all +" and "all -" are as far
    # from zero as the observed mean, so p = 2/8.
    test = stats.paired_test([0.2, 0.3, 0.4], [0.3, 0.4, 0.5])
    assert test.exact and test.p_value == pytest.approx(0.25)
    assert not test.significant  # three examples can never show a real difference


def test_interval_shrinks_as_test_examples_grow():
    scores = np.random.default_rng(5).uniform(0.0, 0.6, 400)
    widths = [stats.bootstrap_interval(scores[:n]).width for n in (10, 40, 160, 400)]
    assert widths == sorted(widths, reverse=True)
    assert widths[-1] < widths[0] / 4
    interval = stats.bootstrap_interval(scores[:40])
    assert interval.low < interval.mean < interval.high and interval.num_examples == 40


def test_results_are_reproducible_with_the_seed():
    rng = np.random.default_rng(6)
    a, b = rng.uniform(0, 1, 40), rng.uniform(0, 1, 40)
    assert stats.paired_test(a, b, seed=1) == stats.paired_test(a, b, seed=1)
    assert stats.bootstrap_interval(a, seed=1) == stats.bootstrap_interval(a, seed=1)
    assert stats.bootstrap_interval(a, seed=1) != stats.bootstrap_interval(a, seed=2)


def test_statistics_refuse_bad_input():
    with pytest.raises(ValueError):
        stats.paired_test([0.1, 0.2], [0.1])
    with pytest.raises(ValueError):
        stats.bootstrap_interval([], resamples=2000)
    with pytest.raises(ValueError):
        stats.bootstrap_interval([0.1, 0.2], resamples=100)  # fewer than 1000 resamples


def test_verdicts_in_plain_spanish_and_english():
    better = stats.PairedTest(0.031, 0.012, 0.050, 0.002, 40, 0.95, False, False)
    assert (
        verdict(better, "A", "B", lang="es").words
        == "«B» es mejor que «A» (diferencia +3,1 ROUGE-L, intervalo +1,2 a +5,0)."
    )
    assert (
        verdict(better, "A", "B", lang="en").words
        == "'B' is better than 'A' (difference +3.1 ROUGE-L, interval +1.2 to +5.0)."
    )
    worse = stats.PairedTest(-0.031, -0.050, -0.012, 0.002, 40, 0.95, False, False)
    assert verdict(worse, "A", "B", lang="es").winner == "A"
    assert (
        "(diferencia +3,1 ROUGE-L, intervalo +1,2 a +5,0)"
        in verdict(worse, "A", "B", lang="es").words
    )
    chance = stats.PairedTest(0.014, -0.01, 0.04, 0.31, 13, 0.95, True, False)
    result = verdict(chance, "A", "B", lang="es")
    assert result.kind == "chance"
    assert result.words == (
        "Con 13 ejemplos de prueba esta diferencia puede ser casualidad: "
        "usa más ejemplos de prueba o repite con otra semilla."
    )
    # Words first, numbers second, with decimal commas in Spanish.
    assert (
        "+1,4 puntos de ROUGE-L" in result.numbers
        and "p = 0,31" in result.numbers
        and "13 ejemplos" in result.numbers
    )
    assert "p = 0.31" in verdict(chance, "A", "B", lang="en").numbers


# ---------------------------------------------------------------- what changed, groups, refusal


def _experiment(name, settings, test_print="t1", scores=(0.2, 0.3, 0.4), texts=("x", "y", "z")):
    rows = [
        {
            "text": text,
            "reference": "r",
            "summary": "s",
            "rouge": {k: s for k in ("rouge1", "rouge2", "rougeL", "rougeLsum")},
        }
        for text, s in zip(texts, scores)
    ]
    experiment = Experiment(
        name,
        Path(name),
        "finished",
        model="offline-t5-mini",
        settings=settings,
        data_fingerprint={"test": test_print, "all": test_print + "a"},
        metrics={"rougeL": float(np.mean(scores)), "num_examples": len(scores)},
    )
    experiment._examples = rows
    return experiment


def test_changed_settings_are_only_those_that_differ():
    runs = [
        _experiment(
            "a",
            {"model": "offline-t5-mini", "learning_rate": 0.001, "seed": 1, "log_every_steps": 1},
        ),
        _experiment(
            "b",
            {"model": "offline-t5-mini", "learning_rate": 0.0005, "seed": 1, "log_every_steps": 5},
        ),
        _experiment(
            "c",
            {"model": "offline-t5-mini", "learning_rate": 0.001, "seed": 2, "log_every_steps": 1},
        ),
    ]
    assert changed_settings(runs) == {"learning_rate": [0.001, 0.0005, 0.001], "seed": [1, 1, 2]}
    assert changed_settings(runs[:1]) == {}


def test_runs_on_different_test_data_are_refused_in_plain_words():
    a = _experiment("a", {}, test_print="t1")
    b = _experiment("b", {}, test_print="t2", texts=("otro", "texto", "más"))
    with pytest.raises(ExperimentError) as raised:
        compare_experiments(a, b)
    error = raised.value
    assert error.key == "experiments.different_test_data"
    assert "ejemplos de prueba distintos" in error.message(
        "es"
    ) and "different test examples" in error.message("en")
    assert "compare-runs" in error.suggestion("es")
    unknown = _experiment("viejo", {}, test_print="")
    for row in unknown._examples:  # scores kept without their texts, and no recorded fingerprint
        del row["text"]
    with pytest.raises(ExperimentError) as raised:
        compare_experiments(a, unknown)
    assert raised.value.key == "experiments.unknown_test_data"


def test_same_test_data_compares_example_by_example():
    a = _experiment("a", {}, scores=(0.2, 0.3, 0.4))
    b = _experiment("b", {}, scores=(0.2, 0.3, 0.4))
    comparison = compare_experiments(a, b)
    assert comparison.test.identical and comparison.verdict("es").kind == "identical"
    assert comparison.to_dict()["p_value"] == pytest.approx(1.0)


# ---------------------------------------------------------------- the grid


def test_bad_grids_are_refused_before_anything_starts(tmp_path):
    with pytest.raises(ConfigError) as raised:
        plan_sweep(BASE, ["lr=0.001,0.002"])
    assert (
        raised.value.key == "sweeps.grid.unknown_setting"
        and "learning_rate" in raised.value.message("es")
    )
    with pytest.raises(ConfigError) as raised:
        plan_sweep(BASE, ["batch_size=8,ocho"])
    assert raised.value.key == "sweeps.grid.bad_value" and "ocho" in raised.value.message("es")
    with pytest.raises(ConfigError) as raised:
        plan_sweep(BASE, ["learning_rate=5"])  # out of range: the config's own reason is given
    assert "demasiado alta" in raised.value.message("es")
    with pytest.raises(ConfigError) as raised:
        plan_sweep(
            BASE, {"seed": [1], "batch_size": [4], "learning_rate": [1e-3], "max_steps": [2]}
        )
    assert raised.value.key == "sweeps.grid.too_many"
    assert parse_grid(["use_lora=sí,no", "learning_rate=1e-3,0.001,5e-4"]) == {
        "use_lora": [True, False],
        "learning_rate": [0.001, 0.0005],
    }


def test_cli_bad_grid_is_one_line_and_starts_nothing(data_file, tmp_path, capsys):
    output = tmp_path / "barrido"
    code = cli.main(
        [
            "sweep",
            "--data",
            str(data_file),
            "--model",
            "offline-t5-mini",
            "--grid",
            "tasa=1,2",
            "--output",
            str(output),
        ]
    )
    err = capsys.readouterr().err.strip()
    assert code == cli.EXIT_USER_ERROR
    assert len(err.splitlines()) == 1 and "«tasa» no es un ajuste" in err
    assert not output.exists()


# --------------------------------------------------------------- a 2x2 sweep, from the command line


@pytest.fixture(scope="module")
def swept(data_file, tmp_path_factory):
    """A 2x2 sweep (learning rate x seed) of the offline mini model run with `widgets-llm sweep`."""
    folder = tmp_path_factory.mktemp("sweep")
    config = BASE.save(folder / "base.yaml")
    output = folder / "barrido"
    argv = [
        "sweep",
        "--data",
        str(data_file),
        "--model",
        "offline-t5-mini",
        "--config",
        str(config),
        "--grid",
        "learning_rate=0.003,0.0005",
        "--grid",
        "seed=1,2",
        "--output",
        str(output),
        "--json",
    ]
    return output, argv


@pytest.fixture(scope="module")
def swept_json(swept):
    import contextlib
    import io

    output, argv = swept
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main(argv) == 0
    return json.loads(out.getvalue())


def test_sweep_writes_four_valid_run_folders(swept, swept_json):
    from widgets_llm.engine.runs import read_examples, read_run_info

    output, _ = swept
    names = sorted(run["name"] for run in swept_json["runs"])
    assert names == sorted(
        [
            "learning_rate=0.003_seed=1",
            "learning_rate=0.003_seed=2",
            "learning_rate=0.0005_seed=1",
            "learning_rate=0.0005_seed=2",
        ]
    )
    fingerprints = set()
    for name in names:
        info = read_run_info(output / name)
        assert info["training"]["status"] == "finished"
        fingerprints.add(info["data"]["fingerprint"]["all"])
        assert len(read_examples(output / name)) == 3  # every test example kept, with its scores
    assert len(fingerprints) == 1  # same split for every run
    record = json.loads((output / SWEEP_FILE).read_text())
    assert (
        record["status"] == "finished" and [r["status"] for r in record["runs"]] == ["finished"] * 4
    )


def test_experiments_table_shows_what_changed_and_one_group(swept, swept_json, capsys):
    runs = {run["name"]: run for run in swept_json["runs"]}
    assert runs["learning_rate=0.0005_seed=2"]["changed"] == {"learning_rate": 0.0005, "seed": 2}
    for run in runs.values():
        assert set(run) >= {
            "name",
            "path",
            "model",
            "status",
            "changed",
            "data_fingerprint",
            "rouge1",
            "rouge2",
            "rougeL",
            "rougeLsum",
            "rougeL_ci",
            "perplexity",
            "num_examples",
            "seconds",
        }
        low, high = run["rougeL_ci"]
        assert (
            low <= run["rougeL"] <= high
            and run["num_examples"] == 3
            and run["model"] == "offline-t5-mini"
        )
    assert [sorted(group) for group in swept_json["groups"]] == [sorted(runs)]
    output, _ = swept
    assert cli.main(["experiments", str(output), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == swept_json
    assert cli.main(["experiments", str(output)]) == 0
    table = capsys.readouterr().out
    assert "learning_rate=0.0005, seed=2" in table and "Grupo 1" in table
    best = load_experiments(output).best()  # none when the top score is tied (tiny runs often are)
    assert ("Mejor:" in table) == bool(best)
    assert all(f"* {name}" in table for name in best)


def test_each_run_started_from_the_base_weights(swept, swept_json):
    from safetensors.torch import load_file

    output, _ = swept

    def base_weights(name):
        return load_file(str(output / name / "base_model" / "model.safetensors"))

    same_seed = (
        base_weights("learning_rate=0.003_seed=1"),
        base_weights("learning_rate=0.0005_seed=1"),
    )
    other_seed = base_weights("learning_rate=0.003_seed=2")
    assert all(
        (same_seed[0][k] == same_seed[1][k]).all() for k in same_seed[0]
    )  # the same initial weights
    assert any(
        (same_seed[0][k] != other_seed[k]).any() for k in other_seed
    )  # the seed changes them


def test_compare_runs_json_and_words(swept, swept_json, capsys):
    output, _ = swept
    a, b = output / "learning_rate=0.003_seed=1", output / "learning_rate=0.0005_seed=1"
    assert cli.main(["compare-runs", str(a), str(b), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"a", "b", "difference", "ci", "p_value", "num_examples", "verdict"}
    assert result["num_examples"] == 3 and 0 < result["p_value"] <= 1
    assert result["difference"]["rougeL"] == pytest.approx(
        result["b"]["rougeL"] - result["a"]["rougeL"]
    )
    assert result["ci"]["rougeL"][0] <= result["difference"]["rougeL"] <= result["ci"]["rougeL"][1]
    # Three examples are never enough: the verdict says it may be chance, or that they are
    # identical.
    assert "casualidad" in result["verdict"] or "misma nota" in result["verdict"]
    comparison = compare_runs(a, b)
    assert comparison.to_dict() == {**result, "verdict": comparison.to_dict()["verdict"]}


def test_compare_runs_on_a_file_evaluates_both(swept, swept_json, tmp_path, capsys):
    import pandas as pd

    output, _ = swept
    a, b = output / "learning_rate=0.003_seed=1", output / "learning_rate=0.0005_seed=2"
    few = tmp_path / "cinco.csv"  # the runs' models summarize every pair of the file now
    pd.DataFrame({"texto": TEXTS[:5], "resumen": SUMMARIES[:5]}).to_csv(few, index=False)
    assert (
        cli.main(["compare-runs", str(a), str(b), "--data", str(few), "--json", "--lang", "en"])
        == 0
    )
    result = json.loads(capsys.readouterr().out)
    assert result["num_examples"] == 5
    assert "test examples" in result["verdict"]


def test_runs_on_different_data_are_refused_by_compare_runs(swept, swept_json, tmp_path, capsys):
    import shutil

    output, _ = swept
    other = tmp_path / "otra"
    shutil.copytree(
        output / "learning_rate=0.003_seed=1",
        other,
        ignore=shutil.ignore_patterns("*model*", "checkpoints"),
    )
    info = json.loads((other / "run.json").read_text())
    info["data"]["fingerprint"]["test"] = "0000000000000000"  # trained and tested on other data
    (other / "run.json").write_text(json.dumps(info))
    rows = [json.loads(line) for line in (other / "test_examples.jsonl").read_text().splitlines()]
    rows[0]["text"] = "Un texto de prueba que la otra ejecución no vio."
    (other / "test_examples.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows))
    code = cli.main(["compare-runs", str(output / "learning_rate=0.003_seed=2"), str(other)])
    err = capsys.readouterr().err
    assert code == cli.EXIT_USER_ERROR and "ejemplos de prueba distintos" in err
    assert (
        read_experiment(other).test_fingerprint
        != read_experiment(output / "learning_rate=0.003_seed=1").test_fingerprint
    )


def test_rename_and_delete_keep_the_sweep_record(swept, swept_json, tmp_path):
    import shutil

    copy = tmp_path / "copia"
    shutil.copytree(
        swept[0],
        copy,
        ignore=shutil.ignore_patterns("model", "base_model", "checkpoints", "tokenizer"),
    )
    experiments = load_experiments(copy)
    new_path = rename_experiment(experiments, "learning_rate=0.003_seed=1", "tasa-alta")
    assert new_path.is_dir() and "tasa-alta" in load_experiments(copy).names()
    with pytest.raises(ExperimentError):
        rename_experiment(load_experiments(copy), "tasa-alta", "con espacios")
    delete_experiment(load_experiments(copy), "tasa-alta")
    assert not new_path.exists()
    names = load_experiments(copy).names()
    assert "tasa-alta" not in names and len(names) == 3
    assert [r["status"] for r in json.loads((copy / SWEEP_FILE).read_text())["runs"]].count(
        "deleted"
    ) == 1


# -------------------------------------------------------------- stop, resume, a failing combination


def test_sweep_stops_within_a_run_resumes_and_records_a_failure(data, tmp_path):
    not_a_model = tmp_path / "carpeta_sin_modelo"
    not_a_model.mkdir()
    plan = plan_sweep(
        BASE.updated(max_steps=4),
        {"learning_rate": [3e-3, 1e-3], "model": ["offline-t5-mini", str(not_a_model)]},
        model="offline-t5-mini",
    )
    output = tmp_path / "barrido"
    first = Sweep(data, plan, output)

    def stop_at_second_step(event):
        if (
            event.kind == "run_progress"
            and event.training.kind == "step"
            and event.training.step >= 2
        ):
            first.stop()

    first.subscribe(stop_at_second_step)
    first.run()
    assert first.status == "stopped"
    assert [r.status for r in first.results] == ["stopped", "pending", "pending", "pending"]
    assert json.loads((output / SWEEP_FILE).read_text())["status"] == "stopped"
    assert (output / plan.runs[0].name / "checkpoints").is_dir()  # kept, to continue from it
    with pytest.raises(ExperimentError) as raised:
        Sweep(
            data, plan, output
        ).start()  # the folder holds this sweep: resume it or choose another
    assert raised.value.key == "sweeps.exists"

    second = Sweep(data, plan, output)
    events = []
    second.subscribe(lambda event: events.append(event))
    second.run(resume=True)
    assert second.status == "finished"
    assert [r.status for r in second.results] == ["finished", "failed", "finished", "failed"]
    first_steps = [
        e.training.step
        for e in events
        if e.kind == "run_progress" and e.index == 0 and e.training.kind == "step"
    ]
    assert first_steps and min(first_steps) > 2  # continued from its checkpoint, not from step 1
    assert (
        second.models_loaded == 1 and second.tokenizations == 1
    )  # one model load, one tokenization
    failed = json.loads((output / plan.runs[1].name / FAILED_FILE).read_text())
    assert failed["error"]["es"] and failed["error"]["en"] and failed["model"] == str(not_a_model)

    table = load_experiments(output)
    statuses = {e.name: e.status for e in table}
    assert sorted(statuses.values()) == ["failed", "failed", "finished", "finished"]
    assert all(e.error_text("es") for e in table if e.status == "failed")
    assert table.groups() == [[e.name for e in table if e.status == "finished"]]

    third = Sweep(data, plan, output)
    third.run(resume=True)  # finished runs are skipped; the failing ones are tried again
    assert [r.status for r in third.results] == ["skipped", "failed", "skipped", "failed"]


def test_runs_saved_before_fingerprints_still_list_and_say_why_they_cannot_be_compared(
    swept, swept_json, tmp_path
):
    import shutil

    from widgets_llm.engine.runs import EXAMPLES_FILE

    output, _ = swept
    old = tmp_path / "antigua"
    shutil.copytree(
        output / "learning_rate=0.003_seed=1",
        old,
        ignore=shutil.ignore_patterns("*model*", "checkpoints"),
    )
    info = json.loads((old / "run.json").read_text())
    del info["data"]["fingerprint"]
    (old / "run.json").write_text(json.dumps(info))
    (old / EXAMPLES_FILE).unlink()
    experiment = read_experiment(old)
    assert experiment.status == "finished" and experiment.evaluated
    assert experiment.test_fingerprint is None and experiment.interval() is None
    with pytest.raises(ExperimentError) as raised:
        compare_experiments(experiment, read_experiment(output / "learning_rate=0.003_seed=2"))
    assert (
        raised.value.key == "experiments.not_evaluated"
        and "compare-runs A B --data" in raised.value.suggestion("es")
    )


def test_no_run_is_marked_best_when_the_top_scores_tie(tmp_path):
    from widgets_llm.engine.experiments import ExperimentSet

    tied = ExperimentSet(tmp_path, [_experiment("a", {"seed": 1}), _experiment("b", {"seed": 2})])
    assert tied.best() == {}
    ahead = ExperimentSet(
        tmp_path,
        [_experiment("a", {"seed": 1}), _experiment("b", {"seed": 2}, scores=(0.3, 0.4, 0.5))],
    )
    assert (
        list(ahead.best()) == ["b"] and "puede ser casualidad" in ahead.best()["b"]
    )  # three examples never suffice


@pytest.mark.parametrize(
    "exercise_id,answer,correct,words",
    [
        ("04-una-cosa", "b", True, "una sola cosa"),
        ("04-una-cosa", "a", False, "juntos"),
        ("04-semilla", "c", True, "puro azar"),
        ("04-semilla", "b", False, "trampa"),
        ("04-ejemplos", 56, True, "cuatro veces"),
        ("04-ejemplos", "unos 60", True, "raíz cuadrada"),
        ("04-ejemplos", 28, False, "71"),
        ("04-ejemplos", 7, False, "se ensancha"),
        ("04-casualidad", "d", True, "antes de decidir"),
        ("04-casualidad", "c", False, "Nunca"),
    ],
)
def test_notebook_4_exercises_explain_right_and_wrong_answers(exercise_id, answer, correct, words):
    from widgets_llm import course

    feedback = course.check_answer(exercise_id, answer)
    assert feedback.correct is correct and words in feedback
    assert course.exercise_ids(4) == ["04-una-cosa", "04-semilla", "04-ejemplos", "04-casualidad"]
