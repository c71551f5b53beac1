"""A small grid dataset for the analysis tests, built in code.

Nine square zones on a 3 × 3 grid (ids ``Z1``…``Z9``, row by row; districts ``A`` = top row, ``B`` = the
rest, ``Z9`` without a district), with:

- ``child_low_income`` (share, higher is worse) in 2019–2022, numerators and denominators known;
  ``Z5`` and ``Z6`` tie in 2022; ``Z9`` is missing in 2022; ``Z8`` has a small count (3 of 60) in 2022;
- ``higher_education`` (share, higher is better) in 2022;
- ``green_space_satisfaction`` (survey share with a published CI, no counts) in 2022;
- ``population`` (count) in 2022, the weights of the survey aggregate.
"""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import box

from geo.data.catalog import DEFAULT_CATALOG
from geo.data.dataset import Dataset, values_frame

IDS = [f"Z{i}" for i in range(1, 10)]
# child_low_income numerators per year (denominator 200 except Z8 = 60); Z9 missing in 2022.
CHILD = {
    2019: [10, 20, 30, 40, 50, 60, 12, 3, 20],
    2020: [12, 22, 30, 38, 50, 58, 14, 3, 22],
    2021: [14, 24, 30, 36, 50, 56, 16, 3, 24],
    2022: [16, 26, 30, 34, 50, 50, 18, 3, None],
}
HIGHER_ED = [80, 60, 100, 120, 40, 90, 110, 30, 70]
POP = [1000, 1500, 2000, 800, 1200, 900, 1100, 300, 700]
GREEN = [70.0, 60.0, 80.0, 50.0, 65.0, 75.0, 55.0, 85.0, 62.0]


def make_grid_dataset(child=CHILD, names=None) -> Dataset:
    """The grid dataset (see the module docstring); ``names`` overrides the zone names."""
    names = names or [f"Sone {i}" for i in range(1, 10)]
    geoms = [box(270000 + 1000 * (i % 3), 7040000 - 1000 * (i // 3), 271000 + 1000 * (i % 3), 7041000 - 1000 * (i // 3))
             for i in range(9)]
    zones = gpd.GeoDataFrame({"zone_id": IDS, "name": names, "district": ["A"] * 3 + ["B"] * 5 + [None]},
                             geometry=geoms, crs="EPSG:25833")
    rows = []
    for year, nums in child.items():
        for zid, num in zip(IDS, nums, strict=True):
            den = 60 if zid == "Z8" else 200
            if num is None:
                rows.append({"zone_id": zid, "indicator": "child_low_income", "year": year, "status": "missing",
                             "source": "test"})
                continue
            rows.append({"zone_id": zid, "indicator": "child_low_income", "year": year, "value": num / den * 100,
                         "numerator": num, "denominator": den, "status": "synthetic", "source": "test"})
    for zid, num, pop, green in zip(IDS, HIGHER_ED, POP, GREEN, strict=True):
        rows.append({"zone_id": zid, "indicator": "higher_education", "year": 2022, "value": num / 200 * 100,
                     "numerator": num, "denominator": 200, "status": "synthetic", "source": "test"})
        rows.append({"zone_id": zid, "indicator": "population", "year": 2022, "value": pop, "status": "synthetic",
                     "source": "test"})
        rows.append({"zone_id": zid, "indicator": "green_space_satisfaction", "year": 2022, "value": green,
                     "ci_low": green - 6, "ci_high": green + 6, "status": "synthetic", "source": "survey"})
    return Dataset(zones=zones, values=values_frame(rows), catalog=DEFAULT_CATALOG,
                   meta={"name": "Grid test", "demo": True})


@pytest.fixture
def grid() -> Dataset:
    return make_grid_dataset()
