"""Cases found by an adversarial review: each once lost, doubled or invented data."""

from __future__ import annotations

import io
import os
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from analysis.errors import UserError
from analysis.reading.importer import read_files, read_paths
from analysis.reading.readers import decode_text
from analysis.schedule import DEFAULT_CALENDAR, workshop_from_cell, workshop_from_label
from analysis.store import ConflictError, Store, Upload, content_hash
from tests import commands
from tests import fixtures as fx

ROOT = Path(__file__).resolve().parents[2]


def store(tmp_path) -> Store:
    s = Store(f"sqlite:///{tmp_path / 's.sqlite'}", key=b"k" * 32)
    s.ensure_schema()
    return s


def upload(name: str, data: bytes) -> Upload:
    [result] = read_files([(name, data)])
    return Upload(name, content_hash(data), result)


def attendance_csv(names: list[str]) -> bytes:
    return fx.csv_bytes([["Lp.", "Imię i nazwisko", "Instytucja", "Sektor"],
                         *[[i, n, "Urząd Gminy Serock", "JST"] for i, n in enumerate(names, 1)]])


def rows_of(s: Store) -> int:
    return len(s.dataset().attendance) + len(s.dataset().proposals)


def test_same_file_twice_in_one_call_is_stored_once(tmp_path):
    s = store(tmp_path)
    data = attendance_csv(["Anna Nowak", "Jan Król"])
    s.import_uploads([upload("2 Wieliszew.csv", data), upload("2 Wieliszew.csv", data)])
    assert len(s.history()) == 1 and rows_of(s) == 2


def test_two_lists_for_one_workshop_in_one_call_ask(tmp_path):
    s = store(tmp_path)
    with pytest.raises(ConflictError, match="w tym imporcie"):
        s.import_uploads([upload("2 Wieliszew a.csv", attendance_csv(["A B"])),
                          upload("2 Wieliszew b.csv", attendance_csv(["C D"]))])
    assert s.history() == []


def test_resaved_proposals_file_asks_add_or_replace(tmp_path):
    s = store(tmp_path)
    original = (ROOT / "sample_data" / "propozycje_2018.xlsx").read_bytes()
    wb = openpyxl.load_workbook(io.BytesIO(original))
    out = io.BytesIO()
    wb.save(out)
    s.import_uploads([upload("propozycje.xlsx", original)])
    with pytest.raises(ConflictError, match="ma już propozycje"):
        s.import_uploads([upload("propozycje_z_glosami.xlsx", out.getvalue())])
    s.import_uploads([upload("propozycje_z_glosami.xlsx", out.getvalue())], on_existing="replace")
    assert len(s.dataset().proposals) == 41


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


def test_rows_with_an_unknown_workshop_refuse_the_import(tmp_path):
    s = store(tmp_path)
    data = fx.csv_bytes([["Warsztat", "Imię i nazwisko", "Instytucja"], [1, "A B", "OSP"], [99, "C D", "OSP"]])
    with pytest.raises(UserError, match="wiersze 3 nie mają rozpoznanego warsztatu"):
        s.import_uploads([upload("lista.csv", data)])
    assert s.history() == []


def test_an_undone_sheet_can_be_imported_again(tmp_path):
    s = store(tmp_path)
    data = (ROOT / "sample_data" / "propozycje_2018.xlsx").read_bytes()
    s.import_uploads([upload("p.xlsx", data)])
    first = s.history()[0]
    s.undo(first.id)
    outcome = s.import_uploads([upload("p.xlsx", data)])
    assert [b.sheet for b in outcome.saved] == [first.sheet] and len(s.dataset().proposals) == 41


@pytest.mark.parametrize("value", ["13.09.18", "31.02.2018", "5/24/2018", "01.01.2017"])
def test_a_date_is_never_a_workshop_number(value):
    assert workshop_from_cell(value, DEFAULT_CALENDAR) is None


@pytest.mark.parametrize("label", ["x", "15 osób", "99 lista"])
def test_implausible_labels_are_not_workshops(label):
    assert workshop_from_label(label, DEFAULT_CALENDAR) is None


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


def test_report_refuses_a_wrong_workshop_and_a_bad_path_in_polish(tmp_path):
    env = dict(os.environ, PARTNERSTWO_DATA_DIR=str(tmp_path / "d"))
    env.pop("DATABASE_URL", None)

    def run(*args):
        return commands.run(*args, env=env)

    assert run("report", "--format", "html", "--out", str(tmp_path / "r.html"), "--workshop", "0").returncode == 2
    done = run("report", "--format", "html", "--out", "/dev/full")
    assert done.returncode == 1 and "miejsce" in done.stdout and "Traceback" not in done.stderr


def test_second_header_row_and_a_note_under_the_table_are_not_people():
    rows = [["Lp.", "Uczestnik", "", "Instytucja"], ["", "Imię", "Nazwisko", ""], [1, "Anna", "Nowak", "OSP"],
            [2, "Jan", "Król", "GOPS"], ["", "Lista sporządzona przez: Ewa Mazur", "", ""]]
    [result] = read_files([("3 Jabłonna.csv", fx.csv_bytes(rows))])
    table = result.tables[0]
    assert table.rows == 2
    assert any("dopisek pod tabelą" in n for n in table.notes)
