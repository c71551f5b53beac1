"""Geonorge's download API (grunnkrets boundaries, SSB's population grid) and Kartverket's kommune outline.

The download API v3 works in three steps: ``GET codelists/area/{uuid}`` lists the areas a dataset can
be cut to, each with its projections and formats; ``POST order`` with one order line (dataset uuid,
area, projection, format) answers with ``files``, each with a ``downloadUrl``; the files are zip
archives. Download links of an order may expire, so when a cached order's link fails the order is
placed again.
"""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pyogrio
from shapely.errors import ShapelyError
from shapely.geometry import shape

from geo.config import ANALYSIS_CRS
from geo.sources.http import Fetched, HttpClient, SourceFormatError, SourceRequestError

BASE_URL = "https://nedlasting.geonorge.no/api/v3"
KOMMUNEINFO_URL = "https://api.kartverket.no/kommuneinfo/v1"
GRUNNKRETS_UUID = "51d279f8-e2be-4f5e-9f72-1a53f7535ec1"
GRUNNKRETS_LICENCE = "CC BY 4.0 (Statistisk sentralbyrå / Kartverket, via Geonorge)"
KOMMUNE_LICENCE = "CC BY 4.0 (Kartverket)"
#: Formats we can read, best first (GDAL reads all of them through pyogrio).
FORMAT_PREFERENCE = ("GeoJSON", "GML", "FGDB", "GeoPackage", "GPKG", "PostGIS", "SOSI")
VECTOR_SUFFIXES = (".geojson", ".json", ".gml", ".gpkg", ".gdb", ".shp", ".sos")


@dataclass
class Download:
    """Files of one Geonorge order and the requests that produced them."""

    files: list[Fetched]
    requests: list[Fetched]


def _pick_format(formats: Sequence[str], preference: Sequence[str]) -> str | None:
    lowered = {f.lower(): f for f in formats}
    for want in preference:
        for low, original in lowered.items():
            if low.startswith(want.lower()):
                return original
    return None


def order(http: HttpClient, uuid: str, *, area_code: str, area_type: str | None = None, projection: str = "25833",
          preference: Sequence[str] = FORMAT_PREFERENCE, name: str = "Geonorge dataset") -> Download:
    """Order one dataset cut to one area and download its files.

    Raises
    ------
    SourceFormatError
        When the area, projection or a readable format is not offered (the message lists what is).
    """
    caps = http.get_json(f"{BASE_URL}/capabilities/{uuid}", name=f"{name}: capabilities")
    if not caps.json().get("supportsAreaSelection", True):
        raise SourceFormatError(f"{name}: Geonorge no longer offers area selection for dataset {uuid}")
    areas_f = http.get_json(f"{BASE_URL}/codelists/area/{uuid}", name=f"{name}: areas")
    areas = areas_f.json()
    if not isinstance(areas, list):
        raise SourceFormatError(f"{name}: the area list of dataset {uuid} is not a JSON array")
    match = [a for a in areas if str(a.get("code")) == area_code and (area_type is None or a.get("type") == area_type)]
    if not match:
        offered = sorted({f"{a.get('type')}:{a.get('code')}" for a in areas})[:20]
        raise SourceFormatError(f"{name}: area {area_type or ''}:{area_code} is not offered; offered: {offered}")
    area = match[0]
    projs = [p for p in area.get("projections") or [] if str(p.get("code")) == projection]
    if not projs:
        offered = [str(p.get("code")) for p in area.get("projections") or []]
        raise SourceFormatError(f"{name}: projection EPSG:{projection} is not offered for {area_code}; offered: {offered}")
    formats = [str(f.get("name")) for f in projs[0].get("formats") or area.get("formats") or []]
    fmt = _pick_format(formats, preference)
    if fmt is None:
        raise SourceFormatError(f"{name}: none of the offered formats {formats} is readable; expected one of "
                                f"{list(preference)}")
    body = {"email": "", "orderLines": [{
        "metadataUuid": uuid,
        "areas": [{"code": area_code, "type": area.get("type"), "name": area.get("name")}],
        "projections": [{"code": projection}],
        "formats": [{"name": fmt}],
    }]}
    placed = http.post_json(f"{BASE_URL}/order", body, name=f"{name}: order")
    try:
        files = _download_files(http, placed, name)
    except SourceRequestError:
        if not placed.from_cache:
            raise
        # Links of an old, cached order can expire: order again once.
        placed = http.post_json(f"{BASE_URL}/order", body, name=f"{name}: order", refresh=True)
        files = _download_files(http, placed, name)
    return Download(files=files, requests=[caps, areas_f, placed])


def _download_files(http: HttpClient, placed: Fetched, name: str) -> list[Fetched]:
    doc = placed.json()
    files = doc.get("files") if isinstance(doc, dict) else None
    if not files:
        raise SourceFormatError(f"{name}: the order answer has no files ({str(doc)[:200]})")
    out = []
    for f in files:
        url = f.get("downloadUrl")
        if not url:
            raise SourceFormatError(f"{name}: an ordered file has no downloadUrl (status {f.get('status')!r}); "
                                    "the order may still be processing — rerun in a few minutes")
        out.append(http.download(url, name=f"{name}: {f.get('name') or url.rsplit('/', 1)[-1]}", kind="zip"))
    return out


def read_vector_zip(path: Path, *, want_column: str | tuple[str, ...], source: str,
                    polygons: bool = True) -> gpd.GeoDataFrame:
    """The layer of a zipped vector dataset that has a column containing ``want_column``.

    ``want_column`` may be several alternatives (first match wins); the matched column is renamed to
    the first alternative. With ``polygons`` only polygon layers qualify.

    Raises
    ------
    SourceFormatError
        When no layer in the archive has such a column.
    """
    wanted = (want_column,) if isinstance(want_column, str) else tuple(want_column)
    seen: list[str] = []
    with tempfile.TemporaryDirectory(prefix="levekar-zip-") as tmp:
        try:
            with zipfile.ZipFile(path) as zf:
                zf.extractall(tmp)
        except zipfile.BadZipFile as exc:
            raise SourceFormatError(f"{source}: not a zip archive ({exc})") from exc
        candidates = sorted(p for p in Path(tmp).rglob("*") if p.suffix.lower() in VECTOR_SUFFIXES)
        for cand in candidates:
            try:
                layers = [str(n) for n, _ in pyogrio.list_layers(cand)]
            except Exception:  # GDAL raises several DataSourceError types for unreadable members
                continue
            for layer in layers:
                info = pyogrio.read_info(cand, layer=layer)
                cols = [str(c) for c in info["fields"]]
                seen.append(f"{cand.name}:{layer}({', '.join(cols[:8])})")
                hit = [c for w in wanted for c in cols if w.lower() in c.lower()]
                shape_ok = not polygons or "polygon" in str(info.get("geometry_type") or "").lower()
                if hit and shape_ok:
                    gdf = gpd.read_file(cand, layer=layer)
                    if gdf.crs is None:
                        raise SourceFormatError(f"{source}: layer {layer} has no CRS")
                    gdf = gdf.rename(columns={hit[0]: wanted[0]})
                    return gdf.to_crs(ANALYSIS_CRS)
    kind = "polygon layer" if polygons else "layer"
    raise SourceFormatError(f"{source}: no {kind} with a '{wanted[0]}' column; found {seen or 'no vector files'}")


def grunnkretser(http: HttpClient, kommune: str) -> tuple[gpd.GeoDataFrame, list[Fetched]]:
    """Grunnkrets polygons of one kommune: ``grunnkrets`` (8-digit code), ``grunnkrets_name``, geometry.

    Returns
    -------
    (GeoDataFrame, list of Fetched)
        The polygons (EPSG:25833) and every request made, for the manifest.
    """
    dl = order(http, GRUNNKRETS_UUID, area_code=kommune, area_type="kommune",
               name=f"Geonorge grunnkretser {kommune}")
    frames = [read_vector_zip(f.path, want_column="grunnkretsnummer", source=f.name) for f in dl.files]
    gdf = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs=ANALYSIS_CRS)
    name_col = next((c for c in gdf.columns if c.lower() in ("grunnkretsnavn", "navn")), None)
    codes = gdf["grunnkretsnummer"].astype("str").str.strip().str.zfill(8)
    out = gpd.GeoDataFrame({"grunnkrets": codes, "grunnkrets_name": gdf[name_col].astype("str") if name_col else codes},
                           geometry=gdf.geometry, crs=ANALYSIS_CRS)
    out = out[out["grunnkrets"].str.startswith(kommune)].reset_index(drop=True)
    if out.empty:
        raise SourceFormatError(f"Geonorge grunnkretser {kommune}: no grunnkrets codes start with {kommune}")
    return out, dl.requests + dl.files


def kommune_outline(http: HttpClient, kommune: str) -> tuple[Any, Fetched]:
    """The kommune's outline (shapely geometry in EPSG:25833) from Kartverket's kommuneinfo API."""
    url = f"{KOMMUNEINFO_URL}/kommuner/{kommune}/omrade"
    f = http.get_json(url, name=f"Kartverket kommune {kommune} outline", params={"utkoordsys": "25833"})
    doc = f.json()
    geom = doc.get("omrade") if isinstance(doc, dict) else None
    if not isinstance(geom, dict) or "coordinates" not in geom:
        raise SourceFormatError(f"{url}: the answer has no 'omrade' geometry; keys are "
                                f"{sorted(doc) if isinstance(doc, dict) else type(doc).__name__}")
    try:
        return shape(geom), f
    except (ValueError, TypeError, AttributeError, ShapelyError) as exc:
        raise SourceFormatError(f"{url}: invalid 'omrade' geometry ({exc})") from exc
