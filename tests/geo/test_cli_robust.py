"""The CLI on hostile or careless input and on failing writes: exit 1 and a message naming the culprit."""

from __future__ import annotations

from geo.cli import main
from tests.geo.import_files import write_csv, write_geojson


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_table_with_two_columns_of_one_name_exits_1(capsys, tmp_path):
    zones = write_geojson(tmp_path / "soner.geojson")
    table = write_csv(tmp_path / "verdier.csv", "zone_id;indicator;year;value;value\n0101;child_low_income;2021;1;2\n")
    for command in (["validate", zones], ["import", "--zones", zones, "--out", tmp_path / "d.gpkg"]):
        code, out, err = run(capsys, *command, "--indicators", table)
        assert code == 1
        assert "verdier.csv, header, field 'value': 2 columns are named 'value'" in out + err
        assert not (tmp_path / "d.gpkg").exists()
