from __future__ import annotations

import pandas as pd
import pytest

from geo.data.dataset import Dataset, load, merge_values, save, values_frame
from geo.errors import DatasetError, OutputError, UnknownChoiceError


def test_round_trip_is_equal(tiny_dataset, tmp_path):
    path = save(tiny_dataset, tmp_path / "d.gpkg")
    loaded = load(path)
    assert loaded.equals(tiny_dataset)
    assert loaded.version() == tiny_dataset.version()
    assert loaded.zones["zone_id"].tolist() == ["0101", "0102", "0201"]  # leading zeros kept
    assert loaded.zones.crs == "EPSG:25833"


def test_save_refuses_existing_without_overwrite(tiny_dataset, tmp_path):
    path = save(tiny_dataset, tmp_path / "d.gpkg")
    before = path.read_bytes()
    with pytest.raises(DatasetError, match="already exists"):
        save(tiny_dataset, path)
    assert path.read_bytes() == before


def test_save_needs_gpkg_suffix(tiny_dataset, tmp_path):
    with pytest.raises(DatasetError, match="GeoPackage"):
        save(tiny_dataset, tmp_path / "d.json")


def test_failed_save_leaves_existing_file_untouched(tiny_dataset, tmp_path, monkeypatch):
    path = save(tiny_dataset, tmp_path / "d.gpkg")
    before = path.read_bytes()

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr("pyogrio.write_dataframe", boom)
    with pytest.raises(OutputError, match=r"cannot write .*d\.gpkg: disk full"):  # named, not a bare OSError
        save(tiny_dataset, path, overwrite=True)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["d.gpkg"]  # no temp file left behind


@pytest.mark.parametrize(
    ("make", "match"),
    [
        (lambda p: p / "nope.gpkg", "no such dataset"),
        (lambda p: p, "is a folder"),
        (lambda p: (p / "x.gpkg").write_text("not a db") and p / "x.gpkg", "not a readable GeoPackage"),
    ],
)
def test_load_errors(tmp_path, make, match):
    with pytest.raises(DatasetError, match=match):
        load(make(tmp_path))


def test_load_rejects_foreign_geopackage(tiny_dataset, tmp_path):
    p = tmp_path / "foreign.gpkg"
    tiny_dataset.zones.to_file(p, layer="zones", driver="GPKG")
    with pytest.raises(DatasetError, match="not a Levekårskart dataset"):
        load(p)


def test_slice_marks_missing_zones(tiny_dataset):
    ds = Dataset(tiny_dataset.zones, tiny_dataset.values[tiny_dataset.values.zone_id != "0102"],
                 tiny_dataset.catalog, tiny_dataset.meta)
    s = ds.slice("child_low_income", 2021)
    assert s.set_index("zone_id").loc["0102", "status"] == "missing"
    assert len(s) == 3


def test_unknown_choices_list_the_alternatives(tiny_dataset):
    with pytest.raises(UnknownChoiceError, match="Available: child_low_income"):
        tiny_dataset.slice("nope", 2021)
    with pytest.raises(UnknownChoiceError, match="2021, 2022"):
        tiny_dataset.slice("child_low_income", 1999)


def test_merge_values_replaces_same_key(tiny_dataset):
    new = values_frame([{"zone_id": "0101", "indicator": "child_low_income", "year": 2021, "value": 99.0,
                         "status": "published", "source": "x"}])
    merged = merge_values(tiny_dataset.values, new)
    assert len(merged) == len(tiny_dataset.values)
    row = merged[(merged.zone_id == "0101") & (merged.year == 2021)].iloc[0]
    assert row.value == 99.0 and row.status == "published"


def test_normalise_values_types():
    v = values_frame([{"zone_id": "0301", "indicator": "x", "year": "2020", "value": "1.5"}])
    assert v.loc[0, "year"] == 2020 and v.loc[0, "value"] == 1.5
    assert v.loc[0, "status"] == "missing"
    assert pd.isna(v.loc[0, "numerator"])


def test_to_bytes_is_a_loadable_geopackage(tiny_dataset, tmp_path):
    from geo.data.dataset import to_bytes

    p = tmp_path / "x.gpkg"
    p.write_bytes(to_bytes(tiny_dataset))
    assert load(p).equals(tiny_dataset)


def test_version_is_memoised_and_follows_replaced_parts(tiny_dataset):
    v1 = tiny_dataset.version()
    assert tiny_dataset.version() == v1
    tiny_dataset.values = tiny_dataset.values.assign(value=tiny_dataset.values["value"] + 1)
    assert tiny_dataset.version() != v1


def test_area_name_from_meta_then_kommune_reference(tiny_dataset):
    from geo.data.dataset import Dataset

    assert tiny_dataset.area_name == ""  # no area known: the app says "the whole area"
    refs = pd.DataFrame([{"geography": "Bergen", "level": "kommune", "indicator": "population", "year": 2021,
                          "value": 1.0, "unit": "count", "source": "x", "note": ""}])
    with_refs = Dataset(tiny_dataset.zones, tiny_dataset.values, tiny_dataset.catalog, tiny_dataset.meta, refs)
    assert with_refs.area_name == "Bergen"
    named = Dataset(tiny_dataset.zones, tiny_dataset.values, tiny_dataset.catalog,
                    {**tiny_dataset.meta, "area": " Trondheim "}, refs)
    assert named.area_name == "Trondheim"
