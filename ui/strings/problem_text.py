"""Framing of validation problems on the upload page (the problems themselves: ui/problem_text.py)."""

STRINGS: dict[str, tuple[str, str]] = {
    "pt_field": ("feltet «{field}»", "field “{field}”"),
    "pt_warning": ("advarsel: {text}", "warning: {text}"),
    "pt_kind": ("{n} × {file}{field}: {text}", "{n} × {file}{field}: {text}"),
}
