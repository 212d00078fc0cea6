"""Invisible bidirectional and zero-width characters in cells are removed, with a problem told."""

from __future__ import annotations

from analysis.reading import delimited, readers
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


def test_one_search_of_a_large_csvs_text_finds_every_control_character():
    """The columnar reader searches the file's whole text once; each control character alone is found
    in it, the multi-byte ones (U+202E, U+200B, C1 controls) included."""
    assert {"\x01", "\x1b", "\x7f", "\x85", "\x9b", "\xad", "\u200b", "\u202e", "\u2066", "\ufeff"} <= set(CONTROLS)
    for char in CONTROLS:
        assert delimited.has_control_characters(f"Osoba 1;Fundacja{char} Most;NGO\r\n".encode()), hex(ord(char))


def test_one_search_of_a_large_csvs_text_finds_nothing_else():
    others = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF and not CONTROL_CHARACTERS.match(chr(c)))
    assert not delimited.has_control_characters(others.encode())


def test_a_large_csv_with_none_has_no_column_searched_and_one_with_any_has_each_found(monkeypatch):
    line = "{i};Osoba {i} Testowa;Fundacja „Most” – Legionowo;NGO;Serock\r\n"
    header = "Lp.;Imię i nazwisko;Instytucja;Sektor;Gmina\r\n"
    lines = [line.format(i=i) for i in range(1, 30_001)]
    data = (header + "".join(lines)).encode()
    assert len(data) > delimited._COLUMNAR_CSV_BYTES
    assert readers.read_workbook(data, "lista.csv").sheets[0].no_control_characters
    # each control character in the middle of a name, one row each, after the first 4 096 bytes
    spoiled = {1000 + 7 * k: char for k, char in enumerate(CONTROLS)}
    for i, char in spoiled.items():
        lines[i - 1] = line.format(i=i).replace("Osoba ", f"Osoba{char} ", 1)
    data = (header + "".join(lines)).encode()
    assert not readers.read_workbook(data, "lista.csv").sheets[0].no_control_characters
    [columnar] = read_files([("lista.csv", data)], workshop=1)
    monkeypatch.setattr(delimited, "_COLUMNAR_CSV_BYTES", 1 << 40)  # every CSV row by row
    [by_rows] = read_files([("lista.csv", data)], workshop=1)
    for result in (columnar, by_rows):
        [table] = result.tables
        assert [p.row for p in table.problems if p.code == "control_characters"] == [i + 1 for i in spoiled]
        assert list(table.frame["person"]) == [f"Osoba {i} Testowa" for i in range(1, 30_001)]
