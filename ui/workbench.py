"""Streamlit glue of the workbench pages: cached computations, chart grids, downloads."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from geo.analysis.compare import comparison_table
from geo.analysis.profile import trend_series
from geo.export import to_csv, to_xlsx
from geo.report import render_comparison_report
from geo.workbench.common import download_notes, marker_footnote
from geo.workbench.compare import comparison_columns, dot_figure, export_frame, wide_frame
from ui.i18n import t
from ui.mapview import _layer
from ui.state import ZoneChoice

CHART_CONFIG = {"displayModeBar": False}


def choice_params(choice: ZoneChoice) -> tuple:
    """A hashable key of a choice (for the caches)."""
    return choice.zones, choice.groups, choice.own, choice.own_name


def n_columns(choice: ZoneChoice) -> int:
    """How many comparison columns a choice makes (the own set is one)."""
    return len(choice.zones) + len(choice.groups) + (1 if choice.own else 0)


def area_specs(ds, choice: ZoneChoice, lang: str) -> list:
    """The columns of :func:`geo.analysis.compare.comparison_table` for ``choice``."""
    name = choice.own_name or t("wb_own_default", lang)
    return comparison_columns(ds, choice.zones, choice.groups, choice.own, name, lang)


@st.cache_data(show_spinner=False, max_entries=32)
def comparison_cached(version: str, key: tuple, year: int, lang: str, _ds, _choice: ZoneChoice):
    """:func:`geo.analysis.compare.comparison_table` (latest earlier year for surveys), per version and choice."""
    return comparison_table(_ds, area_specs(_ds, _choice, lang), year, exact=False, lang=lang)


@st.cache_data(show_spinner=False, max_entries=512)
def trend_cached(version: str, key: str, indicator_id: str, lang: str, _ds, _spec):
    """:func:`geo.analysis.profile.trend_series` of one area, per version, area key and indicator."""
    return trend_series(_ds, _spec, indicator_id, lang=lang)


def spec_key(spec) -> str:
    """A cache key for a zone id or a zone set."""
    return spec if isinstance(spec, str) else f"{spec.id}:{','.join(spec.zone_ids)}:{spec.name('nb')}"


def dot_grid(ds, table, lang: str, pct: bool) -> None:
    """One dot chart per indicator, two per row (one on a phone: Streamlit stacks columns)."""
    inds = list(dict.fromkeys(table["indicator"]))
    for start in range(0, len(inds), 2):
        for col, ind in zip(st.columns(2), inds[start:start + 2], strict=False):
            col.plotly_chart(dot_figure(table, ds.indicator(ind), lang, pct=pct), width="stretch",
                             config=CHART_CONFIG, key=f"wb_dot_{ind}")


def comparison_downloads(ds, table, year: int, lang: str) -> None:
    """CSV and Excel of the comparison (status, source, demo marking) and the printable report."""
    flat = export_frame(table, dataset_name=ds.name, demo=ds.is_demo)
    notes = download_notes(ds.name, ds.is_demo, flat["source"].str.split("; ").explode(), lang,
                           extra=[f"{t('wb_year', lang)}: {year}", marker_footnote(table["test"].dropna(), lang)])
    stem = f"levekar_sammenligning_{year}" + ("_DEMO" if ds.is_demo else "")
    sheet = "Comparison" if lang == "en" else "Sammenligning"
    c1, c2, c3 = st.columns(3)
    c1.download_button(t("wb_dl_csv", lang), lambda: to_csv(flat), f"{stem}.csv", "text/csv", key="wb_cmp_csv")
    c2.download_button(t("wb_dl_xlsx", lang), lambda: to_xlsx({sheet: wide_frame(table, lang), "Data": flat},
                                                              notes=notes), f"{stem}.xlsx",
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="wb_cmp_xlsx")
    c3.download_button(t("wb_dl_report", lang), lambda: render_comparison_report(
        ds, [], year, lang=lang, table=table, display=_layer(ds.version(), ds.zones),
        today=dt.date.today().isoformat()).encode("utf-8"), f"{stem}.html", "text/html", key="wb_cmp_report")
    if ds.is_demo:
        st.caption(t("wb_dl_demo", lang))


# --- profile ------------------------------------------------------------------------------------
def profile_area(ds, choice: ZoneChoice, lang: str):
    """The :class:`geo.analysis.compare.Area` of a one-area choice (None when nothing is chosen)."""
    from geo.analysis.compare import resolve_area

    specs = area_specs(ds, choice, lang)
    return resolve_area(ds, specs[0], lang) if specs else None


@st.cache_data(show_spinner=False, max_entries=32)
def profile_cached(version: str, key: tuple, year: int, lang: str, _ds, _area):
    """:func:`geo.workbench.profile.profile_content` per version, area and year."""
    from geo.workbench.profile import profile_content

    return profile_content(_ds, _area, year, lang=lang)


@st.cache_data(show_spinner=False, max_entries=64)
def similar_cached(version: str, key: tuple, indicators: tuple, year: int, k: int, _ds, _area):
    """The ``k`` zones most like the area on ``indicators`` (a set: through its aggregate)."""
    from geo.analysis.similarity import similar_to_set, similar_zones

    if _area.kind == "zone":
        return similar_zones(_ds, _area.id, list(indicators), year, k)
    return similar_to_set(_ds, _area.zone_ids, list(indicators), year, k, exclude_neighbours=False)


def profile_report(ds, content, lang: str) -> bytes:
    """The printable one-page report of the profile shown (HTML, print CSS A4)."""
    from geo.report import render_profile_report

    return render_profile_report(ds, content=content, lang=lang, display=_layer(ds.version(), ds.zones),
                                 today=dt.date.today().isoformat()).encode("utf-8")


# --- initiatives --------------------------------------------------------------------------------
USER = "user"
#: The "unknown"/"none" choice of the start and end year selectboxes.
NO_YEAR = 0


def _seed_initiative(ds, lang: str, known: dict) -> None:
    """Seed the initiative widgets from ``?initiative=…&name=…`` when the URL is new (see ui.zonepicker)."""
    from geo.analysis.initiatives import parse_initiative_param
    from geo.errors import UnknownChoiceError
    from ui.state import MAX_PARAM_CHARS

    raw, name = st.query_params.get("initiative", ""), st.query_params.get("name", "")
    marker = (ds.version(), raw, name)
    last = st.session_state.get("wb_ini_for")
    if last == marker or (last is not None and last[0] == ds.version() and not raw):
        st.session_state["wb_ini_for"] = marker
        return
    st.session_state["wb_ini_for"] = marker
    ini = None
    if raw:
        try:
            ini = parse_initiative_param(ds, raw)
        except (ValueError, UnknownChoiceError):
            st.session_state["ini_dropped"] = [str(raw)[:MAX_PARAM_CHARS]]
    ini = ini or next(iter(known.values()), None)
    if ini is None:
        st.session_state.update(ini_pick=USER, ini_zones=[], ini_name="", ini_start=NO_YEAR, ini_end=NO_YEAR)
        return
    st.session_state.update(ini_pick=ini.id if ini.id in known else USER, ini_zones=list(ini.zone_ids),
                            ini_name=str(name)[:MAX_PARAM_CHARS] if ini.id == USER else "",
                            ini_start=ini.start_year or NO_YEAR, ini_end=ini.end_year or NO_YEAR)


def initiative_picker(ds, lang: str):
    """The initiative (predefined or the user's own) with its start and end year; None without zones.

    The choice is written to the URL as ``?initiative=<id or zone ids>[@start[-end]]`` (and ``name``).
    """
    from geo.analysis.initiatives import Initiative, initiative_param, predefined_initiatives
    from ui.zonepicker import show_dropped, sync_params, zone_labels

    known = {i.id: i for i in predefined_initiatives(ds)}
    _seed_initiative(ds, lang, known)
    show_dropped("ini", lang)
    years = ds.years()
    labels = zone_labels(ds)
    options = [*known, USER]
    for key, default in (("ini_pick", options[0]), ("ini_zones", []), ("ini_name", ""), ("ini_start", NO_YEAR),
                         ("ini_end", NO_YEAR)):
        if key not in st.session_state:
            st.session_state[key] = default
    sb = st.sidebar
    pick = sb.selectbox(t("wb_ini_pick", lang), options, key="ini_pick",
                        format_func=lambda i: known[i].name if i in known else t("wb_ini_user", lang))
    if pick == USER:
        zones = sb.multiselect(t("wb_ini_zones", lang), list(labels), key="ini_zones", format_func=labels.get,
                               placeholder=t("wb_search_ph", lang))
        name = sb.text_input(t("wb_ini_name", lang), key="ini_name", max_chars=60).strip()
    else:
        zones, name = list(known[pick].zone_ids), known[pick].name
    if st.session_state["ini_start"] not in years:
        st.session_state["ini_start"] = NO_YEAR
    # NO_YEAR, not None: a selectbox showing None shows its placeholder ("Choose an option"), not our word
    start = sb.selectbox(t("wb_ini_start", lang), [NO_YEAR, *years], key="ini_start",
                         format_func=lambda y: t("wb_ini_unknown", lang) if y == NO_YEAR else str(y)) or None
    ends = [NO_YEAR, *(y for y in years if start is None or y >= start)]
    if st.session_state["ini_end"] not in ends:
        st.session_state["ini_end"] = NO_YEAR
    end = sb.selectbox(t("wb_ini_end", lang), ends, key="ini_end",
                       format_func=lambda y: t("wb_ini_none", lang) if y == NO_YEAR else str(y)) or None
    if not zones:
        sync_params(ds, "ini", {}, lang)
        return None
    base = known.get(pick)
    ini = Initiative(pick, name or t("wb_own_default", lang), tuple(zones), start, end,
                     base.source if base else "", "")
    params = {"initiative": initiative_param(ini), **({"name": name} if pick == USER and name else {})}
    wanted = {**params, **({"lang": lang} if lang != "nb" else {})}
    st.session_state["wb_ini_for"] = (ds.version(), params["initiative"], params.get("name", ""))
    if dict(st.query_params) != wanted:
        st.query_params.from_dict(wanted)
    return ini


@st.cache_data(show_spinner=False, max_entries=64)
def comparison_group_cached(version: str, key: tuple, indicators: tuple, k: int, _ds, _ini):
    """:func:`geo.analysis.initiatives.comparison_group` (ValueError → None)."""
    from geo.analysis.initiatives import comparison_group

    try:
        return comparison_group(_ds, _ini, list(indicators), k)
    except ValueError:
        return None


@st.cache_data(show_spinner=False, max_entries=128)
def did_cached(version: str, key: tuple, indicator_id: str, comparison: tuple, _ds, _ini):
    """The gap series and the difference in differences of one indicator."""
    from geo.analysis.initiatives import difference_in_differences, gap_series

    return (gap_series(_ds, _ini, indicator_id, list(comparison)),
            difference_in_differences(_ds, _ini, indicator_id, list(comparison)))
