"""AppTest: damaged inputs, hostile data and long problem lists end in a message, never an exception."""

from __future__ import annotations

import pytest

from tests.ui.test_app import run_app


@pytest.mark.parametrize("damage", ["metadata_not_json", "text_in_value", "null_geometry"])
def test_damaged_dataset_shows_file_and_problem_and_falls_back_to_demo(tiny_dataset, monkeypatch, tmp_path, damage):
    from tests.geo.damage import damaged_copy

    path = damaged_copy(tiny_dataset, tmp_path, damage)
    monkeypatch.setenv("LEVEKAR_DATASET", str(path))
    at = run_app()
    assert not at.exception
    shown = " ".join(e.value for e in at.error).replace("\\", "")
    assert "Kunne ikke åpne datasettet" in shown and str(path.name) in shown
    assert {"metadata_not_json": "is not JSON", "text_in_value": "'abc' is not a number",
            "null_geometry": "has no geometry"}[damage] in shown
    assert any("Demonstrasjonsdata" in w.value for w in at.warning)  # the demo took over


def _upload(zones: tuple[str, bytes], table: tuple[str, bytes]):
    from tests.ui.test_app import _upload as upload

    return upload(run_app(), zones, table)


def _zones_bytes(tiny_dataset) -> bytes:
    return tiny_dataset.zones.to_crs(4326).to_json().encode()


def test_upload_table_with_two_columns_of_one_name_is_one_message(tiny_dataset):
    table = b"zone_id;indicator;year;value;value\n0101;child_low_income;2021;1;2\n"
    at = _upload(("soner.geojson", _zones_bytes(tiny_dataset)), ("verdier.csv", table))
    assert not at.exception
    errors = [e.value.replace("\\", "") for e in at.error]
    assert len(errors) == 1 and "2 kolonner heter 'value'" in errors[0] and "verdier.csv" in errors[0]


def test_upload_with_thousands_of_bad_rows_shows_a_summary_and_a_csv(tiny_dataset):
    rows = ["zone_id;indicator;year;value"] + [f"0101;child_low_income;{2000 + i % 100};bad{i}" for i in range(100)]
    rows = rows + [f"0101;x{i // 100};{2000 + i % 100};bad{i}" for i in range(100, 2000)]
    at = _upload(("soner.geojson", _zones_bytes(tiny_dataset)), ("verdier.csv", "\n".join(rows).encode()))
    assert not at.exception
    assert 2 <= len(at.error) <= 5
    shown = " ".join(e.value for e in at.error).replace("\\", "")
    assert "2019 problemer" in shown and "2000 × verdier.csv, feltet «value»" in shown and "og 1995 til" in shown
    assert at.get("download_button")  # the full list as CSV


def test_search_results_and_no_match_caption_show_markup_as_text(tiny_dataset):
    from ui.cache import UPLOADED_KEY

    zones = tiny_dataset.zones.copy()
    zones.loc[0, "name"] = "[klikk](https://evil.example) **fet**"
    ds = type(tiny_dataset)(zones, tiny_dataset.values, tiny_dataset.catalog, {"name": "x", "demo": False})
    at = run_app(state={UPLOADED_KEY: ds})
    at.text_input(key="zone_query").set_value("klikk").run()
    assert not at.exception
    label = at.button(key="hit_0101").label
    assert label == "\\[klikk\\](https://evil.example) \\*\\*fet\\*\\*"
    at.text_input(key="zone_query").set_value("[x](https://evil.example)").run()
    assert not at.exception
    caption = next(c.value for c in at.caption if "Ingen sone" in c.value)
    assert "\\[x\\](https://evil.example)" in caption


def test_no_session_state_warning_in_the_server_log(capfd):
    at = run_app(state={"mf_settings_open": True})
    assert at.toggle(key="show_districts").value is True  # the default now comes from session state
    at.selectbox(key="v_year").set_value(2016).run()
    at.toggle(key="show_districts").set_value(False).run()
    assert at.toggle(key="show_districts").value is False
    at.selectbox(key="v_year").set_value(2017).run()
    assert at.toggle(key="show_districts").value is False
    at.switch_page("pages/access.py").run()
    assert at.select_slider(key="acc_dist").value == 500 and at.slider(key="acc_dep").value == 4
    assert not at.exception
    err = capfd.readouterr().err
    assert "set via the Session State API" not in err and "Stack (most recent call last)" not in err
