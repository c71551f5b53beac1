"""The page style: caption contrast and <html lang> from the main area."""

from __future__ import annotations

import pytest

from ui.a11y import CAPTION_COLOUR, page_style


def _contrast(hex_colour: str) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    lum = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (lum + 0.05)


def test_caption_colour_meets_wcag_aa_on_white():
    assert _contrast(CAPTION_COLOUR) >= 4.5


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="unknown UI language"):
        page_style("de'; alert(1); '")
