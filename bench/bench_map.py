"""Benchmark: our map builder vs the naive ``GeoDataFrame.explore(column=...)``, on realistic geometry.

Run: ``python3 bench/bench_map.py`` (about a minute; ``--quick`` skips the 15 000-zone run).

Cases, all in one run so the ratios compare like with like:

1. *Trondheim-like*: 60 zones × ~1 650 vertices (~100 000 vertices, ~4 MB GeoJSON) from
   :func:`geo.data.synthetic.synthetic_coverage` (densified, wiggled shared edges). Naive: ``explore()`` on the
   full-precision geometry with every column. Ours: :func:`geo.mapping.maps.build_map` on the cached
   :class:`geo.mapping.display.DisplayLayer` (warm cache = the layer is built once per dataset version, as the
   app does; the cold figure includes building it). Also: gaps/overlaps the simplification opened
   between neighbours, for coverage simplification and for per-polygon ``simplify`` at the same tolerance.
2. *Scaling*: ~2 000 zones × 300 vertices and ~15 000 zones × 100 vertices.
3. *National*: 357 municipalities (~85 000 vertices) written as a GeoJSON file in EPSG:4326 plus a CSV
   table, imported with :func:`geo.data.io.build_dataset`, and mapped to a standalone HTML file (Leaflet
   inlined when installed): import + map must take ≤ 5 s and the file ≤ 1.5 MB.

Targets on case 1: HTML ≥ 8× smaller, build ≥ 3× faster (warm), gaps/overlaps ≤ 1 m².
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from geo.benchmarks import zone_facts  # noqa: E402
from geo.data.io import build_dataset  # noqa: E402
from geo.data.synthetic import synthetic_coverage, synthetic_dataset, vertex_count  # noqa: E402
from geo.mapping import assets  # noqa: E402
from geo.mapping.classify import classify  # noqa: E402
from geo.mapping.display import display_layer  # noqa: E402
from geo.mapping.maps import build_map, write_map_html  # noqa: E402

IND = "child_low_income"
YEAR = 2022
NORWAY_EXTENT = (-80_000.0, 6_450_000.0, 1_120_000.0, 7_950_000.0)  # EPSG:25833, mainland Norway's box


def timed(fn: Callable[[], object], repeat: int = 3, warmup: bool = True) -> tuple[object, float]:
    """Best of ``repeat`` runs (after one warm-up run): result and seconds."""
    if warmup:
        fn()
    best, result = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t)
    return result, best


def naive_html(ds) -> str:
    """What one would write first: every column, full-precision geometry, ``explore()``."""
    gdf = ds.zones.merge(zone_facts(ds, IND, YEAR).drop(columns=["name", "district"]), on="zone_id")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return gdf.explore(column="value").get_root().render()


def our_html(ds, layer) -> str:
    """The app's path on a cached layer: facts, classification, builder, render."""
    ind = ds.indicator(IND)
    facts = zone_facts(ds, IND, YEAR)
    m = build_map(layer, facts, ind, classify(facts, ind), year=YEAR, demo=ds.is_demo,
                  asset_base=assets.STATIC_URL)
    return m.get_root().render()


def gaps_and_overlaps(geoms_25833: np.ndarray) -> tuple[float, float]:
    """Overlap area (sum of areas − area of union) and gap area (holes in the union), m²."""
    union = shapely.union_all(geoms_25833)
    overlaps = float(shapely.area(geoms_25833).sum() - union.area)
    polys = shapely.get_parts(union)
    gaps = float(sum(shapely.area(shapely.polygons(shapely.get_interior_ring(p, i)))
                     for p in polys for i in range(shapely.get_num_interior_rings(p))))
    return max(overlaps, 0.0), gaps


def row(case: str, zones, layer, naive: tuple[str, float] | None, ours: tuple[str, float], cold: float) -> dict:
    n_html, n_t = naive if naive else ("", float("nan"))
    o_html, o_t = ours
    return {"case": case, "zones": len(zones), "vertices": vertex_count(zones.geometry),
            "display_vertices": layer.n_vertices_out, "tolerance_m": round(layer.tolerance, 1),
            "naive_MB": len(n_html) / 1e6 if naive else float("nan"), "ours_MB": len(o_html) / 1e6,
            "size_x": (len(n_html) / len(o_html)) if naive else float("nan"),
            "naive_s": n_t, "ours_warm_s": o_t, "ours_cold_s": cold,
            "speed_x": n_t / o_t if naive else float("nan")}


def bench_case(case: str, n_zones: int, vertices: int, *, with_naive: bool = True, repeat: int = 3) -> tuple[dict, object]:
    print(f"… {case}: building {n_zones} zones × ~{vertices} vertices", flush=True)
    zones = synthetic_coverage(n_zones, vertices, seed=42)
    ds = synthetic_dataset(zones, seed=42)
    layer, t_layer = timed(lambda: display_layer(ds.zones), repeat=1, warmup=False)
    ours = timed(lambda: our_html(ds, layer), repeat=repeat)
    naive = timed(lambda: naive_html(ds), repeat=max(1, repeat - 1)) if with_naive else None
    return row(case, zones, layer, naive, ours, t_layer + ours[1]), (ds, layer)


def national(tmp: Path) -> dict:
    """357 municipalities: GeoJSON (EPSG:4326) + CSV → import → standalone HTML map, timed end to end."""
    zones = synthetic_coverage(357, 240, extent=NORWAY_EXTENT, seed=7, n_districts=11)
    zones["name"] = [f"Kommune {i}" for i in range(1, 358)]
    values = synthetic_dataset(zones, seed=7).values
    zones_file, table_file, out = tmp / "kommuner.geojson", tmp / "kommuner.csv", tmp / "kommuner.html"
    zones.to_crs(4326).to_file(zones_file, driver="GeoJSON")
    values[["zone_id", "indicator", "year", "value", "numerator", "denominator", "status", "source"]] \
        .to_csv(table_file, index=False)
    t0 = time.perf_counter()
    ds = build_dataset(zones_file, table_file, name="Norske kommuner (syntetisk)")
    t_import = time.perf_counter() - t0
    layer = display_layer(ds.zones)
    ind = ds.indicator(IND)
    facts = zone_facts(ds, IND, YEAR)
    inline = assets.installed()
    write_map_html(out, layer, facts, ind, classify(facts, ind), year=YEAR, demo=True, inline=inline)
    total = time.perf_counter() - t0
    return {"zones": len(ds.zones), "vertices": vertex_count(zones.geometry), "file_MB": zones_file.stat().st_size / 1e6,
            "import_s": t_import, "total_s": total, "html_MB": out.stat().st_size / 1e6, "inline": inline,
            "display_vertices": layer.n_vertices_out, "tolerance_m": layer.tolerance}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 15 000-zone scaling run")
    args = parser.parse_args(argv)
    pd.set_option("display.width", 200)
    pd.set_option("display.max_columns", 20)

    rows = []
    r, (ds, layer) = bench_case("trondheim-like", 60, 1650)
    rows.append(r)
    full_geojson = len(ds.zones.to_crs(4326).to_json()) / 1e6
    back = layer.zones.to_crs(25833).geometry.values
    cov = gaps_and_overlaps(back)
    per_poly = gaps_and_overlaps(shapely.simplify(ds.zones.geometry.values, layer.tolerance, preserve_topology=True))
    orig = gaps_and_overlaps(ds.zones.geometry.values)

    rows.append(bench_case("scaling-2k", 2000, 300, repeat=2)[0])
    if not args.quick:
        rows.append(bench_case("scaling-15k", 15000, 100, repeat=1)[0])
    with tempfile.TemporaryDirectory() as tmp:
        nat = national(Path(tmp))

    table = pd.DataFrame(rows).set_index("case")
    print("\nMap HTML: naive GeoDataFrame.explore(column=...) on full geometry vs our builder on the cached layer")
    print(table.to_string(float_format=lambda v: f"{v:,.3f}"))
    t = rows[0]
    print(f"\nTrondheim-like: {t['vertices']:,} vertices, full-precision GeoJSON {full_geojson:.2f} MB")
    print(f"  size  {t['naive_MB']:.2f} MB → {t['ours_MB']:.3f} MB  = {t['size_x']:.1f}× smaller (target ≥ 8×)")
    print(f"  time  {t['naive_s']:.3f} s → {t['ours_warm_s']:.3f} s warm = {t['speed_x']:.1f}× faster (target ≥ 3×); "
          f"cold incl. display layer {t['ours_cold_s']:.3f} s")
    print(f"  gaps/overlaps (m²): input {orig[0]:.4f}/{orig[1]:.4f}; coverage_simplify {cov[0]:.4f}/{cov[1]:.4f} "
          f"(target ≤ 1); per-polygon simplify at the same tolerance {per_poly[0]:.1f}/{per_poly[1]:.1f}")
    print(f"\nNational: {nat['zones']} zones, {nat['vertices']:,} vertices ({nat['file_MB']:.1f} MB GeoJSON), "
          f"tolerance {nat['tolerance_m']:.0f} m → {nat['display_vertices']:,} display vertices")
    print(f"  import {nat['import_s']:.2f} s, import + map {nat['total_s']:.2f} s (target ≤ 5 s), "
          f"HTML {nat['html_MB']:.2f} MB (target ≤ 1.5 MB; Leaflet {'inlined' if nat['inline'] else 'from CDN'})")
    ok = (t["size_x"] >= 8 and t["speed_x"] >= 3 and max(cov) <= 1.0 and nat["total_s"] <= 5
          and nat["html_MB"] <= 1.5)
    print(f"\nall targets met: {'yes' if ok else 'NO'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
