"""One language at a time: every page rendered in English shows no bokmål UI string, and vice versa.

The strings come from the i18n registry (ui.i18n.STRINGS) and the catalogue's labels, so a page that
hard-codes text in one language, or forgets to pass ``lang``, fails here.
"""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from geo.config import PROJECT_DIR
from geo.data.catalog import DEFAULT_CATALOG
from ui.i18n import STRINGS

PAGES = sorted(p.name for p in (PROJECT_DIR / "pages").glob("*.py"))
PLACEHOLDER = re.compile(r"\{[^}]*\}")
MIN_LEN = 12  # shorter fragments ("År", "Kart") collide with names and numbers too easily


def _fragments(text: str) -> list[str]:
    """The literal pieces of a (possibly templated, possibly Markdown) UI string worth searching for."""
    plain = re.sub(r"[*_`#>]", "", text)
    return [f.strip() for f in PLACEHOLDER.split(plain) if len(f.strip()) >= MIN_LEN]


def _tells(lang: str) -> set[str]:
    """Fragments that only the *other* language has: seeing one on a page in ``lang`` is a leak."""
    mine, other = (1, 0) if lang == "en" else (0, 1)
    pairs = list(STRINGS.values()) + [(i.label_nb, i.label_en) for i in DEFAULT_CATALOG.values()]
    own = {f for pair in pairs for f in _fragments(pair[mine])}
    return {f for pair in pairs if pair[0] != pair[1] for f in _fragments(pair[other]) if f not in own}


def _rendered(at: AppTest) -> str:
    parts = []
    for kind in ("markdown", "caption", "title", "header", "subheader", "info", "warning", "error", "success"):
        parts += [str(e.value) for e in getattr(at, kind)]
    for kind in ("selectbox", "multiselect", "radio", "slider", "select_slider", "text_input", "number_input",
                 "checkbox", "toggle", "button"):
        parts += [str(getattr(e, "label", "")) for e in getattr(at, kind)]
    parts += [str(e.label) for e in at.expander] + [str(e.label) for e in at.tabs]
    return "\n".join(parts)


@pytest.mark.parametrize("lang", ["en", "nb"])
@pytest.mark.parametrize("page", PAGES)
def test_page_speaks_one_language(page, lang):
    at = AppTest.from_file(str(PROJECT_DIR / "app.py"), default_timeout=120)
    at.run()
    at.switch_page(f"pages/{page}").run()
    at.radio(key="lang").set_value(lang).run()
    assert not at.exception, page
    text = _rendered(at)
    leaks = sorted(f for f in _tells(lang) if f in text)
    assert not leaks, f"{page} in {lang} shows the other language: {leaks[:10]}"


def test_the_check_can_fail():
    # Indicator labels and registry strings of the other language are what a page in ``lang`` must not show.
    assert "Barn i lavinntektsfamilier (EU60)" in _tells("en")
    assert "Children in low-income households (EU60)" in _tells("nb")
    assert "Children in low-income households (EU60)" not in _tells("en")
