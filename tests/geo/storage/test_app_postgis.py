"""The app with ``DATABASE_URL`` set: it reads the current PostGIS version, picks up a publish at the next
rerun (cached per version), and falls back to the demo with a message when the database is unreachable."""

from __future__ import annotations

import logging
import socket

import pandas as pd

from geo.data.dataset import Dataset, load_default
from geo.privacy import open_for_output, public_view
from geo.storage.postgis import create_reader, publish
from tests.geo.storage.conftest import as_role
from tests.ui.test_app import run_app, texts
from tests.ui.test_public import hidden_zone


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


def test_public_mode_passes_the_postgis_dataset_through_disclosure_control(db_url, monkeypatch):
    """The PostGIS-read dataset goes through the same gate as a file (geo.privacy.for_output in ui.cache._load)."""
    demo = load_default()
    publish(demo, db_url)
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("LEVEKAR_PUBLIC", "1")
    from ui.cache import _load_configured

    ds, error = _load_configured(db_url)
    assert error is None
    expected = public_view(demo)
    pd.testing.assert_frame_equal(ds.values, expected.values)
    assert (ds.values["status"] == "suppressed").any()

    zone, year = hidden_zone()
    at = run_app({"year": str(year)}, state={"zone": zone})
    assert not at.exception
    assert "beregnet av de synlige sonene" in texts(at)
    assert "skjult" in next(m.value for m in at.markdown if "lk-facts" in m.value)


def test_cli_outputs_read_the_published_version_when_database_url_is_set(db_url, tiny_dataset, monkeypatch):
    publish(tiny_dataset, db_url)
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.delenv("LEVEKAR_PUBLIC", raising=False)
    assert open_for_output().equals(tiny_dataset)  # geo export/map/report without --dataset
    monkeypatch.setenv("LEVEKAR_PUBLIC", "1")
    pd.testing.assert_frame_equal(open_for_output().values, public_view(tiny_dataset).values)


def test_public_mode_logs_an_unreachable_database_without_its_password(monkeypatch, caplog):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("DATABASE_URL", f"postgresql://reader:s3cret@127.0.0.1:{port}/levekar")
    monkeypatch.setenv("LEVEKAR_PUBLIC", "1")
    with caplog.at_level(logging.ERROR, logger="levekar"):
        at = run_app()
    assert not at.exception
    assert f"127.0.0.1:{port}/levekar" in caplog.text and "cannot reach the database" in caplog.text
    assert "s3cret" not in caplog.text
    assert "127.0.0.1" not in texts(at) + "".join(e.value for e in at.error)  # visitors get no details


def test_a_database_outage_keeps_serving_the_version_read_before(db_url, tiny_dataset, monkeypatch, caplog):
    from geo.errors import DatabaseError
    from geo.storage.postgis import PostGISBackend

    publish(_named(tiny_dataset, "Før brudd", 1.0), db_url)
    monkeypatch.setenv("DATABASE_URL", db_url)
    at = run_app()
    at.text_input(key="zone_query").set_value("Midt").run()
    assert "Midt (Før brudd)" in _zone_names(at)

    def down(self):
        raise DatabaseError("cannot reach the database postgresql://reader:***@db/levekar (connection refused)")

    monkeypatch.setattr(PostGISBackend, "current_version", down)
    with caplog.at_level(logging.WARNING, logger="levekar"):
        at.text_input(key="zone_query").set_value("Midt ").run()
    assert not at.exception and not at.error
    assert "Midt (Før brudd)" in _zone_names(at)  # not the demo
    assert "serving version 1-" in caplog.text and "connection refused" in caplog.text
