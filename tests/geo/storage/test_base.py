"""The storage interface: which backend serves a source, and the GeoPackage backend."""

from __future__ import annotations

import os

import pytest

from geo.config import DEMO_DATASET
from geo.data.dataset import load
from geo.errors import DatasetError
from geo.storage import default_backend, default_source, open_backend, redacted
from geo.storage.geopackage import MISSING, GeoPackageBackend


@pytest.mark.parametrize("url", ["postgresql://u@localhost/db", "postgresql+psycopg://u@h:5433/db",
                                 "postgres://u@h/db", "POSTGRESQL://u@h/db"])
def test_database_urls_open_the_postgis_backend(url):
    from geo.storage.postgis import PostGISBackend

    backend = open_backend(url)
    assert isinstance(backend, PostGISBackend)
    assert backend.source == url


def test_paths_open_the_geopackage_backend(tmp_path):
    backend = open_backend(tmp_path / "x.gpkg")
    assert isinstance(backend, GeoPackageBackend)
    assert backend.source == str(tmp_path / "x.gpkg")


def test_default_source_prefers_database_url(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("LEVEKAR_DATASET", raising=False)
    assert default_source() == str(DEMO_DATASET)
    assert isinstance(default_backend(), GeoPackageBackend)
    monkeypatch.setenv("LEVEKAR_DATASET", str(tmp_path / "mine.gpkg"))
    assert default_source() == str(tmp_path / "mine.gpkg")
    monkeypatch.setenv("DATABASE_URL", "postgresql://reader@db.example/levekar")
    assert default_source() == "postgresql://reader@db.example/levekar"
    monkeypatch.setenv("DATABASE_URL", "  ")  # blank counts as unset
    assert default_source() == str(tmp_path / "mine.gpkg")


def test_geopackage_backend_loads_what_geo_dataset_loads():
    backend = GeoPackageBackend(DEMO_DATASET)
    assert backend.load().equals(load(DEMO_DATASET))
    [info] = backend.versions()
    assert info.current and info.key == backend.current_version()
    assert (info.zones, info.values) == (len(load(DEMO_DATASET).zones), len(load(DEMO_DATASET).values))


def test_geopackage_version_changes_when_the_file_is_replaced(tiny_dataset, tmp_path):
    path = tmp_path / "d.gpkg"
    backend = GeoPackageBackend(path)
    assert backend.current_version() == MISSING
    assert backend.versions() == []
    backend.save(tiny_dataset)
    first = backend.current_version()
    assert backend.load().equals(tiny_dataset)
    changed = tiny_dataset.values.copy()
    changed.loc[0, "value"] = 99.0
    tiny_dataset.values = changed
    backend.save(tiny_dataset, overwrite=True)
    os.utime(path, ns=(1, 1))  # a different mtime even on a coarse clock
    assert backend.current_version() != first
    assert backend.load().values.loc[0, "value"] == 99.0


def test_geopackage_backend_missing_file_raises_dataset_error(tmp_path):
    with pytest.raises(DatasetError, match="no such dataset file"):
        GeoPackageBackend(tmp_path / "none.gpkg").load()


def test_redacted_hides_a_database_password_and_keeps_paths():
    assert redacted("postgresql://reader:s3cret@db:5432/levekar") == "postgresql://reader:***@db:5432/levekar"
    assert redacted("/data/trondheim.gpkg") == "/data/trondheim.gpkg"
