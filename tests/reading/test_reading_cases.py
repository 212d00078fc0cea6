"""Files that once lost, doubled or invented data when read: a hidden sheet, names that start like a total,
votes that are not whole numbers, a line in another encoding, a device or a pipe, a second header row
and a note under the table."""

from __future__ import annotations

import io
import os

import openpyxl
import pandas as pd
import pytest

from analysis.reading.delimited import decode_text
from analysis.reading.importer import read_files, read_paths
from tests import fixtures as fx


def test_hidden_sheet_is_not_imported():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "3 Jabłonna"
    copy = wb.create_sheet("3 Jabłonna (kopia)")
    for sheet in (ws, copy):
        for row in [fx.ATTENDANCE_HEADER, *fx.ATTENDANCE_ROWS]:
            sheet.append(row)
    copy.sheet_state = "hidden"
    out = io.BytesIO()
    wb.save(out)
    [result] = read_files([("a.xlsx", out.getvalue())])
    assert [t.sheet for t in result.tables] == ["3 Jabłonna"]
    assert any("ukryty" in n for n in result.notes)


def test_names_and_titles_that_start_like_a_total_are_data():
    attendance = [["Lp.", "Nazwisko i imię", "Instytucja"], [1, "Suma Jan", "OSP"], [2, "Razem Anna", "OSP"],
                  ["Razem: 2", "", ""]]
    [result] = read_files([("3 Jabłonna.csv", fx.csv_bytes(attendance))])
    assert list(result.tables[0].frame["person"]) == ["Jan Suma", "Anna Razem"]  # kept, read first name first
    proposals = [["Tytuł propozycji", "Obszar"], ["Razem dla Jabłonny – inkubator NGO", "3"]]
    [result] = read_files([("3 Jabłonna.csv", fx.csv_bytes(proposals))])
    assert result.tables[0].rows == 1


@pytest.mark.parametrize(("votes", "kept"), [("12", 12), ("12 głosów", 12), ("12,5", None), ("1 234", None),
                                             ("-3", None), ("1000000000", None)])
def test_votes_are_whole_numbers_or_a_problem(votes, kept):
    rows = [["Tytuł propozycji", "Obszar", "Liczba głosów"], ["Bon", "1", votes]]
    [result] = read_files([("1 Serock.csv", fx.csv_bytes(rows))])
    table = result.tables[0]
    value = table.frame.loc[0, "votes"]
    flagged = [(p.row, p.column, p.code) for p in table.problems] == [(2, "Liczba głosów", "votes_not_whole")]
    if kept is None:
        assert value is pd.NA and flagged
    else:
        assert int(value) == kept and not flagged


def test_a_line_in_another_encoding_does_not_garble_the_file():
    data = "Imię i nazwisko;Instytucja\nAnna Nowak;Urząd Gminy Jabłonna\n".encode() + "Jan Król;Gmina Łąck\n".encode("cp1250")
    assert decode_text(data).splitlines() == ["Imię i nazwisko;Instytucja", "Anna Nowak;Urząd Gminy Jabłonna",
                                              "Jan Król;Gmina Łąck"]
    assert decode_text(b"\xef\xbb\xbf" + "Lp.;Łódź\n".encode("cp1250")).startswith("Lp.;Łódź")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_device_or_pipe_is_refused_not_read(tmp_path):
    pipe = tmp_path / "lista.csv"
    os.mkfifo(pipe)
    results = read_paths(["/dev/zero", str(pipe)])
    assert all(not r.ok and r.error_code == "unreadable" and "nie jest zwykłym plikiem" in r.error for r in results)


def test_second_header_row_and_a_note_under_the_table_are_not_people():
    rows = [["Lp.", "Uczestnik", "", "Instytucja"], ["", "Imię", "Nazwisko", ""], [1, "Anna", "Nowak", "OSP"],
            [2, "Jan", "Król", "GOPS"], ["", "Lista sporządzona przez: Ewa Mazur", "", ""]]
    [result] = read_files([("3 Jabłonna.csv", fx.csv_bytes(rows))])
    table = result.tables[0]
    assert table.rows == 2
    assert any("dopisek pod tabelą" in n for n in table.notes)
