"""Streamlit glue for the access page: cached models and the page's strings."""

from __future__ import annotations

import streamlit as st

from geo.access import demo_models
from geo.config import DATA_DIR
from ui.cache import dataset_or_error

_TEXTS = {
    "title": ("Tilgjengelighet", "Access"),
    "intro": ("Andel bosatte nær et hyppig kollektivtilbud eller et grøntområde, beregnet av Levekårskart fra "
              "rutedata (GTFS), befolkningspunkter og grøntområder. Endre avstand og terskler og se kartet oppdateres.",
              "Share of residents near frequent public transport or a green area, computed by Levekårskart from "
              "timetables (GTFS), population points and green areas. Change distance and thresholds and watch the map update."),
    "no_inputs": ("Dette datasettet har ingen inndata for tilgjengelighet. Beregn med `python -m geo access …` "
                  "og importer resultatet.",
                  "This dataset has no access inputs. Compute with `python -m geo access …` and import the result."),
    "kind": ("Indikator", "Indicator"),
    "distance": ("Avstand (m)", "Distance (m)"),
    "min_departures": ("Minst avganger per time", "At least departures per hour"),
    "window": ("Tidsvindu (hverdag)", "Time window (weekday)"),
    "min_area": ("Minste grøntområde (hektar)", "Smallest green area (hectares)"),
    "city": ("Trondheim (fra sonene)", "Trondheim (from the zones)"),
}


def access_texts(lang: str) -> dict[str, str]:
    """The page's strings in ``lang``."""
    return {k: (en if lang == "en" else nb) for k, (nb, en) in _TEXTS.items()}


@st.cache_resource(show_spinner="Forbereder beregningen …", max_entries=2)
def _models(version: str):
    ds, _ = dataset_or_error()
    return demo_models(ds.zones, DATA_DIR / "demo_inputs")


def access_models(ds):
    """Cached transit and green models for the dataset, or None when it has no inputs (non-demo)."""
    if not ds.is_demo or not (DATA_DIR / "demo_inputs" / "gtfs.zip").exists():
        return None
    return _models(ds.version())
