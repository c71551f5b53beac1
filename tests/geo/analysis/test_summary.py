"""Summary sentences: every sentence against the numbers it cites; edits change the sentence."""

from __future__ import annotations

import re

import numpy as np
import pytest

from geo.analysis.profile import area_profile, trend_series
from geo.analysis.summary import (
    CLAIM_TYPES,
    Claim,
    area_summary,
    claims,
    format_change,
    format_value,
    render,
    summary,
    trend_slope,
)
from geo.formats import format_number

from .conftest import make_grid_dataset

# Z8 (x/60) is the highest share, Z6 the second, Z5 the third; Z1 rises steadily, Z6 zigzags.
CHILD = {
    2019: [10, 20, 30, 40, 50, 60, 12, 30, 20],
    2020: [12, 22, 30, 38, 50, 50, 14, 30, 22],
    2021: [14, 24, 30, 36, 50, 62, 16, 30, 24],
    2022: [16, 26, 30, 34, 50, 60, 18, 30, 20],
}


def profile_and_trends(ds, area):
    p = area_profile(ds, area, 2022)
    return p, {i: trend_series(ds, area, i) for i in p["id"]}


def row(p, indicator):
    return p.set_index("id").loc[indicator]


def check_sentence_cites_its_numbers(claim, p, lang):
    """The sentence contains exactly the formatted numbers of the profile row it rests on."""
    text = claim.text(lang)
    r = row(p, claim.indicator)
    if claim.kind in ("rank", "vs_city"):
        assert claim.numbers["value"] == r["value"] and claim.numbers["city_value"] == r["city_value"]
        assert format_value(r["value"], r["unit"], int(r["decimals"]), lang) in text
        assert format_value(r["city_value"], r["unit"], int(r["decimals"]), lang) in text
        assert str(int(r["year"])) in text
        side = "over" if r["value"] > r["city_value"] else "under"
        side_en = "above" if side == "over" else "below"
        if r["vs_city"] in ("worse", "better"):
            assert (f"klart {side}" if lang == "nb" else f"clearly {side_en}") in text
        else:
            assert "klart" not in text and "clearly" not in text
    if claim.kind == "rank":
        assert claim.numbers["rank"] == r["rank"] and f" {int(r['n_ranked'])} " in text
        assert claim.numbers["position"] == min(r["rank"], r["n_ranked"] - r["rank"] + 1)


def test_every_sentence_cites_the_numbers_of_the_table():
    ds = make_grid_dataset(child=CHILD)
    for zone in ("Z1", "Z5", "Z6", "Z8"):
        p, trends = profile_and_trends(ds, zone)
        found = claims(p, trends)
        for claim in found:
            for lang in ("nb", "en"):
                check_sentence_cites_its_numbers(claim, p, lang)
        for claim in (c for c in found if c.kind == "trend"):
            t = trends[claim.indicator].dropna(subset=["value"])
            slope, intercept = np.polyfit(t["year"], t["value"], 1)
            assert claim.numbers["slope"] == pytest.approx(slope)
            assert claim.numbers["slope_low"] > 0 or claim.numbers["slope_high"] < 0
            assert format_change(slope, "%", 1, "nb") in claim.text("nb")
            assert f"siden {int(t['year'].min())}" in claim.text("nb")


def test_rank_sentence_as_in_the_issue():
    ds = make_grid_dataset(child=CHILD, names=["Sone 1", "Sone 2", "Sone 3", "Sone 4", "Sone 5", "Lademoen",
                                               "Sone 7", "Sone 8", "Sone 9"])
    p, trends = profile_and_trends(ds, "Z6")
    city = row(p, "child_low_income")["city_value"]
    city_nb = format_number(city, 1, "nb")
    s = summary(p, trends)
    assert (f"Lademoen har den nest høyeste andelen av 9 soner på «Barn i lavinntektsfamilier (EU60)» "
            f"(30,0 %, byen {city_nb} %, 2022), klart over bynivået.") in s["nb"]
    assert (f"Lademoen has the second highest share of 9 zones on “Children in low-income households (EU60)” "
            f"(30.0 %, city {format_number(city, 1, 'en')} %, 2022), clearly above the city level.") in s["en"]
    # Z6 zigzags 60, 50, 62, 60: no trend claim even though the last point is the same as the first
    assert not any(c.kind == "trend" and c.indicator == "child_low_income" for c in claims(p, trends))


def test_editing_a_value_changes_the_sentence():
    base = summary(*profile_and_trends(make_grid_dataset(child=CHILD), "Z6"))["nb"][0]
    edited = {**CHILD, 2022: [16, 26, 30, 34, 50, 64, 18, 30, 20]}
    changed = summary(*profile_and_trends(make_grid_dataset(child=edited), "Z6"))["nb"][0]
    assert "(30,0 %," in base and "(32,0 %," in changed and "32,0 %" not in base and base != changed
    third = {**CHILD, 2022: [16, 26, 30, 34, 50, 40, 18, 30, 20]}  # 20 %: Z5's 25 % now above it
    s = summary(*profile_and_trends(make_grid_dataset(child=third), "Z6"))["nb"]
    assert any("den tredje høyeste andelen" in x and "(20,0 %," in x for x in s)


def test_best_end_and_steady_trend():
    ds = make_grid_dataset(child=CHILD)
    p, trends = profile_and_trends(ds, "Z1")
    s = summary(p, trends)["nb"]
    assert any(x.startswith("Sone 1 har den laveste andelen av 9 soner på «Barn i lavinntektsfamilier") and
               "klart under bynivået" in x for x in s)
    # higher education, higher is better: Z1's 40 % (80 of 200) is neither top nor bottom three
    trend = [x for x in s if "har økt siden 2019" in x]
    assert trend == ["«Barn i lavinntektsfamilier (EU60)» i Sone 1 har økt siden 2019, med om lag 1,00 prosentpoeng "
                     "per år (4 år med tall)."]


def test_ties_get_no_rank_claim_and_sets_get_vs_city_claims():
    ds = make_grid_dataset()  # Z5 and Z6 tie at 25 % in 2022
    p, trends = profile_and_trends(ds, "Z5")
    assert bool(row(p, "child_low_income")["tied"])
    found = claims(p, trends)
    assert not any(c.kind == "rank" and c.indicator == "child_low_income" for c in found)
    vs = [c for c in found if c.kind == "vs_city" and c.indicator == "child_low_income"]
    assert len(vs) == 1 and "klart over bynivået" in vs[0].text("nb")
    ps, ts = profile_and_trends(ds, ["Z5", "Z6"])
    set_claims = claims(ps, ts)
    assert set_claims and not any(c.kind == "rank" for c in set_claims)


def test_no_claim_without_a_test_or_with_no_clear_difference():
    ds = make_grid_dataset()
    p, trends = profile_and_trends(ds, "Z4")  # 17 % against 15.5 %: no clear difference
    assert row(p, "child_low_income")["vs_city"] == "similar"
    assert not any(c.indicator == "child_low_income" and c.kind == "vs_city" for c in claims(p, trends))
    # population is neutral and never tested: no vs_city claim for it
    assert not any(c.indicator == "population" and c.kind == "vs_city" for c in claims(p, trends))


def test_trend_slope_needs_a_stable_sign():
    assert trend_slope([2019, 2020, 2021, 2022], [1, 2, 3, 4])[0] == pytest.approx(1.0)
    slope, low, high, n = trend_slope([2019, 2020, 2021, 2022, 2023], [5, 1, 6, 2, 7])
    assert n == 5 and low < 0 < high  # first < last, but the sign is not stable
    assert np.isnan(trend_slope([2019, 2020], [1, 2])[0])
    assert trend_slope([2019, 2020, 2021, 2022], [1, np.nan, 3, 4])[3] == 3


def test_number_format_norwegian_and_english():
    assert format_value(8.605931, "%", 1, "nb") == "8,6 %" and format_value(8.605931, "%", 1, "en") == "8.6 %"
    assert format_value(35.0, "%", 1, "nb") == "35,0 %"
    assert format_value(12345.0, "count", 0, "nb") == "12\u00a0345" and format_value(12345.0, "count", 0, "en") == "12,345"
    assert format_value(np.nan, "%", 1) == "–" and format_value(3.24, "per 1000", 1, "nb") == "3,2 per 1000"
    assert format_change(-0.25, "%", 1, "nb") == "0,25 prosentpoeng"
    # the same text as the catalogue's formatter, which the app's tables use
    from geo.data.catalog import DEFAULT_CATALOG

    ind = DEFAULT_CATALOG["child_low_income"]
    assert format_value(8.605931, ind.unit, ind.decimals, "en") == ind.format_value(8.605931, "en")


def test_registry_and_bad_language():
    assert list(CLAIM_TYPES) == ["rank", "vs_city", "trend"]
    assert all(set(t.templates) == {"nb", "en"} for t in CLAIM_TYPES.values())
    with pytest.raises(ValueError, match="language must be one of"):
        render(Claim("vs_city", "x", {}, {}), "de")


def test_hostile_names_stay_text_in_sentences():
    ds = make_grid_dataset(child=CHILD, names=["<script>alert(1)</script>", *[f"S{i}" for i in range(2, 10)]])
    s = area_summary(ds, "Z1", 2022)
    assert any(x.startswith("<script>alert(1)</script> har den laveste") for x in s["nb"])
    assert all(re.search(r"\{|\}", x) is None for x in s["nb"] + s["en"])
