"""The ``data`` section of ``run.json``: what a run was trained on (sizes, lengths, fingerprints;
never the texts). :func:`describe_data` is its only builder, whoever saves the run (the CLI,
the studio, the run manager, a notebook)."""

from __future__ import annotations

import json
from typing import Any

#: Keys that runs saved before :func:`describe_data` was the only builder may hold, and the key
#: that means the same now (the CLI wrote the pairs per split as ``splits``).
_OLD_DATA_KEYS = {"splits": "sizes"}


def data_fingerprint(data: Any) -> dict[str, str]:
    """Short fingerprints of each split's pairs (and of all of them): same pairs in the same
    order, same fingerprint. Runs record it so that runs on different data are never compared
    as if they were tested on the same examples. No text can be recovered from it.

    Parameters
    ----------
    data:
        A ``PreparedData``, a ``DatasetDict`` or a dict of splits with ``text``/``summary``.

    Returns
    -------
    dict
        ``{"train": ..., "validation": ..., "test": ..., "all": ...}`` (16 hexadecimal digits
        each; only the splits present, plus ``all``).
    """
    import hashlib

    splits = getattr(data, "splits", data)
    prints: dict[str, str] = {}
    for name in ("train", "validation", "test"):
        if name in splits:
            prints[name] = texts_fingerprint(
                list(splits[name]["text"]), list(splits[name]["summary"])
            )
    prints["all"] = hashlib.sha256(
        "|".join(f"{k}:{v}" for k, v in prints.items()).encode()
    ).hexdigest()[:16]
    return prints


def texts_fingerprint(texts: list[str], references: list[str]) -> str:
    """The fingerprint of some (text, summary) pairs, in order (see :func:`data_fingerprint`)."""
    import hashlib

    digest = hashlib.sha256()
    for text, reference in zip(texts, references):
        digest.update(json.dumps([text, reference], ensure_ascii=False).encode("utf-8"))
        digest.update(b"\n")
    digest.update(str(len(texts)).encode())
    return digest.hexdigest()[:16]


def describe_data(data: Any, *, source: str | None = None) -> dict[str, Any]:
    """What a run was trained on, for ``save_run(data_info=...)``: sizes and lengths, no texts.

    The only builder of ``run.json``'s ``data`` section: the CLI (through
    :func:`widgets_llm.engine.pipeline.train`), the studio and the run manager all use it.

    Parameters
    ----------
    data:
        A ``PreparedData`` (from :func:`widgets_llm.engine.data.load_pairs`) or a
        ``DatasetDict`` (or dict of splits) with ``text`` and ``summary`` columns.
    source:
        File or example name, when ``data`` does not know it (or to name it otherwise).

    Returns
    -------
    dict
        ``source`` (file, example or Hub name), ``format`` (``csv``, ``jsonl``...),
        ``text_column`` and ``summary_column`` (of the file), ``rows_in`` and ``rows_kept``
        (rows read, and kept after cleaning), ``sizes`` (pairs per split),
        ``mean_text_words`` and ``mean_summary_words`` (of the training split) and
        ``fingerprint`` (:func:`data_fingerprint`). Only what is known: a ``DatasetDict``
        has no file, columns or cleaning report.
    """
    from ..scoring import mean_words

    splits = getattr(data, "splits", data)
    table = getattr(data, "table", None)
    report = getattr(data, "report", None)
    info: dict[str, Any] = {
        "source": source or getattr(table, "source_name", None),
        "format": getattr(table, "format", None),
        "text_column": getattr(data, "text_column", None),
        "summary_column": getattr(data, "summary_column", None),
        "rows_in": getattr(report, "rows_in", None),
        "rows_kept": getattr(report, "rows_kept", None),
        "sizes": {name: len(split) for name, split in splits.items()},
    }
    train = splits["train"] if "train" in splits else None
    if train is not None and len(train):
        info["mean_text_words"] = round(mean_words(list(train["text"])), 1)
        info["mean_summary_words"] = round(mean_words(list(train["summary"])), 1)
    info["fingerprint"] = data_fingerprint(splits)
    return {key: value for key, value in info.items() if value is not None}


def data_section(data_info: Any) -> dict[str, Any] | None:
    """A ``data`` section as :func:`describe_data` writes it, from what a caller or an older
    ``run.json`` holds: old key names get their current names (``splits`` → ``sizes``),
    unknown values (``None``) are dropped. ``None`` when there is nothing.
    """
    if not isinstance(data_info, dict) or not data_info:
        return None
    section: dict[str, Any] = {}
    for key, value in data_info.items():
        current = _OLD_DATA_KEYS.get(key, key)
        if value is None or (current != key and current in data_info):
            continue  # a current key wins over its old name
        section[current] = value
    return section or None
