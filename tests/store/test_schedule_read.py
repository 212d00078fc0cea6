"""The schedule read alone (``Store.schedule``): what every phone's script run names its workshop from. It is read
from the database once per state of the store, and never shows a schedule the store no longer has."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import sqlalchemy as sa

from tests import fixtures as fx
from tests.checkin.support import first_list, schedule
from tests.stores import store_at, upload


@pytest.fixture
def url(migrated_url):
    return migrated_url


def _reads_of_workshops(store) -> list[str]:
    """The statements that read the workshops table, as they are sent from now on."""
    seen: list[str] = []

    @sa.event.listens_for(store.engine, "before_cursor_execute")
    def _note(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT") and "FROM workshops" in statement:
            seen.append(statement)

    return seen


def test_the_schedule_is_read_once_per_state_of_the_store_and_a_callers_change_stays_its_own(url):
    store = store_at(url)
    store.import_uploads([upload("harmonogram.xlsx", schedule())])
    reads = _reads_of_workshops(store)
    first = store.schedule()
    assert first[["workshop", "gmina"]].values.tolist() == [[1, "serock"], [2, "legionowo"], [3, "jablonna"]]
    first.loc[0, "gmina"] = "changed by a caller"
    again = store.schedule()
    assert len(reads) == 1  # the phones' next runs: no new read of the table
    assert again["gmina"].tolist() == ["serock", "legionowo", "jablonna"]
    pd.testing.assert_frame_equal(again.reset_index(drop=True),
                                  store.dataset().workshops.reset_index(drop=True))


def test_a_write_of_data_in_this_or_another_process_is_seen_at_once(url):
    store, other = store_at(url), store_at(url)  # the dashboard, and the command line beside it
    store.import_uploads([upload("harmonogram.xlsx", schedule())])
    assert store.schedule()["venue"].tolist() == ["Hala", "Ratusz", "Pałac"]
    other.import_uploads([upload("lista_1.xlsx", first_list(), workshop=1)])  # a new state, the schedule as it was
    assert store.schedule()["venue"].tolist() == ["Hala", "Ratusz", "Pałac"]
    later = fx.xlsx_bytes({"Harmonogram": [
        ["Harmonogram warsztatów – cykl 2026"], ["Nr", "Data", "Gmina", "Miejsce", "Temat"],
        [1, dt.date(2026, 9, 10), "Serock", "Hala", "Pierwszy"],
        [2, dt.date(2026, 10, 8), "Legionowo", "Sala konferencyjna", "Drugi"]]})
    other.import_uploads([upload("harmonogram_nowy.xlsx", later)], on_existing="replace")
    assert store.schedule().set_index("workshop").loc[2, "venue"] == "Sala konferencyjna"
    [batch] = [b for b in other.history() if b.file == "harmonogram_nowy.xlsx"]
    other.undo(batch.id)
    assert store.schedule().set_index("workshop").loc[2, "venue"] == "Ratusz"
