"""Crosswalk grunnkrets → zone: reading, validation, dissolve and aggregation."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from geo.data.crosswalk import (
    aggregate_to_zones,
    assign_districts,
    check_coverage,
    derive_crosswalk,
    dissolve_zones,
    read_crosswalk,
    write_crosswalk,
)
from geo.errors import ValidationError


def write(tmp_path, text, name="xw.csv"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


@pytest.fixture
def kretser():
    return gpd.GeoDataFrame({"grunnkrets": ["03010101", "03010102", "03010201"]},
                            geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1), box(0, 1, 1, 2)], crs="EPSG:25833")


def test_read_keeps_leading_zeros_and_semicolons(tmp_path):
    xw = read_crosswalk(write(tmp_path, "grunnkrets;zone_id;zone_name\n03010101;001;Sentrum\n"))
    assert xw.loc[0, "grunnkrets"] == "03010101" and xw.loc[0, "zone_id"] == "001" and xw.loc[0, "district"] == ""


def test_every_problem_reported_with_row_and_field(tmp_path):
    text = ("grunnkrets,zone_id,zone_name\n3010101,1,A\n03010102,,B\n03010201,2,C\n03010201,2,D\n")
    with pytest.raises(ValidationError) as info:
        read_crosswalk(write(tmp_path, text))
    msg = str(info.value)
    assert "xw.csv, row 2, field 'grunnkrets': '3010101' is not an 8-digit grunnkrets code" in msg
    assert "xw.csv, row 3, field 'zone_id': is empty" in msg
    assert "xw.csv, rows 4, 5, field 'grunnkrets': 03010201 is listed more than once" in msg
    assert "zone '2' has several names (C, D)" in msg


def test_missing_columns_and_file(tmp_path):
    with pytest.raises(ValidationError, match="field 'zone_name': column is missing"):
        read_crosswalk(write(tmp_path, "grunnkrets,zone_id\n03010101,1\n"))
    with pytest.raises(ValidationError, match="no such file"):
        read_crosswalk(tmp_path / "nope.csv")


def test_coverage_unknown_and_unmapped(tmp_path, kretser):
    xw = read_crosswalk(write(tmp_path, "grunnkrets,zone_id,zone_name\n03010101,1,A\n03019999,1,A\n"))
    with pytest.raises(ValidationError) as info:
        check_coverage(xw, kretser, file="xw.csv")
    msg = str(info.value)
    assert "row 3, field 'grunnkrets': 03019999 is not among the fetched grunnkretser" in msg
    assert "grunnkrets 03010102 is not mapped to any zone" in msg and "grunnkrets 03010201 is not mapped" in msg
    ok = read_crosswalk(write(tmp_path, "grunnkrets,zone_id,zone_name\n03010101,1,A\n", "ok.csv"))
    warnings = check_coverage(ok, kretser, allow_unmapped=True)
    assert [w.severity for w in warnings] == ["warning", "warning"]


def test_dissolve_and_aggregate(tmp_path, kretser):
    xw = read_crosswalk(write(tmp_path, "grunnkrets,zone_id,zone_name,district\n03010101,1,A,Nord\n"
                                        "03010102,1,A,Nord\n03010201,2,B,\n"))
    zones = dissolve_zones(xw, kretser)
    assert zones["zone_id"].tolist() == ["1", "2"] and zones.area.tolist() == [2.0, 1.0]
    assert zones["district"].iloc[0] == "Nord" and pd.isna(zones["district"].iloc[1])
    rows = pd.DataFrame({"region": ["03010101", "03010102", "03010201"], "year": 2024, "indicator": "children_0_17",
                         "value": [10.0, 30.0, float("nan")], "numerator": [1.0, 3.0, float("nan")],
                         "denominator": [10.0, 10.0, 5.0], "status": ["published", "published", "suppressed"],
                         "source": "SSB tabell 04317"})
    out = aggregate_to_zones(rows, xw).set_index("zone_id")
    assert out.loc["1", "value"] == pytest.approx(20.0) and out.loc["1", "status"] == "computed"
    assert out.loc["2", "status"] == "suppressed" and pd.isna(out.loc["2", "value"])
    assert out.loc["1", "source"] == "SSB tabell 04317 (summert fra grunnkretser)"
    # A grunnkrets without any row makes its zone's sum incomplete: missing, not too small.
    partial = aggregate_to_zones(rows.iloc[[0]], xw).set_index("zone_id")
    assert partial.loc["1", "status"] == "missing" and pd.isna(partial.loc["1", "value"])


@pytest.fixture
def zones():
    return gpd.GeoDataFrame({"zone_id": ["a", "b"], "name": ["Lademoen", "Midtbyen"], "district": [None, None]},
                            geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1)], crs="EPSG:25833")


def test_assign_districts_by_name_with_facts_columns(tmp_path, zones):
    p = write(tmp_path, "name,bydel_approx\nLademoen,Østbyen\n", "d.csv")
    out, warnings = assign_districts(zones, p)
    assert out["district"].iloc[0] == "Østbyen" and pd.isna(out["district"].iloc[1])
    assert [str(w) for w in warnings] == ["warning: d.csv, field 'name': zone 'Midtbyen' has no district in the "
                                          "table — add a row for it"]
    assert zones["district"].isna().all()  # the input is not changed


def test_assign_districts_errors(tmp_path, zones):
    with pytest.raises(ValidationError, match=r"d.csv, row 3, field 'zone_id': 'zz' is not a zone of the dataset"):
        assign_districts(zones, write(tmp_path, "zone_id;bydel\na;Øst\nzz;Vest\n", "d.csv"))
    with pytest.raises(ValidationError, match=r"field 'district': no district column"):
        assign_districts(zones, write(tmp_path, "name,x\nLademoen,1\n", "e.csv"))
    with pytest.raises(ValidationError, match="no such file"):
        assign_districts(zones, tmp_path / "none.csv")


def test_derive_crosswalk_by_largest_overlap(kretser):
    zones = gpd.GeoDataFrame({"zone_id": ["z1", "z2"], "name": ["Sør", "Nord"], "district": ["D", None]},
                             geometry=[box(0, 0, 1.6, 1), box(0, 1, 1, 2)], crs="EPSG:25833")
    draft = derive_crosswalk(zones, kretser, min_share=0.5)
    # 03010102 (x 1–2) is only 60 % inside z1: kept; a stricter threshold drops it.
    assert draft["grunnkrets"].tolist() == ["03010101", "03010102", "03010201"]
    assert draft["zone_id"].tolist() == ["z1", "z1", "z2"] and draft["overlap_share"].tolist() == [1.0, 0.6, 1.0]
    assert draft["district"].tolist() == ["D", "D", ""]
    assert derive_crosswalk(zones, kretser, min_share=0.7)["grunnkrets"].tolist() == ["03010101", "03010201"]
    with pytest.raises(ValueError, match=r"min_share must be in \(0, 1\]"):
        derive_crosswalk(zones, kretser, min_share=0)


def test_written_draft_reads_back(tmp_path, kretser):
    zones = gpd.GeoDataFrame({"zone_id": ["007"], "name": ["A"], "district": [None]},
                             geometry=[box(0, 0, 2, 2)], crs="EPSG:25833")
    path = write_crosswalk(derive_crosswalk(zones, kretser), tmp_path / "draft.csv")
    back = read_crosswalk(path)
    assert back["zone_id"].tolist() == ["007"] * 3 and back["grunnkrets"].iloc[0] == "03010101"
