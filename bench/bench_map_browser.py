"""Benchmark: the map page in real headless Chromium and its server CPU, against the naive page.

Run: ``python3 bench/bench_map_browser.py [--runs 5] [--skip-browser] [--skip-357]`` (a few minutes).

Datasets (the real zone file is not in the repository, so the 60 "real" zones are the synthetic stand-in
of bench/bench_map.py: 60 zones × ~1 650 vertices ≈ 99 000 vertices with shared, wiggled edges, built
by :func:`geo.data.synthetic.synthetic_coverage`; the 357 municipalities likewise, over mainland Norway's box):

- ``demo``: the embedded demo (60 schematic zones);
- ``real60``: 60 zones × ~1 650 vertices, 5 indicators × 2 years;
- ``kommuner357``: 357 zones × ~240 vertices, 5 indicators × 2 years (server CPU only by default).

Measured, each over ``--runs`` repetitions (median and max):

1. *Server CPU per indicator change* — AppTest on app.py, warm (the page ran once): process CPU seconds
   of ``selectbox(...).set_value(...).run()``; "first" = first visit of that indicator in the session
   (computes its facts), "revisit" = cached facts.
2. *Bytes per rerun sent to the map* — our view update (JSON) against st_folium's map script, which
   st_folium sends on every rerun (also with ``feature_group_to_add``: the base script still travels).
3. *Browser* (network cut, a fresh browser context per cold load, ours and naive loads alternating):
   cold load to polygons (navigation start → the first animation frame with every zone path in the map's
   frame, timed in the page itself) and to the controls (→ the indicator selectbox drawn; ours paints the
   map before its controls, ui.controls.controls_after_map), indicator change to new colours (option
   click → the zone fills changed in a live map frame), click to panel (click → the zone's heading in the side panel), and the bytes each
   received (WebSocket payloads, uncompressed, + HTTP bodies as transferred). The naive page
   (bench/naive_explore_page.py: ``explore()`` through st_folium) is measured in the same run. Our app
   starts as deployed (``python -m ui.serve``: libraries imported before the server is healthy), the naive
   page with a plain ``streamlit run``; that shows in the max (the first load after a start), not the median.

The machine is shared: the load average before and after is printed with the numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import geopandas as gpd
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_map import gaps_and_overlaps  # noqa: E402
from geo.benchmarks import zone_facts  # noqa: E402
from geo.config import PROJECT_DIR  # noqa: E402
from geo.data.dataset import load, save  # noqa: E402
from geo.data.synthetic import synthetic_coverage, synthetic_dataset, vertex_count  # noqa: E402
from geo.mapping.classify import classify  # noqa: E402
from geo.mapping.display import display_layer  # noqa: E402
from geo.mapping.mapdata import decode_geometry, geometry_document, view_update  # noqa: E402
from geo.mapping.maps import build_map  # noqa: E402

INDICATORS = ("child_low_income", "unemployment", "low_education", "social_assistance", "crowded_housing")
YEARS = (2021, 2022)
NORWAY_EXTENT = (-80_000.0, 6_450_000.0, 1_120_000.0, 7_950_000.0)
CHROMIUM = "/usr/bin/chromium"
LOCAL = ("127.0.0.1", "localhost")
TARGETS = {"cpu_real60": 0.15, "cpu_357": 0.30, "colours": 0.5, "cold": 2.0, "size_x": 15.0}


def med_max(values: list[float]) -> str:
    return f"{statistics.median(values):.3f} / {max(values):.3f}" if values else "–"


def make_datasets(tmp: Path, with_357: bool) -> dict[str, Path]:
    """The benchmark datasets as GeoPackages (the demo is the embedded file)."""
    out = {"demo": PROJECT_DIR / "data" / "trondheim_demo.gpkg"}
    specs = [("real60", 60, 1650, None, 42, 4)]
    if with_357:
        specs.append(("kommuner357", 357, 240, NORWAY_EXTENT, 7, 11))
    for name, n, verts, extent, seed, nd in specs:
        kw = {"extent": extent} if extent else {}
        zones = synthetic_coverage(n, verts, seed=seed, n_districts=nd, **kw)
        ds = synthetic_dataset(zones, INDICATORS, YEARS, seed=seed, name=f"Benchmark {name} (syntetisk)")
        out[name] = save(ds, tmp / f"{name}.gpkg")
    return out


# --- server side ---------------------------------------------------------------------------------
def server_cpu(path: Path, runs: int) -> dict:
    """CPU seconds per indicator change (AppTest, warm), first visit and revisit."""
    from streamlit.testing.v1 import AppTest

    os.environ["LEVEKAR_DATASET"] = str(path)
    ids = list(load(path).indicator_ids)
    cycle = [i for i in ids if i != ids[0]][:max(runs, 2)] + [ids[0]]
    at = AppTest.from_file(str(PROJECT_DIR / "app.py"), default_timeout=300).run()
    assert not at.exception, at.exception
    at.run()  # the rerun the map's first-paint report causes in a browser: now the page has its widgets
    first, again = [], []
    for bucket in (first, again):
        for ind in cycle:
            c0, w0 = time.process_time(), time.perf_counter()
            at.selectbox(key="v_ind").set_value(ind).run()
            bucket.append(time.process_time() - c0)
            assert not at.exception, at.exception
            del w0
    os.environ.pop("LEVEKAR_DATASET", None)
    return {"first": first, "revisit": again}


def rerun_bytes(path: Path) -> dict:
    """Bytes per rerun: our view update vs st_folium's map script; geometry once vs naive explore()."""
    ds = load(path)
    layer = display_layer(ds.zones)
    ind = ds.indicator(ds.indicator_ids[0])
    year = ds.years(ind.id)[-1]
    facts = zone_facts(ds, ind.id, year)
    classes = classify(facts, ind)
    ours = len(json.dumps(view_update(layer, facts, ind, classes, year=year), ensure_ascii=False).encode())
    folium_script = len(build_map(layer, facts, ind, classes, year=year).get_root().render().encode())
    gdf = ds.zones.merge(facts.drop(columns=["name", "district"]), on="zone_id")
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        naive = len(gdf.explore(column="value").get_root().render().encode())
    doc = geometry_document(layer)
    geometry = len(doc.encode())
    # what the browser decodes, back in metres: gaps and overlaps between neighbours
    decoded = gpd.GeoSeries([decode_geometry(g) for g in json.loads(doc)["zones"]["geoms"]], crs=4326).to_crs(25833)
    overlap, gap = gaps_and_overlaps(np.asarray(decoded.values))
    return {"overlap_m2": overlap, "gap_m2": gap, "zones": len(ds.zones), "vertices": vertex_count(ds.zones.geometry), "view_update": ours,
            "st_folium_script": folium_script, "geometry_once": geometry, "naive_explore": naive,
            "payload_x": naive / (geometry + ours)}


# --- browser side --------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(script: Path, dataset: Path, log: Path) -> tuple[subprocess.Popen, str]:
    """Start ``script`` on a free port; a script outside the project root runs from a folder that links
    the project's ``static/`` and ``.streamlit/`` (Streamlit serves ``<script dir>/static``)."""
    if script.parent != PROJECT_DIR:
        run_dir = Path(tempfile.mkdtemp(dir=log.parent, prefix="page-"))
        (run_dir / "static").symlink_to(PROJECT_DIR / "static", target_is_directory=True)
        (run_dir / ".streamlit").symlink_to(PROJECT_DIR / ".streamlit", target_is_directory=True)
        (run_dir / script.name).write_bytes(script.read_bytes())
        script = run_dir / script.name
    port = free_port()
    env = {**os.environ, "LEVEKAR_DATASET": str(dataset), "PYTHONPATH": str(PROJECT_DIR)}
    # our app starts as deployed (ui.serve: the libraries imported before the server is healthy); the naive
    # page is a plain ``streamlit run``
    launch = ["ui.serve"] if script == PROJECT_DIR / "app.py" else ["streamlit", "run"]
    cmd = [sys.executable, "-m", *launch, str(script), "--server.port", str(port), "--server.address",
           "127.0.0.1", "--server.headless", "true", "--server.enableStaticServing", "true",
           "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"]
    proc = subprocess.Popen(cmd, cwd=script.parent, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                return proc, url
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise RuntimeError(f"{script.name} did not start: {log.read_text()[-2000:]}")


class Bytes:
    """Bytes received by a page (CDP): WebSocket payloads + HTTP bodies as transferred."""

    def __init__(self, page) -> None:
        self.total = 0
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.on("Network.webSocketFrameReceived", lambda e: self._add(len(e["response"]["payloadData"])))
        cdp.on("Network.loadingFinished", lambda e: self._add(int(e.get("encodedDataLength", 0))))

    def _add(self, n: int) -> None:
        self.total += n

    def take(self) -> int:
        n, self.total = self.total, 0
        return n


_FILLS = "() => Array.from(document.querySelectorAll('path.leaflet-interactive')).map(p => p.getAttribute('fill'))"


def wait_fills(page, marker: str, n: int, differ_from: list | None = None, timeout: float = 120.0) -> list:
    """Poll the live frames whose URL contains ``marker`` until one draws ``n`` zone paths (with fills
    other than ``differ_from``); return the fills."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        for f in page.frames:
            if f.is_detached() or marker not in f.url:
                continue
            try:
                fills = f.evaluate(_FILLS)
            except Exception:  # noqa: BLE001 - the frame went away mid-check
                continue
            if len(fills) >= n and (differ_from is None or fills[:n] != differ_from[:n]):
                return fills
        page.wait_for_timeout(15)
    raise TimeoutError(f"no {marker} frame with {n} changed zone paths in {timeout:.0f} s")


def choose(page, option: str) -> None:
    page.get_by_test_id("stSelectbox").filter(has_text="Indikator").first.click()
    page.get_by_role("option", name=option, exact=True).click()


#: Recorded in the page itself from the first animation frame on (Playwright polling the measured page
#: every few ms would itself load the main thread the map shares): the time since navigation start when
#: a ``MARKER`` frame first holds ``N`` zone paths, and when the page first shows the indicator selectbox.
RECORD = """(() => { const tick = () => {
  if (window.__lkDrawn == null) {
    for (const f of document.querySelectorAll('iframe')) {
      if (!(f.src || '').includes(MARKER)) continue;
      try { if (f.contentDocument.querySelectorAll('path.leaflet-interactive').length >= N) window.__lkDrawn = performance.now(); }
      catch (e) {}
    }
  }
  if (window.__lkControls == null && document.querySelector('[data-testid=stSelectbox] input[aria-label="Indikator"],'
      + ' [data-testid=stSelectbox] [aria-label="Indikator"]')) window.__lkControls = performance.now();
  requestAnimationFrame(tick); }; requestAnimationFrame(tick); })()"""


def _context(browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1300})
    ctx.route("**/*", lambda r: r.continue_() if r.request.url.split("/")[2].split(":")[0] in LOCAL
              or r.request.url.startswith("data:") else r.abort())
    return ctx


def cold_load(browser, url: str, marker: str, n: int, res: dict):
    """One cold load (fresh context) into ``res``; returns the context, page and byte counter, still open."""
    ctx = _context(browser)
    ctx.add_init_script(RECORD.replace("MARKER", json.dumps(marker)).replace("N", str(n)))
    page = ctx.new_page()
    counter = Bytes(page)
    page.goto(url)
    page.wait_for_function("() => window.__lkDrawn != null", polling=100, timeout=120_000)
    res["cold"].append(page.evaluate("window.__lkDrawn") / 1000)
    # ours paints the map first, then its controls (ui.controls.controls_after_map); the naive page draws its
    # selectbox first
    page.wait_for_function("() => window.__lkControls != null", polling=100, timeout=120_000)
    res["controls"].append(page.evaluate("window.__lkControls") / 1000)
    page.wait_for_timeout(500)
    res["cold_bytes"].append(counter.take())
    return ctx, page, counter


def interactions(page, counter, marker: str, ds, runs: int, clicks: bool, res: dict) -> None:
    """Indicator changes and (ours) clicks on a loaded page, into ``res``."""
    def drawn(ind: str) -> int:
        # explore() leaves zones without a value out (no missing_kwds); our map draws every zone
        if clicks:
            return len(ds.zones)
        return int(zone_facts(ds, ind, ds.years(ind)[-1])["value"].notna().sum())

    fills = wait_fills(page, marker, drawn(ds.indicator_ids[0]))
    ids = list(ds.indicator_ids)
    for k in range(runs):
        target = ids[(k + 1) % len(ids)]
        page.wait_for_timeout(300)
        counter.take()
        choose(page, ds.indicator(target).label("nb"))
        t0 = time.perf_counter()
        fills = wait_fills(page, marker, drawn(target), differ_from=fills)
        res["change"].append(time.perf_counter() - t0)
        page.wait_for_timeout(700)
        res["change_bytes"].append(counter.take())
    if clicks:
        names = ds.zones.set_index("zone_id")["name"]
        done = set()
        for _ in range(runs):
            frame = next(f for f in page.frames if not f.is_detached() and marker in f.url)
            cands = frame.evaluate("""() => { const out = [];
                for (const l of Object.values(map._layers)) { if (!l._path || !l.zoneId) continue;
                  const b = l._path.getBoundingClientRect(), x = b.left + b.width / 2, y = b.top + b.height / 2;
                  if (document.elementFromPoint(x, y) === l._path) out.push([l.zoneId, x, y]); }
                return out; }""")
            zone_id, x, y = next(c for c in cands if c[0] not in done and names.get(c[0]) not in
                                 {names.get(d) for d in done})
            done.add(zone_id)
            box = page.locator(f'iframe[src*="{marker}"]').bounding_box()
            page.wait_for_timeout(300)
            counter.take()
            t0 = time.perf_counter()
            page.mouse.click(box["x"] + x, box["y"] + y)
            page.get_by_role("heading", name=names[zone_id], exact=True).wait_for(timeout=120_000)
            res["click"].append(time.perf_counter() - t0)
            page.wait_for_timeout(700)
            res["click_bytes"].append(counter.take())


def report(name: str, kind: str, r: dict) -> None:
    """One line of browser results."""
    kb = {k: statistics.median(v) / 1e3 if v else float("nan") for k, v in r.items() if k.endswith("bytes")}
    print(f"  {name:14s} {kind:5s} cold load {med_max(r['cold'])} ({kb['cold_bytes']:.0f} kB), controls "
          f"{med_max(r['controls'])}   "
          f"indicator → colours {med_max(r['change'])} ({kb['change_bytes']:.0f} kB)   "
          f"click → panel {med_max(r['click'])} ({kb['click_bytes']:.0f} kB)", flush=True)


def browser_bench(path: Path, runs: int, tmp: Path) -> dict:
    """Both pages on their own servers; cold loads alternate between them (the machine's speed drifts by tens
    of per cent within minutes, so alternating keeps the comparison fair), then each page's interactions."""
    from playwright.sync_api import sync_playwright

    ds = load(path)
    kinds = (("ours", PROJECT_DIR / "app.py", "levekar_zonemap", True),
             ("naive", PROJECT_DIR / "bench" / "naive_explore_page.py", "streamlit_folium", False))
    first_ind = ds.indicator_ids[0]
    n = {"ours": len(ds.zones),  # explore() leaves zones without a value out; our map draws every zone
         "naive": int(zone_facts(ds, first_ind, ds.years(first_ind)[-1])["value"].notna().sum())}
    out = {kind: {k: [] for k in ("cold", "cold_bytes", "controls", "change", "change_bytes", "click", "click_bytes")}
           for kind, *_ in kinds}
    servers = {}
    try:
        for kind, script, *_ in kinds:
            servers[kind] = start_server(script, path, tmp / f"{kind}-{path.stem}.log")
            urllib.request.urlopen(servers[kind][1], timeout=30).read()
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                         args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            for i in range(runs):
                for kind, _, marker, _clicks in (kinds if i % 2 == 0 else kinds[::-1]):
                    ctx, *_ = cold_load(browser, servers[kind][1], marker, n[kind], out[kind])
                    ctx.close()
            for kind, _, marker, clicks in kinds:
                ctx, page, counter = cold_load(browser, servers[kind][1], marker, n[kind],
                                               {k: [] for k in out[kind]})  # not counted: the interactions' page
                interactions(page, counter, marker, ds, runs, clicks, out[kind])
                ctx.close()
                report(path.stem, kind, out[kind])
            browser.close()
    finally:
        for proc, _ in servers.values():
            proc.terminate()
            proc.wait(timeout=20)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="repetitions per measure (≥ 5 for the report)")
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--skip-357", action="store_true", help="leave out the 357-zone dataset")
    parser.add_argument("--browser-datasets", default="demo,real60", help="comma-separated: demo,real60,kommuner357")
    args = parser.parse_args(argv)
    load_before = os.getloadavg()
    ok = True
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        paths = make_datasets(tmp, not args.skip_357)
        print(f"machine: {os.cpu_count()} CPUs, load average before {load_before[0]:.1f} / {load_before[1]:.1f} "
              f"(1 / 5 min), shared with other jobs\n")
        print("Bytes per rerun to the map (server side) and the geometry, vs naive explore():")
        for name, path in paths.items():
            b = rerun_bytes(path)
            print(f"  {name:12s} {b['zones']:4d} zones {b['vertices']:7,d} vertices: view update {b['view_update']/1e3:6.1f} kB"
                  f" per rerun vs st_folium script {b['st_folium_script']/1e3:7.1f} kB per rerun; geometry once "
                  f"{b['geometry_once']/1e3:6.1f} kB; naive explore() {b['naive_explore']/1e6:5.2f} MB → map payload "
                  f"{b['payload_x']:.1f}× smaller; decoded: overlaps {b['overlap_m2']:.3f} m², gaps {b['gap_m2']:.3f} m²")
            ok &= max(b["overlap_m2"], b["gap_m2"]) <= 1.0
            if name == "real60":
                ok &= b["payload_x"] >= TARGETS["size_x"]
        print("\nServer CPU per indicator change (AppTest, warm; s, median / max):")
        for name, path in paths.items():
            cpu = server_cpu(path, args.runs)
            target = {"real60": TARGETS["cpu_real60"], "kommuner357": TARGETS["cpu_357"]}.get(name)
            print(f"  {name:12s} first visit {med_max(cpu['first'])}   revisit {med_max(cpu['revisit'])}"
                  + (f"   (target ≤ {target} s median)" if target else ""))
            if target:
                ok &= statistics.median(cpu["first"]) <= target
        if not args.skip_browser:
            print("\nBrowser, headless Chromium, network cut (s, median / max; kB median):")
            for name in args.browser_datasets.split(","):
                res = browser_bench(paths[name], args.runs, tmp)
                ours = res["ours"]
                if name == "demo":
                    ok &= statistics.median(ours["cold"]) <= TARGETS["cold"]
                if name == "real60":
                    ok &= statistics.median(ours["change"]) <= TARGETS["colours"]
    load_after = os.getloadavg()
    print(f"\nload average after {load_after[0]:.1f} / {load_after[1]:.1f} (1 / 5 min)")
    print(f"targets (colours ≤ {TARGETS['colours']} s, CPU ≤ {TARGETS['cpu_real60']} / {TARGETS['cpu_357']} s, "
          f"cold ≤ {TARGETS['cold']} s, payload ≥ {TARGETS['size_x']:.0f}×): {'met' if ok else 'NOT all met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
