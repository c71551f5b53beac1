"""JSON-stat2 decoding against a hand-written multi-dimension example with SSB status symbols."""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path

import pytest

from geo.sources.http import SourceFormatError
from geo.sources.jsonstat import decode, dimension_codes

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "sources" / "jsonstat_example.json"


@pytest.fixture
def doc() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def cell(frame, region, age, year):
    row = frame[(frame["Region"] == region) & (frame["Alder"] == age) & (frame["Tid"] == year)]
    assert len(row) == 1
    return row.iloc[0]


def test_decode_row_major_order_and_labels(doc):
    frame = decode(doc)
    assert len(frame) == 12
    assert list(frame.columns[:2]) == ["Region", "Region_label"]
    assert cell(frame, "50010101", "000-017", "2023")["value"] == 120
    assert cell(frame, "50010101", "018-066", "2024")["value"] == 810
    assert cell(frame, "50010102", "067+", "2023")["value"] == 95
    assert cell(frame, "50010102", "000-017", "2024")["Region_label"] == "Skansen"
    # A single-category dimension without an index is allowed and decoded from its label.
    assert set(frame["ContentsCode"]) == {"Personer"}


def test_status_symbols_become_missing_or_suppressed_with_reason(doc):
    frame = decode(doc)
    na = cell(frame, "50010101", "067+", "2024")
    assert math.isnan(na["value"]) and na["status"] == "missing" and na["symbol"] == ".."
    assert na["reason"] == "data not available"
    secret = cell(frame, "50010102", "000-017", "2023")
    assert math.isnan(secret["value"]) and secret["status"] == "suppressed" and secret["symbol"] == ":"
    nil = cell(frame, "50010102", "018-066", "2023")
    assert nil["value"] == 0 and nil["status"] == "published" and nil["reason"] == "nil (zero)"
    impossible = cell(frame, "50010102", "067+", "2024")
    assert impossible["status"] == "missing" and impossible["reason"].startswith("not applicable")
    assert (frame["status"] == "published").sum() == 9


def test_value_and_status_as_sparse_objects_and_array(doc):
    sparse = copy.deepcopy(doc)
    sparse["value"] = {str(i): v for i, v in enumerate(doc["value"]) if v is not None}
    sparse["status"] = [doc["status"].get(str(i)) for i in range(12)]
    a, b = decode(doc), decode(sparse)
    assert a["value"].equals(b["value"]) and list(a["status"]) == list(b["status"])


def test_status_as_one_string_applies_to_every_cell(doc):
    d = copy.deepcopy(doc)
    d["status"] = ":"
    assert set(decode(d)["status"]) == {"suppressed"}


def test_dimension_codes(doc):
    assert dimension_codes(doc)["Alder"] == ["000-017", "018-066", "067+"]


@pytest.mark.parametrize(("change", "match"), [
    (lambda d: d.update(size=[2, 3, 1]), "3 sizes for 4 dimensions"),
    (lambda d: d.update(value=d["value"][:-1]), "has 11 cells but the dimension sizes multiply to 12"),
    (lambda d: d["dimension"].pop("Alder"), r"dimension\.Alder\.category.*missing"),
    (lambda d: d["dimension"]["Tid"]["category"]["index"].update({"2025": 2}), "has 3 categories but size says 2"),
    (lambda d: d.update(value=["x"] * 12), "cell 0 is 'x'"),
    (lambda d: d.update({"class": "collection"}), "expected 'dataset'"),
    (lambda d: d.pop("id"), "missing or not arrays"),
    (lambda d: d.update(value={"99": 1}), "cell index 99 outside"),
    (lambda d: d["dimension"]["ContentsCode"]["category"]["label"].update(X="x"),
     r"ContentsCode\.category\.index.*only allowed with exactly one label"),
    (lambda d: d["dimension"]["Tid"]["category"].update(index={"2023": 0, "2024": 0}), "bad position 0 for '2024'"),
    (lambda d: d["dimension"]["Tid"]["category"].update(index="2023"), "expected object or array, got str"),
    (lambda d: d.update(value=True), "expected array or object, got bool"),
])
def test_malformed_jsonstat_is_a_clear_error(doc, change, match):
    change(doc)
    with pytest.raises(SourceFormatError, match=match):
        decode(doc, source="SSB table 04317")


def test_error_names_the_source(doc):
    doc["size"] = "nope"
    with pytest.raises(SourceFormatError, match=r"^SSB table 04317: JSON-stat field 'id/size'"):
        decode(doc, source="SSB table 04317")
    with pytest.raises(SourceFormatError, match="expected an object"):
        decode([1, 2])


def test_provisional_keeps_value_and_nil_without_number_is_zero(doc):
    d = copy.deepcopy(doc)
    d["status"] = {"0": "*", "8": "-"}
    d["value"][8] = None
    frame = decode(d)
    first = cell(frame, "50010101", "000-017", "2023")
    assert first["value"] == 120 and first["status"] == "published" and first["reason"] == "provisional figure"
    assert cell(frame, "50010102", "018-066", "2023")["value"] == 0.0


def test_unknown_symbol_is_kept_with_its_reason(doc):
    d = copy.deepcopy(doc)
    d["status"] = {"0": "e", "5": "?"}
    frame = decode(d)
    assert cell(frame, "50010101", "000-017", "2023")["reason"] == "status 'e'"
    odd = cell(frame, "50010101", "067+", "2024")
    assert odd["status"] == "missing" and odd["reason"] == "unknown status symbol '?'"


def test_bad_status_key(doc):
    doc["status"] = {"12": ":"}
    with pytest.raises(SourceFormatError, match=r"field 'status': key '12' is not a cell index in 0\.\.11"):
        decode(doc)
