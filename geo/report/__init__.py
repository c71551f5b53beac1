"""Printable reports ("rådspakke"): one self-contained A4 page of a zone profile or a comparison.

``content``
    What a report says, computed once: :func:`~geo.report.content.build_profile` (profile table,
    summary, similar zones) and :func:`~geo.report.content.profile_json` (the CLI's ``--json`` object).
``figures``
    The static map of the area in its city (matplotlib PNG, no network) and inline SVG spine charts.
``page``
    :func:`~geo.report.page.render_profile_report` and :func:`~geo.report.page.render_comparison_report`:
    one HTML string with inline CSS (print CSS for A4), every data string escaped.
``texts``
    The report's fixed wording in bokmål and English.
"""

from geo.report.content import build_profile, profile_json
from geo.report.page import render_comparison_report, render_profile_report

__all__ = ["build_profile", "profile_json", "render_comparison_report", "render_profile_report"]
