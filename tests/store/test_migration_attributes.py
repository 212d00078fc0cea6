"""Migration 0011_attributes: optional gender and age group on the attendance and the check-in's people."""

from __future__ import annotations

import sqlalchemy as sa

from analysis.checkin import CheckIns
from analysis.store import migrate, open_store
from tests import fixtures as fx
from tests.checkin.support import CLAUSE, KEEP_UNTIL, TODAY, fill, form, upload
from tests.stores import KEY, store_at


def _downgrade(store, revision: str) -> None:
    from alembic import command
    from alembic.config import Config

    from analysis.store.engine import write_transaction

    with write_transaction(store.engine, store.is_sqlite, foreign_keys=False) as conn:  # as migrations run
        config = Config()
        config.set_main_option("script_location", str(migrate.MIGRATIONS))
        config.attributes["connection"] = conn
        command.downgrade(config, revision)
    store.engine.dispose()


def _columns(store, table: str) -> set[str]:
    with store.engine.connect() as conn:
        return {c["name"] for c in sa.inspect(conn).get_columns(table)}


def _attendance(store) -> list[tuple]:
    with store.engine.connect() as conn:
        return sorted(tuple(r) for r in conn.execute(sa.text(
            "SELECT workshop, person, institution, sector, gmina FROM attendance")))


def test_the_attributes_go_down_and_up_again_keeping_every_row(url):
    store = store_at(url)
    fill(store)
    listed = fx.xlsx_bytes({"Lista": [["Lista obecności – warsztat 2"], ["Imię i nazwisko", "Instytucja", "Płeć", "Wiek"],
                                      ["Ewa Lis", "Fundacja Razem", "K", "34"]]})
    store.import_uploads([upload(store, "lista_2.xlsx", listed, workshop=2)])
    checkins = CheckIns(store)
    checkin = checkins.open("2026", 3, CLAUSE, KEEP_UNTIL, today=TODAY)
    checkins.check_in(form(checkin.id, "Maria Zielińska", workshop=3, gender="female", age_group="60_plus"))
    rows = _attendance(store)
    with store.engine.connect() as conn:
        stored = conn.execute(sa.text("SELECT gender, age_group FROM attendance WHERE workshop = 2")).all()
    assert [tuple(r) for r in stored] == [("female", "30_44")]  # the group, not the age
    assert {"gender", "age_group"} <= _columns(store, "attendance") & _columns(store, "checkin_people")

    _downgrade(store, "0010_cards")
    assert not {"gender", "age_group"} & (_columns(store, "attendance") | _columns(store, "checkin_people"))
    assert _attendance(store) == rows  # nothing else lost

    again = open_store(url, key=KEY, seed_sample=False)  # upgraded when opened
    assert _attendance(again) == rows
    [person] = again.checked_in(checkin.id)
    assert (person.gender, person.age_group) == (None, None)  # what went down is not given any more
    with again.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM attendance WHERE gender IS NOT NULL")).scalar() == 0
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == migrate.HEAD  # up again
