"""Failing writes in import, merge, map and access: exit 1, a message naming path and cause, nothing lost.

Failures are simulated where they happen (an ``OSError`` with the real errno from the writer or from
creating the temporary file), plus the real ones a root test can cause: a parent that is a file, a
path under ``/proc``, a missing folder.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from geo.cli import main
from geo.config import PROJECT_DIR
from geo.data.dataset import save
from geo.errors import OutputError, OutputExistsError
from geo.files import TMP_MARK, atomic_path, sweep_temporaries, write_text_atomic
from tests.geo.gtfs_factory import WEEKDAYS_MARCH, make_feed, trips_every
from tests.geo.import_files import write_csv, write_geojson

H = 3600


@pytest.fixture
def setup(tmp_path, tiny_dataset):
    """Inputs for the four writing commands and a command line for each, with ``{out}`` to fill in."""
    dataset = save(tiny_dataset, tmp_path / "base.gpkg")
    zones = write_geojson(tmp_path / "soner.geojson")
    table = write_csv(tmp_path / "verdier.csv")
    merge_table = tmp_path / "egne.csv"
    merge_table.write_text("zone_id;indicator;year;value\n0101;child_low_income;2021;9,0\n", encoding="utf-8")
    pop = tmp_path / "pop.csv"
    pop.write_text("x,y,population\n270250,7040500,100\n271500,7040500,50\n")
    trips, times = trips_every("B", "WD", ["S1", "S2"], 6 * H, 20 * H, 600, "b")
    feed = make_feed(tmp_path / "feed.zip", stops=[("S1", 270000, 7040500), ("S2", 268000, 7040500)],
                     routes=[("B", 3)], trips=trips, stop_times=times, calendar=[WEEKDAYS_MARCH])
    commands = {
        "import": (["import", "--zones", zones, "--indicators", table, "--out"], ".gpkg"),
        "merge": (["merge", "--dataset", dataset, "--indicators", merge_table, "--out"], ".gpkg"),
        "map": (["map", "--dataset", dataset, "--indicator", "child_low_income", "--cdn", "--out"], ".html"),
        "access": (["access", "transit", "--gtfs", feed, "--population", pop, "--zones", dataset, "--out"], ".csv"),
    }
    return {k: ([str(a) for a in argv], suffix) for k, (argv, suffix) in commands.items()}


def _run(capsys, argv):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


COMMANDS = ["import", "merge", "map", "access"]


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize(("command", "error"), [(c, errno.ENOSPC) for c in COMMANDS]
                         + [("import", errno.EROFS), ("map", errno.EACCES)])
def test_write_failure_names_path_and_cause_and_keeps_old_file(setup, tmp_path, capsys, monkeypatch, command, error):
    argv, suffix = setup[command]
    out = tmp_path / f"out{suffix}"
    out.write_bytes(b"the old file")
    before = _listing(tmp_path)
    real_replace = os.replace

    def failing_replace(src, dst, *a, **k):  # the last step of every atomic write
        if Path(dst) == out:
            raise OSError(error, os.strerror(error), str(src))
        return real_replace(src, dst, *a, **k)

    monkeypatch.setattr(os, "replace", failing_replace)
    code, _, err = _run(capsys, [*argv, str(out), "--force"])
    assert code == 1, err
    assert f"cannot write {out}: {os.strerror(error)}" in err and "internal error" not in err
    assert {errno.ENOSPC: "disk is full", errno.EROFS: "read-only", errno.EACCES: "no permission"}[error] in err
    assert out.read_bytes() == b"the old file"
    assert _listing(tmp_path) == before  # no half-written output, no temporary file


@pytest.mark.parametrize("command", ["import", "merge"])
def test_gdal_disk_full_while_writing_a_dataset(setup, tmp_path, capsys, monkeypatch, command):
    import pyogrio
    import pyogrio.errors

    argv, _ = setup[command]
    out = tmp_path / "new.gpkg"
    before = _listing(tmp_path)

    def full(*a, **k):
        raise pyogrio.errors.DataLayerError("sqlite3_step() failed: database or disk is full")

    monkeypatch.setattr(pyogrio, "write_dataframe", full)
    code, _, err = _run(capsys, [*argv, str(out)])
    assert code == 1
    assert f"cannot write {out}: sqlite3_step() failed: database or disk is full; the disk is full" in err
    assert _listing(tmp_path) == before


@pytest.mark.parametrize("command", COMMANDS)
def test_unwritable_places_exit_1_naming_the_path(setup, tmp_path, capsys, command):
    argv, suffix = setup[command]
    (tmp_path / "a_file").write_text("x")
    cases = {
        tmp_path / "a_file" / f"out{suffix}": "a_file is a file, not a folder",
        tmp_path / "missing" / f"out{suffix}": "does not exist; create it first",
        Path(f"/proc/levekar-out{suffix}"): "cannot write /proc/levekar-out",
    }
    for out, expected in cases.items():
        code, _, err = _run(capsys, [*argv, str(out)])
        assert code == 1, (out, err)
        assert expected in err and str(out.name) in err and "internal error" not in err, err
        assert not out.parent.exists() or not out.exists()


def test_no_permission_is_refused_before_the_work(tmp_path, monkeypatch):
    from geo.files import check_output

    monkeypatch.setattr(os, "access", lambda path, mode: False)  # the tests run as root, who may write anywhere
    with pytest.raises(OutputError, match=rf"cannot write {tmp_path}/x.gpkg: you have no permission to write in"):
        check_output(tmp_path / "x.gpkg")


# --- no clobbering, atomically ------------------------------------------------------------------------
def test_the_no_clobber_check_and_the_write_are_one_step(tmp_path):
    target = tmp_path / "d.csv"
    with pytest.raises(OutputExistsError, match="already exists \\(another run wrote it meanwhile\\)"):
        with atomic_path(target, overwrite=False) as first:
            first.write_text("first")
            # a second run starts after the first checked and finishes before it: it wins
            write_text_atomic(target, "second", overwrite=False)
    assert target.read_text() == "second"
    assert _listing(tmp_path) == ["d.csv"]


def test_two_imports_to_the_same_new_path_exactly_one_succeeds(tmp_path):
    zones = write_geojson(tmp_path / "soner.geojson")
    table = write_csv(tmp_path / "verdier.csv")
    out = tmp_path / "same.gpkg"
    cmd = [sys.executable, "-m", "geo", "import", "--zones", str(zones), "--indicators", str(table), "--out", str(out)]
    env = {**os.environ, "PYTHONPATH": str(PROJECT_DIR)}
    runs = [subprocess.Popen(cmd, cwd=PROJECT_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    results = [(p.wait(timeout=120), p.stderr.read()) for p in runs]
    codes = sorted(code for code, _ in results)
    assert codes == [0, 1], results
    loser = next(err for code, err in results if code == 1)
    assert f"{out} already exists" in loser and "internal error" not in loser
    assert _listing(tmp_path) == ["same.gpkg", "soner.geojson", "verdier.csv"]


# --- leftovers of a killed run ------------------------------------------------------------------------
def test_a_killed_runs_temporary_file_is_swept_by_the_next_write(tmp_path):
    target = tmp_path / "values.csv"
    script = textwrap.dedent(f"""
        import os, signal
        from geo.files import atomic_path
        with atomic_path({str(target)!r}, suffix=".tmp.csv") as tmp:
            tmp.write_text("half")
            os.kill(os.getpid(), signal.SIGKILL)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=PROJECT_DIR,
                            env={**os.environ, "PYTHONPATH": str(PROJECT_DIR)})
    assert proc.wait(timeout=60) == -signal.SIGKILL
    left = [p.name for p in tmp_path.iterdir()]
    assert len(left) == 1 and left[0].startswith(f".values.csv{TMP_MARK}{proc.pid}-")  # recognisable
    write_text_atomic(target, "whole")
    assert _listing(tmp_path) == ["values.csv"]


def test_a_running_writers_temporary_file_is_left_alone(tmp_path):
    target = tmp_path / "d.gpkg"
    mine = tmp_path / f".d.gpkg{TMP_MARK}{os.getpid()}-abc.tmp.gpkg"
    mine.write_text("in progress")
    other = tmp_path / ".d.gpkg.not-ours"
    other.write_text("x")
    assert sweep_temporaries(target) == []
    assert mine.exists() and other.exists()
    os.utime(mine, (0, 0))  # a day old: the pid was reused, the writer is long gone
    assert sweep_temporaries(target) == [mine]


def test_access_refuses_missing_folder_like_every_command(setup, tmp_path, capsys):
    argv, _ = setup["access"]
    code, _, err = _run(capsys, [*argv, str(tmp_path / "nowhere" / "x.csv")])
    assert code == 1 and "the folder" in err and "nowhere does not exist; create it first" in err
    assert not (tmp_path / "nowhere").exists()  # one rule: never created
