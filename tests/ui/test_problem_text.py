"""Upload problems in the UI's language, naming the form's fields rather than CLI options."""

from __future__ import annotations

import pytest

from geo.data.io import prepare_import_from_bytes
from geo.errors import Problem
from tests.geo import import_files as files
from ui.problem_text import _compiled, localise, problem_line, translate


def _upload(tmp_path, zones_frame=None, table: str = files.NORWEGIAN_CSV, **kwargs) -> list[Problem]:
    zones = files.write_geojson(tmp_path / "soner.geojson", zones_frame)
    return prepare_import_from_bytes(("soner.geojson", zones.read_bytes()), ("tabell.csv", table.encode()),
                                     **kwargs).problems


BAD_TABLE = ("zone_id;indicator;year;value;numerator;denominator;status;source\n"
             "0101;child_low_income;21;12,5;5;40;;SSB\n"
             "9999;child_low_income;2021;abc;5;40;;SSB\n"
             "0102;child_low_income;2021;7,25;50;40;maybe;SSB\n"
             "0102;child_low_income;2021;7,25;5;40;;SSB\n"
             "0101;chlid_low_income;2021;1;;;;\n"
             "0201;child_low_income;2021;130;-1;40;;SSB\n")


def _scenarios(tmp_path) -> list[Problem]:
    zones = files.zones_frame()
    zones.loc[0, "geometry"] = files.BOWTIE
    problems = _upload(tmp_path, zones, BAD_TABLE)
    problems += _upload(tmp_path, id_field="sone_nr")
    problems += _upload(tmp_path, table="zone;ind\n0101;x\n")
    return problems


def test_every_problem_of_a_bad_upload_is_translated(tmp_path):
    problems = _scenarios(tmp_path)
    assert len(problems) >= 8
    texts = [x for p in problems for x in (p.message, p.hint) if x]
    untranslated = [x for x in texts if not any(pattern.match(x) for pattern, _ in _compiled())]
    assert not untranslated
    lines = [problem_line(p, "nb") for p in problems]
    assert all("--" not in line for line in lines), lines
    joined = "\n".join(lines)
    assert "året 21 er utenfor 1900–2100" in joined and "rad 2" in joined
    assert "«Felt med sone-id»" in joined  # the form's field, not --id-field
    assert "kryss av for «Reparer ugyldige geometrier (make_valid)»" in joined


def test_english_names_the_form_fields_too(tmp_path):
    lines = [problem_line(p, "en") for p in _scenarios(tmp_path)]
    assert all("--" not in line for line in lines), lines
    joined = "\n".join(lines)
    assert "“Zone id field”" in joined and "tick “Repair invalid geometries (make_valid)”" in joined


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_unknown_message_is_kept_with_options_renamed(lang):
    p = Problem("f.csv", "row 3", "--crs", "something new about --crs EPSG:XXXX", "ask")
    out = localise(p, lang)
    assert "--crs" not in out.message and out.field in ("Koordinatsystem hvis filen mangler det", "CRS if the file has none")
    assert out.where == ("rad 3" if lang == "nb" else "row 3")
    assert translate("", lang) == ""


def test_warning_prefix_and_data_kept():
    p = Problem("t.csv", "rows 2, 3 (+4 more)", "value", "'x' is not a number", "", severity="warning")
    assert problem_line(p, "nb") == "advarsel: t.csv, rader 2, 3 (+4 til), feltet «value»: 'x' er ikke et tall"
