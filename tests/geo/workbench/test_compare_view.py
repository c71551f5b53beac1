"""The compare page's pure pieces: the HTML table, the dot chart, the small multiples, the downloads."""

from __future__ import annotations

import numpy as np
import pytest

from geo.analysis.compare import comparison_table
from geo.analysis.profile import trend_series
from geo.analysis.zonesets import find_set
from geo.export import DEMO_NOTE, to_xlsx
from geo.workbench.common import download_notes, marker_footnote
from geo.workbench.compare import (
    comparison_columns,
    comparison_html,
    dot_figure,
    export_frame,
    trend_multiples,
    wide_frame,
)
from tests.ui.workbench_data import HOSTILE, hostile_dataset, rich_dataset


@pytest.fixture(scope="module")
def ds():
    return hostile_dataset()


@pytest.fixture(scope="module")
def table(ds):
    cols = comparison_columns(ds, ["Z0_0", "Z0_3"], ["all"], ["Z1_0", "Z1_1"], "Eget")
    return comparison_table(ds, cols, 2022, exact=False)


def test_columns_are_zones_sets_and_the_own_set(ds, table):
    assert list(dict.fromkeys(table["column_id"])) == ["Z0_0", "Z0_3", "all", "user"]
    assert table.loc[table["column_id"] == "user", "column_name"].iloc[0] == "Eget"


def test_html_escapes_names_and_has_city_and_district_columns(ds, table):
    html = comparison_html(ds, table, "nb")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Bydel Vest" in html and "Bydel Øst" in html and "Byen" in html
    assert "(2021)" in html  # the survey's latest earlier year is named
    assert "klart" in html or "ingen klar forskjell" in html
    assert " av 12" in html  # rank of N for single zones


def test_html_percent_of_city(ds, table):
    html = comparison_html(ds, table, "en", pct=True)
    row = next(r for r in html.split("<tr>") if "Barn i lavinntektsfamilier" in r)
    assert row.count("100 %") >= 2  # all zones = the city, and the city column


def test_dot_figure_whiskers_and_city_line(ds, table):
    ind = ds.indicator("child_low_income")
    fig = dot_figure(table, ind, "nb")
    assert len(fig.data) == 4
    first = table[(table["indicator"] == ind.id)].iloc[0]
    assert fig.data[0].error_x.array[0] == pytest.approx(first["ci_high"] - first["value"])
    city = first["city_value"]
    assert fig.layout.shapes[0].x0 == pytest.approx(city)
    assert HOSTILE[0] not in fig.to_json()
    pct = dot_figure(table, ind, "nb", pct=True)
    assert pct.layout.shapes[0].x0 == 100.0
    assert pct.data[2].x[0] == pytest.approx(100.0)  # all zones = the city


def test_trend_multiples_keep_gaps():
    ds = rich_dataset()
    values = ds.values.copy()
    values = values[~((values["zone_id"] == "Z0_0") & (values["year"] == 2020))]
    ds.values = values
    trends = {("Z0_0", "child_low_income"): trend_series(ds, "Z0_0", "child_low_income")}
    fig = trend_multiples(trends, {"Z0_0": "Sone 0-0"}, [ds.indicator("child_low_income")], "nb")
    zone = fig.data[0]
    assert list(zone.x) == [2019, 2020, 2021, 2022] and np.isnan(zone.y[1]) and zone.connectgaps is False


def test_exports_carry_status_source_dataset_and_demo(ds, table):
    flat = export_frame(table, dataset_name=ds.name, demo=True)
    assert {"status", "source", "dataset", "note", "vs_city", "rank"} <= set(flat.columns)
    assert (flat["note"] == DEMO_NOTE).all()
    wide = wide_frame(table, "nb")
    assert list(wide.columns[:3]) == ["Indikator", "År", "unit"] and "Byen" in wide.columns
    notes = download_notes(ds.name, True, flat["source"], "nb", extra=[marker_footnote(table["test"], "nb")])
    assert notes[0] == "Datasett: Grid test" and DEMO_NOTE in notes and notes[-1].startswith("Kilder: test grid")
    assert to_xlsx({"Sammenligning": wide, "Data": flat}, notes=notes)[:2] == b"PK"


def test_footnote_names_the_tests_or_says_none():
    assert "Wilson" in marker_footnote(["wilson"], "nb")
    assert "source's own" not in marker_footnote(["wilson"], "en") and "source's own" in marker_footnote(["published_ci"], "en")
    assert "ingen tall her gir grunnlag for test" in marker_footnote([], "nb")


def test_unknown_group_raises(ds):
    from geo.errors import UnknownChoiceError

    with pytest.raises(UnknownChoiceError, match="zone group"):
        comparison_columns(ds, [], ["nope"])
    assert find_set(ds, "all").kind == "all"
