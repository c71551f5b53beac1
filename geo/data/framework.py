"""The indicator framework: Marmot principles, life-course groups and UN SDG targets.

Trondheim's levekår and public-health work organises indicators by the Marmot principles for health
equity (A–H, *Build Back Fairer*, Institute of Health Equity 2020) and by the stage of life they
describe. Every catalogue indicator carries its tags (:class:`geo.data.catalog.Indicator` fields
``principle``, ``life_course``, ``sdg``), and this module holds the vocabularies, so the framework page,
the indicator pickers' filters and ``geo catalog`` read one registry.

The bokmål names of the principles are this project's rendering of the English originals, with the
wording of principle A as the municipality uses it ("Gi alle barn en best mulig start på livet"); they
are not quoted from an official list. ``context`` is not a Marmot principle: it marks background figures
(population, age and origin mix) that describe who lives in a zone rather than how well they live, so
they never fill a principle's cell in the gap list.
"""

from __future__ import annotations

#: Marmot principle id → (bokmål, English).
PRINCIPLES: dict[str, tuple[str, str]] = {
    "A": ("Gi alle barn en best mulig start på livet", "Give every child the best start in life"),
    "B": ("Gi alle barn, unge og voksne mulighet til å utnytte sine evner og ha kontroll over eget liv",
          "Enable all children, young people and adults to maximise their capabilities and have control over "
          "their lives"),
    "C": ("Skape rettferdig sysselsetting og gode arbeidsplasser for alle", "Create fair employment and good work for all"),
    "D": ("Sikre en sunn levestandard for alle", "Ensure a healthy standard of living for all"),
    "E": ("Skape og utvikle sunne og bærekraftige steder og lokalsamfunn",
          "Create and develop healthy and sustainable places and communities"),
    "F": ("Styrke rollen og virkningen av forebygging av sykdom", "Strengthen the role and impact of ill-health prevention"),
    "G": ("Motvirke rasisme, diskriminering og følgene av dem", "Tackle racism, discrimination and their outcomes"),
    "H": ("Arbeide for miljømessig bærekraft og sosial utjevning i helse samtidig",
          "Pursue environmental sustainability and health equity together"),
    "context": ("Bakgrunnstall (beskriver befolkningen, ikke et mål på levekår)",
                "Context figures (describe the population, not a measure of living conditions)"),
}

#: Life-course group id → (bokmål, English), in life order.
LIFE_COURSE: dict[str, tuple[str, str]] = {
    "prenatal_2": ("Før fødsel–2 år", "Before birth–2 years"),
    "2_5": ("2–5 år", "2–5 years"),
    "5_12": ("5–12 år", "5–12 years"),
    "13_19": ("13–19 år", "13–19 years"),
    "20_44": ("20–44 år", "20–44 years"),
    "later": ("Senere voksenliv", "Later adulthood"),
    "across": ("På tvers av livsløpet", "Across the life course"),
}

#: The UN SDG targets the catalogue uses, id → (bokmål, English) short text.
SDG_TARGETS: dict[str, tuple[str, str]] = {
    "1.2": ("Halvere andelen som lever i fattigdom etter nasjonale definisjoner",
            "Halve the proportion living in poverty by national definitions"),
    "1.3": ("Sosiale sikringsordninger for alle", "Social protection systems for all"),
    "4.3": ("Lik tilgang til høyere utdanning", "Equal access to tertiary education"),
    "4.4": ("Flere med relevant kompetanse for arbeid", "More people with skills for employment"),
    "8.5": ("Full sysselsetting og anstendig arbeid for alle", "Full employment and decent work for all"),
    "8.6": ("Færre unge utenfor arbeid, utdanning og opplæring", "Fewer young people not in employment, education "
                                                                    "or training"),
    "10.2": ("Sosial, økonomisk og politisk inkludering av alle", "Social, economic and political inclusion of all"),
    "11.1": ("Trygge og rimelige boliger for alle", "Safe and affordable housing for all"),
    "11.2": ("Trygge, tilgjengelige og bærekraftige transportsystemer for alle",
             "Safe, accessible and sustainable transport for all"),
    "11.7": ("Trygge og inkluderende grøntområder og offentlige rom for alle",
             "Safe, inclusive green and public spaces for all"),
    "17.18": ("Data brutt ned på inntekt, kjønn, alder, landbakgrunn og geografi",
              "Data disaggregated by income, gender, age, migratory status and location"),
}


def split_tags(text: str) -> list[str]:
    """Tags stored as comma-separated text (``"1.2,10.2"``) as a list, blanks dropped."""
    return [t.strip() for t in str(text or "").split(",") if t.strip()]


def label(vocabulary: dict[str, tuple[str, str]], tag: str, lang: str = "nb") -> str:
    """Display name of ``tag`` in ``lang``; an unknown tag is shown as itself."""
    names = vocabulary.get(tag)
    return tag if names is None else names[1 if lang == "en" else 0]


def check_tags(indicator) -> list[str]:
    """What is missing or unknown in ``indicator``'s framework tags (empty list = complete)."""
    problems = []
    if indicator.principle not in PRINCIPLES:
        problems.append(f"principle {indicator.principle!r} is not one of {', '.join(PRINCIPLES)}")
    groups = split_tags(indicator.life_course)
    if not groups or any(g not in LIFE_COURSE for g in groups):
        problems.append(f"life_course {indicator.life_course!r} must list groups from {', '.join(LIFE_COURSE)}")
    targets = split_tags(indicator.sdg)
    if not targets or any(s not in SDG_TARGETS for s in targets):
        problems.append(f"sdg {indicator.sdg!r} must list targets from {', '.join(SDG_TARGETS)}")
    return problems


def grid(catalog, lang: str = "nb") -> dict[tuple[str, str], list[str]]:
    """Principle × life-course cells → ids of the indicators in each (every A–H cell present, empty or not)."""
    cells: dict[tuple[str, str], list[str]] = {(p, g): [] for p in PRINCIPLES if p != "context" for g in LIFE_COURSE}
    for ind in catalog.values():
        for g in split_tags(ind.life_course):
            if (ind.principle, g) in cells:
                cells[(ind.principle, g)].append(ind.id)
    return cells
