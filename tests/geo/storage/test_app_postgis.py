"""The app with ``DATABASE_URL`` set: it reads the current PostGIS version, picks up a publish at the next
rerun (cached per version), and falls back to the demo with a message when the database is unreachable."""

from __future__ import annotations

import socket

from geo.dataset import Dataset
from geo.storage.postgis import create_reader, publish
from tests.geo.storage.conftest import as_role
from tests.ui.test_app import run_app


def _named(base: Dataset, name: str, factor: float) -> Dataset:
    values = base.values.copy()
    values["value"] = values["value"] * factor
    zones = base.zones.copy()
    zones["name"] = zones["name"] + f" ({name})"
    return Dataset(zones=zones, values=values, catalog=base.catalog, meta={"name": name, "demo": False})


def _zone_names(at) -> str:
    return " ".join(str(m.value) for m in at.markdown) + " ".join(str(b.label) for b in at.button)


def test_app_reads_the_current_postgis_version_as_the_read_only_role(db_url, new_role, tiny_dataset, monkeypatch):
    publish(_named(tiny_dataset, "Versjon én", 1.0), db_url)
    name, password = new_role(create=False)
    create_reader(db_url, name, password)
    monkeypatch.setenv("DATABASE_URL", as_role(db_url, name, password))
    monkeypatch.delenv("LEVEKAR_DATASET", raising=False)

    at = run_app()
    assert not at.exception
    assert not at.error and not any("Demonstrasjonsdata" in w.value for w in at.warning)
    at.text_input(key="zone_query").set_value("Midt").run()
    assert "Midt (Versjon én)" in _zone_names(at)

    publish(_named(tiny_dataset, "Versjon to", 2.0), db_url)
    at.text_input(key="zone_query").set_value("Midt ").run()  # the visitor's next interaction
    assert not at.exception
    assert "Midt (Versjon to)" in _zone_names(at) and "Versjon én" not in _zone_names(at)


def test_app_falls_back_to_the_demo_when_the_database_is_unreachable(monkeypatch):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("DATABASE_URL", f"postgresql://reader:secret@127.0.0.1:{port}/levekar")
    at = run_app()
    assert not at.exception
    shown = " ".join(e.value for e in at.error).replace("\\", "")
    assert "Kunne ikke åpne datasettet" in shown and f"127.0.0.1:{port}/levekar" in shown and "secret" not in shown
    assert any("Demonstrasjonsdata" in w.value for w in at.warning)
