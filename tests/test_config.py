"""Tests of widgets_llm.engine.config: checks, form input, presets, files, help texts."""

from __future__ import annotations

import json

import pytest

from widgets_llm.engine.config import (
    PRECISIONS,
    PRESETS,
    TrainingConfig,
    coerce_value,
    field_info,
    field_names,
    preset,
)
from widgets_llm.errors import ConfigError
from widgets_llm.messages import catalog, t

# (field, bad value, words the Spanish message must contain besides the field's label)
INVALID_VALUES = [
    ("learning_rate", 0.0, ["mayor que 0"]),
    ("learning_rate", -0.001, ["mayor que 0"]),
    ("learning_rate", 0.5, ["demasiado alta", "0,0003"]),
    ("learning_rate", float("nan"), ["número"]),
    ("num_epochs", 0, ["mayor que 0"]),
    ("num_epochs", 1000, ["entre"]),
    ("max_steps", -1, ["negativo"]),
    ("batch_size", 0, ["mayor que 0"]),
    ("batch_size", 2.5, ["número entero"]),
    ("batch_size", "ocho", ["número entero", "ocho"]),
    ("gradient_accumulation_steps", 0, ["mayor que 0"]),
    ("max_input_length", 4, ["entre 8 y 8192"]),
    ("max_target_length", 100_000, ["entre 4 y 2048"]),
    ("warmup_ratio", 0.9, ["entre 0.0 y 0.5"]),
    ("weight_decay", -0.1, ["negativo"]),
    ("seed", -5, ["negativo"]),
    ("eval_every_steps", -1, ["negativo"]),
    ("log_every_steps", 0, ["mayor que 0"]),
    ("use_lora", "tal vez", ["sí o no"]),
    ("lora_r", 0, ["mayor que 0"]),
    ("lora_alpha", 0, ["mayor que 0"]),
    ("lora_dropout", 0.95, ["entre"]),
    ("lora_target_modules", [1, 2], ["debe ser"]),
    ("precision", "fp8", ["uno de", "auto, fp32, bf16, fp16"]),
    ("group_by_length", 1, ["sí o no"]),
]


def label(name: str, lang: str = "es") -> str:
    return t(f"config.{name}.label", lang)


def test_defaults_are_valid():
    config = TrainingConfig()
    assert config.problems() == []
    assert config.precision == "auto" and config.lora_target_modules == []


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_presets_are_valid_and_complete(name):
    config = preset(name)
    assert config.problems() == []
    for key, value in PRESETS[name].items():
        assert getattr(config, key) == value
    assert t(f"config.preset.{name}", "es") != f"config.preset.{name}"
    assert t(f"config.preset.{name}.help", "en") != f"config.preset.{name}.help"


def test_presets_grow_in_effort():
    fast, balanced, quality = preset("fast"), preset("balanced"), preset("quality")
    assert fast.num_epochs < balanced.num_epochs < quality.num_epochs
    assert fast.max_input_length <= balanced.max_input_length <= quality.max_input_length


def test_preset_overrides_and_unknown_preset():
    assert preset("fast", batch_size=2).batch_size == 2
    with pytest.raises(ConfigError) as raised:
        preset("turbo")
    assert raised.value.key == "config.unknown_preset"
    assert "turbo" in raised.value.message("es")
    assert "fast" in raised.value.suggestion("es")
    with pytest.raises(ConfigError):
        preset("fast", batch_size=0)


@pytest.mark.parametrize("name, value, words", INVALID_VALUES)
def test_invalid_value_gives_spanish_message_naming_the_field(name, value, words):
    with pytest.raises(ConfigError) as raised:
        TrainingConfig(**{name: value})
    error = raised.value
    assert error.params["field"] == name
    message = error.message("es")
    if error.key != "config.invalid.learning_rate_high":  # that one names "La tasa de aprendizaje"
        assert f"«{label(name)}»" in message
    else:
        assert label(name).lower() in message.lower()
    for word in words:
        assert word in message
    assert error.suggestion("es").startswith("Corrige el valor")
    assert error.message("en") != message  # an English text exists too
    assert "{" not in message and "{" not in error.message("en")


@pytest.mark.parametrize("name, value, _", INVALID_VALUES)
def test_check_reports_each_bad_field(name, value, _):
    valid_neighbour = {"seed": 1} if name != "seed" else {"batch_size": 8}
    messages = TrainingConfig.check({**valid_neighbour, name: value})
    assert list(messages) == [name]
    assert label(name).lower() in messages[name].lower()


def test_problems_lists_every_bad_field():
    config = TrainingConfig()
    config.batch_size = 0
    config.precision = "fp8"
    assert [name for name, _, _ in config.problems()] == ["batch_size", "precision"]


def test_check_reads_a_form_of_strings():
    form = {
        "learning_rate": "0,001",
        "num_epochs": "3",
        "max_steps": "0",
        "batch_size": "16",
        "gradient_accumulation_steps": "2",
        "max_input_length": "512",
        "warmup_ratio": "0.1",
        "use_lora": "sí",
        "lora_target_modules": "q, v",
        "precision": "bf16",
        "seed": "7.0",
    }
    assert TrainingConfig.check(form) == {}
    config = TrainingConfig.from_dict(form)
    assert config.learning_rate == pytest.approx(0.001)
    assert config.batch_size == 16 and isinstance(config.batch_size, int)
    assert config.seed == 7 and isinstance(config.seed, int)
    assert config.num_epochs == 3.0 and isinstance(config.num_epochs, float)
    assert config.use_lora is True
    assert config.lora_target_modules == ["q", "v"]

    bad = TrainingConfig.check(
        {"learning_rate": "rápido", "batch_size": "-2", "use_lora": "quizá", "num_epochs": ""}
    )
    assert set(bad) == {"learning_rate", "batch_size", "use_lora", "num_epochs"}
    assert "«Tasa de aprendizaje»" in bad["learning_rate"] and "rápido" in bad["learning_rate"]
    assert "«Tamaño del lote»" in bad["batch_size"]
    assert "«Usar LoRA»" in bad["use_lora"]


@pytest.mark.parametrize(
    "name, text, value",
    [
        ("batch_size", " 8 ", 8),
        ("batch_size", "8.0", 8),
        ("learning_rate", "3e-4", 3e-4),
        ("learning_rate", "0,0005", 5e-4),
        ("use_lora", "no", False),
        ("use_lora", "True", True),
        ("lora_target_modules", "q_proj,v_proj,", ["q_proj", "v_proj"]),
        ("precision", "auto", "auto"),
        ("num_epochs", 2, 2.0),
        ("batch_size", 4.0, 4),
        ("batch_size", "ocho", "ocho"),  # left as it is, for check() to explain
    ],
)
def test_coerce_value(name, text, value):
    assert coerce_value(name, text) == value
    assert type(coerce_value(name, text)) is type(value)


def test_check_unknown_field():
    messages = TrainingConfig.check({"learnig_rate": 0.001})
    assert "learnig_rate" in messages["learnig_rate"]


@pytest.mark.parametrize("suffix", [".yaml", ".yml", ".json"])
def test_save_and_load_round_trip(tmp_path, suffix):
    config = TrainingConfig(
        learning_rate=2e-4,
        num_epochs=4.5,
        batch_size=4,
        use_lora=True,
        lora_target_modules=["q", "v"],
        precision="fp32",
        seed=123,
        group_by_length=False,
    )
    path = config.save(tmp_path / "nested" / f"config{suffix}")
    assert path.is_file()
    loaded = TrainingConfig.load(path)
    assert loaded == config
    assert loaded.to_dict() == config.to_dict()


def test_saved_yaml_is_readable_text(tmp_path):
    path = TrainingConfig(lora_target_modules=["q"]).save(tmp_path / "config.yaml")
    text = path.read_text(encoding="utf-8")
    assert "learning_rate:" in text and "lora_target_modules:" in text
    assert text.index("learning_rate") < text.index("group_by_length")  # field order kept


def test_load_handwritten_yaml_with_strings(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "learning_rate: '0,001'\nbatch_size: 4\nnum_epochs: 2\nuse_lora: sí\n", encoding="utf-8"
    )
    config = TrainingConfig.load(path)
    assert config.learning_rate == pytest.approx(0.001)
    assert config.batch_size == 4 and config.num_epochs == 2.0 and config.use_lora is True
    assert (
        config.max_input_length == TrainingConfig().max_input_length
    )  # missing fields keep defaults


def test_unknown_field_in_a_file_is_a_clear_error(tmp_path):
    path = tmp_path / "config.json"
    path.write_text(json.dumps({"learning_rate": 0.001, "epochs": 3}), encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        TrainingConfig.load(path)
    error = raised.value
    assert error.key == "config.unknown_field"
    assert "«epochs»" in error.message("es")
    assert "num_epochs" in error.suggestion("es")  # the valid names are listed


def test_bad_value_in_a_file_names_the_field(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("batch_size: 0\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        TrainingConfig.load(path)
    assert "«Tamaño del lote»" in raised.value.message("es")


@pytest.mark.parametrize(
    "name, content",
    [
        ("broken.json", '{"learning_rate": 0.001,'),
        ("broken.yaml", "learning_rate: [0.001\nbatch_size: 8"),
        ("list.json", "[1, 2, 3]"),
        ("latin1.yaml", "comentario: 'año'\n".encode("latin-1")),
        ("missing.yaml", None),
    ],
)
def test_unreadable_file_is_a_clear_error(tmp_path, name, content):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    original = path.read_bytes() if path.exists() else None
    with pytest.raises(ConfigError) as raised:
        TrainingConfig.load(path)
    error = raised.value
    assert error.key == "config.unreadable"
    assert name in error.message("es") and error.message("es").startswith("No se pudo leer")
    assert ".yaml" in error.suggestion("es")
    assert (
        path.read_bytes() if path.exists() else None
    ) == original  # the user's file is untouched


def test_empty_yaml_gives_defaults(tmp_path):
    path = tmp_path / "empty.yaml"
    path.write_text("", encoding="utf-8")
    assert TrainingConfig.load(path) == TrainingConfig()


def test_updated_checks_the_new_values():
    config = TrainingConfig()
    assert config.updated(batch_size=4).batch_size == 4 and config.batch_size == 8
    with pytest.raises(ConfigError):
        config.updated(batch_size=-4)


@pytest.mark.parametrize("name", field_names())
def test_every_field_has_label_and_help_in_both_languages(name):
    messages = catalog()
    for suffix in ("label", "help"):
        key = f"config.{name}.{suffix}"
        assert key in messages, key
        assert messages[key]["es"].strip() and messages[key]["en"].strip()
        assert messages[key]["es"] != messages[key]["en"] or suffix == "label"
    info = field_info(name)
    assert info["label"] == t(f"config.{name}.label") and info["help"]
    assert info["kind"] in ("number", "integer", "boolean", "choice", "list")
    assert info["default"] == getattr(TrainingConfig(), name)
    if info["kind"] in ("number", "integer"):
        assert info["low"] is not None and info["high"] is not None
        assert info["low"] <= info["default"] <= info["high"]


def test_field_info_of_choice_and_list():
    assert field_info("precision")["choices"] == PRECISIONS
    assert field_info("lora_target_modules")["default"] == []


def test_every_config_message_has_both_languages():
    for key, texts in catalog().items():
        if key.startswith("config.") or key.startswith("training."):
            assert set(texts) >= {"es", "en"}, key
            assert texts["es"].strip() and texts["en"].strip(), key
