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
from .messages import default_language, set_language, t

EXIT_USER_ERROR = 2
EXIT_INTERRUPTED = 130


def _add_column_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--text-column", help="columna con los textos / column with the texts")
    parser.add_argument("--summary-column", help="columna con los resúmenes / column with the summaries")


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=("es", "en"), default=None, help="idioma de los mensajes / message language")
    common.add_argument("--debug", action="store_true", help="muestra el error completo / show the full error")

    parser = argparse.ArgumentParser(prog="widgets-llm", description=t("cli.description"), parents=[common])
    commands = parser.add_subparsers(dest="command", required=True)

    data = commands.add_parser("data", parents=[common], help="lee y limpia un archivo / read and clean a file")
    data.add_argument("file")
    _add_column_options(data)
    data.add_argument("--json", action="store_true")

    train = commands.add_parser("train", parents=[common], help="afina un modelo / fine-tune a model")
    train.add_argument("--data", required=True)
    _add_column_options(train)
    train.add_argument("--model", default="offline", help="offline | HUB_ID | PATH")
    train.add_argument("--config", help="archivo YAML/JSON de configuración")
    train.add_argument("--preset", choices=("fast", "balanced", "quality"), default=None)
    train.add_argument("--epochs", type=float)
    train.add_argument("--max-steps", type=int)
    train.add_argument("--lora", action="store_true")
    train.add_argument("--seed", type=int)
    train.add_argument("--warmup", choices=("auto", "on", "off"), default=None,
                       help="calentamiento con tus textos antes de afinar (auto: solo el modelo sin conexión) / warm-up on your texts before fine-tuning")
    train.add_argument("--warmup-steps", type=int, help="pasos de calentamiento (0: los elige el programa) / warm-up steps")
    train.add_argument("--extra-texts", help="textos sin resumen para el calentamiento: .txt, .docx, tabla o carpeta / plain texts for the warm-up")
    train.add_argument("--extra-texts-column", help="columna de textos de --extra-texts si es una tabla / text column of --extra-texts")
    train.add_argument("--output", required=True)
    train.add_argument("--json", action="store_true")

    for name, text in (("evaluate", "evalúa una ejecución / evaluate a run"), ("compare", "base vs afinado / base vs tuned")):
        command = commands.add_parser(name, parents=[common], help=text)
        command.add_argument("run_dir")
        command.add_argument("--data", required=True)
        _add_column_options(command)
        command.add_argument("--json", action="store_true")

    summarize = commands.add_parser("summarize", parents=[common], help="resume textos nuevos / summarize new texts")
    summarize.add_argument("run_dir")
    group = summarize.add_mutually_exclusive_group()
    group.add_argument("--text")
    group.add_argument("--file")
    summarize.add_argument("--max-new-tokens", type=int)
    summarize.add_argument("--num-beams", type=int)

    experiments = commands.add_parser("experiments", parents=[common], help="tabla de ejecuciones guardadas / table of saved runs")
    experiments.add_argument("runs_dir")
    experiments.add_argument("--json", action="store_true")

    compare_runs = commands.add_parser("compare-runs", parents=[common], help="compara dos ejecuciones / compare two runs")
    compare_runs.add_argument("run_a")
    compare_runs.add_argument("run_b")
    compare_runs.add_argument("--data", help="evalúa las dos con este archivo / evaluate both on this file")
    _add_column_options(compare_runs)
    compare_runs.add_argument("--json", action="store_true")

    sweep = commands.add_parser("sweep", parents=[common], help="barrido de ajustes / sweep settings")
    sweep.add_argument("--data", required=True)
    _add_column_options(sweep)
    sweep.add_argument("--model", required=True, help="offline | HUB_ID | PATH")
    sweep.add_argument("--config", help="archivo YAML/JSON de configuración base / base configuration file")
    sweep.add_argument("--preset", choices=("fast", "balanced", "quality"), default=None)
    sweep.add_argument("--grid", action="append", required=True, metavar="SETTING=V1,V2",
                       help="ajuste y valores (hasta 3 veces; decimales con punto) / setting and values (up to 3 times)")
    sweep.add_argument("--output", required=True)
    sweep.add_argument("--resume", action="store_true", help="continúa un barrido detenido / continue a stopped sweep")
    sweep.add_argument("--json", action="store_true")

    demo = commands.add_parser("demo", parents=[common], help="demostración completa sin conexión / full offline demo")
    demo.add_argument("--output", default="runs/demo")
    demo.add_argument("--preset", choices=("fast", "balanced", "quality"), default="fast")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    set_language(_language_from(argv) or default_language())
    parser = build_parser()
    args = parser.parse_args(argv)
    from .engine.download import reporting_downloads_to

    downloads = _DownloadPrinter()
    try:
        handler = globals()[f"command_{args.command.replace('-', '_')}"]
        # Any hub model the command loads (to train, or as a run's base) shows its download.
        with reporting_downloads_to(downloads):
            handler(args)
        return 0
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
        return EXIT_USER_ERROR if isinstance(exc, WidgetsLLMError) else 1


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
        if progress.finished or self._last_printed is None or now - self._last_printed >= self.interval_s:
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

    prepared = load_pairs(args.file, text_column=args.text_column, summary_column=args.summary_column)
    report = prepared.report
    table = prepared.table
    if args.json:
        _print_json({
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
        })
        return
    print(t(
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
    ))
    print(t("cli.cleaning"), report.summary())
    for label, count in report.table():
        print(f"  {label}: {count}")
    sizes = prepared.sizes
    print(t("cli.data.split", train=sizes.get("train", 0), validation=sizes.get("validation", 0), test=sizes.get("test", 0)))
    for warning in prepared.warnings:
        print(f"{t('warning.label')}: {warning}")


# ----------------------------------------------------------------------------- train

def _config_from(args):
    from .engine.config import TrainingConfig, preset

    if args.config:
        config = TrainingConfig.load(args.config)
    else:
        config = preset(args.preset or "balanced")
    changes = {}
    if args.epochs is not None:
        changes["num_epochs"] = float(args.epochs)
    if args.max_steps is not None:
        changes["max_steps"] = args.max_steps
    if args.lora:
        changes["use_lora"] = True
    if args.seed is not None:
        changes["seed"] = args.seed
    if getattr(args, "warmup", None) is not None:
        changes["warmup"] = args.warmup
    if getattr(args, "warmup_steps", None) is not None:
        changes["warmup_steps"] = args.warmup_steps
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
            print(t("cli.train.log", step=event.step, max_steps=event.max_steps, loss=event.loss,
                    elapsed=format_duration(event.elapsed), eta=format_duration(event.eta or 0)), file=self.stream, flush=True)
        elif event.kind == "evaluation" and event.eval_loss is not None:
            print(t("cli.train.eval", step=event.step, max_steps=event.max_steps, eval_loss=event.eval_loss,
                    perplexity=event.perplexity if event.perplexity is not None else float("inf")), file=self.stream, flush=True)


def command_train(args) -> None:
    from .engine.data import load_pairs
    from .engine.pipeline import prepare_model, train, warmup_plan

    print(t("cli.train.loading_data"), file=sys.stderr)
    data = load_pairs(args.data, text_column=args.text_column, summary_column=args.summary_column)
    for warning in data.warnings:
        print(f"{t('warning.label')}: {warning}", file=sys.stderr)
    config = _config_from(args)
    extra_texts: list[str] = []
    if args.extra_texts:
        from .engine.warmup import load_plain_texts

        extra_texts = load_plain_texts(args.extra_texts, column=args.extra_texts_column)
        print(t("cli.train.extra_texts", count=len(extra_texts), path=args.extra_texts), file=sys.stderr)
    print(t("cli.train.loading_model", model=args.model), file=sys.stderr)
    bundle = prepare_model(data, args.model, seed=config.seed, extra_texts=extra_texts)
    print(t("cli.train.model_ready", label=bundle.label(), params=f"{bundle.num_parameters():,}",
            trainable=f"{bundle.num_parameters(trainable_only=True):,}"), file=sys.stderr)
    plan = warmup_plan(data, bundle, config, extra_texts)
    print(plan.describe(), file=sys.stderr)
    if bundle.source.kind == "offline":
        print(t("warmup.offline_limits"), file=sys.stderr)
    trained = train(data, bundle, config, args.output, listeners=[_ProgressPrinter()], extra_texts=extra_texts)
    if trained.result.error is not None:
        raise trained.result.error
    print(t("cli.train.saved", path=trained.path), file=sys.stderr)
    if args.json:
        _print_json({"run_dir": str(trained.path), "training": trained.result.to_dict(), "warmup": plan.to_dict()})


# ----------------------------------------------------------------------------- evaluate / compare

def _percent_row(name: str, scores: dict) -> str:
    return t("cli.metrics.row", name=name, **{k: 100 * scores[k] for k in ("rouge1", "rouge2", "rougeL", "rougeLsum")})


def _print_rouge_table(rows: list[tuple[str, dict]], n: int) -> None:
    print(t("cli.metrics.header", n=n))
    print(t("cli.metrics.columns", name="", a="R-1", b="R-2", c="R-L", d="R-Lsum"))
    for name, scores in rows:
        print(_percent_row(name, scores))


def command_evaluate(args) -> None:
    from .engine.pipeline import evaluate_run

    report = evaluate_run(args.run_dir, args.data, text_column=args.text_column, summary_column=args.summary_column)
    data = report.to_dict()
    if args.json:
        _print_json(data)
        return
    _print_rouge_table([(t("cli.metrics.model"), data), (t("cli.metrics.lead"), data["lead_baseline"])], data["num_examples"])
    if data.get("perplexity") is not None:
        print(t("cli.metrics.perplexity", value=data["perplexity"]))
    print(t("cli.metrics.explain"))


def command_compare(args) -> None:
    from .engine.pipeline import compare_run

    comparison = compare_run(args.run_dir, args.data, text_column=args.text_column, summary_column=args.summary_column)
    data = comparison.to_dict()
    if args.json:
        _print_json(data)
        return
    _print_comparison(data)


def _print_comparison(data: dict, examples: int = 3) -> None:
    _print_rouge_table(
        [(t("cli.metrics.base"), data["base"]), (t("cli.metrics.tuned"), data["tuned"]), (t("cli.metrics.lead"), data["lead_baseline"])],
        len(data["examples"]),
    )
    print(t("cli.metrics.explain"))
    for n, example in enumerate(data["examples"][:examples], start=1):
        print()
        print(t("cli.compare.example", n=n, reference=example["reference"], base=example["base"], tuned=example["tuned"]))


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
            score += f" [{points(interval.low, signed=False)}–{points(interval.high, signed=False)}]"
        settings = ", ".join(f"{k}={v}" for k, v in changed.get(experiment.name, {}).items()) or t("experiments.cli.same")
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
    comparison = compare_runs(args.run_a, args.run_b, data=args.data, text_column=args.text_column, summary_column=args.summary_column)
    if args.json:
        _print_json(comparison.to_dict())
        return
    verdict = comparison.verdict()
    print(verdict.words)
    print(verdict.numbers)
    print()
    print(t("cli.metrics.columns", name="", a="R-1", b="R-2", c="R-L", d="R-Lsum"))
    for name, scores in ((comparison.name_a, comparison.a), (comparison.name_b, comparison.b)):
        print(f"{name}: " + "  ".join(points(scores[k], signed=False) for k in ("rouge1", "rouge2", "rougeL", "rougeLsum")))


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
            print(t("sweeps.cli.run_failed", error=event.error.one_line() if event.error else "", **where), file=self.stream, flush=True)
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
    print(t("sweeps.cli.plan", model=args.model, output=args.output, estimate=estimate.describe()), file=sys.stderr)
    for problem in estimate.problems:  # a model that cannot load: its runs will fail and be recorded
        print(f"{t('warning.label')}: {problem}", file=sys.stderr)
    sweep.subscribe(_SweepPrinter())
    results = sweep.run(resume=args.resume)
    finished = sum(1 for r in results if r.status in ("finished", "skipped"))
    failed = sum(1 for r in results if r.status == "failed")
    print(t("sweeps.cli.done", finished=finished, failed=failed, output=args.output), file=sys.stderr)
    if args.json:
        _print_json(load_experiments(args.output).to_dict())


# ----------------------------------------------------------------------------- demo

def command_demo(args) -> None:
    from .engine.config import preset
    from .engine.data import load_pairs
    from .engine.evaluation import compare_models, load_base_bundle
    from .engine.pipeline import default_generation, prepare_model, train

    print(t("cli.demo.intro"), file=sys.stderr)
    data = load_pairs("ejemplo_es")
    config = preset(args.preset)
    bundle = prepare_model(data, "offline", seed=config.seed)
    trained = train(data, bundle, config, args.output, listeners=[_ProgressPrinter()])
    if trained.result.error is not None:
        raise trained.result.error
    test = data.splits["test"]
    comparison = compare_models(
        load_base_bundle(trained.bundle), trained.bundle, list(test["text"]), list(test["summary"]),
        settings=default_generation(config, trained.bundle), max_input_length=config.max_input_length, max_target_length=config.max_target_length,
    )
    _print_comparison(comparison.to_dict())
    print(t("cli.train.saved", path=trained.path))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
