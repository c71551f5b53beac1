"""Benchmark: publishing to PostGIS and reading back, against the GeoPackage and against plain INSERTs.

Run: ``python3 bench/bench_postgis.py`` (a few minutes). Uses ``$DATABASE_URL`` when set (a role that
may create databases: a scratch database is made and dropped), else starts a throwaway cluster as the
tests do. For the demo dataset and a synthetic 2 000-zone one (240 000 values) it times:

1. *Publish*: :func:`geo.storage.postgis.publish` (``COPY`` in one transaction) against writing the same
   rows with pandas/GeoPandas ``to_sql``/``to_postgis`` (multi-row ``INSERT`` s — the usual first attempt;
   demo only, it takes minutes on the large one).
2. *Cold read*: a new connection and the whole current version (:meth:`PostGISBackend.load`), against
   :func:`geo.data.dataset.load` of the GeoPackage (both from the OS page cache: the files and tables are warm).
3. *Warm pointer check*: :meth:`PostGISBackend.current_version` on a pooled connection — what every app
   rerun pays with ``DATABASE_URL`` set.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from geo.config import DEMO_DATASET  # noqa: E402
from geo.data.catalog import DEFAULT_CATALOG  # noqa: E402
from geo.data.dataset import Dataset, load, save  # noqa: E402
from geo.data.synthetic import synthetic_coverage, synthetic_dataset  # noqa: E402
from geo.storage.postgis import PostGISBackend, dispose_engines, publish  # noqa: E402


def timed(fn: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def publish_with_inserts(ds: Dataset, url: str) -> None:
    """The same rows through ``to_postgis``/``to_sql`` into scratch tables, one transaction."""
    engine = create_engine(make_url(url).set(drivername="postgresql+psycopg"))
    with engine.begin() as conn:
        ds.zones.to_postgis("naive_zones", conn, schema="public", if_exists="replace")
        ds.values.to_sql("naive_values", conn, schema="public", if_exists="replace", index=False, method="multi",
                         chunksize=1000)
    engine.dispose()


def cold_read(url: str) -> Dataset:
    dispose_engines()  # a new process's first read: connect, then read
    return PostGISBackend(url).load()


def run(name: str, ds: Dataset, admin_url: str) -> None:
    admin = create_engine(make_url(admin_url).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
    db = f"levekar_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{db}"'))
    url = make_url(admin_url).set(database=db).render_as_string(hide_password=False)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            path = save(ds, Path(tmp) / "d.gpkg")
            publish(ds, url)  # creates the extension, schema and tables: not part of a routine publish
            ours = timed(lambda: publish(ds, url))
            # INSERTs of 240 000 rows take minutes: the plain way is timed on the demo only.
            naive = timed(lambda: publish_with_inserts(ds, url), repeat=1) if len(ds.values) < 50_000 else None
            pg_read = timed(lambda: cold_read(url))
            gpkg_read = timed(lambda: load(path))
            backend = PostGISBackend(url)
            backend.current_version()
            pointer = timed(backend.current_version, repeat=50)
            assert cold_read(url).equals(load(path))
        print(f"{name}: {len(ds.zones)} zones, {len(ds.values)} values")
        print(f"  publish, COPY in one transaction (ours): {ours:6.2f} s")
        if naive is not None:
            print(f"  publish, to_sql/to_postgis INSERTs:      {naive:6.2f} s   ratio {naive / ours:4.1f}x")
        print(f"  cold read, PostGIS (connect + read):     {pg_read:6.2f} s")
        print(f"  cold read, GeoPackage (geo.data.dataset.load): {gpkg_read:5.2f} s   PostGIS/GeoPackage "
              f"{pg_read / gpkg_read:4.2f}x")
        print(f"  current_version() per rerun, pooled:     {pointer * 1000:6.2f} ms")
    finally:
        dispose_engines()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'))
        admin.dispose()


def main() -> None:
    url = os.environ.get("DATABASE_URL", "").strip()
    cluster = None
    if not url:
        from tests.geo.storage.conftest import Cluster

        cluster = Cluster()
        cluster.start()
        url = cluster.url
    try:
        run("demo", load(DEMO_DATASET), url)
        zones = synthetic_coverage(2000, 300, seed=1)
        big = synthetic_dataset(zones, indicators=tuple(list(DEFAULT_CATALOG)[:12]), years=tuple(range(2015, 2025)))
        run("synthetic", big, url)
    finally:
        if cluster:
            cluster.stop()


if __name__ == "__main__":
    main()
