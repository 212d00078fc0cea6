"""Tables of proposals: each proposal's number, area, title, lead and its sector, votes and status.

An unknown area or status, a missing title, votes that are not a whole number are problems at
their spreadsheet rows (the row is kept); a proposal without a number is numbered within its
workshop.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.reading.locate import LocatedTable, cell_text
from analysis.reading.rows import Rows, empty_texts, read_dates
from analysis.reading.sectors import read_sectors
from analysis.tables import Problem
from analysis.vocabulary import AREAS, STATUSES, area_from_text, status_from_text

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


def proposal_columns(
    located: LocatedTable, rows: Rows, workshops: pd.arrays.IntegerArray, problems: list[Problem]
) -> dict[str, object]:
    """A table of proposals' own columns (and the status's date, read to date a later file's statuses)."""
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
    leads = rows.text["lead"] if "lead" in rows.text else empty_texts(n)
    lead_sectors = read_sectors(rows.text.get("lead_sector"), leads, numbers, headers.get("lead_sector"),
                                headers.get("lead"), problems, subject="podmiotu wiodącego", required=False)
    proposal_numbers = _proposal_numbers(rows, workshops)
    status_dates = read_dates(raw, text, "status_date", n, problems, lambda i, written: Problem(
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


def _proposal_numbers(rows: Rows, workshops: pd.arrays.IntegerArray) -> list[object]:
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
