"""Reading users' zone layers and indicator tables, and building a dataset from them.

This is the import path shared by ``python -m geo validate``, ``python -m geo import`` and the app's file
upload. Readers are chosen from registries keyed by file suffix (:data:`ZONE_FORMATS`,
:data:`TABLE_FORMATS`); the checks live in :mod:`geo.data.validate`. Nothing here raises for a bad *file*:
every problem comes back as a :class:`geo.errors.Problem` so a user sees all of them at once.

Zones
    GeoJSON (``.geojson``/``.json``; the legacy ``"crs"`` member and CRS84 are understood; without a
    ``crs`` member the coordinates are lon/lat WGS 84 as RFC 7946 says), GeoPackage (``.gpkg``; the one
    polygon layer is picked, several need ``layer``), Shapefile (``.shp`` with its sidecar files, or a
    ``.zip`` holding exactly one ``.shp``, possibly in a subfolder; no ``.prj`` means no CRS), GeoParquet
    (``.parquet``/``.geoparquet``).
Indicator tables
    CSV (``.csv``/``.txt``/``.tsv``; separator ``,`` ``;`` or tab sniffed from the header; UTF-8 with or
    without BOM, UTF-16 with BOM, or — with a warning — Windows-1252/Latin-1) and Excel ``.xlsx`` (first
    sheet unless ``sheet`` names one). Every cell is read as *text*, so ids keep their leading zeros
    and numbers are parsed by :func:`geo.data.validate.parse_number` (decimal comma accepted).

The public API is :func:`read_zones`, :func:`read_table`, :func:`prepare_import` (every problem plus
the dataset when there is no error), :func:`prepare_import_from_bytes` (the same for uploads held in
memory) and :func:`build_dataset` (the dataset, or :class:`geo.errors.ValidationError`). Imported datasets carry ``meta = {"name", "demo": False, "geometry": "imported
from <file>", "manifest": [{"file", "role", "format", "sha256", "bytes", "imported_at", …}]}``; the
rules for each value's ``status`` are in :mod:`geo.data.validate`.
"""

from __future__ import annotations

import codecs
import csv
import glob
import io
import json
import os
import re
import tempfile
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pyogrio
from pyproj import CRS

from geo.data.catalog import DEFAULT_CATALOG, Catalog
from geo.data.dataset import Dataset, values_frame
from geo.data.validate import (
    DEFAULT_STATUSES,
    ID_CANDIDATES,
    REQUIRED_TABLE_COLUMNS,
    check_table,
    check_zones,
    find_field,
    header_score,
    ids_as_text,
    looks_like_header_row,
)
from geo.errors import Problem, ValidationError
from geo.files import sha256_file

PathLike = str | os.PathLike


@dataclass
class RawZones:
    """A zone layer as read, before any check: original fields, original CRS."""

    frame: gpd.GeoDataFrame
    file: str
    format: str
    layer: str | None = None
    #: False when the CRS is only the format's default (a GeoJSON without a ``crs`` member).
    crs_declared: bool = True


@dataclass
class RawTable:
    """An indicator table as read: every cell as text, plus ``_row`` (spreadsheet row number)."""

    frame: pd.DataFrame
    file: str
    format: str
    sheet: str | None = None
    #: The file's usual decimal mark (``","`` in semicolon CSVs; None when it cannot be told).
    decimal: str | None = "."
    encoding: str = "utf-8"


def _problem(file: str, message: str, hint: str = "", field: str = "", where: str = "",
             severity: str = "error") -> Problem:
    return Problem(file, where, field, message, hint, severity)


@contextmanager
def _reader_warnings(file: str, problems: list[Problem]) -> Iterator[None]:
    """Turn what GDAL, pandas or openpyxl warn about while reading ``file`` into warning Problems.

    Left alone, such warnings reach the terminal or the server log with a site-packages path and a
    source line; as Problems they name the user's file and show where every other finding shows.
    Deprecation notices are about the libraries, not the file, and are dropped.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    seen: set[str] = set()
    for w in caught:
        if issubclass(w.category, DeprecationWarning | PendingDeprecationWarning | FutureWarning):
            continue
        text = (str(w.message).strip().splitlines() or [w.category.__name__])[0][:300]
        if text not in seen:
            seen.add(text)
            problems.append(_problem(file, f"the reader notes: {text}", "usually harmless; check the result",
                                     severity="warning"))


def _check_file(path: Path) -> Problem | None:
    """Whole-file problems common to every format: missing, a folder, empty, unreadable."""
    name = path.name or str(path)
    if not path.exists():
        return _problem(name, f"no such file ({path})", "check the path and the spelling")
    if path.is_dir():
        return _problem(name, "is a folder, not a file", "give the path of the file itself (zip a shapefile's "
                        "files into one .zip if you like)")
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            fh.read(1)
    except OSError as exc:
        return _problem(name, f"cannot be read ({exc.strerror or exc})", "check the file's permissions")
    if size == 0:
        return _problem(name, "is empty (0 bytes)", "export the file again")
    return None


def _gdal_message(exc: Exception, path: Path | str | None = None) -> str:
    """The first line of a library's error, without the file's full path or GDAL's driver-prefix advice."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if path is not None:
        text = text.replace(f"'{path}' ", "").replace(str(path), Path(str(path)).name)
    text = re.split(r";? *It might help to specify the correct driver", text)[0].rstrip(" .;")
    return text[:300]


# --- zone readers -----------------------------------------------------------------------------------
def _read_geojson(path: Path, layer: str | None, problems: list[Problem]) -> RawZones | None:
    # Two things GDAL hides are looked up in the document itself: whether a "crs" member exists (GDAL
    # reports WGS 84 both for a stated CRS84 and for none, and only "none" may be overridden by --crs),
    # and whether features carry a top-level integer "id" (GDAL turns those into FIDs, not a field).
    try:
        with path.open("rb") as fh:
            doc = json.load(fh)
    except (ValueError, OSError):  # not JSON at all, or a GeoJSON sequence: GDAL will say what it makes of it
        doc = None
    features = doc.get("features") if isinstance(doc, dict) else None
    feature_ids = isinstance(features, list) and any(isinstance(f, dict) and "id" in f for f in features)
    frame = _ogr_read(path, None, "GeoJSON file", problems, "check that it is a GeoJSON FeatureCollection",
                      fid_as_index=feature_ids)
    if frame is None:
        return None
    if feature_ids:
        if "id" not in frame.columns:
            frame.insert(0, "id", [str(i) for i in frame.index])
        frame = frame.reset_index(drop=True)
    declared = "crs" in doc if isinstance(doc, dict) else True
    return RawZones(frame, path.name, "GeoJSON", crs_declared=declared)


def _ogr_read(path: Path | str, layer: str | None, fmt: str, problems: list[Problem], hint: str,
              name: str | None = None, fid_as_index: bool = False,
              encoding: str | None = None) -> gpd.GeoDataFrame | None:
    name = name or Path(path).name
    try:
        return gpd.read_file(path, layer=layer, engine="pyogrio", fid_as_index=fid_as_index,
                             **({"encoding": encoding} if encoding else {}))
    except Exception as exc:  # pyogrio/GDAL raise many types for a broken file; the user needs the text
        problems.append(_problem(name, f"is not a readable {fmt} ({_gdal_message(exc, path)})", hint))
        return None


def _is_polygon_type(kind: object) -> bool:
    return isinstance(kind, str) and ("Polygon" in kind or "Surface" in kind)


def _read_gpkg(path: Path, layer: str | None, problems: list[Problem]) -> RawZones | None:
    try:
        layers = [(str(n), t) for n, t in pyogrio.list_layers(path)]
    except Exception as exc:  # not SQLite, not a GeoPackage, …
        problems.append(_problem(path.name, f"is not a readable GeoPackage ({_gdal_message(exc, path)})",
                                 "export the zones again as GeoPackage (.gpkg)"))
        return None
    listing = ", ".join(f"'{n}' ({t or 'no geometry'})" for n, t in layers) or "(none)"
    if layer is not None:
        if layer not in [n for n, _ in layers]:
            problems.append(_problem(path.name, f"has no layer '{layer}'", f"layers: {listing}", field="--layer"))
            return None
        chosen = layer
    else:
        polys = [n for n, t in layers if _is_polygon_type(t)]
        spatial = [n for n, t in layers if t]
        if len(polys) > 1:
            problems.append(_problem(path.name, f"has {len(polys)} polygon layers: {', '.join(polys)}",
                                     "say which one holds the zones with --layer NAME", field="--layer"))
            return None
        if polys:
            chosen = polys[0]
        elif len(spatial) == 1:
            chosen = spatial[0]  # the geometry checks will say what is wrong with its features
        else:
            problems.append(_problem(path.name, "has no polygon layer to take the zones from",
                                     f"layers: {listing}; pass --layer NAME or export the zones as polygons"))
            return None
        others = [n for n in spatial if n != chosen]
        if others:  # attribute-only tables (a dataset's values, say) are no alternative worth a warning
            problems.append(_problem(path.name, f"read layer '{chosen}', its only polygon layer (others: "
                                     f"{', '.join(others)})", "pass --layer NAME to read another", field="--layer",
                                     severity="warning"))
    frame = _ogr_read(path, chosen, "GeoPackage layer", problems, "export the zones again as GeoPackage")
    return None if frame is None else RawZones(frame, path.name, "GeoPackage", layer=chosen)


_SHP_HINT = ("a shapefile is several files (.shp, .shx, .dbf, .prj, .cpg) that must stay together; "
             "or zip them into one .zip")


#: Encoding of a .dbf without .cpg whose text is not UTF-8: Windows-1252, what Norwegian GIS exports use.
LEGACY_DBF_ENCODING = "cp1252"


def _dbf_fields_utf8(data: bytes) -> bool:
    """True when every text in a .dbf (field names and values) is valid UTF-8.

    Fields are fixed-width, so a writer may cut a value (or a 10-byte field name) inside a multi-byte
    character; an incomplete sequence at the end of a field is therefore not counted against UTF-8.
    """
    if len(data) < 32:
        return True
    header_len = int.from_bytes(data[8:10], "little")
    record_len = int.from_bytes(data[10:12], "little")
    widths, offset = [], 32
    while offset + 32 <= min(header_len, len(data)) and data[offset] != 0x0D:
        widths.append((data[offset:offset + 11], data[offset + 16]))
        offset += 32
    cells = [name.rstrip(b"\x00") for name, _ in widths]
    for start in range(header_len, len(data) - record_len + 1, max(record_len, 1)):
        pos = start + 1  # the deletion flag
        for _, width in widths:
            cells.append(data[pos:pos + width])
            pos += width
    for cell in cells:
        try:
            codecs.getincrementaldecoder("utf-8")().decode(cell, final=False)
        except UnicodeDecodeError:
            return False
    return True


def _dbf_encoding(dbf: bytes, has_cpg: bool, file: str, problems: list[Problem]) -> str | None:
    """The encoding to read a shapefile's .dbf with: None (trust the .cpg), else UTF-8 when it decodes,
    else :data:`LEGACY_DBF_ENCODING`; says which was used when the text is not plain ASCII."""
    if has_cpg:
        return None
    if dbf.isascii():
        return "utf-8"  # nothing to get wrong, nothing to say
    if _dbf_fields_utf8(dbf):
        problems.append(_problem(file, "has no .cpg file naming its text encoding; read the .dbf as UTF-8 (its "
                                 "text is valid UTF-8)", "check that æ, ø and å look right; ship the .cpg file "
                                 "with the shapefile", field=".dbf", severity="warning"))
        return "utf-8"
    problems.append(_problem(file, "has no .cpg file naming its text encoding, and the .dbf is not UTF-8; read it "
                             "as Windows-1252 (cp1252, the usual Norwegian default)", "check that æ, ø and å look "
                             "right; ship the .cpg file with the shapefile", field=".dbf", severity="warning"))
    return LEGACY_DBF_ENCODING


def _sidecar(path: Path, suffix: str) -> Path | None:
    """The shapefile's sidecar file with ``suffix`` (any letter case), if present."""
    return next((p for p in path.parent.glob(f"{glob.escape(path.stem)}.*")
                 if p.suffix.lower() == suffix and p.stem == path.stem), None)


def _read_shp(path: Path, layer: str | None, problems: list[Problem]) -> RawZones | None:
    dbf = _sidecar(path, ".dbf")
    encoding = None
    if dbf is not None:
        encoding = _dbf_encoding(dbf.read_bytes(), _sidecar(path, ".cpg") is not None, path.name, problems)
    frame = _ogr_read(path, None, "Shapefile", problems, _SHP_HINT, encoding=encoding)
    return None if frame is None else RawZones(frame, path.name, "Shapefile")


def _read_zip(path: Path, layer: str | None, problems: list[Problem]) -> RawZones | None:
    try:
        with zipfile.ZipFile(path) as zf:
            members = [m for m in zf.namelist() if not m.endswith("/")]
    except (zipfile.BadZipFile, OSError) as exc:
        problems.append(_problem(path.name, f"is not a readable zip file ({exc})", "zip the shapefile again"))
        return None
    # Archives made on macOS carry resource forks (__MACOSX/, ._name) that look like shapefiles.
    shps = [m for m in members if m.lower().endswith(".shp") and "__MACOSX/" not in m
            and not Path(m).name.startswith("._")]
    if layer is not None:
        picked = [m for m in shps if Path(m).stem == layer or m == layer]
        if not picked:
            problems.append(_problem(path.name, f"holds no shapefile '{layer}'",
                                     f"shapefiles in it: {', '.join(shps) or '(none)'}", field="--layer"))
            return None
        shps = picked[:1]
    if not shps:
        shown = ", ".join(members[:10]) + (" …" if len(members) > 10 else "")
        problems.append(_problem(path.name, "holds no .shp file", f"it contains: {shown or '(nothing)'}; zip a "
                                 "shapefile (.shp with .shx, .dbf, .prj) or give the zone file directly"))
        return None
    if len(shps) > 1:
        problems.append(_problem(path.name, f"holds {len(shps)} shapefiles: {', '.join(shps)}",
                                 "say which one holds the zones with --layer NAME (the file name without .shp)",
                                 field="--layer"))
        return None
    inner = shps[0]
    stem = inner[:-4]
    sidecars = {m[len(stem):].lower(): m for m in members if m.startswith(stem) and len(m) == len(stem) + 4}
    encoding = None
    if ".dbf" in sidecars:
        try:
            with zipfile.ZipFile(path) as zf:
                dbf = zf.read(sidecars[".dbf"])
        except (zipfile.BadZipFile, OSError, KeyError):
            dbf = b""
        encoding = _dbf_encoding(dbf, ".cpg" in sidecars, f"{path.name}:{inner}", problems)
    vsi = f"/vsizip/{path.resolve()}/{inner}"
    frame = _ogr_read(vsi, None, "Shapefile", problems, _SHP_HINT, name=f"{path.name}:{inner}", encoding=encoding)
    return None if frame is None else RawZones(frame, path.name, "Shapefile (zip)", layer=inner)


def _read_parquet(path: Path, layer: str | None, problems: list[Problem]) -> RawZones | None:
    try:
        frame = gpd.read_parquet(path)
    except ValueError as exc:
        if "geo metadata" in str(exc).lower():
            problems.append(_problem(path.name, "is a Parquet file without geometry metadata (not GeoParquet)",
                                     "export the zones as GeoParquet, GeoPackage or GeoJSON"))
        else:
            problems.append(_problem(path.name, f"is not a readable GeoParquet file ({_gdal_message(exc, path)})",
                                     "export the zones again"))
        return None
    except Exception as exc:  # pyarrow raises ArrowInvalid/OSError for non-Parquet bytes
        problems.append(_problem(path.name, f"is not a readable GeoParquet file ({_gdal_message(exc, path)})",
                                 "export the zones again as GeoParquet"))
        return None
    return RawZones(frame, path.name, "GeoParquet")


ZoneReader = Callable[[Path, "str | None", "list[Problem]"], "RawZones | None"]
#: Zone file readers by lower-case suffix.
ZONE_FORMATS: dict[str, tuple[str, ZoneReader]] = {
    ".geojson": ("GeoJSON", _read_geojson),
    ".json": ("GeoJSON", _read_geojson),
    ".gpkg": ("GeoPackage", _read_gpkg),
    ".shp": ("Shapefile", _read_shp),
    ".zip": ("zipped Shapefile", _read_zip),
    ".parquet": ("GeoParquet", _read_parquet),
    ".geoparquet": ("GeoParquet", _read_parquet),
}


def read_zone_file(path: PathLike, layer: str | None = None) -> tuple[RawZones | None, list[Problem]]:
    """Read a zone file as it is (no checks beyond readability).

    Parameters
    ----------
    path : path-like
        The file; its suffix picks the reader (:data:`ZONE_FORMATS`).
    layer : str, optional
        GeoPackage layer or, in a zip, the shapefile's name.

    Returns
    -------
    (RawZones or None, list of Problem)
    """
    p = Path(path).expanduser()
    problems: list[Problem] = []
    bad = _check_file(p)
    if bad:
        return None, [bad]
    suffix = p.suffix.lower()
    if suffix not in ZONE_FORMATS:
        hint = "accepted zone formats: " + ", ".join(f"{s} ({n})" for s, (n, _) in ZONE_FORMATS.items())
        if suffix in TABLE_FORMATS:
            hint = "that is an indicator table; pass it with --indicators. " + hint
        return None, [_problem(p.name, f"is not a zone file this importer reads ('{suffix or 'no suffix'}')", hint)]
    fmt, reader = ZONE_FORMATS[suffix]
    if layer is not None and suffix not in (".gpkg", ".zip"):
        problems.append(_problem(p.name, f"--layer is ignored for a {fmt} file (it has one layer)", "",
                                 field="--layer", severity="warning"))
        layer = None
    with _reader_warnings(p.name, problems):
        raw = reader(p, layer, problems)
    return raw, problems


# --- table readers ----------------------------------------------------------------------------------
def _decode(data: bytes, file: str, problems: list[Problem]) -> tuple[str, str] | None:
    """Text and encoding name of a CSV's bytes; warns on the legacy-encoding fallbacks."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            problems.append(_problem(file, f"starts like UTF-16 text but is not ({exc.reason})",
                                     "save the table again as 'CSV UTF-8'"))
            return None
    if data.startswith(b"PK\x03\x04"):
        problems.append(_problem(file, "is a zip/Excel file, not CSV text", "give an Excel file a .xlsx name"))
        return None
    if b"\x00" in data[:4096]:
        problems.append(_problem(file, "is a binary file, not CSV text", "export the table as CSV (UTF-8) or .xlsx"))
        return None
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    for enc, label in (("cp1252", "Windows-1252"), ("latin-1", "Latin-1 (ISO-8859-1)")):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        problems.append(_problem(file, f"is not UTF-8; read it as {label}", "check that æ, ø and å look right, "
                                 "or save the file as 'CSV UTF-8'", severity="warning"))
        return text, enc
    return None  # latin-1 decodes any bytes, so this is never reached


#: Separators a CSV may use, in order of preference on a tie.
SEPARATORS = (";", ",", "\t", "|")
#: How far down a sheet the header row is looked for (title rows above it are common in exports).
HEADER_SEARCH_ROWS = 20


def _sniff_separator(text: str) -> str:
    """The CSV separator: the one that splits a header line into the required columns, else the most
    frequent of :data:`SEPARATORS` (outside quotes) in the first non-empty line."""
    lines = [line for line in text.splitlines() if line.strip()][:HEADER_SEARCH_ROWS]
    for line in lines:
        for sep in SEPARATORS:
            if header_score(next(csv.reader([line], delimiter=sep))) == len(REQUIRED_TABLE_COLUMNS):
                return sep
    unquoted = re.sub(r'"[^"]*"', "", lines[0] if lines else "")
    counts = {sep: unquoted.count(sep) for sep in SEPARATORS}
    best = max(counts, key=lambda s: counts[s])
    return best if counts[best] else ","


def _frame_from_grid(records: list[tuple[int, list[str]]], file: str, problems: list[Problem],
                     ragged_hint: str) -> pd.DataFrame | None:
    """A text frame with ``_row`` from (row number, cells) records: finds the header row, reports rows
    with cells beyond the header, drops blank rows."""
    filled = [(n, [str(c).strip() for c in rec]) for n, rec in records if any(str(c).strip() for c in rec)]
    if not filled:
        problems.append(_problem(file, "holds no rows", "export the table again"))
        return None
    header_at = next((i for i, (_, rec) in enumerate(filled[:HEADER_SEARCH_ROWS])
                      if header_score(rec) == len(REQUIRED_TABLE_COLUMNS)), 0)
    if header_at:
        problems.append(_problem(file, f"the header is in row {filled[header_at][0]}; the {header_at} non-empty "
                                 "row(s) above it are ignored", "remove title rows above the header",
                                 severity="warning"))
    header = filled[header_at][1]
    while header and not header[-1]:
        header = header[:-1]  # trailing empty header cells (Excel's formatted-but-empty columns)
    width = len(header)
    body = filled[header_at + 1:]
    if body and looks_like_header_row(body[0][1], header):
        n, rec = body[0]
        shown = ", ".join(f"'{c}'" for c in rec if c)
        problems.append(_problem(file, f"row {n} looks like a second header row ({shown}) under the header in row "
                                 f"{filled[header_at][0]}", f"a table has one header row: delete row {n}, or merge "
                                 "the two header rows into one", where=f"row {n}"))
        body = body[1:]
    rows, numbers, bad = [], [], False
    for n, rec in body:
        if len(rec) > width and any(rec[width:]):
            problems.append(_problem(file, f"has {width + max(i for i, c in enumerate(rec[width:], 1) if c)} "
                                     f"cells where the header has {width}", ragged_hint, where=f"row {n}"))
            bad = True
            continue
        rows.append((rec + [""] * width)[:width])
        numbers.append(n)
    if bad:
        return None
    frame = pd.DataFrame(rows, columns=header, dtype="str")
    frame.insert(0, "_row", numbers)
    return frame


def _parse_csv(text: str, sep: str, file: str, problems: list[Problem]) -> pd.DataFrame | None:
    """Cells of a CSV as text (see :func:`_frame_from_grid`).

    The csv module is used rather than :func:`pandas.read_csv` because pandas silently turns a file
    whose rows all have one cell too many (a decimal comma in a comma file) into an index column.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    try:
        records = [(reader.line_num, rec) for rec in reader]
    except csv.Error as exc:
        problems.append(_problem(file, f"cannot be parsed as CSV ({exc})", "check the quotes",
                                 where=f"row {reader.line_num}"))
        return None
    return _frame_from_grid(records, file, problems, f"check separators and quotes (the separator looks like "
                            f"{sep!r}); a decimal comma in a comma-separated file needs quotes")


def _read_csv(path: Path, sheet: str | None, problems: list[Problem]) -> RawTable | None:
    decoded = _decode(path.read_bytes(), path.name, problems)
    if decoded is None:
        return None
    text, encoding = decoded
    if not text.strip():
        problems.append(_problem(path.name, "holds only blank lines", "export the table again"))
        return None
    sep = _sniff_separator(text)
    frame = _parse_csv(text, sep, path.name, problems)
    if frame is None:
        return None
    decimal = {";": ",", ",": ".", "|": ","}.get(sep)
    return RawTable(frame, path.name, "CSV", decimal=decimal, encoding=encoding)


def _read_xlsx(path: Path, sheet: str | None, problems: list[Problem]) -> RawTable | None:
    try:
        book = pd.ExcelFile(path, engine="openpyxl")
    except Exception as exc:  # zipfile.BadZipFile, openpyxl InvalidFileException, KeyError for odd archives
        problems.append(_problem(path.name, f"is not a readable .xlsx workbook ({_gdal_message(exc, path)})",
                                 "save it again from Excel as 'Excel Workbook (.xlsx)'"))
        return None
    with book:
        names = [str(s) for s in book.sheet_names]
        if sheet is not None and sheet not in names:
            problems.append(_problem(path.name, f"has no sheet '{sheet}'", f"sheets: {', '.join(names)}",
                                     field="--sheet"))
            return None
        chosen = sheet if sheet is not None else names[0]
        grid = pd.read_excel(book, sheet_name=chosen, header=None, dtype=str, keep_default_na=False)
    # Row i of the grid is spreadsheet row i + 1 (pandas keeps leading blank rows). Numeric cells
    # arrive as text with '.', so '.' is this format's decimal mark.
    records = [(i + 1, list(rec)) for i, rec in enumerate(grid.itertuples(index=False, name=None))]
    frame = _frame_from_grid(records, path.name, problems, "put notes in another sheet, or clear the cells to the "
                             "right of the table")
    if frame is None:
        return None
    return RawTable(frame, path.name, "Excel", sheet=chosen, decimal=".")


def _wrong_table_format(hint: str) -> Callable[[Path, "str | None", "list[Problem]"], None]:
    def reader(path: Path, sheet: str | None, problems: list[Problem]) -> None:
        problems.append(_problem(path.name, "is a format this importer does not read", hint))
    return reader


TableReader = Callable[[Path, "str | None", "list[Problem]"], "RawTable | None"]
#: Table readers by lower-case suffix (some suffixes only explain what to do instead).
TABLE_FORMATS: dict[str, tuple[str, TableReader]] = {
    ".csv": ("CSV", _read_csv),
    ".txt": ("CSV", _read_csv),
    ".tsv": ("CSV", _read_csv),
    ".xlsx": ("Excel", _read_xlsx),
    ".xlsm": ("Excel", _read_xlsx),
    ".xls": ("old Excel", _wrong_table_format("the old .xls format is not supported; save as .xlsx or CSV")),
    ".ods": ("OpenDocument", _wrong_table_format("save the sheet as .xlsx or CSV")),
}


def read_table_file(path: PathLike, sheet: str | None = None) -> tuple[RawTable | None, list[Problem]]:
    """Read an indicator table as text cells (no checks beyond readability).

    Parameters
    ----------
    path : path-like
        The file; its suffix picks the reader (:data:`TABLE_FORMATS`).
    sheet : str, optional
        Excel sheet name (default: the first sheet).

    Returns
    -------
    (RawTable or None, list of Problem)
    """
    p = Path(path).expanduser()
    bad = _check_file(p)
    if bad:
        return None, [bad]
    suffix = p.suffix.lower()
    if suffix not in TABLE_FORMATS:
        hint = "accepted table formats: CSV (.csv, .txt, .tsv) and Excel (.xlsx)"
        if suffix in ZONE_FORMATS:
            hint = "that looks like a zone file; give it as ZONES. " + hint
        return None, [_problem(p.name, f"is not an indicator table this importer reads ('{suffix or 'no suffix'}')",
                               hint)]
    problems: list[Problem] = []
    with _reader_warnings(p.name, problems):
        raw = TABLE_FORMATS[suffix][1](p, sheet, problems)
    return raw, problems


# --- public API ---------------------------------------------------------------------------------------
def read_zones(path: PathLike, id_field: str | None = None, name_field: str | None = None,
               district_field: str | None = None, crs: str | None = None, repair: bool = False,
               layer: str | None = None) -> tuple[gpd.GeoDataFrame | None, list[Problem]]:
    """Read and check a zone file.

    Returns
    -------
    (GeoDataFrame or None, list of Problem)
        ``zone_id``, ``name``, ``district``, ``geometry`` in EPSG:25833 when there is no error, else None;
        and every problem (errors and warnings).
    """
    raw, problems = read_zone_file(path, layer)
    if raw is None:
        return None, problems
    zones, more = check_zones(raw.frame, raw.file, id_field=id_field, name_field=name_field,
                              district_field=district_field, crs=crs, repair=repair, crs_declared=raw.crs_declared)
    return zones, problems + more


def read_table(path: PathLike, zone_ids: Iterable[str] | None, catalog: Catalog = DEFAULT_CATALOG, *,
               sheet: str | None = None, default_status: str = "published") -> tuple[pd.DataFrame | None,
                                                                                     list[Problem]]:
    """Read and check an indicator table against ``zone_ids`` (None: skip that check).

    Returns
    -------
    (DataFrame or None, list of Problem)
        Values (:data:`geo.data.dataset.VALUE_COLUMNS`) when there is no error, else None; and every problem.
    """
    raw, problems = read_table_file(path, sheet)
    if raw is None:
        return None, problems
    values, more = check_table(raw.frame, raw.file, zone_ids, catalog, decimal=raw.decimal,
                               default_status=default_status)
    problems += more
    # the reader's own errors (a second header row, say) block the table as the checks' errors do
    return (None if any(p.severity == "error" for p in problems) else values), problems


@dataclass
class ImportResult:
    """Outcome of :func:`prepare_import`: the dataset (None when any error), every problem, a summary."""

    dataset: Dataset | None
    problems: list[Problem]
    summary: dict[str, Any] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        """The problems that block the import."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """The problems reported but not blocking."""
        return [p for p in self.problems if p.severity != "error"]

    @property
    def ok(self) -> bool:
        """True when there is no error."""
        return not self.errors




def _manifest_entry(path: Path, role: str, fmt: str, when: str, **extra: Any) -> dict[str, Any]:
    entry = {"file": path.name, "role": role, "format": fmt, "sha256": sha256_file(path),
             "bytes": path.stat().st_size, "imported_at": when}
    entry.update({k: v for k, v in extra.items() if v is not None})
    return entry


def prepare_import(zones_path: PathLike, table_path: PathLike | None = None, *, id_field: str | None = None,
                   name_field: str | None = None, district_field: str | None = None, crs: str | None = None,
                   repair: bool = False, layer: str | None = None, sheet: str | None = None,
                   catalog: Catalog = DEFAULT_CATALOG, default_status: str = "published",
                   name: str | None = None) -> ImportResult:
    """Read and check both files, collecting every problem, and build the dataset when there is no error.

    Parameters
    ----------
    zones_path : path-like
        Zone file (see :data:`ZONE_FORMATS`).
    table_path : path-like, optional
        Indicator table (see :data:`TABLE_FORMATS`); without it the dataset has zones only.
    id_field, name_field, district_field, crs, repair, layer
        As in :func:`geo.data.validate.check_zones`.
    sheet : str, optional
        Excel sheet of the table.
    catalog : Catalog
        Known indicators.
    default_status : str
        Status of rows that give none but have a value: ``published``, ``synthetic`` or ``computed``.
    name : str, optional
        Dataset name (default: the zone file's name without suffix).

    Returns
    -------
    ImportResult
    """
    if default_status not in DEFAULT_STATUSES:
        raise ValueError(f"default_status must be one of {DEFAULT_STATUSES}, got {default_status!r}")
    zpath = Path(zones_path).expanduser()
    raw_zones, problems = read_zone_file(zpath, layer)
    zones = None
    zone_ids: list[str] | None = None
    if raw_zones is not None:
        zones, more = check_zones(raw_zones.frame, raw_zones.file, id_field=id_field, name_field=name_field,
                                  district_field=district_field, crs=crs, repair=repair,
                                  crs_declared=raw_zones.crs_declared)
        problems += more
        if zones is not None:
            zone_ids = zones["zone_id"].tolist()
        else:
            # The zones failed (say, one bad polygon), but their ids still tell which table rows are wrong.
            columns = [c for c in raw_zones.frame.columns if c != raw_zones.frame.geometry.name]
            fid = id_field if id_field in columns else find_field(columns, ID_CANDIDATES)
            if fid:
                zone_ids = ids_as_text(raw_zones.frame[fid]).dropna().tolist()

    values = None
    raw_table = None
    if table_path is not None:
        raw_table, more = read_table_file(table_path, sheet)
        problems += more
        if raw_table is not None:
            values, more = check_table(raw_table.frame, raw_table.file, zone_ids, catalog, decimal=raw_table.decimal,
                                       default_status=default_status)
            problems += more

    if any(p.severity == "error" for p in problems) or zones is None or (table_path is not None and values is None):
        return ImportResult(None, problems)

    when = datetime.now(UTC).replace(microsecond=0).isoformat()
    manifest = [_manifest_entry(zpath, "zones", raw_zones.format, when, layer=raw_zones.layer,
                                crs=str(CRS.from_user_input(raw_zones.frame.crs).to_string())
                                if raw_zones.frame.crs is not None else crs, features=len(zones))]
    status_defaulted = 0
    if values is not None:
        status_defaulted = int(values.attrs.get("status_defaulted", 0))
        manifest.append(_manifest_entry(Path(table_path).expanduser(), "indicators", raw_table.format, when,
                                        sheet=raw_table.sheet, encoding=raw_table.encoding, rows=len(values),
                                        default_status=default_status, status_defaulted=status_defaulted))
    vals = values_frame(values.to_dict("records") if values is not None else [])
    meta = {"name": name or zpath.stem, "demo": False, "geometry": f"imported from {zpath.name}",
            "manifest": manifest}
    dataset = Dataset(zones=zones, values=vals, catalog=catalog.with_ids(set(vals["indicator"])), meta=meta)
    summary = {
        "name": dataset.name, "zones": len(dataset.zones), "districts": dataset.districts(),
        "indicators": dataset.indicator_ids, "years": dataset.years(), "rows": len(vals),
        "status_counts": {k: int(v) for k, v in vals["status"].value_counts().items()},
        "status_defaulted": status_defaulted, "default_status": default_status,
        "unknown_indicators": sorted(set(vals["indicator"]) - set(catalog)),
    }
    return ImportResult(dataset, problems, summary)


def prepare_import_from_bytes(zones: tuple[str, bytes], table: tuple[str, bytes] | None = None,
                              **kwargs: Any) -> ImportResult:
    """:func:`prepare_import` for files held in memory, such as the app's uploads.

    Parameters
    ----------
    zones : (str, bytes)
        The zone file's name (its suffix picks the reader; messages name it) and content.
    table : (str, bytes), optional
        The indicator table's name and content.
    **kwargs
        As for :func:`prepare_import`.

    Returns
    -------
    ImportResult
        The dataset lives in memory; the temporary copies are removed before this returns.
    """
    with tempfile.TemporaryDirectory(prefix="levekar-upload-") as tmp:
        paths = []
        for role, item in (("zones", zones), ("table", table)):
            if item is None:
                paths.append(None)
                continue
            name, data = item
            # Only the last path part counts: an upload's name must not write outside the folder.
            safe = Path(str(name).replace("\\", "/")).name or f"{role}.bin"
            folder = Path(tmp) / role
            folder.mkdir()
            (folder / safe).write_bytes(data)
            paths.append(folder / safe)
        return prepare_import(paths[0], paths[1], **kwargs)


def build_dataset(zones_path: PathLike, table_path: PathLike | None = None, **kwargs: Any) -> Dataset:
    """Like :func:`prepare_import`, but return the dataset or raise.

    Raises
    ------
    ValidationError
        Listing every problem (errors and warnings) when any error was found.
    """
    result = prepare_import(zones_path, table_path, **kwargs)
    if result.dataset is None:
        raise ValidationError(result.problems)
    return result.dataset
