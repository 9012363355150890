"""End to end, as a person would: the studio and the summarizer page in a real (headless) browser.

Voilà serves a copy of ``dashboards/`` (with its own ``voila.json``) in a temporary folder, with
the bundled example in its ``data/`` folder. In Chromium the test loads the example, looks at
the tokens, picks the offline model (mini size), the fast preset with fewer steps, trains and
watches the loss curve grow, compares base and tuned summaries, saves the run; then the
``resumir.ipynb`` page loads that run and summarizes a new text. At each step it checks what a
person would see, and that no error or traceback appears. A screenshot of each step is kept in
``test-artifacts/estudio-*.png``.
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest

from widgets_llm.engine.config import field_info
from widgets_llm.messages import t
from widgets_llm.widgets.studio import studio_text

pytestmark = [pytest.mark.browser, pytest.mark.timeout(420)]

REPO_ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS_DIR = REPO_ROOT / "test-artifacts"
EXAMPLE = REPO_ROOT / "widgets_llm" / "data" / "ejemplo_es" / "ejemplo_es.jsonl"
#: Voilà runs the notebook before it sends the page.
PAGE_LOAD_TIMEOUT_MS = 150_000
#: Waits for the kernel's work (reading, loading a model, comparing, saving).
WORK_TIMEOUT_MS = 120_000
#: Training steps: enough for the chart to be seen growing, few enough to stay quick.
TRAINING_STEPS = 12
NEW_TEXT = (
    "La feria del libro de Montevideo recibió a miles de visitantes durante el fin de semana. "
    "Los organizadores contaron que la venta de novelas creció y que los niños llenaron "
    "los talleres."
)

#: Texts that only appear when a cell of the page failed (Voilà's message without tracebacks).
FAILURE_TEXTS = ["Traceback", "There was an error when executing cell", "Error:"]
#: bqplot logs this when a figure is first drawn inside a box that is not displayed yet (the
#: token histograms wait, hidden, for their lengths to be measured): its plot area is then
#: 0 minus the margins. Nothing shows on the page, and the figure is drawn correctly once
#: displayed (checked below: the histogram bars get a height).
BQPLOT_HIDDEN_FIGURE = re.compile(
    r"^Error: <rect> attribute (width|height): A negative value is not valid"
)


#: Leaving a Voilà page, Voilà 0.5's own script asks the server to shut that page's kernel down
#: without the XSRF token, and the server answers 403 (the kernel is then culled when idle, see
#: ``dashboards/voila.json``). Logged when the test moves from the studio to the summarizer page.
VOILA_SHUTDOWN_ON_LEAVE = "/voila/api/shutdown/"


def _tolerated(message: dict) -> bool:
    url = message["location"].get("url") or ""
    if VOILA_SHUTDOWN_ON_LEAVE in url and "403" in message["text"]:
        return True
    return bool(BQPLOT_HIDDEN_FIGURE.match(message["text"])) and "/bqplot/" in url


def _dashboards_copy(tmp_path: Path) -> Path:
    """The dashboards folder as ``make app`` prepares it, in a temporary place."""
    folder = tmp_path / "dashboards"
    folder.mkdir()
    for name in ("estudio.ipynb", "resumir.ipynb", "voila.json"):
        shutil.copy(REPO_ROOT / "dashboards" / name, folder / name)
    (folder / "data").mkdir()
    shutil.copy(EXAMPLE, folder / "data" / EXAMPLE.name)
    return folder


class Person:
    """What a person does on the page: click what is visible, read what is visible."""

    def __init__(self, browser_page, prefix: str, origin: str):
        self.session = browser_page
        self.page = browser_page.page
        self.prefix = prefix
        self.origin = origin  # the app's address: the page may ask nothing of any other host
        self.shots = 0

    def click(self, text: str, *, within: str = "") -> None:
        """Click the visible button labelled ``text``."""
        scope = self.page.locator(within) if within else self.page
        scope.locator("button:visible", has_text=text).first.click()

    def tab(self, title: str) -> None:
        """Open the visible tab titled ``title``."""
        self.page.locator(
            ".lm-TabBar-tab:visible, .p-TabBar-tab:visible", has_text=title
        ).first.click()

    def sees(self, text: str, timeout: float = WORK_TIMEOUT_MS) -> None:
        self.page.get_by_text(text, exact=False).locator("visible=true").first.wait_for(
            state="visible", timeout=timeout
        )

    def scroll_to(self, selector: str) -> None:
        """Bring the first visible-in-layout match into view, as a person scrolls down to it.

        bqplot draws a figure only once it is on screen (an IntersectionObserver), so charts
        below the fold stay blank until scrolled to.
        """
        self.page.evaluate(
            """(selector) => {
                const found = [...document.querySelectorAll(selector)]
                    .find(e => e.getBoundingClientRect().width > 0);
                if (found) found.scrollIntoView({block: 'center'});
            }""",
            selector,
        )

    def next_step(self) -> None:
        self.click(t("studio.nav.next"))

    def screenshot(self, name: str) -> Path:
        self.shots += 1
        return self.session.screenshot(f"{self.prefix}-{self.shots:02d}-{name}")

    def assert_no_failure(self) -> None:
        text = self.page.inner_text("body")
        for failure in FAILURE_TEXTS:
            where = text.find(failure)
            assert where < 0, (
                f"the page shows {failure!r}:\n{text[max(0, where - 300) : where + 1500]}"
            )
        assert self.session.page_errors == [], f"JavaScript exceptions: {self.session.page_errors}"
        errors = [message for message in self.session.console_errors() if not _tolerated(message)]
        assert errors == [], "console errors:\n" + "\n".join(
            f"{e['text']} ({e['location']})" for e in errors
        )
        # Privacy: the pages ask nothing of any other host (no CDN font or stylesheet).
        assert self.session.foreign_requests(self.origin) == [], self.session.foreign_requests(
            self.origin
        )


#: The ``d`` of the training loss line (the first line of the training chart), in the page.
#: Lines under 40 px wide are icons (a toolbar chevron is also a ``path.line``).
LOSS_PATH_JS = """() => {
    const lines = [...document.querySelectorAll('.wllm-studio .bqplot path.line')]
        .filter(p => p.getBoundingClientRect().width > 40);
    return lines.length ? (lines[0].getAttribute('d') || '') : '';
}"""


def _loss_path(page) -> str:
    return page.evaluate(LOSS_PATH_JS)


def _record_loss_paths(page) -> None:
    """Keep, in the page, every distinct drawing of the training loss line from now on."""
    page.evaluate(
        """() => {
            const lossPath = %s;
            window.wllmLossPaths = [];
            const observer = new MutationObserver(() => {
                const d = lossPath();
                const seen = window.wllmLossPaths;
                if (d.includes('L') && seen[seen.length - 1] !== d) seen.push(d);
            });
            observer.observe(document.body, {subtree: true, childList: true,
                                             attributes: true, attributeFilter: ['d']});
        }"""
        % LOSS_PATH_JS
    )


def _recorded_loss_paths(page) -> list[str]:
    return page.evaluate("() => window.wllmLossPaths || []")


def test_a_person_trains_compares_saves_and_summarizes(voila_server, browser_page, tmp_path):
    folder = _dashboards_copy(tmp_path)
    # Voilà reads voila.json from its config paths: here, the copied dashboards folder.
    url = voila_server(folder, f"--Voila.config_file_paths={folder}")
    person = Person(browser_page, "estudio", url)
    page = person.page
    started = time.monotonic()

    response = page.goto(
        f"{url}/voila/render/estudio.ipynb",
        wait_until="domcontentloaded",
        timeout=PAGE_LOAD_TIMEOUT_MS,
    )
    assert response is not None and response.ok
    page.locator(".wllm-studio").wait_for(state="visible", timeout=PAGE_LOAD_TIMEOUT_MS)
    person.sees(studio_text("studio.progress.title", done=0, total=8))
    person.sees(studio_text("studio.help.data")[:60])
    assert (
        page.locator("pre, .jp-InputArea-editor, .CodeMirror").count() == 0
    )  # sources are stripped
    person.screenshot("inicio")

    # 1. Datos: the bundled example, in one click.
    person.tab(t("uploader.tab.example"))
    person.click(t("uploader.example.button"))
    person.sees(t("uploader.status.ready"))
    person.sees(t("uploader.report.title"))
    person.sees(studio_text("studio.progress.title", done=1, total=8))
    person.screenshot("datos")
    # The cleaning options, opened: every number box and drop-down wide enough to read.
    page.locator(
        ".wllm-studio .lm-AccordionPanel-title, .wllm-studio .p-Collapse-header, "
        ".wllm-studio .jupyter-widget-Collapse-header",
        has_text=t("uploader.cleaning.title"),
    ).first.click()
    page.wait_for_timeout(400)
    widths = page.evaluate(
        """() => [...document.querySelectorAll(
                '.wllm-studio input[type=number], .wllm-studio select')]
            .filter(e => e.offsetParent !== null)
            .map(e => ({tag: e.tagName, width: e.getBoundingClientRect().width,
                        text: e.tagName === 'SELECT'
                            ? (e.options[e.selectedIndex] || {}).text || ''
                            : String(e.value)}))"""
    )
    assert len(widths) >= 6, widths
    squashed = [
        w for w in widths if w["width"] < (60 if w["tag"] == "INPUT" else 7 * len(w["text"]))
    ]
    assert squashed == [], f"controls too narrow to read: {squashed}"
    person.screenshot("limpieza")
    next_top = page.locator("button:visible", has_text=t("studio.nav.next")).first.bounding_box()[
        "y"
    ]

    # 2. Tokens: the texts cut into pieces, by an English-only tokenizer until a model is chosen.
    person.next_step()
    person.sees(t("tokviz.english.name"))
    chips = page.locator(".wllm-chips .wllm-chip:visible")
    chips.first.wait_for(state="visible", timeout=WORK_TIMEOUT_MS)
    assert chips.count() > 10
    person.scroll_to(".wllm-studio .bqplot")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.wllm-studio .bqplot rect.bar')]"
        ".some(b => +b.getAttribute('height') > 0)",
        timeout=WORK_TIMEOUT_MS,
    )
    person.screenshot("tokens")

    # 3. Modelo: the offline model, mini size.
    person.next_step()
    person.tab(t("picker.tab.offline"))
    size = page.locator(".widget-dropdown:visible", has_text=t("picker.offline.size")).locator(
        "select"
    )
    size.select_option(
        label=t("picker.offline.size.mini").replace(" ", "\xa0")
    )  # ipywidgets shows spaces as nbsp
    person.click(t("picker.load"))
    person.sees(t("picker.status.loaded_offline", label="", kind="")[:12])
    person.screenshot("modelo")

    # Back to Tokens: now the model's own tokenizer is shown first.
    person.click(t("studio.nav.previous"))
    person.sees(t("tokviz.your_model"))
    person.next_step()

    # 4. Hiperparámetros: the fast preset, with fewer steps.
    person.next_step()
    person.click(t("config.preset.fast"))
    steps = page.locator(".widget-text:visible", has_text=field_info("max_steps")["label"]).locator(
        "input"
    )
    steps.fill(str(TRAINING_STEPS))
    steps.press("Enter")
    page.wait_for_timeout(300)
    person.screenshot("hiperparametros")

    # 5. Entrenamiento: train and watch the loss curve grow.
    person.next_step()
    _record_loss_paths(page)  # every redraw, even one a poll would miss on a fast computer
    person.click(t("chart.start"))
    person.scroll_to(".wllm-studio .bqplot")
    deadline = time.monotonic() + WORK_TIMEOUT_MS / 1000
    screenshot_taken = False
    while time.monotonic() < deadline:
        if not screenshot_taken and len(_recorded_loss_paths(page)) >= 2:
            person.screenshot("entrenando")
            screenshot_taken = True
        if page.get_by_text(t("chart.status.finished")).locator("visible=true").count():
            break
        page.wait_for_timeout(150)
    person.sees(t("chart.status.finished"))
    page.wait_for_timeout(800)  # the last redraw
    final_path = _loss_path(page)
    assert final_path and final_path.count(",") >= 3, final_path
    drawn = _recorded_loss_paths(page)
    assert len(drawn) >= 2 and drawn[-1] == final_path, (
        f"the loss curve never grew while training: {drawn}"
    )
    points = [path.count("L") + 1 for path in drawn]
    assert points == sorted(points) and points[0] < points[-1], (points, drawn)
    person.sees(studio_text("studio.training.finished"))
    # The charts' axes speak Spanish too: decimal commas, never points (DecimalCommas).
    page.wait_for_timeout(300)
    ticks = page.evaluate(
        "() => [...document.querySelectorAll('.wllm-studio .bqplot .tick text')]"
        ".map(t => t.textContent)"
    )
    assert not [tick for tick in ticks if re.search(r"\d\.\d", tick)], ticks
    assert [tick for tick in ticks if re.search(r"\d,\d", tick)], ticks
    person.screenshot("entrenado")

    # 6. Evaluación y comparación: base and tuned summaries side by side.
    person.next_step()
    person.click(t("diff.compare"))
    person.sees(t("diff.status.done", count="")[:18])
    base_block = page.locator(".wllm-diff-block.wllm-base:visible")
    tuned_block = page.locator(".wllm-diff-block.wllm-tuned:visible")
    base_block.first.wait_for(state="visible", timeout=WORK_TIMEOUT_MS)
    assert base_block.count() == 1 and tuned_block.count() == 1
    assert t("diff.example.base") in base_block.inner_text()
    assert t("diff.example.tuned") in tuned_block.inner_text()
    person.sees(t("diff.column.tuned"))
    person.screenshot("comparacion")

    # 7. Experimentos: the training was saved on its own; train another variant and compare.
    person.next_step()
    # The progress summary keeps its shape from step to step: «Siguiente» has not moved.
    assert (
        page.locator("button:visible", has_text=t("studio.nav.next")).first.bounding_box()["y"]
        == next_top
    )
    person.sees(studio_text("studio.help.experiments")[:60])
    board = ".wllm-studio-experiments"
    boxes = page.locator(f"{board} input[type=checkbox]:visible")
    boxes.first.wait_for(state="visible", timeout=WORK_TIMEOUT_MS)
    assert boxes.count() == 1
    person.screenshot("experimentos")
    person.click(studio_text("studio.experiments.variant"))
    person.sees(studio_text("studio.experiments.variant_ready")[:40])
    steps = page.locator(".widget-text:visible", has_text=field_info("max_steps")["label"]).locator(
        "input"
    )
    steps.fill(str(TRAINING_STEPS + 6))  # another variant: more steps
    steps.press("Enter")
    page.wait_for_timeout(300)
    person.tab(studio_text("studio.step.training"))
    person.click(t("chart.start"))
    page.wait_for_timeout(500)
    person.tab(studio_text("studio.step.experiments"))
    # Both runs listed, the new one ticked (the board selects the run just saved).
    page.wait_for_function(
        f"() => document.querySelectorAll('{board} input[type=checkbox]').length >= 2"
        f" && document.querySelectorAll('{board} input[type=checkbox]:checked').length === 1",
        timeout=WORK_TIMEOUT_MS,
    )
    page.wait_for_timeout(500)  # the table settles
    unticked = page.locator(f"{board} input[type=checkbox]:visible:not(:checked)")
    unticked.first.click()  # tick the first run too: both runs are compared
    page.wait_for_function(
        f"() => document.querySelectorAll('{board} input[type=checkbox]:checked').length === 2",
        timeout=WORK_TIMEOUT_MS,
    )
    person.scroll_to(f"{board} .bqplot")
    page.wait_for_function(
        f"() => [...document.querySelectorAll('{board} .bqplot path.line')]"
        ".filter(p => (p.getAttribute('d') || '').split(',').length > 2).length >= 2",
        timeout=WORK_TIMEOUT_MS,
    )
    person.screenshot("dos_variantes")
    # The comparison of step 6 was for the first variant: compare the new one too.
    person.tab(studio_text("studio.step.evaluation"))
    person.click(t("diff.compare"))
    person.sees(studio_text("studio.progress.title", done=7, total=8))  # this comparison is done

    # 8. Guardar y usar: save the run under a name.
    person.tab(studio_text("studio.step.save"))
    name_box = (
        page.locator(".widget-text:visible", has_text=t("runmanager.name.label"))
        .locator("input")
        .first
    )
    name_box.fill("mi_resumidor")
    name_box.press("Tab")
    person.click(t("runmanager.save"), within=".wllm-studio")
    person.sees(t("runmanager.status.saved", path="")[:10])
    person.sees(studio_text("studio.progress.title", done=8, total=8))
    assert (folder / "runs" / "mi_resumidor" / "run.json").is_file()
    person.screenshot("guardado")
    # Messages the libraries print while loading and training never reach the page.
    assert page.locator("[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
    person.assert_no_failure()

    # The summarizer page: load that run and summarize a new text.
    summarizer = Person(browser_page, "resumir", url)
    page.goto(
        f"{url}/voila/render/resumir.ipynb",
        wait_until="domcontentloaded",
        timeout=PAGE_LOAD_TIMEOUT_MS,
    )
    summarizer.sees(t("summarizer.run.title"), timeout=PAGE_LOAD_TIMEOUT_MS)
    listed = page.locator(".widget-dropdown:visible", has_text=t("summarizer.run.list")).locator(
        "select"
    )
    assert "mi_resumidor" in listed.inner_text()
    summarizer.click(t("summarizer.run.load"))
    summarizer.sees(t("summarizer.run.loaded", name="mi_resumidor", model="")[:25])
    box = page.locator("textarea:visible").first
    box.fill(NEW_TEXT)
    box.press("Tab")  # the box updates when it loses focus
    summarizer.sees(t("summarizer.texts.count", count=1))
    summarizer.click(t("summarizer.summarize"))
    summarizer.sees(t("summarizer.done", count=1))
    row = page.locator("table.wllm-results tr.wllm-result:visible")
    # The status line and the table are two widgets: under load the table may arrive a moment later.
    row.first.wait_for(state="visible", timeout=WORK_TIMEOUT_MS)
    assert row.count() == 1 and "Montevideo" in row.inner_text()
    link = page.locator("a.wllm-download:visible")
    assert (link.get_attribute("href") or "").startswith("data:text/csv;charset=utf-8;base64,")
    assert link.get_attribute("download") == "resumenes.csv"
    summarizer.screenshot("resumido")
    summarizer.assert_no_failure()
    print(f"end-to-end: {time.monotonic() - started:.0f} s")
