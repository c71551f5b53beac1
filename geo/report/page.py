"""One-page HTML reports (A4 when printed): a profile of one zone or set, or a comparison of several.

Self-contained: inline CSS (with print CSS for A4), the map as a PNG data URI, spine charts as inline
SVG — no script, no font or image fetched from anywhere. Every string that comes from data (zone and
set names, labels, sources, the dataset name, summary sentences) goes through :func:`html.escape`.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence

import pandas as pd

from geo.analysis.compare import SOURCE_JOIN, comparison_table
from geo.analysis.summary import format_value
from geo.formats import no_value
from geo.mapping.display import display_layer
from geo.report.content import ProfileContent, build_profile
from geo.report.figures import COLUMN_COLOURS, map_png, png_data_uri, spine_svg
from geo.report.texts import text

#: How many summary sentences fit on the page (the rest are counted, and are in the app).
MAX_CLAIMS = 6

CSS = """
@page { size: A4 portrait; margin: 11mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; font-size: 8.5pt; color: #111;
       margin: 0 auto; max-width: 186mm; line-height: 1.3; }
h1 { font-size: 15pt; margin: 0 0 1mm; }
h2 { font-size: 9.5pt; margin: 2.5mm 0 1mm; }
.meta { color: #444; font-size: 7.5pt; margin-bottom: 1.5mm; }
.demo { border: 1.5px solid #b35806; color: #7f3b08; background: #fff3e0; padding: 1mm 2mm; font-weight: bold;
        font-size: 8pt; margin: 1mm 0 2mm; }
.top { display: flex; gap: 4mm; align-items: flex-start; }
.top img { width: 52mm; height: 52mm; border: 1px solid #ccc; flex: none; }
.top img.small { width: 42mm; height: 42mm; }
.top .caption { font-size: 6.5pt; color: #555; }
ul.summary { margin: 0; padding-left: 4mm; } ul.summary li { margin-bottom: 0.8mm; }
table { border-collapse: collapse; width: 100%; font-size: 7.5pt; }
th, td { border-bottom: 1px solid #ddd; padding: 0.5mm 1mm; text-align: right; vertical-align: middle;
         white-space: nowrap; }
th { white-space: normal; }
td small { font-size: 6.5pt; }
table.compare { font-size: 7pt; }
th { background: #f2f2f2; font-weight: 600; }
td.label, th.label { text-align: left; white-space: normal; }
td.spine { text-align: center; padding: 0 1mm; }
.worse { color: #a63603; font-weight: 600; } .better { color: #08519c; font-weight: 600; }
.similar, .no_test, .muted { color: #666; }
.swatch { display: inline-block; width: 2.6mm; height: 2.6mm; border: 1px solid #333; margin-right: 1mm;
          vertical-align: middle; }
.notes { font-size: 6.5pt; color: #444; margin-top: 2mm; }
.notes p { margin: 0.5mm 0; }
/* many indicators: tighter rows so the page still holds them all */
body.rows-m table { font-size: 6.8pt; } body.rows-m td, body.rows-m th { padding: 0.2mm 1mm; }
body.rows-l table { font-size: 6pt; } body.rows-l td, body.rows-l th { padding: 0 0.8mm; }
body.rows-m td.spine svg { width: 110px; height: 11px; }
body.rows-l td.spine svg { width: 100px; height: 9px; } body.rows-l td small { font-size: 5.5pt; }
body.rows-l .top img { width: 40mm; height: 40mm; } body.rows-l ul.summary { font-size: 7.5pt; }
body.rows-l .notes { font-size: 5.8pt; } body.rows-l h2 { margin: 1.5mm 0 0.5mm; }
body.rows-l td br { display: none; } body.rows-l td small { margin-left: 1mm; }
@media print { body { max-width: none; } .top img { border-color: #999; } a { color: inherit; } }
"""


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def _value(row, lang: str) -> str:
    status = row.get("status")
    if pd.isna(row["value"]):
        return f'<span class="muted">{_e(no_value(status, lang))}</span>'
    shown = _e(format_value(row["value"], row["unit"], int(row.get("decimals", 1)), lang))
    if row.get("kind") == "set" and pd.notna(row.get("n_used")) and row["n_used"] < row["n_zones"]:
        shown += f' <small class="muted">({_e(text("zones_used", lang, used=int(row["n_used"]), n=int(row["n_zones"])))})</small>'
    return shown


def _verdict(row, lang: str, short: bool = False) -> str:
    v = row.get("vs_city")
    key = v if v in ("worse", "similar", "better") else "no_test"
    return f'<span class="{key}">{_e(text(key + ("_short" if short else ""), lang))}</span>'


#: Row counts above which the table is set tighter (``rows-m``) and tighter still (``rows-l``).
DENSE_ROWS = {"rows-m": 20, "rows-l": 28}


def _density(n_rows: int) -> str:
    return next((cls for cls, limit in sorted(DENSE_ROWS.items(), key=lambda kv: -kv[1]) if n_rows > limit), "")


def _head(title: str, lang: str, n_rows: int = 0) -> str:
    return (f'<!DOCTYPE html>\n<html lang="{"en" if lang == "en" else "nb"}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{_e(title)}</title>'
            f'<style>{CSS}</style></head><body class="{_density(n_rows)}">')


def _meta(dataset_name: str, year, demo: bool, today: str, lang: str) -> str:
    parts = [f"{_e(text('dataset', lang))}: {_e(dataset_name)}", f"{_e(text('year', lang))}: {_e(year)}",
             f"{_e(text('printed', lang))}: {_e(today)}"]
    out = f'<div class="meta">{" · ".join(parts)}</div>'
    if demo:
        out += f'<div class="demo">{_e(text("demo", lang))}</div>'
    return out


def _sources(rows: pd.DataFrame, lang: str) -> str:
    by_source: dict[str, list[str]] = {}
    for _, r in rows.iterrows():
        for src in str(r.get("source") or "").split(SOURCE_JOIN):
            if src:
                by_source.setdefault(src, []).append(str(r["label"]))
    items = "".join(f"<p>{_e(src)} ({_e(', '.join(dict.fromkeys(labels)))})</p>" for src, labels in by_source.items())
    return f"<p><b>{_e(text('sources', lang))}:</b></p>{items}"


def _notes(rows: pd.DataFrame, lang: str, *, any_set: bool, compare: bool = False) -> str:
    notes = [text("footnote_rank_short" if compare else "footnote_rank", lang), text("footnote_test", lang),
             text("footnote_suppressed", lang)]
    if any_set:
        notes.append(text("footnote_set", lang))
    return '<div class="notes">' + "".join(f"<p>{_e(n)}</p>" for n in notes) + _sources(rows, lang) + "</div>"


def render_profile_report(dataset, area=None, year: int | None = None, *, lang: str = "nb", k: int = 5,
                          public: bool = True, today: str | None = None, content: ProfileContent | None = None,
                          display=None, max_claims: int = MAX_CLAIMS) -> str:
    """A one-page HTML report of one zone or one set.

    Parameters
    ----------
    dataset : geo.data.dataset.Dataset
        The dataset.
    area : str, list of str, ZoneSet or Area
        The zone or set (ignored when ``content`` is given).
    year : int, optional
        Default: the latest year with values.
    lang : str
        ``nb`` or ``en``.
    k : int
        How many similar zones to list.
    public : bool
        Apply small-count suppression (keep True for anything that leaves the building).
    today : str, optional
        The date printed (ISO); default today.
    content : ProfileContent, optional
        A prebuilt :func:`geo.report.content.build_profile` (the app has it already).
    display : geo.mapping.display.DisplayLayer, optional
        The dataset's display layer (the app caches it); built when not given.
    max_claims : int
        Summary sentences printed (the rest are counted).

    Returns
    -------
    str
        The HTML document.
    """
    c = content or build_profile(dataset, area, year, k=k, public=public, lang=lang)
    today = today or dt.date.today().isoformat()
    display = display or display_layer(dataset.zones)
    a = c.area
    title = f"{text('profile_title' if a.kind == 'zone' else 'set_profile_title', lang)}: {a.name}"
    png = png_data_uri(map_png(display, list(a.zone_ids)))
    claims = c.summary["en" if lang == "en" else "nb"]
    shown = claims[:max_claims if len(c.profile) <= DENSE_ROWS["rows-m"] else max(2, max_claims - 2)]
    summary_html = "".join(f"<li>{_e(s)}</li>" for s in shown) or f"<li>{_e(text('no_claims', lang))}</li>"
    if len(claims) > len(shown):
        summary_html += f'<li class="muted">{_e(text("more_claims", lang, n=len(claims) - len(shown)))}</li>'
    members = ""
    if a.kind == "set":
        names = dataset.zones.set_index("zone_id")["name"]
        members = (f'<p class="caption">{_e(text("members", lang))}: '
                   f'{_e(", ".join(str(names.get(z, z)) for z in a.zone_ids))}</p>')
    head = ["label", "value", "rank", "city", "district", "vs_city", "spine"]
    if a.kind == "set":
        head.remove("rank")
        head.remove("district")
    th = "".join(f'<th class="{"label" if h == "label" else ""}">{_e(text("indicator" if h == "label" else h, lang))}</th>'
                 for h in head)
    body = []
    for _, r in c.profile.iterrows():
        cells = [f'<td class="label">{_e(r["label"])} <span class="muted">({_e(r["year"])})</span></td>',
                 f"<td>{_value(r, lang)}</td>"]
        if a.kind == "zone":
            rank = "–" if pd.isna(r["rank"]) else text("rank_of", lang, rank=int(r["rank"]), n=int(r["n_ranked"]))
            cells.append(f"<td>{_e(rank)}</td>")
        cells.append(f"<td>{_e(format_value(r['city_value'], r['unit'], int(r['decimals']), lang))}</td>")
        if a.kind == "zone":
            cells.append(f"<td>{_e(format_value(r['district_value'], r['unit'], int(r['decimals']), lang))}</td>")
        cells.append(f"<td>{_verdict(r, lang)}</td>")
        cells.append(f'<td class="spine">{spine_svg(r, title=str(r["label"]))}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    if len(c.similar):
        similar = ", ".join(f"{_e(r['name'])} ({_e(text('distance', lang))} "
                            f"{_e(format_value(r['distance'], 'count', 2, lang))})" for _, r in c.similar.iterrows())
    else:
        similar = _e(text("similar_none", lang))
    return (
        _head(title, lang, len(c.profile))
        + f"<h1>{_e(title)}</h1>"
        + _meta(c.dataset_name, c.year, c.demo, today, lang)
        + f'<div class="top"><div><img alt="{_e(text("map_caption", lang))}" src="{png}">'
        f'<div class="caption">{_e(text("map_caption", lang))}</div></div>'
        f'<div><h2 style="margin-top:0">{_e(text("summary", lang))}</h2><ul class="summary">{summary_html}</ul>'
        f"{members}</div></div>"
        + f"<table><thead><tr>{th}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        + f"<h2>{_e(text('similar_zones', lang))}</h2><p>{similar}</p>"
        + _notes(c.profile, lang, any_set=a.kind == "set")
        + "</body></html>"
    )


def render_comparison_report(dataset, columns: Sequence, year: int, *, lang: str = "nb", public: bool = True,
                             today: str | None = None, table: pd.DataFrame | None = None, display=None) -> str:
    """A one-page HTML report comparing zones and/or sets (columns) on every indicator of ``year``.

    Parameters
    ----------
    dataset : geo.data.dataset.Dataset
        The dataset.
    columns : sequence
        As in :func:`geo.analysis.compare.comparison_table` (ignored when ``table`` is given).
    year : int
        The year.
    lang, public, today, display
        As in :func:`render_profile_report`.
    table : pandas.DataFrame, optional
        A prebuilt :func:`geo.analysis.compare.comparison_table`.

    Returns
    -------
    str
        The HTML document.
    """
    t = table if table is not None else comparison_table(dataset, columns, year, public=public, lang=lang)
    today = today or dt.date.today().isoformat()
    display = display or display_layer(dataset.zones)
    cols = list(dict.fromkeys(t["column_id"]))
    names = dict(zip(t["column_id"], t["column_name"]))
    kinds = dict(zip(t["column_id"], t["kind"]))
    colours = {cid: COLUMN_COLOURS[i % len(COLUMN_COLOURS)] for i, cid in enumerate(cols)}
    zone_ids = {cid: str(z).split(",") for cid, z in zip(t["column_id"], t["zone_ids"])}
    groups: dict[str, list[str]] = {}
    for cid in reversed(cols):  # the first column is drawn last, on top
        groups.setdefault(colours[cid], []).extend(zone_ids[cid])
    png = png_data_uri(map_png(display, groups))
    title = text("comparison_title", lang)
    legend = "".join(f'<li><span class="swatch" style="background:{colours[c]}"></span>{_e(names[c])}</li>'
                     for c in cols)
    th = f'<th class="label">{_e(text("indicator", lang))}</th>' + "".join(
        f'<th><span class="swatch" style="background:{colours[c]}"></span>{_e(names[c])}</th>' for c in cols) + \
        f"<th>{_e(text('city', lang))}</th>"
    body = []
    for ind, rows in t.groupby("indicator", sort=False):
        rows = rows.set_index("column_id")
        first = rows.iloc[0]
        decimals = dataset.indicator(ind).decimals
        cells = [f'<td class="label">{_e(first["label"])} <span class="muted">({_e(first["year"])})</span></td>']
        for cid in cols:
            r = rows.loc[cid].copy()
            r["decimals"] = decimals
            rank = "" if pd.isna(r["rank"]) else f'{int(r["rank"])}/{int(r["n_ranked"])} '
            cells.append(f"<td>{_value(r, lang)}<br><small>{_e(rank)}{_verdict(r, lang, short=True)}</small></td>")
        cells.append(f"<td>{_e(format_value(first['city_value'], first['unit'], decimals, lang))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    any_set = any(k == "set" for k in kinds.values())
    sources = t.groupby("indicator", sort=False).agg(
        label=("label", "first"),
        source=("source", lambda s: SOURCE_JOIN.join(dict.fromkeys(x for v in s for x in str(v).split(SOURCE_JOIN) if x))))
    return (
        _head(title, lang, 2 * len(sources))  # two lines per comparison row
        + f"<h1>{_e(title)}</h1>"
        + _meta(dataset.name, year, dataset.is_demo, today, lang)
        + f'<div class="top"><div><img class="small" alt="{_e(text("map_caption_comparison", lang))}" src="{png}"></div>'
        f'<div><h2 style="margin-top:0">{_e(text("map_caption_comparison", lang))}</h2>'
        f'<ul class="summary" style="list-style:none;padding:0">{legend}</ul></div></div>'
        + f'<table class="compare"><thead><tr>{th}</tr></thead><tbody>{"".join(body)}</tbody></table>'
        + _notes(sources.reset_index(), lang, any_set=any_set, compare=True)
        + "</body></html>"
    )
