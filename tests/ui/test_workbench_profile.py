"""AppTest of the zone-profile page: zones, sets, all zones, own sets, URL round trip, edge datasets."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from geo.config import PROJECT_DIR
from geo.data.dataset import load_default
from tests.ui.workbench_data import HOSTILE, hostile_dataset, rich_dataset, run_page, sparse_dataset, url_params
from ui.cache import UPLOADED_KEY

PAGE = str(PROJECT_DIR / "pages" / "profile.py")
APP = str(PROJECT_DIR / "app.py")
TIMEOUT = 120


def open_profile(params: dict | None = None, state: dict | None = None) -> AppTest:
    return run_page("profile", params, state)


params = url_params


def spine_table(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown if "wb-profile" in m.value)


@pytest.fixture(scope="module")
def ds():
    return load_default()


def test_zone_from_the_url_every_indicator_summary_and_similar(ds):
    at = open_profile({"zone": "LKS10", "year": "2024"})
    assert not at.exception
    name = ds.zones.set_index("zone_id").loc["LKS10", "name"]
    assert at.header[0].value == name
    html = spine_table(at)
    for ind in ds.indicator_ids:
        assert ds.indicator(ind).label("nb") in html, ind
    assert html.count("<svg") >= len(ds.indicator_ids)  # spine charts (and sparklines)
    assert any(name in m.value and "byen" in m.value for m in at.markdown)  # the summary
    details, similar = at.dataframe[0].value, at.dataframe[1].value
    assert len(details) == len(ds.indicator_ids) and {"Persentil", "95 %-KI", "Kilde", "Status"} <= set(details.columns)
    assert len(similar) == 5 and name not in set(similar["Sone"])
    # the zone beside its similar zones on the compare page (a plain link: the page file runs alone here)
    assert any("](compare?zones=LKS10%2C" in m.value and "year=2024" in m.value for m in at.markdown)
    assert params(at) == {"zone": "LKS10", "year": "2024"}


def test_similar_zones_follow_the_users_indicators_and_k(ds):
    at = open_profile({"zone": "LKS10"})
    at.multiselect(key="prof_sim_inds").set_value(["child_low_income", "unemployment"]).run()
    at.number_input(key="prof_sim_k").set_value(3).run()
    assert not at.exception
    similar = at.dataframe[1].value
    assert len(similar) == 3 and set(similar["Avstand"]).isdisjoint({"0,00"})
    at.multiselect(key="prof_sim_inds").set_value([]).run()
    assert "minst én indikator" in " ".join(i.value for i in at.info)


def test_group_set_and_all_zones(ds):
    at = open_profile({"group": "omradebasert_2024"})
    assert not at.exception
    assert "Områdebasert" in at.header[0].value and "Soner:" in " ".join(c.value for c in at.caption)
    assert params(at)["group"] == "omradebasert_2024"
    at = open_profile({"group": "all", "year": "2024"})
    assert not at.exception and "Alle soner" in at.header[0].value
    html = spine_table(at)
    assert "ingen klar forskjell" in html and "klart verre" not in html  # all zones = the city


def test_own_set_round_trip(ds):
    at = open_profile({"own": "LKS01,LKS02", "ownname": "Vårt [område](x)"})
    assert not at.exception
    assert at.radio(key="prof_kind").value == "own"
    assert "Vårt \\[område\\](x)" in at.header[0].value  # markdown shown as text
    assert params(at) == {"own": "LKS01,LKS02", "ownname": "Vårt [område](x)", "year": str(ds.years()[-1])}


def test_unknown_zone_gives_a_notice_and_the_first_zone(ds):
    at = open_profile({"zone": "LKS999"})
    assert not at.exception
    assert "LKS999" in at.info[0].value and "None" not in at.info[0].value


def test_map_link_opens_the_selected_zone_in_english(ds):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state["zone"] = "LKS20"
    at.session_state["lang"] = "en"
    at.run()
    link = at.get("page_link")[0].proto
    assert link.label == "Open zone profile" and "zone=LKS20" in link.query_string and "lang=en" in link.query_string
    prof = open_profile(dict(p.split("=") for p in link.query_string.split("&")))
    assert prof.header[0].value == ds.zones.set_index("zone_id").loc["LKS20", "name"]
    assert prof.title[0].value == "Zone profile"
    at.switch_page("pages/profile.py").run()  # inside the app: the map's zone, and real page links
    assert not at.exception and at.header[0].value == prof.header[0].value
    link = next(p.proto for p in at.get("page_link") if p.proto.page == "compare")
    assert link.query_string.startswith("zones=LKS20%2C") and "lang=en" in link.query_string


@pytest.mark.parametrize("dataset", [rich_dataset(districts=False), sparse_dataset()], ids=["no_districts", "sparse"])
def test_edge_datasets(dataset):
    at = open_profile({"zone": "Z0_0"}, state={UPLOADED_KEY: dataset})
    assert not at.exception
    assert "mangler" in spine_table(at) or dataset.districts() == []
    at.radio(key="prof_kind").set_value("group").run()
    at.selectbox(key="prof_group").set_value("all").run()
    assert not at.exception


def test_hostile_names_are_text():
    ds = hostile_dataset()
    at = open_profile({"zone": "Z0_0", "year": "2022"}, state={UPLOADED_KEY: ds})
    assert not at.exception
    assert at.header[0].value == "\\<script\\>alert(1)\\</script\\>"
    summary = "\n".join(m.value for m in at.markdown if m.value.startswith("- "))
    assert "<script>" not in summary
    assert "<script>" not in spine_table(at) and "&lt;script&gt;" not in spine_table(at)  # names not in it
    assert HOSTILE[0] not in "\n".join(c.value for c in at.caption)


def test_hostile_names_are_escaped_in_both_downloadable_reports():
    from geo.analysis.compare import comparison_table, resolve_area
    from geo.report import render_comparison_report
    from geo.workbench.profile import profile_content
    from ui.workbench import profile_report

    ds = hostile_dataset()
    content, _ = profile_content(ds, resolve_area(ds, "Z0_0"), 2022)
    html = profile_report(ds, content, "nb").decode("utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    table = comparison_table(ds, ["Z0_0", "Z0_1"], 2022, exact=False)
    html = render_comparison_report(ds, [], 2022, table=table)
    assert "<script>alert" not in html and "<img src=x" not in html and "&lt;img src=x onerror=" in html
