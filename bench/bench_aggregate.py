"""Benchmark grouped aggregation (district and year figures) against one aggregation per group.

Run ``python bench/bench_aggregate.py``. On the embedded demo dataset, for every indicator it
aggregates all zones × all years by year and by district, once with :func:`geo.benchmarks.aggregate`
(one groupby for ratios and sums) and once naively (:func:`geo.benchmarks._aggregate_one` per group, as
before), checks that both give the same figures, and prints the times and their ratio.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.analysis.profile import yearly_zone_values  # noqa: E402
from geo.benchmarks import AGG_COLUMNS, _aggregate_one, aggregate  # noqa: E402
from geo.data.dataset import load_default  # noqa: E402


def naive(frame: pd.DataFrame, indicator, by: str) -> pd.DataFrame:
    rows = {k: _aggregate_one(g, indicator) for k, g in frame.dropna(subset=[by]).groupby(by)}
    return pd.DataFrame.from_dict(rows, orient="index", columns=AGG_COLUMNS).rename_axis(by)


def main(repeats: int = 3) -> None:
    ds = load_default()
    frames = [(yearly_zone_values(ds, i), ds.indicator(i)) for i in ds.indicator_ids]
    timings = {}
    for name, fn in (("grouped", aggregate), ("naive", naive)):
        best = np.inf
        for _ in range(repeats):
            t0 = time.perf_counter()
            out = [(fn(f, ind, by="year"), fn(f, ind, by="district")) for f, ind in frames]
            best = min(best, time.perf_counter() - t0)
        timings[name] = (best, out)
    for (fy, fd), (ny, nd) in zip(timings["grouped"][1], timings["naive"][1], strict=True):
        for a, b in ((fy, ny), (fd, nd)):
            pd.testing.assert_frame_equal(a, b, check_dtype=False, rtol=1e-12)
    fast, slow = timings["grouped"][0], timings["naive"][0]
    n_groups = sum(len(y) + len(d) for y, d in timings["grouped"][1])
    print(f"{len(frames)} indicators, {n_groups} groups (years and districts), best of {repeats}")
    print(f"grouped aggregate: {fast * 1000:8.1f} ms")
    print(f"one per group    : {slow * 1000:8.1f} ms")
    print(f"ratio naive/grouped: {slow / fast:.1f}x (same figures)")


if __name__ == "__main__":
    main()
