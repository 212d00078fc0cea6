"""Data a file or a store may hold that once crashed the program: a schedule's missing date, invisible
bidirectional and zero-width characters, a proposal without an area."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from analysis.display import printable
from analysis.reading import delimited
from analysis.reading.importer import read_files
from analysis.reading.sheets import CONTROL_CHARACTERS
from tests import fixtures as fx

ROOT = Path(__file__).resolve().parents[2]

SCHEDULE = [["Harmonogram warsztatów – cykl 2018"], ["Nr", "Data", "Gmina", "Miejsce", "Temat"],
            [1, dt.date(2018, 5, 24), "Serock", "Hala", "Diagnoza"],
            [2, dt.date(2018, 6, 21), "Wieliszew", "GOK", "Wsparcie"],
            [3, "do ustalenia", "Jabłonna", "Pałac", "Propozycje"],
            [4, None, "Legionowo", "Ratusz", "Głosowanie"],
            [5, dt.date(2018, 11, 15), "Nieporęt", "Urząd Gminy", "Plan"]]


def test_a_schedule_with_an_empty_or_unreadable_date_names_the_rows_and_keeps_them_without_a_date():
    [result] = read_files([("harmonogram.xlsx", fx.xlsx_bytes({"Harmonogram": SCHEDULE}))])
    [table] = result.tables
    dates = dict(zip(table.frame["workshop"], table.frame["date"], strict=True))
    assert dates == {1: dt.date(2018, 5, 24), 2: dt.date(2018, 6, 21), 3: None, 4: None, 5: dt.date(2018, 11, 15)}
    assert set(table.frame["cycle"]) == {"2018"}  # the undated workshops stay in their cycle
    problems = {(p.row, p.code) for p in table.problems}
    assert problems == {(5, "date_unknown"), (6, "date_missing")}
    assert all("termin do ustalenia" in p.message for p in table.problems)


def test_a_schedule_without_some_dates_is_imported_and_every_command_works_on_it(cli, tmp_path):
    path = tmp_path / "harmonogram.xlsx"
    path.write_bytes(fx.xlsx_bytes({"Harmonogram": SCHEDULE}))
    checked = cli("check", str(path))
    assert "Problemy: brak" not in checked.stdout
    assert "wiersz 6, kolumna „Data”: Brak daty warsztatu" in checked.stdout
    done = cli("import", str(path))
    assert done.returncode == 0, done.stdout + done.stderr
    for command in (("metrics", "--json"), ("report", "--format", "html", "--out", str(tmp_path / "r.html")),
                    ("report", "--format", "slides", "--out", str(tmp_path / "s.html"), "--workshop", "3")):
        done = cli(*command)
        assert done.returncode == 0 and "nieoczekiwany" not in done.stdout + done.stderr, (command, done.stdout)
    assert "termin do ustalenia" in (tmp_path / "s.html").read_text(encoding="utf-8")


# --- invisible bidirectional and zero-width characters --------------------------------------------------

INVISIBLE = "\u202e\u200b\u2066\u2069\u200e\u200f\ufeff\u200d\u2060"


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


def test_what_a_store_already_holds_is_shown_without_them():
    assert printable("Tytu" + INVISIBLE + "ł") == "Tytuł"
