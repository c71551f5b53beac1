"""Benchmark: the non-map part of a 2 000-zone dataset — load (with content checks), downloads, trend.

Run: ``python3 bench/bench_scale.py`` (about a minute). One synthetic dataset of 2 000 zones × 12
indicators × 10 years (240 000 values) is written once; every step is timed against the naive approach
in the same run:

1. *Load*: :func:`geo.data.dataset.load`, which checks the contents with the import rules (a fast vectorised
   gate, :func:`geo.data.validate.check_dataset_layers`, and Arrow reading), against checking every value row
   with :func:`geo.data.validate.check_table` — the straightforward way to apply "the same rules" — and
   against the old loader that checked nothing (GDAL rows without Arrow).
2. *GeoJSON download*: :func:`geo.export.to_geojson` (GEOS writes rounded geometry) against rounding
   every coordinate in Python after ``GeoDataFrame.to_json``.
3. *Trend of a newly selected zone*: from per-year facts already cached (what the app now does) against
   recomputing :func:`geo.benchmarks.zone_facts` for every year.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from geo.benchmarks import FACT_COLUMNS, zone_facts  # noqa: E402
from geo.charts import trend_frame  # noqa: E402
from geo.config import DISPLAY_CRS  # noqa: E402
from geo.data.catalog import DEFAULT_CATALOG  # noqa: E402
from geo.data.dataset import Dataset, _read_layer, load, save  # noqa: E402
from geo.data.synthetic import synthetic_coverage, synthetic_dataset  # noqa: E402
from geo.data.validate import check_table, check_zones  # noqa: E402
from geo.export import export_table, to_geojson  # noqa: E402


def timed(fn: Callable[[], object], repeat: int = 2) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def load_unchecked(path: Path) -> Dataset:
    """The loader before content checks: GDAL rows (no Arrow), no validation."""
    zones = gpd.read_file(path, layer="zones")
    values = pyogrio.read_dataframe(path, layer="values", read_geometry=False)
    meta = pyogrio.read_dataframe(path, layer="metadata", read_geometry=False)
    return Dataset(zones=zones, values=values, catalog=DEFAULT_CATALOG,
                   meta={k: json.loads(v) for k, v in zip(meta["key"], meta["value"])})


def load_checked_naively(path: Path) -> None:
    """Every row through the import checks (what 'the same rules as the import' means done plainly)."""
    zones = gpd.read_file(path, layer="zones")
    check_zones(zones, "d", id_field="zone_id", name_field="name", district_field="district")
    values = _read_layer(path, "values")
    raw = values.drop(columns=["fid"])
    raw["_row"] = values["fid"]
    check_table(raw, "d", set(zones["zone_id"]), DEFAULT_CATALOG)


def geojson_naive(table: pd.DataFrame, zones: gpd.GeoDataFrame, precision: int = 5) -> bytes:
    def r(c):
        return [round(x, precision) for x in c] if isinstance(c[0], float | int) else [r(x) for x in c]

    g = zones[["zone_id", "geometry"]].merge(table, on="zone_id", how="right").to_crs(DISPLAY_CRS)
    doc = json.loads(gpd.GeoDataFrame(g, geometry="geometry", crs=DISPLAY_CRS).to_json(na="null", drop_id=True))
    for feat in doc["features"]:
        feat["geometry"] = {**feat["geometry"], "coordinates": r(feat["geometry"]["coordinates"])}
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def main() -> None:
    indicators = tuple(list(DEFAULT_CATALOG)[:12])
    zones = synthetic_coverage(2000, 300, seed=1)
    ds = synthetic_dataset(zones, indicators=indicators, years=tuple(range(2015, 2025)))
    print(f"dataset: {len(ds.zones)} zones, {len(ds.values)} values")
    with tempfile.TemporaryDirectory() as tmp:
        path = save(ds, Path(tmp) / "d.gpkg")
        ours = timed(lambda: load(path))
        unchecked = timed(lambda: load_unchecked(path))
        naive = timed(lambda: load_checked_naively(path), repeat=1)
    print(f"load, checked (ours):          {ours:6.2f} s")
    print(f"load, unchecked (old loader):  {unchecked:6.2f} s   ratio {unchecked / ours:4.1f}x")
    print(f"load, every row check_table:   {naive:6.2f} s   ratio {naive / ours:4.1f}x")

    ind = indicators[0]
    facts = zone_facts(ds, ind, 2024)
    table = export_table(facts[FACT_COLUMNS], ds.indicator(ind), 2024, dataset_name=ds.name, demo=True)
    fast = timed(lambda: to_geojson(table, ds.zones, demo=True))
    slow = timed(lambda: geojson_naive(table, ds.zones), repeat=1)
    print(f"GeoJSON download (ours):       {fast:6.2f} s")
    print(f"GeoJSON, Python rounding:      {slow:6.2f} s   ratio {slow / fast:4.1f}x")

    cache = {y: zone_facts(ds, ind, y) for y in ds.years(ind)}
    zone = ds.zones["zone_id"].iloc[7]
    cached = timed(lambda: trend_frame(ds, ind, zone, facts_for=cache.__getitem__))
    recomputed = timed(lambda: trend_frame(ds, ind, zone))
    print(f"trend of a new zone, cached:   {cached:6.3f} s")
    print(f"trend, facts recomputed:       {recomputed:6.3f} s   ratio {recomputed / cached:4.1f}x")


if __name__ == "__main__":
    main()
