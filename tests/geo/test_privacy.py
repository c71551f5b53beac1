from __future__ import annotations

import pandas as pd

from geo.privacy import needs_suppression, suppress


def frame(**cols):
    base = {"value": [50.0], "numerator": [50.0], "denominator": [100.0], "ci_low": [None], "ci_high": [None],
            "status": ["synthetic"]}
    base.update({k: [v] for k, v in cols.items()})
    return pd.DataFrame(base)


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


def test_already_suppressed_stays():
    assert needs_suppression(frame(status="suppressed")).iloc[0]


def test_zone_facts_public_hides_small_zones_and_reranks():
    from geo.benchmarks import zone_facts
    from geo.dataset import load_default

    ds = load_default()
    pub = zone_facts(ds, "child_low_income", 2022)
    raw = zone_facts(ds, "child_low_income", 2022, public=False)
    hidden = pub["status"] == "suppressed"
    assert hidden.sum() >= 1
    assert pub.loc[hidden, ["value", "numerator", "denominator"]].isna().all().all()
    assert pub.loc[hidden, "rank"].isna().all()
    assert pub["n_ranked"].iloc[0] == (~hidden).sum()
    assert pub["rank"].min() == 1 and pub["rank"].max() <= pub["n_ranked"].iloc[0]
    assert pub["city_value"].iloc[0] == raw["city_value"].iloc[0]
