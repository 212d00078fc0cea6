"""Located table -> canonical table: the data rows, every value as the vocabulary's code, problems.

Below the header row (``locate``) are the data, and lines that are not: empty or pre-numbered
lines nobody filled in, a "Razem" line, the header repeated on each printed page, a note under
the table. Every value becomes the vocabulary's code (sector, gmina, area, status, workshop…);
each problem is reported with its code (``analysis.errors.PROBLEM_CODES``) at the spreadsheet row
where the user will find it. Rows with a problem are kept wherever they can be.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import TypeVar

import numpy as np
import pandas as pd

from analysis.dataset import as_dates
from analysis.display import counted
from analysis.fields import CANONICAL_COLUMNS, FIELDS, NOT_COPIED, NOT_DATA, TableKind
from analysis.reading.locate import LocatedTable, cell_text, is_header_phrase
from analysis.reading.readers import CONTROL_CHARACTERS, has_control_characters
from analysis.schedule import Calendar, PlannedWorkshop, parse_date, workshop_from_cell, workshop_from_label
from analysis.tables import Problem, Table
from analysis.vocabulary import (
    AREAS,
    SECTOR_CODES,
    SECTOR_LABELS,
    STATUSES,
    area_from_text,
    fold,
    gmina_from_text,
    gmina_of_place,
    sector_from_text,
    sectors_from_institutions,
    status_from_text,
)

# A whole cell that is a total: "Razem", "Łącznie obecnych: 97", "Suma: 12" — not "Suma Jan" or
# "Razem dla Jabłonny", which are data.
_TOTAL_LINE = re.compile(
    r"^\s*(razem|łącznie|lacznie|suma|ogółem|ogolem|w sumie|liczba obecnych|obecnych|liczba uczestników)"
    r"(\s+(obecnych|osób|osob|uczestników|uczestnikow|propozycji|os\.))?\s*[:=]?\s*\d*\s*(osób|osob|os\.)?\s*$",
    re.I)


# --- data rows ----------------------------------------------------------------------------------
#
# A column of a sheet is a pandas Series: Arrow strings for a CSV held by columns, Python objects
# otherwise. The rules run on whole columns (and on each distinct value once); only the rows with
# a problem are looked at one by one.


def _texts(values: list[object]) -> list[str]:
    return [v.strip() if v.__class__ is str else cell_text(v) for v in values]


def _is_arrow(column: pd.Series) -> bool:
    return column.dtype == "str"


@dataclass
class _Rows:
    """The data rows of a located table: raw cells and texts per field, and their row numbers."""

    raw: dict[str, pd.Series]  # the cells as read
    text: dict[str, pd.Series]  # the text of each cell, stripped ("" for an empty cell)
    numbers: list[int]  # the spreadsheet row of each
    problems: list[Problem] = field(default_factory=list)  # cells cleaned of control characters

    def lists(self) -> tuple[dict[str, list[object]], dict[str, list[str]]]:
        """The raw cells and texts as lists (for the small tables, read row by row)."""
        return ({f: v.tolist() for f, v in self.raw.items()}, {f: v.tolist() for f, v in self.text.items()})


def _columns(located: LocatedTable, wanted: dict[str, int]) -> dict[str, pd.Series]:
    """The body's cells (below the header row) of each wanted column."""
    sheet, start = located.sheet, located.header_index + 1
    if sheet.grid is None and sheet.columns:
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


def _text(fld: str, raw: pd.Series, edges: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]) -> pd.Series:
    """The text of each cell: stripped ("" for an empty cell; an ordinal's is only read for a "Razem" line).

    An Arrow column none of whose texts has white space at either end is its own text; its ``_edge_bytes``
    are kept in ``edges``."""
    if _is_arrow(raw):  # Arrow's white space is Python's (every code point checked)
        found = _edge_bytes(raw)
        if found is not None and not _may_have_outer_space(raw, found):
            edges[fld] = found
            return raw
        return raw.str.strip()
    if fld == "ordinal":  # numbers need no conversion
        return pd.Series([v.strip() if v.__class__ is str else "" for v in raw.tolist()], dtype=object)
    return pd.Series(_texts(raw.tolist()), dtype=object)


def _edge_bytes(texts: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """The first, second and last byte (UTF-8) of each text of an Arrow text column, read from Arrow's
    buffers (no text is copied); None for a column with a missing value. Where a text is shorter, the
    byte is another text's (or 0): whoever asks looks again at the texts these bytes pick out."""
    import pyarrow as pa

    column = pa.array(texts.array)
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for chunk in column.chunks if isinstance(column, pa.ChunkedArray) else [column]:
        if chunk.null_count:
            return None
        _, offsets_buffer, data_buffer = chunk.buffers()
        width = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
        offsets = np.frombuffer(offsets_buffer, dtype=width)[chunk.offset:chunk.offset + len(chunk) + 1]
        data = np.frombuffer(data_buffer, dtype=np.uint8) if data_buffer is not None else np.zeros(0, dtype=np.uint8)
        if not len(data):  # every text of the chunk is empty
            parts.append((np.zeros(len(chunk), dtype=np.uint8),) * 3)
            continue
        top = len(data) - 1
        starts = np.minimum(offsets[:-1], top)
        parts.append((data[starts], data[np.minimum(starts + 1, top)], data[offsets[1:] - 1]))
    if not parts:
        return (np.zeros(0, dtype=np.uint8),) * 3
    return (np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts]),
            np.concatenate([p[2] for p in parts]))


def _byte_set(values: bytes) -> np.ndarray:
    """A lookup table: which of the 256 bytes are among ``values``."""
    table = np.zeros(256, dtype=bool)
    table[list(values)] = True
    return table


# White space (Python's, which is Arrow's) in UTF-8: the bytes it starts with, and those it ends with
# (C2 85 and C2 A0; E1 9A 80; E2 80 80–8A, A8, A9, AF; E2 81 9F; E3 80 80) — a superset, checked by a test.
_SPACE_FIRST = _byte_set(b"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \xc2\xe1\xe2\xe3")
_SPACE_LAST = _byte_set(b"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x9f\xa0\xa8\xa9\xaf")


def _may_have_outer_space(texts: pd.Series, edges: tuple[np.ndarray, np.ndarray, np.ndarray]) -> bool:
    """Whether a text of an Arrow text column starts or ends with white space (what ``str.strip`` removes).

    Most columns have none: a look at each text's first and last byte rules it out; the texts whose
    bytes could be white space are stripped and compared (an "ą" ends with a byte "\u00a0" ends with).
    """
    first, _, last = edges
    maybe = np.flatnonzero(_SPACE_FIRST[first] | _SPACE_LAST[last])
    if not len(maybe):
        return False
    some = texts.take(maybe)
    return bool((some.str.strip() != some).any())


def _data_rows(located: LocatedTable) -> _Rows:
    sheet = located.sheet
    first_number = sheet.spreadsheet_row(located.header_index + 1)
    # e-mail addresses and phone numbers are personal data the dashboard never needs; signatures no data
    wanted = {f: idx for f, idx in located.columns.items() if f not in NOT_COPIED}
    raw = _columns(located, wanted)
    edges: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}  # of the Arrow columns that are their text
    text = {fld: _text(fld, values, edges) for fld, values in raw.items()}
    cleaned = _remove_control_characters(raw, text) if sheet.controls else []
    data_fields = [f for f in text if f not in NOT_DATA]
    height = len(next(iter(raw.values()))) if raw else 0
    if not data_fields or not height:
        empty = {f: pd.Series([], dtype=object) for f in raw}
        return _Rows(empty, dict(empty), [])
    # empty rows, or pre-numbered lines nobody filled in, are not data
    skip = np.ones(height, dtype=bool)
    for fld in data_fields:
        skip &= (text[fld] == "").to_numpy(dtype=bool)
    # a "Razem: 97" line is not data
    for fld in (f for f in _total_line_fields(located) if f in text):
        for i in _total_lines(text[fld], edges.get(fld)):
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
    if len(keep) != height:
        raw = {f: v.take(keep).reset_index(drop=True) for f, v in raw.items()}
        text = {f: v.take(keep).reset_index(drop=True) for f, v in text.items()}
    problems = [Problem(first_number + i, located.headers[fld], _controls_removed(removed), code="control_characters")
                for i, fld, removed in cleaned if kept[i]]
    return _Rows(raw, text, (keep + first_number).tolist(), problems)


# the first two letters of a total line (stripped, in lower case): a superset of _TOTAL_LINE's, which
# is matched ignoring case in Python's way (also ı for i and ſ for s)
_TOTAL_STARTS = ("ra", "łą", "la", "su", "ſu", "og", "ob", "w ", "li", "lı")
# their bytes in UTF-8, in any case (Arrow's lower case): an ASCII first letter and the first byte of
# the second (İ and ı start with C4), or a first letter starting with C5 (ł, Ł, ſ) — checked by a test
_TOTAL_FIRST = _byte_set(b"rRlLsSoOwW")
_TOTAL_SECOND = _byte_set(b"aAuUgGbB iI\xc4")


def _total_lines(texts: pd.Series, edges: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None) -> list[int]:
    """The indices of the cells of ``texts`` that are a whole total line ("Razem", "Łącznie obecnych: 97");
    ``edges``: their ``_edge_bytes`` when known."""
    if _is_arrow(texts):  # Arrow's quick look at the first two letters of each, then Python's at those that fit
        import pyarrow as pa
        import pyarrow.compute as pc

        edges = edges if edges is not None else _edge_bytes(texts)
        if edges is not None:  # first the bytes the first two letters may be: a few rows, usually none
            first, second, _ = edges
            maybe = np.flatnonzero((_TOTAL_FIRST[first] & _TOTAL_SECOND[second]) | (first == 0xC5))
            if not len(maybe):
                return []
            texts = texts.take(maybe)
        starts = pc.utf8_lower(pc.utf8_slice_codeunits(pa.array(texts.array), 0, 2))
        candidates = np.flatnonzero(pc.is_in(starts, value_set=pa.array(_TOTAL_STARTS)).to_numpy(zero_copy_only=False))
        found: list[str] = texts.take(candidates).tolist()  # a text column holds str (no NA)
        rows = (maybe[candidates] if edges is not None else candidates).tolist()
        return [i for i, value in zip(rows, found, strict=True) if _TOTAL_LINE.match(value)]
    values = texts.tolist()
    if not _TOTAL_LINE_ANYWHERE.search("\n".join(filter(None, values))):
        return []
    return [i for i, value in enumerate(values) if value and _TOTAL_LINE.match(value)]


def _remove_control_characters(raw: dict[str, pd.Series], text: dict[str, pd.Series]) -> list[tuple[int, str, int]]:
    """Remove control characters from the cells of ``raw`` and ``text`` in place: (index, field, how many) of each.

    One look at a whole column's text first (``isprintable`` is the quick answer for a column with no
    line breaks, tabs or non-breaking spaces; Arrow's regular expression for a CSV's column): most
    columns have none, and then no cell is looked at. (Those at either end of a cell that
    ``str.strip`` counts as white space are gone already.)
    """
    cleaned = []
    for fld, texts in text.items():
        if fld in NOT_DATA:
            continue
        if _is_arrow(texts):
            if not _arrow_has_control_characters(texts):
                continue
        else:
            column = "".join(texts.tolist())
            if column.isprintable() or not CONTROL_CHARACTERS.search(column):
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


def _arrow_has_control_characters(texts: pd.Series) -> bool:
    """Whether a text of an Arrow text column holds a control character: one look at the bytes of all of
    them (UTF-8, one after another: a character's bytes never start inside another's)."""
    import pyarrow as pa

    column = pa.array(texts.array)
    chunks = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
    if any(chunk.null_count for chunk in chunks):  # not a text column of ours: each text looked at
        return bool(texts.str.contains(CONTROL_CHARACTERS.pattern, regex=True).any())
    for chunk in chunks:
        _, offsets_buffer, data_buffer = chunk.buffers()
        width = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
        offsets = np.frombuffer(offsets_buffer, dtype=width)[chunk.offset:chunk.offset + len(chunk) + 1]
        low, high = int(offsets[0]), int(offsets[-1])
        if high > low and has_control_characters(data_buffer.slice(low, high - low).to_pybytes()):
            return True
    return False


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


# --- the workshop of a sheet ------------------------------------------------------------------


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


def _resolve_workshops(
    located: LocatedTable, rows: _Rows, calendar: Calendar, filename: str, override: int | None,
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
    if _is_arrow(raw):
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


def _coded(values: pd.Series, func: Callable[[object], str]) -> pd.api.extensions.ExtensionArray:
    """``func`` of each value as a text column, called once per distinct value."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    return pd.array([func(u) for u in uniques.tolist()], dtype="str").take(codes)


def _same_text(value: str, n: int) -> pd.api.extensions.ExtensionArray:
    """``n`` times ``value`` as a text column."""
    return pd.array([value], dtype="str").take(np.zeros(n, dtype=np.intp))


_NONE = np.array(None, dtype=object)  # None as an array (numpy's stubs take no bare None), compared with each value


def _none(values: np.ndarray) -> np.ndarray:
    """Where ``values`` (what a ``func`` of ``_by_unique`` returned) is None."""
    return np.equal(values, _NONE)


# --- normalising each kind ----------------------------------------------------------------------

_SECTOR_HINT = "Wpisz jeden z sektorów: " + ", ".join(label for code, label in SECTOR_LABELS.items() if code != "other") + "."


_T = TypeVar("_T")


def _map_unique(values: list[str], func: Callable[[str], _T]) -> list[_T]:
    cache: dict[str, _T] = {}
    out = []
    for value in values:
        if value not in cache:
            cache[value] = func(value)
        out.append(cache[value])
    return out


def _sectors(
    sector_texts: pd.Series | None, institutions: pd.Series, numbers: list[int], sector_header: str | None,
    institution_header: str | None, problems: list[Problem], subject: str = "instytucji",
    required: bool = True,
) -> pd.api.extensions.ExtensionArray:
    """The sector of each row (a text column of codes; NA only where not ``required``), and its problems."""
    n = len(numbers)
    # each row's sector as its place in SECTOR_CODES (-1: none yet), read once per distinct text
    if sector_texts is not None:
        codes, uniques = pd.factorize(sector_texts, use_na_sentinel=False)
        places = _places([sector_from_text(u) for u in uniques.tolist()])[codes]
    else:
        places = np.full(n, -1, dtype=np.intp)
    unstated = np.flatnonzero(places < 0)
    if not len(unstated):
        return _SECTOR_COLUMN.take(places)
    column = sector_header or institution_header or "Sektor"
    written = sector_texts.take(unstated).to_numpy(dtype=object) if sector_texts is not None else np.full(
        len(unstated), "", dtype=object)
    named = institutions.take(unstated).reset_index(drop=True)
    codes, uniques = pd.factorize(named, use_na_sentinel=False)
    guesses = _places(sectors_from_institutions(uniques.tolist()))[codes]
    # inferred from the name, no sector written: told as a guess to check (the row is complete)
    quiet = (guesses >= 0) & (written == "")
    places[unstated[quiet]] = guesses[quiet]
    where = "kolumny sektora nie ma" if sector_texts is None else "komórka sektora jest pusta"
    guessed: list[int] = guesses[quiet].tolist()
    for i, guess, institution in zip(unstated[quiet].tolist(), guessed, named.take(np.flatnonzero(quiet)).tolist(),
                                     strict=True):
        problems.append(Problem(numbers[i], column,
                                f"Sektor uzupełniono z nazwy {subject} „{institution}”: „{SECTOR_LABELS[SECTOR_CODES[guess]]}” "
                                f"({where}). Sprawdź, czy się zgadza.", code="sector_from_name"))
    told = np.flatnonzero(~quiet)
    # text columns hold str (no NA)
    texts: list[str] = written[told].tolist()
    names: list[str] = named.take(told).tolist()
    told_guesses: list[int] = guesses[told].tolist()
    for i, guess, text, institution in zip(unstated[told].tolist(), told_guesses, texts, names, strict=True):
        if guess >= 0:
            places[i] = guess
            problems.append(Problem(numbers[i], column,
                                    f"Nie rozpoznano sektora „{text}”; z nazwy {subject} „{institution}” "
                                    f"przyjęto „{SECTOR_LABELS[SECTOR_CODES[guess]]}”. Sprawdź i popraw, jeśli trzeba.",
                                    code="sector_inferred"))
            continue
        if not required and not text and not institution:
            continue  # stays -1: NA
        places[i] = _OTHER
        if text:
            why = f"Nie rozpoznano sektora „{text}”"
            why += f", a z nazwy {subject} „{institution}” nie da się go ustalić" if institution else ""
        elif institution:
            why = f"Brak sektora, a z nazwy {subject} „{institution}” nie da się go ustalić"
        else:
            why = f"Brak sektora i nazwy {subject}"
        problems.append(Problem(numbers[i], column, f"{why}; wiersz policzono jako „Inne”. {_SECTOR_HINT}",
                                code="sector_unknown"))
    return _SECTOR_COLUMN.take(places, allow_fill=True)


# a sector's code -> its place in SECTOR_CODES, and the codes as a text column to take them from
_SECTOR_PLACES = {code: place for place, code in enumerate(SECTOR_CODES)}
_OTHER = _SECTOR_PLACES["other"]
_SECTOR_COLUMN = pd.array(list(SECTOR_CODES), dtype="str")


def _places(codes: list[str | None]) -> np.ndarray:
    """The place of each sector's code in SECTOR_CODES (-1 for None)."""
    return np.array([_SECTOR_PLACES[c] if c is not None else -1 for c in codes], dtype=np.intp)


def _empty_texts(n: int) -> pd.Series:
    return pd.Series(np.full(n, "", dtype=object), dtype=object)


def surname_first(header: str | None) -> bool:
    """Whether a name column's header puts the surname first: "Nazwisko i imię", "Nazwisko, imiona"."""
    words = fold(header).split()
    surname = next((i for i, w in enumerate(words) if w.startswith("nazwisk")), None)
    first = next((i for i, w in enumerate(words) if w.startswith("imi")), len(words))
    return surname is not None and surname < first


_HYPHEN = r"\s*([-‐‑–])\s*"  # a hyphen or dash between the parts of a double surname


def first_name_first(names: pd.Series) -> pd.Series:
    """Names written surname first ("Kowalska-Nowak Anna Maria", "Kowalski, Jan") in the canonical order,
    first name(s) then surname: the surname is what comes before a comma, else the first word (a double
    surname is joined by a hyphen)."""
    joined = names.str.replace(_HYPHEN, r"\1", regex=True)
    comma = joined.str.contains(",", regex=False).to_numpy(dtype=bool)
    swapped = joined.str.replace(r"^\s*(\S+)\s+(.+?)\s*$", r"\2 \1", regex=True)
    if comma.any():
        by_comma = joined.str.replace(r"^\s*([^,]*?)\s*,\s*(.*?)\s*$", r"\2 \1", regex=True).str.strip()
        swapped = swapped.where(~comma, by_comma)
    return swapped


def _attendance(located: LocatedTable, rows: _Rows, problems: list[Problem], notes: list[str],
                places: Mapping[str, str] | None = None) -> dict[str, object]:
    text, numbers, headers = rows.text, rows.numbers, located.headers
    n = len(numbers)
    if "name" in text:
        persons = text["name"]
        reordered = headers.get("name") if surname_first(headers.get("name")) else None
    else:
        first, last = text.get("first_name", _empty_texts(n)), text.get("last_name", _empty_texts(n))
        persons = (first.astype(object) + " " + last.astype(object)).str.strip()
        # a lone "Nazwisko" column holds "Kowalski Jan"; with "Imię" beside it, the order is the columns'
        reordered = headers.get("last_name") if "first_name" not in text and "last_name" in text else None
    if reordered is not None:
        persons = first_name_first(persons)
        notes.append(f"Kolumna „{reordered}” podaje nazwisko przed imieniem — panel czyta je jako imię i nazwisko, "
                     "więc te same osoby są rozpoznawane na listach z kolumną „Imię i nazwisko”.")
    name_header = headers.get("name") or headers.get("last_name") or headers.get("first_name")
    if name_header:
        for i in np.flatnonzero((persons == "").to_numpy(dtype=bool)):
            problems.append(Problem(numbers[i], name_header,
                                    "Brak imienia i nazwiska — wiersz zachowano, ale tej osoby nie da się "
                                    "rozpoznać na innych warsztatach. Uzupełnij, jeśli to możliwe.",
                                    code="name_missing"))
    institutions = text.get("institution", _empty_texts(n))
    sectors = _sectors(text.get("sector"), institutions, numbers, headers.get("sector"),
                       headers.get("institution"), problems)
    gminas = _places_of_origin(text["gmina"], numbers, headers["gmina"], places, problems) if "gmina" in text \
        else _same_text("unknown", n)
    return {
        "person": persons,
        "institution": institutions,
        "sector": sectors,
        "gmina": gminas,
    }


def _places_of_origin(written: pd.Series, numbers: list[int], header: str, places: Mapping[str, str] | None,
                      problems: list[Problem]) -> pd.api.extensions.ExtensionArray:
    """The gmina of each row's place of origin (the vocabulary's localities, then the office's pairs);
    a place not recognised counts as outside the county and is told, row by row, to check."""
    codes, uniques = pd.factorize(written, use_na_sentinel=False)
    distinct = uniques.tolist()
    found = [gmina_of_place(u, places) for u in distinct]
    missing = np.array([f is None for f in found] + [False], dtype=bool)
    for i in np.flatnonzero(missing[codes]).tolist():
        problems.append(Problem(numbers[i], header,
                                f"Nie rozpoznano miejscowości „{distinct[codes[i]]}” — wiersz policzono jako spoza "
                                "powiatu. Jeśli leży w powiecie, przypisz ją do gminy na stronie „Import danych” "
                                "(„Miejscowości spoza listy”): każdy kolejny odczyt ją rozpozna.", code="locality_unknown",
                                value=distinct[codes[i]]))
    return pd.array([f or "outside" for f in found], dtype="str").take(codes)


MAX_VOTES = 100_000
_WHOLE = re.compile(r"^\s*(\d{1,6})\s*(głos\w*|glos\w*|pkt\.?|punkt\w*|szt\.?)?\s*$", re.I)


def _whole_number(raw: object, text: str) -> int | None:
    """A count written as 12, 12.0 or "12 głosów"; None for 12,5, "1 234", -3 or 1e9."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, (int, float)):
        return int(raw) if float(raw).is_integer() and 0 <= raw <= MAX_VOTES else None
    match = _WHOLE.match(text)
    return int(match.group(1)) if match and int(match.group(1)) <= MAX_VOTES else None


def _proposals(
    located: LocatedTable, rows: _Rows, workshops: pd.arrays.IntegerArray, problems: list[Problem]
) -> dict[str, object]:
    (raw, text), numbers, headers = rows.lists(), rows.numbers, located.headers
    n = len(numbers)
    titles = text.get("title", [""] * n)
    for i, title in enumerate(titles):
        if not title:
            problems.append(Problem(numbers[i], headers.get("title", "Tytuł"),
                                    "Brak tytułu propozycji — wiersz zachowano; uzupełnij tytuł.", code="title_missing"))
    areas: list[object] = []
    area_texts = text.get("area")
    for i in range(n):
        written = area_texts[i] if area_texts is not None else ""
        value = raw["area"][i] if area_texts is not None else None
        area = None
        if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
            area = int(value) if int(value) in AREAS else None
        elif written:
            area = area_from_text(written)
        areas.append(area if area is not None else pd.NA)
        if area is None:
            column = headers.get("area", "Obszar")
            message = (f"Nie rozpoznano obszaru „{written}”" if written else "Brak obszaru") + \
                " — wpisz numer obszaru 1–4 albo jego nazwę (np. „Uszczelnianie lokalnych wycieków”)."
            problems.append(Problem(numbers[i], column, message, code="area_unknown"))
    votes: list[object] = []
    if "votes" in text:
        for i in range(n):
            written = text["votes"][i]
            number = _whole_number(raw["votes"][i], written) if written else None
            if written and number is None:
                problems.append(Problem(numbers[i], headers["votes"],
                                        f"Liczba głosów „{written}” nie jest liczbą całkowitą — wpisz samą liczbę.",
                                        code="votes_not_whole"))
            votes.append(number if number is not None else pd.NA)
    else:
        votes = [pd.NA] * n
    statuses: list[object] = []
    for i in range(n):
        written = text["status"][i] if "status" in text else ""
        status = status_from_text(written) if written else "submitted"
        if status is None:
            problems.append(Problem(numbers[i], headers["status"],
                                    f"Nie rozpoznano statusu „{written}”; przyjęto „zgłoszona”. Wpisz jeden ze statusów: "
                                    + ", ".join(STATUSES.values()) + ".", code="status_unknown"))
            status = "submitted"
        statuses.append(status)
    leads = rows.text.get("lead", _empty_texts(n))
    lead_sectors = _sectors(rows.text.get("lead_sector"), leads, numbers, headers.get("lead_sector"),
                            headers.get("lead"), problems, subject="podmiotu wiodącego", required=False)
    proposal_numbers = _proposal_numbers(rows, workshops)
    status_dates = _dates(raw, text, "status_date", n, problems, lambda i, written: Problem(
        numbers[i], headers["status_date"], f"Nie rozpoznano daty statusu „{written}” — przyjęto dzień importu. "
        "Wpisz ją jako dzień.miesiąc.rok, np. 15.03.2019.", code="status_date_unknown"))
    return {
        "status_date": status_dates,
        "number": proposal_numbers,
        "area": areas,
        "title": titles,
        "lead": leads,
        "lead_sector": lead_sectors,
        "votes": votes,
        "status": statuses,
    }


def _proposal_numbers(rows: _Rows, workshops: pd.arrays.IntegerArray) -> list[object]:
    for fld in ("number", "ordinal"):
        if fld in rows.raw:
            found = [_whole_number(r, t or cell_text(r))
                     for r, t in zip(rows.raw[fld].tolist(), rows.text[fld].tolist(), strict=True)]
            if any(v is not None for v in found):
                return [v if v is not None else pd.NA for v in found]
    counters: dict[object, int] = {}
    numbers: list[object] = []
    for workshop in workshops:
        key = None if workshop is pd.NA else workshop
        counters[key] = counters.get(key, 0) + 1
        numbers.append(counters[key])
    return numbers


_POPULATION = re.compile(r"^\s*(\d{1,3}(?:[ \u00a0.]\d{3})+|\d{1,8})\s*(os\.?|osób|osob|mieszkańców|mieszkancow)?\s*$", re.I)


def _population(raw: object, text: str) -> int | None:
    """Residents written as 54123, 54 123, 54.123 or 54123.0; None for anything else."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, (int, float)):
        return int(raw) if float(raw).is_integer() and 0 < raw < 100_000_000 else None
    match = _POPULATION.match(text)
    if not match:
        return None
    value = int(re.sub(r"\D", "", match.group(1)))
    return value if value > 0 else None


def _gminas(located: LocatedTable, rows: _Rows, problems: list[Problem]) -> dict[str, list]:
    """A gmina table's rows: the gmina's code, its residents, the year and the source of the figure."""
    (raw, text), numbers, headers = rows.lists(), rows.numbers, located.headers
    n = len(numbers)
    gminas = _map_unique(text["gmina"], gmina_from_text)
    for i, (code, written) in enumerate(zip(gminas, text["gmina"], strict=True)):
        if code in ("outside", "unknown"):
            problems.append(Problem(numbers[i], headers["gmina"],
                                    f"„{written}” nie jest gminą partnerstwa — wiersz zachowano jako „spoza powiatu”. "
                                    "Wpisz nazwę jednej z gmin powiatu, np. Jabłonna.", code="gmina_unknown"))
    populations: list[object] = []
    for i in range(n):
        written = text["population"][i]
        value = _population(raw["population"][i], written) if written else None
        if value is None:
            problems.append(Problem(numbers[i], headers["population"],
                                    (f"Liczba mieszkańców „{written}” nie jest liczbą całkowitą" if written
                                     else "Brak liczby mieszkańców")
                                    + " — wpisz samą liczbę, np. 54123.", code="population_not_number"))
        populations.append(value if value is not None else pd.NA)
    years: list[object] = []
    for i in range(n):
        written = text["year"][i] if "year" in text else ""
        match = re.search(r"\b(19|20)\d{2}\b", written)
        years.append(int(match.group(0)) if match else pd.NA)
    return {"gmina": gminas, "population": populations, "year": years}


def _dates(raw: Mapping[str, Sequence[object]], text: Mapping[str, Sequence[str]], field: str, n: int,
           problems: list[Problem], unreadable: Callable[[int, str], Problem]) -> list[object]:
    """The dates of an optional column (NA where empty or unreadable); for an unreadable one (row ``i``,
    ``written``) the problem ``unreadable`` makes."""
    dates: list[object] = []
    for i in range(n):
        written = text[field][i] if field in text else ""
        day = parse_date(raw[field][i]) if written else None
        if written and day is None:
            problems.append(unreadable(i, written))
        dates.append(day if day is not None else pd.NA)
    return dates


def _workshops(located: LocatedTable, rows: _Rows, problems: list[Problem]) -> dict[str, list]:
    (raw, text), numbers, headers = rows.lists(), rows.numbers, located.headers
    n = len(numbers)
    dates = _dates(raw, text, "date", n, problems, lambda i, written: Problem(
        numbers[i], headers["date"], f"Nie rozpoznano daty „{written}” — warsztat ma termin do ustalenia. Wpisz "
        "datę jako dzień.miesiąc.rok, np. 13.09.2018.", code="date_unknown"))
    for i in range(n):
        if "date" in text and not text["date"][i]:
            problems.append(Problem(numbers[i], headers["date"], "Brak daty warsztatu — warsztat ma termin do "
                                    "ustalenia. Gdy termin będzie znany, wpisz go jako dzień.miesiąc.rok, "
                                    "np. 13.09.2018.", code="date_missing"))
    hosts = _map_unique(text["host"], gmina_from_text) if "host" in text else ["unknown"] * n
    venues = text.get("venue", [""] * n)
    if "host" not in text and "venue" in text:
        hosts = _map_unique(venues, gmina_from_text)
    return {"date": dates, "gmina": hosts}


def _workshop_numbers_of_schedule(rows: _Rows, located: LocatedTable, problems: list[Problem]) -> list[object]:
    if "workshop" not in rows.raw:
        return list(range(1, len(rows.numbers) + 1))
    values: list[object] = []
    for i, (raw, written) in enumerate(zip(rows.raw["workshop"].tolist(), rows.text["workshop"].tolist(), strict=True)):
        number = workshop_from_cell(raw, Calendar("", ())) if written else None
        if number is None and not written:
            problems.append(Problem(rows.numbers[i], located.headers["workshop"],
                                    "Brak numeru warsztatu — wpisz liczbę, np. 3.", code="workshop_missing"))
            values.append(pd.NA)
        elif number is None:
            problems.append(Problem(rows.numbers[i], located.headers["workshop"],
                                    f"Nie rozpoznano numeru warsztatu „{written}” — wpisz liczbę, np. 3.",
                                    code="workshop_unknown"))
            values.append(pd.NA)
        else:
            values.append(number)
    return values


def _cycles_of_dates(dates: list[object], fallback: str) -> list[str]:
    """A schedule's cycle per row: the year of its date; a row without a date belongs with the dated row
    above it (else below it), and a schedule with no date at all to ``fallback``."""
    years = [str(d.year) if isinstance(d, dt.date) else None for d in dates]
    current = next((y for y in years if y), fallback)
    cycles = []
    for year in years:
        current = year or current
        cycles.append(current)
    return cycles


# canonical text columns read from a column of the same field: kept as written (cleaned, stripped)
_AS_WRITTEN = {kind: tuple(f.name for f in FIELDS if kind in f.canonical and kind in f.kinds and f.dtype == "str")
               for kind in TableKind}


def _texts_as_written(kind: TableKind, rows: _Rows) -> dict[str, pd.Series]:
    """The text columns that need no normalising ("" where the sheet has no such column)."""
    return {name: rows.text[name] if name in rows.text else _empty_texts(len(rows.numbers)) for name in _AS_WRITTEN[kind]}


def normalise(
    located: LocatedTable, calendar: Calendar, filename: str = "", workshop: int | None = None,
    places: Mapping[str, str] | None = None,
) -> Table:
    """The canonical table of ``located``; ``workshop`` overrides what the file says; ``places`` are the
    office's own locality -> gmina pairs (``vocabulary.locality_key`` -> code)."""
    rows = _data_rows(located)
    problems: list[Problem] = list(rows.problems)
    notes = list(located.notes)
    cycle = calendar.cycle
    workshops: list[object] | pd.arrays.IntegerArray
    columns: Mapping[str, object]
    cycles: object
    if located.kind == TableKind.WORKSHOPS:
        workshops = _workshop_numbers_of_schedule(rows, located, problems)
        source: str | None = "column"
        schedule = _workshops(located, rows, problems)
        columns = schedule
        if "cycle" in rows.text:
            cycles = [c or cycle for c in rows.text["cycle"].tolist()]
        else:
            cycles = _cycles_of_dates(schedule["date"], cycle)
    elif located.kind == TableKind.GMINAS:
        workshops, source = [], "column"
        columns = _gminas(located, rows, problems)
        cycles = ([c or cycle for c in rows.text["cycle"].tolist()] if "cycle" in rows.text
                  else [cycle] * len(rows.numbers))
    else:
        workshops, source = _resolve_workshops(located, rows, calendar, filename, workshop, problems)
        if located.kind == TableKind.ATTENDANCE:
            columns = _attendance(located, rows, problems, notes, places)
        else:
            columns = _proposals(located, rows, workshops, problems)
        cycles = _same_text(cycle, len(rows.numbers))
    data = {**_texts_as_written(located.kind, rows), "cycle": cycles, "workshop": workshops, **columns}
    wanted = list(CANONICAL_COLUMNS[located.kind])
    if "status_date" in data and "status_date" in rows.text:  # read, not stored: dates a later file's statuses
        wanted.append("status_date")
    frame = pd.DataFrame({col: _column(data[col]) for col in wanted})
    frame = _typed(frame)
    frame["row"] = np.array(rows.numbers, dtype=np.int64)
    if located.kind not in (TableKind.WORKSHOPS, TableKind.GMINAS) and source is None:
        notes.append("Nie wiadomo, którego warsztatu dotyczy ten arkusz: dodaj kolumnę „Warsztat”, "
                     "nazwij arkusz np. „3 Jabłonna” albo wskaż warsztat przy imporcie.")
    problems.sort(key=lambda p: (p.row or 0))
    return Table(located.sheet.name, located.kind, frame, dict(located.headers), source, problems, notes, located)


_DTYPES = {f.name: f.dtype for f in FIELDS}


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


def calendar_from_tables(tables: list[Table], fallback: Calendar) -> Calendar:
    """The calendar of the imported workshops tables, or ``fallback`` when there is none."""
    planned: dict[int, PlannedWorkshop] = {}
    cycle = fallback.cycle
    for table in tables:
        if table.kind != TableKind.WORKSHOPS:
            continue
        frame = table.frame
        for workshop, when, gmina, venue, title, of_cycle in zip(frame["workshop"], frame["date"], frame["gmina"],
                                                                 frame["venue"], frame["title"], frame["cycle"], strict=True):
            if pd.isna(workshop):
                continue
            date = when if isinstance(when, dt.date) else None
            planned[int(workshop)] = PlannedWorkshop(int(workshop), date, str(gmina), str(venue or ""), str(title or ""))
            cycle = str(of_cycle) if not pd.isna(of_cycle) else cycle
    if not planned:
        return fallback
    return Calendar(cycle, tuple(planned[k] for k in sorted(planned)))
