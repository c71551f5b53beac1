"""The comparison table: zones and sets side by side."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from geo.analysis.compare import COMPARISON_COLUMNS, comparison_table, indicator_years, resolve_area
from geo.analysis.zonesets import ALL_ID, find_set, user_set
from geo.errors import UnknownChoiceError


def cell(table, column_id, indicator):
    hit = table[(table["column_id"] == column_id) & (table["indicator"] == indicator)]
    assert len(hit) == 1
    return hit.iloc[0]


def test_columns_and_rows(grid):
    t = comparison_table(grid, ["Z1", "Sone 5", find_set(grid, ALL_ID)], 2022)
    assert list(t.columns) == COMPARISON_COLUMNS
    assert list(t["column_id"].unique()) == ["Z1", "Z5", ALL_ID]
    assert set(t["indicator"]) == {"child_low_income", "higher_education", "green_space_satisfaction", "population"}
    assert len(t) == 3 * 4


def test_zone_cell_has_rank_city_district_and_marker(grid):
    t = comparison_table(grid, ["Z5", "Z1", "Z4"], 2022)
    z5 = cell(t, "Z5", "child_low_income")
    assert z5["rank"] == 1 and z5["n_ranked"] == 7 and z5["kind"] == "zone"
    assert z5["city_value"] == pytest.approx(227 / 1460 * 100)
    assert z5["district_value"] == pytest.approx((34 + 50 + 50 + 18 + 3) / 860 * 100)
    assert z5["vs_city"] == "worse" and z5["test"] == "wilson"
    assert z5["pct_of_city"] == pytest.approx(25 / (227 / 1460 * 100) * 100)
    assert cell(t, "Z1", "child_low_income")["vs_city"] == "better"
    assert cell(t, "Z4", "child_low_income")["vs_city"] == "similar"
    # higher is better: rank 1 = the lowest share
    he = t[(t["indicator"] == "higher_education")].set_index("column_id")
    assert he.loc["Z5", "rank"] == 2  # 20 % — only Z8's 15 % is lower
    assert cell(t, "Z1", "green_space_satisfaction")["test"] == "published_ci"


def test_ties_share_a_rank_and_missing_is_not_ranked(grid):
    t = comparison_table(grid, ["Z5", "Z6", "Z8", "Z9"], 2022, indicators=["child_low_income"])
    assert t["rank"].iloc[0] == 1 and t["rank"].iloc[1] == 1
    assert t["rank"].isna().iloc[2] and t["rank"].isna().iloc[3]
    assert t["status"].iloc[2] == "suppressed" and np.isnan(t["value"].iloc[2])
    assert pd.isna(t["vs_city"].iloc[2]) and pd.isna(t["test"].iloc[2])


def test_set_column_is_aggregated_without_rank(grid):
    s = user_set(grid, ["Z1", "Z5"])
    c = cell(comparison_table(grid, [s], 2022), s.id, "child_low_income")
    assert c["kind"] == "set" and c["value"] == pytest.approx(66 / 400 * 100) and c["method"] == "ratio"
    assert c["numerator"] == 66 and c["denominator"] == 400
    assert pd.isna(c["rank"]) and pd.isna(c["n_ranked"]) and pd.isna(c["district_value"])
    assert c["vs_city"] == "similar" and c["test"] == "wilson" and c["n_zones"] == 2 and c["n_used"] == 2
    partial = cell(comparison_table(grid, [["Z1", "Z9"]], 2022), "Z1,Z9", "child_low_income")
    assert partial["n_zones"] == 2 and partial["n_used"] == 1 and partial["value"] == pytest.approx(8.0)


def test_all_zones_column_equals_the_city_everywhere(grid):
    t = comparison_table(grid, [find_set(grid, ALL_ID)], 2022)
    assert np.allclose(t["value"], t["city_value"]) and np.allclose(t["pct_of_city"], 100)


def test_list_inside_columns_is_one_aggregated_column(grid):
    t = comparison_table(grid, [["Z1", "Z5"], "Z2"], 2022, indicators=["child_low_income"])
    assert list(t["kind"]) == ["set", "zone"]
    assert resolve_area(grid, ["Z1"]).kind == "zone"


def test_year_rule_exact_or_latest_earlier(grid):
    assert indicator_years(grid, 2021) == {"child_low_income": 2021}
    assert indicator_years(grid, 2023, exact=False) == {
        "child_low_income": 2022, "higher_education": 2022, "population": 2022, "green_space_satisfaction": 2022}
    t = comparison_table(grid, ["Z1"], 2023, exact=False)
    assert set(t["year"]) == {2022}
    assert comparison_table(grid, ["Z1"], 2030).empty


def test_bad_columns_raise(grid):
    with pytest.raises(ValueError, match="at least one zone"):
        comparison_table(grid, [], 2022)
    with pytest.raises(UnknownChoiceError, match="Unknown zone 'Sone 55'.*Sone 5"):
        comparison_table(grid, ["Sone 55"], 2022)


def test_two_user_sets_stay_two_columns(grid):
    t = comparison_table(grid, [user_set(grid, ["Z1", "Z2"]), user_set(grid, ["Z4", "Z5"])], 2022,
                         indicators=["child_low_income"])
    assert list(t["column_id"]) == ["user", "user~2"] and list(t["zone_ids"]) == ["Z1,Z2", "Z4,Z5"]
    assert t["value"].tolist() == pytest.approx([42 / 400 * 100, 84 / 400 * 100])
