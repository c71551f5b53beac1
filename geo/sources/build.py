"""Fetch official sources for a place and build a :class:`geo.data.dataset.Dataset` with a source manifest.

A build is a list of steps (zones, kommune outline, SSB tables, optional access inputs); each step
fetches through one :class:`~geo.sources.http.HttpClient` and records every raw response it used in
the manifest (name, url, query, retrieval time, licence, sha256, bytes). Offline, a step whose
responses are not cached is skipped and all such gaps are reported together at the end, so one run
tells the user everything that is missing.

Places are a registry (:data:`PLACES`); adding a city is adding an entry, plus a crosswalk CSV when its
zones are built from grunnkretser.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from geo.data import crosswalk as xwalk
from geo.data.catalog import DEFAULT_CATALOG
from geo.data.dataset import Dataset, values_frame
from geo.errors import UnknownChoiceError
from geo.files import atomic_path
from geo.sources import entur, geonorge, manifest, osm, ssb, ssb_grid, trondheim
from geo.sources.http import (
    CacheMiss,
    Fetched,
    HttpClient,
    SourceError,
    SourceFormatError,
    SourceRequestError,
    merge_manifest,
)

#: Share of zone area allowed outside the kommune outline before the build warns.
OUTSIDE_TOLERANCE = 0.01


@dataclass(frozen=True)
class Place:
    """A municipality we know how to fetch.

    Parameters
    ----------
    key, name, kommune : str
        CLI name, display name and kommune number.
    levekar_year : int, optional
        Year of the kommune's own levekår layers (zones + age counts), if it publishes them.
    kommune_tables, grunnkrets_tables : tuple of SsbTable
        SSB tables at kommune level (→ references) and grunnkrets level (→ zones via a crosswalk).
    """

    key: str
    name: str
    kommune: str
    levekar_year: int | None
    kommune_tables: tuple[ssb.SsbTable, ...]
    grunnkrets_tables: tuple[ssb.SsbTable, ...]


PLACES: dict[str, Place] = {
    "trondheim": Place("trondheim", "Trondheim", "5001", 2018, (ssb.KOMMUNE_POPULATION, ssb.BYDEL_INCOME),
                       (ssb.GRUNNKRETS_POPULATION,)),
}


def plan(place: Place, *, crosswalk: bool = False, access_inputs: bool = False,
         context: bool = False) -> list[dict[str, str]]:
    """What a build would fetch, without fetching: name, URL (pattern) and licence per source.

    Useful to check a firewall allows the hosts, or to cite the sources before a first run.
    """
    rows: list[dict[str, str]] = []
    if crosswalk:
        rows.append({"name": "Geonorge grunnkretser (capabilities, areas, order, files)",
                     "url": f"{geonorge.BASE_URL}/…/{geonorge.GRUNNKRETS_UUID}", "licence": geonorge.GRUNNKRETS_LICENCE})
    elif place.levekar_year is not None:
        rows += [{"name": f"Trondheim levekår {layer} {place.levekar_year}",
                  "url": trondheim.layer_url(layer, place.levekar_year), "licence": trondheim.LICENCE}
                 for layer in trondheim.AGE_LAYERS]
    rows.append({"name": f"Kartverket kommune {place.kommune} outline",
                 "url": f"{geonorge.KOMMUNEINFO_URL}/kommuner/{place.kommune}/omrade", "licence": geonorge.KOMMUNE_LICENCE})
    tables = place.kommune_tables + (place.grunnkrets_tables if crosswalk else ())
    rows += [{"name": f"SSB table {t.id}{' (optional)' if t.optional else ''}: {t.title}",
              "url": f"{ssb.BASE_URL}/tables/{t.id}/metadata + /data", "licence": ssb.LICENCE} for t in tables]
    if access_inputs:
        rows += [{"name": "Entur GTFS (AtB)", "url": entur.GTFS_URL, "licence": entur.LICENCE},
                 {"name": "SSB befolkning på rutenett 250 m (Geonorge order, files)",
                  "url": f"{geonorge.BASE_URL}/…/{ssb_grid.GRID_UUID}", "licence": ssb_grid.LICENCE},
                 {"name": "OpenStreetMap green areas (Overpass)", "url": osm.OVERPASS_URL, "licence": osm.LICENCE}]
    if context:
        rows.append({"name": osm.CONTEXT_NAME, "url": osm.OVERPASS_URL, "licence": osm.LICENCE})
    return rows


class OfflineIncomplete(SourceError):
    """Offline build and the cache lacks some responses (all of them listed)."""

    def __init__(self, misses: list[CacheMiss]) -> None:
        self.misses = misses
        lines = "\n".join(f"  - {m}" for m in misses)
        super().__init__(f"--offline: {len(misses)} response(s) are missing from the cache:\n{lines}\n"
                         "run the same command without --offline (online) once to fill the cache")


def get_place(key: str) -> Place:
    """The registered place ``key``; :class:`UnknownChoiceError` lists the known ones."""
    if key not in PLACES:
        raise UnknownChoiceError("place", key, list(PLACES))
    return PLACES[key]


@dataclass
class Build:
    """State of one build: what was fetched and produced so far."""

    place: Place
    http: HttpClient
    crosswalk_path: Path | None = None
    allow_unmapped: bool = False
    access_dir: Path | None = None
    districts_path: Path | None = None
    write_crosswalk_path: Path | None = None
    with_context: bool = False
    zones: gpd.GeoDataFrame | None = None
    context: gpd.GeoDataFrame | None = None
    crosswalk: pd.DataFrame | None = None
    values: list[pd.DataFrame] = field(default_factory=list)
    references: list[pd.DataFrame] = field(default_factory=list)
    manifest: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    inputs: dict[str, list[str]] = field(default_factory=dict)
    geometry_note: str = ""
    misses: list[CacheMiss] = field(default_factory=list)

    def attempt(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Call ``fn``; offline cache misses are collected (and None returned) so all gaps get listed."""
        try:
            return fn(*args)
        except CacheMiss as miss:
            self.misses.append(miss)
            return None

    def record(self, fetched: list[Fetched], licence: str) -> None:
        """Add the manifest entries of ``fetched`` under ``licence``."""
        self.manifest.extend(f.manifest_entry(licence) for f in fetched)

    # --- steps ------------------------------------------------------------------------------------
    def step_zones(self) -> None:
        """Zones: the kommune's levekår layers, or grunnkretser dissolved through a crosswalk."""
        if self.crosswalk_path is not None:
            self.crosswalk = xwalk.read_crosswalk(self.crosswalk_path)
            gk, fetched = geonorge.grunnkretser(self.http, self.place.kommune)
            self.record(fetched, geonorge.GRUNNKRETS_LICENCE)
            for p in xwalk.check_coverage(self.crosswalk, gk, file=self.crosswalk_path.name,
                                          allow_unmapped=self.allow_unmapped):
                self.warnings.append(str(p).removeprefix("warning: "))
            self.zones = xwalk.dissolve_zones(self.crosswalk, gk)
            self.geometry_note = (f"Soner satt sammen av SSBs grunnkretser (Geonorge, CC BY 4.0) etter "
                                  f"koblingstabellen {self.crosswalk_path.name}.")
            return
        if self.place.levekar_year is None:
            raise SourceError(f"{self.place.name}: no published zone layers; pass --crosswalk CSV to build zones "
                              "from grunnkretser")
        year = self.place.levekar_year
        got = {name: self.attempt(trondheim.fetch_layer, self.http, name, year) for name in trondheim.AGE_LAYERS}
        if any(v is None for v in got.values()):
            return
        layers = {k: v for k, v in got.items() if v is not None}
        self.record([lay.fetched for lay in layers.values()], trondheim.LICENCE)
        self.zones = trondheim.zones_from_layer(layers[trondheim.AGE_LAYERS[0]])
        self.values.append(trondheim.age_indicators(layers, year))
        self.geometry_note = (f"Offisielle levekårssoner fra Trondheim kommunes levekårskart 2020 (lag {year}), "
                              "omregnet fra EPSG:4326 til EPSG:25833.")

    def step_districts(self) -> None:
        """Districts (bydeler) for the zones from a local table, recorded in the manifest."""
        if self.zones is None or self.districts_path is None:
            return
        self.zones, warnings = xwalk.assign_districts(self.zones, self.districts_path)
        self.warnings.extend(str(w).removeprefix("warning: ") for w in warnings)
        self.manifest.append(local_entry(self.districts_path, "Bydelstilhørighet: " + self.districts_path.name))

    def step_derive_crosswalk(self) -> None:
        """A draft crosswalk grunnkrets → zone by area overlap, written for review (``--write-crosswalk``)."""
        if self.zones is None or self.write_crosswalk_path is None:
            return
        gk, fetched = geonorge.grunnkretser(self.http, self.place.kommune)
        self.record(fetched, geonorge.GRUNNKRETS_LICENCE)
        draft = xwalk.derive_crosswalk(self.zones, gk)
        xwalk.write_crosswalk(draft, self.write_crosswalk_path)
        self.warnings.append(f"draft crosswalk written to {self.write_crosswalk_path}: {len(draft)} of {len(gk)} "
                             f"grunnkretser matched {draft['zone_id'].nunique()} of {len(self.zones)} zones — review "
                             "overlap_share before using it with --crosswalk")

    def step_outline(self) -> None:
        """Kommune outline (Kartverket): a sanity check that the zones lie inside the kommune."""
        outline, fetched = geonorge.kommune_outline(self.http, self.place.kommune)
        self.record([fetched], geonorge.KOMMUNE_LICENCE)
        if self.zones is None or self.zones.empty:
            return
        area = self.zones.geometry.area.sum()
        outside = self.zones.geometry.difference(outline).area.sum()
        if area > 0 and outside / area > OUTSIDE_TOLERANCE:
            self.warnings.append(f"{outside / area:.1%} of the zones' area lies outside kommune {self.place.kommune}'s "
                                 "outline; check the zone source")

    def step_ssb(self) -> None:
        """SSB tables: kommune level → references; grunnkrets level → zones (with a crosswalk)."""
        api = ssb.PxWebApi(self.http)
        for table in self.place.kommune_tables:
            try:
                rows = self.attempt(ssb.read_table, api, table)
            except (SourceFormatError, SourceRequestError) as exc:
                if not table.optional:
                    raise
                self.warnings.append(f"optional SSB table {table.id} skipped: {exc}")
                continue
            if rows is None:
                continue
            self.references.append(pd.DataFrame({
                "geography": rows["region_label"],
                "level": [ssb.region_level(c, table.level) for c in rows["region"]],
                "indicator": rows["indicator"], "year": rows["year"], "value": rows["value"], "unit": rows["unit"],
                "source": rows["source"], "note": rows["status"].where(rows["status"] != "published", "")}))
        if self.crosswalk is not None:
            for table in self.place.grunnkrets_tables:
                rows = self.attempt(ssb.read_table, api, table)
                if rows is not None:
                    self.values.append(xwalk.aggregate_to_zones(rows, self.crosswalk))
        self.record(api.fetched, ssb.LICENCE)

    def step_access_inputs(self) -> None:
        """GTFS, population grid and OSM green areas, written to ``access_dir`` in the formats ``geo access`` reads."""
        folder = self.access_dir
        if folder is None:
            return
        folder.mkdir(parents=True, exist_ok=True)
        gtfs = self.attempt(entur.fetch_gtfs, self.http)
        grid = self.attempt(ssb_grid.fetch_grid, self.http)
        green = None
        if self.zones is not None and not self.zones.empty:
            w, s, e, n = self.zones.to_crs("EPSG:4326").total_bounds
            green = self.attempt(osm.fetch_green, self.http, (round(s, 4), round(w, 4), round(n, 4), round(e, 4)))
        if gtfs is not None:
            self.record([gtfs], entur.LICENCE)
            self.inputs["gtfs"] = str(_copy_atomic(gtfs.path, folder / "atb_gtfs.zip"))
        if grid is not None:
            self.record(grid.requests + grid.files, ssb_grid.LICENCE)
            cells = ssb_grid.population_cells(grid)
            self.inputs["population"] = str(_write_gpkg(cells, folder / "population_250m.gpkg"))
        if green is not None:
            self.record([green], osm.LICENCE)
            areas = osm.green_polygons(green.json(), green.name).assign(attribution=osm.ATTRIBUTION)
            self.inputs["green"] = str(_write_gpkg(areas, folder / "green_areas_osm.gpkg"))

    def step_context(self) -> None:
        """OpenStreetMap water, coastline and major roads around the zones, stored as the ``context`` layer."""
        if self.zones is None or self.zones.empty:
            return
        w, s, e, n = self.zones.to_crs("EPSG:4326").total_bounds
        fetched = self.attempt(osm.fetch_context, self.http, (round(s, 4), round(w, 4), round(n, 4), round(e, 4)))
        if fetched is None:
            return
        self.record([fetched], osm.LICENCE)
        self.context = osm.context_features(fetched.json(), fetched.name)

    def steps(self) -> list[tuple[str, Callable[[], None]]]:
        """The steps to run, as (label, function)."""
        out = [("zones", self.step_zones)]
        if self.districts_path is not None:
            out.append(("districts", self.step_districts))
        if self.write_crosswalk_path is not None:
            out.append(("draft crosswalk", self.step_derive_crosswalk))
        out += [("kommune outline", self.step_outline), ("SSB tables", self.step_ssb)]
        if self.access_dir is not None:
            out.append(("access inputs", self.step_access_inputs))
        if self.with_context:
            out.append(("map context", self.step_context))
        return out

    # --- result -----------------------------------------------------------------------------------
    def dataset(self) -> Dataset:
        """The built dataset (zones + values + references + manifest)."""
        if self.zones is None:
            raise SourceError(f"{self.place.name}: no zones were built")
        values = values_frame([]) if not self.values else pd.concat(self.values, ignore_index=True)
        known = set(self.zones["zone_id"])
        stray = sorted(set(values["zone_id"]) - known)
        if stray:
            self.warnings.append(f"values for {len(stray)} zone id(s) without a polygon were left out: {stray[:10]}")
            values = values[values["zone_id"].isin(known)]
        refs = pd.concat(self.references, ignore_index=True) if self.references else None
        built = self.http.now().astimezone(UTC).isoformat(timespec="seconds")
        # Named by when the data was retrieved (the newest input), not when it was assembled, so an
        # offline rebuild from the same cache describes the same data the same way.
        fetched = max((e["retrieved_at"] for e in self.manifest), default=built)
        meta = {
            "name": f"{self.place.name} – offisielle data (hentet {fetched[:10]})",
            "demo": False,
            "place": self.place.key,
            "area": self.place.name,
            "kommune": self.place.kommune,
            "geometry": self.geometry_note,
            "fetched_at": fetched,
            "built_at": built,
            "manifest": merge_manifest(self.manifest),
            "licences": sorted({e["licence"] for e in self.manifest if e["licence"]}),
            "warnings": self.warnings,
        }
        meta["attribution"] = {lang: manifest.attribution(meta, lang) for lang in ("nb", "en")}
        if self.inputs:
            meta["access_inputs"] = self.inputs
        return Dataset(zones=self.zones, values=values, catalog=DEFAULT_CATALOG, meta=meta, references=refs,
                       context=self.context)


def _copy_atomic(src: Path, target: Path) -> Path:
    with atomic_path(target) as tmp:
        shutil.copyfile(src, tmp)
    return target


def _write_gpkg(frame: gpd.GeoDataFrame, target: Path) -> Path:
    with atomic_path(target, suffix=".tmp.gpkg") as tmp:
        frame.to_file(tmp, driver="GPKG", layer=target.stem)
    return target


def local_entry(path: Path, name: str, licence: str = "") -> dict[str, Any]:
    """A manifest entry for a local input file (checksum and size of its current content)."""
    data = Path(path).read_bytes()
    return {"name": name, "url": Path(path).resolve().as_uri(), "query": None,
            "retrieved_at": datetime.now(UTC).isoformat(timespec="seconds"), "licence": licence,
            "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}


def build_place(place: Place, http: HttpClient, *, crosswalk: Path | None = None, allow_unmapped: bool = False,
                access_inputs: Path | None = None, districts: Path | None = None,
                write_crosswalk: Path | None = None, context: bool = False,
                on_step: Callable[[str, int, int], None] | None = None) -> Dataset:
    """Run every step for ``place`` and return the dataset.

    Parameters
    ----------
    place : Place
        What to fetch (see :data:`PLACES`).
    http : HttpClient
        Fetches and caches every request (offline or not).
    crosswalk : path, optional
        Build zones from grunnkretser through this CSV instead of the kommune's zone layers.
    allow_unmapped : bool
        With ``crosswalk``: grunnkretser without a zone are warnings, not errors.
    access_inputs : path, optional
        Folder to write GTFS, population grid and green areas to, for ``geo access``.
    districts : path, optional
        CSV giving each zone's district.
    write_crosswalk : path, optional
        Write a draft crosswalk (grunnkrets → zone by area overlap) here.
    context : bool
        Also fetch OpenStreetMap water, coastline and major roads as the dataset's ``context`` layer.
    on_step : callable, optional
        ``on_step(label, index, total)`` before each step (for a progress bar).

    Raises
    ------
    OfflineIncomplete
        Offline, when any response is missing from the cache (all of them listed).
    SourceError, ValidationError
        When a source fails or the crosswalk is invalid.
    """
    def as_path(value: Path | str | None) -> Path | None:
        return Path(value) if value else None

    b = Build(place, http, crosswalk_path=as_path(crosswalk), allow_unmapped=allow_unmapped,
              access_dir=as_path(access_inputs), districts_path=as_path(districts),
              write_crosswalk_path=as_path(write_crosswalk), with_context=context)
    steps = b.steps()
    for i, (label, step) in enumerate(steps):
        if on_step:
            on_step(label, i, len(steps))
        b.attempt(step)
    if b.misses:
        raise OfflineIncomplete(b.misses)
    return b.dataset()

