"""The public dashboard in a real server and Chromium: deploy/public.env settings, no upload page, no leak."""

from __future__ import annotations

import re
import urllib.request

import pytest

from geo.config import PROJECT_DIR
from geo.data.dataset import save
from tests.ui.test_no_leak_grep import crafted, found

TIMEOUT = 60_000


def public_env(dataset) -> dict[str, str]:
    lines = (PROJECT_DIR / "deploy" / "public.env").read_text(encoding="utf-8").splitlines()
    env = dict(ln.split("=", 1) for ln in lines if ln.strip() and not ln.startswith("#"))
    return {**env, "LEVEKAR_DATASET": str(dataset)}


@pytest.fixture
def public_app(streamlit_app, tmp_path):
    return streamlit_app(PROJECT_DIR / "app.py", env=public_env(save(crafted(), tmp_path / "grep.gpkg")))


def test_public_server_health_xsrf_no_upload_and_no_hidden_figure(public_app, page, screenshot):
    from playwright.sync_api import expect

    with urllib.request.urlopen(f"{public_app.url}/_stcore/health", timeout=10) as r:
        assert r.status == 200 and r.read().decode().strip() == "ok"
    page.goto(f"{public_app.url}/?year=2024&zone=C")
    expect(page.get_by_text("Sone C").first).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("beregnet av de synlige sonene", exact=False).first).to_be_visible(timeout=TIMEOUT)
    expect(page.locator("table.lk-facts")).to_contain_text("skjult", timeout=TIMEOUT)
    expect(page.get_by_text("Last ned tallene (CSV, GeoJSON, Excel, GeoPackage)")).to_be_visible(
        timeout=TIMEOUT)  # the page ran to its end
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0, timeout=TIMEOUT)
    nav = page.locator('[data-testid="stSidebarNav"]')
    expect(nav).to_contain_text("Om dataene", timeout=TIMEOUT)
    assert "Last opp" not in nav.inner_text()
    assert any(c["name"] == "_streamlit_xsrf" for c in page.context.cookies())  # XSRF protection is on
    html = "\n".join(frame.content() for frame in page.frames)
    assert found(re.sub(r"-?\d+\.\d{5,}", "", html)) == []
    assert not page.errors, page.errors
    screenshot(page, "e2e_public_home")
