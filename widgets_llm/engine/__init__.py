"""The training engine: the whole path as plain Python, with no user interface.

    from widgets_llm import engine
    data = engine.load_pairs("ejemplo_es")
    trained = engine.train(data, "offline", engine.preset("fast"), "runs/prueba")

This package never imports ipywidgets or IPython. Names load on first use so that importing it
stays quick.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    # data
    "load_pairs": "data",
    "read_table": "data",
    "detect_columns": "data",
    "clean_pairs": "data",
    "split_pairs": "data",
    "pairs_from_lists": "data",
    "example_path": "data",
    "EXAMPLES": "data",
    "CleaningOptions": "data",
    "SplitOptions": "data",
    "PreparedData": "data",
    # tokens
    "token_pieces": "tokens",
    "compare_tokenizers": "tokens",
    "length_stats": "tokens",
    "english_only_tokenizer": "tokens",
    "piece_groups": "tokens",
    # models
    "CATALOG": "models",
    "OFFLINE_SIZES": "models",
    "load_model": "models",
    "build_offline_model": "models",
    "ModelBundle": "models",
    "unknown_spanish_letters": "models",
    # configuration and training
    "TrainingConfig": "config",
    "PRESETS": "config",
    "preset": "config",
    "TrainingRun": "training",
    "TrainingEvent": "training",
    "TrainingListener": "training",
    "TrainingResult": "training",
    "estimate_training": "estimate",
    "choose_precision": "hardware",
    "detect_hardware": "hardware",
    # evaluation and generation
    "rouge": "scoring",
    "lead_baseline": "scoring",
    "GenerationSettings": "generation",
    "generate_summaries": "generation",
    "summarize": "generation",
    "evaluate_model": "evaluation",
    "compare_models": "evaluation",
    "load_base_bundle": "evaluation",
    # runs
    "save_run": "runs",
    "load_run": "runs",
    "export_run_zip": "runs",
    "list_runs": "runs",
    # experiments and sweeps
    "load_experiments": "experiments",
    "compare_runs": "experiments",
    "compare_experiments": "experiments",
    "bootstrap_interval": "stats",
    "paired_test": "stats",
    "Sweep": "sweeps",
    "plan_sweep": "sweeps",
    "parse_grid": "sweeps",
    # the whole path
    "train": "pipeline",
    "prepare_model": "pipeline",
    "evaluate_run": "pipeline",
    "compare_run": "pipeline",
    "summarize_with_run": "pipeline",
    "pairs_from_source": "pipeline",
    "warmup_plan": "pipeline",
    # the warm-up on plain texts
    "load_plain_texts": "warmup",
    "plan_warmup": "warmup",
    "generate_examples": "warmup",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'widgets_llm.engine' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
