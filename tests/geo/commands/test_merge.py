"""``python -m geo merge``: the kommune's own long table merged into a dataset, recorded in the manifest."""

from __future__ import annotations

import pytest

from geo.cli import main
from geo.data.dataset import load, save


@pytest.fixture
def base(tmp_path, tiny_dataset):
    tiny_dataset.meta["manifest"] = [{"name": "x", "url": "u", "query": None, "retrieved_at": "t", "licence": "l",
                                      "sha256": "0" * 64, "bytes": 1}]
    return save(tiny_dataset, tmp_path / "base.gpkg")


def run(base, table, out, *extra):
    return main(["merge", "--dataset", str(base), "--indicators", str(table), "--out", str(out), *extra])


def test_merge_adds_and_replaces_rows(tmp_path, base, capsys):
    table = tmp_path / "egne.csv"
    table.write_text("zone_id;indicator;year;value;ci_low;ci_high;status;source\n"
                     "0101;green_space_satisfaction;2022;61,5;55,0;68,0;published;HUNT4 Trondheim\n"
                     "0102;child_low_income;2022;9,0;;;;\n", encoding="utf-8")
    out = tmp_path / "merged.gpkg"
    assert run(base, table, out, "--licence", "Trondheim kommune") == 0
    ds = load(out)
    g = ds.slice("green_space_satisfaction", 2022).set_index("zone_id")
    assert g.loc["0101", "value"] == 61.5 and g.loc["0101", "ci_low"] == 55.0 and g.loc["0101", "status"] == "published"
    c = ds.slice("child_low_income", 2022).set_index("zone_id")
    assert c.loc["0102", "value"] == 9.0 and c.loc["0102", "source"] == "egne.csv"
    assert len(ds.values) == 7
    entry = ds.meta["manifest"][-1]
    assert entry["name"] == "Egen tabell: egne.csv" and entry["licence"] == "Trondheim kommune"
    assert len(ds.meta["manifest"]) == 2 and "+1 rows" in capsys.readouterr().out
    assert ds.meta["licences"] == ["Trondheim kommune", "l"]
    assert "Kilde: Trondheim kommune" in ds.meta["attribution"]["nb"]


def test_merge_reports_every_bad_row(tmp_path, base, capsys):
    table = tmp_path / "bad.csv"
    table.write_text("zone_id,indicator,year,value,status\n9999,x,2022,1,published\n0101,x,20x2,abc,final\n"
                     "0101,x,2022,1,\n0101,x,2022,2,\n", encoding="utf-8")
    out = tmp_path / "merged.gpkg"
    assert run(base, table, out) == 1
    err = capsys.readouterr().err
    assert "bad.csv, row 2, field 'zone_id': 1 zone id(s) are not in the zones: '9999'" in err
    assert "bad.csv, row 3, field 'year': year '20x2' is not an integer" in err
    assert "bad.csv, row 3, field 'value': 'abc' is not a number" in err
    assert "bad.csv, row 3, field 'status': unknown status 'final'" in err
    assert "bad.csv, rows 4, 5, field 'zone_id': zone '0101', indicator 'x', year 2022 appears 2 times" in err
    assert not out.exists()


def test_merge_missing_columns_and_existing_output(tmp_path, base, capsys):
    table = tmp_path / "t.csv"
    table.write_text("zone,value\n0101,1\n", encoding="utf-8")
    assert run(base, table, tmp_path / "o.gpkg") == 1
    assert "t.csv, field 'indicator, year': missing required column(s) indicator, year" in capsys.readouterr().err
    assert run(base, table, base) == 1
    assert "already exists" in capsys.readouterr().err
    assert run(base, tmp_path / "t.json", tmp_path / "o.gpkg") == 1
    assert "no such file" in capsys.readouterr().err
