"""Several processes writing to one store at the same moment: the database decides, once.

Each round starts processes that read their file, wait at a barrier and then import at the
same instant, on SQLite and on PostgreSQL. Before the write lock was taken first, one file was
stored twice in most rounds and two lists of one workshop were both saved without a question.
"""

from __future__ import annotations

import multiprocessing

import pytest
import sqlalchemy as sa

from analysis.store import sample_cycle
from tests import race
from tests.stores import KEY, attendance, counts, store_at

ROUNDS = 4


@pytest.fixture(scope="module")
def pool():
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager, context.Pool(3) as workers:
        yield manager, workers


def _fresh_url(url: str, round_: int) -> str:
    """A new, empty store per round: the same server, another SQLite file or PostgreSQL schema."""
    if url.startswith("sqlite"):
        return url.replace(".sqlite", f"-{round_}.sqlite")
    return url


def _clear(url: str) -> None:
    if url.startswith("sqlite"):
        return  # a new file each round (opening a missing one would leave an empty file, refused as no store)
    engine = sa.create_engine(url)
    tables = sa.MetaData()
    tables.reflect(engine)  # every table the migrations made, the newest ones too
    tables.drop_all(engine)
    engine.dispose()


def test_one_file_imported_twice_at_once_is_stored_once(url, pool):
    manager, workers = pool
    data = attendance([f"Osoba {i}" for i in range(40)])
    for round_ in range(ROUNDS):
        target = _fresh_url(url, round_)
        _clear(target)
        store = store_at(target)
        barrier = manager.Barrier(2)
        results = workers.starmap(race.import_at_barrier,
                                  [(target, KEY, f"kopia{i}.xlsx", data, None, "ask", barrier, round_) for i in range(2)])
        assert sorted(r[0] for r in results) == ["saved", "saved"], results
        assert sorted((r[1], r[2]) for r in results) == [(0, 1), (1, 0)], results  # one saved, one a duplicate
        assert counts(store)[:2] == (1, 40)
        store.engine.dispose()


def test_two_lists_of_one_workshop_at_once_ask_instead_of_both_saving(url, pool):
    manager, workers = pool
    for round_ in range(ROUNDS):
        target = _fresh_url(url, round_)
        _clear(target)
        store = store_at(target)
        barrier = manager.Barrier(2)
        files = [attendance([f"Osoba {k}-{i}" for i in range(40)]) for k in range(2)]
        results = workers.starmap(race.import_at_barrier,
                                  [(target, KEY, f"lista{k}.xlsx", files[k], None, "ask", barrier, round_)
                                   for k in range(2)])
        assert sorted(r[0] for r in results) == ["conflict", "saved"], results
        assert counts(store)[:2] == (1, 40)
        store.engine.dispose()


def test_a_fresh_store_opened_by_three_processes_at_once_is_made_and_seeded_once(url, pool):
    manager, workers = pool
    sample = sample_cycle.read()  # the sample's files read once, here (tests/conftest.py)
    for round_ in range(ROUNDS):
        target = _fresh_url(url, round_)
        _clear(target)
        barrier = manager.Barrier(3)
        results = workers.starmap(race.open_at_barrier, [(target, KEY, barrier, sample) for _ in range(3)])
        assert results == [("opened",)] * 3, results
        engine = sa.create_engine(target)
        with engine.connect() as conn:
            sample_batches = conn.execute(sa.text("SELECT count(*) FROM batches WHERE is_sample")).scalar()
            distinct = conn.execute(sa.text("SELECT count(*) FROM (SELECT DISTINCT content_hash, sheet FROM batches) d")
                                    ).scalar()
            seeded = conn.execute(sa.text("SELECT count(*) FROM meta WHERE key = 'sample_seeded'")).scalar()
        engine.dispose()
        assert seeded == 1 and sample_batches == distinct > 0, (sample_batches, distinct)
