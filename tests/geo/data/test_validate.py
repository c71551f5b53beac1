"""Pure checks of geo.data.validate on frames built in code: every validation branch has a test here."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import GeometryCollection, LineString, MultiPolygon, Point, Polygon, box

from geo.data.catalog import DEFAULT_CATALOG
from geo.data.validate import (
    check_table,
    check_zones,
    find_field,
    id_text,
    parse_crs,
    parse_number,
    parse_numbers,
    parse_year,
    polygonal_part,
    repaired,
)
from tests.geo.import_files import BOWTIE, FLAT, IDS, NAMES, X0, Y0, zones_frame


def errors(problems):
    return [p for p in problems if p.severity == "error"]


def warnings(problems):
    return [p for p in problems if p.severity == "warning"]


def texts(problems):
    return "\n".join(str(p) for p in problems)


# --- small helpers ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("12,5", 12.5), ("12.5", 12.5), ("1 234,5", 1234.5), ("1\u00a0234", 1234.0), ("1.234,5", 1234.5),
    ("1,234.5", 1234.5), ("1.234.567", 1234567.0), ("-3", -3.0), ("\u22123,5", -3.5), ("12 %", 12.0),
    ("0,125", 0.125), ("1e3", 1000.0), (" 7 ", 7.0), ("", None), ("..", None), ("NA", None), (3, 3.0),
])
def test_parse_number_accepts_norwegian_and_english_numbers(text, expected):
    value, err = parse_number(text, ",")
    assert err is None
    assert value == expected


@pytest.mark.parametrize("text, decimal, match", [
    ("abc", ",", "is not a number"),
    ("12,5,3", ",", "is not a number"),
    ("1.234", ",", "ambiguous"),
    ("1,234", ".", "ambiguous"),
    ("1,23.4", ".", "mixes"),
    ("--", ".", "is not a number"),
    ("1 23", ",", "is not a number"),
    ("inf", ".", "not a finite number"),
])
def test_parse_number_rejects_bad_or_ambiguous_text(text, decimal, match):
    value, err = parse_number(text, decimal)
    assert value is None
    assert match in err


def test_parse_number_decimal_mark_of_the_file_wins():
    assert parse_number("1,234", ",") == (1.234, None)
    assert parse_number("1.234", ".") == (1.234, None)


def test_parse_year():
    assert parse_year("2021") == 2021
    assert parse_year("2021.0") == 2021
    assert parse_year("2021/22") is None
    assert parse_year("2021,5") is None


@pytest.mark.parametrize("value, expected", [
    ("0301", "0301"), (301, "301"), (301.0, "301"), (12.5, "12.5"), (" 07 ", "07"), ("", None),
    (float("nan"), None), (None, None),
])
def test_id_text_keeps_text_and_drops_float_suffix(value, expected):
    assert id_text(value) == expected


def test_find_field_is_case_space_and_letter_blind():
    assert find_field(["FID", "Levekårsone", "Navn"], ["zone_id", "levekårsone"]) == "Levekårsone"
    assert find_field(["levekaarsone"], ["levekårsone"]) == "levekaarsone"
    assert find_field(["Zone ID"], ["zone_id"]) == "Zone ID"
    # shapefile field names are cut at 10 bytes
    assert find_field(["Levekårso"], ["levekårsone"]) == "Levekårso"
    assert find_field(["x", "y"], ["zone_id"]) is None


def test_parse_crs_rejects_unknown():
    assert parse_crs("25833").to_epsg() == 25833
    with pytest.raises(ValueError, match="not a coordinate reference system I know"):
        parse_crs("EPSG:999999")


def test_polygonal_part_and_repaired():
    gc = GeometryCollection([box(0, 0, 1, 1), LineString([(5, 5), (6, 6)]), MultiPolygon([box(2, 2, 3, 3)])])
    part = polygonal_part(gc)
    assert part.geom_type == "MultiPolygon" and part.area == pytest.approx(2)
    assert polygonal_part(GeometryCollection([Point(0, 0)])) is None
    assert repaired(BOWTIE).geom_type == "MultiPolygon"
    assert repaired(FLAT) is None


# --- zones ----------------------------------------------------------------------------------------------
def test_valid_zones_with_norwegian_fields_are_normalised():
    zones, problems = check_zones(zones_frame(), "soner.geojson")
    assert problems == []
    assert list(zones.columns) == ["zone_id", "name", "district", "geometry"]
    assert zones["zone_id"].tolist() == IDS
    assert zones["name"].tolist()[0] == "Øya"
    assert zones["district"].tolist() == ["Midtbyen", "Midtbyen", "Østbyen"]
    assert zones.crs == "EPSG:25833"
    assert zones.geometry.iloc[1].geom_type == "MultiPolygon"
    assert len(zones.geometry.iloc[1].geoms[0].interiors) == 1


def test_zone_ids_are_text_even_when_numeric():
    z = zones_frame()
    z["Levekårsone"] = [101, 102, 2010]
    zones, problems = check_zones(z, "f.gpkg")
    assert zones["zone_id"].tolist() == ["101", "102", "2010"]
    assert "leading zeros may have been lost" in texts(warnings(problems))


def test_missing_id_field_lists_available_fields():
    z = zones_frame().rename(columns={"Levekårsone": "kode"})
    zones, problems = check_zones(z, "f.geojson")
    assert zones is None
    assert "no zone id field found" in texts(problems)
    assert "available fields: kode, Navn, Bydel" in texts(problems)
    assert "--id-field" in texts(problems)


def test_named_fields_that_do_not_exist_are_reported_with_suggestions():
    zones, problems = check_zones(zones_frame(), "f.geojson", id_field="levekarsone", name_field="name",
                                  district_field="bydelnavn")
    assert zones is None
    text = texts(problems)
    assert "no zone id field called 'levekarsone'" in text
    assert "no zone name field called 'name'" in text
    assert "no district field called 'bydelnavn'" in text
    assert "did you mean" in text


def test_missing_name_field_is_an_error():
    zones, problems = check_zones(zones_frame().drop(columns="Navn"), "f.geojson")
    assert zones is None
    assert "no zone name field found" in texts(problems)


def test_district_is_optional():
    zones, problems = check_zones(zones_frame().drop(columns="Bydel"), "f.geojson")
    assert problems == []
    assert zones["district"].isna().all()


def test_explicit_fields_are_used():
    z = zones_frame().rename(columns={"Levekårsone": "kode", "Navn": "tekst", "Bydel": "område"})
    zones, problems = check_zones(z, "f.geojson", id_field="kode", name_field="tekst", district_field="område")
    assert problems == []
    assert zones["district"].iloc[2] == "Østbyen"


def test_duplicate_ids_are_errors_but_names_may_repeat():
    z = zones_frame()
    z["Levekårsone"] = ["0101", "0101", "0201"]
    z["Navn"] = ["Herøy", "Herøy", "Herøy"]
    zones, problems = check_zones(z, "f.geojson")
    assert zones is None
    assert len(errors(problems)) == 1
    assert "features 1, 2, field 'Levekårsone': zone id '0101' is used 2 times" in texts(problems)


def test_missing_id_and_name_values():
    z = zones_frame()
    z["Levekårsone"] = ["0101", None, "0201"]
    _, problems = check_zones(z, "f.geojson")
    assert "feature 2, field 'Levekårsone': has no zone id" in texts(problems)
    z = zones_frame()
    z["Navn"] = ["Øya", "", "Æ"]
    zones, problems = check_zones(z, "f.geojson")
    assert zones["name"].iloc[1] == "0102"
    assert "feature 2 (id '0102'), field 'Navn': has no name" in texts(warnings(problems))


def test_no_crs_and_no_crs_option_is_an_error():
    zones, problems = check_zones(zones_frame().set_crs(None, allow_override=True), "f.shp")
    assert zones is None
    assert "has no coordinate reference system" in texts(problems)
    assert "--crs" in texts(problems)


def test_crs_option_applies_to_a_file_without_crs():
    zones, problems = check_zones(zones_frame().set_crs(None, allow_override=True), "f.shp", crs="EPSG:25833")
    assert problems == []
    assert zones.crs == "EPSG:25833"


def test_crs_option_contradicting_the_file_is_a_warning_and_not_applied():
    z = zones_frame().to_crs("EPSG:25832")
    zones, problems = check_zones(z, "f.gpkg", crs="EPSG:25833")
    assert "declares EPSG:25832" in texts(warnings(problems))
    assert "was NOT applied" in texts(problems)
    assert zones.geometry.iloc[0].hausdorff_distance(zones_frame().geometry.iloc[0]) < 0.01


def test_bad_crs_option_is_reported():
    _, problems = check_zones(zones_frame(), "f.gpkg", crs="EPSG:nope")
    assert "not a coordinate reference system I know" in texts(errors(problems))


def test_geographic_crs_with_metre_coordinates_is_an_error():
    z = zones_frame().set_crs("EPSG:4326", allow_override=True)
    zones, problems = check_zones(z, "f.geojson")
    assert zones is None
    assert "outside the lon/lat range" in texts(errors(problems))


def test_geojson_without_crs_member_takes_crs_option_with_warning():
    z = zones_frame().set_crs("EPSG:4326", allow_override=True)
    zones, problems = check_zones(z, "f.geojson", crs="EPSG:25833", crs_declared=False)
    assert zones is not None
    assert "has no 'crs' member" in texts(warnings(problems))


def test_geojson_without_crs_member_and_matching_crs_option_is_quiet():
    zones, problems = check_zones(zones_frame().to_crs("EPSG:4326"), "f.geojson", crs="EPSG:4326",
                                  crs_declared=False)
    assert zones is not None and problems == []


def test_lonlat_coordinates_in_projected_crs_warn():
    z = zones_frame().to_crs("EPSG:4326").set_crs("EPSG:25833", allow_override=True)
    _, problems = check_zones(z, "f.gpkg")
    assert "look like lon/lat degrees" in texts(warnings(problems))


def test_lonlat_input_is_reprojected_to_25833():
    zones, problems = check_zones(zones_frame().to_crs("EPSG:4326"), "f.geojson")
    assert problems == []
    assert zones.crs == "EPSG:25833"
    assert zones.geometry.iloc[0].area == pytest.approx(1e6, rel=1e-3)


def test_invalid_geometry_says_make_valid_would_repair_it():
    z = zones_frame()
    z.loc[0, "geometry"] = BOWTIE
    zones, problems = check_zones(z, "f.geojson")
    assert zones is None
    (p,) = errors(problems)
    assert p.where == "feature 1 (id '0101')" and p.field == "geometry"
    assert "Self-intersection" in p.message and "make_valid would repair it" in p.message
    assert "--repair" in p.hint


def test_repair_repairs_and_reports_each_feature():
    z = zones_frame()
    z.loc[0, "geometry"] = BOWTIE
    z.loc[2, "geometry"] = BOWTIE
    zones, problems = check_zones(z, "f.geojson", repair=True)
    assert zones is not None and zones.geometry.is_valid.all()
    assert zones.geometry.iloc[0].geom_type == "MultiPolygon"
    reported = [p.where for p in warnings(problems) if "repaired with make_valid" in p.message]
    assert reported == ["feature 1 (id '0101')", "feature 3 (id '0201')"]


def test_unrepairable_geometry_is_an_error_even_with_repair():
    z = zones_frame()
    z.loc[1, "geometry"] = FLAT
    zones, problems = check_zones(z, "f.geojson", repair=True)
    assert zones is None
    assert "make_valid cannot repair it" in texts(errors(problems))


def test_null_and_empty_geometry_are_errors():
    z = zones_frame()
    z.loc[0, "geometry"] = None
    z.loc[1, "geometry"] = Polygon()
    zones, problems = check_zones(z, "f.geojson")
    assert zones is None
    msgs = [p for p in errors(problems) if "has no geometry" in p.message]
    assert [p.where for p in msgs] == ["feature 1 (id '0101')", "feature 2 (id '0102')"]


def test_non_polygon_geometry_is_an_error():
    z = zones_frame()
    z.loc[2, "geometry"] = LineString([(X0, Y0), (X0 + 10, Y0 + 10)])
    _, problems = check_zones(z, "f.geojson")
    assert "feature 3 (id '0201'), field 'geometry': is a LineString, not a Polygon" in texts(errors(problems))


def test_geometry_collection_keeps_polygon_parts():
    z = zones_frame()
    z.loc[0, "geometry"] = GeometryCollection([box(X0, Y0, X0 + 10, Y0 + 10), Point(X0, Y0)])
    z.loc[1, "geometry"] = GeometryCollection([Point(X0, Y0)])
    zones, problems = check_zones(z, "f.geojson")
    assert "kept its polygon parts" in texts(warnings(problems))
    assert "GeometryCollection without any polygon" in texts(errors(problems))
    z.loc[1, "geometry"] = box(X0, Y0, X0 + 1, Y0 + 1)
    zones, _ = check_zones(z, "f.geojson")
    assert zones.geometry.iloc[0].geom_type == "Polygon"
    assert zones.geometry.iloc[0].area == pytest.approx(100)


def test_mixed_polygon_layers_are_promoted_to_multipolygon():
    zones, _ = check_zones(zones_frame(), "f.geojson")
    # the GeoPackage layer stores one type, so the import already holds what loads back
    assert set(zones.geometry.geom_type) == {"MultiPolygon"}


def test_no_features_is_an_error():
    zones, problems = check_zones(zones_frame().iloc[:0], "f.geojson")
    assert zones is None
    assert "has no features" in texts(problems)


def test_all_zone_problems_are_collected_at_once():
    z = zones_frame()
    z["Levekårsone"] = ["0101", "0101", "0201"]
    z.loc[2, "geometry"] = BOWTIE
    _, problems = check_zones(z, "f.geojson")
    assert len(errors(problems)) == 2


# --- tables -----------------------------------------------------------------------------------------
def table(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows).astype("str").fillna("")
    frame.insert(0, "_row", range(2, len(frame) + 2))
    return frame


def row(**kw) -> dict:
    base = {"zone_id": "0101", "indicator": "child_low_income", "year": "2021", "value": "10"}
    return base | kw


def test_valid_table_becomes_values_with_default_status():
    values, problems = check_table(table([row(), row(zone_id="0102", value="")]), "t.csv", IDS, DEFAULT_CATALOG)
    assert problems == []
    assert values["status"].tolist() == ["published", "missing"]
    assert values.attrs["status_defaulted"] == 1
    assert values["source"].tolist() == ["t.csv", "t.csv"]


def test_default_status_can_be_changed():
    values, _ = check_table(table([row()]), "t.csv", IDS, DEFAULT_CATALOG, default_status="synthetic")
    assert values["status"].tolist() == ["synthetic"]
    with pytest.raises(ValueError, match="default_status must be one of"):
        check_table(table([row()]), "t.csv", IDS, DEFAULT_CATALOG, default_status="guess")


def test_missing_required_columns_list_what_is_there():
    frame = table([{"zone_id": "0101", "2020": "1", "2021": "2"}])
    values, problems = check_table(frame, "t.csv", IDS, DEFAULT_CATALOG)
    assert values is None
    text = texts(problems)
    assert "missing required column(s) indicator, year, value" in text
    assert "found: zone_id, 2020, 2021" in text
    assert "wide table" in text


def test_norwegian_column_names_are_understood_and_unknown_columns_warn():
    frame = table([{"sone": "0101", "indikator": "child_low_income", "år": "2021", "verdi": "3,5", "kommentar": "x"}])
    values, problems = check_table(frame, "t.csv", IDS, DEFAULT_CATALOG, decimal=",")
    assert values["value"].tolist() == [3.5]
    assert "'kommentar': is not a column this importer knows" in texts(warnings(problems))


def test_two_columns_meaning_the_same_is_an_error():
    frame = table([row() | {"zone": "0101"}])
    _, problems = check_table(frame, "t.csv", IDS, DEFAULT_CATALOG)
    assert "means the same as column 'zone_id'" in texts(errors(problems))


def test_values_that_are_not_numbers_name_row_and_field():
    _, problems = check_table(table([row(), row(zone_id="0102", value="høy"), row(zone_id="0201", numerator="x")]),
                              "t.csv", IDS, DEFAULT_CATALOG)
    text = texts(errors(problems))
    assert "t.csv, row 3, field 'value': 'høy' is not a number" in text
    assert "t.csv, row 4, field 'numerator': 'x' is not a number" in text


def test_shares_outside_0_100_are_errors():
    _, problems = check_table(table([row(value="120"), row(zone_id="0102", value="-1")]), "t.csv", IDS,
                              DEFAULT_CATALOG)
    assert len(errors(problems)) == 2
    assert "120 is outside 0–100" in texts(problems)


def test_counts_may_exceed_100():
    values, problems = check_table(table([row(indicator="population", value="5000")]), "t.csv", IDS, DEFAULT_CATALOG)
    assert problems == [] and values["value"].tolist() == [5000.0]


def test_years_that_are_not_integers():
    _, problems = check_table(table([row(year="2020–2021"), row(zone_id="0102", year="")]), "t.csv", IDS,
                              DEFAULT_CATALOG)
    assert "row 2, field 'year': year '2020–2021' is not an integer" in texts(problems)
    assert "row 3, field 'year'" in texts(problems)


def test_unknown_zone_ids_are_listed_once_with_a_few_examples():
    rows = [row(zone_id=z) for z in ["9001", "9002", "9003", "9004", "9005", "9006", "9001"]]
    rows = [r | {"year": str(2000 + i)} for i, r in enumerate(rows)]
    _, problems = check_table(table(rows), "t.csv", IDS, DEFAULT_CATALOG)
    (p,) = errors(problems)
    assert "6 zone id(s) are not in the zones: '9001', '9002', '9003', '9004', '9005' (+1 more)" in p.message
    assert p.where == "rows 2, 3, 4, 5, 6 (+2 more)"


def test_unknown_zone_ids_hint_at_lost_leading_zeros():
    _, problems = check_table(table([row(zone_id="101")]), "t.xlsx", IDS, DEFAULT_CATALOG)
    assert "leading zeros" in errors(problems)[0].hint


def test_zone_check_is_skipped_without_zone_ids():
    values, problems = check_table(table([row(zone_id="9999")]), "t.csv", None, DEFAULT_CATALOG)
    assert problems == [] and len(values) == 1


def test_numerator_above_denominator_is_an_error():
    _, problems = check_table(table([row(numerator="50", denominator="40")]), "t.csv", IDS, DEFAULT_CATALOG)
    assert "numerator 50 is larger than denominator 40" in texts(errors(problems))


def test_negative_counts_and_swapped_ci_are_errors():
    frame = table([row(denominator="-4", ci_low="12", ci_high="8")])
    _, problems = check_table(frame, "t.csv", IDS, DEFAULT_CATALOG)
    text = texts(errors(problems))
    assert "denominator -4 is negative" in text
    assert "ci_low 12 is above ci_high 8" in text


def test_duplicate_rows_are_errors():
    _, problems = check_table(table([row(), row(value="11"), row(zone_id="0102")]), "t.csv", IDS, DEFAULT_CATALOG)
    (p,) = errors(problems)
    assert p.where == "rows 2, 3"
    assert "zone '0101', indicator 'child_low_income', year 2021 appears 2 times" in p.message


def test_unknown_status_is_an_error_and_aliases_are_accepted():
    frame = table([row(status="guessed"), row(zone_id="0102", status="Prikket", value="")])
    _, problems = check_table(frame, "t.csv", IDS, DEFAULT_CATALOG)
    (p,) = errors(problems)
    assert "unknown status 'guessed'" in p.message and "published, synthetic" in p.hint
    values, _ = check_table(table([row(zone_id="0102", status="Prikket", value="")]), "t.csv", IDS, DEFAULT_CATALOG)
    assert values["status"].tolist() == ["suppressed"]


def test_status_rules_for_empty_and_suppressed_values():
    frame = table([
        row(status="published", value=""),        # empty value → missing
        row(zone_id="0102", status="", value=":"),  # SSB ':' → suppressed
        row(zone_id="0201", status="suppressed", value="3", numerator="1", denominator="30"),
    ])
    values, problems = check_table(frame, "t.csv", IDS, DEFAULT_CATALOG)
    assert values["status"].tolist() == ["missing", "suppressed", "suppressed"]
    assert values["value"].isna().all() and values["numerator"].isna().all()
    assert values["denominator"].tolist()[2] == 30
    assert "value and numerator are dropped" in texts(warnings(problems))
    assert values.attrs["status_defaulted"] == 0


def test_status_missing_with_a_value_is_an_error():
    _, problems = check_table(table([row(status="missing")]), "t.csv", IDS, DEFAULT_CATALOG)
    assert "status is 'missing' but a value is given" in texts(errors(problems))


def test_unknown_indicator_is_accepted_with_warning():
    values, problems = check_table(table([row(indicator="my_index", value="250")]), "t.csv", IDS, DEFAULT_CATALOG)
    assert values["indicator"].tolist() == ["my_index"]
    (p,) = problems
    assert p.severity == "warning" and "'my_index' is not in the catalogue" in p.message


def test_fractions_for_a_percent_indicator_warn():
    rows = [row(zone_id=z, value=v) for z, v in zip(IDS, ["0.1", "0.2", "0.05"])]
    _, problems = check_table(table(rows), "t.csv", IDS, DEFAULT_CATALOG)
    assert "multiply by 100" in texts(warnings(problems))


def test_empty_table_and_missing_zone_or_indicator():
    frame = table([row()]).iloc[:0]
    _, problems = check_table(frame, "t.csv", IDS, DEFAULT_CATALOG)
    assert "has a header but no data rows" in texts(problems)
    _, problems = check_table(table([row(zone_id="", indicator="")]), "t.csv", IDS, DEFAULT_CATALOG)
    assert "has no zone id" in texts(problems) and "has no indicator id" in texts(problems)


def test_every_table_problem_is_collected():
    frame = table([row(value="x"), row(zone_id="0102", year="y"), row(zone_id="0201", status="?")])
    _, problems = check_table(frame, "t.csv", IDS, DEFAULT_CATALOG)
    assert len(errors(problems)) == 3


def test_check_zones_accepts_geodataframe_without_fields():
    z = gpd.GeoDataFrame(geometry=[box(0, 0, 1, 1)], crs="EPSG:25833")
    _, problems = check_zones(z, "f.gpkg")
    assert "available fields: (none)" in texts(problems)


@pytest.mark.parametrize("decimal", [".", ",", None])
def test_parse_numbers_agrees_with_parse_number_cell_by_cell(decimal):
    cells = ["12", "12,5", "12.5", "1,234", "1.234", "0.125", "-3", ".5", "1 234,5", "", "..", ":", "x", "1e3",
             "+7", "007", "1.234,5", "inf"]
    values, errs = parse_numbers(cells, decimal)
    for cell, value, err in zip(cells, values, errs, strict=True):
        one, one_err = parse_number(cell, decimal)
        assert (one_err is None) == (err is None), cell
        assert (one is None and np.isnan(value)) or one == value, cell


def test_duplicates_are_reported_alongside_other_errors():
    frame = table([row(), row(value="11"), row(zone_id="0102", value="x")])
    _, problems = check_table(frame, "t.csv", IDS, DEFAULT_CATALOG)
    text = texts(errors(problems))
    assert "appears 2 times" in text and "'x' is not a number" in text


def test_overlapping_zones_warn_but_touching_ones_do_not():
    z = zones_frame()
    zones, problems = check_zones(z, "f.geojson")
    assert problems == []  # neighbours share edges only
    z.loc[2, "geometry"] = box(X0, Y0 - 1000, X0 + 1000, Y0 + 10)
    zones, problems = check_zones(z, "f.geojson")
    (p,) = problems
    assert p.severity == "warning" and p.where == "feature 1 (id '0101') and feature 3 (id '0201')"
    assert "overlap by 10,000 m²" in p.message


@pytest.mark.parametrize("broken, severity, match", [
    (BOWTIE, "warning", "became invalid when reprojected to EPSG:25833; repaired"),
    (FLAT, "error", "collapses when reprojected to EPSG:25833"),
])
def test_geometry_broken_by_reprojection(monkeypatch, broken, severity, match):
    # Reprojection rarely breaks a valid polygon, so simulate it: the check after to_crs must catch it.
    lonlat = zones_frame().to_crs("EPSG:4326")
    real = gpd.GeoDataFrame.to_crs

    def to_crs(self, *args, **kwargs):
        out = real(self, *args, **kwargs)
        out.loc[out.index[0], "geometry"] = broken
        return out

    monkeypatch.setattr(gpd.GeoDataFrame, "to_crs", to_crs)
    zones, problems = check_zones(lonlat, "f.geojson")
    (p,) = problems
    assert p.severity == severity and match in p.message and p.where == "feature 1 (id '0101')"
    assert (zones is None) == (severity == "error")


def test_two_digit_years_are_errors():
    _, problems = check_table(table([row(year="21")]), "t.csv", IDS, DEFAULT_CATALOG)
    assert "year 21 is outside 1900–2100" in texts(errors(problems))


def test_zone_ids_that_lost_zeros_in_the_zone_file_get_a_hint():
    _, problems = check_table(table([row(zone_id="0101")]), "t.csv", ["101", "102"], DEFAULT_CATALOG)
    assert "the zone file has '101' where the table has '0101'" in errors(problems)[0].hint


def test_misspelt_indicator_gets_a_suggestion():
    _, problems = check_table(table([row(indicator="child_lowincome")]), "t.csv", IDS, DEFAULT_CATALOG)
    assert "did you mean 'child_low_income'?" in warnings(problems)[0].hint


def test_duplicate_ids_are_counted_by_position_whatever_the_index():
    z = zones_frame()
    z["Levekårsone"] = ["0101", "0101", "0201"]
    z.index = [7, 7, 8]
    _, problems = check_zones(z, "f.parquet")
    assert "features 1, 2, field 'Levekårsone': zone id '0101' is used 2 times" in texts(errors(problems))
    z["Levekårsone"] = IDS
    zones, problems = check_zones(z.to_crs("EPSG:4326"), "f.parquet")
    assert problems == [] and zones["zone_id"].tolist() == IDS


@pytest.mark.parametrize("fields, expected", [
    (["levekårssone", "levekårssonenavn", "bydel"], ("levekårssone", "levekårssonenavn", "bydel")),
    (["OBJECTID", "Levekårsone", "Navn", "Bydelsnavn"], ("Levekårsone", "Navn", "Bydelsnavn")),
    (["kommunenummer", "kommunenavn"], ("kommunenummer", "kommunenavn", None)),
    (["grunnkrets", "grunnkretsn", "BYDEL"], ("grunnkrets", "grunnkretsn", "BYDEL")),
    (["sone_id", "levekårsone"], ("sone_id", "levekårsone", None)),
])
def test_real_world_field_names_are_found(fields, expected):
    z = zones_frame()[["geometry"]]
    for i, f in enumerate(fields):
        z.insert(i, f, [f"{f}-{n}" for n in range(len(z))])
    zones, problems = check_zones(z, "f.gpkg")
    assert problems == []
    fid, fname, fdist = expected
    assert zones["zone_id"].tolist()[0] == f"{fid}-0"
    assert zones["name"].tolist()[0] == f"{fname}-0"
    district = zones["district"].tolist()[0]
    assert district == f"{fdist}-0" if fdist else pd.isna(district)


def test_a_named_name_field_is_not_taken_as_id():
    z = zones_frame().rename(columns={"Navn": "levekårssone", "Levekårsone": "sone"})
    zones, problems = check_zones(z, "f.gpkg", name_field="levekårssone")
    assert problems == [] and zones["zone_id"].tolist() == IDS and zones["name"].tolist() == NAMES


def test_ssb_dash_is_zero_with_a_warning():
    values, problems = check_table(table([row(value="-", numerator="-", denominator="12")]), "t.csv", IDS,
                                   DEFAULT_CATALOG)
    assert values["value"].tolist() == [0.0] and values["numerator"].tolist() == [0.0]
    assert [p.field for p in warnings(problems)] == ["value", "numerator"]
    assert "read as 0 (SSB's symbol for nil)" in problems[0].message
