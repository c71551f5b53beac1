"""Small datasets for the workbench page tests, built in code (no network, no files)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from tests.geo.analysis.grid import grid_dataset, grid_zones

HOSTILE = ("<script>alert(1)</script>", '<img src=x onerror="alert(2)">')


def rich_dataset(districts: bool = True):
    """A 3×4 grid: two shares with counts over four years, one survey share with a published interval."""
    zones = grid_zones(3, 4)
    if not districts:
        zones["district"] = None
    n = len(zones)
    rng = np.random.default_rng(7)
    base = rng.uniform(5, 30, n)
    years = {y: base + (y - 2019) * 0.8 for y in (2019, 2020, 2021, 2022)}
    ds = grid_dataset(zones, {"child_low_income": years, "unemployment": {y: v / 3 for y, v in years.items()}},
                      denominator=400)
    survey = grid_dataset(zones, {"green_space_satisfaction": {2021: rng.uniform(50, 90, n)}}, ci=6.0)
    ds.values = pd.concat([ds.values, survey.values], ignore_index=True)
    return ds


def hostile_dataset():
    """:func:`rich_dataset` whose first two zones are named like markup (they must show as text)."""
    ds = rich_dataset()
    zones = ds.zones.copy()
    zones.loc[0, "name"], zones.loc[1, "name"] = HOSTILE
    ds.zones = zones
    return ds


def sparse_dataset():
    """A 3×3 grid where most values are missing: one indicator with two zones, one with none in 2022."""
    zones = grid_zones(3, 3)
    values = np.full(len(zones), np.nan)
    values[:2] = [12.0, 30.0]
    return grid_dataset(zones, {"child_low_income": {2021: values, 2022: np.where(np.arange(9) == 4, 20.0, np.nan)},
                                "unemployment": {2021: np.full(9, np.nan)}}, denominator=300)


def run_page(page: str, params: dict | None = None, state: dict | None = None, timeout: float = 120):
    """A workbench page as a deep link opens it: the page file (``pages/<page>.py``) with URL parameters
    and session state set before the first run."""
    from streamlit.testing.v1 import AppTest

    from geo.config import PROJECT_DIR

    at = AppTest.from_file(str(PROJECT_DIR / "pages" / f"{page}.py"), default_timeout=timeout)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    for k, v in (state or {}).items():
        at.session_state[k] = v
    return at.run()


def url_params(at) -> dict:
    """The AppTest's query parameters as plain ``{name: value}``."""
    return {k: (v[0] if isinstance(v, list) else v) for k, v in at.query_params.items()}
