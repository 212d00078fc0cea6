"""The names of a check-in: only in its folder of the data folder, on the paper list, shredded on time;
and two processes checking the same people in at once."""

from __future__ import annotations

import datetime as dt
import multiprocessing
from pathlib import Path

import pytest

from analysis.checkin import CheckIns
from analysis.checkin.names import JOURNAL, names
from analysis.errors import UserError
from analysis.reading.importer import read_files
from analysis.store import Store
from tests.checkin.support import KEEP_UNTIL, form, rows
from tests.stores import KEY


def _files_holding(folder: Path, text: str) -> list[Path]:
    """Every file under ``folder`` whose bytes hold ``text`` (plain, or inside the xlsx's compressed XML)."""
    import zipfile

    found = []
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                data += b"".join(archive.read(name) for name in archive.namelist())
        if text.encode() in data:
            found.append(path)
    return found


def test_the_paper_list_has_the_names_in_the_order_people_came_and_the_importer_reads_it(desk):
    _, checkins, checkin = desk
    checkins.check_in(form(checkin.id, "Olga Mróz", "Fundacja Razem"))
    checkins.check_in(form(checkin.id, "Anna Kowalska"))
    checkins.check_in(form(checkin.id, "Adam Kos", "", sector="agriculture", gmina="outside"))
    closed = checkins.close(checkin.id)
    assert closed.list_path is not None and closed.list_path.is_relative_to(checkin.folder)
    [result] = read_files([(closed.list_path.name, closed.list_path.read_bytes())], workshop=2)
    [table] = result.tables
    assert table.kind == "attendance"
    assert table.frame["person"].tolist() == ["Olga Mróz", "Anna Kowalska", "Adam Kos"]
    assert table.frame["sector"].astype(str).tolist() == ["ngo", "local_government", "agriculture"]
    assert table.frame["gmina"].astype(str).tolist() == ["jablonna", "serock", "outside"]


def test_shredding_after_the_day_removes_the_names_from_every_file_that_held_them(desk, tmp_path):
    store, checkins, checkin = desk
    checkins.check_in(form(checkin.id, "Anna Kowalska"))
    checkins.check_in(form(checkin.id, "Olga Mróz", "Fundacja Razem"))
    with pytest.raises(UserError) as still_open:
        checkins.shred(checkin_id=checkin.id, early=True)
    assert still_open.value.code == "checkin_open"
    checkins.close(checkin.id)
    checkins.export(checkin.id)
    data = tmp_path / "data"
    holding = _files_holding(data, "Kowalska")
    assert {p.name for p in holding} == {JOURNAL, f"lista_obecnosci_{checkin.folder.name}.xlsx"}
    assert checkins.shred(today=KEEP_UNTIL) == []  # kept until that day, inclusive
    with pytest.raises(UserError) as kept:
        checkins.shred(today=KEEP_UNTIL, checkin_id=checkin.id)
    assert kept.value.code == "checkin_keep" and "31.12.2026" in kept.value.message
    [(shredded, removed)] = checkins.shred(today=KEEP_UNTIL + dt.timedelta(days=1))
    assert shredded.state == "shredded" and {p.name for p in removed} == {p.name for p in holding}
    assert _files_holding(data, "Kowalska") == [] and _files_holding(data, "Mróz") == []
    assert not checkin.folder.exists()
    with pytest.raises(UserError) as gone:
        checkins.export(checkin.id)
    assert gone.value.code == "checkin_shredded"
    # what the store holds stays: the batch and its numbers, without names as ever
    assert rows(store) == 2 and checkins.shred(today=KEEP_UNTIL + dt.timedelta(days=1)) == []


def test_a_name_that_cannot_be_written_stores_nobody(desk):
    store, checkins, checkin = desk
    checkin.folder.parent.mkdir(parents=True, exist_ok=True)
    checkin.folder.write_text("not a folder")  # where the names go is a file
    with pytest.raises(UserError) as refused:
        checkins.check_in(form(checkin.id, "Anna Kowalska"))
    assert refused.value.code == "checkin_names_unwritable"
    assert rows(store) == 0


def _check_in_at_barrier(url: str, folder: str, checkin_id: str, people: list[str], barrier) -> list[bool]:
    import os

    os.environ["PARTNERSTWO_DATA_DIR"] = folder
    store = Store(url, key=KEY)
    checkins = CheckIns(store)
    barrier.wait(timeout=120)
    try:
        return [checkins.check_in(form(checkin_id, name)).already for name in people]
    finally:
        store.engine.dispose()


def test_two_processes_checking_the_same_people_in_at_once_store_each_once(desk, tmp_path):
    store, checkins, checkin = desk
    people = ["Maria Zielińska", "Piotr Lis", "Olga Mróz", "Adam Kos"]
    context = multiprocessing.get_context("spawn")
    barrier = context.Manager().Barrier(2)
    with context.Pool(2) as pool:
        answers = pool.starmap(_check_in_at_barrier, [
            (store.url, str(tmp_path / "data"), checkin.id, people, barrier),
            (store.url, str(tmp_path / "data"), checkin.id, list(reversed(people)), barrier)])
    assert sum(not already for answer in answers for already in answer) == 4
    assert rows(store) == 4 and len(names(checkin.folder)) == 4
    assert checkins.close(checkin.id).batch.rows == 4
