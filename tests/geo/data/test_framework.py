"""The framework tags: every indicator tagged, vocabularies closed, the grid and `geo catalog`."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from geo.cli import main
from geo.data.catalog import DEFAULT_CATALOG, Catalog
from geo.data.framework import LIFE_COURSE, PRINCIPLES, check_tags, grid, split_tags


@pytest.mark.parametrize("ind", list(DEFAULT_CATALOG.values()), ids=lambda i: i.id)
def test_every_indicator_is_complete(ind):
    assert ind.licence and ind.source_name and ind.source_url
    assert check_tags(ind) == []


@pytest.mark.parametrize(("field", "value", "match"), [
    ("principle", "", "principle ''"),
    ("principle", "Z", "principle 'Z'"),
    ("life_course", "", "life_course ''"),
    ("life_course", "20_44,teens", "life_course '20_44,teens'"),
    ("sdg", "", "sdg ''"),
    ("sdg", "99.9", "sdg '99.9'"),
])
def test_check_tags_names_what_is_missing(field, value, match):
    ind = replace(DEFAULT_CATALOG["unemployment"], **{field: value})
    problems = check_tags(ind)
    assert len(problems) == 1 and problems[0].startswith(match)


def test_entur_data_is_nlod():
    assert "NLOD" in DEFAULT_CATALOG["transit_access"].licence


def test_split_tags():
    assert split_tags(" 1.2, ,10.2 ") == ["1.2", "10.2"] and split_tags(None) == []


def test_grid_has_every_principle_cell_and_places_indicators():
    cells = grid(DEFAULT_CATALOG)
    assert len(cells) == (len(PRINCIPLES) - 1) * len(LIFE_COURSE)  # context is outside the grid
    assert "child_low_income" in cells[("A", "5_12")]
    assert "unemployment" in cells[("C", "20_44")] and "unemployment" in cells[("C", "later")]
    assert cells[("G", "prenatal_2")] == []  # a gap the framework page lists
    assert all("population" not in ids for ids in cells.values())


def test_tags_survive_a_dataset_round_trip():
    assert Catalog.from_frame(DEFAULT_CATALOG.to_frame()) == DEFAULT_CATALOG


def test_catalog_cli_json(capsys):
    assert main(["catalog", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    ids = [r["id"] for r in out["indicators"]]
    assert ids == list(DEFAULT_CATALOG)
    for row in out["indicators"]:
        assert row["principle"] and row["life_course"] and row["sdg"]
    assert out["principles"]["A"] == "Give every child the best start in life"


def test_catalog_cli_text_in_bokmal(capsys):
    assert main(["catalog", "--lang", "nb"]) == 0
    assert "Barn i lavinntektsfamilier" in capsys.readouterr().out
