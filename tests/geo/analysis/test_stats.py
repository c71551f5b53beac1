"""The significance marker against hand-computed Wilson intervals."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from geo.analysis.stats import compare_to_reference, interval_for, vs_reference, wilson_interval


def hand_wilson(k, n, z=1.959963984540054):
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


@pytest.mark.parametrize(("k", "n"), [(16, 200), (50, 200), (0, 40), (40, 40), (151.2, 432)])
def test_wilson_matches_hand_computation(k, n):
    lo, hi = wilson_interval(k, n)
    hlo, hhi = hand_wilson(k, n)
    assert lo == pytest.approx(max(hlo, 0.0), abs=1e-12) and hi == pytest.approx(min(hhi, 1.0), abs=1e-12)


def test_wilson_of_50_of_200_by_hand():
    # p = 0.25, z² = 3.8415: centre = (0.25 + 0.0096) / 1.019207 = 0.25471, half = 1.92305 × √(0.0009375 + 0.0000240) = 0.05963
    lo, hi = wilson_interval(50, 200)
    assert float(lo) == pytest.approx(0.19508, abs=1e-4) and float(hi) == pytest.approx(0.31434, abs=1e-4)


def test_marker_worse_similar_better_against_the_city():
    frame = pd.DataFrame({"numerator": [50, 34, 16], "denominator": [200, 200, 200]})
    v = vs_reference(frame, 15.55, scale=100, direction="higher_is_worse")
    # 25 % [19.5, 31.4] lies above 15.55; 17 % [12.4, 22.9] straddles it; 8 % [5.0, 12.6] lies below
    assert list(v["vs"]) == ["worse", "similar", "better"]
    assert list(v["test"]) == ["wilson"] * 3
    flipped = vs_reference(frame, 15.55, scale=100, direction="higher_is_better")
    assert list(flipped["vs"]) == ["better", "similar", "worse"]
    assert vs_reference(frame, 15.55, scale=100, direction="neutral")["vs"].isna().all()


def test_marker_boundary_is_not_a_difference():
    lo, hi = hand_wilson(50, 200)
    assert compare_to_reference([lo * 100], [hi * 100], lo * 100, "higher_is_worse") == ["similar"]
    assert compare_to_reference([lo * 100], [hi * 100], lo * 100 - 1e-9, "higher_is_worse") == ["worse"]


def test_published_ci_used_when_no_counts_and_no_test_otherwise():
    frame = pd.DataFrame({"value": [70.0, 60.0], "numerator": [np.nan, np.nan], "denominator": [np.nan, np.nan],
                          "ci_low": [64.0, np.nan], "ci_high": [76.0, np.nan]})
    low, high, test = interval_for(frame, 100)
    assert test.iloc[0] == "published_ci" and pd.isna(test.iloc[1]) and low.iloc[0] == 64.0 and np.isnan(low.iloc[1])


def test_published_share_with_denominator_uses_the_implied_count():
    # Lademoen: 35 % of 432 children, the count itself not published
    frame = pd.DataFrame({"value": [35.0], "numerator": [np.nan], "denominator": [432.0]})
    low, high, test = interval_for(frame, 100)
    hlo, hhi = hand_wilson(0.35 * 432, 432)
    assert test.iloc[0] == "wilson"
    assert low.iloc[0] == pytest.approx(hlo * 100) and high.iloc[0] == pytest.approx(hhi * 100)
