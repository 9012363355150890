"""RecipeExport: «Repetir fuera del estudio», a training's recipe to download and the commands
that repeat it in a terminal, with one process or all the GPUs of a machine.

A thin view over :mod:`widgets_llm.engine.recipe`: the recipe's text and its warnings (paths
that will not exist on another computer) come from :meth:`Recipe.yaml_text`.
"""

from __future__ import annotations

import base64
import html
import os
import sys
from pathlib import Path
from typing import Any, Callable

import ipywidgets as widgets
import traitlets

from ..engine.recipe import RECIPE_FILE, Recipe
from ..messages import t
from ._common import MessageArea, Status, _Component, help_text, push_state, section_title

#: The commands, in the order shown: (message key of the explanation, command with {file} and {n}).
COMMANDS = (
    ("recipe_export.command.single", "widgets-llm train --config {file}"),
    (
        "recipe_export.command.torchrun",
        "torchrun --nproc_per_node {n} -m widgets_llm train --config {file}",
    ),
    (
        "recipe_export.command.accelerate",
        "accelerate launch --num_processes {n} -m widgets_llm train --config {file}",
    ),
)


_PRE_STYLE = "max-height:320px;overflow:auto;background:#f6f8fa;padding:6px"
_CODE_STYLE = "user-select:all;background:#f6f8fa;padding:2px 6px;display:inline-block"
_NOTE_STYLE = "color:#555;font-size:0.9em"
#: As the run manager's zip download.
_LINK_STYLE = (
    "display:inline-block;padding:4px 10px;background:#1a4d8f;color:white;"
    "border-radius:4px;text-decoration:none"
)


def visible_gpus() -> int | None:
    """GPUs of this machine when torch is already loaded (a trained model loaded it); None
    otherwise: loading torch only to count them would slow the page down."""
    torch = sys.modules.get("torch")
    if torch is None:
        return None
    try:
        return int(torch.cuda.device_count()) if torch.cuda.is_available() else None
    except Exception:  # a broken CUDA setup: say N and let the person count
        return None


class RecipeExport(_Component):
    """The recipe of a training, to download or save, and the commands that repeat it.

    Shows a download link of ``recipe.yaml`` (a data: link, as the run manager's zip), the
    warnings about paths that will not exist on another computer, the recipe itself (folded),
    «Guardar la receta en el servidor», and three commands to copy, each with one sentence:
    one process; every GPU of one machine with ``torchrun``; the same with ``accelerate``.

    Parameters
    ----------
    recipe:
        The :class:`~widgets_llm.engine.recipe.Recipe` (``None``: nothing to export yet).
    folder:
        The folder the recipe is meant to live in: its paths are written relative to it, and
        «Guardar» writes ``recipe.yaml`` there.
    processes:
        The N of the multi-process commands; default: this machine's GPUs when known,
        otherwise ``N`` with a sentence saying what to put.
    synchronous:
        Accepted as every component does (nothing here runs in the background).

    Attributes
    ----------
    recipe : Recipe or None (trait, observable)
    folder : str (trait, observable)
    text : str
        The recipe file's text as offered for download ("" without a recipe).
    warnings : list of str
        The paths flagged in it.
    commands : list of (explanation, command)
        The commands shown.

    Events
    ------
    on_recipe_saved(callback, remove=False)
        ``callback(path)`` after «Guardar la receta en el servidor».
    """

    recipe = traitlets.Instance(Recipe, allow_none=True).tag(sync=False)
    folder = traitlets.Unicode(".").tag(sync=False)

    EVENTS = ("recipe_saved",)

    def __init__(
        self,
        recipe: Recipe | None = None,
        *,
        folder: str | os.PathLike = ".",
        processes: int | None = None,
        file_name: str = RECIPE_FILE,
        synchronous: bool = False,
        **kwargs: Any,
    ):
        # 1. Arguments
        super().__init__(synchronous=synchronous, **kwargs)
        self.file_name = file_name
        self.processes = processes if processes is not None else visible_gpus()
        self.text = ""
        self.warnings: list[str] = []

        # 2. Children
        self._empty = help_text(t("recipe_export.empty"))
        self._download = widgets.HTML()
        self._save_button = widgets.Button(
            description=t("recipe_export.save"),
            tooltip=t("recipe_export.save.tooltip"),
            icon="save",
            layout=widgets.Layout(width="auto"),
        )
        self._flags = MessageArea()
        self._preview = widgets.HTML()
        self._commands = widgets.HTML()
        self._recipe_box = widgets.VBox(
            [
                self._download,
                self._flags,
                widgets.HBox([self._save_button]),
                self._status_line,
                self._message,
                self._preview,
            ]
        )

        # 3. Events
        self._save_button.on_click(self._on_save_button_click)
        self.observe(self._on_recipe_change, names=["recipe", "folder"])

        # 4. Layout
        children = [
            section_title(t("recipe_export.title")),
            help_text(t("recipe_export.intro")),
            self._empty,
            self._recipe_box,
            self._commands,
        ]

        # 5. First render
        self.children = children
        self._render_commands()
        with self.hold_trait_notifications():
            self.folder = str(Path(folder).expanduser().absolute())
            self.recipe = recipe
        self._render()

    # ------------------------------------------------------------------ public

    def on_recipe_saved(self, callback: Callable[[Path], Any], remove: bool = False) -> None:
        """Register ``callback(path)``, called after the recipe was saved on the server."""
        self._register("recipe_saved", callback, remove)

    @property
    def commands(self) -> list[tuple[str, str]]:
        """(explanation, command) of each command shown."""
        n = str(self.processes) if self.processes else "N"
        return [(t(key), command.format(file=self.file_name, n=n)) for key, command in COMMANDS]

    def save(self) -> Path | None:
        """Write the recipe into ``folder`` (as «Guardar la receta en el servidor» does)."""
        self._message.clear()
        if self.recipe is None:
            return None
        path = Path(self.folder) / self.file_name
        try:
            self.recipe.to_yaml(path)
        except OSError as error:
            self._show_error(error)
            self.status = Status.ERROR
            return None
        self._show_status(t("recipe_export.saved", path=str(path)), Status.SAVED)
        self._emit("recipe_saved", path)
        return path

    # ------------------------------------------------------------------ handlers

    def _on_save_button_click(self, _button: Any) -> None:
        self.save()

    def _on_recipe_change(self, _change: dict) -> None:
        self._render()

    # ------------------------------------------------------------------ rendering

    def _render(self) -> None:
        recipe = self.recipe
        self._status_line.value = ""
        self._message.clear()
        if recipe is None:
            self.text, self.warnings = "", []
            self._empty.layout.display = None
            self._recipe_box.layout.display = "none"
            self.status = Status.EMPTY
        else:
            self.text, self.warnings = recipe.yaml_text(self.folder, self.file_name)
            self._empty.layout.display = "none"
            self._recipe_box.layout.display = None
            self._download.value = download_html(self.text, self.file_name, self.folder)
            self._flags.show_warnings(self.warnings)
            summary = html.escape(t("recipe_export.show"))
            self._preview.value = (
                f"<details><summary style='cursor:pointer'>{summary}</summary>"
                f"<pre style='{_PRE_STYLE}'>{html.escape(self.text)}</pre></details>"
            )
            self.status = Status.READY
        for child in (
            self._empty,
            self._recipe_box,
            self._download,
            self._flags,
            self._preview,
            self._status_line,
        ):
            push_state(child)

    def _render_commands(self) -> None:
        rows = []
        for explanation, command in self.commands:
            code = f"<code class='wllm-command' style='{_CODE_STYLE}'>{html.escape(command)}</code>"
            rows.append(f"<li style='margin:4px 0'>{html.escape(explanation)}<br>{code}</li>")
        note = ""
        if not self.processes:  # N stays in the commands: say what to put
            unknown = html.escape(t("recipe_export.processes_unknown"))
            note = f"<div style='{_NOTE_STYLE}'>{unknown}</div>"
        self._commands.value = (
            f"<div><b>{html.escape(t('recipe_export.commands.title'))}</b>"
            f"<ul style='margin:4px 0;padding-left:20px'>{''.join(rows)}</ul>{note}</div>"
        )
        push_state(self._commands)


def download_html(text: str, file_name: str, folder: str) -> str:
    """A download link of the recipe's text (a base64 data URL) and where its paths start."""
    encoded = base64.b64encode(text.encode("utf-8")).decode("ascii")
    label = html.escape(t("recipe_export.download", file=file_name))
    note = html.escape(t("recipe_export.folder", folder="{folder}")).replace(
        "{folder}", f"<code>{html.escape(folder)}</code>"
    )
    name = html.escape(file_name, quote=True)
    return (
        f"<div><a download='{name}' href='data:text/yaml;charset=utf-8;base64,{encoded}' "
        f"style='{_LINK_STYLE}'>{label}</a>"
        f"<div style='{_NOTE_STYLE};margin-top:4px'>{note}</div></div>"
    )
