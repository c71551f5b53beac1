"""Showing a list of problems on a page: each one when few, a summary by kind and a CSV when many."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.errors import EXAMPLES_PER_KIND, LIST_ALL_UP_TO, REPORT_COLUMNS, Problem, group_problems, problem_records
from geo.export import to_csv
from ui.i18n import t
from ui.problem_text import localise, localised_line, problem_line
from ui.widgets import md_escape


def problems_csv(problems: list[Problem]) -> bytes:
    """Every problem as CSV (:data:`geo.errors.REPORT_COLUMNS`, formula-like text neutralised)."""
    return to_csv(pd.DataFrame(problem_records(problems), columns=REPORT_COLUMNS))


def show_problems(problems: list[Problem], lang: str, key: str) -> None:
    """Errors and warnings as message boxes; a long list as one box per kind plus a CSV download.

    100 000 bad rows must not draw 100 000 boxes: beyond :data:`geo.errors.LIST_ALL_UP_TO` problems,
    each kind gets one box with its count and first :data:`geo.errors.EXAMPLES_PER_KIND` examples.
    """
    if len(problems) <= LIST_ALL_UP_TO:
        for p in sorted(problems, key=lambda p: p.severity != "error"):
            (st.error if p.severity == "error" else st.warning)(md_escape(problem_line(p, lang)))
        return
    kinds = group_problems([localise(p, lang) for p in problems])
    st.error(t("rb_many", lang, n=len(problems), kinds=len(kinds), first=EXAMPLES_PER_KIND))
    st.download_button(t("rb_report", lang), problems_csv(problems), "levekar_problemer.csv", "text/csv",
                       key=key, on_click="ignore")
    for kind in kinds:
        field = f", {t('pt_field', lang, field=kind.field)}" if kind.field else ""
        heading = t("pt_kind", lang, n=kind.count, file=kind.file, field=field, text=kind.text)
        lines = [f"**{md_escape(heading)}**", *(md_escape(localised_line(p, lang)) for p in kind.problems[:EXAMPLES_PER_KIND])]
        if kind.count > EXAMPLES_PER_KIND:
            lines.append(t("rb_more", lang, n=kind.count - EXAMPLES_PER_KIND))
        (st.error if kind.severity == "error" else st.warning)("  \n".join(lines))

