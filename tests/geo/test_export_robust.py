"""Formula injection: every tabular export writes formula-like data text as text."""

from __future__ import annotations

import csv
import io

import numpy as np
import openpyxl
import pandas as pd
import pytest

from geo.export import FORMULA_START, neutralise_formulas, to_csv

HOSTILE = ["=HYPERLINK(\"http://evil.example\",\"klikk\")", "+1+2", "-2+3", "@SUM(A1:A2)", "\tx", "\rx",
           "=1+1"]


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"name": HOSTILE, "value": [-1.5, -2.0, np.nan, 3.0, -4.0, 5.0, -6.0],
                         "count": [-1, 2, 3, 4, 5, 6, 7], "text_number": ["-12,5", "+3", "-1e3", "x", None, "7", ""]})


def test_every_formula_start_is_neutralised_and_numbers_are_not():
    out = neutralise_formulas(_frame())
    assert out["name"].tolist() == ["'" + h for h in HOSTILE]
    assert all(out["name"].str[0] == "'") and {h[0] for h in HOSTILE} == set(FORMULA_START)
    pd.testing.assert_series_equal(out["value"], _frame()["value"])  # negative numbers stay numbers
    pd.testing.assert_series_equal(out["count"], _frame()["count"])
    assert out["text_number"].tolist()[:3] == ["-12,5", "+3", "-1e3"]  # a number as text is no formula
    assert pd.isna(out["text_number"].iloc[4])


def test_column_names_are_neutralised_too():
    assert list(neutralise_formulas(pd.DataFrame({"=cmd": [1]})).columns) == ["'=cmd"]


def test_the_argument_is_not_changed():
    frame = _frame()
    neutralise_formulas(frame)
    assert frame["name"].tolist() == HOSTILE


def test_csv_download_cells_start_with_an_apostrophe():
    rows = list(csv.reader(io.StringIO(to_csv(_frame()).decode("utf-8-sig"), newline="")))
    assert [r[0] for r in rows[1:]] == ["'" + h for h in HOSTILE]
    assert rows[1][1] == "-1.5"


def _formulas_in_xlsx(frame: pd.DataFrame) -> list[str]:
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False, engine="openpyxl")
    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    return [c.coordinate for row in book.active.iter_rows() for c in row if c.data_type == "f"]


def test_xlsx_has_no_formula_cell_after_neutralising():
    assert _formulas_in_xlsx(_frame())  # the test can fail: raw data does make formulas
    assert _formulas_in_xlsx(neutralise_formulas(_frame())) == []


@pytest.mark.parametrize("dtype", ["object", "str"])
def test_text_dtypes_keep_their_dtype(dtype):
    frame = pd.DataFrame({"s": pd.Series(["=a", "b"], dtype=dtype)})
    out = neutralise_formulas(frame)
    assert out["s"].dtype == frame["s"].dtype and out["s"].tolist() == ["'=a", "b"]


def test_geojson_written_by_geos_keeps_every_property_and_odd_text(tiny_dataset):
    import json

    from geo.benchmarks import zone_facts
    from geo.export import export_table, to_geojson

    zones = tiny_dataset.zones.copy()
    zones.loc[0, "name"] = 'Sone "1"\n=2+3 \\ ø'
    ds = type(tiny_dataset)(zones, tiny_dataset.values, tiny_dataset.catalog, tiny_dataset.meta)
    facts = zone_facts(ds, "child_low_income", 2022)
    table = export_table(facts, ds.indicator("child_low_income"), 2022, dataset_name="d", demo=False)
    doc = json.loads(to_geojson(table, ds.zones, demo=False))
    props = pd.DataFrame([f["properties"] for f in doc["features"]])
    assert props["name"].iloc[0] == 'Sone "1"\n=2+3 \\ ø'  # GeoJSON is data, not a spreadsheet: kept as is
    pd.testing.assert_frame_equal(props[table.columns.tolist()].fillna(np.nan), table.reset_index(drop=True),
                                  check_dtype=False)
    assert doc["features"][2]["properties"]["value"] is None  # NaN is null, not NaN
    assert doc["features"][0]["geometry"]["type"] in ("Polygon", "MultiPolygon")
