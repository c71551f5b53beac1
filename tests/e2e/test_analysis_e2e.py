"""The analysis pages in headless Chromium with the network cut: maps drawn from the app's own Leaflet."""

from __future__ import annotations

import re

from geo.dataset import load_default

FRAME = 'iframe[title="streamlit_folium.st_folium"]'
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
