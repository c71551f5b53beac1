"""Trondheim kommune's levekår layers: parsing, zone ids and age indicators."""

from __future__ import annotations

import copy

import pytest
import responses

from geo.sources import trondheim
from geo.sources.http import SourceFormatError
from tests.geo.sources.recorded import load, serve

LAYER = load("trondheim_personer0_17_2018.json")


def test_zone_id_slug():
    assert trondheim.zone_id("Flatås-Huseby") == "flatas-huseby"
    assert trondheim.zone_id(" Øvre Æsøy ") == "ovre-aesoy"


def test_parse_layer_reprojects_and_finds_the_value_field():
    gdf = trondheim.parse_layer(LAYER, "u")
    assert gdf.crs == "EPSG:25833" and gdf["value"].tolist() == [432, 100, 90, 700]
    assert 999_000 < gdf.geometry.iloc[0].area < 1_001_000


@pytest.mark.parametrize(("change", "match"), [
    (lambda d: d["features"][1]["properties"].pop("levekårsone"), "feature 1 has no 'levekårsone'"),
    (lambda d: [f["properties"].update(andel=0.5) for f in d["features"]], r"numeric candidates: \['antall', 'andel'\]"),
    (lambda d: d.update(type="Feature"), "not a GeoJSON FeatureCollection"),
    (lambda d: d.update(features=[]), "the layer has no features"),
    (lambda d: d["features"][0]["geometry"].update(coordinates=[[[270000, 7040000], [271000, 7040000],
                                                                  [271000, 7041000], [270000, 7040000]]]),
     "are not longitude/latitude"),
])
def test_parse_layer_errors(change, match):
    doc = copy.deepcopy(LAYER)
    change(doc)
    with pytest.raises(SourceFormatError, match=match):
        trondheim.parse_layer(doc, "https://kart.trondheim.kommune.no/levekar2020/personer0_17/2018.js")


def test_area_fields_are_not_taken_for_the_figure():
    doc = copy.deepcopy(LAYER)
    for f in doc["features"]:
        f["properties"].update(Shape_Area=1e6, OBJECTID=7)
    assert trondheim.parse_layer(doc, "u")["value"].tolist() == [432, 100, 90, 700]


def test_parse_layer_explicit_value_field():
    doc = copy.deepcopy(LAYER)
    for f in doc["features"]:
        f["properties"]["andel"] = 0.5
    assert trondheim.parse_layer(doc, "u", value_field="antall")["value"].iloc[0] == 432
    with pytest.raises(SourceFormatError, match="property 'verdi' is missing"):
        trondheim.parse_layer(doc, "u", value_field="verdi")


@responses.activate
def test_age_indicators_missing_zone_in_one_layer_is_missing_not_small(make_client):
    serve(responses.mock)
    http = make_client()
    layers = {n: trondheim.fetch_layer(http, n, 2018) for n in trondheim.AGE_LAYERS}
    frame = layers["personer67"].frame
    object.__setattr__(layers["personer67"], "frame", frame[frame["name"] != "Lademoen"])
    rows = trondheim.age_indicators(layers, 2018).set_index(["zone_id", "indicator"])
    assert rows.loc[("lademoen", "population"), "status"] == "missing"
    assert rows.loc[("midtbyen", "population"), "status"] == "published"
    with pytest.raises(SourceFormatError, match=r"age layer\(s\) \['personer67'\] are needed"):
        trondheim.age_indicators({k: v for k, v in layers.items() if k != "personer67"}, 2018)


def test_names_that_collapse_to_one_id_are_an_error():
    doc = copy.deepcopy(LAYER)
    doc["features"][0]["properties"]["levekårsone"] = "Flatås Huseby"  # vs "Flatås-Huseby"
    layer = trondheim.Layer("personer0_17", 2018, trondheim.parse_layer(doc, "u"),
                            type("F", (), {"url": "u"})())
    with pytest.raises(SourceFormatError, match=r"zone names collapse to the same id\(s\) \['flatas-huseby'\]"):
        trondheim.zones_from_layer(layer)


def test_unknown_geometry_type_is_a_format_error():
    doc = copy.deepcopy(LAYER)
    doc["features"][0]["geometry"] = {"type": "Blob", "coordinates": [1, 2]}
    with pytest.raises(SourceFormatError, match="invalid GeoJSON geometry"):
        trondheim.parse_layer(doc, "u")
