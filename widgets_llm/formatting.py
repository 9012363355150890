"""Numbers as a person reads them, in their language.

A Spanish reader expects a decimal comma (``1,5 GB``) and an English reader a decimal point
(``1.5 GB``). Every number a person sees goes through these few functions, so the two never mix
on one page. No UI here: the engine, the CLI and the widgets share them.
"""

from __future__ import annotations

import math
from typing import Any

from .messages import get_language


def _language(lang: str | None) -> str:
    return lang or get_language()


def format_number(value: float, decimals: int = 1, lang: str | None = None) -> str:
    """``value`` with ``decimals`` decimals: ``1,5`` in Spanish, ``1.5`` in English.

    Thousands are grouped with a thin space in Spanish and a comma in English only from
    10 000 up, as style guides of both languages advise.
    """
    text = f"{value:,.{decimals}f}" if abs(value) >= 10_000 else f"{value:.{decimals}f}"
    if _language(lang) == "es":
        return text.replace(",", "\u202f").replace(".", ",")
    return text


def format_power_of_ten(value: float, decimals: int = 1, lang: str | None = None) -> str:
    """A huge (or tiny) number in powers of ten, as a person reads it: ``3,2·10^6`` in Spanish."""
    mantissa, exponent = f"{value:.{decimals}e}".split("e")
    return f"{format_number(float(mantissa), decimals, lang)}·10^{int(exponent)}"


def format_percent(fraction: float, decimals: int = 0, lang: str | None = None) -> str:
    """A fraction (0.45) as a percentage: ``45 %`` in Spanish, ``45%`` in English."""
    number = format_number(fraction * 100, decimals, lang)
    return f"{number}\u00a0%" if _language(lang) == "es" else f"{number}%"


def format_bytes(count: float, lang: str | None = None) -> str:
    """A size in bytes with its unit: ``240,3 MB``, ``1,2 GB`` (decimal units, as downloads
    show)."""
    for unit, size in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if abs(count) >= size:
            return f"{format_number(count / size, 1, lang)} {unit}"
    return f"{int(count)} B"


def format_gigabytes(gb: float, lang: str | None = None) -> str:
    """Memory in GB with one decimal: ``1,2 GB``."""
    return f"{format_number(gb, 1, lang)} GB"


def format_seconds(seconds: float, lang: str | None = None) -> str:
    """A short duration: ``0,42 s`` under 10 s, ``12 s`` under a minute, else minutes and
    seconds."""
    if seconds < 10:
        return f"{format_number(seconds, 2, lang)} s"
    if seconds < 60:
        return f"{seconds:.0f} s"
    minutes, rest = divmod(int(round(seconds)), 60)
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def format_perplexity(value: Any, lang: str | None = None) -> str:
    """A perplexity as a person reads it: ``12,35``; huge ones (of an untrained model) in powers
    of ten, ``3,1·10^4``; ``—`` when there is none."""
    if not isinstance(value, (int, float)) or not math.isfinite(value):
        return "—"
    if abs(value) >= 10_000:
        return format_power_of_ten(value, 1, lang)
    return format_number(value, 2, lang)
