"""Which workshop each row of an attendance list or a table of proposals belongs to.

The person's choice at import wins; then a column (a workshop's number, Roman numeral, gmina or
date, each distinct cell read once against the cycle's calendar); then the sheet's name, a title
line above the table, or the file's name ("lista_obecnosci_3_jablonna.xlsx"). A row whose cell
names no workshop is a problem at its spreadsheet row; a sheet with no workshop at all is a note.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np
import pandas as pd

from analysis.fields import TableKind
from analysis.reading.locate import LocatedTable
from analysis.reading.rows import Rows, is_arrow
from analysis.schedule import Calendar, workshop_from_cell, workshop_from_label
from analysis.tables import Problem


def _sheet_workshop(located: LocatedTable, calendar: Calendar, filename: str) -> tuple[int | None, str | None]:
    number = workshop_from_label(located.sheet.name, calendar)
    if number:
        return number, "sheet"
    for line in located.title_lines:
        number = workshop_from_label(line, calendar)
        if number:
            return number, "title"
    if filename:
        number = workshop_from_label(filename.rsplit(".", 1)[0].replace("_", " "), calendar)
        if number:
            return number, "file"
    return None, None


def resolve_workshops(
    located: LocatedTable, rows: Rows, calendar: Calendar, filename: str, override: int | None,
    problems: list[Problem],
) -> tuple[pd.arrays.IntegerArray, str | None]:
    n = len(rows.numbers)
    if override is not None:
        return _same_int(override, n), "user"
    if "workshop" in rows.raw or ("date" in rows.raw and located.kind != TableKind.WORKSHOPS):
        fld = "workshop" if "workshop" in rows.raw else "date"
        default, _ = _sheet_workshop(located, calendar, filename)
        raw, text = rows.raw[fld], rows.text[fld]
        empty = (text == "").to_numpy(dtype=bool)
        numbers = _workshop_numbers(raw, text, empty, calendar)
        missing = _none(numbers)  # empty cells, and cells that name no workshop
        values = numbers.copy()
        values[missing] = pd.NA
        if default is not None:
            values[empty] = default
        header = located.headers[fld]
        for i in np.flatnonzero(missing if default is None else missing & ~empty).tolist():
            if empty[i]:
                problems.append(Problem(rows.numbers[i], header,
                                        "Brak warsztatu — wpisz numer warsztatu (1–5) lub gminę, w której się odbył.",
                                        code="workshop_missing"))
            else:
                problems.append(Problem(rows.numbers[i], header,
                                        f"Nie rozpoznano warsztatu „{text.iat[i]}” — wpisz numer warsztatu (1–5), "
                                        "gminę, w której się odbył, albo jego datę.", code="workshop_unknown"))
        return pd.array(values, dtype="Int64"), "column"
    number, source = _sheet_workshop(located, calendar, filename)
    return _same_int(number, n), source


def _workshop_numbers(raw: pd.Series, text: pd.Series, empty: np.ndarray, calendar: Calendar) -> np.ndarray:
    """The workshop each non-empty cell names (None where none), each distinct cell read once."""
    if is_arrow(raw):
        return _by_unique(raw, lambda value: workshop_from_cell(value, calendar), skip=empty)
    values = raw.tolist()
    if all(isinstance(v, (str, int, float, dt.date, type(None))) for v in values):
        return _by_unique(raw, lambda value: workshop_from_cell(value, calendar), skip=empty)
    # a cell of another type is known by its text
    cache: dict[object, int | None] = {}
    numbers = np.full(len(values), None, dtype=object)
    for i, (value, written) in enumerate(zip(values, text.tolist(), strict=True)):
        if written:
            key = value if isinstance(value, (str, int, float, dt.date)) else written
            if key not in cache:
                cache[key] = workshop_from_cell(value, calendar)
            numbers[i] = cache[key]
    return numbers


def _same_int(value: int | None, n: int) -> pd.arrays.IntegerArray:
    """``n`` times ``value`` (NA for None) as a nullable integer column."""
    return pd.arrays.IntegerArray(np.full(n, value or 0, dtype=np.int64), np.full(n, value is None))


def _by_unique(values: pd.Series, func: Callable[[object], object], skip: np.ndarray | None = None) -> np.ndarray:
    """``func`` of each value, called once per distinct value (a list repeats the same names); None where ``skip``."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    distinct = uniques.tolist()
    if skip is not None and skip.any():
        needed = np.zeros(len(distinct), dtype=bool)
        needed[codes[~skip]] = True
        mapped = np.array([func(u) if needed[j] else None for j, u in enumerate(distinct)] + [None], dtype=object)
        return mapped[np.where(skip, len(distinct), codes)]
    mapped = np.array([func(u) for u in distinct] + [None], dtype=object)
    return mapped[codes]



_NONE = np.array(None, dtype=object)  # None as an array (numpy's stubs take no bare None), compared with each value


def _none(values: np.ndarray) -> np.ndarray:
    """Where ``values`` (what a ``func`` of ``_by_unique`` returned) is None."""
    return np.equal(values, _NONE)
