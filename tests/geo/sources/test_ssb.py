"""PxWebApi v2 reader: selection resolving, chunking under the cell limit, schema checks, mapping."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import responses

from geo.sources import ssb
from geo.sources.http import SourceFormatError
from tests.geo.sources.recorded import load, serve

META = ssb.parse_metadata(load("ssb_04317_metadata.json"), "04317")


def test_parse_metadata():
    assert META.dimensions == ["Region", "Alder", "ContentsCode", "Tid"]
    assert META.eliminable["Alder"] and not META.eliminable["Region"]
    assert META.time_dim == "Tid"
    meta = ssb.parse_metadata(load("ssb_07459_metadata.json"), "07459")
    assert meta.codelists["Region"] == ["agg_KommSummer"]


def test_parse_metadata_rejects_non_objects():
    with pytest.raises(SourceFormatError, match="SSB table 1 metadata: expected a JSON object"):
        ssb.parse_metadata([], "1")


@pytest.mark.parametrize(("dim", "sel", "expected"), [
    ("Region", "5001*", ["50010101", "50010102", "50010201", "50010202"]),
    ("Region", "*", ["50010101", "50010102", "50010201", "50010202", "50060101"]),
    ("Tid", "top(1)", ["2024"]),
    ("Tid", "bottom(1)", ["2023"]),
    ("Alder", "top(2, 1)", ["06-17", "18-66"]),
    ("Region", ["50060101", "50010101", "50010101"], ["50010101", "50060101"]),
])
def test_resolve(dim, sel, expected):
    assert ssb.resolve(META, dim, sel, None) == expected


def test_resolve_keeps_codelist_selections():
    assert ssb.resolve(META, "Region", ["K-5001"], "agg_x") == ["K-5001"]


def test_chunk_selection_stays_under_limit_and_covers_everything():
    sel = {"Region": [str(i) for i in range(10)], "Alder": ["a", "b", "c"], "Tid": ["1", "2"]}
    chunks = ssb.chunk_selection(sel, max_cells=13)
    cells = [len(c["Region"]) * len(c["Alder"]) * len(c["Tid"]) for c in chunks]
    assert max(cells) <= 13
    assert sorted(r for c in chunks for r in c["Region"]) == sorted(sel["Region"])
    assert ssb.chunk_selection(sel, max_cells=1000) == [sel]
    tiny = ssb.chunk_selection(sel, max_cells=2)
    assert all(len(c["Region"]) * len(c["Alder"]) * len(c["Tid"]) <= 2 for c in tiny) and len(tiny) == 30


def test_age_between():
    f = ssb.age_between(0, 17)
    assert [c for c in ["000", "017", "018", "00-05", "06-17", "16-19", "67+", "999", "999B", "x"] if f(c)] == \
        ["000", "017", "00-05", "06-17"]
    assert ssb.age_between(0, 200)("67+") and not ssb.age_between(0, 200)("999")


@responses.activate
def test_read_in_chunks_stays_under_the_cell_limit(make_client, tmp_path):
    serve(responses.mock)
    whole = ssb.PxWebApi(make_client(cache_dir=tmp_path / "c1")).read("04317", ssb.GRUNNKRETS_POPULATION.selection)
    api = ssb.PxWebApi(make_client(cache_dir=tmp_path / "c2"), max_cells=10)
    parts = api.read("04317", ssb.GRUNNKRETS_POPULATION.selection)
    posts = [c for c in responses.calls if c.request.method == "POST"]
    bodies = [json.loads(c.request.body) for c in posts[1:]]
    # 4 regions × 5 ages × 1 × 2 years = 40 cells; the longest dimension (age) is split: 8 cells per call.
    assert len(bodies) == 5
    for b in bodies:
        sizes = [len(s["valueCodes"]) for s in b["selection"]]
        assert sizes[0] * sizes[1] * sizes[2] * sizes[3] <= 10
    assert [b["selection"][1]["valueCodes"] for b in bodies] == [["00-05"], ["06-17"], ["18-66"], ["67+"], ["999"]]
    # The recorded answer is the full table each time, so each chunk decodes to the whole frame.
    assert len(parts) == 5 * len(whole)


@responses.activate
def test_selection_must_cover_non_eliminable_dimensions(make_client):
    serve(responses.mock)
    with pytest.raises(SourceFormatError, match=r"SSB table 04317: dimension\(s\) ContentsCode, Tid must be selected"):
        ssb.PxWebApi(make_client()).read("04317", {"Region": ["50010101"]})


@responses.activate
def test_selection_matching_nothing(make_client):
    serve(responses.mock)
    with pytest.raises(SourceFormatError, match=r"selection for Region matches no codes"):
        ssb.PxWebApi(make_client()).read("04317", {"Region": "0301*", "ContentsCode": "*", "Tid": "*"})


def test_to_indicators_sums_and_propagates_status():
    frame = pd.DataFrame({"Region": ["a", "a", "a", "b", "b", "b"], "Alder": ["00-05", "06-17", "18-66"] * 2,
                          "Tid": ["2024"] * 6, "value": [1.0, 2.0, 7.0, 5.0, float("nan"), 5.0],
                          "status": ["published"] * 4 + ["suppressed", "published"]})
    rows = ssb.to_indicators(frame, ssb.GRUNNKRETS_POPULATION).set_index(["region", "indicator"])
    assert rows.loc[("a", "population"), "value"] == 10
    assert rows.loc[("a", "children_0_17"), "value"] == pytest.approx(30.0)
    assert rows.loc[("a", "children_0_17"), "numerator"] == 3 and rows.loc[("a", "children_0_17"), "denominator"] == 10
    assert rows.loc[("b", "population"), "status"] == "suppressed"
    assert rows.loc[("b", "children_0_17"), "status"] == "suppressed"
    assert rows["year"].unique().tolist() == [2024]


def test_mapping_on_a_missing_dimension_is_a_schema_error():
    frame = pd.DataFrame({"Region": ["a"], "Tid": ["2024"], "value": [1.0], "status": ["published"]})
    with pytest.raises(SourceFormatError, match="dimension 'Alder' used by the indicator mapping is missing"):
        ssb.to_indicators(frame, ssb.GRUNNKRETS_POPULATION)


@pytest.mark.parametrize(("code", "year"), [("2024", 2024), ("2019-2021", 2021), ("2024K1", 2024)])
def test_period_codes_map_to_their_last_year(code, year):
    frame = pd.DataFrame({"Region": ["a"], "Alder": ["00-05"], "Tid": [code], "value": [1.0], "status": ["published"]})
    assert ssb.to_indicators(frame, ssb.GRUNNKRETS_POPULATION)["year"].tolist() == [year, year]


def test_time_code_without_a_year():
    frame = pd.DataFrame({"Region": ["a"], "Alder": ["00-05"], "Tid": ["siste"], "value": [1.0], "status": ["published"]})
    with pytest.raises(SourceFormatError, match="time code 'siste' has no year"):
        ssb.to_indicators(frame, ssb.GRUNNKRETS_POPULATION)


@responses.activate
def test_unknown_explicit_code_names_similar_ones(make_client):
    serve(responses.mock)
    with pytest.raises(SourceFormatError, match=r"dimension Region has no code\(s\) 5001010 \(similar: 50010101, 50010102\)"):
        ssb.PxWebApi(make_client()).read("04317", {"Region": ["5001010"], "ContentsCode": "*", "Tid": "*"})
    with pytest.raises(SourceFormatError, match=r"dimension Tid has no code\(s\) 1999 \(it has 2023, 2024, …\)"):
        ssb.PxWebApi(make_client()).read("04317", {"Region": "*", "ContentsCode": "*", "Tid": ["1999"]})


def test_direct_mapping_must_match_one_cell():
    table = ssb.SsbTable(id="x", title="t", level="kommune", selection={},
                         maps=(ssb.IndicatorMap("income", numerator={"ContentsCode_label": ssb.label_has("median")},
                                                direct=True),))
    frame = pd.DataFrame({"Region": ["5001", "5001"], "Tid": ["2024"] * 2, "ContentsCode": ["A", "B"],
                          "ContentsCode_label": ["Median før skatt", "Median etter skatt"], "value": [1.0, 2.0],
                          "status": ["published"] * 2})
    with pytest.raises(SourceFormatError, match="the mapping for income matches 2 cells per region and year"):
        ssb.to_indicators(frame, table)
    narrowed = ssb.SsbTable(id="x", title="t", level="kommune", selection={},
                            maps=(ssb.IndicatorMap("income", numerator={"ContentsCode_label": ssb.label_has(
                                "median", "etter skatt")}, direct=True, unit="NOK"),))
    row = ssb.to_indicators(frame, narrowed).iloc[0]
    assert row["value"] == 2.0 and row["unit"] == "NOK" and row["region_label"] == "5001"
