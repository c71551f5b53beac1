"""Public mode in the app: the dataset is opened once through geo.privacy.for_output, no uploads, no details."""

from __future__ import annotations

import logging
import re

import pytest

from geo.data.dataset import load_default
from geo.privacy import public_view
from tests.ui.test_app import run_app, texts
from ui.cache import UPLOADED_KEY


@pytest.fixture
def public(monkeypatch):
    monkeypatch.setenv("LEVEKAR_PUBLIC", "1")


def hidden_zone(indicator: str = "child_low_income") -> tuple[str, int]:
    pub = public_view(load_default())
    v = pub.values[(pub.values["indicator"] == indicator) & (pub.values["status"] == "suppressed")]
    year = int(v["year"].max())
    return str(v[v["year"] == year]["zone_id"].iloc[0]), year


def test_public_app_labels_totals_and_ranks(public):
    zone, year = hidden_zone()
    at = run_app({"year": str(year)}, state={"zone": zone})
    assert not at.exception
    body = texts(at)
    assert "beregnet av de synlige sonene" in body and "Rangering blant sonene med synlig verdi" in body
    panel = next(m.value for m in at.markdown if "lk-facts" in m.value)
    assert re.search(r"Verdi \(\d{4}\)</th><td[^>]*>skjult", panel)  # the value reads "skjult", not "mangler"


def test_internal_app_has_no_public_note():
    zone, year = hidden_zone()
    at = run_app({"year": str(year)}, state={"zone": zone})
    assert "beregnet av de synlige sonene" not in texts(at)


def test_public_app_ignores_an_uploaded_dataset(public, tiny_dataset):
    at = run_app(state={UPLOADED_KEY: tiny_dataset})
    assert not at.exception
    assert "Ålesund sør" not in "".join(str(e.value) for e in at.dataframe)
    assert "Tiny test" not in texts(at)


def test_public_app_hides_dataset_error_details_but_logs_them(public, monkeypatch, tmp_path, caplog):
    secret = tmp_path / "intern-sti" / "missing.gpkg"
    monkeypatch.setenv("LEVEKAR_DATASET", str(secret))
    with caplog.at_level(logging.ERROR, logger="levekar"):
        at = run_app()
    assert not at.exception
    shown = texts(at) + "".join(e.value for e in at.error)
    assert "ikke tilgjengelige" in shown and "intern-sti" not in shown
    assert "intern-sti" in caplog.text


def test_map_page_offers_every_download_format():
    at = run_app()
    assert not at.get("download_button")  # folded: not on the first view (cold load)
    assert any(e.label.startswith("Last ned tallene (CSV, GeoJSON, Excel, GeoPackage)") for e in at.expander)
    at = run_app(state={"mf_dl_open": True})
    labels = [b.proto.label for b in at.get("download_button")]
    assert ["Last ned CSV", "Last ned GeoJSON", "Last ned Excel", "Last ned GeoPackage"] == labels[:4]


def test_public_navigation_has_no_upload_page(public):
    at = run_app()
    with pytest.raises(ValueError, match="Could not find a navigation page for .*upload.py"):
        at.switch_page("pages/upload.py")
    at.switch_page("pages/about.py").run()
    assert not at.exception


def test_internal_navigation_keeps_the_upload_page():
    at = run_app()
    at.switch_page("pages/upload.py").run()
    assert not at.exception and at.get("file_uploader")


def test_upload_page_file_run_alone_refuses_in_public_mode(public):
    from streamlit.testing.v1 import AppTest

    from geo.config import PROJECT_DIR

    at = AppTest.from_file(str(PROJECT_DIR / "pages" / "upload.py"), default_timeout=60).run()
    assert not at.exception
    assert not at.get("file_uploader")
    assert any("slått av" in i.value for i in at.info)


def test_public_env_names_real_streamlit_options():
    """Every STREAMLIT_* line of deploy/public.env is an option Streamlit knows (a typo would be ignored)."""
    from streamlit import config

    from geo.config import PROJECT_DIR

    config.get_option("server.port")  # loads the option table
    known = {opt.env_var: key for key, opt in config._config_options.items()}
    lines = [ln.split("=", 1) for ln in (PROJECT_DIR / "deploy" / "public.env").read_text().splitlines()
             if ln.strip() and not ln.startswith("#")]
    settings = dict(lines)
    assert settings["LEVEKAR_PUBLIC"] == "1"
    unknown = [k for k in settings if k.startswith("STREAMLIT_") and k not in known]
    assert not unknown
    options = {known[k]: v for k, v in settings.items() if k.startswith("STREAMLIT_")}
    assert options["client.showErrorDetails"] == "none" and options["client.toolbarMode"] == "minimal"
    assert options["server.enableXsrfProtection"] == "true" and options["browser.gatherUsageStats"] == "false"
    assert int(options["server.maxUploadSize"]) >= 1 and int(options["server.maxMessageSize"]) <= 200


def test_access_page_recomputed_values_pass_the_gate(monkeypatch):
    def city(public: bool) -> str:
        monkeypatch.setenv("LEVEKAR_PUBLIC", "1" if public else "0")
        at = run_app()
        at.switch_page("pages/access.py").run()
        assert not at.exception
        return at.metric[0].value

    assert city(True) != city(False)  # public: the city share of the visible zones only
