"""Datasets of square zones on a grid, built in code for the analysis tests."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
from shapely.geometry import box

from geo.data.catalog import DEFAULT_CATALOG
from geo.data.dataset import Dataset, values_frame

SIDE = 1000.0
X0, Y0 = 270000.0, 7040000.0


def grid_zones(rows: int, cols: int, extra: list | None = None) -> gpd.GeoDataFrame:
    """``rows × cols`` touching squares, ids ``Z{r}_{c}``, district by left/right half; ``extra`` adds
    (zone_id, geometry) pairs (e.g. a far-away island)."""
    ids, names, districts, geoms = [], [], [], []
    for r in range(rows):
        for c in range(cols):
            ids.append(f"Z{r}_{c}")
            names.append(f"Sone {r}-{c}")
            districts.append("Vest" if c < cols / 2 else "Øst")
            geoms.append(box(X0 + c * SIDE, Y0 + r * SIDE, X0 + (c + 1) * SIDE, Y0 + (r + 1) * SIDE))
    for zid, geom in extra or []:
        ids.append(zid)
        names.append(f"Sone {zid}")
        districts.append("Øst")
        geoms.append(geom)
    return gpd.GeoDataFrame({"zone_id": ids, "name": names, "district": districts}, geometry=geoms, crs="EPSG:25833")


def grid_dataset(zones: gpd.GeoDataFrame, indicators: dict, *, denominator=None, years=(2022,),
                 suppressed=(), ci=None) -> Dataset:
    """A dataset with ``indicators`` = ``{id: values per zone}`` (or ``{id: {year: values}}``).

    ``denominator`` (scalar or per zone) adds counts (numerator = value/100 × denominator, rounded,
    value recomputed from the counts); ``ci`` (half-width in value units) adds a published interval
    instead; ``suppressed`` lists (indicator, zone_id) pairs given status ``suppressed``; NaN = no row.
    """
    rows = []
    n = len(zones)
    for ind, spec in indicators.items():
        per_year = spec if isinstance(spec, dict) else {y: spec for y in years}
        for year, vals in per_year.items():
            vals = np.broadcast_to(np.asarray(vals, dtype=float), (n,))
            den = None if denominator is None else np.broadcast_to(np.asarray(denominator, dtype=float), (n,))
            for i, zid in enumerate(zones["zone_id"]):
                v = vals[i]
                if np.isnan(v):
                    continue
                row = {"zone_id": zid, "indicator": ind, "year": year, "value": v, "status": "synthetic",
                       "source": "test grid"}
                if den is not None:
                    num = round(v / 100 * den[i])
                    row.update(numerator=num, denominator=den[i], value=num / den[i] * 100)
                if ci is not None:
                    row.update(ci_low=max(0.0, v - ci), ci_high=min(100.0, v + ci))
                if (ind, zid) in suppressed:
                    row["status"] = "suppressed"
                rows.append(row)
    return Dataset(zones=zones, values=values_frame(rows), catalog=DEFAULT_CATALOG,
                   meta={"name": "Grid test", "demo": True})
