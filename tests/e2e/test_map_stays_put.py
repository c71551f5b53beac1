"""The map page's map stays put (issue 10), in real Chromium with the network cut, on the demo dataset.

After the user zooms in: four indicator changes in a row keep the same map document and the same zoom
and centre, with the new colours shown; a click on a zone selects it in ONE script run and keeps the
zoom; the downloaded CSV is exactly :func:`geo.export.export_bytes`' output for the view. A first view
paints the map before the page's controls, which then arrive by themselves without moving it.
"""

from __future__ import annotations

import re
import time

from geo.export import export_bytes

FRAME = 'iframe[src*="levekar_zonemap"]'
TIMEOUT = 60_000
INDICATORS = ("unemployment", "low_education", "green_space_satisfaction", "child_low_income")

#: Records, on every animation frame from the first one, the map frame's top, how many zone paths it
#: holds and how many selectboxes and text inputs the page shows, whenever one of them changed.
RECORD_LAYOUT = """(() => { window.__lkLayout = []; const tick = () => {
  const f = document.querySelector('iframe[src*="levekar_zonemap"]'); let paths = 0;
  try { paths = f ? f.contentDocument.querySelectorAll('path.leaflet-interactive').length : 0; } catch (e) {}
  const now = [f ? Math.round(f.getBoundingClientRect().top) : null, paths,
    document.querySelectorAll('[data-testid=stSelectbox], [data-testid=stTextInput]').length];
  const last = window.__lkLayout[window.__lkLayout.length - 1];
  if (!last || last.join() !== now.join()) window.__lkLayout.push(now);
  requestAnimationFrame(tick); }; requestAnimationFrame(tick); })()"""


def map_frame(page):
    """The live frame of the zone map component (waits until its document has loaded)."""
    deadline = time.monotonic() + TIMEOUT / 1000
    while time.monotonic() < deadline:
        frame = next((f for f in page.frames if not f.is_detached() and "levekar_zonemap" in f.url), None)
        if frame is not None:
            return frame
        page.wait_for_timeout(100)
    raise AssertionError("no map component frame")


def view_of(frame) -> dict:
    return frame.evaluate("() => ({zoom: map.getZoom(), lat: map.getCenter().lat, lng: map.getCenter().lng,"
                          " mark: window.__lkMark || null, title: document.body.dataset.view,"
                          " runs: Number(document.body.dataset.runs)})")


def wait_settled(frame) -> dict:
    """Wait until the map's view stops changing (animations done); return it."""
    # Not during an animation: under load a zoom animation outlasts two samples, getZoom() still says the
    # old zoom, and a click landing meanwhile is dropped by Leaflet.
    frame.wait_for_function("""() => { if (!window.map || map._animatingZoom || (map._panAnim && map._panAnim._inProgress))
            return false;
        const s = JSON.stringify([map.getCenter(), map.getZoom()]);
        const same = window.__lkLast === s; window.__lkLast = s; return same; }""", polling=300, timeout=TIMEOUT)
    return view_of(frame)


def choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the selectbox labelled ``label`` (above the map or in the sidebar), as a user does."""
    box = page.get_by_test_id("stSelectbox").filter(has_text=label).first
    box.click()
    page.get_by_role("option", name=option, exact=True).click()


def test_zoom_and_map_document_survive_indicator_changes_and_a_click(app, page, screenshot, demo):
    from playwright.sync_api import expect

    page.set_viewport_size({"width": 1400, "height": 1300})
    page.goto(app.url)
    frame_el = page.locator(FRAME)
    expect(frame_el).to_have_count(1, timeout=TIMEOUT)
    # the iframe says what it shows (indicator and year), for screen readers
    expect(frame_el).to_have_attribute("title", "Kart over levekårssoner: Barn i lavinntektsfamilier (EU60) (2024)",
                                       timeout=TIMEOUT)
    frame = map_frame(page)
    expect(frame.locator("path.leaflet-interactive")).to_have_count(len(demo.zones), timeout=TIMEOUT)
    # offline: the basemap's tiles fail quietly and the map says the basemap is unavailable
    expect(frame.locator(".lk-note")).to_contain_text("Bakgrunnskartet er ikke tilgjengelig", timeout=TIMEOUT)
    start = wait_settled(frame)

    fl = page.frame_locator(FRAME)
    for _ in range(2):
        fl.locator(".leaflet-control-zoom-in").click()
        wait_settled(frame)
    frame.evaluate("() => { window.__lkMark = 'same-document'; }")
    zoomed = wait_settled(frame)
    assert zoomed["zoom"] == start["zoom"] + 2

    for ind in INDICATORS:
        label = demo.indicator(ind).label("nb")
        before = frame.evaluate("() => document.querySelector('path.leaflet-interactive').getAttribute('fill')")
        choose(page, "Indikator", label)
        # the year stays when the new indicator has it, else the latest: read it from the page
        heading = page.get_by_role("heading", name=re.compile(rf"^{re.escape(label)} \(\d{{4}}\)$"))
        expect(heading).to_be_visible(timeout=TIMEOUT)
        title = heading.inner_text().strip()
        year = int(title[-5:-1])
        frame.wait_for_function("t => document.body.dataset.view === t", arg=title, timeout=TIMEOUT)
        now = view_of(frame)
        assert page.locator(FRAME).count() == 1
        assert map_frame(page) == frame and now["mark"] == "same-document", "the map document was replaced"
        assert now["zoom"] == zoomed["zoom"]
        assert abs(now["lat"] - zoomed["lat"]) < 1e-9 and abs(now["lng"] - zoomed["lng"]) < 1e-9
        assert frame.locator(".lk-legend summary").inner_text().startswith(label)
        del before  # colours may coincide between indicators; the legend and title prove the restyle

    # a click selects the zone in one script run, keeps the zoom and outlines the zone
    runs = view_of(frame)["runs"]
    target = frame.evaluate("""() => {
        const r = map.getContainer().getBoundingClientRect(), cx = r.width / 2, cy = r.height / 2;
        const el = document.elementFromPoint(cx, cy);
        for (const l of Object.values(map._layers)) { if (l._path === el && l.zoneId) return [l.zoneId, cx, cy]; }
        return null; }""")
    assert target, "no zone under the map's centre after zooming in"
    zone_id, x, y = target
    box = frame_el.bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    name = demo.zones.set_index("zone_id").loc[zone_id, "name"]
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible(timeout=TIMEOUT)
    frame.wait_for_function("() => document.querySelectorAll('path[stroke=\"#000000\"]').length === 1", timeout=TIMEOUT)
    time.sleep(1.0)  # a second run, if there were one, would land now
    after = view_of(frame)
    assert after["runs"] == runs + 1, f"a click cost {after['runs'] - runs} script runs"
    assert after["mark"] == "same-document" and after["zoom"] == zoomed["zoom"]
    screenshot(page, "e2e_map_stays_put")

    # the requested download equals geo.export's output for the view
    # default classes (quantiles, 5, automatic palette) = export_bytes' default classification
    expected = export_bytes(demo, INDICATORS[-1], year, "csv", lang="nb")
    page.get_by_text("Last ned tallene (CSV, GeoJSON, Excel, GeoPackage)").click()  # the folded downloads
    with page.expect_download(timeout=TIMEOUT) as info:
        page.get_by_role("button", name="Last ned CSV").click(timeout=TIMEOUT)
    got = open(info.value.path(), "rb").read()
    assert got == expected
    assert not page.errors, page.errors


def test_a_first_view_paints_the_map_first_and_its_controls_arrive_without_moving_it(app, page, demo, screenshot):
    from playwright.sync_api import expect

    n = len(demo.zones)
    for width in (1400, 390):  # a desktop and a phone (columns stacked, sidebar folded)
        page.set_viewport_size({"width": width, "height": 1100})
        page.add_init_script(RECORD_LAYOUT)
        page.goto(f"{app.url}/?ind=unemployment&year=2020")
        frame = map_frame(page)
        expect(frame.locator("path.leaflet-interactive")).to_have_count(n, timeout=TIMEOUT)
        frame.evaluate("() => { window.__lkMark = 'same-document'; }")
        # no user action: the map's report of its first paint brings the widgets, with the URL's values
        expect(page.get_by_role("combobox", name="Indikator")).to_have_value(demo.indicator("unemployment").label("nb"),
                                                                            timeout=TIMEOUT)
        expect(page.get_by_role("combobox", name="År")).to_have_value("2020")
        expect(page.get_by_placeholder("Skriv et sonenavn")).to_be_visible()
        page.wait_for_timeout(1000)  # the widgets' own scripts have loaded: a late move would show now
        layout = page.evaluate("window.__lkLayout")
        drawn = [row for row in layout if row[1] >= n]
        assert drawn[0][2] == 0, f"the controls came before the map's polygons: {layout}"
        assert drawn[-1][2] == 3, layout
        assert len({row[0] for row in drawn}) == 1, f"the map moved after it was drawn: {layout}"
        now = view_of(frame)
        assert now["mark"] == "same-document" and now["runs"] == 2, now  # the first view + the report
        if width == 1400:
            expect(page.get_by_test_id("stSidebar").get_by_text("English")).to_be_visible()
            screenshot(page, "e2e_map_first_view_done")
    assert not page.errors, page.errors


def test_a_map_that_cannot_draw_still_brings_the_page_controls(app, page):
    from playwright.sync_api import expect

    page.route("**/app/static/geo/**", lambda r: r.fulfill(status=404, body="gone"))  # e.g. a pruned file
    page.goto(app.url)
    frame = map_frame(page)
    expect(frame.locator("#map")).to_contain_text("geometry 404", timeout=TIMEOUT)
    expect(page.get_by_role("combobox", name="Indikator")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_placeholder("Skriv et sonenavn")).to_be_visible()


def test_outline_switch_share_button_and_embed_view(app, page, screenshot, demo):
    from playwright.sync_api import expect

    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app.url)
    page.set_viewport_size({"width": 1400, "height": 1100})
    page.goto(f"{app.url}/?ind=unemployment")
    frame_el = page.locator(FRAME)
    expect(frame_el).to_have_count(1, timeout=TIMEOUT)
    frame = map_frame(page)
    expect(frame.locator("path.leaflet-interactive")).to_have_count(len(demo.zones), timeout=TIMEOUT)
    outlines = frame.locator(".leaflet-lk-outlines-pane path")
    expect(outlines).not_to_have_count(0, timeout=TIMEOUT)  # bydel outlines on by default
    frame.evaluate("() => { window.__lkMark = 'same-document'; }")

    # "zoom to zone" from the search: selects the zone and fits the map to it, same document
    start = wait_settled(frame)
    page.get_by_placeholder("Skriv et sonenavn").fill("Lademoen")
    page.get_by_placeholder("Skriv et sonenavn").press("Enter")
    page.get_by_role("button", name="Lademoen", exact=True).click()
    expect(page.get_by_role("heading", name="Lademoen", exact=True)).to_be_visible(timeout=TIMEOUT)
    frame.wait_for_function("z => map.getZoom() > z", arg=start["zoom"], timeout=TIMEOUT)
    assert view_of(frame)["mark"] == "same-document"

    # ONE control for the outlines (sidebar, in the lazy map settings: opening them is a run of its own);
    # the URL keeps the choice; the map is the same document
    assert frame.locator(".leaflet-control-layers").count() == 0
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("Vis bydelsgrenser")).to_have_count(0)  # closed settings send nothing
    sidebar.get_by_text("Kartinnstillinger: klasser, farger, bakgrunn").click()
    sidebar.get_by_text("Vis bydelsgrenser").click(timeout=TIMEOUT)
    expect(outlines).to_have_count(0, timeout=TIMEOUT)
    expect(page).to_have_url(re.compile(r"outlines=0"), timeout=TIMEOUT)
    assert view_of(map_frame(page))["mark"] == "same-document"

    # "Del lenke" copies the view's URL (or, where copying is refused, shows it)
    page.frame_locator(FRAME).get_by_role("button", name="Del lenke").click()
    status = page.frame_locator(FRAME).locator(".lk-copied")
    expect(status).to_be_visible(timeout=TIMEOUT)
    copied = page.evaluate("() => navigator.clipboard.readText().catch(() => '')")
    assert "outlines=0" in copied or "outlines=0" in status.inner_text()

    # ?embed=true: the map alone (no search, no panel, no sidebar), same view from the URL
    page.goto(f"{app.url}/?ind=unemployment&outlines=0&embed=true")
    expect(page.locator(FRAME)).to_have_count(1, timeout=TIMEOUT)
    frame = map_frame(page)
    expect(frame.locator("path.leaflet-interactive")).to_have_count(len(demo.zones), timeout=TIMEOUT)
    expect(frame.locator(".lk-maptitle")).to_contain_text(demo.indicator("unemployment").label("nb"))
    assert page.get_by_text("Finn sone").count() == 0
    assert page.get_by_role("heading", name="Valgt sone").count() == 0
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    assert frame.locator(".leaflet-lk-outlines-pane path").count() == 0
    screenshot(page, "e2e_map_embed")
