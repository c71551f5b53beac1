"""Population readers: every format gives points in EPSG:25833 with a float population column."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
from shapely.geometry import LineString, Point, box

from geo.errors import ValidationError
from geo.population import read_population


def test_csv_xy(tmp_path):
    p = tmp_path / "pop.csv"
    p.write_text("x,y,population\n270000,7040000,12\n270250.5,7040000,3.5\n")
    out = read_population(p)
    assert out.crs == "EPSG:25833"
    assert out["population"].tolist() == [12.0, 3.5]
    assert out.geometry.x.tolist() == [270000, 270250.5]


def test_csv_lonlat_reprojected(tmp_path):
    p = tmp_path / "pop.csv"
    p.write_text("lon;lat;Poptot\n10.395;63.43;7\n")
    out = read_population(p)
    assert out.crs == "EPSG:25833"
    assert out["population"].tolist() == [7.0]
    assert 260000 < out.geometry.x[0] < 280000 and 7030000 < out.geometry.y[0] < 7050000


def test_gpkg_cells_become_centroids_with_poptot(tmp_path):
    cells = gpd.GeoDataFrame({"poptot": [10, 0]}, geometry=[box(0, 7e6, 250, 7e6 + 250), box(250, 7e6, 500, 7e6 + 250)],
                             crs="EPSG:25833")
    p = tmp_path / "grid.gpkg"
    cells.to_file(p)
    out = read_population(p)
    assert out.geometry.x.tolist() == [125, 375] and out.geometry.y.tolist() == [7e6 + 125] * 2
    assert out["population"].dtype == np.float64


def test_geojson_points_wgs84(tmp_path):
    pts = gpd.GeoDataFrame({"population": [5]}, geometry=[Point(10.4, 63.43)], crs="EPSG:4326")
    p = tmp_path / "pts.geojson"
    pts.to_file(p, driver="GeoJSON")
    out = read_population(p)
    assert out.crs == "EPSG:25833" and out["population"].tolist() == [5.0]


def test_csv_missing_population_column(tmp_path):
    p = tmp_path / "pop.csv"
    p.write_text("x,y,people\n1,2,3\n")
    with pytest.raises(ValidationError, match=r"pop.csv, field 'population': no population column .* 'poptot'"):
        read_population(p)


def test_csv_without_coordinates(tmp_path):
    p = tmp_path / "pop.csv"
    p.write_text("east,north,population\n1,2,3\n")
    with pytest.raises(ValidationError, match="no coordinate columns — give 'x,y'"):
        read_population(p)


def test_csv_non_numeric_and_negative_named_by_row(tmp_path):
    p = tmp_path / "pop.csv"
    p.write_text("x,y,population\n270000,7040000,12\n270000,7040000,mange\n270000,7040000,-1\n270000,7040000,\n")
    with pytest.raises(ValidationError) as info:
        read_population(p)
    text = str(info.value)
    assert "pop.csv, row 3, field 'population': 'mange' is not a count of residents" in text
    assert "row 4, field 'population'" in text and "row 5, field 'population': is empty" in text


def test_csv_bad_coordinate(tmp_path):
    p = tmp_path / "pop.csv"
    p.write_text("x,y,population\n270 000,7040000,12\n")
    with pytest.raises(ValidationError, match=r"row 2, field 'x': '270 000' is not a coordinate"):
        read_population(p)


def test_csv_xy_that_are_degrees(tmp_path):
    p = tmp_path / "pop.csv"
    p.write_text("x,y,population\n10.4,63.4,12\n")
    with pytest.raises(ValidationError, match="look like longitude/latitude.*rename the columns to 'lon,lat'"):
        read_population(p)


def test_csv_lonlat_that_are_metres(tmp_path):
    p = tmp_path / "pop.csv"
    p.write_text("lon,lat,population\n270000,7040000,12\n")
    with pytest.raises(ValidationError, match="outside ±180/±90 degrees.*'x,y'"):
        read_population(p)


def test_csv_many_bad_rows_are_summarised(tmp_path):
    p = tmp_path / "pop.csv"
    p.write_text("x,y,population\n" + "".join("1,2,x\n" for _ in range(15)))
    with pytest.raises(ValidationError, match="and 5 more rows like these"):
        read_population(p)


@pytest.mark.filterwarnings("ignore:'crs' was not provided")
def test_vector_without_crs(tmp_path):
    # GeoJSON without "crs" is WGS84 by definition, so test with a GeoPackage saved without CRS
    g = gpd.GeoDataFrame({"population": [3]}, geometry=[Point(270000, 7040000)])
    q = tmp_path / "nocrs.gpkg"
    g.to_file(q)
    with pytest.raises(ValidationError, match="nocrs.gpkg: the file has no coordinate reference system"):
        read_population(q)


def test_vector_missing_field_and_bad_geometry(tmp_path):
    g = gpd.GeoDataFrame({"folk": [3]}, geometry=[Point(0, 0)], crs="EPSG:25833")
    q = tmp_path / "a.gpkg"
    g.to_file(q)
    with pytest.raises(ValidationError, match=r"a.gpkg, field 'population': no population field \(fields: folk\)"):
        read_population(q)
    g = gpd.GeoDataFrame({"population": [3, 4]}, geometry=[Point(0, 0), LineString([(0, 0), (1, 1)])], crs="EPSG:25833")
    q = tmp_path / "b.gpkg"
    g.to_file(q)
    with pytest.raises(ValidationError, match="b.gpkg, feature 2, field 'geometry': LineString geometry"):
        read_population(q)


def test_unknown_kind_missing_and_unreadable(tmp_path):
    p = tmp_path / "pop.xlsx"
    p.write_text("x")
    with pytest.raises(ValidationError, match=r"unknown population file kind '.xlsx' — give one of \.csv"):
        read_population(p)
    with pytest.raises(ValidationError, match="no such file"):
        read_population(tmp_path / "none.csv")
    bad = tmp_path / "bad.gpkg"
    bad.write_text("not a geopackage")
    with pytest.raises(ValidationError, match="bad.gpkg: not a readable vector file"):
        read_population(bad)
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(ValidationError, match="empty.csv: not a readable CSV file"):
        read_population(empty)


def test_csv_tab_separated_and_latin1(tmp_path):
    p = tmp_path / "pop.tsv.csv"
    p.write_text("x\ty\tpoptot\n270000\t7040000\t4\n")
    assert read_population(p)["population"].tolist() == [4.0]
    q = tmp_path / "latin.csv"
    q.write_bytes("x,y,population,sted\n1,2,3,Tr\xf8ndelag\n".encode("latin-1"))
    with pytest.raises(ValidationError, match="latin.csv: not a readable CSV file .* save it as UTF-8 CSV"):
        read_population(q)
