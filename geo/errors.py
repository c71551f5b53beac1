"""Named errors of the Levekårskart library.

Every error a user can trigger carries a message that names the file, the feature or row, the field,
and what to do. The CLI maps these to exit codes; the app shows them as messages, never tracebacks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass


class LevekarError(Exception):
    """Base class for all errors raised on purpose by :mod:`geo`."""


class ConfigError(LevekarError):
    """A setting (``LEVEKAR_PUBLIC``, ``levekar.toml``) has a value the project cannot use."""


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


class DatabaseError(DatasetError):
    """A dataset database (PostGIS) cannot be used: bad URL, unreachable, PostGIS missing, nothing published."""


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


#: Up to this many problems are listed one by one; longer lists are summarised (:func:`summarise_problems`).
LIST_ALL_UP_TO = 30
#: How many examples of each kind of problem a summary shows.
EXAMPLES_PER_KIND = 5
#: Columns of a problem report (the CSV behind ``--report`` and the upload page's download).
REPORT_COLUMNS = ["severity", "file", "where", "field", "message", "hint"]

_QUOTED = re.compile(r"'[^']*'|“[^”]*”|«[^»]*»")
_NUMBER = re.compile(r"(?<![\w.])[+-]?\d+([.,]\d+)?(?![\w])")


@dataclass(frozen=True)
class ProblemKind:
    """Problems of one kind: same file, field, severity and message once the data in it is blanked.

    Parameters
    ----------
    severity, file, field : str
        As in :class:`Problem`.
    text : str
        The message with quoted values and numbers replaced by ``…`` (``'…' is not a number``).
    problems : tuple of Problem
        Every problem of this kind, in the order found.
    """

    severity: str
    file: str
    field: str
    text: str
    problems: tuple[Problem, ...]

    @property
    def count(self) -> int:
        """How many problems are of this kind."""
        return len(self.problems)

    def __str__(self) -> str:
        field = f", field '{self.field}'" if self.field else ""
        return f"{self.severity} ×{self.count}: {self.file}{field}: {self.text}"


def problem_kind(problem: Problem) -> str:
    """The message of ``problem`` with its data (quoted values, numbers) replaced by ``…``."""
    return _NUMBER.sub("…", _QUOTED.sub("'…'", problem.message))


def group_problems(problems: Iterable[Problem]) -> list[ProblemKind]:
    """Problems grouped by kind (:func:`problem_kind`), errors first, then in order of first appearance."""
    groups: dict[tuple[str, str, str, str], list[Problem]] = {}
    for p in problems:
        groups.setdefault((p.severity, p.file, p.field, problem_kind(p)), []).append(p)
    kinds = [ProblemKind(sev, file, field, text, tuple(ps)) for (sev, file, field, text), ps in groups.items()]
    return sorted(kinds, key=lambda k: k.severity != "error")  # stable: keeps the order found


def summarise_problems(problems: list[Problem], first: int = EXAMPLES_PER_KIND,
                       report_hint: str = "") -> list[str]:
    """Lines describing ``problems``: every one when few, else counts per kind and the first of each.

    Parameters
    ----------
    problems : list of Problem
        Everything found.
    first : int
        Examples shown per kind when summarising.
    report_hint : str
        Where the full list is (``"--report FILE"``), said in the summary's first line.

    Returns
    -------
    list of str
        One line per problem (at most :data:`LIST_ALL_UP_TO`), or a summary: a heading, then per kind
        its count line and up to ``first`` indented examples.
    """
    if len(problems) <= LIST_ALL_UP_TO:
        return [str(p) for p in problems]
    kinds = group_problems(problems)
    where = f"; the full list: {report_hint}" if report_hint else ""
    lines = [f"{len(problems)} problems of {len(kinds)} kind(s); the first {first} of each{where}"]
    for kind in kinds:
        lines.append(str(kind))
        lines += [f"  {p}" for p in kind.problems[:first]]
        if kind.count > first:
            lines.append(f"  … and {kind.count - first} more like these")
    return lines


def problem_records(problems: Iterable[Problem]) -> list[dict[str, str]]:
    """Problems as dicts with :data:`REPORT_COLUMNS` (for a report table)."""
    return [{c: asdict(p)[c] for c in REPORT_COLUMNS} for p in problems]


class ValidationError(LevekarError):
    """A user's file has one or more problems that block its import.

    The message lists the errors (or, when there are many, summarises them by kind); ``problems``
    keeps every one.

    Parameters
    ----------
    problems : list of Problem
        Every problem found (errors and warnings).
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        errors = [p for p in self.problems if p.severity == "error"]
        super().__init__("\n".join(summarise_problems(errors or self.problems)))
