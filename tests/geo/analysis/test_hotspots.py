"""Hot spots: Moran's I on gradients and checkerboards, planted clusters, neighbours, FDR, refusals."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import false_discovery_control
from shapely.geometry import box

from geo.analysis import hotspots as hs
from geo.errors import UnknownChoiceError
from tests.geo.analysis.grid import X0, Y0, grid_dataset, grid_zones

IND = "child_low_income"


def _grid(rows, cols, values, **kw):
    return grid_dataset(grid_zones(rows, cols, **kw), {IND: values})


def test_gradient_is_clearly_positive():
    values = [float(r + c) for r in range(8) for c in range(8)]
    res = hs.hotspots(_grid(8, 8, values), IND, permutations=499, seed=1)
    assert res.moran_i > 0.5 and res.p_value < 0.05 and res.n == 64


def test_checkerboard_is_negative():
    values = [float((r + c) % 2) * 10 + 5 for r in range(8) for c in range(8)]
    ds = _grid(8, 8, values)
    queen = hs.hotspots(ds, IND, permutations=499, seed=1)
    # inner squares: 4 opposite edge neighbours, 4 same-colour corner neighbours; the rim tips it below 0
    assert -0.2 < queen.moran_i < 0
    rook = hs.hotspots(ds, IND, permutations=499, seed=1, contiguity="rook")
    assert rook.moran_i == pytest.approx(-1.0) and rook.p_value < 0.05
    with pytest.raises(UnknownChoiceError, match="Unknown contiguity 'bishop'"):
        hs.hotspots(ds, IND, contiguity="bishop")


def test_planted_block_is_hh_and_named_for_values():
    rng = np.random.default_rng(4)
    values = rng.normal(10, 1, (10, 10))
    values[1:4, 1:4] = 30.0
    res = hs.hotspots(_grid(10, 10, values.ravel()), IND, permutations=999, seed=3)
    by_id = res.zones.set_index("zone_id")
    block = [f"Z{r}_{c}" for r in range(1, 4) for c in range(1, 4)]
    assert (by_id.loc[block, "quadrant"] == "HH").all()
    assert by_id.loc["Z2_2", "cluster"] == "HH"  # the centre, surrounded by the block, survives FDR
    assert set(res.zones["cluster"]) <= set(hs.CLUSTERS)
    assert (by_id.drop(block)["cluster"] == "HH").sum() == 0
    assert (res.zones["p_fdr"] >= res.zones["p_value"] - 1e-12).all()


def test_moran_i_by_hand_on_a_row():
    # eight squares in a row: queen neighbours are left and right; row-standardised weights
    values = np.array([1, 2, 3, 4, 5, 6, 7, 8], dtype=float)
    res = hs.hotspots(_grid(1, 8, values), IND, permutations=99, seed=0)
    z = values - values.mean()
    n = len(z)
    num = sum(z[i] * z[j] / (1 if i in (0, n - 1) else 2) for i in range(n) for j in (i - 1, i + 1) if 0 <= j < n)
    assert res.moran_i == pytest.approx(n / n * num / (z * z).sum())


def test_fdr_is_benjamini_hochberg():
    values = [float(r * c % 7) for r in range(6) for c in range(6)]
    res = hs.hotspots(_grid(6, 6, values), IND, permutations=199, seed=2)
    np.testing.assert_allclose(res.zones["p_fdr"], false_discovery_control(res.zones["p_value"], method="bh"))
    # by hand on four p-values: sorted 0.01, 0.03, 0.04, 0.2 → 0.04, 0.0533, 0.0533, 0.2
    np.testing.assert_allclose(false_discovery_control([0.01, 0.04, 0.03, 0.2], method="bh"),
                               [0.04, 0.16 / 3, 0.16 / 3, 0.2])


def test_same_seed_same_answer_and_global_random_state_untouched():
    values = [float(r + c) for r in range(5) for c in range(5)]
    ds = _grid(5, 5, values)
    np.random.seed(123)
    before = np.random.random()
    np.random.seed(123)
    a = hs.hotspots(ds, IND, permutations=199, seed=7)
    assert np.random.random() == before
    b = hs.hotspots(ds, IND, permutations=199, seed=7)
    assert a.to_json() == b.to_json()


def test_island_gets_nearest_neighbours_and_is_reported():
    island = ("FAR", box(X0 + 20_000, Y0, X0 + 21_000, Y0 + 1000))
    zones = grid_zones(3, 3, extra=[island])
    nb = hs.neighbours(zones)
    assert nb.fallback == ("FAR",)
    far = nb.zone_ids.index("FAR")
    assert len(nb.w.neighbors[far]) == hs.KNN_FALLBACK
    assert all(far in nb.w.neighbors[j] for j in nb.w.neighbors[far])  # joined both ways
    values = list(range(9)) + [4.0]
    res = hs.hotspots(grid_dataset(zones, {IND: values}), IND, permutations=99)
    assert res.fallback == ("FAR",)


def test_missing_zones_are_left_out():
    values = [float(r + c) for r in range(4) for c in range(4)]
    values[0] = np.nan
    res = hs.hotspots(_grid(4, 4, values), IND, permutations=99)
    assert res.missing == ("Z0_0",) and res.n == 15 and "Z0_0" not in set(res.zones["zone_id"])


def test_json_has_exactly_the_fields():
    values = [float(r + c) for r in range(3) for c in range(3)]
    out = hs.hotspots(_grid(3, 3, values), IND, permutations=99).to_json()
    assert set(out) == {"moran_i", "p_value", "n", "zones"}
    assert set(out["zones"][0]) == {"zone_id", "name", "cluster", "p_value", "p_fdr"}


def test_refusals():
    with pytest.raises(hs.HotspotError, match="same value"):
        hs.hotspots(_grid(3, 3, [5.0] * 9), IND)
    sparse = [1.0, 2.0, 3.0] + [np.nan] * 6
    with pytest.raises(hs.HotspotError, match="only 3 zone"):
        hs.hotspots(_grid(3, 3, sparse), IND)
    with pytest.raises(hs.HotspotError, match="permutations must be at least 1"):
        hs.hotspots(_grid(3, 3, list(range(9))), IND, permutations=0)
    with pytest.raises(UnknownChoiceError, match="Unknown indicator 'nope'"):
        hs.hotspots(_grid(3, 3, list(range(9))), "nope")


def test_cluster_categories_cover_all_zones():
    values = [float(r + c) for r in range(4) for c in range(4)]
    values[5] = np.nan
    ds = _grid(4, 4, values)
    res = hs.hotspots(ds, IND, permutations=99)
    cats = hs.cluster_categories(res, ds.zones["zone_id"])
    assert cats.n_no_data == 1 and sum(cats.counts) == 15
    assert cats.label_of("en")["Z1_1"] == "No data / suppressed"
