"""SSB's population on a 250 m grid (via Geonorge): downloaded and cached for the access computations."""

from __future__ import annotations

from geo.sources import geonorge
from geo.sources.http import HttpClient

GRID_UUID = "0c0ad0ce-55e8-4d73-9c12-0eb0e2454acb"
LICENCE = "CC BY 4.0 (Statistisk sentralbyrå, via Geonorge)"


def fetch_grid(http: HttpClient, *, area_code: str = "50", area_type: str = "fylke") -> geonorge.Download:
    """The grid files for one area (default: Trøndelag county) and the requests that produced them."""
    return geonorge.order(http, GRID_UUID, area_code=area_code, area_type=area_type,
                          name="SSB befolkning på rutenett 250 m")
