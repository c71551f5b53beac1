"""ui.navigation: the one list of pages, and the switch out of Streamlit's legacy pages/ mode."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from geo.config import PROJECT_DIR
from ui.i18n import t
from ui.navigation import NOT_PUBLIC, PAGES, in_legacy_mode


def test_every_page_file_is_listed_once_and_addressed_by_its_stem():
    files = sorted(str(p.relative_to(PROJECT_DIR)) for p in (PROJECT_DIR / "pages").glob("*.py"))
    assert sorted(path for path, _, _ in PAGES) == files
    # the default page lives at the root URL; every other page by its file's stem (legacy-mode links)
    assert all(url == Path(path).stem for path, _, url in PAGES[1:])
    assert NOT_PUBLIC <= {url for _, _, url in PAGES}


def test_every_page_has_a_title_in_both_languages():
    for _, key, _ in PAGES:
        nb, en = t(key, "nb"), t(key, "en")
        assert nb and en and nb != key


def test_the_app_navigation_is_titled():
    at = AppTest.from_file(str(PROJECT_DIR / "app.py"), default_timeout=60).run()
    assert not at.exception
    at.switch_page("pages/relationships.py").run()
    assert not at.exception
    assert any(h.value == t("rel_title", "nb") for h in [*at.title, *at.header])


def test_a_page_run_alone_is_not_legacy_mode():
    # AppTest of a page file: no pages/ folder beside it, so the page draws its own frame and never
    # tries to switch the (absent) app navigation on
    at = AppTest.from_file(str(PROJECT_DIR / "pages" / "about.py"), default_timeout=60).run()
    assert not at.exception
    assert not in_legacy_mode()
