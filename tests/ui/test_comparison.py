"""The side panel names the dataset's area and compares counts with the median zone."""

from __future__ import annotations

import pytest

from geo.data.dataset import load_default
from tests.ui.test_app import run_app
from ui.cache import UPLOADED_KEY


@pytest.fixture(scope="module")
def ds():
    return load_default()


def _facts(at) -> str:
    return next(m.value for m in at.markdown if "lk-facts" in m.value)


def test_count_indicator_is_compared_with_the_median_zone(ds):
    zid = ds.zones.set_index("name").loc["Lademoen", "zone_id"]
    year = str(ds.years("population")[-1])
    at = run_app({"ind": "population", "year": year}, state={"zone": zid})
    assert not at.exception
    table = _facts(at)
    assert "Mediansonen i Trondheim" in table and "Mediansonen i bydelen" in table
    assert "Trondheim (fra sonene)" not in table


@pytest.mark.parametrize(("lang", "label"), [("nb", "Trondheim (fra sonene)"), ("en", "Trondheim (from the zones)")])
def test_share_is_compared_with_the_datasets_area(ds, lang, label):
    zid = ds.zones.set_index("name").loc["Lademoen", "zone_id"]
    at = run_app({"ind": "child_low_income", "year": "2022", "lang": lang}, state={"zone": zid})
    assert label in _facts(at)


def test_dataset_without_an_area_says_the_whole_area(tiny_dataset):
    at = run_app({"year": "2021"}, state={UPLOADED_KEY: tiny_dataset, "zone": "0101"})
    assert not at.exception
    table = _facts(at)
    assert "Hele området (fra sonene)" in table and "Trondheim" not in table
