"""Located table -> canonical table: the data rows, every value as the vocabulary's code, problems.

The steps, each in its own module: ``rows`` (which lines are data, and the rules every cell goes
through), ``sheet_workshop`` (which workshop each row belongs to), then the table's kind:
``attendance``, ``proposals``, ``workshops`` (a schedule) or ``gminas``. Every value becomes the
vocabulary's code (sector, gmina, area, status, workshop…); each problem is reported with its code
(``analysis.errors.PROBLEM_CODES``) at the spreadsheet row where the user will find it. Rows with a
problem are kept wherever they can be. The canonical columns and their types are the fields'
(``analysis.fields``).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from analysis.dataset import as_dates
from analysis.fields import CANONICAL_COLUMNS, FIELDS, TableKind
from analysis.reading.attendance import attendance_columns
from analysis.reading.gminas import gmina_columns
from analysis.reading.locate import LocatedTable
from analysis.reading.proposals import proposal_columns
from analysis.reading.rows import Rows, data_rows, empty_texts, same_text
from analysis.reading.sheet_workshop import resolve_workshops
from analysis.reading.workshops import cycles_of_dates, schedule_columns, schedule_workshops
from analysis.schedule import Calendar
from analysis.tables import Problem, Table

# canonical text columns read from a column of the same field: kept as written (cleaned, stripped)
_AS_WRITTEN = {kind: tuple(f.name for f in FIELDS if kind in f.canonical and kind in f.kinds and f.dtype == "str")
               for kind in TableKind}


def _texts_as_written(kind: TableKind, rows: Rows, read: Mapping[str, object]) -> dict[str, pd.Series]:
    """The text columns that need no normalising ("" where the sheet has no such column), but those ``read``."""
    return {name: rows.text[name] if name in rows.text else empty_texts(len(rows.numbers))
            for name in _AS_WRITTEN[kind] if name not in read}


def normalise(
    located: LocatedTable, calendar: Calendar, filename: str = "", workshop: int | None = None,
    places: Mapping[str, str] | None = None,
) -> Table:
    """The canonical table of ``located``; ``workshop`` overrides what the file says; ``places`` are the
    office's own locality -> gmina pairs (``vocabulary.locality_key`` -> code)."""
    rows = data_rows(located)
    if located.export is not None:  # a statistical office's export: only the rows of the county's gminas
        rows = rows.only(located.export.gminas)
    problems: list[Problem] = list(rows.problems)
    notes = list(located.notes)
    cycle = calendar.cycle
    workshops: list[object] | pd.arrays.IntegerArray
    columns: Mapping[str, object]
    cycles: object
    if located.kind == TableKind.WORKSHOPS:
        workshops = schedule_workshops(rows, located, problems)
        source: str | None = "column"
        schedule = schedule_columns(located, rows, problems)
        columns = schedule
        if "cycle" in rows.text:
            cycles = [c or cycle for c in rows.text["cycle"].tolist()]
        else:
            cycles = cycles_of_dates(schedule["date"], cycle)
    elif located.kind == TableKind.GMINAS:
        workshops, source = [], "column"
        columns = gmina_columns(located, rows, problems)
        cycles = ([c or cycle for c in rows.text["cycle"].tolist()] if "cycle" in rows.text
                  else [cycle] * len(rows.numbers))
    else:
        workshops, source = resolve_workshops(located, rows, calendar, filename, workshop, problems)
        if located.kind == TableKind.ATTENDANCE:
            columns = attendance_columns(located, rows, problems, notes, places, _year_of(cycle))
        else:
            columns = proposal_columns(located, rows, workshops, problems)
        cycles = same_text(cycle, len(rows.numbers))
    data = {**_texts_as_written(located.kind, rows, columns), "cycle": cycles, "workshop": workshops, **columns}
    wanted = list(CANONICAL_COLUMNS[located.kind])
    if "status_date" in data and "status_date" in rows.text:  # read, not stored: dates a later file's statuses
        wanted.append("status_date")
    frame = pd.DataFrame({col: _column(data[col]) for col in wanted})
    frame = _typed(frame)
    frame["row"] = np.fromiter(rows.numbers, dtype=np.int64, count=len(rows.numbers))
    if located.kind not in (TableKind.WORKSHOPS, TableKind.GMINAS) and source is None:
        notes.append("Nie wiadomo, którego warsztatu dotyczy ten arkusz: dodaj kolumnę „Warsztat”, "
                     "nazwij arkusz np. „3 Jabłonna” albo wskaż warsztat przy imporcie.")
    problems.sort(key=lambda p: (p.row or 0))
    return Table(located.sheet.name, located.kind, frame, dict(located.headers), source, problems, notes, located)


_DTYPES = {f.name: f.dtype for f in FIELDS}


def _year_of(cycle: str) -> int | None:
    """The year a cycle's name begins with ("2018", "2019 Legionowo–Nowy Dwór"), or None."""
    head = str(cycle)[:4]
    return int(head) if head.isdigit() else None


def _column(values: object) -> object:
    """A column for the canonical frame: a Series loses its index (the frame's rows are counted anew);
    codes (a few distinct values, many times) become text once per distinct value."""
    if isinstance(values, pd.Series):
        return values.array
    if isinstance(values, np.ndarray) and values.dtype == object:
        codes, uniques = pd.factorize(values)
        if len(uniques) and all(isinstance(u, str) for u in uniques):
            return pd.array(uniques, dtype="str").take(codes, allow_fill=True)
    return values


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """The canonical columns in their declared types (``analysis.fields``)."""
    for column in frame.columns:
        dtype = _DTYPES[column]
        if dtype == "Int64" and frame[column].dtype == "Int64":
            continue
        if dtype == "Int64":
            frame[column] = pd.array(frame[column].tolist(), dtype="Int64")
        elif dtype == "date":
            frame[column] = as_dates(frame[column])
        elif frame[column].dtype != "str":
            frame[column] = frame[column].astype("str")
    return frame

