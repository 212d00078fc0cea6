"""The cycle's calendar of workshops, and how a workshop written in a file becomes its number.

A workshop may be written as a number ("3", "3.", "III", "Warsztat 3"), as its host gmina
("Jabłonna", "w Jabłonnie") or as its date ("13.09.2018", a date cell). Numbers need no
calendar; gminas and dates are looked up in it. The calendar comes from a workshops table
(harmonogram) when one is imported, otherwise from the 2018 cycle's plan.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from analysis.vocabulary import GMINAS, fold, gmina_name_in

MAX_WORKSHOP_NUMBER = 50

_MONTHS = {
    "stycznia": 1, "styczen": 1, "lutego": 2, "luty": 2, "marca": 3, "marzec": 3, "kwietnia": 4,
    "kwiecien": 4, "maja": 5, "maj": 5, "czerwca": 6, "czerwiec": 6, "lipca": 7, "lipiec": 7,
    "sierpnia": 8, "sierpien": 8, "wrzesnia": 9, "wrzesien": 9, "pazdziernika": 10,
    "pazdziernik": 10, "listopada": 11, "listopad": 11, "grudnia": 12, "grudzien": 12,
}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
_NUMBER = r"(\d{1,2}|[ivx]{1,4})"
_EXPLICIT = (
    re.compile(rf"\b(?:warsztat\w*|spotkani\w*)\s+(?:nr\s+|numer\s+)?{_NUMBER}\b"),
    re.compile(rf"\b{_NUMBER}\s+(?:warsztat\w*|spotkani\w*)\b"),
)
_LEADING = re.compile(rf"^(?:nr\s+)?{_NUMBER}\b")
_DMY = re.compile(r"\b(\d{1,2})[.\-/ ](\d{1,2})[.\-/ ](\d{4})\b")
# anything that looks like a date (also 13.09.18 or 5/24/2018) is never a workshop number
_DATE_LIKE = re.compile(r"\b\d{1,4}[.\-/]\d{1,2}[.\-/]\d{2,4}\b")
_YMD = re.compile(r"\b(\d{4})[.\-/](\d{1,2})[.\-/](\d{1,2})\b")
_WORDY = re.compile(r"\b(\d{1,2})\s+([a-z]+)\s+(\d{4})\b")


@dataclass(frozen=True)
class PlannedWorkshop:
    number: int
    date: dt.date | None
    gmina: str
    venue: str = ""
    title: str = ""


@dataclass(frozen=True)
class Calendar:
    cycle: str
    workshops: tuple[PlannedWorkshop, ...]

    def by_gmina(self, gmina: str) -> int | None:
        matches = [w.number for w in self.workshops if w.gmina == gmina]
        return matches[0] if len(matches) == 1 else None

    def by_date(self, date: dt.date) -> int | None:
        matches = [w.number for w in self.workshops if w.date == date]
        return matches[0] if len(matches) == 1 else None


# The plan of the 2018 cycle, used until the office imports its own schedule.
DEFAULT_CALENDAR = Calendar(
    cycle="2018",
    workshops=(
        PlannedWorkshop(1, dt.date(2018, 5, 24), "serock"),
        PlannedWorkshop(2, dt.date(2018, 6, 21), "wieliszew"),
        PlannedWorkshop(3, dt.date(2018, 9, 13), "jablonna"),
        PlannedWorkshop(4, dt.date(2018, 10, 8), "legionowo"),
        PlannedWorkshop(5, dt.date(2018, 11, 15), "nieporet"),
    ),
)


def _roman_or_int(token: str) -> int | None:
    number = int(token) if token.isdigit() else _ROMAN.get(token)
    return number if number and 0 < number <= MAX_WORKSHOP_NUMBER else None


def parse_date(value: object) -> dt.date | None:
    """A date from a date cell or text such as "13.09.2018", "2018-09-13", "13 września 2018"."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if value is None or isinstance(value, (bool, int, float)):
        return None
    text = str(value).strip()
    folded = fold(text)
    for pattern, order in ((_DMY, "dmy"), (_YMD, "ymd")):
        match = pattern.search(text)
        if match:
            a, b, c = (int(g) for g in match.groups())
            day, month, year = (a, b, c) if order == "dmy" else (c, b, a)
            try:
                return dt.date(year, month, day)
            except ValueError:
                return None
    match = _WORDY.search(folded)
    if match and match.group(2) in _MONTHS:
        try:
            return dt.date(int(match.group(3)), _MONTHS[match.group(2)], int(match.group(1)))
        except ValueError:
            return None
    return None


def workshop_from_cell(value: object, calendar: Calendar) -> int | None:
    """Workshop number for a value in a "Warsztat" column: number, Roman numeral, gmina or date."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return int(value) if float(value).is_integer() and 0 < value <= MAX_WORKSHOP_NUMBER else None
    date = parse_date(value)
    if date is not None:
        return calendar.by_date(date)
    if _DATE_LIKE.search(str(value)):
        return None  # a date the calendar does not know (or cannot be read): a problem, not workshop 13
    folded = fold(value)
    if not folded:
        return None
    for pattern in (*_EXPLICIT, _LEADING):
        match = pattern.search(folded)
        if match:
            return _roman_or_int(match.group(1))
    gmina = gmina_name_in(folded)
    return calendar.by_gmina(gmina) if gmina else None


def workshop_from_label(text: object, calendar: Calendar) -> int | None:
    """Workshop number named in a sheet name, a title line or a file name, if any.

    Stricter than a column value: a bare number counts only at the start ("3 Jabłonna"), so
    "Arkusz1" or "Sheet 1" never becomes workshop 1.
    """
    date = parse_date(text)
    if date is not None and calendar.by_date(date):
        return calendar.by_date(date)
    # a date's day must not be read as a workshop number ("spotkanie 13.09.2018")
    without_dates = _WORDY.sub(" ", fold(_DATE_LIKE.sub(" ", _YMD.sub(" ", _DMY.sub(" ", str(text or ""))))))
    folded = " ".join(without_dates.split())
    if not folded:
        return None
    known = {w.number for w in calendar.workshops}

    def plausible(number: int | None) -> int | None:
        # a label's number must be a workshop of the cycle ("15 osób.csv" is not workshop 15)
        return number if number and (not known or number in known) else None

    for pattern in _EXPLICIT:
        match = pattern.search(folded)
        if match:
            return plausible(_roman_or_int(match.group(1)))
    match = _LEADING.match(folded)
    if match and not folded.startswith(("sheet", "arkusz")) and match.group(1) != "x":
        number = plausible(_roman_or_int(match.group(1)))
        if number:
            return number
    gmina = gmina_name_in(folded)
    if gmina in GMINAS:
        return calendar.by_gmina(gmina)
    return None
