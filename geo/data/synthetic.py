"""Synthetic but realistic zone coverages, for benchmarks and tests.

Real municipal zone boundaries follow roads, streams and property lines: ~1 500 vertices per zone,
shared exactly between neighbours. The demo's schematic polygons have a handful of vertices each, so
measuring map size and speed on them says nothing. This module builds coverages that look like the real
thing to the code under test:

1. Voronoi cells of seeded random points, clipped to an extent (a gap- and overlap-free coverage);
2. the cell boundaries noded into *edges* (one line per pair of neighbours, plus the outer boundary);
3. every edge densified and wiggled ONCE, deterministically (seeded from its end points), with its end
   points fixed — so both neighbours share exactly the same wiggly line and the coverage stays clean;
4. the wiggled edges polygonised back into zones.
"""

from __future__ import annotations

import hashlib

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import box

from geo.config import ANALYSIS_CRS
from geo.data.catalog import DEFAULT_CATALOG, Catalog
from geo.data.dataset import Dataset, values_frame

#: Roughly Trondheim's extent in EPSG:25833 (metres): about 24 km × 17 km.
TRONDHEIM_EXTENT = (257_000.0, 7_031_000.0, 281_000.0, 7_048_000.0)
DISTRICT_NAMES = ("Midtbyen", "Østbyen", "Lerkendal", "Heimdal")


def _edge_seed(line: np.ndarray, seed: int) -> int:
    """A seed from the edge's end points, independent of its direction (both neighbours agree)."""
    ends = sorted([tuple(np.round(line[0], 3)), tuple(np.round(line[-1], 3))])
    digest = hashlib.blake2b(repr((ends, seed)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little")


def _wiggle(coords: np.ndarray, spacing: float, seed: int, amplitude: float) -> np.ndarray:
    """Densify ``coords`` to ``spacing`` and displace the points sideways; the end points stay put."""
    line = shapely.segmentize(shapely.linestrings(coords), spacing)
    pts = shapely.get_coordinates(line)
    if len(pts) < 3:
        return pts
    rng = np.random.default_rng(_edge_seed(coords, seed))
    seg = np.diff(pts, axis=0)
    dist = np.concatenate([[0.0], np.cumsum(np.hypot(seg[:, 0], seg[:, 1]))])
    length = dist[-1]
    t = dist / length
    # Direction of the whole edge, so the displacement is the same whichever way the edge is walked.
    start, end = (pts[0], pts[-1]) if tuple(pts[0]) <= tuple(pts[-1]) else (pts[-1], pts[0])
    direction = (end - start) / max(np.hypot(*(end - start)), 1e-9)
    normal = np.array([-direction[1], direction[0]])
    t_canon = t if tuple(pts[0]) <= tuple(pts[-1]) else 1.0 - t
    amp = min(amplitude, 0.08 * length)
    # Like a boundary that follows roads and property lines: straight runs between a few bends …
    n_bends = int(np.clip(length / 300.0, 1, 30))
    knots = np.concatenate([[0.0], np.sort(rng.uniform(0.05, 0.95, n_bends)), [1.0]])
    bends = np.concatenate([[0.0], rng.normal(0.0, amp / 2, n_bends), [0.0]])
    offset = np.interp(t_canon, knots, bends)
    # … some of them along a stream or a curved road …
    if rng.uniform() < 0.3:
        offset += amp / 3 * np.sin(np.pi * t_canon) * np.sin(2 * np.pi * rng.uniform(1, 4) * t_canon)
    # … digitised densely, with sub-metre noise (what the display simplification removes).
    offset += np.clip(rng.normal(0.0, min(0.2 * spacing, 0.5), len(pts)), -amp, amp) * np.sin(np.pi * t_canon) ** 0.5
    offset[0] = offset[-1] = 0.0
    return pts + offset[:, None] * normal[None, :]


def synthetic_coverage(n_zones: int = 60, vertices_per_zone: int = 1500, *, extent: tuple[float, float, float, float]
                       = TRONDHEIM_EXTENT, seed: int = 0, n_districts: int = 4,
                       crs: str = ANALYSIS_CRS) -> gpd.GeoDataFrame:
    """A gap- and overlap-free coverage of ``n_zones`` zones with densified, wiggled shared edges.

    Parameters
    ----------
    n_zones : int
        Number of zones (≥ 2).
    vertices_per_zone : int
        Target mean vertex count per zone ring (shared vertices counted once per zone, as in a file).
    extent : tuple of float
        ``(xmin, ymin, xmax, ymax)`` in ``crs`` units (metres).
    seed : int
        Same seed, same coverage.
    n_districts : int
        Zones are grouped into this many districts (by angle around the centre), named from
        :data:`DISTRICT_NAMES` then ``"Bydel N"``.
    crs : str
        CRS of ``extent`` and of the result.

    Returns
    -------
    geopandas.GeoDataFrame
        ``zone_id`` (``"0001"`` …), ``name``, ``district``, ``geometry`` (Polygons), in ``crs``.
    """
    if n_zones < 2:
        raise ValueError(f"synthetic_coverage: n_zones must be at least 2, got {n_zones}")
    rng = np.random.default_rng(seed)
    xmin, ymin, xmax, ymax = extent
    frame = box(*extent)
    # Jittered grid rather than pure random points: zones of similar size, like real statistical zones.
    nx = max(1, int(round(np.sqrt(n_zones * (xmax - xmin) / (ymax - ymin)))))
    ny = int(np.ceil(n_zones / nx))
    cells = np.array([(i, j) for j in range(ny) for i in range(nx)])[:n_zones]
    cw, ch = (xmax - xmin) / nx, (ymax - ymin) / ny
    seeds = np.column_stack([xmin + (cells[:, 0] + rng.uniform(0.15, 0.85, n_zones)) * cw,
                             ymin + (cells[:, 1] + rng.uniform(0.15, 0.85, n_zones)) * ch])
    points = shapely.points(seeds)
    cells_poly = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(points), extend_to=frame))
    cells_poly = shapely.intersection(cells_poly, frame)

    edges = shapely.get_parts(shapely.line_merge(shapely.union_all(shapely.boundary(cells_poly))))
    perimeter = float(shapely.length(cells_poly).mean())
    spacing = perimeter / max(vertices_per_zone, 4)
    amplitude = 0.04 * min(cw, ch)
    for _attempt in range(4):  # a too-strong wiggle can make edges cross; retry gentler
        wiggled = [shapely.linestrings(_wiggle(shapely.get_coordinates(e), spacing, seed, amplitude)) for e in edges]
        polys = shapely.get_parts(shapely.polygonize(wiggled))
        if len(polys) == n_zones and shapely.is_valid(polys).all():
            break
        amplitude /= 2
    else:  # pragma: no cover - only reached for pathological seeds
        raise RuntimeError(f"synthetic_coverage: could not build a valid coverage for seed {seed}")
    # Put zones back in seed order: each seed lies inside its own (gently wiggled) cell.
    tree = shapely.STRtree(polys)
    seed_idx, poly_idx = tree.query(points, predicate="within")
    order = np.full(n_zones, -1)
    order[seed_idx] = poly_idx
    if (order < 0).any():  # a seed ended up outside its cell: fall back to nearest
        missing = np.flatnonzero(order < 0)
        order[missing] = tree.nearest(points[missing])
    geoms = polys[order]

    angle = np.arctan2(seeds[:, 1] - (ymin + ymax) / 2, seeds[:, 0] - (xmin + xmax) / 2)
    district_idx = np.minimum(((angle + np.pi) / (2 * np.pi) * n_districts).astype(int), n_districts - 1)
    names = list(DISTRICT_NAMES) + [f"Bydel {i + 1}" for i in range(len(DISTRICT_NAMES), n_districts)]
    width = max(4, len(str(n_zones)))
    return gpd.GeoDataFrame(
        {"zone_id": [f"{i + 1:0{width}d}" for i in range(n_zones)],
         "name": [f"Sone {i + 1}" for i in range(n_zones)],
         "district": [names[d] for d in district_idx]},
        geometry=geoms, crs=crs,
    )


def synthetic_dataset(zones: gpd.GeoDataFrame, indicators: tuple[str, ...] = ("child_low_income",),
                      years: tuple[int, ...] = (2022,), *, seed: int = 0, catalog: Catalog = DEFAULT_CATALOG,
                      n_missing: int = 1, n_suppressed: int = 1, name: str = "Syntetisk testdata") -> Dataset:
    """A demo :class:`Dataset` on ``zones`` with random but plausible values.

    Parameters
    ----------
    zones : geopandas.GeoDataFrame
        E.g. from :func:`synthetic_coverage`.
    indicators, years : tuple
        What to fill; shares get numerator/denominator, others a value only.
    seed : int
        Same seed, same values.
    catalog : Catalog
        Where the indicators are described.
    n_missing, n_suppressed : int
        How many zones (the last ones) get no row, or a suppressed row, in every indicator and year.
    name : str
        Dataset name (``meta["name"]``); the dataset is always marked as demo.
    """
    rng = np.random.default_rng(seed)
    ids = list(zones["zone_id"])
    rows = []
    hidden = ids[len(ids) - n_missing - n_suppressed:] if n_missing + n_suppressed else []
    missing, suppressed = set(hidden[:n_missing]), set(hidden[n_missing:])
    for ind_id in indicators:
        ind = catalog[ind_id]
        for year in years:
            for zid in ids:
                if zid in missing:
                    continue
                den = float(rng.integers(50, 3000))
                share = float(np.clip(rng.gamma(2.0, 0.06), 0.001, 0.95))
                row = {"zone_id": zid, "indicator": ind_id, "year": year, "status": "synthetic",
                       "source": "Syntetiske testdata"}
                if ind.scale != 1.0:
                    num = float(round(share * den))
                    row.update(value=num / den * ind.scale, numerator=num, denominator=den)
                else:
                    row.update(value=float(round(den)))
                if zid in suppressed:
                    row.update(value=None, numerator=None, status="suppressed")
                rows.append(row)
    return Dataset(zones=zones.copy(), values=values_frame(rows), catalog=catalog,
                   meta={"name": name, "demo": True, "geometry": "synthetic"})


def vertex_count(geoms: gpd.GeoSeries | np.ndarray) -> int:
    """Total number of coordinates of ``geoms`` (what a GeoJSON file would carry)."""
    values = geoms.values if isinstance(geoms, (gpd.GeoSeries, pd.Series)) else geoms
    return int(shapely.get_num_coordinates(np.asarray(values)).sum())
