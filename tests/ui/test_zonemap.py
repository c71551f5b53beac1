"""Tests for ui.zonemap: the geometry file of the map component."""

from __future__ import annotations

import base64
import json

from geo.data.synthetic import synthetic_coverage
from geo.mapping.display import display_layer
from ui import zonemap


def test_geometry_is_written_once_under_its_content_hash(tmp_path, monkeypatch):
    layer = display_layer(synthetic_coverage(5, 40, seed=3))
    monkeypatch.setattr(zonemap, "GEOMETRY_DIR", tmp_path)
    url = zonemap.geometry_url("test-written-version", layer)
    name = url.rsplit("/", 1)[1]
    assert url.startswith(zonemap.GEOMETRY_URL + "/zones-") and (tmp_path / name).is_file()
    assert json.loads((tmp_path / name).read_text())["zones"]["ids"] == layer.zone_ids


def test_geometry_falls_back_to_a_data_url_when_the_folder_is_read_only(tmp_path, monkeypatch):
    layer = display_layer(synthetic_coverage(5, 40, seed=4))

    def refuse(*args, **kwargs):
        raise OSError("read-only file system")

    monkeypatch.setattr(zonemap, "GEOMETRY_DIR", tmp_path / "ro")
    monkeypatch.setattr(zonemap, "write_text_atomic", refuse)
    url = zonemap.geometry_url("test-read-only-version", layer)
    assert url.startswith("data:application/json;base64,")
    assert json.loads(base64.b64decode(url.split(",", 1)[1]))["zones"]["ids"] == layer.zone_ids
