"""Opening an older store upgrades it (Alembic), keeping every row; a failed upgrade changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from analysis.errors import UserError
from analysis.store import Store, migrate, open_store
from analysis.store.schema import metadata
from tests.stores import KEY, attendance, upload

# The schema of the stores made before migrations, frozen as that program created it.
V1 = sa.MetaData()
sa.Table("meta", V1, sa.Column("key", sa.String(64), primary_key=True), sa.Column("value", sa.Text, nullable=False))
sa.Table("batches", V1, sa.Column("id", sa.String(32), primary_key=True), sa.Column("file", sa.Text, nullable=False),
         sa.Column("content_hash", sa.String(64), nullable=False, index=True),
         sa.Column("kind", sa.String(16), nullable=False), sa.Column("sheet", sa.Text, nullable=False),
         sa.Column("cycle", sa.String(32), nullable=False), sa.Column("workshop", sa.Integer),
         sa.Column("rows", sa.Integer, nullable=False), sa.Column("problems", sa.Integer, nullable=False),
         sa.Column("imported_at", sa.DateTime, nullable=False), sa.Column("is_sample", sa.Boolean, nullable=False))


def _rows_of_batch() -> list[sa.Column]:
    return [sa.Column("batch_id", sa.String(32), sa.ForeignKey("batches.id", ondelete="CASCADE"), nullable=False,
                      index=True),
            sa.Column("cycle", sa.String(32), nullable=False), sa.Column("workshop", sa.Integer, nullable=False)]


sa.Table("workshops", V1, *_rows_of_batch(), sa.Column("date", sa.Date), sa.Column("gmina", sa.Text),
         sa.Column("venue", sa.Text), sa.Column("title", sa.Text))
sa.Table("attendance", V1, *_rows_of_batch(), sa.Column("person", sa.String(40), nullable=False),
         sa.Column("institution", sa.Text), sa.Column("sector", sa.String(32), nullable=False),
         sa.Column("gmina", sa.String(16), nullable=False), sa.Column("role", sa.Text), sa.Column("group", sa.Text),
         sa.Column("replaced_by", sa.String(32), index=True))
sa.Table("proposals", V1, *_rows_of_batch(), sa.Column("number", sa.Integer), sa.Column("group", sa.Text),
         sa.Column("area", sa.Integer), sa.Column("title", sa.Text), sa.Column("description", sa.Text),
         sa.Column("lead", sa.Text), sa.Column("lead_sector", sa.String(32)), sa.Column("partners", sa.Text),
         sa.Column("votes", sa.Integer), sa.Column("status", sa.String(16), nullable=False),
         sa.Column("replaced_by", sa.String(32), index=True))

ROWS = {
    "meta": [{"key": "schema_version", "value": "1"}, {"key": "data_version", "value": "7"},
             {"key": "sample_seeded", "value": "skipped"}],
    "batches": [{"id": "b1", "file": "lista.xlsx", "content_hash": "h1", "kind": "attendance", "sheet": "3 Jabłonna",
                 "cycle": "2018", "workshop": 3, "rows": 3, "problems": 1,
                 "imported_at": dt.datetime(2018, 9, 14, 10, 0), "is_sample": False},
                {"id": "b2", "file": "propozycje.xlsx", "content_hash": "h2", "kind": "proposals", "sheet": "P",
                 "cycle": "2018", "workshop": 3, "rows": 2, "problems": 0,
                 "imported_at": dt.datetime(2018, 9, 14, 11, 0), "is_sample": False},
                {"id": "b3", "file": "harmonogram.xlsx", "content_hash": "h3", "kind": "workshops", "sheet": "H",
                 "cycle": "2018", "workshop": None, "rows": 1, "problems": 0,
                 "imported_at": dt.datetime(2018, 9, 14, 12, 0), "is_sample": False}],
    "attendance": [{"batch_id": "b1", "cycle": "2018", "workshop": 3, "person": f"p{i}", "institution": "OSP Chotomów",
                    "sector": "ngo", "gmina": "jablonna", "role": "", "group": "1", "replaced_by": None}
                   for i in range(3)],
    "proposals": [{"batch_id": "b2", "cycle": "2018", "workshop": 3, "number": n, "group": "1", "area": 2,
                   "title": f"Propozycja {n}", "description": "", "lead": "OSP", "lead_sector": "ngo", "partners": "",
                   "votes": None, "status": "to_vote", "replaced_by": None} for n in (1, 2)],
    "workshops": [{"batch_id": "b3", "cycle": "2018", "workshop": 3, "date": dt.date(2018, 9, 13),
                   "gmina": "jablonna", "venue": "Pałac", "title": "Warsztat 3"}],
}


def make_version_1(url: str) -> None:
    """A store exactly as the program before migrations left it, with data."""
    engine = sa.create_engine(url)
    V1.create_all(engine)
    with engine.begin() as conn:
        for name, rows in ROWS.items():
            conn.execute(V1.tables[name].insert(), rows)
    engine.dispose()


def table_rows(url: str) -> dict[str, list[tuple]]:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        found = {}
        for name, rows in ROWS.items():
            columns = [V1.tables[name].c[c] for c in rows[0]]
            found[name] = sorted(tuple(str(v) for v in r) for r in conn.execute(sa.select(*columns)))
        found["tables"] = sorted(sa.inspect(conn).get_table_names())
    engine.dispose()
    return found


def test_a_version_1_store_is_upgraded_keeping_every_row(url):
    make_version_1(url)
    before = table_rows(url)
    store = open_store(url, key=KEY)
    after = table_rows(url)
    for name in ("batches", "attendance", "proposals", "workshops"):
        assert after[name] == before[name] and len(after[name]) == len(ROWS[name])
    assert ("data_version", "7") in after["meta"] and ("schema_version", str(migrate.number(migrate.head()))) in after["meta"]
    assert "problems" in after["tables"] and "alembic_version" in after["tables"]
    with store.engine.connect() as conn:
        assert migrate.revision_of(conn) == migrate.head()
    data = store.dataset()  # the upgraded store works: read, import, undo
    assert len(data.attendance) == 3 and len(data.proposals) == 2 and not store.has_sample()
    outcome = store.import_uploads([upload("nowa.xlsx", attendance(["Anna Nowak"], "warsztat 4"))])
    store.undo(outcome.saved[0].id)
    assert table_rows(url)["attendance"] == before["attendance"]


def test_a_sqlite_store_is_copied_before_it_is_upgraded(tmp_path):
    url = f"sqlite:///{tmp_path / 'partnerstwo.sqlite'}"
    make_version_1(url)
    open_store(url, key=KEY)
    [copy] = tmp_path.glob("partnerstwo.sqlite.kopia-przed-aktualizacja-*")
    old = table_rows(f"sqlite:///{copy}")
    assert "problems" not in old["tables"] and old["attendance"] == table_rows(url)["attendance"]


def test_a_failed_upgrade_leaves_the_store_as_it_was(url):
    make_version_1(url)
    before = table_rows(url)
    store = Store(url, key=KEY)

    @sa.event.listens_for(store.engine, "before_cursor_execute")
    def fail_half_way(_conn, _cursor, statement, *_args):
        if "ix_problems_batch_id" in statement:  # after the new table was created
            raise RuntimeError("injected failure in the middle of a migration")

    with pytest.raises(UserError) as refused:
        store.ensure_schema()
    assert refused.value.code == "migration_failed" and "dane są bez zmian" in refused.value.message
    sa.event.remove(store.engine, "before_cursor_execute", fail_half_way)
    assert table_rows(url) == before  # no new table, no version stamp, every row


def test_a_store_newer_than_the_program_is_refused(url):
    store = open_store(url, key=KEY)
    with store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(UserError) as refused:
        Store(url, key=KEY).ensure_schema()
    assert refused.value.code == "store_newer"


def test_a_pre_migration_program_refuses_a_migrated_store(url):
    """Programs from before migrations read meta.schema_version and refuse anything above 1."""
    store = open_store(url, key=KEY)
    with store.engine.connect() as conn:
        version = conn.execute(sa.text("SELECT value FROM meta WHERE key = 'schema_version'")).scalar()
    assert int(version) > 1


def test_the_migrations_build_exactly_the_schema_the_program_uses(url):
    store = open_store(url, key=KEY)
    with store.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    assert differences == []


def test_the_newest_migration_named_in_the_code_is_alembics_head():
    """A store at ``migrate.HEAD`` is opened without Alembic: a new migration must move it too."""
    assert migrate.HEAD == migrate.head()
