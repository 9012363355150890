"""Privacy: the whole offline path works with no network at all, and sends nothing."""

from __future__ import annotations

import socket

import pytest


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch):
    attempts = []

    def refuse(self, address, *args, **kwargs):
        attempts.append(address)
        raise NetworkUsed(f"network connection attempted to {address!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda address, *a, **k: refuse(None, address))
    monkeypatch.setattr(socket, "getaddrinfo", lambda host, *a, **k: refuse(None, host))
    yield attempts


def test_whole_offline_pipeline_runs_with_sockets_blocked(no_network, tmp_path):
    from widgets_llm import engine
    from widgets_llm.engine.pipeline import compare_run, summarize_with_run

    data = engine.load_pairs("ejemplo_es")
    config = engine.preset("fast", max_steps=12, max_input_length=96, max_target_length=32)
    trained = engine.train(data, "offline-t5-mini", config, tmp_path / "run")
    assert trained.result.status == "finished"
    assert trained.run.trainer.args.report_to in ([], ["none"], "none")  # no telemetry integrations
    assert (tmp_path / "run" / "run.json").is_file()

    comparison = compare_run(tmp_path / "run", data.splits["test"])
    assert len(comparison.examples) == len(data.splits["test"])
    summaries = summarize_with_run(
        tmp_path / "run", ["El ayuntamiento abrió una biblioteca nueva en el barrio."]
    )
    assert len(summaries) == 1
    zip_path = engine.export_run_zip(tmp_path / "run")
    assert zip_path.is_file()
    assert no_network == []


def test_everything_stays_in_the_folders_the_user_chose(tmp_path, monkeypatch):
    """Training writes only under the output folder (and nothing beside the user's data file)."""
    import pandas as pd

    from widgets_llm import engine

    monkeypatch.chdir(tmp_path)
    source = tmp_path / "mis_datos"
    source.mkdir()
    rows = [
        (
            f"Texto número {i} sobre la feria del libro de la ciudad, con autores invitados y "
            f"talleres para niños.",
            f"La feria del libro {i} tuvo autores y talleres.",
        )
        for i in range(30)
    ]
    pd.DataFrame(rows, columns=["texto", "resumen"]).to_csv(source / "datos.csv", index=False)
    before = sorted(p.name for p in source.iterdir())
    data = engine.load_pairs(str(source / "datos.csv"))
    engine.train(
        data,
        "offline-t5-mini",
        engine.preset("fast", max_steps=4),
        tmp_path / "salida",
        evaluate_test=False,
    )
    assert sorted(p.name for p in source.iterdir()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mis_datos", "salida"]


def test_no_telemetry_settings():
    import os

    import widgets_llm  # noqa: F401  (switches telemetry off on import)

    assert os.environ.get("HF_HUB_DISABLE_TELEMETRY") == "1"
