"""``python -m geo access``: exit codes, messages and the values CSV, on tiny hand-built inputs."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from geo.cli import main
from geo.data.dataset import VALUE_COLUMNS, save
from tests.geo.gtfs_factory import WEEKDAYS_MARCH, make_feed, trips_every

H = 3600
# tiny_dataset zones: 0101 = [270000, 271000] × [7040000, 7041000], 0102 east of it, 0201 south of 0101


@pytest.fixture
def inputs(tmp_path, tiny_dataset):
    zones = save(tiny_dataset, tmp_path / "zones.gpkg")
    pop = tmp_path / "pop.csv"
    # 0101: 100 at (270250, 7040500) and 100 at (270750, 7040500); 0102: 50; 0201: nobody
    pop.write_text("x,y,population\n270250,7040500,100\n270750,7040500,100\n271500,7040500,50\n")
    # bus stop at the west edge of 0101, every 10 min on March weekdays 06:00–20:00
    trips, times = trips_every("B", "WD", ["S1", "S2"], 6 * H, 20 * H, 600, "b")
    feed = make_feed(tmp_path / "feed.zip", stops=[("S1", 270000, 7040500), ("S2", 268000, 7040500)],
                     routes=[("B", 3)], trips=trips, stop_times=times, calendar=[WEEKDAYS_MARCH])
    green = tmp_path / "green.gpkg"
    gpd.GeoDataFrame({"name": ["park", "tiny"]},
                     geometry=[box(271400, 7040400, 271600, 7040600), box(270700, 7040400, 270720, 7040420)],
                     crs="EPSG:25833").to_crs("EPSG:4326").to_file(green)
    return {"zones": str(zones), "pop": str(pop), "feed": str(feed), "green": str(green), "dir": tmp_path}


def transit(inputs, *extra):
    out = inputs["dir"] / "out.csv"
    argv = ["access", "transit", "--gtfs", inputs["feed"], "--population", inputs["pop"], "--zones", inputs["zones"],
            "--out", str(out), *extra]
    return main(argv), out


def test_transit_writes_long_values(inputs, capsys):
    code, out = transit(inputs)
    assert code == 0
    v = pd.read_csv(out, dtype={"zone_id": str}).set_index("zone_id")
    assert list(v.reset_index().columns) == VALUE_COLUMNS
    assert v.loc["0101", "value"] == 50.0 and v.loc["0101", "numerator"] == 100 and v.loc["0101", "denominator"] == 200
    assert v.loc["0102", "value"] == 0.0 and v.loc["0102", "status"] == "computed"
    assert v.loc["0201", "status"] == "missing" and pd.isna(v.loc["0201", "value"])
    assert (v["year"] == 2025).all() and (v["indicator"] == "transit_access").all()
    assert "service date 2025-03-03" in v.loc["0101", "source"]
    assert "transit_access: 2 zones computed (40.0 % of 250 residents overall), 1 zones without residents" in \
        capsys.readouterr().out


def test_transit_stops_out(inputs, capsys):
    stops = inputs["dir"] / "stops.csv"
    code, _ = transit(inputs, "--stops-out", str(stops))
    assert code == 0
    t = pd.read_csv(stops)
    assert t["stop_id"].tolist() == ["S1"] and t["departures_per_hour"].tolist() == [6.0]
    assert t["frequent"].tolist() == [True] and t["radius_m"].tolist() == [500.0] and "x" in t
    assert transit(inputs, "--stops-out", str(stops), "--out", str(inputs["dir"] / "other.csv"))[0] == 1
    assert "stops.csv already exists; choose another --stops-out or pass --force" in capsys.readouterr().err


def test_transit_parameters(inputs):
    code, out = transit(inputs, "--distance", "800", "--date", "2025-03-05", "--year", "2024", "--window",
                        "08:00-09:00", "--min-departures", "6", "--force")
    assert code == 0
    v = pd.read_csv(out, dtype={"zone_id": str}).set_index("zone_id")
    assert v.loc["0101", "value"] == 100.0 and (v["year"] == 2024).all()
    code, out = transit(inputs, "--min-departures", "7", "--force")
    assert pd.read_csv(out, dtype={"zone_id": str}).set_index("zone_id").loc["0101", "value"] == 0.0


def test_no_service_on_date_exits_1(inputs, capsys):
    code, out = transit(inputs, "--date", "2025-03-08")
    assert code == 1 and not out.exists()
    assert "error: the GTFS feed has no service on 2025-03-08" in capsys.readouterr().err


def test_missing_gtfs_file_exits_1(inputs, capsys, tmp_path):
    trips, times = trips_every("B", "WD", ["S1", "S2"], 6 * H, 7 * H, 600, "b")
    feed = make_feed(tmp_path / "bad.zip", stops=[("S1", 0, 7e6), ("S2", 1, 7e6)], routes=[("B", 3)], trips=trips,
                     stop_times=times, calendar=[WEEKDAYS_MARCH], drop=("stop_times",))
    code, _ = transit(dict(inputs, feed=str(feed)))
    assert code == 1
    assert "lacks stop_times.txt" in capsys.readouterr().err


def test_population_outside_zones_exits_1(inputs, capsys):
    pop = inputs["dir"] / "far.csv"
    pop.write_text("x,y,population\n500000,6600000,10\n")
    code, _ = transit(dict(inputs, pop=str(pop)))
    assert code == 1
    assert "lie outside every zone" in capsys.readouterr().err


def test_population_in_degrees_labelled_xy_exits_1(inputs, capsys):
    pop = inputs["dir"] / "deg.csv"
    pop.write_text("x,y,population\n10.4,63.4,10\n")
    code, _ = transit(dict(inputs, pop=str(pop)))
    assert code == 1
    assert "look like longitude/latitude" in capsys.readouterr().err


def test_existing_output_bad_window_and_bad_suffix(inputs, capsys):
    (inputs["dir"] / "out.csv").write_text("x")
    assert transit(inputs)[0] == 1
    assert "already exists; choose another --out or pass --force" in capsys.readouterr().err
    assert transit(inputs, "--window", "7-19", "--force")[0] == 1
    assert "is not 'HH:MM-HH:MM'" in capsys.readouterr().err
    code = main(["access", "transit", "--gtfs", inputs["feed"], "--population", inputs["pop"], "--zones",
                 inputs["zones"], "--out", str(inputs["dir"] / "out.xlsx")])
    assert code == 1 and "give it a .csv name" in capsys.readouterr().err


def test_usage_error_exits_2(inputs):
    with pytest.raises(SystemExit) as info:
        main(["access", "transit", "--population", inputs["pop"], "--out", "x.csv"])
    assert info.value.code == 2


def test_green(inputs, capsys):
    out = inputs["dir"] / "green.csv"
    code = main(["access", "green", "--green", inputs["green"], "--population", inputs["pop"], "--zones",
                 inputs["zones"], "--year", "2024", "--out", str(out)])
    assert code == 0
    v = pd.read_csv(out, dtype={"zone_id": str}).set_index("zone_id")
    # the 4 ha park holds 0102's residents (inside: 0 m); the tiny one (0.04 ha) is ignored
    assert v.loc["0102", "value"] == 100.0 and v.loc["0101", "value"] == 0.0
    assert v.loc["0201", "status"] == "missing" and (v["indicator"] == "green_access").all()
    assert "green.gpkg (dissolved, ≥ 0.5 ha)" in v.loc["0101", "source"]
    code = main(["access", "green", "--green", inputs["green"], "--population", inputs["pop"], "--zones",
                 inputs["zones"], "--min-area-ha", "0.01", "--distance", "100", "--out", str(out), "--force"])
    v = pd.read_csv(out, dtype={"zone_id": str}).set_index("zone_id")
    assert code == 0 and v.loc["0101", "value"] == 50.0


def test_green_file_problems(inputs, capsys, tmp_path):
    base = ["access", "green", "--population", inputs["pop"], "--zones", inputs["zones"], "--out",
            str(tmp_path / "g.csv"), "--green"]
    assert main(base + [str(tmp_path / "none.gpkg")]) == 1
    assert "none.gpkg: no such file" in capsys.readouterr().err
    bad = tmp_path / "bad.geojson"
    bad.write_text("{")
    assert main(base + [str(bad)]) == 1
    assert "bad.geojson: not a readable vector file" in capsys.readouterr().err
    nocrs = tmp_path / "nocrs.gpkg"
    with pytest.warns(UserWarning, match="crs"):
        gpd.GeoDataFrame(geometry=[box(0, 0, 100, 100)]).to_file(nocrs)
    assert main(base + [str(nocrs)]) == 1
    assert "nocrs.gpkg: the file has no coordinate reference system" in capsys.readouterr().err
