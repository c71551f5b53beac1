"""The CLI on hostile or careless input and on failing writes: exit 1 and a message naming the culprit."""

from __future__ import annotations

import json

import pandas as pd

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


def _many_bad_rows(path, n=3000):
    rows = ["zone_id;indicator;year;value"] + [f"0101;x{i // 100};{2000 + i % 100};bad{i}" for i in range(n)]
    return write_csv(path, "\n".join(rows) + "\n")


def test_validate_summarises_a_long_problem_list_and_reports_all(capsys, tmp_path):
    zones = write_geojson(tmp_path / "soner.geojson")
    table = _many_bad_rows(tmp_path / "verdier.csv")
    report = tmp_path / "problemer.csv"
    code, out, _ = run(capsys, "validate", zones, "--indicators", table, "--report", report)
    assert code == 1
    lines = out.splitlines()
    assert len(lines) < 30
    assert "error ×3000: verdier.csv, field 'value': '…' is not a number" in out
    assert f"all 3030 problem(s) written to {report}" in out and lines[-1].startswith("INVALID: 3000 error(s)")
    frame = pd.read_csv(report, encoding="utf-8-sig")
    assert list(frame.columns) == ["severity", "file", "where", "field", "message", "hint"]
    assert len(frame) == 3030 and (frame["severity"] == "error").sum() == 3000  # 30 unknown-indicator warnings
    assert frame["where"].iloc[2999] == "row 3001"


def test_import_and_merge_summarise_and_report(capsys, tmp_path, tiny_dataset):
    from geo.data.dataset import save

    zones = write_geojson(tmp_path / "soner.geojson")
    table = _many_bad_rows(tmp_path / "verdier.csv")
    code, _, err = run(capsys, "import", "--zones", zones, "--indicators", table, "--out", tmp_path / "d.gpkg",
                       "--report", tmp_path / "r1.csv")
    assert code == 1 and len(err.splitlines()) < 30 and "the full list: " in err
    assert len(pd.read_csv(tmp_path / "r1.csv")) == 3030
    base = save(tiny_dataset, tmp_path / "base.gpkg")
    code, _, err = run(capsys, "merge", "--dataset", base, "--indicators", table, "--out", tmp_path / "m.gpkg",
                       "--report", tmp_path / "r2.csv")
    assert code == 1 and len(err.splitlines()) < 30 and "error ×3000: verdier.csv, field 'value'" in err
    assert len(pd.read_csv(tmp_path / "r2.csv")) == 3030


def test_report_in_a_missing_folder_is_refused_before_the_work(capsys, tmp_path):
    zones = write_geojson(tmp_path / "soner.geojson")
    code, _, err = run(capsys, "validate", zones, "--report", tmp_path / "nope" / "r.csv")
    assert code == 1 and "nope does not exist" in err


def test_library_warnings_become_short_lines_naming_the_file(tmp_path):
    import subprocess
    import sys

    from geo.config import PROJECT_DIR

    zones = tmp_path / "blandet.geojson"
    ring = [[10.4, 63.4], [10.41, 63.4], [10.41, 63.41], [10.4, 63.4]]
    features = [{"type": "Feature", "properties": {"zone_id": str(i), "name": n, "x": x},
                 "geometry": {"type": "Polygon", "coordinates": [[[a + i / 10, b] for a, b in ring]]}}
                for i, (n, x) in enumerate([("A", 1), ("B", "tekst")])]
    zones.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    proc = subprocess.run([sys.executable, "-m", "geo", "validate", str(zones)], cwd=PROJECT_DIR,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0
    assert "warning: blandet.geojson: the reader notes: Could not parse column 'x' as JSON" in proc.stdout
    assert proc.stderr == ""  # no site-packages path, no source line


def test_other_warnings_are_one_line_without_a_path(capsys, monkeypatch):
    import warnings

    import geo.commands.info as info

    real = info.summary

    def noisy(ds):
        warnings.warn("something odd in a library", UserWarning, stacklevel=1)
        warnings.warn("old API", DeprecationWarning, stacklevel=1)
        return real(ds)

    monkeypatch.setattr(info, "summary", noisy)
    code, _, err = run(capsys, "info")
    assert code == 0
    assert err == "warning: something odd in a library\n"
