"""Strings of the analysis pages: change, relationships, levekårsindeks, hot spots."""

STRINGS: dict[str, tuple[str, str]] = {
    "page_change": ("Endring", "Change"),
    "page_relationships": ("Sammenheng", "Relationships"),
    "page_index": ("Levekårsindeks", "Levekår index"),
    "page_hotspots": ("Klynger", "Hot spots"),
    # shared
    "an_indicator": ("Indikator", "Indicator"),
    "an_year": ("År", "Year"),
    "an_source": ("Kilde: {source} · år {years} · status: {status}",
                  "Source: {source} · year {years} · status: {status}"),
    "an_notice": ("Kan ikke beregnes her: {reason}", "Cannot be computed here: {reason}"),
    "an_selected": ("Valgt sone: **{name}** (gjelder hele appen).", "Selected zone: **{name}** (applies across the app)."),
    # change
    "chg_title": ("Endring mellom to år", "Change between two years"),
    "chg_intro": ("Hvor har det blitt bedre eller verre? Rødt er en endring til det verre, blått til det bedre, "
                  "uansett om indikatoren er «høy er dårlig» eller «høy er bra». Andeler endres i prosentpoeng (pp).",
                  "Where did things get better or worse? Red is a change for the worse, blue for the better, whether "
                  "the indicator is “high is bad” or “high is good”. Shares change in percentage points (pp)."),
    "chg_neutral": ("Indikatoren er nøytral (verken høy eller lav er dårligere): oransje er ned, lilla er opp.",
                    "The indicator is neutral (neither high nor low is worse): orange is down, purple is up."),
    "chg_from": ("Fra år", "From year"),
    "chg_to": ("Til år", "To year"),
    "chg_measure": ("Mål", "Measure"),
    "chg_absolute": ("Absolutt (pp for andeler)", "Absolute (pp for shares)"),
    "chg_relative": ("Relativ (% av startverdien)", "Relative (% of the start value)"),
    "chg_one_year": ("«{label}» har bare tall for {years}. En endring trenger to år; se kartet for nivået.",
                     "“{label}” only has figures for {years}. A change needs two years; see the map for the level."),
    "chg_legend": ("Endring {a}–{b}", "Change {a}–{b}"),
    "chg_city": ("Trondheim {a}–{b}", "Trondheim {a}–{b}"),
    "chg_uncertain": ("{small} av {known} soner med usikkerhetsintervall endret seg mindre enn usikkerheten "
                      "(lyseste farge på hver side). Usikkerheten er 95 %-intervallet for forskjellen, fra Wilson-intervallene "
                      "(eller de publiserte intervallene) for begge år.",
                      "{small} of {known} zones with an uncertainty interval changed by less than their uncertainty "
                      "(the lightest colour on each side). The uncertainty is the 95 % interval of the difference, from the Wilson "
                      "intervals (or the published intervals) of both years."),
    "chg_no_interval": ("Ingen soner har usikkerhetsintervall for disse årene, så kartet kan ikke si hvilke endringer "
                        "som er mindre enn usikkerheten.",
                        "No zone has an uncertainty interval for these years, so the map cannot say which changes are "
                        "smaller than their uncertainty."),
    "chg_tip_change": ("Endring", "Change"),
    "chg_tip_uncertain": ("mindre enn usikkerheten (±{u})", "smaller than its uncertainty (±{u})"),
    "chg_trend": ("Utvikling over tid", "Trend over time"),
    "chg_trend_zones": ("Soner", "Zones"),
    "chg_trend_sets": ("Områder og grupper", "Areas and groups"),
    "chg_trend_note": ("Skygge og streker: 95 %-intervall. Linjer brytes der et år mangler; år med "
                       "spørreundersøkelse vises som punkter og bindes aldri sammen over manglende år. "
                       "Bydel og Trondheim er beregnet fra alle sonene.",
                       "Shading and whiskers: 95 % interval. Lines break where a year is missing; survey years "
                       "are points and are never joined across missing years. District and Trondheim are computed "
                       "from all zones."),
    # relationships
    "rel_title": ("Sammenheng mellom to indikatorer", "Relationship between two indicators"),
    "rel_intro": ("Hver prikk er en sone. Klikk en prikk for å velge sonen i hele appen.",
                  "Each dot is a zone. Click a dot to select the zone across the app."),
    "rel_x": ("Indikator langs x", "Indicator on x"),
    "rel_y": ("Indikator langs y", "Indicator on y"),
    "rel_no_common": ("De to indikatorene har ingen felles år.", "The two indicators share no year."),
    "rel_stats": ("OLS-linje: y = {a} + {b}·x · R² = {r2} · Spearmans ρ = {rho} · n = {n} soner",
                  "OLS line: y = {a} + {b}·x · R² = {r2} · Spearman's ρ = {rho} · n = {n} zones"),
    "rel_caveat": ("En sammenheng mellom soner sier ikke at det samme gjelder for personene i dem, og ikke noe "
                   "om årsak.", "A relationship across zones does not say the same holds for the people in them, "
                   "and says nothing about cause."),
    "rel_bivariate": ("Bivariat kart (tredjedeler)", "Bivariate map (terciles)"),
    "rel_bivariate_note": ("Hver indikator deles i tredjedeler (lav, middels, høy *verdi*) etter rang; fargen viser "
                           "kombinasjonen. Sonene uten begge verdier er grå.",
                           "Each indicator is cut into thirds (low, middle, high *value*) by rank; the colour shows "
                           "the combination. Zones without both values are grey."),
    "rel_legend_x": ("→ {label} høyere", "→ {label} higher"),
    "rel_legend_y": ("↑ {label} høyere", "↑ {label} higher"),
    "rel_singles": ("Hver indikator for seg", "Each indicator on its own"),
    # index
    "lki_title": ("Levekårsindeks", "Levekår index"),
    "lki_intro": ("Lag din egen indeks: velg indikatorer og vekter. Høyere indeks er alltid dårligere levekår. "
                  "Rangeringen vises med usikkerhet: hvor sikker er plasseringen til hver sone?",
                  "Build your own index: choose indicators and weights. A higher index always means worse living "
                  "conditions. The ranking is shown with its uncertainty: how certain is each zone's place?"),
    "lki_preset": ("Forhåndsvalg", "Preset"),
    "lki_custom": ("Eget valg", "Own choice"),
    "lki_indicators": ("Indikatorer", "Indicators"),
    "lki_weights": ("Vekter", "Weights"),
    "lki_worst": ("Blant de N dårligste: N", "Among the worst N: N"),
    "lki_draws": ("Antall trekninger", "Number of draws"),
    "lki_seed": ("Frø (samme frø gir samme svar)", "Seed (same seed, same answer)"),
    "lki_none": ("Velg minst én indikator.", "Choose at least one indicator."),
    "lki_legend": ("Levekårsindeks", "Levekår index"),
    "lki_source": ("Levekårsindeks av {n} indikatorer, {year}", "Levekår index of {n} indicators, {year}"),
    "lki_table": ("Rangering med usikkerhet", "Ranking with uncertainty"),
    "lki_col_score": ("Indeks", "Index"),
    "lki_col_interval": ("Rangintervall (5–95 %)", "Rank interval (5–95 %)"),
    "lki_col_p": ("Sannsynlighet blant {n} dårligste", "Probability among worst {n}"),
    "lki_unranked": ("Uten indeks (for få av indikatorene har tall): {names}",
                     "Without an index (too few of the indicators have figures): {names}"),
    "lki_method_title": ("Metode", "Method"),
    "lki_method": (
        "1. **Verdier**: hver indikator i valgt år, bare publiserbare tall (skjulte tall mangler og trekkes aldri på nytt).\n"
        "2. **Standardisering**: z-skår over sonene, snudd etter retning slik at høyere alltid er dårligere.\n"
        "3. **Vekting**: vektet gjennomsnitt av z-skårene (vektene summeres til 1). Mangler en sone noen indikatorer, "
        "brukes resten hvis de bærer minst halve vekten.\n"
        "4. **Rangering**: 1 = dårligst; like verdier deler rang.\n"
        "5. **Usikkerhet**: {draws} ganger trekkes vektene fra en Dirichlet-fordeling rundt de valgte vektene, og hver "
        "verdi trekkes innenfor sin usikkerhet (binomisk fra teller og nevner, ellers normalt fra det publiserte "
        "intervallet). Rangintervallet er 5.–95. persentil av rangene; sannsynligheten er andelen trekninger der "
        "sonen er blant de {worst} dårligste. Frø {seed}.",
        "1. **Values**: each indicator in the chosen year, publishable figures only (suppressed figures are missing "
        "and never redrawn).\n"
        "2. **Standardise**: z-scores across zones, turned by direction so that higher is always worse.\n"
        "3. **Weigh**: weighted mean of the z-scores (weights sum to 1). A zone missing some indicators is scored on "
        "the rest if they carry at least half the weight.\n"
        "4. **Rank**: 1 = worst; equal values share a rank.\n"
        "5. **Uncertainty**: {draws} times the weights are drawn from a Dirichlet distribution around the chosen "
        "weights and every value is redrawn within its uncertainty (binomial from numerator and denominator, "
        "otherwise normal from the published interval). The rank interval is the 5th–95th percentile of the ranks; "
        "the probability is the share of draws in which the zone is among the {worst} worst. Seed {seed}."),
    # hot spots
    "hot_title": ("Klynger (hot spots)", "Hot spots"),
    "hot_intro": ("Ligger soner med høye (eller lave) verdier ved siden av hverandre oftere enn tilfeldig?",
                  "Do zones with high (or low) values lie next to each other more often than chance?"),
    "hot_permutations": ("Permutasjoner", "Permutations"),
    "hot_basis": ("Signifikans", "Significance"),
    "hot_fdr": ("Korrigert for mange tester (FDR)", "Corrected for many tests (FDR)"),
    "hot_raw": ("Ukorrigert p < 0,05", "Uncorrected p < 0.05"),
    "hot_moran": ("Global Moran's I", "Global Moran's I"),
    "hot_moran_help": ("Over 0: like verdier ligger samlet; under 0: naboer er ulike; rundt 0: tilfeldig mønster.",
                       "Above 0: similar values cluster; below 0: neighbours differ; around 0: random pattern."),
    "hot_p": ("p (permutasjon)", "p (permutation)"),
    "hot_n": ("Soner", "Zones"),
    "hot_legend": ("Klynger", "Clusters"),
    "hot_fallback": ("Uten felles grense med noen sone (får sine {k} nærmeste soner som naboer): {names}",
                     "No shared border with any zone (given their {k} nearest zones as neighbours): {names}"),
    "hot_missing": ("Uten tall (utelatt): {names}", "Without figures (left out): {names}"),
    "hot_hh_worse": ("For denne indikatoren er høy verdi **dårligere**: HH-klynger er samlinger av soner med "
                     "dårligere levekår, LL-klynger av soner med bedre.",
                     "For this indicator a high value is **worse**: HH clusters are groups of zones with worse "
                     "living conditions, LL clusters groups with better."),
    "hot_hh_better": ("For denne indikatoren er høy verdi **bedre**: HH-klynger er samlinger av soner med bedre "
                      "levekår, LL-klynger av soner med dårligere.",
                      "For this indicator a high value is **better**: HH clusters are groups of zones with better "
                      "living conditions, LL clusters groups with worse."),
    "hot_hh_neutral": ("Indikatoren er nøytral: HH og LL sier bare hvor verdiene er høye eller lave sammen.",
                       "The indicator is neutral: HH and LL only say where values are high or low together."),
    "hot_means": (
        "**Hva kartet betyr:** en HH-sone har høy verdi og naboer med høy verdi, mer enn en tilfeldig fordeling av de "
        "samme verdiene ville gitt (permutasjonstest, fast frø). HL og LH er soner som skiller seg fra naboene.\n\n"
        "**Hva det ikke betyr:** med rundt 60 soner er testen svak, og mange soner blir «ikke signifikant» selv om "
        "mønsteret er ekte. En klynge er et mønster, ikke en årsak: den sier ikke hvorfor sonene ligner, og ikke noe om "
        "enkeltpersoner. Grensene påvirker resultatet (demo-grensene er skjematiske).",
        "**What the map means:** an HH zone has a high value and neighbours with high values, more than a random "
        "arrangement of the same values would give (permutation test, fixed seed). HL and LH are zones that differ "
        "from their neighbours.\n\n"
        "**What it does not mean:** with about 60 zones the test is weak, and many zones come out “not significant” "
        "even when the pattern is real. A cluster is a pattern, not a cause: it does not say why zones are alike, nor "
        "anything about individuals. The boundaries affect the result (the demo boundaries are schematic)."),
    "hot_table": ("Signifikante soner", "Significant zones"),
    "hot_none": ("Ingen soner er signifikante med dette valget.", "No zone is significant with this choice."),
    "hot_col_cluster": ("Klynge", "Cluster"),
}
