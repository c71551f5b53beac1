"""The zone map component: mounted once, restyled in place (see ``ui/components/zonemap/zonemap.js``).

Why our own component rather than ``st_folium``: st_folium sends the whole map script (geometry
included, ~380 kB for 60 real zones) as a component argument on every rerun, and a changed script is a
new iframe — blank frame, lost zoom. Its ``feature_group_to_add`` keeps the iframe, but the base
script still travels on every rerun and the styled zones would have to be the re-sent feature group.
Here the geometry is a content-hashed static file the browser fetches once
(:func:`geo.mapping.mapdata.geometry_document`) and each rerun sends only :func:`geo.mapping.mapdata.view_update`
(bench/bench_map_browser.py measures both).
"""

from __future__ import annotations

import base64
from pathlib import Path

import streamlit as st
import streamlit.components.v1 as components

from geo.config import PROJECT_DIR
from geo.errors import LevekarError
from geo.files import prune_oldest, write_text_atomic
from geo.mapping import assets
from geo.mapping.mapdata import content_name, context_layers, geometry_document

_FRONTEND = Path(__file__).parent / "components" / "zonemap"
_component = components.declare_component("levekar_zonemap", path=str(_FRONTEND))

#: Where geometry documents are written (served by Streamlit at :data:`GEOMETRY_URL`).
GEOMETRY_DIR = PROJECT_DIR / "static" / "geo"
GEOMETRY_URL = "/app/static/geo"
#: Geometry documents kept in :data:`GEOMETRY_DIR`, newest first (the one just written is always kept; one
#: another process pruned while in use is written again by :func:`geometry_url` on its next run).
KEEP_GEOMETRY_FILES = 24
#: The transparent-pixel, no-network look of a missing basemap is explained in the map (texts below).
HEIGHT = 560


@st.cache_resource(show_spinner=False, max_entries=8)
def _geometry_document(version: str, _layer, _ds=None) -> tuple[str, str]:
    """File name and text of a dataset version's geometry document (built once per process)."""
    text = geometry_document(_layer, context_layers(_ds) if _ds is not None else None)
    return content_name(text), text


def geometry_url(version: str, layer, ds=None) -> str:
    """Write the geometry document of a dataset version unless it is there; return its URL.

    The file name is the hash of its content, so the browser may cache it for good and a new dataset
    version can never be served an old file. Every new dataset version (a publish, each upload) writes
    one more file, so only the :data:`KEEP_GEOMETRY_FILES` newest stay; the file is looked for on every
    run (one ``stat``) and written again if another process pruned it meanwhile — a page already open
    has its geometry loaded. Where the app's folder is read-only, the document travels as a ``data:``
    URL instead (in every update: slower, but the map still works).
    """
    name, text = _geometry_document(version, layer, ds)
    target = GEOMETRY_DIR / name
    try:
        if not target.is_file():
            GEOMETRY_DIR.mkdir(parents=True, exist_ok=True)
            write_text_atomic(target, text, overwrite=True)
            prune_oldest(GEOMETRY_DIR, "zones-*.json", KEEP_GEOMETRY_FILES, protect=target)
    except (OSError, LevekarError):
        return "data:application/json;base64," + base64.b64encode(text.encode("utf-8")).decode("ascii")
    return f"{GEOMETRY_URL}/{name}"


def leaflet_assets() -> dict[str, list[str]]:
    """Leaflet's JS and CSS URLs: the app's own copy when installed (offline), else the CDN."""
    js, css = assets.asset_links(assets.app_asset_base())
    return {"js": [u for _, u in js], "css": [u for _, u in css]}


def zone_map(spec: dict, *, key: str, on_change=None) -> dict | None:
    """Mount (first run) or update (later runs) the map; returns the last click ``{"zone", "n"}`` or None.

    Parameters
    ----------
    spec : dict
        Everything the frontend needs (see :func:`ui.mapview.map_spec`); JSON-serialisable.
    key : str
        Stable widget key: the same key keeps the same iframe (and the user's pan and zoom).
    on_change : callable, optional
        Called (without arguments) before the next script run when the user clicked a zone: one run per
        click. v1 components pass no ``args`` to it; bind them with :func:`functools.partial`.
    """
    return _component(spec=spec, key=key, default=None, on_change=on_change)
