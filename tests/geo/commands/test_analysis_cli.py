"""`python -m geo index` and `python -m geo hotspots`: JSON contract, determinism, exit codes."""

from __future__ import annotations

import json

import numpy as np
import pytest

from geo.benchmarks import ranks, zone_facts
from geo.cli import main
from geo.data.dataset import save
from tests.geo.analysis.grid import grid_dataset, grid_zones


@pytest.fixture(scope="module")
def grid_path(tmp_path_factory):
    rng = np.random.default_rng(0)
    values = rng.uniform(5, 30, (8, 8))
    values[:3, :3] += 40  # a planted block of high values
    ds = grid_dataset(grid_zones(8, 8), {"child_low_income": values.ravel(),
                                         "higher_education": rng.uniform(20, 60, 64),
                                         "immigrants": rng.uniform(5, 40, 64)}, denominator=300)
    path = tmp_path_factory.mktemp("cli") / "grid.gpkg"
    save(ds, path)
    return str(path), ds


def _json(capsys, argv):
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_index_json_contract_and_determinism(grid_path, capsys):
    path, _ = grid_path
    argv = ["index", "--dataset", path, "--indicators", "child_low_income,higher_education", "--weights", "2,1",
            "--draws", "300", "--worst", "5", "--seed", "4", "--json"]
    out = _json(capsys, argv)
    assert set(out) == {"zones"}
    assert {frozenset(z) for z in out["zones"]} == {frozenset(
        {"zone_id", "name", "score", "rank", "rank_low", "rank_high", "p_worst"})}
    assert len(out["zones"]) == 64
    assert sum(z["p_worst"] for z in out["zones"]) == pytest.approx(5)
    assert all(z["rank_low"] <= z["rank"] <= z["rank_high"] for z in out["zones"])
    assert [z["rank"] for z in out["zones"]] == sorted(z["rank"] for z in out["zones"])  # worst first
    assert _json(capsys, argv) == out


def test_index_one_indicator_matches_its_ranks(grid_path, capsys):
    path, ds = grid_path
    out = _json(capsys, ["index", "--dataset", path, "--indicators", "higher_education", "--draws", "50", "--json"])
    expected = ranks(zone_facts(ds, "higher_education", 2022)["value"], ds.indicator("higher_education"))
    by_zone = dict(zip(ds.zones["zone_id"], expected, strict=True))
    assert all(z["rank"] == by_zone[z["zone_id"]] for z in out["zones"])


@pytest.mark.parametrize("argv, match", [
    (["--indicators", "nope"], "Unknown indicator 'nope'. Available: child_low_income, higher_education"),
    (["--indicators", "immigrants"], "is neutral"),
    (["--indicators", "child_low_income,higher_education", "--weights", "1"], "one weight per indicator"),
    (["--indicators", "child_low_income", "--year", "1990"], "no values for every chosen indicator in 1990"),
])
def test_index_errors_exit_1(grid_path, capsys, argv, match):
    assert main(["index", "--dataset", grid_path[0], *argv, "--json"]) == 1
    err = capsys.readouterr().err
    assert match in err and "Traceback" not in err


def test_index_table_output(grid_path, capsys):
    assert main(["index", "--dataset", grid_path[0], "--indicators", "child_low_income", "--draws", "20"]) == 0
    assert "P(worst 10)" in capsys.readouterr().out


def test_hotspots_json_contract_block_and_determinism(grid_path, capsys):
    path, _ = grid_path
    argv = ["hotspots", "--dataset", path, "--indicator", "child_low_income", "--permutations", "499", "--seed", "2",
            "--json"]
    out = _json(capsys, argv)
    assert set(out) == {"moran_i", "p_value", "n", "zones"}
    assert out["moran_i"] > 0 and out["p_value"] < 0.05 and out["n"] == 64
    clusters = {z["zone_id"]: z["cluster"] for z in out["zones"]}
    assert set(clusters.values()) <= {"HH", "LL", "HL", "LH", "ns"}
    assert clusters["Z1_1"] == "HH"
    assert all(set(z) == {"zone_id", "name", "cluster", "p_value", "p_fdr"} for z in out["zones"])
    assert _json(capsys, argv) == out


def test_hotspots_errors_exit_1(grid_path, capsys):
    assert main(["hotspots", "--dataset", grid_path[0], "--indicator", "nope", "--json"]) == 1
    assert "Unknown indicator 'nope'. Available:" in capsys.readouterr().err
    assert main(["hotspots", "--dataset", grid_path[0], "--indicator", "child_low_income", "--year", "1990"]) == 1
    assert "Unknown year" in capsys.readouterr().err
