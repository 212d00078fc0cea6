"""Imports that once lost, doubled or invented data: the same file twice, two lists for one workshop, a
resaved proposals file, rows of an unknown workshop, a sheet imported again after its undo."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from analysis.errors import UserError
from analysis.reading.importer import read_files
from analysis.store import ConflictError, Store, Upload, content_hash
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
