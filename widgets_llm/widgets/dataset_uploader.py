"""DatasetUploader: from a user's file (or the bundled example, or a Hub dataset) to prepared pairs.

A thin view over :mod:`widgets_llm.engine.data`: the engine reads, detects the columns, cleans
and splits; this component only collects the user's choices and shows what the engine says.
"""

from __future__ import annotations

import html
import os
from dataclasses import fields
from pathlib import Path
from typing import Any, Callable

import ipywidgets as widgets
import traitlets

from ..engine import data
from ..errors import DataError
from ..messages import t
from ._common import (
    MessageArea,
    Status,
    _Component,
    help_text,
    push_state,
    section_title,
    uploaded_files,
)

#: Extensions the engine reads (``.csv``, ``.tsv``, ``.json``...), for the upload and the file
#: chooser.
SUPPORTED_EXTENSIONS: tuple[str, ...] = tuple(data.EXTENSION_FORMATS)

#: Longest cell text shown in the preview; longer cells end in «…».
PREVIEW_CELL_CHARS = 120

_TAB_UPLOAD, _TAB_SERVER, _TAB_EXAMPLE, _TAB_HUB = range(4)
_FULL_WIDTH = {"description_width": "initial"}


class DatasetUploader(_Component):
    """Choose a table of texts and summaries, check its columns, clean it and split it.

    Four ways in (one tab each): a file uploaded from the user's computer (what works in
    Google Colab), a file on the Jupyter server inside ``data_dir``, the bundled Spanish
    example in one click, or a Hugging Face Hub dataset id. After reading, the component shows
    the first rows, the text and summary columns the engine detected (with its reason and
    dropdowns to change them), the cleaning and split options and a «Preparar datos» button.
    Preparing shows the cleaning report and the size of each split.

    The user's files are only read, never changed: uploads stay in memory and server files
    are opened read-only by the engine.

    Parameters
    ----------
    data_dir:
        Folder of the Jupyter server whose files may be chosen (the file chooser cannot leave
        it). Defaults to the current folder.
    synchronous:
        Run reading and preparing in the calling thread (tests, scripts) instead of a
        background thread.
    preview_rows:
        Rows shown in the preview table.
    example:
        Name of the bundled example used by «Usar el ejemplo incluido».

    Attributes
    ----------
    dataset : PreparedData or None (trait, observable)
        The prepared data (``splits`` with train/validation/test, the cleaning ``report``...).
        ``None`` until «Preparar datos» succeeds, and again when a new source is read.
    status : str (trait, observable)
        ``"empty"``, ``"reading"``, ``"read"``, ``"preparing"``, ``"ready"`` or ``"error"``.
    table : RawTable or None
        The table as read (before cleaning).

    Events
    ------
    on_dataset_loaded(callback, remove=False)
        ``callback(prepared)`` after the data was prepared.
    """

    dataset = traitlets.Instance(data.PreparedData, allow_none=True).tag(sync=False)

    EVENTS = ("dataset_loaded",)
    FAILED_STATUS_KEY = "uploader.status.failed"

    def __init__(
        self,
        data_dir: str | os.PathLike | None = None,
        *,
        synchronous: bool = False,
        preview_rows: int = 5,
        example: str = "ejemplo_es",
        **kwargs: Any,
    ):
        # 1. Arguments
        super().__init__(synchronous=synchronous, **kwargs)
        self.status = Status.EMPTY
        folder = Path(data_dir if data_dir is not None else os.getcwd()).expanduser().resolve()
        if not folder.is_dir():
            raise DataError("uploader.data_dir_missing", path=str(folder))
        data.example_path(example)  # DataError for an unknown example name
        self.data_dir = folder
        self.preview_rows = max(1, int(preview_rows))
        self.example = example
        self._source: Any = None  # what load_pairs reads again when preparing
        self._table: data.RawTable | None = None
        self._detected: data.ColumnChoice | None = None
        self._updating_columns = False

        # 2. Children
        self._build_source_children()
        self._build_column_children()
        self._build_option_children()
        self._build_result_children()

        # 3. Events
        self._upload.observe(self._on_upload_value, names="value")
        self._chooser.register_callback(self._on_chooser_selected)
        self._example_button.on_click(self._on_example_button_click)
        self._hub_button.on_click(self._on_hub_button_click)
        self._text_column.observe(self._on_column_value, names="value")
        self._summary_column.observe(self._on_column_value, names="value")
        self._prepare_button.on_click(self._on_prepare_button_click)
        self._cancel_button.on_click(self._on_cancel_button_click)

        # 4. Layout
        self._table_box = widgets.VBox(
            [
                section_title(t("uploader.preview.title")),
                self._preview,
                section_title(t("uploader.columns.title")),
                help_text(t("uploader.columns.help")),
                widgets.HBox([self._text_column, self._summary_column]),
                self._column_reason,
                self._options,
                widgets.HBox([self._prepare_button]),
            ]
        )
        children = [
            section_title(t("uploader.title")),
            help_text(t("uploader.intro", formats=data.SUPPORTED_FORMATS_TEXT)),
            self._sources,
            widgets.HBox([self._status_line, self._cancel_button]),
            self._message,
            self._table_box,
            self._report,
            self._warnings,
        ]

        # 5. First render
        self._render_busy(False)
        self._show_table_controls(False)

        self.children = children

    # ------------------------------------------------------------------ children

    def _build_source_children(self) -> None:
        self._upload = widgets.FileUpload(
            accept=",".join(SUPPORTED_EXTENSIONS),
            multiple=False,
            description=t("uploader.upload.button"),
        )
        upload_panel = widgets.VBox([help_text(t("uploader.upload.help")), self._upload])

        from ipyfilechooser import FileChooser  # a widget-only dependency, loaded with the widget

        self._chooser = FileChooser(
            path=str(self.data_dir),
            sandbox_path=str(self.data_dir),
            filter_pattern=[f"*{extension}" for extension in SUPPORTED_EXTENSIONS],
            select_desc=t("uploader.server.select"),
            change_desc=t("uploader.server.change"),
            dir_icon="/",  # no emoji: it may render as a box offline
            dir_icon_append=True,
            show_hidden=False,
            layout=widgets.Layout(width="auto"),
        )
        server_panel = widgets.VBox(
            [help_text(t("uploader.server.help", folder=str(self.data_dir))), self._chooser]
        )

        self._example_button = widgets.Button(
            description=t("uploader.example.button"),
            button_style="primary",
            layout=widgets.Layout(width="auto"),
        )
        example_panel = widgets.VBox(
            [
                help_text(t("uploader.example.help", count=_example_rows(self.example))),
                self._example_button,
            ]
        )

        self._hub_id = widgets.Text(
            description=t("uploader.hub.label"),
            placeholder=t("uploader.hub.placeholder"),
            style=_FULL_WIDTH,
            layout=widgets.Layout(width="420px"),
        )
        self._hub_button = widgets.Button(
            description=t("uploader.hub.button"), layout=widgets.Layout(width="auto")
        )
        hub_panel = widgets.VBox(
            [help_text(t("uploader.hub.help")), widgets.HBox([self._hub_id, self._hub_button])]
        )

        self._sources = widgets.Tab(children=[upload_panel, server_panel, example_panel, hub_panel])
        for index, key in enumerate(("upload", "server", "example", "hub")):
            self._sources.set_title(index, t(f"uploader.tab.{key}"))
        self._cancel_button = widgets.Button(
            description=t("widgets.cancel"), layout=widgets.Layout(width="auto")
        )

    def _build_column_children(self) -> None:
        self._preview = widgets.HTML()
        self._text_column = widgets.Dropdown(
            description=t("uploader.columns.text"), options=[], style=_FULL_WIDTH
        )
        self._summary_column = widgets.Dropdown(
            description=t("uploader.columns.summary"), options=[], style=_FULL_WIDTH
        )
        self._column_reason = widgets.HTML()

    def _build_option_children(self) -> None:
        cleaning = data.CleaningOptions()
        split = data.SplitOptions()
        self._cleaning_inputs: dict[str, widgets.ValueWidget] = {}
        for flag in ("strip_html", "drop_duplicates", "normalize_unicode", "collapse_whitespace"):
            self._cleaning_inputs[flag] = widgets.Checkbox(
                value=getattr(cleaning, flag),
                description=t(f"uploader.cleaning.{flag}"),
                indent=False,
            )
        for count in ("min_text_words", "min_summary_words"):
            self._cleaning_inputs[count] = widgets.BoundedIntText(
                value=getattr(cleaning, count),
                min=0,
                max=100000,
                description=t(f"uploader.cleaning.{count}"),
                style=_FULL_WIDTH,
                layout=widgets.Layout(
                    width="auto", min_width="480px"
                ),  # room for the label and the number
            )
        for count in ("max_text_words", "max_summary_words"):
            default = getattr(cleaning, count)
            self._cleaning_inputs[count] = widgets.BoundedIntText(
                value=default or 0,
                min=0,
                max=1000000,
                description=t(f"uploader.cleaning.{count}"),
                style=_FULL_WIDTH,
                layout=widgets.Layout(
                    width="auto", min_width="480px"
                ),  # room for the label and the number
            )
        for choice, values in (
            ("on_too_long", ("truncate", "drop")),
            ("on_summary_not_shorter", ("drop", "flag")),
        ):
            self._cleaning_inputs[choice] = widgets.Dropdown(
                options=[(t(f"uploader.cleaning.{choice}.{value}"), value) for value in values],
                value=getattr(cleaning, choice),
                description=t(f"uploader.cleaning.{choice}"),
                style=_FULL_WIDTH,
                layout=widgets.Layout(
                    width="auto", min_width="520px"
                ),  # the label and the whole choice
            )
        unknown = set(self._cleaning_inputs) - {f.name for f in fields(data.CleaningOptions)}
        assert not unknown, f"inputs for options the engine does not have: {unknown}"
        cleaning_box = widgets.VBox(
            [help_text(t("uploader.cleaning.help")), *self._cleaning_inputs.values()]
        )

        self._validation_fraction = widgets.BoundedFloatText(
            value=split.validation_fraction,
            min=0.0,
            max=0.9,
            step=0.05,
            description=t("uploader.split.validation"),
            style=_FULL_WIDTH,
        )
        self._test_fraction = widgets.BoundedFloatText(
            value=split.test_fraction,
            min=0.0,
            max=0.9,
            step=0.05,
            description=t("uploader.split.test"),
            style=_FULL_WIDTH,
        )
        self._seed = widgets.IntText(
            value=split.seed, description=t("uploader.split.seed"), style=_FULL_WIDTH
        )
        split_box = widgets.VBox(
            [
                help_text(t("uploader.split.help")),
                self._validation_fraction,
                self._test_fraction,
                self._seed,
            ]
        )
        self._options = widgets.Accordion(children=[split_box, cleaning_box])
        self._options.set_title(0, t("uploader.split.title"))
        self._options.set_title(1, t("uploader.cleaning.title"))
        self._options.selected_index = None  # the defaults suit most data: start folded

    def _build_result_children(self) -> None:
        self._prepare_button = widgets.Button(
            description=t("uploader.prepare"),
            tooltip=t("uploader.prepare.tooltip"),
            button_style="success",
            layout=widgets.Layout(width="auto"),
        )
        self._report = widgets.HTML()
        self._warnings = MessageArea()

    # ------------------------------------------------------------------ public API

    def on_dataset_loaded(
        self, callback: Callable[[data.PreparedData], Any], remove: bool = False
    ) -> None:
        """Register ``callback(prepared)``, called each time the data has been prepared."""
        self._register("dataset_loaded", callback, remove)

    @property
    def table(self) -> data.RawTable | None:
        """The table as read (before cleaning), or ``None``."""
        return self._table

    def load(self, source: Any, *, prepare: bool = False) -> None:
        """Read a source as the tabs do: a path, an example name, a Hub id or ``(name, bytes)``.

        With ``prepare=True`` the data is also cleaned and split with the current options.
        """
        name = source[0] if isinstance(source, tuple) else str(source)
        self._read(source, name, reader=lambda: data.read_table(source), then_prepare=prepare)

    def prepare(self) -> None:
        """Clean and split the table read, with the options shown (as «Preparar datos» does)."""
        self._on_prepare_button_click(None)

    def cancel(self) -> None:
        """Stop waiting for the current reading or preparing; its result is ignored."""
        self.cancel_work(status=Status.READ if self._table is not None else Status.EMPTY)

    # ------------------------------------------------------------------ handlers: sources

    def _on_upload_value(self, change: dict) -> None:
        files = uploaded_files(change.get("new"))
        if not files:
            return
        name, content = files[0]
        source = (name, content)  # kept in memory only; never written anywhere
        self._read(source, name, reader=lambda: data.read_table(source))

    def _on_chooser_selected(self, chooser: Any) -> None:
        selected = getattr(chooser, "selected", None)
        try:
            path = self._checked_server_path(selected)
        except DataError as error:
            self._show_error(error)
            return
        self._read(str(path), path.name, reader=lambda: data.read_table(str(path)))

    def _checked_server_path(self, selected: str | None) -> Path:
        """The chosen file, refused when it is missing or (through a link) outside ``data_dir``."""
        if not selected:
            raise DataError("uploader.server.not_a_file")
        path = Path(selected).expanduser()
        resolved = path.resolve()
        if resolved != self.data_dir and self.data_dir not in resolved.parents:
            raise DataError("uploader.server.outside", path=str(path), folder=str(self.data_dir))
        if not resolved.is_file():
            raise DataError("uploader.server.not_a_file")
        return path

    def _on_example_button_click(self, _button: Any) -> None:
        # One click: the example is known to be clean, so it is read and prepared at once.
        self._read(
            self.example,
            self.example,
            reader=lambda: data.read_table(self.example),
            then_prepare=True,
        )

    def _on_hub_button_click(self, _widget: Any) -> None:
        dataset_id = self._hub_id.value.strip()
        if not dataset_id:
            self._show_error(DataError("uploader.hub.empty"))
            return
        self._read(dataset_id, dataset_id, reader=lambda: data.read_hub(dataset_id))

    # ------------------------------------------------------------------ reading

    def _read(
        self,
        source: Any,
        name: str,
        reader: Callable[[], data.RawTable],
        then_prepare: bool = False,
    ) -> None:
        def work(
            should_stop: Callable[[], bool],
        ) -> tuple[data.RawTable, data.ColumnChoice | None, BaseException | None]:
            table = reader()
            try:
                choice = data.detect_columns(table.frame)
            except DataError as error:  # the table is still worth showing: the user can choose
                return table, None, error
            return table, choice, None

        def done(result: tuple) -> None:
            table, choice, column_error = result
            self._show_read_table(source, table, choice, column_error)
            if then_prepare and column_error is None:
                self._on_prepare_button_click(None)

        self._message.clear()
        self.run_in_background(
            work, done, status=Status.READING, message=t("uploader.status.reading", name=name)
        )

    def _show_read_table(
        self,
        source: Any,
        table: data.RawTable,
        choice: data.ColumnChoice | None,
        column_error: BaseException | None,
    ) -> None:
        self._source, self._table, self._detected = source, table, choice
        self.dataset = None  # a new source: the old prepared data no longer matches what is shown
        info = table.info
        self._status_line.value = html.escape(
            t(
                "uploader.status.read",
                name=info.source_name,
                rows=len(table.frame),
                columns=len(table.frame.columns),
                format=info.format.upper(),
            )
        )
        self._report.value = ""
        self._warnings.show_warnings(list(table.warnings))
        self._set_column_options(table, choice)
        if column_error is not None:
            self._show_error(column_error)
        self._render_preview()
        self._show_table_controls(True)
        self.status = Status.READ
        push_state(self._status_line)

    def _set_column_options(self, table: data.RawTable, choice: data.ColumnChoice | None) -> None:
        textual = data.text_columns(table.frame) or [str(c) for c in table.frame.columns]
        options = [(name, name) for name in textual]
        text = choice.text if choice else textual[0]
        summary = choice.summary if choice else textual[min(1, len(textual) - 1)]
        self._updating_columns = True
        try:
            for dropdown, value in ((self._text_column, text), (self._summary_column, summary)):
                dropdown.options = options
                dropdown.value = value
        finally:
            self._updating_columns = False
        self._column_reason.value = self._reason_html(choice.describe() if choice else "")
        self._prepare_button.disabled = choice is None and len(textual) < 2
        push_state(self._text_column)
        push_state(self._summary_column)

    # ------------------------------------------------------------------ handlers: columns

    def _on_column_value(self, change: dict) -> None:
        if self._updating_columns or self._table is None:
            return
        self._message.clear()
        try:
            choice = self._current_choice()
        except DataError as error:
            self._column_reason.value = ""
            self._prepare_button.disabled = True
            self._show_error(error)
        else:
            self._column_reason.value = self._reason_html(choice.describe())
            self._prepare_button.disabled = False
        self._render_preview()

    def _current_choice(self) -> data.ColumnChoice:
        """The columns in the dropdowns, checked by the engine (the detected choice when
        unchanged)."""
        text, summary = self._text_column.value, self._summary_column.value
        detected = self._detected
        if detected is not None and (text, summary) == (detected.text, detected.summary):
            return detected
        return data.detect_columns(self._table.frame, text_column=text, summary_column=summary)

    # ------------------------------------------------------------------ preparing

    def _on_prepare_button_click(self, _button: Any) -> None:
        self._message.clear()
        if self._table is None:
            self._show_error(DataError("uploader.nothing_read"))
            return
        try:
            self._current_choice()
            cleaning = self._cleaning_options()
            split = data.SplitOptions(
                validation_fraction=float(self._validation_fraction.value),
                test_fraction=float(self._test_fraction.value),
                seed=int(self._seed.value),
            )
        except Exception as error:  # ConfigError/DataError with a message for the user
            self._show_error(error)
            return
        # The table already read is cleaned and split again; unchanged columns keep the
        # engine's detection (its reason and warnings).
        overrides = self._column_overrides()
        table = self._table

        def work(should_stop: Callable[[], bool]) -> data.PreparedData:
            choice = data.detect_columns(table.frame, **overrides)
            return data.prepare(table, choice, cleaning, split)

        self.run_in_background(
            work,
            self._show_prepared,
            status=Status.PREPARING,
            message=t("uploader.status.preparing"),
        )

    def _column_overrides(self) -> dict[str, str]:
        text, summary = self._text_column.value, self._summary_column.value
        detected = self._detected
        if detected is not None and (text, summary) == (detected.text, detected.summary):
            return {}
        return {"text_column": text, "summary_column": summary}

    def _cleaning_options(self) -> data.CleaningOptions:
        values = {name: widget.value for name, widget in self._cleaning_inputs.items()}
        for name in ("max_text_words", "max_summary_words"):
            values[name] = int(values[name]) or None  # 0 in the box means «no limit»
        for name in ("min_text_words", "min_summary_words"):
            values[name] = int(values[name])
        return data.CleaningOptions(**values)

    def _show_prepared(self, prepared: data.PreparedData) -> None:
        # What was read stays on the line: «Datos listos» alone would replace it before it is read.
        read = ""
        if self._table is not None:
            info = self._table.info
            read = (
                t(
                    "uploader.status.read",
                    name=info.source_name,
                    rows=len(self._table.frame),
                    columns=len(self._table.frame.columns),
                    format=info.format.upper(),
                )
                + " "
            )
        self._status_line.value = html.escape(read + t("uploader.status.ready"))
        self._report.value = _report_html(prepared)
        self._warnings.show_warnings(list(prepared.warnings))
        self.dataset = prepared
        self.status = Status.READY
        for child in (self._status_line, self._report, self._warnings):
            push_state(child)
        self._emit("dataset_loaded", prepared)

    # ------------------------------------------------------------------ background work

    # Reading and preparing run in run_in_background: newer work supersedes older. When it
    # fails, _fail (the base's) shows the error and FAILED_STATUS_KEY; whatever was read before
    # stays usable: the user can fix a choice and try again.

    def _render_busy(self, busy: bool) -> None:
        self._cancel_button.layout.display = None if busy else "none"
        self._prepare_button.disabled = busy or self._table is None
        push_state(self._cancel_button)
        push_state(self._prepare_button)

    def _on_cancel_button_click(self, _button: Any) -> None:
        self.cancel()

    # ------------------------------------------------------------------ rendering

    def _show_table_controls(self, visible: bool) -> None:
        self._table_box.layout.display = None if visible else "none"
        push_state(self._table_box)

    def _render_preview(self) -> None:
        if self._table is None:
            self._preview.value = ""
            return
        highlighted = {self._text_column.value, self._summary_column.value}
        self._preview.value = preview_html(self._table.frame, self.preview_rows, highlighted)
        push_state(self._preview)

    @staticmethod
    def _reason_html(reason: str) -> str:
        return (
            f"<div style='color:#1a4d8f;margin:2px 0 6px'>{html.escape(reason)}</div>"
            if reason
            else ""
        )


# ---------------------------------------------------------------------- pure rendering helpers


def shorten(value: Any, limit: int = PREVIEW_CELL_CHARS) -> str:
    """A cell as one line of at most ``limit`` characters (longer ones end in «…»)."""
    text = "" if value is None else " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def preview_html(frame: Any, rows: int, highlighted: set[str] | None = None) -> str:
    """The first ``rows`` rows of a table as an escaped HTML table; chosen columns highlighted."""
    highlighted = highlighted or set()
    columns = [str(c) for c in frame.columns]
    head = frame.head(rows)

    def style(column: str, header: bool = False) -> str:
        base = (
            "border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top;"
            "max-width:360px"
        )
        if column in highlighted:
            base += ";background:#e8f0fe"
        return base + (";font-weight:bold" if header else "")

    header = "".join(f"<th style='{style(c, True)}'>{html.escape(c)}</th>" for c in columns)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td style='{style(c)}'>{html.escape(shorten(v))}</td>" for c, v in zip(columns, row)
        )
        + "</tr>"
        for row in head.itertuples(index=False, name=None)
    )
    note = html.escape(t("uploader.preview.shown", shown=len(head), rows=len(frame)))
    return (
        "<div style='overflow-x:auto'><table style='border-collapse:collapse;font-size:0.9em'>"
        f"<thead><tr>{header}</tr></thead><tbody>{body}</tbody></table></div>"
        f"<div style='color:#555;font-size:0.85em'>{note}</div>"
    )


def _count_table(title: str, rows: list[tuple[str, int]]) -> str:
    cell = "border:1px solid #ddd;padding:2px 8px;text-align:left"
    body = "".join(
        f"<tr><td style='{cell}'>{html.escape(label)}</td><td style='{cell}'>{count}</td></tr>"
        for label, count in rows
    )
    return (
        f"<b>{html.escape(title)}</b><table style='border-collapse:collapse;margin:2px 0 8px'>"
        f"<thead><tr><th style='{cell}'>{html.escape(t('uploader.report.reason'))}</th>"
        f"<th style='{cell}'>{html.escape(t('uploader.report.rows'))}</th></tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def _report_html(prepared: data.PreparedData) -> str:
    """The cleaning report (rows in and kept, counts per reason) and the split sizes."""
    report = prepared.report
    dropped = [(t(f"data.reason.{key}"), count) for key, count in report.counts.items() if count]
    flagged = [(t(f"data.reason.{key}"), count) for key, count in report.flagged.items() if count]
    parts = [
        f"<h3 style='margin:6px 0'>{html.escape(t('uploader.report.title'))}</h3>",
        f"<p>{html.escape(report.summary())}</p>",
    ]
    if dropped:
        parts.append(_count_table(t("uploader.report.dropped_title"), dropped))
    if flagged:
        parts.append(_count_table(t("uploader.report.flagged_title"), flagged))
    if not dropped and not flagged:
        parts.append(f"<p>{html.escape(t('uploader.report.nothing_changed'))}</p>")
    parts.append(
        f"<b>{html.escape(t('uploader.report.split_title'))}</b><p>{html.escape(prepared.split_summary())}</p>"
    )
    return "".join(parts)


def _example_rows(name: str) -> int:
    """Pairs in a bundled example (JSON Lines: one per non-empty line), for its description."""
    try:
        with open(data.example_path(name), encoding="utf-8") as handle:
            return sum(1 for line in handle if line.strip())
    except OSError:
        return 0
