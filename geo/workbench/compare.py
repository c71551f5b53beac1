"""The compare page's table, charts and downloads, from :func:`geo.analysis.compare.comparison_table`."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from geo.analysis.compare import SOURCE_JOIN
from geo.analysis.zonesets import find_set, user_set
from geo.export import DEMO_NOTE
from geo.report.figures import COLUMN_COLOURS
from geo.report.texts import text
from geo.text import plotly_escape
from geo.workbench.common import (
    CELL_STYLE,
    HEAD_STYLE,
    MUTED,
    NUM_STYLE,
    STICKY,
    TABLE_STYLE,
    cell_value,
    e,
    pct_text,
    scroller,
    verdict_html,
    verdict_key,
)

#: Fewest and most columns a comparison takes.
MIN_COLUMNS, MAX_COLUMNS = 2, 12


def comparison_columns(dataset, zones=(), groups=(), own=(), own_name: str = "", lang: str = "nb") -> list:
    """The columns of :func:`geo.analysis.compare.comparison_table`: zone ids, predefined sets, the own set.

    ``own`` (several zone ids) becomes one aggregated area named ``own_name`` (or after its zones).
    """
    cols: list = list(zones)
    cols.extend(find_set(dataset, g) for g in groups)
    if own:
        cols.append(user_set(dataset, own, own_name or None))
    return cols


def column_order(table: pd.DataFrame) -> list[str]:
    """Column ids in the order they were asked for."""
    return list(dict.fromkeys(table["column_id"]))


def _districts(dataset, table: pd.DataFrame) -> dict[str, float]:
    """District name → its figure per indicator row, for the districts of the single-zone columns."""
    zones = dataset.zones.set_index("zone_id")["district"]
    out: dict[str, str] = {}
    for cid, kind in zip(table["column_id"], table["kind"], strict=True):
        d = zones.get(cid.split("~")[0]) if kind == "zone" else None
        if isinstance(d, str) and d:
            out.setdefault(cid, d)
    return out


def comparison_html(dataset, table: pd.DataFrame, lang: str = "nb", *, pct: bool = False) -> str:
    """The comparison as an HTML table: indicators as rows, areas, the city and the districts as columns.

    Each area cell: value with unit (or % of the city level with ``pct``), rank "r av N" (single zones,
    1 = worst) and the verdict against the city. Every data string is escaped.
    """
    cols = column_order(table)
    names = dict(zip(table["column_id"], table["column_name"], strict=False))
    zone_district = _districts(dataset, table)
    districts = list(dict.fromkeys(zone_district.values()))
    head = [f'<th style="{HEAD_STYLE};text-align:left;{STICKY}">{e(text("indicator", lang))}</th>']
    head += [f'<th style="{HEAD_STYLE}"><span style="display:inline-block;width:0.8em;height:0.8em;'
             f'background:{COLUMN_COLOURS[i % len(COLUMN_COLOURS)]};margin-right:4px"></span>{e(names[c])}</th>'
             for i, c in enumerate(cols)]
    head.append(f'<th style="{HEAD_STYLE}">{e(text("city", lang))}</th>')
    head += [f'<th style="{HEAD_STYLE}">{e(text("district", lang))} {e(d)}</th>' for d in districts]
    body = []
    for ind, rows in table.groupby("indicator", sort=False):
        rows = rows.set_index("column_id")
        first = rows.iloc[0]
        decimals = int(dataset.indicator(ind).decimals)
        cells = [f'<td style="{CELL_STYLE};text-align:left;{STICKY}">{e(first["label"])} '
                 f'<span style="{MUTED}">({e(first["year"])})</span></td>']
        for c in cols:
            r = rows.loc[c]
            shown = pct_text(r["pct_of_city"], lang) if pct else cell_value(r["value"], r["unit"], decimals, lang,
                                                                              r["status"])
            extra = []
            if r["kind"] == "zone" and pd.notna(r["rank"]):
                extra.append(e(text("rank_of", lang, rank=int(r["rank"]), n=int(r["n_ranked"]))))
            if r["kind"] == "set" and pd.notna(r["n_used"]) and int(r["n_used"]) < int(r["n_zones"]):
                extra.append(e(text("zones_used", lang, used=int(r["n_used"]), n=int(r["n_zones"]))))
            extra.append(verdict_html(r["vs_city"], lang))
            cells.append(f'<td style="{NUM_STYLE}">{e(shown)}<br><small>{" · ".join(extra)}</small></td>')
        city = "100 %" if pct and pd.notna(first["city_value"]) else cell_value(first["city_value"], first["unit"],
                                                                               decimals, lang)
        cells.append(f'<td style="{NUM_STYLE}">{e(city)}</td>')
        for d in districts:
            zone_cols = [c for c in cols if zone_district.get(c) == d]
            value = rows.loc[zone_cols[0], "district_value"]
            shown = pct_text(value / first["city_value"] * 100 if pd.notna(value) and first["city_value"] else np.nan,
                             lang) if pct else cell_value(value, first["unit"], decimals, lang)
            cells.append(f'<td style="{NUM_STYLE}">{e(shown)}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    return scroller(f'<table class="wb-compare" style="{TABLE_STYLE}"><thead><tr>{"".join(head)}</tr></thead>'
                    f'<tbody>{"".join(body)}</tbody></table>', text("comparison_title", lang))


#: Longest area name on a chart axis (a long set name would squeeze the plot); the hover shows it whole.
AXIS_NAME = 24


def short_name(name: str, limit: int = AXIS_NAME) -> str:
    """``name`` cut to ``limit`` characters with an ellipsis."""
    name = str(name)
    return name if len(name) <= limit else name[:limit - 1].rstrip() + "…"


def dot_figure(table: pd.DataFrame, indicator, lang: str = "nb", *, pct: bool = False) -> go.Figure:
    """One indicator: each column a dot with its 95 % interval as whiskers, the city as a line.

    With ``pct`` the values (and the interval) are % of the city level and the city line is at 100.
    """
    rows = table[table["indicator"] == indicator.id]
    cols = column_order(table)
    rows = rows.set_index("column_id").loc[cols].reset_index()
    city = float(rows["city_value"].iloc[0]) if len(rows) else np.nan
    factor = 100.0 / city if pct and city else 1.0
    x = rows["value"] * factor
    fig = go.Figure()
    for i, r in rows.iterrows():
        colour = COLUMN_COLOURS[cols.index(r["column_id"]) % len(COLUMN_COLOURS)]
        has_ci = pd.notna(r["ci_low"]) and pd.notna(r["ci_high"]) and pd.notna(r["value"])
        name = plotly_escape(short_name(r["column_name"]))
        verdict = text(verdict_key(r["vs_city"]), lang)
        fig.add_trace(go.Scatter(
            x=[x.iloc[i]], y=[name], mode="markers", name=name, showlegend=False,
            marker=dict(size=11, color=colour, line=dict(width=1, color="#222")),
            error_x=dict(type="data", symmetric=False, array=[(r["ci_high"] - r["value"]) * factor],
                         arrayminus=[(r["value"] - r["ci_low"]) * factor], color=colour, thickness=2)
            if has_ci else None,
            hovertemplate=plotly_escape(r["column_name"]) + ": %{x:.1f}<extra>" + plotly_escape(verdict) + "</extra>"))
    if pd.notna(city):
        fig.add_vline(x=100.0 if pct else city, line_dash="dash", line_color="#333",
                      annotation_text=plotly_escape(text("city", lang)), annotation_position="top")
    unit = "% av byen" if pct and lang != "en" else "% of city" if pct else indicator.unit
    fig.update_layout(height=70 + 30 * len(rows), margin=dict(l=10, r=20, t=30, b=30), plot_bgcolor="white",
                      xaxis=dict(title=plotly_escape(unit), gridcolor="#eee", rangemode="tozero"),
                      yaxis=dict(autorange="reversed", type="category"),
                      title=dict(text=plotly_escape(indicator.label(lang)), font=dict(size=13)))
    return fig


def trend_multiples(trends: dict, names: dict[str, str], indicators: list, lang: str = "nb") -> go.Figure:
    """Small multiples: one panel per indicator, a line per column and the city dashed.

    Parameters
    ----------
    trends : dict
        ``(column_id, indicator_id)`` → :func:`geo.analysis.profile.trend_series` (one row per calendar
        year, NaN where there is no value: the line breaks there, never interpolated).
    names : dict
        Column id → display name, in column order.
    indicators : list of geo.data.catalog.Indicator
        The panels, in order.
    """
    n = max(len(indicators), 1)
    ncols = min(3, n)
    nrows = math.ceil(n / ncols)
    fig = make_subplots(rows=nrows, cols=ncols, subplot_titles=[plotly_escape(i.label(lang)) for i in indicators],
                        vertical_spacing=min(0.12, 0.5 / nrows), horizontal_spacing=0.06)
    for k, ind in enumerate(indicators):
        row, col = k // ncols + 1, k % ncols + 1
        city_done = False
        for j, (cid, name) in enumerate(names.items()):
            tr = trends.get((cid, ind.id))
            if tr is None or tr.empty:
                continue
            colour = COLUMN_COLOURS[j % len(COLUMN_COLOURS)]
            fig.add_trace(go.Scatter(x=tr["year"], y=tr["value"], mode="lines+markers", connectgaps=False,
                                     name=plotly_escape(name), legendgroup=cid, showlegend=k == 0,
                                     line=dict(color=colour, width=2), marker=dict(size=5),
                                     hovertemplate="%{x}: %{y:.1f}<extra>%{fullData.name}</extra>"), row=row, col=col)
            if not city_done:
                fig.add_trace(go.Scatter(x=tr["year"], y=tr["city_value"], mode="lines", connectgaps=False,
                                         name=plotly_escape(text("city", lang)), legendgroup="city",
                                         showlegend=k == 0, line=dict(color="#222", dash="dash", width=2),
                                         hovertemplate="%{x}: %{y:.1f}<extra>%{fullData.name}</extra>"),
                              row=row, col=col)
                city_done = True
    fig.update_layout(height=60 + 230 * nrows, margin=dict(l=10, r=10, t=40, b=10), plot_bgcolor="white",
                      legend=dict(orientation="h", y=-0.08))
    fig.update_xaxes(dtick=1 if n else None, gridcolor="#eee", tickformat="d")
    fig.update_yaxes(gridcolor="#eee", rangemode="tozero")
    return fig


#: Columns of the comparison download, in order.
EXPORT_COLUMNS = ["column_name", "kind", "zone_ids", "indicator", "label", "year", "value", "unit", "numerator",
                  "denominator", "rank", "n_ranked", "city_value", "district_value", "pct_of_city", "ci_low",
                  "ci_high", "test", "vs_city", "method", "n_used", "n_zones", "status", "source"]


def export_frame(table: pd.DataFrame, *, dataset_name: str, demo: bool) -> pd.DataFrame:
    """The comparison as a flat download table: every figure with status and source, the dataset, and
    (for a demo) a note column on every row."""
    out = table[EXPORT_COLUMNS].copy()
    out["source"] = out["source"].fillna("").str.replace(SOURCE_JOIN, "; ", regex=False)
    out["dataset"] = dataset_name
    if demo:
        out["note"] = DEMO_NOTE
    return out


def wide_frame(table: pd.DataFrame, lang: str = "nb") -> pd.DataFrame:
    """Indicators as rows and one value column per area plus the city: the sheet staff read first."""
    cols = column_order(table)
    names = dict(zip(table["column_id"], table["column_name"], strict=False))
    values = table.pivot_table(index="indicator", columns="column_id", values="value", aggfunc="first",
                               dropna=False, sort=False)
    first = table.drop_duplicates("indicator").set_index("indicator")
    out = pd.DataFrame({text("indicator", lang): first["label"], text("year", lang): first["year"],
                        "unit": first["unit"]})
    for c in cols:
        out[names[c]] = values[c] if c in values else np.nan
    out[text("city", lang)] = first["city_value"]
    return out.reset_index(drop=True)
