"""Write the SYNTHETIC inputs of the demo's access indicators to ``data/demo_inputs/``.

Run ``python data/build_demo_inputs.py [--facts PATH]`` (seeded and deterministic: the same files every run).
Nothing here is real: it is a made-up network and population laid over the approximate centres of
Trondheim's 60 levekårssoner (``data/facts/trondheim_levekarssoner_2020.csv``), so that the demo's
``transit_access`` and ``green_access`` are computed by :mod:`geo.access` from files of the real
formats rather than typed in.

Written files:

``gtfs.zip``
    A GTFS feed for 2025: trunk bus lines through the centre every 10 minutes on weekdays, city
    and local lines every 20–60 minutes, a tram line (``route_type`` 0) westwards like
    Gråkallbanen every 15 minutes, a rail line (``route_type`` 2) with stations every 30 minutes;
    weekday/Saturday/Sunday calendars, holiday exceptions in ``calendar_dates.txt``, parent stations
    with platforms at the central hub and the railway station, late trips past 24:00:00 and a
    Friday/Saturday night bus.
``population.gpkg``
    250 m grid cells (EPSG:25833, aligned like SSB's grid) with ``poptot``, denser near zone centres.
``green_areas.gpkg``
    Green polygons: two large forests at the edges and parks of 0.15–8 ha near zone centres (some
    below the 0.5 ha threshold, some in touching pieces that only count once dissolved).
"""

from __future__ import annotations

import math
import os
import sys
import tempfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
import shapely.affinity
from pyproj import Transformer
from scipy.spatial import cKDTree

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.config import ANALYSIS_CRS, DATA_DIR, FACTS_DIR  # noqa: E402
from geo.gtfs import write_feed  # noqa: E402

OUT_DIR = DATA_DIR / "demo_inputs"
ZONE_POINTS = FACTS_DIR / "trondheim_levekarssoner_2020.csv"
SEED = 20250304
YEAR = 2025
LABEL = "SYNTETISK demo — ikke ekte rutetider / SYNTHETIC demo, not real timetables"

# --- network -----------------------------------------------------------------------------------------
#: Extra places (EPSG:25833) that are not zone centres: railway stations and tram termini.
PLACES = {
    "Trondheim S": (270850, 7042600), "Skansen": (269350, 7041750), "Marienborg": (269500, 7040250),
    "Selsbakk": (268450, 7036900), "Lian": (266300, 7038000), "Leangen stasjon": (273700, 7041600),
    "Lilleby stasjon": (272800, 7042500), "Ranheim stasjon": (277000, 7041300),
    "Heimdal stasjon": (267750, 7033700),
}
#: Hubs: parent station → position; platforms are placed a few tens of metres around it.
HUBS = {"Sentrum": (270082, 7041779), "Trondheim S": PLACES["Trondheim S"]}

#: Headway bands: (from hour, to hour, minutes between departures) on weekdays. Hours may pass 24.
BANDS = {
    "trunk": [(5.5, 6.5, 20), (6.5, 19, 10), (19, 23, 15), (23, 24.75, 30)],
    "tram": [(6, 19, 15), (19, 24, 30)],
    "city": [(6, 19, 20), (19, 23, 30)],
    "local": [(6, 20, 30), (20, 23, 60)],
    "rural": [(6, 22, 60)],
    "rail": [(5, 24, 30)],
}
#: Lines: id, name, route_type, headway band, speed km/h, spacing of stops (m), stops (zone, place or hub:platform).
LINES = [
    ("M1", "1", 3, "trunk", 24, 500, ["Ranheim", "Nedre Charlottenlund", "Bromstad-Leangen", "Strindheim", "Rosenborg",
                                      "Sentrum:A", "Øya-Elgeseter", "Tempe-Sorgenfri", "Nidarvoll", "Fossegrenda",
                                      "Sjetnemarka-Okstad", "Tonstad", "Tiller nord", "Tiller sør"]),
    ("M2", "2", 3, "trunk", 24, 500, ["Lade", "Lademoen", "Nedre elvehavn", "Sentrum:B", "Ila", "Sverresborg",
                                      "Havstein-Stavne", "Munkvoll-Hoem", "Hallset", "Romulslia", "Nedre Flatåsen",
                                      "Flatås-Huseby", "Saupstad", "Heimdal"]),
    ("M3", "3", 3, "trunk", 22, 500, ["Sentrum:C", "Bakklandet", "Singsaker", "Berg-Tyholt", "Moholt",
                                      "Othilienborg-Vestlia", "Risvollan", "Stubban"]),
    ("B4", "4", 3, "city", 22, 500, ["Sentrum:C", "Møllenberg", "Brøset-Valentinlyst", "Åsvang-Angelltrøa",
                                     "Brundalen", "Øvre Charlottenlund", "Olderdalen", "Reppe-Vikåsen"]),
    ("B5", "5", 3, "local", 25, 600, ["Heimdal", "Åsheim", "Lundåsen", "Kattem", "Breidablikk", "Nypvang"]),
    ("B6", "6", 3, "local", 28, 600, ["Heimdal", "Tiller sør", "Tanem", "Sørborgen"]),
    ("B7", "7", 3, "rural", 35, 800, ["Moholt", "Stokkan", "Bratsberg-Jonsvatnet-Leira"]),
    ("B8", "8", 3, "city", 22, 500, ["Sentrum:A", "Hammersborg-Trolla", "Nyborg", "Ugla", "Kystad", "Stavset",
                                     "Rydningen"]),
    ("T1", "Gråkallbanen (syntetisk)", 0, "tram", 20, 450, ["Sentrum:D", "Ila", "Sverresborg", "Nyborg", "Ugla",
                                                           "Lian"]),
    ("R1", "Trønderbanen (syntetisk)", 2, "rail", 55, 99999, ["Ranheim stasjon", "Leangen stasjon", "Lilleby stasjon",
                                                             "Trondheim S:1", "Skansen", "Marienborg", "Selsbakk",
                                                             "Heimdal stasjon"]),
]
#: Service ids: calendar weekdays, headway multiplier, first hour.
SERVICES = {"WD": ((1, 1, 1, 1, 1, 0, 0), 1.0, 0), "SA": ((0, 0, 0, 0, 0, 1, 0), 1.5, 7), "SU": ((0, 0, 0, 0, 0, 0, 1), 2.0, 8)}
#: Holidays: the weekday/Saturday service is removed and the Sunday service added (exception types 2 and 1).
HOLIDAYS = {"20250101": "WD", "20250417": "WD", "20250418": "WD", "20250421": "WD", "20250501": "WD",
            "20250517": "SA", "20250529": "WD", "20250609": "WD", "20251225": "WD", "20251226": "WD"}
PLATFORM_OFFSETS = {"A": (-40, 0), "B": (40, 0), "C": (0, 40), "D": (0, -40), "1": (0, -25), "2": (0, 25)}


def zone_points(path: Path = ZONE_POINTS) -> pd.DataFrame:
    """Zone centres from the facts file, in EPSG:25833."""
    if not Path(path).exists():
        raise SystemExit(f"{path}: zone points not found; pass --facts PATH/trondheim_levekarssoner_2020.csv")
    f = pd.read_csv(path)
    x, y = Transformer.from_crs("EPSG:4326", ANALYSIS_CRS, always_xy=True).transform(f["approx_lon"], f["approx_lat"])
    return f.assign(x=np.round(x), y=np.round(y))


class Network:
    """Stops registry and trip builder: stops at the same place are shared between lines."""

    def __init__(self, zones: pd.DataFrame) -> None:
        self.anchor = {n: (x, y) for n, x, y in zip(zones["name"], zones["x"], zones["y"], strict=True)} | PLACES
        self.stops: dict[str, dict] = {}
        for hub, (x, y) in HUBS.items():
            self._add(f"P_{_slug(hub)}", hub, x, y, location_type=1)

    def _add(self, stop_id: str, name: str, x: float, y: float, parent: str = "", location_type: int = 0) -> str:
        if stop_id not in self.stops:
            self.stops[stop_id] = {"stop_id": stop_id, "stop_name": name, "x": x, "y": y,
                                   "location_type": location_type, "parent_station": parent}
        return stop_id

    def anchor_stop(self, key: str) -> str:
        if ":" in key:  # hub platform
            hub, platform = key.split(":")
            x, y = HUBS[hub]
            dx, dy = PLATFORM_OFFSETS[platform]
            return self._add(f"{_slug(hub)}_{platform}", f"{hub} plattform {platform}", x + dx, y + dy,
                             parent=f"P_{_slug(hub)}")
        x, y = self.anchor[key]
        return self._add(_slug(key), key, x, y)

    def line_stops(self, anchors: list[str], spacing: float, line: str) -> list[str]:
        """Stop ids along straight legs between anchors, with stops about every ``spacing`` m."""
        ids = [self.anchor_stop(anchors[0])]
        for a, b in zip(anchors, anchors[1:], strict=False):
            sa, sb = self.anchor_stop(a), self.anchor_stop(b)
            (x0, y0), (x1, y1) = [(self.stops[s]["x"], self.stops[s]["y"]) for s in (sa, sb)]
            n = max(1, round(math.hypot(x1 - x0, y1 - y0) / spacing))
            for k in range(1, n):
                # intermediate stops belong to the leg, so lines sharing a leg share its stops
                leg = "-".join(sorted([sa, sb]))
                sid = self._add(f"{leg}_{k}" if sa < sb else f"{leg}_{n - k}", f"{a}/{b} {k}",
                                round(x0 + (x1 - x0) * k / n), round(y0 + (y1 - y0) * k / n))
                ids.append(sid)
            ids.append(sb)
        return ids

    def quay(self, stop_id: str, side: str) -> str:
        """The boarding point of a stop place for one direction (side "1" or "2"), as Entur's feeds have.

        Real feeds give each direction its own quay under a parent stop place, so departures per
        stop count one direction; hub platforms are already quays and serve both directions.
        """
        place = self.stops[stop_id]
        if place["parent_station"]:
            return stop_id
        place["location_type"] = 1
        offset = 8 if side == "1" else -8  # the two kerbs of the street
        return self._add(f"{stop_id}_{side}", place["stop_name"], place["x"] + offset, place["y"] + offset,
                         parent=stop_id)

    def frame(self) -> pd.DataFrame:
        f = pd.DataFrame(list(self.stops.values()))
        lon, lat = Transformer.from_crs(ANALYSIS_CRS, "EPSG:4326", always_xy=True).transform(f["x"], f["y"])
        return f.assign(stop_lat=np.round(lat, 6), stop_lon=np.round(lon, 6))[
            ["stop_id", "stop_name", "stop_lat", "stop_lon", "location_type", "parent_station"]]


def _slug(text: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "AE", "Ø": "O", "Å": "A", " ": "_", "/": "_"})
    return text.translate(table).replace("-", "_")


def _time(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"


def departures(band: str, factor: float, first_hour: float) -> list[float]:
    """Start times (seconds) of the trips of one direction for a service."""
    out = []
    for start, end, headway in BANDS[band]:
        t = max(start, first_hour) * 3600
        step = headway * factor * 60
        while t < end * 3600:
            out.append(t)
            t += step
    return out


def build_gtfs(zones: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """All GTFS tables of the synthetic feed."""
    net = Network(zones)
    routes, trips, stop_times = [], [], []

    def add_trip(route_id: str, service: str, trip_id: str, stops: list[str], start: float, speed: float) -> None:
        trips.append({"route_id": route_id, "service_id": service, "trip_id": trip_id,
                      "trip_headsign": net.stops[stops[-1]]["stop_name"], "direction_id": int(trip_id.endswith("r"))})
        t = start
        for seq, sid in enumerate(stops):
            if seq:
                a, b = net.stops[stops[seq - 1]], net.stops[sid]
                # 30 s dwell + running time at the line's speed, rounded to whole minutes as timetables are
                t += 30 + math.hypot(b["x"] - a["x"], b["y"] - a["y"]) / (speed / 3.6)
            stamp = _time(round(t / 60) * 60)
            stop_times.append({"trip_id": trip_id, "arrival_time": stamp, "departure_time": stamp, "stop_id": sid,
                               "stop_sequence": seq + 1})

    for route_id, short, rtype, band, speed, spacing, anchors in LINES:
        routes.append({"route_id": route_id, "agency_id": "DEMO", "route_short_name": short,
                       "route_long_name": f"{anchors[0].split(':')[0]} – {anchors[-1].split(':')[0]}",
                       "route_type": rtype})
        places = net.line_stops(anchors, spacing, route_id)
        out = [net.quay(s, "1") for s in places]
        back = [net.quay(s, "2") for s in reversed(places)]
        if route_id == "R1":  # trains towards Heimdal use track 2 at Trondheim S
            back = [net.anchor_stop("Trondheim S:2") if s == net.anchor_stop("Trondheim S:1") else s for s in back]
        for service, (_, factor, first) in SERVICES.items():
            for n, t0 in enumerate(departures(band, factor, first)):
                add_trip(route_id, service, f"{route_id}_{service}_{n:03d}", out, t0, speed)
                # the return trips start a few minutes later so the two directions do not coincide
                add_trip(route_id, service, f"{route_id}_{service}_{n:03d}r", back, t0 + 240, speed)
    # Night bus on line 1: Friday and Saturday nights 01:00–03:00, i.e. 25:00–27:00 of the service day.
    m1 = [net.quay(s, "1") for s in net.line_stops(LINES[0][6], LINES[0][5], "M1")]
    for n, t0 in enumerate((25 * 3600, 26 * 3600, 27 * 3600)):
        add_trip("M1", "NIGHT", f"M1_NIGHT_{n}", m1[5:], t0, 30)

    calendar = [{"service_id": s, **dict(zip(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                              "sunday"], days, strict=True)),
                 "start_date": f"{YEAR}0101", "end_date": f"{YEAR}1231"} for s, (days, _, _) in SERVICES.items()]
    calendar.append({"service_id": "NIGHT", "monday": 0, "tuesday": 0, "wednesday": 0, "thursday": 0, "friday": 1,
                     "saturday": 1, "sunday": 0, "start_date": f"{YEAR}0101", "end_date": f"{YEAR}1231"})
    exceptions = []
    for date, service in HOLIDAYS.items():
        exceptions += [{"service_id": service, "date": date, "exception_type": 2},
                       {"service_id": "SU", "date": date, "exception_type": 1}]
    return {
        "agency": pd.DataFrame([{"agency_id": "DEMO", "agency_name": "Syntetisk demotrafikk (SYNTHETIC, not AtB)",
                                 "agency_url": "https://example.org/levekarskart-demo",
                                 "agency_timezone": "Europe/Oslo", "agency_lang": "no"}]),
        "feed_info": pd.DataFrame([{"feed_publisher_name": f"Levekårskart — {LABEL}",
                                    "feed_publisher_url": "https://example.org/levekarskart-demo", "feed_lang": "no",
                                    "feed_start_date": f"{YEAR}0101", "feed_end_date": f"{YEAR}1231",
                                    "feed_version": f"synthetic-{SEED}"}]),
        "stops": net.frame(),
        "routes": pd.DataFrame(routes),
        "trips": pd.DataFrame(trips),
        "stop_times": pd.DataFrame(stop_times),
        "calendar": pd.DataFrame(calendar),
        "calendar_dates": pd.DataFrame(exceptions),
    }


# --- population --------------------------------------------------------------------------------------
def build_population(zones: pd.DataFrame, rng: np.random.Generator) -> gpd.GeoDataFrame:
    """250 m cells with ``poptot``: each zone's residents spread around its centre, densest at the centre."""
    xy = zones[["x", "y"]].to_numpy(dtype=float)
    # rural zones (large, far out) are thinly populated; the rest have 2 000–6 000 residents
    rural = zones["name"].isin(["Spongdal", "Rye", "Bratsberg-Jonsvatnet-Leira"]).to_numpy()
    target = np.where(rural, 900, 3600) * rng.lognormal(0, 0.3, len(zones))
    reach = np.sqrt(zones["area_km2"].to_numpy() * 1e6 / np.pi) * 1.4
    lo = np.floor((xy.min(axis=0) - 1500) / 250) * 250
    hi = np.ceil((xy.max(axis=0) + 1500) / 250) * 250
    gx, gy = np.meshgrid(np.arange(lo[0], hi[0], 250), np.arange(lo[1], hi[1], 250))
    centres = np.column_stack([gx.ravel() + 125, gy.ravel() + 125])
    d, nearest = cKDTree(xy).query(centres)
    keep = d <= reach[nearest]
    centres, d, nearest = centres[keep], d[keep], nearest[keep]
    weight = np.exp(-((d / (0.55 * reach[nearest])) ** 2)) * rng.uniform(0.5, 1.5, len(d))
    per_zone = np.bincount(nearest, weights=weight, minlength=len(zones))
    pop = np.round(weight / per_zone[nearest] * target[nearest])
    cells = [shapely.box(x - 125, y - 125, x + 125, y + 125) for x, y in centres]
    out = gpd.GeoDataFrame({"poptot": pop.astype("int64")}, geometry=cells, crs=ANALYSIS_CRS)
    return out[out["poptot"] > 0].reset_index(drop=True)


# --- green areas -------------------------------------------------------------------------------------
def build_green(zones: pd.DataFrame, rng: np.random.Generator) -> gpd.GeoDataFrame:
    """Two forests at the city's edges and parks near zone centres."""
    rows = [
        ("Bymarka (syntetisk)", "forest", shapely.Polygon([(261000, 7037000), (266200, 7037600), (266000, 7040000),
                                                          (267300, 7042300), (262000, 7043500)])),
        ("Estenstadmarka (syntetisk)", "forest", shapely.Polygon([(274600, 7037300), (276800, 7037000),
                                                                 (277300, 7039200), (275200, 7039600)])),
    ]
    for name, x, y in zip(zones["name"], zones["x"], zones["y"], strict=True):
        for k in range(int(rng.integers(2, 6))):
            ha = float(np.exp(rng.uniform(np.log(0.15), np.log(8.0))))
            aspect = rng.uniform(0.5, 2.0)
            w = math.sqrt(ha * 1e4 * aspect)
            h = ha * 1e4 / w
            cx, cy = x + rng.uniform(-500, 500), y + rng.uniform(-500, 500)
            park = shapely.affinity.rotate(shapely.box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2),
                                           rng.uniform(0, 90))
            park = shapely.set_precision(park, 0.01)
            if k == 2:  # a park mapped as two touching pieces: only their union reaches the size threshold
                left = shapely.box(cx - w / 2, cy - h / 2, cx, cy + h / 2)
                right = shapely.box(cx, cy - h / 2, cx + w / 2, cy + h / 2)
                rows += [(f"{name} park {k + 1}a", "park", left), (f"{name} park {k + 1}b", "grass", right)]
                continue
            rows.append((f"{name} park {k + 1}", "park" if ha >= 0.5 else "grass", park))
    frame = gpd.GeoDataFrame({"name": [r[0] for r in rows], "kind": [r[1] for r in rows], "synthetic": True},
                             geometry=[r[2] for r in rows], crs=ANALYSIS_CRS)
    return frame


# --- writing -------------------------------------------------------------------------------------------
def _write_gpkg(frame: gpd.GeoDataFrame, path: Path, layer: str) -> None:
    """Write one layer atomically; GDAL's timestamp is fixed so the file is identical between runs."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp.gpkg", dir=path.parent)
    os.close(fd)
    Path(tmp).unlink()
    try:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": f"{YEAR}-01-01T00:00:00Z"})
        pyogrio.write_dataframe(frame, tmp, layer=layer, driver="GPKG")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": None})


def main(argv: list[str] | None = None) -> None:
    """Build and write all three inputs; print what was written."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=Path, default=ZONE_POINTS, help="zone points CSV (approx_lat/approx_lon)")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output folder (default data/demo_inputs)")
    args = parser.parse_args(argv)
    out_dir = args.out
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(SEED)
    zones = zone_points(args.facts)
    tables = build_gtfs(zones)
    write_feed(tables, out_dir / "gtfs.zip")
    population = build_population(zones, rng)
    _write_gpkg(population, out_dir / "population.gpkg", "population")
    green = build_green(zones, rng)
    _write_gpkg(green, out_dir / "green_areas.gpkg", "green_areas")
    print(f"gtfs.zip: {len(tables['stops'])} stops, {len(tables['routes'])} routes, {len(tables['trips'])} trips, "
          f"{len(tables['stop_times'])} stop_times ({(out_dir / 'gtfs.zip').stat().st_size / 1e3:.0f} kB)")
    print(f"population.gpkg: {len(population)} cells, {population['poptot'].sum():,} residents "
          f"({(out_dir / 'population.gpkg').stat().st_size / 1e3:.0f} kB)")
    print(f"green_areas.gpkg: {len(green)} polygons ({(out_dir / 'green_areas.gpkg').stat().st_size / 1e3:.0f} kB)")


if __name__ == "__main__":
    main()
