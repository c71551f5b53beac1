"""The app's pages in one list: app.py's navigation, and the switch out of Streamlit's legacy mode."""

from __future__ import annotations

import streamlit as st

from geo.config import public_mode
from ui.i18n import t

#: ``(page file, title key, url_path)`` in navigation order; the first is the default page (root URL).
#: ``url_path`` is the file's stem for every page a link may name: Streamlit's legacy mode (below)
#: addresses pages by stem, so a link works in both modes.
PAGES: tuple[tuple[str, str, str], ...] = (
    ("pages/map.py", "page_map", "kart"),
    ("pages/access.py", "page_access", "access"),
    ("pages/compare.py", "page_compare", "compare"),
    ("pages/profile.py", "page_profile", "profile"),
    ("pages/initiatives.py", "page_initiatives", "initiatives"),
    ("pages/change.py", "page_change", "change"),
    ("pages/relationships.py", "page_relationships", "relationships"),
    ("pages/index.py", "page_index", "index"),
    ("pages/hotspots.py", "page_hotspots", "hotspots"),
    ("pages/upload.py", "page_upload", "upload"),
    ("pages/framework.py", "page_framework", "framework"),
    ("pages/about.py", "page_about", "about"),
)
#: Pages the public dashboard leaves out: it serves its configured dataset only (no upload or import).
NOT_PUBLIC = frozenset({"upload"})


def app_pages(lang: str) -> list:
    """The navigation's pages (:data:`PAGES`), titled in ``lang``; in public mode without :data:`NOT_PUBLIC`."""
    public = public_mode()
    return [st.Page(path, title=t(key, lang), url_path=url, default=i == 0)
            for i, (path, key, url) in enumerate(PAGES) if not (public and url in NOT_PUBLIC)]


def in_legacy_mode() -> bool:
    """Whether Streamlit runs in its legacy ``pages/`` mode (a fresh server, before any ``st.navigation``).

    Read from Streamlit's page manager (not public API); if that ever moves, this says False and pages
    simply draw their own frame, as they do when run alone (AppTest of a page file).
    """
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # pragma: no cover - a Streamlit without it
        return False
    return bool(getattr(PagesManager, "uses_pages_directory", False))


def leave_legacy_mode(lang: str) -> None:
    """In legacy mode, end it and run again through app.py; otherwise do nothing.

    Until some run has called ``st.navigation``, Streamlit runs a page opened by its path alone, under a
    navigation of file names ("app", "about", …). Registering the app's navigation ends that mode for
    the whole server; the rerun then goes through app.py, which draws the same page (path and query
    string kept) with its titles. Call it on a session's FIRST run only: that run carries no click a
    rerun could drop, and every later run of the session then goes through app.py — widgets keep their
    identity from run to run (a page drawn once alone and then framed would not know its first click).
    """
    if in_legacy_mode():
        st.navigation(app_pages(lang), position="hidden")
        st.rerun()
