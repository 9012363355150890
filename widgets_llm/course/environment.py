"""The first cells of every notebook: where it runs, what is installed, the connection, the
processor.

:func:`prepare_notebook` quiets the libraries' progress bars (and, in Google Colab, enables
the widget manager); :func:`check_environment` reports Python, the libraries, the connection
to the Hugging Face Hub and the GPU or CPU as an :class:`EnvironmentReport`.
"""

from __future__ import annotations

import importlib.metadata
import os
import platform
import re
import sys
from dataclasses import dataclass, field
from typing import Any, Sequence

from ..messages import t
from ._common import Message, _number


#: Libraries the notebooks need (distribution names, looked up without importing them).
LIBRARIES: tuple[str, ...] = (
    "torch",
    "transformers",
    "datasets",
    "tokenizers",
    "peft",
    "evaluate",
    "accelerate",
    "huggingface_hub",
    "rouge_score",
    "ipywidgets",
    "bqplot",
    "ipyfilechooser",
)


def in_colab() -> bool:
    """True inside Google Colab."""
    return "google.colab" in sys.modules


def in_binder() -> bool:
    """True inside a Binder session (mybinder.org sets ``BINDER_*`` variables)."""
    return any(name.startswith("BINDER_") for name in os.environ)


#: Environment variables that switch off the libraries' text progress bars (read at import).
PROGRESS_BAR_VARIABLES = ("HF_HUB_DISABLE_PROGRESS_BARS", "HF_DATASETS_DISABLE_PROGRESS_BARS")


def quiet_progress_bars() -> None:
    """Hide the libraries' own progress bars («Map», «Loading weights»...) in the notebooks.

    The course's widgets show progress in plain words; the bars only add noise for a beginner.
    A variable the user already set is respected.
    """
    for variable in PROGRESS_BAR_VARIABLES:
        os.environ.setdefault(variable, "1")
    # Libraries imported before this call read the variables already: tell them directly.
    if "datasets" in sys.modules and os.environ["HF_DATASETS_DISABLE_PROGRESS_BARS"] == "1":
        sys.modules["datasets"].disable_progress_bars()
    if "transformers" in sys.modules and os.environ["HF_HUB_DISABLE_PROGRESS_BARS"] == "1":
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()


#: Names a learner's cell uses that earlier cells create: a NameError for one of them means the
#: cells ran out of order, not a missing pair of quotes.
NOTEBOOK_NAMES = ("course", "engine", "respuesta", "datos", "bundle")


def _cell_source(shell: Any, tb: Any) -> str:
    """The source of the cell that raised: from the traceback's cell frame (a cell runs as
    module-level code, and IPython keeps its source in ``linecache``), else the last input of
    the history."""
    import linecache

    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_name == "<module>":
            lines = linecache.getlines(code.co_filename)
            if lines:
                return "".join(lines)
        tb = tb.tb_next
    history = getattr(shell, "user_ns", {}).get("_ih") or [""]
    return str(history[-1])


def _missing_name(value: BaseException) -> str:
    name = getattr(value, "name", None)  # Python 3.10+
    if name:
        return str(name)
    found = re.search(r"name '([^']+)' is not defined", str(value))
    return found.group(1) if found else "?"


def answer_help(shell: Any, etype: type, value: BaseException, tb: Any, tb_offset=None):
    """IPython custom exception handler: a kind explanation for a NameError in an answer cell.

    ``respuesta = b`` (an answer typed without quotes) raises NameError before
    :func:`~widgets_llm.course.check_answer` can run. In a cell that calls ``check_answer``,
    the learner sees a short note about quotes instead of a traceback (or, when the missing
    name is one an earlier cell creates, a note to run the cells in order). Every other error
    shows its usual traceback.
    """
    source = _cell_source(shell, tb)
    if issubclass(etype, NameError) and "check_answer" in source:
        name = _missing_name(value)
        key = (
            "course.answer.run_cells_first"
            if name in NOTEBOOK_NAMES
            else "course.answer.without_quotes"
        )
        print(t(key, name=name))
        return None
    shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
    return None


def install_answer_help(shell: Any) -> None:
    """Register :func:`answer_help` for NameError in an IPython shell (once is enough)."""
    shell.set_custom_exc((NameError,), answer_help)


def _ipython_shell() -> Any:
    # Only when IPython is already running this code: importing it here would slow down
    # scripts and tests that never show a notebook.
    ipython = sys.modules.get("IPython")
    return ipython.get_ipython() if ipython is not None else None


def prepare_notebook() -> Message:
    """Get the notebook ready: quiet progress bars, help with answers and, in Google Colab,
    draw widgets.

    In IPython (Jupyter, Colab), an answer typed without quotes (``respuesta = b``) gets a kind
    explanation instead of a NameError traceback (:func:`answer_help`). In Colab, the custom
    widget manager is enabled so that charts (bqplot) show. Installing what Colab lacks is done
    by the notebook's first cell (``%pip install``), before this package can be imported.
    """
    quiet_progress_bars()
    shell = _ipython_shell()
    if shell is not None:
        install_answer_help(shell)
    if not in_colab():
        return Message(t("course.prepare.elsewhere"))
    from ..widgets._common import enable_colab_widgets  # only in Colab, where widgets are wanted

    enable_colab_widgets()
    return Message(t("course.prepare.colab"))


def library_versions(names: Sequence[str] = LIBRARIES) -> dict[str, str | None]:
    """``{library: installed version}`` (``None`` when missing), without importing any of them."""
    versions: dict[str, str | None] = {}
    for name in names:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def _hub_switched_off() -> bool:
    return any(
        os.environ.get(variable, "").strip().upper() in ("1", "ON", "YES", "TRUE")
        for variable in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")
    )


def connection_state(check: bool = True, timeout: float = 2.0) -> str:
    """``"offline_mode"`` (switched off on purpose), ``"online"``, ``"offline"`` or
    ``"unchecked"``."""
    if _hub_switched_off():
        return "offline_mode"
    if not check:
        return "unchecked"
    from ..engine.models import hub_reachable

    return "online" if hub_reachable(timeout) else "offline"


@dataclass
class EnvironmentReport:
    """What the notebook runs on: place, Python, libraries, connection and processor.

    Attributes
    ----------
    place : str
        ``"colab"``, ``"binder"`` or ``"local"``.
    python : str
        Python's version.
    libraries : dict
        ``{library: version or None when missing}``.
    widgets_llm : str
        This package's version.
    connection : str
        See :func:`connection_state`.
    device : str
        ``"cuda"``, ``"mps"``, ``"cpu"`` or ``"unknown"``.
    device_name : str
        The GPU's or CPU's name.
    memory_gb : float or None
        GPU memory (with a GPU) or free system memory (on CPU).
    """

    place: str
    python: str
    libraries: dict[str, str | None]
    widgets_llm: str
    connection: str
    device: str
    device_name: str = ""
    memory_gb: float | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def missing(self) -> list[str]:
        """Libraries that are not installed."""
        return [name for name, version in self.libraries.items() if version is None]

    @property
    def ready(self) -> bool:
        """Whether everything the course needs is in place."""
        return not self.missing and not self.problems

    def text(self, lang: str | None = None) -> str:
        """The report as a few plain lines in the user's language."""
        lines = [
            t("course.env.title", lang),
            t("course.env.place", lang, place=t(f"course.env.place.{self.place}", lang)),
            t("course.env.python", lang, version=self.python),
            t("course.env.libraries", lang),
        ]
        lines += [
            t(
                "course.env.library",
                lang,
                name=name,
                version=version or t("course.env.library_missing", lang),
            )
            for name, version in [*self.libraries.items(), ("widgets_llm", self.widgets_llm)]
        ]
        lines.append(
            t(
                "course.env.connection",
                lang,
                state=t(f"course.env.connection.{self.connection}", lang),
            )
        )
        memory = (
            f"{_number(self.memory_gb, 1, lang)} GB"
            if self.memory_gb is not None
            else t("course.env.memory_unknown", lang)
        )
        lines.append(
            t(f"course.env.device.{self.device}", lang, name=self.device_name, memory=memory)
        )
        lines += self.problems
        if self.missing:
            names = " ".join(self.missing)
            lines.append(t("course.env.missing", lang, names=", ".join(self.missing)))
            lines.append(t("course.env.missing.suggestion", lang, names=names))
        elif not self.problems:
            lines.append(t("course.env.ready", lang))
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text()

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self.text())


def _widget_problems(versions: dict[str, str | None]) -> list[str]:
    """bqplot 0.13 draws nothing under ipywidgets 7 (Google Colab's version)."""
    widgets_version, bqplot_version = versions.get("ipywidgets"), versions.get("bqplot")
    if not widgets_version or not bqplot_version:
        return []
    major = _leading_ints(widgets_version)
    bqplot_parts = _leading_ints(bqplot_version)
    if major[:1] == (7,) and bqplot_parts[:2] >= (0, 13):
        return [
            t("course.env.bqplot_too_new", bqplot=bqplot_version, ipywidgets=widgets_version),
            t("course.env.bqplot_too_new.suggestion"),
        ]
    return []


def _leading_ints(version: str) -> tuple[int, ...]:
    parts = []
    for part in version.split("."):
        digits = re.match(r"\d+", part)
        if not digits:
            break
        parts.append(int(digits.group()))
    return tuple(parts)


def check_environment(check_connection: bool = True, timeout: float = 2.0) -> EnvironmentReport:
    """Report library versions, the connection to the Hub and the processor (GPU or CPU).

    Parameters
    ----------
    check_connection:
        Try to reach the Hugging Face Hub (for at most ``timeout`` seconds). Skipped when
        ``HF_HUB_OFFLINE=1`` says there is no connection on purpose.
    timeout:
        Seconds to wait for the Hub.

    Returns
    -------
    EnvironmentReport
        Shown as a few plain lines when it is a cell's last value.
    """
    from .. import __version__

    versions = library_versions()
    device, name, memory = "unknown", "", None
    if versions.get("torch"):
        from ..engine.hardware import detect_hardware

        hardware = detect_hardware()
        device, name, memory = hardware.device, hardware.name, hardware.memory_gb
    place = "colab" if in_colab() else "binder" if in_binder() else "local"
    return EnvironmentReport(
        place=place,
        python=platform.python_version(),
        libraries=versions,
        widgets_llm=__version__,
        connection=connection_state(check_connection, timeout),
        device=device,
        device_name=name,
        memory_gb=memory,
        problems=_widget_problems(versions),
    )
