"""``geo fetch … --context``: OpenStreetMap water, coastline and major roads stored in the dataset."""

from __future__ import annotations

import functools

import geopandas as gpd
import pytest
import responses
from shapely.geometry import LineString, box

from geo.cli import main
from geo.commands import fetch as fetch_command
from geo.data.dataset import Dataset, load, load_default, save
from geo.errors import DatasetError
from geo.mapping.display import context_layer
from geo.sources import osm
from geo.sources.http import HttpClient, SourceFormatError
from tests.geo.sources.recorded import load as fixture
from tests.geo.sources.recorded import serve


@pytest.fixture(autouse=True)
def no_real_sleep(monkeypatch):
    monkeypatch.setattr(fetch_command, "HttpClient", functools.partial(HttpClient, sleep=lambda s: None))


def test_context_features_from_an_overpass_answer():
    gdf = osm.context_features(fixture("overpass_context.json"))
    assert gdf["osm_id"].tolist() == ["way/3001", "relation/3002", "way/3003", "way/3004"]  # no footway
    assert gdf["kind"].tolist() == ["water", "water", "coastline", "road"]
    assert gdf.geom_type.tolist() == ["Polygon", "Polygon", "LineString", "LineString"]
    assert gdf.crs == "EPSG:25833" and gdf["name"].tolist()[:2] == ["Theisendammen", "Nidelva"]
    assert len(gdf.geometry.iloc[1].interiors) == 1  # the relation keeps its hole
    with pytest.raises(SourceFormatError, match="no 'elements' array"):
        osm.context_features({"remark": "runtime error"})


def test_context_query_asks_for_water_coast_and_major_roads_only():
    q = osm.context_query((63.3, 10.2, 63.5, 10.6))
    assert q.startswith("[out:json]") and q.endswith("out geom;")
    assert '"natural"="coastline"' in q and "motorway|trunk|primary|secondary" in q and "footway" not in q
    assert "(63.3,10.2,63.5,10.6)" in q


def test_fetch_with_context_stores_the_layer_and_attributes_it(tmp_path, capsys):
    out, cache = tmp_path / "out.gpkg", tmp_path / "cache"
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        serve(rsps)
        assert main(["fetch", "trondheim", "--out", str(out), "--cache", str(cache), "--quiet", "--context"]) == 0
    ds = load(out)
    assert ds.context is not None and sorted(set(ds.context["kind"])) == ["coastline", "road", "water"]
    entry = next(e for e in ds.meta["manifest"] if e["name"] == osm.CONTEXT_NAME)
    assert entry["licence"] == osm.LICENCE and "coastline" in entry["query"]["data"]
    assert any("OpenStreetMap" in line for line in ds.meta["attribution"]["nb"])
    assert "map context (OpenStreetMap, ODbL): 2 water, 1 coastline, 1 road" in capsys.readouterr().out
    # Offline from the cache: the same layer.
    again = tmp_path / "again.gpkg"
    with responses.RequestsMock():
        assert main(["fetch", "trondheim", "--out", str(again), "--cache", str(cache), "--quiet", "--context",
                     "--offline"]) == 0
    offline = load(again)  # built_at differs; the content does not
    assert offline.version() == ds.version() and offline.meta["manifest"] == ds.meta["manifest"]


def test_fetch_without_context_has_none(tmp_path):
    out = tmp_path / "plain.gpkg"
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        serve(rsps)
        assert main(["fetch", "trondheim", "--out", str(out), "--cache", str(tmp_path / "c"), "--quiet"]) == 0
        assert not any("coastline" in c.request.url for c in rsps.calls)
    assert load(out).context is None


def test_plan_lists_the_context_source(capsys):
    with responses.RequestsMock() as rsps:
        assert main(["fetch", "trondheim", "--plan", "--context"]) == 0
        assert len(rsps.calls) == 0
    assert osm.CONTEXT_NAME in capsys.readouterr().out


def _with_context(ds: Dataset, context) -> Dataset:
    return Dataset(ds.zones, ds.values, ds.catalog, ds.meta, ds.references, context=context)


def test_save_load_keeps_the_context_and_the_version(tmp_path):
    demo = load_default()
    assert demo.context is None and context_layer(demo) is None  # the demo has none
    ds = _with_context(demo, osm.context_features(fixture("overpass_context.json")))
    back = load(save(ds, tmp_path / "ctx.gpkg"))
    assert back.equals(ds) and back.version() == ds.version() != demo.version()
    assert not back.equals(demo)
    plain = load(save(demo, tmp_path / "plain.gpkg"))
    assert plain.context is None and plain.version() == demo.version()


def test_context_is_checked():
    demo = load_default()
    bad = gpd.GeoDataFrame({"kind": ["rail"]}, geometry=[LineString([(0, 0), (1, 1)])], crs="EPSG:25833")
    with pytest.raises(DatasetError, match="unknown kind"):
        _with_context(demo, bad)
    with pytest.raises(DatasetError, match="with a CRS"):
        _with_context(demo, gpd.GeoDataFrame({"kind": ["road"]}, geometry=[LineString([(0, 0), (1, 1)])]))
    empty = gpd.GeoDataFrame({"kind": []}, geometry=[], crs="EPSG:25833")
    assert _with_context(demo, empty).context is None


def test_context_layer_is_simplified_wgs84_with_water_first():
    demo = load_default()
    x0, y0 = demo.zones.total_bounds[:2]
    wiggly = LineString([(x0 + i * 10, y0 + (i % 2)) for i in range(200)])  # 1 m zigzag: simplified away
    ctx = gpd.GeoDataFrame({"osm_id": ["way/2", "way/1"], "kind": ["road", "water"], "name": ["E6", "Vann"]},
                           geometry=[wiggly, box(x0, y0, x0 + 500, y0 + 500)], crs="EPSG:25833")
    layer = context_layer(_with_context(demo, ctx))
    assert layer.crs == "EPSG:4326" and layer["kind"].tolist() == ["water", "road"]
    road = layer.geometry.iloc[1]
    assert len(road.coords) < 10 and all(round(c, 5) == c for xy in road.coords for c in xy)
    minx, miny, maxx, maxy = layer.total_bounds
    assert 9 < minx < 12 and 63 < miny < 64
