"""The data step: from a user's file to clean text–summary pairs split for training.

The path, one public function per step so that an interface can run them one at a time::

    read_table(source)            -> RawTable      (frame + how it was read)
    detect_columns(frame)         -> ColumnChoice  (which column is the text, which the summary)
    clean_pairs(frame, t, s, opt) -> (DataFrame with columns text/summary, CleaningReport)
    split_pairs(pairs, opt)       -> (DatasetDict train/validation/test, warnings)

and :func:`load_pairs` runs them all. Nothing here modifies the input frame or file: each step
returns new objects. Reading files is in :mod:`widgets_llm.engine.data_io`.
"""

from __future__ import annotations

import html
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

import numpy as np
import pandas as pd

from ..errors import ConfigError, DataError
from ..messages import t
from .data_io import (  # re-exported: the public face of the data step (see __all__)
    CSV_DELIMITERS,
    EXTENSION_FORMATS,
    MAX_BYTES,
    SUPPORTED_FORMATS_TEXT,
    RawTable,
    TableInfo,
    decode_text,
    detect_delimiter,
    looks_like_hub_id,
    read_bytes,
    read_file,
    read_hub,
)

if TYPE_CHECKING:  # datasets is heavy: imported only where splits are built
    from datasets import DatasetDict

__all__ = [
    # reading (from data_io)
    "CSV_DELIMITERS",
    "EXTENSION_FORMATS",
    "MAX_BYTES",
    "SUPPORTED_FORMATS_TEXT",
    "RawTable",
    "TableInfo",
    "decode_text",
    "detect_delimiter",
    "looks_like_hub_id",
    "read_bytes",
    "read_file",
    "read_hub",
    # this module
    "EXAMPLES",
    "PREVIEW_ROWS",
    "MIN_PAIRS",
    "RECOMMENDED_TRAIN_PAIRS",
    "RECOMMENDED_TEST_PAIRS",
    "TEXT_COLUMN_NAMES",
    "SUMMARY_COLUMN_NAMES",
    "DROP_REASONS",
    "FLAG_REASONS",
    "example_path",
    "read_table",
    "ColumnChoice",
    "text_columns",
    "detect_columns",
    "CleaningOptions",
    "CleaningReport",
    "strip_html",
    "truncate_words",
    "clean_pairs",
    "SplitOptions",
    "split_sizes",
    "split_pairs",
    "PreparedData",
    "prepare",
    "load_pairs",
    "pairs_from_lists",
]

#: Bundled example datasets, by name.
EXAMPLES: dict[str, Path] = {
    "ejemplo_es": Path(__file__).resolve().parent.parent
    / "data"
    / "ejemplo_es"
    / "ejemplo_es.jsonl",
}

#: Rows of the raw table kept in :attr:`PreparedData.preview`.
PREVIEW_ROWS = 10
#: Below this many pairs after cleaning, splitting is refused.
MIN_PAIRS = 3
#: Fewer training pairs than this gives a warning: the model will learn little.
RECOMMENDED_TRAIN_PAIRS = 50
#: Fewer test pairs than this gives a warning: metrics will be unreliable.
RECOMMENDED_TEST_PAIRS = 10

#: Column names (lower case, without accents) that hold the text, most telling first.
TEXT_COLUMN_NAMES = (
    "texto",
    "text",
    "documento",
    "document",
    "noticia",
    "articulo",
    "article",
    "contenido",
    "content",
    "cuerpo",
    "body",
    "dialogo",
    "dialogue",
    "texto_original",
    "original",
    "full_text",
    "story",
    "passage",
    "fuente",
    "source",
    "entrada",
    "input",
    "src",
)
#: Column names (lower case, without accents) that hold the summary, most telling first.
SUMMARY_COLUMN_NAMES = (
    "resumen",
    "summary",
    "abstract",
    "tldr",
    "tl_dr",
    "highlights",
    "sumario",
    "sintesis",
    "resumenes",
    "summaries",
    "objetivo",
    "target",
    "salida",
    "output",
    "tgt",
    "titular",
    "headline",
    "titulo",
    "title",
)

Source = Union[str, os.PathLike, tuple, Mapping]


# ---------------------------------------------------------------- reading


def example_path(name: str = "ejemplo_es") -> Path:
    """Path of a bundled example dataset.

    Raises
    ------
    DataError
        ``data.example_unknown`` for a name not in :data:`EXAMPLES`.
    """
    if name not in EXAMPLES:
        raise DataError("data.example_unknown", name=name, examples=", ".join(EXAMPLES))
    return Path(EXAMPLES[name])


def read_table(source: Source, max_bytes: int | None = None) -> RawTable:
    """Read a table from any source a user can give.

    Parameters
    ----------
    source:
        - a path (``str`` or ``Path``) to a CSV, TSV, JSON, JSON Lines, Parquet or .xlsx file;
        - the name of a bundled example (a key of :data:`EXAMPLES`, such as ``"ejemplo_es"``);
        - a Hugging Face Hub dataset id (``"owner/name"``, no file extension), which needs a
          connection;
        - ``(file_name, bytes)`` as an upload delivers it, or a mapping with ``name`` and
          ``content`` (one entry of ipywidgets 8's ``FileUpload.value``).
    max_bytes:
        Files larger than this are refused; ``None`` means :data:`MAX_BYTES` (50 MB).

    Returns
    -------
    RawTable
        The frame as read and a :class:`TableInfo`.

    Raises
    ------
    DataError
        With a key saying what went wrong (``data.file_not_found``, ``data.file_too_large``,
        ``data.hub_offline``...).
    """
    if isinstance(source, tuple):
        if len(source) != 2:
            raise DataError("data.upload_invalid", kind=f"tuple of {len(source)}")
        name, content = source
        return read_bytes(str(name), _as_bytes(content), max_bytes=max_bytes)
    if isinstance(source, Mapping) and "content" in source:
        return read_bytes(
            str(source.get("name", "")), _as_bytes(source["content"]), max_bytes=max_bytes
        )
    if isinstance(source, (str, os.PathLike)):
        return _read_named_source(source, max_bytes)
    raise DataError("data.upload_invalid", kind=type(source).__name__)


def _as_bytes(content: Any) -> bytes:
    if isinstance(content, (bytes, bytearray, memoryview)):
        return bytes(content)
    raise DataError("data.upload_invalid", kind=type(content).__name__)


def _read_named_source(source: str | os.PathLike, max_bytes: int | None) -> RawTable:
    text = os.fspath(source)
    if isinstance(source, str) and text in EXAMPLES:
        table = read_file(example_path(text), max_bytes=max_bytes)
        table.info.source_name = text
        return table
    if Path(text).expanduser().exists():
        return read_file(text, max_bytes=max_bytes)
    if isinstance(source, str) and looks_like_hub_id(text.strip()):
        return read_hub(text.strip())
    raise DataError("data.file_not_found", path=text)


# ---------------------------------------------------------------- columns


@dataclass
class ColumnChoice:
    """Which column holds the text and which the summary, and why.

    Attributes
    ----------
    text, summary:
        Column names in the raw table.
    reason:
        Catalog key explaining the choice (``data.columns.reason.name``, ``...length``,
        ``...user`` or ``...mixed``); :meth:`describe` renders it.
    text_by, summary_by:
        How each was chosen: ``"user"``, ``"name"`` or ``"length"``.
    """

    text: str
    summary: str
    reason: str
    text_by: str = "name"
    summary_by: str = "name"

    @property
    def by_length(self) -> bool:
        """Whether a column was guessed from lengths only (worth a look by the user)."""
        return "length" in (self.text_by, self.summary_by)

    def describe(self, lang: str | None = None) -> str:
        """The reason as a sentence for the user."""
        return t(self.reason, lang, text=self.text, summary=self.summary)


def text_columns(frame: pd.DataFrame) -> list[str]:
    """Columns that hold text (not numbers, dates or booleans), in table order."""
    return [str(c) for c in frame.columns if _is_text_column(frame[c])]


def _is_text_column(series: pd.Series) -> bool:
    if pd.api.types.is_bool_dtype(series) or pd.api.types.is_numeric_dtype(series):
        return False
    if pd.api.types.is_datetime64_any_dtype(series):
        return False
    values = series.dropna().head(1000)
    strings = values[values.map(lambda v: isinstance(v, str))]
    if strings.empty:
        return False
    stripped = strings.str.strip()
    numeric = pd.to_numeric(stripped, errors="coerce").notna() | (stripped == "")
    # Mostly real words (not numbers written as text, not a few stray strings among numbers).
    return (~numeric).sum() >= len(values) / 2


def _normalize_name(name: Any) -> str:
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def _name_rank(column: str, names: tuple[str, ...]) -> int | None:
    """Rank of a column name in ``names``: exact matches first, then by word; ``None`` if none."""
    normalized = _normalize_name(column)
    if normalized in names:
        return names.index(normalized)
    words = [w for w in normalized.split("_") if w in names]
    if words:
        return len(names) + min(names.index(w) for w in words)
    return None


def _by_name(candidates: list[str], names: tuple[str, ...]) -> str | None:
    ranked = [
        (rank, i, c) for i, c in enumerate(candidates) if (rank := _name_rank(c, names)) is not None
    ]
    return min(ranked)[2] if ranked else None


def _mean_lengths(frame: pd.DataFrame, columns: list[str]) -> dict[str, float]:
    lengths = {}
    for column in columns:
        values = frame[column].dropna().head(5000)
        strings = values[values.map(lambda v: isinstance(v, str))]
        lengths[column] = float(strings.str.len().mean()) if len(strings) else 0.0
    return lengths


def _check_chosen(frame: pd.DataFrame, column: str, textual: list[str]) -> None:
    if column not in frame.columns:
        raise DataError(
            "data.column_missing", column=column, columns=", ".join(str(c) for c in frame.columns)
        )
    if column not in textual:
        raise DataError(
            "data.column_numeric", column=column, text_columns=", ".join(textual) or "—"
        )


def detect_columns(
    frame: pd.DataFrame, text_column: str | None = None, summary_column: str | None = None
) -> ColumnChoice:
    """Choose the text and summary columns.

    By name first, in Spanish or English, ignoring case and accents (``texto``, ``documento``,
    ``article``... and ``resumen``, ``summary``, ``síntesis``...); otherwise by average length
    among the text columns: the longest is the text, the next longest (and shorter on average)
    the summary. Columns with only numbers are never chosen.

    Parameters
    ----------
    frame:
        The raw table.
    text_column, summary_column:
        The user's choice; overrides detection for that column.

    Raises
    ------
    DataError
        ``data.column_missing`` (an override names no column), ``data.column_numeric``,
        ``data.same_column``, ``data.too_few_text_columns`` or ``data.columns_ambiguous``.
    """
    textual = text_columns(frame)
    for chosen in (text_column, summary_column):
        if chosen is not None:
            _check_chosen(frame, chosen, textual)
    if text_column is not None and text_column == summary_column:
        raise DataError("data.same_column", column=text_column)
    columns_text = ", ".join(str(c) for c in frame.columns)
    if len(textual) < 2:
        raise DataError("data.too_few_text_columns", count=len(textual), columns=columns_text)

    text, text_by = (text_column, "user") if text_column is not None else (None, "")
    summary, summary_by = (summary_column, "user") if summary_column is not None else (None, "")
    if text is None:
        text = _by_name([c for c in textual if c != summary], TEXT_COLUMN_NAMES)
        text_by = "name" if text else ""
    if summary is None:
        summary = _by_name([c for c in textual if c != text], SUMMARY_COLUMN_NAMES)
        summary_by = "name" if summary else ""

    lengths = _mean_lengths(frame, textual)
    if text is None:
        others = [c for c in textual if c != summary]
        if summary is not None:
            others = [c for c in others if lengths[c] > lengths[summary]] or others
        text, text_by = max(others, key=lambda c: lengths[c]), "length"
    if summary is None:
        shorter = [c for c in textual if c != text and lengths[c] < lengths[text]]
        if not shorter:
            raise DataError("data.columns_ambiguous", columns=", ".join(textual))
        summary, summary_by = max(shorter, key=lambda c: lengths[c]), "length"
    return ColumnChoice(text, summary, _reason_key(text_by, summary_by), text_by, summary_by)


def _reason_key(text_by: str, summary_by: str) -> str:
    if text_by == summary_by:
        return f"data.columns.reason.{text_by}"
    if "length" in (text_by, summary_by):
        return "data.columns.reason.mixed"
    return "data.columns.reason.name"


# ---------------------------------------------------------------- cleaning

_ON_TOO_LONG = ("truncate", "drop")
_ON_SUMMARY_NOT_SHORTER = ("drop", "flag")

#: Reasons a pair is dropped, in the order they are checked (a pair counts for the first).
DROP_REASONS = ("missing", "empty", "too_short", "too_long", "summary_not_shorter", "duplicate")
#: Things counted on pairs that are kept.
FLAG_REASONS = ("html_stripped", "too_long_truncated", "summary_not_shorter", "duplicate_text")


@dataclass
class CleaningOptions:
    """How pairs are cleaned. The defaults suit most data.

    Attributes
    ----------
    normalize_unicode:
        Normalize to Unicode NFC, so that «ñ» typed as «n» + combining tilde equals «ñ».
    strip_html:
        Remove HTML tags (keeping their text; block tags such as ``<p>`` or ``<br>`` become a
        line break) and decode entities (``&amp;`` → ``&``).
    collapse_whitespace:
        Runs of spaces and tabs become one space; any run of whitespace containing a line
        break becomes a single ``"\\n"`` (paragraphs stay apart, blank lines go).
        Leading/trailing whitespace is always removed.
    drop_duplicates:
        Drop exact repeats of a (text, summary) pair after cleaning.
    min_text_words, min_summary_words:
        Pairs with fewer words are dropped as too short.
    max_text_words, max_summary_words:
        Longer texts/summaries are truncated to this many words (or dropped, see
        ``on_too_long``); ``None`` means no limit. The model only sees a few hundred tokens
        anyway; this keeps memory and tokenization time bounded.
    on_too_long:
        ``"truncate"`` (default, with a warning) or ``"drop"``.
    on_summary_not_shorter:
        What to do with a pair whose summary has at least as many characters as its text:
        ``"drop"`` (default: such a pair teaches the model to lengthen) or ``"flag"`` (keep it
        and count it in the report).
    """

    normalize_unicode: bool = True
    strip_html: bool = True
    collapse_whitespace: bool = True
    drop_duplicates: bool = True
    min_text_words: int = 3
    min_summary_words: int = 1
    max_text_words: int | None = 2000
    max_summary_words: int | None = 500
    on_too_long: str = "truncate"
    on_summary_not_shorter: str = "drop"

    def __post_init__(self) -> None:
        _check_choice("on_too_long", self.on_too_long, _ON_TOO_LONG)
        _check_choice(
            "on_summary_not_shorter", self.on_summary_not_shorter, _ON_SUMMARY_NOT_SHORTER
        )
        for name in ("min_text_words", "min_summary_words"):
            _check_count(name, getattr(self, name), minimum=0)
        for name in ("max_text_words", "max_summary_words"):
            if getattr(self, name) is not None:
                _check_count(name, getattr(self, name), minimum=1)
        if self.max_text_words is not None and self.max_text_words < self.min_text_words:
            raise ConfigError(
                "data.cleaning_option_invalid",
                option="max_text_words",
                value=self.max_text_words,
                allowed=f">= min_text_words ({self.min_text_words})",
            )


def _check_choice(option: str, value: Any, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ConfigError(
            "data.cleaning_option_invalid",
            option=option,
            value=repr(value),
            allowed=", ".join(f"«{a}»" for a in allowed),
        )


def _check_count(option: str, value: Any, minimum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise ConfigError(
            "data.cleaning_option_invalid",
            option=option,
            value=repr(value),
            allowed=f"integer >= {minimum}",
        )


@dataclass
class CleaningReport:
    """What cleaning did, reason by reason.

    Attributes
    ----------
    rows_in:
        Rows given to cleaning.
    rows_kept:
        Pairs left.
    counts:
        Rows dropped, per reason (every key of :data:`DROP_REASONS`, zero included); they add
        up to ``rows_in - rows_kept``.
    flagged:
        Kept pairs counted per :data:`FLAG_REASONS` (HTML removed, truncated, summary not
        shorter when flagging, same text with several summaries).
    notes:
        ``(catalog key, parameters)`` of each warning, to render again in another language.
    warnings:
        The notes rendered in the language current when cleaning ran.
    options:
        The options used.
    columns_maybe_swapped:
        Most summaries were longer than their texts: the columns are probably the wrong way
        round (a warning says so).
    """

    rows_in: int
    rows_kept: int
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(DROP_REASONS, 0))
    flagged: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FLAG_REASONS, 0))
    notes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    options: CleaningOptions = field(default_factory=CleaningOptions)
    columns_maybe_swapped: bool = False

    @property
    def rows_dropped(self) -> int:
        return self.rows_in - self.rows_kept

    def render_warnings(self, lang: str | None = None) -> list[str]:
        """The warnings in ``lang`` (default: the current language)."""
        return [t(key, lang, **params) for key, params in self.notes]

    def summary(self, lang: str | None = None) -> str:
        """One sentence: rows read, pairs kept, rows dropped."""
        return t(
            "data.report.summary",
            lang,
            rows_in=self.rows_in,
            rows_kept=self.rows_kept,
            rows_dropped=self.rows_dropped,
        )

    def table(self, lang: str | None = None) -> list[tuple[str, int]]:
        """(label, count) rows of every non-zero drop and flag count, for display."""
        rows = [(t(f"data.reason.{k}", lang), v) for k, v in self.counts.items() if v]
        rows += [(t(f"data.reason.{k}", lang), v) for k, v in self.flagged.items() if v]
        return rows


# Script and style blocks: their content is code, not text.
_HTML_SCRIPT = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HTML_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|hr|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|section|article|header"
    r"|footer|pre)\b[^<>]*>",
    re.IGNORECASE,
)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>")
# C0 control characters other than tab and line breaks, and DEL: never meaningful in text.
_CONTROL_CHARS = r"[\x00-\x08\x0b\x0e-\x1f\x7f]"
_WORD = r"\S+"


def strip_html(text: str) -> str:
    """Remove HTML tags and decode entities, keeping the text content.

    Block tags (``<p>``, ``<br>``, ``<li>``...) become a line break so that paragraphs stay
    apart; inline tags (``<b>``, ``<a>``...) vanish. Tags are removed before entities are
    decoded, so an escaped ``&lt;b&gt;`` stays as the literal text ``<b>``.
    """
    text = _HTML_SCRIPT.sub(" ", text)
    text = _HTML_COMMENT.sub("", text)
    text = _HTML_BLOCK_TAG.sub("\n", text)
    text = _HTML_TAG.sub("", text)
    return html.unescape(text)


def truncate_words(text: str, max_words: int) -> str:
    """The first ``max_words`` words of ``text``, with its own spacing and line breaks."""
    for count, match in enumerate(re.finditer(_WORD, text), start=1):
        if count == max_words:
            return text[: match.end()]
    return text


def _as_text(value: Any) -> str:
    return value if isinstance(value, str) else str(value)


def _clean_column(values: pd.Series, options: CleaningOptions) -> tuple[pd.Series, pd.Series]:
    """Cleaned strings and a mask of those whose HTML was stripped."""
    html_changed = pd.Series(False, index=values.index)
    if options.strip_html:
        maybe_html = values.str.contains("[<&]", regex=True)
        if maybe_html.any():
            stripped = values[maybe_html].map(strip_html)
            html_changed[maybe_html] = stripped != values[maybe_html]
            values = values.copy()
            values[maybe_html] = stripped
    if options.normalize_unicode:
        values = values.str.normalize("NFC")
    values = values.str.replace(_CONTROL_CHARS, "", regex=True)
    if options.collapse_whitespace:
        values = values.str.replace(r"\r\n?", "\n", regex=True)
        values = values.str.replace(r"[^\S\n]+", " ", regex=True)
        values = values.str.replace(r"\s*\n\s*", "\n", regex=True)
    return values.str.strip(), html_changed


def clean_pairs(
    frame: pd.DataFrame,
    text_column: str = "text",
    summary_column: str = "summary",
    options: CleaningOptions | None = None,
) -> tuple[pd.DataFrame, CleaningReport]:
    """Clean text–summary pairs and count what was dropped and why.

    Steps, in order: drop rows missing the text or summary; strip HTML, normalize Unicode
    (NFC), remove control characters and collapse whitespace (see :class:`CleaningOptions`);
    drop empty, too-short, too-long (or truncate) pairs, pairs whose summary is not shorter
    than the text (or flag them), and exact duplicate pairs. Emoji, accents and right-to-left
    scripts are kept as they are.

    Parameters
    ----------
    frame:
        The table; it is not modified.
    text_column, summary_column:
        Columns holding the text and the summary.
    options:
        Cleaning options; defaults to ``CleaningOptions()``.

    Returns
    -------
    (pairs, report)
        ``pairs`` is a new DataFrame with exactly the columns ``text`` and ``summary`` and a
        fresh index; ``report`` a :class:`CleaningReport`.
    """
    options = options or CleaningOptions()
    for column in (text_column, summary_column):
        if column not in frame.columns:
            raise DataError(
                "data.column_missing",
                column=column,
                columns=", ".join(str(c) for c in frame.columns),
            )
    if text_column == summary_column:
        raise DataError("data.same_column", column=text_column)

    report = CleaningReport(rows_in=len(frame), rows_kept=0, options=options)
    pairs = pd.DataFrame(
        {
            "text": pd.Series(frame[text_column].to_numpy(dtype=object), dtype=object),
            "summary": pd.Series(frame[summary_column].to_numpy(dtype=object), dtype=object),
        }
    )
    pairs = _drop(pairs, pairs.isna().any(axis=1), "missing", report)
    html_changed = pd.Series(False, index=pairs.index)
    for column in ("text", "summary"):
        cleaned, changed = _clean_column(pairs[column].map(_as_text).astype(object), options)
        pairs[column] = cleaned
        html_changed |= changed
    report.flagged["html_stripped"] = int(html_changed.sum())

    pairs = _drop(pairs, (pairs["text"] == "") | (pairs["summary"] == ""), "empty", report)
    pairs = _apply_length_limits(pairs, options, report)
    pairs = _handle_summary_not_shorter(pairs, options, report)
    if options.drop_duplicates:
        pairs = _drop(
            pairs, pairs.duplicated(["text", "summary"], keep="first"), "duplicate", report
        )
    report.flagged["duplicate_text"] = int(pairs["text"].duplicated(keep=False).sum())

    pairs = pairs.reset_index(drop=True).astype(str)
    report.rows_kept = len(pairs)
    report.notes = _cleaning_notes(report, options, text_column, summary_column)
    report.warnings = report.render_warnings()
    return pairs, report


def _drop(
    pairs: pd.DataFrame, mask: pd.Series, reason: str, report: CleaningReport
) -> pd.DataFrame:
    report.counts[reason] += int(mask.sum())
    return pairs[~mask] if mask.any() else pairs


def _apply_length_limits(
    pairs: pd.DataFrame, options: CleaningOptions, report: CleaningReport
) -> pd.DataFrame:
    text_words = pairs["text"].str.count(_WORD)
    summary_words = pairs["summary"].str.count(_WORD)
    too_short = (text_words < options.min_text_words) | (summary_words < options.min_summary_words)
    pairs = _drop(pairs, too_short, "too_short", report)
    text_words, summary_words = text_words[~too_short], summary_words[~too_short]

    limits = {
        "text": (options.max_text_words, text_words),
        "summary": (options.max_summary_words, summary_words),
    }
    too_long = pd.Series(False, index=pairs.index)
    for limit, words in limits.values():
        if limit is not None:
            too_long |= words > limit
    if options.on_too_long == "drop":
        return _drop(pairs, too_long, "too_long", report)
    if too_long.any():
        pairs = pairs.copy()
        for column, (limit, words) in limits.items():
            over = words > limit if limit is not None else None
            if over is not None and over.any():
                pairs.loc[over, column] = pairs.loc[over, column].map(
                    lambda s, n=limit: truncate_words(s, n)
                )
    report.flagged["too_long_truncated"] = int(too_long.sum())
    return pairs


def _handle_summary_not_shorter(
    pairs: pd.DataFrame, options: CleaningOptions, report: CleaningReport
) -> pd.DataFrame:
    not_shorter = pairs["summary"].str.len() >= pairs["text"].str.len()
    count = int(not_shorter.sum())
    # Most summaries longer than their texts: the columns are probably the wrong way round.
    report.columns_maybe_swapped = len(pairs) >= MIN_PAIRS and count > len(pairs) / 2
    if options.on_summary_not_shorter == "drop":
        return _drop(pairs, not_shorter, "summary_not_shorter", report)
    report.flagged["summary_not_shorter"] = count
    return pairs


def _cleaning_notes(
    report: CleaningReport, options: CleaningOptions, text_column: str, summary_column: str
) -> list[tuple[str, dict[str, Any]]]:
    limits = {
        "min_text_words": options.min_text_words,
        "min_summary_words": options.min_summary_words,
        "max_text_words": options.max_text_words if options.max_text_words is not None else "∞",
        "max_summary_words": (
            options.max_summary_words if options.max_summary_words is not None else "∞"
        ),
    }
    notes: list[tuple[str, dict[str, Any]]] = []
    for reason in ("missing", "empty", "too_short", "too_long", "summary_not_shorter", "duplicate"):
        if report.counts[reason]:
            notes.append((f"data.warning.{reason}", {"count": report.counts[reason], **limits}))
    flagged_keys = {
        "too_long_truncated": "data.warning.too_long_truncated",
        "summary_not_shorter": "data.warning.summary_not_shorter_flagged",
        "duplicate_text": "data.warning.duplicate_text",
        "html_stripped": "data.warning.html_stripped",
    }
    for reason, key in flagged_keys.items():
        if report.flagged[reason]:
            notes.append((key, {"count": report.flagged[reason], **limits}))
    if report.columns_maybe_swapped:
        swapped = {"text": text_column, "summary": summary_column}
        notes.append(("data.warning.columns_maybe_swapped", swapped))
    return notes


# ---------------------------------------------------------------- splitting


@dataclass
class SplitOptions:
    """How pairs are split into training, validation and test sets.

    Attributes
    ----------
    validation_fraction:
        Share of pairs for validation (watched during training), from 0 to 1.
    test_fraction:
        Share of pairs kept aside for the final test, from 0 to 1.
    seed:
        Fixes the shuffle: same pairs and seed give the same split.
    """

    validation_fraction: float = 0.1
    test_fraction: float = 0.1
    seed: int = 42

    def __post_init__(self) -> None:
        fractions = (self.validation_fraction, self.test_fraction)
        if not all(0 <= f < 1 for f in fractions) or sum(fractions) >= 1:
            raise ConfigError(
                "data.split_invalid", validation=self.validation_fraction, test=self.test_fraction
            )


def _split_size(total: int, fraction: float) -> int:
    """Pairs for a split: at least one when its fraction is above zero."""
    return 0 if fraction <= 0 else max(1, round(total * fraction))


def split_sizes(total: int, options: SplitOptions) -> tuple[int, int, int]:
    """(train, validation, test) sizes for ``total`` pairs; train always keeps at least one."""
    validation = _split_size(total, options.validation_fraction)
    test = _split_size(total, options.test_fraction)
    while total - validation - test < 1:
        if validation >= test and validation > (1 if options.validation_fraction > 0 else 0):
            validation -= 1
        elif test > (1 if options.test_fraction > 0 else 0):
            test -= 1
        else:  # too few pairs for one in each: give up the validation pair first
            validation, test = (validation - 1, test) if validation else (validation, test - 1)
    return total - validation - test, validation, test


def _assign_splits(texts: pd.Series, sizes: tuple[int, int, int], seed: int) -> np.ndarray:
    """Split label (0 train, 1 validation, 2 test) per row.

    Rows sharing the same text go to the same split, so that a text seen in training never
    appears in the test; with too few distinct texts, rows are split one by one.
    """
    _, validation, test = sizes
    codes, uniques = pd.factorize(texts)
    rng = np.random.default_rng(seed)
    if len(uniques) < 3:
        codes, uniques = np.arange(len(texts)), np.arange(len(texts))
    group_sizes = np.bincount(codes, minlength=len(uniques))
    group_label = np.zeros(len(uniques), dtype=np.int8)
    filled = {2: 0, 1: 0}
    for group in rng.permutation(len(uniques)):
        for label, wanted in ((2, test), (1, validation)):
            if filled[label] < wanted:
                group_label[group] = label
                filled[label] += group_sizes[group]
                break
    labels = group_label[codes]
    if not (labels == 0).any():  # big groups ate the training set: split rows instead
        return _assign_splits(pd.Series(np.arange(len(texts))), sizes, seed)
    return labels


def split_pairs(
    frame: pd.DataFrame, options: SplitOptions | None = None
) -> tuple["DatasetDict", list[str]]:
    """Split clean pairs into train, validation and test, reproducibly.

    Parameters
    ----------
    frame:
        Clean pairs with columns ``text`` and ``summary`` (as :func:`clean_pairs` returns).
    options:
        Fractions and seed; defaults to ``SplitOptions()`` (10 % validation, 10 % test, seed 42).

    Returns
    -------
    (splits, warnings)
        A ``datasets.DatasetDict`` with splits ``"train"``, ``"validation"`` and ``"test"``,
        each with string columns ``text`` and ``summary`` (rows in their original order), and
        rendered warnings about too few pairs to learn or to evaluate.

    Raises
    ------
    DataError
        ``data.too_few_pairs`` below :data:`MIN_PAIRS` pairs.
    """
    from datasets import Dataset, DatasetDict, Features, Value

    options = options or SplitOptions()
    for column in ("text", "summary"):
        if column not in frame.columns:
            raise DataError(
                "data.column_missing", column=column, columns=", ".join(map(str, frame.columns))
            )
    total = len(frame)
    if total < MIN_PAIRS:
        raise DataError("data.too_few_pairs", count=total, minimum=MIN_PAIRS)
    sizes = split_sizes(total, options)
    labels = _assign_splits(frame["text"].reset_index(drop=True), sizes, options.seed)

    features = Features({"text": Value("string"), "summary": Value("string")})
    texts = frame["text"].astype(str).tolist()
    summaries = frame["summary"].astype(str).tolist()
    splits = DatasetDict()
    for label, name in enumerate(("train", "validation", "test")):
        rows = np.flatnonzero(labels == label)
        splits[name] = Dataset.from_dict(
            {"text": [texts[i] for i in rows], "summary": [summaries[i] for i in rows]},
            features=features,
        )
    return splits, _split_warnings(len(splits["train"]), len(splits["test"]))


def _split_warnings(train: int, test: int) -> list[str]:
    notes = []
    if train < RECOMMENDED_TRAIN_PAIRS:
        notes.append(
            t("data.warning.few_train_pairs", count=train, recommended=RECOMMENDED_TRAIN_PAIRS)
        )
    if test == 0:
        notes.append(t("data.warning.no_test_pairs"))
    elif test < RECOMMENDED_TEST_PAIRS:
        notes.append(
            t("data.warning.few_test_pairs", count=test, recommended=RECOMMENDED_TEST_PAIRS)
        )
    return notes


# ---------------------------------------------------------------- all steps at once


@dataclass
class PreparedData:
    """Everything the data step produced, ready for tokenization.

    Attributes
    ----------
    splits:
        ``datasets.DatasetDict`` with ``train``, ``validation`` and ``test``; columns
        ``text`` and ``summary``.
    table:
        How the source was read.
    text_column, summary_column:
        The raw table's columns used as text and summary.
    report:
        What cleaning did.
    warnings:
        Every warning of every step, rendered for the user.
    preview:
        First rows of the raw table (all columns), for display.
    choice:
        The column choice and its reason.
    cleaning_options, split_options:
        The options the pairs were cleaned and split with (a recipe repeats them).
    """

    splits: "DatasetDict"
    table: TableInfo
    text_column: str
    summary_column: str
    report: CleaningReport
    warnings: list[str]
    preview: pd.DataFrame
    choice: ColumnChoice | None = None
    cleaning_options: CleaningOptions | None = None
    split_options: SplitOptions | None = None

    @property
    def sizes(self) -> dict[str, int]:
        """Pairs per split."""
        return {name: len(split) for name, split in self.splits.items()}

    def split_summary(self, lang: str | None = None) -> str:
        """One sentence with the size of each split."""
        return t("data.split.summary", lang, **self.sizes)


def load_pairs(
    source: Source,
    *,
    text_column: str | None = None,
    summary_column: str | None = None,
    cleaning: CleaningOptions | None = None,
    split: SplitOptions | None = None,
    max_bytes: int | None = None,
) -> PreparedData:
    """Read, choose columns, clean and split, in one call.

    Parameters
    ----------
    source:
        A file path, an example name (``"ejemplo_es"``), a Hub id or ``(file_name, bytes)``;
        see :func:`read_table`.
    text_column, summary_column:
        Force the columns instead of detecting them.
    cleaning, split:
        Options of each step; defaults when ``None``.
    max_bytes:
        Size limit for files; ``None`` means :data:`MAX_BYTES` (50 MB).

    Raises
    ------
    DataError
        From any step, with a message and suggestion for the user.
    """
    raw = read_table(source, max_bytes=max_bytes)
    choice = detect_columns(raw.frame, text_column=text_column, summary_column=summary_column)
    return prepare(raw, choice, cleaning, split)


def pairs_from_lists(
    texts: Iterable[str],
    summaries: Iterable[str],
    *,
    cleaning: CleaningOptions | None = None,
    split: SplitOptions | None = None,
    source_name: str = "lists",
) -> PreparedData:
    """Prepared data from Python lists, with the same cleaning and split as files get.

    Handy in tests and benchmarks.

    Raises
    ------
    DataError
        ``data.lists_length_mismatch`` when the lists differ in length, or any cleaning/split
        error.
    """
    texts, summaries = list(texts), list(summaries)
    if len(texts) != len(summaries):
        raise DataError("data.lists_length_mismatch", texts=len(texts), summaries=len(summaries))
    frame = pd.DataFrame(
        {"text": pd.Series(texts, dtype=object), "summary": pd.Series(summaries, dtype=object)}
    )
    info = TableInfo(
        source_name=source_name, format="lists", rows_read=len(frame), columns=["text", "summary"]
    )
    choice = ColumnChoice("text", "summary", "data.columns.reason.user", "user", "user")
    return prepare(RawTable(frame=frame, info=info), choice, cleaning, split)


def prepare(
    raw: RawTable,
    choice: ColumnChoice,
    cleaning: CleaningOptions | None = None,
    split: SplitOptions | None = None,
) -> PreparedData:
    """Clean and split a table already read (what a UI does after the user confirmed columns)."""
    pairs, report = clean_pairs(raw.frame, choice.text, choice.summary, cleaning)
    if report.columns_maybe_swapped and report.rows_kept < MIN_PAIRS:
        # Nearly every pair dropped because the "summary" is the longer column: say so plainly
        # rather than "too few pairs".
        raise DataError("data.columns_swapped", text=choice.text, summary=choice.summary)
    splits, split_warnings = split_pairs(pairs, split)
    warnings = list(raw.warnings)
    if choice.by_length:
        warnings.append(
            t("data.warning.columns_by_length", text=choice.text, summary=choice.summary)
        )
    warnings += report.warnings + split_warnings
    return PreparedData(
        splits=splits,
        table=raw.info,
        text_column=choice.text,
        summary_column=choice.summary,
        report=report,
        warnings=warnings,
        preview=raw.frame.head(PREVIEW_ROWS).copy(),
        choice=choice,
        cleaning_options=cleaning or CleaningOptions(),
        split_options=split or SplitOptions(),
    )
