"""The fixture of the check-in tests: a store with a schedule and one list, a check-in open (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from tests.checkin.support import CLAUSE, KEEP_UNTIL, TODAY, prepared


@pytest.fixture
def desk(url, tmp_path, monkeypatch):
    """(store, check-ins, the open check-in of workshop 2 of 2026) with its own data folder for names."""
    monkeypatch.setenv("PARTNERSTWO_DATA_DIR", str(tmp_path / "data"))
    store, checkins = prepared(url)
    checkin = checkins.open("2026", 2, CLAUSE, KEEP_UNTIL, today=TODAY)
    yield store, checkins, checkin
    store.engine.dispose()
