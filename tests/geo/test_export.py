from __future__ import annotations

import io
import json

import pandas as pd

from geo.benchmarks import zone_facts
from geo.export import DEMO_NOTE, export_table, to_csv, to_geojson


def test_csv_and_geojson_match_the_shown_facts(tiny_dataset):
    ind = tiny_dataset.indicator("child_low_income")
    facts = zone_facts(tiny_dataset, "child_low_income", 2022)
    table = export_table(facts, ind, 2022, dataset_name=tiny_dataset.name, demo=True)
    csv = pd.read_csv(io.BytesIO(to_csv(table)), encoding="utf-8-sig", dtype={"zone_id": str})
    assert csv["zone_id"].tolist() == ["0101", "0102", "0201"]
    assert (csv["note"] == DEMO_NOTE).all()
    assert set(csv["status"]) == {"synthetic", "suppressed"}
    gj = json.loads(to_geojson(table, tiny_dataset.zones, demo=True, manifest=[{"name": "x", "url": "u"}]))
    assert gj["metadata"]["demo"] is True and len(gj["features"]) == 3
    assert gj["metadata"]["manifest"] == [{"name": "x", "url": "u"}]
    lon, lat = gj["features"][0]["geometry"]["coordinates"][0][0]
    assert 5 < lon < 20 and 60 < lat < 70  # WGS84
    assert len(str(lon).split(".")[1]) <= 5


def test_no_demo_note_for_real_data(tiny_dataset):
    ind = tiny_dataset.indicator("child_low_income")
    facts = zone_facts(tiny_dataset, "child_low_income", 2022)
    table = export_table(facts, ind, 2022, dataset_name="x", demo=False)
    assert "note" not in table.columns


def test_to_xlsx_writes_notes_first_and_neutralises_text():
    import openpyxl
    import pytest as _pytest

    from geo.export import to_xlsx

    t = pd.DataFrame({"name": ["=HYPERLINK(1)", "Lademoen"], "value": [1.5, -2.0]})
    data = to_xlsx({"Tabell: 2022": t, "Tabell- 2022": t}, notes=["DEMO"])
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames[0] == "Om" and wb["Om"]["A2"].value == "DEMO"
    assert wb.sheetnames[1:] == ["Tabell- 2022", "Tabell- 2022-2"]
    ws = wb["Tabell- 2022"]
    assert ws["A2"].value == "'=HYPERLINK(1)" and ws["B3"].value == -2.0
    with _pytest.raises(ValueError, match="at least one table"):
        to_xlsx({})
