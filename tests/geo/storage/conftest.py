"""A throwaway PostgreSQL + PostGIS cluster on loopback for the storage tests.

``$DATABASE_URL``, when a developer sets it, is used instead (its role needs CREATEDB and CREATEROLE:
every test gets a database of its own, dropped afterwards). Otherwise the session starts its own cluster
with Debian's binaries (``postgresql`` + ``postgresql-postgis``, which ``scripts/test.sh`` installs) in a
temporary folder on a free port; as root it runs them as the ``postgres`` user, since initdb refuses
root. If it cannot start, the tests FAIL with the server's log: a green run must mean PostGIS was tested.
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from geo.storage import postgis
from tests.conftest import DEVELOPER_DATABASE_URL

SUPERUSER = "levekar_admin"


def _pg_bin() -> Path:
    """The newest installed server's bin folder (Debian keeps them in /usr/lib/postgresql/N/bin)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parent.parent.name))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).resolve().parent
    pytest.fail("PostgreSQL's initdb was not found: install Debian's postgresql and postgresql-postgis "
                "(scripts/test.sh does), or set DATABASE_URL to a PostGIS database")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """A server started by the tests; ``url`` is its superuser's."""

    def __init__(self) -> None:
        self.bin = _pg_bin()
        self.dir = Path(tempfile.mkdtemp(prefix="levekar-pg-"))
        self.data, self.log = self.dir / "data", self.dir / "server.log"
        self.port, self.password = _free_port(), secrets.token_hex(12)
        self.run_as = "postgres" if os.geteuid() == 0 else None
        if self.run_as:
            user = pwd.getpwnam(self.run_as)
            os.chown(self.dir, user.pw_uid, user.pw_gid)
        self.url = f"postgresql://{SUPERUSER}:{self.password}@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        cmd = [str(self.bin / args[0]), *args[1:]]
        if self.run_as:
            cmd = ["runuser", "-u", self.run_as, "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=120)

    def start(self) -> None:
        pwfile = self.dir / "pw"
        pwfile.write_text(self.password)
        if self.run_as:
            shutil.chown(pwfile, self.run_as)
        steps = [
            ("initdb", "-D", str(self.data), "-U", SUPERUSER, f"--pwfile={pwfile}", "--auth-local=trust",
             "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"),
            ("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "-o",
             f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.dir} -c fsync=off -c full_page_writes=off "
             "-c synchronous_commit=off", "start"),
        ]
        for step in steps:
            done = self._run(*step)
            if done.returncode:
                log = self.log.read_text() if self.log.exists() else ""
                pytest.fail(f"could not start the test PostgreSQL ({step[0]} exited {done.returncode}):\n"
                            f"{done.stdout}\n{done.stderr}\n{log}")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_admin_url() -> Iterator[str]:
    """A superuser (or CREATEDB + CREATEROLE) URL of a server that has PostGIS installed."""
    if DEVELOPER_DATABASE_URL:
        yield DEVELOPER_DATABASE_URL
        return
    cluster = Cluster()
    cluster.start()
    try:
        yield cluster.url
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def pg_template(pg_admin_url: str) -> Iterator[str]:
    """A database with the PostGIS extension, copied for each test (creating the extension takes a second)."""
    name = f"levekar_tpl_{uuid.uuid4().hex[:8]}"
    admin = create_engine(make_url(pg_admin_url).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    tpl = create_engine(make_url(pg_admin_url).set(drivername="postgresql+psycopg", database=name))
    with tpl.begin() as conn:
        conn.execute(text("CREATE EXTENSION postgis"))
    tpl.dispose()
    yield name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _admin(pg_admin_url: str):
    return create_engine(make_url(pg_admin_url).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")


@pytest.fixture
def new_role(pg_admin_url: str):
    """Factory: ``new_role()`` → (name, password) of a fresh login role; ``new_role(create=False)`` only
    reserves a name (for code under test to create). Every one is dropped after the test's databases."""
    admin = _admin(pg_admin_url)
    made: list[str] = []

    def make(create: bool = True) -> tuple[str, str]:
        name, password = f"levekar_r_{uuid.uuid4().hex[:8]}", secrets.token_hex(10)
        if create:
            with admin.connect() as conn:
                conn.execute(text(f"CREATE ROLE \"{name}\" LOGIN PASSWORD '{password}'"))
        made.append(name)
        return name, password

    yield make
    postgis.dispose_engines()
    with admin.connect() as conn:
        for name in made:
            conn.execute(text(f'DROP ROLE IF EXISTS "{name}"'))
    admin.dispose()


@pytest.fixture
def new_database(pg_admin_url: str, pg_template: str, new_role):
    """Factory: ``new_database(postgis_extension=True, owner=None)`` → URL of a fresh database (dropped after
    the test, before the roles of :func:`new_role`, which may hold grants in it)."""
    admin = _admin(pg_admin_url)
    made: list[str] = []

    def make(postgis_extension: bool = True, owner: str | None = None) -> str:
        name = f"levekar_t_{uuid.uuid4().hex[:10]}"
        template = f'TEMPLATE "{pg_template}"' if postgis_extension else "TEMPLATE template0"
        owned = f' OWNER "{owner}"' if owner else ""
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}" {template}{owned}'))
        made.append(name)
        return make_url(pg_admin_url).set(database=name).render_as_string(hide_password=False)

    yield make
    postgis.dispose_engines()  # engines of dropped databases must not be reused (and hold connections)
    with admin.connect() as conn:
        for name in made:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def db_url(new_database) -> str:
    """A fresh database with PostGIS, as the superuser."""
    return new_database()


def as_role(url: str, role: str, password: str) -> str:
    """``url`` with another user and password."""
    return make_url(url).set(username=role, password=password).render_as_string(hide_password=False)
