from __future__ import annotations

import hashlib
import stat

import pytest

from geo.files import atomic_path, sha256_file, write_bytes_atomic, write_text_atomic


def test_write_replaces_and_leaves_no_temp(tmp_path):
    p = tmp_path / "a.txt"
    write_text_atomic(p, "eins")
    write_text_atomic(p, "zwei")
    assert p.read_text() == "zwei"
    assert [x.name for x in tmp_path.iterdir()] == ["a.txt"]
    assert p.stat().st_mode & stat.S_IRUSR


def test_failure_keeps_the_old_file(tmp_path):
    p = write_bytes_atomic(tmp_path / "a.bin", b"old")
    with pytest.raises(RuntimeError, match="boom"):
        with atomic_path(p) as tmp:
            tmp.write_bytes(b"half")
            raise RuntimeError("boom")
    assert p.read_bytes() == b"old"
    assert [x.name for x in tmp_path.iterdir()] == ["a.bin"]


def test_temp_path_does_not_exist_at_start(tmp_path):
    with atomic_path(tmp_path / "x.gpkg", suffix=".tmp.gpkg") as tmp:
        assert not tmp.exists() and tmp.parent == tmp_path and tmp.name.endswith(".tmp.gpkg")
        tmp.write_text("ok")
    assert (tmp_path / "x.gpkg").read_text() == "ok"


def test_sha256_file(tmp_path):
    p = write_bytes_atomic(tmp_path / "d", b"x" * 3_000_000)
    assert sha256_file(p) == hashlib.sha256(b"x" * 3_000_000).hexdigest()


def _files_aged(folder, names):
    """Files named ``names``, oldest first (modification times one minute apart)."""
    import os

    paths = []
    for age, name in enumerate(reversed(names)):
        path = folder / name
        path.write_text(name)
        os.utime(path, (1_700_000_000 - 60 * age, 1_700_000_000 - 60 * age))
        paths.append(path)
    return list(reversed(paths))


def test_prune_oldest_keeps_the_newest_matching_files_and_the_protected_one(tmp_path):
    from geo.files import prune_oldest

    old, mid, new, newest = _files_aged(tmp_path, ["zones-a.json", "zones-b.json", "zones-c.json", "zones-d.json"])
    other = tmp_path / "leaflet.js"
    other.write_text("not ours")
    removed = prune_oldest(tmp_path, "zones-*.json", 2, protect=old)
    assert removed == [mid]  # the oldest is protected, the two newest kept
    assert old.exists() and new.exists() and newest.exists() and other.exists()
    assert prune_oldest(tmp_path, "zones-*.json", 5) == []
    assert prune_oldest(tmp_path / "missing", "zones-*.json", 1) == []


def test_prune_oldest_refuses_a_negative_count(tmp_path):
    from geo.files import prune_oldest

    with pytest.raises(ValueError, match="keep must be 0 or more, not -1"):
        prune_oldest(tmp_path, "*", -1)
