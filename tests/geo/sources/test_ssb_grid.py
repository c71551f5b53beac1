"""SSB's 250 m population grid: ordering through Geonorge and reading the cells."""

from __future__ import annotations

import json

import pytest
import responses
from shapely.geometry import box, mapping

from geo.sources import ssb_grid
from geo.sources.http import SourceFormatError
from tests.geo.sources.conftest import zip_bytes
from tests.geo.sources.recorded import GRID_FILE_URL, GRID_MEMBER_UUID, load, serve


@responses.activate
def test_population_cells(make_client):
    serve(responses.mock)
    cells = ssb_grid.population_cells(ssb_grid.fetch_grid(make_client()))
    assert cells["population"].tolist() == [40.0, 25.0, 60.0, 15.0] and cells.crs == "EPSG:25833"
    order = next(c for c in responses.calls if c.request.url.endswith("/order"))
    line = json.loads(order.request.body)["orderLines"][0]
    # The series itself cannot be ordered: its newest yearly member is.
    assert line["metadataUuid"] == GRID_MEMBER_UUID and line["areas"][0] == {"code": "50", "type": "fylke",
                                                                             "name": "Trøndelag"}
    assert responses.calls[0].request.url == f"https://kartkatalog.geonorge.no/api/getdata/{ssb_grid.GRID_UUID}"


@responses.activate
def test_grid_in_another_utm_zone_is_accepted_and_reprojected(make_client):
    """The grid is cut per county in that county's UTM zone; 25832 is taken when 25833 is not offered."""
    serve(responses.mock)
    areas = load("geonorge_areas.json")
    for a in areas:
        for p in a["projections"]:
            p.update(code="25832", name="EUREF89 UTM sone 32, 2d", codespace="http://www.opengis.net/def/crs/EPSG/0/25832")
    responses.replace(responses.GET, f"https://nedlasting.geonorge.no/api/v3/codelists/area/{GRID_MEMBER_UUID}",
                      json=areas)
    ssb_grid.fetch_grid(make_client())
    order = next(c for c in responses.calls if c.request.url.endswith("/order"))
    assert json.loads(order.request.body)["orderLines"][0]["projections"] == [{"code": "25832"}]


@responses.activate
def test_series_without_dated_members(make_client):
    serve(responses.mock)
    responses.replace(responses.GET, f"https://kartkatalog.geonorge.no/api/getdata/{ssb_grid.GRID_UUID}",
                      json={"SerieDatasets": [{"Uuid": "x", "Title": "Befolkning på rutenett"}]})
    with pytest.raises(SourceFormatError, match=r"lists datasets \['Befolkning på rutenett'\] but none has a year"):
        ssb_grid.fetch_grid(make_client())


@responses.activate
def test_negative_counts_and_missing_count_column(make_client):
    serve(responses.mock)
    fc = {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25833"}},
          "features": [{"type": "Feature", "properties": {"poptot": -1}, "geometry": mapping(box(0, 0, 250, 250))}]}
    responses.replace(responses.GET, GRID_FILE_URL, body=zip_bytes({"grid.geojson": json.dumps(fc, default=list)}))
    with pytest.raises(SourceFormatError, match="negative residents counts"):
        ssb_grid.population_cells(ssb_grid.fetch_grid(make_client()))
    fc["features"][0]["properties"] = {"antall": 3}
    responses.replace(responses.GET, GRID_FILE_URL, body=zip_bytes({"grid.geojson": json.dumps(fc, default=list)}))
    with pytest.raises(SourceFormatError, match=r"no layer with a 'poptot' column; found \['grid.geojson"):
        ssb_grid.population_cells(ssb_grid.fetch_grid(make_client(force=True)))

