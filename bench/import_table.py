"""Benchmark: checking an indicator table on import (``geo.data.validate``).

Builds a Norwegian-style long table in memory (semicolons, decimal comma, some empty cells) for N rows
and times

- number parsing of the value/numerator/denominator columns: the naive way (the full ``parse_number``
  rules for every cell) against ``parse_numbers`` (plain numbers in the file's decimal style go
  straight to ``float``; only the rest — ``1 234``, markers, junk — take the full rules), checking that
  both give the same numbers;
- the whole ``check_table`` (all checks, status rules, duplicates) per row.

Run: ``python bench/import_table.py [N ...]`` (default 10 000 and 100 000 rows). Prints sizes, seconds
and the speed-up ratio; no network, nothing written.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.data.catalog import DEFAULT_CATALOG  # noqa: E402
from geo.data.validate import check_table, parse_number, parse_numbers  # noqa: E402


def make_table(n: int, seed: int = 1) -> tuple[pd.DataFrame, list[str]]:
    """``n`` rows over 60 zones and the catalogue's % indicators, values as Norwegian text."""
    rng = np.random.default_rng(seed)
    zones = [f"{i:04d}" for i in range(1, 61)]
    shares = [i for i, ind in DEFAULT_CATALOG.items() if ind.is_share]
    per_year = len(zones) * len(shares)
    idx = np.arange(n)
    den = rng.integers(20, 3000, n)
    num = (den * rng.uniform(0, 0.4, n)).astype(int)
    value = [f"{v:.2f}".replace(".", ",") for v in num / den * 100]
    frame = pd.DataFrame({
        "_row": idx + 2,
        "zone_id": [zones[i % len(zones)] for i in idx],
        "indicator": [shares[(i // len(zones)) % len(shares)] for i in idx],
        "year": [str(1900 + i // per_year) for i in idx],
        "value": value,
        "numerator": [str(v) if i % 7 else "" for i, v in enumerate(num)],
        "denominator": [f"{v:,}".replace(",", " ") if v >= 1000 else str(v) for v in den],
    }, dtype="str")
    return frame, zones


def best_of(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def measure(n: int) -> str:
    """One result line for a table of ``n`` rows."""
    frame, zones = make_table(n)
    columns = [frame[c].tolist() for c in ("value", "numerator", "denominator")]

    def naive() -> list[list[float | None]]:
        return [[parse_number(c, ",")[0] for c in col] for col in columns]

    def fast_path() -> list[np.ndarray]:
        return [parse_numbers(col, ",")[0] for col in columns]

    for a, b in zip(naive(), fast_path(), strict=True):  # same numbers both ways, or the comparison is void
        assert np.allclose(np.array([np.nan if v is None else v for v in a]), b, equal_nan=True)
    t_naive = best_of(naive)
    t_vec = best_of(fast_path)
    t0 = time.perf_counter()
    values, problems = check_table(frame, "bench.csv", zones, DEFAULT_CATALOG, decimal=",")
    t_check = time.perf_counter() - t0
    assert values is not None and not problems, problems[:3]
    return (f"{n:>8} {t_naive:>14.3f} {t_vec:>13.3f} {t_naive / t_vec:>6.1f} {t_check:>14.3f} "
            f"{t_check / n * 1e6:>7.1f}")


def main(sizes: list[int]) -> None:
    print(f"{'rows':>8} {'naive parse s':>14} {'fast path s':>13} {'ratio':>6} {'check_table s':>14} {'µs/row':>7}")
    for n in sizes:
        print(measure(n))


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000, 100_000])
