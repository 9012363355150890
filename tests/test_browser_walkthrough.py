"""A newcomer's walkthrough, in a real browser, with their own CSV (issue 11's "keep it fixed").

Not the bundled example: a person's own file of Spanish pairs, uploaded from their computer. The
walk goes through the studio's steps to a saved run and checks, as it goes, the kinds of
defect a newcomer met: controls too narrow to read, chart axes with repeated tick labels,
English or programmer's words on the Spanish page, numbers with a decimal point in the page's
text, a save message out of sight, requests to another host, console errors. Screenshots go to
``test-artifacts/recorrido-*.png``.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from widgets_llm.engine.config import field_info
from widgets_llm.messages import t
from widgets_llm.widgets.studio import studio_text
from test_browser_studio import PAGE_LOAD_TIMEOUT_MS, WORK_TIMEOUT_MS, Person, _dashboards_copy

pytestmark = [pytest.mark.browser, pytest.mark.timeout(420)]

#: Words that must not reach a Spanish reader (code names, English, untranslated values).
FORBIDDEN_WORDS = (
    "seq2seq",
    "pequeno",
    "None",
    "NaN",
    "True",
    "False",
    "Traceback",
    "undefined",
    " the ",
    " and ",
    "ordenador",  # Spain's word; the audience is mostly Latin American: «computadora»
)
#: A number with a decimal point ("0.25", "60.5 M"): a Spanish reader expects a comma.
DECIMAL_POINT = re.compile(r"(?<![\w.])\d+\.\d+(?![\w.])")

TOPICS = [
    "la biblioteca",
    "el mercado",
    "la escuela",
    "el huerto",
    "la cooperativa",
    "el hospital",
    "el puerto",
    "la radio",
]
PLACES = ["Cusco", "Rosario", "Oaxaca", "Valparaíso", "Quito", "León", "Cali", "Salta"]


def _own_csv(folder: Path, rows: int = 64) -> Path:
    """A person's own file: Spanish texts and summaries, a semicolon-separated CSV with accents."""
    path = folder / "mis_noticias.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["titular", "cuerpo", "resumen"])
        for i in range(rows):
            topic, place = TOPICS[i % len(TOPICS)], PLACES[(i // len(TOPICS)) % len(PLACES)]
            body = (
                f"En {place}, {topic} del barrio número {i} abrió sus puertas "
                f"después de dos años de obras. "
                f"Los vecinos celebraron la reapertura con música y comida típica. "
                f"La directora explicó que habrá talleres gratuitos para niños y mayores "
                f"todos los sábados. El municipio aportó la mitad "
                f"del presupuesto y la comunidad reunió el resto con rifas y ferias."
            )
            writer.writerow(
                [
                    f"Reabre {topic} {i}",
                    body,
                    f"{topic.capitalize()} {i} de {place} reabrió con talleres gratuitos.",
                ]
            )
    return path


def _visible_text_outside_charts(page, root: str) -> str:
    # The text a person reads on the step shown (innerText: rendered text only), charts aside:
    # their tick labels are d3's, checked separately.
    return page.evaluate(
        """(root) => {
            const charts = [...document.querySelectorAll(root + ' .bqplot')];
            const before = charts.map(c => c.style.display);
            charts.forEach(c => { c.style.display = 'none'; });
            const text = document.querySelector(root).innerText;
            charts.forEach((c, i) => { c.style.display = before[i]; });
            return text;
        }""",
        root,
    )


def _check_page(person: Person, where: str, root: str = ".wllm-studio") -> None:
    """What a newcomer must never see, on the step shown now (inside ``root``)."""
    page = person.page
    text = _visible_text_outside_charts(page, root)
    for word in FORBIDDEN_WORDS:
        assert word not in text, f"{where}: {word!r} on the Spanish page"
    points = [m for m in DECIMAL_POINT.findall(text) if not m.startswith("127.0")]
    assert points == [], f"{where}: numbers with a decimal point {points}"
    repeated = page.evaluate(
        """() => [...document.querySelectorAll('.wllm-studio .bqplot .axis')]
            .filter(a => a.getBoundingClientRect().width > 0)
            .map(a => [...a.querySelectorAll('.tick text')].map(x => x.textContent))
            .filter(labels => labels.some((label, i) => i > 0 && label === labels[i - 1]))"""
    )
    assert repeated == [], f"{where}: axis with repeated tick labels {repeated}"
    narrow = page.evaluate(
        """() => [...document.querySelectorAll(
            '.wllm-studio input[type=number], .wllm-studio input[type=text], .wllm-studio select')]
            .filter(e => e.offsetParent !== null && e.getBoundingClientRect().width < 50)
            .map(e => e.outerHTML.slice(0, 120))"""
    )
    assert narrow == [], f"{where}: controls too narrow to read {narrow}"


def test_a_newcomer_walks_the_studio_with_their_own_file(voila_server, browser_page, tmp_path):
    own = _own_csv(tmp_path)
    folder = _dashboards_copy(tmp_path)
    url = voila_server(folder, f"--Voila.config_file_paths={folder}")
    person = Person(browser_page, "recorrido", url)
    page = person.page
    page.goto(
        f"{url}/voila/render/estudio.ipynb",
        wait_until="domcontentloaded",
        timeout=PAGE_LOAD_TIMEOUT_MS,
    )
    page.locator(".wllm-studio").wait_for(state="visible", timeout=PAGE_LOAD_TIMEOUT_MS)
    _check_page(person, "inicio")

    # 1. Datos: their own CSV, uploaded from their computer, then prepared.
    person.tab(t("uploader.tab.upload"))
    with page.expect_file_chooser() as chooser:  # the browser's «open file» dialog
        person.click(t("uploader.upload.button"), within=".wllm-studio")
    chooser.value.set_files(str(own))
    person.sees(
        t("uploader.status.read", name="mis_noticias.csv", rows=64, columns=3, format="CSV")[:24]
    )
    person.click(t("uploader.prepare"))
    person.sees(t("uploader.status.ready"))
    person.sees(studio_text("studio.progress.title", done=1, total=8))
    _check_page(person, "datos")
    person.screenshot("datos")

    # 2. Tokens, 3. Modelo (offline, mini), 4. Hiperparámetros (fast, a few steps).
    person.next_step()
    page.locator(".wllm-chips .wllm-chip:visible").first.wait_for(
        state="visible", timeout=WORK_TIMEOUT_MS
    )
    _check_page(person, "tokens")
    person.next_step()
    person.tab(t("picker.tab.offline"))
    size = page.locator(".widget-dropdown:visible", has_text=t("picker.offline.size")).locator(
        "select"
    )
    size.select_option(label=t("picker.offline.size.mini").replace(" ", "\xa0"))
    person.click(t("picker.load"))
    person.sees(t("picker.status.loaded_offline", label="", kind="")[:12])
    _check_page(person, "modelo")
    person.next_step()
    person.click(t("config.preset.fast"))
    steps = page.locator(".widget-text:visible", has_text=field_info("max_steps")["label"]).locator(
        "input"
    )
    steps.fill("10")
    steps.press("Enter")
    page.wait_for_timeout(300)
    _check_page(person, "hiperparámetros")
    person.screenshot("hiperparametros")

    # 5. Entrenamiento: train to the end; the chart's axes read well.
    person.next_step()
    person.click(t("chart.start"))
    person.sees(t("chart.status.finished"))
    person.scroll_to(".wllm-studio .bqplot")
    page.wait_for_timeout(800)
    _check_page(person, "entrenamiento")
    person.screenshot("entrenado")

    # 6. Evaluación: compare, once the run is also saved for Experimentos.
    person.next_step()
    person.click(t("diff.compare"))
    person.sees(studio_text("studio.progress.title", done=7, total=8))
    _check_page(person, "evaluación")
    person.screenshot("comparacion")

    # 7. Experimentos: the run is on the board.
    person.next_step()
    page.locator(".wllm-studio-experiments input[type=checkbox]").first.wait_for(
        state="attached", timeout=WORK_TIMEOUT_MS
    )
    _check_page(person, "experimentos")

    # 8. Guardar: the confirmation appears where the person is looking, right after the click.
    person.next_step()
    name_box = (
        page.locator(".widget-text:visible", has_text=t("runmanager.name.label"))
        .locator("input")
        .first
    )
    name_box.fill("mis_noticias_resumidas")
    name_box.press("Tab")
    person.click(t("runmanager.save"), within=".wllm-studio")
    saved = (
        page.get_by_text(t("runmanager.status.saved", path="")[:10]).locator("visible=true").first
    )
    saved.wait_for(state="visible", timeout=WORK_TIMEOUT_MS)
    box, viewport = saved.bounding_box(), page.viewport_size
    assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= viewport["height"], (
        f"the save message is out of sight: {box} in a {viewport} window"
    )
    assert (folder / "runs" / "mis_noticias_resumidas" / "run.json").is_file()
    _check_page(person, "guardar")
    person.screenshot("guardado")
    person.assert_no_failure()  # no error text, no console error, no request to another host

    # The Resumir page: the saved run summarizes one of their texts.
    reader = Person(browser_page, "recorrido-resumir", url)
    page.goto(
        f"{url}/voila/render/resumir.ipynb",
        wait_until="domcontentloaded",
        timeout=PAGE_LOAD_TIMEOUT_MS,
    )
    reader.sees(t("summarizer.run.title"), timeout=PAGE_LOAD_TIMEOUT_MS)
    listed = page.locator(".widget-dropdown:visible", has_text=t("summarizer.run.list")).locator(
        "select"
    )
    assert "mis_noticias_resumidas" in listed.inner_text()
    reader.click(t("summarizer.run.load"))
    reader.sees(t("summarizer.run.loaded", name="mis_noticias_resumidas", model="")[:25])
    box = page.locator("textarea:visible").first
    box.fill(
        "En Salta, la biblioteca del barrio abrió una sala de lectura para niños. "
        "Los vecinos donaron libros y la municipalidad pagó los estantes. "
        "Habrá cuentacuentos todos los domingos por la mañana."
    )
    box.press("Tab")
    reader.click(t("summarizer.summarize"))
    reader.sees(t("summarizer.done", count=1))
    page.locator("table.wllm-results tr.wllm-result:visible").first.wait_for(
        state="visible", timeout=WORK_TIMEOUT_MS
    )
    _check_page(reader, "resumir", root="body")
    reader.screenshot("resumido")
    reader.assert_no_failure()
