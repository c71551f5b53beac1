"""Public mode in the app: the dataset is opened once through geo.privacy.for_output, no uploads, no details."""

from __future__ import annotations

import logging

import pytest

from geo.dataset import load_default
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
    assert "skjult" in panel


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
    labels = [b.proto.label for b in at.get("download_button")]
    assert ["Last ned CSV", "Last ned GeoJSON", "Last ned Excel", "Last ned GeoPackage"] == labels[:4]
