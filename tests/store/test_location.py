"""Where the store should be but cannot: a Polish sentence that says what to do (``store_*``, ``data_folder_*``,
``database_url_*`` codes), never the unexpected error, never a hang, and nothing created or overwritten."""

from __future__ import annotations

import os

import pytest

from analysis.__main__ import main
from analysis.errors import UserError
from analysis.store import open_store
from tests import commands

LONG = "a" * 300


def refused(capsys, *command: str) -> str:
    assert main(list(command)) == 1
    said = capsys.readouterr()
    assert "nieoczekiwany" not in said.out + said.err
    return said.out + said.err


@pytest.mark.parametrize("content", [b"", b"Imi\xc4\x99 i nazwisko;Instytucja\r\n"])
def test_an_empty_or_foreign_file_where_the_store_should_be_is_left_as_it_is(content, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PARTNERSTWO_DATA_DIR", str(tmp_path))
    (tmp_path / "partnerstwo.sqlite").write_bytes(content)
    for command in (["history"], ["metrics", "--json"], ["import", str(tmp_path / "lista.xlsx")]):
        said = refused(capsys, *command)
        assert ("jest pusty (0 bajtów)" if not content else "nie jest bazą danych SQLite") in said
        assert "Przywróć magazyn z kopii zapasowej" in said
    assert (tmp_path / "partnerstwo.sqlite").read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["partnerstwo.sqlite"]  # no key, no copy, no sample
    with pytest.raises(UserError) as refusal:
        open_store()
    assert refusal.value.code == "store_not_a_database"


def test_a_data_folder_that_is_a_file_is_refused(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "dane"
    folder.write_text("notatki")
    monkeypatch.setenv("PARTNERSTWO_DATA_DIR", str(folder))
    assert "jest plikiem, a nie folderem" in refused(capsys, "history")
    assert folder.read_text() == "notatki"
    with pytest.raises(UserError) as refusal:
        open_store()
    assert refusal.value.code == "data_folder_unusable"


@pytest.mark.parametrize("where", ["data folder", "database url", "report", "file read"])
def test_a_name_longer_than_the_disk_takes_is_refused(where, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PARTNERSTWO_DATA_DIR", str(tmp_path / (LONG if where == "data folder" else "dane")))
    if where == "database url":
        monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / LONG}.sqlite")
    if where == "report":
        said = refused(capsys, "report", "--format", "html", "--out", str(tmp_path / f"{LONG}.html"))
        assert "nazwa pliku najwyżej 255 znaków" in said
    elif where == "file read":
        assert main(["check", str(tmp_path / f"{LONG}.xlsx")]) == 1
        assert "nazwa jest dłuższa, niż dysk przyjmuje" in capsys.readouterr().out
        assert "nazwa jest dłuższa" in refused(capsys, "import", str(tmp_path / f"{LONG}.xlsx"))
    else:
        assert "za długą nazwę" in refused(capsys, "history")
    assert [p.name for p in tmp_path.iterdir() if len(p.name) > 255] == []


@pytest.mark.parametrize(("url", "said"), [("mysql://biuro:tajne@serwer/partnerstwo", "wskazuje bazę „mysql”"),
                                           ("to nie jest adres", "nie jest adresem bazy danych"),
                                           ("postgresql+pg8000://biuro@serwer/baza", "sterownik bazy danych")])
def test_a_database_url_the_program_cannot_use_is_refused(url, said, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PARTNERSTWO_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", url)
    shown = refused(capsys, "history")
    assert said in shown and "DATABASE_URL" in shown and "tajne" not in shown
    with pytest.raises(UserError) as refusal:
        open_store()
    assert refusal.value.code == "database_url_invalid"


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:"])
def test_a_store_in_memory_is_refused_at_once_not_waited_for_forever(url, tmp_path):
    env = dict(os.environ, PARTNERSTWO_DATA_DIR=str(tmp_path), DATABASE_URL=url)
    done = commands.run("history", env=env, timeout=60)
    assert done.returncode == 1 and "bazę SQLite w pamięci" in done.stdout, done.stdout + done.stderr
