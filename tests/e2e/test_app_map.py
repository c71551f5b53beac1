"""The real app (app.py, embedded demo) in headless Chromium with the network cut: map, click, shared URL."""

from __future__ import annotations

import re

import pytest

from geo import assets
from geo.config import DATASET_ENV, DEMO_DATASET, PROJECT_DIR
from tests.e2e.mapframe import TIMEOUT, click_a_zone, wait_for_map, wait_for_outline

APP = PROJECT_DIR / "app.py"


@pytest.fixture(scope="module")
def demo():
    if not DEMO_DATASET.exists():
        pytest.skip(f"{DEMO_DATASET} is missing (merge main or run data/build_demo.py)")
    from geo.dataset import load

    return load(DEMO_DATASET)


@pytest.fixture
def app(streamlit_app, demo):
    if not APP.exists():
        pytest.skip("app.py is not in this checkout yet")
    if not assets.installed():
        pytest.skip("the map's offline assets are not installed: run scripts/install.sh")
    return streamlit_app(APP, env={DATASET_ENV: ""})


def test_app_map_offline_click_selects_zone(app, demo, page, screenshot):
    from playwright.sync_api import expect

    page.goto(app.url)
    n = len(demo.zones)
    frame_el, _ = wait_for_map(page, n)
    assert frame_el.bounding_box()["height"] > 300
    screenshot(page, "e2e_app_map")

    zone_id = click_a_zone(page, frame_el)
    zone = demo.zones.set_index("zone_id").loc[zone_id]
    expect(page.get_by_role("heading", name=zone["name"], exact=True)).to_be_visible(timeout=TIMEOUT)
    expect(page).to_have_url(re.compile(rf"[?&]zone={zone_id}(&|$)"), timeout=TIMEOUT)
    wait_for_outline(page, n)
    screenshot(page, "e2e_app_map_selected")


def test_app_shared_url_restores_the_view(app, demo, page, screenshot):
    from playwright.sync_api import expect

    zone = demo.zones.iloc[7]
    label = demo.indicator("unemployment").label("nb")
    page.goto(f"{app.url}/?ind=unemployment&year=2020&zone={zone['zone_id']}")
    expect(page.get_by_role("heading", name=f"{label} (2020)")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("heading", name=zone["name"], exact=True)).to_be_visible(timeout=TIMEOUT)
    wait_for_outline(page, len(demo.zones))
    screenshot(page, "e2e_app_map_url")
