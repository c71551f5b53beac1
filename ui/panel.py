"""The selected-zone side panel, the table alternative and the downloads."""

from __future__ import annotations

import html
from functools import partial

import pandas as pd
import streamlit as st

from geo.charts import zone_bar, zone_trend
from geo.export import MEDIA_TYPES, download_name, export_bytes
from geo.formats import facts_display_table
from geo.privacy import is_public
from ui.cache import trend_cached
from ui.comparison import district_label, published_label, reference_label
from ui.controls import select_zone
from ui.i18n import status_label, t
from ui.widgets import md_escape


def published_city_value(ds, indicator_id: str, year: int) -> pd.Series | None:
    """The published kommune figure for the indicator and year, if the dataset carries one."""
    r = ds.references
    hit = r[(r["indicator"] == indicator_id) & (r["year"] == year) & (r["level"] == "kommune")]
    return hit.iloc[0] if len(hit) else None


def facts_table_html(rows: list[tuple[str, str]]) -> str:
    """A two-column table of label → text, every cell HTML-escaped (data never becomes markup)."""
    body = "".join(f"<tr><th scope='row' style='text-align:left;font-weight:600;padding:4px 12px 4px 0;"
                   f"vertical-align:top'>{html.escape(str(k))}</th><td style='padding:4px 0'>{html.escape(str(v))}</td></tr>"
                   for k, v in rows)
    return f"<table class='lk-facts' style='border-collapse:collapse;width:100%'>{body}</table>"


def zone_panel(ds, facts: pd.DataFrame, indicator, year: int, zone_id: str | None, lang: str) -> None:
    """Facts about the selected zone and its trend (the bar of all zones is :func:`all_zones_chart`)."""
    st.subheader(t("selected_zone", lang))
    if not zone_id or zone_id not in set(facts["zone_id"]):
        st.caption(t("click_hint", lang))
        row = None
    else:
        row = facts.set_index("zone_id").loc[zone_id]
        fmt = lambda v: indicator.format_value(v, lang)  # noqa: E731
        st.markdown(f"### {md_escape(row['name'])}")
        rows = [(t("district", lang), row["district"] if pd.notna(row["district"]) else "–"),
                (t("value", lang) + f" ({year})", indicator.format_value(row["value"], lang, status=row["status"]))]
        if pd.notna(row["numerator"]) and pd.notna(row["denominator"]):
            rows.append((t("count", lang), t("of_whom", lang, num=f"{row['numerator']:,.0f}".replace(",", "\u00a0"),
                                                den=f"{row['denominator']:,.0f}".replace(",", "\u00a0"))))
        if pd.notna(row["rank"]):
            note = {"higher_is_worse": "rank_note_worse", "higher_is_better": "rank_note_better"}.get(
                indicator.direction, "rank_note_neutral")
            rows.append((t("rank", lang), t("rank_of", lang, rank=int(row["rank"]), n=int(row["n_ranked"]))
                         + f" ({t(note, lang)})"))
        city_note = {"mean": f" ({t('unweighted', lang)})", "weighted": f" ({t('pop_weighted', lang)})",
                     "median": f" ({t('ref_median_note', lang)})"}.get(row["benchmark_method"], "")
        rows.append((reference_label(ds, indicator, lang), fmt(row["city_value"]) + city_note))
        pub = published_city_value(ds, indicator.id, year)
        if pub is not None:
            rows.append((published_label(ds, lang), f"{fmt(pub['value'])} — {pub['source']}"))
        rows.append((district_label(indicator, lang), fmt(row["district_value"])))
        if pd.notna(row["ci_low"]) and pd.notna(row["ci_high"]):
            rows.append((t("ci", lang), f"{fmt(row['ci_low'])} – {fmt(row['ci_high'])}"))
        rows.append((t("status", lang), status_label(row["status"], lang)))
        rows.append((t("source", lang), row["source"] or indicator.source_name))
        st.markdown(facts_table_html(rows), unsafe_allow_html=True)
        st.page_link("pages/profile.py", label=t("wb_open_profile", lang), icon=":material/account_box:",
                     query_params={"zone": zone_id, "year": str(year), **({"lang": lang} if lang != "nb" else {})})
        if is_public(ds):
            st.caption(f"{t('public_totals_note', lang)} {t('public_rank_note', lang)}")
        trend = trend_cached(ds.version(), indicator.id, zone_id, ds)
        if len(trend) > 1:
            st.caption(t("trend", lang))
            st.plotly_chart(zone_trend(trend, indicator, row["name"], lang,
                                       reference_label(ds, indicator, lang), district_label(indicator, lang)), width="stretch",
                            config={"displayModeBar": False}, key="trend_chart")
        st.button(t("clear_selection", lang), key="clear_zone", on_click=select_zone, args=(None,))  # one run


def all_zones_chart(ds, facts: pd.DataFrame, indicator, year: int, zone_id: str | None, lang: str) -> None:
    """The bar of all zones, drawn only when its expander is open.

    A lazy expander (``on_change="rerun"``) sends nothing while closed: the chart's 4.7 MB Plotly bundle
    and its long tasks no longer delay the map's first paint.
    """
    box = st.expander(t("mf_bar_expander", lang), key="mf_bar_open", on_change="rerun")
    if box.open:
        with box:
            st.plotly_chart(zone_bar(facts, indicator, zone_id, lang, t("all_zones_chart", lang, year=year),
                                     reference_label(ds, indicator, lang)),
                            width="stretch", config={"displayModeBar": False})


def table_and_downloads(ds, facts: pd.DataFrame, indicator, year: int, lang: str, classes=None) -> None:
    """Sortable table alternative to the map, and CSV/GeoJSON/Excel/GeoPackage of exactly what is shown
    (``classes``: the map's classification, for the class and colour columns)."""
    st.subheader(t("table_heading", lang))
    # A lazy expander: the grid (a large frontend bundle and a canvas) is sent and drawn only when the
    # user opens it, so it no longer competes with the map's first paint. Downloads stay visible.
    box = st.expander(t("mf_table_expander", lang), key="mf_table_open", on_change="rerun")
    if box.open:
        with box:
            _zone_table(facts, indicator, lang)
    # Downloads in their own lazy expander too: four buttons and their script are not part of the first
    # view (each widget kind is one more script for a cold browser to fetch and run before the map
    # draws, bench/bench_map_browser.py). The label names the formats, so nobody has to open it to know.
    box = st.expander(t("mf_downloads_expander", lang), key="mf_dl_open", on_change="rerun")
    if box.open:
        with box:
            download_buttons(ds, facts, indicator, year, lang, classes)


def download_buttons(ds, facts: pd.DataFrame, indicator, year: int, lang: str, classes=None) -> None:
    """CSV, GeoJSON, Excel and GeoPackage of what the map shows, built when clicked (not on every
    rerun: the GeoJSON of 2 000 zones is ~14 MB) by the function ``python -m geo export`` calls — the
    same bytes from the app and the command line."""
    labels = {"csv": "download_csv", "geojson": "download_geojson", "xlsx": "download_xlsx", "gpkg": "download_gpkg"}
    for col, (fmt, (media, _)) in zip(st.columns(len(MEDIA_TYPES)), MEDIA_TYPES.items(), strict=True):
        col.download_button(t(labels[fmt], lang),
                            partial(export_bytes, ds, indicator.id, year, fmt, lang=lang, classification=classes,
                                    facts=facts),
                            download_name(ds, indicator.id, year, fmt), media, key=f"dl_{fmt}")
    if ds.is_demo:
        st.caption(t("download_demo_note", lang))


def _zone_table(facts: pd.DataFrame, indicator, lang: str) -> None:
    """The table of all zones (the text alternative to the map).

    Text in the language's number format ("5,3 %", "skjult"), worst first: a grid sorts text as text.
    """
    shown = facts_display_table(facts, indicator, lang)
    shown["status"] = shown["status"].map(lambda s: status_label(s, lang))
    st.dataframe(
        shown, hide_index=True, width="stretch",
        column_config={"name": t("col_zone", lang), "district": t("district", lang), "value": t("value", lang),
                       "rank": t("rank", lang), "ci": t("col_ci", lang), "status": t("status", lang),
                       "source": t("source", lang)},
    )
    st.caption(t("table_order_note", lang))
