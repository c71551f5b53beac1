"""``python -m geo hotspots``: global Moran's I and LISA clusters of one indicator, as JSON or a table."""

from __future__ import annotations

import argparse
import json
import sys

from geo.analysis.hotspots import CONTIGUITY, DEFAULT_PERMUTATIONS, hotspots
from geo.privacy import open_for_output


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``hotspots`` subcommand."""
    p = sub.add_parser("hotspots", help="spatial clusters (Moran's I, LISA) of one indicator",
                       description="Global Moran's I and local clusters (HH, LL, HL, LH, ns) with permutation "
                       "p-values and a Benjamini–Hochberg false-discovery-rate adjustment. Queen contiguity; "
                       "zones without a neighbour get their nearest zones (reported).")
    p.add_argument("--dataset", help="dataset .gpkg (default: $LEVEKAR_DATASET or the embedded demo)")
    p.add_argument("--indicator", required=True, help="indicator id (see `python -m geo info`)")
    p.add_argument("--year", type=int, help="year (default: the latest with values)")
    p.add_argument("--permutations", type=int, default=DEFAULT_PERMUTATIONS,
                   help="random permutations for the p-values (default: %(default)s)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default: %(default)s)")
    p.add_argument("--contiguity", default="queen", choices=CONTIGUITY,
                   help="neighbours: shared edge or corner (queen, default) or shared edge (rook)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    ds = open_for_output(args.dataset)  # public mode: disclosure control
    result = hotspots(ds, args.indicator, args.year, permutations=args.permutations, seed=args.seed,
                      contiguity=args.contiguity)
    notes = [f"{args.indicator}: {result.n} zones, {result.permutations} permutations, seed {result.seed}, "
             f"clusters at FDR-adjusted p < {result.alpha:g}" + (" [DEMO data]" if ds.is_demo else "")]
    if result.fallback:
        notes.append(f"no contiguous neighbour, nearest zones used instead: {', '.join(result.fallback)}")
    if result.missing:
        notes.append(f"left out (no public value): {', '.join(result.missing)}")
    if args.json:
        for n in notes:
            print(f"note: {n}", file=sys.stderr)
        print(json.dumps(result.to_json(), ensure_ascii=False))
        return 0
    for n in notes:
        print(f"note: {n}")
    print(f"Moran's I = {result.moran_i:.3f} (p = {result.p_value:.3f}, n = {result.n})")
    for r in result.zones.itertuples():
        if r.cluster != "ns":
            print(f"  {r.cluster}  p={r.p_value:.3f}  p_fdr={r.p_fdr:.3f}  {r.name}")
    return 0
