"""A closed browser's session (``views/_session.py``): memory is handed back to the system after a session that
parsed uploads, not after each of a hall's phones — a full collection on the server's event loop stops every phone."""

from __future__ import annotations

import asyncio
import threading

import pytest

from views import _session


@pytest.fixture
def returns(monkeypatch):
    """The returns of memory asked for; every session closed as its browser is gone."""
    asked: list[str] = []
    monkeypatch.setattr(_session.internals, "close_session_if_gone", lambda session_id: True)
    monkeypatch.setattr(_session, "_return_memory", lambda: asked.append("now"))
    monkeypatch.setattr(_session, "_return_memory_soon", lambda loop: asked.append("soon"))
    return asked


def test_a_phones_closed_session_hands_no_memory_back(returns):
    phone = _session._Session("phone", {})
    _session._close_if_gone(phone.id, phone.uploads)
    assert returns == []


def test_a_closed_session_that_parsed_uploads_hands_its_memory_back(returns, monkeypatch):
    def no_loop():
        raise RuntimeError("no running event loop")

    # off the server's event loop (whatever loop an earlier test in this process left running, as Playwright's)
    monkeypatch.setattr(_session.asyncio, "get_running_loop", no_loop)
    office = _session._Session("office", {})
    office.uploads = True  # what ``import_reads`` marks: the import page parsed files in it
    _session._close_if_gone(office.id, office.uploads)
    assert returns == ["now"]  # at once


def test_on_the_servers_event_loop_sessions_closing_together_hand_memory_back_once_soon(returns):
    async def closing() -> None:
        for name in ("office", "second office"):
            session = _session._Session(name, {})
            _session._close_if_gone(session.id, True)

    thread = threading.Thread(target=asyncio.run, args=(closing(),))  # a loop of its own, as the server's
    thread.start()
    thread.join()
    assert returns == ["soon", "soon"]  # each asks; ``_return_memory_soon`` makes one return of them


def test_the_import_page_marks_its_session_as_one_that_parsed_uploads(monkeypatch):
    watched = _session._Session("office", {})
    monkeypatch.setattr(_session.internals, "script_session_id", lambda: "office")
    monkeypatch.setattr(_session, "_watch", lambda session_id, reads: watched)
    monkeypatch.setattr(_session.st, "session_state", {})
    assert _session.watch_session() == {} and not watched.uploads
    assert _session.import_reads() == {} and watched.uploads


def test_a_closed_browsers_parsed_uploads_are_no_longer_referenced(monkeypatch):
    """When the browser disconnects, the tables read from its uploads are let go at once (the session itself is
    shut down later: its browser may come back)."""
    import gc
    import weakref

    import pandas as pd

    from analysis.fields import TableKind
    from analysis.tables import FileResult, Table

    monkeypatch.setattr(_session, "_return_memory", lambda: None)

    def no_loop():
        raise RuntimeError("no running event loop")

    monkeypatch.setattr(_session.asyncio, "get_running_loop", no_loop)
    frame = pd.DataFrame({"person": pd.array(["Anna Nowak"] * 1000, dtype="str")})
    result = FileResult("lista.csv", tables=[Table("Arkusz1", TableKind.ATTENDANCE, frame, {}, None)])
    session = _session._Session("office", {("digest", None, "calendar", ()): result}, uploads=True)
    gone = weakref.ref(frame)
    del frame, result
    _session._released(session)
    gc.collect()
    assert session.reads == {} and gone() is None
