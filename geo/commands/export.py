"""``python -m geo export``: the map page's download of one indicator and year, as a file.

The bytes come from :func:`geo.export.export_bytes`, the function the app's download buttons call, so
the file equals the app's download of the same view (classification included). The dataset is opened
through :func:`geo.privacy.open_for_output`: in public mode what is written is disclosure-controlled.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from geo.commands.map import _breaks
from geo.errors import LevekarError
from geo.export import MEDIA_TYPES, export_bytes
from geo.files import check_output, write_bytes_atomic
from geo.mapping.classify import DEFAULT_K, DEFAULT_SCHEME, SCHEMES, classify
from geo.mapping.maps import LANGS
from geo.privacy import open_for_output

#: File suffixes that name a format when --format is not given.
SUFFIX_FORMATS = {suffix: fmt for fmt, (_, suffix) in MEDIA_TYPES.items()} | {".json": "geojson"}


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``export`` subcommand."""
    p = sub.add_parser("export", help="write the map page's download (CSV, GeoJSON, Excel, GeoPackage) of an "
                       "indicator and year",
                       description="Write what the map page's download buttons give for one indicator and year: "
                       "every zone with value, counts, rank, city and district figures, status, source, class "
                       "and colour. The same bytes as the app's download of the same view.")
    p.add_argument("--dataset", help="dataset .gpkg (default: $LEVEKAR_DATASET or the embedded demo)")
    p.add_argument("--indicator", required=True, help="indicator id (see `python -m geo info`)")
    p.add_argument("--year", type=int, help="year (default: the latest with values)")
    p.add_argument("--format", choices=list(MEDIA_TYPES), help="file format (default: from the --out suffix)")
    p.add_argument("--lang", default="nb", choices=list(LANGS), help="language of status words, class labels and "
                   "notes (default: %(default)s)")
    p.add_argument("--scheme", default=DEFAULT_SCHEME, help=f"classification: {', '.join(SCHEMES)} "
                   "(default: %(default)s)")
    p.add_argument("--k", type=int, default=DEFAULT_K, help="number of classes, 3–7 (default: %(default)s)")
    p.add_argument("--breaks", type=_breaks, help="upper class bounds for --scheme user_defined, e.g. 5,10,20")
    p.add_argument("--palette", help="ColorBrewer palette (default: by the indicator's direction)")
    p.add_argument("--force", action="store_true", help="overwrite --out if it exists")
    p.add_argument("--out", required=True, help="output file (.csv, .geojson, .xlsx or .gpkg)")
    p.set_defaults(func=run)


def output_format(out: str, fmt: str | None) -> str:
    """``fmt``, or the format the suffix of ``out`` names.

    Raises
    ------
    LevekarError
        When neither says which format to write.
    """
    if fmt:
        return fmt
    suffix = Path(out).suffix.lower()
    if suffix not in SUFFIX_FORMATS:
        raise LevekarError(f"--out {out}: cannot tell the format from {repr(suffix) if suffix else 'a name without suffix'}; name the file "
                           f"{', '.join(sorted(SUFFIX_FORMATS))} or pass --format {'|'.join(MEDIA_TYPES)}")
    return SUFFIX_FORMATS[suffix]


def run(args: argparse.Namespace) -> int:
    fmt = output_format(args.out, args.format)
    out = check_output(args.out, overwrite=args.force)  # before any work: an existing file is never clobbered
    ds = open_for_output(args.dataset)
    ds.check_choice(args.indicator)
    year = args.year if args.year is not None else ds.latest_year(args.indicator)
    ds.check_choice(args.indicator, year)
    from geo.benchmarks import zone_facts

    facts = zone_facts(ds, args.indicator, year)
    try:
        classes = classify(facts, ds.indicator(args.indicator), scheme=args.scheme, k=args.k, palette=args.palette,
                           breaks=args.breaks)
    except LevekarError:
        raise
    except ValueError as exc:  # k or breaks: a wrong request, not a bug
        raise LevekarError(str(exc)) from exc
    data = export_bytes(ds, args.indicator, year, fmt, lang=args.lang, classification=classes, facts=facts)
    write_bytes_atomic(out, data, overwrite=args.force)
    print(f"wrote {out} ({len(data) / 1024:,.0f} KB): {args.indicator} {year} as {fmt}, {len(facts)} zones"
          f"{' [DEMO]' if ds.is_demo else ''}{' [public]' if ds.meta.get('disclosure') else ''}")
    return 0
