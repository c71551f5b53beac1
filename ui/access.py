"""Streamlit glue for the access page: cached models."""

from __future__ import annotations

import streamlit as st

from geo.access import demo_models
from geo.config import DATA_DIR
from geo.formats import format_number
from ui.i18n import t


@st.cache_resource(show_spinner="Forbereder beregningen …", max_entries=2)
def _models(version: str, year: int | None, _zones):
    """Models per dataset version (the zones argument is not hashed: the version is the key)."""
    return demo_models(_zones, DATA_DIR / "demo_inputs", year=year)


def access_models(ds):
    """Cached transit and green models for the dataset, or None when it has no inputs (non-demo)."""
    if not ds.is_demo or not (DATA_DIR / "demo_inputs" / "gtfs.zip").exists():
        return None
    # Label results with the year the dataset already uses for the indicator, so they line up.
    year = ds.years("transit_access")[-1] if "transit_access" in ds.indicator_ids else None
    return _models(ds.version(), year, ds.zones)


def access_caption(kind: str, params: dict, lang: str) -> str:
    """What the figures on the access page mean, in ``lang``, from the parameters the user chose.

    The ``source`` column keeps the full (English) provenance for the downloads; the page says it in
    the UI's language instead of showing that text.
    """
    def num(v: float) -> str:
        return format_number(v, 0 if float(v).is_integer() else 2, lang)

    if kind == "transit_access":
        return t("acc_caption_transit", lang, distance=num(params["distance"]), rail=num(params["rail_distance"]),
                 departures=num(params["min_departures"]), window=params["window"].replace("-", "–"))
    return t("acc_caption_green", lang, distance=num(params["distance"]), area=num(params["min_area_ha"]))
