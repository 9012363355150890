"""The command line, run as a user would: real files, real training on a tiny model."""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from dataclasses import fields

import pytest
from conftest import pairs_about_places

from widgets_llm import cli
from widgets_llm.engine.config import PRESETS, TrainingConfig, field_info, field_names
from widgets_llm.messages import set_language, t

SPANISH_PAIRS = pairs_about_places(
    "La cooperativa {name} de {town} inauguró este lunes un centro de acopio de café. "
    "Según su presidenta, el nuevo local permitirá a {n} familias vender la cosecha "
    "sin intermediarios y recibir un precio justo. La obra costó {cost} pesos y se financió "
    "con aportes de los socios.",
    "La cooperativa {name} abrió un centro de acopio de café para que {n} familias "
    "vendan sin intermediarios.",
)


@pytest.fixture(scope="module")
def data_file(tmp_path_factory):
    import pandas as pd

    path = tmp_path_factory.mktemp("cli") / "cooperativas.csv"
    pd.DataFrame(SPANISH_PAIRS, columns=["noticia", "resumen"]).to_csv(path, index=False, sep=";")
    return path


@pytest.fixture(scope="module")
def trained_run(data_file, tmp_path_factory):
    output = tmp_path_factory.mktemp("cli-run") / "run"
    code = cli.main(
        [
            "train",
            "--data",
            str(data_file),
            "--model",
            "offline-t5-mini",
            "--preset",
            "fast",
            "--epochs",
            "6",
            "--seed",
            "3",
            "--output",
            str(output),
        ]
    )
    assert code == 0
    return output


def run_json(capsys, argv):
    assert cli.main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_data_json_reports_what_training_uses(data_file, capsys):
    before = hashlib.sha256(data_file.read_bytes()).hexdigest()
    report = run_json(capsys, ["data", str(data_file), "--json"])
    assert report["rows_in"] == len(SPANISH_PAIRS)
    assert report["rows_kept"] == len(SPANISH_PAIRS)
    assert report["text_column"] == "noticia"
    assert report["summary_column"] == "resumen"
    assert hashlib.sha256(data_file.read_bytes()).hexdigest() == before


def test_data_human_output_is_spanish(data_file, capsys):
    assert cli.main(["data", str(data_file)]) == 0
    out = capsys.readouterr().out
    assert "Columna de texto: «noticia»" in out
    assert "Filas leídas: 24" in out


def test_train_writes_a_run_folder(trained_run):
    assert (trained_run / "run.json").is_file()
    assert (trained_run / "config.yaml").is_file()
    assert (trained_run / "README.md").read_text(encoding="utf-8").strip()
    metrics = json.loads((trained_run / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["training"]["status"] == "finished"


def test_evaluate_json_has_the_promised_keys(trained_run, data_file, capsys):
    report = run_json(capsys, ["evaluate", str(trained_run), "--data", str(data_file), "--json"])
    for key in ("rouge1", "rouge2", "rougeL", "rougeLsum"):
        assert 0.0 <= report[key] <= 1.0
        assert 0.0 <= report["lead_baseline"][key] <= 1.0
    assert report["num_examples"] == len(SPANISH_PAIRS)
    assert report["perplexity"] > 1.0


def test_compare_json_shows_base_tuned_and_lead(trained_run, data_file, capsys):
    report = run_json(capsys, ["compare", str(trained_run), "--data", str(data_file), "--json"])
    for side in ("base", "tuned", "lead_baseline"):
        assert set(report[side]) >= {"rouge1", "rouge2", "rougeL", "rougeLsum"}
    assert len(report["examples"]) == len(SPANISH_PAIRS)
    first = report["examples"][0]
    assert {"text", "reference", "base", "tuned"} <= set(first)
    # The tuned model learned the task: it beats the untrained base model it started from.
    assert report["tuned"]["rougeL"] > report["base"]["rougeL"]


def test_summarize_prints_one_summary_per_text(trained_run, tmp_path, capsys):
    texts = tmp_path / "nuevos.txt"
    texts.write_text(SPANISH_PAIRS[0][0] + "\n\n" + SPANISH_PAIRS[1][0], encoding="utf-8")
    assert cli.main(["summarize", str(trained_run), "--file", str(texts)]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.strip()]
    assert len(lines) == 2
    assert cli.main(["summarize", str(trained_run), "--text", SPANISH_PAIRS[2][0]]) == 0
    assert capsys.readouterr().out.strip()


@pytest.mark.parametrize(
    "argv_tail, spanish, english",
    [
        (["data", "/no/existe.csv"], "No encuentro el archivo", "cannot be found"),
        (["evaluate", "/no/existe", "--data", "ejemplo_es"], "", ""),
    ],
)
def test_errors_are_one_clear_line_without_traceback(argv_tail, spanish, english, capsys):
    assert cli.main(argv_tail) != 0
    err = capsys.readouterr().err.strip()
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1
    assert spanish in err
    assert cli.main(argv_tail + ["--lang", "en"]) != 0
    err_en = capsys.readouterr().err.strip()
    assert english in err_en and err_en != err


def test_bad_file_exit_status_from_a_real_process(tmp_path):
    bad = tmp_path / "binario.csv"
    bad.write_bytes(bytes(range(256)) * 4)
    before = bad.read_bytes()
    proc = subprocess.run(
        [sys.executable, "-m", "widgets_llm.cli", "data", str(bad)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip()
    assert bad.read_bytes() == before


def test_debug_shows_the_traceback(capsys):
    with pytest.raises(Exception):
        cli.main(["data", "/no/existe.csv", "--debug"])


# ------------------------------------------------------------ options from the configuration


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices


def _train_parser(lang: str = "es") -> argparse.ArgumentParser:
    set_language(lang)
    try:
        return _commands(cli.build_parser())["train"]
    finally:
        set_language("es")


def _train_args(*options: str) -> argparse.Namespace:
    set_language("es")
    return cli.build_parser().parse_args(
        ["train", "--data", "ejemplo_es", "--output", "runs/x", *options]
    )


@pytest.mark.parametrize("name", field_names())
def test_every_config_field_has_an_option_with_its_help(name):
    option = "--" + name.replace("_", "-")
    info = field_info(name)
    action = next(a for a in _train_parser()._actions if a.dest == name)
    assert option in action.option_strings
    assert action.default is None  # only the options given replace the preset's values
    assert action.help == t(f"config.{name}.help", "es")
    assert next(a for a in _train_parser("en")._actions if a.dest == name).help == t(
        f"config.{name}.help", "en"
    )
    if info["kind"] == "boolean":
        assert "--no-" + option[2:] in action.option_strings
    if info["kind"] == "choice":
        assert action.metavar == "{" + ",".join(info["choices"]) + "}"


def test_options_known_before_stay_as_aliases():
    args = _train_args(
        "--epochs",
        "6",
        "--lora",
        "--max-steps",
        "3",
        "--seed",
        "7",
        "--warmup",
        "off",
        "--warmup-steps",
        "2",
    )
    assert (
        args.num_epochs,
        args.use_lora,
        args.max_steps,
        args.seed,
        args.warmup,
        args.warmup_steps,
    ) == (6.0, True, 3, 7, "off", 2)
    assert _train_args("--no-lora").use_lora is False


def test_options_given_override_the_preset_and_nothing_else():
    args = _train_args(
        "--preset",
        "fast",
        "--learning-rate",
        "0,002",
        "--num-epochs",
        "4",
        "--use-lora",
        "--lora-target-modules",
        "q, v",
        "--no-group-by-length",
        "--precision",
        "fp32",
    )
    config = cli._config_from(args)
    expected = TrainingConfig(**PRESETS["fast"]).updated(
        learning_rate=0.002,
        num_epochs=4.0,
        use_lora=True,
        lora_target_modules=["q", "v"],
        group_by_length=False,
        precision="fp32",
    )
    assert config == expected
    assert cli._config_from(_train_args("--preset", "fast")) == TrainingConfig(**PRESETS["fast"])
    assert cli._config_from(_train_args()) == TrainingConfig(**PRESETS["balanced"])


def test_options_given_override_the_config_file(tmp_path):
    path = TrainingConfig(batch_size=4, seed=11, use_lora=True).save(tmp_path / "config.yaml")
    config = cli._config_from(_train_args("--config", str(path), "--seed", "12", "--no-use-lora"))
    assert (config.batch_size, config.seed, config.use_lora) == (4, 12, False)


def test_trained_run_keeps_the_options_given_over_the_preset(trained_run):
    saved = TrainingConfig.load(trained_run / "config.yaml")
    assert saved == TrainingConfig(**PRESETS["fast"]).updated(num_epochs=6.0, seed=3)


@pytest.mark.parametrize(
    "option, value, spanish, english",
    [
        ("--learning-rate", "5", "demasiado alta", "too high"),
        ("--batch-size", "0", "mayor que 0", "greater than 0"),
        ("--batch-size", "2,5", "número entero", "whole number"),
        ("--epochs", "muchas", "un número", "a number"),
        ("--max-input-length", "4", "entre 8 y 8192", "between 8 and 8192"),
        ("--seed", "-1", "negativo", "negative"),
        ("--precision", "fp8", "auto, fp32, bf16, fp16", "auto, fp32, bf16, fp16"),
        ("--warmup", "siempre", "auto, on, off", "auto, on, off"),
    ],
)
def test_a_bad_value_exits_2_naming_the_option_before_anything_starts(
    option, value, spanish, english, data_file, tmp_path, capsys, monkeypatch
):
    from widgets_llm.engine import data

    def must_not_run(*args, **kwargs):
        raise AssertionError("the data was read despite a bad option")

    monkeypatch.setattr(data, "load_pairs", must_not_run)
    output = tmp_path / "run"
    argv = [
        "train",
        "--data",
        str(data_file),
        "--model",
        "offline-t5-mini",
        option,
        value,
        "--output",
        str(output),
    ]
    for lang, words, invalid in (
        ("es", spanish, "Valor no válido para"),
        ("en", english, "Invalid value for"),
    ):
        with pytest.raises(SystemExit) as raised:
            cli.main(argv + ["--lang", lang])
        assert raised.value.code == cli.EXIT_USER_ERROR
        captured = capsys.readouterr()
        err = captured.err.strip()
        assert len(err.splitlines()) == 1 and "Traceback" not in err and "usage" not in err
        assert f"{invalid} {option}:" in err and words in err, err
        assert not captured.out
    assert not output.exists()


def _all_parsers(parser: argparse.ArgumentParser, name: str = "widgets-llm"):
    yield name, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                assert choice.help and choice.help.strip(), f"{name} {choice.dest}"
            for command, subparser in action.choices.items():
                yield from _all_parsers(subparser, f"{name} {command}")


@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_option_of_every_command_has_help(lang):
    set_language(lang)
    try:
        parser = cli.build_parser()
        checked = 0
        for name, command in _all_parsers(parser):
            for action in command._actions:
                if isinstance(action, argparse._SubParsersAction):
                    continue
                assert action.help and action.help != argparse.SUPPRESS and action.help.strip(), (
                    f"{name}: {action.option_strings or action.dest} has no help"
                )
                checked += 1
            command.format_help()  # every help text formats (no stray %)
        assert checked > 60
        train = _commands(parser)["train"]
        help_action = next(a for a in train._actions if "--help" in a.option_strings)
        assert help_action.help == t("cli.help.help", lang)
        assert t("cli.parser.settings", lang) in train.format_help()
    finally:
        set_language("es")


def test_train_help_is_spanish_by_default_and_lists_every_setting(capsys):
    with pytest.raises(SystemExit) as raised:
        cli.main(["train", "--help"])
    assert raised.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("uso: widgets-llm train --data ARCHIVO --output CARPETA")
    assert "ajustes del entrenamiento" in out and "muestra esta ayuda y termina" in out
    for f in fields(TrainingConfig):
        assert "--" + f.name.replace("_", "-") in out
    assert "Cuánto cambia el modelo en cada paso" in out
    assert "--use-lora, --no-use-lora, --lora, --no-lora" in out
