"""GTFS reading and departures per stop, on hand-built feeds whose counts are known."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from geo.gtfs import (
    GtfsError,
    NoServiceError,
    format_window,
    load_stop_service,
    mode_of_route_type,
    parse_date,
    parse_window,
    read_feed,
    representative_date,
    stop_service,
)
from tests.geo.gtfs_factory import WEEKDAYS_MARCH, make_feed, trips_every

H = 3600


def simple_feed(tmp_path, **kw):
    """Bus B: stops S1 → S2 every 15 min 07:00–19:00 on weekdays of March 2025 (48 trips)."""
    trips, times = trips_every("B", "WD", ["S1", "S2"], 7 * H, 19 * H, 900, "b")
    args = dict(stops=[("S1", 270000, 7040000), ("S2", 270500, 7040000)], routes=[("B", 3)], trips=trips,
                stop_times=times, calendar=[WEEKDAYS_MARCH])
    args.update(kw)
    return make_feed(tmp_path / "feed.zip", **args)


def by_id(service, window="07:00-19:00"):
    t = service.table(window)
    return dict(zip(t["stop_id"], t["departures_per_hour"], strict=True))


def test_departures_per_hour_and_last_stop_is_no_departure(tmp_path):
    s = load_stop_service(simple_feed(tmp_path), "2025-03-04")
    # 48 departures from S1 in 12 h; S2 ends every trip, so nobody departs from it
    assert by_id(s) == {"S1": 4.0}
    assert s.date == dt.date(2025, 3, 4)
    assert s.departures("07:00-08:00").tolist() == [4]
    assert s.departures((18 * H + 40 * 60, 19 * H)).tolist() == [1]  # the 18:45 trip


def test_busiest_weekday_is_chosen_not_a_busier_weekend(tmp_path):
    wd, wd_times = trips_every("B", "WD", ["S1", "S2"], 7 * H, 8 * H, 900, "w")
    sat = dict(WEEKDAYS_MARCH, service_id="SA", monday=0, tuesday=0, wednesday=0, thursday=0, friday=0, saturday=1)
    sa, sa_times = trips_every("B", "SA", ["S1", "S2"], 7 * H, 19 * H, 600, "s")
    extra, extra_times = trips_every("B", "EX", ["S1", "S2"], 9 * H, 10 * H, 600, "x")
    path = make_feed(tmp_path / "f.zip", stops=[("S1", 0, 7e6), ("S2", 500, 7e6)], routes=[("B", 3)],
                     trips=wd + sa + extra, stop_times=wd_times + sa_times + extra_times,
                     calendar=[WEEKDAYS_MARCH, sat], calendar_dates=[("EX", "20250312", 1)])
    feed = read_feed(path)
    # Wednesday 12 March has the extra trips; Saturdays have more but are not weekdays
    assert representative_date(feed) == dt.date(2025, 3, 12)
    assert by_id(stop_service(feed), "09:00-10:00") == {"S1": 6.0}


def test_service_on_another_date_is_ignored(tmp_path):
    extra, extra_times = trips_every("B", "EX", ["S1", "S2"], 7 * H, 19 * H, 900, "x")
    trips, times = trips_every("B", "WD", ["S1", "S2"], 7 * H, 19 * H, 900, "b")
    path = simple_feed(tmp_path, trips=trips + extra, stop_times=times + extra_times,
                       calendar_dates=[("EX", "20250305", 1)])
    assert by_id(load_stop_service(path, "2025-03-04")) == {"S1": 4.0}
    assert by_id(load_stop_service(path, "2025-03-05")) == {"S1": 8.0}


def test_calendar_dates_removal_honoured(tmp_path):
    path = simple_feed(tmp_path, calendar_dates=[("WD", "20250304", 2)])
    with pytest.raises(NoServiceError, match=r"no service on 2025-03-04 \(feed covers 2025-03-01 – 2025-03-31\)"):
        load_stop_service(path, "2025-03-04")
    assert by_id(load_stop_service(path, "2025-03-05")) == {"S1": 4.0}


def test_no_service_on_weekend_date(tmp_path):
    with pytest.raises(NoServiceError, match="choose another --date"):
        load_stop_service(simple_feed(tmp_path), "2025-03-08")


def test_feed_without_weekday_service(tmp_path):
    sun = dict(WEEKDAYS_MARCH, monday=0, tuesday=0, wednesday=0, thursday=0, friday=0, sunday=1)
    with pytest.raises(NoServiceError, match="no service on any weekday"):
        load_stop_service(simple_feed(tmp_path, calendar=[sun]))


def test_feed_without_any_dates(tmp_path):
    path = simple_feed(tmp_path, calendar=None, calendar_dates=[("WD", "20250308", 1)])
    assert by_id(load_stop_service(path, "2025-03-08")) == {"S1": 4.0}
    path2 = simple_feed(tmp_path, calendar=None, calendar_dates=[("WD", "20250308", 1)])
    with pytest.raises(NoServiceError, match="no weekday dates"):
        load_stop_service(path2)


def test_times_past_midnight_belong_to_their_service_day(tmp_path):
    # Service day Monday 3 March: one trip at 24:30 (= 00:30 on Tuesday); Tuesday: one trip at 00:40.
    mon = dict(WEEKDAYS_MARCH, service_id="MO", tuesday=0, wednesday=0, thursday=0, friday=0)
    tue = dict(WEEKDAYS_MARCH, service_id="TU", monday=0, wednesday=0, thursday=0, friday=0)
    a, at = trips_every("B", "MO", ["S1", "S2"], 24 * H + 1800, 24 * H + 1801, 900, "late")
    b, bt = trips_every("B", "TU", ["S1", "S2"], 2400, 2401, 900, "early")
    path = make_feed(tmp_path / "f.zip", stops=[("S1", 0, 7e6), ("S2", 500, 7e6)], routes=[("B", 3)],
                     trips=a + b, stop_times=at + bt, calendar=[mon, tue])
    tuesday = load_stop_service(path, "2025-03-04")
    # Monday's 24:30 trip is not on Tuesday's early morning: only Tuesday's own 00:40 trip counts
    assert tuesday.departures("00:00-01:00").tolist() == [1]
    assert tuesday.departures("24:00-26:00").tolist() == [0]
    monday = load_stop_service(path, "2025-03-03")
    assert monday.departures("00:00-07:00").tolist() == [0]
    assert monday.departures("23:00-26:00").tolist() == [1]


def test_real_world_layout_parent_stations_calendar_dates_only(tmp_path):
    # Two platforms of station ST, each served 2×/h by a different line, calendar_dates only;
    # untimed middle stop, a no-pickup row, a tram line with extended type 900.
    a, at = trips_every("L1", "D", ["P1", "X"], 7 * H, 19 * H, 1800, "a")
    b, bt = trips_every("L2", "D", ["P2", "X"], 7 * H, 19 * H, 1800, "b")
    t, tt = trips_every("T", "D", ["T1", "T2", "T3"], 7 * H, 19 * H, 900, "t")
    for row in tt:
        if row["stop_id"] == "T2":
            row["arrival_time"] = row["departure_time"] = ""
        if row["stop_id"] == "T1" and row["trip_id"] == "t0":
            row["pickup_type"] = 1
    stops = [("ST", 0, 7e6, "", 1), ("P1", 10, 7e6, "ST"), ("P2", -10, 7e6, "ST"), ("X", 800, 7e6),
             ("T1", 0, 7001000), ("T2", 400, 7001000), ("T3", 800, 7001000)]
    path = make_feed(tmp_path / "f.zip", stops=stops, routes=[("L1", 700), ("L2", 3), ("T", 900)],
                     trips=a + b + t, stop_times=at + bt + tt, calendar_dates=[("D", "20250304", 1)])
    per_stop = load_stop_service(path)
    assert per_stop.date == dt.date(2025, 3, 4)
    assert by_id(per_stop) == {"P1": 2.0, "P2": 2.0, "T1": 47 / 12, "T2": 4.0}
    per_station = load_stop_service(path, per_station=True)
    assert by_id(per_station) == {"ST": 4.0, "T1": 47 / 12, "T2": 4.0}
    st = per_station.stops.set_index("stop_id")
    assert st.loc["ST", "mode"] == "bus" and st.loc["ST", "capacity"] == "low"
    assert st.loc["T2", "mode"] == "tram" and st.loc["T2", "capacity"] == "high"
    assert np.allclose(st.loc["ST", ["x", "y"]].to_numpy(dtype=float), [0, 7e6], atol=0.01)


def test_stop_served_by_bus_and_rail_is_high_capacity_and_air_ignored(tmp_path):
    b, bt = trips_every("B", "WD", ["S1", "S2"], 7 * H, 19 * H, 900, "b")
    r, rt = trips_every("R", "WD", ["S1", "S2"], 7 * H, 19 * H, 3600, "r")
    f, ft = trips_every("F", "WD", ["S3", "S2"], 7 * H, 19 * H, 3600, "f")
    path = simple_feed(tmp_path, stops=[("S1", 0, 7e6), ("S2", 500, 7e6), ("S3", 900, 7e6)],
                       routes=[("B", 3), ("R", 2), ("F", 1100)], trips=b + r + f, stop_times=bt + rt + ft)
    s = load_stop_service(path, "2025-03-04")
    assert by_id(s) == {"S1": 5.0}
    assert s.stops["mode"].tolist() == ["rail"] and s.high_capacity.tolist() == [True]


@pytest.mark.parametrize(("code", "mode"), [(0, "tram"), (1, "metro"), (2, "rail"), (3, "bus"), (4, "ferry"),
                                            (109, "rail"), (401, "metro"), (700, "bus"), (715, "bus"),
                                            (900, "tram"), (1000, "ferry"), (1200, "ferry"), (1100, "air"),
                                            (1501, "taxi"), (42, "other")])
def test_route_type_modes(code, mode):
    assert mode_of_route_type(code) == mode


@pytest.mark.parametrize("drop", ["stops", "stop_times", "trips", "routes"])
def test_missing_required_file_named(tmp_path, drop):
    with pytest.raises(GtfsError, match=f"lacks {drop}.txt"):
        read_feed(simple_feed(tmp_path, drop=(drop,)))


def test_missing_calendar_files(tmp_path):
    with pytest.raises(GtfsError, match="lacks calendar.txt and calendar_dates.txt"):
        read_feed(simple_feed(tmp_path, calendar=None))


def test_not_a_zip_and_missing_path(tmp_path):
    bad = tmp_path / "feed.zip"
    bad.write_text("hello")
    with pytest.raises(GtfsError, match="not a zip file"):
        read_feed(bad)
    with pytest.raises(GtfsError, match="no such GTFS feed"):
        read_feed(tmp_path / "nope.zip")


def test_missing_column_named(tmp_path):
    path = simple_feed(tmp_path)
    _rewrite(path, "routes.txt", "route_id,agency_id\nB,A\n")
    with pytest.raises(GtfsError, match="routes.txt lacks column"):
        read_feed(path)


def test_stop_times_referring_to_unknown_stop(tmp_path):
    trips, times = trips_every("B", "WD", ["S1", "S9", "S2"], 7 * H, 8 * H, 900, "b")
    with pytest.raises(GtfsError, match="missing from stops.txt: S9"):
        load_stop_service(simple_feed(tmp_path, trips=trips, stop_times=times), "2025-03-04")


def test_only_non_transit_trips(tmp_path):
    with pytest.raises(NoServiceError, match="no public-transport trips"):
        load_stop_service(simple_feed(tmp_path, routes=[("B", 1100)]), "2025-03-04")


def test_parse_window_and_date():
    assert parse_window("07:00-19:00") == (7 * H, 19 * H)
    assert parse_window("20:00–26:30") == (20 * H, 26 * H + 1800)
    assert format_window((7 * H, 19 * H)) == "07:00-19:00"
    assert parse_date("20250304") == parse_date("2025-03-04") == dt.date(2025, 3, 4)
    with pytest.raises(GtfsError, match="is not 'HH:MM-HH:MM'"):
        parse_window("7-19")
    with pytest.raises(GtfsError, match="is not 'HH:MM-HH:MM'"):
        parse_window("07:70-19:00")
    with pytest.raises(GtfsError, match="ends before it starts"):
        parse_window("19:00-07:00")
    with pytest.raises(GtfsError, match="is not YYYY-MM-DD"):
        parse_date("4 March")


def test_trips_per_date_matches_gtfs_kit_per_date(tmp_path):
    from geo.gtfs import trips_per_date

    sat = dict(WEEKDAYS_MARCH, service_id="SA", monday=0, tuesday=0, wednesday=0, thursday=0, friday=0, saturday=1,
               start_date="20250310")
    wd, wdt = trips_every("B", "WD", ["S1", "S2"], 7 * H, 9 * H, 900, "w")
    sa, sat_t = trips_every("B", "SA", ["S1", "S2"], 7 * H, 8 * H, 900, "s")
    ex, ext = trips_every("B", "EX", ["S1", "S2"], 7 * H, 7 * H + 1, 900, "x")
    feed = read_feed(simple_feed(tmp_path, trips=wd + sa + ex, stop_times=wdt + sat_t + ext, calendar=[WEEKDAYS_MARCH, sat],
                                 calendar_dates=[("WD", "20250304", 2), ("SA", "20250315", 2), ("EX", "20250308", 1),
                                                 ("EX", "20250401", 1), ("WD", "20250305", 1)]))
    dates = feed.get_dates()
    expected = [len(feed.get_trips(d)) for d in dates]
    assert trips_per_date(feed, dates).tolist() == expected
    assert expected[dates.index("20250304")] == 0 and expected[dates.index("20250308")] == 1


def _rewrite(path, name, text):
    import zipfile

    with zipfile.ZipFile(path) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    files[name] = text.encode()
    with zipfile.ZipFile(path, "w") as zf:
        for n, data in files.items():
            zf.writestr(n, data)


def test_unparsable_table_is_reported(tmp_path):
    path = simple_feed(tmp_path)
    _rewrite(path, "trips.txt", 'route_id,service_id,trip_id\n"B,WD,b0\n')
    with pytest.raises(GtfsError, match="could not read the GTFS feed .*check it with a GTFS validator"):
        read_feed(path)


def test_stop_without_coordinates(tmp_path):
    path = simple_feed(tmp_path)
    _rewrite(path, "stops.txt", "stop_id,stop_name,stop_lat,stop_lon\nS1,One,,\nS2,Two,63.4,10.4\n")
    with pytest.raises(GtfsError, match="stops.txt has no stop_lat/stop_lon for stop\\(s\\) S1"):
        load_stop_service(path, "2025-03-04")


def test_frequency_based_trips_are_expanded(tmp_path):
    import zipfile

    trips, times = trips_every("B", "WD", ["S1", "S2"], 7 * H, 7 * H + 1, 900, "f")
    path = simple_feed(tmp_path, trips=trips, stop_times=times)
    with zipfile.ZipFile(path, "a") as zf:
        # one template trip run every 10 minutes from 07:00 to 09:00: 12 departures from S1
        zf.writestr("frequencies.txt", "trip_id,start_time,end_time,headway_secs\nf0,07:00:00,09:00:00,600\n")
    s = load_stop_service(path, "2025-03-04")
    assert s.departures("07:00-09:00").tolist() == [12]
    assert s.departures_per_hour("07:00-09:00").tolist() == [6.0]


def test_feed_zipped_inside_a_folder(tmp_path):
    import zipfile

    path = simple_feed(tmp_path)
    nested = tmp_path / "nested.zip"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(nested, "w") as dst:
        for n in src.namelist():
            dst.writestr(f"feed/{n}", src.read(n))
    with pytest.raises(GtfsError, match=r"lacks stops.txt, routes.txt, trips.txt, stop_times.txt .*files at the top"):
        read_feed(nested)


def test_feed_as_a_folder(tmp_path):
    import zipfile

    folder = tmp_path / "unzipped"
    with zipfile.ZipFile(simple_feed(tmp_path)) as zf:
        zf.extractall(folder)
    assert by_id(load_stop_service(folder, "2025-03-04")) == {"S1": 4.0}
