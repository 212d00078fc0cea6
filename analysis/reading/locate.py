"""Sheet -> located table: the header row, the kind of table and which column holds which field.

A sheet as people type it has title rows above the table, merged cells, an "Lp." and a "Podpis"
column; the header row is the row among the first ones that names the most fields (at least one
of them a key field, ``analysis.fields``). Its fields decide the kind, and are then read in the
light of the kind ("Nr" of a proposal is its number). Every column that became no field is noted.
Nothing here needs pandas: the values are turned into codes in ``normalise``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from analysis.fields import (
    CORRECTABLE_FIELDS,
    FIELD_LABELS,
    FIELDS,
    KEY_FIELDS,
    NOT_A_FIELD,
    TableKind,
    Use,
    reread_for_kind,
)
from analysis.reading.sheets import Sheet, without_control_characters
from analysis.vocabulary import KIND_LABELS, fold

HEADER_SEARCH_ROWS = 30
MAX_HEADER_CELL_LENGTH = 80


@dataclass(frozen=True)
class ExportRows:
    """What a statistical office's export (``bdl``) says of the table found in it: which of its rows are
    the county's gminas, and the year and the source of all its figures."""

    gminas: dict[int, str]  # spreadsheet row -> gmina code
    year: int
    source: str


@dataclass
class LocatedTable:
    """A table found in a sheet, before its values are normalised."""

    sheet: Sheet
    kind: TableKind
    header_index: int  # index in sheet.rows
    columns: dict[str, int]  # field -> column index in the sheet's rows
    headers: dict[str, str]  # field -> header text as written
    title_lines: list[str]
    notes: list[str] = field(default_factory=list)
    export: ExportRows | None = None  # a statistical office's export: only these rows are read


# --- header cells -------------------------------------------------------------------------------

# A header cell becomes the field whose phrase it equals, or, failing that, whose longest phrase it
# contains as whole words. Of two phrases as long, one of a field that is not data wins (a header
# that may name an e-mail address is never copied), then the field declared first.
_PHRASE_INDEX = [
    (phrase, name) for phrase, name, _ in sorted(
        ((fold(phrase), fld.name, fld.use is not Use.DATA) for fld in FIELDS for phrase in fld.phrases),
        key=lambda entry: (-len(entry[0]), not entry[2]),
    )
]
_EXACT = {phrase: fld for phrase, fld in reversed(_PHRASE_INDEX)}
# the phrases longer than two letters a header may contain: phrase -> (its first place in _PHRASE_INDEX, field)
_CONTAINED: dict[str, tuple[int, str]] = {}
for _place, (_phrase, _fld) in enumerate(_PHRASE_INDEX):
    if len(_phrase) > 2:
        _CONTAINED.setdefault(_phrase, (_place, _fld))
_CONTAINED_WORDS = max(len(phrase.split()) for phrase in _CONTAINED)


def field_of_header(text: object) -> str | None:
    """The field a header cell names, or None when it names none of them."""
    if not isinstance(text, str) or len(text) > MAX_HEADER_CELL_LENGTH:
        return None
    folded = fold(without_control_characters(text))
    if not folded or NOT_A_FIELD.search(folded):
        return None
    if folded in _EXACT:
        return _EXACT[folded]
    # the first phrase of _PHRASE_INDEX (longer than two letters) whose words are words of the cell, in a row
    words = folded.split()
    found = [_CONTAINED[phrase] for size in range(1, min(_CONTAINED_WORDS, len(words)) + 1)
             for start in range(len(words) - size + 1) if (phrase := " ".join(words[start:start + size])) in _CONTAINED]
    return min(found)[1] if found else None


def is_header_phrase(cell: object) -> bool:
    """Whether a cell says exactly one of the fields' header phrases (a second header row)."""
    return isinstance(cell, str) and fold(cell) in _EXACT


def cell_text(value: object) -> str:
    """The text a person sees in a cell (3.0 shows as 3, a date as 13.09.2018)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return without_control_characters(value).strip()
    if isinstance(value, bool):
        return "tak" if value else "nie"
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        return str(int(value)) if value.is_integer() else str(value).replace(".", ",")
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y") if value.time() == dt.time(0) else value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    return str(value).strip()


# --- the header row and the kind ----------------------------------------------------------------


def _header_fields(row: Sequence[object]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(row):
        fld = field_of_header(cell)
        if fld is not None and fld not in found:
            found[fld] = index
    return found


# columns that only a table of proposals has, and the columns that name a person
_PROPOSAL_ONLY = frozenset(f.name for f in FIELDS if f.kinds == {TableKind.PROPOSALS})
_PEOPLE = frozenset(("name", "first_name", "last_name"))


def _detect_kind(fields: set[str]) -> TableKind | None:
    if "population" in fields and "gmina" in fields and not fields & _PEOPLE:
        return TableKind.GMINAS
    if "title" in fields and fields & _PROPOSAL_ONLY and not fields & _PEOPLE:
        return TableKind.PROPOSALS
    if fields & _PEOPLE or ("institution" in fields and "title" not in fields):
        return TableKind.ATTENDANCE
    if ({"date", "workshop", "ordinal"} & fields) and ({"gmina", "venue", "host"} & fields):
        return TableKind.WORKSHOPS
    if "title" in fields and "area" in fields:
        return TableKind.PROPOSALS
    return None


def locate_table(sheet: Sheet) -> LocatedTable | None:
    """Find the header row and the kind of the table in ``sheet``; None when it holds none."""
    best: tuple[int, int, dict[str, int]] | None = None
    top = sheet.top(HEADER_SEARCH_ROWS)
    for index, row in enumerate(top):
        fields = _header_fields(row)
        key_fields = set(fields) & KEY_FIELDS
        if len(fields) < 2 or not key_fields:
            continue
        score = len(fields)
        if best is None or score > best[1]:
            best = (index, score, fields)
    if best is None:
        return None
    header_index, _, fields = best
    kind = _detect_kind(set(fields))
    if kind is None:
        return None
    fields = dict(sorted(reread_for_kind(kind, fields).items(), key=lambda item: item[1]))
    header_row = top[header_index]
    headers = {fld: cell_text(header_row[idx]) for fld, idx in fields.items()}
    notes = []
    used = set(fields.values())
    for idx, cell in enumerate(header_row):
        text = cell_text(cell)
        if text and idx not in used:
            notes.append(_skipped_column(text, field_of_header(cell), fields, kind))
    title_lines = [" ".join(cell_text(c) for c in row if cell_text(c)) for row in top[:header_index]]
    return LocatedTable(sheet, kind, header_index, fields, headers, [t for t in title_lines if t], notes)


def _skipped_column(text: str, other: str | None, fields: dict[str, int], kind: TableKind) -> str:
    """The note about a column of the header row that became no field."""
    if other is None:
        return f"Kolumny „{text}” nie rozpoznano — pominięto ją."
    if other in fields:
        return f"Kolumna „{text}” powtarza pole „{FIELD_LABELS[other]}” — wzięto pierwszą taką kolumnę."
    return (f"Kolumna „{text}” (pole „{FIELD_LABELS[other]}”) nie dotyczy tabeli rozpoznanej w tym arkuszu "
            f"({KIND_LABELS[kind]}) — pominięto ją.")


# --- a person's corrections -----------------------------------------------------------------------


def sheet_columns(located: LocatedTable) -> dict[int, str]:
    """The columns of the table's header row: index -> "C: Sektor" (letter and header text)."""
    from openpyxl.utils import get_column_letter

    header = located.sheet.row(located.header_index)
    return {i: f"{get_column_letter(located.sheet.first_col + i + 1)}: {cell_text(v) or '(bez nagłówka)'}"
            for i, v in enumerate(header)}


def with_columns(located: LocatedTable, columns: dict[str, int | None]) -> LocatedTable:
    """The same table with the person's choice of which column holds which field."""
    chosen = {f: i for f, i in columns.items() if i is not None}
    header = located.sheet.row(located.header_index)
    headers = {f: (cell_text(header[i]) if i < len(header) else "") or FIELD_LABELS[f] for f, i in chosen.items()}
    keep = {f: i for f, i in located.columns.items() if f not in CORRECTABLE_FIELDS[located.kind]}
    merged = dict(sorted({**keep, **chosen}.items(), key=lambda item: item[1]))
    return LocatedTable(located.sheet, located.kind, located.header_index, merged,
                        {**{f: located.headers[f] for f in keep}, **headers}, located.title_lines, [],
                        located.export)
