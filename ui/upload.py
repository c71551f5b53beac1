"""Strings of the upload page."""

from __future__ import annotations

_TEXTS = {
    "title": ("Last opp egne data", "Upload your own data"),
    "intro": (
        "Last opp en sonefil og en indikatortabell i langt format (`zone_id, indicator, year, value` og "
        "eventuelt `numerator, denominator, ci_low, ci_high, status, source`). Filene sjekkes, og hver feil "
        "sier fil, objekt eller rad, felt og hva du kan gjøre. Dataene brukes bare i denne økten og lagres ikke "
        "på serveren.",
        "Upload a zone file and an indicator table in long format (`zone_id, indicator, year, value` and "
        "optionally `numerator, denominator, ci_low, ci_high, status, source`). The files are checked, and every "
        "problem names the file, feature or row, field and what to do. The data are used in this session only "
        "and not stored on the server.",
    ),
    "zones": ("Sonefil (GeoJSON, GeoPackage, zippet Shapefile, GeoParquet)",
              "Zone file (GeoJSON, GeoPackage, zipped Shapefile, GeoParquet)"),
    "table": ("Indikatortabell (CSV eller Excel)", "Indicator table (CSV or Excel)"),
    "options": ("Valg: feltnavn, koordinatsystem, reparasjon", "Options: field names, CRS, repair"),
    "id_field": ("Felt med sone-id", "Zone id field"),
    "name_field": ("Felt med sonenavn", "Zone name field"),
    "district_field": ("Felt med bydel (valgfritt)", "District field (optional)"),
    "crs": ("Koordinatsystem hvis filen mangler det", "CRS if the file has none"),
    "repair": ("Reparer ugyldige geometrier (make_valid)", "Repair invalid geometries (make_valid)"),
    "check": ("Sjekk og bruk", "Check and use"),
    "ok": ("Importert: {zones} soner, {indicators} indikatorer. Kartet bruker nå disse dataene i denne økten.",
           "Imported: {zones} zones, {indicators} indicators. The map now uses these data in this session."),
    "no_values": ("Tabellen ga ingen verdier å vise.", "The table gave no values to show."),
    "in_use": ("I bruk i denne økten: {name}", "In use in this session: {name}"),
    "download": ("Last ned som GeoPackage", "Download as GeoPackage"),
    "reset": ("Gå tilbake til standarddatasettet", "Back to the default dataset"),
}


def upload_texts(lang: str) -> dict[str, str]:
    """The page's strings in ``lang``."""
    return {k: (en if lang == "en" else nb) for k, (nb, en) in _TEXTS.items()}
