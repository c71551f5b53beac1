"""The profile page's pure pieces: spine table, sparkline with gaps, detail and similar tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from geo.analysis.compare import resolve_area
from geo.analysis.similarity import similar_zones
from geo.workbench.profile import detail_frame, profile_content, similar_frame, sparkline_svg, spine_html
from tests.ui.workbench_data import hostile_dataset


@pytest.fixture(scope="module")
def content():
    ds = hostile_dataset()
    return ds, *profile_content(ds, resolve_area(ds, "Z0_0"), 2022)


def test_profile_has_every_indicator_with_surveys_in_their_year(content):
    ds, c, trends = content
    assert list(c.profile["id"]) == ds.indicator_ids
    assert c.profile.set_index("id").loc["green_space_satisfaction", "year"] == 2021
    assert set(trends) == set(ds.indicator_ids) and c.similar.empty


def test_spine_html_escapes_and_draws(content):
    ds, c, trends = content
    html = spine_html(c.profile, trends, "nb")
    assert html.count("<tr>") == len(c.profile) + 1
    assert "<circle" in html and "polyline" in html
    bad = c.profile.assign(label="<script>x</script>")
    out = spine_html(bad, trends, "en")
    assert "<script>x" not in out and "&lt;script&gt;x&lt;/script&gt;" in out


def test_sparkline_breaks_at_missing_years_and_never_joins_them():
    trend = pd.DataFrame({"year": [2019, 2020, 2021, 2022, 2023], "value": [1.0, 2.0, np.nan, 3.0, 4.0],
                          "city_value": [2.0, 2.0, 2.0, 2.0, 2.0]})
    svg = sparkline_svg(trend)
    zone_lines = [p for p in svg.split("<polyline")[1:] if "#d55e00" in p]
    assert len(zone_lines) == 2 and all(p.count(",") == 2 for p in zone_lines)  # two runs of two points
    lone = trend.assign(value=[1.0, np.nan, 2.0, np.nan, np.nan])
    assert sparkline_svg(lone).count("<circle") == 2
    assert sparkline_svg(trend.assign(value=np.nan)) == ""


def test_detail_and_similar_frames(content):
    ds, c, _ = content
    details = detail_frame(c.profile, "en")
    assert len(details) == len(c.profile) and "Percentile" in details.columns
    assert not details.astype(str).apply(lambda s: s.str.contains("nan")).any().any()
    sim = similar_zones(ds, "Z0_0", ["child_low_income", "unemployment"], 2022, 3)
    frame = similar_frame(sim, {"child_low_income": "Barn"}, "nb")
    assert list(frame.columns) == ["Sone", "Avstand", "Lik på", "Ulik på"] and len(frame) == 3
    assert similar_frame(sim.iloc[0:0], {}, "en").empty
