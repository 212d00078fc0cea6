"""A large CSV is read column by column (Arrow) and normalised on whole columns: the same tables,
problems and notes as the row-by-row reader gives for the same bytes."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from analysis.reading import check_report, delimited, readers
from analysis.reading.importer import read_files
from analysis.reading.rows import TOTAL_LINE
from analysis.reading.sheets import CONTROL_CHARACTERS
from tests import fixtures as fx

HEADER = ["Lp.", "Imię i nazwisko", "Instytucja", "Sektor", "Gmina", "Warsztat", "Podpis"]
SECTORS = ["JST", "NGO", "oświata", "", "xyz", "przedsiębiorca", " OPS ", "rolnik\x07"]
INSTITUTIONS = ["Urząd Gminy Jabłonna", "Stowarzyszenie Razem", "Fundacja „Most”; Legionowo", "Firma X\nsp. z o.o.",
                "", "Zespół Szkół nr 2", "Kółko \"Ogniwo\"", "Sklep u Ani", "Gospodarstwo rolne"]
PLACES = ["Legionowo", "Jabłonna", "Serock", "", "Warszawa", "jablonna ", "Nieporęt\x1b"]
WORKSHOPS = ["1", "2", "Serock", "", "13", "III", "abc"]


def attendance_csv(rows: int, seed: int = 5) -> bytes:
    rng = random.Random(seed)
    table = [["Lista obecności", "", "", "", "", "", ""], [""] * 7, HEADER]
    for i in range(rows):
        name = "" if i % 997 == 0 else f"Osoba {i} Testowa"
        table.append([str(i + 1), name, rng.choice(INSTITUTIONS), rng.choice(SECTORS), rng.choice(PLACES),
                      rng.choice(WORKSHOPS), ""])
        if i == rows // 2:
            table += [[""] * 7, HEADER, ["", "Razem: 12", "", "", "", "", ""],  # a blank line, a page's header, a total
                      ["", "", "Łącznie obecnych: 97", "", "", "", ""]]
    table.append(["", "Lista sporządzona przez: Anna Nowak", "", "", "", "", ""])  # a note under the table
    return fx.csv_bytes(table)


def read_both(data: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[list, list]:
    columnar = read_files([("lista.csv", data)])
    monkeypatch.setattr(delimited, "_COLUMNAR_CSV_BYTES", 1 << 40)  # every CSV row by row
    by_rows = read_files([("lista.csv", data)])
    return columnar, by_rows


def test_a_large_csv_is_read_by_columns():
    data = attendance_csv(20_000)
    assert len(data) > delimited._COLUMNAR_CSV_BYTES
    sheet = readers.read_workbook(data, "lista.csv").sheets[0]
    # title lines and header, the rows, a blank line, a header, two totals, the note
    assert sheet.grid is None and sheet.columns is not None and sheet.height == 3 + 20_000 + 4 + 1


def test_columns_and_rows_give_the_same_tables_and_problems(monkeypatch):
    columnar, by_rows = read_both(attendance_csv(20_000), monkeypatch)
    assert check_report(columnar) == check_report(by_rows)
    problems = {p["code"] for p in check_report(columnar)["files"][0]["tables"][0]["problems"]}
    assert {"control_characters", "name_missing", "sector_inferred", "sector_unknown", "workshop_unknown"} <= problems
    mine, theirs = columnar[0].tables[0], by_rows[0].tables[0]
    pd.testing.assert_frame_equal(mine.frame, theirs.frame)
    assert mine.notes == theirs.notes and mine.rows == 20_000  # the blank line, header, totals and note dropped


def attendance_csv_under(above: bytes, rows: int = 20_000) -> bytes:
    """The attendance list without its padded title lines, under the lines ``above`` as written by hand."""
    table = fx.csv_bytes([HEADER] + [[str(i + 1), f"Osoba {i} Testowa", INSTITUTIONS[i % 9], SECTORS[i % 8],
                                      PLACES[i % 7], "", ""] for i in range(rows)])
    return above + table


@pytest.mark.parametrize("above", [
    "Lista obecności – warsztat 3\r\n",  # a title in one cell, as a form's export writes it
    "Lista obecności\n\nWarsztat w Jabłonnie 13.09.2018\n\n",  # titles, blank lines, line feeds alone
    "Lista obecności;;;\r\n;\r\n",
])
def test_a_large_csv_with_shorter_lines_above_its_table_is_read_by_columns_alike(above, monkeypatch):
    data = attendance_csv_under(above.encode())
    sheet = readers.read_workbook(data, "lista.csv").sheets[0]
    assert sheet.grid is None and sheet.height == above.count("\n") + 1 + 20_000
    columnar, by_rows = read_both(data, monkeypatch)
    assert check_report(columnar) == check_report(by_rows)
    mine, theirs = columnar[0].tables[0], by_rows[0].tables[0]
    pd.testing.assert_frame_equal(mine.frame, theirs.frame)
    assert mine.notes == theirs.notes and mine.rows == 20_000
    if "3" in above:
        assert set(mine.frame["workshop"]) == {3}  # the workshop of the title


@pytest.mark.parametrize("above", ['"Lista\r\nobecności"\r\n', "Lista;obecności;;;;;;;;\r\n", "Lista\robecności\r\n",
                                   "Warsztat w Jabłonnie;13.09.2018\r\n"])
def test_lines_above_a_large_csvs_table_that_csv_may_read_otherwise_are_read_by_rows(above, monkeypatch):
    data = attendance_csv_under(above.encode())
    assert readers.read_workbook(data, "lista.csv").sheets[0].grid is not None
    columnar, by_rows = read_both(data, monkeypatch)
    assert check_report(columnar) == check_report(by_rows)


@pytest.mark.parametrize("change", ["ragged", "cp1250", "long field", "quote left open"])
def test_what_the_columns_cannot_read_alike_is_read_by_rows(change, monkeypatch):
    data = attendance_csv(20_000)
    if change == "ragged":
        data += b"1;2;3;4;5;6;7;8;9\r\n"
    elif change == "cp1250":
        data = data.decode().replace("„", '"').replace("”", '"').encode("cp1250")
    elif change == "long field":
        data += ("1;" + "x" * 140_000 + ";;;;;\r\n").encode()
    else:
        data += b'1;"Anna;;;;;\r\n'
    columnar, by_rows = read_both(data, monkeypatch)
    assert check_report(columnar) == check_report(by_rows)


TOTALS = ["Razem", "RAZEM: 97", "Łącznie obecnych: 97", "ŁĄCZNIE", "Lacznie 5", "Suma: 12", "ſuma", "Ogółem", "W SUMIE 4",
          "Liczba obecnych: 9", "lİczba obecnych", "lıczba obecnych", "Obecnych: 4", "Razem dla Jabłonny", "Suma Jan", "Ra"]
SPACES = ["", " ", "\t", "\u00a0", "\u2003", "\u3000", "\u202f", "\u1680", "\u0085", "\u2028", "\x1c", "\u200b"]


def test_total_lines_and_white_space_of_every_kind_are_read_alike_by_columns_and_rows(monkeypatch):
    """Every cell is what ``str.strip`` leaves of it without its control characters; a row is dropped exactly
    when one of its first three cells is then a whole total line (``TOTAL_LINE``, matched by Python)."""
    rng = random.Random(8)
    table = [HEADER]
    for i in range(30_000):
        row = [str(i + 1), f"Osoba {i} Testowa", rng.choice(["Urząd Gminy", "Fundacja Łąka", "Koło ą", "Dom ł"]),
               rng.choice(SECTORS), rng.choice(PLACES), "2", ""]
        if i % 97 == 5:
            row[rng.choice([0, 1, 2])] = rng.choice(TOTALS)
        if i % 41 == 3:
            column = rng.randint(1, 4)
            row[column] = rng.choice(SPACES) + row[column] + rng.choice(SPACES)
        table.append(row)
    data = fx.csv_bytes(table)
    assert len(data) > delimited._COLUMNAR_CSV_BYTES
    columnar, by_rows = read_both(data, monkeypatch)
    assert check_report(columnar) == check_report(by_rows)
    pd.testing.assert_frame_equal(columnar[0].tables[0].frame, by_rows[0].tables[0].frame)
    assert columnar[0].tables[0].rows < 30_000 - 200  # the total lines are gone, "Razem dla Jabłonny" and "Suma Jan" kept

    def cell(text: str) -> str:
        return CONTROL_CHARACTERS.sub("", text).strip()

    kept = [row for row in table[1:] if not any(TOTAL_LINE.match(cell(c)) for c in row[:3])]
    frame = columnar[0].tables[0].frame
    assert list(frame["person"]) == [cell(row[1]) for row in kept]
    assert list(frame["institution"]) == [cell(row[2]) for row in kept]
    assert any(cell(row[1]) in ("Razem dla Jabłonny", "Suma Jan") for row in kept)


@pytest.mark.parametrize("space", [" ", "\t", "\u00a0", "\u3000", "\u2028", "\x1f"])
@pytest.mark.parametrize("where", ["start", "end"])
def test_one_cell_with_white_space_at_one_end_is_stripped(space, where):
    """The only white space of a large CSV's column, in one cell, at one end: the cell is read without it."""
    table = [HEADER] + [[str(i + 1), f"Osoba {i} Testowa", "Urząd Gminy Jabłonna", "JST", "Serock", "2", ""]
                        for i in range(25_000)]
    table[7_000][2] = space + "KGW Łoś Koło" if where == "start" else "KGW Łoś Koło" + space
    data = fx.csv_bytes(table)
    assert len(data) > delimited._COLUMNAR_CSV_BYTES
    frame = read_files([("lista.csv", data)])[0].tables[0].frame
    assert frame["institution"].iloc[6_999] == "KGW Łoś Koło"
    assert set(frame["institution"]) == {"KGW Łoś Koło", "Urząd Gminy Jabłonna"}
