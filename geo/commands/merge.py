"""``python -m geo merge --dataset D --indicators TABLE --out D2``: add the kommune's own tables.

The table uses the long format of the values layer — ``zone_id, indicator, year, value, numerator,
denominator, ci_low, ci_high, status, source`` — as CSV (``,`` or ``;``) or Excel. Rows replace rows
of the same (zone, indicator, year); the table is recorded in the dataset's manifest with its checksum.

The table is read and checked by :func:`geo.data.io.read_table`, the same reader ``python -m geo import``
uses, so both commands accept exactly the same files (CSV with ``,``/``;``/tab, decimal comma, Excel)
and report problems the same way.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from geo.commands.validate import add_report_option, check_report, report_problems, write_report
from geo.data.dataset import Dataset, default_path, load, merge_values, save
from geo.data.io import read_table
from geo.errors import DatasetError, ValidationError
from geo.files import check_output
from geo.sources import manifest
from geo.sources.build import local_entry


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``merge`` subcommand."""
    p = sub.add_parser("merge", help="merge the kommune's own indicator table (CSV/Excel) into a dataset")
    p.add_argument("--dataset", help="dataset .gpkg to start from (default: $LEVEKAR_DATASET or the demo)")
    p.add_argument("--indicators", required=True, help="long table: zone_id, indicator, year, value, numerator, "
                                                       "denominator, ci_low, ci_high, status, source (.csv/.xlsx)")
    p.add_argument("--out", required=True, help="dataset .gpkg to write")
    p.add_argument("--licence", default="", help="licence/terms of the table, recorded in the manifest")
    p.add_argument("--force", action="store_true", help="replace --out if it exists")
    add_report_option(p)
    p.set_defaults(func=run)


def read_values_table(path: str | Path, ds: Dataset, args: argparse.Namespace | None = None) -> pd.DataFrame:
    """Read and check a long values table against ``ds``'s zones and catalogue (:func:`geo.data.io.read_table`).

    Warnings are printed to stderr; errors raise.

    Raises
    ------
    ValidationError
        Listing every problem, each naming the file, the row, the field and what to do.
    """
    values, problems = read_table(path, set(ds.zones["zone_id"]), ds.catalog)
    if values is None or any(p.severity == "error" for p in problems):
        if args is not None and args.report:
            write_report(problems, args.report)
            print(f"all {len(problems)} problem(s) written to {args.report}", file=sys.stderr)
        raise ValidationError(problems)
    report_problems(problems, args or argparse.Namespace(report=None), sys.stderr)
    return values


def merge_table(ds: Dataset, table: str | Path, *, licence: str = "",
                args: argparse.Namespace | None = None) -> Dataset:
    """A copy of ``ds`` with the table's rows merged in and the table added to the manifest."""
    p = Path(table)
    new = read_values_table(p, ds, args)
    entry = local_entry(p, f"Egen tabell: {p.name}", licence)
    meta = dict(ds.meta)
    meta["manifest"] = list(meta.get("manifest") or []) + [entry]
    meta["licences"] = sorted({e["licence"] for e in meta["manifest"] if e.get("licence")})
    meta["attribution"] = {lang: manifest.attribution(meta, lang) for lang in ("nb", "en")}
    return Dataset(zones=ds.zones, values=merge_values(ds.values, new), catalog=ds.catalog, meta=meta,
                   references=ds.references)


def run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.suffix.lower() != ".gpkg":
        raise DatasetError(f"{out}: a dataset is stored as a GeoPackage; give --out a .gpkg name")
    check_output(out, overwrite=args.force)
    check_report(args)
    ds = load(args.dataset or default_path())
    merged = merge_table(ds, args.indicators, licence=args.licence, args=args)
    save(merged, out, overwrite=args.force)
    added = len(merged.values) - len(ds.values)
    print(f"wrote {out}: {len(merged.values)} values ({added:+d} rows; same zone/indicator/year replaced)")
    return 0
