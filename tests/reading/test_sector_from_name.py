"""A sector taken from the institution's name is told, with its row."""

from __future__ import annotations

import json

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


def test_one_notice_per_institution_tells_its_guess_and_every_row_it_covers():
    """25 rows of two institutions with empty sector cells (one row of them with a sector written): one notice
    each, in the order of their first rows, naming every guessed row as ranges — no row left untold."""
    other = (5, 9, 10, 20)
    rows = [["Imię i nazwisko", "Instytucja", "Sektor"]] + [
        [f"Osoba {i}", "OSP Jabłonna" if i in other else "Urząd Gminy Serock", "NGO" if i == 11 else ""]
        for i in range(25)]
    [table] = read_files([("l.xlsx", fx.xlsx_bytes({"Lista": rows}))], workshop=1)[0].tables
    assert [(p.row, p.column, p.code, p.rows) for p in table.problems] == [
        (2, "Sektor", "sector_from_name", ((2, 6), (8, 10), (14, 21), (23, 26))),
        (7, "Sektor", "sector_from_name", ((7, 7), (11, 12), (22, 22)))]
    assert [p.message for p in table.problems] == [
        "Sektor uzupełniono z nazwy instytucji „Urząd Gminy Serock”: „Samorząd (gminy i powiat)” (komórka sektora "
        "jest pusta; wiersze 2–6, 8–10, 14–21, 23–26). Sprawdź, czy się zgadza.",
        "Sektor uzupełniono z nazwy instytucji „OSP Jabłonna”: „Organizacje pozarządowe” (komórka sektora jest pusta; "
        "wiersze 7, 11–12, 22). Sprawdź, czy się zgadza."]
    told = {row for p in table.problems for first, last in p.rows for row in range(first, last + 1)}
    assert told == set(range(2, 27)) - {13}  # every row whose sector was guessed; row 13 has its own
    frame = table.frame.set_index("row")["sector"]
    assert {frame[r] for first, last in table.problems[0].rows for r in range(first, last + 1)} == {"local_government"}
    assert json.loads(json.dumps(table.problems[1].as_dict()))["rows"] == [[7, 7], [11, 12], [22, 22]]
