"""The real dashboard (app.py) in headless Chromium with the network cut."""

from __future__ import annotations

import re

import pytest

FRAME = 'iframe[src*="levekar_zonemap"]'  # the map component (ui/zonemap.py)
TIMEOUT = 60_000




def _map_paths(page):
    from playwright.sync_api import expect

    frame = page.locator(FRAME)
    # after a rerun Streamlit may briefly hold the old map frame beside the new one: wait for one
    expect(frame).to_have_count(1, timeout=TIMEOUT)
    expect(frame).to_be_visible(timeout=TIMEOUT)
    paths = page.frame_locator(FRAME).locator("path.leaflet-interactive")
    return frame, paths


def test_home_page_offline_banner_and_one_polygon_per_zone(app, page, screenshot, demo):
    from playwright.sync_api import expect

    page.goto(app.url)
    expect(page.get_by_text("Demonstrasjonsdata.", exact=False).first).to_be_visible(timeout=TIMEOUT)
    frame, paths = _map_paths(page)
    # one zone polygon per zone; district outlines are drawn as non-interactive paths
    expect(paths).to_have_count(len(demo.zones), timeout=TIMEOUT)
    box = frame.bounding_box()
    assert box["height"] > 300 and box["width"] > 300
    assert not page.errors, page.errors
    assert not [u for u in page.blocked if "leaflet" in u or "cdn" in u]
    screenshot(page, "e2e_app_home")


def _container_point(page, lat: float, lon: float) -> tuple[float, float]:
    """Pixel (relative to the map frame) where Leaflet draws lat/lon, asked from the map object itself."""
    frame = next(f for f in page.frames if "levekar_zonemap" in f.url)
    # wait until Leaflet has settled (st_folium sizes its frame after the first render; fitBounds follows)
    frame.wait_for_function("""() => { const m = Object.values(window).find(v => v instanceof L.Map);
        if (!m) return false; const s = JSON.stringify([m.getCenter(), m.getZoom(), m.getSize()]);
        const same = window.__lkLast === s; window.__lkLast = s; return same; }""", polling=500, timeout=TIMEOUT)
    x, y = frame.evaluate(
        """([lat, lon]) => {
            const map = Object.values(window).find(v => v instanceof L.Map);
            const p = map.latLngToContainerPoint([lat, lon]);
            const r = map.getContainer().getBoundingClientRect();
            return [p.x + r.left, p.y + r.top];
        }""", [lat, lon])
    return x, y


@pytest.mark.parametrize("zone_name", ["Lademoen", "Saupstad"])
def test_click_on_a_zone_selects_it(app, page, screenshot, demo, zone_name):
    from playwright.sync_api import expect

    # Tall enough that the whole map is in view: Streamlit scrolls its own container, and a scroll
    # during the click would shift the point clicked.
    page.set_viewport_size({"width": 1280, "height": 1400})
    page.goto(app.url)
    frame, paths = _map_paths(page)
    expect(paths).to_have_count(len(demo.zones), timeout=TIMEOUT)
    zone = demo.zones.set_index("name").loc[zone_name]
    inside = demo.zones.set_index("name").to_crs(4326).loc[zone_name].geometry.representative_point()
    x, y = _container_point(page, inside.y, inside.x)
    # position relative to the frame, resolved at click time (the page may reflow meanwhile)
    page.locator(FRAME).click(position={"x": x, "y": y})
    expect(page.get_by_role("heading", name=zone_name, exact=True)).to_be_visible(timeout=TIMEOUT)
    expect(page).to_have_url(re.compile(f"zone={zone['zone_id']}"), timeout=TIMEOUT)
    # the side panel explains the number: rank "n av N", city and district figures, status, source
    panel = page.locator("table.lk-facts")
    expect(panel).to_contain_text(" av ", timeout=TIMEOUT)
    expect(panel).to_contain_text("Trondheim")
    expect(panel).to_contain_text("syntetisk")
    # the map comes back after the rerun, with every zone and the selected one outlined
    _, paths = _map_paths(page)
    expect(paths).to_have_count(len(demo.zones), timeout=TIMEOUT)
    outlined = page.frame_locator(FRAME).locator('path.leaflet-interactive[stroke="#000000"]')
    expect(outlined).to_have_count(1, timeout=TIMEOUT)
    page.wait_for_timeout(1500)  # let Leaflet finish drawing before the screenshot
    screenshot(page, f"e2e_app_selected_{zone_name}")


def test_shared_url_restores_the_view(app, page, screenshot, demo):
    from playwright.sync_api import expect

    zid = demo.zones.set_index("name").loc["Lademoen", "zone_id"]
    page.goto(f"{app.url}/?ind=green_space_satisfaction&year=2019&scheme=equal_interval&k=4&zone={zid}&lang=en")
    expect(page.get_by_role("heading", name="Satisfied with access to green areas (2019)")).to_be_visible(
        timeout=TIMEOUT)
    expect(page.get_by_role("heading", name="Lademoen")).to_be_visible(timeout=TIMEOUT)
    frame, paths = _map_paths(page)
    expect(paths).to_have_count(len(demo.zones), timeout=TIMEOUT)
    # the selected zone is outlined, and the legend has 4 classes + the no-data row
    legend_rows = page.frame_locator(FRAME).locator(".lk-legend tr")
    expect(legend_rows).to_have_count(4 + 1 + 1, timeout=TIMEOUT)  # header row, 4 classes, no data
    screenshot(page, "e2e_app_shared_url")


def test_deep_links_open_their_page_on_a_fresh_server_with_the_demo_banner(app, page):
    from playwright.sync_api import expect

    # the first session after a server start is where Streamlit used to flash "Page not found"
    for path, heading in (("/about", "Om dataene"), ("/access", "Tilgjengelighet"), ("/upload", "Last opp egne data")):
        page.goto(f"{app.url}{path}")
        expect(page.get_by_role("heading", name=heading).first).to_be_visible(timeout=TIMEOUT)
        expect(page.get_by_text("Demonstrasjonsdata.", exact=False).first).to_be_visible(timeout=TIMEOUT)
        page.wait_for_timeout(1000)
        assert page.get_by_text("Page not found").count() == 0, path


def test_map_choices_survive_a_visit_to_another_page(app, page):
    """Streamlit forgets widgets a page does not draw; the app keeps the map's choices (keep_widget_state)."""
    from playwright.sync_api import expect

    page.goto(f"{app.url}/?ind=unemployment&year=2020&scheme=equal_interval&k=4")
    expect(page.get_by_role("heading", name="Registrerte helt ledige (2020)")).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("link", name="Om dataene").click()
    expect(page.get_by_role("heading", name="Om dataene").first).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("link", name="Kart").click()
    expect(page.get_by_role("heading", name="Registrerte helt ledige (2020)")).to_be_visible(timeout=TIMEOUT)
    expect(page).to_have_url(re.compile(r"k=4"), timeout=TIMEOUT)
    expect(page).to_have_url(re.compile(r"scheme=equal_interval"), timeout=TIMEOUT)


def test_first_visit_of_a_fresh_server_by_deep_link_shows_the_titled_navigation(app, page, screenshot):
    """A shared link opened first on a freshly started server: the page, in the app's frame, with the
    navigation's titles — not Streamlit's legacy list of file names ("app", "about", …)."""
    from playwright.sync_api import expect

    page.goto(f"{app.url}/relationships?lang=en")  # the first session this server sees
    expect(page.get_by_role("heading", name="Relationship between two indicators").first).to_be_visible(
        timeout=TIMEOUT)
    nav = page.locator('[data-testid="stSidebarNav"]')
    expect(nav).to_contain_text("Relationships", timeout=TIMEOUT)
    links = [t.strip() for t in nav.locator("a").all_inner_texts()]
    assert "app" not in links and "relationships" not in links, links
    assert "lang=en" in page.url
    screenshot(page, "e2e_first_deep_link")
    assert not page.errors, page.errors
