"""Import path oddities: shapefile encodings without .cpg, two-row Excel headers, suspicious values."""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

import pytest

from geo.io import read_zones
from tests.geo.import_files import NAMES, zones_frame


def _shapefile(folder: Path, encoding: str, keep_cpg: bool) -> Path:
    folder.mkdir()
    path = folder / "soner.shp"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        zones_frame().to_file(path, engine="pyogrio", encoding=encoding)
    if not keep_cpg:
        (folder / "soner.cpg").unlink()
    return path


@pytest.mark.parametrize(("encoding", "said"), [
    ("utf-8", "read the .dbf as UTF-8 (its text is valid UTF-8)"),
    ("cp1252", "the .dbf is not UTF-8; read it as Windows-1252 (cp1252, the usual Norwegian default)"),
])
def test_dbf_without_cpg_is_decoded_and_the_choice_is_said(tmp_path, encoding, said):
    zones, problems = read_zones(_shapefile(tmp_path / "shp", encoding, keep_cpg=False))
    assert zones is not None and zones["name"].tolist() == NAMES  # not "Ã\x98ya"
    assert [str(p) for p in problems] == [f"warning: soner.shp, field '.dbf': has no .cpg file naming its text "
                                          f"encoding{'; ' if encoding == 'utf-8' else ', and '}{said} — check that "
                                          "æ, ø and å look right; ship the .cpg file with the shapefile"]


def test_dbf_with_cpg_is_trusted_silently(tmp_path):
    zones, problems = read_zones(_shapefile(tmp_path / "shp", "cp1252", keep_cpg=True))
    assert zones["name"].tolist() == NAMES and problems == []


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_zipped_dbf_without_cpg(tmp_path, encoding):
    shp = _shapefile(tmp_path / "shp", encoding, keep_cpg=False)
    archive = tmp_path / "soner.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for f in sorted(shp.parent.iterdir()):
            zf.write(f, f"grenser/{f.name}")
    zones, problems = read_zones(archive)
    assert zones["name"].tolist() == NAMES
    assert len(problems) == 1 and "soner.zip:grenser/soner.shp" in str(problems[0])
    assert ("as UTF-8" if encoding == "utf-8" else "as Windows-1252") in str(problems[0])
