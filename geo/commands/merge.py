"""``python -m geo merge --dataset D --indicators TABLE --out D2``: add the kommune's own tables.

The table uses the long format of the values layer — ``zone_id, indicator, year, value, numerator,
denominator, ci_low, ci_high, status, source`` — as CSV (``,`` or ``;``) or Excel. Rows replace rows
of the same (zone, indicator, year); the table is recorded in the dataset's manifest with its checksum.

Integration point: the foundation's table reader/validator is being written in parallel (branch
``importer``: ``geo.io.read_table(path, zone_ids, catalog) -> (values | None, problems)``).
:func:`read_values_table` is a small local reader with the same contract (raise
:class:`ValidationError` with every problem); once ``geo.io`` is on main its body should become a call
to ``geo.io.read_table`` so both commands accept exactly the same files.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from geo.config import STATUSES
from geo.dataset import VALUE_COLUMNS, Dataset, default_path, load, merge_values, normalise_values, save
from geo.errors import DatasetError, Problem, ValidationError
from geo.sources import manifest
from geo.sources.build import local_entry

REQUIRED = ("zone_id", "indicator", "year")
NUMBERS = ("value", "numerator", "denominator", "ci_low", "ci_high")


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``merge`` subcommand."""
    p = sub.add_parser("merge", help="merge the kommune's own indicator table (CSV/Excel) into a dataset")
    p.add_argument("--dataset", help="dataset .gpkg to start from (default: $LEVEKAR_DATASET or the demo)")
    p.add_argument("--indicators", required=True, help="long table: zone_id, indicator, year, value, numerator, "
                                                       "denominator, ci_low, ci_high, status, source (.csv/.xlsx)")
    p.add_argument("--out", required=True, help="dataset .gpkg to write")
    p.add_argument("--licence", default="", help="licence/terms of the table, recorded in the manifest")
    p.add_argument("--force", action="store_true", help="replace --out if it exists")
    p.set_defaults(func=run)


def read_values_table(path: str | Path, zone_ids: set[str]) -> pd.DataFrame:
    """Read and validate a long values table; every problem is reported at once.

    Raises
    ------
    ValidationError
        Naming the file, the row, the field and what to do.
    """
    p = Path(path)
    if not p.is_file():
        raise ValidationError([Problem(str(p), "", "", "no such file", "give the path of a .csv or .xlsx table")])
    if p.suffix.lower() in (".xlsx", ".xlsm"):
        frame = pd.read_excel(p, dtype=str).fillna("")
    elif p.suffix.lower() in (".csv", ".txt"):
        head = p.read_text(encoding="utf-8-sig").split("\n", 1)[0]
        frame = pd.read_csv(p, sep=";" if head.count(";") > head.count(",") else ",", dtype=str,
                            keep_default_na=False, encoding="utf-8-sig")
    else:
        raise ValidationError([Problem(p.name, "", "", f"unsupported file type {p.suffix!r}", "use .csv or .xlsx")])
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    name = p.name
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise ValidationError([Problem(name, "", c, "column is missing",
                                       f"columns are {', '.join(VALUE_COLUMNS)} (zone_id, indicator, year required)")
                               for c in missing])
    unknown = [c for c in frame.columns if c not in VALUE_COLUMNS]
    problems = [Problem(name, "", c, "unknown column is ignored", f"known columns: {', '.join(VALUE_COLUMNS)}",
                        "warning") for c in unknown]
    frame = frame[[c for c in frame.columns if c in VALUE_COLUMNS]].apply(lambda s: s.str.strip())
    for c in NUMBERS:
        if c in frame.columns:
            frame[c] = frame[c].str.replace(",", ".", regex=False).str.replace(" ", "", regex=False)
    for i, row in frame.iterrows():
        where = f"row {int(i) + 2}"
        if row["zone_id"] not in zone_ids:
            problems.append(Problem(name, where, "zone_id", f"{row['zone_id']!r} is not a zone of the dataset",
                                    "use the dataset's zone ids (python -m geo info --dataset D lists them)"))
        if not row["indicator"]:
            problems.append(Problem(name, where, "indicator", "is empty", "name the indicator id"))
        if not row["year"].isdigit():
            problems.append(Problem(name, where, "year", f"{row['year']!r} is not a year", "write e.g. 2024"))
        for c in NUMBERS:
            if c in frame.columns and row[c] and pd.isna(pd.to_numeric(row[c], errors="coerce")):
                problems.append(Problem(name, where, c, f"{row[c]!r} is not a number", "use digits, '.' or ','"))
        status = row.get("status", "") or ("published" if row.get("value", "") else "missing")
        if status not in STATUSES:
            problems.append(Problem(name, where, "status", f"{status!r} is not a status",
                                    f"use one of {', '.join(STATUSES)}"))
    dups = frame[frame.duplicated(["zone_id", "indicator", "year"], keep=False)]
    if len(dups):
        problems.append(Problem(name, "rows " + ", ".join(str(int(i) + 2) for i in dups.index[:10]), "",
                                "the same zone, indicator and year appear more than once", "keep one row each"))
    if any(pr.severity == "error" for pr in problems):
        raise ValidationError(problems)
    for pr in problems:
        print(str(pr), file=sys.stderr)
    if "status" not in frame.columns:
        frame["status"] = ""
    if "value" in frame.columns:
        frame.loc[frame["status"] == "", "status"] = frame["value"].map(lambda v: "published" if v else "missing")
    if "source" not in frame.columns or (frame["source"] == "").any():
        frame["source"] = frame.get("source", pd.Series("", index=frame.index)).replace("", name)
    return normalise_values(frame.replace("", None))


def merge_table(ds: Dataset, table: str | Path, *, licence: str = "") -> Dataset:
    """A copy of ``ds`` with the table's rows merged in and the table added to the manifest."""
    p = Path(table)
    new = read_values_table(p, set(ds.zones["zone_id"]))
    entry = local_entry(p, f"Egen tabell: {p.name}", licence)
    meta = dict(ds.meta)
    meta["manifest"] = list(meta.get("manifest") or []) + [entry]
    meta["licences"] = sorted({e["licence"] for e in meta["manifest"] if e.get("licence")})
    meta["attribution"] = {lang: manifest.attribution(meta, lang) for lang in ("nb", "en")}
    return Dataset(zones=ds.zones, values=merge_values(ds.values, new), catalog=ds.catalog, meta=meta,
                   references=ds.references)


def run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.exists() and not args.force:
        raise DatasetError(f"{out} already exists; choose another path or pass --force to replace it")
    ds = load(args.dataset or default_path())
    merged = merge_table(ds, args.indicators, licence=args.licence)
    save(merged, out, overwrite=args.force)
    added = len(merged.values) - len(ds.values)
    print(f"wrote {out}: {len(merged.values)} values ({added:+d} rows; same zone/indicator/year replaced)")
    return 0
