"""The Dataset: zone polygons + indicator catalogue + long-format values + metadata.

A dataset is stored as one GeoPackage (opens directly in QGIS) with these layers:

``zones``
    polygons in EPSG:25833 with ``zone_id`` (text, leading zeros kept), ``name``, ``district``.
``values``
    one row per (zone_id, indicator, year): ``value``, ``numerator``, ``denominator``, ``ci_low``,
    ``ci_high``, ``status``, ``source``.
``indicators``
    the catalogue entries for the indicators in ``values``.
``references``
    published city/district figures (geography, level, indicator, year, value, source) shown beside
    the figures computed from the zones; may be empty.
``metadata``
    key/value pairs (values JSON-encoded): name, description, demo flag, geometry note, source
    manifest, …
``context`` (optional)
    map context drawn under the zones where no basemap loads: OpenStreetMap water, coastline and
    major roads (``osm_id``, ``kind``, ``name``; EPSG:25833), from ``geo fetch … --context``.

Writes are atomic: a temporary file in the same folder is renamed over the target only when complete.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pyogrio
import pyogrio.errors

from geo.config import ANALYSIS_CRS, DEMO_DATASET, dataset_path_from_env
from geo.data.catalog import DEFAULT_CATALOG, Catalog, Indicator, placeholder
from geo.data.validate import check_dataset_layers
from geo.errors import DamagedDatasetError, DatasetError, Problem, UnknownChoiceError
from geo.files import atomic_path, write_failure

ZONE_COLUMNS = ["zone_id", "name", "district"]
VALUE_COLUMNS = ["zone_id", "indicator", "year", "value", "numerator", "denominator", "ci_low", "ci_high",
                 "status", "source"]
NUMBER_COLUMNS = ["value", "numerator", "denominator", "ci_low", "ci_high"]
REFERENCE_COLUMNS = ["geography", "level", "indicator", "year", "value", "unit", "source", "note"]
LAYERS = ("zones", "values", "indicators", "references", "metadata")
CONTEXT_COLUMNS = ["osm_id", "kind", "name"]
#: Kinds of context feature, in drawing order (areas under lines).
CONTEXT_KINDS = ("water", "coastline", "road")


@dataclass
class Dataset:
    """Zones, values, their catalogue and metadata, kept together.

    Parameters
    ----------
    zones : geopandas.GeoDataFrame
        Columns ``zone_id``, ``name``, ``district``, ``geometry`` in EPSG:25833.
    values : pandas.DataFrame
        Columns :data:`VALUE_COLUMNS`.
    catalog : Catalog
        Entries for (at least) every indicator in ``values``.
    meta : dict
        ``name`` (str), ``demo`` (bool) and free-form extras (``geometry``, ``manifest``, …).
    references : pandas.DataFrame, optional
        Published city/district figures, columns :data:`REFERENCE_COLUMNS`.
    path : Path, optional
        Where the dataset was loaded from, if anywhere.
    context : geopandas.GeoDataFrame, optional
        Map context (:data:`CONTEXT_COLUMNS`, ``kind`` one of :data:`CONTEXT_KINDS`); None when the
        dataset has none (the demo has none).
    """

    zones: gpd.GeoDataFrame
    values: pd.DataFrame
    catalog: Catalog
    meta: dict[str, Any]
    references: pd.DataFrame = field(default_factory=lambda: empty_references())
    path: Path | None = None
    context: gpd.GeoDataFrame | None = None

    def __post_init__(self) -> None:
        self.zones = normalise_zones(self.zones)
        self.values = normalise_values(self.values)
        self.references = normalise_references(self.references)
        self.context = normalise_context(self.context)

    # --- descriptive properties -------------------------------------------------------------
    @property
    def name(self) -> str:
        """Human-readable dataset name."""
        return str(self.meta.get("name", "Uten navn"))

    def meta_text(self, key: str, lang: str = "nb") -> str:
        """Metadata text ``key`` in ``lang`` (``key_en`` / ``key_nb`` when present, else ``key``; "" if absent)."""
        value = self.meta.get(f"{key}_{lang}", self.meta.get(key, ""))
        return "" if value is None else str(value)

    @property
    def area_name(self) -> str:
        """The place the zones cover (e.g. "Trondheim"), for labels such as the city line; "" if unknown.

        ``meta["area"]`` when set (fetched datasets set it), else the geography of the published
        kommune-level reference figures, else "" (an uploaded dataset need not be a kommune, so the
        caller then says "the whole area" rather than guessing a name).
        """
        area = self.meta.get("area")
        if isinstance(area, str) and area.strip():
            return area.strip()
        kommune = self.references.loc[self.references["level"] == "kommune", "geography"].dropna()
        return str(kommune.iloc[0]).strip() if len(kommune) else ""

    @property
    def is_demo(self) -> bool:
        """True for demonstration data (schematic boundaries, synthetic values)."""
        return bool(self.meta.get("demo", False))

    @property
    def indicator_ids(self) -> list[str]:
        """Ids with at least one value, in catalogue order."""
        present = set(self.values["indicator"].unique())
        return [i for i in self.catalog if i in present] + sorted(present - set(self.catalog))

    def indicator(self, indicator_id: str) -> Indicator:
        """Catalogue entry for ``indicator_id`` (a placeholder if unknown to the catalogue)."""
        return self.catalog.get_or_placeholder(indicator_id)

    def years(self, indicator_id: str | None = None) -> list[int]:
        """Years with values, for one indicator or for all."""
        v = self.values if indicator_id is None else self.values[self.values["indicator"] == indicator_id]
        return sorted(int(y) for y in v["year"].unique())

    def districts(self) -> list[str]:
        """Known district names, sorted; zones without a district are left out."""
        return sorted(d for d in self.zones["district"].dropna().unique() if d)

    def __setattr__(self, name: str, value: Any) -> None:
        # Replacing a part invalidates the memoised version (parts are not changed in place anywhere).
        self.__dict__.pop("_version", None)
        object.__setattr__(self, name, value)

    def version(self) -> str:
        """A short content hash: changes whenever zones, values or catalogue change.

        Memoised: the app keys its caches on it several times per rerun. Replace ``zones``/``values``/
        ``catalog`` rather than editing them in place, or the memo goes stale.
        """
        if "_version" not in self.__dict__:
            self.__dict__["_version"] = self._compute_version()
        return self.__dict__["_version"]

    def _compute_version(self) -> str:
        h = hashlib.sha1()
        h.update(pd.util.hash_pandas_object(self.values, index=False).values.tobytes())
        h.update(pd.util.hash_pandas_object(self.zones[ZONE_COLUMNS], index=False).values.tobytes())
        h.update(b"".join(self.zones.geometry.to_wkb()))
        h.update(self.catalog.to_frame().to_json().encode())
        if self.context is not None:  # only when present: datasets without context keep their version
            h.update(pd.util.hash_pandas_object(self.context[CONTEXT_COLUMNS], index=False).values.tobytes())
            h.update(b"".join(self.context.geometry.to_wkb()))
        return h.hexdigest()[:12]

    # --- access ---------------------------------------------------------------------------------
    def check_choice(self, indicator_id: str, year: int | None = None) -> None:
        """Raise :class:`UnknownChoiceError` listing the choices when indicator or year is unknown."""
        if indicator_id not in self.indicator_ids:
            raise UnknownChoiceError("indicator", indicator_id, self.indicator_ids)
        if year is not None and year not in self.years(indicator_id):
            raise UnknownChoiceError(f"year for {indicator_id}", year, self.years(indicator_id))

    def latest_year(self, indicator_id: str) -> int:
        """The most recent year with values for ``indicator_id``."""
        self.check_choice(indicator_id)
        return self.years(indicator_id)[-1]

    def slice(self, indicator_id: str, year: int) -> pd.DataFrame:
        """Values of one indicator and year, one row per zone (zones without a row get status missing).

        Returns
        -------
        pandas.DataFrame
            ``zone_id``, ``name``, ``district`` and the value columns, in zone order.
        """
        self.check_choice(indicator_id, year)
        v = self.values[(self.values["indicator"] == indicator_id) & (self.values["year"] == year)]
        out = pd.DataFrame(self.zones[ZONE_COLUMNS]).merge(v.drop(columns=["indicator", "year"]), on="zone_id",
                                                           how="left")
        out["status"] = out["status"].fillna("missing")
        out["source"] = out["source"].fillna("")
        return out.reset_index(drop=True)

    def equals(self, other: "Dataset") -> bool:
        """Content equality (zones, geometry, values, catalogue, references, metadata)."""
        return (
            self.meta == other.meta
            and self.catalog == other.catalog
            and _frames_equal(self.values, other.values)
            and _frames_equal(self.references, other.references)
            and _frames_equal(pd.DataFrame(self.zones[ZONE_COLUMNS]), pd.DataFrame(other.zones[ZONE_COLUMNS]))
            and bool(self.zones.geometry.geom_equals_exact(other.zones.geometry, tolerance=1e-6).all())
            and self.zones.crs == other.zones.crs
            and _contexts_equal(self.context, other.context)
        )


# --- normalisation ------------------------------------------------------------------------------
def _text(series: pd.Series) -> pd.Series:
    """Text column (pandas ``str`` dtype, missing as NaN); ids stay text so leading zeros survive."""
    return series.astype("str")


def normalise_zones(zones: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Zones with exactly :data:`ZONE_COLUMNS` + geometry, ids as text, in EPSG:25833."""
    missing = [c for c in ZONE_COLUMNS if c not in zones.columns]
    if missing:
        raise DatasetError(f"zones lack column(s) {missing}; expected {ZONE_COLUMNS}")
    if zones.crs is None:
        raise DatasetError("zones have no CRS; set one before building a dataset")
    z = zones[ZONE_COLUMNS + [zones.geometry.name]].copy()
    if zones.geometry.name != "geometry":
        z = z.rename_geometry("geometry")
    for c in ZONE_COLUMNS:
        z[c] = _text(z[c])
    if z.crs != ANALYSIS_CRS:
        z = z.to_crs(ANALYSIS_CRS)
    return z.reset_index(drop=True)


def normalise_values(values: pd.DataFrame) -> pd.DataFrame:
    """Values with exactly :data:`VALUE_COLUMNS` and canonical dtypes, sorted by indicator/year/zone."""
    v = values.copy()
    for c in VALUE_COLUMNS:
        if c not in v.columns:
            v[c] = None
    v = v[VALUE_COLUMNS]
    for c in ("zone_id", "indicator", "status", "source"):
        v[c] = _text(v[c])
    v["source"] = v["source"].fillna("")
    v["status"] = v["status"].fillna("missing")
    v["year"] = pd.to_numeric(v["year"]).astype("int64")
    for c in NUMBER_COLUMNS:
        v[c] = pd.to_numeric(v[c]).astype("float64")
    return v.sort_values(["indicator", "year", "zone_id"], kind="stable").reset_index(drop=True)


def empty_references() -> pd.DataFrame:
    """An empty references table."""
    return pd.DataFrame({c: pd.Series(dtype="float64" if c == "value" else object) for c in REFERENCE_COLUMNS})


def normalise_references(refs: pd.DataFrame | None) -> pd.DataFrame:
    """References with exactly :data:`REFERENCE_COLUMNS` and canonical dtypes."""
    if refs is None or len(refs) == 0:
        return empty_references()
    r = refs.copy()
    for c in REFERENCE_COLUMNS:
        if c not in r.columns:
            r[c] = None
    r = r[REFERENCE_COLUMNS]
    for c in REFERENCE_COLUMNS:
        if c == "value":
            r[c] = pd.to_numeric(r[c]).astype("float64")
        elif c == "year":
            r[c] = pd.to_numeric(r[c]).astype("int64")
        else:
            r[c] = _text(r[c]).fillna("")
    return r.reset_index(drop=True)


def normalise_context(context: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame | None:
    """A context layer with :data:`CONTEXT_COLUMNS` in EPSG:25833, or None for none (or an empty one).

    Raises
    ------
    DatasetError
        When it is not a GeoDataFrame with a CRS, or a ``kind`` is not one of :data:`CONTEXT_KINDS`.
    """
    if context is None or len(context) == 0:
        return None
    if not isinstance(context, gpd.GeoDataFrame) or context.crs is None:
        raise DatasetError("the context layer must be a GeoDataFrame with a CRS (osm_id, kind, name, geometry)")
    bad = sorted(set(context["kind"]) - set(CONTEXT_KINDS)) if "kind" in context.columns else ["(no kind column)"]
    if bad:
        raise DatasetError(f"context layer: unknown kind(s) {', '.join(map(str, bad))}; use {', '.join(CONTEXT_KINDS)}")
    out = context.to_crs(ANALYSIS_CRS).copy()
    for c in CONTEXT_COLUMNS:
        out[c] = _text(out[c]).fillna("") if c in out.columns else ""
    out = out[[*CONTEXT_COLUMNS, out.geometry.name]]
    if out.geometry.name != "geometry":
        out = out.rename_geometry("geometry")
    return out.reset_index(drop=True)


def _contexts_equal(a: gpd.GeoDataFrame | None, b: gpd.GeoDataFrame | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return (_frames_equal(pd.DataFrame(a[CONTEXT_COLUMNS]), pd.DataFrame(b[CONTEXT_COLUMNS]))
            and bool(a.geometry.geom_equals_exact(b.geometry, tolerance=1e-6).all()))


def _frames_equal(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    if list(a.columns) != list(b.columns) or len(a) != len(b):
        return False
    try:
        pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True), check_dtype=False,
                                      check_exact=False, rtol=1e-12)
    except AssertionError:
        return False
    return True


# --- storage ------------------------------------------------------------------------------------
def save(dataset: Dataset, path: str | os.PathLike, *, overwrite: bool = False) -> Path:
    """Write ``dataset`` to one GeoPackage, atomically.

    Parameters
    ----------
    dataset : Dataset
        What to write.
    path : path-like
        Target ``.gpkg`` file.
    overwrite : bool
        Replace an existing file. Without it an existing ``path`` raises :class:`DatasetError` (or,
        when another run creates it meanwhile, :class:`geo.errors.OutputExistsError`).

    Returns
    -------
    Path
        The written path.

    Raises
    ------
    OutputError
        When the file cannot be written (its folder must exist), naming the path and the cause.
    """
    target = Path(path)
    if target.suffix.lower() != ".gpkg":
        raise DatasetError(f"{target}: a dataset is stored as a GeoPackage; give the output a .gpkg name")
    if target.exists() and not overwrite:
        raise DatasetError(f"{target} already exists; choose another path or pass --force to replace it")
    # Without overwrite the name is claimed atomically at the end: of two runs, exactly one wins.
    with atomic_path(target, suffix=".tmp.gpkg", overwrite=overwrite) as tmp:  # pyogrio creates the file itself
        try:
            _write_layers(dataset, tmp)
        except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:  # GDAL: disk full, …
            raise write_failure(target, exc) from exc
    return target


def _write_layers(dataset: Dataset, tmp: Path) -> None:
    """Every layer of ``dataset`` into the GeoPackage ``tmp`` (created by the first write)."""
    dataset.zones.to_file(tmp, layer="zones", driver="GPKG")
    # Unknown ids get placeholder entries so the stored catalogue covers every value.
    unknown = set(dataset.values["indicator"]) - set(dataset.catalog)
    catalog = Catalog(list(dataset.catalog.values()) + [placeholder(i) for i in sorted(unknown)])
    tables = {
        "values": dataset.values,
        "indicators": catalog.to_frame(),
        "references": dataset.references,
        "metadata": pd.DataFrame({"key": list(dataset.meta),
                                  "value": [json.dumps(v, ensure_ascii=False) for v in dataset.meta.values()]}),
    }
    for layer, frame in tables.items():
        pyogrio.write_dataframe(frame, tmp, layer=layer, driver="GPKG", append=False)
    if dataset.context is not None:
        # Polygons (water) and lines (coast, roads) in one layer: declared as generic geometry.
        pyogrio.write_dataframe(dataset.context, tmp, layer="context", driver="GPKG", geometry_type="Unknown")


def to_bytes(dataset: Dataset) -> bytes:
    """The dataset as GeoPackage bytes (for a download button)."""
    with tempfile.TemporaryDirectory(prefix="levekar-") as tmp:
        return save(dataset, Path(tmp) / "dataset.gpkg").read_bytes()


def load(path: str | os.PathLike) -> Dataset:
    """Read a dataset written by :func:`save`.

    Raises
    ------
    DatasetError
        When the file is missing, unreadable, or not a Levekårskart dataset.
    DamagedDatasetError
        When its contents break the import rules (:func:`geo.data.validate.check_dataset_layers`): metadata
        that is not JSON, a values layer without ``year``, text in ``value``, a null geometry,
        duplicate zone ids or value rows, …; the message names the layer, row and field of each.
    """
    p = Path(path).expanduser()
    if not p.exists():
        raise DatasetError(f"{p}: no such dataset file; check the path (or unset LEVEKAR_DATASET to use the demo)")
    if p.is_dir():
        raise DatasetError(f"{p} is a folder; give the path of a dataset .gpkg file")
    try:
        layers = {str(name) for name, _ in pyogrio.list_layers(p)}
    except Exception as exc:  # pyogrio raises several DataSourceError subclasses
        raise DatasetError(f"{p}: not a readable GeoPackage ({exc}); build one with 'python -m geo import'") from exc
    missing = [name for name in ("zones", "values", "metadata") if name not in layers]
    if missing:
        raise DatasetError(f"{p}: not a Levekårskart dataset (missing layer(s) {', '.join(missing)}); "
                           "build one with 'python -m geo import'")
    try:
        zones = gpd.read_file(p, layer="zones")
        values = _read_values(p)
        meta_frame = _read_layer(p, "metadata")
        indicators = _read_layer(p, "indicators") if "indicators" in layers else None
        refs = _read_layer(p, "references") if "references" in layers else None
        context = gpd.read_file(p, layer="context") if "context" in layers else None
    except Exception as exc:  # GDAL or SQLite on a file damaged below the layer level
        raise DatasetError(f"{p}: cannot read the dataset ({exc}); rebuild it with 'python -m geo import'") from exc
    problems: list[Problem] = []
    meta = _read_meta(meta_frame, p.name, problems)
    catalog = DEFAULT_CATALOG
    if indicators is not None and len(indicators):
        try:
            catalog = Catalog.from_frame(indicators.drop(columns=["fid"], errors="ignore"))
        except (TypeError, ValueError) as exc:
            problems.append(Problem(f"{p.name} layer 'indicators'", "", "", f"is not a valid catalogue ({exc})",
                                    "restore the layer from the original dataset"))
    problems += check_dataset_layers(zones, values, catalog, p.name)
    errors = [pr for pr in problems if pr.severity == "error"]
    if errors:
        raise DamagedDatasetError(p, errors)
    values = values.drop(columns=["fid"], errors="ignore")
    refs = None if refs is None else refs.drop(columns=["fid"], errors="ignore")
    try:
        return Dataset(zones=zones, values=values, catalog=catalog, meta=meta, references=refs, path=p, context=context)
    except (TypeError, ValueError) as exc:  # e.g. a references layer edited into nonsense
        raise DatasetError(f"{p}: damaged dataset ({exc}); rebuild it with 'python -m geo import'") from exc


def _read_layer(path: Path, layer: str) -> pd.DataFrame:
    """An attribute layer's rows exactly as stored (with ``fid``), read through SQLite.

    GDAL reads a text cell in a REAL column (typed in by hand in QGIS or a database tool) as 0.0, so
    damage would pass unseen; SQLite hands back what is there, and the checks name the cell.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as con:
        return pd.read_sql_query(f'SELECT * FROM "{layer}"', con)


def _read_values(path: Path) -> pd.DataFrame:
    """The ``values`` layer with ``fid``: through GDAL/Arrow (fast) unless a number column holds text.

    One SQL scan tells whether any number cell is text (GDAL would read it as 0.0); only then are the
    rows read cell by cell through SQLite, so the checks can name them.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as con:
        columns = [row[1] for row in con.execute('PRAGMA table_info("values")')]
        numeric = [c for c in [*NUMBER_COLUMNS, "year"] if c in columns]
        where = " OR ".join(f'typeof("{c}") = \'text\'' for c in numeric)
        has_text = bool(where) and con.execute(f'SELECT 1 FROM "values" WHERE {where} LIMIT 1').fetchone()
    if has_text:
        return _read_layer(path, "values")
    frame = pyogrio.read_dataframe(path, layer="values", read_geometry=False, use_arrow=True, fid_as_index=True)
    return frame.rename_axis("fid").reset_index()


def _read_meta(frame: pd.DataFrame, file: str, problems: list[Problem]) -> dict[str, Any]:
    """Metadata key → decoded JSON value; a value that is not JSON is a problem naming its row and key."""
    meta: dict[str, Any] = {}
    for column in ("key", "value"):
        if column not in frame.columns:
            problems.append(Problem(f"{file} layer 'metadata'", "", column, f"missing column '{column}'",
                                    "the metadata layer needs the columns key and value"))
            return meta
    fids = frame["fid"] if "fid" in frame.columns else range(1, len(frame) + 1)
    for fid, key, value in zip(fids, frame["key"], frame["value"]):
        try:
            meta[str(key)] = json.loads(value)
        except (TypeError, ValueError) as exc:
            problems.append(Problem(f"{file} layer 'metadata'", f"row {fid} (key '{key}')", "value",
                                    f"is not JSON ({exc})", "write the value as JSON, e.g. \"My name\" with the "
                                    "quotes, or rebuild the dataset with 'python -m geo import'"))
    return meta


def default_path() -> Path:
    """The dataset the app and CLI use when none is given: ``$LEVEKAR_DATASET`` or the embedded demo."""
    return dataset_path_from_env() or DEMO_DATASET


def load_default() -> Dataset:
    """Load :func:`default_path`."""
    return load(default_path())


def values_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Build a normalised values table from row dicts (missing columns become NaN/None)."""
    return normalise_values(pd.DataFrame(rows if rows else {c: [] for c in VALUE_COLUMNS}))


def merge_values(base: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """Values of ``base`` updated with ``new``: rows with the same (zone, indicator, year) are replaced."""
    key = ["zone_id", "indicator", "year"]
    b = normalise_values(base)
    n = normalise_values(new)
    keep = ~b.set_index(key).index.isin(n.set_index(key).index)
    return normalise_values(pd.concat([b[keep], n], ignore_index=True))

