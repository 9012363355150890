"""Every component, served by Voilà and drawn by a real (headless) Chromium.

The page ``tests/pages/componentes.ipynb`` builds the nine components with realistic state
(the bundled example, the offline "mini" model, a training run of a few steps). This test
opens it in the browser and checks that each component is drawn and visible, that the bqplot
charts produced their SVG, and that neither the JavaScript console nor the page shows an error.
A full-page screenshot is left in ``test-artifacts/componentes.png``.
"""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

PAGE = "tests/pages/componentes.ipynb"
#: The page's first heading (a Markdown cell).
PAGE_TITLE = "Todos los componentes en una página"

#: ``wllm-component-<name>`` boxes of the page, in page order.
COMPONENTS = [
    "dataset-uploader",
    "model-picker",
    "token-visualizer",
    "hyperparameter-panel",
    "training-chart",
    "summary-diff-viewer",
    "generation-playground",
    "run-manager",
    "experiment-board",
]

#: Voilà runs the whole notebook before it sends the page (about 10-30 s on 2 cores).
PAGE_LOAD_TIMEOUT_MS = 150_000
#: Widgets are drawn in the browser after the page arrived.
RENDER_TIMEOUT_MS = 60_000

#: Texts that only appear when a cell of the page failed (``--show_tracebacks=True`` makes
#: Voilà print the traceback; without it, it prints the second text).
FAILURE_TEXTS = ["Traceback", "There was an error when executing cell"]


def assert_no_failure_text(page) -> None:
    text = page.inner_text("body")
    for failure in FAILURE_TEXTS:
        where = text.find(failure)
        assert where < 0, f"the page shows {failure!r}:\n{text[max(0, where - 200) : where + 3000]}"


def test_every_component_is_drawn_without_errors(voila_server, browser_page, tmp_path, monkeypatch):
    # The page writes its training run here (the server's environment reaches the kernel).
    monkeypatch.setenv("WLLM_PAGE_WORKDIR", str(tmp_path))
    url = voila_server(PAGE, "--show_tracebacks=True")
    page = browser_page.page

    response = page.goto(url, wait_until="domcontentloaded", timeout=PAGE_LOAD_TIMEOUT_MS)
    assert response is not None and response.ok, f"Voilà answered {response and response.status}"

    # Voilà sends the page once every cell ran and shows it when its scripts have started.
    # A failed cell (Voilà skips the cells after it) is plain text by then: report it at once
    # rather than wait for widgets that will never come.
    page.locator("h1", has_text=PAGE_TITLE).wait_for(state="visible", timeout=RENDER_TIMEOUT_MS)
    assert_no_failure_text(page)

    # Each box exists only once the widget manager has drawn it from the kernel's state.
    for name in COMPONENTS:
        page.locator(f".wllm-component-{name}").wait_for(state="visible", timeout=RENDER_TIMEOUT_MS)
    # bqplot draws its marks asynchronously after the figure's box appears.
    page.locator(".wllm-component-training-chart .bqplot svg path.line").first.wait_for(
        state="attached", timeout=RENDER_TIMEOUT_MS
    )
    page.locator(".wllm-component-token-visualizer .bqplot svg rect.bar").first.wait_for(
        state="attached", timeout=RENDER_TIMEOUT_MS
    )
    page.locator(".wllm-component-experiment-board .bqplot svg path.line").first.wait_for(
        state="attached", timeout=RENDER_TIMEOUT_MS
    )
    page.wait_for_timeout(1000)  # late console errors of the last widgets drawn
    browser_page.screenshot("componentes")

    for name in COMPONENTS:
        box = page.locator(f".wllm-component-{name}")
        assert box.count() == 1, f"{name}: {box.count()} boxes"
        assert box.is_visible(), f"{name} is not visible"
        bounds = box.bounding_box()
        assert bounds is not None and bounds["width"] > 100 and bounds["height"] > 50, (
            f"{name}: {bounds}"
        )
        # More than the heading: the component itself was drawn inside its box.
        assert box.locator(".widget-vbox").count() >= 1, (
            f"{name}: no widget drawn under the heading"
        )
        assert page.locator(f"#wllm-title-{name}").is_visible(), f"{name}: heading missing"

    # bqplot figures rendered as SVG, with their marks drawn.
    for name in ("training-chart", "token-visualizer", "experiment-board"):
        figures = page.locator(f".wllm-component-{name} .bqplot svg")
        assert figures.count() >= 1, f"{name}: no bqplot SVG"
        assert figures.first.is_visible(), f"{name}: bqplot SVG not visible"
    lines = page.locator(".wllm-component-training-chart .bqplot path.line")
    assert any(
        (lines.nth(i).get_attribute("d") or "").count(",") >= 2 for i in range(lines.count())
    ), "the training chart drew no loss curve"
    assert page.locator(".wllm-component-token-visualizer .bqplot rect.bar").count() >= 2, (
        "the token histogram drew no bars"
    )
    # Two runs ticked: two loss curves (no validation split was logged) and two filled bar outlines.
    board_lines = page.locator(".wllm-component-experiment-board .bqplot path.line")
    assert (
        sum(
            (board_lines.nth(i).get_attribute("d") or "").count(",") >= 2
            for i in range(board_lines.count())
        )
        >= 4
    ), "the experiment board drew no curves or bars"

    assert_no_failure_text(page)
    assert browser_page.page_errors == [], f"JavaScript exceptions: {browser_page.page_errors}"
    # The page asks nothing of any other host (the template has no CDN stylesheet), and no
    # console error at all is tolerated.
    assert browser_page.foreign_requests(url) == []
    errors = browser_page.console_errors()
    assert errors == [], "console errors:\n" + "\n".join(
        f"{e['text']} ({e['location']})" for e in errors
    )
