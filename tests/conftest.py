"""Shared fixtures: tiny datasets built in code, so no test depends on the network."""

from __future__ import annotations

import os

import geopandas as gpd
import pytest
from shapely.geometry import box

from geo.data.catalog import DEFAULT_CATALOG
from geo.data.dataset import Dataset, values_frame

#: A developer's DATABASE_URL serves the PostGIS tests (tests/geo/storage) only: taken out of the environment
#: here, so every other test, and every app the tests start, runs on the embedded files as in CI.
DEVELOPER_DATABASE_URL = os.environ.pop("DATABASE_URL", "").strip()


@pytest.fixture
def tiny_dataset() -> Dataset:
    """Three square zones in two districts, one indicator over two years, one suppressed value."""
    zones = gpd.GeoDataFrame(
        {"zone_id": ["0101", "0102", "0201"], "name": ["Ålesund sør", "Øvre Æ", "Midt"],
         "district": ["Nord", "Nord", "Sør"]},
        geometry=[box(270000, 7040000, 271000, 7041000), box(271000, 7040000, 272000, 7041000),
                  box(270000, 7039000, 271000, 7040000)],
        crs="EPSG:25833",
    )
    rows = []
    for year, nums in ((2021, (10, 40, 1)), (2022, (12, 50, 2))):
        for zid, num, den in zip(["0101", "0102", "0201"], nums, (100, 400, 10), strict=True):
            rows.append({"zone_id": zid, "indicator": "child_low_income", "year": year,
                         "value": num / den * 100, "numerator": num, "denominator": den,
                         "status": "synthetic", "source": "test"})
    rows[-1].update(value=None, numerator=None, status="suppressed")
    return Dataset(zones=zones, values=values_frame(rows), catalog=DEFAULT_CATALOG,
                   meta={"name": "Tiny test", "demo": True})


@pytest.fixture(autouse=True)
def _internal_mode(monkeypatch, tmp_path_factory):
    """Every test starts internal, whatever the developer's shell or ``levekar.toml`` says; tests of public
    mode switch it on themselves."""
    monkeypatch.delenv("LEVEKAR_PUBLIC", raising=False)
    empty = tmp_path_factory.getbasetemp() / "levekar-empty.toml"
    if not empty.exists():
        empty.write_text("[levekar]\n", encoding="utf-8")
    monkeypatch.setenv("LEVEKAR_CONFIG", str(empty))
