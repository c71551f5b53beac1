"""Streamlit AppTest: smoke and interaction tests of every page (no browser, no network)."""

from __future__ import annotations

import html

import pytest
from streamlit.testing.v1 import AppTest

from geo.config import PROJECT_DIR
from geo.data.dataset import load_default
from ui.controls import CONTROLS_DRAWN

APP = str(PROJECT_DIR / "app.py")
TIMEOUT = 60


def run_app(params: dict[str, str] | None = None, state: dict | None = None, *, first_view: bool = False) -> AppTest:
    """Run app.py once. Unless ``first_view``, as a session whose map has drawn (AppTest runs no component,
    so the map's report that brings the map page's widgets, ui.controls.controls_after_map, never comes)."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    for k, v in ({} if first_view else MAP_DRAWN).items():
        at.session_state[k] = v
    for k, v in (state or {}).items():
        at.session_state[k] = v
    return at.run()


#: Session state after the map page's first view (its controls drawn as widgets from then on).
MAP_DRAWN = {CONTROLS_DRAWN: True}

#: Session state with the map settings' lazy expander open (closed, its widgets are not drawn).
SETTINGS_OPEN = {"mf_settings_open": True}


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [w.value for w in at.warning] + [i.value for i in at.info]
    parts += [h.value for h in at.title] + [h.value for h in at.header] + [h.value for h in at.subheader] + [c.value for c in at.caption]
    return "\n".join(str(p) for p in parts)


def legend_text(at: AppTest) -> str:
    """The legend below the map as text (an ``st.html`` block, data text entity-escaped)."""
    return "\n".join(html.unescape(h.value) for h in at.html if "lk-legend-below" in h.value)


@pytest.fixture(scope="module")
def ds():
    return load_default()


def test_home_page_runs_with_demo_banner():
    at = run_app()
    assert not at.exception
    assert any("Demonstrasjonsdata" in w.value for w in at.warning)
    assert "Barn i lavinntektsfamilier" in at.header[0].value
    assert "Ingen data / skjult" in legend_text(at)


def test_every_indicator_renders(ds):
    at = run_app()
    for ind in ds.indicator_ids:
        at.selectbox(key="v_ind").set_value(ind).run()
        assert not at.exception, ind
        assert ds.indicator(ind).label_nb in at.header[0].value


def test_changing_indicator_year_scheme_changes_legend():
    at = run_app(state=SETTINGS_OPEN)
    first = legend_text(at)
    at.selectbox(key="v_year").set_value(2016).run()
    second = legend_text(at)
    assert second != first
    at.selectbox(key="v_scheme").set_value("equal_interval").run()
    third = legend_text(at)
    assert third != second
    at.selectbox(key="v_ind").set_value("green_space_satisfaction").run()
    assert legend_text(at) != third


def test_url_parameters_restore_and_follow_the_view():
    params = {"ind": "green_space_satisfaction", "year": "2019", "scheme": "fisher_jenks", "k": "4",
              "palette": "Blues", "zone": "LKS48"}
    at = run_app(params, state=SETTINGS_OPEN)
    assert not at.exception
    assert at.selectbox(key="v_ind").value == "green_space_satisfaction"
    assert at.selectbox(key="v_year").value == 2019
    assert at.selectbox(key="v_scheme").value == "fisher_jenks"
    assert at.radio(key="v_k").value == 4
    assert at.selectbox(key="v_palette").value == "Blues"
    assert at.session_state["zone"] == "LKS48"
    assert dict(at.query_params) | {} == {k: [v] for k, v in params.items()} or \
        {k: (v[0] if isinstance(v, list) else v) for k, v in at.query_params.items()} == params
    at.selectbox(key="v_year").set_value(2023).run()
    qp = {k: (v[0] if isinstance(v, list) else v) for k, v in at.query_params.items()}
    assert qp["year"] == "2023"


def _spec(at: AppTest) -> dict:
    import json

    return json.loads(at.get("component_instance")[0].proto.json_args)["spec"]


def test_first_view_shows_the_controls_as_text_and_the_maps_report_brings_the_widgets(ds, capfd):
    params = {"ind": "green_space_satisfaction", "year": "2019", "lang": "en", "zone": "LKS48"}
    at = run_app(params, first_view=True)
    assert not at.exception
    # no widget of a kind a cold browser would first have to fetch scripts for: the map draws first
    assert not list(at.selectbox) and not list(at.text_input) and not list(at.radio)
    still = " ".join(m.value for m in at.markdown)
    assert f"**{ds.indicator('green_space_satisfaction').label('en')}**" in still, still
    assert "**2019**" in still and "**English**" in still and ":small[Year]" in still
    assert ":gray[" in still  # the search box's hint
    assert _spec(at)["report_drawn"] is True
    assert at.session_state["zone"] == "LKS48"
    url = dict(at.query_params)
    # the map's report (a component value) reruns the page: now the widgets, with the same values
    at.run()
    assert not at.exception
    assert at.selectbox(key="v_ind").value == "green_space_satisfaction"
    assert at.selectbox(key="v_year").value == 2019
    assert at.sidebar.radio(key="lang").value == "en"
    assert at.text_input(key="zone_query").value == ""
    assert _spec(at)["report_drawn"] is False
    assert dict(at.query_params) == url and at.session_state["zone"] == "LKS48"
    at.selectbox(key="v_year").set_value(2023).run()
    assert at.selectbox(key="v_year").value == 2023 and _spec(at)["report_drawn"] is False
    assert "set via the Session State API" not in capfd.readouterr().err


def test_first_view_waits_only_on_the_map_page():
    at = run_app(first_view=True)
    at.switch_page("pages/access.py").run()  # the map has not reported (yet): other pages do not wait
    assert not at.exception and at.sidebar.radio(key="lang").value == "nb"
    at = run_app(first_view=True, state={"mf_settings_open": True})
    assert at.selectbox(key="v_scheme").value  # the sidebar's map settings are not held back


def test_garbage_url_parameters_fall_back_with_notice():
    at = run_app({"ind": "<script>alert(1)</script>", "year": "x", "k": "42", "zone": "nope", "scheme": "?"})
    assert not at.exception
    assert at.selectbox(key="v_ind").value == "child_low_income"
    notices = " ".join(i.value for i in at.info)
    assert "«Indikator»" in notices and "«År»" in notices and "«Antall klasser»" in notices  # controls, not ids
    assert "None" not in notices and "child_low_income" not in notices and "«Valgt sone» (nope); den er ignorert" in notices
    assert "<script>" not in notices and "\\<script\\>" in notices  # shown as text


def test_simulated_selection_fills_side_panel(ds):
    zid = ds.zones.set_index("name").loc["Lademoen", "zone_id"]
    at = run_app({"ind": "child_low_income", "year": "2022"}, state={"zone": zid})
    assert not at.exception
    body = texts(at)
    assert "Lademoen" in body
    table = next(m.value for m in at.markdown if "lk-facts" in m.value)
    assert "35,0 %" in table and "publisert" in table and "SSB" in table
    assert " av " in table  # rank "n av N"
    assert "Trondheim, publisert" in table  # the published city figure beside the computed one


def test_english_switch():
    at = run_app({"lang": "en"})
    assert not at.exception
    assert "Children in low-income households" in at.header[0].value
    assert any("Demonstration data" in w.value for w in at.warning)


def test_about_page_runs():
    at = run_app()
    at.switch_page("pages/about.py").run()
    assert not at.exception
    assert "Om dataene" in at.title[0].value
    assert "skjematisk" in texts(at)


def test_bad_dataset_path_shows_message_not_traceback(monkeypatch, tmp_path):
    monkeypatch.setenv("LEVEKAR_DATASET", str(tmp_path / "missing.gpkg"))
    at = run_app()
    assert not at.exception
    assert any("Kunne ikke åpne datasettet" in e.value for e in at.error)


def test_access_page_recomputes_with_parameters():
    at = run_app()
    at.switch_page("pages/access.py").run()
    assert not at.exception
    first = at.metric[0].value
    at.select_slider(key="acc_dist").set_value(1000).run()
    assert not at.exception
    wider = at.metric[0].value
    assert wider != first
    at.radio(key="acc_kind").set_value("green_access").run()
    assert not at.exception
    assert any("grøntområde" in c.value.lower() or "green" in c.value.lower() for c in at.caption)


def test_access_page_settings_live_in_the_url():
    at = AppTest.from_file(str(PROJECT_DIR / "pages" / "access.py"), default_timeout=TIMEOUT)
    at.query_params.update({"kind": "green_access", "gdist": "800", "area": "2", "dist": "bogus"})
    at.run()
    assert not at.exception
    assert at.radio(key="acc_kind").value == "green_access" and at.select_slider(key="acc_gdist").value == 800
    assert any("bogus" in w.value and "Avstand" in w.value for w in at.warning)  # named by its control
    at.select_slider(key="acc_area").set_value(5.0).run()
    assert at.query_params["area"] in ("5.0", ["5.0"]) and at.query_params["kind"] in ("green_access", ["green_access"])


def test_access_page_empty_window_is_a_message_not_a_crash():
    at = run_app()
    at.switch_page("pages/access.py").run()
    at.select_slider(key="acc_window").set_value(("08:00", "08:00")).run()
    assert not at.exception
    assert at.error


def test_upload_page_renders():
    at = run_app()
    at.switch_page("pages/upload.py").run()
    assert not at.exception
    assert "Last opp" in at.title[0].value


def _upload(at: AppTest, zones: tuple[str, bytes], table: tuple[str, bytes]) -> AppTest:
    at.switch_page("pages/upload.py").run()
    at.file_uploader(key="up_zones").set_value((zones[0], zones[1], "application/geo+json"))
    at.file_uploader(key="up_table").set_value((table[0], table[1], "text/csv"))
    at.run()
    at.button(key="up_check").click().run()
    return at


def test_upload_valid_files_replaces_demo_for_the_session(tiny_dataset):
    zones = tiny_dataset.zones.to_crs(4326).to_json().encode()
    table = tiny_dataset.values[["zone_id", "indicator", "year", "value", "numerator", "denominator", "status",
                                 "source"]].to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")
    at = _upload(run_app(), ("soner.geojson", zones), ("verdier.csv", table))
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    assert at.success
    at.switch_page("pages/map.py").run()
    assert not at.exception
    assert not any("Demonstrasjonsdata" in w.value for w in at.warning)
    assert len(at.selectbox(key="v_ind").options) == 1


def test_upload_broken_files_gives_messages_and_keeps_demo():
    bad_zones = (b'{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"zone_id":"1",'
                 b'"name":"A"},"geometry":{"type":"Point","coordinates":[10.4,63.4]}}]}')
    table = b"zone_id,indicator,year,value\n1,child_low_income,2022,abc\n"
    at = _upload(run_app(), ("soner.geojson", bad_zones), ("verdier.csv", table))
    assert not at.exception
    errors = " ".join(e.value for e in at.error).replace("\\", "")
    assert "soner.geojson" in errors and "Point" in errors
    assert "verdier.csv" in errors and "abc" in errors
    from ui.cache import UPLOADED_KEY

    assert UPLOADED_KEY not in at.session_state  # nothing replaced the demo


def test_hostile_zone_name_is_shown_as_text(tiny_dataset):
    from ui.cache import UPLOADED_KEY

    hostile = "<img src=x onerror=alert(1)>"
    zones = tiny_dataset.zones.copy()
    zones.loc[0, "name"] = hostile
    ds = type(tiny_dataset)(zones, tiny_dataset.values, tiny_dataset.catalog, {"name": "x", "demo": False})
    at = run_app(state={UPLOADED_KEY: ds, "zone": "0101"})
    assert not at.exception
    panel = next(m.value for m in at.markdown if "lk-facts" in m.value)
    assert "<img" not in panel
    heading = [m.value for m in at.markdown if "img" in m.value and "lk-facts" not in m.value]
    assert heading and all("\\<img" in h for h in heading)


def test_dataset_without_districts_and_with_gaps(tiny_dataset):
    """A fetched dataset may have no bydel and indicators with no value in a year: no crash, no zeros."""
    from ui.cache import UPLOADED_KEY

    zones = tiny_dataset.zones.assign(district=None)
    values = tiny_dataset.values.copy()
    values.loc[values["year"] == 2021, ["value", "numerator", "denominator"]] = None
    values.loc[values["year"] == 2021, "status"] = "missing"
    ds = type(tiny_dataset)(zones, values, tiny_dataset.catalog, {"name": "gaps", "demo": False})
    at = run_app({"year": "2021"}, state={UPLOADED_KEY: ds, "zone": "0101"})
    assert not at.exception
    legend = legend_text(at)
    assert "Ingen data / skjult (3)" in legend
    panel = next(m.value for m in at.markdown if "lk-facts" in m.value)
    assert "mangler" in panel and "0,0 %" not in panel


def test_user_defined_breaks_and_bad_breaks():
    at = run_app(state=SETTINGS_OPEN)
    at.selectbox(key="v_scheme").set_value("user_defined").run()
    at.text_input(key="v_breaks").set_value("5; 10,5; 20").run()
    assert not at.exception
    legend = legend_text(at)
    assert "10,5 %" in legend and "20,0 %" in legend
    qp = {k: (v[0] if isinstance(v, list) else v) for k, v in at.query_params.items()}
    assert qp["scheme"] == "user_defined" and qp["breaks"] == "5; 10,5; 20"
    at.text_input(key="v_breaks").set_value("fem, ti").run()
    assert not at.exception
    assert any("fem" in w.value for w in at.warning)
    assert "Ingen data / skjult" in legend_text(at)  # fell back to quantiles, still a full legend


def test_search_selects_and_clear_deselects(ds):
    at = run_app()
    at.text_input(key="zone_query").set_value("mollenberg").run()
    assert not at.exception
    zid = ds.zones.set_index("name").loc["Møllenberg", "zone_id"]
    at.button(key=f"hit_{zid}").click().run()
    assert not at.exception
    assert at.session_state["zone"] == zid
    assert any("Møllenberg" in m.value for m in at.markdown)
    at.button(key="clear_zone").click().run()
    assert not at.exception
    assert at.session_state["zone"] is None


def test_search_by_district_lists_its_zones():
    at = run_app()
    at.text_input(key="zone_query").set_value("Ostbyen").run()
    assert not at.exception
    assert len([b for b in at.button if b.key and b.key.startswith("hit_")]) == 6  # limited to six results


def test_language_basemap_and_district_toggle_mid_session():
    at = run_app(state=SETTINGS_OPEN)
    at.radio(key="lang").set_value("en").run()
    assert not at.exception
    assert "Children in low-income households" in at.header[0].value
    at.selectbox(key="basemap").set_value("osm").run()
    at.toggle(key="show_districts").set_value(False).run()
    assert not at.exception
    at.selectbox(key="v_ind").set_value("transit_access").run()  # one year only: year follows
    assert not at.exception and at.selectbox(key="v_year").value == 2024


def test_access_page_green_area_threshold():
    at = run_app()
    at.switch_page("pages/access.py").run()
    at.radio(key="acc_kind").set_value("green_access").run()
    first = at.metric[0].value
    at.select_slider(key="acc_area").set_value(5.0).run()
    assert not at.exception
    assert at.metric[0].value != first


def test_zones_only_dataset_gets_a_message(tiny_dataset, monkeypatch, tmp_path):
    from geo.data.dataset import save

    ds = type(tiny_dataset)(tiny_dataset.zones, tiny_dataset.values.iloc[0:0], tiny_dataset.catalog,
                            {"name": "Bare soner", "demo": False})
    path = save(ds, tmp_path / "zones_only.gpkg")
    monkeypatch.setenv("LEVEKAR_DATASET", str(path))
    at = run_app()
    assert not at.exception
    assert any("ingen indikatorverdier" in i.value for i in at.info)
    for page in ("pages/access.py", "pages/about.py", "pages/upload.py"):
        at.switch_page(page).run()
        assert not at.exception, page



@pytest.mark.parametrize("lang", ["nb", "en"])
def test_methods_page_is_generated_from_the_catalogue(ds, lang):
    at = run_app()
    at.switch_page("pages/about.py").run()
    at.radio(key="lang").set_value(lang).run()
    assert not at.exception
    labels = [e.label for e in at.expander]
    assert labels == [ds.indicator(i).label(lang) for i in ds.indicator_ids]
    body = texts(at)
    assert ("Wilson" in body) and ("NLOD" in body)
    assert "child_low_income" not in body and "higher_is_worse" not in body  # no codes shown to users


def test_framework_page_grid_gaps_and_filter(ds):
    at = run_app()
    at.switch_page("pages/framework.py").run()
    assert not at.exception
    assert any("Gi alle barn en best mulig start på livet" in h.value for h in at.html)
    assert any("Hull i rammeverket" in e.label for e in at.expander)
    at.multiselect(key="fw_p").set_value(["A"]).run()
    listed = texts(at)
    assert "Barn i lavinntektsfamilier" in listed and "Registrerte helt ledige" not in listed


def test_map_table_is_text_in_the_ui_language_with_words_for_hidden_values():
    at = run_app({"ind": "child_low_income", "year": "2024"}, state={"mf_table_open": True})
    table = at.dataframe[0].value
    as_text = table.to_csv()
    assert "None" not in as_text and "nan" not in as_text
    assert table["value"].str.contains(r"^\d+,\d %$|^skjult$|^mangler$").all()
    ranks = [int(r) for r in table["rank"] if r.isdigit()]
    assert ranks == sorted(ranks) and ranks[0] == 1  # worst first
    en = run_app({"ind": "child_low_income", "year": "2024", "lang": "en"}, state={"mf_table_open": True}).dataframe[0].value
    assert en["value"].str.contains(r"^\d+\.\d %$|^suppressed$|^missing$").all()


def test_map_settings_are_a_closed_lazy_expander_whose_values_hold_while_closed():
    params = {"ind": "green_space_satisfaction", "year": "2019", "scheme": "fisher_jenks", "k": "4",
              "palette": "Blues", "basemap": "osm", "outlines": "0"}
    at = run_app(params)
    assert not at.exception
    box = next(e for e in at.sidebar.expander if e.label.startswith("Kartinnstillinger"))
    assert box.label == "Kartinnstillinger: klasser, farger, bakgrunn"  # names what is inside
    with pytest.raises(KeyError):
        at.selectbox(key="v_scheme")  # closed: nothing of it is sent to the browser
    assert legend_text(at) == legend_text(run_app(params, state=SETTINGS_OPEN))  # same classes either way
    at.selectbox(key="v_year").set_value(2023).run()  # reruns while closed keep the URL's settings
    qp = {k: (v[0] if isinstance(v, list) else v) for k, v in at.query_params.items()}
    assert {k: qp[k] for k in ("scheme", "k", "palette", "basemap", "outlines")} == \
        {"scheme": "fisher_jenks", "k": "4", "palette": "Blues", "basemap": "osm", "outlines": "0"}
    at.session_state["mf_settings_open"] = True  # the user opens it
    at.run()
    assert at.selectbox(key="v_scheme").value == "fisher_jenks" and at.radio(key="v_k").value == 4
    assert at.selectbox(key="v_palette").value == "Blues" and at.selectbox(key="basemap").value == "osm"
    assert at.toggle(key="show_districts").value is False
    at.radio(key="v_k").set_value(3).run()
    assert {k: (v[0] if isinstance(v, list) else v) for k, v in at.query_params.items()}["k"] == "3"


def test_other_pages_map_settings_hold_only_basemap_and_outlines():
    at = run_app()
    at.switch_page("pages/change.py").run()
    assert not at.exception
    labels = [e.label for e in at.sidebar.expander]
    assert "Kartinnstillinger: bakgrunnskart, bydelsgrenser" in labels
