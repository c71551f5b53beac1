"""The analysis pages in headless Chromium with the network cut: maps drawn from the app's own Leaflet."""

from __future__ import annotations

import re

from geo.data.dataset import load_default
from tests.e2e.test_map_stays_put import map_frame, wait_settled

FRAME = 'iframe[src*="levekar_zonemap"]'  # the map page's own component (ui/zonemap.py), also here
TIMEOUT = 90_000



def test_analysis_pages_draw_offline_maps(app, page, screenshot):
    from playwright.sync_api import expect

    n_zones = len(load_default().zones)
    pages = (("/change", "Endring mellom to år", 1), ("/relationships", "Sammenheng mellom to indikatorer", 3),
             ("/index", "Levekårsindeks", 1), ("/hotspots", "Klynger (hot spots)", 1))
    for path, heading, n_maps in pages:
        page.goto(f"{app.url}{path}")
        expect(page.get_by_role("heading", name=heading).first).to_be_visible(timeout=TIMEOUT)
        expect(page.get_by_text("Demonstrasjonsdata.", exact=False).first).to_be_visible(timeout=TIMEOUT)
        frames = page.locator(FRAME)
        expect(frames).to_have_count(n_maps, timeout=TIMEOUT)
        paths = page.frame_locator(FRAME).first.locator("path.leaflet-interactive")
        expect(paths).to_have_count(n_zones, timeout=TIMEOUT)
        screenshot(page, f"e2e_analysis_{path.strip('/')}")
    assert not page.errors, page.errors
    assert not [u for u in page.blocked if "leaflet" in u or "cdn" in u], page.blocked


def test_click_on_a_scatter_point_selects_the_zone(app, page, screenshot):
    from playwright.sync_api import expect

    page.goto(f"{app.url}/relationships")
    expect(page.get_by_role("heading", name="Sammenheng mellom to indikatorer").first).to_be_visible(timeout=TIMEOUT)
    points = page.locator(".js-plotly-plot .scatterlayer .trace .points path.point")
    expect(points.first).to_be_visible(timeout=TIMEOUT)
    page.wait_for_timeout(1500)
    points.nth(3).click(force=True)
    expect(page.get_by_text("Valgt sone:", exact=False).first).to_be_visible(timeout=TIMEOUT)
    # the selection holds across the app: the map page's side panel shows the zone
    name = page.get_by_text("Valgt sone:", exact=False).first.inner_text().split(":", 1)[1].split("(")[0].strip()
    # the first session of a fresh server may list pages by file name ("app") before it knows their titles
    page.locator('[data-testid="stSidebarNav"] a').filter(has_text=re.compile(r"^(Kart|app)$")).first.click()
    expect(page.get_by_role("heading", name=name).first).to_be_visible(timeout=TIMEOUT)
    screenshot(page, "e2e_analysis_scatter_selects")


def test_change_map_stays_put_when_the_measure_changes(app, page, screenshot):
    """The analysis maps restyle in place too: another measure keeps the map document and the zoom."""
    from playwright.sync_api import expect

    page.set_viewport_size({"width": 1400, "height": 1300})
    page.goto(f"{app.url}/change")
    expect(page.locator(FRAME)).to_have_count(1, timeout=TIMEOUT)
    frame = map_frame(page)
    expect(frame.locator("path.leaflet-interactive")).to_have_count(len(load_default().zones), timeout=TIMEOUT)
    start = wait_settled(frame)
    page.frame_locator(FRAME).locator(".leaflet-control-zoom-in").click()
    zoomed = wait_settled(frame)
    assert zoomed["zoom"] == start["zoom"] + 1
    frame.evaluate("() => { window.__lkMark = 'same-document'; }")
    renders = frame.evaluate("() => window.__lkRenders")
    page.get_by_test_id("stSidebar").get_by_text("Relativ (% av startverdien)").click()  # a new run: the map gets a new render message
    frame.wait_for_function("n => window.__lkRenders > n", arg=renders, timeout=TIMEOUT)
    now = wait_settled(frame)
    assert page.locator(FRAME).count() == 1 and map_frame(page) == frame
    assert now["mark"] == "same-document", "the change map was rebuilt"
    assert now["zoom"] == zoomed["zoom"]
    screenshot(page, "e2e_analysis_change_stays_put")
    assert not page.errors, page.errors
