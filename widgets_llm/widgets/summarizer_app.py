"""SummarizerApp: summarize new texts with a training saved earlier, and download the results.

The second face of the code-free dashboard (``dashboards/resumir.ipynb``). A thin view over
the engine: :func:`~widgets_llm.engine.runs.list_runs` and
:func:`~widgets_llm.engine.runs.load_run` give the saved model back,
:func:`~widgets_llm.engine.data.read_table` and :func:`~widgets_llm.engine.data.detect_columns`
read an uploaded table, and :func:`~widgets_llm.engine.generation.generate_summaries` writes
the summaries in the background.
"""

from __future__ import annotations

import base64
import csv
import html
import io
import os
import threading
from pathlib import Path
from typing import Any, Callable, Sequence

import ipywidgets as widgets
import traitlets

from ..engine.texts import column_texts, split_texts
from ..errors import DataError, RunError
from ..messages import t
from ._common import (
    MessageArea,
    Status,
    _Component,
    enable_colab_widgets,
    help_text,
    push_state,
    section_title,
    uploaded_files,
)

#: File types the upload accepts: plain text plus every table format the engine reads.
TEXT_EXTENSIONS = (".txt",)
TABLE_EXTENSIONS = (".csv", ".tsv", ".json", ".jsonl", ".parquet", ".xlsx")
#: Rows drawn in the results table at most (the CSV file always has them all).
MAX_SHOWN_ROWS = 200
#: Characters of a text shown in the results table.
SHOWN_TEXT_CHARS = 300
#: Name of the downloaded file.
CSV_FILE_NAME = "resumenes.csv"

_STYLE = {"description_width": "initial"}


def results_csv(texts: Sequence[str], summaries: Sequence[str]) -> str:
    """The results as CSV text with columns ``text`` and ``summary``, starting with a BOM.

    The byte order mark makes Excel read the file as UTF-8, so accents and ñ show correctly.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["text", "summary"])
    writer.writerows(zip(texts, summaries))
    return "\ufeff" + buffer.getvalue()


def csv_data_uri(content: str) -> str:
    """A ``data:`` URI that downloads ``content`` as a UTF-8 CSV file."""
    encoded = base64.b64encode(content.encode("utf-8")).decode("ascii")
    return f"data:text/csv;charset=utf-8;base64,{encoded}"


class SummarizerApp(_Component):
    """Load a saved training and summarize new texts with it.

    Three steps on one page: (1) choose a training saved in ``runs_dir`` (or type its folder)
    and load its model; (2) paste texts separated by blank lines, or upload a .txt file (texts
    separated by blank lines) or a table with a column of texts; (3) «Resumir» writes one
    summary per text in the background, with a progress bar and «Cancelar». The summaries
    appear in a table with a link to download them as CSV (columns ``text`` and ``summary``,
    UTF-8 with BOM so that Excel shows accents).

    Parameters
    ----------
    runs_dir:
        Folder whose saved trainings are listed (default ``"runs"``).
    run:
        A run folder to load right away.
    batch_size:
        Texts summarized per batch (progress and cancelling happen between batches).
    synchronous:
        Load and summarize in the calling thread (tests, scripts) instead of a background thread.

    Attributes
    ----------
    saved_run : SavedRun or None (trait, observable)
        The loaded training (its ``bundle`` writes the summaries).
    texts : list of str (trait, observable)
        The texts that «Resumir» will summarize (from the box or the uploaded file).
    summaries : list of str (trait, observable)
        The summaries of the last «Resumir», in the order of ``texts`` (``[]`` before).
    status : str (trait, observable)
        ``"empty"``, ``"loading"``, ``"ready"``, ``"summarizing"``, ``"done"``,
        ``"cancelled"`` or ``"error"``.
    source : str
        Where ``texts`` came from: ``"paste"`` or ``"file"``.

    Events
    ------
    on_run_loaded(callback, remove=False)
        ``callback(saved_run)`` after a training was loaded.
    on_summaries_ready(callback, remove=False)
        ``callback(texts, summaries)`` after «Resumir» finished (also when cancelled: the
        texts summarized so far).
    """

    saved_run = traitlets.Any(None, allow_none=True).tag(sync=False)
    texts = traitlets.List().tag(sync=False)
    summaries = traitlets.List().tag(sync=False)

    EVENTS = ("run_loaded", "summaries_ready")

    def __init__(
        self,
        runs_dir: str | os.PathLike = "runs",
        *,
        run: str | os.PathLike | None = None,
        batch_size: int = 8,
        synchronous: bool = False,
        **kwargs: Any,
    ):
        # 1. Arguments
        super().__init__(synchronous=synchronous, **kwargs)
        self.status = Status.EMPTY
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            raise ValueError(f"batch_size must be a positive whole number, not {batch_size!r}")
        self.runs_dir = Path(runs_dir).expanduser()
        self.batch_size = batch_size
        self.source = "paste"
        self._stop_event = threading.Event()  # «Cancelar» of the summaries being written
        self._file_table: Any = None  # the uploaded table, when a table was uploaded
        self._file_name = ""
        self._file_texts: list[str] = []  # the texts of the uploaded file
        self._summarized_texts: list[str] = []
        enable_colab_widgets()

        # 2. Children
        self._build_run_children()
        self._build_text_children()
        self._build_result_children()

        # 3. Events
        self._run_list.observe(self._on_run_list_value, names="value")
        self._refresh_button.on_click(self._on_refresh_button_click)
        self._load_button.on_click(self._on_load_button_click)
        self._paste.observe(self._on_paste_value, names="value")
        self._upload.observe(self._on_upload_value, names="value")
        self._column.observe(self._on_column_value, names="value")
        self._input_tabs.observe(self._on_input_tabs_selected_index, names="selected_index")
        self._summarize_button.on_click(self._on_summarize_button_click)
        self._cancel_button.on_click(self._on_cancel_button_click)

        # 4. Layout
        children = [
            help_text(t("summarizer.intro")),
            section_title(t("summarizer.run.title")),
            help_text(t("summarizer.run.help")),
            widgets.HBox([self._run_list, self._refresh_button]),
            self._runs_note,
            widgets.HBox([self._run_path, self._load_button]),
            self._run_status,
            self._run_message,
            section_title(t("summarizer.texts.title")),
            self._input_tabs,
            self._texts_count,
            self._text_message,
            section_title(t("summarizer.run_step.title")),
            widgets.HBox([self._summarize_button, self._cancel_button]),
            self._progress,
            self._progress_text,
            self._message,
            self._results_box,
        ]

        # 5. First render
        self._render_busy(False)
        self._results_box.layout.display = "none"
        self._progress.layout.visibility = "hidden"
        self.children = children
        self.refresh_runs()
        self._render_texts_count()
        if run is not None:
            self.load_run(run)

    # ------------------------------------------------------------------ children

    def _build_run_children(self) -> None:
        self._run_list = widgets.Dropdown(
            options=[],
            description=t("summarizer.run.list"),
            style=_STYLE,
            layout=widgets.Layout(width="520px"),
        )
        self._refresh_button = widgets.Button(
            description=t("summarizer.run.refresh"), layout=widgets.Layout(width="auto")
        )
        self._runs_note = widgets.HTML()
        self._run_path = widgets.Text(
            description=t("summarizer.run.path"),
            placeholder=t("summarizer.run.path_placeholder"),
            style=_STYLE,
            layout=widgets.Layout(width="520px"),
        )
        self._load_button = widgets.Button(
            description=t("summarizer.run.load"),
            button_style="primary",
            layout=widgets.Layout(width="auto"),
        )
        self._run_status = widgets.HTML()
        self._run_message = MessageArea()

    def _build_text_children(self) -> None:
        self._paste = widgets.Textarea(
            placeholder=t("summarizer.paste.placeholder"),
            continuous_update=False,
            layout=widgets.Layout(width="100%", height="160px"),
        )
        paste_panel = widgets.VBox([help_text(t("summarizer.paste.help")), self._paste])
        self._upload = widgets.FileUpload(
            accept=",".join(TEXT_EXTENSIONS + TABLE_EXTENSIONS),
            multiple=False,
            description=t("summarizer.file.button"),
            layout=widgets.Layout(width="auto"),
        )
        self._column = widgets.Dropdown(
            options=[], description=t("summarizer.file.column"), style=_STYLE
        )
        self._column.layout.display = "none"
        self._file_status = widgets.HTML()
        file_panel = widgets.VBox(
            [help_text(t("summarizer.file.help")), self._upload, self._column, self._file_status]
        )
        self._input_tabs = widgets.Tab(children=[paste_panel, file_panel])
        self._input_tabs.set_title(0, t("summarizer.tab.paste"))
        self._input_tabs.set_title(1, t("summarizer.tab.file"))
        self._texts_count = widgets.HTML()
        self._text_message = MessageArea()

    def _build_result_children(self) -> None:
        self._summarize_button = widgets.Button(
            description=t("summarizer.summarize"),
            tooltip=t("summarizer.summarize.tooltip"),
            button_style="success",
            layout=widgets.Layout(width="auto"),
        )
        self._cancel_button = widgets.Button(
            description=t("widgets.cancel"), layout=widgets.Layout(width="auto")
        )
        self._progress = widgets.IntProgress(
            value=0, min=0, max=1, layout=widgets.Layout(width="100%")
        )
        self._progress_text = widgets.HTML()
        self._results_table = widgets.HTML()
        self._download = widgets.HTML()
        self._results_box = widgets.VBox(
            [
                section_title(t("summarizer.results.title")),
                self._download,
                help_text(t("summarizer.download.help")),
                self._results_table,
            ]
        )

    # ------------------------------------------------------------------ public API

    def on_run_loaded(self, callback: Callable[[Any], Any], remove: bool = False) -> None:
        """Register ``callback(saved_run)``, called after a training was loaded."""
        self._register("run_loaded", callback, remove)

    def on_summaries_ready(
        self, callback: Callable[[list, list], Any], remove: bool = False
    ) -> None:
        """Register ``callback(texts, summaries)``, called after «Resumir» ended."""
        self._register("summaries_ready", callback, remove)

    def refresh_runs(self) -> None:
        """List the trainings saved in ``runs_dir`` again (newest first)."""
        from ..engine.runs import list_runs

        try:
            found = [summary for summary in list_runs(self.runs_dir) if summary.problem is None]
        except RunError:  # no runs folder yet: nothing saved
            found = []
        options = [
            (
                t("summarizer.run.option", name=summary.name, created=_short_date(summary.created)),
                str(summary.path),
            )
            for summary in found
        ]
        self._run_list.options = options
        self._run_list.value = options[0][1] if options else None
        self._run_list.layout.display = None if options else "none"
        self._refresh_button.layout.display = None
        self._runs_note.value = (
            ""
            if options
            else (
                "<div style='color:#555'>"
                f"{html.escape(t('summarizer.run.none_found', folder=str(self.runs_dir)))}</div>"
            )
        )
        push_state(self._run_list)
        push_state(self._runs_note)

    def load_run(self, path: str | os.PathLike | None = None) -> None:
        """Load the training saved in ``path`` (default: the folder in the box), as «Cargar»
        does."""
        folder = str(path if path is not None else self._run_path.value).strip()
        if path is not None:
            self._run_path.value = folder
        if folder not in [value for _label, value in self._run_list.options]:
            self._run_list.value = None  # the list no longer says which run is shown
        self._run_message.clear()
        if not folder:
            self._run_message.show_error(RunError("summarizer.run.no_path"))
            return
        name = Path(folder).name or folder

        def work(should_stop: Callable[[], bool]):
            from ..engine.runs import load_run

            return load_run(folder)

        previous = self.status

        def failed(error: BaseException) -> None:
            self._fail_loading(error)
            if previous in (Status.READY, Status.DONE, Status.CANCELLED):
                self.status = previous  # the model loaded before is still there and usable

        self._run_status.value = html.escape(t("summarizer.run.loading", name=name))
        self.run_in_background(work, self._show_loaded_run, status=Status.LOADING, on_error=failed)

    def set_texts(self, texts: Sequence[str]) -> None:
        """Use ``texts`` as the texts to summarize (as if they had been pasted one per block)."""
        self._input_tabs.selected_index = 0
        self._paste.value = "\n\n".join(" ".join(str(text).split()) for text in texts)

    def load_file(self, name: str, content: bytes) -> None:
        """Read an uploaded file (as the upload button does): .txt or a table with a text column."""
        self._text_message.clear()
        self._file_table, self._file_name = None, name
        self._column.layout.display = "none"
        try:
            if name.lower().endswith(TEXT_EXTENSIONS):
                from ..engine.data import decode_text

                text, _encoding = decode_text(bytes(content))
                texts = split_texts(text)
            else:
                texts = self._read_table_file(name, bytes(content))
        except Exception as error:  # DataError with what to do; anything else shown alike
            self._text_message.show_error(error)
            texts = []
        self._file_texts = texts
        self.source = "file"
        self._input_tabs.selected_index = 1
        self.texts = texts
        self._file_status.value = html.escape(
            t("summarizer.file.read", name=name, count=len(texts))
        )
        self._render_texts_count()
        push_state(self._file_status)

    def summarize(self) -> None:
        """Summarize ``texts`` with the loaded model (as «Resumir» does)."""
        self._on_summarize_button_click(None)

    def cancel(self) -> None:
        """Stop after the batch being written; the summaries written so far are kept."""
        self._stop_event.set()

    def csv_text(self) -> str:
        """The last results as CSV (``text,summary``, UTF-8 BOM first); only the header before."""
        return results_csv(self._summarized_texts, self.summaries)

    @property
    def download_html(self) -> str:
        """The HTML of the download link (empty before the first results)."""
        return self._download.value

    # ------------------------------------------------------------------ handlers: the run

    def _on_run_list_value(self, change: dict) -> None:
        if change["new"]:
            self._run_path.value = change["new"]

    def _on_refresh_button_click(self, _button: Any) -> None:
        self.refresh_runs()

    def _on_load_button_click(self, _button: Any) -> None:
        self.load_run()

    def _show_loaded_run(self, saved: Any) -> None:
        self.saved_run = saved
        self.status = Status.READY
        loaded = t("summarizer.run.loaded", name=saved.path.name, model=saved.bundle.label())
        self._run_status.value = (
            f"<div style='color:#1e6b34;font-weight:bold'>{html.escape(loaded)}</div>"
        )
        push_state(self._run_status)
        self._emit("run_loaded", saved)

    # ------------------------------------------------------------------ handlers: the texts

    def _on_paste_value(self, change: dict) -> None:
        self._text_message.clear()
        self.source = "paste"
        self.texts = split_texts(change["new"] or "")
        self._render_texts_count()

    def _on_upload_value(self, change: dict) -> None:
        files = uploaded_files(change.get("new"))
        if files:
            self.load_file(*files[0])

    def _on_column_value(self, change: dict) -> None:
        if self._file_table is not None and change["new"]:
            self._file_texts = column_texts(self._file_table, change["new"])
            self.texts = list(self._file_texts)
            self._file_status.value = html.escape(
                t("summarizer.file.read", name=self._file_name, count=len(self.texts))
            )
            self._render_texts_count()

    def _on_input_tabs_selected_index(self, change: dict) -> None:
        # The texts follow the tab the person is looking at.
        if change["new"] == 0 and self.source != "paste":
            self.source = "paste"
            self.texts = split_texts(self._paste.value or "")
        elif change["new"] == 1 and self.source != "file":
            self.source = "file"
            self.texts = list(self._file_texts)
        self._render_texts_count()

    def _read_table_file(self, name: str, content: bytes) -> list[str]:
        from ..engine import data

        table = data.read_table((name, content))
        textual = data.text_columns(table.frame)
        if not textual:
            raise DataError("summarizer.file.no_text_column", name=name)
        try:
            column = data.detect_columns(table.frame).text
        except DataError:  # one text column only (no summaries): that one is the text
            column = textual[0]
        self._file_table = table.frame
        self._column.unobserve(self._on_column_value, names="value")
        try:
            self._column.options = [(str(c), str(c)) for c in textual]
            self._column.value = str(column)
        finally:
            self._column.observe(self._on_column_value, names="value")
        self._column.layout.display = None if len(textual) > 1 else "none"
        return column_texts(self._file_table, column)

    def _render_texts_count(self) -> None:
        self._texts_count.value = (
            f"<b>{html.escape(t('summarizer.texts.count', count=len(self.texts)))}</b>"
        )
        push_state(self._texts_count)

    # ------------------------------------------------------------------ summarizing

    def _on_summarize_button_click(self, _button: Any) -> None:
        self._message.clear()
        if self.saved_run is None:
            self._show_error(RunError("summarizer.no_model"))
            return
        texts = list(self.texts)
        if not texts:
            self._show_error(DataError("summarizer.no_texts"))
            return
        bundle = self.saved_run.bundle
        settings = self.saved_run.generation_settings()
        total = len(texts)
        batch_size = self.batch_size
        state = {"done": 0}
        stop_event = self._stop_event = threading.Event()

        def on_progress(done: int, _total: int) -> None:
            state["done"] = done
            self._in_kernel(self._render_progress, done, total)

        def work(task_should_stop: Callable[[], bool]) -> tuple[list[str], list[str], bool]:
            from ..engine.generation import generate_summaries

            def should_stop() -> bool:
                return stop_event.is_set() or task_should_stop()

            summaries = generate_summaries(
                bundle,
                texts,
                settings,
                batch_size=batch_size,
                on_progress=on_progress,
                should_stop=should_stop,
            )
            # Cancelled: the texts not reached keep an empty summary (shown as «sin resumen»).
            return texts, summaries, should_stop() and state["done"] < total

        self._progress.max = max(1, total)
        self._progress.value = 0
        self._progress.layout.visibility = "visible"
        self._render_progress(0, total)
        self.run_in_background(work, self._show_summaries, status=Status.SUMMARIZING)

    def _render_progress(self, done: int, total: int) -> None:
        self._progress.value = min(done, self._progress.max)
        self._progress_text.value = html.escape(t("summarizer.progress", done=done, total=total))
        push_state(self._progress)
        push_state(self._progress_text)

    def _show_summaries(self, result: tuple[list[str], list[str], bool]) -> None:
        texts, summaries, stopped = result
        self._summarized_texts = list(texts)
        self.summaries = list(summaries)
        if stopped:
            self.status = Status.CANCELLED
            written = sum(1 for summary in summaries if summary)
            self._progress_text.value = html.escape(
                t("summarizer.cancelled", done=written, total=len(texts))
            )
        else:
            self.status = Status.DONE
            self._progress_text.value = (
                "<span style='color:#1e6b34;font-weight:bold'>"
                f"{html.escape(t('summarizer.done', count=len(texts)))}</span>"
            )
        self._results_table.value = results_html(texts, summaries)
        self._download.value = download_link_html(self.csv_text())
        self._results_box.layout.display = None
        for child in (self._progress_text, self._results_table, self._download, self._results_box):
            push_state(child)
        self._emit("summaries_ready", list(texts), list(summaries))

    # ------------------------------------------------------------------ background work

    # Loading and summarizing run in run_in_background: newer work supersedes older.

    def _fail(self, error: BaseException) -> None:
        """Summarizing failed: the error under «Resumir», no progress line, status «error»."""
        self._progress_text.value = ""
        push_state(self._progress_text)
        super()._fail(error)

    def _fail_loading(self, error: BaseException) -> None:
        """Loading a training failed: the error under the run's controls, status «error»."""
        self._run_message.show_error(error)
        push_state(self._run_message)
        self._run_status.value = ""
        push_state(self._run_status)
        self.status = Status.ERROR

    def _render_busy(self, busy: bool) -> None:
        self._cancel_button.layout.display = (
            None if busy and self.status == Status.SUMMARIZING else "none"
        )
        for button in (self._summarize_button, self._load_button, self._refresh_button):
            button.disabled = busy
        for child in (
            self._cancel_button,
            self._summarize_button,
            self._load_button,
            self._refresh_button,
        ):
            push_state(child)

    def _on_cancel_button_click(self, _button: Any) -> None:
        self.cancel()


# ---------------------------------------------------------------------- pure helpers


def _short_date(created: str | None) -> str:
    return (created or "").replace("T", " ")[:16] or "—"


def _shorten(text: str, limit: int = SHOWN_TEXT_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def results_html(
    texts: Sequence[str], summaries: Sequence[str], max_rows: int = MAX_SHOWN_ROWS
) -> str:
    """The texts and their summaries as an escaped HTML table (the first ``max_rows`` rows)."""
    cell = "border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top"
    head = (
        f"<tr><th style='{cell}'>#</th>"
        f"<th style='{cell}'>{html.escape(t('summarizer.results.text'))}</th>"
        f"<th style='{cell}'>{html.escape(t('summarizer.results.summary'))}</th></tr>"
    )
    rows = []
    for number, (text, summary) in enumerate(zip(texts, summaries), start=1):
        if number > max_rows:
            break
        shown = (
            html.escape(summary)
            if summary
            else f"<i style='color:#777'>{html.escape(t('summarizer.empty_summary'))}</i>"
        )
        rows.append(
            f"<tr class='wllm-result'><td style='{cell}'>{number}</td>"
            f"<td style='{cell};max-width:520px;color:#333'>{html.escape(_shorten(text))}</td>"
            f"<td style='{cell};max-width:420px;background:#f3f8ff'>{shown}</td></tr>"
        )
    note = ""
    if len(texts) > max_rows:
        note = (
            "<div style='color:#555'>"
            f"{html.escape(t('summarizer.results.more', shown=max_rows, total=len(texts)))}</div>"
        )
    return (
        "<div style='overflow-x:auto'>"
        "<table class='wllm-results' style='border-collapse:collapse;font-size:0.92em'>"
        f"<thead>{head}</thead><tbody>{''.join(rows)}</tbody></table></div>{note}"
    )


def download_link_html(content: str, file_name: str = CSV_FILE_NAME) -> str:
    """A link that downloads ``content`` as ``file_name`` (a ``data:`` URI: works offline)."""
    return (
        f"<a class='wllm-download' download='{html.escape(file_name, quote=True)}' "
        f"href='{csv_data_uri(content)}' "
        "style='display:inline-block;padding:6px 12px;background:#1a4d8f;color:white;"
        "border-radius:4px;"
        f"text-decoration:none;margin:4px 0'>{html.escape(t('summarizer.download'))}</a>"
    )
