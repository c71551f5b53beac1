"""UI strings in one place: bokmål (default) and English.

Indicator labels and descriptions come from the catalogue, not from here.
"""

from __future__ import annotations

LANGS = ("nb", "en")
DEFAULT_LANG = "nb"

STRINGS: dict[str, tuple[str, str]] = {
    # frame
    "app_title": ("Levekårskart", "Levekårskart"),
    "language": ("Språk", "Language"),
    "page_map": ("Kart", "Map"),
    "page_access": ("Tilgjengelighet", "Access"),
    "page_upload": ("Last opp data", "Upload data"),
    "page_about": ("Om dataene", "About the data"),
    "demo_banner": (
        "**Demonstrasjonsdata.** Sonenavnene er ekte, men grensene er skjematiske og de fleste tallene er "
        "syntetiske (status «syntetisk»). Ikke bruk tallene til beslutninger. Se «Om dataene».",
        "**Demonstration data.** Zone names are real, but the boundaries are schematic and most numbers are "
        "synthetic (status “synthetic”). Do not use them for decisions. See “About the data”.",
    ),
    "dataset_error": (
        "Kunne ikke åpne datasettet: {error}. Viser demonstrasjonsdataene i stedet.",
        "Could not open the dataset: {error}. Showing the demonstration data instead.",
    ),
    "dataset_caption": ("Datasett: {name} · {zones} soner", "Dataset: {name} · {zones} zones"),
    # controls
    "indicator": ("Indikator", "Indicator"),
    "year": ("År", "Year"),
    "scheme": ("Klassedeling", "Classification"),
    "k": ("Antall klasser", "Number of classes"),
    "palette": ("Fargeskala", "Palette"),
    "breaks": ("Egne klassegrenser (kommaseparert)", "Own class breaks (comma-separated)"),
    "basemap": ("Bakgrunnskart", "Basemap"),
    "districts_layer": ("Vis bydelsgrenser", "Show district outlines"),
    "search_zone": ("Finn sone", "Find zone"),
    "search_placeholder": ("Skriv et sonenavn …", "Type a zone name …"),
    "no_zone_match": ("Ingen sone passer «{q}».", "No zone matches “{q}”."),
    "clear_selection": ("Fjern valg", "Clear selection"),
    "share_link": ("Del denne visningen", "Share this view"),
    "share_help": (
        "Adressen i nettleseren gjenskaper akkurat denne visningen (indikator, år, klassedeling, valgt sone).",
        "The address in the browser restores exactly this view (indicator, year, classification, selected zone).",
    ),
    # notices
    "param_fallback": ("Ugyldig verdi i lenken for «{param}» ({value}); bruker {default}.",
                       "Invalid value in the link for “{param}” ({value}); using {default}."),
    # scheme names
    "scheme_quantiles": ("Kvantiler", "Quantiles"),
    "scheme_fisher_jenks": ("Naturlige brudd (Fisher–Jenks)", "Natural breaks (Fisher–Jenks)"),
    "scheme_equal_interval": ("Like intervaller", "Equal intervals"),
    "scheme_box_plot": ("Boksplott (uteliggere)", "Box plot (outliers)"),
    "scheme_user_defined": ("Egne grenser", "User-defined breaks"),
    # panel
    "selected_zone": ("Valgt sone", "Selected zone"),
    "click_hint": ("Klikk en sone i kartet, eller finn den med søket.", "Click a zone on the map, or find it with the search."),
    "district": ("Bydel (omtrentlig)", "District (approximate)"),
    "value": ("Verdi", "Value"),
    "rank": ("Rangering", "Rank"),
    "rank_of": ("{rank} av {n}", "{rank} of {n}"),
    "rank_note_worse": ("1 = høyest verdi (dårligst)", "1 = highest value (worst)"),
    "rank_note_better": ("1 = lavest verdi (dårligst)", "1 = lowest value (worst)"),
    "rank_note_neutral": ("1 = høyest verdi", "1 = highest value"),
    "city": ("Trondheim (fra sonene)", "Trondheim (from the zones)"),
    "city_published": ("Trondheim, publisert", "Trondheim, published"),
    "district_value": ("Bydel", "District"),
    "ci": ("95 % konfidensintervall", "95 % confidence interval"),
    "status": ("Status", "Status"),
    "source": ("Kilde", "Source"),
    "count": ("Antall", "Count"),
    "of_whom": ("{num} av {den}", "{num} of {den}"),
    "unweighted": ("uvektet gjennomsnitt av sonene", "unweighted mean of the zones"),
    "status_published": ("publisert", "published"),
    "status_synthetic": ("syntetisk", "synthetic"),
    "status_computed": ("beregnet", "computed"),
    "status_suppressed": ("skjult (få personer)", "suppressed (few people)"),
    "status_missing": ("mangler", "missing"),
    "all_zones_chart": ("Alle soner, {year}", "All zones, {year}"),
    # table / downloads
    "table_heading": ("Tabell (samme tall som kartet)", "Table (same numbers as the map)"),
    "col_zone": ("Sone", "Zone"),
    "col_zone_id": ("Sone-id", "Zone id"),
    "download_csv": ("Last ned CSV", "Download CSV"),
    "download_geojson": ("Last ned GeoJSON", "Download GeoJSON"),
    "download_demo_note": ("Filene er merket som demonstrasjonsdata.", "The files are marked as demonstration data."),
    # about page
    "about_title": ("Om dataene", "About the data"),
    "about_dataset": ("Datasett", "Dataset"),
    "about_geometry": ("Geometri", "Geometry"),
    "about_manifest": ("Kilder (manifest)", "Sources (manifest)"),
    "about_catalog": ("Indikatorer", "Indicators"),
    "about_references": ("Publiserte sammenligningstall", "Published reference figures"),
    "about_statuses": (
        "Hver verdi har kilde, år og status: **publisert** (fra en offentlig kilde), **syntetisk** "
        "(laget for demonstrasjon), **beregnet** (regnet ut av Levekårskart fra åpne data), **skjult** "
        "(for få personer til å vises), **mangler**.",
        "Every value has a source, a year and a status: **published** (from a public source), **synthetic** "
        "(made up for demonstration), **computed** (computed by Levekårskart from open data), **suppressed** "
        "(too few people to show), **missing**.",
    ),
}


def t(key: str, lang: str = DEFAULT_LANG, **kwargs: object) -> str:
    """The UI string ``key`` in ``lang``, formatted with ``kwargs``.

    Unknown keys raise ``KeyError`` so a typo fails in the tests rather than showing a blank label.
    """
    nb, en = STRINGS[key]
    text = en if lang == "en" else nb
    return text.format(**kwargs) if kwargs else text


def status_label(status: str, lang: str = DEFAULT_LANG) -> str:
    """Human label of a value status."""
    key = f"status_{status}"
    return t(key, lang) if key in STRINGS else status
