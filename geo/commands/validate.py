"""``python -m geo validate ZONES [--indicators TABLE] …``: check users' files without writing anything.

Prints one line per problem (file, feature or row, field, what is wrong — what to do), warnings
included, then a verdict line, all on standard output so the report can be saved with ``>``. A long
list (more than :data:`geo.errors.LIST_ALL_UP_TO`) is summarised: the count of each kind of problem and
its first few; ``--report FILE`` writes every problem to a CSV (also for ``import`` and ``merge``).
Exit 0 when the files can be imported (warnings allowed), 1 when any error was found, 2 for usage.
``--json`` prints one JSON object instead (same exit codes).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from typing import TextIO

import pandas as pd

from geo.data.io import ImportResult, prepare_import
from geo.data.validate import DEFAULT_STATUSES, parse_crs
from geo.errors import REPORT_COLUMNS, Problem, problem_records, summarise_problems
from geo.export import to_csv
from geo.files import check_output, write_bytes_atomic


def crs_argument(text: str) -> str:
    """argparse ``type`` for ``--crs``: reject unknown CRSs as a usage error (exit 2), keep the text."""
    try:
        parse_crs(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc
    return text


def add_input_options(p: argparse.ArgumentParser) -> None:
    """Options shared by ``validate`` and ``import`` (how to read the zone file and the table)."""
    p.add_argument("--indicators", metavar="TABLE", help="indicator table, long format (.csv or .xlsx): "
                   "zone_id, indicator, year, value [, numerator, denominator, ci_low, ci_high, status, source]")
    p.add_argument("--id-field", metavar="F", help="zone id field (default: zone_id, id, levekårsone, …)")
    p.add_argument("--name-field", metavar="F", help="zone name field (default: name, navn, …)")
    p.add_argument("--district-field", metavar="F", help="district field, optional (default: district, bydel)")
    p.add_argument("--crs", metavar="EPSG:XXXX", type=crs_argument,
                   help="CRS of a zone file that declares none (a declared CRS is never overridden)")
    p.add_argument("--repair", action="store_true",
                   help="repair invalid polygons with make_valid (each repaired feature is reported)")
    p.add_argument("--layer", metavar="L", help="GeoPackage layer, or shapefile name inside a .zip")
    p.add_argument("--sheet", metavar="S", help="Excel sheet of the table (default: the first)")
    p.add_argument("--default-status", choices=DEFAULT_STATUSES, default="published",
                   help="status of table rows with a value but no status (default: published)")
    add_report_option(p)


def add_report_option(p: argparse.ArgumentParser) -> None:
    """``--report FILE``: every problem as CSV (the printed list is summarised when long)."""
    p.add_argument("--report", metavar="FILE.csv", help="write every problem (errors and warnings) to this CSV; "
                   "the printed list is summarised when it is long. Replaced if it exists")


def check_report(args: argparse.Namespace) -> None:
    """Refuse a ``--report`` path that cannot be written, before any work."""
    if getattr(args, "report", None):
        check_output(args.report, overwrite=True, option="--report")


def write_report(problems: list[Problem], path: str) -> None:
    """Every problem as a CSV (:data:`geo.errors.REPORT_COLUMNS`; formula-like text neutralised)."""
    frame = pd.DataFrame(problem_records(problems), columns=REPORT_COLUMNS)
    write_bytes_atomic(check_output(path, overwrite=True, option="--report"), to_csv(frame))


def report_problems(problems: list[Problem], args: argparse.Namespace, stream: TextIO | None = None) -> None:
    """Print ``problems`` (summarised when many) and write them all to ``--report`` when given."""
    report = getattr(args, "report", None)
    if report:
        write_report(problems, report)
    for line in summarise_problems(problems, report_hint=report or "--report FILE"):
        print(line, file=stream or sys.stdout)
    if report:
        print(f"all {len(problems)} problem(s) written to {report}", file=stream or sys.stdout)


def run_checks(args: argparse.Namespace, zones: str, name: str | None = None) -> ImportResult:
    """:func:`geo.data.io.prepare_import` with the parsed options."""
    return prepare_import(zones, args.indicators, id_field=args.id_field, name_field=args.name_field,
                          district_field=args.district_field, crs=args.crs, repair=args.repair, layer=args.layer,
                          sheet=args.sheet, default_status=args.default_status, name=name)


def describe(summary: dict) -> str:
    """One-line description of an import summary."""
    years = summary["years"]
    span = f"{years[0]}–{years[-1]}" if years else "no years"
    return (f"{summary['zones']} zones, {len(summary['districts'])} districts, "
            f"{len(summary['indicators'])} indicators, {summary['rows']} values ({span})")


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``validate`` subcommand."""
    p = sub.add_parser("validate", help="check a zone file (and an indicator table) without importing",
                       description="Check a zone file (and an indicator table) without writing anything. "
                       "Exit 0 valid (warnings allowed), 1 invalid (one line per problem), 2 usage error.")
    p.add_argument("zones", metavar="ZONES", help="zone file: .geojson, .gpkg, .shp, .zip (shapefile), .parquet")
    add_input_options(p)
    p.add_argument("--json", action="store_true",
                   help="print one JSON object: valid, errors, warnings, problems (file, where, field, message, "
                        "hint, severity) and, when valid, a summary")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    check_report(args)
    result = run_checks(args, args.zones)
    if args.json:
        print(json.dumps({"valid": result.ok, "errors": len(result.errors), "warnings": len(result.warnings),
                          "problems": [asdict(p) for p in result.problems], "summary": result.summary or None},
                         ensure_ascii=False))
        return 0 if result.ok else 1
    report_problems(result.problems, args)
    n_err, n_warn = len(result.errors), len(result.warnings)
    if not result.ok:
        print(f"INVALID: {n_err} error(s), {n_warn} warning(s); fix the errors above and run validate again")
        return 1
    print(f"valid: {describe(result.summary)}; {n_warn} warning(s)")
    return 0
