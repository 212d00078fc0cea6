"""The fixture of the check-in tests: a store with a schedule and one list, a check-in open (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from analysis.checkin import CheckIns
from tests.checkin.support import CLAUSE, KEEP_UNTIL, TODAY, fill
from tests.stores import store_at


@pytest.fixture(params=["sqlite", "postgresql"])
def desk(request, store_copy, tmp_path, monkeypatch):
    """(store, check-ins, the open check-in of workshop 2 of 2026) with its own data folder for names, on SQLite
    and on PostgreSQL: a copy of the store ``support.prepared`` makes, made once per test process."""
    monkeypatch.setenv("PARTNERSTWO_DATA_DIR", str(tmp_path / "data"))
    store = store_at(store_copy("checkin", request.param, fill))
    checkins = CheckIns(store)
    checkin = checkins.open("2026", 2, CLAUSE, KEEP_UNTIL, today=TODAY)
    yield store, checkins, checkin
    store.engine.dispose()
