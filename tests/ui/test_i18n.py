from __future__ import annotations

import re

import pytest

from ui.i18n import STRINGS, status_label, t, texts


def test_every_string_has_both_languages_and_same_placeholders():
    for key, (nb, en) in STRINGS.items():
        assert nb and en, key
        assert set(re.findall(r"{(\w+)}", nb)) == set(re.findall(r"{(\w+)}", en)), key


def test_t_formats_and_unknown_key_fails():
    assert t("rank_of", "nb", rank=7, n=60) == "7 av 60"
    assert t("rank_of", "en", rank=7, n=60) == "7 of 60"
    with pytest.raises(KeyError):
        t("no_such_key")


def test_texts_prefix_and_status_labels():
    acc = texts("acc", "en")
    assert acc["title"] == "Access" and "title" in texts("up", "nb")
    assert status_label("suppressed", "nb").startswith("skjult")
    assert status_label("weird") == "weird"
