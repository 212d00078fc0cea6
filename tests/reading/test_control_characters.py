"""Invisible bidirectional and zero-width characters in cells are removed, with a problem told."""

from __future__ import annotations

from analysis.reading import delimited
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

