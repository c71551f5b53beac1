"""Palette names, classification notes, access captions and URL notices speak the UI's language."""

from __future__ import annotations

import pytest

from geo.data.dataset import load_default
from geo.mapping.classify import PALETTES, classify
from tests.ui.test_app import legend_text, run_app
from ui.access import access_caption


@pytest.mark.parametrize(("lang", "name"), [("nb", "Gul–oransje–rød"), ("en", "Yellow–orange–red")])
def test_palette_picker_shows_names_not_codes(lang, name):
    at = run_app({"lang": lang, "palette": "YlOrRd"}, state={"mf_settings_open": True})
    box = at.selectbox(key="v_palette")
    assert box.value == "YlOrRd"  # the URL keeps the code
    shown = box.options  # AppTest lists the labels the user sees
    assert name in shown and not any(code in shown for code in PALETTES if code not in ("Reds", "Blues", "Purples"))


def test_classification_notes_in_both_languages():
    ds = load_default()
    facts = ds.slice("child_low_income", ds.years("child_low_income")[-1])
    c = classify(facts.set_index("zone_id")["value"], ds.indicator("child_low_income"), "user_defined",
                 breaks=[5, 10])
    assert c.notes and "above the last break" in c.notes[0]  # the CLI's English
    nb, en = c.note_texts("nb")[0], c.note_texts("en")[0]
    assert nb.startswith("Verdier over siste grense (10,0 %)") and en.startswith("Values above the last break (10.0 %)")


@pytest.mark.parametrize(("lang", "note"), [("en", "5 classes instead of 6: the others would hold no zone."),
                                            ("nb", "5 klasser i stedet for 6: de andre ville ikke hatt noen sone.")])
def test_legend_says_when_classes_were_dropped(lang, note):
    at = run_app({"ind": "child_low_income", "scheme": "box_plot", "lang": lang})
    assert not at.exception
    assert note in legend_text(at)


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_access_caption_follows_the_language_and_parameters(lang):
    text = access_caption("transit_access", {"distance": 500, "rail_distance": 1000, "min_departures": 4,
                                             "window": "07:00-19:00"}, lang)
    assert "500 m" in text and "1 000 m" in text.replace("\u00a0", " ") if lang == "nb" else "1,000 m" in text
    green = access_caption("green_access", {"distance": 300, "min_area_ha": 0.25}, lang)
    assert ("0,25 hektar" if lang == "nb" else "0.25 hectares") in green


def test_url_notice_in_english_names_controls_and_values():
    at = run_app({"ind": "nope", "palette": "Rainbow", "zone": "x", "outlines": "2", "lang": "en"})
    notices = " ".join(i.value for i in at.info)
    assert "“Indicator” (nope); using " in notices and "“Palette” (Rainbow); using Automatic" in notices
    assert "“Selected zone” (x); it was ignored" in notices and "None" not in notices
    assert "“Show district outlines” (2); using on" in notices


@pytest.mark.parametrize(("lang", "text"), [("nb", "demonstrasjonsdataene har ingen egen kartkontekst"),
                                            ("en", "the demonstration data have no map context")])
def test_about_page_says_the_demo_has_no_map_context(lang, text):
    at = run_app()
    at.switch_page("pages/about.py").run()
    at.radio(key="lang").set_value(lang).run()
    assert not at.exception
    assert any(text in m.value for m in at.markdown)


def test_about_page_counts_a_fetched_context(tiny_dataset):
    import geopandas as gpd
    from shapely.geometry import LineString, box

    from geo.data.dataset import Dataset
    from ui.cache import UPLOADED_KEY

    x0, y0 = tiny_dataset.zones.total_bounds[:2]
    ctx = gpd.GeoDataFrame({"osm_id": ["w/1", "w/2"], "kind": ["water", "road"], "name": ["", ""]},
                           geometry=[box(x0, y0, x0 + 10, y0 + 10), LineString([(x0, y0), (x0 + 9, y0 + 9)])],
                           crs="EPSG:25833")
    ds = Dataset(tiny_dataset.zones, tiny_dataset.values, tiny_dataset.catalog, {**tiny_dataset.meta, "demo": False},
                 tiny_dataset.references, context=ctx)
    at = run_app(state={UPLOADED_KEY: ds})
    at.switch_page("pages/about.py").run()
    at.radio(key="lang").set_value("en").run()
    assert any("1 water areas, 0 coastlines and 1 major roads" in m.value for m in at.markdown)
