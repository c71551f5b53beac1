"""Validation problems in the UI's language, naming the upload form's fields instead of CLI options.

:mod:`geo.data.validate` and :mod:`geo.data.io` write their problems in English for the CLI ("pass --id-field
NAME"). The app shows them in bokmål or English and must point at its own form ("the field «Zone id
field»"). A registry of message templates does both: each English template (``{name}`` marks data,
which is carried over unchanged) has a bokmål rendering; a message no template matches is shown as
written, with the CLI options still replaced by the form's field names.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from geo.errors import Problem
from ui.i18n import t

#: CLI option → the UI string key of the upload form's field that does the same.
FORM_FIELDS: dict[str, str] = {
    "--id-field": "up_id_field", "--name-field": "up_name_field", "--district-field": "up_district_field",
    "--crs": "up_crs", "--repair": "up_repair",
}
_OPTION = re.compile(r"--(id-field|name-field|district-field|crs|repair)\b( NAME| EPSG:XXXX)?")

#: (English template as written by geo, bokmål[, English for the app]). ``{x}`` matches any text, carried
#: over as is; the third item is needed only where the CLI wording does not fit the form.
TEMPLATES: list[tuple[str, ...]] = [
    # zone files: reading
    ("no such file ({path})", "filen finnes ikke ({path})"),
    ("is empty (0 bytes)", "er tom (0 byte)"),
    ("export the file again", "eksporter filen på nytt"),
    ("is not a readable {fmt} ({why})", "kan ikke leses som {fmt} ({why})"),
    ("is not a readable zip file ({why})", "er ikke en lesbar zip-fil ({why})"),
    ("zip the shapefile again", "zip shapefilen på nytt"),
    ("holds no .shp file", "inneholder ingen .shp-fil"),
    ("it contains: {x}; zip a shapefile (.shp with .shx, .dbf, .prj) or give the zone file directly",
     "den inneholder: {x}; zip en shapefil (.shp med .shx, .dbf, .prj) eller last opp sonefilen direkte"),
    ("holds {n} shapefiles: {names}", "inneholder {n} shapefiler: {names}"),
    ("has {n} polygon layers: {names}", "har {n} polygonlag: {names}"),
    ("say which one holds the zones with --layer NAME (the file name without .shp)",
     "last opp en fil som bare har sonelaget", "upload a file that holds only the zone layer"),
    ("say which one holds the zones with --layer NAME", "last opp en fil som bare har sonelaget",
     "upload a file that holds only the zone layer"),
    ("has no polygon layer to take the zones from", "har ikke noe polygonlag å hente sonene fra"),
    ("layers: {x}; pass --layer NAME or export the zones as polygons",
     "lag: {x}; eksporter sonene som polygoner", "layers: {x}; export the zones as polygons"),
    ("read layer '{name}', its only polygon layer (others: {others})",
     "leste laget '{name}', det eneste polygonlaget (andre: {others})"),
    ("pass --layer NAME to read another", "last opp en fil med bare sonelaget for å bruke et annet",
     "upload a file holding only the zone layer to use another"),
    ("export the zones again as GeoPackage (.gpkg)", "eksporter sonene på nytt som GeoPackage (.gpkg)"),
    ("is a Parquet file without geometry metadata (not GeoParquet)",
     "er en Parquet-fil uten geometri-metadata (ikke GeoParquet)"),
    ("is not a zone file this importer reads ('{suffix}')", "er ikke en sonefil som kan leses ('{suffix}')"),
    ("has no features", "har ingen objekter"),
    ("export the layer with its zones", "eksporter laget med sonene"),
    ("the reader notes: {x}", "leseren melder: {x}"),
    ("usually harmless; check the result", "som regel ufarlig; sjekk resultatet"),
    # zone files: fields and ids
    ("no {what} field called '{given}'", "ingen {what}-felt som heter '{given}'"),
    ("no {what} field found", "fant ikke noe {what}-felt"),
    ("available fields: {cols} (did you mean {close}?); pass {option} NAME, or rename the field to one of: {names}",
     "felt i filen: {cols} (mente du {close}?); skriv feltnavnet i {option}, eller gi feltet et av navnene: {names}",
     "fields in the file: {cols} (did you mean {close}?); enter the field name in {option}, or rename the field "
     "to one of: {names}"),
    ("available fields: {cols}; pass {option} NAME, or rename the field to one of: {names}",
     "felt i filen: {cols}; skriv feltnavnet i {option}, eller gi feltet et av navnene: {names}",
     "fields in the file: {cols}; enter the field name in {option}, or rename the field to one of: {names}"),
    ("has no name; its id is used as name", "har ikke navn; id-en brukes som navn"),
    ("fill in the name field", "fyll ut navnefeltet"),
    ("has no zone id", "mangler sone-id"),
    ("give every zone a unique id", "gi hver sone en unik id"),
    ("fill in the zone id", "fyll ut sone-id-en"),
    ("zone id '{zid}' is used {n} times", "sone-id-en '{zid}' er brukt {n} ganger"),
    ("zone ids must be unique (names may repeat); fix the ids or pick another --id-field",
     "sone-id-er må være unike (navn kan gjentas); rett id-ene eller velg et annet felt i «{id_field}»",
     "zone ids must be unique (names may repeat); fix the ids or choose another field in “{id_field}”"),
    ("ids are stored as numbers, so leading zeros may have been lost (e.g. '{x}')",
     "id-ene er lagret som tall, så innledende nuller kan ha forsvunnet (f.eks. '{x}')"),
    ("store the id field as text in the file", "lagre id-feltet som tekst i filen"),
    ("zone ids {ids} differ only by {how}; they are kept as different zones",
     "sone-id-ene {ids} skiller seg bare ved {how}; de beholdes som ulike soner"),
    ("check they really are different zones: a spreadsheet or a typo easily turns one into the other",
     "sjekk at de virkelig er ulike soner: et regneark eller en skrivefeil gjør lett den ene til den andre"),
    # zone files: geometry and CRS
    ("has no geometry (null or empty)", "har ingen geometri (null eller tom)"),
    ("draw the zone's polygon or remove the feature", "tegn sonens polygon eller fjern objektet"),
    ("is a {kind}, not a Polygon or MultiPolygon", "er en {kind}, ikke en Polygon eller MultiPolygon"),
    ("a point marks a place, not an area; use the file with the zones' boundary polygons",
     "et punkt markerer et sted, ikke et område; bruk filen med sonenes grensepolygoner"),
    ("zones must be areas; if these are boundary lines, build polygons in your GIS first "
     "(QGIS: Vector › Geometry Tools › Lines to Polygons)",
     "soner må være flater; er dette grenselinjer, lag polygoner i GIS-programmet først "
     "(QGIS: Vektor › Geometriverktøy › Linjer til polygoner)"),
    ("export the zones as (Multi)Polygons", "eksporter sonene som (Multi)Polygon"),
    ("is invalid ({reason}); make_valid would repair it", "er ugyldig ({reason}); reparasjon ville rettet den"),
    ("re-run with --repair, or fix it in your GIS (QGIS: Fix geometries)",
     "kryss av for «{repair}», eller rett den i GIS-programmet (QGIS: Fiks geometrier)",
     "tick “{repair}”, or fix it in your GIS (QGIS: Fix geometries)"),
    ("is invalid ({reason}) and make_valid cannot repair it (nothing with an area is left)",
     "er ugyldig ({reason}) og kan ikke repareres (ingenting med areal blir igjen)"),
    ("redraw the polygon in your GIS", "tegn polygonet på nytt i GIS-programmet"),
    ("was invalid ({reason}); repaired with make_valid (now a {kind}, area changed by {change} map units²)",
     "var ugyldig ({reason}); reparert (nå en {kind}, arealet endret med {change} kartenheter²)"),
    ("check the repaired shape", "sjekk den reparerte formen"),
    ("the zones overlap by {area} m²", "sonene overlapper med {area} m²"),
    ("zones should not overlap (residents would count twice); check the boundaries",
     "soner bør ikke overlappe (beboere ville telt to ganger); sjekk grensene"),
    ("the file has no coordinate reference system (CRS)", "filen har ikke noe koordinatsystem"),
    ("pass --crs EPSG:XXXX (Trondheim's data is usually EPSG:25833), or ship the .prj file with a shapefile",
     "skriv det i «{crs}» (Trondheims data er som regel EPSG:25833), eller ta med .prj-filen til en shapefil",
     "enter it in “{crs}” (Trondheim's data is usually EPSG:25833), or include the .prj file of a shapefile"),
    ("fix the --crs value", "rett verdien i «{crs}»", "correct the value in “{crs}”"),
    ("the GeoJSON has no 'crs' member (which means lon/lat WGS 84 by RFC 7946); using --crs {name} as asked",
     "GeoJSON-filen har ikke noe 'crs'-felt (som etter RFC 7946 betyr lon/lat WGS 84); bruker {name} "
     "fra «{crs}» som bedt om", "the GeoJSON has no 'crs' member (which means lon/lat WGS 84 by RFC 7946); "
     "using {name} from “{crs}” as asked"),
    ("prefer a file that states its CRS", "bruk helst en fil som oppgir koordinatsystemet"),
    ("the file declares {declared}; --crs {name} was NOT applied",
     "filen oppgir {declared}; {name} fra «{crs}» ble IKKE brukt",
     "the file declares {declared}; {name} from “{crs}” was NOT applied"),
    ("drop --crs, or re-export the file with the right CRS if its declaration is wrong",
     "tøm «{crs}», eller eksporter filen på nytt med riktig koordinatsystem hvis det oppgitte er feil",
     "clear “{crs}”, or re-export the file with the right CRS if its declaration is wrong"),
    ("coordinates {a} – {b} are outside the lon/lat range, yet the CRS is {crs_name}; they look like projected "
     "metres", "koordinatene {a} – {b} ligger utenfor lon/lat-området, men koordinatsystemet er {crs_name}; "
     "de ser ut som projiserte meter"),
    ("give the real CRS: with --crs (e.g. EPSG:25833) when the file declares none, or re-export the file with "
     "its true CRS", "oppgi det riktige koordinatsystemet: i «{crs}» (f.eks. EPSG:25833) når filen ikke har noe, "
     "eller eksporter filen på nytt med riktig koordinatsystem",
     "give the real CRS: in “{crs}” (e.g. EPSG:25833) when the file declares none, or re-export the file with "
     "its true CRS"),
    ("coordinates {a} – {b} look like lon/lat degrees, yet the CRS is {crs_name}",
     "koordinatene {a} – {b} ser ut som lon/lat-grader, men koordinatsystemet er {crs_name}"),
    ("check the CRS: if these are degrees, the file's CRS should be EPSG:4326",
     "sjekk koordinatsystemet: er dette grader, skal filen ha EPSG:4326"),
    ("check the CRS: the file may declare (or --crs give) the wrong one",
     "sjekk koordinatsystemet: filen (eller «{crs}») kan oppgi feil system",
     "check the CRS: the file (or “{crs}”) may give the wrong one"),
    ("check the CRS and that these are the right zones", "sjekk koordinatsystemet og at dette er de riktige sonene"),
    ("check the shape and the CRS", "sjekk formen og koordinatsystemet"),
    ("check the shape", "sjekk formen"),
    ("collapses when reprojected to {crs_name} (too small or too thin)",
     "forsvinner ved omregning til {crs_name} (for liten eller for tynn)"),
    ("became invalid when reprojected to {crs_name}; repaired with make_valid",
     "ble ugyldig ved omregning til {crs_name}; reparert"),
    # tables
    ("is not an indicator table this importer reads ('{suffix}')",
     "er ikke en indikatortabell som kan leses ('{suffix}')"),
    ("is not UTF-8; read it as {label}", "er ikke UTF-8; lest som {label}"),
    ("is a binary file, not CSV text", "er en binærfil, ikke CSV-tekst"),
    ("export the table as CSV (UTF-8) or .xlsx", "eksporter tabellen som CSV (UTF-8) eller .xlsx"),
    ("is a zip/Excel file, not CSV text", "er en zip-/Excel-fil, ikke CSV-tekst"),
    ("give an Excel file a .xlsx name", "gi en Excel-fil endelsen .xlsx"),
    ("holds no rows", "har ingen rader"),
    ("holds only blank lines", "har bare tomme linjer"),
    ("export the table again", "eksporter tabellen på nytt"),
    ("has a header but no data rows", "har overskrifter, men ingen datarader"),
    ("add one row per zone, indicator and year", "legg inn én rad per sone, indikator og år"),
    ("cannot be parsed as CSV ({why})", "kan ikke leses som CSV ({why})"),
    ("check the quotes", "sjekk anførselstegnene"),
    ("is not a column this importer knows; it is ignored", "er ikke en kjent kolonne; den blir ignorert"),
    ("known columns: {cols}", "kjente kolonner: {cols}"),
    ("means the same as column '{col}' ({canon})", "betyr det samme som kolonnen '{col}' ({canon})"),
    ("keep one of them", "behold én av dem"),
    ("missing required column(s) {cols}", "mangler påkrevde kolonner: {cols}"),
    ("the table needs the columns {req} (long format: one row per zone, indicator and year); found: {found}. "
     "Columns like {y} suggest a wide table: turn the year columns into rows",
     "tabellen trenger kolonnene {req} (langt format: én rad per sone, indikator og år); fant: {found}. "
     "Kolonner som {y} tyder på en bred tabell: gjør årskolonnene om til rader"),
    ("the table needs the columns {req} (long format: one row per zone, indicator and year); found: {found}",
     "tabellen trenger kolonnene {req} (langt format: én rad per sone, indikator og år); fant: {found}"),
    ("{n} columns are named '{col}' (columns {where})", "{n} kolonner heter '{col}' (kolonne {where})"),
    ("rename or delete all but one of them", "gi nytt navn til eller slett alle unntatt én"),
    ("has no indicator id", "mangler indikator-id"),
    ("fill in the indicator id", "fyll ut indikator-id-en"),
    ("year '{y}' is not an integer", "året '{y}' er ikke et heltall"),
    ("write one whole year per row, e.g. 2021 (not 2021–2022 or 2021/22)",
     "skriv ett helt år per rad, f.eks. 2021 (ikke 2021–2022 eller 2021/22)"),
    ("year {y} is outside {range}", "året {y} er utenfor {range}"),
    ("write the full year, e.g. 2021 (not 21)", "skriv hele årstallet, f.eks. 2021 (ikke 21)"),
    ("'{x}' is not a number", "'{x}' er ikke et tall"),
    ("use digits with ',' or '.' as decimal mark (e.g. 12,5); leave the cell empty when there is no value",
     "bruk sifre med ',' eller '.' som desimaltegn (f.eks. 12,5); la cellen stå tom når verdien mangler"),
    ("unknown status '{s}'", "ukjent status '{s}'"),
    ("use one of {choices} (or leave it empty)", "bruk en av {choices} (eller la feltet stå tomt)"),
    ("status is 'missing' but a value is given", "status er 'missing', men raden har en verdi"),
    ("remove the value or change the status", "fjern verdien eller endre statusen"),
    ("status is 'suppressed' but the row has a value; the value and numerator are dropped",
     "status er 'suppressed', men raden har en verdi; verdien og telleren blir fjernet"),
    ("leave suppressed values empty", "la skjulte verdier stå tomme"),
    ("indicator '{ind}' is not in the catalogue; it is imported with its id as label and no unit",
     "indikatoren '{ind}' finnes ikke i katalogen; den importeres med id-en som navn og uten enhet"),
    ("did you mean '{x}'? check the spelling, or add it to the catalogue",
     "mente du '{x}'? sjekk skrivemåten, eller legg den til i katalogen"),
    ("check the spelling, or add it to the catalogue", "sjekk skrivemåten, eller legg den til i katalogen"),
    ("zone '{z}', indicator '{ind}', year {y} appears {n} times",
     "sone '{z}', indikator '{ind}', år {y} forekommer {n} ganger"),
    ("keep one row per zone, indicator and year", "behold én rad per sone, indikator og år"),
    ("{v} is outside 0–100, but '{ind}' is a share in %", "{v} er utenfor 0–100, men '{ind}' er en andel i %"),
    ("give percentages between 0 and 100", "oppgi prosent mellom 0 og 100"),
    ("{f} {v} is negative", "{f} {v} er negativ"),
    ("counts cannot be negative", "antall kan ikke være negative"),
    ("numerator {a} is larger than denominator {b}", "telleren {a} er større enn nevneren {b}"),
    ("the numerator counts a part of the denominator; check both", "telleren teller en del av nevneren; sjekk begge"),
    ("ci_low {a} is above ci_high {b}", "ci_low {a} er over ci_high {b}"),
    ("swap them or check the interval", "bytt dem om eller sjekk intervallet"),
    ("{n} zone id(s) are not in the zones: {ids}", "{n} sone-id(er) finnes ikke i sonefilen: {ids}"),
    ("check the ids against the zone file's id field", "sammenlign id-ene med id-feltet i sonefilen"),
    ("the ids match the zones once leading zeros are added ('{z}' → '{p}'); spreadsheets drop them from numbers: "
     "format the zone_id column as text", "id-ene passer med sonene når innledende nuller legges til "
     "('{z}' → '{p}'); regneark fjerner dem fra tall: formater zone_id-kolonnen som tekst"),
    ("the zone file has '{p}' where the table has '{z}': its id field stores numbers and lost the leading zeros; "
     "store the zone ids as text in the zone file", "sonefilen har '{p}' der tabellen har '{z}': id-feltet lagrer "
     "tall og har mistet innledende nuller; lagre sone-id-ene som tekst i sonefilen"),
    ("all values of '{ind}' are between 0 and 1, but it is a share in %",
     "alle verdiene av '{ind}' er mellom 0 og 1, men den er en andel i %"),
    ("if these are fractions, multiply by 100", "er dette brøker, gang med 100"),
    ("'-' is read as 0 (SSB's symbol for nil)", "'-' leses som 0 (SSBs tegn for null)"),
    ("leave the cell empty if the value is unknown", "la cellen stå tom hvis verdien er ukjent"),
]

#: Words inside templates' data that have a bokmål form (the "what" of "no {what} field").
_WORDS_NB = {"zone id": "sone-id", "name": "navne", "district": "bydels", "numerator": "telleren",
             "denominator": "nevneren"}
_WHERE_NB = [(re.compile(r"^features? "), lambda m: "objekter " if m.group(0).startswith("features") else "objekt "),
             (re.compile(r"^rows? "), lambda m: "rader " if m.group(0).startswith("rows") else "rad "),
             (re.compile(r"\(id '"), lambda m: "(id '"), (re.compile(r"\(\+(\d+) more\)"), lambda m: f"(+{m.group(1)} til)"),
             (re.compile(r" and feature "), lambda m: " og objekt "), (re.compile(r"^header$"), lambda m: "overskriftsraden")]


@cache
def _compiled() -> list[tuple[re.Pattern, dict[str, str | None]]]:
    out = []
    for source, nb, *en in TEMPLATES:
        parts = re.split(r"(\{\w+\})", source)
        pattern = "".join(f"(?P<{p[1:-1]}>.+?)" if re.fullmatch(r"\{\w+\}", p) else re.escape(p) for p in parts)
        out.append((re.compile(pattern + r"\Z", re.S), {"nb": nb, "en": en[0] if en else None}))
    return out


def form_options(text: str, lang: str) -> str:
    """``text`` with CLI options (``--id-field NAME``) replaced by the form field's label in quotes."""
    quote = "«{}»" if lang == "nb" else "“{}”"
    return _OPTION.sub(lambda m: quote.format(t(FORM_FIELDS["--" + m.group(1)], lang)), text)


def translate(text: str, lang: str) -> str:
    """One message or hint of a problem in ``lang`` (see the module docstring)."""
    if not text:
        return text
    for pattern, targets in _compiled():
        m = pattern.match(text)
        if m:
            target = targets.get(lang)
            if target is None:  # the English original fits the form once its options are renamed
                break
            words = _WORDS_NB if lang == "nb" else {}
            data = {k: form_options(words.get(v, v), lang) for k, v in m.groupdict().items()}
            fields = {k[2:].replace("-", "_"): t(v, lang) for k, v in FORM_FIELDS.items()}
            return target.format(**(fields | data))
    return form_options(text, lang)


def _where(where: str, lang: str) -> str:
    if lang != "nb":
        return where
    for pattern, repl in _WHERE_NB:
        where = pattern.sub(repl, where)
    return where


def _field(field: str, lang: str) -> str:
    return t(FORM_FIELDS[field], lang) if field in FORM_FIELDS else field


def localise(problem: Problem, lang: str) -> Problem:
    """``problem`` with its message, hint, place and field in ``lang`` (the file name stays as given)."""
    return replace(problem, where=_where(problem.where, lang), field=_field(problem.field, lang),
                   message=translate(problem.message, lang), hint=translate(problem.hint, lang))


def problem_line(problem: Problem, lang: str) -> str:
    """One localised problem as the UI shows it: file, place, field: message — hint."""
    return localised_line(localise(problem, lang), lang)


def localised_line(p: Problem, lang: str) -> str:
    """A problem already passed through :func:`localise`, as one line."""
    parts = [p.file] + ([p.where] if p.where else []) + ([t("pt_field", lang, field=p.field)] if p.field else [])
    text = ", ".join(parts) + f": {p.message}" + (f" — {p.hint}" if p.hint else "")
    return t("pt_warning", lang, text=text) if p.severity == "warning" else text
