"""The Voilà template of the dashboards: Voilà's "lab" look, with nothing fetched from other hosts.

Voilà's own "lab" template links Font Awesome's stylesheets from a CDN: every page opened would
tell that host about it (and offline the request fails). The ``widgets_llm`` template, shipped
in this package under ``jupyter/voila/templates/widgets_llm``, is the same page without those
links. Voilà finds it through ``JUPYTER_PATH`` (``make app``, the tests) or in the user's
Jupyter data folder (Binder's ``postBuild`` copies it there).
"""

from __future__ import annotations

import os
from pathlib import Path

#: The template's name (``--template`` / ``VoilaConfiguration.template`` in ``voila.json``).
TEMPLATE_NAME = "widgets_llm"


def jupyter_data_dir() -> Path:
    """The folder to add to ``JUPYTER_PATH`` so that Voilà finds the template."""
    return Path(__file__).resolve().parent / "jupyter"


def jupyter_path_with_template(current: str | None = None) -> str:
    """``JUPYTER_PATH`` with the template's folder first (``current``: the variable's value)."""
    return os.pathsep.join(filter(None, [str(jupyter_data_dir()), current]))
