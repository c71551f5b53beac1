"""Manifest table and the licence notices it implies."""

from __future__ import annotations

import pytest

from geo.errors import DatasetError
from geo.sources import entur, geonorge, osm, ssb, trondheim
from geo.sources.manifest import attribution, manifest_frame


def entry(licence, query=None):
    return {"name": "n", "url": "https://x", "query": query, "retrieved_at": "2026-11-22T00:00:00+00:00",
            "licence": licence, "sha256": "0" * 64, "bytes": 10}


META = {"manifest": [entry(ssb.LICENCE, {"lang": "no"}), entry(geonorge.GRUNNKRETS_LICENCE), entry(osm.LICENCE),
                     entry(entur.LICENCE), entry(trondheim.LICENCE), entry(ssb.LICENCE)]}


def test_attribution_bokmal_and_english():
    nb = attribution(META)
    assert "Inneholder data under Norsk lisens for offentlige data (NLOD) tilgjengeliggjort av Statistisk sentralbyrå." in nb
    assert "Inneholder data fra Statistisk sentralbyrå / Kartverket under CC BY 4.0." in nb
    assert any(line.startswith("Kartdata © OpenStreetMap-bidragsytere") for line in nb)
    assert f"Kilde: {trondheim.LICENCE}" in nb and len(nb) == 5
    en = attribution(META, "en")
    assert "Contains data under the Norwegian licence for Open Government data (NLOD) distributed by Entur / AtB." in en


def test_manifest_frame():
    frame = manifest_frame(META)
    assert list(frame.columns) == ["name", "url", "query", "retrieved_at", "licence", "sha256", "bytes"]
    assert frame.loc[0, "query"] == '{"lang":"no"}' and frame.loc[1, "query"] == ""
    assert manifest_frame({}).empty and attribution({"demo": True}) == []


def test_imported_manifest_entries_are_accepted():
    imported = {"manifest": [{"file": "soner.geojson", "role": "zones", "format": "GeoJSON", "sha256": "1" * 64,
                              "bytes": 5, "imported_at": "2026-11-22T00:00:00+00:00"}]}
    frame = manifest_frame(imported)
    assert frame.loc[0, "file"] == "soner.geojson" and frame.loc[0, "query"] == "" and frame.loc[0, "bytes"] == 5
    assert attribution(imported) == []


def test_malformed_manifest_is_a_dataset_error():
    with pytest.raises(DatasetError, match="manifest must be a list"):
        manifest_frame({"manifest": {"a": 1}})
    with pytest.raises(DatasetError, match="manifest entry 0 is str, not an object"):
        attribution({"manifest": ["x"]})
