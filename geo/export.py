"""Downloads of exactly what a page shows: CSV and GeoJSON, marked when the data are a demo."""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd

from geo.catalog import Indicator
from geo.config import DISPLAY_CRS

DEMO_NOTE = "DEMONSTRASJONSDATA: skjematiske grenser, syntetiske verdier - ikke offisiell statistikk"
EXPORT_COLUMNS = ["zone_id", "name", "district", "indicator", "year", "value", "unit", "numerator", "denominator",
                  "ci_low", "ci_high", "rank", "n_ranked", "status", "source", "city_value", "district_value"]


def export_table(facts: pd.DataFrame, indicator: Indicator, year: int, *, dataset_name: str,
                 demo: bool) -> pd.DataFrame:
    """The shown zone facts as a flat table with indicator, unit, dataset and (for demos) a note column."""
    t = facts.copy()
    t["indicator"] = indicator.id
    t["year"] = year
    t["unit"] = indicator.unit
    t = t[EXPORT_COLUMNS]
    t["dataset"] = dataset_name
    if demo:
        t["note"] = DEMO_NOTE
    return t


def to_csv(table: pd.DataFrame) -> bytes:
    """UTF-8 CSV with BOM (opens with the right letters in Excel)."""
    return table.to_csv(index=False).encode("utf-8-sig")


def to_geojson(table: pd.DataFrame, zones: gpd.GeoDataFrame, *, demo: bool, precision: int = 5,
               manifest: list | None = None) -> bytes:
    """GeoJSON FeatureCollection in WGS84 with the table as properties and a ``metadata`` member.

    The metadata carries the demo flag and note and the dataset's source manifest (where every
    input came from), so a downloaded file keeps its provenance.
    """
    g = zones[["zone_id", "geometry"]].merge(table, on="zone_id", how="right").to_crs(DISPLAY_CRS)
    g = gpd.GeoDataFrame(g, geometry="geometry", crs=DISPLAY_CRS)
    doc = json.loads(g.to_json(na="null", drop_id=True, to_wgs84=False))
    for feat in doc["features"]:
        feat["geometry"] = _round(feat["geometry"], precision)
    doc["metadata"] = {"demo": demo, "note": DEMO_NOTE if demo else "",
                       "dataset": str(table["dataset"].iloc[0]) if len(table) else "", "manifest": manifest or []}
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def _round(geom: dict, precision: int) -> dict:
    def r(c):
        return [round(x, precision) for x in c] if isinstance(c[0], float | int) else [r(x) for x in c]

    return {**geom, "coordinates": r(geom["coordinates"])} if geom else geom
