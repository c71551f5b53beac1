"""The map in real headless Chromium, network cut: it draws every zone, and a click selects the zone."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from geo import assets

HARNESS = Path(__file__).with_name("harness_map.py")
FRAME = 'iframe[title="streamlit_folium.st_folium"]'
N_ZONES = 8
TIMEOUT = 60_000  # generous: the suite may share the machine with heavy jobs


@pytest.fixture
def harness(streamlit_app):
    if not assets.installed():
        pytest.skip("the map's offline assets are not installed: run scripts/install.sh")
    return streamlit_app(HARNESS)


def _wait_for_map(page):
    from playwright.sync_api import expect

    frame_el = page.locator(FRAME)
    # A rerun that changes the map (new selection) swaps the component's iframe: wait for one to be left.
    expect(frame_el).to_have_count(1, timeout=TIMEOUT)
    expect(frame_el).to_be_visible(timeout=TIMEOUT)
    paths = page.frame_locator(FRAME).locator("path.leaflet-interactive")
    expect(paths).to_have_count(N_ZONES, timeout=TIMEOUT)
    return frame_el, paths


def _wait_for_outline(page) -> None:
    """Wait until a live map frame draws every zone with exactly one outlined (selected) zone.

    Polls the frames without strict locators: while a rerun swaps the map, two frames may coexist.
    """
    deadline = time.monotonic() + TIMEOUT / 1000
    while time.monotonic() < deadline:
        for frame in page.frames:
            if frame.is_detached() or "streamlit_folium" not in frame.url:
                continue
            try:
                zones = frame.locator("path.leaflet-interactive").count()
                outlined = frame.locator('path.leaflet-interactive[stroke="#000000"]')
                if zones == N_ZONES and outlined.count() == 1:
                    assert outlined.get_attribute("stroke-width") == "3.5"
                    return
            except Exception:  # noqa: BLE001 - the frame went away mid-check; look again
                continue
        page.wait_for_timeout(200)
    raise AssertionError(f"no map frame with {N_ZONES} zones and one outlined zone within {TIMEOUT / 1000:.0f} s")


def test_map_draws_every_zone_offline_and_a_click_selects_it(harness, page, screenshot):
    from playwright.sync_api import expect

    page.goto(harness.url)
    frame_el, paths = _wait_for_map(page)
    box = frame_el.bounding_box()
    assert box is not None and box["height"] > 300 and box["width"] > 300  # not the empty zero-height frame
    # Leaflet came from the app itself; anything that tried the internet was cut off.
    assert not [u for u in page.blocked if "leaflet" in u or "jsdelivr" in u or "cloudflare" in u]
    screenshot(page, "e2e_harness_map")

    # Click the zone drawn nearest the middle of the map (clear of the legend and controls).
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2

    def distance(i: int) -> float:
        b = paths.nth(i).bounding_box()
        return (b["x"] + b["width"] / 2 - cx) ** 2 + (b["y"] + b["height"] / 2 - cy) ** 2

    index = min(range(N_ZONES), key=distance)
    expected = f"{index + 1:04d}"  # paths are drawn in layer (zone) order
    paths.nth(index).click()
    expect(page.get_by_text(f"Valgt sone: {expected}")).to_be_visible(timeout=TIMEOUT)
    _wait_for_outline(page)
    screenshot(page, "e2e_harness_map_selected")


def test_shared_url_restores_the_selected_zone(harness, page, screenshot):
    from playwright.sync_api import expect

    page.goto(f"{harness.url}/?zone=0003")
    expect(page.get_by_text("Valgt sone: 0003")).to_be_visible(timeout=TIMEOUT)
    _wait_for_outline(page)
    screenshot(page, "e2e_harness_map_url")
