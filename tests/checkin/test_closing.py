"""Closing a check-in: the workshop's attendance becomes a batch like an import (history, undo, numbers),
a restart loses nothing, and a check-in and an import of the same workshop never make two lists."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from analysis import metrics
from analysis.checkin import CheckIns
from analysis.errors import UserError
from analysis.store import Store
from tests.checkin.support import CLAUSE, KEEP_UNTIL, TODAY, first_list, form, rows, upload
from tests.stores import KEY
from tests.voting.support import sample_store


def _workshop_2(store: Store):
    attendance = store.dataset().attendance
    return attendance[(attendance["cycle"] == "2026") & (attendance["workshop"] == 2)]


def _status(store: Store, workshop: int) -> str:
    view = metrics.View(store.dataset(), metrics.Filters(cycle="2026"))
    schedule = view.schedule
    return str(schedule.loc[schedule["workshop"] == workshop, "status"].iloc[0])


def test_closing_makes_the_attendance_a_batch_the_numbers_count_and_undo_removes(desk):
    store, checkins, checkin = desk
    checkins.check_in(form(checkin.id, "Anna Kowalska"))
    checkins.check_in(form(checkin.id, "Olga Mróz", "Fundacja Razem"))
    checkins.check_in(form(checkin.id, "Adam Kos", "", sector="agriculture", gmina="outside", channel="phone"))
    before = _status(store, 2)
    closed = checkins.close(checkin.id)
    assert before != "held" and _status(store, 2) == "held"
    assert closed.batch.kind == "attendance" and closed.batch.rows == 3 and closed.batch.workshop == 2
    assert closed.batch.id in [b.id for b in store.history()] and closed.checkin.state == "closed"
    people = _workshop_2(store)
    assert sorted(people["sector"].astype(str)) == ["agriculture", "local_government", "ngo"]
    # Anna Kowalska is one person across the imported list and the check-in
    view = metrics.View(store.dataset(), metrics.Filters(cycle="2026"))
    assert metrics.unique_participants(view) == 5
    assert metrics.new_and_returning(view).set_index("workshop").loc[2, "returning"] == 1
    assert checkins.close(checkin.id).batch.id == closed.batch.id  # closing again: the same batch, nothing more
    assert len([b for b in store.history() if b.kind == "attendance"]) == 2

    store.undo(closed.batch.id)
    assert len(_workshop_2(store)) == 0 and _status(store, 2) != "held"
    assert checkins.get(checkin.id).batch_id is None and rows(store) == 3  # the people checked in are kept
    reopened = checkins.open("2026", 2, CLAUSE, KEEP_UNTIL, today=TODAY)
    assert reopened.id == checkin.id and reopened.state == "open"
    checkins.check_in(form(checkin.id, "Piotr Lis"))
    assert checkins.close(checkin.id).batch.rows == 4


def test_a_restart_in_the_middle_of_a_check_in_loses_nothing(desk):
    store, checkins, checkin = desk
    checkins.check_in(form(checkin.id, "Anna Kowalska"))
    checkins.check_in(form(checkin.id, "Olga Mróz", "Fundacja Razem"))
    store.engine.dispose()  # the server stops
    again = Store(store.url, key=KEY)
    again.ensure_schema()
    after = CheckIns(again)
    assert after.get(checkin.id).state == "open"
    assert after.check_in(form(checkin.id, "Olga Mróz", "Fundacja Razem", channel="phone")).already  # a retry
    after.check_in(form(checkin.id, "Piotr Lis"))
    closed = after.close(checkin.id)
    assert closed.batch.rows == 3
    assert closed.list_path is not None
    again.engine.dispose()


def test_an_import_of_the_workshop_is_refused_while_its_check_in_is_open_and_a_listed_workshop_cannot_open(desk):
    store, checkins, checkin = desk
    checkins.check_in(form(checkin.id, "Maria Zielińska"))
    history = store.history()
    with pytest.raises(UserError) as refused:
        store.import_uploads([upload(store, "lista_2.xlsx", first_list(2), workshop=2)], on_existing="add")
    assert refused.value.code == "checkin_open" and "trwa rejestracja" in refused.value.message
    assert store.history() == history and rows(store) == 1
    # another workshop's list is imported as ever
    store.import_uploads([upload(store, "lista_3.xlsx", first_list(3), workshop=3)])
    with pytest.raises(UserError) as listed:
        checkins.open("2026", 3, CLAUSE, KEEP_UNTIL, today=TODAY)
    assert listed.value.code == "checkin_list_exists"
    with pytest.raises(UserError) as listed_first:
        checkins.open("2026", 1, CLAUSE, KEEP_UNTIL, today=TODAY)
    assert listed_first.value.code == "checkin_list_exists"
    # once closed, a later list of the workshop meets the check-in's list as any list: add or replace
    closed = checkins.close(checkin.id)
    with pytest.raises(UserError) as conflict:
        store.import_uploads([upload(store, "lista_2.xlsx", first_list(2), workshop=2)])
    assert conflict.value.code == "conflict" and closed.batch.file in conflict.value.message


def test_opening_is_refused_for_what_is_not_a_real_workshop_or_not_a_real_setting(desk):
    store, checkins, _ = desk
    cases = [(("2026", 9, CLAUSE, KEEP_UNTIL), "no_such_workshop"),
             (("2026", 3, "   ", KEEP_UNTIL), "checkin_bad_settings"),
             (("2026", 3, CLAUSE, dt.date(2026, 9, 1)), "checkin_bad_settings"),
             (("2026", 3, CLAUSE, dt.date(2040, 1, 1)), "checkin_bad_settings")]
    for arguments, code in cases:
        with pytest.raises(UserError) as refused:
            checkins.open(*arguments, today=TODAY)
        assert refused.value.code == code
    assert [c.workshop for c in checkins.all()] == [2]
    assert checkins.open("2026", 2, CLAUSE, KEEP_UNTIL, today=TODAY).id == checkins.all()[0].id  # again: the same


def test_an_empty_check_in_is_not_closed(desk):
    _, checkins, checkin = desk
    with pytest.raises(UserError) as refused:
        checkins.close(checkin.id)
    assert refused.value.code == "checkin_empty" and checkins.get(checkin.id).state == "open"


def test_the_sample_cycle_has_no_check_in(url, tmp_path, monkeypatch):
    monkeypatch.setenv("PARTNERSTWO_DATA_DIR", str(tmp_path / "data"))
    store = sample_store(url)
    with pytest.raises(UserError) as refused:
        CheckIns(store).open("2018", 4, CLAUSE, dt.date(2030, 1, 1), today=TODAY)
    assert refused.value.code == "checkin_sample"
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM checkins")).scalar() == 0
    store.engine.dispose()


def test_an_import_and_a_check_in_of_one_workshop_at_the_same_moment_never_make_two_lists(url, tmp_path, monkeypatch):
    """Both take the store's write lock: whichever comes first wins, the other is refused with its sentence."""
    import threading

    from tests.checkin.support import prepared

    monkeypatch.setenv("PARTNERSTWO_DATA_DIR", str(tmp_path / "data"))
    store, checkins = prepared(url)
    listed = upload(store, "lista_2.xlsx", first_list(2), workshop=2)
    barrier = threading.Barrier(2)
    outcome: dict[str, str] = {}

    def importing() -> None:
        barrier.wait(timeout=60)
        try:
            store.import_uploads([listed], on_existing="add")
            outcome["import"] = "saved"
        except UserError as exc:
            outcome["import"] = exc.code

    def checking_in() -> None:
        barrier.wait(timeout=60)
        try:
            checkin = checkins.open("2026", 2, CLAUSE, KEEP_UNTIL, today=TODAY)
            checkins.check_in(form(checkin.id, "Maria Zielińska"))
            outcome["checkin"] = "open"
        except UserError as exc:
            outcome["checkin"] = exc.code

    threads = [threading.Thread(target=importing), threading.Thread(target=checking_in)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert outcome in ({"import": "saved", "checkin": "checkin_list_exists"},
                       {"import": "checkin_open", "checkin": "open"}), outcome
    attendance = store.dataset().attendance
    lists = {b.id for b in store.history() if b.kind == "attendance" and b.workshop == 2}
    if outcome["import"] == "saved":
        assert len(lists) == 1 and checkins.of_workshop("2026", 2) is None and rows(store) == 0
    else:
        assert lists == set() and rows(store) == 1
    assert len(attendance[(attendance["cycle"] == "2026") & (attendance["workshop"] == 2)]) in (0, 3)
    store.engine.dispose()
