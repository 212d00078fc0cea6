"""Who may try again, and which browsers the office's password unlocked — both kept in the store.

Guesses (the office's password, a ballot card's short code) are counted under keys: the browser
(the dashboard gives every browser a random cookie; a session without one is its own key) and the
client's address (the laptop's own connections are one address). Each key follows a ``Rule``: a few
wrong tries are free, then every next try waits, the wait doubling up to a cap. A browser's cap is
long (5 minutes): patience gains a guesser nothing. An address's cap is short (30 s): people who
share an address with a guesser (a proxy, a hotspot, the laptop itself) wait at most that long,
while a guesser who opens a new browser for every try is still held to a few tries a minute.

A try is one transaction: its keys' rows are locked (PostgreSQL ``FOR UPDATE``, SQLite ``BEGIN
IMMEDIATE``), the wait is decided, and the try is counted before it is checked — tries sent at the
same moment, to one process or to several on the same database, are counted one after another. A
right answer takes its own count back; it clears its browser's count, never its address's (a
guesser's own valid card would otherwise wipe the address clean between guesses).

Some things a browser may do often, but not too often, whatever their outcome: a phone checking people in
at the door (``CHECKINS_BY_BROWSER``). ``limit`` counts each under its browser alone (the hall shares one
Wi-Fi, so never under the address), before it is done, and gives the count back when nothing new was
stored; past a few, the next waits as a wrong try would.

A browser unlocked by the password stays unlocked until a stated time, in every process on the same
database. The store keeps only SHA-256 hashes: of each key (addresses included) and of the browser's
cookie — never the cookie itself, which alone unlocks.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import sqlalchemy as sa

from analysis.store import insert_new, storage_error
from analysis.store.schema import guard_failures_table, unlocked_browsers_table

_LONGEST_MEMORY = 3600.0  # no rule remembers a quiet key longer (rows older than this are deleted)


@dataclass(frozen=True)
class Rule:
    """How wrong tries under one key are slowed down.

    After ``free_tries`` wrong tries in a row, the next try waits ``first_wait`` seconds after the
    last one, doubling with every further wrong try up to ``max_wait``. A key quiet for
    ``forget_after`` seconds starts again from zero.
    """

    free_tries: int
    max_wait: float
    first_wait: float = 2.0
    forget_after: float = _LONGEST_MEMORY
    cleared_by_success: bool = True

    def wait(self, failures: int, last: float, now: float) -> float:
        """Seconds until the next try is heard, after ``failures`` wrong tries, the last at ``last``."""
        if failures < self.free_tries or now - last >= self.forget_after:
            return 0.0
        wait = min(self.first_wait * 2.0 ** min(failures - self.free_tries, 30), self.max_wait)
        return max(0.0, last + wait - now)


PASSWORD_BY_BROWSER = Rule(free_tries=3, max_wait=300.0)
PASSWORD_BY_ADDRESS = Rule(free_tries=10, max_wait=30.0, cleared_by_success=False)
CODE_BY_BROWSER = Rule(free_tries=5, max_wait=300.0)
CODE_BY_ADDRESS = Rule(free_tries=20, max_wait=30.0, cleared_by_success=False)
# people checked in from one browser: five in a row are free (a family on one phone), then a minute after the
# last, doubling up to ten; ten quiet minutes forget them
CHECKINS_BY_BROWSER = Rule(free_tries=5, max_wait=600.0, first_wait=60.0, forget_after=600.0,
                           cleared_by_success=False)


@dataclass(frozen=True)
class Key:
    """What tries are counted under ("password:browser:…", "code:address:…") and by which rule."""

    name: str
    rule: Rule

    @property
    def hash(self) -> str:
        return hashlib.sha256(f"partnerstwo-guard:{self.name}".encode()).hexdigest()


class Guard:
    """Tries and unlocked browsers of one store (its engine), on the wall clock ``clock``."""

    def __init__(self, engine: sa.Engine, clock: Callable[[], float] = time.time) -> None:
        self.engine = engine
        self._clock = clock

    @contextmanager
    def _transaction(self) -> Iterator[sa.Connection]:
        """A short write transaction: SQLite takes its write lock at BEGIN; PostgreSQL locks rows."""
        try:
            with self.engine.connect() as conn:
                conn.execution_options(write_lock=True)
                with conn.begin():
                    yield conn
        except sa.exc.DBAPIError as exc:
            raise storage_error(exc) from None

    # --- wrong tries ------------------------------------------------------------------------

    def wait(self, keys: Iterable[Key]) -> float:
        """Seconds until a try under ``keys`` is heard (0: it may be made now). Reads only."""
        keys = list(keys)
        t = guard_failures_table
        now = self._clock()
        try:
            with self.engine.connect() as conn:
                rows = {row.key: (int(row.failures), float(row.last_at)) for row in conn.execute(
                    sa.select(t.c.key, t.c.failures, t.c.last_at).where(t.c.key.in_([k.hash for k in keys])))}
        except sa.exc.DBAPIError as exc:
            raise storage_error(exc) from None
        return max((k.rule.wait(*rows[k.hash], now) for k in keys if k.hash in rows), default=0.0)

    def attempt(self, keys: Iterable[Key], check: Callable[[], bool]) -> tuple[bool, float]:
        """``(True, 0)`` when ``check`` passed; ``(False, 0)`` when it failed; ``(False, s)`` when refused.

        A refused try (made before the wait is over) is neither checked nor counted.
        """
        keys = sorted(set(keys), key=lambda k: k.hash)
        wait = self._count(keys)
        if wait > 0:
            return False, wait
        if not check():
            return False, 0.0
        self._give_back(keys, clear=True)
        return True, 0.0

    def limit(self, keys: Iterable[Key], act: Callable[[], bool]) -> float:
        """Do ``act`` unless the wait under ``keys`` is not over: the wait (``act`` not done), or 0 once it is done.

        It is counted before it is done (done at the same moment elsewhere, it is seen); the count is given back
        when ``act`` says nothing new came of it (it returned False) or it raised (what it raised goes on).
        """
        keys = sorted(set(keys), key=lambda k: k.hash)
        wait = self._count(keys)
        if wait > 0:
            return wait
        try:
            counts = act()
        except BaseException:
            self._give_back(keys, clear=False)
            raise
        if not counts:
            self._give_back(keys, clear=False)
        return 0.0

    def _count(self, keys: list[Key]) -> float:
        """Count one more try under ``keys`` (sorted: rows locked in one order, no deadlock), unless its wait is
        not over: that wait, or 0 once counted."""
        t = guard_failures_table
        now = self._clock()
        with self._transaction() as conn:
            conn.execute(t.delete().where(t.c.last_at <= now - _LONGEST_MEMORY))
            conn.execute(insert_new(conn, t).values([{"key": k.hash, "failures": 0, "last_at": now} for k in keys]))
            found = {row.key: (row.failures, row.last_at) for row in conn.execute(
                sa.select(t.c.key, t.c.failures, t.c.last_at).where(t.c.key.in_([k.hash for k in keys]))
                .order_by(t.c.key).with_for_update())}
            counts = {k.hash: _current(k.rule, *found[k.hash], now) for k in keys}
            wait = max((k.rule.wait(counts[k.hash], found[k.hash][1], now) for k in keys), default=0.0)
            if wait > 0:
                return wait
            for key in keys:  # counted before it is checked: a try made meanwhile elsewhere sees it
                conn.execute(t.update().where(t.c.key == key.hash).values(failures=counts[key.hash] + 1, last_at=now))
        return 0.0

    def _give_back(self, keys: list[Key], clear: bool) -> None:
        """Take a try's count back under ``keys``; with ``clear``, a rule cleared by a success forgets them all."""
        t = guard_failures_table
        with self._transaction() as conn:
            for key in keys:
                if clear and key.rule.cleared_by_success:
                    conn.execute(t.delete().where(t.c.key == key.hash))
                else:
                    conn.execute(t.update().where(t.c.key == key.hash, t.c.failures > 0)
                                 .values(failures=t.c.failures - 1))

    # --- unlocked browsers --------------------------------------------------------------------

    def unlock(self, browser: str, until: float) -> None:
        """Remember that ``browser`` (its hash) is unlocked until ``until`` (seconds since 1970)."""
        t = unlocked_browsers_table
        with self._transaction() as conn:
            conn.execute(t.delete().where(sa.or_(t.c.until <= self._clock(), t.c.browser == browser)))
            conn.execute(t.insert().values(browser=browser, until=until))

    def unlocked_until(self, browser: str) -> float | None:
        """Until when ``browser`` stays unlocked (None: it is not, or no longer)."""
        t = unlocked_browsers_table
        try:
            with self.engine.connect() as conn:
                until = conn.execute(sa.select(t.c.until).where(t.c.browser == browser)).scalar()
        except sa.exc.DBAPIError as exc:
            raise storage_error(exc) from None
        return float(until) if until is not None and until > self._clock() else None

    def lock(self, browser: str) -> None:
        """``browser`` is no longer unlocked, in any process."""
        t = unlocked_browsers_table
        with self._transaction() as conn:
            conn.execute(t.delete().where(t.c.browser == browser))


def _current(rule: Rule, failures: int, last: float, now: float) -> int:
    """The wrong tries that still count: none once the key has been quiet long enough."""
    return 0 if now - last >= rule.forget_after else int(failures)
