"""AppTest of the compare page: URL round trip, zones, sets, all zones, every indicator, edge datasets."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from geo.analysis.zonesets import aggregate_set
from geo.benchmarks import zone_facts
from geo.config import PROJECT_DIR
from geo.data.dataset import load_default
from geo.formats import format_number
from tests.ui.workbench_data import HOSTILE, hostile_dataset, rich_dataset, run_page, sparse_dataset, url_params
from ui.cache import UPLOADED_KEY

PAGE = str(PROJECT_DIR / "pages" / "compare.py")
APP = str(PROJECT_DIR / "app.py")
TIMEOUT = 120


def open_compare(params: dict | None = None, state: dict | None = None) -> AppTest:
    """The page as a deep link opens it: the page file with the URL's parameters."""
    return run_page("compare", params, state)


def table_html(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown if "wb-compare" in m.value)


params = url_params


@pytest.fixture(scope="module")
def ds():
    return load_default()


def test_url_round_trip_and_unknown_ids_dropped_with_a_notice(ds):
    at = open_compare({"zones": "LKS01,LKS02,nope,LKS01", "group": "bydel:Heimdal,<b>x</b>", "year": "2022"})
    assert not at.exception
    notice = " ".join(i.value for i in at.info)
    assert "utelatt" in notice and "nope" in notice and "None" not in notice
    assert "\\<b\\>x\\</b\\>" in notice  # the URL's text is shown as text, not markup
    html = table_html(at)
    names = ds.zones.set_index("zone_id")["name"]
    for zid in ("LKS01", "LKS02"):
        assert names[zid] in html
    assert "Bydel Heimdal" in html and "(2022)" in html
    assert params(at) == {"zones": "LKS01,LKS02", "group": "bydel:Heimdal", "year": "2022"}
    # the choice written back restores the same page
    again = open_compare(params(at))
    assert not again.exception and not again.info and table_html(again) == html


def test_bad_year_in_the_url_falls_back_to_the_latest(ds):
    at = open_compare({"zones": "LKS01,LKS02", "year": "1850"})
    assert "1850" in " ".join(i.value for i in at.info)
    assert params(at)["year"] == str(ds.years()[-1])


def test_choosing_two_zones_in_the_app_shows_both_columns(ds):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.switch_page("pages/compare.py").run()
    assert not at.exception and "minst to" in at.info[0].value
    at.multiselect(key="cmp_zones").set_value(["LKS10", "LKS20"]).run()
    assert not at.exception
    names = ds.zones.set_index("zone_id")["name"]
    html = table_html(at)
    assert names["LKS10"] in html and names["LKS20"] in html
    assert params(at)["zones"] == "LKS10,LKS20"
    # every indicator of the year is a row (surveys with their latest earlier year)
    for ind in ds.indicator_ids:
        assert ds.indicator(ind).label("nb") in html, ind
    assert "av 60" in html or "av 59" in html  # rank of N
    assert "Wilson" in "\n".join(c.value for c in at.caption)


def test_all_zones_equals_the_city_and_percent_of_city(ds):
    at = open_compare({"group": "all,omradesatsing_lademoen", "year": "2024"})
    assert not at.exception
    facts = zone_facts(ds, "child_low_income", 2024)
    city = format_number(facts["city_value"].iloc[0], 1, "nb") + " %"
    agg = aggregate_set(ds, "child_low_income", 2024, ds.zones["zone_id"])
    assert format_number(agg["value"], 1, "nb") + " %" == city
    row = next(r for r in table_html(at).split("<tr>") if "Barn i lavinntektsfamilier (EU60)" in r)
    assert row.count(city) >= 2  # the "all zones" column and the city column
    at.toggle(key="wb_cmp_pct").set_value(True).run()
    row = next(r for r in table_html(at).split("<tr>") if "Barn i lavinntektsfamilier (EU60)" in r)
    assert row.count("100 %") >= 2 and not at.exception


def test_own_set_and_trend_multiples(ds):
    at = open_compare({"zones": "LKS05", "own": "LKS01,LKS02,LKS03", "ownname": "Vårt *område*"})
    assert not at.exception
    assert "Vårt *område*" in table_html(at)
    at.multiselect(key="wb_cmp_trend").set_value(ds.indicator_ids[:6]).run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == len(ds.indicator_ids) + 1  # a dot chart per indicator + trends
    assert params(at)["own"] == "LKS01,LKS02,LKS03"


def test_english(ds):
    at = open_compare({"zones": "LKS01,LKS02", "lang": "en"})
    assert at.title[0].value == "Compare zones and areas"
    assert "clearly" in table_html(at) or "no clear difference" in table_html(at)
    assert params(at)["lang"] == "en"


@pytest.mark.parametrize("dataset", [rich_dataset(districts=False), sparse_dataset()], ids=["no_districts", "sparse"])
def test_edge_datasets(dataset):
    at = open_compare({"zones": "Z0_0,Z0_1", "group": "all"}, state={UPLOADED_KEY: dataset})
    assert not at.exception
    html = table_html(at)
    assert "Sone 0-0" in html and "Alle soner" in html
    if dataset.districts():
        return
    assert "Bydel" not in html  # no district column without districts
    at.multiselect(key="wb_cmp_trend").set_value(dataset.indicator_ids).run()
    assert not at.exception


def test_sparse_dataset_says_missing_and_no_test():
    at = open_compare({"zones": "Z0_0,Z0_1", "year": "2022"}, state={UPLOADED_KEY: sparse_dataset()})
    html = table_html(at)
    assert "mangler" in html and "ingen test" in html and "nan" not in html.lower().replace("nan-", "")


def test_hostile_zone_names_are_text_in_table_and_charts():
    ds = hostile_dataset()
    at = open_compare({"zones": "Z0_0,Z0_1"}, state={UPLOADED_KEY: ds})
    assert not at.exception
    html = table_html(at)
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;img src=x onerror=" in html
    at.multiselect(key="wb_cmp_trend").set_value(ds.indicator_ids).run()
    for chart in at.get("plotly_chart"):
        spec = json.dumps(json.loads(chart.proto.spec))
        assert HOSTILE[0] not in spec and "<img" not in spec
    assert not at.exception


def test_add_the_selected_map_zone(ds):
    at = open_compare({"zones": "LKS01"}, state={"zone": "LKS20"})
    name = ds.zones.set_index("zone_id").loc["LKS20", "name"]
    button = at.button(key="cmp_add_map")
    assert name in button.label
    button.click().run()
    assert not at.exception
    assert at.multiselect(key="cmp_zones").value == ["LKS01", "LKS20"]
    assert name in table_html(at) and params(at)["zones"] == "LKS01,LKS20"
    assert not [b for b in at.button if b.key == "cmp_add_map"]  # already chosen: no button
