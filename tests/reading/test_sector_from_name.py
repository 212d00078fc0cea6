"""A sector taken from the institution's name is told, with its row."""

from __future__ import annotations

from analysis import errors
from analysis.reading import notice_count
from analysis.reading.importer import read_files
from tests import fixtures as fx

# --- a sector taken from the institution's name is told ----------------------------------------------


def test_an_empty_sector_cell_taken_from_the_name_is_told_with_its_row():
    rows = [["Imię i nazwisko", "Instytucja", "Sektor"], ["Anna Nowak", "Urząd Gminy Serock", ""],
            ["Jan Król", "OSP Jabłonna", "NGO"]]
    [table] = read_files([("l.xlsx", fx.xlsx_bytes({"Lista": rows}))], workshop=1)[0].tables
    assert table.frame["sector"].tolist() == ["local_government", "ngo"]
    [problem] = table.problems
    assert (problem.row, problem.column, problem.code) == (2, "Sektor", "sector_from_name")
    assert problem.message == ("Sektor uzupełniono z nazwy instytucji „Urząd Gminy Serock”: „Samorząd (gminy i powiat)” "
                               "(komórka sektora jest pusta). Sprawdź, czy się zgadza.")
    assert problem.code in errors.NOTICE_CODES


def test_without_a_sector_column_every_guess_is_told():
    rows = [["Imię i nazwisko", "Instytucja"], ["Anna Nowak", "Urząd Gminy Serock"], ["Jan Król", "OSP Jabłonna"],
            ["Ewa Mazur", "Kawiarnia"]]
    [table] = read_files([("l.xlsx", fx.xlsx_bytes({"Lista": rows}))], workshop=1)[0].tables
    assert [(p.row, p.code) for p in table.problems] == [(2, "sector_from_name"), (3, "sector_from_name"),
                                                         (4, "sector_unknown")]
    assert "(kolumny sektora nie ma)" in table.problems[0].message


def test_the_guesses_are_counted_apart_from_the_problems_to_correct():
    """The import page: "Problemy: 1 — … popraw je w arkuszu; do sprawdzenia: 2 — …"."""
    rows = [["Imię i nazwisko", "Instytucja"], ["Anna Nowak", "Urząd Gminy Serock"], ["Jan Król", "OSP Jabłonna"],
            ["Ewa Mazur", "Kawiarnia"]]
    [table] = read_files([("l.xlsx", fx.xlsx_bytes({"Lista": rows}))], workshop=1)[0].tables
    assert (notice_count(table), len(table.problems) - notice_count(table)) == (2, 1)
