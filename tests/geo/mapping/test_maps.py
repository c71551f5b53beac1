"""Tests for geo.mapping.maps: the folium choropleth, its tooltips, legend, safe text, assets and HTML output."""

from __future__ import annotations

import dataclasses
import json
import re

import folium
import pytest

from geo.benchmarks import zone_facts
from geo.data.catalog import DEFAULT_CATALOG
from geo.data.synthetic import synthetic_coverage, synthetic_dataset
from geo.errors import LevekarError, UnknownChoiceError
from geo.mapping import assets, maps
from geo.mapping.classify import NO_DATA_COLOUR, classify
from geo.mapping.display import display_layer
from geo.mapping.maps import BASEMAPS, build_map, legend_html, map_html, tooltip_html, write_map_html

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def ds():
    zones = synthetic_coverage(8, 60, seed=4)
    zones.loc[0, "name"] = HOSTILE
    zones.loc[1, "district"] = "</script><script>alert(2)</script>"
    data = synthetic_dataset(zones)
    data.values.loc[data.values["zone_id"] == "0003", "source"] = "<b>kilde</b>"
    return data


@pytest.fixture(scope="module")
def parts(ds):
    ind = ds.indicator("child_low_income")
    facts = zone_facts(ds, "child_low_income", 2022)
    return display_layer(ds.zones), facts, ind, classify(facts, ind, k=3)


def _render(parts, **kw) -> str:
    kw.setdefault("year", 2022)
    return build_map(*parts, **kw).get_root().render()


def test_build_map_returns_a_folium_map_with_every_zone(parts):
    m = build_map(*parts, year=2022)
    assert isinstance(m, folium.Map)
    html = m.get_root().render()
    assert html.count('"type":"Feature"') >= 8
    assert parts[0].geojson in html  # the pre-serialised layer, embedded as is


def test_geometry_string_is_reused_not_reserialised(parts, ds):
    layer = parts[0]
    other = DEFAULT_CATALOG["child_low_income"]
    m1 = build_map(*parts, year=2022)
    m2 = build_map(layer, parts[1], other, classify(parts[1], other, scheme="equal_interval"), year=2022)
    z1 = next(c for c in m1._children.values() if isinstance(c, maps.ZoneLayer))
    z2 = next(c for c in m2._children.values() if isinstance(c, maps.ZoneLayer))
    assert z1.geojson is layer.geojson and z2.geojson is layer.geojson


def test_hostile_text_is_escaped_everywhere(parts):
    html = _render(parts)
    assert HOSTILE not in html
    assert "<script>alert(2)" not in html and "</script><script>alert" not in html
    assert "<b>kilde</b>" not in html
    # It is still there, as text: escaped HTML inside script-safe JSON.
    assert "\\u0026lt;img src=x onerror=alert(1)\\u0026gt;" in html
    assert "\\u0026lt;b\\u0026gt;kilde" in html


def test_hostile_indicator_label_and_unit_are_escaped(parts):
    bad = dataclasses.replace(parts[2], label_nb="<i>x</i>", unit="<u>")
    text = legend_html(bad, classify(parts[1], bad), year=2022)
    assert "<i>x</i>" not in text and "&lt;i&gt;x&lt;/i&gt;" in text and "&lt;u&gt;" in text


def test_missing_and_suppressed_are_grey_never_a_class_colour(parts):
    html = _render(parts)
    styles = json.loads(re.search(r"var styles = (\{.*?\});", html).group(1))
    assert styles["0008"] == [NO_DATA_COLOUR, -1]  # missing (no row)
    assert styles["0007"] == [NO_DATA_COLOUR, -1]  # suppressed
    assert all(s[0] != NO_DATA_COLOUR for z, s in styles.items() if z not in ("0007", "0008"))


def test_tooltip_has_value_rank_benchmarks_status_and_source(parts):
    facts, ind = parts[1], parts[2]
    row = facts[facts["rank"] == 1].iloc[0]
    nb = tooltip_html(row, ind, year=2022, lang="nb")
    assert "Barn i lavinntektsfamilier (EU60) (2022): <b>" in nb
    assert f"Rangering: 1 av {int(row['n_ranked'])} (1 = dårligst)" in nb
    assert "Hele området: " in nb and "Bydelen: " in nb and " %" in nb
    assert "Status: syntetisk (demo)" in nb and "Kilde: " in nb
    en = tooltip_html(row, ind, year=2022, lang="en")
    assert f"Rank: 1 of {int(row['n_ranked'])} (1 = worst)" in en and "Whole area" in en
    named = tooltip_html(row, ind, year=2022, lang="nb", area="<b>Trondheim</b>")
    assert "&lt;b&gt;Trondheim&lt;/b&gt; (fra sonene): " in named  # the area names the figure, escaped


def test_tooltip_compares_a_count_with_the_median_zone_not_the_total():
    from geo.data.catalog import DEFAULT_CATALOG

    ind = next(DEFAULT_CATALOG[i] for i in DEFAULT_CATALOG if DEFAULT_CATALOG[i].aggregation == "sum")
    row = {"name": "A", "district": "X", "value": 120.0, "rank": 2, "n_ranked": 5, "status": "synthetic",
           "city_value": 100.0, "district_value": 90.0, "source": "s"}
    nb = tooltip_html(row, ind, year=2022, lang="nb", area="Trondheim")
    assert "Mediansonen: " in nb and "Bydelens mediansone: " in nb and "Trondheim" not in nb
    en = tooltip_html(row, ind, year=2022, lang="en")
    assert "Median zone: " in en and "District median zone: " in en


def test_tooltip_of_a_suppressed_zone_shows_no_value_and_no_rank(parts):
    facts, ind = parts[1], parts[2]
    row = facts[facts["status"] == "suppressed"].iloc[0]
    text = tooltip_html(row, ind, year=2022)
    assert "<b>Ingen verdi</b>" in text and "Rangering" not in text
    assert "skjult (for få personer)" in text


def test_tooltip_shows_ci_when_present_and_neutral_rank_note(parts):
    ind = next(i for i in DEFAULT_CATALOG.values() if i.direction == "neutral")
    row = {"name": "Sone", "district": "Øst", "value": 12.5, "ci_low": 10.0, "ci_high": 15.0, "status": "published",
           "source": "SSB", "rank": 3, "n_ranked": 60, "city_value": 11.0, "district_value": float("nan")}
    text = tooltip_html(row, ind, year=2021, lang="en")
    assert "95% CI: " in text and "(1 = highest)" in text and "Rank: 3 of 60" in text
    assert "District: Øst" in text and "District: –" not in text


def test_legend_lists_classes_counts_and_no_data(parts):
    ind, c = parts[2], parts[3]
    text = legend_html(ind, c, year=2022, lang="nb")
    assert "Barn i lavinntektsfamilier (EU60) (%), 2022" in text
    assert text.count("lk-swatch") == c.k + 1
    assert "Ingen data / skjult</td><td class=\"lk-n\">2<" in text
    for label in c.range_labels("nb"):
        assert label in text


def test_demo_watermark_only_for_demo(parts):
    assert "DEMO – syntetiske tall" in _render(parts, demo=True)
    assert "DEMO" not in _render(parts, demo=False)
    assert "DEMO – synthetic numbers" in _render(parts, lang="en")


def test_basemaps_none_is_plain_and_others_add_tiles(parts):
    plain = _render(parts, basemap="none")
    assert "tile.openstreetmap.org" not in plain and "basemaps.cartocdn.com" not in plain
    assert maps.BACKGROUND in plain
    assert "tile.openstreetmap.org" in _render(parts, basemap="osm")
    assert set(BASEMAPS) >= {"none", "osm", "positron"}


def test_bad_choices_are_refused(parts):
    with pytest.raises(UnknownChoiceError, match="Unknown basemap 'google'.*none"):
        build_map(*parts, year=2022, basemap="google")
    with pytest.raises(UnknownChoiceError, match="Unknown language 'de'.*nb, en"):
        build_map(*parts, year=2022, lang="de")


def test_district_outlines_are_a_toggle(parts):
    html = _render(parts, show_districts=False)
    assert "Bydelsgrenser" in html and "L.control.layers" in html
    assert parts[0].districts_geojson in html


def test_selected_zone_is_outlined_and_can_be_zoomed_to(parts):
    html = _render(parts, selected="0002", zoom_to_selected=True)
    assert 'var selected = "0002";' in html
    (s, w), (n, e) = parts[0].zone_bounds("0002")
    assert f"[[{s}, {w}], [{n}, {e}]]" in html
    assert "var selected = null;" in _render(parts)


def test_only_leaflet_is_loaded_from_the_app(parts):
    m = build_map(*parts, year=2022, asset_base=assets.STATIC_URL)
    html = m.get_root().render()
    srcs = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', html)
    assert srcs == ["/app/static/vendor/leaflet/leaflet.js", "/app/static/vendor/leaflet/leaflet.css"]
    # streamlit-folium collects default_js/default_css from every element: none may point elsewhere.
    stack, links = [m], []
    while stack:
        el = stack.pop()
        links += [u for _, u in getattr(el, "default_js", []) + getattr(el, "default_css", [])]
        stack += list(getattr(el, "_children", {}).values())
    assert links and all(u.startswith("/app/static/vendor/") for u in links)


def test_cdn_fallback_when_no_asset_base(parts):
    html = _render(parts)
    assert "https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.js" in html
    assert "jquery" not in html.lower() and "bootstrap" not in html.lower()


def test_map_html_inlines_assets(parts, monkeypatch):
    monkeypatch.setattr(assets, "inline_head", lambda: "<script>/*LEAFLET INLINE*/</script>")
    text = map_html(*parts, year=2022, title="<Rapport>")
    assert "/*LEAFLET INLINE*/" in text
    assert not re.search(r'<script[^>]+src=', text) and "<link rel=\"stylesheet\"" not in text
    assert "<title>&lt;Rapport&gt;</title>" in text
    assert text.index("LEAFLET INLINE") < text.index("L.geoJSON(")


def test_map_html_without_assets_installed_says_what_to_do(parts, monkeypatch, tmp_path):
    monkeypatch.setattr(assets, "VENDOR_DIR", tmp_path)
    monkeypatch.setattr(assets.inline_head, "__defaults__", (tmp_path,))
    with pytest.raises(assets.AssetError, match="run scripts/install.sh"):
        map_html(*parts, year=2022)
    assert "cdn.jsdelivr.net" in map_html(*parts, year=2022, inline=False)


def test_write_map_html_is_atomic_and_refuses_to_overwrite(parts, tmp_path):
    out = tmp_path / "kart.html"
    assert write_map_html(out, *parts, year=2022, inline=False) == out
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["kart.html"]
    with pytest.raises(LevekarError, match="kart.html: file exists; choose another --out"):
        write_map_html(out, *parts, year=2022, inline=False, overwrite=False)
    with pytest.raises(LevekarError, match="folder .*nowhere does not exist"):
        write_map_html(tmp_path / "nowhere" / "x.html", *parts, year=2022, inline=False)


def test_legend_can_start_folded(parts):
    assert "<details open>" in legend_html(parts[2], parts[3], year=2022)
    assert "<details>" in legend_html(parts[2], parts[3], year=2022, open_=False)
    assert "\\u003cdetails\\u003e\\u003csummary" in _render(parts, legend_open=False)


def test_without_the_in_map_control_the_outlines_follow_show_districts(parts):
    on = _render(parts, outline_control=False, show_districts=True)
    off = _render(parts, outline_control=False, show_districts=False)
    assert "OutlineLayer" not in off and "L.control.layers" not in on and "L.control.layers" not in off
    assert "L.control.layers" in _render(parts)  # standalone files keep their checkbox
