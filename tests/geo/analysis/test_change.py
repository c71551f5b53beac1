"""Change between two years: direction, units, uncertainty flag, map classes, trend series; Wilson values."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from geo.analysis import change as ch
from geo.analysis.stats import wilson_interval
from geo.errors import LevekarError
from tests.geo.analysis.grid import grid_dataset, grid_zones

WORSE, BETTER, NEUTRAL = "child_low_income", "higher_education", "immigrants"


@pytest.mark.parametrize("k, n, low, high", [
    (10, 100, 0.0552, 0.1744),   # textbook example (Newcombe 1998; Brown, Cai & DasGupta 2001)
    (0, 10, 0.0, 0.2775),
    (10, 10, 0.7225, 1.0),
    (81, 263, 0.2553, 0.3662),  # Newcombe (1998), table I
])
def test_wilson_known_values(k, n, low, high):
    lo, hi = wilson_interval(k, n)
    assert float(lo) == pytest.approx(low, abs=5e-5) and float(hi) == pytest.approx(high, abs=5e-5)


def _two_years(ind, a, b, den=1000):
    zones = grid_zones(1, len(a))
    return grid_dataset(zones, {ind: {2020: a, 2023: b}}, denominator=den)


def test_change_in_percentage_points_and_relative():
    ds = _two_years(WORSE, [10, 20, 30, 40], [12, 18, 30, 50])
    f = ch.change_frame(ds, WORSE, 2020, 2023)
    assert f["change"].tolist() == pytest.approx([2, -2, 0, 10])
    assert f["relative"].tolist() == pytest.approx([20, -10, 0, 25])
    assert f["worse"].tolist() == pytest.approx([2, -2, 0, 10])
    assert ch.change_unit(ds.indicator(WORSE)) == "pp" and ch.change_unit(ds.indicator(WORSE), "relative") == "%"
    assert ch.format_change(ds.indicator(WORSE), 2.0, lang="nb") == "+2,0 pp"
    assert ch.format_change(ds.indicator(WORSE), -2.5, lang="en") == "−2.5 pp"
    assert ch.format_change(ds.indicator(WORSE), np.nan) == "–"
    assert ch.format_change(ds.indicator("population"), 1234.0, lang="en") == "+1,234"  # a count: no unit, no decimals


@pytest.mark.parametrize("ind, rise_is", [(WORSE, "worse"), (BETTER, "better")])
def test_change_map_direction(ind, rise_is):
    ds = _two_years(ind, [10, 10, 10, 10, 10, 10, 10], [20, 25, 30, 0, 2, 4, 10], den=100_000)
    f = ch.change_frame(ds, ind, 2020, 2023)
    cats = ch.change_categories(f, ds.indicator(ind))
    colours = cats.colour_of()
    red_side, blue_side = set(ch.DIVERGING_DIRECTED[4:]), set(ch.DIVERGING_DIRECTED[:3])
    rises = [colours[z] for z in ("Z0_0", "Z0_1", "Z0_2")]
    falls = [colours[z] for z in ("Z0_3", "Z0_4", "Z0_5")]
    worse, better = (rises, falls) if rise_is == "worse" else (falls, rises)
    assert set(worse) <= red_side and set(better) <= blue_side
    assert colours["Z0_6"] == ch.DIVERGING_DIRECTED[3]  # no change: the neutral middle
    # the largest change (+20): darkest red when a rise is worse, darkest blue when it is better
    assert cats.classes["Z0_2"] == (6 if rise_is == "worse" else 0)
    assert "Verre" in cats.labels["nb"][6] and "Bedre" in cats.labels["nb"][0]


def test_without_intervals_three_size_classes_a_side():
    zones = grid_zones(1, 7)
    ds = grid_dataset(zones, {WORSE: {2020: [10] * 7, 2023: [11, 12, 13, 10, 9, 8, 7]}})  # no counts, no CI
    cats = ch.change_categories(ch.change_frame(ds, WORSE, 2020, 2023), ds.indicator(WORSE))
    assert cats.classes.tolist() == [4, 5, 6, 3, 2, 1, 0]
    assert not any("uncertainty" in lab for lab in cats.labels["en"])


def test_neutral_indicator_goes_up_and_down_without_worse():
    ds = _two_years(NEUTRAL, [10, 10, 10], [20, 5, 10])
    f = ch.change_frame(ds, NEUTRAL, 2020, 2023)
    assert f["worse"].isna().all()
    cats = ch.change_categories(f, ds.indicator(NEUTRAL))
    assert cats.colours == ch.DIVERGING_NEUTRAL
    assert cats.classes.tolist() == [6, 1, 3] and cats.labels["en"][6].startswith("Up")


def test_smaller_than_uncertainty_uses_both_wilson_intervals():
    ds = _two_years(WORSE, [10, 10], [12, 30], den=100)
    f = ch.change_frame(ds, WORSE, 2020, 2023)
    lo1, hi1 = wilson_interval(10, 100)
    lo2, hi2 = wilson_interval(12, 100)
    expected = np.hypot((hi1 - lo1) / 2, (hi2 - lo2) / 2) * 100
    assert f.loc[0, "uncertainty"] == pytest.approx(expected)
    assert bool(f.loc[0, "small"]) is True and bool(f.loc[1, "small"]) is False
    cats = ch.change_categories(f, ds.indicator(WORSE))
    # within its uncertainty: the faintest red; the change that counts: a darker red
    assert cats.classes.tolist() == [4, 5]
    assert cats.labels["en"][4] == "Worse, but smaller than its uncertainty" and cats.labels["en"][3] == "No change"
    assert cats.labels["nb"][2] == "Bedre, men mindre enn usikkerheten"


def test_without_intervals_uncertainty_is_unknown():
    zones = grid_zones(1, 3)
    ds = grid_dataset(zones, {WORSE: {2020: [1, 2, 3], 2023: [2, 2, 5]}})  # no counts, no CI
    f = ch.change_frame(ds, WORSE, 2020, 2023)
    assert f["small"].isna().all() and f["uncertainty"].isna().all()


def test_zone_lacking_a_year_is_no_data():
    zones = grid_zones(1, 3)
    ds = grid_dataset(zones, {WORSE: {2020: [10, np.nan, 10], 2023: [12, 12, 12]}}, denominator=500,
                      suppressed=[(WORSE, "Z0_2")])
    f = ch.change_frame(ds, WORSE, 2020, 2023)
    cats = ch.change_categories(f, ds.indicator(WORSE))
    assert cats.classes.tolist()[1:] == [-1, -1] and cats.n_no_data == 2
    assert "Missing one of the years" in cats.legend_rows("en")[-1].label


def test_change_refusals():
    zones = grid_zones(1, 3)
    one_year = grid_dataset(zones, {WORSE: [1, 2, 3]})
    with pytest.raises(LevekarError, match="only 1 year"):
        ch.change_frame(one_year, WORSE, 2022, 2022)
    ds = _two_years(WORSE, [1, 2, 3], [1, 2, 3])
    with pytest.raises(LevekarError, match="two different years"):
        ch.change_frame(ds, WORSE, 2020, 2020)
    with pytest.raises(LevekarError, match="Unknown year"):
        ch.change_frame(ds, WORSE, 2020, 2021)
    f = ch.change_frame(ds, WORSE, 2020, 2023)
    with pytest.raises(ValueError, match="change measure must be one of"):
        ch.change_categories(f, ds.indicator(WORSE), "log")


def test_constant_change_has_no_division_by_zero():
    ds = _two_years(WORSE, [0, 0, 0], [0, 0, 0])
    f = ch.change_frame(ds, WORSE, 2020, 2023)
    assert f["relative"].isna().all() and (f["change"] == 0).all()
    cats = ch.change_categories(f, ds.indicator(WORSE), "relative")
    assert cats.n_no_data == 3
    assert (ch.change_categories(f, ds.indicator(WORSE)).classes == 3).all()


def test_trend_series_zone_district_city_with_intervals():
    zones = grid_zones(2, 2)
    ds = grid_dataset(zones, {WORSE: {2020: [10, 20, 30, 40], 2021: [12, 22, 32, 42], 2023: [14, 24, 34, 44]}},
                      denominator=200)
    t = ch.trend_series(ds, WORSE, ["Z0_0"], set_ids=["bydel:Øst"])
    assert set(t["kind"]) == {"zone", "set", "district", "city"}
    zone = t[t["kind"] == "zone"]
    assert zone["value"].tolist() == pytest.approx([10, 12, 14])
    lo, hi = wilson_interval(20, 200)
    assert zone["ci_low"].iloc[0] == pytest.approx(lo * 100) and zone["ci_high"].iloc[0] == pytest.approx(hi * 100)
    city = t[t["kind"] == "city"].set_index("year")
    assert city.loc[2020, "value"] == pytest.approx(25.0)
    district = t[t["kind"] == "district"]
    assert district["label"].iloc[0] == "Bydel Vest" and district["value"].iloc[0] == pytest.approx(20.0)
    assert isinstance(t, pd.DataFrame) and list(t.columns) == ch.TREND_COLUMNS
