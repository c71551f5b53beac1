"""The printable report: self-contained, escaped, marked as demo, the same numbers as the profile."""

from __future__ import annotations

import html
import re

import pytest

from geo.analysis.zonesets import user_set
from geo.mapping.display import display_layer
from geo.report import build_profile, profile_json, render_comparison_report, render_profile_report
from geo.report.figures import map_png, spine_svg

from ..analysis.conftest import make_grid_dataset

HOSTILE = "<script>alert(\"x\")</script> & 'Øst'"


@pytest.fixture(scope="module")
def hostile():
    ds = make_grid_dataset(names=[HOSTILE, *[f"Sone {i}" for i in range(2, 10)]])
    ds.meta["name"] = "<b>Data & \"navn\"</b>"
    v = ds.values.copy()
    v.loc[v["zone_id"] == "Z1", "source"] = "<img src=x onerror=alert(1)>"
    ds.values = v
    return ds


@pytest.fixture(scope="module")
def profile_html(hostile):
    return render_profile_report(hostile, "Z1", 2022, today="2026-01-31")


def assert_escaped(page: str) -> None:
    assert "<script" not in page and "<img src=x" not in page and "<b>Data" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;Øst&#x27;" in page
    assert "&lt;b&gt;Data &amp; &quot;navn&quot;&lt;/b&gt;" in page


def test_profile_report_escapes_hostile_names_sources_and_dataset_name(profile_html):
    assert_escaped(profile_html)
    assert "&lt;img src=x onerror=alert(1)&gt;" in profile_html


def test_comparison_report_escapes_hostile_names(hostile):
    page = render_comparison_report(hostile, ["Z1", user_set(hostile, ["Z1", "Z2"], name=HOSTILE + " sett")], 2022,
                                    today="2026-01-31")
    assert_escaped(page)
    assert page.count("&lt;script&gt;") >= 3  # column header, legend, set name


def test_report_is_self_contained_and_dated(profile_html):
    assert profile_html.startswith("<!DOCTYPE html>") and "@page { size: A4" in profile_html
    assert re.search(r'src="data:image/png;base64,[A-Za-z0-9+/=]{200,}"', profile_html)
    assert not re.search(r'(src|href)="(https?:)?//', profile_html) and "<link" not in profile_html
    assert "@import" not in profile_html and "url(" not in profile_html
    assert "2026-01-31" in profile_html and "<svg" in profile_html


def test_demo_marking_only_for_demo_data():
    ds = make_grid_dataset()
    assert "DEMONSTRASJONSDATA" in render_profile_report(ds, "Z2", 2022)
    assert "DEMONSTRATION DATA" in render_profile_report(ds, "Z2", 2022, lang="en")
    ds.meta["demo"] = False
    page = render_profile_report(ds, "Z2", 2022)
    assert "DEMONSTRASJONSDATA" not in page and "DEMONSTRATION" not in page


def test_report_cites_the_profile_numbers_and_the_sources():
    ds = make_grid_dataset()
    page = render_profile_report(ds, "Z5", 2022, k=2)
    assert "25,0 %" in page and "1 av 7" in page and "klart verre" in page
    assert "Kilder" in page and "survey" in page
    content = build_profile(ds, "Z5", 2022, k=2)
    for sentence in content.summary["nb"][:6]:
        assert html.escape(sentence) in page
    for name in content.similar["name"]:
        assert name in page


def test_set_report_lists_members_and_has_no_rank_column():
    ds = make_grid_dataset()
    page = render_profile_report(ds, ["Z1", "Z2"], 2022)
    assert "Soner i området: Sone 1, Sone 2" in page and ">Rang<" not in page and "Områdeprofil" in page


def test_profile_json_shape():
    ds = make_grid_dataset()
    obj = profile_json(build_profile(ds, "Z5", 2022, k=3))
    assert set(obj) == {"area", "year", "indicators", "summary", "similar"}
    assert obj["area"] == {"name": "Sone 5", "zone_ids": ["Z5"]} and obj["year"] == 2022
    assert all(list(i) == ["id", "value", "numerator", "denominator", "rank", "n_ranked", "city_value",
                           "district_value", "ci_low", "ci_high", "vs_city", "status", "source"]
               for i in obj["indicators"])
    child = next(i for i in obj["indicators"] if i["id"] == "child_low_income")
    assert child["rank"] == 1 and child["vs_city"] == "worse" and isinstance(child["rank"], int)
    pop = next(i for i in obj["indicators"] if i["id"] == "population")
    assert pop["vs_city"] is None and pop["ci_low"] is None
    assert len(obj["similar"]) == 3 and set(obj["similar"][0]) == {"zone_id", "name", "distance"}
    assert set(obj["summary"]) == {"nb", "en"}


def test_map_png_and_spine_svg():
    ds = make_grid_dataset()
    png = map_png(display_layer(ds.zones), ["Z5"], size_in=1.0, dpi=50)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    row = {"min": 0.0, "q1": 1.0, "median": 2.0, "q3": 3.0, "max": 4.0, "city_value": 2.0, "value": 4.0,
           "direction": "higher_is_worse", "vs_city": "worse"}
    svg = spine_svg(row, width=112, title="<x>")
    # the highest value of a higher-is-worse indicator is at the left end (x = padding 6)
    assert 'cx="6.0"' in svg and "&lt;x&gt;" in svg
    assert spine_svg({**row, "min": float("nan")}) == ""


def test_reports_without_districts_and_with_most_values_missing():
    ds = make_grid_dataset()
    z = ds.zones.copy()
    z["district"] = None
    ds.zones = z
    page = render_profile_report(ds, "Z1", 2022)
    assert "Bydel" in page and "Sone 1" in page
    v = ds.values.copy()
    gone = (v["indicator"] != "population") & (v["zone_id"] != "Z1")
    v.loc[gone, ["value", "numerator", "denominator", "ci_low", "ci_high"]] = float("nan")
    v.loc[gone, "status"] = "missing"
    ds.values = v
    page = render_profile_report(ds, "Z2", 2022)
    assert "mangler" in page
    obj = profile_json(build_profile(ds, "Z2", 2022))
    assert all(i["value"] is None for i in obj["indicators"] if i["id"] != "population")
    compare = render_comparison_report(ds, ["Z2", ["Z1", "Z2"]], 2022)
    assert compare.count("mangler") >= 3 and "1 av 2 soner" in compare  # the set rests on Z1 alone


def test_long_tables_are_set_tighter():
    from geo.report.page import _density

    assert (_density(18), _density(21), _density(29)) == ("", "rows-m", "rows-l")
