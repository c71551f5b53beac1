"""Strings of the robustness features: long problem lists, oddities, dataset errors."""

STRINGS: dict[str, tuple[str, str]] = {
    "rb_many": (
        "{n} problemer av {kinds} slag. Under står antallet av hvert slag og de {first} første; last ned hele "
        "listen som CSV.",
        "{n} problems of {kinds} kinds. Below: the count of each kind and its first {first}; download the full "
        "list as CSV.",
    ),
    "rb_more": ("… og {n} til av samme slag", "… and {n} more like these"),
    "rb_report": ("Last ned alle problemene (CSV)", "Download every problem (CSV)"),
}
