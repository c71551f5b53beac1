"""SSB's population on a 250 m grid (via Geonorge): downloaded and cached for the access computations."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geo.sources import geonorge
from geo.sources.http import HttpClient, SourceFormatError

GRID_UUID = "0c0ad0ce-55e8-4d73-9c12-0eb0e2454acb"
#: Names SSB has used for the residents count of a cell, preferred first.
COUNT_COLUMNS = ("pop_tot", "poptot", "popTot", "befolkning", "population")
LICENCE = "CC BY 4.0 (Statistisk sentralbyrå, via Geonorge)"


def fetch_grid(http: HttpClient, *, area_code: str = "50", area_type: str = "fylke") -> geonorge.Download:
    """The grid files for one area (default: Trøndelag county) and the requests that produced them."""
    return geonorge.order(http, GRID_UUID, area_code=area_code, area_type=area_type,
                          name="SSB befolkning på rutenett 250 m")


def population_cells(download: geonorge.Download) -> gpd.GeoDataFrame:
    """Grid cells (or points) with a float ``population`` column in EPSG:25833, from the downloaded zips.

    Raises
    ------
    SourceFormatError
        When a zip has no layer with a residents count, or counts are negative.
    """
    frames = []
    for f in download.files:
        g = geonorge.read_vector_zip(f.path, want_column=COUNT_COLUMNS, source=f.name, polygons=False)
        pop = pd.to_numeric(g[COUNT_COLUMNS[0]], errors="coerce")
        if (pop < 0).any():
            raise SourceFormatError(f"{f.name}: negative residents counts in the grid")
        frames.append(gpd.GeoDataFrame({"population": pop.fillna(0.0).astype("float64")}, geometry=g.geometry,
                                       crs=g.crs))
    return gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs=frames[0].crs)
