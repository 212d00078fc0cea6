"""The pseudonym key is never silently replaced, and a full disk is said in Polish, with no stored value."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa

from analysis import config, privacy
from analysis.__main__ import main
from analysis.errors import UserError
from analysis.store import Store, open_store
from tests import fixtures as fx
from tests.stores import attendance, counts, upload


@pytest.fixture
def url(migrated_url):
    """This module's new stores start at the program's schema, holding nothing (a copy of a store migrated once
    per test process: ``migrated_url``); tests/store/test_migrations.py builds them from nothing."""
    return migrated_url

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = [f"Osoba Testowa {i}" for i in range(30)]


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A data folder of its own, with the key taken from the key file (no key in settings)."""
    data = tmp_path / "data"
    monkeypatch.setenv("PARTNERSTWO_DATA_DIR", str(data))
    monkeypatch.delenv("PARTNERSTWO_PSEUDONYM_KEY", raising=False)
    return data


def keyed_store(url: str) -> Store:
    """A store that finds its key where the app and the CLI do (no key handed to it)."""
    store = Store(url)
    store.ensure_schema()
    return store


def unique_people(store: Store) -> int:
    return int(store.dataset().attendance["person"].nunique())


def test_a_deleted_key_file_is_refused_with_a_sentence_not_replaced(url, folder):
    store = keyed_store(url)
    store.import_uploads([upload("a.xlsx", attendance(PEOPLE, "warsztat 1"))])
    key_path = privacy.key_file(folder)
    assert key_path.exists()
    key_path.unlink()
    before = counts(store)
    with pytest.raises(UserError) as refused:
        store.import_uploads([upload("b.xlsx", attendance(PEOPLE, "warsztat 2"))])
    assert refused.value.code == "key_missing"
    assert "kopii zapasowej" in refused.value.message and str(key_path) in refused.value.message
    assert counts(store) == before and not key_path.exists()  # nothing saved, no new key made


def test_another_key_is_refused_and_the_right_one_recognises_the_same_people(url, folder, monkeypatch):
    store = keyed_store(url)
    store.import_uploads([upload("a.xlsx", attendance(PEOPLE, "warsztat 1"))])
    right = privacy.read_key_file(folder)
    monkeypatch.setenv("PARTNERSTWO_PSEUDONYM_KEY", "inny-klucz-" + "x" * 40)
    with pytest.raises(UserError) as refused:
        store.import_uploads([upload("b.xlsx", attendance(PEOPLE, "warsztat 2"))])
    assert refused.value.code == "key_mismatch"
    monkeypatch.setenv("PARTNERSTWO_PSEUDONYM_KEY", right.decode())  # the same key, set in the environment
    store.import_uploads([upload("b.xlsx", attendance(PEOPLE, "warsztat 2"))])
    assert unique_people(store) == 30


def test_an_empty_or_short_key_is_never_used(url, folder, monkeypatch):
    folder.mkdir(parents=True)
    privacy.key_file(folder).write_bytes(b"")  # what a full disk left behind
    store = keyed_store(url)
    with pytest.raises(UserError) as refused:
        store.import_uploads([upload("a.xlsx", attendance(PEOPLE))])
    assert refused.value.code == "key_damaged"
    assert counts(store)[:2] == (0, 0) and privacy.key_file(folder).read_bytes() == b""
    monkeypatch.setenv("PARTNERSTWO_PSEUDONYM_KEY", "a")
    with pytest.raises(UserError) as refused:
        store.import_uploads([upload("a.xlsx", attendance(PEOPLE))])
    assert refused.value.code == "key_too_short"
    monkeypatch.setenv("PARTNERSTWO_PSEUDONYM_KEY", "0123456789abcde")  # 120 bits
    with pytest.raises(UserError, match="co najmniej 16 znaków"):
        store.import_uploads([upload("a.xlsx", attendance(PEOPLE))])
    assert counts(store)[:2] == (0, 0)


def test_the_key_file_is_written_whole_or_not_at_all(folder, monkeypatch):
    def full_disk(_descriptor):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(UserError) as refused:
        privacy.create_key_file(folder)
    assert refused.value.code == "key_unwritable"
    assert list(folder.iterdir()) == []  # no key file, no temporary file
    monkeypatch.undo()
    first = privacy.create_key_file(folder)
    assert privacy.create_key_file(folder) == first and len(first) == 64  # made once, never overwritten
    assert oct(privacy.key_file(folder).stat().st_mode & 0o777) == "0o600"


def test_the_cli_and_the_dashboard_read_the_key_from_the_same_secrets_file(tmp_path, folder, monkeypatch):
    """Both read .streamlit/secrets.toml: the same 30 people imported by each count as 30, not 60."""
    secrets = tmp_path / "office" / ".streamlit" / "secrets.toml"
    secrets.parent.mkdir(parents=True)
    secrets.write_text('PARTNERSTWO_PSEUDONYM_KEY = "klucz-biura-0123456789abcdef0123456789"\n', encoding="utf-8")
    monkeypatch.setattr(config, "SECRETS_FILES", (secrets,))
    store = open_store()  # as the dashboard opens it: the SQLite file in the data folder
    store.import_uploads([upload("a.xlsx", attendance(PEOPLE, "warsztat 1"))])
    listing = tmp_path / "lista2.xlsx"
    listing.write_bytes(attendance(PEOPLE, "warsztat 2"))
    env = dict(os.environ, PYTHONPATH=str(ROOT), HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-m", "analysis", "import", str(listing)], cwd=secrets.parent.parent,
                          env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert unique_people(store) == 30
    assert not privacy.key_file(folder).exists()  # the key came from secrets.toml, no key file was made


def test_a_full_sqlite_disk_is_said_in_polish_and_changes_nothing(tmp_path, folder):
    url = f"sqlite:///{tmp_path / 'full.sqlite'}"
    store = keyed_store(url)
    store.import_uploads([upload("a.xlsx", attendance(["Anna Nowak"], "warsztat 1"))])
    before = counts(store)
    store.engine.dispose()

    @sa.event.listens_for(store.engine, "connect")
    def tiny_disk(dbapi_connection, _record):
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 1}")

    names = [f"Tajna Instytucja {i} " + "x" * 200 for i in range(400)]
    rows = [["Imię i nazwisko", "Instytucja"], *[[f"Osoba {i}", n] for i, n in enumerate(names)]]
    with pytest.raises(UserError) as refused:
        store.import_uploads([upload("duza.xlsx", fx.xlsx_bytes({"3 Jabłonna": rows}))])
    message = refused.value.message
    assert refused.value.code == "disk_full" and "nic nie zapisano" in message
    assert "Tajna" not in message and "INSERT" not in message and "Osoba" not in message
    sa.event.remove(store.engine, "connect", tiny_disk)
    store.engine.dispose()
    assert counts(store) == before


def test_a_full_postgresql_disk_is_said_in_polish_and_changes_nothing(postgres_store_url, folder):
    store = keyed_store(postgres_store_url)
    store.import_uploads([upload("a.xlsx", attendance(["Anna Nowak"], "warsztat 1"))])
    before = counts(store)

    def disk_full(_batch):
        original = psycopg.errors.DiskFull('could not extend file "base/16384/16400": No space left on device')
        raise sa.exc.OperationalError("INSERT INTO attendance (institution) VALUES (%(institution)s)",
                                      {"institution": "Tajna Instytucja"}, original)

    with pytest.raises(UserError) as refused:
        store.import_uploads([upload("b.xlsx", attendance(["Jan Król"], "warsztat 2"))], _after_table=disk_full)
    assert refused.value.code == "disk_full" and "Tajna" not in refused.value.message
    assert counts(store) == before


def test_the_cli_never_prints_a_database_error_with_stored_values(tmp_path, folder, monkeypatch, capsys):
    def broken(*_args, **_kwargs):
        raise sa.exc.IntegrityError("INSERT INTO attendance (institution) VALUES (?)", ("Tajna Instytucja",),
                                    Exception("constraint failed"))

    monkeypatch.setattr(Store, "import_uploads", broken)
    path = tmp_path / "a.xlsx"
    path.write_bytes(attendance(["Anna Nowak"], "warsztat 1"))
    assert main(["import", str(path)]) == 1
    shown = capsys.readouterr()
    assert "Tajna" not in shown.out + shown.err and "INSERT" not in shown.out + shown.err
    assert "nieoczekiwany błąd" in shown.err
