"""The selected-zone side panel, the table alternative and the downloads."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from geo.benchmarks import FACT_COLUMNS
from geo.charts import zone_bar, zone_trend
from geo.export import export_table, to_csv, to_geojson
from ui.cache import trend_cached
from ui.comparison import district_label, published_label, reference_label
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
    """Facts about the selected zone plus a bar of all zones with the selection highlighted."""
    st.subheader(t("selected_zone", lang))
    if not zone_id or zone_id not in set(facts["zone_id"]):
        st.caption(t("click_hint", lang))
        row = None
    else:
        row = facts.set_index("zone_id").loc[zone_id]
        fmt = lambda v: indicator.format_value(v, lang)  # noqa: E731
        st.markdown(f"### {md_escape(row['name'])}")
        rows = [(t("district", lang), row["district"] if pd.notna(row["district"]) else "–"),
                (t("value", lang) + f" ({year})", fmt(row["value"]))]
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
        trend = trend_cached(ds.version(), indicator.id, zone_id, ds)
        if len(trend) > 1:
            st.caption(t("trend", lang))
            st.plotly_chart(zone_trend(trend, indicator, row["name"], lang,
                                       reference_label(ds, indicator, lang), district_label(indicator, lang)), width="stretch",
                            config={"displayModeBar": False}, key="trend_chart")
        if st.button(t("clear_selection", lang), key="clear_zone"):
            st.session_state["zone"] = None
            st.rerun()
    # Folded: a bar per zone is ~1 000 px tall and would push the table (the map's text alternative) a
    # screen down, on a phone several.
    with st.expander(t("all_zones_chart", lang, year=year)):
        st.plotly_chart(zone_bar(facts, indicator, zone_id, lang, "", reference_label(ds, indicator, lang)),
                        width="stretch", config={"displayModeBar": False})


def table_and_downloads(ds, facts: pd.DataFrame, indicator, year: int, lang: str) -> None:
    """Sortable table alternative to the map, and CSV/GeoJSON of exactly what is shown."""
    st.subheader(t("table_heading", lang))
    shown = facts.assign(status=facts["status"].map(lambda s: status_label(s, lang)))
    unit = f" ({indicator.unit})" if indicator.unit else ""
    columns = ["name", "district", "value", "rank", "ci_low", "ci_high", "status", "source"]
    if facts["ci_low"].isna().all():  # no interval anywhere (register data): no empty CI columns
        columns = [c for c in columns if c not in ("ci_low", "ci_high")]
    st.dataframe(
        shown[columns],
        hide_index=True, width="stretch",
        column_config={
            "name": t("col_zone", lang), "district": t("district", lang),
            "value": st.column_config.NumberColumn(t("value", lang) + unit, format=f"%.{indicator.decimals}f"),
            "rank": st.column_config.NumberColumn(t("rank", lang), format="%d"),
            "ci_low": st.column_config.NumberColumn("KI ↓" if lang == "nb" else "CI low", format="%.1f"),
            "ci_high": st.column_config.NumberColumn("KI ↑" if lang == "nb" else "CI high", format="%.1f"),
            "status": t("status", lang), "source": t("source", lang),
        },
    )
    table = export_table(facts[FACT_COLUMNS], indicator, year, dataset_name=ds.name, demo=ds.is_demo)
    stem = f"levekar_{indicator.id}_{year}" + ("_DEMO" if ds.is_demo else "")
    c1, c2 = st.columns(2)
    # Built when clicked, not on every rerun: the GeoJSON of 2 000 zones is ~14 MB.
    c1.download_button(t("download_csv", lang), lambda: to_csv(table), f"{stem}.csv", "text/csv", key="dl_csv")
    c2.download_button(t("download_geojson", lang),
                       lambda: to_geojson(table, ds.zones, demo=ds.is_demo, manifest=ds.meta.get("manifest", [])),
                       f"{stem}.geojson", "application/geo+json", key="dl_geojson")
    if ds.is_demo:
        st.caption(t("download_demo_note", lang))
