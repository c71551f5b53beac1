"""UI strings in one place: bokmål (default) and English.

Indicator labels and descriptions come from the catalogue, not from here.
"""

from __future__ import annotations

from ui.strings import collect

LANGS = ("nb", "en")
DEFAULT_LANG = "nb"

_CORE: dict[str, tuple[str, str]] = {
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
        "Kunne ikke åpne datasettet; viser demonstrasjonsdataene i stedet. {error}",
        "Could not open the dataset; showing the demonstration data instead. {error}",
    ),
    "no_indicators": ("Datasettet «{name}» har ingen indikatorverdier å vise ennå. Legg til en tabell med "
                      "`python -m geo merge` eller last opp en på «Last opp data».",
                      "The dataset “{name}” has no indicator values to show yet. Add a table with "
                      "`python -m geo merge` or upload one on “Upload data”."),
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
    "city": ("{area} (fra sonene)", "{area} (from the zones)"),
    "city_published": ("{area}, publisert", "{area}, published"),
    "district_value": ("Bydel", "District"),
    "ci": ("95 % konfidensintervall", "95 % confidence interval"),
    "status": ("Status", "Status"),
    "source": ("Kilde", "Source"),
    "count": ("Antall", "Count"),
    "of_whom": ("{num} av {den}", "{num} of {den}"),
    "unweighted": ("uvektet gjennomsnitt av sonene", "unweighted mean of the zones"),
    "pop_weighted": ("sonene vektet med folketall", "zones weighted by residents"),
    "status_published": ("publisert", "published"),
    "status_synthetic": ("syntetisk", "synthetic"),
    "status_computed": ("beregnet", "computed"),
    "status_suppressed": ("skjult (få personer)", "suppressed (few people)"),
    "status_missing": ("mangler", "missing"),
    "trend": ("Utvikling over tid", "Trend over time"),
    "all_zones_chart": ("Alle soner, {year}", "All zones, {year}"),
    # table / downloads
    "table_heading": ("Tabell (samme tall som kartet)", "Table (same numbers as the map)"),
    "col_zone": ("Sone", "Zone"),
    "col_ci": ("95 % KI", "95 % CI"),
    "table_order_note": ("Sortert etter rangering, dårligst først; soner uten verdi til slutt.",
                         "Sorted by rank, worst first; zones without a value last."),
    "col_zone_id": ("Sone-id", "Zone id"),
    "download_csv": ("Last ned CSV", "Download CSV"),
    "download_geojson": ("Last ned GeoJSON", "Download GeoJSON"),
    "download_demo_note": ("Filene er merket som demonstrasjonsdata.", "The files are marked as demonstration data."),
    # access page
    "acc_title": (
        'Tilgjengelighet',
        'Access',
    ),
    "acc_intro": (
        'Andel bosatte nær et hyppig kollektivtilbud eller et grøntområde, beregnet av Levekårskart fra rutedata (GTFS), befolkningspunkter og grøntområder. Endre avstand og terskler og se kartet oppdateres.',
        'Share of residents near frequent public transport or a green area, computed by Levekårskart from timetables (GTFS), population points and green areas. Change distance and thresholds and watch the map update.',
    ),
    "acc_no_inputs": (
        'Dette datasettet har ingen inndata for tilgjengelighet. Beregn med `python -m geo access …` og importer resultatet.',
        'This dataset has no access inputs. Compute with `python -m geo access …` and import the result.',
    ),
    "acc_kind": (
        'Indikator',
        'Indicator',
    ),
    "acc_distance": (
        'Avstand (m)',
        'Distance (m)',
    ),
    "acc_min_departures": (
        'Minst avganger per time',
        'At least departures per hour',
    ),
    "acc_window": (
        'Tidsvindu (hverdag)',
        'Time window (weekday)',
    ),
    "acc_min_area": (
        'Minste grøntområde (hektar)',
        'Smallest green area (hectares)',
    ),
    # upload page
    "up_title": (
        'Last opp egne data',
        'Upload your own data',
    ),
    "up_intro": (
        'Last opp en sonefil og en indikatortabell i langt format (`zone_id, indicator, year, value` og eventuelt `numerator, denominator, ci_low, ci_high, status, source`). Filene sjekkes, og hver feil sier fil, objekt eller rad, felt og hva du kan gjøre. Dataene brukes bare i denne økten og lagres ikke på serveren.',
        'Upload a zone file and an indicator table in long format (`zone_id, indicator, year, value` and optionally `numerator, denominator, ci_low, ci_high, status, source`). The files are checked, and every problem names the file, feature or row, field and what to do. The data are used in this session only and not stored on the server.',
    ),
    "up_zones": (
        'Sonefil (GeoJSON, GeoPackage, zippet Shapefile, GeoParquet)',
        'Zone file (GeoJSON, GeoPackage, zipped Shapefile, GeoParquet)',
    ),
    "up_table": (
        'Indikatortabell (CSV eller Excel)',
        'Indicator table (CSV or Excel)',
    ),
    "up_options": (
        'Valg: feltnavn, koordinatsystem, reparasjon',
        'Options: field names, CRS, repair',
    ),
    "up_id_field": (
        'Felt med sone-id',
        'Zone id field',
    ),
    "up_name_field": (
        'Felt med sonenavn',
        'Zone name field',
    ),
    "up_district_field": (
        'Felt med bydel (valgfritt)',
        'District field (optional)',
    ),
    "up_crs": (
        'Koordinatsystem hvis filen mangler det',
        'CRS if the file has none',
    ),
    "up_repair": (
        'Reparer ugyldige geometrier (make_valid)',
        'Repair invalid geometries (make_valid)',
    ),
    "up_check": (
        'Sjekk og bruk',
        'Check and use',
    ),
    "up_ok": (
        'Importert: {zones} soner, {indicators} indikatorer. Kartet bruker nå disse dataene i denne økten.',
        'Imported: {zones} zones, {indicators} indicators. The map now uses these data in this session.',
    ),
    "up_no_values": (
        'Tabellen ga ingen verdier å vise.',
        'The table gave no values to show.',
    ),
    "up_in_use": (
        'I bruk i denne økten: {name}',
        'In use in this session: {name}',
    ),
    "up_download": (
        'Last ned som GeoPackage',
        'Download as GeoPackage',
    ),
    "up_reset": (
        'Gå tilbake til standarddatasettet',
        'Back to the default dataset',
    ),
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

#: Every UI string: the frame's core table above plus the feature tables in ``ui/strings/``.
STRINGS: dict[str, tuple[str, str]] = collect(_CORE)


def t(key: str, lang: str = DEFAULT_LANG, **kwargs: object) -> str:
    """The UI string ``key`` in ``lang``, formatted with ``kwargs``.

    Unknown keys raise ``KeyError`` so a typo fails in the tests rather than showing a blank label.
    """
    nb, en = STRINGS[key]
    text = en if lang == "en" else nb
    return text.format(**kwargs) if kwargs else text


def texts(prefix: str, lang: str = DEFAULT_LANG) -> dict[str, str]:
    """All strings whose key starts with ``prefix + "_"``, keyed without the prefix (one page's strings)."""
    start = prefix + "_"
    return {k[len(start):]: t(k, lang) for k in STRINGS if k.startswith(start)}


def status_label(status: str, lang: str = DEFAULT_LANG) -> str:
    """Human label of a value status."""
    key = f"status_{status}"
    return t(key, lang) if key in STRINGS else status
