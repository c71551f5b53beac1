"""The zone-profile page's table (spine charts and sparklines), its detail table and its similar-zones table."""

from __future__ import annotations

import pandas as pd

from geo.analysis.compare import Area
from geo.analysis.profile import area_profile, trend_series
from geo.analysis.summary import summary
from geo.formats import format_number
from geo.report.content import ProfileContent
from geo.report.figures import spine_svg
from geo.report.texts import text
from geo.workbench.common import (
    CELL_STYLE,
    HEAD_STYLE,
    NUM_STYLE,
    STICKY,
    TABLE_STYLE,
    cell_value,
    e,
    verdict_html,
    verdict_key,
)

SPARK_W, SPARK_H = 96, 22


def profile_content(dataset, area: Area, year: int, *, lang: str = "nb", public: bool = True
                    ) -> tuple[ProfileContent, dict]:
    """Profile (every indicator, surveys with their latest earlier year), trends and summary of ``area``.

    Returns
    -------
    (ProfileContent, dict)
        The report's content (without similar zones: the page lets the user choose what "alike" means)
        and indicator id → :func:`geo.analysis.profile.trend_series`.
    """
    profile = area_profile(dataset, area, year, public=public, exact=False, lang=lang)
    trends = {ind: trend_series(dataset, area, ind, public=public, lang=lang) for ind in profile["id"]}
    content = ProfileContent(area, int(year), profile, summary(profile, trends), pd.DataFrame(
        columns=["zone_id", "name", "distance", "n_shared", "similar_on", "different_on"]), dataset.name,
        dataset.is_demo)
    return content, trends


def sparkline_svg(trend: pd.DataFrame, *, width: int = SPARK_W, height: int = SPARK_H, title: str = "") -> str:
    """Inline SVG of a trend: the area's line (broken where a year has no value), the city dashed.

    Empty when the area has fewer than two values. Consecutive years are joined; a missing year breaks
    the line (never interpolated), and a lone value is a dot.
    """
    if trend is None or trend["value"].notna().sum() < 2:
        return ""
    years = trend["year"].to_numpy(dtype="float64")
    both = pd.concat([trend["value"], trend["city_value"]]).dropna()
    lo, hi = float(both.min()), float(both.max())
    span_y = hi - lo or 1.0
    span_x = (years.max() - years.min()) or 1.0
    pad = 2

    def xy(year, v):
        return (round(pad + (year - years.min()) / span_x * (width - 2 * pad), 1),
                round(height - pad - (v - lo) / span_y * (height - 2 * pad), 1))

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img">']
    if title:
        parts.append(f"<title>{e(title)}</title>")
    for column, style in (("city_value", 'stroke="#555" stroke-dasharray="3,2" stroke-width="1"'),
                          ("value", 'stroke="#d55e00" stroke-width="1.8"')):
        run: list[tuple[float, float]] = []
        for year, v in zip(years, trend[column], strict=True):
            if pd.isna(v):
                parts.append(_run(run, style))
                run = []
            else:
                run.append(xy(year, float(v)))
        parts.append(_run(run, style))
    parts.append("</svg>")
    return "".join(parts)


def _run(points: list, style: str) -> str:
    if not points:
        return ""
    if len(points) == 1:
        x, y = points[0]
        return f'<circle cx="{x}" cy="{y}" r="1.8" fill="#d55e00"/>'
    return f'<polyline fill="none" {style} points="{" ".join(f"{x},{y}" for x, y in points)}"/>'


def spine_html(profile: pd.DataFrame, trends: dict, lang: str = "nb") -> str:
    """Indicator, value, rank, vs city, spine chart and sparkline per row; every data string escaped."""
    head = ["indicator", "value", "rank", "vs_city", "spine"]
    ths = "".join(f'<th style="{HEAD_STYLE}{";text-align:left;" + STICKY if h == "indicator" else ""}">'
                  f'{e(text(h, lang))}</th>' for h in head)
    ths += f'<th style="{HEAD_STYLE}">{e("Utvikling" if lang != "en" else "Trend")}</th>'
    rows = []
    for _, r in profile.iterrows():
        rank = "–" if pd.isna(r["rank"]) else text("rank_of", lang, rank=int(r["rank"]), n=int(r["n_ranked"]))
        label = str(r["label"])
        cells = [f'<td style="{CELL_STYLE};text-align:left;{STICKY}">{e(label)} <span style="color:#666">({e(r["year"])})</span></td>',
                 f'<td style="{NUM_STYLE}">{e(cell_value(r["value"], r["unit"], int(r["decimals"]), lang, r["status"]))}</td>',
                 f'<td style="{NUM_STYLE}">{e(rank)}</td>', f'<td style="{NUM_STYLE}">{verdict_html(r["vs_city"], lang)}</td>',
                 f'<td style="{CELL_STYLE};text-align:center">{spine_svg(r, title=label)}</td>',
                 f'<td style="{CELL_STYLE};text-align:center">{sparkline_svg(trends.get(r["id"]), title=label)}</td>']
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<div style="overflow-x:auto" tabindex="0"><table class="wb-profile" style="{TABLE_STYLE}"><thead><tr>{ths}</tr>'
            f'</thead><tbody>{"".join(rows)}</tbody></table></div>')


def _num(value, decimals: int, lang: str) -> str:
    return "–" if value is None or pd.isna(value) else format_number(value, decimals, lang)


def detail_frame(profile: pd.DataFrame, lang: str = "nb", status_label=None) -> pd.DataFrame:
    """Every figure of the profile as text columns (one row per indicator) for a sortable table.

    ``status_label(status, lang)`` words the status (the app passes its translation).
    """
    en = lang == "en"
    status_label = status_label or (lambda s, _lang: s)
    rows = []
    for _, r in profile.iterrows():
        d = int(r["decimals"])
        ci = "–" if pd.isna(r["ci_low"]) else f"{_num(r['ci_low'], d, lang)} – {_num(r['ci_high'], d, lang)}"
        rows.append({
            text("indicator", lang): r["label"],
            text("value", lang): cell_value(r["value"], r["unit"], d, lang, r["status"]),
            "Unit" if en else "Enhet": r["unit"], text("year", lang): int(r["year"]),
            text("rank", lang): "–" if pd.isna(r["rank"]) else text("rank_of", lang, rank=int(r["rank"]), n=int(r["n_ranked"])),
            "Percentile" if en else "Persentil": _num(r["percentile"], 0, lang),
            text("city", lang): cell_value(r["city_value"], r["unit"], d, lang),
            text("district", lang): cell_value(r["district_value"], r["unit"], d, lang),
            "95 % CI" if en else "95 %-KI": ci,
            text("vs_city", lang): text(verdict_key(r["vs_city"]), lang),
            "Status": status_label(r["status"], lang),
            "Source" if en else "Kilde": r["source"] or "–",
        })
    return pd.DataFrame(rows)


def similar_frame(similar: pd.DataFrame, labels: dict[str, str], lang: str = "nb") -> pd.DataFrame:
    """The similar zones with distance and the indicators (by label) that make them alike or different."""
    en = lang == "en"

    def words(ids) -> str:
        return ", ".join(labels.get(i, i) for i in ids) or "–"

    return pd.DataFrame({
        "Zone" if en else "Sone": similar["name"].astype(str),
        "Distance" if en else "Avstand": [format_number(d, 2, lang) for d in similar["distance"]],
        "Alike on" if en else "Lik på": [words(x) for x in similar["similar_on"]],
        "Different on" if en else "Ulik på": [words(x) for x in similar["different_on"]],
    }) if len(similar) else pd.DataFrame(columns=["Zone" if en else "Sone"])

