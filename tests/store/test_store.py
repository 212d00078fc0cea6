"""The store on SQLite and on a real PostgreSQL server (TEST_DATABASE_URL, started by .ci/run)."""

from __future__ import annotations

import ast
import datetime as dt
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from analysis import metrics, privacy
from analysis.errors import UserError
from analysis.store import ConflictError, Store, open_store
from analysis.store.schema import meta_table, targets_table
from tests import fixtures as fx
from tests.stores import KEY, attendance, counts, store_at, upload


@pytest.fixture
def url(migrated_url):
    """This module's new stores start at the program's schema, holding nothing (a copy of a store migrated once
    per test process: ``migrated_url``); tests/store/test_migrations.py builds them from nothing."""
    return migrated_url


def test_import_history_dataset_and_undo(url):
    store = store_at(url)
    outcome = store.import_uploads([upload("a.xlsx", attendance(["Anna Nowak", "Jan Król"]))])
    [batch] = outcome.saved
    assert (batch.kind, batch.workshop, batch.rows) == ("attendance", 2, 2)
    assert [b.id for b in store.history()] == [batch.id]
    data = store.dataset()
    assert len(data.attendance) == 2 and set(data.attendance["workshop"]) == {2}
    store.undo(batch.id)
    assert counts(store) == (0, 0, 0, 0)
    with pytest.raises(UserError, match="Nie ma partii"):
        store.undo(batch.id)


def test_same_file_twice_is_stored_once(url):
    store = store_at(url)
    data = attendance(["Anna Nowak"])
    store.import_uploads([upload("a.xlsx", data)])
    again = store.import_uploads([upload("kopia.xlsx", data)])
    assert again.saved == [] and again.duplicates[0][0] == "kopia.xlsx"
    assert counts(store)[:2] == (1, 1)


def test_second_list_for_a_workshop_asks_then_adds_or_replaces(url):
    store = store_at(url)
    store.import_uploads([upload("a.xlsx", attendance(["Anna Nowak", "Jan Król"]))])
    second = upload("b.xlsx", attendance(["Ewa Mazur"]))
    with pytest.raises(ConflictError) as caught:
        store.import_uploads([second])
    assert "warsztat 2 ma już listę obecności z pliku „a.xlsx”" in caught.value.message
    assert counts(store)[:2] == (1, 2)
    outcome = store.import_uploads([second], on_existing="replace")
    assert [b.file for b in outcome.replaced] == ["a.xlsx"]
    assert [b.file for b in store.history()] == ["b.xlsx"] and len(store.dataset().attendance) == 1
    store.import_uploads([upload("c.xlsx", attendance(["Piotr Nowak"]))], on_existing="add")
    assert sorted(b.file for b in store.history()) == ["b.xlsx", "c.xlsx"] and len(store.dataset().attendance) == 2


def test_undoing_a_replacement_brings_the_earlier_list_back(url):
    store = store_at(url)
    store.import_uploads([upload("a.xlsx", attendance(["Anna Nowak", "Jan Król"]))])
    outcome = store.import_uploads([upload("b.xlsx", attendance(["Ewa Mazur"]))], on_existing="replace")
    [replacing] = outcome.saved
    store.undo(replacing.id)
    assert [b.file for b in store.history()] == ["a.xlsx"] and len(store.dataset().attendance) == 2


def test_failure_half_way_leaves_the_store_as_it_was(url):
    store = store_at(url)
    store.import_uploads([upload("a.xlsx", attendance(["Anna Nowak"]))])
    before = counts(store)
    version = store.version()
    sheets = {"1 Serock": [["Tytuł propozycji", "Obszar"], ["Bon", "1"]],
              "2 Wieliszew": [["Tytuł propozycji", "Obszar"], ["Targ", "2"]]}
    calls = []

    def fault(batch):
        calls.append(batch)
        if len(calls) == 2:
            raise RuntimeError("disk full (injected)")

    with pytest.raises(RuntimeError):
        store.import_uploads([upload("p.xlsx", fx.xlsx_bytes(sheets)), upload("l.xlsx", attendance(["X Y"], "warsztat 3"))],
                             _after_table=fault)
    assert len(calls) == 2  # the first table was written before the fault
    assert counts(store) == before and store.version() == version


def test_refused_file_changes_nothing(url):
    store = store_at(url)
    store.import_uploads([upload("a.xlsx", attendance(["Anna Nowak"]))])
    before = counts(store)
    for name, data in (("r.xlsx", fx.docx_bytes()), ("h.xlsx", fx.encrypted_xlsx_bytes()), ("z.xlsx", b""),
                       ("b.xlsx", fx.far_cell_xlsx())):
        with pytest.raises(UserError, match="Nic nie zapisano"):
            store.import_uploads([upload("ok.xlsx", attendance(["Nowa Osoba"], "warsztat 4")), upload(name, data)])
        assert counts(store) == before


def test_sample_is_seeded_once_marked_and_removed_by_a_real_import(url):
    store = open_store(url)
    assert store.has_sample() and store.dataset().is_sample
    assert metrics.overview(metrics.View(store.dataset())).unique_participants == 134
    assert open_store(url).seed_sample_if_empty() is False  # a restart does not seed again
    outcome = store.import_uploads([upload("a.xlsx", attendance(["Anna Nowak"]))])
    assert outcome.sample_removed and not store.has_sample()
    assert counts(store)[:2] == (1, 1)
    assert store.seed_sample_if_empty() is False  # removed sample never comes back


def test_two_imports_at_once_while_a_page_reads(url):
    store = store_at(url)
    store.import_uploads([upload("start.xlsx", attendance(["Start"], "warsztat 5"))])
    errors: list[BaseException] = []
    files = [upload(f"l{i}.xlsx", attendance([f"Osoba {i}-{j}" for j in range(30)], f"warsztat {i}"))
             for i in (1, 2)]

    def write(item):
        try:
            Store(url, key=KEY).import_uploads([item])
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    def read():
        try:
            reader = Store(url, key=KEY)
            for _ in range(15):
                metrics.overview(metrics.View(reader.dataset()))
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(f,)) for f in files] + [threading.Thread(target=read)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    assert counts(store)[:2] == (3, 61)


def test_pseudonyms_recognise_a_person_and_keep_namesakes_apart():
    key = b"x" * 32
    assert privacy.pseudonyms(key, ["Anna Nowak"]) == privacy.pseudonyms(key, ["  ANNA   nowak "])
    assert privacy.pseudonyms(key, ["Żaneta Łęcka"]) == privacy.pseudonyms(key, ["zaneta lecka"])
    one, two, other = privacy.pseudonyms(key, ["Anna Nowak", "anna nowak", "Jan Król"])
    assert one != two and [one] == privacy.pseudonyms(key, ["Anna Nowak"]) and other != one
    assert privacy.pseudonyms(b"y" * 32, ["Anna Nowak"]) != [one]
    a, b = privacy.pseudonyms(key, ["", ""])
    assert a != b


def test_pseudonyms_of_a_long_list_are_those_of_each_folded_name_and_never_change():
    """A list's names are folded all at once; each pseudonym is still the keyed hash of ``fold`` of its name
    (with "#n" for the n-th namesake), as stored pseudonyms were made."""
    import hashlib
    import hmac
    import random

    from analysis.folding import fold

    key = b"x" * 32
    assert privacy.pseudonyms(key, ["Anna Nowak", "Żaneta Łęcka-Śliwińska", "anna nowak"]) == [
        "ff8ba14d64d6c4414261d0e8ece6a047", "6448321eb220261277340fbd3a8a63eb", "ed0bf65e4e7019d45b47766307185d8d"]
    rng = random.Random(7)
    alphabet = [chr(c) for c in range(32, 0x250)] + list("ąćęłńóśźżĄĆĘŁŃÓŚŹŻİıßẞ–—„”\u00a0\u0301\n\t\x00")
    names = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 20))) for _ in range(5_000)]
    names += ["Anna Nowak", "  ANNA   nowak ", "Jan Król", "Jan Krol", "Ö\u0308ster", "a\x00b"]
    names = [name for name in names if fold(name)]  # a name that folds to nothing gets a random pseudonym
    expected, seen = [], {}
    for name in names:
        folded = fold(name)
        seen[folded] = seen.get(folded, 0) + 1
        message = folded if seen[folded] == 1 else f"{folded}#{seen[folded]}"
        expected.append(hmac.new(key, message.encode(), hashlib.sha256).hexdigest()[:32])
    assert len(names) > 4_000
    assert privacy.pseudonyms(key, names) == expected


def test_no_plain_name_email_or_phone_in_the_sqlite_file(tmp_path):
    path = tmp_path / "p.sqlite"
    store = store_at(f"sqlite:///{path}")
    store.import_uploads([upload("a.xlsx", attendance(["Bożydar Wścieklica", "Anna Nowak"]))])
    store.engine.dispose()  # checkpoint the WAL into the file
    raw = path.read_bytes() + b"".join(p.read_bytes() for p in tmp_path.glob("p.sqlite-*"))
    for secret in ("Bożydar", "Wścieklica", "Wscieklica", "Nowak", "osoba0@example.org", "600 100 200"):
        assert secret.encode() not in raw and secret.lower().encode() not in raw
    assert b"Urz\xc4\x85d Gminy Serock" in raw  # institutions are kept


def test_schema_is_kept_on_reopening(url):
    store = store_at(url)
    store.import_uploads([upload("a.xlsx", attendance(["Anna Nowak"]))])
    again = store_at(url)
    assert counts(again)[:2] == (1, 1)


def test_sample_is_not_mixed_into_a_store_that_already_holds_data(url):
    store = store_at(url)
    store.import_uploads([upload("a.xlsx", attendance(["Anna Nowak"]))])
    reopened = open_store(url)
    assert not reopened.has_sample() and counts(reopened)[:2] == (1, 1)


# --- the public write transaction -----------------------------------------------------------------


def _stamp(store: Store) -> tuple[str, str | None]:
    with store.engine.connect() as conn:
        stamp = conn.execute(sa.select(meta_table.c.value).where(meta_table.c.key == "data_stamp")).scalar()
    return store.version(), stamp


def _targets(store: Store) -> list[tuple[str, str, str]]:
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.select(targets_table.c.cycle, targets_table.c.kind,
                                                          targets_table.c.code).order_by(targets_table.c.code))]


def _target(code: str) -> dict[str, object]:
    return {"cycle": "2018", "kind": "sector", "code": code, "share": 0.2, "saved_at": dt.datetime(2018, 9, 1)}


def test_a_transaction_bumps_the_stamp_when_it_commits_and_writes_nothing_when_it_raises(url):
    store = store_at(url)
    before = _stamp(store)
    with store.transaction() as conn:
        conn.execute(targets_table.insert().values(_target("ngo")))
        assert _targets(store) == []  # another connection sees nothing before the commit
    after = _stamp(store)
    assert _targets(store) == [("2018", "sector", "ngo")]
    assert after[0] != before[0] and after[1] != before[1]  # cached datasets and snapshots are renewed

    with pytest.raises(RuntimeError), store.transaction() as conn:
        conn.execute(targets_table.insert().values(_target("business")))
        raise RuntimeError("the block failed")
    assert _targets(store) == [("2018", "sector", "ngo")] and _stamp(store) == after

    with store.transaction(changes_data=False) as conn:  # a write the dataset does not show (a vote's tables)
        conn.execute(targets_table.insert().values(_target("education")))
    assert len(_targets(store)) == 2 and _stamp(store) == after


def test_a_database_error_in_a_transaction_is_a_polish_sentence_and_nothing_is_written(url):
    store = store_at(url)
    before = _stamp(store)
    with pytest.raises(UserError) as refused, store.transaction() as conn:
        conn.execute(targets_table.insert().values(_target("ngo")))
        conn.execute(targets_table.insert().values(_target("ngo")))  # the same key twice
    assert refused.value.code == "store_failed" and "nic nie zapisano" in refused.value.message
    assert _targets(store) == [] and _stamp(store) == before


def test_the_store_imports_nothing_of_the_vote():
    """The store knows no vote: no module under analysis/store imports the voting package."""
    found = []
    for path in sorted((Path(__file__).parents[2] / "analysis" / "store").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            found += [f"{path.name}: {n}" for n in names if n.startswith("analysis.voting")]
    assert found == []
