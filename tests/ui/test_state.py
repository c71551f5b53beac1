from __future__ import annotations

import pytest

from geo.data.dataset import load_default
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


def test_access_settings_round_trip_through_the_url():
    from ui.state import access_to_params, parse_access

    state, dropped = parse_access({"kind": "green_access", "gdist": "800", "area": "2", "dep": "6",
                                   "dist": "400", "win": "06-22"})
    assert dropped == []
    assert state == {"acc_kind": "green_access", "acc_gdist": 800, "acc_area": 2.0, "acc_dep": 6, "acc_dist": 400,
                     "acc_window_kept": ("06:00", "22:00")}
    assert parse_access(access_to_params(state))[0] == state


@pytest.mark.parametrize("params", [{"kind": "<script>"}, {"dist": "450"}, {"dep": "13"}, {"area": "x"},
                                    {"win": "22-06"}, {"win": "6-22"}, {"win": "06-25"}, {"gdist": "1e9"}])
def test_access_url_values_outside_the_allow_lists_are_dropped_and_named(params):
    from ui.state import parse_access

    state, dropped = parse_access(params)
    assert state == {}
    (name, value), = params.items()
    assert dropped == [f"{name}={value}"]
