"""One escape per target: Markdown, HTML, Plotly."""

from __future__ import annotations

import pytest

from geo.benchmarks import zone_facts
from geo.charts import trend_frame, zone_bar, zone_trend
from geo.text import html_escape, md_escape, plotly_escape

NAME = 'Vår "gate" <b>x</b> & co'


def test_plotly_escape_keeps_quotes_and_neutralises_tags():
    assert plotly_escape(NAME) == 'Vår "gate" &lt;b&gt;x&lt;/b&gt; &amp; co'


def test_html_escape_escapes_quotes_for_attributes():
    assert html_escape(NAME) == "Vår &quot;gate&quot; &lt;b&gt;x&lt;/b&gt; &amp; co"


@pytest.mark.parametrize(("text", "expected"), [
    ("[klikk](https://evil.example)", "\\[klikk\\](https://evil.example)"),
    ("**fet**", "\\*\\*fet\\*\\*"),
    ("<img src=x>", "\\<img src=x\\>"),
])
def test_md_escape_neutralises_links_emphasis_and_tags(text, expected):
    assert md_escape(text) == expected


def _named(tiny_dataset, name):
    zones = tiny_dataset.zones.copy()
    zones.loc[0, "name"] = name
    return type(tiny_dataset)(zones, tiny_dataset.values, tiny_dataset.catalog, tiny_dataset.meta)


def test_charts_show_quotes_as_quotes_and_never_paste_names_into_templates(tiny_dataset):
    ds = _named(tiny_dataset, 'Vår "gate" %{y}')
    bar = zone_bar(zone_facts(ds, "child_low_income", 2021), ds.indicator("child_low_income"))
    assert 'Vår "gate" %{y}' in list(bar.data[0].y) and not any("&quot;" in str(y) for y in bar.data[0].y)
    trend = zone_trend(trend_frame(ds, "child_low_income", "0101"), ds.indicator("child_low_income"),
                       'Vår "gate" %{y}')
    zone = trend.data[0]
    assert zone.name == 'Vår "gate" %{y}'
    assert all("gate" not in t.hovertemplate for t in trend.data)
