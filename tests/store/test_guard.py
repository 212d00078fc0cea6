"""Wrong guesses and unlocked browsers, kept in the store: the rules, and several processes sharing them."""

from __future__ import annotations

import multiprocessing
import threading

import pytest
import sqlalchemy as sa

from analysis import guard
from analysis.guard import Guard, Key, Rule
from analysis.store import Store
from tests import race

BROWSER = Key("password:browser:b1", guard.PASSWORD_BY_BROWSER)
ADDRESS = Key("password:address:10.0.0.7", guard.PASSWORD_BY_ADDRESS)


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def store(url):
    store = Store(url)
    store.ensure_schema()
    yield store
    store.engine.dispose()


def test_the_wait_doubles_up_to_its_cap():
    rule = Rule(free_tries=3, max_wait=300.0)
    assert [rule.wait(n, 0.0, 0.0) for n in range(3)] == [0, 0, 0]
    assert [rule.wait(n, 0.0, 0.0) for n in range(3, 12)] == [2, 4, 8, 16, 32, 64, 128, 256, 300]
    assert rule.wait(10**6, 0.0, 0.0) == 300  # no overflow however many
    assert rule.wait(5, 0.0, 3.0) == 5.0  # 8 s after the last try, 3 s have passed
    assert rule.wait(5, 0.0, rule.forget_after) == 0  # a quiet hour forgets


def test_wrong_passwords_wait_and_the_right_one_clears_the_browser_but_not_the_address(store):
    clock = Clock()
    tries = Guard(store.engine, clock=clock)
    keys = [BROWSER, ADDRESS]
    for _ in range(3):
        assert tries.attempt(keys, lambda: False) == (False, 0.0)
    assert tries.attempt(keys, lambda: True) == (False, 2.0)  # even the right one waits
    clock.now += 2
    assert tries.attempt(keys, lambda: False) == (False, 0.0)
    assert tries.attempt(keys, lambda: False) == (False, 4.0)
    clock.now += 4
    assert tries.attempt(keys, lambda: True) == (True, 0.0)
    assert tries.wait([BROWSER]) == 0
    with store.engine.connect() as conn:
        rows = dict(conn.execute(sa.text("SELECT key, failures FROM guard_failures")).all())
    assert rows == {ADDRESS.hash: 4}  # the browser's count is gone; the address keeps its wrong tries


def test_an_address_waits_at_most_its_cap_however_many_browsers_guess(store):
    clock = Clock()
    tries = Guard(store.engine, clock=clock)
    heard = 0
    for browser in range(60):  # a new browser for every guess, from one address, as fast as it is let
        keys = [Key(f"password:browser:new{browser}", guard.PASSWORD_BY_BROWSER), ADDRESS]
        while (result := tries.attempt(keys, lambda: False))[1] > 0:
            assert result[1] <= guard.PASSWORD_BY_ADDRESS.max_wait
            clock.now += result[1]
        heard += 1
    minutes = (clock.now - 1_000_000.0) / 60
    assert heard == 60 and minutes > 20  # ten free, then one every 30 s at most: not 600 a minute
    assert tries.attempt([Key("password:browser:honest", guard.PASSWORD_BY_BROWSER), ADDRESS],
                         lambda: True)[1] <= 30  # a neighbour on the same address waits at most 30 s


def test_a_quiet_hour_forgets_old_failures_and_their_rows(store):
    clock = Clock()
    tries = Guard(store.engine, clock=clock)
    for _ in range(5):
        tries.attempt([BROWSER], lambda: False)
    clock.now += 3600
    assert tries.wait([BROWSER]) == 0
    tries.attempt([Key("password:browser:other", guard.PASSWORD_BY_BROWSER)], lambda: False)  # sweeps
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM guard_failures")).scalar() == 1


def test_tries_at_the_same_moment_are_counted_one_after_another(store):
    heard: list[int] = []
    start = threading.Barrier(12)

    def guess() -> None:
        start.wait(timeout=60)
        Guard(store.engine).attempt([BROWSER], lambda: heard.append(1) is not None and False)

    threads = [threading.Thread(target=guess) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(heard) == guard.PASSWORD_BY_BROWSER.free_tries  # the others were refused unheard


def test_two_processes_on_one_postgresql_share_the_count(postgres_store_url):
    """Two dashboard processes (a second laptop at the door, a server behind a proxy) guessing at once."""
    url = postgres_store_url
    Store(url).ensure_schema()
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager, context.Pool(2) as workers:
        barrier = manager.Barrier(2)
        heard = workers.starmap(race.guess_at_barrier, [(url, barrier, 6), (url, barrier, 6)])
    assert sum(heard) == guard.PASSWORD_BY_BROWSER.free_tries, heard


def test_an_unlocked_browser_is_kept_until_its_time_in_every_process(store):
    clock = Clock()
    tries = Guard(store.engine, clock=clock)
    browser, other = "a" * 64, "b" * 64  # what the gate knows browsers by: hashes of their cookies
    assert tries.unlocked_until(browser) is None
    tries.unlock(browser, clock.now + 3600)
    other_process = Guard(store.engine, clock=clock)
    assert other_process.unlocked_until(browser) == clock.now + 3600
    assert other_process.unlocked_until(other) is None
    clock.now += 3600
    assert other_process.unlocked_until(browser) is None
    tries.unlock(other, clock.now + 60)  # sweeps the expired one
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT browser FROM unlocked_browsers")).scalars().all() == [other]
    tries.lock(other)
    assert tries.unlocked_until(other) is None


def test_people_checked_in_from_one_browser_are_limited_and_only_new_people_count(store):
    clock = Clock()
    door = Guard(store.engine, clock=clock)
    phone = [Key("checkin:browser:phone1", guard.CHECKINS_BY_BROWSER)]
    other = [Key("checkin:browser:phone2", guard.CHECKINS_BY_BROWSER)]
    done: list[str] = []
    for i in range(5):  # a family on one phone
        assert door.limit(phone, lambda i=i: done.append(f"p{i}") is None) == 0.0
    assert door.limit(phone, lambda: False) == 60.0  # the sixth waits a minute, done or not
    assert door.limit(other, lambda: True) == 0.0  # another phone in the same hall is not held up
    assert len(done) == 5
    clock.now += 60
    assert door.limit(phone, lambda: True) == 0.0
    assert door.limit(phone, lambda: True) == 120.0  # doubling
    clock.now += 600  # ten quiet minutes forget them
    for _ in range(5):
        assert door.limit(phone, lambda: False) == 0.0  # nobody new stored (a retry, a refusal): not counted

    def refused() -> bool:
        raise ValueError("refused")

    with pytest.raises(ValueError):
        door.limit(phone, refused)  # what it raised goes on, and is not counted
    assert door.wait(phone) == 0.0
