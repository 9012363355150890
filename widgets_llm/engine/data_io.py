"""Reading a user's table: files, uploads and Hugging Face Hub datasets.

Everything here turns some bytes into a pandas DataFrame plus a :class:`TableInfo` that says
how they were read (format, encoding, delimiter). Nothing here writes anywhere: the user's
file is opened read-only and read once.

The higher level (choosing columns, cleaning, splitting) lives in :mod:`widgets_llm.engine.data`.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import os
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import DataError
from ..messages import t

#: Files larger than this (in bytes) are refused before being read: 50 MB.
MAX_BYTES = 50 * 1024 * 1024

#: File extension (lower case) → format name.
EXTENSION_FORMATS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".xlsx": "xlsx",
}

#: How the supported formats are listed to a user.
SUPPORTED_FORMATS_TEXT = (
    "CSV (.csv), TSV (.tsv), JSON (.json), JSON Lines (.jsonl), Parquet (.parquet), Excel (.xlsx)"
)

#: Delimiters tried on CSV files, in order of preference when several fit equally well.
CSV_DELIMITERS = (",", ";", "\t")

# Extensions that mark a string as a file name rather than a Hub id, even when unsupported.
_OTHER_FILE_SUFFIXES = {
    ".txt",
    ".xls",
    ".xlsm",
    ".ods",
    ".doc",
    ".docx",
    ".pdf",
    ".zip",
    ".gz",
    ".bz2",
    ".xz",
    ".7z",
    ".rar",
    ".xml",
    ".html",
    ".htm",
    ".md",
    ".rtf",
    ".numbers",
    ".arrow",
    ".feather",
}

_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")

# Magic numbers of binary files that sometimes arrive renamed as .csv.
_ZIP_MAGIC = b"PK\x03\x04"
_BINARY_MAGICS = (_ZIP_MAGIC, b"PAR1", b"%PDF", b"\xd0\xcf\x11\xe0", b"\x1f\x8b", b"7z\xbc\xaf")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

# Control bytes that never appear in real text files (tab, newlines, form feed excluded).
_CONTROL_BYTES = bytes(range(0, 9)) + b"\x0b\x0e\x0f" + bytes(range(0x10, 0x20))
_BINARY_CONTROL_SHARE = 0.02
_SNIFF_BYTES = 64 * 1024
_SNIFF_ROWS = 200

# Encodings charset-normalizer may propose that we prefer for a Spanish-first tool: short
# Latin-1 files tie between cp1250 and cp1252, and cp1250 turns «ñ» into «ń».
_WESTERN_ENCODINGS = ("cp1252", "latin_1", "iso8859_15")
_CHAOS_TOLERANCE = 0.05


@dataclass
class TableInfo:
    """How a table was read.

    Attributes
    ----------
    source_name:
        File name, example name or Hub id, as shown to the user.
    format:
        ``"csv"``, ``"tsv"``, ``"json"``, ``"jsonl"``, ``"parquet"``, ``"xlsx"``, ``"hub"`` or
        ``"lists"``.
    encoding:
        Text encoding used to decode the file (``"utf-8"``, ``"utf-8-sig"`` when it had a BOM,
        ``"cp1252"``...); ``None`` for binary formats and the Hub.
    delimiter:
        Column separator of CSV/TSV files; ``None`` otherwise.
    rows_read:
        Rows in the table as read, before any cleaning.
    columns:
        Column names as read.
    size_bytes:
        Size of the file or upload; ``None`` for the Hub.
    path:
        Local path when the data came from a file on disk.
    skipped_lines:
        Malformed CSV lines that were skipped.
    sheet:
        Name of the Excel sheet read.
    """

    source_name: str
    format: str
    encoding: str | None = None
    delimiter: str | None = None
    rows_read: int = 0
    columns: list[str] = field(default_factory=list)
    size_bytes: int | None = None
    path: str | None = None
    skipped_lines: int = 0
    sheet: str | None = None

    @property
    def name(self) -> str:
        """Same as :attr:`source_name` (the name shown to the user)."""
        return self.source_name


@dataclass
class RawTable:
    """A table as read, before choosing columns or cleaning.

    Attributes
    ----------
    frame:
        The table; one row per record, columns as in the file.
    info:
        How it was read.
    warnings:
        Rendered user texts about the reading (skipped lines, extra sheets...).
    """

    frame: pd.DataFrame
    info: TableInfo
    warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- sources


def format_for_name(name: str) -> str:
    """The format of a file from its extension.

    Raises
    ------
    DataError
        ``data.unsupported_format`` when the extension is not one we read.
    """
    suffix = Path(name).suffix.lower()
    fmt = EXTENSION_FORMATS.get(suffix)
    if fmt is None:
        raise DataError(
            "data.unsupported_format",
            name=Path(name).name,
            extension=suffix or t("data.label.no_extension"),
            formats=SUPPORTED_FORMATS_TEXT,
        )
    return fmt


def looks_like_hub_id(text: str) -> bool:
    """Whether ``text`` has the shape of a Hub dataset id (``owner/name``, no file extension)."""
    if not _HUB_ID.match(text):
        return False
    suffix = Path(text).suffix.lower()
    return suffix not in EXTENSION_FORMATS and suffix not in _OTHER_FILE_SUFFIXES


def _check_size(name: str, size: int, max_bytes: int | None) -> None:
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    if size > max_bytes:
        raise DataError(
            "data.file_too_large",
            name=name,
            size_mb=_megabytes(size),
            limit_mb=_megabytes(max_bytes),
        )
    if size == 0:
        raise DataError("data.empty_file", name=name)


def _megabytes(size: int) -> str:
    value = size / (1024 * 1024)
    if value >= 10:
        return f"{value:.0f}"
    return f"{value:.1f}" if value >= 0.1 else f"{value:.4f}"  # tiny limits appear in tests


def read_file(path: str | os.PathLike, max_bytes: int | None = None) -> RawTable:
    """Read a table from a file on disk (read-only; the file is never changed).

    Parameters
    ----------
    path:
        The file. Its extension chooses the format.
    max_bytes:
        Larger files are refused before being read; ``None`` means :data:`MAX_BYTES`.

    Raises
    ------
    DataError
        The file is missing, too large, empty, of an unknown format or unreadable.
    """
    file_path = Path(path).expanduser()
    if file_path.is_dir():
        raise DataError("data.path_is_directory", path=str(path))
    if not file_path.is_file():
        raise DataError("data.file_not_found", path=str(path))
    fmt = format_for_name(file_path.name)
    # The size check comes before reading a single byte so that a huge file is refused at once.
    _check_size(file_path.name, file_path.stat().st_size, max_bytes)
    content = file_path.read_bytes()
    table = read_bytes(file_path.name, content, max_bytes=max_bytes, fmt=fmt)
    table.info.path = str(file_path)
    return table


def read_bytes(
    file_name: str, content: bytes, max_bytes: int | None = None, fmt: str | None = None
) -> RawTable:
    """Read a table from the bytes of a file, as an upload delivers them.

    Parameters
    ----------
    file_name:
        The file's name; only its extension is used (to choose the format) and it is shown in
        messages.
    content:
        The whole file.
    max_bytes:
        Larger contents are refused; ``None`` means :data:`MAX_BYTES`.
    fmt:
        Format, when already known; otherwise taken from the extension.
    """
    name = Path(str(file_name)).name
    fmt = fmt or format_for_name(name)
    content = bytes(content)
    _check_size(name, len(content), max_bytes)
    reader = _READERS[fmt]
    frame, info, notes = reader(name, content)
    frame = _tidy_columns(frame)
    info.size_bytes = len(content)
    info.rows_read = len(frame)
    info.columns = [str(c) for c in frame.columns]
    if len(frame.columns) == 0:
        raise DataError("data.empty_file", name=name)
    if len(frame) == 0:
        raise DataError("data.no_rows", name=name, columns=", ".join(info.columns))
    return RawTable(frame=frame, info=info, warnings=notes)


def _tidy_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Column names as stripped, unique strings (headers from spreadsheets carry spaces)."""
    names: list[str] = []
    seen: set[str] = set()
    for column in frame.columns:
        name = str(column).strip().lstrip("\ufeff") or "columna"
        unique, number = name, 2
        while unique in seen:
            unique, number = f"{name}_{number}", number + 1
        seen.add(unique)
        names.append(unique)
    if names != list(frame.columns):
        frame = frame.set_axis(names, axis=1)
    return frame


# ---------------------------------------------------------------- text decoding


def check_not_binary(name: str, content: bytes, fmt: str) -> None:
    """Refuse content that is not text (an Excel workbook renamed .csv, an image...).

    Raises
    ------
    DataError
        ``data.binary_content``, with an Excel-specific suggestion for zip content.
    """
    head = content[:_SNIFF_BYTES]
    if head.startswith(_UTF16_BOMS):
        return
    if head.startswith(_ZIP_MAGIC):
        raise DataError(
            "data.binary_content",
            suggestion="data.binary_content.looks_like_excel",
            name=name,
            format=fmt.upper(),
        )
    control_share = sum(head.count(bytes([b])) for b in _CONTROL_BYTES) / max(len(head), 1)
    if head.startswith(_BINARY_MAGICS) or b"\x00" in head or control_share > _BINARY_CONTROL_SHARE:
        raise DataError("data.binary_content", name=name, format=fmt.upper())


def decode_text(content: bytes) -> tuple[str, str]:
    """Decode a text file, detecting its encoding.

    Strict UTF-8 (with or without BOM) first, since it almost never decodes other encodings
    by accident; then charset-normalizer when installed (preferring Western encodings on a
    tie, for Spanish); then cp1252, and latin-1 as the last resort (it decodes any byte).

    Returns
    -------
    (text, encoding)
        ``encoding`` is ``"utf-8-sig"`` when a UTF-8 BOM was present.
    """
    if content.startswith(_UTF16_BOMS):
        return content.decode("utf-16"), "utf-16"
    try:
        text = content.decode("utf-8-sig")
        return text, "utf-8-sig" if content.startswith(b"\xef\xbb\xbf") else "utf-8"
    except UnicodeDecodeError:
        pass
    guessed = _guess_encoding(content)
    for encoding in (guessed, "cp1252", "latin_1"):
        if encoding is None:
            continue
        try:
            return content.decode(encoding).lstrip("\ufeff"), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    raise AssertionError("latin-1 decodes any byte")  # pragma: no cover


def _guess_encoding(content: bytes) -> str | None:
    try:
        import charset_normalizer
    except ImportError:
        return None
    matches = list(charset_normalizer.from_bytes(content))
    if not matches:
        return None
    best = matches[0]
    for match in matches:
        if match.encoding in _WESTERN_ENCODINGS and match.chaos <= best.chaos + _CHAOS_TOLERANCE:
            return match.encoding
    return best.encoding


# ---------------------------------------------------------------- CSV / TSV


def detect_delimiter(text: str) -> str:
    """The column separator of CSV text among ``,`` ``;`` and tab.

    Each candidate is scored by how many of the first rows have the same number of fields as
    the header (and the header must have at least two); csv.Sniffer, restricted to the same
    candidates, breaks ties. When no candidate gives two columns, ``","`` is returned and the
    table will have a single column (the column step then explains the problem).
    """
    sample = text[:_SNIFF_BYTES]
    if len(text) > _SNIFF_BYTES and "\n" in sample:
        sample = sample[: sample.rfind("\n")]  # a cut last line would look inconsistent
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters="".join(CSV_DELIMITERS)).delimiter
    except csv.Error:
        sniffed = None
    best, best_score = ",", None
    for delimiter in CSV_DELIMITERS:
        consistency, width = _delimiter_fit(sample, delimiter)
        if width < 2:
            continue
        score = (round(consistency, 2), delimiter == sniffed, width)
        if best_score is None or score > best_score:
            best, best_score = delimiter, score
    return best


def _delimiter_fit(sample: str, delimiter: str) -> tuple[float, int]:
    """(share of rows as wide as the header, header width) when splitting on ``delimiter``."""
    rows = []
    try:
        for row in csv.reader(io.StringIO(sample), delimiter=delimiter):
            if any(cell.strip() for cell in row):
                rows.append(row)
            if len(rows) >= _SNIFF_ROWS:
                break
    except csv.Error:
        return 0.0, 0
    if not rows:
        return 0.0, 0
    width = len(rows[0])
    return sum(len(row) == width for row in rows) / len(rows), width


def _read_delimited(
    name: str, content: bytes, fmt: str
) -> tuple[pd.DataFrame, TableInfo, list[str]]:
    check_not_binary(name, content, fmt)
    text, encoding = decode_text(content)
    if not text.strip():
        raise DataError("data.empty_file", name=name)
    delimiter = "\t" if fmt == "tsv" else detect_delimiter(text)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            frame = pd.read_csv(
                io.StringIO(text),
                sep=delimiter,
                keep_default_na=False,  # «NA» or «None» inside a text stays text
                na_values=[""],
                on_bad_lines="warn",
                skip_blank_lines=True,
            )
        except pd.errors.EmptyDataError:
            raise DataError("data.empty_file", name=name) from None
        except (pd.errors.ParserError, ValueError) as exc:
            raise DataError(
                "data.unreadable", name=name, format=fmt.upper(), detail=_short(exc)
            ) from None
    skipped = [str(w.message) for w in caught if issubclass(w.category, pd.errors.ParserWarning)]
    skipped_lines = [
        line for message in skipped for line in re.findall(r"Skipping line (\d+)", message)
    ]
    info = TableInfo(
        source_name=name,
        format=fmt,
        encoding=encoding,
        delimiter=delimiter,
        skipped_lines=len(skipped_lines),
    )
    notes = []
    if skipped_lines:
        notes.append(
            t("data.warning.skipped_lines", count=len(skipped_lines), first_line=skipped_lines[0])
        )
    return frame, info, notes


def _read_csv(name: str, content: bytes):
    return _read_delimited(name, content, "csv")


def _read_tsv(name: str, content: bytes):
    return _read_delimited(name, content, "tsv")


# ---------------------------------------------------------------- JSON / JSON Lines

# Keys under which a JSON object commonly keeps its list of records.
_RECORD_KEYS = ("data", "rows", "records", "examples", "items", "instances", "train")


def _read_json(name: str, content: bytes):
    check_not_binary(name, content, "json")
    text, encoding = decode_text(content)
    if not text.strip():
        raise DataError("data.empty_file", name=name)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # one object per line, saved as .json
            frame, info, notes = _jsonl_frame(name, text, encoding)
            return frame, info, notes
        raise DataError("data.json_invalid", name=name, line=exc.lineno, detail=exc.msg) from None
    frame = _frame_from_json(name, document)
    return frame, TableInfo(source_name=name, format="json", encoding=encoding), []


def _frame_from_json(name: str, document) -> pd.DataFrame:
    if isinstance(document, list):
        return _frame_from_records(name, document)
    if not isinstance(document, dict) or not document:
        raise DataError("data.json_structure", name=name)
    # {"columns": [...], "data": [[...], ...]}, as pandas writes with orient="split"
    if isinstance(document.get("columns"), list) and isinstance(document.get("data"), list):
        rows = document["data"]
        if all(isinstance(row, list) for row in rows):
            return pd.DataFrame(rows, columns=document["columns"])
    for key in _RECORD_KEYS:
        if isinstance(document.get(key), list):
            return _frame_from_records(name, document[key])
    # {"texto": [...], "resumen": [...]} or {"texto": {"0": ...}, ...} (pandas' default)
    values = list(document.values())
    if all(isinstance(v, list) for v in values) and len({len(v) for v in values}) == 1:
        return pd.DataFrame(document)
    if all(isinstance(v, dict) for v in values):
        return pd.DataFrame(document)
    raise DataError("data.json_structure", name=name)


def _frame_from_records(name: str, records: list) -> pd.DataFrame:
    if not all(isinstance(record, dict) for record in records):
        raise DataError("data.json_structure", name=name)
    return pd.DataFrame.from_records(records)


def _read_jsonl(name: str, content: bytes):
    check_not_binary(name, content, "jsonl")
    text, encoding = decode_text(content)
    return _jsonl_frame(name, text, encoding)


def _jsonl_frame(name: str, text: str, encoding: str):
    if not text.strip():
        raise DataError("data.empty_file", name=name)
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            raise DataError("data.jsonl_invalid_line", name=name, line=number) from None
        if not isinstance(record, dict):
            raise DataError("data.jsonl_invalid_line", name=name, line=number)
        records.append(record)
    frame = pd.DataFrame.from_records(records)
    return frame, TableInfo(source_name=name, format="jsonl", encoding=encoding), []


# ---------------------------------------------------------------- binary formats


def _read_parquet(name: str, content: bytes):
    try:
        frame = pd.read_parquet(io.BytesIO(content))
    except ImportError:
        raise DataError("data.missing_dependency", format="Parquet", package="pyarrow") from None
    except Exception as exc:  # pyarrow raises several unrelated types for damaged files
        raise DataError(
            "data.unreadable", name=name, format="Parquet", detail=_short(exc)
        ) from None
    return frame, TableInfo(source_name=name, format="parquet"), []


def _read_xlsx(name: str, content: bytes):
    if importlib.util.find_spec("openpyxl") is None:  # pandas needs it to read .xlsx
        raise DataError("data.missing_dependency", format="Excel", package="openpyxl")
    try:
        with pd.ExcelFile(io.BytesIO(content), engine="openpyxl") as workbook:
            sheets = workbook.sheet_names
            frame = pd.read_excel(workbook, sheet_name=sheets[0])
    except Exception as exc:  # zipfile, openpyxl and pandas raise many types for damaged files
        raise DataError("data.unreadable", name=name, format="Excel", detail=_short(exc)) from None
    # Spreadsheets often carry fully empty rows/columns around the data.
    frame = frame.dropna(how="all")
    frame = frame.loc[
        :, [not str(c).startswith("Unnamed:") or frame[c].notna().any() for c in frame.columns]
    ]
    notes = []
    if len(sheets) > 1:
        notes.append(t("data.warning.extra_sheets", count=len(sheets), sheet=sheets[0]))
    return frame, TableInfo(source_name=name, format="xlsx", sheet=str(sheets[0])), notes


_READERS = {
    "csv": _read_csv,
    "tsv": _read_tsv,
    "json": _read_json,
    "jsonl": _read_jsonl,
    "parquet": _read_parquet,
    "xlsx": _read_xlsx,
}


def _short(exc: BaseException, limit: int = 200) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:limit]


# ---------------------------------------------------------------- Hugging Face Hub

_OFFLINE_VALUES = {"1", "ON", "YES", "TRUE"}
_CONNECTION_WORDS = re.compile(
    r"connect|timeout|timed out|offline|network|proxy|resolve|reach", re.I
)


def hub_offline() -> bool:
    """Whether the environment asks the Hugging Face libraries to stay offline."""
    return any(
        os.environ.get(variable, "").strip().upper() in _OFFLINE_VALUES
        for variable in ("HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE")
    )


def read_hub(dataset_id: str) -> RawTable:
    """Load a dataset from the Hugging Face Hub with ``datasets.load_dataset``.

    All its splits are joined into one table (they are split again later, with the user's
    fractions and seed).

    Raises
    ------
    DataError
        ``data.hub_offline`` without a connection (or with ``HF_HUB_OFFLINE`` set),
        ``data.hub_not_found`` when the id does not exist, ``data.hub_failed`` otherwise.
    """
    if hub_offline():
        raise DataError("data.hub_offline", name=dataset_id)
    try:
        import datasets
        from datasets.exceptions import DatasetNotFoundError

        loaded = datasets.load_dataset(dataset_id)
    except DatasetNotFoundError:
        raise DataError("data.hub_not_found", name=dataset_id) from None
    except Exception as exc:  # connection errors come as OSError, httpx or requests types
        if isinstance(exc, OSError) or _CONNECTION_WORDS.search(f"{type(exc).__name__} {exc}"):
            raise DataError("data.hub_offline", name=dataset_id) from None
        raise DataError("data.hub_failed", name=dataset_id, detail=_short(exc)) from None
    splits = dict(loaded) if isinstance(loaded, dict) else {"train": loaded}
    frame = pd.concat([split.to_pandas() for split in splits.values()], ignore_index=True)
    frame = _tidy_columns(frame)
    info = TableInfo(
        source_name=dataset_id,
        format="hub",
        rows_read=len(frame),
        columns=[str(c) for c in frame.columns],
    )
    if len(frame) == 0:
        raise DataError("data.no_rows", name=dataset_id, columns=", ".join(info.columns))
    notes = (
        [t("data.warning.hub_splits_merged", splits=", ".join(splits))] if len(splits) > 1 else []
    )
    return RawTable(frame=frame, info=info, warnings=notes)
