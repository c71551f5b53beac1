"""Import path oddities: shapefile encodings without .cpg, two-row Excel headers, suspicious values."""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

import pytest
import shapely

from geo.data.io import read_table, read_zones
from geo.data.validate import check_zones
from tests.geo.import_files import IDS, NAMES, write_csv, write_xlsx, zones_frame


def _shapefile(folder: Path, encoding: str, keep_cpg: bool) -> Path:
    folder.mkdir()
    path = folder / "soner.shp"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        zones_frame().to_file(path, engine="pyogrio", encoding=encoding)
    if not keep_cpg:
        (folder / "soner.cpg").unlink()
    return path


@pytest.mark.parametrize(("encoding", "said"), [
    ("utf-8", "read the .dbf as UTF-8 (its text is valid UTF-8)"),
    ("cp1252", "the .dbf is not UTF-8; read it as Windows-1252 (cp1252, the usual Norwegian default)"),
])
def test_dbf_without_cpg_is_decoded_and_the_choice_is_said(tmp_path, encoding, said):
    zones, problems = read_zones(_shapefile(tmp_path / "shp", encoding, keep_cpg=False))
    assert zones is not None and zones["name"].tolist() == NAMES  # not "Ã\x98ya"
    assert [str(p) for p in problems] == [f"warning: soner.shp, field '.dbf': has no .cpg file naming its text "
                                          f"encoding{'; ' if encoding == 'utf-8' else ', and '}{said} — check that "
                                          "æ, ø and å look right; ship the .cpg file with the shapefile"]


def test_dbf_with_cpg_is_trusted_silently(tmp_path):
    zones, problems = read_zones(_shapefile(tmp_path / "shp", "cp1252", keep_cpg=True))
    assert zones["name"].tolist() == NAMES and problems == []


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_zipped_dbf_without_cpg(tmp_path, encoding):
    shp = _shapefile(tmp_path / "shp", encoding, keep_cpg=False)
    archive = tmp_path / "soner.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for f in sorted(shp.parent.iterdir()):
            zf.write(f, f"grenser/{f.name}")
    zones, problems = read_zones(archive)
    assert zones["name"].tolist() == NAMES
    assert len(problems) == 1 and "soner.zip:grenser/soner.shp" in str(problems[0])
    assert ("as UTF-8" if encoding == "utf-8" else "as Windows-1252") in str(problems[0])


# --- two header rows ----------------------------------------------------------------------------------
@pytest.mark.parametrize("second", [["Sone", "Indikator", "År", "Verdi"], ["(id)", "(tekst)", "", "(%)"]])
def test_two_row_excel_header_names_the_second_row(tmp_path, second):
    rows = [["zone_id", "indicator", "year", "value"], second, ["0101", "child_low_income", 2021, 12.5]]
    values, problems = read_table(write_xlsx(tmp_path / "t.xlsx", rows), IDS)
    assert values is None
    errors = [str(p) for p in problems if p.severity == "error"]
    assert len(errors) == 1, errors
    assert errors[0].startswith("t.xlsx, row 2: row 2 looks like a second header row (")
    assert "under the header in row 1 — a table has one header row: delete row 2" in errors[0]


def test_a_broken_first_data_row_is_not_taken_for_a_header(tmp_path):
    rows = [["zone_id", "indicator", "year", "value"], ["0101", "child_low_income", "20x1", "høy"]]
    _, problems = read_table(write_xlsx(tmp_path / "t.xlsx", rows), IDS)
    assert "second header" not in " ".join(map(str, problems))
    assert any("'20x1' is not an integer" in str(p) for p in problems)


# --- suspicious but accepted ----------------------------------------------------------------------------
def test_fractional_counts_are_a_warning_naming_the_rows(tmp_path):
    table = write_csv(tmp_path / "t.csv", "zone_id;indicator;year;value;numerator;denominator\n"
                                          "0101;child_low_income;2021;12,5;5,5;44\n"
                                          "0102;child_low_income;2021;10;4;40,2\n0201;child_low_income;2021;10;4;40\n")
    values, problems = read_table(table, IDS)
    assert values is not None
    assert [str(p) for p in problems] == [
        "warning: t.csv, row 2, field 'numerator': numerator 5.5 is not a whole number (1 row(s)); the numerator "
        "counts people or households — give the counts, not shares or weighted estimates (leave the cell empty if "
        "only the value is known)",
        "warning: t.csv, row 3, field 'denominator': denominator 40.2 is not a whole number (1 row(s)); the "
        "denominator counts people or households — give the counts, not shares or weighted estimates (leave the "
        "cell empty if only the value is known)"]


@pytest.mark.parametrize(("ids", "how"), [(["a1", "A1", "b2"], "letter case"), (["0301", "301", "0302"], "leading zeros")])
def test_ids_differing_only_by_case_or_leading_zeros_are_a_warning(ids, how):
    frame = zones_frame()
    frame["Levekårsone"] = ids
    zones, problems = check_zones(frame, "z.geojson")
    assert zones is not None and sorted(zones["zone_id"]) == sorted(ids)
    assert [str(p) for p in problems] == [
        f"warning: z.geojson, features 1, 2, field 'Levekårsone': zone ids '{ids[0]}' (feature 1) and '{ids[1]}' "
        f"(feature 2) differ only by {how}; they are kept as different zones — check they really are different "
        "zones: a spreadsheet or a typo easily turns one into the other"]


def test_swapped_latitude_and_longitude_is_an_error():
    frame = zones_frame().to_crs("EPSG:4326")
    swapped = frame.set_geometry(shapely.transform(frame.geometry.values, lambda xy: xy[:, ::-1]))
    zones, problems = check_zones(swapped, "z.geojson")
    assert zones is None
    assert [p.severity for p in problems] == ["error"]
    assert "lie in Norway only with x and y swapped: latitude and longitude (or north and east) are exchanged" \
        in str(problems[0])


def test_zones_outside_norway_and_outside_the_crs_area_are_warnings():
    frame = zones_frame().to_crs("EPSG:4326")
    far = frame.set_geometry(frame.geometry.translate(-60, -60))  # the South Atlantic
    zones, problems = check_zones(far, "z.geojson")
    assert zones is not None
    assert len(problems) == 1 and "outside Norway where Levekårskart expects zones" in str(problems[0])
    utm = zones_frame().set_geometry(zones_frame().geometry.translate(3_000_000, 0))  # 25833, 3 000 km east
    _, problems = check_zones(utm, "z.geojson")
    assert len(problems) == 1 and "far outside where EPSG:25833" in str(problems[0])
    assert problems[0].severity == "warning"


def test_trondheim_in_utm_33_is_not_far_from_its_area():
    _, problems = check_zones(zones_frame(), "z.geojson")
    assert problems == []
