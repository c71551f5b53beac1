"""A dataset edited outside Levekårskart is checked with the import rules when it is opened."""

from __future__ import annotations

import pytest

from geo.cli import main
from geo.data.dataset import load, save
from geo.errors import DamagedDatasetError
from tests.geo.damage import DAMAGES, _sql, damaged_copy


def test_an_untouched_dataset_loads(tiny_dataset, tmp_path):
    path = save(tiny_dataset, tmp_path / "ok.gpkg")
    assert load(path).equals(tiny_dataset)


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_load_names_layer_row_and_field(tiny_dataset, tmp_path, damage):
    path = damaged_copy(tiny_dataset, tmp_path, damage)
    with pytest.raises(DamagedDatasetError, match=DAMAGES[damage][1]) as info:
        load(path)
    assert str(path) in str(info.value)
    assert info.value.problems and all(p.severity == "error" for p in info.value.problems)


@pytest.mark.parametrize(("damage", "command"), [(d, ["info"]) for d in sorted(DAMAGES)] + [
    ("null_geometry", ["map", "--indicator", "child_low_income", "--out", "m.html"]),
    ("text_in_value", ["merge", "--indicators", "t.csv", "--out", "merged.gpkg"])])
def test_cli_exits_1_with_the_problem(tiny_dataset, tmp_path, capsys, damage, command, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = damaged_copy(tiny_dataset, tmp_path, damage)
    code = main([*command, "--dataset", str(path)])
    err = capsys.readouterr().err
    assert code == 1
    assert f"{path} is damaged" in err
    assert "internal error" not in err


def test_cli_reads_a_damaged_dataset_from_the_environment(tiny_dataset, tmp_path, capsys, monkeypatch):
    path = damaged_copy(tiny_dataset, tmp_path, "text_in_value")
    monkeypatch.setenv("LEVEKAR_DATASET", str(path))
    assert main(["info"]) == 1
    assert "field 'value': 'abc' is not a number" in capsys.readouterr().err


def test_many_problems_are_listed_briefly(tiny_dataset, tmp_path):
    path = damaged_copy(tiny_dataset, tmp_path, "text_in_value")
    _sql(path, "UPDATE \"values\" SET numerator='x', denominator='y', ci_low='z', ci_high='w', year='y2k';")
    with pytest.raises(DamagedDatasetError, match=r"… and \d+ more") as info:
        load(path)
    assert len(info.value.problems) > DamagedDatasetError.SHOWN
