"""``python -m geo fetch PLACE --out PATH``: build a dataset from official sources, reproducibly.

Every raw response is cached (``--cache``, default ``~/.cache/levekarskart``), so a rerun after a
failure resumes, ``--offline`` rebuilds from the cache alone, and the dataset's manifest records the
URL, query, retrieval time, licence and checksum of every input.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

from tqdm import tqdm

from geo.data.dataset import save
from geo.errors import DatasetError
from geo.files import check_output
from geo.sources.build import PLACES, build_place, get_place, plan
from geo.sources.http import HttpClient

CACHE_ENV = "LEVEKAR_CACHE"


def default_cache() -> Path:
    """``$LEVEKAR_CACHE``, else ``$XDG_CACHE_HOME/levekarskart``, else ``~/.cache/levekarskart``."""
    if os.environ.get(CACHE_ENV, "").strip():
        return Path(os.environ[CACHE_ENV]).expanduser()
    return Path(os.environ.get("XDG_CACHE_HOME", "~/.cache")).expanduser() / "levekarskart"


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``fetch`` subcommand."""
    p = sub.add_parser("fetch", help="build a dataset from official sources (SSB, Geonorge, the kommune)",
                       description="Fetch official boundaries and statistics for a place and build a dataset "
                                   "with a source manifest. Needs the internet unless --offline.")
    p.add_argument("place", help=f"which place to fetch ({', '.join(PLACES)})")
    p.add_argument("--out", help="dataset .gpkg to write (required unless --plan)")
    p.add_argument("--plan", action="store_true",
                   help="only list the sources (URL, licence) and hosts the build would use; fetch nothing")
    p.add_argument("--cache", help=f"cache folder for raw responses (default: ${CACHE_ENV} or ~/.cache/levekarskart)")
    p.add_argument("--offline", action="store_true", help="use only the cache; list whatever is missing")
    p.add_argument("--force", action="store_true", help="replace --out if it exists")
    p.add_argument("--refresh", action="store_true", help="refetch everything, ignoring cached responses")
    p.add_argument("--crosswalk", help="CSV grunnkrets → zone: build zones from grunnkretser instead of the "
                                       "kommune's own zone layers")
    p.add_argument("--allow-unmapped", action="store_true",
                   help="with --crosswalk: warn instead of failing on grunnkretser without a zone")
    p.add_argument("--write-crosswalk", metavar="CSV",
                   help="also write a draft crosswalk grunnkrets → zone (by area overlap) for review")
    p.add_argument("--districts", help="CSV with zone_id or name and district (or bydel, bydel_approx): the bydel "
                                       "of each zone, e.g. data/facts/trondheim_levekarssoner_2020.csv")
    p.add_argument("--access-inputs", metavar="DIR",
                   help="also download GTFS (Entur), the 250 m population grid (SSB) and OSM green areas and "
                        "write them to DIR as files 'python -m geo access' reads")
    p.add_argument("--context", action="store_true",
                   help="also store OpenStreetMap water, coastline and major roads (ODbL) in the dataset, drawn "
                        "under the zones where no basemap can be loaded (offline or intranet)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    place = get_place(args.place)
    if args.plan:
        rows = plan(place, crosswalk=bool(args.crosswalk), access_inputs=bool(args.access_inputs),
                    context=args.context)
        for r in rows:
            print(f"{r['name']}\n    {r['url']}\n    {r['licence']}")
        hosts = sorted({urlsplit(r["url"]).hostname for r in rows})
        print(f"hosts: {', '.join(hosts)}")
        return 0
    if not args.out:
        raise DatasetError("give --out PATH.gpkg for the dataset to build (or --plan to only list the sources)")
    out = Path(args.out)
    if out.suffix.lower() != ".gpkg":
        raise DatasetError(f"{out}: a dataset is stored as a GeoPackage; give the output a .gpkg name")
    check_output(out, overwrite=args.force)  # before minutes of downloads
    http = HttpClient(cache_dir=Path(args.cache).expanduser() if args.cache else default_cache(),
                      offline=args.offline, force=args.refresh)
    bar = tqdm(total=None, desc=f"fetch {place.key}", unit="step", file=sys.stderr, disable=args.quiet)

    def on_step(label: str, index: int, total: int) -> None:
        bar.total = total
        bar.n = index
        bar.set_postfix_str(label)
        bar.refresh()

    http.progress = lambda name, done, total: bar.set_postfix_str(
        f"{name}: {done / 1e6:.1f}" + (f"/{total / 1e6:.1f}" if total else "") + " MB")
    try:
        ds = build_place(place, http, crosswalk=args.crosswalk, allow_unmapped=args.allow_unmapped,
                         access_inputs=args.access_inputs, districts=args.districts,
                         write_crosswalk=args.write_crosswalk, context=args.context, on_step=on_step)
        bar.n = bar.total or 0
        bar.set_postfix_str("done")
    finally:
        bar.close()
    path = save(ds, out, overwrite=args.force)
    manifest = ds.meta["manifest"]
    print(f"wrote {path}: {len(ds.zones)} zones, {len(ds.indicator_ids)} indicators "
          f"({', '.join(ds.indicator_ids)}), {len(ds.references)} reference figures, {len(manifest)} sources "
          f"({sum(e['bytes'] for e in manifest) / 1e6:.1f} MB, {http.calls} HTTP calls this run)")
    if ds.context is not None:
        kinds = ds.context["kind"].value_counts()
        print("map context (OpenStreetMap, ODbL): " + ", ".join(f"{n} {k}" for k, n in kinds.items()))
    for w in ds.meta.get("warnings", []):
        print(f"warning: {w}", file=sys.stderr)
    inputs = ds.meta.get("access_inputs") or {}
    if {"gtfs", "population"} <= set(inputs):
        print(f"transit access: python -m geo access transit --gtfs {inputs['gtfs']} "
              f"--population {inputs['population']} --zones {path} --out transit_access.csv")
    if {"green", "population"} <= set(inputs):
        print(f"green access:   python -m geo access green --green {inputs['green']} "
              f"--population {inputs['population']} --zones {path} --out green_access.csv")
    print(f"use it:  LEVEKAR_DATASET={path} streamlit run app.py")
    return 0
