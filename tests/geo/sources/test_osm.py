"""OpenStreetMap green areas from Overpass answers."""

from __future__ import annotations

import pytest

from geo.sources import osm
from geo.sources.http import SourceFormatError
from tests.geo.sources.recorded import load


def test_osm_green_polygons():
    gdf = osm.green_polygons(load("overpass_green.json"))
    assert gdf["osm_id"].tolist() == ["way/1001", "relation/2002"]
    assert gdf["kind"].tolist() == ["leisure=park", "landuse=forest"]
    forest = gdf.geometry.iloc[1]
    assert len(forest.interiors) == 1 and gdf.crs == "EPSG:25833"
    assert "ODbL" in osm.ATTRIBUTION
    with pytest.raises(SourceFormatError, match="no 'elements' array"):
        osm.green_polygons({"remark": "runtime error"})


def test_overpass_query_names_every_tag():
    q = osm.overpass_query((63.3, 10.2, 63.5, 10.6))
    assert q.startswith("[out:json]") and q.endswith("out geom;") and 'leisure"~"^(park|' in q
