"""Data text made safe for the place it goes: Markdown, HTML or a Plotly label — one helper per target.

Zone names, sources and file names come from users' files, so they may contain ``*``, ``[x](url)``,
``<img …>`` or ``"``. Each target interprets different characters, so each has its own escape, applied
once, where the text enters that target:

- :func:`md_escape` — Streamlit Markdown (``st.markdown``, captions, message boxes, button labels);
- :func:`html_escape` — raw HTML built by the project (tables, map popups);
- :func:`plotly_escape` — Plotly text (trace names, tick labels, titles), which understands a few tags
  (``<b>``, ``<a href>``) and only a handful of named entities: ``&quot;`` would show as is.
"""

from __future__ import annotations

import html
import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~$])")
_MD_LINE_START = re.compile(r"^(\s*)([-+]|\d+)(\.?)(\s)", re.M)


def md_escape(text: object) -> str:
    """Escape what markdown/HTML would interpret, so data (zone names, sources, URL values) shows as text.

    Emphasis, links, images, HTML tags, headings, tables, strikethrough, maths and list markers at a
    line start are neutralised; ordinary punctuation such as ``-`` or ``(`` inside text is left alone.
    """
    escaped = _MD_SPECIAL.sub(r"\\\1", str(text))

    def unlist(m: re.Match) -> str:
        marker, dot = m.group(2), m.group(3)
        if marker.isdigit():  # "1. x" is an ordered list unless the dot is escaped
            return m.group(0) if not dot else f"{m.group(1)}{marker}\\.{m.group(4)}"
        return f"{m.group(1)}\\{marker}{dot}{m.group(4)}"

    return _MD_LINE_START.sub(unlist, escaped)


def html_escape(text: object) -> str:
    """Text for HTML element content or a quoted attribute (``&``, ``<``, ``>``, quotes escaped)."""
    return html.escape(str(text), quote=True)


def plotly_escape(text: object) -> str:
    """Text for a Plotly label: ``&``, ``<`` and ``>`` as entities Plotly decodes; quotes stay quotes.

    Plotly turns a handful of named entities (``&amp;`` ``&lt;`` ``&gt;``) back into characters but not
    ``&quot;``/``&#x27;``, so :func:`html.escape` would show a name like ``Vår "gate"`` with ``&quot;``.
    """
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
