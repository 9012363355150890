"""``widgets-llm``: the engine from a terminal, with the same names as the widgets.

Every error ends with a non-zero exit status and one clear line in Spanish (English with
``--lang en``); ``--debug`` shows the traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Sequence

from .errors import WidgetsLLMError, as_user_error
from .formatting import format_number, format_perplexity
from .messages import default_language, set_language, t

EXIT_USER_ERROR = 2
EXIT_INTERRUPTED = 130


#: Option names a configuration field had before its option was made from the configuration;
#: they stay as aliases so that old commands keep working.
CONFIG_OPTION_ALIASES: dict[str, tuple[str, ...]] = {
    "num_epochs": ("--epochs",),
    "use_lora": ("--lora",),
}
_CONFIG_METAVARS = {"integer": "N", "number": "X", "list": "A,B"}
PRESET_CHOICES = ("fast", "balanced", "quality")


def config_option(name: str) -> str:
    """The option of configuration field ``name``: ``learning_rate`` → ``--learning-rate``."""
    return "--" + name.replace("_", "-")


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's layout, with the "usage:" heading in the user's language."""

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(
            usage, actions, groups, t("cli.parser.usage") if prefix is None else prefix
        )


class _ConfigValue(argparse.Action):
    """Stores one configuration field, read and checked as the configuration reads and checks
    it (:func:`~widgets_llm.engine.config.coerce_value`,
    :func:`~widgets_llm.engine.config.check_value`).

    A bad value ends the command at once, before anything is loaded: one line in the user's
    language naming the option and what it accepts, and exit status 2 (as argparse's own errors).
    """

    def __call__(self, parser, namespace, values, option_string=None):
        from .engine.config import check_value, coerce_value

        value = coerce_value(self.dest, values)
        problem = check_value(self.dest, value)
        if problem is not None:
            key, params = problem
            option = option_string or config_option(self.dest)
            parser.exit(
                EXIT_USER_ERROR,
                t("cli.option.invalid", option=option, problem=t(key, **params)) + "\n",
            )
        setattr(namespace, self.dest, value)


def _add_config_options(parser: argparse.ArgumentParser) -> None:
    """One option per :class:`TrainingConfig` field, with the field's help from the catalog.

    Each defaults to None: only the options given replace the preset's (or file's) values.
    """
    from dataclasses import fields

    from .engine.config import TrainingConfig, field_info

    group = parser.add_argument_group(
        t("cli.parser.settings"), t("cli.parser.settings.description")
    )
    for f in fields(TrainingConfig):
        info = field_info(f.name)
        names = (config_option(f.name), *CONFIG_OPTION_ALIASES.get(f.name, ()))
        help_text = info["help"].replace("%", "%%")
        if info["kind"] == "boolean":
            group.add_argument(
                *names,
                dest=f.name,
                action=argparse.BooleanOptionalAction,
                default=None,
                help=help_text,
            )
        else:
            # Choices are shown, and checked by _ConfigValue (not by argparse) so that a bad one
            # gets the configuration's own message.
            metavar = (
                "{" + ",".join(info["choices"]) + "}"
                if info["kind"] == "choice"
                else _CONFIG_METAVARS[info["kind"]]
            )
            group.add_argument(
                *names,
                dest=f.name,
                action=_ConfigValue,
                default=None,
                metavar=metavar,
                help=help_text,
            )


def _add_column_options(parser: argparse.ArgumentParser) -> None:
    column = t("cli.metavar.column")
    parser.add_argument("--text-column", metavar=column, help=t("cli.help.text_column"))
    parser.add_argument("--summary-column", metavar=column, help=t("cli.help.summary_column"))


def _add_json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help=t("cli.help.json"))


def _translate_headings(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser._positionals.title = t("cli.parser.positionals")
    parser._optionals.title = t("cli.parser.options")
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The parser of every command, with its help in the current language (see ``--lang``)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "-h", "--help", action="help", default=argparse.SUPPRESS, help=t("cli.help.help")
    )
    common.add_argument("--lang", choices=("es", "en"), default=None, help=t("cli.help.lang"))
    common.add_argument("--debug", action="store_true", help=t("cli.help.debug"))

    parser = _translate_headings(
        argparse.ArgumentParser(
            prog="widgets-llm",
            description=t("cli.description"),
            parents=[common],
            add_help=False,
            formatter_class=_HelpFormatter,
        )
    )
    commands = parser.add_subparsers(dest="command", required=True, title=t("cli.parser.commands"))

    def command(name: str, **kwargs) -> argparse.ArgumentParser:
        help_text = t(f"cli.command.{name}")
        return _translate_headings(
            commands.add_parser(
                name,
                parents=[common],
                add_help=False,
                help=help_text,
                description=help_text,
                formatter_class=_HelpFormatter,
                **kwargs,
            )
        )

    file, folder, model = t("cli.metavar.file"), t("cli.metavar.folder"), t("cli.metavar.model")
    data = command("data")
    data.add_argument("file", metavar=file, help=t("cli.help.file"))
    _add_column_options(data)
    _add_json_option(data)

    train = command("train", usage=t("cli.usage.train"))
    # --data and --output may come from a recipe (--config): command_train checks they are known.
    train.add_argument("--data", metavar=file, help=t("cli.help.data"))
    _add_column_options(train)
    train.add_argument("--model", default=None, metavar=model, help=t("cli.help.model"))
    train.add_argument("--config", metavar=file, help=t("cli.help.config"))
    train.add_argument("--preset", choices=PRESET_CHOICES, default=None, help=t("cli.help.preset"))
    train.add_argument("--extra-texts", metavar=file, help=t("cli.help.extra_texts"))
    train.add_argument(
        "--extra-texts-column",
        metavar=t("cli.metavar.column"),
        help=t("cli.help.extra_texts_column"),
    )
    train.add_argument("--output", metavar=folder, help=t("cli.help.output"))
    train.add_argument("--resume", action="store_true", help=t("cli.help.train_resume"))
    train.add_argument(
        "--processes", type=int, default=1, metavar="N", help=t("cli.help.processes")
    )
    _add_json_option(train)
    _add_config_options(train)

    for name in ("evaluate", "compare"):
        evaluate = command(name)
        evaluate.add_argument("run_dir", metavar=folder, help=t("cli.help.run_dir"))
        evaluate.add_argument("--data", required=True, metavar=file, help=t("cli.help.eval_data"))
        _add_column_options(evaluate)
        _add_json_option(evaluate)

    summarize = command("summarize")
    summarize.add_argument("run_dir", metavar=folder, help=t("cli.help.run_dir"))
    group = summarize.add_mutually_exclusive_group()
    group.add_argument("--text", metavar=t("cli.metavar.text"), help=t("cli.help.text"))
    group.add_argument("--file", metavar=file, help=t("cli.help.texts_file"))
    summarize.add_argument(
        "--max-new-tokens", type=int, metavar="N", help=t("cli.help.max_new_tokens")
    )
    summarize.add_argument("--num-beams", type=int, metavar="N", help=t("cli.help.num_beams"))

    experiments = command("experiments")
    experiments.add_argument("runs_dir", metavar=folder, help=t("cli.help.runs_dir"))
    _add_json_option(experiments)

    compare_runs = command("compare-runs")
    compare_runs.add_argument("run_a", metavar="A", help=t("cli.help.run_a"))
    compare_runs.add_argument("run_b", metavar="B", help=t("cli.help.run_b"))
    compare_runs.add_argument("--data", metavar=file, help=t("cli.help.compare_data"))
    _add_column_options(compare_runs)
    _add_json_option(compare_runs)

    sweep = command("sweep")
    sweep.add_argument("--data", required=True, metavar=file, help=t("cli.help.data"))
    _add_column_options(sweep)
    sweep.add_argument("--model", required=True, metavar=model, help=t("cli.help.sweep_model"))
    sweep.add_argument("--config", metavar=file, help=t("cli.help.sweep_config"))
    sweep.add_argument("--preset", choices=PRESET_CHOICES, default=None, help=t("cli.help.preset"))
    sweep.add_argument(
        "--grid", action="append", required=True, metavar="SETTING=V1,V2", help=t("cli.help.grid")
    )
    sweep.add_argument("--output", required=True, metavar=folder, help=t("cli.help.sweep_output"))
    sweep.add_argument("--resume", action="store_true", help=t("cli.help.resume"))
    _add_json_option(sweep)

    demo = command("demo")
    demo.add_argument(
        "--output", default="runs/demo", metavar=folder, help=t("cli.help.demo_output")
    )
    demo.add_argument("--preset", choices=PRESET_CHOICES, default="fast", help=t("cli.help.preset"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from .engine import distributed

    # One of several processes (torchrun, --processes): only the main one prints, or every
    # line would show N times; each leaves the process group at its end, also after an error.
    with distributed.quiet_unless_main(enabled="--debug" not in argv):
        ended_normally = False
        try:
            status = _main(argv)
            # Only a success waits for the others: a process that stopped with a message may
            # be the only one that did, and the others are not coming to the barrier.
            ended_normally = not status
            return status
        finally:
            distributed.teardown(ended_normally=ended_normally)


def _main(argv: list[str]) -> int:
    from .engine import distributed

    set_language(_language_from(argv) or default_language())
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "processes", 1) < 1:
        parser.exit(EXIT_USER_ERROR, t("cli.option.processes_invalid") + "\n")
    from .engine.download import reporting_downloads_to

    downloads = _DownloadPrinter()
    try:
        if getattr(args, "processes", 1) > 1 and not distributed.launched():
            return _launch_processes(args, argv)
        handler = globals()[f"command_{args.command.replace('-', '_')}"]
        # Any hub model the command loads (to train, or as a run's base) shows its download.
        with reporting_downloads_to(downloads):
            return handler(args) or 0
    except KeyboardInterrupt:
        downloads.end_line()
        print(t("cli.interrupted"), file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # every error becomes one clear line
        downloads.end_line()
        if getattr(args, "debug", False):
            raise
        error = as_user_error(exc)
        print(error.one_line(), file=sys.stderr)
        distributed.record_error(error.one_line())  # for torchrun's report (when launched)
        return EXIT_USER_ERROR if isinstance(exc, WidgetsLLMError) else 1


def _launch_processes(args, argv: list[str]) -> int:
    """``train --processes N``: the same command in N processes, started by torchrun's code."""
    import shlex

    from .engine import distributed

    command = distributed.without_option(argv, "--processes")
    torchrun = shlex.join(["torchrun", *distributed.launcher_arguments(args.processes, command)])
    print(
        t(
            "distributed.launching",
            processes=args.processes,
            backend=distributed.backend_name(),
            command=torchrun,
        ),
        file=sys.stderr,
        flush=True,
    )
    result = distributed.launch(args.processes, command, debug=args.debug)
    if result.other_failure:  # the main process may only have seen its partner vanish
        print(
            t(
                "distributed.other_failed",
                number=(result.failed_rank or 0) + 1,
                processes=args.processes,
                message=result.other_failure,
            ),
            file=sys.stderr,
        )
    return result.exit_code


def _language_from(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1] if argv[i + 1] in ("es", "en") else None
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
            return value if value in ("es", "en") else None
    return None


class _DownloadPrinter:
    """Shows a model download on stderr: on a terminal, one line rewritten in place; otherwise
    (a log, a notebook) a line at most every ``interval_s`` seconds, and always the last one."""

    def __init__(self, stream=None, interval_s: float = 2.0):
        self._stream = stream
        self.interval_s = interval_s
        self._last_printed: float | None = None
        self._open_width = 0  # characters of an unfinished terminal line

    @property
    def stream(self):
        return self._stream or sys.stderr  # sys.stderr now, not when the printer was made

    def __call__(self, progress) -> None:
        import time

        text = progress.describe()
        stream = self.stream
        if stream.isatty():
            stream.write("\r" + text + " " * max(self._open_width - len(text), 0))
            self._open_width = len(text)
            if progress.finished:
                self.end_line()
            stream.flush()
            return
        now = time.monotonic()
        if (
            progress.finished
            or self._last_printed is None
            or now - self._last_printed >= self.interval_s
        ):
            print(text, file=stream, flush=True)
            # The next download (a run's base model after the tuned one) starts a line at once.
            self._last_printed = None if progress.finished else now

    def end_line(self) -> None:
        """Close a progress line left open on a terminal (before an error or the next message)."""
        if self._open_width:
            self.stream.write("\n")
            self.stream.flush()
            self._open_width = 0


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


# ----------------------------------------------------------------------------- data


def command_data(args) -> None:
    from .engine.data import load_pairs

    prepared = load_pairs(
        args.file, text_column=args.text_column, summary_column=args.summary_column
    )
    report = prepared.report
    table = prepared.table
    if args.json:
        _print_json(
            {
                "source": table.name,
                "format": table.format,
                "encoding": table.encoding,
                "delimiter": table.delimiter,
                "columns": list(table.columns),
                "rows_in": report.rows_in,
                "rows_kept": report.rows_kept,
                "text_column": prepared.text_column,
                "summary_column": prepared.summary_column,
                "cleaning": dict(report.counts),
                "splits": prepared.sizes,
                "warnings": list(prepared.warnings),
            }
        )
        return
    print(
        t(
            "cli.data.found",
            source=table.name,
            format=table.format,
            encoding=table.encoding or "-",
            delimiter=repr(table.delimiter) if table.delimiter else "-",
            columns=", ".join(map(str, table.columns)),
            text_column=prepared.text_column,
            summary_column=prepared.summary_column,
            reason=prepared.choice.describe(),
            rows_in=report.rows_in,
            rows_kept=report.rows_kept,
        )
    )
    print(t("cli.cleaning"), report.summary())
    for label, count in report.table():
        print(f"  {label}: {count}")
    sizes = prepared.sizes
    print(
        t(
            "cli.data.split",
            train=sizes.get("train", 0),
            validation=sizes.get("validation", 0),
            test=sizes.get("test", 0),
        )
    )
    for warning in prepared.warnings:
        print(f"{t('warning.label')}: {warning}")


# ----------------------------------------------------------------------------- train


def _config_from(args, base=None):
    """``base`` (a recipe's settings), else the preset (or ``--config`` file), with the
    settings given as options."""
    from .engine.config import TrainingConfig, field_names, preset

    if base is not None:
        config = base
    elif args.config:
        config = TrainingConfig.load(args.config)
    else:
        config = preset(args.preset or "balanced")
    # Only the settings given on the command line (every option defaults to None) replace them.
    changes = {
        name: getattr(args, name) for name in field_names() if getattr(args, name, None) is not None
    }
    return config.updated(**changes) if changes else config


class _ProgressPrinter:
    """Prints training progress as lines (a terminal needs no widgets)."""

    def __init__(self, stream=None):
        self._stream = stream

    @property
    def stream(self):
        # sys.stderr as it is when printing (not when this module was imported): a caller may
        # have redirected it since.
        return self._stream if self._stream is not None else sys.stderr

    def __call__(self, event) -> None:
        from .engine.estimate import format_duration

        if event.kind == "log" and event.loss is not None:
            if event.warmup_steps:  # two stages: say which one this line is about
                print(f"[{t('training.stage.' + event.stage)}]", end=" ", file=self.stream)
            print(
                t(
                    "cli.train.log",
                    step=event.step,
                    max_steps=event.max_steps,
                    loss=format_number(event.loss, 4),
                    elapsed=format_duration(event.elapsed),
                    eta=format_duration(event.eta or 0),
                ),
                file=self.stream,
                flush=True,
            )
        elif event.kind == "evaluation" and event.eval_loss is not None:
            print(
                t(
                    "cli.train.eval",
                    step=event.step,
                    max_steps=event.max_steps,
                    eval_loss=format_number(event.eval_loss, 4),
                    perplexity=format_perplexity(event.perplexity),
                ),
                file=self.stream,
                flush=True,
            )


def _command_line_path(value: str) -> str:
    """A path given on the command line, absolute (a recipe's paths start from its own
    folder, not from here); an example name or a Hub id as it is."""
    from .engine.data import EXAMPLES, looks_like_hub_id

    path = Path(value).expanduser()
    if value in EXAMPLES or (not path.exists() and looks_like_hub_id(value.strip())):
        return value
    return str(path.absolute())


def _recipe_from(args):
    """What ``train`` runs: the recipe of ``--config`` (when the file is a recipe: it has a
    ``data``, ``model``, ``training``... section), else a recipe made of the options and the
    preset or configuration file. The options given replace the recipe's values."""
    from dataclasses import replace

    from .engine.recipe import DataRecipe, ModelRecipe, Recipe, read_config_or_recipe
    from .errors import ConfigError

    loaded = read_config_or_recipe(args.config) if args.config else None
    if not isinstance(loaded, Recipe):
        for option, value in (("--data", args.data), ("--output", args.output)):
            if not value:
                raise ConfigError("cli.train.missing_option", option=option)
        loaded = Recipe(
            data=DataRecipe(path=args.data),
            model=ModelRecipe(args.model or "offline"),
            training=_config_from(args, base=loaded),
        )
    data, model = loaded.data, loaded.model
    if args.data:
        data = replace(data, path=_command_line_path(args.data))
    if args.text_column:
        data = replace(data, text_column=args.text_column)
    if args.summary_column:
        data = replace(data, summary_column=args.summary_column)
    if args.extra_texts:
        data = replace(data, extra_texts=[_command_line_path(args.extra_texts)])
    if args.extra_texts_column:
        data = replace(data, extra_texts_column=args.extra_texts_column)
    if args.model:
        folder = Path(args.model).expanduser().is_dir()  # a model folder, else a choice or Hub id
        choice = _command_line_path(args.model) if folder else args.model
        model = ModelRecipe(choice=choice, seed=model.seed)
    output = str(Path(args.output).expanduser().absolute()) if args.output else loaded.output
    training = _config_from(args, base=loaded.training)
    return replace(loaded, data=data, model=model, training=training, output=output)


class _TrainStagePrinter:
    """Says on stderr what :func:`~widgets_llm.engine.recipe.run_recipe` is doing, and keeps
    the warm-up plan (``--json`` reports it)."""

    def __init__(self, recipe):
        self.recipe = recipe
        self.data = self.bundle = self.plan = None
        self.extra_texts: list[str] = []

    def __call__(self, stage: str, value) -> None:
        from .engine import distributed
        from .engine.pipeline import warmup_plan

        if stage == "loading_data":
            print(t("cli.train.loading_data"), file=sys.stderr)
        elif stage == "data_ready":
            self.data = value
            for warning in value.warnings:
                print(f"{t('warning.label')}: {warning}", file=sys.stderr)
        elif stage == "extra_texts":
            self.extra_texts = value
            paths = ", ".join(self.recipe.data.extra_texts)
            print(t("cli.train.extra_texts", count=len(value), path=paths), file=sys.stderr)
        elif stage == "loading_model":
            print(t("cli.train.loading_model", model=value), file=sys.stderr)
        elif stage == "model_ready":
            self.bundle = bundle = value
            params, trainable = bundle.num_parameters(), bundle.num_parameters(trainable_only=True)
            print(
                t(
                    "cli.train.model_ready",
                    label=bundle.label(),
                    params=f"{params:,}",
                    trainable=f"{trainable:,}",
                ),
                file=sys.stderr,
            )
        elif stage == "training":
            if distributed.is_distributed():
                _print_processes(self.bundle, value)
            self.plan = warmup_plan(self.data, self.bundle, value, self.extra_texts)
            print(self.plan.describe(), file=sys.stderr)
            if self.bundle.source.kind == "offline":
                print(t("warmup.offline_limits"), file=sys.stderr)


def command_train(args) -> int | None:
    from .engine import distributed
    from .engine.recipe import run_recipe

    recipe = _recipe_from(args)  # a bad recipe stops here, before anything starts
    distributed.init_process_group()  # launched as one of several: join the others first
    stages = _TrainStagePrinter(recipe)
    trained = run_recipe(
        recipe,
        listeners=[_ProgressPrinter()],
        on_stage=stages,
        resume=args.resume,
        stop_on_signal=lambda: print(t("cli.train.stopping"), file=sys.stderr),
    )
    plan = stages.plan
    if trained.result.error is not None:
        raise trained.result.error
    if not distributed.is_main_process():
        return None  # the main process evaluated, saved and says so
    stopped = trained.result.status == "stopped"
    if stopped:
        print(
            t(
                "cli.train.stopped",
                step=trained.result.steps,
                max_steps=trained.result.max_steps,
                path=trained.path,
            ),
            file=sys.stderr,
        )
    else:
        print(t("cli.train.saved", path=trained.path), file=sys.stderr)
    if args.json:
        _print_json(
            {
                "run_dir": str(trained.path),
                "training": trained.result.to_dict(),
                "warmup": plan.to_dict(),
            }
        )
    return EXIT_INTERRUPTED if stopped else None


def _print_processes(bundle, config) -> None:
    """How several processes share the work, and that they start from the same model."""
    from .engine import distributed

    processes = distributed.world_size()
    check = bundle.extra.get("model_check")
    fixed = t("distributed.started.fixed") if check is not None and check.fixed else ""
    print(
        t(
            "distributed.started",
            processes=processes,
            backend=distributed.backend_name(),
            batch=config.batch_size,
            effective=config.batch_size * config.gradient_accumulation_steps * processes,
            fixed=fixed,
        ),
        file=sys.stderr,
    )


# ----------------------------------------------------------------------------- evaluate / compare


def _percent_row(name: str, scores: dict) -> str:
    return t(
        "cli.metrics.row",
        name=name,
        **{k: 100 * scores[k] for k in ("rouge1", "rouge2", "rougeL", "rougeLsum")},
    )


def _print_rouge_table(rows: list[tuple[str, dict]], n: int) -> None:
    print(t("cli.metrics.header", n=n))
    print(t("cli.metrics.columns", name="", a="R-1", b="R-2", c="R-L", d="R-Lsum"))
    for name, scores in rows:
        print(_percent_row(name, scores))


def command_evaluate(args) -> None:
    from .engine.pipeline import evaluate_run

    report = evaluate_run(
        args.run_dir, args.data, text_column=args.text_column, summary_column=args.summary_column
    )
    data = report.to_dict()
    if args.json:
        _print_json(data)
        return
    _print_rouge_table(
        [(t("cli.metrics.model"), data), (t("cli.metrics.lead"), data["lead_baseline"])],
        data["num_examples"],
    )
    if data.get("perplexity") is not None:
        print(t("cli.metrics.perplexity", value=format_perplexity(data["perplexity"])))
    print(t("cli.metrics.explain"))


def command_compare(args) -> None:
    from .engine.pipeline import compare_run

    comparison = compare_run(
        args.run_dir, args.data, text_column=args.text_column, summary_column=args.summary_column
    )
    data = comparison.to_dict()
    if args.json:
        _print_json(data)
        return
    _print_comparison(data)


def _print_comparison(data: dict, examples: int = 3) -> None:
    _print_rouge_table(
        [
            (t("cli.metrics.base"), data["base"]),
            (t("cli.metrics.tuned"), data["tuned"]),
            (t("cli.metrics.lead"), data["lead_baseline"]),
        ],
        len(data["examples"]),
    )
    print(t("cli.metrics.explain"))
    for n, example in enumerate(data["examples"][:examples], start=1):
        print()
        print(
            t(
                "cli.compare.example",
                n=n,
                reference=example["reference"],
                base=example["base"],
                tuned=example["tuned"],
            )
        )


# ----------------------------------------------------------------------------- summarize


def _texts_from(args) -> list[str]:
    from .engine.texts import column_texts, split_texts
    from .errors import DataError

    if args.text:
        return [args.text]
    if args.file:
        path = Path(args.file)
        if path.suffix.lower() in (".txt", ".md", ""):
            try:
                texts = split_texts(path.read_text(encoding="utf-8-sig"))
            except FileNotFoundError:
                raise DataError("data.file_not_found", path=str(path)) from None
            if texts:
                return texts
        else:
            from .engine.data import detect_columns, read_table

            raw = read_table(str(path))
            return column_texts(raw.frame, detect_columns(raw.frame).text)
    raise DataError("cli.summarize.no_input")


def command_summarize(args) -> None:
    from .engine.generation import generate_summaries
    from .engine.runs import load_run

    texts = _texts_from(args)
    saved = load_run(args.run_dir)  # once: the model it holds is what writes the summaries
    settings = saved.generation_settings()
    if args.max_new_tokens:
        settings.max_new_tokens = args.max_new_tokens
    if args.num_beams:
        settings.num_beams = args.num_beams
    for summary in generate_summaries(saved.bundle, texts, settings):
        print(summary)


# ----------------------------------------------------------------------------- experiments


def command_experiments(args) -> None:
    from .engine.experiments import load_experiments, points

    experiments = load_experiments(args.runs_dir)
    if args.json:
        _print_json(experiments.to_dict())
        return
    if not len(experiments):
        print(t("experiments.cli.none", folder=args.runs_dir))
        return
    changed = experiments.changed()
    best = experiments.best()
    print(t("experiments.cli.header", count=len(experiments), folder=args.runs_dir))
    print(t("experiments.cli.columns"))
    for experiment in experiments:
        interval = experiment.interval()
        score = points(experiment.metrics.get("rougeL"), signed=False)
        if interval is not None:
            score += (
                f" [{points(interval.low, signed=False)}–{points(interval.high, signed=False)}]"
            )
        settings = ", ".join(f"{k}={v}" for k, v in changed.get(experiment.name, {}).items()) or t(
            "experiments.cli.same"
        )
        perplexity = experiment.metrics.get("perplexity")
        cells = [
            ("* " if experiment.name in best else "  ") + experiment.name,
            experiment.model,
            settings,
            score,
            _short_number(perplexity),
            _duration_or_dash(experiment.seconds),
            t(f"experiments.status.{experiment.status}"),
        ]
        print(" | ".join(cells))
        if experiment.error:
            print(f"    {experiment.error_text()}")
    for n, group in enumerate(experiments.groups(), start=1):
        if len(group) > 1:
            print(t("experiments.cli.group", n=n, names=", ".join(group)))
    for name, reason in best.items():
        print(t("experiments.cli.best", name=name, reason=reason))


def _short_number(value) -> str:
    import math

    from .formatting import format_number

    if not isinstance(value, (int, float)) or not math.isfinite(value):
        return "—"
    return f"{value:.2e}" if abs(value) >= 1e5 else format_number(value, 2)


def _duration_or_dash(seconds) -> str:
    from .engine.estimate import format_duration

    return format_duration(seconds) if isinstance(seconds, (int, float)) else "—"


def command_compare_runs(args) -> None:
    from .engine.experiments import compare_runs, points

    if args.data:
        print(t("experiments.cli.evaluating", data=args.data), file=sys.stderr)
    comparison = compare_runs(
        args.run_a,
        args.run_b,
        data=args.data,
        text_column=args.text_column,
        summary_column=args.summary_column,
    )
    if args.json:
        _print_json(comparison.to_dict())
        return
    verdict = comparison.verdict()
    print(verdict.words)
    print(verdict.numbers)
    print()
    print(t("cli.metrics.columns", name="", a="R-1", b="R-2", c="R-L", d="R-Lsum"))
    for name, scores in ((comparison.name_a, comparison.a), (comparison.name_b, comparison.b)):
        print(
            f"{name}: "
            + "  ".join(
                points(scores[k], signed=False) for k in ("rouge1", "rouge2", "rougeL", "rougeLsum")
            )
        )


class _SweepPrinter:
    """Prints a sweep's runs as they start and end, and the training lines of the current one."""

    def __init__(self, stream=None):
        self._stream = stream
        self.training = _ProgressPrinter(stream) if stream is not None else _ProgressPrinter()

    @property
    def stream(self):
        return self._stream if self._stream is not None else sys.stderr  # sys.stderr when printing

    def __call__(self, event) -> None:
        from .engine.experiments import points

        where = {"n": (event.index or 0) + 1, "total": event.total, "name": event.name}
        if event.kind == "run_started":
            print(t("sweeps.cli.run_started", **where), file=self.stream, flush=True)
        elif event.kind == "run_progress" and event.training is not None:
            self.training(event.training)
        elif event.kind == "run_finished":
            score = points((event.metrics or {}).get("rougeL"), signed=False)
            print(t("sweeps.cli.run_finished", score=score, **where), file=self.stream, flush=True)
        elif event.kind == "run_failed":
            print(
                t(
                    "sweeps.cli.run_failed",
                    error=event.error.one_line() if event.error else "",
                    **where,
                ),
                file=self.stream,
                flush=True,
            )
        elif event.kind == "run_skipped":
            print(t("sweeps.cli.run_skipped", **where), file=self.stream, flush=True)


def command_sweep(args) -> None:
    from .engine.config import TrainingConfig, preset
    from .engine.data import load_pairs
    from .engine.experiments import load_experiments
    from .engine.sweeps import Sweep, plan_sweep

    base = TrainingConfig.load(args.config) if args.config else preset(args.preset or "balanced")
    plan = plan_sweep(base, args.grid, model=args.model)  # a bad grid stops here: nothing started
    print(t("cli.train.loading_data"), file=sys.stderr)
    data = load_pairs(args.data, text_column=args.text_column, summary_column=args.summary_column)
    sweep = Sweep(data, plan, args.output)
    sweep.check_can_start(args.resume)  # refuse a busy folder before loading any model
    estimate = sweep.estimate()
    print(
        t("sweeps.cli.plan", model=args.model, output=args.output, estimate=estimate.describe()),
        file=sys.stderr,
    )
    for (
        problem
    ) in estimate.problems:  # a model that cannot load: its runs will fail and be recorded
        print(f"{t('warning.label')}: {problem}", file=sys.stderr)
    sweep.subscribe(_SweepPrinter())
    results = sweep.run(resume=args.resume)
    finished = sum(1 for r in results if r.status in ("finished", "skipped"))
    failed = sum(1 for r in results if r.status == "failed")
    print(
        t("sweeps.cli.done", finished=finished, failed=failed, output=args.output), file=sys.stderr
    )
    if args.json:
        _print_json(load_experiments(args.output).to_dict())


# ----------------------------------------------------------------------------- demo


def command_demo(args) -> None:
    from .engine.config import preset
    from .engine.data import load_pairs
    from .engine.evaluation import compare_models, load_base_bundle
    from .engine.generation import settings_for
    from .engine.pipeline import prepare_model, train

    print(t("cli.demo.intro"), file=sys.stderr)
    data = load_pairs("ejemplo_es")
    config = preset(args.preset)
    bundle = prepare_model(data, "offline", seed=config.seed)
    trained = train(data, bundle, config, args.output, listeners=[_ProgressPrinter()])
    if trained.result.error is not None:
        raise trained.result.error
    if trained.path is None:  # one of several processes (torchrun): the main one compares
        return
    test = data.splits["test"]
    comparison = compare_models(
        load_base_bundle(trained.bundle),
        trained.bundle,
        list(test["text"]),
        list(test["summary"]),
        settings=settings_for(trained.bundle, config),
        max_input_length=config.max_input_length,
        max_target_length=config.max_target_length,
    )
    _print_comparison(comparison.to_dict())
    print(t("cli.train.saved", path=trained.path))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
