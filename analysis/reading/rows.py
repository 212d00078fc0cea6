"""The data rows of a located table, and the rules every cell goes through.

Below the header row (``locate``) are the data, and lines that are not: empty or pre-numbered
lines nobody filled in, a "Razem" line, the header repeated on each printed page, a second header
row, a note under the table. Each cell is stripped and cleaned of invisible control characters
(each cleaning is a problem at its spreadsheet row).

A column is a pandas Series: Arrow text where every cell of it is text (all of a CSV's, most of
a workbook's), Python objects otherwise. The rules run on whole columns (and on each distinct
value once); only the rows with a problem are looked at one by one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import TypeVar

import numpy as np
import pandas as pd

from analysis.display import counted
from analysis.fields import NOT_COPIED, NOT_DATA
from analysis.reading.locate import LocatedTable, cell_text, is_header_phrase
from analysis.reading.sheets import CONTROL_CHARACTERS
from analysis.schedule import parse_date
from analysis.tables import Problem

# A whole cell that is a total: "Razem", "Łącznie obecnych: 97", "Suma: 12" — not "Suma Jan" or
# "Razem dla Jabłonny", which are data.
TOTAL_LINE = re.compile(
    r"^\s*(razem|łącznie|lacznie|suma|ogółem|ogolem|w sumie|liczba obecnych|obecnych|liczba uczestników)"
    r"(\s+(obecnych|osób|osob|uczestników|uczestnikow|propozycji|os\.))?\s*[:=]?\s*\d*\s*(osób|osob|os\.)?\s*$",
    re.I)


def _texts(values: list[object]) -> list[str]:
    return [v.strip() if v.__class__ is str else cell_text(v) for v in values]


def is_arrow(column: pd.Series) -> bool:
    return column.dtype == "str"


@dataclass
class Rows:
    """The data rows of a located table: raw cells and texts per field, and their row numbers."""

    raw: dict[str, pd.Series]  # the cells as read
    text: dict[str, pd.Series]  # the text of each cell, stripped ("" for an empty cell)
    numbers: Sequence[int]  # the spreadsheet row of each (a range where no row between was left out)
    problems: list[Problem] = field(default_factory=list)  # cells cleaned of control characters

    def only(self, numbers: Container[int]) -> Rows:
        """The rows whose spreadsheet row is one of ``numbers``, with their problems."""
        keep = [i for i, n in enumerate(self.numbers) if n in numbers]
        return Rows({f: v.take(keep).reset_index(drop=True) for f, v in self.raw.items()},
                    {f: v.take(keep).reset_index(drop=True) for f, v in self.text.items()},
                    [self.numbers[i] for i in keep], [p for p in self.problems if p.row in numbers])

    def lists(self) -> tuple[dict[str, list[object]], dict[str, list[str]]]:
        """The raw cells and texts as lists (for the small tables, read row by row)."""
        return ({f: v.tolist() for f, v in self.raw.items()}, {f: v.tolist() for f, v in self.text.items()})


def _columns(located: LocatedTable, wanted: dict[str, int]) -> dict[str, pd.Series]:
    """The body's cells (below the header row) of each wanted column."""
    sheet, start = located.sheet, located.header_index + 1
    if sheet.grid is None and sheet.columns:  # a large CSV, read by Arrow column by column
        return {fld: pd.Series(pd.array(sheet.columns[idx].slice(start), dtype="str"), copy=False)
                for fld, idx in wanted.items()}
    body = sheet.rows[start:]
    width = max(wanted.values()) + 1
    if body and min(map(len, body)) < width:
        body = [row if len(row) >= width else [*row, *([""] * (width - len(row)))] for row in body]
    return {fld: _column_of_cells(list(map(itemgetter(idx), body))) for fld, idx in wanted.items()}


def _column_of_cells(values: list[object]) -> pd.Series:
    """A column of a sheet read by rows: text only (a CSV's, most of a workbook's) as Arrow text, like a
    large CSV's column, which the rules read on the whole column; any other as Python objects.

    Arrow refuses a cell that is not text (a number, a date or time, a truth value: the readers' other
    cells) and makes None missing; a column it takes whole, with nothing missing, is text only.
    """
    if values:
        import pyarrow as pa

        try:
            column = pa.array(values, pa.large_string())
        except (pa.ArrowException, UnicodeEncodeError):  # not text only, or a lone surrogate Arrow cannot hold
            column = None
        if column is not None and not column.null_count:
            return pd.Series(pd.array(column, dtype="str"), copy=False)
    return pd.Series(values, dtype=object)


def _text(fld: str, raw: pd.Series) -> pd.Series:
    """The text of each cell: stripped ("" for an empty cell; an ordinal's is only read for a "Razem" line)."""
    if is_arrow(raw):  # Arrow's white space is Python's
        return raw.str.strip()
    if fld == "ordinal":  # numbers need no conversion
        return pd.Series([v.strip() if v.__class__ is str else "" for v in raw.tolist()], dtype=object)
    return pd.Series(_texts(raw.tolist()), dtype=object)


def data_rows(located: LocatedTable) -> Rows:
    """The rows of ``located`` that hold data, each cell as read and as text, with the problems of cleaning them."""
    sheet = located.sheet
    first_number = sheet.spreadsheet_row(located.header_index + 1)
    # e-mail addresses and phone numbers are personal data the dashboard never needs; signatures no data
    wanted = {f: idx for f, idx in located.columns.items() if f not in NOT_COPIED}
    raw = _columns(located, wanted)
    text = {fld: _text(fld, values) for fld, values in raw.items()}
    cleaned = _remove_control_characters(raw, text)
    data_fields = [f for f in text if f not in NOT_DATA]
    height = len(next(iter(raw.values()))) if raw else 0
    if not data_fields or not height:
        empty = {f: pd.Series([], dtype=object) for f in raw}
        return Rows(empty, dict(empty), [])
    # empty rows, or pre-numbered lines nobody filled in, are not data
    skip = np.ones(height, dtype=bool)
    for fld in data_fields:
        skip &= (text[fld] == "").to_numpy(dtype=bool)
    # a "Razem: 97" line is not data
    for fld in (f for f in _total_line_fields(located) if f in text):
        for i in _total_lines(text[fld]):
            skip[i] = True
    # nor is the header repeated on each printed page
    repeats = np.zeros(height, dtype=np.int64)
    for fld in data_fields:
        repeats += (text[fld] == located.headers[fld]).to_numpy(dtype=np.int64)
    # a second header row right under the header ("Imię" | "Nazwisko" under a merged "Uczestnik")
    for i, row in enumerate(sheet.top(located.header_index + 1 + min(3, height))[located.header_index + 1:]):
        numbered = "ordinal" in raw and str(raw["ordinal"].iat[i]).strip() not in ("", "None")
        if not numbered and sum(1 for cell in row if is_header_phrase(cell)) >= 2:
            skip[i] = True
    # a note under the table ("Lista sporządzona przez: Anna Nowak"): one filled cell with a colon
    for i in range(max(0, height - 5), height):
        filled_cells = [cell for cell in (text[f].iat[i] for f in data_fields) if isinstance(cell, str) and cell]
        if len(filled_cells) == 1 and ":" in filled_cells[0] and not skip[i]:
            skip[i] = True
            located.notes.append(f"Wiersz {first_number + i} („{filled_cells[0][:60]}”) wygląda na dopisek pod "
                                 "tabelą, a nie na dane — pominięto go.")
    kept = ~skip & (repeats < 2)
    keep = np.flatnonzero(kept)
    numbers: Sequence[int] = range(first_number, first_number + height)
    if len(keep) != height:
        raw = {f: v.take(keep).reset_index(drop=True) for f, v in raw.items()}
        text = {f: v.take(keep).reset_index(drop=True) for f, v in text.items()}
        numbers = (keep + first_number).tolist()
    problems = [Problem(first_number + i, located.headers[fld], _controls_removed(removed), code="control_characters")
                for i, fld, removed in cleaned if kept[i]]
    return Rows(raw, text, numbers, problems)


# the first two letters of a total line (stripped, in lower case): a superset of TOTAL_LINE's, which


# the first two letters of a total line (stripped, in lower case): a superset of TOTAL_LINE's, which
# is matched ignoring case in Python's way (also ı for i and ſ for s)
_TOTAL_STARTS = ("ra", "łą", "la", "su", "ſu", "og", "ob", "w ", "li", "lı")


def _total_lines(texts: pd.Series) -> list[int]:
    """The indices of the cells of ``texts`` that are a whole total line ("Razem", "Łącznie obecnych: 97")."""
    if is_arrow(texts):  # Arrow's look at the first two letters of each, then Python's at those that fit
        import pyarrow as pa
        import pyarrow.compute as pc

        starts = pc.utf8_lower(pc.utf8_slice_codeunits(pa.array(texts.array), 0, 2))
        candidates = np.flatnonzero(pc.is_in(starts, value_set=pa.array(_TOTAL_STARTS)).to_numpy(zero_copy_only=False))
        found: list[str] = texts.take(candidates).tolist()  # a text column holds str (no NA)
        return [i for i, value in zip(candidates.tolist(), found, strict=True) if TOTAL_LINE.match(value)]
    values = texts.tolist()
    if not _TOTAL_LINE_ANYWHERE.search("\n".join(filter(None, values))):
        return []
    return [i for i, value in enumerate(values) if value and TOTAL_LINE.match(value)]


def _remove_control_characters(raw: dict[str, pd.Series], text: dict[str, pd.Series]) -> list[tuple[int, str, int]]:
    """Remove control characters from the cells of ``raw`` and ``text`` in place: (index, field, how many) of each.

    One look at a whole column's text first (``has_control_characters``): most columns have none, and
    then no cell is looked at. (Those at either end of a cell that ``str.strip`` counts as white space
    are gone already.)
    """
    cleaned = []
    for fld, texts in text.items():
        if fld in NOT_DATA or not has_control_characters(texts):
            continue
        values, stripped = raw[fld].astype(object).tolist(), texts.astype(object).tolist()
        for i, value in enumerate(values):
            if isinstance(value, str):
                clean, removed = CONTROL_CHARACTERS.subn("", value)
                if removed:
                    values[i], stripped[i] = clean, clean.strip()
                    cleaned.append((i, fld, removed))
        raw[fld], text[fld] = pd.Series(values, dtype=object), pd.Series(stripped, dtype=object)
    return cleaned


def has_control_characters(texts: pd.Series) -> bool:
    """Whether a cell of the column ``texts`` holds a character of ``CONTROL_CHARACTERS``: one search of the
    column's cells joined into one text (Arrow's regular expression for an Arrow column: searched cell by
    cell, it costs three times more, ``benchmarks/import_speed.py``; ``isprintable`` is the quick answer for
    other columns with no line breaks, tabs or non-breaking spaces).
    """
    if is_arrow(texts):
        import pyarrow as pa
        import pyarrow.compute as pc

        cells = pa.array(texts.array)
        for chunk in cells.chunks if isinstance(cells, pa.ChunkedArray) else [cells]:
            joined = pc.binary_join(pa.LargeListArray.from_arrays(pa.array([0, len(chunk)], pa.int64()), chunk),
                                    pa.scalar("", chunk.type))
            if pc.match_substring_regex(joined, CONTROL_CHARACTERS.pattern)[0].as_py():
                return True
        return False
    column = "".join(texts.tolist())
    return not column.isprintable() and CONTROL_CHARACTERS.search(column) is not None


def _controls_removed(count: int) -> str:
    removed = counted(count, "niewidoczny znak sterujący", "niewidoczne znaki sterujące", "niewidocznych znaków sterujących")
    return (f"Usunięto z komórki {removed} (takie znaki zostają po skopiowaniu tekstu z innego systemu); "
            "resztę tekstu zachowano.")


_TOTAL_LINE_ANYWHERE = re.compile(r"^[ \t]*(razem|łącznie|lacznie|suma|ogółem|ogolem|w sumie|liczba|obecnych)\b",
                                  re.I | re.M)


def _total_line_fields(located: LocatedTable) -> list[str]:
    """Columns where a total line's word ("Razem", "Łącznie obecnych: 97") may stand."""
    fields: list[str] = [f for f in ("ordinal", "name", "last_name", "first_name", "institution", "title")
                         if f in located.columns]
    first = min(located.columns.values())
    first_field = next(f for f, idx in located.columns.items() if idx == first)
    if first_field not in fields and first_field not in ("sector", "gmina"):
        fields.append(first_field)
    return fields


# --- column helpers the table kinds share -----------------------------------------------------


def same_text(value: str | None, n: int) -> pd.api.extensions.ExtensionArray:
    """``n`` times ``value`` as a text column (``None``: missing)."""
    return pd.array([value], dtype="str").take(np.zeros(n, dtype=np.intp))


_T = TypeVar("_T")


def map_unique(values: list[str], func: Callable[[str], _T]) -> list[_T]:
    """``func`` of each value, called once per distinct value."""
    cache: dict[str, _T] = {}
    out = []
    for value in values:
        if value not in cache:
            cache[value] = func(value)
        out.append(cache[value])
    return out


def empty_texts(n: int) -> pd.Series:
    """A text column of ``n`` empty texts (a column the sheet does not have)."""
    return pd.Series(same_text("", n), copy=False)


def read_dates(raw: Mapping[str, Sequence[object]], text: Mapping[str, Sequence[str]], fld: str, n: int,
               problems: list[Problem], unreadable: Callable[[int, str], Problem]) -> list[object]:
    """The dates of an optional column (NA where empty or unreadable); for an unreadable one (row ``i``,
    ``written``) the problem ``unreadable`` makes."""
    found: list[object] = []
    for i in range(n):
        written = text[fld][i] if fld in text else ""
        day = parse_date(raw[fld][i]) if written else None
        if written and day is None:
            problems.append(unreadable(i, written))
        found.append(day if day is not None else pd.NA)
    return found

