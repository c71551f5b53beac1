"""``python -m geo import --zones ZONES [--indicators TABLE] … --out PATH``: build a dataset from users' files.

The module is called ``importer`` because ``import`` is a Python keyword; the command is ``import``.
The output is a GeoPackage in the same format as the embedded dataset (see :mod:`geo.data.dataset`). An
existing PATH is refused without ``--force`` (exit 1); the write is atomic, so a failed import leaves
an existing PATH byte-identical. Problems go to standard error, the summary to standard output.
Status of each value: the table's ``status`` column when present (validated against published,
synthetic, computed, suppressed, missing); rows without one get ``--default-status`` (default
``published``; the summary prints how many rows got it); rows with an empty value get ``missing``, or
keep ``suppressed`` when that was given (SSB's ``:`` also means suppressed). Details and the remaining
rules are in :mod:`geo.data.validate`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geo.commands.validate import add_input_options, check_report, describe, report_problems, run_checks
from geo.data.dataset import save
from geo.errors import DatasetError
from geo.files import check_output


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``import`` subcommand."""
    p = sub.add_parser("import", help="build a dataset (.gpkg) from a zone file and an indicator table",
                       description="Build a dataset (.gpkg, the format of the embedded one) from a zone "
                       "file and an indicator table. Refuses an existing --out without --force; a failed "
                       "import leaves it untouched.")
    p.add_argument("--zones", required=True, metavar="ZONES",
                   help="zone file: .geojson, .gpkg, .shp, .zip (shapefile), .parquet")
    add_input_options(p)
    p.add_argument("--out", required=True, metavar="PATH", help="dataset to write (.gpkg)")
    p.add_argument("--force", action="store_true", help="replace PATH if it exists")
    p.add_argument("--name", help="dataset name shown in the app (default: the zone file's name)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    out = Path(args.out).expanduser()
    # Refuse before reading anything: the user learns at once, and nothing is touched.
    if out.suffix.lower() != ".gpkg":
        raise DatasetError(f"{out}: a dataset is stored as a GeoPackage; give --out a .gpkg name")
    check_output(out, overwrite=args.force)
    check_report(args)
    result = run_checks(args, args.zones, name=args.name)
    report_problems(result.problems, args, sys.stderr)
    if not result.ok:
        kept = f"; {out} is unchanged" if out.exists() else ""
        print(f"error: import failed with {len(result.errors)} error(s); nothing was written{kept}",
              file=sys.stderr)
        return 1
    save(result.dataset, out, overwrite=args.force)
    s = result.summary
    print(f"imported {s['name']!r} → {out}: {describe(s)}")
    if s["status_counts"]:
        print("  status: " + ", ".join(f"{k} {v}" for k, v in sorted(s["status_counts"].items())))
    if s["status_defaulted"]:
        print(f"  {s['status_defaulted']} row(s) without a status got '{s['default_status']}' "
              "(change with --default-status)")
    if s["unknown_indicators"]:
        print(f"  not in the catalogue (id used as label): {', '.join(s['unknown_indicators'])}")
    if result.warnings:
        print(f"  {len(result.warnings)} warning(s), see above")
    return 0
