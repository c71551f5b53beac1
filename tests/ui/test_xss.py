"""Hostile data text (zone names, districts, indicator labels, sources) reaches HTML only as text.

Covers the map's tooltip and popup HTML, its legend and standalone page, the side panel's table, the
zone bar and trend charts (Plotly labels and hover), the printable report, the downloads and the
rendered app page.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from geo.benchmarks import zone_facts
from geo.charts import trend_frame, zone_bar, zone_trend
from geo.data.catalog import DEFAULT_CATALOG, Catalog
from geo.export import export_bytes
from geo.mapping.classify import classify
from geo.mapping.display import display_layer
from geo.mapping.maps import legend_html, map_html, tooltip_html
from geo.report import render_profile_report
from ui.cache import UPLOADED_KEY
from ui.panel import facts_table_html

HOSTILE = "<img src=x onerror=alert(1)>"
SCRIPT = "</script><script>alert(2)</script>"
RAW = ("<img src=x", "<script>alert", "onerror=alert(1)>")


@pytest.fixture
def hostile(tiny_dataset):
    ds = tiny_dataset
    ds.zones = ds.zones.assign(name=[HOSTILE, SCRIPT, "<a href='javascript:alert(3)'>x</a>"],
                               district=[SCRIPT, SCRIPT, HOSTILE])
    ds.values = ds.values.assign(source=HOSTILE)
    entry = DEFAULT_CATALOG["child_low_income"]
    ds.catalog = Catalog([replace(entry, label_nb=HOSTILE, label_en=HOSTILE, description_nb=SCRIPT,
                                  source_name=HOSTILE)])
    return ds


def assert_text_only(text: str) -> None:
    for raw in RAW:
        assert raw not in text, raw
    assert "<a href='javascript" not in text


def test_tooltip_popup_legend_and_standalone_map(hostile):
    ind = hostile.indicator("child_low_income")
    facts = zone_facts(hostile, "child_low_income", 2022)
    for _, row in facts.iterrows():
        tip = tooltip_html(row, ind, year=2022)
        assert_text_only(tip)
        assert "&lt;img src=x onerror=alert(1)&gt;" in tip
    classes = classify(facts, ind, k=3)
    assert_text_only(legend_html(ind, classes, year=2022))
    page = map_html(display_layer(hostile.zones), facts, ind, classes, year=2022)
    assert "<script>alert(2)" not in page and "</script><script>alert" not in page
    assert "<img src=x onerror" not in page


def test_panel_table(hostile):
    table = facts_table_html([("Sone", HOSTILE), (SCRIPT, "x"), ("Kilde", HOSTILE)])
    assert_text_only(table)
    assert table.count("&lt;img src=x onerror=alert(1)&gt;") == 2


def test_chart_labels_and_hover(hostile):
    ind = hostile.indicator("child_low_income")
    facts = zone_facts(hostile, "child_low_income", 2022)
    bar = zone_bar(facts, ind, "0101", title=HOSTILE).to_json()
    trend = zone_trend(trend_frame(hostile, "child_low_income", "0101"), ind, HOSTILE).to_json()
    for spec in (bar, trend):
        assert_text_only(spec)
        assert "&lt;img src=x onerror=alert(1)&gt;" in json.loads(spec).__repr__()
    for trace in json.loads(trend)["data"]:  # the name is looked up by Plotly, never pasted into the template
        assert HOSTILE not in trace.get("hovertemplate", "") and "&lt;img" not in trace.get("hovertemplate", "")


def test_report(hostile):
    page = render_profile_report(hostile, "0101", 2022, today="2026-01-31")
    assert_text_only(page)
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


@pytest.mark.parametrize("fmt", ["csv", "geojson"])
def test_downloads_keep_hostile_text_as_data(hostile, fmt):
    data = export_bytes(hostile, "child_low_income", 2022, fmt).decode("utf-8-sig")
    assert HOSTILE in data or json.dumps(HOSTILE)[1:-1] in data  # kept as the text it is, for a data file


def test_rendered_app_page_shows_hostile_text_as_text(hostile):
    from tests.ui.test_app import run_app

    at = run_app({"year": "2022"}, state={UPLOADED_KEY: hostile, "zone": "0101"})
    assert not at.exception
    html_parts = [m.value for m in at.markdown if "lk-facts" in m.value]
    html_parts += [h.value for h in at.html if "lk-legend-below" in h.value]  # the legend below the map
    assert html_parts, "the panel table and legend are rendered as HTML"
    for part in html_parts:
        # Markdown rendered with HTML allowed: a tag is harmless only entity-escaped or backslash-escaped
        # (CommonMark: "\<img" is the character "<", never the start of a tag)
        assert not re.search(r"(?<!\\)<(img|script|a )", part), part
    for chart in at.get("plotly_chart"):
        assert_text_only(chart.proto.spec)
