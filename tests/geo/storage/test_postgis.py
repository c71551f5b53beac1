"""The PostGIS backend against a real server: round trip, versions, rollback, errors, the read-only role."""

from __future__ import annotations

import shutil
import socket
import subprocess

import pandas as pd
import pytest
import sqlalchemy.exc
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from geo.config import DEMO_DATASET
from geo.data.dataset import Dataset, load, save
from geo.errors import DatabaseError
from geo.storage import open_backend
from geo.storage.postgis import (
    READER_SQL,
    VERSION_TABLES,
    PostGISBackend,
    create_reader,
    list_versions,
    prune,
    publish,
    rollback,
)
from tests.geo.storage.conftest import as_role


@pytest.fixture(scope="module")
def demo():
    return load(DEMO_DATASET)


def test_round_trip_gpkg_postgis_dataset_equals_the_original(db_url, demo):
    info = publish(demo, db_url, note="trondheim_demo.gpkg")
    backend = open_backend(db_url)
    assert isinstance(backend, PostGISBackend)
    assert backend.current_version() == info.key
    back = backend.load()
    assert back.equals(demo)
    assert back.version() == demo.version()
    assert list(back.zones["zone_id"]) == list(demo.zones["zone_id"])  # zone order kept
    assert list(back.meta) == list(demo.meta)


def _odd(tiny_dataset):
    """``tiny_dataset`` with what breaks naive loaders: tabs, newlines, backslashes, quotes, a missing
    district, an indicator the catalogue lacks, NaN cells, references and nested metadata."""
    ds = tiny_dataset
    zones = ds.zones.copy()
    zones.loc[0, "name"] = 'Tab\there, "quoted"\nnew line \\N back\\slash'
    zones.loc[2, "district"] = None
    values = ds.values.copy()
    extra = values.iloc[:2].copy()
    extra["indicator"] = "not_in_catalogue"
    extra["ci_low"] = [1.5, float("nan")]
    values = pd.concat([values, extra], ignore_index=True)
    refs = pd.DataFrame([{"geography": "Trondheim", "level": "city", "indicator": "child_low_income",
                          "year": 2022, "value": 9.87654321, "unit": "%", "source": "SSB", "note": "æøå"}])
    meta = {**ds.meta, "manifest": [{"file": "a.csv", "rows": 3}], "ratio": 0.1 + 0.2, "none": None}
    return Dataset(zones=zones, values=values, catalog=ds.catalog, meta=meta, references=refs)


def test_round_trip_odd_text_and_placeholders_as_the_geopackage_does(db_url, tiny_dataset, tmp_path):
    via_file = load(save(_odd(tiny_dataset), tmp_path / "odd.gpkg"))
    publish(via_file, db_url)
    back = open_backend(db_url).load()
    assert back.equals(via_file)
    assert back.zones.loc[0, "name"] == 'Tab\there, "quoted"\nnew line \\N back\\slash'
    assert pd.isna(back.zones.loc[2, "district"])
    assert back.indicator("not_in_catalogue") == via_file.indicator("not_in_catalogue")


def test_versions_rollback_and_loading_a_given_version(db_url, tiny_dataset):
    first = publish(tiny_dataset, db_url, note="first.gpkg")
    changed = tiny_dataset.values.copy()
    changed["value"] = changed["value"] * 2
    second_ds = Dataset(zones=tiny_dataset.zones, values=changed, catalog=tiny_dataset.catalog,
                        meta={**tiny_dataset.meta, "name": "Second"})
    second = publish(second_ds, db_url)
    backend = open_backend(db_url)
    infos = list_versions(db_url)
    assert [i.key for i in infos] == [first.key, second.key] == [i.key for i in backend.versions()]
    assert [i.current for i in infos] == [False, True]
    assert [i.name for i in infos] == ["Tiny test", "Second"]
    assert infos[0].content == tiny_dataset.version() and infos[0].zones == 3 and infos[0].values == 6
    assert backend.load().equals(second_ds)
    assert backend.load(first.key).equals(tiny_dataset)  # a given version, whatever is current
    assert backend.load("1").equals(tiny_dataset)

    back = rollback(db_url, "1")
    assert back.current and back.key == first.key
    assert backend.current_version() == first.key
    assert backend.load().equals(tiny_dataset)
    assert [i.current for i in list_versions(db_url)] == [True, False]
    rollback(db_url, second.key)
    assert backend.current_version() == second.key


def _named(ds, name: str, factor: float) -> Dataset:
    values = ds.values.copy()
    values["value"] = values["value"] * factor
    return Dataset(zones=ds.zones, values=values, catalog=ds.catalog, meta={**ds.meta, "name": name})


def test_prune_keeps_the_newest_and_the_current_version_and_deletes_every_row_of_the_others(db_url, tiny_dataset):
    with pytest.raises(DatabaseError, match="no dataset has been published there yet"):
        prune(db_url, 2)
    keys = [publish(_named(tiny_dataset, f"V{n}", n), db_url).key for n in range(1, 6)]
    rollback(db_url, "2")  # visitors see version 2: it stays whatever its age
    gone = prune(db_url, 2)
    assert [i.key for i in gone] == [keys[0], keys[2]]
    assert [(i.key, i.current) for i in list_versions(db_url)] == [(keys[1], True), (keys[3], False), (keys[4], False)]
    backend = open_backend(db_url)
    assert backend.load().equals(_named(tiny_dataset, "V2", 2))
    assert backend.load(keys[4]).equals(_named(tiny_dataset, "V5", 5))
    with pytest.raises(DatabaseError, match="no version '1'"):
        backend.load("1")
    engine = create_engine(db_url)
    with engine.connect() as conn:  # no row of a deleted version is left behind in any table
        for table in VERSION_TABLES:
            left = conn.execute(table.select().where(table.c.version_id.in_([1, 3]))).fetchall()
            assert left == [], table.name
    engine.dispose()
    assert prune(db_url, 5) == []  # fewer versions than kept: nothing to delete
    with pytest.raises(ValueError, match="keep must be at least 1"):
        prune(db_url, 0)
    assert len(list_versions(db_url)) == 3


def test_rollback_to_an_unknown_version_lists_the_stored_ones(db_url, tiny_dataset):
    publish(tiny_dataset, db_url)
    with pytest.raises(DatabaseError, match=r"no version '9'; stored versions: 1 \(\d{4}-\d\d-\d\d .*Tiny test\)"):
        rollback(db_url, "9")
    with pytest.raises(DatabaseError, match="no version '1-000000000000'"):
        rollback(db_url, "1-000000000000")  # right number, wrong content: not that version
    with pytest.raises(DatabaseError, match="no version 'latest'"):
        open_backend(db_url).load("latest")


def test_reading_before_anything_is_published_says_how_to_publish(db_url):
    backend = open_backend(db_url)
    with pytest.raises(DatabaseError, match="no dataset has been published there yet; publish one with"):
        backend.current_version()
    with pytest.raises(DatabaseError, match="no dataset has been published there yet"):
        backend.load()
    with pytest.raises(DatabaseError, match="no dataset has been published there yet"):
        list_versions(db_url)


@pytest.mark.parametrize(("url", "message"), [
    ("not a url", "not a database URL .*expected postgresql://USER:PASSWORD@HOST:PORT/DATABASE"),
    ("postgresql://u@localhost:port/db", "not a database URL"),
    ("mysql://u:secret@localhost/db", r"mysql://u:\*\*\*@localhost/db: only PostgreSQL with PostGIS is supported"),
    ("postgresql+psycopg2://u@localhost/db", "only PostgreSQL with PostGIS is supported"),
    ("postgresql://u@localhost:5432", "names no database; add it after the host"),
])
def test_bad_urls_are_named_without_their_password(url, message, tiny_dataset):
    with pytest.raises(DatabaseError, match=message):
        publish(tiny_dataset, url)
    with pytest.raises(DatabaseError, match=message):
        PostGISBackend(url).current_version()


def test_an_unreachable_database_is_named_without_its_password(tiny_dataset):
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"postgresql://levekar:hunter2@127.0.0.1:{port}/levekar"
    with pytest.raises(DatabaseError, match=rf"cannot reach the database postgresql://levekar:\*\*\*@127.0.0.1:"
                                            rf"{port}/levekar \(.*\); check that PostgreSQL runs there") as err:
        publish(tiny_dataset, url)
    assert "hunter2" not in str(err.value)
    with pytest.raises(DatabaseError, match="cannot reach the database"):
        open_backend(url).load()


def test_a_wrong_password_is_reported_as_unreachable_with_the_cause(db_url, tiny_dataset):
    url = make_url(db_url).set(password="wrong").render_as_string(hide_password=False)
    with pytest.raises(DatabaseError, match="cannot reach the database .*password authentication failed"):
        list_versions(url)


def test_missing_postgis_extension_says_who_must_create_it(new_database, new_role, tiny_dataset):
    owner, password = new_role()
    url = as_role(new_database(postgis_extension=False, owner=owner), owner, password)
    with pytest.raises(DatabaseError, match=r"the PostGIS extension is missing and could not be created \(permission "
                                            r"denied.*\); install it on the server .*CREATE EXTENSION postgis; in "
                                            r"database levekar_t_"):
        publish(tiny_dataset, url)


def test_publish_creates_the_extension_when_the_role_may(new_database, tiny_dataset):
    url = new_database(postgis_extension=False)  # as the superuser
    publish(tiny_dataset, url)
    assert open_backend(url).load().equals(tiny_dataset)


def test_read_only_role_reads_and_cannot_write(db_url, new_role, tiny_dataset):
    publish(tiny_dataset, db_url)
    name, password = new_role(create=False)
    create_reader(db_url, name, password)
    reader_url = as_role(db_url, name, password)
    assert open_backend(reader_url).load().equals(tiny_dataset)
    assert [i.key for i in list_versions(reader_url)] == [i.key for i in list_versions(db_url)]

    with pytest.raises(DatabaseError, match="the database refused"):
        publish(tiny_dataset, reader_url)
    with pytest.raises(DatabaseError, match="the database refused"):
        rollback(reader_url, "1")
    raw = make_url(reader_url).set(drivername="postgresql+psycopg")
    engine = create_engine(raw)
    try:
        for statement in ("SET TRANSACTION READ WRITE; UPDATE levekar.zone_values SET value = 0",
                          "SET TRANSACTION READ WRITE; DELETE FROM levekar.current_version",
                          "SET TRANSACTION READ WRITE; CREATE TABLE levekar.mine (x int)"):
            with pytest.raises(sqlalchemy.exc.ProgrammingError, match="permission denied"), engine.begin() as conn:
                conn.exec_driver_sql(statement)
        with pytest.raises(sqlalchemy.exc.InternalError, match="read-only transaction"), engine.begin() as conn:
            conn.exec_driver_sql("UPDATE levekar.zone_values SET value = 0")  # read-only by default too
    finally:
        engine.dispose()
    # A later publish only adds rows to the same tables: the reader sees it without new grants.
    second = publish(tiny_dataset, db_url)
    assert open_backend(reader_url).current_version() == second.key


def test_create_reader_again_updates_the_password(db_url, new_role, tiny_dataset):
    publish(tiny_dataset, db_url)
    name, password = new_role(create=False)
    create_reader(db_url, name, password)
    create_reader(db_url, name, "new-" + password)
    open_backend(as_role(db_url, name, "new-" + password)).current_version()
    with pytest.raises(DatabaseError, match="password authentication failed"):
        list_versions(as_role(db_url, name, password))


@pytest.mark.parametrize("name", ["Reader", "bad-name", "x; DROP TABLE y", ""])
def test_create_reader_rejects_odd_role_names(db_url, name):
    with pytest.raises(DatabaseError, match="is not a usable role name; use lower-case letters, digits and _"):
        create_reader(db_url, name, "pw")


def test_the_reader_script_runs_with_psql_too(db_url, new_role, tiny_dataset):
    publish(tiny_dataset, db_url)
    name, password = new_role(create=False)
    psql = shutil.which("psql") or "/usr/lib/postgresql/15/bin/psql"
    url = make_url(db_url)
    done = subprocess.run([psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-v", f"reader={name}", "-v",
                           f"password={password}", "-v", f"dbname={url.database}", "-f", str(READER_SQL),
                           url.render_as_string(hide_password=False)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert open_backend(as_role(db_url, name, password)).load().equals(tiny_dataset)
