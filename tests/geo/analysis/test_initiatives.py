"""Initiatives: predefined from the facts (no invented years), gap before/after with its uncertainty."""

from __future__ import annotations

import math

import numpy as np
import pytest

from geo.analysis.initiatives import (
    CAVEATS,
    Initiative,
    caveat_text,
    comparison_group,
    difference_in_differences,
    find_initiative,
    gap_series,
    predefined_initiatives,
    user_initiative,
)
from geo.analysis.stats import Z95
from geo.data.dataset import load_default
from geo.errors import UnknownChoiceError

from .conftest import CHILD, IDS, make_grid_dataset


def test_predefined_from_the_facts_with_unknown_years():
    ds = load_default()
    inits = predefined_initiatives(ds)
    assert [i.id for i in inits] == ["omradesatsing_lademoen", "omradesatsing_tempe", "omradesatsing_saupstad"]
    assert all(i.start_year is None and i.end_year is None for i in inits)
    lademoen = find_initiative(ds, "omradesatsing_lademoen")
    assert lademoen.name == "Områdesatsing Lademoen" and lademoen.zone_ids == ("LKS48",) and lademoen.source
    with pytest.raises(UnknownChoiceError, match="Unknown initiative 'omradesatsing_kandidater'"):
        find_initiative(ds, "omradesatsing_kandidater")


def test_bad_initiatives_raise(grid):
    with pytest.raises(ValueError, match="end year 2019 is before start year 2020"):
        Initiative("x", "X", ("Z1",), 2020, 2019)
    with pytest.raises(ValueError, match="has no zones"):
        Initiative("x", "X", ())
    with pytest.raises(ValueError, match="zone ids not in the dataset: Q"):
        user_initiative(grid, ["Z1", "Q"], 2020)


def pooled(nums, dens):
    p = sum(nums) / sum(dens)
    return p * 100, p * (1 - p) / sum(dens) * 100 * 100


def test_did_against_the_city_by_hand(grid):
    init = user_initiative(grid, ["Z1", "Z2"], 2021)
    did = difference_in_differences(grid, init, "child_low_income").set_index("reference")
    dens = [60 if z == "Z8" else 200 for z in IDS]

    def period(years):
        a_num = [CHILD[y][i] for y in years for i in (0, 1)]
        c = [(n, d) for y in years for n, d in zip(CHILD[y], dens) if n is not None]
        return pooled(a_num, [200] * len(a_num)), pooled([n for n, _ in c], [d for _, d in c])

    (ab, vab), (cb, vcb) = period([2019, 2020])
    (aa, vaa), (ca, vca) = period([2021, 2022])
    row = did.loc["city"]
    assert row["before_years"] == [2019, 2020] and row["after_years"] == [2021, 2022]
    assert row["gap_before"] == pytest.approx(ab - cb) and row["gap_after"] == pytest.approx(aa - ca)
    assert row["did"] == pytest.approx((aa - ca) - (ab - cb))
    half = Z95 * math.sqrt(vab + vcb + vaa + vca)
    assert row["ci_low"] == pytest.approx(row["did"] - half) and row["ci_high"] == pytest.approx(row["did"] + half)
    assert row["method"] == "pooled_binomial"
    assert {"no_causal_claim", "regression_to_mean", "years_not_independent", "small_numbers"} <= set(row["caveats"])


def test_did_against_a_comparison_group(grid):
    init = user_initiative(grid, ["Z1", "Z2"], 2021)
    comp = comparison_group(grid, init, ["child_low_income"], k=2)
    assert not set(comp["zone_id"]) & {"Z1", "Z2", "Z3", "Z4", "Z5", "Z6"}  # members and neighbours excluded
    did = difference_in_differences(grid, init, "child_low_income", list(comp["zone_id"]))
    assert list(did["reference"]) == ["city", "comparison"]
    row = did.set_index("reference").loc["comparison"]
    g = gap_series(grid, init, "child_low_income", list(comp["zone_id"]))
    assert row["gap_before"] == pytest.approx(
        (g.loc[g.year < 2021, "area_num"].sum() / g.loc[g.year < 2021, "area_den"].sum()
         - g.loc[g.year < 2021, "comparison_num"].sum() / g.loc[g.year < 2021, "comparison_den"].sum()) * 100)
    assert "comparison_excludes_neighbours" in row["caveats"]


def test_unknown_start_year_gives_no_difference_and_says_so(grid):
    init = user_initiative(grid, ["Z1"], None)
    did = difference_in_differences(grid, init, "child_low_income")
    assert np.isnan(did["did"].iloc[0]) and "start_unknown" in did["caveats"].iloc[0]
    assert gap_series(grid, init, "child_low_income")["period"].isna().all()
    with pytest.raises(ValueError, match="start year is unknown"):
        comparison_group(grid, init, ["child_low_income"])
    with pytest.raises(ValueError, match="no values before 2019"):
        comparison_group(grid, init.with_years(2019), ["child_low_income"])


def test_without_counts_the_gap_is_a_mean_of_years_without_interval():
    ds = make_grid_dataset()
    v = ds.values.copy()
    v.loc[v["indicator"] == "child_low_income", ["numerator", "denominator"]] = np.nan
    ds.values = v
    init = user_initiative(ds, ["Z1"], 2021)
    row = difference_in_differences(ds, init, "child_low_income").iloc[0]
    g = gap_series(ds, init, "child_low_income")
    assert row["method"] == "mean_of_years" and np.isnan(row["ci_low"]) and "no_interval" in row["caveats"]
    assert row["did"] == pytest.approx(g.loc[g.year >= 2021, "gap_city"].mean() - g.loc[g.year < 2021, "gap_city"].mean())


def test_suppressed_area_has_no_difference(grid):
    row = difference_in_differences(grid, user_initiative(grid, ["Z8"], 2021), "child_low_income").iloc[0]
    assert np.isnan(row["did"]) and "small_numbers" in row["caveats"] and "few_years" in row["caveats"]


def test_every_caveat_in_both_languages():
    for key, (nb, en) in CAVEATS.items():
        assert nb and en and caveat_text(key, "en") == en and caveat_text(key) == nb


def test_url_value_round_trip(grid):
    from geo.analysis.initiatives import initiative_param, parse_initiative_param

    mine = user_initiative(grid, ["Z1", "Z2"], 2020, 2022)
    assert initiative_param(mine) == "Z1,Z2@2020-2022"
    back = parse_initiative_param(grid, initiative_param(mine))
    assert back.zone_ids == ("Z1", "Z2") and (back.start_year, back.end_year) == (2020, 2022)
    assert parse_initiative_param(grid, "Z1,Q9@2021").zone_ids == ("Z1",)  # unknown ids dropped
    assert parse_initiative_param(grid, "Z3").start_year is None
    ds = load_default()
    lademoen = find_initiative(ds, "omradesatsing_lademoen")
    assert initiative_param(lademoen) == "omradesatsing_lademoen"
    again = parse_initiative_param(ds, initiative_param(lademoen.with_years(2019)))
    assert again.id == "omradesatsing_lademoen" and again.start_year == 2019 and again.zone_ids == ("LKS48",)
    with pytest.raises(ValueError, match="years must be START or START-END"):
        parse_initiative_param(grid, "Z1@20x1")
    with pytest.raises(ValueError, match="end year 2019 is before start year 2021"):
        parse_initiative_param(grid, "Z1@2021-2019")
    with pytest.raises(ValueError, match="none of its zones is in the dataset"):
        parse_initiative_param(grid, "Q1,Q2")
    with pytest.raises(UnknownChoiceError, match="Unknown initiative 'omradesatsing_x'"):
        parse_initiative_param(ds, "omradesatsing_x@2019")
