"""Builders of users' files for the import tests, all written in code into a tmp folder.

The zones sit where Trondheim is (EPSG:25833 around x 270 000, y 7 040 000), carry Norwegian field
names and names (Å, Ø, Æ), and include a MultiPolygon with a hole, as real boundary files do.
"""

from __future__ import annotations

import json
import warnings
import zipfile
from pathlib import Path

import geopandas as gpd
import openpyxl
from shapely.geometry import MultiPolygon, Polygon, box

X0, Y0 = 270000.0, 7040000.0
IDS = ["0101", "0102", "0201"]
NAMES = ["Øya", "Ålesund sør", "Ærfuglen"]


def zones_frame() -> gpd.GeoDataFrame:
    """Three zones with Norwegian fields; zone 0102 is a MultiPolygon whose first part has a hole."""
    holed = Polygon(box(X0 + 1000, Y0, X0 + 2000, Y0 + 1000).exterior.coords,
                    [box(X0 + 1400, Y0 + 400, X0 + 1600, Y0 + 600).exterior.coords[::-1]])
    multi = MultiPolygon([holed, box(X0 + 2500, Y0, X0 + 3000, Y0 + 500)])
    return gpd.GeoDataFrame(
        {"Levekårsone": IDS, "Navn": NAMES, "Bydel": ["Midtbyen", "Midtbyen", "Østbyen"]},
        geometry=[box(X0, Y0, X0 + 1000, Y0 + 1000), multi, box(X0, Y0 - 1000, X0 + 1000, Y0)],
        crs="EPSG:25833",
    )


def feature_collection(frame: gpd.GeoDataFrame, crs_name: str | None) -> dict:
    """A GeoJSON FeatureCollection of ``frame`` with a legacy ``crs`` member naming ``crs_name``."""
    fc = json.loads(frame.to_json(drop_id=True))
    fc.pop("crs", None)
    if crs_name:
        fc["crs"] = {"type": "name", "properties": {"name": crs_name}}
    return fc


def write_geojson(path: Path, frame: gpd.GeoDataFrame | None = None, crs_name: str | None = "urn:ogc:def:crs:EPSG::25833",
                  ) -> Path:
    """GeoJSON with the legacy ``crs`` member (``crs_name=None`` leaves it out)."""
    frame = zones_frame() if frame is None else frame
    path.write_text(json.dumps(feature_collection(frame, crs_name), ensure_ascii=False), encoding="utf-8")
    return path


def write_crs84(path: Path) -> Path:
    """RFC 7946-style lon/lat GeoJSON naming CRS84 explicitly."""
    return write_geojson(path, zones_frame().to_crs("OGC:CRS84"), "urn:ogc:def:crs:OGC:1.3:CRS84")


def write_shapefile(frame: gpd.GeoDataFrame, path: Path) -> Path:
    """A shapefile; field names are cut at 10 bytes as real exports do (GDAL's notice about it is muted)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*(truncated|laundered).*")
        frame.to_file(path, engine="pyogrio")
    return path


def write_zipped_shapefile(path: Path, frame: gpd.GeoDataFrame | None = None, subfolder: str = "grenser/",
                           keep_prj: bool = True, copies: int = 1) -> Path:
    """A .zip holding a shapefile (or ``copies`` of it) inside ``subfolder``."""
    frame = zones_frame() if frame is None else frame
    work = path.parent / f"_{path.stem}_shp"
    work.mkdir()
    write_shapefile(frame, work / "soner.shp")
    with zipfile.ZipFile(path, "w") as zf:
        for n in range(copies):
            for f in sorted(work.iterdir()):
                if f.suffix == ".prj" and not keep_prj:
                    continue
                stem = "soner" if n == 0 else f"soner{n}"
                zf.write(f, f"{subfolder}{stem}{f.suffix}")
        zf.writestr("__MACOSX/grenser/._soner.shp", b"resource fork")
    return path


def write_xlsx(path: Path, rows: list[list], sheet: str = "Data", first_sheet: str | None = None) -> Path:
    """An .xlsx whose sheet ``sheet`` holds ``rows`` (header first); ``first_sheet`` adds an earlier sheet."""
    wb = openpyxl.Workbook()
    ws = wb.active
    if first_sheet:
        ws.title = first_sheet
        ws.append(["notes"])
        ws = wb.create_sheet(sheet)
    else:
        ws.title = sheet
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


#: A valid long table for the zones above, Norwegian style: semicolons, decimal comma, BOM.
NORWEGIAN_CSV = (
    "zone_id;indicator;year;value;numerator;denominator;status;source\n"
    "0101;child_low_income;2021;12,5;5;40;;SSB\n"
    "0102;child_low_income;2021;7,25;29;400;published;SSB\n"
    "0201;child_low_income;2021;;;;suppressed;SSB\n"
    "0101;population;2021;1 234;;;;\n"
)


def write_csv(path: Path, text: str = NORWEGIAN_CSV, encoding: str = "utf-8-sig") -> Path:
    """A CSV written with ``encoding`` (``utf-8-sig`` adds the BOM Excel writes)."""
    path.write_bytes(text.encode(encoding))
    return path


BOWTIE = Polygon([(X0, Y0), (X0 + 1000, Y0 + 1000), (X0 + 1000, Y0), (X0, Y0 + 1000), (X0, Y0)])
#: Self-intersecting and without area: make_valid leaves only lines.
FLAT = Polygon([(X0, Y0), (X0 + 1000, Y0), (X0 + 2000, Y0), (X0, Y0)])
