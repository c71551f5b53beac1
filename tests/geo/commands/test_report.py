"""``python -m geo report``: exit codes, the JSON object, aggregated areas, the HTML file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from geo.cli import main
from geo.data.dataset import save

from ..analysis.conftest import make_grid_dataset

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def grid_path(tmp_path_factory):
    ds = make_grid_dataset(names=["Lademoen", "Møllenberg", "Sone 3", "Sone 4", "Sone 5", "Sone 6", "Sone 7",
                                  "Sone 8", "Sone 9"])
    return save(ds, tmp_path_factory.mktemp("ds") / "grid.gpkg")


def run_json(grid_path, capsys, *args):
    assert main(["report", "--dataset", str(grid_path), "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_of_one_zone(grid_path, capsys):
    obj = run_json(grid_path, capsys, "--zone", "lademoen", "--year", "2022", "--similar", "2")
    assert list(obj) == ["area", "year", "indicators", "summary", "similar"]
    assert obj["area"] == {"name": "Lademoen", "zone_ids": ["Z1"]} and obj["year"] == 2022
    child = next(i for i in obj["indicators"] if i["id"] == "child_low_income")
    assert child["value"] == pytest.approx(8.0) and child["numerator"] == 16 and child["denominator"] == 200
    assert child["rank"] == 7 and child["n_ranked"] == 7 and child["vs_city"] == "better"
    assert set(child) == {"id", "value", "numerator", "denominator", "rank", "n_ranked", "city_value",
                          "district_value", "ci_low", "ci_high", "vs_city", "status", "source"}
    assert all(i["vs_city"] in ("worse", "similar", "better", None) for i in obj["indicators"])
    assert len(obj["similar"]) == 2 and all(s["zone_id"] != "Z1" for s in obj["similar"])
    assert obj["summary"]["nb"] and obj["summary"]["en"]


def test_several_zones_are_one_aggregated_area(grid_path, capsys):
    obj = run_json(grid_path, capsys, "--zone", "Lademoen", "--zone", "Z5", "--year", "2022")
    assert obj["area"]["zone_ids"] == ["Z1", "Z5"]
    child = next(i for i in obj["indicators"] if i["id"] == "child_low_income")
    assert child["numerator"] == 66 and child["denominator"] == 400
    assert child["value"] == pytest.approx(66 / 400 * 100) and child["rank"] is None


def test_group_all_equals_the_city(grid_path, capsys):
    obj = run_json(grid_path, capsys, "--group", "all")
    assert obj["area"]["name"] == "Alle soner" and len(obj["area"]["zone_ids"]) == 9
    for i in obj["indicators"]:
        assert i["value"] == pytest.approx(i["city_value"])


def test_html_report_written(grid_path, tmp_path, capsys):
    out = tmp_path / "r.html"
    assert main(["report", "--dataset", str(grid_path), "--zone", "Møllenberg", "--lang", "en", "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "Zone profile: Møllenberg" in page and "DEMONSTRATION DATA" in page
    assert "wrote" in capsys.readouterr().out
    assert main(["report", "--dataset", str(grid_path), "--zone", "Z2", "--out", str(out)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["report", "--dataset", str(grid_path), "--zone", "Z2", "--out", str(out), "--force"]) == 0


@pytest.mark.parametrize(("args", "message"), [
    (["--zone", "Ladmoen", "--json"], "Unknown zone 'Ladmoen'. Available: Lademoen"),
    (["--group", "omradesatsing_nowhere", "--json"], "Unknown zone group 'omradesatsing_nowhere'"),
    (["--zone", "Z1", "--group", "all", "--json"], "either --zone"),
    (["--json"], "name the area"),
    (["--zone", "Z1"], "say what to produce"),
    (["--zone", "Z1", "--json", "--year", "1999"], "no values in 1999; years with values: 2019"),
    (["--zone", "Z1", "--json", "--similar", "0"], "--similar must be at least 1"),
    (["--zone", "Z1", "--out", "/nonexistent/dir/r.html"], "does not exist"),
])
def test_bad_requests_exit_1_with_a_message(grid_path, capsys, args, message):
    assert main(["report", "--dataset", str(grid_path), *args]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_usage_error_exits_2(grid_path):
    with pytest.raises(SystemExit) as exc:
        main(["report", "--dataset", str(grid_path), "--zone", "Z1", "--json", "--lang", "de"])
    assert exc.value.code == 2


def test_unknown_zone_from_the_shell_has_no_traceback(grid_path):
    proc = subprocess.run([sys.executable, "-m", "geo", "report", "--dataset", str(grid_path), "--zone", "Ladmoen",
                           "--json"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 1 and "Lademoen" in proc.stderr and "Traceback" not in proc.stderr
    assert proc.stdout == ""
