"""Build the embedded demonstration dataset "Trondheim levekårssoner (demonstrasjon)".

Run from the repository root::

    python data/build_demo.py            # writes data/trondheim_demo.gpkg (deterministic)

What is real and what is not (also in data/README.md):

- Real: the 60 zone names of Trondheim's 2020 levekår edition, an approximate point inside each zone,
  each zone's mapped area, and the handful of published figures in ``data/facts/published_figures.csv``
  that can be tied to an indicator of the catalogue, a year and a zone (status ``published``), plus
  published city and bydel figures kept in the ``references`` layer.
- Not real: the boundaries (a Voronoi tessellation of the zone points, each cell cut to a disc sized
  from the zone's area, so a clean gap- and overlap-free coverage), the bydel of each zone (approximate),
  and every other value (status ``synthetic``).

The synthetic model (seeded, so every run gives the same numbers):

1. Three latent zone traits: *deprivation* (spatially smooth noise — a Gaussian kernel over zone
   distances, bandwidth 1.5 km, so neighbours resemble each other — plus a lift for the ten areas the
   kommune names as candidates for områdesatsing "med bakgrunn i levekårsdata", and for Heimdal, where
   the documents say persistent low income is higher), *centrality* (decays with distance from
   Midtbyen) and *student share* (zones around NTNU campuses).
2. Each share indicator is a logistic function of these traits plus a small smooth yearly trend; its
   intercept is solved so the denominator-weighted city figure matches the published city figure where
   one exists (e.g. children in low-income households 8.6 % in 2022), or a plausible level otherwise.
3. Denominators come from a population model (zone area × a density that falls with distance from the
   centre, scaled to ~205 000 residents in 2024 in the pre-2020 municipality, growing ~1 %/year) and
   age/household shares; numerators are the expected counts, rounded, with a smooth (AR(1)) yearly
   wander per zone, so trends are smooth, small zones move by whole people, and a few rural zones have
   counts small enough that they must be suppressed before publication.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy.optimize import brentq

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo.access import demo_access_values  # noqa: E402
from geo.config import ANALYSIS_CRS, DEMO_DATASET, FACTS_DIR  # noqa: E402
from geo.data.catalog import DEFAULT_CATALOG  # noqa: E402
from geo.data.dataset import Dataset, save, values_frame  # noqa: E402

SEED = 20201  # 2020 edition, build 1
NAME = "Trondheim levekårssoner (demonstrasjon)"
REGISTER_YEARS = list(range(2015, 2025))
SURVEY_YEARS = [2019, 2023]
COMPUTED_YEARS = [2024]
CENTRE = (10.395, 63.430)  # Torvet, lon/lat
FACTS_DOC = "NTNU WellFare & Trondheim kommune (2024), kunnskapsgrunnlag for UNGT LØFT"
SYNTHETIC_SOURCE = "Syntetisk demonstrasjonsverdi (data/build_demo.py, seed {seed}) — ikke offisiell statistikk"

#: Zones the kommune points out as candidate areas for områdesatsing "med bakgrunn i levekårsdata"
#: (zone_groups.csv, group omradesatsing_kandidater) get a deprivation lift.
CANDIDATE_GROUP = "omradesatsing_kandidater"
#: Zones around the NTNU/university campuses and the student housing there.
STUDENT_ZONES = {"Moholt": 1.0, "Øya-Elgeseter": 0.9, "Møllenberg": 0.7, "Singsaker": 0.6, "Berg-Tyholt": 0.5,
                 "Nardo": 0.4, "Bakklandet": 0.6, "Rosenborg": 0.4, "Midtbyen": 0.4, "Lademoen": 0.3}
#: Zones the documents single out as well-off (children in low-income families < 3 %).
WELL_OFF_ZONES = {"Olderdalen": 1.0, "Nedre Charlottenlund": 1.0, "Øvre Charlottenlund": 0.6,
                  "Reppe-Vikåsen": 0.6, "Berg-Tyholt": 0.3, "Singsaker": 0.3}
#: Rural/edge zones with few residents (their counts become small).
SPARSE_ZONES = {"Spongdal": 0.35, "Rye": 0.3, "Bratsberg-Jonsvatnet-Leira": 0.25, "Sørborgen": 0.4}


# --- geometry -----------------------------------------------------------------------------------
def schematic_zones(facts: pd.DataFrame) -> gpd.GeoDataFrame:
    """Voronoi cells of the zone points, each cut to a disc sized from the zone's area.

    Each cell ∩ disc is convex, so every zone is one valid polygon; neighbours share the Voronoi edge
    between them exactly, so the result is a clean coverage (checked with ``shapely.coverage_is_valid``).
    """
    pts = gpd.GeoSeries(gpd.points_from_xy(facts["approx_lon"], facts["approx_lat"]), crs="EPSG:4326")
    pts = pts.to_crs(ANALYSIS_CRS)
    envelope = shapely.box(*pts.total_bounds).buffer(10_000)
    cells = shapely.voronoi_polygons(shapely.MultiPoint(list(pts)), extend_to=envelope)
    cells = list(cells.geoms)
    # voronoi_polygons does not keep input order: match each cell to the point inside it.
    tree = shapely.STRtree(cells)
    order = [int(tree.query(p, predicate="within")[0]) for p in pts]
    radius = np.maximum(np.sqrt(facts["area_km2"].to_numpy() * 1e6 / np.pi) * 1.4, 550.0)
    # One settled area for all cells (union of the discs, holes filled), so a shared Voronoi edge is cut
    # at the same point on both sides and neighbours keep identical edges.
    settled = shapely.union_all([p.buffer(r, quad_segs=12) for p, r in zip(pts, radius, strict=True)])
    settled = shapely.MultiPolygon([shapely.Polygon(g.exterior) for g in getattr(settled, "geoms", [settled])])
    geoms = [shapely.set_precision(cells[order[i]].intersection(settled), grid_size=0.01) for i in range(len(pts))]
    # A cell may reach into another zone's disc and come out in several parts: keep the part holding
    # the zone's point and give each stray part to the neighbour it shares the longest edge with.
    strays = []
    for i, p in enumerate(pts):
        parts = list(getattr(geoms[i], "geoms", [geoms[i]]))
        keep = [g for g in parts if g.intersects(p)]
        strays += [g for g in parts if not g.intersects(p)]
        geoms[i] = keep[0]
    for piece in strays:
        shared = [piece.boundary.intersection(g.boundary).length for g in geoms]
        j = int(np.argmax(shared))
        if shared[j] > 0:
            geoms[j] = shapely.set_precision(geoms[j].union(piece), grid_size=0.01)
    out = gpd.GeoDataFrame(geometry=geoms, crs=ANALYSIS_CRS)
    assert out.geometry.is_valid.all()
    assert bool(shapely.coverage_is_valid(np.asarray(out.geometry)))
    return out


# --- latent traits ------------------------------------------------------------------------------
def smooth_field(xy: np.ndarray, rng: np.random.Generator, bandwidth: float = 1500.0) -> np.ndarray:
    """Spatially smooth standard-normal noise: a Gaussian-kernel average of i.i.d. draws."""
    d2 = ((xy[:, None, :] - xy[None, :, :]) ** 2).sum(-1)
    k = np.exp(-d2 / (2 * bandwidth**2))
    f = k @ rng.standard_normal(len(xy)) / k.sum(1)
    return (f - f.mean()) / f.std()


def traits(facts: pd.DataFrame, xy: np.ndarray, groups: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Latent zone traits (deprivation, centrality, student, heimdal, green edge), standardised-ish."""
    names = facts["name"]
    candidates = set(groups.loc[groups["group_id"] == CANDIDATE_GROUP, "zone_name"])
    centre = gpd.GeoSeries(gpd.points_from_xy([CENTRE[0]], [CENTRE[1]]), crs="EPSG:4326").to_crs(ANALYSIS_CRS)
    cx, cy = centre.iloc[0].x, centre.iloc[0].y
    dist = np.hypot(xy[:, 0] - cx, xy[:, 1] - cy)
    dep = (0.6 * smooth_field(xy, rng) + 1.3 * names.isin(candidates)
           + 0.35 * (facts["bydel_approx"] == "Heimdal") - 1.1 * names.map(WELL_OFF_ZONES).fillna(0))
    t = pd.DataFrame({
        "deprivation": (dep - dep.mean()) / dep.std(),
        "centrality": np.exp(-dist / 2500.0) * 2 - 0.5,
        "student": names.map(STUDENT_ZONES).fillna(0.0) * 2,
        "heimdal": (facts["bydel_approx"] == "Heimdal").astype(float),
        # Outer zones lie next to Bymarka/Estenstadmarka: the documents say satisfaction with green
        # areas is highest "near marka" and lowest near the fjord and along Nidelva.
        "edge": np.clip(dist / 4000.0, 0, 2.5) - 1.0,
        "dist_km": dist / 1000.0,
    })
    t.index = names.to_numpy()
    return t


# --- population ---------------------------------------------------------------------------------
def population_model(facts: pd.DataFrame, t: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Residents per zone and year, plus the group sizes denominators need."""
    density = 2600 + 5000 * np.exp(-t["dist_km"].to_numpy() / 2.5)  # residents per km²
    density *= facts["name"].map(SPARSE_ZONES).fillna(1.0).to_numpy()
    base = facts["area_km2"].to_numpy() * density * rng.lognormal(0, 0.15, len(facts))
    base *= 205_000 / base.sum()
    rows = []
    for year in REGISTER_YEARS:
        growth = (1 - 0.011 * (2024 - year)) * (1 + 0.002 * (year - 2020) * t["centrality"].to_numpy())
        rows.append(pd.DataFrame({"name": facts["name"], "year": year, "population": np.round(base * growth)}))
    return pd.concat(rows, ignore_index=True)


# --- indicator model ----------------------------------------------------------------------------
#: Per indicator: coefficients on the traits (logit scale), calibration target (city share in % at a
#: year; from the published figure cited, or a plausible level marked "plausible"), yearly trend on the
#: logit scale, denominator group, and the years it exists.
MODEL: dict[str, dict] = {
    "children_0_17": dict(coef={"centrality": -0.55, "student": -0.5, "deprivation": 0.15}, target=(2024, 19.5),
                          basis="plausible", trend=-0.01, den="population"),
    "child_low_income": dict(coef={"deprivation": 0.75, "student": 0.15}, target=(2022, 8.6),
                             basis="published: Trondheim 8.6 % in 2022 (SSB table 08764)", trend=0.0, den="children"),
    "child_persistent_low_income": dict(coef={"deprivation": 0.8, "heimdal": 0.25}, target=(2022, 7.8),
                                        basis="published: 6.7 → 8 % over ten years, latest 7.8 %", trend=0.02,
                                        den="children"),
    "low_income_households": dict(coef={"deprivation": 0.45, "centrality": 0.45, "student": 0.35}, target=(2022, 14.0),
                                  basis="published: ca. 14 % of households in 2022", trend=0.0, den="households"),
    "unemployment": dict(coef={"deprivation": 0.5}, target=(2021, 2.8),
                         basis="published: 2.8 % in 2021, 1.4 % in 2022", trend=0.0, den="age15_74",
                         by_year={2015: 0.02, 2016: 0.06, 2017: -0.05, 2018: -0.12, 2019: -0.15, 2020: 0.3,
                                  2021: 0.0, 2022: -0.72, 2023: -0.62, 2024: -0.55}),
    "neet_15_29": dict(coef={"deprivation": 0.5, "student": -0.2}, target=(2021, 10.0),
                       basis="published: 9–11 % since 2008", trend=0.0, den="age15_29"),
    "disability_18_29": dict(coef={"deprivation": 0.45, "heimdal": 0.45}, target=(2022, 1.9),
                             basis="published bydel 3-year averages 1.2–3.2 % (2016–2022)", trend=0.07, den="age18_29"),
    "social_assistance": dict(coef={"deprivation": 0.7}, target=(2022, 3.5), basis="plausible", trend=-0.01,
                              den="age18_66"),
    "higher_education": dict(coef={"deprivation": -0.55, "centrality": 0.2, "student": 0.25}, target=(2022, 52.0),
                             basis="plausible", trend=0.025, den="age30_59"),
    "low_education": dict(coef={"deprivation": 0.6, "student": -0.1}, target=(2022, 13.0), basis="plausible",
                          trend=-0.02, den="age30_59"),
    "immigrants": dict(coef={"deprivation": 0.55, "student": 0.3}, target=(2024, 17.0), basis="plausible",
                       trend=0.035, den="population"),
    "owner_occupied": dict(coef={"deprivation": -0.45, "centrality": -0.5, "student": -0.6}, target=(2022, 64.0),
                           basis="plausible", trend=-0.005, den="households"),
    "crowded_housing": dict(coef={"deprivation": 0.45, "centrality": 0.4, "student": 0.35}, target=(2022, 10.0),
                            basis="plausible", trend=0.0, den="population"),
    "green_space_satisfaction": dict(coef={"edge": 0.75, "deprivation": -0.15, "centrality": -0.2},
                                     target=(2019, 62.0), basis="published range ca. 37–87 % across the city",
                                     trend=0.01, den="respondents", years=SURVEY_YEARS),
    "transit_satisfaction": dict(coef={"centrality": 0.45, "edge": -0.35}, target=(2019, 41.0),
                                 basis="published: 'i overkant av 40 %' for the city", trend=0.0, den="respondents",
                                 years=SURVEY_YEARS),
}

#: Group sizes as shares of the population, by zone trait (a simple, documented stand-in).
def group_sizes(pop: pd.DataFrame, t: pd.DataFrame, children: np.ndarray) -> pd.DataFrame:
    """Denominator groups per zone-year (children, households, age bands, survey respondents)."""
    g = pop.copy()
    tr = t.loc[g["name"]]
    student = tr["student"].to_numpy()
    centre = tr["centrality"].to_numpy()
    g["children"] = children
    g["households"] = np.round(g["population"] / (2.3 - 0.35 * centre - 0.3 * student))
    g["age15_74"] = np.round(g["population"] * 0.74)
    g["age15_29"] = np.round(g["population"] * np.clip(0.19 + 0.12 * student + 0.03 * centre, 0.1, 0.6))
    g["age18_29"] = np.round(g["age15_29"] * 0.8)
    g["age18_66"] = np.round(g["population"] * 0.66)
    g["age30_59"] = np.round(g["population"] * 0.40)
    # Survey respondents: roughly 4 % of adults answered, at least a dozen per zone.
    g["respondents"] = np.maximum(np.round(g["population"] * 0.04), 25)
    return g


def _logit(p: float) -> float:
    return float(np.log(p / (1 - p)))


def smooth_noise(years: list[int], n: int, rng: np.random.Generator, rho: float = 0.8,
                 scale: float = 0.05) -> dict[int, np.ndarray]:
    """Per-zone yearly deviations on the logit scale: an AR(1) process, so trends wander smoothly."""
    out, prev = {}, rng.standard_normal(n) * scale
    for y in years:
        prev = rho * prev + np.sqrt(1 - rho**2) * scale * rng.standard_normal(n)
        out[y] = prev
    return out


def published_anchors(published: pd.DataFrame) -> tuple[dict, dict]:
    """Zone figures the synthetic series must pass through.

    Returns
    -------
    shares : dict
        ``{indicator: [(zone name, year, share %, published row)]}`` — zone shares published in the
        documents (children 0–17 in low-income families, 2022: Lademoen, Midtbyen).
    children : dict
        ``{(zone name, year): count}`` — published numbers of children 0–17 in those zones.
    """
    zone_level = published["geography_level"].str.startswith("levekårssone")
    shares: dict[str, list] = {"child_low_income": []}
    children: dict[tuple[str, int], float] = {}
    for _, row in published[zone_level].iterrows():
        if row["indicator"].startswith("Share of children 0-17 in low-income families"):
            shares["child_low_income"].append((row["geography"], int(row["year"]),
                                               float(str(row["value"]).split()[0]), row))
        elif row["indicator"].startswith("Children 0-17 living in the zone"):
            children[(row["geography"], int(row["year"]))] = float(row["value"])
    return shares, children


def simulate(facts: pd.DataFrame, t: pd.DataFrame, pop: pd.DataFrame, published: pd.DataFrame,
             rng: np.random.Generator) -> pd.DataFrame:
    """All synthetic zone values, long format (zone name instead of zone_id)."""
    share_anchors, child_anchors = published_anchors(published)
    names = facts["name"].to_numpy()
    pos = {n: i for i, n in enumerate(names)}
    pop_by_year = {y: pop.loc[pop["year"] == y, "population"].to_numpy() for y in REGISTER_YEARS}
    # Published child counts become share anchors of children_0_17 (count / synthetic population).
    share_anchors["children_0_17"] = [(n, y, c / pop_by_year[y][pos[n]] * 100, None)
                                      for (n, y), c in child_anchors.items()]
    rows: list[pd.DataFrame] = []
    groups = None
    for ind_id, m in MODEL.items():
        years = m.get("years", REGISTER_YEARS)
        lin = sum(coef * t[trait] for trait, coef in m["coef"].items()).to_numpy()
        base = lin + 0.15 * rng.standard_normal(len(t))
        year_noise = smooth_noise(years, len(t), rng)
        offset = np.zeros(len(t))

        def logits(year: int, a: float, base=base, m=m, year_noise=year_noise, offset=offset) -> np.ndarray:
            return (a + base + offset + m["trend"] * (year - 2020) + m.get("by_year", {}).get(year, 0.0)
                    + year_noise[year])

        def denominators(year: int, m=m, groups=groups) -> np.ndarray:
            return pop_by_year[year] if groups is None else groups.loc[groups["year"] == year, m["den"]].to_numpy()

        ty, target = m["target"]
        ty = ty if ty in years else years[-1]

        def gap(a: float, ty=ty, target=target, logits=logits, denominators=denominators) -> float:
            p = 1 / (1 + np.exp(-logits(ty, a)))
            w = denominators(ty)
            return float((p * w).sum() / w.sum() * 100 - target)

        # Solve the intercept, pull anchored zones through their published share, solve again.
        a = brentq(gap, -12, 12)
        for _ in range(2):
            for name, year, share, _row in share_anchors.get(ind_id, []):
                i = pos[name]
                offset[i] += _logit(share / 100) - logits(year, a)[i]
            a = brentq(gap, -12, 12)
        for year in years:
            p = 1 / (1 + np.exp(-logits(year, a)))
            den = denominators(year)
            # Expected counts, rounded: registers count everyone, so the year-to-year movement comes
            # from the smooth zone trend, not from sampling; small zones still jump by whole people.
            num = np.round(den * p)
            if ind_id == "children_0_17":
                for (name, y), count in child_anchors.items():
                    if y == year:
                        num[pos[name]] = count
            rows.append(pd.DataFrame({"name": names, "indicator": ind_id, "year": year,
                                      "numerator": num, "denominator": den}))
        if ind_id == "children_0_17":
            kids = pd.concat(rows, ignore_index=True)["numerator"].to_numpy()
            groups = group_sizes(pop, t, kids)
    out = pd.concat(rows, ignore_index=True)
    out["value"] = out["numerator"] / out["denominator"] * 100
    out["status"] = "synthetic"
    out["source"] = ""
    # Surveys: 95 % Wilson interval from the respondents; respondents are not residents, so the
    # numerator/denominator are dropped (the city figure is then an unweighted mean, flagged as such).
    survey = out["indicator"].map(lambda i: DEFAULT_CATALOG[i].kind == "survey")
    lo, hi = wilson(out.loc[survey, "numerator"], out.loc[survey, "denominator"])
    out.loc[survey, "ci_low"], out.loc[survey, "ci_high"] = lo * 100, hi * 100
    out.loc[survey, ["numerator", "denominator"]] = np.nan
    out = pd.concat([out, population_rows(pop)], ignore_index=True)
    return apply_published(out, share_anchors)


def population_rows(pop: pd.DataFrame) -> pd.DataFrame:
    """The ``population`` count indicator."""
    return pd.DataFrame({"name": pop["name"], "indicator": "population", "year": pop["year"],
                         "value": pop["population"], "status": "synthetic"})


def wilson(k: pd.Series, n: pd.Series, z: float = 1.96) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for k successes out of n."""
    k, n = k.to_numpy(float), n.to_numpy(float)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


# --- published figures --------------------------------------------------------------------------
def apply_published(values: pd.DataFrame, share_anchors: dict) -> pd.DataFrame:
    """Replace synthetic zone values by the published zone figures.

    The synthetic series already pass through these figures (see :func:`simulate`); here the rows get
    the published value, status and source. The number of children is published, the number of
    low-income children is not, so the numerator is left empty rather than back-computed from a
    rounded share. The source marks that the document reports the zone grouped with neighbours.
    """
    v = values.copy()
    for ind_id, anchors in share_anchors.items():
        for name, year, share, row in anchors:
            if row is None:
                continue
            children = float(re.search(r"of (?:total )?(\d+)", str(row["value"])).group(1))
            key = (v["name"] == name) & (v["indicator"] == ind_id) & (v["year"] == year)
            v.loc[key, ["value", "numerator", "denominator", "status", "source"]] = [
                share, np.nan, children, "published",
                f"{row['source_cited']} (levekårssone, gruppert i kilden); sitert i {FACTS_DOC}, "
                f"linje {row['document_line']}"]
    return v


def references(published: pd.DataFrame) -> pd.DataFrame:
    """Published city and bydel figures that match catalogue indicators, for comparison in the app."""
    doc = f"{FACTS_DOC}"
    refs = [
        ("Trondheim", "kommune", "child_low_income", 2022, 8.6, "SSB tabell 08764", "8–9 % de siste årene"),
        ("Trondheim", "kommune", "low_income_households", 2022, 14.0, "SSB (data for Trondheim kommune)",
         "ca. 14 % (ca. 12 000 av ca. 104 000 husholdninger)"),
        ("Trondheim", "kommune", "unemployment", 2021, 2.8, "NAV/SSB", "registrert ledighet"),
        ("Trondheim", "kommune", "unemployment", 2022, 1.4, "NAV/SSB", "registrert ledighet"),
        ("Trondheim", "kommune", "transit_satisfaction", 2019, 40.0, "Heimburg et al. (2021b)",
         "'i overkant av 40 %'; år ikke oppgitt, vist ved 2019 (HUNT4 Trondheim)"),
    ]
    rows = [dict(geography=g, level=lv, indicator=i, year=y, value=val, unit="%", source=f"{src}; sitert i {doc}",
                 note=note) for g, lv, i, y, val, src, note in refs]
    dis = published[published["indicator"].str.startswith("Recipients of disability benefits aged 18-29")]
    for _, row in dis.iterrows():
        periods = [p.strip() for p in str(row["year"]).split("/")]
        vals = [float(x) for x in str(row["value"]).split("/")]
        for period, val in zip(periods, vals, strict=True):
            rows.append(dict(geography=row["geography"], level=row["geography_level"], indicator="disability_18_29",
                             year=int(period.split("-")[1]), value=val, unit="%",
                             source=f"{row['source_cited']}; sitert i {doc}",
                             note=f"standardisert treårsgjennomsnitt {period}"))
    return pd.DataFrame(rows)


# --- assembly -----------------------------------------------------------------------------------
def build(facts_dir: Path = FACTS_DIR) -> Dataset:
    """Build the demo dataset from the facts (deterministic)."""
    rng = np.random.default_rng(SEED)
    facts = pd.read_csv(facts_dir / "trondheim_levekarssoner_2020.csv")
    groups = pd.read_csv(facts_dir / "zone_groups.csv")
    published = pd.read_csv(facts_dir / "published_figures.csv")
    facts = facts.sort_values(["bydel_approx", "name"], kind="stable").reset_index(drop=True)
    facts["zone_id"] = [f"LKS{i + 1:02d}" for i in range(len(facts))]

    geoms = schematic_zones(facts)
    zones = gpd.GeoDataFrame({"zone_id": facts["zone_id"], "name": facts["name"],
                              "district": facts["bydel_approx"]}, geometry=geoms.geometry, crs=ANALYSIS_CRS)
    xy = np.column_stack([geoms.geometry.representative_point().x, geoms.geometry.representative_point().y])
    pts = gpd.GeoSeries(gpd.points_from_xy(facts["approx_lon"], facts["approx_lat"]), crs="EPSG:4326")
    pts = pts.to_crs(ANALYSIS_CRS)
    xy = np.column_stack([pts.x, pts.y])
    t = traits(facts, xy, groups, rng)
    pop = population_model(facts, t, rng)
    values = simulate(facts, t, pop, published, rng)
    values["source"] = values["source"].where(values["status"] == "published", SYNTHETIC_SOURCE.format(seed=SEED))
    values["zone_id"] = values["name"].map(dict(zip(facts["name"], facts["zone_id"], strict=True)))
    values = values.drop(columns="name")
    # transit_access and green_access are computed by geo.access from the synthetic demo inputs in
    # data/demo_inputs/ (GTFS feed, population points, green areas; see data/build_demo_inputs.py).
    access = demo_access_values(zones, COMPUTED_YEARS[0], ROOT / "data" / "demo_inputs")
    values = pd.concat([values, access], ignore_index=True)

    meta = {
        "name": NAME,
        "demo": True,
        "description": ("Demonstrasjonsdata: ekte sonenavn og omtrentlige plasseringer, skjematiske grenser og "
                        "for det meste syntetiske verdier. Ikke bruk tallene til beslutninger."),
        "geometry": "schematic: Voronoi cells of approximate zone points cut to discs sized from zone area; "
                    "not the official boundaries",
        "district_note": "bydel per zone is approximate (general knowledge), not from an official list",
        # The same texts in the other UI language (Dataset.meta_text picks the one for the reader).
        "description_en": ("Demonstration data: real zone names and approximate locations, schematic boundaries and "
                           "mostly synthetic values. Do not use the numbers for decisions."),
        "geometry_nb": "skjematisk: Voronoi-celler rundt omtrentlige sonepunkter, avgrenset av sirkler med sonens "
                       "areal; ikke de offisielle grensene",
        "district_note_nb": "bydel per sone er omtrentlig (allmenn kunnskap), ikke fra en offisiell liste",
        "built_by": "data/build_demo.py",
        "seed": SEED,
        "built": dt.date(2026, 11, 22).isoformat(),
        "manifest": [
            {"name": "trondheim_levekarssoner_2020.csv", "what": "zone names, approximate points, areas",
             "source": "Trondheim kommune, levekår 2020 map layers (names); locations approximate",
             "licence": "facts; see data/facts/README.md"},
            {"name": "published_figures.csv", "what": "published figures used as values and references",
             "source": "Trondheim kommune planning documents (see each value's source)",
             "licence": "facts; see data/facts/README.md"},
            {"name": "zone_groups.csv", "what": "candidate areas used to shape the synthetic model",
             "source": "Trondheim kommune, Sluttrapport Pilot 0-24 (2024)", "licence": "facts"},
        ],
        "model": {k: {"target": list(m["target"]), "basis": m["basis"]} for k, m in MODEL.items()},
    }
    return Dataset(zones=zones, values=values_frame(values.to_dict("records")), catalog=DEFAULT_CATALOG,
                   meta=meta, references=references(published))


def main() -> None:
    ds = build()
    save(ds, DEMO_DATASET, overwrite=True)
    print(f"wrote {DEMO_DATASET.relative_to(ROOT)}: {len(ds.zones)} zones, {len(ds.indicator_ids)} indicators, "
          f"{len(ds.values)} values, version {ds.version()}")


if __name__ == "__main__":
    main()
