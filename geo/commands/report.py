"""``python -m geo report``: the printable one-page profile of a zone or an area, or its JSON."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from geo.analysis.zonesets import find_set, resolve_zone
from geo.errors import LevekarError
from geo.files import write_text_atomic
from geo.privacy import open_for_output
from geo.report import build_profile, profile_json, render_profile_report


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``report`` subcommand."""
    p = sub.add_parser(
        "report", help="one-page profile report (HTML) of a zone or an area, or its figures as JSON",
        description="Write a one-page, self-contained HTML profile of one zone, or of several zones (or a group) "
                    "taken together as one area; or print the same figures as one JSON object (--json).")
    p.add_argument("--zone", action="append", default=[], metavar="NAME_OR_ID",
                   help="zone name (accents and case ignored) or id; repeat for one aggregated area")
    p.add_argument("--group", metavar="GROUP_ID", help="a predefined zone set: a group id from data/facts/"
                   "zone_groups.csv (e.g. omradesatsing_lademoen), bydel:<name> or all")
    p.add_argument("--year", type=int, help="year (default: the latest with values)")
    p.add_argument("--lang", choices=("nb", "en"), default="nb", help="language of the report (default: %(default)s)")
    p.add_argument("--dataset", help="dataset .gpkg (default: $LEVEKAR_DATASET or the embedded demo)")
    p.add_argument("--similar", type=int, default=5, metavar="K", help="how many similar zones to list (default: 5)")
    p.add_argument("--json", action="store_true", help="print the figures as one JSON object on stdout")
    p.add_argument("--out", metavar="FILE.html", help="write the HTML report here")
    p.add_argument("--force", action="store_true", help="overwrite --out if it exists")
    p.set_defaults(func=run)


def _area(ds, args: argparse.Namespace):
    if args.zone and args.group:
        raise LevekarError("give either --zone (one or more) or --group, not both")
    if args.group:
        return find_set(ds, args.group)
    if not args.zone:
        raise LevekarError("name the area: --zone NAME_OR_ID (repeat for several zones) or --group GROUP_ID")
    return [resolve_zone(ds, z) for z in args.zone]


def run(args: argparse.Namespace) -> int:
    if not args.json and not args.out:
        raise LevekarError("say what to produce: --out FILE.html for the report, --json for the figures")
    if args.similar < 1:
        raise LevekarError(f"--similar must be at least 1, got {args.similar}")
    out = Path(args.out) if args.out else None
    if out is not None and out.exists() and not args.force:
        raise LevekarError(f"{out} already exists; choose another --out or pass --force to replace it")
    if out is not None and not out.parent.exists():
        raise LevekarError(f"{out.parent} does not exist; create the folder or choose another --out")
    ds = open_for_output(args.dataset)  # public mode: disclosure control
    area = _area(ds, args)
    if args.year is not None and args.year not in ds.years():
        raise LevekarError(f"no values in {args.year}; years with values: {', '.join(map(str, ds.years()))}")
    content = build_profile(ds, area, args.year, k=args.similar, lang=args.lang)
    if args.json:
        print(json.dumps(profile_json(content), ensure_ascii=False, allow_nan=False, indent=2))
    if out is not None:
        write_text_atomic(out, render_profile_report(ds, content=content, lang=args.lang), overwrite=args.force)
        if not args.json:
            print(f"wrote {out} ({out.stat().st_size / 1024:,.0f} KB): {content.area.name}, {content.year}, "
                  f"{len(content.profile)} indicators{' [DEMO]' if ds.is_demo else ''}")
    return 0
