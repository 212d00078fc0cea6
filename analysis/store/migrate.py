"""Bring a store to the program's schema with Alembic (the SQLAlchemy project's migration tool).

Opening a store upgrades it automatically: under the store's write lock, in one transaction
(a failed migration leaves the store as it was), after a backup copy of a SQLite file. A store
made before migrations existed (``meta.schema_version = 1``, no ``alembic_version``) is stamped
as migration 0001 first. A store newer than the program is refused with a Polish sentence.
``meta.schema_version`` keeps the number of the newest migration, so that programs from before
migrations refuse a newer store too.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

from analysis.errors import UserError

if TYPE_CHECKING:
    from types import ModuleType

    from alembic.config import Config
    from alembic.runtime.environment import EnvironmentContext
    from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).with_name("migrations")
# the newest migration (``head()``; a test keeps them equal): a store already there is opened without
# importing Alembic, which took ~0.5 s of every server's and command's start
HEAD = "0013_survey_cards"
NEWER_STORE = ("Magazyn danych pochodzi z nowszej wersji panelu niż ta. Zaktualizuj program (albo uruchom tę "
               "wersję, która go ostatnio zapisała), zanim go otworzysz — dane nie zostały zmienione.")


def _config(conn: sa.Connection | None = None, seal_key: bytes | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if conn is not None:
        config.attributes["connection"] = conn
    config.attributes["seal_key"] = seal_key  # the store's key: a migration that seals votes signs with it
    return config


@functools.cache
def _script() -> ScriptDirectory:
    """The migrations, read once per process (the files do not change while the program runs)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config())


def run(env: EnvironmentContext | ModuleType, conn: sa.Connection) -> None:
    """Run the migrations on the store's own connection, inside its write transaction (``env``: Alembic's
    environment; migrations/env.py calls this too, for Alembic's own commands)."""
    from analysis.store.schema import metadata

    env.configure(connection=conn, target_metadata=metadata, render_as_batch=True, transaction_per_migration=False)
    with env.begin_transaction():  # a no-op: the store's transaction is already open
        env.run_migrations()


def head() -> str:
    """The newest migration this program knows."""
    heads = _script().get_heads()
    assert len(heads) == 1, f"the migrations must form one line, not {heads}"
    return heads[0]


def number(revision: str) -> int:
    """The migration's number: "0003" -> 3, "0004_targets" -> 4 (``meta.schema_version``)."""
    return int(revision.split("_", 1)[0])


def known(revision: str) -> bool:
    return revision in {script.revision for script in _script().walk_revisions()}


def revision_of(conn: sa.Connection) -> str | None:
    """The store's migration (None: no tables yet, or a store from before migrations)."""
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def _recorded_revision(conn: sa.Connection) -> str | None:
    """What ``alembic_version`` says, read without Alembic (None: no such table, or not one row)."""
    if not sa.inspect(conn).has_table("alembic_version"):
        return None
    rows = conn.execute(sa.text("SELECT version_num FROM alembic_version")).all()
    return str(rows[0][0]) if len(rows) == 1 else None


def state(conn: sa.Connection) -> str:
    """current | behind | newer | empty | legacy (a version-1 store from before migrations)."""
    if _recorded_revision(conn) == HEAD:
        return "current"
    revision = revision_of(conn)
    if revision is None:
        if not sa.inspect(conn).has_table("meta"):
            return "empty"
        version = conn.execute(sa.text("SELECT value FROM meta WHERE key = 'schema_version'")).scalar()
        return "newer" if version is not None and int(version) > 1 else "legacy"
    if not known(revision):
        return "newer"
    return "current" if revision == head() else "behind"


def upgrade(conn: sa.Connection, seal_key: bytes | None = None) -> bool:
    """Run the missing migrations on ``conn`` (inside the store's write transaction); True if any ran.

    ``seal_key``: the store's secret key (``Store.seal_key``), for a migration that seals closed votes."""
    found = state(conn)
    if found == "newer":
        raise UserError(NEWER_STORE, "store_newer")
    if found == "current":
        return False
    from alembic import command
    from alembic.runtime.environment import EnvironmentContext

    config = _config(conn, seal_key)
    if found == "legacy":
        command.stamp(config, "0001")
    script = _script()
    # what ``alembic.command.upgrade`` does, on the migrations read once instead of read again for every store
    with EnvironmentContext(config, script, fn=lambda revision, _: script._upgrade_revs("head", revision),
                            destination_rev="head") as env:
        run(env, conn)
    newest = head()
    conn.execute(sa.text("DELETE FROM meta WHERE key = 'schema_version'"))
    conn.execute(sa.text("INSERT INTO meta (key, value) VALUES ('schema_version', :v)"), {"v": str(number(newest))})
    if conn.execute(sa.text("SELECT count(*) FROM meta WHERE key = 'data_version'")).scalar() == 0:
        conn.execute(sa.text("INSERT INTO meta (key, value) VALUES ('data_version', '0')"))
    return True
