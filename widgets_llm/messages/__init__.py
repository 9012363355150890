"""One message catalog for every text a user reads.

Spanish is the default language; English is available. Each area of the package keeps its
messages in its own module of this package (``data``, ``models``, ...) as a dict
``{key: {"es": ..., "en": ...}}``; they are merged here into one catalog so that a key is
unique across the whole project and a missing translation is caught by a test.
"""
from __future__ import annotations

import importlib
import os
import pkgutil
from typing import Any

SUPPORTED_LANGUAGES = ("es", "en")
DEFAULT_LANGUAGE = "es"



def default_language() -> str:
    """The language chosen by the environment (``WIDGETS_LLM_LANG``), else Spanish."""
    language = os.environ.get("WIDGETS_LLM_LANG", DEFAULT_LANGUAGE)
    return language if language in SUPPORTED_LANGUAGES else DEFAULT_LANGUAGE


_language = default_language()

_catalog: dict[str, dict[str, str]] | None = None


def _load_catalog() -> dict[str, dict[str, str]]:
    catalog: dict[str, dict[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for key, texts in getattr(module, "MESSAGES", {}).items():
            if key in catalog:
                raise RuntimeError(f"message key {key!r} defined twice (in {info.name})")
            catalog[key] = texts
    return catalog


def catalog() -> dict[str, dict[str, str]]:
    """The merged catalog: ``{key: {"es": text, "en": text}}``."""
    global _catalog
    if _catalog is None:
        _catalog = _load_catalog()
    return _catalog


def set_language(language: str) -> None:
    """Choose the language of every message from now on (``"es"`` or ``"en"``)."""
    global _language
    if language not in SUPPORTED_LANGUAGES:
        raise ValueError(f"language must be one of {SUPPORTED_LANGUAGES}, not {language!r}")
    _language = language


def get_language() -> str:
    return _language


def t(key: str, lang: str | None = None, **params: Any) -> str:
    """The text of ``key`` in ``lang`` (default: the current language), formatted with ``params``.

    An unknown key returns the key itself so that a missing message never hides the error
    that wanted to show it.
    """
    texts = catalog().get(key)
    if texts is None:
        return key
    text = texts.get(lang or _language) or texts.get(DEFAULT_LANGUAGE) or key
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return text
