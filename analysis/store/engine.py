"""The store's database: its address, the engine, the write transaction, the data stamp, storage errors.

SQLAlchemy over SQLite by default (a file in the data folder beside the app, WAL mode, a busy
timeout); ``DATABASE_URL`` selects another database, PostgreSQL above all. Every write is one
transaction that first takes the database's write lock: on SQLite ``BEGIN IMMEDIATE``, on
PostgreSQL a transaction-scoped advisory lock.
"""

from __future__ import annotations

import random
import sqlite3
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.pool import ConnectionPoolEntry

from analysis import config
from analysis.errors import UserError
from analysis.store import location, snapshot
from analysis.store.schema import meta_table

# the key of PostgreSQL's advisory lock that serialises every write to the store
WRITE_LOCK = 0x5041_5254  # "PART"


def store_url() -> str:
    """The store's SQLAlchemy URL: ``DATABASE_URL``, else the SQLite file in the data folder."""
    return config.database_url() or location.folder_url()


def create_engine(url: str) -> tuple[sa.Engine, bool]:
    """The engine of the store at ``url`` and whether it is SQLite (then with its pragmas and locking)."""
    is_sqlite = location.checked_url(url).get_backend_name() == "sqlite"
    engine_args: dict[str, object] = {}
    if is_sqlite:
        engine_args["connect_args"] = {"timeout": 30, "check_same_thread": False}
    else:
        engine_args["pool_pre_ping"] = True
    try:
        engine = sa.create_engine(url, **engine_args)
    except (sa.exc.ArgumentError, ImportError):  # a driver that is not installed (postgresql+pg8000://)
        raise UserError("Ustawienie DATABASE_URL wskazuje sterownik bazy danych, którego program nie ma. "
                        + location.DATABASE_URL_HELP, "database_url_invalid") from None
    if is_sqlite:
        sa.event.listen(engine, "connect", _sqlite_connect)
        sa.event.listen(engine, "begin", _sqlite_begin)
    return engine, is_sqlite


def insert_new(conn: sa.Connection, table: sa.Table) -> sa.Insert:
    """An INSERT into ``table`` that leaves out a row whose key is there already, decided by the database (ON
    CONFLICT DO NOTHING: a row another process inserted meanwhile is kept). The store is SQLite or PostgreSQL."""
    from sqlalchemy.dialects import postgresql, sqlite

    if conn.dialect.name == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing()
    return sqlite.insert(table).on_conflict_do_nothing()


@contextmanager
def write_transaction(engine: sa.Engine, is_sqlite: bool, foreign_keys: bool = True) -> Iterator[sa.Connection]:
    """One write transaction, holding the store's write lock from its first statement to commit.

    ``foreign_keys=False`` (migrations on SQLite) lets a migration rebuild a table without
    SQLite cascading the drop of the old copy to its rows; the keys are checked before commit.
    A database error becomes the Polish sentence of ``storage_error``.
    """
    try:
        with engine.connect() as conn:
            if is_sqlite and not foreign_keys:
                driver(conn).execute("PRAGMA foreign_keys=OFF")  # outside a transaction
            try:
                conn.execution_options(write_lock=True)
                with conn.begin():
                    if not is_sqlite:
                        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(WRITE_LOCK)))
                    yield conn
                    if is_sqlite and not foreign_keys and conn.exec_driver_sql(
                            "PRAGMA foreign_key_check").first() is not None:
                        raise RuntimeError("a migration left rows without their batch")
            finally:
                if is_sqlite and not foreign_keys:
                    driver(conn).execute("PRAGMA foreign_keys=ON")
    except sa.exc.DBAPIError as exc:
        raise storage_error(exc) from None


def driver(conn: sa.Connection) -> Any:  # noqa: ANN401 - the DB-API driver's own connection
    """The database driver's connection under ``conn`` (sqlite3 or psycopg), in the same transaction."""
    found = conn.connection.driver_connection
    assert found is not None
    return found


def _sqlite_connect(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")
    # Switching a new file to WAL needs a moment alone with it, and SQLite answers "locked" at once
    # (without waiting) when another process is doing the same: wait and try again.
    # A database that cannot be in WAL (one in memory, refused before) is refused after the same wait.
    deadline = time.monotonic() + 30
    while cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        if time.monotonic() > deadline:
            raise sqlite3.OperationalError("the database cannot be switched to WAL")
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc).lower() or time.monotonic() > deadline:
                raise
            time.sleep(0.05 + random.random() * 0.1)
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
    # SQLAlchemy, not the driver, begins transactions (see _sqlite_begin)
    dbapi_connection.isolation_level = None


def _sqlite_begin(conn: sa.Connection) -> None:
    """Writes take SQLite's write lock at BEGIN, before they read what they check; reads do not."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write_lock") else "BEGIN")


# --- the data version and stamp (meta) --------------------------------------------------------------


def meta(conn: sa.Connection, key: str) -> str | None:
    return conn.execute(sa.select(meta_table.c.value).where(meta_table.c.key == key)).scalar()


def new_stamp(conn: sa.Connection) -> None:
    """A new random ``data_stamp`` (in the write's transaction): what the store holds now has a name no
    earlier state had — even after a backup is restored — so a snapshot of it is never mistaken."""
    stamp = uuid.uuid4().hex
    if conn.execute(meta_table.update().where(meta_table.c.key == "data_stamp").values(value=stamp)).rowcount == 0:
        conn.execute(meta_table.insert().values(key="data_stamp", value=stamp))


def bump(conn: sa.Connection, url: str) -> None:
    """Mark a write: the data version and stamp change, and the snapshots of the old data are removed."""
    current = meta(conn, "data_version")
    conn.execute(meta_table.update().where(meta_table.c.key == "data_version")
                 .values(value=str(int(current or 0) + 1)))
    new_stamp(conn)
    snapshot.prune(url)


# --- what a failed database call means for the user ------------------------------------------------

_DISK_FULL = ("database or disk is full", "no space left on device", "could not extend file", "disk full")
_BUSY = ("database is locked", "database table is locked", "lock timeout", "deadlock detected")


def storage_error(exc: sa.exc.DBAPIError) -> UserError:
    """What a failed database call means for the user, in Polish, without any stored value.

    SQLAlchemy's own text lists the statement and its parameters (names of institutions, titles),
    so it never reaches a page or the terminal; the transaction was rolled back before this.
    """
    original = exc.orig
    text = str(original).lower()
    sqlstate = getattr(original, "sqlstate", None) or getattr(getattr(original, "diag", None), "sqlstate", None)
    if any(phrase in text for phrase in _DISK_FULL) or sqlstate in ("53100", "53200"):
        return UserError("Na dysku zabrakło miejsca na bazę danych — nic nie zapisano, a dane w magazynie są bez "
                         "zmian. Zwolnij miejsce na dysku (albo poproś administratora serwera bazy danych) i spróbuj "
                         "ponownie.", "disk_full")
    if any(phrase in text for phrase in _BUSY) or sqlstate in ("55P03", "40P01", "40001"):
        return UserError("Magazyn danych jest zajęty innym zapisem (np. importem na drugim komputerze) — nic nie "
                         "zapisano. Spróbuj ponownie za chwilę.", "store_busy")
    if isinstance(exc, sa.exc.OperationalError):
        return UserError("Nie można połączyć się z magazynem danych albo zapisać w nim zmian — nic nie zapisano. "
                         "Sprawdź ustawienie DATABASE_URL, połączenie z serwerem bazy danych i prawo zapisu do "
                         f"folderu danych, potem spróbuj ponownie. (Błąd bazy danych: {type(original).__name__}.)",
                         "store_unreachable")
    return UserError("Zapis w magazynie danych nie powiódł się — nic nie zapisano, dane są bez zmian. Spróbuj "
                     f"ponownie; jeśli błąd się powtórzy, zgłoś go administratorowi (błąd bazy danych: "
                     f"{type(original).__name__}).", "store_failed")
