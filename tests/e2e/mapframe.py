"""Helpers for e2e tests of a st_folium map: find the map frame, pick a clickable zone, wait for a selection."""

from __future__ import annotations

import time

FRAME = 'iframe[title="streamlit_folium.st_folium"]'
ZONES = "path.leaflet-interactive"
OUTLINED = 'path.leaflet-interactive[stroke="#000000"]'
TIMEOUT = 60_000  # generous: the suite may share the machine with heavy jobs

# Zone paths whose bounding-box centre really hits the path itself (not the legend, a control or a
# neighbour), nearest the map's centre first, as [zone_id from the Leaflet feature, x, y in the frame].
_CLICKABLE = """() => {
  const map = document.querySelector('.leaflet-container').getBoundingClientRect();
  const cx = map.left + map.width / 2, cy = map.top + map.height / 2;
  const out = [];
  const visit = (layer) => {
    if (layer.eachLayer) { layer.eachLayer(visit); return; }
    if (!layer.feature || !layer._path || !layer.feature.properties.zone_id) return;
    const b = layer._path.getBoundingClientRect();
    const x = b.left + b.width / 2, y = b.top + b.height / 2;
    if (document.elementFromPoint(x, y) === layer._path) {
      out.push([layer.feature.properties.zone_id, x, y, (x - cx) ** 2 + (y - cy) ** 2]);
    }
  };
  window.map.eachLayer(visit);
  return out.sort((a, b) => a[3] - b[3]).map(a => [a[0], a[1], a[2]]);
}"""


def wait_for_map(page, n_zones: int):
    """Wait for exactly one visible map frame drawing ``n_zones`` zone polygons; return (frame element, paths)."""
    from playwright.sync_api import expect

    frame_el = page.locator(FRAME)
    # A rerun that changes the map (new selection) swaps the component's iframe: wait for one to be left.
    expect(frame_el).to_have_count(1, timeout=TIMEOUT)
    expect(frame_el).to_be_visible(timeout=TIMEOUT)
    paths = page.frame_locator(FRAME).locator(ZONES)
    expect(paths).to_have_count(n_zones, timeout=TIMEOUT)
    return frame_el, paths


def wait_until_still(locator, settle: int = 4, interval_ms: int = 250) -> None:
    """Wait until ``locator``'s box stops moving (``settle`` equal readings in a row).

    Reruns can shift the page (a notice appears, a widget grows) after the map is drawn; a click
    computed before such a shift lands on another zone.
    """
    deadline = time.monotonic() + TIMEOUT / 1000
    last, same = None, 0
    while time.monotonic() < deadline:
        box = locator.bounding_box()
        same = same + 1 if box == last and box is not None else 0
        if same >= settle:
            return
        last = box
        locator.page.wait_for_timeout(interval_ms)
    raise AssertionError(f"the map frame kept moving for {TIMEOUT / 1000:.0f} s")


def live_map_frame(page):
    """The (first) attached st_folium frame."""
    return next(f for f in page.frames if not f.is_detached() and "streamlit_folium" in f.url)


def click_a_zone(page, frame_el) -> str:
    """Click the zone nearest the map's centre (on its own polygon) and return its ``zone_id``.

    The id comes from the Leaflet feature behind the path, so the test checks the app's click → zone
    lookup against what the browser drew. The click goes to page coordinates computed after the frame is
    scrolled into view and still: an element click may scroll the frame's own document after the point
    is chosen and land on a neighbour.
    """
    frame_el.scroll_into_view_if_needed()
    wait_until_still(frame_el)
    candidates = live_map_frame(page).evaluate(_CLICKABLE)
    assert candidates, "no zone polygon is clickable at its centre"
    zone_id, x, y = candidates[0]
    box = frame_el.bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    return str(zone_id)


def wait_for_outline(page, n_zones: int) -> None:
    """Wait until a live map frame draws every zone with exactly one outlined (selected) zone.

    Polls the frames without strict locators: while a rerun swaps the map, two frames may coexist.
    """
    deadline = time.monotonic() + TIMEOUT / 1000
    while time.monotonic() < deadline:
        for frame in page.frames:
            if frame.is_detached() or "streamlit_folium" not in frame.url:
                continue
            try:
                outlined = frame.locator(OUTLINED)
                if frame.locator(ZONES).count() == n_zones and outlined.count() == 1:
                    assert outlined.get_attribute("stroke-width") == "3.5"
                    return
            except Exception:  # noqa: BLE001 - the frame went away mid-check; look again
                continue
        page.wait_for_timeout(200)
    raise AssertionError(f"no map frame with {n_zones} zones and one outlined zone within {TIMEOUT / 1000:.0f} s")
