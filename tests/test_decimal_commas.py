"""The charts' axes get decimal commas in Spanish wherever a component is shown: each chart
component carries the DecimalCommas widget (its browser side is exercised in Voilà by
tests/test_browser_studio.py, which checks the ticks of the studio's charts)."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("anywidget")

from widgets_llm.widgets.decimal_commas import DecimalCommas  # noqa: E402
from widgets_llm.widgets.experiment_board import ExperimentBoard  # noqa: E402
from widgets_llm.widgets.token_visualizer import TokenVisualizer  # noqa: E402
from widgets_llm.widgets.training_chart import TrainingChart  # noqa: E402


pytestmark = pytest.mark.usefixtures("spanish")


@pytest.mark.parametrize(
    "make",
    [TrainingChart, TokenVisualizer, lambda: ExperimentBoard("/nonexistent/runs")],
    ids=["training_chart", "token_visualizer", "experiment_board"],
)
def test_every_component_with_a_chart_carries_the_widget(make):
    component = make()
    assert "wllm-lang-es" in component._dom_classes
    carried = [child for child in component.children if isinstance(child, DecimalCommas)]
    assert len(carried) == 1 and carried[0].layout.display == "none"  # nothing to see


def test_the_browser_side_rewrites_only_plain_decimal_ticks_of_spanish_components():
    esm = DecimalCommas()._esm
    assert "export default { render }" in esm
    assert ".wllm-lang-es .bqplot .tick text" in esm
    assert "http" not in esm and "import " not in esm  # nothing fetched from anywhere
    pattern = re.search(r"const DECIMAL = /(.+)/;", esm).group(1).replace("\\u2212", "\u2212")
    decimal = re.compile(pattern)
    for tick in ("0.5", "-1.25", "\u22120.5", "4.5e-4", "12.0"):
        assert decimal.match(tick), tick
    for tick in ("5", "1,5", "1.000.000", "paso 1.5", "1.5 GB", ""):
        assert not decimal.match(tick), tick
