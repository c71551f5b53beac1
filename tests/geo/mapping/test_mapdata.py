"""Tests for geo.mapping.mapdata: the map component's geometry document (lossless, compact) and view updates."""

from __future__ import annotations

import json

import numpy as np
import pytest
import shapely

from geo.benchmarks import zone_facts
from geo.data.synthetic import synthetic_coverage, synthetic_dataset
from geo.mapping.classify import NO_DATA_COLOUR, classify
from geo.mapping.display import display_layer
from geo.mapping.mapdata import (
    FORMAT,
    content_name,
    decode_geometry,
    encode_geometry,
    geometry_document,
    view_update,
    zone_styles,
    zone_tips,
)

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def ds():
    zones = synthetic_coverage(12, 300, seed=5)
    zones.loc[0, "name"] = HOSTILE
    return synthetic_dataset(zones, seed=5)


@pytest.fixture(scope="module")
def layer(ds):
    return display_layer(ds.zones)


def test_encoding_is_lossless_on_display_coordinates(layer):
    for geom in layer.zones.geometry.values:
        back = decode_geometry(encode_geometry(geom))
        assert shapely.equals_exact(shapely.normalize(back), shapely.normalize(geom), tolerance=1e-9)


def test_polygon_with_hole_and_multipolygon_round_trip():
    hole = shapely.Polygon([(10, 63), (10.1, 63), (10.1, 63.1), (10, 63.1)],
                           [[(10.02, 63.02), (10.05, 63.02), (10.05, 63.05)]])
    multi = shapely.MultiPolygon([hole, shapely.box(10.2, 63.2, 10.3, 63.3)])
    for geom in (hole, multi):
        codes = encode_geometry(geom)
        assert len(codes) == len(shapely.get_parts(geom))
        assert decode_geometry(codes).equals(geom)


def test_document_is_compact_json_and_keeps_shared_edges(layer):
    text = geometry_document(layer)
    doc = json.loads(text)
    assert doc["format"] == FORMAT and doc["zones"]["ids"] == layer.zone_ids
    assert len(text) < 0.7 * len(layer.geojson)  # zones AND district outlines, smaller than the zones as GeoJSON
    decoded = np.array([decode_geometry(g) for g in doc["zones"]["geoms"]], dtype=object)
    union = shapely.union_all(decoded)
    overlap = shapely.area(decoded).sum() - union.area
    assert overlap < 1e-12  # in degrees²: no overlaps between neighbours
    assert doc["districts"]["ids"] == sorted(doc["districts"]["ids"])
    assert doc["context"] == {}


def test_context_lines_and_areas_are_encoded(layer):
    roads = [shapely.LineString([(10.4, 63.4), (10.41, 63.41), (10.42, 63.4)])]
    lake = [shapely.box(10.3, 63.3, 10.31, 63.31)]
    doc = json.loads(geometry_document(layer, {"road": roads, "water": lake}))
    assert doc["context"]["road"] == {"areas": [], "lines": [[1040000, 6340000, 1000, 1000, 1000, -1000]]}
    assert decode_geometry(doc["context"]["water"]["areas"]).equals(lake[0])


def test_content_name_changes_with_content():
    assert content_name("a") != content_name("b")
    assert content_name("a").startswith("zones-") and content_name("a").endswith(".json")


def test_view_update_escapes_and_styles(ds, layer):
    ind = ds.indicator("child_low_income")
    facts = zone_facts(ds, "child_low_income", 2022)
    classes = classify(facts, ind, k=3)
    upd = view_update(layer, facts, ind, classes, year=2022, selected="0002")
    assert set(upd["styles"]) == set(layer.zone_ids)
    assert HOSTILE not in json.dumps(upd["tips"]) and "&lt;img" in upd["tips"]["0001"]
    assert upd["selected"] == "0002" and upd["title"] == f"{ind.label('nb')} (2022)"
    assert view_update(layer, facts, ind, classes, year=2022, selected="nope")["selected"] is None
    assert upd["legend"].startswith("<details")


def test_given_tips_are_used_as_they_are_and_zone_tips_are_the_default(ds, layer):
    ind = ds.indicator("child_low_income")
    facts = zone_facts(ds, "child_low_income", 2022)
    classes = classify(facts, ind, k=3)
    for lang in ("nb", "en"):
        tips = zone_tips(facts, ind, year=2022, lang=lang, area="Trondheim")
        assert set(tips) == set(facts["zone_id"].astype(str)) and "Trondheim" in tips["0002"]
        assert view_update(layer, facts, ind, classes, year=2022, lang=lang, area="Trondheim")["tips"] == tips
    assert view_update(layer, facts, ind, classes, year=2022, tips={"0001": "x"})["tips"] == {"0001": "x"}


def test_missing_zones_get_the_no_data_colour(ds, layer):
    ind = ds.indicator("child_low_income")
    facts = zone_facts(ds, "child_low_income", 2022)
    facts.loc[facts["zone_id"] == "0003", ["value", "status"]] = [np.nan, "suppressed"]
    styles = zone_styles(layer, classify(facts, ind, k=3))
    assert styles["0003"] == [NO_DATA_COLOUR, -1]


def test_context_layers_of_a_dataset_with_and_without_one(ds):
    from types import SimpleNamespace

    import geopandas as gpd

    from geo.mapping.mapdata import context_layers, has_context

    assert not has_context(ds) and context_layers(ds) is None
    ctx = gpd.GeoDataFrame({"kind": ["water", "road"]},
                           geometry=[shapely.box(265000, 7035000, 266000, 7036000),
                                     shapely.LineString([(265000, 7035000), (270000, 7040000)])], crs=25833)
    with_ctx = SimpleNamespace(context=ctx, zones=ds.zones)
    assert has_context(with_ctx)
    layers = context_layers(with_ctx)
    assert set(layers) == {"water", "road"} and 10 < layers["road"][0].coords[0][0] < 11  # lon/lat

