"""The source manifest of a dataset: a table for "Om dataene" and downloads, and the licence notices.

Every built dataset carries ``meta["manifest"]``: one entry per raw input with ``name``, ``url``,
``query``, ``retrieved_at``, ``licence``, ``sha256`` and ``bytes``. The licences oblige us to credit the
publishers in a given form (NLOD's sentence, CC BY's name of the source, ODbL's "© OpenStreetMap
contributors" and share-alike); :func:`attribution` turns the licences present into those notices.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from geo.errors import DatasetError

FIELDS = ("name", "url", "query", "retrieved_at", "licence", "sha256", "bytes")

#: Licence keyword → required notice (bokmål, English). Matched case-insensitively in the licence text.
NOTICES: dict[str, tuple[str, str]] = {
    "nlod": ("Inneholder data under Norsk lisens for offentlige data (NLOD) tilgjengeliggjort av {who}.",
             "Contains data under the Norwegian licence for Open Government data (NLOD) distributed by {who}."),
    "cc by": ("Inneholder data fra {who} under CC BY 4.0.", "Contains data from {who} under CC BY 4.0."),
    "odbl": ("Kartdata © OpenStreetMap-bidragsytere, ODbL 1.0; avledede lag deles på samme vilkår.",
             "Map data © OpenStreetMap contributors, ODbL 1.0; derived layers are shared alike."),
}


def entries(meta: dict[str, Any]) -> list[dict[str, Any]]:
    """The manifest entries of a dataset's metadata (empty for datasets without one).

    Fetched datasets have :data:`FIELDS`; imported ones (``geo.data.io``) have ``file``, ``role``,
    ``format``, ``sha256``, ``bytes``, ``imported_at``. Both are accepted.

    Raises
    ------
    DatasetError
        When the manifest is not a list of objects.
    """
    manifest = meta.get("manifest") or []
    if not isinstance(manifest, list):
        raise DatasetError(f"dataset manifest must be a list of sources, got {type(manifest).__name__}")
    for i, e in enumerate(manifest):
        if not isinstance(e, dict):
            raise DatasetError(f"dataset manifest entry {i} is {type(e).__name__}, not an object; rebuild the "
                               "dataset with 'python -m geo fetch' or 'python -m geo import'")
    return manifest


def manifest_frame(meta: dict[str, Any]) -> pd.DataFrame:
    """The manifest as a table: :data:`FIELDS` first (query as compact JSON text), other keys after."""
    rows = entries(meta)
    extra = list(dict.fromkeys(k for e in rows for k in e if k not in FIELDS))
    frame = pd.DataFrame(rows, columns=list(FIELDS) + extra)
    frame["query"] = [("" if q is None or (isinstance(q, float) and q != q)
                       else json.dumps(q, ensure_ascii=False, separators=(",", ":"))) for q in frame["query"]]
    return frame


def _publisher(licence: str) -> str:
    """The publisher named in a licence text such as ``"NLOD 2.0 (Entur / AtB)"``."""
    if "(" in licence and licence.endswith(")"):
        return licence[licence.index("(") + 1:-1].split(",")[0].split(" via ")[0].strip()
    return licence


def attribution(meta: dict[str, Any], lang: str = "nb") -> list[str]:
    """The notices the dataset's licences require, one per licence family and publisher, sorted."""
    col = 0 if lang == "nb" else 1
    out: set[str] = set()
    for e in entries(meta):
        licence = str(e.get("licence") or "")
        matched = [texts[col].format(who=_publisher(licence)) for key, texts in NOTICES.items()
                   if key in licence.lower()]
        # Terms we have no standard sentence for are still credited by name.
        out.update(matched or ([f"{'Kilde' if col == 0 else 'Source'}: {licence}"] if licence else []))
    return sorted(out)
