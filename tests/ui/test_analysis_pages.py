"""AppTest of the analysis pages (change, relationships, index, hot spots): every indicator, edge cases."""

from __future__ import annotations

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from geo.config import PROJECT_DIR
from geo.data.dataset import load_default
from tests.geo.analysis.grid import grid_dataset, grid_zones
from ui.analysis import clicked_zone
from ui.cache import UPLOADED_KEY

APP = str(PROJECT_DIR / "app.py")
TIMEOUT = 120
PAGES = ("pages/change.py", "pages/relationships.py", "pages/index.py", "pages/hotspots.py")


def open_page(page: str, state: dict | None = None, lang: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if lang:
        at.session_state["lang"] = lang
    for k, v in (state or {}).items():
        at.session_state[k] = v
    at.run()
    at.switch_page(page).run()
    return at


def everything(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [i.value for i in at.info] + [c.value for c in at.caption]
    parts += [h.value for h in at.title] + [h.value for h in at.header] + [h.value for h in at.subheader] + [w.value for w in at.warning]
    return "\n".join(str(p) for p in parts)


@pytest.fixture(scope="module")
def ds():
    return load_default()


def test_change_page_every_indicator(ds):
    at = open_page("pages/change.py")
    assert not at.exception
    assert "Endring mellom to år" in at.title[0].value
    assert any("Demonstrasjonsdata" in w.value for w in at.warning)
    for ind in ds.indicator_ids:
        at.selectbox(key="chg_ind").set_value(ind).run()
        assert not at.exception, ind
        body = everything(at)
        if len(ds.years(ind)) < 2:
            assert "bare tall for" in body, ind  # one year: a notice, not a map
        else:
            assert "Endring " in body and "Kilde:" in body, ind


def test_change_page_relative_and_trend_with_zone_and_set(ds):
    zid = ds.zones.set_index("name").loc["Lademoen", "zone_id"]
    at = open_page("pages/change.py", state={"zone": zid})
    at.radio(key="chg_measure").set_value("relative").run()
    assert not at.exception
    assert at.multiselect(key="chg_zones").value == [zid]
    at.multiselect(key="chg_sets").set_value(["bydel:Østbyen"]).run()
    assert not at.exception
    at.selectbox(key="chg_ind").set_value("green_space_satisfaction").run()
    assert not at.exception and "2019–2023" in everything(at)


def test_relationships_page_every_indicator(ds):
    at = open_page("pages/relationships.py")
    assert not at.exception
    for ind in ds.indicator_ids:
        at.selectbox(key="rel_x").set_value(ind).run()
        assert not at.exception, ind
        body = everything(at)
        assert ("R²" in body and "n = " in body) or "Kan ikke beregnes her" in body or "ingen felles år" in body, ind


def test_index_page_every_directed_indicator(ds):
    at = open_page("pages/index.py")
    assert not at.exception
    assert "Metode" in [e.label for e in at.expander][0]
    offered = at.multiselect(key="lki_ids").options
    neutral = [i for i in ds.indicator_ids if ds.indicator(i).direction == "neutral"]
    assert neutral and not any(ds.indicator(i).label_nb in offered for i in neutral)
    at.select_slider(key="lki_draws").set_value(100).run()
    for ind in ds.indicator_ids:
        if ds.indicator(ind).direction == "neutral":
            continue
        at.multiselect(key="lki_ids").set_value([ind]).run()
        assert not at.exception, ind
        assert "Rangering med usikkerhet" in everything(at) or "Kan ikke beregnes her" in everything(at), ind


def test_index_page_presets_and_weights(ds):
    at = open_page("pages/index.py", lang="en")
    assert at.selectbox(key="lki_preset").value == "levekar"
    assert set(at.multiselect(key="lki_ids").value) >= {"child_low_income", "crowded_housing"}
    assert at.slider(key="lki_w_low_education").value == 100 and at.slider(key="lki_w_unemployment").value == 25
    at.select_slider(key="lki_draws").set_value(100).run()
    at.selectbox(key="lki_preset").set_value("equal").run()
    assert not at.exception
    assert at.slider(key="lki_w_unemployment").value == 100
    at.slider(key="lki_w_unemployment").set_value(0).run()
    assert not at.exception and "Ranking with uncertainty" in everything(at)
    assert at.selectbox(key="lki_preset").value == "custom"  # a hand-set weight is no longer the preset
    table = at.dataframe[0].value
    assert "Probability among worst 10" in table.columns and table.iloc[:, -1].sum() == pytest.approx(10)


def test_hotspots_page_every_indicator(ds):
    at = open_page("pages/hotspots.py")
    assert not at.exception
    at.select_slider(key="hot_perm").set_value(99).run()
    for ind in ds.indicator_ids:
        at.selectbox(key="hot_ind").set_value(ind).run()
        assert not at.exception, ind
        body = everything(at)
        assert "Hva kartet betyr" in body or "Kan ikke beregnes her" in body, ind
        direction = ds.indicator(ind).direction
        if "Hva kartet betyr" in body:
            expected = {"higher_is_worse": "høy verdi **dårligere**", "higher_is_better": "høy verdi **bedre**"}.get(
                direction, "nøytral")
            assert expected in body, ind
    at.radio(key="hot_basis").set_value("raw").run()
    assert not at.exception


@pytest.fixture(scope="module")
def edge_dataset():
    """Constant, one-year and mostly-missing indicators on a 4×4 grid."""
    zones = grid_zones(4, 4)
    sparse = np.full(16, np.nan)
    sparse[:3] = [10.0, 20.0, 30.0]
    varied = np.linspace(5, 40, 16)
    return grid_dataset(zones, {
        "child_low_income": {2021: np.full(16, 7.0), 2022: np.full(16, 7.0)},   # constant
        "unemployment": {2022: varied / 5},                                     # one year
        "higher_education": {2021: sparse, 2022: sparse},                       # mostly missing
        "low_education": {2021: varied, 2022: varied[::-1]},
    })


@pytest.mark.parametrize("ind, page, key, expected", [
    ("child_low_income", "pages/hotspots.py", "hot_ind", "same value"),
    ("higher_education", "pages/hotspots.py", "hot_ind", "only 3 zone"),
    ("unemployment", "pages/hotspots.py", "hot_ind", "Hva kartet betyr"),
    ("unemployment", "pages/change.py", "chg_ind", "bare tall for 2022"),
    ("child_low_income", "pages/change.py", "chg_ind", "Ingen endring (16)"),
    ("higher_education", "pages/change.py", "chg_ind", "Mangler et av årene / skjult (13)"),
    ("child_low_income", "pages/relationships.py", "rel_x", "same x value"),
    ("higher_education", "pages/relationships.py", "rel_x", "only 3 zone"),
])
def test_edge_cases_give_a_notice(edge_dataset, ind, page, key, expected):
    at = open_page(page, state={UPLOADED_KEY: edge_dataset})
    at.selectbox(key=key).set_value(ind).run()
    assert not at.exception
    assert expected in everything(at)


@pytest.mark.parametrize("ind, expected", [
    ("child_low_income", "same value"), ("higher_education", "only 3 zone"), ("unemployment", "no values for every"),
])
def test_index_edge_cases_give_a_notice(edge_dataset, ind, expected):
    at = open_page("pages/index.py", state={UPLOADED_KEY: edge_dataset})
    assert not at.exception
    ids = [ind] if ind != "unemployment" else ["unemployment", "low_education"]
    at.multiselect(key="lki_ids").set_value(ids).run()
    if ind == "unemployment":
        at.selectbox(key="lki_year").set_value(2022).run()
        assert not at.exception and "Rangering med usikkerhet" in everything(at)
        return
    assert not at.exception
    assert expected in everything(at)


def test_clicked_zone_from_a_plotly_selection():
    valid = {"A", "B"}
    assert clicked_zone({"selection": {"points": [{"customdata": "B"}]}}, valid) == "B"
    assert clicked_zone({"selection": {"points": [{"customdata": ["A", 1]}]}}, valid) == "A"
    assert clicked_zone({"selection": {"points": [{"customdata": "Z"}]}}, valid) is None
    assert clicked_zone({"selection": {"points": []}}, valid) is None
    assert clicked_zone(None, valid) is None


@pytest.mark.parametrize("page, title", [
    ("pages/change.py", "Change between two years"), ("pages/relationships.py", "Relationship between two indicators"),
    ("pages/index.py", "Levekår index"), ("pages/hotspots.py", "Hot spots"),
])
def test_pages_in_english(page, title):
    at = open_page(page, lang="en")
    assert not at.exception
    assert at.title[0].value == title
    assert any("Demonstration data" in w.value for w in at.warning)
    assert "Kilde" not in everything(at) and "Source" in everything(at)
