"""Tables and figures of the workbench pages (compare, zone profile, initiatives), pure and testable.

The numbers come from :mod:`geo.analysis` (comparison tables, profiles, trends, similarity, difference in
differences); this package only lays them out: HTML tables whose every data string is escaped, Plotly
figures whose every data text goes through :func:`geo.text.plotly_escape`, and flat tables for downloads.
The Streamlit glue is ``ui/workbench.py``.
"""
