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
