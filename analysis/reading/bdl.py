"""Statistics Poland's Local Data Bank (GUS BDL, bdl.stat.gov.pl): its CSV export read as the gminas' table.

BDL exports the values of a variable as CSV (semicolons, UTF-8 with a byte order mark or Windows-1250,
a decimal comma, a semicolon closing every line), in one of two layouts that both open with "Kod";"Nazwa":

- the table ("tablica", files named ``LUDN_2137_CTAB_….csv``): a line per unit and a column per value,
  whose header joins the value's dimensions, its year and its unit: "ogółem;ogółem;2023;[osoba]";
- the relational one ("relacyjny", ``LUDN_2137_CREL_….csv``): a line per value, a column per dimension,
  then "Rok", "Wartosc", "Jednostka miary", "Atrybut".

"Kod" is the unit's TERYT code (a gmina's has 7 digits: 1408043) or BDL's 12-digit unit code
(071412908043: makroregion, województwo 14, region, podregion, powiat 08, then gmina 04 and its kind 3),
which holds the TERYT code. The county's five gminas are read; an urban-rural gmina (kind 3) whole, not its
town (4) and its rural area (5); every other unit (the county, the voivodeship, other gminas) is told once.
The residents are the total population (unit "osoba", every dimension a total, as BDL's variable 72305
"ludność ogółem"); of several years, the latest. The file's name, when BDL's own, names its domain
("LUDN": population): a file of another domain is refused even when its values are persons.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from analysis.display import counted
from analysis.errors import UserError
from analysis.fields import TableKind
from analysis.reading.locate import ExportRows, LocatedTable, cell_text
from analysis.reading.sheets import Sheet
from analysis.vocabulary import COUNTY_TERYT, GMINA_TERYT, GMINAS, fold

SOURCE = "GUS BDL"
_HEADER_ROWS = 5
# a wide layout's value column: "<dimensions>;<year>;[<unit>]"
_WIDE = re.compile(r"^(?:(?P<dims>.*);)?(?P<year>(?:19|20)\d{2});\[(?P<unit>[^\]]*)\]$")
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
# dimensions that leave the total population whole (folded)
_TOTAL = re.compile(r"^(ogolem|ludnosc|ludnosc ogolem|stan na .+|(wg |wedlug )?(faktyczn\w* )?miejsc\w* zamieszkania)$")
_PERSONS = frozenset(("osoba", "osoby", "osob", "os", "os."))
# BDL's file names: the domain (LUDN: population), the subject, the layout, when it was made
_FILE_NAME = re.compile(r"^(?P<domain>[A-Z]{4})_\d+_(CTAB|CREL)_\d+", re.I)
_NAME_KIND = re.compile(r"\s*\(\d\)\s*$")  # "Serock (3)": BDL's names carry the gmina's kind
_PART = re.compile(r"\s-\s*(miasto|obszar wiejski)\s*$", re.I)
_LABELS = {fold(label): code for code, label in GMINAS.items()}
_WHAT_TO_DOWNLOAD = ("Pobierz z Banku Danych Lokalnych (bdl.stat.gov.pl) ludność ogółem gmin powiatu legionowskiego "
                     "(zmienna 72305, stan na 31 grudnia) jako plik CSV i wgraj go — opis krok po kroku jest "
                     "w podręczniku.")


@dataclass(frozen=True)
class _Value:
    """One value of the export: its line (index in the sheet's rows), column, year, dimensions and unit."""

    line: int
    column: int
    year: int
    dims: tuple[str, ...]
    unit: str


def locate_bdl(sheet: Sheet) -> LocatedTable | None:
    """The gminas' table of the BDL export in ``sheet``; None when the sheet is no BDL export. An export
    that holds no total population, or none of the county's gminas, is refused (``UserError``)."""
    top = sheet.top(_HEADER_ROWS)
    found = next((i for i, row in enumerate(top) if len(row) >= 3 and fold(cell_text(row[0])) == "kod"
                  and fold(cell_text(row[1])) == "nazwa"), None)
    if found is None:
        return None
    header = [cell_text(c) for c in top[found]]
    body = range(found + 1, sheet.height)
    folded = [fold(h) for h in header]
    if "wartosc" in folded and "rok" in folded:
        values, layout = _long_values(sheet, header, folded, body), "relacyjnym"
    else:
        values, layout = _wide_values(sheet, header, body), "tablicy"
        if not any(_WIDE.match(h) for h in header):
            return None
    _refuse_other_domain(sheet.name)
    notes: list[str] = []
    units = _units(sheet, body, notes)
    return _located(sheet, found, header, values, units, notes, layout)


def _long_values(sheet: Sheet, header: list[str], folded: list[str], body: range) -> list[_Value]:
    """The values of the relational layout: one a line, its dimensions in the columns between "Nazwa" and
    "Rok" (and any other column that is not the value's)."""
    year_col, value_col = folded.index("rok"), folded.index("wartosc")
    unit_col = folded.index("jednostka miary") if "jednostka miary" in folded else None
    dim_cols = [i for i, h in enumerate(folded) if i > 1 and h and h not in ("rok", "wartosc", "jednostka miary",
                                                                             "atrybut")]
    values = []
    for line in body:
        row = sheet.row(line)
        cells = [cell_text(c) for c in row]
        year = _YEAR.search(cells[year_col]) if year_col < len(cells) else None
        if year is None:
            continue
        values.append(_Value(line, value_col, int(year.group(1)),
                             tuple(cells[i] for i in dim_cols if i < len(cells)),
                             cells[unit_col] if unit_col is not None and unit_col < len(cells) else "osoba"))
    return values


def _wide_values(sheet: Sheet, header: list[str], body: range) -> list[_Value]:
    """The values of the table layout: one a line and column whose header says its dimensions, year and unit."""
    columns = [(i, match) for i, h in enumerate(header) if i > 1 and (match := _WIDE.match(h))]
    return [_Value(line, i, int(match["year"]), tuple(match["dims"].split(";")) if match["dims"] else (),
                   match["unit"].strip()) for line in body for i, match in columns]


def _refuse_other_domain(name: str) -> None:
    """BDL names its files by domain: LUDN is the population's; another domain holds no population."""
    match = _FILE_NAME.match(name)
    if match and match["domain"].upper() != "LUDN":
        raise UserError(f"Plik „{name}” to eksport z Banku Danych Lokalnych GUS z dziedziny "
                        f"{match['domain'].upper()}, a nie z dziedziny ludności (LUDN), więc nie ma w nim liczby "
                        f"mieszkańców gmin. {_WHAT_TO_DOWNLOAD}", "bdl_not_population")


def teryt_of(code: str) -> str | None:
    """The TERYT code (7 digits for a gmina) in a BDL "Kod": as written, or read from BDL's 12-digit unit
    code (województwo at 3–4, powiat at 8–9, gmina and its kind at 10–12); a 6-digit one lost its leading 0."""
    digits = re.sub(r"\D", "", code)
    if len(digits) == 12:
        return digits[2:4] + digits[7:12]
    if len(digits) == 6:
        return "0" + digits
    return digits if len(digits) == 7 else None


def _gmina_of(code: str, name: str) -> tuple[str | None, bool]:
    """(the county's gmina the line is, or None; whether it is a part of an urban-rural gmina of the county)."""
    teryt = teryt_of(code)
    if teryt is not None:
        if teryt in GMINA_TERYT:
            return GMINA_TERYT[teryt], False
        return None, teryt.startswith(COUNTY_TERYT) and teryt[-1] in "45" and teryt[:-1] + "3" in GMINA_TERYT
    bare = _NAME_KIND.sub("", name)
    if _PART.search(bare):
        return None, fold(_PART.sub("", bare)) in _LABELS
    return _LABELS.get(fold(bare)), False


def _units(sheet: Sheet, body: range, notes: list[str]) -> dict[int, str]:
    """Line -> gmina code of the lines that are the county's gminas; the others told in ``notes``, once."""
    gminas: dict[int, str] = {}
    parts: list[str] = []
    others: list[str] = []
    for line in body:
        row = sheet.row(line)
        code, name = cell_text(row[0]), cell_text(row[1]) if len(row) > 1 else ""
        if not code and not name:
            continue
        gmina, part = _gmina_of(code, name)
        if gmina is not None:
            gminas[line] = gmina
        elif part:
            parts.append(name)
        else:
            others.append(name or code)
    if parts:
        shown = ", ".join(f"„{p}”" for p in dict.fromkeys(parts))
        notes.append(f"Pominięto wiersze części gminy miejsko-wiejskiej ({shown}): liczba mieszkańców takiej gminy "
                     "to cała gmina (miasto i obszar wiejski razem), wczytana z jej własnego wiersza.")
    if others:
        distinct = list(dict.fromkeys(others))
        shown = ", ".join(f"„{o}”" for o in distinct[:3]) + (" i inne" if len(distinct) > 3 else "")
        lines = counted(len(others), "wiersz", "wiersze", "wierszy")
        notes.append(f"Pominięto {lines} innych jednostek niż gminy powiatu legionowskiego ({shown}) — tabela gmin "
                     "obejmuje tylko pięć gmin powiatu.")
    return gminas


def _located(sheet: Sheet, found: int, header: list[str], values: list[_Value], units: dict[int, str],
             notes: list[str], layout: str) -> LocatedTable:
    """The table of the county's gminas: the total population's values of the latest year."""
    if not units:
        raise UserError("W pliku z Banku Danych Lokalnych GUS nie ma żadnej gminy powiatu legionowskiego (Jabłonna, "
                        "Legionowo, Nieporęt, Serock, Wieliszew), więc nie ma z czego wypełnić tabeli gmin. "
                        + _WHAT_TO_DOWNLOAD, "bdl_no_gminas")
    county = [v for v in values if v.line in units]
    persons = [v for v in county if fold(v.unit) in _PERSONS]
    if not persons:
        found_units = ", ".join(f"„{u}”" for u in dict.fromkeys(v.unit for v in county if v.unit)) or "nie podano"
        raise UserError("Plik z Banku Danych Lokalnych GUS nie zawiera liczby ludności: jego wartości nie są liczbą "
                        f"osób (jednostka miary: {found_units}). {_WHAT_TO_DOWNLOAD}", "bdl_not_population")
    totals = [v for v in persons if all(_TOTAL.match(fold(d)) for d in v.dims if d)]
    if not totals:
        kinds = list(dict.fromkeys(f"„{'; '.join(v.dims)}”" for v in persons))
        shown = ", ".join(kinds[:3]) + (" i inne" if len(kinds) > 3 else "")
        raise UserError("Plik z Banku Danych Lokalnych GUS nie zawiera liczby ludności ogółem, tylko inne dane "
                        f"o osobach (w pliku: {shown}). {_WHAT_TO_DOWNLOAD}", "bdl_not_population")
    years = sorted({v.year for v in totals})
    year = years[-1]
    chosen = [v for v in totals if v.year == year]
    column = chosen[0].column
    rows: dict[int, str] = {}
    for value in chosen:
        gmina, number = units[value.line], sheet.spreadsheet_row(value.line)
        if value.column != column or gmina in rows.values():
            continue
        row = sheet.row(value.line)
        written = cell_text(row[column]) if column < len(row) else ""
        if _residents(written) is None:
            notes.append(f"Wiersz {number} ({GMINAS[gmina]}): " + (
                f"liczba ludności „{written}” nie jest dodatnią liczbą całkowitą" if written
                else f"GUS nie podał liczby ludności za rok {year} (pusta komórka)")
                + " — tej gminy nie wczytano; jej liczba mieszkańców w magazynie zostaje bez zmian.")
            continue
        rows[number] = gmina
    if not rows:
        raise UserError(f"W pliku z Banku Danych Lokalnych GUS żadna gmina powiatu legionowskiego nie ma liczby "
                        f"ludności za rok {year} (komórki są puste albo liczby nie są dodatnie), więc nic nie "
                        f"wczytano. {_WHAT_TO_DOWNLOAD}", "bdl_no_gminas")
    notes.insert(0, f"Rozpoznano eksport z Banku Danych Lokalnych GUS (w układzie {layout}): liczba ludności "
                    f"ogółem, rok {year}, kolumna „{header[column]}”. Źródło w tabeli gmin: „{SOURCE}, rok {year}”.")
    if len(years) > 1:
        notes.append(f"Plik zawiera dane z lat {years[0]}–{year}: wczytano najnowszy rok, {year}.")
    missing = [GMINAS[g] for g in GMINAS if g not in rows.values()]
    if missing:
        notes.append(f"W pliku brak liczby ludności za rok {year} dla: {', '.join(missing)} — te gminy zostają "
                     "z liczbą mieszkańców, którą magazyn już ma (albo bez niej).")
    name_col = 1
    return LocatedTable(sheet, TableKind.GMINAS, found, {"gmina": name_col, "population": column},
                        {"gmina": header[name_col], "population": header[column]}, _title(sheet, found), notes,
                        ExportRows(rows, year, SOURCE))


def _residents(text: str) -> int | None:
    """A count of residents as BDL writes it (54123, or 54 123 with a space between thousands); None for any
    other (empty, negative, a fraction, a dash for no data)."""
    if not re.fullmatch(r"\d{1,3}(?:[ \u00a0]\d{3})+|\d{1,8}", text):
        return None
    value = int(re.sub(r"\D", "", text))
    return value or None


def _title(sheet: Sheet, found: int) -> list[str]:
    rows: Sequence[Sequence[object]] = sheet.top(found)
    return [t for t in (" ".join(cell_text(c) for c in row if cell_text(c)) for row in rows) if t]
