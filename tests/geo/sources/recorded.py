"""Serve the recorded responses in tests/fixtures/sources through ``responses`` (no network)."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote

import responses

from geo.sources import entur, geonorge, osm, ssb, ssb_grid, trondheim

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "sources"
GK_FILE_URL = "https://nedlasting.geonorge.no/api/download/order/f1e2d3c4/a1b2"
GRID_FILE_URL = "https://nedlasting.geonorge.no/api/download/order/9988/grid"
#: The newest member of the grid series in geonorge_grid_series.json (what gets ordered).
GRID_MEMBER_UUID = "00000000-0000-4000-8000-000000002025"


def load(name: str):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def _order(request):
    body = json.loads(request.body)
    uuid = body["orderLines"][0]["metadataUuid"]
    doc = load("geonorge_order.json")
    if uuid == GRID_MEMBER_UUID:
        doc["files"][0].update(downloadUrl=GRID_FILE_URL, name="befolkning_250m.zip", metadataUuid=uuid)
    return 200, {"Content-Type": "application/json"}, json.dumps(doc)


def _overpass(request):
    """One Overpass URL, two queries: the context query asks for coastline, the green one does not."""
    doc = "overpass_context.json" if "coastline" in unquote(request.url) else "overpass_green.json"
    return 200, {"Content-Type": "application/json"}, json.dumps(load(doc))


def serve(rsps: responses.RequestsMock, *, ssb_07459_meta=None, ssb_07459_data=None) -> None:
    """Register every recorded response on ``rsps``; overrides replace one document."""
    for layer in trondheim.AGE_LAYERS:
        rsps.get(trondheim.layer_url(layer, 2018), json=load(f"trondheim_{layer}_2018.json"))
    rsps.get(f"{geonorge.KOMMUNEINFO_URL}/kommuner/5001/omrade", json=load("kommune_5001_omrade.json"))
    for table in ("07459", "04362", "06944"):
        meta = ssb_07459_meta if table == "07459" and ssb_07459_meta is not None else load(f"ssb_{table}_metadata.json")
        data = ssb_07459_data if table == "07459" and ssb_07459_data is not None else load(f"ssb_{table}_data.json")
        rsps.get(f"{ssb.BASE_URL}/tables/{table}/metadata", json=meta)
        rsps.post(f"{ssb.BASE_URL}/tables/{table}/data", json=data)
    rsps.get(f"{geonorge.KARTKATALOG_URL}/{ssb_grid.GRID_UUID}", json=load("geonorge_grid_series.json"))
    for uuid in (geonorge.GRUNNKRETS_UUID, GRID_MEMBER_UUID):
        rsps.get(f"{geonorge.BASE_URL}/capabilities/{uuid}", json=load("geonorge_capabilities.json"))
        rsps.get(f"{geonorge.BASE_URL}/codelists/area/{uuid}", json=load("geonorge_areas.json"))
    rsps.add_callback(responses.POST, f"{geonorge.BASE_URL}/order", callback=_order)
    rsps.get(GK_FILE_URL, body=(FIXTURES / "grunnkretser_5001.zip").read_bytes())
    rsps.get(GRID_FILE_URL, body=(FIXTURES / "grid_250m.zip").read_bytes())
    rsps.get(entur.GTFS_URL, body=(FIXTURES / "gtfs_atb.zip").read_bytes())
    rsps.add_callback(responses.GET, osm.OVERPASS_URL, callback=_overpass)
