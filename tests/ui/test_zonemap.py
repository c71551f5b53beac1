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


def test_the_early_leaflet_fetch_and_the_preload_point_at_the_installed_copy():
    """index.html preloads and zonemap.js starts the app's own Leaflet before the render message names it:
    both relative paths must resolve to the URL ``leaflet_assets`` gives when Leaflet is installed."""
    import re
    from urllib.parse import urljoin

    from geo.mapping import assets

    folder = zonemap.PROJECT_DIR / "ui" / "components" / "zonemap"
    page = "http://host/component/ui.zonemap.levekar_zonemap/index.html"  # where Streamlit serves it
    (js,), _ = assets.asset_links(assets.STATIC_URL)
    wanted = urljoin(page, js[1])
    html = (folder / "index.html").read_text()
    preload = re.search(r'<link rel="preload" href="([^"]+)" as="script">', html)
    assert preload and urljoin(page, preload.group(1)) == wanted
    early = re.search(r'var OWN_LEAFLET = "([^"]+)";', (folder / "zonemap.js").read_text())
    assert early and urljoin(page, early.group(1) + ".js") == wanted


def test_a_new_geometry_file_prunes_the_oldest_and_a_pruned_one_in_use_comes_back(tmp_path, monkeypatch):
    import os

    monkeypatch.setattr(zonemap, "GEOMETRY_DIR", tmp_path)
    monkeypatch.setattr(zonemap, "KEEP_GEOMETRY_FILES", 2)
    old = [tmp_path / f"zones-old{i}.json" for i in range(3)]
    for i, path in enumerate(old):
        path.write_text("{}")
        os.utime(path, (1_700_000_000 + i, 1_700_000_000 + i))
    layer = display_layer(synthetic_coverage(4, 30, seed=11))
    in_use = zonemap.geometry_url("test-prune-a", layer)
    name = in_use.rsplit("/", 1)[1]
    assert sorted(p.name for p in tmp_path.glob("zones-*.json")) == sorted([name, old[2].name])
    # another replica's uploads pruned it: the next run of this one writes it again, same URL
    (tmp_path / name).unlink()
    assert zonemap.geometry_url("test-prune-a", layer) == in_use
    assert json.loads((tmp_path / name).read_text())["zones"]["ids"] == layer.zone_ids
