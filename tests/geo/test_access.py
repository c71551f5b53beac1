"""Transit and green access on tiny inputs whose answers are worked out by hand in the comments."""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point, box

from geo.access import (
    DISTANCE_METHODS,
    AccessError,
    GreenAccessModel,
    TransitAccessModel,
    assign_residents,
    dissolve_green,
    green_access,
    recompute,
    transit_access,
)
from geo.errors import UnknownChoiceError
from geo.gtfs import StopService

X0, Y0 = 270000.0, 7040000.0
CRS = "EPSG:25833"


@pytest.fixture
def zones() -> gpd.GeoDataFrame:
    """Zone A (0–1000 m square) with residents, zone B (east of it) without."""
    return gpd.GeoDataFrame({"zone_id": ["0101", "0102"]},
                            geometry=[box(X0, Y0, X0 + 1000, Y0 + 1000), box(X0 + 1000, Y0, X0 + 2000, Y0 + 1000)],
                            crs=CRS)


@pytest.fixture
def population() -> gpd.GeoDataFrame:
    """100 residents at the centre of each quarter of zone A."""
    pts = [Point(X0 + dx, Y0 + dy) for dx in (250, 750) for dy in (250, 750)]
    return gpd.GeoDataFrame({"population": [100.0] * 4}, geometry=pts, crs=CRS)


def service(stops: list[tuple[str, float, float, str, float]]) -> StopService:
    """Stops (id, dx, dy, capacity, departures per hour spread evenly over 07:00–19:00)."""
    frame = pd.DataFrame([{"stop_id": s, "stop_name": s, "x": X0 + dx, "y": Y0 + dy,
                           "mode": "rail" if cap == "high" else "bus", "capacity": cap}
                          for s, dx, dy, cap, _ in stops],
                         columns=["stop_id", "stop_name", "x", "y", "mode", "capacity"])
    keys = []
    for i, (*_, per_hour) in enumerate(stops):
        n = int(per_hour * 12)
        keys += [i * 10_000_000 + 7 * 3600 + int(k * 12 * 3600 / n) for k in range(n)] if n else []
    return StopService(frame, np.sort(np.array(keys, dtype="int64")), dt.date(2025, 3, 4), "test.zip")


def row(values: pd.DataFrame, zone: str) -> dict:
    return values.set_index("zone_id").loc[zone].to_dict()


def test_zone_half_inside_a_stop_radius(zones, population):
    # Stop on the west edge at mid-height: the two western residents are 354 m away, the eastern 791 m.
    v = transit_access(zones, population, service([("S", 0, 500, "low", 6)]), population_source="pop.csv")
    a = row(v, "0101")
    assert a["value"] == pytest.approx(50.0)
    assert (a["numerator"], a["denominator"], a["status"]) == (200.0, 400.0, "computed")
    assert a["year"] == 2025 and set(v["indicator"]) == {"transit_access"}
    assert "GTFS test.zip (service date 2025-03-04, 07:00-19:00, ≥ 4 departures/h per stop)" in a["source"]
    assert "pop.csv" in a["source"] and "500 m to bus" in a["source"]


def test_zone_without_residents_is_missing_not_zero(zones, population):
    v = transit_access(zones, population, service([("S", 0, 500, "low", 6)]))
    b = row(v, "0102")
    assert b["status"] == "missing" and np.isnan(b["value"]) and np.isnan(b["numerator"])
    assert b["denominator"] == 0


def test_stop_below_frequency_threshold_ignored(zones, population):
    stops = service([("S", 0, 500, "low", 3)])
    assert row(transit_access(zones, population, stops), "0101")["value"] == 0.0
    assert row(transit_access(zones, population, stops, min_departures=3), "0101")["value"] == 50.0


def test_rail_gets_the_longer_distance(zones, population):
    # 500 m west of the edge: western residents are 791 m away, eastern 1 275 m.
    bus = service([("S", -500, 500, "low", 6)])
    rail = service([("S", -500, 500, "high", 6)])
    assert row(transit_access(zones, population, bus), "0101")["value"] == 0.0
    assert row(transit_access(zones, population, rail), "0101")["value"] == 50.0
    assert row(transit_access(zones, population, rail, rail_distance=700), "0101")["value"] == 0.0
    assert row(transit_access(zones, population, bus, distance=800), "0101")["value"] == 50.0


def test_model_recomputes_for_new_parameters(zones, population):
    stops = service([("S", 0, 500, "low", 6), ("E", 1100, 500, "low", 2)])
    model = TransitAccessModel.build(zones, population, stops)
    assert row(model.values(), "0101")["value"] == 50.0
    # E (2/h) is 354 m from the eastern residents: it counts once 2/h is enough
    assert row(model.values(min_departures=2), "0101")["value"] == 100.0
    # in 07:00–08:00 E runs twice, S six times
    assert row(model.values(min_departures=5, window="07:00-08:00"), "0101")["value"] == 50.0
    assert row(model.values(window="19:00-23:00", min_departures=1), "0101")["value"] == 0.0
    # 300 m: nobody (354 m); 1 000 m beyond the first cutoff works too (all within 791 m of S)
    assert row(recompute("transit_access", model, distance=300), "0101")["value"] == 0.0
    assert row(model.values(distance=1500, rail_distance=1500), "0101")["value"] == 100.0
    assert row(model.values(year=2030), "0101")["year"] == 2030
    layer = model.stops_frame(min_departures=4, rail_distance=900).set_index("stop_id")
    assert layer.loc["S", "frequent"] and not layer.loc["E", "frequent"] and layer.loc["E", "departures_per_hour"] == 2
    assert layer.loc["S", "radius_m"] == 500 and layer.crs == CRS


def test_points_outside_zones_and_on_shared_edges(zones):
    pts = gpd.GeoDataFrame({"population": [10.0, 20.0, 5.0]},
                           geometry=[Point(X0 + 1000, Y0 + 500), Point(X0 + 500, Y0 + 500), Point(X0 - 900, Y0)],
                           crs=CRS)
    r = assign_residents(zones, pts)
    # the point on the A|B edge is counted once (in the first zone), the one outside is left out
    assert r.per_zone.tolist() == [30.0, 0.0]
    assert (r.outside_points, r.outside_population) == (1, 5.0)


def test_population_outside_all_zones(zones):
    pts = gpd.GeoDataFrame({"population": [1.0]}, geometry=[Point(10.4, 63.4)], crs=CRS)
    with pytest.raises(AccessError, match="all 1 population points lie outside every zone .* check that the population"):
        assign_residents(zones, pts)


def test_crs_mismatch(zones, population):
    with pytest.raises(AccessError, match="population points are in EPSG:4326 but the zones in EPSG:25833; reproject"):
        assign_residents(zones, population.to_crs("EPSG:4326"))
    with pytest.raises(AccessError, match="population points have no CRS"):
        assign_residents(zones, population.set_crs(None, allow_override=True))
    with pytest.raises(AccessError, match=r"zones are in EPSG:4326 \(degrees\); reproject zones and population"):
        assign_residents(zones.to_crs("EPSG:4326"), population.to_crs("EPSG:4326"))
    with pytest.raises(AccessError, match="the zones have no CRS"):
        assign_residents(zones.set_crs(None, allow_override=True), population)
    with pytest.raises(AccessError, match="green areas are in EPSG:4326"):
        green_access(zones, population, gpd.GeoDataFrame(geometry=[box(0, 0, 1, 1)], crs="EPSG:4326"))


def test_bad_inputs(zones, population):
    with pytest.raises(AccessError, match="zones lack a zone_id column"):
        assign_residents(zones.rename(columns={"zone_id": "id"}), population)
    with pytest.raises(AccessError, match="lack a 'population' column"):
        assign_residents(zones, population.rename(columns={"population": "n"}))
    with pytest.raises(AccessError, match="not all points"):
        assign_residents(zones, population.set_geometry(population.buffer(1)))
    model = TransitAccessModel.build(zones, population, service([("S", 0, 500, "low", 6)]))
    with pytest.raises(AccessError, match="distance must be a positive number of metres, got -5"):
        model.values(distance=-5)
    with pytest.raises(AccessError, match="rail distance must be a positive"):
        model.values(rail_distance=0)
    with pytest.raises(AccessError, match="minimum departures per hour must be ≥ 0"):
        model.values(min_departures=-1)
    with pytest.raises(UnknownChoiceError, match="Unknown distance method 'network'. Available: straight"):
        TransitAccessModel.build(zones, population, service([]), method="network")
    with pytest.raises(UnknownChoiceError, match="Unknown access indicator"):
        recompute("noise", model)


def test_no_stops_at_all(zones, population):
    assert row(transit_access(zones, population, service([])), "0101")["value"] == 0.0


def green(*rects) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(geometry=[box(X0 + a, Y0 + b, X0 + c, Y0 + d) for a, b, c, d in rects], crs=CRS)


def test_green_area_below_minimum_size_ignored(zones, population):
    # a 50 × 50 m park (0.25 ha) right beside the south-western resident
    small = green((200, 200, 250, 250))
    assert row(green_access(zones, population, small), "0101")["value"] == 0.0
    assert row(green_access(zones, population, small, min_area_ha=0.2), "0101")["value"] == 25.0


def test_touching_green_polygons_are_dissolved(zones, population):
    # two touching 50 × 50 m parts → one 0.5 ha area; residents at (250,250) inside it: 0 m
    parts = green((200, 200, 250, 300), (250, 200, 300, 300))
    areas, ha = dissolve_green(parts)
    assert len(areas) == 1 and ha[0] == pytest.approx(1.0)
    v = green_access(zones, population, parts, min_area_ha=1.0, distance=1, green_source="parks.gpkg")
    a = row(v, "0101")
    assert a["value"] == 25.0 and a["indicator"] == "green_access"
    assert "parks.gpkg (dissolved, ≥ 1 ha)" in a["source"] and "within 1 m" in a["source"]
    assert row(v, "0102")["status"] == "missing"


def test_green_distance_to_edge(zones, population):
    # a 1 ha park 100 m south of zone A: the southern residents are 350 m from its edge, the northern 850 m
    park = green((0, -200, 1000, -100))
    model = GreenAccessModel.build(zones, population, park, cutoff=300)
    assert row(model.values(), "0101")["value"] == 0.0
    assert row(model.values(distance=350), "0101")["value"] == 50.0
    assert row(model.values(distance=900, year=2024), "0101")["value"] == 100.0
    assert row(recompute("green_access", model, distance=900, min_area_ha=20), "0101")["value"] == 0.0
    with pytest.raises(AccessError, match="minimum green area must be ≥ 0 hectares"):
        model.values(min_area_ha=-1)
    areas = model.areas_frame(min_area_ha=2)
    assert areas.crs == CRS and areas["hectares"].tolist() == [10.0] and areas["counted"].tolist() == [True]


def test_green_ignores_non_polygons_and_empty(zones, population):
    mixed = gpd.GeoDataFrame(geometry=[Point(X0, Y0), box(X0 + 200, Y0 + 200, X0 + 300, Y0 + 300)], crs=CRS)
    assert len(dissolve_green(mixed)[0]) == 1
    assert len(dissolve_green(gpd.GeoDataFrame(geometry=[], crs=CRS))[0]) == 0
    assert row(green_access(zones, population, mixed.iloc[:1]), "0101")["value"] == 0.0


def test_straight_line_pairs_match_brute_force():
    rng = np.random.default_rng(1)
    o, t = rng.uniform(0, 3000, (200, 2)), rng.uniform(0, 3000, (50, 2))
    p = DISTANCE_METHODS["straight"].point_pairs(o, t, 500)
    d = np.hypot(*(o[:, None, :] - t[None, :, :]).transpose(2, 0, 1))
    assert set(zip(p.origin.tolist(), p.target.tolist(), strict=True)) == set(zip(*np.nonzero(d <= 500), strict=True))
    assert np.allclose(p.distance, d[p.origin, p.target])


def test_demo_access_values_from_committed_inputs():
    # Four quadrants around the synthetic population stand in for the demo's zones.
    from geo.access import DEMO_INPUTS_DIR, demo_access_values, demo_models
    from geo.population import read_population

    x0, y0, x1, y1 = read_population(DEMO_INPUTS_DIR / "population.gpkg").total_bounds
    xm, ym = (x0 + x1) / 2, (y0 + y1) / 2
    quads = gpd.GeoDataFrame({"zone_id": ["SW", "SE", "NW", "NE"]},
                             geometry=[box(x0, y0, xm, ym), box(xm, y0, x1, ym), box(x0, ym, xm, y1), box(xm, ym, x1, y1)],
                             crs=CRS)
    v = demo_access_values(quads, 2025)
    assert set(v["indicator"]) == {"transit_access", "green_access"} and len(v) == 8
    assert (v["status"] == "computed").all() and v["value"].between(0, 100).all()
    assert v["source"].str.startswith("SYNTHETIC demo inputs").all() and (v["year"] == 2025).all()
    assert "service date 2025-" in v.loc[v["indicator"] == "transit_access", "source"].iloc[0]
    transit, green = demo_models(quads)
    assert transit.year == green.year == 2025 and (green.values()["year"] == 2025).all()


def test_zones_in_another_metric_crs(zones, population):
    # UTM 32N: the same places, other coordinates; the stops (EPSG:25833) are moved along
    v = transit_access(zones.to_crs("EPSG:32632"), population.to_crs("EPSG:32632"), service([("S", 0, 500, "low", 6)]))
    assert row(v, "0101")["value"] == 50.0
