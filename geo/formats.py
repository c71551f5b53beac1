"""Numbers, dates and statuses as a reader of each UI language expects them (Babel's CLDR data).

Bokmål: "5,3 %", "1 234" (non-breaking space), "12. mars 2024"; English: "5.3 %", "1,234", "12 March 2024".
Missing and suppressed values read as words ("mangler", "skjult"), never "None" or "nan".
"""

from __future__ import annotations

import datetime as dt
import math

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal

#: UI language → CLDR locale.
LOCALES = {"nb": "nb_NO", "en": "en_GB"}

#: Words for values that cannot be shown, per status (bokmål, English).
NO_VALUE: dict[str, tuple[str, str]] = {
    "suppressed": ("skjult", "suppressed"),
    "missing": ("mangler", "missing"),
}

#: Each status in words (bokmål, English): map tooltips and the downloads' ``status_text`` column.
STATUS_TEXT: dict[str, dict[str, str]] = {
    "published": {"nb": "publisert", "en": "published"},
    "synthetic": {"nb": "syntetisk (demo)", "en": "synthetic (demo)"},
    "computed": {"nb": "beregnet", "en": "computed"},
    "suppressed": {"nb": "skjult (for få personer)", "en": "suppressed (too few people)"},
    "missing": {"nb": "mangler", "en": "missing"},
}


def _locale(lang: str) -> str:
    return LOCALES.get(lang, LOCALES["nb"])


def is_missing(value: object) -> bool:
    """True for None, NaN and pandas' NA."""
    if value is None:
        return True
    try:
        return bool(math.isnan(float(value)))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return True


def no_value(status: str | None = None, lang: str = "nb") -> str:
    """The word shown instead of a number: "skjult" for suppressed, else "mangler"."""
    words = NO_VALUE["suppressed" if status == "suppressed" else "missing"]
    return words[1 if lang == "en" else 0]


def format_number(value: object, decimals: int = 1, lang: str = "nb", *, status: str | None = None) -> str:
    """``value`` with ``decimals`` decimals and the language's separators; a word when there is no value."""
    if is_missing(value):
        return no_value(status, lang)
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(float(value), format=pattern, locale=_locale(lang))  # type: ignore[arg-type]


def format_count(value: object, lang: str = "nb", *, status: str | None = None) -> str:
    """A whole number with the language's thousands separator ("1 234" / "1,234")."""
    return format_number(value, 0, lang, status=status)


def format_date(value: dt.date | dt.datetime | str, lang: str = "nb") -> str:
    """A date written out ("12. mars 2024" / "12 March 2024"); ISO strings are accepted."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        value = value.date()
    return _babel_date(value, format="long", locale=_locale(lang))


def facts_display_table(facts, indicator, lang: str = "nb"):
    """The zone facts as the table beside the map shows them: text in the language's number format.

    Values carry the unit ("5,3 %"), intervals read "4,1–6,2", ranks "3"; a zone without a value reads
    "skjult" or "mangler" (never "None"). Rows come worst first (rank 1 on top), zones without a rank
    last, because text columns sort as text in a grid: the order is given, not left to a click.

    Parameters
    ----------
    facts : pandas.DataFrame
        :func:`geo.benchmarks.zone_facts` output (``name``, ``district``, ``value``, ``rank``,
        ``ci_low``, ``ci_high``, ``status``, ``source``).
    indicator : geo.data.catalog.Indicator
        For decimals and unit.
    lang : str
        ``"nb"`` or ``"en"``.

    Returns
    -------
    pandas.DataFrame
        Columns ``name``, ``district``, ``value``, ``rank``, ``ci`` (only when some zone has an
        interval), ``status`` (the raw status; the caller labels it), ``source``; all text.
    """
    order = facts.sort_values(["rank", "name"], na_position="last", kind="stable")
    out = order[["name", "district"]].astype("string").fillna("").copy()
    statuses = order["status"].tolist()
    out["value"] = [indicator.format_value(v, lang, s) for v, s in zip(order["value"], statuses, strict=True)]
    out["rank"] = [format_count(r, lang, status=s) for r, s in zip(order["rank"], statuses, strict=True)]
    if order["ci_low"].notna().any():
        out["ci"] = [
            "" if is_missing(lo) or is_missing(hi)
            else f"{format_number(lo, indicator.decimals, lang)}–{format_number(hi, indicator.decimals, lang)}"
            for lo, hi in zip(order["ci_low"], order["ci_high"], strict=True)]
    out["status"] = statuses
    out["source"] = order["source"].astype("string").fillna("")
    return out.reset_index(drop=True)
