"""Plotly figures of the analysis pages: trends with interval bands, the scatter with its OLS line.

Every data text (zone, set and district names, labels) is HTML-escaped before it reaches Plotly, which
renders a subset of HTML in hover labels and legends.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from geo.data.catalog import Indicator

#: Okabe–Ito colours (distinguishable with the common colour-vision deficiencies), for series and districts.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
_KIND_STYLE = {"zone": dict(width=3), "set": dict(width=3, dash="solid"), "district": dict(width=2, dash="dot"),
               "city": dict(width=2, dash="dash")}


def _segments(years: np.ndarray) -> list[np.ndarray]:
    """Indices of runs of consecutive years (a missing year breaks the run)."""
    if len(years) == 0:
        return []
    breaks = np.where(np.diff(years) != 1)[0] + 1
    return np.split(np.arange(len(years)), breaks)


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    return f"rgba({int(h[0:2], 16)},{int(h[2:4], 16)},{int(h[4:6], 16)},{alpha})"


def trend_figure(trend: pd.DataFrame, indicator: Indicator, lang: str = "nb") -> go.Figure:
    """Lines of :func:`geo.analysis.change.trend_series` with 95 % interval bands.

    Consecutive years are joined; a year without a value breaks the line, and a value whose
    neighbouring years are missing (survey years) is drawn as a point with an error bar — never joined
    to the next survey across the missing years.
    """
    fig = go.Figure()
    city_colour = "#444444"
    for n, (series, rows) in enumerate(trend.groupby("series", sort=False)):
        rows = rows.dropna(subset=["value"]).sort_values("year")
        kind = rows["kind"].iloc[0] if len(rows) else "zone"
        colour = city_colour if kind == "city" else OKABE_ITO[n % len(OKABE_ITO)]
        label = html.escape(str(trend.loc[trend["series"] == series, "label"].iloc[0]))
        years = rows["year"].to_numpy()
        first = True
        for seg in _segments(years):
            part = rows.iloc[seg]
            lone = len(part) == 1
            has_ci = part["ci_low"].notna() & part["ci_high"].notna()
            if not lone and has_ci.all():
                fig.add_trace(go.Scatter(
                    x=list(part["year"]) + list(part["year"][::-1]),
                    y=list(part["ci_high"]) + list(part["ci_low"][::-1]), fill="toself", mode="lines",
                    line=dict(width=0), fillcolor=_rgba(colour, 0.15), hoverinfo="skip", showlegend=False,
                    legendgroup=str(series)))
            error = dict(type="data", symmetric=False, array=(part["ci_high"] - part["value"]).tolist(),
                         arrayminus=(part["value"] - part["ci_low"]).tolist(), color=colour, thickness=1.5,
                         width=4) if lone and has_ci.all() else None
            fig.add_trace(go.Scatter(
                x=part["year"], y=part["value"], name=label, legendgroup=str(series), showlegend=first,
                mode="markers" if lone else "lines+markers", line=dict(color=colour, **_KIND_STYLE.get(kind, {})),
                marker=dict(color=colour, size=9 if lone else 6), error_y=error,
                hovertemplate="%{x}: %{y:.1f}<extra>" + label + "</extra>"))
            first = False
    all_years = sorted(trend["year"].unique())
    fig.update_layout(height=340, margin=dict(l=10, r=10, t=10, b=10), plot_bgcolor="white",
                      legend=dict(orientation="h", y=-0.2),
                      xaxis=dict(tickvals=all_years, range=[min(all_years) - 0.5, max(all_years) + 0.5]
                                 if all_years else None),
                      yaxis=dict(rangemode="tozero", gridcolor="#eee"),
                      yaxis_title=html.escape(f"{indicator.label(lang)} ({indicator.unit})"))
    return fig


def scatter_figure(pairs: pd.DataFrame, fit, x_ind: Indicator, y_ind: Indicator, lang: str = "nb",
                   selected: str | None = None) -> go.Figure:
    """Scatter of :func:`geo.analysis.relationships.paired_values`, one colour per district, OLS line.

    Each point carries its ``zone_id`` as ``customdata`` (a click selects the zone).
    """
    both = pairs.dropna(subset=["x", "y"])
    fig = go.Figure()
    districts = sorted(both["district"].fillna("–").unique())
    for n, d in enumerate(districts):
        part = both[both["district"].fillna("–") == d]
        names = [html.escape(str(v)) for v in part["name"]]
        fig.add_trace(go.Scatter(
            x=part["x"], y=part["y"], mode="markers", name=html.escape(str(d)),
            marker=dict(color=OKABE_ITO[n % len(OKABE_ITO)], size=10, line=dict(width=1, color="#fff")),
            customdata=part["zone_id"].tolist(), text=names,
            hovertemplate="<b>%{text}</b><br>" + html.escape(x_ind.label(lang)) + ": %{x:.1f}<br>"
                          + html.escape(y_ind.label(lang)) + ": %{y:.1f}<extra>" + html.escape(str(d)) + "</extra>"))
    if selected is not None and selected in set(both["zone_id"]):
        row = both[both["zone_id"] == selected].iloc[0]
        fig.add_trace(go.Scatter(x=[row["x"]], y=[row["y"]], mode="markers", showlegend=False, hoverinfo="skip",
                                 marker=dict(size=18, color="rgba(0,0,0,0)", line=dict(width=3, color="#000"))))
    if fit is not None:
        xs = np.array([both["x"].min(), both["x"].max()])
        fig.add_trace(go.Scatter(x=xs, y=fit.intercept + fit.slope * xs, mode="lines", hoverinfo="skip",
                                 name="OLS", line=dict(color="#333", dash="dash")))
    fig.update_layout(height=480, margin=dict(l=10, r=10, t=10, b=10), plot_bgcolor="white",
                      legend=dict(orientation="h", y=-0.15), clickmode="event+select",
                      xaxis=dict(title=html.escape(f"{x_ind.label(lang)} ({x_ind.unit})"), gridcolor="#eee"),
                      yaxis=dict(title=html.escape(f"{y_ind.label(lang)} ({y_ind.unit})"), gridcolor="#eee"))
    return fig


def rank_figure(table: pd.DataFrame, lang: str = "nb", top: int = 60) -> go.Figure:
    """Each zone's rank (point) and 5–95 % rank interval (bar), worst first."""
    t = table.dropna(subset=["score"]).sort_values("rank").head(top).iloc[::-1]
    names = [html.escape(str(n)) for n in t["name"]]
    rank = t["rank"].astype(float)
    fig = go.Figure(go.Scatter(
        x=rank, y=names, mode="markers", marker=dict(color="#b2182b", size=7),
        error_x=dict(type="data", symmetric=False, array=(t["rank_high"].astype(float) - rank).tolist(),
                     arrayminus=(rank - t["rank_low"].astype(float)).tolist(), color="#888", thickness=2, width=0),
        hovertemplate="%{y}: %{x}<extra></extra>"))
    fig.update_layout(height=max(300, 16 * len(t) + 60), margin=dict(l=10, r=10, t=10, b=10), plot_bgcolor="white",
                      xaxis=dict(title="Rangering (1 = dårligst)" if lang != "en" else "Rank (1 = worst)",
                                 autorange="reversed", gridcolor="#eee"), yaxis=dict(tickfont=dict(size=10)))
    return fig
