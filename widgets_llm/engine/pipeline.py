"""The whole path in a few calls, shared by the CLI, the notebooks and the dashboards.

    data = load_pairs("ejemplo_es")
    trained = train(data, "offline", preset("fast"), "runs/mi_modelo")
    comparison = compare_run("runs/mi_modelo", data.splits["test"])

Each function is a thin composition of the engine modules; none holds logic of its own
beyond choosing sensible defaults.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from . import distributed
from .config import TrainingConfig
from .data import PreparedData, clean_pairs, detect_columns, read_table
from .generation import GenerationSettings, settings_for
from .models import ModelBundle, load_model
from .training import TrainingEvent, TrainingResult, TrainingRun


def vocabulary_texts(data: PreparedData, extra_texts: Iterable[str] = ()) -> list[str]:
    """The texts an offline model learns its vocabulary from: the training texts and summaries,
    and any extra plain texts."""
    train = data.splits["train"]
    return list(train["text"]) + list(train["summary"]) + list(extra_texts)


def prepare_model(
    data: PreparedData, choice: str = "offline", *, seed: int = 0, extra_texts: Iterable[str] = ()
) -> ModelBundle:
    """Load the chosen model; the offline model learns its vocabulary from ``data``
    (and ``extra_texts``).

    With several processes (see :mod:`.distributed`) a model to download is downloaded by the
    main process first (one download, then the others read it from the cache), and every
    process ends up with the main's model; ``bundle.extra["model_check"]`` says how the
    processes' models compared.
    """
    from .models import parse_model_choice

    several = distributed.is_distributed()
    downloads = several and parse_model_choice(choice)[0] != "offline"
    if downloads and not distributed.is_main_process():
        distributed.barrier()  # waits for the main's download
    bundle = load_model(choice, texts=vocabulary_texts(data, extra_texts), seed=seed)
    if downloads and distributed.is_main_process():
        distributed.barrier()
    if several:
        bundle, check = distributed.same_model_everywhere(bundle, seed=seed)
        bundle.extra["model_check"] = check
    return bundle


@dataclass
class TrainedModel:
    """A finished training: the model in memory, the run's result and where it was saved."""

    bundle: ModelBundle
    result: TrainingResult
    run: TrainingRun
    path: Path | None


def train(
    data: PreparedData,
    model: str | ModelBundle,
    config: TrainingConfig,
    output_dir: str | Path,
    *,
    listeners: Iterable[Callable[[TrainingEvent], None]] = (),
    save: bool = True,
    evaluate_test: bool = True,
    extra_texts: Iterable[str] = (),
    recipe: Any = None,
    generation: GenerationSettings | None = None,
    resume: bool = False,
    stop_on_signal: Callable[[], None] | None = None,
) -> TrainedModel:
    """Fine-tune ``model`` on ``data`` with ``config`` in the calling thread and save the run.

    With a warm-up (``config.warmup``; on by default for the offline model) the model first
    trains on examples made from the training texts and ``extra_texts`` (plain texts without
    summaries). With ``evaluate_test`` the test split is evaluated (tuned model and lead
    baseline) and the metrics are written into the run folder. ``recipe`` and ``generation``
    go to :func:`evaluate_and_save`.

    ``resume`` goes on from the last checkpoint in ``output_dir``. With ``stop_on_signal``,
    SIGINT and SIGTERM stop the run at the end of its step (the checkpoint is kept) and call
    it; the run is then saved without the test evaluation, which waits for the run to finish.
    Launched on several processes (:mod:`.distributed`), all of them train and only the main
    one evaluates and saves; the others return with ``path`` ``None``.
    """
    extra_texts = list(extra_texts)
    bundle = (
        model
        if isinstance(model, ModelBundle)
        else prepare_model(data, model, seed=config.seed, extra_texts=extra_texts)
    )
    run = TrainingRun(bundle, data.splits, config, output_dir, extra_texts=extra_texts)
    for listener in listeners:
        run.subscribe(listener)
    if stop_on_signal is None:
        result = run.run(resume=resume)
    else:
        with distributed.stop_on_signals(run.stop, stop_on_signal):
            result = run.run(resume=resume)
        evaluate_test = evaluate_test and result.status != "stopped"
    if not distributed.is_main_process():
        return TrainedModel(bundle, result, run, None)  # the main evaluates and saves, once
    path = evaluate_and_save(
        data,
        bundle,
        config,
        output_dir,
        result,
        save=save,
        evaluate_test=evaluate_test,
        recipe=recipe,
        generation=generation,
    )
    return TrainedModel(bundle, result, run, path)


def evaluate_and_save(
    data: PreparedData,
    bundle: ModelBundle,
    config: TrainingConfig,
    output_dir: str | Path,
    result: TrainingResult,
    *,
    save: bool = True,
    evaluate_test: bool = True,
    on_progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    recipe: Any = None,
    generation: GenerationSettings | None = None,
) -> Path | None:
    """What :func:`train` does once training ended: evaluate the test split and save the run.

    The run folder gets the metrics, the data's fingerprint and every test example with the
    model's summary and scores (``test_examples.jsonl``), so that runs can be compared later
    example by example. Nothing is saved for a failed run (``None`` is returned).
    ``on_progress``/``should_stop`` follow and stop the evaluation (see
    :func:`evaluation.evaluate_model`).

    ``generation`` (default: :func:`settings_for` the bundle and ``config``) writes the test
    summaries and is saved with the run. The run folder keeps ``recipe`` (a
    :class:`~.recipe.Recipe`) as ``recipe.yaml``; without one, the recipe made from ``data``,
    ``bundle``, ``config`` and ``generation``.
    """
    from .evaluation import evaluate_model
    from .runs import describe_data, example_rows, save_run

    generation = generation or settings_for(bundle, config)
    metrics: dict[str, Any] = {"training": result.to_dict()}
    metrics["training"].pop("log_history", None)
    examples = None
    if evaluate_test and result.status != "failed" and len(data.splits["test"]) > 0:
        test = data.splits["test"]
        texts, references = list(test["text"]), list(test["summary"])
        report = evaluate_model(
            bundle,
            texts,
            references,
            settings=generation,
            max_input_length=config.max_input_length,
            max_target_length=config.max_target_length,
            on_progress=on_progress,
            should_stop=should_stop,
        )
        metrics["test"] = report.to_dict()
        examples = example_rows(texts, references, report)
    if not save or result.status == "failed":
        return None
    if recipe is None:
        from .recipe import Recipe

        recipe = Recipe.from_run(data, bundle, config, generation=generation)
    return save_run(
        output_dir,
        bundle,
        config=config,
        result=result,
        metrics=metrics,
        data_info=describe_data(data),
        examples=examples,
        generation=generation,
        recipe=recipe,
    )


def pairs_from_source(
    source: Any,
    text_column: str | None = None,
    summary_column: str | None = None,
) -> tuple[list[str], list[str]]:
    """Every (text, summary) pair of a file, cleaned as training would, without splitting.

    ``source`` may also be a ``datasets.Dataset`` with ``text`` and ``summary`` columns.
    """
    if hasattr(source, "column_names") and {"text", "summary"} <= set(source.column_names):
        return list(source["text"]), list(source["summary"])
    if isinstance(source, PreparedData):
        frames = [source.splits[name] for name in source.splits]
        return [t for f in frames for t in f["text"]], [s for f in frames for s in f["summary"]]
    raw = read_table(source)
    choice = detect_columns(raw.frame, text_column=text_column, summary_column=summary_column)
    pairs, _ = clean_pairs(raw.frame, choice.text, choice.summary)
    return list(pairs["text"]), list(pairs["summary"])


def _saved_run_work(run_dir, source, text_column, summary_column, settings):
    """A saved run, the pairs of ``source``, and the options both evaluations share.

    The lengths come from the run's training configuration, or from its generation settings
    for a run saved without one.
    """
    from .runs import load_run

    saved = load_run(run_dir)
    texts, references = pairs_from_source(source, text_column, summary_column)
    settings = settings or saved.generation_settings()
    config = saved.config
    options = {
        "settings": settings,
        "max_input_length": config.max_input_length if config else settings.max_input_length,
        "max_target_length": config.max_target_length if config else settings.max_new_tokens,
    }
    return saved, texts, references, options


def evaluate_run(
    run_dir: str | Path,
    source: Any,
    *,
    text_column: str | None = None,
    summary_column: str | None = None,
    settings: GenerationSettings | None = None,
):
    """Evaluate a saved run on every pair of ``source``: ROUGE, perplexity, lead baseline."""
    from .evaluation import evaluate_model

    saved, texts, references, options = _saved_run_work(
        run_dir, source, text_column, summary_column, settings
    )
    return evaluate_model(saved.bundle, texts, references, **options)


def compare_run(
    run_dir: str | Path,
    source: Any,
    *,
    text_column: str | None = None,
    summary_column: str | None = None,
    settings: GenerationSettings | None = None,
):
    """Base vs tuned on every pair of ``source``, with the lead baseline."""
    from .evaluation import compare_models

    saved, texts, references, options = _saved_run_work(
        run_dir, source, text_column, summary_column, settings
    )
    return compare_models(saved.load_base(), saved.bundle, texts, references, **options)


def summarize_with_run(
    run_dir: str | Path, texts: list[str], settings: GenerationSettings | None = None
) -> list[str]:
    """Summaries of new texts written by a saved run's model."""
    from .generation import generate_summaries
    from .runs import load_run

    saved = load_run(run_dir)
    return generate_summaries(saved.bundle, texts, settings or saved.generation_settings())


def warmup_plan(
    data: PreparedData, bundle: ModelBundle, config: TrainingConfig, extra_texts: Iterable[str] = ()
):
    """The warm-up a run of ``bundle`` on ``data`` with ``config`` will do (shown before training).

    The same plan :class:`training.TrainingRun` makes; ``plan.describe()`` says it in words.
    """
    return TrainingRun(
        bundle, data.splits, config, Path("."), extra_texts=list(extra_texts)
    ).warmup_plan()
