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

Writes are atomic: a temporary file in the same folder is renamed over the target only when complete.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pyogrio

from geo.catalog import DEFAULT_CATALOG, Catalog, Indicator, placeholder
from geo.config import ANALYSIS_CRS, DEMO_DATASET, dataset_path_from_env
from geo.errors import DatasetError, UnknownChoiceError
from geo.files import atomic_path

ZONE_COLUMNS = ["zone_id", "name", "district"]
VALUE_COLUMNS = ["zone_id", "indicator", "year", "value", "numerator", "denominator", "ci_low", "ci_high",
                 "status", "source"]
NUMBER_COLUMNS = ["value", "numerator", "denominator", "ci_low", "ci_high"]
REFERENCE_COLUMNS = ["geography", "level", "indicator", "year", "value", "unit", "source", "note"]
LAYERS = ("zones", "values", "indicators", "references", "metadata")


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
    """

    zones: gpd.GeoDataFrame
    values: pd.DataFrame
    catalog: Catalog
    meta: dict[str, Any]
    references: pd.DataFrame = field(default_factory=lambda: empty_references())
    path: Path | None = None

    def __post_init__(self) -> None:
        self.zones = normalise_zones(self.zones)
        self.values = normalise_values(self.values)
        self.references = normalise_references(self.references)

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
        Replace an existing file. Without it an existing ``path`` raises :class:`DatasetError`.

    Returns
    -------
    Path
        The written path.
    """
    target = Path(path)
    if target.suffix.lower() != ".gpkg":
        raise DatasetError(f"{target}: a dataset is stored as a GeoPackage; give the output a .gpkg name")
    if target.exists() and not overwrite:
        raise DatasetError(f"{target} already exists; choose another path or pass --force to replace it")
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(target, suffix=".tmp.gpkg") as tmp:  # pyogrio creates the file itself
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
    return target


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
    zones = gpd.read_file(p, layer="zones")
    values = pyogrio.read_dataframe(p, layer="values", read_geometry=False)
    meta_frame = pyogrio.read_dataframe(p, layer="metadata", read_geometry=False)
    meta = {str(k): json.loads(v) for k, v in zip(meta_frame["key"], meta_frame["value"])}
    catalog = DEFAULT_CATALOG
    if "indicators" in layers:
        frame = pyogrio.read_dataframe(p, layer="indicators", read_geometry=False)
        if len(frame):
            catalog = Catalog.from_frame(frame)
    refs = pyogrio.read_dataframe(p, layer="references", read_geometry=False) if "references" in layers else None
    return Dataset(zones=zones, values=values, catalog=catalog, meta=meta, references=refs, path=p)


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

