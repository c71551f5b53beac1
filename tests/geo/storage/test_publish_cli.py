"""``python -m geo publish``: publish, list, roll back, create the reader — and clear errors, no tracebacks."""

from __future__ import annotations

import json
import re
import socket

import pytest
from sqlalchemy.engine import make_url

from geo.cli import main
from geo.config import DEMO_DATASET
from geo.data.dataset import load, save
from geo.storage import open_backend
from geo.storage.postgis import publish
from tests.geo.storage.conftest import as_role


def _run(capsys, *argv):
    code = main(["publish", *map(str, argv)])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_publish_list_rollback(db_url, tiny_dataset, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    password = str(make_url(db_url).password)
    code, out, err = _run(capsys, "--dataset", DEMO_DATASET, "--database-url", db_url)
    assert code == 0, err
    assert "as version 1 of postgresql://" in out and "it is current now" in out and "[DEMO" in out
    assert password not in out
    path = save(tiny_dataset, tmp_path / "tiny.gpkg")
    monkeypatch.setenv("DATABASE_URL", db_url)  # the default when --database-url is not given
    code, out, _ = _run(capsys, "--dataset", path, "--json")
    assert code == 0 and json.loads(out)["version"] == 2 and json.loads(out)["current"]
    assert open_backend(db_url).load().equals(load(path))

    code, out, _ = _run(capsys, "--list")
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("versions in postgresql://") and password not in out
    assert lines[1].startswith("     1 ") and lines[2].startswith("*    2 ") and "Tiny test" in lines[2]
    code, out, _ = _run(capsys, "--rollback", "1")
    assert code == 0 and "version 1 (" in out and "is current again" in out
    assert open_backend(db_url).load().equals(load(DEMO_DATASET))
    code, out, _ = _run(capsys, "--list", "--json")
    assert [(v["version"], v["current"]) for v in json.loads(out)] == [(1, True), (2, False)]


def test_prune_deletes_old_versions_and_refuses_a_bad_count(db_url, tiny_dataset, capsys, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db_url)
    for _ in range(3):
        publish(tiny_dataset, db_url)
    code, out, _ = _run(capsys, "--prune", "1")
    assert code == 0 and out.startswith("deleted 2 version(s) from postgresql://") and "\n     1  " in out and "\n     2  " in out
    code, out, _ = _run(capsys, "--list", "--json")
    assert [(v["version"], v["current"]) for v in json.loads(out)] == [(3, True)]
    code, out, _ = _run(capsys, "--prune", "1", "--json")
    assert code == 0 and json.loads(out) == []
    for bad in ("0", "-2", "all"):
        with pytest.raises(SystemExit):
            _run(capsys, "--prune", bad)
        assert "give how many of the newest versions to keep, a whole number from 1" in capsys.readouterr().err


def test_create_reader_prints_a_generated_password_once(db_url, tiny_dataset, new_role, capsys, monkeypatch):
    monkeypatch.delenv("LEVEKAR_READER_PASSWORD", raising=False)
    name, _ = new_role(create=False)
    code, out, err = _run(capsys, "--database-url", db_url, "--create-reader", name)
    assert code == 0, err
    password = out.strip().rsplit(": ", 1)[1]
    assert f"read-only role {name} can log in" in out and len(password) >= 20
    publish(tiny_dataset, db_url)
    assert open_backend(as_role(db_url, name, password)).load().equals(tiny_dataset)
    monkeypatch.setenv("LEVEKAR_READER_PASSWORD", "from-the-environment")
    code, out, _ = _run(capsys, "--database-url", db_url, "--create-reader", name)
    assert code == 0 and "from-the-environment" not in out and "password" not in out
    open_backend(as_role(db_url, name, "from-the-environment")).current_version()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize(("argv", "message"), [
    (["--dataset", DEMO_DATASET, "--database-url", "nonsense"], "error: not a database URL"),
    (["--dataset", DEMO_DATASET], "error: give --database-url postgresql://"),
    (["--database-url", "postgresql://u@127.0.0.1/db"], "error: give --dataset PATH.gpkg to publish"),
    (["--list", "--database-url", "postgresql://u:pw@127.0.0.1:{port}/db"],
     "error: cannot reach the database postgresql://u:\\*\\*\\*@127.0.0.1:{port}/db"),
    (["--create-reader", "Bad Name", "--database-url", "postgresql://u@127.0.0.1/db"],
     "error: 'Bad Name' is not a usable role name"),
])
def test_errors_are_one_line_without_traceback(argv, message, capsys, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    port = _closed_port()
    code, out, err = _run(capsys, *[a.format(port=port) if isinstance(a, str) else a for a in argv])
    assert code == 1
    assert re.match(message.format(port=port), err), err
    assert "Traceback" not in err and out == ""


def test_missing_postgis_and_unknown_version_errors(new_database, new_role, db_url, capsys):
    owner, password = new_role()
    bare = as_role(new_database(postgis_extension=False, owner=owner), owner, password)
    code, _, err = _run(capsys, "--dataset", DEMO_DATASET, "--database-url", bare)
    assert code == 1 and "the PostGIS extension is missing" in err and "Traceback" not in err
    code, _, err = _run(capsys, "--rollback", "3", "--database-url", db_url)
    assert code == 1 and "no dataset has been published there yet" in err
    code, _, err = _run(capsys, "--dataset", "/nowhere/x.gpkg", "--database-url", db_url)
    assert code == 1 and "no such dataset file" in err
