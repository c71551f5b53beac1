from __future__ import annotations

import pytest

from geo.dataset import load_default
from ui.state import View, parse_view, view_to_params

SCHEMES = ["quantiles", "fisher_jenks", "equal_interval", "box_plot", "user_defined"]
PALETTES = ["YlOrRd", "Blues"]


@pytest.fixture(scope="module")
def ds():
    return load_default()


def test_defaults_from_empty_url(ds):
    view, notices = parse_view({}, ds, SCHEMES, PALETTES)
    assert view.indicator == "child_low_income" and view.year == ds.years("child_low_income")[-1]
    assert view.scheme == "quantiles" and view.k == 5 and view.zone is None and view.lang == "nb"
    assert notices == []


def test_round_trip(ds):
    v = View("green_space_satisfaction", 2019, "fisher_jenks", 4, "Blues", "LKS05", "en")
    back, notices = parse_view(view_to_params(v), ds, SCHEMES, PALETTES)
    assert back == v and notices == []


@pytest.mark.parametrize(("params", "param"), [
    ({"ind": "<script>"}, "ind"),
    ({"year": "abc"}, "year"),
    ({"year": "1850"}, "year"),
    ({"scheme": "magic"}, "scheme"),
    ({"k": "99"}, "k"),
    ({"k": "2.5"}, "k"),
    ({"palette": "Rainbow"}, "palette"),
    ({"zone": "NOPE"}, "zone"),
    ({"lang": "de"}, "lang"),
])
def test_garbage_falls_back_with_notice(ds, params, param):
    view, notices = parse_view(params, ds, SCHEMES, PALETTES)
    assert [n.param for n in notices] == [param]
    default, _ = parse_view({}, ds, SCHEMES, PALETTES)
    assert view == default


def test_year_checked_against_indicator(ds):
    view, notices = parse_view({"ind": "transit_access", "year": "2015"}, ds, SCHEMES, PALETTES)
    assert view.year == ds.years("transit_access")[-1] and notices[0].param == "year"


def test_basemap_and_outlines_travel_in_the_url(ds):
    v = View(indicator="child_low_income", year=2022, basemap="none", districts=False)
    params = view_to_params(v)
    assert params["basemap"] == "none" and params["outlines"] == "0"
    back, notices = parse_view(params, ds, SCHEMES, PALETTES)
    assert (back.basemap, back.districts) == ("none", False) and not notices
    default, _ = parse_view({}, ds, SCHEMES, PALETTES)
    assert "basemap" not in view_to_params(default) and "outlines" not in view_to_params(default)


def test_unknown_basemap_falls_back_with_notice(ds):
    view, notices = parse_view({"basemap": "google", "outlines": "yes"}, ds, SCHEMES, PALETTES)
    assert view.basemap == "topo_grey" and view.districts is True
    assert {n.param for n in notices} == {"basemap", "outlines"}
