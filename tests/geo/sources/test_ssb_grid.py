"""SSB's 250 m population grid: ordering through Geonorge and reading the cells."""

from __future__ import annotations

import json

import pytest
import responses
from shapely.geometry import box, mapping

from geo.sources import ssb_grid
from geo.sources.http import SourceFormatError
from tests.geo.sources.conftest import zip_bytes
from tests.geo.sources.recorded import GRID_FILE_URL, serve


@responses.activate
def test_population_cells(make_client):
    serve(responses.mock)
    cells = ssb_grid.population_cells(ssb_grid.fetch_grid(make_client()))
    assert cells["population"].tolist() == [40.0, 25.0, 60.0, 15.0] and cells.crs == "EPSG:25833"
    order = next(c for c in responses.calls if c.request.url.endswith("/order"))
    line = json.loads(order.request.body)["orderLines"][0]
    assert line["metadataUuid"] == ssb_grid.GRID_UUID and line["areas"][0] == {"code": "50", "type": "fylke",
                                                                               "name": "Trøndelag"}


@responses.activate
def test_negative_counts_and_missing_count_column(make_client):
    serve(responses.mock)
    fc = {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25833"}},
          "features": [{"type": "Feature", "properties": {"pop_tot": -1}, "geometry": mapping(box(0, 0, 250, 250))}]}
    responses.replace(responses.GET, GRID_FILE_URL, body=zip_bytes({"grid.geojson": json.dumps(fc, default=list)}))
    with pytest.raises(SourceFormatError, match="negative residents counts"):
        ssb_grid.population_cells(ssb_grid.fetch_grid(make_client()))
    fc["features"][0]["properties"] = {"antall": 3}
    responses.replace(responses.GET, GRID_FILE_URL, body=zip_bytes({"grid.geojson": json.dumps(fc, default=list)}))
    with pytest.raises(SourceFormatError, match=r"no layer with a 'pop_tot' column; found \['grid.geojson"):
        ssb_grid.population_cells(ssb_grid.fetch_grid(make_client(force=True)))

