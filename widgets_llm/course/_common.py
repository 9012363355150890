"""What the course's helpers share: texts that show well in a notebook, numbers and tables.

- :class:`Message`: a text Jupyter shows without quotes; :class:`Feedback`, an exercise's
  answer (a message that also says whether the answer was right).
- :func:`_number`: a number as the user's language writes it (decimal comma in Spanish).
- :func:`_frame` and :func:`_shorten`: a pandas table (pandas loads only when asked) and a
  text cut to fit a table cell.
"""

from __future__ import annotations

import html
from typing import Any



class Message(str):
    """A text that Jupyter shows as plain text (no quotes) when it is a cell's last value."""

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))


class MarkdownMessage(Message):
    """A text Jupyter draws as Markdown (a console prints it as it is)."""

    def _repr_markdown_(self) -> str:
        return str(self)


class Feedback(Message):
    """The answer to an exercise: the feedback text, plus whether the answer was right.

    Attributes
    ----------
    correct : bool or None
        True for a right answer, False for a wrong one, None when no answer was written yet.
    exercise : str
        The exercise's id (``"02-longitud"``).
    """

    correct: bool | None
    exercise: str

    def __new__(cls, text: str, correct: bool | None, exercise: str) -> "Feedback":
        feedback = super().__new__(cls, text)
        feedback.correct = correct
        feedback.exercise = exercise
        return feedback

    def _repr_html_(self) -> str:
        # Colour helps, but the words («¡Correcto!», «Todavía no») carry the meaning.
        background, color = ("#e6f4ea", "#1e6b34") if self.correct else ("#fff4e5", "#8a5300")
        return (
            f"<div class='wllm-feedback' style='background:{background};color:{color};"
            f"padding:6px 10px;border-radius:4px'>{html.escape(str(self))}</div>"
        )


def _number(value: float, digits: int = 1, lang: str | None = None) -> str:
    """A number as the user's language writes it (decimal comma in Spanish): the package's one
    formatter, so the notebooks and the studio write numbers alike."""
    from ..formatting import format_number

    return format_number(value, digits, lang)


def _frame(rows: list[dict[str, Any]]):
    import pandas as pd

    return pd.DataFrame(rows)


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
