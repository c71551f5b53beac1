"""Relationships: OLS, R², Spearman by hand; terciles and the 3×3 classes; refusals."""

from __future__ import annotations

import numpy as np
import pytest

from geo.analysis import relationships as rel
from tests.geo.analysis.grid import grid_dataset, grid_zones


def test_fit_by_hand():
    f = rel.fit([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])
    # slope = Σdxdy/Σdx² = 8/10; intercept = 3 − 0.8·3; R² = 8²/(10·10); ρ on ranks = 0.8
    assert (f.slope, f.intercept, f.r2, f.rho, f.n) == pytest.approx((0.8, 0.6, 0.64, 0.8, 5))


def test_fit_exact_line_and_missing_pairs_dropped():
    x = np.array([1, 2, 3, 4, 5, 6, np.nan])
    f = rel.fit(x, 2 * np.nan_to_num(x) + 1)
    assert (f.slope, f.intercept, f.r2, f.rho, f.n) == pytest.approx((2, 1, 1, 1, 6))


@pytest.mark.parametrize("x, y, match", [
    ([1, 2, 3], [1, 2, 3], "only 3 zone"),
    ([1, 1, 1, 1, 1], [1, 2, 3, 4, 5], "same x value"),
    ([1, 2, 3, 4, 5], [7, 7, 7, 7, 7], "same y value"),
])
def test_fit_refusals(x, y, match):
    with pytest.raises(rel.NotEnoughData, match=match):
        rel.fit(x, y)


def test_terciles_by_rank_with_ties_together():
    assert rel.terciles([1, 2, 3, 4, 5, 6, 7, 8, 9]).tolist() == [0, 0, 0, 1, 1, 1, 2, 2, 2]
    t = rel.terciles([1, 1, 1, 1, 5, 6, np.nan])
    assert t.tolist()[:4] == [t[0]] * 4 and t[-1] == -1
    with pytest.raises(rel.NotEnoughData, match="same value"):
        rel.terciles([3, 3, 3, 3, 3])
    with pytest.raises(rel.NotEnoughData, match="only 2 zone"):
        rel.terciles([3, 4])


def test_bivariate_classes_and_labels():
    zones = grid_zones(1, 10)
    x = [1, 2, 3, 4, 5, 6, 7, 8, 9, np.nan]
    y = [9, 8, 7, 6, 5, 4, 3, 2, 1, 5]
    ds = grid_dataset(zones, {"child_low_income": x, "higher_education": y})
    pairs = rel.paired_values(ds, "child_low_income", "higher_education", 2022)
    cats = rel.bivariate_categories(pairs, {"nb": "X", "en": "X"}, {"nb": "Y", "en": "Y"})
    # x low & y high → 3·2 + 0 = 6; x high & y low → 2; missing x → no data
    assert cats.classes.tolist() == [6, 6, 6, 4, 4, 4, 2, 2, 2, -1]
    assert cats.labels["en"][6] == "X low, Y high" and cats.colours[6] == rel.BIVARIATE_COLOURS[6]
    assert len(cats.legend_rows("nb")) == 10
