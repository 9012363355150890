"""Pieces every widget shares: showing messages and errors, background work, ipywidgets 7/8.

Nothing here holds engine logic: it only shows what the engine says, in the user's language.
"""
from __future__ import annotations

import html
import logging
import sys
import threading
from typing import Any, Callable

import ipywidgets as widgets

from ..errors import WidgetsLLMError, as_user_error
from ..messages import t

logger = logging.getLogger(__name__)

IPYWIDGETS_MAJOR = int(widgets.__version__.split(".")[0])

_LEVEL_STYLES = {
    "error": ("#fdecea", "#b3261e"),
    "warning": ("#fff4e5", "#8a5300"),
    "info": ("#e8f0fe", "#1a4d8f"),
    "success": ("#e6f4ea", "#1e6b34"),
}


class MessageArea(widgets.HTML):
    """A box that shows one message (an error with what to do, a warning, a note) or nothing.

    Errors are shown in the user's language with their suggestion, never as a traceback.
    """

    def show(self, text: str, level: str = "info", detail: str = "") -> None:
        background, color = _LEVEL_STYLES.get(level, _LEVEL_STYLES["info"])
        body = html.escape(text)
        if detail:
            body += f"<br><b>{html.escape(t('error.suggestion_label'))}:</b> {html.escape(detail)}"
        label = {"error": t("error.label"), "warning": t("warning.label")}.get(level)
        prefix = f"<b>{html.escape(label)}:</b> " if label else ""
        self.value = (
            f'<div class="wllm-message wllm-{level}" role="{"alert" if level == "error" else "status"}" '
            f'style="background:{background};color:{color};padding:6px 10px;border-radius:4px;margin:4px 0">'
            f"{prefix}{body}</div>"
        )

    def show_error(self, error: BaseException) -> WidgetsLLMError:
        user_error = as_user_error(error)
        self.show(user_error.message(), "error", user_error.suggestion())
        return user_error

    def show_warnings(self, warnings: list[str]) -> None:
        if warnings:
            self.value = "".join(
                f'<div class="wllm-message wllm-warning" style="background:#fff4e5;color:#8a5300;padding:6px 10px;'
                f'border-radius:4px;margin:4px 0"><b>{html.escape(t("warning.label"))}:</b> {html.escape(w)}</div>'
                for w in warnings
            )
        else:
            self.clear()

    def clear(self) -> None:
        self.value = ""

    @property
    def text(self) -> str:
        """The message as plain text (for tests and screen readers)."""
        import re

        return html.unescape(re.sub(r"<[^>]+>", " ", self.value)).strip()


def callback_list() -> list[Callable]:
    return []


def fire(callbacks: list[Callable], *args: Any) -> None:
    """Call every registered callback; one that fails does not stop the others."""
    for callback in list(callbacks):
        try:
            callback(*args)
        except Exception as exc:  # a user's callback must not break the widget
            logger.exception("callback %r failed", getattr(callback, "__name__", callback))
            print(f"widgets_llm: callback {getattr(callback, '__name__', callback)!r} failed: {exc}", file=sys.stderr)


def register(callbacks: list[Callable], callback: Callable, remove: bool = False) -> None:
    """Add (or with ``remove=True`` take away) a callback, as ipywidgets' ``on_click`` does."""
    if remove:
        if callback in callbacks:
            callbacks.remove(callback)
    elif callback not in callbacks:
        callbacks.append(callback)


class BackgroundTask:
    """Runs ``work(should_stop)`` in a thread so the kernel stays responsive.

    ``should_stop()`` becomes True after :meth:`cancel`. ``on_done(result)`` or
    ``on_error(exc)`` run in the worker thread when the work ends. ``synchronous=True`` runs it
    in the calling thread instead (tests and scripts).
    """

    def __init__(self, work: Callable[[Callable[[], bool]], Any], on_done: Callable[[Any], None], on_error: Callable[[BaseException], None], synchronous: bool = False):
        self._cancel = threading.Event()
        self._work, self._on_done, self._on_error = work, on_done, on_error
        self.thread: threading.Thread | None = None
        if synchronous:
            self._run()
        else:
            self.thread = threading.Thread(target=self._run, daemon=True, name="widgets-llm-task")
            self.thread.start()

    def _run(self) -> None:
        try:
            result = self._work(self._cancel.is_set)
        except BaseException as exc:  # shown to the user by on_error
            if not isinstance(exc, WidgetsLLMError):  # not foreseen: keep its traceback for a bug report
                logger.exception("background work %r failed", getattr(self._work, "__qualname__", self._work))
            self._on_error(exc)
        else:
            self._on_done(result)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def join(self, timeout: float | None = None) -> None:
        if self.thread is not None:
            self.thread.join(timeout)


class LatestTask:
    """A widget's background work in which only the latest request counts.

    :meth:`start` cancels whatever was running and makes its late result stale (dropped);
    :meth:`cancel` does the same without starting anything. When the current work ends,
    ``set_idle()`` runs first, then ``on_done(result)`` or ``on_error(exc)``; an error raised
    while showing a result also goes to ``on_error``, so a component never stays stuck busy.
    """

    def __init__(self, set_idle: Callable[[], None]):
        self._set_idle = set_idle
        self._generation = 0
        self._task: BackgroundTask | None = None

    def start(
        self,
        work: Callable[[Callable[[], bool]], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        *,
        synchronous: bool = False,
    ) -> None:
        self.cancel()
        generation = self._generation

        def done(result: Any) -> None:
            if generation != self._generation:
                return
            self._set_idle()
            try:
                on_done(result)
            except Exception as error:  # a display bug must not leave the component stuck
                on_error(error)

        def failed(error: BaseException) -> None:
            if generation != self._generation:
                return
            self._set_idle()
            on_error(error)

        self._task = BackgroundTask(work, done, failed, synchronous=synchronous)

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
        self._generation += 1

    def join(self, timeout: float | None = None) -> None:
        if self._task is not None:
            self._task.join(timeout)


def in_colab() -> bool:
    return "google.colab" in sys.modules


def enable_colab_widgets() -> bool:
    """In Google Colab, enable the custom widget manager so bqplot charts render.

    Returns True when it was enabled (False elsewhere, where nothing needs doing).
    """
    if not in_colab():
        return False
    from google.colab import output  # type: ignore[import-not-found]

    output.enable_custom_widget_manager()
    return True


def push_state(widget: widgets.Widget) -> None:
    """Send a widget's state now: updates from a background thread may otherwise not show in Colab."""
    if in_colab():
        try:
            widget.send_state()
        except Exception:
            pass


def uploaded_files(value: Any) -> list[tuple[str, bytes]]:
    """``(name, bytes)`` for each file of a ``FileUpload`` value, in ipywidgets 7 or 8 shape.

    ipywidgets 8 gives a tuple of dicts with ``name`` and ``content`` (a memoryview);
    ipywidgets 7 gives ``{name: {"metadata": {...}, "content": bytes}}``.
    """
    files: list[tuple[str, bytes]] = []
    if isinstance(value, dict):
        for name, item in value.items():
            content = item.get("content", b"") if isinstance(item, dict) else item
            files.append((str(name), bytes(content)))
    else:
        for item in value or ():
            name = item.get("name") or item.get("metadata", {}).get("name", "archivo")
            files.append((str(name), bytes(item.get("content", b""))))
    return files


def section_title(text: str) -> widgets.HTML:
    return widgets.HTML(f"<h3 style='margin:6px 0'>{html.escape(text)}</h3>")


def help_text(text: str) -> widgets.HTML:
    return widgets.HTML(f"<div style='color:#555;font-size:0.9em;line-height:1.3'>{html.escape(text)}</div>")


def without_toolbar(figure: Any) -> Any:
    """``figure`` with bqplot's pan/zoom/save toolbar hidden (bqplot 0.13 and later have one).

    Beginners need none of it, and its icons float over the chart's title. Older bqplot (as
    under ipywidgets 7) has no toolbar: nothing to hide.
    """
    if figure.has_trait("display_toolbar"):
        figure.display_toolbar = False
    return figure
