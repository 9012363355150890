"""Pieces every widget shares: showing messages and errors, background work, ipywidgets 7/8.

Nothing here holds engine logic: it only shows what the engine says, in the user's language.
"""

from __future__ import annotations

import asyncio
import collections
import enum
import html
import logging
import sys
import threading
from typing import Any, Callable

import ipywidgets as widgets
import traitlets

from ..errors import WidgetsLLMError, as_user_error
from ..messages import get_language, t

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
            f'<div class="wllm-message wllm-{level}" '
            f'role="{"alert" if level == "error" else "status"}" '
            f'style="background:{background};color:{color};'
            'padding:6px 10px;border-radius:4px;margin:4px 0">'
            f"{prefix}{body}</div>"
        )

    def show_error(self, error: BaseException) -> WidgetsLLMError:
        user_error = as_user_error(error)
        self.show(user_error.message(), "error", user_error.suggestion())
        return user_error

    def show_warnings(self, warnings: list[str]) -> None:
        if warnings:
            self.value = "".join(
                '<div class="wllm-message wllm-warning" '
                'style="background:#fff4e5;color:#8a5300;padding:6px 10px;'
                f'border-radius:4px;margin:4px 0"><b>{html.escape(t("warning.label"))}:</b> '
                f"{html.escape(w)}</div>"
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


class Status(str, enum.Enum):
    """What a component is doing, one value for all components.

    A ``str`` enum: ``component.status == "loaded"`` reads naturally in tests and notebooks,
    and observers get a member (``change["new"] is Status.LOADED``).
    """

    EMPTY = "empty"
    IDLE = "idle"
    READING = "reading"
    READ = "read"
    READY = "ready"
    LOADING = "loading"
    LOADED = "loaded"
    MEASURING = "measuring"
    ESTIMATING = "estimating"
    COMPARING = "comparing"
    PREPARING = "preparing"
    WORKING = "working"
    SUMMARIZING = "summarizing"
    SWEEPING = "sweeping"
    RUNNING = "running"
    STOPPING = "stopping"
    STOPPED = "stopped"
    FINISHED = "finished"
    FAILED = "failed"
    SAVING = "saving"
    SAVED = "saved"
    IMPORTING = "importing"
    IMPORTED = "imported"
    EXPORTING = "exporting"
    EXPORTED = "exported"
    DONE = "done"
    CANCELLED = "cancelled"
    ERROR = "error"

    def __str__(self) -> str:
        return self.value


class StatusTrait(traitlets.UseEnum):
    """A :class:`Status` trait that also takes the status's value (``"loaded"``)."""

    def __init__(self, default_value: Status = Status.IDLE, **kwargs: Any):
        super().__init__(Status, default_value=default_value, **kwargs)

    def validate(self, obj: Any, value: Any) -> Any:
        if isinstance(value, str) and not isinstance(value, Status):
            try:
                return Status(value)
            except ValueError:
                pass
        return super().validate(obj, value)


class _LoggingDispatcher(widgets.CallbackDispatcher):
    """ipywidgets' dispatcher, but a failing callback is logged, not printed as a traceback.

    ipywidgets shows the traceback in the output area (in Voilà: on the person's page); a
    person's or a component's failing listener must neither show that nor stop the others.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        value = None
        for callback in list(self.callbacks):
            try:
                local_value = callback(*args, **kwargs)
            except Exception:  # logged with its traceback, for a bug report
                logger.exception("callback %r failed", getattr(callback, "__qualname__", callback))
            else:
                value = local_value if local_value is not None else value
        return value


class KernelThread:
    """Runs functions on the kernel's event loop, whichever thread asks.

    A component captures the loop it is built on (in Jupyter, Voilà and Colab: the kernel's
    asyncio loop, on its main thread). Results of background work and status changes go
    through :meth:`call`, so widget state only ever changes on that thread. Built with
    ``synchronous=True``, or where no loop runs (a plain script, the tests), :meth:`call`
    runs the function at once in the calling thread.
    """

    def __init__(self, synchronous: bool = False):
        self._loop: asyncio.AbstractEventLoop | None = None
        if not synchronous:
            try:
                self._loop = asyncio.get_running_loop()
            except RuntimeError:
                self._loop = None
        self._owner = threading.get_ident()
        self._pending: collections.deque = collections.deque()
        self._lock = threading.Lock()
        self._draining = False

    @property
    def deferred(self) -> bool:
        """Whether calls from other threads wait for the kernel's loop."""
        return self._loop is not None

    def call(self, function: Callable[..., Any], *args: Any) -> None:
        if self._loop is None or threading.get_ident() == self._owner:
            if not self._draining:  # earlier calls first: order is kept
                self.drain()
            function(*args)  # within a drain (an update that updates): at once, in its turn
            return
        with self._lock:
            self._pending.append((function, args))
        try:
            self._loop.call_soon_threadsafe(self.drain)
        except RuntimeError:  # the loop was closed (kernel shutting down): run it here
            self.drain()

    def drain(self) -> None:
        """Run the calls waiting for the loop (on the loop, or from :meth:`_Component.join`)."""
        if self._draining:
            return
        self._draining = True
        try:
            while True:
                with self._lock:
                    if not self._pending:
                        return
                    function, args = self._pending.popleft()
                try:
                    function(*args)
                except Exception:  # one failing update must not drop the ones after it
                    logger.exception(
                        "update %r failed", getattr(function, "__qualname__", function)
                    )
        finally:
            self._draining = False

    def drain_if_owner(self) -> None:
        if threading.get_ident() == self._owner:
            self.drain()


class BackgroundTask:
    """Runs ``work(should_stop)`` in a thread so the kernel stays responsive.

    ``should_stop()`` becomes True after :meth:`cancel`. ``on_done(result)`` or
    ``on_error(exc)`` run in the worker thread when the work ends. ``synchronous=True`` runs it
    in the calling thread instead (tests and scripts).
    """

    def __init__(
        self,
        work: Callable[[Callable[[], bool]], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        synchronous: bool = False,
    ):
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
            if not isinstance(
                exc, WidgetsLLMError
            ):  # not foreseen: keep its traceback for a bug report
                logger.exception(
                    "background work %r failed", getattr(self._work, "__qualname__", self._work)
                )
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
    ``deliver(function)`` decides where those run (a component passes its
    :meth:`KernelThread.call`: on the kernel's loop); whether a result is stale is decided
    there too, so a cancel on the kernel's thread always wins over a result on its way.
    """

    def __init__(
        self,
        set_idle: Callable[[], None],
        deliver: Callable[[Callable[[], None]], None] | None = None,
    ):
        self._set_idle = set_idle
        self._deliver = deliver or (lambda function: function())
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

        def show_result(result: Any) -> None:
            if generation != self._generation:
                return
            self._set_idle()
            try:
                on_done(result)
            except Exception as error:  # a display bug must not leave the component stuck
                logger.exception(
                    "showing the result of %r failed", getattr(work, "__qualname__", work)
                )
                on_error(error)

        def show_error(error: BaseException) -> None:
            if generation != self._generation:
                return
            self._set_idle()
            on_error(error)

        self._task = BackgroundTask(
            work,
            lambda result: self._deliver(lambda: show_result(result)),
            lambda error: self._deliver(lambda: show_error(error)),
            synchronous=synchronous,
        )

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
        self._generation += 1

    @property
    def running(self) -> bool:
        thread = self._task.thread if self._task is not None else None
        return thread is not None and thread.is_alive()

    def join(self, timeout: float | None = None) -> None:
        if self._task is not None:
            self._task.join(timeout)


class _Component(widgets.VBox):
    """What every component shares: status, messages, busy/cancel, events, background work.

    - ``status`` (a :class:`Status`) and ``busy`` are observable traits;
    - ``_status_line`` (one line of what is happening) and ``_message`` (an error with what to
      do, a warning) are children a component places in its layout;
    - events go through ipywidgets' ``CallbackDispatcher``: ``self._events["model_loaded"]``,
      registered by the public ``on_model_loaded(callback, remove=False)``;
    - :meth:`run_in_background` runs ``work(should_stop)`` in a thread, only the latest
      request counting, and delivers its result, its error and every status change on the
      kernel's event loop (:class:`KernelThread`); ``synchronous=True`` runs it at once in
      the calling thread (tests, scripts).

    A subclass calls ``super().__init__(synchronous=..., **kwargs)`` first, builds its
    children, then sets ``self.children``; it shows its own busy state in :meth:`_render_busy`
    and may extend :meth:`_fail`.
    """

    status = StatusTrait(Status.IDLE).tag(sync=False)
    busy = traitlets.Bool(False).tag(sync=False)

    #: Events the component fires; each gets a dispatcher in ``self._events``.
    EVENTS: tuple[str, ...] = ()
    #: Message key shown on the status line when background work fails (None: leave it).
    FAILED_STATUS_KEY: str | None = None

    def __init__(self, *, synchronous: bool = False, **kwargs: Any):
        super().__init__(**kwargs)
        # The page's language, for what the browser formats itself (the charts' axis ticks get
        # decimal commas in Spanish: see decimal_commas.py).
        self.add_class(f"wllm-lang-{get_language()}")
        self.synchronous = bool(synchronous)
        self._kernel = KernelThread(synchronous=self.synchronous)
        self._events: dict[str, widgets.CallbackDispatcher] = {
            name: _LoggingDispatcher() for name in self.EVENTS
        }
        self._work = LatestTask(lambda: self._set_busy(False), deliver=self._kernel.call)
        self._status_line = widgets.HTML()
        self._message = MessageArea()

    # ------------------------------------------------------------------ events

    def _register(self, event: str, callback: Callable, remove: bool = False) -> None:
        self._events[event].register_callback(callback, remove=remove)

    def _emit(self, event: str, *args: Any) -> None:
        self._events[event](*args)

    # ------------------------------------------------------------------ status and messages

    def _in_kernel(self, function: Callable[..., Any], *args: Any) -> None:
        """Run ``function(*args)`` on the kernel's thread (now, when already there)."""
        self._kernel.call(function, *args)

    def _show_status(self, text: str, status: Status | str | None = None) -> None:
        """Say on the status line what is happening (and, given, set ``status``)."""

        def show() -> None:
            self._status_line.value = html.escape(text) if text else ""
            push_state(self._status_line)
            if status is not None:
                self.status = status

        self._kernel.call(show)

    def _show_error(self, error: BaseException) -> WidgetsLLMError:
        """Show ``error`` in the message area, in the person's language, never as a traceback."""
        if not isinstance(error, WidgetsLLMError):  # not foreseen: keep its traceback
            logger.error(
                "%s failed", type(self).__name__, exc_info=(type(error), error, error.__traceback__)
            )
        user_error = self._message.show_error(error)
        push_state(self._message)
        return user_error

    def _fail(self, error: BaseException) -> None:
        """Background work failed: the error, a status line that says so, ``status`` error."""
        self._show_error(error)
        if self.FAILED_STATUS_KEY:
            self._status_line.value = html.escape(t(self.FAILED_STATUS_KEY))
            push_state(self._status_line)
        self.status = Status.ERROR

    # ------------------------------------------------------------------ background work

    def run_in_background(
        self,
        work: Callable[[Callable[[], bool]], Any],
        on_done: Callable[[Any], None],
        *,
        status: Status | str | None = None,
        message: str | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run ``work(should_stop)`` off the kernel's thread; a newer call supersedes this one.

        ``status`` and ``message`` are shown now; when the work ends the component is no longer
        busy and ``on_done(result)`` (or ``on_error(error)``, by default :meth:`_fail`) runs on
        the kernel's thread. A superseded or cancelled request's result is dropped.
        """
        if message is not None:
            self._status_line.value = html.escape(message)
            push_state(self._status_line)
        if status is not None:
            self.status = status
        self._set_busy(True)
        self._work.start(work, on_done, on_error or self._fail, synchronous=self.synchronous)

    def cancel_work(
        self,
        message_key: str | None = "widgets.cancelled",
        status: Status | str | None = Status.CANCELLED,
    ) -> None:
        """Stop the work under way: it stops at its next check and its result is dropped."""
        self._work.cancel()
        self._set_busy(False)
        if message_key:
            self._status_line.value = html.escape(t(message_key))
            push_state(self._status_line)
        if status is not None:
            self.status = status

    def join(self, timeout: float | None = None) -> None:
        """Wait for the background work, then show its result (scripts and notebooks)."""
        self._work.join(timeout)
        self._kernel.drain_if_owner()

    def _set_busy(self, busy: bool) -> None:
        self.busy = bool(busy)
        self._render_busy(self.busy)

    def _render_busy(self, busy: bool) -> None:
        """Show ``busy`` (disable buttons, show «Cancelar»): each component says how."""


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
    """Send a widget's state now: updates from a background thread may otherwise not show in
    Colab."""
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
    return widgets.HTML(
        f"<div style='color:#555;font-size:0.9em;line-height:1.3'>{html.escape(text)}</div>"
    )


def without_toolbar(figure: Any) -> Any:
    """``figure`` with bqplot's pan/zoom/save toolbar hidden (bqplot 0.13 and later have one).

    Beginners need none of it, and its icons float over the chart's title. Older bqplot (as
    under ipywidgets 7) has no toolbar: nothing to hide.
    """
    if figure.has_trait("display_toolbar"):
        figure.display_toolbar = False
    return figure
