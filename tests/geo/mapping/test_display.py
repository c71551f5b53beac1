"""Tests for geo.mapping.display: coverage simplification, GeoJSON, click lookup, district outlines."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.geometry import box

from geo.data.synthetic import synthetic_coverage
from geo.mapping.display import (
    DETAIL,
    ZoneLocator,
    display_layer,
    display_tolerance,
    district_outlines,
    json_for_script,
    to_geojson,
)


@pytest.fixture(scope="module")
def coverage():
    return synthetic_coverage(12, 1500, seed=2)


@pytest.fixture(scope="module")
def layer(coverage):
    return display_layer(coverage)


def test_tolerance_follows_the_extent(coverage):
    assert display_tolerance(coverage) == pytest.approx(24_000 / DETAIL, rel=0.02)
    bigger = coverage.copy()
    bigger.geometry = bigger.geometry.scale(100, 100, origin=(0, 0))
    assert display_tolerance(bigger) == pytest.approx(100 * display_tolerance(coverage))


def test_layer_is_simplified_rounded_and_lonlat(layer, coverage):
    assert layer.zones.crs.to_epsg() == 4326
    assert layer.n_vertices_out < layer.n_vertices_in / 2
    coords = shapely.get_coordinates(layer.zones.geometry.values)
    assert np.allclose(coords, np.round(coords, 5), atol=0, rtol=0)
    assert 10.0 < coords[:, 0].min() < 10.7 and 63.2 < coords[:, 1].min() < 63.6
    assert layer.zone_ids == list(coverage["zone_id"])


def test_simplification_opens_no_gaps_or_overlaps(layer, coverage):
    back = layer.zones.to_crs(25833).geometry.values
    union = shapely.union_all(back)
    overlaps = float(shapely.area(back).sum() - union.area)
    gaps = sum(shapely.Polygon(r).area for r in union.interiors) if union.geom_type == "Polygon" else np.inf
    assert overlaps < 1.0 and gaps < 1.0


def test_geojson_carries_only_zone_id(layer):
    data = json.loads(layer.geojson)
    assert len(data["features"]) == 12
    assert {tuple(f["properties"]) for f in data["features"]} == {("zone_id",)}
    assert data["features"][0]["properties"]["zone_id"] == "0001"


def test_json_for_script_cannot_close_a_script():
    text = json_for_script({"name": "</script><img src=x onerror=alert(1)>&"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"name": "</script><img src=x onerror=alert(1)>&"}
    geo = to_geojson(["</script>"], np.array([box(0, 0, 1, 1)]))
    assert "</script>" not in geo and json.loads(geo)["features"][0]["properties"]["zone_id"] == "</script>"


def test_locator_finds_the_zone_under_a_click(layer, coverage):
    for i in (0, 5, 11):
        p = gpd.GeoSeries([coverage.geometry.iloc[i].representative_point()], crs=25833).to_crs(4326).iloc[0]
        assert layer.locator.zone_at(p.x, p.y) == coverage["zone_id"].iloc[i]
        assert layer.locator.zone_at_click({"lat": p.y, "lng": p.x}) == coverage["zone_id"].iloc[i]


@pytest.mark.parametrize("point", [(0.0, 0.0), (None, 63.4), ("x", 1), (float("nan"), 63.4)])
def test_locator_returns_none_outside_or_for_garbage(layer, point):
    assert layer.locator.zone_at(*point) is None


def test_locator_click_garbage_is_none(layer):
    assert layer.locator.zone_at_click(None) is None
    assert layer.locator.zone_at_click({"lat": None}) is None


def test_locator_on_shared_edge_picks_one_zone():
    loc = ZoneLocator(["a", "b"], [box(0, 0, 1, 1), box(1, 0, 2, 1)])
    assert loc.zone_at(1.0, 0.5) == "a"
    assert loc.zone_at(1.5, 0.5) == "b"


def test_locator_needs_aligned_inputs():
    with pytest.raises(ValueError, match="2 ids but 1 geometries"):
        ZoneLocator(["a", "b"], [box(0, 0, 1, 1)])


def test_locator_from_zones_reprojects(coverage):
    loc = ZoneLocator.from_zones(coverage)
    p = gpd.GeoSeries([coverage.geometry.iloc[3].centroid], crs=25833).to_crs(4326).iloc[0]
    assert loc.zone_at(p.x, p.y) == "0004"


def test_district_outlines_dissolve_zones(layer):
    d = layer.districts
    assert list(d["district"]) == sorted(layer.zones["district"].unique())
    assert d.crs.to_epsg() == 4326
    assert float(d.to_crs(25833).area.sum()) == pytest.approx(float(layer.zones.to_crs(25833).area.sum()), rel=1e-6)
    assert json.loads(layer.districts_geojson)["features"][0]["properties"] == {"district": d["district"].iloc[0]}


def test_district_outlines_skip_zones_without_district():
    zones = gpd.GeoDataFrame({"zone_id": ["1", "2", "3"], "district": ["A", None, "A"]},
                             geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1), box(0, 1, 1, 2)], crs=25833)
    d = district_outlines(zones)
    assert list(d["district"]) == ["A"] and d.geometry.iloc[0].area == pytest.approx(2.0)


def test_zone_bounds_for_zoom(layer):
    (s, w), (n, e) = layer.zone_bounds("0001")
    (s0, w0), (n0, e0) = layer.bounds
    assert s0 <= s < n <= n0 and w0 <= w < e <= e0
    assert layer.zone_bounds("nope") is None


def test_display_layer_needs_a_projected_crs(coverage):
    with pytest.raises(ValueError, match="must be in a projected CRS.*reproject to EPSG:25833"):
        display_layer(coverage.to_crs(4326))
    with pytest.raises(ValueError, match="have no CRS"):
        display_layer(coverage.set_crs(None, allow_override=True))


def test_overlapping_input_still_gets_a_layer():
    zones = gpd.GeoDataFrame({"zone_id": ["1", "2"], "name": ["a", "b"], "district": ["A", "A"]},
                             geometry=[box(270000, 7040000, 271000, 7041000), box(270500, 7040000, 271500, 7041000)],
                             crs=25833)
    layer = display_layer(zones)
    assert len(json.loads(layer.geojson)["features"]) == 2


def test_vertex_budget_raises_the_automatic_tolerance(coverage):
    free = display_layer(coverage, max_vertices=None)
    tight = display_layer(coverage, max_vertices=free.n_vertices_out // 3)
    assert tight.tolerance >= 2 * free.tolerance
    assert tight.n_vertices_out < free.n_vertices_out
    # Never beyond extent / MIN_DETAIL, however small the budget.
    floor = display_layer(coverage, max_vertices=1)
    assert floor.tolerance <= display_tolerance(coverage) * DETAIL / 500
    # An explicit tolerance is taken as given.
    assert display_layer(coverage, tolerance=1.0, max_vertices=1).tolerance == 1.0
