"""Benchmark the analysis statistics against naive loops, in one run.

Run ``python bench/bench_analysis.py [--draws 1000] [--naive-draws 200]``. Prints:

- the levekår index with rank uncertainty on the demo dataset (60 zones, the "levekår" preset of
  eight indicators, 1 000 draws), end to end (values in, ranks out), cold and warm — target ≤ 1 s warm;
- the rank-uncertainty core with 1 000 draws on 60 and on 2 000 zones (synthetic, five indicators
  with denominators), block-vectorised (:func:`geo.analysis.index.rank_draws`) against a naive loop
  that redraws, standardises and ranks one draw at a time with pandas (timed on ``--naive-draws``
  draws and scaled to the same number), with the ratio;
- LISA with 999 permutations on 357 square zones with esda (:func:`geo.analysis.hotspots.local_clusters`,
  global Moran's I included) against a naive loop that permutes each zone's neighbours in Python, with
  the ratio and the largest difference in the local I.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import box

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.analysis import index as ix  # noqa: E402
from geo.analysis.hotspots import local_clusters, neighbours  # noqa: E402
from geo.data.dataset import load_default  # noqa: E402


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn(*args, **kwargs)
    return time.perf_counter() - start, out


def synthetic_inputs(n_zones: int, n_ind: int = 5, seed: int = 0) -> ix.IndexInputs:
    """Zones × indicators with shares and denominators (binomial redraws), like a real register table."""
    rng = np.random.default_rng(seed)
    p = rng.uniform(0.02, 0.4, (n_zones, n_ind))
    den = rng.integers(40, 3000, (n_zones, n_ind)).astype(float)
    values = np.round(p * den) / den * 100
    zones = pd.DataFrame({"zone_id": [f"Z{i}" for i in range(n_zones)], "name": "", "district": ""})
    signs = np.where(np.arange(n_ind) % 2 == 0, 1.0, -1.0)
    return ix.IndexInputs(zones, tuple(f"i{j}" for j in range(n_ind)), signs, values, den,
                          np.full_like(values, np.nan), np.full(n_ind, 100.0))


def naive_rank_draws(inputs: ix.IndexInputs, weights: np.ndarray, draws: int, seed: int) -> np.ndarray:
    """One draw at a time: redraw, standardise per indicator with pandas, combine, rank with pandas."""
    rng = np.random.default_rng(seed)
    n = len(inputs.values)
    out = np.empty((draws, n), dtype=np.int32)
    for d in range(draws):
        w = rng.dirichlet(weights * ix.CONCENTRATION)
        frame = pd.DataFrame(inputs.values.copy())
        for j in range(frame.shape[1]):
            k = rng.binomial(inputs.trials[:, j].astype(np.int64), inputs.values[:, j] / 100)
            col = pd.Series(k / inputs.trials[:, j] * 100)
            frame[j] = (col - col.mean()) / col.std(ddof=0) * inputs.signs[j]
        score = (frame * w).sum(axis=1) / w.sum()
        out[d] = score.rank(ascending=False, method="first").astype(int).to_numpy()
    return out


def naive_lisa(y: np.ndarray, w, permutations: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Local Moran by a Python loop over zones, permuting the other values for each zone."""
    rng = np.random.default_rng(seed)
    z = (y - y.mean()) / y.std()
    n = len(z)
    neigh = [np.asarray(w.neighbors[i]) for i in range(n)]
    wts = [np.asarray(w.weights[i]) for i in range(n)]
    local = np.array([z[i] * (wts[i] * z[neigh[i]]).sum() for i in range(n)]) * (n - 1) / (z * z).sum()
    p = np.empty(n)
    for i in range(n):
        others = np.delete(z, i)
        sims = np.empty(permutations)
        for s in range(permutations):
            pick = rng.choice(others, size=len(neigh[i]), replace=False)
            sims[s] = z[i] * (wts[i] * pick).sum() * (n - 1) / (z * z).sum()
        larger = (sims >= local[i]).sum()
        larger = min(larger, permutations - larger)
        p[i] = (larger + 1) / (permutations + 1)
    return local, p


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--naive-draws", type=int, default=200, help="draws timed for the naive loop (scaled up)")
    parser.add_argument("--permutations", type=int, default=999)
    args = parser.parse_args()

    ds = load_default()
    weights = ix.preset_weights("levekar", ds)
    cold, _ = timed(ix.levekar_index, ds, list(weights), list(weights.values()), draws=args.draws, seed=0)
    warm = min(timed(ix.levekar_index, ds, list(weights), list(weights.values()), draws=args.draws, seed=s)[0]
               for s in (1, 2, 3))
    print(f"levekår index, demo 60 zones × {len(weights)} indicators, {args.draws} draws, end to end: "
          f"cold {cold:.2f} s, warm {warm:.2f} s (target ≤ 1 s warm: {'OK' if warm <= 1 else 'TOO SLOW'})")

    for n_zones in (60, 2000):
        inputs = synthetic_inputs(n_zones)
        w = np.full(5, 0.2)
        ranked = np.ones(n_zones, dtype=bool)
        fast, _ = timed(ix.rank_draws, inputs, w, ranked, args.draws, 0)
        fast = min(fast, timed(ix.rank_draws, inputs, w, ranked, args.draws, 1)[0])
        naive, _ = timed(naive_rank_draws, inputs, w, args.naive_draws, 0)
        naive_full = naive * args.draws / args.naive_draws
        print(f"rank uncertainty core, {args.draws} draws × {n_zones} zones × 5 indicators: vectorised {fast:.3f} s; "
              f"naive per-draw loop {naive_full:.2f} s ({args.naive_draws} draws timed, scaled) → "
              f"{naive_full / fast:.0f}× faster")

    rows, cols = 17, 21
    zones = gpd.GeoDataFrame({"zone_id": [f"Z{i}" for i in range(rows * cols)]},
                             geometry=[box(c * 1000, r * 1000, (c + 1) * 1000, (r + 1) * 1000)
                                       for r in range(rows) for c in range(cols)], crs="EPSG:25833")
    rng = np.random.default_rng(0)
    y = np.add.outer(np.arange(rows), np.arange(cols)).ravel() + rng.normal(0, 3, rows * cols)
    t_w, nb = timed(neighbours, zones)
    fast, (moran_i, p_glob, frame) = timed(local_clusters, y, nb.w, permutations=args.permutations, seed=0)
    naive, (local, p_naive) = timed(naive_lisa, y, nb.w, args.permutations, 0)
    from esda.moran import Moran_Local
    ref = Moran_Local(y, nb.w, permutations=0)
    print(f"LISA, {rows * cols} zones, {args.permutations} permutations: esda {fast:.2f} s (+ weights {t_w:.2f} s; "
          f"global I = {moran_i:.3f}, p = {p_glob:.3f}, {int((frame['cluster'] != 'ns').sum())} zones in clusters "
          f"after FDR); naive loop {naive:.2f} s → {naive / fast:.0f}× faster; "
          f"max |local I difference| {np.abs(ref.Is - local).max():.2e}; "
          f"p-values agree within {np.abs(frame['p_value'].to_numpy() - p_naive).max():.3f} (Monte Carlo noise)")


if __name__ == "__main__":
    main()
