"""Saved runs: one folder holds everything a fine-tuned model needs on a later day.

A run folder looks like this::

    mi_entrenamiento/
        run.json             facts: format, date, base model, architecture, generation settings,
                             data...
        config.yaml          the TrainingConfig (repeat the training with it)
        metrics.json         evaluation results, with their "kind": "evaluation" or "comparison"
        test_examples.jsonl  the test examples with the model's summaries and scores
        training_log.jsonl   one line per entry of the Trainer's log
        README.md            a model card in plain language
        model/               the fine-tuned model (save_pretrained, with its tokenizer)
        adapter/             LoRA runs: the adapter only (the base comes from base_model/ or its
                             source)
        tokenizer/           the tokenizer
        base_model/          offline models: the INITIAL weights, so base-vs-tuned works later
        adapter_base/        rare: the frozen base of a LoRA adapter, when it is not base_model/
        checkpoints/         left by TrainingRun (kept unless asked to remove)

``run.json`` is written last: a folder with it is a complete run. :func:`load_run` gives the
tuned model back (identical generations), :meth:`SavedRun.load_base` the base model;
:func:`export_run_zip` and :func:`import_run_zip` move runs between computers;
:func:`list_runs` feeds a run manager.

One job per module:

* :mod:`.layout`: the names of the files and folders, the format version, JSON writing;
* :mod:`.info`: ``run.json``, built and checked;
* :mod:`.data_info`: its ``data`` section (:func:`describe_data`, the only builder) and the
  data's fingerprints;
* :mod:`.metrics_record`: the metrics record (``metrics.json``) and the numbers read from it;
* :mod:`.examples`: the test examples (``test_examples.jsonl``);
* :mod:`.saving`: :func:`save_run`; :mod:`.card`: the model card;
* :mod:`.loading`: :func:`load_run` and :class:`SavedRun`;
* :mod:`.archive`: zip export and import; :mod:`.listing`: :func:`list_runs`.
"""

from __future__ import annotations

from .archive import _check_member, _extract, _run_files, _run_root, export_run_zip, import_run_zip
from .card import (
    _card_config,
    _card_data,
    _card_intro,
    _card_results,
    _card_training,
    _duration,
    _number,
    _percent,
    model_card,
)
from .data_info import data_fingerprint, describe_data, texts_fingerprint
from .examples import _write_examples, example_rows, examples_from_metrics, read_examples
from .info import _info_problem, _run_info, _source_of, read_run_info
from .layout import (
    ADAPTER_BASE_DIR,
    ADAPTER_DIR,
    BASE_MODEL_DIR,
    CARD_FILE,
    CHECKPOINTS_DIR,
    CONFIG_FILE,
    EXAMPLES_FILE,
    FORMAT_VERSION,
    METRICS_FILE,
    MODEL_DIR,
    MODEL_FORMATS,
    RUN_INFO_FILE,
    TOKENIZER_DIR,
    TRAINING_LOG_FILE,
    _SAVED_FILES,
    _SAVED_FOLDERS,
    _json_safe,
    _write_json,
    _write_training_log,
)
from .listing import RunSummary, _created_key, _summary, list_runs
from .loading import (
    SavedRun,
    _adapter_base,
    _load_config,
    _load_model_folder,
    _load_tokenizer,
    _load_tuned_model,
    _required,
    load_run,
)
from .metrics_record import _load_metrics, metrics_as_dict, metrics_summary, tuned_report
from .saving import _prepare_folder, _same_weights, _save_model_folder, _save_weights, save_run
