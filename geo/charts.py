"""Plotly charts."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from geo.data.catalog import Indicator
from geo.text import plotly_escape

SELECTED_COLOUR = "#d7301f"
OTHER_COLOUR = "#9ecae1"
MISSING_COLOUR = "#d9d9d9"


#: Line names when the caller gives none (the app passes the dataset's area, e.g. "Trondheim").
_REFERENCE_DEFAULT = {"nb": "Hele området", "en": "The whole area"}
_DISTRICT_DEFAULT = {"nb": "Bydel", "en": "District"}


def zone_bar(facts: pd.DataFrame, indicator: Indicator, selected: str | None = None, lang: str = "nb",
             title: str = "", reference_name: str = "") -> go.Figure:
    """Horizontal bar of every zone's value, worst at the top, the selected zone highlighted.

    Zones without a visible value (missing or suppressed) are listed at the bottom without a bar, so
    the chart never draws them as zero. A dashed line marks ``city_value`` (the comparison figure of
    :func:`geo.benchmarks.zone_facts`), labelled ``reference_name``.
    """
    f = facts.sort_values(["rank", "name"], na_position="last").iloc[::-1]
    colours = [SELECTED_COLOUR if z == selected else (OTHER_COLOUR if pd.notna(v) else MISSING_COLOUR)
               for z, v in zip(f["zone_id"], f["value"], strict=True)]
    text = [indicator.format_value(v, lang) if pd.notna(v) else "–" for v in f["value"]]
    fig = go.Figure(go.Bar(
        x=f["value"], y=[plotly_escape(n) for n in f["name"]], orientation="h", marker_color=colours,
        text=text, textposition="outside", cliponaxis=False, hoverinfo="y+text",
    ))
    city = facts["city_value"].iloc[0] if len(facts) else None
    if city is not None and pd.notna(city):
        fig.add_vline(x=city, line_dash="dash", line_color="#444",
                      annotation_text=plotly_escape(reference_name or _REFERENCE_DEFAULT.get(lang, "")),
                      annotation_position="top")
    fig.update_layout(
        title=plotly_escape(title), height=max(300, 16 * len(f) + 80), margin=dict(l=10, r=40, t=40, b=10),
        xaxis_title=plotly_escape(f"{indicator.label(lang)} ({indicator.unit})" if indicator.unit else indicator.label(lang)),
        yaxis=dict(tickfont=dict(size=10)), showlegend=False, plot_bgcolor="white",
    )
    return fig


def trend_frame(dataset, indicator_id: str, zone_id: str, facts_for=None) -> pd.DataFrame:
    """The zone's, its district's and the city's figure for every year of the indicator.

    Built from :func:`geo.benchmarks.zone_facts` (public: suppressed years of the zone are gaps).
    ``facts_for(year)``, when given, supplies those facts (the app passes its per-year cache, so a
    new selection costs lookups, not ten years of facts: ~1 s on 2 000 zones).

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``zone``, ``district``, ``city``.
    """
    from geo.benchmarks import zone_facts

    facts_for = facts_for or (lambda year: zone_facts(dataset, indicator_id, year))
    rows = []
    for year in dataset.years(indicator_id):
        f = facts_for(year)
        hit = f[f["zone_id"] == zone_id]
        if len(hit):
            r = hit.iloc[0]
            rows.append({"year": year, "zone": r["value"], "district": r["district_value"], "city": r["city_value"]})
    return pd.DataFrame(rows, columns=["year", "zone", "district", "city"])


def zone_trend(trend: pd.DataFrame, indicator: Indicator, zone_name: str, lang: str = "nb",
               reference_name: str = "", district_name: str = "") -> go.Figure:
    """Line chart of :func:`trend_frame`: the zone against its district and the city (or, for counts,
    the median zones), the two comparison lines named ``district_name`` and ``reference_name``."""
    names = {"zone": plotly_escape(zone_name),
             "district": plotly_escape(district_name or _DISTRICT_DEFAULT.get(lang, "")),
             "city": plotly_escape(reference_name or _REFERENCE_DEFAULT.get(lang, ""))}
    styles = {"zone": dict(color=SELECTED_COLOUR, width=3), "district": dict(color="#6b6b6b", dash="dot"),
              "city": dict(color="#222", dash="dash")}
    fig = go.Figure()
    for col in ("zone", "district", "city"):
        fig.add_trace(go.Scatter(x=trend["year"], y=trend[col], name=names[col], mode="lines+markers",
                                 line=styles[col], connectgaps=False,
                                 # the name is looked up, not pasted into the template: "%{…}" in a zone name stays text
                                 hovertemplate="%{x}: %{y:.1f}<extra>%{fullData.name}</extra>"))
    fig.update_layout(height=260, margin=dict(l=10, r=10, t=10, b=10), plot_bgcolor="white",
                      legend=dict(orientation="h", y=-0.25), xaxis=dict(dtick=1), yaxis=dict(rangemode="tozero"),
                      yaxis_title=plotly_escape(indicator.unit))
    return fig
