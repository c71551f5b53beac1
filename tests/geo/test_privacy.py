from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from geo.benchmarks import zone_facts
from geo.data.catalog import DEFAULT_CATALOG
from geo.data.dataset import Dataset, values_frame
from geo.privacy import (
    DEFAULT_RULES,
    Rules,
    complementary_suppression,
    for_output,
    is_public,
    needs_suppression,
    public_view,
    suppress,
    suppress_values,
)


def frame(**cols):
    base = {"value": [50.0], "numerator": [50.0], "denominator": [100.0], "ci_low": [None], "ci_high": [None],
            "status": ["synthetic"]}
    base.update({k: [v] for k, v in cols.items()})
    return pd.DataFrame(base)


def hidden(rules=DEFAULT_RULES, **cols) -> bool:
    return bool(needs_suppression(frame(**cols), rules, scale=100.0).iloc[0])


def test_small_numerator_hidden():
    f = suppress(frame(numerator=3.0, value=3.0))
    assert f.loc[0, "status"] == "suppressed" and pd.isna(f.loc[0, "value"]) and pd.isna(f.loc[0, "numerator"])


def test_small_denominator_hidden_even_with_zero_numerator():
    assert needs_suppression(frame(numerator=0.0, denominator=13.0, value=0.0)).iloc[0]


def test_zero_of_many_and_large_counts_shown():
    assert not needs_suppression(frame(numerator=0.0, denominator=300.0, value=0.0)).iloc[0]
    assert not needs_suppression(frame()).iloc[0]


def test_rows_without_counts_are_kept():
    assert not needs_suppression(frame(numerator=None, denominator=None)).iloc[0]


@pytest.mark.parametrize(("num", "den", "expected"), [
    (1, 100, True), (4, 100, True), (5, 100, False), (0, 20, False), (0, 19, True),
    (95, 100, False), (96, 100, True), (100, 100, True), (49, 50, True), (45, 50, False),
])
def test_default_share_rules(num, den, expected):
    assert hidden(numerator=float(num), denominator=float(den), value=num / den * 100) is expected


def test_numerator_worked_out_from_share_and_denominator_counts_as_shown():
    # 4,0 % of 50 is 2 people: hidden although no numerator is given; 10 % of 50 is 5: shown
    assert hidden(numerator=None, denominator=50.0, value=4.0)
    assert not hidden(numerator=None, denominator=50.0, value=10.0)
    assert hidden(numerator=None, denominator=50.0, value=98.0)  # the complement: 1 person


def test_counts_hidden_under_min_count():
    f = pd.DataFrame({"value": [3.0, 5.0, 0.0], "numerator": np.nan, "denominator": np.nan, "status": "synthetic"})
    assert needs_suppression(f, is_count=True).tolist() == [True, False, True]


def test_rules_are_configurable():
    strict = Rules(min_denominator=50, min_numerator=10, min_complement=1, min_count=20)
    assert hidden(strict, numerator=9.0, denominator=100.0, value=9.0)
    assert hidden(strict, numerator=20.0, denominator=40.0, value=50.0)
    assert not hidden(strict, numerator=99.0, denominator=100.0, value=99.0)


@pytest.mark.parametrize("bad", [-1, 2.5, True, "5", None])
def test_rules_refuse_what_is_not_a_whole_number(bad):
    with pytest.raises(ValueError, match="min_count must be a whole number ≥ 0"):
        Rules(min_count=bad)


def test_rules_from_mapping_and_unknown_key():
    assert Rules.from_mapping({"min_denominator": 30}).min_denominator == 30
    assert Rules.from_mapping(None) == DEFAULT_RULES
    with pytest.raises(ValueError, match="unknown disclosure rule.*min_denominatr.*known: "):
        Rules.from_mapping({"min_denominatr": 30})


def test_rules_describe_their_numbers():
    text = Rules(min_denominator=33, min_numerator=7, min_complement=6, min_count=9).describe("en")
    assert "fewer than 33" in text and "between 1 and 6" in text and "fewer than 6" in text and "under 9" in text
    assert "færre enn 33" in Rules(min_denominator=33).describe("nb")


def test_suppress_values_tells_counts_from_shares(tiny_dataset):
    v = values_frame([
        {"zone_id": "0101", "indicator": "population", "year": 2021, "value": 3, "status": "synthetic"},
        {"zone_id": "0102", "indicator": "population", "year": 2021, "value": 300, "status": "synthetic"},
        {"zone_id": "0101", "indicator": "unemployment", "year": 2021, "value": 3.0, "numerator": 3,
         "denominator": 100, "status": "synthetic"},
    ])
    out = suppress_values(v, DEFAULT_CATALOG.get_or_placeholder)
    assert out["status"].tolist() == ["suppressed", "synthetic", "suppressed"]
    assert out["value"].isna().tolist() == [True, False, True]


def test_public_view_hides_cells_once_and_keeps_the_original(tiny_dataset):
    before = tiny_dataset.values.copy()
    pub = public_view(tiny_dataset)
    assert is_public(pub) and not is_public(tiny_dataset)
    pd.testing.assert_frame_equal(tiny_dataset.values, before)
    hid = pub.values[pub.values["status"] == "suppressed"]
    # 0201 (10 children) is hidden by the rules; alone in the city's hidden cells the official city total would
    # give it away, so the smallest other zone (0101) goes too, which leaves bydel Nord with one: 0102 as well
    assert set(hid["zone_id"]) == {"0101", "0102", "0201"} and len(hid) == 6
    assert hid[["value", "numerator", "denominator"]].isna().all().all()
    again = public_view(pub)  # idempotent: the same rules applied again change nothing
    pd.testing.assert_frame_equal(again.values, pub.values)
    # a dataset with public metadata but new internal values is hidden again, not trusted
    fresh = type(pub)(pub.zones, tiny_dataset.values, pub.catalog, pub.meta)
    assert (public_view(fresh).values["status"] == "suppressed").sum() == 6
    assert pub.meta["disclosure"]["method"] == "visible_only_totals"
    assert pub.meta["disclosure"]["complementary"] == "no_group_with_one_hidden_zone"


def test_public_view_drops_kommune_and_bydel_references(tiny_dataset):
    tiny_dataset.references = pd.DataFrame({"geography": ["Trondheim", "Nord", "Norge"],
                                            "level": ["kommune", "bydel", "national"],
                                            "indicator": "child_low_income", "year": 2021, "value": [9.0, 8.0, 7.0]})
    assert public_view(tiny_dataset).references["level"].tolist() == ["national"]


def test_for_output_internal_is_the_dataset_itself(tiny_dataset, monkeypatch):
    assert for_output(tiny_dataset) is tiny_dataset
    assert for_output(tiny_dataset, public=True).meta["disclosure"]
    monkeypatch.setenv("LEVEKAR_PUBLIC", "1")
    assert is_public(for_output(tiny_dataset))
    assert for_output(tiny_dataset, public=False) is tiny_dataset


def with_zone(ds, zone_id: str, district: str, num: int, den: int, indicator: str = "child_low_income"):
    """``ds`` with one more zone (a square beside the others) and its counts in every year."""
    import geopandas as gpd
    from shapely.geometry import box

    x = 270000 + 1000 * len(ds.zones)
    zone = gpd.GeoDataFrame({"zone_id": [zone_id], "name": [f"Sone {zone_id}"], "district": [district]},
                            geometry=[box(x, 7030000, x + 1000, 7031000)], crs=ds.zones.crs)
    rows = [{"zone_id": zone_id, "indicator": indicator, "year": int(y), "value": num / den * 100, "numerator": num,
             "denominator": den, "status": "synthetic", "source": "test"} for y in ds.values["year"].unique()]
    return Dataset(zones=pd.concat([ds.zones, zone], ignore_index=True),
                   values=values_frame([*ds.values.to_dict("records"), *rows]), catalog=ds.catalog, meta=ds.meta)


def test_public_totals_come_from_visible_zones_only(tiny_dataset):
    ds = with_zone(tiny_dataset, "0202", "Sør", 30, 300)  # Sør: 0201 (hidden by the rules) and 0202
    internal = zone_facts(ds, "child_low_income", 2021)
    public = zone_facts(for_output(ds, public=True), "child_low_income", 2021)
    assert internal["city_value"].iloc[0] == pytest.approx(81 / 810 * 100)  # exact, all zones
    assert public["city_value"].iloc[0] == pytest.approx(50 / 500 * 100)  # bydel Sør left out
    by = public.set_index("zone_id")["district_value"]
    # Sør's one visible zone would give 0201 away beside the official bydel figure: both hidden, no figure
    assert np.isnan(by["0201"]) and np.isnan(by["0202"])
    assert public["n_ranked"].iloc[0] == 2


def test_complementary_suppression_hides_the_smallest_visible_zone_of_a_group_with_one_hidden(tiny_dataset):
    ds = with_zone(with_zone(tiny_dataset, "0202", "Sør", 30, 300), "0203", "Sør", 60, 200)
    pub = public_view(ds).values
    hid = set(pub.loc[pub["status"] == "suppressed", "zone_id"])
    assert hid == {"0201", "0203"}  # 0203 (200 children) is smaller than 0202 (300); Nord is untouched
    assert pub.loc[pub["zone_id"] == "0203", ["value", "numerator", "denominator"]].isna().all().all()
    # the choice rests on visible figures only: another hidden count picks the same complement
    other = ds.values.copy()
    other.loc[(other["zone_id"] == "0201") & other["numerator"].notna(), "numerator"] = 3
    other.loc[other["zone_id"] == "0201", "value"] = 30.0
    again = public_view(Dataset(zones=ds.zones, values=other, catalog=ds.catalog, meta=ds.meta)).values
    assert set(again.loc[again["status"] == "suppressed", "zone_id"]) == hid


def test_complementary_suppression_leaves_survey_shares_and_groups_without_hidden_zones_alone(tiny_dataset):
    v = values_frame([
        {"zone_id": z, "indicator": "green_space_satisfaction", "year": 2021, "value": val, "status": st,
         "source": "survey"} for z, val, st in (("0101", None, "suppressed"), ("0102", 60.0, "synthetic"),
                                                ("0201", 70.0, "synthetic"))])
    districts = tiny_dataset.zones.set_index("zone_id")["district"]
    out = complementary_suppression(v, districts, DEFAULT_CATALOG.get_or_placeholder)
    # a survey share has no counts: no official total can be taken apart into its zones
    assert out["status"].tolist() == ["suppressed", "synthetic", "synthetic"]
    shown = v.assign(status="synthetic", value=[50.0, 60.0, 70.0])
    assert complementary_suppression(shown, districts, DEFAULT_CATALOG.get_or_placeholder) is shown


def test_configured_rules_reach_for_output(tiny_dataset, monkeypatch, tmp_path):
    cfg = tmp_path / "levekar.toml"
    cfg.write_text("[levekar]\npublic = true\n[levekar.disclosure]\nmin_denominator = 150\n", encoding="utf-8")
    monkeypatch.setenv("LEVEKAR_CONFIG", str(cfg))
    pub = for_output(tiny_dataset)
    assert pub.meta["disclosure"]["rules"]["min_denominator"] == 150
    # 0101 (100 children) is hidden by the configured rule; Nord's other zone goes with it (complementary)
    hid = pub.values.loc[pub.values["status"] == "suppressed"]
    assert set(hid["zone_id"]) == {"0101", "0102", "0201"}
