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

    Raises
    ------
    DatasetError
        When the manifest is not a list of objects with the expected fields.
    """
    manifest = meta.get("manifest") or []
    if not isinstance(manifest, list):
        raise DatasetError(f"dataset manifest must be a list of sources, got {type(manifest).__name__}")
    for i, e in enumerate(manifest):
        missing = [f for f in FIELDS if not isinstance(e, dict) or f not in e]
        if missing:
            raise DatasetError(f"dataset manifest entry {i} lacks {', '.join(missing)}; rebuild the dataset with "
                               "'python -m geo fetch'")
    return manifest


def manifest_frame(meta: dict[str, Any]) -> pd.DataFrame:
    """The manifest as a table (query as compact JSON text), in the order the sources were used."""
    rows = [{**e, "query": "" if e["query"] is None else json.dumps(e["query"], ensure_ascii=False,
                                                                      separators=(",", ":"))}
            for e in entries(meta)]
    return pd.DataFrame(rows, columns=list(FIELDS))


def _publisher(licence: str) -> str:
    """The publisher named in a licence text such as ``"NLOD 2.0 (Statistisk sentralbyrå)"``."""
    if "(" in licence and licence.endswith(")"):
        return licence[licence.index("(") + 1:-1].split(",")[0].split(" via ")[0].strip()
    return licence


def attribution(meta: dict[str, Any], lang: str = "nb") -> list[str]:
    """The notices the dataset's licences require, one per licence family and publisher, sorted."""
    col = 0 if lang == "nb" else 1
    out: set[str] = set()
    for e in entries(meta):
        licence = str(e["licence"])
        matched = [texts[col].format(who=_publisher(licence)) for key, texts in NOTICES.items()
                   if key in licence.lower()]
        # Terms we have no standard sentence for are still credited by name.
        out.update(matched or ([f"{'Kilde' if col == 0 else 'Source'}: {licence}"] if licence else []))
    return sorted(out)
