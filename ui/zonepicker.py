"""The zone-set picker of the workbench pages; the choice lives in the URL.

A page calls :func:`zone_picker` (several columns: compare) or :func:`area_picker` (one zone or one set:
profile). On a session's first run of the page the widgets are seeded from the URL through
:func:`ui.state.parse_zone_choice` (allow-lists; unknown ids are dropped and named in a translated
notice, as text); afterwards the page writes the choice back with :func:`sync_params`.
"""

from __future__ import annotations

import streamlit as st

from geo.analysis.zonesets import predefined_sets
from ui.i18n import DEFAULT_LANG, t
from ui.state import ZoneChoice, parse_year, parse_zone_choice
from ui.widgets import md_escape

MAX_COLUMNS = 12


@st.cache_data(show_spinner=False, max_entries=8)
def set_names(version: str, lang: str, _ds) -> dict[str, str]:
    """Predefined set id → display name (all zones, the districts, the plan groups)."""
    return {s.id: s.name(lang) for s in predefined_sets(_ds)}


def zone_labels(ds) -> dict[str, str]:
    """Zone id → "name (district)" (names may repeat; the district tells them apart)."""
    z = ds.zones
    return {zid: f"{name} ({d})" if isinstance(d, str) and d else str(name)
            for zid, name, d in zip(z["zone_id"], z["name"], z["district"], strict=True)}


#: URL parameters a workbench page reads its choice from.
URL_KEYS = ("zone", "zones", "group", "own", "ownname", "year")


def _marker(ds, params: dict) -> tuple:
    return ds.version(), tuple((k, str(params.get(k, ""))) for k in URL_KEYS)


def _seed(ds, page: str, params: dict, set_ids, years=None, *, single: bool = False) -> bool:
    """Seed the page's choice from the URL when the URL changed since this page last read or wrote it.

    Returns True when the widgets must take the URL's choice (a new link), False when they keep theirs
    (a rerun, or a return to the page through the navigation, which drops the parameters).
    """
    key = f"wb_{page}_for"
    marker, last = _marker(ds, params), st.session_state.get(key)
    if last == marker:
        return False
    st.session_state[key] = marker
    if last is not None and last[0] == ds.version() and not any(v for _, v in marker[1]):
        return False
    # one area: the map's link says ?zone=ID (singular)
    choice, dropped = parse_zone_choice({**params, "zones": params.get("zone", "")} if single else params, ds,
                                        set_ids)
    if years is not None:
        year, bad = parse_year(params, years)
        dropped += bad
        if year is not None:
            st.session_state[f"{page}_year"] = year
    st.session_state[f"{page}_kept"] = choice
    st.session_state[f"{page}_dropped"] = dropped
    return True


def show_dropped(page: str, lang: str) -> None:
    """The notice of URL values that were dropped (once), quoted as text."""
    dropped = st.session_state.pop(f"{page}_dropped", [])
    if dropped:
        values = ", ".join(f"«{v}»" for v in dropped[:5]) + (" …" if len(dropped) > 5 else "")
        st.info(t("wb_dropped", lang, n=len(dropped), values=md_escape(values)))


def _restore(key: str, value) -> None:
    # Streamlit forgets the state of widgets a run did not draw (another page): put the kept choice back.
    if key not in st.session_state:
        st.session_state[key] = value


def _add_zone(key: str, zone_id: str) -> None:
    st.session_state[key] = [*st.session_state.get(key, []), zone_id]


def zone_picker(ds, lang: str, page: str, years=None) -> ZoneChoice:
    """Zones (one column each), predefined sets and an own set; returns the choice (max 12 columns)."""
    sets = set_names(ds.version(), lang, ds)
    put = st.session_state.__setitem__ if _seed(ds, page, dict(st.query_params), sets, years) else _restore
    kept: ZoneChoice = st.session_state[f"{page}_kept"]
    labels = zone_labels(ds)
    keys = {f: f"{page}_{f}" for f in ("zones", "groups", "own", "own_name")}
    put(keys["zones"], list(kept.zones))
    put(keys["groups"], list(kept.groups))
    put(keys["own"], list(kept.own))
    put(keys["own_name"], kept.own_name)
    show_dropped(page, lang)
    c1, c2 = st.columns(2)
    c1.multiselect(t("wb_zones", lang), list(labels), key=keys["zones"], format_func=labels.get,
                   max_selections=MAX_COLUMNS, placeholder=t("wb_search_ph", lang))
    c2.multiselect(t("wb_groups", lang), list(sets), key=keys["groups"], format_func=sets.get,
                   max_selections=MAX_COLUMNS, placeholder=t("wb_search_ph", lang))
    with st.expander(t("wb_own", lang), expanded=bool(st.session_state[keys["own"]])):
        st.multiselect(t("wb_own", lang), list(labels), key=keys["own"], format_func=labels.get,
                       placeholder=t("wb_search_ph", lang))
        st.text_input(t("wb_own_name", lang), key=keys["own_name"], max_chars=60,
                      placeholder=t("wb_own_default", lang))
    selected = st.session_state.get("zone")
    if selected in labels and selected not in st.session_state[keys["zones"]] \
            and len(st.session_state[keys["zones"]]) < MAX_COLUMNS:
        st.button(t("wb_add_map_zone", lang, name=md_escape(labels[selected])), key=f"{page}_add_map",
                  on_click=_add_zone, args=(keys["zones"], selected))
    own = tuple(st.session_state[keys["own"]])
    choice = ZoneChoice(tuple(st.session_state[keys["zones"]]), tuple(st.session_state[keys["groups"]]), own,
                        st.session_state[keys["own_name"]].strip() if own else "")
    st.session_state[f"{page}_kept"] = choice
    return choice


def area_picker(ds, lang: str, page: str, years=None) -> ZoneChoice:
    """One zone, one predefined set or one own set (``?zone=``, ``?group=`` or ``?own=`` in the URL).

    Without a choice in the URL the map's selected zone (else the first zone) is shown.
    """
    sets = set_names(ds.version(), lang, ds)
    fresh = _seed(ds, page, dict(st.query_params), sets, years, single=True)
    put = st.session_state.__setitem__ if fresh else _restore
    kept: ZoneChoice = st.session_state[f"{page}_kept"]
    labels = zone_labels(ds)
    kinds = ["zone", "group", "own"]
    selected = st.session_state.get("zone")
    start_zone = kept.zones[0] if kept.zones else selected if selected in labels else next(iter(labels))
    put(f"{page}_kind", "group" if kept.groups and not kept.zones else "own" if kept.own and not kept.zones
             else "zone")
    put(f"{page}_zone", start_zone)
    put(f"{page}_group", kept.groups[0] if kept.groups else next(iter(sets)))
    put(f"{page}_own", list(kept.own))
    put(f"{page}_own_name", kept.own_name)
    show_dropped(page, lang)
    kind = st.radio(t("wb_kind", lang), kinds, key=f"{page}_kind", horizontal=True,
                    format_func=lambda k: t(f"wb_kind_{k}", lang))
    if kind == "zone":
        zone = st.selectbox(t("wb_zone", lang), list(labels), key=f"{page}_zone", format_func=labels.get)
        choice = ZoneChoice(zones=(zone,))
    elif kind == "group":
        group = st.selectbox(t("wb_group", lang), list(sets), key=f"{page}_group", format_func=sets.get)
        choice = ZoneChoice(groups=(group,))
    else:
        own = st.multiselect(t("wb_own", lang), list(labels), key=f"{page}_own", format_func=labels.get,
                             placeholder=t("wb_search_ph", lang))
        name = st.text_input(t("wb_own_name", lang), key=f"{page}_own_name", max_chars=60,
                             placeholder=t("wb_own_default", lang))
        choice = ZoneChoice(own=tuple(own), own_name=name.strip() if own else "")
    st.session_state[f"{page}_kept"] = choice
    return choice


def sync_params(ds, page: str, params: dict[str, str], lang: str) -> None:
    """Write the page's parameters (and the language) into the URL when they changed.

    The page's marker is moved along, so its own URL is not read back as a new link on the next run.
    """
    wanted = {**params, **({"lang": lang} if lang != DEFAULT_LANG else {})}
    st.session_state[f"wb_{page}_for"] = _marker(ds, wanted)
    if dict(st.query_params) != wanted:
        st.query_params.from_dict(wanted)


def year_picker(years: list[int], lang: str, page: str) -> int:
    """The page's year (sidebar), seeded from ``?year=`` by the picker, default the latest."""
    key = f"{page}_year"
    if st.session_state.get(key) not in years:
        st.session_state[key] = years[-1]
    return int(st.sidebar.selectbox(t("wb_year", lang), years, key=key))
