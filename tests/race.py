"""Work for the processes of the race tests: each waits at a barrier, then writes to one store."""

from __future__ import annotations


def import_at_barrier(url: str, key: bytes, name: str, data: bytes, workshop: int | None, mode: str,
                      barrier, rounds_seed: int) -> tuple:
    """Read a file, wait for the others, import it; the outcome as plain values."""
    from analysis.errors import UserError
    from analysis.reading.importer import read_files
    from analysis.store import ConflictError, Store, Upload, content_hash

    [result] = read_files([(name, data)], workshop=workshop)
    store = Store(url, key=key)
    barrier.wait(timeout=120)
    try:
        outcome = store.import_uploads([Upload(name, content_hash(data), result)], on_existing=mode)
    except ConflictError:
        return ("conflict",)
    except UserError as exc:
        return ("refused", exc.message)
    except Exception as exc:  # noqa: BLE001 - what reached the user is the finding
        return ("error", f"{type(exc).__name__}: {exc}")
    finally:
        store.engine.dispose()
    return ("saved", len(outcome.saved), len(outcome.duplicates))


def open_at_barrier(url: str, key: bytes, barrier, sample: list) -> tuple:
    """Open a (fresh) store as the app and the CLI do: schema, then the sample when new. ``sample`` is what
    ``sample_cycle.read`` gives, read once by the test's process: the rounds race on the store, not on reading
    the same files again in every process."""
    from analysis.errors import UserError
    from analysis.store import open_store, sample_cycle

    sample_cycle.read = lambda: sample
    barrier.wait(timeout=120)
    try:
        store = open_store(url, key=key)
        store.engine.dispose()
    except UserError as exc:
        return ("refused", exc.message)
    except Exception as exc:  # noqa: BLE001
        return ("error", f"{type(exc).__name__}: {exc}")
    return ("opened",)


def guess_at_barrier(url: str, barrier, tries: int) -> int:
    """Wrong guesses of the office's password under one browser and address, all at once with the other
    processes; how many of them were heard (checked) rather than refused."""
    from analysis import guard
    from analysis.store import Store

    store = Store(url)
    keys = [guard.Key("password:browser:shared", guard.PASSWORD_BY_BROWSER),
            guard.Key("password:address:local", guard.PASSWORD_BY_ADDRESS)]
    heard = 0

    def check() -> bool:
        nonlocal heard
        heard += 1
        return False

    barrier.wait(timeout=120)
    try:
        for _ in range(tries):
            guard.Guard(store.engine).attempt(keys, check)
    finally:
        store.engine.dispose()
    return heard


def hand_out_at_barrier(url: str, key: bytes, checkin_id: str, person: str, code: str, barrier) -> tuple:
    """The desk's printed card handed out to ``person`` (a pseudonym checked in), at the same moment as the others."""
    from analysis.checkin import CheckIns, cards
    from analysis.errors import UserError
    from analysis.store import Store

    store = Store(url, key=key)
    checkins = CheckIns(store)
    checkin = checkins.get(checkin_id)
    barrier.wait(timeout=120)
    try:
        cards.at_desk(checkins, checkin, person, code)
    except UserError as exc:
        return ("refused", exc.code)
    except Exception as exc:  # noqa: BLE001 - what reached the user is the finding
        return ("error", f"{type(exc).__name__}: {exc}")
    finally:
        store.engine.dispose()
    return ("handed",)
