"""The levekår index: hand-computed scores, ranks, rank uncertainty and every validation branch."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from geo.analysis import index as ix
from geo.benchmarks import ranks, zone_facts
from geo.errors import LevekarError, UnknownChoiceError
from tests.geo.analysis.grid import grid_dataset, grid_zones

WORSE = "child_low_income"      # higher_is_worse
BETTER = "higher_education"     # higher_is_better
NEUTRAL = "immigrants"


@pytest.fixture
def five():
    zones = grid_zones(1, 5)
    return grid_dataset(zones, {WORSE: [1, 2, 3, 4, 5], BETTER: [50, 40, 10, 30, 20], NEUTRAL: [1, 2, 3, 4, 5]})


def test_scores_by_hand(five):
    # WORSE z = (x-3)/sqrt(2); BETTER oriented z = -(x-30)/sqrt(200); weights 3:1
    res = ix.levekar_index(five, [WORSE, BETTER], [3, 1], draws=0)
    zw = (np.array([1, 2, 3, 4, 5]) - 3) / np.sqrt(2)
    zb = -(np.array([50, 40, 10, 30, 20]) - 30) / np.sqrt(200)
    expected = 0.75 * zw + 0.25 * zb
    np.testing.assert_allclose(res.table["score"], expected)
    assert res.weights == (0.75, 0.25)
    assert list(res.table["rank"]) == list(pd.Series(expected).rank(ascending=False, method="min").astype(int))


@pytest.mark.parametrize("ind", [WORSE, BETTER])
def test_one_indicator_ranks_exactly_as_the_indicator(ind):
    rng = np.random.default_rng(3)
    zones = grid_zones(6, 6)
    values = rng.integers(5, 40, size=36).astype(float)
    values[[4, 9]] = values[3]  # ties must share the rank, as benchmarks.ranks does
    ds = grid_dataset(zones, {ind: values}, denominator=400)
    res = ix.levekar_index(ds, [ind], draws=50, seed=1)
    expected = ranks(zone_facts(ds, ind, 2022)["value"], ds.indicator(ind))
    assert res.table["rank"].tolist() == expected.tolist()


def test_rank_uncertainty_properties():
    rng = np.random.default_rng(5)
    zones = grid_zones(8, 8)
    ds = grid_dataset(zones, {WORSE: rng.uniform(5, 30, 64), BETTER: rng.uniform(20, 60, 64),
                              "unemployment": rng.uniform(1, 6, 64)}, denominator=rng.integers(30, 300, 64))
    res = ix.levekar_index(ds, [WORSE, BETTER, "unemployment"], [2, 1, 1], draws=400, worst=7, seed=11)
    t = res.table
    assert t["p_worst"].sum() == pytest.approx(7)
    assert ((t["rank_low"] <= t["rank"]) & (t["rank"] <= t["rank_high"])).all()
    assert (t["rank_high"] > t["rank_low"]).any()  # small denominators: real uncertainty
    again = ix.levekar_index(ds, [WORSE, BETTER, "unemployment"], [2, 1, 1], draws=400, worst=7, seed=11)
    pd.testing.assert_frame_equal(t, again.table)
    other = ix.levekar_index(ds, [WORSE, BETTER, "unemployment"], [2, 1, 1], draws=400, worst=7, seed=12)
    assert not t["p_worst"].equals(other.table["p_worst"])


def test_huge_denominators_leave_no_rank_uncertainty():
    zones = grid_zones(2, 5)
    ds = grid_dataset(zones, {WORSE: np.arange(10) * 5 + 5.0}, denominator=10_000_000)
    t = ix.levekar_index(ds, [WORSE], draws=100, worst=3, seed=0).table
    assert (t["rank_low"] == t["rank"]).all() and (t["rank_high"] == t["rank"]).all()
    assert t.sort_values("rank")["p_worst"].tolist() == [1.0] * 3 + [0.0] * 7


def test_survey_values_are_redrawn_from_their_interval():
    zones = grid_zones(2, 5)
    ds = grid_dataset(zones, {"green_space_satisfaction": np.linspace(50, 59, 10)}, ci=15.0)
    inputs = ix.index_inputs(ds, ["green_space_satisfaction"], 2022)
    assert np.isnan(inputs.trials).all()
    np.testing.assert_allclose(inputs.sd[:, 0], 30 / (2 * 1.959963984540054))
    t = ix.levekar_index(ds, ["green_space_satisfaction"], draws=300, seed=2).table
    assert (t["rank_high"] - t["rank_low"] >= 3).all()  # wide intervals, overlapping values


def test_suppressed_values_are_missing_and_never_resampled():
    zones = grid_zones(2, 5)
    vals = np.linspace(5, 50, 10)
    ds = grid_dataset(zones, {WORSE: vals, "unemployment": vals / 5}, denominator=500,
                      suppressed=[(WORSE, "Z0_0"), (WORSE, "Z0_1"), ("unemployment", "Z0_1")])
    inputs = ix.index_inputs(ds, [WORSE, "unemployment"], 2022)
    assert np.isnan(inputs.values[0, 0]) and np.isnan(inputs.trials[0, 0])
    t = ix.levekar_index(ds, [WORSE, "unemployment"], draws=50, seed=0).table.set_index("zone_id")
    assert np.isnan(t.loc["Z0_1", "score"]) and t.loc["Z0_1", "p_worst"] == 0  # nothing left: unranked
    assert t.loc["Z0_0", "coverage"] == pytest.approx(0.5) and np.isfinite(t.loc["Z0_0", "score"])


def test_presets():
    zones = grid_zones(2, 5)
    ds = grid_dataset(zones, {i: np.arange(10.0) + 1 for i in
                              ("child_low_income", "low_income_households", "unemployment", "low_education",
                               NEUTRAL)})
    w = ix.preset_weights("levekar", ds)
    # three themes present (income, work, education), a third each; income shared by two indicators
    assert set(w) == {"child_low_income", "low_income_households", "unemployment", "low_education"}
    assert w["unemployment"] == pytest.approx(1 / 3) and w["child_low_income"] == pytest.approx(1 / 6)
    assert sum(w.values()) == pytest.approx(1) and NEUTRAL not in w
    assert ix.preset_weights("equal", ds, [WORSE, "unemployment"]) == {WORSE: 0.5, "unemployment": 0.5}
    with pytest.raises(UnknownChoiceError, match="Unknown index preset 'nope'"):
        ix.preset_weights("nope", ds)
    only_neutral = grid_dataset(zones, {NEUTRAL: np.arange(10.0)})
    with pytest.raises(LevekarError, match="none of its indicators"):
        ix.preset_weights("levekar", only_neutral)


def test_default_year_is_latest_common():
    zones = grid_zones(1, 5)
    ds = grid_dataset(zones, {WORSE: {2020: [1, 2, 3, 4, 5], 2021: [1, 2, 3, 4, 5], 2023: [1, 2, 3, 4, 5]},
                              BETTER: {2020: [1, 2, 3, 4, 5], 2021: [5, 4, 3, 2, 1]}})
    assert ix.levekar_index(ds, [WORSE, BETTER], draws=0).year == 2021


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(indicator_ids=["nope"]), UnknownChoiceError, "Unknown indicator 'nope'. Available: child_low_income"),
    (dict(indicator_ids=[]), LevekarError, "choose at least one indicator"),
    (dict(indicator_ids=[NEUTRAL]), LevekarError, "is neutral"),
    (dict(indicator_ids=[WORSE, BETTER], weights=[1]), LevekarError, "one weight per indicator"),
    (dict(indicator_ids=[WORSE, BETTER], weights=[1, -1]), LevekarError, "non-negative"),
    (dict(indicator_ids=[WORSE, BETTER], weights=[0, 0]), LevekarError, "at least one weight"),
    (dict(indicator_ids=[WORSE], year=1999), LevekarError, "no values for every chosen indicator in 1999"),
    (dict(indicator_ids=[WORSE], draws=-1), LevekarError, "draws must be"),
    (dict(indicator_ids=[WORSE], worst=0), LevekarError, "worst ≥ 1"),
])
def test_validation(five, kwargs, error, match):
    with pytest.raises(error, match=match):
        ix.levekar_index(five, **kwargs)


def test_constant_and_mostly_missing_indicators_are_refused():
    zones = grid_zones(2, 5)
    sparse = np.full(10, np.nan)
    sparse[:3] = [1, 2, 3]
    ds = grid_dataset(zones, {WORSE: np.full(10, 7.0), BETTER: sparse})
    with pytest.raises(LevekarError, match="every zone has the same value"):
        ix.levekar_index(ds, [WORSE])
    with pytest.raises(LevekarError, match="only 3 zone"):
        ix.levekar_index(ds, [BETTER])


def test_shared_year_missing():
    zones = grid_zones(1, 5)
    ds = grid_dataset(zones, {WORSE: {2020: [1, 2, 3, 4, 5]}, BETTER: {2021: [1, 2, 3, 4, 5]}})
    with pytest.raises(LevekarError, match="share no year"):
        ix.levekar_index(ds, [WORSE, BETTER])


def test_vectorised_draws_match_a_per_draw_loop():
    """The block-vectorised ranks equal a plain per-draw computation with the same random stream."""
    rng = np.random.default_rng(1)
    zones = grid_zones(3, 4)
    ds = grid_dataset(zones, {WORSE: rng.uniform(5, 30, 12), BETTER: rng.uniform(20, 60, 12)}, denominator=80)
    inputs = ix.index_inputs(ds, [WORSE, BETTER], 2022)
    w = np.array([0.6, 0.4])
    ranked = np.ones(12, dtype=bool)
    fast = ix.rank_draws(inputs, w, ranked, draws=5, seed=9, vary_values=False)
    g = np.random.default_rng(9)
    ws = g.dirichlet(w * ix.CONCENTRATION, size=5)
    for d in range(5):
        score = ix._combine(ix._standardise(inputs.values, inputs.signs), ws[d], np.isfinite(inputs.values))
        expected = pd.Series(score).rank(ascending=False, method="first").astype(int).to_numpy()
        assert fast[d].tolist() == expected.tolist()


def test_public_values_match_zone_facts_public():
    zones = grid_zones(2, 5)
    ds = grid_dataset(zones, {WORSE: np.linspace(5, 50, 10)}, denominator=np.arange(10) * 10 + 5.0,
                      suppressed=[(WORSE, "Z1_4")])
    rows = ix.public_values(ds, [WORSE], 2022).set_index("zone_id").reindex(ds.zones["zone_id"])
    facts = zone_facts(ds, WORSE, 2022, public=True)
    np.testing.assert_array_equal(rows["value"].to_numpy(), facts["value"].to_numpy())
    assert np.isnan(rows.loc["Z1_4", "value"]) and np.isnan(rows.loc["Z0_0", "value"])  # suppressed; denominator 5
    assert rows["value"].isna().sum() == int((facts["status"] == "suppressed").sum()) >= 2


def test_redraws_follow_the_binomial_both_exact_and_approximated():
    # 3/10 (exact binomial) and 3000/10000 (normal approximation): same mean, variance p(1-p)/n
    zones = grid_zones(1, 5)
    inputs = ix.IndexInputs(zones, (WORSE,), np.array([1.0]), np.array([[30.0]] * 5),
                            np.array([[10.0], [10.0], [1e4], [1e4], [1e4]]), np.full((5, 1), np.nan), np.array([100.0]))
    draws = ix._draw_values(inputs, np.random.default_rng(0), 20000)[:, :, 0]
    assert draws[:, 0].mean() == pytest.approx(30, abs=0.3) and draws[:, 0].var() == pytest.approx(210, rel=0.05)
    assert draws[:, 2].mean() == pytest.approx(30, abs=0.01) and draws[:, 2].var() == pytest.approx(0.21, rel=0.05)
    assert np.allclose(draws[:, 0] / 10, np.round(draws[:, 0] / 10))  # whole people: multiples of 10 %
