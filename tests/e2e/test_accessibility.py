"""axe-core audit of every page, in both languages, at a desktop (1400 px) and a phone (390 px) width.

axe-core comes bundled in the ``axe-playwright-python`` package (requirements-dev.txt); nothing is
fetched. A serious or critical violation fails the test; every violation (moderate and minor too) is
written to ``test-output/axe-report.md`` and ``test-output/axe-report.json``, and each page is saved as
``test-output/axe-<page>-<lang>-<width>.png`` to look at.
"""

from __future__ import annotations

import json

import pytest

from geo.config import PROJECT_DIR
from geo.mapping import assets
from tests.e2e.conftest import OUTPUT_DIR, start_streamlit
from ui.navigation import PAGES as NAV_PAGES

#: url_path of every page of the navigation (ui.navigation.PAGES), so a new page is audited too
#: ("" = the default page, at the root URL).
PAGES = ["" if i == 0 else url for i, (_, _, url) in enumerate(NAV_PAGES)]
assert len(PAGES) >= 12, PAGES  # an empty list would silently audit nothing
WIDTHS = {"desktop": 1400, "phone": 390}
#: Tall enough that a screenshot shows the whole page (Streamlit scrolls its own box, not the document).
HEIGHT = 2400
FAILING = {"serious", "critical"}
TIMEOUT = 90_000
#: axe's tags for WCAG 2.0/2.1 A and AA plus its best practices.
RUN_OPTIONS = {"resultTypes": ["violations"],
               "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """One server for every page of this module (starting one costs ~10 s)."""
    if not assets.installed():
        pytest.fail("the map's offline assets are not installed: run scripts/install.sh")
    server = start_streamlit(PROJECT_DIR / "app.py", tmp_path_factory.mktemp("axe"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def results():
    """Every page's violations, gathered by the tests and written out once at the end."""
    found: list[dict] = []
    yield found
    OUTPUT_DIR.mkdir(exist_ok=True)
    (OUTPUT_DIR / "axe-report.json").write_text(json.dumps(found, indent=1, ensure_ascii=False), encoding="utf-8")
    lines = ["# axe-core audit", "", "| page | lang | width | impact | rule | nodes | help |", "|---|---|---|---|---|---|---|"]
    for r in sorted(found, key=lambda r: (r["impact"] not in FAILING, r["page"], r["lang"], r["width"])):
        lines.append(f"| {r['page'] or 'map'} | {r['lang']} | {r['width']} | {r['impact']} | {r['rule']} | "
                     f"{r['nodes']} | {r['help']} |")
    (OUTPUT_DIR / "axe-report.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


#: Resolves once the script has been idle (``stApp``'s ``data-test-script-state``) and the page unchanged
#: (elements, frames, no loading skeleton) for QUIET ms.
_QUIET_JS = """(quiet) => new Promise(resolve => {
    let last = '', since = Date.now();
    const tick = () => {
        const app = document.querySelector('[data-testid="stApp"]');
        const idle = !!app && app.getAttribute('data-test-script-state') === 'notRunning';
        const main = document.querySelector('[data-testid="stMain"]');
        const busy = !idle || !!document.querySelector('[data-testid="stSkeleton"], [data-stale="true"]');
        const sig = [busy, main ? main.querySelectorAll('[data-testid="stElementContainer"]').length : 0,
                     document.querySelectorAll('iframe').length].join('/');
        if (sig !== last) { last = sig; since = Date.now(); }
        if (!busy && Date.now() - since >= quiet) resolve(sig);
        else setTimeout(tick, 250);
    };
    tick();
})"""
QUIET = 1500


def _settle(page) -> None:
    """Wait until Streamlit has run the page and drawn it, then for the map's zones and the tables' canvases."""
    page.wait_for_function(_QUIET_JS, arg=QUIET, timeout=TIMEOUT, polling=1000)
    page.wait_for_function("""() => [...document.querySelectorAll('iframe')].every(
        f => f.getBoundingClientRect().height === 0 && !f.checkVisibility() || f.getBoundingClientRect().height > 100)""",
                           timeout=TIMEOUT)
    map_frame = 'iframe[src*="levekar_zonemap"]'  # every page's maps are the app's own component
    if page.locator(map_frame).count():
        page.frame_locator(map_frame).first.locator("path.leaflet-interactive").first.wait_for(timeout=TIMEOUT)
    # (a table inside a folded expander is never drawn: only visible ones count)
    page.wait_for_function("""() => [...document.querySelectorAll('[data-testid="stDataFrame"]')].every(
        d => !d.checkVisibility({visibilityProperty: true}) || d.closest('details:not([open])')
             || d.querySelector('canvas'))""", timeout=TIMEOUT)
    page.wait_for_timeout(500)


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_serious_accessibility_violation(app, page, screenshot, results, path, lang):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    serious = []
    for label, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": HEIGHT})
        page.goto(f"{app.url}/{path}?lang={lang}")
        _settle(page)
        # <html lang> follows the language (set by a script of the frame, so allow it a moment to run)
        page.wait_for_function(f"document.documentElement.lang === '{lang}'", timeout=15_000)
        screenshot(page, f"axe-{path or 'map'}-{lang}-{label}")
        # Nothing may need sideways scrolling (WCAG 1.4.10 reflow) at either width.
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"{path or 'map'} at {width} px scrolls sideways by {overflow} px"
        for v in axe.run(page, options=RUN_OPTIONS).response["violations"]:
            row = {"page": path, "lang": lang, "width": width, "impact": v["impact"], "rule": v["id"],
                   "nodes": len(v["nodes"]), "help": v["help"],
                   "targets": [", ".join(map(str, n["target"])) for n in v["nodes"][:5]],
                   "why": [(n.get("failureSummary") or "")[:300] for n in v["nodes"][:3]],
                   "html": [n.get("html", "")[:200] for n in v["nodes"][:3]]}
            results.append(row)
            if v["impact"] in FAILING:
                serious.append(row)
    assert not serious, json.dumps(serious, indent=1, ensure_ascii=False)
