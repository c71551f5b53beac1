"""Checks on users' zone layers and indicator tables, collecting *every* problem.

This module is pure: it works on frames already read by :mod:`geo.data.io` and never touches the file
system, so each check is testable with a frame built in a few lines. Every finding is a
:class:`geo.errors.Problem` naming the file, the feature (1-based feature number and its id when known)
or the row (the spreadsheet row a user sees: the header is row 1, the first data row is row 2), the
field, what is wrong and what to do. ``severity="error"`` blocks an import; ``"warning"`` is reported
and the import goes on.

Zones (:func:`check_zones`)
    id / name / district fields are found by name (case, spaces and å/ø/æ spellings do not matter)
    or given explicitly; ids are always text (``0301`` stays ``0301``; integer ids lose no ``.0``);
    duplicate ids are errors, repeated names are fine (Norway has two municipalities called Herøy).
    A CRS must come from the file or from ``crs`` (``--crs``); a ``crs`` that contradicts the file's
    own CRS is reported and *not* applied. Everything ends up in EPSG:25833. Null/empty geometry and
    non-polygons are errors; polygonal parts of GeometryCollections are kept. Invalid geometry is an
    error that says whether :func:`shapely.make_valid` would repair it (the repaired shape is a
    non-empty (Multi)Polygon); with ``repair=True`` repairable features are repaired and each one is
    reported as a warning.

Indicator tables (:func:`check_table`)
    Long format, one row per (zone_id, indicator, year) with ``value`` and optional ``numerator``,
    ``denominator``, ``ci_low``, ``ci_high``, ``status``, ``source``. Numbers accept a decimal comma
    and space thousands separators (``1 234,5``); a lone separator followed by exactly three digits
    that is not the file's usual decimal mark (``1.234`` in a semicolon file) is ambiguous and
    rejected rather than guessed. An indicator id missing from the catalogue is accepted with a
    warning (the dataset gets a placeholder entry whose label is the id).

Status of each value
    - taken from the ``status`` column when present (``published``, ``synthetic``, ``computed``,
      ``suppressed``, ``missing``; Norwegian spellings such as ``prikket`` are accepted);
    - rows with a value but no status (no column, or an empty cell) get ``default_status``
      (``--default-status``: ``published`` unless told, or ``synthetic`` / ``computed``); how many rows
      got it is kept in ``values.attrs["status_defaulted"]`` and printed in the import summary;
    - rows with an empty value get ``missing``, or keep ``suppressed`` when that was given; an SSB
      ``:`` ("confidential") in the value column means ``suppressed``, ``..`` and ``...`` mean
      missing, and ``-`` ("nil") is read as 0 with a warning, as :mod:`geo.sources` reads SSB tables;
    - a ``suppressed`` row that still carries a value has the value and numerator dropped (with a
      warning) so small counts never reach the map; ``missing`` with a value is an error.

Also checked: shares (unit ``%``) and their CIs lie in 0–100, years are whole numbers in 1900–2100,
counts are not negative, a rate's numerator does not exceed its denominator (only for ``%`` and
``per 1000`` units: a mean such as NOK per person legitimately has numerator > denominator),
``ci_low`` ≤ ``ci_high``, each (zone, indicator, year) appears once, and every zone id exists.
Zones that overlap by more than 1 m² and % columns that look like fractions (all in 0–1) are warnings.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError, ProjError

from geo.config import ANALYSIS_CRS, EXPECTED_REGION, STATUSES
from geo.data.catalog import Catalog
from geo.errors import Problem

# --- field names ----------------------------------------------------------------------------------
#: Default field names tried, in order, when the caller does not name the field.
ID_CANDIDATES = ("zone_id", "id", "levekårsone", "levekårssone", "sone_id", "sonenummer", "sone",
                 "grunnkretsnummer", "grunnkrets", "kommunenummer", "kommunenr")
NAME_CANDIDATES = ("name", "navn", "sonenavn", "levekårsonenavn", "levekårssonenavn", "levekårsone",
                   "levekårssone", "grunnkretsnavn", "kommunenavn")
DISTRICT_CANDIDATES = ("district", "bydel", "bydelsnavn", "bydelnavn")

#: Canonical table columns and the header spellings accepted for each (matched like field names).
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "zone_id": ("zone_id", "zone", "sone_id", "sone", "levekårsone", "levekårssone"),
    "indicator": ("indicator", "indicator_id", "indikator"),
    "year": ("year", "år", "aar"),
    "value": ("value", "verdi"),
    "numerator": ("numerator", "teller"),
    "denominator": ("denominator", "nevner"),
    "ci_low": ("ci_low", "ci_lower", "nedre"),
    "ci_high": ("ci_high", "ci_upper", "øvre"),
    "status": ("status",),
    "source": ("source", "kilde"),
}
REQUIRED_TABLE_COLUMNS = ("zone_id", "indicator", "year", "value")
NUMBER_FIELDS = ("value", "numerator", "denominator", "ci_low", "ci_high")

#: Status spellings accepted in a table, mapped to the canonical status.
#: Statuses a row *with a value* may get by default (suppressed/missing describe absent values).
DEFAULT_STATUSES = ("published", "synthetic", "computed")
STATUS_ALIASES = {s: s for s in STATUSES} | {
    "publisert": "published", "offisiell": "published", "syntetisk": "synthetic", "beregnet": "computed",
    "prikket": "suppressed", "skjermet": "suppressed", "mangler": "missing", "manglende": "missing",
}
#: Cell texts that mean "no value" (SSB uses ``..`` for "data not available", ``...`` for "not for
#: publication yet", ``.`` for "logically impossible").
MISSING_MARKERS = frozenset({"", ".", "..", "...", "na", "n/a", "nan", "null", "none"})
#: Cell texts that mean "withheld for confidentiality" (SSB's ``:``).
SUPPRESSED_MARKERS = frozenset({":"})
#: Cell texts that mean a true zero (SSB's ``-``, "nil"), as :mod:`geo.sources` reads them too.
ZERO_MARKERS = frozenset({"-"})

POLYGONAL = ("Polygon", "MultiPolygon")
_LINES_HINT = ("zones must be areas; if these are boundary lines, build polygons in your GIS first (QGIS: Vector › "
               "Geometry Tools › Lines to Polygons)")
_POINTS_HINT = "a point marks a place, not an area; use the file with the zones' boundary polygons"
#: What to do about each non-polygon geometry type.
NON_POLYGON_HINTS = {"Point": _POINTS_HINT, "MultiPoint": _POINTS_HINT, "LineString": _LINES_HINT,
                     "MultiLineString": _LINES_HINT, "LinearRing": _LINES_HINT}
#: Plausible years; a two-digit ``21`` is an error, not the year 21.
YEAR_RANGE = (1900, 2100)
#: How many example ids/rows a summarising message lists.
EXAMPLES = 5


def _key(name: object) -> str:
    """Comparison key for field names: case-, space- and punctuation-blind, å/ø/æ folded to ASCII."""
    text = str(name).strip().casefold()
    for a, b in (("å", "a"), ("aa", "a"), ("ø", "o"), ("æ", "ae")):
        text = text.replace(a, b)
    return re.sub(r"[^0-9a-z]", "", text)


def find_fields(columns: Iterable[str], candidates: Sequence[str], exclude: Iterable[str] = ()) -> list[str]:
    """Every one of ``columns`` matching ``candidates``, best first (candidate order, exact before prefix).

    Shapefiles cut field names at 10 bytes (``levekårsone`` → ``levekårson``), so a column of 8 or
    more characters that is the start of a candidate also matches.
    """
    excluded = set(exclude)
    cols = [c for c in columns if c not in excluded and c != "geometry"]
    keys = {c: _key(c) for c in cols}
    found: list[str] = []
    for cand in candidates:
        found += [c for c in cols if keys[c] == _key(cand) and c not in found]
    for cand in candidates:
        found += [c for c in cols if len(keys[c]) >= 8 and _key(cand).startswith(keys[c]) and c not in found]
    return found


def find_field(columns: Iterable[str], candidates: Sequence[str], exclude: Iterable[str] = ()) -> str | None:
    """The best of ``columns`` matching ``candidates`` (see :func:`find_fields`), or None."""
    found = find_fields(columns, candidates, exclude)
    return found[0] if found else None


def _fields_hint(columns: Iterable[str], wanted: str, candidates: Sequence[str], option: str) -> str:
    cols = [str(c) for c in columns if c != "geometry"]
    close = difflib.get_close_matches(wanted, cols, n=3, cutoff=0.5)
    text = f"available fields: {', '.join(cols) if cols else '(none)'}"
    if close:
        text += f" (did you mean {', '.join(close)}?)"
    return text + f"; pass {option} NAME, or rename the field to one of: {', '.join(candidates[:6])}"


# --- ids --------------------------------------------------------------------------------------------
def id_text(value: object) -> str | None:
    """An id as text: integers (also integral floats from numeric fields) without ``.0``, text stripped.

    Returns None for missing or blank ids.
    """
    if value is None:
        return None
    if isinstance(value, bool | np.bool_):
        return str(value)
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating):
        if math.isnan(value):
            return None
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    text = str(value).strip()
    return text or None


def ids_as_text(series: pd.Series) -> pd.Series:
    """Series of ids as text (see :func:`id_text`); missing ids stay missing."""
    return pd.Series([id_text(v) for v in series], index=series.index, dtype="str")


# --- CRS ----------------------------------------------------------------------------------------------
def parse_crs(text: str) -> CRS:
    """A :class:`pyproj.CRS` from user input such as ``EPSG:25833`` or ``25833``.

    Raises
    ------
    ValueError
        With a message saying what is accepted.
    """
    value = str(text).strip()
    try:
        return CRS.from_user_input(int(value) if value.isdigit() else value)
    except CRSError as exc:
        raise ValueError(f"{text!r} is not a coordinate reference system I know; give one like EPSG:25833 "
                         "(UTM 33N, used in Trondheim) or EPSG:4326 (lon/lat)") from exc


def _crs_name(crs: object) -> str:
    c = CRS.from_user_input(crs)
    code = c.to_epsg()
    return f"EPSG:{code} ({c.name})" if code else c.name


# --- geometry -----------------------------------------------------------------------------------------
def polygonal_part(geom: shapely.Geometry | None) -> shapely.Geometry | None:
    """The (Multi)Polygon part of ``geom`` (GeometryCollections are searched); None when it has none."""
    if geom is None or geom.is_empty:
        return None
    if geom.geom_type in POLYGONAL:
        return geom
    if geom.geom_type != "GeometryCollection":
        return None
    polys = []
    for part in shapely.get_parts(geom):
        sub = polygonal_part(part)
        if sub is not None:
            polys.extend(shapely.get_parts(sub))
    if not polys:
        return None
    out = polys[0] if len(polys) == 1 else shapely.MultiPolygon(polys)
    return out if out.is_valid else shapely.union_all(polys)


def repaired(geom: shapely.Geometry) -> shapely.Geometry | None:
    """What :func:`shapely.make_valid` makes of ``geom``, kept only if it is a non-empty (Multi)Polygon."""
    fixed = polygonal_part(shapely.make_valid(geom))
    return fixed if fixed is not None and not fixed.is_empty and fixed.area > 0 else None


@dataclass(frozen=True)
class _Feature:
    """How to name a feature in messages: its 1-based number and, when known, its id."""

    number: int
    zone_id: str | None

    def __str__(self) -> str:
        return f"feature {self.number}" + (f" (id '{self.zone_id}')" if self.zone_id else "")


def _check_geometries(gs: gpd.GeoSeries, labels: list[_Feature], file: str, repair: bool,
                      problems: list[Problem]) -> gpd.GeoSeries:
    """Check each geometry, repair when asked; returns the cleaned series (None where unusable)."""
    out = []
    for geom, label in zip(gs, labels):
        where = str(label)
        if geom is None or geom.is_empty:
            problems.append(Problem(file, where, "geometry", "has no geometry (null or empty)",
                                    "draw the zone's polygon or remove the feature"))
            out.append(None)
            continue
        geom = shapely.force_2d(geom)
        kind = geom.geom_type
        if kind == "GeometryCollection":
            part = polygonal_part(geom)
            if part is None:
                problems.append(Problem(file, where, "geometry", "is a GeometryCollection without any polygon",
                                        "zones must be Polygons or MultiPolygons; replace it with the zone's area"))
                out.append(None)
                continue
            problems.append(Problem(file, where, "geometry", "is a GeometryCollection; kept its polygon parts and "
                                    "dropped points/lines", "export zones as (Multi)Polygons to avoid this",
                                    severity="warning"))
            geom, kind = part, part.geom_type
        if kind not in POLYGONAL:
            problems.append(Problem(file, where, "geometry", f"is a {kind}, not a Polygon or MultiPolygon",
                                    NON_POLYGON_HINTS.get(kind, "export the zones as (Multi)Polygons")))
            out.append(None)
            continue
        if not geom.is_valid:
            reason = shapely.is_valid_reason(geom)
            fixed = repaired(geom)
            if fixed is None:
                problems.append(Problem(file, where, "geometry", f"is invalid ({reason}) and make_valid cannot "
                                        "repair it (nothing with an area is left)",
                                        "redraw the polygon in your GIS"))
                out.append(None)
                continue
            if not repair:
                problems.append(Problem(file, where, "geometry", f"is invalid ({reason}); make_valid would repair "
                                        "it", "re-run with --repair, or fix it in your GIS (QGIS: Fix geometries)"))
                out.append(None)
                continue
            change = fixed.area - geom.buffer(0).area if geom.area else fixed.area
            problems.append(Problem(file, where, "geometry", f"was invalid ({reason}); repaired with make_valid "
                                    f"(now a {fixed.geom_type}, area changed by {change:+.6g} map units²)",
                                    "check the repaired shape", severity="warning"))
            geom = fixed
        out.append(geom)
    return gpd.GeoSeries(out, index=gs.index, crs=gs.crs)


def _check_coordinates(gs: gpd.GeoSeries, crs: CRS, file: str, problems: list[Problem]) -> bool:
    """Warn (or fail) when coordinates do not fit the CRS; False when they cannot be reprojected."""
    present = gs[~(gs.isna() | gs.is_empty)]
    if present.empty:
        return True
    minx, miny, maxx, maxy = present.total_bounds
    looks_lonlat = -180 <= minx and maxx <= 180 and -90 <= miny and maxy <= 90
    if crs.is_geographic and not looks_lonlat:
        problems.append(Problem(file, "", "geometry", f"coordinates ({minx:.0f}, {miny:.0f}) – ({maxx:.0f}, "
                                f"{maxy:.0f}) are outside the lon/lat range, yet the CRS is {_crs_name(crs)}; "
                                "they look like projected metres",
                                "give the real CRS: with --crs (e.g. EPSG:25833) when the file declares none, or "
                                "re-export the file with its true CRS"))
        return False
    if crs.is_projected and looks_lonlat:
        problems.append(Problem(file, "", "geometry", f"coordinates ({minx:.4g}, {miny:.4g}) – ({maxx:.4g}, "
                                f"{maxy:.4g}) look like lon/lat degrees, yet the CRS is {_crs_name(crs)}",
                                "check the CRS: if these are degrees, the file's CRS should be EPSG:4326",
                                severity="warning"))
    return True


#: How far (degrees) coordinates may lie outside a CRS's area of use before it is "far outside": UTM
#: zones are used well beyond their 6° (Trondheim, 10.4°E, is mapped in zone 33, 12–18°E).
AREA_OF_USE_MARGIN = 5.0


def _lonlat_bounds(bounds: Sequence[float], crs: CRS) -> tuple[float, float, float, float] | None:
    """``bounds`` (minx, miny, maxx, maxy in ``crs``) as lon/lat, or None when they cannot be placed."""
    try:
        out = Transformer.from_crs(crs, "EPSG:4326", always_xy=True).transform_bounds(*bounds)
    except ProjError:
        return None
    return tuple(out) if all(math.isfinite(v) for v in out) else None


def _overlap(a: Sequence[float], b: Sequence[float], margin: float = 0.0) -> bool:
    return a[0] <= b[2] + margin and b[0] <= a[2] + margin and a[1] <= b[3] + margin and b[1] <= a[3] + margin


def _check_place(gs: gpd.GeoSeries, crs: CRS, file: str, problems: list[Problem]) -> None:
    """Coordinates far outside the CRS's area of use (warning), outside the expected region (warning),
    or inside it only with x and y swapped (error: latitude and longitude exchanged)."""
    present = gs[~(gs.isna() | gs.is_empty)]
    if present.empty:
        return
    bounds = present.total_bounds
    lonlat = _lonlat_bounds(bounds, crs)
    shown = f"({bounds[0]:.6g}, {bounds[1]:.6g}) – ({bounds[2]:.6g}, {bounds[3]:.6g})"
    region_name, region = EXPECTED_REGION
    if lonlat is not None and _overlap(lonlat, region):
        return
    swapped = _lonlat_bounds([bounds[1], bounds[0], bounds[3], bounds[2]], crs)
    if swapped is not None and _overlap(swapped, region):
        problems.append(Problem(file, "", "geometry", f"coordinates {shown} lie in {region_name} only with x and y "
                                "swapped: latitude and longitude (or north and east) are exchanged",
                                "export the file with x = longitude/easting and y = latitude/northing (GeoJSON "
                                "is always [longitude, latitude])"))
        return
    area = crs.area_of_use
    where = (f"lon {lonlat[0]:.1f}…{lonlat[2]:.1f}, lat {lonlat[1]:.1f}…{lonlat[3]:.1f}" if lonlat is not None
             else "somewhere that cannot be placed on Earth")
    if area is not None and (lonlat is None or not _overlap(lonlat, area.bounds, AREA_OF_USE_MARGIN)):
        problems.append(Problem(file, "", "geometry", f"coordinates {shown} lie at {where}, far outside where "
                                f"{_crs_name(crs)} is used ({area.name})", "check the CRS: the file may "
                                "declare (or --crs give) the wrong one", severity="warning"))
    else:
        problems.append(Problem(file, "", "geometry", f"coordinates {shown} lie at {where}, outside {region_name} "
                                "where Levekårskart expects zones", "check the CRS and that these are the right "
                                "zones", severity="warning"))


def _resolve_crs(frame: gpd.GeoDataFrame, file: str, crs: str | None, crs_declared: bool,
                 problems: list[Problem]) -> CRS | None:
    """The CRS to interpret ``frame`` in, following the rules in the module docstring."""
    user = None
    if crs:
        try:
            user = parse_crs(crs)
        except ValueError as exc:
            problems.append(Problem(file, "", "--crs", str(exc), "fix the --crs value"))
            return None
    if frame.crs is None:
        if user is None:
            problems.append(Problem(file, "", "", "the file has no coordinate reference system (CRS)",
                                    "pass --crs EPSG:XXXX (Trondheim's data is usually EPSG:25833), or ship the "
                                    ".prj file with a shapefile"))
        return user
    if not crs_declared:
        if user is not None and not user.equals(CRS.from_user_input(frame.crs), ignore_axis_order=True):
            problems.append(Problem(file, "", "crs", f"the GeoJSON has no 'crs' member (which means lon/lat "
                                    f"WGS 84 by RFC 7946); using --crs {_crs_name(user)} as asked",
                                    "prefer a file that states its CRS", severity="warning"))
            return user
        return CRS.from_user_input(frame.crs)
    declared = CRS.from_user_input(frame.crs)
    if user is not None and not user.equals(declared, ignore_axis_order=True):
        problems.append(Problem(file, "", "--crs", f"the file declares {_crs_name(declared)}; --crs "
                                f"{_crs_name(user)} was NOT applied", "drop --crs, or re-export the file with "
                                "the right CRS if its declaration is wrong", severity="warning"))
    return declared


def check_zones(frame: gpd.GeoDataFrame, file: str, *, id_field: str | None = None,
                name_field: str | None = None, district_field: str | None = None, crs: str | None = None,
                repair: bool = False, crs_declared: bool = True,
                overlaps: bool = True) -> tuple[gpd.GeoDataFrame | None, list[Problem]]:
    """Validate and normalise a zone layer as read from ``file``.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        Features with their original fields and CRS (None when the file has none).
    file : str
        File name used in messages.
    id_field, name_field, district_field : str, optional
        Field names; by default the first of :data:`ID_CANDIDATES`, :data:`NAME_CANDIDATES`,
        :data:`DISTRICT_CANDIDATES` present (the district is optional).
    crs : str, optional
        CRS for a file that declares none (``--crs``).
    repair : bool
        Repair invalid geometry with :func:`shapely.make_valid` where that yields a (Multi)Polygon.
    crs_declared : bool
        False when the CRS in ``frame`` is only a format default (a GeoJSON without ``crs`` member).
    overlaps : bool
        Look for overlapping zones (a warning; the slowest check, skipped when only errors matter).

    Returns
    -------
    (GeoDataFrame or None, list of Problem)
        ``zone_id``, ``name``, ``district``, ``geometry`` in EPSG:25833 when there is no error, else None;
        and every problem found.
    """
    problems: list[Problem] = []
    if len(frame) == 0:
        problems.append(Problem(file, "", "", "has no features", "export the layer with its zones"))
        return None, problems
    frame = frame.reset_index(drop=True)  # positions are feature numbers; a file's own index is no help
    columns = [str(c) for c in frame.columns if c != frame.geometry.name]

    def pick(given: str | None, candidates: Sequence[str], what: str, option: str, required: bool,
             exclude: Sequence[str] = ()) -> str | None:
        if given:
            if given in columns:
                return given
            problems.append(Problem(file, "", given, f"no {what} field called '{given}'",
                                    _fields_hint(columns, given, candidates, option)))
            return None
        found = find_field(columns, candidates, exclude)
        if found is None and required:
            problems.append(Problem(file, "", "", f"no {what} field found",
                                    _fields_hint(columns, candidates[0], candidates, option)))
        return found

    if not id_field and not name_field:
        # "levekårsone" may hold ids or names: prefer an id field that leaves a name field to use.
        pairs = [(i, find_field(columns, NAME_CANDIDATES, exclude=[i])) for i in find_fields(columns, ID_CANDIDATES)]
        id_field = next((i for i, n in pairs if n), None)
    fid = pick(id_field, ID_CANDIDATES, "zone id", "--id-field", True, exclude=[name_field] if name_field else [])
    fname = pick(name_field, NAME_CANDIDATES, "zone name", "--name-field", True, exclude=[fid] if fid else [])
    fdist = pick(district_field, DISTRICT_CANDIDATES, "district", "--district-field", False,
                 exclude=[f for f in (fid, fname) if f])

    ids = ids_as_text(frame[fid]) if fid else pd.Series([None] * len(frame), dtype="str")
    labels = [_Feature(i + 1, None if pd.isna(z) else z) for i, z in enumerate(ids)]
    if fid:
        _check_ids(frame[fid], ids, labels, file, fid, problems)

    target = _resolve_crs(frame, file, crs, crs_declared, problems)
    gs = gpd.GeoSeries(frame.geometry.values, index=frame.index, crs=None)
    geoms = _check_geometries(gs, labels, file, repair, problems)
    reprojectable = target is not None and _check_coordinates(geoms, target, file, problems)
    if reprojectable:
        _check_place(geoms, target, file, problems)

    if any(p.severity == "error" for p in problems):
        return None, problems

    names = ids_as_text(frame[fname])  # numeric names (rare) also lose a spurious ".0"
    nameless = names.isna()
    for i in np.flatnonzero(nameless.to_numpy()):
        problems.append(Problem(file, str(labels[i]), fname, "has no name; its id is used as name",
                                "fill in the name field", severity="warning"))
    names = names.where(~nameless, ids)
    district = ids_as_text(frame[fdist]) if fdist else np.nan
    out = gpd.GeoDataFrame({"zone_id": ids, "name": names, "district": district},
                           geometry=geoms.set_crs(target, allow_override=True), crs=target)
    if reprojectable and not CRS.from_user_input(ANALYSIS_CRS).equals(target):
        out = out.to_crs(ANALYSIS_CRS)
        broken = ~out.geometry.is_valid
        for i in np.flatnonzero(broken.to_numpy()):
            fixed = repaired(out.geometry.iloc[i])
            if fixed is None:
                problems.append(Problem(file, str(labels[i]), "geometry", f"collapses when reprojected to "
                                        f"{ANALYSIS_CRS} (too small or too thin)", "check the shape and the CRS"))
                continue
            problems.append(Problem(file, str(labels[i]), "geometry", "became invalid when reprojected to "
                                    f"{ANALYSIS_CRS}; repaired with make_valid", "check the shape",
                                    severity="warning"))
            out.loc[out.index[i], "geometry"] = fixed
        if any(p.severity == "error" for p in problems):
            return None, problems
    if overlaps and out.crs is not None and CRS.from_user_input(out.crs).equals(ANALYSIS_CRS):
        _check_overlaps(out.geometry, labels, file, problems)
    # A GeoPackage layer has one geometry type: a mix is stored as MultiPolygons anyway, so promote
    # now and the imported dataset equals what is loaded back.
    kinds = set(out.geometry.geom_type)
    if kinds == {"Polygon", "MultiPolygon"}:
        out["geometry"] = [shapely.MultiPolygon([g]) if g.geom_type == "Polygon" else g for g in out.geometry]
    return out.reset_index(drop=True), problems


#: Overlaps smaller than this (m²) are slivers from digitising, not worth a warning.
OVERLAP_TOLERANCE_M2 = 1.0


def _check_overlaps(geoms: gpd.GeoSeries, labels: list[_Feature], file: str, problems: list[Problem]) -> None:
    """Warn about pairs of zones that overlap: their residents would count twice in city totals."""
    arr = np.asarray(geoms.array, dtype=object)  # plain shapely arrays: GeometryArray is slow in ufuncs
    left, right = shapely.STRtree(arr).query(arr, predicate="intersects")
    keep = left < right
    left, right = left[keep], right[keep]
    # Neighbours that share only an edge intersect but do not overlap; skip them before measuring.
    inner = ~shapely.touches(arr[left], arr[right])
    left, right = left[inner], right[inner]
    if not len(left):
        return
    areas = shapely.area(shapely.intersection(arr[left], arr[right]))
    for i, j, area in zip(left, right, areas):
        if area > OVERLAP_TOLERANCE_M2:
            problems.append(Problem(file, f"{labels[i]} and {labels[j]}", "geometry", f"the zones overlap by "
                                    f"{area:,.0f} m²", "zones should not overlap (residents would count twice); "
                                    "check the boundaries", severity="warning"))


def id_lookalike_key(zone_id: str) -> str:
    """What two ids share when they differ only by letter case or leading zeros (``A1``/``a1``, ``0301``/``301``)."""
    key = zone_id.casefold()
    return key.lstrip("0") or "0" if key.isdigit() else key


def _report_lookalike_ids(positions: dict[str, list[int]], file: str, field: str, problems: list[Problem]) -> None:
    """Warn about distinct ids that differ only by case or leading zeros: a table would match the wrong one."""
    groups: dict[str, list[str]] = {}
    for zid in positions:
        groups.setdefault(id_lookalike_key(zid), []).append(zid)
    for ids in (g for g in groups.values() if len(g) > 1):
        how = "leading zeros" if all(z.isdigit() for z in ids) else "letter case"
        shown = " and ".join(f"'{z}' (feature {positions[z][0]})" for z in ids[:EXAMPLES])
        problems.append(Problem(file, f"features {', '.join(str(positions[z][0]) for z in ids[:EXAMPLES])}", field,
                                f"zone ids {shown} differ only by {how}; they are kept as different zones",
                                "check they really are different zones: a spreadsheet or a typo easily turns one "
                                "into the other", severity="warning"))


def _check_ids(raw: pd.Series, ids: pd.Series, labels: list[_Feature], file: str, field: str,
               problems: list[Problem]) -> None:
    """Missing and duplicate ids (by feature position, whatever the frame's index), lost leading zeros."""
    values = ids.tolist()
    positions: dict[str, list[int]] = {}
    for i, zid in enumerate(values):
        if zid is None or (isinstance(zid, float) and math.isnan(zid)):
            problems.append(Problem(file, str(labels[i]), field, "has no zone id", "give every zone a unique id"))
        else:
            positions.setdefault(zid, []).append(i + 1)
    for zid, numbers in positions.items():
        if len(numbers) > 1:
            shown = ", ".join(str(n) for n in numbers[:EXAMPLES * 2])
            problems.append(Problem(file, f"features {shown}", field, f"zone id '{zid}' is used {len(numbers)} "
                                    "times", "zone ids must be unique (names may repeat); fix the ids or pick "
                                    "another --id-field"))
    _report_lookalike_ids(positions, file, field, problems)
    if pd.api.types.is_numeric_dtype(raw.dtype) and positions:
        shortest = min(positions, key=len)
        if len(shortest) < max(len(z) for z in positions):
            problems.append(Problem(file, "", field, f"ids are stored as numbers, so leading zeros may have been "
                                    f"lost (e.g. '{shortest}')", "store the id field as text in the file",
                                    severity="warning"))


# --- indicator tables -------------------------------------------------------------------------------
_PLAIN = re.compile(r"^[+-]?(\d+|\d*[.,]\d+|\d+[.,])([eE][+-]?\d+)?$")


def parse_number(text: object, decimal: str | None = ".") -> tuple[float | None, str | None]:
    """Read a number written the Norwegian or the English way.

    Parameters
    ----------
    text : object
        Cell content (str, number or missing).
    decimal : {".", ",", None}
        The file's usual decimal mark. A single separator of the *other* kind followed by exactly three
        digits (``1.234`` when the mark is ``,``) could be a thousands separator and is rejected as
        ambiguous; with None both are.

    Returns
    -------
    (float or None, str or None)
        The number (None for an empty/missing cell) and an error message (None when fine).
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return None, None
    if isinstance(text, int | float | np.integer | np.floating):
        return float(text), None
    t = str(text).strip().replace("\u00a0", " ").replace("\u202f", " ").replace("\u2212", "-")
    if t.casefold() in MISSING_MARKERS or t in SUPPRESSED_MARKERS:  # the caller decides what ':' means
        return None, None
    if t in ZERO_MARKERS:
        return 0.0, None
    t = t.removesuffix("%").strip()
    if " " in t:
        if not re.fullmatch(r"[+-]?\d{1,3}( \d{3})+([.,]\d+)?", t):
            return None, f"'{text}' is not a number"
        t = t.replace(" ", "")
    if "," in t and "." in t:
        mark = "," if t.rfind(",") > t.rfind(".") else "."
        sep = "." if mark == "," else ","
        if not re.fullmatch(rf"[+-]?\d{{1,3}}(\{sep}\d{{3}})+\{mark}\d+", t):
            return None, f"'{text}' mixes '.' and ',' in a way that is not a number"
        t = t.replace(sep, "").replace(mark, ".")
    elif t.count(",") > 1 or t.count(".") > 1:
        sep = "," if t.count(",") > 1 else "."
        if not re.fullmatch(rf"[+-]?\d{{1,3}}(\{sep}\d{{3}})+", t):
            return None, f"'{text}' is not a number"
        t = t.replace(sep, "")
    elif _PLAIN.fullmatch(t):
        mark = "," if "," in t else "." if "." in t else None
        if mark and mark != decimal and re.fullmatch(r"[+-]?[1-9]\d{0,2}[.,]\d{3}", t):
            return None, (f"'{text}' is ambiguous: '{mark}' could be a decimal mark or a thousands separator "
                          f"here; write thousands without separator (1234) and decimals with "
                          f"'{decimal or ','}'")
        t = t.replace(",", ".")
    try:
        value = float(t)
    except ValueError:
        return None, f"'{text}' is not a number"
    if not math.isfinite(value):
        return None, f"'{text}' is not a finite number"
    return value, None


def parse_year(text: object) -> int | None:
    """An integer year from ``2021`` or ``2021.0``; None when not an integer."""
    value, err = parse_number(text, ".")
    if err or value is None or not float(value).is_integer():
        return None
    return int(value)


def table_column(name: object) -> str | None:
    """The canonical table column a header cell names (``"År"`` → ``"year"``), or None."""
    keys = {_key(a): canon for canon, aliases in TABLE_COLUMNS.items() for a in aliases}
    return keys.get(_key(name))


def looks_like_header_row(cells: Sequence[str], header: Sequence[str]) -> bool:
    """True when ``cells``, the row under ``header``, is a second header row rather than data.

    A data row has a number (or a missing-value marker) in ``year`` and in ``value``, and usually numbers
    elsewhere (zone ids, counts); a second header row (units, Norwegian names, a merged title) has words
    in ``year`` or ``value`` (the other may be empty) and no number anywhere.
    """
    where = {table_column(h): i for i, h in enumerate(header)}
    if "year" not in where or "value" not in where or not any(c.strip() for c in cells):
        return False

    def cell(canon: str) -> str:
        i = where[canon]
        return cells[i].strip() if i < len(cells) else ""

    def wordy(text: str) -> bool:
        value, err = parse_number(text, None)
        return bool(text) and value is None and (err is not None or text.casefold() not in MISSING_MARKERS)

    if any(parse_number(c, None)[0] is not None for c in cells if c.strip() not in ZERO_MARKERS):
        return False  # a number anywhere (a zone id such as 0101, a count): data, however broken
    year, value = cell("year"), cell("value")
    return (wordy(year) or not year) and (wordy(value) or not value) and (wordy(year) or wordy(value)) and \
        not (year in SUPPRESSED_MARKERS or value in SUPPRESSED_MARKERS)


def header_score(cells: Iterable[object]) -> int:
    """How many of the required table columns (:data:`REQUIRED_TABLE_COLUMNS`) ``cells`` name."""
    keys = {_key(a): canon for canon, aliases in TABLE_COLUMNS.items() for a in aliases}
    found = {keys.get(_key(c)) for c in cells}
    return sum(c in found for c in REQUIRED_TABLE_COLUMNS)


def map_table_columns(columns: Sequence[str], file: str, problems: list[Problem]) -> dict[str, str]:
    """Canonical column → the table's column, reporting duplicates, unknown and missing columns."""
    mapping: dict[str, str] = {}
    keys = {_key(a): canon for canon, aliases in TABLE_COLUMNS.items() for a in aliases}
    for col in columns:
        if col.startswith("_"):
            continue
        canon = keys.get(_key(col))
        if canon is None:
            problems.append(Problem(file, "", col, "is not a column this importer knows; it is ignored",
                                    f"known columns: {', '.join(TABLE_COLUMNS)}", severity="warning"))
        elif canon in mapping:
            problems.append(Problem(file, "", col, f"means the same as column '{mapping[canon]}' ({canon})",
                                    "keep one of them"))
        else:
            mapping[canon] = col
    missing = [c for c in REQUIRED_TABLE_COLUMNS if c not in mapping]
    if missing:
        shown = [c for c in columns if not c.startswith("_")]
        wide = [c for c in shown if re.fullmatch(r"\d{4}", str(c).strip())]
        hint = (f"the table needs the columns {', '.join(REQUIRED_TABLE_COLUMNS)} (long format: one row per zone, "
                f"indicator and year); found: {', '.join(shown) if shown else '(none)'}")
        if wide:
            hint += f". Columns like {wide[0]} suggest a wide table: turn the year columns into rows"
        problems.append(Problem(file, "", ", ".join(missing), f"missing required column(s) {', '.join(missing)}",
                                hint))
    return mapping


def _column_letter(number: int) -> str:
    """Spreadsheet letter of a 1-based column number (1 → A, 27 → AA)."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _report_repeated_columns(columns: Sequence[str], file: str, problems: list[Problem]) -> bool:
    """One problem per header name used twice (``…,value,value``); True when there was any.

    Which of two same-named columns holds the data cannot be guessed, so the table is not read further.
    """
    positions: dict[str, list[int]] = {}
    for number, col in enumerate((c for c in columns if not c.startswith("_")), 1):
        positions.setdefault(col, []).append(number)
    repeated = {col: nums for col, nums in positions.items() if len(nums) > 1}
    for col, nums in repeated.items():
        where = ", ".join(f"{n} ({_column_letter(n)})" for n in nums)
        problems.append(Problem(file, "header", col, f"{len(nums)} columns are named '{col}' (columns {where})",
                                "rename or delete all but one of them"))
    return bool(repeated)


def check_table(raw: pd.DataFrame, file: str, zone_ids: Iterable[str] | None, catalog: Catalog, *,
                decimal: str | None = ".", default_status: str = "published",
                source: str | None = None) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Validate a long-format indicator table and turn it into a values frame.

    Parameters
    ----------
    raw : pandas.DataFrame
        Cells as text as read from the file, plus a ``_row`` column with each row's spreadsheet row
        number (the header is row 1).
    file : str
        File name used in messages.
    zone_ids : iterable of str, optional
        Ids of the zones; rows naming other zones are errors. None skips that check (zones unreadable).
    catalog : Catalog
        Known indicators; ids not in it are accepted with a warning.
    decimal : {".", ",", None}
        The file's usual decimal mark (see :func:`parse_number`).
    default_status : str
        Status of rows that give none.
    source : str, optional
        Source text for rows with an empty ``source`` cell (default: the file name).

    Returns
    -------
    (DataFrame or None, list of Problem)
        Values with :data:`geo.data.dataset.VALUE_COLUMNS` when there is no error (``attrs["status_defaulted"]``
        counts the rows that got ``default_status``), else None; and every problem found.
    """
    problems: list[Problem] = []
    if default_status not in DEFAULT_STATUSES:
        raise ValueError(f"default_status must be one of {DEFAULT_STATUSES}, got {default_status!r}")
    if len(raw) == 0:
        problems.append(Problem(file, "", "", "has a header but no data rows", "add one row per zone, indicator "
                                "and year"))
        return None, problems
    if _report_repeated_columns([str(c) for c in raw.columns], file, problems):
        return None, problems
    cols = map_table_columns([str(c) for c in raw.columns], file, problems)
    if any(c not in cols for c in REQUIRED_TABLE_COLUMNS):
        return None, problems
    known_zones = None if zone_ids is None else set(zone_ids)
    n = len(raw)
    rows_numbers = raw["_row"].tolist() if "_row" in raw.columns else list(range(2, n + 2))
    blank = [""] * n
    cells = {canon: _cells(raw[col]) for canon, col in cols.items()}

    def text(canon: str) -> list[str]:
        return cells.get(canon, blank)

    # Numbers are parsed column by column (with a fast path, see parse_numbers); the row loop below
    # only combines the results, so a table of 100 000 rows stays quick.
    parsed = {f: parse_numbers(text(f), decimal) for f in NUMBER_FIELDS if f in cols}
    years, year_errors = parse_numbers(text("year"), ".")
    suppressed_value = [t in SUPPRESSED_MARKERS for t in text("value")]
    for f in parsed:
        zeros = [rows_numbers[i] for i, t in enumerate(text(f)) if t in ZERO_MARKERS]
        if zeros:
            problems.append(Problem(file, _rows_text(zeros), cols[f], "'-' is read as 0 (SSB's symbol for nil)",
                                    "leave the cell empty if the value is unknown", severity="warning"))

    for f in ("numerator", "denominator"):
        if f in parsed:
            numbers = parsed[f][0]
            fractional = np.flatnonzero(~np.isnan(numbers) & (numbers % 1 != 0))
            if len(fractional):
                first = numbers[fractional[0]]
                problems.append(Problem(file, _rows_text([rows_numbers[i] for i in fractional]), cols[f],
                                        f"{f} {first:g} is not a whole number ({len(fractional)} row(s)); "
                                        f"the {f} counts people or households",
                                        "give the counts, not shares or weighted estimates (leave the cell empty "
                                        "if only the value is known)", severity="warning"))

    records = []
    unknown_zones: dict[str, list[int]] = {}
    unknown_indicators: dict[str, list[int]] = {}
    n_defaulted = 0
    for i in range(n):
        row = f"row {rows_numbers[i]}"
        ok = True
        zid = text("zone_id")[i] or None
        if zid is None:
            problems.append(Problem(file, row, cols["zone_id"], "has no zone id", "fill in the zone id"))
            ok = False
        elif known_zones is not None and zid not in known_zones:
            unknown_zones.setdefault(zid, []).append(rows_numbers[i])
            ok = False
        ind = text("indicator")[i]
        if not ind:
            problems.append(Problem(file, row, cols["indicator"], "has no indicator id", "fill in the indicator id"))
            ok = False
        elif ind not in catalog:
            unknown_indicators.setdefault(ind, []).append(rows_numbers[i])
        year = years[i]
        if year_errors[i] or math.isnan(year) or not year.is_integer():
            problems.append(Problem(file, row, cols["year"], f"year '{text('year')[i]}' is not an integer",
                                    "write one whole year per row, e.g. 2021 (not 2021–2022 or 2021/22)"))
            ok = False
            year = None
        elif not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
            problems.append(Problem(file, row, cols["year"], f"year {int(year)} is outside {YEAR_RANGE[0]}–"
                                    f"{YEAR_RANGE[1]}", "write the full year, e.g. 2021 (not 21)"))
            ok = False
            year = None
        else:
            year = int(year)
        nums: dict[str, float | None] = {}
        for f in NUMBER_FIELDS:
            if f not in parsed:
                nums[f] = None
                continue
            value, err = parsed[f][0][i], parsed[f][1][i]
            if err:
                problems.append(Problem(file, row, cols[f], err, "use digits with ',' or '.' as decimal mark (e.g. "
                                        "12,5); leave the cell empty when there is no value"))
                ok = False
            nums[f] = None if math.isnan(value) else float(value)
        status_text = text("status")[i]
        if status_text:
            status = STATUS_ALIASES.get(status_text.casefold())
            if status is None:
                problems.append(Problem(file, row, cols["status"], f"unknown status '{status_text}'",
                                        f"use one of {', '.join(STATUSES)} (or leave it empty)"))
                ok = False
        else:
            status = "suppressed" if suppressed_value[i] else None
        indicator = catalog.get(ind) if ind else None
        ok = _check_row_numbers(nums, indicator, file, row, cols, problems) and ok
        if status is None:
            status = default_status if nums["value"] is not None else "missing"
            n_defaulted += nums["value"] is not None
        elif nums["value"] is None and status not in ("suppressed", "missing"):
            status = "missing"
        elif status == "missing" and nums["value"] is not None:
            problems.append(Problem(file, row, cols["status"], "status is 'missing' but a value is given",
                                    "remove the value or change the status"))
            ok = False
        elif status == "suppressed" and (nums["value"] is not None or nums["numerator"] is not None):
            problems.append(Problem(file, row, cols["value"], "status is 'suppressed' but the row has a value; the "
                                    "value and numerator are dropped", "leave suppressed values empty",
                                    severity="warning"))
            nums.update(value=None, numerator=None, ci_low=None, ci_high=None)
        records.append({"zone_id": zid, "indicator": ind, "year": year, **nums, "status": status,
                        "source": text("source")[i] or source or file, "_row": rows_numbers[i], "_ok": ok})

    _report_unknown_zones(unknown_zones, known_zones or set(), file, cols["zone_id"], problems)
    for ind, rows in unknown_indicators.items():
        close = difflib.get_close_matches(ind, list(catalog), n=1, cutoff=0.75)
        hint = f"did you mean '{close[0]}'? " if close else ""
        problems.append(Problem(file, _rows_text(rows), cols["indicator"], f"indicator '{ind}' is not in the "
                                "catalogue; it is imported with its id as label and no unit",
                                hint + "check the spelling, or add it to the catalogue", severity="warning"))
    values = pd.DataFrame.from_records(records)
    # Duplicates are looked for among all rows whose key could be read, even when other rows failed.
    keyed = values.dropna(subset=["zone_id", "year"])
    keyed = keyed[keyed["indicator"] != ""]
    dup = keyed[keyed.duplicated(["zone_id", "indicator", "year"], keep=False)]
    for (zid, ind, year), grp in dup.groupby(["zone_id", "indicator", "year"], sort=False):
        problems.append(Problem(file, _rows_text(grp["_row"].tolist()), cols["zone_id"], f"zone '{zid}', indicator "
                                f"'{ind}', year {int(year)} appears {len(grp)} times", "keep one row per zone, "
                                "indicator and year"))
    if any(p.severity == "error" for p in problems):
        return None, problems
    _warn_fractions(values, catalog, file, cols["value"], problems)
    values = values.drop(columns=["_row", "_ok"])
    values["year"] = values["year"].astype("int64")
    values.attrs["status_defaulted"] = int(n_defaulted)
    return values, problems


def _cells(series: pd.Series) -> list[str]:
    """A column's cells as stripped text, ``""`` for missing (numbers from a frame become text)."""
    if pd.api.types.is_string_dtype(series.dtype) and series.map(type, na_action="ignore").isin([str]).all():
        return series.fillna("").astype("str").str.strip().tolist()
    return [id_text(v) or "" for v in series]


#: Plain numbers in each decimal style: these skip the full :func:`parse_number` rules.
_FAST = {".": re.compile(r"[+-]?(\d+|\d*\.\d+)"), ",": re.compile(r"[+-]?(\d+|\d*,\d+)"),
         None: re.compile(r"[+-]?\d+")}


def parse_numbers(texts: Sequence[str], decimal: str | None = ".") -> tuple[np.ndarray, list[str | None]]:
    """:func:`parse_number` over a column of stripped texts, with a fast path for plain numbers.

    A cell that is just digits with the file's own decimal mark (``12,5`` when ``decimal=","``) cannot
    be ambiguous, so it goes straight to :func:`float`; everything else takes the full rules.

    Returns
    -------
    (numpy.ndarray, list)
        Floats (NaN where empty or wrong) and an error message or None per cell.
    """
    plain = _FAST[decimal].fullmatch
    out = np.full(len(texts), np.nan)
    errs: list[str | None] = [None] * len(texts)
    for i, cell in enumerate(texts):
        if not cell:
            continue
        if plain(cell):
            out[i] = float(cell.replace(",", "."))
            continue
        value, errs[i] = parse_number(cell, decimal)
        if value is not None:
            out[i] = value
    return out, errs


def _check_row_numbers(nums: dict[str, float | None], indicator, file: str, row: str, cols: dict[str, str],
                       problems: list[Problem]) -> bool:
    """Range checks of one row's numbers; False when one failed."""
    ok = True
    if indicator is not None and indicator.is_share:
        for f in ("value", "ci_low", "ci_high"):
            v = nums[f]
            if v is not None and not 0 <= v <= 100:
                problems.append(Problem(file, row, cols[f], f"{v:g} is outside 0–100, but '{indicator.id}' is a "
                                        "share in %", "give percentages between 0 and 100"))
                ok = False
    for f in ("numerator", "denominator"):
        v = nums[f]
        if v is not None and v < 0:
            problems.append(Problem(file, row, cols[f], f"{f} {v:g} is negative", "counts cannot be negative"))
            ok = False
    num, den = nums["numerator"], nums["denominator"]
    # Shares and rates count a subset of the denominator; money or mean units (NOK per person) do not.
    is_rate = indicator is not None and indicator.scale != 1.0
    if is_rate and num is not None and den is not None and num > den:
        problems.append(Problem(file, row, cols["numerator"], f"numerator {num:g} is larger than denominator "
                                f"{den:g}", "the numerator counts a part of the denominator; check both"))
        ok = False
    lo, hi = nums["ci_low"], nums["ci_high"]
    if lo is not None and hi is not None and lo > hi:
        problems.append(Problem(file, row, cols["ci_low"], f"ci_low {lo:g} is above ci_high {hi:g}",
                                "swap them or check the interval"))
        ok = False
    return ok


def _rows_text(rows: list[int]) -> str:
    shown = ", ".join(str(r) for r in rows[:EXAMPLES])
    more = f" (+{len(rows) - EXAMPLES} more)" if len(rows) > EXAMPLES else ""
    return ("row " if len(rows) == 1 else "rows ") + shown + more


def _report_unknown_zones(unknown: dict[str, list[int]], known: set[str], file: str, field: str,
                          problems: list[Problem]) -> None:
    """One problem listing a few zone ids the zones do not have (with a leading-zero hint)."""
    if not unknown:
        return
    rows = sorted(r for rs in unknown.values() for r in rs)
    ids = list(unknown)
    shown = ", ".join(f"'{z}'" for z in ids[:EXAMPLES]) + (f" (+{len(ids) - EXAMPLES} more)" if len(ids) > EXAMPLES
                                                          else "")
    hint = "check the ids against the zone file's id field"
    widths = {len(k) for k in known}
    padded = {z: z.zfill(w) for z in ids if z.isdigit() for w in widths if z.zfill(w) in known and z.zfill(w) != z}
    stripped = {z: z.lstrip("0") for z in ids if z.isdigit() and z.startswith("0") and z.lstrip("0") in known}
    if padded:
        z, p = next(iter(padded.items()))
        hint = (f"the ids match the zones once leading zeros are added ('{z}' → '{p}'); spreadsheets drop them "
                "from numbers: format the zone_id column as text")
    elif stripped:
        z, p = next(iter(stripped.items()))
        hint = (f"the zone file has '{p}' where the table has '{z}': its id field stores numbers and lost the "
                "leading zeros; store the zone ids as text in the zone file")
    problems.append(Problem(file, _rows_text(rows), field, f"{len(ids)} zone id(s) are not in the zones: {shown}",
                            hint))


def _warn_fractions(values: pd.DataFrame, catalog: Catalog, file: str, field: str, problems: list[Problem]) -> None:
    """Warn when every value of a % indicator lies in 0–1: probably fractions, not percent."""
    for ind, grp in values.groupby("indicator", sort=False):
        entry = catalog.get(ind)
        v = pd.to_numeric(grp["value"], errors="coerce").dropna()
        if entry is not None and entry.is_share and len(v) >= 3 and v.max() <= 1 and v.max() > 0:
            problems.append(Problem(file, "", field, f"all values of '{ind}' are between 0 and 1, but it is a "
                                    "share in %", "if these are fractions, multiply by 100", severity="warning"))


# --- stored datasets ----------------------------------------------------------------------------------
def _stored_numbers(series: pd.Series) -> np.ndarray | None:
    """A stored number column as floats, or None when a cell holds anything but a number or NULL.

    SQLite hands back a column that is NULL throughout (no confidence intervals, say) as objects.
    """
    if pd.api.types.is_numeric_dtype(series.dtype) and not pd.api.types.is_bool_dtype(series.dtype):
        return series.to_numpy(dtype="float64")
    cells = series.dropna()
    if not cells.map(lambda c: isinstance(c, int | float) and not isinstance(c, bool)).all():
        return None
    return pd.to_numeric(series).to_numpy(dtype="float64")


def _stored_values_clean(values: pd.DataFrame, zone_ids: set[str], catalog: Catalog) -> bool:
    """True when a stored ``values`` layer certainly passes :func:`check_table` without an error.

    A vectorised gate for the common case (an untouched dataset): a million checks in a Python loop
    would make every app start slow. Anything it cannot vouch for goes through :func:`check_table`,
    which names each bad row; so this may be stricter than the rules, never looser.
    """
    cols = [str(c) for c in values.columns]
    if len(set(cols)) != len(cols) or any(c not in cols for c in REQUIRED_TABLE_COLUMNS):
        return False
    present = [f for f in NUMBER_FIELDS if f in cols]
    numbers = {f: _stored_numbers(values[f]) for f in [*present, "year"]}
    if any(a is None for a in numbers.values()):
        return False
    nums = {f: numbers[f] for f in present}
    if any(np.isinf(a).any() for a in nums.values()):
        return False
    year = numbers["year"]
    if np.isnan(year).any() or (year % 1 != 0).any() or (year < YEAR_RANGE[0]).any() or (year > YEAR_RANGE[1]).any():
        return False
    zid, ind = values["zone_id"], values["indicator"]
    if zid.isna().any() or not zid.isin(zone_ids).all() or ind.isna().any() or (ind.astype("str") == "").any():
        return False
    status = values["status"] if "status" in cols else pd.Series([np.nan] * len(values))
    if not status.dropna().isin(STATUSES).all():
        return False
    nan = np.full(len(values), np.nan)
    value, num, den = nums.get("value", nan), nums.get("numerator", nan), nums.get("denominator", nan)
    lo, hi = nums.get("ci_low", nan), nums.get("ci_high", nan)
    if (num < 0).any() or (den < 0).any() or (lo > hi).any():
        return False
    if ((status == "missing").to_numpy(dtype=bool, na_value=False) & ~np.isnan(value)).any():
        return False
    present_ids = ind.unique()
    shares = ind.isin([i for i in present_ids if (e := catalog.get(i)) is not None and e.is_share]).to_numpy()
    rates = ind.isin([i for i in present_ids if (e := catalog.get(i)) is not None and e.scale != 1.0]).to_numpy()
    for a in (value, lo, hi):
        if (shares & ((a < 0) | (a > 100))).any():
            return False
    if (rates & (num > den)).any():
        return False
    return not values.duplicated(["zone_id", "indicator", "year"]).any()


def check_dataset_layers(zones: gpd.GeoDataFrame, values: pd.DataFrame, catalog: Catalog,
                         file: str) -> list[Problem]:
    """Check a stored dataset's ``zones`` and ``values`` layers with the import path's rules.

    A dataset edited outside Levekårskart (in QGIS, say) may have lost what the import guaranteed:
    a null geometry, duplicate zone ids, a ``values`` layer without ``year``, text in ``value``, a row
    twice. The zones go through :func:`check_zones` and the values through :func:`check_table` (after a
    fast gate, see :func:`_stored_values_clean`), so a damaged file is described as an import would be.

    Parameters
    ----------
    zones : geopandas.GeoDataFrame
        The ``zones`` layer as read.
    values : pandas.DataFrame
        The ``values`` layer as read, cells as stored (a text cell in a number column stays text);
        an ``fid`` column, when present, numbers the rows in messages.
    catalog : Catalog
        The dataset's catalogue.
    file : str
        The dataset's file name, used in messages.

    Returns
    -------
    list of Problem
        Errors and warnings; errors mean the dataset must not be used.
    """
    problems: list[Problem] = []
    zone_columns = [str(c) for c in zones.columns]
    # Only errors stop a load, so the overlap warning (the slowest check) is skipped.
    _, zone_problems = check_zones(zones, f"{file} layer 'zones'", id_field="zone_id", name_field="name",
                                   district_field="district" if "district" in zone_columns else None,
                                   overlaps=False)
    problems += zone_problems
    zone_ids = set(ids_as_text(zones["zone_id"]).dropna()) if "zone_id" in zone_columns else set()
    frame = values.drop(columns=["fid"]) if "fid" in values.columns else values
    if len(frame) and not _stored_values_clean(frame, zone_ids, catalog):
        raw = frame.copy()
        raw.columns = [str(c) for c in raw.columns]
        raw["_row"] = values["fid"].tolist() if "fid" in values.columns else list(range(1, len(values) + 1))
        _, table_problems = check_table(raw, f"{file} layer 'values'", zone_ids if zone_ids else None, catalog)
        problems += table_problems
    return problems
