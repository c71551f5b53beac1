"""``python -m geo index``: a composite levekårsindeks with rank intervals, as JSON or a table."""

from __future__ import annotations

import argparse
import json
import sys

from geo.analysis.index import DEFAULT_DRAWS, DEFAULT_WORST, levekar_index
from geo.errors import LevekarError
from geo.privacy import open_for_output


def _ids(text: str) -> list[str]:
    return [p.strip() for p in text.split(",") if p.strip()]


def _weights(text: str) -> list[float]:
    try:
        return [float(p) for p in text.split(",") if p.strip()]
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"--weights: comma-separated numbers expected, got {text!r}") from exc


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``index`` subcommand."""
    p = sub.add_parser("index", help="composite levekår index with rank uncertainty",
                       description="Standardise the indicators (direction-aware z-scores), combine them with the "
                       "weights, rank the zones (1 = worst) and estimate each rank's 5–95 %% interval and the "
                       "probability of being among the worst N from seeded random perturbations.")
    p.add_argument("--dataset", help="dataset .gpkg (default: $LEVEKAR_DATASET or the embedded demo)")
    p.add_argument("--indicators", required=True, type=_ids, help="indicator ids, comma-separated")
    p.add_argument("--weights", type=_weights, help="one weight per indicator, comma-separated (default: equal)")
    p.add_argument("--year", type=int, help="year (default: the latest year all indicators share)")
    p.add_argument("--draws", type=int, default=DEFAULT_DRAWS, help="perturbed indices (default: %(default)s)")
    p.add_argument("--worst", type=int, default=DEFAULT_WORST, help="N of 'among the worst N' (default: %(default)s)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default: %(default)s)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    ds = open_for_output(args.dataset)  # public mode: disclosure control
    if args.weights is not None and len(args.weights) != len(args.indicators):
        raise LevekarError(f"--weights: give one weight per indicator ({len(args.indicators)} indicator(s), "
                           f"{len(args.weights)} weight(s))")
    result = levekar_index(ds, args.indicators, args.weights, args.year, draws=args.draws, worst=args.worst,
                           seed=args.seed)
    ranked = result.ranked
    unranked = result.table[result.table["score"].isna()]
    note = (f"index of {', '.join(result.indicator_ids)} in {result.year}, weights "
            f"{', '.join(f'{w:.3g}' for w in result.weights)}, {result.draws} draws, seed {result.seed}, "
            f"{len(ranked)} zones ranked" + (f", {len(unranked)} without enough data" if len(unranked) else "")
            + (" [DEMO data]" if ds.is_demo else ""))
    if args.json:
        print(note, file=sys.stderr)
        zones = [{"zone_id": r.zone_id, "name": r.name, "score": float(r.score), "rank": int(r.rank),
                  "rank_low": int(r.rank_low), "rank_high": int(r.rank_high), "p_worst": float(r.p_worst)}
                 for r in ranked.itertuples()]
        print(json.dumps({"zones": zones}, ensure_ascii=False))
        return 0
    print(note)
    print(f"{'rank':>4}  {'interval':>9}  {'P(worst ' + str(result.worst) + ')':>13}  {'score':>7}  zone")
    for r in ranked.itertuples():
        print(f"{r.rank:>4}  {f'{r.rank_low}–{r.rank_high}':>9}  {r.p_worst:>13.2f}  {r.score:>7.2f}  {r.name}")
    return 0
