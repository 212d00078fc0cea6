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
from dataclasses import dataclass, field

import pandas as pd

from analysis.display import counted
from analysis.fields import CANONICAL_COLUMNS, FIELDS, NOT_COPIED, NOT_DATA, TableKind
from analysis.reading.locate import LocatedTable, cell_text, is_header_phrase
from analysis.reading.readers import CONTROL_CHARACTERS
from analysis.schedule import Calendar, PlannedWorkshop, parse_date, workshop_from_cell, workshop_from_label
from analysis.vocabulary import (
    AREAS,
    SECTOR_LABELS,
    STATUSES,
    area_from_text,
    gmina_from_text,
    sector_from_institution,
    sector_from_text,
    status_from_text,
)

# A whole cell that is a total: "Razem", "Łącznie obecnych: 97", "Suma: 12" — not "Suma Jan" or
# "Razem dla Jabłonny", which are data.
_TOTAL_LINE = re.compile(
    r"^\s*(razem|łącznie|lacznie|suma|ogółem|ogolem|w sumie|liczba obecnych|obecnych|liczba uczestników)"
    r"(\s+(obecnych|osób|osob|uczestników|uczestnikow|propozycji|os\.))?\s*[:=]?\s*\d*\s*(osób|osob|os\.)?\s*$",
    re.I)


@dataclass
class Problem:
    row: int | None  # the spreadsheet's own row number; None for the whole sheet
    column: str  # the column's header as written in the sheet
    message: str  # what is wrong and what to do, in Polish, for people
    code: str  # what kind of problem (``analysis.errors.PROBLEM_CODES``), for programs and tests

    def as_dict(self) -> dict[str, object]:
        return {"row": self.row, "column": self.column, "code": self.code, "message": self.message}


@dataclass
class Table:
    """A canonical table read from one sheet: the frame plus what the reader recognised."""

    sheet: str
    kind: TableKind
    frame: pd.DataFrame  # canonical columns, plus "row": the spreadsheet row of each record
    headers: dict[str, str]  # field -> header text as written in the sheet
    workshop_source: str | None  # column | sheet | title | file | None when unknown
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    located: LocatedTable | None = field(default=None, repr=False, compare=False)  # for corrections

    @property
    def rows(self) -> int:
        return len(self.frame)


# --- data rows ----------------------------------------------------------------------------------


def _texts(values: list[object]) -> list[str]:
    return [v.strip() if v.__class__ is str else cell_text(v) for v in values]


@dataclass
class _Rows:
    """The data rows of a located table: raw cells and texts per field, and their row numbers."""

    raw: dict[str, list[object]]
    text: dict[str, list[str]]
    numbers: list[int]
    problems: list[Problem] = field(default_factory=list)  # cells cleaned of control characters


def _data_rows(located: LocatedTable) -> _Rows:
    sheet = located.sheet
    body = sheet.rows[located.header_index + 1:]
    first_number = sheet.spreadsheet_row(located.header_index + 1)
    # e-mail addresses and phone numbers are personal data the dashboard never needs; signatures no data
    wanted = {f: idx for f, idx in located.columns.items() if f not in NOT_COPIED}
    width = max(wanted.values()) + 1
    if any(len(row) < width for row in body):
        body = [row if len(row) >= width else [*row, *([""] * (width - len(row)))] for row in body]
    raw = {fld: [row[idx] for row in body] for fld, idx in wanted.items()}
    # an ordinal is only ever read as text for a "Razem" line: numbers need no conversion
    text = {fld: _texts(values) if fld != "ordinal" else [v.strip() if v.__class__ is str else "" for v in values]
            for fld, values in raw.items()}
    cleaned = _remove_control_characters(raw, text)
    data_fields = [f for f in text if f not in NOT_DATA]
    if not data_fields or not body:
        return _Rows({f: [] for f in raw}, {f: [] for f in raw}, [])
    # empty rows, or pre-numbered lines nobody filled in, are not data
    filled = [any(cells) for cells in zip(*(text[f] for f in data_fields), strict=True)]
    skip = [not f for f in filled]
    # a "Razem: 97" line is not data
    for fld in (f for f in _total_line_fields(located) if f in text):
        if _TOTAL_LINE_ANYWHERE.search("\n".join(filter(None, text[fld]))):
            for i, value in enumerate(text[fld]):
                if value and _TOTAL_LINE.match(value):
                    skip[i] = True
    # nor is the header repeated on each printed page
    repeats = [0] * len(body)
    for fld in data_fields:
        header = located.headers[fld]
        if header in set(text[fld]):
            for i, value in enumerate(text[fld]):
                if value == header:
                    repeats[i] += 1
    # a second header row right under the header ("Imię" | "Nazwisko" under a merged "Uczestnik")
    for i in range(min(3, len(body))):
        numbered = "ordinal" in raw and str(raw["ordinal"][i]).strip() not in ("", "None")
        if not numbered and sum(1 for cell in body[i] if is_header_phrase(cell)) >= 2:
            skip[i] = True
    # a note under the table ("Lista sporządzona przez: Anna Nowak"): one filled cell with a colon
    for i in range(max(0, len(body) - 5), len(body)):
        filled_cells = [text[f][i] for f in data_fields if text[f][i]]
        if len(filled_cells) == 1 and ":" in filled_cells[0] and not skip[i]:
            skip[i] = True
            located.notes.append(f"Wiersz {first_number + i} („{filled_cells[0][:60]}”) wygląda na dopisek pod "
                                 "tabelą, a nie na dane — pominięto go.")
    keep = [i for i in range(len(body)) if not skip[i] and repeats[i] < 2]
    if len(keep) != len(body):
        raw = {f: [v[i] for i in keep] for f, v in raw.items()}
        text = {f: [v[i] for i in keep] for f, v in text.items()}
    problems = [Problem(first_number + i, located.headers[fld], _controls_removed(removed), code="control_characters")
                for i, fld, removed in cleaned if not skip[i] and repeats[i] < 2]
    return _Rows(raw, text, [first_number + i for i in keep], problems)


def _remove_control_characters(raw: dict[str, list[object]], text: dict[str, list[str]]) -> list[tuple[int, str, int]]:
    """Remove control characters from the cells of ``raw`` and ``text`` in place: (index, field, how many) of each.

    One look at a whole column's text first (``isprintable`` is the quick answer for a column with no
    line breaks, tabs or non-breaking spaces): most columns have none, and then no cell is looked at.
    (Those at either end of a cell that ``str.strip`` counts as white space are gone already.)
    """
    cleaned = []
    for fld, texts in text.items():
        if fld in NOT_DATA:
            continue
        column = "".join(texts)
        if column.isprintable() or not CONTROL_CHARACTERS.search(column):
            continue
        values = raw[fld]
        for i, value in enumerate(values):
            if isinstance(value, str):
                clean, removed = CONTROL_CHARACTERS.subn("", value)
                if removed:
                    values[i], texts[i] = clean, clean.strip()
                    cleaned.append((i, fld, removed))
    return cleaned


def _controls_removed(count: int) -> str:
    removed = counted(count, "niewidoczny znak sterujący", "niewidoczne znaki sterujące", "niewidocznych znaków sterujących")
    return (f"Usunięto z komórki {removed} (takie znaki zostają po skopiowaniu tekstu z innego systemu); "
            "resztę tekstu zachowano.")


_TOTAL_LINE_ANYWHERE = re.compile(r"^[ \t]*(razem|łącznie|lacznie|suma|ogółem|ogolem|w sumie|liczba|obecnych)\b",
                                  re.I | re.M)


def _total_line_fields(located: LocatedTable) -> list[str]:
    """Columns where a total line's word ("Razem", "Łącznie obecnych: 97") may stand."""
    fields = [f for f in ("ordinal", "name", "last_name", "first_name", "institution", "title") if f in located.columns]
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
) -> tuple[list[object], str | None]:
    n = len(rows.numbers)
    if override is not None:
        return [override] * n, "user"
    if "workshop" in rows.raw or ("date" in rows.raw and located.kind != TableKind.WORKSHOPS):
        fld = "workshop" if "workshop" in rows.raw else "date"
        cache: dict[object, int | None] = {}
        values: list[object] = []
        default, default_source = _sheet_workshop(located, calendar, filename)
        for i, raw in enumerate(rows.raw[fld]):
            text = rows.text[fld][i]
            if not text:
                values.append(default if default is not None else pd.NA)
                if default is None:
                    problems.append(Problem(rows.numbers[i], located.headers[fld],
                                            "Brak warsztatu — wpisz numer warsztatu (1–5) lub gminę, w której się odbył.",
                                            code="workshop_missing"))
                continue
            key = raw if isinstance(raw, (str, int, float, dt.date)) else text
            if key not in cache:
                cache[key] = workshop_from_cell(raw, calendar)
            number = cache[key]
            if number is None:
                problems.append(Problem(rows.numbers[i], located.headers[fld],
                                        f"Nie rozpoznano warsztatu „{text}” — wpisz numer warsztatu (1–5), "
                                        "gminę, w której się odbył, albo jego datę.", code="workshop_unknown"))
                values.append(pd.NA)
            else:
                values.append(number)
        return values, "column"
    number, source = _sheet_workshop(located, calendar, filename)
    return [number if number is not None else pd.NA] * n, source


# --- normalising each kind ----------------------------------------------------------------------

_SECTOR_HINT = "Wpisz jeden z sektorów: " + ", ".join(label for code, label in SECTOR_LABELS.items() if code != "other") + "."


def _map_unique(values: list[str], func) -> list:  # noqa: ANN001 - a mapping of one value
    cache: dict[str, object] = {}
    out = []
    for value in values:
        if value not in cache:
            cache[value] = func(value)
        out.append(cache[value])
    return out


def _sectors(
    sector_texts: list[str] | None, institutions: list[str], numbers: list[int], sector_header: str | None,
    institution_header: str | None, problems: list[Problem], subject: str = "instytucji",
    required: bool = True,
) -> list[object]:
    n = len(numbers)
    stated = _map_unique(sector_texts, sector_from_text) if sector_texts is not None else [None] * n
    inferred_cache: dict[str, str | None] = {}
    result: list[object] = []
    column = sector_header or institution_header or "Sektor"
    for i in range(n):
        if stated[i] is not None:
            result.append(stated[i])
            continue
        written = sector_texts[i] if sector_texts is not None else ""
        institution = institutions[i]
        if institution not in inferred_cache:
            inferred_cache[institution] = sector_from_institution(institution)
        guess = inferred_cache[institution]
        if guess is not None:
            result.append(guess)
            if written:
                problems.append(Problem(numbers[i], column,
                                        f"Nie rozpoznano sektora „{written}”; z nazwy {subject} „{institution}” "
                                        f"przyjęto „{SECTOR_LABELS[guess]}”. Sprawdź i popraw, jeśli trzeba.",
                                        code="sector_inferred"))
            continue
        if not required and not written and not institution:
            result.append(pd.NA)
            continue
        result.append("other")
        if written:
            why = f"Nie rozpoznano sektora „{written}”"
            why += f", a z nazwy {subject} „{institution}” nie da się go ustalić" if institution else ""
        elif institution:
            why = f"Brak sektora, a z nazwy {subject} „{institution}” nie da się go ustalić"
        else:
            why = f"Brak sektora i nazwy {subject}"
        problems.append(Problem(numbers[i], column, f"{why}; wiersz policzono jako „Inne”. {_SECTOR_HINT}",
                                code="sector_unknown"))
    return result


def _attendance(located: LocatedTable, rows: _Rows, problems: list[Problem]) -> dict[str, list]:
    text, numbers, headers = rows.text, rows.numbers, located.headers
    n = len(numbers)
    if "name" in text:
        persons = text["name"]
    else:
        first, last = text.get("first_name", [""] * n), text.get("last_name", [""] * n)
        persons = [f"{a} {b}".strip() for a, b in zip(first, last, strict=True)]
    name_header = headers.get("name") or headers.get("last_name") or headers.get("first_name")
    if name_header:
        for i, person in enumerate(persons):
            if not person:
                problems.append(Problem(numbers[i], name_header,
                                        "Brak imienia i nazwiska — wiersz zachowano, ale tej osoby nie da się "
                                        "rozpoznać na innych warsztatach. Uzupełnij, jeśli to możliwe.",
                                        code="name_missing"))
    institutions = text.get("institution", [""] * n)
    sectors = _sectors(text.get("sector"), institutions, numbers, headers.get("sector"),
                       headers.get("institution"), problems)
    gminas = _map_unique(text["gmina"], gmina_from_text) if "gmina" in text else ["unknown"] * n
    return {
        "person": persons,
        "institution": institutions,
        "sector": sectors,
        "gmina": gminas,
    }


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


def _proposals(located: LocatedTable, rows: _Rows, workshops: list[object], problems: list[Problem]) -> dict[str, list]:
    text, raw, numbers, headers = rows.text, rows.raw, rows.numbers, located.headers
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
    leads = text.get("lead", [""] * n)
    lead_sectors = _sectors(text.get("lead_sector"), leads, numbers, headers.get("lead_sector"),
                            headers.get("lead"), problems, subject="podmiotu wiodącego", required=False)
    proposal_numbers = _proposal_numbers(rows, workshops)
    status_dates: list[object] = []
    for i in range(n):
        written = text["status_date"][i] if "status_date" in text else ""
        day = parse_date(raw["status_date"][i]) if written else None
        if written and day is None:
            problems.append(Problem(numbers[i], headers["status_date"],
                                    f"Nie rozpoznano daty statusu „{written}” — przyjęto dzień importu. Wpisz ją jako "
                                    "dzień.miesiąc.rok, np. 15.03.2019.", code="status_date_unknown"))
        status_dates.append(day if day is not None else pd.NA)
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


def _proposal_numbers(rows: _Rows, workshops: list[object]) -> list[object]:
    for fld in ("number", "ordinal"):
        if fld in rows.raw:
            found = [_whole_number(r, t or cell_text(r)) for r, t in zip(rows.raw[fld], rows.text[fld], strict=True)]
            if any(v is not None for v in found):
                return [v if v is not None else pd.NA for v in found]
    counters: dict[object, int] = {}
    numbers = []
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
    text, raw, numbers, headers = rows.text, rows.raw, rows.numbers, located.headers
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


def _workshops(located: LocatedTable, rows: _Rows, problems: list[Problem]) -> dict[str, list]:
    text, raw, numbers, headers = rows.text, rows.raw, rows.numbers, located.headers
    n = len(numbers)
    dates: list[object] = []
    for i in range(n):
        written = text["date"][i] if "date" in text else ""
        date = parse_date(raw["date"][i]) if written else None
        if written and date is None:
            problems.append(Problem(numbers[i], headers["date"],
                                    f"Nie rozpoznano daty „{written}” — wpisz ją jako dzień.miesiąc.rok, np. 13.09.2018.",
                                    code="date_unknown"))
        dates.append(date if date is not None else pd.NA)
    hosts = _map_unique(text["host"], gmina_from_text) if "host" in text else ["unknown"] * n
    venues = text.get("venue", [""] * n)
    if "host" not in text and "venue" in text:
        hosts = _map_unique(venues, gmina_from_text)
    return {"date": dates, "gmina": hosts}


def _workshop_numbers_of_schedule(rows: _Rows, located: LocatedTable, problems: list[Problem]) -> list[object]:
    if "workshop" not in rows.raw:
        return list(range(1, len(rows.numbers) + 1))
    values: list[object] = []
    for i, (raw, written) in enumerate(zip(rows.raw["workshop"], rows.text["workshop"], strict=True)):
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


# canonical text columns read from a column of the same field: kept as written (cleaned, stripped)
_AS_WRITTEN = {kind: tuple(f.name for f in FIELDS if kind in f.canonical and kind in f.kinds and f.dtype == "str")
               for kind in TableKind}


def _texts_as_written(kind: TableKind, rows: _Rows) -> dict[str, list[str]]:
    """The text columns that need no normalising ("" where the sheet has no such column)."""
    return {name: rows.text.get(name, [""] * len(rows.numbers)) for name in _AS_WRITTEN[kind]}


def normalise(
    located: LocatedTable, calendar: Calendar, filename: str = "", workshop: int | None = None
) -> Table:
    """The canonical table of ``located``; ``workshop`` overrides what the file says."""
    rows = _data_rows(located)
    problems: list[Problem] = list(rows.problems)
    if located.kind == TableKind.WORKSHOPS:
        workshops: list[object] = _workshop_numbers_of_schedule(rows, located, problems)
        source: str | None = "column"
        columns = _workshops(located, rows, problems)
    elif located.kind == TableKind.GMINAS:
        workshops, source = [], "column"
        columns = _gminas(located, rows, problems)
    else:
        workshops, source = _resolve_workshops(located, rows, calendar, filename, workshop, problems)
        if located.kind == TableKind.ATTENDANCE:
            columns = _attendance(located, rows, problems)
        else:
            columns = _proposals(located, rows, workshops, problems)
    cycle = calendar.cycle
    if located.kind in (TableKind.WORKSHOPS, TableKind.GMINAS) and "cycle" in rows.text:
        cycles: list[object] = [c or cycle for c in rows.text["cycle"]]
    elif located.kind == TableKind.WORKSHOPS:
        cycles = [str(d.year) if isinstance(d, dt.date) else cycle for d in columns["date"]]
    else:
        cycles = [cycle] * len(rows.numbers)
    data = {**_texts_as_written(located.kind, rows), "cycle": cycles, "workshop": workshops, **columns}
    frame = pd.DataFrame({col: data[col] for col in CANONICAL_COLUMNS[located.kind]})
    if "status_date" in data and "status_date" in rows.text:  # read, not stored: dates a later file's statuses
        frame["status_date"] = data["status_date"]
    frame = _typed(frame)
    frame["row"] = rows.numbers
    notes = list(located.notes)
    if located.kind not in (TableKind.WORKSHOPS, TableKind.GMINAS) and source is None:
        notes.append("Nie wiadomo, którego warsztatu dotyczy ten arkusz: dodaj kolumnę „Warsztat”, "
                     "nazwij arkusz np. „3 Jabłonna” albo wskaż warsztat przy imporcie.")
    problems.sort(key=lambda p: (p.row or 0))
    return Table(located.sheet.name, located.kind, frame, dict(located.headers), source, problems, notes, located)


_DTYPES = {f.name: f.dtype for f in FIELDS}


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """The canonical columns in their declared types (``analysis.fields``)."""
    for column in frame.columns:
        dtype = _DTYPES[column]
        if dtype == "Int64":
            frame[column] = pd.array(frame[column].tolist(), dtype="Int64")
        elif dtype == "date":
            frame[column] = pd.to_datetime(frame[column], errors="coerce").dt.date
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
        for record in table.frame.itertuples(index=False):
            if pd.isna(record.workshop):
                continue
            date = record.date if isinstance(record.date, dt.date) else None
            planned[int(record.workshop)] = PlannedWorkshop(int(record.workshop), date, str(record.gmina),
                                                            str(record.venue or ""), str(record.title or ""))
            cycle = str(record.cycle) if not pd.isna(record.cycle) else cycle
    if not planned:
        return fallback
    return Calendar(cycle, tuple(planned[k] for k in sorted(planned)))
