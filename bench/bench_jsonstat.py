"""Benchmark: JSON-stat2 decoding of a table at SSB's 800 000-cell limit.

Compares :func:`geo.sources.jsonstat.decode` (codes laid out with ``np.repeat``/``np.tile``, status
marks visited sparsely) with the naive approach (``itertools.product`` over the categories, one dict per
cell), both measured in this run. Run: ``python3 bench/bench_jsonstat.py``.
"""

from __future__ import annotations

import itertools
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd  # noqa: E402

from geo.sources.jsonstat import SSB_SYMBOLS, decode  # noqa: E402


def make_doc(regions: int, ages: int, years: int, marked: float = 0.02) -> dict:
    """A grunnkrets × age × year table, ``marked`` share of cells carrying a status symbol."""
    rng = random.Random(1)
    dims = {"Region": [f"5001{i:04d}" for i in range(regions)], "Alder": [f"{a:03d}" for a in range(ages)],
            "ContentsCode": ["Personer"], "Tid": [str(2000 + y) for y in range(years)]}
    n = regions * ages * years
    values: list = [rng.randint(0, 500) for _ in range(n)]
    status = {}
    for i in rng.sample(range(n), int(n * marked)):
        status[str(i)] = rng.choice([":", "..", "-"])
        values[i] = None
    return {"version": "2.0", "class": "dataset", "id": list(dims), "size": [len(v) for v in dims.values()],
            "dimension": {d: {"label": d, "category": {"index": {c: i for i, c in enumerate(codes)},
                                                        "label": {c: c for c in codes}}} for d, codes in dims.items()},
            "value": values, "status": status}


def naive(doc: dict) -> pd.DataFrame:
    """One dict per cell via itertools.product — the straightforward way."""
    ids = doc["id"]
    cats = [sorted(doc["dimension"][d]["category"]["index"], key=doc["dimension"][d]["category"]["index"].get)
            for d in ids]
    rows = []
    for i, combo in enumerate(itertools.product(*cats)):
        sym = doc["status"].get(str(i), "")
        meaning = SSB_SYMBOLS.get(sym)
        v = doc["value"][i]
        row = dict(zip(ids, combo))
        row.update({f"{d}_label": doc["dimension"][d]["category"]["label"][c] for d, c in zip(ids, combo)})
        if meaning and meaning.value == "zero" and v is None:
            v = 0.0
        row["value"] = float("nan") if v is None or (meaning and meaning.value == "drop") else float(v)
        row["status"] = meaning.status if meaning else ("published" if v is not None else "missing")
        row["symbol"] = sym
        rows.append(row)
    return pd.DataFrame(rows)


def timed(fn, *args, repeat: int = 3) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn(*args)
        best = min(best, time.perf_counter() - t)
    return best, out


def main() -> None:
    for regions, ages, years in ((400, 20, 5), (2000, 100, 4)):
        doc = make_doc(regions, ages, years)
        n = regions * ages * years
        size = len(json.dumps(doc)) / 1e6
        t_fast, fast = timed(decode, doc)
        t_naive, slow = timed(naive, doc, repeat=1)
        assert fast["value"].equals(slow["value"]) and list(fast["status"]) == list(slow["status"])
        print(f"{n:>9,} cells ({size:5.1f} MB JSON): decode {t_fast:6.3f} s, naive {t_naive:6.3f} s, "
              f"ratio {t_naive / t_fast:5.1f}×")


if __name__ == "__main__":
    main()
