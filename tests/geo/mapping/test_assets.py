"""Tests for geo.mapping.assets: install from a (fake) npm tarball, integrity, links and inlining — no network."""

from __future__ import annotations

import base64
import hashlib
import io
import tarfile
from pathlib import Path

import pytest

from geo.mapping import assets
from geo.mapping.assets import AssetError, NpmAsset


def _tarball(path: Path, files: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def _integrity(path: Path) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()


FILES = {
    "package/dist/lib.js": b"window.L = {ok: true}; // </script> inside a comment\n",
    "package/dist/lib.css": b".x { background: url(images/layers.png); }\n",
    "package/dist/images/layers.png": b"\x89PNG fake",
    "package/LICENSE": b"BSD\n",
    "package/README.md": b"not copied\n",
}


@pytest.fixture
def fake_asset(tmp_path, monkeypatch):
    """A registry holding one fake package whose tarball 'npm pack' hands over from disk."""
    source = _tarball(tmp_path / "src.tgz", FILES)
    asset = NpmAsset("lib", "lib", "1.0.0", _integrity(source), js=("dist/lib.js",), css=("dist/lib.css",),
                     dirs=("dist/images",), cdn="https://cdn.example/lib@1.0.0/dist")
    monkeypatch.setattr(assets, "ASSETS", {"lib": asset})
    calls = []

    def fake_pack(a, workdir):
        calls.append(a.name)
        target = workdir / "lib-1.0.0.tgz"
        target.write_bytes(source.read_bytes())
        return target

    monkeypatch.setattr(assets, "_npm_pack", fake_pack)
    return asset, calls


def test_install_copies_only_what_the_map_needs(tmp_path, fake_asset):
    vendor = tmp_path / "vendor"
    assert not assets.installed(vendor)
    assert assets.install(vendor) == ["lib@1.0.0"]
    folder = vendor / "lib"
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) == [
        ".version", "LICENSE", "images/layers.png", "lib.css", "lib.js"]
    assert assets.installed(vendor)


def test_install_is_idempotent_and_force_reinstalls(tmp_path, fake_asset):
    _, calls = fake_asset
    vendor = tmp_path / "vendor"
    assets.install(vendor)
    assert assets.install(vendor) == []
    assert assets.install(vendor, force=True) == ["lib@1.0.0"]
    assert calls == ["lib", "lib"]
    assert not [p for p in vendor.iterdir() if p.name.startswith(".")]  # no temp folders left behind


def test_install_refuses_a_tarball_with_the_wrong_hash(tmp_path, fake_asset, monkeypatch):
    asset, _ = fake_asset
    bad = NpmAsset(**{**asset.__dict__, "integrity": "sha512-" + base64.b64encode(b"x" * 64).decode()})
    monkeypatch.setattr(assets, "ASSETS", {"lib": bad})
    with pytest.raises(AssetError, match="does not match the pinned sha512-"):
        assets.install(tmp_path / "vendor")
    assert not (tmp_path / "vendor" / "lib").exists()


def test_install_reports_files_missing_from_the_package(tmp_path, fake_asset, monkeypatch):
    asset, _ = fake_asset
    wrong = NpmAsset(**{**asset.__dict__, "js": ("dist/other.js",)})
    monkeypatch.setattr(assets, "ASSETS", {"lib": wrong})
    with pytest.raises(AssetError, match="files missing from the package: package/dist/other.js"):
        assets.install(tmp_path / "vendor")


def test_install_without_npm_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setattr(assets.shutil, "which", lambda name: None)
    with pytest.raises(AssetError, match="npm is not installed: install Node.js"):
        assets._npm_pack(assets.ASSETS["leaflet"], tmp_path)


def test_links_point_to_the_app_or_the_cdn(fake_asset):
    js, css = assets.asset_links("/app/static/vendor/")
    assert js == [("lib_0", "/app/static/vendor/lib/lib.js")]
    assert css == [("lib_css_0", "/app/static/vendor/lib/lib.css")]
    js, _ = assets.asset_links(None)
    assert js == [("lib_0", "https://cdn.example/lib@1.0.0/dist/lib.js")]


def test_inline_head_embeds_files_safely(tmp_path, fake_asset):
    vendor = tmp_path / "vendor"
    assets.install(vendor)
    head = assets.inline_head(vendor)
    assert "window.L = {ok: true}" in head
    assert "<\\/script>" in head and head.count("</script>") == 1  # the library cannot close its own tag
    assert "url(data:image/png;base64," in head


def test_inline_head_without_install_says_what_to_do(tmp_path):
    with pytest.raises(AssetError, match="not installed in .*run scripts/install.sh"):
        assets.inline_head(tmp_path / "nothing")


def test_main_check_reports_missing(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(assets, "VENDOR_DIR", tmp_path)
    monkeypatch.setattr(assets, "installed", lambda vendor_dir=tmp_path: False)
    assert assets.main(["check"]) == 1
    assert "NOT installed" in capsys.readouterr().out


def test_main_install_failure_exits_1_with_message(monkeypatch, capsys):
    def boom(**kwargs):
        raise AssetError("npm pack leaflet@1.9.4 failed (exit 1): offline")

    monkeypatch.setattr(assets, "install", boom)
    assert assets.main(["install"]) == 1
    assert "error: npm pack leaflet@1.9.4 failed" in capsys.readouterr().err


def test_app_asset_base_falls_back_to_the_cdn(tmp_path, fake_asset):
    vendor = tmp_path / "vendor"
    assert assets.app_asset_base(vendor) is None
    assets.install(vendor)
    assert assets.app_asset_base(vendor) == assets.STATIC_URL
