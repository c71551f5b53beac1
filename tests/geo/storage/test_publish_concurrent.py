"""Publishing while visitors read: no read fails, and every read is one version, entirely."""

from __future__ import annotations

import threading
import time

from geo.config import DEMO_DATASET
from geo.data.dataset import Dataset, load
from geo.storage import open_backend
from geo.storage.postgis import publish, rollback

READERS = 4
PUBLISHES = 5


def marked(base: Dataset, marker: int) -> Dataset:
    """``base`` with ``marker`` written into every part a reader could get from another version."""
    values = base.values.copy()
    values["source"] = f"v{marker}"
    values["value"] = values["value"] + marker * 1000
    zones = base.zones.copy()
    zones["name"] = zones["name"] + f" v{marker}"
    return Dataset(zones=zones, values=values, catalog=base.catalog, meta={**base.meta, "marker": marker},
                   references=base.references)


def check_one_version(ds: Dataset, base: Dataset) -> int:
    """The marker of ``ds``, after checking every part carries the same one."""
    marker = ds.meta["marker"]
    assert set(ds.values["source"]) == {f"v{marker}"}
    assert ((ds.values["value"] - base.values["value"]).dropna().round(6) == marker * 1000).all()
    assert ds.zones["name"].str.endswith(f" v{marker}").all()
    assert len(ds.zones) == len(base.zones) and len(ds.values) == len(base.values)
    return marker


def test_publish_under_concurrent_reads_never_errors_or_mixes_versions(db_url):
    base = load(DEMO_DATASET)
    publish(marked(base, 1), db_url)
    backend = open_backend(db_url)
    stop = threading.Event()
    seen: list[tuple[str, int]] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def read_loop() -> None:
        while not stop.is_set():
            try:
                key = backend.current_version()
                by_key = backend.load(key)  # what the app does: ask the key, load that version
                current = backend.load()  # and the pointer read inside the snapshot
                markers = (check_one_version(by_key, base), check_one_version(current, base))
                assert by_key.version() == key.split("-", 1)[1]  # the key's content hash is what was read
                with lock:
                    seen.extend([(key, markers[0]), ("current", markers[1])])
            except BaseException as exc:  # noqa: BLE001 — every failure is the test's business
                with lock:
                    errors.append(exc)

    def wait_until_seen(marker: int) -> None:
        """Block until a reader has read ``marker``: each publish then overlaps reads of the one before."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not errors:
            with lock:
                if any(m == marker for _, m in seen):
                    return
            time.sleep(0.02)

    threads = [threading.Thread(target=read_loop, daemon=True) for _ in range(READERS)]
    for t in threads:
        t.start()
    try:
        wait_until_seen(1)
        for marker in range(2, 2 + PUBLISHES):
            publish(marked(base, marker), db_url)
            wait_until_seen(marker)
        rollback(db_url, "2")
        time.sleep(0.3)
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=60)
    assert not errors, errors[:3]
    keyed = {(key, marker) for key, marker in seen if key != "current"}
    assert len({key for key, _ in keyed}) == len(keyed)  # one key, one marker
    assert {marker for _, marker in seen} == set(range(1, 2 + PUBLISHES))  # every version was read
    assert backend.load().meta["marker"] == 2
