"""Named errors of the Levekårskart library.

Every error a user can trigger carries a message that names the file, the feature or row, the field,
and what to do. The CLI maps these to exit codes; the app shows them as messages, never tracebacks.
"""

from __future__ import annotations

from dataclasses import dataclass


class LevekarError(Exception):
    """Base class for all errors raised on purpose by :mod:`geo`."""


class DatasetError(LevekarError):
    """A dataset file is missing, unreadable or not a Levekårskart dataset."""


class DamagedDatasetError(DatasetError):
    """A dataset file opens, but its contents break the rules an import guarantees.

    Parameters
    ----------
    path : path-like
        The dataset file.
    problems : list of Problem
        The errors found, each naming the layer, row or feature, and field.
    """

    #: How many problems the message lists; ``problems`` keeps them all.
    SHOWN = 8

    def __init__(self, path: object, problems: list["Problem"]) -> None:
        self.path = path
        self.problems = list(problems)
        shown = "\n".join(f"  {p}" for p in self.problems[:self.SHOWN])
        more = f"\n  … and {len(self.problems) - self.SHOWN} more" if len(self.problems) > self.SHOWN else ""
        super().__init__(f"{path} is damaged ({len(self.problems)} problem(s)); fix them (in QGIS, say) or rebuild "
                         f"the dataset with 'python -m geo import':\n{shown}{more}")


class OutputError(LevekarError):
    """An output file cannot be written (no folder, no permission, disk full, read-only, …)."""


class OutputExistsError(OutputError):
    """The output exists and replacing it was not asked for (``--force``)."""


class UnknownChoiceError(LevekarError, ValueError):
    """A requested indicator, year, scheme … is not among the available choices."""

    def __init__(self, what: str, value: object, choices: list) -> None:
        self.what = what
        self.value = value
        self.choices = list(choices)
        shown = ", ".join(str(c) for c in self.choices[:40])
        more = "" if len(self.choices) <= 40 else f" … (+{len(self.choices) - 40} more)"
        super().__init__(f"Unknown {what} {value!r}. Available: {shown}{more}")


@dataclass(frozen=True)
class Problem:
    """One problem found in a user's file.

    Parameters
    ----------
    file : str
        File name the problem is in.
    where : str
        The feature or row, e.g. ``"feature 12"`` or ``"row 7"``; empty for whole-file problems.
    field : str
        The field (column) concerned; empty when not about one field.
    message : str
        What is wrong.
    hint : str
        What the user should do about it.
    severity : str
        ``"error"`` (blocks import) or ``"warning"`` (reported, import goes on).
    """

    file: str
    where: str
    field: str
    message: str
    hint: str = ""
    severity: str = "error"

    def __str__(self) -> str:
        parts = [self.file]
        if self.where:
            parts.append(self.where)
        if self.field:
            parts.append(f"field '{self.field}'")
        text = ", ".join(parts) + f": {self.message}"
        if self.hint:
            text += f" — {self.hint}"
        if self.severity == "warning":
            text = "warning: " + text
        return text


class ValidationError(LevekarError):
    """A user's file has one or more problems that block its import.

    Parameters
    ----------
    problems : list of Problem
        Every problem found (errors and warnings).
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        errors = [p for p in self.problems if p.severity == "error"]
        super().__init__("\n".join(str(p) for p in (errors or self.problems)))
