"""The whole fetch → build path against recorded responses, through the CLI."""

from __future__ import annotations

import functools
import json

import pandas as pd
import pytest
import responses

from geo.cli import main
from geo.commands import fetch as fetch_command
from geo.data.dataset import load
from geo.sources.http import HttpClient, SourceError
from tests.geo.sources.recorded import FIXTURES, serve
from tests.geo.sources.recorded import load as fixture


@pytest.fixture(autouse=True)
def no_real_sleep(monkeypatch):
    """The CLI builds its own client; make its retries instant."""
    monkeypatch.setattr(fetch_command, "HttpClient", functools.partial(HttpClient, sleep=lambda s: None))


@pytest.fixture
def paths(tmp_path):
    return tmp_path / "out.gpkg", tmp_path / "cache"


def fetch(out, cache, *extra):
    return main(["fetch", "trondheim", "--out", str(out), "--cache", str(cache), "--quiet", *extra])


def test_fetch_trondheim_builds_a_complete_dataset_then_rebuilds_offline(paths, capsys):
    out, cache = paths
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        serve(rsps)
        assert fetch(out, cache) == 0
        online_calls = len(rsps.calls)
    ds = load(out)
    assert not ds.is_demo and ds.meta["place"] == "trondheim"
    assert sorted(ds.zones["zone_id"]) == ["flatas-huseby", "lademoen", "midtbyen"]
    assert ds.zones.crs == "EPSG:25833" and len(ds.zones) == 3
    pop = ds.slice("population", 2018).set_index("zone_id")
    assert pop.loc["midtbyen", "value"] == 100 + 90 + 2000 + 2000 + 1500 + 1000 + 400 + 400
    kids = ds.slice("children_0_17", 2018).set_index("zone_id")
    assert kids.loc["lademoen", "value"] == pytest.approx(432 / 5932 * 100)
    assert kids.loc["lademoen", "denominator"] == 5932 and kids.loc["lademoen", "status"] == "published"
    refs = ds.references[(ds.references["indicator"] == "population") & (ds.references["year"] == 2024)]
    assert refs["value"].tolist() == [2020 + 2120 + 2520 + 2320 + 2220 + 23]
    assert refs["level"].tolist() == ["kommune"] and refs["source"].iloc[0] == "SSB tabell 07459"
    manifest = ds.meta["manifest"]
    urls = [e["url"] for e in manifest]
    assert sum("levekar2020" in u for u in urls) == 4
    assert any(u.endswith("/tables/07459/data") for u in urls) and any("kommuneinfo" in u for u in urls)
    for e in manifest:
        assert set(e) == {"name", "url", "query", "retrieved_at", "licence", "sha256", "bytes"}
        assert len(e["sha256"]) == 64 and e["bytes"] > 0 and e["licence"]
    data_entry = next(e for e in manifest if e["url"].endswith("/07459/data"))
    assert data_entry["query"]["body"]["selection"][0] == {"variableCode": "Region", "valueCodes": ["5001"]}
    assert "CC BY 4.0 (Statistisk sentralbyrå)" in ds.meta["licences"]
    assert "Inneholder data fra Statistisk sentralbyrå under CC BY 4.0." in ds.meta["attribution"]["nb"]
    assert "wrote" in capsys.readouterr().out

    # Offline from the cache: no HTTP at all, the same content and the same manifest.
    again = out.with_name("offline.gpkg")
    with responses.RequestsMock() as rsps:  # any request would raise ConnectionError
        assert fetch(again, cache, "--offline") == 0
        assert len(rsps.calls) == 0
    ds2 = load(again)
    assert ds2.values.equals(ds.values) and ds2.meta["manifest"] == manifest
    assert ds2.meta["name"] == ds.meta["name"] and ds2.meta["fetched_at"] == ds.meta["fetched_at"]
    assert ds2.version() == ds.version()
    assert online_calls == 4 + 1 + 2 + 2


def test_bydel_reference_figures_from_an_optional_table(paths):
    out, cache = paths
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        serve(rsps)
        assert fetch(out, cache) == 0
    refs = load(out).references
    inc = refs[refs["indicator"] == "household_income_median"].set_index(["geography", "year"])
    # The label filter picks "Inntekt etter skatt, median" and not "Samlet inntekt, median".
    assert inc.loc[("Midtbyen", 2023), "value"] == 512000 and inc.loc[("Midtbyen", 2023), "level"] == "bydel"
    assert inc.loc[("Trondheim", 2021), "level"] == "kommune" and inc.loc[("Midtbyen", 2023), "unit"] == "NOK"
    # Bydeler come as "500101a" etc., delområder as "50010100": both get their own level.
    assert inc.loc[("Delområde 50010100", 2023), "level"] == "delområde"
    assert len(inc) == 18


def test_optional_table_with_a_changed_schema_is_a_warning(paths, capsys):
    out, cache = paths
    meta = fixture("ssb_06944_metadata.json")
    # The household-type dimension disappears from the table (a re-published table with a new schema).
    k = meta["id"].index("HusholdType")
    del meta["id"][k], meta["size"][k], meta["dimension"]["HusholdType"]
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        serve(rsps)
        rsps.replace(responses.GET, "https://data.ssb.no/api/pxwebapi/v2/tables/06944/metadata", json=meta)
        assert fetch(out, cache) == 0
    err = capsys.readouterr().err
    assert ("warning: optional SSB table 06944 skipped: SSB table 06944: dimension(s) HusholdType no longer exist; "
            "the table now has Region, ContentsCode, Tid") in err
    ds = load(out)
    assert "household_income_median" not in set(ds.references["indicator"])
    assert any("06944" in w for w in ds.meta["warnings"])


def test_offline_with_empty_cache_lists_everything_missing(paths, capsys):
    out, cache = paths
    with responses.RequestsMock():
        assert fetch(out, cache, "--offline") == 1
    err = capsys.readouterr().err
    assert "--offline: 7 response(s) are missing from the cache" in err
    for layer in ("personer0_17", "personer18_34", "personer35_66", "personer67"):
        assert f"Trondheim levekår {layer} 2018: not in the cache" in err
    assert "Kartverket kommune 5001 outline" in err and "SSB table 07459 metadata" in err
    assert "run the same command without --offline" in err
    assert not out.exists()


def test_existing_output_needs_force(paths, capsys):
    out, cache = paths
    out.write_bytes(b"keep me")
    assert fetch(out, cache) == 1
    assert "already exists; choose another path or pass --force" in capsys.readouterr().err
    assert out.read_bytes() == b"keep me"


def test_changed_schema_fails_clearly_and_writes_nothing(paths, capsys):
    out, cache = paths
    meta = fixture("ssb_07459_metadata.json")
    i = meta["id"].index("Alder")
    meta["id"].pop(i)
    meta["size"].pop(i)
    del meta["dimension"]["Alder"]
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        serve(rsps, ssb_07459_meta=meta)
        assert fetch(out, cache) == 1
    err = capsys.readouterr().err
    assert "SSB table 07459: dimension(s) Alder no longer exist; the table now has Region, Kjonn, ContentsCode, Tid" in err
    assert not out.exists() and not list(out.parent.glob("*.gpkg"))


def test_answer_missing_a_dimension_is_a_clear_error(paths, capsys):
    out, cache = paths
    data = fixture("ssb_07459_data.json")
    i = data["id"].index("Alder")
    n = data["size"][i]
    data["id"].pop(i)
    data["size"].pop(i)
    del data["dimension"]["Alder"]
    data["value"] = data["value"][: len(data["value"]) // n]
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        serve(rsps, ssb_07459_data=data)
        assert fetch(out, cache) == 1
    assert "SSB table 07459: the answer lacks dimension(s) Alder" in capsys.readouterr().err
    assert not out.exists()


def test_malformed_jsonstat_answer_is_not_cached(paths, capsys):
    out, cache = paths
    data = fixture("ssb_07459_data.json")
    data["value"] = data["value"][:-2]
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        serve(rsps, ssb_07459_data=data)
        assert fetch(out, cache) == 1
    assert "has 16 cells but the dimension sizes multiply to 18" in capsys.readouterr().err
    # The malformed body is valid JSON, so it sits in the cache; a fixed answer needs --refresh.
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        serve(rsps)
        assert fetch(out, cache, "--refresh") == 0


def test_crosswalk_route_with_access_inputs(paths, capsys):
    out, cache = paths
    inputs = out.with_name("access_inputs")
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        serve(rsps)
        code = fetch(out, cache, "--crosswalk", str(FIXTURES / "crosswalk_trondheim.csv"), "--access-inputs",
                     str(inputs))
    assert code == 0, capsys.readouterr().err
    printed = capsys.readouterr().out
    ds = load(out)
    assert sorted(ds.zones["zone_id"]) == ["01", "02"]
    assert dict(zip(ds.zones["zone_id"], ds.zones["district"])) == {"01": "Østbyen", "02": "Midtbyen"}
    assert ds.zones.area.round().tolist() == [1_000_000.0, 2_000_000.0]
    pop = ds.values[(ds.values["indicator"] == "population")].set_index(["zone_id", "year"])
    # Zone 01 = grunnkretser 50010101 (100 per age group) + 50010102 (110), four age groups.
    assert pop.loc[("01", 2023), "value"] == 4 * 100 + 4 * 110
    assert pop.loc[("01", 2023), "status"] == "computed"
    # Zone 02's 2024 figures include a suppressed grunnkrets cell: suppressed, not too small.
    assert pop.loc[("02", 2024), "status"] == "suppressed" and pop.loc[("02", 2024), "value"] != pop.loc[("02", 2024), "value"]
    kids = ds.slice("children_0_17", 2023).set_index("zone_id")
    assert kids.loc["01", "value"] == pytest.approx(2 * (100 + 110) / (4 * (100 + 110)) * 100)
    names = [e["name"] for e in ds.meta["manifest"]]
    assert any("grunnkretser" in n and n.endswith(".zip") for n in names)
    assert "Entur GTFS (AtB)" in names and "OpenStreetMap green areas (Overpass)" in names
    assert any(n.startswith("SSB befolkning på rutenett 250 m") for n in names)
    assert ds.meta["access_inputs"] == {"gtfs": str(inputs / "atb_gtfs.zip"),
                                        "population": str(inputs / "population_250m.gpkg"),
                                        "green": str(inputs / "green_areas_osm.gpkg")}
    assert "ODbL 1.0 (© OpenStreetMap contributors)" in ds.meta["licences"]
    assert any("OpenStreetMap contributors" in line for line in ds.meta["attribution"]["en"])
    assert "CC BY 4.0" in json.dumps(ds.meta["attribution"])
    assert f"python -m geo access transit --gtfs {inputs / 'atb_gtfs.zip'}" in printed

    # The written inputs are what the access command reads: run it on them.
    transit = out.with_name("transit.csv")
    assert main(["access", "transit", "--gtfs", str(inputs / "atb_gtfs.zip"), "--population",
                 str(inputs / "population_250m.gpkg"), "--zones", str(out), "--out", str(transit)]) == 0
    green = out.with_name("green.csv")
    assert main(["access", "green", "--green", str(inputs / "green_areas_osm.gpkg"), "--population",
                 str(inputs / "population_250m.gpkg"), "--zones", str(out), "--out", str(green),
                 "--year", "2025"]) == 0
    t = pd.read_csv(transit, dtype={"zone_id": str}).set_index("zone_id")
    assert t.loc["02", "denominator"] == 65 and t.loc["01", "denominator"] == 75
    assert t["value"].notna().all()
    g = pd.read_csv(green, dtype={"zone_id": str}).set_index("zone_id")
    assert set(g.index) == {"01", "02"}
    # … and their output merges back into the fetched dataset.
    full = out.with_name("full.gpkg")
    assert main(["merge", "--dataset", str(out), "--indicators", str(transit), "--out", str(full)]) == 0
    assert "transit_access" in load(full).indicator_ids


def test_unknown_place_lists_choices(paths, capsys):
    out, cache = paths
    assert main(["fetch", "bergen", "--out", str(out), "--cache", str(cache)]) == 1
    assert "Unknown place 'bergen'. Available: trondheim" in capsys.readouterr().err


def test_progress_bar_goes_to_stderr(paths, capsys):
    out, cache = paths
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        serve(rsps)
        assert main(["fetch", "trondheim", "--out", str(out), "--cache", str(cache)]) == 0
    captured = capsys.readouterr()
    assert "fetch trondheim" in captured.err and "3/3" in captured.err and "done" in captured.err
    assert "fetch trondheim" not in captured.out


def test_districts_from_a_table(paths, capsys):
    out, cache = paths
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        serve(rsps)
        assert fetch(out, cache, "--districts", str(FIXTURES / "districts_trondheim.csv")) == 0
    err = capsys.readouterr().err
    assert "warning: districts_trondheim.csv, field 'name': zone 'Flatås-Huseby' has no district" in err
    assert "warning: warning" not in err
    ds = load(out)
    assert ds.districts() == ["Midtbyen", "Østbyen"]
    assert ds.meta["manifest"][4]["name"] == "Bydelstilhørighet: districts_trondheim.csv"


def test_draft_crosswalk_then_build_from_it(paths, capsys):
    out, cache = paths
    draft = out.with_name("draft.csv")
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        serve(rsps)
        assert fetch(out, cache, "--write-crosswalk", str(draft)) == 0
        assert "4 of 4 grunnkretser matched 2 of 3 zones" in capsys.readouterr().err
        assert draft.read_text(encoding="utf-8").splitlines()[:2] == [
            "grunnkrets;zone_id;zone_name;district;overlap_share", "50010101;lademoen;Lademoen;;1.0"]
        second = out.with_name("from_grunnkretser.gpkg")
        assert fetch(second, cache, "--crosswalk", str(draft)) == 0
    ds = load(second)
    assert sorted(ds.zones["zone_id"]) == ["lademoen", "midtbyen"]
    assert ds.slice("population", 2023).set_index("zone_id").loc["lademoen", "value"] == 4 * 100 + 4 * 110


def test_rerun_after_an_outage_resumes_from_the_cache(paths, capsys):
    out, cache = paths
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        serve(rsps)
        rsps.replace(responses.POST, "https://data.ssb.no/api/pxwebapi/v2/tables/07459/data", status=503)
        assert fetch(out, cache) == 1
    assert "SSB table 07459 data: data.ssb.no keeps failing with HTTP 503 after 5 attempts" in capsys.readouterr().err
    assert not out.exists()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        serve(rsps)
        assert fetch(out, cache) == 0
        fetched_again = [c.request.url for c in rsps.calls]
    # Only what failed and what came after it is fetched; layers, outline and 07459's metadata are cached.
    assert [u.split("?")[0].rsplit("/v2/", 1)[-1] for u in fetched_again] == [
        "tables/07459/data", "tables/06944/metadata", "tables/06944/data"]


def test_plan_lists_sources_and_hosts_without_fetching(capsys):
    with responses.RequestsMock() as rsps:
        assert main(["fetch", "trondheim", "--plan", "--access-inputs", "x"]) == 0
        assert len(rsps.calls) == 0
    out = capsys.readouterr().out
    assert "https://kart.trondheim.kommune.no/levekar2020/personer0_17/2018.js" in out
    assert "SSB table 06944 (optional)" in out and "ODbL 1.0" in out
    assert out.strip().splitlines()[-1] == ("hosts: api.kartverket.no, data.ssb.no, kart.trondheim.kommune.no, "
                                            "nedlasting.geonorge.no, overpass-api.de, storage.googleapis.com")


def test_out_is_required_without_plan(capsys):
    assert main(["fetch", "trondheim"]) == 1
    assert "give --out PATH.gpkg" in capsys.readouterr().err


def test_place_without_zone_layers_needs_a_crosswalk(tmp_path):
    from geo.sources.build import Place, build_place

    bergen = Place("bergen", "Bergen", "4601", None, (), ())
    with pytest.raises(SourceError, match="Bergen: no published zone layers; pass --crosswalk CSV"):
        build_place(bergen, HttpClient(cache_dir=tmp_path, offline=True))


def test_output_must_be_a_geopackage(paths, capsys):
    out, cache = paths
    assert fetch(out.with_suffix(".csv"), cache) == 1
    assert "a dataset is stored as a GeoPackage; give the output a .gpkg name" in capsys.readouterr().err
