"""Strings of the methods (Om dataene) and framework pages."""

STRINGS: dict[str, tuple[str, str]] = {
    "methods_intro": (
        "Her står hvordan hvert tall er laget: definisjon, kilde og lisens, usikkerhet, hvordan sonene slås "
        "sammen til by og bydel, og når små tall skjules. Teksten lages fra indikatorkatalogen, den samme "
        "som styrer kartet.",
        "How every number is made: definition, source and licence, uncertainty, how zones are combined into "
        "the city and districts, and when small numbers are hidden. The text is generated from the indicator "
        "catalogue that drives the map."),
    "methods_indicators": ("Indikatorer og metode", "Indicators and method"),
    "methods_zones_years": ("{zones} soner, {indicators} indikatorer{span}",
                            "{zones} zones, {indicators} indicators{span}"),
    "methods_demo_what": ("Hva som er ekte og hva som er laget i demonstrasjonsdataene",
                          "What is real and what is made up in the demonstration data"),
    "methods_demo_text": (
        "Sonenavnene og omtrentlige plasseringer er ekte (Trondheim kommunes levekårssoner 2020). Grensene er "
        "skjematiske (laget fra et punkt i hver sone), bydelstilhørigheten er omtrentlig, og de fleste tallene "
        "er syntetiske, kalibrert slik at bytallene stemmer med publiserte tall. Tall med status «publisert» "
        "er hentet fra kommunens dokumenter med kilde. Datasettet har ikke noe kartgrunnlag (vann, veier).",
        "Zone names and approximate locations are real (Trondheim kommune's 2020 levekår zones). The boundaries "
        "are schematic (grown from one point per zone), the district membership is approximate, and most "
        "numbers are synthetic, calibrated so the city figures match published ones. Figures with status "
        "“published” come from the municipality's documents, with their source. The dataset has no map "
        "context layer (water, roads)."),
    "methods_manifest_name": ("Inndata", "Input"),
    "methods_manifest_what": ("Hva", "What"),
    "methods_manifest_source": ("Kilde", "Source"),
    "methods_manifest_file": ("Fil", "File"),
    "methods_manifest_role": ("Rolle", "Role"),
    "methods_manifest_url": ("Adresse", "Address"),
    "methods_manifest_retrieved_at": ("Hentet", "Retrieved"),
    "methods_manifest_imported_at": ("Importert", "Imported"),
    "methods_manifest_licence": ("Lisens", "Licence"),
    "methods_manifest_sha256": ("Kontrollsum (SHA-256)", "Checksum (SHA-256)"),
    "methods_references_cols": ("Område|Nivå|Indikator|År|Verdi|Enhet|Kilde",
                                "Area|Level|Indicator|Year|Value|Unit|Source"),
    "framework_title": ("Indikatorrammeverk", "Indicator framework"),
    "framework_intro": (
        "Indikatorene ordnet etter Marmot-prinsippene for sosial utjevning i helse (A–H) og livsløpet. Tomme "
        "celler er hull: her har datasettet ingen indikator. Bakgrunnstall (folketall, alders- og "
        "landbakgrunn) beskriver befolkningen og står utenfor rutenettet. De norske prinsippnavnene er "
        "prosjektets gjengivelse av de engelske.",
        "The indicators arranged by the Marmot principles for health equity (A–H) and the life course. Empty "
        "cells are gaps: the dataset has no indicator there. Context figures (population, age and origin mix) "
        "describe the population and stand outside the grid. The Norwegian principle names are this "
        "project's rendering of the English originals."),
    "framework_principle": ("Prinsipp", "Principle"),
    "framework_gaps": ("Hull i rammeverket ({n} av {total} celler er tomme)",
                       "Gaps in the framework ({n} of {total} cells are empty)"),
    "framework_filter_principle": ("Filtrer på prinsipp", "Filter by principle"),
    "framework_filter_life": ("Filtrer på livsfase", "Filter by life stage"),
    "framework_filter_sdg": ("Filtrer på bærekraftsmål", "Filter by SDG target"),
    "framework_list": ("Indikatorer som passer filteret", "Indicators matching the filter"),
    "framework_context": ("Bakgrunnstall", "Context figures"),
    "framework_none": ("Ingen indikator passer filteret.", "No indicator matches the filter."),
    "page_framework": ("Rammeverk", "Framework"),
}
