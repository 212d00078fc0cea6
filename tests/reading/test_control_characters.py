"""Invisible bidirectional and zero-width characters in cells are removed, with a problem told."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.reading import delimited, rows
from analysis.reading.importer import read_files
from analysis.reading.sheets import CONTROL_CHARACTERS
from tests import fixtures as fx


def test_bidirectional_and_zero_width_characters_are_removed_from_cells_with_a_problem():
    rows = [["Nr", "Tytuł propozycji", "Obszar", "Lider", "Sektor lidera", "Status"],
            [1, "Bon\u202e lokalny", 1, "Fundacja\u200b A", "NGO", "pod głosowanie"],
            [2, "Inkubator", 2, "Firma \u2066B\u2069", "przedsiębiorca", "pod głosowanie"],
            [3, "Targi", 3, "Urząd\u200e Gminy", "JST", "pod głosowanie"]]
    for name, data in (("propozycje.xlsx", fx.xlsx_bytes({"Warsztat 3": rows})),
                       ("propozycje.csv", fx.csv_bytes([[str(c) for c in r] for r in rows]))):
        [result] = read_files([(name, data)], workshop=3)
        [table] = result.tables
        assert list(table.frame["title"]) == ["Bon lokalny", "Inkubator", "Targi"], name
        assert list(table.frame["lead"]) == ["Fundacja A", "Firma B", "Urząd Gminy"], name
        assert sorted({p.row for p in table.problems if p.code == "control_characters"}) == [2, 3, 4], name


def test_a_large_csv_read_by_columns_finds_them_too():
    line = "Osoba {i} Testowa;Fundacja „Most” – Legionowo;NGO;Serock\r\n"
    body = "".join(line.format(i=i) for i in range(30_000))
    data = ("Imię i nazwisko;Instytucja;Sektor;Gmina\r\n" + body).encode()
    assert len(data) > delimited._COLUMNAR_CSV_BYTES and not CONTROL_CHARACTERS.search(data.decode())
    spoiled = data.replace(b"Osoba 7 ", "Osoba\u202e 7 ".encode(), 1)
    [result] = read_files([("lista.csv", spoiled)], workshop=1)
    [table] = result.tables
    assert [p.row for p in table.problems if p.code == "control_characters"] == [9]
    assert not table.frame["institution"].str.contains("\u202e").any()



# every character the cells are cleaned of (C0 and C1 controls, DEL, soft hyphen, bidirectional and zero-width marks...)
CONTROLS = [chr(c) for c in range(0x110000) if CONTROL_CHARACTERS.match(chr(c))]


@pytest.mark.parametrize("dtype", ["str", object])
def test_one_search_of_a_whole_column_finds_every_control_character(dtype):
    """A column is searched once, its cells joined (a large CSV's column and most of a workbook's are Arrow
    text); each control character alone in one cell is found, the multi-byte ones (U+202E, U+200B, C1) too."""
    assert {"\x01", "\x1b", "\x7f", "\x85", "\x9b", "\xad", "\u200b", "\u202e", "\u2066", "\ufeff"} <= set(CONTROLS)
    cells = [f"Osoba {i} Testowa" for i in range(2_000)]
    assert not rows.has_control_characters(pd.Series(cells, dtype=dtype))
    for char in CONTROLS:
        spoiled = [*cells[:1_500], f"Fundacja{char} Most", *cells[1_500:]]
        assert rows.has_control_characters(pd.Series(spoiled, dtype=dtype)), hex(ord(char))


def test_one_search_of_a_whole_column_finds_nothing_else():
    others = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF and not CONTROL_CHARACTERS.match(chr(c)))
    cells = [others[i:i + 997] for i in range(0, len(others), 997)]
    assert not rows.has_control_characters(pd.Series(cells, dtype="str"))
    assert not rows.has_control_characters(pd.Series(cells, dtype=object))


def test_every_control_character_in_a_large_csv_is_removed_with_its_row_told(monkeypatch):
    line = "{i};Osoba {i} Testowa;Fundacja „Most” – Legionowo;NGO;Serock\r\n"
    lines = [line.format(i=i) for i in range(1, 30_001)]
    spoiled = {1000 + 7 * k: char for k, char in enumerate(CONTROLS)}  # one row each, in the middle of a name
    for i, char in spoiled.items():
        lines[i - 1] = line.format(i=i).replace("Osoba ", f"Osoba{char} ", 1)
    data = ("Lp.;Imię i nazwisko;Instytucja;Sektor;Gmina\r\n" + "".join(lines)).encode()
    assert len(data) > delimited._COLUMNAR_CSV_BYTES
    [columnar] = read_files([("lista.csv", data)], workshop=1)
    monkeypatch.setattr(delimited, "_COLUMNAR_CSV_BYTES", 1 << 40)  # every CSV row by row
    [by_rows] = read_files([("lista.csv", data)], workshop=1)
    for result in (columnar, by_rows):
        [table] = result.tables
        assert [p.row for p in table.problems if p.code == "control_characters"] == [i + 1 for i in spoiled]
        assert list(table.frame["person"]) == [f"Osoba {i} Testowa" for i in range(1, 30_001)]
