"""Tests for ``python -m geo map``: output, exit codes and messages, escaping."""

from __future__ import annotations

import pytest

from geo.cli import main
from geo.data.dataset import save
from geo.data.synthetic import synthetic_coverage, synthetic_dataset
from geo.mapping import assets

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def dataset_path(tmp_path_factory):
    zones = synthetic_coverage(6, 40, seed=5)
    zones.loc[0, "name"] = HOSTILE
    path = tmp_path_factory.mktemp("cli") / "tiny.gpkg"
    save(synthetic_dataset(zones, years=(2021, 2022)), path)
    return path


def _run(capsys, *argv):
    code = main(["map", *map(str, argv)])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_writes_a_standalone_map(dataset_path, tmp_path, capsys):
    out = tmp_path / "kart.html"
    code, stdout, _ = _run(capsys, "--dataset", dataset_path, "--indicator", "child_low_income", "--cdn",
                           "--out", out)
    assert code == 0
    assert f"wrote {out}" in stdout and "child_low_income 2022" in stdout and "[DEMO]" in stdout
    text = out.read_text(encoding="utf-8")
    assert "L.geoJSON(" in text and "DEMO – syntetiske tall" in text
    assert HOSTILE not in text and "\\u0026lt;img src=x onerror=alert(1)\\u0026gt;" in text


def test_year_scheme_k_lang_are_used(dataset_path, tmp_path, capsys):
    out = tmp_path / "k.html"
    code, stdout, _ = _run(capsys, "--dataset", dataset_path, "--indicator", "child_low_income", "--year", 2021,
                           "--scheme", "equal_interval", "--k", 3, "--lang", "en", "--cdn", "--out", out)
    # k=3 is asked; a class no zone falls in is dropped and the CLI says so (geo.mapping.classify notes).
    assert code == 0 and "2021, equal_interval k=" in stdout
    assert "k=3" in stdout or "classes instead of 3" in stdout
    assert "No data / suppressed" in out.read_text(encoding="utf-8")


def test_inlines_leaflet_by_default(dataset_path, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(assets, "inline_head", lambda: "<script>/*INLINED*/</script>")
    out = tmp_path / "inline.html"
    code, _, _ = _run(capsys, "--dataset", dataset_path, "--indicator", "child_low_income", "--out", out)
    text = out.read_text(encoding="utf-8")
    assert code == 0 and "/*INLINED*/" in text and "cdn.jsdelivr" not in text


def test_unknown_indicator_exits_1_listing_choices(dataset_path, tmp_path, capsys):
    code, _, err = _run(capsys, "--dataset", dataset_path, "--indicator", "nope", "--out", tmp_path / "x.html")
    assert code == 1
    assert "error: Unknown indicator 'nope'. Available: child_low_income" in err
    assert not (tmp_path / "x.html").exists()


def test_unknown_year_exits_1_listing_choices(dataset_path, tmp_path, capsys):
    code, _, err = _run(capsys, "--dataset", dataset_path, "--indicator", "child_low_income", "--year", 1999,
                        "--out", tmp_path / "x.html")
    assert code == 1 and "Unknown year for child_low_income 1999. Available: 2021, 2022" in err


@pytest.mark.parametrize(("extra", "message"), [
    (["--scheme", "jenks"], "Unknown classification scheme 'jenks'. Available: quantiles"),
    (["--k", "9"], "k must be an integer from 3 to 7, got 9"),
    (["--scheme", "user_defined"], "needs breaks"),
    (["--scheme", "user_defined", "--breaks", "5,2"], "strictly increasing"),
    (["--lang", "de"], "Unknown language 'de'. Available: nb, en"),
    (["--basemap", "google"], "Unknown basemap 'google'"),
    (["--palette", "Rainbow"], "Unknown palette 'Rainbow'"),
    (["--selected", "9999"], "--selected: no zone with id '9999'"),
])
def test_bad_requests_exit_1_with_a_message(dataset_path, tmp_path, capsys, extra, message):
    code, _, err = _run(capsys, "--dataset", dataset_path, "--indicator", "child_low_income", "--cdn", *extra,
                        "--out", tmp_path / "x.html")
    assert code == 1
    assert message in err and "Traceback" not in err


def test_existing_output_needs_force(dataset_path, tmp_path, capsys):
    out = tmp_path / "x.html"
    out.write_text("keep")
    code, _, err = _run(capsys, "--dataset", dataset_path, "--indicator", "child_low_income", "--cdn", "--out", out)
    assert code == 1 and "file exists" in err and out.read_text() == "keep"
    code, _, _ = _run(capsys, "--dataset", dataset_path, "--indicator", "child_low_income", "--cdn", "--force",
                      "--out", out)
    assert code == 0 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_missing_assets_exit_1_saying_what_to_do(dataset_path, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(assets.inline_head, "__defaults__", (tmp_path / "none",))
    code, _, err = _run(capsys, "--dataset", dataset_path, "--indicator", "child_low_income",
                        "--out", tmp_path / "x.html")
    assert code == 1 and "run scripts/install.sh" in err


def test_bad_breaks_text_is_a_usage_error(dataset_path, tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["map", "--dataset", str(dataset_path), "--indicator", "child_low_income", "--scheme", "user_defined",
              "--breaks", "a,b", "--out", str(tmp_path / "x.html")])
    assert exc.value.code == 2
    assert "comma-separated numbers expected" in capsys.readouterr().err


def test_missing_dataset_exits_1(tmp_path, capsys):
    code, _, err = _run(capsys, "--dataset", tmp_path / "no.gpkg", "--indicator", "x", "--out", tmp_path / "x.html")
    assert code == 1 and "no.gpkg" in err
