"""The sample cycle a new store starts with (its batches marked as sample data), seeded exactly once.

The sample's files (``analysis.sample``) are read as any upload is, each cycle against its own
schedule; the first real import removes the sample again (``batches.remove_sample``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import sqlalchemy as sa

from analysis.store.engine import meta
from analysis.store.records import Upload, content_hash
from analysis.store.schema import batches, meta_table

Steps = list[tuple[list[Upload], str]]  # uploads and what a list for a workshop that has one does ("add", …)


def seeded(conn: sa.Connection) -> bool:
    """Whether the store was ever seeded (or found filled and left without the sample)."""
    return meta(conn, "sample_seeded") is not None


def read() -> Steps:
    """The sample's files read as uploads, in the order they are imported."""
    # kept local for start-up speed: the readers are needed only by a store that was never seeded
    from analysis.reading import calendar_from_tables, read_files
    from analysis.sample import sample_imports
    from analysis.schedule import DEFAULT_CALENDAR

    steps: Steps = []
    calendar = DEFAULT_CALENDAR
    for paths, on_existing in sample_imports():  # each cycle read against its own schedule
        files = [(p.name, p.read_bytes()) for p in paths]
        results = read_files(files, calendar=calendar)
        calendar = calendar_from_tables([t for r in results for t in r.tables], calendar)
        steps.append(([Upload(name, content_hash(data), result)
                       for (name, data), result in zip(files, results, strict=True)], on_existing))
    return steps


def seed(conn: sa.Connection, steps: Steps, save: Callable[[sa.Connection, list[Upload], str], object]) -> bool:
    """Save ``steps`` with ``save`` in the write transaction ``conn``, unless the store was seeded or already
    holds batches (a store filled before it was ever opened by the app: the sample is never mixed in)."""
    if seeded(conn):
        return False
    if conn.execute(sa.select(sa.func.count()).select_from(batches)).scalar():
        conn.execute(meta_table.insert().values(key="sample_seeded", value="skipped"))
        return False
    for uploads, on_existing in steps:
        save(conn, uploads, on_existing)
    conn.execute(meta_table.insert().values(key="sample_seeded", value=dt.datetime.now().isoformat()))
    return True
