"""Residents as weighted points: one reader per file format, one internal shape.

Every reader returns a GeoDataFrame of points in EPSG:25833 with a float ``population`` column
(and nothing else but the geometry). Accepted inputs:

- CSV with ``x,y,population`` (EPSG:25833, SSB's grid) or ``lon,lat,population`` (WGS84);
- GeoPackage / GeoJSON of points or of grid cells (polygons, e.g. SSB's 250 m population grid),
  cells becoming their centroids;

the count column may be called ``population`` or ``poptot`` (SSB's name), any letter case.
Problems are reported as :class:`geo.errors.ValidationError` naming the file, the row or feature,
the field and what to do.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio

from geo.config import ANALYSIS_CRS
from geo.errors import Problem, ValidationError

#: Names accepted for the residents count, in order of preference.
COUNT_FIELDS = ("population", "poptot")
_MAX_LISTED = 10  # problems listed per kind before "… and N more"


def _find_column(columns, names) -> str | None:
    lower = {str(c).lower(): c for c in columns}
    return next((lower[n] for n in names if n in lower), None)


def _check_counts(values: pd.Series, file: str, where: Callable[[int], str]) -> tuple[np.ndarray, list[Problem]]:
    """Counts as floats, with a problem per row that is empty, not a number or negative."""
    nums = pd.to_numeric(values, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    problems = []
    bad = np.flatnonzero(~np.isfinite(nums) | (nums < 0))
    for i in bad[:_MAX_LISTED]:
        raw = values.iloc[i]
        what = "is empty" if pd.isna(raw) or str(raw).strip() == "" else f"{raw!r} is not a count of residents"
        problems.append(Problem(file, where(i), values.name, what,
                                "give a number ≥ 0 (use 0 for cells without residents)"))
    if len(bad) > _MAX_LISTED:
        problems.append(Problem(file, "", values.name, f"… and {len(bad) - _MAX_LISTED} more rows like these"))
    return nums, problems


def _result(geometry: gpd.GeoSeries, population: np.ndarray) -> gpd.GeoDataFrame:
    out = gpd.GeoDataFrame({"population": population.astype("float64")}, geometry=geometry.values, crs=geometry.crs)
    if out.crs != ANALYSIS_CRS:
        out = out.to_crs(ANALYSIS_CRS)
    return out.reset_index(drop=True)


def read_population_csv(path: str | Path) -> gpd.GeoDataFrame:
    """Read ``x,y,population`` (EPSG:25833) or ``lon,lat,population`` (WGS84) from a CSV file."""
    p = Path(path)
    try:
        with open(p, encoding="utf-8-sig") as f:
            header = f.readline()
        # the separator is read off the header (Norwegian exports often use ';'), then the fast C parser runs
        sep = max([",", ";", "\t"], key=header.count) if header.strip() else ","
        frame = pd.read_csv(p, dtype=str, sep=sep, encoding="utf-8-sig")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise ValidationError([Problem(p.name, "", "", f"not a readable CSV file ({exc})",
                                       "save it as UTF-8 CSV with a header row")]) from exc
    count = _find_column(frame.columns, COUNT_FIELDS)
    xcol, ycol = _find_column(frame.columns, ["x"]), _find_column(frame.columns, ["y"])
    loncol, latcol = _find_column(frame.columns, ["lon"]), _find_column(frame.columns, ["lat"])
    problems = []
    if count is None:
        problems.append(Problem(p.name, "", "population", f"no population column (columns: {', '.join(frame.columns)})",
                                "name the residents count 'population' or 'poptot'"))
    if xcol and ycol:
        cols, crs = (xcol, ycol), ANALYSIS_CRS
    elif loncol and latcol:
        cols, crs = (loncol, latcol), "EPSG:4326"
    else:
        cols, crs = None, None
        problems.append(Problem(p.name, "", "x/y", "no coordinate columns",
                                "give 'x,y' in EPSG:25833 (UTM 33N metres) or 'lon,lat' in WGS84 degrees"))
    if problems:
        raise ValidationError(problems)
    # row numbers as a spreadsheet shows them: the header is row 1
    nums, problems = _check_counts(frame[count], p.name, lambda i: f"row {i + 2}")
    coords = []
    for c in cols:
        v = pd.to_numeric(frame[c], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
        for i in np.flatnonzero(~np.isfinite(v))[:_MAX_LISTED]:
            problems.append(Problem(p.name, f"row {i + 2}", c, f"{frame[c].iloc[i]!r} is not a coordinate",
                                    "give a number (decimal point, no thousands separator)"))
        coords.append(v)
    if problems:
        raise ValidationError(problems)
    x, y = coords
    if crs == ANALYSIS_CRS and len(x) and np.all(np.abs(x) <= 180) and np.all(np.abs(y) <= 90):
        raise ValidationError([Problem(p.name, "", f"{cols[0]}/{cols[1]}",
                                       "the x/y values look like longitude/latitude degrees, not EPSG:25833 metres",
                                       "rename the columns to 'lon,lat' if they are WGS84 degrees")])
    if crs == "EPSG:4326" and len(x) and not (np.all(np.abs(x) <= 180) and np.all(np.abs(y) <= 90)):
        raise ValidationError([Problem(p.name, "", f"{cols[0]}/{cols[1]}",
                                       "lon/lat values are outside ±180/±90 degrees, so they are not WGS84",
                                       "rename the columns to 'x,y' if they are EPSG:25833 metres")])
    return _result(gpd.GeoSeries(gpd.points_from_xy(x, y), crs=crs), nums)


def read_population_vector(path: str | Path, layer: str | None = None) -> gpd.GeoDataFrame:
    """Read points or grid cells (polygons → centroids) from a GeoPackage, GeoJSON or other vector file."""
    p = Path(path)
    try:
        frame = gpd.read_file(p, layer=layer)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, ValueError) as exc:
        raise ValidationError([Problem(p.name, "", "", f"not a readable vector file ({exc})",
                                       "give a GeoPackage or GeoJSON of points or grid cells")]) from exc
    problems = []
    count = _find_column(frame.columns, COUNT_FIELDS)
    if count is None:
        problems.append(Problem(p.name, "", "population",
                                f"no population field (fields: {', '.join(c for c in frame.columns if c != 'geometry')})",
                                "name the residents count 'population' or 'poptot'"))
    if frame.crs is None:
        problems.append(Problem(p.name, "", "", "the file has no coordinate reference system",
                                "save it with a CRS (EPSG:25833 for SSB's grid)"))
    if problems:
        raise ValidationError(problems)
    nums, problems = _check_counts(frame[count], p.name, lambda i: f"feature {i + 1}")
    geom = frame.geometry
    kinds = geom.geom_type.to_numpy()
    ok = np.isin(kinds, ["Point", "Polygon", "MultiPolygon"]) & ~geom.is_empty.to_numpy()
    for i in np.flatnonzero(~ok)[:_MAX_LISTED]:
        problems.append(Problem(p.name, f"feature {i + 1}", "geometry", f"{kinds[i] or 'empty'} geometry",
                                "give points or grid-cell polygons"))
    if problems:
        raise ValidationError(problems)
    # Centroids are taken in the analysis CRS: a centroid in degrees is not the cell's centre.
    geom = geom.to_crs(ANALYSIS_CRS)
    polys = np.isin(kinds, ["Polygon", "MultiPolygon"])
    if polys.any():
        geom = gpd.GeoSeries(np.where(polys, geom.centroid.values, geom.values), crs=ANALYSIS_CRS)
    return _result(geom, nums)


#: File suffix → reader. Add a format by adding a reader here.
READERS: dict[str, Callable[[Path], gpd.GeoDataFrame]] = {
    ".csv": read_population_csv,
    ".txt": read_population_csv,
    ".gpkg": read_population_vector,
    ".geojson": read_population_vector,
    ".json": read_population_vector,
    ".shp": read_population_vector,
    ".fgb": read_population_vector,
}


def read_population(path: str | Path) -> gpd.GeoDataFrame:
    """Read residents from ``path``, choosing the reader by the file suffix (see :data:`READERS`).

    Returns
    -------
    geopandas.GeoDataFrame
        Points in EPSG:25833 with a float ``population`` column.

    Raises
    ------
    ValidationError
        When the file is missing, of an unknown kind, or has bad rows/features.
    """
    p = Path(path).expanduser()
    if not p.exists():
        raise ValidationError([Problem(str(p), "", "", "no such file", "check the path of the population file")])
    reader = READERS.get(p.suffix.lower())
    if reader is None:
        raise ValidationError([Problem(p.name, "", "", f"unknown population file kind '{p.suffix}'",
                                       f"give one of {', '.join(sorted(READERS))}")])
    return reader(p)
