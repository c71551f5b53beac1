"""``python -m geo info``: summarise a dataset."""

from __future__ import annotations

import argparse
import json

from geo.data.dataset import default_path, load


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``info`` subcommand."""
    p = sub.add_parser("info", help="summarise a dataset (default: LEVEKAR_DATASET or the embedded demo)")
    p.add_argument("--dataset", help="dataset .gpkg (default: $LEVEKAR_DATASET or the embedded demo)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def summary(ds) -> dict:
    """The ``info --json`` object for dataset ``ds``."""
    return {
        "name": ds.name,
        "zones": int(len(ds.zones)),
        "indicators": ds.indicator_ids,
        "years": ds.years(),
        "demo": ds.is_demo,
        "districts": ds.districts(),
        "geometry": ds.meta.get("geometry", ""),
        "path": str(ds.path) if ds.path else None,
        "version": ds.version(),
    }


def run(args: argparse.Namespace) -> int:
    ds = load(args.dataset or default_path())
    info = summary(ds)
    if args.json:
        print(json.dumps(info, ensure_ascii=False))
        return 0
    print(f"{info['name']}{'  [DEMO — synthetic values, schematic boundaries]' if info['demo'] else ''}")
    print(f"  file:       {info['path']}")
    print(f"  zones:      {info['zones']} in {len(info['districts'])} districts ({', '.join(info['districts'])})")
    print(f"  years:      {info['years'][0]}–{info['years'][-1]}" if info["years"] else "  years:      none")
    print(f"  indicators: {len(info['indicators'])}")
    for ind_id in info["indicators"]:
        ind = ds.indicator(ind_id)
        years = ds.years(ind_id)
        print(f"    {ind_id:<30} {ind.unit:<8} {ind.kind:<9} {years[0]}–{years[-1]}  {ind.label_en}")
    return 0
