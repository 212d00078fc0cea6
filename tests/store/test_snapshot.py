"""The dataset's snapshot on disk (``analysis.store.snapshot``): it must never show data the store no longer has."""

from __future__ import annotations

import os

import pandas as pd
import pytest
import sqlalchemy as sa

from analysis import metrics
from analysis.dataset import Dataset
from analysis.store import reads as store_reads
from analysis.store import snapshot
from tests.stores import attendance, store_at, upload


@pytest.fixture
def url(migrated_url):
    """This module's new stores start at the program's schema, holding nothing (a copy of a store migrated once
    per test process: ``migrated_url``); tests/store/test_migrations.py builds them from nothing."""
    return migrated_url


def _frames_equal(a: Dataset, b: Dataset) -> None:
    for name in snapshot.FRAMES:
        left, right = getattr(a, name), getattr(b, name)
        pd.testing.assert_frame_equal(left.reset_index(drop=True), right.reset_index(drop=True), check_exact=True)
    assert (a.is_sample, a.as_of) == (b.is_sample, b.as_of)


def _snapshots(store) -> list[str]:
    prefix = snapshot._prefix(store.url)
    return sorted(p.name for p in snapshot.folder().glob(f"{prefix}*")) if snapshot.folder().exists() else []


# --- the snapshot -----------------------------------------------------------------------------


def test_snapshot_holds_the_same_dataset_and_is_read_at_the_next_start(sample_url):
    store = store_at(sample_url)  # the sample cycle in it
    from_store = store.cached_dataset()  # no snapshot yet: read from the store, then written
    assert len(_snapshots(store)) == 1
    again = store_at(sample_url).cached_dataset()  # "the next start": another Store object, same store
    _frames_equal(from_store, again)
    assert again.attendance["institution_key"].notna().any()
    # the numbers of the pages are the same from either
    assert metrics.overview(metrics.View(again)) == metrics.overview(metrics.View(from_store))


def test_a_write_removes_the_snapshot_and_the_next_load_shows_the_new_rows(url):
    store = store_at(url)
    store.import_uploads([upload("lista_1.xlsx", attendance(["Anna Nowak", "Jan Kowalski"]), workshop=1)])
    before = store.cached_dataset()
    assert len(before.attendance) == 2 and len(_snapshots(store)) == 1
    store.import_uploads([upload("lista_2.xlsx", attendance(["Ewa Lis"]), workshop=2)])
    assert _snapshots(store) == []  # the snapshot of the old data is gone with the write
    after = store.cached_dataset()
    assert len(after.attendance) == 3
    [latest] = [b for b in store.history() if b.file == "lista_2.xlsx"]
    store.undo(latest.id)
    assert len(store.cached_dataset().attendance) == 2  # undone: not the snapshot of three rows


def test_a_store_changed_by_hand_is_read_again_not_taken_from_the_snapshot(url):
    store = store_at(url)
    store.import_uploads([upload("lista_1.xlsx", attendance(["Anna Nowak", "Jan Kowalski"]), workshop=1)])
    assert len(store.cached_dataset().attendance) == 2
    with store.engine.begin() as conn:  # an administrator deletes a row in the database itself
        conn.execute(sa.text("DELETE FROM attendance WHERE person = (SELECT min(person) FROM attendance)"))
    assert len(store.cached_dataset().attendance) == 1


def test_a_damaged_snapshot_is_ignored(url):
    store = store_at(url)
    store.import_uploads([upload("lista_1.xlsx", attendance(["Anna Nowak"]), workshop=1)])
    store.cached_dataset()
    [name] = _snapshots(store)
    (snapshot.folder() / name / "attendance.arrow").write_bytes(b"not an arrow file")
    dataset = store.cached_dataset()
    assert dataset.attendance["person"].notna().all() and len(dataset.attendance) == 1


def test_an_unwritable_data_folder_only_costs_the_snapshot(tmp_path, monkeypatch):
    if os.geteuid() == 0:
        blocked = tmp_path / "cache"
        blocked.write_text("a file where the folder would be")  # even root cannot make a folder here
    else:
        tmp_path.chmod(0o500)
    monkeypatch.setattr(snapshot, "folder", lambda: tmp_path / "cache")
    store = store_at(f"sqlite:///{tmp_path / 'inne.sqlite'}") if os.geteuid() == 0 else None
    if store is None:
        pytest.skip("needs root to keep the store writable beside an unwritable cache")
    store.import_uploads([upload("lista_1.xlsx", attendance(["Anna Nowak"]), workshop=1)])
    assert len(store.cached_dataset().attendance) == 1
    assert len(store.cached_dataset().attendance) == 1


def test_the_store_is_read_in_parts_with_the_same_types(url, monkeypatch):
    store = store_at(url)
    names = [f"Osoba {i}" for i in range(7)]
    store.import_uploads([upload("lista_1.xlsx", attendance(names), workshop=1)])
    with store.engine.begin() as conn:  # a column empty in the first parts, filled in the last
        conn.execute(sa.text("UPDATE attendance SET role = NULL"))
        conn.execute(sa.text("UPDATE attendance SET role = 'ekspert' WHERE person = (SELECT max(person) FROM attendance)"))
    whole = store.dataset()
    monkeypatch.setattr(store_reads, "_READ_ROWS", 2)  # four parts of two rows
    parted = store.dataset()
    _frames_equal(whole, parted)


def test_a_store_without_a_stamp_that_cannot_be_written_is_read_as_it_is(tmp_path, monkeypatch):
    from analysis.errors import UserError

    store = store_at(f"sqlite:///{tmp_path / 'stara.sqlite'}")
    store.import_uploads([upload("lista_1.xlsx", attendance(["Anna Nowak", "Jan Kowalski"]), workshop=1)])
    with store.engine.begin() as conn:  # written by a version before the stamp
        conn.execute(sa.text("DELETE FROM meta WHERE key = 'data_stamp'"))

    def refused(*args, **kwargs):
        raise UserError("Magazyn jest tylko do odczytu.", "store_read_only")

    monkeypatch.setattr(type(store), "_writing", refused)
    assert len(store.cached_dataset().attendance) == 2
    assert _snapshots(store) == []
