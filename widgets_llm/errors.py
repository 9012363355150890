"""The project's own exceptions: each carries a user message and a suggestion.

Widgets show both in the user's language; the CLI prints them as one line. The message is
looked up in the catalog (``widgets_llm.messages``) when it is shown, so changing the language
after the error was raised still shows it in the new language.
"""

from __future__ import annotations

from typing import Any

from .messages import t


class WidgetsLLMError(Exception):
    """An error a user can understand and act on.

    Parameters
    ----------
    key:
        Catalog key of the message (what went wrong).
    suggestion:
        Catalog key of the suggestion (what to do). Defaults to ``key + ".suggestion"``
        when that key exists.
    **params:
        Values interpolated into both texts.
    """

    def __init__(self, key: str, suggestion: str | None = None, **params: Any):
        self.key = key
        self.suggestion_key = suggestion if suggestion is not None else f"{key}.suggestion"
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str | None = None) -> str:
        return t(self.key, lang, **self.params)

    def suggestion(self, lang: str | None = None) -> str:
        text = t(self.suggestion_key, lang, **self.params)
        return "" if text == self.suggestion_key else text

    def one_line(self, lang: str | None = None) -> str:
        """Message and suggestion on one line, as the CLI prints it."""
        suggestion = self.suggestion(lang)
        return f"{self.message(lang)} {suggestion}".strip()

    def __str__(self) -> str:  # the current language, for logs and pytest output
        return self.one_line()


class DataError(WidgetsLLMError):
    """The user's data cannot be read or used as it is."""


class ModelError(WidgetsLLMError):
    """A model or tokenizer cannot be found, loaded or built."""


class ConfigError(WidgetsLLMError):
    """A configuration value is out of range or inconsistent."""


class TrainingError(WidgetsLLMError):
    """A training run failed (out of memory, NaN loss, ...)."""


class RunError(WidgetsLLMError):
    """A saved run folder is missing, incomplete or unreadable."""


class ExperimentError(WidgetsLLMError):
    """Runs that cannot be compared (different test data...), or a sweep that cannot start."""


def as_user_error(exc: BaseException) -> WidgetsLLMError:
    """Wrap any exception so that it can be shown to a user without a traceback."""
    if isinstance(exc, WidgetsLLMError):
        return exc
    from .logs import log_file  # the details (the traceback) are there, when the studio keeps a log

    detail = f"{type(exc).__name__}: {exc}"
    path = log_file()
    if path is not None:
        return WidgetsLLMError(
            "error.unexpected", "error.unexpected.suggestion_log", detail=detail, log=str(path)
        )
    return WidgetsLLMError("error.unexpected", detail=detail)
