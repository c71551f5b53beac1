"""Front-end assets of the map (Leaflet), installed from the npm registry, served by the app itself.

folium loads Leaflet from CDNs; with the network cut an ``st_folium`` map is then an empty frame. So:

- at INSTALL time (``scripts/install.sh`` runs ``python3 -m geo.mapping.assets install``) the pinned npm
  package is fetched with ``npm pack`` — the registry client checks the tarball's integrity, and we
  check it again against the hash pinned here — and the files the map needs are copied to
  ``static/vendor/<name>/`` (gitignored; nothing third-party is committed);
- at RUN time the Streamlit app serves ``static/`` at ``/app/static/`` (``enableStaticServing``), and
  :func:`geo.mapping.maps.build_map` points folium at :func:`asset_links` instead of the CDNs;
- a standalone HTML file (``python -m geo map``) gets the same files inlined (:func:`inline_head`), so it
  works offline when e-mailed.

Only Leaflet is needed: the map uses GeoJSON layers, tooltips and its own legend — no markers, no
Bootstrap, no jQuery (folium's other defaults).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from geo.config import PROJECT_DIR
from geo.errors import LevekarError

#: Where the installed assets live (served by Streamlit at :data:`STATIC_URL`).
VENDOR_DIR = PROJECT_DIR / "static" / "vendor"
#: URL of :data:`VENDOR_DIR` in the running app (Streamlit serves ``<app dir>/static`` at ``/app/static``).
STATIC_URL = "/app/static/vendor"


class AssetError(LevekarError):
    """The front-end assets could not be installed."""


@dataclass(frozen=True)
class NpmAsset:
    """One pinned npm package and the files of it the map needs.

    Parameters
    ----------
    name : str
        Registry key and folder name under :data:`VENDOR_DIR`.
    package, version : str
        npm package and exact version.
    integrity : str
        The registry's ``dist.integrity`` (``sha512-…``) of that version's tarball.
    js, css : tuple of str
        Paths inside the package (under ``package/``), in load order; copied flat into the folder.
    dirs : tuple of str
        Folders copied as they are (e.g. Leaflet's ``dist/images`` that its CSS refers to).
    notices : tuple of str
        Licence files copied along (the licence asks for its notice to travel with the code).
    cdn : str
        Base URL of the same files on a CDN (used when the assets are not installed).
    """

    name: str
    package: str
    version: str
    integrity: str
    js: tuple[str, ...] = ()
    css: tuple[str, ...] = ()
    dirs: tuple[str, ...] = ()
    cdn: str = ""
    notices: tuple[str, ...] = ("LICENSE",)

    def files(self) -> list[str]:
        """Flat file names of the JS and CSS files, as installed."""
        return [Path(p).name for p in (*self.js, *self.css)]


#: The assets, in load order.
ASSETS: dict[str, NpmAsset] = {a.name: a for a in (
    NpmAsset("leaflet", "leaflet", "1.9.4",
             "sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA==",
             js=("dist/leaflet.js",), css=("dist/leaflet.css",), dirs=("dist/images",),
             cdn="https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist"),
)}
_VERSION_FILE = ".version"


def _stamp(asset: NpmAsset) -> str:
    return f"{asset.package}@{asset.version} {asset.integrity}"


def installed(vendor_dir: Path = VENDOR_DIR) -> bool:
    """True when every asset is installed in ``vendor_dir`` at its pinned version."""
    for asset in ASSETS.values():
        folder = vendor_dir / asset.name
        stamp = folder / _VERSION_FILE
        if not stamp.is_file() or stamp.read_text().strip() != _stamp(asset):
            return False
        if not all((folder / f).is_file() for f in asset.files()):
            return False
    return True


def asset_links(base_url: str | None = STATIC_URL) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """``(default_js, default_css)`` in folium's format: ``[(name, url), …]``.

    Parameters
    ----------
    base_url : str or None
        URL the vendor folder is served at (``"/app/static/vendor"`` in the app; prefix Streamlit's
        ``server.baseUrlPath`` if one is set). None: the pinned versions on the CDN (needs internet).
    """
    js, css = [], []
    for asset in ASSETS.values():
        base = f"{base_url.rstrip('/')}/{asset.name}" if base_url is not None else asset.cdn
        js += [(f"{asset.name}_{i}", f"{base}/{Path(p).name}") for i, p in enumerate(asset.js)]
        css += [(f"{asset.name}_css_{i}", f"{base}/{Path(p).name}") for i, p in enumerate(asset.css)]
    return js, css


def app_asset_base(vendor_dir: Path = VENDOR_DIR) -> str | None:
    """The ``asset_base`` for :func:`geo.mapping.maps.build_map` in the app: :data:`STATIC_URL` when the assets are
    installed, else None (the CDN — the map then needs internet, but does not break)."""
    return STATIC_URL if installed(vendor_dir) else None


_CSS_URL = re.compile(r"url\((['\"]?)(images/[^)'\"]+)\1\)")


def _data_uri(path: Path) -> str:
    mime = {".png": "image/png", ".svg": "image/svg+xml", ".gif": "image/gif"}.get(path.suffix, "application/octet-stream")
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode()}"


def _safe_in_tag(text: str, tag: str) -> str:
    """Keep a library's text from closing the ``<script>``/``<style>`` element it is inlined into."""
    return re.sub(rf"</({tag})", r"<\\/\1", text, flags=re.IGNORECASE)


def inline_head(vendor_dir: Path = VENDOR_DIR) -> str:
    """``<style>`` and ``<script>`` elements with the installed assets' content, images as data URIs.

    Raises
    ------
    AssetError
        When the assets are not installed (run ``scripts/install.sh``).
    """
    if not installed(vendor_dir):
        raise AssetError(f"the map's front-end assets are not installed in {vendor_dir}; "
                         "run scripts/install.sh (or python3 -m geo.mapping.assets install)")
    parts = []
    for asset in ASSETS.values():
        folder = vendor_dir / asset.name
        for p in asset.css:
            css = (folder / Path(p).name).read_text(encoding="utf-8")
            # Leaflet's CSS refers to images/…; inline the few small ones so the file stands alone.
            css = _CSS_URL.sub(lambda m, f=folder: f"url({_data_uri(f / m.group(2))})"
                               if (f / m.group(2)).is_file() else m.group(0), css)
            parts.append(f"<style>{_safe_in_tag(css, 'style')}</style>")
        for p in asset.js:
            js = (folder / Path(p).name).read_text(encoding="utf-8")
            parts.append(f"<script>{_safe_in_tag(js, 'script')}</script>")
    return "\n".join(parts)


def _verify(tarball: Path, integrity: str) -> None:
    algo, _, expected = integrity.partition("-")
    digest = base64.b64encode(hashlib.new(algo, tarball.read_bytes()).digest()).decode()
    if digest != expected:
        raise AssetError(f"{tarball.name}: integrity {algo}-{digest} does not match the pinned {integrity}; "
                         "refusing to install it (check the npm registry / proxy you use)")


def _npm_pack(asset: NpmAsset, workdir: Path) -> Path:
    npm = shutil.which("npm")
    if npm is None:
        raise AssetError("npm is not installed: install Node.js (with npm) and run scripts/install.sh again")
    spec = f"{asset.package}@{asset.version}"
    result = subprocess.run([npm, "pack", spec, "--pack-destination", str(workdir), "--silent"],
                            capture_output=True, text=True, timeout=300, check=False)
    if result.returncode != 0:
        raise AssetError(f"npm pack {spec} failed (exit {result.returncode}): {result.stderr.strip()[-500:]}")
    tarballs = list(workdir.glob("*.tgz"))
    if len(tarballs) != 1:
        raise AssetError(f"npm pack {spec}: expected one tarball in {workdir}, found {len(tarballs)}")
    return tarballs[0]


def _extract(asset: NpmAsset, tarball: Path, target: Path) -> None:
    wanted = {f"package/{p}": Path(p).name for p in (*asset.js, *asset.css, *asset.notices)}
    with tarfile.open(tarball, "r:gz") as tar:
        for member in tar.getmembers():
            if not member.isfile():
                continue
            if member.name in wanted:
                dest = target / wanted.pop(member.name)
            else:
                folder = next((d for d in asset.dirs if member.name.startswith(f"package/{d}/")), None)
                if folder is None:
                    continue
                dest = target / Path(folder).name / member.name[len(f"package/{folder}/"):]
            # Only plain files, written by name under target: no path from the archive is trusted.
            if not dest.resolve().is_relative_to(target.resolve()):
                raise AssetError(f"{tarball.name}: refusing to write outside {target}: {member.name}")
            dest.parent.mkdir(parents=True, exist_ok=True)
            with tar.extractfile(member) as src:  # type: ignore[union-attr]
                dest.write_bytes(src.read())
    if wanted:
        raise AssetError(f"{tarball.name}: files missing from the package: {', '.join(sorted(wanted))}")


def install(vendor_dir: Path = VENDOR_DIR, *, force: bool = False) -> list[str]:
    """Fetch the pinned packages with ``npm pack`` and install their files into ``vendor_dir``.

    Each asset folder is assembled in a temporary folder and moved into place in one rename, so an
    interrupted install never leaves half a Leaflet behind.

    Parameters
    ----------
    vendor_dir : Path
        Target folder (default :data:`VENDOR_DIR`).
    force : bool
        Reinstall even when the pinned version is already there.

    Returns
    -------
    list of str
        ``package@version`` of what was installed (empty when everything was up to date).
    """
    done = []
    vendor_dir.mkdir(parents=True, exist_ok=True)
    for asset in ASSETS.values():
        folder = vendor_dir / asset.name
        stamp = folder / _VERSION_FILE
        if not force and stamp.is_file() and stamp.read_text().strip() == _stamp(asset):
            continue
        with tempfile.TemporaryDirectory(dir=vendor_dir, prefix=f".{asset.name}-") as tmp:
            tmp_path = Path(tmp)
            tarball = _npm_pack(asset, tmp_path)
            _verify(tarball, asset.integrity)
            staged = tmp_path / "staged"
            staged.mkdir()
            _extract(asset, tarball, staged)
            (staged / _VERSION_FILE).write_text(_stamp(asset) + "\n")
            old = tmp_path / "old"
            if folder.exists():
                os.replace(folder, old)
            os.replace(staged, folder)
        done.append(f"{asset.package}@{asset.version}")
    return done


def main(argv: list[str] | None = None) -> int:
    """``python3 -m geo.mapping.assets install [--force]`` / ``python3 -m geo.mapping.assets check``."""
    parser = argparse.ArgumentParser(prog="python3 -m geo.mapping.assets", description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("install", "check"))
    parser.add_argument("--force", action="store_true", help="reinstall even if up to date")
    args = parser.parse_args(argv)
    if args.action == "check":
        ok = installed()
        print(f"map assets {'installed' if ok else 'NOT installed'} in {VENDOR_DIR}")
        return 0 if ok else 1
    try:
        done = install(force=args.force)
    except (AssetError, OSError, subprocess.TimeoutExpired) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"map assets: installed {', '.join(done)}" if done else "map assets: up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
