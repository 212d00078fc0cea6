"""A schedule's missing or unreadable date, which once crashed the program: the rows are kept without a
date, told with their rows, and every command works on the store that holds them."""

from __future__ import annotations

import datetime as dt

from analysis.reading.importer import read_files
from tests import fixtures as fx

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
