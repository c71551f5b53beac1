"""Static figures of the report: the area on a map of the city (PNG), spine charts (inline SVG).

No network and no browser: the map is drawn with matplotlib (Agg) from the same display layer the app
uses (:func:`geo.mapping.display.display_layer`: coverage-simplified, EPSG:4326), so the report shows the same
shapes as the map page.
"""

from __future__ import annotations

import base64
import html
import io
import math
from collections.abc import Mapping, Sequence

import pandas as pd

from geo.analysis.profile import spine_positions

#: Colours: other zones, district outlines, the highlighted area (as on the map page's selection).
ZONE_FILL, ZONE_EDGE, DISTRICT_EDGE, HIGHLIGHT = "#eeeeee", "#b0b0b0", "#555555", "#d7301f"
#: Qualitative, colour-blind-safe colours for several comparison columns (Okabe–Ito).
COLUMN_COLOURS = ("#d55e00", "#0072b2", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#f0e442", "#000000",
                  "#882255", "#44aa99", "#999933", "#6699cc")
#: Verdict colours of the spine marker (orange = worse, blue = better: safe for red–green colour blindness).
VERDICT_COLOURS = {"worse": "#d55e00", "better": "#0072b2", "similar": "#ffffff", None: "#bbbbbb"}


def map_png(display, groups: Mapping[str, Sequence[str]] | Sequence[str], *, size_in: float = 2.6,
            dpi: int = 150) -> bytes:
    """PNG of every zone in grey with the given zones coloured, district outlines on top.

    Parameters
    ----------
    display : geo.mapping.display.DisplayLayer
        The dataset's display layer.
    groups : sequence of zone ids, or mapping colour → zone ids
        One area (drawn in :data:`HIGHLIGHT`) or several, each in its own colour.
    size_in : float
        Width and height of the square figure in inches.
    dpi : int
        Resolution.
    """
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    if not isinstance(groups, Mapping):
        groups = {HIGHLIGHT: list(groups)}
    zones = display.zones
    fig = Figure(figsize=(size_in, size_in), dpi=dpi)
    ax = fig.add_axes((0, 0, 1, 1))
    zones.plot(ax=ax, facecolor=ZONE_FILL, edgecolor=ZONE_EDGE, linewidth=0.3)
    for colour, ids in groups.items():
        sel = zones[zones["zone_id"].isin(set(ids))]
        if len(sel):
            sel.plot(ax=ax, facecolor=colour, edgecolor="#222222", linewidth=0.5, alpha=0.9)
    if len(display.districts):
        display.districts.boundary.plot(ax=ax, color=DISTRICT_EDGE, linewidth=0.6)
    xmin, ymin, xmax, ymax = zones.total_bounds
    # lon/lat drawn with the local scale: 1° of longitude is cos(latitude) of a degree of latitude
    ax.set_aspect(1 / max(math.cos(math.radians((ymin + ymax) / 2)), 0.1))
    ax.set_axis_off()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, transparent=False, facecolor="white")
    return buf.getvalue()


def png_data_uri(png: bytes) -> str:
    """A ``data:image/png;base64,…`` URI (the report stays one self-contained file)."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def spine_svg(row: pd.Series, *, width: int = 130, height: int = 14, title: str = "") -> str:
    """Inline SVG spine chart of one profile row: worst zone on the left, best on the right.

    Grey bar = all zones (min–max), darker band = the middle half (interquartile range), black line =
    the city, circle = the area (filled by its verdict against the city: orange worse, blue better, white
    no clear difference, grey no test). Empty when the distribution is unknown.
    """
    pos = spine_positions(row)
    if pd.isna(pos["worst"]):
        return ""
    pad = 6
    span = width - 2 * pad

    def x(p: float) -> float:
        return round(pad + p * span, 1)

    mid = height / 2
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img">']
    if title:
        parts.append(f"<title>{html.escape(title)}</title>")
    parts.append(f'<rect x="{x(0)}" y="{mid - 3}" width="{span}" height="6" fill="#e3e3e3"/>')
    if pd.notna(pos["q_worse"]) and pd.notna(pos["q_better"]):
        parts.append(f'<rect x="{x(pos["q_worse"])}" y="{mid - 3}" width="{round((pos["q_better"] - pos["q_worse"]) * span, 1)}" '
                     f'height="6" fill="#9e9e9e"/>')
    if pd.notna(pos["city"]):
        parts.append(f'<line x1="{x(pos["city"])}" x2="{x(pos["city"])}" y1="1" y2="{height - 1}" '
                     f'stroke="#000" stroke-width="1.5"/>')
    if pd.notna(pos["value"]):
        verdict = row.get("vs_city") if row.get("vs_city") in VERDICT_COLOURS else None
        parts.append(f'<circle cx="{x(pos["value"])}" cy="{mid}" r="4" fill="{VERDICT_COLOURS[verdict]}" '
                     f'stroke="#222" stroke-width="1"/>')
    parts.append("</svg>")
    return "".join(parts)
