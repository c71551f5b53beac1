"""Shared pieces of the workbench tables: cell formatting, verdict badges, the download notes."""

from __future__ import annotations

import html

import pandas as pd

from geo.analysis.summary import format_value
from geo.export import DEMO_NOTE
from geo.formats import format_number, no_value
from geo.report.texts import text

#: Verdict → inline style (orange worse, blue better: safe for red–green colour blindness; words too).
VERDICT_STYLE = {"worse": "color:#a63603;font-weight:600", "better": "color:#08519c;font-weight:600",
                 "similar": "color:#555", "no_test": "color:#666"}  # #666 is 5.7:1 on white (#777 4.5:1 fails AA)
#: Names of the tests of :func:`geo.analysis.stats.interval_for`, for footnotes.
TEST_NAMES = {"wilson": ("Wilson-intervall av andelen", "Wilson interval of the share"),
              "published_ci": ("kildens eget intervall", "the source's own interval")}
TABLE_STYLE = "border-collapse:collapse;font-size:0.9rem;min-width:100%"
CELL_STYLE = "border-bottom:1px solid #ddd;padding:4px 8px;text-align:right;vertical-align:top"
#: The indicator column stays in view while a wide table scrolls sideways (phones).
STICKY = "position:sticky;left:0;background:#fff;z-index:1;min-width:9em"
#: A figure cell: never broken inside "35,6 %" or "1 av 59" (lines are broken by <br> where wanted).
NUM_STYLE = CELL_STYLE + ";white-space:nowrap"
HEAD_STYLE = "border-bottom:2px solid #999;padding:4px 8px;text-align:right;vertical-align:bottom;background:#f4f4f4"


def e(value) -> str:
    """HTML-escaped text of any value."""
    return html.escape(str(value), quote=True)


def cell_value(value, unit: str, decimals: int, lang: str, status: str | None = None) -> str:
    """A value with its unit, or the word for a missing/suppressed one (never "nan")."""
    if value is None or pd.isna(value):
        return no_value(status, lang)
    return format_value(value, unit, decimals, lang)


def pct_text(value, lang: str) -> str:
    """A "% of city level" figure (no decimals), or the word for a missing one."""
    if value is None or pd.isna(value):
        return no_value(None, lang)
    return format_number(value, 0, lang) + " %"


def verdict_key(verdict) -> str:
    """``worse``, ``similar``, ``better`` or ``no_test``."""
    return verdict if verdict in ("worse", "similar", "better") else "no_test"


def verdict_html(verdict, lang: str) -> str:
    """The verdict as a styled word (the word carries the meaning; colour only helps)."""
    key = verdict_key(verdict)
    return f'<span style="{VERDICT_STYLE[key]}">{e(text(key, lang))}</span>'


def marker_footnote(tests, lang: str) -> str:
    """Which test(s) the markers rest on, and that figures without counts or interval get none."""
    used = [TEST_NAMES[x][1 if lang == "en" else 0] for x in TEST_NAMES if x in set(tests)]
    if lang == "en":
        head = "Marker against the city: the city value outside the area's 95 % interval"
        tail = "; figures with neither numerator and denominator nor a published interval get no test (“no test”)."
        return head + (f" ({'; '.join(used)})" if used else " — no figure here allows a test") + tail
    head = "Markering mot byen: byverdien ligger utenfor områdets 95 %-intervall"
    tail = "; tall uten teller og nevner og uten publisert intervall får ingen test («ingen test»)."
    return head + (f" ({'; '.join(used)})" if used else " — ingen tall her gir grunnlag for test") + tail


def download_notes(dataset_name: str, demo: bool, sources, lang: str, extra=()) -> list[str]:
    """Lines of an Excel file's notes sheet: dataset, demo marking, sources, and ``extra`` lines."""
    en = lang == "en"
    lines = [("Dataset: " if en else "Datasett: ") + str(dataset_name)]
    if demo:
        lines.append(DEMO_NOTE)
    lines.extend(str(x) for x in extra)
    srcs = list(dict.fromkeys(s for s in sources if isinstance(s, str) and s))
    lines.append(("Sources: " if en else "Kilder: ") + ("; ".join(srcs) if srcs else "–"))
    return lines
