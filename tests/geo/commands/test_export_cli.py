"""``python -m geo export`` and geo.export.export_bytes: one function behind the app's downloads and the CLI."""

from __future__ import annotations

import io
import json
import zipfile

import pandas as pd
import pyogrio
import pytest

from geo.benchmarks import zone_facts
from geo.cli import main
from geo.data.dataset import save
from geo.errors import UnknownChoiceError
from geo.export import DEMO_NOTE, MEDIA_TYPES, download_name, export_bytes
from geo.mapping.classify import NO_DATA_COLOUR, classify

FORMATS = list(MEDIA_TYPES)


@pytest.fixture
def stored(tiny_dataset, tmp_path):
    return save(tiny_dataset, tmp_path / "tiny.gpkg")


def run(*argv) -> int:
    return main(["export", *map(str, argv)])


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_writes_the_same_bytes_as_export_bytes(stored, tiny_dataset, tmp_path, fmt):
    out = tmp_path / f"out{MEDIA_TYPES[fmt][1]}"
    assert run("--dataset", stored, "--indicator", "child_low_income", "--year", 2021, "--scheme", "equal_interval",
               "--k", 3, "--lang", "en", "--out", out) == 0
    facts = zone_facts(tiny_dataset, "child_low_income", 2021)
    classes = classify(facts, tiny_dataset.indicator("child_low_income"), scheme="equal_interval", k=3)
    assert out.read_bytes() == export_bytes(tiny_dataset, "child_low_income", 2021, fmt, lang="en",
                                            classification=classes)


def test_export_bytes_is_the_same_whenever_it_runs(tiny_dataset):
    for fmt in FORMATS:
        assert export_bytes(tiny_dataset, "child_low_income", 2022, fmt) == \
            export_bytes(tiny_dataset, "child_low_income", 2022, fmt), fmt


def test_every_format_has_class_colour_status_source_and_demo_marking(tiny_dataset, tmp_path):
    facts = zone_facts(tiny_dataset, "child_low_income", 2022)
    classes = classify(facts, tiny_dataset.indicator("child_low_income"))
    colours = {z: classes.colour_of()[z] for z in facts["zone_id"]}
    tables = {"csv": pd.read_csv(io.BytesIO(export_bytes(tiny_dataset, "child_low_income", 2022, "csv")),
                                 dtype={"zone_id": str})}
    gj = json.loads(export_bytes(tiny_dataset, "child_low_income", 2022, "geojson"))
    assert gj["metadata"]["demo"] is True and gj["metadata"]["note"] == DEMO_NOTE
    tables["geojson"] = pd.DataFrame([f["properties"] for f in gj["features"]])
    xlsx = io.BytesIO(export_bytes(tiny_dataset, "child_low_income", 2022, "xlsx"))
    assert DEMO_NOTE in pd.read_excel(xlsx, sheet_name="Om")["note"].tolist()
    tables["xlsx"] = pd.read_excel(xlsx, sheet_name=1, dtype={"zone_id": str})
    gpkg = tmp_path / "x.gpkg"
    gpkg.write_bytes(export_bytes(tiny_dataset, "child_low_income", 2022, "gpkg"))
    assert DEMO_NOTE in pyogrio.read_dataframe(gpkg, layer="notes")["note"].tolist()
    tables["gpkg"] = pyogrio.read_dataframe(gpkg, layer="levekar_child_low_income_2022")
    for fmt, table in tables.items():
        row = table.set_index("zone_id")
        assert row["colour"].to_dict() == colours, fmt
        assert row.loc["0201", "status"] == "suppressed" and row.loc["0201", "colour"] == NO_DATA_COLOUR, fmt
        assert pd.isna(row.loc["0201", "class"]) and row.loc["0201", "status_text"] == "skjult (for få personer)", fmt
        assert set(row["source"]) == {"test"} and set(row["note"]) == {DEMO_NOTE}, fmt
        expected = (classes.classes[classes.classes >= 0] + 1).to_dict()
        assert row["class"].dropna().astype(int).to_dict() == expected, fmt


def test_download_names_say_demo(tiny_dataset):
    assert download_name(tiny_dataset, "child_low_income", 2022, "gpkg") == "levekar_child_low_income_2022_DEMO.gpkg"


def test_xlsx_has_fixed_dates(tiny_dataset):
    with zipfile.ZipFile(io.BytesIO(export_bytes(tiny_dataset, "child_low_income", 2022, "xlsx"))) as z:
        assert {i.date_time for i in z.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        assert b"2000-01-01T00:00:00Z" in z.read("docProps/core.xml")


def test_export_bytes_refuses_unknown_format_and_choices(tiny_dataset):
    with pytest.raises(UnknownChoiceError, match="format.*pdf.*csv"):
        export_bytes(tiny_dataset, "child_low_income", 2022, "pdf")
    with pytest.raises(UnknownChoiceError, match="year for child_low_income"):
        export_bytes(tiny_dataset, "child_low_income", 1999, "csv")


def test_cli_refuses_to_clobber_and_force_replaces(stored, tmp_path, capsys):
    out = tmp_path / "x.csv"
    out.write_text("keep", encoding="utf-8")
    assert run("--dataset", stored, "--indicator", "child_low_income", "--out", out) == 1
    assert "already exists" in capsys.readouterr().err and out.read_text(encoding="utf-8") == "keep"
    assert run("--dataset", stored, "--indicator", "child_low_income", "--out", out, "--force") == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfzone_id")


def test_cli_format_from_suffix_or_flag(stored, tmp_path, capsys):
    assert run("--dataset", stored, "--indicator", "child_low_income", "--out", tmp_path / "x.txt") == 1
    assert "cannot tell the format from '.txt'" in capsys.readouterr().err
    assert run("--dataset", stored, "--indicator", "child_low_income", "--format", "geojson",
               "--out", tmp_path / "x.txt") == 0
    assert json.loads((tmp_path / "x.txt").read_bytes())["type"] == "FeatureCollection"


def test_cli_bad_requests(stored, tmp_path, capsys):
    assert run("--dataset", stored, "--indicator", "nope", "--out", tmp_path / "a.csv") == 1
    assert "indicator" in capsys.readouterr().err
    assert run("--dataset", stored, "--indicator", "child_low_income", "--k", 12, "--out", tmp_path / "b.csv") == 1
    assert "number of classes k" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        run("--indicator", "child_low_income", "--format", "pdf", "--out", tmp_path / "c.pdf")
    assert exit_.value.code == 2
    assert not any(tmp_path.glob("[abc].*"))


def test_output_format_and_bad_classes_raise_named_errors(stored, tmp_path):
    from geo.cli import build_parser
    from geo.commands.export import output_format
    from geo.commands.export import run as export_run
    from geo.errors import LevekarError

    assert output_format("a.JSON", None) == "geojson" and output_format("a.txt", "csv") == "csv"
    with pytest.raises(LevekarError, match=r"cannot tell the format from a name without suffix.*--format csv\|geojson"):
        output_format("tabell", None)
    args = build_parser().parse_args(["export", "--dataset", str(stored), "--indicator", "child_low_income",
                                      "--scheme", "user_defined", "--breaks", "5", "--out", str(tmp_path / "x.csv")])
    with pytest.raises(LevekarError, match="user-defined breaks: give 2"):
        export_run(args)
