"""Hand-built GTFS feeds for tests: stops given in EPSG:25833 metres, written as a real zip."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from pyproj import Transformer

from geo.gtfs import write_feed

_TO_WGS84 = Transformer.from_crs("EPSG:25833", "EPSG:4326", always_xy=True)

#: Weekday calendar for all of March 2025 (2025-03-03 is a Monday).
WEEKDAYS_MARCH = {"service_id": "WD", "monday": 1, "tuesday": 1, "wednesday": 1, "thursday": 1, "friday": 1,
                  "saturday": 0, "sunday": 0, "start_date": "20250301", "end_date": "20250331"}


def stops_frame(rows: list[tuple]) -> pd.DataFrame:
    """Rows (stop_id, x, y[, parent_station[, location_type]]) → stops.txt with lon/lat."""
    out = []
    for r in rows:
        lon, lat = _TO_WGS84.transform(r[1], r[2])
        out.append({"stop_id": r[0], "stop_name": f"Stop {r[0]}", "stop_lat": round(lat, 7), "stop_lon": round(lon, 7),
                    "location_type": r[4] if len(r) > 4 else 0, "parent_station": r[3] if len(r) > 3 else ""})
    return pd.DataFrame(out)


def hhmmss(seconds: int) -> str:
    """Seconds of the service day → ``HH:MM:SS`` (hours may pass 24)."""
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def trips_every(route_id: str, service_id: str, stop_ids: list[str], start: int, end: int, headway: int,
                prefix: str, step: int = 60) -> tuple[list[dict], list[dict]]:
    """Trips from ``start`` (seconds) every ``headway`` seconds while < ``end`` along ``stop_ids``."""
    trips, times = [], []
    for n, t0 in enumerate(range(start, end, headway)):
        tid = f"{prefix}{n}"
        trips.append({"route_id": route_id, "service_id": service_id, "trip_id": tid})
        for seq, sid in enumerate(stop_ids):
            t = hhmmss(t0 + seq * step)
            times.append({"trip_id": tid, "arrival_time": t, "departure_time": t, "stop_id": sid,
                          "stop_sequence": seq + 1})
    return trips, times


def make_feed(path: Path, *, stops: list[tuple], routes: list[tuple], trips: list[dict], stop_times: list[dict],
              calendar: list[dict] | None = None, calendar_dates: list[tuple] | None = None,
              drop: tuple[str, ...] = ()) -> Path:
    """Write a feed; ``routes`` are (route_id, route_type); ``calendar_dates`` (service_id, date, type)."""
    tables = {
        "agency": pd.DataFrame([{"agency_id": "A", "agency_name": "Test", "agency_url": "https://example.org",
                                 "agency_timezone": "Europe/Oslo"}]),
        "stops": stops_frame(stops),
        "routes": pd.DataFrame([{"route_id": r, "agency_id": "A", "route_short_name": r, "route_type": t}
                                for r, t in routes]),
        "trips": pd.DataFrame(trips),
        "stop_times": pd.DataFrame(stop_times),
    }
    if calendar:
        tables["calendar"] = pd.DataFrame(calendar)
    if calendar_dates:
        tables["calendar_dates"] = pd.DataFrame(calendar_dates, columns=["service_id", "date", "exception_type"])
    for name in drop:
        tables.pop(name, None)
    return write_feed(tables, path)
