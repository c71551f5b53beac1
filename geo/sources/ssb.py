"""Statistics Norway's PxWebApi v2: a generic table reader and the tables configured for Trondheim.

Reading a table is metadata → query → tidy frame:

1. ``GET /tables/{id}/metadata?lang=..&outputFormat=json-stat2`` (a JSON-stat2 dataset without values)
   tells the dimensions, their codes, which ones may be left out (``extension.elimination``), which
   codelists each offers (``extension.codelists``) and which dimension is time (``role.time``).
2. The configured selection is checked against it — a dimension that no longer exists is a changed
   schema and ends in a :class:`SourceFormatError` naming the table, the dimension and what exists now.
   Wildcards and ``top(n)`` are resolved to codes where possible, so the query can be split into
   chunks below SSB's 800 000-cell limit.
3. ``POST /tables/{id}/data?lang=..&outputFormat=json-stat2`` with ``{"selection": [{"variableCode",
   "valueCodes", "codeList"?}]}`` per chunk (POST has no URL-length limit; GET URLs past ~2 100
   characters get a 404); every answer is decoded by :mod:`geo.sources.jsonstat`, keeping SSB's
   status symbols (``status`` is an object keyed by cell index, e.g. ``{"3": ".."}``).

Checked against SSB's own material (PxTools/PxApiSpecs ``PxAPI-2.yml``; statisticsnorway/ssb-pxwebapidata
``R/PxWebApi2.R``; janbrus/pxwebapi-skills ``ssb-pxwebapi-v2-skill/references``): the metadata default
format is set by the server, so ``outputFormat=json-stat2`` is asked for explicitly; the codelist list
is spelled ``codelists`` by SSB today and ``codeLists`` in older answers, both are read; SSB answers
errors as ``{"type": "Parameter error", "title": "Non-existent value", "status": 400}``; a code sent
twice in one selection gets an empty HTTP 500, so selections are de-duplicated.

The configured tables (:data:`TABLES`) map cells to indicator ids of
:data:`geo.data.catalog.DEFAULT_CATALOG` through :class:`IndicatorMap` filters, so adding a table is a data
change, not new code.
"""

from __future__ import annotations

import fnmatch
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from geo.data.catalog import DEFAULT_CATALOG, UNIT_SCALE
from geo.sources import jsonstat
from geo.sources.http import Fetched, HttpClient, SourceFormatError

BASE_URL = "https://data.ssb.no/api/pxwebapi/v2"
#: SSB publishes under CC BY 4.0 (``/config`` → ``license``: https://www.ssb.no/en/diverse/lisens).
LICENCE = "CC BY 4.0 (Statistisk sentralbyrå)"
MAX_CELLS = 800_000
_EXPR = re.compile(r"^(top|bottom)\((\d+)(?:,\s*(\d+))?\)$", re.IGNORECASE)


# --- metadata ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TableMeta:
    """What a PxWebApi metadata document says about a table."""

    table_id: str
    label: str
    codes: dict[str, list[str]]
    eliminable: dict[str, bool]
    time_dim: str | None
    codelists: dict[str, list[str]]

    @property
    def dimensions(self) -> list[str]:
        """Dimension ids in storage order."""
        return list(self.codes)


def parse_metadata(doc: Any, table_id: str) -> TableMeta:
    """Read a ``/tables/{id}/metadata`` JSON-stat2 document.

    Raises
    ------
    SourceFormatError
        When the document is not JSON-stat2 metadata.
    """
    source = f"SSB table {table_id} metadata"
    if not isinstance(doc, dict):
        raise SourceFormatError(f"{source}: expected a JSON object, got {type(doc).__name__}")
    codes = jsonstat.dimension_codes(doc, source=source)
    dims = doc["dimension"]
    elim = {d: bool((dims[d].get("extension") or {}).get("elimination", False)) for d in codes}
    lists = {d: [str(c.get("id")) for c in _codelists(dims[d]) if isinstance(c, dict) and c.get("id")] for d in codes}
    time_dims = (doc.get("role") or {}).get("time") or []
    time_dim = time_dims[0] if time_dims else ("Tid" if "Tid" in codes else None)
    return TableMeta(table_id=table_id, label=str(doc.get("label", "")), codes=codes, eliminable=elim,
                     time_dim=time_dim, codelists=lists)


def _codelists(dim: dict) -> list:
    """A dimension's codelists: SSB spells the key ``codelists`` now and ``codeLists`` in older answers."""
    ext = dim.get("extension") or {}
    return ext.get("codelists") or ext.get("codeLists") or []


# --- queries -----------------------------------------------------------------------------------------
def resolve(meta: TableMeta, dim: str, selection: list[str] | str, codelist: str | None) -> list[str]:
    """Explicit codes for a selection where the metadata allows, else the selection unchanged.

    ``*`` and wildcards like ``5001*`` match the table's own codes; ``top(n[, offset])`` takes the
    newest periods of the time dimension (the first codes of others), ``bottom`` the other end.
    Selections through a codelist stay as they are: its codes are not in the table metadata.
    """
    items = [selection] if isinstance(selection, str) else list(selection)
    if codelist:
        return items
    codes = meta.codes[dim]
    ordered = list(reversed(codes)) if dim == meta.time_dim else codes
    out: list[str] = []
    for item in items:
        m = _EXPR.match(item.strip())
        if m:
            n, offset = int(m.group(2)), int(m.group(3) or 0)
            pool = ordered if m.group(1).lower() == "top" else list(reversed(ordered))
            out.extend(pool[offset:offset + n])
        elif any(ch in item for ch in "*?"):
            out.extend(c for c in codes if fnmatch.fnmatchcase(c, item))
        else:
            out.append(item)
    # Keep metadata order and drop duplicates so chunk boundaries are stable between runs.
    rank = {c: i for i, c in enumerate(codes)}
    return sorted(dict.fromkeys(out), key=lambda c: rank.get(c, len(rank)))


def chunk_selection(selection: dict[str, list[str]], max_cells: int = MAX_CELLS) -> list[dict[str, list[str]]]:
    """Split a resolved selection into pieces of at most ``max_cells`` cells.

    The longest dimension is split first; a selection that fits is returned as the only chunk.
    """
    sizes = {d: len(c) for d, c in selection.items()}
    total = math.prod(sizes.values()) if sizes else 1
    if total <= max_cells:
        return [selection]
    dim = max(sizes, key=lambda d: sizes[d])
    rest = total // sizes[dim]
    if rest > max_cells:
        # Even one code of this dimension is too big: split it to single codes and recurse on the rest.
        return [piece for code in selection[dim] for piece in chunk_selection({**selection, dim: [code]}, max_cells)]
    per = max(1, max_cells // rest)
    codes = selection[dim]
    return [{**selection, dim: codes[i:i + per]} for i in range(0, len(codes), per)]


@dataclass
class PxWebApi:
    """A PxWebApi v2 client on top of :class:`HttpClient`.

    Parameters
    ----------
    http : HttpClient
        Fetches (and caches) every call.
    base_url : str
        API root.
    lang : str
        ``no`` or ``en``.
    max_cells : int
        Cell limit per data call.
    """

    http: HttpClient
    base_url: str = BASE_URL
    lang: str = "no"
    max_cells: int = MAX_CELLS
    fetched: list[Fetched] = field(default_factory=list)

    def metadata(self, table_id: str) -> TableMeta:
        """The table's metadata (cached)."""
        # The metadata endpoint's default format is a server setting (json-px on some installations):
        # ask for JSON-stat2 explicitly, as SSB's own R client does.
        f = self.http.get_json(f"{self.base_url}/tables/{table_id}/metadata", name=f"SSB table {table_id} metadata",
                               params={"lang": self.lang, "outputFormat": "json-stat2"})
        self.fetched.append(f)
        return parse_metadata(f.json(), table_id)

    def read(self, table_id: str, selection: dict[str, list[str] | str],
             codelists: dict[str, str] | None = None) -> pd.DataFrame:
        """Read a table into a tidy frame (see :func:`geo.sources.jsonstat.decode`).

        Raises
        ------
        SourceFormatError
            When the selection names a dimension the table no longer has, leaves out one that may not
            be eliminated, or an answer lacks a selected dimension.
        """
        codelists = codelists or {}
        meta = self.metadata(table_id)
        unknown = [d for d in list(selection) + list(codelists) if d not in meta.codes]
        if unknown:
            raise SourceFormatError(
                f"SSB table {table_id}: dimension(s) {', '.join(sorted(set(unknown)))} no longer exist; the table now "
                f"has {', '.join(meta.dimensions)} — update its configuration in geo/sources/ssb.py")
        required = [d for d in meta.dimensions if d not in selection and not meta.eliminable[d]]
        if required:
            raise SourceFormatError(
                f"SSB table {table_id}: dimension(s) {', '.join(required)} must be selected (they cannot be "
                "eliminated) — add them to the table's selection in geo/sources/ssb.py")
        for d, cl in codelists.items():
            offered = meta.codelists.get(d) or []
            if cl not in offered:
                raise SourceFormatError(
                    f"SSB table {table_id}: dimension {d} offers no codelist {cl!r} (it offers "
                    f"{', '.join(offered) or 'none'}) — update the table's codelists in geo/sources/ssb.py")
        resolved = {d: resolve(meta, d, sel, codelists.get(d)) for d, sel in selection.items()}
        for d, codes in resolved.items():
            if d in codelists:
                continue
            known = set(meta.codes[d])
            unknown_codes = [c for c in codes if c not in known]
            if unknown_codes:
                near = [k for k in meta.codes[d] if any(u in k or k in u for u in unknown_codes)][:5]
                raise SourceFormatError(
                    f"SSB table {table_id}: dimension {d} has no code(s) {', '.join(unknown_codes)}"
                    + (f" (similar: {', '.join(near)})" if near else f" (it has {', '.join(meta.codes[d][:8])}, …)")
                    + " — update the table's selection in geo/sources/ssb.py")
        empty = [d for d, c in resolved.items() if not c]
        if empty:
            raise SourceFormatError(f"SSB table {table_id}: the selection for {', '.join(empty)} matches no codes; "
                                    "check the codes against the table's metadata")
        frames = []
        for piece in chunk_selection(resolved, self.max_cells):
            # Field names as in PxAPI-2.yml's VariableSelection: variableCode, codeList, valueCodes.
            body = {"selection": [{"variableCode": d, "valueCodes": codes,
                                   **({"codeList": codelists[d]} if d in codelists else {})}
                                  for d, codes in piece.items()]}
            f = self.http.post_json(f"{self.base_url}/tables/{table_id}/data", body,
                                    name=f"SSB table {table_id} data",
                                    params={"lang": self.lang, "outputFormat": "json-stat2"})
            self.fetched.append(f)
            frame = jsonstat.decode(f.json(), source=f"SSB table {table_id}")
            missing = [d for d in selection if d not in frame.columns]
            if missing:
                raise SourceFormatError(
                    f"SSB table {table_id}: the answer lacks dimension(s) {', '.join(missing)} (it has "
                    f"{', '.join(c for c in frame.columns if not c.endswith('_label') and c not in jsonstat.TIDY_EXTRA)}"
                    ") — the table's schema changed; update its configuration in geo/sources/ssb.py")
            frames.append(frame)
        return pd.concat(frames, ignore_index=True)


# --- mapping cells to indicators ----------------------------------------------------------------------
Filter = tuple[str, ...] | Callable[[str], bool]


class age_between:  # noqa: N801 - used like a function in the table configuration
    """A filter for SSB age codes (``"017"``, ``"00-05"``, ``"90+"``) lying wholly within [lo, hi].

    Totals such as ``"999"`` or ``"999B"`` fall outside any human age range and are never matched.
    A code that only partly overlaps the range (``"15-19"`` for 0–17) is *straddling*: the table's
    age groups cannot give the range, and :func:`to_indicators` refuses rather than undercount.
    """

    _pattern = re.compile(r"^(\d+)(?:\s*-\s*(\d+)|(\+))?$")

    def __init__(self, lo: int, hi: int) -> None:
        self.lo, self.hi = lo, hi
        self.__doc__ = f"age code within {lo}–{hi}"

    def _span(self, code: str) -> tuple[int, int] | None:
        m = self._pattern.match(str(code).strip())
        if not m:
            return None
        start = int(m.group(1))
        return start, int(m.group(2)) if m.group(2) else (200 if m.group(3) else start)

    def __call__(self, code: str) -> bool:
        span = self._span(code)
        return span is not None and self.lo <= span[0] and span[1] <= self.hi

    def straddling(self, code: str) -> bool:
        """True when the code's ages overlap [lo, hi] without lying within it."""
        span = self._span(code)
        return span is not None and span[0] <= self.hi and span[1] >= self.lo and not self(code)


def label_has(*words: str) -> Callable[[str], bool]:
    """A filter for category labels containing every one of ``words`` (case-insensitive).

    Labels are steadier than some contents codes across SSB's table revisions; use this on a
    ``<dim>_label`` column.
    """
    wanted = [w.lower() for w in words]
    return lambda label: all(w in label.lower() for w in wanted)


@dataclass(frozen=True)
class IndicatorMap:
    """How cells of a table become one indicator.

    Parameters
    ----------
    indicator : str
        Catalogue id.
    numerator : dict
        Dimension → codes (tuple) or predicate; matching cells are summed per region and year.
    denominator : dict, optional
        Likewise; when given, value = numerator / denominator × the unit's scale.
    direct : bool
        Take the (single) matching cell as the published value, with no numerator.
    unit : str, optional
        Unit for reference figures of indicators outside the catalogue.
    """

    indicator: str
    numerator: dict[str, Filter]
    denominator: dict[str, Filter] | None = None
    direct: bool = False
    unit: str = ""


@dataclass(frozen=True)
class SsbTable:
    """A configured SSB table: what to ask for and which indicators it feeds."""

    id: str
    title: str
    level: str  # "kommune", "bydel" or "grunnkrets"
    selection: dict[str, list[str] | str]
    maps: tuple[IndicatorMap, ...]
    codelists: dict[str, str] = field(default_factory=dict)
    region_dim: str = "Region"
    time_dim: str = "Tid"
    #: Optional tables (reference figures) that fail become a warning instead of stopping the build.
    optional: bool = False

    @property
    def url(self) -> str:
        """The table's page in SSB's statbank."""
        return f"https://www.ssb.no/statbank/table/{self.id}"


def _mask(frame: pd.DataFrame, filters: dict[str, Filter], table: SsbTable) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for dim, flt in filters.items():
        if dim not in frame.columns:
            raise SourceFormatError(f"SSB table {table.id}: dimension {dim!r} used by the indicator mapping is missing "
                                    "from the answer — the table's schema changed; update geo/sources/ssb.py")
        if isinstance(flt, age_between):
            codes = pd.unique(frame[dim])
            bad = [c for c in codes if flt.straddling(c)]
            if bad:
                raise SourceFormatError(
                    f"SSB table {table.id}: age group(s) {', '.join(map(str, bad[:5]))} straddle the range "
                    f"{flt.lo}–{flt.hi} the indicator mapping needs, so the table cannot give it — choose "
                    "finer age codes or a codelist for Alder in geo/sources/ssb.py")
        mask &= frame[dim].map(flt) if callable(flt) else frame[dim].isin(flt)
    return mask


def _sum_with_status(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Sum ``value`` per key; a group with any suppressed (missing) cell is suppressed (missing) as a whole."""
    rank = {"published": 0, "computed": 0, "missing": 1, "suppressed": 2}
    f = frame.assign(_rank=frame["status"].map(rank).fillna(1))
    g = f.groupby(keys, sort=True)
    out = g["value"].sum(min_count=1).to_frame("value")
    out["worst"] = g["_rank"].max()
    out.loc[out["worst"] > 0, "value"] = np.nan
    out["status"] = out["worst"].map({0: "published", 1: "missing", 2: "suppressed"})
    return out.drop(columns="worst").reset_index()


OUTPUT_COLUMNS = ["region", "region_label", "year", "indicator", "value", "numerator", "denominator", "status",
                  "source", "unit"]
#: Region code length → geographic level (SSB: kommune 4 digits, bydel 6 — written ``500101a`` with a
#: trailing letter in the (B) tables such as 06944 —, grunnkrets 8).
LEVEL_BY_CODE_LENGTH = {4: "kommune", 6: "bydel", 8: "grunnkrets"}


def region_level(code: str, default: str) -> str:
    """The geographic level of an SSB region code, or ``default`` when the form is not known.

    ``"5001"`` → kommune; ``"500101"`` and ``"500101a"`` (vs_Bydeler4StoreByerNye2) → bydel;
    ``"50010100"`` → delområde (kommune + two digits + ``00``, as in 06944's vs_Delomraader01);
    other eight-digit codes → grunnkrets.
    """
    m = re.fullmatch(r"(\d+)[a-zA-Z]?", str(code).strip())
    if not m:
        return default
    digits = m.group(1)
    if len(digits) == 8 and digits.endswith("00") and default != "grunnkrets":
        return "delområde"
    return LEVEL_BY_CODE_LENGTH.get(len(digits), default)


def to_indicators(frame: pd.DataFrame, table: SsbTable) -> pd.DataFrame:
    """Indicator rows (region, year, indicator, value, numerator, denominator, status, source) of a table."""
    rows = []
    keys = [table.region_dim, table.time_dim]
    source = f"SSB tabell {table.id}"
    for m in table.maps:
        selected = frame[_mask(frame, m.numerator, table)]
        num = _sum_with_status(selected, keys)
        if m.direct:
            per_key = selected.groupby(keys).size()
            if (per_key > 1).any():
                raise SourceFormatError(f"SSB table {table.id}: the mapping for {m.indicator} matches "
                                        f"{int(per_key.max())} cells per region and year, expected one — narrow it "
                                        "in geo/sources/ssb.py")
            part = num.assign(numerator=np.nan, denominator=np.nan)
        else:
            part = num.rename(columns={"value": "numerator"})
            if m.denominator is not None:
                den = _sum_with_status(frame[_mask(frame, m.denominator, table)], keys)
                part = part.merge(den.rename(columns={"value": "denominator", "status": "den_status"}), on=keys,
                                  how="outer")
                worse = part["den_status"].fillna("missing") == "suppressed"
                part.loc[worse, "status"] = "suppressed"
                scale = UNIT_SCALE.get(DEFAULT_CATALOG.get_or_placeholder(m.indicator).unit, 1.0)
                part["value"] = part["numerator"] / part["denominator"].where(part["denominator"] > 0) * scale
                part = part.drop(columns="den_status")
            else:
                part["value"] = part["numerator"]
                part["denominator"] = np.nan
        part["indicator"] = m.indicator
        rows.append(part)
    if not rows:
        return pd.DataFrame(columns=OUTPUT_COLUMNS)
    out = pd.concat(rows, ignore_index=True).rename(columns={table.region_dim: "region", table.time_dim: "year"})
    # Periods such as "2019-2021" (three-year averages) belong to their last year, as in the catalogue.
    years = out["year"].str.findall(r"\d{4}").str[-1]
    if years.isna().any():
        bad = out.loc[years.isna(), "year"].iloc[0]
        raise SourceFormatError(f"SSB table {table.id}: time code {bad!r} has no year; update geo/sources/ssb.py")
    out["year"] = years.astype("int64")
    out["status"] = out["status"].fillna("missing")
    out["source"] = source
    label_col = f"{table.region_dim}_label"
    if label_col in frame.columns:
        names = frame.groupby(table.region_dim)[label_col].first()
        out["region_label"] = out["region"].map(names).astype("str").fillna(out["region"])
    else:
        out["region_label"] = out["region"]
    units = {m.indicator: m.unit for m in table.maps}
    out["unit"] = [units[i] or DEFAULT_CATALOG.get_or_placeholder(i).unit for i in out["indicator"]]
    return out[OUTPUT_COLUMNS]


def read_table(api: PxWebApi, table: SsbTable) -> pd.DataFrame:
    """Fetch a configured table and map it to indicator rows."""
    return to_indicators(api.read(table.id, table.selection, table.codelists), table)


# --- configured tables for Trondheim (kommune 5001) --------------------------------------------------------
#: Population by age. Codes follow SSB's published metadata; the reader checks them against the live
#: metadata on every run and names any mismatch.
KOMMUNE_POPULATION = SsbTable(
    id="07459", title="Befolkning, etter region, kjønn, alder (1. januar)", level="kommune",
    selection={"Region": ["5001"], "Alder": "*", "ContentsCode": ["Personer1"], "Tid": "top(5)"},
    maps=(IndicatorMap("population", numerator={"Alder": age_between(0, 200)}),
          IndicatorMap("children_0_17", numerator={"Alder": age_between(0, 17)},
                       denominator={"Alder": age_between(0, 200)})),
)
#: Population of grunnkretser by age; feeds zones built from grunnkretser through a crosswalk.
#: 04362 is SSB's grunnkrets table *by age and sex* (its grunnkrets dimension is ``Region``, eliminable;
#: counts of 1 and 2 are published as 0 or 3). 04317 has totals only, under a dimension called
#: ``Grunnkretser``, so it cannot give the share of children. ``5001*`` also matches historic
#: grunnkretser; they come back with status ``.`` and drop out at the crosswalk join. Sex is left to
#: elimination (summed by the API); the age and contents codes are taken from the live metadata.
GRUNNKRETS_POPULATION = SsbTable(
    id="04362", title="Alders- og kjønnsfordeling for grunnkretsenes befolkning (1. januar)", level="grunnkrets",
    selection={"Region": "5001*", "Alder": "*", "ContentsCode": "*", "Tid": "top(3)"},
    maps=(IndicatorMap("population", numerator={"Alder": age_between(0, 200)}),
          IndicatorMap("children_0_17", numerator={"Alder": age_between(0, 17)},
                       denominator={"Alder": age_between(0, 200)})),
)

#: Median household income after tax by bydel (reference figures beside the zones). ``5001*`` brings the
#: kommune, its bydeler (``500101a`` …) and delområder (``50010100`` …). ``HusholdType`` ``0000`` is all
#: households; it is selected rather than eliminated because eliminating would sum medians. The
#: contents are told apart by label (``SamletInntekt`` is "Inntekt etter skatt, median (kr)"). Optional:
#: a change only costs a warning.
BYDEL_INCOME = SsbTable(
    id="06944", title="Inntekt for husholdninger, etter husholdningstype (median), etter bydel og delområde",
    level="bydel",
    selection={"Region": "5001*", "HusholdType": ["0000"], "ContentsCode": "*", "Tid": "top(3)"},
    maps=(IndicatorMap("household_income_median", numerator={"ContentsCode_label": label_has("median", "etter skatt")},
                       direct=True, unit="NOK"),),
    optional=True,
)

#: Registry of configured tables by id.
TABLES: dict[str, SsbTable] = {t.id: t for t in (KOMMUNE_POPULATION, GRUNNKRETS_POPULATION, BYDEL_INCOME)}
