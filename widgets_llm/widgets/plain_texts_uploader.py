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
from ._common import Status, _Component, help_text, push_state, section_title, uploaded_files

#: File types offered in the upload dialog.
ACCEPTED = warmup.PLAIN_TEXT_SUFFIXES + warmup.TABLE_SUFFIXES + warmup.DOCUMENT_SUFFIXES


class PlainTextsUploader(_Component):
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

    EVENTS = ("texts_loaded",)

    def __init__(self, *, synchronous: bool = False, **kwargs: Any):
        super().__init__(synchronous=synchronous, **kwargs)
        self.status = Status.EMPTY

        self._upload = widgets.FileUpload(
            accept=",".join(ACCEPTED), multiple=True, description=t("plaintexts.upload")
        )
        self._remove_button = widgets.Button(
            description=t("plaintexts.remove"), layout=widgets.Layout(width="auto")
        )

        self._upload.observe(self._on_upload_value, names="value")
        self._remove_button.on_click(self._on_remove_button_click)

        self._render()
        self.children = [
            section_title(t("plaintexts.title")),
            help_text(t("plaintexts.help")),
            widgets.HBox([self._upload, self._remove_button]),
            self._status_line,
            self._message,
        ]

    # ------------------------------------------------------------------ public

    def on_texts_loaded(self, callback: Callable[[list[str]], Any], remove: bool = False) -> None:
        """Call ``callback(texts)`` whenever the texts change (an empty list after «Quitar»)."""
        self._register("texts_loaded", callback, remove)

    def load(self, files: list[tuple[str, bytes]]) -> None:
        """Read ``files`` (``(name, bytes)`` pairs, as an upload gives them) as the extra texts."""
        files = list(files)
        if not files:
            return
        self._message.clear()

        def work(_should_stop: Callable[[], bool]) -> list[str]:
            return warmup.load_plain_texts(files)

        def done(texts: list[str]) -> None:
            self.names = [name for name, _ in files]
            self.texts = texts
            self.status = Status.LOADED
            self._render()
            self._emit("texts_loaded", list(texts))

        self.run_in_background(
            work, done, status=Status.READING, message=t("plaintexts.reading", count=len(files))
        )

    def clear(self) -> None:
        """Forget the extra texts (the files themselves were never stored)."""
        self.cancel_work(message_key=None, status=None)
        had = bool(self.texts)
        self.texts, self.names = [], []
        self.status = Status.EMPTY
        self._message.clear()
        push_state(self._message)
        self._render()
        if had:
            self._emit("texts_loaded", [])

    # ------------------------------------------------------------------ handlers

    def _on_upload_value(self, change: dict) -> None:
        self.load(uploaded_files(change.get("new")))

    def _on_remove_button_click(self, _button: Any) -> None:
        self.clear()

    def _fail(self, error: BaseException) -> None:
        super()._fail(error)  # the error, and status «error»
        self._render()

    # ------------------------------------------------------------------ rendering

    def _render(self) -> None:
        if self.texts:
            words = sum(len(text.split()) for text in self.texts)
            line = t(
                "plaintexts.loaded",
                count=format_number(len(self.texts), 0),
                words=format_number(words, 0),
                files=", ".join(self.names),
            )
        elif self.status is Status.READING:
            return
        else:
            line = t("plaintexts.none")
        self._status_line.value = f"<div style='color:#333'>{html.escape(line)}</div>"
        self._remove_button.layout.display = None if self.texts else "none"
        push_state(self._status_line)
        push_state(self._remove_button)
