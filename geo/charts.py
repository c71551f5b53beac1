"""Plotly charts."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from geo.catalog import Indicator

SELECTED_COLOUR = "#d7301f"
OTHER_COLOUR = "#9ecae1"
MISSING_COLOUR = "#d9d9d9"


def zone_bar(facts: pd.DataFrame, indicator: Indicator, selected: str | None = None, lang: str = "nb",
             title: str = "") -> go.Figure:
    """Horizontal bar of every zone's value, worst at the top, the selected zone highlighted.

    Zones without a visible value (missing or suppressed) are listed at the bottom without a bar, so
    the chart never draws them as zero.
    """
    f = facts.sort_values(["rank", "name"], na_position="last").iloc[::-1]
    colours = [SELECTED_COLOUR if z == selected else (OTHER_COLOUR if pd.notna(v) else MISSING_COLOUR)
               for z, v in zip(f["zone_id"], f["value"], strict=True)]
    text = [indicator.format_value(v, lang) if pd.notna(v) else "–" for v in f["value"]]
    fig = go.Figure(go.Bar(
        x=f["value"], y=[html.escape(str(n)) for n in f["name"]], orientation="h", marker_color=colours,
        text=text, textposition="outside", cliponaxis=False, hoverinfo="y+text",
    ))
    city = facts["city_value"].iloc[0] if len(facts) else None
    if city is not None and pd.notna(city):
        fig.add_vline(x=city, line_dash="dash", line_color="#444",
                      annotation_text="Trondheim" if lang == "en" else "Trondheim", annotation_position="top")
    fig.update_layout(
        title=html.escape(title), height=max(300, 16 * len(f) + 80), margin=dict(l=10, r=40, t=40, b=10),
        xaxis_title=html.escape(f"{indicator.label(lang)} ({indicator.unit})" if indicator.unit else indicator.label(lang)),
        yaxis=dict(tickfont=dict(size=10)), showlegend=False, plot_bgcolor="white",
    )
    return fig
