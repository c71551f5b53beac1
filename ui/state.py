"""The shareable view: URL query parameters ⇄ a validated :class:`View`.

Every parameter is checked against an allow-list built from the dataset and the registries; a bad or
unknown value falls back to the default and yields a notice, never an exception.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass

from geo.access import DISTANCE_CHOICES
from geo.mapping.maps import BASEMAPS, DEFAULT_BASEMAP
from ui.i18n import DEFAULT_LANG, LANGS

K_RANGE = range(3, 8)


@dataclass(frozen=True)
class View:
    """What the map page shows."""

    indicator: str
    year: int
    scheme: str = "quantiles"
    k: int = 5
    palette: str = ""
    zone: str | None = None
    lang: str = DEFAULT_LANG
    breaks: str = ""
    basemap: str = DEFAULT_BASEMAP
    districts: bool = True


@dataclass(frozen=True)
class Notice:
    """A URL parameter that was ignored, with the value used instead."""

    param: str
    value: str
    default: str


def default_indicator(dataset) -> str:
    """``child_low_income`` when present (the headline indicator), else the first one."""
    ids = dataset.indicator_ids
    return "child_low_income" if "child_low_income" in ids else ids[0]


def parse_view(params: Mapping[str, str], dataset, schemes: list[str], palettes: list[str]) -> tuple[View, list[Notice]]:
    """Build a valid :class:`View` from query parameters.

    Parameters
    ----------
    params : mapping
        ``st.query_params`` (or any str → str mapping).
    dataset : geo.data.dataset.Dataset
        Supplies the indicator, year and zone allow-lists.
    schemes, palettes : list of str
        Allowed classification schemes and palettes (first = default palette is "" = automatic).

    Returns
    -------
    (View, list of Notice)
    """
    notices: list[Notice] = []

    def pick(name: str, allowed, default, convert=str):
        raw = params.get(name)
        if raw is None or raw == "":
            return default
        try:
            value = convert(raw)
        except (TypeError, ValueError):
            value = None
        if value in allowed:
            return value
        notices.append(Notice(name, str(raw)[:60], str(default)))
        return default

    indicator = pick("ind", dataset.indicator_ids, default_indicator(dataset))
    years = dataset.years(indicator)
    year = pick("year", years, years[-1], int)
    scheme = pick("scheme", schemes, schemes[0])
    k = pick("k", K_RANGE, 5, int)
    palette = pick("palette", ["", *palettes], "")
    zone = pick("zone", set(dataset.zones["zone_id"]), None)
    lang = pick("lang", LANGS, DEFAULT_LANG)
    breaks = str(params.get("breaks", ""))[:200] if scheme == "user_defined" else ""
    basemap = pick("basemap", list(BASEMAPS), DEFAULT_BASEMAP)
    districts = pick("outlines", ("0", "1"), "1") == "1"
    return View(indicator, year, scheme, k, palette, zone, lang, breaks, basemap, districts), notices


def view_to_params(view: View) -> dict[str, str]:
    """Query parameters for ``view`` (defaults left out to keep links short)."""
    d = asdict(view)
    out = {"ind": view.indicator, "year": str(view.year)}
    if view.scheme != "quantiles":
        out["scheme"] = view.scheme
    if view.k != 5:
        out["k"] = str(view.k)
    if d["palette"]:
        out["palette"] = view.palette
    if view.zone:
        out["zone"] = view.zone
    if view.lang != DEFAULT_LANG:
        out["lang"] = view.lang
    if view.breaks:
        out["breaks"] = view.breaks
    if view.basemap != DEFAULT_BASEMAP:
        out["basemap"] = view.basemap
    if not view.districts:
        out["outlines"] = "0"
    return out


#: URL parameters of the workbench pages (compare, profile, initiatives) and the most ids each may hold.
ZONE_PARAMS = {"zones": 12, "group": 12, "own": 200}
MAX_PARAM_CHARS = 60


@dataclass(frozen=True)
class ZoneChoice:
    """Zones and zone sets chosen on a workbench page (what ``?zones=…&group=…&own=…`` says).

    ``zones`` are single zones (each one column), ``groups`` predefined set ids, ``own`` the zones of
    the user's own set (one aggregated area) named ``own_name``.
    """

    zones: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    own: tuple[str, ...] = ()
    own_name: str = ""


def _split(raw) -> list[str]:
    return [p.strip() for p in str(raw or "").split(",") if p.strip()]


def parse_zone_choice(params: Mapping[str, str], dataset, set_ids) -> tuple[ZoneChoice, list[str]]:
    """A valid :class:`ZoneChoice` from query parameters, and the values that were dropped.

    Every id is checked against an allow-list (the dataset's zone ids, the predefined set ids); unknown
    ids, repeats and ids beyond the per-parameter maximum (:data:`ZONE_PARAMS`) are dropped. The
    dropped values are returned cut to :data:`MAX_PARAM_CHARS` characters, for a notice shown as text.
    """
    zone_ids, allowed_sets = set(dataset.zones["zone_id"]), set(set_ids)
    dropped: list[str] = []
    picked: dict[str, list[str]] = {}
    for name, limit in ZONE_PARAMS.items():
        allowed = allowed_sets if name == "group" else zone_ids
        kept: list[str] = []
        for value in _split(params.get(name)):
            if value in allowed and value not in kept and len(kept) < limit:
                kept.append(value)
            elif value not in kept and value[:MAX_PARAM_CHARS] not in dropped:
                dropped.append(value[:MAX_PARAM_CHARS])
        picked[name] = kept
    own_name = str(params.get("ownname") or "")[:MAX_PARAM_CHARS] if picked["own"] else ""
    return ZoneChoice(tuple(picked["zones"]), tuple(picked["group"]), tuple(picked["own"]), own_name), dropped


def zone_choice_to_params(choice: ZoneChoice) -> dict[str, str]:
    """Query parameters for ``choice`` (empty parts left out)."""
    out = {"zones": ",".join(choice.zones), "group": ",".join(choice.groups), "own": ",".join(choice.own),
           "ownname": choice.own_name if choice.own else ""}
    return {k: v for k, v in out.items() if v}


def parse_year(params: Mapping[str, str], years) -> tuple[int | None, list[str]]:
    """``?year=`` if it is one of ``years`` (else None, and the value in the dropped list)."""
    raw = params.get("year")
    if raw is None or raw == "":
        return None, []
    try:
        year = int(str(raw))
    except ValueError:
        year = None
    return (year, []) if year in set(years) else (None, [str(raw)[:MAX_PARAM_CHARS]])


#: The access page's settings in the URL: parameter → (session-state key, allowed values).
#: ``win`` is the transit time window "HH-HH" (kept under ``acc_window_kept``, see ui.widgets).
ACCESS_HOURS = tuple(f"{h:02d}:00" for h in range(5, 25))
ACCESS_AREAS = (0.1, 0.25, 0.5, 1.0, 2.0, 5.0)  # smallest green area counted, hectares
ACCESS_PARAMS: dict[str, tuple[str, tuple]] = {
    "kind": ("acc_kind", ("transit_access", "green_access")),
    "dist": ("acc_dist", DISTANCE_CHOICES),
    "dep": ("acc_dep", tuple(range(1, 13))),
    "gdist": ("acc_gdist", DISTANCE_CHOICES),
    "area": ("acc_area", ACCESS_AREAS),
}


def _as_allowed(raw: str, allowed: tuple):
    """``raw`` as the allowed value it names (ints and floats compared as numbers), or None."""
    for value in allowed:
        if isinstance(value, str):
            if raw == value:
                return value
            continue
        try:
            if float(raw) == float(value):
                return value
        except ValueError:
            return None
    return None


def parse_access(params: Mapping[str, str]) -> tuple[dict[str, object], list[str]]:
    """Session-state values for the access page from query parameters, and the parameters dropped.

    Every value is checked against :data:`ACCESS_PARAMS` (and the window against
    :data:`ACCESS_HOURS`, start before end); anything else is dropped and named, cut to
    :data:`MAX_PARAM_CHARS` characters, for a notice shown as text.
    """
    state: dict[str, object] = {}
    dropped: list[str] = []
    for name, (key, allowed) in ACCESS_PARAMS.items():
        raw = params.get(name)
        if raw is None:
            continue
        value = _as_allowed(str(raw), allowed)
        if value is None:
            dropped.append(f"{name}={str(raw)[:MAX_PARAM_CHARS]}")
        else:
            state[key] = value
    raw = params.get("win")
    if raw is not None:
        parts = str(raw).split("-")
        hours = [f"{p.strip()}:00" if p.strip().isdigit() and len(p.strip()) == 2 else "" for p in parts]
        if len(hours) == 2 and all(h in ACCESS_HOURS for h in hours) and hours[0] < hours[1]:
            state["acc_window_kept"] = (hours[0], hours[1])
        else:
            dropped.append(f"win={str(raw)[:MAX_PARAM_CHARS]}")
    return state, dropped


def access_to_params(state: Mapping[str, object]) -> dict[str, str]:
    """Query parameters for the access page's current settings (the inverse of :func:`parse_access`)."""
    out = {name: str(state[key]) for name, (key, _) in ACCESS_PARAMS.items() if state.get(key) is not None}
    window = state.get("acc_window_kept")
    if window:
        out["win"] = f"{str(window[0])[:2]}-{str(window[1])[:2]}"
    return out
