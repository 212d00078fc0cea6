"""The sample removed with what was done to it: its vote, result and statuses; proposals undone take along
the results that pointed at them."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from analysis.store import open_store
from analysis.store.schema import proposal_updates_table, votes_table
from tests import fixtures as fx
from tests.stores import KEY, sample_vote, store_at, upload


@pytest.fixture
def url(migrated_url):
    """This module's new stores start at the program's schema, holding nothing (a copy of a store migrated once
    per test process: ``migrated_url``); tests/store/test_migrations.py builds them from nothing."""
    return migrated_url

PEOPLE = [("Anna", "Nowak"), ("Piotr", "Wójcik"), ("Ewa", "Kowalska-Nowak"), ("Jan Maria", "Król"), ("Łucja", "Żak")]


def first_list() -> bytes:
    rows = [["Lista obecności – warsztat 1"], ["Lp.", "Imię i nazwisko", "Instytucja", "Sektor", "Miejscowość"],
            *[[i, f"{first} {last}", "Urząd Gminy Serock", "JST", "Serock"] for i, (first, last) in enumerate(PEOPLE, 1)]]
    return fx.xlsx_bytes({"Lista": rows})


# --- the sample removed with what was done to it ---------------------------------------------------


def updates_and_votes(store) -> tuple[int, int]:
    with store.engine.connect() as conn:
        return (int(conn.execute(sa.select(sa.func.count()).select_from(proposal_updates_table)).scalar() or 0),
                int(conn.execute(sa.select(sa.func.count()).select_from(votes_table)).scalar() or 0))


@pytest.mark.parametrize("how", ["button", "first import"])
def test_removing_the_sample_removes_its_vote_result_and_statuses(sample_url, how):
    store = open_store(sample_url, key=KEY)
    sample_vote(store)
    store.save_status("2018", 3, 1, "in_progress", dt.date(2018, 10, 20))
    assert {b.kind for b in store.history()} >= {"votes", "status"}
    if how == "button":
        store.remove_sample()
    else:
        assert store.import_uploads([upload("lista.xlsx", first_list(), workshop=1)]).sample_removed
    assert {b.kind for b in store.history()} <= {"attendance"}
    assert updates_and_votes(store) == (0, 0)  # nothing left that points at the sample's proposals


def test_undoing_proposals_takes_along_the_results_that_pointed_at_them(url):
    store = store_at(url)
    sheet = [["Nr", "Tytuł propozycji", "Obszar", "Status"], [1, "Bon", "1", "pod głosowanie"],
             [2, "Targ", "2", "pod głosowanie"]]
    [saved] = store.import_uploads([upload("p.xlsx", fx.xlsx_bytes({"3 Jabłonna": sheet}))]).saved
    status = store.save_status("2018", 3, 1, "selected", dt.date(2018, 10, 8))
    assert [b.id for b in store.goes_with(saved.id)] == [status.id]
    assert store.goes_with(status.id) == []
    store.undo(saved.id)
    assert store.history() == [] and updates_and_votes(store) == (0, 0)
