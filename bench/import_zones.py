"""Benchmark: checking a zone layer on import (``geo.data.validate.check_zones``).

Builds a grid of N square zones (like Norway's ~14 000 grunnkretser) in EPSG:25833 and times

- the overlap check: ``_check_overlaps`` (an STRtree finds candidate pairs, edge-only neighbours are
  dropped, the rest is measured in one vectorised call) against the naive way (each zone tested
  against every other zone), checking both find the same overlaps;
- the whole ``check_zones`` (fields, ids, CRS, geometry checks, overlaps), from EPSG:25833 and from
  lon/lat (with reprojection).

Run: ``python bench/import_zones.py [N ...]`` (default 1 000, 4 000 and 14 000). The naive overlap check is
quadratic, so it only runs up to 4 000 zones. No network, nothing written.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import box

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.data.validate import _check_overlaps, _Feature, check_zones  # noqa: E402

NAIVE_LIMIT = 4000


def grid(n: int) -> gpd.GeoDataFrame:
    """``n`` 500 m squares in rows, two of them overlapping by 50 × 500 m."""
    k = int(np.ceil(np.sqrt(n)))
    geoms = [box(200000 + (i % k) * 500, 7000000 + (i // k) * 500, 200500 + (i % k) * 500,
                 7000500 + (i // k) * 500) for i in range(n)]
    geoms[1] = shapely.affinity.translate(geoms[1], -50, 0)
    return gpd.GeoDataFrame({"grunnkretsnummer": [f"{50010000 + i:08d}" for i in range(n)],
                             "grunnkretsnavn": [f"Krets {i}" for i in range(n)]}, geometry=geoms, crs="EPSG:25833")


def naive_overlaps(geoms: np.ndarray) -> list[tuple[int, int]]:
    found = []
    for i in range(len(geoms)):
        areas = shapely.area(shapely.intersection(geoms[i], geoms[i + 1:]))
        found.extend((i, i + 1 + j) for j in np.flatnonzero(areas > 1.0))
    return found


def measure(n: int) -> str:
    zones = grid(n)
    labels = [_Feature(i + 1, None) for i in range(n)]
    problems: list = []
    t0 = time.perf_counter()
    _check_overlaps(zones.geometry, labels, "bench", problems)
    t_tree = time.perf_counter() - t0
    tree_pairs = len(problems)
    if n <= NAIVE_LIMIT:
        t0 = time.perf_counter()
        pairs = naive_overlaps(np.asarray(zones.geometry.array, dtype=object))
        t_naive = time.perf_counter() - t0
        assert len(pairs) == tree_pairs, (pairs, tree_pairs)
        naive = f"{t_naive:>9.3f} {t_naive / t_tree:>6.0f}"
    else:
        naive = f"{'–':>9} {'–':>6}"
    t0 = time.perf_counter()
    out, probs = check_zones(zones, "bench.gpkg")
    t_check = time.perf_counter() - t0
    lonlat = zones.to_crs("EPSG:4326")
    t0 = time.perf_counter()
    check_zones(lonlat, "bench.geojson")
    t_lonlat = time.perf_counter() - t0
    assert out is not None and len(probs) == 1, probs[:3]
    return f"{n:>7} {t_tree:>9.3f} {naive} {t_check:>11.3f} {t_lonlat:>13.3f}"


def main(sizes: list[int]) -> None:
    print(f"{'zones':>7} {'strtree s':>9} {'naive s':>9} {'ratio':>6} {'check_zones':>11} {'from lon/lat':>13}")
    for n in sizes:
        print(measure(n))


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 4000, 14000])
