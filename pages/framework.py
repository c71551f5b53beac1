"""Rammeverk / Framework: the indicators by Marmot principle × life course, the gaps, and tag filters."""

from __future__ import annotations

import html

import streamlit as st

from geo.data.framework import LIFE_COURSE, PRINCIPLES, SDG_TARGETS, grid, label, split_tags
from ui.cache import dataset_or_error
from ui.i18n import t
from ui.widgets import ensure_frame, md_escape

lang = ensure_frame()
ds, _ = dataset_or_error()
catalog = ds.catalog.with_ids(ds.indicator_ids)

st.title(t("framework_title", lang))
st.write(t("framework_intro", lang))

cells = grid(catalog, lang)
principles = [p for p in PRINCIPLES if p != "context"]
head = "".join(f"<th scope='col'>{html.escape(label(LIFE_COURSE, g, lang))}</th>" for g in LIFE_COURSE)
rows = []
for p in principles:
    tds = "".join(
        "<td>" + "<br>".join(html.escape(catalog[i].label(lang)) for i in cells[(p, g)]) + "</td>" if cells[(p, g)]
        else "<td class='gap'>–</td>" for g in LIFE_COURSE)
    rows.append(f"<tr><th scope='row'>{p}. {html.escape(label(PRINCIPLES, p, lang))}</th>{tds}</tr>")
st.html("<style>.fw{border-collapse:collapse;font-size:0.85rem}.fw th,.fw td{border:1px solid #999;padding:4px;"
        "vertical-align:top}.fw .gap{background:#f3f3f3;color:#555;text-align:center}</style>"
        f"<div style='overflow-x:auto' tabindex='0' role='region' aria-label='{html.escape(t('framework_title', lang))}'>"
        f"<table class='fw'><caption>{html.escape(t('framework_title', lang))}"
        f"</caption><thead><tr><th scope='col'>{html.escape(t('framework_principle', lang))}</th>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>")

gaps = [(p, g) for (p, g), ids in cells.items() if not ids]
with st.expander(t("framework_gaps", lang, n=len(gaps), total=len(cells))):
    st.markdown("\n".join(f"- {p}. {md_escape(label(PRINCIPLES, p, lang))} — {md_escape(label(LIFE_COURSE, g, lang))}"
                          for p, g in gaps))

context = [i for i in catalog.values() if i.principle == "context"]
if context:
    st.markdown(f"**{t('framework_context', lang)}:** " + ", ".join(md_escape(i.label(lang)) for i in context))

c1, c2, c3 = st.columns(3)
pick_p = c1.multiselect(t("framework_filter_principle", lang), list(PRINCIPLES), key="fw_p",
                        format_func=lambda p: f"{p}. {label(PRINCIPLES, p, lang)}" if p != "context" else
                        label(PRINCIPLES, p, lang))
pick_g = c2.multiselect(t("framework_filter_life", lang), list(LIFE_COURSE), key="fw_g",
                        format_func=lambda g: label(LIFE_COURSE, g, lang))
pick_s = c3.multiselect(t("framework_filter_sdg", lang), list(SDG_TARGETS), key="fw_s",
                        format_func=lambda s: f"{s} {label(SDG_TARGETS, s, lang)}")
hits = [i for i in catalog.values()
        if (not pick_p or i.principle in pick_p)
        and (not pick_g or set(pick_g) & set(split_tags(i.life_course)))
        and (not pick_s or set(pick_s) & set(split_tags(i.sdg)))]
st.markdown(f"**{t('framework_list', lang)}**")
if hits:
    st.markdown("\n".join(f"- {md_escape(i.label(lang))} — {i.principle if i.principle != 'context' else ''} "
                          f"SDG {md_escape(', '.join(split_tags(i.sdg)))}" for i in hits))
else:
    st.info(t("framework_none", lang))
