"""Reading every accepted file format, file-level problems, and building a dataset (geo.data.io)."""

from __future__ import annotations

import json
import zipfile

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point

from geo.data.dataset import load, save
from geo.data.io import (
    build_dataset,
    prepare_import,
    prepare_import_from_bytes,
    read_table,
    read_table_file,
    read_zone_file,
    read_zones,
)
from geo.errors import ValidationError
from tests.geo.import_files import (
    BOWTIE,
    IDS,
    NAMES,
    NORWEGIAN_CSV,
    write_crs84,
    write_csv,
    write_geojson,
    write_shapefile,
    write_xlsx,
    write_zipped_shapefile,
    zones_frame,
)


def texts(problems):
    return "\n".join(str(p) for p in problems)


def assert_trondheim_zones(zones):
    assert zones["zone_id"].tolist() == IDS
    assert zones["name"].tolist() == NAMES
    assert zones.crs == "EPSG:25833"
    multi = zones.geometry.iloc[1]
    assert multi.geom_type == "MultiPolygon" and len(multi.geoms[0].interiors) == 1
    assert multi.area == pytest.approx(1e6 - 4e4 + 2.5e5, rel=1e-6)


# --- zone formats ---------------------------------------------------------------------------------------
def test_geojson_with_legacy_crs_member(tmp_path):
    zones, problems = read_zones(write_geojson(tmp_path / "soner.geojson"))
    assert problems == []
    assert_trondheim_zones(zones)


def test_crs84_geojson_imports_cleanly(tmp_path):
    zones, problems = read_zones(write_crs84(tmp_path / "soner.geojson"))
    assert problems == []
    assert zones["zone_id"].tolist() == IDS
    assert zones.geometry.iloc[0].area == pytest.approx(1e6, rel=1e-6)


@pytest.mark.parametrize("ids", [[101, 102, 201], ["0101", "0102", "0201"]])
def test_geojson_feature_level_ids_become_the_id_field(tmp_path, ids):
    fc = json.loads(zones_frame().drop(columns="Levekårsone").to_crs("EPSG:4326").to_json(drop_id=True))
    for feature, zid in zip(fc["features"], ids, strict=True):
        feature["id"] = zid
    path = tmp_path / "s.geojson"
    path.write_text(json.dumps(fc), encoding="utf-8")
    zones, problems = read_zones(path)
    assert zones["zone_id"].tolist() == [str(z) for z in ids]
    assert zones["name"].tolist() == NAMES


def test_geojson_without_crs_member_and_metre_coordinates(tmp_path):
    path = write_geojson(tmp_path / "soner.json", crs_name=None)
    zones, problems = read_zones(path)
    assert zones is None
    assert "outside the lon/lat range" in texts(problems)
    zones, problems = read_zones(path, crs="EPSG:25833")
    assert_trondheim_zones(zones)
    assert "has no 'crs' member" in texts(problems)


def test_geojson_declared_crs_is_not_overridden(tmp_path):
    zones, problems = read_zones(write_crs84(tmp_path / "soner.geojson"), crs="EPSG:25833")
    assert zones is not None
    assert "was NOT applied" in texts(problems)


def test_zipped_shapefile_in_subfolder(tmp_path):
    raw, problems = read_zone_file(write_zipped_shapefile(tmp_path / "soner.zip"))
    assert problems == []
    assert raw.layer == "grenser/soner.shp"
    zones, problems = read_zones(tmp_path / "soner.zip")
    assert problems == []
    assert_trondheim_zones(zones)


def test_zipped_shapefile_without_prj_needs_crs(tmp_path):
    path = write_zipped_shapefile(tmp_path / "soner.zip", keep_prj=False)
    zones, problems = read_zones(path)
    assert zones is None
    assert "has no coordinate reference system" in texts(problems)
    zones, problems = read_zones(path, crs="EPSG:25833")
    assert problems == []
    assert_trondheim_zones(zones)


def test_zip_with_several_shapefiles_needs_layer(tmp_path):
    path = write_zipped_shapefile(tmp_path / "soner.zip", copies=2)
    zones, problems = read_zones(path)
    assert zones is None
    assert "holds 2 shapefiles" in texts(problems) and "--layer" in texts(problems)
    zones, problems = read_zones(path, layer="soner1")
    assert zones is not None
    _, problems = read_zones(path, layer="nope")
    assert "holds no shapefile 'nope'" in texts(problems)


def test_zip_without_shapefile(tmp_path):
    path = tmp_path / "data.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "hello")
    _, problems = read_zones(path)
    assert "holds no .shp file" in texts(problems) and "readme.txt" in texts(problems)


def test_plain_shapefile_with_numeric_ids(tmp_path):
    z = zones_frame()
    z["Levekårsone"] = [101, 102, 201]
    write_shapefile(z, tmp_path / "soner.shp")
    zones, problems = read_zones(tmp_path / "soner.shp")
    assert zones["zone_id"].tolist() == ["101", "102", "201"]
    assert zones["name"].tolist() == NAMES
    assert [p.severity for p in problems] == []


def test_shapefile_missing_sidecar_is_unreadable(tmp_path):
    write_shapefile(zones_frame(), tmp_path / "soner.shp")
    (tmp_path / "soner.shx").unlink()
    (tmp_path / "soner.dbf").unlink()
    zones, problems = read_zones(tmp_path / "soner.shp")
    if zones is None:  # GDAL may rebuild a lost .shx; without the .dbf there are no fields either way
        assert "soner.shp" in texts(problems)
    else:
        pytest.fail("a shapefile without .dbf has no id field and must not import")


def test_geopackage_single_layer_and_layer_choice(tmp_path):
    path = tmp_path / "soner.gpkg"
    zones_frame().to_file(path, layer="levekarsoner", engine="pyogrio")
    gpd.GeoDataFrame({"navn": ["holdeplass"]}, geometry=[Point(0, 0)], crs="EPSG:25833").to_file(
        path, layer="stopp", engine="pyogrio")
    zones, problems = read_zones(path)
    assert_trondheim_zones(zones)
    assert "read layer 'levekarsoner', its only polygon layer (others: stopp)" in texts(problems)
    assert all(p.severity == "warning" for p in problems)


def test_geopackage_with_several_polygon_layers_asks_for_layer(tmp_path):
    path = tmp_path / "soner.gpkg"
    zones_frame().to_file(path, layer="a", engine="pyogrio")
    zones_frame().to_file(path, layer="b", engine="pyogrio")
    zones, problems = read_zones(path)
    assert zones is None
    assert "has 2 polygon layers: a, b" in texts(problems) and "--layer" in texts(problems)
    zones, problems = read_zones(path, layer="b")
    assert problems == []
    _, problems = read_zones(path, layer="c")
    assert "has no layer 'c'" in texts(problems)


def test_geopackage_with_only_points_reports_non_polygons(tmp_path):
    path = tmp_path / "stopp.gpkg"
    gpd.GeoDataFrame({"zone_id": ["1"], "name": ["x"]}, geometry=[Point(270000, 7040000)],
                     crs="EPSG:25833").to_file(path, engine="pyogrio")
    _, problems = read_zones(path)
    assert "is a Point, not a Polygon" in texts(problems)
    assert "a point marks a place, not an area" in texts(problems)


def test_geoparquet(tmp_path):
    zones_frame().to_parquet(tmp_path / "soner.parquet")
    zones, problems = read_zones(tmp_path / "soner.parquet")
    assert problems == []
    assert_trondheim_zones(zones)


def test_plain_parquet_is_the_wrong_type(tmp_path):
    pd.DataFrame({"a": [1]}).to_parquet(tmp_path / "t.parquet")
    _, problems = read_zones(tmp_path / "t.parquet")
    assert "without geometry metadata (not GeoParquet)" in texts(problems)


def test_dataset_gpkg_can_be_reimported(tmp_path, tiny_dataset):
    save(tiny_dataset, tmp_path / "ds.gpkg")
    zones, problems = read_zones(tmp_path / "ds.gpkg")
    assert zones["zone_id"].tolist() == ["0101", "0102", "0201"]
    assert problems == []  # its other layers are tables without geometry


@pytest.mark.parametrize("name, content, match", [
    ("missing.geojson", None, "no such file"),
    ("empty.geojson", b"", "is empty (0 bytes)"),
    ("broken.geojson", b"{not json", "is not a readable GeoJSON file"),
    ("broken.gpkg", b"hello world", "is not a readable GeoPackage"),
    ("broken.zip", b"hello world", "is not a readable zip file"),
    ("broken.parquet", b"hello world", "is not a readable GeoParquet file"),
    ("soner.kml", b"<kml/>", "is not a zone file this importer reads ('.kml')"),
    ("table.csv", b"a,b\n", "that is an indicator table; pass it with --indicators"),
])
def test_unreadable_empty_and_wrong_type_zone_files(tmp_path, name, content, match):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    zones, problems = read_zones(path)
    assert zones is None
    assert match in texts(problems)
    assert all(p.file == name for p in problems)


def test_folder_is_not_a_zone_file(tmp_path):
    _, problems = read_zones(tmp_path)
    assert "is a folder, not a file" in texts(problems)


def test_layer_option_ignored_for_single_layer_formats(tmp_path):
    _, problems = read_zones(write_geojson(tmp_path / "s.geojson"), layer="x")
    assert "--layer is ignored" in texts(problems)


# --- table formats --------------------------------------------------------------------------------------
def test_csv_with_bom_semicolons_and_decimal_comma(tmp_path):
    raw, problems = read_table_file(write_csv(tmp_path / "t.csv"))
    assert problems == []
    assert raw.decimal == "," and list(raw.frame.columns)[:2] == ["_row", "zone_id"]
    values, problems = read_table(tmp_path / "t.csv", IDS)
    assert problems == []
    assert values["value"].tolist()[:2] == [12.5, 7.25]
    assert values["value"].tolist()[3] == 1234.0
    assert values["zone_id"].tolist()[0] == "0101"
    assert values["status"].tolist() == ["published", "published", "suppressed", "published"]


def test_comma_csv_with_quoted_decimal_comma(tmp_path):
    text = 'zone_id,indicator,year,value\n0101,child_low_income,2021,"12,5"\n0102,child_low_income,2021,7.5\n'
    values, problems = read_table(write_csv(tmp_path / "t.csv", text, "utf-8"), IDS)
    assert problems == []
    assert values["value"].tolist() == [12.5, 7.5]


def test_tab_separated_utf16_from_excel(tmp_path):
    text = NORWEGIAN_CSV.replace(";", "\t")
    values, problems = read_table(write_csv(tmp_path / "t.txt", text, "utf-16"), IDS)
    assert problems == []
    assert len(values) == 4


def test_cp1252_csv_is_read_with_a_warning(tmp_path):
    text = "zone_id;indicator;year;value;source\n0101;child_low_income;2021;3;Trondheim kommune, bydel Østbyen\n"
    values, problems = read_table(write_csv(tmp_path / "t.csv", text, "cp1252"), IDS)
    assert values["source"].tolist() == ["Trondheim kommune, bydel Østbyen"]
    (p,) = problems
    assert p.severity == "warning" and "not UTF-8; read it as Windows-1252" in p.message


def test_latin1_csv_that_is_not_cp1252_is_read_with_a_warning(tmp_path):
    # 0x81 is undefined in Windows-1252, so only Latin-1 can decode this file
    data = "zone_id;indicator;year;value;source\n0101;child_low_income;2021;3;Bydel Øst \x81\n".encode("latin-1")
    (tmp_path / "t.csv").write_bytes(data)
    values, problems = read_table(tmp_path / "t.csv", IDS)
    assert values["source"].tolist() == ["Bydel Øst \x81"]
    assert "read it as Latin-1" in texts(problems)


def test_csv_rows_are_numbered_like_a_spreadsheet_despite_blank_lines(tmp_path):
    text = "zone_id;indicator;year;value\n0101;child_low_income;2021;1\n\n0102;child_low_income;2021;x\n"
    _, problems = read_table(write_csv(tmp_path / "t.csv", text), IDS)
    assert [p.where for p in problems] == ["row 4"]


def test_csv_with_ragged_rows(tmp_path):
    text = "zone_id,indicator,year,value\n0101,child_low_income,2021,12,5\n"
    _, problems = read_table(write_csv(tmp_path / "t.csv", text, "utf-8"), IDS)
    (p,) = problems
    assert p.where == "row 2" and "has 5 cells where the header has 4" in p.message
    assert "needs quotes" in p.hint


@pytest.mark.parametrize("name, content, match", [
    ("missing.csv", None, "no such file"),
    ("empty.csv", b"", "is empty (0 bytes)"),
    ("blank.csv", b"\n\n  \n", "holds only blank lines"),
    ("excel.csv", b"PK\x03\x04rest", "is a zip/Excel file, not CSV text"),
    ("binary.csv", b"\x00\x01\x02", "is a binary file"),
    ("utf16.csv", b"\xff\xfea\x00b", "starts like UTF-16 text but is not"),
    ("broken.xlsx", b"not a workbook", "is not a readable .xlsx workbook"),
    ("old.xls", b"\xd0\xcf\x11\xe0", "the old .xls format is not supported"),
    ("t.ods", b"x", "save the sheet as .xlsx or CSV"),
    ("t.json", b"{}", "that looks like a zone file"),
    ("t.pdf", b"%PDF", "is not an indicator table this importer reads ('.pdf')"),
    ("onecol.csv", b"zone_id\n0101\n", "missing required column(s) indicator, year, value"),
    ("quotes.csv", b'zone_id,indicator\n"0101\n', "cannot be parsed as CSV"),
])
def test_unreadable_empty_and_wrong_type_tables(tmp_path, name, content, match):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    values, problems = read_table(path, IDS)
    assert values is None
    assert match in texts(problems)


def test_xlsx_first_sheet_and_named_sheet(tmp_path):
    rows = [["zone_id", "indicator", "year", "value"], ["0101", "child_low_income", 2021, 12.5],
            [102, "child_low_income", 2021.0, "7,5"]]
    path = write_xlsx(tmp_path / "t.xlsx", rows)
    values, problems = read_table(path, IDS)
    assert values is None
    assert "'102'" in texts(problems) and "leading zeros" in texts(problems)
    rows[2][0] = "0102"
    path = write_xlsx(tmp_path / "u.xlsx", rows, sheet="Data", first_sheet="Notater")
    values, problems = read_table(path, IDS, sheet="Data")
    assert problems == []
    assert values["value"].tolist() == [12.5, 7.5] and values["year"].tolist() == [2021, 2021]
    _, problems = read_table(path, IDS)
    assert "has a header but no data rows" in texts(problems)
    _, problems = read_table(path, IDS, sheet="Ark1")
    assert "has no sheet 'Ark1'" in texts(problems) and "Notater, Data" in texts(problems)


# --- building a dataset -------------------------------------------------------------------------------
def test_build_dataset_round_trips_through_save_and_load(tmp_path):
    zones = write_geojson(tmp_path / "soner.geojson")
    table = write_csv(tmp_path / "verdier.csv")
    ds = build_dataset(zones, table, name="Mine soner")
    assert ds.meta["name"] == "Mine soner" and ds.meta["demo"] is False
    assert ds.meta["geometry"] == "imported from soner.geojson"
    manifest = ds.meta["manifest"]
    assert [m["file"] for m in manifest] == ["soner.geojson", "verdier.csv"]
    assert all(len(m["sha256"]) == 64 and m["imported_at"] for m in manifest)
    assert manifest[1]["status_defaulted"] == 2
    assert ds.indicator_ids == ["child_low_income", "population"]
    save(ds, tmp_path / "out.gpkg")
    back = load(tmp_path / "out.gpkg")
    assert back.equals(ds)
    assert back.zones["zone_id"].tolist() == IDS and back.zones["name"].tolist() == NAMES


def test_zones_only_dataset(tmp_path):
    ds = build_dataset(write_zipped_shapefile(tmp_path / "s.zip"))
    assert len(ds.zones) == 3 and len(ds.values) == 0
    save(ds, tmp_path / "out.gpkg")
    assert load(tmp_path / "out.gpkg").zones["district"].tolist() == ["Midtbyen", "Midtbyen", "Østbyen"]


def test_unknown_indicator_gets_placeholder_entry(tmp_path):
    table = write_csv(tmp_path / "t.csv", "zone_id;indicator;year;value\n0101;trivsel;2021;4,2\n")
    result = prepare_import(write_geojson(tmp_path / "s.geojson"), table)
    assert result.ok and result.summary["unknown_indicators"] == ["trivsel"]
    assert result.dataset.indicator("trivsel").label_nb == "trivsel"
    assert "not in the catalogue" in texts(result.warnings)


def test_build_dataset_raises_with_every_problem_from_both_files(tmp_path):
    z = zones_frame()
    z.loc[0, "geometry"] = BOWTIE
    zones = write_geojson(tmp_path / "s.geojson", z)
    table = write_csv(tmp_path / "t.csv", "zone_id;indicator;year;value\n0101;child_low_income;2021;x\n"
                                          "0999;child_low_income;2021;1\n")
    with pytest.raises(ValidationError, match=r"(?s)make_valid would repair it.*'x' is not a number.*'0999'"):
        build_dataset(zones, table)
    ds = build_dataset(zones, write_csv(tmp_path / "ok.csv", "zone_id;indicator;year;value\n0101;x1;2021;1\n"),
                       repair=True)
    assert ds.zones.geometry.is_valid.all()


def test_prepare_import_rejects_bad_default_status(tmp_path):
    with pytest.raises(ValueError, match="default_status must be one of"):
        prepare_import(tmp_path / "s.geojson", default_status="real")


def test_crs84_with_norwegian_names_and_multipolygon_imports(tmp_path):
    zones = write_crs84(tmp_path / "Levekårssoner Trondheim.geojson")
    ds = build_dataset(zones, write_xlsx(tmp_path / "verdier.xlsx", [
        ["Sone", "Indikator", "År", "Verdi", "Teller", "Nevner"],
        ["0102", "child_low_income", 2022, 10, 4, 40]]))
    assert ds.name == "Levekårssoner Trondheim"
    assert ds.zones.geometry.iloc[1].geom_type == "MultiPolygon"
    assert ds.values["numerator"].tolist() == [4.0]


def test_geojson_properties_survive_as_written(tmp_path):
    path = write_geojson(tmp_path / "s.geojson")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["features"][0]["properties"]["Levekårsone"] == "0101"
    assert data["crs"]["properties"]["name"] == "urn:ogc:def:crs:EPSG::25833"


def test_prepare_import_from_bytes_names_the_uploaded_files(tmp_path):
    zones = write_zipped_shapefile(tmp_path / "soner.zip").read_bytes()
    table = write_csv(tmp_path / "x.csv").read_bytes()
    result = prepare_import_from_bytes(("../../Levekårssoner.zip", zones), ("verdier.csv", table), name="Opplastet")
    assert result.ok, texts(result.problems)
    assert [m["file"] for m in result.dataset.meta["manifest"]] == ["Levekårssoner.zip", "verdier.csv"]
    assert len(result.dataset.values) == 4
    bad = prepare_import_from_bytes(("soner.zip", zones), ("verdier.csv", b"zone_id;indicator;year;value\n1;a;b;c\n"))
    assert not bad.ok and bad.dataset is None
    assert all(p.file in ("soner.zip", "verdier.csv") for p in bad.problems)
    assert "verdier.csv, row 2, field 'year'" in texts(bad.errors)


def test_title_rows_above_the_header_are_skipped_with_a_warning(tmp_path):
    text = "Tabell 1: Barn i lavinntekt, Trondheim\n\nzone_id;indicator;year;value\n0101;child_low_income;2021;x\n"
    values, problems = read_table(write_csv(tmp_path / "t.csv", text), IDS)
    assert values is None
    assert "the header is in row 3; the 1 non-empty row(s) above it are ignored" in texts(problems)
    assert "row 4, field 'value': 'x' is not a number" in texts(problems)
    path = write_xlsx(tmp_path / "t.xlsx", [["Kilde: SSB"], [], ["Sone", "Indikator", "År", "Verdi"],
                                            ["0101", "child_low_income", 2021, 12.5], [],
                                            ["0102", "child_low_income", 2021, "abc"]])
    values, problems = read_table(path, IDS)
    assert "the header is in row 3" in texts(problems)
    assert "t.xlsx, row 6, field 'Verdi': 'abc' is not a number" in texts(problems)


def test_excel_cells_right_of_the_table_are_reported(tmp_path):
    path = write_xlsx(tmp_path / "t.xlsx", [["zone_id", "indicator", "year", "value"],
                                            ["0101", "child_low_income", 2021, 12.5, None, "merknad"]])
    _, problems = read_table(path, IDS)
    (p,) = problems
    assert p.where == "row 2" and "has 6 cells where the header has 4" in p.message
    assert "another sheet" in p.hint
