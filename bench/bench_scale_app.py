"""Benchmark: the map page on a 2 000-zone dataset, server side (AppTest), as a user meets it.

Run: ``python3 bench/bench_scale_app.py`` (about a minute). A synthetic coverage of 2 000 zones
(300 vertices each) with two indicators over ten years is written to a temporary GeoPackage and opened
with ``LEVEKAR_DATASET``; the page is run in Streamlit's AppTest and timed for the first run (load,
checks, display geometry), a warm rerun, six zone selections and three indicator changes.

The browser side (colours, clicks) is measured by ``bench/bench_map_browser.py``. Before the map
component (issue 10) a zone selection re-sent and re-parsed the whole map: ~11 s per selection here.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo.data.dataset import save  # noqa: E402
from geo.data.synthetic import synthetic_coverage, synthetic_dataset  # noqa: E402


def _timed_run(at) -> float:
    start = time.perf_counter()
    at.run()
    if at.exception:
        raise SystemExit(f"the page failed: {at.exception}")
    return time.perf_counter() - start


def main() -> None:
    from streamlit.testing.v1 import AppTest

    indicators = ("child_low_income", "unemployment")
    zones = synthetic_coverage(2000, 300, seed=3)
    ds = synthetic_dataset(zones, indicators, years=tuple(range(2015, 2025)), seed=3)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.gpkg"
        save(ds, path)
        os.environ["LEVEKAR_DATASET"] = str(path)
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        first = _timed_run(at)
        warm = _timed_run(at)
        selections = []
        for zone_id in ds.zones["zone_id"][:6]:
            at.session_state["zone"] = zone_id
            selections.append(_timed_run(at))
        changes = []
        for ind in (indicators[1], indicators[0], indicators[1]):
            at.selectbox(key="v_ind").set_value(ind)
            changes.append(_timed_run(at))
    print(f"map page, 2 000 zones: first run {first:.1f} s; warm rerun {warm:.2f} s; "
          f"zone selection median {statistics.median(selections):.2f} s (max {max(selections):.2f}); "
          f"indicator change median {statistics.median(changes):.2f} s (max {max(changes):.2f})")


if __name__ == "__main__":
    main()
