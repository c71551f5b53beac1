"""Grouped aggregation (one groupby) gives exactly the figures of one aggregation per group."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from geo.analysis.profile import yearly_zone_values
from geo.benchmarks import AGG_COLUMNS, _aggregate_one, aggregate
from geo.data.dataset import load_default

from .analysis.conftest import make_grid_dataset


def per_group(frame, indicator, by):
    rows = {k: _aggregate_one(g, indicator) for k, g in frame.dropna(subset=[by]).groupby(by)}
    return pd.DataFrame.from_dict(rows, orient="index", columns=AGG_COLUMNS).rename_axis(by)


def check(frame, indicator, by):
    fast, slow = aggregate(frame, indicator, by=by), per_group(frame, indicator, by)
    pd.testing.assert_frame_equal(fast, slow, check_dtype=False, rtol=1e-12)


@pytest.mark.parametrize("by", ["year", "district"])
def test_every_demo_indicator(by):
    ds = load_default()
    for ind in ds.indicator_ids:
        check(yearly_zone_values(ds, ind), ds.indicator(ind), by)


def test_groups_without_counts_fall_back_and_missing_groups_are_left_out():
    ds = make_grid_dataset()
    frame = yearly_zone_values(ds, "child_low_income")
    # district A loses its counts in 2019: a weighted mean there, ratios elsewhere
    frame.loc[(frame["district"] == "A") & (frame["year"] == 2019), ["numerator", "denominator"]] = np.nan
    frame["group"] = frame["district"].astype(object) + "-" + frame["year"].astype(str)
    check(frame, ds.indicator("child_low_income"), "group")
    out = aggregate(frame, ds.indicator("child_low_income"), by="group")
    assert out.loc["A-2019", "method"] == "weighted" and out.loc["B-2019", "method"] == "ratio"
    assert not any(str(k).startswith("nan") for k in out.index)  # Z9 has no district
    check(yearly_zone_values(ds, "population"), ds.indicator("population"), "district")
