from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from geo.benchmarks import zone_facts
from geo.data.catalog import DEFAULT_CATALOG
from geo.data.dataset import values_frame
from geo.privacy import (
    DEFAULT_RULES,
    Rules,
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
    assert set(hid["zone_id"]) == {"0201"} and hid[["value", "numerator", "denominator"]].isna().all().all()
    again = public_view(pub)  # idempotent: the same rules applied again change nothing
    pd.testing.assert_frame_equal(again.values, pub.values)
    # a dataset with public metadata but new internal values is hidden again, not trusted
    fresh = type(pub)(pub.zones, tiny_dataset.values, pub.catalog, pub.meta)
    assert (public_view(fresh).values["status"] == "suppressed").sum() == 2
    assert pub.meta["disclosure"]["method"] == "visible_only_totals"


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


def test_public_totals_come_from_visible_zones_only(tiny_dataset):
    internal = zone_facts(tiny_dataset, "child_low_income", 2021)
    public = zone_facts(for_output(tiny_dataset, public=True), "child_low_income", 2021)
    assert internal["city_value"].iloc[0] == pytest.approx(51 / 510 * 100)  # exact, all zones
    assert public["city_value"].iloc[0] == pytest.approx(50 / 500 * 100)  # 0201 (1 of 10) left out
    by = public.set_index("zone_id")["district_value"]
    assert np.isnan(by["0201"])  # Sør has only the hidden zone: no figure at all
    assert public["n_ranked"].iloc[0] == 2


def test_configured_rules_reach_for_output(tiny_dataset, monkeypatch, tmp_path):
    cfg = tmp_path / "levekar.toml"
    cfg.write_text("[levekar]\npublic = true\n[levekar.disclosure]\nmin_denominator = 150\n", encoding="utf-8")
    monkeypatch.setenv("LEVEKAR_CONFIG", str(cfg))
    pub = for_output(tiny_dataset)
    assert set(pub.values.loc[pub.values["status"] == "suppressed", "zone_id"]) == {"0101", "0201"}
