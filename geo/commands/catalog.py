"""``python -m geo catalog``: the indicator catalogue with its framework tags."""

from __future__ import annotations

import argparse
import json

from geo.data.catalog import DEFAULT_CATALOG
from geo.data.framework import LIFE_COURSE, PRINCIPLES, SDG_TARGETS, label, split_tags


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``catalog`` subcommand."""
    p = sub.add_parser("catalog", help="list the indicator catalogue with Marmot principle, life course and SDG tags")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--lang", choices=("nb", "en"), default="en", help="language of labels (default: en)")
    p.set_defaults(func=run)


def entries(catalog=DEFAULT_CATALOG, lang: str = "en") -> list[dict]:
    """One dict per indicator: the catalogue fields plus the tags resolved to names."""
    out = []
    for ind in catalog.values():
        out.append({
            "id": ind.id, "label": ind.label(lang), "description": ind.description(lang), "unit": ind.unit,
            "direction": ind.direction, "theme": ind.theme, "kind": ind.kind, "aggregation": ind.aggregation,
            "source": ind.source_name, "source_url": ind.source_url, "licence": ind.licence,
            "principle": ind.principle, "principle_name": label(PRINCIPLES, ind.principle, lang),
            "life_course": split_tags(ind.life_course),
            "life_course_names": [label(LIFE_COURSE, g, lang) for g in split_tags(ind.life_course)],
            "sdg": split_tags(ind.sdg),
            "caveat": ind.caveat(lang),
        })
    return out


def run(args: argparse.Namespace) -> int:
    rows = entries(lang=args.lang)
    if args.json:
        print(json.dumps({"indicators": rows, "principles": {k: label(PRINCIPLES, k, args.lang) for k in PRINCIPLES},
                          "life_course": {k: label(LIFE_COURSE, k, args.lang) for k in LIFE_COURSE},
                          "sdg_targets": {k: label(SDG_TARGETS, k, args.lang) for k in SDG_TARGETS}},
                         ensure_ascii=False))
        return 0
    for r in rows:
        print(f"{r['id']:<30} {r['principle']:<8} {','.join(r['life_course']):<26} SDG {','.join(r['sdg']):<10} "
              f"{r['label']}")
    return 0
