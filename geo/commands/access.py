"""``python -m geo access transit|green``: compute access indicators into a long values CSV.

The CSV has the columns of a dataset's ``values`` layer, so ``python -m geo import --indicators``
(or :func:`geo.data.dataset.merge_values`) takes it as it is.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from geo.access import GreenAccessModel, TransitAccessModel, read_green_areas
from geo.data.dataset import VALUE_COLUMNS, default_path, load
from geo.errors import LevekarError
from geo.export import neutralise_formulas
from geo.files import atomic_path, check_output


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``access`` with its ``transit`` and ``green`` subcommands."""
    p = sub.add_parser("access", help="compute transit or green-space access per zone from open data")
    kinds = p.add_subparsers(dest="kind", metavar="KIND", required=True)

    t = kinds.add_parser("transit", help="share of residents near a frequent public-transport stop (GTFS)")
    t.add_argument("--gtfs", required=True, metavar="FEED.zip", help="GTFS feed (.zip)")
    t.add_argument("--distance", type=float, default=500, metavar="M", help="metres to bus stops (default 500)")
    t.add_argument("--rail-distance", type=float, default=1000, metavar="M",
                   help="metres to rail/metro/tram/ferry stops (default 1000, SDG 11.2.1)")
    t.add_argument("--min-departures", type=float, default=4, metavar="N", help="departures per hour a stop needs (default 4)")
    t.add_argument("--window", default="07:00-19:00", metavar="HH:MM-HH:MM", help="time window HH:MM-HH:MM of the service day")
    t.add_argument("--date", metavar="YYYY-MM-DD", help="service date YYYY-MM-DD (default: the feed's busiest weekday)")
    t.add_argument("--per-station", action="store_true", help="count departures per parent station, not per platform")
    t.add_argument("--stops-out", metavar="STOPS.csv", help="also write the stops with departures per hour and whether they count (CSV)")
    t.set_defaults(func=run_transit)

    g = kinds.add_parser("green", help="share of residents near a green area (polygons)")
    g.add_argument("--green", required=True, metavar="GREEN.gpkg", help="green-area polygons (GeoPackage/GeoJSON)")
    g.add_argument("--layer", metavar="L", help="layer of the green-area file (default: the first)")
    g.add_argument("--distance", type=float, default=300, metavar="M", help="metres to an area's edge (default 300, WHO Europe)")
    g.add_argument("--min-area-ha", type=float, default=0.5, metavar="HA", help="smallest area counted, hectares (default 0.5)")
    g.set_defaults(func=run_green)

    for q in (t, g):
        q.add_argument("--population", required=True, metavar="POP", help="population points/cells (.csv x,y|lon,lat or .gpkg/.geojson)")
        q.add_argument("--zones", metavar="DATASET.gpkg", help="dataset whose zones to use (default: $LEVEKAR_DATASET or the embedded demo)")
        q.add_argument("--year", type=int, metavar="Y", help="year of the values (transit: the service date's year; green: this year)")
        q.add_argument("--out", required=True, metavar="VALUES.csv", help="output CSV (long values format)")
        q.add_argument("--force", action="store_true", help="replace existing output files")


@contextmanager
def _progress(total: int, desc: str):
    """A step progress bar on stderr; ``bar(step_name)`` advances it."""
    # disable=None: drawn on a terminal, silent when stderr is a log file or a pipe
    with tqdm(total=total, desc=desc, file=sys.stderr, unit="step", leave=False, disable=None,
              bar_format="{desc}: {n}/{total} {bar} {postfix}") as bar:
        def step(name: str) -> None:
            bar.set_postfix_str(name)
            bar.update(1)
        yield step


def _check_out(args: argparse.Namespace, name: str = "out") -> Path:
    out = Path(getattr(args, name))
    if out.suffix.lower() != ".csv":
        raise LevekarError(f"{out}: the output is a CSV file; give it a .csv name")
    option = f"--{name.replace('_', '-')}"
    return check_output(out, overwrite=args.force, option=option, what=option)


def _zones(args: argparse.Namespace):
    return load(args.zones or default_path()).zones


def _write(values: pd.DataFrame, out: Path, force: bool, columns: list[str] = VALUE_COLUMNS) -> None:
    with atomic_path(out, suffix=".tmp.csv", overwrite=force) as tmp:
        # opened in spreadsheets too: stop names and sources that look like formulas become text
        neutralise_formulas(values[columns]).to_csv(tmp, index=False)


def _report(values: pd.DataFrame, residents, out: Path) -> None:
    if residents.outside_points:
        print(f"warning: {residents.outside_points} population points ({residents.outside_population:,.0f} residents) "
              "lie outside every zone and were left out", file=sys.stderr)
    computed = values[values["status"] == "computed"]
    total = computed["denominator"].sum()
    share = 100 * computed["numerator"].sum() / total if total else float("nan")
    missing = int((values["status"] == "missing").sum())
    ind = values["indicator"].iloc[0] if len(values) else "?"
    print(f"{ind}: {len(computed)} zones computed ({share:.1f} % of {total:,.0f} residents overall), "
          f"{missing} zones without residents (missing) → {out}")


def run_transit(args: argparse.Namespace) -> int:
    """``access transit``."""
    from geo.gtfs import load_stop_service, parse_window
    from geo.population import read_population

    out = _check_out(args)
    stops_out = _check_out(args, "stops_out") if args.stops_out else None
    parse_window(args.window)  # a typo in the window should fail before minutes of work
    with _progress(5, "transit access") as step:
        zones = _zones(args)
        step("zones")
        population = read_population(args.population)
        step("population")
        service = load_stop_service(args.gtfs, args.date, per_station=args.per_station)
        step(f"departures on {service.date.isoformat()}")
        model = TransitAccessModel.build(zones, population, service, population_source=Path(args.population).name,
                                         cutoff=max(args.distance, args.rail_distance))
        step("residents near stops")
        values = model.values(args.distance, args.rail_distance, args.min_departures, args.window, args.year)
        _write(values, out, args.force)
        if stops_out:
            stops = model.stops_frame(args.distance, args.rail_distance, args.min_departures, args.window)
            _write(stops, stops_out, args.force, [c for c in stops.columns if c != "geometry"])
        step("written")
    _report(values, model.residents, out)
    return 0


def run_green(args: argparse.Namespace) -> int:
    """``access green``."""
    from geo.population import read_population

    out = _check_out(args)
    src = Path(args.green)
    with _progress(4, "green access") as step:
        zones = _zones(args)
        step("zones")
        population = read_population(args.population)
        step("population")
        green = read_green_areas(src, args.layer, crs=zones.crs)
        step("green areas")
        model = GreenAccessModel.build(zones, population, green, cutoff=args.distance,
                                       population_source=Path(args.population).name, green_source=src.name)
        values = model.values(args.distance, args.min_area_ha, args.year)
        _write(values, out, args.force)
        step("written")
    _report(values, model.residents, out)
    return 0
