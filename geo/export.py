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

from geo.config import DISPLAY_CRS
from geo.data.catalog import Indicator

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


# --- the downloads of one indicator and year, shared by the map page and ``python -m geo export`` --------
#: Media type and file suffix of each download format.
MEDIA_TYPES: dict[str, tuple[str, str]] = {
    "csv": ("text/csv", ".csv"),
    "geojson": ("application/geo+json", ".geojson"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
    "gpkg": ("application/geopackage+sqlite3", ".gpkg"),
}
#: Timestamp written into files whose format carries one (GeoPackage, Excel): the same view gives the
#: same bytes whenever and wherever it is exported, so the app's file and the CLI's can be compared.
FIXED_TIMESTAMP = "2000-01-01T00:00:00Z"


def download_table(ds, facts: pd.DataFrame, indicator: Indicator, year: int, classification, *,
                   lang: str = "nb") -> pd.DataFrame:
    """:func:`export_table` plus what the map shows of each zone and how to read the figures.

    Added columns: ``status_text`` (the status in words, e.g. "skjult (for få personer)"), ``class``
    (1 = lightest, empty for no data or hidden), ``class_range`` (the legend text of the class),
    ``colour`` (the fill colour on the map, grey for no data), and in public mode ``disclosure`` (city
    and district figures come from the visible zones; ranks are among the visible zones).
    """
    from geo.formats import STATUS_TEXT
    from geo.mapping.classify import NO_DATA_COLOUR, TEXTS
    from geo.privacy import RANK_NOTE, TOTALS_NOTE, is_public

    lang = "en" if lang == "en" else "nb"
    table = export_table(facts, indicator, year, dataset_name=ds.name, demo=ds.is_demo)
    table.insert(table.columns.get_loc("status") + 1, "status_text",
                 table["status"].map(lambda s: STATUS_TEXT.get(s, {}).get(lang, s)))
    # classes are keyed by zone id (or by row when the facts have none)
    keys = facts["zone_id"] if "zone_id" in facts.columns else facts.index.to_series()
    classes = keys.map(classification.classes).fillna(-1).astype(int)
    labels = np.array([*classification.range_labels(lang), TEXTS["no_data"][lang]], dtype=object)
    colours = np.array([*classification.colours, NO_DATA_COLOUR], dtype=object)
    table["class"] = pd.array(np.where(classes >= 0, classes + 1, 0), dtype="Int64")
    table.loc[(classes < 0).to_numpy(), "class"] = pd.NA
    table["class_range"] = labels[classes.to_numpy()]
    table["colour"] = colours[classes.to_numpy()]
    if is_public(ds):
        table["disclosure"] = f"{TOTALS_NOTE[lang]} {RANK_NOTE[lang]}"
    return table


def _notes(ds, indicator: Indicator, year: int, lang: str) -> list[str]:
    """The lines of an Excel "Om" sheet and a GeoPackage ``notes`` table: what the file holds and its caveats."""
    from geo.data.methods import suppression_rule

    lines = [f"{ds.name}: {indicator.label(lang)} ({indicator.unit}), {year}",
             f"{'Source' if lang == 'en' else 'Kilde'}: {indicator.source_name} {indicator.source_url}".strip(),
             f"{'Licence' if lang == 'en' else 'Lisens'}: {indicator.licence}", suppression_rule(lang)]
    return ([DEMO_NOTE] if ds.is_demo else []) + lines


def _fixed_zip(data: bytes) -> bytes:
    """A zip (xlsx) rewritten with fixed entry times and document dates, so equal content gives equal bytes."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + FIXED_TIMESTAMP.encode(), body)
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0)), body,
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def to_gpkg(table: pd.DataFrame, zones: gpd.GeoDataFrame, *, layer: str, notes: list[str]) -> bytes:
    """A GeoPackage (opens in QGIS) of the table joined to the zone polygons (EPSG:25833) plus a ``notes`` table.

    Written atomically to a temporary folder (:func:`geo.files.atomic_path`) and read back as bytes; the
    GeoPackage's own timestamps are fixed (:data:`FIXED_TIMESTAMP`).
    """
    import tempfile
    from pathlib import Path

    import pyogrio

    from geo.files import atomic_path

    g = gpd.GeoDataFrame(zones[["zone_id", "geometry"]].merge(neutralise_formulas(table), on="zone_id", how="right"),
                         geometry="geometry", crs=zones.crs)
    for col in g.columns:  # nullable integers (rank, class) go to GDAL as floats with nulls
        if isinstance(g[col].dtype, pd.Int64Dtype):
            g[col] = g[col].astype("float64")
    before = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": FIXED_TIMESTAMP})
    try:
        with tempfile.TemporaryDirectory(prefix="levekar-") as folder:
            target = Path(folder) / "download.gpkg"
            with atomic_path(target, suffix=".tmp.gpkg") as tmp:
                pyogrio.write_dataframe(g, tmp, layer=layer, driver="GPKG")
                pyogrio.write_dataframe(pd.DataFrame({"note": notes}), tmp, layer="notes", driver="GPKG")
            return target.read_bytes()
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": before})


def export_bytes(ds, indicator_id: str, year: int, fmt: str, *, lang: str = "nb", classification=None,
                 facts: pd.DataFrame | None = None) -> bytes:
    """The download of one indicator and year in ``fmt``: what the map page offers and ``geo export`` writes.

    The one function behind both, so the app's file and the command line's are the same bytes. Pass a
    dataset opened through :func:`geo.privacy.for_output` (in public mode hidden cells are gone and
    totals come from the visible zones).

    Parameters
    ----------
    ds : geo.data.dataset.Dataset
        The dataset as opened for output.
    indicator_id : str
        Indicator id.
    year : int
        Year.
    fmt : str
        One of :data:`MEDIA_TYPES`: ``csv``, ``geojson``, ``xlsx``, ``gpkg``.
    lang : str
        ``nb`` or ``en``: the language of status words, class labels and notes.
    classification : geo.mapping.classify.Classification, optional
        The map's current classes (class and colour columns); default: :func:`geo.mapping.classify.classify`
        with its defaults.
    facts : pandas.DataFrame, optional
        :func:`geo.benchmarks.zone_facts` of the indicator and year when the caller has it (a cache);
        computed otherwise. Must be what ``zone_facts`` returns.

    Returns
    -------
    bytes
        The file, marked as a demo when the dataset is one (note column, GeoJSON metadata, Excel and
        GeoPackage notes).

    Raises
    ------
    UnknownChoiceError
        For an unknown format, indicator or year, listing the choices.
    """
    from geo.benchmarks import zone_facts
    from geo.errors import UnknownChoiceError
    from geo.mapping.classify import classify

    if fmt not in MEDIA_TYPES:
        raise UnknownChoiceError("format", fmt, list(MEDIA_TYPES))
    ds.check_choice(indicator_id, year)
    indicator = ds.indicator(indicator_id)
    facts = zone_facts(ds, indicator_id, year) if facts is None else facts
    classification = classify(facts, indicator) if classification is None else classification
    table = download_table(ds, facts, indicator, year, classification, lang=lang)
    manifest = ds.meta.get("manifest", [])
    writers = {
        "csv": lambda: to_csv(table),
        "geojson": lambda: to_geojson(table, ds.zones, demo=ds.is_demo, manifest=manifest),
        "xlsx": lambda: _fixed_zip(to_xlsx({f"{indicator.id} {year}": table},
                                           notes=_notes(ds, indicator, year, lang))),
        "gpkg": lambda: to_gpkg(table, ds.zones, layer=f"levekar_{indicator.id}_{year}",
                                notes=_notes(ds, indicator, year, lang)),
    }
    return writers[fmt]()


def download_name(ds, indicator_id: str, year: int, fmt: str) -> str:
    """File name of a download, e.g. ``levekar_child_low_income_2024_DEMO.csv``."""
    return f"levekar_{indicator_id}_{year}" + ("_DEMO" if ds.is_demo else "") + MEDIA_TYPES[fmt][1]
