"""The initiatives page's chart and difference-in-differences table, from :mod:`geo.analysis.initiatives`."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from geo.analysis.initiatives import caveat_text
from geo.formats import format_number
from geo.text import plotly_escape

#: Series of :func:`geo.analysis.initiatives.gap_series` drawn, with their line styles.
SERIES_STYLE = {"area": dict(color="#d55e00", width=3), "comparison": dict(color="#0072b2", width=2),
                "city": dict(color="#222222", width=2, dash="dash")}


def gap_figure(series: pd.DataFrame, indicator, names: dict[str, str], start_year: int | None = None,
               end_year: int | None = None, lang: str = "nb") -> go.Figure:
    """The area, the comparison group and the city per year; a dotted line at the start (and end) year.

    Years without a value are gaps (``connectgaps=False``), never interpolated.

    Parameters
    ----------
    series : pandas.DataFrame
        :func:`geo.analysis.initiatives.gap_series`.
    indicator : geo.data.catalog.Indicator
        For the axis title.
    names : dict
        ``area``, ``comparison``, ``city`` → legend names (data text: escaped here).
    """
    fig = go.Figure()
    for col, style in SERIES_STYLE.items():
        if col not in series or series[col].isna().all():
            continue
        fig.add_trace(go.Scatter(x=series["year"], y=series[col], mode="lines+markers", connectgaps=False,
                                 name=plotly_escape(names.get(col, col)), line=style, marker=dict(size=6),
                                 hovertemplate="%{x}: %{y:.1f}<extra>%{fullData.name}</extra>"))
    for year, word in ((start_year, "start"), (end_year, "slutt" if lang != "en" else "end")):
        if year is not None:
            fig.add_vline(x=year - 0.5, line_dash="dot", line_color="#666", annotation_text=f"{word} {year}",
                          annotation_position="top left")
    fig.update_layout(height=320, margin=dict(l=10, r=10, t=30, b=10), plot_bgcolor="white",
                      legend=dict(orientation="h", y=-0.2), xaxis=dict(dtick=1, gridcolor="#eee"),
                      yaxis=dict(rangemode="tozero", gridcolor="#eee",
                                 title=plotly_escape(f"{indicator.label(lang)} ({indicator.unit})")))
    return fig


def _change(value, indicator, lang: str) -> str:
    """A gap or a change of a gap, signed, in the unit (percentage points for shares)."""
    if value is None or pd.isna(value):
        return "–"
    unit = {"%": " pp", "count": "", "": ""}.get(indicator.unit, f" {indicator.unit}")
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    return sign + format_number(abs(value), indicator.decimals, lang) + unit


def did_frame(did: pd.DataFrame, indicator, labels: dict[str, str], lang: str = "nb") -> pd.DataFrame:
    """The difference in differences as a table: reference, change of the gap, interval, gaps, years.

    ``labels`` gives the column headings (``ref``, ``years``, ``before``, ``after``, ``did``, ``ci``) and the
    reference names (``city``, ``comparison``); the page passes them in its language.
    """
    rows = []
    for _, r in did.iterrows():
        years = "–" if not r["before_years"] and not r["after_years"] else (
            f"{_span(r['before_years'])} / {_span(r['after_years'])}")
        ci = "–" if pd.isna(r["ci_low"]) else f"{_change(r['ci_low'], indicator, lang)} – {_change(r['ci_high'], indicator, lang)}"
        # the change and its interval first: on a phone they are what stays in view
        rows.append({labels["ref"]: labels[r["reference"]], labels["did"]: _change(r["did"], indicator, lang),
                     labels["ci"]: ci, labels["before"]: _change(r["gap_before"], indicator, lang),
                     labels["after"]: _change(r["gap_after"], indicator, lang), labels["years"]: years})
    return pd.DataFrame(rows)


def _span(years) -> str:
    years = list(years)
    if not years:
        return "–"
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]} ({len(years)})"


def caveats(did: pd.DataFrame, lang: str = "nb") -> list[str]:
    """The caveats that apply to any row, in plain words, each once."""
    keys = list(dict.fromkeys(k for ks in did["caveats"] for k in ks))
    return [caveat_text(k, lang) for k in keys]

