from __future__ import annotations

import pytest

from ui.mapview import clicked_zone, parse_breaks


class Locator:
    def zone_at(self, lon, lat):
        return "0101" if (lon, lat) == (10.4, 63.4) else None


def test_new_click_maps_to_zone():
    assert clicked_zone(Locator(), {"lat": 63.4, "lng": 10.4}, None) == "0101"


def test_repeated_click_is_ignored():
    click = {"lat": 63.4, "lng": 10.4}
    assert clicked_zone(Locator(), click, dict(click)) is None


def test_click_outside_zones_and_no_click():
    assert clicked_zone(Locator(), {"lat": 0.0, "lng": 0.0}, None) is None
    assert clicked_zone(Locator(), None, None) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("5, 10, 20", [5.0, 10.0, 20.0]),
    ("5,5; 10; 20", [5.5, 10.0, 20.0]),
    ("1 000; 2 500", [1000.0, 2500.0]),
    (" 5 ,10,", [5.0, 10.0]),
])
def test_parse_breaks(text, expected):
    assert parse_breaks(text) == expected


def test_parse_breaks_rejects_words():
    with pytest.raises(ValueError, match="fem"):
        parse_breaks("fem, ti")


def test_legend_escapes_data_text_for_markdown():
    from streamlit.testing.v1 import AppTest

    def page():
        from types import SimpleNamespace

        from ui.mapview import legend

        row = SimpleNamespace(colour="#fee5d9", label="*fet* [lenke](javascript:x)", count=3)
        classes = SimpleNamespace(legend_rows=lambda lang: [row])
        indicator = SimpleNamespace(label=lambda lang: "Andel <b>_x_</b>")
        legend(classes, indicator, "nb")

    at = AppTest.from_function(page).run()
    text = at.markdown[0].value
    assert r"\*fet\* \[lenke\](javascript:x)" in text
    assert r"\<b\>\_x\_\</b\>" in text and "<b>" not in text
