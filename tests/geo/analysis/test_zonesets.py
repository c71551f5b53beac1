"""Aggregation of zone sets: denominator-weighted, equal to the city for all zones, suppressed parts."""

from __future__ import annotations

import numpy as np
import pytest

from geo.analysis.stats import wilson_interval
from geo.analysis.zonesets import ALL_ID, aggregate_set, find_set
from geo.benchmarks import aggregate, zone_facts

from .conftest import CHILD, POP


def test_aggregate_is_sum_of_numerators_over_sum_of_denominators(grid):
    agg = aggregate_set(grid, "child_low_income", 2022, ["Z1", "Z5"])
    assert agg["method"] == "ratio" and agg["value"] == pytest.approx((16 + 50) / 400 * 100)
    # not the plain mean of the shares once denominators differ
    agg2 = aggregate_set(grid, "child_low_income", 2021, ["Z1", "Z8"])
    assert agg2["value"] == pytest.approx((14 + 3) / 260 * 100)
    assert agg2["value"] != pytest.approx((14 / 200 + 3 / 60) / 2 * 100)


def test_aggregate_carries_the_wilson_interval_of_the_pooled_counts(grid):
    agg = aggregate_set(grid, "child_low_income", 2022, ["Z1", "Z5"])
    lo, hi = wilson_interval(66, 400)
    assert agg["test"] == "wilson"
    assert agg["ci_low"] == pytest.approx(float(lo) * 100) and agg["ci_high"] == pytest.approx(float(hi) * 100)


@pytest.mark.parametrize(("indicator", "year"), [("child_low_income", 2022), ("child_low_income", 2019),
                                                 ("higher_education", 2022), ("population", 2022),
                                                 ("green_space_satisfaction", 2022)])
def test_aggregate_of_all_zones_equals_the_city(grid, indicator, year):
    every = find_set(grid, ALL_ID)
    agg = aggregate_set(grid, indicator, year, every.zone_ids)
    city = zone_facts(grid, indicator, year)["city_value"].iloc[0]
    if grid.indicator(indicator).aggregation == "sum":  # a zone's count is compared with the median zone
        city = aggregate(grid.slice(indicator, year), grid.indicator(indicator)).iloc[0]["value"]
    assert agg["value"] == pytest.approx(city)


def test_survey_share_is_resident_weighted_and_untested(grid):
    agg = aggregate_set(grid, "green_space_satisfaction", 2022, ["Z1", "Z2"])
    assert agg["method"] == "weighted"
    assert agg["value"] == pytest.approx((70 * POP[0] + 60 * POP[1]) / (POP[0] + POP[1]))
    assert agg["test"] is None and np.isnan(agg["ci_low"])


def test_suppressed_zone_counts_in_the_sum(grid):
    # Z8 (3 of 60) is hidden on its own but its children are part of the area
    facts = zone_facts(grid, "child_low_income", 2022).set_index("zone_id")
    assert facts.loc["Z8", "status"] == "suppressed"
    agg = aggregate_set(grid, "child_low_income", 2022, ["Z7", "Z8"])
    assert agg["status"] == "computed" and agg["value"] == pytest.approx((18 + 3) / 260 * 100)


def test_small_aggregate_is_suppressed_like_a_zone(grid):
    agg = aggregate_set(grid, "child_low_income", 2022, ["Z8"])
    assert agg["status"] == "suppressed" and np.isnan(agg["value"]) and agg["test"] is None
    internal = aggregate_set(grid, "child_low_income", 2022, ["Z8"], public=False)
    assert internal["status"] == "computed" and internal["value"] == pytest.approx(5.0)


def test_missing_zone_left_out_of_the_aggregate(grid):
    agg = aggregate_set(grid, "child_low_income", 2022, ["Z1", "Z9"])
    assert agg["n_zones"] == 2 and agg["n_used"] == 1 and agg["value"] == pytest.approx(8.0)
    assert CHILD[2022][-1] is None
