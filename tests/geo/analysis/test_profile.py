"""Zone profile: fields, distribution, the spine chart's worse side, trends with gaps."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from geo.analysis.compare import area_figures, resolve_area
from geo.analysis.profile import (
    JSON_FIELDS,
    PROFILE_COLUMNS,
    area_profile,
    distribution,
    percentile,
    spine_position,
    spine_positions,
    trend_series,
)
from geo.analysis.zonesets import user_set

from .conftest import make_grid_dataset


def row(profile, indicator):
    return profile.set_index("id").loc[indicator]


def test_profile_has_the_json_fields_and_the_spine_fields(grid):
    p = area_profile(grid, "Z5", 2022)
    assert list(p.columns) == PROFILE_COLUMNS and PROFILE_COLUMNS[:len(JSON_FIELDS)] == JSON_FIELDS
    assert list(p["id"]) == [i for i in grid.indicator_ids if i in set(p["id"])]  # catalogue order
    assert set(p["id"]) == {"child_low_income", "higher_education", "population", "green_space_satisfaction"}
    r = row(p, "child_low_income")
    assert r["value"] == 25.0 and r["rank"] == 1 and r["n_ranked"] == 7 and bool(r["tied"]) is True
    assert r["vs_city"] == "worse" and r["year"] == 2022 and r["source"] == "test"
    # seven visible zone values: 8, 9, 13, 15, 17, 25, 25 (Z8 suppressed, Z9 missing)
    assert (r["min"], r["median"], r["max"]) == (8.0, 15.0, 25.0)
    assert r["q1"] == pytest.approx(11.0) and r["q3"] == pytest.approx(21.0)
    assert r["percentile"] == pytest.approx(100 * (5 + 1) / 7)


def test_profile_of_a_set_has_no_rank_but_a_percentile(grid):
    p = area_profile(grid, user_set(grid, ["Z1", "Z5"]), 2022)
    r = row(p, "child_low_income")
    assert pd.isna(r["rank"]) and pd.isna(r["district_value"]) and r["value"] == pytest.approx(16.5)
    assert r["percentile"] == pytest.approx(100 * 4 / 7)
    pop = row(p, "population")  # a sum of zones is not placed among the zones
    assert pop["value"] == 2200 and np.isnan(pop["percentile"]) and np.isnan(pop["min"])
    assert np.isnan(spine_positions(pop)["value"])


def test_default_year_is_the_latest(grid):
    assert set(area_profile(grid, "Z1")["year"]) == {2022}


def test_distribution_and_percentile_edge_cases():
    assert all(np.isnan(v) for v in distribution([np.nan]).values())
    assert percentile(np.nan, [1, 2]) != percentile(np.nan, [1, 2])
    assert percentile(2, [1, 2, 3]) == pytest.approx(50.0)


@pytest.mark.parametrize(("direction", "low_pos", "high_pos"), [("higher_is_worse", 1.0, 0.0),
                                                                ("higher_is_better", 0.0, 1.0),
                                                                ("neutral", 0.0, 1.0)])
def test_spine_puts_worse_on_the_left_whatever_the_direction(direction, low_pos, high_pos):
    assert spine_position(10, 10, 30, direction) == low_pos
    assert spine_position(30, 10, 30, direction) == high_pos
    assert spine_position(15, 10, 30, direction) == pytest.approx(0.75 if direction == "higher_is_worse" else 0.25)


def test_spine_worst_zone_is_left_for_both_directions(grid):
    p = area_profile(grid, "Z5", 2022)
    worst_poverty = spine_positions(row(p, "child_low_income"))  # Z5 has the highest share: the worst
    assert worst_poverty["value"] == 0.0 and worst_poverty["worst"] == 0.0 and worst_poverty["best"] == 1.0
    low_ed = spine_positions(row(area_profile(grid, "Z8", 2022), "higher_education"))  # lowest share: the worst
    assert low_ed["value"] == 0.0
    top_ed = spine_positions(row(area_profile(grid, "Z4", 2022), "higher_education"))
    assert top_ed["value"] == 1.0
    assert worst_poverty["q_worse"] <= worst_poverty["median"] <= worst_poverty["q_better"]


def test_spine_degenerate_inputs():
    assert spine_position(5, 5, 5, "higher_is_worse") == 0.5
    assert np.isnan(spine_position(np.nan, 0, 1, "higher_is_worse"))
    assert spine_position(50, 0, 10, "higher_is_better") == 1.0  # clipped


def test_trend_series_keeps_gaps_and_suppressed_years_as_nan():
    ds = make_grid_dataset(child={2016: [10] * 9, 2018: [12] * 8 + [3], 2019: [14] * 9})
    t = trend_series(ds, "Z9", "child_low_income")
    assert list(t["year"]) == [2016, 2017, 2018, 2019]
    assert t["value"].iloc[0] == pytest.approx(5.0) and np.isnan(t["value"].iloc[1])
    assert t["status"].iloc[1] == "missing" and np.isnan(t["city_value"].iloc[1])
    # 3 of 200 in 2018 is suppressed for the public, shown internally
    assert t["status"].iloc[2] == "suppressed" and np.isnan(t["value"].iloc[2])
    assert trend_series(ds, "Z9", "child_low_income", public=False)["value"].iloc[2] == pytest.approx(1.5)


def test_trend_series_of_a_set(grid):
    t = trend_series(grid, ["Z1", "Z2"], "child_low_income")
    assert list(t["year"]) == [2019, 2020, 2021, 2022]
    assert t["value"].tolist() == pytest.approx([30 / 4, 34 / 4, 38 / 4, 42 / 4])


@pytest.mark.parametrize("area", ["Z4", "Z8", "Z9", ("Z1", "Z5"), ("Z8",)])
@pytest.mark.parametrize("public", [True, False])
def test_trend_series_equals_the_figures_of_each_year(grid, area, public):
    area = list(area) if isinstance(area, tuple) else area
    t = trend_series(grid, area, "child_low_income", public=public).set_index("year")
    a = resolve_area(grid, area)
    for y in (2019, 2020, 2021, 2022):
        fig = area_figures(grid, a, "child_low_income", y, public=public)
        for key in ("value", "numerator", "denominator", "ci_low", "ci_high", "city_value", "district_value"):
            assert t.loc[y, key] == pytest.approx(fig[key], nan_ok=True), (y, key)
        assert t.loc[y, "status"] == fig["status"] and t.loc[y, "vs_city"] == fig["vs_city"]


def test_yearly_weights_follow_resident_weights(grid):
    from geo.analysis.profile import yearly_zone_values
    from geo.benchmarks import resident_weights

    g = yearly_zone_values(grid, "child_low_income")
    for y in (2019, 2022):
        at = g[g["year"] == y]
        assert np.allclose(at["weight"], resident_weights(grid, y, at["zone_id"]))
