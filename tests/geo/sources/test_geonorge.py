"""Geonorge download API orders, grunnkrets zips and Kartverket's kommune outline."""

from __future__ import annotations

import json

import pytest
import responses

from geo.sources import geonorge
from geo.sources.http import SourceFormatError
from tests.geo.sources.conftest import zip_bytes
from tests.geo.sources.recorded import FIXTURES, GK_FILE_URL, load, serve


@responses.activate
def test_geonorge_order_reads_the_grunnkrets_zip(make_client):
    serve(responses.mock)
    gk, fetched = geonorge.grunnkretser(make_client(), "5001")
    assert gk["grunnkrets"].tolist() == ["50010101", "50010102", "50010201", "50010202"]
    assert gk.crs == "EPSG:25833" and gk["grunnkrets_name"].iloc[0] == "Krets 0101"
    order = next(c for c in responses.calls if c.request.url.endswith("/order"))
    line = json.loads(order.request.body)["orderLines"][0]
    assert line["formats"] == [{"name": "GeoJSON"}] and line["areas"][0]["type"] == "kommune"
    assert len(fetched) == 4


@responses.activate
def test_geonorge_area_not_offered(make_client):
    serve(responses.mock)
    with pytest.raises(SourceFormatError, match=r"area kommune:4601 is not offered; offered: \['fylke:50'"):
        geonorge.order(make_client(), geonorge.GRUNNKRETS_UUID, area_code="4601", area_type="kommune")
    with pytest.raises(SourceFormatError, match=r"projection EPSG:4326 is not offered"):
        geonorge.order(make_client(), geonorge.GRUNNKRETS_UUID, area_code="5001", projection="4326")
    with pytest.raises(SourceFormatError, match=r"none of the offered formats .* is readable"):
        geonorge.order(make_client(), geonorge.GRUNNKRETS_UUID, area_code="5001", preference=("Shape",))


@responses.activate
def test_expired_download_link_of_a_cached_order_reorders(make_client):
    serve(responses.mock)
    http = make_client()
    geonorge.grunnkretser(http, "5001")
    # The zip is lost from the cache and the old link has expired; a fresh order gives a new link.
    for p in http.cache_dir.rglob("*"):
        if p.is_file() and p.suffix == ".json" and "a1b2" in p.read_text(encoding="utf-8"):
            p.unlink()
    responses.replace(responses.GET, GK_FILE_URL, status=410, body="Gone")
    fresh = load("geonorge_order.json")
    fresh["files"][0]["downloadUrl"] = "https://nedlasting.geonorge.no/api/download/order/new/a1b2"
    responses.replace(responses.POST, f"{geonorge.BASE_URL}/order", json=fresh)
    responses.get(fresh["files"][0]["downloadUrl"], body=(FIXTURES / "grunnkretser_5001.zip").read_bytes())
    gk, _ = geonorge.grunnkretser(http, "5001")
    assert len(gk) == 4


def test_read_vector_zip_without_the_column(tmp_path):
    p = tmp_path / "x.zip"
    p.write_bytes(zip_bytes({"readme.txt": "nothing here"}))
    with pytest.raises(SourceFormatError, match="no polygon layer with a 'grunnkretsnummer' column; found no vector"):
        geonorge.read_vector_zip(p, want_column="grunnkretsnummer", source="x.zip")


@responses.activate
def test_kommune_outline(make_client):
    serve(responses.mock)
    geom, f = geonorge.kommune_outline(make_client(), "5001")
    assert geom.area == 5000 * 4000 and f.query == {"utkoordsys": "25833"}
    responses.replace(responses.GET, f"{geonorge.KOMMUNEINFO_URL}/kommuner/5001/omrade", json={"feil": "x"})
    with pytest.raises(SourceFormatError, match="has no 'omrade' geometry; keys are \\['feil'\\]"):
        geonorge.kommune_outline(make_client(force=True), "5001")


@responses.activate
def test_order_answers_without_usable_files(make_client):
    serve(responses.mock)
    order_url = f"{geonorge.BASE_URL}/order"
    responses.replace(responses.POST, order_url, json={"referenceNumber": "x", "files": []})
    with pytest.raises(SourceFormatError, match="the order answer has no files"):
        geonorge.grunnkretser(make_client(), "5001")
    responses.replace(responses.POST, order_url, json={"files": [{"name": "a.zip", "status": "WaitingForProcessing"}]})
    with pytest.raises(SourceFormatError, match="has no downloadUrl \\(status 'WaitingForProcessing'\\).*rerun in a few"):
        geonorge.grunnkretser(make_client(force=True), "5001")


@responses.activate
def test_capabilities_and_area_list_changes(make_client):
    serve(responses.mock)
    caps = f"{geonorge.BASE_URL}/capabilities/{geonorge.GRUNNKRETS_UUID}"
    responses.replace(responses.GET, caps, json={"supportsAreaSelection": False})
    with pytest.raises(SourceFormatError, match="no longer offers area selection"):
        geonorge.grunnkretser(make_client(), "5001")
    responses.replace(responses.GET, caps, json=load("geonorge_capabilities.json"))
    responses.replace(responses.GET, f"{geonorge.BASE_URL}/codelists/area/{geonorge.GRUNNKRETS_UUID}",
                      json={"areas": []})
    with pytest.raises(SourceFormatError, match="the area list of dataset .* is not a JSON array"):
        geonorge.grunnkretser(make_client(force=True), "5001")


@responses.activate
def test_kommune_outline_with_broken_geometry(make_client):
    serve(responses.mock)
    responses.replace(responses.GET, f"{geonorge.KOMMUNEINFO_URL}/kommuner/5001/omrade",
                      json={"omrade": {"type": "Blob", "coordinates": []}})
    with pytest.raises(SourceFormatError, match="invalid 'omrade' geometry"):
        geonorge.kommune_outline(make_client(), "5001")
