"""Attendance lists: each participant's name (first name first), institution, sector and gmina.

A name column headed "Nazwisko i imię" (or a lone "Nazwisko") holds the surname first and is read
in the canonical order; a missing name, an unknown sector or an unknown place of origin is a
problem at its spreadsheet row (the row is kept).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from analysis.attributes import age_group_code, gender_code
from analysis.reading.locate import LocatedTable
from analysis.reading.rows import Rows, empty_texts, same_text
from analysis.reading.sectors import read_sectors
from analysis.tables import Problem
from analysis.vocabulary import fold, gmina_of_place


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


def attendance_columns(located: LocatedTable, rows: Rows, problems: list[Problem], notes: list[str],
                       places: Mapping[str, str] | None = None, year: int | None = None) -> dict[str, object]:
    """An attendance list's own columns: person, institution, sector and gmina (the place of origin's), and the
    optional gender and age group (an age or year of birth is taken at ``year``, the cycle's)."""
    text, numbers, headers = rows.text, rows.numbers, located.headers
    n = len(numbers)
    if "name" in text:
        persons = text["name"]
        reordered = headers.get("name") if surname_first(headers.get("name")) else None
    else:
        first, last = text.get("first_name", empty_texts(n)), text.get("last_name", empty_texts(n))
        persons = (first.astype(object) + " " + last.astype(object)).str.strip()
        # a lone "Nazwisko" column holds "Kowalski Jan"; with "Imię" beside it, the order is the columns'
        reordered = headers.get("last_name") if "first_name" not in text and "last_name" in text else None
    if reordered is not None:
        persons = first_name_first(persons)
        notes.append(f"Kolumna „{reordered}” podaje nazwisko przed imieniem — panel czyta je jako imię i nazwisko, "
                     "więc te same osoby są rozpoznawane na listach z kolumną „Imię i nazwisko”.")
    name_header = headers.get("name") or headers.get("last_name") or headers.get("first_name")
    if name_header:
        for i in np.flatnonzero((persons == "").to_numpy(dtype=bool)).tolist():
            problems.append(Problem(numbers[i], name_header,
                                    "Brak imienia i nazwiska — wiersz zachowano, ale tej osoby nie da się "
                                    "rozpoznać na innych warsztatach. Uzupełnij, jeśli to możliwe.",
                                    code="name_missing"))
    institutions = text["institution"] if "institution" in text else empty_texts(n)
    sectors = read_sectors(text.get("sector"), institutions, numbers, headers.get("sector"),
                           headers.get("institution"), problems)
    gminas = _places_of_origin(text["gmina"], numbers, headers["gmina"], places, problems) if "gmina" in text \
        else same_text("unknown", n)
    return {
        "person": persons,
        "institution": institutions,
        "sector": sectors,
        "gmina": gminas,
        "gender": _attribute(rows, "gender", headers, problems, gender_code),
        "age_group": _attribute(rows, "age_group", headers, problems, lambda v: age_group_code(v, year)),
    }


_ATTRIBUTE_HELP = {
    "gender": ("płci", "wpisz K, M albo „inna” (lub zostaw puste)"),
    "age_group": ("grupy wieku", "wpisz wiek, rok urodzenia albo grupę: do 29, 30–44, 45–59, 60 i więcej "
                                 "(lub zostaw puste)"),
}


def _attribute(rows: Rows, name: str, headers: Mapping[str, str], problems: list[Problem],
               code_of: Callable[[object], str | None]) -> pd.api.extensions.ExtensionArray:
    """The codes of an optional attribute (missing where not given); a cell not recognised counts as not given
    and is a problem at its row. The cell's value is not quoted: it is personal data."""
    n = len(rows.numbers)
    if name not in rows.raw:
        return same_text(None, n)
    # each distinct cell once (a list of hundreds holds a handful of values): its first raw cell read
    keys, distinct = pd.factorize(rows.text[name], use_na_sentinel=False)
    first = np.unique(keys, return_index=True)[1]
    raw = rows.raw[name].tolist()
    what, how = _ATTRIBUTE_HELP[name]
    found: list[str | None] = []
    for text, at in zip(distinct.tolist(), first.tolist(), strict=True):
        try:
            found.append(None if text == "" else code_of(raw[at]))
        except ValueError:
            found.append(None)
            for i in np.flatnonzero(keys == len(found) - 1).tolist():
                problems.append(Problem(rows.numbers[i], headers[name],
                                        f"Nie rozpoznano {what} — wiersz zachowano, a tę osobę policzono jako "
                                        f"„nie podano”. Popraw komórkę: {how}.", code="attribute_unknown"))
    codes = [found[k] for k in keys.tolist()]
    return pd.array(codes, dtype="str")


def _places_of_origin(written: pd.Series, numbers: Sequence[int], header: str, places: Mapping[str, str] | None,
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

