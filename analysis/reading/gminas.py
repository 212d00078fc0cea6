"""Tables of gminas: each gmina's code, its residents, the year and the source of the figure.

The residents are what "per 10 000 residents" divides by; a figure that is not a whole number, or a
name that is no gmina of the partnership, is a problem at its spreadsheet row.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.reading.locate import LocatedTable
from analysis.reading.rows import Rows, map_unique
from analysis.tables import Problem
from analysis.vocabulary import gmina_from_text

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


def gmina_columns(located: LocatedTable, rows: Rows, problems: list[Problem]) -> dict[str, list]:
    """A gmina table's rows: the gmina's code, its residents, the year and the source of the figure."""
    if located.export is not None:
        return _export_columns(located, rows, problems)
    (raw, text), numbers, headers = rows.lists(), rows.numbers, located.headers
    n = len(numbers)
    gminas = map_unique(text["gmina"], gmina_from_text)
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


def _export_columns(located: LocatedTable, rows: Rows, problems: list[Problem]) -> dict[str, list]:
    """The rows of a statistical office's export (``bdl``): its gminas chosen by their codes, the year and the
    source the export says; the residents as on any gmina table."""
    export = located.export
    assert export is not None
    (raw, text), numbers = rows.lists(), rows.numbers
    populations: list[object] = []
    for i, number in enumerate(numbers):
        value = _population(raw["population"][i], text["population"][i])
        if value is None:  # (the export's reader let through only whole numbers: this is the last check)
            problems.append(Problem(number, located.headers["population"],
                                    f"Liczba ludności „{text['population'][i]}” nie jest liczbą całkowitą.",
                                    code="population_not_number"))
        populations.append(value if value is not None else pd.NA)
    n = len(numbers)
    return {"gmina": [export.gminas[number] for number in numbers], "population": populations,
            "year": [export.year] * n, "source": [export.source] * n}
