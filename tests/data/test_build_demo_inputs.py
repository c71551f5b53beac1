"""The committed synthetic demo inputs have the features their README promises."""

from __future__ import annotations

import datetime as dt

import pyogrio

from geo.access import DEMO_INPUTS_DIR
from geo.config import FACTS_DIR
from geo.gtfs import load_stop_service, read_feed
from geo.population import read_population


def test_demo_feed_has_the_advertised_features():
    feed = read_feed(DEMO_INPUTS_DIR / "gtfs.zip")
    assert "SYNTHETIC" in feed.agency["agency_name"].iloc[0] and "SYNTHETIC" in feed.feed_info.iloc[0, 0]
    assert {0, 2, 3} <= set(feed.routes["route_type"].astype(int))
    assert (feed.stops["location_type"].fillna(0) == 1).any() and feed.stops["parent_station"].notna().any()
    assert (feed.stop_times["departure_time"].str[:2].astype(int) >= 24).any()
    assert set(feed.calendar_dates["exception_type"].astype(int)) == {1, 2}
    # 1 May is a holiday: no weekday service, Sunday service instead
    assert "WD" not in feed.get_active_services("20250501") and "SU" in feed.get_active_services("20250501")
    service = load_stop_service(DEMO_INPUTS_DIR / "gtfs.zip")
    assert service.date.weekday() < 5 and service.date.year == 2025
    assert set(service.stops["mode"]) == {"bus", "tram", "rail"}
    assert load_stop_service(DEMO_INPUTS_DIR / "gtfs.zip", dt.date(2025, 5, 1)).departures("07:00-19:00").sum() > 0


def test_demo_population_and_green_areas():
    pop = read_population(DEMO_INPUTS_DIR / "population.gpkg")
    assert 150_000 < pop["population"].sum() < 260_000 and len(pop) > 1000
    info = pyogrio.read_info(DEMO_INPUTS_DIR / "green_areas.gpkg")
    assert info["crs"] == "EPSG:25833" and info["features"] > 50
    assert (DEMO_INPUTS_DIR / "README.md").read_text().startswith("# Demo inputs for the access indicators — SYNTHETIC")


FACTS = FACTS_DIR / "trondheim_levekarssoner_2020.csv"


def test_rebuild_is_byte_identical_to_the_committed_files(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_demo_inputs", DEMO_INPUTS_DIR.parent / "build_demo_inputs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(["--facts", str(FACTS), "--out", str(tmp_path)])
    for name in ("gtfs.zip", "population.gpkg", "green_areas.gpkg"):
        assert (tmp_path / name).read_bytes() == (DEMO_INPUTS_DIR / name).read_bytes(), name
