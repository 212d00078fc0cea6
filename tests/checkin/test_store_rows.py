"""The store's public methods the check-in goes through (``Store.checkin``, ``add_checked_in``, …): the rows they
hand out and take in, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from analysis.store import CheckedInRow
from tests.checkin.support import form


def test_a_person_is_added_once_and_read_back_in_the_order_people_came(desk):
    store, checkins, checkin = desk
    at = dt.datetime(2026, 10, 8, 9, 0, 0, 123456)
    row = CheckedInRow(checkin.id, "p" * 40, None, "ngo", "serock", "phone", at)
    with store.transaction(changes_data=False) as conn:
        assert store.add_checked_in(conn, row) is True
    with store.transaction(changes_data=False) as conn:  # the same person again: the database keeps one row
        other = CheckedInRow(checkin.id, "p" * 40, "Inna", "business", "outside", "desk", at)
        assert store.add_checked_in(conn, other) is False
    checkins.check_in(form(checkin.id, "Maria Zielińska"))
    people = store.checked_in(checkin.id)
    assert [(p.person, p.institution, p.sector, p.channel) for p in people][0] == ("p" * 40, None, "ngo", "phone")
    assert people[0].checked_at == at and len(people) == 2
    assert store.checked_in(checkin.id, "p" * 40) == [people[0]]
    found, places = store.checked_in_places(checkin.id)
    assert found == store.checkin(checkin.id) and sorted(places) == [("local_government", "serock"), ("ngo", "serock")]


def test_the_check_in_rows_and_the_institutions_the_partnership_knows(desk):
    store, checkins, checkin = desk
    assert [c.id for c in store.all_checkins()] == [checkin.id]
    assert store.checkin_of_workshop("2026", 2) == store.checkin(checkin.id) and store.checkin("nie-ma") is None
    assert store.checkin_of_workshop("2026", 3) is None
    listed = {(i, s, g): n for i, s, g, n in store.listed_institutions()}
    assert listed == {("Urząd Gminy Serock", "local_government", "serock"): 2, ("Fundacja Razem", "ngo", "jablonna"): 1}
    checkins.check_in(form(checkin.id, "Maria Zielińska", "Fundacja Nowa", sector="ngo", gmina="wieliszew"))
    assert store.checked_in_institutions() == [("Fundacja Nowa", "ngo", "wieliszew", 1)]
    back = checkins.check_in(form(checkin.id, "Anna Kowalska"))
    assert store.earlier_workshops([store.checked_in(checkin.id)[-1].person, "x"], "2026", 2) == {
        store.checked_in(checkin.id)[-1].person: 1} and back.earlier_workshops == 1
