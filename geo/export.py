"""Downloads of exactly what a page shows: CSV and GeoJSON, marked when the data are a demo.

Every tabular export (CSV, Excel) goes through :func:`neutralise_formulas` first: zone names, sources
and other data text that begin like a spreadsheet formula are written so a spreadsheet shows them as
text and never runs them (OWASP "CSV injection").
"""

from __future__ import annotations

import json
import re

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

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


#: What a cell may start with to make a spreadsheet read it as a formula (OWASP's list: = + - @, tab, CR).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Text that a spreadsheet reads as a plain number ("-12,5"): a number, never a formula, so left alone.
_PLAIN_NUMBER = re.compile(r"[+-]?\d+([.,]\d+)?([eE][+-]?\d+)?")


def _neutral(cell: object) -> object:
    if isinstance(cell, str) and cell.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cannot run as a spreadsheet formula.

    Every *string* cell (and column name) beginning with one of :data:`FORMULA_START` gets a leading
    apostrophe, which spreadsheets show as text (``=HYPERLINK(…)`` → ``'=HYPERLINK(…)``). Numbers are
    never touched (a negative value stays a number), nor is text that is just a number (``-12,5``).
    Use it for every tabular export, CSV or Excel.
    """
    out = frame.copy()
    for col in out.columns:
        if not (pd.api.types.is_object_dtype(out[col].dtype) or pd.api.types.is_string_dtype(out[col].dtype)):
            continue  # numeric, boolean and date columns hold no text
        out[col] = out[col].map(_neutral, na_action="ignore").astype(out[col].dtype)
    out.columns = [_neutral(c) for c in out.columns]
    return out


def to_csv(table: pd.DataFrame) -> bytes:
    """UTF-8 CSV with BOM (opens with the right letters in Excel); formula-like text neutralised.

    Lines end with CRLF (RFC 4180), which also makes the writer quote a lone CR inside a cell rather
    than end the row there.
    """
    return neutralise_formulas(table).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def to_geojson(table: pd.DataFrame, zones: gpd.GeoDataFrame, *, demo: bool, precision: int = 5,
               manifest: list | None = None) -> bytes:
    """GeoJSON FeatureCollection in WGS84 with the table as properties and a ``metadata`` member.

    The metadata carries the demo flag and note and the dataset's source manifest (where every
    input came from), so a downloaded file keeps its provenance.
    """
    g = zones[["zone_id", "geometry"]].merge(table, on="zone_id", how="right").to_crs(DISPLAY_CRS)
    # Geometry is rounded and written by GEOS in vectorised calls and spliced in as text: walking every
    # coordinate in Python (geo_interface, json) took ~20 s for 2 000 zones × 300 vertices.
    rounded = shapely.transform(g.geometry.values, lambda xy: np.round(xy, precision))
    shapes = [s if s is not None else "null" for s in shapely.to_geojson(rounded)]
    props = pd.DataFrame(g.drop(columns="geometry"))
    records = json.loads(props.to_json(orient="records", force_ascii=False, double_precision=15))
    features = ",".join(f'{{"type":"Feature","properties":{json.dumps(rec, ensure_ascii=False)},"geometry":{shape}}}'
                        for rec, shape in zip(records, shapes, strict=True))
    metadata = {"demo": demo, "note": DEMO_NOTE if demo else "",
                "dataset": str(table["dataset"].iloc[0]) if len(table) else "", "manifest": manifest or []}
    return (f'{{"type":"FeatureCollection","features":[{features}],'
            f'"metadata":{json.dumps(metadata, ensure_ascii=False)}}}').encode()



def to_xlsx(sheets: dict[str, pd.DataFrame], *, notes: list[str] | None = None) -> bytes:
    """An Excel workbook (``.xlsx``) with one sheet per table and, first, an "Om" sheet of notes.

    The one Excel writer of the project: every page and CLI command that offers Excel calls it. Text is
    neutralised as in :func:`to_csv`; the notes (dataset, sources, the demo marking) come first so a
    reader of the file sees them before the numbers.

    Parameters
    ----------
    sheets : dict of str to DataFrame
        Sheet name → table. Names are cut to Excel's 31 characters; ``[]:*?/\\`` become ``-``.
    notes : list of str, optional
        Lines for the leading notes sheet (skipped when empty).

    Returns
    -------
    bytes
        The workbook.
    """
    import io

    if not sheets:
        raise ValueError("to_xlsx needs at least one table: pass {sheet name: DataFrame}.")
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xl:
        if notes:
            pd.DataFrame({"note": [str(n) for n in notes]}).pipe(neutralise_formulas).to_excel(
                xl, sheet_name="Om", index=False)
        used: set[str] = {"Om"} if notes else set()
        for name, frame in sheets.items():
            title = re.sub(r"[\[\]:*?/\\]", "-", str(name))[:31] or "Tabell"
            base, k = title, 2
            while title in used:  # Excel refuses two sheets of one name
                title = f"{base[:28]}-{k}"
                k += 1
            used.add(title)
            neutralise_formulas(frame).to_excel(xl, sheet_name=title, index=False)
    return buf.getvalue()
