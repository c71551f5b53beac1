"""The map in real headless Chromium, network cut: it draws every zone, and a click selects the zone."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.mapping import assets
from tests.e2e.mapframe import TIMEOUT, click_a_zone, wait_for_map, wait_for_outline

HARNESS = Path(__file__).with_name("harness_map.py")
N_ZONES = 8


@pytest.fixture
def harness(streamlit_app):
    if not assets.installed():
        pytest.fail("the map's offline assets are not installed: run scripts/install.sh")
    return streamlit_app(HARNESS)


def test_map_draws_every_zone_offline_and_a_click_selects_it(harness, page, screenshot):
    from playwright.sync_api import expect

    page.goto(harness.url)
    frame_el, _ = wait_for_map(page, N_ZONES)
    box = frame_el.bounding_box()
    assert box is not None and box["height"] > 300 and box["width"] > 300  # not the empty zero-height frame
    # Leaflet came from the app itself; anything that tried the internet was cut off.
    assert not [u for u in page.blocked if "leaflet" in u or "jsdelivr" in u or "cloudflare" in u]
    screenshot(page, "e2e_harness_map")

    expected = click_a_zone(page, frame_el)
    expect(page.get_by_text(f"Valgt sone: {expected}")).to_be_visible(timeout=TIMEOUT)
    wait_for_outline(page, N_ZONES)
    screenshot(page, "e2e_harness_map_selected")


def test_shared_url_restores_the_selected_zone(harness, page, screenshot):
    from playwright.sync_api import expect

    page.goto(f"{harness.url}/?zone=0003")
    expect(page.get_by_text("Valgt sone: 0003")).to_be_visible(timeout=TIMEOUT)
    wait_for_outline(page, N_ZONES)
    screenshot(page, "e2e_harness_map_url")
