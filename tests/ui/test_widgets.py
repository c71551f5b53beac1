from __future__ import annotations

import pytest

from ui.widgets import md_escape


@pytest.mark.parametrize(("text", "expected"), [
    ("<img src=x onerror=alert(1)>", "\\<img src=x onerror=alert(1)\\>"),
    ("[klikk](javascript:alert(1))", "\\[klikk\\](javascript:alert(1))"),
    ("**fet** _kursiv_ `kode` # $x$ ~~s~~ a|b", "\\*\\*fet\\*\\* \\_kursiv\\_ \\`kode\\` \\# \\$x\\$ \\~\\~s\\~\\~ a\\|b"),
    ("Barn (EU60) low-income, 12.5", "Barn (EU60) low-income, 12.5"),
    ("- punkt", "\\- punkt"),
    ("1. punkt", "1\\. punkt"),
    ("2024 tall", "2024 tall"),
    ("Øya-Elgeseter", "Øya-Elgeseter"),
])
def test_md_escape(text, expected):
    assert md_escape(text) == expected
