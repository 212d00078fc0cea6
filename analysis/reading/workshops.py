"""Schedules (the workshops table): each workshop's number, date, host gmina, venue and title, its cycle.

A schedule in an upload is read first: its calendar (``calendar_from_tables``) is what the other
tables' workshops are resolved against. A row without a date belongs to the cycle of the dated row
above it; an unreadable date or number is a problem at its spreadsheet row.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analysis.fields import TableKind
from analysis.reading.locate import LocatedTable
from analysis.reading.rows import Rows, map_unique, read_dates
from analysis.schedule import Calendar, PlannedWorkshop, workshop_from_cell
from analysis.tables import Problem, Table
from analysis.vocabulary import gmina_from_text


def schedule_columns(located: LocatedTable, rows: Rows, problems: list[Problem]) -> dict[str, list]:
    """A schedule's own columns: each workshop's date and host gmina (named, or that of its venue)."""
    (raw, text), numbers, headers = rows.lists(), rows.numbers, located.headers
    n = len(numbers)
    days = read_dates(raw, text, "date", n, problems, lambda i, written: Problem(
        numbers[i], headers["date"], f"Nie rozpoznano daty „{written}” — warsztat ma termin do ustalenia. Wpisz "
        "datę jako dzień.miesiąc.rok, np. 13.09.2018.", code="date_unknown"))
    for i in range(n):
        if "date" in text and not text["date"][i]:
            problems.append(Problem(numbers[i], headers["date"], "Brak daty warsztatu — warsztat ma termin do "
                                    "ustalenia. Gdy termin będzie znany, wpisz go jako dzień.miesiąc.rok, "
                                    "np. 13.09.2018.", code="date_missing"))
    hosts = map_unique(text["host"], gmina_from_text) if "host" in text else ["unknown"] * n
    venues = text.get("venue", [""] * n)
    if "host" not in text and "venue" in text:
        hosts = map_unique(venues, gmina_from_text)
    return {"date": days, "gmina": hosts}


def schedule_workshops(rows: Rows, located: LocatedTable, problems: list[Problem]) -> list[object]:
    """Each row's workshop number: its column's, or the rows counted from 1 when there is none."""
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


def cycles_of_dates(days: list[object], fallback: str) -> list[str]:
    """A schedule's cycle per row: the year of its date; a row without a date belongs with the dated row
    above it (else below it), and a schedule with no date at all to ``fallback``."""
    years = [str(d.year) if isinstance(d, dt.date) else None for d in days]
    current = next((y for y in years if y), fallback)
    cycles = []
    for year in years:
        current = year or current
        cycles.append(current)
    return cycles


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
