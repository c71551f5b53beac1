"""Public-transport service per stop from a GTFS feed (read with gtfs-kit).

The result of this module is a :class:`StopService`: every stop (or parent station) with its
position in EPSG:25833, its transport mode and capacity class, and a sorted index of its departures
on one *service date*, from which departures per hour in any time window are counted in
microseconds. :mod:`geo.access` turns that into the share of residents near a frequent stop.

Rules, stated once
------------------
Service date
    Either the date the user gives or the *representative weekday*: the Monday–Friday date of the
    feed with the most active trips (the first such date when tied). Active services honour
    ``calendar.txt`` and the ``calendar_dates.txt`` exceptions (type 1 adds a service on a date,
    type 2 removes it), as gtfs-kit's ``get_active_services`` does.
Times past 24:00:00
    GTFS times count from the start of the *service day*, so ``25:10:00`` on service date D is
    01:10 in the night after D. Departures are counted per service day: a window ``07:00-19:00``
    counts the departures of trips running on D between 07:00 and 19:00 of D. A trip of the
    previous service day that runs past midnight (its ``24:30:00``) is therefore *not* counted in
    D's morning, and a trip of D at ``24:30:00`` is counted only by a window reaching past 24:00
    (``20:00-26:00`` is a valid window for late-evening service).
Departures
    Headway-based trips in ``frequencies.txt`` are first expanded into one trip per departure
    (gtfs-kit ``expand_frequencies``). Every ``stop_times`` row of an active trip is one departure,
    except the last stop of each trip (passengers only alight there) and rows with ``pickup_type`` 1
    (no pickup). A row without a departure time takes its arrival time; rows with neither (untimed
    stops) take the previous timed stop's time within the trip — an approximation of minutes,
    harmless for counts per hour. Departures of all lines and modes at a stop are summed. Real
    feeds (Entur) give each direction its own quay, so per stop is per direction;
    ``per_station=True`` merges the quays of a stop place.
Modes and capacity
    ``route_type`` (basic 0–12 and the extended 100–1700 codes) maps to a mode through
    :data:`ROUTE_TYPE_RANGES`; each mode has a capacity class (:data:`MODE_CAPACITY`). Following
    SDG 11.2.1, *high*-capacity modes (rail, metro, tram, ferry) get the longer walking distance.
    A stop served by any high-capacity route on the service date is a high-capacity stop. Modes
    without a capacity class (air, taxi) are not public transport for this purpose and are ignored.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from pyproj import Transformer

from geo.config import ANALYSIS_CRS
from geo.errors import LevekarError

#: Files a feed must contain (``calendar.txt`` and/or ``calendar_dates.txt`` besides these).
REQUIRED_FILES = ("stops.txt", "routes.txt", "trips.txt", "stop_times.txt")
CALENDAR_FILES = ("calendar.txt", "calendar_dates.txt")

#: ``route_type`` → mode: (first code, last code, mode), basic codes and the extended (HVT) ranges.
ROUTE_TYPE_RANGES: tuple[tuple[int, int, str], ...] = (
    (0, 0, "tram"), (1, 1, "metro"), (2, 2, "rail"), (3, 3, "bus"), (4, 4, "ferry"),
    (5, 5, "cable_tram"), (6, 6, "aerial_lift"), (7, 7, "funicular"), (11, 11, "trolleybus"),
    (12, 12, "monorail"),
    (100, 199, "rail"), (200, 299, "bus"),  # 200s: coach services
    (300, 399, "rail"),  # suburban railway
    (400, 699, "metro"),  # urban railway, metro, underground
    (700, 799, "bus"), (800, 899, "trolleybus"), (900, 999, "tram"),
    (1000, 1099, "ferry"),  # water transport
    (1100, 1199, "air"), (1200, 1299, "ferry"), (1300, 1399, "aerial_lift"), (1400, 1499, "funicular"),
    (1500, 1599, "taxi"), (1600, 1699, "taxi"),  # self drive
    (1700, 1799, "bus"),  # miscellaneous, in practice mostly demand-responsive buses
)

#: Mode → capacity class (SDG 11.2.1: 500 m to low-, 1 000 m to high-capacity transit).
#: Modes missing here are not counted as public transport.
MODE_CAPACITY: dict[str, str] = {
    "rail": "high", "metro": "high", "tram": "high", "ferry": "high", "monorail": "high",
    "bus": "low", "trolleybus": "low", "cable_tram": "low", "aerial_lift": "low", "funicular": "low",
}

_TIME_SCALE = 10_000_000  # key = stop index × this + seconds; fits feeds with times up to 115 days


class GtfsError(LevekarError):
    """A GTFS feed is missing, unreadable or incomplete."""


class NoServiceError(GtfsError):
    """The feed has no service on the chosen date."""


def mode_of_route_type(route_type: int) -> str:
    """The mode of a GTFS ``route_type`` (``"other"`` for codes outside :data:`ROUTE_TYPE_RANGES`)."""
    for lo, hi, mode in ROUTE_TYPE_RANGES:
        if lo <= route_type <= hi:
            return mode
    return "other"


def parse_window(text: str) -> tuple[int, int]:
    """Parse ``"HH:MM-HH:MM"`` into seconds since the start of the service day.

    The end may pass 24:00 (``"20:00-26:00"``) to reach late-evening trips of the same service day.

    Raises
    ------
    GtfsError
        When the text is not two times ``HH:MM`` with the end after the start.
    """
    parts = str(text).replace("–", "-").split("-")
    try:
        if len(parts) != 2:
            raise ValueError
        bounds = []
        for p in parts:
            h, m = p.strip().split(":")
            if not (0 <= int(m) < 60 and 0 <= int(h) <= 48):
                raise ValueError
            bounds.append(int(h) * 3600 + int(m) * 60)
    except ValueError:
        raise GtfsError(f"time window {text!r} is not 'HH:MM-HH:MM'; give e.g. '07:00-19:00'") from None
    if bounds[1] <= bounds[0]:
        raise GtfsError(f"time window {text!r} ends before it starts; give the end after the start "
                        "(past midnight as e.g. '20:00-26:00')")
    return bounds[0], bounds[1]


def format_window(window: tuple[int, int]) -> str:
    """``(25200, 68400)`` → ``"07:00-19:00"``."""
    return "-".join(f"{s // 3600:02d}:{s % 3600 // 60:02d}" for s in window)


def parse_date(text: str | dt.date) -> dt.date:
    """Parse ``YYYY-MM-DD`` (or ``YYYYMMDD``); raise :class:`GtfsError` naming the format otherwise."""
    if isinstance(text, dt.date):
        return text
    s = str(text).strip()
    for fmt in ("%Y-%m-%d", "%Y%m%d"):
        try:
            return dt.datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    raise GtfsError(f"date {text!r} is not YYYY-MM-DD; give e.g. 2025-03-11")


# --- reading ----------------------------------------------------------------------------------
def read_feed(path: str | Path):
    """Read a GTFS zip (or folder) with gtfs-kit after checking it has the files this module needs.

    Returns
    -------
    gtfs_kit.Feed

    Raises
    ------
    GtfsError
        When the file is missing, not a zip, or lacks a required file (named in the message).
    """
    import gtfs_kit  # imported here: it is slow to import and only the transit path needs it

    p = Path(path).expanduser()
    if not p.exists():
        raise GtfsError(f"{p}: no such GTFS feed; check the path")
    if p.is_dir():
        names = {c.name for c in p.iterdir() if c.is_file() and c.stat().st_size}
    else:
        try:
            with zipfile.ZipFile(p) as zf:
                # gtfs-kit reads only files at the top level of the zip and skips empty ones
                names = {i.filename for i in zf.infolist() if "/" not in i.filename and i.file_size}
        except zipfile.BadZipFile:
            raise GtfsError(f"{p}: not a zip file; a GTFS feed is a .zip of .txt tables") from None
    missing = [f for f in REQUIRED_FILES if f not in names]
    if missing:
        raise GtfsError(f"{p}: the GTFS feed lacks {', '.join(missing)} (or it is empty); "
                        "a feed needs stops, routes, trips and stop_times (files at the top of the zip)")
    if not any(f in names for f in CALENDAR_FILES):
        raise GtfsError(f"{p}: the GTFS feed lacks calendar.txt and calendar_dates.txt; "
                        "one of them is needed to know which days trips run")
    try:
        # dist_units is given so gtfs-kit does not infer it from shapes we never use
        feed = gtfs_kit.read_feed(p, dist_units="km")
    except (ValueError, KeyError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise GtfsError(f"{p}: could not read the GTFS feed ({exc}); check it with a GTFS validator") from exc
    if feed.frequencies is not None and not feed.frequencies.empty:
        # headway-based trips (frequencies.txt) become ordinary trips, one per departure
        feed = feed.expand_frequencies()
    for table, cols in (("stops", ["stop_id", "stop_lat", "stop_lon"]), ("trips", ["trip_id", "route_id", "service_id"]),
                        ("routes", ["route_id", "route_type"]),
                        ("stop_times", ["trip_id", "stop_id", "stop_sequence"])):
        lack = [c for c in cols if c not in getattr(feed, table).columns]
        if lack:
            raise GtfsError(f"{p}: {table}.txt lacks column(s) {', '.join(lack)}")
    return feed


def active_services(feed, date: dt.date) -> list[str]:
    """Service ids running on ``date``, calendar exceptions honoured (gtfs-kit ``get_active_services``)."""
    return sorted(feed.get_active_services(date.strftime("%Y%m%d")))


def representative_date(feed, date: str | dt.date | None = None) -> dt.date:
    """The service date to count departures on.

    Parameters
    ----------
    feed : gtfs_kit.Feed
    date : str or datetime.date, optional
        The user's choice; without it the busiest Monday–Friday date of the feed.

    Raises
    ------
    NoServiceError
        When the feed runs nothing on the chosen date (or has no weekday with service).
    """
    if date is not None:
        d = parse_date(date)
        if not active_services(feed, d):
            first, last = _feed_span(feed)
            raise NoServiceError(f"the GTFS feed has no service on {d.isoformat()} (feed covers {first} – {last}); "
                                 "choose another --date or leave it out to use the busiest weekday")
        return d
    weekdays = [s for s in feed.get_dates() if dt.datetime.strptime(s, "%Y%m%d").weekday() < 5]
    if not weekdays:
        raise NoServiceError("the GTFS feed has no weekday dates in its calendar; give a --date with service")
    # Not gtfs-kit's compute_busiest_date: it breaks ties towards the *last* date and calls
    # get_active_services once per date (seconds for a year-long feed). The same rule as a
    # services × dates matrix gives all counts at once; tests check it against gtfs-kit per date.
    counts = trips_per_date(feed, weekdays)
    if counts.max() == 0:
        raise NoServiceError("the GTFS feed has no service on any weekday; give a --date with service")
    return dt.datetime.strptime(weekdays[int(np.argmax(counts))], "%Y%m%d").date()


def trips_per_date(feed, dates: list[str]) -> np.ndarray:
    """Number of active trips on each ``YYYYMMDD`` date, calendar exceptions honoured (vectorised)."""
    per_service = feed.trips["service_id"].astype(str).value_counts()
    services = pd.Index(per_service.index)
    days = pd.to_datetime(pd.Series(dates), format="%Y%m%d")
    active = np.zeros((len(services), len(dates)), dtype=bool)
    cal = feed.calendar
    if cal is not None and not cal.empty:
        rows = services.get_indexer(cal["service_id"].astype(str))
        ok = rows >= 0
        cal, rows = cal[ok], rows[ok]
        start = pd.to_datetime(cal["start_date"].astype(str), format="%Y%m%d").to_numpy()
        end = pd.to_datetime(cal["end_date"].astype(str), format="%Y%m%d").to_numpy()
        week = cal[["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]]
        week = week.fillna(0).to_numpy(dtype="int64") == 1
        d = days.to_numpy()
        runs = (start[:, None] <= d[None, :]) & (d[None, :] <= end[:, None]) & week[:, days.dt.day_of_week.to_numpy()]
        np.logical_or.at(active, rows, runs)
    cd = feed.calendar_dates
    if cd is not None and not cd.empty:
        col = pd.Index(dates).get_indexer(cd["date"].astype(str))
        row = services.get_indexer(cd["service_id"].astype(str))
        ok = (col >= 0) & (row >= 0)
        kind = cd["exception_type"].to_numpy(dtype="float64", na_value=np.nan)[ok]
        active[row[ok][kind == 1], col[ok][kind == 1]] = True
        active[row[ok][kind == 2], col[ok][kind == 2]] = False
    return per_service.to_numpy(dtype="int64") @ active


def _feed_span(feed) -> tuple[str, str]:
    dates = feed.get_dates()
    if not dates:
        return "?", "?"
    return tuple(dt.datetime.strptime(s, "%Y%m%d").date().isoformat() for s in (dates[0], dates[-1]))


def _seconds(times: pd.Series) -> np.ndarray:
    """``H:MM:SS`` / ``HH:MM:SS`` text (hours may exceed 24) → float seconds, NaN where empty or malformed."""
    # A feed repeats a few thousand distinct times over hundreds of thousands of rows: parse each once.
    codes, uniques = pd.factorize(times.astype("str"), use_na_sentinel=True)
    parts = pd.Series(uniques, dtype="str").str.split(":", expand=True)
    if len(uniques) == 0 or parts.shape[1] < 3:
        return np.full(len(times), np.nan)
    nums = parts.iloc[:, :3].apply(pd.to_numeric, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    secs = np.append(nums[:, 0] * 3600 + nums[:, 1] * 60 + nums[:, 2], np.nan)
    return secs[np.where(codes < 0, len(uniques), codes)]


# --- service per stop -----------------------------------------------------------------------------
@dataclass
class StopService:
    """Departures per stop on one service date, indexed for fast counting in any time window.

    Attributes
    ----------
    stops : pandas.DataFrame
        One row per stop (or station): ``stop_id``, ``stop_name``, ``x``, ``y`` (EPSG:25833),
        ``mode`` (highest-capacity mode serving it), ``capacity`` (``high``/``low``).
    keys : numpy.ndarray
        Sorted ``stop index × 10⁷ + departure second``; one entry per departure.
    date : datetime.date
        The service date.
    feed_name : str
        File name of the feed, for the ``source`` of computed values.
    per_station : bool
        True when platforms were merged into their parent stations.
    """

    stops: pd.DataFrame
    keys: np.ndarray
    date: dt.date
    feed_name: str = ""
    per_station: bool = False
    _cache: dict = field(default_factory=dict, repr=False)

    @property
    def xy(self) -> np.ndarray:
        """Stop coordinates, shape (n, 2), EPSG:25833."""
        return self.stops[["x", "y"]].to_numpy(dtype="float64")

    @property
    def high_capacity(self) -> np.ndarray:
        """Boolean per stop: served by rail, metro, tram or ferry."""
        return (self.stops["capacity"] == "high").to_numpy()

    def departures(self, window: tuple[int, int] | str) -> np.ndarray:
        """Departures per stop with ``start <= time < end`` (seconds of the service day)."""
        w = parse_window(window) if isinstance(window, str) else (int(window[0]), int(window[1]))
        if w not in self._cache:
            base = np.arange(len(self.stops), dtype="int64") * _TIME_SCALE
            # two binary searches per stop over one sorted array: O(stops · log departures)
            lo = np.searchsorted(self.keys, base + w[0], side="left")
            hi = np.searchsorted(self.keys, base + w[1], side="left")
            self._cache[w] = hi - lo
        return self._cache[w]

    def departures_per_hour(self, window: tuple[int, int] | str) -> np.ndarray:
        """Mean departures per hour in ``window``: count / window length in hours."""
        w = parse_window(window) if isinstance(window, str) else window
        return self.departures(w) / ((w[1] - w[0]) / 3600.0)

    def table(self, window: tuple[int, int] | str = "07:00-19:00") -> pd.DataFrame:
        """The stops with ``departures`` and ``departures_per_hour`` in ``window`` (for display/export)."""
        out = self.stops.copy()
        out["departures"] = self.departures(window)
        out["departures_per_hour"] = self.departures_per_hour(window)
        return out


def stop_service(feed, date: str | dt.date | None = None, *, per_station: bool = False,
                 feed_name: str = "") -> StopService:
    """Index the departures of every stop on the service date.

    Parameters
    ----------
    feed : gtfs_kit.Feed
        From :func:`read_feed`.
    date : str or datetime.date, optional
        Service date; default :func:`representative_date`.
    per_station : bool
        Merge platforms (stops with a ``parent_station``) into their station: departures are summed
        and the station's position is used. A busy interchange then counts as one frequent stop.
    feed_name : str
        Name of the feed for provenance.

    Raises
    ------
    NoServiceError
        When nothing runs on the date.
    """
    day = representative_date(feed, date)
    services = set(active_services(feed, day))
    trips = feed.trips[["trip_id", "route_id", "service_id"]]
    trips = trips[trips["service_id"].isin(services)]
    routes = feed.routes[["route_id", "route_type"]].copy()
    routes["mode"] = [mode_of_route_type(int(t)) if pd.notna(t) else "other" for t in routes["route_type"]]
    routes["capacity"] = routes["mode"].map(MODE_CAPACITY)
    trips = trips.merge(routes[["route_id", "mode", "capacity"]], on="route_id", how="left")
    trips = trips[trips["capacity"].notna()]  # air, taxi, unknown: not counted
    if trips.empty:
        raise NoServiceError(f"the GTFS feed has no public-transport trips on {day.isoformat()}; choose another --date")

    cols = ["trip_id", "stop_id", "stop_sequence", "departure_time", "arrival_time"]
    cols += ["pickup_type"] if "pickup_type" in feed.stop_times.columns else []
    st = feed.stop_times[[c for c in cols if c in feed.stop_times.columns]]
    st = st[st["trip_id"].isin(set(trips["trip_id"]))].copy()
    st = st.sort_values(["trip_id", "stop_sequence"], kind="stable")
    t = _seconds(st["departure_time"]) if "departure_time" in st else np.full(len(st), np.nan)
    if "arrival_time" in st:
        t = np.where(np.isnan(t), _seconds(st["arrival_time"]), t)
    st["t"] = t
    st["t"] = st.groupby("trip_id", sort=False)["t"].ffill()
    last = ~st["trip_id"].duplicated(keep="last")
    keep = ~last.to_numpy() & st["t"].notna().to_numpy()
    if "pickup_type" in st:
        keep &= (st["pickup_type"].fillna(0) != 1).to_numpy()
    st = st[keep]
    st = st.merge(trips[["trip_id", "mode", "capacity"]], on="trip_id", how="left")

    stops = feed.stops.drop_duplicates("stop_id").copy()
    if "parent_station" not in stops:
        stops["parent_station"] = pd.NA
    if "stop_name" not in stops:
        stops["stop_name"] = stops["stop_id"]
    known = set(stops["stop_id"])
    unknown = sorted(set(st["stop_id"]) - known)
    if unknown:
        raise GtfsError(f"{feed_name or 'GTFS feed'}: stop_times.txt refers to stop(s) missing from stops.txt: "
                        f"{', '.join(map(str, unknown[:5]))}; the feed is broken — get a fresh copy")
    if per_station:
        parent = stops.set_index("stop_id")["parent_station"]
        parent = parent[parent.notna() & parent.isin(known)]
        st["stop_id"] = st["stop_id"].map(parent).fillna(st["stop_id"])

    served = st.assign(high=st["capacity"].eq("high")).groupby("stop_id", sort=True)[["high"]].any()
    modes = st.assign(rank=st["capacity"].eq("high").astype(int)).sort_values("rank", kind="stable")
    top_mode = modes.groupby("stop_id")["mode"].last()
    out = stops.set_index("stop_id").loc[served.index, ["stop_name", "stop_lon", "stop_lat"]].reset_index()
    out["mode"] = top_mode.reindex(out["stop_id"]).to_numpy()
    out["capacity"] = np.where(served["high"].to_numpy(), "high", "low")
    bad = out["stop_lat"].isna() | out["stop_lon"].isna()
    if bad.any():
        raise GtfsError(f"{feed_name or 'GTFS feed'}: stops.txt has no stop_lat/stop_lon for stop(s) "
                        f"{', '.join(map(str, out.loc[bad, 'stop_id'][:5]))}; fix the feed")
    tr = Transformer.from_crs("EPSG:4326", ANALYSIS_CRS, always_xy=True)
    x, y = tr.transform(out["stop_lon"].to_numpy(dtype="float64"), out["stop_lat"].to_numpy(dtype="float64"))
    out = out.drop(columns=["stop_lon", "stop_lat"]).assign(x=x, y=y)
    out = out[["stop_id", "stop_name", "x", "y", "mode", "capacity"]]

    index = pd.Index(out["stop_id"]).get_indexer(st["stop_id"])
    keys = np.sort(index.astype("int64") * _TIME_SCALE + st["t"].to_numpy(dtype="float64").astype("int64"))
    return StopService(stops=out.reset_index(drop=True), keys=keys, date=day, feed_name=feed_name,
                       per_station=per_station)


def load_stop_service(path: str | Path, date: str | dt.date | None = None, *, per_station: bool = False) -> StopService:
    """:func:`read_feed` + :func:`stop_service` in one call."""
    return stop_service(read_feed(path), date, per_station=per_station, feed_name=Path(path).name)


def write_feed(tables: dict[str, pd.DataFrame], path: str | Path) -> Path:
    """Write GTFS tables (``{"stops": frame, …}``) as a zip, atomically (temp file + rename).

    Used by the demo-input builder and by tests that hand-build feeds; tables are written as given.
    """
    from geo.files import atomic_path

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(target, suffix=".tmp.zip") as tmp:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name, frame in tables.items():
                # a fixed timestamp keeps the zip byte-identical between runs of a seeded builder
                info = zipfile.ZipInfo(f"{name}.txt", date_time=(2020, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, frame.to_csv(index=False, lineterminator="\n"))
    return target
