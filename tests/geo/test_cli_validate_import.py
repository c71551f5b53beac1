"""``python -m geo validate`` and ``python -m geo import``: exit codes, messages, atomic output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from geo.cli import main
from geo.config import PROJECT_DIR
from geo.data.dataset import load
from tests.geo.import_files import (
    BOWTIE,
    IDS,
    write_crs84,
    write_csv,
    write_geojson,
    write_zipped_shapefile,
    zones_frame,
)


@pytest.fixture
def files(tmp_path):
    """A valid zone file and table, plus a broken zone file (bow-tie) and a broken table."""
    z = zones_frame()
    z.loc[0, "geometry"] = BOWTIE
    return {
        "zones": write_geojson(tmp_path / "soner.geojson"),
        "table": write_csv(tmp_path / "verdier.csv"),
        "bowtie": write_geojson(tmp_path / "sløyfe.geojson", z),
        "bad_table": write_csv(tmp_path / "feil.csv", "zone_id;indicator;year;value\n0101;child_low_income;2021;høy\n"
                                                     "0999;child_low_income;20x1;1\n"),
    }


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# --- validate -----------------------------------------------------------------------------------------
def test_validate_valid_files_exit_0(capsys, files):
    code, out, err = run(capsys, "validate", files["zones"], "--indicators", files["table"])
    assert code == 0
    assert "valid: 3 zones, 2 districts, 2 indicators, 4 values (2021–2021); 0 warning(s)" in out


def test_validate_prints_one_line_per_problem_and_exits_1(capsys, files):
    code, out, _ = run(capsys, "validate", files["bowtie"], "--indicators", files["bad_table"])
    assert code == 1
    lines = out.strip().splitlines()
    assert lines[-1].startswith("INVALID: 4 error(s)")
    assert "sløyfe.geojson, feature 1 (id '0101'), field 'geometry': is invalid (Self-intersection" in out
    assert "make_valid would repair it — re-run with --repair" in out
    assert "feil.csv, row 2, field 'value': 'høy' is not a number" in out
    assert "feil.csv, row 3, field 'year': year '20x1' is not an integer" in out
    assert "feil.csv, row 3, field 'zone_id': 1 zone id(s) are not in the zones: '0999'" in out
    assert len(lines) == 5


def test_validate_json(capsys, files):
    code, out, _ = run(capsys, "validate", files["bowtie"], "--indicators", files["bad_table"], "--json")
    report = json.loads(out)
    assert code == 1 and report["valid"] is False and report["errors"] == 4
    first = report["problems"][0]
    assert first["file"] == "sløyfe.geojson" and first["where"] == "feature 1 (id '0101')"
    assert first["field"] == "geometry" and first["severity"] == "error"
    code, out, _ = run(capsys, "validate", files["zones"], "--indicators", files["table"], "--json")
    report = json.loads(out)
    assert code == 0 and report["valid"] and report["summary"]["zones"] == 3


def test_validate_repair_reports_each_repaired_feature_and_passes(capsys, files):
    code, out, _ = run(capsys, "validate", files["bowtie"], "--repair")
    assert code == 0
    assert "warning: sløyfe.geojson, feature 1 (id '0101'), field 'geometry': was invalid" in out
    assert "1 warning(s)" in out


def test_validate_no_crs_then_crs_option(capsys, tmp_path):
    path = write_zipped_shapefile(tmp_path / "soner.zip", keep_prj=False)
    code, out, _ = run(capsys, "validate", path)
    assert code == 1 and "has no coordinate reference system" in out and "--crs" in out
    code, out, _ = run(capsys, "validate", path, "--crs", "EPSG:25833")
    assert code == 0


def test_validate_crs_contradicting_file_warns(capsys, tmp_path):
    code, out, _ = run(capsys, "validate", write_crs84(tmp_path / "s.geojson"), "--crs", "EPSG:25833")
    assert code == 0 and "warning:" in out and "was NOT applied" in out


def test_validate_missing_fields_list_available_fields(capsys, files):
    code, out, _ = run(capsys, "validate", files["zones"], "--id-field", "kode", "--name-field", "tittel")
    assert code == 1
    assert "no zone id field called 'kode'" in out
    assert "available fields: Levekårsone, Navn, Bydel" in out


def test_validate_missing_file_and_wrong_type(capsys, tmp_path):
    code, out, _ = run(capsys, "validate", tmp_path / "nope.geojson")
    assert code == 1 and "nope.geojson: no such file" in out
    (tmp_path / "x.docx").write_bytes(b"PK")
    code, out, _ = run(capsys, "validate", tmp_path / "x.docx")
    assert code == 1 and "is not a zone file this importer reads ('.docx')" in out


@pytest.mark.parametrize("argv, match", [
    (["validate"], "the following arguments are required: ZONES"),
    (["validate", "z.geojson", "--crs", "EPSG:nope"], "not a coordinate reference system I know"),
    (["validate", "z.geojson", "--default-status", "guessed"], "invalid choice: 'guessed'"),
    (["validate", "z.geojson", "--bogus"], "unrecognized arguments: --bogus"),
    (["import", "--zones", "z.geojson"], "the following arguments are required: --out"),
])
def test_usage_errors_exit_2(capsys, argv, match):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    assert match in capsys.readouterr().err


# --- import ---------------------------------------------------------------------------------------------
def test_import_writes_a_dataset_and_prints_a_summary(capsys, files, tmp_path):
    out_path = tmp_path / "mine.gpkg"
    code, out, err = run(capsys, "import", "--zones", files["zones"], "--indicators", files["table"],
                         "--out", out_path, "--name", "Mine soner")
    assert code == 0, err
    assert f"imported 'Mine soner' → {out_path}: 3 zones" in out
    assert "2 row(s) without a status got 'published' (change with --default-status)" in out
    ds = load(out_path)
    assert ds.name == "Mine soner" and not ds.is_demo
    assert ds.zones["zone_id"].tolist() == IDS
    assert ds.meta["geometry"] == "imported from soner.geojson"
    assert [m["file"] for m in ds.meta["manifest"]] == ["soner.geojson", "verdier.csv"]
    code, info, _ = run(capsys, "info", "--dataset", out_path, "--json")
    assert code == 0 and '"demo": false' in info


def test_import_default_status_option(capsys, files, tmp_path):
    out_path = tmp_path / "syn.gpkg"
    code, out, _ = run(capsys, "import", "--zones", files["zones"], "--indicators", files["table"], "--out", out_path,
                       "--default-status", "synthetic")
    assert code == 0 and "got 'synthetic'" in out
    assert set(load(out_path).values["status"]) == {"synthetic", "published", "suppressed"}


def test_import_refuses_existing_output_without_force(capsys, files, tmp_path):
    out_path = tmp_path / "mine.gpkg"
    out_path.write_bytes(b"precious")
    code, _, err = run(capsys, "import", "--zones", files["zones"], "--out", out_path)
    assert code == 1
    assert "already exists; choose another path or pass --force" in err
    assert out_path.read_bytes() == b"precious"
    code, _, err = run(capsys, "import", "--zones", files["zones"], "--out", out_path, "--force")
    assert code == 0, err
    assert len(load(out_path).zones) == 3


def test_failed_import_leaves_existing_output_byte_identical(capsys, files, tmp_path):
    out_path = tmp_path / "mine.gpkg"
    assert run(capsys, "import", "--zones", files["zones"], "--out", out_path)[0] == 0
    before = out_path.read_bytes()
    code, _, err = run(capsys, "import", "--zones", files["bowtie"], "--indicators", files["bad_table"],
                       "--out", out_path, "--force")
    assert code == 1
    assert "make_valid would repair it" in err
    assert f"error: import failed with 4 error(s); nothing was written; {out_path} is unchanged" in err
    assert out_path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_import_output_must_be_a_gpkg_file(capsys, files, tmp_path):
    code, _, err = run(capsys, "import", "--zones", files["zones"], "--out", tmp_path / "out.geojson")
    assert code == 1 and "give --out a .gpkg name" in err
    (tmp_path / "dir.gpkg").mkdir()
    code, _, err = run(capsys, "import", "--zones", files["zones"], "--out", tmp_path / "dir.gpkg")
    assert code == 1 and "is a folder" in err


def test_import_with_repair_reports_repaired_features(capsys, files, tmp_path):
    code, out, err = run(capsys, "import", "--zones", files["bowtie"], "--repair", "--out", tmp_path / "r.gpkg")
    assert code == 0
    assert "feature 1 (id '0101'), field 'geometry': was invalid" in err
    assert "1 warning(s), see above" in out


def test_real_subprocess_shows_no_traceback(tmp_path):
    bad = tmp_path / "ødelagt.geojson"
    bad.write_text("{ this is not json", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "geo", "import", "--zones", str(bad), "--out",
                           str(tmp_path / "x.gpkg")], cwd=Path(PROJECT_DIR), capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 1
    assert "ødelagt.geojson: is not a readable GeoJSON file" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert not (tmp_path / "x.gpkg").exists()
