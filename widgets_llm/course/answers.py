"""Reading a learner's answer: numbers written as people write them, and option letters.

:class:`NotUnderstood` is raised for an answer written the wrong way (text where a number was
expected...): the exercise then says how to write it.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any


class NotUnderstood(Exception):
    """The answer has the wrong form (text where a number was expected...): say how to write it."""

    def __init__(self, key: str, **params: Any):
        super().__init__(key)
        self.key, self.params = key, params


def _plain(text: str) -> str:
    """Lower case, no accents, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())


_MULTIPLIERS = {
    "": 1.0,
    **dict.fromkeys(("k", "mil", "miles"), 1e3),
    **dict.fromkeys(("m", "millon", "millones", "million", "millions"), 1e6),
}
_UNIT_WORDS = re.compile(
    r"\b(parametros?|parameters?|fichas?|tokens?|pasos?|steps?|aprox\w*|unos|unas|about)\b|[~≈]"
)


def _parse_decimal(text: str, thousands: bool) -> float | None:
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        other = "." if decimal == "," else ","
        text = text.replace(other, "").replace(decimal, ".")
    elif "," in text or "." in text:
        mark = "," if "," in text else "."
        grouped = re.fullmatch(rf"\d{{1,3}}(\{mark}\d{{3}})+", text)
        if grouped and thousands:
            text = text.replace(mark, "")
        elif text.count(mark) == 1:
            text = text.replace(mark, ".")
        else:
            return None
    try:
        return float(text)
    except ValueError:
        return None


def as_number(value: Any, *, thousands: bool = True) -> float | None:
    """A learner's numeric answer as a float, or ``None`` when it is not a number.

    Accepts numbers and texts such as ``"424000"``, ``"424.000"`` (Spanish thousands),
    ``"7,39"`` (decimal comma), ``"424 mil"``, ``"424k"`` or ``"0,42 millones"``. With
    ``thousands=False`` a single ``.`` or ``,`` is always a decimal mark (``"7.389"`` is 7.389).
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    if not isinstance(value, str):
        try:
            number = float(value)  # numpy numbers and the like
        except (TypeError, ValueError):
            return None
        return number if math.isfinite(number) else None
    text = _UNIT_WORDS.sub(" ", _plain(value)).strip()
    match = re.fullmatch(r"([-+]?\d[\d.,\s_]*?)\s*([a-z]*)", text)
    if not match or match.group(2) not in _MULTIPLIERS:
        return None
    number = _parse_decimal(re.sub(r"[\s_]", "", match.group(1)), thousands)
    return None if number is None else number * _MULTIPLIERS[match.group(2)]


def from_decimal_comma(value: Any) -> float | None:
    """The number a learner meant by ``respuesta = 7,39``, or ``None`` for anything else.

    In Python the comma separates values, so ``7,39`` is the tuple ``(7, 39)``, not a number;
    a Spanish speaker types it meaning 7.39. Only a pair of whole numbers (the second not
    negative) is read this way: ``(7, 39)`` is 7.39 and ``(-2, 5)`` is -2.5. Leading zeros
    (``7,05``) never get here: Python refuses them before the cell runs.
    """
    if not isinstance(value, tuple) or len(value) != 2:
        return None
    whole, decimals = value
    if not all(isinstance(part, int) and not isinstance(part, bool) for part in value):
        return None
    if decimals < 0:
        return None
    return float(f"{whole}.{decimals}")


def as_choice(value: Any, letters: str) -> str | None:
    """The option letter of an answer such as ``"b"``, ``"B)"``, ``"(b)"`` or ``"opción b"``."""
    if not isinstance(value, str):
        return None
    match = re.fullmatch(r"\W*(?:opcion\s+)?([a-z])\W*", _plain(value))
    return match.group(1) if match and match.group(1) in letters else None


def _number_or_explain(answer: Any, *, thousands: bool = True) -> float:
    number = as_number(answer, thousands=thousands)
    if number is None:
        raise NotUnderstood("course.answer.not_a_number", value=str(answer))
    return number
