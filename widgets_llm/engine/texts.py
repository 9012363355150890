"""New texts to summarize, from pasted text, a .txt file or a table column.

Shared by the command line and the summarizer page, so both read a file the same way.
Standard library only: the page imports it at start-up.
"""

from __future__ import annotations

import re
from typing import Any

_BLANK_LINES = re.compile(r"\n[ \t\r\f\v]*\n")


def split_texts(content: str) -> list[str]:
    """The texts of a pasted block or a .txt file: separated by one or more blank lines.

    Line breaks inside a text are kept as spaces; empty pieces are dropped.
    """
    normalized = content.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    pieces = (" ".join(piece.split()) for piece in _BLANK_LINES.split(normalized))
    return [piece for piece in pieces if piece]


def column_texts(frame: Any, column: str) -> list[str]:
    """The non-empty texts of one column of a table, as single lines."""
    texts = []
    for value in frame[column].tolist():
        if value is None or (isinstance(value, float) and value != value):  # None or NaN
            continue
        text = " ".join(str(value).split())
        if text:
            texts.append(text)
    return texts
