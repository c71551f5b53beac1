"""Strings of public mode and disclosure control (geo.privacy)."""

from geo.privacy import RANK_NOTE, TOTALS_NOTE

STRINGS: dict[str, tuple[str, str]] = {
    "public_dataset_unavailable": ("Dataene er ikke tilgjengelige akkurat nå. Prøv igjen senere.",
                                   "The data are not available right now. Please try again later."),
    "public_no_upload": ("Opplasting av egne data er slått av på den offentlige siden.",
                         "Uploading your own data is turned off on the public site."),
    "public_totals_note": (TOTALS_NOTE["nb"], TOTALS_NOTE["en"]),
    "download_xlsx": ("Last ned Excel", "Download Excel"),
    "download_gpkg": ("Last ned GeoPackage", "Download GeoPackage"),
    "public_rank_note": (RANK_NOTE["nb"], RANK_NOTE["en"]),
}
