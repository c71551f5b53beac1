from __future__ import annotations

import pandas as pd
import pytest

from geo.benchmarks import aggregate, ranks
from geo.data.catalog import DEFAULT_CATALOG


def test_city_value_is_population_weighted(tiny_dataset):
    ind = DEFAULT_CATALOG["child_low_income"]
    s = tiny_dataset.slice("child_low_income", 2021)
    city = aggregate(s, ind).iloc[0]
    # (10 + 40 + 1) / (100 + 400 + 10), not the mean of 10 %, 10 %, 10 %
    assert city.value == pytest.approx(51 / 510 * 100)
    assert city.method == "ratio" and city.n_used == 3


def test_district_values(tiny_dataset):
    ind = DEFAULT_CATALOG["child_low_income"]
    d = aggregate(tiny_dataset.slice("child_low_income", 2021), ind, by="district")
    assert d.loc["Nord", "value"] == pytest.approx(50 / 500 * 100)
    assert d.loc["Sør", "value"] == pytest.approx(10.0)


def test_published_share_without_numerator_is_estimated():
    ind = DEFAULT_CATALOG["child_low_income"]
    f = pd.DataFrame({"value": [35.0, 10.0], "numerator": [None, 10.0], "denominator": [432.0, 100.0],
                      "status": ["published", "synthetic"]})
    v = aggregate(f, ind).iloc[0].value
    assert v == pytest.approx((0.35 * 432 + 10) / 532 * 100)


def test_mean_fallback_is_flagged():
    ind = DEFAULT_CATALOG["green_space_satisfaction"]
    f = pd.DataFrame({"value": [40.0, 80.0], "numerator": [None, None], "denominator": [None, None],
                      "status": ["synthetic", "synthetic"]})
    r = aggregate(f, ind).iloc[0]
    assert r.value == pytest.approx(60.0) and r.method == "mean"


def test_counts_add_up():
    ind = DEFAULT_CATALOG["population"]
    f = pd.DataFrame({"value": [100.0, 250.0], "numerator": [None] * 2, "denominator": [None] * 2,
                      "status": ["synthetic"] * 2})
    assert aggregate(f, ind).iloc[0].value == 350.0


def test_ranks_worst_first():
    vals = pd.Series([5.0, 20.0, None, 10.0])
    worse = ranks(vals, DEFAULT_CATALOG["child_low_income"]).tolist()
    better = ranks(vals, DEFAULT_CATALOG["green_space_satisfaction"]).tolist()
    assert worse[0] == 3 and worse[1] == 1 and pd.isna(worse[2]) and worse[3] == 2
    assert better[0] == 1 and better[1] == 3


def test_zone_facts(tiny_dataset):
    from geo.benchmarks import zone_facts

    f = zone_facts(tiny_dataset, "child_low_income", 2022).set_index("zone_id")
    assert f.loc["0102", "rank"] == 1 and f.loc["0101", "rank"] == 2  # 12.5 % is worse than 12 %
    assert pd.isna(f.loc["0201", "rank"])  # suppressed: no value, no rank
    assert (f["n_ranked"] == 2).all()
    assert f.loc["0101", "district_value"] == pytest.approx(62 / 500 * 100)


def test_shares_without_numerators_are_weighted_by_residents():
    ind = DEFAULT_CATALOG["green_space_satisfaction"]
    f = pd.DataFrame({"value": [40.0, 80.0], "numerator": [None, None], "denominator": [None, None],
                      "status": ["synthetic", "synthetic"], "weight": [3000.0, 1000.0]})
    r = aggregate(f, ind).iloc[0]
    assert r.value == pytest.approx(50.0) and r.method == "weighted"


def test_zone_facts_weights_survey_city_value_by_population():
    from geo.benchmarks import zone_facts
    from geo.data.dataset import load_default

    ds = load_default()
    f = zone_facts(ds, "green_space_satisfaction", 2023)
    assert (f["benchmark_method"] == "weighted").all()
    pop = ds.values[(ds.values.indicator == "population") & (ds.values.year == 2023)].set_index("zone_id")["value"]
    w = f["zone_id"].map(pop)
    assert f["city_value"].iloc[0] == pytest.approx((f["value"] * w).sum() / w.sum())


def _with_population(ds):
    """``tiny_dataset`` plus a count indicator (residents) of 100, 300 and 2 000 per zone."""
    from geo.data.dataset import Dataset, values_frame

    pop = values_frame([{"zone_id": z, "indicator": "population", "year": 2021, "value": v, "status": "synthetic",
                         "source": "test"} for z, v in (("0101", 100.0), ("0102", 300.0), ("0201", 2000.0))])
    return Dataset(ds.zones, pd.concat([ds.values, pop], ignore_index=True), ds.catalog, ds.meta, ds.references)


def test_count_is_compared_with_the_median_zone_not_the_total(tiny_dataset):
    from geo.benchmarks import reference, zone_facts

    ds = _with_population(tiny_dataset)
    ind = ds.indicator("population")
    assert ind.aggregation == "sum"
    f = zone_facts(ds, "population", 2021)
    assert f["city_value"].iloc[0] == pytest.approx(300.0)  # not 2 400
    assert set(f["benchmark_method"]) == {"median"}
    assert f.set_index("zone_id").loc["0101", "district_value"] == pytest.approx(200.0)  # Nord: 100 and 300
    assert reference(ds.slice("population", 2021), ind, by="district").loc["Sør", "value"] == pytest.approx(2000.0)
    # aggregate() still gives the total for callers that want the whole area's count
    assert aggregate(ds.slice("population", 2021), ind).iloc[0].value == pytest.approx(2400.0)


def test_shares_keep_the_whole_area_reference(tiny_dataset):
    from geo.benchmarks import reference, zone_facts

    ind = DEFAULT_CATALOG["child_low_income"]
    s = tiny_dataset.slice("child_low_income", 2021)
    pd.testing.assert_frame_equal(reference(s, ind), aggregate(s, ind))
    assert zone_facts(tiny_dataset, "child_low_income", 2021)["benchmark_method"].iloc[0] == "ratio"


def test_median_zone_uses_visible_values_only():
    from geo.benchmarks import reference

    ind = DEFAULT_CATALOG["population"]
    f = pd.DataFrame({"value": [10.0, None, 30.0, 50.0], "numerator": None, "denominator": None,
                      "status": ["synthetic", "suppressed", "synthetic", "synthetic"]})
    r = reference(f, ind).iloc[0]
    assert r.value == pytest.approx(30.0) and r.n_used == 3 and r.n_zones == 4
