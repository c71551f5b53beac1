"""Zones like this one: own nearest at 0, invariance to rescaling, missing values, sets and neighbours."""

from __future__ import annotations

import math

import numpy as np
import pytest

from geo.analysis.similarity import (
    feature_matrix,
    neighbours,
    similar_to_set,
    similar_zones,
    standardise,
    zone_distances,
)

from .conftest import make_grid_dataset

INDS = ["child_low_income", "higher_education", "green_space_satisfaction"]


def test_own_nearest_neighbour_at_zero_and_left_out(grid):
    d = zone_distances(grid, "Z1", INDS, 2022)
    assert d["zone_id"].iloc[0] == "Z1" and d["distance"].iloc[0] == 0.0
    s = similar_zones(grid, "Z1", INDS, 2022, k=3)
    assert "Z1" not in set(s["zone_id"]) and len(s) == 3
    assert list(s["zone_id"]) == list(d["zone_id"].iloc[1:4])
    assert s["distance"].is_monotonic_increasing


def test_distance_is_the_euclidean_distance_of_z_scores(grid):
    m = feature_matrix(grid, INDS, 2022)
    z = (m - m.mean()) / m.std(ddof=0)
    # Z8 and Z9 lack child_low_income 2022: compare Z1 with Z2 on all three
    expected = math.sqrt(float(((z.loc["Z1"] - z.loc["Z2"]) ** 2).sum()))
    d = zone_distances(grid, "Z1", INDS, 2022).set_index("zone_id")
    assert d.loc["Z2", "distance"] == pytest.approx(expected)


def test_invariant_to_rescaling_an_indicator(grid):
    before = zone_distances(grid, "Z4", INDS, 2022)
    scaled = make_grid_dataset()
    v = scaled.values.copy()
    mask = v["indicator"] == "higher_education"
    v.loc[mask, "value"] = v.loc[mask, "value"] * 10 + 3  # per mille and shifted
    scaled.values = v
    after = zone_distances(scaled, "Z4", INDS, 2022)
    assert list(before["zone_id"]) == list(after["zone_id"])
    assert np.allclose(before["distance"], after["distance"])


def test_missing_values_scale_the_distance_and_too_few_shared_exclude(grid):
    m = feature_matrix(grid, INDS, 2022)
    z, _, _ = standardise(m)
    # Z9 has no child_low_income 2022: its distance is over 2 shared features, scaled by sqrt(3/2)
    partial = math.sqrt(float(((z.loc["Z1"] - z.loc["Z9"]).dropna() ** 2).sum()) * 3 / 2)
    d = zone_distances(grid, "Z1", INDS, 2022).set_index("zone_id")
    assert d.loc["Z9", "n_shared"] == 2 and d.loc["Z9", "distance"] == pytest.approx(partial)
    strict = zone_distances(grid, "Z1", INDS, 2022, min_shared=3)
    assert "Z9" not in set(strict["zone_id"]) and "Z8" not in set(strict["zone_id"])


def test_similar_and_different_on(grid):
    s = similar_zones(grid, "Z5", INDS, 2022, k=8).set_index("zone_id")
    # Z6 has the same child poverty share as Z5 (25 %)
    assert s.loc["Z6", "similar_on"][0] == "child_low_income"
    assert all(i in INDS for lst in s["different_on"] for i in lst)


def test_exclude_and_bad_input(grid):
    s = similar_zones(grid, "Z5", INDS, 2022, k=8, exclude=["Z6"])
    assert "Z6" not in set(s["zone_id"])
    with pytest.raises(ValueError, match="k must be at least 1"):
        similar_zones(grid, "Z5", INDS, 2022, k=0)
    with pytest.raises(ValueError, match="not in the dataset"):
        similar_zones(grid, "Q", INDS, 2022)
    with pytest.raises(ValueError, match="has no values on the chosen indicators"):
        similar_zones(grid, "Z9", ["child_low_income"], 2022)


def test_neighbours_on_the_grid(grid):
    # Z5 is the centre of the 3 x 3 grid: every other zone touches it (corners by a point)
    assert set(neighbours(grid, ["Z5"])) == {"Z1", "Z2", "Z3", "Z4", "Z6", "Z7", "Z8", "Z9"}
    assert set(neighbours(grid, ["Z1"])) == {"Z2", "Z4", "Z5"}
    assert set(neighbours(grid, ["Z1", "Z2"])) == {"Z3", "Z4", "Z5", "Z6"}


def test_similar_to_set_over_several_years_excludes_members_and_neighbours(grid):
    s = similar_to_set(grid, ["Z1", "Z2"], ["child_low_income"], [2019, 2020, 2021], k=10)
    # Z8 (3 of 60 every year) is suppressed, so it has nothing to be compared on
    assert set(s["zone_id"]) == {"Z7", "Z9"}
    with_nb = similar_to_set(grid, ["Z1", "Z2"], ["child_low_income"], [2019, 2020, 2021], k=10,
                             exclude_neighbours=False)
    assert set(with_nb["zone_id"]) == {"Z3", "Z4", "Z5", "Z6", "Z7", "Z9"}
    # the set's aggregate child share is 7.5 % .. 9.5 %: Z7 (6 % .. 8 %) is closest
    assert with_nb["zone_id"].iloc[0] in {"Z7", "Z9"}
    with pytest.raises(ValueError, match="zones not in the dataset"):
        similar_to_set(grid, ["Q"], ["child_low_income"], [2019])
