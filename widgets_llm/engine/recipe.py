"""Recipes: one YAML file with everything a training needs, so that it can be repeated anywhere.

    recipe = Recipe.from_run(data, bundle, config, output="runs/mi_modelo")
    warnings = recipe.to_yaml("recipe.yaml")     # paths that will not exist elsewhere
    trained = run_recipe(Recipe.from_yaml("recipe.yaml"))

A recipe holds the data (where it is, its columns, how it is cleaned and split), the model
(the :func:`~.models.load_model` choice; for the offline model also its size, architecture and
that its vocabulary comes from the data), every :class:`~.config.TrainingConfig` setting, the
generation settings and the output folder. The studio, a notebook and ``widgets-llm train
--config recipe.yaml`` all train through :func:`run_recipe`, and every saved run keeps the
recipe that made it (``recipe.yaml``).

Paths are written relative to the recipe's own folder. A path that would not exist on another
computer (outside that folder, absolute, or missing here) is flagged when the recipe is
written: :meth:`Recipe.to_yaml` returns the warnings and writes them into the file as comments.
A recipe with an unknown key or a bad value is refused with one line naming the key (for
example ``training.learning_rate: ...``), checked as the configuration checks its own values
(:func:`~.config.coerce_value`, :func:`~.config.check_value`), before anything starts.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from ..errors import ConfigError, DataError
from ..messages import t
from .config import TrainingConfig, check_value, coerce_value
from .data import EXAMPLES, CleaningOptions, SplitOptions, looks_like_hub_id
from .generation import GenerationSettings

if TYPE_CHECKING:  # heavy or circular: imported where used
    from .data import PreparedData
    from .models import ModelBundle
    from .pipeline import TrainedModel
    from .training import TrainingEvent

#: The file name of a recipe, also inside every saved run folder.
RECIPE_FILE = "recipe.yaml"
#: Version of the recipe format; its key also tells a recipe from a configuration file.
RECIPE_VERSION = 1
VERSION_KEY = "widgets_llm_recipe"
SECTIONS = (VERSION_KEY, "data", "model", "training", "generation", "output")
#: The offline model learns its vocabulary from the training texts and summaries (and the
#: extra plain texts); the recipe says so, and nothing else is accepted.
VOCABULARY_FROM_DATA = "data"
OFFLINE_ARCHITECTURES = {"seq2seq": "t5", "causal": "gpt2"}
_ARCHITECTURE_WORDS = {"t5": "seq2seq", "seq2seq": "seq2seq", "gpt2": "causal", "causal": "causal"}
#: Lower bounds of the generation settings (a recipe written by hand is checked against them).
_GENERATION_LOWS = {
    "max_new_tokens": 1,
    "num_beams": 1,
    "temperature": 0,
    "no_repeat_ngram_size": 0,
    "repetition_penalty": 0,
    "max_input_length": 1,
    "seed": 0,
    "copy_from_input": 0,
}
_GENERATION_POSITIVE = ("temperature", "repetition_penalty")


# --------------------------------------------------------------------------- the recipe


@dataclass
class DataRecipe:
    """Where the pairs are and how they are read, cleaned and split.

    ``path`` is a file (relative to the recipe's folder), the name of a bundled example
    (``ejemplo_es``) or a Hugging Face Hub dataset id. ``text_column``/``summary_column``
    ``None`` means detected. ``sheet`` is the Excel sheet read (the workbook's first).
    ``extra_texts`` are files of plain texts for the warm-up and the offline vocabulary.
    """

    path: str
    text_column: str | None = None
    summary_column: str | None = None
    sheet: str | None = None
    cleaning: CleaningOptions = field(default_factory=CleaningOptions)
    split: SplitOptions = field(default_factory=SplitOptions)
    extra_texts: list[str] = field(default_factory=list)
    extra_texts_column: str | None = None


@dataclass
class ModelRecipe:
    """The model: a :func:`~.models.load_model` choice (``offline-t5-mini``, a Hub id, a folder
    relative to the recipe). ``seed`` fixes the offline model's first weights; ``None`` means
    the training's seed (as ``prepare_model`` does)."""

    choice: str = "offline"
    seed: int | None = None

    @property
    def offline(self) -> tuple[str, str] | None:
        """``(size, architecture)`` of the offline model, or None for any other model."""
        from .models import _OFFLINE_CHOICE, parse_model_choice

        if not _OFFLINE_CHOICE.match(self.choice.strip()):
            return None
        _kind, size, architecture = parse_model_choice(self.choice)
        return size, architecture


@dataclass
class Recipe:
    """Everything a training needs (see the module's documentation).

    Attributes
    ----------
    data, model, training:
        The data, the model and every training setting.
    generation:
        How summaries are written (the test evaluation and the saved run use them);
        ``None``: the model's defaults (:func:`~.generation.settings_for`).
    output:
        The run folder, relative to ``base_dir``; ``None`` until one is chosen.
    base_dir:
        The folder relative paths start from: the recipe file's folder when it was read from a
        file, the current folder otherwise.
    """

    data: DataRecipe
    model: ModelRecipe = field(default_factory=ModelRecipe)
    training: TrainingConfig = field(default_factory=TrainingConfig)
    generation: GenerationSettings | None = None
    output: str | None = None
    base_dir: Path = field(default_factory=Path.cwd, compare=False)

    # ------------------------------------------------------------------ builders

    @classmethod
    def from_run(
        cls,
        data: "PreparedData | str | os.PathLike | None" = None,
        model: "ModelBundle | str" = "offline",
        config: TrainingConfig | None = None,
        *,
        generation: GenerationSettings | None = None,
        output: str | os.PathLike | None = None,
        extra_texts: Iterable[str | os.PathLike] = (),
        extra_texts_column: str | None = None,
        model_seed: int | None = None,
        data_info: dict[str, Any] | None = None,
    ) -> "Recipe":
        """The recipe of a run from what made it.

        Parameters
        ----------
        data:
            The ``PreparedData`` trained on (its file, columns, sheet, cleaning and split are
            recorded), or a path, example name or Hub id.
        model:
            The model trained (a ``ModelBundle``: its source is recorded) or its choice.
        config:
            The training configuration (default: ``TrainingConfig()``).
        generation:
            The generation settings; default, for a bundle, its :func:`settings_for`.
        output:
            The run folder.
        extra_texts, extra_texts_column:
            Files of plain texts used for the warm-up and the vocabulary.
        model_seed:
            The seed the model's first weights were made with, when not the training's.
        data_info:
            A run's ``data`` section (:func:`~.runs.describe_data`), used when ``data`` is not
            given: its source and columns (cleaning and split take their defaults).
        """
        config = config if config is not None else TrainingConfig()
        if data is not None and not isinstance(data, (str, os.PathLike)):
            data_recipe = _data_recipe_of(data)
        elif data is not None:
            data_recipe = DataRecipe(path=_absolute_if_path(data))
        else:
            info = data_info or {}
            data_recipe = DataRecipe(
                path=str(info.get("source") or "ejemplo_es"),
                text_column=info.get("text_column"),
                summary_column=info.get("summary_column"),
            )
        data_recipe.extra_texts = [_absolute_if_path(path) for path in extra_texts]
        data_recipe.extra_texts_column = extra_texts_column
        if not isinstance(model, str):
            from .generation import settings_for

            generation = generation or settings_for(model, config)
            choice = _choice_of(model)
        else:
            choice = _absolute_if_path(model) if Path(model).expanduser().is_dir() else model
        seed = model_seed if model_seed is not None and model_seed != config.seed else None
        return cls(
            data=data_recipe,
            model=ModelRecipe(choice=choice, seed=seed),
            training=config,
            generation=generation,
            output=str(Path(output).absolute()) if output is not None else None,
        )

    @classmethod
    def from_saved_run(cls, run_dir: str | os.PathLike) -> "Recipe":
        """The recipe of a saved run: its ``recipe.yaml``, or for a run saved before runs kept
        one, what its ``run.json`` and ``config.yaml`` say (data file and columns, model,
        settings, generation; cleaning and split take their defaults)."""
        run_dir = Path(run_dir)
        if (run_dir / RECIPE_FILE).is_file():
            return cls.from_yaml(run_dir / RECIPE_FILE)
        from .runs import read_run_info
        from .runs.layout import CONFIG_FILE

        info = read_run_info(run_dir)
        source = info["base_model"]
        if source["kind"] == "offline":
            architecture = source.get("architecture") or info["architecture"]
            choice = f"offline-{OFFLINE_ARCHITECTURES.get(architecture, 't5')}-{source['name']}"
        else:
            choice = source["name"]
        config_path = run_dir / CONFIG_FILE
        config = TrainingConfig.load(config_path) if config_path.is_file() else TrainingConfig()
        recipe = cls.from_run(
            None,
            choice,
            config,
            data_info=info.get("data"),
            output=run_dir,
            generation=GenerationSettings.from_dict(info.get("generation")),
        )
        recipe.base_dir = run_dir.absolute()
        return recipe

    # ------------------------------------------------------------------ reading and writing

    @classmethod
    def from_yaml(cls, path: str | os.PathLike) -> "Recipe":
        """Read and check a recipe file; its relative paths start from its folder.

        Raises
        ------
        ConfigError
            One line naming the first unknown key or bad value (``training.seed: ...``), or
            a file that cannot be read.
        """
        path = Path(path)
        return cls.from_dict(read_mapping(path), base_dir=path.absolute().parent, source=path)

    @classmethod
    def from_dict(
        cls,
        values: Any,
        *,
        base_dir: str | os.PathLike | None = None,
        source: str | os.PathLike | None = None,
    ) -> "Recipe":
        """A recipe from the contents of a recipe file, checked (see :meth:`from_yaml`)."""
        check = _Checker(str(source) if source is not None else RECIPE_FILE)
        values = check.section(values, "", SECTIONS)
        version = values.get(VERSION_KEY, RECIPE_VERSION)
        if not isinstance(version, int) or isinstance(version, bool):
            check.fail(
                VERSION_KEY,
                t(
                    "config.invalid.type",
                    label=VERSION_KEY,
                    value=version,
                    expected=t("config.type.integer"),
                ),
            )
        if version > RECIPE_VERSION:
            check.fail(
                VERSION_KEY, t("recipe.newer_version", found=version, supported=RECIPE_VERSION)
            )
        if "data" not in values:
            check.fail("data", t("recipe.missing_key"))
        output = values.get("output")
        if output is not None:
            output = check.text(output, "output")
        return cls(
            data=_data_from(values["data"], check),
            model=_model_from(values.get("model"), check),
            training=_training_from(values.get("training"), check),
            generation=_generation_from(values.get("generation"), check),
            output=output,
            base_dir=Path(base_dir) if base_dir is not None else Path.cwd(),
        )

    def to_dict(self, folder: str | os.PathLike | None = None) -> tuple[dict[str, Any], list[str]]:
        """The recipe as a recipe file holds it, its paths relative to ``folder`` (default:
        ``base_dir``), and the warnings about paths that will not exist elsewhere."""
        folder = Path(folder).absolute() if folder is not None else self.base_dir.absolute()
        flags: list[str] = []
        data = self.data
        extra = [
            self._portable(self.resolve(p), folder, f"data.extra_texts[{i}]", flags)
            for i, p in enumerate(data.extra_texts)
        ]
        data_values = {
            "path": self._portable_data_path(folder, flags),
            "text_column": data.text_column,
            "summary_column": data.summary_column,
            "sheet": data.sheet,
            "cleaning": {f.name: getattr(data.cleaning, f.name) for f in fields(CleaningOptions)},
            "split": {f.name: getattr(data.split, f.name) for f in fields(SplitOptions)},
            "extra_texts": extra,
            "extra_texts_column": data.extra_texts_column,
        }
        model_values: dict[str, Any] = {"choice": self.model_choice()}
        offline = self.model.offline
        if offline is not None:
            size, architecture = offline
            model_values = {
                "choice": f"offline-{OFFLINE_ARCHITECTURES[architecture]}-{size}",
                "size": size,
                "architecture": architecture,
                "vocabulary": VOCABULARY_FROM_DATA,
            }
        elif Path(model_values["choice"]).is_absolute():
            model_values["choice"] = self._portable(
                model_values["choice"], folder, "model.choice", flags
            )
        if self.model.seed is not None:
            model_values["seed"] = self.model.seed
        values: dict[str, Any] = {
            VERSION_KEY: RECIPE_VERSION,
            "data": data_values,
            "model": model_values,
            "training": self.training.to_dict(),
            "generation": self.generation.to_dict() if self.generation is not None else None,
            "output": None,
        }
        if self.output is not None:
            output = self.output_dir()
            values["output"] = _relative_or_absolute(output, folder)
            if Path(values["output"]).is_absolute():
                flags.append(t("recipe.flag.output", path=values["output"]))
        return values, flags

    def yaml_text(
        self, folder: str | os.PathLike | None = None, file_name: str = RECIPE_FILE
    ) -> tuple[str, list[str]]:
        """The recipe file's text for a recipe kept in ``folder``, and the warnings (also
        written in it as comments)."""
        import yaml

        values, flags = self.to_dict(folder)
        header = [
            t("recipe.header.title"),
            t("recipe.header.repeat", file=file_name),
            t("recipe.header.paths"),
        ]
        header += [t("recipe.header.warning", text=flag) for flag in flags]
        comments = "".join(f"# {' '.join(line.split())}\n" for line in header)
        body = yaml.safe_dump(values, sort_keys=False, allow_unicode=True, default_flow_style=False)
        return comments + body, flags

    def to_yaml(self, path: str | os.PathLike) -> list[str]:
        """Write the recipe to ``path`` (paths relative to its folder); returns the warnings
        about paths that will not exist on another computer (also written as comments)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        text, flags = self.yaml_text(path.absolute().parent, path.name)
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(path)
        return flags

    # ------------------------------------------------------------------ what the paths mean here

    def resolve(self, path: str | os.PathLike) -> str:
        """A path of the recipe as an absolute path (relative ones start from ``base_dir``)."""
        return os.path.normpath((self.base_dir / Path(path).expanduser()).absolute())

    def data_source(self) -> str:
        """What :func:`~.data.read_table` reads: an example name, a Hub id or an absolute path."""
        path = self.data.path
        if path in EXAMPLES:
            return path
        resolved = self.resolve(path)
        if not Path(resolved).exists() and looks_like_hub_id(path.strip()):
            return path.strip()
        return resolved

    def model_choice(self) -> str:
        """What :func:`~.models.load_model` gets: the offline choice, a Hub id or a folder
        (absolute)."""
        choice = self.model.choice.strip()
        if self.model.offline is not None:
            return choice
        folder = Path(self.resolve(choice))
        return str(folder) if folder.is_dir() else choice

    def output_dir(self) -> Path:
        """The run folder, absolute."""
        if self.output is None:
            raise ConfigError("recipe.no_output")
        return Path(self.resolve(self.output))

    def model_seed(self) -> int:
        return self.model.seed if self.model.seed is not None else self.training.seed

    def _portable_data_path(self, folder: Path, flags: list[str]) -> str:
        source = self.data_source()
        if (
            source == self.data.path.strip() and not Path(source).is_absolute()
        ):  # an example or a Hub id
            return source
        return self._portable(source, folder, "data.path", flags)

    @staticmethod
    def _portable(path: str, folder: Path, key: str, flags: list[str]) -> str:
        """``path`` as written in a recipe kept in ``folder``, flagging one that will not exist
        elsewhere: outside ``folder``, absolute, or not there at all (an uploaded file)."""
        stored = _relative_or_absolute(Path(path), folder)
        if Path(stored).is_absolute():
            flags.append(t("recipe.flag.absolute", setting=key, path=stored))
        elif stored.split("/")[0] == "..":
            flags.append(t("recipe.flag.outside", setting=key, path=stored))
        elif not Path(path).exists():
            flags.append(t("recipe.flag.missing", setting=key, path=stored))
        return stored

    # ------------------------------------------------------------------ what the run needs

    def load_data(self) -> "PreparedData":
        """Read, clean and split the data as the recipe says."""
        from .data import detect_columns, prepare, read_table

        raw = read_table(self.data_source())
        wanted, found = self.data.sheet, raw.info.sheet
        if wanted is not None and found is not None and str(wanted) != str(found):
            raise DataError(
                "recipe.sheet_mismatch", wanted=wanted, found=found, path=self.data.path
            )
        choice = detect_columns(
            raw.frame, text_column=self.data.text_column, summary_column=self.data.summary_column
        )
        return prepare(raw, choice, self.data.cleaning, self.data.split)

    def load_extra_texts(self) -> list[str]:
        """The plain texts of ``data.extra_texts``, in order."""
        from .warmup import load_plain_texts

        texts: list[str] = []
        for path in self.data.extra_texts:
            texts += load_plain_texts(self.resolve(path), column=self.data.extra_texts_column)
        return texts

    def load_model(self, data: "PreparedData", extra_texts: Iterable[str] = ()) -> "ModelBundle":
        """The model; the offline one learns its vocabulary from ``data`` (and the extra texts)."""
        from .pipeline import prepare_model

        return prepare_model(
            data, self.model_choice(), seed=self.model_seed(), extra_texts=extra_texts
        )


# --------------------------------------------------------------------------- running


def run_recipe(
    recipe: Recipe,
    *,
    listeners: Iterable[Callable[["TrainingEvent"], None]] = (),
    on_stage: Callable[[str, Any], None] | None = None,
    save: bool = True,
    evaluate_test: bool = True,
    **train_options: Any,
) -> "TrainedModel":
    """Load the data and the model, train and save, as the recipe says (in the calling thread).

    The one path the studio, a notebook and ``widgets-llm train`` share: it ends in
    :func:`~.pipeline.train`, which writes the run folder with this recipe in it.

    Parameters
    ----------
    listeners:
        Training event listeners (see :class:`~.training.TrainingRun`).
    on_stage:
        ``on_stage(name, value)`` as the run goes: ``"loading_data"`` (None), ``"data_ready"``
        (the ``PreparedData``), ``"extra_texts"`` (the plain texts, when there are any),
        ``"loading_model"`` (the choice), ``"model_ready"`` (the ``ModelBundle``),
        ``"training"`` (the ``TrainingConfig``).
    save, evaluate_test, train_options:
        As :func:`~.pipeline.train` (``train_options``: its other keyword arguments, such as
        ``resume``).
    """
    from .pipeline import train

    stage = on_stage or (lambda _name, _value: None)
    output = recipe.output_dir()  # no folder, nothing starts
    stage("loading_data", None)
    data = recipe.load_data()
    stage("data_ready", data)
    # The run keeps the columns and sheet that were read, whether named or detected.
    recipe = replace(
        recipe,
        data=replace(
            recipe.data,
            text_column=data.text_column,
            summary_column=data.summary_column,
            sheet=data.table.sheet,
        ),
    )
    extra_texts = recipe.load_extra_texts()
    if extra_texts:
        stage("extra_texts", extra_texts)
    stage("loading_model", recipe.model_choice())
    bundle = recipe.load_model(data, extra_texts)
    stage("model_ready", bundle)
    stage("training", recipe.training)
    return train(
        data,
        bundle,
        recipe.training,
        output,
        listeners=listeners,
        save=save,
        evaluate_test=evaluate_test,
        extra_texts=extra_texts,
        recipe=recipe,
        generation=recipe.generation,
        **train_options,
    )


# --------------------------------------------------------------------------- files


def read_mapping(path: str | os.PathLike) -> dict[str, Any]:
    """The contents of a YAML (or JSON) file as a dict; ``recipe.unreadable`` otherwise."""
    import yaml

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        values = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (OSError, ValueError, UnicodeDecodeError, yaml.YAMLError) as exc:
        detail = (
            " ".join(str(exc).split())
            if not isinstance(exc, FileNotFoundError)
            else t("data.file_not_found", path=str(path))
        )
        raise ConfigError("recipe.unreadable", path=str(path), detail=detail) from exc
    if values is None:
        values = {}
    if not isinstance(values, dict):
        raise ConfigError("recipe.unreadable", path=str(path), detail=type(values).__name__)
    return values


def is_recipe(values: dict[str, Any]) -> bool:
    """Whether a file's contents are a recipe (it has a recipe section) rather than a
    :class:`TrainingConfig` (only configuration fields)."""
    return any(key in SECTIONS for key in values)


def read_config_or_recipe(path: str | os.PathLike) -> Recipe | TrainingConfig:
    """What ``--config`` names: a recipe, or (as before recipes) a configuration file."""
    values = read_mapping(path)
    if is_recipe(values):
        return Recipe.from_dict(values, base_dir=Path(path).absolute().parent, source=path)
    return TrainingConfig.load(path)


def write_recipe(recipe: Recipe, path: str | os.PathLike) -> list[str]:
    """Same as :meth:`Recipe.to_yaml`."""
    return recipe.to_yaml(path)


def read_recipe(path: str | os.PathLike) -> Recipe:
    """Same as :meth:`Recipe.from_yaml`."""
    return Recipe.from_yaml(path)


# --------------------------------------------------------------------------- helpers


def _absolute_if_path(value: str | os.PathLike) -> str:
    """An existing path made absolute (the recipe may be read from another folder); an example
    name or a Hub id as it is."""
    text = os.fspath(value)
    if text in EXAMPLES:
        return text
    path = Path(text).expanduser()
    if path.exists() or isinstance(value, os.PathLike):
        return str(path.absolute())
    return text


def _relative_or_absolute(path: Path, folder: Path) -> str:
    """``path`` relative to ``folder`` (with ``/``), unless they share nothing but the root."""
    path = Path(path).absolute()
    try:
        common = Path(os.path.commonpath([path, folder]))
    except ValueError:  # another drive
        return str(path)
    if common == Path(common.anchor):
        return str(path)
    return Path(os.path.relpath(path, folder)).as_posix()


def _data_recipe_of(data: "PreparedData") -> DataRecipe:
    table = data.table
    name = table.source_name
    if name in EXAMPLES or table.format == "hub" or not table.path:
        path = name  # an example, a Hub id, or an upload (only its name is known)
    else:
        path = str(Path(table.path).expanduser().absolute())
    return DataRecipe(
        path=path,
        text_column=data.text_column,
        summary_column=data.summary_column,
        sheet=table.sheet,
        cleaning=replace(data.cleaning_options) if data.cleaning_options else CleaningOptions(),
        split=replace(data.split_options) if data.split_options else SplitOptions(),
    )


def _choice_of(bundle: "ModelBundle") -> str:
    source = bundle.source
    name = str(getattr(source, "name", "") or "")
    if getattr(source, "kind", None) == "offline":
        architecture = getattr(source, "architecture", None) or getattr(
            bundle, "architecture", "seq2seq"
        )
        return f"offline-{OFFLINE_ARCHITECTURES.get(architecture, 't5')}-{name}"
    return name


class _Checker:
    """Checks a recipe's contents; each problem ends it at once with one line naming the key."""

    def __init__(self, path: str):
        self.path = path

    def fail(self, where: str, problem: str) -> None:
        raise ConfigError("recipe.invalid", where=where, problem=problem, path=self.path)

    def section(self, values: Any, where: str, known: Iterable[str]) -> dict[str, Any]:
        known = list(known)
        if values is None:
            return {}
        if not isinstance(values, dict):
            self.fail(where or VERSION_KEY, t("recipe.not_a_section", value=_shown(values)))
        for key in values:
            if key not in known:
                self.fail(_join(where, key), t("recipe.unknown_key", known=", ".join(known)))
        return values

    def text(self, value: Any, where: str, *, optional: bool = False) -> Any:
        if value is None and optional:
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)  # a column named 2024 is still a column
        if not isinstance(value, str) or not value.strip():
            self.fail(where, t("recipe.not_text", value=_shown(value)))
        return value

    def problem(self, where: str, key_and_params: tuple[str, dict[str, Any]] | None) -> None:
        if key_and_params is not None:
            key, params = key_and_params
            self.fail(where, t(key, **params))


def _join(where: str, key: Any) -> str:
    return f"{where}.{key}" if where else str(key)


def _shown(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def _data_from(values: Any, check: _Checker) -> DataRecipe:
    if isinstance(values, str):  # «data: noticias.csv» is enough
        values = {"path": values}
    values = check.section(values, "data", [f.name for f in fields(DataRecipe)])
    if values.get("path") is None:
        check.fail("data.path", t("recipe.missing_key"))
    extra = values.get("extra_texts") or []
    if isinstance(extra, str):
        extra = [extra]
    if not isinstance(extra, list) or not all(isinstance(p, str) and p.strip() for p in extra):
        check.fail("data.extra_texts", t("recipe.not_paths", value=_shown(extra)))
    return DataRecipe(
        path=check.text(values["path"], "data.path").strip(),
        text_column=check.text(values.get("text_column"), "data.text_column", optional=True),
        summary_column=check.text(
            values.get("summary_column"), "data.summary_column", optional=True
        ),
        sheet=check.text(values.get("sheet"), "data.sheet", optional=True),
        cleaning=_cleaning_from(values.get("cleaning"), check),
        split=_split_from(values.get("split"), check),
        extra_texts=list(extra),
        extra_texts_column=check.text(
            values.get("extra_texts_column"), "data.extra_texts_column", optional=True
        ),
    )


def _cleaning_from(values: Any, check: _Checker) -> CleaningOptions:
    defaults = CleaningOptions()
    values = check.section(values, "data.cleaning", [f.name for f in fields(CleaningOptions)])
    for name, value in values.items():
        if isinstance(getattr(defaults, name), bool) and not isinstance(value, bool):
            check.fail(
                f"data.cleaning.{name}",
                t(
                    "config.invalid.type",
                    label=name,
                    value=value,
                    expected=t("config.type.boolean"),
                ),
            )
    try:
        return CleaningOptions(**values)
    except ConfigError as error:
        option = error.params.get("option", "")
        check.fail(_join("data.cleaning", option), error.one_line())
    raise AssertionError("unreachable")  # pragma: no cover


def _split_from(values: Any, check: _Checker) -> SplitOptions:
    values = check.section(values, "data.split", [f.name for f in fields(SplitOptions)])
    for name in ("validation_fraction", "test_fraction"):
        if name in values:
            value = _number(values[name])
            if not _is_number(value):
                check.fail(
                    f"data.split.{name}",
                    t(
                        "config.invalid.type",
                        label=name,
                        value=values[name],
                        expected=t("config.type.number"),
                    ),
                )
            values[name] = float(value)
    if "seed" in values:
        check.problem("data.split.seed", check_value("seed", coerce_value("seed", values["seed"])))
        values["seed"] = int(coerce_value("seed", values["seed"]))
    try:
        return SplitOptions(**values)
    except ConfigError as error:
        check.fail("data.split", error.one_line())
    raise AssertionError("unreachable")  # pragma: no cover


def _model_from(values: Any, check: _Checker) -> ModelRecipe:
    from .models import OFFLINE_SIZES

    if values is None:
        return ModelRecipe()
    if isinstance(values, str):  # «model: offline-t5-mini» is enough
        values = {"choice": values}
    values = check.section(
        values, "model", ["choice", "size", "architecture", "vocabulary", "seed"]
    )
    choice = check.text(values.get("choice", "offline"), "model.choice").strip()
    seed = values.get("seed")
    if seed is not None:
        seed = coerce_value("seed", seed)
        check.problem("model.seed", check_value("seed", seed))
        seed = int(seed)
    offline_keys = [
        key for key in ("size", "architecture", "vocabulary") if values.get(key) is not None
    ]
    model = ModelRecipe(choice=choice, seed=seed)
    if model.offline is None:
        if offline_keys:
            check.fail(f"model.{offline_keys[0]}", t("recipe.model.offline_only", choice=choice))
        return model
    # The size and architecture the choice names (when it names them), checked against the keys.
    said_size = said_architecture = None
    for part in choice.lower().split("-")[1:]:
        if part in _ARCHITECTURE_WORDS:
            said_architecture = _ARCHITECTURE_WORDS[part]
        elif part:
            said_size = part
    if said_size is not None and said_size not in OFFLINE_SIZES:
        check.fail(
            "model.choice",
            t("recipe.model.unknown_size", value=said_size, choices=", ".join(OFFLINE_SIZES)),
        )
    size, architecture = model.offline
    if values.get("size") is not None:
        wanted = check.text(values["size"], "model.size").strip().lower()
        if wanted not in OFFLINE_SIZES:
            check.fail(
                "model.size",
                t("recipe.model.unknown_size", value=wanted, choices=", ".join(OFFLINE_SIZES)),
            )
        if said_size is not None and wanted != said_size:
            check.fail("model.size", t("recipe.model.mismatch", value=wanted, choice=choice))
        size = wanted
    if values.get("architecture") is not None:
        wanted = check.text(values["architecture"], "model.architecture").strip().lower()
        if wanted not in _ARCHITECTURE_WORDS:
            check.fail(
                "model.architecture",
                t(
                    "recipe.model.unknown_architecture",
                    value=wanted,
                    choices=", ".join(OFFLINE_ARCHITECTURES),
                ),
            )
        wanted = _ARCHITECTURE_WORDS[wanted]
        if said_architecture is not None and wanted != said_architecture:
            check.fail(
                "model.architecture",
                t("recipe.model.mismatch", value=values["architecture"], choice=choice),
            )
        architecture = wanted
    vocabulary = values.get("vocabulary")
    if vocabulary is not None and vocabulary != VOCABULARY_FROM_DATA:
        check.fail(
            "model.vocabulary",
            t("recipe.model.vocabulary", expected=VOCABULARY_FROM_DATA, value=_shown(vocabulary)),
        )
    return ModelRecipe(choice=f"offline-{OFFLINE_ARCHITECTURES[architecture]}-{size}", seed=seed)


def _training_from(values: Any, check: _Checker) -> TrainingConfig:
    names = [f.name for f in fields(TrainingConfig)]
    values = check.section(values, "training", names)
    settings = {}
    for name, value in values.items():
        value = coerce_value(name, value)
        check.problem(f"training.{name}", check_value(name, value))
        settings[name] = value
    try:
        return TrainingConfig(**settings)
    except ConfigError as error:  # a check across settings
        check.fail(f"training.{error.params.get('field', '')}".rstrip("."), error.message())
    raise AssertionError("unreachable")  # pragma: no cover


def _generation_from(values: Any, check: _Checker) -> GenerationSettings | None:
    if values is None:
        return None
    defaults = GenerationSettings()
    values = check.section(values, "generation", [f.name for f in fields(GenerationSettings)])
    settings = {}
    for name, value in values.items():
        where, default = f"generation.{name}", getattr(defaults, name)
        base = {"label": name, "value": value}
        if isinstance(default, bool):
            if not isinstance(value, bool):
                check.fail(
                    where, t("config.invalid.type", **base, expected=t("config.type.boolean"))
                )
            settings[name] = value
            continue
        number = _number(value)
        if isinstance(default, int) and not (_is_number(number) and float(number).is_integer()):
            check.fail(where, t("config.invalid.type", **base, expected=t("config.type.integer")))
        if not _is_number(number):
            check.fail(where, t("config.invalid.type", **base, expected=t("config.type.number")))
        low = _GENERATION_LOWS.get(name, 0)
        if name in _GENERATION_POSITIVE and number <= 0:
            check.fail(where, t("config.invalid.positive", **base))
        if number < low:
            key = "config.invalid.non_negative" if low == 0 else "config.invalid.positive"
            check.fail(where, t(key, **base))
        settings[name] = int(number) if isinstance(default, int) else float(number)
    return GenerationSettings(**settings)


def _number(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return float(value.strip().replace(",", "."))
        except ValueError:
            return value
    return value


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
