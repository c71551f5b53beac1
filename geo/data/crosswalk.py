"""Zones as a dissolve of grunnkretser through a crosswalk table (grunnkrets → zone).

This is the route for cities whose zones are not published as polygons (Bergen, Oslo, Stavanger) and
for re-drawn Trondheim divisions: SSB publishes statistics and Geonorge boundaries per grunnkrets, and a
kommune's levekårssoner are unions of grunnkretser. The crosswalk is a CSV with columns

``grunnkrets``
    the 8-digit code (kommune number + 4 digits), kept as text so leading zeros survive;
``zone_id``, ``zone_name``
    the zone it belongs to;
``district`` (optional)
    the zone's bydel.

Validation reports every problem at once (as :class:`geo.errors.ValidationError`): missing columns,
malformed or duplicate codes, zones with more than one name, codes not among the boundaries, and
grunnkretser of the kommune left unmapped.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.data.catalog import DEFAULT_CATALOG, UNIT_SCALE
from geo.errors import Problem, ValidationError

REQUIRED = ("grunnkrets", "zone_id", "zone_name")
CODE = re.compile(r"^\d{8}$")


def read_crosswalk(path: str | Path) -> pd.DataFrame:
    """Read and check a crosswalk CSV (``,`` or ``;`` separated, UTF-8).

    Returns
    -------
    pandas.DataFrame
        ``grunnkrets``, ``zone_id``, ``zone_name``, ``district`` (text).

    Raises
    ------
    ValidationError
        Listing every problem, each naming the file, the row and the field.
    """
    p = Path(path)
    if not p.is_file():
        raise ValidationError([Problem(str(p), "", "", "no such file", "give the path of the crosswalk CSV")])
    text = p.read_text(encoding="utf-8-sig")
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;")
        sep = dialect.delimiter
    except csv.Error:
        sep = ","
    frame = pd.read_csv(p, sep=sep, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    frame.columns = [c.strip().lower() for c in frame.columns]
    name = p.name
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise ValidationError([Problem(name, "", c, "column is missing",
                                       f"the crosswalk needs columns {', '.join(REQUIRED)} (district optional)")
                               for c in missing])
    if "district" not in frame.columns:
        frame["district"] = ""
    frame = frame[list(REQUIRED) + ["district"]].apply(lambda s: s.str.strip())
    problems: list[Problem] = []
    for i, row in frame.iterrows():
        where = f"row {int(i) + 2}"  # header is row 1
        if not CODE.match(row["grunnkrets"]):
            problems.append(Problem(name, where, "grunnkrets", f"{row['grunnkrets']!r} is not an 8-digit grunnkrets code",
                                    "write the code as text with its leading zeros, e.g. 03010101"))
        for col in ("zone_id", "zone_name"):
            if not row[col]:
                problems.append(Problem(name, where, col, "is empty", "every grunnkrets needs a zone"))
    dups = frame[frame["grunnkrets"].duplicated(keep=False) & (frame["grunnkrets"] != "")]
    for code, rows in dups.groupby("grunnkrets").groups.items():
        problems.append(Problem(name, "rows " + ", ".join(str(int(r) + 2) for r in rows), "grunnkrets",
                                f"{code} is listed more than once", "map each grunnkrets to exactly one zone"))
    names = frame[frame["zone_id"] != ""].groupby("zone_id")["zone_name"].nunique()
    for zid in names[names > 1].index:
        problems.append(Problem(name, "", "zone_name", f"zone {zid!r} has several names "
                                f"({', '.join(sorted(set(frame.loc[frame['zone_id'] == zid, 'zone_name'])))})",
                                "use one name per zone_id"))
    if problems:
        raise ValidationError(problems)
    return frame.reset_index(drop=True)


def check_coverage(crosswalk: pd.DataFrame, grunnkretser: gpd.GeoDataFrame, *, file: str = "crosswalk",
                   allow_unmapped: bool = False) -> list[Problem]:
    """Compare the crosswalk with the boundaries; raise on errors, return warnings.

    Codes in the crosswalk that the boundaries lack are errors (a typo or an outdated division).
    Grunnkretser without a zone are errors unless ``allow_unmapped`` (then warnings): zones built from
    an incomplete crosswalk silently lose residents otherwise.
    """
    known = set(grunnkretser["grunnkrets"])
    mapped = set(crosswalk["grunnkrets"])
    problems = [Problem(file, f"row {int(i) + 2}", "grunnkrets", f"{code} is not among the fetched grunnkretser",
                        "check the code against SSB's current grunnkrets division")
                for i, code in crosswalk["grunnkrets"].items() if code not in known]
    severity = "warning" if allow_unmapped else "error"
    for code in sorted(known - mapped):
        problems.append(Problem(file, "", "grunnkrets", f"grunnkrets {code} is not mapped to any zone",
                                "add a row for it (or pass --allow-unmapped to leave it out)", severity))
    if any(p.severity == "error" for p in problems):
        raise ValidationError(problems)
    return problems


def dissolve_zones(crosswalk: pd.DataFrame, grunnkretser: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Zones (``zone_id``, ``name``, ``district``, geometry) as unions of their grunnkretser."""
    joined = grunnkretser.merge(crosswalk, on="grunnkrets", how="inner")
    zones = joined[["zone_id", "zone_name", "district", "geometry"]].dissolve(by="zone_id", as_index=False,
                                                                            aggfunc="first")
    zones = zones.rename(columns={"zone_name": "name"})
    zones["district"] = zones["district"].replace("", np.nan)
    return gpd.GeoDataFrame(zones[["zone_id", "name", "district", "geometry"]], geometry="geometry",
                            crs=grunnkretser.crs)


def aggregate_to_zones(rows: pd.DataFrame, crosswalk: pd.DataFrame) -> pd.DataFrame:
    """Sum grunnkrets-level numerators/denominators to zones; the value is recomputed per zone.

    ``rows`` has ``region`` (grunnkrets), ``year``, ``indicator``, ``value``, ``numerator``,
    ``denominator``, ``status``, ``source``. A zone with any suppressed (missing) part is suppressed
    (missing) as a whole rather than shown with a too-small count, and so is a zone some of whose
    grunnkretser have no row at all; complete zones get status ``computed`` because the zone figure is
    our sum of official parts.
    """
    m = rows.merge(crosswalk[["grunnkrets", "zone_id"]], left_on="region", right_on="grunnkrets", how="inner")
    rank = {"published": 0, "computed": 0, "missing": 1, "suppressed": 2}
    m = m.assign(_rank=m["status"].map(rank).fillna(1))
    keys = ["zone_id", "indicator", "year"]
    g = m.groupby(keys, sort=True)
    out = pd.DataFrame({"numerator": g["numerator"].sum(min_count=1), "denominator": g["denominator"].sum(min_count=1),
                        "worst": g["_rank"].max(), "source": g["source"].first(),
                        "parts": g["region"].nunique()}).reset_index()
    # A zone some of whose grunnkretser have no row (e.g. a newer division in the statistics) would get
    # a too-small sum: treat it as missing.
    expected = crosswalk.groupby("zone_id")["grunnkrets"].nunique()
    incomplete = out["parts"] < out["zone_id"].map(expected)
    out.loc[incomplete, "worst"] = out.loc[incomplete, "worst"].clip(lower=1)
    out = out.drop(columns="parts")
    has_den = out["denominator"].notna()
    ratio = out["numerator"] / out["denominator"].where(out["denominator"] > 0)
    scale = out["indicator"].map(lambda i: UNIT_SCALE.get(DEFAULT_CATALOG.get_or_placeholder(i).unit, 1.0))
    out["value"] = np.where(has_den, ratio * scale, out["numerator"])
    out["status"] = out["worst"].map({0: "computed", 1: "missing", 2: "suppressed"})
    bad = out["worst"] > 0
    out.loc[bad, ["value", "numerator"]] = np.nan
    out["source"] = out["source"] + " (summert fra grunnkretser)"
    return out.drop(columns="worst")[["zone_id", "indicator", "year", "value", "numerator", "denominator", "status",
                                      "source"]]


#: Column names accepted for the district in a district table (the shared facts file uses ``bydel_approx``).
DISTRICT_COLUMNS = ("district", "bydel", "bydel_approx")


def assign_districts(zones: gpd.GeoDataFrame, path: str | Path) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """Zones with ``district`` taken from a CSV keyed by ``zone_id`` or ``name``.

    Parameters
    ----------
    zones : GeoDataFrame
        Zones with ``zone_id`` and ``name``.
    path : path-like
        CSV with a key column (``zone_id`` or ``name``) and a district column (one of
        :data:`DISTRICT_COLUMNS`).

    Returns
    -------
    (GeoDataFrame, list of Problem)
        A copy of the zones with districts, and warnings for zones the table does not cover.

    Raises
    ------
    ValidationError
        When columns are missing or the table names zones that do not exist.
    """
    p = Path(path)
    if not p.is_file():
        raise ValidationError([Problem(str(p), "", "", "no such file", "give the path of the district CSV")])
    head = p.read_text(encoding="utf-8-sig").split("\n", 1)[0]
    frame = pd.read_csv(p, sep=";" if head.count(";") > head.count(",") else ",", dtype=str, keep_default_na=False,
                        encoding="utf-8-sig")
    frame.columns = [c.strip().lower() for c in frame.columns]
    key = next((c for c in ("zone_id", "name") if c in frame.columns), None)
    col = next((c for c in DISTRICT_COLUMNS if c in frame.columns), None)
    problems = []
    if key is None:
        problems.append(Problem(p.name, "", "zone_id", "no zone_id or name column", "add one to say which zone"))
    if col is None:
        problems.append(Problem(p.name, "", "district", "no district column",
                                f"name it one of {', '.join(DISTRICT_COLUMNS)}"))
    if problems:
        raise ValidationError(problems)
    lookup = dict(zip(frame[key].str.strip(), frame[col].str.strip()))
    known = set(zones[key])
    problems = [Problem(p.name, f"row {int(i) + 2}", key, f"{k!r} is not a zone of the dataset",
                        f"use the zones' {key} values") for i, k in frame[key].str.strip().items() if k not in known]
    if problems:
        raise ValidationError(problems)
    out = zones.copy()
    out["district"] = out[key].map(lookup).replace("", np.nan)
    warnings = [Problem(p.name, "", key, f"zone {z!r} has no district in the table", "add a row for it", "warning")
                for z in out.loc[out["district"].isna(), key]]
    return out, warnings


def derive_crosswalk(zones: gpd.GeoDataFrame, grunnkretser: gpd.GeoDataFrame, *,
                     min_share: float = 0.5) -> pd.DataFrame:
    """A draft crosswalk: each grunnkrets goes to the zone covering most of its area.

    Levekårssoner are meant to be unions of grunnkretser, but published zone polygons are generalised,
    so the match is by area share rather than exact containment. Grunnkretser whose best share is
    below ``min_share`` (outside the zones, e.g. forest and farmland) are left out; review the
    ``overlap_share`` column before using the draft.

    Returns
    -------
    pandas.DataFrame
        ``grunnkrets``, ``zone_id``, ``zone_name``, ``district``, ``overlap_share`` (0–1), sorted by code.
    """
    if not 0 < min_share <= 1:
        raise ValueError(f"min_share must be in (0, 1], got {min_share}")
    gk = grunnkretser[["grunnkrets", "geometry"]].to_crs(zones.crs)
    gk = gk.assign(gk_area=gk.geometry.area)
    z = zones[["zone_id", "name", "district", "geometry"]]
    parts = gpd.overlay(gk, z, how="intersection", keep_geom_type=True)
    cols = ["grunnkrets", "zone_id", "zone_name", "district", "overlap_share"]
    if parts.empty:
        return pd.DataFrame(columns=cols)
    parts["overlap_share"] = parts.geometry.area / parts["gk_area"]
    best = parts.sort_values("overlap_share", ascending=False).drop_duplicates("grunnkrets")
    best = best[best["overlap_share"] >= min_share].rename(columns={"name": "zone_name"})
    best["overlap_share"] = best["overlap_share"].round(4)
    best["district"] = best["district"].fillna("")
    return pd.DataFrame(best[cols]).sort_values("grunnkrets").reset_index(drop=True)


def write_crosswalk(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write a crosswalk CSV (``;``-separated, UTF-8) atomically."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        frame.to_csv(tmp, sep=";", index=False, encoding="utf-8")
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target
