"""PlainTextsUploader: optional further texts, without summaries, for the warm-up.

A person who has more of their own documents than summarized pairs can add them here (.txt,
.md, a table, .docx, or .pdf with ``pypdf``): the offline model learns its vocabulary and its
warm-up exercises from them too (see ``engine.warmup``). Reading is done by the engine's
``load_plain_texts``; the uploaded files are kept in memory only, never written anywhere.
"""
from __future__ import annotations

import html
from typing import Any, Callable

import ipywidgets as widgets
import traitlets

from ..engine import warmup
from ..formatting import format_number
from ..messages import t
from ._common import LatestTask, MessageArea, callback_list, fire, help_text, push_state, register, section_title, uploaded_files

#: File types offered in the upload dialog.
ACCEPTED = warmup.PLAIN_TEXT_SUFFIXES + warmup.TABLE_SUFFIXES + warmup.DOCUMENT_SUFFIXES


class PlainTextsUploader(widgets.VBox):
    """Upload plain texts (no summaries) for the warm-up; optional.

    Parameters
    ----------
    synchronous:
        Read in the calling thread (tests and scripts) instead of in the background.

    Attributes
    ----------
    texts : list of str (trait, observable)
        The texts read from the latest upload; empty when none (or after «Quitar»).
    names : list of str (trait)
        The names of the files they came from.
    status : str (trait)
        ``empty``, ``reading``, ``loaded`` or ``error``.
    """

    texts = traitlets.List(traitlets.Unicode()).tag(sync=False)
    names = traitlets.List(traitlets.Unicode()).tag(sync=False)
    status = traitlets.Unicode("empty").tag(sync=False)

    def __init__(self, *, synchronous: bool = False, **kwargs: Any):
        self.synchronous = synchronous
        self._texts_loaded_callbacks: list[Callable] = callback_list()
        self._work = LatestTask(lambda: None)

        self._upload = widgets.FileUpload(accept=",".join(ACCEPTED), multiple=True, description=t("plaintexts.upload"))
        self._remove_button = widgets.Button(description=t("plaintexts.remove"), layout=widgets.Layout(width="auto"))
        self._status_line = widgets.HTML()
        self._message = MessageArea()

        self._upload.observe(self._on_upload_value, names="value")
        self._remove_button.on_click(self._on_remove_button_click)

        self._render()
        super().__init__(
            children=[
                section_title(t("plaintexts.title")),
                help_text(t("plaintexts.help")),
                widgets.HBox([self._upload, self._remove_button]),
                self._status_line,
                self._message,
            ],
            **kwargs,
        )

    # ------------------------------------------------------------------ public

    def on_texts_loaded(self, callback: Callable[[list[str]], Any], remove: bool = False) -> None:
        """Call ``callback(texts)`` whenever the texts change (an empty list after «Quitar»)."""
        register(self._texts_loaded_callbacks, callback, remove)

    def load(self, files: list[tuple[str, bytes]]) -> None:
        """Read ``files`` (``(name, bytes)`` pairs, as an upload gives them) as the extra texts."""
        files = list(files)
        if not files:
            return
        self._message.clear()
        self.status = "reading"
        self._status_line.value = html.escape(t("plaintexts.reading", count=len(files)))
        push_state(self._status_line)

        def work(_should_stop: Callable[[], bool]) -> list[str]:
            return warmup.load_plain_texts(files)

        def done(texts: list[str]) -> None:
            self.names = [name for name, _ in files]
            self.texts = texts
            self.status = "loaded"
            self._render()
            fire(self._texts_loaded_callbacks, list(texts))

        def failed(error: BaseException) -> None:
            self.status = "error"
            self._message.show_error(error)
            push_state(self._message)
            self._render()

        self._work.start(work, done, failed, synchronous=self.synchronous)

    def clear(self) -> None:
        """Forget the extra texts (the files themselves were never stored)."""
        self._work.cancel()
        had = bool(self.texts)
        self.texts, self.names = [], []
        self.status = "empty"
        self._message.clear()
        push_state(self._message)
        self._render()
        if had:
            fire(self._texts_loaded_callbacks, [])

    # ------------------------------------------------------------------ handlers

    def _on_upload_value(self, change: dict) -> None:
        self.load(uploaded_files(change.get("new")))

    def _on_remove_button_click(self, _button: Any) -> None:
        self.clear()

    # ------------------------------------------------------------------ rendering

    def _render(self) -> None:
        if self.texts:
            words = sum(len(text.split()) for text in self.texts)
            line = t("plaintexts.loaded", count=format_number(len(self.texts), 0), words=format_number(words, 0), files=", ".join(self.names))
        elif self.status == "reading":
            return
        else:
            line = t("plaintexts.none")
        self._status_line.value = f"<div style='color:#333'>{html.escape(line)}</div>"
        self._remove_button.layout.display = None if self.texts else "none"
        push_state(self._status_line)
        push_state(self._remove_button)
