from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from geo.config import PROJECT_DIR
from geo.data.dataset import load
from ui.controls import CONTROLS_DRAWN
from ui.mapview import parse_breaks


def _run(body):
    """Run ``body(st)`` inside a tiny AppTest page and return the AppTest (session state inspectable)."""
    from streamlit.testing.v1 import AppTest

    return AppTest.from_function(body).run()


def test_a_map_click_selects_a_known_zone_in_the_callback():
    def page():
        import streamlit as st

        from ui.mapview import on_map_click

        st.session_state["zonemap_x"] = {"zone": "0102", "n": 1}
        on_map_click("zonemap_x", frozenset({"0101", "0102"}))
        st.session_state["after_known"] = st.session_state.get("zone")
        st.session_state["zonemap_x"] = {"zone": "9999", "n": 2}  # not a zone of the dataset: ignored
        on_map_click("zonemap_x", frozenset({"0101", "0102"}))
        st.session_state["after_unknown"] = st.session_state.get("zone")
        st.session_state["zonemap_x"] = {"drawn": True, "n": 2}  # the first-paint report: no click
        on_map_click("zonemap_x", frozenset({"0101", "0102"}))
        st.session_state["after_drawn"] = st.session_state.get("zone")

    at = _run(page)
    assert not at.exception
    assert at.session_state["after_known"] == "0102" and at.session_state["after_unknown"] == "0102"
    assert at.session_state["after_drawn"] == "0102"


def test_zoom_requests_are_numbered_and_kept_until_the_next_one():
    def page():
        import streamlit as st

        from ui.mapview import zoom_request

        class Layer:
            def zone_bounds(self, zone_id):
                return [[63.0, 10.0], [63.1, 10.1]] if zone_id == "0101" else None

        st.session_state["zoom_to"] = "0101"
        st.session_state["first"] = zoom_request(Layer())
        st.session_state["again"] = zoom_request(Layer())  # a rerun without a new request: same n
        st.session_state["zoom_to"] = "0101"
        st.session_state["second"] = zoom_request(Layer())

    at = _run(page)
    assert at.session_state["first"] == {"n": 1, "bounds": [[63.0, 10.0], [63.1, 10.1]]}
    assert at.session_state["again"]["n"] == 1 and at.session_state["second"]["n"] == 2


@pytest.mark.parametrize(("text", "expected"), [
    ("5, 10, 20", [5.0, 10.0, 20.0]),
    ("5,5; 10; 20", [5.5, 10.0, 20.0]),
    ("1 000; 2 500", [1000.0, 2500.0]),
    (" 5 ,10,", [5.0, 10.0]),
])
def test_parse_breaks(text, expected):
    assert parse_breaks(text) == expected


def test_parse_breaks_rejects_words():
    with pytest.raises(ValueError, match="fem"):
        parse_breaks("fem, ti")


def test_legend_escapes_data_text_as_html():
    from streamlit.testing.v1 import AppTest

    def page():
        from types import SimpleNamespace

        from ui.mapview import legend

        row = SimpleNamespace(colour="#fee5d9\"><script>x()</script>", label="*fet* <img src=x onerror=y()>", count=3)
        classes = SimpleNamespace(legend_rows=lambda lang: [row], note_texts=lambda lang: ["<i>merknad</i>"])
        indicator = SimpleNamespace(label=lambda lang: "Andel <b>_x_</b>")
        legend(classes, indicator, "nb")

    at = AppTest.from_function(page).run()
    text = at.html[0].value
    assert "*fet* &lt;img src=x onerror=y()&gt;" in text and "<img" not in text  # shown as typed, never markup
    assert "Andel &lt;b&gt;_x_&lt;/b&gt;" in text and "<b>" not in text
    assert "&quot;&gt;&lt;script&gt;" in text and "<script>" not in text  # a colour cannot leave its attribute
    assert "&lt;i&gt;merknad&lt;/i&gt;" in text


def _map_spec(at) -> dict:
    return json.loads(at.get("component_instance")[0].proto.json_args)["spec"]


def test_the_map_pages_tooltips_are_the_cached_ones_of_the_shown_indicator_year_and_language():
    from geo.benchmarks import zone_facts
    from geo.mapping.mapdata import zone_tips

    at = AppTest.from_file(str(PROJECT_DIR / "app.py"), default_timeout=120)
    at.session_state[CONTROLS_DRAWN] = True  # past the first view (ui.controls.controls_after_map)
    at.run()
    ds = load(PROJECT_DIR / "data" / "trondheim_demo.gpkg")
    for lang, switch in (("nb", None), ("en", "en")):
        if switch:
            at.sidebar.radio(key="lang").set_value(switch).run()
        ind, year = at.session_state["v_ind"], int(at.session_state["v_year"])
        want = zone_tips(zone_facts(ds, ind, year), ds.indicator(ind), year=year, lang=lang,
                         area=ds.area_name or None)
        assert _map_spec(at)["view"]["tips"] == want
    other = [i for i in ds.indicator_ids if i != at.session_state["v_ind"]][0]
    at.selectbox(key="v_ind").set_value(other).run()
    year = int(at.session_state["v_year"])
    assert _map_spec(at)["view"]["tips"] == zone_tips(zone_facts(ds, other, year), ds.indicator(other), year=year,
                                                       lang="en", area=ds.area_name or None)
