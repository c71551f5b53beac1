"""AppTest of the initiatives page: predefined and own initiatives, URL round trip, every indicator, edges."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from geo.config import PROJECT_DIR
from geo.data.dataset import load_default
from tests.ui.workbench_data import hostile_dataset, rich_dataset, run_page, sparse_dataset, url_params
from ui.cache import UPLOADED_KEY

PAGE = str(PROJECT_DIR / "pages" / "initiatives.py")
TIMEOUT = 120


def open_page(params: dict | None = None, state: dict | None = None) -> AppTest:
    return run_page("initiatives", params, state)


params = url_params


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


@pytest.fixture(scope="module")
def ds():
    return load_default()


def test_predefined_initiative_start_unknown_by_default(ds):
    at = open_page()
    assert not at.exception
    assert at.header[0].value == "Områdesatsing Lademoen"
    assert at.selectbox(key="ini_start").value == 0  # "ukjent"
    assert "ukjent" in at.selectbox(key="ini_start").options
    caveats = at.markdown[-1].value
    assert "Kildene oppgir ikke når satsingen startet" in caveats and "forårsaket" in caveats
    assert "regresjon mot gjennomsnittet" in caveats
    assert params(at) == {"initiative": "omradesatsing_lademoen", "ind": ds.indicator_ids[0]}


def test_url_round_trip_with_start_year_comparison_group_and_interval(ds):
    at = open_page({"initiative": "omradesatsing_lademoen@2019-2022"})
    assert not at.exception
    assert at.selectbox(key="ini_start").value == 2019 and at.selectbox(key="ini_end").value == 2022
    assert "Sammenligningssoner (lignet mest før start)" in captions(at)
    assert "Lademoen" not in captions(at).split("Sammenligningssoner")[1]  # never its own zone
    at.multiselect(key="ini_inds").set_value(["unemployment", "social_assistance"]).run()
    assert [h.value for h in at.subheader][:2] == ["Registrerte helt ledige", "Sosialhjelpsmottakere 18–66 år"]
    assert len(at.dataframe) == 2 and len(at.get("plotly_chart")) == 2
    did = at.dataframe[0].value
    assert list(did["Mot"]) == ["mot byen", "mot sammenligningssonene"]
    assert did["95 %-intervall"].iloc[0] != "–"  # counts allow an interval
    assert params(at) == {"initiative": "omradesatsing_lademoen@2019-2022", "ind": "unemployment,social_assistance"}
    again = open_page(params(at))
    assert (again.selectbox(key="ini_start").value, again.selectbox(key="ini_end").value) == (2019, 2022)
    assert again.multiselect(key="ini_inds").value == ["unemployment", "social_assistance"]


def test_every_indicator(ds):
    at = open_page({"initiative": "omradesatsing_saupstad@2020"})
    ids = ds.indicator_ids
    for chunk in (ids[i:i + 4] for i in range(0, len(ids), 4)):
        at.multiselect(key="ini_inds").set_value(chunk).run()
        assert not at.exception, chunk
        assert len(at.dataframe) == len(chunk) and all(len(d.value) >= 1 for d in at.dataframe), chunk
    at.multiselect(key="ini_inds").set_value([]).run()
    assert "minst én indikator" in at.info[0].value


def test_own_initiative_round_trip_and_hostile_name(ds):
    at = open_page({"initiative": "LKS01,LKS02,LKS999@2018", "name": "<img src=x onerror=alert(1)>"})
    assert not at.exception
    assert at.selectbox(key="ini_pick").value == "user"
    assert at.multiselect(key="ini_zones").value == ["LKS01", "LKS02"]
    assert at.header[0].value == "\\<img src=x onerror=alert(1)\\>"
    chart = at.get("plotly_chart")[0].proto.spec
    assert "<img" not in chart
    assert params(at) == {"initiative": "LKS01,LKS02@2018", "name": "<img src=x onerror=alert(1)>",
                          "ind": ds.indicator_ids[0]}


def test_unknown_initiative_gives_a_notice(ds):
    at = open_page({"initiative": "omradesatsing_nope@2019"})
    assert not at.exception
    assert "omradesatsing\\_nope" in at.info[0].value or "omradesatsing_nope" in at.info[0].value
    assert at.header[0].value == "Områdesatsing Lademoen"


@pytest.mark.parametrize("dataset", [rich_dataset(districts=False), sparse_dataset(), hostile_dataset()],
                         ids=["no_districts", "sparse", "hostile"])
def test_datasets_without_predefined_initiatives(dataset):
    at = open_page({"initiative": "Z0_0,Z0_1@2021"}, state={UPLOADED_KEY: dataset})
    assert not at.exception
    at.multiselect(key="ini_inds").set_value(dataset.indicator_ids).run()
    assert not at.exception and len(at.dataframe) == len(dataset.indicator_ids)
    at.multiselect(key="ini_zones").set_value([]).run()
    assert "minst én sone" in at.info[0].value
