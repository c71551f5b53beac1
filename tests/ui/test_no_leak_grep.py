"""Grep every public output for the hidden figures of a crafted dataset: downloads, map, report, the page.

Zone C has 1 729 of 1 731 children in low income (99,9 %): hidden by the complement rule. Internally the
city is 2 279 of 3 731 (61,1 %) and C's bydel 1 979 of 2 731 (72,5 %); none of these numbers (nor the
count, the share or the internal totals, in any spelling) may appear in what the public gets. The same
grep on the internal outputs finds them, so the grep is known to work.
"""

from __future__ import annotations

import io
import json
import re
import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from shapely.geometry import box

from geo.cli import main
from geo.data.catalog import DEFAULT_CATALOG
from geo.data.dataset import Dataset, save, values_frame
from geo.export import MEDIA_TYPES, export_bytes
from geo.privacy import for_output

INTEGERS = ("1729", "1731", "2279", "3731", "1979", "2731")
DECIMALS = ("99[.,]8", "99[.,]9", "61[.,]08", "61[.,]1", "72[.,]46", "72[.,]5")
LEAK = re.compile("|".join([rf"(?<![\d.]){n}(?!\d)" for n in INTEGERS] + [rf"(?<![\d.]){d}" for d in DECIMALS]))


def crafted() -> Dataset:
    zones = gpd.GeoDataFrame({"zone_id": ["A", "B", "C"], "name": ["Sone A", "Sone B", "Sone C"],
                              "district": ["Vest", "Øst", "Øst"]},
                             geometry=[box(270000, 7040000, 271000, 7041000), box(271000, 7040000, 272000, 7041000),
                                       box(272000, 7040000, 273000, 7041000)], crs="EPSG:25833")
    rows = []
    for year in (2023, 2024):
        for zone, num, den in (("A", 300, 1000), ("B", 250, 1000), ("C", 1729, 1731)):
            rows.append({"zone_id": zone, "indicator": "child_low_income", "year": year, "value": num / den * 100,
                         "numerator": num, "denominator": den, "status": "published", "source": "SSB"})
    return Dataset(zones=zones, values=values_frame(rows), catalog=DEFAULT_CATALOG, meta={"name": "grep", "demo": False})


def readable(fmt: str, data: bytes) -> str:
    """The text of a download as an attacker would search it (unzipped, decoded; geometry left out)."""
    if fmt == "csv":
        return data.decode("utf-8-sig")
    if fmt == "geojson":
        doc = json.loads(data)
        return json.dumps([f["properties"] for f in doc["features"]] + [doc["metadata"]], ensure_ascii=False)
    if fmt == "xlsx":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.gpkg"
        path.write_bytes(data)
        return "\n".join(pd.DataFrame(pyogrio.read_dataframe(path, layer=n, read_geometry=False)).to_csv()
                         for n, _ in pyogrio.list_layers(path))


def found(text: str) -> list[str]:
    return sorted(set(LEAK.findall(text)))


@pytest.mark.parametrize("fmt", list(MEDIA_TYPES))
def test_public_downloads_hold_no_hidden_figure(fmt):
    for year in (2023, 2024):
        assert found(readable(fmt, export_bytes(for_output(crafted(), public=True), "child_low_income", year, fmt))) == []
    assert found(readable(fmt, export_bytes(crafted(), "child_low_income", 2024, fmt)))  # internal: the grep works


@pytest.fixture
def stored(tmp_path):
    return save(crafted(), tmp_path / "grep.gpkg")


def test_public_map_and_report_files_hold_no_hidden_figure(stored, tmp_path, monkeypatch):
    monkeypatch.setenv("LEVEKAR_PUBLIC", "1")
    # --cdn: Leaflet's own code (key codes such as "61,171") is not data and would only blur the grep
    assert main(["map", "--dataset", str(stored), "--indicator", "child_low_income", "--cdn", "--out",
                 str(tmp_path / "m.html")]) == 0
    assert main(["report", "--dataset", str(stored), "--zone", "C", "--out", str(tmp_path / "r.html")]) == 0
    assert main(["report", "--dataset", str(stored), "--zone", "C", "--json", "--out", str(tmp_path / "r.json")]) == 0
    for name in ("m.html", "r.html", "r.json"):
        text = (tmp_path / name).read_text(encoding="utf-8")
        # coordinates of the schematic boxes are not figures: drop the long decimals they are written with
        assert found(re.sub(r"-?\d+\.\d{5,}", "", text)) == [], name
    monkeypatch.setenv("LEVEKAR_PUBLIC", "0")
    assert main(["report", "--dataset", str(stored), "--zone", "C", "--json", "--out", str(tmp_path / "i.json")]) == 0
    assert found((tmp_path / "i.json").read_text(encoding="utf-8"))  # internal totals are exact


def page_text(at) -> str:
    """Every element the page sent, as text (markdown, tables, charts, the map HTML)."""
    parts = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(str(proto))
        children = getattr(node, "children", None)
        for child in (children.values() if isinstance(children, dict) else []):
            walk(child)

    walk(at._tree)
    parts += [df.value.to_csv() for df in at.dataframe]
    return "\n".join(parts)


@pytest.mark.parametrize("page", ["pages/map.py", "pages/change.py", "pages/about.py"])
def test_rendered_public_pages_hold_no_hidden_figure(stored, monkeypatch, page):
    from tests.ui.test_app import run_app

    monkeypatch.setenv("LEVEKAR_DATASET", str(stored))
    monkeypatch.setenv("LEVEKAR_PUBLIC", "1")
    at = run_app({"year": "2024"}, state={"zone": "C"})
    if page != "pages/map.py":
        at.switch_page(page).run()
    assert not at.exception
    text = re.sub(r"-?\d+\.\d{5,}", "", page_text(at))
    assert found(text) == [], page
    assert page != "pages/map.py" or "Sone C" in text  # the page did render the zone


def test_rendered_internal_map_page_shows_exact_totals(stored, monkeypatch):
    from tests.ui.test_app import run_app

    monkeypatch.setenv("LEVEKAR_DATASET", str(stored))
    at = run_app({"year": "2024"}, state={"zone": "C"})
    assert found(page_text(at))  # the exact city figure 61,1 % is on the internal page
