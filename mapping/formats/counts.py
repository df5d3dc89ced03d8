"""Numbers in a user's table: counts of people, and percentages."""

from __future__ import annotations

import pandas as pd

from ..validate import Problems

#: Largest count a cell may hold: more voters than any UK area has.
MAX_COUNT = 10_000_000

#: Why a cell is not a count, in the order the rules apply: (for one cell, for
#: several, whether to quote the cell).
_NOT_COUNTS = {
    "text": ("is not a number", "are not numbers", True),
    "negative": ("is negative", "are negative", False),
    "huge": (
        f"is more than {MAX_COUNT:,}; votes and electorates are counts of people",
        f"are more than {MAX_COUNT:,}",
        False,
    ),
    "fraction": ("is not a whole number", "are not whole numbers", False),
    "over 100": ("is more than 100%", "are more than 100%", False),
}


def parse_numbers(column: pd.Series) -> pd.Series:
    """Return a column's cells as floats ("12,345", "12.5%"); NaN where not numbers."""
    return _parsed(column.astype(str).str.replace("%", "", regex=False))[1]


def _not_numbers(text: pd.Series, values: pd.Series) -> pd.Series:
    """Cells that are not numbers: text, and 'inf', 'Infinity' or 'nan', which parse."""
    return (text != "") & (values.isna() | ~text.str.contains(r"\d"))


def _parsed(column: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Return a column's cells as tidied text and as floats (NaN when blank)."""
    text = (
        column.astype(str)
        .str.strip()
        .str.replace(r"(?<=\d)[,\s](?=\d{3})", "", regex=True)
    )
    values = pd.to_numeric(text.where(text != ""), errors="coerce").astype(float)
    return text, values


def counts(column: pd.Series, name: str, problems: Problems) -> pd.Series:
    """Return the counts of a column: floats from 0 to MAX_COUNT, NaN when blank.

    A cell that is not a whole number in that range (text, ``inf``, ``nan``,
    ``1e400``, ``-5``, ``10.5``) is recorded as a problem and returned as NaN.
    """
    text, values = _parsed(column)
    return _checked(
        column,
        name,
        values,
        {
            "text": _not_numbers(text, values),
            "negative": values < 0,
            "huge": values > MAX_COUNT,  # 1e400 parses as inf
            "fraction": (values % 1).fillna(0) != 0,
        },
        problems,
    )


def percentages(column: pd.Series, name: str, problems: Problems) -> pd.Series:
    """Return the percentages of a column ("12.5", "12.5%"), NaN when blank."""
    text, values = _parsed(column.astype(str).str.replace("%", "", regex=False))
    return _checked(
        column,
        name,
        values,
        {
            "text": _not_numbers(text, values),
            "negative": values < 0,
            "over 100": values > 100,
        },
        problems,
    )


def _checked(column, name, values, rules, problems: Problems) -> pd.Series:
    refused = pd.Series(False, index=values.index)
    for rule, mask in rules.items():
        mask = mask & ~refused
        refused |= mask
        _report_cells(column[mask].astype(str).str.strip(), name, rule, problems)
    return values.where(~refused)


def _report_cells(cells: pd.Series, name: str, rule: str, problems: Problems) -> None:
    one, several, quoted = _NOT_COUNTS[rule]
    for row, cell in cells.iloc[:5].items():
        shown = repr(cell) if quoted else cell
        problems.error(f"{shown} {one}", where=f"row {row}, column {name!r}")
    if len(cells) > 5:
        problems.error(
            f"{len(cells) - 5} more cells {several}", where=f"column {name!r}"
        )
