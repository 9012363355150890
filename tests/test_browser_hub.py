"""A person picks a catalog model in the studio and watches it download, in a real browser.

The "Hub" is :class:`widgets_llm.testing.local_hub.LocalHub` on 127.0.0.1, serving a tiny replica
of ``flax-community/spanish-t5-small`` under its real id, slowed down so the download takes a
few seconds; Voilà's kernel reaches it through ``HF_ENDPOINT`` with a cache folder of the test.
Nothing reaches the real Hub (the ``local_hub`` fixture refuses any other host in this process,
and the kernel only knows the local address).
"""

from __future__ import annotations

import re

import pytest

from test_browser_studio import PAGE_LOAD_TIMEOUT_MS, WORK_TIMEOUT_MS, Person, _dashboards_copy
from widgets_llm.messages import t

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

HUB_MODEL = "flax-community/spanish-t5-small"
#: Bytes a second the local hub sends: the replica (under 1 MB) then takes a few seconds.
THROTTLE = 120_000


def test_a_person_downloads_a_catalog_model_and_sees_its_progress(
    voila_server, browser_page, local_hub, tmp_path
):
    from widgets_llm.testing.replicas import build_replica

    local_hub.add_model(HUB_MODEL, build_replica(HUB_MODEL, tmp_path / "replica"))
    local_hub.throttle_bytes_s = THROTTLE
    folder = _dashboards_copy(tmp_path)
    url = voila_server(
        folder,
        f"--Voila.config_file_paths={folder}",
        env={
            "HF_HUB_OFFLINE": None,
            "TRANSFORMERS_OFFLINE": None,
        },  # HF_ENDPOINT/HF_HOME: the local hub's
    )
    person = Person(browser_page, "hub", url)
    page = person.page
    page.goto(
        f"{url}/voila/render/estudio.ipynb",
        wait_until="domcontentloaded",
        timeout=PAGE_LOAD_TIMEOUT_MS,
    )
    page.locator(".wllm-studio").wait_for(state="visible", timeout=PAGE_LOAD_TIMEOUT_MS)

    person.tab(t("uploader.tab.example"))
    person.click(t("uploader.example.button"))
    person.sees(t("uploader.status.ready"))
    person.next_step()
    person.next_step()

    # The picker recommends the smallest Spanish model on this CPU, with its measured cost.
    person.sees(t("recommend.title"))
    person.sees(t("recommend.reason.cpu")[:40])
    person.click(t("recommend.use"))
    person.sees(t("picker.available.download")[:40])
    person.screenshot("elegido")

    person.click(t("picker.load"))
    # The download is shown as it happens: percent, bytes, speed.
    progress = page.locator(
        ".widget-hbox:visible", has=page.locator("progress, .progress, .widget-progress")
    )
    person.sees(f"Descargando {HUB_MODEL}", timeout=WORK_TIMEOUT_MS)
    line = page.get_by_text(f"Descargando {HUB_MODEL}").locator("visible=true").first.inner_text()
    assert re.search(r"\d+\s%", line) and ("MB" in line or "kB" in line), line
    person.screenshot("descargando")
    assert progress.count() >= 1

    # Then the model is ready, and the picker says it is now on this computer.
    person.sees(
        t("picker.status.loaded", label=HUB_MODEL, kind="", params="")[:30], timeout=WORK_TIMEOUT_MS
    )
    person.sees(HUB_MODEL)
    person.sees(t("picker.card", note="", languages="", license="")[:16])  # the model's card
    person.sees(t("picker.available.cached")[:40])
    assert page.get_by_text(f"Descargando {HUB_MODEL}").locator("visible=true").count() == 0
    person.screenshot("listo")
    assert local_hub.file_gets(HUB_MODEL), "the model was not downloaded from the local hub"
    person.assert_no_failure()
