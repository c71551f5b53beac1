"""``python -m geo map``: write a standalone HTML choropleth (the same builder the app uses)."""

from __future__ import annotations

import argparse

from geo.benchmarks import zone_facts
from geo.errors import LevekarError
from geo.mapping.classify import DEFAULT_K, DEFAULT_SCHEME, SCHEMES, classify
from geo.mapping.display import display_layer
from geo.mapping.maps import BASEMAPS, LANGS, write_map_html
from geo.privacy import open_for_output


def _breaks(text: str) -> list[float]:
    try:
        return [float(part) for part in text.replace(";", ",").split(",") if part.strip()]
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"--breaks: comma-separated numbers expected, got {text!r}") from exc


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``map`` subcommand."""
    p = sub.add_parser("map", help="write a standalone HTML map of one indicator and year",
                       description="Write a standalone HTML choropleth (works offline: Leaflet is inlined).")
    p.add_argument("--dataset", help="dataset .gpkg (default: $LEVEKAR_DATASET or the embedded demo)")
    p.add_argument("--indicator", required=True, help="indicator id (see `python -m geo info`)")
    p.add_argument("--year", type=int, help="year (default: the latest with values)")
    p.add_argument("--scheme", default=DEFAULT_SCHEME, help=f"classification: {', '.join(SCHEMES)} (default: %(default)s)")
    p.add_argument("--k", type=int, default=DEFAULT_K, help="number of classes, 3–7 (default: %(default)s)")
    p.add_argument("--breaks", type=_breaks, help="upper class bounds for --scheme user_defined, e.g. 5,10,20")
    p.add_argument("--palette", help="ColorBrewer palette (default: by the indicator's direction)")
    p.add_argument("--lang", default="nb", help=f"language: {', '.join(LANGS)} (default: %(default)s)")
    p.add_argument("--basemap", default="none", help=f"background: {', '.join(BASEMAPS)} (default: %(default)s; "
                   "tiles need internet)")
    p.add_argument("--selected", help="zone id to outline")
    p.add_argument("--cdn", action="store_true", help="load Leaflet from a CDN instead of inlining it (smaller file, "
                   "needs internet)")
    p.add_argument("--force", action="store_true", help="overwrite --out if it exists")
    p.add_argument("--out", required=True, help="output .html file")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    ds = open_for_output(args.dataset)  # public mode: disclosure control
    ds.check_choice(args.indicator)
    year = args.year if args.year is not None else ds.latest_year(args.indicator)
    ds.check_choice(args.indicator, year)
    indicator = ds.indicator(args.indicator)
    facts = zone_facts(ds, args.indicator, year)
    try:
        classification = classify(facts, indicator, scheme=args.scheme, k=args.k, palette=args.palette,
                                  breaks=args.breaks)
    except LevekarError:
        raise
    except ValueError as exc:  # k or breaks: a wrong request, not a bug
        raise LevekarError(str(exc)) from exc
    if args.selected is not None and args.selected not in set(ds.zones["zone_id"]):
        raise LevekarError(f"--selected: no zone with id {args.selected!r} in {ds.path or ds.name}")
    out = write_map_html(args.out, display_layer(ds.zones), facts, indicator, classification, year=year,
                         lang=args.lang, demo=ds.is_demo, basemap=args.basemap, selected=args.selected,
                         inline=not args.cdn, overwrite=args.force)
    size = out.stat().st_size
    print(f"wrote {out} ({size / 1024:,.0f} KB): {indicator.id} {year}, {classification.scheme} "
          f"k={classification.k}, {len(ds.zones)} zones{' [DEMO]' if ds.is_demo else ''}")
    for note in classification.notes:
        print(f"note: {note}")
    return 0
